"""Calculated attributes: definitions on the resource layer, and values computed from the store.

A definition (``domains/<domain>/calculated-attributes/<name>``, named by its name, unique in
its domain; at most 50 per domain) reads one object type: ``AttributeDetails.Expression`` is a
field ``{ObjectType.field}`` or basic arithmetic (``+ - * /``, parentheses, numbers) over at
most two of them (Administrator Guide, "Create a custom calculated attribute definition"),
every field listed in ``Attributes`` (by its plain name, ``channel`` for ``{CTR.channel}``) and
every listed field used.  The object type must exist in the domain.

A value is computed when it is read, for one profile, from the profile objects of that type
(the store's ``profile-object`` resources: ``ObjectTypeName``, ``ProfileId``, ``Object``):

1. objects ingested before the definition are left out unless ``UseHistoricalData``; while the
   historical data is being prepared (``Status`` PREPARING -> IN_PROGRESS -> COMPLETED through
   moto's state manager) only new objects count and ``IsDataPartial`` is ``"true"``;
2. an object's time is its ``TimestampSource`` field (``EPOCHMILLI`` or ``ISO_8601``), else
   when it was ingested; ``Range`` keeps the last ``Value`` days, or the window ``ValueRange``
   (``Start`` days ago to ``End`` days ago; negative numbers are in the future); a batch's
   ``ConditionOverrides`` replaces it;
3. ``Filter`` keeps (ALL / ANY) or drops (NONE) the objects its groups match;
4. ``ObjectCount`` keeps the most recent N;
5. the expression is evaluated on each (an object without the fields is skipped), then the
   statistic: COUNT, SUM, MINIMUM, MAXIMUM, AVERAGE (numbers), FIRST_OCCURRENCE /
   LAST_OCCURRENCE (the oldest / newest object's value), MAX_OCCURRENCE (the most frequent
   value, ties to the one seen first), RECENT_OCCURRENCES (the values, newest first, as a JSON
   list);
6. a ``Threshold`` turns the value into ``"true"`` or ``"false"``.

``compute`` is that calculation as a pure function.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.moto_compat import StatefulModel, lifecycle, register_transition
from ..core.resources import Quota, Resource, Resources
from .declarations import STAMPS, declare
from .dimensions import NUMBER_COMPARISONS, STRING_TYPES, text_matches
from .exceptions import BadRequestException
from .object_types import OBJECT_TYPE
from .profile_objects import PROFILE_OBJECT

READINESS_MODEL = "customer-profiles::calculated-attribute"
register_transition(READINESS_MODEL, "immediate")

PREPARING, IN_PROGRESS, COMPLETED = "PREPARING", "IN_PROGRESS", "COMPLETED"
#: calculated attribute definitions per domain (Customer Profiles quotas)
PER_DOMAIN = 50
#: "Each calculated attribute can only reference ... at most, two fields from that ObjectType"
MAX_FIELDS = 2
#: "ObjectCount ... Valid Range: Minimum value of 1. Maximum value of 100."
MAX_OBJECT_COUNT = 100
NUMERIC = frozenset({"COUNT", "SUM", "MINIMUM", "MAXIMUM", "AVERAGE"})
TIMESTAMP_FORMATS = ("EPOCHMILLI", "ISO_8601")
#: what a value may hold (the output's ``string1To255``)
MAX_VALUE = 255
#: the request members a definition keeps
MEMBERS = (
    "DisplayName",
    "Description",
    "AttributeDetails",
    "Conditions",
    "Filter",
    "Statistic",
    "UseHistoricalData",
)
READINESS = "_Readiness"


#: how far the historical data of a definition is: PREPARING -> IN_PROGRESS -> COMPLETED
Readiness = lifecycle(READINESS_MODEL, [(PREPARING, IN_PROGRESS), (IN_PROGRESS, COMPLETED)])


_PROGRESS = {PREPARING: 0, IN_PROGRESS: 50, COMPLETED: 100}


def _readiness(resource: Resource) -> StatefulModel | None:
    found: StatefulModel | None = resource.attrs.get(READINESS)
    return found


def _status(resource: Resource) -> str:
    readiness = _readiness(resource)
    if readiness is None:
        return COMPLETED  # nothing to prepare: only new objects count
    shown = str(readiness.status)
    readiness.advance()  # a read: "manual" progressions move after `times` of them
    return shown


def _readiness_shown(resource: Resource) -> dict[str, Any]:
    readiness = _readiness(resource)
    status = COMPLETED if readiness is None else str(readiness.stored_status)
    shown: dict[str, Any] = {"ProgressPercentage": _PROGRESS[status]}
    if status != COMPLETED:
        shown["Message"] = "Historical data is being included in the calculated attribute"
    return shown


def _complete(resource: Resource) -> bool:
    readiness = _readiness(resource)
    return readiness is None or readiness.status == COMPLETED


# -- expressions ---------------------------------------------------------------------------
_TOKEN = re.compile(r"\s*(?:(\{[^{}]*\})|(\d+(?:\.\d+)?)|([-+*/()]))")
_FIELD = re.compile(r"^\{([A-Za-z0-9_-]+)\.([A-Za-z0-9_.-]+)\}$")


@dataclass(frozen=True)
class Field:
    object_type: str
    path: str


Node = Any  # Field | Decimal | tuple[str, Node, Node]


def parse_field(text: str, member: str) -> Field:
    match = _FIELD.match(text.strip())
    if match is None:
        raise BadRequestException(f"{member} {text} must have the form {{ObjectTypeName.AttributeName}}")
    return Field(match[1], match[2])


def parse_expression(text: str) -> Node:
    """The expression as a tree: fields, numbers and ``(op, left, right)``; BadRequest when it is not one."""
    tokens: list[str] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise BadRequestException(f"Expression {text} is not a valid expression near position {pos}")
        tokens.append(match[1] or match[2] or match[3])
        pos = match.end()
    at = 0

    def peek() -> str | None:
        return tokens[at] if at < len(tokens) else None

    def take() -> str:
        nonlocal at
        if at >= len(tokens):
            raise BadRequestException(f"Expression {text} ends unexpectedly")
        at += 1
        return tokens[at - 1]

    def operand() -> Node:
        token = take()
        if token == "(":
            node = sum_()
            if take() != ")":
                raise BadRequestException(f"Expression {text} has an unbalanced parenthesis")
            return node
        if token.startswith("{"):
            return parse_field(token, "Expression element")
        if token[0].isdigit():
            return Decimal(token)
        raise BadRequestException(f"Expression {text} has an unexpected {token}")

    def chain(term: Callable[[], Node], operators: tuple[str, str]) -> Node:
        """Terms joined by operators of one precedence, left to right."""
        node = term()
        while peek() in operators:
            op = take()
            node = (op, node, term())
        return node

    def product() -> Node:
        return chain(operand, ("*", "/"))

    def sum_() -> Node:
        return chain(product, ("+", "-"))

    tree = sum_()
    if at != len(tokens):
        raise BadRequestException(f"Expression {text} has an unexpected {tokens[at]}")
    return tree


def fields_of(node: Node) -> list[Field]:
    if isinstance(node, Field):
        return [node]
    if isinstance(node, tuple):
        return fields_of(node[1]) + fields_of(node[2])
    return []


def lookup(body: Any, path: str) -> Any:
    """A field of an object by its dotted path (``generatedAt.timestamp``), or None."""
    for part in path.split("."):
        if isinstance(body, dict) and part in body:
            body = body[part]
        elif isinstance(body, list) and part.isdigit() and int(part) < len(body):
            body = body[int(part)]
        else:
            return None
    return body


def number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            found = Decimal(value.strip())
        except InvalidOperation:
            return None
        return found if found.is_finite() else None
    return None


def evaluate(node: Node, body: Any) -> Any:
    """The expression's value on one object: a field's own value alone, a Decimal for arithmetic;
    None when a field is missing or not a number where arithmetic needs one."""
    if isinstance(node, Field):
        value = lookup(body, node.path)
        return None if isinstance(value, (dict, list)) else value
    if isinstance(node, Decimal):
        return node
    op, left, right = node
    a, b = number(evaluate(left, body)), number(evaluate(right, body))
    if a is None or b is None:
        return None
    with localcontext() as ctx:
        ctx.traps[DivisionByZero] = True
        try:
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            return a / b
        except (DivisionByZero, InvalidOperation):
            return None


def show(value: Any) -> str:
    """A value as the API answers it: numbers without trailing zeros, strings as they are."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        dec = Decimal(str(value)).normalize()
        text = format(dec, "f")
        return "0" if text in ("-0", "") else text
    return str(value)


