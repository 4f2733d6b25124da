"""Routing profiles through boto3: queues, channels, queue configs, search; the rules as pure functions."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connect import routing_profiles as rp
from moto_connect_ext.connect.exceptions import InvalidParameterException, InvalidRequestException
from moto_connect_ext.core.caller import Caller
from tests.connect.test_queues import new_user
from tests.helpers import new_instance, raises
from tests.servers import server_client

ACCOUNT = "123456789012"
HOURS = [{"Day": "MONDAY", "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}}]
VOICE = [{"Channel": "VOICE", "Concurrency": 1}]


def new_queue(connect: Any, iid: str, name: str) -> str:
    hours = connect.create_hours_of_operation(InstanceId=iid, Name=f"{name} hours", TimeZone="UTC", Config=HOURS)
    created = connect.create_queue(InstanceId=iid, Name=name, HoursOfOperationId=hours["HoursOfOperationId"])
    return created["QueueId"]  # type: ignore[no-any-return]


def config(queue: str, channel: str = "VOICE", priority: int = 1, delay: int = 0) -> dict[str, Any]:
    return {"QueueReference": {"QueueId": queue, "Channel": channel}, "Priority": priority, "Delay": delay}


def ref(queue: str, channel: str = "VOICE") -> dict[str, Any]:
    return {"QueueId": queue, "Channel": channel}


def new_profile(connect: Any, iid: str, queue: str, name: str = "Sales", **kw: Any) -> dict[str, Any]:
    request = {"Description": f"{name} agents", "DefaultOutboundQueueId": queue, "MediaConcurrencies": VOICE, **kw}
    return dict(connect.create_routing_profile(InstanceId=iid, Name=name, **request))


def describe(connect: Any, iid: str, pid: str) -> dict[str, Any]:
    return connect.describe_routing_profile(InstanceId=iid, RoutingProfileId=pid)["RoutingProfile"]  # type: ignore[no-any-return]


def names(connect: Any, iid: str) -> list[str]:
    pages = connect.get_paginator("list_routing_profiles").paginate(InstanceId=iid)
    return [p["Name"] for page in pages for p in page["RoutingProfileSummaryList"]]


def queue_rows(connect: Any, iid: str, pid: str, manual: bool = False, **kw: Any) -> dict[str, Any]:
    if manual:
        return connect.list_routing_profile_manual_assignment_queues(  # type: ignore[no-any-return]
            InstanceId=iid, RoutingProfileId=pid, **kw
        )
    return connect.list_routing_profile_queues(InstanceId=iid, RoutingProfileId=pid, **kw)  # type: ignore[no-any-return]


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return instance["Id"]  # type: ignore[no-any-return]


@pytest.fixture
def queues(connect: Any, iid: str) -> list[str]:
    return [new_queue(connect, iid, f"queue-{i}") for i in range(3)]


# -- create, describe, list, update -----------------------------------------------------
def test_create_describe_and_list(connect: Any, iid: str, queues: list[str]) -> None:
    before = names(connect, iid)
    media = [
        {"Channel": "VOICE", "Concurrency": 1, "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"}},
        {"Channel": "CHAT", "Concurrency": 3},
        {
            "Channel": "TASK",
            "Concurrency": 10,
            "WorkloadTypeConcurrencies": [
                {
                    "WorkloadType": "billing",
                    "Concurrency": 2,
                    "CrossChannelWorkloadBehavior": {
                        "ChannelWorkloadBehaviorType": "ROUTE_CURRENT_CHANNEL_ANY_WORKLOADTYPE_ONLY"
                    },
                }
            ],
        },
    ]
    created = new_profile(
        connect,
        iid,
        queues[0],
        MediaConcurrencies=media,
        QueueConfigs=[config(queues[0]), config(queues[0], "CHAT", 2, 30), config(queues[1], "TASK", 5, 9999)],
        ManualAssignmentQueueConfigs=[{"QueueReference": ref(queues[2], "CHAT")}],
        AgentAvailabilityTimer="TIME_SINCE_LAST_INBOUND",
        Tags={"team": "sales"},
    )
    pid = created["RoutingProfileId"]
    assert created["RoutingProfileArn"] == f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/routing-profile/{pid}"
    profile = describe(connect, iid, pid)
    assert profile["LastModifiedTime"].tzinfo is not None
    media[1]["CrossChannelBehavior"] = media[2]["CrossChannelBehavior"] = {"BehaviorType": "ROUTE_CURRENT_CHANNEL_ONLY"}
    assert profile == {
        "InstanceId": iid,
        "Name": "Sales",
        "RoutingProfileArn": created["RoutingProfileArn"],
        "RoutingProfileId": pid,
        "Description": "Sales agents",
        "MediaConcurrencies": media,
        "DefaultOutboundQueueId": queues[0],
        "Tags": {"team": "sales"},
        # AWS: DescribeRoutingProfile does not populate AssociatedQueueIds
        "NumberOfAssociatedQueues": 2,
        "NumberOfAssociatedManualAssignmentQueues": 1,
        "NumberOfAssociatedUsers": 0,
        "AgentAvailabilityTimer": "TIME_SINCE_LAST_INBOUND",
        "LastModifiedTime": profile["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
        "IsDefault": False,
    }
    assert names(connect, iid) == [*before, "Sales"]
    listed = connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][-1]
    assert listed == {
        "Id": pid,
        "Arn": created["RoutingProfileArn"],
        "Name": "Sales",
        "LastModifiedTime": profile["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    }
    assert connect.list_tags_for_resource(resourceArn=created["RoutingProfileArn"])["tags"] == {"team": "sales"}


def test_defaults_of_a_minimal_profile(connect: Any, iid: str, queues: list[str]) -> None:
    pid = new_profile(connect, iid, queues[0])["RoutingProfileId"]
    profile = describe(connect, iid, pid)
    assert profile["AgentAvailabilityTimer"] == "TIME_SINCE_LAST_ACTIVITY"
    assert profile["MediaConcurrencies"] == [
        {"Channel": "VOICE", "Concurrency": 1, "CrossChannelBehavior": {"BehaviorType": "ROUTE_CURRENT_CHANNEL_ONLY"}}
    ]
    assert (profile["NumberOfAssociatedQueues"], profile["NumberOfAssociatedManualAssignmentQueues"]) == (0, 0)
    assert "Tags" not in profile
    assert queue_rows(connect, iid, pid)["RoutingProfileQueueConfigSummaryList"] == []


def test_updates(connect: Any, iid: str, queues: list[str]) -> None:
    pid = new_profile(connect, iid, queues[0])["RoutingProfileId"]
    first = describe(connect, iid, pid)["LastModifiedTime"]
    connect.update_routing_profile_name(InstanceId=iid, RoutingProfileId=pid, Name="Support")
    connect.update_routing_profile_name(InstanceId=iid, RoutingProfileId=pid, Description="Support agents")
    chat = [{"Channel": "CHAT", "Concurrency": 10, "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"}}]
    connect.update_routing_profile_concurrency(InstanceId=iid, RoutingProfileId=pid, MediaConcurrencies=chat)
    connect.update_routing_profile_default_outbound_queue(
        InstanceId=iid, RoutingProfileId=pid, DefaultOutboundQueueId=queues[1]
    )
    connect.update_routing_profile_agent_availability_timer(
        InstanceId=iid, RoutingProfileId=pid, AgentAvailabilityTimer="TIME_SINCE_LAST_INBOUND"
    )
    profile = describe(connect, iid, pid)
    assert {k: profile[k] for k in ("Name", "Description", "MediaConcurrencies", "DefaultOutboundQueueId")} == {
        "Name": "Support",
        "Description": "Support agents",
        "MediaConcurrencies": chat,
        "DefaultOutboundQueueId": queues[1],
    }
    assert profile["AgentAvailabilityTimer"] == "TIME_SINCE_LAST_INBOUND"
    assert profile["LastModifiedTime"] >= first
    assert "Sales" not in names(connect, iid) and "Support" in names(connect, iid)
    # the old default outbound queue is free again
    connect.delete_queue(InstanceId=iid, QueueId=queues[0])


def test_names_are_unique(connect: Any, iid: str, queues: list[str]) -> None:
    new_profile(connect, iid, queues[0], "Sales")
    other = new_profile(connect, iid, queues[0], "Support")["RoutingProfileId"]
    with raises("DuplicateResourceException", 409):
        new_profile(connect, iid, queues[0], "Sales")
    with raises("DuplicateResourceException", 409):
        connect.update_routing_profile_name(InstanceId=iid, RoutingProfileId=other, Name="Sales")
    with raises("InvalidParameterException", 400, match="Name or Description"):
        connect.update_routing_profile_name(InstanceId=iid, RoutingProfileId=other)
    assert names(connect, iid).count("Sales") == 1 and describe(connect, iid, other)["Name"] == "Support"
    # the name is free again once its profile is renamed
    connect.update_routing_profile_name(InstanceId=iid, RoutingProfileId=other, Name="Support 2")
    new_profile(connect, iid, queues[0], "Support")


def test_instance_and_profile_must_exist(connect: Any, iid: str, queues: list[str]) -> None:
    with raises("ResourceNotFoundException", 404):
        new_profile(connect, "missing", queues[0])
    for call in (
        lambda: describe(connect, iid, "nope"),
        lambda: connect.delete_routing_profile(InstanceId=iid, RoutingProfileId="nope"),
        lambda: connect.update_routing_profile_name(InstanceId=iid, RoutingProfileId="nope", Name="x"),
        lambda: queue_rows(connect, iid, "nope"),
        lambda: queue_rows(connect, iid, "nope", manual=True),
        lambda: connect.associate_routing_profile_queues(
            InstanceId=iid, RoutingProfileId="nope", QueueConfigs=[config(queues[0])]
        ),
    ):
        with raises("ResourceNotFoundException", 404):
            call()


def test_queues_must_exist(connect: Any, iid: str, queues: list[str]) -> None:
    before = names(connect, iid)
    for request in (
        {"DefaultOutboundQueueId": "no-such-queue"},
        {"QueueConfigs": [config("no-such-queue")]},
        {"ManualAssignmentQueueConfigs": [{"QueueReference": ref("no-such-queue", "CHAT")}]},
    ):
        with raises("ResourceNotFoundException", 404, match="no-such-queue"):
            new_profile(connect, iid, queues[0], **request)
    assert names(connect, iid) == before


def test_queues_must_exist_on_update(connect: Any, iid: str, queues: list[str]) -> None:
    pid = new_profile(connect, iid, queues[0], QueueConfigs=[config(queues[0])])["RoutingProfileId"]
    before = describe(connect, iid, pid)
    with raises("ResourceNotFoundException", 404):
        connect.update_routing_profile_default_outbound_queue(
            InstanceId=iid, RoutingProfileId=pid, DefaultOutboundQueueId="no-such-queue"
        )
    with raises("ResourceNotFoundException", 404):
        connect.associate_routing_profile_queues(
            InstanceId=iid, RoutingProfileId=pid, QueueConfigs=[config(queues[1]), config("no-such-queue")]
        )
    assert describe(connect, iid, pid) == before


# -- channels ---------------------------------------------------------------------------
#: bad MediaConcurrencies and what the error says
CHANNEL_ERRORS: list[tuple[list[dict[str, Any]], str]] = [
    ([{"Channel": "VOICE", "Concurrency": 2}], "VOICE must be 1"),
    ([{"Channel": "VOICE", "Concurrency": 0}], "VOICE must be 1"),
    ([{"Channel": "EMAIL", "Concurrency": 0}], "between 1 and 10"),
    ([{"Channel": "CHAT"}], "Concurrency is required"),
    ([{"Channel": "CHAT", "Concurrency": 2}, {"Channel": "CHAT", "Concurrency": 3}], "more than once"),
    ([], "at least one channel"),
    (
        [
            {
                "Channel": "CHAT",
                "Concurrency": 2,
                "WorkloadTypeConcurrencies": [{"WorkloadType": "a", "Concurrency": 1}] * 2,
            }
        ],
        "Workload type a appears more than once",
    ),
    (
        [{"Channel": "VOICE", "WorkloadTypeConcurrencies": [{"WorkloadType": "a", "Concurrency": 2}]}],
        "workload type a on channel VOICE must be 1",
    ),
]


def test_channel_rules(connect: Any, iid: str, queues: list[str]) -> None:
    pid = new_profile(connect, iid, queues[0])["RoutingProfileId"]
    before = describe(connect, iid, pid)
    for media, match in CHANNEL_ERRORS:
        with raises("InvalidParameterException", 400, match=match):
            new_profile(connect, iid, queues[0], "Bad", MediaConcurrencies=media)
        with raises("InvalidParameterException", 400, match=match):
            connect.update_routing_profile_concurrency(InstanceId=iid, RoutingProfileId=pid, MediaConcurrencies=media)
    assert "Bad" not in names(connect, iid)
    assert describe(connect, iid, pid) == before


# -- queue configs ----------------------------------------------------------------------
def test_queue_configs_lifecycle(connect: Any, iid: str, queues: list[str]) -> None:
    q0, q1, q2 = queues
    pid = new_profile(connect, iid, q0, QueueConfigs=[config(q0)])["RoutingProfileId"]
    connect.associate_routing_profile_queues(
        InstanceId=iid,
        RoutingProfileId=pid,
        QueueConfigs=[config(q1, "CHAT", 3, 10), config(q0, "TASK", 2, 5)],
        ManualAssignmentQueueConfigs=[{"QueueReference": ref(q2, "TASK")}, {"QueueReference": ref(q2, "EMAIL")}],
    )
    listed = queue_rows(connect, iid, pid)
    arn = f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/queue/"
    assert listed["RoutingProfileQueueConfigSummaryList"] == [
        {"QueueId": q0, "QueueArn": arn + q0, "QueueName": "queue-0", "Priority": 1, "Delay": 0, "Channel": "VOICE"},
        {"QueueId": q1, "QueueArn": arn + q1, "QueueName": "queue-1", "Priority": 3, "Delay": 10, "Channel": "CHAT"},
        {"QueueId": q0, "QueueArn": arn + q0, "QueueName": "queue-0", "Priority": 2, "Delay": 5, "Channel": "TASK"},
    ]
    assert listed["LastModifiedTime"] == describe(connect, iid, pid)["LastModifiedTime"]
    assert listed["LastModifiedRegion"] == "us-east-1"
    manual = queue_rows(connect, iid, pid, manual=True)["RoutingProfileManualAssignmentQueueConfigSummaryList"]
    assert manual == [
        {"QueueId": q2, "QueueArn": arn + q2, "QueueName": "queue-2", "Channel": "TASK"},
        {"QueueId": q2, "QueueArn": arn + q2, "QueueName": "queue-2", "Channel": "EMAIL"},
    ]
    profile = describe(connect, iid, pid)
    assert (profile["NumberOfAssociatedQueues"], profile["NumberOfAssociatedManualAssignmentQueues"]) == (2, 1)

    connect.update_routing_profile_queues(
        InstanceId=iid, RoutingProfileId=pid, QueueConfigs=[config(q1, "CHAT", 99, 9999)]
    )
    rows = queue_rows(connect, iid, pid)["RoutingProfileQueueConfigSummaryList"]
    assert [(r["QueueId"], r["Channel"], r["Priority"], r["Delay"]) for r in rows][1] == (q1, "CHAT", 99, 9999)

    connect.disassociate_routing_profile_queues(
        InstanceId=iid,
        RoutingProfileId=pid,
        QueueReferences=[ref(q0, "VOICE"), ref(q1, "CHAT")],
        ManualAssignmentQueueReferences=[ref(q2, "TASK")],
    )
    rows = queue_rows(connect, iid, pid)["RoutingProfileQueueConfigSummaryList"]
    assert [(r["QueueId"], r["Channel"]) for r in rows] == [(q0, "TASK")]
    manual = queue_rows(connect, iid, pid, manual=True)["RoutingProfileManualAssignmentQueueConfigSummaryList"]
    assert [(r["QueueId"], r["Channel"]) for r in manual] == [(q2, "EMAIL")]
    # disassociated queues are free to go
    connect.delete_queue(InstanceId=iid, QueueId=q1)


def real(value: Any, queues: list[str]) -> Any:
    """A request with the placeholders Q0, Q1, Q2 replaced by the fixture's queues."""
    if isinstance(value, dict):
        return {k: real(v, queues) for k, v in value.items()}
    if isinstance(value, list):
        return [real(v, queues) for v in value]
    return {f"Q{i}": q for i, q in enumerate(queues)}.get(value, value)


