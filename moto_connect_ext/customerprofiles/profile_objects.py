"""Profile objects: ingestion through the object type's fields and keys, listing, deletion, and
the attributes, values and statistics computed from the stored objects.

Ingesting an object (PutProfileObject) follows AWS's documented steps:

1. the object type is the domain's, or the template of that name (an implicit type);
2. every field's value is read from the object (``_source.<path>`` or a Handlebars template);
   a ``NUMBER`` field must hold a number; all the fields of the ``UNIQUE`` key are required;
3. the unique key names the object (``ProfileObjectUniqueKey``, a digest of the type and the
   key's value): the same value replaces the stored object;
4. the profile: the one the stored object belongs to, else the first ``PROFILE`` key (not
   ``SECONDARY``) whose value finds exactly one profile, else the same with the ``SECONDARY``
   keys (a value found on several profiles is ambiguous and skipped); with no match a new
   (inferred) profile is created when the type's ``AllowProfileCreation`` is true; otherwise the
   object is not stored and goes to the domain's dead-letter queue, if it has one;
5. the profile's fields targeted by the type are updated, except those set manually (through
   the profile APIs) since the last ingestion; an inferred profile also gets the object's
   ``EMAIL_ADDRESS`` and ``PHONE_NUMBER`` values as ``EmailAddress``/``PhoneNumber``;
6. the keys are added to the profile (not ``LOOKUP_ONLY`` ones; ``NEW_ONLY`` only to a profile
   this object created), and the object keeps all its keys for ``ListProfileObjects`` filters;
7. a profile holding more than the type's ``MaxProfileObjectCount`` objects of the type loses
   its oldest.

A profile holds at most ``OBJECTS_PER_PROFILE`` (1,000) objects (Customer Profiles quotas): an
object one more would take to a profile is refused, unless the type's maximum drops one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import statistics
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.resources import Resource
from . import profiles
from .declarations import declare
from .exceptions import BadRequestException, ResourceNotFoundException
from .models import CustomerProfilesBackend
from .object_types import OBJECT_TYPE, implicit_type
from .profile_operations import PROFILE_OBJECT_TYPE, record_history

#: what a profile remembers of the values objects wrote into it: dotted member -> value
INGESTED = "_Ingested"
#: profile objects per profile (Customer Profiles quotas)
OBJECTS_PER_PROFILE = 1000

PROFILE_OBJECT = declare(
    "profile-object",
    "Profile object",
    "domains/{root}/profile-objects/{id}",
    "ProfileObjectUniqueKey",
)

#: what an inferred profile takes from an object's fields of these content types
_INFERRED = {"EMAIL_ADDRESS": "EmailAddress", "PHONE_NUMBER": "PhoneNumber"}
_HANDLEBARS = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")


# -- reading an object -------------------------------------------------------------------
def _lookup(obj: dict[str, Any], accessor: str) -> Any:
    value: Any = obj
    for part in accessor.removeprefix("_source.").split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def _filled(value: Any) -> str:
    return "" if value is None else _text(value)


def field_values(object_type: Resource, obj: dict[str, Any]) -> dict[str, Any]:
    """Field name -> the value the object gives it (fields it gives no value are left out)."""
    found: dict[str, Any] = {}
    for name, field in (object_type.attrs.get("Fields") or {}).items():
        source = field["Source"]
        if "{{" in source:
            parts = [_lookup(obj, m) for m in _HANDLEBARS.findall(source)]
            if all(p is None or p == "" for p in parts):
                continue
            value: Any = _HANDLEBARS.sub(lambda m: _filled(_lookup(obj, m.group(1))), source).strip()
        else:
            value = _lookup(obj, source)
        if value is None or value == "" or isinstance(value, (dict, list)):
            continue
        if field.get("ContentType") == "NUMBER":
            try:
                float(value)
            except (TypeError, ValueError):
                raise BadRequestException(f"Field {name} is a NUMBER; the object gives {value!r}") from None
        found[name] = value
    return found


def key_values(object_type: Resource, values: dict[str, Any]) -> list[tuple[str, set[str], str]]:
    """(key name, identifiers, value) for every key definition whose fields all have values.

    The fields of a key made of several fields are joined with ``_``."""
    found = []
    for key_name, entries in (object_type.attrs.get("Keys") or {}).items():
        for entry in entries:
            names = entry.get("FieldNames") or []
            identifiers = set(entry.get("StandardIdentifiers") or [])
            if all(n in values for n in names):
                found.append((key_name, identifiers, "_".join(_text(values[n]) for n in names)))
            elif "UNIQUE" in identifiers:
                missing = [n for n in names if n not in values]
                raise BadRequestException(
                    f"The object has no value for {missing}, the fields of its UNIQUE key {key_name}"
                )
    return found


def unique_key(type_name: str, value: str) -> str:
    digest = hashlib.sha256(f"{type_name}\x00{value}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")


# -- the profile ---------------------------------------------------------------------------
def _match(domain: Resource, keys: list[tuple[str, set[str], str]]) -> Resource | None:
    for secondary in (False, True):
        for name, identifiers, value in keys:
            if "PROFILE" not in identifiers or ("SECONDARY" in identifiers) != secondary:
                continue
            found = profiles.find(domain, name, value)
            if len(found) == 1:
                return found[0]
    return None


def _targets(object_type: Resource, values: dict[str, Any]) -> dict[str, str]:
    """Dotted profile member (``FirstName``, ``Address.City``, ``Attributes.x``) -> value.

    A member the standard profile keeps as an enum (``Gender``, ``PartyType``, ``ProfileType``)
    takes only one of the enum's values: another value is not written (the profile cannot hold it)."""
    out = {}
    for name, field in (object_type.attrs.get("Fields") or {}).items():
        target = field.get("Target") or ""
        if target.startswith("_profile.") and name in values:
            member, value = target.removeprefix("_profile."), _text(values[name])
            allowed = profiles.ENUM_MEMBERS.get(member)
            if allowed is None or value in allowed:
                out[member] = value
    return out