# -- time ------------------------------------------------------------------------------------
def parse_time(value: Any, fmt: str | None) -> dt.datetime | None:
    """A timestamp field in ``EPOCHMILLI`` (seconds or milliseconds) or ``ISO_8601``, in UTC."""
    if value is None or isinstance(value, bool):
        return None
    if fmt != "ISO_8601":
        epoch = number(value)
        if epoch is not None:
            seconds = epoch / 1000 if abs(epoch) >= Decimal(10) ** 11 else epoch
            try:
                return dt.datetime.fromtimestamp(float(seconds), tz=dt.timezone.utc)
            except (OverflowError, OSError, ValueError):
                return None
        if fmt == "EPOCHMILLI":
            return None
    if not isinstance(value, str):
        return None
    text = value.strip().replace("Z", "+00:00")
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


def window(conditions: Mapping[str, Any], override: Mapping[str, Any] | None, at: dt.datetime) -> tuple[Any, Any]:
    """(from, to) of the range, or (None, None) when there is none."""
    if override:
        start, end = override["Start"], override.get("End", 0)
    else:
        rng = conditions.get("Range") or {}
        if "ValueRange" in rng:
            start, end = rng["ValueRange"]["Start"], rng["ValueRange"]["End"]
        elif "Value" in rng:
            start, end = rng["Value"], 0
        else:
            return None, None
    return at - dt.timedelta(days=start), at - dt.timedelta(days=end)