#: (operation, request, error code, what the message says) on a profile with (Q0, VOICE)
QUEUE_CONFIG_ERRORS: list[tuple[str, dict[str, Any], str, str]] = [
    ("associate", {"QueueConfigs": [config("Q0")]}, "InvalidRequestException", "already associated"),
    ("associate", {"QueueConfigs": [config("Q1"), config("Q1", priority=2)]}, "InvalidParameterException", "more"),
    ("associate", {}, "InvalidParameterException", "QueueConfigs or ManualAssignmentQueueConfigs"),
    ("update", {"QueueConfigs": [config("Q1")]}, "InvalidRequestException", "AssociateRoutingProfileQueues"),
    ("update", {"QueueConfigs": [config("Q0", "CHAT")]}, "InvalidRequestException", "not associated"),
    ("disassociate", {"QueueReferences": [ref("Q1")]}, "InvalidRequestException", "not associated"),
    ("disassociate", {"ManualAssignmentQueueReferences": [ref("Q0")]}, "InvalidRequestException", "not assoc"),
    ("disassociate", {}, "InvalidParameterException", "QueueReferences or ManualAssignmentQueueReferences"),
    # "More than 10 queue references ... results in an InvalidParameterException" (the operation's documentation)
    ("disassociate", {"QueueReferences": [ref("Q0")] * 11}, "InvalidParameterException", "at most 10"),
    ("disassociate", {"ManualAssignmentQueueReferences": [ref("Q1")] * 11}, "InvalidParameterException", "at most 10"),
]


