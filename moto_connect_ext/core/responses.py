"""The request path: one ``dispatch`` for every operation of every service.

moto calls ``dispatch(request, full_url, headers)`` in-process (botocore's
``AWSPreparedRequest``) and in server mode (a werkzeug request).  The pipeline:

1. route: method + raw path against the routes compiled from the model;
2. parse and validate: ``OperationPlan.parse`` (raises the modeled validation
   error before anything changes);
3. call the handler, a method named after the operation in snake case, under
   the plugin lock (so concurrent requests never interleave inside a backend);
4. serialize the result strictly against the output shape.

Handlers are thin: they read ``self.params`` (member names as keys), call the
backend and return a dict keyed by output member names.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import itertools
import logging
import os
import re
import string
import threading
import zlib
from collections.abc import Callable
from typing import Any, ClassVar
from urllib.parse import urlsplit

from botocore.awsrequest import AWSPreparedRequest
from moto.core import DEFAULT_ACCOUNT_ID

from . import moto_compat
from .arns import make_arn
from .caller import Caller, caller_in
from .errors import NotServed, ServiceError
from .fastpath import host_of
from .protocol import OperationPlan, ServiceProtocol

log = logging.getLogger("moto_connect_ext")

TYPE_RESPONSE = tuple[int, dict[str, str], str | bytes]

#: One lock for all plugin state: handlers of different services call each other
#: (campaigns and Cases look instances up in Connect), so a single re-entrant lock
#: can never deadlock.
PLUGIN_LOCK = threading.RLock()

_REGION_IN_HOST = re.compile(r"\.(?P<region>[^.]+)\.amazonaws\.com")
_ACCESS_KEY = re.compile(r"AWS.*(?P<access_key>(?<![A-Z0-9])[A-Z0-9]{20}(?![A-Z0-9]))[:/]")
_CREDENTIAL_SCOPE = re.compile(r"Credential=[^/]+/[^/]+/(?P<region>[^/]+)/")
_SIGV4_KEY = re.compile(r"Credential=(?P<access_key>[^/,\s]+)/")
_MOTO_KEY = re.compile(r"[A-Z0-9]{20}")
#: what an Authorization header without a key moto could have issued is read as
_NO_KEY = "AKIAEXAMPLE"


def _header(headers: Any, name: str) -> str | None:
    value = headers.get(name)
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return value  # type: ignore[no-any-return]


_authorization = moto_compat.header_reader("Authorization")
_account_header = moto_compat.header_reader("x-moto-account-id")


def identify_caller(headers: Any, full_url: str) -> Caller:
    """The account, Region and partition of a request, read as moto reads them: the Region from
    the host, else from the signature's credential scope; the account from ``MOTO_ACCOUNT_ID``,
    else ``x-moto-account-id``, else the IAM user the access key belongs to."""
    auth = _authorization(headers) or ""
    if auth.__class__ is bytes:
        auth = auth.decode("utf-8", "replace")
    region = _host_region(full_url) or _scope_region(auth)
    account = _environment_account() or _account_header(headers)
    if account.__class__ is bytes:
        account = account.decode("utf-8", "replace")
    if not account:
        key = _access_key(auth)
        # a key moto never issued (``testing``) belongs to no IAM user: the default account,
        # without walking every account's IAM users as moto's lookup does
        account = DEFAULT_ACCOUNT_ID if key == _NO_KEY else moto_compat.account_id_from_access_key(key)
    return caller_in(account, region)


#: the Region each host names ("" where it names none), by the URL up to its path
_HOST_REGIONS: dict[str, str] = {}


def _host_region(full_url: str) -> str:
    host = host_of(full_url)
    region = _HOST_REGIONS.get(host)
    if region is None:
        match = _REGION_IN_HOST.search(host)
        region = match.group("region") if match else ""
        if len(_HOST_REGIONS) >= 256:
            _HOST_REGIONS.clear()
        _HOST_REGIONS[host] = region
    return region


def _scope_region(auth: str) -> str:
    scope = _CREDENTIAL_SCOPE.search(auth)
    return scope.group("region") if scope else "us-east-1"


_environment_account = moto_compat.environment_reader("MOTO_ACCOUNT_ID")


def _access_key(auth: str) -> str:
    """The access key moto would read from an Authorization header (SigV4 first, cheaply)."""
    start = auth.find("Credential=") + 11
    if start >= 11:
        end = auth.find("/", start)
        key = auth[start:end]
        if end >= 0 and key.isalnum():  # the common case, read without a regex
            return key if len(key) == 20 and _MOTO_KEY.fullmatch(key) else _NO_KEY
        scope = _SIGV4_KEY.search(auth)
        if scope is not None:
            key = scope.group("access_key")
            return key if _MOTO_KEY.fullmatch(key) else _NO_KEY
    match = _ACCESS_KEY.search(auth)
    return match.group("access_key") if match else _NO_KEY


def request_parts(request: Any, full_url: str) -> tuple[str, str, str, bytes]:
    """(method, raw path, raw query, body bytes) from a botocore or werkzeug request."""
    if request.__class__ is AWSPreparedRequest:
        # botocore's URL is scheme://host[/path][?query]: split it without urlsplit's generality
        path, _, query = full_url[len(host_of(full_url)) :].partition("?")
        path = path or "/"
        method = request.method.upper()
        body = request.body
        if body.__class__ is bytes:
            return method, path, query, _gunzipped(request, body) if body[:2] == b"\x1f\x8b" else body
        return method, path, query, _body_bytes(request, body)
    parts = urlsplit(full_url)
    path, query = parts.path, parts.query
    environ = getattr(request, "environ", None)
    if environ:
        # werkzeug percent-decodes PATH_INFO; the raw URI keeps an encoded ARN in one segment
        raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
        if raw:
            raw_parts = urlsplit(raw)
            path = raw_parts.path
            query = query or raw_parts.query
        query = query or environ.get("QUERY_STRING", "")
    return str(request.method).upper(), path or "/", query, _body_bytes(request, getattr(request, "body", None))


def _body_bytes(request: Any, body: Any) -> bytes:
    """A request's body as bytes, un-gzipped where its Content-Encoding says gzip."""
    if body.__class__ is not bytes:
        if body is None and hasattr(request, "get_data"):
            body = request.get_data()
        if body is not None and hasattr(body, "read"):
            body = body.read()
        if body is None:
            body = b""
        elif isinstance(body, str):
            body = body.encode("utf-8")
    # only a body that starts with gzip's magic number can be gzip: no header lookup otherwise
    return _gunzipped(request, body) if body[:2] == b"\x1f\x8b" else body  # type: ignore[no-any-return]


