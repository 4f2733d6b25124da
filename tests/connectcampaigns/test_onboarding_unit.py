"""Unit tests of the onboarding engine, without HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.connectcampaigns.onboarding import (
    KMS_ACCESS_DENIED,
    KMS_KEY_NOT_FOUND,
    ONBOARDING_JOB_MODEL,
    CampaignInstance,
    Integration,
    OnboardingJob,
    check_encryption_config,
    kms_failure,
)
from moto_connect_ext.core.caller import Caller
from moto_connect_ext.core.errors import ValidationError

CALLER = Caller("210987654321", "ap-southeast-2", "aws")


@pytest.fixture
def manual() -> Iterator[None]:
    state_manager.set_transition(ONBOARDING_JOB_MODEL, {"progression": "manual", "times": 1})
    yield
    state_manager.unset_transition(ONBOARDING_JOB_MODEL)


def test_check_encryption_config() -> None:
    assert check_encryption_config({"enabled": False}) == {"enabled": False}
    good = {"enabled": True, "encryptionType": "KMS", "keyArn": "k"}
    assert check_encryption_config(good) == good
    assert check_encryption_config(good) is not good
    with pytest.raises(ValidationError, match="encryptionType"):
        check_encryption_config({"enabled": True, "keyArn": "k"})
    with pytest.raises(ValidationError, match="keyArn"):
        check_encryption_config({"enabled": True, "encryptionType": "KMS"})


def test_job_settles_into_a_config(manual: None) -> None:
    state = CampaignInstance("inst-1")
    job = state.start(OnboardingJob("inst-1", {"enabled": False}, CALLER))
    assert job.summary() == {"connectInstanceId": "inst-1", "status": "IN_PROGRESS", "failureCode": None}
    assert state.job_running and state.config is None
    job.advance()
    state.refresh()
    assert not state.job_running
    assert job.summary()["status"] == "SUCCEEDED"
    assert state.config is not None
    assert state.config.describe() == {
        "connectInstanceId": "inst-1",
        "serviceLinkedRoleArn": "arn:aws:iam::210987654321:role/aws-service-role/connect-campaigns.amazonaws.com/"
        "AWSServiceRoleForConnectCampaigns",
        "encryptionConfig": {"enabled": False},
    }
    # settling happens once: later reads change nothing
    config = state.config
    job.advance()
    state.refresh()
    assert state.config is config


def test_job_fails_without_a_config(moto_connect: Any) -> None:
    state = CampaignInstance("inst-2")
    encryption = {"enabled": True, "encryptionType": "KMS", "keyArn": "missing-key"}
    job = state.start(OnboardingJob("inst-2", encryption, CALLER))
    assert job.summary() == {"connectInstanceId": "inst-2", "status": "FAILED", "failureCode": KMS_KEY_NOT_FOUND}
    assert state.config is None
    assert job.status == "FAILED"


def test_kms_failure(moto_connect: Any) -> None:
    from moto.kms.models import kms_backends

    kms = moto_connect.client("kms", region_name="ap-southeast-2")
    key = kms.create_key()["KeyMetadata"]
    # the key lives in the fixture's default account; look it up there
    account = key["Arn"].split(":")[4]
    assert kms_failure(key["KeyId"], account, "ap-southeast-2") is None
    assert kms_failure(key["Arn"], "000000000000", "us-east-1") is None
    assert kms_failure(key["KeyId"], account, "us-east-1") == KMS_KEY_NOT_FOUND
    assert kms_failure(key["KeyId"], account, "no-such-region-9") == KMS_KEY_NOT_FOUND
    assert kms_failure("arn:aws:kms:ap-southeast-2:" + account + ":alias/x", account, "x") == KMS_KEY_NOT_FOUND
    assert kms_failure("arn:broken", account, "ap-southeast-2") == KMS_KEY_NOT_FOUND
    kms_backends[account]["ap-southeast-2"].disable_key(key["KeyId"])
    assert kms_failure(key["KeyId"], account, "ap-southeast-2") == KMS_ACCESS_DENIED


def test_integration_keys() -> None:
    assert Integration.key_of("customerProfiles", "a") == Integration.key_of("customerProfiles", "b")
    assert Integration.key_of("lambda", "a") != Integration.key_of("lambda", "b")
    integration = Integration("qConnect", {"knowledgeBaseArn": "arn:kb"})
    assert integration.arn == "arn:kb"
    assert integration.summary() == {"qConnect": {"knowledgeBaseArn": "arn:kb"}}