def _current(profile: Resource, member: str) -> Any:
    head, _, rest = member.partition(".")
    value = profile.attrs.get(head)
    return (value or {}).get(rest) if rest else value


def _rank(domain: Any, type_name: str) -> float:
    """An object type's ``SourcePriority`` ("Lower values take priority"); a type without one, or
    one gone since, has the lowest priority."""
    object_type = domain.children(OBJECT_TYPE.kind).get(type_name)
    priority = object_type.attrs.get("SourcePriority") if object_type is not None else None
    return math.inf if priority is None else float(priority)


def _profile_changes(
    profile: Resource | None, targets: dict[str, str], object_type: Resource | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The changes to make (nested members merged) and the members written, skipping on an
    existing profile the members set manually since the last ingestion, and the members an object
    of a type with a higher source priority (a lower ``SourcePriority``) wrote."""
    ingested: dict[str, Any] = dict((profile.attrs.get(INGESTED) or {}) if profile else {})
    own = _rank(object_type.parent, object_type.id) if object_type is not None else math.inf
    changes: dict[str, Any] = {}
    written = {}
    for member, value in targets.items():
        if profile is not None:
            current = _current(profile, member)
            if current not in (None, "") and (member not in ingested or ingested[member]["Value"] != current):
                continue  # populated through the profile APIs: an ingestion does not overwrite it
            writer = ingested.get(member)
            if (
                current not in (None, "")
                and writer is not None
                and _rank(profile.parent, writer["ObjectTypeName"]) < own
            ):
                continue  # written by a type of a higher source priority
        head, _, rest = member.partition(".")
        if rest:
            base = changes.get(head) or dict((profile.attrs.get(head) or {}) if profile else {})
            base[rest] = value
            changes[head] = base
        else:
            changes[head] = value
        written[member] = value
    return changes, written


def _remember(profile: Resource, type_name: str, written: dict[str, str]) -> None:
    ingested = profile.attrs.setdefault(INGESTED, {})
    for member, value in written.items():
        ingested[member] = {"Value": value, "ObjectTypeName": type_name}


def _dead_letter(domain: Resource, type_name: str, text: str) -> None:
    """An object no profile takes goes to the domain's dead-letter queue (moto's SQS)."""
    url = domain.attrs.get("DeadLetterQueueUrl")
    if not url:
        return
    from moto.sqs.models import sqs_backends

    from .models import _SQS_URL

    match = _SQS_URL.match(url)
    if match is None:
        return
    try:
        backend = sqs_backends[match["account"]][match["region"]]
        body = json.dumps({"DomainName": domain.id, "ObjectTypeName": type_name, "Object": text})
        backend.send_message(match["name"], body)
    except Exception:  # a queue deleted since: the object is dropped
        return


def put(
    backend: CustomerProfilesBackend, caller: Caller, domain: Resource, type_name: str, text: str
) -> tuple[str, Resource | None]:
    """Ingest one object: its unique key, and the stored object (None when no profile took it)."""
    object_type = implicit_type(backend, caller, domain, type_name)
    obj = _parse(text)
    values = field_values(object_type, obj)
    keys = key_values(object_type, values)
    unique = next((v for _n, ids, v in keys if "UNIQUE" in ids), None)
    if unique is None:
        raise BadRequestException(f"Object type {type_name} has no UNIQUE key")
    ident = unique_key(type_name, unique)
    resources = backend.resources
    store = domain.children(PROFILE_OBJECT.kind)
    stored = store.get(ident)
    profile = None
    if stored is not None:
        profile = domain.children(profiles.PROFILE.kind).get(stored.attrs["ProfileId"])
    if profile is None:
        profile = _match(domain, keys)
    targets = _targets(object_type, values)
    created = False
    if profile is None:
        if not object_type.attrs.get("AllowProfileCreation"):
            _dead_letter(domain, type_name, text)
            return ident, None
        for name, field in (object_type.attrs.get("Fields") or {}).items():
            inferred = {"EMAIL_ADDRESS": "EmailAddress", "PHONE_NUMBER": "PhoneNumber"}.get(
                field.get("ContentType", "")
            )
            if inferred and name in values:
                targets.setdefault(inferred, _text(values[name]))
        changes, written = _profile_changes(None, targets)
        profile = profiles.create(resources, domain, caller, changes)
        created = True
        record_history(domain, profile.id, "CREATED", PROFILE_OBJECT_TYPE, _snapshot(profile), caller)
    else:
        if stored is None or stored.attrs["ProfileId"] != profile.id:
            _check_room(domain, object_type, profile)
        changes, written = _profile_changes(profile, targets, object_type)
        if changes:
            profiles.update(resources, domain, profile, changes, caller)
    _remember(profile, type_name, written)
    for name, identifiers, value in keys:
        if "LOOKUP_ONLY" in identifiers or ("NEW_ONLY" in identifiers and not created):
            continue
        profiles.add_keys(domain, profile, name, [value])
    attrs = {
        "ObjectTypeName": type_name,
        "ProfileId": profile.id,
        "Object": text,
        "Values": values,
        "Keys": [(n, v) for n, _i, v in keys],
    }
    if stored is not None:
        _drop_keys(domain, stored, keep_object=True)
        resources.update(stored, attrs, caller)
        result = stored
    else:
        result = resources.create(PROFILE_OBJECT, domain, attrs, caller, resource_id=ident)
    record_history(domain, profile.id, "INGESTED", type_name, text, caller, ident)
    _enforce_max(backend, domain, object_type, profile.id)
    return ident, result


def _parse(text: str) -> dict[str, Any]:
    try:
        parsed = json.loads(text)
    except ValueError:
        raise BadRequestException("Object is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise BadRequestException("Object must be a JSON object")
    return parsed


def _snapshot(profile: Resource) -> dict[str, Any]:
    return {k: v for k, v in profile.attrs.items() if not k.startswith("_")} | {"ProfileId": profile.id}


def _objects_of(domain: Resource, profile_id: str, type_name: str | None = None) -> list[Resource]:
    return [
        o
        for o in domain.children(PROFILE_OBJECT.kind).values()
        if o.attrs["ProfileId"] == profile_id and (type_name is None or o.attrs["ObjectTypeName"] == type_name)
    ]


def _drop_keys(domain: Resource, obj: Resource, keep_object: bool = False) -> None:
    """Remove from its profile the key values only this object gave it."""
    profile = domain.children(profiles.PROFILE.kind).get(obj.attrs["ProfileId"])
    if profile is None:
        return
    others = {tuple(k) for o in _objects_of(domain, profile.id) if o is not obj for k in o.attrs["Keys"]}
    for name, value in obj.attrs["Keys"]:
        if (name, value) not in others:
            profiles.remove_keys(domain, profile, name, [value])


def _check_room(domain: Resource, object_type: Resource, profile: Resource) -> None:
    """The profile can take one more object: it holds fewer than ``OBJECTS_PER_PROFILE``, or the
    type's ``MaxProfileObjectCount`` drops one of its objects of the type to make room."""
    held = _objects_of(domain, profile.id)
    if len(held) < OBJECTS_PER_PROFILE:
        return
    limit = object_type.attrs.get("MaxProfileObjectCount")
    if limit is not None and sum(o.attrs["ObjectTypeName"] == object_type.id for o in held) >= int(limit):
        return
    raise BadRequestException(
        f"Profile {profile.id} already holds {len(held)} profile objects, the most a profile can have"
    )


