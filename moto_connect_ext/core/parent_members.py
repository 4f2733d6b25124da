"""Output members that name a child resource's parent (``HoursOfOperationId``, ``DataTableArn``).

For ``ResourceType.computed``: a child whose output shapes carry its parent's ID and ARN under
``<stem>Id`` and ``<stem>Arn``, as ``root_id_names`` does for the root's ID.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .resources import Resource


def parent_members(stem: str) -> dict[str, Callable[[Resource], Any]]:
    """``<stem>Id`` and ``<stem>Arn``: the parent's ID and ARN (None for a parent with no ARN)."""
    return {f"{stem}Id": lambda r: r.parent.id, f"{stem}Arn": lambda r: getattr(r.parent, "arn", None)}
