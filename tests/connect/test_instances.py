"""Connect instances through boto3: lifecycle, identity types, attributes, errors."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from moto.moto_api import state_manager

from moto_connect_ext.connect.models import INSTANCE_MODEL, REPLICATION_MODEL
from tests.helpers import RAW, new_instance, raises


def _create(connect: Any, alias: str | None = "centre", **kw: Any) -> dict[str, Any]:
    params = {
        "IdentityManagementType": "CONNECT_MANAGED",
        "InstanceAlias": alias,
        "InboundCallsEnabled": True,
        "OutboundCallsEnabled": False,
        **kw,
    }
    return connect.create_instance(**{k: v for k, v in params.items() if v is not None})


@pytest.fixture
def manual_transitions() -> Any:
    state_manager.set_transition(INSTANCE_MODEL, {"progression": "manual", "times": 2})
    state_manager.set_transition(REPLICATION_MODEL, {"progression": "manual", "times": 2})
    yield
    state_manager.unset_transition(INSTANCE_MODEL)
    state_manager.unset_transition(REPLICATION_MODEL)


def test_create_describe_list_delete(connect: Any) -> None:
    created = _create(connect, "my-centre", Tags={"team": "support"})
    assert created["Arn"] == f"arn:aws:connect:us-east-1:123456789012:instance/{created['Id']}"
    described = connect.describe_instance(InstanceId=created["Id"])["Instance"]
    assert described["InstanceStatus"] == "ACTIVE"
    assert described["InstanceAlias"] == "my-centre"
    assert described["IdentityManagementType"] == "CONNECT_MANAGED"
    assert described["InboundCallsEnabled"] is True
    assert described["OutboundCallsEnabled"] is False
    assert described["Tags"] == {"team": "support"}
    assert described["ServiceRole"].startswith("arn:aws:iam::123456789012:role/aws-service-role/")
    assert described["InstanceAccessUrl"] == "https://my-centre.my.connect.aws"
    assert "ReplicationConfiguration" not in connect.describe_instance(InstanceId=created["Id"])
    listed = connect.list_instances()["InstanceSummaryList"]
    assert [i["Id"] for i in listed] == [created["Id"]]
    assert "Tags" not in listed[0]
    connect.delete_instance(InstanceId=created["Id"])
    assert connect.list_instances()["InstanceSummaryList"] == []
    with raises("ResourceNotFoundException", 404):
        connect.describe_instance(InstanceId=created["Id"])
    with raises("ResourceNotFoundException", 404):
        connect.delete_instance(InstanceId=created["Id"])


def test_instance_can_be_addressed_by_arn(connect: Any) -> None:
    created = _create(connect)
    assert connect.describe_instance(InstanceId=created["Arn"])["Instance"]["Id"] == created["Id"]


def test_ids_are_uuids(connect: Any) -> None:
    import uuid

    created = _create(connect)
    assert str(uuid.UUID(created["Id"])) == created["Id"]


def test_status_goes_through_the_state_manager(connect: Any, manual_transitions: Any) -> None:
    created = _create(connect)
    first = connect.describe_instance(InstanceId=created["Id"])["Instance"]["InstanceStatus"]
    second = connect.describe_instance(InstanceId=created["Id"])["Instance"]["InstanceStatus"]
    assert (first, second) == ("CREATION_IN_PROGRESS", "ACTIVE")


def test_alias_is_validated_and_unique(connect: Any) -> None:
    _create(connect, "test-instance")
    with raises("InvalidRequestException", 400, match="already in use"):
        _create(connect, "test-instance")
    with raises("InvalidRequestException", 400, match="already in use"):
        _create(connect, "TEST-instance")
    with raises("InvalidRequestException", 400, match="regular expression pattern"):
        _create(connect, "d-starts-like-a-directory")
    with raises("InvalidRequestException", 400, match="length less than or equal to 45"):
        _create(connect, "x" * 46)
    assert len(connect.list_instances()["InstanceSummaryList"]) == 1


def test_alias_uniqueness_is_per_region(moto_connect: Any) -> None:
    _create(moto_connect.client("connect", region_name="us-east-1"), "same")
    other = _create(moto_connect.client("connect", region_name="eu-west-2"), "same")
    assert ":eu-west-2:" in other["Arn"]


def test_identity_types(connect: Any) -> None:
    with raises("InvalidRequestException", 400, match="InstanceAlias is required"):
        _create(connect, alias=None)
    with raises("InvalidRequestException", 400, match="DirectoryId is required"):
        _create(connect, alias=None, IdentityManagementType="EXISTING_DIRECTORY")
    with raises("InvalidRequestException", 400, match="DirectoryId can only be given"):
        _create(connect, DirectoryId="d-0123456789")
    with raises("ResourceNotFoundException", 404, match="d-0123456789"):
        _create(connect, alias=None, IdentityManagementType="EXISTING_DIRECTORY", DirectoryId="d-0123456789")
    with raises("InvalidRequestException", 400, match="enum value set"):
        boto3.client("connect", region_name="us-east-1", config=RAW).create_instance(
            IdentityManagementType="LDAP", InstanceAlias="a", InboundCallsEnabled=True, OutboundCallsEnabled=True
        )
    saml = _create(connect, "saml-centre", IdentityManagementType="SAML")
    assert connect.describe_instance(InstanceId=saml["Id"])["Instance"]["IdentityManagementType"] == "SAML"
    assert len(connect.list_instances()["InstanceSummaryList"]) == 1


def test_existing_directory_is_looked_up_in_directory_service(moto_connect: Any) -> None:
    ec2 = moto_connect.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"us-east-1{z}")["Subnet"]["SubnetId"]
        for i, z in ((1, "a"), (2, "b"))
    ]
    directory_id = moto_connect.client("ds").create_directory(
        Name="corp.example.com",
        Password="Secret-Passw0rd",
        Size="Small",
        VpcSettings={"VpcId": vpc, "SubnetIds": subnets},
    )["DirectoryId"]
    connect = moto_connect.client("connect")
    created = _create(connect, alias=None, IdentityManagementType="EXISTING_DIRECTORY", DirectoryId=directory_id)
    described = connect.describe_instance(InstanceId=created["Id"])["Instance"]
    assert described["IdentityManagementType"] == "EXISTING_DIRECTORY"
    assert described["InstanceAlias"] == directory_id


def test_client_token_makes_a_retry_return_the_same_instance(connect: Any) -> None:
    first = _create(connect, ClientToken="token-1")
    again = _create(connect, ClientToken="token-1")
    assert again["Id"] == first["Id"]
    assert len(connect.list_instances()["InstanceSummaryList"]) == 1
    with raises("InvalidRequestException", 400, match="client token"):
        _create(connect, "other-alias", ClientToken="token-1")
    second = _create(connect, "second", ClientToken="token-2")
    assert second["Id"] != first["Id"]


def test_rejected_create_changes_nothing(connect: Any) -> None:
    raw = boto3.client("connect", region_name="us-east-1", config=RAW)
    with raises("InvalidRequestException", 400, match="2 validation errors"):
        raw.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias="ok",
            InboundCallsEnabled="yes",
            OutboundCallsEnabled=True,
            Tags={"aws:reserved": "x"},
        )
    with raises("InvalidRequestException", 400, match="Member must not be null"):
        raw.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias="ok", InboundCallsEnabled=True)
    assert connect.list_instances()["InstanceSummaryList"] == []


def test_list_instances_pages(connect: Any) -> None:
    ids = [_create(connect, f"centre{i}")["Id"] for i in range(12)]
    first = connect.list_instances(MaxResults=5)
    assert len(first["InstanceSummaryList"]) == 5 and first["NextToken"]
    walked = [
        i["Id"] for page in connect.get_paginator("list_instances").paginate() for i in page["InstanceSummaryList"]
    ]
    assert walked == ids
    paged = [
        i["Id"]
        for page in connect.get_paginator("list_instances").paginate(PaginationConfig={"PageSize": 4})
        for i in page["InstanceSummaryList"]
    ]
    assert paged == ids
    raw = boto3.client("connect", region_name="us-east-1", config=RAW)
    with raises("InvalidRequestException", 400, match="less than or equal to 10"):
        raw.list_instances(MaxResults=11)
    with raises("InvalidRequestException", 400, match="pagination token"):
        connect.list_instances(NextToken="not-a-token")


def test_pagination_token_survives_deletes(connect: Any) -> None:
    ids = [_create(connect, f"centre{i}")["Id"] for i in range(6)]
    first = connect.list_instances(MaxResults=3)
    connect.delete_instance(InstanceId=ids[3])
    rest = connect.list_instances(MaxResults=3, NextToken=first["NextToken"])
    assert [i["Id"] for i in rest["InstanceSummaryList"]] == ids[4:]
    assert "NextToken" not in rest


def test_accounts_and_regions_are_isolated(moto_connect: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    east = moto_connect.client("connect", region_name="us-east-1")
    created = _create(east)
    west = moto_connect.client("connect", region_name="eu-west-2")
    assert west.list_instances()["InstanceSummaryList"] == []
    with raises("ResourceNotFoundException", 404):
        west.describe_instance(InstanceId=created["Id"])
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111122223333")
    assert east.list_instances()["InstanceSummaryList"] == []
    other = _create(east, "other-account")
    assert other["Arn"].startswith("arn:aws:connect:us-east-1:111122223333:instance/")


def test_partition_follows_the_region(moto_connect: Any) -> None:
    gov = moto_connect.client("connect", region_name="us-gov-west-1")
    created = _create(gov)
    assert created["Arn"].startswith("arn:aws-us-gov:connect:us-gov-west-1:")


# -- attributes --------------------------------------------------------------


def test_attributes_reflect_the_call_flags(connect: Any) -> None:
    created = _create(connect)
    inbound = connect.describe_instance_attribute(InstanceId=created["Id"], AttributeType="INBOUND_CALLS")
    outbound = connect.describe_instance_attribute(InstanceId=created["Id"], AttributeType="OUTBOUND_CALLS")
    assert inbound["Attribute"] == {"AttributeType": "INBOUND_CALLS", "Value": "true"}
    assert outbound["Attribute"]["Value"] == "false"


def test_update_attribute(connect: Any) -> None:
    created = _create(connect)
    connect.update_instance_attribute(InstanceId=created["Id"], AttributeType="OUTBOUND_CALLS", Value="true")
    connect.update_instance_attribute(InstanceId=created["Id"], AttributeType="CONTACTFLOW_LOGS", Value="TRUE")
    assert connect.describe_instance(InstanceId=created["Id"])["Instance"]["OutboundCallsEnabled"] is True
    logs = connect.describe_instance_attribute(InstanceId=created["Id"], AttributeType="CONTACTFLOW_LOGS")
    assert logs["Attribute"]["Value"] == "true"
    with raises("InvalidRequestException", 400, match="expected 'true' or 'false'"):
        connect.update_instance_attribute(InstanceId=created["Id"], AttributeType="EARLY_MEDIA", Value="maybe")
    early = connect.describe_instance_attribute(InstanceId=created["Id"], AttributeType="EARLY_MEDIA")
    assert early["Attribute"]["Value"] == "true"
    raw = boto3.client("connect", region_name="us-east-1", config=RAW)
    with raises("InvalidParameterException", 400, match="enum value set"):
        raw.update_instance_attribute(InstanceId=created["Id"], AttributeType="NOPE", Value="true")
    with raises("ResourceNotFoundException", 404):
        connect.update_instance_attribute(InstanceId="missing", AttributeType="EARLY_MEDIA", Value="true")


def test_list_attributes_pages_through_every_type(connect: Any) -> None:
    created = _create(connect)
    first = connect.list_instance_attributes(InstanceId=created["Id"])
    assert len(first["Attributes"]) == 7 and first["NextToken"]
    every = [
        a["AttributeType"]
        for page in connect.get_paginator("list_instance_attributes").paginate(InstanceId=created["Id"])
        for a in page["Attributes"]
    ]
    model_enum = connect.meta.service_model.shape_for("InstanceAttributeType").enum
    assert every == list(model_enum)
    with raises("ResourceNotFoundException", 404):
        connect.list_instance_attributes(InstanceId="missing")


# -- replication -------------------------------------------------------------


def test_replicate_instance(moto_connect: Any) -> None:
    east = moto_connect.client("connect", region_name="us-east-1")
    created = _create(east, "primary", IdentityManagementType="SAML", Tags={"k": "v"})
    replica = east.replicate_instance(InstanceId=created["Arn"], ReplicaRegion="us-west-2", ReplicaAlias="secondary")
    assert replica["Id"] == created["Id"]
    assert replica["Arn"] == f"arn:aws:connect:us-west-2:123456789012:instance/{created['Id']}"
    west = moto_connect.client("connect", region_name="us-west-2")
    described = west.describe_instance(InstanceId=created["Id"])
    assert described["Instance"]["InstanceAlias"] == "secondary"
    assert described["ReplicationConfiguration"]["SourceRegion"] == "us-east-1"
    source = east.describe_instance(InstanceId=created["Id"])["ReplicationConfiguration"]
    assert source["ReplicationStatusSummaryList"] == [
        {"Region": "us-west-2", "ReplicationStatus": "INSTANCE_REPLICATION_COMPLETE"}
    ]
    with raises("ResourceConflictException", 409):
        east.replicate_instance(InstanceId=created["Id"], ReplicaRegion="us-west-2", ReplicaAlias="third")


def test_replicate_instance_refusals(moto_connect: Any, manual_transitions: Any) -> None:
    east = moto_connect.client("connect", region_name="us-east-1")
    managed = _create(east, "managed")
    for _ in range(2):  # two describes: ACTIVE
        east.describe_instance(InstanceId=managed["Id"])
    saml = _create(east, "saml", IdentityManagementType="SAML")
    with raises("ResourceNotReadyException", 409):
        east.replicate_instance(InstanceId=saml["Id"], ReplicaRegion="us-west-2", ReplicaAlias="copy")
    statuses = [east.describe_instance(InstanceId=saml["Id"])["Instance"]["InstanceStatus"] for _ in range(2)]
    assert statuses == ["CREATION_IN_PROGRESS", "ACTIVE"]
    with raises("InvalidRequestException", 400, match="SAML"):
        east.replicate_instance(InstanceId=managed["Id"], ReplicaRegion="us-west-2", ReplicaAlias="copy")
    with raises("InvalidRequestException", 400, match="cannot be replicated to eu-west-1"):
        east.replicate_instance(InstanceId=saml["Id"], ReplicaRegion="eu-west-1", ReplicaAlias="copy")
    with raises("InvalidRequestException", 400, match="regular expression pattern"):
        east.replicate_instance(InstanceId="bad!id", ReplicaRegion="us-west-2", ReplicaAlias="copy")
    with raises("ResourceNotFoundException", 404):
        east.replicate_instance(
            InstanceId="00000000-0000-0000-0000-000000000000", ReplicaRegion="us-west-2", ReplicaAlias="copy"
        )
    replica = east.replicate_instance(InstanceId=saml["Id"], ReplicaRegion="us-west-2", ReplicaAlias="copy")
    summary = east.describe_instance(InstanceId=saml["Id"])["ReplicationConfiguration"]["ReplicationStatusSummaryList"]
    assert summary[0]["ReplicationStatus"] == "INSTANCE_REPLICATION_IN_PROGRESS"
    west = moto_connect.client("connect", region_name="us-west-2")
    with raises("InvalidRequestException", 400, match="is a replica"):
        west.replicate_instance(InstanceId=replica["Id"], ReplicaRegion="us-east-1", ReplicaAlias="back")


def test_a_replica_without_an_alias_keeps_its_sources(moto_connect: Any) -> None:
    connect = moto_connect.client("connect")
    source = new_instance(connect, "saml-centre", IdentityManagementType="SAML")
    replica = connect.replicate_instance(InstanceId=source["Id"], ReplicaRegion="us-west-2")
    west = moto_connect.client("connect", region_name="us-west-2")
    assert west.describe_instance(InstanceId=replica["Id"])["Instance"]["InstanceAlias"] == "saml-centre"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("ap-southeast-2", "ap-southeast-4"),
        ("ca-central-1", "ca-west-1"),
    ],
)
def test_replicas_only_in_the_documented_regions(moto_connect: Any, source: str, target: str) -> None:
    connect = moto_connect.client("connect", region_name=source)
    created = new_instance(connect, "saml-centre", IdentityManagementType="SAML")
    with raises("InvalidRequestException", 400, match=f"cannot be replicated to {target}"):
        connect.replicate_instance(InstanceId=created["Id"], ReplicaRegion=target, ReplicaAlias="copy")
    assert "ReplicationConfiguration" not in connect.describe_instance(InstanceId=created["Id"])


def test_tokyo_replicates_to_osaka(moto_connect: Any) -> None:
    tokyo = moto_connect.client("connect", region_name="ap-northeast-1")
    created = new_instance(tokyo, "saml-centre", IdentityManagementType="SAML")
    replica = tokyo.replicate_instance(InstanceId=created["Id"], ReplicaRegion="ap-northeast-3", ReplicaAlias="copy")
    osaka = moto_connect.client("connect", region_name="ap-northeast-3")
    described = osaka.describe_instance(InstanceId=replica["Id"])
    assert described["Instance"]["InstanceAlias"] == "copy"
    assert described["ReplicationConfiguration"]["SourceRegion"] == "ap-northeast-1"


def test_deleting_the_replica_ends_the_replication(moto_connect: Any) -> None:
    east = moto_connect.client("connect", region_name="us-east-1")
    west = moto_connect.client("connect", region_name="us-west-2")
    source = new_instance(east, "saml-centre", IdentityManagementType="SAML")
    replica = east.replicate_instance(InstanceId=source["Id"], ReplicaRegion="us-west-2", ReplicaAlias="copy")
    west.delete_instance(InstanceId=replica["Id"])
    assert "ReplicationConfiguration" not in east.describe_instance(InstanceId=source["Id"])
    again = east.replicate_instance(InstanceId=source["Id"], ReplicaRegion="us-west-2", ReplicaAlias="copy")
    described = west.describe_instance(InstanceId=again["Id"])["ReplicationConfiguration"]
    assert described["SourceRegion"] == "us-east-1"
