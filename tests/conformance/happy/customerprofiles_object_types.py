"""Valid requests for Customer Profiles object types: a definition with one UNIQUE key over
defined fields, a fresh type for the operations that name one, real template ids, JSON sample
objects, and a domain with its data store enabled for domain object types."""

from __future__ import annotations

import json
import uuid
from typing import Any

from tests.conformance.seeds import World, happy

FIELDS = {
    "id": {"Source": "_source.id", "ContentType": "NUMBER"},
    "email": {"Source": "_source.email", "Target": "_profile.EmailAddress", "ContentType": "EMAIL_ADDRESS"},
}
KEYS = {
    "happyId": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["id"]}],
    "_email": [{"StandardIdentifiers": ["PROFILE"], "FieldNames": ["email"]}],
}
DOMAIN_FIELDS = {"sku": {"Source": "_source.sku", "Target": "_product.sku"}}


def new_type(world: World, domain: str) -> str:
    name = f"happy_{uuid.uuid4().hex[:12]}"
    world.client().put_profile_object_type(
        DomainName=domain, ObjectTypeName=name, Description="happy", AllowProfileCreation=True, Fields=FIELDS, Keys=KEYS
    )
    return name


def data_store_domain(world: World) -> str:
    name = f"happy-{uuid.uuid4().hex[:12]}"
    world.client().create_domain(DomainName=name, DefaultExpirationDays=30, DataStore={"Enabled": True})
    return name


@happy("customer-profiles", "PutProfileObjectType")
def _put_type(world: World, request: dict[str, Any]) -> dict[str, Any]:
    request = {k: v for k, v in request.items() if k not in ("TemplateId", "AllowProfileCreation", "EncryptionKey")}
    request.pop("SourceLastUpdatedTimestampFormat", None)
    return {**request, "ObjectTypeName": f"happy_{uuid.uuid4().hex[:12]}", "Fields": FIELDS, "Keys": KEYS}


@happy("customer-profiles", "GetProfileObjectType", "DeleteProfileObjectType", "ListObjectTypeAttributes")
def _existing_type(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ObjectTypeName": new_type(world, request["DomainName"])}


@happy("customer-profiles", "GetProfileObjectTypeTemplate")
def _template(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "TemplateId": "Salesforce-Account"}


@happy("customer-profiles", "DetectProfileObjectType")
def _detect(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Objects": [json.dumps({"id": "o1", "email": "a@example.com"})]}


@happy("customer-profiles", "PutDomainObjectType")
def _put_domain_type(world: World, request: dict[str, Any]) -> dict[str, Any]:
    request = {k: v for k, v in request.items() if k != "EncryptionKey"}
    return {**request, "DomainName": data_store_domain(world), "ObjectTypeName": "Product", "Fields": DOMAIN_FIELDS}


@happy("customer-profiles", "GetDomainObjectType", "DeleteDomainObjectType")
def _existing_domain_type(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = data_store_domain(world)
    world.client().put_domain_object_type(DomainName=domain, ObjectTypeName="Product", Fields=DOMAIN_FIELDS)
    return {**request, "DomainName": domain, "ObjectTypeName": "Product"}
