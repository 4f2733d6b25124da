"""The comparisons a dimension makes, shared by calculated attributes' filters and segments'
dimensions: the text ones on a value that is there, and the number ones on two numbers.

What a missing value meets, how the values are read and the other dimension types (dates,
lists) stay with each family: they differ between the two."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any

STRING_TYPES = frozenset({"INCLUSIVE", "EXCLUSIVE", "CONTAINS", "BEGINS_WITH", "ENDS_WITH"})
#: the order comparisons between two numbers, by dimension type
NUMBER_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "GREATER_THAN": operator.gt,
    "LESS_THAN": operator.lt,
    "GREATER_THAN_OR_EQUAL": operator.ge,
    "LESS_THAN_OR_EQUAL": operator.le,
}
NUMBER_TYPES = frozenset(NUMBER_COMPARISONS)


def text_matches(kind: str, text: str, values: Sequence[str]) -> bool:
    """Whether a value's text meets a dimension of one of ``STRING_TYPES``."""
    if kind == "INCLUSIVE":
        return text in values
    if kind == "EXCLUSIVE":
        return text not in values
    if kind == "CONTAINS":
        return any(v in text for v in values)
    if kind == "BEGINS_WITH":
        return any(text.startswith(v) for v in values)
    return any(text.endswith(v) for v in values)
