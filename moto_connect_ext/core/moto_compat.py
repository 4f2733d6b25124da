"""Every private moto API the plugin needs, in one place (and the botocore and interpreter
internals it reads on every request: ``header_reader``, ``environment_reader``).

moto has no plugin API, so a few of its internals are unavoidable.  This module
is the only one in the package that imports ``moto.*._internal``, reads or writes
a private attribute of a moto object, or imports a moto module whose contents
changed between the supported moto releases (5.2.1 to the newest 5.2.x).  Each
touch point is listed, with why, in ``docs/architecture.md``; when a moto release
breaks one, this file is where to mend it.
"""

from __future__ import annotations

import datetime as dt
import importlib.abc
import importlib.util
import re
import sys
import types
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from moto import settings as _settings
from moto.core.authorization import ActionAuthenticatorMixin as _Authenticator
from moto.moto_api import state_manager
from moto.moto_api._internal.managed_state_model import ManagedState

__all__ = [
    "ManagedState",
    "StatefulModel",
    "account_id_from_access_key",
    "alias_service_module",
    "authorize",
    "backend_for",
    "before_auth",
    "botocore_stubber_entry",
    "ds_directory",
    "environment_reader",
    "header_reader",
    "kms_key",
    "lifecycle",
    "moto_dispatch",
    "plain_moto",
    "register_host",
    "register_transition",
    "tagged_resource",
]


# -- the state manager ---------------------------------------------------------
def register_transition(model_name: str, progression: str = "immediate", **config: Any) -> None:
    """Register a model's default progression with moto's state manager."""
    state_manager.register_default_transition(model_name, transition={"progression": progression, **config})


class StatefulModel(ManagedState):
    """moto's ``ManagedState`` with the two things the plugin needs beyond it.

    * ``initial``: a status before the first transition (a campaign is created
      ``Initialized`` and only ``Running`` progresses to ``Completed``);
    * ``enter(status)``: a status set by an operation, from which a progression
      counts anew (moto keeps the counters in private fields);
    * ``reroute(transitions, status)``: the same, with another way ahead (a contact
      routed to an agent, or transferred back to a queue).
    """

    def __init__(self, model_name: str, transitions: list[tuple[str | None, str]], initial: str | None = None):
        super().__init__(model_name, transitions)
        if initial is not None:
            self._status = initial

    def enter(self, status: str) -> None:
        self._status = status
        self._tick = 0
        self._time_progressed = dt.datetime.now()

    def reroute(self, transitions: list[tuple[str | None, str]], status: str) -> None:
        """From ``status``, progress through other transitions (an operation changed the way ahead)."""
        self._transitions = transitions
        self.enter(status)

    @property
    def stored_status(self) -> str | None:
        """The status as last stored, without progressing it."""
        return self._status


def lifecycle(
    model_name: str, transitions: list[tuple[str | None, str]], initial: str | None = None
) -> Callable[[], StatefulModel]:
    """A kind of status that is nothing but its transitions: each call makes a new one."""
    return lambda: StatefulModel(model_name, transitions, initial)


# -- routing -------------------------------------------------------------------
def register_host(service: str, host_pattern: str, package: types.ModuleType) -> None:
    """Make moto route a host it does not know to a plugin package (``moto.<service>``)."""
    import re

    import moto.backend_index as backend_index

    alias_service_module(service, package)
    patterns = backend_index.backend_url_patterns
    if all(name != service for name, _ in patterns):
        patterns.append((service, re.compile(host_pattern)))


def alias_service_module(service: str, package: types.ModuleType) -> None:
    """``moto.<service>`` is the plugin package: moto's ``get_backend(service)`` finds it."""
    import moto

    sys.modules[f"moto.{service}"] = package
    setattr(moto, service, package)


def replace_backends(service: str, backends: Any) -> None:
    """Point moto's own ``<service>_backends`` (package, models, responses) at the plugin's."""
    import importlib

    attr = f"{service}_backends"
    for suffix in ("", ".models", ".responses"):
        module = importlib.import_module(f"moto.{service}{suffix}")
        if hasattr(module, attr):
            setattr(module, attr, backends)


# -- botocore's send hook (the fast path) -----------------------------------------
def botocore_stubber_entry() -> tuple[list[Any], int, Any] | None:
    """(botocore's handler list, index, moto's stubber) where moto hooks ``before-send``."""
    from botocore.handlers import BUILTIN_HANDLERS
    from moto.core.models import botocore_stubber

    for index, entry in enumerate(BUILTIN_HANDLERS):
        if entry[0] == "before-send" and entry[1] is botocore_stubber:
            return BUILTIN_HANDLERS, index, botocore_stubber
    return None


_plain_parts: list[Any] = []


