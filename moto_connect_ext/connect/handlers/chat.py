"""Chat contacts on Connect's side: starting chats, participants, timers, authentication codes,
integration events and screen sharing.  The rules are in ``connect/chat.py``."""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Callable
from typing import Any

from moto.sns.models import sns_backends

from ...core.clock import now
from ...core.errors import ConflictException
from ...core.resources import Container, Resource
from .. import chat, contacts
from .. import flow_associations as fa
from ..contact_media import STREAMS
from ..exceptions import InvalidParameterException, InvalidRequestException, ResourceNotFoundException
from ..phone_numbers import claimed_instance, flow_of_number
from .common import once

#: a client token reused with another request (where the operation models a conflict for it)
_REUSED = "ClientToken {} was used with another request"

_E164 = re.compile(r"^\+[1-9]\d{1,14}$")
_SNS_ARN = re.compile(r"^arn:aws[a-z-]*:sns:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):(?P<name>[A-Za-z0-9_-]{1,256})$")


def _streaming(r: Any, config: dict[str, Any] | None) -> str | None:
    """ChatStreamingConfiguration: a standard SNS topic that exists in moto's SNS."""
    if config is None:
        return None
    arn = config["StreamingEndpointArn"]
    match = _SNS_ARN.match(arn)
    if match is None:
        raise InvalidParameterException(f"StreamingEndpointArn {arn} is not the ARN of an Amazon SNS topic")
    if match["name"].endswith(".fifo"):
        raise InvalidParameterException(f"StreamingEndpointArn {arn} is a FIFO topic; chat streams to standard topics")
    topics = sns_backends[match["account"]][match["region"]].topics
    if arn not in topics:
        raise ResourceNotFoundException(f"SNS topic not found: {arn}")
    return str(uuid.uuid4())


def _conflict(r: Any) -> Callable[[], Exception]:
    """``once``'s mismatch where the operation models a conflict for a reused client token."""
    token = r.params.get("ClientToken")
    return lambda: ConflictException(_REUSED.format(token))


def _begin(
    r: Any, instance: Container, flow: Resource, method: str, **details: Any
) -> tuple[Resource, chat.Participant]:
    """A chat contact the request starts, once the instance has room for one more active chat,
    for as long as its ``ChatDurationInMinutes`` says."""
    chat.check_active_chats(r.backend.resources, instance)
    return chat.begin(
        r.backend,
        instance,
        r.caller,
        flow=flow,
        initiation_method=method,
        duration_minutes=r.params.get("ChatDurationInMinutes"),
        **details,
    )


def start_chat_contact(r: Any) -> dict[str, Any]:
    p = r.params
    backend = r.backend
    instance = backend.resource_root(p)

    def make() -> dict[str, Any]:
        flow = chat.check_flow(backend.resources, instance, p["ContactFlowId"])
        supported = chat.supported_types(p.get("SupportedMessagingContentTypes"))
        if "InitialMessage" in p:
            chat.check_message(p["InitialMessage"], supported, "InitialMessage")
        chat.check_segment_attributes(p.get("SegmentAttributes"), supported)
        if "PersistentChat" in p and "RelatedContactId" in p:
            raise InvalidRequestException("You cannot provide both RelatedContactId and PersistentChat")
        source = None
        attrs: dict[str, Any] = {k: p[k] for k in ("Attributes", "SegmentAttributes", "CustomerId") if k in p}
        if "PersistentChat" in p:
            source = chat.persistent_source(backend.resources, instance, p["PersistentChat"])
            attrs["RelatedContactId"] = source.id
        elif "RelatedContactId" in p:
            attrs["RelatedContactId"] = contacts.find(backend.resources, instance, p["RelatedContactId"]).id
        streaming = _streaming(r, p.get("ChatStreamingConfiguration"))
        if streaming is not None:
            # kept where StartContactStreaming keeps its streams, so StopContactStreaming ends it
            endpoint = p["ChatStreamingConfiguration"]["StreamingEndpointArn"]
            attrs[STREAMS] = {streaming: {"StreamingEndpointArn": endpoint, "Started": now()}}
        attrs["_DisconnectOnCustomerExit"] = p.get("DisconnectOnCustomerExit", [])
        attrs["_ParticipantConfiguration"] = p.get("ParticipantConfiguration", {})
        contact, customer = _begin(
            r,
            instance,
            flow,
            "API",
            attrs=attrs,
            display_name=p["ParticipantDetails"]["DisplayName"],
            supported=supported,
            initial_message=p.get("InitialMessage"),
            source=source,
        )
        out: dict[str, Any] = {
            "ContactId": contact.id,
            "ParticipantId": customer.id,
            "ParticipantToken": customer.token,
        }
        if source is not None:
            out["ContinuedFromContactId"] = source.id
        if streaming is not None:
            out["StreamingId"] = streaming
        session = chat.chat_of(contact)
        assert session is not None
        out.update(chat.credentials(backend, session, customer, r.caller.region, p.get("ConnectionTypes", [])))
        return out

    result: dict[str, Any] = dict(once(r, "StartChatContact", make))
    contact = contacts.find(backend.resources, instance, result["ContactId"])
    if contacts.ended(contact):
        # "the response repeats the original contact and can omit a websocket URL if the chat has already ended"
        result.pop("Websocket", None)
    return result


