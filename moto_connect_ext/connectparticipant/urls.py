"""The Participant Service's routes, where moto looks for them (``<package>.urls``).

The response class is imported on the first request, not when moto imports this module.
"""

from ..core.registry import Dispatch, deferred


def _dispatch() -> Dispatch:
    from .responses import ConnectParticipantResponse

    return ConnectParticipantResponse.dispatch


url_bases = [r"https?://participant\.connect\.(.+)\.amazonaws\.com"]

# one catch-all path per host: the plugin resolves the operation from the botocore model
url_paths = {"{0}/.*$": deferred(_dispatch, "dispatch_connectparticipant")}
