"""Customer Profiles segments through boto3: definitions checked against the domain, membership,
estimates and snapshots computed from the profiles (snapshots written to moto's S3), subscription
events from membership changes (and on moto's Kinesis), the stream for segments, server mode."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.customerprofiles import segments
from moto_connect_ext.customerprofiles.models import customerprofiles_backends
from moto_connect_ext.customerprofiles.segments import (
    ESTIMATE_MODEL,
    SNAPSHOT_MODEL,
    SUBSCRIPTION_MODEL,
    find_segment,
)
from tests.helpers import raises
from tests.servers import server_client

ROLE = "arn:aws:iam::123456789012:role/segments"


@pytest.fixture
def profiles(moto_connect: Any) -> Any:
    client = moto_connect.client("customer-profiles")
    client.create_domain(DomainName="shop", DefaultExpirationDays=30)
    return client


def _people(profiles: Any) -> dict[str, str]:
    people = {
        "ann": {
            "FirstName": "Ann",
            "EmailAddress": "ann@example.com",
            "BirthDate": "1990-05-01",
            "Address": {"City": "Paris", "Country": "FR"},
            "Attributes": {"tier": "gold", "visits": "12", "tags": '["vip", "new"]'},
        },
        "bob": {
            "FirstName": "Bob",
            "BirthDate": "1985-01-20",
            "Address": {"City": "Lyon", "Country": "FR"},
            "Attributes": {"tier": "silver", "visits": "3"},
        },
        "cat": {"FirstName": "Catherine", "Address": {"City": "Berlin"}, "Attributes": {"visits": "30"}},
    }
    return {k: profiles.create_profile(DomainName="shop", **v)["ProfileId"] for k, v in people.items()}


def _dim(**attributes: Any) -> dict[str, Any]:
    return {"ProfileAttributes": attributes}


def _groups(*groups: dict[str, Any], include: str = "ALL") -> dict[str, Any]:
    return {"Groups": list(groups), "Include": include}


def _members(profiles: Any, segment: str, ids: dict[str, str]) -> list[str]:
    answer = profiles.get_segment_membership(
        DomainName="shop", SegmentDefinitionName=segment, ProfileIds=list(ids.values())
    )
    by_id = {v: k for k, v in ids.items()}
    return sorted(by_id[p["ProfileId"]] for p in answer["Profiles"] if p["QueryResult"] == "PRESENT")


def test_definitions_and_membership_are_computed_from_the_profiles(profiles: Any) -> None:
    ids = _people(profiles)
    french = _groups({"Dimensions": [_dim(Address={"Country": {"DimensionType": "INCLUSIVE", "Values": ["FR"]}})]})
    created = profiles.create_segment_definition(
        DomainName="shop", SegmentDefinitionName="french", DisplayName="French", SegmentGroups=french, Tags={"t": "1"}
    )
    assert (
        created["SegmentDefinitionArn"]
        == "arn:aws:profile:us-east-1:123456789012:domains/shop/segment-definitions/french"
    )
    assert created["Tags"] == {"t": "1"} and "CreatedAt" in created
    got = profiles.get_segment_definition(DomainName="shop", SegmentDefinitionName="french")
    assert got["SegmentGroups"] == french and got["SegmentType"] == "CLASSIC"
    assert _members(profiles, "french", ids) == ["ann", "bob"]

    # built on a source segment, with dimension types of each kind
    cases: dict[str, tuple[dict[str, Any], list[str]]] = {
        "frequent": ({"Attributes": {"visits": {"DimensionType": "GREATER_THAN", "Values": ["10"]}}}, ["ann"]),
        "b": ({"FirstName": {"DimensionType": "BEGINS_WITH", "Values": ["B", "C"]}}, ["bob"]),
        "young": ({"BirthDate": {"DimensionType": "AFTER", "Values": ["1989-12-31"]}}, ["ann"]),
        "between": ({"BirthDate": {"DimensionType": "BETWEEN", "Values": ["01/01/1980", "12/31/1989"]}}, ["bob"]),
        "vip": ({"Attributes": {"tags": {"DimensionType": "LIST_CONTAINS", "Values": ["vip"]}}}, ["ann"]),
        "not-gold": ({"Attributes": {"tier": {"DimensionType": "EXCLUSIVE", "Values": ["gold"]}}}, ["bob"]),
        "named-self": (
            {"FirstName": {"DimensionType": "INCLUSIVE", "Values": ["{{_profile.FirstName}}"]}},
            ["ann", "bob"],
        ),
    }
    for name, (attributes, expected) in cases.items():
        group = {"SourceSegments": [{"SegmentDefinitionName": "french"}], "Dimensions": [_dim(**attributes)]}
        profiles.create_segment_definition(
            DomainName="shop", SegmentDefinitionName=name, DisplayName=name, SegmentGroups=_groups(group)
        )
        assert _members(profiles, name, ids) == expected, name
    # NONE of a source: everyone else; ANY of two groups
    profiles.create_segment_definition(
        DomainName="shop",
        SegmentDefinitionName="abroad",
        DisplayName="abroad",
        SegmentGroups=_groups({"SourceSegments": [{"SegmentDefinitionName": "french"}], "SourceType": "NONE"}),
    )
    assert _members(profiles, "abroad", ids) == ["cat"]
    profiles.create_segment_definition(
        DomainName="shop",
        SegmentDefinitionName="either",
        DisplayName="either",
        SegmentGroups=_groups(
            {"SourceSegments": [{"SegmentDefinitionName": "abroad"}]},
            {"SourceSegments": [{"SegmentDefinitionName": "frequent"}]},
            include="ANY",
        ),
    )
    assert _members(profiles, "either", ids) == ["ann", "cat"]
    # SQL segments: the subset of SQL evaluated
    profiles.create_segment_definition(
        DomainName="shop",
        SegmentDefinitionName="sql",
        DisplayName="sql",
        SegmentSqlQuery="SELECT p.ProfileId FROM _profile p WHERE p.Address.City IN ('Paris', 'Berlin') AND NOT "
        "(Attributes.visits >= 20 OR FirstName LIKE 'B%')",
    )
    assert profiles.get_segment_definition(DomainName="shop", SegmentDefinitionName="sql")["SegmentType"] == "ENHANCED"
    assert _members(profiles, "sql", ids) == ["ann"]

    # membership follows the profiles; unknown profiles are failures
    profiles.update_profile(DomainName="shop", ProfileId=ids["cat"], Address={"Country": "FR"})
    assert _members(profiles, "french", ids) == ["ann", "bob", "cat"]
    answer = profiles.get_segment_membership(
        DomainName="shop", SegmentDefinitionName="french", ProfileIds=[ids["ann"], "0" * 32]
    )
    assert answer["Profiles"][0]["Profile"]["FirstName"] == "Ann"
    assert answer["Failures"] == [
        {"ProfileId": "0" * 32, "Message": f"Profile {'0' * 32} does not exist", "Status": 404}
    ]

    # campaigns find segments by domain and name
    backend = customerprofiles_backends["123456789012"]["us-east-1"]
    assert find_segment(backend, "shop", "french").arn == created["SegmentDefinitionArn"]  # type: ignore[union-attr]
    assert find_segment(backend, "shop", "gone") is None and find_segment(backend, "nowhere", "french") is None

    # bad definitions are refused and change nothing
    bad: list[tuple[dict[str, Any], str, str]] = [
        ({"SegmentGroups": french}, "already exists", "french"),
        ({}, "Exactly one", "x"),
        ({"SegmentGroups": french, "SegmentSqlQuery": "SELECT * FROM p"}, "Exactly one", "x"),
        ({"SegmentGroups": _groups()}, "at least one group", "x"),
        ({"SegmentGroups": _groups({"SourceSegments": [{"SegmentDefinitionName": "gone"}]})}, "does not exist", "x"),
        (
            {
                "SegmentGroups": _groups(
                    {"Dimensions": [{"CalculatedAttributes": {"ltv": {"DimensionType": "EQUAL", "Values": ["1"]}}}]}
                )
            },
            "calculated attribute ltv",
            "x",
        ),
        (
            {
                "SegmentGroups": _groups(
                    {"Dimensions": [_dim(Attributes={"n": {"DimensionType": "BETWEEN", "Values": ["1"]}})]}
                )
            },
            "two values",
            "x",
        ),
        (
            {
                "SegmentGroups": _groups(
                    {"Dimensions": [_dim(Attributes={"n": {"DimensionType": "LESS_THAN", "Values": ["x"]}})]}
                )
            },
            "numbers",
            "x",
        ),
        (
            {"SegmentGroups": _groups({"Dimensions": [_dim(BirthDate={"DimensionType": "ON", "Values": ["soon"]})]})},
            "dates",
            "x",
        ),
        ({"SegmentGroups": _groups({"Dimensions": [{"ProfileAttributes": {}}]})}, "names no condition", "x"),
        ({"SegmentSqlQuery": "SELECT * FROM p WHERE a = 1 ORDER BY a"}, "SegmentSqlQuery", "x"),
    ]
    for request, message, name in bad:
        with raises("BadRequestException", 400, match=message):
            profiles.create_segment_definition(
                DomainName="shop", SegmentDefinitionName=name, DisplayName="d", **request
            )
    with raises("ResourceNotFoundException", 404):
        profiles.get_segment_definition(DomainName="shop", SegmentDefinitionName="x")
    with raises("ResourceNotFoundException", 404):
        profiles.create_segment_definition(
            DomainName="none", SegmentDefinitionName="x", DisplayName="d", SegmentGroups=french
        )

    # a source cannot be deleted while used; listing pages stably
    with raises("BadRequestException", 400, match="source segment of"):
        profiles.delete_segment_definition(DomainName="shop", SegmentDefinitionName="french")
    first = profiles.list_segment_definitions(DomainName="shop", MaxResults=3)
    assert [i["SegmentDefinitionName"] for i in first["Items"]] == ["french", "frequent", "b"]
    assert profiles.delete_segment_definition(DomainName="shop", SegmentDefinitionName="sql")["Message"]
    rest = profiles.list_segment_definitions(DomainName="shop", NextToken=first["NextToken"])
    assert [i["SegmentDefinitionName"] for i in rest["Items"]][-1] == "either" and "NextToken" not in rest


def test_calculated_attribute_conditions_use_the_calculated_values(profiles: Any) -> None:
    profiles.put_profile_object_type(
        DomainName="shop",
        ObjectTypeName="Order",
        Description="orders",
        Fields={
            "email": {"Source": "_source.email", "Target": "_profile.EmailAddress", "ContentType": "EMAIL_ADDRESS"},
            "total": {"Source": "_source.total", "Target": "_profile.Attributes.total", "ContentType": "NUMBER"},
        },
        Keys={"_email": [{"StandardIdentifiers": ["PROFILE", "UNIQUE"], "FieldNames": ["email"]}]},
    )
    profiles.create_calculated_attribute_definition(
        DomainName="shop",
        CalculatedAttributeName="spent",
        DisplayName="spent",
        AttributeDetails={"Attributes": [{"Name": "total"}], "Expression": "{Order.total}"},
        Statistic="SUM",
    )
    ids = {e: profiles.create_profile(DomainName="shop", EmailAddress=f"{e}@x.com")["ProfileId"] for e in ("a", "b")}
    for email, total in (("a", "35"), ("b", "5")):
        profiles.put_profile_object(
            DomainName="shop", ObjectTypeName="Order", Object=json.dumps({"email": f"{email}@x.com", "total": total})
        )
    big = {"spent": {"DimensionType": "GREATER_THAN", "Values": ["30"]}}
    profiles.create_segment_definition(
        DomainName="shop",
        SegmentDefinitionName="big",
        DisplayName="big",
        SegmentGroups=_groups({"Dimensions": [{"CalculatedAttributes": big}]}),
        SegmentSort={"Attributes": [{"Name": "spent", "Type": "CALCULATED", "Order": "DESC"}]},
    )
    assert _members(profiles, "big", ids) == ["a"]
    with raises("BadRequestException", 400, match="calculated attribute gone"):
        profiles.create_segment_estimate(
            DomainName="shop",
            SegmentQuery=_groups({"Dimensions": [{"CalculatedAttributes": {"gone": big["spent"]}}]}),
        )


def test_estimates_and_snapshots_move_through_the_state_manager(moto_connect: Any, profiles: Any) -> None:
    ids = _people(profiles)
    query = _groups({"Dimensions": [_dim(Attributes={"visits": {"DimensionType": "LESS_THAN", "Values": ["20"]}})]})
    state_manager.set_transition(ESTIMATE_MODEL, {"progression": "manual", "times": 1})
    state_manager.set_transition(SNAPSHOT_MODEL, {"progression": "manual", "times": 1})
    try:
        estimate = profiles.create_segment_estimate(DomainName="shop", SegmentQuery=query)
        assert estimate["StatusCode"] == 201 and estimate["DomainName"] == "shop"
        running = profiles.get_segment_estimate(DomainName="shop", EstimateId=estimate["EstimateId"])
        assert running["Status"] == "RUNNING" and "Estimate" not in running
        done = profiles.get_segment_estimate(DomainName="shop", EstimateId=estimate["EstimateId"])
        assert (done["Status"], done["Estimate"], done["StatusCode"]) == ("SUCCEEDED", "2", 200)
        with raises("ResourceNotFoundException", 404):
            profiles.get_segment_estimate(DomainName="shop", EstimateId="nope")
        with raises("BadRequestException", 400, match="Exactly one"):
            profiles.create_segment_estimate(DomainName="shop")

        profiles.create_segment_definition(
            DomainName="shop", SegmentDefinitionName="few", DisplayName="few", SegmentGroups=query
        )
        s3 = moto_connect.client("s3")
        s3.create_bucket(Bucket="exports")
        key = moto_connect.client("kms").create_key()["KeyMetadata"]["Arn"]
        snap = profiles.create_segment_snapshot(
            DomainName="shop",
            SegmentDefinitionName="few",
            DataFormat="JSONL",
            DestinationUri="s3://exports/segments/",
            EncryptionKey=key,
            RoleArn=ROLE,
        )["SnapshotId"]
        get = {"DomainName": "shop", "SegmentDefinitionName": "few", "SnapshotId": snap}
        assert profiles.get_segment_snapshot(**get)["Status"] == "IN_PROGRESS"
        assert "Contents" not in s3.list_objects_v2(Bucket="exports")
        done_snap = profiles.get_segment_snapshot(**get)
        assert (done_snap["Status"], done_snap["DataFormat"], done_snap["EncryptionKey"]) == ("COMPLETED", "JSONL", key)
        body = s3.get_object(Bucket="exports", Key=f"segments/{snap}.jsonl")["Body"].read().decode()
        assert [json.loads(line)["FirstName"] for line in body.splitlines()] == ["Ann", "Bob"]
        assert json.loads(body.splitlines()[0])["ProfileId"] == ids["ann"]

        csv_snap = profiles.create_segment_snapshot(
            DomainName="shop", SegmentDefinitionName="few", DataFormat="CSV", DestinationUri="s3://exports"
        )["SnapshotId"]
        profiles.get_segment_snapshot(**{**get, "SnapshotId": csv_snap})
        assert profiles.get_segment_snapshot(**{**get, "SnapshotId": csv_snap})["Status"] == "COMPLETED"
        lines = s3.get_object(Bucket="exports", Key=f"{csv_snap}.csv")["Body"].read().decode().splitlines()
        assert lines[0].startswith("ProfileId,") and "Address.City" in lines[0] and len(lines) == 3
    finally:
        state_manager.unset_transition(ESTIMATE_MODEL)
        state_manager.unset_transition(SNAPSHOT_MODEL)

    # ORC is not produced: the snapshot fails, saying so
    orc = profiles.create_segment_snapshot(
        DomainName="shop", SegmentDefinitionName="few", DataFormat="ORC", DestinationUri="s3://exports"
    )["SnapshotId"]
    failed = profiles.get_segment_snapshot(**{**get, "SnapshotId": orc})
    assert failed["Status"] == "FAILED" and "ORC" in failed["StatusMessage"]
    for request, message in [
        ({"DataFormat": "CSV"}, "DestinationUri is required"),
        ({"DataFormat": "CSV", "DestinationUri": "https://x"}, "S3 URI"),
        ({"DataFormat": "CSV", "DestinationUri": "s3://missing-bucket"}, "does not exist"),
        ({"DataFormat": "CSV", "DestinationUri": "s3://exports", "EncryptionKey": key[:-4] + "0000"}, "KMS"),
    ]:
        with raises("BadRequestException", 400, match=message):
            profiles.create_segment_snapshot(DomainName="shop", SegmentDefinitionName="few", **request)
    with raises("ResourceNotFoundException", 404):
        profiles.get_segment_snapshot(**{**get, "SnapshotId": "a" * 32})
    with raises("ResourceNotFoundException", 404):
        profiles.create_segment_snapshot(
            DomainName="shop", SegmentDefinitionName="none", DataFormat="CSV", DestinationUri="s3://exports"
        )


def test_a_domain_takes_its_quota_of_snapshots_a_day(moto_connect: Any, profiles: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(segments, "SNAPSHOTS_PER_DAY", 2)
    moto_connect.client("s3").create_bucket(Bucket="exports")
    everyone = _groups({"Dimensions": [_dim(FirstName={"DimensionType": "EXCLUSIVE", "Values": ["Nobody"]})]})
    for name in ("one", "two"):
        profiles.create_segment_definition(
            DomainName="shop", SegmentDefinitionName=name, DisplayName=name, SegmentGroups=everyone
        )

    def snapshot(segment: str) -> str:
        return str(
            profiles.create_segment_snapshot(
                DomainName="shop", SegmentDefinitionName=segment, DataFormat="CSV", DestinationUri="s3://exports"
            )["SnapshotId"]
        )

    snapshot("one")
    profiles.delete_segment_definition(DomainName="shop", SegmentDefinitionName="one")  # its snapshot still counts
    kept = snapshot("two")
    with raises("BadRequestException", 400, match="the most a day allows"):
        snapshot("two")
    assert len(moto_connect.client("s3").list_objects_v2(Bucket="exports")["Contents"]) == 2  # nothing written
    assert profiles.get_segment_snapshot(DomainName="shop", SegmentDefinitionName="two", SnapshotId=kept)["Status"] == (
        "COMPLETED"
    )
    tomorrow = segments.now() + dt.timedelta(days=1)
    monkeypatch.setattr(segments, "now", lambda: tomorrow)
    snapshot("two")


def test_subscriptions_record_membership_events_on_the_stream(moto_connect: Any, profiles: Any) -> None:
    kinesis = moto_connect.client("kinesis")
    kinesis.create_stream(StreamName="members", ShardCount=1)
    stream_arn = kinesis.describe_stream(StreamName="members")["StreamDescription"]["StreamARN"]
    ids = _people(profiles)
    gold = _groups({"Dimensions": [_dim(Attributes={"tier": {"DimensionType": "INCLUSIVE", "Values": ["gold"]}})]})
    profiles.create_segment_definition(
        DomainName="shop", SegmentDefinitionName="gold", DisplayName="g", SegmentGroups=gold
    )
    seg = {"DomainName": "shop", "SegmentDefinitionName": "gold"}

    # a subscription needs the domain's stream; the stream must be a Kinesis stream that exists
    with raises("BadRequestException", 400, match="AssociateStreamForSegments"):
        profiles.put_segment_subscription(**seg)
    for arn, message in [(stream_arn + "x", "does not exist"), ("arn:aws:sqs:us-east-1:123456789012:q", "Kinesis")]:
        with raises("BadRequestException", 400, match=message):
            profiles.associate_stream_for_segments(DomainName="shop", DestinationArn=arn, DestinationRoleArn=ROLE)
    with raises("ResourceNotFoundException", 404):
        profiles.get_stream_for_segments(DomainName="shop")
    profiles.associate_stream_for_segments(DomainName="shop", DestinationArn=stream_arn, DestinationRoleArn=ROLE)
    with raises("BadRequestException", 400, match="already has a stream"):
        profiles.associate_stream_for_segments(DomainName="shop", DestinationArn=stream_arn, DestinationRoleArn=ROLE)

    state_manager.set_transition(SUBSCRIPTION_MODEL, {"progression": "manual", "times": 1})
    try:
        put = profiles.put_segment_subscription(**seg, ScheduleConfiguration={"Interval": 6})
        assert put["Status"] == "STARTING" and put["ScheduleConfiguration"] == {"Interval": 6, "Unit": "HOURLY"}
        assert profiles.get_segment_subscription(**seg)["Status"] == "STARTING"
        got = profiles.get_segment_subscription(**seg)
        assert got["Status"] == "RUNNING"
        executions = got["ScheduledExecutions"]
        assert (executions["NextExecutedAt"] - executions["LastExecutedAt"]).total_seconds() == 6 * 3600
    finally:
        state_manager.unset_transition(SUBSCRIPTION_MODEL)
    assert profiles.list_segment_subscription_events(**seg)["Events"] == []  # the initial members are no event

    profiles.update_profile(DomainName="shop", ProfileId=ids["bob"], Attributes={"tier": "gold"})
    profiles.update_profile(DomainName="shop", ProfileId=ids["ann"], Attributes={"tier": "bronze"})
    events = profiles.list_segment_subscription_events(**seg)["Events"]
    assert [(e["Event"], e["EventType"], e["ProfileId"]) for e in events] == [
        ("LEFT", "LIVE", ids["ann"]),
        ("JOINED", "LIVE", ids["bob"]),
    ]
    profiles.update_profile(DomainName="shop", ProfileId=ids["cat"], Attributes={"tier": "gold"})
    page = profiles.list_segment_subscription_events(**seg, MaxResults=2)
    profiles.delete_profile(DomainName="shop", ProfileId=ids["bob"])
    rest = profiles.list_segment_subscription_events(**seg, NextToken=page["NextToken"])
    assert [e["ProfileId"] for e in page["Events"] + rest["Events"]] == [ids["cat"], ids["ann"], ids["bob"]]
    assert profiles.list_segment_subscription_events(**seg)["Events"][0]["Event"] == "LEFT"  # bob, deleted

    # the events were put on the stream
    shard = kinesis.describe_stream(StreamName="members")["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = kinesis.get_shard_iterator(StreamName="members", ShardId=shard, ShardIteratorType="TRIM_HORIZON")
    records = kinesis.get_records(ShardIterator=iterator["ShardIterator"])["Records"]
    delivered = [json.loads(_decode(r["Data"])) for r in records]
    assert [(d["Event"], d["SegmentDefinitionName"]) for d in delivered] == [
        ("JOINED", "gold"),
        ("LEFT", "gold"),
        ("JOINED", "gold"),
        ("LEFT", "gold"),
    ]

    stream = profiles.get_stream_for_segments(DomainName="shop")
    assert (stream["State"], stream["DestinationArn"], stream["DestinationRoleArn"]) == ("RUNNING", stream_arn, ROLE)
    assert stream["AssociatedSegments"] == [{"SegmentName": "gold", "Status": "RUNNING"}]
    profiles.disassociate_stream_for_segments(DomainName="shop")
    stopped = profiles.get_stream_for_segments(DomainName="shop")
    assert stopped["State"] == "STOPPED" and "DisassociatedAt" in stopped
    assert profiles.get_segment_subscription(**seg)["Status"] == "STOPPED"
    with raises("ResourceNotFoundException", 404):
        profiles.disassociate_stream_for_segments(DomainName="shop")

    assert profiles.delete_segment_subscription(**seg)["Message"]
    for call in (profiles.get_segment_subscription, profiles.delete_segment_subscription):
        with raises("ResourceNotFoundException", 404):
            call(**seg)
    # a new stream, then a deleted one: the stream is UNHEALTHY and the subscription FAILED
    profiles.associate_stream_for_segments(DomainName="shop", DestinationArn=stream_arn, DestinationRoleArn=ROLE)
    profiles.put_segment_subscription(**seg)
    kinesis.delete_stream(StreamName="members")
    unhealthy = profiles.get_stream_for_segments(DomainName="shop")
    assert unhealthy["State"] == "UNHEALTHY" and unhealthy["AssociatedSegments"][0]["Status"] == "FAILED"
    with raises("ResourceNotFoundException", 404):
        profiles.list_segment_subscription_events(DomainName="shop", SegmentDefinitionName="none")


def _decode(data: Any) -> str:
    raw = data if isinstance(data, bytes) else data.encode()
    try:
        return base64.b64decode(raw, validate=True).decode()
    except ValueError:
        return raw.decode()


def test_server_mode(server: str) -> None:
    profiles = server_client(server, "customer-profiles", "eu-west-2")
    profiles.create_domain(DomainName="segments", DefaultExpirationDays=7)
    profiles.create_profile(DomainName="segments", FirstName="Ann")
    profiles.create_segment_definition(
        DomainName="segments",
        SegmentDefinitionName="anns",
        DisplayName="Anns",
        SegmentGroups=_groups({"Dimensions": [_dim(FirstName={"DimensionType": "INCLUSIVE", "Values": ["Ann"]})]}),
    )
    estimate = profiles.create_segment_estimate(
        DomainName="segments", SegmentSqlQuery="SELECT * FROM p WHERE FirstName = 'Ann'"
    )
    assert profiles.get_segment_estimate(DomainName="segments", EstimateId=estimate["EstimateId"])["Estimate"] == "1"
    with raises("BadRequestException", 400):
        profiles.create_segment_definition(
            DomainName="segments", SegmentDefinitionName="anns", DisplayName="again", SegmentSqlQuery="SELECT * FROM p"
        )
