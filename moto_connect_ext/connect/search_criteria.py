"""Connect's search criteria and tag filters, as predicates over the searched items.

Every Connect ``Search*`` operation takes a ``SearchCriteria`` built from the same parts:

* ``StringCondition`` (``FieldName``, ``Value``, ``ComparisonType``): ``EXACT``
  compares exactly, ``STARTS_WITH`` and ``CONTAINS`` ignore case.  Field names are
  the operation's own (``name``, ``description``, ``resourceID``...) and are
  matched whatever their case; a name the operation does not know is refused;
* ``AndConditions`` and ``OrConditions``: lists of criteria, nested to any depth;
* leaf conditions of one operation (``StatusCondition``, ``TypeCondition``,
  ``QueueTypeCondition``...), which the caller supplies as builders.

Members given side by side in one criteria object must all hold.  The search
filter's ``TagFilter`` (``ControlPlaneTagFilter``) takes a ``TagCondition``,
``AndConditions`` (a list of tag conditions) and ``OrConditions`` (a list of such
AND lists); a tag condition without ``TagValue`` only needs the key.

The matchers are built once per request, so bad criteria are refused before any
item is looked at: ``ValidationError``, which the serializer turns into the
operation's modeled validation exception (``InvalidParameterException`` or
``InvalidRequestException``).

Usage, for items of any type::

    matches = criteria_matcher(
        request_criteria,
        fields={"name": lambda item: item.name, "resourceID": lambda item: item.id},
        conditions={"StatusCondition": lambda status: lambda item: item.status == status},
    )
    tags_match = tag_matcher(tag_filter)
    hits = [item for item in items if matches(item) and tags_match(tags_of(item))]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ..core.errors import ValidationError

T = TypeVar("T")

#: how to read one string field from an item (None reads as the empty string)
FieldReader = Callable[[T], "str | None"]
#: a leaf condition of one operation: its value in the criteria -> a predicate over items
ConditionBuilder = Callable[[Any], Callable[[T], bool]]
TagMatcher = Callable[[Mapping[str, str]], bool]

COMPARISON_TYPES = ("EXACT", "STARTS_WITH", "CONTAINS")
STRING_CONDITION_MEMBERS = ("FieldName", "Value", "ComparisonType")


def criteria_matcher(
    criteria: Mapping[str, Any] | None,
    fields: Mapping[str, FieldReader[T]],
    conditions: Mapping[str, ConditionBuilder[T]] | None = None,
    path: str = "searchCriteria",
) -> Callable[[T], bool]:
    """A predicate over items for a ``SearchCriteria`` object (None or empty: every item).

    ``fields`` maps the operation's ``StringCondition`` field names, spelled as
    Connect documents them, to readers; ``conditions`` maps the operation's other
    leaf members (``StatusCondition``...) to predicate builders.  Members that are
    neither ``StringCondition``, ``AndConditions``, ``OrConditions`` nor in
    ``conditions`` are ignored (the model's validation refuses unknown members).
    """
    lookup = {name.lower(): reader for name, reader in fields.items()}
    known = _enumerate(list(fields))
    return _compile(criteria, _Context(lookup, known, conditions or {}), path)


def string_matcher(
    condition: Mapping[str, Any],
    fields: Mapping[str, FieldReader[T]],
    path: str = "searchCriteria.stringCondition",
) -> Callable[[T], bool]:
    """A predicate over items for one ``StringCondition``."""
    lookup = {name.lower(): reader for name, reader in fields.items()}
    return _string(condition, _Context(lookup, _enumerate(list(fields)), {}), path)


def tag_matcher(tag_filter: Mapping[str, Any] | None, path: str = "searchFilter.tagFilter") -> TagMatcher:
    """A predicate over an item's tags for a ``ControlPlaneTagFilter`` (None or empty: any tags)."""
    if not tag_filter:
        return lambda tags: True
    parts: list[TagMatcher] = []
    ors = tag_filter.get("OrConditions")
    if ors is not None:
        groups = [[_tag_condition(c, path) for c in group] for group in ors]
        parts.append(lambda tags: any(all(m(tags) for m in group) for group in groups))
    ands = tag_filter.get("AndConditions")
    if ands is not None:
        matchers = [_tag_condition(c, path) for c in ands]
        parts.append(lambda tags: all(m(tags) for m in matchers))
    single = tag_filter.get("TagCondition")
    if single is not None:
        parts.append(_tag_condition(single, path))
    return lambda tags: all(p(tags) for p in parts)


# -- internals ---------------------------------------------------------------------
class _Context:
    """What every level of one criteria tree needs: the fields and the leaf conditions."""

    __slots__ = ("conditions", "known", "lookup")

    def __init__(self, lookup: dict[str, Any], known: str, conditions: Mapping[str, Any]) -> None:
        self.lookup = lookup
        self.known = known
        self.conditions = conditions


def _enumerate(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _compile(criteria: Mapping[str, Any] | None, context: _Context, path: str) -> Callable[[Any], bool]:
    if not criteria:
        return lambda item: True
    parts: list[Callable[[Any], bool]] = []
    ors = [_compile(c, context, f"{path}.orConditions") for c in criteria.get("OrConditions") or ()]
    if ors:
        parts.append(lambda item: any(m(item) for m in ors))
    ands = [_compile(c, context, f"{path}.andConditions") for c in criteria.get("AndConditions") or ()]
    if ands:
        parts.append(lambda item: all(m(item) for m in ands))
    condition = criteria.get("StringCondition")
    if condition is not None:
        parts.append(_string(condition, context, f"{path}.stringCondition"))
    for member, build in context.conditions.items():
        value = criteria.get(member)
        if value is not None:
            parts.append(build(value))
    if len(parts) == 1:
        return parts[0]
    return lambda item: all(p(item) for p in parts)


def _string(condition: Mapping[str, Any], context: _Context, path: str) -> Callable[[Any], bool]:
    missing = [k for k in STRING_CONDITION_MEMBERS if condition.get(k) is None]
    if missing:
        raise ValidationError(f"{path}: {', '.join(missing)} required in a StringCondition")
    name: str = condition["FieldName"]
    read = context.lookup.get(name.lower())
    if read is None:
        raise ValidationError(f"{path}.fieldName: {name!r} is not supported; supported fields are {context.known}")
    value: str = condition["Value"]
    kind = condition["ComparisonType"]
    if kind == "EXACT":
        return lambda item: (read(item) or "") == value
    lowered = value.lower()
    if kind == "STARTS_WITH":
        return lambda item: (read(item) or "").lower().startswith(lowered)
    if kind == "CONTAINS":
        return lambda item: lowered in (read(item) or "").lower()
    raise ValidationError(f"{path}.comparisonType: {kind!r} is not one of {_enumerate(list(COMPARISON_TYPES))}")


def _tag_condition(condition: Mapping[str, Any], path: str) -> TagMatcher:
    key = condition.get("TagKey")
    if key is None:
        raise ValidationError(f"{path}: TagKey is required in a TagCondition")
    value = condition.get("TagValue")
    if value is None:
        return lambda tags: key in tags
    return lambda tags: tags.get(key) == value


#: NumberCondition (and DecimalCondition): comparison -> (the bounds it needs, the test)
NUMBER_COMPARISONS: dict[str, tuple[tuple[str, ...], Callable[[float, Any, Any], bool]]] = {
    "GREATER_OR_EQUAL": (("MinValue",), lambda v, lo, hi: v >= lo),
    "GREATER": (("MinValue",), lambda v, lo, hi: v > lo),
    "LESSER_OR_EQUAL": (("MaxValue",), lambda v, lo, hi: v <= hi),
    "LESSER": (("MaxValue",), lambda v, lo, hi: v < hi),
    "EQUAL": (("MinValue",), lambda v, lo, hi: v == lo),
    "NOT_EQUAL": (("MinValue",), lambda v, lo, hi: v != lo),
    "RANGE": (("MinValue", "MaxValue"), lambda v, lo, hi: lo <= v <= hi),
}


def lift_string_conditions(
    criteria: Mapping[str, Any] | None, fields: Mapping[str, str], leaf: str
) -> dict[str, Any] | None:
    """The criteria with each ``StringCondition`` on one of ``fields`` (lower-case name -> the
    field's own spelling) moved to a leaf member ``leaf`` of its own, named as the field is
    spelt: a field that is not one string (a list, a map of texts) gets its own matcher."""
    if not criteria:
        return None
    out = dict(criteria)
    for member in ("AndConditions", "OrConditions"):
        if criteria.get(member):
            out[member] = [lift_string_conditions(c, fields, leaf) or {} for c in criteria[member]]
    condition = criteria.get("StringCondition")
    name = str((condition or {}).get("FieldName", "")).lower()
    if condition and name in fields:
        del out["StringCondition"]
        out[leaf] = {**condition, "FieldName": fields[name]}
    return out
