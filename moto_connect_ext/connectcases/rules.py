"""Case rules (case field conditions): pure checks of a rule against a domain's fields.

A rule is the ``CaseRuleDetails`` union as the core parsed it: exactly one of
``required``, ``hidden`` (both ``{defaultValue, conditions}``) or
``fieldOptions`` (``{parentFieldId, childFieldId, parentChildFieldOptionsMappings}``).
A condition is a ``BooleanCondition`` union: ``equalTo``/``notEqualTo``
(``{operandOne: {fieldId}, operandTwo: {stringValue|doubleValue|booleanValue|emptyValue}, result}``)
or ``andAll``/``orAll`` (``{conditions: [...]}``).

Nothing here touches a backend: fields are looked up through a callable, so
the checks are unit-tested on their own and the case-rule evaluator can reuse
the traversal helpers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol

from .fields import TEXT_LIKE_TYPES
from .values import set_member

#: "A case rule can have a maximum of 5 conditions, spread across a maximum of
#: 2 levels of nesting" (CompoundCondition in the Cases API reference)
MAX_CONDITIONS = 5
MAX_NESTING = 2

RULE_TYPES = {"required": "Required", "hidden": "Hidden", "fieldOptions": "FieldOptions"}
COMPARISONS = ("equalTo", "notEqualTo")
COMPOUNDS = ("andAll", "orAll")

#: operand kinds a field of each type can be compared with (``emptyValue`` always)
OPERANDS_FOR_TYPE: dict[str, frozenset[str]] = {
    **{t: frozenset({"stringValue"}) for t in TEXT_LIKE_TYPES},
    "Number": frozenset({"doubleValue"}),
    "Boolean": frozenset({"booleanValue"}),
    "DateTime": frozenset({"stringValue", "doubleValue"}),
}


class FieldLike(Protocol):
    id: str
    type: str
    deleted: bool

    def option_values(self) -> set[str]: ...


FieldLookup = Callable[[str], "FieldLike | None"]


def rule_kind(rule: dict[str, Any]) -> str:
    """``required``, ``hidden`` or ``fieldOptions``: the member set in the union."""
    return set_member(rule, RULE_TYPES, "case rule")


def rule_type(rule: dict[str, Any]) -> str:
    """The ``RuleType`` enum value of a rule: ``Required``, ``Hidden`` or ``FieldOptions``."""
    return RULE_TYPES[rule_kind(rule)]


def conditions_of(rule: dict[str, Any]) -> list[dict[str, Any]]:
    """The top-level conditions of a required or hidden rule ([] for fieldOptions)."""
    kind = rule_kind(rule)
    if kind == "fieldOptions":
        return []
    return list(rule[kind].get("conditions", []))


def comparisons(conditions: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ``(operator, operands)`` leaf of a condition tree, depth first, in order."""
    for condition in conditions:
        for operator in COMPARISONS:
            if operator in condition:
                yield operator, condition[operator]
        for compound in COMPOUNDS:
            if compound in condition:
                yield from comparisons(condition[compound].get("conditions", []))


def nesting_depth(conditions: list[dict[str, Any]]) -> int:
    """How many compound levels a condition list nests: 0 for plain comparisons."""
    depth = 0
    for condition in conditions:
        for compound in COMPOUNDS:
            if compound in condition:
                depth = max(depth, 1 + nesting_depth(condition[compound].get("conditions", [])))
    return depth


def referenced_field_ids(rule: dict[str, Any]) -> list[str]:
    """Field ids a rule reads (operands, parent and child fields), without repeats."""
    kind = rule_kind(rule)
    found: list[str] = []
    if kind == "fieldOptions":
        body = rule[kind]
        candidates = [body.get("parentFieldId"), body.get("childFieldId")]
    else:
        candidates = [operands["operandOne"].get("fieldId") for _, operands in comparisons(conditions_of(rule))]
    for field_id in candidates:
        if field_id and field_id not in found:
            found.append(field_id)
    return found


def operand_kind(operand: dict[str, Any]) -> str:
    """Which member of an ``OperandTwo`` union is set."""
    for kind in ("stringValue", "doubleValue", "booleanValue", "emptyValue"):
        if kind in operand:
            return kind
    raise ValueError(f"not an operand: {operand!r}")


def check_rule(rule: dict[str, Any], lookup: FieldLookup) -> list[str]:
    """Problems that make ``rule`` invalid in a domain whose fields ``lookup`` finds.

    An empty list means the rule is valid.
    """
    if rule_kind(rule) == "fieldOptions":
        return _check_field_options(rule["fieldOptions"], lookup)
    return check_conditions(conditions_of(rule), lookup)


def check_conditions(conditions: list[dict[str, Any]], lookup: FieldLookup) -> list[str]:
    problems: list[str] = []
    leaves = list(comparisons(conditions))
    if len(leaves) > MAX_CONDITIONS:
        problems.append(f"A case rule can have at most {MAX_CONDITIONS} conditions; this one has {len(leaves)}")
    depth = nesting_depth(conditions)
    if depth > MAX_NESTING:
        problems.append(
            f"Conditions of a case rule can nest at most {MAX_NESTING} levels deep (andAll/orAll); these nest {depth}"
        )
    for operator, operands in leaves:
        field_id = operands["operandOne"].get("fieldId")
        if not field_id:
            problems.append(f"operandOne of {operator} must name a field")
            continue
        field = _live_field(field_id, lookup, problems)
        if field is None:
            continue
        kind = operand_kind(operands["operandTwo"])
        allowed = OPERANDS_FOR_TYPE.get(field.type, frozenset())
        if kind != "emptyValue" and kind not in allowed:
            expected = " or ".join(sorted(allowed | {"emptyValue"}))
            problems.append(f"Field {field_id} is of type {field.type}: compare it with {expected}, not {kind}")
    return problems


def _check_field_options(body: dict[str, Any], lookup: FieldLookup) -> list[str]:
    problems: list[str] = []
    parent_id = body.get("parentFieldId")
    child_id = body.get("childFieldId")
    for label, field_id in (("parentFieldId", parent_id), ("childFieldId", child_id)):
        if not field_id:
            problems.append(f"A fieldOptions rule requires {label}")
    if problems:
        return problems
    assert parent_id is not None and child_id is not None
    if parent_id == child_id:
        return [f"The parent and child fields of a fieldOptions rule must differ (both are {parent_id})"]
    parent = _live_field(parent_id, lookup, problems)
    child = _live_field(child_id, lookup, problems)
    for field in (parent, child):
        if field is not None and field.type != "SingleSelect":
            problems.append(f"Field {field.id} is of type {field.type}; fieldOptions rules need SingleSelect fields")
    if problems or parent is None or child is None:
        return problems
    parent_values = parent.option_values()
    child_values = child.option_values()
    seen: set[str] = set()
    for mapping in body["parentChildFieldOptionsMappings"]:
        value = mapping["parentFieldOptionValue"]
        if value in seen:
            problems.append(f"Parent option value {value!r} is mapped more than once")
        seen.add(value)
        if value and value not in parent_values:
            problems.append(f"Field {parent.id} has no option with value {value!r}")
        for child_value in mapping["childFieldOptionValues"]:
            if child_value not in child_values:
                problems.append(f"Field {child.id} has no option with value {child_value!r}")
    return problems


def _live_field(field_id: str, lookup: FieldLookup, problems: list[str]) -> FieldLike | None:
    field = lookup(field_id)
    if field is None:
        problems.append(f"Field {field_id} does not exist in this domain")
        return None
    if field.deleted:
        problems.append(f"Field {field_id} is deleted")
        return None
    return field
