"""Shared fixtures: the plugin's own ``moto_connect`` fixture does the mocking."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def connect(moto_connect: Any) -> Any:
    return moto_connect.client("connect")


@pytest.fixture
def instance(connect: Any) -> dict[str, Any]:
    """An ACTIVE CONNECT_MANAGED instance."""
    created = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="test-instance",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return {"Id": created["Id"], "Arn": created["Arn"]}