# -- filters ---------------------------------------------------------------------------------
def _dimension_matches(kind: str, values: Sequence[str], found: Any) -> bool:
    if found is None or isinstance(found, (dict, list)):
        return kind == "EXCLUSIVE"
    text = show(found) if not isinstance(found, str) else found
    if kind in STRING_TYPES:
        return text_matches(kind, text, values)
    if kind in ("BEFORE", "AFTER", "ON", "BETWEEN", "NOT_BETWEEN"):
        when = parse_time(found, None)
        bounds = [parse_time(v, None) for v in values]
        if when is None or any(b is None for b in bounds):
            return False
        if kind == "BEFORE":
            return when < bounds[0]  # type: ignore[operator]
        if kind == "AFTER":
            return when > bounds[0]  # type: ignore[operator]
        if kind == "ON":
            return when.date() == bounds[0].date()  # type: ignore[union-attr]
        inside = bounds[0] <= when <= bounds[1]  # type: ignore[operator]
        return inside if kind == "BETWEEN" else not inside
    amount, limit = number(found), number(values[0])
    if amount is None or limit is None:
        return False
    if kind == "EQUAL":
        return amount == limit
    return NUMBER_COMPARISONS[kind](amount, limit)


def _combine(kind: str, results: Iterable[bool]) -> bool:
    found = list(results)
    if kind == "ALL":
        return all(found)
    if kind == "ANY":
        return any(found)
    return not any(found)


def _filter_path(name: str, object_type: str) -> str:
    prefix = object_type + "."
    return name[len(prefix) :] if name.startswith(prefix) else name


