"""Valid requests for notifications: recipients of the instance, a chat with a Pinpoint app for push
registrations, a campaign of the instance for outbound web notifications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.conformance.seeds import World, happy

LATER = dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc)


def _chat(world: World, instance_id: str) -> str:
    connect = world.client("connect")
    flows = connect.list_contact_flows(InstanceId=instance_id, ContactFlowTypes=["CONTACT_FLOW"])
    flow = flows["ContactFlowSummaryList"][0]["Id"]
    chat = connect.start_chat_contact(
        InstanceId=instance_id, ContactFlowId=flow, ParticipantDetails={"DisplayName": "H"}
    )
    return str(chat["ContactId"])


def _app(world: World) -> str:
    return str(
        world.client("pinpoint").create_app(CreateApplicationRequest={"Name": "happy"})["ApplicationResponse"]["Arn"]
    )


@happy("connect", "CreateNotification")
def _create_notification(world: World, request: dict[str, Any]) -> dict[str, Any]:
    arn = world.client("connect").describe_instance(InstanceId=request["InstanceId"])["Instance"]["Arn"]
    return {**request, "Recipients": [arn], "ExpiresAt": LATER}


@happy("connect", "CreatePushNotificationRegistration")
def _register(world: World, request: dict[str, Any]) -> dict[str, Any]:
    contact = {"ContactId": _chat(world, request["InstanceId"]), "ParticipantRole": "CUSTOMER"}
    return {**request, "PinpointAppArn": _app(world), "ContactConfiguration": contact}


@happy("connect", "DeletePushNotificationRegistration")
def _unregister(world: World, request: dict[str, Any]) -> dict[str, Any]:
    contact = _chat(world, request["InstanceId"])
    registration = world.client("connect").create_push_notification_registration(
        InstanceId=request["InstanceId"],
        PinpointAppArn=_app(world),
        DeviceToken="happy-device",
        DeviceType="GCM",
        ContactConfiguration={"ContactId": contact},
    )
    return {**request, "RegistrationId": registration["RegistrationId"], "ContactId": contact}


@happy("connect", "SendOutboundWebNotification")
def _web_notification(world: World, request: dict[str, Any]) -> dict[str, Any]:
    campaigns = world.client("connectcampaignsv2")
    instance_id = request["InstanceId"]
    campaigns.start_instance_onboarding_job(connectInstanceId=instance_id, encryptionConfig={"enabled": False})
    telephony = {
        "capacity": 0.5,
        "connectQueueId": "queue-1",
        "outboundMode": {"progressive": {"bandwidthAllocation": 1.0}},
        "defaultOutboundConfig": {"connectContactFlowId": "flow-1", "connectSourcePhoneNumber": "+12065550100"},
    }
    campaign = campaigns.create_campaign(
        name="happy-web", connectInstanceId=instance_id, channelSubtypeConfig={"telephony": telephony}
    )["id"]
    return {
        **request,
        "ExpiresAt": LATER,
        "Source": {"SourceCampaign": {"CampaignId": campaign}},
        "Content": {"Type": "WIDGET_ACTION"},
    }
