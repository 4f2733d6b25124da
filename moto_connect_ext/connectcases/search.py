"""Search: the case search engine, the related-item filters, and the search operations.

The engine (the ``CaseFilter`` algebra, free text and sorts) is pure functions.

Anything searchable offers ``value(field_id)`` (the stored ``FieldValueUnion``
or None), ``tags`` (a dict) and ``texts()`` (its string values).  Field types
come from a lookup (``field id -> type or None``), so DateTime values compare
as instants, numbers as numbers and text as text.

Filters:

- ``field``: ``equalTo`` (``emptyValue`` matches "no value"), ``contains``
  (case-insensitive substring of a text value), ``greaterThan``,
  ``greaterThanOrEqualTo``, ``lessThan``, ``lessThanOrEqualTo`` (numbers,
  DateTime instants, text in code-point order; "no value" never matches);
- ``not`` (negation), ``tag`` (``equalTo`` a key and value), ``andAll`` (every
  member; an empty list matches everything), ``orAll`` (any member; an empty
  list matches nothing), nested freely.

``searchTerm``: every word of the term must appear, case-insensitively, in some
text value of the case.  ``sorts``: up to two fields, each ``Asc`` or ``Desc``;
cases without a value for a sort field come after those with one; ties keep
the incoming order (creation order).

Related items are selected by ``RelatedItemTypeFilter``s (``filters_match``).
``SearchOperations`` is the part of ``CasesBackend`` that serves SearchCases,
SearchRelatedItems and SearchAllRelatedItems.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..core.clock import now
from ..core.errors import ValidationError
from ..core.pagination import Walks
from .base import distinct
from .related import DEFAULT_CHANNEL, TYPE_OF_MEMBER, RelatedOperations, contact_facts
from .values import is_empty, kind_of, parse_datetime, text_of

if TYPE_CHECKING:
    from .cases import Case
    from .models import Domain
    from .related import RelatedItem

FIELD_OPERATORS = ("equalTo", "contains", "greaterThan", "greaterThanOrEqualTo", "lessThan", "lessThanOrEqualTo")
RANGE_OPERATORS = {
    "greaterThan": lambda a, b: a > b,
    "greaterThanOrEqualTo": lambda a, b: a >= b,
    "lessThan": lambda a, b: a < b,
    "lessThanOrEqualTo": lambda a, b: a <= b,
}

TypeLookup = Callable[[str], "str | None"]
ValueLookup = Callable[[str], "dict[str, Any] | None"]


class Searchable(Protocol):
    @property
    def tags(self) -> dict[str, str]: ...

    def value(self, field_id: str) -> dict[str, Any] | None: ...

    def texts(self) -> Iterable[str]: ...


T = TypeVar("T", bound=Searchable)


# -- values ----------------------------------------------------------------------
def comparable(value: dict[str, Any] | None, field_type: str | None) -> tuple[int, Any] | None:
    """A sort/compare key for a value: numbers, instants and text never mix (None when empty)."""
    if is_empty(value):
        return None
    assert value is not None
    kind = kind_of(value)
    inner = value[kind]
    if kind == "doubleValue":
        return (0, float(inner))
    if kind == "booleanValue":
        return (1, int(bool(inner)))
    if field_type == "DateTime" and kind == "stringValue":
        parsed = parse_datetime(inner)
        if parsed is not None:
            return (2, parsed.timestamp())
    return (3, str(inner))


def field_matches(operator: str, wanted: dict[str, Any], have: dict[str, Any] | None, field_type: str | None) -> bool:
    """One ``FieldFilter`` comparison of a stored value against the filter's value."""
    if operator == "equalTo":
        if is_empty(wanted):
            return is_empty(have)
        mine, theirs = comparable(have, field_type), comparable(wanted, field_type)
        return mine is not None and mine == theirs
    if operator == "contains":
        needle, hay = text_of(wanted), text_of(have)
        return needle is not None and hay is not None and needle.lower() in hay.lower()
    mine, theirs = comparable(have, field_type), comparable(wanted, field_type)
    if mine is None or theirs is None or mine[0] != theirs[0]:
        return False
    return bool(RANGE_OPERATORS[operator](mine[1], theirs[1]))


