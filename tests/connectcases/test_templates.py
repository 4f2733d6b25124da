"""Cases templates through boto3."""

from __future__ import annotations

from typing import Any

import pytest

from tests.connectcases.helpers import required_rule
from tests.helpers import RAW, raises

PROPAGATION = [{"resourceType": "Cases", "tagMap": {"team": "billing"}}]


@pytest.fixture
def layout_id(cases: Any, domain_id: str) -> str:
    content = {"basic": {"topPanel": {"sections": [{"fieldGroup": {"fields": [{"id": "summary"}]}}]}}}
    return str(cases.create_layout(domainId=domain_id, name="Main", content=content)["layoutId"])


def test_create_get_list(cases: Any, domain_id: str, layout_id: str, make_field: Any) -> None:
    amount = make_field("Amount", "Number")
    reason = make_field("Reason", "SingleSelect", options=["refund"])
    rule_id = cases.create_case_rule(domainId=domain_id, name="r", rule=required_rule(reason))["caseRuleId"]
    created = cases.create_template(
        domainId=domain_id,
        name="Refunds",
        description="Refund requests",
        layoutConfiguration={"defaultLayout": layout_id},
        requiredFields=[{"fieldId": "customer_id"}, {"fieldId": reason}],
        rules=[{"caseRuleId": rule_id, "fieldId": amount}],
        status="Inactive",
        tagPropagationConfigurations=PROPAGATION,
    )
    template_id = created["templateId"]
    assert created["templateArn"] == (f"arn:aws:cases:us-east-1:123456789012:domain/{domain_id}/template/{template_id}")
    got = cases.get_template(domainId=domain_id, templateId=template_id)
    for key in ("ResponseMetadata", "createdTime", "lastModifiedTime"):
        got.pop(key)
    assert got == {
        "templateId": template_id,
        "templateArn": created["templateArn"],
        "name": "Refunds",
        "description": "Refund requests",
        "layoutConfiguration": {"defaultLayout": layout_id},
        "requiredFields": [{"fieldId": "customer_id"}, {"fieldId": reason}],
        "rules": [{"caseRuleId": rule_id, "fieldId": amount}],
        "status": "Inactive",
        "tagPropagationConfigurations": PROPAGATION,
        "tags": {},
        "deleted": False,
    }
    assert cases.list_templates(domainId=domain_id)["templates"] == [
        {
            "templateId": template_id,
            "templateArn": created["templateArn"],
            "name": "Refunds",
            "status": "Inactive",
            "tagPropagationConfigurations": PROPAGATION,
        }
    ]


def test_minimal_template_is_active(cases: Any, domain_id: str) -> None:
    template_id = cases.create_template(domainId=domain_id, name="Plain")["templateId"]
    got = cases.get_template(domainId=domain_id, templateId=template_id)
    assert got["status"] == "Active"
    assert got["requiredFields"] == []
    assert got["rules"] == []
    assert "layoutConfiguration" not in got
    assert "tagPropagationConfigurations" not in got
    assert got["createdTime"] == got["lastModifiedTime"]


def test_template_names_are_unique(cases: Any, domain_id: str) -> None:
    first = cases.create_template(domainId=domain_id, name="One")["templateId"]
    with raises("ConflictException", 409, match="One"):
        cases.create_template(domainId=domain_id, name="One")
    second = cases.create_template(domainId=domain_id, name="Two")["templateId"]
    with raises("ConflictException", 409, match="One"):
        cases.update_template(domainId=domain_id, templateId=second, name="One")
    assert cases.get_template(domainId=domain_id, templateId=second)["name"] == "Two"
    cases.update_template(domainId=domain_id, templateId=first, name="One")  # its own name
    cases.delete_template(domainId=domain_id, templateId=first)
    cases.update_template(domainId=domain_id, templateId=second, name="One")  # free once deleted
    assert [t["name"] for t in cases.list_templates(domainId=domain_id)["templates"]] == ["One"]


