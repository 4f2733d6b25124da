"""Who is calling: the account, Region and partition of one request."""

from __future__ import annotations

import functools

from moto.utilities.utils import get_partition


class Caller:
    """Account, Region and partition of one request; ARNs are built from it."""

    __slots__ = ("account_id", "partition", "region")

    def __init__(self, account_id: str, region: str, partition: str) -> None:
        self.account_id = account_id
        self.region = region
        self.partition = partition

    def __repr__(self) -> str:
        return f"Caller({self.account_id!r}, {self.region!r}, {self.partition!r})"


@functools.lru_cache(maxsize=256)
def caller_in(account_id: str, region: str) -> Caller:
    """The caller of an account and Region, its partition read from the Region (one object
    for each: a ``Caller`` is never changed)."""
    return Caller(account_id, region, str(get_partition(region)))
