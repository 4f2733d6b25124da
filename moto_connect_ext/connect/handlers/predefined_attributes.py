"""Predefined attributes: named by ``Name`` (their ID), with the rules of system attributes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.resources import Resource, operations, parent_of, render
from ..exceptions import InvalidRequestException
from ..predefined_attributes import (
    PREDEFINED_ATTRIBUTE,
    check_customer_values,
    check_new_name,
    check_system_values,
    find,
    is_system,
    string_values,
)
from ..search_criteria import criteria_matcher
from ..users import proficiencies_using
from .common import ROOT

#: the members a request may set
MEMBERS = ("Values", "Purposes", "AttributeConfiguration")


def create(r: Any) -> None:
    p = r.params
    name = p["Name"]
    check_new_name(name)
    check_customer_values(string_values(p.get("Values")) or ())
    parent = parent_of(PREDEFINED_ATTRIBUTE, r)
    attrs = {"Name": name, **{k: p[k] for k in MEMBERS if k in p}}
    r.backend.resources.create(PREDEFINED_ATTRIBUTE, parent, attrs, r.caller, resource_id=name)


def describe(r: Any) -> dict[str, Any]:
    attribute = find(parent_of(PREDEFINED_ATTRIBUTE, r), r.params["Name"])
    return {"PredefinedAttribute": render(attribute, "PredefinedAttribute", r.backend.tags)}


def update(r: Any) -> None:
    p = r.params
    attribute = find(parent_of(PREDEFINED_ATTRIBUTE, r), p["Name"])
    changes: dict[str, Any] = {}
    if "Values" in p:
        values = string_values(p["Values"]) or []
        if is_system(attribute.id):
            check_system_values(attribute.id, values)
        else:
            check_customer_values(values)
        _check_values_in_use(r, attribute, values)
        changes["Values"] = p["Values"]
    if "Purposes" in p:
        changes["Purposes"] = p["Purposes"]
    if "AttributeConfiguration" in p:
        # the request sets what it names; IsReadOnly is Connect's own
        changes["AttributeConfiguration"] = {
            **(attribute.attrs.get("AttributeConfiguration") or {}),
            **p["AttributeConfiguration"],
        }
    r.backend.resources.update(attribute, changes, r.caller)


def _check_values_in_use(r: Any, attribute: Resource, values: list[str]) -> None:
    """A value an agent's proficiency uses stays: a proficiency's value "must use value of
    predefined attribute present in the Amazon Connect instance" (UserProficiency), and an
    attribute "can only be deleted if it not associated with any agent" (Administrator Guide)."""
    kept = set(values)
    removed = [v for v in string_values(attribute.attrs.get("Values")) or () if v not in kept]
    used = proficiencies_using(r.backend.resources, attribute.parent, attribute.id, removed)
    if used:
        user_id, value = used[0]
        raise InvalidRequestException(
            f"Value {value!r} of predefined attribute {attribute.id} cannot be removed: the proficiencies of "
            f"{len({u for u, _ in used})} user(s) use it (for example user {user_id}); disassociate them first "
            "(DisassociateUserProficiencies)"
        )


def delete(r: Any) -> None:
    attribute = find(parent_of(PREDEFINED_ATTRIBUTE, r), r.params["Name"])
    if is_system(attribute.id):
        raise InvalidRequestException(f"System predefined attribute {attribute.id} cannot be deleted")
    r.backend.resources.delete(attribute)


def _search(r: Any) -> Callable[[Resource], bool]:
    # a predefined attribute has a name and nothing else to search by
    return criteria_matcher(r.params.get("SearchCriteria"), {"name": lambda a: a.id})


HANDLERS = {
    **operations(
        PREDEFINED_ATTRIBUTE,
        ROOT,
        list_="ListPredefinedAttributes",
        search="SearchPredefinedAttributes",
        search_filter=_search,
    ),
    "create_predefined_attribute": create,
    "describe_predefined_attribute": describe,
    "update_predefined_attribute": update,
    "delete_predefined_attribute": delete,
}
