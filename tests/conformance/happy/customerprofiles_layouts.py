"""Valid requests for domain layouts: a layout that is a JSON object, under a fresh name."""

from __future__ import annotations

import json
import uuid
from typing import Any

from tests.conformance.seeds import World, happy

_LAYOUT = json.dumps({"sections": [{"title": "Contact", "fields": ["EmailAddress"]}]})


def _new_layout(world: World, domain: str) -> str:
    name = f"happy-{uuid.uuid4().hex[:12]}"
    world.client().create_domain_layout(
        DomainName=domain,
        LayoutDefinitionName=name,
        Description="happy",
        DisplayName="Happy",
        LayoutType="PROFILE_EXPLORER",
        Layout=_LAYOUT,
    )
    return name


@happy("customer-profiles", "CreateDomainLayout")
def _create_domain_layout(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "LayoutDefinitionName": f"happy-{uuid.uuid4().hex[:12]}", "Layout": _LAYOUT}


@happy("customer-profiles", "GetDomainLayout", "DeleteDomainLayout")
def _a_layout(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "LayoutDefinitionName": _new_layout(world, request["DomainName"])}


@happy("customer-profiles", "UpdateDomainLayout")
def _update_domain_layout(world: World, request: dict[str, Any]) -> dict[str, Any]:
    request = {k: v for k, v in request.items() if k != "Layout"}
    return {**request, "LayoutDefinitionName": _new_layout(world, request["DomainName"]), "Layout": _LAYOUT}
