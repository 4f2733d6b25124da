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
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

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


@pytest.fixture
def cli(server: str) -> Any:
    aws = _aws_executable()
    endpoint = server
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

    return run
