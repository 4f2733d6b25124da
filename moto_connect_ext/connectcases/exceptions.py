"""Connect Cases' modeled errors (bodies carry ``message``).

``ResourceNotFoundException`` always carries ``resourceId`` and ``resourceType``:
build it with :func:`not_found`, or :func:`found` around a lookup.
"""

from __future__ import annotations

from typing import TypeVar

from ..core.errors import ConflictException, ServiceQuotaExceededException, ValidationError
from ..core.errors import ResourceNotFoundException as _NotFound

T = TypeVar("T")


class ResourceNotFoundException(_NotFound):
    def __init__(self, message: str, resource_id: str, resource_type: str) -> None:
        super().__init__(message, resourceId=resource_id, resourceType=resource_type)


def not_found(resource_type: str, resource_id: str, detail: str = "") -> ResourceNotFoundException:
    """``<Type> <id> not found`` with the members the Cases model requires."""
    suffix = f" {detail}" if detail else ""
    return ResourceNotFoundException(f"{resource_type} {resource_id} not found{suffix}", resource_id, resource_type)


def found(item: T | None, resource_type: str, resource_id: str, detail: str = "") -> T:
    """``item`` when a lookup found it, else :func:`not_found`."""
    if item is None:
        raise not_found(resource_type, resource_id, detail)
    return item


__all__ = [
    "ConflictException",
    "ResourceNotFoundException",
    "ServiceQuotaExceededException",
    "ValidationError",
    "found",
    "not_found",
]
