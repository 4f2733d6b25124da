"""Profiles, declared on the resource layer, and the index of their search keys.

A profile lives in its domain (``domains/<domain>/profiles/<profile id>``; IDs are 32 hex
characters, as AWS's are).  Every profile is found by its keys: the predefined keys AWS
derives from the standard attributes (``_profileId``, ``_email``, ``_phone``, ``_fullName``,
``_account``), and the keys that AddProfileKey or an object type's key fields give it
(kept in ``attrs["_Keys"]``).  The domain keeps one index, key name -> value -> profile IDs,
so a lookup by key is a dictionary access.  This module is the one place that makes, changes,
indexes and deletes profiles: CreateProfile, PutProfileObject, MergeProfiles... all call it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.caller import Caller
from ..core.model import service_model
from ..core.resources import Resource, Resources
from .declarations import declare, hex_id

#: the predefined search keys AWS derives from a profile's standard attributes
DERIVED_KEYS: dict[str, tuple[str, ...]] = {
    "_email": ("EmailAddress", "PersonalEmailAddress", "BusinessEmailAddress"),
    "_phone": ("PhoneNumber", "MobilePhoneNumber", "HomePhoneNumber", "BusinessPhoneNumber"),
    "_account": ("AccountNumber",),
}
#: the attribute holding a profile's own keys (AddProfileKey, object types' key fields)
KEYS = "_Keys"
_PROFILE_SHAPE = service_model("customer-profiles").shape_for("Profile")
#: the standard profile's members that hold one string (the botocore model's ``Profile``)
STRING_MEMBERS: tuple[str, ...] = tuple(
    name for name, member in _PROFILE_SHAPE.members.items() if member.type_name == "string" and name != "ProfileId"
)
#: the standard profile's string members that hold one of an enum's values (Gender, PartyType...)
ENUM_MEMBERS: dict[str, frozenset[str]] = {
    name: frozenset(member.enum) for name, member in _PROFILE_SHAPE.members.items() if getattr(member, "enum", None)
}
#: its addresses (``Address``, ``ShippingAddress``...) and the fields of an address
ADDRESS_MEMBERS: tuple[str, ...] = tuple(n for n, m in _PROFILE_SHAPE.members.items() if m.name == "Address")
ADDRESS_FIELDS: tuple[str, ...] = tuple(service_model("customer-profiles").shape_for("Address").members)

PROFILE = declare(
    "profile",
    "Profile",
    "domains/{root}/profiles/{id}",
    "ProfileId",
    new_id=hex_id,
)


def full_name(attrs: dict[str, Any]) -> str | None:
    parts = [attrs.get(m) for m in ("FirstName", "MiddleName", "LastName")]
    name = " ".join(p for p in parts if p)
    return name or None


def keys_of(profile: Resource) -> dict[str, set[str]]:
    """Every key the profile is found by: derived from its attributes, and its own."""
    attrs = profile.attrs
    found: dict[str, set[str]] = {"_profileId": {profile.id}}
    for key, members in DERIVED_KEYS.items():
        values = {attrs[m] for m in members if attrs.get(m)}
        if values:
            found[key] = values
    name = full_name(attrs)
    if name:
        found["_fullName"] = {name}
    for key, values in (attrs.get(KEYS) or {}).items():
        found.setdefault(key, set()).update(values)
    return found


def _index(domain: Resource) -> dict[str, dict[str, set[str]]]:
    index: dict[str, dict[str, set[str]]] = domain.__dict__.setdefault("_profile_keys", {})
    return index


def _unindex(domain: Resource, profile: Resource) -> None:
    index = _index(domain)
    for key, values in profile.__dict__.pop("_indexed", {}).items():
        for value in values:
            holders = index.get(key, {}).get(value)
            if holders is not None:
                holders.discard(profile.id)
                if not holders:
                    del index[key][value]


def reindex(domain: Resource, profile: Resource) -> None:
    """The domain's index, brought up to date with the profile's keys now."""
    _unindex(domain, profile)
    keys = keys_of(profile)
    index = _index(domain)
    for key, values in keys.items():
        for value in values:
            index.setdefault(key, {}).setdefault(value, set()).add(profile.id)
    profile.__dict__["_indexed"] = keys


def find(domain: Resource, key: str, value: str) -> list[Resource]:
    """The profiles of the domain with this value of this key, oldest first."""
    ids = _index(domain).get(key, {}).get(value) or set()
    store = domain.children(PROFILE.kind)
    found = [store.get(i) for i in ids]
    return sorted((p for p in found if p is not None), key=lambda p: p.created_time)


def key_names(domain: Resource) -> Iterable[str]:
    return _index(domain).keys()


def create(resources: Resources, domain: Resource, caller: Caller, attrs: dict[str, Any]) -> Resource:
    profile = resources.create(PROFILE, domain, dict(attrs), caller)
    reindex(domain, profile)
    return profile


def update(resources: Resources, domain: Resource, profile: Resource, changes: dict[str, Any], caller: Caller) -> None:
    resources.update(profile, changes, caller)
    reindex(domain, profile)


def add_keys(domain: Resource, profile: Resource, key: str, values: Iterable[str]) -> None:
    own: dict[str, set[str]] = profile.attrs.setdefault(KEYS, {})
    own.setdefault(key, set()).update(values)
    reindex(domain, profile)


def remove_keys(domain: Resource, profile: Resource, key: str, values: Iterable[str]) -> None:
    own: dict[str, set[str]] = profile.attrs.setdefault(KEYS, {})
    remaining = own.get(key, set()) - set(values)
    if remaining:
        own[key] = remaining
    else:
        own.pop(key, None)
    reindex(domain, profile)


def delete(resources: Resources, domain: Resource, profile: Resource) -> None:
    """The profile, its keys and its profile objects."""
    _unindex(domain, profile)
    objects = domain.children("profile-object")
    for owned in [o for o in objects.values() if o.attrs.get("ProfileId") == profile.id]:
        resources.forget_tree(owned)
        resources.delete(owned)
    resources.forget_tree(profile)
    resources.delete(profile)
