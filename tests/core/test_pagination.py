"""Unit tests of position-based pagination."""

from __future__ import annotations

import pytest

from moto_connect_ext.core.errors import ValidationError
from moto_connect_ext.core.pagination import Store, decode_token, encode_token, page_list


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
