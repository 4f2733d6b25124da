"""v2 campaigns (``connectcampaignsv2``): settings, their rules, updates and deletes, listing, tags."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from moto_connect_ext.connectcampaigns import models
from tests.helpers import RAW, new_instance, raises

from .util import DOMAIN, SEGMENT, SMS, TELEPHONY, TEMPLATE, create_v1, create_v2, onboard, state_of

START = dt.datetime(2030, 1, 1, 9, tzinfo=dt.timezone.utc)
END = dt.datetime(2030, 1, 31, 17, tzinfo=dt.timezone.utc)
SCHEDULE = {"startTime": START, "endTime": END, "refreshFrequency": "P1D"}
WINDOW = {
    "openHours": {
        "dailyHours": {
            "MONDAY": [{"startTime": "T09:00", "endTime": "T12:00"}, {"startTime": "T13:00", "endTime": "T17:30"}],
            "FRIDAY": [{"startTime": "T10:00", "endTime": "T24:00"}],
        }
    },
    "restrictedPeriods": {
        "restrictedPeriodList": [{"name": "holidays", "startDate": "2030-12-24", "endDate": "2030-12-26"}]
    },
}
TIME = {"localTimeZoneConfig": {"defaultTimeZone": "America/New_York"}, "telephony": WINDOW}
LIMITS = {
    "allChannelSubtypes": {"communicationLimitsList": [{"maxCountPerRecipient": 3, "frequency": 7, "unit": "DAY"}]},
    "instanceLimitsHandling": "OPT_IN",
}
ENTRY = {"maxEntryCount": 2, "minEntryInterval": "PT12H"}


def flow_of(instance_id: str, flow: str = "flow-1") -> str:
    return f"arn:aws:connect:us-east-1:123456789012:instance/{instance_id}/contact-flow/{flow}"


def described(v2: Any, campaign_id: str) -> dict[str, Any]:
    return dict(v2.describe_campaign(id=campaign_id)["campaign"])


def test_create_with_every_setting(v2: Any, onboarded: str) -> None:
    created = create_v2(
        v2,
        onboarded,
        "everything",
        channelSubtypeConfig={"telephony": TELEPHONY, "sms": SMS},
        type="MANAGED",
        source={"customerProfilesSegmentArn": SEGMENT},
        connectCampaignFlowArn=flow_of(onboarded),
        schedule=SCHEDULE,
        entryLimitsConfig=ENTRY,
        communicationTimeConfig=TIME,
        communicationLimitsOverride=LIMITS,
        tags={"team": "sales"},
    )
    assert created["arn"] == f"arn:aws:connect-campaigns:us-east-1:123456789012:campaign/{created['id']}"
    assert created["tags"] == {"team": "sales"}
    campaign = described(v2, created["id"])
    modified = campaign.pop("lastModifiedTime")
    assert abs((modified - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 60
    assert campaign == {
        "id": created["id"],
        "arn": created["arn"],
        "name": "everything",
        "connectInstanceId": onboarded,
        "channelSubtypeConfig": {"telephony": TELEPHONY, "sms": SMS},
        "type": "MANAGED",
        "source": {"customerProfilesSegmentArn": SEGMENT},
        "connectCampaignFlowArn": flow_of(onboarded),
        "schedule": SCHEDULE,
        "entryLimitsConfig": ENTRY,
        "communicationTimeConfig": TIME,
        "communicationLimitsOverride": LIMITS,
        "tags": {"team": "sales"},
    }
    (summary,) = v2.list_campaigns()["campaignSummaryList"]
    assert summary == {
        "id": created["id"],
        "arn": created["arn"],
        "name": "everything",
        "connectInstanceId": onboarded,
        "channelSubtypes": ["TELEPHONY", "SMS"],
        "type": "MANAGED",
        "schedule": SCHEDULE,
        "entryLimitsConfig": ENTRY,
        "connectCampaignFlowArn": flow_of(onboarded),
        "lastModifiedTime": modified,
    }


def test_a_minimal_campaign(v2: Any, onboarded: str) -> None:
    created = v2.create_campaign(name="bare", connectInstanceId=onboarded)
    campaign = described(v2, created["id"])
    assert set(campaign) == {"id", "arn", "name", "connectInstanceId", "type", "lastModifiedTime", "tags"}
    assert campaign["type"] == "MANAGED"
    assert v2.list_campaigns()["campaignSummaryList"][0]["channelSubtypes"] == []


def test_a_v1_campaign_seen_by_v2(v1: Any, v2: Any, onboarded: str) -> None:
    created = create_v1(v1, onboarded, dialerConfig={"agentlessDialerConfig": {"dialingCapacity": 0.3}})
    assert described(v2, created["id"])["channelSubtypeConfig"] == {
        "telephony": {
            "capacity": 0.3,
            "connectQueueId": "queue-1",
            "outboundMode": {"agentless": {}},
            "defaultOutboundConfig": {"connectContactFlowId": "flow-1"},
        }
    }


def test_creation_needs_an_onboarded_instance(v2: Any, instance_id: str) -> None:
    with raises("ResourceNotFoundException", 404, match="not onboarded"):
        create_v2(v2, instance_id)
    with raises("ResourceNotFoundException", 404, match="Amazon Connect instance"):
        create_v2(v2, "no-such-instance")


def test_create_is_idempotent_and_names_are_unique(v1: Any, v2: Any, onboarded: str) -> None:
    first = create_v2(v2, onboarded, "dup", schedule=SCHEDULE)
    assert create_v2(v2, onboarded, "dup", schedule=SCHEDULE)["id"] == first["id"]
    with raises("ConflictException", 409, match="already exists"):
        create_v2(v2, onboarded, "dup")
    with raises("ConflictException", 409, match="already exists"):
        create_v1(v1, onboarded, "dup")
    assert len(v2.list_campaigns()["campaignSummaryList"]) == 1


@pytest.mark.parametrize("create", [create_v1, create_v2])
def test_total_campaigns_per_instance_quota(
    connect: Any, v1: Any, v2: Any, onboarded: str, create: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The "Total campaigns per instance" quota (Outbound campaigns quotas): v1 and v2 campaigns count together."""
    monkeypatch.setattr(models, "CAMPAIGNS_PER_INSTANCE", 2)
    client = v1 if create is create_v1 else v2
    first = create_v1(v1, onboarded, "one")["id"]
    create_v2(v2, onboarded, "two")
    with raises("ServiceQuotaExceededException", 402, match="quota of total campaigns per instance is 2"):
        create(client, onboarded, "three")
    assert len(v2.list_campaigns()["campaignSummaryList"]) == 2
    assert create_v1(v1, onboarded, "one")["id"] == first  # the same request again answers the campaign
    other = new_instance(connect, "other")["Id"]
    onboard(v2, other)
    create(client, other, "three")  # the quota is per instance
    v2.delete_campaign(id=first)
    create(client, onboarded, "three")


