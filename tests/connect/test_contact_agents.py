"""Contacts and agents through boto3: routing, dismissing, monitoring, trees, persistent chats,
PII deletion, sessions and SearchContacts (contacts are made with the contact core)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from moto_connect_ext.connect import contact_agents, contacts
from moto_connect_ext.connect.models import connect_backends
from moto_connect_ext.core.caller import Caller
from tests.helpers import new_instance, new_user, raises
from tests.servers import server_client

CALLER = Caller("123456789012", "us-east-1", "aws")
HOUR = dt.timedelta(hours=1)


class World:
    """An instance with a queue, two users, and the backend to start contacts on."""

    def __init__(self, connect: Any, region: str = "us-east-1", alias: str = "centre") -> None:
        self.connect = connect
        self.caller = Caller(CALLER.account_id, region, "aws")
        self.iid = new_instance(connect, alias)["Id"]
        self.backend = connect_backends[CALLER.account_id][region]
        self.instance = self.backend.instance(self.iid)
        self.queue = connect.list_queues(InstanceId=self.iid, QueueTypes=["STANDARD"])["QueueSummaryList"][0]["Id"]
        self.agent = self.user("agent")
        self.supervisor = self.user("supervisor")

    def user(self, name: str, **extra: Any) -> str:
        identity = {"FirstName": name, "LastName": "X"}
        return str(new_user(self.connect, self.iid, name, IdentityInfo=identity, **extra)["UserId"])

    def contact(self, channel: str = "VOICE", queued: bool = True, method: str = "API", **attrs: Any) -> Any:
        if queued:
            attrs.setdefault("QueueId", self.queue)
        return contacts.start(self.backend.resources, self.instance, self.caller, channel, method, attrs)

    def end(self, contact: Any) -> None:
        contacts.end(self.backend.resources, contact, self.caller, "CUSTOMER_DISCONNECT")


@pytest.fixture
def world(connect: Any) -> World:
    return World(connect)


def test_associate_dismiss_and_monitor(world: World) -> None:
    c, iid = world.connect, world.iid
    voice = world.contact()
    for bad, code in (
        ({"ContactId": "nope"}, "ResourceNotFoundException"),
        ({"UserId": "nope"}, "ResourceNotFoundException"),
    ):
        with raises(code, 404):
            c.associate_contact_with_user(**{"InstanceId": iid, "ContactId": voice.id, "UserId": world.agent, **bad})
    with raises("InvalidRequestException", 400, match="not in a queue"):
        c.associate_contact_with_user(InstanceId=iid, ContactId=world.contact(queued=False).id, UserId=world.agent)
    # monitoring needs an agent on the contact
    with raises("InvalidRequestException", match="not connected to an agent"):
        c.monitor_contact(InstanceId=iid, ContactId=voice.id, UserId=world.supervisor)
    c.associate_contact_with_user(InstanceId=iid, ContactId=voice.id, UserId=world.agent)
    assert contacts.state(voice) == contacts.CONNECTED_TO_AGENT and voice.attrs["AgentId"] == world.agent
    with raises("InvalidRequestException", match="not in a queue"):
        c.associate_contact_with_user(InstanceId=iid, ContactId=voice.id, UserId=world.supervisor)

    with raises("InvalidRequestException", match="Barge needs"):
        c.monitor_contact(
            InstanceId=iid, ContactId=voice.id, UserId=world.supervisor, AllowedMonitorCapabilities=["BARGE"]
        )
    with raises("InvalidRequestException", match="is the agent"):
        c.monitor_contact(InstanceId=iid, ContactId=voice.id, UserId=world.agent)
    c.update_instance_attribute(InstanceId=iid, AttributeType="ENHANCED_CONTACT_MONITORING", Value="true")
    request = {
        "InstanceId": iid,
        "ContactId": voice.id,
        "UserId": world.supervisor,
        "AllowedMonitorCapabilities": ["SILENT_MONITOR", "BARGE"],
        "ClientToken": "t1",
    }
    first = c.monitor_contact(**request)
    assert c.monitor_contact(**request)["ContactId"] == first["ContactId"]  # a retry
    assert first["ContactArn"].endswith(f"instance/{iid}/contact/{first['ContactId']}")
    with raises("IdempotencyException", match="t1"):
        c.monitor_contact(**{**request, "AllowedMonitorCapabilities": ["SILENT_MONITOR"]})
    with raises("InvalidRequestException", match="already monitoring"):
        c.monitor_contact(**{**request, "ClientToken": "t2"})
    monitoring = contacts.find(world.backend.resources, world.instance, first["ContactId"])
    assert monitoring.attrs["InitiationMethod"] == "MONITOR" and monitoring.attrs["RelatedContactId"] == voice.id
    assert monitoring.attrs["AgentId"] == world.supervisor
    # with enhanced monitoring, two supervisors at once on a call
    second = c.monitor_contact(InstanceId=iid, ContactId=voice.id, UserId=world.user("lead"))["ContactId"]
    with raises("ServiceQuotaExceededException", 402, match="most a call takes"):
        c.monitor_contact(InstanceId=iid, ContactId=voice.id, UserId=world.user("manager"))
    world.end(contacts.find(world.backend.resources, world.instance, second))
    c.monitor_contact(InstanceId=iid, ContactId=voice.id, UserId=world.user("director"))
    task = world.contact("TASK")
    contacts.route_to_agent(world.backend.resources, task, world.agent, world.caller)
    with raises("InvalidRequestException", match="TASK contact cannot be monitored"):
        c.monitor_contact(InstanceId=iid, ContactId=task.id, UserId=world.supervisor)

    # dismissing: only the agent's own contacts, once they ended
    with raises("InvalidRequestException", match="only a contact in a MISSED"):
        c.dismiss_user_contact(InstanceId=iid, UserId=world.agent, ContactId=voice.id)
    world.end(voice)
    with raises("InvalidRequestException", match="not a contact of user"):
        c.dismiss_user_contact(InstanceId=iid, UserId=world.supervisor, ContactId=voice.id)
    with raises("ResourceNotFoundException", match="User not found"):
        c.dismiss_user_contact(InstanceId=iid, UserId="nope", ContactId=voice.id)
    c.dismiss_user_contact(InstanceId=iid, UserId=world.agent, ContactId=voice.id)
    with raises("InvalidRequestException", match="has ended"):
        c.associate_contact_with_user(InstanceId=iid, ContactId=voice.id, UserId=world.agent)


def test_trees_persistent_chats_pii_and_sessions(world: World) -> None:
    c, iid = world.connect, world.iid
    root = world.contact("CHAT")
    transfer = world.contact("CHAT", method="TRANSFER", InitialContactId=root.id, PreviousContactId=root.id)
    survey = world.contact("CHAT", method="FLOW", InitialContactId=root.id, PreviousContactId=transfer.id)
    other = world.contact("CHAT")
    pages, token = [], None
    while True:
        answer = c.list_associated_contacts(
            InstanceId=iid, ContactId=survey.id, MaxResults=2, **({"NextToken": token} if token else {})
        )
        pages.append([s["ContactId"] for s in answer["ContactSummaryList"]])
        token = answer.get("NextToken")
        if not token:
            break
    assert pages == [[root.id, transfer.id], [survey.id]]
    summary = c.list_associated_contacts(InstanceId=iid, ContactId=root.id)["ContactSummaryList"][1]
    assert summary["InitialContactId"] == root.id and summary["InitiationMethod"] == "TRANSFER"
    assert summary["Channel"] == "CHAT" and "InitiationTimestamp" in summary and "DisconnectTimestamp" not in summary
    assert [
        s["ContactId"] for s in c.list_associated_contacts(InstanceId=iid, ContactId=other.id)["ContactSummaryList"]
    ] == [other.id]
    with raises("ResourceNotFoundException"):
        c.list_associated_contacts(InstanceId=iid, ContactId="nope")

    # persistent chat: the new chat continues the past session's last ended contact
    new_chat = world.contact("CHAT")
    request = {
        "InstanceId": iid,
        "InitialContactId": new_chat.id,
        "RehydrationType": "ENTIRE_PAST_SESSION",
        "SourceContactId": root.id,
        "ClientToken": "p1",
    }
    with raises("InvalidRequestException", match="has not ended"):
        c.create_persistent_contact_association(**request)
    for each in (root, survey, transfer):
        world.end(each)
    with raises("InvalidRequestException", match="not the initial contact"):
        c.create_persistent_contact_association(**{**request, "SourceContactId": transfer.id})
    with raises("InvalidRequestException", match="is not a chat"):
        c.create_persistent_contact_association(**{**request, "SourceContactId": world.contact("VOICE").id})
    answer = c.create_persistent_contact_association(**request)
    assert answer["ContinuedFromContactId"] == transfer.id  # the most recently ended
    assert c.create_persistent_contact_association(**request)["ContinuedFromContactId"] == transfer.id
    assert new_chat.attrs["RelatedContactId"] == transfer.id
    with raises("InvalidRequestException", match="already continues"):
        c.create_persistent_contact_association(**{**request, "ClientToken": "p2", "RehydrationType": "FROM_SEGMENT"})
    second = world.contact("CHAT")
    assert (
        c.create_persistent_contact_association(
            InstanceId=iid, InitialContactId=second.id, RehydrationType="FROM_SEGMENT", SourceContactId=root.id
        )["ContinuedFromContactId"]
        == root.id
    )

    # PII: only of a terminated contact
    voice = world.contact("VOICE", CustomerEndpoint={"Type": "TELEPHONE_NUMBER", "Address": "+15555550100"}, Name="n")
    with raises("ContactNotTerminatedException"):
        c.delete_contact_data(InstanceId=iid, ContactId=voice.id, ContactFields=["CUSTOMER_ENDPOINT"])
    world.end(voice)
    c.delete_contact_data(InstanceId=iid, ContactId=voice.id, ContactFields=["CUSTOMER_ENDPOINT", "EMAIL_SUBJECT"])
    assert "CustomerEndpoint" not in voice.attrs and voice.attrs["Name"] == "n"  # a call has no subject
    with raises("ResourceNotFoundException"):
        c.delete_contact_data(InstanceId=iid, ContactId="nope", ContactFields=["EMAIL_SUBJECT"])

    # sessions: an agent's sign-ins
    resources = world.backend.resources
    sessions = [contact_agents.open_session(resources, world.instance, world.agent, world.caller) for _ in range(2)]
    kept = contact_agents.open_session(resources, world.instance, world.supervisor, world.caller)
    c.delete_session(InstanceId=iid, SessionId=sessions[0].id)
    with raises("ResourceNotFoundException", 404, match="Session not found"):
        c.delete_session(InstanceId=iid, SessionId=sessions[0].id)
    agent_arn = f"arn:aws:connect:us-east-1:{CALLER.account_id}:instance/{iid}/agent/{world.agent}"
    c.delete_all_entity_sessions(InstanceId=iid, EntityType="USER", EntityId=agent_arn)
    assert [s.id for s in resources.all(contact_agents.SESSION, world.instance)] == [kept.id]
    with raises("ResourceNotFoundException", match="User not found"):
        c.delete_all_entity_sessions(InstanceId=iid, EntityType="USER", EntityId="nope")


def _all_pages(c: Any, request: dict[str, Any]) -> tuple[list[str], int]:
    ids, token, total = [], None, -1
    while True:
        answer = c.search_contacts(**request, **({"NextToken": token} if token else {}))
        ids += [s["Id"] for s in answer["Contacts"]]
        total = answer["TotalCount"]
        token = answer.get("NextToken")
        if not token:
            return ids, total


def test_search_contacts(world: World) -> None:
    c, iid = world.connect, world.iid
    c.update_user_hierarchy_structure(
        InstanceId=iid, HierarchyStructure={"LevelOne": {"Name": "Floor"}, "LevelTwo": {"Name": "Team"}}
    )
    level_one = c.create_user_hierarchy_group(InstanceId=iid, Name="Floor")["HierarchyGroupId"]
    level_two = c.create_user_hierarchy_group(InstanceId=iid, Name="Team", ParentGroupId=level_one)["HierarchyGroupId"]
    grouped = world.user("grouped", HierarchyGroupId=level_two)
    voice = world.contact(
        "VOICE",
        Name="Billing question",
        Attributes={"tier": "gold"},
        SegmentAttributes={"connect:Subtype": {"ValueString": "connect:Telephony"}, "n": {"ValueInteger": 3}},
    )
    chat = world.contact("CHAT", Name="Refund", Attributes={"tier": "silver"})
    task = world.contact("TASK", queued=False, Name="billing follow-up")
    c.tag_resource(resourceArn=task.arn, tags={"team": "ops"})
    contacts.route_to_agent(world.backend.resources, chat, grouped, world.caller)
    contacts.route_to_agent(world.backend.resources, voice, world.agent, world.caller)
    world.end(voice)
    now = dt.datetime.now(dt.timezone.utc)
    span = {"Type": "INITIATION_TIMESTAMP", "StartTime": now - HOUR, "EndTime": now + HOUR}
    base = {"InstanceId": iid, "TimeRange": span}

    everything = c.search_contacts(**base)
    assert [s["Id"] for s in everything["Contacts"]] == [task.id, chat.id, voice.id]  # newest first
    assert everything["TotalCount"] == 3
    summary = everything["Contacts"][2]
    assert summary["Channel"] == "VOICE" and summary["AgentInfo"]["Id"] == world.agent
    assert summary["QueueInfo"]["Id"] == world.queue and "DisconnectTimestamp" in summary
    assert summary["SegmentAttributes"] == {"connect:Subtype": {"ValueString": "connect:Telephony"}}
    assert everything["Contacts"][0]["Tags"] == {"team": "ops"}

    cases: list[tuple[dict[str, Any], list[str]]] = [
        ({"Channels": ["VOICE", "TASK"]}, [task.id, voice.id]),
        ({"AgentIds": [world.agent]}, [voice.id]),
        ({"QueueIds": [world.queue]}, [chat.id, voice.id]),
        ({"AgentHierarchyGroups": {"L1Ids": [level_one], "L2Ids": [level_two]}}, [chat.id]),
        ({"Name": {"SearchText": ["billing"], "MatchType": "MATCH_ANY"}}, [task.id, voice.id]),
        ({"Name": {"SearchText": ["billing", "question"], "MatchType": "MATCH_ALL"}}, [voice.id]),
        ({"Name": {"SearchText": ["refund"], "MatchType": "MATCH_EXACT"}}, [chat.id]),
        ({"Name": {"SearchText": ["billing"], "MatchType": "MATCH_NONE"}}, [chat.id]),
        (
            {"SearchableContactAttributes": {"Criteria": [{"Key": "tier", "Values": ["gold", "silver"]}]}},
            [chat.id, voice.id],
        ),
        (
            {
                "SearchableSegmentAttributes": {
                    "Criteria": [{"Key": "connect:Subtype", "Values": ["connect:Telephony"]}]
                }
            },
            [voice.id],
        ),
        ({"ContactTags": {"TagCondition": {"TagKey": "team", "TagValue": "ops"}}}, [task.id]),
        (
            {
                "AdditionalTimeRange": {
                    "Criteria": [
                        {"TimestampCondition": {"Type": "DISCONNECT_TIMESTAMP", "ConditionType": "NOT_EXISTS"}}
                    ],
                    "MatchType": "MATCH_ALL",
                }
            },
            [task.id, chat.id],
        ),
        ({"ActiveRegions": ["us-east-1"]}, [task.id, chat.id, voice.id]),
        ({"ActiveRegions": ["eu-west-2"]}, []),
    ]
    for criteria, expected in cases:
        answer = c.search_contacts(**base, SearchCriteria=criteria)
        assert [s["Id"] for s in answer["Contacts"]] == expected, criteria
        assert answer["TotalCount"] == len(expected)

    agent_span = {**span, "Type": "CONNECTED_TO_AGENT_TIMESTAMP"}
    assert {s["Id"] for s in c.search_contacts(InstanceId=iid, TimeRange=agent_span)["Contacts"]} == {voice.id, chat.id}
    past = {**span, "StartTime": now - 3 * HOUR, "EndTime": now - 2 * HOUR}
    assert c.search_contacts(InstanceId=iid, TimeRange=past)["TotalCount"] == 0
    sorted_by_channel = c.search_contacts(**base, Sort={"FieldName": "CHANNEL", "Order": "ASCENDING"})
    assert [s["Channel"] for s in sorted_by_channel["Contacts"]] == ["CHAT", "TASK", "VOICE"]
    by_disconnect = c.search_contacts(**base, Sort={"FieldName": "DISCONNECT_TIMESTAMP", "Order": "DESCENDING"})
    assert [s["Id"] for s in by_disconnect["Contacts"]] == [voice.id, chat.id, task.id]  # none last, oldest first

    # stable paging: created and deleted contacts between pages do not disturb the walk
    more = [world.contact("TASK", queued=False) for _ in range(5)]
    request = {**base, "MaxResults": 3, "Sort": {"FieldName": "INITIATION_TIMESTAMP", "Order": "ASCENDING"}}
    first = c.search_contacts(**request)
    assert first["TotalCount"] == 8 and [s["Id"] for s in first["Contacts"]] == [voice.id, chat.id, task.id]
    world.contact("TASK", queued=False)
    rest, _ = [], None
    answer = c.search_contacts(**request, NextToken=first["NextToken"])
    rest += [s["Id"] for s in answer["Contacts"]]
    answer = c.search_contacts(**request, NextToken=answer["NextToken"])
    rest += [s["Id"] for s in answer["Contacts"]]
    assert rest == [m.id for m in more] and "NextToken" not in answer
    with raises("InvalidParameterException", match="another request"):
        c.search_contacts(
            **{**request, "MaxResults": 3, "SearchCriteria": {"Channels": ["TASK"]}}, NextToken=first["NextToken"]
        )
    with raises("InvalidParameterException", match="StartTime"):
        c.search_contacts(InstanceId=iid, TimeRange={**span, "StartTime": now + HOUR, "EndTime": now})
    with raises("InvalidParameterException", match="Id is required if VersionNumber"):
        c.search_contacts(
            InstanceId=iid, TimeRange=span, SearchCriteria={"AiAgents": {"Criteria": [{"VersionNumber": 2}]}}
        )
    with raises("ResourceNotFoundException"):
        c.search_contacts(InstanceId="00000000-0000-0000-0000-000000000000", TimeRange=span)


def test_search_contacts_is_linear_over_many_contacts(world: World) -> None:
    """Many contacts: every match visited once over the pages, and the total (not timed)."""
    resources, instance = world.backend.resources, world.instance
    for index in range(2000):
        contacts.start(resources, instance, world.caller, ("VOICE", "CHAT")[index % 2], "API", {"Name": f"c{index}"})
    now = dt.datetime.now(dt.timezone.utc)
    params = {
        "InstanceId": world.iid,
        "TimeRange": {"Type": "INITIATION_TIMESTAMP", "StartTime": now - HOUR, "EndTime": now + HOUR},
        "SearchCriteria": {"Channels": ["CHAT"], "Name": {"SearchText": ["c1"], "MatchType": "MATCH_ANY"}},
        "MaxResults": 100,
    }
    ids, total = _all_pages(world.connect, params)
    assert total == len(ids) == len(set(ids)) == sum(1 for i in range(1, 2000, 2) if str(i).startswith("1"))


def test_family_in_server_mode(server: str) -> None:
    """Routing and searching through moto's server (contacts started on the server's backend)."""
    connect = server_client(server, "connect", "eu-west-2")
    world = World(connect, "eu-west-2", "served")
    queued = world.contact("CHAT")
    connect.associate_contact_with_user(InstanceId=world.iid, ContactId=queued.id, UserId=world.agent)
    now = dt.datetime.now(dt.timezone.utc)
    found = connect.search_contacts(
        InstanceId=world.iid,
        TimeRange={"Type": "ENQUEUE_TIMESTAMP", "StartTime": now - HOUR, "EndTime": now + HOUR},
        SearchCriteria={"AgentIds": [world.agent]},
    )
    assert [s["Id"] for s in found["Contacts"]] == [queued.id] and found["TotalCount"] == 1
    with raises("InvalidRequestException", 400, match="not in a queue"):
        connect.associate_contact_with_user(InstanceId=world.iid, ContactId=queued.id, UserId=world.agent)
