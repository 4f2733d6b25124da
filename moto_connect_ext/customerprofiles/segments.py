"""Segments: definitions over profile attributes and calculated attributes, and what is computed
from them over the domain's profiles (estimates, membership, snapshots, membership events).

A segment definition is a resource of its domain (``domains/<d>/segment-definitions/<name>``,
named by its name).  It is either *classic* (``SegmentGroups``: groups of dimensions over
profile attributes and calculated attributes, built on source segments) or *enhanced*
(``SegmentSqlQuery``: a subset of SQL is evaluated, see ``parse_sql``).  Membership is
computed from the store when asked, never kept, so it follows every change to a profile:

* ``SegmentGroups.Include`` (ALL, ANY, NONE; ALL when absent) combines the groups;
* a group's ``SourceSegments`` (combined by ``SourceType``) narrow the profiles it starts from,
  its ``Dimensions`` (combined by ``Type``) filter them; a dimension holds when every condition
  it names holds;
* conditions compare a profile's value (``Address.City``, ``Attributes.<key>``, a calculated
  attribute's value) with the ``Values`` (``{{_profile.X}}``/``{{_calculated_attribute.Y}}`` name
  the profile's own values).  A profile without the value meets EXCLUSIVE and no other type.

Estimates and snapshots count and export the members at the moment they are asked for, and
progress (RUNNING -> SUCCEEDED, IN_PROGRESS -> COMPLETED) through moto's state manager; a
completed snapshot is written to its S3 destination through moto's S3; a domain takes at most
``SNAPSHOTS_PER_DAY`` snapshots in 24 hours, of all its segments.  A subscription keeps the
members it last saw; every segments operation on the domain compares them with the members now
and records JOINED/LEFT events (LIVE for classic segments, SCHEDULE for enhanced ones), also put
on the domain's Kinesis stream for segments when one is associated and exists.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import importlib
import io
import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.clock import now
from ..core.moto_compat import StatefulModel, kms_key, lifecycle, register_transition
from ..core.resources import Resource, ResourceType, render
from .declarations import CREATED_AT, declare
from .dimensions import NUMBER_COMPARISONS, NUMBER_TYPES, STRING_TYPES, text_matches
from .exceptions import BadRequestException, ResourceNotFoundException
from .models import DOMAIN
from .profiles import ADDRESS_MEMBERS, PROFILE

ESTIMATE_MODEL = "customer-profiles::segment-estimate"
SNAPSHOT_MODEL = "customer-profiles::segment-snapshot"
SUBSCRIPTION_MODEL = "customer-profiles::segment-subscription"
for _model in (ESTIMATE_MODEL, SNAPSHOT_MODEL, SUBSCRIPTION_MODEL):
    register_transition(_model, "immediate")

#: estimates a domain keeps (the oldest are forgotten first)
ESTIMATES_KEPT = 1000
#: segment snapshots a domain can have created in a day, the last 24 hours (Customer Profiles quotas)
SNAPSHOTS_PER_DAY = 200
#: membership events a subscription keeps (the oldest are forgotten first)
EVENTS_KEPT = 10_000
#: the schedule a subscription runs on when none is given (PutSegmentSubscription)
DEFAULT_SCHEDULE = {"Interval": 24, "Unit": "HOURLY"}

#: ProfileAttributes members compared as strings, and the profile attributes they read
STRING_MEMBERS: dict[str, tuple[str, ...]] = {
    "AccountNumber": ("AccountNumber",),
    "AdditionalInformation": ("AdditionalInformation",),
    "FirstName": ("FirstName",),
    "LastName": ("LastName",),
    "MiddleName": ("MiddleName",),
    "GenderString": ("GenderString", "Gender"),
    "PartyTypeString": ("PartyTypeString", "PartyType"),
    "PhoneNumber": ("PhoneNumber",),
    "BusinessName": ("BusinessName",),
    "BusinessPhoneNumber": ("BusinessPhoneNumber",),
    "HomePhoneNumber": ("HomePhoneNumber",),
    "MobilePhoneNumber": ("MobilePhoneNumber",),
    "EmailAddress": ("EmailAddress",),
    "PersonalEmailAddress": ("PersonalEmailAddress",),
    "BusinessEmailAddress": ("BusinessEmailAddress",),
}

DATE_TYPES = frozenset({"BEFORE", "AFTER", "BETWEEN", "NOT_BETWEEN", "ON"})
#: how many values a dimension type takes (the others take one or more)
ONE_VALUE = frozenset({"BEFORE", "AFTER", "ON", *NUMBER_TYPES})
TWO_VALUES = frozenset({"BETWEEN", "NOT_BETWEEN"})

_HANDLEBAR = re.compile(r"^\{\{\s*(_profile|_calculated_attribute)\.([A-Za-z0-9_.-]+)\s*\}\}$")
_S3_URI = re.compile(r"^s3://(?P<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(?P<prefix>.*))?$")
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%Y/%m/%d", "%m-%d-%Y")


def _segment_type(segment: Resource) -> str:
    return "ENHANCED" if segment.attrs.get("SegmentSqlQuery") else "CLASSIC"


SEGMENT = declare(
    "segment-definition",
    "Segment definition",
    "domains/{parent}/segment-definitions/{id}",
    "SegmentDefinitionName",
    arn_name="SegmentDefinitionArn",
    computed={**CREATED_AT, "SegmentType": _segment_type},
    tags_always=True,
)


# -- calculated attributes (another family's) ---------------------------------------------
def _calculated_module() -> Any:
    try:
        return importlib.import_module(f"{__package__}.calculated_attributes")
    except ImportError:
        return None


def _calculated_kind() -> str:
    module = _calculated_module()
    for value in vars(module).values() if module is not None else ():
        if isinstance(value, ResourceType) and "calculated" in value.kind:
            return value.kind
    return "calculated-attribute"


def calculated_attribute_exists(domain: Resource, name: str) -> bool:
    return domain.children(_calculated_kind()).get(name) is not None


def calculated_value(domain: Resource, profile: Resource, name: str, override: Any = None) -> Any:
    """A profile's value of a calculated attribute (``override``: a dimension's
    ``ConditionOverrides.Range``), computed by the calculated attributes family
    (``value_for``); None, so the condition is unmet, when it is not there to compute it."""
    module = _calculated_module()
    value_for = getattr(module, "value_for", None) if module is not None else None
    definition = domain.children(_calculated_kind()).get(name)
    if value_for is None or definition is None:
        return None
    return value_for(definition, profile.id, override).get("Value")


# -- values --------------------------------------------------------------------------
def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def parse_number(value: Any) -> float | None:
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if number == number else None  # NaN is no number


def profile_value(profile: Resource, path: str) -> Any:
    """A profile's attribute by dotted path: ``FirstName``, ``Address.City``, ``Attributes.tier``."""
    head, _, rest = path.partition(".")
    value = profile.attrs.get(head)
    if head == "ProfileType" and value is None:
        value = "PROFILE"
    if rest:
        return value.get(rest) if isinstance(value, dict) else None
    return value


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    text = str(value)
    if text.startswith("["):
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        if isinstance(parsed, list):
            return [str(v) for v in parsed]
    return [text]


