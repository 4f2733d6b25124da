"""rest-json, driven by the botocore model: routing, parsing, serialization.

``ServiceProtocol(service_name)`` compiles, once and lazily per operation, the
route regex, the input decoder (see ``validation``) and the output encoder.
Output encoding is strict: a key that is not a member of the output shape, a
missing required member or a value of the wrong type is a bug in the plugin and
raises ``OutputShapeError`` (reported to the client as a 500, so tests see it).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import threading
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qs, unquote

import orjson
from botocore.model import OperationModel, Shape

from .errors import ServiceError, ValidationError
from .model import Route, compile_route, service_model, snake_case
from .validation import MISSING, Compiler, Decoder, Problems, problem, summarize, wire_key

Encoder = Callable[[Any], Any]


class OutputShapeError(Exception):
    """The plugin produced output that does not fit the botocore output shape."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{'.'.join(self.path)}: {self.reason}" if self.path else self.reason


def _compact_json() -> Callable[[Any], str]:
    """``json.dumps(value, separators=(",", ":"))``, with the C encoder built once rather than
    on every call."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # an interpreter without the C accelerator
        return lambda value: json.dumps(value, separators=(",", ":"))

    def default(value: Any) -> Any:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    encode = make(None, default, json.encoder.encode_basestring_ascii, None, ":", ",", False, False, True)
    return lambda value: "".join(encode(value, 0))


_json_text = _compact_json()
#: what orjson would write in its own way rather than refuse, as the standard encoder does
_ORJSON_STRICT = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def dump_json(value: Any) -> bytes:
    """The compact JSON text of a value, as UTF-8 (what every answer's body is).

    orjson writes it about ten times faster than the standard library; what orjson refuses (an
    integer beyond 64 bits, a type it does not know) goes to the standard encoder, which writes
    the big integer and refuses the rest as before."""
    try:
        return orjson.dumps(value, option=_ORJSON_STRICT)
    except orjson.JSONEncodeError:
        return _json_text(value).encode("utf-8")


def _iso8601(value: dt.datetime) -> str:
    value = value.astimezone(dt.timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _epoch(value: dt.datetime) -> float:
    """Seconds since the epoch to the millisecond, cut as ``_iso8601`` cuts them (an exact
    quotient of whole milliseconds: its shortest text has at most three decimals)."""
    if value.tzinfo is None:  # a naive time is local, as ``datetime.timestamp`` reads it
        value = value.astimezone(dt.timezone.utc)
    since = value - _EPOCH
    return (since.days * 86_400_000 + since.seconds * 1000 + since.microseconds // 1000) / 1000


def _timestamp_formatter(fmt: str | None, default: str) -> Callable[[dt.datetime], Any]:
    fmt = fmt or default
    if fmt == "iso8601":
        return _iso8601
    if fmt == "rfc822":
        return lambda v: format_datetime(v.astimezone(dt.timezone.utc), usegmt=True)
    return _epoch


class Encoded(dict):  # type: ignore[type-arg]
    """A structure already in its wire form, checked against the shape it names (a resource
    rendered straight to JSON values): its shape's encoder passes it through as it is.  Made
    empty, then ``shape`` set (a constructor of its own would cost every rendering a call)."""

    __slots__ = ("shape",)
    shape: str


class _OutputCompiler:
    """Output encoders: one per shape name, checking what they encode.

    An encoder takes the backend's value and returns the JSON value.  Errors name
    their place on the way up (``Instance.Arn: expected a string``), so the
    common path builds no path strings."""

    def __init__(self) -> None:
        self._encoders: dict[str, Encoder] = {}
        #: one builder at a time (a service's encoders are shared by every renderer), and what it
        #: builds is published only once the outermost encoder is done: a recursive shape is
        #: first a stand-in that works only once its encoder is built
        self._lock = threading.RLock()
        self._pending: dict[str, Encoder] = {}
        self._depth = 0

    def encoder(self, shape: Shape) -> Encoder:
        found = self._encoders.get(shape.name)
        if found is not None:
            return found
        with self._lock:
            found = self._encoders.get(shape.name) or self._pending.get(shape.name)
            if found is not None:
                return found
            slot: list[Encoder] = []
            self._pending[shape.name] = lambda v: slot[0](v)
            self._depth += 1
            try:
                built = self._build(shape)
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self._pending.clear()
                raise
            self._depth -= 1
            slot.append(built)
            self._pending[shape.name] = built
            if self._depth == 0:
                self._encoders.update(self._pending)
                self._pending.clear()
            return built

    def members(self, shape: Shape) -> list[tuple[str, str, Encoder, bool]]:
        """(member, wire name, encoder, whether it is a plain string) for each member of a
        structure, for a renderer that writes the wire form itself (``Encoded``)."""
        out = []
        for name, member in shape.members.items():
            enc = self.encoder(member)
            out.append((name, wire_key(name, member), enc, bool(getattr(enc, "plain_string", False))))
        return out

    def _build(self, shape: Shape) -> Encoder:
        kind = shape.type_name
        if kind == "structure":
            if shape.metadata.get("document"):
                return lambda v: v
            members = {name: (wire_key(name, m), self.encoder(m)) for name, m in shape.members.items()}
            return self.structure_of(shape, members)
        if kind == "list":
            return _list_encoder(self.encoder(shape.member))
        if kind == "map":
            return _map_encoder(self.encoder(shape.value))
        if kind == "string":
            return _string_encoder(frozenset(shape.metadata.get("enum") or ()))
        if kind in ("integer", "long"):
            return _checked(lambda v: isinstance(v, int) and not isinstance(v, bool), "an integer")
        if kind in ("float", "double"):
            return _checked(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "a number")
        if kind == "boolean":
            return _checked(lambda v: isinstance(v, bool), "a boolean")
        if kind == "timestamp":
            fmt = _timestamp_formatter(shape.serialization.get("timestampFormat"), "unixTimestamp")

            def enc_ts(value: Any) -> Any:
                if not isinstance(value, dt.datetime):
                    raise OutputShapeError(f"expected a datetime, got {value!r}")
                return fmt(value)

            return enc_ts
        if kind == "blob":
            return lambda v: base64.b64encode(v).decode("ascii")
        raise NotImplementedError(kind)

    @staticmethod
    def structure_of(shape: Shape, members: dict[str, tuple[str, Encoder]]) -> Encoder:
        required = [name for name in shape.required_members if name in members]

        # plain strings (no enum) are the commonest members: checked inline, without a call
        plain = {name: wire for name, (wire, enc) in members.items() if getattr(enc, "plain_string", False)}

        def enc_struct(value: Any) -> Any:
            if value.__class__ is Encoded:
                if value.shape != shape.name:
                    raise OutputShapeError(f"expected a {shape.name} structure, got one of {value.shape}")
                return value
            if not isinstance(value, dict):
                raise OutputShapeError(f"expected a {shape.name} structure, got {type(value).__name__}")
            out = {}
            for name, item in value.items():
                if item.__class__ is str:
                    wire = plain.get(name)
                    if wire is not None:
                        out[wire] = item
                        continue
                elif item is None:
                    continue
                entry = members.get(name)
                if entry is None:
                    raise OutputShapeError(f"{name!r} is not a member of {shape.name}")
                wire, enc = entry
                try:
                    out[wire] = enc(item)
                except OutputShapeError as error:
                    error.path = (name, *error.path)
                    raise
            for name in required:
                if value.get(name) is None:
                    raise OutputShapeError(f"required member {name!r} of {shape.name} is missing")
            return out

        return enc_struct


def _list_encoder(item: Encoder) -> Encoder:
    def enc_list(value: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            raise OutputShapeError(f"expected a list, got {type(value).__name__}")
        return [item(v) for v in value]

    return enc_list


def _map_encoder(item: Encoder) -> Encoder:
    def enc_map(value: Any) -> Any:
        if not isinstance(value, dict):
            raise OutputShapeError(f"expected a map, got {type(value).__name__}")
        return {str(k): item(v) for k, v in value.items()}

    return enc_map


def _string_encoder(enum: frozenset[str]) -> Encoder:
    def enc_string(value: Any) -> Any:
        if not isinstance(value, str):
            raise OutputShapeError(f"expected a string, got {value!r}")
        if enum and value not in enum:
            raise OutputShapeError(f"{value!r} is not in the enum")
        return value

    enc_string.plain_string = not enum  # type: ignore[attr-defined]
    return enc_string


def _checked(ok: Callable[[Any], bool], kind: str) -> Encoder:
    def enc(value: Any) -> Any:
        if not ok(value):
            raise OutputShapeError(f"expected {kind}, got {value!r}")
        return value

    return enc


def _boolean(text: str) -> bool:
    lowered = text.lower()
    if lowered not in ("true", "false"):
        raise ValueError(text)
    return lowered == "true"


#: how a URI label, query value or header becomes a member of each non-string type, and the
#: problem a text that is not one gets
_FROM_TEXT: dict[str, tuple[Callable[[str], Any], str]] = {
    "integer": (int, "Member must be an integer"),
    "long": (int, "Member must be an integer"),
    "float": (float, "Member must be a number"),
    "double": (float, "Member must be a number"),
    "boolean": (_boolean, "Member must be a boolean"),
}


def _scalar_from_text(shape: Shape, text: str, path: str, problems: Problems) -> Any:
    """Convert a URI label, query value or header into the member's type."""
    conversion = _FROM_TEXT.get(shape.type_name)
    if conversion is None:
        return text
    convert, wrong = conversion
    try:
        return convert(text)
    except ValueError:
        problems.append(problem(text, path, wrong))
        return MISSING


class OperationPlan:
    """Everything needed to serve one operation, compiled once."""

    def __init__(self, proto: ServiceProtocol, op: OperationModel) -> None:
        self.name = op.name
        self.handler_name = snake_case(op.name)
        self.operation = op
        self.route = compile_route(op)
        self.success_code = int(op.http.get("responseCode", 200))
        #: the errors the operation's model lists
        self.error_names = frozenset(e.name for e in op.error_shapes)
        self.validation_error = proto.validation_error_for(self.error_names)
        # (group, query key or header, member, its path in messages, shape, decoder)
        self._uri: list[tuple[str, str, str, Shape, Decoder]] = []
        self._query: list[tuple[str, str, str, Shape, Decoder]] = []
        self._headers: list[tuple[str, str, str, Shape, Decoder]] = []
        self._payload: tuple[str, Shape, Decoder] | None = None
        self._body: Decoder | None = None
        self._required: list[tuple[str, str]] = []
        self._empty_body_checked = False
        inp = op.input_shape
        if inp is not None:
            group_for = {member: group for group, member in self.route.labels.items()}
            body_members: list[tuple[str, str, Decoder]] = []
            payload = inp.serialization.get("payload")
            for name, member in inp.members.items():
                location = member.serialization.get("location")
                dec = proto.compiler.decoder(member)
                wire = member.serialization.get("name", name)
                if location == "uri":
                    self._uri.append((group_for.get(wire, group_for.get(name, "")), name, _top(name), member, dec))
                elif location == "querystring":
                    self._query.append((wire, name, _top(name), member, dec))
                elif location == "header":
                    self._headers.append((wire.lower(), name, _top(name), member, dec))
                elif location is None and name == payload:
                    self._payload = (name, member, dec)
                elif location is None:
                    body_members.append((name, wire_key(name, member), dec))
                if name in inp.required_members and location != "uri":
                    self._required.append((name, location or "body"))
            if self._payload is None:
                view = _BodyView(inp)
                self._body = Compiler.structure_of(view, body_members)
                # an absent body is checked only where that can find something missing
                self._empty_body_checked = bool(view.required_members or view.metadata.get("union"))
        self._encode_body: Encoder | None = None
        self._out_headers: list[tuple[str, str, Callable[[Any], str]]] = []
        self._status_member: str | None = None
        out = op.output_shape
        if out is not None:
            body_out: dict[str, tuple[str, Encoder]] = {}
            for name, member in out.members.items():
                location = member.serialization.get("location")
                if location == "header":
                    fmt = _header_formatter(member)
                    self._out_headers.append((name, member.serialization.get("name", name), fmt))
                elif location == "statusCode":
                    self._status_member = name
                else:
                    body_out[name] = (wire_key(name, member), proto.outputs.encoder(member))
            self._encode_body = _OutputCompiler.structure_of(_BodyView(out), body_out)

    # -- input ---------------------------------------------------------------
    def labels(self, match: Any) -> dict[str, str]:
        """The members a request's path carries, undecoded and unchecked (for IAM)."""
        return {name: unquote(match.group(group)) for group, name, _, _, _ in self._uri if group}

    def parse(self, match: Any, query: str, headers: Any, body: bytes) -> dict[str, Any]:
        try:
            return self._parse(match, query, headers, body)
        except RecursionError:
            raise ValidationError("The request is nested too deeply to be processed") from None

    def _parse(self, match: Any, query: str, headers: Any, body: bytes) -> dict[str, Any]:
        problems: Problems = []
        params: dict[str, Any] = {}
        for group, name, path, shape, dec in self._uri:
            text = unquote(match.group(group)) if group else ""
            value = text if shape.type_name == "string" else _scalar_from_text(shape, text, path, problems)
            if value is not MISSING:
                value = dec(value, path, problems)
            if value is not MISSING:
                params[name] = value
        if self._query:
            qs = parse_qs(query, keep_blank_values=True) if query else {}
            for wire, name, path, shape, dec in self._query:
                values = qs.get(wire)
                if values is None:
                    continue
                if shape.type_name == "list":
                    items = [_scalar_from_text(shape.member, v, path, problems) for v in values]
                    value = dec([i for i in items if i is not MISSING], path, problems)
                else:
                    value = _scalar_from_text(shape, values[0], path, problems)
                    if value is not MISSING:
                        value = dec(value, path, problems)
                if value is not MISSING:
                    params[name] = value
        for wire, name, path, shape, dec in self._headers:
            text = headers.get(wire)
            if text is None:
                continue
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            value = dec(text, path, problems) if shape.type_name == "timestamp" else None
            if shape.type_name != "timestamp":
                value = _scalar_from_text(shape, text, path, problems)
                if value is not MISSING:
                    value = dec(value, path, problems)
            if value is not MISSING:
                params[name] = value
        if self._payload is not None:
            name, shape, dec = self._payload
            if body:
                if shape.type_name == "structure":
                    value = dec(_load_json(body), _top(name), problems)
                else:
                    value = body if shape.type_name == "blob" else body.decode("utf-8", "replace")
                if value is not MISSING:
                    params[name] = value
        elif self._body is not None:
            decoded = MISSING
            if body and body.strip():
                decoded = self._body(_load_json(body), "", problems)
            elif self._empty_body_checked:
                decoded = self._body({}, "", problems)
            if decoded is not MISSING:
                params.update(decoded)
        for name, location in self._required:
            if location != "body" and name not in params and not any(_top(name) in p for p in problems):
                problems.append(problem(None, _top(name), "Member must not be null"))
        if problems:
            raise ValidationError(summarize(problems))
        return params

    # -- output --------------------------------------------------------------
    def serialize(self, result: Any) -> tuple[int, dict[str, str], bytes]:
        status = self.success_code
        headers: dict[str, str] = {"Content-Type": "application/json"}
        if self._encode_body is None:
            if result:
                raise OutputShapeError(f"{self.name} has no output shape but returned {result!r}")
            return status, headers, b"{}"
        if self._out_headers or self._status_member is not None:
            result = dict(result or {})
        for name, wire, fmt in self._out_headers:
            value = result.pop(name, None)
            if value is not None:
                headers[wire] = fmt(value)
        if self._status_member is not None:
            code = result.pop(self._status_member, None)
            if code is not None:
                status = int(code)
        try:
            body = self._encode_body(result or {})
        except OutputShapeError as error:
            raise OutputShapeError(f"{self.name} output: {error}") from None
        return status, headers, dump_json(body)


class _BodyView:
    """A stand-in structure shape limited to the members that travel in the body."""

    def __init__(self, shape: Shape) -> None:
        self.name = shape.name
        self.required_members = [
            m for m in shape.required_members if shape.members[m].serialization.get("location") is None
        ]
        self.metadata = shape.metadata


def _header_formatter(shape: Shape) -> Callable[[Any], str]:
    if shape.type_name == "timestamp":
        fmt = _timestamp_formatter(shape.serialization.get("timestampFormat"), "rfc822")
        return lambda v: str(fmt(v))
    if shape.type_name == "boolean":
        return lambda v: "true" if v else "false"
    return str


def _segments(path: str) -> list[str]:
    """``/a/b/`` -> ``["a", "b"]``; the root is one empty segment."""
    return path.strip("/").split("/")


def _top(name: str) -> str:
    return name[:1].lower() + name[1:]


def _load_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(f"Could not parse the request body as JSON: {exc}") from None


@functools.cache
def output_compiler(service_name: str) -> _OutputCompiler:
    """The output encoders of one service (one set, whoever encodes)."""
    return _OutputCompiler()


#: how many resolved paths a service remembers (the oldest are forgotten all at once)
_RESOLVED_PATHS = 1024


class ServiceProtocol:
    """Routing, parsing and serialization for one boto3 service."""

    def __init__(self, service_name: str, validation_errors: tuple[str, ...] = ("ValidationException",)):
        self.service_name = service_name
        self._validation_errors = validation_errors
        self._lock = threading.Lock()
        self._routes: dict[tuple[str, str | None, int | None], list[tuple[Route, str]]] | None = None
        self._plans: dict[str, OperationPlan] = {}
        self._resolved: dict[tuple[str, str], tuple[str, Any]] = {}
        self.compiler = Compiler()
        self.outputs = output_compiler(service_name)

    @property
    def model(self) -> Any:
        return service_model(self.service_name)

    def validation_error_for(self, error_names: AbstractSet[str]) -> str:
        for name in self._validation_errors:
            if name in error_names:
                return name
        return self._validation_errors[-1]

    def routes(self) -> dict[tuple[str, str | None, int | None], list[tuple[Route, str]]]:
        """Routes by (method, first path segment, segment count).

        A template that starts with a label is filed under segment ``None``; one with a
        greedy label (which spans segments) under count ``None``."""
        if self._routes is None:
            with self._lock:
                if self._routes is None:
                    table: dict[tuple[str, str | None, int | None], list[tuple[Route, str]]] = {}
                    model = self.model
                    for name in model.operation_names:
                        op = model.operation_model(name)
                        route = compile_route(op)
                        segments = _segments(op.http["requestUri"].split("?", 1)[0])
                        first = None if "{" in segments[0] else segments[0]
                        count = None if "+}" in op.http["requestUri"] else len(segments)
                        table.setdefault((route.method, first, count), []).append((route, name))
                    for entries in table.values():
                        entries.sort(key=lambda e: -e[0].specificity)
                    self._routes = table
        return self._routes

    def resolve(self, method: str, path: str) -> tuple[str, Any] | None:
        """(operation, the route's match) for a request, remembered for the paths last served
        (a client calls the same paths again and again)."""
        found = self._resolved.get((method, path))
        if found is not None:
            return found
        routes = self.routes()
        segments = _segments(path)
        first, count = segments[0], len(segments)
        for key in ((method, first, count), (method, first, None), (method, None, count), (method, None, None)):
            for route, name in routes.get(key, ()):
                match = route.regex.match(path)
                if match is not None:
                    if len(self._resolved) >= _RESOLVED_PATHS:
                        self._resolved.clear()
                    self._resolved[(method, path)] = (name, match)
                    return name, match
        return None

    def plan(self, operation_name: str) -> OperationPlan:
        found = self._plans.get(operation_name)
        if found is None:
            with self._lock:
                found = self._plans.get(operation_name)
                if found is None:
                    found = OperationPlan(self, self.model.operation_model(operation_name))
                    self._plans[operation_name] = found
        return found

    # -- errors --------------------------------------------------------------
    def serialize_error(self, error: ServiceError, plan: OperationPlan | None) -> tuple[int, dict[str, str], bytes]:
        code = error.code
        if isinstance(error, ValidationError):
            code = plan.validation_error if plan else self._validation_errors[-1]
        elif error.instead and plan is not None and code not in plan.error_names:
            code = next((name for name in error.instead if name in plan.error_names), code)
        shape = self._error_shape(code)
        if shape is None:
            status = error.status or (501 if code == "NotImplemented" else 400)
            body = {"message": error.message}
        else:
            status = int(shape.metadata.get("error", {}).get("httpStatusCode", 400))
            body = {}
            for name, member in shape.members.items():
                if member.serialization.get("location"):
                    continue
                if name.lower() == "message":
                    body[wire_key(name, member)] = error.message
                elif name in error.fields:
                    body[wire_key(name, member)] = self.outputs.encoder(member)(error.fields[name])
        headers = {"Content-Type": "application/json", "x-amzn-ErrorType": code}
        return status, headers, dump_json(body)

    def _error_shape(self, code: str) -> Shape | None:
        try:
            shape = self.model.shape_for(code)
        except Exception:
            return None
        return shape if shape.metadata.get("exception") else None
