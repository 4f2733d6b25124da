"""Contacts and agents: routing a queued contact to an agent, dismissing it, monitoring,
contact trees, persistent chats, PII deletion, agents' sessions, and SearchContacts.

Every rule here works on the contacts of ``contacts.py`` (the one place contacts are made,
routed and ended):

* AssociateContactWithUser routes a contact that waits in a queue (``QUEUED``) to a user of
  the instance; an ended contact, or one not in a queue, is refused.
* DismissUserContact takes a contact off its agent's CCP: only the agent's own contacts that
  have ended ("MISSED, ERROR, ENDED or REJECTED" in the agent event stream).
* MonitorContact makes the supervisor's monitoring contact (InitiationMethod ``MONITOR``,
  ``RelatedContactId`` the monitored contact, connected to the supervisor) for a voice or
  chat contact an agent is on; barge needs the instance's enhanced monitoring, with which a
  call takes at most two supervisors at once.
* ListAssociatedContacts lists a contact's tree: every contact with the same root
  (``ContactAssociationId``), found through ``InitialContactId``, ``PreviousContactId`` and
  ``RelatedContactId``.
* Sessions are an agent's sign-ins (``open_session``); DeleteSession and
  DeleteAllEntitySessions sign them out.
* SearchContacts filters an instance's contacts in one pass (time range, criteria, tags) and
  pages the sorted result through ``Walks`` snapshots.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.pagination import Walks, limit_of
from ..core.resources import Container, ModeledError, Ref, Resource, Resources, ResourceType, render
from . import contacts
from .exceptions import (
    IdempotencyException,
    InvalidParameterException,
    InvalidRequestException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
)
from .search_criteria import tag_matcher
from .users import USER

#: the channels a supervisor can monitor, and the instance attribute that lets them barge in
MONITORED_CHANNELS = {"VOICE": "ENHANCED_CONTACT_MONITORING", "CHAT": "ENHANCED_CHAT_MONITORING"}
#: supervisors who can monitor one call at once, with multi-party calls and enhanced monitoring
#: for voice (Administrator Guide, feature specifications)
VOICE_MONITORS = 2
#: ListAssociatedContacts' page size when MaxResults is not given (API Reference)
ASSOCIATED_PAGE = 25
SEARCH_PAGE = 100
#: DeleteContactData: what each field names among the contact's members
PII_FIELDS = {
    "CUSTOMER_ENDPOINT": ("CustomerEndpoint",),
    "ADDITIONAL_EMAIL_RECIPIENTS": ("AdditionalEmailRecipients",),
    "EMAIL_SUBJECT": ("Name",),
}


def _user(resources: Resources, instance: Container, user_id: str) -> Resource:
    user = resources.find(USER, instance, user_id)
    if user is None:
        raise ResourceNotFoundException(f"User not found: {user_id}")
    return user


# -- routing to agents --------------------------------------------------------------------------
def associate_with_user(
    resources: Resources, instance: Container, contact_id: str, user_id: str, caller: Caller
) -> None:
    """AssociateContactWithUser: a queued contact goes to the agent ``user_id``."""
    contact = contacts.find(resources, instance, contact_id)
    user = _user(resources, instance, user_id)
    contacts.active(contact)
    if contacts.state(contact) != contacts.QUEUED:
        raise InvalidRequestException(
            f"Contact {contact.id} is not in a queue ({contacts.state(contact)}): only a queued contact "
            "can be associated with a user"
        )
    contacts.route_to_agent(resources, contact, user.id, caller)


def dismiss(resources: Resources, instance: Container, user_id: str, contact_id: str, caller: Caller) -> None:
    """DismissUserContact: an ended contact of the agent leaves the agent's CCP."""
    user = _user(resources, instance, user_id)
    contact = contacts.find(resources, instance, contact_id)
    if contact.attrs.get("AgentId") != user.id:
        raise InvalidRequestException(f"Contact {contact.id} is not a contact of user {user.id}")
    if not contacts.ended(contact):
        raise InvalidRequestException(
            f"Contact {contact.id} is {contacts.state(contact)}: only a contact in a MISSED, ERROR, ENDED "
            "or REJECTED state can be dismissed"
        )
    if "_DismissedTimestamp" not in contact.attrs:
        contact.attrs["_DismissedTimestamp"] = now()
        resources.touch(contact, caller)


