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

from . import moto_compat

Handler = Callable[[Any, str, Any], tuple[int, dict[str, str], str]]


class FastSend:
    def __init__(self, stubber: Any, routes: list[tuple[re.Pattern[str], Handler]]) -> None:
        self.stubber = stubber
        self.routes = routes
        self._response, self._raw = moto_compat.mock_response_parts()
        self._plain_moto = moto_compat.plain_moto

    def __call__(self, event_name: str, request: Any, **kwargs: Any) -> Any:
        stubber = self.stubber
        if stubber.enabled and self._plain_moto():
            url = request.url
            for pattern, handler in self.routes:
                if pattern.match(url):
                    status, headers, body = handler(request, url, request.headers)
                    return self._response(url, status, headers, self._raw(body))
        return stubber(event_name, request, **kwargs)


def install(routes: list[tuple[str, Handler]]) -> None:
    """Wrap moto's stubber among botocore's built-in ``before-send`` handlers."""
    found = moto_compat.botocore_stubber_entry()
    if found is None:
        return
    handlers, index, stubber = found
    compiled = [(re.compile(base + "/"), handler) for base, handler in routes]
    entry = handlers[index]
    handlers[index] = (entry[0], FastSend(stubber, compiled), *entry[2:])
