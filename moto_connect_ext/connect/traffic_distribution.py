"""Connect Global Resiliency: traffic distribution groups, their distributions and agents,
cross-Region routing and replication findings.

**Traffic distribution groups** (TDGs) link a replicated instance (``ReplicateInstance``)
with its replica.  A TDG is a resource-layer resource of kind ``traffic-distribution-group``
under the *source* instance, in the source Region's backend; its ARN,
``traffic-distribution-group/<id>``, names no instance.  It is visible from both Regions of
its instance (each backend keeps an index of the TDGs it sees, for ListTrafficDistributionGroups
and lookups): in the source Region by ID or ARN, in the replica Region by ARN only ("The ARN
must be provided if the call is from the replicated Region").  CreateTrafficDistributionGroup,
DeleteTrafficDistributionGroup and the user operations are served only in the source Region.

Replicating an instance gives it a **default TDG** (``IsDefault``): it cannot be deleted and it
is the only TDG whose ``SignInConfig`` can change.  It is created the first time the instance's
TDGs are looked at after the replication (observably the same as at replication time).

**Status** moves through moto's state manager (model ``connect::traffic-distribution-group``,
immediate by default): ``CREATION_IN_PROGRESS`` -> ``ACTIVE``; UpdateTrafficDistribution puts it
``UPDATE_IN_PROGRESS`` -> ``ACTIVE``; DeleteTrafficDistributionGroup puts it ``PENDING_DELETION``,
after which it is gone.  Phone numbers can be claimed to a TDG, and its distribution read or
changed and users associated, only while it is ``ACTIVE``.  A TDG with phone numbers claimed to
it cannot be deleted (``ResourceInUseException``): the numbers are resource-layer children of
the TDG (see ``phone_numbers``).

**Distributions.**  ``TelephonyConfig`` and ``AgentConfig`` name each Region of the instance
(source and replica) once, in 10% steps adding up to 100; ``SignInConfig`` names each Region once,
at least one enabled.  A new TDG sends everything to the source Region.

**Cross-Region routing** (Get/UpdateCrossRegionRouting) is a flag of the replicated instance:
``IsolatedAll`` isolates every Region of the instance.  **Replication findings** report, per
Region, the replication state of a resource type: while a replica is still being created its
resources of the type count as drifted; the emulator's replication never fails, so it has no
finding that needs action.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..core.arns import parse_arn
from ..core.caller import Caller, caller_in
from ..core.clock import now
from ..core.moto_compat import StatefulModel, lifecycle, register_transition
from ..core.pagination import Store, page_list
from ..core.resources import Container, ModeledError, Resource, Resources, ResourceType, child, id_of
from .exceptions import (
    InvalidParameterException,
    InvalidRequestException,
    ResourceConflictException,
    ResourceNotFoundException,
    ResourceNotReadyException,
    ServiceQuotaExceededException,
)
from .models import ConnectBackend, Instance, connect_backends

TDG_MODEL = "connect::traffic-distribution-group"
register_transition(TDG_MODEL, "immediate")
CREATING = "CREATION_IN_PROGRESS"
ACTIVE = "ACTIVE"
UPDATING = "UPDATE_IN_PROGRESS"
PENDING_DELETION = "PENDING_DELETION"
#: the end of a deletion (never shown: the TDG is then removed)
_GONE = "_GONE"

#: traffic distribution groups an instance can have, its default one included
TDGS_PER_INSTANCE = 10
#: the default TDG's name
DEFAULT_NAME = "default-traffic-distribution-group"
#: percentages move in steps of this
STEP = 10
REPLICATED = "INSTANCE_REPLICATION_COMPLETE"

#: attributes of a TDG that are not members of any output
LIFECYCLE = "_lifecycle"
DEFAULT = "_default"
TELEPHONY = "_telephony"
AGENTS = "_agents"
SIGN_IN = "_sign_in"
USERS = "_users"
FAILOVER = "_failover"
#: where an instance keeps its isolated Regions (cross-Region routing)
_ISOLATED = "_isolated_regions"
#: where a backend keeps the TDGs visible from its Region
_INDEX = "_traffic_distribution_groups"


#: a TDG's status
Lifecycle = lifecycle(TDG_MODEL, [(CREATING, ACTIVE), (UPDATING, ACTIVE), (PENDING_DELETION, _GONE)])


def lifecycle_of(tdg: Resource) -> StatefulModel:
    found: StatefulModel = tdg.attrs[LIFECYCLE]
    return found


def status_of(tdg: Resource) -> str:
    status = str(lifecycle_of(tdg).status)
    return PENDING_DELETION if status == _GONE else status


TDG = ResourceType(
    kind="traffic-distribution-group",
    arn_path="traffic-distribution-group/{id}",
    unique_name=True,
    duplicate_code="ResourceConflictException",
    duplicate_message="A traffic distribution group named {name} already exists for the instance",
    children_block_delete=("phone-number",),
    children_message="Traffic distribution group {id} still has phone numbers claimed to it; release them first",
    computed={
        "InstanceArn": lambda t: getattr(t.parent, "arn", None),
        "Status": status_of,
        "IsDefault": lambda t: bool(t.attrs.get(DEFAULT)),
    },
)


# -- instances, Regions and backends -----------------------------------------------------------
def backend_in(account_id: str, region: str) -> ConnectBackend:
    backend: ConnectBackend = connect_backends[account_id][region]
    return backend


def _index(backend: ConnectBackend) -> Store[Resource]:
    """The TDGs visible from a backend's Region, in creation order (backend state: a reset drops it)."""
    index: Store[Resource] = vars(backend).setdefault(_INDEX, Store())
    return index


