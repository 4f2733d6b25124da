"""Chat: the participants, tokens and transcript of a chat contact, shared by Connect's chat
operations (StartChatContact, CreateParticipant...) and the Participant Service
(``connectparticipant``: CreateParticipantConnection, SendMessage, GetTranscript...).

A chat contact is a contact of the contact core (``contacts.py``, channel ``CHAT``); its chat
lives in ``contact.attrs["_Chat"]`` (a ``Chat``), so a reset of moto clears it with the contact.
Each backend indexes the tokens it issued (``tokens(backend)``: token -> ``Grant``), and the
Participant Service finds a token there, in the backend of the request's Region.

* StartChatContact makes the customer participant, with a participant token valid for the
  chat's duration (``ChatDurationInMinutes``, 25 hours by default).  CreateParticipantConnection
  exchanges it for a connection token (valid a day, as AWS documents, never beyond the chat)
  and a websocket URL (valid 100 seconds).  The Participant Service's calls carry the
  connection token; an unknown, expired or revoked token is refused (``AccessDeniedException``).
* The transcript is an append-only list of items (messages, events, attachments), each with
  an ID, an ISO 8601 time (strictly increasing), the sender's participant ID, display name
  and role.  Joining, leaving and the chat's end are events, as AWS writes them.
* A persistent chat (``PersistentChat``) continues an ended chat contact: its transcript
  begins with the past contacts' items (marked ``RelatedContactId``).
* The customer's DisconnectParticipant (or the contact's end by any operation) ends the
  chat: a ``chat.ended`` event closes the transcript and every token is revoked.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.errors import AccessDeniedException, ValidationError
from ..core.idempotency import ClientTokens
from ..core.pagination import decode_token, encode_token
from ..core.resources import Container, ModeledError, Resource, Resources
from . import contacts
from .exceptions import InvalidParameterException, InvalidRequestException, ResourceNotFoundException

CHAT = "_Chat"
CHANNEL = "CHAT"

# -- roles, item types, content types -----------------------------------------------------------
CUSTOMER = "CUSTOMER"
AGENT = "AGENT"
SYSTEM = "SYSTEM"
CUSTOM_BOT = "CUSTOM_BOT"

MESSAGE = "MESSAGE"
EVENT = "EVENT"
ATTACHMENT = "ATTACHMENT"

TEXT = "text/plain"
#: what a participant may send as a message (SendMessage)
MESSAGE_TYPES = frozenset(
    {TEXT, "text/markdown", "application/json", "application/vnd.amazonaws.connect.message.interactive.response"}
)
INTERACTIVE = "application/vnd.amazonaws.connect.message.interactive"
#: what a contact may declare in SupportedMessagingContentTypes
SUPPORTED_TYPES = MESSAGE_TYPES | {INTERACTIVE}

_EV = "application/vnd.amazonaws.connect.event."
TYPING = _EV + "typing"
ACKNOWLEDGED = _EV + "connection.acknowledged"
DELIVERED = _EV + "message.delivered"
READ = _EV + "message.read"
JOINED = _EV + "participant.joined"
LEFT = _EV + "participant.left"
ENDED = _EV + "chat.ended"
AUTH_INITIATED = _EV + "authentication.initiated"
#: what a participant may send as an event (SendEvent)
EVENT_TYPES = frozenset({TYPING, ACKNOWLEDGED, DELIVERED, READ})
RECEIPTS = frozenset({DELIVERED, READ})

#: "If not specified, the chat session duration defaults to 25 hour"
DEFAULT_DURATION_MINUTES = 25 * 60
#: "Expiry time for the connection token is 1 day"
CONNECTION_TOKEN_LIFE = dt.timedelta(days=1)
#: "The response URL for has a connect expiry timeout of 100s"
WEBSOCKET_LIFE = dt.timedelta(seconds=100)
#: Connect quotas: concurrent active chats per instance
ACTIVE_CHATS_PER_INSTANCE = 100
#: Feature specifications: participants in a chat (customer, agents, bots, supervisors)
PARTICIPANTS_PER_CHAT = 6


def iso(moment: dt.datetime) -> str:
    """AWS's ISO 8601 form: ``yyyy-MM-ddThh:mm:ss.SSSZ``."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(f"AbsoluteTime {text!r} is not an ISO 8601 timestamp") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _token() -> str:
    """An opaque token, as long and as base64 as AWS's."""
    return base64.b64encode(b"QVFJREFIa" + secrets.token_bytes(144)).decode("ascii")


# -- the chat's state -------------------------------------------------------------------------------
@dataclass
class Participant:
    id: str
    role: str
    display_name: str
    token: str
    expires: dt.datetime
    connections: dict[str, dt.datetime] = field(default_factory=dict)
    connected: bool = False
    left: bool = False
    capabilities: dict[str, Any] | None = None
    #: the participant's own retries (SendMessage, SendEvent, DisconnectParticipant...)
    retries: ClientTokens = field(default_factory=ClientTokens)


