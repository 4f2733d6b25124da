"""Flow modules, their versions and aliases, declared on the resource layer.

A flow module is a reusable section of a flow (Administrator Guide, "Flow modules
for reusable functions"): Flow language content checked with the module rules of
``flow_language`` (the actions of inbound flows, ``EndFlowModuleExecution``, no
``InvokeFlowModule``: "Modules do not allow invoking another module"), with no flow
type.  A module is created published; UpdateContactFlowModuleContent publishes, or
saves without publishing when the module is named ``<id>:$SAVED``, as flows do.
``Settings`` is a serialized JSON object ("Serialized JSON string of the flow module
Settings schema"); ``ExternalInvocationConfiguration`` is kept as given.  Versions
snapshot the content and settings ("preserving its content and settings at a
specific point in time"); aliases point at versions; both follow the rules flows
follow (``flows.Publishable``).

Names are unique per instance; an instance has at most 200 modules (Administrator
Guide, service quotas: "Modules per instance", not adjustable).
"""

from __future__ import annotations

from typing import Any

from ..core.errors import ServiceError
from ..core.resources import ModeledError, Quota, Resource, Resources, ResourceType
from . import flow_language as fl
from .flows import ACTIVE, PUBLISHED, InstanceReferences, Publishable, versioning

#: "Modules per instance" (service quotas; not adjustable)
MODULES_PER_INSTANCE = 200


class InvalidContactFlowModuleException(ServiceError):
    """ "The problems with the module", in the model's ``Problems`` list."""

    code = "InvalidContactFlowModuleException"

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            "The flow module is not valid: " + "; ".join(problems), Problems=[{"message": p} for p in problems]
        )


def _check_module(resources: Resources, current: Resource | None, instance: Any, attrs: dict[str, Any]) -> None:
    problems: list[str] = []
    settings = attrs.get("Settings")
    if settings is not None and (current is None or current.attrs.get("Settings") != settings):
        problems += fl.check_settings(settings)
    content = attrs.get("Content")
    changed = current is None or current.attrs.get("Status") != PUBLISHED or current.attrs.get("Content") != content
    if attrs.get("Status") == PUBLISHED and content is not None and changed:
        problems += fl.check_module(content, InstanceReferences(instance))
    if problems:
        raise InvalidContactFlowModuleException(problems[: fl.MAX_PROBLEMS])


CONTACT_FLOW_MODULE = ResourceType(
    kind=fl.FLOW_MODULE,
    id_param="ContactFlowModuleId",
    unique_name=True,
    computed={"FlowModuleContentSha256": lambda m: fl.content_sha256(m.attrs.get("Content"))},
    defaults={"State": ACTIVE, "Status": PUBLISHED},
    in_use_code="InvalidRequestException",
    check=_check_module,
    quota=Quota.most(lambda: MODULES_PER_INSTANCE, "flow modules", "LimitExceededException", first=True),
)

MODULE_VERSION, MODULE_ALIAS = versioning(
    CONTACT_FLOW_MODULE, "ContactFlowModuleId", "ContactFlowModuleArn", "ContactFlowModuleVersion"
)

MODULES = Publishable(
    rtype=CONTACT_FLOW_MODULE,
    versions=MODULE_VERSION,
    aliases=MODULE_ALIAS,
    snapshot=("Content", "Settings"),
    shape="ContactFlowModule",
    sha_member="FlowModuleContentSha256",
    # a module is created published: it always has published content
    not_published=lambda module: ModeledError("ResourceNotFoundException", f"Flow module {module.id} is not published"),
)
