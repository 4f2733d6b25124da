"""Profiles: create, update, delete, keys, search, batch get, merge, attribute values, history.

Every change of a profile goes through ``profiles.py`` (which keeps the domain's key index
right); this module holds the rules of the operations on top of it:

* UpdateProfile: a member given as ``""`` is removed, one not given is kept; ``Attributes``
  merge key by key (``""`` deletes a key) and each address merges field by field.
* AddProfileKey / DeleteProfileKey change the profile's own keys; the keys derived from its
  standard attributes (``_email``, ``_phone``, ``_account``, ``_fullName``, ``_profileId``)
  change with the attributes, through UpdateProfile.
* SearchProfiles: ``KeyName``/``Values`` and up to four ``AdditionalSearchKeys``; the values of
  one key are alternatives, the keys are combined by ``LogicalOperator`` (``OR`` by default,
  as the API Reference says); each profile found carries ``FoundByItems``, the keys and values
  it matched.  A key no profile has finds nothing.
* MergeProfiles: the profiles to be merged give their keys and objects to the main profile
  and are deleted; fields are a union, the main profile winning conflicts unless
  ``FieldSourceProfileIds`` names the profile a field (or an attribute) comes from.
* History: every change of a profile is recorded (``record_history``), kept in the domain
  after the profile is gone (a deleted or merged profile keeps its history).

``record_history(domain, profile_id, action, object_type, content, caller)`` is the entry point
other families (profile objects) call to record their changes of a profile.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.pagination import Store
from ..core.resources import Resource, Resources, render
from . import profiles
from .exceptions import BadRequestException, ResourceNotFoundException
from .profiles import ADDRESS_FIELDS, ADDRESS_MEMBERS, PROFILE, STRING_MEMBERS

#: the ObjectTypeName of a history record of the profile itself (not of one of its objects)
PROFILE_OBJECT_TYPE = "_profile"
#: the history record's action types (the model's ActionType)
ACTIONS = frozenset(
    {
        "ADDED_PROFILE_KEY",
        "DELETED_PROFILE_KEY",
        "CREATED",
        "UPDATED",
        "INGESTED",
        "DELETED_BY_CUSTOMER",
        "EXPIRED",
        "MERGED",
        "DELETED_BY_MERGE",
    }
)
#: profile objects, served by another family (children of the domain, each with a ``ProfileId``)
PROFILE_OBJECT_KIND = "profile-object"

ADDRESSES = ADDRESS_MEMBERS
#: the standard profile's members that hold one string
STRINGS = STRING_MEMBERS
#: every member a profile keeps (the request members of CreateProfile but the domain)
MEMBERS = (*STRINGS, *ADDRESSES, "Attributes", "EngagementPreferences")
_PHONE_TYPES = frozenset({"PhoneNumber", "MobilePhoneNumber", "HomePhoneNumber", "BusinessPhoneNumber"})
_EMAIL_TYPES = frozenset({"EmailAddress", "PersonalEmailAddress", "BusinessEmailAddress"})
#: search keys: at most five (KeyName and four AdditionalSearchKeys)
MAX_SEARCH_KEYS = 5


def caller_arn(caller: Caller) -> str:
    """The principal a request is made by (moto's default identity)."""
    return f"arn:{caller.partition}:sts::{caller.account_id}:user/moto"


# -- history ---------------------------------------------------------------------------
@dataclass
class HistoryRecord:
    id: str
    profile_id: str
    action: str
    object_type: str
    content: str
    performed_by: str | None
    unique_key: str | None = None
    created_at: datetime = field(default_factory=now)
    last_updated_at: datetime | None = None

    def summary(self) -> dict[str, Any]:
        """The record as a ``ProfileHistoryRecord`` (a list's item)."""
        out: dict[str, Any] = {
            "Id": self.id,
            "ObjectTypeName": self.object_type,
            "CreatedAt": self.created_at,
            "LastUpdatedAt": self.last_updated_at or self.created_at,
            "ActionType": self.action,
            "ProfileObjectUniqueKey": self.unique_key,
            "PerformedBy": self.performed_by,
        }
        return {k: v for k, v in out.items() if v is not None}

    def detail(self) -> dict[str, Any]:
        """The record as GetProfileHistoryRecord answers it (with its content)."""
        return {**self.summary(), "Content": self.content}


def _histories(domain: Resource) -> dict[str, Store[HistoryRecord]]:
    found: dict[str, Store[HistoryRecord]] = domain.__dict__.setdefault("_profile_history", {})
    return found


def record_history(
    domain: Resource,
    profile_id: str,
    action: str,
    object_type: str,
    content: Any,
    caller: Caller | str | None,
    unique_key: str | None = None,
) -> HistoryRecord:
    """Record a change of a profile: ``action`` one of ``ACTIONS``, ``object_type`` the object
    type's name (``PROFILE_OBJECT_TYPE`` for the profile itself), ``content`` a JSON string or
    something JSON can encode, ``caller`` the request's Caller (or the principal's ARN),
    ``unique_key`` the profile object's ProfileObjectUniqueKey where an object changed."""
    if action not in ACTIONS:
        raise ValueError(f"unknown history action {action!r}")
    text = content if isinstance(content, str) else json.dumps(content, sort_keys=True, default=str)
    performed_by = caller_arn(caller) if isinstance(caller, Caller) else caller
    record = HistoryRecord(uuid.uuid4().hex, profile_id, action, object_type, text, performed_by, unique_key)
    _histories(domain).setdefault(profile_id, Store()).add(record.id, record)
    return record


def _history_of(domain: Resource, profile_id: str) -> Store[HistoryRecord]:
    store = _histories(domain).get(profile_id)
    if store is None:
        if domain.children(PROFILE.kind).get(profile_id) is None:
            raise ResourceNotFoundException(f"Profile {profile_id} does not exist")
        store = _histories(domain).setdefault(profile_id, Store())
    return store


def history_record(domain: Resource, profile_id: str, record_id: str) -> HistoryRecord:
    record = _history_of(domain, profile_id).get(record_id)
    if record is None:
        raise ResourceNotFoundException(f"History record {record_id} of profile {profile_id} does not exist")
    return record


def history_page(
    domain: Resource,
    profile_id: str,
    filters: dict[str, str | None],
    next_token: str | None,
    max_results: int,
) -> tuple[list[HistoryRecord], str | None]:
    """The profile's records, oldest first, with the filters given (ObjectTypeName, ActionType,
    PerformedBy)."""
    store = _history_of(domain, profile_id)
    wanted = {k: v for k, v in filters.items() if v is not None}

    def keep(record: HistoryRecord) -> bool:
        seen = {"ObjectTypeName": record.object_type, "ActionType": record.action, "PerformedBy": record.performed_by}
        return all(seen[k] == v for k, v in wanted.items())

    return store.page(next_token, max_results, keep if wanted else None)


def _snapshot(resources: Resources, profile: Resource) -> dict[str, Any]:
    return render(profile, "Profile", resources.tags)


# -- checks ----------------------------------------------------------------------------
def get(resources: Resources, domain: Resource, profile_id: str) -> Resource:
    return resources.get(PROFILE, domain, profile_id)


def _check_preferences(resources: Resources, domain: Resource, preferences: dict[str, Any] | None) -> None:
    if not preferences:
        return
    for member, allowed in (("Phone", _PHONE_TYPES), ("Email", _EMAIL_TYPES)):
        for i, preference in enumerate(preferences.get(member) or []):
            where = f"EngagementPreferences.{member}[{i}]"
            contact_type = preference.get("ContactType")
            if contact_type is not None and contact_type not in allowed:
                raise BadRequestException(f"{where}.ContactType {contact_type} is not a {member.lower()} contact type")
            if ("KeyName" in preference) != ("KeyValue" in preference):
                raise BadRequestException(f"{where} needs both KeyName and KeyValue, or neither")
            other = preference.get("ProfileId")
            if other is not None and resources.find(PROFILE, domain, other) is None:
                raise BadRequestException(f"{where}.ProfileId {other} is not a profile of the domain")


def _values(values: Iterable[str] | None, what: str) -> list[str]:
    found = list(dict.fromkeys(values or []))
    if not found:
        raise BadRequestException(f"{what} must list at least one value")
    return found


# -- create, update, delete ----------------------------------------------------------------
def create(resources: Resources, domain: Resource, caller: Caller, params: dict[str, Any]) -> Resource:
    attrs = {m: params[m] for m in MEMBERS if params.get(m) not in (None, {})}
    _check_preferences(resources, domain, attrs.get("EngagementPreferences"))
    profile = profiles.create(resources, domain, caller, attrs)
    record_history(domain, profile.id, "CREATED", PROFILE_OBJECT_TYPE, _snapshot(resources, profile), caller)
    return profile


def _merged_map(current: dict[str, str] | None, changes: dict[str, str]) -> dict[str, str] | None:
    merged = dict(current or {})
    for key, value in changes.items():
        if value == "":
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged or None


def update(resources: Resources, domain: Resource, caller: Caller, params: dict[str, Any]) -> Resource:
    """UpdateProfile: "" removes a member, an absent member is kept; maps merge."""
    profile = get(resources, domain, params["ProfileId"])
    changes: dict[str, Any] = {}
    for member in STRINGS:
        if member in params:
            changes[member] = params[member] or None
    for member in ADDRESSES:
        if member in params:
            changes[member] = _merged_map(profile.attrs.get(member), params[member])
    if "Attributes" in params:
        changes["Attributes"] = _merged_map(profile.attrs.get("Attributes"), params["Attributes"])
    if "EngagementPreferences" in params:
        preferences = params["EngagementPreferences"]
        _check_preferences(resources, domain, preferences)
        changes["EngagementPreferences"] = preferences if any(preferences.values()) else None
    changes = {k: v for k, v in changes.items() if v != profile.attrs.get(k)}
    if changes:
        profiles.update(resources, domain, profile, changes, caller)
        record_history(domain, profile.id, "UPDATED", PROFILE_OBJECT_TYPE, _snapshot(resources, profile), caller)
    return profile


def delete(resources: Resources, domain: Resource, caller: Caller, profile_id: str) -> None:
    profile = get(resources, domain, profile_id)
    content = _snapshot(resources, profile)
    profiles.delete(resources, domain, profile)
    record_history(domain, profile_id, "DELETED_BY_CUSTOMER", PROFILE_OBJECT_TYPE, content, caller)


# -- keys ------------------------------------------------------------------------------
def add_key(
    resources: Resources, domain: Resource, caller: Caller, profile_id: str, key: str, values: list[str]
) -> list[str]:
    profile = get(resources, domain, profile_id)
    values = _values(values, "Values")
    if key == "_profileId":
        raise BadRequestException("The key _profileId is the profile's ID: it cannot be added to a profile")
    profiles.add_keys(domain, profile, key, values)
    resources.touch(profile, caller)
    record_history(
        domain, profile.id, "ADDED_PROFILE_KEY", PROFILE_OBJECT_TYPE, {"KeyName": key, "Values": values}, caller
    )
    return values


def delete_key(
    resources: Resources, domain: Resource, caller: Caller, profile_id: str, key: str, values: list[str]
) -> None:
    profile = get(resources, domain, profile_id)
    values = _values(values, "Values")
    own = (profile.attrs.get(profiles.KEYS) or {}).get(key, set())
    derived = profiles.keys_of(profile).get(key, set())  # own values were let through above
    for value in values:
        if value in own:
            continue
        if value in derived:
            raise BadRequestException(
                f"The value of key {key} comes from the profile's standard attributes: change them with UpdateProfile"
            )
        raise ResourceNotFoundException(f"Profile {profile_id} has no key {key} with the value {value}")
    profiles.remove_keys(domain, profile, key, values)
    resources.touch(profile, caller)
    record_history(
        domain, profile.id, "DELETED_PROFILE_KEY", PROFILE_OBJECT_TYPE, {"KeyName": key, "Values": values}, caller
    )


# -- search ------------------------------------------------------------------------------
def search_criteria(params: dict[str, Any]) -> list[tuple[str, list[str]]]:
    criteria = [(params["KeyName"], _values(params.get("Values"), "Values"))]
    for i, extra in enumerate(params.get("AdditionalSearchKeys") or []):
        criteria.append((extra["KeyName"], _values(extra.get("Values"), f"AdditionalSearchKeys[{i}].Values")))
    if len(criteria) > MAX_SEARCH_KEYS:
        raise BadRequestException(f"A search takes at most {MAX_SEARCH_KEYS} search keys")
    return criteria


def search(domain: Resource, criteria: list[tuple[str, list[str]]], operator: str) -> dict[str, list[dict[str, Any]]]:
    """Profile ID -> FoundByItems (the keys and values it was found by), for the profiles the
    criteria find: each key's values are alternatives; keys are combined by ``operator``."""
    found_by: dict[str, list[dict[str, Any]]] = {}
    per_key: list[set[str]] = []
    for key, values in criteria:
        ids: set[str] = set()
        for value in values:
            for profile in profiles.find(domain, key, value):
                ids.add(profile.id)
                items = found_by.setdefault(profile.id, [])
                item = next((i for i in items if i["KeyName"] == key), None)
                if item is None:
                    items.append({"KeyName": key, "Values": [value]})
                elif value not in item["Values"]:
                    item["Values"].append(value)
        per_key.append(ids)
    matched = set.intersection(*per_key) if operator == "AND" else set.union(*per_key)
    return {pid: items for pid, items in found_by.items() if pid in matched}


# -- merge -----------------------------------------------------------------------------
def merge(
    resources: Resources,
    domain: Resource,
    caller: Caller,
    main_id: str,
    merged_ids: list[str],
    sources: dict[str, Any] | None,
) -> None:
    main = get(resources, domain, main_id)
    ids = list(dict.fromkeys(merged_ids))
    if main_id in ids:
        raise BadRequestException(f"ProfileIdsToBeMerged names the main profile {main_id}")
    others = [get(resources, domain, i) for i in ids]
    by_id = {p.id: p for p in [main, *others]}
    sources = sources or {}
    attribute_sources = sources.get("Attributes") or {}
    for member, source in [*((m, s) for m, s in sources.items() if m != "Attributes"), *attribute_sources.items()]:
        if source not in by_id:
            raise BadRequestException(
                f"FieldSourceProfileIds.{member} names {source}, neither the main profile nor one to be merged"
            )

    # fields: a union; conflicts go to the main profile unless a source is named
    changes: dict[str, Any] = {}
    ordered = [main, *others]
    for member in (*STRINGS, *ADDRESSES, "EngagementPreferences"):
        source = sources.get(member)
        if source is not None:
            value = by_id[source].attrs.get(member)
        else:
            value = next((p.attrs[member] for p in ordered if p.attrs.get(member) is not None), None)
        if value != main.attrs.get(member):
            changes[member] = value
    attributes: dict[str, str] = {}
    for profile in reversed(ordered):
        attributes.update(profile.attrs.get("Attributes") or {})
    for key, source in attribute_sources.items():
        value = (by_id[source].attrs.get("Attributes") or {}).get(key)
        if value is None:
            attributes.pop(key, None)
        else:
            attributes[key] = value
    if attributes != (main.attrs.get("Attributes") or {}):
        changes["Attributes"] = attributes or None

    # keys: every key of the merged profiles but their IDs goes to the main profile
    moved: dict[str, set[str]] = {}
    for profile in others:
        for key, values in profiles.keys_of(profile).items():
            if key != "_profileId":
                moved.setdefault(key, set()).update(values)

    merged_contents = {p.id: _snapshot(resources, p) for p in others}
    if changes:
        profiles.update(resources, domain, main, changes, caller)
    for key, values in moved.items():
        profiles.add_keys(domain, main, key, values)
    resources.touch(main, caller)

    # objects: re-pointed to the main profile
    gone = set(ids)
    for obj in list(domain.children(PROFILE_OBJECT_KIND).values()):
        if obj.attrs.get("ProfileId") in gone:
            resources.update(obj, {"ProfileId": main.id}, caller)

    for profile in others:
        profiles.delete(resources, domain, profile)
        record_history(
            domain,
            profile.id,
            "DELETED_BY_MERGE",
            PROFILE_OBJECT_TYPE,
            {"MainProfileId": main.id, "Profile": merged_contents[profile.id]},
            caller,
        )
    record_history(
        domain,
        main.id,
        "MERGED",
        PROFILE_OBJECT_TYPE,
        {"MergedProfileIds": ids, "Profile": _snapshot(resources, main)},
        caller,
    )


# -- attribute values --------------------------------------------------------------------
def _attribute_reader(name: str) -> Any:
    """How to read the attribute ``name`` names from a profile's attributes, or None."""
    if name in STRINGS:
        return lambda attrs: attrs.get(name)
    head, dot, tail = name.partition(".")
    if dot and head in ADDRESSES and tail in ADDRESS_FIELDS:
        return lambda attrs: (attrs.get(head) or {}).get(tail)
    if dot and head == "Attributes" and tail:
        return lambda attrs: (attrs.get("Attributes") or {}).get(tail)
    return None


def attribute_values(resources: Resources, domain: Resource, name: str) -> list[str]:
    """The distinct values of an attribute across the domain's profiles, sorted."""
    read = _attribute_reader(name)
    if read is None:
        raise BadRequestException(
            f"AttributeName {name} is not a profile attribute: use a standard attribute (FirstName...), "
            f"an address field (Address.City...) or a custom attribute (Attributes.<key>)"
        )
    values = {read(p.attrs) for p in resources.all(PROFILE, domain)}
    return sorted(str(v) for v in values if v)
