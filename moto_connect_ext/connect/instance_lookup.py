"""An instance named by the families that other families ask (views, custom metrics).

Such lookups take the instance as itself or as its ID or ARN, and answer None, rather than
raise, where there is no such instance: the family asking decides what that means.
"""

from __future__ import annotations

from typing import Any

from ..core.errors import ResourceNotFoundException as CoreNotFound
from ..core.resources import Container


def instance_or_none(backend: Any, instance: Container | str) -> Container | None:
    """The instance itself, or the one its ID or ARN names; None where there is none."""
    if isinstance(instance, Container):
        return instance
    try:
        found: Container = backend.resource_root({"InstanceId": instance})
    except CoreNotFound:
        return None
    return found
