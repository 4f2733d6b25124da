"""Connect Cases' modeled errors (bodies carry ``message``).

``ResourceNotFoundException`` always carries ``resourceId`` and ``resourceType``:
build it with :func:`not_found`.
"""

from __future__ import annotations

from ..core.errors import ConflictException, ServiceQuotaExceededException, ValidationError
from ..core.errors import ResourceNotFoundException as _NotFound


class ResourceNotFoundException(_NotFound):
    def __init__(self, message: str, resource_id: str, resource_type: str) -> None:
        super().__init__(message, resourceId=resource_id, resourceType=resource_type)


def not_found(resource_type: str, resource_id: str, detail: str = "") -> ResourceNotFoundException:
    """``<Type> <id> not found`` with the members the Cases model requires."""
    suffix = f" {detail}" if detail else ""
    return ResourceNotFoundException(f"{resource_type} {resource_id} not found{suffix}", resource_id, resource_type)


__all__ = [
    "ConflictException",
    "ResourceNotFoundException",
    "ServiceQuotaExceededException",
    "ValidationError",
    "not_found",
]
