"""Valid requests for Customer Profiles profile objects: a fresh object type, objects that carry
its UNIQUE key, the profile an object created, and a field of the type (numeric, in a domain
with its data store enabled, for statistics)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from tests.conformance.happy.customerprofiles_object_types import data_store_domain, new_type
from tests.conformance.seeds import World, happy


def _object() -> str:
    return json.dumps({"id": uuid.uuid4().int % 100000, "email": f"{uuid.uuid4().hex[:8]}@example.com"})


def _stored(world: World, domain: str) -> tuple[str, str, str]:
    """(type, unique key, profile id) of a new object."""
    client = world.client()
    type_name = new_type(world, domain)
    text = _object()
    key = client.put_profile_object(DomainName=domain, ObjectTypeName=type_name, Object=text)["ProfileObjectUniqueKey"]
    email = json.loads(text)["email"]
    profile = client.search_profiles(DomainName=domain, KeyName="_email", Values=[email])["Items"][0]["ProfileId"]
    return type_name, key, profile


@happy("customer-profiles", "PutProfileObject")
def _put(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ObjectTypeName": new_type(world, request["DomainName"]), "Object": _object()}


@happy("customer-profiles", "BatchPutProfileObject")
def _batch(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {
        **request,
        "ObjectTypeName": new_type(world, request["DomainName"]),
        "Items": [{"Id": "one", "Object": _object()}, {"Id": "two", "Object": _object()}],
    }


@happy("customer-profiles", "DeleteProfileObject", "ListProfileObjects")
def _existing(world: World, request: dict[str, Any]) -> dict[str, Any]:
    type_name, key, profile = _stored(world, request["DomainName"])
    out = {**request, "ObjectTypeName": type_name, "ProfileId": profile}
    if "ProfileObjectUniqueKey" in request:
        out["ProfileObjectUniqueKey"] = key
    if "ObjectFilter" in request:
        out["ObjectFilter"] = {"KeyName": "happyId", "Values": ["1"]}
    return out


@happy("customer-profiles", "ListObjectTypeAttributeValues")
def _values(world: World, request: dict[str, Any]) -> dict[str, Any]:
    type_name, _key, _profile = _stored(world, request["DomainName"])
    return {**request, "ObjectTypeName": type_name, "AttributeName": "email"}


@happy("customer-profiles", "GetObjectTypeAttributeStatistics")
def _statistics(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = data_store_domain(world)
    type_name, _key, _profile = _stored(world, domain)
    return {**request, "DomainName": domain, "ObjectTypeName": type_name, "AttributeName": "id"}
