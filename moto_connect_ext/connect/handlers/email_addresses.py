"""Email addresses (create idempotent with a client token, describe, search, metadata, delete), their
aliases, and the email addresses of queues (associated ones, the default outbound one)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.resources import Resource, Resources, operations, parent_of, resource_of
from ..email_addresses import (
    EMAIL_ADDRESS,
    LimitExceededException,
    associate_alias,
    check_queue_addresses,
    create_address,
    delete_address,
    disassociate_alias,
    queue_address_ids,
)
from ..exceptions import IdempotencyException, InvalidRequestException
from ..queues import QUEUE
from .common import ROOT, forget, once, related_page, reused, searcher


def _once(r: Any, operation: str, make: Callable[[], Any]) -> Any:
    """``make()``'s result once per client token; a token reused with other parameters is an
    IdempotencyException that names the operation."""
    return once(r, operation, make, mismatch=reused(r, IdempotencyException, f"for {operation} with other parameters"))


def _ids(address: Resource) -> dict[str, Any]:
    return {"EmailAddressId": address.id, "EmailAddressArn": address.arn}


def create_email_address(r: Any) -> dict[str, Any]:
    backend = r.backend
    instance = parent_of(EMAIL_ADDRESS, r)
    address = _once(
        r,
        "CreateEmailAddress",
        lambda: create_address(backend.resources, backend.instances.values(), instance, r.params, r.caller),
    )
    return _ids(address)


def update_email_address_metadata(r: Any) -> dict[str, Any]:
    p = r.params
    address = resource_of(EMAIL_ADDRESS, r)
    changes = {k: p[k] for k in ("DisplayName", "Description") if k in p}
    _once(r, "UpdateEmailAddressMetadata", lambda: r.backend.resources.update(address, changes, r.caller))
    return _ids(address)


def delete_email_address(r: Any) -> None:
    address = resource_of(EMAIL_ADDRESS, r)
    delete_address(r.backend.resources, address, r.caller)
    forget(r, address)


def _pair(r: Any) -> tuple[Resource, Resource]:
    """(primary, alias): the address the request names, and the one its AliasConfiguration names."""
    primary = resource_of(EMAIL_ADDRESS, r)
    alias = r.backend.resources.get(EMAIL_ADDRESS, primary.parent, r.params["AliasConfiguration"]["EmailAddressId"])
    return primary, alias


def associate_email_address_alias(r: Any) -> None:
    primary, alias = _pair(r)
    _once(r, "AssociateEmailAddressAlias", lambda: associate_alias(r.backend.resources, primary, alias, r.caller))


def disassociate_email_address_alias(r: Any) -> None:
    primary, alias = _pair(r)
    disassociate_alias(r.backend.resources, primary, alias, r.caller)


# -- queues ------------------------------------------------------------------------------
def _addresses(r: Any, queue: Resource, idents: list[str]) -> list[str]:
    """The IDs of the addresses a request names (each must be an address of the queue's instance)."""
    resources: Resources = r.backend.resources
    return [resources.get(EMAIL_ADDRESS, queue.parent, ident).id for ident in idents]


def associate_queue_email_addresses(r: Any) -> None:
    queue = resource_of(QUEUE, r)
    added = _addresses(r, queue, [c["EmailAddressId"] for c in r.params["EmailAddressesConfig"]])
    ids = list(dict.fromkeys([*queue_address_ids(queue), *added]))
    check_queue_addresses(ids, queue.attrs.get("OutboundEmailAddressId"), LimitExceededException)
    r.backend.resources.update(queue, {"EmailAddressIds": ids}, r.caller)


def disassociate_queue_email_addresses(r: Any) -> None:
    queue = resource_of(QUEUE, r)
    gone = set(_addresses(r, queue, r.params["EmailAddressesId"]))
    ids = [i for i in queue_address_ids(queue) if i not in gone]
    r.backend.resources.update(queue, {"EmailAddressIds": ids or None}, r.caller)


def update_queue_outbound_email_config(r: Any) -> None:
    queue = resource_of(QUEUE, r)
    ident = r.params["OutboundEmailConfig"].get("OutboundEmailAddressId")
    outbound = None if ident is None else _addresses(r, queue, [ident])[0]
    check_queue_addresses(queue_address_ids(queue), outbound, InvalidRequestException)
    r.backend.resources.update(queue, {"OutboundEmailAddressId": outbound}, r.caller)


def list_queue_email_addresses(r: Any) -> dict[str, Any]:
    """The queue's addresses, its default outbound one included, in the addresses' creation order."""
    queue = resource_of(QUEUE, r)
    outbound = queue.attrs.get("OutboundEmailAddressId")
    listed = frozenset([*queue_address_ids(queue), *([outbound] if outbound else [])])
    return related_page(
        r,
        queue,
        EMAIL_ADDRESS,
        lambda a: a.id in listed,
        "EmailAddressMetadataList",
        lambda a: {"Id": a.id, "Arn": a.arn, "IsDefaultOutboundEmail": a.id == outbound},
    )


#: the StringCondition fields SearchEmailAddresses knows
SEARCH_FIELDS = {
    "emailAddress": lambda a: a.attrs.get("EmailAddress"),
    "displayName": lambda a: a.attrs.get("DisplayName"),
    "description": lambda a: a.attrs.get("Description"),
    "resourceID": lambda a: a.id,
}

HANDLERS = {
    **operations(
        EMAIL_ADDRESS,
        ROOT,
        describe="DescribeEmailAddress",
        search="SearchEmailAddresses",
        search_filter=searcher(fields=SEARCH_FIELDS, common_fields=False),
    ),
    "create_email_address": create_email_address,
    "update_email_address_metadata": update_email_address_metadata,
    "delete_email_address": delete_email_address,
    "associate_email_address_alias": associate_email_address_alias,
    "disassociate_email_address_alias": disassociate_email_address_alias,
    "associate_queue_email_addresses": associate_queue_email_addresses,
    "disassociate_queue_email_addresses": disassociate_queue_email_addresses,
    "update_queue_outbound_email_config": update_queue_outbound_email_config,
    "list_queue_email_addresses": list_queue_email_addresses,
}
