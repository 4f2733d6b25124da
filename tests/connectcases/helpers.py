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


def text(value: str) -> dict[str, Any]:
    return {"stringValue": value}


def number(value: float) -> dict[str, Any]:
    return {"doubleValue": value}


EMPTY: dict[str, Any] = {"emptyValue": {}}
USER_ARN = "arn:aws:connect:us-east-1:123456789012:instance/inst/agent/user-1"
CONTACT_ARN = "arn:aws:connect:us-east-1:123456789012:instance/inst/contact/contact-1"
FILE_ARN = "arn:aws:connect:us-east-1:123456789012:instance/inst/file/file-1"
PROFILE_ARN = "arn:aws:profile:us-east-1:123456789012:domains/profiles/profiles/p-1"


def comment(body: str = "note") -> dict[str, Any]:
    return {"comment": {"body": body, "contentType": "Text/Plain"}}
