"""Cases through boto3: CreateCase, GetCase, UpdateCase, DeleteCase, BatchUpdateCase, audit history."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.connectcases.helpers import EMPTY, PROFILE_ARN, USER_ARN, comment, number, text
from tests.helpers import RAW, raises


def total(cases: Any, domain_id: str) -> int:
    return int(cases.search_cases(domainId=domain_id)["totalCount"])


def test_create_and_get(cases: Any, domain_id: str, make_field: Any) -> None:
    amount = make_field("Amount", "Number")
    template = cases.create_template(
        domainId=domain_id,
        name="Tagged",
        tagPropagationConfigurations=[{"resourceType": "Cases", "tagMap": {"team": "billing", "tier": "1"}}],
    )["templateId"]
    created = cases.create_case(
        domainId=domain_id,
        templateId=template,
        fields=[{"id": "title", "value": text("Broken")}, {"id": amount, "value": number(12)}],
        tags={"team": "mine", "source": "api"},
        performedBy={"userArn": USER_ARN},
    )
    case_id = created["caseId"]
    assert created["caseArn"] == f"arn:aws:cases:us-east-1:123456789012:domain/{domain_id}/case/{case_id}"
    got = cases.get_case(
        domainId=domain_id,
        caseId=case_id,
        fields=[{"id": f} for f in ("title", amount, "status", "case_id", "reference_number", "summary")],
    )
    assert got["templateId"] == template
    # the template's propagated tags are applied on top of the request's
    assert got["tags"] == {"team": "billing", "tier": "1", "source": "api"}
    assert "nextToken" not in got
    values = {f["id"]: f["value"] for f in got["fields"]}
    assert values["title"] == text("Broken")
    assert values[amount] == number(12.0)
    assert values["status"] == text("open")
    assert values["case_id"] == text(case_id)
    assert re.fullmatch(r"\d{8}", values["reference_number"]["stringValue"])
    assert "summary" not in values  # no value, not returned
    system = {
        f["id"]: f["value"]
        for f in cases.get_case(
            domainId=domain_id,
            caseId=case_id,
            fields=[{"id": f} for f in ("created_datetime", "last_updated_datetime", "last_updated_user")],
        )["fields"]
    }
    opened = dt.datetime.fromisoformat(system["created_datetime"]["stringValue"].replace("Z", "+00:00"))
    assert abs((opened - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 5
    assert system["last_updated_datetime"] == system["created_datetime"]
    assert system["last_updated_user"] == {"userArnValue": USER_ARN}
    assert cases.list_tags_for_resource(arn=created["caseArn"])["tags"] == got["tags"]


def test_reference_numbers_are_unique(make_case: Any, get_values: Any) -> None:
    numbers = {get_values(make_case(f"c{i}"), "reference_number")["reference_number"]["stringValue"] for i in range(3)}
    assert len(numbers) == 3


def test_values_of_every_type(cases: Any, domain_id: str, make_field: Any, make_case: Any, get_values: Any) -> None:
    ids = {
        "text": make_field("Text", "Text"),
        "number": make_field("Number", "Number"),
        "flag": make_field("Flag", "Boolean"),
        "when": make_field("When", "DateTime"),
        "pick": make_field("Pick", "SingleSelect", options=["a", "b"]),
        "link": make_field("Link", "Url"),
        "who": make_field("Who", "User"),
    }
    given = {
        ids["text"]: text("hello"),
        ids["number"]: number(-1.5),
        ids["flag"]: {"booleanValue": False},
        ids["when"]: text("2024-05-01T10:00:00Z"),
        ids["pick"]: text("b"),
        ids["link"]: text("https://example.com/x"),
        ids["who"]: {"userArnValue": USER_ARN},
        "customer_id": text(PROFILE_ARN),
        "summary": text("s" * 3000),
        "status": text("closed"),
    }
    case_id = make_case("typed", given)
    assert get_values(case_id, *given) == given
    closed = get_values(case_id, "last_closed_datetime", "created_datetime")
    assert closed["last_closed_datetime"] == closed["created_datetime"]


@pytest.mark.parametrize(
    ("kind", "value", "match"),
    [
        ("Text", number(1), "give it a stringValue"),
        ("Number", text("1"), "give it a doubleValue"),
        ("Boolean", text("true"), "give it a booleanValue"),
        ("DateTime", text("next tuesday"), "not an ISO 8601 date-time"),
        ("SingleSelect", text("zzz"), "not an active option"),
        ("SingleSelect", text("old"), "not an active option"),
        ("Url", text("not a url"), "not an http(s) URL"),
        ("User", {"userArnValue": "bob"}, "not the ARN of an Amazon Connect user"),
        ("User", text(USER_ARN), "give it a userArnValue"),
    ],
)
def test_values_must_fit_the_field_type(
    cases: Any, domain_id: str, template_id: str, make_field: Any, kind: str, value: dict[str, Any], match: str
) -> None:
    field_id = make_field("F", kind, options=["ok", "old"] if kind == "SingleSelect" else None)
    if kind == "SingleSelect":
        cases.batch_put_field_options(
            domainId=domain_id, fieldId=field_id, options=[{"name": "Old", "value": "old", "active": False}]
        )
    with raises("ValidationException", 400, match):
        cases.create_case(
            domainId=domain_id,
            templateId=template_id,
            fields=[{"id": "title", "value": text("t")}, {"id": field_id, "value": value}],
        )
    assert total(cases, domain_id) == 0


def test_create_refusals_create_nothing(cases: Any, domain_id: str, template_id: str, make_field: Any) -> None:
    kept = make_field("Kept")
    dropped = make_field("Dropped")
    cases.delete_field(domainId=domain_id, fieldId=dropped)
    inactive = cases.create_template(domainId=domain_id, name="Off", status="Inactive")["templateId"]
    deleted = cases.create_template(domainId=domain_id, name="Gone")["templateId"]
    cases.delete_template(domainId=domain_id, templateId=deleted)
    strict = cases.create_template(
        domainId=domain_id, name="Strict", requiredFields=[{"fieldId": kept}, {"fieldId": "customer_id"}]
    )["templateId"]
    title = {"id": "title", "value": text("t")}

    def create(template: str = template_id, fields: list[dict[str, Any]] | None = None) -> Any:
        return cases.create_case(domainId=domain_id, templateId=template, fields=[title] if fields is None else fields)

    refusals = [
        (lambda: create("nope"), "does not exist"),
        (lambda: create(inactive), "is Inactive"),
        (lambda: create(deleted), "is deleted"),
        (lambda: create(fields=[]), "title is always required"),
        (lambda: create(fields=[{"id": "title", "value": text("")}]), "title is always required"),
        (lambda: create(fields=[{"id": "title", "value": EMPTY}]), "title is always required"),
        (lambda: create(strict), f"Field {kept} is required by the template"),
        (
            lambda: create(strict, [title, {"id": kept, "value": text("x")}, {"id": "customer_id", "value": EMPTY}]),
            "customer_id is required",
        ),
        (lambda: create(fields=[title, {"id": "nope", "value": text("x")}]), "Field nope does not exist"),
        (
            lambda: create(fields=[title, {"id": dropped, "value": text("x")}]),
            f"Deleted field identifiers in the request: {dropped}",
        ),
        (lambda: create(fields=[title, title]), "appears more than once"),
        (lambda: create(fields=[title, {"id": "case_id", "value": text("x")}]), "only the service sets"),
        (
            lambda: create(fields=[title, {"id": "created_datetime", "value": text("2024-01-01T00:00:00Z")}]),
            "only the service sets",
        ),
        (lambda: create(fields=[title, {"id": "customer_id", "value": text("cust-1")}]), "customer profile ARN"),
        (lambda: create(fields=[title, {"id": "summary", "value": text("s" * 3001)}]), "up to 3000 characters"),
        (lambda: create(fields=[title, {"id": "status", "value": text("pending")}]), "not an active option"),
    ]
    for call, match in refusals:
        with raises("ValidationException", 400, match):
            call()
    assert total(cases, domain_id) == 0
    with raises("ResourceNotFoundException", 404, "Domain") as info:
        cases.create_case(domainId="nope", templateId=template_id, fields=[title])
    assert info.value.response["resourceType"] == "Domain"


def test_model_checks_without_client_validation(moto_connect: Any, domain_id: str, template_id: str) -> None:
    raw = moto_connect.client("connectcases", config=RAW)
    with raises("ValidationException", 400, "fields"):
        raw.create_case(domainId=domain_id, templateId=template_id)
    with raises("ValidationException", 400):
        raw.create_case(domainId=domain_id, templateId=template_id, fields=[{"id": "title", "value": {}}])
    with raises("ValidationException", 400):
        raw.get_case(domainId=domain_id, caseId="x", fields=[])


def test_client_token_idempotency(cases: Any, domain_id: str, template_id: str) -> None:
    request = {"domainId": domain_id, "templateId": template_id, "fields": [{"id": "title", "value": text("t")}]}
    first = cases.create_case(**request, clientToken="token-1")
    again = cases.create_case(**request, clientToken="token-1")
    assert again["caseId"] == first["caseId"]
    assert total(cases, domain_id) == 1
    with raises("ConflictException", 409, "different request"):
        cases.create_case(**{**request, "fields": [{"id": "title", "value": text("other")}]}, clientToken="token-1")
    other = cases.create_case(**request)  # botocore fills in a fresh token
    assert other["caseId"] != first["caseId"]
    cases.delete_case(domainId=domain_id, caseId=first["caseId"])
    assert cases.create_case(**request, clientToken="token-1")["caseId"] not in (first["caseId"], other["caseId"])


def test_get_case_errors(cases: Any, domain_id: str, make_case: Any) -> None:
    case_id = make_case()
    with raises("ResourceNotFoundException", 404, "Case nope") as info:
        cases.get_case(domainId=domain_id, caseId="nope", fields=[{"id": "title"}])
    assert info.value.response["resourceId"] == "nope"
    assert info.value.response["resourceType"] == "Case"
    with raises("ResourceNotFoundException", 404):
        cases.get_case(domainId="nope", caseId=case_id, fields=[{"id": "title"}])
    # unknown field ids have no value: nothing comes back for them
    assert cases.get_case(domainId=domain_id, caseId=case_id, fields=[{"id": "nope"}])["fields"] == []


def test_update_case(cases: Any, domain_id: str, make_field: Any, make_case: Any, get_values: Any) -> None:
    amount = make_field("Amount", "Number")
    case_id = make_case("before", {amount: number(1), "summary": text("s")})
    before = get_values(case_id, "last_updated_datetime")["last_updated_datetime"]
    cases.update_case(
        domainId=domain_id,
        caseId=case_id,
        fields=[
            {"id": "title", "value": text("after")},
            {"id": amount, "value": EMPTY},
            {"id": "status", "value": text("closed")},
        ],
        performedBy={"userArn": USER_ARN},
    )
    now = get_values(
        case_id,
        "title",
        amount,
        "summary",
        "status",
        "last_closed_datetime",
        "last_updated_datetime",
        "last_updated_user",
    )
    assert now["title"] == text("after")
    assert amount not in now  # emptyValue cleared it
    assert now["summary"] == text("s")  # untouched
    assert now["status"] == text("closed")
    assert now["last_closed_datetime"] == now["last_updated_datetime"]
    assert now["last_updated_datetime"]["stringValue"] >= before["stringValue"]
    assert now["last_updated_user"] == {"userArnValue": USER_ARN}
    cases.update_case(domainId=domain_id, caseId=case_id, fields=[{"id": "status", "value": text("open")}])
    assert "last_reopened_datetime" in get_values(case_id, "last_reopened_datetime")


def test_update_refusals(cases: Any, domain_id: str, make_field: Any, make_case: Any, get_values: Any) -> None:
    needed = make_field("Needed")
    template = cases.create_template(domainId=domain_id, name="Needs", requiredFields=[{"fieldId": needed}])[
        "templateId"
    ]
    case_id = make_case("t", {needed: text("x")}, template=template)

    def update(*fields: dict[str, Any]) -> None:
        cases.update_case(domainId=domain_id, caseId=case_id, fields=list(fields))

    for fields, match in [
        ([{"id": "title", "value": EMPTY}], "title is required"),
        ([{"id": "title", "value": text("")}], "title is required"),
        ([{"id": needed, "value": EMPTY}], f"{needed} is required"),
        ([{"id": "reference_number", "value": text("1")}], "only the service sets"),
        ([{"id": "nope", "value": text("1")}], "does not exist"),
        ([{"id": "title", "value": number(1)}], "stringValue"),
    ]:
        with raises("ValidationException", 400, match):
            update(*fields)
    assert get_values(case_id, "title", needed) == {"title": text("t"), needed: text("x")}
    with raises("ResourceNotFoundException", 404, "Case nope"):
        cases.update_case(domainId=domain_id, caseId="nope", fields=[{"id": "title", "value": text("x")}])


def test_deleted_fields_on_cases(cases: Any, domain_id: str, make_field: Any, make_case: Any, get_values: Any) -> None:
    kept = make_field("Kept")
    case_with = make_case("with", {kept: text("v")})
    case_without = make_case("without")
    cases.delete_field(domainId=domain_id, fieldId=kept)
    # GetCase still returns a deleted field's value
    assert get_values(case_with, kept) == {kept: text("v")}
    # UpdateCase with a deleted field: refused unless the case has a value for it
    with raises("ValidationException", 400, f"Deleted field identifiers in the request: {kept}"):
        cases.update_case(domainId=domain_id, caseId=case_without, fields=[{"id": kept, "value": text("x")}])
    cases.update_case(domainId=domain_id, caseId=case_with, fields=[{"id": kept, "value": text("wombat")}])
    assert get_values(case_with, kept) == {kept: text("wombat")}
    # SearchCases finds values of deleted fields, by filter and by search term
    by_filter = cases.search_cases(
        domainId=domain_id, filter={"field": {"equalTo": {"id": kept, "value": text("wombat")}}}
    )
    assert [c["caseId"] for c in by_filter["cases"]] == [case_with]
    assert [c["caseId"] for c in cases.search_cases(domainId=domain_id, searchTerm="WOMB")["cases"]] == [case_with]
    cases.update_case(domainId=domain_id, caseId=case_with, fields=[{"id": kept, "value": EMPTY}])
    assert get_values(case_with, kept) == {}


def test_delete_case_removes_everything(cases: Any, domain_id: str, make_case: Any) -> None:
    case_id = make_case()
    contact = "arn:aws:connect:us-east-1:123456789012:instance/i/contact/c"
    item = cases.create_related_item(
        domainId=domain_id, caseId=case_id, type="Contact", content={"contact": {"contactArn": contact}}
    )
    case_arn = f"arn:aws:cases:us-east-1:123456789012:domain/{domain_id}/case/{case_id}"
    cases.tag_resource(arn=item["relatedItemArn"], tags={"k": "v"})
    other = make_case("other")
    cases.delete_case(domainId=domain_id, caseId=case_id)
    with raises("ResourceNotFoundException", 404):
        cases.get_case(domainId=domain_id, caseId=case_id, fields=[{"id": "title"}])
    with raises("ResourceNotFoundException", 404):
        cases.get_case_audit_events(domainId=domain_id, caseId=case_id)
    with raises("ResourceNotFoundException", 404):
        cases.search_related_items(domainId=domain_id, caseId=case_id)
    for arn in (case_arn, item["relatedItemArn"]):
        with raises("ResourceNotFoundException", 404):
            cases.list_tags_for_resource(arn=arn)
    assert cases.search_all_related_items(domainId=domain_id)["relatedItems"] == []
    assert cases.list_cases_for_contact(domainId=domain_id, contactArn=contact)["cases"] == []
    assert [c["caseId"] for c in cases.search_cases(domainId=domain_id)["cases"]] == [other]
    with raises("ResourceNotFoundException", 404):
        cases.delete_case(domainId=domain_id, caseId=case_id)


def test_case_tags(cases: Any, domain_id: str, make_case: Any) -> None:
    case_id = make_case(tags={"a": "1"})
    arn = f"arn:aws:cases:us-east-1:123456789012:domain/{domain_id}/case/{case_id}"
    cases.tag_resource(arn=arn, tags={"b": "2"})
    cases.untag_resource(arn=arn, tagKeys=["a"])
    assert cases.get_case(domainId=domain_id, caseId=case_id, fields=[{"id": "title"}])["tags"] == {"b": "2"}
    found = cases.search_cases(domainId=domain_id, filter={"tag": {"equalTo": {"key": "b", "value": "2"}}})
    assert [c["caseId"] for c in found["cases"]] == [case_id]
    assert found["cases"][0]["tags"] == {"b": "2"}


def test_audit_history(cases: Any, domain_id: str, make_field: Any, make_case: Any) -> None:
    amount = make_field("Amount", "Number")
    case_id = make_case("first", {amount: number(1)}, performedBy={"customEntity": "bot"})
    cases.update_case(
        domainId=domain_id,
        caseId=case_id,
        fields=[
            {"id": "title", "value": text("second")},
            {"id": amount, "value": EMPTY},
            {"id": "summary", "value": text("new")},
        ],
        performedBy={"userArn": USER_ARN},
    )
    cases.update_case(
        domainId=domain_id, caseId=case_id, fields=[{"id": "title", "value": text("second")}]
    )  # no change
    item = cases.create_related_item(domainId=domain_id, caseId=case_id, type="Comment", content=comment("hi"))
    cases.update_related_item(
        domainId=domain_id, caseId=case_id, relatedItemId=item["relatedItemId"], content=comment("yo")
    )
    cases.delete_related_item(domainId=domain_id, caseId=case_id, relatedItemId=item["relatedItemId"])
    events = cases.get_case_audit_events(domainId=domain_id, caseId=case_id)["auditEvents"]
    assert [(e["type"], e.get("relatedItemType")) for e in events] == [
        ("Case.Created", None),
        ("Case.Updated", None),
        ("RelatedItem.Created", "Comment"),
        ("RelatedItem.Updated", "Comment"),
        ("RelatedItem.Deleted", "Comment"),
    ]
    created, updated = events[0], events[1]
    assert created["performedBy"] == {
        "user": {"customEntity": "bot"},
        "iamPrincipalArn": "arn:aws:sts::123456789012:user/moto",
    }
    created_fields = {f["eventFieldId"]: f for f in created["fields"]}
    assert created_fields["title"] == {"eventFieldId": "title", "newValue": text("first")}
    assert created_fields[amount]["newValue"] == number(1.0)
    assert created_fields["status"]["newValue"] == text("open")
    assert updated["performedBy"]["user"] == {"userArn": USER_ARN}
    assert sorted(updated["fields"], key=lambda f: f["eventFieldId"]) == sorted(
        [
            {"eventFieldId": "title", "oldValue": text("first"), "newValue": text("second")},
            {"eventFieldId": amount, "oldValue": number(1.0), "newValue": EMPTY},
            {"eventFieldId": "summary", "newValue": text("new")},
        ],
        key=lambda f: f["eventFieldId"],
    )
    assert len({e["eventId"] for e in events}) == 5
    assert [e["performedTime"] for e in events] == sorted(e["performedTime"] for e in events)
    first = cases.get_case_audit_events(domainId=domain_id, caseId=case_id, maxResults=2)
    rest = cases.get_case_audit_events(domainId=domain_id, caseId=case_id, maxResults=25, nextToken=first["nextToken"])
    assert [e["eventId"] for e in first["auditEvents"] + rest["auditEvents"]] == [e["eventId"] for e in events]
    assert "nextToken" not in rest


def test_batch_update_case(cases: Any, domain_id: str, make_field: Any, make_case: Any, get_values: Any) -> None:
    amount = make_field("Amount", "Number")
    one, two = make_case("one"), make_case("two")
    ref_two = get_values(two, "reference_number")["reference_number"]["stringValue"]
    result = cases.batch_update_case(
        domainId=domain_id,
        cases=[
            {"caseIdentifier": {"caseId": one}},
            {"caseIdentifier": {"referenceId": ref_two}},
            {"caseIdentifier": {"caseId": "missing"}},
        ],
        fields=[{"fieldIdentifier": {"name": "Amount"}, "value": number(5)}],
        title="Batch",
        status="closed",
        customerId=PROFILE_ARN,
        performedBy={"customEntity": "batch"},
    )
    assert result["successfulCases"] == [
        {
            "caseIdentifier": {
                "caseId": one,
                "referenceId": get_values(one, "reference_number")["reference_number"]["stringValue"],
            }
        },
        {"caseIdentifier": {"caseId": two, "referenceId": ref_two}},
    ]
    assert result["failedCases"] == [
        {
            "caseIdentifier": {"caseId": "missing"},
            "errorCode": "CASE_NOT_FOUND",
            "errorMessage": f"Case missing not found in domain {domain_id}",
        }
    ]
    for case_id in (one, two):
        assert get_values(case_id, "title", "status", "customer_id", amount) == {
            "title": text("Batch"),
            "status": text("closed"),
            "customer_id": text(PROFILE_ARN),
            amount: number(5.0),
        }
    updated = cases.get_case_audit_events(domainId=domain_id, caseId=one)["auditEvents"][-1]
    assert updated["type"] == "Case.Updated"
    assert updated["performedBy"]["user"] == {"customEntity": "batch"}


def test_batch_update_per_case_failures(
    cases: Any, domain_id: str, make_field: Any, make_case: Any, get_values: Any
) -> None:
    old = make_field("Old")
    with_value, without = make_case("a", {old: text("v")}), make_case("b")
    cases.delete_field(domainId=domain_id, fieldId=old)
    result = cases.batch_update_case(
        domainId=domain_id,
        cases=[{"caseIdentifier": {"caseId": with_value}}, {"caseIdentifier": {"caseId": without}}],
        fields=[{"fieldIdentifier": {"id": old}, "value": text("w")}],
    )
    assert [e["caseIdentifier"]["caseId"] for e in result["successfulCases"]] == [with_value]
    assert [(e["caseIdentifier"]["caseId"], e["errorCode"]) for e in result["failedCases"]] == [
        (without, "VALIDATION_ERROR")
    ]
    assert get_values(with_value, old) == {old: text("w")}


def test_batch_update_refusals_change_nothing(
    cases: Any, domain_id: str, make_field: Any, make_case: Any, get_values: Any
) -> None:
    make_field("Plain")
    case_id = make_case("same")
    target = [{"caseIdentifier": {"caseId": case_id}}]
    value = text("x")
    for kwargs, match in [
        ({"cases": [{"caseIdentifier": {"referenceId": "99999999"}}], "fields": [], "title": "x"}, "matches no case"),
        ({"cases": target + target, "fields": [], "title": "x"}, "more than once"),
        ({"cases": target, "fields": []}, "Nothing to update"),
        ({"cases": target, "fields": [{"fieldIdentifier": {"name": "Nope"}, "value": value}]}, "No field named"),
        ({"cases": target, "fields": [{"fieldIdentifier": {"id": "nope"}, "value": value}]}, "does not exist"),
        ({"cases": target, "fields": [{"fieldIdentifier": {"name": "a|b"}, "value": value}]}, "pipe"),
        ({"cases": target, "fields": [{"fieldIdentifier": {"name": "a,b"}, "value": value}]}, "comma"),
        ({"cases": target, "fields": [{"fieldIdentifier": {"id": "title"}, "value": value}]}, "top-level title"),
        ({"cases": target, "fields": [{"fieldIdentifier": {"name": "Status"}, "value": value}]}, "top-level status"),
        (
            {"cases": target, "fields": [{"fieldIdentifier": {"id": "customer_id"}, "value": value}]},
            "top-level customerId",
        ),
        (
            {"cases": target, "fields": [{"fieldIdentifier": {"name": "Plain"}, "value": value}] * 2},
            "more than once",
        ),
    ]:
        with raises("ValidationException", 400, match):
            cases.batch_update_case(domainId=domain_id, **kwargs)
    assert get_values(case_id, "title") == {"title": text("same")}
    with raises("ResourceNotFoundException", 404):
        cases.batch_update_case(domainId="nope", cases=target, fields=[], title="x")


def test_batch_update_client_token(cases: Any, domain_id: str, make_case: Any) -> None:
    case_id = make_case()
    request = {"domainId": domain_id, "cases": [{"caseIdentifier": {"caseId": case_id}}], "fields": [], "title": "x"}
    first = cases.batch_update_case(**request, clientToken="t1")
    again = cases.batch_update_case(**request, clientToken="t1")
    assert again["successfulCases"] == first["successfulCases"]
    events = cases.get_case_audit_events(domainId=domain_id, caseId=case_id)["auditEvents"]
    assert [e["type"] for e in events] == ["Case.Created", "Case.Updated"]
    with raises("ConflictException", 409):
        cases.batch_update_case(**{**request, "title": "y"}, clientToken="t1")
