"""ARNs built from the caller's partition, region and account."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .caller import Caller

_ARN = re.compile(
    r"^arn:(?P<partition>[^:]+):(?P<service>[^:]+):(?P<region>[^:]*):(?P<account>[^:]*):(?P<resource>.+)$"
)


def make_arn(caller: Caller, service: str, resource: str, region: str | None = None) -> str:
    """``arn:<partition>:<service>:<region>:<account>:<resource>`` for this caller."""
    return f"arn:{caller.partition}:{service}:{region or caller.region}:{caller.account_id}:{resource}"


def parse_arn(arn: str) -> dict[str, str] | None:
    match = _ARN.match(arn)
    return match.groupdict() if match else None


def split_qualifier(ident: str) -> tuple[str, str | None]:
    """``<id>:$SAVED`` -> (``<id>``, ``$SAVED``), for an ID or an ARN; (ident, None) without one
    (a flow's, a view's or a metric's version or alias)."""
    head, slash, last = ident.rpartition("/")
    base, colon, qualifier = last.partition(":")
    return f"{head}{slash}{base}", (qualifier if colon else None)
