"""Shared fixtures: the plugin's own ``moto_connect`` fixture does the mocking."""

from __future__ import annotations

import os
import re
from pathlib import Path
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


# -- the run on the lowest supported moto (tox's `lowest`) -------------------------------------
#: the plugin's own services: a test module that talks to no other service tests the plugin, not moto
_PLUGIN_SERVICES = frozenset(
    {"connect", "connectcases", "connectcampaigns", "connectcampaignsv2", "connectparticipant", "customer-profiles"}
)
_CLIENT = re.compile(r"""client\(\s*["']([a-z0-9-]+)["']""")


def _touches_moto(path: Path) -> bool:
    """Whether a test module depends on what moto itself does: moto's own API (its backends, its
    state manager, its server, its IAM), or a service moto serves (a client other than the plugin's)."""
    text = path.read_text(encoding="utf-8")
    if "moto" in re.sub(r"moto_connect(_ext)?", "", text):
        return True
    return any(name not in _PLUGIN_SERVICES for name in _CLIENT.findall(text))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``MOTO_FACING_ONLY=1`` (tox's ``lowest``) keeps the modules that depend on moto's version:
    the conformance suite (every operation once, through moto's mock), the modes, the server, IAM,
    the moto contracts and every module that uses another moto service or moto's own API."""
    if os.environ.get("MOTO_FACING_ONLY") != "1":
        return
    cache: dict[Path, bool] = {}
    keep, drop = [], []
    for item in items:
        path = Path(str(item.path))
        if path not in cache:
            cache[path] = "conformance" in path.parts or _touches_moto(path)
        (keep if cache[path] else drop).append(item)
    items[:] = keep
    config.hook.pytest_deselected(items=drop)
