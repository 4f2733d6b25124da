"""Outbound campaigns' modeled errors (v1 and v2 share the shapes; bodies carry ``message``)."""

from __future__ import annotations

from ..core.errors import ConflictException, ResourceNotFoundException, ServiceError, ValidationError


class InvalidStateException(ServiceError):
    code = "InvalidStateException"


__all__ = [
    "ConflictException",
    "InvalidStateException",
    "ResourceNotFoundException",
    "ValidationError",
]
