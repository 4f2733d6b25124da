"""Unit tests of position-based pagination."""

from __future__ import annotations

import pytest

from moto_connect_ext.core.errors import ValidationError
from moto_connect_ext.core.pagination import Store, Walks, decode_token, encode_token, page_list


def _walk(store: Store[int], size: int, keep: object = None) -> list[int]:
    out: list[int] = []
    token = None
    while True:
        page, token = store.page(token, size, keep)  # type: ignore[arg-type]
        out.extend(page)
        if token is None:
            return out


def test_pages_in_creation_order() -> None:
    store: Store[int] = Store()
    for i in range(10):
        store.add(f"k{i}", i)
    assert _walk(store, 3) == list(range(10))
    assert _walk(store, 10) == list(range(10))
    page, token = store.page(None, 10)
    assert token is None and page == list(range(10))


def test_filters_apply_before_the_page_size() -> None:
    store: Store[int] = Store()
    for i in range(20):
        store.add(str(i), i)
    evens = _walk(store, 3, lambda v: v % 2 == 0)
    assert evens == list(range(0, 20, 2))


def test_token_is_stable_across_changes() -> None:
    store: Store[int] = Store()
    for i in range(6):
        store.add(str(i), i)
    first, token = store.page(None, 2)
    assert first == [0, 1]
    store.pop("2")
    store.add("new", 99)
    rest, _ = store.page(token, 10)
    assert rest == [3, 4, 5, 99]


def test_compaction_keeps_order_and_tokens() -> None:
    store: Store[int] = Store()
    for i in range(300):
        store.add(str(i), i)
    for i in range(0, 250):
        store.pop(str(i))
    assert _walk(store, 7) == list(range(250, 300))
    assert len(store) == 50 and "260" in store and "10" not in store


def test_replacing_an_item_keeps_its_place() -> None:
    store: Store[str] = Store()
    store.add("a", "first")
    store.add("b", "second")
    store.add("a", "updated")
    assert _walk(store, 1) == ["updated", "second"]  # type: ignore[arg-type]


FORGED = "bWNlMTpzZXE6OTk5OTk5"  # "mce1:seq:999999" without a digest


@pytest.mark.parametrize(
    "token",
    ["garbage", "", "bWNlMTpwb3M6LTE", FORGED, encode_token("pos", 3)],
    ids=["garbage", "empty", "negative", "forged", "other-kind"],
)
def test_bad_tokens_are_refused(token: str) -> None:
    store: Store[int] = Store()
    store.add("a", 1)
    with pytest.raises(ValidationError, match="pagination token"):
        store.page(token or "x", 1)


def test_page_list_by_offset() -> None:
    items = list(range(7))
    first, token = page_list(items, None, 3)
    second, token2 = page_list(items, token, 3)
    third, token3 = page_list(items, token2, 3)
    assert (first, second, third, token3) == ([0, 1, 2], [3, 4, 5], [6], None)
    assert decode_token(token, "pos") == 3
    with pytest.raises(ValidationError):
        page_list(items, encode_token("seq", 1), 3)


class _Data:
    """Items by id, searched in descending order of their value."""

    def __init__(self, values: dict[str, int]) -> None:
        self.values = dict(values)

    def search(self) -> list[tuple[str, int]]:
        return sorted(self.values.items(), key=lambda pair: -pair[1])

    def lookup(self, key: str) -> tuple[str, int] | None:
        return (key, self.values[key]) if key in self.values else None


def _page(walks: Walks, data: _Data, token: str | None, size: int, scope: str = "q") -> tuple[list[str], str | None]:
    page = walks.page(scope, token, size, data.search, lambda pair: pair[0], data.lookup)
    return [key for key, _ in page.items], page.next_token


def test_a_walk_pages_the_snapshot_of_its_first_page() -> None:
    data = _Data({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5})
    walks = Walks()
    first, token = _page(walks, data, None, 2)
    assert first == ["e", "d"]
    data.values["z"] = 99  # created since: not listed
    data.values["a"] = 100  # its sort key changed: listed where it stood
    del data.values["c"]  # deleted since: skipped, and the page is still full
    second, token = _page(walks, data, token, 2)
    assert second == ["b", "a"]
    assert token is None