def _gunzipped(request: Any, body: bytes) -> bytes:
    if (_header(request.headers, "Content-Encoding") or "").lower() == "gzip":
        with contextlib.suppress(OSError, EOFError, zlib.error):
            return gzip.decompress(body)
    return body


class PluginResponse:
    """Base of every service's response class (one per boto3 service)."""

    #: boto3 service name; set by subclasses
    SERVICE: ClassVar[str]
    #: modeled validation errors, in order of preference
    VALIDATION_ERRORS: ClassVar[tuple[str, ...]] = ("ValidationException",)
    #: the service's internal error, for bugs (a 500 is always a bug)
    INTERNAL_ERROR: ClassVar[str] = "InternalServerException"
    #: moto's own response class, for operations moto serves and the plugin does not
    FALLBACK_CLASS: ClassVar[Any] = None
    #: the BackendDict holding this service's state
    BACKENDS: ClassVar[Any]

    #: the service in this service's ARNs, and the IAM resources its requests name (see ``iam_resource``)
    ARN_SERVICE: ClassVar[str] = ""
    IAM_RESOURCES: ClassVar[tuple[str, ...]] = ()

    _protocol: ClassVar[ServiceProtocol | None] = None

    def __init__(self, caller: Caller, params: dict[str, Any], headers: Any, backend: Any) -> None:
        self.caller = caller
        self.params = params
        self.headers = headers
        #: this request's backend (its account and Region)
        self.backend = backend

    @classmethod
    def protocol(cls) -> ServiceProtocol:
        proto = cls.__dict__.get("_protocol")
        if proto is None:
            proto = ServiceProtocol(cls.SERVICE, cls.VALIDATION_ERRORS)
            cls._protocol = proto
        return proto

    # -- the pipeline --------------------------------------------------------
    @classmethod
    def dispatch(cls, request: Any, full_url: str, headers: Any) -> TYPE_RESPONSE:
        method, path, query, body = request_parts(request, full_url)
        resolved = cls.protocol().resolve(method, path)
        if resolved is None:
            return cls.unknown_operation(method, path)
        return cls.serve(resolved, request, full_url, headers, path, query, body)

    @classmethod
    def serve(
        cls,
        resolved: tuple[str, Any],
        request: Any,
        full_url: str,
        headers: Any,
        path: str,
        query: str,
        body: bytes,
    ) -> TYPE_RESPONSE:
        proto = cls.protocol()
        name, match = resolved
        plan: OperationPlan | None = None
        try:
            plan = proto.plan(name)
            handler = getattr(cls, plan.handler_name, None)
            if handler is None:
                if hasattr(cls.FALLBACK_CLASS, plan.handler_name):
                    return moto_compat.moto_dispatch(cls.FALLBACK_CLASS, request, full_url, headers)
                raise NotServed(f"The {name} operation of {cls.SERVICE} is not served by moto-connect-ext")
            caller = identify_caller(request.headers, full_url)
            checked = not moto_compat.before_auth()
            try:
                params = plan.parse(match, query, request.headers, body)
            except ServiceError:
                # IAM answers before validation; the resource is then what the path names
                if checked:
                    cls.authorize(plan, request, full_url, path, query, body, plan.labels(match), caller)
                raise
            if checked:
                cls.authorize(plan, request, full_url, path, query, body, params, caller)
            with PLUGIN_LOCK:
                try:
                    backend = moto_compat.backend_for(cls.BACKENDS, caller.account_id, caller.region)
                except KeyError:
                    raise ServiceError(f"{cls.SERVICE} is not available in region {caller.region}") from None
                result = handler(cls(caller, params, request.headers, backend))
                return _stamp(plan.serialize(result))
        except ServiceError as error:
            return _stamp(proto.serialize_error(error, plan))
        except Exception as exc:  # a bug: never let a traceback reach the client
            log.exception("moto-connect-ext failed on %s %s", cls.SERVICE, name)
            internal = ServiceError(f"Internal error in moto-connect-ext ({type(exc).__name__}: {exc})")
            internal.code = cls.INTERNAL_ERROR
            _, hdrs, text = proto.serialize_error(internal, plan)
            return _stamp((500, hdrs, text))

    # -- IAM -------------------------------------------------------------------
    @classmethod
    def authorize(
        cls,
        plan: OperationPlan,
        request: Any,
        full_url: str,
        path: str,
        query: str,
        body: bytes,
        params: dict[str, Any],
        caller: Caller,
    ) -> None:
        """moto's IAM access control: ``<signing name>:<operation>`` on the resource the request
        names (for a request that ``moto_compat.before_auth`` did not let through)."""
        try:
            moto_compat.authorize(
                caller.account_id,
                str(request.method).upper(),
                full_url,
                path,
                query,
                body,
                request.headers,
                plan.name,
                lambda: cls.iam_resource(plan.name, params, caller),
            )
        except moto_compat.AccessDenied as denied:
            error = ServiceError(denied.message)
            error.code = denied.code
            error.status = denied.status
            raise error from None

    @classmethod
    def iam_templates(cls) -> tuple[str, ...]:
        """ARN templates (or resource parts of one) over request members, most specific first."""
        return cls.IAM_RESOURCES

    @classmethod
    def iam_resource(cls, operation: str, params: dict[str, Any], caller: Caller) -> str:
        """The ARN an IAM policy's ``Resource`` is matched against for this request.

        The first template whose members the request has names it; a request that
        names nothing in particular is matched as ``*``, as moto does."""
        for template in cls.iam_templates():
            fields = _template_fields(template)
            values = {}
            for name in fields:
                value = params.get(name)
                if value is None:
                    break
                if isinstance(value, str) and value.startswith("arn:"):
                    if template.endswith("{" + name + "}"):
                        return value  # the request names the resource by its ARN
                    value = value.rsplit("/", 1)[-1]  # an ARN where the template wants an ID
                values[name] = value
            else:
                resource = template.format_map(values)
                return resource if resource.startswith("arn:") else make_arn(caller, cls.ARN_SERVICE, resource)
        return "*"

    @classmethod
    def install(cls, handlers: dict[str, Callable[[Any], Any]]) -> None:
        """Serve operations by handlers built elsewhere (the resource layer's standard operations)."""
        for name, handler in handlers.items():
            setattr(cls, name, handler)

    @classmethod
    def unknown_operation(cls, method: str, path: str) -> TYPE_RESPONSE:
        import json

        body = json.dumps({"message": f"No operation of {cls.SERVICE} matches {method} {path}"})
        return 404, {"Content-Type": "application/json", "x-amzn-ErrorType": "UnknownOperationException"}, body


