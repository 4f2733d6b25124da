"""A direct path from botocore to the plugin, in front of moto's stubber.

moto answers a mocked botocore call in its ``before-send`` handler: it walks its
whole URL index, rebuilds the backend's URL table and turns the request into a
werkzeug request before a handler sees it.  For the plugin's own hosts that work
is pure overhead, so ``install()`` puts a wrapper in moto's place among
botocore's built-in handlers: while a mock is active it hands a request for one
of the plugin's hosts straight to the plugin's ``dispatch``, and leaves every
other request (and every request when moto's recorder, passthrough or service
whitelist is in use) to moto's stubber exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Handler = Callable[[Any, str, Any], tuple[int, dict[str, str], str]]


class FastSend:
    def __init__(self, stubber: Any, routes: list[tuple[re.Pattern[str], Handler]]) -> None:
        from botocore.awsrequest import AWSResponse
        from moto.core.botocore_stubber import MockRawResponse
        from moto.core.config import default_user_config
        from moto.moto_api import recorder

        self.stubber = stubber
        self.routes = routes
        self._response = AWSResponse
        self._raw = MockRawResponse
        self._config = default_user_config
        self._recorder = recorder

    def __call__(self, event_name: str, request: Any, **kwargs: Any) -> Any:
        stubber = self.stubber
        if stubber.enabled and self._plain_moto():
            url = request.url
            for pattern, handler in self.routes:
                if pattern.match(url):
                    status, headers, body = handler(request, url, request.headers)
                    return self._response(url, status, headers, self._raw(body))
        return stubber(event_name, request, **kwargs)

    def _plain_moto(self) -> bool:
        """No recorder, passthrough or whitelist: moto's stubber would only route the request."""
        if getattr(self._recorder, "_user_enabled", False):
            return False
        core = self._config.get("core")
        if not core:
            return True
        return core.get("service_whitelist") is None and not core.get("passthrough", {}).get("services")


def install(routes: list[tuple[str, Handler]]) -> None:
    """Wrap moto's stubber among botocore's built-in ``before-send`` handlers."""
    from botocore.handlers import BUILTIN_HANDLERS
    from moto.core.models import botocore_stubber

    compiled = [(re.compile(base + "/"), handler) for base, handler in routes]
    for index, entry in enumerate(BUILTIN_HANDLERS):
        if entry[0] == "before-send" and entry[1] is botocore_stubber:
            BUILTIN_HANDLERS[index] = (entry[0], FastSend(botocore_stubber, compiled), *entry[2:])
            return
