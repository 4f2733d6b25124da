"""Valid requests for calculated attributes: an object type of the seed domain to read, a
definition over it under a fresh name, and a profile that has objects of that type."""

from __future__ import annotations

import json
import uuid
from typing import Any

from tests.conformance.seeds import World, happy

_DETAILS = {"Attributes": [{"Name": "Total"}], "Expression": "{HappyOrder.Total}"}


def _object_type(world: World, domain: str) -> None:
    world.client().put_profile_object_type(
        DomainName=domain,
        ObjectTypeName="HappyOrder",
        Description="orders",
        AllowProfileCreation=True,
        Fields={
            "orderId": {"Source": "_source.orderId", "ContentType": "STRING"},
            "email": {"Source": "_source.email", "ContentType": "EMAIL_ADDRESS"},
        },
        Keys={
            "orderId": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["orderId"]}],
            "_email": [{"StandardIdentifiers": ["PROFILE"], "FieldNames": ["email"]}],
        },
    )


def _definition(world: World, domain: str) -> str:
    _object_type(world, domain)
    name = f"happy_{uuid.uuid4().hex[:12]}"
    world.client().create_calculated_attribute_definition(
        DomainName=domain, CalculatedAttributeName=name, AttributeDetails=_DETAILS, Statistic="SUM"
    )
    return name


def _profile(world: World, domain: str) -> str:
    email = f"{uuid.uuid4().hex[:12]}@example.com"
    obj = {"orderId": uuid.uuid4().hex, "email": email, "Total": 12.5}
    world.client().put_profile_object(DomainName=domain, ObjectTypeName="HappyOrder", Object=json.dumps(obj))
    found = world.client().search_profiles(DomainName=domain, KeyName="_email", Values=[email])["Items"]
    return str(found[0]["ProfileId"])


@happy("customer-profiles", "CreateCalculatedAttributeDefinition")
def _create(world: World, request: dict[str, Any]) -> dict[str, Any]:
    _object_type(world, request["DomainName"])
    return {
        "DomainName": request["DomainName"],
        "CalculatedAttributeName": f"happy_{uuid.uuid4().hex[:12]}",
        "AttributeDetails": _DETAILS,
        "Statistic": "SUM",
        "Conditions": {"Range": {"Value": 30, "Unit": "DAYS"}, "ObjectCount": 10},
    }


@happy(
    "customer-profiles",
    "GetCalculatedAttributeDefinition",
    "DeleteCalculatedAttributeDefinition",
    "ListCalculatedAttributeDefinitions",
)
def _a_definition(world: World, request: dict[str, Any]) -> dict[str, Any]:
    name = _definition(world, request["DomainName"])
    if "CalculatedAttributeName" not in request:
        return request
    return {**request, "CalculatedAttributeName": name}


@happy("customer-profiles", "UpdateCalculatedAttributeDefinition")
def _update(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {
        "DomainName": request["DomainName"],
        "CalculatedAttributeName": _definition(world, request["DomainName"]),
        "DisplayName": "Happy",
        "Conditions": {"Threshold": {"Value": "10", "Operator": "GREATER_THAN"}},
    }


@happy("customer-profiles", "GetCalculatedAttributeForProfile", "ListCalculatedAttributesForProfile")
def _for_profile(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = request["DomainName"]
    name = _definition(world, domain)
    out = {**request, "ProfileId": _profile(world, domain)}
    if "CalculatedAttributeName" in request:
        out["CalculatedAttributeName"] = name
    return out


@happy("customer-profiles", "BatchGetCalculatedAttributeForProfile")
def _batch(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = request["DomainName"]
    name = _definition(world, domain)
    return {
        "DomainName": domain,
        "CalculatedAttributeName": name,
        "ProfileIds": [_profile(world, domain)],
        "ConditionOverrides": {"Range": {"Start": 5, "End": 0, "Unit": "DAYS"}},
    }