@functools.cache
def _template_fields(template: str) -> tuple[str, ...]:
    """The request members an IAM resource template names, in order."""
    return tuple(name for _, name, _, _ in string.Formatter().parse(template) if name)


#: request ids look like AWS's (UUIDs of version 4) and never repeat within a process: a
#: random prefix drawn from the system's randomness (so a test seeding ``random`` does not make
#: them repeat), then a count from a random start in the last 48 bits (one call, not a draw and
#: five slices, per answer)
_request_ids: list[Any] = []


def _new_request_ids() -> None:
    seed = int.from_bytes(os.urandom(16), "big")
    raw = f"{seed:032x}"
    _request_ids[:] = [f"{raw[:8]}-{raw[8:12]}-4{raw[13:16]}-{raw[16:20]}-", itertools.count(seed & _LOW_48)]


_LOW_48 = (1 << 48) - 1
_new_request_ids()
if hasattr(os, "register_at_fork"):  # a forked server process draws its own
    os.register_at_fork(after_in_child=_new_request_ids)


def _stamp(response: TYPE_RESPONSE) -> TYPE_RESPONSE:
    """Every answer carries a request id."""
    prefix, counter = _request_ids
    response[1]["x-amzn-RequestId"] = f"{prefix}{next(counter) & _LOW_48:012x}"
    return response


