"""Metrics: real-time and historical metrics computed from the contacts and agents in the store.

Nothing here is invented: every value is counted or timed from the instance's contacts (the
contact core, ``contacts.py``: state, channel, queue, agent and the moments each state was
reached) and its users (the status PutUserStatus set, the routing profile's channels,
concurrencies and queues, the hierarchy group).  Each request walks the instance's contacts
once.

* **GetCurrentMetricData** (real time).  An agent is *online* when its status is not of type
  ``OFFLINE`` (a user who never set a status is not logged in) or while it has a contact; its
  activity is *on contact* (a contact connected to it), else *available* (a ``ROUTABLE``
  status) or *non-productive* (a ``CUSTOM`` status).  *Staffed* is available + non-productive
  + on contact + after contact work.  The emulator has no after-contact-work or error state:
  ``AGENTS_AFTER_CONTACT_WORK`` and ``AGENTS_ERROR`` are 0.  Slots are the routing profile's
  ``MediaConcurrencies``: active slots are contacts connected to the agent, available slots the
  free ones of a routable agent (none on another channel while it has a contact, unless the
  channel's cross-channel behaviour is ``ROUTE_ANY_CHANNEL``).  ``CONTACTS_IN_QUEUE`` counts
  queued contacts, ``CONTACTS_SCHEDULED`` scheduled ones, ``OLDEST_CONTACT_AGE`` the age of the
  longest-waiting one (seconds with groupings, milliseconds without: AWS's documented quirk).
  ``ESTIMATED_WAIT_TIME`` has no data to be estimated from: no value.  An agent belongs to the
  queues and channels of its routing profile (and its own agent queue); a contact to its queue,
  its channel and the routing profiles that take that queue on that channel.
* **GetCurrentUserData**: every user logged in (with a status) or with a contact, its status,
  slots by channel, contacts (``CONNECTED``), routing profile and hierarchy path.
* **GetMetricData** (historical, last 24 hours, 5-minute boundaries) and **GetMetricDataV2**
  (3 months back, up to 35 days, ``IntervalPeriod`` buckets): contacts created (initiation),
  queued (enqueue), handled (connected to an agent, counted at disconnect), abandoned (queued,
  disconnected before an agent), handle / interaction time (agent connect to disconnect), queue
  answer time, queued time, abandon time, contact duration, service level (contacts removed
  from the queue within the threshold / contacts queued).  Counts of events the emulator never
  produces (holds, consults, missed contacts...) are 0; averages and rates over an empty
  population, and metrics with nothing in the store to compute them from (sentiment, talk
  time, evaluations, bots, campaigns' dispositions, occupancy...), have no ``Value`` (AWS:
  "Metric value is null: ... insufficient data").

Custom metrics (GetMetricDataV2 ``MetricId`` naming a metric of the instance) are looked up
through ``metric_definitions.metric_definition`` (the hook ``_custom_metric``) and evaluated
from their components' values.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..core.clock import now
from ..core.model import service_model
from ..core.resources import Container, Resource, Resources, ResourceType
from . import contacts
from .agent_statuses import AGENT_STATUS
from .exceptions import InvalidParameterException, ResourceNotFoundException
from .hierarchy import HIERARCHY_GROUP, LEVELS, path_of
from .queues import QUEUE, is_agent_queue
from .routing_profiles import AUTOMATIC, ROUTING_PROFILE, key_of
from .users import STATUS, USER

CHANNELS = ("VOICE", "CHAT", "TASK", "EMAIL")

# -- shared: the instance's agents and contacts, read once --------------------------------------


@dataclass
class Agent:
    user: Resource
    profile: Resource | None
    status: Resource | None
    since: dt.datetime | None
    #: channel -> concurrency (the routing profile's MediaConcurrencies)
    slots: dict[str, int]
    #: channel -> whether a contact on another channel keeps this one free (ROUTE_ANY_CHANNEL)
    any_channel: dict[str, bool]
    #: (queue id, channel) pairs the agent takes contacts from
    pairs: set[tuple[str, str]]
    contacts: list[Resource] = field(default_factory=list)

    @property
    def status_type(self) -> str | None:
        return None if self.status is None else str(self.status.attrs.get("Type"))

    def active_by_channel(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.contacts:
            out[c.attrs["Channel"]] = out.get(c.attrs["Channel"], 0) + 1
        return out

    def available_by_channel(self) -> dict[str, int]:
        if self.status_type != "ROUTABLE":
            return {channel: 0 for channel in self.slots}
        active = self.active_by_channel()
        busy_elsewhere = {ch for ch, n in active.items() if n}
        out = {}
        for channel, top in self.slots.items():
            blocked = bool(busy_elsewhere - {channel}) and not self.any_channel.get(channel)
            out[channel] = 0 if blocked else max(top - active.get(channel, 0), 0)
        return out

    @property
    def online(self) -> bool:
        return bool(self.contacts) or (self.status is not None and self.status_type != "OFFLINE")

    @property
    def activity(self) -> str | None:
        """ON_CONTACT, AVAILABLE, NON_PRODUCTIVE (or None: offline)."""
        if self.contacts:
            return "ON_CONTACT"
        if not self.online:
            return None
        return "AVAILABLE" if self.status_type == "ROUTABLE" else "NON_PRODUCTIVE"

    @property
    def queues(self) -> set[str]:
        return {q for q, _ in self.pairs}


def _profile_pairs(profile: Resource | None) -> set[tuple[str, str]]:
    if profile is None:
        return set()
    return {key_of(e) for e in profile.attrs.get(AUTOMATIC) or ()}


def agents_of(resources: Resources, instance: Container, connected: Mapping[str, list[Resource]]) -> list[Agent]:
    """Every user of the instance as an agent: status, routing profile, contacts connected to it."""
    out = []
    for user in resources.all(USER, instance):
        profile = resources.find(ROUTING_PROFILE, instance, user.attrs.get("RoutingProfileId") or "")
        held = user.attrs.get(STATUS) or {}
        status = resources.find(AGENT_STATUS, instance, held["AgentStatusId"]) if held else None
        media = (profile.attrs.get("MediaConcurrencies") if profile else None) or []
        slots = {m["Channel"]: int(m.get("Concurrency") or 1) for m in media}
        any_channel = {
            m["Channel"]: (m.get("CrossChannelBehavior") or {}).get("BehaviorType") == "ROUTE_ANY_CHANNEL"
            for m in media
        }
        pairs = _profile_pairs(profile) | {(user.id, ch) for ch in slots}
        out.append(
            Agent(
                user, profile, status, held.get("StartTimestamp"), slots, any_channel, pairs, connected.get(user.id, [])
            )
        )
    return out


def _connected(resources: Resources, instance: Container) -> tuple[list[Resource], dict[str, list[Resource]]]:
    """The one pass over the contacts: all of them, and those connected to each agent now."""
    everything = list(contacts.contacts_of(resources, instance))
    by_agent: dict[str, list[Resource]] = defaultdict(list)
    for contact in everything:
        if contacts.state(contact) == contacts.CONNECTED_TO_AGENT and contact.attrs.get("AgentId"):
            by_agent[contact.attrs["AgentId"]].append(contact)
    return everything, by_agent


def _resolve(resources: Resources, rtype: ResourceType, instance: Container, idents: Iterable[str]) -> list[Resource]:
    """The resources some IDs or ARNs name (each must exist in the instance), each once."""
    found: dict[str, Resource] = {}
    for ident in idents:
        resource = resources.get(rtype, instance, ident)
        if ident.startswith("arn:") and ident != resource.arn:
            raise rtype.not_found(ident, instance)
        found.setdefault(resource.id, resource)
    return list(found.values())


def _ref(resource: Resource) -> dict[str, str]:
    return {"Id": resource.id, "Arn": resource.arn}


def _segment(contact: Resource, name: str) -> str | None:
    value = (contact.attrs.get("SegmentAttributes") or {}).get(name) or {}
    return value.get("ValueString") if isinstance(value, Mapping) else None


def _groupings(params: Mapping[str, Any], valid: Collection[str] | None = None, refused: str = "") -> list[str]:
    """The request's Groupings, none repeated; with ``valid``, each one of them (else "<grouping> is
    not a valid <refused>")."""
    groupings = list(params.get("Groupings") or [])
    if len(set(groupings)) != len(groupings):
        raise InvalidParameterException(f"Groupings must not repeat a grouping: {groupings}")
    for grouping in groupings:
        if valid is not None and grouping not in valid:
            raise InvalidParameterException(f"{grouping} is not a valid {refused}")
    return groupings


