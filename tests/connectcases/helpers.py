"""Request builders shared by the Cases tests."""

from __future__ import annotations

from typing import Any


def required_rule(field_id: str, value: str = "refund", result: bool = True, default: bool = False) -> dict[str, Any]:
    """A ``required`` rule: required when ``field_id`` equals ``value``."""
    return {
        "required": {
            "defaultValue": default,
            "conditions": [
                {
                    "equalTo": {
                        "operandOne": {"fieldId": field_id},
                        "operandTwo": {"stringValue": value},
                        "result": result,
                    }
                }
            ],
        }
    }
