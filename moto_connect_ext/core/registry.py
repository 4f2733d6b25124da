"""Plugs the plugin's services into moto's routing tables.

moto has no plugin API.  It routes a request by matching its URL against
``moto.backend_index.backend_url_patterns``, importing ``moto.<service>`` and
reading ``<service>_backends`` there; each backend's ``urls`` (its package's
``urls`` module, found from the backend's module name) then map paths to
handlers.  ``register()`` works through exactly those tables:

* a service moto does not know (``connectcases``): its host regex is appended to
  ``backend_url_patterns`` and ``sys.modules["moto.<service>"]`` is aliased to the
  plugin's package, which exposes ``<service>_backends``;
* a service moto knows (``connect``, ``connectcampaigns``): moto's module
  attribute ``<service>_backends`` (in the package, its models and its
  responses) is replaced by the plugin's ``BackendDict``, whose backend class
  subclasses moto's, so moto's own operations keep working on the same store;
* a service served on another one's host (``connectcampaignsv2`` on
  ``connect-campaigns``): only the ``sys.modules`` alias, so moto's
  ``get_backend("<service>")`` finds its ``BackendDict``; routing stays with the
  host's owner.

The same tables serve ``mock_aws``, ``ThreadedMotoServer`` and ``moto_server``.
Registration is idempotent and thread-safe.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: what moto calls for a request: ``(request, full_url, headers) -> (status, headers, body)``
Dispatch = Callable[[Any, str, Any], Any]


@dataclass(frozen=True)
class Registration:
    #: moto's name for the service: key in moto's URL index, ``moto.<name>``
    moto_service: str
    #: the plugin package that exposes ``<moto_service>_backends``
    package: str
    #: for services moto does not know: the host regex to add to moto's index
    host_pattern: str | None = None
    #: served on another registration's host: alias the module, add no host
    alias_only: bool = False
    #: moto's server: requests signed as ``(signing name, path prefix)`` are this service's
    signed_as: tuple[str, str] | None = None


REGISTRATIONS: tuple[Registration, ...] = (
    Registration("connect", "moto_connect_ext.connect"),
    Registration("connectcases", "moto_connect_ext.connectcases", r"https?://cases\.(.+)\.amazonaws\.com"),
    Registration("connectcampaigns", "moto_connect_ext.connectcampaigns"),
    Registration("connectcampaignsv2", "moto_connect_ext.connectcampaignsv2", alias_only=True),
    Registration("customerprofiles", "moto_connect_ext.customerprofiles", r"https?://profile\.(.+)\.amazonaws\.com"),
    Registration(
        "connectparticipant",
        "moto_connect_ext.connectparticipant",
        r"https?://participant\.connect\.(.+)\.amazonaws\.com",
        signed_as=("execute-api", "/participant/"),
    ),
)

_lock = threading.Lock()
_registered = False


def deferred(load: Callable[[], Dispatch], name: str) -> Dispatch:
    """A dispatch function that builds the real one (importing the service's response
    class, its handlers and every resource family) on the first request, so that
    ``import moto_connect_ext`` stays cheap.  ``name`` is what moto's server calls the
    view; it must be unique and not ``dispatch``."""
    target: list[Dispatch] = []

    def dispatch(request: Any, full_url: str, headers: Any) -> Any:
        if not target:
            with _lock:
                if not target:
                    target.append(load())
        return target[0](request, full_url, headers)

    dispatch.__name__ = dispatch.__qualname__ = name
    return dispatch


def registered() -> bool:
    return _registered


def register() -> None:
    """Make moto serve the plugin's services (idempotent, thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from . import fastpath, moto_compat

        fast_routes: list[tuple[str, fastpath.Handler]] = []
        for reg in REGISTRATIONS:
            package = importlib.import_module(reg.package)
            backends = getattr(package, f"{reg.moto_service}_backends")
            if reg.alias_only:
                moto_compat.alias_service_module(reg.moto_service, package)
                continue
            urls = importlib.import_module(f"{reg.package}.urls")
            fast_routes.extend((base, handler) for base in urls.url_bases for handler in urls.url_paths.values())
            if reg.host_pattern is not None:
                moto_compat.register_host(reg.moto_service, reg.host_pattern, package)
                if reg.signed_as is not None:
                    host = reg.host_pattern.replace(r"https?://", "").replace(r"(.+)", "{region}").replace("\\.", ".")
                    moto_compat.route_signed_path(*reg.signed_as, host)
            else:
                moto_compat.replace_backends(reg.moto_service, backends)
        fastpath.install(fast_routes)
        _registered = True
