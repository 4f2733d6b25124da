"""SearchCases and ListCasesForContact through boto3: filters, free text, sorts, projection, paging."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connectcases.search import Query
from moto_connect_ext.core.caller import Caller
from tests.connectcases.helpers import EMPTY, number, text
from tests.helpers import RAW, raises


@pytest.fixture
def catalog(cases: Any, domain_id: str, make_field: Any, make_case: Any) -> dict[str, str]:
    amount = make_field("Amount", "Number")
    due = make_field("Due", "DateTime")
    ids = {
        "amount": amount,
        "due": due,
        "a": make_case(
            "Printer on fire", {amount: number(10), due: text("2024-03-01T00:00:00Z")}, tags={"team": "red"}
        ),
        "b": make_case(
            "Lost parcel", {amount: number(2.5), due: text("2024-01-01T00:00:00Z"), "summary": text("courier")}
        ),
        "c": make_case("printer jam", {"status": text("closed")}, tags={"team": "blue"}),
    }
    return ids


def found(cases: Any, domain_id: str, **kw: Any) -> list[str]:
    return [c["caseId"] for c in cases.search_cases(domainId=domain_id, **kw)["cases"]]


def test_filters(cases: Any, domain_id: str, catalog: dict[str, str]) -> None:
    a, b, c, amount, due = (catalog[k] for k in ("a", "b", "c", "amount", "due"))

    def by(case_filter: dict[str, Any]) -> list[str]:
        return found(cases, domain_id, filter=case_filter)

    def field(op: str, field_id: str, value: dict[str, Any]) -> dict[str, Any]:
        return {"field": {op: {"id": field_id, "value": value}}}

    assert by(field("equalTo", "status", text("closed"))) == [c]
    assert by(field("equalTo", amount, EMPTY)) == [c]
    assert by(field("contains", "title", text("PRINTER"))) == [a, c]
    assert by(field("greaterThan", amount, number(2.5))) == [a]
    assert by(field("greaterThanOrEqualTo", amount, number(2.5))) == [a, b]
    assert by(field("lessThan", due, text("2024-02-01T00:00:00Z"))) == [b]
    assert by(field("lessThanOrEqualTo", amount, number(10))) == [a, b]
    assert by({"not": field("equalTo", "status", text("closed"))}) == [a, b]
    assert by({"tag": {"equalTo": {"key": "team", "value": "blue"}}}) == [c]
    assert by({"andAll": [field("contains", "title", text("printer")), field("equalTo", "status", text("open"))]}) == [
        a
    ]
    assert by(
        {"orAll": [field("equalTo", amount, number(2.5)), {"tag": {"equalTo": {"key": "team", "value": "blue"}}}]}
    ) == [b, c]
    nested = {
        "andAll": [
            {"not": {"orAll": [field("lessThan", amount, number(5))]}},
            {"not": {"tag": {"equalTo": {"key": "team", "value": "red"}}}},
        ]
    }
    assert by(nested) == [c]
    assert found(cases, domain_id, searchTerm="printer") == [a, c]
    assert found(cases, domain_id, searchTerm="COURIER parcel") == [b]
    assert found(cases, domain_id, searchTerm="printer", filter=field("equalTo", "status", text("open"))) == [a]


def test_sorts_projection_and_total(cases: Any, domain_id: str, catalog: dict[str, str]) -> None:
    a, b, c, amount = (catalog[k] for k in ("a", "b", "c", "amount"))
    assert found(cases, domain_id) == [a, b, c]  # creation order
    assert found(cases, domain_id, sorts=[{"fieldId": amount, "sortOrder": "Asc"}]) == [b, a, c]
    assert found(cases, domain_id, sorts=[{"fieldId": amount, "sortOrder": "Desc"}]) == [a, b, c]
    two = [{"fieldId": "status", "sortOrder": "Desc"}, {"fieldId": "title", "sortOrder": "Asc"}]
    assert found(cases, domain_id, sorts=two) == [b, a, c]
    result = cases.search_cases(domainId=domain_id, fields=[{"id": "title"}, {"id": amount}], maxResults=2)
    assert result["totalCount"] == 3
    assert result["cases"][0]["fields"] == [
        {"id": "title", "value": text("Printer on fire")},
        {"id": amount, "value": number(10.0)},
    ]
    assert result["cases"][0]["tags"] == {"team": "red"}
    assert result["cases"][0]["templateId"]
    rest = cases.search_cases(domainId=domain_id, fields=[{"id": "title"}], maxResults=2, nextToken=result["nextToken"])
    assert [x["caseId"] for x in rest["cases"]] == [c]
    assert rest["totalCount"] == 3
    assert "nextToken" not in rest
    assert cases.search_cases(domainId=domain_id)["cases"][0]["fields"] == []  # no projection asked


def test_default_page_is_25_and_the_paginator_walks_every_case_once(cases: Any, domain_id: str, make_case: Any) -> None:
    made = [make_case(f"case {i:02d}") for i in range(30)]
    first = cases.search_cases(domainId=domain_id)
    assert len(first["cases"]) == 25
    assert first["totalCount"] == 30
    pages = list(cases.get_paginator("search_cases").paginate(domainId=domain_id, PaginationConfig={"PageSize": 7}))
    assert [len(p["cases"]) for p in pages] == [7, 7, 7, 7, 2]
    walked = [c["caseId"] for p in pages for c in p["cases"]]
    assert walked == made
    desc = cases.get_paginator("search_cases").paginate(
        domainId=domain_id, sorts=[{"fieldId": "title", "sortOrder": "Desc"}], PaginationConfig={"PageSize": 4}
    )
    assert [c["caseId"] for p in desc for c in p["cases"]] == made[::-1]


def test_refusals(moto_connect: Any, cases: Any, domain_id: str, catalog: dict[str, str]) -> None:
    for kwargs, match in [
        ({"filter": {"field": {"equalTo": {"id": "nope", "value": text("x")}}}}, "does not exist"),
        ({"filter": {"field": {"contains": {"id": catalog["amount"], "value": number(1)}}}}, "contains compares text"),
        ({"filter": {"field": {"greaterThan": {"id": catalog["due"], "value": text("soon")}}}}, "ISO 8601"),
        ({"sorts": [{"fieldId": "nope", "sortOrder": "Asc"}]}, "Cannot sort"),
        ({"nextToken": "garbage"}, "invalid"),
    ]:
        with raises("ValidationException", 400, match):
            cases.search_cases(domainId=domain_id, **kwargs)
    raw = moto_connect.client("connectcases", config=RAW)
    with raises("ValidationException", 400):
        raw.search_cases(domainId=domain_id, maxResults=101)
    with raises("ValidationException", 400):
        raw.search_cases(domainId=domain_id, sorts=[{"fieldId": "title", "sortOrder": "Up"}])
    with raises("ResourceNotFoundException", 404):
        cases.search_cases(domainId="nope")


def test_paging_2000_cases_looks_at_each_case_once(
    moto_connect: Any, cases: Any, domain_id: str, template_id: str, make_field: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = moto_connect.backend("connectcases")
    caller = Caller("123456789012", "us-east-1", "aws")
    rank = make_field("Rank", "Number")
    for i in range(2000):
        backend.create_case(
            caller,
            domain_id,
            template_id,
            [{"id": "title", "value": text(f"case {i}")}, {"id": rank, "value": number(i % 97)}],
        )
    looked_at: list[str] = []
    sorted_lists: list[int] = []
    accepts, order = Query.accepts, Query.order

    def counting_accepts(self: Query, item: Any) -> bool:
        looked_at.append(item.id)
        return accepts(self, item)

    def counting_order(self: Query, items: list[Any]) -> list[Any]:
        sorted_lists.append(len(items))
        return order(self, items)

    monkeypatch.setattr(Query, "accepts", counting_accepts)
    monkeypatch.setattr(Query, "order", counting_order)
    pages = list(
        cases.get_paginator("search_cases").paginate(
            domainId=domain_id,
            filter={"field": {"greaterThanOrEqualTo": {"id": rank, "value": number(0)}}},
            sorts=[{"fieldId": rank, "sortOrder": "Desc"}],
            fields=[{"id": rank}],
            PaginationConfig={"PageSize": 100},
        )
    )
    walked = [c["caseId"] for p in pages for c in p["cases"]]
    assert len(pages) == 20
    assert len(walked) == len(set(walked)) == 2000
    ranks = [c["fields"][0]["value"]["doubleValue"] for p in pages for c in p["cases"]]
    assert ranks == sorted(ranks, reverse=True)
    # one walk of 20 pages filtered each case once and sorted once: no work per page
    assert len(looked_at) == 2000
    assert sorted(set(looked_at)) == sorted(walked)
    assert sorted_lists == [2000]


def test_list_cases_for_contact(cases: Any, domain_id: str, make_case: Any) -> None:
    contact = "arn:aws:connect:us-east-1:123456789012:instance/i/contact/shared"
    other = "arn:aws:connect:us-east-1:123456789012:instance/i/contact/other"
    linked = [make_case(f"c{i}") for i in range(12)]
    unlinked = make_case("none")
    items = {}
    for case_id in linked:
        item = cases.create_related_item(
            domainId=domain_id, caseId=case_id, type="Contact", content={"contact": {"contactArn": contact}}
        )
        items[case_id] = item["relatedItemId"]
    cases.create_related_item(
        domainId=domain_id, caseId=unlinked, type="Contact", content={"contact": {"contactArn": other}}
    )
    first = cases.list_cases_for_contact(domainId=domain_id, contactArn=contact)
    assert len(first["cases"]) == 10  # default and maximum page
    rest = cases.list_cases_for_contact(domainId=domain_id, contactArn=contact, nextToken=first["nextToken"])
    listed = [c["caseId"] for c in first["cases"] + rest["cases"]]
    assert listed == linked
    assert "nextToken" not in rest
    assert all(c["templateId"] for c in first["cases"])
    cases.delete_related_item(domainId=domain_id, caseId=linked[0], relatedItemId=items[linked[0]])
    small = cases.list_cases_for_contact(domainId=domain_id, contactArn=contact, maxResults=3)
    assert [c["caseId"] for c in small["cases"]] == linked[1:4]
    assert cases.list_cases_for_contact(domainId=domain_id, contactArn="arn:unknown")["cases"] == []
    with raises("ValidationException", 400):
        cases.list_cases_for_contact(domainId=domain_id, contactArn=contact, nextToken="garbage")
    with raises("ResourceNotFoundException", 404):
        cases.list_cases_for_contact(domainId="nope", contactArn=contact)
