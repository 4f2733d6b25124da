"""Errors the backends raise, serialized in each service's own modeled shape.

A backend raises ``ServiceError`` subclasses named after the modeled exception
(``ResourceNotFoundException``...).  The serializer looks the name up in the
service model: the HTTP status comes from the model, the message travels under
the member the shape declares (``Message`` for Connect, ``message`` elsewhere),
and extra members (``resourceId``, ``state``, ``Problems``...) are filled from the
error's ``fields``.  ``ValidationError`` is special: it becomes the validation
exception the *operation* models (``ValidationException`` for Cases and
campaigns, ``InvalidParameterException`` or ``InvalidRequestException`` for
Connect).
"""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """An error AWS would return; ``code`` names the modeled exception shape."""

    code = "ServiceError"
    #: the HTTP status of an error the service does not model (a modeled one takes the model's)
    status: int | None = None
    #: what the error is answered as by an operation whose model does not list ``code``: the
    #: first of these it lists (a name taken on a rename, which some updates model as a conflict
    #: and others as a bad parameter)
    instead: tuple[str, ...] = ()

    def __init__(self, message: str, **fields: Any) -> None:
        super().__init__(message)
        self.message = message
        self.fields = {k: v for k, v in fields.items() if v is not None}

    def __repr__(self) -> str:
        return f"{self.code}({self.message!r})"


class ValidationError(ServiceError):
    """Bad input: serialized as the operation's modeled validation exception."""

    code = "ValidationException"


class AccessDeniedException(ServiceError):
    code = "AccessDeniedException"


class ConflictException(ServiceError):
    code = "ConflictException"


class ResourceNotFoundException(ServiceError):
    code = "ResourceNotFoundException"


class ServiceQuotaExceededException(ServiceError):
    code = "ServiceQuotaExceededException"


class ThrottlingException(ServiceError):
    code = "ThrottlingException"


class NotServed(ServiceError):
    """An operation the model knows but neither this plugin nor moto serves."""

    code = "NotImplemented"
