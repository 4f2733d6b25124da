"""Helpers shared by the outbound campaigns tests."""

from __future__ import annotations

from typing import Any


def onboard(client: Any, instance_id: str, **encryption: Any) -> dict[str, Any]:
    config = {"enabled": False, **encryption}
    return dict(
        client.start_instance_onboarding_job(connectInstanceId=instance_id, encryptionConfig=config)[
            "connectInstanceOnboardingJobStatus"
        ]
    )
