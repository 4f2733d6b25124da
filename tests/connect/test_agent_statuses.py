"""Agent statuses through boto3: custom statuses, their state and order, the type filter, search."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connect.agent_statuses import AGENT_STATUS, STATUSES_PER_INSTANCE, seed_defaults
from moto_connect_ext.core.caller import Caller
from tests.helpers import new_instance, raises
from tests.servers import server_client

ACCOUNT = "123456789012"


def new_status(connect: Any, iid: str, name: str, state: str = "ENABLED", **kw: Any) -> dict[str, Any]:
    return dict(connect.create_agent_status(InstanceId=iid, Name=name, State=state, **kw))


def describe(connect: Any, iid: str, sid: str) -> dict[str, Any]:
    return connect.describe_agent_status(InstanceId=iid, AgentStatusId=sid)["AgentStatus"]  # type: ignore[no-any-return]


def listed(connect: Any, iid: str, **kw: Any) -> list[dict[str, Any]]:
    pages = connect.get_paginator("list_agent_statuses").paginate(InstanceId=iid, **kw)
    return [s for page in pages for s in page["AgentStatusSummaryList"]]


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return instance["Id"]  # type: ignore[no-any-return]


def test_create_describe_and_list(connect: Any, iid: str) -> None:
    before = listed(connect, iid)
    created = new_status(connect, iid, "Lunch", Description="Out for lunch", DisplayOrder=3, Tags={"k": "v"})
    sid = created["AgentStatusId"]
    assert created["AgentStatusARN"] == f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/agent-state/{sid}"
    status = describe(connect, iid, sid)
    assert status["LastModifiedTime"].tzinfo is not None
    assert status == {
        "AgentStatusARN": created["AgentStatusARN"],
        "AgentStatusId": sid,
        "Name": "Lunch",
        "Description": "Out for lunch",
        "Type": "CUSTOM",
        "DisplayOrder": 3,
        "State": "ENABLED",
        "Tags": {"k": "v"},
        "LastModifiedTime": status["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    }
    assert listed(connect, iid) == [
        *before,
        {
            "Id": sid,
            "Arn": created["AgentStatusARN"],
            "Name": "Lunch",
            "Type": "CUSTOM",
            "LastModifiedTime": status["LastModifiedTime"],
            "LastModifiedRegion": "us-east-1",
        },
    ]
    assert connect.list_tags_for_resource(resourceArn=created["AgentStatusARN"])["tags"] == {"k": "v"}
    bare = describe(connect, iid, new_status(connect, iid, "Training", "DISABLED")["AgentStatusId"])
    assert "Description" not in bare and "DisplayOrder" not in bare and bare["State"] == "DISABLED"


def test_update(connect: Any, iid: str) -> None:
    sid = new_status(connect, iid, "Lunch", Description="Out", DisplayOrder=2)["AgentStatusId"]
    connect.update_agent_status(
        InstanceId=iid, AgentStatusId=sid, Name="Break", Description="Short break", State="DISABLED", DisplayOrder=7
    )
    status = describe(connect, iid, sid)
    assert {k: status[k] for k in ("Name", "Description", "State", "DisplayOrder", "Type")} == {
        "Name": "Break",
        "Description": "Short break",
        "State": "DISABLED",
        "DisplayOrder": 7,
        "Type": "CUSTOM",
    }
    # an empty description clears it; ResetOrderNumber clears the display order
    connect.update_agent_status(InstanceId=iid, AgentStatusId=sid, Description="", ResetOrderNumber=True)
    status = describe(connect, iid, sid)
    assert "Description" not in status and "DisplayOrder" not in status and status["Name"] == "Break"
    with raises("InvalidParameterException", 400, match="ResetOrderNumber"):
        connect.update_agent_status(InstanceId=iid, AgentStatusId=sid, DisplayOrder=1, ResetOrderNumber=True)
    assert "DisplayOrder" not in describe(connect, iid, sid)
    connect.update_agent_status(InstanceId=iid, AgentStatusId=sid, State="ENABLED")
    assert describe(connect, iid, sid)["State"] == "ENABLED"


def test_names_are_unique(connect: Any, iid: str) -> None:
    new_status(connect, iid, "Lunch")
    other = new_status(connect, iid, "Break")["AgentStatusId"]
    with raises("DuplicateResourceException", 409):
        new_status(connect, iid, "Lunch")
    with raises("DuplicateResourceException", 409):
        connect.update_agent_status(InstanceId=iid, AgentStatusId=other, Name="Lunch", State="DISABLED")
    status = describe(connect, iid, other)
    assert (status["Name"], status["State"]) == ("Break", "ENABLED")
    assert [s["Name"] for s in listed(connect, iid)].count("Lunch") == 1


def test_unknown_instance_or_status(connect: Any, iid: str) -> None:
    with raises("ResourceNotFoundException", 404):
        new_status(connect, "missing", "Lunch")
    with raises("ResourceNotFoundException", 404):
        describe(connect, iid, "nope")
    with raises("ResourceNotFoundException", 404):
        connect.update_agent_status(InstanceId=iid, AgentStatusId="nope", Name="x")
    # statuses cannot be deleted: the API has no such operation
    assert not hasattr(connect, "delete_agent_status")


@pytest.mark.parametrize("kind", ["ROUTABLE", "OFFLINE"])
def test_only_custom_statuses_can_be_disabled(moto_connect: Any, connect: Any, iid: str, kind: str) -> None:
    backend = moto_connect.backend("connect")
    status = backend.resources.create(
        AGENT_STATUS,
        backend.instance(iid),
        {"Name": f"Built-in {kind}", "Type": kind, "State": "ENABLED"},
        Caller(ACCOUNT, "us-east-1", "aws"),
    )
    with raises("InvalidRequestException", 400, match=f"type {kind} cannot be disabled"):
        connect.update_agent_status(InstanceId=iid, AgentStatusId=status.id, State="DISABLED")
    connect.update_agent_status(InstanceId=iid, AgentStatusId=status.id, Name=f"Renamed {kind}")
    assert describe(connect, iid, status.id)["State"] == "ENABLED"
    ids = [s["Id"] for s in listed(connect, iid, AgentStatusTypes=[kind])]
    assert status.id in ids and all(s["Type"] == kind for s in listed(connect, iid, AgentStatusTypes=[kind]))


def test_type_filter_and_limit(connect: Any, iid: str) -> None:
    existing = listed(connect, iid)
    made = [new_status(connect, iid, f"s{i}")["AgentStatusId"] for i in range(STATUSES_PER_INSTANCE - len(existing))]
    with raises("LimitExceededException", 429, match="at most 50"):
        new_status(connect, iid, "one too many")
    custom = [s["Id"] for s in listed(connect, iid, AgentStatusTypes=["CUSTOM"])]
    assert custom == [s["Id"] for s in existing if s["Type"] == "CUSTOM"] + made
    others = listed(connect, iid, AgentStatusTypes=["ROUTABLE", "OFFLINE"])
    assert not {s["Id"] for s in others} & set(made)


def test_list_pages_stably(connect: Any, iid: str) -> None:
    before = [s["Name"] for s in listed(connect, iid)]
    for name in ("a", "b", "c"):
        new_status(connect, iid, name)
    page = connect.list_agent_statuses(InstanceId=iid, MaxResults=len(before) + 1)
    seen = [s["Name"] for s in page["AgentStatusSummaryList"]]
    new_status(connect, iid, "d")
    while page.get("NextToken"):
        page = connect.list_agent_statuses(InstanceId=iid, MaxResults=1, NextToken=page["NextToken"])
        seen += [s["Name"] for s in page["AgentStatusSummaryList"]]
    assert seen == [*before, "a", "b", "c", "d"]


# -- search -----------------------------------------------------------------------------
@pytest.fixture
def searched(connect: Any, iid: str) -> dict[str, str]:
    made = [
        new_status(connect, iid, "Lunch", Description="meal break", DisplayOrder=4, Tags={"team": "a"}),
        new_status(connect, iid, "Training", "DISABLED", Description="classroom", DisplayOrder=12, Tags={"team": "b"}),
        new_status(connect, iid, "Tea break", Tags={"team": "a", "shift": "late"}),
    ]
    return {name: s["AgentStatusId"] for name, s in zip(("Lunch", "Training", "Tea break"), made, strict=True)}


def search(connect: Any, iid: str, **kw: Any) -> list[str]:
    pages = connect.get_paginator("search_agent_statuses").paginate(InstanceId=iid, **kw)
    return sorted(s["Name"] for page in pages for s in page["AgentStatuses"])


def condition(field: str, value: str, kind: str = "EXACT") -> dict[str, Any]:
    return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": kind}}


CUSTOM = condition("type", "CUSTOM")


#: search criteria and the statuses they find among the ``searched`` ones
SEARCHES: list[tuple[dict[str, Any], list[str]]] = [
    (condition("name", "Lunch"), ["Lunch"]),
    (condition("name", "t", "STARTS_WITH"), ["Tea break", "Training"]),
    (condition("description", "BREAK", "CONTAINS"), ["Lunch"]),
    (condition("state", "DISABLED"), ["Training"]),
    (condition("displayOrder", "12"), ["Training"]),
    ({"AndConditions": [CUSTOM, condition("displayOrder", "1", "STARTS_WITH")]}, ["Training"]),
    ({"AndConditions": [CUSTOM, condition("state", "ENABLED")]}, ["Lunch", "Tea break"]),
    ({"OrConditions": [condition("name", "Lunch"), condition("state", "DISABLED")]}, ["Lunch", "Training"]),
]
#: attribute filters and the statuses they find among the ``searched`` ones
ATTRIBUTE_FILTERS: list[tuple[dict[str, Any], list[str]]] = [
    ({"TagCondition": {"TagKey": "team", "TagValue": "a"}}, ["Lunch", "Tea break"]),
    (
        {"AndCondition": {"TagConditions": [{"TagKey": "team", "TagValue": "a"}, {"TagKey": "shift"}]}},
        ["Tea break"],
    ),
    (
        {
            "OrConditions": [
                {"TagConditions": [{"TagKey": "team", "TagValue": "b"}]},
                {"TagConditions": [{"TagKey": "shift"}]},
            ]
        },
        ["Tea break", "Training"],
    ),
]


def test_search(connect: Any, iid: str, searched: dict[str, str]) -> None:
    for criteria, expected in SEARCHES:
        assert search(connect, iid, SearchCriteria=criteria) == expected, criteria
    for attribute_filter, expected in ATTRIBUTE_FILTERS:
        assert search(connect, iid, SearchFilter={"AttributeFilter": attribute_filter}) == expected, attribute_filter


def test_search_results_count_and_errors(connect: Any, iid: str, searched: dict[str, str]) -> None:
    assert search(connect, iid, SearchCriteria=condition("resourceID", searched["Lunch"])) == ["Lunch"]
    first = connect.search_agent_statuses(InstanceId=iid, SearchCriteria=CUSTOM, MaxResults=1)
    assert first["ApproximateTotalCount"] == 3 and first["NextToken"]
    assert first["AgentStatuses"][0] == describe(connect, iid, searched["Lunch"])
    with raises("InvalidParameterException", 400, match="displayOrder"):
        connect.search_agent_statuses(InstanceId=iid, SearchCriteria=condition("queueId", "x"))


def test_agent_statuses_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    iid = new_instance(connect, "served")["Id"]
    created = new_status(connect, iid, "Lunch", DisplayOrder=2)
    assert created["AgentStatusARN"].startswith("arn:aws:connect:eu-west-2:")
    assert describe(connect, iid, created["AgentStatusId"])["DisplayOrder"] == 2
    with raises("DuplicateResourceException", 409):
        new_status(connect, iid, "Lunch")


def test_the_statuses_an_instance_comes_with(moto_connect: Any, connect: Any, iid: str) -> None:
    if not any(s["Name"] == "Available" for s in listed(connect, iid)):
        backend = moto_connect.backend("connect")
        seed_defaults(backend.resources, backend.instance(iid), Caller(ACCOUNT, "us-east-1", "aws"))
    found = {s["Name"]: s for s in listed(connect, iid, AgentStatusTypes=["ROUTABLE", "OFFLINE"])}
    assert {name: s["Type"] for name, s in found.items()} == {"Available": "ROUTABLE", "Offline": "OFFLINE"}
    available = describe(connect, iid, found["Available"]["Id"])
    assert (available["State"], available["DisplayOrder"]) == ("ENABLED", 1)
    assert available["AgentStatusARN"].endswith(f"/agent-state/{available['AgentStatusId']}")
