"""Integration associations and their use cases, declared on the resource layer.

An integration association links an instance to another service's resource (an
``IntegrationArn``, at most once per instance); a use case (one per type) hangs off
an association, which cannot be deleted while it has any.  Everything else (IDs,
ARNs, tags, listing, lookups) is the resource layer's.
"""

from __future__ import annotations

from typing import Any

from ..core.arns import parse_arn
from ..core.resources import Resource, Resources, ResourceType
from .exceptions import DuplicateResourceException, InvalidRequestException

CASES_DOMAIN = "CASES_DOMAIN"
#: what an EVENT integration must say about its source application
EVENT_REQUIRED = ("SourceApplicationUrl", "SourceApplicationName", "SourceType")


def _check_association(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    if attrs["IntegrationType"] == "EVENT":
        missing = [k for k in EVENT_REQUIRED if k not in attrs]
        if missing:
            raise InvalidRequestException(f"{', '.join(missing)} required for integration type EVENT")
    if parse_arn(attrs["IntegrationArn"]) is None:
        raise InvalidRequestException(f"IntegrationArn {attrs['IntegrationArn']!r} is not an ARN")
    # "Each Amazon Connect instance can be associated with only one Cases domain" (CreateDomain)
    if (
        current is None
        and attrs["IntegrationType"] == CASES_DOMAIN
        and resources.count(INTEGRATION_ASSOCIATION, parent, lambda a: a.attrs["IntegrationType"] == CASES_DOMAIN)
    ):
        raise DuplicateResourceException(
            f"Instance {parent.id} is already associated with a Cases domain; an instance can have only one"
        )


INTEGRATION_ASSOCIATION = ResourceType(
    kind="integration-association",
    root_id_names=("InstanceId",),
    # an integration is associated with an instance at most once
    name_member="IntegrationArn",
    unique_name=True,
    duplicate_message="Integration {name} is already associated with instance {parent}",
    children_block_delete=("use-case",),
    in_use_code="InvalidRequestException",
    children_message="Integration association {id} still has use cases; delete them first",
    check=_check_association,
)

USE_CASE = ResourceType(
    kind="use-case",
    parent=INTEGRATION_ASSOCIATION,
    # one use case of each type per association
    name_member="UseCaseType",
    unique_name=True,
    duplicate_message="Integration association {parent} already has a use case of type {name}",
)