def source_of(account_id: str, instance: Instance) -> Instance:
    """The source instance of a replicated instance (the instance itself in its source Region)."""
    if instance.source_region is None:
        return instance
    source = backend_in(account_id, instance.source_region).instances.get(instance.id)
    if source is None:
        raise ResourceNotFoundException(f"The source instance of {instance.id} no longer exists")
    return source


def regions_of(source: Instance) -> list[str]:
    """The Regions of a replicated instance: its source, then its replicas."""
    return [source.region, *source.replications]


def _replicated(instance: Instance) -> bool:
    return bool(instance.replications)


def _replication_done(source: Instance) -> bool:
    return all(str(r.status) == REPLICATED for r in source.replications.values())


def _account(tdg: Resource) -> str:
    return tdg.arn.split(":")[4]


def _home(tdg: Resource) -> Instance:
    instance: Instance = tdg.parent  # type: ignore[assignment]
    return instance


# -- lookups ---------------------------------------------------------------------------------
def _alive(tdg: Resource) -> bool:
    """Whether a TDG still exists; one whose deletion has ended is removed here."""
    instance = _home(tdg)
    account = _account(tdg)
    home = backend_in(account, instance.region)
    if home.instances.get(instance.id) is not instance or instance.children(TDG.kind).get(tdg.id) is not tdg:
        _unindex(account, tdg, [instance.region, *instance.replications])
        return False
    if lifecycle_of(tdg).status == _GONE:
        home.resources.delete(tdg)
        home.client_tokens.forget_results(lambda result: result is tdg)
        _unindex(account, tdg, regions_of(instance))
        return False
    return True


def _unindex(account: str, tdg: Resource, regions: Iterable[str]) -> None:
    for region in regions:
        index = _index(backend_in(account, region))
        if index.get(tdg.id) is tdg:
            index.pop(tdg.id)


def find(
    caller: Caller,
    ident: str,
    missing: Callable[[str], Exception] = ResourceNotFoundException,
    advance: bool = False,
) -> Resource:
    """A TDG visible from the caller's Region, by its ID (in its own Region) or its ARN.

    ``advance``: a describe, which moto's "manual" progression counts before the status is read."""
    key = ident
    if ident.startswith("arn:"):
        parsed = parse_arn(ident)
        if parsed is None or parsed["account"] != caller.account_id:
            raise missing(f"Traffic distribution group not found: {ident}")
        key = parsed["resource"].rsplit("/", 1)[-1]
    tdg = _index(backend_in(caller.account_id, caller.region)).get(key)
    if tdg is not None and advance:
        lifecycle_of(tdg).advance()
    if tdg is None or not _alive(tdg):
        raise missing(f"Traffic distribution group not found: {ident}")
    if ident.startswith("arn:") and ident != tdg.arn:
        raise missing(f"Traffic distribution group not found: {ident}")
    if not ident.startswith("arn:") and _home(tdg).region != caller.region:
        raise missing(
            f"Traffic distribution group not found: {ident}; outside the Region where it was created, "
            "name it by its ARN"
        )
    return tdg


