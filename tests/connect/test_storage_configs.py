"""Instance storage configurations through boto3."""

from __future__ import annotations

from typing import Any

import boto3

from tests.helpers import RAW, raises

S3 = {
    "StorageType": "S3",
    "S3Config": {"BucketName": "recordings", "BucketPrefix": "calls"},
}
KINESIS = {
    "StorageType": "KINESIS_STREAM",
    "KinesisStreamConfig": {"StreamArn": "arn:aws:kinesis:us-east-1:1:stream/s"},
}


def test_storage_config_lifecycle(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    association = connect.associate_instance_storage_config(
        InstanceId=iid, ResourceType="CALL_RECORDINGS", StorageConfig=S3
    )["AssociationId"]
    described = connect.describe_instance_storage_config(
        InstanceId=iid, AssociationId=association, ResourceType="CALL_RECORDINGS"
    )["StorageConfig"]
    assert described == {**S3, "AssociationId": association}
    listed = connect.list_instance_storage_configs(InstanceId=iid, ResourceType="CALL_RECORDINGS")["StorageConfigs"]
    assert listed == [described]
    assert (
        connect.list_instance_storage_configs(InstanceId=iid, ResourceType="CHAT_TRANSCRIPTS")["StorageConfigs"] == []
    )
    updated = {"StorageType": "S3", "S3Config": {"BucketName": "other", "BucketPrefix": "p"}}
    connect.update_instance_storage_config(
        InstanceId=iid, AssociationId=association, ResourceType="CALL_RECORDINGS", StorageConfig=updated
    )
    again = connect.describe_instance_storage_config(
        InstanceId=iid, AssociationId=association, ResourceType="CALL_RECORDINGS"
    )["StorageConfig"]
    assert again["S3Config"]["BucketName"] == "other"
    connect.disassociate_instance_storage_config(
        InstanceId=iid, AssociationId=association, ResourceType="CALL_RECORDINGS"
    )
    with raises("ResourceNotFoundException", 404):
        connect.describe_instance_storage_config(
            InstanceId=iid, AssociationId=association, ResourceType="CALL_RECORDINGS"
        )


def test_kinesis_for_contact_trace_records(connect: Any, instance: dict[str, Any]) -> None:
    association = connect.associate_instance_storage_config(
        InstanceId=instance["Id"], ResourceType="CONTACT_TRACE_RECORDS", StorageConfig=KINESIS
    )["AssociationId"]
    assert len(association) == 64


def test_storage_type_must_fit_the_resource_type(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    with raises("InvalidParameterException", 400, match="not valid for resource type CALL_RECORDINGS"):
        connect.associate_instance_storage_config(InstanceId=iid, ResourceType="CALL_RECORDINGS", StorageConfig=KINESIS)
    with raises("InvalidParameterException", 400, match="S3Config is required"):
        connect.associate_instance_storage_config(
            InstanceId=iid, ResourceType="CALL_RECORDINGS", StorageConfig={"StorageType": "S3"}
        )
    with raises("InvalidParameterException", 400, match="cannot be given"):
        connect.associate_instance_storage_config(
            InstanceId=iid,
            ResourceType="CALL_RECORDINGS",
            StorageConfig={**S3, "KinesisStreamConfig": KINESIS["KinesisStreamConfig"]},
        )
    assert connect.list_instance_storage_configs(InstanceId=iid, ResourceType="CALL_RECORDINGS")["StorageConfigs"] == []


def test_one_configuration_per_resource_type(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    connect.associate_instance_storage_config(InstanceId=iid, ResourceType="CHAT_TRANSCRIPTS", StorageConfig=S3)
    with raises("ResourceConflictException", 409):
        connect.associate_instance_storage_config(InstanceId=iid, ResourceType="CHAT_TRANSCRIPTS", StorageConfig=S3)


def test_association_is_scoped_to_its_resource_type(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    association = connect.associate_instance_storage_config(
        InstanceId=iid, ResourceType="CHAT_TRANSCRIPTS", StorageConfig=S3
    )["AssociationId"]
    with raises("ResourceNotFoundException", 404):
        connect.describe_instance_storage_config(InstanceId=iid, AssociationId=association, ResourceType="ATTACHMENTS")
    with raises("ResourceNotFoundException", 404):
        connect.update_instance_storage_config(
            InstanceId=iid, AssociationId="nope", ResourceType="CHAT_TRANSCRIPTS", StorageConfig=S3
        )
    with raises("ResourceNotFoundException", 404):
        connect.disassociate_instance_storage_config(
            InstanceId=iid, AssociationId="nope", ResourceType="CHAT_TRANSCRIPTS"
        )
    with raises("ResourceNotFoundException", 404):
        connect.associate_instance_storage_config(
            InstanceId="missing", ResourceType="CHAT_TRANSCRIPTS", StorageConfig=S3
        )


def test_storage_config_constraints_are_checked_server_side(connect: Any, instance: dict[str, Any]) -> None:
    raw = boto3.client("connect", region_name="us-east-1", config=RAW)
    with raises("InvalidParameterException", 400, match="retentionPeriodHours"):
        raw.associate_instance_storage_config(
            InstanceId=instance["Id"],
            ResourceType="MEDIA_STREAMS",
            StorageConfig={
                "StorageType": "KINESIS_VIDEO_STREAM",
                "KinesisVideoStreamConfig": {
                    "Prefix": "p",
                    "RetentionPeriodHours": 100000,
                    "EncryptionConfig": {"EncryptionType": "KMS", "KeyId": "k"},
                },
            },
        )
    with raises("InvalidParameterException", 400, match="Member must not be null"):
        raw.list_instance_storage_configs(InstanceId=instance["Id"])
