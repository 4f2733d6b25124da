"""Onboarding a Connect instance to outbound campaigns, and the instance-level settings.

One ``CampaignInstance`` per Connect instance holds everything outbound campaigns
knows about it, seen the same way through v1 and v2: the onboarding job, the
instance config the job creates, and (v2) the integrations and communication
limits.

The job is a moto ``ManagedState``: ``IN_PROGRESS`` -> ``SUCCEEDED`` by default at
once, driven like any moto status through the state manager.  Its outcome is
decided when it leaves ``IN_PROGRESS`` (``settle``): the KMS key of an encrypted
config is looked up in moto's KMS backend then, so a key disabled while the job
runs makes it fail, as it would on AWS.
"""

from __future__ import annotations

from typing import Any

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.moto_compat import StatefulModel, kms_key, register_transition
from ..core.pagination import Store
from .exceptions import ValidationError

ONBOARDING_JOB_MODEL = "connectcampaigns::onboarding-job"
register_transition(ONBOARDING_JOB_MODEL, "immediate")

IN_PROGRESS = "IN_PROGRESS"
SUCCEEDED = "SUCCEEDED"
FAILED = "FAILED"

KMS_KEY_NOT_FOUND = "KMS_KEY_NOT_FOUND"
KMS_ACCESS_DENIED = "KMS_ACCESS_DENIED"

SERVICE_LINKED_ROLE = "role/aws-service-role/connect-campaigns.amazonaws.com/AWSServiceRoleForConnectCampaigns"


def check_encryption_config(config: dict[str, Any]) -> dict[str, Any]:
    """The request's ``encryptionConfig`` as stored, or ``ValidationException``."""
    if config.get("enabled") is None:
        raise ValidationError("encryptionConfig.enabled is required")
    if config.get("enabled"):
        if config.get("encryptionType") != "KMS":
            raise ValidationError("encryptionType must be KMS when encryption is enabled")
        if not config.get("keyArn"):
            raise ValidationError("keyArn is required when encryption is enabled")
    return dict(config)


def kms_failure(key_ref: str, account_id: str, region: str) -> str | None:
    """Why outbound campaigns could not use this KMS key (a failure code), or None.

    ``key_ref`` is a key ARN (looked up in the ARN's account and Region) or a key
    id (looked up in the caller's).  A key that does not exist is
    ``KMS_KEY_NOT_FOUND``; a key that exists but is not enabled (disabled,
    pending deletion, pending import) is ``KMS_ACCESS_DENIED``.
    """
    key_id = key_ref
    if key_ref.startswith("arn:"):
        parsed = parse_arn(key_ref)
        if parsed is None or parsed["service"] != "kms" or not parsed["resource"].startswith("key/"):
            return KMS_KEY_NOT_FOUND
        account_id, region, key_id = parsed["account"], parsed["region"], parsed["resource"][len("key/") :]
    key = kms_key(account_id, region, key_id)
    if key is None:
        return KMS_KEY_NOT_FOUND
    if not getattr(key, "enabled", True) or getattr(key, "key_state", "Enabled") != "Enabled":
        return KMS_ACCESS_DENIED
    return None


class OnboardingJob(StatefulModel):
    """One run of the onboarding workflow for a Connect instance."""

    def __init__(self, instance_id: str, encryption_config: dict[str, Any], caller: Caller) -> None:
        super().__init__(ONBOARDING_JOB_MODEL, [(IN_PROGRESS, SUCCEEDED)])
        self.instance_id = instance_id
        self.encryption_config = encryption_config
        self.account_id = caller.account_id
        self.region = caller.region
        self.partition = caller.partition
        self.failure_code: str | None = None
        self.settled = False

    @property
    def running(self) -> bool:
        return not self.settled

    def outcome(self) -> str | None:
        """The failure code this job ends with, or None when it succeeds."""
        if self.encryption_config.get("enabled"):
            return kms_failure(self.encryption_config["keyArn"], self.account_id, self.region)
        return None

    def summary(self) -> dict[str, Any]:
        return {
            "connectInstanceId": self.instance_id,
            "status": str(self.stored_status),
            "failureCode": self.failure_code,
        }


class InstanceConfig:
    """What a successful onboarding leaves behind."""

    def __init__(self, job: OnboardingJob) -> None:
        self.instance_id = job.instance_id
        self.encryption_config = dict(job.encryption_config)
        self.service_linked_role_arn = f"arn:{job.partition}:iam::{job.account_id}:{SERVICE_LINKED_ROLE}"

    def describe(self) -> dict[str, Any]:
        return {
            "connectInstanceId": self.instance_id,
            "serviceLinkedRoleArn": self.service_linked_role_arn,
            "encryptionConfig": dict(self.encryption_config),
        }


#: per integration kind: the member naming it, and whether an instance has at most one
INTEGRATION_KINDS: dict[str, tuple[str, bool]] = {
    "customerProfiles": ("domainArn", True),
    "qConnect": ("knowledgeBaseArn", True),
    "lambda": ("functionArn", False),
}
#: what each kind's ARN names, as (service, resource prefix): the API Reference's "the Customer Profiles
#: domain" (CustomerProfilesIntegrationConfig), "the Amazon Q in Connect knowledge base"
#: (QConnectIntegrationConfig), a Lambda function
INTEGRATION_ARN_KINDS: dict[str, tuple[str, str]] = {
    "customerProfiles": ("profile", "domains/"),
    "qConnect": ("wisdom", "knowledge-base/"),
    "lambda": ("lambda", "function:"),
}


class Integration:
    """A v2 instance integration: Customer Profiles, Amazon Q in Connect or Lambda."""

    def __init__(self, kind: str, config: dict[str, Any]) -> None:
        self.kind = kind
        self.config = dict(config)

    @property
    def arn(self) -> str:
        return str(self.config[INTEGRATION_KINDS[self.kind][0]])

    @staticmethod
    def key_of(kind: str, arn: str) -> str:
        single = INTEGRATION_KINDS[kind][1]
        return kind if single else f"{kind}:{arn}"

    def summary(self) -> dict[str, Any]:
        return {self.kind: dict(self.config)}


class CampaignInstance:
    """Outbound campaigns' state for one Connect instance."""

    def __init__(self, instance_id: str) -> None:
        self.instance_id = instance_id
        self.job: OnboardingJob | None = None
        self.config: InstanceConfig | None = None
        self.integrations: Store[Integration] = Store()
        self.communication_limits: dict[str, Any] | None = None

    def refresh(self) -> None:
        """Settle a job that has left IN_PROGRESS: fail it, or create the config."""
        job = self.job
        if job is None or job.settled or job.status == IN_PROGRESS:
            return
        job.settled = True
        failure = job.outcome()
        if failure is not None:
            job.failure_code = failure
            job.status = FAILED
        else:
            self.config = InstanceConfig(job)

    @property
    def job_running(self) -> bool:
        self.refresh()
        return self.job is not None and self.job.running

    def start(self, job: OnboardingJob) -> OnboardingJob:
        self.job = job
        self.refresh()
        return job
