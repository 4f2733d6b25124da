"""Onboarding jobs and instance config through boto3, for v1 and v2."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import RAW, new_instance, raises

from .util import onboard

SLR = (
    "arn:aws:iam::123456789012:role/aws-service-role/connect-campaigns.amazonaws.com/AWSServiceRoleForConnectCampaigns"
)


def test_onboard_without_encryption(campaigns: Any, instance_id: str) -> None:
    status = onboard(campaigns, instance_id)
    assert status == {"connectInstanceId": instance_id, "status": "SUCCEEDED"}
    polled = campaigns.get_instance_onboarding_job_status(connectInstanceId=instance_id)
    assert polled["connectInstanceOnboardingJobStatus"] == status
    config = campaigns.get_connect_instance_config(connectInstanceId=instance_id)["connectInstanceConfig"]
    assert config == {
        "connectInstanceId": instance_id,
        "serviceLinkedRoleArn": SLR,
        "encryptionConfig": {"enabled": False},
    }


@pytest.mark.parametrize("by", ["KeyId", "Arn"])
def test_onboard_with_a_kms_key(campaigns: Any, instance_id: str, key: dict[str, Any], by: str) -> None:
    status = onboard(campaigns, instance_id, enabled=True, encryptionType="KMS", keyArn=key[by])
    assert status["status"] == "SUCCEEDED"
    assert "failureCode" not in status
    config = campaigns.get_connect_instance_config(connectInstanceId=instance_id)["connectInstanceConfig"]
    assert config["encryptionConfig"] == {"enabled": True, "encryptionType": "KMS", "keyArn": key[by]}


def test_one_state_seen_by_both_versions(v1: Any, v2: Any, instance_id: str) -> None:
    onboard(v1, instance_id)
    assert (
        v2.get_instance_onboarding_job_status(connectInstanceId=instance_id)["connectInstanceOnboardingJobStatus"][
            "status"
        ]
        == "SUCCEEDED"
    )
    assert (
        v2.get_connect_instance_config(connectInstanceId=instance_id)["connectInstanceConfig"]["serviceLinkedRoleArn"]
        == SLR
    )
    v2.delete_connect_instance_config(connectInstanceId=instance_id)
    with raises("ResourceNotFoundException", 404):
        v1.get_connect_instance_config(connectInstanceId=instance_id)
    with raises("ResourceNotFoundException", 404):
        v1.get_instance_onboarding_job_status(connectInstanceId=instance_id)
    # and back: onboarded through v2, offboarded through v1
    onboard(v2, instance_id)
    v1.delete_connect_instance_config(connectInstanceId=instance_id)
    with raises("ResourceNotFoundException", 404):
        v2.get_connect_instance_config(connectInstanceId=instance_id)


def test_unknown_instance_is_not_found(campaigns: Any, instance_id: str) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    with raises("ResourceNotFoundException", 404, match=missing):
        onboard(campaigns, missing)
    with raises("ResourceNotFoundException", 404):
        campaigns.get_instance_onboarding_job_status(connectInstanceId=missing)
    with raises("ResourceNotFoundException", 404):
        campaigns.delete_instance_onboarding_job(connectInstanceId=missing)
    with raises("ResourceNotFoundException", 404):
        campaigns.get_connect_instance_config(connectInstanceId=missing)
    with raises("ResourceNotFoundException", 404):
        campaigns.delete_connect_instance_config(connectInstanceId=missing)


def test_instance_of_another_region_is_not_found(moto_connect: Any, instance_id: str) -> None:
    for name in ("connectcampaigns", "connectcampaignsv2"):
        elsewhere = moto_connect.client(name, region_name="us-west-2")
        with raises("ResourceNotFoundException", 404):
            onboard(elsewhere, instance_id)


def test_never_onboarded_instance(campaigns: Any, instance_id: str) -> None:
    with raises("ResourceNotFoundException", 404, match="not onboarded"):
        campaigns.get_connect_instance_config(connectInstanceId=instance_id)
    with raises("ResourceNotFoundException", 404, match="No onboarding job"):
        campaigns.get_instance_onboarding_job_status(connectInstanceId=instance_id)
    with raises("ResourceNotFoundException", 404, match="No onboarding job"):
        campaigns.delete_instance_onboarding_job(connectInstanceId=instance_id)
    with raises("ResourceNotFoundException", 404, match="not onboarded"):
        campaigns.delete_connect_instance_config(connectInstanceId=instance_id)


@pytest.mark.parametrize(
    ("encryption", "message"),
    [
        ({"enabled": True, "keyArn": "some-key"}, "encryptionType must be KMS"),
        ({"enabled": True, "encryptionType": "KMS"}, "keyArn is required"),
        ({"enabled": True, "encryptionType": "KMS", "keyArn": ""}, "keyArn is required"),
    ],
)
def test_encryption_config_rules(campaigns: Any, instance_id: str, encryption: dict[str, Any], message: str) -> None:
    with raises("ValidationException", 400, match=message):
        campaigns.start_instance_onboarding_job(connectInstanceId=instance_id, encryptionConfig=encryption)
    with raises("ResourceNotFoundException", 404):
        campaigns.get_instance_onboarding_job_status(connectInstanceId=instance_id)


def test_model_constraints_are_checked_server_side(moto_connect: Any, instance_id: str) -> None:
    for name in ("connectcampaigns", "connectcampaignsv2"):
        raw = moto_connect.client(name, config=RAW)
        with raises("ValidationException", 400, match="'encryptionConfig.enabled'"):
            raw.start_instance_onboarding_job(connectInstanceId=instance_id, encryptionConfig={})
        with raises("ValidationException", 400, match="Member must not be null"):
            raw.start_instance_onboarding_job(connectInstanceId=instance_id)
        with raises("ValidationException", 400, match="enum value set"):
            raw.start_instance_onboarding_job(
                connectInstanceId=instance_id, encryptionConfig={"enabled": True, "encryptionType": "AES"}
            )
        with raises("ValidationException", 400, match="length less than or equal to 500"):
            raw.start_instance_onboarding_job(
                connectInstanceId=instance_id,
                encryptionConfig={"enabled": True, "encryptionType": "KMS", "keyArn": "k" * 501},
            )
        with raises("ValidationException", 400, match="regular expression pattern"):
            raw.get_connect_instance_config(connectInstanceId="bad!id")
        with raises("ValidationException", 400, match="length less than or equal to 256"):
            raw.get_instance_onboarding_job_status(connectInstanceId="i" * 257)
        with raises("ResourceNotFoundException", 404):
            raw.get_instance_onboarding_job_status(connectInstanceId=instance_id)


def test_v2_deletion_policy_is_validated(moto_connect: Any, instance_id: str) -> None:
    raw = moto_connect.client("connectcampaignsv2", config=RAW)
    onboard(raw, instance_id)
    with raises("ValidationException", 400, match="campaignDeletionPolicy"):
        raw.delete_connect_instance_config(connectInstanceId=instance_id, campaignDeletionPolicy="SOME")
    assert raw.get_connect_instance_config(connectInstanceId=instance_id)["connectInstanceConfig"]


def test_start_again_after_success(campaigns: Any, instance_id: str, key: dict[str, Any]) -> None:
    first = onboard(campaigns, instance_id)
    assert onboard(campaigns, instance_id) == first
    with raises("ConflictException", 409, match="different encryption configuration"):
        onboard(campaigns, instance_id, enabled=True, encryptionType="KMS", keyArn=key["Arn"])
    # deleting the job record keeps the instance onboarded; a new job may change the config
    campaigns.delete_instance_onboarding_job(connectInstanceId=instance_id)
    assert campaigns.get_connect_instance_config(connectInstanceId=instance_id)["connectInstanceConfig"][
        "encryptionConfig"
    ] == {"enabled": False}
    assert onboard(campaigns, instance_id, enabled=True, encryptionType="KMS", keyArn=key["Arn"])["status"] == (
        "SUCCEEDED"
    )
    config = campaigns.get_connect_instance_config(connectInstanceId=instance_id)["connectInstanceConfig"]
    assert config["encryptionConfig"]["keyArn"] == key["Arn"]


def test_arns_use_the_callers_account(moto_connect: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111122223333")
    connect = moto_connect.client("connect", region_name="eu-west-2")
    instance_id = new_instance(connect, "other-account")["Id"]
    for name in ("connectcampaigns", "connectcampaignsv2"):
        client = moto_connect.client(name, region_name="eu-west-2")
        onboard(client, instance_id)
        config = client.get_connect_instance_config(connectInstanceId=instance_id)["connectInstanceConfig"]
        assert config["serviceLinkedRoleArn"] == SLR.replace("123456789012", "111122223333")
        client.delete_connect_instance_config(connectInstanceId=instance_id)
    backend = moto_connect.backend("connectcampaigns", account_id="111122223333", region_name="eu-west-2")
    assert backend.instances == {}
    monkeypatch.delenv("MOTO_ACCOUNT_ID")
    with raises("ResourceNotFoundException", 404):
        onboard(moto_connect.client("connectcampaigns", region_name="eu-west-2"), instance_id)


def test_deleting_the_connect_instance(connect: Any, campaigns: Any, instance_id: str) -> None:
    onboard(campaigns, instance_id)
    connect.delete_instance(InstanceId=instance_id)
    with raises("ResourceNotFoundException", 404, match="Amazon Connect instance"):
        campaigns.get_connect_instance_config(connectInstanceId=instance_id)


def test_fixture_handle_reaches_the_shared_backend(moto_connect: Any, v1: Any, instance_id: str) -> None:
    onboard(v1, instance_id)
    backend = moto_connect.backend("connectcampaigns")
    assert moto_connect.backend("connectcampaignsv2") is backend
    assert backend.instances[instance_id].config is not None


def test_reads_keep_no_state(moto_connect: Any, campaigns: Any, instance_id: str) -> None:
    with raises("ResourceNotFoundException", 404):
        campaigns.get_connect_instance_config(connectInstanceId=instance_id)
    assert moto_connect.backend("connectcampaigns").instances == {}


def test_motos_backend_methods_use_the_same_state(moto_connect: Any, v2: Any, instance_id: str) -> None:
    backend = moto_connect.backend("connectcampaigns")
    status = backend.start_instance_onboarding_job(
        connect_instance_id=instance_id, encryption_config={"enabled": False}
    )
    assert status["status"] == "SUCCEEDED"
    assert backend.get_connect_instance_config(connect_instance_id=instance_id)["serviceLinkedRoleArn"] == SLR
    assert (
        v2.get_connect_instance_config(connectInstanceId=instance_id)["connectInstanceConfig"]["serviceLinkedRoleArn"]
        == SLR
    )