def passes(flt: Mapping[str, Any] | None, body: Any, object_type: str) -> bool:
    if not flt:
        return True

    def group_matches(group: Mapping[str, Any]) -> bool:
        return _combine(
            group["Type"],
            (
                all(
                    _dimension_matches(
                        spec["DimensionType"], spec["Values"], lookup(body, _filter_path(name, object_type))
                    )
                    for name, spec in dim["Attributes"].items()
                )
                for dim in group["Dimensions"]
            ),
        )

    return _combine(flt["Include"], (group_matches(g) for g in flt["Groups"]))


# -- the calculation -------------------------------------------------------------------------
@dataclass(frozen=True)
class Observation:
    """One profile object: its JSON body, and when it was ingested."""

    body: Any
    ingested: dt.datetime


@dataclass(frozen=True)
class Result:
    value: str | None
    last_object: dt.datetime | None


def _compare(value: str, operator: str, threshold: str) -> bool:
    a, b = number(value), number(threshold)
    if a is not None and b is not None:
        ordered: tuple[Any, Any] = (a, b)
    else:
        ordered = (value, threshold)
    return {
        "EQUAL_TO": ordered[0] == ordered[1],
        "NOT_EQUAL_TO": ordered[0] != ordered[1],
        "GREATER_THAN": ordered[0] > ordered[1],
        "LESS_THAN": ordered[0] < ordered[1],
    }[operator]


def compute(
    definition: Mapping[str, Any],
    objects: Iterable[Observation],
    at: dt.datetime,
    ingested_since: dt.datetime | None = None,
    override: Mapping[str, Any] | None = None,
) -> Result:
    """The value of a definition over one profile's objects of its type, at time ``at``."""
    tree = parse_expression(definition["AttributeDetails"]["Expression"])
    object_type = fields_of(tree)[0].object_type
    conditions = definition.get("Conditions") or {}
    rng = conditions.get("Range") or {}
    source = parse_field(rng["TimestampSource"], "TimestampSource") if rng.get("TimestampSource") else None
    lower, upper = window(conditions, override, at)

    timed: list[tuple[dt.datetime, int, Any]] = []
    for order, obs in enumerate(objects):
        if ingested_since is not None and obs.ingested < ingested_since:
            continue
        when = parse_time(lookup(obs.body, source.path), rng.get("TimestampFormat")) if source else None
        when = when or obs.ingested
        if lower is not None and not lower <= when <= upper:
            continue
        if not passes(definition.get("Filter"), obs.body, object_type):
            continue
        timed.append((when, order, obs.body))
    timed.sort(key=lambda t: (t[0], t[1]))
    count = conditions.get("ObjectCount")
    if count:
        timed = timed[-count:]

    values = [(when, v) for when, _, body in timed if (v := evaluate(tree, body)) is not None]
    statistic = definition["Statistic"]
    if statistic in NUMERIC and statistic != "COUNT":
        values = [(when, n) for when, v in values if (n := number(v)) is not None]
    last = max((when for when, _ in values), default=None)
    value: str | None
    if statistic == "COUNT":
        value = show(len(values))
    elif not values:
        value = None
    elif statistic == "SUM":
        value = show(sum((v for _, v in values), Decimal(0)))
    elif statistic == "MINIMUM":
        value = show(min(v for _, v in values))
    elif statistic == "MAXIMUM":
        value = show(max(v for _, v in values))
    elif statistic == "AVERAGE":
        value = show(sum((v for _, v in values), Decimal(0)) / len(values))
    elif statistic == "FIRST_OCCURRENCE":
        value = show(values[0][1])
    elif statistic == "LAST_OCCURRENCE":
        value = show(values[-1][1])
    elif statistic == "MAX_OCCURRENCE":
        tally: dict[str, int] = {}
        for _, v in values:
            tally[show(v)] = tally.get(show(v), 0) + 1
        value = max(tally, key=lambda k: tally[k])  # the first of the most frequent (dicts keep order)
    else:  # RECENT_OCCURRENCES
        value = json.dumps([show(v) for _, v in reversed(values)])
    threshold = conditions.get("Threshold")
    if threshold and value is not None:
        value = "true" if _compare(value, threshold["Operator"], threshold["Value"]) else "false"
    if value is not None and len(value) > MAX_VALUE:
        value = value[:MAX_VALUE]
    return Result(value, last)