# -- monitoring ---------------------------------------------------------------------------------
def _monitors(resources: Resources, instance: Container, contact: Resource) -> Iterable[Resource]:
    for each in contacts.contacts_of(resources, instance):
        if each.attrs.get("InitiationMethod") == "MONITOR" and each.attrs.get("RelatedContactId") == contact.id:
            yield each


def monitor(
    backend: Any,
    instance: Any,
    contact_id: str,
    user_id: str,
    capabilities: list[str] | None,
    client_token: str | None,
    caller: Caller,
) -> Resource:
    """MonitorContact: the supervisor's monitoring contact on a contact an agent is on."""
    resources: Resources = backend.resources
    request = {"ContactId": contact_id, "UserId": user_id, "AllowedMonitorCapabilities": capabilities}

    def create() -> Resource:
        contact = contacts.find(resources, instance, contact_id)
        user = _user(resources, instance, user_id)
        contacts.active(contact)
        channel = contact.attrs["Channel"]
        if channel not in MONITORED_CHANNELS:
            raise InvalidRequestException(f"A {channel} contact cannot be monitored: only voice and chat contacts")
        if contacts.state(contact) != contacts.CONNECTED_TO_AGENT:
            raise InvalidRequestException(f"Contact {contact.id} is not connected to an agent")
        if contact.attrs.get("AgentId") == user.id:
            raise InvalidRequestException(f"User {user.id} is the agent of contact {contact.id}")
        allowed = list(dict.fromkeys(capabilities or ["SILENT_MONITOR"]))
        attribute = MONITORED_CHANNELS[channel]
        if "BARGE" in allowed and instance.attributes.get(attribute) != "true":
            raise InvalidRequestException(f"Barge needs the instance attribute {attribute} enabled")
        watching = [m for m in _monitors(resources, instance, contact) if not contacts.ended(m)]
        if any(m.attrs.get("AgentId") == user.id for m in watching):
            raise InvalidRequestException(f"User {user.id} is already monitoring contact {contact.id}")
        if channel == "VOICE" and instance.attributes.get(attribute) == "true" and len(watching) >= VOICE_MONITORS:
            raise ServiceQuotaExceededException(
                f"Contact {contact.id} is already monitored by {len(watching)} supervisors, "
                f"the most a call takes ({VOICE_MONITORS})"
            )
        attrs = {
            "RelatedContactId": contact.id,
            "InitialContactId": contact.attrs.get("InitialContactId") or contact.id,
            "_AllowedMonitorCapabilities": allowed,
        }
        monitoring = contacts.start(resources, instance, caller, channel, "MONITOR", attrs)
        contacts.route_to_agent(resources, monitoring, user.id, caller)
        return monitoring

    def mismatch() -> Exception:
        return IdempotencyException(f"Client token {client_token} was used with another MonitorContact request")

    found, _ = backend.client_tokens.once("MonitorContact", client_token, request, create, mismatch)
    result: Resource = found
    return result


# -- contact trees and persistent chats -----------------------------------------------------------
def _roots(resources: Resources, instance: Container) -> Callable[[Resource], str]:
    """The root of a contact's tree: its ``ContactAssociationId``, or the root of the contact it
    follows (initial, previous or related contact), or itself."""
    memo: dict[str, str] = {}
    store = instance.children(contacts.CONTACT.kind)

    def root(contact: Resource) -> str:
        chain: list[str] = []
        current: Resource | None = contact
        found = None
        while current is not None:
            if current.id in memo:
                found = memo[current.id]
                break
            if current.id in chain:  # a loop of references: its first contact is the root
                found = current.id
                break
            chain.append(current.id)
            association = current.attrs.get("ContactAssociationId")
            if association:
                found = association
                break
            nxt = None
            for member in ("InitialContactId", "PreviousContactId", "RelatedContactId"):
                ident = current.attrs.get(member)
                if ident and ident != current.id:
                    nxt = store.get(ident)
                    if nxt is None:
                        found = ident  # the tree's root is gone: its ID still names the tree
                    break
            if nxt is None:
                found = found or current.id
                break
            current = nxt
        for ident in chain:
            memo[ident] = found or contact.id
        return memo[contact.id]

    return root


