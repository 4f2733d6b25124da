"""Related items through boto3: every type, content rules, updates, deletes, searches, batches, tags."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.connectcases.helpers import CONTACT_ARN, FILE_ARN, USER_ARN, comment, number, text
from tests.helpers import raises


@pytest.fixture
def case_id(make_case: Any) -> str:
    return str(make_case("with items"))


def create(cases: Any, domain_id: str, case_id: str, kind: str, content: dict[str, Any], **kw: Any) -> str:
    made = cases.create_related_item(domainId=domain_id, caseId=case_id, type=kind, content=content, **kw)
    assert made["relatedItemArn"].endswith(f"/case/{case_id}/related-item/{made['relatedItemId']}")
    return str(made["relatedItemId"])


def sla(field_id: str, target: dict[str, Any], minutes: int = 60, name: str = "Resolve") -> dict[str, Any]:
    return {
        "sla": {
            "slaInputConfiguration": {
                "name": name,
                "type": "CaseField",
                "fieldId": field_id,
                "targetFieldValues": [target],
                "targetSlaMinutes": minutes,
            }
        }
    }


def test_every_type(cases: Any, domain_id: str, case_id: str, make_case: Any, make_field: Any) -> None:
    other = make_case("linked")
    size = make_field("Size", "Number")
    ids = {
        "Contact": create(cases, domain_id, case_id, "Contact", {"contact": {"contactArn": CONTACT_ARN}}),
        "Comment": create(cases, domain_id, case_id, "Comment", comment("hello"), performedBy={"userArn": USER_ARN}),
        "File": create(cases, domain_id, case_id, "File", {"file": {"fileArn": FILE_ARN}}),
        "Sla": create(cases, domain_id, case_id, "Sla", sla("status", text("closed"), minutes=30)),
        "ConnectCase": create(cases, domain_id, case_id, "ConnectCase", {"connectCase": {"caseId": other}}),
        "Custom": create(
            cases, domain_id, case_id, "Custom", {"custom": {"fields": [{"id": size, "value": number(3)}]}}
        ),
    }
    items = cases.search_related_items(domainId=domain_id, caseId=case_id)["relatedItems"]
    assert [(i["type"], i["relatedItemId"]) for i in items] == list(ids.items())
    by_type = {i["type"]: i for i in items}
    contact = by_type["Contact"]["content"]["contact"]
    assert contact["contactArn"] == CONTACT_ARN
    assert contact["channel"] == "VOICE"
    assert contact["connectedToSystemTime"] == by_type["Contact"]["associationTime"]
    assert by_type["Comment"]["content"] == comment("hello")
    assert by_type["Comment"]["performedBy"] == {"userArn": USER_ARN}
    assert "performedBy" not in by_type["File"]
    assert by_type["File"]["content"] == {"file": {"fileArn": FILE_ARN}}
    config = by_type["Sla"]["content"]["sla"]["slaConfiguration"]
    assert config["status"] == "Active"
    assert config["targetTime"] - by_type["Sla"]["associationTime"] == dt.timedelta(minutes=30)
    assert (config["name"], config["type"], config["fieldId"], config["targetFieldValues"]) == (
        "Resolve",
        "CaseField",
        "status",
        [text("closed")],
    )
    assert "completionTime" not in config
    assert by_type["ConnectCase"]["content"] == {"connectCase": {"caseId": other}}
    assert by_type["Custom"]["content"] == {"custom": {"fields": [{"id": size, "value": number(3.0)}]}}
    assert all(i["tags"] == {} for i in items)


def test_content_rules(cases: Any, domain_id: str, case_id: str, make_field: Any) -> None:
    size = make_field("Size", "Number")
    old = make_field("Old")
    cases.delete_field(domainId=domain_id, fieldId=old)
    create(cases, domain_id, case_id, "Contact", {"contact": {"contactArn": CONTACT_ARN}})
    refusals = [
        ("Comment", {"contact": {"contactArn": CONTACT_ARN}}, "takes content.comment"),
        (
            "Contact",
            {"contact": {"contactArn": "arn:aws:connect:us-east-1:123456789012:instance/i/queue/q"}},
            "not the ARN of an Amazon Connect contact",
        ),
        ("File", {"file": {"fileArn": "s3://bucket/key"}}, "not the ARN of an Amazon Connect file"),
        (
            "Sla",
            {"sla": {"slaInputConfiguration": {"name": "n", "type": "CaseField", "targetSlaMinutes": 5}}},
            "needs a fieldId",
        ),
        ("Sla", sla("nope", text("x")), "does not exist"),
        ("Sla", sla("status", text("pending")), "not an active option"),
        ("Sla", sla(size, text("1")), "doubleValue"),
        ("ConnectCase", {"connectCase": {"caseId": "nope"}}, "does not exist"),
        ("ConnectCase", {"connectCase": {"caseId": case_id}}, "cannot be related to itself"),
        ("Custom", {"custom": {"fields": [{"id": "title", "value": text("x")}]}}, "System case field title"),
        ("Custom", {"custom": {"fields": [{"id": "nope", "value": text("x")}]}}, "does not exist"),
        ("Custom", {"custom": {"fields": [{"id": old, "value": text("x")}]}}, "is deleted"),
        ("Custom", {"custom": {"fields": [{"id": size, "value": text("x")}]}}, "doubleValue"),
        ("Custom", {"custom": {"fields": [{"id": size, "value": number(1)}] * 2}}, "more than once"),
    ]
    for kind, content, match in refusals:
        with raises("ValidationException", 400, match):
            cases.create_related_item(domainId=domain_id, caseId=case_id, type=kind, content=content)
    with raises("ConflictException", 409, "already related"):
        cases.create_related_item(
            domainId=domain_id, caseId=case_id, type="Contact", content={"contact": {"contactArn": CONTACT_ARN}}
        )
    assert len(cases.search_related_items(domainId=domain_id, caseId=case_id)["relatedItems"]) == 1
    with raises("ResourceNotFoundException", 404, "Case nope"):
        cases.create_related_item(domainId=domain_id, caseId="nope", type="Comment", content=comment())


def test_linking_a_case_twice_conflicts(cases: Any, domain_id: str, case_id: str, make_case: Any) -> None:
    other = make_case("other")
    create(cases, domain_id, case_id, "ConnectCase", {"connectCase": {"caseId": other}})
    with raises("ConflictException", 409):
        cases.create_related_item(
            domainId=domain_id, caseId=case_id, type="ConnectCase", content={"connectCase": {"caseId": other}}
        )


def test_sla_status_follows_the_case(
    moto_connect: Any, cases: Any, domain_id: str, case_id: str, get_values: Any
) -> None:
    met = create(cases, domain_id, case_id, "Sla", sla("status", text("closed"), minutes=60, name="close"))
    late = create(cases, domain_id, case_id, "Sla", sla("summary", text("done"), minutes=10, name="summary"))

    def statuses() -> dict[str, str]:
        items = cases.search_related_items(domainId=domain_id, caseId=case_id, filters=[{"sla": {}}])["relatedItems"]
        return {i["relatedItemId"]: i["content"]["sla"]["slaConfiguration"]["status"] for i in items}

    assert statuses() == {met: "Active", late: "Active"}
    breach = get_values(case_id, "next_sla_breach_datetime")["next_sla_breach_datetime"]["stringValue"]
    cases.update_case(domainId=domain_id, caseId=case_id, fields=[{"id": "status", "value": text("closed")}])
    # the SLA whose target value the case reached is met; the breach time moves to the other one
    items = cases.search_related_items(domainId=domain_id, caseId=case_id, filters=[{"sla": {"status": "Met"}}])[
        "relatedItems"
    ]
    assert [i["relatedItemId"] for i in items] == [met]
    assert "completionTime" in items[0]["content"]["sla"]["slaConfiguration"]
    assert get_values(case_id, "next_sla_breach_datetime")["next_sla_breach_datetime"]["stringValue"] == breach
    # past its target time, an SLA that is not met is Overdue; met late, it is NotMet
    backend = moto_connect.backend("connectcases")
    item = backend.domain(domain_id).runtime.cases[case_id].related[late]
    item.target_time -= dt.timedelta(hours=1)
    assert statuses()[late] == "Overdue"
    cases.update_case(domainId=domain_id, caseId=case_id, fields=[{"id": "summary", "value": text("done")}])
    assert statuses() == {met: "Met", late: "NotMet"}
    assert get_values(case_id, "next_sla_breach_datetime") == {}
    by_name = cases.search_related_items(domainId=domain_id, caseId=case_id, filters=[{"sla": {"name": "close"}}])
    assert [i["relatedItemId"] for i in by_name["relatedItems"]] == [met]


def test_update_related_item(cases: Any, domain_id: str, case_id: str, make_field: Any) -> None:
    size, color = make_field("Size", "Number"), make_field("Color")
    note = create(cases, domain_id, case_id, "Comment", comment("v1"), performedBy={"customEntity": "alice"})
    custom = create(
        cases,
        domain_id,
        case_id,
        "Custom",
        {"custom": {"fields": [{"id": size, "value": number(1)}, {"id": color, "value": text("red")}]}},
    )
    updated = cases.update_related_item(
        domainId=domain_id, caseId=case_id, relatedItemId=note, content=comment("v2"), performedBy={"userArn": USER_ARN}
    )
    assert updated["content"] == comment("v2")
    assert updated["type"] == "Comment"
    assert updated["createdBy"] == {"customEntity": "alice"}
    assert updated["lastUpdatedUser"] == {"userArn": USER_ARN}
    assert updated["relatedItemArn"].endswith(f"/related-item/{note}")
    replaced = cases.update_related_item(
        domainId=domain_id,
        caseId=case_id,
        relatedItemId=custom,
        content={"custom": {"fields": [{"id": size, "value": number(2)}]}},
    )
    # fields left out of the update are removed
    assert replaced["content"] == {"custom": {"fields": [{"id": size, "value": number(2.0)}]}}
    contact = create(cases, domain_id, case_id, "Contact", {"contact": {"contactArn": CONTACT_ARN}})
    for item_id, content, match in [
        (note, {"custom": {"fields": [{"id": size, "value": number(1)}]}}, "takes content.comment"),
        (custom, comment("x"), "takes content.custom"),
        (custom, {"custom": {"fields": [{"id": "title", "value": text("x")}]}}, "System case field"),
        (contact, comment("x"), "only Comment and Custom"),
    ]:
        with raises("ValidationException", 400, match):
            cases.update_related_item(domainId=domain_id, caseId=case_id, relatedItemId=item_id, content=content)
    with raises("ResourceNotFoundException", 404, "RelatedItem nope") as info:
        cases.update_related_item(domainId=domain_id, caseId=case_id, relatedItemId="nope", content=comment())
    assert info.value.response["resourceType"] == "RelatedItem"


def test_delete_related_item(cases: Any, domain_id: str, case_id: str) -> None:
    note = create(cases, domain_id, case_id, "Comment", comment())
    attached = create(cases, domain_id, case_id, "File", {"file": {"fileArn": FILE_ARN}})
    cases.delete_related_item(domainId=domain_id, caseId=case_id, relatedItemId=note)
    with raises("ValidationException", 400, "DeleteAttachedFile"):
        cases.delete_related_item(domainId=domain_id, caseId=case_id, relatedItemId=attached)
    assert [
        i["relatedItemId"] for i in cases.search_related_items(domainId=domain_id, caseId=case_id)["relatedItems"]
    ] == [attached]
    with raises("ResourceNotFoundException", 404):
        cases.delete_related_item(domainId=domain_id, caseId=case_id, relatedItemId=note)


def test_search_related_items_filters_and_pages(
    cases: Any, domain_id: str, case_id: str, make_field: Any, make_case: Any
) -> None:
    size = make_field("Size", "Number")
    other = make_case("other")
    contact = create(cases, domain_id, case_id, "Contact", {"contact": {"contactArn": CONTACT_ARN}})
    notes = [create(cases, domain_id, case_id, "Comment", comment(f"n{i}")) for i in range(3)]
    small = create(cases, domain_id, case_id, "Custom", {"custom": {"fields": [{"id": size, "value": number(1)}]}})
    big = create(cases, domain_id, case_id, "Custom", {"custom": {"fields": [{"id": size, "value": number(9)}]}})
    link = create(cases, domain_id, case_id, "ConnectCase", {"connectCase": {"caseId": other}})
    attached = create(cases, domain_id, case_id, "File", {"file": {"fileArn": FILE_ARN}})

    def search(*filters: dict[str, Any]) -> list[str]:
        found = cases.search_related_items(domainId=domain_id, caseId=case_id, filters=list(filters))
        return [i["relatedItemId"] for i in found["relatedItems"]]

    assert search({"comment": {}}) == notes
    assert search({"contact": {"contactArn": CONTACT_ARN}}) == [contact]
    assert search({"contact": {"channel": ["VOICE", "CHAT"]}}) == [contact]
    assert search({"contact": {"channel": ["CHAT"]}}) == []
    assert search({"contact": {"contactArn": CONTACT_ARN + "x"}}) == []
    assert search({"file": {"fileArn": FILE_ARN}}) == [attached]
    assert search({"connectCase": {"caseId": other}}) == [link]
    assert search({"connectCase": {"caseId": "else"}}) == []
    assert search({"custom": {"fields": {"field": {"greaterThan": {"id": size, "value": number(5)}}}}}) == [big]
    assert search({"custom": {"fields": {"not": {"field": {"greaterThan": {"id": size, "value": number(5)}}}}}}) == [
        small
    ]
    assert search({"custom": {}}) == [small, big]
    # filters combine with OR
    assert search({"file": {}}, {"contact": {}}) == [contact, attached]
    with raises("ValidationException", 400, "does not exist"):
        search({"custom": {"fields": {"field": {"equalTo": {"id": "nope", "value": number(1)}}}}})
    everything = [
        i["relatedItemId"]
        for p in cases.get_paginator("search_related_items").paginate(
            domainId=domain_id, caseId=case_id, PaginationConfig={"PageSize": 2}
        )
        for i in p["relatedItems"]
    ]
    assert everything == [contact, *notes, small, big, link, attached]
    with raises("ResourceNotFoundException", 404):
        cases.search_related_items(domainId=domain_id, caseId="nope")


def test_search_all_related_items(cases: Any, domain_id: str, make_case: Any) -> None:
    first, second = make_case("one"), make_case("two")
    a = create(cases, domain_id, first, "Comment", comment("a"))
    b = create(cases, domain_id, second, "Comment", comment("b"))
    c = create(cases, domain_id, first, "Contact", {"contact": {"contactArn": CONTACT_ARN}})
    found = cases.search_all_related_items(domainId=domain_id)["relatedItems"]
    assert [(i["relatedItemId"], i["caseId"]) for i in found] == [(a, first), (b, second), (c, first)]
    assert found[0]["content"] == comment("a")
    comments = cases.search_all_related_items(domainId=domain_id, filters=[{"comment": {}}])["relatedItems"]
    assert [i["relatedItemId"] for i in comments] == [a, b]
    newest = cases.search_all_related_items(
        domainId=domain_id, sorts=[{"sortProperty": "AssociationTime", "sortOrder": "Desc"}]
    )
    assert [i["relatedItemId"] for i in newest["relatedItems"]] == [c, b, a]
    by_case = cases.search_all_related_items(
        domainId=domain_id,
        sorts=[
            {"sortProperty": "CaseId", "sortOrder": "Asc"},
            {"sortProperty": "AssociationTime", "sortOrder": "Desc"},
        ],
    )
    expected = sorted([(first, 2, c), (first, 0, a), (second, 1, b)], key=lambda t: (t[0], -t[1]))
    assert [i["relatedItemId"] for i in by_case["relatedItems"]] == [t[2] for t in expected]
    pages = list(
        cases.get_paginator("search_all_related_items").paginate(
            domainId=domain_id,
            sorts=[{"sortProperty": "AssociationTime", "sortOrder": "Asc"}],
            PaginationConfig={"PageSize": 2},
        )
    )
    assert [i["relatedItemId"] for p in pages for i in p["relatedItems"]] == [a, b, c]
    unsorted = list(
        cases.get_paginator("search_all_related_items").paginate(domainId=domain_id, PaginationConfig={"PageSize": 1})
    )
    assert [i["relatedItemId"] for p in unsorted for i in p["relatedItems"]] == [a, b, c]
    with raises("ValidationException", 400, "more than once"):
        cases.search_all_related_items(
            domainId=domain_id,
            sorts=[{"sortProperty": "CaseId", "sortOrder": "Asc"}, {"sortProperty": "CaseId", "sortOrder": "Desc"}],
        )
    with raises("ResourceNotFoundException", 404):
        cases.search_all_related_items(domainId="nope")


def test_related_item_tags(cases: Any, domain_id: str, case_id: str) -> None:
    note = cases.create_related_item(domainId=domain_id, caseId=case_id, type="Comment", content=comment())
    cases.tag_resource(arn=note["relatedItemArn"], tags={"k": "v"})
    assert cases.list_tags_for_resource(arn=note["relatedItemArn"])["tags"] == {"k": "v"}
    found = cases.search_related_items(domainId=domain_id, caseId=case_id)["relatedItems"]
    assert found[0]["tags"] == {"k": "v"}
    assert cases.search_all_related_items(domainId=domain_id)["relatedItems"][0]["tags"] == {"k": "v"}


def test_batch_create_related_item(cases: Any, domain_id: str, make_case: Any, get_values: Any) -> None:
    one, two = make_case("one"), make_case("two")
    ref_two = get_values(two, "reference_number")["reference_number"]["stringValue"]
    result = cases.batch_create_related_item(
        domainId=domain_id,
        content=comment("to all"),
        cases=[
            {"caseIdentifier": {"caseId": one}},
            {"caseIdentifier": {"referenceId": ref_two}},
            {"caseIdentifier": {"caseId": "missing"}},
        ],
        performedBy={"customEntity": "batch"},
    )
    assert [e["caseIdentifier"]["caseId"] for e in result["successfulItems"]] == [one, two]
    assert result["successfulItems"][1]["caseIdentifier"]["referenceId"] == ref_two
    assert [(e["caseIdentifier"], e["errorCode"]) for e in result["failedItems"]] == [
        ({"caseId": "missing"}, "CASE_NOT_FOUND")
    ]
    for entry in result["successfulItems"]:
        case_id = entry["caseIdentifier"]["caseId"]
        items = cases.search_related_items(domainId=domain_id, caseId=case_id)["relatedItems"]
        assert [(i["relatedItemId"], i["content"], i["performedBy"]) for i in items] == [
            (entry["relatedItemId"], comment("to all"), {"customEntity": "batch"})
        ]
        assert entry["relatedItemArn"].endswith(f"/case/{case_id}/related-item/{entry['relatedItemId']}")
        assert (
            cases.get_case_audit_events(domainId=domain_id, caseId=case_id)["auditEvents"][-1]["type"]
            == "RelatedItem.Created"
        )
    target = [{"caseIdentifier": {"caseId": one}}]
    for kwargs, match in [
        ({"content": {"contact": {"contactArn": CONTACT_ARN}}, "cases": target}, "comments only"),
        ({"content": comment(), "cases": target * 2}, "more than once"),
        ({"content": comment(), "cases": [{"caseIdentifier": {"referenceId": "00000000"}}]}, "matches no case"),
    ]:
        with raises("ValidationException", 400, match):
            cases.batch_create_related_item(domainId=domain_id, **kwargs)
    assert len(cases.search_related_items(domainId=domain_id, caseId=one)["relatedItems"]) == 1
    again = cases.batch_create_related_item(domainId=domain_id, content=comment("t"), cases=target, clientToken="tok")
    replay = cases.batch_create_related_item(domainId=domain_id, content=comment("t"), cases=target, clientToken="tok")
    assert replay["successfulItems"] == again["successfulItems"]
    assert len(cases.search_related_items(domainId=domain_id, caseId=one)["relatedItems"]) == 2
    with raises("ConflictException", 409):
        cases.batch_create_related_item(domainId=domain_id, content=comment("u"), cases=target, clientToken="tok")
    with raises("ResourceNotFoundException", 404):
        cases.batch_create_related_item(domainId="nope", content=comment(), cases=target)


def test_a_contact_item_reads_the_connect_contact_it_names(
    moto_connect: Any, cases: Any, domain_id: str, case_id: str
) -> None:
    from moto_connect_ext.connect import contacts
    from moto_connect_ext.connect.models import connect_backends
    from moto_connect_ext.core.caller import Caller
    from tests.helpers import new_instance

    iid = new_instance(moto_connect.client("connect"))["Id"]
    backend = connect_backends["123456789012"]["us-east-1"]
    chat = contacts.start(
        backend.resources, backend.instance(iid), Caller("123456789012", "us-east-1", "aws"), "CHAT", "API"
    )
    create(cases, domain_id, case_id, "Contact", {"contact": {"contactArn": chat.arn}})
    create(cases, domain_id, case_id, "Contact", {"contact": {"contactArn": CONTACT_ARN}})  # not one of the plugin's

    def found(channels: list[str]) -> list[dict[str, Any]]:
        answer = cases.search_related_items(
            domainId=domain_id, caseId=case_id, filters=[{"contact": {"channel": channels}}]
        )
        return [item["content"]["contact"] for item in answer["relatedItems"]]

    (shown,) = found(["CHAT"])
    assert shown["contactArn"] == chat.arn and shown["channel"] == "CHAT"
    connected = contacts.life(chat).at(contacts.CONNECTED_TO_SYSTEM)
    assert connected is not None and abs(shown["connectedToSystemTime"] - connected) < dt.timedelta(milliseconds=1)
    assert [c["contactArn"] for c in found(["VOICE"])] == [CONTACT_ARN]


def test_related_items_per_case_quota(
    cases: Any, domain_id: str, case_id: str, make_case: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto_connect_ext.connectcases import quotas

    monkeypatch.setattr(quotas, "RELATED_ITEMS_PER_CASE", 2)
    roomy = make_case("roomy")
    create(cases, domain_id, case_id, "Comment", comment("1"))
    create(cases, domain_id, case_id, "Contact", {"contact": {"contactArn": CONTACT_ARN}})
    with raises("ServiceQuotaExceededException", 402, "would have 3 related items"):
        cases.create_related_item(domainId=domain_id, caseId=case_id, type="Comment", content=comment("3"))
    result = cases.batch_create_related_item(
        domainId=domain_id,
        content=comment("to all"),
        cases=[{"caseIdentifier": {"caseId": case_id}}, {"caseIdentifier": {"caseId": roomy}}],
    )
    assert [e["caseIdentifier"]["caseId"] for e in result["successfulItems"]] == [roomy]
    assert [(e["caseIdentifier"]["caseId"], e["errorCode"]) for e in result["failedItems"]] == [
        (case_id, "SERVICE_QUOTA_EXCEEDED")
    ]
    assert len(cases.search_related_items(domainId=domain_id, caseId=case_id)["relatedItems"]) == 2


@pytest.mark.parametrize(
    ("kind", "quota", "what"),
    [("File", "FILES_PER_CASE", "files"), ("Sla", "SLAS_PER_CASE", "SLAs")],
)
def test_files_and_slas_per_case_quota(
    cases: Any, domain_id: str, case_id: str, monkeypatch: pytest.MonkeyPatch, kind: str, quota: str, what: str
) -> None:
    from moto_connect_ext.connectcases import quotas

    monkeypatch.setattr(quotas, quota, 2)
    content = {"file": {"fileArn": FILE_ARN}} if kind == "File" else sla("status", text("closed"))
    create(cases, domain_id, case_id, kind, content)
    create(cases, domain_id, case_id, kind, content)
    with raises("ServiceQuotaExceededException", 402, f"Case {case_id} would have 3 {what}: the quota is 2"):
        cases.create_related_item(domainId=domain_id, caseId=case_id, type=kind, content=content)
    # the quota counts that type only
    create(cases, domain_id, case_id, "Comment", comment())
    found = cases.search_related_items(domainId=domain_id, caseId=case_id)["relatedItems"]
    assert [i["type"] for i in found] == [kind, kind, "Comment"]


def test_fields_per_custom_item_quota(
    cases: Any, domain_id: str, case_id: str, make_field: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto_connect_ext.connectcases import quotas

    monkeypatch.setattr(quotas, "FIELDS_PER_CUSTOM_ITEM", 2)
    entries = [{"id": make_field(f"F{n}"), "value": text(str(n))} for n in range(3)]
    item = create(cases, domain_id, case_id, "Custom", {"custom": {"fields": entries[:2]}})
    too_many = {"custom": {"fields": entries}}
    message = "The custom related item would have 3 fields: the quota is 2"
    with raises("ServiceQuotaExceededException", 402, message):
        cases.create_related_item(domainId=domain_id, caseId=case_id, type="Custom", content=too_many)
    with raises("ServiceQuotaExceededException", 402, message):
        cases.update_related_item(domainId=domain_id, caseId=case_id, relatedItemId=item, content=too_many)
    found = cases.search_related_items(domainId=domain_id, caseId=case_id)["relatedItems"]
    assert [i["content"] for i in found] == [{"custom": {"fields": entries[:2]}}]