# -- the rules of a definition ---------------------------------------------------------------
def _check_conditions(conditions: Mapping[str, Any], object_type: str, statistic: str) -> None:
    rng = conditions.get("Range")
    if rng is not None:
        if "Value" not in rng and "ValueRange" not in rng:
            raise BadRequestException("Conditions.Range needs a Value or a ValueRange")
        if "Unit" not in rng:
            raise BadRequestException("Conditions.Range.Unit is required (DAYS)")
        span = rng.get("ValueRange")
        if span is not None and span["Start"] < span["End"]:
            raise BadRequestException(
                "Conditions.Range.ValueRange.Start must not be later than End (positive numbers are days in the past)"
            )
        fmt = rng.get("TimestampFormat")
        if fmt is not None and fmt not in TIMESTAMP_FORMATS:
            raise BadRequestException(f"TimestampFormat must be one of {', '.join(TIMESTAMP_FORMATS)}")
        source = rng.get("TimestampSource")
        if fmt is not None and source is None:
            raise BadRequestException("TimestampFormat needs a TimestampSource")
        if source is not None and parse_field(source, "TimestampSource").object_type != object_type:
            raise BadRequestException(f"TimestampSource {source} must name a field of {object_type}")
    count = conditions.get("ObjectCount")
    if count is not None and not 1 <= count <= MAX_OBJECT_COUNT:
        raise BadRequestException(f"Conditions.ObjectCount must be between 1 and {MAX_OBJECT_COUNT}")
    threshold = conditions.get("Threshold")
    if threshold is not None and statistic in NUMERIC and number(threshold["Value"]) is None:
        raise BadRequestException(f"Threshold.Value {threshold['Value']} must be a number for {statistic}")


_NEEDS_NUMBER = {"GREATER_THAN", "LESS_THAN", "GREATER_THAN_OR_EQUAL", "LESS_THAN_OR_EQUAL", "EQUAL"}
_NEEDS_DATE = {"BEFORE", "AFTER", "ON"}


def _check_filter(flt: Mapping[str, Any]) -> None:
    for group in flt["Groups"]:
        for dim in group["Dimensions"]:
            if not dim["Attributes"]:
                raise BadRequestException("Filter dimensions must name at least one attribute")
            for name, spec in dim["Attributes"].items():
                kind, values = spec["DimensionType"], spec["Values"]
                if kind in ("BETWEEN", "NOT_BETWEEN"):
                    if len(values) != 2 or any(parse_time(v, None) is None for v in values):
                        raise BadRequestException(f"Filter {name}: {kind} needs two timestamps")
                elif kind in _NEEDS_DATE:
                    if len(values) != 1 or parse_time(values[0], None) is None:
                        raise BadRequestException(f"Filter {name}: {kind} needs one timestamp")
                elif kind in _NEEDS_NUMBER and (len(values) != 1 or number(values[0]) is None):
                    raise BadRequestException(f"Filter {name}: {kind} needs one number")


def object_type_of(attrs: Mapping[str, Any]) -> str:
    return fields_of(parse_expression(attrs["AttributeDetails"]["Expression"]))[0].object_type


