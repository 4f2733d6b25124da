"""Fixtures for outbound campaigns: both API versions, a Connect instance, KMS keys."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.connectcampaigns.onboarding import ONBOARDING_JOB_MODEL

from .util import create_v1, create_v2, onboard


@pytest.fixture
def v1(moto_connect: Any) -> Any:
    return moto_connect.client("connectcampaigns")


@pytest.fixture
def v2(moto_connect: Any) -> Any:
    return moto_connect.client("connectcampaignsv2")


@pytest.fixture(params=["v1", "v2"])
def campaigns(request: pytest.FixtureRequest, moto_connect: Any) -> Any:
    """Each test using it runs once per API version."""
    name = "connectcampaigns" if request.param == "v1" else "connectcampaignsv2"
    return moto_connect.client(name)


@pytest.fixture
def instance_id(instance: dict[str, Any]) -> str:
    return str(instance["Id"])


@pytest.fixture
def kms(moto_connect: Any) -> Any:
    return moto_connect.client("kms")


@pytest.fixture
def key(kms: Any) -> dict[str, Any]:
    """An enabled symmetric KMS key (its metadata)."""
    return dict(kms.create_key(Description="campaigns")["KeyMetadata"])


@pytest.fixture
def held_jobs() -> Iterator[None]:
    """Onboarding jobs stay IN_PROGRESS until their status has been polled twice."""
    state_manager.set_transition(ONBOARDING_JOB_MODEL, {"progression": "manual", "times": 2})
    yield
    state_manager.unset_transition(ONBOARDING_JOB_MODEL)


@pytest.fixture
def onboarded(v2: Any, instance_id: str) -> str:
    """The instance, onboarded to outbound campaigns (its id)."""
    onboard(v2, instance_id)
    return instance_id


@pytest.fixture
def version(campaigns: Any) -> str:
    """``v1`` or ``v2``: the API version of the ``campaigns`` client."""
    return "v1" if campaigns.meta.service_model.service_name == "connectcampaigns" else "v2"


@pytest.fixture
def campaign_id(campaigns: Any, version: str, onboarded: str) -> str:
    """A campaign in state Initialized, created with the ``campaigns`` client's version."""
    create = create_v1 if version == "v1" else create_v2
    return str(create(campaigns, onboarded)["id"])