@dataclass
class Item:
    id: str
    time: dt.datetime
    type: str
    content_type: str | None
    contact_id: str
    participant: Participant | None = None
    content: str | None = None
    attachments: list[dict[str, Any]] | None = None
    receipts: dict[str, dict[str, str]] = field(default_factory=dict)

    def render(self, current: str) -> dict[str, Any]:
        out: dict[str, Any] = {"Id": self.id, "AbsoluteTime": iso(self.time), "Type": self.type}
        if self.content_type is not None:
            out["ContentType"] = self.content_type
        if self.content is not None:
            out["Content"] = self.content
        if self.participant is not None:
            out["ParticipantId"] = self.participant.id
            out["DisplayName"] = self.participant.display_name
            out["ParticipantRole"] = self.participant.role
        if self.attachments is not None:
            out["Attachments"] = [dict(a) for a in self.attachments]
        if self.receipts:
            out["MessageMetadata"] = {
                "MessageId": self.id,
                "Receipts": [{"RecipientParticipantId": p, **r} for p, r in self.receipts.items()],
            }
        out["ContactId" if self.contact_id == current else "RelatedContactId"] = self.contact_id
        return out


@dataclass
class Attachment:
    id: str
    name: str
    content_type: str
    size: int
    key: str
    participant: Participant
    #: the S3 object (a ``prompts.PromptSource``)
    location: Any
    status: str = "IN_PROGRESS"


@dataclass
class Chat:
    contact: Resource
    supported: list[str]
    expires: dt.datetime
    participants: dict[str, Participant] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    #: the ended contacts this one continues (persistent chat), oldest first
    history: list[Resource] = field(default_factory=list)
    timers: dict[tuple[str, str], int] = field(default_factory=dict)
    attachments: dict[str, Attachment] = field(default_factory=dict)
    #: authentication sessions (AuthenticateParticipant block): session ID -> details
    auth_sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: views shown by the flow's ShowView blocks: view token -> the View DescribeView answers
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    closed: bool = False

    def customer(self) -> Participant:
        return next(p for p in self.participants.values() if p.role == CUSTOMER)

    def active(self) -> list[Participant]:
        return [p for p in self.participants.values() if not p.left]

    def add(self, kind: str, content_type: str | None, who: Participant | None, **extra: Any) -> Item:
        moment = now()
        if self.items and moment <= self.items[-1].time:
            moment = self.items[-1].time + dt.timedelta(milliseconds=1)
        item = Item(str(uuid.uuid4()), moment, kind, content_type, self.contact.id, who, **extra)
        self.items.append(item)
        return item


def chat_of(contact: Resource) -> Chat | None:
    found: Chat | None = contact.attrs.get(CHAT)
    return found


@dataclass(frozen=True)
class Grant:
    """What a token opens: a participant of a chat contact (``connection``: a connection token)."""

    contact: Resource
    participant_id: str
    connection: bool


def tokens(backend: Any) -> dict[str, Grant]:
    """The tokens a Connect backend issued (kept with the backend, so a reset forgets them)."""
    index: dict[str, Grant] = backend.chat_tokens
    return index


# -- starting chats ---------------------------------------------------------------------------------
def check_flow(resources: Resources, instance: Container, flow_id: str, flow_type: str = "CONTACT_FLOW") -> Resource:
    """The flow a contact starts in: it exists, is of ``flow_type``, published and not archived."""
    from .flows import CONTACT_FLOW, PUBLISHED, split_qualifier

    base, _ = split_qualifier(flow_id)
    flow = resources.find(CONTACT_FLOW, instance, base)
    if flow is None:
        raise ResourceNotFoundException(f"Contact flow not found: {flow_id}")
    if flow.attrs.get("Type") != flow_type:
        raise InvalidRequestException(
            f"Contact flow {flow.id} is of type {flow.attrs.get('Type')}; a chat starts in a {flow_type} flow"
        )
    if flow.attrs.get("State") == "ARCHIVED":
        raise InvalidRequestException(f"Contact flow {flow.id} is archived")
    if flow.attrs.get("Status") != PUBLISHED:
        raise InvalidRequestException(f"Contact flow {flow.id} has not been published")
    return flow


def supported_types(requested: list[str] | None) -> list[str]:
    """SupportedMessagingContentTypes: "Content types must always contain text/plain"."""
    if requested is None:
        return [TEXT]
    unknown = sorted(set(requested) - SUPPORTED_TYPES)
    if unknown:
        raise InvalidParameterException(f"Unsupported messaging content types: {', '.join(unknown)}")
    if TEXT not in requested:
        raise InvalidParameterException("SupportedMessagingContentTypes must contain text/plain")
    if len(set(requested)) != len(requested):
        raise InvalidParameterException("SupportedMessagingContentTypes has duplicates")
    return list(requested)


def check_message(message: dict[str, Any], supported: list[str], member: str) -> None:
    content_type = message["ContentType"]
    if content_type not in MESSAGE_TYPES or content_type not in supported:
        raise InvalidParameterException(
            f"{member}.ContentType {content_type} is not one of the contact's supported message types "
            f"({', '.join(sorted(set(supported) & MESSAGE_TYPES))})"
        )
    _check_content(content_type, message["Content"], InvalidParameterException)


def _check_content(content_type: str, content: str, error: Callable[[str], Exception]) -> None:
    if len(content.encode("utf-8")) > 16384:
        raise error("The content is longer than 16,384 bytes")
    if content_type.startswith("application/") and content_type != TEXT:
        try:
            json.loads(content)
        except ValueError:
            raise error(f"Content of type {content_type} must be JSON") from None


