"""Connect's routes, where moto looks for them (``<package>.urls``, found from the backend's module)."""

from .responses import ConnectResponse

url_bases = [r"https?://connect\.(.+)\.amazonaws\.com"]

# one catch-all path per host: the plugin resolves the operation from the botocore model
url_paths = {"{0}/.*$": ConnectResponse.dispatch}
