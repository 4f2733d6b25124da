"""Customer Profiles' modeled errors (bodies carry ``Message``)."""

from __future__ import annotations

from ..core.errors import AccessDeniedException, ResourceNotFoundException, ServiceError


class BadRequestException(ServiceError):
    """Customer Profiles' answer to bad input (its validation exception, HTTP 400)."""

    code = "BadRequestException"


__all__ = ["AccessDeniedException", "BadRequestException", "ResourceNotFoundException"]
