"""Customer Profiles' handlers, one module per family of operations.

Each module exposes ``HANDLERS`` (snake-case operation name -> a function of the request:
``.params``, ``.backend``, ``.caller``); ``CustomerProfilesResponse`` installs them all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.responses import discover_handlers


def all_handlers() -> dict[str, Callable[[Any], Any]]:
    return discover_handlers(__name__, __path__)
