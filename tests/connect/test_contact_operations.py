"""Operations on contacts through boto3: describe, update, stop, transfer, pause and resume,
attributes, routing data, schedule, task template, references and tags, and the family in
server mode.  Contacts are made by the contact core (``contacts.start``) on the backend."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from moto_connect_ext.connect import contacts
from moto_connect_ext.connect.models import connect_backends
from moto_connect_ext.core.caller import Caller
from moto_connect_ext.core.resources import Resource
from tests.helpers import new_instance, new_user, raises
from tests.servers import server_client

ACCOUNT = "123456789012"


class World:
    def __init__(self, connect: Any, region: str = "us-east-1") -> None:
        self.connect = connect
        self.caller = Caller(ACCOUNT, region, "aws")
        self.iid = new_instance(connect)["Id"]
        self.backend = connect_backends[ACCOUNT][region]
        self.instance = self.backend.instance(self.iid)
        self.queue = connect.list_queues(InstanceId=self.iid, QueueTypes=["STANDARD"])["QueueSummaryList"][0]["Id"]
        flows = connect.list_contact_flows(InstanceId=self.iid)["ContactFlowSummaryList"]
        self.flows = {f["ContactFlowType"]: f["Id"] for f in flows}

    def start(self, channel: str = "TASK", method: str = "API", **attrs: Any) -> Resource:
        scheduled = attrs.pop("scheduled", False)
        return contacts.start(
            self.backend.resources, self.instance, self.caller, channel, method, attrs, scheduled=scheduled
        )

    def user(self, name: str = "agent1") -> str:
        return str(new_user(self.connect, self.iid, name)["UserId"])

    def describe(self, contact_id: str) -> dict[str, Any]:
        return dict(self.connect.describe_contact(InstanceId=self.iid, ContactId=contact_id)["Contact"])


@pytest.fixture
def world(connect: Any) -> World:
    return World(connect)


def test_a_task_is_described_updated_tagged_paused_routed_and_stopped(world: World) -> None:
    connect, iid = world.connect, world.iid
    task = world.start(
        QueueId=world.queue,
        Name="Refund",
        References={
            "doc": {"Type": "URL", "Value": "https://example.com/doc"},
            "file": {
                "Type": "ATTACHMENT",
                "Value": "s3://b/k",
                "Status": "APPROVED",
                "Arn": "arn:aws:connect:x:1:file",
            },
        },
        Attributes={"tier": "gold"},
    )
    shown = world.describe(task.arn)
    assert shown["Id"] == task.id and shown["Arn"] == task.arn and shown["Channel"] == "TASK"
    assert shown["InitiationMethod"] == "API" and shown["Name"] == "Refund" and shown["Attributes"] == {"tier": "gold"}
    assert shown["QueueInfo"]["Id"] == world.queue and "DisconnectTimestamp" not in shown and "Tags" not in shown
    with raises("ResourceNotFoundException", 404, match="Contact not found"):
        connect.describe_contact(InstanceId=iid, ContactId="missing")

    # tags: at most 6 on a contact, shown in Contact.Tags
    connect.tag_contact(InstanceId=iid, ContactId=task.id, Tags={f"k{i}": "v" for i in range(5)})
    with raises("InvalidParameterException", 400, match="at most 6 tags"):
        connect.tag_contact(InstanceId=iid, ContactId=task.id, Tags={"x": "1", "y": "2"})
    connect.untag_contact(InstanceId=iid, ContactId=task.id, TagKeys=["k0", "k1"])
    assert world.describe(task.id)["Tags"] == {"k2": "v", "k3": "v", "k4": "v"}

    # UpdateContact: references merged and checked, what only external audio contacts take refused
    with raises("InvalidRequestException", 400, match="At least one field"):
        connect.update_contact(InstanceId=iid, ContactId=task.id)
    with raises("InvalidRequestException", 400, match="external audio"):
        connect.update_contact(InstanceId=iid, ContactId=task.id, QueueInfo={"Id": world.queue})
    with raises("InvalidParameterException", 400, match="not a URL"):
        connect.update_contact(InstanceId=iid, ContactId=task.id, References={"bad": {"Type": "URL", "Value": "x"}})
    with raises("InvalidParameterException", 400, match="made by Amazon Connect"):
        connect.update_contact(
            InstanceId=iid, ContactId=task.id, References={"a": {"Type": "ATTACHMENT", "Value": "s3://b/k"}}
        )
    with raises("InvalidParameterException", 400, match="not a predefined attribute"):
        connect.update_contact(InstanceId=iid, ContactId=task.id, SegmentAttributes={"mine": {"ValueString": "x"}})
    connect.update_contact(
        InstanceId=iid,
        ContactId=task.id,
        Description="Money back",
        References={"amount": {"Type": "NUMBER", "Value": "12.5"}, "note": {"Type": "STRING", "Value": "hi"}},
    )
    shown = world.describe(task.id)
    assert shown["Description"] == "Money back" and shown["Name"] == "Refund"
    refs = connect.list_contact_references(InstanceId=iid, ContactId=task.id, ReferenceTypes=["URL", "NUMBER"])
    assert refs["ReferenceSummaryList"] == [
        {"Url": {"Name": "doc", "Value": "https://example.com/doc"}},
        {"Number": {"Name": "amount", "Value": "12.5"}},
    ]
    assert "NextToken" not in refs
    attachments = connect.list_contact_references(InstanceId=iid, ContactId=task.id, ReferenceTypes=["ATTACHMENT"])
    assert attachments["ReferenceSummaryList"] == [
        {"Attachment": {"Name": "file", "Value": "s3://b/k", "Status": "APPROVED", "Arn": "arn:aws:connect:x:1:file"}}
    ]
    with raises("InvalidParameterException", 400, match="more than 4096"):
        connect.update_contact(
            InstanceId=iid, ContactId=task.id, References={"long": {"Type": "STRING", "Value": "x" * 4090}}
        )

    # attributes: merged, keys checked, 32 KB in all; an empty value stays empty
    connect.update_contact_attributes(InstanceId=iid, InitialContactId=task.id, Attributes={"reason": "x", "tier": ""})
    assert connect.get_contact_attributes(InstanceId=iid, InitialContactId=task.id)["Attributes"] == {
        "tier": "",
        "reason": "x",
    }
    with raises("InvalidParameterException", 400, match="alphanumeric"):
        connect.update_contact_attributes(InstanceId=iid, InitialContactId=task.id, Attributes={"a.b": "x"})
    with raises("InvalidParameterException", 400, match="more than 32768"):
        connect.update_contact_attributes(InstanceId=iid, InitialContactId=task.id, Attributes={"big": "x" * 32_760})
    with raises("ResourceNotFoundException", 404):
        connect.get_contact_attributes(InstanceId=iid, InitialContactId="missing")

    # routing data: queued contacts, priority or age
    with raises("InvalidParameterException", 400, match="not both"):
        connect.update_contact_routing_data(
            InstanceId=iid, ContactId=task.id, QueuePriority=1, QueueTimeAdjustmentSeconds=10
        )
    with raises("ResourceNotFoundException", 404, match="Predefined attribute not found"):
        connect.update_contact_routing_data(
            InstanceId=iid,
            ContactId=task.id,
            RoutingCriteria={"Steps": [{"Expression": {"AttributeCondition": {"Name": "nope", "Value": "x"}}}]},
        )
    connect.update_contact_routing_data(InstanceId=iid, ContactId=task.id, QueueTimeAdjustmentSeconds=30)
    connect.update_contact_routing_data(
        InstanceId=iid,
        ContactId=task.id,
        QueuePriority=2,
        RoutingCriteria={"Steps": [{"Expiry": {"DurationInSeconds": 60}}, {}]},
    )
    shown = world.describe(task.id)
    assert shown["QueuePriority"] == 2 and "QueueTimeAdjustmentSeconds" not in shown
    criteria = shown["RoutingCriteria"]
    assert [s["Status"] for s in criteria["Steps"]] == ["ACTIVE", "INACTIVE"] and criteria["Index"] == 0
    assert criteria["Steps"][0]["Expiry"]["DurationInSeconds"] == 60

    # pause and resume
    with raises("ConflictException", 409, match="not paused"):
        connect.resume_contact(InstanceId=iid, ContactId=task.id)
    with raises("ResourceNotFoundException", 404):
        connect.pause_contact(InstanceId=iid, ContactId=task.id, ContactFlowId="missing-flow")
    connect.pause_contact(InstanceId=iid, ContactId=task.id)
    with raises("ConflictException", 409, match="already paused"):
        connect.pause_contact(InstanceId=iid, ContactId=task.id)
    connect.resume_contact(InstanceId=iid, ContactId=task.id)
    shown = world.describe(task.id)
    assert shown["TotalPauseCount"] == 1 and shown["TotalPauseDurationInSeconds"] == 0
    assert shown["LastPausedTimestamp"] <= shown["LastResumedTimestamp"]
    for _ in range(9):
        connect.pause_contact(InstanceId=iid, ContactId=task.id)
        connect.resume_contact(InstanceId=iid, ContactId=task.id)
    with raises("LimitExceededException", 429, match="at most 10"):
        connect.pause_contact(InstanceId=iid, ContactId=task.id)
    chat = world.start("CHAT")
    with raises("InvalidRequestException", 400, match="TASK and EMAIL"):
        connect.pause_contact(InstanceId=iid, ContactId=chat.id)

    # stop: the reason recorded, then the contact is ended for every operation that needs it active
    with raises("InvalidParameterException", 400, match="DisconnectReason.Code"):
        connect.stop_contact(InstanceId=iid, ContactId=task.id, DisconnectReason={"Code": "BORED"})
    connect.stop_contact(InstanceId=iid, ContactId=task.id)
    connect.stop_contact(InstanceId=iid, ContactId=chat.id, DisconnectReason={"Code": "CUSTOMER_DISCONNECT"})
    shown = world.describe(task.id)
    assert shown["DisconnectReason"] == "API" and shown["DisconnectTimestamp"] >= shown["InitiationTimestamp"]
    assert world.describe(chat.id)["DisconnectReason"] == "CUSTOMER_DISCONNECT"
    with raises("InvalidRequestException", 400, match="already ended"):
        connect.stop_contact(InstanceId=iid, ContactId=task.id)
    with raises("ResourceConflictException", 409, match="not in a queue"):
        connect.update_contact_routing_data(InstanceId=iid, ContactId=task.id, QueuePriority=1)
    # a completed contact's attributes and details can still be updated
    connect.update_contact_attributes(InstanceId=iid, InitialContactId=task.id, Attributes={"after": "yes"})
    connect.update_contact(InstanceId=iid, ContactId=task.id, Name="Closed")
    assert world.describe(task.id)["Attributes"]["after"] == "yes"


def test_a_paused_task_leaves_its_queue_until_it_is_resumed(world: World) -> None:
    connect, iid = world.connect, world.iid
    task = world.start("TASK", QueueId=world.queue)
    before = world.describe(task.id)
    connect.pause_contact(InstanceId=iid, ContactId=task.id)
    with raises("ResourceConflictException", 409, match="not in a queue"):
        connect.update_contact_routing_data(InstanceId=iid, ContactId=task.id, QueuePriority=1)
    with raises("InvalidRequestException", 400, match="not in a queue"):
        connect.associate_contact_with_user(InstanceId=iid, ContactId=task.id, UserId=world.user())
    paused = world.describe(task.id)
    assert paused["ConnectedToSystemTimestamp"] == before["ConnectedToSystemTimestamp"]
    assert paused["QueueInfo"]["Id"] == world.queue and "AgentInfo" not in paused
    connect.resume_contact(InstanceId=iid, ContactId=task.id)
    connect.update_contact_routing_data(InstanceId=iid, ContactId=task.id, QueuePriority=1)
    assert world.describe(task.id)["QueuePriority"] == 1


def test_voice_contacts_stop_as_documented(world: World) -> None:
    connect, iid = world.connect, world.iid
    with raises("ContactNotFoundException", 410):
        connect.stop_contact(InstanceId=iid, ContactId="missing")
    transferred = world.start("VOICE", "TRANSFER")
    with raises("InvalidRequestException", 400, match="initiated by TRANSFER"):
        connect.stop_contact(InstanceId=iid, ContactId=transferred.id)
    inbound = world.start("VOICE", "INBOUND", QueueId=world.queue)
    connect.stop_contact(InstanceId=iid, ContactId=inbound.id)
    with raises("ContactNotFoundException", 410, match="not active"):
        connect.stop_contact(InstanceId=iid, ContactId=inbound.id)
    with raises("ResourceNotFoundException", 404):
        connect.stop_contact(InstanceId="no-such-instance", ContactId=inbound.id)

    # external audio contacts (Contact Lens integration) take their queue, agent and endpoints
    external = world.start(
        "VOICE", "INBOUND", SegmentAttributes={"connect:Subtype": {"ValueString": "connect:ExternalAudio"}}
    )
    user = world.user()
    with raises("ResourceNotFoundException", 404):
        connect.update_contact(InstanceId=iid, ContactId=external.id, QueueInfo={"Id": "missing"})
    connect.update_contact(
        InstanceId=iid,
        ContactId=external.id,
        QueueInfo={"Id": world.queue},
        UserInfo={"UserId": user},
        CustomerEndpoint={"Type": "TELEPHONE_NUMBER", "Address": "+12065550100"},
    )
    shown = world.describe(external.id)
    assert shown["QueueInfo"]["Id"] == world.queue and shown["AgentInfo"]["Id"] == user
    assert shown["CustomerEndpoint"] == {"Type": "TELEPHONE_NUMBER", "Address": "+12065550100"}
    with raises("InvalidRequestException", 400, match="outbound email draft"):
        connect.update_contact(InstanceId=iid, ContactId=external.id, AdditionalRecipients={"CcEmailAddresses": []})
    # an outbound email draft takes its recipients and endpoints
    draft = world.start("EMAIL", "OUTBOUND")
    connect.update_contact(
        InstanceId=iid,
        ContactId=draft.id,
        SystemEndpoint={"Type": "EMAIL_ADDRESS", "Address": "support@example.com"},
        AdditionalRecipients={"CcEmailAddresses": [{"EmailAddress": "cc@example.com", "DisplayName": "CC"}]},
    )
    shown = world.describe(draft.id)
    assert shown["AdditionalEmailRecipients"] == {"CcList": [{"Address": "cc@example.com", "DisplayName": "CC"}]}
    with raises("InvalidRequestException", 400, match="external audio"):
        connect.update_contact(InstanceId=iid, ContactId=inbound.id, CustomerEndpoint={"Type": "VOIP", "Address": "x"})


def test_transfers_make_a_new_contact_in_the_chain_and_end_the_old_one(world: World) -> None:
    connect, iid = world.connect, world.iid
    first = world.start("TASK", QueueId=world.queue, Attributes={"a": "1"}, Name="T")
    connect.tag_contact(InstanceId=iid, ContactId=first.id, Tags={"team": "red"})
    chat = world.start("CHAT")
    to_queue = {"InstanceId": iid, "QueueId": world.queue, "ContactFlowId": world.flows["QUEUE_TRANSFER"]}
    with raises("InvalidRequestException", 400, match="TASK and EMAIL"):
        connect.transfer_contact(ContactId=chat.id, **to_queue)
    user = world.user()
    with raises("InvalidRequestException", 400, match="exactly one"):
        connect.transfer_contact(ContactId=first.id, UserId=user, **to_queue)
    with raises("InvalidRequestException", 400, match="AGENT_TRANSFER"):
        connect.transfer_contact(
            InstanceId=iid, ContactId=first.id, UserId=user, ContactFlowId=world.flows["QUEUE_TRANSFER"]
        )
    with raises("ResourceNotFoundException", 404):
        connect.transfer_contact(
            InstanceId=iid, ContactId=first.id, UserId="nobody", ContactFlowId=world.flows["AGENT_TRANSFER"]
        )
    assert not contacts.ended(first)

    answer = connect.transfer_contact(ContactId=first.id, ClientToken="t1", **to_queue)
    assert answer["ContactId"] != first.id
    again = connect.transfer_contact(ContactId=first.id, ClientToken="t1", **to_queue)
    assert again["ContactId"] == answer["ContactId"]
    with raises("IdempotencyException", 409):
        connect.transfer_contact(
            InstanceId=iid,
            ContactId=first.id,
            UserId=user,
            ContactFlowId=world.flows["AGENT_TRANSFER"],
            ClientToken="t1",
        )
    old, new = world.describe(first.id), world.describe(answer["ContactId"])
    assert "DisconnectTimestamp" in old and new["Arn"] == answer["ContactArn"]
    assert new["InitiationMethod"] == "TRANSFER" and new["PreviousContactId"] == first.id
    assert new["InitialContactId"] == first.id and new["Name"] == "T" and new["Tags"] == {"team": "red"}
    assert new["QueueInfo"]["Id"] == world.queue and new["Attributes"] == {"a": "1"}
    with raises("InvalidRequestException", 400, match="only active contacts"):
        connect.transfer_contact(ContactId=first.id, **to_queue)

    # attributes belong to the chain: updating through the first contact reaches the current one
    connect.update_contact_attributes(InstanceId=iid, InitialContactId=first.id, Attributes={"b": "2"})
    assert connect.get_contact_attributes(InstanceId=iid, InitialContactId=new["Id"])["Attributes"] == {
        "a": "1",
        "b": "2",
    }

    # to a user: the new contact is with the agent; the chain is transferred at most 11 times
    to_user = connect.transfer_contact(
        InstanceId=iid, ContactId=new["Id"], UserId=user, ContactFlowId=world.flows["AGENT_TRANSFER"]
    )
    shown = world.describe(to_user["ContactId"])
    assert shown["AgentInfo"]["Id"] == user and shown["InitialContactId"] == first.id
    assert shown["PreviousContactId"] == new["Id"]
    current = to_user["ContactId"]
    for _ in range(9):
        current = connect.transfer_contact(ContactId=current, **to_queue)["ContactId"]
    with raises("ServiceQuotaExceededException", 402, match="more than 11"):
        connect.transfer_contact(ContactId=current, **to_queue)


def test_scheduled_tasks_and_task_templates(world: World) -> None:
    connect, iid = world.connect, world.iid
    later = world.start("TASK", scheduled=True, ScheduledTimestamp=dt.datetime.now(dt.timezone.utc))
    ongoing = world.start("TASK", References={"Title": {"Type": "STRING", "Value": "x" * 600}})
    soon = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    with raises("InvalidRequestException", 400, match="not a scheduled task"):
        connect.update_contact_schedule(InstanceId=iid, ContactId=ongoing.id, ScheduledTime=soon)
    with raises("InvalidParameterException", 400, match="past"):
        connect.update_contact_schedule(InstanceId=iid, ContactId=later.id, ScheduledTime=soon - dt.timedelta(days=2))
    with raises("InvalidParameterException", 400, match="6 days"):
        connect.update_contact_schedule(InstanceId=iid, ContactId=later.id, ScheduledTime=soon + dt.timedelta(days=6))
    connect.update_contact_schedule(InstanceId=iid, ContactId=later.id, ScheduledTime=soon)
    assert abs((world.describe(later.id)["ScheduledTimestamp"] - soon).total_seconds()) < 1
    for operation in (connect.pause_contact, connect.resume_contact):
        with raises("InvalidRequestException", 400, match="scheduled for a later time"):
            operation(InstanceId=iid, ContactId=later.id)
    assert "TotalPauseCount" not in world.describe(later.id)

    template = connect.create_task_template(
        InstanceId=iid,
        Name="Refund",
        ContactFlowId=world.flows["CONTACT_FLOW"],
        Fields=[
            {"Id": {"Name": "Name"}, "Type": "NAME"},
            {"Id": {"Name": "Title"}, "Type": "TEXT"},
            {"Id": {"Name": "Amount"}, "Type": "NUMBER"},
        ],
        Constraints={"RequiredFields": [{"Id": {"Name": "Name"}}, {"Id": {"Name": "Amount"}}]},
    )["Id"]
    with raises("PropertyValidationException", 400) as info:
        connect.update_contact_task_template(InstanceId=iid, ContactId=ongoing.id, TaskTemplateId=template)
    reasons = {p["PropertyPath"]: p["Reason"] for p in info.value.response["PropertyList"]}
    assert reasons == {"References.Amount": "REQUIRED_PROPERTY_MISSING", "References.Title": "INVALID_FORMAT"}
    connect.update_contact(
        InstanceId=iid,
        ContactId=ongoing.id,
        References={"Amount": {"Type": "NUMBER", "Value": "3"}, "Title": {"Type": "STRING", "Value": "short"}},
    )
    connect.update_contact_task_template(InstanceId=iid, ContactId=ongoing.id, TaskTemplateId=template)
    info_shown = world.describe(ongoing.id)["TaskTemplateInfo"]
    assert info_shown["Name"] == "Refund" and info_shown["Arn"].endswith(f"/task-template/{template}")
    with raises("InvalidRequestException", 400, match="already uses"):
        connect.update_contact_task_template(InstanceId=iid, ContactId=ongoing.id, TaskTemplateId=template)
    with raises("ResourceNotFoundException", 404):
        connect.update_contact_task_template(InstanceId=iid, ContactId=ongoing.id, TaskTemplateId="missing")
    chat = world.start("CHAT")
    with raises("InvalidRequestException", 400, match="not a task"):
        connect.update_contact_task_template(InstanceId=iid, ContactId=chat.id, TaskTemplateId=template)
    contacts.route_to_agent(world.backend.resources, ongoing, world.user(), world.caller)
    with raises("InvalidRequestException", 400, match="connected to an agent"):
        connect.update_contact_task_template(InstanceId=iid, ContactId=ongoing.id, TaskTemplateId=template)


def test_family_in_server_mode(server: str) -> None:
    """Contacts made on the (shared, in-process) backend, operated on through moto's server."""
    connect = server_client(server, "connect", "eu-west-2")
    world = World(connect, "eu-west-2")
    task = world.start("TASK", QueueId=world.queue)
    connect.tag_contact(InstanceId=world.iid, ContactId=task.id, Tags={"a": "b"})
    connect.update_contact_attributes(InstanceId=world.iid, InitialContactId=task.id, Attributes={"k": "v"})
    connect.pause_contact(InstanceId=world.iid, ContactId=task.id)
    connect.resume_contact(InstanceId=world.iid, ContactId=task.id)
    moved = connect.transfer_contact(
        InstanceId=world.iid, ContactId=task.id, QueueId=world.queue, ContactFlowId=world.flows["QUEUE_TRANSFER"]
    )
    connect.stop_contact(InstanceId=world.iid, ContactId=moved["ContactId"])
    shown = connect.describe_contact(InstanceId=world.iid, ContactId=moved["ContactId"])["Contact"]
    assert shown["PreviousContactId"] == task.id and shown["DisconnectReason"] == "API"
    assert shown["Attributes"] == {"k": "v"} and shown["Tags"] == {"a": "b"}
    assert shown["Arn"].startswith("arn:aws:connect:eu-west-2:")
    with raises("ContactNotFoundException", 410):
        connect.stop_contact(InstanceId=world.iid, ContactId="missing")
