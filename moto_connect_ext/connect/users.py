"""Users (the agents and everyone else who signs in to an instance), declared on the resource layer.

A user names its security profiles (one to ten), its routing profile and, optionally,
a hierarchy group; each must exist, and none of them can be deleted while a user
names it.  Its proficiencies name predefined attributes, which cannot be deleted while
a proficiency uses them (Administrator Guide, "Create predefined attributes": "An
attribute can only be deleted if it not associated with any agent").

Identity management (CreateUser, UserIdentityInfo, Administrator Guide "Add users"):

* ``CONNECT_MANAGED`` users need a ``Password`` (the model's pattern: 8 to 64
  characters without whitespace, with a lower-case letter, an upper-case letter and a
  digit); ``SAML`` and ``EXISTING_DIRECTORY`` users must not have one.  The password
  is never kept;
* ``FirstName`` and ``LastName`` are required for ``CONNECT_MANAGED`` and ``SAML``
  users, in Unicode Normalization Form C; a ``SAML`` user has no ``Email`` and no
  ``DirectoryUserId``;
* usernames are unique per instance; outside SAML a username has at most 20
  characters, with SAML at most 64 from ``[a-zA-Z0-9_-.@]``; an ``@`` only in an
  email address (``testuser@example.com``, not ``testuser@example``).

Phone and channel settings: the state is kept per channel, as ``UpdateUserConfig``
sets it (``AutoAcceptConfigs``, ``AfterContactWorkConfigs``, ``PhoneNumberConfigs``,
``PersistentConnectionConfigs``, ``VoiceEnhancementConfigs``); ``PhoneConfig`` is
the view of the ``VOICE`` channel.  Setting ``PhoneConfig`` sets the after contact
work timeout and auto-accept of every channel ("UpdateUserPhoneConfig ... will always
set the same ACW timeouts to all channels"), the phone type, desk phone number and
persistent connection of ``VOICE``.  CreateUser refuses a ``PhoneConfig`` member
together with the channel-specific list it conflicts with.  A desk phone needs its
number; the timeout is at most 2,000,000 seconds; the phone number, persistent
connection and voice enhancement lists take ``VOICE`` only, and the agent-first
callback settings apply to ``VOICE`` only.

Every user comes with its agent queue (``QueueType`` ``AGENT``, the queue's ID is
the user's ID), created and deleted with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.errors import AccessDeniedException, ValidationError
from ..core.resources import Container, Ref, Resource, Resources, ResourceType
from . import predefined_attributes
from .exceptions import InvalidParameterException, InvalidRequestException
from .hierarchy import HIERARCHY_GROUP, path_of
from .queues import AGENT, QUEUE
from .search_criteria import NUMBER_COMPARISONS, criteria_matcher, lift_string_conditions, string_matcher, tag_matcher

KIND = "user"
CHANNELS = ("VOICE", "CHAT", "TASK", "EMAIL")
#: "a maximum value of 2,000,000 seconds (24 days)" (UserPhoneConfig, AfterContactWorkConfig)
ACW_MAXIMUM = 2_000_000
#: "You can add up to 10 proficiencies per agent" (Administrator Guide, "Assign proficiencies")
PROFICIENCIES_PER_USER = 10
#: UserSearchFilter.UserAttributeFilter: "Maximum number of allowed Tag conditions is 25.
#: Maximum number of allowed Hierarchy Group conditions is 20."
FILTER_TAG_CONDITIONS = 25
FILTER_HIERARCHY_CONDITIONS = 20

#: the per-channel settings, in the order Describe lists them
CHANNEL_CONFIGS = (
    "AutoAcceptConfigs",
    "AfterContactWorkConfigs",
    "PhoneNumberConfigs",
    "PersistentConnectionConfigs",
    "VoiceEnhancementConfigs",
)
VOICE_ONLY = frozenset({"PhoneNumberConfigs", "PersistentConnectionConfigs", "VoiceEnhancementConfigs"})
#: a PhoneConfig member -> the channel-specific list CreateUser refuses it with
PHONE_CONFLICTS = {
    "AutoAccept": "AutoAcceptConfigs",
    "AfterContactWorkTimeLimit": "AfterContactWorkConfigs",
    "PhoneType": "PhoneNumberConfigs",
    "DeskPhoneNumber": "PhoneNumberConfigs",
    "PersistentConnection": "PersistentConnectionConfigs",
}

#: internal attributes: the proficiencies (with a sequence number each, for stable pages),
#: the next sequence number, the predefined attributes they name, and their last change
PROFICIENCIES = "Proficiencies"
NEXT_SEQ = "ProficiencySequence"
PROFICIENCY_ATTRIBUTES = "ProficiencyAttributeNames"
PROFICIENCIES_MODIFIED = "ProficienciesModified"
#: the user's current agent status: {"AgentStatusId", "StartTimestamp"} (PutUserStatus)
STATUS = "Status"

_SAML_USERNAME = re.compile(r"[a-zA-Z0-9_\-.@]+")
_EMAIL_USERNAME = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
#: SecondaryEmail's documented pattern, applied to both addresses
_EMAIL = re.compile(r"(?=^.{0,265}$)[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}")


def ident(value: str) -> str:
    """An ID from an ID or an ARN."""
    return value.rsplit("/", 1)[-1] if value.startswith("arn:") else value


# -- identity --------------------------------------------------------------------------
def check_password(identity_type: str, password: str | None) -> None:
    """A password for CONNECT_MANAGED users only (its form is the model's pattern)."""
    if identity_type == "CONNECT_MANAGED" and not password:
        raise InvalidParameterException("Password is required when the instance uses CONNECT_MANAGED identities")
    if identity_type != "CONNECT_MANAGED" and password:
        raise InvalidParameterException(
            f"Password cannot be given when the instance uses {identity_type} identity management"
        )


def check_username(identity_type: str, username: str) -> None:
    if identity_type == "SAML":
        if len(username) > 64 or not _SAML_USERNAME.fullmatch(username):
            raise InvalidParameterException(
                f"Username {username!r}: with SAML a username has at most 64 characters from [a-zA-Z0-9_-.@]"
            )
    elif len(username) > 20:
        raise InvalidParameterException(
            f"Username {username!r}: a username has at most 20 characters ({identity_type} identity management)"
        )
    if "@" in username and not _EMAIL_USERNAME.fullmatch(username):
        raise InvalidParameterException(f"Username {username!r}: a username has an @ only as an email address")


def check_identity(identity_type: str, attrs: Mapping[str, Any]) -> None:
    info = attrs.get("IdentityInfo") or {}
    if identity_type in ("CONNECT_MANAGED", "SAML"):
        missing = [k for k in ("FirstName", "LastName") if not info.get(k)]
        if missing:
            raise InvalidParameterException(
                f"IdentityInfo.{' and IdentityInfo.'.join(missing)} required when the instance uses "
                f"{identity_type} identity management"
            )
    for member in ("FirstName", "LastName"):
        value = info.get(member)
        if value and not unicodedata.is_normalized("NFC", value):
            raise InvalidParameterException(f"IdentityInfo.{member} must be in Unicode Normalization Form C")
    for member in ("Email", "SecondaryEmail"):
        value = info.get(member)
        if value is not None and not _EMAIL.fullmatch(value):
            raise InvalidParameterException(f"IdentityInfo.{member} {value!r} is not an email address")
    if identity_type == "SAML":
        if info.get("Email") is not None:
            raise InvalidParameterException("IdentityInfo.Email cannot be given when the instance uses SAML")
        if attrs.get("DirectoryUserId") is not None:
            raise InvalidParameterException("DirectoryUserId cannot be given when the instance uses SAML")


# -- channel settings ------------------------------------------------------------------
def default_channel_configs() -> dict[str, list[dict[str, Any]]]:
    """A new user's settings: no auto-accept, no ACW timeout, a soft phone, no persistent connection."""
    return {
        "AutoAcceptConfigs": [{"Channel": c, "AutoAccept": False} for c in CHANNELS],
        "AfterContactWorkConfigs": [
            {"Channel": c, "AfterContactWorkConfig": {"AfterContactWorkTimeLimit": 0}} for c in CHANNELS
        ],
        "PhoneNumberConfigs": [{"Channel": "VOICE", "PhoneType": "SOFT_PHONE"}],
        "PersistentConnectionConfigs": [{"Channel": "VOICE", "PersistentConnection": False}],
    }


def _by_channel(entries: Iterable[Mapping[str, Any]] | None) -> dict[str, dict[str, Any]]:
    return {e["Channel"]: dict(e) for e in entries or ()}


def _ordered(by_channel: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [by_channel[c] for c in CHANNELS if c in by_channel]


def merge_channel_configs(
    attrs: Mapping[str, Any], requested: Mapping[str, list[dict[str, Any]] | None]
) -> dict[str, list[dict[str, Any]]]:
    """The changes that set the given channels of each list (a channel at most once per list)."""
    changes = {}
    for member in CHANNEL_CONFIGS:
        entries = requested.get(member)
        if not entries:
            continue
        seen: set[str] = set()
        for entry in entries:
            if entry["Channel"] in seen:
                raise InvalidParameterException(f"Channel {entry['Channel']} appears more than once in {member}")
            seen.add(entry["Channel"])
        merged = _by_channel(attrs.get(member))
        merged.update(_by_channel(entries))
        changes[member] = _ordered(merged)
    return changes


def phone_config_changes(attrs: Mapping[str, Any], phone: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The channel settings a ``PhoneConfig`` sets: ACW and auto-accept on every channel, the rest on VOICE."""
    changes: dict[str, list[dict[str, Any]]] = {}
    if phone.get("AutoAccept") is not None:
        current = _by_channel(attrs.get("AutoAcceptConfigs"))
        changes["AutoAcceptConfigs"] = [
            {**current.get(c, {"Channel": c}), "AutoAccept": phone["AutoAccept"]} for c in CHANNELS
        ]
    if phone.get("AfterContactWorkTimeLimit") is not None:
        current = _by_channel(attrs.get("AfterContactWorkConfigs"))
        limit = {"AfterContactWorkTimeLimit": phone["AfterContactWorkTimeLimit"]}
        changes["AfterContactWorkConfigs"] = [
            {**current.get(c, {"Channel": c}), "AfterContactWorkConfig": limit} for c in CHANNELS
        ]
    voice_changes = {k: phone[k] for k in ("PhoneType", "DeskPhoneNumber") if phone.get(k) is not None}
    if voice_changes:
        current = _by_channel(attrs.get("PhoneNumberConfigs"))
        voice = current.get("VOICE", {"Channel": "VOICE", "PhoneType": "SOFT_PHONE"})
        if "PhoneType" in voice_changes:
            voice["PhoneType"] = voice_changes["PhoneType"]
        if "DeskPhoneNumber" in voice_changes:
            voice["PhoneNumber"] = voice_changes["DeskPhoneNumber"]
        current["VOICE"] = voice
        changes["PhoneNumberConfigs"] = _ordered(current)
    if phone.get("PersistentConnection") is not None:
        current = _by_channel(attrs.get("PersistentConnectionConfigs"))
        current["VOICE"] = {"Channel": "VOICE", "PersistentConnection": phone["PersistentConnection"]}
        changes["PersistentConnectionConfigs"] = _ordered(current)
    return changes


def initial_channel_configs(params: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """A new user's channel settings from a CreateUser request."""
    phone = params.get("PhoneConfig") or {}
    for member, conflicting in PHONE_CONFLICTS.items():
        if phone.get(member) is not None and params.get(conflicting):
            raise InvalidParameterException(f"PhoneConfig.{member} cannot be given together with {conflicting}")
    attrs: dict[str, Any] = default_channel_configs()
    attrs.update(phone_config_changes(attrs, phone))
    attrs.update(merge_channel_configs(attrs, params))
    return attrs


def _acw_limits(entry: Mapping[str, Any]) -> Iterable[int]:
    for member in ("AfterContactWorkConfig", "AgentFirstCallbackAfterContactWorkConfig"):
        limit = (entry.get(member) or {}).get("AfterContactWorkTimeLimit")
        if limit is not None:
            yield limit


def check_channel_configs(attrs: Mapping[str, Any]) -> None:
    for member in CHANNEL_CONFIGS:
        for entry in attrs.get(member) or ():
            channel = entry["Channel"]
            if member in VOICE_ONLY and channel != "VOICE":
                raise InvalidParameterException(f"{member} supports the VOICE channel only, not {channel}")
            if channel != "VOICE":
                for callback in ("AgentFirstCallbackAutoAccept", "AgentFirstCallbackAfterContactWorkConfig"):
                    if entry.get(callback) is not None:
                        raise InvalidParameterException(
                            f"{callback} applies to the VOICE channel only, not {channel} ({member})"
                        )
            for limit in _acw_limits(entry):
                if limit > ACW_MAXIMUM:
                    raise InvalidParameterException(
                        f"AfterContactWorkTimeLimit {limit} for channel {channel} is above the maximum, "
                        f"{ACW_MAXIMUM} seconds"
                    )
            if member == "PhoneNumberConfigs" and entry["PhoneType"] == "DESK_PHONE" and not entry.get("PhoneNumber"):
                raise InvalidParameterException("A DESK_PHONE needs its phone number (DeskPhoneNumber)")


def _voice(user: Resource, member: str) -> dict[str, Any]:
    for entry in user.attrs.get(member) or ():
        if entry["Channel"] == "VOICE":
            return entry  # type: ignore[no-any-return]
    return {}


def phone_config(user: Resource) -> dict[str, Any]:
    """The user's ``PhoneConfig``: its VOICE channel's settings."""
    number = _voice(user, "PhoneNumberConfigs")
    acw = _voice(user, "AfterContactWorkConfigs").get("AfterContactWorkConfig") or {}
    out: dict[str, Any] = {
        "PhoneType": number.get("PhoneType", "SOFT_PHONE"),
        "AutoAccept": bool(_voice(user, "AutoAcceptConfigs").get("AutoAccept", False)),
        "AfterContactWorkTimeLimit": acw.get("AfterContactWorkTimeLimit", 0),
    }
    if number.get("PhoneNumber"):
        out["DeskPhoneNumber"] = number["PhoneNumber"]
    persistent = _voice(user, "PersistentConnectionConfigs")
    if persistent:
        out["PersistentConnection"] = persistent["PersistentConnection"]
    return out


# -- proficiencies ---------------------------------------------------------------------
Key = tuple[str, str]


def _key(entry: Mapping[str, Any]) -> Key:
    return entry["AttributeName"], entry["AttributeValue"]


def _requested(entries: Iterable[Mapping[str, Any]], with_level: bool) -> dict[Key, Mapping[str, Any]]:
    out: dict[Key, Mapping[str, Any]] = {}
    for entry in entries:
        key = _key(entry)
        if key in out:
            raise InvalidParameterException(f"Proficiency {key[0]}={key[1]} is given more than once")
        if with_level and float(entry["Level"]) != int(entry["Level"]):
            raise InvalidParameterException(
                f"Proficiency {key[0]}={key[1]}: the level is 1, 2, 3, 4 or 5, not {entry['Level']}"
            )
        out[key] = entry
    return out


def proficiencies(user: Resource) -> list[dict[str, Any]]:
    """The user's proficiencies in association order, each with its sequence number (``Seq``)."""
    return list(user.attrs.get(PROFICIENCIES) or ())


def _check_value(instance: Container, name: str, value: str) -> None:
    attribute = predefined_attributes.find(instance, name)
    values = predefined_attributes.string_values(attribute.attrs.get("Values")) or []
    if value not in values:
        raise InvalidParameterException(f"{value!r} is not a value of predefined attribute {name}")


def _proficiency_changes(entries: list[dict[str, Any]], seq: int, caller: Caller) -> dict[str, Any]:
    return {
        PROFICIENCIES: entries or None,
        NEXT_SEQ: seq,
        PROFICIENCY_ATTRIBUTES: list(dict.fromkeys(e["AttributeName"] for e in entries)) or None,
        PROFICIENCIES_MODIFIED: (now(), caller.region),
    }


def associate_proficiencies(user: Resource, entries: list[dict[str, Any]], caller: Caller) -> dict[str, Any]:
    """The changes that add proficiencies: each a value of an existing attribute, not yet associated."""
    current = proficiencies(user)
    present = {_key(p) for p in current}
    seq = user.attrs.get(NEXT_SEQ, 1)
    for key, entry in _requested(entries, with_level=True).items():
        if key in present:
            raise InvalidRequestException(
                f"Proficiency {key[0]}={key[1]} is already associated with the user; "
                "change its level with UpdateUserProficiencies"
            )
        _check_value(user.parent, *key)
        current.append({"AttributeName": key[0], "AttributeValue": key[1], "Level": float(entry["Level"]), "Seq": seq})
        seq += 1
    if len(current) > PROFICIENCIES_PER_USER:
        raise InvalidRequestException(
            f"A user has at most {PROFICIENCIES_PER_USER} proficiencies; this request would give it {len(current)}"
        )
    return _proficiency_changes(current, seq, caller)


def _associated(user: Resource, requested: Mapping[Key, Any]) -> None:
    present = {_key(p) for p in proficiencies(user)}
    missing = [k for k in requested if k not in present]
    if missing:
        name, value = missing[0]
        raise InvalidRequestException(f"Proficiency {name}={value} is not associated with the user")


def update_proficiencies(user: Resource, entries: list[dict[str, Any]], caller: Caller) -> dict[str, Any]:
    """The changes that set the level of associated proficiencies."""
    requested = _requested(entries, with_level=True)
    _associated(user, requested)
    current = [
        {**p, "Level": float(requested[_key(p)]["Level"])} if _key(p) in requested else p for p in proficiencies(user)
    ]
    return _proficiency_changes(current, user.attrs.get(NEXT_SEQ, 1), caller)


def disassociate_proficiencies(user: Resource, entries: list[dict[str, Any]], caller: Caller) -> dict[str, Any]:
    """The changes that remove associated proficiencies."""
    requested = _requested(entries, with_level=False)
    _associated(user, requested)
    current = [p for p in proficiencies(user) if _key(p) not in requested]
    return _proficiency_changes(current, user.attrs.get(NEXT_SEQ, 1), caller)


def proficiencies_using(
    resources: Resources, instance: Container, attribute: str, values: Iterable[str]
) -> list[tuple[str, str]]:
    """(user ID, value) for every proficiency of the instance's users that uses one of ``values`` of ``attribute``."""
    wanted = frozenset(values)
    if not wanted or not instance.has_children(KIND):
        return []
    return [
        (user.id, p["AttributeValue"])
        for user in resources.all(USER, instance)
        for p in proficiencies(user)
        if p["AttributeName"] == attribute and p["AttributeValue"] in wanted
    ]


def public_proficiency(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {k: entry[k] for k in ("AttributeName", "AttributeValue", "Level")}


# -- the declaration -------------------------------------------------------------------
def _check(resources: Resources, current: Resource | None, instance: Any, attrs: dict[str, Any]) -> None:
    identity_type = instance.identity_management_type
    # each profile once, however it was named (ID or ARN)
    attrs["SecurityProfileIds"] = list(dict.fromkeys(attrs["SecurityProfileIds"]))
    if current is None:
        check_username(identity_type, attrs["Username"])
    check_identity(identity_type, attrs)
    check_channel_configs(attrs)


USER = ResourceType(
    kind=KIND,
    arn_path="instance/{root}/agent/{id}",
    name_member="Username",
    unique_name=True,
    duplicate_message="A user with the username {name} already exists in the instance",
    refs=(
        Ref("SecurityProfileIds", "security-profile", many=True),
        Ref("RoutingProfileId", "routing-profile"),
        Ref("HierarchyGroupId", "hierarchy-group"),
        Ref(PROFICIENCY_ATTRIBUTES, predefined_attributes.PREDEFINED_ATTRIBUTE.kind, many=True),
    ),
    computed={"PhoneConfig": phone_config},
    check=_check,
)

#: what a CreateUser request gives that is an attribute of the user (the password is not kept)
CREATE_MEMBERS = ("Username", "IdentityInfo", "DirectoryUserId", "SecurityProfileIds", "RoutingProfileId")


def new_user_attrs(identity_type: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """A new user's attributes from a CreateUser request (the password checked, then dropped)."""
    check_password(identity_type, params.get("Password"))
    attrs = {k: params[k] for k in CREATE_MEMBERS if params.get(k) is not None}
    if params.get("HierarchyGroupId"):
        attrs["HierarchyGroupId"] = params["HierarchyGroupId"]
    attrs.update(initial_channel_configs(params))
    return attrs


def create_user(
    resources: Resources, instance: Any, params: Mapping[str, Any], caller: Caller, tags: dict[str, str] | None
) -> Resource:
    """A new user and its agent queue (both or neither)."""
    attrs = new_user_attrs(instance.identity_management_type, params)
    user = resources.create(USER, instance, attrs, caller, tags)
    try:
        resources.create(QUEUE, instance, {"QueueType": AGENT}, caller, resource_id=user.id)
    except Exception:
        resources.delete(user)
        raise
    return user


def delete_user(resources: Resources, user: Resource) -> None:
    """The user and its agent queue (refused, with nothing changed, while something names the queue)."""
    queue = resources.find(QUEUE, user.parent, user.id)
    if queue is not None:
        names = resources.referrers(queue)
        if names:
            raise InvalidRequestException(
                f"The agent queue of user {user.id} is named by {sorted(names)[0]}; remove that reference first"
            )
    resources.delete(user)
    if queue is not None:
        resources.delete(queue)


def set_status(user: Resource, status: Resource) -> None:
    """PutUserStatus: the user's current status, from now (not a change to the user's configuration)."""
    if status.attrs.get("State") == "DISABLED":
        raise InvalidRequestException(f"Agent status {status.id} is disabled")
    user.attrs[STATUS] = {"AgentStatusId": status.id, "StartTimestamp": now()}


# -- search ----------------------------------------------------------------------------
Predicate = Callable[[Resource], bool]


def _info(member: str) -> Callable[[Resource], Any]:
    return lambda u: (u.attrs.get("IdentityInfo") or {}).get(member)


#: the ``StringCondition`` fields SearchUsers documents ("Username, FirstName, LastName,
#: RoutingProfileId, SecurityProfileId, resourceId"); names match whatever their case
FIELDS: dict[str, Callable[[Resource], Any]] = {
    "Username": lambda u: u.attrs.get("Username"),
    "FirstName": _info("FirstName"),
    "LastName": _info("LastName"),
    "RoutingProfileId": lambda u: u.attrs.get("RoutingProfileId"),
    # a list: the condition holds when it holds for one of the user's profiles (see lift_string_conditions)
    "SecurityProfileId": lambda u: None,
    "resourceId": lambda u: u.id,
}
#: fields holding several values, and the leaf member their conditions are moved to
LIST_FIELDS: dict[str, Callable[[Resource], Iterable[str]]] = {
    "securityprofileid": lambda u: u.attrs.get("SecurityProfileIds") or (),
}
_LIST_CONDITION = "ListFieldStringCondition"


def number_matcher(condition: Mapping[str, Any], path: str = "numberCondition") -> Callable[[float], bool]:
    """A test of a proficiency level for a ``NumberCondition`` on the field ``limit``.

    ``EQUAL`` and ``NOT_EQUAL`` compare with ``MinValue`` (or ``MaxValue`` when only it
    is given); ``RANGE`` includes both bounds."""
    field = condition.get("FieldName")
    if field is None or field.lower() != "limit":
        raise ValidationError(f"{path}.fieldName: {field!r} is not supported; the supported field is limit")
    kind = condition.get("ComparisonType")
    if kind not in NUMBER_COMPARISONS:
        raise ValidationError(f"{path}.comparisonType is required")
    low: Any = condition.get("MinValue")
    high: Any = condition.get("MaxValue")
    if kind in ("EQUAL", "NOT_EQUAL") and low is None:
        low = high
    needed, test = NUMBER_COMPARISONS[kind]
    bounds = {"MinValue": low, "MaxValue": high}
    missing = [n for n in needed if bounds[n] is None]
    if missing:
        raise ValidationError(f"{path}: {' and '.join(missing)} required for comparison {kind}")
    if kind == "RANGE" and low > high:
        raise ValidationError(f"{path}: MinValue {low} is above MaxValue {high}")
    return lambda level: test(level, low, high)


_PROFICIENCY_FIELDS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "name": lambda p: p["AttributeName"],
    "value": lambda p: p["AttributeValue"],
}


def proficiency_matcher(condition: Mapping[str, Any], path: str = "searchCriteria.listCondition") -> Predicate:
    """A ``ListCondition`` over proficiencies: one of the user's proficiencies meets every condition."""
    if condition.get("TargetListType") != "PROFICIENCIES":
        raise ValidationError(f"{path}.targetListType: PROFICIENCIES is required")
    tests: list[Callable[[Mapping[str, Any]], bool]] = []
    for index, part in enumerate(condition.get("Conditions") or (), start=1):
        where = f"{path}.conditions.{index}"
        if part.get("StringCondition") is None and part.get("NumberCondition") is None:
            raise ValidationError(f"{where}: a StringCondition or a NumberCondition is required")
        if part.get("StringCondition") is not None:
            tests.append(string_matcher(part["StringCondition"], _PROFICIENCY_FIELDS, f"{where}.stringCondition"))
        if part.get("NumberCondition") is not None:
            level = number_matcher(part["NumberCondition"], f"{where}.numberCondition")
            tests.append(lambda p, level=level: level(p["Level"]))  # type: ignore[misc]
    return lambda u: any(all(t(p) for t in tests) for p in u.attrs.get(PROFICIENCIES) or ())


class _Groups:
    """Hierarchy group conditions of one request, over the instance's groups (computed once each)."""

    def __init__(self, resources: Resources, instance: Container) -> None:
        self.resources = resources
        self.instance = instance
        self._subtrees: dict[str, frozenset[str]] = {}

    def subtree(self, group_id: str) -> frozenset[str]:
        """The group and every group below it."""
        found = self._subtrees.get(group_id)
        if found is None:
            found = frozenset(
                g.id
                for g in self.resources.all(HIERARCHY_GROUP, self.instance)
                if any(p.id == group_id for p in path_of(self.resources, g))
            )
            self._subtrees[group_id] = found
        return found

    def matcher(self, condition: Mapping[str, Any], path: str) -> Predicate:
        value = condition.get("Value")
        if not value:
            raise ValidationError(f"{path}.value is required in a HierarchyGroupCondition")
        group_id = ident(value)
        kind = condition.get("HierarchyGroupMatchType") or "EXACT"
        if kind == "EXACT":
            return lambda u: u.attrs.get("HierarchyGroupId") == group_id
        members = self.subtree(group_id)
        return lambda u: u.attrs.get("HierarchyGroupId") in members


def _list_field_matcher(condition: Mapping[str, Any]) -> Predicate:
    read = LIST_FIELDS[condition["FieldName"].lower()]
    test = string_matcher(condition, {condition["FieldName"]: lambda value: value})
    return lambda u: any(test(v) for v in read(u))


def _attribute_filter(
    attribute_filter: Mapping[str, Any], groups: _Groups, tags_of: Callable[[Resource], Mapping[str, str]]
) -> Predicate:
    """A ``ControlPlaneUserAttributeFilter``: tag and hierarchy group conditions, OR of ANDs."""
    path = "searchFilter.userAttributeFilter"
    given = [
        m
        for m in ("OrConditions", "AndCondition", "TagCondition", "HierarchyGroupCondition")
        if attribute_filter.get(m)
    ]
    if len(given) > 1:
        raise ValidationError(f"{path}: only one of {' and '.join(given)} can be given")
    groups_of_and = [
        *(attribute_filter.get("OrConditions") or ()),
        *filter(None, [attribute_filter.get("AndCondition")]),
    ]
    tag_count = sum(len(g.get("TagConditions") or ()) for g in groups_of_and) + bool(
        attribute_filter.get("TagCondition")
    )
    group_count = sum(1 for g in groups_of_and if g.get("HierarchyGroupCondition")) + bool(
        attribute_filter.get("HierarchyGroupCondition")
    )
    if tag_count > FILTER_TAG_CONDITIONS:
        raise ValidationError(f"{path}: at most {FILTER_TAG_CONDITIONS} tag conditions, not {tag_count}")
    if group_count > FILTER_HIERARCHY_CONDITIONS:
        raise ValidationError(
            f"{path}: at most {FILTER_HIERARCHY_CONDITIONS} hierarchy group conditions, not {group_count}"
        )

    def and_matcher(condition: Mapping[str, Any], where: str) -> Predicate:
        parts: list[Predicate] = []
        if condition.get("TagConditions"):
            tags_match = tag_matcher({"AndConditions": condition["TagConditions"]}, where)
            parts.append(lambda u: tags_match(tags_of(u)))
        if condition.get("HierarchyGroupCondition"):
            parts.append(groups.matcher(condition["HierarchyGroupCondition"], f"{where}.hierarchyGroupCondition"))
        return lambda u: all(p(u) for p in parts)

    if attribute_filter.get("OrConditions"):
        ors = [and_matcher(c, f"{path}.orConditions") for c in attribute_filter["OrConditions"]]
        return lambda u: any(m(u) for m in ors)
    if attribute_filter.get("AndCondition"):
        return and_matcher(attribute_filter["AndCondition"], f"{path}.andCondition")
    if attribute_filter.get("TagCondition"):
        single = tag_matcher({"TagCondition": attribute_filter["TagCondition"]}, path)
        return lambda u: single(tags_of(u))
    if attribute_filter.get("HierarchyGroupCondition"):
        return groups.matcher(attribute_filter["HierarchyGroupCondition"], f"{path}.hierarchyGroupCondition")
    return lambda u: True


def search_predicate(
    resources: Resources,
    instance: Container,
    criteria: Mapping[str, Any] | None,
    search_filter: Mapping[str, Any] | None,
) -> Predicate:
    """SearchUsers' filter: its ``SearchCriteria`` and its ``SearchFilter``, built once per request.

    A filter with both ``TagFilter`` and ``UserAttributeFilter`` is ``AccessDeniedException``
    (UserSearchFilter: "combination of both is not supported and such request will throw
    AccessDeniedException")."""
    groups = _Groups(resources, instance)
    conditions = {
        _LIST_CONDITION: _list_field_matcher,
        "ListCondition": proficiency_matcher,
        "HierarchyGroupCondition": lambda c: groups.matcher(c, "searchCriteria.hierarchyGroupCondition"),
    }
    matches = criteria_matcher(
        lift_string_conditions(criteria, {k: k for k in LIST_FIELDS}, _LIST_CONDITION), FIELDS, conditions
    )
    search_filter = search_filter or {}
    tag_filter, attribute_filter = search_filter.get("TagFilter"), search_filter.get("UserAttributeFilter")
    if tag_filter and attribute_filter:
        raise AccessDeniedException("SearchFilter takes TagFilter or UserAttributeFilter, not both")
    tags = resources.tags

    def tags_of(user: Resource) -> Mapping[str, str]:
        return tags.get(user.arn)

    if tag_filter:
        tags_match = tag_matcher(tag_filter)
        return lambda u: matches(u) and tags_match(tags_of(u))
    if attribute_filter:
        attributes_match = _attribute_filter(attribute_filter, groups, tags_of)
        return lambda u: matches(u) and attributes_match(u)
    return matches
