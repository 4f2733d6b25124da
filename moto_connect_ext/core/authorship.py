"""Who last changed a resource: the caller's ARN, kept in ``LastUpdatedBy``.

Some resources (Connect's rules and extraction definitions) answer who created or last
updated them.  The plugin names the caller as moto names a caller it has no IAM user for.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from .caller import Caller
from .resources import Resource, Resources

LAST_UPDATED_BY = "LastUpdatedBy"


def caller_arn(caller: Caller) -> str:
    """The calling principal, as moto names a caller it has no IAM user for."""
    return f"arn:{caller.partition}:sts::{caller.account_id}:user/moto"


def authored(request: Mapping[str, Any], members: Iterable[str], caller: Caller) -> dict[str, Any]:
    """A create's attributes: copies of the ``members`` the request gives, and who gave them."""
    attrs = {k: copy.deepcopy(request[k]) for k in members if k in request}
    attrs[LAST_UPDATED_BY] = caller_arn(caller)
    return attrs


def replace_authored(
    resources: Resources, resource: Resource, request: Mapping[str, Any], members: Iterable[str], caller: Caller
) -> None:
    """An update that replaces every one of ``members`` (one the request leaves out is removed)
    and records who made it; the resource's last-modified time moves even when nothing changed."""
    changes = {k: copy.deepcopy(request.get(k)) for k in members}
    changes[LAST_UPDATED_BY] = caller_arn(caller)
    resources.update(resource, changes, caller)
    resources.touch(resource, caller)
