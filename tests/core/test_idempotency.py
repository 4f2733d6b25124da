"""Unit tests of client tokens."""

from __future__ import annotations

import pytest

from moto_connect_ext.core.idempotency import ClientTokens, without


class Reused(Exception):
    pass


def test_a_retry_gets_the_first_result() -> None:
    tokens = ClientTokens()
    made: list[int] = []

    def create() -> int:
        made.append(len(made))
        return made[-1]

    assert tokens.once("Op", "t1", {"a": 1}, create, Reused) == (0, False)
    assert tokens.once("Op", "t1", {"a": 1}, create, Reused) == (0, True)
    assert tokens.once("Other", "t1", {"a": 1}, create, Reused) == (1, False)
    assert tokens.once("Op", None, {"a": 1}, create, Reused) == (2, False)
    assert tokens.once("Op", None, {"a": 1}, create, Reused) == (3, False)
    with pytest.raises(Reused):
        tokens.once("Op", "t1", {"a": 2}, create, Reused)
    assert made == [0, 1, 2, 3]


def test_a_failed_create_leaves_the_token_unused() -> None:
    tokens = ClientTokens()

    def fail() -> int:
        raise ValueError("refused")

    with pytest.raises(ValueError):
        tokens.once("Op", "t", {}, fail, Reused)
    assert tokens.once("Op", "t", {}, lambda: 7, Reused) == (7, False)


def test_forgotten_results_are_created_again() -> None:
    tokens = ClientTokens()
    tokens.once("Op", "t", {}, lambda: "gone", Reused)
    tokens.forget_results(lambda result: result == "gone")
    assert tokens.once("Op", "t", {}, lambda: "new", Reused) == ("new", False)


def test_without_drops_the_token() -> None:
    assert without({"ClientToken": "x", "Name": "n"}, "ClientToken") == {"Name": "n"}