def start_outbound_chat_contact(r: Any) -> dict[str, Any]:
    p = r.params
    backend = r.backend
    instance = backend.resource_root(p)

    def make() -> dict[str, Any]:
        source, destination = p["SourceEndpoint"], p["DestinationEndpoint"]
        if source.get("Type") != "CONNECT_PHONENUMBER_ARN":
            raise InvalidRequestException("SourceEndpoint only supports the type CONNECT_PHONENUMBER_ARN")
        if destination.get("Type") != "TELEPHONE_NUMBER":
            raise InvalidRequestException("DestinationEndpoint only supports the type TELEPHONE_NUMBER")
        if not _E164.match(destination.get("Address") or ""):
            raise InvalidRequestException("DestinationEndpoint.Address must be a phone number in E.164 format")
        number = backend.phone_numbers.get(source.get("Address") or "-")
        if claimed_instance(number) is not instance:
            raise InvalidRequestException(f"Phone number {number.id} is not claimed to instance {instance.id}")
        subtype = p["SegmentAttributes"].get("connect:Subtype", {}).get("ValueString")
        if subtype not in ("connect:SMS", "connect:WhatsApp"):
            raise InvalidRequestException(
                "SegmentAttributes must set connect:Subtype to connect:SMS or connect:WhatsApp"
            )
        if "InitialSystemMessage" in p and "InitialTemplatedSystemMessage" in p:
            raise InvalidRequestException("Give InitialSystemMessage or InitialTemplatedSystemMessage, not both")
        flow = chat.check_flow(backend.resources, instance, p["ContactFlowId"])
        supported = chat.supported_types(p.get("SupportedMessagingContentTypes"))
        if "InitialSystemMessage" in p:
            chat.check_message(p["InitialSystemMessage"], supported, "InitialSystemMessage")
        attrs: dict[str, Any] = {
            "SegmentAttributes": p["SegmentAttributes"],
            "Attributes": p.get("Attributes", {}),
            "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": destination["Address"]},
            "SystemEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": number.attrs["PhoneNumber"]},
        }
        if "RelatedContactId" in p:
            attrs["RelatedContactId"] = contacts.find(backend.resources, instance, p["RelatedContactId"]).id
        if "InitialTemplatedSystemMessage" in p:
            attrs["_TemplatedSystemMessage"] = p["InitialTemplatedSystemMessage"]
        contact, _ = _begin(
            r,
            instance,
            flow,
            "OUTBOUND",
            attrs=attrs,
            display_name=(p.get("ParticipantDetails") or {}).get("DisplayName"),
            supported=supported,
            system_message=p.get("InitialSystemMessage"),
        )
        return {"ContactId": contact.id}

    return dict(once(r, "StartOutboundChatContact", make, mismatch=_conflict(r)))


def create_participant(r: Any) -> dict[str, Any]:
    p = r.params
    backend = r.backend
    instance = backend.resource_root(p)
    contact = contacts.find(backend.resources, instance, p["ContactId"])

    def make() -> dict[str, Any]:
        if contact.attrs.get("Channel") == "VOICE" and contact.attrs.get("InitiationMethod") == "WEBRTC_API":
            joined = chat.add_call_participant(contact, p["ParticipantDetails"])
            return {
                "ParticipantCredentials": {"ParticipantToken": joined["ParticipantToken"]},
                "ParticipantId": joined["ParticipantId"],
            }
        session = chat.chat_contact(contact)
        who = chat.add_participant(backend, session, p["ParticipantDetails"])
        return {
            "ParticipantCredentials": {"ParticipantToken": who.token, "Expiry": chat.iso(who.expires)},
            "ParticipantId": who.id,
        }

    return dict(once(r, "CreateParticipant", make, mismatch=_conflict(r)))


