"""End to end with the real AWS CLI against the server (Connect, Cases, both campaign APIs, S3).

The AWS CLI pins its own botocore, so it lives in a venv of its own under
``.cache/awscli`` (created on first use from PyPI).  ``MOTO_CONNECT_AWS_CLI`` may
name an ``aws`` executable to use instead.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from moto.server import ThreadedMotoServer

import moto_connect_ext  # noqa: F401  (registers the plugin)

ROOT = Path(__file__).resolve().parent.parent
CLI_VENV = ROOT / ".cache" / "awscli"


def _aws_executable() -> str:
    given = os.environ.get("MOTO_CONNECT_AWS_CLI")
    if given:
        return given
    aws = CLI_VENV / "bin" / "aws"
    CLI_VENV.parent.mkdir(parents=True, exist_ok=True)
    with open(CLI_VENV.parent / "awscli.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # pytest-xdist workers install it once
        if not aws.exists():
            subprocess.run([sys.executable, "-m", "venv", str(CLI_VENV)], check=True)
            python = str(CLI_VENV / "bin" / "python")
            install = subprocess.run(
                [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "awscli"],
                capture_output=True,
                text=True,
                timeout=600,
            )
            if install.returncode != 0:
                shutil.rmtree(CLI_VENV, ignore_errors=True)
                pytest.fail(f"could not install the AWS CLI: {install.stderr[-2000:]}")
    return str(aws)


@pytest.fixture(scope="module")
def cli() -> Iterator[Any]:
    aws = _aws_executable()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(CLI_VENV),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_PAGER": "",
    }

    def run(*args: str, ok: bool = True) -> Any:
        done = subprocess.run(
            [aws, "--endpoint-url", endpoint, "--output", "json", *args],
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

    urllib.request.urlopen(urllib.request.Request(endpoint + "/moto-api/reset", method="POST"), timeout=10)
    try:
        yield run
    finally:
        server.stop()


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
