"""Hypothesis strategies built from botocore shapes, and ways to break a request on purpose."""

from __future__ import annotations

import datetime as dt
import re
import string
from typing import Any

import regex
from botocore.model import Shape
from hypothesis import strategies as st

from moto_connect_ext.core.validation import PATTERN_ERRATA, unescape_pattern

_MAX_LIST = 2
_MAX_TEXT = 24
_MAX_DEPTH = 4

#: Unicode classes the models use, narrowed to ASCII so hypothesis' regex support can generate them
_CLASS_TRANSLATIONS = {r"\p{L}": "a-zA-Z", r"\p{N}": "0-9", r"\p{Z}": " ", r"\p{P}": ".,!?", r"\p{S}": "+="}


def _meant(shape: Shape) -> str | None:
    """The pattern the service means for a string shape: the plugin's reading of the model's
    (over-escaped classes undone, the documented errata applied), so that a value the service
    takes is never offered as a broken one."""
    pattern = shape.metadata.get("pattern")
    if not pattern:
        return None
    return unescape_pattern(PATTERN_ERRATA.get(shape.name, pattern))


def _python_pattern(pattern: str) -> str:
    for source, target in _CLASS_TRANSLATIONS.items():
        pattern = pattern.replace(source, target)
    return pattern


def _string(shape: Shape) -> st.SearchStrategy[str]:
    key = (shape.name, repr(sorted(shape.metadata.items())))
    if key not in _STRINGS:
        _STRINGS[key] = _new_string(shape)
    return _STRINGS[key]


#: string strategies by shape: building one (a regex especially) costs more than drawing from it
_STRINGS: dict[tuple[str, str], st.SearchStrategy[str]] = {}


def _new_string(shape: Shape) -> st.SearchStrategy[str]:
    enum = shape.metadata.get("enum")
    if enum:
        return st.sampled_from(list(enum))
    low = int(shape.metadata.get("min", 0))
    pattern = _meant(shape)
    # a pattern bounds its own length (``[a-f0-9]{32}``); without one, keep texts short
    high = int(shape.metadata.get("max", 100_000 if pattern else _MAX_TEXT))
    if pattern:
        checker = regex.compile(pattern)
        try:
            base = st.from_regex(re.compile(_python_pattern(pattern)), fullmatch=True)
        except Exception:  # a construct hypothesis cannot generate from
            base = st.text(string.ascii_letters + string.digits, min_size=max(low, 1), max_size=min(high, _MAX_TEXT))
        return base.filter(lambda s: low <= len(s) <= high and checker.fullmatch(s) is not None)
    return st.text(
        string.ascii_letters + string.digits + "-_ ",
        min_size=low,
        max_size=max(low, min(high, _MAX_TEXT)),
    )


def _number(shape: Shape, integral: bool) -> st.SearchStrategy[Any]:
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")
    if integral:
        return st.integers(
            min_value=int(low) if low is not None else -10, max_value=int(high) if high is not None else 1000
        )
    return st.floats(
        min_value=float(low) if low is not None else -10.0,
        max_value=float(high) if high is not None else 1000.0,
        allow_nan=False,
        allow_infinity=False,
    )


def _recurses(member: Shape, ancestors: frozenset[str]) -> bool:
    """Does this member lead straight back to a shape being built (a filter inside a filter)?"""
    inner = member.member if member.type_name == "list" else member.value if member.type_name == "map" else member
    return member.name in ancestors or inner.name in ancestors


