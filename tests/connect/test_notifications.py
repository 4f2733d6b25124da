"""Notifications through boto3: recipients, content, expiry, users' statuses, search; push
notification registrations for chats; outbound web notifications; the family in server mode."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from moto_connect_ext.connect import notifications as nt
from tests.connectcampaigns.util import create_v2, onboard
from tests.helpers import new_instance, raises
from tests.servers import server_client

LATER = dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc)


def _user(connect: Any, iid: str, name: str) -> dict[str, Any]:
    profile = connect.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"][0]["Id"]
    routing = connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]["Id"]
    return dict(
        connect.create_user(
            InstanceId=iid,
            Username=name,
            Password="Passw0rd!x",
            IdentityInfo={"FirstName": name, "LastName": "X"},
            PhoneConfig={"PhoneType": "SOFT_PHONE"},
            SecurityProfileIds=[profile],
            RoutingProfileId=routing,
        )
    )


def _mine(connect: Any, iid: str, uid: str, **kw: Any) -> list[tuple[str, str]]:
    listed = connect.list_user_notifications(InstanceId=iid, UserId=uid, **kw)["UserNotifications"]
    return [(n["NotificationId"], n["NotificationStatus"]) for n in listed]


def _set(connect: Any, iid: str, uid: str, nid: str, status: str) -> None:
    connect.update_user_notification_status(InstanceId=iid, UserId=uid, NotificationId=nid, Status=status)


def _flow(connect: Any, iid: str) -> str:
    flows = connect.list_contact_flows(InstanceId=iid)["ContactFlowSummaryList"]
    return str(next(f["Id"] for f in flows if f["ContactFlowType"] == "CONTACT_FLOW"))


def test_notification_life(connect: Any, instance: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    iid, instance_arn = instance["Id"], instance["Arn"]
    ann, bob = _user(connect, iid, "ann"), _user(connect, iid, "bob")

    def create(**kw: Any) -> str:
        request = {"InstanceId": iid, "Recipients": [ann["UserArn"]], "Content": {"en_US": "Training at 3"}, **kw}
        return str(connect.create_notification(**request)["NotificationId"])

    # recipients: the instance's users or the instance itself
    with raises("ResourceNotFoundException", 404, match="User not found"):
        create(Recipients=[f"{instance_arn}/agent/nobody"])
    other = new_instance(connect, "other")
    for bad in ([f"{other['Arn']}/agent/{ann['UserId']}"], [ann["UserId"]], [other["Arn"]], []):
        with raises("InvalidParameterException", 400):
            create(Recipients=bad)
    # content: some text, at most 250 characters shown (a link counts its text)
    with raises("InvalidParameterException", 400, match="at least one locale"):
        create(Content={"en_US": " ", "fr_FR": ""})
    with raises("InvalidParameterException", 400, match="250 characters"):
        create(Content={"de_DE": "x" * 251})
    with raises("InvalidParameterException", 400, match="not in the future"):
        create(ExpiresAt=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))

    linked = "y" * 240 + "[see](https://example.com/" + "z" * 200 + ")"
    first = create(Content={"en_US": linked}, Tags={"team": "ops"}, ClientToken="tok")
    assert create(Content={"en_US": linked}, Tags={"team": "ops"}, ClientToken="tok") == first
    with raises("InvalidRequestException", 400, match="client token"):
        create(ClientToken="tok")
    described = connect.describe_notification(InstanceId=iid, NotificationId=first)["Notification"]
    assert described["Arn"] == f"{instance_arn}/notification/{first}" and described["Priority"] == "LOW"
    assert described["ExpiresAt"] - described["CreatedAt"] == dt.timedelta(days=7)
    assert described["Tags"] == {"team": "ops"} and described["Recipients"] == [ann["UserArn"]]

    everyone = create(Recipients=[instance_arn], Priority="HIGH", ExpiresAt=LATER, PredefinedNotificationId="pre-1")
    assert everyone == "pre-1"
    with raises("DuplicateResourceException", 409, match="pre-1"):
        create(PredefinedNotificationId="pre-1")
    assert [n["Id"] for n in connect.list_notifications(InstanceId=iid)["NotificationSummaryList"]] == [
        first,
        everyone,
    ]

    # each recipient has a status (newest first); users added later get instance-wide ones
    assert _mine(connect, iid, ann["UserId"]) == [(everyone, "UNREAD"), (first, "UNREAD")]
    assert _mine(connect, iid, bob["UserId"]) == [(everyone, "UNREAD")]
    cid = _user(connect, iid, "cid")["UserId"]
    page = connect.list_user_notifications(InstanceId=iid, UserId=ann["UserId"], MaxResults=1)
    assert [n["NotificationId"] for n in page["UserNotifications"]] == [everyone]
    rest = connect.list_user_notifications(InstanceId=iid, UserId=ann["UserId"], NextToken=page["NextToken"])
    assert [n["NotificationId"] for n in rest["UserNotifications"]] == [first] and "NextToken" not in rest
    summary = connect.list_user_notifications(InstanceId=iid, UserId=cid)["UserNotifications"][0]
    assert (summary["RecipientId"], summary["Source"], summary["Priority"], summary["InstanceId"]) == (
        cid,
        "CUSTOMER",
        "HIGH",
        iid,
    )

    for status in ("READ", "HIDDEN"):
        connect.update_user_notification_status(
            InstanceId=iid, UserId=ann["UserId"], NotificationId=first, Status=status
        )
        assert _mine(connect, iid, ann["UserId"])[1] == (first, status)
    assert _mine(connect, iid, bob["UserId"]) == [(everyone, "UNREAD")]  # statuses are per user
    with raises("ResourceNotFoundException", 404, match="was not sent"):
        connect.update_user_notification_status(
            InstanceId=iid, UserId=bob["UserId"], NotificationId=first, Status="READ"
        )
    with raises("ResourceNotFoundException", 404):
        _set(connect, iid, "nobody", first, "READ")
    with raises("ResourceNotFoundException", 404):
        connect.list_user_notifications(InstanceId=iid, UserId="nobody")

    # content updates reach every recipient
    connect.update_notification_content(InstanceId=iid, NotificationId=everyone, Content={"fr_FR": "Bonjour"})
    assert connect.list_user_notifications(InstanceId=iid, UserId=bob["UserId"])["UserNotifications"][0]["Content"] == {
        "fr_FR": "Bonjour"
    }
    with raises("InvalidParameterException", 400):
        connect.update_notification_content(InstanceId=iid, NotificationId=everyone, Content={"fr_FR": ""})

    # search: newest first, by content (any locale), ID and tags
    def found(criteria: dict[str, Any] | None = None, **kw: Any) -> list[str]:
        request = {"InstanceId": iid, **({"SearchCriteria": criteria} if criteria else {}), **kw}
        answer = connect.search_notifications(**request)
        assert answer["ApproximateTotalCount"] == len(answer["Notifications"])
        return [n["Id"] for n in answer["Notifications"]]

    assert found() == [everyone, first]
    assert found({"StringCondition": {"FieldName": "Content", "Value": "bonj", "ComparisonType": "STARTS_WITH"}}) == [
        everyone
    ]
    assert found({"StringCondition": {"FieldName": "resourceID", "Value": first, "ComparisonType": "EXACT"}}) == [first]
    assert found(SearchFilter={"AttributeFilter": {"TagCondition": {"TagKey": "team", "TagValue": "ops"}}}) == [first]
    with raises("InvalidParameterException", 400, match="not supported"):
        found({"StringCondition": {"FieldName": "colour", "Value": "x", "ComparisonType": "EXACT"}})

    # an expired notification is no longer listed for its users (still described)
    monkeypatch.setattr(nt, "now", lambda: described["CreatedAt"] + dt.timedelta(days=8))
    assert _mine(connect, iid, ann["UserId"]) == [(everyone, "UNREAD")]
    with raises("ResourceNotFoundException", 404, match="expired"):
        connect.update_user_notification_status(
            InstanceId=iid, UserId=ann["UserId"], NotificationId=first, Status="READ"
        )
    monkeypatch.undo()

    connect.delete_notification(InstanceId=iid, NotificationId=everyone)
    assert _mine(connect, iid, bob["UserId"]) == []
    for call in (connect.describe_notification, connect.delete_notification):
        with raises("ResourceNotFoundException", 404):
            call(InstanceId=iid, NotificationId=everyone)


def test_push_notification_registrations(connect: Any, moto_connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    app = moto_connect.client("pinpoint").create_app(CreateApplicationRequest={"Name": "mobile"})
    app_arn = app["ApplicationResponse"]["Arn"]
    flow = _flow(connect, iid)
    chat = connect.start_chat_contact(InstanceId=iid, ContactFlowId=flow, ParticipantDetails={"DisplayName": "A"})
    chat_id = chat["ContactId"]

    def register(contact: str = chat_id, **kw: Any) -> str:
        request = {
            "InstanceId": iid,
            "PinpointAppArn": app_arn,
            "DeviceToken": "device-1",
            "DeviceType": "APNS",
            "ContactConfiguration": {"ContactId": contact, "ParticipantRole": "CUSTOMER"},
            **kw,
        }
        return str(connect.create_push_notification_registration(**request)["RegistrationId"])

    first = register(ClientToken="t")
    assert register(ClientToken="t") == first == register()  # same device, same chat: the same registration
    second = register(DeviceToken="device-2", DeviceType="GCM")
    assert second != first
    # the operation models no idempotency error: a reused token is a bad parameter
    with raises("InvalidParameterException", 400, match="client token"):
        register(ClientToken="t", DeviceToken="device-3")
    with raises("InvalidParameterException", 400, match="only CUSTOMER"):
        register(ContactConfiguration={"ContactId": chat_id, "ParticipantRole": "AGENT"})
    with raises("ResourceNotFoundException", 404, match="Contact not found"):
        register("no-such-contact")
    task = connect.start_task_contact(InstanceId=iid, Name="t", ContactFlowId=flow)["ContactId"]
    with raises("InvalidParameterException", 400, match="not a chat"):
        register(task)
    with raises("InvalidParameterException", 400, match="Pinpoint"):
        register(PinpointAppArn="arn:aws:s3:::bucket")
    with raises("ResourceNotFoundException", 404, match="Pinpoint application not found"):
        register(PinpointAppArn=app_arn.rsplit("/", 1)[0] + "/0123456789abcdef")

    with raises("ResourceNotFoundException", 404):
        connect.delete_push_notification_registration(InstanceId=iid, RegistrationId=first, ContactId=task)
    connect.delete_push_notification_registration(InstanceId=iid, RegistrationId=first, ContactId=chat_id)
    with raises("ResourceNotFoundException", 404):
        connect.delete_push_notification_registration(InstanceId=iid, RegistrationId=first, ContactId=chat_id)
    assert register() != first  # registered anew

    connect.stop_contact(InstanceId=iid, ContactId=chat_id)
    with raises("InvalidParameterException", 400, match="ended"):
        register(DeviceToken="device-9")


def test_outbound_web_notifications(connect: Any, moto_connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    v2 = moto_connect.client("connectcampaignsv2")
    onboard(v2, iid)
    campaign = create_v2(v2, iid)["id"]
    view = connect.create_view(
        InstanceId=iid,
        Name="offer",
        Status="PUBLISHED",
        Content={"Template": json.dumps({"Head": {"Title": "Offer"}, "Body": []}), "Actions": []},
    )["View"]["Arn"]

    def send(**kw: Any) -> None:
        request: dict[str, Any] = {
            "InstanceId": iid,
            "BrowserId": "browser-1",
            "SessionId": "session-1",
            "ExpiresAt": LATER,
            "Source": {"SourceCampaign": {"CampaignId": campaign}},
            "Destination": {"WidgetId": "widget-1", "ProfileId": "profile1"},
            "Content": {"Type": "WIDGET_VIEW", "ViewArn": view},
            **kw,
        }
        connect.send_outbound_web_notification(**request)

    send(ClientToken="t")
    send(ClientToken="t")  # a retry sends nothing more
    send(Content={"Type": "WIDGET_ACTION"})
    from moto_connect_ext.connect.models import connect_backends

    sent = connect_backends["123456789012"]["us-east-1"].instance(iid).sent_web_notifications
    assert [s["Content"]["Type"] for s in sent] == ["WIDGET_VIEW", "WIDGET_ACTION"]

    with raises("InvalidRequestException", 400, match="not in the future"):
        send(ExpiresAt=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
    with raises("InvalidRequestException", 400, match="ViewArn is required"):
        send(Content={"Type": "WIDGET_VIEW"})
    with raises("InvalidRequestException", 400, match="not the ARN of a Connect view"):
        send(Content={"Type": "WIDGET_VIEW", "ViewArn": "arn:aws:s3:::bucket/view"})
    with raises("ResourceNotFoundException", 404, match="View not found"):
        send(Content={"Type": "WIDGET_VIEW", "ViewArn": f"{instance['Arn']}/view/no-such-view"})
    with raises("InvalidRequestException", 400, match="CampaignId or an OutboundRequestId"):
        send(Source={"SourceCampaign": {}})
    with raises("ResourceNotFoundException", 404, match="Campaign not found"):
        send(Source={"SourceCampaign": {"CampaignId": "nope"}})
    with raises("ResourceNotFoundException", 404, match="Outbound request not found"):
        send(Source={"SourceCampaign": {"CampaignId": campaign, "OutboundRequestId": "0" * 36}})
    with raises("ResourceNotFoundException", 404):
        send(InstanceId="no-such-instance")
    assert len(sent) == 2


# -- server mode -------------------------------------------------------------------------
def test_family_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    created = new_instance(connect, "served")
    iid = created["Id"]
    ann = _user(connect, iid, "ann")
    nid = connect.create_notification(
        InstanceId=iid, Recipients=[created["Arn"]], Content={"en_US": "Hello"}, Priority="HIGH"
    )["NotificationId"]
    connect.update_user_notification_status(InstanceId=iid, UserId=ann["UserId"], NotificationId=nid, Status="READ")
    assert _mine(connect, iid, ann["UserId"]) == [(nid, "READ")]
    described = connect.describe_notification(InstanceId=iid, NotificationId=nid)["Notification"]
    assert described["LastModifiedRegion"] == "eu-west-2" and described["Priority"] == "HIGH"
    with raises("InvalidParameterException", 400):
        connect.create_notification(InstanceId=iid, Recipients=["arn:aws:s3:::b"], Content={"en_US": "Hi"})
    connect.delete_notification(InstanceId=iid, NotificationId=nid)
    assert connect.list_notifications(InstanceId=iid)["NotificationSummaryList"] == []


def test_update_content_shows_up_to_500_characters(connect: Any, instance: dict[str, Any]) -> None:
    # UpdateNotificationContent's Content: "Maximum 500 visible characters per locale" (CreateNotification: 250)
    iid = instance["Id"]
    nid = connect.create_notification(InstanceId=iid, Recipients=[instance["Arn"]], Content={"en_US": "Hi"})[
        "NotificationId"
    ]
    connect.update_notification_content(InstanceId=iid, NotificationId=nid, Content={"en_US": "x" * 500})
    described = connect.describe_notification(InstanceId=iid, NotificationId=nid)["Notification"]
    assert described["Content"] == {"en_US": "x" * 500}
    with raises("InvalidParameterException", 400, match="500 characters"):
        connect.update_notification_content(InstanceId=iid, NotificationId=nid, Content={"en_US": "x" * 501})
