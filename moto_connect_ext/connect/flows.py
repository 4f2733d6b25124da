"""Contact flows, their versions and aliases, declared on the resource layer, and the rules
flows share with flow modules (``Publishable``).

A flow has a type (``ContactFlowType``, fixed at creation), a state (``ACTIVE`` or
``ARCHIVED``) and content in the Flow language (``flow_language``), which is either
published or saved:

* "The PUBLISHED status will initiate validation on the content. SAVED does not
  initiate validation of the content" (CreateContactFlow): a flow created ``SAVED``
  keeps its content unchecked, and its status is ``SAVED`` until it is published;
* UpdateContactFlowContent publishes (checked); naming the flow ``<id>:$SAVED``
  saves the content without publishing it.  "After a flow is published, $SAVED needs
  to be supplied to view saved content that has not been published"
  (DescribeContactFlow): a published flow keeps its saved draft apart;
* ``<id>:$LATEST`` is the latest published content (a flow never published has none:
  ``ContactFlowNotPublishedException``), ``<id>:<version>`` a version's;
* "Versions are immutable and monotonically increasing" (CreateContactFlowVersion): a
  version snapshots the ``$LATEST`` published content, and a ``FlowContentSha256``
  that is not that content's is refused; version numbers are never reused;
* an alias points at a version of its flow ("Creates a named alias that points to a
  specific version of a flow"); alias names are unique per flow; a version an alias
  points at cannot be deleted;
* a flow that a queue, quick connect or flow association names cannot be deleted
  (``InvalidRequestException``, the one DeleteContactFlow models).

Every instance comes with AWS's default flows (``seed_defaults``); their content is
valid Flow language for their type.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.arns import split_qualifier
from ..core.caller import Caller
from ..core.errors import ServiceError
from ..core.resources import Container, ModeledError, Resource, Resources, ResourceType, render
from ..core.tagging import Tags
from . import flow_language as fl
from .exceptions import InvalidParameterException, InvalidRequestException, ResourceNotFoundException

PUBLISHED = "PUBLISHED"
SAVED = "SAVED"
ACTIVE = "ACTIVE"
#: qualifiers of a flow ID (``<id>:$SAVED``); any other qualifier is a version number
SAVED_QUALIFIER = "$SAVED"
LATEST_QUALIFIER = "$LATEST"
RESERVED_ALIASES = frozenset({SAVED_QUALIFIER, LATEST_QUALIFIER})
#: attribute holding the saved, unpublished content of a published flow
DRAFT = "_draft"
#: attribute holding how many versions the flow has had (numbers are never reused)
VERSIONS_MADE = "_versions_made"


class InvalidContactFlowException(ServiceError):
    """ "The flow is not valid", with the model's ``problems`` (each a ``ProblemDetail``)."""

    code = "InvalidContactFlowException"

    def __init__(self, problems: list[str]) -> None:
        super().__init__("The flow is not valid: " + "; ".join(problems), problems=[{"message": p} for p in problems])


class InstanceReferences:
    """The resources a flow's content names, looked up in its instance (and moto's Lambda)."""

    def __init__(self, instance: Container) -> None:
        self.instance = instance

    def exists(self, kind: str, ident: str) -> bool:
        base = ident
        if kind in (fl.FLOW, fl.FLOW_MODULE):
            base, _ = split_qualifier(ident)
        key = base.rsplit("/", 1)[-1] if base.startswith("arn:") else base
        if not self.instance.has_children(kind):
            return False
        found = self.instance.children(kind).get(key)
        return found is not None and (not base.startswith("arn:") or found.arn == base)

    def lambda_exists(self, arn: str) -> bool:
        from moto.awslambda.models import lambda_backends

        parts = arn.split(":")
        region, account, name = parts[3], parts[4], parts[6]
        qualifier = parts[7] if len(parts) > 7 else None
        try:
            lambda_backends[account][region].get_function(name, qualifier)
        except Exception:
            return False
        return True


