"""Notifications (the admin website's header), users' notification statuses, push notification
registrations for chats, and outbound web notifications."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of
from ...core.resources import Resource, operations, parent_of, render, resource_of
from .. import notifications as nt
from ..exceptions import InvalidRequestException
from ..users import USER
from .common import ROOT, delete_created, once, reused, with_next, with_tags

NOTIFICATION = nt.NOTIFICATION


def create_notification(r: Any) -> dict[str, Any]:
    instance = parent_of(NOTIFICATION, r)
    notification = once(
        r,
        "CreateNotification",
        lambda: nt.create(r.backend.resources, instance, r.params, r.caller),
        mismatch=reused(r, InvalidRequestException, "to create a notification with other parameters"),
    )
    return {"NotificationId": notification.id, "NotificationArn": notification.arn}


def update_notification_content(r: Any) -> None:
    nt.update_content(r.backend.resources, resource_of(NOTIFICATION, r), r.params["Content"], r.caller)


def search_notifications(r: Any) -> dict[str, Any]:
    p = r.params
    resources = r.backend.resources
    instance = parent_of(NOTIFICATION, r)
    keep = with_tags(r, nt.search_matcher(p.get("SearchCriteria")))
    scope = f"SearchNotifications:{p.get('SearchCriteria')!r}:{p.get('SearchFilter')!r}"
    items, token, total = nt.newest_first(
        resources, instance, scope, p.get("NextToken"), limit_of(p.get("MaxResults"), 100), keep
    )
    return with_next(
        token,
        Notifications=[render(n, "NotificationSearchSummary", resources.tags) for n in items],
        ApproximateTotalCount=total,
    )


def _user(r: Any) -> Resource:
    return r.backend.resources.get(USER, parent_of(NOTIFICATION, r), r.params["UserId"])  # type: ignore[no-any-return]


def list_user_notifications(r: Any) -> dict[str, Any]:
    p = r.params
    user = _user(r)
    items, token = nt.user_notifications(
        r.backend.resources, user.parent, user, p.get("NextToken"), limit_of(p.get("MaxResults"), 100)
    )
    return with_next(token, UserNotifications=items)


def update_user_notification_status(r: Any) -> None:
    user = _user(r)
    nt.set_user_status(resource_of(NOTIFICATION, r), user, r.params["Status"])


def create_push_notification_registration(r: Any) -> dict[str, Any]:
    instance = parent_of(nt.PUSH_REGISTRATION, r)
    registration = once(
        r,
        "CreatePushNotificationRegistration",
        lambda: nt.register_push(r.backend.resources, instance, r.params, r.caller),
        mismatch=reused(r, InvalidRequestException, "to register a device with other parameters"),
    )
    return {"RegistrationId": registration.id}


def delete_push_notification_registration(r: Any) -> None:
    p = r.params
    instance = parent_of(nt.PUSH_REGISTRATION, r)
    nt.unregister_push(r.backend.resources, instance, p["RegistrationId"], p["ContactId"])
    r.backend.client_tokens.forget_results(
        lambda result: isinstance(result, Resource) and result.id == p["RegistrationId"]
    )


def send_outbound_web_notification(r: Any) -> None:
    instance = parent_of(NOTIFICATION, r)
    once(
        r,
        "SendOutboundWebNotification",
        lambda: nt.send_web_notification(r.backend.resources, instance, r.params, r.caller),
        mismatch=reused(r, InvalidRequestException, "to send a web notification with other parameters"),
    )


HANDLERS = {
    **operations(
        NOTIFICATION,
        ROOT,
        describe="DescribeNotification",
        list_="ListNotifications",
    ),
    "create_notification": create_notification,
    "update_notification_content": update_notification_content,
    "delete_notification": delete_created(NOTIFICATION),
    "search_notifications": search_notifications,
    "list_user_notifications": list_user_notifications,
    "update_user_notification_status": update_user_notification_status,
    "create_push_notification_registration": create_push_notification_registration,
    "delete_push_notification_registration": delete_push_notification_registration,
    "send_outbound_web_notification": send_outbound_web_notification,
}