def _number_or_date(value: Any) -> tuple[str, Any] | None:
    number = parse_number(value)
    if number is not None:
        return ("number", number)
    date = parse_date(value)
    return ("date", date) if date is not None else None


def condition_holds(kind: str, actual: Any, values: list[Any]) -> bool:
    """Whether a value meets a dimension (values already resolved for this profile)."""
    if actual is None or actual == "":
        return kind in ("EXCLUSIVE",)
    text = str(actual)
    if kind in STRING_TYPES:
        return text_matches(kind, text, [str(v) for v in values])
    if kind == "LIST_CONTAINS":
        return bool(set(_as_list(actual)) & {str(v) for v in values})
    if kind == "LIST_CONTAINS_ALL":
        return {str(v) for v in values} <= set(_as_list(actual))
    if kind == "EQUAL":
        number = parse_number(actual)
        return any(
            (number is not None and parse_number(v) == number) or (number is None and str(v) == text) for v in values
        )
    if kind in NUMBER_TYPES:
        number, bound = parse_number(actual), parse_number(values[0]) if values else None
        if number is None or bound is None:
            return False
        return NUMBER_COMPARISONS[kind](number, bound)
    if kind in ("BEFORE", "AFTER", "ON"):
        date, bound_date = parse_date(actual), parse_date(values[0]) if values else None
        if date is None or bound_date is None:
            return False
        return {"BEFORE": date < bound_date, "AFTER": date > bound_date, "ON": date == bound_date}[kind]
    if kind in TWO_VALUES:
        if len(values) != 2:
            return False
        low, high = _number_or_date(values[0]), _number_or_date(values[1])
        mine = (
            ("number", parse_number(actual))
            if low and low[0] == "number"
            else ("date", parse_date(actual))
            if low
            else None
        )
        if low is None or high is None or mine is None or mine[1] is None or low[0] != high[0]:
            return False
        inside = bool(low[1] <= mine[1] <= high[1])
        return inside if kind == "BETWEEN" else not inside
    return False


# -- validation ------------------------------------------------------------------------
def _check_values(where: str, kind: str, values: list[str], allowed: frozenset[str]) -> None:
    if kind not in allowed:
        raise BadRequestException(f"{where}: DimensionType {kind} cannot be used here")
    static = [v for v in values if not _HANDLEBAR.match(str(v))]
    if kind in ONE_VALUE and len(values) != 1:
        raise BadRequestException(f"{where}: DimensionType {kind} takes exactly one value")
    if kind in TWO_VALUES and len(values) != 2:
        raise BadRequestException(f"{where}: DimensionType {kind} takes exactly two values")
    if kind in NUMBER_TYPES and any(parse_number(v) is None for v in static):
        raise BadRequestException(f"{where}: DimensionType {kind} compares numbers; {static} are not all numbers")
    if kind in ("BEFORE", "AFTER", "ON") and any(parse_date(v) is None for v in static):
        raise BadRequestException(f"{where}: DimensionType {kind} compares dates; {static} are not all dates")
    if kind in TWO_VALUES and len(static) == 2:
        low, high = _number_or_date(static[0]), _number_or_date(static[1])
        if low is None or high is None or low[0] != high[0]:
            raise BadRequestException(f"{where}: DimensionType {kind} takes two numbers or two dates")
        if low[1] > high[1]:
            raise BadRequestException(f"{where}: the first value of {kind} must not be greater than the second")


ANY_TYPE = STRING_TYPES | DATE_TYPES | NUMBER_TYPES | {"EQUAL", "LIST_CONTAINS", "LIST_CONTAINS_ALL"}