def associated(
    resources: Resources, instance: Container, contact_id: str, next_token: str | None, max_results: int | None
) -> tuple[list[dict[str, Any]], str | None]:
    """ListAssociatedContacts: the contacts of the contact's tree, oldest first."""
    contact = contacts.find(resources, instance, contact_id)
    root = _roots(resources, instance)
    mine = root(contact)
    page, token = resources.page(
        contacts.CONTACT,
        instance,
        next_token,
        limit_of(max_results, ASSOCIATED_PAGE),
        lambda c: root(c) == mine and contacts.retained(c),
    )
    return [render(c, "AssociatedContactSummary", resources.tags) for c in page], token


def persistent_association(
    backend: Any,
    instance: Container,
    initial_contact_id: str,
    rehydration_type: str,
    source_contact_id: str,
    client_token: str | None,
    caller: Caller,
) -> str:
    """CreatePersistentContactAssociation: the current chat continues a past, ended chat session.

    ``ENTIRE_PAST_SESSION``: the source is the initial contact of the past session, and the chat
    continues from that session's most recently ended contact; ``FROM_SEGMENT``: it continues
    from the source itself.  Answers the contact it continues from."""
    resources: Resources = backend.resources
    request = {"InitialContactId": initial_contact_id, "Type": rehydration_type, "Source": source_contact_id}

    def create() -> str:
        current = contacts.find(resources, instance, initial_contact_id)
        source = contacts.find(resources, instance, source_contact_id)
        for each in (current, source):
            if each.attrs["Channel"] != "CHAT":
                raise InvalidRequestException(f"Contact {each.id} is not a chat: persistent chat is for chats")
        contacts.active(current)
        if current.attrs.get("_ContinuedFromContactId"):
            raise InvalidRequestException(
                f"Contact {current.id} already continues contact {current.attrs['_ContinuedFromContactId']}"
            )
        if source.id == current.id:
            raise InvalidRequestException("A chat cannot continue itself")
        if rehydration_type == "ENTIRE_PAST_SESSION":
            if source.attrs.get("InitialContactId") not in (None, source.id):
                raise InvalidRequestException(
                    f"Contact {source.id} is not the initial contact of its chat session: "
                    f"ENTIRE_PAST_SESSION takes {source.attrs['InitialContactId']}"
                )
            session = [
                c
                for c in contacts.contacts_of(resources, instance)
                if c is source or c.attrs.get("InitialContactId") == source.id
            ]
            if not all(contacts.ended(c) for c in session):
                raise InvalidRequestException(f"The chat session of contact {source.id} has not ended")
            continued = max(session, key=lambda c: contacts.life(c).at(contacts.DISCONNECTED) or now())
        else:
            if not contacts.ended(source):
                raise InvalidRequestException(f"Contact {source.id} has not ended")
            continued = source
        changes: dict[str, Any] = {"_ContinuedFromContactId": continued.id, "_RehydrationType": rehydration_type}
        if not current.attrs.get("RelatedContactId"):
            changes["RelatedContactId"] = continued.id
        resources.update(current, changes, caller)
        return continued.id

    def mismatch() -> Exception:
        return InvalidRequestException(f"Client token {client_token} was used with another request")

    found, _ = backend.client_tokens.once("CreatePersistentContactAssociation", client_token, request, create, mismatch)
    result: str = found
    return result


