"""SearchResourceTags through boto3: the distinct tags of an instance's resources, and server mode."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connect import resource_tags
from tests.helpers import new_instance, raises
from tests.servers import server_client

HOURS = [{"Day": "MONDAY", "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}}]


def _tags(connect: Any, iid: str, **kw: Any) -> list[tuple[str, str]]:
    return [(t["key"], t["value"]) for t in connect.search_resource_tags(InstanceId=iid, **kw)["Tags"]]


def _condition(**condition: str) -> dict[str, Any]:
    return {"SearchCriteria": {"TagSearchCondition": condition}}


def test_search_resource_tags(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    hours = connect.create_hours_of_operation(
        InstanceId=iid, Name="Office", TimeZone="UTC", Config=HOURS, Tags={"Team": "Sales", "site": "Lyon"}
    )["HoursOfOperationId"]
    connect.create_queue(InstanceId=iid, Name="Sales", HoursOfOperationId=hours, Tags={"Team": "Sales", "tier": "1"})
    profiles = connect.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"]
    agent_profile = next(p for p in profiles if p["Name"] == "Agent")
    connect.tag_resource(resourceArn=agent_profile["Arn"], tags={"Team": "Support"})
    routing = connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]
    user = connect.create_user(
        InstanceId=iid,
        Username="ada",
        Password="Passw0rd-Passw0rd",
        IdentityInfo={"FirstName": "Ada", "LastName": "Lovelace"},
        PhoneConfig={"PhoneType": "SOFT_PHONE"},
        SecurityProfileIds=[agent_profile["Id"]],
        RoutingProfileId=routing["Id"],
        Tags={"role": "Agent"},
    )
    # the user's agent queue is not a standard queue: its tags are not searched as one
    connect.tag_resource(resourceArn=f"{instance['Arn']}/queue/{user['UserId']}", tags={"agent-queue": "yes"})
    # tags of other things: the instance, a vocabulary (no searchable type), another instance
    connect.tag_resource(resourceArn=instance["Arn"], tags={"instance": "yes"})
    connect.create_vocabulary(
        InstanceId=iid, VocabularyName="v", LanguageCode="en-US", Content="Phrase\nword\n", Tags={"vocab": "yes"}
    )
    other = new_instance(connect, "other")["Id"]
    connect.create_hours_of_operation(InstanceId=other, Name="Other", TimeZone="UTC", Config=HOURS, Tags={"x": "y"})

    everything = [("role", "Agent"), ("Team", "Sales"), ("tier", "1"), ("Team", "Support"), ("site", "Lyon")]
    assert _tags(connect, iid) == everything
    assert _tags(connect, instance["Arn"], ResourceTypes=[]) == everything
    assert _tags(connect, iid, ResourceTypes=["operating-hours", "metric"]) == [("Team", "Sales"), ("site", "Lyon")]
    assert _tags(connect, iid, ResourceTypes=["standard-queue", "agent"]) == [
        ("role", "Agent"),
        ("Team", "Sales"),
        ("tier", "1"),
    ]
    assert _tags(connect, iid, **_condition(tagKey="team")) == []
    assert _tags(connect, iid, **_condition(tagKey="team", tagKeyComparisonType="EXACT")) == []
    by_key = _condition(tagKey="tea", tagKeyComparisonType="STARTS_WITH")
    assert _tags(connect, iid, **by_key) == [("Team", "Sales"), ("Team", "Support")]
    both = _condition(tagKey="Team", tagValue="PORT", tagValueComparisonType="CONTAINS")
    assert _tags(connect, iid, **both) == [("Team", "Support")]
    assert _tags(connect, iid, **_condition(tagValue="Agent")) == [("role", "Agent")]
    assert _tags(connect, other) == [("x", "y")]

    first = connect.search_resource_tags(InstanceId=iid, MaxResults=2)
    rest = connect.search_resource_tags(InstanceId=iid, NextToken=first["NextToken"])
    assert [(t["key"], t["value"]) for t in first["Tags"] + rest["Tags"]] == everything and "NextToken" not in rest

    with raises("InvalidParameterException", 400, match="'Agent'"):
        connect.search_resource_tags(InstanceId=iid, ResourceTypes=["Agent"])
    with raises("InvalidParameterException", 400, match="without tagValue"):
        connect.search_resource_tags(InstanceId=iid, **_condition(tagValueComparisonType="EXACT"))
    with raises("ResourceNotFoundException", 404):
        connect.search_resource_tags(InstanceId="0" * 8 + "-0000-0000-0000-" + "0" * 12)


def test_too_many_tags(connect: Any, instance: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resource_tags, "MAX_TAGS", 2)
    iid = instance["Id"]
    connect.create_hours_of_operation(
        InstanceId=iid, Name="Office", TimeZone="UTC", Config=HOURS, Tags={"a": "1", "b": "2", "c": "3"}
    )
    with raises("MaximumResultReturnedException", match="More than 2 tags"):
        connect.search_resource_tags(InstanceId=iid)
    assert _tags(connect, iid, **_condition(tagKey="a")) == [("a", "1")]


def test_resource_tags_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    iid = new_instance(connect, "served")["Id"]
    connect.create_hours_of_operation(InstanceId=iid, Name="Office", TimeZone="UTC", Config=HOURS, Tags={"k": "v"})
    assert _tags(connect, iid, ResourceTypes=["operating-hours"]) == [("k", "v")]