# -- checking a filter before running it ---------------------------------------------
def check_field_filter(field_filter: dict[str, Any], type_of: TypeLookup, where: str = "filter") -> None:
    operator = next(op for op in FIELD_OPERATORS if op in field_filter)
    operand = field_filter[operator]
    field_id = operand["id"]
    field_type = type_of(field_id)
    if field_type is None:
        raise ValidationError(f"The {where} names field {field_id}, which does not exist in this domain")
    wanted = operand["value"]
    kind = kind_of(wanted)
    if operator == "contains" and kind not in ("stringValue", "userArnValue"):
        raise ValidationError(f"contains compares text: give field {field_id} a stringValue, not a {kind}")
    if operator in RANGE_OPERATORS:
        if kind in ("emptyValue", "booleanValue"):
            raise ValidationError(f"{operator} needs a number, a date-time or text, not a {kind}")
        if field_type == "DateTime" and kind == "stringValue" and parse_datetime(wanted["stringValue"]) is None:
            raise ValidationError(f"{wanted['stringValue']!r} is not an ISO 8601 date-time (field {field_id})")


def check_case_filter(case_filter: dict[str, Any], type_of: TypeLookup) -> None:
    """ValidationError when a ``CaseFilter`` names unknown fields or compares what cannot be compared."""
    if "field" in case_filter:
        check_field_filter(case_filter["field"], type_of)
    elif "not" in case_filter:
        check_case_filter(case_filter["not"], type_of)
    elif "tag" in case_filter:
        equal = case_filter["tag"].get("equalTo", {})
        if not equal.get("key"):
            raise ValidationError("A tag filter needs equalTo.key")
    else:
        for compound in ("andAll", "orAll"):
            for member in case_filter.get(compound, []):
                check_case_filter(member, type_of)


# -- running a filter ----------------------------------------------------------------
def _compound(tree: dict[str, Any], match: Callable[[dict[str, Any]], bool]) -> bool | None:
    """A ``not``, ``andAll`` or ``orAll`` filter, its members matched by ``match``; None for any other."""
    if "not" in tree:
        return not match(tree["not"])
    if "andAll" in tree:
        return all(match(member) for member in tree["andAll"])
    if "orAll" in tree:
        return any(match(member) for member in tree["orAll"])
    return None


def match_fields(fields_filter: dict[str, Any], value: ValueLookup, type_of: TypeLookup) -> bool:
    """A ``CustomFieldsFilter`` (or the field part of a ``CaseFilter``) against values."""
    if "field" in fields_filter:
        field_filter = fields_filter["field"]
        operator = next(op for op in FIELD_OPERATORS if op in field_filter)
        operand = field_filter[operator]
        return field_matches(operator, operand["value"], value(operand["id"]), type_of(operand["id"]))
    matched = _compound(fields_filter, lambda member: match_fields(member, value, type_of))
    if matched is None:
        raise ValueError(f"not a filter: {fields_filter!r}")
    return matched


def matches(case_filter: dict[str, Any], item: Searchable, type_of: TypeLookup) -> bool:
    """Whether a case satisfies a ``CaseFilter``."""
    if "tag" in case_filter:
        equal = case_filter["tag"]["equalTo"]
        tags = item.tags
        return equal["key"] in tags and tags[equal["key"]] == equal.get("value", "")
    matched = _compound(case_filter, lambda member: matches(member, item, type_of))
    return match_fields(case_filter, item.value, type_of) if matched is None else matched


def term_matches(words: list[str], item: Searchable) -> bool:
    if not words:
        return True
    texts = [t.lower() for t in item.texts()]
    return all(any(word in text for text in texts) for word in words)