def value_strategy(
    shape: Shape,
    seeds: dict[str, list[Any]],
    name: str = "",
    depth: int = 0,
    ancestors: frozenset[str] = frozenset(),
) -> st.SearchStrategy[Any]:
    """Values that satisfy every constraint of ``shape`` (``seeds`` offer known ids by member name,
    read when a value is drawn).

    Recursive shapes (filters of filters) nest at most ``_MAX_DEPTH`` levels: past that, a
    union only picks members that do not lead back to an enclosing shape."""
    ancestors = ancestors | {shape.name}
    if name in seeds and shape.type_name == "string":
        # read at draw time: one strategy serves every example, each with the ids of its own world
        known = st.integers(0, 7).map(lambda i: seeds[name][i % len(seeds[name])] if seeds.get(name) else "none")
        return st.one_of(known, _string(shape))
    kind = shape.type_name
    if kind == "string":
        return _string(shape)
    if kind in ("integer", "long"):
        return _number(shape, integral=True)
    if kind in ("float", "double"):
        return _number(shape, integral=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return st.datetimes(
            min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1), timezones=st.just(dt.timezone.utc)
        )
    if kind == "blob":
        return st.binary(max_size=16)
    if kind == "list":
        low = int(shape.metadata.get("min", 0))
        if depth >= _MAX_DEPTH and low == 0:
            return st.just([])
        high = max(low, min(int(shape.metadata.get("max", _MAX_LIST)), _MAX_LIST))
        return st.lists(value_strategy(shape.member, seeds, "", depth + 1, ancestors), min_size=low, max_size=high)
    if kind == "map":
        low = int(shape.metadata.get("min", 0))
        high = max(low, min(int(shape.metadata.get("max", _MAX_LIST)), _MAX_LIST))
        return st.dictionaries(
            _string(shape.key),
            value_strategy(shape.value, seeds, "", depth + 1, ancestors),
            min_size=low,
            max_size=high,
        )
    if kind == "structure":
        if shape.metadata.get("document"):
            return st.just({})
        members = dict(shape.members)
        if shape.metadata.get("union"):
            choices = members
            if depth >= _MAX_DEPTH:
                choices = {n: m for n, m in members.items() if not _recurses(m, ancestors)} or members
            return st.one_of(
                [
                    st.fixed_dictionaries({n: value_strategy(m, seeds, n, depth + 1, ancestors)})
                    for n, m in sorted(choices.items())
                ]
            )
        required = {
            n: value_strategy(m, seeds, n, depth + 1, ancestors)
            for n, m in members.items()
            if n in shape.required_members
        }
        optional = {}
        if depth < _MAX_DEPTH:
            optional = {
                n: value_strategy(m, seeds, n, depth + 1, ancestors)
                for n, m in members.items()
                if n not in shape.required_members
            }
        return st.fixed_dictionaries(required, optional=optional)
    raise NotImplementedError(kind)


# -- breaking a request on purpose -------------------------------------------


def _bad_strings(shape: Shape) -> list[str]:
    """Strings that violate a constraint of a string shape."""
    out = []
    enum = shape.metadata.get("enum")
    if enum:
        out.append("NOT_IN_THE_ENUM_" + "X" * 3)
    high = shape.metadata.get("max")
    if high is not None and int(high) < 100_000:
        out.append("a" * (int(high) + 1))
    pattern = _meant(shape)
    if pattern:
        checker = regex.compile(pattern)
        low = int(shape.metadata.get("min", 0))
        limit = int(high) if high is not None else 1000
        for candidate in ("!!", "a b", "#", "\u00e9\u00e9", " ", "/..", "x" * max(low, 1) + "!"):
            if low <= len(candidate) <= limit and checker.fullmatch(candidate) is None:
                out.append(candidate)
                break
    return out


def breakages(shape: Shape, *, top_level: bool = True) -> list[tuple[str, Any]]:
    """(member, broken value or DELETE) pairs, each alone making the input invalid."""
    out: list[tuple[str, Any]] = []
    for name, member in shape.members.items():
        location = member.serialization.get("location")
        if location == "header":
            continue
        # botocore fills a missing idempotency token (StartAttachmentUpload's required ClientToken)
        if name in shape.required_members and location != "uri" and not member.metadata.get("idempotencyToken"):
            out.append((name, DELETE))
        kind = member.type_name
        if kind == "string":
            for bad in _bad_strings(member):
                if location == "uri" and ("/" in bad or bad.strip() == ""):
                    continue
                out.append((name, bad))
        elif kind in ("integer", "long", "float", "double"):
            high = member.metadata.get("max")
            low = member.metadata.get("min")
            if high is not None:
                out.append((name, int(high) + 1))
            if low is not None:
                out.append((name, int(low) - 1))
        elif kind in ("list", "map"):
            high = member.metadata.get("max")
            if high is not None and int(high) <= 200 and kind == "list" and member.member.type_name == "string":
                out.append((name, ["a"] * (int(high) + 1)))
    return out


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE: Any = _Delete()
