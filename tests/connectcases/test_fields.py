"""Cases fields and field options through boto3."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import RAW, raises

FIELD_TYPES = ["Text", "Number", "Boolean", "DateTime", "SingleSelect", "Url", "User"]


@pytest.mark.parametrize("field_type", FIELD_TYPES)
def test_create_every_type(cases: Any, domain_id: str, field_type: str) -> None:
    created = cases.create_field(domainId=domain_id, name=f"My {field_type}", type=field_type, description="d")
    field_id = created["fieldId"]
    assert created["fieldArn"] == f"arn:aws:cases:us-east-1:123456789012:domain/{domain_id}/field/{field_id}"
    got = cases.batch_get_field(domainId=domain_id, fields=[{"id": field_id}])
    assert got["errors"] == []
    [field] = got["fields"]
    assert field["name"] == f"My {field_type}"
    assert field["type"] == field_type
    assert field["namespace"] == "Custom"
    assert field["description"] == "d"
    assert field["deleted"] is False
    assert field["tags"] == {}
    assert field["createdTime"] == field["lastModifiedTime"]
    listed = cases.list_fields(domainId=domain_id)["fields"]
    assert listed[-1] == {
        "fieldId": field_id,
        "fieldArn": created["fieldArn"],
        "name": f"My {field_type}",
        "type": field_type,
        "namespace": "Custom",
    }


def test_text_attributes(cases: Any, domain_id: str) -> None:
    field_id = cases.create_field(
        domainId=domain_id, name="Notes", type="Text", attributes={"text": {"isMultiline": True}}
    )["fieldId"]
    [field] = cases.batch_get_field(domainId=domain_id, fields=[{"id": field_id}])["fields"]
    assert field["attributes"] == {"text": {"isMultiline": True}}
    cases.update_field(domainId=domain_id, fieldId=field_id, attributes={"text": {"isMultiline": False}})
    [field] = cases.batch_get_field(domainId=domain_id, fields=[{"id": field_id}])["fields"]
    assert field["attributes"] == {"text": {"isMultiline": False}}
    with raises("ValidationException", 400, match="type Text, not Number"):
        cases.create_field(domainId=domain_id, name="Amount", type="Number", attributes={"text": {"isMultiline": True}})
    assert "Amount" not in [f["name"] for f in cases.list_fields(domainId=domain_id)["fields"]]


def test_field_names_are_unique(cases: Any, domain_id: str, make_field: Any) -> None:
    make_field("Order number")
    with raises("ConflictException", 409, match="Order number"):
        cases.create_field(domainId=domain_id, name="Order number", type="Number")
    with raises("ConflictException", 409, match="Title"):
        cases.create_field(domainId=domain_id, name="Title", type="Text")  # a system field's name
    other = make_field("Other")
    with raises("ConflictException", 409):
        cases.update_field(domainId=domain_id, fieldId=other, name="Order number")
    # renaming a field to its own name is no clash
    cases.update_field(domainId=domain_id, fieldId=other, name="Other")


def test_update_field(cases: Any, domain_id: str, make_field: Any) -> None:
    field_id = make_field("Priority", description="old")
    [before] = cases.batch_get_field(domainId=domain_id, fields=[{"id": field_id}])["fields"]
    cases.update_field(domainId=domain_id, fieldId=field_id, name="Urgency", description="new")
    [after] = cases.batch_get_field(domainId=domain_id, fields=[{"id": field_id}])["fields"]
    assert after["name"] == "Urgency"
    assert after["description"] == "new"
    assert after["type"] == "Text"
    assert after["lastModifiedTime"] >= before["lastModifiedTime"]
    assert after["createdTime"] == before["createdTime"]
    with raises("ResourceNotFoundException", 404) as info:
        cases.update_field(domainId=domain_id, fieldId="nope", name="x")
    assert info.value.response["resourceType"] == "Field"
    assert info.value.response["resourceId"] == "nope"


def test_system_fields_cannot_be_changed_or_deleted(cases: Any, domain_id: str) -> None:
    with raises("ValidationException", 400, match="system field"):
        cases.update_field(domainId=domain_id, fieldId="title", name="Headline")
    with raises("ValidationException", 400, match="system field"):
        cases.delete_field(domainId=domain_id, fieldId="status")
    [title] = cases.batch_get_field(domainId=domain_id, fields=[{"id": "title"}])["fields"]
    assert title["name"] == "Title"
    assert title["deleted"] is False


def test_soft_delete_rules(cases: Any, domain_id: str, make_field: Any) -> None:
    field_id = make_field("Category", "SingleSelect", options=["a", "b"])
    cases.tag_resource(
        arn=cases.batch_get_field(domainId=domain_id, fields=[{"id": field_id}])["fields"][0]["fieldArn"],
        tags={"k": "v"},
    )
    cases.delete_field(domainId=domain_id, fieldId=field_id)
    # still returned by BatchGetField, with deleted
    [field] = cases.batch_get_field(domainId=domain_id, fields=[{"id": field_id}])["fields"]
    assert field["deleted"] is True
    assert field["tags"] == {"k": "v"}
    # left out of ListFields
    assert field_id not in [f["fieldId"] for f in cases.list_fields(domainId=domain_id)["fields"]]
    # refused by UpdateField and BatchPutFieldOptions
    with raises("ValidationException", 400, match="deleted"):
        cases.update_field(domainId=domain_id, fieldId=field_id, name="New name")
    with raises("ValidationException", 400, match="deleted"):
        cases.batch_put_field_options(
            domainId=domain_id, fieldId=field_id, options=[{"name": "C", "value": "c", "active": True}]
        )
    assert [o["value"] for o in cases.list_field_options(domainId=domain_id, fieldId=field_id)["options"]] == [
        "a",
        "b",
    ]
    # deleting twice: the field is gone already
    with raises("ResourceNotFoundException", 404, match="already deleted"):
        cases.delete_field(domainId=domain_id, fieldId=field_id)
    # the name is free again
    assert make_field("Category")


def test_batch_get_field_errors_and_order(cases: Any, domain_id: str, make_field: Any) -> None:
    a = make_field("A")
    got = cases.batch_get_field(domainId=domain_id, fields=[{"id": "missing"}, {"id": a}, {"id": "status"}, {"id": a}])
    assert [f["fieldId"] for f in got["fields"]] == [a, "status"]
    assert got["errors"] == [
        {"id": "missing", "errorCode": "ResourceNotFoundException", "message": "Field missing not found"}
    ]


def test_batch_get_field_bounds(moto_connect: Any, domain_id: str) -> None:
    raw = moto_connect.client("connectcases", config=RAW)
    with raises("ValidationException", 400, match="length greater than or equal to 1"):
        raw.batch_get_field(domainId=domain_id, fields=[])
    with raises("ValidationException", 400, match="length less than or equal to 50"):
        raw.batch_get_field(domainId=domain_id, fields=[{"id": "title"}] * 51)


def test_field_input_constraints(moto_connect: Any, domain_id: str) -> None:
    raw = moto_connect.client("connectcases", config=RAW)
    with raises("ValidationException", 400, match="enum value set"):
        raw.create_field(domainId=domain_id, name="x", type="Currency")
    with raises("ValidationException", 400, match="length less than or equal to 255"):
        raw.create_field(domainId=domain_id, name="x", type="Text", description="d" * 256)
    with raises("ValidationException", 400, match="length less than or equal to 100"):
        raw.create_field(domainId=domain_id, name="n" * 101, type="Text")
    with raises("ValidationException", 400, match="exactly one of its members"):
        raw.create_field(domainId=domain_id, name="x", type="Text", attributes={})
    assert len(raw.list_fields(domainId=domain_id)["fields"]) == 15


def test_list_fields_paginates_over_live_fields(cases: Any, domain_id: str, make_field: Any) -> None:
    custom = [make_field(f"F{i}") for i in range(10)]
    cases.delete_field(domainId=domain_id, fieldId=custom[3])
    seen: list[str] = []
    token = None
    while True:
        kwargs: dict[str, Any] = {"nextToken": token} if token else {}
        page = cases.list_fields(domainId=domain_id, maxResults=4, **kwargs)
        assert len(page["fields"]) <= 4
        seen.extend(f["fieldId"] for f in page["fields"])
        token = page.get("nextToken")
        if not token:
            break
    assert len(seen) == len(set(seen)) == 15 + 9
    assert custom[3] not in seen
    assert seen[-9:] == [c for c in custom if c != custom[3]]


def test_field_options(cases: Any, domain_id: str, make_field: Any) -> None:
    field_id = make_field("Region", "SingleSelect")
    out = cases.batch_put_field_options(
        domainId=domain_id,
        fieldId=field_id,
        options=[
            {"name": "US West (Oregon)", "value": "PDX", "active": True},
            {"name": "US East (Virginia)", "value": "IAD", "active": True},
        ],
    )
    assert out.get("errors", []) == []
    # a second put updates by value and appends new values
    cases.batch_put_field_options(
        domainId=domain_id,
        fieldId=field_id,
        options=[
            {"name": "Oregon", "value": "PDX", "active": False},
            {"name": "Dublin", "value": "DUB", "active": True},
        ],
    )
    options = cases.list_field_options(domainId=domain_id, fieldId=field_id)["options"]
    assert options == [
        {"name": "Oregon", "value": "PDX", "active": False},
        {"name": "US East (Virginia)", "value": "IAD", "active": True},
        {"name": "Dublin", "value": "DUB", "active": True},
    ]
    only = cases.list_field_options(domainId=domain_id, fieldId=field_id, values=["IAD"])["options"]
    assert only == [{"name": "US East (Virginia)", "value": "IAD", "active": True}]
    assert cases.list_field_options(domainId=domain_id, fieldId=field_id, values=["nope"])["options"] == []
    page = cases.list_field_options(domainId=domain_id, fieldId=field_id, maxResults=2)
    rest = cases.list_field_options(domainId=domain_id, fieldId=field_id, maxResults=2, nextToken=page["nextToken"])
    assert [o["value"] for o in page["options"] + rest["options"]] == ["PDX", "IAD", "DUB"]
    assert "nextToken" not in rest


def test_field_options_errors(cases: Any, domain_id: str, make_field: Any) -> None:
    text = make_field("Plain")
    with raises("ValidationException", 400, match="only SingleSelect"):
        cases.batch_put_field_options(
            domainId=domain_id, fieldId=text, options=[{"name": "A", "value": "a", "active": True}]
        )
    with raises("ValidationException", 400, match="only SingleSelect"):
        cases.list_field_options(domainId=domain_id, fieldId=text)
    select = make_field("Pick", "SingleSelect")
    with raises("ValidationException", 400, match="more than once"):
        cases.batch_put_field_options(
            domainId=domain_id,
            fieldId=select,
            options=[{"name": "A", "value": "a", "active": True}, {"name": "B", "value": "a", "active": True}],
        )
    assert cases.list_field_options(domainId=domain_id, fieldId=select)["options"] == []
    with raises("ResourceNotFoundException", 404):
        cases.list_field_options(domainId=domain_id, fieldId="missing")


@pytest.mark.parametrize("value", ["with space", "a.b", "é", "a/b"])
def test_option_values_are_alphanumeric(cases: Any, domain_id: str, make_field: Any, value: str) -> None:
    select = make_field("Pick", "SingleSelect")
    good = {"name": "Good", "value": "Good_value-1", "active": True}
    with raises("ValidationException", 400, match="alphanumeric, with hyphens and underscores"):
        cases.batch_put_field_options(
            domainId=domain_id, fieldId=select, options=[good, {"name": "Bad", "value": value, "active": True}]
        )
    assert cases.list_field_options(domainId=domain_id, fieldId=select)["options"] == []
    cases.batch_put_field_options(domainId=domain_id, fieldId=select, options=[good])


def test_status_keeps_open_and_closed(cases: Any, domain_id: str) -> None:
    out = cases.batch_put_field_options(
        domainId=domain_id,
        fieldId="status",
        options=[
            {"name": "Investigating", "value": "investigating", "active": True},
            {"name": "Shut", "value": "closed", "active": False},
            {"name": "Open", "value": "open", "active": True},
        ],
    )
    assert [e["value"] for e in out["errors"]] == ["closed"]
    assert out["errors"][0]["errorCode"] == "ValidationException"
    options = cases.list_field_options(domainId=domain_id, fieldId="status")["options"]
    assert options == [
        {"name": "Open", "value": "open", "active": True},
        {"name": "Closed", "value": "closed", "active": True},
        {"name": "Investigating", "value": "investigating", "active": True},
    ]
    # case_reason is a system single-select whose options are all the admin's
    cases.batch_put_field_options(
        domainId=domain_id, fieldId="case_reason", options=[{"name": "Billing", "value": "billing", "active": True}]
    )
    assert cases.list_field_options(domainId=domain_id, fieldId="case_reason")["options"][0]["value"] == "billing"


def test_field_option_constraints(moto_connect: Any, domain_id: str, make_field: Any) -> None:
    raw = moto_connect.client("connectcases", config=RAW)
    select = make_field("Pick", "SingleSelect")
    with raises("ValidationException", 400, match="length less than or equal to 50"):
        raw.batch_put_field_options(
            domainId=domain_id,
            fieldId=select,
            options=[{"name": f"O{i}", "value": f"o{i}", "active": True} for i in range(51)],
        )
    with raises("ValidationException", 400, match="length less than or equal to 1"):
        raw.list_field_options(domainId=domain_id, fieldId=select, values=["a", "b"])
    with raises("ValidationException", 400, match="less than or equal to 100"):
        raw.list_field_options(domainId=domain_id, fieldId=select, maxResults=101)
    assert raw.list_field_options(domainId=domain_id, fieldId=select)["options"] == []


def test_fields_per_domain_quota(cases: Any, domain_id: str, make_field: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from moto_connect_ext.connectcases import quotas

    monkeypatch.setattr(quotas, "FIELDS_PER_DOMAIN", 2)  # custom fields that are not deleted
    first = make_field("One")
    make_field("Two")
    with raises("ServiceQuotaExceededException", 402, "would have 3 custom fields"):
        cases.create_field(domainId=domain_id, name="Three", type="Text")
    assert "Three" not in [f["name"] for f in cases.list_fields(domainId=domain_id)["fields"]]
    cases.delete_field(domainId=domain_id, fieldId=first)
    make_field("Three")


def test_options_per_field_quota(cases: Any, domain_id: str, make_field: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from moto_connect_ext.connectcases import quotas

    monkeypatch.setattr(quotas, "OPTIONS_PER_FIELD", 3)
    field_id = make_field("Reason", "SingleSelect", options=["a", "b"])
    option = lambda value: {"name": value, "value": value, "active": True}  # noqa: E731
    with raises("ServiceQuotaExceededException", 402, "would have 4 options"):
        cases.batch_put_field_options(domainId=domain_id, fieldId=field_id, options=[option("c"), option("d")])
    listed = cases.list_field_options(domainId=domain_id, fieldId=field_id)["options"]
    assert [o["value"] for o in listed] == ["a", "b"]
    # changing options it has takes no room
    cases.batch_put_field_options(domainId=domain_id, fieldId=field_id, options=[option("a"), option("c")])
    assert len(cases.list_field_options(domainId=domain_id, fieldId=field_id)["options"]) == 3