class Query:
    """One SearchCases request's filter, search term and sorts, checked once."""

    def __init__(
        self,
        type_of: TypeLookup,
        case_filter: dict[str, Any] | None = None,
        search_term: str | None = None,
        sorts: list[dict[str, Any]] | None = None,
    ) -> None:
        self.type_of = type_of
        self.filter = case_filter
        self.term = search_term or ""
        self.words = self.term.lower().split()
        self.sorts = list(sorts or [])
        if case_filter is not None:
            check_case_filter(case_filter, type_of)
        for field_id in distinct((sort["fieldId"] for sort in self.sorts), "sorts"):
            if type_of(field_id) is None:
                raise ValidationError(f"Cannot sort by field {field_id}: it does not exist in this domain")

    def key(self) -> str:
        """Identifies the query (not the page): equal for every page of one walk."""
        return json.dumps([self.filter, self.term, self.sorts], sort_keys=True, default=str)

    def accepts(self, item: Searchable) -> bool:
        if self.filter is not None and not matches(self.filter, item, self.type_of):
            return False
        return term_matches(self.words, item)

    def order(self, items: list[T]) -> list[T]:
        """Items sorted by the query's sorts (stable; values missing last in either order)."""
        out = list(items)
        for sort in reversed(self.sorts):
            field_id = sort["fieldId"]
            field_type = self.type_of(field_id)
            keyed = [(comparable(item.value(field_id), field_type), item) for item in out]
            present = [(k, item) for k, item in keyed if k is not None]
            missing = [item for k, item in keyed if k is None]
            present.sort(key=lambda pair: pair[0], reverse=sort["sortOrder"] == "Desc")
            out = [item for _, item in present] + missing
        return out

    def select(self, items: Iterable[T]) -> list[T]:
        """Every item the query accepts, in the query's order: each item is looked at once."""
        return self.order([item for item in items if self.accepts(item)])


def project(item: Searchable, field_ids: Iterable[str]) -> list[dict[str, Any]]:
    """``FieldValue`` entries for the listed fields that have a value, in the order asked."""
    out: list[dict[str, Any]] = []
    for field_id in dict.fromkeys(field_ids):
        found = item.value(field_id)
        if not is_empty(found):
            assert found is not None
            out.append({"id": field_id, "value": dict(found)})
    return out


# -- related items ---------------------------------------------------------------
def type_filter_matches(type_filter: dict[str, Any], item: RelatedItem, at: dt.datetime, type_of: TypeLookup) -> bool:
    """Whether an item passes one ``RelatedItemTypeFilter`` (its type, then the type's parameters)."""
    member = next(m for m in TYPE_OF_MEMBER if m in type_filter)
    if TYPE_OF_MEMBER[member] != item.type:
        return False
    params = type_filter[member]
    body = item.body
    if member == "contact":
        channels = params.get("channel") or []
        if channels and (contact_facts(body["contactArn"]) or (DEFAULT_CHANNEL,))[0] not in channels:
            return False
        return "contactArn" not in params or params["contactArn"] == body["contactArn"]
    if member == "file":
        return "fileArn" not in params or params["fileArn"] == body["fileArn"]
    if member == "sla":
        if "name" in params and params["name"] != item.sla_input["name"]:
            return False
        return "status" not in params or params["status"] == item.sla_status(at)
    if member == "connectCase":
        return "caseId" not in params or params["caseId"] == body["caseId"]
    if member == "custom":
        fields_filter = params.get("fields")
        return fields_filter is None or match_fields(fields_filter, item.custom_value, type_of)
    return True  # comment: no parameters


def filters_match(filters: list[dict[str, Any]], item: RelatedItem, at: dt.datetime, type_of: TypeLookup) -> bool:
    """Filters combine with OR; no filter keeps everything."""
    return not filters or any(type_filter_matches(f, item, at, type_of) for f in filters)


