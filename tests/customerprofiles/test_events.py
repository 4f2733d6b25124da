"""Event streams and event triggers through boto3: the Kinesis stream checked in moto's Kinesis
(and the destination's health followed on every read), names unique per domain, tags, paging,
the trigger's references (object type and its fields, segment definition), conditions and
limits, the integration that blocks a trigger's delete, and the service in server mode."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.customerprofiles import events
from tests.helpers import new_instance, raises
from tests.servers import server_client

ARN = "arn:aws:profile:us-east-1:123456789012:domains/shop"
CONDITIONS = [
    {
        "EventTriggerDimensions": [
            {
                "ObjectAttributes": [
                    {"FieldName": "total", "ComparisonOperator": "GREATER_THAN", "Values": ["100"]},
                    {"Source": "{{order.channel}}", "ComparisonOperator": "INCLUSIVE", "Values": ["web", "app"]},
                ]
            }
        ],
        "LogicalOperator": "ALL",
    }
]
LIMITS = {
    "EventExpiration": 60000,
    "Periods": [
        {"Unit": "DAYS", "Value": 1, "MaxInvocationsPerProfile": 2},
        {"Unit": "WEEKS", "Value": 1, "Unlimited": True},
    ],
}


@pytest.fixture
def profiles(moto_connect: Any) -> Any:
    client = moto_connect.client("customer-profiles")
    client.create_domain(DomainName="shop", DefaultExpirationDays=30)
    return client


def _stream(moto_connect: Any, name: str, region: str = "us-east-1") -> str:
    kinesis = moto_connect.client("kinesis", region_name=region)
    kinesis.create_stream(StreamName=name, ShardCount=1)
    return str(kinesis.describe_stream(StreamName=name)["StreamDescription"]["StreamARN"])


def test_event_streams_follow_their_kinesis_stream(moto_connect: Any, profiles: Any) -> None:
    uri = _stream(moto_connect, "events")
    created = profiles.create_event_stream(DomainName="shop", EventStreamName="all", Uri=uri, Tags={"team": "crm"})
    assert created == {"EventStreamArn": f"{ARN}/event-streams/all", "Tags": {"team": "crm"}, **_meta(created)}
    got = profiles.get_event_stream(DomainName="shop", EventStreamName="all")
    assert (got["DomainName"], got["State"], got["DestinationDetails"]) == (
        "shop",
        "RUNNING",
        {"Uri": uri, "Status": "HEALTHY"},
    )
    assert "StoppedSince" not in got and got["Tags"] == {"team": "crm"}
    listed = profiles.list_event_streams(DomainName="shop")["Items"]
    assert [s["EventStreamName"] for s in listed] == ["all"]
    assert listed[0]["DestinationSummary"] == {"Uri": uri, "Status": "HEALTHY"}
    profiles.tag_resource(resourceArn=created["EventStreamArn"], tags={"env": "test"})
    assert profiles.list_tags_for_resource(resourceArn=created["EventStreamArn"])["tags"] == {
        "team": "crm",
        "env": "test",
    }

    # the Kinesis stream goes: the destination is unhealthy and the stream stopped, until it is back
    moto_connect.client("kinesis").delete_stream(StreamName="events")
    stopped = profiles.get_event_stream(DomainName="shop", EventStreamName="all")
    assert (stopped["State"], stopped["DestinationDetails"]["Status"]) == ("STOPPED", "UNHEALTHY")
    assert stopped["StoppedSince"] == stopped["DestinationDetails"]["UnhealthySince"]
    assert "does not exist" in stopped["DestinationDetails"]["Message"]
    again = profiles.get_event_stream(DomainName="shop", EventStreamName="all")
    assert again["StoppedSince"] == stopped["StoppedSince"]
    _stream(moto_connect, "events")
    assert profiles.get_event_stream(DomainName="shop", EventStreamName="all")["State"] == "RUNNING"

    # bad input is refused and changes nothing
    elsewhere = _stream(moto_connect, "far", region="eu-west-1")
    cases = [
        ({"EventStreamName": "all", "Uri": uri}, "already exists"),
        ({"EventStreamName": "x", "Uri": uri}, "most event streams a domain can have (1)"),
    ]
    for request, message in cases:
        with raises("BadRequestException", 400, match=message):
            profiles.create_event_stream(DomainName="shop", **request)
    profiles.create_domain(DomainName="other", DefaultExpirationDays=30)
    for request, message in [
        ({"EventStreamName": "x", "Uri": "arn:aws:sqs:us-east-1:123456789012:q"}, "Kinesis data stream ARN"),
        ({"EventStreamName": "x", "Uri": uri + "-gone"}, "does not exist"),
        ({"EventStreamName": "x", "Uri": elsewhere}, "account and Region"),
    ]:
        with raises("BadRequestException", 400, match=message):
            profiles.create_event_stream(DomainName="other", **request)
    with raises("ResourceNotFoundException", 404):
        profiles.create_event_stream(DomainName="nowhere", EventStreamName="x", Uri=uri)
    assert [s["EventStreamName"] for s in profiles.list_event_streams(DomainName="shop")["Items"]] == ["all"]
    assert profiles.list_event_streams(DomainName="other")["Items"] == []

    profiles.delete_event_stream(DomainName="shop", EventStreamName="all")
    for call in (
        lambda: profiles.get_event_stream(DomainName="shop", EventStreamName="all"),
        lambda: profiles.delete_event_stream(DomainName="shop", EventStreamName="all"),
        lambda: profiles.list_tags_for_resource(resourceArn=created["EventStreamArn"]),
    ):
        with raises("ResourceNotFoundException", 404):
            call()
    profiles.create_event_stream(DomainName="shop", EventStreamName="next", Uri=uri)  # its place is free again


def _meta(answer: dict[str, Any]) -> dict[str, Any]:
    return {"ResponseMetadata": answer["ResponseMetadata"]}


def _object_type(profiles: Any, name: str = "orders") -> None:
    profiles.put_profile_object_type(
        DomainName="shop",
        ObjectTypeName=name,
        Description=name,
        Fields={
            "id": {"Source": "_source.id", "Target": "_profile.AccountNumber", "ContentType": "STRING"},
            "total": {"Source": "_source.total", "Target": "_profile.Attributes.total", "ContentType": "NUMBER"},
        },
        Keys={"id": [{"StandardIdentifiers": ["PROFILE", "UNIQUE"], "FieldNames": ["id"]}]},
    )


def test_event_triggers_check_what_they_name(moto_connect: Any, profiles: Any) -> None:
    _object_type(profiles)
    profiles.create_segment_definition(
        DomainName="shop",
        SegmentDefinitionName="big",
        DisplayName="Big spenders",
        SegmentGroups={
            "Groups": [
                {"Dimensions": [{"ProfileAttributes": {"FirstName": {"DimensionType": "INCLUSIVE", "Values": ["A"]}}}]}
            ]
        },
    )
    created = profiles.create_event_trigger(
        DomainName="shop",
        EventTriggerName="big-order",
        ObjectTypeName="orders",
        Description="orders over 100",
        EventTriggerConditions=CONDITIONS,
        SegmentFilter="big",
        EventTriggerLimits=LIMITS,
        Tags={"team": "crm"},
    )
    assert (created["EventTriggerName"], created["SegmentFilter"], created["Tags"]) == (
        "big-order",
        "big",
        {"team": "crm"},
    )
    assert created["EventTriggerConditions"] == CONDITIONS and created["EventTriggerLimits"] == LIMITS
    assert created["CreatedAt"] == created["LastUpdatedAt"]
    got = profiles.get_event_trigger(DomainName="shop", EventTriggerName="big-order")
    assert {k: v for k, v in got.items() if k != "ResponseMetadata"} == {
        k: v for k, v in created.items() if k != "ResponseMetadata"
    }
    updated = profiles.update_event_trigger(DomainName="shop", EventTriggerName="big-order", Description="big ones")
    assert updated["Description"] == "big ones" and updated["LastUpdatedAt"] > updated["CreatedAt"]
    assert updated["EventTriggerConditions"] == CONDITIONS
    [item] = profiles.list_event_triggers(DomainName="shop")["Items"]
    assert (item["EventTriggerName"], item["ObjectTypeName"], item["Description"]) == (
        "big-order",
        "orders",
        "big ones",
    )
    arn = f"{ARN}/event-triggers/big-order"
    assert profiles.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "crm"}

    def attribute(**changes: Any) -> list[dict[str, Any]]:
        base = {"FieldName": "total", "ComparisonOperator": "EQUAL", "Values": ["1"]}
        return [{"EventTriggerDimensions": [{"ObjectAttributes": [{**base, **changes}]}], "LogicalOperator": "ANY"}]

    def period(**changes: Any) -> dict[str, Any]:
        return {"Periods": [{"Unit": "DAYS", "Value": 1, **changes}]}

    bad: list[tuple[dict[str, Any], str]] = [
        ({"ObjectTypeName": "missing"}, "Object type missing does not exist"),
        ({"SegmentFilter": "missing"}, "Segment definition missing does not exist"),
        ({"EventTriggerConditions": attribute(FieldName="nope")}, "not a field"),
        ({"EventTriggerConditions": attribute(Source="{{x}}")}, "not both"),
        ({"EventTriggerConditions": attribute(FieldName=None, Source=None)}, "either a Source or a FieldName"),
        ({"EventTriggerConditions": attribute(Values=["1", "2"])}, "exactly one value"),
        ({"EventTriggerConditions": attribute(ComparisonOperator="LESS_THAN", Values=["lots"])}, "numbers"),
        ({"EventTriggerConditions": attribute(ComparisonOperator="BEFORE", Values=["soon"])}, "ISO 8601"),
        ({"EventTriggerConditions": attribute(ComparisonOperator="BETWEEN", Values=["5"])}, "two values"),
        ({"EventTriggerConditions": attribute(ComparisonOperator="BETWEEN", Values=["9", "5"])}, "starts after"),
        ({"EventTriggerLimits": period()}, "MaxInvocationsPerProfile unless"),
        ({"EventTriggerLimits": period(Unlimited=True, MaxInvocationsPerProfile=3)}, "not both"),
        ({"EventTriggerLimits": {"EventExpiration": 0}}, "positive"),
        ({"EventTriggerLimits": {"Periods": period(Unlimited=True)["Periods"] * 2}}, "each Unit only once"),
    ]
    for changes, message in bad:
        clean = {k: v for k, v in changes.items()}
        if "EventTriggerConditions" in clean:
            for c in clean["EventTriggerConditions"]:
                for d in c["EventTriggerDimensions"]:
                    d["ObjectAttributes"] = [
                        {k: v for k, v in a.items() if v is not None} for a in d["ObjectAttributes"]
                    ]
        with raises("BadRequestException", 400, match=message):
            profiles.update_event_trigger(DomainName="shop", EventTriggerName="big-order", **clean)
        request = {"ObjectTypeName": "orders", "EventTriggerConditions": CONDITIONS, **clean}
        with raises("BadRequestException", 400, match=message):
            profiles.create_event_trigger(DomainName="shop", EventTriggerName="other", **request)
    with raises("BadRequestException", 400, match="already exists"):
        profiles.create_event_trigger(
            DomainName="shop", EventTriggerName="big-order", ObjectTypeName="orders", EventTriggerConditions=CONDITIONS
        )
    assert profiles.get_event_trigger(DomainName="shop", EventTriggerName="big-order")["Description"] == "big ones"
    assert len(profiles.list_event_triggers(DomainName="shop")["Items"]) == 1

    # an integration that names the trigger blocks its delete
    instance = new_instance(moto_connect.client("connect"))["Arn"]
    profiles.put_integration(DomainName="shop", Uri=instance, EventTriggerNames=["big-order"])
    with raises("BadRequestException", 400, match="used by integration"):
        profiles.delete_event_trigger(DomainName="shop", EventTriggerName="big-order")
    profiles.delete_integration(DomainName="shop", Uri=instance)
    deleted = profiles.delete_event_trigger(DomainName="shop", EventTriggerName="big-order")
    assert deleted["Message"] == "Event trigger big-order was deleted."
    for call in (
        lambda: profiles.get_event_trigger(DomainName="shop", EventTriggerName="big-order"),
        lambda: profiles.update_event_trigger(DomainName="shop", EventTriggerName="big-order", Description="x"),
        lambda: profiles.delete_event_trigger(DomainName="shop", EventTriggerName="big-order"),
        lambda: profiles.list_tags_for_resource(resourceArn=arn),
    ):
        with raises("ResourceNotFoundException", 404):
            call()


def test_a_domain_takes_at_most_its_quota_of_event_triggers(profiles: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(events, "EVENT_TRIGGERS_PER_DOMAIN", 2)
    _object_type(profiles)
    request = {"DomainName": "shop", "ObjectTypeName": "orders", "EventTriggerConditions": CONDITIONS}
    for name in ("one", "two"):
        profiles.create_event_trigger(EventTriggerName=name, **request)
    with raises("BadRequestException", 400, match="at most 2 event triggers"):
        profiles.create_event_trigger(EventTriggerName="three", **request)
    assert [t["EventTriggerName"] for t in profiles.list_event_triggers(DomainName="shop")["Items"]] == ["one", "two"]
    profiles.update_event_trigger(DomainName="shop", EventTriggerName="two", Description="still two")
    profiles.delete_event_trigger(DomainName="shop", EventTriggerName="one")
    profiles.create_event_trigger(EventTriggerName="three", **request)


def test_server_mode(server: str) -> None:
    profiles = server_client(server, "customer-profiles", "eu-west-2")
    profiles.create_domain(DomainName="streamed", DefaultExpirationDays=7)
    with raises("BadRequestException", 400, match="does not exist"):
        profiles.create_event_stream(
            DomainName="streamed", EventStreamName="s", Uri="arn:aws:kinesis:eu-west-2:123456789012:stream/none"
        )
    assert profiles.list_event_triggers(DomainName="streamed")["Items"] == []