def _requested(params: Mapping[str, Any], member: str) -> list[dict[str, Any]]:
    """The metrics the request's ``member`` names: at least one."""
    requested = list(params[member])
    if not requested:
        raise InvalidParameterException(f"{member} must name at least one metric")
    return requested


def _check_service_levels(requested: Iterable[Mapping[str, Any]]) -> None:
    if sum(1 for m in requested if m.get("Name") == "SERVICE_LEVEL") > SERVICE_LEVELS:
        raise InvalidParameterException(f"You can include up to {SERVICE_LEVELS} SERVICE_LEVEL metrics in a request")


# -- GetCurrentMetricData --------------------------------------------------------------------
CURRENT_UNITS = {
    "AGENTS_ONLINE": "COUNT",
    "AGENTS_AVAILABLE": "COUNT",
    "AGENTS_ON_CALL": "COUNT",
    "AGENTS_NON_PRODUCTIVE": "COUNT",
    "AGENTS_AFTER_CONTACT_WORK": "COUNT",
    "AGENTS_ERROR": "COUNT",
    "AGENTS_STAFFED": "COUNT",
    "CONTACTS_IN_QUEUE": "COUNT",
    "OLDEST_CONTACT_AGE": "SECONDS",
    "CONTACTS_SCHEDULED": "COUNT",
    "AGENTS_ON_CONTACT": "COUNT",
    "SLOTS_ACTIVE": "COUNT",
    "SLOTS_AVAILABLE": "COUNT",
    "ESTIMATED_WAIT_TIME": "SECONDS",
}
#: metrics about contacts (the others are about agents)
CONTACT_METRICS = frozenset({"CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE", "CONTACTS_SCHEDULED", "ESTIMATED_WAIT_TIME"})
#: "If using MetricId, the limit is 10 MetricId per request" (GetCurrentMetricData)
CURRENT_METRIC_IDS = 10
_OOTB = re.compile(r"arn:[a-z0-9-]+:connect:[a-z0-9-]+::?aws:metric/([A-Z_0-9]+)\Z")
_DIMENSION = {
    "QUEUE": "Queue",
    "CHANNEL": "Channel",
    "ROUTING_PROFILE": "RoutingProfile",
    "ROUTING_STEP_EXPRESSION": "RoutingStepExpression",
    "AGENT_STATUS": "AgentStatus",
    "SUBTYPE": "Subtype",
    "VALIDATION_TEST_TYPE": "ValidationTestType",
}


def _current_name(metric: Mapping[str, Any]) -> str:
    name, metric_id = metric.get("Name"), metric.get("MetricId")
    if name is not None and metric_id is not None:
        raise InvalidParameterException("Specify either Name or MetricId for a current metric, not both")
    if name is not None:
        return str(name)
    if metric_id is None:
        raise InvalidParameterException("A current metric needs a Name or a MetricId")
    match = _OOTB.match(metric_id)
    if match is None or match.group(1) not in CURRENT_UNITS:
        raise InvalidParameterException(
            f"MetricId {metric_id} is not a real-time metric: custom metrics are not supported by GetCurrentMetricData"
        )
    return match.group(1)


def _check_current_request(params: Mapping[str, Any], names: list[str]) -> None:
    filters = params.get("Filters") or {}
    groupings = _groupings(params)
    queues, profiles = filters.get("Queues") or [], filters.get("RoutingProfiles") or []
    if queues and profiles:
        raise InvalidParameterException("You cannot filter by both queue and routing profile")
    if not queues and not profiles:
        raise InvalidParameterException("Filters must include Queues or RoutingProfiles")
    for member in ("AgentStatuses", "Subtypes", "ValidationTestTypes"):
        if filters.get(member) and not queues:
            raise InvalidParameterException(f"When using {member} as filter, Queues must be added as primary filter")
    if len(filters.get("AgentStatuses") or ()) > 50:
        raise InvalidParameterException("Filters.AgentStatuses can hold up to 50 agent statuses")
    if filters.get("RoutingStepExpressions"):
        if len(queues) != 1:
            raise InvalidParameterException("When using the RoutingStepExpression filter, pass exactly one QueueId")
        if "ROUTING_STEP_EXPRESSION" not in groupings:
            raise InvalidParameterException(
                "When using the RoutingStepExpression filter, grouping by ROUTING_STEP_EXPRESSION is required"
            )
    for secondary in ("AGENT_STATUS", "SUBTYPE", "VALIDATION_TEST_TYPE"):
        if secondary in groupings and (groupings[0] != "QUEUE" or not queues):
            raise InvalidParameterException(
                f"If you group by {secondary}, QUEUE must be the primary grouping and Queues the filter"
            )
    if "AGENT_STATUS" in groupings and set(names) != {"AGENTS_ONLINE"}:
        raise InvalidParameterException("When you group by AGENT_STATUS, the only metric available is AGENTS_ONLINE")
    if "ROUTING_PROFILE" in groupings:
        needing = sorted({"CONTACTS_SCHEDULED", "CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE"} & set(names))
        if needing and not profiles:
            raise InvalidParameterException(
                f"Grouping by ROUTING_PROFILE with {', '.join(needing)} requires a RoutingProfiles filter"
            )
    if "ESTIMATED_WAIT_TIME" in names:
        by_queue_channel = set(groupings) == {"QUEUE", "CHANNEL"} and queues and filters.get("Channels")
        by_step = (
            groupings == ["ROUTING_STEP_EXPRESSION"] and len(queues) == 1 and len(filters.get("Channels") or ()) == 1
        )
        if not (by_queue_channel or by_step):
            raise InvalidParameterException(
                "ESTIMATED_WAIT_TIME needs Queues and Channels filters grouped by QUEUE and CHANNEL, or one queue, "
                "one channel and RoutingStepExpressions grouped by ROUTING_STEP_EXPRESSION"
            )


@dataclass
class _Scope:
    """What a request's filters let through, resolved to resources."""

    queues: dict[str, Resource] | None
    profiles: dict[str, Resource] | None
    channels: set[str] | None
    statuses: set[str] | None
    subtypes: set[str] | None
    test_types: set[str] | None
    steps: set[str] | None


def _scope(resources: Resources, instance: Container, filters: Mapping[str, Any]) -> _Scope:
    def listed(member: str) -> set[str] | None:
        return set(filters[member]) if filters.get(member) else None

    queues = filters.get("Queues")
    profiles = filters.get("RoutingProfiles")
    statuses = filters.get("AgentStatuses")
    return _Scope(
        queues={q.id: q for q in _resolve(resources, QUEUE, instance, queues)} if queues else None,
        profiles={p.id: p for p in _resolve(resources, ROUTING_PROFILE, instance, profiles)} if profiles else None,
        channels=listed("Channels"),
        statuses={s.id for s in _resolve(resources, AGENT_STATUS, instance, statuses)} if statuses else None,
        subtypes=listed("Subtypes"),
        test_types=listed("ValidationTestTypes"),
        steps=listed("RoutingStepExpressions"),
    )


def _agent_keys(agent: Agent, scope: _Scope, groupings: list[str]) -> list[tuple[Any, ...]]:
    """The rows (values of the groupings) an agent counts in, or none when the filters leave it out."""
    if scope.profiles is not None and (agent.profile is None or agent.profile.id not in scope.profiles):
        return []
    if scope.statuses is not None and (agent.status is None or agent.status.id not in scope.statuses):
        return []
    if scope.subtypes or scope.test_types or scope.steps:
        return []
    pairs = {
        (q, ch)
        for q, ch in agent.pairs
        if (scope.queues is None or q in scope.queues) and (scope.channels is None or ch in scope.channels)
    }
    if not pairs:
        return []
    keys: set[tuple[Any, ...]] = set()
    for queue, channel in pairs:
        values: list[str | None] = []
        for grouping in groupings:
            if grouping == "QUEUE":
                values.append(queue)
            elif grouping == "CHANNEL":
                values.append(channel)
            elif grouping == "ROUTING_PROFILE":
                values.append(agent.profile.id if agent.profile else None)
            elif grouping == "AGENT_STATUS":
                values.append(agent.status.id if agent.status else None)
            else:  # subtypes, test types, routing steps are contacts' dimensions
                values.append(None)
        if None not in values:
            keys.add(tuple(values))
    return sorted(keys)


