"""Extraction definitions (CreateExtractionDefinition and its family), declared on the resource layer.

An extraction definition (API Reference, CreateExtractionDefinition) tells Connect's generative
AI what structured value to extract from a customer interaction: ``ExtractionConfiguration``
holds the ``PromptHint`` (what to look for) and the ``NotFoundBehavior`` (``USE_DEFAULT_VALUE``
answers its ``DefaultValue``, ``OMIT`` leaves the field out); ``Display.Label`` is what the agent
workspace shows.  Rules ``EXTRACT_INFORMATION`` actions name definitions
(``RulesExtractionDefinitions``); ``connect/rules.py`` checks that they exist.  The rules enforced:

* names are unique per instance ("A unique name of the extraction definition";
  ``ResourceConflictException``, the conflict CreateExtractionDefinition and
  UpdateExtractionDefinition model);
* a ``USE_DEFAULT_VALUE`` behaviour carries a ``DefaultValue`` and an ``OMIT`` one none
  (``InvalidRequestException``); the prompt hint is not blank;
* an instance has at most ``DEFINITIONS_PER_INSTANCE`` definitions (``ServiceQuotaExceededException``;
  AWS documents no number: the plugin's own bound);
* a client token makes CreateExtractionDefinition idempotent (and a retried update a no-op);
  another request with a used token is ``InvalidRequestException``.

UpdateExtractionDefinition replaces the definition's name, configuration and display (a display
left out is removed).  ``LastUpdatedBy`` is the calling principal's ARN; ``LastUpdatedTime``
moves with every update.  AWS documents nothing a definition's deletion is blocked by (a rule
naming a deleted definition keeps its action, as rules keep other deleted references).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.authorship import authored, replace_authored
from ..core.caller import Caller
from ..core.resources import Container, Quota, Resource, Resources, ResourceType
from .exceptions import InvalidRequestException

#: definitions per instance: AWS documents no number; the plugin's own bound
DEFINITIONS_PER_INSTANCE = 500
#: what CreateExtractionDefinition and UpdateExtractionDefinition take that is the definition's own
MEMBERS = ("Name", "ExtractionConfiguration", "Display")


def check_configuration(configuration: Mapping[str, Any]) -> None:
    if not str(configuration.get("PromptHint") or "").strip():
        raise InvalidRequestException("ExtractionConfiguration.PromptHint must not be blank")
    behavior = configuration.get("NotFoundBehavior")
    if behavior is None:
        return
    default = behavior.get("DefaultValue")
    if behavior["Behavior"] == "USE_DEFAULT_VALUE" and default is None:
        raise InvalidRequestException(
            "ExtractionConfiguration.NotFoundBehavior: USE_DEFAULT_VALUE requires a DefaultValue"
        )
    if behavior["Behavior"] == "OMIT" and default is not None:
        raise InvalidRequestException(
            "ExtractionConfiguration.NotFoundBehavior: an OMIT behavior takes no DefaultValue"
        )


def _check(resources: Resources, current: Resource | None, instance: Any, attrs: dict[str, Any]) -> None:
    if not str(attrs.get("Name") or "").strip():
        raise InvalidRequestException("Name must not be blank")
    check_configuration(attrs["ExtractionConfiguration"])


EXTRACTION_DEFINITION = ResourceType(
    kind="extraction-definition",
    unique_name=True,
    duplicate_code="ResourceConflictException",
    duplicate_message="An extraction definition with the name {name} already exists in the instance",
    computed={"LastUpdatedTime": lambda r: r.last_modified_time},
    check=_check,
    quota=Quota.most(lambda: DEFINITIONS_PER_INSTANCE, "extraction definitions"),
)


def create(
    resources: Resources, instance: Container, request: Mapping[str, Any], caller: Caller, tags: dict[str, str] | None
) -> Resource:
    return resources.create(EXTRACTION_DEFINITION, instance, authored(request, MEMBERS, caller), caller, tags)


def update(resources: Resources, definition: Resource, request: Mapping[str, Any], caller: Caller) -> None:
    """The definition's name, configuration and display replaced (a display left out is removed)."""
    replace_authored(resources, definition, request, MEMBERS, caller)


def find(resources: Resources, instance: Container, ident: str) -> Resource | None:
    """The definition ``ident`` (an ID or an ARN) names in the instance, if there is one."""
    return resources.find(EXTRACTION_DEFINITION, instance, ident)