def delete_contact_data(
    resources: Resources, instance: Container, contact_id: str, fields: list[str], caller: Caller
) -> None:
    """DeleteContactData: the named PII fields of an ended contact are gone for good."""
    contact = contacts.find(resources, instance, contact_id)
    if not contacts.ended(contact):
        raise ModeledError(
            "ContactNotTerminatedException", f"Contact {contact.id} has not ended: only a terminated contact"
        )
    changes: dict[str, Any] = {}
    for field in dict.fromkeys(fields):
        for member in PII_FIELDS[field]:
            if field == "EMAIL_SUBJECT" and contact.attrs.get("Channel") != "EMAIL":
                continue
            changes[member] = None
    deleted = sorted({*contact.attrs.get("_DeletedContactData", ()), *fields})
    changes["_DeletedContactData"] = deleted
    resources.update(contact, changes, caller)


# -- sessions -------------------------------------------------------------------------------------
SESSION = ResourceType(
    kind="session",
    name_member=None,
    refs=(Ref("UserId", "user", blocks_delete=False),),
    # AWS gives a session no ARN: IAM matches requests on the instance's
    iam_arn_path="instance/{root}",
    not_found_error=lambda ident, _parent: ResourceNotFoundException(f"Session not found: {ident}"),
)


def open_session(resources: Resources, instance: Container, user_id: str, caller: Caller) -> Resource:
    """A new sign-in of the user ``user_id`` (what DeleteSession and DeleteAllEntitySessions end):
    GetFederationToken opens one."""
    user = _user(resources, instance, user_id)
    return resources.create(SESSION, instance, {"UserId": user.id, "_SignedIn": now()}, caller)


def open_customer_session(resources: Resources, instance: Container, profile_id: str, caller: Caller) -> Resource:
    """A customer's session with scoped permissions (CreateAuthCode), which DeleteSession ends."""
    return resources.create(SESSION, instance, {"_Customer": profile_id, "_SignedIn": now()}, caller)


def delete_session(resources: Resources, instance: Container, session_id: str) -> None:
    resources.delete(resources.get(SESSION, instance, session_id))


def delete_entity_sessions(resources: Resources, instance: Container, entity_type: str, entity_id: str) -> int:
    """DeleteAllEntitySessions: every session of the user signed out; how many there were."""
    if entity_type != "USER":
        raise InvalidParameterException(f"EntityType {entity_type} is not supported: only USER")
    user = _user(resources, instance, entity_id)
    mine = [s for s in resources.all(SESSION, instance) if s.attrs.get("UserId") == user.id]
    for session in mine:
        resources.delete(session)
    return len(mine)


# -- SearchContacts -------------------------------------------------------------------------------
_STATE_OF = {
    "CONNECTED_TO_AGENT_TIMESTAMP": contacts.CONNECTED_TO_AGENT,
    "DISCONNECT_TIMESTAMP": contacts.DISCONNECTED,
    "ENQUEUE_TIMESTAMP": contacts.QUEUED,
}


def _moment(contact: Resource, kind: str) -> dt.datetime | None:
    """The contact's timestamp of a ``SearchContactsTimeRangeType`` (or sortable field)."""
    if kind in ("SCHEDULED_TIMESTAMP", "EXPIRY_TIMESTAMP"):
        value = contact.attrs.get("ScheduledTimestamp" if kind == "SCHEDULED_TIMESTAMP" else "_ExpiryTimestamp")
        return value if isinstance(value, dt.datetime) else None
    life = contacts.life(contact)
    life.state()  # progressed once; then read what it reached
    if kind == "INITIATION_TIMESTAMP":
        return life.reached.get(contacts.INITIATED) or life.reached.get(contacts.SCHEDULED)
    state = _STATE_OF.get(kind)
    return life.reached.get(state) if state else None


