"""Domain layouts: how the Connect admin website shows a domain's profiles.

A layout (``domains/<domain>/layouts/<LayoutDefinitionName>``, named by its name, unique in its
domain) has a ``DisplayName``, a ``Description``, a ``LayoutType`` (``PROFILE_EXPLORER``) and the
``Layout`` itself, a JSON document (an object; anything else is refused).  Its ``Version`` starts
at ``"1"`` and grows by one with every update that changes something.  ``IsDefault``: "this
layout will be used by default to view data", so one layout of a domain at most is the default:
making one the default makes the others not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..core.caller import Caller
from ..core.resources import Resource, Resources
from .declarations import STAMPS, declare
from .exceptions import BadRequestException

#: the request members a layout keeps, and those an update may change
MEMBERS = ("Description", "DisplayName", "IsDefault", "LayoutType", "Layout")
VERSION = "Version"


def _check(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    try:
        document = json.loads(attrs["Layout"])
    except ValueError:
        raise BadRequestException("Layout must be a JSON document") from None
    if not isinstance(document, dict):
        raise BadRequestException("Layout must be a JSON object")


LAYOUT = declare(
    "layout",
    "Layout",
    "domains/{parent}/layouts/{id}",
    "LayoutDefinitionName",
    computed=STAMPS,
    check=_check,
)


def _only_default(resources: Resources, domain: Resource, layout: Resource, caller: Caller) -> None:
    if not layout.attrs.get("IsDefault"):
        return
    for other in resources.all(LAYOUT, domain):
        if other is not layout and other.attrs.get("IsDefault"):
            resources.update(other, {"IsDefault": False}, caller)


def create(resources: Resources, domain: Resource, caller: Caller, name: str, request: Mapping[str, Any]) -> Resource:
    if resources.find(LAYOUT, domain, name) is not None:
        raise BadRequestException(f"Layout {name} already exists in domain {domain.id}")
    attrs = {k: request[k] for k in MEMBERS if request.get(k) is not None}
    attrs[VERSION] = "1"
    layout = resources.create(LAYOUT, domain, attrs, caller, request.get("Tags"), resource_id=name)
    _only_default(resources, domain, layout, caller)
    return layout


def update(resources: Resources, layout: Resource, caller: Caller, request: Mapping[str, Any]) -> Resource:
    changes = {k: request[k] for k in MEMBERS if k in request and layout.attrs.get(k) != request[k]}
    if not changes:
        return layout
    changes[VERSION] = str(int(layout.attrs[VERSION]) + 1)
    resources.update(layout, changes, caller)
    domain = layout.parent
    assert isinstance(domain, Resource)
    _only_default(resources, domain, layout, caller)
    return layout
