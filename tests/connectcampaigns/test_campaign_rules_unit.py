"""Unit tests of the campaign rules and of v1 <-> v2 campaign conversion."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from moto_connect_ext.connectcampaigns import rules
from moto_connect_ext.connectcampaigns.campaigns import V1, V2, Campaign, shown_state, telephony_from_v1
from moto_connect_ext.connectcampaigns.exceptions import ValidationError
from moto_connect_ext.core.caller import Caller

CALLER = Caller("123456789012", "us-east-1", "aws")


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("+12065550100", True),
        ("+442079460000", True),
        ("+1", False),
        ("12065550100", False),
        ("+0123456", False),
        ("+1-206-555-0100", False),
        ("+1234567890123456", False),
        ("", False),
    ],
)
def test_e164(number: str, valid: bool) -> None:
    assert rules.is_e164(number) is valid


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("P1D", 86400),
        ("PT12H", 43200),
        ("PT1M30S", 90),
        ("PT0.5S", 0.5),
        ("P1DT1H", 90000),
        ("P", 0),
        ("PT", 0),
        ("P+2D", 172800),
    ],
)
def test_durations(text: str, seconds: float) -> None:
    assert rules.duration_seconds(text, "d") == seconds


@pytest.mark.parametrize("text", ["P-1D", "PT-1S", "P1DT-1H", "1D", "P1W"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValidationError):
        rules.duration_seconds(text, "d")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("T00:00", 0),
        ("T09:30", 570),
        ("T23:59", 1439),
        ("T24:00", 1440),
        ("T24:01", None),
        ("T12:60", None),
        ("T25:00", None),
        ("09:00", None),
    ],
)
def test_times_of_day(text: str, minutes: int | None) -> None:
    assert rules.minutes_of(text) == minutes


def test_time_windows() -> None:
    day = [{"startTime": "T08:00", "endTime": "T10:00"}, {"startTime": "T10:00", "endTime": "T11:00"}]
    rules.check_time_window({"openHours": {"dailyHours": {"MONDAY": day}}}, "w")  # touching ranges are fine
    with pytest.raises(ValidationError, match="overlap"):
        rules.check_time_window({"openHours": {"dailyHours": {"MONDAY": [*day, day[0]]}}}, "w")
    single = {
        "openHours": {"dailyHours": {}},
        "restrictedPeriods": {"restrictedPeriodList": [{"startDate": "2030-01-01", "endDate": "2030-01-01"}]},
    }
    rules.check_time_window(single, "w")


def test_time_zones() -> None:
    assert rules.is_time_zone("Europe/Paris")
    assert rules.is_time_zone("UTC")
    assert not rules.is_time_zone("Europe/Atlantis")
    assert not rules.is_time_zone("")


def test_mode_changes() -> None:
    def telephony(mode: str) -> dict[str, Any]:
        return {"outboundMode": {mode: {}}}

    rules.check_mode_change(telephony("progressive"), telephony("predictive"))
    rules.check_mode_change(telephony("preview"), telephony("progressive"))
    rules.check_mode_change(telephony("agentless"), telephony("agentless"))
    rules.check_mode_change(None, telephony("agentless"))
    with pytest.raises(ValidationError):
        rules.check_mode_change(telephony("preview"), telephony("agentless"))
    with pytest.raises(ValidationError):
        rules.check_mode_change(telephony("agentless"), telephony("predictive"))


def test_flow_arns() -> None:
    campaign_arn = "arn:aws:connect-campaigns:us-east-1:123456789012:campaign/c"
    rules.check_flow_arn("arn:aws:connect:us-east-1:123456789012:instance/i-1/contact-flow/f", campaign_arn, "i-1")
    for arn in (
        "arn:aws:connect:us-east-1:123456789012:instance/i-1/contact-flow/",
        "arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q",
        "arn:aws:connect:us-west-2:123456789012:instance/i-1/contact-flow/f",
        "arn:aws:connect:us-east-1:210987654321:instance/i-1/contact-flow/f",
    ):
        with pytest.raises(ValidationError):
            rules.check_flow_arn(arn, campaign_arn, "i-1")


@pytest.mark.parametrize(
    "dialer",
    [
        {"progressiveDialerConfig": {"bandwidthAllocation": 0.7}},
        {"predictiveDialerConfig": {"bandwidthAllocation": 1.0, "dialingCapacity": 0.4}},
        {"agentlessDialerConfig": {"dialingCapacity": 0.9}},
        {"agentlessDialerConfig": {}},
    ],
)
def test_v1_round_trip(dialer: dict[str, Any]) -> None:
    calls = {
        "connectContactFlowId": "f",
        "connectQueueId": "q",
        "answerMachineDetectionConfig": {"enableAnswerMachineDetection": False},
    }
    telephony = telephony_from_v1(dialer, calls)
    campaign = Campaign(CALLER, "c", "i", {"channelSubtypeConfig": {"telephony": telephony}}, None)
    assert campaign.v1_parts() == (dialer, calls)
    assert campaign.visible_in(V1) and campaign.visible_in(V2)


def test_campaigns_v1_cannot_express() -> None:
    preview = {
        "outboundMode": {"preview": {"bandwidthAllocation": 1, "timeoutConfig": {"durationInSeconds": 5}}},
        "defaultOutboundConfig": {"connectContactFlowId": "f"},
    }
    wide = {"outboundMode": {"progressive": {"bandwidthAllocation": 1.5}}, "defaultOutboundConfig": {}}
    for settings in (
        {},
        {"channelSubtypeConfig": {"telephony": preview}},
        {"channelSubtypeConfig": {"telephony": wide}},
    ):
        campaign = Campaign(CALLER, "c", "i", settings, None)
        assert not campaign.visible_in(V1)
        assert campaign.visible_in(V2)


def test_states_shown_per_version() -> None:
    assert shown_state("Completed", V1) == "Stopped"
    assert shown_state("Completed", V2) == "Completed"
    assert shown_state("Paused", V1) == "Paused"


def test_a_campaign_arn_and_defaults() -> None:
    campaign = Campaign(CALLER, "c", "i", {}, None)
    assert campaign.arn == f"arn:aws:connect-campaigns:us-east-1:123456789012:campaign/{campaign.id}"
    assert campaign.state == "Initialized"
    assert campaign.type == "MANAGED"
    assert campaign.last_modified.tzinfo is not None
    assert campaign.last_modified <= dt.datetime.now(dt.timezone.utc)