def check_segment_attributes(segment: dict[str, Any] | None, supported: list[str]) -> None:
    """The Guide subtype needs both interactive types (StartChatContact)."""
    subtype = (segment or {}).get("connect:Subtype", {}).get("ValueString")
    if subtype == "connect:Guide" and not {INTERACTIVE, INTERACTIVE + ".response"} <= set(supported):
        raise InvalidParameterException(
            "SegmentAttributes connect:Subtype connect:Guide needs SupportedMessagingContentTypes "
            "with application/vnd.amazonaws.connect.message.interactive and its .response type"
        )


def check_active_chats(resources: Resources, instance: Container) -> None:
    active = sum(
        1
        for c in contacts.contacts_of(resources, instance)
        if c.attrs.get("Channel") == CHANNEL and not contacts.ended(c)
    )
    if active >= ACTIVE_CHATS_PER_INSTANCE:
        raise ModeledError(
            "LimitExceededException",
            f"The instance has {active} active chats, the most it may have ({ACTIVE_CHATS_PER_INSTANCE})",
        )


def persistent_source(resources: Resources, instance: Container, persistent: dict[str, Any]) -> Resource:
    """The ended chat contact a persistent chat continues (the rehydration type decides which)."""
    rehydration = persistent.get("RehydrationType")
    source_id = persistent.get("SourceContactId")
    if rehydration is None or source_id is None:
        raise InvalidParameterException("PersistentChat needs both RehydrationType and SourceContactId")
    source = contacts.find(resources, instance, source_id)
    if source.attrs.get("Channel") != CHANNEL:
        raise InvalidRequestException(f"Contact {source.id} is not a chat contact")
    if rehydration == "ENTIRE_PAST_SESSION":
        # the source names a past chat session by its initial contact: its most recent ended contact
        if source.attrs.get("InitialContactId", source.id) != source.id:
            raise InvalidRequestException(
                f"Contact {source.id} is not the initial contact of its chat session (ENTIRE_PAST_SESSION)"
            )
        session = [
            c
            for c in contacts.contacts_of(resources, instance)
            if c.attrs.get("Channel") == CHANNEL
            and (c is source or c.attrs.get("InitialContactId") == source.id)
            and contacts.ended(c)
        ]
        if not session:
            raise InvalidRequestException(f"The chat session of contact {source.id} has not ended")
        return max(session, key=lambda c: contacts.life(c).at(contacts.DISCONNECTED) or c.last_modified_time)
    if not contacts.ended(source):
        raise InvalidRequestException(f"Contact {source.id} has not ended: only an ended chat can be continued")
    return source


def _participant(role: str, display_name: str, expires: dt.datetime, **extra: Any) -> Participant:
    return Participant(str(uuid.uuid4()), role, display_name, _token(), expires, **extra)


def begin(
    backend: Any,
    instance: Container,
    caller: Caller,
    *,
    flow: Resource,
    initiation_method: str,
    attrs: dict[str, Any],
    display_name: str | None,
    supported: list[str],
    duration_minutes: int | None,
    initial_message: dict[str, Any] | None = None,
    system_message: dict[str, Any] | None = None,
    source: Resource | None = None,
) -> tuple[Resource, Participant]:
    """A new chat contact with its customer participant (joined), its first messages and the
    system messages of its flow's opening blocks."""
    resources = backend.resources
    contact = contacts.start(
        resources, instance, caller, CHANNEL, initiation_method, {**attrs, "ContactFlowId": flow.id}
    )
    contact.attrs.setdefault("InitialContactId", contact.id)
    expires = now() + dt.timedelta(minutes=duration_minutes or DEFAULT_DURATION_MINUTES)
    chat = Chat(contact, supported, expires)
    if source is not None:
        past = chat_of(source)
        chat.history = [*(past.history if past else []), source]
    contact.attrs[CHAT] = chat
    customer = _participant(CUSTOMER, display_name or "Customer", expires)
    chat.participants[customer.id] = customer
    tokens(backend)[customer.token] = Grant(contact, customer.id, False)
    chat.add(EVENT, JOINED, customer)
    if initial_message is not None:
        chat.add(MESSAGE, initial_message["ContentType"], customer, content=initial_message["Content"])
    if system_message is not None:
        chat.add(MESSAGE, system_message["ContentType"], _system(chat), content=system_message["Content"])
    _run_opening_blocks(chat, flow)
    return contact, customer


def _system(chat: Chat) -> Participant:
    found = next((p for p in chat.participants.values() if p.role == SYSTEM), None)
    if found is None:
        found = Participant(str(uuid.uuid4()), SYSTEM, "SYSTEM_MESSAGE", "", chat.expires)
        found.left = True  # the system holds no token and never counts as a party to the chat
        chat.participants[found.id] = found
    return found


def _run_opening_blocks(chat: Chat, flow: Resource) -> None:
    """The flow's first blocks that speak to the customer: "Send message" (MessageParticipant)
    blocks become SYSTEM messages, an "Authenticate customer" block starts an authentication
    session (its ``authentication.initiated`` event).  Anything else stops the walk: the
    routing that follows belongs to the contact's other operations."""
    try:
        content = json.loads(flow.attrs.get("Content") or "{}")
        actions = {a["Identifier"]: a for a in content.get("Actions", [])}
        ident = content.get("StartAction")
    except (ValueError, TypeError, KeyError):
        return
    for _ in range(len(actions)):
        action = actions.get(ident)
        if action is None:
            return
        kind, parameters = action.get("Type"), action.get("Parameters") or {}
        if kind == "MessageParticipant" and isinstance(parameters.get("Text"), str):
            chat.add(MESSAGE, TEXT, _system(chat), content=parameters["Text"])
        elif kind == "ShowView":
            _show_view(chat, parameters)
            return
        elif kind == "AuthenticateParticipant":
            session = str(uuid.uuid4())
            chat.auth_sessions[session] = {"Started": now(), "Parameters": parameters, "State": "INITIATED"}
            chat.add(EVENT, AUTH_INITIATED, _system(chat), content=json.dumps({"SessionId": session}))
            return
        else:
            return
        ident = (action.get("Transitions") or {}).get("NextAction")