def _enforce_max(backend: CustomerProfilesBackend, domain: Resource, object_type: Resource, profile_id: str) -> None:
    limit = object_type.attrs.get("MaxProfileObjectCount")
    if limit is None:
        return
    held = _objects_of(domain, profile_id, object_type.id)
    held.sort(key=lambda o: o.last_modified_time)
    for oldest in held[: max(0, len(held) - int(limit))]:
        _delete(backend, domain, oldest)


def _delete(backend: CustomerProfilesBackend, domain: Resource, obj: Resource) -> None:
    _drop_keys(domain, obj)
    backend.resources.delete(obj)


def delete(
    backend: CustomerProfilesBackend, caller: Caller, domain: Resource, profile_id: str, type_name: str, key: str
) -> None:
    profiles_store = domain.children(profiles.PROFILE.kind)
    if profiles_store.get(profile_id) is None:
        raise profiles.PROFILE.not_found(profile_id)
    backend.resources.get(OBJECT_TYPE, domain, type_name)
    obj = domain.children(PROFILE_OBJECT.kind).get(key)
    if obj is None or obj.attrs["ProfileId"] != profile_id or obj.attrs["ObjectTypeName"] != type_name:
        raise ResourceNotFoundException(
            f"Profile object {key} of type {type_name} does not exist for profile {profile_id}"
        )
    _delete(backend, domain, obj)
    record_history(domain, profile_id, "DELETED_BY_CUSTOMER", type_name, obj.attrs["Object"], caller, key)


