"""Case event configuration and tags on every Cases ARN, through boto3."""

from __future__ import annotations

from typing import Any

import pytest

from tests.connectcases.helpers import required_rule
from tests.helpers import RAW, raises


def test_event_configuration_defaults_to_disabled(cases: Any, domain_id: str) -> None:
    assert cases.get_case_event_configuration(domainId=domain_id)["eventBridge"] == {"enabled": False}


def test_put_and_get_event_configuration(cases: Any, domain_id: str, make_field: Any) -> None:
    custom = make_field("Order")
    config = {
        "enabled": True,
        "includedData": {
            "caseData": {"fields": [{"id": "status"}, {"id": custom}], "autoIncludeFields": "System"},
            "relatedItemData": {"includeContent": True},
        },
    }
    cases.put_case_event_configuration(domainId=domain_id, eventBridge=config)
    assert cases.get_case_event_configuration(domainId=domain_id)["eventBridge"] == config
    # a deleted field drops out of what GetCaseEventConfiguration returns
    cases.delete_field(domainId=domain_id, fieldId=custom)
    got = cases.get_case_event_configuration(domainId=domain_id)["eventBridge"]
    assert got["includedData"]["caseData"]["fields"] == [{"id": "status"}]
    # a later put replaces the whole configuration
    cases.put_case_event_configuration(domainId=domain_id, eventBridge={"enabled": False})
    assert cases.get_case_event_configuration(domainId=domain_id)["eventBridge"] == {"enabled": False}


def test_event_configuration_fields_must_exist(cases: Any, domain_id: str, make_field: Any) -> None:
    gone = make_field("Gone")
    cases.delete_field(domainId=domain_id, fieldId=gone)
    for field_id, expected in (("nope", "does not exist"), (gone, "is deleted")):
        with raises("ValidationException", 400, match=expected):
            cases.put_case_event_configuration(
                domainId=domain_id,
                eventBridge={"enabled": True, "includedData": {"caseData": {"fields": [{"id": field_id}]}}},
            )
    assert cases.get_case_event_configuration(domainId=domain_id)["eventBridge"] == {"enabled": False}


def test_event_configuration_constraints(moto_connect: Any, domain_id: str) -> None:
    raw = moto_connect.client("connectcases", config=RAW)
    with raises("ValidationException", 400, match="must not be null"):
        raw.put_case_event_configuration(domainId=domain_id, eventBridge={})
    with raises("ValidationException", 400, match="enum value set"):
        raw.put_case_event_configuration(
            domainId=domain_id,
            eventBridge={"enabled": True, "includedData": {"caseData": {"fields": [], "autoIncludeFields": "Most"}}},
        )
    assert raw.get_case_event_configuration(domainId=domain_id)["eventBridge"] == {"enabled": False}


def _arns(cases: Any, domain_id: str) -> dict[str, str]:
    """One ARN of each kind of configuration resource."""
    field = cases.create_field(domainId=domain_id, name="Order", type="Text")
    layout = cases.create_layout(domainId=domain_id, name="L", content={"basic": {}})
    rule = cases.create_case_rule(domainId=domain_id, name="r", rule=required_rule("title"))
    template = cases.create_template(domainId=domain_id, name="T")
    return {
        "Domain": cases.get_domain(domainId=domain_id)["domainArn"],
        "Field": field["fieldArn"],
        "SystemField": cases.batch_get_field(domainId=domain_id, fields=[{"id": "status"}])["fields"][0]["fieldArn"],
        "Layout": layout["layoutArn"],
        "CaseRule": rule["caseRuleArn"],
        "Template": template["templateArn"],
    }


def test_tags_on_every_arn(cases: Any, domain_id: str) -> None:
    for kind, arn in _arns(cases, domain_id).items():
        assert cases.list_tags_for_resource(arn=arn)["tags"] == {}, kind
        cases.tag_resource(arn=arn, tags={"kind": kind, "team": "support"})
        cases.tag_resource(arn=arn, tags={"team": "billing"})
        assert cases.list_tags_for_resource(arn=arn)["tags"] == {"kind": kind, "team": "billing"}, kind
        cases.untag_resource(arn=arn, tagKeys=["team", "absent"])
        assert cases.list_tags_for_resource(arn=arn)["tags"] == {"kind": kind}, kind


