"""Connect instances through boto3: lifecycle, attributes, errors."""

from __future__ import annotations

from typing import Any

from tests.helpers import raises


def test_create_describe_list_delete(connect: Any) -> None:
    created = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="my-centre",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=False,
        Tags={"team": "support"},
    )
    assert created["Arn"] == f"arn:aws:connect:us-east-1:123456789012:instance/{created['Id']}"
    described = connect.describe_instance(InstanceId=created["Id"])["Instance"]
    assert described["InstanceStatus"] == "ACTIVE"
    assert described["InstanceAlias"] == "my-centre"
    assert described["InboundCallsEnabled"] is True
    assert described["OutboundCallsEnabled"] is False
    assert described["Tags"] == {"team": "support"}
    listed = connect.list_instances()["InstanceSummaryList"]
    assert [i["Id"] for i in listed] == [created["Id"]]
    connect.delete_instance(InstanceId=created["Id"])
    assert connect.list_instances()["InstanceSummaryList"] == []
    with raises("ResourceNotFoundException", 404):
        connect.describe_instance(InstanceId=created["Id"])


def test_alias_is_validated_and_unique(connect: Any, instance: dict[str, Any]) -> None:
    with raises("InvalidRequestException", 400, match="already in use"):
        connect.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias="test-instance",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )
    with raises("InvalidRequestException", 400, match="regular expression pattern"):
        connect.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias="d-starts-like-a-directory",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )
    assert len(connect.list_instances()["InstanceSummaryList"]) == 1