def delete_type(backend: CustomerProfilesBackend, caller: Caller, domain: Resource, type_name: str) -> None:
    """The type, its objects, and the profile fields its objects populated (when unchanged since)."""
    object_type = backend.resources.get(OBJECT_TYPE, domain, type_name)
    for obj in [o for o in domain.children(PROFILE_OBJECT.kind).values() if o.attrs["ObjectTypeName"] == type_name]:
        _delete(backend, domain, obj)
    for profile in list(domain.children(profiles.PROFILE.kind).values()):
        ingested = profile.attrs.get(INGESTED) or {}
        scrub = [m for m, e in ingested.items() if e["ObjectTypeName"] == type_name]
        if not scrub:
            continue
        changes: dict[str, Any] = {}
        for member in scrub:
            entry = ingested.pop(member)
            if _current(profile, member) != entry["Value"]:
                continue
            head, _, rest = member.partition(".")
            if rest:
                nested = dict(changes.get(head) or profile.attrs.get(head) or {})
                nested.pop(rest, None)
                changes[head] = nested or None
            else:
                changes[head] = None
        if changes:
            profiles.update(backend.resources, domain, profile, changes, caller)
    backend.resources.delete(object_type)


def listed(
    backend: CustomerProfilesBackend,
    domain: Resource,
    profile_id: str,
    type_name: str,
    object_filter: dict[str, Any] | None,
    token: str | None,
    size: int,
) -> tuple[list[Resource], str | None]:
    if domain.children(profiles.PROFILE.kind).get(profile_id) is None:
        raise profiles.PROFILE.not_found(profile_id)
    object_type = backend.resources.get(OBJECT_TYPE, domain, type_name)
    wanted: set[tuple[str, str]] | None = None
    if object_filter is not None:
        name = object_filter["KeyName"]
        if name not in (object_type.attrs.get("Keys") or {}):
            raise BadRequestException(f"ObjectFilter.KeyName {name} is not a key of object type {type_name}")
        wanted = {(name, v) for v in object_filter["Values"]}

    def keep(obj: Resource) -> bool:
        if obj.attrs["ProfileId"] != profile_id or obj.attrs["ObjectTypeName"] != type_name:
            return False
        return wanted is None or any(tuple(k) in wanted for k in obj.attrs["Keys"])

    return backend.resources.page(PROFILE_OBJECT, domain, token, size, keep)