def in_home_region(caller: Caller, tdg: Resource, operation: str) -> None:
    if _home(tdg).region != caller.region:
        raise InvalidRequestException(
            f"{operation} can be called only in {_home(tdg).region}, the Region where traffic distribution "
            f"group {tdg.id} was created"
        )


def check_active(tdg: Resource, error: Callable[[str], Exception] = InvalidRequestException) -> None:
    status = status_of(tdg)
    if status != ACTIVE:
        raise error(f"Traffic distribution group {tdg.id} is {status}, not ACTIVE")


def groups_of(source: Instance) -> list[Resource]:
    """The live TDGs of a source instance (its default one made if it has none yet)."""
    ensure_default(source)
    return [t for t in list(source.children(TDG.kind).values()) if _alive(t)]


# -- creation --------------------------------------------------------------------------------
def _new(
    resources: Resources,
    source: Instance,
    attrs: dict[str, Any],
    caller: Caller,
    tags: dict[str, str] | None,
    default: bool = False,
) -> Resource:
    regions = regions_of(source)
    attrs = {
        **attrs,
        LIFECYCLE: Lifecycle(),
        DEFAULT: default,
        TELEPHONY: {r: 100 if r == source.region else 0 for r in regions},
        AGENTS: {r: 100 if r == source.region else 0 for r in regions},
        SIGN_IN: {r: r == source.region for r in regions},
        USERS: Store(),
    }
    tdg = resources.create(TDG, source, attrs, caller, tags)
    for region in regions:
        _index(backend_in(caller.account_id, region)).add(tdg.id, tdg)
    return tdg


def ensure_default(source: Instance) -> None:
    """A replicated instance's default TDG (made with its replica)."""
    if not _replicated(source) or source.source_region is not None:
        return
    if any(t.attrs.get(DEFAULT) for t in source.children(TDG.kind).values()):
        return
    account = source.arn.split(":")[4]
    caller = caller_in(account, source.region)
    _new(backend_in(account, source.region).resources, source, {"Name": DEFAULT_NAME}, caller, None, default=True)


def create(
    caller: Caller,
    instance: Instance,
    name: str,
    description: str | None,
    tags: dict[str, str] | None,
) -> Resource:
    """CreateTrafficDistributionGroup: for a replicated instance, in its source Region."""
    if instance.source_region is not None:
        raise InvalidRequestException(
            f"Instance {instance.id} is a replica: create traffic distribution groups in its source Region, "
            f"{instance.source_region}"
        )
    if not _replicated(instance):
        raise InvalidRequestException(
            f"Instance {instance.id} has not been replicated: a traffic distribution group links an instance "
            "with its replica (ReplicateInstance)"
        )
    if not _replication_done(instance):
        raise ResourceNotReadyException(f"The replication of instance {instance.id} is still in progress")
    if len(groups_of(instance)) >= TDGS_PER_INSTANCE:
        raise ServiceQuotaExceededException(
            f"Instance {instance.id} already has {TDGS_PER_INSTANCE} traffic distribution groups, the most it can have"
        )
    attrs: dict[str, Any] = {"Name": name}
    if description is not None:
        attrs["Description"] = description
    backend = backend_in(caller.account_id, caller.region)
    return _new(backend.resources, instance, attrs, caller, tags)


def listed(caller: Caller, instance: Instance | None) -> Callable[[Resource], bool]:
    """ListTrafficDistributionGroups' filter (the defaults of the Region's instances made first)."""
    backend = backend_in(caller.account_id, caller.region)
    for each in list(backend.instances.values()) if instance is None else [instance]:
        if _replicated(each):
            ensure_default(source_of(caller.account_id, each))
    wanted = None if instance is None else instance.id
    return lambda t: (wanted is None or _home(t).id == wanted) and _alive(t)


