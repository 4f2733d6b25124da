"""Email addresses, declared on the resource layer, their aliases, and the queues that use them.

An email address belongs to an email domain of its instance (Administrator Guide,
"Enable email for your instance"):

* the instance's Connect email domain, ``<instance alias>.email.connect.aws`` (the
  instance's ID stands in for an instance without an alias);
* or a custom domain onboarded to Amazon SES: a domain identity of moto's SES
  (SES or SESv2, the same store) in the caller's account and the instance's Region,
  or a domain the instance is associated with as an ``SES_IDENTITY`` integration
  (``arn:aws:ses:<region>:<account>:identity/<domain>``, CreateIntegrationAssociation
  being the API AWS lists to enable email).

Anything else is ``InvalidParameterException``.  Addresses are unique per instance,
compared case-insensitively (``DuplicateResourceException``), and an address that
another instance of the account and Region already has is ``ResourceConflictException``.
An instance has at most 100 email addresses (Connect quotas, "Email addresses per
instance"), ``ServiceQuotaExceededException`` beyond.

Aliases (AssociateEmailAddressAlias): the alias forwards to the primary address (the
one the request names), whose ``AliasConfigurations`` lists it.  A primary has at
most one alias, aliases do not chain (an alias cannot have an alias nor be one of
another primary, a primary cannot be an alias), and an address is not its own alias:
``ResourceConflictException`` (``InvalidRequestException`` for itself).  Deleting
either address removes the relationship, and the address's flow associations
(``INBOUND_EMAIL``, ``OUTBOUND_EMAIL``) go with it.

Queues name addresses (connect/queues.py: ``OutboundEmailAddressId`` and
``EmailAddressIds``): an address a queue names cannot be deleted
(``ResourceConflictException``, the conflict DeleteEmailAddress models).  A queue
has at most 49 associated addresses besides its default outbound address, 50 in all
(AssociateQueueEmailAddresses).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from moto.ses.models import ses_backends

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.resources import Container, ModeledError, Resource, Resources, ResourceType
from . import flow_associations as fa
from .exceptions import InvalidParameterException, InvalidRequestException, ResourceConflictException

#: Connect quotas, "Email addresses per instance" (adjustable at AWS)
ADDRESSES_PER_INSTANCE = 100
#: AssociateQueueEmailAddresses: "up to 49 additional email addresses ..., plus 1 default outbound"
QUEUE_ADDRESSES = 49
#: the Connect email domain of an instance: ``<alias>.email.connect.aws``
CONNECT_DOMAIN = "email.connect.aws"
#: the attribute holding the aliases of a primary address, as AliasConfigurations renders them
ALIASES = "AliasConfigurations"

#: the kind of integration association that onboards an SES identity to an instance
SES_IDENTITY = "SES_IDENTITY"


def _iso(stamp: Any) -> str:
    return f"{stamp.strftime('%Y-%m-%dT%H:%M:%S')}.{stamp.microsecond // 1000:03d}Z"


EMAIL_ADDRESS = ResourceType(
    kind="email-address",
    name_member="EmailAddress",
    unique_name=True,
    names_ignore_case=True,
    duplicate_message="The email address {name} already exists in instance {parent}",
    # DeleteEmailAddress models ResourceConflictException, not ResourceInUseException
    in_use_code="ResourceConflictException",
    computed={
        "CreateTimestamp": lambda r: _iso(r.created_time),
        "ModifiedTimestamp": lambda r: _iso(r.last_modified_time),
    },
)


# -- domains ---------------------------------------------------------------------------
def connect_domain(instance: Any) -> str:
    """``<instance alias>.email.connect.aws``, lower-cased."""
    return f"{instance.alias or instance.id}.{CONNECT_DOMAIN}".lower()


def instance_domains(instance: Any, caller: Caller) -> set[str]:
    """Every domain an address of ``instance`` may be in (lower-cased)."""
    domains = {connect_domain(instance)}
    ses = ses_backends[caller.account_id][instance.region]
    domains.update(d.lower() for d in ses.list_identities("Domain"))
    if instance.has_children("integration-association"):
        for association in instance.children("integration-association").values():
            if association.attrs.get("IntegrationType") != SES_IDENTITY:
                continue
            parsed = parse_arn(association.attrs["IntegrationArn"])
            kind, _, domain = (parsed["resource"] if parsed else "").partition("/")
            if kind == "identity" and domain and "@" not in domain:
                domains.add(domain.lower())
    return domains


def check_domain(instance: Any, address: str, caller: Caller) -> None:
    domain = address.rpartition("@")[2].lower()
    if domain not in instance_domains(instance, caller):
        raise InvalidParameterException(
            f"EmailAddress {address}: the domain {domain} is neither the instance's email domain "
            f"({connect_domain(instance)}) nor a custom domain verified in Amazon SES for it"
        )


# -- addresses -------------------------------------------------------------------------
def check_new_address(instances: Iterable[Any], instance: Any, address: str, caller: Caller) -> None:
    """The rules of a new address of ``instance``, before the layer checks its uniqueness there."""
    check_domain(instance, address, caller)
    key = address.lower()
    for other in instances:
        if other is not instance and other.has_children(EMAIL_ADDRESS.kind) and key in other.names(EMAIL_ADDRESS.kind):
            raise ResourceConflictException(f"The email address {address} is already in use by another instance")
    if key not in instance.names(EMAIL_ADDRESS.kind) and len(instance.children(EMAIL_ADDRESS.kind)) >= (
        ADDRESSES_PER_INSTANCE
    ):
        raise ModeledError(
            "ServiceQuotaExceededException",
            f"The instance already has {ADDRESSES_PER_INSTANCE} email addresses, the most it can have",
        )


def create_address(
    resources: Resources,
    instances: Iterable[Any],
    instance: Any,
    params: Mapping[str, Any],
    caller: Caller,
) -> Resource:
    check_new_address(instances, instance, params["EmailAddress"], caller)
    attrs = {k: params[k] for k in ("EmailAddress", "DisplayName", "Description") if params.get(k) is not None}
    return resources.create(EMAIL_ADDRESS, instance, attrs, caller, params.get("Tags"))


def alias_of(address: Resource) -> str | None:
    """The ID of the alias that forwards to ``address``, if it has one."""
    configs = address.attrs.get(ALIASES) or ()
    return configs[0]["EmailAddressId"] if configs else None


def primary_of(resources: Resources, instance: Container, address: Resource) -> Resource | None:
    """The primary address ``address`` is the alias of, if any."""
    for other in resources.all(EMAIL_ADDRESS, instance):
        if alias_of(other) == address.id:
            return other
    return None


def associate_alias(resources: Resources, primary: Resource, alias: Resource, caller: Caller) -> None:
    if alias.id == primary.id:
        raise InvalidRequestException(f"Email address {primary.id} cannot be an alias of itself")
    current = alias_of(primary)
    if current is not None:
        raise ResourceConflictException(
            f"Email address {primary.id} already has the alias {current}; an email address has at most one alias"
        )
    if alias_of(alias) is not None:
        raise ResourceConflictException(f"Email address {alias.id} has an alias of its own; aliases cannot be chained")
    instance = primary.parent
    above = primary_of(resources, instance, primary)
    if above is not None:
        raise ResourceConflictException(
            f"Email address {primary.id} is an alias of {above.id}; aliases cannot be chained"
        )
    taken = primary_of(resources, instance, alias)
    if taken is not None:
        raise ResourceConflictException(f"Email address {alias.id} is already an alias of {taken.id}")
    resources.update(primary, {ALIASES: [{"EmailAddressId": alias.id}]}, caller)


def disassociate_alias(resources: Resources, primary: Resource, alias: Resource, caller: Caller) -> None:
    if alias_of(primary) != alias.id:
        raise ModeledError(
            "ResourceNotFoundException", f"Email address {alias.id} is not an alias of email address {primary.id}"
        )
    resources.update(primary, {ALIASES: None}, caller)


def delete_address(resources: Resources, address: Resource, caller: Caller) -> None:
    """Delete an address no queue names; an alias relationship it is part of, and the flows
    associated with it (INBOUND_EMAIL, OUTBOUND_EMAIL), go with it."""
    instance = address.parent
    resources.delete(address)
    for resource_type in sorted(fa.EMAIL_TYPES):
        association = fa.find(resources, instance, resource_type, address.arn)
        if association is not None:
            resources.delete(association)
    above = primary_of(resources, instance, address)
    if above is not None:
        resources.update(above, {ALIASES: None}, caller)


# -- queues ------------------------------------------------------------------------------
def queue_address_ids(queue: Resource) -> list[str]:
    """The IDs of the addresses associated with a queue, in the order they were added."""
    return list(queue.attrs.get("EmailAddressIds") or ())


def check_queue_addresses(ids: Iterable[str], outbound: str | None, error: type[Exception]) -> None:
    """At most 49 associated addresses besides the default outbound one (50 in all)."""
    others = {i for i in ids if i != outbound}
    if len(others) > QUEUE_ADDRESSES:
        raise error(
            f"A queue can have at most {QUEUE_ADDRESSES} email addresses besides its default outbound email "
            f"address ({QUEUE_ADDRESSES + 1} in all); this request would give it {len(others)}"
        )


class LimitExceededException(ModeledError):
    def __init__(self, message: str) -> None:
        super().__init__("LimitExceededException", message)