ONE_TIME = {"localTimeZoneConfig": {"defaultTimeZone": "UTC"}}
QUEUE = "arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1"
KNOWLEDGE_BASE = "arn:aws:wisdom:us-east-1:123456789012:knowledge-base/kb-1"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"channelSubtypeConfig": {}}, "at least one channel subtype"),
        (
            {
                "channelSubtypeConfig": {
                    "telephony": {
                        **TELEPHONY,
                        "connectQueueId": "",
                        "defaultOutboundConfig": {"connectContactFlowId": "f"},
                    }
                }
            },
            "connectSourcePhoneNumber is required",
        ),
        (
            {
                "channelSubtypeConfig": {
                    "telephony": {
                        **TELEPHONY,
                        "defaultOutboundConfig": {
                            "connectContactFlowId": "f",
                            "connectSourcePhoneNumber": "2065550100",
                        },
                    }
                }
            },
            "E.164",
        ),
        (
            {
                "channelSubtypeConfig": {
                    "email": {
                        "outboundMode": {"agentless": {}},
                        "defaultOutboundConfig": {
                            "connectSourceEmailAddress": "a@example.com",
                            "wisdomTemplateArn": "arn:aws:s3:us-east-1:123456789012:bucket/template",
                        },
                    }
                }
            },
            "is not an ARN of wisdom",
        ),
        (
            {
                "channelSubtypeConfig": {
                    "sms": {
                        **SMS,
                        "defaultOutboundConfig": {**SMS["defaultOutboundConfig"], "connectSourcePhoneNumberArn": QUEUE},
                    }
                }
            },
            "is not an ARN of connect:phone-number/",
        ),
        (
            {
                "channelSubtypeConfig": {
                    "whatsApp": {
                        **SMS,
                        "defaultOutboundConfig": {**SMS["defaultOutboundConfig"], "wisdomTemplateArn": KNOWLEDGE_BASE},
                    }
                }
            },
            "is not an ARN of wisdom:message-template/",
        ),
        ({"source": {"customerProfilesSegmentArn": "arn:aws:s3:us-east-1:123456789012:bucket/x"}}, "profile"),
        ({"source": {"eventTrigger": {"customerProfilesDomainArn": TEMPLATE}}}, "profile"),
        ({"schedule": {"startTime": END, "endTime": START}}, "later than schedule.startTime"),
        ({"schedule": {"startTime": START, "endTime": START}}, "later than schedule.startTime"),
        ({"schedule": {**SCHEDULE, "refreshFrequency": "PT0S"}}, "longer than zero"),
        ({"schedule": {**SCHEDULE, "refreshFrequency": "P-1D"}}, "must not be negative"),
        ({"entryLimitsConfig": {"maxEntryCount": 0, "minEntryInterval": "PT-5M"}}, "must not be negative"),
        (
            {"connectCampaignFlowArn": "arn:aws:connect:us-east-1:123456789012:instance/other/contact-flow/f"},
            "is not a flow of Amazon Connect instance",
        ),
        ({"connectCampaignFlowArn": "arn:aws:lambda:us-east-1:123456789012:function:f"}, "ARN of connect"),
        (
            {"communicationTimeConfig": {"localTimeZoneConfig": {"defaultTimeZone": "Mars/Olympus"}}},
            "not an IANA time zone",
        ),
        ({"communicationTimeConfig": {"localTimeZoneConfig": {}}}, "needs a defaultTimeZone"),
        (
            {
                "communicationTimeConfig": {
                    **ONE_TIME,
                    "sms": {"openHours": {"dailyHours": {"MONDAY": [{"startTime": "T25:00", "endTime": "T26:00"}]}}},
                }
            },
            "not a time of day",
        ),
        (
            {
                "communicationTimeConfig": {
                    **ONE_TIME,
                    "sms": {"openHours": {"dailyHours": {"MONDAY": [{"startTime": "T10:00", "endTime": "T09:00"}]}}},
                }
            },
            "must end after it starts",
        ),
        (
            {
                "communicationTimeConfig": {
                    **ONE_TIME,
                    "email": {
                        "openHours": {
                            "dailyHours": {
                                "SUNDAY": [
                                    {"startTime": "T08:00", "endTime": "T12:00"},
                                    {"startTime": "T11:00", "endTime": "T13:00"},
                                ]
                            }
                        }
                    },
                }
            },
            "must not overlap",
        ),
        (
            {
                "communicationTimeConfig": {
                    **ONE_TIME,
                    "whatsApp": {
                        "openHours": {"dailyHours": {}},
                        "restrictedPeriods": {
                            "restrictedPeriodList": [{"startDate": "2030-02-30", "endDate": "2030-03-01"}]
                        },
                    },
                }
            },
            "not a pair of dates",
        ),
        (
            {
                "communicationTimeConfig": {
                    **ONE_TIME,
                    "telephony": {
                        "openHours": {"dailyHours": {}},
                        "restrictedPeriods": {
                            "restrictedPeriodList": [{"startDate": "2030-03-02", "endDate": "2030-03-01"}]
                        },
                    },
                }
            },
            "is before startDate",
        ),
        (
            {
                "communicationLimitsOverride": {
                    "allChannelSubtypes": {
                        "communicationLimitsList": [
                            {"maxCountPerRecipient": 1, "frequency": 1, "unit": "DAY"},
                            {"maxCountPerRecipient": 2, "frequency": 1, "unit": "DAY"},
                        ]
                    }
                }
            },
            "same frequency and unit",
        ),
    ],
)
def test_creation_rules(v2: Any, onboarded: str, settings: dict[str, Any], message: str) -> None:
    with raises("ValidationException", 400, match=message):
        v2.create_campaign(name="refused", connectInstanceId=onboarded, **settings)
    assert v2.list_campaigns()["campaignSummaryList"] == []