def _show_view(chat: Chat, parameters: dict[str, Any]) -> None:
    """A ShowView block: an interactive SYSTEM message carrying a view token for DescribeView."""
    resource = parameters.get("ViewResource") or {}
    arn = resource.get("Id") if isinstance(resource, dict) else None
    if not isinstance(arn, str) or "view/" not in arn:
        return
    base = arn.partition(":$")[0]
    name, _, version = base.rsplit("view/", 1)[-1].partition(":")
    token = _token()[:96]
    chat.views[token] = {
        "Id": name,
        "Arn": base.rsplit(":", 1)[0] if version else base,
        "Name": name,
        "Version": int(version) if version.isdigit() else 1,
        "Content": {
            "InputSchema": json.dumps({"type": "object", "properties": {}}),
            "Template": json.dumps({"Head": {"Title": name}, "Body": []}),
            "Actions": ["ActionSelected", "Back", "Cancel", "Next"],
        },
    }
    content = {
        "templateType": "ViewResource",
        "version": "1.0",
        "data": {"content": {"viewToken": token, "viewId": name}},
    }
    chat.add(MESSAGE, INTERACTIVE, _system(chat), content=json.dumps(content))


def credentials(backend: Any, chat: Chat, who: Participant, region: str, kinds: list[str]) -> dict[str, Any]:
    """ConnectionCredentials and/or Websocket for a participant, as ``kinds`` asks."""
    out: dict[str, Any] = {}
    moment = now()
    if "CONNECTION_CREDENTIALS" in kinds:
        token = _token()
        expiry = min(moment + CONNECTION_TOKEN_LIFE, chat.expires)
        who.connections[token] = expiry
        tokens(backend)[token] = Grant(chat.contact, who.id, True)
        out["ConnectionCredentials"] = {"ConnectionToken": token, "Expiry": iso(expiry)}
    if "WEBSOCKET" in kinds:
        out["Websocket"] = {"Url": websocket_url(region, who), "ConnectionExpiry": iso(moment + WEBSOCKET_LIFE)}
    return out


def websocket_url(region: str, who: Participant) -> str:
    """A pre-signed websocket URL of the participant's connection (100 seconds, SigV4 query)."""
    moment = now()
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    signature = hashlib.sha256(f"{who.id}:{stamp}:{secrets.token_hex(8)}".encode()).hexdigest()
    gateway = hashlib.sha256(region.encode()).hexdigest()[:10]
    credential = f"ASIA{secrets.token_hex(8).upper()}%2F{moment:%Y%m%d}%2F{region}%2Fexecute-api%2Faws4_request"
    return (
        f"wss://{gateway}.transport.connect.{region}.amazonaws.com/?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        f"&X-Amz-Credential={credential}&X-Amz-Date={stamp}&X-Amz-Expires={int(WEBSOCKET_LIFE.total_seconds())}"
        f"&X-Amz-SignedHeaders=host&X-Amz-Signature={signature}"
    )


# -- participants ---------------------------------------------------------------------------------
def chat_contact(contact: Resource, error: Callable[[str], Exception] = InvalidRequestException) -> Chat:
    """The chat of a contact that is a chat, still going."""
    chat = chat_of(contact)
    if contact.attrs.get("Channel") != CHANNEL or chat is None:
        raise error(f"Contact {contact.id} is not a chat contact")
    contacts.active(contact, error)
    return chat


def add_participant(backend: Any, chat: Chat, details: dict[str, Any]) -> Participant:
    """CreateParticipant on a chat: "The only valid value for ParticipantRole is CUSTOM_BOT for chat"."""
    from ..core.errors import ServiceQuotaExceededException

    role = details.get("ParticipantRole")
    if role != CUSTOM_BOT:
        raise InvalidRequestException(f"ParticipantRole must be CUSTOM_BOT for a chat contact, not {role}")
    if details.get("ParticipantCapabilities"):
        raise InvalidRequestException("ParticipantCapabilities (video, screen sharing) are for WebRTC contacts")
    if len(chat.active()) >= PARTICIPANTS_PER_CHAT:
        raise ServiceQuotaExceededException(f"A chat has at most {PARTICIPANTS_PER_CHAT} participants")
    who = _participant(role, details.get("DisplayName") or "BOT", chat.expires)
    chat.participants[who.id] = who
    tokens(backend)[who.token] = Grant(chat.contact, who.id, False)
    chat.add(EVENT, JOINED, who)
    return who