class Definition:
    """Checks a SegmentGroups structure against the domain (what it names must exist)."""

    def __init__(self, domain: Resource) -> None:
        self.domain = domain

    def check_handlebars(self, where: str, values: list[str]) -> None:
        for value in values:
            match = _HANDLEBAR.match(str(value))
            if match and match[1] == "_calculated_attribute":
                self.check_calculated(where, match[2])

    def check_calculated(self, where: str, name: str) -> None:
        if not calculated_attribute_exists(self.domain, name):
            raise BadRequestException(f"{where}: calculated attribute {name} does not exist in the domain")

    def check_profile_attributes(self, where: str, attributes: dict[str, Any]) -> int:
        count = 0
        for member, condition in attributes.items():
            here = f"{where}.ProfileAttributes.{member}"
            if member in ADDRESS_MEMBERS:
                for part, sub in condition.items():
                    self.check_condition(f"{here}.{part}", sub, STRING_TYPES)
                    count += 1
            elif member == "Attributes":
                for key, sub in condition.items():
                    self.check_condition(f"{here}.{key}", sub, ANY_TYPE)
                    count += 1
            elif member == "BirthDate":
                self.check_condition(here, condition, DATE_TYPES)
                count += 1
            elif member == "ProfileType":
                count += 1  # its type and values are the model's enums
            else:
                self.check_condition(here, condition, STRING_TYPES)
                count += 1
        return count

    def check_condition(self, where: str, condition: dict[str, Any], allowed: frozenset[str]) -> None:
        values = list(condition["Values"])
        _check_values(where, condition["DimensionType"], values, allowed)
        self.check_handlebars(where, values)

    def check_groups(self, structure: dict[str, Any], what: str) -> None:
        groups = structure.get("Groups") or []
        if not groups:
            raise BadRequestException(f"{what}.Groups must hold at least one group")
        for i, group in enumerate(groups):
            where = f"{what}.Groups[{i}]"
            sources = group.get("SourceSegments") or []
            dimensions = group.get("Dimensions") or []
            if not sources and not dimensions:
                raise BadRequestException(f"{where} must have Dimensions or SourceSegments")
            for source in sources:
                name = source.get("SegmentDefinitionName")
                if not name:
                    raise BadRequestException(f"{where}.SourceSegments: each source names a SegmentDefinitionName")
                if self.domain.children(SEGMENT.kind).get(name) is None:
                    raise BadRequestException(f"{where}.SourceSegments: segment definition {name} does not exist")
            for j, dimension in enumerate(dimensions):
                here = f"{where}.Dimensions[{j}]"
                count = self.check_profile_attributes(here, dimension.get("ProfileAttributes") or {})
                for name, condition in (dimension.get("CalculatedAttributes") or {}).items():
                    self.check_calculated(here, name)
                    self.check_condition(f"{here}.CalculatedAttributes.{name}", condition, ANY_TYPE)
                    count += 1
                if count == 0:
                    raise BadRequestException(f"{here} names no condition")

    def check_sort(self, sort: dict[str, Any] | None) -> None:
        for attribute in (sort or {}).get("Attributes", []):
            if attribute.get("Type") == "CALCULATED":
                self.check_calculated("SegmentSort", attribute["Name"])


def check_query(domain: Resource, groups: dict[str, Any] | None, sql: str | None, what: str) -> None:
    if (groups is None) == (sql is None):
        raise BadRequestException(f"Exactly one of {what} and SegmentSqlQuery must be given")
    if groups is not None:
        Definition(domain).check_groups(groups, what)
    elif sql is not None:
        try:
            parse_sql(sql)
        except SqlError as error:
            raise BadRequestException(f"SegmentSqlQuery: {error}") from None


# -- SQL segments: the subset of SQL evaluated ----------------------------------------------
class SqlError(Exception):
    """A query outside the subset the emulator evaluates."""


