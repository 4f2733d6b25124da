"""End to end with the real AWS CLI against the server (Connect, Cases, both campaign APIs, S3).

The CLI is part of the set-up: the ``test`` extra installs it (``constraints.txt`` pins the
version CI uses; AWS CLI 1.46 and later carry their own botocore, so it does not hold the
project's botocore back).  The tests look for ``aws`` beside the running Python, then on
``PATH``; ``MOTO_CONNECT_AWS_CLI`` may name another executable.  Without one they skip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

INSTALL_HINT = 'pip install -c constraints.txt -e ".[test]" (or scripts/run test, which does it)'


def aws_executable() -> str | None:
    """The ``aws`` to run: $MOTO_CONNECT_AWS_CLI, the one beside this Python, or the one on PATH."""
    given = os.environ.get("MOTO_CONNECT_AWS_CLI")
    if given:
        return given
    beside = Path(sys.executable).parent / "aws"
    if beside.exists():
        return str(beside)
    return shutil.which("aws")


@pytest.fixture
def cli(server: str, tmp_path: Path) -> Any:
    aws = aws_executable()
    if aws is None:
        pytest.skip(f"the AWS CLI is not installed: {INSTALL_HINT}")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_PAGER": "",
    }

    def run(*args: str, ok: bool = True) -> Any:
        done = subprocess.run(
            [aws, "--endpoint-url", server, "--output", "json", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        if ok:
            assert done.returncode == 0, done.stderr
            return json.loads(done.stdout) if done.stdout.strip() else {}
        assert done.returncode != 0, done.stdout
        return done.stderr

    return run


def test_connect_with_the_cli(cli: Any) -> None:
    created = cli(
        "connect",
        "create-instance",
        "--identity-management-type",
        "CONNECT_MANAGED",
        "--instance-alias",
        "cli-centre",
        "--inbound-calls-enabled",
        "--outbound-calls-enabled",
    )
    described = cli("connect", "describe-instance", "--instance-id", created["Id"])
    assert described["Instance"]["InstanceStatus"] == "ACTIVE"
    cli("connect", "tag-resource", "--resource-arn", created["Arn"], "--tags", "team=cli")
    assert cli("connect", "list-tags-for-resource", "--resource-arn", created["Arn"])["tags"] == {"team": "cli"}
    association = cli(
        "connect",
        "create-integration-association",
        "--instance-id",
        created["Id"],
        "--integration-type",
        "PINPOINT_APP",
        "--integration-arn",
        "arn:aws:mobiletargeting:us-east-1:123456789012:apps/cli",
    )
    args = ["--instance-id", created["Id"], "--integration-association-id", association["IntegrationAssociationId"]]
    cli("connect", "create-use-case", *args, "--use-case-type", "CONNECT_CAMPAIGNS")
    error = cli("connect", "create-use-case", *args, "--use-case-type", "CONNECT_CAMPAIGNS", ok=False)
    assert "DuplicateResourceException" in error
    error = cli("connect", "describe-instance", "--instance-id", "no-such-instance", ok=False)
    assert "ResourceNotFoundException" in error


def test_cases_with_the_cli(cli: Any) -> None:
    domain = cli("connectcases", "create-domain", "--name", "cli-domain")
    fields = cli("connectcases", "list-fields", "--domain-id", domain["domainId"])["fields"]
    assert any(f["fieldId"] == "title" for f in fields)
    error = cli("connectcases", "create-domain", "--name", "cli-domain", ok=False)
    assert "ConflictException" in error


def test_campaigns_with_the_cli(cli: Any) -> None:
    instance = cli(
        "connect",
        "create-instance",
        "--identity-management-type",
        "CONNECT_MANAGED",
        "--instance-alias",
        "cli-campaigns",
        "--inbound-calls-enabled",
        "--outbound-calls-enabled",
    )["Id"]
    started = cli(
        "connectcampaigns",
        "start-instance-onboarding-job",
        "--connect-instance-id",
        instance,
        "--encryption-config",
        "enabled=false",
    )
    assert started["connectInstanceOnboardingJobStatus"]["connectInstanceId"] == instance
    status = cli("connectcampaignsv2", "get-instance-onboarding-job-status", "--connect-instance-id", instance)
    assert status["connectInstanceOnboardingJobStatus"]["status"] == "SUCCEEDED"
    error = cli("connectcampaignsv2", "get-connect-instance-config", "--connect-instance-id", "missing", ok=False)
    assert "ResourceNotFoundException" in error


def test_s3_beside_the_plugin(cli: Any) -> None:
    cli("s3api", "create-bucket", "--bucket", "cli-bucket")
    names = [b["Name"] for b in cli("s3api", "list-buckets")["Buckets"]]
    assert "cli-bucket" in names
