"""Unit tests of the pure case-rule checks (no mock, no backend)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from moto_connect_ext.connectcases import rules


@dataclass
class FakeField:
    id: str
    type: str
    deleted: bool = False
    options: set[str] = field(default_factory=set)

    def option_values(self) -> set[str]:
        return set(self.options)


FIELDS = {
    f.id: f
    for f in (
        FakeField("title", "Text"),
        FakeField("amount", "Number"),
        FakeField("vip", "Boolean"),
        FakeField("due", "DateTime"),
        FakeField("owner", "User"),
        FakeField("country", "SingleSelect", options={"us", "ca"}),
        FakeField("state", "SingleSelect", options={"wa", "on"}),
        FakeField("old", "Text", deleted=True),
    )
}
lookup = FIELDS.get


def eq(field_id: str, **operand: Any) -> dict[str, Any]:
    return {"equalTo": {"operandOne": {"fieldId": field_id}, "operandTwo": operand, "result": True}}


def ne(field_id: str, **operand: Any) -> dict[str, Any]:
    return {"notEqualTo": {"operandOne": {"fieldId": field_id}, "operandTwo": operand, "result": False}}


def all_of(*conditions: dict[str, Any]) -> dict[str, Any]:
    return {"andAll": {"conditions": list(conditions)}}


def any_of(*conditions: dict[str, Any]) -> dict[str, Any]:
    return {"orAll": {"conditions": list(conditions)}}


def required(*conditions: dict[str, Any]) -> dict[str, Any]:
    return {"required": {"defaultValue": False, "conditions": list(conditions)}}


def options_rule(
    mappings: list[tuple[str, list[str]]], parent: str = "country", child: str = "state"
) -> dict[str, Any]:
    return {
        "fieldOptions": {
            "parentFieldId": parent,
            "childFieldId": child,
            "parentChildFieldOptionsMappings": [
                {"parentFieldOptionValue": p, "childFieldOptionValues": c} for p, c in mappings
            ],
        }
    }


def test_rule_kind_and_type() -> None:
    assert rules.rule_type(required()) == "Required"
    assert rules.rule_type({"hidden": {"defaultValue": True, "conditions": []}}) == "Hidden"
    assert rules.rule_type(options_rule([])) == "FieldOptions"
    assert rules.rule_kind(options_rule([])) == "fieldOptions"
    with pytest.raises(ValueError):
        rules.rule_kind({})


def test_comparisons_walk_the_tree_in_order() -> None:
    tree = [eq("title", stringValue="a"), all_of(ne("amount", doubleValue=1.0), any_of(eq("vip", booleanValue=True)))]
    walked = [(op, operands["operandOne"]["fieldId"]) for op, operands in rules.comparisons(tree)]
    assert walked == [("equalTo", "title"), ("notEqualTo", "amount"), ("equalTo", "vip")]


@pytest.mark.parametrize(
    ("conditions", "depth"),
    [
        ([], 0),
        ([eq("title", stringValue="a")], 0),
        ([all_of(eq("title", stringValue="a"))], 1),
        ([all_of(any_of(eq("title", stringValue="a")))], 2),
        ([eq("title", stringValue="a"), any_of(all_of(any_of()))], 3),
        ([all_of()], 1),
    ],
)
def test_nesting_depth(conditions: list[dict[str, Any]], depth: int) -> None:
    assert rules.nesting_depth(conditions) == depth


def test_referenced_field_ids() -> None:
    rule = required(eq("title", stringValue="a"), all_of(eq("amount", doubleValue=1.0), eq("title", emptyValue={})))
    assert rules.referenced_field_ids(rule) == ["title", "amount"]
    assert rules.referenced_field_ids(options_rule([("us", ["wa"])])) == ["country", "state"]


def test_operand_kind() -> None:
    assert rules.operand_kind({"emptyValue": {}}) == "emptyValue"
    assert rules.operand_kind({"doubleValue": 0.0}) == "doubleValue"
    assert rules.operand_kind({"booleanValue": False}) == "booleanValue"
    with pytest.raises(ValueError):
        rules.operand_kind({})


def test_valid_rules_have_no_problems() -> None:
    valid = [
        required(),
        required(eq("title", stringValue="x"), ne("amount", doubleValue=3.0), eq("vip", booleanValue=True)),
        required(eq("due", stringValue="2024-01-01T00:00:00Z"), eq("due", doubleValue=1.0)),
        required(eq("owner", stringValue="arn:aws:connect:::user"), eq("country", stringValue="us")),
        required(all_of(eq("title", emptyValue={}), any_of(eq("amount", emptyValue={}), eq("vip", emptyValue={})))),
        {"hidden": {"defaultValue": True, "conditions": [eq("title", stringValue="x")] * 5}},
        options_rule([("us", ["wa"]), ("ca", ["on"]), ("", [])]),
    ]
    for rule in valid:
        assert rules.check_rule(rule, lookup) == [], rule


def test_condition_limits() -> None:
    six = [eq("title", stringValue=str(i)) for i in range(6)]
    assert rules.check_rule(required(*six), lookup) == ["A case rule can have at most 5 conditions; this one has 6"]
    nested_six = required(all_of(*six[:3]), any_of(*six[3:]))
    assert "at most 5 conditions" in rules.check_rule(nested_six, lookup)[0]
    three_deep = required(all_of(any_of(all_of(eq("title", stringValue="x")))))
    [problem] = rules.check_rule(three_deep, lookup)
    assert "nest at most 2 levels" in problem


def test_operand_problems() -> None:
    problems = rules.check_rule(
        required(
            eq("missing", stringValue="x"),
            eq("old", stringValue="x"),
            eq("amount", stringValue="1"),
            eq("vip", doubleValue=1.0),
            eq("title", booleanValue=True),
            {"equalTo": {"operandOne": {}, "operandTwo": {"stringValue": "x"}, "result": True}},
        ),
        lookup,
    )
    assert problems == [
        "A case rule can have at most 5 conditions; this one has 6",
        "Field missing does not exist in this domain",
        "Field old is deleted",
        "Field amount is of type Number: compare it with doubleValue or emptyValue, not stringValue",
        "Field vip is of type Boolean: compare it with booleanValue or emptyValue, not doubleValue",
        "Field title is of type Text: compare it with emptyValue or stringValue, not booleanValue",
        "operandOne of equalTo must name a field",
    ]


def test_field_options_problems() -> None:
    def check(rule: dict[str, Any]) -> list[str]:
        return rules.check_rule(rule, lookup)

    body = options_rule([("us", ["wa"])])["fieldOptions"]
    assert check({"fieldOptions": {k: v for k, v in body.items() if k != "parentFieldId"}}) == [
        "A fieldOptions rule requires parentFieldId"
    ]
    assert check(options_rule([], parent="state")) == [
        "The parent and child fields of a fieldOptions rule must differ (both are state)"
    ]
    assert check(options_rule([], parent="title")) == [
        "Field title is of type Text; fieldOptions rules need SingleSelect fields"
    ]
    assert check(options_rule([], child="old")) == ["Field old is deleted"]
    assert check(options_rule([("mx", ["wa", "zz"]), ("mx", [])])) == [
        "Field country has no option with value 'mx'",
        "Field state has no option with value 'zz'",
        "Parent option value 'mx' is mapped more than once",
        "Field country has no option with value 'mx'",
    ]