def test_reads_return_the_tags(cases: Any, domain_id: str) -> None:
    arns = _arns(cases, domain_id)
    for arn in arns.values():
        cases.tag_resource(arn=arn, tags={"k": "v"})
    assert cases.get_domain(domainId=domain_id)["tags"] == {"k": "v"}
    fields = cases.batch_get_field(domainId=domain_id, fields=[{"id": "status"}])["fields"]
    assert fields[0]["tags"] == {"k": "v"}
    layout_id = arns["Layout"].rsplit("/", 1)[1]
    assert cases.get_layout(domainId=domain_id, layoutId=layout_id)["tags"] == {"k": "v"}
    rule_id = arns["CaseRule"].rsplit("/", 1)[1]
    [rule] = cases.batch_get_case_rule(domainId=domain_id, caseRules=[{"id": rule_id}])["caseRules"]
    assert rule["tags"] == {"k": "v"}
    template_id = arns["Template"].rsplit("/", 1)[1]
    assert cases.get_template(domainId=domain_id, templateId=template_id)["tags"] == {"k": "v"}


def test_soft_deleted_resources_keep_their_tags(cases: Any, domain_id: str) -> None:
    arns = _arns(cases, domain_id)
    template_id = arns["Template"].rsplit("/", 1)[1]
    cases.tag_resource(arn=arns["Template"], tags={"k": "v"})
    cases.delete_template(domainId=domain_id, templateId=template_id)
    assert cases.list_tags_for_resource(arn=arns["Template"])["tags"] == {"k": "v"}


def test_unknown_arns(moto_connect: Any, cases: Any, domain_id: str) -> None:
    base = f"arn:aws:cases:us-east-1:123456789012:domain/{domain_id}"
    for arn, kind in (
        (f"{base}/template/nope", "Template"),
        (f"{base}/field/nope", "Field"),
        (f"{base}/case-rule/nope", "CaseRule"),
        (f"{base}/layout/nope", "Layout"),
        ("arn:aws:cases:us-east-1:123456789012:domain/nope", "Domain"),
        ("arn:aws:s3:::bucket", "Resource"),
    ):
        with raises("ResourceNotFoundException", 404) as info:
            cases.tag_resource(arn=arn, tags={"k": "v"})
        assert info.value.response["resourceId"] == arn
        assert info.value.response["resourceType"] == kind
        with raises("ResourceNotFoundException", 404):
            cases.list_tags_for_resource(arn=arn)
        with raises("ResourceNotFoundException", 404):
            cases.untag_resource(arn=arn, tagKeys=["k"])
    # the same ARN from another Region is not this Region's resource
    west = moto_connect.client("connectcases", region_name="us-west-2")
    with raises("ResourceNotFoundException", 404):
        west.list_tags_for_resource(arn=base)


def test_untag_key_constraints(moto_connect: Any, domain_id: str) -> None:
    raw = moto_connect.client("connectcases", config=RAW)
    arn = raw.get_domain(domainId=domain_id)["domainArn"]
    with raises("ValidationException", 400, match="length less than or equal to 128"):
        raw.untag_resource(arn=arn, tagKeys=["k" * 129])
    with raises("ValidationException", 400, match="length less than or equal to 50"):
        raw.untag_resource(arn=arn, tagKeys=[f"k{i}" for i in range(51)])


def test_a_resource_takes_at_most_50_tags(cases: Any, domain_id: str) -> None:
    arn = cases.get_domain(domainId=domain_id)["domainArn"]
    cases.tag_resource(arn=arn, tags={f"k{i}": "v" for i in range(49)})
    with raises("ValidationException", 400, match="at most 50 tags"):
        cases.tag_resource(arn=arn, tags={"k0": "new", "k49": "v", "k50": "v"})
    assert cases.list_tags_for_resource(arn=arn)["tags"] == {f"k{i}": "v" for i in range(49)}
    cases.tag_resource(arn=arn, tags={"k0": "new", "k49": "v"})
    assert len(cases.list_tags_for_resource(arn=arn)["tags"]) == 50


@pytest.mark.parametrize(
    "tags, message",
    [
        ({"aws:team": "a"}, "aws: prefix"),
        ({"k" * 129: "v"}, "at most 128 characters"),
        ({"k": "v" * 257}, "at most 256 characters"),
    ],
)
def test_tag_key_and_value_constraints(cases: Any, domain_id: str, tags: dict[str, str], message: str) -> None:
    arn = cases.get_domain(domainId=domain_id)["domainArn"]
    with raises("ValidationException", 400, match=message):
        cases.tag_resource(arn=arn, tags={"ok": "v", **tags})
    assert cases.list_tags_for_resource(arn=arn)["tags"] == {}
