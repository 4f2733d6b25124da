"""JSON carried inside a request member as a string: parsed once, refused in the caller's words.

Many members hold a JSON document as text (a view's input data, a profile object, a rule's
function, a data table's list value). Each is refused the same two ways: it is not JSON at
all, or it is JSON of another kind than the one expected (an array for an object). The
wording and the error class are the caller's: each service words these as AWS does.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def load_json(
    text: str,
    kind: type,
    error: Callable[[str], Exception],
    not_json: str,
    not_kind: str,
) -> Any:
    """``text`` parsed as JSON of ``kind`` (``dict``, ``list``, ...).

    Raises ``error(not_json)`` where it is not JSON and ``error(not_kind)`` where it is JSON
    of another kind (the parser's own error is not chained)."""
    try:
        parsed = json.loads(text)
    except ValueError:
        raise error(not_json) from None
    if not isinstance(parsed, kind):
        raise error(not_kind)
    return parsed
