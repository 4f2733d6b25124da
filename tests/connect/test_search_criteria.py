"""Connect's search criteria and tag filters as predicates (pure functions), and their errors through boto3."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest

from moto_connect_ext.connect.search_criteria import criteria_matcher, string_matcher, tag_matcher
from moto_connect_ext.core.errors import ValidationError
from tests.helpers import new_instance, raises


@dataclass
class Item:
    id: str
    name: str
    description: str | None = None
    status: str = "PUBLISHED"
    tags: dict[str, str] = field(default_factory=dict)


ITEMS = [
    Item("id-1", "Alpha greeting", "checks hours", tags={"team": "a"}),
    Item("id-2", "beta menu", "menu flow", tags={"team": "b", "env": "prod"}),
    Item("id-3", "gamma draft", None, status="SAVED", tags={"team": "a"}),
]
FIELDS: dict[str, Any] = {
    "name": lambda item: item.name,
    "description": lambda item: item.description,
    "resourceID": lambda item: item.id,
}
CONDITIONS: dict[str, Any] = {"StatusCondition": lambda status: lambda item: item.status == status}


def found(criteria: dict[str, Any] | None) -> list[str]:
    matches = criteria_matcher(criteria, FIELDS, CONDITIONS)
    return [item.id for item in ITEMS if matches(item)]


def tagged(tag_filter: dict[str, Any] | None) -> list[str]:
    matches = tag_matcher(tag_filter)
    return [item.id for item in ITEMS if matches(item.tags)]


def string(field_name: str, value: str, kind: str = "EXACT") -> dict[str, Any]:
    return {"StringCondition": {"FieldName": field_name, "Value": value, "ComparisonType": kind}}


# -- string conditions -------------------------------------------------------------
def test_no_criteria_matches_everything() -> None:
    assert found(None) == found({}) == ["id-1", "id-2", "id-3"]


def test_exact_compares_exactly() -> None:
    assert found(string("name", "beta menu")) == ["id-2"]
    assert found(string("name", "BETA MENU")) == []
    assert found(string("name", "beta")) == []
    assert found(string("resourceID", "id-3")) == ["id-3"]


def test_starts_with_and_contains_ignore_case() -> None:
    assert found(string("name", "ALPHA", "STARTS_WITH")) == ["id-1"]
    assert found(string("name", "greeting", "STARTS_WITH")) == []
    assert found(string("description", "MENU", "CONTAINS")) == ["id-2"]
    assert found(string("name", "a", "CONTAINS")) == ["id-1", "id-2", "id-3"]


def test_a_missing_value_reads_as_the_empty_string() -> None:
    assert found(string("description", "", "EXACT")) == ["id-3"]
    assert found(string("description", "h", "CONTAINS")) == ["id-1"]


def test_field_names_ignore_case() -> None:
    assert found(string("NAME", "beta menu")) == ["id-2"]
    assert found(string("resourceid", "id-1")) == ["id-1"]


def test_string_matcher_alone() -> None:
    matches = string_matcher({"FieldName": "name", "Value": "gamma", "ComparisonType": "STARTS_WITH"}, FIELDS)
    assert [item.id for item in ITEMS if matches(item)] == ["id-3"]


# -- combinations ------------------------------------------------------------------
def test_or_and_and_conditions() -> None:
    either = {"OrConditions": [string("name", "gamma", "CONTAINS"), string("description", "hours", "CONTAINS")]}
    assert found(either) == ["id-1", "id-3"]
    both = {"AndConditions": [string("name", "a", "CONTAINS"), {"StatusCondition": "PUBLISHED"}]}
    assert found(both) == ["id-1", "id-2"]


def test_nested_to_any_depth() -> None:
    either = {"OrConditions": [string("name", "gamma", "CONTAINS"), string("description", "hours", "CONTAINS")]}
    assert found({"AndConditions": [either, {"StatusCondition": "SAVED"}]}) == ["id-3"]
    deeper = {
        "OrConditions": [{"AndConditions": [either, {"StatusCondition": "PUBLISHED"}]}, string("name", "beta menu")]
    }
    assert found(deeper) == ["id-1", "id-2"]


def test_members_side_by_side_must_all_hold() -> None:
    criteria = {**string("name", "a", "CONTAINS"), "StatusCondition": "SAVED"}
    assert found(criteria) == ["id-3"]
    criteria = {
        "OrConditions": [string("resourceID", "id-1"), string("resourceID", "id-3")],
        "StatusCondition": "SAVED",
    }
    assert found(criteria) == ["id-3"]


def test_operation_conditions_are_the_callers() -> None:
    # without a builder for StatusCondition, the member is not this operation's: ignored
    matches = criteria_matcher({"StatusCondition": "SAVED"}, FIELDS)
    assert all(matches(item) for item in ITEMS)


# -- tag filters -------------------------------------------------------------------
def test_no_tag_filter_matches_any_tags() -> None:
    assert tagged(None) == tagged({}) == ["id-1", "id-2", "id-3"]


def test_tag_condition() -> None:
    assert tagged({"TagCondition": {"TagKey": "team", "TagValue": "a"}}) == ["id-1", "id-3"]
    assert tagged({"TagCondition": {"TagKey": "env"}}) == ["id-2"]  # no value: the key is enough
    assert tagged({"TagCondition": {"TagKey": "team", "TagValue": "A"}}) == []


def test_tag_and_conditions() -> None:
    assert tagged({"AndConditions": [{"TagKey": "team", "TagValue": "b"}, {"TagKey": "env", "TagValue": "prod"}]}) == [
        "id-2"
    ]
    assert tagged({"AndConditions": [{"TagKey": "team", "TagValue": "a"}, {"TagKey": "env"}]}) == []


def test_tag_or_conditions_are_lists_of_and_lists() -> None:
    tag_filter = {
        "OrConditions": [
            [{"TagKey": "env", "TagValue": "prod"}],
            [{"TagKey": "team", "TagValue": "a"}, {"TagKey": "nope"}],
        ]
    }
    assert tagged(tag_filter) == ["id-2"]
    assert tagged({"OrConditions": [[{"TagKey": "env"}], [{"TagKey": "team", "TagValue": "a"}]]}) == [
        "id-1",
        "id-2",
        "id-3",
    ]


def test_tag_filter_parts_side_by_side_must_all_hold() -> None:
    tag_filter = {
        "TagCondition": {"TagKey": "team", "TagValue": "a"},
        "OrConditions": [[{"TagKey": "env"}], [{"TagKey": "team"}]],
    }
    assert tagged(tag_filter) == ["id-1", "id-3"]


# -- errors ------------------------------------------------------------------------
def test_unknown_field_name_is_refused_before_any_item_is_read() -> None:
    with pytest.raises(ValidationError) as info:
        criteria_matcher(string("color", "red"), FIELDS)
    assert info.value.message == (
        "searchCriteria.stringCondition.fieldName: 'color' is not supported;"
        " supported fields are name, description and resourceID"
    )
    nested = {"AndConditions": [{"OrConditions": [string("colour", "red")]}]}
    with pytest.raises(
        ValidationError, match=re.escape("andConditions.orConditions.stringCondition.fieldName: 'colour'")
    ):
        criteria_matcher(nested, FIELDS)


def test_string_condition_members_are_required() -> None:
    with pytest.raises(ValidationError, match="Value, ComparisonType required in a StringCondition"):
        criteria_matcher({"StringCondition": {"FieldName": "name"}}, FIELDS)


def test_unknown_comparison_type_is_refused() -> None:
    with pytest.raises(ValidationError, match="'LIKE' is not one of EXACT, STARTS_WITH and CONTAINS"):
        criteria_matcher(string("name", "x", "LIKE"), FIELDS)


def test_tag_condition_needs_a_key() -> None:
    with pytest.raises(
        ValidationError, match=re.escape("searchFilter.tagFilter: TagKey is required in a TagCondition")
    ):
        tag_matcher({"TagCondition": {"TagValue": "x"}})
    with pytest.raises(ValidationError, match="TagKey is required"):
        tag_matcher({"OrConditions": [[{"TagKey": "a"}, {"TagValue": "x"}]]})


def test_errors_are_the_operations_modeled_validation_exception(moto_connect: Any) -> None:
    connect = moto_connect.client("connect")
    instance_id = new_instance(connect)["Id"]
    with raises("InvalidParameterException", 400, match="supported fields are name, description and resourceID"):
        connect.search_test_cases(InstanceId=instance_id, SearchCriteria=string("color", "red"))
    with raises("InvalidParameterException", 400, match="TagKey is required in a TagCondition"):
        connect.search_test_cases(
            InstanceId=instance_id, SearchFilter={"TagFilter": {"AndConditions": [{"TagValue": "x"}]}}
        )