def _contact_keys(
    contact: Resource, scope: _Scope, groupings: list[str], profiles_of: Mapping[tuple[str, str], list[str]]
) -> list[tuple[Any, ...]]:
    queue, channel = contact.attrs.get("QueueId"), contact.attrs["Channel"]
    if queue is None:
        return []
    if scope.queues is not None and queue not in scope.queues:
        return []
    if scope.channels is not None and channel not in scope.channels:
        return []
    profiles = profiles_of.get((queue, channel), [])
    if scope.profiles is not None:
        profiles = [p for p in profiles if p in scope.profiles]
        if not profiles:
            return []
    subtype = _segment(contact, "connect:Subtype")
    test_type = _segment(contact, "connect:ValidationTestType")
    step = contact.attrs.get("_RoutingStepExpression")
    if scope.subtypes is not None and subtype not in scope.subtypes:
        return []
    if scope.test_types is not None and test_type not in scope.test_types:
        return []
    if scope.steps is not None and step not in scope.steps:
        return []
    rows: list[tuple[Any, ...]] = [()]
    for grouping in groupings:
        options: list[Any] = {
            "QUEUE": [queue],
            "CHANNEL": [channel],
            "ROUTING_PROFILE": profiles,
            "SUBTYPE": [subtype],
            "VALIDATION_TEST_TYPE": [test_type],
            "ROUTING_STEP_EXPRESSION": [step],
            "AGENT_STATUS": [None],
        }[grouping]
        rows = [(*row, o) for row in rows for o in options if o is not None]
    return rows


def _profiles_by_pair(resources: Resources, instance: Container) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for profile in resources.all(ROUTING_PROFILE, instance):
        for pair in _profile_pairs(profile):
            out[pair].append(profile.id)
    return out


def current_metric_data(resources: Resources, instance: Container, params: Mapping[str, Any]) -> dict[str, Any]:
    """GetCurrentMetricData: the requested real-time metrics per row of the groupings."""
    requested = _requested(params, "CurrentMetrics")
    if sum(1 for m in requested if m.get("MetricId")) > CURRENT_METRIC_IDS:
        raise InvalidParameterException(f"A request can reference up to {CURRENT_METRIC_IDS} metrics by MetricId")
    names = [_current_name(m) for m in requested]
    for metric, name in zip(requested, names, strict=True):
        unit = metric.get("Unit")
        if unit is not None and unit != CURRENT_UNITS[name]:
            raise InvalidParameterException(f"The unit of {name} is {CURRENT_UNITS[name]}, not {unit}")
    _check_current_request(params, names)
    sort = (params.get("SortCriteria") or [None])[0]
    if sort is not None:
        by = sort.get("SortByMetric")
        if by in ("SLOTS_ACTIVE", "SLOTS_AVAILABLE"):
            raise InvalidParameterException(f"Sorting on {by} is not supported")
        if by is not None and by not in names:
            raise InvalidParameterException(f"SortByMetric {by} is not one of the requested CurrentMetrics")
    groupings = list(params.get("Groupings") or [])
    scope = _scope(resources, instance, params["Filters"])
    everything, connected = _connected(resources, instance)
    snapshot = now()
    rows: dict[tuple[Any, ...], dict[str, float]] = {}
    oldest: dict[tuple[Any, ...], dt.datetime] = {}

    def row(key: tuple[Any, ...]) -> dict[str, float]:
        return rows.setdefault(key, defaultdict(float))

    for agent in agents_of(resources, instance, connected):
        if not agent.online:
            continue
        for key in _agent_keys(agent, scope, groupings):
            values = row(key)
            channel = key[groupings.index("CHANNEL")] if "CHANNEL" in groupings else None
            activity = agent.activity
            values["AGENTS_ONLINE"] += 1
            values["AGENTS_STAFFED"] += 1
            values["AGENTS_ON_CONTACT"] += activity == "ON_CONTACT"
            values["AGENTS_ON_CALL"] += activity == "ON_CONTACT"
            values["AGENTS_AVAILABLE"] += activity == "AVAILABLE"
            values["AGENTS_NON_PRODUCTIVE"] += activity == "NON_PRODUCTIVE"
            active, free = agent.active_by_channel(), agent.available_by_channel()
            values["SLOTS_ACTIVE"] += active.get(channel, 0) if channel else sum(active.values())
            values["SLOTS_AVAILABLE"] += free.get(channel, 0) if channel else sum(free.values())
    profiles_of = _profiles_by_pair(resources, instance)
    for contact in everything:
        state = contacts.state(contact)
        if state not in (contacts.QUEUED, contacts.SCHEDULED):
            continue
        for key in _contact_keys(contact, scope, groupings, profiles_of):
            values = row(key)
            if state == contacts.SCHEDULED:
                values["CONTACTS_SCHEDULED"] += 1
                continue
            values["CONTACTS_IN_QUEUE"] += 1
            enqueued = contacts.life(contact).at(contacts.QUEUED) or snapshot
            oldest[key] = min(oldest.get(key, enqueued), enqueued)
    results = []
    for key, values in rows.items():
        collections = []
        for metric, name in zip(requested, names, strict=True):
            shown = {k: metric[k] for k in ("Name", "MetricId") if metric.get(k)}
            shown["Unit"] = CURRENT_UNITS[name]
            entry: dict[str, Any] = {"Metric": shown}
            if name == "OLDEST_CONTACT_AGE":
                if key in oldest:
                    age = (snapshot - oldest[key]).total_seconds()
                    # "When you do not use groupings, Unit says SECONDS but the Value is returned in MILLISECONDS"
                    entry["Value"] = float(round(age)) if groupings else float(round(age * 1000))
                else:
                    entry["Value"] = 0.0
            elif name != "ESTIMATED_WAIT_TIME":
                entry["Value"] = float(values.get(name, 0.0))
            collections.append(entry)
        result: dict[str, Any] = {"Collections": collections}
        dimensions = _current_dimensions(resources, instance, groupings, key)
        if dimensions:
            result["Dimensions"] = dimensions
        results.append((key, values, result))
    by = sort.get("SortByMetric") if sort else ("AGENTS_ONLINE" if "AGENTS_ONLINE" in names else None)
    descending = (sort.get("SortOrder") or "DESCENDING") == "DESCENDING" if sort else True
    results.sort(key=lambda r: tuple(str(v) for v in r[0]))
    if by is not None:
        results.sort(key=lambda r: r[1].get(by, 0.0), reverse=descending)
    return {"Results": [r[2] for r in results], "DataSnapshotTime": snapshot}


