"""Valid requests for instance settings: an origin (scheme and host) and a PEM public key, each
fresh; the origin, key or data set association a disassociation removes."""

from __future__ import annotations

import uuid
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from tests.conformance.seeds import World, happy


def _origin() -> str:
    return f"https://happy-{uuid.uuid4().hex[:12]}.example.com"


def _key() -> str:
    public = ec.generate_private_key(ec.SECP256R1()).public_key()
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


@happy("connect", "AssociateApprovedOrigin")
def _associate_origin(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Origin": _origin()}


@happy("connect", "DisassociateApprovedOrigin")
def _disassociate_origin(world: World, request: dict[str, Any]) -> dict[str, Any]:
    origin = _origin()
    world.call("AssociateApprovedOrigin", {"InstanceId": request["InstanceId"], "Origin": origin})
    return {**request, "Origin": origin}


@happy("connect", "AssociateSecurityKey")
def _associate_key(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Key": _key()}


@happy("connect", "DisassociateSecurityKey")
def _disassociate_key(world: World, request: dict[str, Any]) -> dict[str, Any]:
    association = world.call("AssociateSecurityKey", {"InstanceId": request["InstanceId"], "Key": _key()})
    return {**request, "AssociationId": association["AssociationId"]}


@happy("connect", "AssociateAnalyticsDataSet", "ListAnalyticsDataAssociations")
def _data_set(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "DataSetId": "contact_record"}


@happy("connect", "DisassociateAnalyticsDataSet")
def _associated_data_set(world: World, request: dict[str, Any]) -> dict[str, Any]:
    world.client().associate_analytics_data_set(InstanceId=request["InstanceId"], DataSetId="users")
    return {**request, "DataSetId": "users"}