def test_references_must_exist(cases: Any, domain_id: str, layout_id: str, make_field: Any) -> None:
    gone_field = make_field("Gone")
    cases.delete_field(domainId=domain_id, fieldId=gone_field)
    gone_layout = cases.create_layout(domainId=domain_id, name="Old", content={"basic": {}})["layoutId"]
    cases.delete_layout(domainId=domain_id, layoutId=gone_layout)
    rule_id = cases.create_case_rule(domainId=domain_id, name="r", rule=required_rule("title"))["caseRuleId"]
    gone_rule = cases.create_case_rule(domainId=domain_id, name="g", rule=required_rule("title"))["caseRuleId"]
    cases.delete_case_rule(domainId=domain_id, caseRuleId=gone_rule)
    for kwargs, expected in (
        ({"requiredFields": [{"fieldId": "nope"}]}, "Field nope does not exist"),
        ({"requiredFields": [{"fieldId": gone_field}]}, "is deleted"),
        ({"requiredFields": [{"fieldId": "title"}, {"fieldId": "title"}]}, "more than once"),
        ({"layoutConfiguration": {"defaultLayout": "nope"}}, "Layout nope does not exist"),
        ({"layoutConfiguration": {"defaultLayout": gone_layout}}, "is deleted"),
        ({"rules": [{"caseRuleId": "nope", "fieldId": "summary"}]}, "Case rule nope does not exist"),
        ({"rules": [{"caseRuleId": gone_rule, "fieldId": "summary"}]}, "is deleted"),
        ({"rules": [{"caseRuleId": rule_id, "fieldId": "nope"}]}, "Field nope does not exist"),
        ({"rules": [{"caseRuleId": rule_id}]}, "give the fieldId"),
        ({"rules": [{"caseRuleId": rule_id, "fieldId": "summary"}] * 2}, "more than once"),
    ):
        with raises("ValidationException", 400, match=expected):
            cases.create_template(domainId=domain_id, name="T", **kwargs)
    assert cases.list_templates(domainId=domain_id)["templates"] == []
    template_id = cases.create_template(domainId=domain_id, name="T")["templateId"]
    with raises("ValidationException", 400, match="does not exist"):
        cases.update_template(domainId=domain_id, templateId=template_id, requiredFields=[{"fieldId": "nope"}])
    assert cases.get_template(domainId=domain_id, templateId=template_id)["requiredFields"] == []


def test_field_options_rules_act_on_their_child_field(cases: Any, domain_id: str, make_field: Any) -> None:
    parent = make_field("Country", "SingleSelect", options=["us"])
    child = make_field("State", "SingleSelect", options=["wa"])
    rule = {
        "fieldOptions": {
            "parentFieldId": parent,
            "childFieldId": child,
            "parentChildFieldOptionsMappings": [{"parentFieldOptionValue": "us", "childFieldOptionValues": ["wa"]}],
        }
    }
    rule_id = cases.create_case_rule(domainId=domain_id, name="states", rule=rule)["caseRuleId"]
    with raises("ValidationException", 400, match="cannot act on field"):
        cases.create_template(domainId=domain_id, name="T", rules=[{"caseRuleId": rule_id, "fieldId": parent}])
    template_id = cases.create_template(
        domainId=domain_id, name="T", rules=[{"caseRuleId": rule_id, "fieldId": child}]
    )["templateId"]
    cases.update_template(domainId=domain_id, templateId=template_id, rules=[{"caseRuleId": rule_id}])
    assert cases.get_template(domainId=domain_id, templateId=template_id)["rules"] == [{"caseRuleId": rule_id}]


def test_update_keeps_what_it_is_not_given(cases: Any, domain_id: str, layout_id: str) -> None:
    rule_id = cases.create_case_rule(domainId=domain_id, name="r", rule=required_rule("title"))["caseRuleId"]
    template_id = cases.create_template(
        domainId=domain_id,
        name="T",
        description="first",
        layoutConfiguration={"defaultLayout": layout_id},
        requiredFields=[{"fieldId": "summary"}],
        rules=[{"caseRuleId": rule_id, "fieldId": "summary"}],
        tagPropagationConfigurations=PROPAGATION,
    )["templateId"]
    before = cases.get_template(domainId=domain_id, templateId=template_id)
    cases.update_template(domainId=domain_id, templateId=template_id, status="Inactive")
    after = cases.get_template(domainId=domain_id, templateId=template_id)
    assert after["status"] == "Inactive"
    for key in (
        "name",
        "description",
        "layoutConfiguration",
        "requiredFields",
        "rules",
        "tagPropagationConfigurations",
    ):
        assert after[key] == before[key], key
    assert after["lastModifiedTime"] >= before["lastModifiedTime"]
    cases.update_template(
        domainId=domain_id,
        templateId=template_id,
        requiredFields=[],
        rules=[],
        tagPropagationConfigurations=[{"resourceType": "Cases", "tagMap": {}}],
    )
    after = cases.get_template(domainId=domain_id, templateId=template_id)
    assert after["requiredFields"] == []
    assert after["rules"] == []
    assert after["tagPropagationConfigurations"] == [{"resourceType": "Cases", "tagMap": {}}]
    assert after["description"] == "first"


def test_empty_update_is_refused(cases: Any, domain_id: str) -> None:
    template_id = cases.create_template(domainId=domain_id, name="T")["templateId"]
    with raises("ValidationException", 400, match="at least one of"):
        cases.update_template(domainId=domain_id, templateId=template_id)


