"""SearchCases narrows equalTo filters through the domain's equality index."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connectcases.search import Query
from tests.connectcases.helpers import number, text


def _ids(cases: Any, domain_id: str, case_filter: dict[str, Any]) -> list[str]:
    pages = cases.get_paginator("search_cases").paginate(domainId=domain_id, filter=case_filter)
    return [c["caseId"] for page in pages for c in page["cases"]]


def _equal(field_id: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"field": {"equalTo": {"id": field_id, "value": value}}}


@pytest.fixture
def looked_at(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    accepts = Query.accepts

    def counting(self: Query, item: Any) -> bool:
        seen.append(item.id)
        return accepts(self, item)

    monkeypatch.setattr(Query, "accepts", counting)
    return seen


def test_an_equal_to_filter_only_looks_at_matching_cases(
    cases: Any, domain_id: str, make_field: Any, make_case: Any, looked_at: list[str]
) -> None:
    colour = make_field("Colour")
    made = {i: make_case(f"case {i}", {colour: text("red" if i % 10 == 0 else "blue")}) for i in range(60)}
    found = _ids(cases, domain_id, _equal(colour, text("red")))
    assert found == [made[i] for i in range(0, 60, 10)]  # creation order
    assert sorted(looked_at) == sorted(found)


def test_the_narrowest_equality_of_an_and_all_is_used(
    cases: Any, domain_id: str, make_field: Any, make_case: Any, looked_at: list[str]
) -> None:
    colour, size = make_field("Colour"), make_field("Size", "Number")
    for i in range(40):
        make_case(f"case {i}", {colour: text("red"), size: number(i % 20)})
    found = _ids(cases, domain_id, {"andAll": [_equal(colour, text("red")), _equal(size, number(3))]})
    assert len(found) == 2
    assert len(looked_at) == 2


def test_the_index_follows_updates_and_deletes(
    cases: Any, domain_id: str, make_field: Any, make_case: Any, get_values: Any
) -> None:
    colour = make_field("Colour")
    first, second = make_case("one", {colour: text("red")}), make_case("two", {colour: text("red")})
    cases.update_case(domainId=domain_id, caseId=first, fields=[{"id": colour, "value": text("green")}])
    assert _ids(cases, domain_id, _equal(colour, text("red"))) == [second]
    assert _ids(cases, domain_id, _equal(colour, text("green"))) == [first]
    cases.update_case(domainId=domain_id, caseId=first, fields=[{"id": colour, "value": {"emptyValue": {}}}])
    assert _ids(cases, domain_id, _equal(colour, text("green"))) == []
    assert _ids(cases, domain_id, _equal(colour, {"emptyValue": {}})) == [first]
    cases.delete_case(domainId=domain_id, caseId=second)
    assert _ids(cases, domain_id, _equal(colour, text("red"))) == []


def test_results_match_a_full_scan(cases: Any, domain_id: str, make_field: Any, make_case: Any) -> None:
    """Filters the index cannot narrow (or, not, ranges) give the same answers as before."""
    size = make_field("Size", "Number")
    made = [make_case(f"case {i}", {size: number(i % 4)}) for i in range(12)]
    equal = _ids(cases, domain_id, _equal(size, number(1)))
    either = _ids(cases, domain_id, {"orAll": [_equal(size, number(1)), _equal(size, number(1))]})
    negated = _ids(cases, domain_id, {"not": {"not": _equal(size, number(1))}})
    assert equal == either == negated == [made[i] for i in (1, 5, 9)]