class SearchOperations(RelatedOperations):
    """The search operations of ``CasesBackend``.

    SearchCases, and SearchAllRelatedItems with ``sorts``, page through ``walks``: each
    walk pages a snapshot of its first page's results (see core/pagination.py), so it
    visits every item that exists throughout the walk once.  SearchRelatedItems and
    unsorted SearchAllRelatedItems list in creation order and page by sequence number."""

    walks: Walks

    def search_cases(
        self,
        domain_id: str,
        case_filter: dict[str, Any] | None,
        search_term: str | None,
        sorts: list[dict[str, Any]] | None,
        field_ids: list[str],
        next_token: str | None,
        max_results: int,
    ) -> dict[str, Any]:
        domain, data = self._runtime(domain_id)
        type_of = self._type_lookup(domain)
        query = Query(type_of, case_filter, search_term, sorts)

        def search() -> list[Case]:
            candidates = data.candidates(case_filter, type_of)
            return query.select(data.cases.values() if candidates is None else candidates)

        scope = f"SearchCases/{domain.id}/{query.key()}"
        page = self.walks.page(scope, next_token, max_results, search, lambda case: case.id, data.cases.get)
        return {
            "cases": [{**case.summary(), "fields": project(case, field_ids), "tags": case.tags} for case in page.items],
            "nextToken": page.next_token,
            "totalCount": page.total,
        }

    def _check_item_filters(self, domain: Domain, filters: list[dict[str, Any]]) -> TypeLookup:
        type_of = self._type_lookup(domain)
        for type_filter in filters:
            fields_filter = type_filter.get("custom", {}).get("fields")
            if fields_filter is not None:
                check_case_filter(fields_filter, type_of)
        return type_of

    def search_related_items(
        self,
        domain_id: str,
        case_id: str,
        filters: list[dict[str, Any]] | None,
        next_token: str | None,
        max_results: int,
    ) -> tuple[list[dict[str, Any]], str | None]:
        domain, _, case = self._runtime_case(domain_id, case_id)
        filters = filters or []
        type_of = self._check_item_filters(domain, filters)
        at = now()
        page, token = case.related.page(next_token, max_results, lambda i: filters_match(filters, i, at, type_of))
        return [self.describe_item(item, at) for item in page], token

    def search_all_related_items(
        self,
        domain_id: str,
        filters: list[dict[str, Any]] | None,
        sorts: list[dict[str, Any]] | None,
        next_token: str | None,
        max_results: int,
    ) -> tuple[list[dict[str, Any]], str | None]:
        domain, data = self._runtime(domain_id)
        filters, sorts = filters or [], sorts or []
        type_of = self._check_item_filters(domain, filters)
        at = now()
        if not sorts:
            items, token = data.related_items.page(
                next_token, max_results, lambda i: filters_match(filters, i, at, type_of)
            )
            return [self.describe_item(item, at, with_case=True) for item in items], token
        properties = [s["sortProperty"] for s in sorts]
        if len(set(properties)) != len(properties):
            raise ValidationError("A sort property appears more than once in sorts")

        def search() -> list[RelatedItem]:
            results = [i for i in data.related_items.values() if filters_match(filters, i, at, type_of)]
            for sort in reversed(sorts):
                prop = sort["sortProperty"]
                results.sort(
                    key=(lambda i: i.association_time) if prop == "AssociationTime" else (lambda i: i.case_id),
                    reverse=sort["sortOrder"] == "Desc",
                )
            return results

        scope = f"SearchAllRelatedItems/{domain.id}/" + json.dumps([filters, sorts], sort_keys=True, default=str)
        page = self.walks.page(scope, next_token, max_results, search, lambda item: item.id, data.related_items.get)
        return [self.describe_item(item, at, with_case=True) for item in page.items], page.next_token


__all__ = [
    "Query",
    "SearchOperations",
    "Searchable",
    "check_case_filter",
    "comparable",
    "field_matches",
    "filters_match",
    "match_fields",
    "matches",
    "project",
    "type_filter_matches",
]