class _Moments:
    """Each contact's timestamps read once per search (the filter and the sort share them)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], dt.datetime | None] = {}

    def __call__(self, contact: Resource, kind: str) -> dt.datetime | None:
        key = (contact.id, kind)
        if key not in self._seen:
            moment = _moment(contact, kind)
            self._seen[key] = _utc(moment) if moment is not None else None
        return self._seen[key]


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)


def _matches(match_type: str | None, hits: list[bool]) -> bool:
    """``MATCH_ALL``/``MATCH_EXACT``: every criterion holds; ``MATCH_ANY``: one does;
    ``MATCH_NONE``: none does."""
    kind = match_type or "MATCH_ALL"
    if kind == "MATCH_ANY":
        return any(hits)
    if kind == "MATCH_NONE":
        return not any(hits)
    return all(hits)


def _time_range(time_range: Mapping[str, Any], path: str, moments: _Moments) -> Callable[[Resource], bool]:
    kind = time_range["Type"]
    start, end = _utc(time_range["StartTime"]), _utc(time_range["EndTime"])
    if start > end:
        raise InvalidParameterException(f"{path}: StartTime must not be after EndTime")

    def keep(contact: Resource) -> bool:
        moment = moments(contact, kind)
        return moment is not None and start <= moment <= end

    return keep


def _text_matcher(criteria: Mapping[str, Any], read: Callable[[Resource], str | None]) -> Callable[[Resource], bool]:
    texts = [t.lower() for t in criteria.get("SearchText") or ()]
    kind = criteria.get("MatchType")
    if kind == "MATCH_EXACT":
        return lambda c: (read(c) or "").lower() in texts
    return lambda c: _matches(kind, [t in (read(c) or "").lower() for t in texts])


def _attribute_matcher(block: Mapping[str, Any], read: Callable[[Resource, str], Any]) -> Callable[[Resource], bool]:
    criteria = [(c["Key"], set(c["Values"])) for c in block["Criteria"]]
    kind = block.get("MatchType")
    return lambda c: _matches(kind, [read(c, key) in values for key, values in criteria])


def _segment_value(contact: Resource, key: str) -> Any:
    value = (contact.attrs.get("SegmentAttributes") or {}).get(key)
    return value.get("ValueString") if isinstance(value, Mapping) else None


def _hierarchy_levels(resources: Resources, instance: Container) -> Callable[[str | None], list[str]]:
    """An agent's hierarchy group IDs from level one down (memoised per search)."""
    from .hierarchy import HIERARCHY_GROUP, path_of

    memo: dict[str | None, list[str]] = {}

    def levels(user_id: str | None) -> list[str]:
        if user_id not in memo:
            user = resources.find(USER, instance, user_id) if user_id else None
            group_id = user.attrs.get("HierarchyGroupId") if user is not None else None
            group = resources.find(HIERARCHY_GROUP, instance, group_id) if group_id else None
            memo[user_id] = [g.id for g in path_of(resources, group)] if group is not None else []
        return memo[user_id]

    return levels