def add_call_participant(contact: Resource, details: dict[str, Any]) -> dict[str, Any]:
    """CreateParticipant on a web call (VOICE, ``WEBRTC_API``): "Supports contacts in the CHAT
    channel and VOICE (WebRTC) channels ... The only valid value for ParticipantRole is ...
    CUSTOMER for voice contact"; the contact is the call's initial contact."""
    role = details.get("ParticipantRole")
    if role != CUSTOMER:
        raise InvalidRequestException(f"ParticipantRole must be CUSTOMER for a voice contact, not {role}")
    if contact.attrs.get("InitialContactId", contact.id) != contact.id:
        raise InvalidRequestException(f"Contact {contact.id} is not the initial contact of its web call")
    contacts.active(contact, InvalidRequestException)
    participant = {
        "ParticipantId": str(uuid.uuid4()),
        "ParticipantToken": secrets.token_urlsafe(48),
        "Role": CUSTOMER,
        "DisplayName": details.get("DisplayName") or "Customer",
    }
    if details.get("ParticipantCapabilities"):
        participant["ParticipantCapabilities"] = details["ParticipantCapabilities"]
    contact.attrs.setdefault("_Participants", []).append(participant)
    return participant


def set_timers(chat: Chat, configs: list[dict[str, Any]]) -> None:
    """UpdateParticipantRoleConfig's chat timers: one per role and type, a duration or Unset.

    The four timers: the customer's and the agent's idle timeouts (IDLE), and their
    auto-disconnect timeouts (DISCONNECT_NONCUSTOMER), which disconnect the agent when the
    customer (or the agent) has been idle."""
    seen: set[tuple[str, str]] = set()
    changes: dict[tuple[str, str], int | None] = {}
    for config in configs:
        key = (config["ParticipantRole"], config["TimerType"])
        if key in seen:
            raise InvalidParameterException(f"Duplicate timer for {key[0]} {key[1]}")
        seen.add(key)
        value = config["TimerValue"]
        action, minutes = value.get("ParticipantTimerAction"), value.get("ParticipantTimerDurationInMinutes")
        if (action is None) == (minutes is None):
            raise InvalidParameterException(
                "TimerValue takes exactly one of ParticipantTimerAction and ParticipantTimerDurationInMinutes"
            )
        changes[key] = minutes
    for key, minutes in changes.items():
        if minutes is None:
            chat.timers.pop(key, None)
        else:
            chat.timers[key] = minutes


# -- the Participant Service's side -------------------------------------------------------------
def granted(backend: Any, token: str, connection: bool) -> tuple[Chat, Participant] | None:
    """The chat and participant a valid token opens (None: not a token of this backend).

    A token of the wrong kind, expired, or of a participant who left (or of a chat that
    ended) is refused."""
    grant = tokens(backend).get(token)
    if grant is None:
        return None
    denied = AccessDeniedException("You do not have sufficient access to perform this action.")
    if grant.connection != connection:
        raise denied
    chat = chat_of(grant.contact)
    if chat is None:
        raise denied
    sync(chat)
    who = chat.participants[grant.participant_id]
    expiry = who.connections.get(token) if connection else who.expires
    if who.left or chat.closed or expiry is None or expiry <= now():
        raise denied
    return chat, who


def sync(chat: Chat) -> None:
    """A contact ended by any operation (StopContact...) ends its chat."""
    if not chat.closed and contacts.ended(chat.contact):
        close(chat)


def close(chat: Chat) -> None:
    for who in chat.active():
        who.left = True
        if who.role != CUSTOMER:
            chat.add(EVENT, LEFT, who)
    chat.add(EVENT, ENDED, None)
    chat.closed = True


def connect(backend: Any, chat: Chat, who: Participant, region: str, kinds: list[str], mark: bool) -> dict[str, Any]:
    """CreateParticipantConnection: credentials as asked (WEBSOCKET when none are named)."""
    _check_kinds(kinds)
    if WEBRTC_CONNECTION in kinds:
        raise ValidationError("WEBRTC_CONNECTION is for WebRTC contacts, not chats")
    if mark or kinds:
        who.connected = True
    return credentials(backend, chat, who, region, kinds)


def _check_kinds(kinds: list[str]) -> None:
    unknown = sorted(set(kinds) - {"WEBSOCKET", "CONNECTION_CREDENTIALS", WEBRTC_CONNECTION})
    if unknown:
        raise ValidationError(f"Unknown connection types: {', '.join(unknown)}")


# -- web calls (VOICE, ``WEBRTC_API``) on the Participant Service's side ----------------------------
#: "For WEBRTC_CONNECTION Type: The response includes connection data required for the client
#: application to join the call using the Amazon Chime SDK client libraries"
WEBRTC_CONNECTION = "WEBRTC_CONNECTION"
#: what the Participant Service's WebRTCMediaPlacement holds of a meeting's media placement
_PLACEMENT = ("AudioHostUrl", "AudioFallbackUrl", "SignalingUrl", "EventIngestionUrl")


def is_call(contact: Resource) -> bool:
    return contact.attrs.get("Channel") == "VOICE" and contact.attrs.get("InitiationMethod") == "WEBRTC_API"


def call_granted(backend: Any, token: str) -> tuple[Resource, dict[str, Any]] | None:
    """The web call and participant a participant token names: the customer StartWebRTCContact
    answered, or one CreateParticipant added (None: no participant of this backend's calls).
    "If a participant leaves or is disconnected ... their participant credentials will no longer
    be valid": the token of an ended call is refused."""
    for instance in list(backend.instances.values()):
        for contact in contacts.contacts_of(backend.resources, instance):
            if not is_call(contact):
                continue
            for who in contact.attrs.get("_Participants") or []:
                if who.get("ParticipantToken") == token:
                    if contacts.ended(contact):
                        raise AccessDeniedException("You do not have sufficient access to perform this action.")
                    return contact, who
    return None