def route_between(*classes: type[PluginResponse]) -> Callable[[Any, str, Any], TYPE_RESPONSE]:
    """One dispatch for services that share a host (campaigns v1 and v2)."""

    def dispatch(request: Any, full_url: str, headers: Any) -> TYPE_RESPONSE:
        method, path, query, body = request_parts(request, full_url)
        for cls in classes:
            resolved = cls.protocol().resolve(method, path)
            if resolved is not None:
                return cls.serve(resolved, request, full_url, headers, path, query, body)
        return classes[-1].unknown_operation(method, path)

    # moto's server names a handler called "dispatch" after its class: avoid the name
    dispatch.__name__ = "dispatch_" + "_".join(c.SERVICE for c in classes)
    return dispatch


def discover_handlers(package: str, path: Any) -> dict[str, Callable[[Any], Any]]:
    """Every module's ``HANDLERS`` in a handlers package (one module per resource family);
    an operation handled by two modules is a bug."""
    import importlib
    import pkgutil

    found: dict[str, Callable[[Any], Any]] = {}
    for info in sorted(pkgutil.iter_modules(path), key=lambda i: i.name):
        module = importlib.import_module(f"{package}.{info.name}")
        handlers: dict[str, Callable[[Any], Any]] = getattr(module, "HANDLERS", {})
        twice = set(found) & set(handlers)
        if twice:
            raise RuntimeError(f"{info.name} handles {sorted(twice)} already handled elsewhere")
        found.update(handlers)
    return found


def tag_handlers(arn_member: str) -> dict[str, Callable[[Any], Any]]:
    """TagResource, UntagResource and ListTagsForResource of a service whose backend keeps
    its tags in ``backend.tags`` and refuses an ARN it does not know (``backend.tagged``);
    TagResource keeps a resource within the tags it can have (``Tags.tag``)."""

    def tag_resource(request: Any) -> None:
        request.backend.tags.tag(request.backend.tagged(request.params[arn_member]), request.params["tags"])

    def untag_resource(request: Any) -> None:
        request.backend.tags.remove(request.backend.tagged(request.params[arn_member]), request.params["tagKeys"])

    def list_tags_for_resource(request: Any) -> dict[str, Any]:
        return {"tags": request.backend.tags.get(request.backend.tagged(request.params[arn_member]))}

    return {
        "tag_resource": tag_resource,
        "untag_resource": untag_resource,
        "list_tags_for_resource": list_tags_for_resource,
    }
