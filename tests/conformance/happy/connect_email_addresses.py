"""Valid requests for email addresses: an address in the seed instance's email domain, aliases
between two fresh addresses, a queue's addresses."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conformance.seeds import World, happy

#: the Connect email domain of the seed instance (its alias is "seed")
DOMAIN = "seed.email.connect.aws"


def _address() -> str:
    return f"happy-{uuid.uuid4().hex[:12]}@{DOMAIN}"


def _new(world: World, instance_id: str) -> str:
    return str(
        world.call("CreateEmailAddress", {"InstanceId": instance_id, "EmailAddress": _address()})["EmailAddressId"]
    )


@happy("connect", "CreateEmailAddress")
def _create(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "EmailAddress": _address()}


@happy("connect", "AssociateEmailAddressAlias")
def _associate_alias(world: World, request: dict[str, Any]) -> dict[str, Any]:
    instance = request["InstanceId"]
    return {
        **request,
        "EmailAddressId": _new(world, instance),
        "AliasConfiguration": {"EmailAddressId": _new(world, instance)},
    }


@happy("connect", "DisassociateEmailAddressAlias")
def _disassociate_alias(world: World, request: dict[str, Any]) -> dict[str, Any]:
    pair = _associate_alias(world, request)
    world.client().associate_email_address_alias(**pair)
    return pair


@happy("connect", "AssociateQueueEmailAddresses")
def _associate_queue(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "EmailAddressesConfig": [{"EmailAddressId": _new(world, request["InstanceId"])}]}


@happy("connect", "DisassociateQueueEmailAddresses")
def _disassociate_queue(world: World, request: dict[str, Any]) -> dict[str, Any]:
    address = _new(world, request["InstanceId"])
    where = {"InstanceId": request["InstanceId"], "QueueId": request["QueueId"]}
    world.client().associate_queue_email_addresses(**where, EmailAddressesConfig=[{"EmailAddressId": address}])
    return {**request, "EmailAddressesId": [address]}


@happy("connect", "UpdateQueueOutboundEmailConfig")
def _outbound(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "OutboundEmailConfig": {"OutboundEmailAddressId": _new(world, request["InstanceId"])}}
