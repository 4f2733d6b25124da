"""What one family asks of another within an instance (a view's content, a custom metric's definition).

Such lookups take the instance as itself or as its ID or ARN, and answer None, rather than
raise, where there is no such instance or no such resource: the family asking decides what
that means.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..core.errors import ResourceNotFoundException as CoreNotFound
from ..core.resources import Container, Resources
from .exceptions import ResourceNotFoundException

T = TypeVar("T")


def answer_or_none(backend: Any, instance: Container | str, answer: Callable[[Resources, Container], T]) -> T | None:
    """``answer(resources, instance)``, with the instance itself or the one its ID or ARN names;
    None where there is no such instance, or ``answer`` finds nothing (``ResourceNotFoundException``)."""
    if not isinstance(instance, Container):
        try:
            instance = backend.resource_root({"InstanceId": instance})
        except CoreNotFound:
            return None
    assert isinstance(instance, Container)
    try:
        return answer(backend.resources, instance)
    except ResourceNotFoundException:
        return None
