"""Predefined attributes, declared on the resource layer.

A predefined attribute is a name with a list of values (``Values.StringList``), used
for routing proficiencies and contact segment attributes.  Its name is its ID (the
requests name it by ``Name``; its ARN ends in the name) and is unique per instance
whatever its case.  AWS documents (Administrator Guide, "Create predefined
attributes for routing contacts to agents"):

* up to 500 values per attribute, each up to 100 characters (the model checks both);
* names and values match ``^(?!(aws:|connect:))[\\p{L}\\p{Z}\\p{N}_.:/=+-@']+$``:
  letters, whitespace, digits and ``_.:/=+-@'``, not starting with ``aws:`` or
  ``connect:`` (for the attributes customers create);
* no duplicate names (case-insensitively) or values;
* system attributes (``connect:`` names) are Connect's own: they cannot be renamed
  or deleted, their values cannot be changed, and only some of them take custom
  values as well (``SYSTEM_ATTRIBUTES``);
* an attribute cannot be deleted while an agent's proficiency uses it (the layer's
  references: users name the attributes of their proficiencies), and a value cannot
  be removed while an agent's proficiency uses it (``InvalidRequestException``, the
  error UpdatePredefinedAttribute models: a proficiency's value "must use value of
  predefined attribute present in the Amazon Connect instance");
* 150 predefined attributes per instance (Connect quotas); system attributes are
  not counted here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..core.caller import Caller
from ..core.resources import Container, Quota, Resource, Resources, ResourceType
from .exceptions import InvalidParameterException, InvalidRequestException

#: predefined attributes per instance (Connect quotas; adjustable at AWS)
ATTRIBUTES_PER_INSTANCE = 150
#: the prefixes customer-created names and values cannot start with
RESERVED_PREFIXES = ("aws:", "connect:")
#: the punctuation names and values may carry besides letters, whitespace and digits
_PUNCTUATION = frozenset("_.:/=+-@'")


@dataclass(frozen=True)
class SystemAttribute:
    """A predefined attribute Connect defines in every instance."""

    #: the values Connect defines (they cannot be removed)
    values: tuple[str, ...] = ()
    #: whether customers may add values of their own
    custom_values: bool = False


#: Connect's system predefined attributes (Administrator Guide, "System predefined attributes")
SYSTEM_ATTRIBUTES: Mapping[str, SystemAttribute] = {
    "connect:Language": SystemAttribute(custom_values=True),
    "connect:Subtype": SystemAttribute(
        values=(
            "connect:Telephony",
            "connect:WebRTC",
            "connect:Chat",
            "connect:SMS",
            "connect:WhatsApp",
            "connect:Apple",
            "connect:Guide",
            "connect:Task",
            "connect:Email",
        )
    ),
    "connect:WorkloadType": SystemAttribute(custom_values=True),
}


def system_attribute_seeds() -> list[dict[str, Any]]:
    """The attributes of every system predefined attribute, as a new instance has them."""
    return [
        {
            "Name": name,
            "Values": {"StringList": list(system.values)},
            "AttributeConfiguration": {
                "EnableValueValidationOnAssociation": not system.custom_values,
                "IsReadOnly": True,
            },
        }
        for name, system in SYSTEM_ATTRIBUTES.items()
    ]


def is_system(name: str) -> bool:
    return name in SYSTEM_ATTRIBUTES


def text_problem(text: str) -> str | None:
    """Why a name or value breaks the documented pattern, or None."""
    for prefix in RESERVED_PREFIXES:
        if text.startswith(prefix):
            return f"cannot start with {prefix}"
    for char in text:
        if char not in _PUNCTUATION and unicodedata.category(char)[0] not in "LZN":
            return f"cannot contain {char!r} (letters, whitespace, digits and _.:/=+-@' only)"
    return None


def string_values(values: Mapping[str, Any] | None) -> list[str] | None:
    """The string values of a ``Values`` union, or None when it names none."""
    if not values:
        return None
    found = values.get("StringList")
    return None if found is None else list(found)


def check_new_name(name: str) -> None:
    """A name a customer may give a new attribute."""
    problem = text_problem(name)
    if problem is not None:
        raise InvalidParameterException(f"Predefined attribute name {name!r} {problem}")


def check_customer_values(values: Iterable[str], allowed: Iterable[str] = ()) -> None:
    """Values a customer gives: the documented pattern (``allowed`` ones are Connect's own)."""
    system = set(allowed)
    for value in values:
        if value in system:
            continue
        problem = text_problem(value)
        if problem is not None:
            raise InvalidParameterException(f"Predefined attribute value {value!r} {problem}")


def check_system_values(name: str, values: list[str]) -> None:
    """What a system attribute's new values may be: its own kept, others only where allowed."""
    system = SYSTEM_ATTRIBUTES[name]
    missing = [v for v in system.values if v not in values]
    if missing:
        raise InvalidRequestException(f"The values of system predefined attribute {name} cannot be removed: {missing}")
    if not system.custom_values and len(set(values)) != len(system.values):
        raise InvalidRequestException(f"System predefined attribute {name} does not take custom values")
    check_customer_values(values, system.values)


def _check(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    values = string_values(attrs.get("Values")) or []
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise InvalidParameterException(f"Predefined attribute value {value!r} is given twice")
        seen.add(value)


def _configuration(resource: Resource) -> dict[str, bool]:
    given = resource.attrs.get("AttributeConfiguration") or {}
    return {
        "EnableValueValidationOnAssociation": bool(given.get("EnableValueValidationOnAssociation", False)),
        "IsReadOnly": bool(given.get("IsReadOnly", False)),
    }


PREDEFINED_ATTRIBUTE = ResourceType(
    kind="predefined-attribute",
    id_param="Name",
    id_names=(),
    arn_names=(),
    unique_name=True,
    names_ignore_case=True,
    duplicate_message="A predefined attribute named {name} already exists (names are compared ignoring case)",
    computed={"AttributeConfiguration": _configuration},
    check=_check,
    # system attributes are not counted
    quota=Quota.most(
        lambda: ATTRIBUTES_PER_INSTANCE,
        "predefined attributes",
        "LimitExceededException",
        counts=lambda r: not is_system(r.id),
        first=True,
    ),
)


def find(parent: Container, name: str) -> Resource:
    """An attribute by its exact name (names may contain ``/`` and ``:``, so never parsed as an ARN)."""
    found = parent.children(PREDEFINED_ATTRIBUTE.kind).get(name)
    if found is None:
        raise PREDEFINED_ATTRIBUTE.not_found(name)
    return found


def seed_defaults(resources: Resources, instance: Container, caller: Caller) -> None:
    """The system predefined attributes (their ID is their name)."""
    for attrs in system_attribute_seeds():
        resources.create(PREDEFINED_ATTRIBUTE, instance, attrs, caller, resource_id=attrs["Name"])