def test_model_constraints_are_checked_server_side(moto_connect: Any, onboarded: str) -> None:
    raw = moto_connect.client("connectcampaignsv2", config=RAW)
    with raises("ValidationException", 400, match="regular expression pattern"):
        raw.create_campaign(name="n", connectInstanceId=onboarded, connectCampaignFlowArn="not-an-arn-at-all-really")
    with raises("ValidationException", 400, match="less than or equal to 60"):
        raw.create_campaign(
            name="n",
            connectInstanceId=onboarded,
            channelSubtypeConfig={
                "telephony": {**TELEPHONY, "defaultOutboundConfig": {"connectContactFlowId": "f", "ringTimeout": 61}}
            },
        )
    with raises("ValidationException", 400, match="enum value set"):
        raw.create_campaign(name="n", connectInstanceId=onboarded, type="ADHOC")
    with raises("ValidationException", 400, match="regular expression pattern"):
        raw.create_campaign(
            name="n",
            connectInstanceId=onboarded,
            communicationTimeConfig={
                "localTimeZoneConfig": {},
                "sms": {"openHours": {"dailyHours": {"MONDAY": [{"startTime": "9am", "endTime": "T10:00"}]}}},
            },
        )
    with raises("ValidationException", 400, match="enum value set"):
        raw.delete_campaign_channel_subtype_config(id="c", channelSubtype="FAX")
    assert raw.list_campaigns()["campaignSummaryList"] == []


