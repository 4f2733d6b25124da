r"""Server-side checks of every input constraint in the botocore model.

A shape is compiled once into a *decoder*: a function that takes the value that
arrived on the wire, checks its type and every constraint the model declares
(required, min/max length, pattern, enum, numeric range, list and map sizes,
unions with exactly one member set, unknown members) and returns the value in
the form the backends use (member names as keys, ``datetime`` for timestamps,
``bytes`` for blobs).  A pattern must match the whole value, as AWS applies it
(several models carry patterns whose anchors were lost, such as Cases' ``.*[\S]``,
documented as ``^.*[\S]$``).  Problems are collected, not raised, so one request
reports all of them in AWS's style::

    2 validation errors detected: Value 'x' at 'name' failed to satisfy
    constraint: Member must have length less than or equal to 1; Value null at
    'type' failed to satisfy constraint: Member must not be null
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import math
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import regex
from botocore.model import Shape

Problems = list[str]
Decoder = Callable[[Any, str, Problems], Any]

_MAX_RENDERED = 256


class _Missing:
    """Marker for a value that failed to decode (its problem is recorded)."""


MISSING: Any = _Missing()


def render(value: Any) -> str:
    """A value as AWS renders it in validation messages."""
    if value is None:
        return "null"
    if isinstance(value, str):
        text = value if len(value) <= _MAX_RENDERED else value[:_MAX_RENDERED] + "..."
        return f"'{text}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        text = "[" + ", ".join(render(v).strip("'") for v in value[:20]) + "]"
    elif isinstance(value, dict):
        items = list(value.items())[:20]
        text = "{" + ", ".join(f"{k}={render(v).strip(chr(39))}" for k, v in items) + "}"
    else:
        text = str(value)
    if len(text) > _MAX_RENDERED:
        text = text[:_MAX_RENDERED] + "..."
    return f"'{text}'"


def problem(value: Any, path: str, constraint: str) -> str:
    where = path or "request"
    return f"Value {render(value)} at '{where}' failed to satisfy constraint: {constraint}"


def summarize(problems: Problems) -> str:
    count = len(problems)
    noun = "error" if count == 1 else "errors"
    return f"{count} validation {noun} detected: " + "; ".join(problems)


def member_path(parent: str, name: str) -> str:
    """AWS names members in lower camel case in its messages."""
    name = name[:1].lower() + name[1:]
    return f"{parent}.{name}" if parent else name


#: a doubled backslash before a regex escape or metacharacter: some models escape
#: their patterns twice (Connect's PhoneNumber is the text ``\\+[1-9]\\d{1,14}$``), which
#: taken literally would demand backslashes and refuse every real value
_OVER_ESCAPED = regex.compile(r"\\\\(?=[dDsSwWpPbB.+*?()\[\]{}|^$\-/])")


def unescape_pattern(pattern: str) -> str:
    """The pattern the service means: doubled escapes before regex escapes undone, and the
    slashes of a pattern written as a JavaScript regex literal dropped (Connect's Password
    is ``/^(?=.*[a-z])...$/``: taken literally, no password would match it)."""
    if len(pattern) > 4 and pattern.startswith("/^") and pattern.endswith("$/"):
        pattern = pattern[1:-1]
    return _OVER_ESCAPED.sub(r"\\", pattern)


#: shapes whose model pattern refuses what the service takes, by shape name: the pattern meant.
#: Connect's ``IpCidr`` leaves out the dot, so every IPv4 address would be refused, while the
#: Administrator Guide's examples of IP restrictions are IPv4 ranges (``111.222.0.0/16``).
#: Connect's ``ViewContentSha256`` (1 to 64 characters) lost its ``+``: taken as written, only a
#: one-character value matches, never the SHA-256 DescribeView hands out for CreateViewVersion.
#: Customer Profiles' ``TagArn`` (``^arn:[a-z0-9]{1,10}:profile``) says how an ARN begins: taken
#: as a whole-value pattern, it would refuse every ARN (they go on past ``profile``).
PATTERN_ERRATA = {
    "IpCidr": "^[A-Za-z0-9:/.]*$",
    "ViewContentSha256": "^[a-zA-Z0-9]+$",
    "TagArn": "^arn:[a-z0-9]{1,10}:profile(:.*)?$",
}


@functools.cache
def _compile_pattern(pattern: str) -> Any:
    return regex.compile(unescape_pattern(pattern))


def _too_short(low: int) -> str:
    return f"Member must have length greater than or equal to {low}"


def _too_long(high: int) -> str:
    return f"Member must have length less than or equal to {high}"


def _length_checks(shape: Shape) -> list[Callable[[Any, str, Problems], None]]:
    checks: list[Callable[[Any, str, Problems], None]] = []
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")
    if low is not None:

        def check_min(value: Any, path: str, problems: Problems) -> None:
            if len(value) < low:
                problems.append(problem(value, path, _too_short(low)))

        checks.append(check_min)
    if high is not None:

        def check_max(value: Any, path: str, problems: Problems) -> None:
            if len(value) > high:
                problems.append(problem(value, path, _too_long(high)))

        checks.append(check_max)
    return checks


def _run(checks: list[Callable[[Any, str, Problems], None]], value: Any, path: str, problems: Problems) -> None:
    for check in checks:
        check(value, path, problems)


def _typed(
    kind: type, noun: str, checks: list[Callable[[Any, str, Problems], None]], body: Decoder | None = None
) -> Decoder:
    """A decoder of a value that must be a ``kind`` (otherwise "Member must be a ``noun``") and
    pass ``checks``: ``body`` decodes it (the value as it is without one)."""

    def decode(value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, kind):
            problems.append(problem(value, path, f"Member must be a {noun}"))
            return MISSING
        _run(checks, value, path, problems)
        return value if body is None else body(value, path, problems)

    return decode


class Compiler:
    """Compiles the shapes of one service; one decoder per shape name."""

    def __init__(self) -> None:
        self._decoders: dict[str, Decoder] = {}

    def decoder(self, shape: Shape) -> Decoder:
        key = shape.name
        found = self._decoders.get(key)
        if found is not None:
            return found
        # recursive shapes (filters that nest) reach themselves through this slot
        slot: list[Decoder] = []

        def forward(value: Any, path: str, problems: Problems) -> Any:
            return slot[0](value, path, problems)

        self._decoders[key] = forward
        built = self._build(shape)
        slot.append(built)
        self._decoders[key] = built
        return built

    def _build(self, shape: Shape) -> Decoder:
        kind = shape.type_name
        if kind == "structure":
            if shape.metadata.get("document"):
                return _decode_document
            return self._structure(shape)
        if kind == "list":
            return self._list(shape)
        if kind == "map":
            return self._map(shape)
        if kind == "string":
            return _string(shape)
        if kind in ("integer", "long"):
            return _number(shape, integral=True)
        if kind in ("float", "double"):
            return _number(shape, integral=False)
        if kind == "boolean":
            return _boolean
        if kind == "timestamp":
            return _timestamp
        if kind == "blob":
            return _blob
        raise NotImplementedError(f"shape type {kind}")

    def _structure(self, shape: Shape) -> Decoder:
        members = []
        for name, member in shape.members.items():
            members.append((name, wire_key(name, member), self.decoder(member)))
        return self.structure_of(shape, members)

    @staticmethod
    def structure_of(shape: Shape, members: list[tuple[str, str, Decoder]]) -> Decoder:
        """A decoder for a JSON object with the given (member, wire key, decoder) triples."""
        by_wire = {wire: (name, dec) for name, wire, dec in members}
        required = [(name, wire) for name, wire, _ in members if name in shape.required_members]
        union = bool(shape.metadata.get("union"))

        def known_members(value: dict[Any, Any], path: str, problems: Problems) -> Any:
            out: dict[str, Any] = {}
            for wire, item in value.items():
                entry = by_wire.get(wire)
                if entry is None:
                    problems.append(
                        problem(item, member_path(path, str(wire)), "Member is not a known member of the structure")
                    )
                    continue
                if item is None:
                    continue
                name, dec = entry
                decoded = dec(item, member_path(path, name), problems)
                if decoded is not MISSING:
                    out[name] = decoded
            for name, wire in required:
                if value.get(wire) is None:
                    problems.append(problem(None, member_path(path, name), "Member must not be null"))
            if union:
                set_members = [k for k, v in value.items() if v is not None]
                if len(set_members) != 1:
                    problems.append(
                        problem(
                            sorted(set_members),
                            path,
                            "Member must have exactly one of its members set",
                        )
                    )
            return out

        return _typed(dict, "structure", [], known_members)

    def _list(self, shape: Shape) -> Decoder:
        item_decoder = self.decoder(shape.member)

        def items(value: list[Any], path: str, problems: Problems) -> Any:
            out = []
            for index, item in enumerate(value):
                if item is None:
                    problems.append(problem(None, f"{path}.{index + 1}.member", "Member must not be null"))
                    continue
                decoded = item_decoder(item, f"{path}.{index + 1}.member", problems)
                if decoded is not MISSING:
                    out.append(decoded)
            return out

        return _typed(list, "list", _length_checks(shape), items)

    def _map(self, shape: Shape) -> Decoder:
        key_decoder = self.decoder(shape.key)
        value_decoder = self.decoder(shape.value)

        def entries(value: dict[Any, Any], path: str, problems: Problems) -> Any:
            out = {}
            key_problems: Problems = []
            value_problems: Problems = []
            for key, item in value.items():
                decoded_key = key_decoder(key, path, key_problems)
                if item is None:
                    value_problems.append("Member must not be null")
                    continue
                decoded = value_decoder(item, path, value_problems)
                if decoded_key is not MISSING and decoded is not MISSING:
                    out[decoded_key] = decoded
            for kind, found in (("keys", key_problems), ("value", value_problems)):
                if found:
                    reasons = sorted({p.split("failed to satisfy constraint: ", 1)[-1] for p in found})
                    problems.append(problem(value, path, f"Map {kind} must satisfy constraint: [{', '.join(reasons)}]"))
            return out

        return _typed(dict, "map", _length_checks(shape), entries)


def wire_key(name: str, shape: Shape) -> str:
    return str(shape.serialization.get("name", name))


def _string(shape: Shape) -> Decoder:
    """A string's decoder: its length, enum and pattern checked in one call (strings are most
    of every request), the problems in that order."""
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")
    enum = shape.metadata.get("enum")
    allowed = frozenset(enum) if enum else None
    listed = ", ".join(enum) if enum else ""
    pattern = shape.metadata.get("pattern")
    compiled = _compile_pattern(PATTERN_ERRATA.get(shape.name, pattern)) if pattern else None

    def decode(value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, str):
            problems.append(problem(value, path, "Member must be a string"))
            return MISSING
        if low is not None and len(value) < low:
            problems.append(problem(value, path, _too_short(low)))
        if high is not None and len(value) > high:
            problems.append(problem(value, path, _too_long(high)))
        if allowed is not None and value not in allowed:
            problems.append(problem(value, path, f"Member must satisfy enum value set: [{listed}]"))
        if compiled is not None and compiled.fullmatch(value) is None:
            problems.append(problem(value, path, f"Member must satisfy regular expression pattern: {pattern}"))
        return value

    return decode


def _number(shape: Shape, integral: bool) -> Decoder:
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")
    kind = "an integer" if integral else "a number"

    def decode(value: Any, path: str, problems: Problems) -> Any:
        ok = isinstance(value, int) if integral else isinstance(value, (int, float))
        if not ok or isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
            problems.append(problem(value, path, f"Member must be {kind}"))
            return MISSING
        if low is not None and value < low:
            problems.append(problem(value, path, f"Member must have value greater than or equal to {low}"))
        if high is not None and value > high:
            problems.append(problem(value, path, f"Member must have value less than or equal to {high}"))
        return value

    return decode


def _boolean(value: Any, path: str, problems: Problems) -> Any:
    if not isinstance(value, bool):
        problems.append(problem(value, path, "Member must be a boolean"))
        return MISSING
    return value


def parse_timestamp(value: Any) -> dt.datetime | None:
    """Epoch seconds, ISO 8601 or RFC 822 -> aware UTC datetime (None if unparseable)."""
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            return dt.datetime.fromtimestamp(value, tz=dt.timezone.utc)
        if isinstance(value, str):
            text = value.strip()
            try:
                return dt.datetime.fromtimestamp(float(text), tz=dt.timezone.utc)
            except ValueError:
                pass
            try:
                parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                parsed = parsedate_to_datetime(text)
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=dt.timezone.utc)
            return parsed.astimezone(dt.timezone.utc)
    except (ValueError, TypeError, OverflowError, OSError):
        return None
    return None


def _timestamp(value: Any, path: str, problems: Problems) -> Any:
    parsed = parse_timestamp(value)
    if parsed is None:
        problems.append(problem(value, path, "Member must be a timestamp"))
        return MISSING
    return parsed


def _blob(value: Any, path: str, problems: Problems) -> Any:
    if isinstance(value, bytes):
        return value
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, TypeError, ValueError):
        problems.append(problem(value, path, "Member must be base64 encoded binary data"))
        return MISSING


def _decode_document(value: Any, path: str, problems: Problems) -> Any:
    return value


def is_http_url(value: str) -> bool:
    """Whether a value is an http(s) URL with a host (a malformed one, such as an unclosed IPv6
    bracket, is not one: it never raises)."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)
