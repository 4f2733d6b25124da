"""moto-connect-ext: Amazon Connect, Connect Cases and outbound campaigns for moto.

``import moto_connect_ext`` registers the plugin with moto, so plain
``moto.mock_aws`` and moto's servers serve these services too.  ``mock_connect``
is ``mock_aws`` with the plugin registered: a decorator (functions, classes,
``unittest.TestCase``), a context manager, and ``.start()``/``.stop()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

from .core.registry import register

__version__ = "0.1.0"
__all__ = ["__version__", "mock_connect", "register"]

T = TypeVar("T")


@overload
def mock_connect(func: Callable[..., T]) -> Callable[..., T]: ...


@overload
def mock_connect(func: None = None, config: Any = None) -> Any: ...


def mock_connect(func: Callable[..., T] | None = None, config: Any = None) -> Any:
    """``moto.mock_aws`` with the Connect family served by this plugin."""
    from moto import mock_aws

    register()
    if func is not None:
        return mock_aws(func)
    return mock_aws(config=config)


register()