def update_participant_role_config(r: Any) -> None:
    p = r.params
    instance = r.backend.resource_root(p)
    contact = contacts.find(r.backend.resources, instance, p["ContactId"])
    config = p["ChannelConfiguration"].get("Chat")
    if config is None:
        raise InvalidParameterException("ChannelConfiguration.Chat is required: timers are set on chat contacts")
    chat.set_timers(chat.chat_contact(contact), config["ParticipantTimerConfigList"])


def _auth_session(r: Any, state: str) -> tuple[chat.Chat, dict[str, Any]]:
    try:
        instance = r.backend.resource_root(r.params)
    except ResourceNotFoundException as error:
        # UpdateParticipantAuthentication models no ResourceNotFoundException
        raise InvalidRequestException(error.message) from None
    for contact in contacts.contacts_of(r.backend.resources, instance):
        session = chat.chat_of(contact)
        if session is None:
            continue
        for details in session.auth_sessions.values():
            if details.get("UrlState") == state:
                return session, details
    raise InvalidRequestException("State does not name an authentication session of this instance")


def update_participant_authentication(r: Any) -> None:
    p = r.params
    if ("Code" in p) == ("Error" in p):
        raise InvalidParameterException("Give either Code or Error")
    if "ErrorDescription" in p and "Error" not in p:
        raise InvalidParameterException("ErrorDescription goes with Error")
    session, details = _auth_session(r, p["State"])
    if details["State"] != "URL_ISSUED":
        raise ConflictException(f"The authentication session is {details['State']}")
    contacts.active(session.contact)
    details["State"] = "AUTHENTICATED" if "Code" in p else "FAILED"
    if "Error" in p:
        details["Error"] = p["Error"]


def create_auth_code(r: Any) -> dict[str, Any]:
    from ..contact_agents import open_customer_session
    from ..security_profiles import SECURITY_PROFILE

    p = r.params
    instance = r.backend.resource_root(p)
    scope = p["Scope"]
    inactivity, longest = p["SessionInactivityDurationMinutes"], p.get("MaxSessionDurationMinutes")
    if inactivity < 1440:
        raise InvalidParameterException("SessionInactivityDurationMinutes must be at least 1440 (24 hours)")
    if longest is not None and longest < inactivity:
        raise InvalidParameterException(
            "MaxSessionDurationMinutes cannot be less than SessionInactivityDurationMinutes"
        )
    if "EntityId" not in scope:
        raise InvalidParameterException("Scope.EntityId names the customer profile the session is for")
    for profile in scope.get("SecurityProfileIds", []):
        r.backend.resources.get(SECURITY_PROFILE, instance, profile)
    session = open_customer_session(r.backend.resources, instance, scope["EntityId"], r.caller)
    return {
        "AuthCode": secrets.token_urlsafe(48),
        "SessionId": session.id,
        "EntityType": scope["EntityType"],
        "EntityId": scope["EntityId"],
    }


def _integration_chat(r: Any, instance: Any, source: str, destination: str, subtype: str) -> Any:
    """The active chat an integration's identifiers name (customer, system number, subtype)."""
    for contact in contacts.contacts_of(r.backend.resources, instance):
        attrs = contact.attrs
        if (
            attrs.get("Channel") == chat.CHANNEL
            and not contacts.ended(contact)
            and (attrs.get("CustomerEndpoint") or {}).get("Address") == source
            and (attrs.get("SystemEndpoint") or {}).get("Address") == destination
            and str((attrs.get("SegmentAttributes") or {}).get("connect:Subtype", {}).get("ValueString")).lower()
            == subtype.lower()
        ):
            return contact
    return None