def call_meeting(contact: Resource, region: str) -> dict[str, Any]:
    """The call's Amazon Chime SDK meeting (``_Meeting``), made the first time it is asked for."""
    meeting: dict[str, Any] | None = contact.attrs.get("_Meeting")
    if meeting is None:
        ident = str(uuid.uuid4())
        host = f"{region}.app.chime.aws"
        meeting = {
            "MediaRegion": region,
            "MediaPlacement": {
                "AudioHostUrl": f"{ident}.k.m1.{host}:3478",
                "AudioFallbackUrl": f"wss://haxrp.m1.{host}:443/calls/{ident}",
                "SignalingUrl": f"wss://signal.m1.{host}/control/{ident}",
                "TurnControlUrl": f"https://ccp.cp.{host}/v2/turn_sessions",
                "EventIngestionUrl": f"https://data.svc.{host}/v1/client-events",
            },
            "MeetingFeatures": {"Audio": {"EchoReduction": "AVAILABLE"}},
            "MeetingId": ident,
        }
        contact.attrs["_Meeting"] = meeting
    return meeting


def call_attendee(who: dict[str, Any]) -> dict[str, str]:
    """The participant's attendee of the meeting (``_Attendee``): one per participant."""
    attendee: dict[str, str] | None = who.get("_Attendee")
    if attendee is None:
        attendee = {"AttendeeId": str(uuid.uuid4()), "JoinToken": secrets.token_urlsafe(32)}
        who["_Attendee"] = attendee
    return attendee


def connect_call(contact: Resource, who: dict[str, Any], region: str, kinds: list[str]) -> dict[str, Any]:
    """CreateParticipantConnection for a web call's participant: its meeting connection (the
    call's meeting, the participant's attendee), as the Participant Service's WebRTCConnection
    holds it.  A web call carries no chat: WEBSOCKET and CONNECTION_CREDENTIALS are refused."""
    _check_kinds(kinds)
    if WEBRTC_CONNECTION not in kinds or set(kinds) - {WEBRTC_CONNECTION}:
        raise ValidationError(
            "A participant of a web call connects with the WEBRTC_CONNECTION type only; "
            "WEBSOCKET and CONNECTION_CREDENTIALS are for chat participants"
        )
    meeting = call_meeting(contact, region)
    placement = meeting.get("MediaPlacement") or {}
    shown: dict[str, Any] = {"MediaPlacement": {k: placement[k] for k in _PLACEMENT if k in placement}}
    for member in ("MeetingFeatures", "MeetingId"):
        if member in meeting:
            shown[member] = meeting[member]
    return {"WebRTCConnection": {"Attendee": dict(call_attendee(who)), "Meeting": shown}}


def retried(who: Participant, operation: str, token: str | None, request: Any, make: Callable[[], Any]) -> Any:
    """A participant's retry with the same ClientToken gets the first answer."""
    from ..core.errors import ConflictException

    result, _ = who.retries.once(
        operation,
        token,
        request,
        make,
        lambda: ConflictException(f"ClientToken {token} was used with another {operation} request"),
    )
    return result


#: "For Apple Messages for Business, SMS, and WhatsApp Business Messaging contacts, only
#: text/plain is supported" (SendMessage): their ``connect:Subtype``, in lower case
TEXT_ONLY_SUBTYPES = frozenset({"connect:apple", "connect:sms", "connect:whatsapp"})


def subtype_of(chat: Chat) -> str | None:
    """The chat's ``connect:Subtype`` (``connect:SMS``...), if it has one."""
    segment = chat.contact.attrs.get("SegmentAttributes") or {}
    value = (segment.get("connect:Subtype") or {}).get("ValueString")
    return value if isinstance(value, str) else None


def send_message(chat: Chat, who: Participant, content_type: str, content: str) -> Item:
    subtype = subtype_of(chat)
    if content_type != TEXT and str(subtype).lower() in TEXT_ONLY_SUBTYPES:
        raise ValidationError(f"Only text/plain messages are supported on {subtype} contacts, not {content_type}")
    if content_type not in MESSAGE_TYPES or content_type not in chat.supported:
        raise ValidationError(
            f"ContentType {content_type} is not supported on this chat "
            f"(supported: {', '.join(sorted(set(chat.supported) & MESSAGE_TYPES))})"
        )
    _check_content(content_type, content, ValidationError)
    return chat.add(MESSAGE, content_type, who, content=content)