def environment_reader(name: str) -> Callable[[], str | None]:
    """``os.environ.get(name)``, read from the mapping ``os.environ`` keeps its encoded entries
    in where the interpreter has one (the same entries, without encoding the key and raising
    and catching a KeyError on every request); ``os.environ.get`` elsewhere."""
    import os

    environ = os.environ
    data = getattr(environ, "_data", None)
    encodekey = getattr(environ, "encodekey", None)
    decodevalue = getattr(environ, "decodevalue", None)
    if not isinstance(data, dict) or encodekey is None or decodevalue is None:
        return lambda: environ.get(name)
    key = encodekey(name)

    def read() -> str | None:
        value = data.get(key)
        return None if value is None else decodevalue(value)  # type: ignore[no-any-return]

    return read


def header_reader(name: str) -> Callable[[Any], Any]:
    """A reader of one request header (None where absent).  botocore's ``HeadersDict`` is read
    through the case-insensitive dict it keeps privately, with the key built once: its public
    ``get`` builds a key object on every lookup and raises and catches a KeyError on a miss,
    and a request's path reads two headers.  Any other mapping is read with ``get``."""
    from botocore import awsrequest

    headers_dict = getattr(awsrequest, "HeadersDict", None)
    key_class = getattr(awsrequest, "_HeaderKey", None)
    if headers_dict is None or key_class is None:
        return lambda headers: headers.get(name)
    key = key_class(name)

    def read(headers: Any) -> Any:
        if headers.__class__ is headers_dict:
            return headers._dict.get(key)
        return headers.get(name)

    return read


def plain_moto() -> bool:
    """No recorder, passthrough or service whitelist: moto's stubber would only route."""
    if not _plain_parts:
        from moto.core.config import default_user_config
        from moto.moto_api import recorder

        _plain_parts.extend((recorder, default_user_config))
    recorder, config = _plain_parts
    if getattr(recorder, "_user_enabled", False):  # the recorder keeps its switch private
        return False
    core = config.get("core")
    if not core:
        return True
    return core.get("service_whitelist") is None and not core.get("passthrough", {}).get("services")


def backend_for(backends: Any, account_id: str, region: str) -> Any:
    """``backends[account_id][region]``: a ``BackendDict`` read as the dict it is once the
    backend exists (its ``__getitem__`` takes a lock and scans every registered service on
    each call); the first read, and one after a reset, goes through moto's own lookup."""
    account = dict.get(backends, account_id)
    backend = dict.get(account, region) if account is not None else None
    return backend if backend is not None else backends[account_id][region]


def moto_dispatch(klass: Any, request: Any, full_url: str, headers: Any) -> tuple[int, dict[str, str], str | bytes]:
    """Hand a request to one of moto's own response classes, in the form this moto expects."""
    try:  # moto 5.2.5 and later act on one normalized request type
        from moto.core.request import normalize_request
    except ImportError:
        return klass.dispatch(request, full_url, headers)  # type: ignore[no-any-return]
    normalized = normalize_request(request)
    raw_url = getattr(normalized, "raw_url", None)
    if raw_url is None:  # moto 5.2.1 has normalize_request but takes the request as it came
        decode_header_values(request)
        return klass.dispatch(request, full_url, request.headers)  # type: ignore[no-any-return]
    return klass.dispatch(normalized, raw_url, normalized.headers)  # type: ignore[no-any-return]


def decode_header_values(request: Any) -> None:
    """Text header values, as moto's own stubber leaves them before moto reads them."""
    for name, value in list(request.headers.items()):
        if isinstance(value, bytes):
            request.headers[name] = value.decode("utf-8")


# -- accounts and IAM ------------------------------------------------------------
def account_id_from_access_key(access_key: str) -> str:
    """The account moto associates with an access key (its IAM users', or the default)."""
    from moto.iam.models import get_account_id_from

    return str(get_account_id_from(access_key))