def test_get_template_drops_deleted_fields_and_rules(cases: Any, domain_id: str, make_field: Any) -> None:
    keep = make_field("Keep")
    drop = make_field("Drop")
    rule_id = cases.create_case_rule(domainId=domain_id, name="r", rule=required_rule("title"))["caseRuleId"]
    dead_rule = cases.create_case_rule(domainId=domain_id, name="d", rule=required_rule("title"))["caseRuleId"]
    template_id = cases.create_template(
        domainId=domain_id,
        name="T",
        requiredFields=[{"fieldId": keep}, {"fieldId": drop}],
        rules=[
            {"caseRuleId": rule_id, "fieldId": keep},
            {"caseRuleId": rule_id, "fieldId": drop},
            {"caseRuleId": dead_rule, "fieldId": keep},
        ],
    )["templateId"]
    cases.delete_field(domainId=domain_id, fieldId=drop)
    cases.delete_case_rule(domainId=domain_id, caseRuleId=dead_rule)
    got = cases.get_template(domainId=domain_id, templateId=template_id)
    assert got["requiredFields"] == [{"fieldId": keep}]
    assert got["rules"] == [{"caseRuleId": rule_id, "fieldId": keep}]


def test_soft_delete(cases: Any, domain_id: str) -> None:
    template_id = cases.create_template(domainId=domain_id, name="T")["templateId"]
    cases.delete_template(domainId=domain_id, templateId=template_id)
    got = cases.get_template(domainId=domain_id, templateId=template_id)
    assert got["deleted"] is True
    assert got["name"] == "T"
    assert cases.list_templates(domainId=domain_id)["templates"] == []
    with raises("ValidationException", 400, match="deleted"):
        cases.update_template(domainId=domain_id, templateId=template_id, status="Inactive")
    with raises("ResourceNotFoundException", 404, match="already deleted"):
        cases.delete_template(domainId=domain_id, templateId=template_id)


def test_unknown_template(cases: Any, domain_id: str) -> None:
    for call in (
        lambda: cases.get_template(domainId=domain_id, templateId="nope"),
        lambda: cases.update_template(domainId=domain_id, templateId="nope", name="x"),
        lambda: cases.delete_template(domainId=domain_id, templateId="nope"),
    ):
        with raises("ResourceNotFoundException", 404) as info:
            call()
        assert info.value.response["resourceType"] == "Template"
        assert info.value.response["resourceId"] == "nope"


def test_list_templates_filters_by_status_and_paginates(cases: Any, domain_id: str) -> None:
    active = [cases.create_template(domainId=domain_id, name=f"A{i}")["templateId"] for i in range(3)]
    inactive = [
        cases.create_template(domainId=domain_id, name=f"I{i}", status="Inactive")["templateId"] for i in range(2)
    ]
    ids = lambda out: [t["templateId"] for t in out["templates"]]  # noqa: E731
    assert ids(cases.list_templates(domainId=domain_id, status=["Inactive"])) == inactive
    assert ids(cases.list_templates(domainId=domain_id, status=["Active"])) == active
    assert ids(cases.list_templates(domainId=domain_id, status=["Active", "Inactive"])) == active + inactive
    first = cases.list_templates(domainId=domain_id, status=["Active"], maxResults=2)
    second = cases.list_templates(domainId=domain_id, status=["Active"], maxResults=2, nextToken=first["nextToken"])
    assert ids(first) + ids(second) == active
    assert "nextToken" not in second


def test_template_constraints(moto_connect: Any, domain_id: str) -> None:
    raw = moto_connect.client("connectcases", config=RAW)
    with raises("ValidationException", 400, match="enum value set"):
        raw.create_template(domainId=domain_id, name="T", status="Archived")
    with raises("ValidationException", 400, match="length less than or equal to 1"):
        raw.create_template(domainId=domain_id, name="T", tagPropagationConfigurations=PROPAGATION * 2)
    with raises("ValidationException", 400, match="enum value set"):
        raw.create_template(
            domainId=domain_id, name="T", tagPropagationConfigurations=[{"resourceType": "Tasks", "tagMap": {}}]
        )
    with raises("ValidationException", 400, match="Map keys must satisfy"):
        raw.create_template(
            domainId=domain_id,
            name="T",
            tagPropagationConfigurations=[{"resourceType": "Cases", "tagMap": {"k" * 129: "x"}}],
        )
    with raises("ValidationException", 400, match="length less than or equal to 255"):
        raw.create_template(domainId=domain_id, name="T", description="d" * 256)
    with raises("ValidationException", 400, match="length less than or equal to 2"):
        raw.list_templates(domainId=domain_id, status=["Active", "Inactive", "Active"])
    assert raw.list_templates(domainId=domain_id)["templates"] == []


def test_templates_per_domain_quota(cases: Any, domain_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from moto_connect_ext.connectcases import quotas

    monkeypatch.setattr(quotas, "TEMPLATES_PER_DOMAIN", 2)  # templates that are not deleted
    first = cases.create_template(domainId=domain_id, name="One")["templateId"]
    cases.create_template(domainId=domain_id, name="Two")
    with raises("ServiceQuotaExceededException", 402, "would have 3 templates"):
        cases.create_template(domainId=domain_id, name="Three")
    assert len(cases.list_templates(domainId=domain_id)["templates"]) == 2
    cases.delete_template(domainId=domain_id, templateId=first)
    cases.create_template(domainId=domain_id, name="Three")