def _check_flow(resources: Resources, current: Resource | None, instance: Any, attrs: dict[str, Any]) -> None:
    """Published content is checked when it changes (a rename does not check it again)."""
    content = attrs.get("Content")
    if attrs.get("Status") != PUBLISHED or content is None:
        return
    if current is not None and current.attrs.get("Status") == PUBLISHED and current.attrs.get("Content") == content:
        return
    problems = fl.check_flow(content, attrs["Type"], InstanceReferences(instance))
    if problems:
        raise InvalidContactFlowException(problems)


def _sha(resource: Resource) -> str | None:
    return fl.content_sha256(resource.attrs.get("Content"))


CONTACT_FLOW = ResourceType(
    kind="contact-flow",
    unique_name=True,
    aliases={"ContactFlowType": "Type", "ContactFlowState": "State", "ContactFlowStatus": "Status"},
    computed={"FlowContentSha256": _sha},
    defaults={"State": ACTIVE, "Status": PUBLISHED},
    # DeleteContactFlow models no ResourceInUseException
    in_use_code="InvalidRequestException",
    check=_check_flow,
)


# -- versions and aliases: written once for flows and flow modules ------------------------
def _alias_check(versions: ResourceType) -> Callable[[Resources, Resource | None, Any, dict[str, Any]], None]:
    def check(resources: Resources, current: Resource | None, owner: Any, attrs: dict[str, Any]) -> None:
        if attrs["Name"] in RESERVED_ALIASES:
            raise InvalidParameterException(f"{attrs['Name']} is a reserved qualifier, not an alias name")
        version = attrs["Version"]
        if resources.find(versions, owner, str(version)) is None:
            raise ResourceNotFoundException(f"{owner.rtype.noun} {owner.id} has no version {version}")

    return check


def _owner_arn(alias: Resource) -> str:
    owner = alias.parent
    assert isinstance(owner, Resource)
    return owner.arn


def versioning(
    owner: ResourceType, id_member: str, arn_member: str, version_param: str
) -> tuple[ResourceType, ResourceType]:
    """The version and alias types of a publishable type (their ARNs are the owner's, qualified).

    ``id_member``/``arn_member`` are the alias outputs' members naming the owner
    (``ContactFlowId``/``ContactFlowArn``); ``version_param`` the requests' version member."""
    base = owner.arn_path.replace("{id}", "{parent}")
    versions = ResourceType(
        kind=f"{owner.kind}-version",
        noun=f"{owner.noun} version",
        arn_path=base + ":{id}",
        id_param=version_param,
        id_names=(),
        parent=owner,
        name_member=None,
        aliases={"VersionDescription": "Description"},
        computed={"Version": lambda v: int(v.id)},
        iam_arn_path=base,
    )
    aliases = ResourceType(
        kind=f"{owner.kind}-alias",
        noun=f"{owner.noun} alias",
        arn_path=base + ":{id}",
        id_param="AliasId",
        id_names=("AliasId",),
        parent=owner,
        unique_name=True,
        duplicate_message="An alias named {name} already exists for " + owner.noun.lower() + " {parent}",
        aliases={"AliasName": "Name", "AliasDescription": "Description"},
        computed={id_member: lambda a: a.parent.id, arn_member: _owner_arn},
        iam_arn_path=base,
        check=_alias_check(versions),
    )
    return versions, aliases


@dataclass(frozen=True)
class Publishable:
    """What flows and flow modules share: saved and published content, versions, aliases."""

    rtype: ResourceType
    versions: ResourceType
    aliases: ResourceType
    #: the attributes a version keeps
    snapshot: tuple[str, ...]
    #: the output shape a described flow (or module) takes, and its checksum member
    shape: str
    sha_member: str
    #: the error for ``$LATEST`` of something never published
    not_published: Callable[[Resource], Exception]


FLOW_VERSION, FLOW_ALIAS = versioning(CONTACT_FLOW, "ContactFlowId", "ContactFlowArn", "ContactFlowVersion")

FLOWS = Publishable(
    rtype=CONTACT_FLOW,
    versions=FLOW_VERSION,
    aliases=FLOW_ALIAS,
    snapshot=("Content",),
    shape="ContactFlow",
    sha_member="FlowContentSha256",
    not_published=lambda flow: ModeledError(
        "ContactFlowNotPublishedException", f"Contact flow {flow.id} has not been published"
    ),
)