def _current_dimensions(
    resources: Resources, instance: Container, groupings: list[str], key: tuple[Any, ...]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for grouping, value in zip(groupings, key, strict=True):
        member = _DIMENSION[grouping]
        if grouping == "QUEUE":
            out[member] = _ref(resources.get(QUEUE, instance, value))
        elif grouping == "ROUTING_PROFILE":
            out[member] = _ref(resources.get(ROUTING_PROFILE, instance, value))
        elif grouping == "AGENT_STATUS":
            out[member] = _ref(resources.get(AGENT_STATUS, instance, value))
        else:
            out[member] = value
    return out


# -- GetCurrentUserData ----------------------------------------------------------------------
#: the states of a contact with an agent (AgentContactReference.AgentContactState)
def _agent_contact_state(contact: Resource) -> str:
    return "CONNECTED_ONHOLD" if contact.attrs.get("_OnHold") else "CONNECTED"


def current_user_data(resources: Resources, instance: Container, filters: Mapping[str, Any]) -> list[dict[str, Any]]:
    """GetCurrentUserData: each logged-in user the filter names, with its status, slots and contacts."""
    given = [m for m in ("Queues", "RoutingProfiles", "Agents", "UserHierarchyGroups") if filters.get(m)]
    if len(given) != 1:
        raise InvalidParameterException(
            "Give exactly one filter among Queues, RoutingProfiles, Agents and UserHierarchyGroups"
            + (f" (got {', '.join(given)})" if given else "")
        )
    which = given[0]
    keep: Callable[[Agent], bool]
    if which == "Queues":
        queues = {q.id for q in _resolve(resources, QUEUE, instance, filters["Queues"])}
        keep = lambda a: bool(a.queues & queues)  # noqa: E731
    elif which == "RoutingProfiles":
        profiles = {p.id for p in _resolve(resources, ROUTING_PROFILE, instance, filters["RoutingProfiles"])}
        keep = lambda a: a.profile is not None and a.profile.id in profiles  # noqa: E731
    elif which == "Agents":
        users = {u.id for u in _resolve(resources, USER, instance, filters["Agents"])}
        keep = lambda a: a.user.id in users  # noqa: E731
    else:
        group = _resolve(resources, HIERARCHY_GROUP, instance, filters["UserHierarchyGroups"])[0]

        def keep(a: Agent) -> bool:
            own = resources.find(HIERARCHY_GROUP, instance, a.user.attrs.get("HierarchyGroupId") or "")
            return own is not None and group in path_of(resources, own)

    states = set((filters.get("ContactFilter") or {}).get("ContactStates") or ())
    _, connected = _connected(resources, instance)
    out = []
    for agent in agents_of(resources, instance, connected):
        if (agent.status is None and not agent.contacts) or not keep(agent):
            continue
        if states and not any(_agent_contact_state(c) in states for c in agent.contacts):
            continue
        out.append(_user_data(resources, instance, agent))
    return out


def _user_data(resources: Resources, instance: Container, agent: Agent) -> dict[str, Any]:
    data: dict[str, Any] = {"User": _ref(agent.user)}
    if agent.profile is not None:
        data["RoutingProfile"] = _ref(agent.profile)
    group = resources.find(HIERARCHY_GROUP, instance, agent.user.attrs.get("HierarchyGroupId") or "")
    if group is not None:
        data["HierarchyPath"] = {level: _ref(g) for level, g in zip(LEVELS, path_of(resources, group), strict=False)}
    if agent.status is not None:
        data["Status"] = {
            "StatusStartTimestamp": agent.since or now(),
            "StatusArn": agent.status.arn,
            "StatusName": agent.status.attrs["Name"],
        }
    active = agent.active_by_channel()
    data["MaxSlotsByChannel"] = dict(agent.slots)
    data["ActiveSlotsByChannel"] = {ch: active.get(ch, 0) for ch in agent.slots}
    data["AvailableSlotsByChannel"] = agent.available_by_channel()
    listed = []
    for contact in agent.contacts:
        connected_at = contacts.life(contact).at(contacts.CONNECTED_TO_AGENT)
        entry: dict[str, Any] = {
            "ContactId": contact.id,
            "Channel": contact.attrs["Channel"],
            "InitiationMethod": contact.attrs["InitiationMethod"],
            "AgentContactState": _agent_contact_state(contact),
        }
        if connected_at is not None:
            entry["StateStartTimestamp"] = connected_at
            entry["ConnectedToAgentTimestamp"] = connected_at
        queue = resources.find(QUEUE, instance, contact.attrs.get("QueueId") or "")
        if queue is not None:
            entry["Queue"] = _ref(queue)
        listed.append(entry)
    data["Contacts"] = listed
    return data


# -- historical facts ------------------------------------------------------------------------
@dataclass
class Fact:
    """What the historical metrics need of one contact."""

    contact: Resource
    channel: str
    method: str
    queue: str | None
    agent: str | None
    profile: str | None
    reason: str | None
    subtype: str | None
    initiated: dt.datetime | None
    enqueued: dt.datetime | None
    answered: dt.datetime | None
    ended: dt.datetime | None
    transferred_out: str | None = None

    @property
    def handled(self) -> bool:
        return self.answered is not None and self.ended is not None

    @property
    def abandoned(self) -> bool:
        return self.enqueued is not None and self.answered is None and self.ended is not None

    def left_queue(self) -> dt.datetime | None:
        """When the contact was removed from its queue (answered or abandoned)."""
        if self.enqueued is None:
            return None
        return self.answered or self.ended


def facts_of(resources: Resources, instance: Container) -> list[Fact]:
    """Every contact of the instance as a Fact (one pass), with the transfers that followed each."""
    profile_of = {u.id: u.attrs.get("RoutingProfileId") for u in resources.all(USER, instance)}
    out: list[Fact] = []
    successors: dict[str, str] = {}
    for contact in contacts.contacts_of(resources, instance):
        life = contacts.life(contact)
        agent = contact.attrs.get("AgentId")
        method = contact.attrs.get("InitiationMethod", "API")
        previous = contact.attrs.get("PreviousContactId")
        if previous and method in ("TRANSFER", "QUEUE_TRANSFER"):
            successors[previous] = method
        out.append(
            Fact(
                contact=contact,
                channel=contact.attrs["Channel"],
                method=method,
                queue=contact.attrs.get("QueueId"),
                agent=agent,
                profile=profile_of.get(agent) if agent else None,
                reason=contact.attrs.get("DisconnectReason"),
                subtype=_segment(contact, "connect:Subtype"),
                initiated=life.at(contacts.INITIATED),
                enqueued=life.at(contacts.QUEUED),
                answered=life.at(contacts.CONNECTED_TO_AGENT),
                ended=life.at(contacts.DISCONNECTED),
            )
        )
    for fact in out:
        fact.transferred_out = successors.get(fact.contact.id)
    return out


def _seconds(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    return None if start is None or end is None else max((end - start).total_seconds(), 0.0)


def _within(moment: dt.datetime | None, start: dt.datetime, end: dt.datetime) -> bool:
    return moment is not None and start <= moment < end


def _avg(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100.0 * part / whole


def _threshold_met(seconds: float | None, comparison: str, value: float) -> bool:
    if seconds is None:
        return False
    return {"LT": seconds < value, "LTE": seconds <= value, "GT": seconds > value}[comparison]


Calc = Callable[[list[Fact], dt.datetime, dt.datetime, tuple[str, float] | None], float | None]


def _count(pick: Callable[[Fact, dt.datetime, dt.datetime], bool]) -> Calc:
    return lambda facts, s, e, _t: float(sum(1 for f in facts if pick(f, s, e)))


def _handled(f: Fact, s: dt.datetime, e: dt.datetime) -> bool:
    return f.handled and _within(f.ended, s, e)


def _abandoned(f: Fact, s: dt.datetime, e: dt.datetime) -> bool:
    return f.abandoned and _within(f.ended, s, e)


def _queued(f: Fact, s: dt.datetime, e: dt.datetime) -> bool:
    return _within(f.enqueued, s, e)


def _handle_time(f: Fact) -> float | None:
    return _seconds(f.answered, f.ended)


def _avg_of(pick: Callable[[Fact, dt.datetime, dt.datetime], bool], value: Callable[[Fact], float | None]) -> Calc:
    return lambda facts, s, e, _t: _avg(value(f) for f in facts if pick(f, s, e))


def _sum_of(pick: Callable[[Fact, dt.datetime, dt.datetime], bool], value: Callable[[Fact], float | None]) -> Calc:
    return lambda facts, s, e, _t: float(sum(value(f) or 0.0 for f in facts if pick(f, s, e)))


def _max_of(pick: Callable[[Fact, dt.datetime, dt.datetime], bool], value: Callable[[Fact], float | None]) -> Calc:
    def calc(facts: list[Fact], s: dt.datetime, e: dt.datetime, _t: Any) -> float | None:
        present = [v for f in facts if pick(f, s, e) and (v := value(f)) is not None]
        return max(present) if present else None

    return calc


def _in_x(pick: Callable[[Fact, dt.datetime, dt.datetime], bool], value: Callable[[Fact], float | None]) -> Calc:
    def calc(facts: list[Fact], s: dt.datetime, e: dt.datetime, t: tuple[str, float] | None) -> float | None:
        assert t is not None
        return float(sum(1 for f in facts if pick(f, s, e) and _threshold_met(value(f), *t)))

    return calc


def _service_level(facts: list[Fact], s: dt.datetime, e: dt.datetime, t: tuple[str, float] | None) -> float | None:
    """Contacts removed from the queue within the threshold / contacts queued, in percent."""
    assert t is not None
    queued = [f for f in facts if _queued(f, s, e)]
    removed = sum(1 for f in queued if _threshold_met(_seconds(f.enqueued, f.left_queue()), *t))
    return _rate(removed, len(queued))


def _zero(facts: list[Fact], s: dt.datetime, e: dt.datetime, t: Any) -> float | None:
    """An event the emulator never produces (holds, consults, missed contacts): none happened."""
    return 0.0


def _method(*methods: str) -> Callable[[Fact, dt.datetime, dt.datetime], bool]:
    return lambda f, s, e: _handled(f, s, e) and f.method in methods


def _answer_time(f: Fact) -> float | None:
    return _seconds(f.enqueued, f.answered) if f.enqueued else None


def _queued_time(f: Fact) -> float | None:
    return _seconds(f.enqueued, f.left_queue())


def _abandon_time(f: Fact) -> float | None:
    return _seconds(f.enqueued, f.ended)


def _created(f: Fact, s: dt.datetime, e: dt.datetime) -> bool:
    return _within(f.initiated, s, e)


def _disconnected(f: Fact, s: dt.datetime, e: dt.datetime) -> bool:
    return _within(f.ended, s, e)


def _abandonment_rate(facts: list[Fact], s: dt.datetime, e: dt.datetime, t: Any) -> float | None:
    queued = sum(1 for f in facts if _queued(f, s, e))
    return _rate(sum(1 for f in facts if _abandoned(f, s, e)), queued)


def _answer_rate(facts: list[Fact], s: dt.datetime, e: dt.datetime, t: Any) -> float | None:
    routed = [f for f in facts if f.agent and _within(f.answered, s, e)]
    return _rate(len(routed), len(routed))


#: GetMetricData's metrics: (unit, statistic, calculation)
V1: dict[str, tuple[str, str, Calc]] = {
    "CONTACTS_QUEUED": ("COUNT", "SUM", _count(_queued)),
    "CONTACTS_HANDLED": ("COUNT", "SUM", _count(_handled)),
    "CONTACTS_ABANDONED": ("COUNT", "SUM", _count(_abandoned)),
    "CONTACTS_CONSULTED": ("COUNT", "SUM", _zero),
    "CONTACTS_AGENT_HUNG_UP_FIRST": (
        "COUNT",
        "SUM",
        _count(lambda f, s, e: _handled(f, s, e) and f.reason == "AGENT_DISCONNECT"),
    ),
    "CONTACTS_HANDLED_INCOMING": (
        "COUNT",
        "SUM",
        _count(_method("INBOUND", "TRANSFER", "QUEUE_TRANSFER", "CALLBACK", "API")),
    ),
    "CONTACTS_HANDLED_OUTBOUND": ("COUNT", "SUM", _count(_method("OUTBOUND"))),
    "CONTACTS_HOLD_ABANDONS": ("COUNT", "SUM", _zero),
    "CONTACTS_TRANSFERRED_IN": ("COUNT", "SUM", _count(_method("TRANSFER"))),
    "CONTACTS_TRANSFERRED_OUT": (
        "COUNT",
        "SUM",
        _count(lambda f, s, e: _disconnected(f, s, e) and f.transferred_out is not None),
    ),
    "CONTACTS_TRANSFERRED_IN_FROM_QUEUE": ("COUNT", "SUM", _count(_method("QUEUE_TRANSFER"))),
    "CONTACTS_TRANSFERRED_OUT_FROM_QUEUE": (
        "COUNT",
        "SUM",
        _count(lambda f, s, e: _disconnected(f, s, e) and f.transferred_out == "QUEUE_TRANSFER"),
    ),
    "CONTACTS_MISSED": ("COUNT", "SUM", _zero),
    "CALLBACK_CONTACTS_HANDLED": ("COUNT", "SUM", _count(_method("CALLBACK"))),
    "API_CONTACTS_HANDLED": ("COUNT", "SUM", _count(_method("API"))),
    "OCCUPANCY": ("PERCENT", "AVG", lambda *a: None),
    "HANDLE_TIME": ("SECONDS", "AVG", _avg_of(_handled, _handle_time)),
    "AFTER_CONTACT_WORK_TIME": ("SECONDS", "AVG", lambda *a: None),
    "QUEUED_TIME": ("SECONDS", "MAX", _max_of(lambda f, s, e: _within(f.left_queue(), s, e), _queued_time)),
    "ABANDON_TIME": ("SECONDS", "AVG", _avg_of(_abandoned, _abandon_time)),
    "QUEUE_ANSWER_TIME": (
        "SECONDS",
        "AVG",
        _avg_of(lambda f, s, e: _handled(f, s, e) and f.enqueued is not None, _answer_time),
    ),
    "HOLD_TIME": ("SECONDS", "AVG", lambda *a: None),
    "INTERACTION_TIME": ("SECONDS", "AVG", _avg_of(_handled, _handle_time)),
    "INTERACTION_AND_HOLD_TIME": ("SECONDS", "AVG", _avg_of(_handled, _handle_time)),
    "SERVICE_LEVEL": ("PERCENT", "AVG", _service_level),
}
#: "You can include up to 20 SERVICE_LEVEL metrics in a request"
SERVICE_LEVELS = 20
THRESHOLD_MAX = 604800
V1_GROUPINGS = ("QUEUE", "CHANNEL", "ROUTING_PROFILE")
V1_WINDOW = dt.timedelta(hours=24)
FIVE_MINUTES = 300


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _fact_keys(
    fact: Fact,
    groupings: list[str],
    queues: set[str] | None,
    channels: set[str] | None,
    profiles: set[str] | None,
) -> tuple[Any, ...] | None:
    if queues is not None and fact.queue not in queues:
        return None
    if channels is not None and fact.channel not in channels:
        return None
    if profiles is not None and fact.profile not in profiles:
        return None
    values = {"QUEUE": fact.queue, "CHANNEL": fact.channel, "ROUTING_PROFILE": fact.profile}
    key = tuple(values[g] for g in groupings)
    return None if None in key else key


def _check_v1_threshold(name: str, metric: Mapping[str, Any]) -> tuple[str, float] | None:
    threshold = metric.get("Threshold")
    if name != "SERVICE_LEVEL":
        if threshold:
            raise InvalidParameterException(f"Threshold applies to SERVICE_LEVEL only, not to {name}")
        return None
    if not threshold or threshold.get("ThresholdValue") is None:
        raise InvalidParameterException("SERVICE_LEVEL needs a Threshold with Comparison LT and a ThresholdValue")
    if threshold.get("Comparison") != "LT":
        raise InvalidParameterException("For the SERVICE_LEVEL Threshold, Comparison must be LT")
    value = threshold["ThresholdValue"]
    if value != int(value) or not 1 <= value <= THRESHOLD_MAX:
        raise InvalidParameterException(
            f"ThresholdValue must be a whole number of seconds from 1 to {THRESHOLD_MAX}, not {value}"
        )
    return "LT", float(value)


def metric_data(resources: Resources, instance: Container, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """GetMetricData: the historical metrics of the last 24 hours, per row of the groupings."""
    start, end = _aware(params["StartTime"]), _aware(params["EndTime"])
    moment = now()
    for member, moment_given in (("StartTime", start), ("EndTime", end)):
        if moment_given.timestamp() % FIVE_MINUTES:
            raise InvalidParameterException(f"{member} must be specified using a multiple of 5 minutes, such as 10:05")
    if end <= start:
        raise InvalidParameterException("EndTime must be later than StartTime")
    if start < moment - V1_WINDOW:
        raise InvalidParameterException("StartTime cannot be earlier than 24 hours before the time of the request")
    if end - start > V1_WINDOW:
        raise InvalidParameterException("The time range between StartTime and EndTime must be less than 24 hours")
    filters = params["Filters"]
    for member in ("RoutingStepExpressions", "AgentStatuses", "Subtypes", "ValidationTestTypes"):
        if filters.get(member):
            raise InvalidParameterException(f"{member} is not a valid filter for GetMetricData")
    if not (filters.get("Queues") or filters.get("Channels") or filters.get("RoutingProfiles")):
        raise InvalidParameterException("Filters must include Queues, Channels or RoutingProfiles")
    groupings = _groupings(params, V1_GROUPINGS, "grouping for GetMetricData")
    requested = _requested(params, "HistoricalMetrics")
    _check_service_levels(requested)
    plans = []
    for metric in requested:
        name = metric.get("Name")
        if name is None:
            raise InvalidParameterException("A historical metric needs a Name")
        unit, statistic, calc = V1[name]
        if metric.get("Unit") not in (None, unit) or metric.get("Statistic") not in (None, statistic):
            raise InvalidParameterException(f"{name} is measured with Unit {unit} and Statistic {statistic}")
        threshold = _check_v1_threshold(name, metric)
        shown = {"Name": name, "Unit": unit, "Statistic": statistic}
        if metric.get("Threshold"):
            shown["Threshold"] = metric["Threshold"]
        plans.append((shown, calc, threshold))
    queue_filter = filters.get("Queues")
    queues = {q.id for q in _resolve(resources, QUEUE, instance, queue_filter)} if queue_filter else None
    profile_filter = filters.get("RoutingProfiles")
    profiles = (
        {p.id for p in _resolve(resources, ROUTING_PROFILE, instance, profile_filter)} if profile_filter else None
    )
    channels = set(filters["Channels"]) if filters.get("Channels") else None
    rows: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    for fact in facts_of(resources, instance):
        if not any(_within(m, start, end) for m in (fact.initiated, fact.enqueued, fact.answered, fact.ended)):
            continue
        key = _fact_keys(fact, groupings, queues, channels, profiles)
        if key is not None:
            rows[key].append(fact)
    out = []
    for key in sorted(rows, key=lambda k: tuple(str(v) for v in k)):
        collections = []
        for shown, calc, threshold in plans:
            entry: dict[str, Any] = {"Metric": shown}
            value = calc(rows[key], start, end, threshold)
            if value is not None:
                entry["Value"] = round(value, 2)
            collections.append(entry)
        result: dict[str, Any] = {"Collections": collections}
        dimensions = _current_dimensions(resources, instance, groupings, key)
        if dimensions:
            result["Dimensions"] = dimensions
        out.append(result)
    return out


# -- GetMetricDataV2 -------------------------------------------------------------------------
@dataclass(frozen=True)
class V2Metric:
    name: str
    unit: str
    groupings: frozenset[str]
    metric_filters: frozenset[str]
    #: the comparisons its threshold takes (empty: it takes no threshold)
    comparisons: frozenset[str]
    required_filter: str | None


_V2_TERMS = {
    "agent hierarchy": (
        "AGENT_HIERARCHY_LEVEL_ONE",
        "AGENT_HIERARCHY_LEVEL_TWO",
        "AGENT_HIERARCHY_LEVEL_THREE",
        "AGENT_HIERARCHY_LEVEL_FOUR",
        "AGENT_HIERARCHY_LEVEL_FIVE",
    ),
    "q in connect": ("Q_CONNECT_ENABLED",),
    "routingstepexpression": ("ROUTING_STEP_EXPRESSION",),
    "evaluation form id": ("EVALUATION_FORM",),
    "evaluation section id": ("EVALUATION_SECTION",),
    "evaluation question id": ("EVALUATION_QUESTION",),
    "campaign delivery eventtype": ("CAMPAIGN_DELIVERY_EVENT_TYPE",),
}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@functools.cache
def v2_catalogue() -> dict[str, V2Metric]:
    """Every metric GetMetricDataV2 documents: unit, valid groupings and filters, metric filter keys, threshold."""
    members = service_model("connect").operation_model("GetMetricDataV2").input_shape.members
    doc = members["Metrics"].documentation
    found: dict[str, V2Metric] = {}
    for name, body in re.findall(r"<dt>\s*([A-Z0-9_]+)\s*</dt>\s*<dd>(.*?)</dd>", doc, re.S):
        text = _text(body)
        unit_match = re.search(r"Unit: (\w+)", text)
        unit = (unit_match.group(1) if unit_match else "Count").upper()
        unit = {"PERCENTAGE": "PERCENT"}.get(unit, unit)
        groupings: set[str] = set()
        valid = re.search(r"Valid groupings and filters: (.*?)(?: UI name| Threshold| Data for| Valid metric|$)", text)
        for term in valid.group(1).split(",") if valid else ():
            term = term.strip()
            groupings.update(_V2_TERMS.get(term.lower(), (re.sub(r"\W+", "_", term).upper(), term)))
        keys = re.search(
            r"Valid metric (?:level )?filters?(?: key)?s?: (.*?)(?: Valid groupings| UI name| Unit| \.|$)", text
        )
        if "Feature is a valid filter but not a valid grouping" in text:
            groupings -= {"FEATURE", "Feature"}
        metric_filters = set(re.findall(r"[A-Z_]{4,}", keys.group(1))) if keys else set()
        if "Metric filter: Valid values" in text:
            metric_filters.add("INITIATION_METHOD")
        comparisons: set[str] = set()
        if "Threshold:" in text:
            comparisons = {c for c in ("LT", "LTE", "GT") if f"{c} (for" in text}
        required = re.search(r"Required filter key: (\w+)", text)
        found[name] = V2Metric(
            name,
            unit,
            frozenset(groupings),
            frozenset(metric_filters),
            frozenset(comparisons),
            required.group(1) if required else None,
        )
    return found


#: filter keys that name Connect resources: "A GetMetricDataV2 request requires at least one of these filters"
RESOURCE_FILTERS = frozenset(
    {
        "QUEUE",
        "ROUTING_PROFILE",
        "AGENT",
        "AGENT_HIERARCHY_LEVEL_ONE",
        "AGENT_HIERARCHY_LEVEL_TWO",
        "AGENT_HIERARCHY_LEVEL_THREE",
        "AGENT_HIERARCHY_LEVEL_FOUR",
        "AGENT_HIERARCHY_LEVEL_FIVE",
        "CAMPAIGN",
        "EVALUATION_FORM",
        "EVALUATOR_ID",
    }
)
_HIERARCHY_KEYS = (
    "AGENT_HIERARCHY_LEVEL_ONE",
    "AGENT_HIERARCHY_LEVEL_TWO",
    "AGENT_HIERARCHY_LEVEL_THREE",
    "AGENT_HIERARCHY_LEVEL_FOUR",
    "AGENT_HIERARCHY_LEVEL_FIVE",
)
SUBTYPE_KEY = "contact/segmentAttributes/connect:Subtype"
#: the most filter values across keys (channels aside), and MetricIds per request
FILTER_VALUES = 100
V2_METRIC_IDS = 20
PERIODS = {
    "FIFTEEN_MIN": dt.timedelta(minutes=15),
    "THIRTY_MIN": dt.timedelta(minutes=30),
    "HOUR": dt.timedelta(hours=1),
    "DAY": dt.timedelta(days=1),
    "WEEK": dt.timedelta(days=7),
    "TOTAL": None,
}
SHORT_RANGE = dt.timedelta(days=3)
LONG_RANGE = dt.timedelta(days=35)
RETENTION = dt.timedelta(days=93)

#: GetMetricDataV2's metrics the store can compute (the others have no value)
V2: dict[str, Calc] = {
    "CONTACTS_CREATED": _count(_created),
    "CONTACTS_QUEUED": _count(_queued),
    "CONTACTS_QUEUED_BY_ENQUEUE": _count(_queued),
    "CONTACTS_HANDLED": _count(_handled),
    "CONTACTS_HANDLED_BY_CONNECTED_TO_AGENT": _count(
        lambda f, s, e: f.answered is not None and _within(f.answered, s, e)
    ),
    "CONTACTS_ABANDONED": _count(_abandoned),
    "SUM_CONTACTS_DISCONNECTED": _count(_disconnected),
    "ABANDONMENT_RATE": _abandonment_rate,
    "AGENT_ANSWER_RATE": _answer_rate,
    "AVG_HANDLE_TIME": _avg_of(_handled, _handle_time),
    "SUM_HANDLE_TIME": _sum_of(_handled, _handle_time),
    "AVG_INTERACTION_TIME": _avg_of(_handled, _handle_time),
    "SUM_INTERACTION_TIME": _sum_of(_handled, _handle_time),
    "AVG_INTERACTION_AND_HOLD_TIME": _avg_of(_handled, _handle_time),
    "SUM_INTERACTION_AND_HOLD_TIME": _sum_of(_handled, _handle_time),
    "SUM_CONTACT_TIME_AGENT": _sum_of(_handled, _handle_time),
    "AVG_QUEUE_ANSWER_TIME": _avg_of(lambda f, s, e: _handled(f, s, e) and f.enqueued is not None, _answer_time),
    "AVG_ABANDON_TIME": _avg_of(_abandoned, _abandon_time),
    "MAX_QUEUED_TIME": _max_of(lambda f, s, e: _within(f.left_queue(), s, e), _queued_time),
    "AVG_CONTACT_DURATION": _avg_of(_disconnected, lambda f: _seconds(f.initiated, f.ended)),
    "AVG_RESOLUTION_TIME": _avg_of(_disconnected, lambda f: _seconds(f.initiated, f.ended)),
    "SERVICE_LEVEL": _service_level,
    "SUM_CONTACTS_ANSWERED_IN_X": _in_x(lambda f, s, e: _handled(f, s, e) and f.enqueued is not None, _answer_time),
    "SUM_CONTACTS_ABANDONED_IN_X": _in_x(_abandoned, _abandon_time),
    "CONTACTS_REMOVED_FROM_QUEUE_IN_X": _in_x(lambda f, s, e: _within(f.left_queue(), s, e), _queued_time),
    "CONTACTS_RESOLVED_IN_X": _in_x(_disconnected, lambda f: _seconds(f.initiated, f.ended)),
    "CONTACTS_TRANSFERRED_OUT": _count(lambda f, s, e: _disconnected(f, s, e) and f.transferred_out is not None),
    "CONTACTS_TRANSFERRED_OUT_FROM_QUEUE": _count(
        lambda f, s, e: _disconnected(f, s, e) and f.transferred_out == "QUEUE_TRANSFER"
    ),
    "CONTACTS_TRANSFERRED_OUT_BY_AGENT": _count(lambda f, s, e: _handled(f, s, e) and f.transferred_out is not None),
    "CONTACTS_HOLD_ABANDONS": _zero,
    "CONTACTS_PUT_ON_HOLD": _zero,
    "CONTACTS_ON_HOLD_AGENT_DISCONNECT": _zero,
    "CONTACTS_ON_HOLD_CUSTOMER_DISCONNECT": _zero,
    "AGENT_NON_RESPONSE": _zero,
    "AGENT_NON_RESPONSE_WITHOUT_CUSTOMER_ABANDONS": _zero,
}


def instance_of_arn(backend: Any, arn: str) -> Container:
    """The instance a GetMetricDataV2 ResourceArn names (an instance ARN)."""
    match = re.fullmatch(r"arn:[a-z0-9-]+:connect:[a-z0-9-]+:\d{12}:instance/([A-Za-z0-9-]+)", arn)
    if match is None:
        raise InvalidParameterException(f"ResourceArn {arn} is not the ARN of an Amazon Connect instance")
    instance = backend.instance(match.group(1))
    if instance.arn != arn:
        raise ResourceNotFoundException(f"Instance not found: {arn}")
    return instance  # type: ignore[no-any-return]


@dataclass
class _V2Filters:
    queues: set[str] | None = None
    profiles: set[str] | None = None
    agents: set[str] | None = None
    channels: set[str] | None = None
    groups: dict[int, set[str]] = field(default_factory=dict)
    subtypes: set[str] | None = None
    methods: set[str] | None = None
    reasons: set[str] | None = None
    #: keys the store has nothing to match on (campaigns, bots, evaluations...): nothing passes
    unmatched: bool = False
    #: keys whose value must be absent (NOT_EXISTS)
    absent: set[str] = field(default_factory=set)


def _v2_filters(
    resources: Resources, instance: Container, filters: list[Mapping[str, Any]], valid_keys: set[str]
) -> _V2Filters:
    if any(not f.get("FilterKey") for f in filters):
        raise InvalidParameterException("Each filter needs a FilterKey")
    keys = [f["FilterKey"] for f in filters]
    if len(set(keys)) != len(keys):
        raise InvalidParameterException(f"Each FilterKey can be used once: {keys}")
    if not RESOURCE_FILTERS & set(keys):
        raise InvalidParameterException(
            "A GetMetricDataV2 request requires at least one of these filters: " + ", ".join(sorted(RESOURCE_FILTERS))
        )
    total = sum(len(f.get("FilterValues") or ()) for f in filters if f["FilterKey"] != "CHANNEL")
    if total > FILTER_VALUES:
        raise InvalidParameterException(f"You can use up to {FILTER_VALUES} filter values across all filter keys")
    out = _V2Filters()
    for entry in filters:
        key, values = entry["FilterKey"], list(entry.get("FilterValues") or [])
        if key not in valid_keys:
            raise InvalidParameterException(f"{key} is not a valid filter key for GetMetricDataV2")
        if (entry.get("StringCondition") or {}).get("Comparison") == "NOT_EXISTS":
            if values:
                raise InvalidParameterException(
                    f"With the NOT_EXISTS StringCondition, FilterValues of {key} must be empty"
                )
            out.absent.add(key)
            continue
        if not values:
            raise InvalidParameterException(f"Filter {key} needs FilterValues")
        if key == "QUEUE":
            queues = _resolve(resources, QUEUE, instance, values)
            for queue in queues:
                if is_agent_queue(queue):
                    raise InvalidParameterException(f"GetMetricDataV2 does not support agent queues: {queue.id}")
            out.queues = {q.id for q in queues}
        elif key == "ROUTING_PROFILE":
            out.profiles = {p.id for p in _resolve(resources, ROUTING_PROFILE, instance, values)}
        elif key == "AGENT":
            out.agents = {u.id for u in _resolve(resources, USER, instance, values)}
        elif key in _HIERARCHY_KEYS:
            out.groups[_HIERARCHY_KEYS.index(key)] = {
                g.id for g in _resolve(resources, HIERARCHY_GROUP, instance, values)
            }
        elif key == "CHANNEL":
            wrong = sorted(set(values) - set(CHANNELS))
            if wrong:
                raise InvalidParameterException(f"{wrong[0]} is not a channel: VOICE, CHAT, TASK and EMAIL are")
            out.channels = set(values)
        elif key == SUBTYPE_KEY:
            out.subtypes = set(values)
        elif key == "INITIATION_METHOD":
            out.methods = set(values)
        elif key == "DISCONNECT_REASON":
            out.reasons = set(values)
        else:
            out.unmatched = True
    return out


def _group_path(resources: Resources, instance: Container, user_id: str | None) -> list[str]:
    if user_id is None:
        return []
    user = resources.find(USER, instance, user_id)
    group = resources.find(HIERARCHY_GROUP, instance, (user.attrs.get("HierarchyGroupId") if user else None) or "")
    return [] if group is None else [g.id for g in path_of(resources, group)]


def _v2_value(fact: Fact, key: str, levels: list[str]) -> str | None:
    if key in _HIERARCHY_KEYS:
        index = _HIERARCHY_KEYS.index(key)
        return levels[index] if index < len(levels) else None
    return {
        "QUEUE": fact.queue,
        "ROUTING_PROFILE": fact.profile,
        "AGENT": fact.agent,
        "CHANNEL": fact.channel,
        SUBTYPE_KEY: fact.subtype,
        "INITIATION_METHOD": fact.method,
        "DISCONNECT_REASON": fact.reason,
    }.get(key)


def _passes(fact: Fact, wanted: _V2Filters, levels: list[str]) -> bool:
    if wanted.unmatched:
        return False
    checks: list[tuple[set[str] | None, str | None]] = [
        (wanted.queues, fact.queue),
        (wanted.profiles, fact.profile),
        (wanted.agents, fact.agent),
        (wanted.channels, fact.channel),
        (wanted.subtypes, fact.subtype),
        (wanted.methods, fact.method),
        (wanted.reasons, fact.reason),
    ]
    for level, groups in wanted.groups.items():
        checks.append((groups, levels[level] if level < len(levels) else None))
    if any(allowed is not None and value not in allowed for allowed, value in checks):
        return False
    return all(_v2_value(fact, key, levels) is None for key in wanted.absent)


def _metric_filter(fact: Fact, filters: list[Mapping[str, Any]]) -> bool:
    for entry in filters:
        key = entry["MetricFilterKey"]
        value = {"INITIATION_METHOD": fact.method, "DISCONNECT_REASON": fact.reason}.get(key)
        hit = value in set(entry.get("MetricFilterValues") or ())
        if hit == bool(entry.get("Negate")):
            return False
    return True


def _buckets(start: dt.datetime, end: dt.datetime, period: str) -> list[tuple[dt.datetime, dt.datetime]]:
    step = PERIODS[period]
    if step is None:
        return [(start, end)]
    out, cursor = [], start
    while cursor < end:
        out.append((cursor, min(cursor + step, end)))
        cursor += step
    return out


def _custom_metric(backend: Any, instance: Container, metric_id: str) -> dict[str, Any] | None:
    """The hook for custom metrics: their definition, from ``metric_definitions`` (None: no such metric)."""
    try:
        from .metric_definitions import metric_definition
    except ImportError:  # the family is not there: no custom metrics
        return None
    return metric_definition(backend, instance, metric_id)


def _evaluate(tree: Any, values: Mapping[str, float | None]) -> float | None:
    """A custom metric's formula over its components' values (None when a part has none, or / 0)."""
    kind = tree[0]
    if kind == "num":
        return float(tree[1])
    if kind == "alias":
        return values.get(tree[1])
    if kind == "stat":
        return _evaluate(tree[2], values)
    if kind == "neg":
        inner = _evaluate(tree[1], values)
        return None if inner is None else -inner
    left, right = _evaluate(tree[1], values), _evaluate(tree[2], values)
    if left is None or right is None:
        return None
    if kind == "/":
        return None if right == 0 else left / right
    return {"+": left + right, "-": left - right, "*": left * right}[kind]


@dataclass
class _Plan:
    shown: dict[str, Any]
    metric_filters: list[Any]
    calc: Calc | None
    threshold: tuple[str, float] | None
    #: a custom metric: its formula tree and its components (alias -> plan)
    formula: Any = None
    parts: dict[str, _Plan] = field(default_factory=dict)

    def value(self, facts: list[Fact], start: dt.datetime, end: dt.datetime) -> float | None:
        if self.formula is not None:
            return _evaluate(self.formula, {a: p.value(facts, start, end) for a, p in self.parts.items()})
        if self.calc is None:
            return None
        chosen = [f for f in facts if _metric_filter(f, self.metric_filters)] if self.metric_filters else facts
        return self.calc(chosen, start, end, self.threshold)


def _v2_plan(
    backend: Any, instance: Container, metric: Mapping[str, Any], groupings: list[str], filter_keys: set[str]
) -> _Plan:
    catalogue = v2_catalogue()
    name, metric_id = metric.get("Name"), metric.get("MetricId")
    if name is None and metric_id is None:
        raise InvalidParameterException("A metric needs a Name or a MetricId")
    if name is None:
        match = _OOTB.match(str(metric_id))
        if match is not None:
            name = match.group(1)
        else:
            return _custom_plan(backend, instance, metric, groupings)
    entry = catalogue.get(name)
    if entry is None:
        raise InvalidParameterException(f"{name} is not a metric of GetMetricDataV2")
    for grouping in groupings:
        if grouping not in entry.groupings:
            raise InvalidParameterException(f"{grouping} is not a valid grouping for {name}")
    for key in filter_keys - {"FEATURE"}:
        if key not in entry.groupings and key not in RESOURCE_FILTERS - {"QUEUE", "ROUTING_PROFILE", "AGENT"}:
            raise InvalidParameterException(f"{key} is not a valid filter for {name}")
    if entry.required_filter and entry.required_filter not in filter_keys:
        raise InvalidParameterException(f"{name} requires the filter key {entry.required_filter}")
    for metric_filter in metric.get("MetricFilters") or ():
        if not metric_filter.get("MetricFilterKey") or not metric_filter.get("MetricFilterValues"):
            raise InvalidParameterException(
                f"Each metric filter of {name} needs a MetricFilterKey and MetricFilterValues"
            )
        if metric_filter["MetricFilterKey"] not in entry.metric_filters:
            raise InvalidParameterException(
                f"{metric_filter['MetricFilterKey']} is not a valid metric filter key for {name}"
            )
    thresholds = metric.get("Threshold") or []
    threshold = None
    if entry.comparisons:
        if not thresholds or thresholds[0].get("ThresholdValue") is None or not thresholds[0].get("Comparison"):
            raise InvalidParameterException(f"{name} needs a Threshold with a Comparison and a ThresholdValue")
        comparison, value = thresholds[0]["Comparison"], thresholds[0]["ThresholdValue"]
        if comparison not in entry.comparisons:
            raise InvalidParameterException(
                f"For the {name} Threshold, Comparison must be {' or '.join(sorted(entry.comparisons))}"
            )
        if value != int(value) or not 1 <= value <= THRESHOLD_MAX:
            raise InvalidParameterException(
                f"ThresholdValue must be a whole number of seconds from 1 to {THRESHOLD_MAX}, not {value}"
            )
        threshold = (comparison, float(value))
    elif thresholds:
        raise InvalidParameterException(f"{name} takes no Threshold")
    return _Plan(dict(metric), list(metric.get("MetricFilters") or ()), V2.get(name), threshold)


def _custom_plan(backend: Any, instance: Container, metric: Mapping[str, Any], groupings: list[str]) -> _Plan:
    definition = _custom_metric(backend, instance, metric["MetricId"])
    if definition is None:
        raise ResourceNotFoundException(f"Metric not found: {metric['MetricId']}")
    unsupported = [g for g in groupings if g not in (definition.get("Groupings") or ())]
    if unsupported:
        raise InvalidParameterException(f"{unsupported[0]} is not a valid grouping for the metric {metric['MetricId']}")
    calculation = definition.get("MetricCalculation")
    if not calculation:
        return _Plan(dict(metric), [], None, None)
    from .metric_definitions import calculation_tree

    parts = {}
    for component in calculation["CalculationComponents"]:
        name = component.get("MetricName") or str(component.get("MetricId", "")).rsplit("/", 1)[-1]
        filters = [
            {
                "MetricFilterKey": f["MetricFilterKey"],
                "MetricFilterValues": (f.get("StringCondition") or {}).get("Values") or [],
            }
            for f in component.get("MetricFilters") or ()
            if f.get("MetricFilterKey") in ("INITIATION_METHOD", "DISCONNECT_REASON")
        ]
        parts[component["Alias"]] = _Plan({}, filters, V2.get(name), None)
    return _Plan(dict(metric), [], None, None, calculation_tree(calculation["Calculation"]), parts)


_KEYS_LIST = (
    r"(?:filter keys for a GetMetricDataV2 request:|Valid grouping keys:) "
    r"(.*?)(?:  | The following| AI_PROMPT_NAME_VERSION and)"
)


def _valid_keys(member: str) -> set[str]:
    doc = _text(service_model("connect").operation_model("GetMetricDataV2").input_shape.members[member].documentation)
    listed = re.search(
        _KEYS_LIST,
        doc,
    )
    return {k.strip() for k in (listed.group(1).split("|") if listed else ())}


@functools.cache
def v2_keys() -> tuple[frozenset[str], frozenset[str]]:
    """(valid filter keys, valid grouping keys) of GetMetricDataV2, from its documentation."""
    return frozenset(_valid_keys("Filters")), frozenset(_valid_keys("Groupings"))


def metric_data_v2(backend: Any, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """GetMetricDataV2: the requested metrics per interval and per row of the groupings."""
    instance = instance_of_arn(backend, params["ResourceArn"])
    resources: Resources = backend.resources
    start, end = _aware(params["StartTime"]), _aware(params["EndTime"])
    interval = params.get("Interval") or {}
    period = interval.get("IntervalPeriod") or "TOTAL"
    if interval.get("TimeZone"):
        try:
            ZoneInfo(interval["TimeZone"])
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidParameterException(f"TimeZone {interval['TimeZone']} is not a valid time zone") from None
    moment = now()
    if end <= start:
        raise InvalidParameterException("EndTime must be later than StartTime")
    if end > moment:
        raise InvalidParameterException("EndTime cannot be later than the current timestamp")
    if start < moment - RETENTION:
        raise InvalidParameterException(
            "StartTime cannot be earlier than 3 months ago: historical metrics are kept for 3 months"
        )
    limit = SHORT_RANGE if period in ("FIFTEEN_MIN", "THIRTY_MIN", "HOUR") else LONG_RANGE
    if end - start >= limit:
        raise InvalidParameterException(
            f"With IntervalPeriod {period}, the difference between StartTime and EndTime "
            f"must be less than {limit.days} days"
        )
    filter_keys, grouping_keys = v2_keys()
    groupings = _groupings(params, grouping_keys, "grouping key for GetMetricDataV2")
    filters = list(params["Filters"])
    wanted = _v2_filters(resources, instance, filters, set(filter_keys))
    requested = _requested(params, "Metrics")
    if sum(1 for m in requested if m.get("MetricId")) > V2_METRIC_IDS:
        raise InvalidParameterException(f"If using MetricId, the limit is {V2_METRIC_IDS} MetricId per request")
    _check_service_levels(requested)
    keys = {f["FilterKey"] for f in filters}
    plans = [_v2_plan(backend, instance, m, groupings, keys) for m in requested]
    buckets = _buckets(start, end, period)
    rows: dict[tuple[int, tuple[Any, ...]], list[Fact]] = defaultdict(list)
    paths: dict[str | None, list[str]] = {}
    for fact in facts_of(resources, instance):
        moments = [m for m in (fact.initiated, fact.enqueued, fact.answered, fact.ended) if m is not None]
        if not any(start <= m < end for m in moments):
            continue
        if fact.agent not in paths:
            paths[fact.agent] = _group_path(resources, instance, fact.agent)
        levels = paths[fact.agent]
        if not _passes(fact, wanted, levels):
            continue
        key = tuple(_v2_value(fact, g, levels) for g in groupings)
        if None in key:
            continue
        for index, (low, high) in enumerate(buckets):
            if any(low <= m < high for m in moments):
                rows[(index, key)].append(fact)
    out = []
    for index, key in sorted(rows, key=lambda k: (k[0], tuple(str(v) for v in k[1]))):
        low, high = buckets[index]
        collections = []
        for plan in plans:
            entry: dict[str, Any] = {"Metric": plan.shown}
            value = plan.value(rows[(index, key)], low, high)
            if value is not None:
                entry["Value"] = round(value, 2)
            collections.append(entry)
        result: dict[str, Any] = {
            "MetricInterval": {"Interval": period, "StartTime": low, "EndTime": high},
            "Collections": collections,
        }
        if groupings:
            result["Dimensions"] = _v2_dimensions(resources, instance, groupings, key)
        out.append(result)
    return out


_V2_KINDS: dict[str, ResourceType] = {"QUEUE": QUEUE, "ROUTING_PROFILE": ROUTING_PROFILE, "AGENT": USER}


def _v2_dimensions(
    resources: Resources, instance: Container, groupings: list[str], key: tuple[Any, ...]
) -> dict[str, str]:
    """Each grouping's value, and for a resource its ARN under ``<KEY>_ARN``."""
    out: dict[str, str] = {}
    for grouping, value in zip(groupings, key, strict=True):
        out[grouping] = value
        rtype = _V2_KINDS.get(grouping) or (HIERARCHY_GROUP if grouping in _HIERARCHY_KEYS else None)
        if rtype is not None:
            found = resources.find(rtype, instance, value)
            if found is not None:
                out[f"{grouping}_ARN"] = found.arn
    return out
