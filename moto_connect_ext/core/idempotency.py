"""Client tokens: a retry with the same token gets the first answer back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def without(request: dict[str, Any], token_member: str) -> dict[str, Any]:
    """The request minus its token: what a retry must repeat to be the same request."""
    return {k: v for k, v in request.items() if k != token_member}


class ClientTokens:
    """Remembers, per operation and token, the request and what it produced."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], tuple[Any, Any]] = {}

    def once(
        self,
        operation: str,
        token: str | None,
        fingerprint: Any,
        create: Callable[[], T],
        mismatch: Callable[[], Exception],
    ) -> tuple[T, bool]:
        """``(result, replayed)``: ``create()``'s result, or the first result for a retry.

        A token reused with another request (another ``fingerprint``) raises ``mismatch()``;
        without a token every call creates."""
        if token:
            found = self._seen.get((operation, token))
            if found is not None:
                seen_request, result = found
                if seen_request != fingerprint:
                    raise mismatch()
                return result, True
        result = create()
        if token:
            self._seen[(operation, token)] = (fingerprint, result)
        return result, False

    def forget_results(self, predicate: Callable[[Any], bool]) -> None:
        """Forget the tokens whose result is gone (a deleted resource is created anew)."""
        for key in [k for k, (_, r) in self._seen.items() if predicate(r)]:
            del self._seen[key]