def test_queue_config_errors_change_nothing(connect: Any, iid: str, queues: list[str]) -> None:
    pid = new_profile(connect, iid, queues[0], QueueConfigs=[config(queues[0])])["RoutingProfileId"]
    before = describe(connect, iid, pid)
    calls = {
        "associate": connect.associate_routing_profile_queues,
        "update": connect.update_routing_profile_queues,
        "disassociate": connect.disassociate_routing_profile_queues,
    }
    for operation, request, code, match in QUEUE_CONFIG_ERRORS:
        with raises(code, 400, match=match):
            calls[operation](InstanceId=iid, RoutingProfileId=pid, **real(request, queues))
    assert describe(connect, iid, pid) == before
    assert len(queue_rows(connect, iid, pid)["RoutingProfileQueueConfigSummaryList"]) == 1


def test_at_most_50_queues(connect: Any, iid: str, queues: list[str]) -> None:
    pid = new_profile(connect, iid, queues[0])["RoutingProfileId"]
    extra = queues + [new_queue(connect, iid, f"more-{i}") for i in range(48)]
    for start in range(0, 50, 10):
        connect.associate_routing_profile_queues(
            InstanceId=iid, RoutingProfileId=pid, QueueConfigs=[config(q) for q in extra[start : start + 10]]
        )
    # another channel of a queue already there is no new queue
    connect.associate_routing_profile_queues(
        InstanceId=iid, RoutingProfileId=pid, QueueConfigs=[config(extra[0], "CHAT")]
    )
    with raises("InvalidRequestException", 400, match="at most 50 queues"):
        connect.associate_routing_profile_queues(InstanceId=iid, RoutingProfileId=pid, QueueConfigs=[config(extra[50])])
    assert describe(connect, iid, pid)["NumberOfAssociatedQueues"] == 50


