"""Routing profiles, declared on the resource layer, and the rules that are their own.

A routing profile links queues to agents: the channels its agents handle and how
many contacts of each at once (``MediaConcurrencies``), the queues it takes
contacts from per channel with a priority and a delay (``QueueConfigs``), the
queues its agents may pick or be assigned contacts from
(``ManualAssignmentQueueConfigs``), and a default outbound queue.

Rules (Amazon Connect API Reference: CreateRoutingProfile, MediaConcurrency,
UpdateRoutingProfileQueues; Administrator Guide: "Create a routing profile"):

* every queue named (default outbound, queue configs, manual assignment configs)
  exists; a queue cannot be deleted while a routing profile names it;
* each channel at most once in ``MediaConcurrencies``; ``Concurrency`` is 1 for
  ``VOICE`` and 1 to 10 for ``CHAT``, ``TASK`` and ``EMAIL``, as is every workload
  type's concurrency; a channel without ``CrossChannelBehavior`` gets
  ``ROUTE_CURRENT_CHANNEL_ONLY`` (the admin website's default);
* a (queue, channel) pair is associated at most once per kind of config; queues
  must be associated before UpdateRoutingProfileQueues changes them;
* at most 50 queues per routing profile (the quota the API reference names);
* at most 10 queue references per DisassociateRoutingProfileQueues call (more is
  ``InvalidParameterException``, as its documentation says).

Queue configs are kept in association order, each with a sequence number, so
their listings page stably while pairs come and go.  The counts, the associated
queue IDs and ``IsDefault`` are computed from them, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..core.caller import Caller
from ..core.resources import Container, Ref, Resource, Resources, ResourceType
from .exceptions import InvalidParameterException, InvalidRequestException

#: the most contacts of one channel an agent can have at once (MediaConcurrency)
CHANNEL_MAXIMUM = {"VOICE": 1, "CHAT": 10, "TASK": 10, "EMAIL": 10}
#: "the quota of 50 queues per routing profile per instance" (CreateRoutingProfile)
QUEUES_PER_PROFILE = 50
#: "Up to 10 queue references can be disassociated in a single API call" (DisassociateRoutingProfileQueues)
DISASSOCIATED_PER_CALL = 10
DEFAULT_CROSS_CHANNEL = {"BehaviorType": "ROUTE_CURRENT_CHANNEL_ONLY"}
DEFAULT_TIMER = "TIME_SINCE_LAST_ACTIVITY"

#: attributes holding the queue configs (normalized entries, see ``entry``)
AUTOMATIC = "QueueConfigs"
MANUAL = "ManualAssignmentQueueConfigs"
#: every queue the configs name: the reference that must exist and blocks deleting the queue
QUEUE_REFS = "QueueReferences"
#: the next sequence number a new config gets
NEXT_SEQ = "QueueSequence"
#: the kind users are declared under; a user's ``RoutingProfileId`` names its profile
USER_KIND = "user"

Key = tuple[str, str]


def ident(value: str) -> str:
    """An ID from an ID or an ARN."""
    return value.rsplit("/", 1)[-1] if value.startswith("arn:") else value


def key_of(reference: Mapping[str, Any]) -> Key:
    """(queue ID, channel) of a ``RoutingProfileQueueReference`` or a stored entry."""
    return ident(reference["QueueId"]), reference["Channel"]


def queue_ids(entries: Iterable[Mapping[str, Any]]) -> list[str]:
    """The distinct queues of some configs, in association order."""
    return list(dict.fromkeys(e["QueueId"] for e in entries))


# -- channels --------------------------------------------------------------------------
def media_concurrencies(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``MediaConcurrencies`` checked, with the default cross-channel behaviour filled in."""
    if not entries:
        raise InvalidParameterException("MediaConcurrencies must enable at least one channel")
    seen: set[str] = set()
    out = []
    for entry in entries:
        channel = entry["Channel"]
        if channel in seen:
            raise InvalidParameterException(f"Channel {channel} appears more than once in MediaConcurrencies")
        seen.add(channel)
        top = CHANNEL_MAXIMUM[channel]
        concurrency = entry.get("Concurrency")
        workloads = entry.get("WorkloadTypeConcurrencies") or []
        if concurrency is None and not workloads:
            raise InvalidParameterException(f"Concurrency is required for channel {channel}")
        if concurrency is not None:
            _in_range(concurrency, top, f"Concurrency for channel {channel}")
        names: set[str] = set()
        for workload in workloads:
            name = workload["WorkloadType"]
            if name in names:
                raise InvalidParameterException(f"Workload type {name} appears more than once for channel {channel}")
            names.add(name)
            _in_range(workload["Concurrency"], top, f"Concurrency of workload type {name} on channel {channel}")
        out.append({**entry, "CrossChannelBehavior": entry.get("CrossChannelBehavior") or DEFAULT_CROSS_CHANNEL})
    return out


