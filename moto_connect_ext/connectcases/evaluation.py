"""Case-rule evaluation: what a template's case rules say about one set of field values.

Pure functions over the ``CaseRuleDetails`` dicts (see ``rules.py``) and a
mapping ``field id -> FieldValueUnion`` (a missing id or ``emptyValue`` is "no
value"):

- ``required`` and ``hidden`` rules: the conditions are tried in order and the
  first one that holds gives the rule's value (its ``result``); when none holds
  the rule's value is ``defaultValue``.  A comparison (``equalTo`` /
  ``notEqualTo``) holds when the field's value is (is not) equal to
  ``operandTwo``; ``emptyValue`` compares with "no value".  ``andAll`` holds when
  all its conditions hold and then gives the result of its first condition;
  ``orAll`` gives the result of the first of its conditions that holds.  An empty
  ``andAll`` or ``orAll`` never holds.
- ``fieldOptions`` rules: the mapping whose ``parentFieldOptionValue`` is the
  parent's value (``""`` when the parent has none) lists the child values
  allowed; a parent value the rule does not map leaves the child unrestricted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .rules import operand_kind, rule_kind
from .values import is_empty, kind_of, text_of

Values = Mapping[str, "dict[str, Any] | None"]


def _value(values: Values, field_id: str) -> dict[str, Any] | None:
    found = values.get(field_id)
    return None if is_empty(found) else found


def equals_operand(value: dict[str, Any] | None, operand: dict[str, Any]) -> bool:
    """Whether a field value equals an ``OperandTwo``."""
    kind = operand_kind(operand)
    if kind == "emptyValue":
        return is_empty(value)
    if is_empty(value):
        return False
    assert value is not None
    if kind == "stringValue":
        return text_of(value) == operand["stringValue"]
    if kind == "doubleValue":
        inner = value.get("doubleValue")
        return isinstance(inner, (int, float)) and float(inner) == float(operand["doubleValue"])
    if kind == "booleanValue":
        return kind_of(value) == "booleanValue" and value["booleanValue"] is operand["booleanValue"]
    return False


def comparison_holds(operator: str, operands: dict[str, Any], values: Values) -> bool:
    field_id = operands["operandOne"].get("fieldId", "")
    equal = equals_operand(_value(values, field_id), operands["operandTwo"])
    return equal if operator == "equalTo" else not equal


def condition_result(condition: dict[str, Any], values: Values) -> bool | None:
    """The result a condition gives when it holds, or None when it does not hold."""
    for operator in ("equalTo", "notEqualTo"):
        if operator in condition:
            operands = condition[operator]
            return bool(operands["result"]) if comparison_holds(operator, operands, values) else None
    if "andAll" in condition:
        parts = condition["andAll"].get("conditions", [])
        results = [condition_result(part, values) for part in parts]
        if not results or any(r is None for r in results):
            return None
        return results[0]
    if "orAll" in condition:
        for part in condition["orAll"].get("conditions", []):
            result = condition_result(part, values)
            if result is not None:
                return result
        return None
    raise ValueError(f"not a condition: {condition!r}")


def evaluate_conditions(conditions: Iterable[dict[str, Any]], default: bool, values: Values) -> bool:
    """The value of a ``required`` or ``hidden`` rule: the first condition that holds, else the default."""
    for condition in conditions:
        result = condition_result(condition, values)
        if result is not None:
            return result
    return bool(default)


def allowed_child_values(body: dict[str, Any], values: Values) -> list[str] | None:
    """Child option values a ``fieldOptions`` rule allows now (None: unrestricted)."""
    parent = _value(values, body.get("parentFieldId") or "")
    parent_value = text_of(parent) if parent is not None else ""
    for mapping in body.get("parentChildFieldOptionsMappings", []):
        if mapping["parentFieldOptionValue"] == parent_value:
            return list(mapping["childFieldOptionValues"])
    return None


def evaluate_rule(rule: dict[str, Any], values: Values) -> bool | list[str] | None:
    """``required``/``hidden``: a bool; ``fieldOptions``: the allowed child values (None: any)."""
    kind = rule_kind(rule)
    body = rule[kind]
    if kind == "fieldOptions":
        return allowed_child_values(body, values)
    return evaluate_conditions(body.get("conditions", []), body["defaultValue"], values)


@dataclass
class Evaluation:
    """What the rules attached to a template say about one set of values, by target field."""

    required: dict[str, bool] = field(default_factory=dict)
    hidden: dict[str, bool] = field(default_factory=dict)
    #: child field id -> allowed option values (None: unrestricted)
    options: dict[str, list[str] | None] = field(default_factory=dict)

    def problems(self, values: Values) -> list[str]:
        """What makes ``values`` break the rules: missing required fields, disallowed child options.

        A field that a ``hidden`` rule hides is not required.
        """
        found: list[str] = []
        for field_id, required in self.required.items():
            if required and not self.hidden.get(field_id, False) and _value(values, field_id) is None:
                found.append(f"Field {field_id} is required by a case rule of the template")
        for field_id, allowed in self.options.items():
            value = _value(values, field_id)
            if allowed is None or value is None:
                continue
            text = text_of(value)
            if text not in allowed:
                found.append(
                    f"Field {field_id} cannot be {text!r} with the parent field's current value "
                    f"(allowed: {', '.join(sorted(allowed)) or 'none'})"
                )
        return found

    def describe(self) -> dict[str, Any]:
        return {"required": dict(self.required), "hidden": dict(self.hidden), "fieldOptions": dict(self.options)}


def evaluate(attached: Iterable[tuple[str, dict[str, Any]]], values: Values) -> Evaluation:
    """Evaluate ``(target field id, rule)`` pairs; several rules of a kind on one field combine.

    Several ``required`` rules on a field: required when any says so; ``hidden``:
    hidden when any says so; ``fieldOptions``: the values every rule allows.
    """
    out = Evaluation()
    for target, rule in attached:
        kind = rule_kind(rule)
        result = evaluate_rule(rule, values)
        if kind == "required":
            out.required[target] = out.required.get(target, False) or bool(result)
        elif kind == "hidden":
            out.hidden[target] = out.hidden.get(target, False) or bool(result)
        else:
            allowed = result if isinstance(result, list) else None
            previous = out.options.get(target)
            if target in out.options and previous is not None:
                allowed = previous if allowed is None else [v for v in previous if v in allowed]
            out.options[target] = allowed
    return out
