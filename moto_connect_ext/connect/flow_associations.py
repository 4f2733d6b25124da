"""Flow associations: which flow of an instance a resource (a phone number, an email address...) runs.

AssociateFlow links a resource of one of the ``FlowAssociationResourceType`` types to a
flow of the instance; AssociatePhoneNumberContactFlow does the same for a phone number
claimed to the instance, as type ``VOICE_PHONE_NUMBER`` (the type ListFlowAssociations
and BatchGetFlowAssociation list phone numbers under).  A resource has at most one flow
per type: associating it again points it at the new flow.

An association is a resource-layer resource under its instance, keyed by its type and
resource: the layer checks that the flow exists (``ResourceNotFoundException``) and keeps
a flow that a resource runs from being deleted.  The ``FlowId`` it answers is the flow's
ARN.

The resource each type names (the API's ``ResourceId``):

* ``SMS_PHONE_NUMBER``: an AWS End User Messaging SMS phone number
  (``arn:<partition>:sms-voice:<region>:<account>:phone-number/<id>``);
* ``WHATSAPP_MESSAGING_PHONE_NUMBER``: an AWS End User Messaging Social phone number
  (``arn:<partition>:social-messaging:<region>:<account>:phone-number-id/<id>``);
* ``INBOUND_EMAIL``, ``OUTBOUND_EMAIL``: an email address of the instance
  (``arn:<partition>:connect:<region>:<account>:instance/<instance id>/email-address/<id>``),
  which must exist (``ResourceNotFoundException``); deleting the address drops its
  associations;
* ``ANALYTICS_CONNECTOR``: an ARN.

The ARN must be of the caller's account and Region (``ResourceNotFoundException``
otherwise); one of another form is ``InvalidParameterException``.  Those resources
belong to services (or Connect resources) the plugin does not serve: only their form
is checked, except email addresses, which the plugin serves.
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Any

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.model import service_model
from ..core.resources import Container, Ref, Resource, Resources, ResourceType
from .exceptions import InvalidParameterException, ResourceNotFoundException

VOICE_PHONE_NUMBER = "VOICE_PHONE_NUMBER"
SMS_PHONE_NUMBER = "SMS_PHONE_NUMBER"
WHATSAPP = "WHATSAPP_MESSAGING_PHONE_NUMBER"
INBOUND_EMAIL = "INBOUND_EMAIL"
OUTBOUND_EMAIL = "OUTBOUND_EMAIL"
ANALYTICS_CONNECTOR = "ANALYTICS_CONNECTOR"
#: the types whose resource is an email address of the instance (which must exist)
EMAIL_TYPES = frozenset({INBOUND_EMAIL, OUTBOUND_EMAIL})
#: the resource-layer kind of email addresses (``email_addresses.EMAIL_ADDRESS``)
EMAIL_ADDRESS_KIND = "email-address"
#: the flow type a phone number's inbound calls run
INBOUND_FLOW_TYPE = "CONTACT_FLOW"

#: per type: (service, resource pattern) of the ARN the type names
_RESOURCE_FORMS: dict[str, tuple[str, re.Pattern[str], str]] = {
    SMS_PHONE_NUMBER: ("sms-voice", re.compile(r"^phone-number/[A-Za-z0-9_-]+$"), "phone-number/<id>"),
    WHATSAPP: ("social-messaging", re.compile(r"^phone-number-id/[A-Za-z0-9_-]+$"), "phone-number-id/<id>"),
    INBOUND_EMAIL: (
        "connect",
        re.compile(r"^instance/([^/]+)/email-address/[^/]+$"),
        "instance/<id>/email-address/<id>",
    ),
    OUTBOUND_EMAIL: (
        "connect",
        re.compile(r"^instance/([^/]+)/email-address/[^/]+$"),
        "instance/<id>/email-address/<id>",
    ),
}


@functools.cache
def listed_types() -> frozenset[str]:
    """The types ListFlowAssociations and BatchGetFlowAssociation answer (their model's enum)."""
    return frozenset(service_model("connect").shape_for("ListFlowAssociationResourceType").enum)


def _flow_arn(association: Resource) -> Any:
    flow = association.parent.children("contact-flow").get(association.attrs["FlowId"])
    return flow.arn if flow is not None else association.attrs["FlowId"]


FLOW_ASSOCIATION = ResourceType(
    kind="flow-association",
    # AWS gives associations no ARN, and no request names one: requests are authorized on the
    # instance (IAM's templates skip this one, whose member no request has)
    id_names=(),
    arn_names=(),
    name_member=None,
    refs=(Ref("FlowId", "contact-flow"),),
    computed={"FlowId": _flow_arn},
)


def association_id(resource_type: str, resource_id: str) -> str:
    """The key of a resource's association of one type."""
    return hashlib.sha256(f"{resource_type}\n{resource_id}".encode()).hexdigest()[:32]


def flow_in(instance: Container, flow_id: str) -> Resource:
    """A flow of the instance by its ID or ARN (ResourceNotFoundException otherwise)."""
    key = flow_id.rsplit("/", 1)[-1] if flow_id.startswith("arn:") else flow_id
    flow = instance.children("contact-flow").get(key)
    if flow is None:
        raise ResourceNotFoundException(f"Contact flow not found: {flow_id}")
    return flow


def _has_email_address(instance: Container, arn: str) -> bool:
    """Whether ``arn`` is the ARN of an email address of the instance (the emulator serves them)."""
    if not instance.has_children(EMAIL_ADDRESS_KIND):
        return False
    address = instance.children(EMAIL_ADDRESS_KIND).get(arn.rsplit("/", 1)[-1])
    return address is not None and address.arn == arn


def check_resource(resource_type: str, resource_id: str, instance: Container, caller: Caller) -> None:
    """The ``ResourceId`` has the form its type names, in the caller's account and Region."""
    parsed = parse_arn(resource_id)
    if parsed is None:
        raise InvalidParameterException(f"ResourceId {resource_id} is not an ARN")
    form = _RESOURCE_FORMS.get(resource_type)
    if form is not None:
        service, pattern, shown = form
        match = pattern.match(parsed["resource"])
        if parsed["service"] != service or match is None:
            raise InvalidParameterException(
                f"ResourceId {resource_id} is not valid for {resource_type}: expected "
                f"arn:<partition>:{service}:<region>:<account>:{shown}"
            )
        if match.groups() and match.group(1) != instance.id:
            raise InvalidParameterException(f"ResourceId {resource_id} is not of instance {instance.id}")
        if resource_type in EMAIL_TYPES and not _has_email_address(instance, resource_id):
            raise ResourceNotFoundException(f"Email address not found: {resource_id}")
    if (parsed["partition"], parsed["region"], parsed["account"]) != (
        caller.partition,
        caller.region,
        caller.account_id,
    ):
        raise ResourceNotFoundException(f"Resource not found in this account and Region: {resource_id}")


def find(resources: Resources, instance: Container, resource_type: str, resource_id: str) -> Resource | None:
    return resources.find(FLOW_ASSOCIATION, instance, association_id(resource_type, resource_id))


def get(resources: Resources, instance: Container, resource_type: str, resource_id: str) -> Resource:
    found = find(resources, instance, resource_type, resource_id)
    if found is None:
        raise ResourceNotFoundException(f"No flow is associated with {resource_id} ({resource_type})")
    return found


def associate(
    resources: Resources, instance: Container, resource_type: str, resource_id: str, flow_id: str, caller: Caller
) -> Resource:
    """The resource now runs the flow (replacing the flow it ran)."""
    found = find(resources, instance, resource_type, resource_id)
    if found is not None:
        return resources.update(found, {"FlowId": flow_id}, caller)
    attrs = {"ResourceId": resource_id, "ResourceType": resource_type, "FlowId": flow_id}
    return resources.create(
        FLOW_ASSOCIATION, instance, attrs, caller, resource_id=association_id(resource_type, resource_id)
    )
