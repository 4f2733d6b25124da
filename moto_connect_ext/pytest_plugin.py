"""pytest plugin (auto-loaded through the ``pytest11`` entry point).

The ``moto_connect`` fixture gives each test a fresh, active mock with fake
credentials in the environment, and a handle to make clients and reach backends.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


class MotoConnect:
    """What the ``moto_connect`` fixture yields."""

    def __init__(self) -> None:
        import boto3

        self._session = boto3.session.Session()

    def client(self, service_name: str, region_name: str = "us-east-1", **kwargs: Any) -> Any:
        """A boto3 client answered by the mock."""
        return self._session.client(service_name, region_name=region_name, **kwargs)

    def backend(self, service_name: str, account_id: str = "123456789012", region_name: str = "us-east-1") -> Any:
        """The plugin's (or moto's) backend holding a service's state."""
        from moto.backends import get_backend

        return get_backend(service_name.replace("-", ""))[account_id][region_name]  # type: ignore[call-overload]


@pytest.fixture
def moto_connect() -> Iterator[MotoConnect]:
    """An active ``mock_connect`` with fresh state for one test."""
    from moto_connect_ext import mock_connect

    saved = {k: os.environ.get(k) for k in FAKE_ENV}
    os.environ.update(FAKE_ENV)
    try:
        with mock_connect():
            yield MotoConnect()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