def _in_range(value: int, top: int, what: str) -> None:
    if not 1 <= value <= top:
        bounds = "1" if top == 1 else f"between 1 and {top}"
        raise InvalidParameterException(f"{what} must be {bounds}, not {value}")


# -- queue configs ---------------------------------------------------------------------
def _requested(configs: Iterable[Mapping[str, Any]], what: str) -> dict[Key, dict[str, Any]]:
    """Requested configs by (queue, channel): each pair at most once in a request."""
    out: dict[Key, dict[str, Any]] = {}
    for config in configs:
        key = key_of(config["QueueReference"])
        if key in out:
            raise InvalidParameterException(f"Queue {key[0]} appears more than once for channel {key[1]} in {what}")
        out[key] = {"QueueId": key[0], "Channel": key[1]}
        if "Priority" in config:
            out[key].update(Priority=config["Priority"], Delay=config["Delay"])
    return out


def initial_queues(automatic: list[dict[str, Any]] | None, manual: list[dict[str, Any]] | None) -> dict[str, Any]:
    """The queue attributes of a new routing profile."""
    return _queue_attrs({AUTOMATIC: [], MANUAL: [], NEXT_SEQ: 1}, automatic or [], manual or [])


def associate(
    attrs: Mapping[str, Any], automatic: list[dict[str, Any]] | None, manual: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """The changes that associate more (queue, channel) pairs; a pair already there is refused."""
    if not automatic and not manual:
        raise InvalidParameterException("QueueConfigs or ManualAssignmentQueueConfigs is required")
    return _queue_attrs(attrs, automatic or [], manual or [])


def _queue_attrs(
    attrs: Mapping[str, Any], automatic: list[dict[str, Any]], manual: list[dict[str, Any]]
) -> dict[str, Any]:
    seq = attrs[NEXT_SEQ]
    changes: dict[str, Any] = {}
    for member, configs in ((AUTOMATIC, automatic), (MANUAL, manual)):
        entries = list(attrs[member])
        present = {key_of(e) for e in entries}
        for key, entry in _requested(configs, member).items():
            if key in present:
                raise InvalidRequestException(
                    f"Queue {key[0]} is already associated with the routing profile for channel {key[1]} ({member})"
                )
            entries.append({**entry, "Seq": seq})
            seq += 1
        changes[member] = entries
    changes[NEXT_SEQ] = seq
    changes[QUEUE_REFS] = queue_ids([*changes[AUTOMATIC], *changes[MANUAL]])
    return changes


def update_queues(attrs: Mapping[str, Any], configs: list[dict[str, Any]]) -> dict[str, Any]:
    """The changes that set new priorities and delays on associated (queue, channel) pairs."""
    requested = _requested(configs, AUTOMATIC)
    entries = list(attrs[AUTOMATIC])
    by_key = {key_of(e): i for i, e in enumerate(entries)}
    for key, entry in requested.items():
        index = by_key.get(key)
        if index is None:
            raise InvalidRequestException(
                f"Queue {key[0]} is not associated with the routing profile for channel {key[1]}; "
                "associate it with AssociateRoutingProfileQueues first"
            )
        entries[index] = {**entries[index], "Priority": entry["Priority"], "Delay": entry["Delay"]}
    return {AUTOMATIC: entries}


def disassociate(
    attrs: Mapping[str, Any], references: list[dict[str, Any]] | None, manual: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """The changes that remove (queue, channel) pairs; each must be associated."""
    if not references and not manual:
        raise InvalidParameterException("QueueReferences or ManualAssignmentQueueReferences is required")
    for member, given in (("QueueReferences", references), ("ManualAssignmentQueueReferences", manual)):
        if given and len(given) > DISASSOCIATED_PER_CALL:
            raise InvalidParameterException(
                f"{member}: at most {DISASSOCIATED_PER_CALL} queue references can be disassociated in one call, "
                f"not {len(given)}"
            )
    changes: dict[str, Any] = {}
    for member, refs in ((AUTOMATIC, references or []), (MANUAL, manual or [])):
        gone = {key_of(r) for r in refs}
        entries = attrs[member]
        missing = gone - {key_of(e) for e in entries}
        if missing:
            queue, channel = sorted(missing)[0]
            raise InvalidRequestException(
                f"Queue {queue} is not associated with the routing profile for channel {channel} ({member})"
            )
        changes[member] = [e for e in entries if key_of(e) not in gone]
    changes[QUEUE_REFS] = queue_ids([*changes[AUTOMATIC], *changes[MANUAL]])
    return changes


def _check(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    for member in (AUTOMATIC, MANUAL):
        count = len(queue_ids(attrs.get(member) or ()))
        if count > QUEUES_PER_PROFILE:
            raise InvalidRequestException(
                f"A routing profile can have at most {QUEUES_PER_PROFILE} queues in {member}; "
                f"this one would have {count}"
            )


# -- computed members ------------------------------------------------------------------
def associated_queue_ids(profile: Resource) -> list[str]:
    return queue_ids(profile.attrs.get(AUTOMATIC) or ())


def associated_manual_queue_ids(profile: Resource) -> list[str]:
    return queue_ids(profile.attrs.get(MANUAL) or ())


def number_of_users(profile: Resource) -> int:
    """The users whose routing profile this is (connect/users.py)."""
    instance = profile.parent
    if not instance.has_children(USER_KIND):
        return 0
    return sum(1 for u in instance.children(USER_KIND).values() if u.attrs.get("RoutingProfileId") == profile.id)


ROUTING_PROFILE = ResourceType(
    kind="routing-profile",
    root_id_names=("InstanceId",),
    unique_name=True,
    refs=(Ref("DefaultOutboundQueueId", "queue"), Ref(QUEUE_REFS, "queue", many=True)),
    defaults={"AgentAvailabilityTimer": DEFAULT_TIMER},
    computed={
        "NumberOfAssociatedQueues": lambda r: len(associated_queue_ids(r)),
        "NumberOfAssociatedManualAssignmentQueues": lambda r: len(associated_manual_queue_ids(r)),
        "NumberOfAssociatedUsers": number_of_users,
        "AssociatedQueueIds": associated_queue_ids,
        "AssociatedManualAssignmentQueueIds": associated_manual_queue_ids,
        # the profile an instance comes with is created with IsDefault set
        "IsDefault": lambda r: bool(r.attrs.get("IsDefault", False)),
    },
    check=_check,
)


#: the routing profile AWS creates with every instance: its channels, each on ``BasicQueue``
DEFAULT_PROFILE = {"Name": "Basic Routing Profile", "Description": "Default routing profile", "IsDefault": True}
DEFAULT_MEDIA = [
    {"Channel": "VOICE", "Concurrency": 1},
    {"Channel": "CHAT", "Concurrency": 2},
    {"Channel": "TASK", "Concurrency": 1},
]
DEFAULT_QUEUE = "BasicQueue"


def seed_defaults(resources: Resources, instance: Container, caller: Caller) -> None:
    """``Basic Routing Profile``, on ``BasicQueue`` (which must be seeded before)."""
    queue = next((q.id for q in instance.children("queue").values() if q.attrs.get("Name") == DEFAULT_QUEUE), None)
    if queue is None:
        raise LookupError(f"{DEFAULT_QUEUE} must be seeded before {DEFAULT_PROFILE['Name']}")
    configs = [
        {"QueueReference": {"QueueId": queue, "Channel": m["Channel"]}, "Priority": 1, "Delay": 0}
        for m in DEFAULT_MEDIA
    ]
    attrs = {
        **DEFAULT_PROFILE,
        "DefaultOutboundQueueId": queue,
        "MediaConcurrencies": media_concurrencies(DEFAULT_MEDIA),
        **initial_queues(configs, None),
    }
    resources.create(ROUTING_PROFILE, instance, attrs, caller)
