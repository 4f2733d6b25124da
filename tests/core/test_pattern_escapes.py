"""Model patterns that are escaped twice are read as the service means them."""

from __future__ import annotations

import pytest

from moto_connect_ext.core.model import service_model
from moto_connect_ext.core.validation import _compile_pattern, unescape_pattern


def test_doubled_escapes_are_undone() -> None:
    assert unescape_pattern("\\\\+[1-9]\\\\d{1,14}$") == "\\+[1-9]\\d{1,14}$"
    assert unescape_pattern("^[\\\\P{C}\\r\\n\\t]*$") == "^[\\P{C}\\r\\n\\t]*$"
    assert unescape_pattern("^(?!\\\\.$)[\\\\p{L}\\\\-_]+$") == "^(?!\\.$)[\\p{L}\\-_]+$"


def test_well_escaped_patterns_are_untouched() -> None:
    tag_key = "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$"
    assert unescape_pattern(tag_key) == tag_key
    assert unescape_pattern("s3://\\S+/.+") == "s3://\\S+/.+"


@pytest.mark.parametrize(
    ("value", "ok"),
    [("+15555550100", True), ("+442071838750", True), ("15555550100", False), ("+0123", False)],
)
def test_connect_phone_number_pattern(value: str, ok: bool) -> None:
    pattern = service_model("connect").shape_for("PhoneNumber").metadata["pattern"]
    assert (_compile_pattern(pattern).search(value) is not None) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("Passw0rd", True), ("aB3" + "x" * 61, True), ("password1", False), ("PASSWORD1", False), ("Pass w0rd", False)],
)
def test_a_pattern_written_as_a_regex_literal(value: str, ok: bool) -> None:
    # Connect's Password pattern carries JavaScript's slashes: /^...$/
    pattern = service_model("connect").shape_for("Password").metadata["pattern"]
    assert pattern.startswith("/^")
    assert (_compile_pattern(pattern).fullmatch(value) is not None) is ok
    assert unescape_pattern("/^a$/") == "^a$"
    assert unescape_pattern("s3://x/") == "s3://x/"
