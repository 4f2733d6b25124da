"""Pagination by position: opaque, stable tokens and no rescanning.

``Store`` keeps resources in creation order with a sequence number each; a
token names the sequence number of the last item returned, so the next page
starts with a binary search, not a scan from the start, and stays right when
items are created or deleted between pages.  ``page_list`` pages a list the
backend computed (sorted search results) by offset.  Tokens carry a keyed
digest: a token this process did not issue is refused.

A token that was not issued here is refused with the operation's modeled
validation error.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import itertools
import secrets
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

from .errors import ValidationError

T = TypeVar("T")

_PREFIX = "mce1"
#: tokens carry a keyed digest, so a token this process did not issue is refused
_KEY = secrets.token_bytes(16)


def _digest(text: str) -> str:
    return hashlib.blake2s(text.encode(), key=_KEY, digest_size=6).hexdigest()


def encode_token(kind: str, value: int) -> str:
    text = f"{_PREFIX}:{kind}:{value}"
    raw = f"{text}:{_digest(text)}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_token(token: str, kind: str) -> int:
    try:
        padded = token + "=" * (-len(token) % 4)
        prefix, found_kind, value, digest = base64.urlsafe_b64decode(padded.encode("ascii")).decode().split(":")
        text = f"{prefix}:{found_kind}:{value}"
        if prefix != _PREFIX or found_kind != kind or not hmac.compare_digest(digest, _digest(text)):
            raise ValueError(token)
        number = int(value)
        if number < 0:
            raise ValueError(token)
        return number
    except (ValueError, UnicodeError, binascii.Error):
        raise ValidationError(f"The pagination token {token[:64]!r} is invalid or expired") from None


def limit_of(max_results: int | None, default: int) -> int:
    return default if max_results is None else max_results


class Store(Generic[T]):
    """A dict of resources by id that remembers creation order for paging."""

    def __init__(self) -> None:
        self._items: dict[str, T] = {}
        self._seq_of: dict[str, int] = {}
        self._seqs: list[int] = []
        self._ids: list[str] = []
        self._counter = itertools.count(1)
        self._dead = 0

    # -- dict-like -----------------------------------------------------------
    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def get(self, key: str) -> T | None:
        return self._items.get(key)

    def __getitem__(self, key: str) -> T:
        return self._items[key]

    def values(self) -> Iterable[T]:
        return self._items.values()

    def items(self) -> Iterable[tuple[str, T]]:
        return self._items.items()

    def position(self, key: str) -> int:
        """Where an item stands in creation order (larger is newer)."""
        return self._seq_of[key]

    def add(self, key: str, item: T) -> T:
        if key in self._items:
            self._items[key] = item
            return item
        seq = next(self._counter)
        self._items[key] = item
        self._seq_of[key] = seq
        self._seqs.append(seq)
        self._ids.append(key)
        return item

    def pop(self, key: str) -> T | None:
        item = self._items.pop(key, None)
        if item is not None:
            del self._seq_of[key]
            self._dead += 1
            if self._dead > 64 and self._dead * 2 > len(self._ids):
                self._compact()
        return item

    def clear(self) -> None:
        self.__init__()  # type: ignore[misc]

    def _compact(self) -> None:
        keep = [(s, k) for s, k in zip(self._seqs, self._ids, strict=True) if self._seq_of.get(k) == s]
        self._seqs = [s for s, _ in keep]
        self._ids = [k for _, k in keep]
        self._dead = 0

    # -- paging --------------------------------------------------------------
    def page(
        self,
        next_token: str | None,
        max_results: int,
        keep: Callable[[T], bool] | None = None,
    ) -> tuple[list[T], str | None]:
        """One page of the items ``keep`` accepts, in creation order."""
        start = 0
        if next_token:
            start = bisect_right(self._seqs, decode_token(next_token, "seq"))
        out: list[T] = []
        last_seq = 0
        index = start
        total = len(self._ids)
        while index < total:
            key = self._ids[index]
            seq = self._seqs[index]
            index += 1
            if self._seq_of.get(key) != seq:
                continue
            item = self._items[key]
            if keep is not None and not keep(item):
                continue
            if len(out) == max_results:
                # there is at least one more item: hand out a token
                return out, encode_token("seq", last_seq)
            out.append(item)
            last_seq = seq
        return out, None


def page_list(items: list[T], next_token: str | None, max_results: int) -> tuple[list[T], str | None]:
    """One page of a list the backend computed, by offset."""
    start = decode_token(next_token, "pos") if next_token else 0
    end = start + max_results
    token = encode_token("pos", end) if end < len(items) else None
    return items[start:end], token