def page(
    caller: Caller, keep: Callable[[Resource], bool], token: str | None, size: int
) -> tuple[list[Resource], str | None]:
    return _index(backend_in(caller.account_id, caller.region)).page(token, size, keep)


def tags_of(tdg: Resource) -> Any:
    """The Tags store holding a TDG's tags (its source Region's)."""
    return backend_in(_account(tdg), _home(tdg).region).resources.tags


# -- deletion --------------------------------------------------------------------------------
def delete(caller: Caller, ident: str) -> None:
    """DeleteTrafficDistributionGroup: not the default one, not one with phone numbers."""
    tdg = find(caller, ident, InvalidRequestException)
    in_home_region(caller, tdg, "DeleteTrafficDistributionGroup")
    if tdg.attrs.get(DEFAULT):
        raise InvalidRequestException(
            f"Traffic distribution group {tdg.id} is the default one of instance {_home(tdg).id}: it is deleted "
            "with the replica, not by DeleteTrafficDistributionGroup"
        )
    status = status_of(tdg)
    if status == PENDING_DELETION:
        raise InvalidRequestException(f"Traffic distribution group {tdg.id} is already being deleted")
    if status != ACTIVE:
        raise InvalidRequestException(f"Traffic distribution group {tdg.id} is {status}; wait until it is ACTIVE")
    if tdg.has_children("phone-number"):
        raise ModeledError(
            TDG.in_use_code,
            TDG.children_message.format(id=tdg.id),
        )
    lifecycle_of(tdg).enter(PENDING_DELETION)
    _alive(tdg)  # an immediate progression ends the deletion now


# -- phone numbers ---------------------------------------------------------------------------
def claim_target(caller: Caller, arn: str) -> Container:
    """The TDG a phone number is claimed (or moved) to: ACTIVE, in the caller's Region."""
    tdg = find(caller, arn)
    in_home_region(caller, tdg, "Claiming a phone number to a traffic distribution group")
    check_active(tdg, InvalidParameterException)
    return tdg