def test_queue_listing_pages_stably(connect: Any, iid: str, queues: list[str]) -> None:
    q0, q1, q2 = queues
    configs = [config(q, channel) for channel in ("VOICE", "CHAT") for q in queues]
    pid = new_profile(connect, iid, q0, QueueConfigs=configs)["RoutingProfileId"]
    seen: list[tuple[str, str]] = []
    page = queue_rows(connect, iid, pid, MaxResults=2)
    seen += [(r["QueueId"], r["Channel"]) for r in page["RoutingProfileQueueConfigSummaryList"]]
    # between pages: one pair not yet listed leaves, one listed leaves, one arrives
    connect.disassociate_routing_profile_queues(
        InstanceId=iid, RoutingProfileId=pid, QueueReferences=[ref(q0), ref(q2)]
    )
    connect.associate_routing_profile_queues(InstanceId=iid, RoutingProfileId=pid, QueueConfigs=[config(q0, "TASK")])
    while page.get("NextToken"):
        page = queue_rows(connect, iid, pid, MaxResults=2, NextToken=page["NextToken"])
        seen += [(r["QueueId"], r["Channel"]) for r in page["RoutingProfileQueueConfigSummaryList"]]
    assert seen == [(q0, "VOICE"), (q1, "VOICE"), (q0, "CHAT"), (q1, "CHAT"), (q2, "CHAT"), (q0, "TASK")]
    with raises("InvalidParameterException", 400, match="pagination token"):
        queue_rows(connect, iid, pid, NextToken="forged")