def search_filter(
    resources: Resources,
    instance: Container,
    time_range: Mapping[str, Any],
    criteria: Mapping[str, Any] | None,
    moments: _Moments | None = None,
) -> Callable[[Resource], bool]:
    """One predicate for SearchContacts' time range and criteria, built before any contact is read
    (the cheap member checks first, the timestamps last)."""
    moments = moments or _Moments()
    within = _time_range(time_range, "TimeRange", moments)
    parts: list[Callable[[Resource], bool]] = []
    criteria = criteria or {}
    for member, attr in (("Channels", "Channel"), ("InitiationMethods", "InitiationMethod")):
        if criteria.get(member):
            wanted = frozenset(criteria[member])
            parts.append(lambda c, attr=attr, wanted=wanted: c.attrs.get(attr) in wanted)  # type: ignore[misc]
    if criteria.get("AgentIds"):
        agents = frozenset(a.rsplit("/", 1)[-1] for a in criteria["AgentIds"])
        parts.append(lambda c: c.attrs.get("AgentId") in agents)
    if criteria.get("QueueIds"):
        queues = frozenset(q.rsplit("/", 1)[-1] for q in criteria["QueueIds"])
        parts.append(lambda c: c.attrs.get("QueueId") in queues)
    groups = criteria.get("AgentHierarchyGroups")
    if groups:
        levels = _hierarchy_levels(resources, instance)
        wanted_levels = [
            (index, frozenset(groups[f"L{index + 1}Ids"])) for index in range(5) if groups.get(f"L{index + 1}Ids")
        ]

        def in_groups(contact: Resource) -> bool:
            path = levels(contact.attrs.get("AgentId"))
            return all(index < len(path) and path[index] in ids for index, ids in wanted_levels)

        if wanted_levels:
            parts.append(in_groups)
    if criteria.get("Name"):
        parts.append(_text_matcher(criteria["Name"], lambda c: c.attrs.get("Name")))
    if criteria.get("SearchableContactAttributes"):
        parts.append(
            _attribute_matcher(
                criteria["SearchableContactAttributes"], lambda c, k: (c.attrs.get("Attributes") or {}).get(k)
            )
        )
    if criteria.get("SearchableSegmentAttributes"):
        parts.append(_attribute_matcher(criteria["SearchableSegmentAttributes"], _segment_value))
    if criteria.get("ActiveRegions"):
        regions = frozenset(criteria["ActiveRegions"])
        parts.append(lambda c: _active_region(c) in regions)
    steps = (criteria.get("RoutingCriteria") or {}).get("Steps") or ()
    for step in steps:
        agent_step = step.get("AgentCriteria") or {}
        ids = agent_step.get("AgentIds") or []
        kind = agent_step.get("MatchType")
        parts.append(lambda c, ids=ids, kind=kind: _matches(kind, [a in _step_agents(c) for a in ids]))  # type: ignore[misc]
    additional = criteria.get("AdditionalTimeRange")
    if additional:
        checks = []
        for each in additional["Criteria"]:
            if each.get("TimeRange"):
                checks.append(_time_range(each["TimeRange"], "AdditionalTimeRange.TimeRange", moments))
            condition = each.get("TimestampCondition")
            if condition:
                kind_of = condition["Type"]
                checks.append(lambda c, kind_of=kind_of: moments(c, kind_of) is None)  # type: ignore[misc]
        match_type = additional.get("MatchType")
        parts.append(lambda c: _matches(match_type, [check(c) for check in checks]))
    if criteria.get("ContactTags"):
        tags_match = tag_matcher(criteria["ContactTags"], "SearchCriteria.ContactTags")
        tags = resources.tags
        parts.append(lambda c: tags_match(tags.get(c.arn)))
    analysis = (criteria.get("ContactAnalysis") or {}).get("Transcript")
    if analysis:
        # no contact has an analysed transcript here: a transcript criterion holds for none,
        # except one asking that no text match
        hits = [t.get("MatchType") == "MATCH_NONE" for t in analysis["Criteria"]]
        holds = _matches(analysis.get("MatchType"), hits)
        parts.append(lambda c: holds)
    ai_agents = (criteria.get("AiAgents") or {}).get("Criteria")
    for index, each in enumerate(ai_agents or ()):
        if each.get("VersionNumber") is not None and not each.get("Id"):
            raise InvalidParameterException(
                f"SearchCriteria.AiAgents.Criteria[{index}]: Id is required if VersionNumber is passed"
            )
    if ai_agents:
        parts.append(lambda c: any(_ai_agent_matches(c, each) for each in ai_agents))
    parts.append(within)
    parts.append(contacts.retained)  # a contact past its retention is gone
    return lambda c: all(p(c) for p in parts)


def _active_region(contact: Resource) -> str:
    metadata = contact.attrs.get("GlobalResiliencyMetadata") or {}
    return str(metadata.get("ActiveRegion") or contact.last_modified_region)


def _expression_agents(expression: Mapping[str, Any], into: set[str]) -> None:
    for member in ("AttributeCondition", "NotAttributeCondition"):
        condition = expression.get(member) or {}
        into.update(((condition.get("MatchCriteria") or {}).get("AgentsCriteria") or {}).get("AgentIds") or ())
    for member in ("AndExpression", "OrExpression"):
        for each in expression.get(member) or ():
            _expression_agents(each, into)


def _step_agents(contact: Resource) -> set[str]:
    """The agents the contact's routing steps name (``MatchCriteria.AgentsCriteria``)."""
    agents: set[str] = set()
    for step in (contact.attrs.get("RoutingCriteria") or {}).get("Steps") or ():
        _expression_agents(step.get("Expression") or {}, agents)
    return agents


