"""Finding one resource of a parent by its ID or its ARN, for rules that look across families.

``Resources.find`` does the same for a declared type; these take a kind and leave a parent
that has never had a resource of that kind as it is (no empty store is made for it).
"""

from __future__ import annotations

from .resources import Container, Resource


def id_of(value: str) -> str:
    """An ID from an ID or an ARN (its last path segment)."""
    return value.rsplit("/", 1)[-1] if value.startswith("arn:") else value


def child(parent: Container, kind: str, ident: str) -> Resource | None:
    """The resource of ``kind`` under ``parent`` that ``ident`` (an ID or an ARN) names, if any."""
    if not parent.has_children(kind):
        return None
    return parent.children(kind).get(id_of(ident))
