"""In-app notifications, push notification registrations and outbound web notifications.

**Notifications** (API Reference, CreateNotification; Administrator Guide, "Notifications in
the workspace header") are short messages shown in the header of the Connect admin website to
the users they are sent to, declared on the resource layer:

* ``Recipients`` are ARNs: a user of the instance (``.../instance/<id>/agent/<user>``, which
  must exist: ``ResourceNotFoundException``) or the instance itself, which targets every user
  of the instance (users created later included).  Anything else is
  ``InvalidParameterException``; at least one recipient, at most 200 (the model).
* ``Content`` maps locale codes to the text; at least one locale has text, and a text shows at
  most ``MAX_VISIBLE_CHARACTERS`` characters ("Maximum 250 characters per locale"; a Markdown
  link ``[text](url)`` counts its text; the model bounds the raw string), and an update at most
  ``MAX_UPDATED_VISIBLE_CHARACTERS`` (UpdateNotificationContent: "Maximum 500 visible characters
  per locale").
* ``Priority`` is ``HIGH`` or ``LOW`` (``LOW`` when not given: AWS documents no default).
  ``ExpiresAt`` defaults to one week after creation ("If not specified, defaults to one week
  from creation") and must be in the future.
* ``PredefinedNotificationId`` becomes the notification's ID: one already used in the
  instance is ``DuplicateResourceException``.  A client token makes CreateNotification idempotent.
* Each recipient user has a status for the notification, ``UNREAD`` at first;
  UpdateUserNotificationStatus sets ``READ``, ``UNREAD`` or ``HIDDEN`` ("READ status
  deprioritizes the notification and greys it out, while HIDDEN status removes it from the
  notification widget"; users "can only update notification status for notifications that
  have been sent to them").  ListUserNotifications lists the user's notifications that have not
  expired ("Expired messages are automatically removed"), newest first, with their status
  (hidden ones included, marked ``HIDDEN``), ``Source`` ``CUSTOMER`` (made through the API).
* UpdateNotificationContent replaces the content for every recipient; DeleteNotification
  removes the notification for everyone.  SearchNotifications answers newest first and knows
  the fields ``resourceID`` (or ``Id``) and ``Content`` (any locale's text).

**Push notification registrations** (CreatePushNotificationRegistration) register a mobile
device token for a chat contact's messages: the contact must exist (``contacts.find``), be a
chat and not have ended; ``ParticipantRole`` is ``CUSTOMER`` ("Only CUSTOMER is currently
supported"); ``PinpointAppArn`` names an application of moto's Pinpoint
(``ResourceNotFoundException`` otherwise).  Registering the same device token for the same
contact again answers the registration it already has.  DeletePushNotificationRegistration
names the registration and its contact.

**Outbound web notifications** (SendOutboundWebNotification) are sent by outbound campaigns to
a customer's browser: the campaign must be one of moto's campaigns of the instance, the
outbound request one of its requests; a ``WIDGET_VIEW`` names the view it renders
(``ViewArn``: a view of the instance or an AWS-managed view, ``views.find``); ``ExpiresAt``
is in the future.  Sent notifications are
kept on the instance (``sent_web_notifications``).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from moto.pinpoint.models import pinpoint_backends

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.clock import now
from ..core.pagination import Walks
from ..core.resources import Container, ModeledError, Resource, Resources, ResourceType
from . import contacts, views
from .exceptions import InvalidParameterException, InvalidRequestException, ResourceNotFoundException
from .search_criteria import criteria_matcher, lift_string_conditions, string_matcher
from .users import USER

#: "Maximum 250 characters per locale" (the text shown; Markdown links count their text)
MAX_VISIBLE_CHARACTERS = 250
#: UpdateNotificationContent's Content: "Maximum 500 visible characters per locale"
MAX_UPDATED_VISIBLE_CHARACTERS = 500
#: "If not specified, defaults to one week from creation"
DEFAULT_LIFETIME = dt.timedelta(days=7)
DEFAULT_PRIORITY = "LOW"
UNREAD, READ, HIDDEN = "UNREAD", "READ", "HIDDEN"
SOURCE_CUSTOMER = "CUSTOMER"

#: private attributes: user ID -> status, and who the notification reaches
STATUSES = "_Statuses"
SOURCE = "_Source"

_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


# -- content and recipients ------------------------------------------------------------
def visible_length(text: str) -> int:
    return len(_MARKDOWN_LINK.sub(r"\1", text))


def check_content(content: Mapping[str, str], limit: int = MAX_VISIBLE_CHARACTERS) -> None:
    if not any(text.strip() for text in content.values()):
        raise InvalidParameterException("Content must have the text of the notification in at least one locale")
    for locale, text in content.items():
        if visible_length(text) > limit:
            raise InvalidParameterException(
                f"Content[{locale}] is {visible_length(text)} characters long; a notification shows at most "
                f"{limit} characters per locale"
            )


def check_recipients(resources: Resources, instance: Any, recipients: list[str]) -> None:
    """Each recipient is the instance's ARN or the ARN of one of its users."""
    if not recipients:
        raise InvalidParameterException("Recipients must name at least one user or the instance")
    prefix = f"{instance.arn}/agent/"
    for arn in recipients:
        if arn == instance.arn:
            continue
        if not arn.startswith(prefix) or "/" in arn[len(prefix) :] or arn == prefix:
            raise InvalidParameterException(
                f"Recipient {arn} is neither the ARN of the instance {instance.id} nor the ARN of one of its users"
            )
        if resources.find(USER, instance, arn) is None:
            raise ResourceNotFoundException(f"User not found: {arn}")


