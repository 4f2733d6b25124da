"""Shared fixtures: the plugin's own ``moto_connect`` fixture does the mocking."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import new_instance


@pytest.fixture
def connect(moto_connect: Any) -> Any:
    return moto_connect.client("connect")


@pytest.fixture
def instance(connect: Any) -> dict[str, Any]:
    """An ACTIVE CONNECT_MANAGED instance."""
    created = new_instance(connect, "test-instance")
    return {"Id": created["Id"], "Arn": created["Arn"]}


@pytest.fixture(scope="session")
def moto_server() -> Any:
    """One ThreadedMotoServer per test process (pytest-xdist worker)."""
    from tests.servers import threaded_server

    with threaded_server() as endpoint:
        yield endpoint


@pytest.fixture
def server(moto_server: str) -> str:
    """The shared server's endpoint, with fresh state."""
    from tests.servers import moto_api

    moto_api(moto_server, "/moto-api/reset")
    return moto_server
