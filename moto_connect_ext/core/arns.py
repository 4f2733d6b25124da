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