def send_event(chat: Chat, who: Participant, content_type: str, content: str | None) -> Item:
    from ..core.errors import ConflictException

    if content_type not in EVENT_TYPES:
        raise ValidationError(f"ContentType {content_type} is not an event a participant can send")
    if content_type not in RECEIPTS:
        if content is not None:
            _check_content(content_type, content, ValidationError)
        return chat.add(EVENT, content_type, who, content=content)
    # a message receipt: the message's metadata records it
    if len(chat.active()) > 2:
        raise ConflictException("Message receipts are not supported when more than two participants are active")
    try:
        message_id = json.loads(content or "")["messageId"]
    except (ValueError, KeyError, TypeError):
        raise ValidationError('A receipt\'s Content must be JSON naming the message: {"messageId": "..."}') from None
    message = next((i for i in chat.items if i.id == message_id and i.type in (MESSAGE, ATTACHMENT)), None)
    if message is None:
        raise ValidationError(f"Message not found: {message_id}")
    if message.participant is who:
        raise ValidationError("A participant does not send receipts for its own messages")
    receipt = message.receipts.setdefault(who.id, {})
    moment = iso(now())
    if content_type == READ:
        receipt.setdefault("DeliveredTimestamp", moment)
        receipt["ReadTimestamp"] = moment
    else:
        receipt.setdefault("DeliveredTimestamp", moment)
    return Item(str(uuid.uuid4()), now(), EVENT, content_type, chat.contact.id, who, content=content)


def disconnect(resources: Resources, chat: Chat, who: Participant, caller: Caller) -> None:
    """The participant leaves; the customer leaving ends the contact (``CUSTOMER_DISCONNECT``)."""
    who.left = True
    chat.add(EVENT, LEFT, who)
    if who.role == CUSTOMER:
        contacts.end(resources, chat.contact, caller, "CUSTOMER_DISCONNECT")
        close(chat)


# -- transcripts ----------------------------------------------------------------------------------
def transcript_items(chat: Chat, contact_id: str | None) -> tuple[Resource, list[tuple[Item, str]]]:
    """The items of the contact ``contact_id`` of this chat's chain (default: this contact), each
    with the contact it is shown for, its past contacts' items first."""
    chain = [*chat.history, chat.contact]
    target = chat.contact
    if contact_id is not None:
        found = next((c for c in chain if contact_id in (c.id, c.arn)), None)
        if found is None:
            raise ValidationError(f"Contact {contact_id} is not in this chat's contact chain")
        target = found
    index = chain.index(target)
    items: list[tuple[Item, str]] = []
    for contact in chain[: index + 1]:
        past = chat_of(contact)
        if past is not None:
            sync(past)
            items.extend((item, target.id) for item in past.items)
    return target, items


def page_transcript(
    items: list[Item],
    current: str,
    *,
    max_results: int,
    next_token: str | None,
    scan: str | None,
    sort: str | None,
    start: dict[str, Any] | None,
) -> tuple[list[dict[str, Any]], str | None]:
    """GetTranscript's paging: from a start position (an item, a time, the n-th most recent)
    scanning FORWARD or BACKWARD, the page sorted ASCENDING or DESCENDING."""
    if start is not None and len(start) != 1:
        raise ValidationError("StartPosition takes exactly one of Id, AbsoluteTime and MostRecent")
    direction = scan or ("FORWARD" if start else "BACKWARD")
    forward = direction == "FORWARD"
    count = len(items)
    if next_token is not None:
        encoded = decode_token(next_token, "transcript")
        position, was_forward = encoded // 2 - 1, encoded % 2
        if bool(was_forward) != forward:
            raise ValidationError("The pagination token was issued for another scan direction")
    elif start is None:
        position = 0 if forward else count - 1
    elif "Id" in start:
        position = next((i for i, item in enumerate(items) if item.id == start["Id"]), -1)
        if position < 0:
            raise ValidationError(f"StartPosition.Id {start['Id']} is not an item of the transcript")
    elif "AbsoluteTime" in start:
        moment = parse_iso(start["AbsoluteTime"])
        if forward:
            position = next((i for i, item in enumerate(items) if item.time >= moment), count)
        else:
            position = max((i for i, item in enumerate(items) if item.time <= moment), default=-1)
    else:
        position = count - 1 - start["MostRecent"]
    limit = max_results or 10
    if forward:
        lo, hi = max(position, 0), min(max(position, 0) + limit, count)
        chosen = items[lo:hi]
        more = hi < count
        following = hi
    else:
        hi = min(position, count - 1) + 1
        lo = max(hi - limit, 0)
        chosen = items[lo:hi]
        more = lo > 0
        following = lo - 1
    if (sort or "DESCENDING") == "DESCENDING":
        chosen = chosen[::-1]
    token = encode_token("transcript", (following + 1) * 2 + int(forward)) if more and chosen else None
    return [item.render(current) for item in chosen], token