def find(resources: Resources, family: Publishable, root: Container, ident: str) -> tuple[Resource, str | None]:
    """The flow (or module) an ID names, with its qualifier (``$SAVED``, ``$LATEST``, a version)."""
    base, qualifier = split_qualifier(ident)
    found = resources.find(family.rtype, root, base)
    if found is None:
        raise family.rtype.not_found(ident)
    return found, qualifier


def view(family: Publishable, resource: Resource, qualifier: str | None, tags: Tags) -> dict[str, Any]:
    """The flow (or module) as a qualifier shows it, in the family's output shape."""
    out = render(resource, family.shape, tags)
    if qualifier is None:
        return out
    if qualifier == SAVED_QUALIFIER:
        draft = resource.attrs.get(DRAFT)
        if draft is not None:
            out.update(Content=draft, Status=SAVED)
    elif qualifier == LATEST_QUALIFIER:
        if resource.attrs.get("Status") != PUBLISHED:
            raise family.not_published(resource)
    else:
        version = resource.children(family.versions.kind).get(qualifier) if qualifier.isdigit() else None
        if version is None:
            raise ResourceNotFoundException(f"{resource.rtype.noun} {resource.id} has no version {qualifier}")
        for member in family.snapshot:
            out.pop(member, None)
            if version.attrs.get(member) is not None:
                out[member] = version.attrs[member]
        out.update(Arn=version.arn, Status=PUBLISHED, Version=int(version.id))
        out.pop("VersionDescription", None)
        if version.attrs.get("Description") is not None:
            out["VersionDescription"] = version.attrs["Description"]
    out[family.sha_member] = fl.content_sha256(out.get("Content"))
    if out[family.sha_member] is None:
        del out[family.sha_member]
    return out


def save(resources: Resources, resource: Resource, content: str | None, other: dict[str, Any], caller: Caller) -> None:
    """Save content without publishing it (unchecked): a published flow keeps it as its draft."""
    changes = dict(other)
    if content is not None:
        changes[DRAFT if resource.attrs.get("Status") == PUBLISHED else "Content"] = content
    resources.update(resource, changes, caller)


def publish(
    resources: Resources, resource: Resource, content: str | None, other: dict[str, Any], caller: Caller
) -> None:
    """Publish content (checked by the type's rules); the saved draft goes."""
    changes = dict(other)
    if content is not None:
        changes.update(Content=content, Status=PUBLISHED)
        if DRAFT in resource.attrs:
            changes[DRAFT] = None
    resources.update(resource, changes, caller)


def create_version(
    resources: Resources, family: Publishable, owner: Resource, description: str | None, sha: str | None, caller: Caller
) -> Resource:
    """A new version: the ``$LATEST`` published content, numbered after every version made before."""
    noun = owner.rtype.noun
    if owner.attrs.get("Status") != PUBLISHED or owner.attrs.get("Content") is None:
        raise InvalidRequestException(f"{noun} {owner.id} has no published content to make a version of")
    latest = fl.content_sha256(owner.attrs["Content"])
    if sha is not None and sha != latest:
        raise InvalidRequestException(
            f"{family.sha_member} {sha} is not the checksum of the $LATEST published content of "
            f"{noun.lower()} {owner.id} ({latest})"
        )
    number = int(owner.attrs.get(VERSIONS_MADE, 0)) + 1
    attrs = {k: owner.attrs[k] for k in family.snapshot if owner.attrs.get(k) is not None}
    if description is not None:
        attrs["Description"] = description
    version = resources.create(family.versions, owner, attrs, caller, resource_id=str(number))
    resources.tags.forget(version.arn)  # versions are not taggable resources of their own
    owner.attrs[VERSIONS_MADE] = number
    return version


def next_version(owner: Resource) -> int:
    return int(owner.attrs.get(VERSIONS_MADE, 0)) + 1


