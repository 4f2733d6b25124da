"""Pagination by position: opaque, stable tokens and no rescanning.

``Store`` keeps resources in creation order with a sequence number each; a
token names the sequence number of the last item returned, so the next page
starts with a binary search, not a scan from the start, and stays right when
items are created or deleted between pages.

``Walks`` pages searches in any other order (sorted searches): the first page
runs the search and, when there is more than one page, keeps the ordered ids
of its results as a snapshot that belongs to that walk alone; the token names
the snapshot and a position in it.  Every walk therefore visits each item that
exists throughout the walk exactly once, whatever happens between its pages
(creates, deletes, changes of sort keys, other walks of the same query, other
searches); items deleted since the first page are skipped, items created since
are not listed.  The snapshots are bounded: past ``WALKS_KEPT`` walks, or
``IDS_KEPT`` ids in all, the walk paged least recently is dropped, and its
token is refused as expired.

``page_list`` pages by offset a list that does not change between pages.

Tokens carry a keyed digest: a token this process did not issue is refused
with the operation's modeled validation error.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import itertools
import secrets
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .errors import ValidationError

T = TypeVar("T")

_PREFIX = "mce1"
#: tokens carry a keyed digest, so a token this process did not issue is refused
_KEY = secrets.token_bytes(16)


def _digest(text: str) -> str:
    return hashlib.blake2s(text.encode(), key=_KEY, digest_size=6).hexdigest()


def _encode(kind: str, values: tuple[int, ...]) -> str:
    text = f"{_PREFIX}:{kind}:{'.'.join(str(v) for v in values)}"
    raw = f"{text}:{_digest(text)}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode(token: str, kind: str, count: int) -> tuple[int, ...]:
    """The ``count`` numbers a token of this kind carries, or the modeled validation error."""
    try:
        padded = token + "=" * (-len(token) % 4)
        prefix, found_kind, value, digest = base64.urlsafe_b64decode(padded.encode("ascii")).decode().split(":")
        text = f"{prefix}:{found_kind}:{value}"
        if prefix != _PREFIX or found_kind != kind or not hmac.compare_digest(digest, _digest(text)):
            raise ValueError(token)
        numbers = tuple(int(part) for part in value.split("."))
        if len(numbers) != count or any(n < 0 for n in numbers):
            raise ValueError(token)
        return numbers
    except (ValueError, UnicodeError, binascii.Error):
        raise ValidationError(f"The pagination token {token[:64]!r} is invalid or expired") from None


def encode_token(kind: str, value: int) -> str:
    return _encode(kind, (value,))


def decode_token(token: str, kind: str) -> int:
    return _decode(token, kind, 1)[0]


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
        start = bisect_right(self._seqs, decode_token(next_token, "seq")) if next_token else 0
        out, last, _ = self._scan(start, max_results, keep, count_all=False)
        return out, None if last is None else encode_token("seq", last)

    def page_counted(
        self,
        next_token: str | None,
        max_results: int,
        keep: Callable[[T], bool] | None = None,
    ) -> tuple[list[T], str | None, int]:
        """One page, as ``page`` gives it, and how many items ``keep`` accepts in all (a
        search's ``ApproximateTotalCount``). The first page counts them in the pass that finds
        it; its token carries the count to the walk's later pages, so a full walk is one pass
        over the store rather than one per page."""
        if next_token:
            seq, total = _decode(next_token, "seqn", 2)
            out, last, _ = self._scan(bisect_right(self._seqs, seq), max_results, keep, count_all=False)
        else:
            out, last, total = self._scan(0, max_results, keep, count_all=True)
        return out, None if last is None else _encode("seqn", (last, total)), total

    def _scan(
        self, start: int, max_results: int, keep: Callable[[T], bool] | None, count_all: bool
    ) -> tuple[list[T], int | None, int]:
        """(up to ``max_results`` items from position ``start``; the sequence number of the last
        one where more follow, else None; with ``count_all``, every item accepted from ``start``)."""
        out: list[T] = []
        last_seq = 0
        more = False
        counted = 0
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
            counted += 1
            if len(out) == max_results:
                more = True  # there is at least one more item: hand out a token
                if not count_all:
                    break
                continue
            out.append(item)
            last_seq = seq
        return out, last_seq if more else None, counted


def page_list(items: list[T], next_token: str | None, max_results: int) -> tuple[list[T], str | None]:
    """One page of a list the backend computed, by offset: for lists that do not change
    between pages (a search over changing data pages through ``Walks``)."""
    start = decode_token(next_token, "pos") if next_token else 0
    end = start + max_results
    token = encode_token("pos", end) if end < len(items) else None
    return items[start:end], token


#: how many walks keep their snapshot, and how many ids all the snapshots hold at most
WALKS_KEPT = 1000
IDS_KEPT = 2_000_000
#: walk numbers are unique in the process: a token never names a walk of another backend or
#: one from before a reset
_walk_numbers = itertools.count(1)


@dataclass
class WalkPage(Generic[T]):
    """One page of a walk: the items, the token of the next page, and how many results the
    search had when the walk began (deleted ones included)."""

    items: list[T]
    next_token: str | None
    total: int


class _Snapshot:
    __slots__ = ("ids", "scope")

    def __init__(self, scope: str, ids: list[str]) -> None:
        self.scope = scope
        self.ids = ids


class Walks:
    """Snapshots of the walks of sorted searches, by walk; the least recently paged go first.

    Hold one in the backend's state (moto's reset then drops every walk) and page each
    sorted search through ``page``."""

    def __init__(self, max_walks: int = WALKS_KEPT, max_ids: int = IDS_KEPT) -> None:
        self.max_walks = max_walks
        self.max_ids = max_ids
        self._snapshots: OrderedDict[int, _Snapshot] = OrderedDict()
        self._ids = 0

    def __len__(self) -> int:
        return len(self._snapshots)

    def page(
        self,
        scope: str,
        next_token: str | None,
        max_results: int,
        search: Callable[[], Sequence[T]],
        key: Callable[[T], str],
        lookup: Callable[[str], T | None],
    ) -> WalkPage[T]:
        """One page of a walk of the search ``scope`` names.

        ``scope`` identifies the search (operation, container and query, not the page): a
        token is only good for the scope that issued it.  Without a token ``search()`` runs
        and gives every result in order; with one, the walk's snapshot is read and each id
        is looked up now (``lookup`` gives None for an item deleted since: it is skipped).
        ``key`` is an item's id."""
        if not next_token:
            return self._first(scope, max_results, list(search()), key)
        number, position = _decode(next_token, "walk", 2)
        snapshot = self._snapshots.get(number)
        if snapshot is None:
            raise ValidationError(
                f"The pagination token {next_token[:64]!r} has expired: start the search again without a token"
            )
        if snapshot.scope != scope:
            raise ValidationError(f"The pagination token {next_token[:64]!r} was issued for another request")
        self._snapshots.move_to_end(number)
        ids = snapshot.ids
        out: list[T] = []
        while position < len(ids):
            found = lookup(ids[position])
            if found is not None:
                if len(out) == max_results:
                    # there is at least one more item: hand out a token
                    return WalkPage(out, _encode("walk", (number, position)), len(ids))
                out.append(found)
            position += 1
        return WalkPage(out, None, len(ids))

    def _first(self, scope: str, max_results: int, results: list[T], key: Callable[[T], str]) -> WalkPage[T]:
        if len(results) <= max_results:
            return WalkPage(results, None, len(results))  # one page: nothing to keep
        number = next(_walk_numbers)
        self._snapshots[number] = _Snapshot(scope, [key(item) for item in results])
        self._ids += len(results)
        while len(self._snapshots) > 1 and (len(self._snapshots) > self.max_walks or self._ids > self.max_ids):
            _, dropped = self._snapshots.popitem(last=False)
            self._ids -= len(dropped.ids)
        return WalkPage(results[:max_results], _encode("walk", (number, max_results)), len(results))
