"""A Connect user named by its ARN in another family's request (a file's or an evaluation's author)."""

from __future__ import annotations

from ..core.arns import parse_arn
from ..core.resources import Container, Resource, Resources
from .users import USER


def instance_user(resources: Resources, instance: Container, user_arn: str) -> Resource | None:
    """The user of ``instance`` whose ARN is ``user_arn`` exactly, or None (another instance's, not a user's)."""
    parsed = parse_arn(user_arn)
    parts = parsed["resource"].split("/") if parsed else []
    user = None
    if len(parts) == 4 and (parts[0], parts[1], parts[2]) == ("instance", instance.id, "agent"):
        user = resources.find(USER, instance, parts[3])
    return user if user is not None and user.arn == user_arn else None
