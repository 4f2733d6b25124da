"""What every Customer Profiles resource type declares alike, said once (``declare``).

A type is the ``profile`` ARN service's (its model is ``customer-profiles``); it is named by
its ID, with no ``Name`` member: ``id_param`` is both the request member that names one and the
output member that holds its ID; its ARN is shown only where the model has a member for it
(``arn_name``); an unknown one is ``ResourceNotFoundException`` "<noun> <id> does not exist"
unless the type says otherwise (``not_found_error``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from ..core.resources import Resource, ResourceType
from .exceptions import ResourceNotFoundException

#: ``CreatedAt``, for the types that show when they were created
CREATED_AT: dict[str, Callable[[Resource], Any]] = {"CreatedAt": lambda r: r.created_time}
#: ``CreatedAt`` and ``LastUpdatedAt``, for the types that show both
STAMPS: dict[str, Callable[[Resource], Any]] = {**CREATED_AT, "LastUpdatedAt": lambda r: r.last_modified_time}


def hex_id() -> str:
    """A new ID of 32 hex digits, for the types whose IDs AWS makes so (profiles, workflows, jobs)."""
    return uuid.uuid4().hex


def not_found(noun: str) -> Callable[[str, Any], Exception]:
    """The error for an unknown ID: "<noun> <id> does not exist"."""
    return lambda ident, _parent: ResourceNotFoundException(f"{noun} {ident} does not exist")


def declare(
    kind: str, noun: str, arn_path: str, id_param: str, arn_name: str | None = None, **rest: Any
) -> ResourceType:
    """A Customer Profiles resource type; ``rest`` holds what it declares of its own."""
    rest.setdefault("not_found_error", not_found(noun))
    return ResourceType(
        kind=kind,
        noun=noun,
        service="customer-profiles",
        arn_service="profile",
        arn_path=arn_path,
        id_param=id_param,
        id_names=(id_param,),
        arn_names=(arn_name,) if arn_name else (),
        name_member=None,
        **rest,
    )
