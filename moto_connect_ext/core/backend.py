"""Base of every plugin backend: a moto ``BaseBackend`` with model-driven routing.

State lives in ``__init__`` only, so moto's reset (``BaseBackend.reset`` calls
``__init__`` again) clears it; nothing is cached at module level.
"""

from __future__ import annotations

from typing import Any, ClassVar

from moto.core.base_backend import BaseBackend


class Routes:
    """What moto reads from a ``urls`` module: the host regexes and path handlers."""

    def __init__(self, url_bases: list[str], handler: Any) -> None:
        self.url_bases = url_bases
        # one catch-all path per host: the plugin resolves the operation itself
        self.url_paths = {"{0}/.*$": handler}


class PluginBackend(BaseBackend):
    """A backend whose routes moto finds through ``ROUTES``, not a ``urls`` module."""

    ROUTES: ClassVar[Routes]

    @property
    def _url_module(self) -> Any:
        return self.ROUTES