# -- deletes and references -------------------------------------------------------------
def test_referenced_queues_cannot_be_deleted(connect: Any, iid: str, queues: list[str]) -> None:
    q0, q1, q2 = queues
    pid = new_profile(
        connect,
        iid,
        q0,
        QueueConfigs=[config(q1)],
        ManualAssignmentQueueConfigs=[{"QueueReference": ref(q2, "CHAT")}],
        Tags={"k": "v"},
    )
    for queue in queues:
        with raises("ResourceInUseException", 409):
            connect.delete_queue(InstanceId=iid, QueueId=queue)
    connect.delete_routing_profile(InstanceId=iid, RoutingProfileId=pid["RoutingProfileId"])
    for queue in queues:
        connect.delete_queue(InstanceId=iid, QueueId=queue)
    with raises("ResourceNotFoundException", 404):
        describe(connect, iid, pid["RoutingProfileId"])
    with raises("ResourceNotFoundException", 404):
        connect.delete_routing_profile(InstanceId=iid, RoutingProfileId=pid["RoutingProfileId"])
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=pid["RoutingProfileArn"])


def test_tags(connect: Any, iid: str, queues: list[str]) -> None:
    arn = new_profile(connect, iid, queues[0])["RoutingProfileArn"]
    connect.tag_resource(resourceArn=arn, tags={"a": "1", "b": "2"})
    connect.untag_resource(resourceArn=arn, tagKeys=["a"])
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2"}
    pid = arn.rsplit("/", 1)[1]
    assert describe(connect, iid, pid)["Tags"] == {"b": "2"}