def reaches(notification: Resource, user: Resource) -> bool:
    """Whether the notification was sent to the user (by the user's ARN or the instance's)."""
    recipients = notification.attrs["Recipients"]
    return user.arn in recipients or user.arn.rsplit("/agent/", 1)[0] in recipients


def expired(notification: Resource, at: dt.datetime | None = None) -> bool:
    expires: dt.datetime = notification.attrs["ExpiresAt"]
    return expires <= (at or now())


def _check(resources: Resources, current: Resource | None, instance: Any, attrs: dict[str, Any]) -> None:
    check_content(attrs["Content"], MAX_VISIBLE_CHARACTERS if current is None else MAX_UPDATED_VISIBLE_CHARACTERS)
    if current is None:
        check_recipients(resources, instance, attrs["Recipients"])
        if attrs["ExpiresAt"] <= now():
            raise InvalidParameterException(
                f"ExpiresAt {attrs['ExpiresAt'].isoformat()} is not in the future: a notification expires after "
                "it is created"
            )


NOTIFICATION = ResourceType(
    kind="notification",
    name_member=None,
    root_id_names=("InstanceId",),
    computed={"CreatedAt": lambda r: r.created_time},
    check=_check,
)


def _timestamp(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    return dt.datetime.fromtimestamp(float(value), dt.timezone.utc)


def create(resources: Resources, instance: Container, request: Mapping[str, Any], caller: Caller) -> Resource:
    ident = request.get("PredefinedNotificationId")
    if ident is not None and resources.find(NOTIFICATION, instance, ident) is not None:
        raise ModeledError("DuplicateResourceException", f"A notification with the ID {ident} already exists")
    given = request.get("ExpiresAt")
    attrs = {
        "Content": dict(request["Content"]),
        "Recipients": list(request["Recipients"]),
        "Priority": request.get("Priority") or DEFAULT_PRIORITY,
        "ExpiresAt": _timestamp(given) if given is not None else now() + DEFAULT_LIFETIME,
        STATUSES: {},
        SOURCE: SOURCE_CUSTOMER,
    }
    created = resources.create(NOTIFICATION, instance, attrs, caller, request.get("Tags"), resource_id=ident)
    if given is None:  # a week after the creation time the notification shows
        created.attrs["ExpiresAt"] = created.created_time + DEFAULT_LIFETIME
    return created


def update_content(resources: Resources, notification: Resource, content: Mapping[str, str], caller: Caller) -> None:
    resources.update(notification, {"Content": dict(content)}, caller)


# -- a user's notifications ------------------------------------------------------------
def _walks(instance: Container) -> Walks:
    walks: Walks = instance.__dict__.setdefault("_notification_walks", Walks())
    return walks


def newest_first(
    resources: Resources,
    instance: Container,
    scope: str,
    next_token: str | None,
    max_results: int,
    keep: Callable[[Resource], bool],
) -> tuple[list[Resource], str | None, int]:
    """A stable walk of the instance's notifications ``keep`` accepts, newest first."""
    store = instance.children(NOTIFICATION.kind)

    def search() -> list[Resource]:
        found = [n for n in store.values() if keep(n)]
        return sorted(found, key=lambda n: store.position(n.id), reverse=True)

    def lookup(ident: str) -> Resource | None:
        found = store.get(ident)
        return found if found is not None and keep(found) else None

    page = _walks(instance).page(scope, next_token, max_results, search, lambda n: n.id, lookup)
    return page.items, page.next_token, page.total


def user_notifications(
    resources: Resources, instance: Container, user: Resource, next_token: str | None, max_results: int
) -> tuple[list[dict[str, Any]], str | None]:
    at = now()
    items, token, _ = newest_first(
        resources,
        instance,
        f"ListUserNotifications:{user.id}",
        next_token,
        max_results,
        lambda n: reaches(n, user) and not expired(n, at),
    )
    return [user_summary(n, user) for n in items], token


def user_summary(notification: Resource, user: Resource) -> dict[str, Any]:
    attrs = notification.attrs
    return {
        "NotificationId": notification.id,
        "NotificationStatus": attrs[STATUSES].get(user.id, UNREAD),
        "InstanceId": notification.root_id,
        "RecipientId": user.id,
        "Content": copy.deepcopy(attrs["Content"]),
        "Priority": attrs["Priority"],
        "Source": attrs[SOURCE],
        "CreatedAt": notification.created_time,
        "ExpiresAt": attrs["ExpiresAt"],
    }


def set_user_status(notification: Resource, user: Resource, status: str) -> None:
    """The user's status for a notification sent to them (and not expired)."""
    if not reaches(notification, user) or expired(notification):
        raise ResourceNotFoundException(
            f"Notification {notification.id} was not sent to user {user.id}, or it has expired"
        )
    notification.attrs[STATUSES][user.id] = status


# -- SearchNotifications ---------------------------------------------------------------
SEARCH_FIELDS: dict[str, Callable[[Resource], Any]] = {
    "resourceID": lambda r: r.id,
    "Id": lambda r: r.id,
}
_CONTENT = "Content"
_CONTENT_CONDITION = "_ContentStringCondition"


def _content_condition(condition: Mapping[str, Any]) -> Callable[[Resource], bool]:
    match = string_matcher(condition, {_CONTENT: lambda text: text})
    return lambda r: any(match(text) for text in r.attrs["Content"].values())


def search_matcher(criteria: Mapping[str, Any] | None) -> Callable[[Resource], bool]:
    """SearchNotifications' criteria as a predicate over notifications (bad criteria refused at once)."""
    fields = {**SEARCH_FIELDS, _CONTENT: lambda r: None}
    return criteria_matcher(
        lift_string_conditions(criteria, {_CONTENT.lower(): _CONTENT}, _CONTENT_CONDITION),
        fields,
        {_CONTENT_CONDITION: _content_condition},
    )


# -- push notification registrations ---------------------------------------------------
PUSH_REGISTRATION = ResourceType(
    kind="push-notification-registration",
    id_param="RegistrationId",
    name_member=None,
    iam_arn_path="instance/{root}",
)


def _pinpoint_app(arn: str) -> None:
    parts = parse_arn(arn)
    if parts is None or parts["service"] != "mobiletargeting" or not parts["resource"].startswith("apps/"):
        raise InvalidParameterException(f"PinpointAppArn {arn} is not the ARN of a Pinpoint application")
    app_id = parts["resource"][len("apps/") :]
    try:
        backend = pinpoint_backends[parts["account"]][parts["region"]]
    except KeyError:
        backend = None
    if backend is None or app_id not in backend.apps:
        raise ResourceNotFoundException(f"Pinpoint application not found: {arn}")


def register_push(resources: Resources, instance: Container, request: Mapping[str, Any], caller: Caller) -> Resource:
    configuration = request["ContactConfiguration"]
    role = configuration.get("ParticipantRole") or "CUSTOMER"
    if role != "CUSTOMER":
        raise InvalidParameterException(
            f"ContactConfiguration.ParticipantRole {role} is not supported: only CUSTOMER is currently supported"
        )
    contact = contacts.find(resources, instance, configuration["ContactId"])
    if contact.attrs.get("Channel") != "CHAT":
        raise InvalidParameterException(f"Contact {contact.id} is not a chat: push notifications are for chats")
    contacts.active(contact, InvalidParameterException)
    _pinpoint_app(request["PinpointAppArn"])
    for existing in resources.all(PUSH_REGISTRATION, instance):
        if existing.attrs["ContactId"] == contact.id and existing.attrs["DeviceToken"] == request["DeviceToken"]:
            return existing
    attrs = {
        "ContactId": contact.id,
        "ParticipantRole": role,
        "IncludeRawMessage": bool(configuration.get("IncludeRawMessage", False)),
        "PinpointAppArn": request["PinpointAppArn"],
        "DeviceToken": request["DeviceToken"],
        "DeviceType": request["DeviceType"],
    }
    return resources.create(PUSH_REGISTRATION, instance, attrs, caller)


def unregister_push(resources: Resources, instance: Container, registration_id: str, contact_id: str) -> None:
    registration = resources.find(PUSH_REGISTRATION, instance, registration_id)
    if registration is None or registration.attrs["ContactId"] != contacts.find(resources, instance, contact_id).id:
        raise ResourceNotFoundException(
            f"Push notification registration not found for contact {contact_id}: {registration_id}"
        )
    resources.delete(registration)


def registrations_of(resources: Resources, instance: Container, contact_id: str) -> list[Resource]:
    return [r for r in resources.all(PUSH_REGISTRATION, instance) if r.attrs["ContactId"] == contact_id]


# -- outbound web notifications --------------------------------------------------------
def _campaigns(caller: Caller) -> Any:
    from ..connectcampaigns.models import connectcampaigns_backends

    return connectcampaigns_backends[caller.account_id][caller.region]


def _request_ids(campaign: Any) -> Iterable[str]:
    for _request, ident in campaign.outbound_requests.values():
        yield ident


def check_web_notification(resources: Resources, instance: Any, request: Mapping[str, Any], caller: Caller) -> None:
    if _timestamp(request["ExpiresAt"]) <= now():
        raise InvalidRequestException("ExpiresAt is not in the future: the notification would never be delivered")
    source = request["Source"]["SourceCampaign"]
    campaign_id, request_id = source.get("CampaignId"), source.get("OutboundRequestId")
    if campaign_id is None and request_id is None:
        raise InvalidRequestException("Source.SourceCampaign must name a CampaignId or an OutboundRequestId")
    backend = _campaigns(caller)
    if campaign_id is not None:
        campaign = backend.campaigns.get(campaign_id)
        if campaign is None or campaign.instance_id != instance.id:
            raise ResourceNotFoundException(f"Campaign not found in instance {instance.id}: {campaign_id}")
        candidates = [campaign]
    else:
        candidates = [c for c in backend.campaigns.values() if c.instance_id == instance.id]
    if request_id is not None and not any(request_id in _request_ids(c) for c in candidates):
        raise ResourceNotFoundException(f"Outbound request not found: {request_id}")
    content = request["Content"]
    view = content.get("ViewArn")
    if content["Type"] == "WIDGET_VIEW" and view is None:
        raise InvalidRequestException("Content.ViewArn is required for a WIDGET_VIEW notification")
    if view is not None:
        parts = parse_arn(view)
        if parts is None or parts["service"] != "connect" or "view/" not in parts["resource"]:
            raise InvalidRequestException(f"Content.ViewArn {view} is not the ARN of a Connect view")
        views.find(resources, instance, view)


def send_web_notification(
    resources: Resources, instance: Any, request: Mapping[str, Any], caller: Caller
) -> dict[str, Any]:
    check_web_notification(resources, instance, request, caller)
    sent = {k: copy.deepcopy(v) for k, v in request.items() if k not in ("InstanceId", "ClientToken")}
    sent["SentAt"] = now()
    sent_list: list[dict[str, Any]] = instance.__dict__.setdefault("sent_web_notifications", [])
    sent_list.append(sent)
    return sent
