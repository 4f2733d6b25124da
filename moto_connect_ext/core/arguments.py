"""A request's members as the arguments of a backend method, as every service's handlers
unpack them: optional members by keyword, and the page a list operation asks for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import snake_case
from .pagination import limit_of


def keywords(params: Mapping[str, Any], *members: str) -> dict[str, Any]:
    """The request's ``members`` as keyword arguments, each named after its member in snake case
    (``ClientToken`` and ``clientToken`` are ``client_token``); None where the request leaves one out."""
    return {snake_case(member): params.get(member) for member in members}


def page_args(
    params: Mapping[str, Any], size: int, token: str = "NextToken", limit: str = "MaxResults"
) -> tuple[str | None, int]:
    """The page a list request asks for: its ``token`` member, and its ``limit`` member
    (``size`` where the request does not say)."""
    return params.get(token), limit_of(params.get(limit), size)
