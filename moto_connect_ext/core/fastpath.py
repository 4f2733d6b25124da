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

import io
import re
from collections.abc import Callable
from typing import Any

from botocore.awsrequest import AWSResponse

from . import moto_compat

Handler = Callable[[Any, str, Any], tuple[int, dict[str, str], str | bytes]]

#: how many hosts the wrapper remembers the handler of (the oldest are forgotten all at once)
_HOSTS = 256


def host_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL: everything before its path or query."""
    head = url.find("//") + 2
    slash = url.find("/", head)
    mark = url.find("?", head, slash if slash >= 0 else len(url))
    end = mark if mark >= 0 else slash
    return url if end < 0 else url[:end]


class RawBody(io.BytesIO):
    """The body botocore reads an answer from: its bytes, in one piece (what moto's own
    ``MockRawResponse`` gives, built without a Python-level constructor)."""

    def stream(self, **_: Any) -> Any:
        contents = self.read()
        while contents:
            yield contents
            contents = self.read()


class FastSend:
    def __init__(self, stubber: Any, routes: list[tuple[re.Pattern[str], Handler]]) -> None:
        self.stubber = stubber
        self.routes = routes
        self._plain_moto = moto_compat.plain_moto
        #: the handler of each host seen (None for a host that is not the plugin's)
        self._hosts: dict[str, Handler | None] = {}

    def __call__(self, event_name: str, request: Any, **kwargs: Any) -> Any:
        stubber = self.stubber
        if stubber.enabled and self._plain_moto():
            url = request.url
            host = host_of(url)
            hosts = self._hosts
            handler = hosts[host] if host in hosts else self._route(host)
            if handler is not None:
                status, headers, body = handler(request, url, request.headers)
                raw = RawBody(body if isinstance(body, bytes) else body.encode("utf-8"))
                return AWSResponse(url, status, headers, raw)
        return stubber(event_name, request, **kwargs)

    def _route(self, host: str) -> Handler | None:
        found = next((handler for pattern, handler in self.routes if pattern.match(host + "/")), None)
        if len(self._hosts) >= _HOSTS:
            self._hosts.clear()
        self._hosts[host] = found
        return found


def install(routes: list[tuple[str, Handler]]) -> None:
    """Wrap moto's stubber among botocore's built-in ``before-send`` handlers."""
    found = moto_compat.botocore_stubber_entry()
    if found is None:
        return
    handlers, index, stubber = found
    compiled = [(re.compile(base + "/"), handler) for base, handler in routes]
    entry = handlers[index]
    handlers[index] = (entry[0], FastSend(stubber, compiled), *entry[2:])
