"""Unit tests of the case search engine (connectcases/search.py): no backend, no boto3."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from moto_connect_ext.connectcases.search import Query, comparable, field_matches, matches, project
from moto_connect_ext.connectcases.values import text_of
from moto_connect_ext.core.errors import ValidationError

TYPES = {"title": "Text", "amount": "Number", "due": "DateTime", "vip": "Boolean", "owner": "User", "gone": "Text"}


def type_of(field_id: str) -> str | None:
    return TYPES.get(field_id)


class Item:
    def __init__(self, name: str, tags: dict[str, str] | None = None, **values: dict[str, Any]) -> None:
        self.name = name
        self._tags = tags or {}
        self.values = values

    @property
    def tags(self) -> dict[str, str]:
        return self._tags

    def value(self, field_id: str) -> dict[str, Any] | None:
        return self.values.get(field_id)

    def texts(self) -> Iterable[str]:
        return [t for t in (text_of(v) for v in self.values.values()) if t is not None]

    def __repr__(self) -> str:
        return self.name


def s(text: str) -> dict[str, Any]:
    return {"stringValue": text}


def d(number: float) -> dict[str, Any]:
    return {"doubleValue": number}


A = Item(
    "a",
    {"team": "red"},
    title=s("Printer on fire"),
    amount=d(10),
    due=s("2024-01-02T00:00:00Z"),
    vip={"booleanValue": True},
)
B = Item("b", {"team": "blue"}, title=s("Lost parcel"), amount=d(2.5), due=s("2024-01-01T12:00:00+02:00"))
C = Item("c", {}, title=s("printer jam"), owner={"userArnValue": "arn:aws:connect:us-east-1:1:instance/i/agent/u"})
ITEMS = [A, B, C]


def field(op: str, field_id: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"field": {op: {"id": field_id, "value": value}}}


def names(query: Query) -> list[str]:
    return [item.name for item in query.select(ITEMS)]


def test_equal_to_and_empty_value() -> None:
    assert names(Query(type_of, field("equalTo", "title", s("Lost parcel")))) == ["b"]
    assert names(Query(type_of, field("equalTo", "amount", d(10)))) == ["a"]
    assert names(Query(type_of, field("equalTo", "vip", {"booleanValue": True}))) == ["a"]
    assert names(Query(type_of, field("equalTo", "amount", {"emptyValue": {}}))) == ["c"]
    # date-times compare as instants, whatever their offset
    assert names(Query(type_of, field("equalTo", "due", s("2024-01-01T10:00:00Z")))) == ["b"]


def test_contains_is_a_case_insensitive_substring() -> None:
    assert names(Query(type_of, field("contains", "title", s("PRINTER")))) == ["a", "c"]
    assert names(Query(type_of, field("contains", "owner", s("agent/u")))) == ["c"]


def test_ranges_on_numbers_dates_and_text() -> None:
    assert names(Query(type_of, field("greaterThan", "amount", d(2.5)))) == ["a"]
    assert names(Query(type_of, field("greaterThanOrEqualTo", "amount", d(2.5)))) == ["a", "b"]
    assert names(Query(type_of, field("lessThan", "amount", d(10)))) == ["b"]
    assert names(Query(type_of, field("lessThanOrEqualTo", "amount", d(10)))) == ["a", "b"]
    assert names(Query(type_of, field("lessThan", "due", s("2024-01-01T11:00:00Z")))) == ["b"]
    assert names(Query(type_of, field("greaterThan", "title", s("M")))) == ["a", "c"]


def test_not_tag_and_all_or_all_nest() -> None:
    printer = field("contains", "title", s("printer"))
    assert names(Query(type_of, {"not": printer})) == ["b"]
    assert names(Query(type_of, {"tag": {"equalTo": {"key": "team", "value": "red"}}})) == ["a"]
    assert names(Query(type_of, {"tag": {"equalTo": {"key": "team", "value": "green"}}})) == []
    assert names(Query(type_of, {"andAll": [printer, field("greaterThan", "amount", d(1))]})) == ["a"]
    assert names(Query(type_of, {"orAll": [field("equalTo", "amount", d(2.5)), {"not": printer}]})) == ["b"]
    nested = {
        "orAll": [
            {"andAll": [printer, {"not": {"tag": {"equalTo": {"key": "team", "value": "red"}}}}]},
            field("lessThan", "amount", d(3)),
        ]
    }
    assert names(Query(type_of, nested)) == ["b", "c"]
    assert names(Query(type_of, {"andAll": []})) == ["a", "b", "c"]
    assert names(Query(type_of, {"orAll": []})) == []


def test_search_term_needs_every_word_somewhere() -> None:
    assert names(Query(type_of, search_term="printer")) == ["a", "c"]
    assert names(Query(type_of, search_term="printer FIRE")) == ["a"]
    assert names(Query(type_of, search_term="agent")) == ["c"]
    assert names(Query(type_of, search_term="nothing")) == []
    assert names(Query(type_of, search_term="  ")) == ["a", "b", "c"]


def test_sorts_with_missing_values_last_and_ties_kept() -> None:
    asc = Query(type_of, sorts=[{"fieldId": "amount", "sortOrder": "Asc"}])
    desc = Query(type_of, sorts=[{"fieldId": "amount", "sortOrder": "Desc"}])
    assert names(asc) == ["b", "a", "c"]
    assert names(desc) == ["a", "b", "c"]
    two = Query(type_of, sorts=[{"fieldId": "vip", "sortOrder": "Desc"}, {"fieldId": "title", "sortOrder": "Asc"}])
    assert names(two) == ["a", "b", "c"]
    by_date = Query(type_of, sorts=[{"fieldId": "due", "sortOrder": "Asc"}])
    assert names(by_date) == ["b", "a", "c"]


def test_bad_queries_are_refused() -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        Query(type_of, field("equalTo", "nope", s("x")))
    with pytest.raises(ValidationError, match="does not exist"):
        Query(type_of, {"not": {"andAll": [field("equalTo", "nope", s("x"))]}})
    with pytest.raises(ValidationError, match="contains compares text"):
        Query(type_of, field("contains", "amount", d(1)))
    with pytest.raises(ValidationError, match="needs a number"):
        Query(type_of, field("greaterThan", "vip", {"booleanValue": True}))
    with pytest.raises(ValidationError, match="ISO 8601"):
        Query(type_of, field("lessThan", "due", s("yesterday")))
    with pytest.raises(ValidationError, match="tag filter"):
        Query(type_of, {"tag": {"equalTo": {"value": "x"}}})
    with pytest.raises(ValidationError, match="Cannot sort"):
        Query(type_of, sorts=[{"fieldId": "nope", "sortOrder": "Asc"}])
    with pytest.raises(ValidationError, match="more than once"):
        Query(type_of, sorts=[{"fieldId": "amount", "sortOrder": "Asc"}, {"fieldId": "amount", "sortOrder": "Desc"}])


def test_each_item_is_looked_at_once() -> None:
    seen: list[str] = []

    class Counting(Query):
        def accepts(self, item: Any) -> bool:
            seen.append(item.name)
            return super().accepts(item)

    Counting(type_of, field("contains", "title", s("p")), sorts=[{"fieldId": "title", "sortOrder": "Asc"}]).select(
        ITEMS
    )
    assert seen == ["a", "b", "c"]


def test_query_keys_name_the_query_not_the_page() -> None:
    one = Query(type_of, field("equalTo", "amount", d(1)), "x", [{"fieldId": "amount", "sortOrder": "Asc"}])
    same = Query(type_of, field("equalTo", "amount", d(1)), "x", [{"fieldId": "amount", "sortOrder": "Asc"}])
    other = Query(type_of, field("equalTo", "amount", d(2)), "x", [{"fieldId": "amount", "sortOrder": "Asc"}])
    assert one.key() == same.key() != other.key()


def test_helpers() -> None:
    assert comparable(None, "Text") is None
    assert comparable({"emptyValue": {}}, "Text") is None
    assert comparable(d(1), "Number") == (0, 1.0)
    assert field_matches("equalTo", s("x"), None, "Text") is False
    assert field_matches("greaterThan", d(1), s("2"), "Text") is False  # a number never compares with text
    assert matches(field("equalTo", "title", s("Lost parcel")), B, type_of)
    assert project(A, ["amount", "owner", "title", "amount"]) == [
        {"id": "amount", "value": d(10)},
        {"id": "title", "value": s("Printer on fire")},
    ]