# -- updates -------------------------------------------------------------------------
@pytest.fixture
def summer(v2: Any, onboarded: str) -> str:
    return str(create_v2(v2, onboarded, source={"eventTrigger": {"customerProfilesDomainArn": DOMAIN}})["id"])


def test_updates_and_deletes(v2: Any, onboarded: str, summer: str) -> None:
    before = described(v2, summer)["lastModifiedTime"]
    v2.update_campaign_name(id=summer, name="autumn")
    v2.update_campaign_schedule(id=summer, schedule=SCHEDULE)
    v2.update_campaign_source(id=summer, source={"customerProfilesSegmentArn": SEGMENT})
    v2.update_campaign_flow_association(id=summer, connectCampaignFlowArn=flow_of(onboarded, "flow-2"))
    v2.update_campaign_communication_limits(id=summer, communicationLimitsOverride=LIMITS)
    v2.update_campaign_communication_time(id=summer, communicationTimeConfig=TIME)
    v2.update_campaign_entry_limits(id=summer, entryLimitsConfig=ENTRY)
    v2.update_campaign_channel_subtype_config(id=summer, channelSubtypeConfig={"sms": SMS})
    campaign = described(v2, summer)
    assert campaign["lastModifiedTime"] >= before
    assert campaign["name"] == "autumn"
    assert campaign["schedule"] == SCHEDULE
    assert campaign["source"] == {"customerProfilesSegmentArn": SEGMENT}
    assert campaign["connectCampaignFlowArn"] == flow_of(onboarded, "flow-2")
    assert campaign["communicationLimitsOverride"] == LIMITS
    assert campaign["communicationTimeConfig"] == TIME
    assert campaign["entryLimitsConfig"] == ENTRY
    # an update of one channel subtype keeps the others
    assert campaign["channelSubtypeConfig"] == {"telephony": TELEPHONY, "sms": SMS}

    v2.delete_campaign_channel_subtype_config(id=summer, channelSubtype="TELEPHONY")
    v2.delete_campaign_channel_subtype_config(id=summer, channelSubtype="TELEPHONY")  # idempotent
    v2.delete_campaign_communication_limits(id=summer, config="ALL_CHANNEL_SUBTYPES")
    v2.delete_campaign_communication_time(id=summer, config="TELEPHONY")
    v2.delete_campaign_entry_limits(id=summer)
    v2.delete_campaign_entry_limits(id=summer)
    campaign = described(v2, summer)
    assert campaign["channelSubtypeConfig"] == {"sms": SMS}
    assert "communicationLimitsOverride" not in campaign
    # with no time window left, the communication time config goes
    assert "communicationTimeConfig" not in campaign
    assert "entryLimitsConfig" not in campaign
    assert v2.list_campaigns()["campaignSummaryList"][0]["channelSubtypes"] == ["SMS"]