def test_walks_of_the_same_scope_are_independent() -> None:
    data = _Data({str(i): i for i in range(6)})
    walks = Walks()
    first, token = _page(walks, data, None, 3)
    data.values["new"] = 50
    other, other_token = _page(walks, data, None, 3)
    rest, _ = _page(walks, data, token, 10)
    assert first + rest == ["5", "4", "3", "2", "1", "0"]
    assert other == ["new", "5", "4"]
    assert _page(walks, data, other_token, 10)[0] == ["3", "2", "1", "0"]


def test_one_page_keeps_no_snapshot_and_the_total_is_the_first_count() -> None:
    data = _Data({"a": 1, "b": 2})
    walks = Walks()
    page = walks.page("q", None, 2, data.search, lambda pair: pair[0], data.lookup)
    assert page.next_token is None and page.total == 2 and len(walks) == 0
    data.values.update(c=3, d=4)
    page = walks.page("q", None, 2, data.search, lambda pair: pair[0], data.lookup)
    assert page.total == 4 and len(walks) == 1
    del data.values["a"]
    assert walks.page("q", page.next_token, 2, data.search, lambda pair: pair[0], data.lookup).total == 4


def test_the_last_item_deleted_ends_the_walk_without_an_empty_page() -> None:
    data = _Data({"a": 1, "b": 2, "c": 3})
    walks = Walks()
    first, token = _page(walks, data, None, 1)
    assert first == ["c"]
    del data.values["a"]
    assert _page(walks, data, token, 1) == (["b"], None)


def test_a_token_is_good_for_its_scope_only() -> None:
    data = _Data({"a": 1, "b": 2})
    walks = Walks()
    _, token = _page(walks, data, None, 1, scope="one")
    with pytest.raises(ValidationError, match="another request"):
        _page(walks, data, token, 1, scope="two")
    with pytest.raises(ValidationError, match="invalid or expired"):
        _page(walks, data, encode_token("walk", 1), 1, scope="one")  # one number, not two
    with pytest.raises(ValidationError, match="pagination token"):
        Store().page(token, 1)  # nor is it a token of a Store


def test_the_least_recently_paged_walk_is_dropped() -> None:
    data = _Data({str(i): i for i in range(5)})
    walks = Walks(max_walks=2)
    _, old = _page(walks, data, None, 1)
    _, recent = _page(walks, data, None, 1)
    _, old = _page(walks, data, old, 1)  # paged: now the most recent
    _page(walks, data, None, 1)
    assert len(walks) == 2
    with pytest.raises(ValidationError, match="expired"):
        _page(walks, data, recent, 1)
    assert _page(walks, data, old, 10)[0] == ["2", "1", "0"]


def test_the_snapshots_hold_a_bounded_number_of_ids() -> None:
    data = _Data({str(i): i for i in range(10)})
    walks = Walks(max_ids=25)
    tokens = [_page(walks, data, None, 1)[1] for _ in range(3)]
    assert len(walks) == 2  # 30 ids would not fit: the first walk went
    with pytest.raises(ValidationError, match="expired"):
        _page(walks, data, tokens[0], 1)
    big = Walks(max_ids=5)
    _, token = _page(big, data, None, 1)
    assert len(big) == 1 and token is not None  # the newest walk stays, whatever its size


def test_a_counted_page_counts_on_the_first_page_and_carries_the_count() -> None:
    store: Store[int] = Store()
    for i in range(10):
        store.add(f"k{i}", i)

    def even(value: int) -> bool:
        return value % 2 == 0

    first, token, total = store.page_counted(None, 2, even)
    assert (first, total) == ([0, 2], 5)
    assert store.page(None, 2, even)[0] == first  # the same page as ``page``
    store.add("k10", 10)  # the count is the walk's first one: later pages carry it
    seen, totals = list(first), []
    while token:
        page, token, total = store.page_counted(token, 2, even)
        seen += page
        totals.append(total)
    assert seen == [0, 2, 4, 6, 8, 10] and set(totals) == {5}
    assert store.page_counted(None, 2, even)[2] == 6  # a new walk counts again
    assert store.page_counted(None, 10, even)[1] is None  # everything fits: no token
    with pytest.raises(ValidationError):  # a list's token is not a counted walk's
        store.page_counted(store.page(None, 2, even)[1], 2, even)
