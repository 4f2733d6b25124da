"""The Participant Service's modeled errors (bodies carry ``Message``)."""

from __future__ import annotations

from ..core.errors import AccessDeniedException, ConflictException, ResourceNotFoundException, ValidationError

__all__ = ["AccessDeniedException", "ConflictException", "ResourceNotFoundException", "ValidationError"]