def send_chat_integration_event(r: Any) -> dict[str, Any]:
    p = r.params
    backend = r.backend
    subtype = p.get("Subtype", "connect:SMS")
    if subtype.lower() not in ("connect:sms", "connect:whatsapp"):
        raise InvalidRequestException(f"Subtype {subtype} is not connect:SMS or connect:WhatsApp")
    event = p["Event"]
    if event["Type"] in ("MESSAGE", "EVENT") and "ContentType" not in event:
        raise InvalidRequestException(f"Event.ContentType is required for a {event['Type']} event")
    if event["Type"] == "MESSAGE" and "Content" not in event:
        raise InvalidRequestException("Event.Content is required for a MESSAGE event")
    number_id = backend.phone_numbers.by_number.get(p["DestinationId"])
    if number_id is None:
        raise ResourceNotFoundException(f"No phone number {p['DestinationId']} is claimed in this Region")
    number = backend.phone_numbers.get(number_id)
    instance = claimed_instance(number)
    contact = _integration_chat(r, instance, p["SourceId"], p["DestinationId"], subtype)
    created = False
    if contact is None:
        if event["Type"] == "DISCONNECT":
            return {"NewChatCreated": False}
        channel_type = fa.SMS_PHONE_NUMBER if "sms" in subtype.lower() else fa.WHATSAPP
        association = None
        for ident in (number.arn, number.attrs.get("SourcePhoneNumberArn")):
            if ident and association is None:
                association = fa.find(backend.resources, instance, channel_type, ident)
        flow = (
            instance.children("contact-flow").get(association.attrs["FlowId"])
            if association is not None
            else flow_of_number(backend.resources, instance, number.id)
        )
        if flow is None:
            raise ResourceNotFoundException(f"No flow is associated with {p['DestinationId']}")
        details = p.get("NewSessionDetails") or {}
        supported = chat.supported_types(details.get("SupportedMessagingContentTypes"))
        chat.check_active_chats(backend.resources, instance)
        contact, _ = chat.begin(
            backend,
            instance,
            r.caller,
            flow=chat.check_flow(backend.resources, instance, flow.id),
            initiation_method="API",
            attrs={
                "Attributes": details.get("Attributes", {}),
                "SegmentAttributes": {"connect:Subtype": {"ValueString": subtype}},
                "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": p["SourceId"]},
                "SystemEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": p["DestinationId"]},
            },
            display_name=(details.get("ParticipantDetails") or {}).get("DisplayName"),
            supported=supported,
            duration_minutes=None,
        )
        created = True
    session = chat.chat_contact(contact)
    customer = session.customer()
    if event["Type"] == "MESSAGE":
        chat.check_message(event, session.supported, "Event")
        session.add(chat.MESSAGE, event["ContentType"], customer, content=event["Content"])
    elif event["Type"] == "EVENT":
        try:
            chat.send_event(session, customer, event["ContentType"], event.get("Content"))
        except Exception as error:  # the Participant Service's errors, as this operation models them
            raise InvalidRequestException(getattr(error, "message", str(error))) from None
    else:
        chat.disconnect(backend.resources, session, customer, r.caller)
    return {"InitialContactId": contact.attrs.get("InitialContactId", contact.id), "NewChatCreated": created}


def start_screen_sharing(r: Any) -> None:
    p = r.params
    backend = r.backend
    instance = backend.resource_root(p)
    contact = contacts.find(backend.resources, instance, p["ContactId"])

    def make() -> bool:
        contacts.active(contact)
        channel = contact.attrs.get("Channel")
        if channel not in ("CHAT", "VOICE") or (
            channel == "VOICE" and contact.attrs.get("InitiationMethod") != "WEBRTC_API"
        ):
            raise InvalidRequestException(f"Contact {contact.id} is not a chat or in-app, web or video call")
        if contact.attrs.get("_ScreenSharing"):
            raise InvalidRequestException(f"Screen sharing has already started on contact {contact.id}")
        contact.attrs["_ScreenSharing"] = now()
        return True

    once(r, "StartScreenSharing", make)


HANDLERS = {
    "start_chat_contact": start_chat_contact,
    "start_outbound_chat_contact": start_outbound_chat_contact,
    "create_participant": create_participant,
    "update_participant_role_config": update_participant_role_config,
    "update_participant_authentication": update_participant_authentication,
    "create_auth_code": create_auth_code,
    "send_chat_integration_event": send_chat_integration_event,
    "start_screen_sharing": start_screen_sharing,
}
