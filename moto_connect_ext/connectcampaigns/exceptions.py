"""Outbound campaigns' modeled errors (v1 and v2 share the shapes; bodies carry ``message``)."""

from __future__ import annotations

from ..core.errors import (
    ConflictException,
    ResourceNotFoundException,
    ServiceError,
    ServiceQuotaExceededException,
    ValidationError,
)


class InvalidStateException(ServiceError):
    code = "InvalidStateException"


class InvalidCampaignStateException(ServiceError):
    """The campaign's state forbids the action; carries the campaign's ``state``."""

    code = "InvalidCampaignStateException"


__all__ = [
    "ConflictException",
    "InvalidCampaignStateException",
    "InvalidStateException",
    "ResourceNotFoundException",
    "ServiceQuotaExceededException",
    "ValidationError",
]