def test_list_pages_stably(connect: Any, iid: str, queues: list[str]) -> None:
    before = names(connect, iid)
    ids = [new_profile(connect, iid, queues[0], f"p{i}")["RoutingProfileId"] for i in range(4)]
    page = connect.list_routing_profiles(InstanceId=iid, MaxResults=len(before) + 1)
    seen = [p["Name"] for p in page["RoutingProfileSummaryList"]]
    connect.delete_routing_profile(InstanceId=iid, RoutingProfileId=ids[2])
    new_profile(connect, iid, queues[0], "p4")
    while page.get("NextToken"):
        page = connect.list_routing_profiles(InstanceId=iid, MaxResults=1, NextToken=page["NextToken"])
        seen += [p["Name"] for p in page["RoutingProfileSummaryList"]]
    assert seen == [*before, "p0", "p1", "p3", "p4"]


# -- search -----------------------------------------------------------------------------
@pytest.fixture
def searched(connect: Any, iid: str, queues: list[str]) -> dict[str, str]:
    q0, q1, _ = queues
    made = {
        "Sales East": new_profile(
            connect, iid, q0, "Sales East", Description="east coast", QueueConfigs=[config(q0)], Tags={"team": "a"}
        ),
        "Sales West": new_profile(
            connect, iid, q0, "Sales West", Description="west coast", QueueConfigs=[config(q1)], Tags={"team": "b"}
        ),
        "Support": new_profile(
            connect, iid, q0, "Support", Description="all", QueueConfigs=[config(q0), config(q1)], Tags={"team": "a"}
        ),
    }
    return {name: p["RoutingProfileId"] for name, p in made.items()}


def search(connect: Any, iid: str, **kw: Any) -> list[str]:
    pages = connect.get_paginator("search_routing_profiles").paginate(InstanceId=iid, **kw)
    return sorted(p["Name"] for page in pages for p in page["RoutingProfiles"])


def condition(field: str, value: str, kind: str = "EXACT") -> dict[str, Any]:
    return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": kind}}