# -- distributions ---------------------------------------------------------------------------
def _distribution(values: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [{"Region": r, key: v} for r, v in values.items()]


def distribution(caller: Caller, ident: str) -> dict[str, Any]:
    """GetTrafficDistribution."""
    tdg = find(caller, ident)
    check_active(tdg)
    out: dict[str, Any] = {
        "Id": tdg.id,
        "Arn": tdg.arn,
        "TelephonyConfig": {"Distributions": _distribution(tdg.attrs[TELEPHONY], "Percentage")},
        "SignInConfig": {"Distributions": _distribution(tdg.attrs[SIGN_IN], "Enabled")},
        "AgentConfig": {"Distributions": _distribution(tdg.attrs[AGENTS], "Percentage")},
    }
    if tdg.attrs.get(FAILOVER) is not None:
        out["LastFailoverTime"] = tdg.attrs[FAILOVER]
    return out


def _by_region(config: str, distributions: list[dict[str, Any]], regions: list[str], key: str) -> dict[str, Any]:
    """A distribution as Region -> value, in the instance's order: each of its Regions once."""
    given: dict[str, Any] = {}
    for entry in distributions:
        region = entry["Region"]
        if region in given:
            raise InvalidRequestException(f"{config} names Region {region} more than once")
        if region not in regions:
            raise InvalidRequestException(
                f"{config}: {region} is not a Region of the instance; its Regions are {', '.join(regions)}"
            )
        given[region] = entry[key]
    missing = [r for r in regions if r not in given]
    if missing:
        raise InvalidRequestException(
            f"{config} must give a distribution for every Region of the instance: {', '.join(missing)} missing"
        )
    return {r: given[r] for r in regions}


def _percentages(config: str, distributions: list[dict[str, Any]], regions: list[str]) -> dict[str, int]:
    values = _by_region(config, distributions, regions, "Percentage")
    odd = [f"{r}: {p}" for r, p in values.items() if p % STEP]
    if odd:
        raise InvalidRequestException(f"{config} percentages must be in increments of {STEP} ({', '.join(odd)})")
    total = sum(values.values())
    if total != 100:
        raise InvalidRequestException(f"{config} percentages must add up to 100, not {total}")
    return values


def update_distribution(caller: Caller, ident: str, params: dict[str, Any]) -> None:
    """UpdateTrafficDistribution: every rule checked before anything changes."""
    tdg = find(caller, ident)
    if status_of(tdg) == UPDATING:
        raise ResourceConflictException(f"An update of traffic distribution group {tdg.id} is still in progress")
    check_active(tdg)
    configs = [c for c in ("TelephonyConfig", "SignInConfig", "AgentConfig") if c in params]
    if not configs:
        raise InvalidRequestException("Give at least one of TelephonyConfig, SignInConfig and AgentConfig")
    regions = list(tdg.attrs[TELEPHONY])
    changes: dict[str, Any] = {}
    if "TelephonyConfig" in params:
        changes[TELEPHONY] = _percentages("TelephonyConfig", params["TelephonyConfig"]["Distributions"], regions)
    if "AgentConfig" in params:
        changes[AGENTS] = _percentages("AgentConfig", params["AgentConfig"]["Distributions"], regions)
    if "SignInConfig" in params:
        sign_in = _by_region("SignInConfig", params["SignInConfig"]["Distributions"], regions, "Enabled")
        if sign_in != tdg.attrs[SIGN_IN] and not tdg.attrs.get(DEFAULT):
            raise InvalidRequestException(
                f"SignInConfig can be changed only on the default traffic distribution group; {tdg.id} is not"
            )
        if not any(sign_in.values()):
            raise InvalidRequestException("SignInConfig must enable at least one Region")
        changes[SIGN_IN] = sign_in
    changes = {k: v for k, v in changes.items() if v != tdg.attrs[k]}
    if not changes:
        return
    changes[FAILOVER] = now()
    backend_in(_account(tdg), _home(tdg).region).resources.update(tdg, changes, caller)
    lifecycle_of(tdg).enter(UPDATING)


# -- users -----------------------------------------------------------------------------------
def users_of(tdg: Resource) -> Store[str]:
    found: Store[str] = tdg.attrs[USERS]
    return found


def _user_tdg(caller: Caller, ident: str, instance: Instance, operation: str) -> Resource:
    tdg = find(caller, ident)
    in_home_region(caller, tdg, operation)
    check_active(tdg, ResourceNotFoundException)
    if instance is not _home(tdg):
        raise InvalidRequestException(
            f"Traffic distribution group {tdg.id} belongs to instance {_home(tdg).id}, not {instance.id}"
        )
    return tdg


def _user_id(instance: Instance, user_ref: str) -> str:
    from .users import USER

    user = child(instance, USER.kind, user_ref)
    if user is None or (user_ref.startswith("arn:") and user.arn != user_ref):
        raise ResourceNotFoundException(f"User {user_ref} is not a user of instance {instance.id}")
    return user.id


def associate_user(caller: Caller, ident: str, instance: Instance, user_ref: str) -> None:
    """AssociateTrafficDistributionGroupUser: a user of the TDG's instance, in one TDG at a time."""
    tdg = _user_tdg(caller, ident, instance, "AssociateTrafficDistributionGroupUser")
    user_id = _user_id(instance, user_ref)
    for other in groups_of(instance):
        if other is not tdg and user_id in users_of(other):
            raise ResourceConflictException(
                f"User {user_id} is already associated with traffic distribution group {other.id}"
            )
    users_of(tdg).add(user_id, user_id)


def disassociate_user(caller: Caller, ident: str, instance: Instance, user_ref: str) -> None:
    tdg = _user_tdg(caller, ident, instance, "DisassociateTrafficDistributionGroupUser")
    key = id_of(user_ref)
    if key not in users_of(tdg):
        raise ResourceNotFoundException(f"User {user_ref} is not associated with traffic distribution group {tdg.id}")
    users_of(tdg).pop(key)


def page_users(caller: Caller, ident: str, token: str | None, size: int) -> tuple[list[str], str | None]:
    """ListTrafficDistributionGroupUsers: the users still in the instance, in association order."""
    from .users import USER

    tdg = find(caller, ident)
    users = _home(tdg).children(USER.kind)
    return users_of(tdg).page(token, size, lambda user_id: user_id in users)


# -- cross-Region routing --------------------------------------------------------------------
def _global(caller: Caller, instance: Instance, operation: str) -> Instance:
    source = source_of(caller.account_id, instance)
    if not _replicated(source):
        raise InvalidRequestException(
            f"{operation} is available only for Global Resiliency instances; instance {instance.id} is not replicated"
        )
    return source


def isolated_regions(caller: Caller, instance: Instance) -> list[str]:
    source = _global(caller, instance, "GetCrossRegionRouting")
    isolated: list[str] = vars(source).get(_ISOLATED, [])
    return list(isolated)


def update_routing(caller: Caller, instance: Instance, isolated_all: bool) -> None:
    source = _global(caller, instance, "UpdateCrossRegionRouting")
    if not _replication_done(source):
        raise ResourceConflictException(f"The replication of instance {instance.id} is still in progress")
    vars(source)[_ISOLATED] = regions_of(source) if isolated_all else []


# -- replication findings --------------------------------------------------------------------
#: ListReplicationFindings' resource types, and the resource-layer kind each one counts (None:
#: not a resource the emulator keeps per instance)
FINDING_TYPES: dict[str, str | None] = {
    "AGENT": "user",
    "AGENT_GROUP": "hierarchy-group",
    "AGENT_GROUP_LEVEL": None,
    "AGENT_STATE": "agent-status",
    "ATTRIBUTE": "predefined-attribute",
    "CONTACT_FLOW": "contact-flow",
    "DATA_TABLE": None,
    "DATA_TABLE_ATTRIBUTE": None,
    "DATA_TABLE_RECORD": None,
    "DATA_TABLE_VALUE": None,
    "FLOW_MODULE": "flow-module",
    "FLOW_MODULE_ALIAS": None,
    "FLOW_MODULE_VERSION": None,
    "METRIC": None,
    "NOTIFICATION": None,
    "OPERATING_HOURS": "hours-of-operation",
    "PHONE_NUMBER": None,
    "PROMPT": "prompt",
    "QUEUE": "queue",
    "REPORT": None,
    "ROUTING_PROFILE": "routing-profile",
    "SECURITY_PROFILE": "security-profile",
    "TASK_TEMPLATE": "task-template",
    "TEST_CASE": None,
    "TRANSFER_DESTINATION": "quick-connect",
    "VIEW": None,
    "WORKSPACE": None,
}


def _count(source: Instance, resource_type: str) -> int:
    if resource_type == "PHONE_NUMBER":  # the numbers of the instance's TDGs are the replicated ones
        return sum(len(t.children("phone-number")) for t in groups_of(source))
    kind = FINDING_TYPES[resource_type]
    if kind is None:
        return 0
    return sum(1 for r in source.children(kind).values() if not r.deleted)


def replication_findings(
    caller: Caller, instance: Instance, resource_type: str, token: str | None, size: int
) -> dict[str, Any]:
    """ListReplicationFindings."""
    if resource_type not in FINDING_TYPES:
        raise InvalidRequestException(
            f"ResourceType {resource_type} is not supported; supported types are {', '.join(FINDING_TYPES)}"
        )
    source = _global(caller, instance, "ListReplicationFindings")
    findings: list[dict[str, Any]] = []  # the emulator's replication needs no action from anyone
    page, next_token = page_list(findings, token, size)
    stamp = now()
    statuses = [{"Region": source.region, "Status": "ENABLED"}]
    counts = []
    for region, replication in source.replications.items():
        done = str(replication.status) == REPLICATED
        statuses.append({"Region": region, "Status": "ENABLED"})
        counts.append({"Region": region, "Count": 0 if done else _count(source, resource_type), "Timestamp": stamp})
    out: dict[str, Any] = {
        "ReplicationFindingsList": page,
        "ResourceReplicationStatuses": statuses,
        "ApproximateDriftedResourceCounts": counts,
    }
    if next_token:
        out["NextToken"] = next_token
    return out