def _ai_agent_matches(contact: Resource, wanted: Mapping[str, Any]) -> bool:
    """An ``AiAgentSearchCriteria`` against the contact's ``AiAgentInfo`` (``AiAgentVersionId`` is
    ``<AI agent ID>:<version>``)."""

    def holds(info: Mapping[str, Any]) -> bool:
        agent, _, version = str(info.get("AiAgentVersionId") or "").partition(":")
        return (
            wanted.get("Id") in (None, agent)
            and wanted.get("VersionNumber") in (None, int(version) if version.isdigit() else None)
            and all(wanted.get(k) in (None, info.get(k)) for k in ("AiAgentEscalated", "AiUseCase"))
        )

    return any(holds(info) for info in contact.attrs.get("AiAgentInfo") or ())


_SUMMARY_AGENT = ("Id", "ConnectedToAgentTimestamp")
_SUMMARY_SEGMENT = ("ValueString", "ValueMap")


def search_summary(contact: Resource, resources: Resources) -> dict[str, Any]:
    """A contact in the ``ContactSearchSummary`` shape."""
    out = render(contact, "ContactSearchSummary", resources.tags)
    if "AgentInfo" in out:
        out["AgentInfo"] = {k: v for k, v in out["AgentInfo"].items() if k in _SUMMARY_AGENT}
    if "SegmentAttributes" in out:
        segments = {
            key: {k: v for k, v in value.items() if k in _SUMMARY_SEGMENT}
            for key, value in out["SegmentAttributes"].items()
        }
        out["SegmentAttributes"] = {k: v for k, v in segments.items() if v}
        if not out["SegmentAttributes"]:
            del out["SegmentAttributes"]
    return out


def _walks(instance: Container) -> Walks:
    walks: Walks = instance.__dict__.setdefault("_contact_search_walks", Walks())
    return walks


def _sort_key(sort: Mapping[str, Any] | None, moments: _Moments) -> tuple[Callable[[Resource], Any], bool]:
    """A key putting contacts in the requested order (contacts without the value last), and
    whether to reverse.  Without ``Sort``: newest initiation first."""
    field = (sort or {}).get("FieldName", "INITIATION_TIMESTAMP")
    descending = (sort or {}).get("Order", "DESCENDING") == "DESCENDING"
    if field in ("INITIATION_METHOD", "CHANNEL"):
        attr = "InitiationMethod" if field == "INITIATION_METHOD" else "Channel"
        return (lambda c: (0, c.attrs.get(attr) or "")), descending
    floor = dt.datetime.min.replace(tzinfo=dt.timezone.utc)

    def key(contact: Resource) -> Any:
        moment = moments(contact, field)
        return (0, moment) if moment is not None else (1, floor)

    return key, descending


def search(
    resources: Resources,
    instance: Container,
    params: Mapping[str, Any],
) -> tuple[list[dict[str, Any]], str | None, int]:
    """SearchContacts: one page of the matching contacts, the next token and the total."""
    moments = _Moments()
    keep = search_filter(resources, instance, params["TimeRange"], params.get("SearchCriteria"), moments)
    store = instance.children(contacts.CONTACT.kind)
    scope = json.dumps(
        {k: v for k, v in params.items() if k not in ("NextToken", "MaxResults")}, sort_keys=True, default=str
    )

    def run() -> list[Resource]:
        hits = [c for c in store.values() if keep(c)]
        key, descending = _sort_key(params.get("Sort"), moments)
        decorated = [(key(c), store.position(c.id), c) for c in hits]
        if descending:
            # missing values stay last; ties keep creation order
            present = [d for d in decorated if d[0][0] == 0]
            missing = [d for d in decorated if d[0][0] != 0]
            present.sort(key=lambda d: (d[0], -d[1]), reverse=True)
            missing.sort(key=lambda d: d[1])
            decorated = present + missing
        else:
            decorated.sort(key=lambda d: (d[0], d[1]))
        return [d[2] for d in decorated]

    page = _walks(instance).page(
        scope, params.get("NextToken"), limit_of(params.get("MaxResults"), SEARCH_PAGE), run, lambda c: c.id, store.get
    )
    return [search_summary(c, resources) for c in page.items], page.next_token, page.total