#: search criteria and the profiles they find among the ``searched`` ones
SEARCHES: list[tuple[dict[str, Any], list[str]]] = [
    (condition("name", "Sales East"), ["Sales East"]),
    (condition("name", "sales east"), []),
    (condition("name", "SALES", "STARTS_WITH"), ["Sales East", "Sales West"]),
    (condition("description", "COAST", "CONTAINS"), ["Sales East", "Sales West"]),
    (condition("associatedQueueIds", "Q1"), ["Sales West", "Support"]),
    (
        {"OrConditions": [condition("name", "Support"), condition("associatedQueueIds", "Q0")]},
        ["Sales East", "Support"],
    ),
    (
        {"AndConditions": [condition("name", "S", "STARTS_WITH"), condition("description", "west", "CONTAINS")]},
        ["Sales West"],
    ),
]


def test_search_criteria(connect: Any, iid: str, queues: list[str], searched: dict[str, str]) -> None:
    for criteria, expected in SEARCHES:
        assert search(connect, iid, SearchCriteria=real(criteria, queues)) == expected, criteria


def test_search_by_id_tags_and_count(connect: Any, iid: str, queues: list[str], searched: dict[str, str]) -> None:
    assert search(connect, iid, SearchCriteria=condition("resourceID", searched["Support"])) == ["Support"]
    team_a = {"TagFilter": {"TagCondition": {"TagKey": "team", "TagValue": "a"}}}
    assert search(connect, iid, SearchFilter=team_a) == ["Sales East", "Support"]
    either = {"TagFilter": {"OrConditions": [[{"TagKey": "team", "TagValue": "b"}], [{"TagKey": "nope"}]]}}
    assert search(connect, iid, SearchFilter=either) == ["Sales West"]
    first = connect.search_routing_profiles(
        InstanceId=iid, SearchCriteria=condition("name", "Sales", "STARTS_WITH"), MaxResults=1
    )
    assert first["ApproximateTotalCount"] == 2 and len(first["RoutingProfiles"]) == 1 and first["NextToken"]
    found = first["RoutingProfiles"][0]
    # AWS: SearchRoutingProfiles leaves out these members, and populates AssociatedQueueIds
    assert not {"LastModifiedTime", "LastModifiedRegion", "AgentAvailabilityTimer"} & set(found)
    assert found["MediaConcurrencies"] == VOICE
    assert found["AssociatedQueueIds"] == [queues[0]] and found["Tags"] == {"team": "a"}
    with raises("InvalidParameterException", 400, match="associatedQueueIds"):
        connect.search_routing_profiles(InstanceId=iid, SearchCriteria=condition("state", "x"))


# -- server mode ------------------------------------------------------------------------
def test_users_of_a_profile(connect: Any, iid: str, queues: list[str]) -> None:
    pid = new_profile(connect, iid, queues[0])["RoutingProfileId"]
    other = new_profile(connect, iid, queues[0], name="Support")["RoutingProfileId"]
    ada, grace = new_user(connect, iid, "ada", pid), new_user(connect, iid, "grace", pid)
    assert describe(connect, iid, pid)["NumberOfAssociatedUsers"] == 2
    assert describe(connect, iid, other)["NumberOfAssociatedUsers"] == 0
    before = describe(connect, iid, pid)
    with raises("ResourceInUseException", 409):
        connect.delete_routing_profile(InstanceId=iid, RoutingProfileId=pid)
    assert describe(connect, iid, pid) == before
    connect.update_user_routing_profile(InstanceId=iid, UserId=ada, RoutingProfileId=other)
    connect.delete_user(InstanceId=iid, UserId=grace)
    assert describe(connect, iid, pid)["NumberOfAssociatedUsers"] == 0
    assert describe(connect, iid, other)["NumberOfAssociatedUsers"] == 1
    connect.delete_routing_profile(InstanceId=iid, RoutingProfileId=pid)


def test_routing_profiles_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect")
    iid = new_instance(connect, "served")["Id"]
    queue = new_queue(connect, iid, "served-queue")
    pid = new_profile(connect, iid, queue, QueueConfigs=[config(queue)])["RoutingProfileId"]
    assert describe(connect, iid, pid)["NumberOfAssociatedQueues"] == 1
    rows = queue_rows(connect, iid, pid)["RoutingProfileQueueConfigSummaryList"]
    assert [r["QueueName"] for r in rows] == ["served-queue"]
    with raises("ResourceInUseException", 409):
        connect.delete_queue(InstanceId=iid, QueueId=queue)


