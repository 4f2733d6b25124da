"""Who is calling: the account, Region and partition of one request."""

from __future__ import annotations


class Caller:
    """Account, Region and partition of one request; ARNs are built from it."""

    __slots__ = ("account_id", "partition", "region")

    def __init__(self, account_id: str, region: str, partition: str) -> None:
        self.account_id = account_id
        self.region = region
        self.partition = partition

    def __repr__(self) -> str:
        return f"Caller({self.account_id!r}, {self.region!r}, {self.partition!r})"