def delete_version(resources: Resources, family: Publishable, owner: Resource, number: int) -> None:
    """Delete a version, unless an alias points at it."""
    version = resources.get(family.versions, owner, str(number))
    users = sorted(a.attrs["Name"] for a in resources.all(family.aliases, owner) if a.attrs.get("Version") == number)
    if users:
        raise InvalidRequestException(
            f"Version {number} of {owner.rtype.noun.lower()} {owner.id} is the version of alias(es) "
            f"{', '.join(users)}; point them at another version first"
        )
    resources.delete(version)


def create_alias(
    resources: Resources, family: Publishable, owner: Resource, attrs: dict[str, Any], caller: Caller
) -> Resource:
    alias = resources.create(family.aliases, owner, attrs, caller)
    resources.tags.forget(alias.arn)  # aliases are not taggable resources of their own
    return alias


# -- AWS's default flows ------------------------------------------------------------------
#: AWS's default flows: name -> (type, description)
DEFAULT_FLOWS: dict[str, tuple[str, str]] = {
    "Default agent hold": ("AGENT_HOLD", "Audio played for the agent when on hold"),
    "Default agent transfer": ("AGENT_TRANSFER", "Default flow to transfer to an agent"),
    "Default agent whisper": ("AGENT_WHISPER", "Default whisper played to the agent"),
    "Default customer hold": ("CUSTOMER_HOLD", "Default audio the customer hears while on hold"),
    "Default customer queue": ("CUSTOMER_QUEUE", "Default queue message and music"),
    "Default customer whisper": ("CUSTOMER_WHISPER", "Default whisper played to the customer"),
    "Default outbound": ("OUTBOUND_WHISPER", "Default flow for outbound calls"),
    "Default queue transfer": ("QUEUE_TRANSFER", "Default flow to transfer to a queue"),
    "Sample inbound flow (first contact experience)": ("CONTACT_FLOW", "Sample inbound flow"),
}

_FIRST = "00000000-0000-4000-8000-000000000001"
_SECOND = "00000000-0000-4000-8000-000000000002"
_THIRD = "00000000-0000-4000-8000-000000000003"


def _action(ident: str, kind: str, parameters: dict[str, Any] | None = None, **transitions: Any) -> dict[str, Any]:
    return {"Identifier": ident, "Type": kind, "Parameters": parameters or {}, "Transitions": transitions}


def flow_content(flow_type: str) -> str:
    """The content of a default flow of a type: Flow language its type allows (no references)."""
    if flow_type in fl.HOLD or flow_type == fl.CUSTOMER_QUEUE:
        # loop prompts (text-to-speech) while on hold or in queue
        text = "Thank you for waiting." if flow_type == fl.CUSTOMER_QUEUE else "You are on hold."
        actions = [_action(_FIRST, "MessageParticipantIteratively", {"Messages": [{"Text": text}]})]
    elif flow_type in fl.WHISPER:
        actions = [
            _action(_FIRST, "MessageParticipant", {"Text": "Connecting."}, NextAction=_SECOND),
            _action(_SECOND, "EndFlowExecution"),
        ]
    elif flow_type in fl.TRANSFER:
        # the transfer's destination queue is set by the quick connect that runs the flow
        on_error = [{"ErrorType": e, "NextAction": _THIRD} for e in ("QueueAtCapacity", "NoMatchingError")]
        actions = [
            _action(_FIRST, "MessageParticipant", {"Text": "Transferring."}, NextAction=_SECOND),
            _action(_SECOND, "TransferContactToQueue", Errors=on_error),
            _action(_THIRD, "DisconnectParticipant"),
        ]
    else:
        actions = [
            _action(_FIRST, "MessageParticipant", {"Text": "Thank you for calling."}, NextAction=_SECOND),
            _action(_SECOND, "DisconnectParticipant"),
        ]
    return json.dumps({"Version": fl.VERSION, "StartAction": _FIRST, "Actions": actions})


def seed_defaults(resources: Resources, instance: Container, caller: Caller) -> None:
    for name, (flow_type, description) in DEFAULT_FLOWS.items():
        attrs = {"Name": name, "Type": flow_type, "Description": description, "Content": flow_content(flow_type)}
        resources.create(CONTACT_FLOW, instance, attrs, caller)