# -- the rules as pure functions --------------------------------------------------------
def test_media_concurrencies_fill_the_default_behaviour() -> None:
    given = [
        {"Channel": "CHAT", "Concurrency": 5},
        {"Channel": "VOICE", "Concurrency": 1, "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"}},
    ]
    assert rp.media_concurrencies(given) == [
        {"Channel": "CHAT", "Concurrency": 5, "CrossChannelBehavior": {"BehaviorType": "ROUTE_CURRENT_CHANNEL_ONLY"}},
        given[1],
    ]
    assert rp.media_concurrencies(
        [{"Channel": "TASK", "WorkloadTypeConcurrencies": [{"WorkloadType": "w", "Concurrency": 10}]}]
    )


def test_queue_config_changes() -> None:
    attrs = rp.initial_queues([config("q1"), config("arn:aws:connect:us-east-1:1:instance/i/queue/q2", "CHAT")], None)
    assert attrs == {
        "QueueConfigs": [
            {"QueueId": "q1", "Channel": "VOICE", "Priority": 1, "Delay": 0, "Seq": 1},
            {"QueueId": "q2", "Channel": "CHAT", "Priority": 1, "Delay": 0, "Seq": 2},
        ],
        "ManualAssignmentQueueConfigs": [],
        "QueueSequence": 3,
        "QueueReferences": ["q1", "q2"],
    }
    more = rp.associate(attrs, [config("q1", "TASK")], [{"QueueReference": ref("q3", "CHAT")}])
    assert [(e["QueueId"], e["Channel"], e["Seq"]) for e in more["QueueConfigs"]][-1] == ("q1", "TASK", 3)
    assert more["ManualAssignmentQueueConfigs"] == [{"QueueId": "q3", "Channel": "CHAT", "Seq": 4}]
    assert more["QueueReferences"] == ["q1", "q2", "q3"] and more["QueueSequence"] == 5
    updated = rp.update_queues(attrs, [config("q2", "CHAT", 7, 8)])
    assert updated["QueueConfigs"][1] == {"QueueId": "q2", "Channel": "CHAT", "Priority": 7, "Delay": 8, "Seq": 2}
    fewer = rp.disassociate(attrs, [ref("q2", "CHAT")], None)
    assert fewer == {
        "QueueConfigs": attrs["QueueConfigs"][:1],
        "ManualAssignmentQueueConfigs": [],
        "QueueReferences": ["q1"],
    }
    with pytest.raises(InvalidRequestException):
        rp.associate(attrs, [config("q1")], None)
    with pytest.raises(InvalidParameterException):
        rp.initial_queues([config("q1"), config("q1")], None)


def test_the_profile_an_instance_comes_with(moto_connect: Any, connect: Any, iid: str) -> None:
    if "Basic Routing Profile" not in names(connect, iid):
        listed = connect.list_queues(InstanceId=iid)["QueueSummaryList"]
        if not any(q.get("Name") == "BasicQueue" for q in listed):
            new_queue(connect, iid, "BasicQueue")
        backend = moto_connect.backend("connect")
        rp.seed_defaults(backend.resources, backend.instance(iid), Caller(ACCOUNT, "us-east-1", "aws"))
    summary = next(
        p
        for p in connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"]
        if p["Name"] == "Basic Routing Profile"
    )
    profile = describe(connect, iid, summary["Id"])
    assert profile["IsDefault"] is True
    assert [(m["Channel"], m["Concurrency"]) for m in profile["MediaConcurrencies"]] == [
        ("VOICE", 1),
        ("CHAT", 2),
        ("TASK", 1),
    ]
    rows = queue_rows(connect, iid, summary["Id"])["RoutingProfileQueueConfigSummaryList"]
    assert {(r["QueueName"], r["Channel"], r["Priority"], r["Delay"]) for r in rows} == {
        ("BasicQueue", channel, 1, 0) for channel in ("VOICE", "CHAT", "TASK")
    }
    assert profile["DefaultOutboundQueueId"] == rows[0]["QueueId"]
