"""Connect's modeled errors (bodies carry ``Message``)."""

from __future__ import annotations

from typing import Any

from ..core.errors import ResourceNotFoundException as _NotFound
from ..core.errors import ServiceError, ValidationError


class ResourceNotFoundException(_NotFound):
    pass


class DuplicateResourceException(ServiceError):
    code = "DuplicateResourceException"


class InvalidRequestException(ServiceError):
    code = "InvalidRequestException"


class InvalidParameterException(ServiceError):
    code = "InvalidParameterException"


class ResourceConflictException(ServiceError):
    code = "ResourceConflictException"


class ResourceNotReadyException(ServiceError):
    code = "ResourceNotReadyException"


class IdempotencyException(ServiceError):
    code = "IdempotencyException"


class ServiceQuotaExceededException(ServiceError):
    code = "ServiceQuotaExceededException"


class InvalidTestCaseException(ServiceError):
    code = "InvalidTestCaseException"

    def __init__(self, message: str, problems: list[dict[str, Any]]) -> None:
        super().__init__(message, Problems=problems)


__all__ = [
    "DuplicateResourceException",
    "IdempotencyException",
    "InvalidParameterException",
    "InvalidRequestException",
    "InvalidTestCaseException",
    "ResourceConflictException",
    "ResourceNotFoundException",
    "ResourceNotReadyException",
    "ServiceQuotaExceededException",
    "ValidationError",
]
