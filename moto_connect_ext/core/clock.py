"""The plugin's one clock: timezone-aware UTC, as AWS's timestamps are."""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
