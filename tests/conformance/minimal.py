"""Deterministic, simple values that satisfy a botocore shape: the base of each operation's valid request.

Hypothesis draws varied values; these are the plain ones (the first enum value, the shortest
string a pattern accepts, a list of one) that a request built from the model starts from.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import regex
from botocore.model import Shape

from moto_connect_ext.core.validation import unescape_pattern

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]


class NoExample(ValueError):
    """No simple value was found for a shape (a pattern this module cannot invert)."""


#: characters a character class is tried with, most readable first (1 before 0: 1111-11-11 is a date)
_CANDIDATES = "abcxyzABCXYZ1234567890-_.:/@+= " + "".join(chr(c) for c in range(33, 127))

#: Unicode property escapes, as ASCII the ``re`` parser understands (inside a class)
_PROPERTIES = {
    r"\p{L}": "a-zA-Z",
    r"\p{N}": "0-9",
    r"\p{Z}": " ",
    r"\p{P}": ".,!?",
    r"\p{S}": "+=",
    r"\P{C}": " -~",
    r"\p{C}": "\x00-\x1f",
}


def _translate(pattern: str) -> str:
    """``pattern`` with Unicode property escapes replaced by ASCII ranges (bracketed outside a class)."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        piece = pattern[i : i + 5]
        if piece in _PROPERTIES:
            out.append(_PROPERTIES[piece] if in_class else f"[{_PROPERTIES[piece]}]")
            i += 5
            continue
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class and out and out[-1] not in ("[", "[^"):
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


def _in_category(category: str, char: str) -> bool:
    tests = {
        "CATEGORY_DIGIT": char.isdigit(),
        "CATEGORY_NOT_DIGIT": not char.isdigit(),
        "CATEGORY_SPACE": char.isspace(),
        "CATEGORY_NOT_SPACE": not char.isspace(),
        "CATEGORY_WORD": char.isalnum() or char == "_",
        "CATEGORY_NOT_WORD": not (char.isalnum() or char == "_"),
    }
    return tests.get(category, False)


def _in_class(items: list[tuple[Any, Any]], char: str) -> bool:
    negate = False
    hit = False
    for op, av in items:
        kind = str(op)
        if kind == "NEGATE":
            negate = True
        elif kind == "LITERAL":
            hit = hit or ord(char) == av
        elif kind == "RANGE":
            hit = hit or av[0] <= ord(char) <= av[1]
        elif kind == "CATEGORY":
            hit = hit or _in_category(str(av), char)
        else:
            raise NoExample(f"character class item {kind}")
    return hit != negate


def _render(parsed: Any, extra: int, branch: int) -> str:
    out = []
    for op, av in parsed:
        kind = str(op)
        if kind == "LITERAL":
            out.append(chr(av))
        elif kind == "NOT_LITERAL":
            out.append("a" if chr(av) != "a" else "b")
        elif kind == "ANY":
            out.append("a")
        elif kind == "IN":
            out.append(next((c for c in _CANDIDATES if _in_class(av, c)), ""))
        elif kind == "BRANCH":
            alternatives = av[1]
            out.append(_render(alternatives[branch % len(alternatives)], extra, branch))
        elif kind == "SUBPATTERN":
            out.append(_render(av[-1], extra, branch))
        elif kind == "ATOMIC_GROUP":
            out.append(_render(av, extra, branch))
        elif kind in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, inner = av
            out.append(_render(inner, extra, branch) * max(low, min(high, low + extra)))
        elif kind in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        else:
            raise NoExample(f"regex construct {kind}")
    return "".join(out)


@functools.cache
def pattern_example(pattern: str, low: int = 0, high: int = 100_000) -> str:
    """A short string that the plugin's check of ``pattern`` accepts, ``low`` to ``high`` long."""
    checker = regex.compile(unescape_pattern(pattern))
    try:
        parsed = sre_parse.parse(_translate(unescape_pattern(pattern)))
    except Exception as error:
        raise NoExample(f"cannot parse the pattern {pattern!r}: {error}") from error
    for shortest in (max(low, 1), low):  # an empty string only when nothing else fits
        for extra in (0, 1, 2, 3, 5, 8, 16, 32, 64):
            for branch in range(3):
                value = _render(parsed, extra, branch)
                if shortest <= len(value) <= high and checker.fullmatch(value):
                    return value
    raise NoExample(f"no string of length {low} to {high} found for the pattern {pattern!r}")


#: values for members whose rules live outside the model (a time zone, a real date), by member name
KNOWN = {
    "TimeZone": "UTC",
    "EffectiveFrom": "2030-01-01",
    "EffectiveTill": "2030-12-31",
    "FromDate": "2030-01-01",
    "ToDate": "2030-01-07",
    "PhoneNumber": "+12065550100",
    "Password": "Happy-Passw0rd",
}


def _fits(shape: Shape, value: str) -> bool:
    low = int(shape.metadata.get("min", 0))
    high = int(shape.metadata.get("max", 100_000))
    pattern = shape.metadata.get("pattern")
    enum = shape.metadata.get("enum")
    if enum and value not in enum:
        return False
    if pattern and not regex.compile(unescape_pattern(pattern)).fullmatch(value):
        return False
    return low <= len(value) <= high


def string_example(shape: Shape, name: str = "") -> str:
    if name in KNOWN and _fits(shape, KNOWN[name]):
        return KNOWN[name]
    enum = shape.metadata.get("enum")
    if enum:
        return str(enum[0])
    low = int(shape.metadata.get("min", 0))
    high = int(shape.metadata.get("max", 100_000))
    pattern = shape.metadata.get("pattern")
    if pattern:
        return pattern_example(pattern, low, high)
    text = "happy".ljust(low, "x")
    return text[: max(high, 0)]


def _number(shape: Shape) -> float:
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")
    value: float = 1 if low is None else max(low, 1)
    return value if high is None else min(value, high)


def example(shape: Shape, ids: dict[str, list[Any]], name: str = "", depth: int = 0) -> Any:
    """A simple value for ``shape``: known ids by member name, required members only, one of each list."""
    if depth > 10:
        raise NoExample(f"{shape.name} nests too deep")
    kind = shape.type_name
    if kind == "string":
        return ids[name][0] if ids.get(name) else string_example(shape, name)
    if kind in ("integer", "long"):
        return int(_number(shape))
    if kind in ("float", "double"):
        return float(_number(shape))
    if kind == "boolean":
        return False
    if kind == "timestamp":
        return dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    if kind == "blob":
        return b"happy"
    if kind == "list":
        count = max(int(shape.metadata.get("min", 0)), 1)
        item = name[:-1] if name.endswith(("Ids", "Arns")) else ""  # SecurityProfileIds: SecurityProfileId
        return [example(shape.member, ids, item, depth + 1) for _ in range(count)]
    if kind == "map":
        count = max(int(shape.metadata.get("min", 0)), 1)
        key = string_example(shape.key)
        if count > 1:
            raise NoExample(f"{shape.name}: a map of at least {count} entries")
        return {key: example(shape.value, ids, "", depth + 1)}
    if kind == "structure":
        if shape.metadata.get("document"):
            return {}
        if shape.metadata.get("union"):
            problems = []
            for choice, member in shape.members.items():  # the first that does not nest forever
                try:
                    return {choice: example(member, ids, choice, depth + 1)}
                except NoExample as error:
                    problems.append(f"{choice}: {error}")
            raise NoExample(f"{shape.name}: no member of the union works ({'; '.join(problems)})")
        return {n: example(m, ids, n, depth + 1) for n, m in shape.members.items() if n in shape.required_members}
    raise NoExample(f"shape type {kind}")
