"""Case field values: the ``FieldValueUnion`` as the API carries it, and what each field type accepts.

A value is the union dict exactly as the core parsed it: one of ``stringValue``,
``doubleValue``, ``booleanValue``, ``userArnValue`` or ``emptyValue`` (``{}``).
A case stores only values that are not empty; ``emptyValue`` clears a field.

Everything here is pure: the field (anything with ``id``, ``type``,
``active_option_values()``) is passed in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, Protocol

KINDS = ("stringValue", "doubleValue", "booleanValue", "userArnValue", "emptyValue")

#: what a value of each field type must be (``emptyValue`` is always accepted)
KIND_FOR_TYPE = {
    "Text": "stringValue",
    "Url": "stringValue",
    "SingleSelect": "stringValue",
    "DateTime": "stringValue",
    "Number": "doubleValue",
    "Boolean": "booleanValue",
    "User": "userArnValue",
}

#: "The Summary system field accepts up to 3000 characters" (FieldValueUnion)
SUMMARY_MAX = 3000

USER_ARN = re.compile(r"^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance/[^/\s]+/agent/[^/\s]+$")
CUSTOMER_PROFILE_ARN = re.compile(r"^arn:aws[a-z-]*:profile:[a-z0-9-]+:\d{12}:domains/[^/\s]+/profiles/[^/\s]+$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


class FieldLike(Protocol):
    id: str
    type: str

    def active_option_values(self) -> set[str]: ...


def set_member(union: dict[str, Any], members: Iterable[str], what: str) -> str:
    """Which of its ``members`` a union sets (ValueError, naming ``what`` it should be, when none)."""
    for member in members:
        if member in union:
            return member
    raise ValueError(f"not a {what}: {union!r}")


def kind_of(value: dict[str, Any]) -> str:
    """Which member of a ``FieldValueUnion`` is set."""
    return set_member(value, KINDS, "field value")


def is_empty(value: dict[str, Any] | None) -> bool:
    return value is None or "emptyValue" in value


def plain(value: dict[str, Any] | None) -> Any:
    """The Python value inside a union (None when empty)."""
    if is_empty(value):
        return None
    assert value is not None
    return value[kind_of(value)]


def text_of(value: dict[str, Any] | None) -> str | None:
    """The text of a string-like value (``stringValue`` or ``userArnValue``), else None."""
    if value is None:
        return None
    found = value.get("stringValue", value.get("userArnValue"))
    return found if isinstance(found, str) else None


def parse_datetime(text: str) -> dt.datetime | None:
    """An ISO 8601 date or date-time (``Z`` or an offset; naive means UTC), or None."""
    candidate = text.strip()
    if candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    try:
        parsed = dt.datetime.fromisoformat(candidate)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed


def iso(at: dt.datetime) -> str:
    """How the service writes a DateTime field value."""
    at = at.astimezone(dt.timezone.utc)
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


def datetime_value(at: dt.datetime) -> dict[str, Any]:
    return {"stringValue": iso(at)}


def problem_with(field: FieldLike, value: dict[str, Any]) -> str | None:
    """Why ``value`` cannot be stored in ``field`` (None when it can; empty values always can)."""
    kind = kind_of(value)
    if kind == "emptyValue":
        return None
    expected = KIND_FOR_TYPE.get(field.type)
    if kind != expected:
        return f"Field {field.id} is of type {field.type}: give it a {expected}, not a {kind}"
    inner = value[kind]
    if field.type == "SingleSelect":
        active = field.active_option_values()
        if inner not in active:
            return f"{inner!r} is not an active option of field {field.id}"
    elif field.type == "DateTime":
        if parse_datetime(inner) is None:
            return f"Field {field.id} is of type DateTime: {inner!r} is not an ISO 8601 date-time"
    elif field.type == "Url":
        if not URL.match(inner):
            return f"Field {field.id} is of type Url: {inner!r} is not an http(s) URL"
    elif field.type == "User":
        if not USER_ARN.match(inner):
            return f"Field {field.id} is of type User: {inner!r} is not the ARN of an Amazon Connect user"
    elif field.type == "Number" and (isinstance(inner, bool) or not isinstance(inner, (int, float))):
        return f"Field {field.id} is of type Number: {inner!r} is not a number"
    if field.id == "summary" and len(inner) > SUMMARY_MAX:
        return f"The summary field accepts up to {SUMMARY_MAX} characters"
    if field.id == "customer_id":
        if not CUSTOMER_PROFILE_ARN.match(inner):
            return (
                "customer_id must be a full customer profile ARN: "
                "arn:aws:profile:<region>:<account>:domains/<profiles domain>/profiles/<profile id>"
            )
        from ..customerprofiles.joins import profile_problem

        # a profile of a Customer Profiles domain the plugin has must exist there
        return profile_problem(inner)
    return None


def same(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Whether two stored values are equal (two empty values are)."""
    if is_empty(a) or is_empty(b):
        return is_empty(a) and is_empty(b)
    assert a is not None and b is not None
    ka, kb = kind_of(a), kind_of(b)
    if ka != kb:
        return False
    va, vb = a[ka], b[kb]
    if ka == "doubleValue":
        return float(va) == float(vb)
    return bool(va == vb)


def stored(value: dict[str, Any]) -> dict[str, Any]:
    """A copy of a value fit to store (numbers as floats)."""
    kind = kind_of(value)
    if kind == "emptyValue":
        return {"emptyValue": {}}
    inner = value[kind]
    if kind == "doubleValue":
        inner = float(inner)
    return {kind: inner}
