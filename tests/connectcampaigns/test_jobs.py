"""The onboarding job's life: IN_PROGRESS held by the state manager, KMS failures."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import raises

from .util import onboard


def status_of(client: Any, instance_id: str) -> dict[str, Any]:
    return dict(
        client.get_instance_onboarding_job_status(connectInstanceId=instance_id)["connectInstanceOnboardingJobStatus"]
    )


@pytest.mark.usefixtures("held_jobs")
def test_a_running_job_blocks_changes(campaigns: Any, instance_id: str) -> None:
    assert onboard(campaigns, instance_id)["status"] == "IN_PROGRESS"
    with raises("ConflictException", 409, match="already in progress"):
        onboard(campaigns, instance_id)
    with raises("InvalidStateException", 409, match="in progress"):
        campaigns.delete_instance_onboarding_job(connectInstanceId=instance_id)
    with raises("InvalidStateException", 409, match="in progress"):
        campaigns.delete_connect_instance_config(connectInstanceId=instance_id)
    with raises("ResourceNotFoundException", 404, match="not onboarded"):
        campaigns.get_connect_instance_config(connectInstanceId=instance_id)
    # the status poll drives the job: two polls, then done
    assert status_of(campaigns, instance_id)["status"] == "IN_PROGRESS"
    assert status_of(campaigns, instance_id) == {"connectInstanceId": instance_id, "status": "SUCCEEDED"}
    assert campaigns.get_connect_instance_config(connectInstanceId=instance_id)["connectInstanceConfig"]
    campaigns.delete_instance_onboarding_job(connectInstanceId=instance_id)
    with raises("ResourceNotFoundException", 404):
        status_of(campaigns, instance_id)


@pytest.mark.usefixtures("held_jobs")
def test_running_job_is_seen_by_the_other_version(v1: Any, v2: Any, instance_id: str) -> None:
    onboard(v1, instance_id)
    with raises("ConflictException", 409):
        onboard(v2, instance_id)
    assert status_of(v2, instance_id)["status"] == "IN_PROGRESS"
    assert status_of(v1, instance_id)["status"] == "SUCCEEDED"


def test_missing_key_fails_the_job(campaigns: Any, instance_id: str, key: dict[str, Any]) -> None:
    unknown = key["Arn"].replace(key["KeyId"], "11111111-2222-3333-4444-555555555555")
    status = onboard(campaigns, instance_id, enabled=True, encryptionType="KMS", keyArn=unknown)
    assert status == {"connectInstanceId": instance_id, "status": "FAILED", "failureCode": "KMS_KEY_NOT_FOUND"}
    assert status_of(campaigns, instance_id) == status
    with raises("ResourceNotFoundException", 404, match="not onboarded"):
        campaigns.get_connect_instance_config(connectInstanceId=instance_id)


@pytest.mark.parametrize(
    "key_ref",
    [
        "not-a-key-id",
        "arn:aws:kms:us-east-1:123456789012:alias/not-a-key",
        "arn:aws:s3:::bucket",
    ],
)
def test_things_that_are_not_keys(campaigns: Any, instance_id: str, key_ref: str) -> None:
    status = onboard(campaigns, instance_id, enabled=True, encryptionType="KMS", keyArn=key_ref)
    assert status["failureCode"] == "KMS_KEY_NOT_FOUND"


def test_key_of_another_region_is_looked_up_there(moto_connect: Any, campaigns: Any, instance_id: str) -> None:
    remote = moto_connect.client("kms", region_name="eu-west-2").create_key()["KeyMetadata"]
    status = onboard(campaigns, instance_id, enabled=True, encryptionType="KMS", keyArn=remote["Arn"])
    assert status["status"] == "SUCCEEDED"
    campaigns.delete_connect_instance_config(connectInstanceId=instance_id)
    # a bare key id is looked up in the caller's Region
    status = onboard(campaigns, instance_id, enabled=True, encryptionType="KMS", keyArn=remote["KeyId"])
    assert status["failureCode"] == "KMS_KEY_NOT_FOUND"


def test_disabled_key_fails_the_job(campaigns: Any, kms: Any, instance_id: str, key: dict[str, Any]) -> None:
    kms.disable_key(KeyId=key["KeyId"])
    status = onboard(campaigns, instance_id, enabled=True, encryptionType="KMS", keyArn=key["Arn"])
    assert status == {"connectInstanceId": instance_id, "status": "FAILED", "failureCode": "KMS_ACCESS_DENIED"}


def test_key_pending_deletion_fails_the_job(campaigns: Any, kms: Any, instance_id: str, key: dict[str, Any]) -> None:
    kms.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=7)
    status = onboard(campaigns, instance_id, enabled=True, encryptionType="KMS", keyArn=key["KeyId"])
    assert status["failureCode"] == "KMS_ACCESS_DENIED"


def test_a_failed_job_stays_until_deleted(campaigns: Any, kms: Any, instance_id: str, key: dict[str, Any]) -> None:
    kms.disable_key(KeyId=key["KeyId"])
    encryption = {"enabled": True, "encryptionType": "KMS", "keyArn": key["Arn"]}
    failed = onboard(campaigns, instance_id, **encryption)
    kms.enable_key(KeyId=key["KeyId"])
    # starting again answers with the failed job, as AWS does, until it is deleted
    assert onboard(campaigns, instance_id, **encryption) == failed
    assert onboard(campaigns, instance_id) == failed
    campaigns.delete_instance_onboarding_job(connectInstanceId=instance_id)
    assert onboard(campaigns, instance_id, **encryption)["status"] == "SUCCEEDED"
    config = campaigns.get_connect_instance_config(connectInstanceId=instance_id)["connectInstanceConfig"]
    assert config["encryptionConfig"] == encryption


@pytest.mark.usefixtures("held_jobs")
def test_key_disabled_while_the_job_runs(campaigns: Any, kms: Any, instance_id: str, key: dict[str, Any]) -> None:
    assert onboard(campaigns, instance_id, enabled=True, encryptionType="KMS", keyArn=key["Arn"])["status"] == (
        "IN_PROGRESS"
    )
    kms.disable_key(KeyId=key["KeyId"])
    status_of(campaigns, instance_id)
    assert status_of(campaigns, instance_id)["failureCode"] == "KMS_ACCESS_DENIED"
    with raises("ResourceNotFoundException", 404):
        campaigns.delete_connect_instance_config(connectInstanceId=instance_id)


def test_time_based_progression(moto_connect: Any, campaigns: Any, instance_id: str) -> None:
    from moto.moto_api import state_manager

    from moto_connect_ext.connectcampaigns.onboarding import ONBOARDING_JOB_MODEL

    state_manager.set_transition(ONBOARDING_JOB_MODEL, {"progression": "time", "seconds": 3600})
    try:
        assert onboard(campaigns, instance_id)["status"] == "IN_PROGRESS"
        assert status_of(campaigns, instance_id)["status"] == "IN_PROGRESS"
    finally:
        state_manager.unset_transition(ONBOARDING_JOB_MODEL)
    assert status_of(campaigns, instance_id)["status"] == "SUCCEEDED"