_SQL_TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>-?\d+(?:\.\d+)?)|(?P<op><=|>=|<>|!=|=|<|>|\(|\)|,|\*|;)"
    r"|(?P<name>(?:[A-Za-z_][A-Za-z0-9_-]*|\"[^\"]+\"|`[^`]+`)(?:\.(?:[A-Za-z_][A-Za-z0-9_-]*|\"[^\"]+\"|`[^`]+`))*))"
)
_KEYWORDS = frozenset({"SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "LIKE", "IS", "NULL", "IN", "BETWEEN", "AS"})
Value = Callable[[str], Any]


@dataclass(frozen=True)
class SqlQuery:
    """``SELECT ... FROM <table> [alias] [WHERE <condition>]``: the condition over one profile."""

    condition: Callable[[Value], bool] | None

    def matches(self, value: Value) -> bool:
        return True if self.condition is None else self.condition(value)


def parse_sql(text: str) -> SqlQuery:
    """The subset: comparisons (=, <>, !=, <, <=, >, >=), LIKE, IN, BETWEEN, IS [NOT] NULL, combined
    with AND, OR, NOT and parentheses, over profile attributes (``FirstName``, ``Address.City``,
    ``Attributes.tier``, ``_calculated_attribute.<name>``), optionally prefixed by the table."""
    return _SqlParser(text).query()


def _sql_compare(op: str, left: Any, right: Any) -> bool:
    if left is None or right is None:
        return False
    a, b = parse_number(left), parse_number(right)
    pair: tuple[Any, Any] = (a, b) if a is not None and b is not None else (str(left), str(right))
    x, y = pair
    return bool({"=": x == y, "<>": x != y, "!=": x != y, "<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op])


def _like(pattern: str) -> re.Pattern[str]:
    parts = (".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.compile("^" + "".join(parts) + "$", re.DOTALL)


class _SqlParser:
    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        position = 0
        stripped = text.rstrip()
        while position < len(stripped):
            match = _SQL_TOKEN.match(stripped, position)
            if match is None or match.end() == position:
                raise SqlError(f"unexpected text at position {position}: {stripped[position : position + 20]!r}")
            kind = match.lastgroup or ""
            value = match[kind]
            if kind == "name" and value.upper() in _KEYWORDS:
                kind, value = "keyword", value.upper()
            self.tokens.append((kind, value))
            position = match.end()
        self.at = 0
        self.table: set[str] = set()

    def peek(self, offset: int = 0) -> tuple[str, str]:
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else ("end", "")

    def take(self, kind: str, value: str | None = None) -> str:
        found = self.peek()
        if found[0] != kind or (value is not None and found[1] != value):
            raise SqlError(f"expected {value or kind}, found {found[1] or 'the end of the query'}")
        self.at += 1
        return found[1]

    def accept(self, kind: str, value: str) -> bool:
        if self.peek() == (kind, value):
            self.at += 1
            return True
        return False

    def query(self) -> SqlQuery:
        self.take("keyword", "SELECT")
        depth = 0
        while not (depth == 0 and self.peek() == ("keyword", "FROM")):
            kind, value = self.peek()
            if kind == "end":
                raise SqlError("expected FROM")
            depth += {"(": 1, ")": -1}.get(value, 0) if kind == "op" else 0
            self.at += 1
        self.take("keyword", "FROM")
        self.table.add(self.take("name"))
        self.accept("keyword", "AS")
        if self.peek()[0] == "name":
            self.table.add(self.take("name"))
        condition = None
        if self.accept("keyword", "WHERE"):
            condition = self.disjunction()
        self.accept("op", ";")
        if self.peek()[0] != "end":
            raise SqlError(f"unexpected {self.peek()[1]} (the subset has no joins, grouping or ordering)")
        return SqlQuery(condition)

    def disjunction(self) -> Callable[[Value], bool]:
        parts = [self.conjunction()]
        while self.accept("keyword", "OR"):
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else lambda v: any(p(v) for p in parts)

    def conjunction(self) -> Callable[[Value], bool]:
        parts = [self.negation()]
        while self.accept("keyword", "AND"):
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else lambda v: all(p(v) for p in parts)

    def negation(self) -> Callable[[Value], bool]:
        if self.accept("keyword", "NOT"):
            inner = self.negation()
            return lambda v: not inner(v)
        if self.peek() == ("op", "("):
            self.at += 1
            inner = self.disjunction()
            self.take("op", ")")
            return inner
        return self.predicate()

    def operand(self) -> Callable[[Value], Any]:
        kind, value = self.peek()
        self.at += 1
        if kind == "string":
            text = value[1:-1].replace("''", "'")
            return lambda _v: text
        if kind == "number":
            return lambda _v: value
        if kind == "name":
            parts = [p.strip('"`') for p in value.split(".")]
            if len(parts) > 1 and parts[0] in self.table:
                parts = parts[1:]
            path = ".".join(parts)
            return lambda v: v(path)
        raise SqlError(f"expected a value or an attribute, found {value or 'the end of the query'}")

    def predicate(self) -> Callable[[Value], bool]:
        left = self.operand()
        negate = self.accept("keyword", "NOT")
        if self.accept("keyword", "IS"):
            wanted_null = not self.accept("keyword", "NOT")
            self.take("keyword", "NULL")
            return lambda v: (left(v) is None) == wanted_null
        if self.accept("keyword", "LIKE"):
            pattern = _like(self.operand()(lambda _p: None) or "")
            return lambda v: left(v) is not None and bool(pattern.match(str(left(v)))) != negate
        if self.accept("keyword", "IN"):
            self.take("op", "(")
            items = [self.operand()]
            while self.accept("op", ","):
                items.append(self.operand())
            self.take("op", ")")
            return lambda v: left(v) is not None and any(_sql_compare("=", left(v), i(v)) for i in items) != negate
        if self.accept("keyword", "BETWEEN"):
            low = self.operand()
            self.take("keyword", "AND")
            high = self.operand()
            return lambda v: (
                left(v) is not None
                and (_sql_compare(">=", left(v), low(v)) and _sql_compare("<=", left(v), high(v))) != negate
            )
        if negate:
            raise SqlError("NOT must be followed by LIKE, IN or BETWEEN here")
        op = self.take("op")
        if op not in ("=", "<>", "!=", "<", "<=", ">", ">="):
            raise SqlError(f"expected a comparison, found {op}")
        right = self.operand()
        return lambda v: _sql_compare(op, left(v), right(v))


# -- evaluation ------------------------------------------------------------------------
class Evaluation:
    """Membership of the domain's profiles, computed once per (segment, profile) per request."""

    def __init__(self, backend: Any, domain: Resource) -> None:
        self.backend = backend
        self.domain = domain
        self._memo: dict[tuple[str, str], bool] = {}
        self._calculated: dict[tuple[str, str, str], Any] = {}

    def profiles(self) -> list[Resource]:
        return list(self.domain.children(PROFILE.kind).values())

    def members(self, segment: Resource) -> list[Resource]:
        return [p for p in self.profiles() if self.is_member(segment, p)]

    def count(self, groups: dict[str, Any] | None, sql: str | None) -> int:
        return sum(1 for p in self.profiles() if self.matches(groups, sql, p))

    def is_member(self, segment: Resource, profile: Resource) -> bool:
        key = (segment.id, profile.id)
        found = self._memo.get(key)
        if found is None:
            self._memo[key] = False  # a cycle (impossible by construction) counts as absent
            found = self._memo[key] = self.matches(
                segment.attrs.get("SegmentGroups"), segment.attrs.get("SegmentSqlQuery"), profile
            )
        return found

    def matches(self, groups: dict[str, Any] | None, sql: str | None, profile: Resource) -> bool:
        if sql is not None:
            return parse_sql(sql).matches(lambda path: self.value(profile, path))
        if groups is None:
            return False
        results = (self.group(group, profile) for group in groups.get("Groups") or [])
        return _combine(groups.get("Include"), results)

    def group(self, group: dict[str, Any], profile: Resource) -> bool:
        sources = group.get("SourceSegments") or []
        if sources:
            store = self.domain.children(SEGMENT.kind)
            found = [store.get(s["SegmentDefinitionName"]) for s in sources]
            if not _combine(group.get("SourceType"), (s is not None and self.is_member(s, profile) for s in found)):
                return False
        dimensions = group.get("Dimensions") or []
        if not dimensions:
            return True
        return _combine(group.get("Type"), (self.dimension(d, profile) for d in dimensions))

    def dimension(self, dimension: dict[str, Any], profile: Resource) -> bool:
        for member, condition in (dimension.get("ProfileAttributes") or {}).items():
            if member in ADDRESS_MEMBERS:
                checks = [(f"{member}.{part}", sub) for part, sub in condition.items()]
            elif member == "Attributes":
                checks = [(f"Attributes.{key}", sub) for key, sub in condition.items()]
            else:
                checks = [(member, condition)]
            for path, sub in checks:
                if not self.holds(sub, self.profile_attribute(profile, path), profile):
                    return False
        for name, condition in (dimension.get("CalculatedAttributes") or {}).items():
            override = (condition.get("ConditionOverrides") or {}).get("Range")
            if not self.holds(condition, self.calculated(profile, name, override), profile):
                return False
        return True

    def holds(self, condition: dict[str, Any], actual: Any, profile: Resource) -> bool:
        values = [self.resolve(v, profile) for v in condition["Values"]]
        return condition_holds(condition["DimensionType"], actual, [v for v in values if v is not None])

    def resolve(self, value: str, profile: Resource) -> Any:
        match = _HANDLEBAR.match(str(value))
        if match is None:
            return value
        if match[1] == "_profile":
            return self.profile_attribute(profile, match[2])
        return self.calculated(profile, match[2])

    def profile_attribute(self, profile: Resource, path: str) -> Any:
        for alias in STRING_MEMBERS.get(path, (path,)):
            value = profile_value(profile, alias)
            if value is not None:
                return value
        return None

    def calculated(self, profile: Resource, name: str, override: Any = None) -> Any:
        key = (profile.id, name, json.dumps(override, sort_keys=True))
        if key not in self._calculated:
            self._calculated[key] = calculated_value(self.domain, profile, name, override)
        return self._calculated[key]

    def value(self, profile: Resource, path: str) -> Any:
        """A value a SQL query names: a profile attribute or ``_calculated_attribute.<name>``."""
        if path.startswith("_calculated_attribute."):
            return self.calculated(profile, path.split(".", 1)[1])
        return self.profile_attribute(profile, path)


def _combine(include: str | None, results: Iterable[bool]) -> bool:
    if include == "ANY":
        return any(results)
    if include == "NONE":
        return not any(results)
    return all(results)


# -- definitions -----------------------------------------------------------------------
def find_segment(backend: Any, domain_name: str, name: str) -> Resource | None:
    """A segment definition by its domain and name (None when either is missing): what
    campaigns name by ARN (``customerProfilesSegmentArn``)."""
    domain = backend.resources.find(DOMAIN, backend.account, domain_name)
    return None if domain is None else domain.children(SEGMENT.kind).get(name)


def segment_of(backend: Any, domain: Resource, name: str) -> Resource:
    return backend.resources.get(SEGMENT, domain, name)  # type: ignore[no-any-return]


def create_definition(backend: Any, caller: Caller, domain: Resource, params: dict[str, Any]) -> Resource:
    name = params["SegmentDefinitionName"]
    if domain.children(SEGMENT.kind).get(name) is not None:
        raise BadRequestException(f"Segment definition {name} already exists in domain {domain.id}")
    check_query(domain, params.get("SegmentGroups"), params.get("SegmentSqlQuery"), "SegmentGroups")
    Definition(domain).check_sort(params.get("SegmentSort"))
    members = ("DisplayName", "Description", "SegmentGroups", "SegmentSqlQuery", "SegmentSort")
    attrs = {k: params[k] for k in members if params.get(k) is not None}
    return backend.resources.create(SEGMENT, domain, attrs, caller, params.get("Tags"), resource_id=name)  # type: ignore[no-any-return]


def sources_of(segment: Resource) -> set[str]:
    groups = (segment.attrs.get("SegmentGroups") or {}).get("Groups") or []
    return {s.get("SegmentDefinitionName") for g in groups for s in g.get("SourceSegments") or []}


def delete_definition(backend: Any, domain: Resource, name: str) -> None:
    segment = segment_of(backend, domain, name)
    users = sorted(s.id for s in domain.children(SEGMENT.kind).values() if name in sources_of(s))
    if users:
        raise BadRequestException(
            f"Segment definition {name} is a source segment of {', '.join(users)}; delete or change those first"
        )
    backend.resources.delete(segment)


# -- estimates -------------------------------------------------------------------------
EstimateStatus = lifecycle(ESTIMATE_MODEL, [("RUNNING", "SUCCEEDED")])


@dataclass
class Estimate:
    id: str
    count: int
    status: StatefulModel = field(default_factory=EstimateStatus)


@dataclass
class DomainSegments:
    """What a domain keeps for its segments besides the definitions."""

    estimates: dict[str, Estimate] = field(default_factory=dict)
    stream: Stream | None = None


def state_of(domain: Resource) -> DomainSegments:
    state: DomainSegments = domain.__dict__.setdefault("_segments", DomainSegments())
    return state


def create_estimate(backend: Any, domain: Resource, params: dict[str, Any]) -> Estimate:
    groups, sql = params.get("SegmentQuery"), params.get("SegmentSqlQuery")
    check_query(domain, groups, sql, "SegmentQuery")
    estimate = Estimate(uuid.uuid4().hex, Evaluation(backend, domain).count(groups, sql))
    estimates = state_of(domain).estimates
    estimates[estimate.id] = estimate
    while len(estimates) > ESTIMATES_KEPT:
        del estimates[next(iter(estimates))]
    return estimate


def get_estimate(domain: Resource, estimate_id: str) -> tuple[Estimate, str]:
    estimate = state_of(domain).estimates.get(estimate_id)
    if estimate is None:
        raise ResourceNotFoundException(f"Segment estimate {estimate_id} does not exist")
    shown = str(estimate.status.status)
    estimate.status.advance()
    return estimate, shown


# -- membership ------------------------------------------------------------------------
def membership(backend: Any, domain: Resource, segment: Resource, profile_ids: list[str]) -> dict[str, Any]:
    evaluation = Evaluation(backend, domain)
    store = domain.children(PROFILE.kind)
    results, failures = [], []
    for profile_id in dict.fromkeys(profile_ids):
        profile = store.get(profile_id)
        if profile is None:
            failures.append({"ProfileId": profile_id, "Message": f"Profile {profile_id} does not exist", "Status": 404})
            continue
        present = evaluation.is_member(segment, profile)
        item: dict[str, Any] = {"ProfileId": profile_id, "QueryResult": "PRESENT" if present else "ABSENT"}
        if present:
            item["Profile"] = render(profile, "Profile", backend.resources.tags)
        results.append(item)
    return {
        "SegmentDefinitionName": segment.id,
        "Profiles": results,
        "Failures": failures,
        "LastComputedAt": now(),
    }


# -- snapshots -------------------------------------------------------------------------
SnapshotStatus = lifecycle(SNAPSHOT_MODEL, [("IN_PROGRESS", "COMPLETED")])


@dataclass
class Snapshot:
    id: str
    request: dict[str, Any]
    profiles: list[dict[str, Any]]
    caller: Caller
    status: StatefulModel = field(default_factory=SnapshotStatus)
    message: str | None = None
    failed: bool = False
    written: bool = False


def _snapshots(segment: Resource) -> dict[str, Snapshot]:
    found: dict[str, Snapshot] = segment.__dict__.setdefault("_snapshots", {})
    return found


def _snapshot_times(domain: Resource) -> list[dt.datetime]:
    """When the domain's snapshots of the last 24 hours were created (those of every segment,
    deleted ones included)."""
    since = now() - dt.timedelta(days=1)
    return [t for t in domain.__dict__.get("_snapshot_times", ()) if t > since]


def _s3() -> Any:
    from moto.s3.models import s3_backends

    return s3_backends


def _bucket_exists(caller: Caller, bucket: str) -> bool:
    try:
        _s3()[caller.account_id][caller.partition].get_bucket(bucket)
    except Exception:
        return False
    return True


def _check_key(caller: Caller, key: str) -> None:
    parsed = parse_arn(key)
    key_id = parsed["resource"].split("/", 1)[-1] if parsed else key
    account, region = (parsed["account"], parsed["region"]) if parsed else (caller.account_id, caller.region)
    if kms_key(account, region, key_id) is None:
        raise BadRequestException(f"EncryptionKey {key} is not a KMS key that exists")


def create_snapshot(
    backend: Any, caller: Caller, domain: Resource, segment: Resource, params: dict[str, Any]
) -> Snapshot:
    uri = params.get("DestinationUri")
    if not uri:
        raise BadRequestException("DestinationUri is required for a snapshot requested through the API")
    match = _S3_URI.match(uri)
    if match is None:
        raise BadRequestException(f"DestinationUri {uri} is not an Amazon S3 URI (s3://bucket/prefix)")
    if not _bucket_exists(caller, match["bucket"]):
        raise BadRequestException(f"DestinationUri {uri}: the bucket {match['bucket']} does not exist")
    if params.get("EncryptionKey"):
        _check_key(caller, params["EncryptionKey"])
    times = _snapshot_times(domain)
    if len(times) >= SNAPSHOTS_PER_DAY:
        raise BadRequestException(
            f"Domain {domain.id} has had {len(times)} segment snapshots in the last 24 hours, the most a day allows"
        )
    members = Evaluation(backend, domain).members(segment)
    rows = [render(p, "Profile", backend.resources.tags) for p in members]
    request = {k: params[k] for k in ("DataFormat", "EncryptionKey", "RoleArn", "DestinationUri") if params.get(k)}
    snapshot = Snapshot(uuid.uuid4().hex, request, rows, caller)
    _snapshots(segment)[snapshot.id] = snapshot
    domain.__dict__["_snapshot_times"] = [*times, now()]
    _settle(snapshot, str(snapshot.status.status))
    return snapshot


def get_snapshot(segment: Resource, snapshot_id: str) -> tuple[Snapshot, str]:
    snapshot = _snapshots(segment).get(snapshot_id)
    if snapshot is None:
        raise ResourceNotFoundException(f"Segment snapshot {snapshot_id} does not exist for segment {segment.id}")
    shown = _settle(snapshot, str(snapshot.status.status))
    snapshot.status.advance()
    return snapshot, shown


def _settle(snapshot: Snapshot, status: str) -> str:
    """The status shown; a snapshot that has just completed is written to its destination."""
    if snapshot.failed:
        return "FAILED"
    if status != "COMPLETED" or snapshot.written:
        return status
    try:
        _write(snapshot)
    except _ExportError as error:
        snapshot.failed, snapshot.message = True, str(error)
        return "FAILED"
    snapshot.written = True
    snapshot.message = f"{len(snapshot.profiles)} profiles exported"
    return status


class _ExportError(Exception):
    pass


def _flatten(profile: dict[str, Any]) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in profile.items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                flat[f"{key}.{sub}"] = inner if isinstance(inner, str) else json.dumps(inner, sort_keys=True)
        elif isinstance(value, list):
            flat[key] = json.dumps(value, sort_keys=True)
        else:
            flat[key] = str(value)
    return flat


def export_body(data_format: str, profiles: list[dict[str, Any]]) -> bytes:
    """The members in the snapshot's format (CSV with a header, or JSON lines)."""
    if data_format == "JSONL":
        return "".join(json.dumps(p, sort_keys=True) + "\n" for p in profiles).encode()
    if data_format == "CSV":
        rows = [_flatten(p) for p in profiles]
        columns = ["ProfileId", *sorted({c for r in rows for c in r} - {"ProfileId"})]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode()
    raise _ExportError(f"{data_format} output is not produced by this emulator (CSV and JSONL are)")


def snapshot_key(snapshot: Snapshot) -> tuple[str, str]:
    """(bucket, key) of a snapshot's export: ``<prefix>/<SnapshotId>.<csv|jsonl|orc>``."""
    match = _S3_URI.match(snapshot.request["DestinationUri"])
    assert match is not None
    prefix = (match["prefix"] or "").strip("/")
    name = f"{snapshot.id}.{snapshot.request['DataFormat'].lower()}"
    return match["bucket"], f"{prefix}/{name}" if prefix else name


def _write(snapshot: Snapshot) -> None:
    body = export_body(snapshot.request["DataFormat"], snapshot.profiles)
    bucket, key = snapshot_key(snapshot)
    caller = snapshot.caller
    if not _bucket_exists(caller, bucket):
        raise _ExportError(f"The bucket {bucket} no longer exists")
    key_arn = snapshot.request.get("EncryptionKey")
    encryption = {"encryption": "aws:kms", "kms_key_id": key_arn} if key_arn else {}
    _s3()[caller.account_id][caller.partition].put_object(bucket, key, body, **encryption)


# -- the stream for segments --------------------------------------------------------------
_KINESIS_ARN = re.compile(r"^arn:aws[a-z-]*:kinesis:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):stream/(?P<name>[^/]+)$")


@dataclass
class Stream:
    destination: str
    role: str
    associated_at: dt.datetime
    disassociated_at: dt.datetime | None = None

    @property
    def active(self) -> bool:
        return self.disassociated_at is None


def _kinesis_stream(arn: str) -> Any:
    match = _KINESIS_ARN.match(arn)
    if match is None:
        return None
    from moto.kinesis.models import kinesis_backends

    try:
        return kinesis_backends[match["account"]][match["region"]].describe_stream(None, match["name"])
    except Exception:
        return None


def associate_stream(domain: Resource, destination: str, role: str) -> None:
    state = state_of(domain)
    if state.stream is not None and state.stream.active:
        raise BadRequestException(
            f"Domain {domain.id} already has a stream for segments ({state.stream.destination}); disassociate it first"
        )
    if _KINESIS_ARN.match(destination) is None:
        raise BadRequestException(f"DestinationArn {destination} is not an Amazon Kinesis data stream ARN")
    if _kinesis_stream(destination) is None:
        raise BadRequestException(f"DestinationArn {destination}: the Kinesis data stream does not exist")
    state.stream = Stream(destination, role, now())


def disassociate_stream(domain: Resource) -> Stream:
    stream = state_of(domain).stream
    if stream is None or not stream.active:
        raise ResourceNotFoundException(f"Domain {domain.id} has no stream for segments")
    stream.disassociated_at = now()
    for segment in domain.children(SEGMENT.kind).values():
        subscription = subscription_of(segment)
        if subscription is not None:
            subscription.status.enter("STOPPED")
            subscription.message = "The stream for segments was disassociated"
    return stream


def stream_view(domain: Resource) -> dict[str, Any]:
    stream = state_of(domain).stream
    if stream is None:
        raise ResourceNotFoundException(f"Domain {domain.id} has no stream for segments")
    healthy = _kinesis_stream(stream.destination) is not None
    view: dict[str, Any] = {
        "DomainName": domain.id,
        "DestinationArn": stream.destination,
        "DestinationRoleArn": stream.role,
        "AssociatedAt": stream.associated_at,
        "State": "STOPPED" if not stream.active else "RUNNING" if healthy else "UNHEALTHY",
        "AssociatedSegments": [],
    }
    if stream.disassociated_at is not None:
        view["DisassociatedAt"] = stream.disassociated_at
    if stream.active and not healthy:
        view["FailureReason"] = "The Kinesis data stream no longer exists"
    for segment in domain.children(SEGMENT.kind).values():
        subscription = subscription_of(segment)
        if subscription is None:
            continue
        status, message = subscription.shown(domain, advance=False)
        item = {"SegmentName": segment.id, "Status": status}
        if message:
            item["Message"] = message
        view["AssociatedSegments"].append(item)
    return view


# -- subscriptions and their events -------------------------------------------------------
SubscriptionStatus = lifecycle(SUBSCRIPTION_MODEL, [("STARTING", "RUNNING")])


@dataclass
class Subscription:
    schedule: dict[str, Any]
    started_at: dt.datetime
    updated_at: dt.datetime
    #: IDs of the members last seen, in the order they were seen
    members: list[str]
    status: StatefulModel = field(default_factory=SubscriptionStatus)
    message: str | None = None

    def shown(self, domain: Resource, advance: bool = True) -> tuple[str, str | None]:
        status = str(self.status.status)
        if advance:
            self.status.advance()
        stream = state_of(domain).stream
        if status != "STOPPED" and stream is not None and _kinesis_stream(stream.destination) is None:
            return "FAILED", "The Kinesis data stream for segments no longer exists"
        return status, self.message


def subscription_of(segment: Resource) -> Subscription | None:
    found: Subscription | None = segment.__dict__.get("_subscription")
    return found


def events_of(segment: Resource) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = segment.__dict__.setdefault("_events", [])
    return found


def put_subscription(
    backend: Any, domain: Resource, segment: Resource, schedule: dict[str, Any] | None
) -> Subscription:
    stream = state_of(domain).stream
    if stream is None or not stream.active:
        raise BadRequestException(
            f"Domain {domain.id} has no stream for segments: AssociateStreamForSegments before subscribing"
        )
    schedule = {**DEFAULT_SCHEDULE, **(schedule or {})}
    current = subscription_of(segment)
    stamp = now()
    if current is not None and str(current.status.stored_status) != "STOPPED":
        sync_domain(backend, domain)
        current.schedule, current.updated_at = schedule, stamp
        return current
    members = [p.id for p in Evaluation(backend, domain).members(segment)]
    subscription = Subscription(schedule, stamp, stamp, members)
    segment.__dict__["_subscription"] = subscription
    return subscription


def delete_subscription(segment: Resource) -> None:
    if segment.__dict__.pop("_subscription", None) is None:
        raise ResourceNotFoundException(f"Segment definition {segment.id} has no subscription")


def scheduled_executions(subscription: Subscription) -> dict[str, Any]:
    hours = int(subscription.schedule.get("Interval", 24))
    return {
        "LastExecutedAt": subscription.updated_at,
        "NextExecutedAt": subscription.updated_at + dt.timedelta(hours=hours),
    }


def sync_domain(backend: Any, domain: Resource) -> None:
    """Record the membership changes of every subscribed segment of the domain since last seen
    (and put them on the domain's stream for segments)."""
    evaluation: Evaluation | None = None
    for segment in domain.children(SEGMENT.kind).values():
        subscription = subscription_of(segment)
        if subscription is None or str(subscription.status.stored_status) == "STOPPED":
            continue
        evaluation = evaluation or Evaluation(backend, domain)
        _sync(evaluation, segment, subscription)


def _sync(evaluation: Evaluation, segment: Resource, subscription: Subscription) -> None:
    now_members = [p.id for p in evaluation.members(segment)]
    before, after = set(subscription.members), set(now_members)
    if before == after:
        return
    stamp = now()
    kind = "SCHEDULE" if segment.attrs.get("SegmentSqlQuery") else "LIVE"
    new = [
        {"ProfileId": i, "Event": "JOINED", "EventType": kind, "UpdatedAt": stamp}
        for i in now_members
        if i not in before
    ]
    new += [
        {"ProfileId": i, "Event": "LEFT", "EventType": kind, "UpdatedAt": stamp}
        for i in subscription.members
        if i not in after
    ]
    subscription.members = now_members
    events = events_of(segment)
    events.extend(new)
    del events[: max(0, len(events) - EVENTS_KEPT)]
    _deliver(evaluation.domain, segment, new)


def _deliver(domain: Resource, segment: Resource, events: list[dict[str, Any]]) -> None:
    stream = state_of(domain).stream
    if stream is None or not stream.active or _kinesis_stream(stream.destination) is None:
        return
    match = _KINESIS_ARN.match(stream.destination)
    assert match is not None
    from moto.kinesis.models import kinesis_backends

    kinesis = kinesis_backends[match["account"]][match["region"]]
    for event in events:
        record = {
            "DomainName": domain.id,
            "SegmentDefinitionName": segment.id,
            **event,
            "UpdatedAt": event["UpdatedAt"].isoformat(),
        }
        data = base64.b64encode(json.dumps(record, sort_keys=True).encode()).decode()
        kinesis.put_record(stream.destination, match["name"], event["ProfileId"], None, data)  # type: ignore[arg-type]


def list_events(segment: Resource, next_token: str | None, max_results: int) -> tuple[list[dict[str, Any]], str | None]:
    """The most recent events first; a token names the absolute position to continue from, so a
    walk is stable while new events come in."""
    from ..core.pagination import decode_token, encode_token

    events = events_of(segment)
    start = decode_token(next_token, "pos") if next_token else len(events) - 1
    start = min(start, len(events) - 1)
    chosen = [events[i] for i in range(start, max(start - max_results, -1), -1)]
    following = start - max_results
    return chosen, encode_token("pos", following) if following >= 0 else None
