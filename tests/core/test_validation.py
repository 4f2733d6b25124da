"""Unit tests of the validation engine, on shapes built for the purpose."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from botocore.model import ShapeResolver

from moto_connect_ext.core.validation import MISSING, Compiler, parse_timestamp, render, summarize

SHAPES: dict[str, Any] = {
    "Request": {
        "type": "structure",
        "required": ["Name", "Kind"],
        "members": {
            "Name": {"shape": "Name"},
            "Kind": {"shape": "Kind"},
            "Count": {"shape": "Count"},
            "Ratio": {"shape": "Ratio"},
            "Flag": {"shape": "Flag"},
            "When": {"shape": "When"},
            "Items": {"shape": "Items"},
            "Tags": {"shape": "Tags"},
            "Choice": {"shape": "Choice"},
            "Filter": {"shape": "Filter"},
            "Data": {"shape": "Data"},
            "Renamed": {"shape": "Name", "locationName": "renamedOnTheWire"},
        },
    },
    "Name": {"type": "string", "min": 2, "max": 5, "pattern": "^[a-z]+$"},
    "Kind": {"type": "string", "enum": ["A", "B"]},
    "Count": {"type": "integer", "min": 1, "max": 10},
    "Ratio": {"type": "double", "min": 0, "max": 1},
    "Flag": {"type": "boolean"},
    "When": {"type": "timestamp"},
    "Items": {"type": "list", "member": {"shape": "Name"}, "min": 1, "max": 2},
    "Tags": {"type": "map", "key": {"shape": "TagKey"}, "value": {"shape": "Name"}, "max": 2},
    "TagKey": {"type": "string", "pattern": "^(?!aws:)[\\p{L}\\p{N}_.:]*$"},
    "Choice": {"type": "structure", "union": True, "members": {"Left": {"shape": "Name"}, "Right": {"shape": "Count"}}},
    "Filter": {
        "type": "structure",
        "members": {"Field": {"shape": "Name"}, "AndAll": {"shape": "Filters"}},
    },
    "Filters": {"type": "list", "member": {"shape": "Filter"}, "max": 3},
    "Data": {"type": "blob"},
}


@pytest.fixture(scope="module")
def decode() -> Any:
    resolver = ShapeResolver(SHAPES)
    decoder = Compiler().decoder(resolver.get_shape_by_name("Request"))

    def run(value: Any) -> tuple[Any, list[str]]:
        problems: list[str] = []
        return decoder(value, "", problems), problems

    return run


def test_valid_input_is_decoded(decode: Any) -> None:
    value, problems = decode(
        {
            "Name": "abc",
            "Kind": "A",
            "Count": 3,
            "Ratio": 0.5,
            "Flag": True,
            "When": 0,
            "Items": ["ab"],
            "Tags": {"x": "ok"},
            "Choice": {"Left": "ab"},
            "Filter": {"AndAll": [{"Field": "ab"}, {"AndAll": [{"Field": "cd"}]}]},
            "Data": "aGVsbG8=",
            "renamedOnTheWire": "xy",
        }
    )
    assert problems == []
    assert value["When"] == dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    assert value["Data"] == b"hello"
    assert value["Renamed"] == "xy"
    assert value["Filter"]["AndAll"][1]["AndAll"][0] == {"Field": "cd"}


@pytest.mark.parametrize(
    ("member", "value", "expected"),
    [
        ("Name", "a", "Member must have length greater than or equal to 2"),
        ("Name", "abcdef", "Member must have length less than or equal to 5"),
        ("Name", "AB", "Member must satisfy regular expression pattern: ^[a-z]+$"),
        ("Name", 12, "Member must be a string"),
        ("Kind", "C", "Member must satisfy enum value set: [A, B]"),
        ("Count", 0, "Member must have value greater than or equal to 1"),
        ("Count", 11, "Member must have value less than or equal to 10"),
        ("Count", 1.5, "Member must be an integer"),
        ("Count", True, "Member must be an integer"),
        ("Ratio", 2, "Member must have value less than or equal to 1"),
        ("Ratio", "x", "Member must be a number"),
        ("Flag", "true", "Member must be a boolean"),
        ("When", "yesterday", "Member must be a timestamp"),
        ("Items", [], "Member must have length greater than or equal to 1"),
        ("Items", ["ab", "cd", "ef"], "Member must have length less than or equal to 2"),
        ("Items", "ab", "Member must be a list"),
        ("Tags", {"a": "ab", "b": "ab", "c": "ab"}, "Member must have length less than or equal to 2"),
        ("Tags", {"aws:x": "ab"}, "Map keys must satisfy constraint"),
        ("Tags", {"k": "A"}, "Map value must satisfy constraint"),
        ("Choice", {"Left": "ab", "Right": 2}, "Member must have exactly one of its members set"),
        ("Choice", {}, "Member must have exactly one of its members set"),
        ("Filter", {"AndAll": [{"Field": "XY"}]}, "at 'filter.andAll.1.member.field'"),
        ("Filter", {"AndAll": [{}, {}, {}, {}]}, "Member must have length less than or equal to 3"),
        ("Data", "not base64!", "Member must be base64 encoded binary data"),
    ],
)
def test_each_constraint(decode: Any, member: str, value: Any, expected: str) -> None:
    _, problems = decode({"Name": "ab", "Kind": "A", member: value})
    assert len(problems) == 1, problems
    assert expected in problems[0]


def test_required_and_unknown_members(decode: Any) -> None:
    _, problems = decode({"Extra": 1})
    assert problems == [
        "Value '1' at 'extra' failed to satisfy constraint: Member is not a known member of the structure",
        "Value null at 'name' failed to satisfy constraint: Member must not be null",
        "Value null at 'kind' failed to satisfy constraint: Member must not be null",
    ]


def test_not_an_object(decode: Any) -> None:
    value, problems = decode(["x"])
    assert value is MISSING
    assert problems == ["Value '[x]' at 'request' failed to satisfy constraint: Member must be a structure"]


def test_null_members_are_absent(decode: Any) -> None:
    value, problems = decode({"Name": "ab", "Kind": "A", "Count": None})
    assert problems == [] and "Count" not in value


def test_message_format() -> None:
    assert summarize(["a"]) == "1 validation error detected: a"
    assert summarize(["a", "b"]) == "2 validation errors detected: a; b"


def test_render() -> None:
    assert render(None) == "null"
    assert render("x" * 300).endswith("...'")
    assert render(True) == "true"
    assert render({"a": 1}) == "'{a=1}'"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (1700000000, dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)),
        ("2023-11-14T22:13:20Z", dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)),
        ("2023-11-14T23:13:20+01:00", dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)),
        ("Tue, 14 Nov 2023 22:13:20 GMT", dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)),
        ("1700000000", dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)),
        ("soon", None),
        (True, None),
        (1e30, None),
    ],
)
def test_parse_timestamp(text: Any, expected: Any) -> None:
    assert parse_timestamp(text) == expected


def test_every_served_operation_compiles() -> None:
    """Each input shape of the served services compiles to a decoder."""
    from moto_connect_ext.core.model import service_model

    for service in ("connect", "connectcases", "connectcampaigns", "connectcampaignsv2"):
        model = service_model(service)
        compiler = Compiler()
        for name in model.operation_names:
            op = model.operation_model(name)
            if op.input_shape is not None:
                assert callable(compiler.decoder(op.input_shape))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.com/a", True),
        ("http://h", True),
        ("ftp://h/x", False),
        ("https://", False),
        ("http://[", False),
    ],
)
def test_is_http_url_never_raises(value: str, expected: bool) -> None:
    from moto_connect_ext.core.validation import is_http_url

    assert is_http_url(value) is expected