class AccessDenied(Exception):
    """moto's IAM refused the request; ``code`` and ``status`` say how AWS answers."""

    def __init__(self, code: str, status: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.message = message


def before_auth() -> bool:
    """True while fewer requests than ``INITIAL_NO_AUTH_ACTION_COUNT`` have been made (moto's
    IAM does not check them yet), counting this one as moto does."""
    if _Authenticator.request_count < _settings.INITIAL_NO_AUTH_ACTION_COUNT:
        _Authenticator.request_count += 1
        return True
    return False


def authorize(
    account_id: str,
    method: str,
    full_url: str,
    path: str,
    query: str,
    body: bytes,
    headers: Any,
    action: str,
    resource: Callable[[], str],
) -> None:
    """moto's IAM access control for one request, as ``BaseResponse.call_action`` does it,
    once ``before_auth`` has said that IAM checks this one: the signature and the caller's
    policies are checked against ``<signing name>:<action>`` on ``resource``.  Raises
    ``AccessDenied``."""
    from moto.core.exceptions import HTTPException
    from moto.iam.access_control import IAMRequest

    text_headers = {k: (v.decode("utf-8", "replace") if isinstance(v, bytes) else v) for k, v in dict(headers).items()}
    if not any(k.lower() == "host" for k in text_headers):
        # botocore signs the host its HTTP layer adds later
        text_headers["host"] = urlsplit(full_url).netloc
    if "Authorization" not in text_headers:
        raise AccessDenied("MissingAuthenticationTokenException", 403, "Missing Authentication Token")
    try:
        iam_request = IAMRequest(
            account_id=account_id,
            method=method,
            path=path + ("?" + query if query else ""),
            data={},
            body=body,
            headers=text_headers,
            action=action,
        )
        iam_request.check_signature()
        iam_request.check_action_permitted(resource())
    except HTTPException as error:
        code = getattr(error, "error_type", None) or type(error).__name__
        message = getattr(error, "message", None) or str(error.description or "")
        if code == "AccessDenied":
            code = "AccessDeniedException"
        elif code == "SignatureDoesNotMatch":
            code = "InvalidSignatureException"
        elif code == "InvalidClientTokenId":
            code = "UnrecognizedClientException"
        raise AccessDenied(code, 403, message) from None


# -- other moto services the plugin looks things up in ---------------------------
def ds_directory(account_id: str, region: str, directory_id: str) -> Any:
    """A Directory Service directory moto knows, or None."""
    from moto.ds.models import ds_backends

    try:
        return ds_backends[account_id][region].directories.get(directory_id)
    except KeyError:
        return None


def kms_key(account_id: str, region: str, key_id: str) -> Any:
    """A KMS key moto knows (by id), or None."""
    from moto.kms.models import kms_backends

    try:
        return kms_backends[account_id][region].keys.get(key_id)
    except KeyError:
        return None


def tagged_resource(arn: str, tags: dict[str, str], resource_type: str) -> Any:
    """What moto's Resource Groups Tagging API reads from ``iter_tagged_resources``."""
    from moto.core.resource_tagging import TaggedResource

    return TaggedResource(arn=arn, tags=tags, resource_type=resource_type)


# -- moto's server: services signed with another service's signing name ---------------------------
_SERVER_MODULE = "moto.moto_server.werkzeug_app"
_SCOPE = re.compile(r"Credential=[^/]+/[^/]+/(?P<region>[^/]+)/(?P<service>[^/]+)/")
#: (signing name, path prefix, host template with ``{region}``)
_signed_routes: list[tuple[str, str, str]] = []


def route_signed_path(signing_name: str, path_prefix: str, host_template: str) -> None:
    """moto's server picks a backend from a request's credential scope; a service that signs
    with another's signing name (the Participant Service signs as ``execute-api``, which moto's
    server reads as IoT) is routed to ``host_template`` when the path starts with ``path_prefix``
    (unsigned requests too).  ``DomainDispatcherApplication.infer_service_region_host`` is
    wrapped once moto's server module is imported (now, or when it is: importing it here would
    cost every ``import moto_connect_ext`` flask's import)."""
    _signed_routes.append((signing_name, path_prefix, host_template))
    module = sys.modules.get(_SERVER_MODULE)
    if module is not None:
        _wrap_server(module)
    elif not any(isinstance(f, _AfterImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterImport(_SERVER_MODULE, _wrap_server))


def _wrap_server(module: types.ModuleType) -> None:
    app = module.DomainDispatcherApplication
    original = app.infer_service_region_host
    if getattr(original, "_plugin_wrapped", False):
        return

    def infer_service_region_host(self: Any, environ: dict[str, Any], path: str) -> Any:
        auth = environ.get("HTTP_AUTHORIZATION") or ""
        scope = _SCOPE.search(auth)
        for signing_name, prefix, template in _signed_routes:
            if path.startswith(prefix) and (not auth or (scope is not None and scope["service"] == signing_name)):
                return template.format(region=scope["region"] if scope else "us-east-1")
        return original(self, environ, path)

    infer_service_region_host._plugin_wrapped = True  # type: ignore[attr-defined]
    app.infer_service_region_host = infer_service_region_host


class _AfterImport(importlib.abc.MetaPathFinder):
    """Calls ``then(module)`` once the module ``name`` has been imported."""

    def __init__(self, name: str, then: Callable[[types.ModuleType], None]) -> None:
        self.name = name
        self.then = then

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        run = loader.exec_module
        then = self.then

        def exec_module(module: types.ModuleType) -> None:
            run(module)
            then(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec
