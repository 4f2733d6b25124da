"""Outbound campaigns' routes (v1 and v2 share the host), where moto looks for them.

moto finds ``<package>.urls`` from the backend's module; v2 is told from v1 by its
``/v2/`` path prefix, which ``route_between`` resolves from the botocore models.  The
response classes are imported on the first request, not when moto imports this module.
"""

from ..core.registry import Dispatch, deferred


def _dispatch() -> Dispatch:
    from ..connectcampaignsv2.responses import ConnectCampaignsV2Response
    from ..core.responses import route_between
    from .responses import ConnectCampaignsResponse

    return route_between(ConnectCampaignsV2Response, ConnectCampaignsResponse)


url_bases = [r"https?://connect-campaigns\.(.+)\.amazonaws\.com"]

# one catch-all path per host: the plugin resolves the operation from the botocore models
url_paths = {"{0}/.*$": deferred(_dispatch, "dispatch_connectcampaigns")}
