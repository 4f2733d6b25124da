"""Customer Profiles' routes, where moto looks for them (``<package>.urls``, found from the backend's module).

The response class (and every family's handlers) is imported on the first request."""

from ..core.registry import Dispatch, deferred


def _dispatch() -> Dispatch:
    from .responses import CustomerProfilesResponse

    return CustomerProfilesResponse.dispatch


url_bases = [r"https?://profile\.(.+)\.amazonaws\.com"]

# one catch-all path per host: the plugin resolves the operation from the botocore model
url_paths = {"{0}/.*$": deferred(_dispatch, "dispatch_customerprofiles")}
