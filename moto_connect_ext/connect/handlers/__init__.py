"""Connect's handlers, one module per resource family.

Each module here exposes ``HANDLERS``: snake-case operation name -> a function of the
request (a ``ConnectResponse``: ``.params``, ``.backend``, ``.caller``), most of them
built by the resource layer (``core.resources.operations``).  ``ConnectResponse``
installs every module's handlers; a family added here is served with nothing else
to register.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.responses import discover_handlers


def all_handlers() -> dict[str, Callable[[Any], Any]]:
    """Every family's handlers; an operation handled by two families is a bug."""
    return discover_handlers(__name__, __path__)
