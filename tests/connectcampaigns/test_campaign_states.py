"""The campaign state machine, through both versions: transitions, refusals, batches, progression."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.connectcampaigns.campaigns import CAMPAIGN_MODEL
from tests.helpers import raises

from .util import create_v1, state_of

#: action -> (states it is allowed from, state it leads to)
ALLOWED = {
    "start": ({"Initialized"}, "Running"),
    "pause": ({"Running"}, "Paused"),
    "resume": ({"Paused"}, "Running"),
    "stop": ({"Running", "Paused"}, "Stopped"),
}
#: the API calls that bring a new campaign into each state
PATHS = {
    "Initialized": [],
    "Running": ["start"],
    "Paused": ["start", "pause"],
    "Stopped": ["start", "stop"],
}


@pytest.fixture
def held() -> Iterator[None]:
    """Running campaigns complete on their second state read."""
    state_manager.set_transition(CAMPAIGN_MODEL, {"progression": "manual", "times": 2})
    yield
    state_manager.unset_transition(CAMPAIGN_MODEL)


def act(client: Any, campaign_id: str, action: str) -> None:
    getattr(client, f"{action}_campaign")(id=campaign_id)


def test_a_campaign_starts_initialized(campaigns: Any, campaign_id: str) -> None:
    assert state_of(campaigns, campaign_id) == "Initialized"


@pytest.mark.parametrize("state", sorted(PATHS))
@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_transitions(campaigns: Any, campaign_id: str, state: str, action: str) -> None:
    for step in PATHS[state]:
        act(campaigns, campaign_id, step)
    assert state_of(campaigns, campaign_id) == state
    sources, target = ALLOWED[action]
    if state in sources:
        act(campaigns, campaign_id, action)
        assert state_of(campaigns, campaign_id) == target
    else:
        with raises("InvalidCampaignStateException", 409, match=f"is {state}: it cannot {action}") as info:
            act(campaigns, campaign_id, action)
        assert info.value.response["state"] == state
        assert state_of(campaigns, campaign_id) == state


def test_a_stopped_campaign_is_final(campaigns: Any, campaign_id: str) -> None:
    act(campaigns, campaign_id, "start")
    act(campaigns, campaign_id, "stop")
    for action in ALLOWED:
        with raises("InvalidCampaignStateException", 409):
            act(campaigns, campaign_id, action)
    campaigns.delete_campaign(id=campaign_id)  # deletion works in any state
    with raises("ResourceNotFoundException", 404):
        state_of(campaigns, campaign_id)


def test_start_needs_the_instance_still_onboarded(campaigns: Any, campaign_id: str, onboarded: str) -> None:
    campaigns.delete_connect_instance_config(connectInstanceId=onboarded)
    with raises("ResourceNotFoundException", 404, match="not onboarded"):
        act(campaigns, campaign_id, "start")
    assert state_of(campaigns, campaign_id) == "Initialized"


def test_state_batch(campaigns: Any, campaign_id: str, onboarded: str, v1: Any) -> None:
    running = create_v1(v1, onboarded, "running")["id"]
    act(campaigns, running, "start")
    answer = campaigns.get_campaign_state_batch(campaignIds=[campaign_id, "unknown-1", running, campaign_id])
    assert answer["successfulRequests"] == [
        {"campaignId": campaign_id, "state": "Initialized"},
        {"campaignId": running, "state": "Running"},
    ]
    assert answer["failedRequests"] == [{"campaignId": "unknown-1", "failureCode": "ResourceNotFound"}]
    only_unknown = campaigns.get_campaign_state_batch(campaignIds=["a", "b"])
    assert only_unknown["successfulRequests"] == []
    assert [f["campaignId"] for f in only_unknown["failedRequests"]] == ["a", "b"]


@pytest.mark.usefixtures("held")
def test_running_campaigns_complete_through_the_state_manager(v1: Any, v2: Any, onboarded: str) -> None:
    campaign_id = create_v1(v1, onboarded)["id"]
    # reads before the start do not count
    assert [state_of(v2, campaign_id) for _ in range(3)] == ["Initialized"] * 3
    v2.start_campaign(id=campaign_id)
    assert state_of(v2, campaign_id) == "Running"
    assert v2.get_campaign_state_batch(campaignIds=[campaign_id])["successfulRequests"] == [
        {"campaignId": campaign_id, "state": "Completed"}
    ]
    # v1 has no Completed: it reads as Stopped there, and it is final in both versions
    assert state_of(v1, campaign_id) == "Stopped"
    with raises("InvalidCampaignStateException", 409) as info:
        v2.pause_campaign(id=campaign_id)
    assert info.value.response["state"] == "Completed"
    with raises("InvalidCampaignStateException", 409) as info:
        v1.stop_campaign(id=campaign_id)
    assert info.value.response["state"] == "Stopped"


@pytest.mark.usefixtures("held")
def test_a_paused_campaign_does_not_complete(v2: Any, onboarded: str, v1: Any) -> None:
    campaign_id = create_v1(v1, onboarded)["id"]
    v2.start_campaign(id=campaign_id)
    v2.pause_campaign(id=campaign_id)
    assert [state_of(v2, campaign_id) for _ in range(4)] == ["Paused"] * 4
    v2.resume_campaign(id=campaign_id)  # the count starts again on resume
    assert state_of(v2, campaign_id) == "Running"
    assert state_of(v2, campaign_id) == "Completed"


def test_immediate_completion(v2: Any, v1: Any, onboarded: str) -> None:
    campaign_id = create_v1(v1, onboarded)["id"]
    state_manager.set_transition(CAMPAIGN_MODEL, {"progression": "immediate"})
    try:
        v2.start_campaign(id=campaign_id)
        assert state_of(v2, campaign_id) == "Completed"
    finally:
        state_manager.unset_transition(CAMPAIGN_MODEL)


def test_by_default_a_running_campaign_keeps_running(v2: Any, v1: Any, onboarded: str) -> None:
    campaign_id = create_v1(v1, onboarded)["id"]
    v2.start_campaign(id=campaign_id)
    assert {state_of(v2, campaign_id) for _ in range(20)} == {"Running"}
