"""Checks of raw responses against botocore output shapes, and state fingerprints."""

from __future__ import annotations

import base64
from typing import Any

from botocore.model import Shape


def check_output(shape: Shape | None, value: Any, path: str = "") -> list[str]:
    """Problems with a decoded JSON body against an output shape (empty when it fits exactly)."""
    if shape is None:
        return [] if value in ({}, None) else [f"{path or 'body'}: the operation has no output, got {value!r}"]
    return _check(shape, value, path or shape.name, top=True)


def _check(shape: Shape, value: Any, path: str, top: bool = False) -> list[str]:
    if value is None:
        return [f"{path}: null"]
    kind = shape.type_name
    if kind == "structure":
        if shape.metadata.get("document"):
            return []
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {value!r}"]
        problems = []
        wire = {}
        for name, member in shape.members.items():
            if top and member.serialization.get("location"):
                continue
            wire[member.serialization.get("name", name)] = (name, member)
        for key, item in value.items():
            if key not in wire:
                problems.append(f"{path}: unknown key {key!r}")
                continue
            problems.extend(_check(wire[key][1], item, f"{path}.{key}"))
        for name in shape.required_members:
            member = shape.members[name]
            if top and member.serialization.get("location"):
                continue
            if member.serialization.get("name", name) not in value:
                problems.append(f"{path}: required member {name!r} missing")
        if shape.metadata.get("union") and len(value) != 1:
            problems.append(f"{path}: a union needs exactly one member, got {sorted(value)}")
        return problems
    if kind == "list":
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {value!r}"]
        return [p for i, item in enumerate(value) for p in _check(shape.member, item, f"{path}[{i}]")]
    if kind == "map":
        if not isinstance(value, dict):
            return [f"{path}: expected a map, got {value!r}"]
        return [p for k, item in value.items() for p in _check(shape.value, item, f"{path}.{k}")]
    if kind == "string":
        if not isinstance(value, str):
            return [f"{path}: expected a string, got {value!r}"]
        enum = shape.metadata.get("enum")
        if enum and value not in enum:
            return [f"{path}: {value!r} not in enum"]
        return []
    if kind in ("integer", "long"):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return [] if ok else [f"{path}: expected an integer, got {value!r}"]
    if kind in ("float", "double"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else [f"{path}: expected a number, got {value!r}"]
    if kind == "boolean":
        return [] if isinstance(value, bool) else [f"{path}: expected a boolean, got {value!r}"]
    if kind == "timestamp":
        fmt = shape.serialization.get("timestampFormat")
        if fmt == "iso8601":
            return [] if isinstance(value, str) else [f"{path}: expected an ISO 8601 string, got {value!r}"]
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else [f"{path}: expected epoch seconds, got {value!r}"]
    if kind == "blob":
        try:
            base64.b64decode(value, validate=True)
        except Exception:
            return [f"{path}: expected base64, got {value!r}"]
        return []
    return [f"{path}: unexpected shape type {kind}"]


_VOLATILE = {"_tick", "_time_progressed"}


def fingerprint(value: Any, depth: int = 0, seen: set[int] | None = None) -> Any:
    """A comparable picture of an object graph (backend state)."""
    seen = seen if seen is not None else set()
    if depth > 12:
        return "..."
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return value
    if isinstance(value, dict):
        return tuple(sorted((repr(k), fingerprint(v, depth + 1, seen)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(fingerprint(v, depth + 1, seen) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(v) for v in value))
    if id(value) in seen:
        return f"<{type(value).__name__}>"
    attributes = getattr(value, "__dict__", None)
    if attributes is None:
        return f"<{type(value).__name__}>"
    seen.add(id(value))
    return (
        type(value).__name__,
        tuple(sorted((k, fingerprint(v, depth + 1, seen)) for k, v in attributes.items() if k not in _VOLATILE)),
    )