def test_deleting_one_time_window_keeps_the_others(v2: Any, summer: str) -> None:
    both = {**TIME, "sms": WINDOW}
    v2.update_campaign_communication_time(id=summer, communicationTimeConfig=both)
    v2.delete_campaign_communication_time(id=summer, config="SMS")
    v2.delete_campaign_communication_time(id=summer, config="EMAIL")
    assert described(v2, summer)["communicationTimeConfig"] == TIME


def test_update_rules(v2: Any, onboarded: str, summer: str) -> None:
    bare = v2.create_campaign(name="bare", connectInstanceId=onboarded)["id"]
    with raises("ValidationException", 400, match="a source cannot be added"):
        v2.update_campaign_source(id=bare, source={"customerProfilesSegmentArn": SEGMENT})
    with raises("ValidationException", 400, match="later than"):
        v2.update_campaign_schedule(id=summer, schedule={"startTime": END, "endTime": START})
    with raises("ValidationException", 400, match="not a flow of"):
        v2.update_campaign_flow_association(id=summer, connectCampaignFlowArn=flow_of("elsewhere"))
    with raises("ValidationException", 400, match="at least one channel subtype"):
        v2.update_campaign_channel_subtype_config(id=summer, channelSubtypeConfig={})
    agentless = {**TELEPHONY, "outboundMode": {"agentless": {}}}
    with raises("ValidationException", 400, match="cannot change to the agentless"):
        v2.update_campaign_channel_subtype_config(id=summer, channelSubtypeConfig={"telephony": agentless})
    with raises("ValidationException", 400, match="same frequency"):
        v2.update_campaign_communication_limits(
            id=summer,
            communicationLimitsOverride={
                "allChannelSubtypes": {
                    "communicationLimitsList": [
                        {"maxCountPerRecipient": 1, "frequency": 2, "unit": "DAY"},
                        {"maxCountPerRecipient": 1, "frequency": 2, "unit": "DAY"},
                    ]
                }
            },
        )
    with raises("ValidationException", 400, match="not an IANA"):
        v2.update_campaign_communication_time(
            id=summer, communicationTimeConfig={"localTimeZoneConfig": {"defaultTimeZone": "Nowhere"}}
        )
    with raises("ValidationException", 400, match="negative"):
        v2.update_campaign_entry_limits(id=summer, entryLimitsConfig={"maxEntryCount": 1, "minEntryInterval": "P-1D"})
    create_v2(v2, onboarded, "taken")
    with raises("ConflictException", 409, match="'taken' already exists"):
        v2.update_campaign_name(id=summer, name="taken")
    campaign = described(v2, summer)
    assert campaign["name"] == "summer"
    assert campaign["channelSubtypeConfig"] == {"telephony": TELEPHONY}
    assert "schedule" not in campaign and "entryLimitsConfig" not in campaign


