"""Connect's handlers, one module per resource family.

Each module here exposes ``HANDLERS``: snake-case operation name -> a function of the
request (a ``ConnectResponse``: ``.params``, ``.backend``, ``.caller``), most of them
built by the resource layer (``core.resources.operations``).  ``ConnectResponse``
installs every module's handlers; a family added here is served with nothing else
to register.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any


def all_handlers() -> dict[str, Callable[[Any], Any]]:
    """Every family's handlers; an operation handled by two families is a bug."""
    found: dict[str, Callable[[Any], Any]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        handlers: dict[str, Callable[[Any], Any]] = getattr(module, "HANDLERS", {})
        twice = set(found) & set(handlers)
        if twice:
            raise RuntimeError(f"{info.name} handles {sorted(twice)} already handled elsewhere")
        found.update(handlers)
    return found
