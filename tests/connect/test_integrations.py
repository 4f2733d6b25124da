"""Integration associations and use cases (CreateUseCase) through boto3."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from tests.helpers import RAW, raises

EVENT_ARN = "arn:aws:app-integrations:us-east-1:123456789012:event-integration/rules"
PINPOINT_ARN = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc"


def _event(connect: Any, iid: str, arn: str = EVENT_ARN, **kw: Any) -> str:
    return connect.create_integration_association(  # type: ignore[no-any-return]
        InstanceId=iid,
        IntegrationType="EVENT",
        IntegrationArn=arn,
        SourceApplicationUrl="https://crm.example.com",
        SourceApplicationName="CRM",
        SourceType="SALESFORCE",
        **kw,
    )["IntegrationAssociationId"]


@pytest.fixture
def association(connect: Any, instance: dict[str, Any]) -> str:
    return _event(connect, instance["Id"])


def test_create_and_list_associations(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    created = connect.create_integration_association(
        InstanceId=iid, IntegrationType="PINPOINT_APP", IntegrationArn=PINPOINT_ARN, Tags={"a": "1"}
    )
    assert created["IntegrationAssociationArn"] == (
        f"arn:aws:connect:us-east-1:123456789012:instance/{iid}/integration-association/"
        f"{created['IntegrationAssociationId']}"
    )
    event_id = _event(connect, iid)
    listed = connect.list_integration_associations(InstanceId=iid)["IntegrationAssociationSummaryList"]
    assert [a["IntegrationAssociationId"] for a in listed] == [created["IntegrationAssociationId"], event_id]
    assert listed[1] == {
        "IntegrationAssociationId": event_id,
        "IntegrationAssociationArn": listed[1]["IntegrationAssociationArn"],
        "InstanceId": iid,
        "IntegrationType": "EVENT",
        "IntegrationArn": EVENT_ARN,
        "SourceApplicationUrl": "https://crm.example.com",
        "SourceApplicationName": "CRM",
        "SourceType": "SALESFORCE",
        "LastModifiedTime": listed[1]["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    }
    assert listed[1]["LastModifiedTime"].tzinfo is not None
    by_type = connect.list_integration_associations(InstanceId=iid, IntegrationType="EVENT")
    assert [a["IntegrationAssociationId"] for a in by_type["IntegrationAssociationSummaryList"]] == [event_id]
    by_arn = connect.list_integration_associations(InstanceId=iid, IntegrationArn=PINPOINT_ARN)
    assert [a["IntegrationType"] for a in by_arn["IntegrationAssociationSummaryList"]] == ["PINPOINT_APP"]
    tags = connect.list_tags_for_resource(resourceArn=created["IntegrationAssociationArn"])["tags"]
    assert tags == {"a": "1"}


def test_same_integration_twice_is_a_duplicate(connect: Any, instance: dict[str, Any], association: str) -> None:
    with raises("DuplicateResourceException", 409):
        _event(connect, instance["Id"])
    assert (
        len(connect.list_integration_associations(InstanceId=instance["Id"])["IntegrationAssociationSummaryList"]) == 1
    )


def test_event_integrations_need_their_source(connect: Any, instance: dict[str, Any]) -> None:
    with raises("InvalidRequestException", 400, match="SourceApplicationUrl"):
        connect.create_integration_association(
            InstanceId=instance["Id"], IntegrationType="EVENT", IntegrationArn=EVENT_ARN
        )
    with raises("InvalidRequestException", 400, match="is not an ARN"):
        connect.create_integration_association(
            InstanceId=instance["Id"], IntegrationType="PINPOINT_APP", IntegrationArn="x"
        )
    with raises("ResourceNotFoundException", 404):
        connect.create_integration_association(
            InstanceId="missing", IntegrationType="PINPOINT_APP", IntegrationArn=PINPOINT_ARN
        )
    raw = boto3.client("connect", region_name="us-east-1", config=RAW)
    with raises("InvalidRequestException", 400, match="sourceApplicationName"):
        raw.create_integration_association(
            InstanceId=instance["Id"],
            IntegrationType="EVENT",
            IntegrationArn=EVENT_ARN,
            SourceApplicationUrl="https://x",
            SourceApplicationName="bad/name!",
            SourceType="SALESFORCE",
        )


def test_list_associations_pages(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    ids = [_event(connect, iid, f"{EVENT_ARN}-{i}") for i in range(7)]
    pages = list(
        connect.get_paginator("list_integration_associations").paginate(
            InstanceId=iid, PaginationConfig={"PageSize": 3}
        )
    )
    assert len(pages) == 3
    assert [a["IntegrationAssociationId"] for p in pages for a in p["IntegrationAssociationSummaryList"]] == ids


def test_use_cases(connect: Any, instance: dict[str, Any], association: str) -> None:
    iid = instance["Id"]
    created = connect.create_use_case(
        InstanceId=iid, IntegrationAssociationId=association, UseCaseType="RULES_EVALUATION", Tags={"k": "v"}
    )
    assert (
        created["UseCaseArn"]
        == f"arn:aws:connect:us-east-1:123456789012:instance/{iid}/use-case/{created['UseCaseId']}"
    )
    with raises("DuplicateResourceException", 409, match="RULES_EVALUATION"):
        connect.create_use_case(InstanceId=iid, IntegrationAssociationId=association, UseCaseType="RULES_EVALUATION")
    other = connect.create_use_case(
        InstanceId=iid, IntegrationAssociationId=association, UseCaseType="CONNECT_CAMPAIGNS"
    )
    listed = connect.list_use_cases(InstanceId=iid, IntegrationAssociationId=association)["UseCaseSummaryList"]
    assert listed == [
        {"UseCaseId": created["UseCaseId"], "UseCaseArn": created["UseCaseArn"], "UseCaseType": "RULES_EVALUATION"},
        {"UseCaseId": other["UseCaseId"], "UseCaseArn": other["UseCaseArn"], "UseCaseType": "CONNECT_CAMPAIGNS"},
    ]
    page = connect.list_use_cases(InstanceId=iid, IntegrationAssociationId=association, MaxResults=1)
    assert len(page["UseCaseSummaryList"]) == 1 and page["NextToken"]
    assert connect.list_tags_for_resource(resourceArn=created["UseCaseArn"])["tags"] == {"k": "v"}
    connect.delete_use_case(InstanceId=iid, IntegrationAssociationId=association, UseCaseId=created["UseCaseId"])
    with raises("ResourceNotFoundException", 404):
        connect.delete_use_case(InstanceId=iid, IntegrationAssociationId=association, UseCaseId=created["UseCaseId"])
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=created["UseCaseArn"])
    again = connect.create_use_case(
        InstanceId=iid, IntegrationAssociationId=association, UseCaseType="RULES_EVALUATION"
    )
    assert again["UseCaseId"] != created["UseCaseId"]


def test_use_case_needs_instance_and_association(connect: Any, instance: dict[str, Any], association: str) -> None:
    with raises("ResourceNotFoundException", 404):
        connect.create_use_case(
            InstanceId="missing", IntegrationAssociationId=association, UseCaseType="RULES_EVALUATION"
        )
    with raises("ResourceNotFoundException", 404):
        connect.create_use_case(
            InstanceId=instance["Id"], IntegrationAssociationId="nope", UseCaseType="RULES_EVALUATION"
        )
    with raises("ResourceNotFoundException", 404):
        connect.list_use_cases(InstanceId=instance["Id"], IntegrationAssociationId="nope")


@pytest.mark.parametrize(
    ("tags", "match"),
    [
        ({f"k{i}": "v" for i in range(51)}, "length less than or equal to 50"),
        ({"aws:owner": "me"}, "Map keys must satisfy constraint"),
        ({"k" * 129: "v"}, "Map keys must satisfy constraint"),
        ({"k": "v" * 257}, "Map value must satisfy constraint"),
        ({}, "length greater than or equal to 1"),
    ],
)
def test_use_case_tags_are_validated(
    connect: Any, instance: dict[str, Any], association: str, tags: dict[str, str], match: str
) -> None:
    raw = boto3.client("connect", region_name="us-east-1", config=RAW)
    with raises("InvalidRequestException", 400, match=match):
        raw.create_use_case(
            InstanceId=instance["Id"], IntegrationAssociationId=association, UseCaseType="RULES_EVALUATION", Tags=tags
        )
    assert (
        connect.list_use_cases(InstanceId=instance["Id"], IntegrationAssociationId=association)["UseCaseSummaryList"]
        == []
    )


def test_use_case_type_is_validated(instance: dict[str, Any], association: str) -> None:
    raw = boto3.client("connect", region_name="us-east-1", config=RAW)
    with raises("InvalidRequestException", 400, match="enum value set: [RULES_EVALUATION, CONNECT_CAMPAIGNS]"):
        raw.create_use_case(InstanceId=instance["Id"], IntegrationAssociationId=association, UseCaseType="OTHER")
    with raises("InvalidRequestException", 400, match="useCaseType"):
        raw.create_use_case(InstanceId=instance["Id"], IntegrationAssociationId=association)


def test_association_with_use_cases_cannot_be_deleted(connect: Any, instance: dict[str, Any], association: str) -> None:
    iid = instance["Id"]
    use_case = connect.create_use_case(
        InstanceId=iid, IntegrationAssociationId=association, UseCaseType="RULES_EVALUATION"
    )
    with raises("InvalidRequestException", 400, match="still has use cases"):
        connect.delete_integration_association(InstanceId=iid, IntegrationAssociationId=association)
    connect.delete_use_case(InstanceId=iid, IntegrationAssociationId=association, UseCaseId=use_case["UseCaseId"])
    connect.delete_integration_association(InstanceId=iid, IntegrationAssociationId=association)
    assert connect.list_integration_associations(InstanceId=iid)["IntegrationAssociationSummaryList"] == []
    with raises("ResourceNotFoundException", 404):
        connect.delete_integration_association(InstanceId=iid, IntegrationAssociationId=association)


def test_deleting_the_instance_removes_what_hangs_off_it(
    connect: Any, instance: dict[str, Any], association: str
) -> None:
    iid = instance["Id"]
    use_case = connect.create_use_case(
        InstanceId=iid, IntegrationAssociationId=association, UseCaseType="RULES_EVALUATION", Tags={"k": "v"}
    )
    connect.associate_instance_storage_config(
        InstanceId=iid,
        ResourceType="CHAT_TRANSCRIPTS",
        StorageConfig={"StorageType": "S3", "S3Config": {"BucketName": "b", "BucketPrefix": "p"}},
    )
    connect.delete_instance(InstanceId=iid)
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=use_case["UseCaseArn"])
    with raises("ResourceNotFoundException", 404):
        connect.list_integration_associations(InstanceId=iid)
    with raises("ResourceNotFoundException", 404):
        connect.list_instance_storage_configs(InstanceId=iid, ResourceType="CHAT_TRANSCRIPTS")


def test_an_instance_has_one_cases_domain(connect: Any, instance: dict[str, Any]) -> None:
    """CreateDomain: "Each Amazon Connect instance can be associated with only one Cases domain"."""
    iid = instance["Id"]
    domain = "arn:aws:cases:us-east-1:123456789012:domain/{}"
    connect.create_integration_association(
        InstanceId=iid, IntegrationType="CASES_DOMAIN", IntegrationArn=domain.format("one")
    )
    with raises("DuplicateResourceException", 409, match="only one"):
        connect.create_integration_association(
            InstanceId=iid, IntegrationType="CASES_DOMAIN", IntegrationArn=domain.format("two")
        )
    listed = connect.list_integration_associations(InstanceId=iid, IntegrationType="CASES_DOMAIN")
    assert [a["IntegrationArn"] for a in listed["IntegrationAssociationSummaryList"]] == [domain.format("one")]
