"""Client tokens: a retry with the same token gets the first answer back."""

from __future__ import annotations

from typing import Any


class ClientTokens:
    """Remembers, per operation and token, the request and what it created."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], tuple[Any, Any]] = {}

    def replay(self, operation: str, token: str | None, request: Any) -> tuple[bool, Any]:
        """(True, result) when the token was used for the same request before.

        A token reused with a different request returns (True, MISMATCH)."""
        if not token:
            return False, None
        found = self._seen.get((operation, token))
        if found is None:
            return False, None
        seen_request, result = found
        if seen_request != request:
            return True, MISMATCH
        return True, result

    def remember(self, operation: str, token: str | None, request: Any, result: Any) -> None:
        if token:
            self._seen[(operation, token)] = (request, result)

    def forget_results(self, predicate: Any) -> None:
        for key in [k for k, (_, r) in self._seen.items() if predicate(r)]:
            del self._seen[key]


class _Mismatch:
    def __repr__(self) -> str:
        return "MISMATCH"


MISMATCH: Any = _Mismatch()
