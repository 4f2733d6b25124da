"""Calculated attributes: definitions (create, get, update, delete, list) and values for profiles."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of
from ...core.resources import operations, resource_of
from .. import calculated_attributes as ca
from ..profiles import PROFILE
from .common import PAGE_SIZE, ROOT, shown


def _definition(r: Any) -> Any:
    return resource_of(ca.CALCULATED_ATTRIBUTE, r)


def create_calculated_attribute_definition(r: Any) -> dict[str, Any]:
    p = r.params
    domain = r.backend.resource_root(p)
    definition = ca.create(r.backend.resources, domain, r.caller, p["CalculatedAttributeName"], p)
    return shown(r, definition, "CreateCalculatedAttributeDefinitionResponse")


def update_calculated_attribute_definition(r: Any) -> dict[str, Any]:
    definition = ca.update(r.backend.resources, _definition(r), r.caller, r.params)
    return shown(r, definition, "UpdateCalculatedAttributeDefinitionResponse")


def _profile(r: Any, domain: Any) -> Any:
    return r.backend.resources.get(PROFILE, domain, r.params["ProfileId"])


def get_calculated_attribute_for_profile(r: Any) -> dict[str, Any]:
    definition = _definition(r)
    profile = _profile(r, definition.parent)
    return ca.value_for(definition, profile.id)


def list_calculated_attributes_for_profile(r: Any) -> dict[str, Any]:
    p = r.params
    domain = r.backend.resource_root(p)
    profile = _profile(r, domain)
    page, token = r.backend.resources.page(
        ca.CALCULATED_ATTRIBUTE, domain, p.get("NextToken"), limit_of(p.get("MaxResults"), PAGE_SIZE)
    )
    return {"Items": [ca.value_for(d, profile.id) for d in page], "NextToken": token}


def batch_get_calculated_attribute_for_profile(r: Any) -> dict[str, Any]:
    p = r.params
    definition = _definition(r)
    domain = definition.parent
    override = (p.get("ConditionOverrides") or {}).get("Range")
    if override is not None and override.get("End", 0) > override["Start"]:
        raise ca.BadRequestException(
            "ConditionOverrides.Range.Start must not be later than End (positive numbers are days in the past)"
        )
    values, errors = [], []
    for profile_id in dict.fromkeys(p["ProfileIds"]):
        if r.backend.resources.find(PROFILE, domain, profile_id) is None:
            errors.append(
                {
                    "Code": "ResourceNotFoundException",
                    "Message": f"Profile {profile_id} does not exist",
                    "ProfileId": profile_id,
                }
            )
            continue
        values.append({"ProfileId": profile_id, **ca.value_for(definition, profile_id, override)})
    out: dict[str, Any] = {"Errors": errors, "CalculatedAttributeValues": values}
    if p.get("ConditionOverrides"):
        out["ConditionOverrides"] = p["ConditionOverrides"]
    return out


HANDLERS = {
    "create_calculated_attribute_definition": create_calculated_attribute_definition,
    "update_calculated_attribute_definition": update_calculated_attribute_definition,
    **operations(
        ca.CALCULATED_ATTRIBUTE,
        ROOT,
        describe="GetCalculatedAttributeDefinition",
        delete="DeleteCalculatedAttributeDefinition",
        list_="ListCalculatedAttributeDefinitions",
    ),
    "get_calculated_attribute_for_profile": get_calculated_attribute_for_profile,
    "list_calculated_attributes_for_profile": list_calculated_attributes_for_profile,
    "batch_get_calculated_attribute_for_profile": batch_get_calculated_attribute_for_profile,
}
