"""Connect Cases' routes, where moto looks for them (``<package>.urls``, found from the backend's module).

The response class is imported on the first request, not when moto imports this module.
"""

from ..core.registry import Dispatch, deferred


def _dispatch() -> Dispatch:
    from .responses import CasesResponse

    return CasesResponse.dispatch


url_bases = [r"https?://cases\.(.+)\.amazonaws\.com"]

# one catch-all path per host: the plugin resolves the operation from the botocore model
url_paths = {"{0}/.*$": deferred(_dispatch, "dispatch_connectcases")}