# -- attributes computed from the stored objects ---------------------------------------------
def _objects_of_type(
    backend: CustomerProfilesBackend, domain: Resource, type_name: str
) -> tuple[Resource, list[Resource]]:
    object_type = backend.resources.get(OBJECT_TYPE, domain, type_name)
    objects = [o for o in domain.children(PROFILE_OBJECT.kind).values() if o.attrs["ObjectTypeName"] == type_name]
    return object_type, objects


def attributes(backend: CustomerProfilesBackend, domain: Resource, type_name: str) -> list[dict[str, Any]]:
    """The type's fields, each with the last time an object gave it a value (else the type's)."""
    object_type, objects = _objects_of_type(backend, domain, type_name)
    items = []
    for name in object_type.attrs.get("Fields") or {}:
        seen = [o.last_modified_time for o in objects if name in o.attrs["Values"]]
        items.append({"AttributeName": name, "LastUpdatedAt": max(seen, default=object_type.last_modified_time)})
    return items


def _field_of(object_type: Resource, name: str) -> None:
    if name not in (object_type.attrs.get("Fields") or {}):
        raise BadRequestException(f"AttributeName {name} is not a field of object type {object_type.id}")


def attribute_values(
    backend: CustomerProfilesBackend, domain: Resource, type_name: str, name: str
) -> list[dict[str, Any]]:
    """The distinct values of a field, the most recent first."""
    object_type, objects = _objects_of_type(backend, domain, type_name)
    _field_of(object_type, name)
    latest: dict[str, Any] = {}
    for obj in objects:
        if name in obj.attrs["Values"]:
            value = _text(obj.attrs["Values"][name])[:1000]
            if value not in latest or obj.last_modified_time > latest[value]:
                latest[value] = obj.last_modified_time
    ordered = sorted(latest.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)
    return [{"Value": v, "LastUpdatedAt": t} for v, t in ordered]


def _percentile(ordered: list[float], p: float) -> float:
    """Linear interpolation between the closest ranks (the usual definition)."""
    position = (len(ordered) - 1) * p
    low, high = math.floor(position), math.ceil(position)
    fraction = position - low
    span = ordered[high] - ordered[low]
    if math.isfinite(span):
        return ordered[low] + span * fraction
    return ordered[low] * (1 - fraction) + ordered[high] * fraction  # the span overflows a double


def attribute_statistics(
    backend: CustomerProfilesBackend, domain: Resource, type_name: str, name: str
) -> dict[str, Any]:
    if not (domain.attrs.get("DataStore") or {}).get("Enabled"):
        raise BadRequestException(f"Domain {domain.id} must have its data store enabled for attribute statistics")
    object_type, objects = _objects_of_type(backend, domain, type_name)
    _field_of(object_type, name)
    numbers = []
    for obj in objects:
        value = obj.attrs["Values"].get(name)
        if value is None or isinstance(value, bool):
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(number):
            numbers.append(number)
    if not numbers:
        raise BadRequestException(f"Attribute {name} of object type {type_name} has no numeric values")
    ordered = sorted(numbers)
    stats = {
        "Maximum": ordered[-1],
        "Minimum": ordered[0],
        "Average": statistics.fmean(ordered),
        "StandardDeviation": statistics.pstdev(ordered),
        "Percentiles": {f"P{p}": _percentile(ordered, p / 100) for p in (5, 25, 50, 75, 95)},
    }
    return {"Statistics": stats, "CalculatedAt": now()}