def _check(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    details = attrs["AttributeDetails"]
    tree = parse_expression(details["Expression"])
    used = fields_of(tree)
    if not used:
        raise BadRequestException("Expression must name at least one {ObjectTypeName.AttributeName}")
    types = {f.object_type for f in used}
    if len(types) > 1:
        raise BadRequestException(f"A calculated attribute reads one object type; Expression names {sorted(types)}")
    object_type = used[0].object_type
    listed = [a["Name"] for a in details["Attributes"]]
    if len(set(listed)) > MAX_FIELDS:
        raise BadRequestException(f"A calculated attribute reads at most {MAX_FIELDS} fields of its object type")
    named = {f.path for f in used}
    missing = sorted(named - set(listed))
    if missing:
        raise BadRequestException(f"Expression uses {', '.join(missing)}, which AttributeDetails.Attributes lacks")
    unused = sorted(set(listed) - named)
    if unused:
        raise BadRequestException(f"AttributeDetails.Attributes lists {', '.join(unused)}, which Expression lacks")
    statistic = attrs["Statistic"]
    _check_conditions(attrs.get("Conditions") or {}, object_type, statistic)
    if attrs.get("Filter"):
        _check_filter(attrs["Filter"])
    if not _TYPE_NAME.match(object_type):
        raise BadRequestException(f"{object_type} is not an object type name")
    if resources.find(OBJECT_TYPE, parent, object_type) is None:
        raise BadRequestException(f"Object type {object_type} does not exist in domain {parent.id}")


_TYPE_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z_0-9-]*$")


CALCULATED_ATTRIBUTE = declare(
    "calculated-attribute",
    "Calculated attribute",
    "domains/{parent}/calculated-attributes/{id}",
    "CalculatedAttributeName",
    computed={
        **STAMPS,
        "Status": _status,
        "Readiness": _readiness_shown,
    },
    check=_check,
    quota=Quota(
        lambda: PER_DOMAIN,
        "BadRequestException",
        "A domain can have at most {limit} calculated attribute definitions",
        first=True,
    ),
)


# -- operations ------------------------------------------------------------------------------
def create(resources: Resources, domain: Resource, caller: Caller, name: str, request: Mapping[str, Any]) -> Resource:
    if resources.find(CALCULATED_ATTRIBUTE, domain, name) is not None:
        raise BadRequestException(f"Calculated attribute {name} already exists in domain {domain.id}")
    attrs = {k: request[k] for k in MEMBERS if request.get(k) is not None}
    if attrs.get("UseHistoricalData"):
        attrs[READINESS] = Readiness()
    return resources.create(CALCULATED_ATTRIBUTE, domain, attrs, caller, request.get("Tags"), resource_id=name)


def update(resources: Resources, definition: Resource, caller: Caller, request: Mapping[str, Any]) -> Resource:
    changes = {k: request[k] for k in ("DisplayName", "Description", "Conditions") if k in request}
    resources.update(definition, changes, caller)
    return definition


def observations(domain: Resource, profile_id: str, object_type: str) -> list[Observation]:
    """The profile's objects of one type, in the order they were stored."""
    found = []
    for obj in domain.children(PROFILE_OBJECT.kind).values():
        attrs = obj.attrs
        if attrs.get("ProfileId") != profile_id or attrs.get("ObjectTypeName") != object_type:
            continue
        try:
            body = json.loads(attrs.get("Object") or "{}")
        except (TypeError, ValueError):
            continue
        found.append(Observation(body, obj.last_modified_time))
    return found


def value_for(definition: Resource, profile_id: str, override: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A definition's value for one profile, in the output members' names."""
    domain = definition.parent
    assert isinstance(domain, Resource)
    attrs = definition.attrs
    complete = _complete(definition)
    since = None if attrs.get("UseHistoricalData") and complete else definition.created_time
    objects = observations(domain, profile_id, object_type_of(attrs))
    result = compute(attrs, objects, now(), since, override)
    out: dict[str, Any] = {
        "CalculatedAttributeName": definition.id,
        "DisplayName": attrs.get("DisplayName"),
        "IsDataPartial": "false" if complete else "true",
        "Value": result.value,
        "LastObjectTimestamp": result.last_object,
    }
    return {k: v for k, v in out.items() if v is not None}
