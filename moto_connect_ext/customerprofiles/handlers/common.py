"""What Customer Profiles' handler modules share (no operations of its own).

The standard operations of a type under the request's domain (a Get whose output is the
resource, a List, a Delete with no output) come from ``core.resources.operations`` with
``ROOT``; the rest render with ``shown`` and page with ``listed``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.pagination import limit_of
from ...core.resources import Resource, ResourceType, render

#: the request member that names the root of every resource but a domain
ROOT = ("DomainName",)
PAGE_SIZE = 100


def shown(r: Any, resource: Resource, shape: str) -> dict[str, Any]:
    """A resource in an output shape, with its tags."""
    return render(resource, shape, r.backend.resources.tags)


def listed(
    r: Any,
    rtype: ResourceType,
    shape: str,
    *,
    parent: Any = None,
    member: str = "Items",
    keep: Callable[[Resource], bool] | None = None,
    read: Callable[[Resource], Any] | None = None,
) -> dict[str, Any]:
    """One page (``NextToken``, ``MaxResults``) of a type's resources under ``parent`` (the
    request's domain when not given), each ``read`` first where given (its status brought up to
    date), in ``shape`` under ``member``."""
    p = r.params
    resources = r.backend.resources
    where = r.backend.resource_root(p) if parent is None else parent
    page, token = resources.page(rtype, where, p.get("NextToken"), limit_of(p.get("MaxResults"), PAGE_SIZE), keep)
    if read is not None:
        for resource in page:
            read(resource)
    return {member: [render(x, shape, resources.tags) for x in page], "NextToken": token}