#: the operations the API Reference allows on Initialized campaigns only
INITIALIZED_ONLY = [
    ("update_campaign_schedule", {"schedule": SCHEDULE}),
    ("update_campaign_source", {"source": {"customerProfilesSegmentArn": SEGMENT}}),
    ("update_campaign_communication_limits", {"communicationLimitsOverride": LIMITS}),
    ("delete_campaign_communication_limits", {"config": "ALL_CHANNEL_SUBTYPES"}),
    ("update_campaign_communication_time", {"communicationTimeConfig": TIME}),
    ("delete_campaign_communication_time", {"config": "SMS"}),
]
UNTIL_FINAL = [
    ("update_campaign_entry_limits", {"entryLimitsConfig": ENTRY}),
    ("delete_campaign_entry_limits", {}),
]
STATE_BOUND = INITIALIZED_ONLY + UNTIL_FINAL


@pytest.mark.parametrize("path", [["start"], ["start", "pause"], ["start", "stop"]])
@pytest.mark.parametrize(("operation", "kw"), INITIALIZED_ONLY)
def test_some_settings_change_only_while_initialized(
    v2: Any, summer: str, operation: str, kw: dict[str, Any], path: list[str]
) -> None:
    getattr(v2, operation)(id=summer, **kw)  # fine while Initialized
    for action in path:
        getattr(v2, f"{action}_campaign")(id=summer)
    state, before = state_of(v2, summer), described(v2, summer)
    with raises("InvalidCampaignStateException", 409, match="only an Initialized campaign") as info:
        getattr(v2, operation)(id=summer, **kw)
    assert info.value.response["state"] == state
    assert described(v2, summer) == before


@pytest.mark.parametrize("path", [["start"], ["start", "pause"], ["start", "stop"]])
def test_channel_subtypes_are_deleted_only_while_initialized(v2: Any, onboarded: str, path: list[str]) -> None:
    """The API Reference: "Only campaigns in the Initialized state are valid for this operation";
    the operation's modeled error for it is ConflictException."""
    campaign_id = create_v2(v2, onboarded, channelSubtypeConfig={"telephony": TELEPHONY, "sms": SMS})["id"]
    for action in path:
        getattr(v2, f"{action}_campaign")(id=campaign_id)
    before = described(v2, campaign_id)
    with raises("ConflictException", 409, match="only an Initialized campaign's channel subtype config"):
        v2.delete_campaign_channel_subtype_config(id=campaign_id, channelSubtype="SMS")
    assert described(v2, campaign_id) == before


@pytest.mark.parametrize(("operation", "kw"), UNTIL_FINAL)
def test_a_stopped_campaigns_settings_are_final(
    v2: Any, onboarded: str, summer: str, operation: str, kw: dict[str, Any]
) -> None:
    getattr(v2, operation)(id=summer, **kw)  # fine while Initialized
    v2.start_campaign(id=summer)
    getattr(v2, operation)(id=summer, **kw)  # and while Running
    v2.stop_campaign(id=summer)
    with raises("InvalidCampaignStateException", 409, match="can no longer change") as info:
        getattr(v2, operation)(id=summer, **kw)
    assert info.value.response["state"] == "Stopped"


def test_a_stopped_campaign_can_be_renamed_and_rechanneled(v2: Any, summer: str) -> None:
    v2.start_campaign(id=summer)
    v2.stop_campaign(id=summer)
    v2.update_campaign_name(id=summer, name="archived")
    v2.update_campaign_channel_subtype_config(id=summer, channelSubtypeConfig={"sms": SMS})
    campaign = described(v2, summer)
    assert (campaign["name"], sorted(campaign["channelSubtypeConfig"])) == ("archived", ["sms", "telephony"])
    assert state_of(v2, summer) == "Stopped"


