"""Unit tests of the case-rule evaluator (connectcases/evaluation.py): no backend, no boto3."""

from __future__ import annotations

from typing import Any

from moto_connect_ext.connectcases.evaluation import (
    allowed_child_values,
    condition_result,
    equals_operand,
    evaluate,
    evaluate_conditions,
    evaluate_rule,
)


def eq(field_id: str, operand: dict[str, Any], result: bool = True) -> dict[str, Any]:
    return {"equalTo": {"operandOne": {"fieldId": field_id}, "operandTwo": operand, "result": result}}


def ne(field_id: str, operand: dict[str, Any], result: bool = True) -> dict[str, Any]:
    return {"notEqualTo": {"operandOne": {"fieldId": field_id}, "operandTwo": operand, "result": result}}


def s(text: str) -> dict[str, Any]:
    return {"stringValue": text}


EMPTY: dict[str, Any] = {"emptyValue": {}}


def test_operands_compare_by_kind() -> None:
    assert equals_operand(s("a"), s("a"))
    assert not equals_operand(s("a"), s("b"))
    assert equals_operand({"userArnValue": "arn:x"}, s("arn:x"))
    assert equals_operand({"doubleValue": 2.0}, {"doubleValue": 2})
    assert not equals_operand({"doubleValue": 2.0}, s("2"))
    assert equals_operand({"booleanValue": False}, {"booleanValue": False})
    assert not equals_operand({"booleanValue": False}, {"booleanValue": True})
    assert equals_operand(None, EMPTY)
    assert equals_operand(EMPTY, EMPTY)
    assert not equals_operand(s(""), EMPTY)
    assert not equals_operand(None, s("a"))


def test_comparisons_give_their_result_only_when_they_hold() -> None:
    values = {"reason": s("refund")}
    assert condition_result(eq("reason", s("refund")), values) is True
    assert condition_result(eq("reason", s("refund"), result=False), values) is False
    assert condition_result(eq("reason", s("other")), values) is None
    assert condition_result(ne("reason", s("other")), values) is True
    assert condition_result(ne("reason", s("refund")), values) is None
    # a field without a value is not equal to any value, and equal to emptyValue
    assert condition_result(ne("missing", s("x")), values) is True
    assert condition_result(eq("missing", EMPTY), values) is True
    assert condition_result(ne("reason", EMPTY), values) is True


def test_first_condition_that_holds_wins_else_default() -> None:
    conditions = [eq("a", s("1"), result=False), eq("b", s("2"), result=True)]
    assert evaluate_conditions(conditions, True, {"a": s("1"), "b": s("2")}) is False
    assert evaluate_conditions(conditions, False, {"a": s("0"), "b": s("2")}) is True
    assert evaluate_conditions(conditions, True, {}) is True
    assert evaluate_conditions(conditions, False, {}) is False
    assert evaluate_conditions([], True, {}) is True


def test_and_all_and_or_all_nest() -> None:
    both = {"andAll": {"conditions": [eq("a", s("1")), eq("b", s("2"))]}}
    either = {"orAll": {"conditions": [eq("a", s("9"), result=False), eq("b", s("2"), result=True)]}}
    assert condition_result(both, {"a": s("1"), "b": s("2")}) is True
    assert condition_result(both, {"a": s("1"), "b": s("3")}) is None
    assert condition_result(either, {"a": s("9")}) is False
    assert condition_result(either, {"a": s("0"), "b": s("2")}) is True
    assert condition_result(either, {}) is None
    nested = {"orAll": {"conditions": [both, {"andAll": {"conditions": [eq("c", EMPTY, result=False), either]}}]}}
    assert condition_result(nested, {"a": s("1"), "b": s("2")}) is True
    assert condition_result(nested, {"a": s("9")}) is False  # second branch: c empty, a == 9
    assert condition_result(nested, {"a": s("9"), "c": s("x")}) is None
    # empty compounds never hold
    assert condition_result({"andAll": {"conditions": []}}, {}) is None
    assert condition_result({"orAll": {"conditions": []}}, {}) is None


def test_evaluate_rule_of_each_kind() -> None:
    required = {"required": {"defaultValue": False, "conditions": [eq("status", s("closed"))]}}
    hidden = {"hidden": {"defaultValue": True, "conditions": [eq("kind", s("refund"), result=False)]}}
    options = {
        "fieldOptions": {
            "parentFieldId": "country",
            "childFieldId": "state",
            "parentChildFieldOptionsMappings": [
                {"parentFieldOptionValue": "us", "childFieldOptionValues": ["ca", "ny"]},
                {"parentFieldOptionValue": "", "childFieldOptionValues": []},
            ],
        }
    }
    assert evaluate_rule(required, {"status": s("closed")}) is True
    assert evaluate_rule(required, {"status": s("open")}) is False
    assert evaluate_rule(hidden, {"kind": s("refund")}) is False
    assert evaluate_rule(hidden, {}) is True
    assert evaluate_rule(options, {"country": s("us")}) == ["ca", "ny"]
    assert evaluate_rule(options, {}) == []
    assert evaluate_rule(options, {"country": s("fr")}) is None  # not mapped: unrestricted
    assert allowed_child_values(options["fieldOptions"], {"country": EMPTY}) == []


def test_evaluation_combines_rules_and_lists_problems() -> None:
    required_when_closed = {"required": {"defaultValue": False, "conditions": [eq("status", s("closed"))]}}
    always_required = {"required": {"defaultValue": True, "conditions": []}}
    hidden_for_refunds = {"hidden": {"defaultValue": False, "conditions": [eq("kind", s("refund"))]}}
    options = {
        "fieldOptions": {
            "parentFieldId": "country",
            "childFieldId": "state",
            "parentChildFieldOptionsMappings": [{"parentFieldOptionValue": "us", "childFieldOptionValues": ["ca"]}],
        }
    }
    attached = [
        ("reason", required_when_closed),
        ("notes", always_required),
        ("notes", hidden_for_refunds),
        ("state", options),
    ]
    values = {"status": s("closed"), "country": s("us"), "state": s("ny")}
    outcome = evaluate(attached, values)
    assert outcome.required == {"reason": True, "notes": True}
    assert outcome.hidden == {"notes": False}
    assert outcome.options == {"state": ["ca"]}
    assert outcome.problems(values) == [
        "Field reason is required by a case rule of the template",
        "Field notes is required by a case rule of the template",
        "Field state cannot be 'ny' with the parent field's current value (allowed: ca)",
    ]
    fine = {"status": s("open"), "kind": s("refund"), "country": s("us"), "state": s("ca")}
    assert evaluate(attached, fine).problems(fine) == []  # notes is hidden, so not required
    assert evaluate(attached, fine).describe()["hidden"] == {"notes": True}


def test_several_option_rules_on_one_child_intersect() -> None:
    def rule(parent: str, allowed: list[str]) -> dict[str, Any]:
        return {
            "fieldOptions": {
                "parentFieldId": parent,
                "childFieldId": "child",
                "parentChildFieldOptionsMappings": [{"parentFieldOptionValue": "x", "childFieldOptionValues": allowed}],
            }
        }

    values = {"p1": s("x"), "p2": s("x")}
    assert evaluate([("child", rule("p1", ["a", "b"])), ("child", rule("p2", ["b", "c"]))], values).options == {
        "child": ["b"]
    }
    assert evaluate([("child", rule("p1", ["a"])), ("child", rule("p3", ["z"]))], values).options == {"child": ["a"]}