# -- attachments ----------------------------------------------------------------------------------
#: Feature specifications, chat attachments: the file types a participant may send, and 20 MB
ATTACHMENT_TYPES = frozenset(
    {
        "text/csv",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/heic",
        "image/jpeg",
        "image/pjpeg",
        "video/quicktime",
        "video/mp4",
        "application/pdf",
        "image/png",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/rtf",
        "text/plain",
        "audio/wav",
        "audio/x-wav",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
)
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
UPLOAD_URL_SECONDS = 300


def start_attachment(chat: Chat, who: Participant, name: str, content_type: str, size: int, caller: Caller) -> Any:
    """StartAttachmentUpload: where the file goes (the instance's ATTACHMENTS storage, else
    Connect's own bucket) and a pre-signed PUT URL to it."""
    from .attached_files import file_location
    from .prompts import presigned_s3_url

    if content_type not in ATTACHMENT_TYPES:
        raise ValidationError(f"Attachments of type {content_type} are not supported")
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(f"An attachment is at most {MAX_ATTACHMENT_BYTES} bytes (20 MB)")
    attachment_id = str(uuid.uuid4())
    instance = chat.contact.parent
    location = file_location(instance, "chat", attachment_id, name, caller)
    chat.attachments[attachment_id] = Attachment(attachment_id, name, content_type, size, location.key, who, location)
    url = presigned_s3_url(location, chat.contact.arn, UPLOAD_URL_SECONDS, signed_headers="content-type;host")
    return {
        "AttachmentId": attachment_id,
        "UploadMetadata": {
            "Url": url,
            "UrlExpiry": iso(now() + dt.timedelta(seconds=UPLOAD_URL_SECONDS)),
            "HeadersToInclude": {"Content-Type": content_type},
        },
    }


def complete_attachment(chat: Chat, who: Participant, attachment_id: str, caller: Caller) -> None:
    """CompleteAttachmentUpload: the file must be in S3 (where that is moto's S3), of its size;
    the transcript then shows it (an ATTACHMENT item, APPROVED)."""
    from moto.s3.exceptions import MissingBucket
    from moto.s3.models import s3_backends

    from ..core.errors import ConflictException

    attachment = chat.attachments.get(attachment_id)
    if attachment is None or attachment.participant is not who:
        raise ValidationError(f"Attachment not found: {attachment_id}")
    if attachment.status != "IN_PROGRESS":
        raise ConflictException(f"Attachment {attachment_id} has already been uploaded")
    location = attachment.location
    s3 = s3_backends[caller.account_id][caller.partition]
    try:
        s3.get_bucket(location.bucket)
        found = s3.get_object(location.bucket, location.key)
        if found is None:
            raise ValidationError(f"Attachment {attachment_id} has not been uploaded to its URL")
        if found.size != attachment.size:
            raise ValidationError(
                f"Attachment {attachment_id} was announced as {attachment.size} bytes but {found.size} were uploaded"
            )
    except MissingBucket:
        pass  # Connect's own storage: not in moto's S3
    attachment.status = "APPROVED"
    summary = {
        "ContentType": attachment.content_type,
        "AttachmentId": attachment.id,
        "AttachmentName": attachment.name,
        "Status": attachment.status,
    }
    chat.add(ATTACHMENT, attachment.content_type, who, attachments=[summary])


def attachment_url(
    chat: Chat, who: Participant, attachment_id: str, expires: int | None, disposition: str | None
) -> dict[str, Any]:
    """GetAttachment: a pre-signed GET URL of an uploaded attachment (never for a custom bot)."""
    from .prompts import presigned_s3_url

    if who.role == CUSTOM_BOT:
        raise AccessDeniedException("A CUSTOM_BOT participant has no access to attachments")
    attachment = chat.attachments.get(attachment_id)
    if attachment is None or attachment.status != "APPROVED":
        raise ValidationError(f"Attachment not found: {attachment_id}")
    seconds = expires or UPLOAD_URL_SECONDS
    kind = (disposition or "ATTACHMENT").lower()
    query = {"response-content-disposition": f'{kind}; filename="{attachment.name}"'}
    url = presigned_s3_url(attachment.location, chat.contact.arn, seconds, query=query)
    return {
        "Url": url,
        "UrlExpiry": iso(now() + dt.timedelta(seconds=seconds)),
        "AttachmentSizeInBytes": attachment.size,
    }


# -- authentication (the "Authenticate customer" block) ----------------------------------------------
#: "This API can only be called within one minute of receiving the authenticationInitiated event"
AUTH_URL_WINDOW = dt.timedelta(minutes=1)


def _auth(chat: Chat, session_id: str) -> dict[str, Any]:
    # GetAuthenticationUrl, CancelParticipantAuthentication: "This API is not supported for Apple
    # Messages for Business, WhatsApp, or SMS chats"
    subtype = subtype_of(chat)
    if str(subtype).lower() in TEXT_ONLY_SUBTYPES:
        raise ValidationError(f"Customer authentication is not supported on {subtype} chats")
    details = chat.auth_sessions.get(session_id)
    if details is None:
        raise ValidationError(f"Authentication session not found: {session_id}")
    return details


def authentication_url(chat: Chat, session_id: str, redirect_uri: str, region: str) -> str:
    from urllib.parse import urlencode

    details = _auth(chat, session_id)
    if details["State"] not in ("INITIATED", "URL_ISSUED"):
        raise ValidationError(f"The authentication session is {details['State']}")
    if now() - details["Started"] > AUTH_URL_WINDOW:
        raise ValidationError("The authentication URL must be asked for within a minute of authentication.initiated")
    parameters = details["Parameters"]
    domain = parameters.get("CognitoDomain") or f"connect-{chat.contact.root_id[:8]}"
    client = (
        parameters.get("CognitoUserPoolAppClientId") or hashlib.sha256(chat.contact.root_id.encode()).hexdigest()[:26]
    )
    state = _token()[:64].replace("+", "-").replace("/", "_")
    details.update(State="URL_ISSUED", UrlState=state)
    query = urlencode(
        {"response_type": "code", "client_id": client, "redirect_uri": redirect_uri, "state": state, "scope": "openid"}
    )
    return f"https://{domain}.auth.{region}.amazoncognito.com/oauth2/authorize?{query}"


def cancel_authentication(chat: Chat, session_id: str) -> None:
    details = _auth(chat, session_id)
    if details["State"] not in ("INITIATED", "URL_ISSUED"):
        raise ValidationError(f"The authentication session is {details['State']}")
    details["State"] = "CANCELLED"