def test_a_stopped_campaigns_flow_is_final(v2: Any, onboarded: str, summer: str) -> None:
    v2.start_campaign(id=summer)
    v2.stop_campaign(id=summer)
    with raises("InvalidCampaignStateException", 409):
        v2.update_campaign_flow_association(id=summer, connectCampaignFlowArn=flow_of(onboarded))


@pytest.mark.parametrize(
    ("operation", "kw"),
    [
        ("describe_campaign", {}),
        ("delete_campaign", {}),
        ("get_campaign_state", {}),
        ("update_campaign_name", {"name": "x"}),
        ("update_campaign_channel_subtype_config", {"channelSubtypeConfig": {"sms": SMS}}),
        ("delete_campaign_channel_subtype_config", {"channelSubtype": "SMS"}),
        *STATE_BOUND,
        ("update_campaign_flow_association", {"connectCampaignFlowArn": flow_of("i")}),
        ("start_campaign", {}),
        (
            "put_profile_outbound_request_batch",
            {"profileOutboundRequests": [{"clientToken": "t", "profileId": "0123456789abcdef0123456789abcdef"}]},
        ),
    ],
)
def test_unknown_campaign_is_not_found(v2: Any, operation: str, kw: dict[str, Any]) -> None:
    with raises("ResourceNotFoundException", 404, match="Campaign no-such-campaign not found"):
        getattr(v2, operation)(id="no-such-campaign", **kw)


def test_list_pages_and_filters(connect: Any, v2: Any, onboarded: str) -> None:
    other = new_instance(connect, "other")["Id"]
    onboard(v2, other)
    ids = [create_v2(v2, onboarded if n % 2 else other, f"c{n}")["id"] for n in range(7)]
    page = v2.list_campaigns(maxResults=3)
    assert [c["id"] for c in page["campaignSummaryList"]] == ids[:3]
    rest = v2.list_campaigns(maxResults=50, nextToken=page["nextToken"])
    assert [c["id"] for c in rest["campaignSummaryList"]] == ids[3:]
    assert "nextToken" not in rest
    wanted = {"instanceIdFilter": {"value": onboarded, "operator": "Eq"}}
    first = v2.list_campaigns(filters=wanted, maxResults=2)
    second = v2.list_campaigns(filters=wanted, maxResults=2, nextToken=first["nextToken"])
    assert [c["id"] for c in first["campaignSummaryList"] + second["campaignSummaryList"]] == ids[1::2]
    assert "nextToken" not in second
    # deleting a listed campaign between pages skips nothing else
    page = v2.list_campaigns(maxResults=2)
    v2.delete_campaign(id=ids[2])
    rest = v2.list_campaigns(nextToken=page["nextToken"])
    assert [c["id"] for c in rest["campaignSummaryList"]] == ids[3:]


def test_tags(v1: Any, v2: Any, onboarded: str) -> None:
    created = create_v2(v2, onboarded, tags={"a": "1"})
    v2.tag_resource(arn=created["arn"], tags={"b": "2"})
    v2.untag_resource(arn=created["arn"], tagKeys=["a", "missing"])
    assert v2.list_tags_for_resource(arn=created["arn"])["tags"] == {"b": "2"}
    assert v1.list_tags_for_resource(arn=created["arn"])["tags"] == {"b": "2"}
    assert described(v2, created["id"])["tags"] == {"b": "2"}
    with raises("ResourceNotFoundException", 404):
        v2.tag_resource(arn=created["arn"].replace(created["id"], "other"), tags={"x": "y"})
    v2.delete_campaign(id=created["id"])
    with raises("ResourceNotFoundException", 404):
        v2.list_tags_for_resource(arn=created["arn"])
