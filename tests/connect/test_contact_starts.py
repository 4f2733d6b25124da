"""Starting contacts through boto3: what each Start* operation routes on, idempotency, quotas."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from moto_connect_ext.connect import contacts
from moto_connect_ext.connect.models import connect_backends
from moto_connect_ext.core.caller import Caller
from tests.helpers import new_instance, new_user, raises
from tests.servers import server_client

ACCOUNT, REGION = "123456789012", "us-east-1"
DOMAIN = "test-instance.email.connect.aws"


class World:
    """An instance with a claimed number, an inbound flow, a queue calling from that number."""

    def __init__(self, connect: Any, alias: str = "test-instance", **overrides: Any) -> None:
        self.connect = connect
        self.iid = new_instance(connect, alias, **overrides)["Id"]
        flows = connect.list_contact_flows(InstanceId=self.iid)["ContactFlowSummaryList"]
        self.flows = {f["ContactFlowType"]: f["Id"] for f in flows}
        self.inbound = self.flows["CONTACT_FLOW"]
        number = connect.search_available_phone_numbers(
            TargetArn=connect.describe_instance(InstanceId=self.iid)["Instance"]["Arn"],
            PhoneNumberCountryCode="US",
            PhoneNumberType="DID",
            MaxResults=1,
        )["AvailableNumbersList"][0]["PhoneNumber"]
        self.number_id = connect.claim_phone_number(InstanceId=self.iid, PhoneNumber=number)["PhoneNumberId"]
        self.number = number
        queues = connect.list_queues(InstanceId=self.iid, QueueTypes=["STANDARD"])["QueueSummaryList"]
        self.queue = queues[0]["Id"]

    def contact(self, contact_id: str) -> Any:
        backend = connect_backends[ACCOUNT][REGION]
        return contacts.find(backend.resources, backend.instance(self.iid), contact_id)

    def voice(self, **kw: Any) -> str:
        request = {
            "InstanceId": self.iid,
            "ContactFlowId": self.inbound,
            "DestinationPhoneNumber": "+12065550100",
            "SourcePhoneNumber": self.number,
            **kw,
        }
        return str(self.connect.start_outbound_voice_contact(**request)["ContactId"])


@pytest.fixture
def world(connect: Any) -> World:
    return World(connect)


def test_outbound_voice_routes_on_a_published_inbound_flow_and_a_claimed_number(connect: Any, world: World) -> None:
    iid = world.iid
    first = world.voice(Name="call", Attributes={"a": "1"}, References={"doc": {"Type": "URL", "Value": "https://x.y"}})
    contact = world.contact(first)
    assert contact.attrs["Channel"] == "VOICE" and contact.attrs["InitiationMethod"] == "API"
    assert (
        contact.attrs["SystemEndpoint"]["Address"] == world.number and contacts.state(contact) == "CONNECTED_TO_SYSTEM"
    )
    described = connect.describe_contact(InstanceId=iid, ContactId=first)["Contact"]
    assert described["Id"] == first and described["Channel"] == "VOICE" and described["Name"] == "call"
    # a retry with the same client token is the same call; another request with it is refused
    again = world.voice(ClientToken="t1", RelatedContactId=first)
    assert world.voice(ClientToken="t1", RelatedContactId=first) == again
    assert world.contact(again).attrs["Attributes"] == {"a": "1"}  # copied from the related contact
    with raises("InvalidRequestException", 400):
        world.voice(ClientToken="t1")
    # a queue without a caller ID number cannot be the source; one with a number can
    with raises("InvalidRequestException", match="outbound caller ID"):
        connect.start_outbound_voice_contact(
            InstanceId=iid, ContactFlowId=world.inbound, DestinationPhoneNumber="+12065550100", QueueId=world.queue
        )
    connect.update_queue_outbound_caller_config(
        InstanceId=iid, QueueId=world.queue, OutboundCallerConfig={"OutboundCallerIdNumberId": world.number_id}
    )
    queued = connect.start_outbound_voice_contact(
        InstanceId=iid, ContactFlowId=world.inbound, DestinationPhoneNumber="+12065550100", QueueId=world.queue
    )["ContactId"]
    assert contacts.state(world.contact(queued)) == "QUEUED"
    assert world.contact(queued).attrs["SystemEndpoint"]["Address"] == world.number

    # what it routes on, each refused with the modeled error and nothing made
    before = len(list(contacts.contacts_of(connect_backends[ACCOUNT][REGION].resources, world.contact(first).parent)))
    saved = connect.create_contact_flow(
        InstanceId=iid, Name="draft", Type="CONTACT_FLOW", Content=contact_starts_flow(), Status="SAVED"
    )["ContactFlowId"]
    for kw, code, match in [
        ({"ContactFlowId": "nope"}, "ResourceNotFoundException", "Contact flow"),
        ({"ContactFlowId": saved}, "InvalidRequestException", "not published"),
        ({"ContactFlowId": world.flows["OUTBOUND_WHISPER"]}, "InvalidRequestException", "type CONTACT_FLOW"),
        ({"SourcePhoneNumber": "+12065550199"}, "ResourceNotFoundException", "not claimed"),
        ({"DestinationPhoneNumber": "+447700900123"}, "DestinationNotAllowedException", "UK"),
        ({"RelatedContactId": "nope"}, "ResourceNotFoundException", "RelatedContactId"),
        ({"QueueId": "nope"}, "ResourceNotFoundException", "Queue"),
        ({"AnswerMachineDetectionConfig": {"EnableAnswerMachineDetection": True}}, "InvalidParameterException", None),
        ({"TrafficType": "CAMPAIGN"}, "InvalidParameterException", "CampaignId"),
        ({"TrafficType": "CAMPAIGN", "CampaignId": "nope"}, "ResourceNotFoundException", "Campaign"),
        ({"Attributes": {"bad key": "x"}}, "InvalidParameterException", "Attribute key"),
        ({"Attributes": {"k": "x" * 20000, "l": "y" * 20000}}, "InvalidParameterException", "32768"),
        ({"References": {"r": {"Type": "ATTACHMENT", "Value": "x"}}}, "InvalidParameterException", "not supported"),
        ({"References": {"r": {"Type": "NUMBER", "Value": "ten"}}}, "InvalidParameterException", "number"),
    ]:
        with raises(code, match=match):
            world.voice(**kw)
    connect.update_contact_flow_metadata(InstanceId=iid, ContactFlowId=world.inbound, ContactFlowState="ARCHIVED")
    with raises("InvalidRequestException", match="archived"):
        world.voice()
    connect.update_contact_flow_metadata(InstanceId=iid, ContactFlowId=world.inbound, ContactFlowState="ACTIVE")
    after = len(list(contacts.contacts_of(connect_backends[ACCOUNT][REGION].resources, world.contact(first).parent)))
    assert after == before

    # the quota of concurrent active calls (3 so far), and outbound calls disabled
    for _ in range(7):
        world.voice()
    with raises("LimitExceededException", match="Concurrent active calls"):
        world.voice()
    connect.update_instance_attribute(InstanceId=iid, AttributeType="OUTBOUND_CALLS", Value="false")
    with raises("OutboundContactNotPermittedException"):
        world.voice()


def contact_starts_flow() -> str:
    from moto_connect_ext.connect.flows import flow_content

    return flow_content("CONTACT_FLOW")


def _template(connect: Any, iid: str, **kw: Any) -> str:
    request = {
        "InstanceId": iid,
        "Name": "tmpl",
        "Fields": [
            {"Id": {"Name": "Title"}, "Type": "NAME"},
            {"Id": {"Name": "Notes"}, "Type": "DESCRIPTION"},
            {"Id": {"Name": "Order"}, "Type": "NUMBER"},
            {"Id": {"Name": "Kind"}, "Type": "SINGLE_SELECT", "SingleSelectOptions": ["a", "b"]},
        ],
        "Constraints": {"RequiredFields": [{"Id": {"Name": "Title"}}, {"Id": {"Name": "Order"}}]},
        "Defaults": {
            "DefaultFieldValues": [
                {"Id": {"Name": "Kind"}, "DefaultValue": "a"},
                {"Id": {"Name": "Title"}, "DefaultValue": "From template"},
            ]
        },
        **kw,
    }
    return str(connect.create_task_template(**request)["Id"])


def test_tasks_route_on_one_of_a_flow_a_quick_connect_or_a_template(connect: Any, world: World) -> None:
    iid = world.iid
    task = connect.start_task_contact(InstanceId=iid, Name="t", ContactFlowId=world.inbound)["ContactId"]
    assert world.contact(task).attrs["Channel"] == "TASK"
    with raises("InvalidRequestException", match="exactly one"):
        connect.start_task_contact(InstanceId=iid, Name="t")
    quick = connect.create_quick_connect(
        InstanceId=iid,
        Name="to-queue",
        QuickConnectConfig={
            "QuickConnectType": "QUEUE",
            "QueueConfig": {"QueueId": world.queue, "ContactFlowId": world.flows["QUEUE_TRANSFER"]},
        },
    )["QuickConnectId"]
    with raises("InvalidRequestException", match="exactly one"):
        connect.start_task_contact(InstanceId=iid, Name="t", ContactFlowId=world.inbound, QuickConnectId=quick)
    by_quick = connect.start_task_contact(InstanceId=iid, Name="t", QuickConnectId=quick)["ContactId"]
    assert world.contact(by_quick).attrs["QueueId"] == world.queue
    assert world.contact(by_quick).attrs["ContactFlowId"] == world.flows["QUEUE_TRANSFER"]

    # a template: its flow, defaults, required fields and field types
    bare = _template(
        connect,
        iid,
        Name="bare",
        Status="INACTIVE",
        Fields=[{"Id": {"Name": "Title"}, "Type": "NAME"}],
        Defaults={},
        Constraints={"RequiredFields": [{"Id": {"Name": "Title"}}]},
        ContactFlowId=world.inbound,
    )
    template = _template(connect, iid, ContactFlowId=world.inbound)
    with raises("InvalidParameterException", match="requires the field Order"):
        connect.start_task_contact(InstanceId=iid, Name="t", TaskTemplateId=template)
    with raises("InvalidParameterException", match="must be NUMBER"):
        connect.start_task_contact(
            InstanceId=iid, Name="t", TaskTemplateId=template, References={"Order": {"Type": "STRING", "Value": "1"}}
        )
    made = connect.start_task_contact(
        InstanceId=iid, Name="", TaskTemplateId=template, References={"Order": {"Type": "NUMBER", "Value": "7"}}
    )["ContactId"]
    attrs = world.contact(made).attrs
    assert attrs["References"]["Kind"] == {"Type": "STRING", "Value": "a"} and attrs["Name"] == "From template"
    assert attrs["TaskTemplateInfo"]["Name"] == "tmpl" and attrs["ContactFlowId"] == world.inbound
    with raises("InvalidRequestException", match="not ACTIVE"):
        connect.start_task_contact(InstanceId=iid, Name="t", TaskTemplateId=bare)
    with raises("ResourceNotFoundException"):
        connect.start_task_contact(InstanceId=iid, Name="t", TaskTemplateId="nope")

    # scheduled: in the future, within 6 days
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    scheduled = connect.start_task_contact(InstanceId=iid, Name="s", ContactFlowId=world.inbound, ScheduledTime=later)
    assert contacts.state(world.contact(scheduled["ContactId"])) == "SCHEDULED"
    for moment in (later - dt.timedelta(days=2), later + dt.timedelta(days=6)):
        with raises("InvalidParameterException", match="ScheduledTime"):
            connect.start_task_contact(InstanceId=iid, Name="s", ContactFlowId=world.inbound, ScheduledTime=moment)

    # linked tasks: attributes copied, at most 12 on one previous contact
    world.contact(task).attrs["Attributes"]["k"] = "v"
    for _ in range(12):
        linked = connect.start_task_contact(
            InstanceId=iid, Name="l", ContactFlowId=world.inbound, PreviousContactId=task
        )["ContactId"]
    assert world.contact(linked).attrs["Attributes"] == {"k": "v"}
    assert world.contact(linked).attrs["PreviousContactId"] == task
    with raises("ServiceQuotaExceededException", match="12"):
        connect.start_task_contact(InstanceId=iid, Name="l", ContactFlowId=world.inbound, PreviousContactId=task)
    with raises("ResourceNotFoundException", match="PreviousContactId"):
        connect.start_task_contact(InstanceId=iid, Name="l", ContactFlowId=world.inbound, PreviousContactId="nope")
    segment = {"connect:CreatedByUser": {"ValueString": f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/{iid}/agent/x"}}
    with raises("ResourceNotFoundException", match="CreatedByUser"):
        connect.start_task_contact(InstanceId=iid, Name="l", ContactFlowId=world.inbound, SegmentAttributes=segment)


def test_emails_go_between_addresses_of_the_instance(connect: Any, world: World) -> None:
    iid = world.iid
    address = connect.create_email_address(InstanceId=iid, EmailAddress=f"help@{DOMAIN}")
    message = {
        "MessageSourceType": "RAW",
        "RawMessage": {"Subject": "Hi", "Body": "Hello", "ContentType": "text/plain"},
    }
    inbound = {"InstanceId": iid, "FromEmailAddress": {"EmailAddress": "c@example.com"}, "EmailMessage": message}
    with raises("ResourceNotFoundException", match="not an email address"):
        connect.start_email_contact(**inbound, DestinationEmailAddress=f"other@{DOMAIN}", ContactFlowId=world.inbound)
    with raises("InvalidRequestException", match="no inbound flow"):
        connect.start_email_contact(**inbound, DestinationEmailAddress=f"HELP@{DOMAIN}")
    connect.associate_flow(
        InstanceId=iid, ResourceId=address["EmailAddressArn"], FlowId=world.inbound, ResourceType="INBOUND_EMAIL"
    )
    email = connect.start_email_contact(**inbound, DestinationEmailAddress=f"help@{DOMAIN}", ClientToken="e")
    again = connect.start_email_contact(**inbound, DestinationEmailAddress=f"help@{DOMAIN}", ClientToken="e")
    assert again["ContactId"] == email["ContactId"]
    with raises("IdempotencyException"):
        connect.start_email_contact(**inbound, DestinationEmailAddress=f"help@{DOMAIN}", ClientToken="e", Name="x")
    received = world.contact(email["ContactId"])
    assert (received.attrs["InitiationMethod"], received.attrs["ContactFlowId"]) == ("INBOUND", world.inbound)

    # an agent's reply: made by CreateContact, drafted, then sent from the address the email came to
    users = connect.list_users(InstanceId=iid)["UserSummaryList"]
    user = users[0]["Id"] if users else _user(connect, iid)
    with raises("InvalidParameterException", match="UserInfo"):
        connect.create_contact(InstanceId=iid, Channel="EMAIL", InitiationMethod="AGENT_REPLY")
    reply = connect.create_contact(
        InstanceId=iid,
        Channel="EMAIL",
        InitiationMethod="AGENT_REPLY",
        UserInfo={"UserId": user},
        RelatedContactId=email["ContactId"],
    )
    assert reply["ContactArn"].endswith(f"/contact/{reply['ContactId']}")
    draft = {"MessageSourceType": "RAW", "RawMessage": {"Body": "Draft", "ContentType": "text/plain"}}
    connect.update_outbound_email_contact_message(InstanceId=iid, ContactId=reply["ContactId"], EmailMessage=draft)
    with raises("InvalidRequestException", match="OUTBOUND or AGENT_REPLY"):
        connect.update_outbound_email_contact_message(InstanceId=iid, ContactId=email["ContactId"], EmailMessage=draft)
    sent = {"InstanceId": iid, "ContactId": reply["ContactId"], "EmailMessage": message}
    with raises("ResourceNotFoundException", match="FromEmailAddress"):
        connect.start_outbound_email_contact(
            **sent,
            DestinationEmailAddress={"EmailAddress": "c@example.com"},
            FromEmailAddress={"EmailAddress": "x@y.z"},
        )
    connect.start_outbound_email_contact(**sent, DestinationEmailAddress={"EmailAddress": "c@example.com"})
    assert world.contact(reply["ContactId"]).attrs["SystemEndpoint"]["Address"] == f"help@{DOMAIN}"
    with raises("ResourceConflictException"):
        connect.update_outbound_email_contact_message(InstanceId=iid, ContactId=reply["ContactId"], EmailMessage=draft)
    with raises("InvalidRequestException", match="already been sent"):
        connect.start_outbound_email_contact(**sent, DestinationEmailAddress={"EmailAddress": "c@example.com"})

    # a campaign's email
    campaign_email = {
        "InstanceId": iid,
        "FromEmailAddress": {"EmailAddress": f"help@{DOMAIN}"},
        "DestinationEmailAddress": {"EmailAddress": "c@example.com"},
        "EmailMessage": message,
    }
    with raises("InvalidRequestException", match="CAMPAIGN"):
        connect.send_outbound_email(**campaign_email, TrafficType="GENERAL")
    connect.send_outbound_email(**campaign_email, TrafficType="CAMPAIGN", SourceCampaign={"CampaignId": "c1"})


def _user(connect: Any, iid: str) -> str:
    return str(new_user(connect, iid)["UserId"])


def test_create_contact_web_calls_batches_and_assistants(connect: Any, world: World) -> None:
    iid = world.iid
    user = _user(connect, iid)
    for kw, match in [
        ({"Channel": "CHAT", "InitiationMethod": "API"}, "channels"),
        ({"Channel": "VOICE", "InitiationMethod": "API"}, "TRANSFER"),
        ({"Channel": "VOICE", "InitiationMethod": "TRANSFER", "InitiateAs": "COMPLETED"}, "TASK"),
        ({"Channel": "TASK", "InitiationMethod": "API", "InitiateAs": "CONNECTED_TO_USER"}, "UserInfo"),
    ]:
        with raises("InvalidParameterException", match=match):
            connect.create_contact(InstanceId=iid, **kw)
    done = connect.create_contact(InstanceId=iid, Channel="TASK", InitiationMethod="API", InitiateAs="COMPLETED")
    assert contacts.ended(world.contact(done["ContactId"]))
    assert world.contact(done["ContactId"]).attrs["SegmentAttributes"]["connect:Subtype"]["ValueString"] == (
        "connect:ExternalTask"
    )
    with_agent = connect.create_contact(
        InstanceId=iid,
        Channel="TASK",
        InitiationMethod="API",
        InitiateAs="CONNECTED_TO_USER",
        UserInfo={"UserId": user},
    )["ContactId"]
    assert contacts.state(world.contact(with_agent)) == "CONNECTED_TO_AGENT"
    with raises("InvalidRequestException", match="PreviousContactId"):
        connect.create_contact(InstanceId=iid, Channel="TASK", InitiationMethod="API", PreviousContactId=with_agent)
    audio = connect.create_contact(
        InstanceId=iid, Channel="VOICE", InitiationMethod="TRANSFER", PreviousContactId=with_agent
    )["ContactId"]
    assert world.contact(audio).attrs["InitialContactId"] == with_agent

    web = connect.start_web_rtc_contact(
        InstanceId=iid, ContactFlowId=world.inbound, ParticipantDetails={"DisplayName": "Customer"}
    )
    assert web["ConnectionData"]["Meeting"]["MediaRegion"] == REGION and web["ParticipantToken"]
    assert world.contact(web["ContactId"]).attrs["InitiationMethod"] == "WEBRTC_API"

    batch = connect.batch_put_contact(
        InstanceId=iid,
        ContactDataRequestList=[
            {
                "RequestIdentifier": "ok",
                "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+12065550100"},
                "QueueId": world.queue,
                "Campaign": {"CampaignId": "c1"},
            },
            {"RequestIdentifier": "no-customer", "QueueId": world.queue, "Campaign": {"CampaignId": "c1"}},
            {
                "RequestIdentifier": "no-route",
                "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+12065550100"},
                "Campaign": {"CampaignId": "c1"},
            },
            {
                "RequestIdentifier": "bad-queue",
                "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+12065550100"},
                "QueueId": "nope",
                "Campaign": {"CampaignId": "c1"},
            },
        ],
    )
    assert [s["RequestIdentifier"] for s in batch["SuccessfulRequestList"]] == ["ok"]
    assert [f["FailureReasonCode"] for f in batch["FailedRequestList"]] == [
        "MISSING_CUSTOMER_ENDPOINT",
        "MISSING_QUEUE_ID_AND_SYSTEM_ENDPOINT",
        "INVALID_QUEUE",
    ]
    assert contacts.state(world.contact(batch["SuccessfulRequestList"][0]["ContactId"])) == "QUEUED"

    agent = {"AiAgentId": "0123abcd-0123-4567-89ab-0123456789ab"}
    chat = connect.start_assistant_contact(InstanceId=iid, AiAgent=agent, ParticipantDetails={"DisplayName": "C"})
    assert world.contact(chat["ContactId"]).attrs["Channel"] == "CHAT"
    persistent = {"RehydrationType": "ENTIRE_PAST_SESSION", "SourceContactId": chat["ContactId"]}
    start = {"InstanceId": iid, "AiAgent": agent, "ParticipantDetails": {"DisplayName": "C"}}
    with raises("InvalidRequestException", match="has ended"):
        connect.start_assistant_contact(**start, PersistentChat=persistent)
    with raises("InvalidRequestException", match="not both"):
        connect.start_assistant_contact(**start, PersistentChat=persistent, RelatedContactId=chat["ContactId"])
    backend = connect_backends[ACCOUNT][REGION]
    contacts.end(backend.resources, world.contact(chat["ContactId"]), Caller(ACCOUNT, REGION, "aws"))
    continued = connect.start_assistant_contact(**start, PersistentChat=persistent)
    assert continued["ContinuedFromContactId"] == chat["ContactId"]


def test_family_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    served = World(connect, "served")
    call = served.voice(Name="served")
    assert connect.describe_contact(InstanceId=served.iid, ContactId=call)["Contact"]["Channel"] == "VOICE"
    task = connect.start_task_contact(InstanceId=served.iid, Name="t", ContactFlowId=served.inbound)
    assert task["ContactId"]
    with raises("ResourceNotFoundException"):
        served.voice(ContactFlowId="nope")
