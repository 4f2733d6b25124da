"""Case rules (case field conditions) through boto3."""

from __future__ import annotations

from typing import Any

import pytest

from tests.connectcases.helpers import required_rule
from tests.helpers import RAW, raises


def eq(field_id: str, operand: dict[str, Any], result: bool = True) -> dict[str, Any]:
    return {"equalTo": {"operandOne": {"fieldId": field_id}, "operandTwo": operand, "result": result}}


def test_required_rule_lifecycle(cases: Any, domain_id: str, make_field: Any) -> None:
    reason = make_field("Reason", "SingleSelect", options=["refund", "other"])
    created = cases.create_case_rule(
        domainId=domain_id, name="Amount when refund", description="d", rule=required_rule(reason)
    )
    rule_id = created["caseRuleId"]
    assert created["caseRuleArn"] == f"arn:aws:cases:us-east-1:123456789012:domain/{domain_id}/case-rule/{rule_id}"
    got = cases.batch_get_case_rule(domainId=domain_id, caseRules=[{"id": rule_id}])
    assert got["errors"] == []
    [rule] = got["caseRules"]
    assert rule["name"] == "Amount when refund"
    assert rule["description"] == "d"
    assert rule["rule"] == required_rule(reason)
    assert rule["deleted"] is False
    assert rule["tags"] == {}
    assert rule["createdTime"] == rule["lastModifiedTime"]
    assert cases.list_case_rules(domainId=domain_id)["caseRules"] == [
        {
            "caseRuleId": rule_id,
            "caseRuleArn": created["caseRuleArn"],
            "name": "Amount when refund",
            "ruleType": "Required",
            "description": "d",
        }
    ]
    cases.update_case_rule(domainId=domain_id, caseRuleId=rule_id, name="Renamed")
    [rule] = cases.batch_get_case_rule(domainId=domain_id, caseRules=[{"id": rule_id}])["caseRules"]
    assert rule["name"] == "Renamed"
    assert rule["description"] == "d"
    assert rule["rule"] == required_rule(reason)  # kept
    new_rule = required_rule(reason, value="other", default=True)
    cases.update_case_rule(domainId=domain_id, caseRuleId=rule_id, rule=new_rule)
    [rule] = cases.batch_get_case_rule(domainId=domain_id, caseRules=[{"id": rule_id}])["caseRules"]
    assert rule["rule"] == new_rule
    assert rule["lastModifiedTime"] >= rule["createdTime"]


def test_hidden_and_field_options_rules(cases: Any, domain_id: str, make_field: Any) -> None:
    vip = make_field("VIP", "Boolean")
    country = make_field("Country", "SingleSelect", options=["us", "ca"])
    state = make_field("State", "SingleSelect", options=["wa", "or", "on", "qc"])
    hidden = {
        "hidden": {
            "defaultValue": True,
            "conditions": [
                {
                    "orAll": {
                        "conditions": [
                            eq(vip, {"booleanValue": True}, result=False),
                            {
                                "notEqualTo": {
                                    "operandOne": {"fieldId": country},
                                    "operandTwo": {"emptyValue": {}},
                                    "result": False,
                                }
                            },
                        ]
                    }
                }
            ],
        }
    }
    options = {
        "fieldOptions": {
            "parentFieldId": country,
            "childFieldId": state,
            "parentChildFieldOptionsMappings": [
                {"parentFieldOptionValue": "us", "childFieldOptionValues": ["wa", "or"]},
                {"parentFieldOptionValue": "ca", "childFieldOptionValues": ["on", "qc"]},
            ],
        }
    }
    hidden_id = cases.create_case_rule(domainId=domain_id, name="Hide unless VIP", rule=hidden)["caseRuleId"]
    options_id = cases.create_case_rule(domainId=domain_id, name="States by country", rule=options)["caseRuleId"]
    listed = {r["caseRuleId"]: r for r in cases.list_case_rules(domainId=domain_id)["caseRules"]}
    assert listed[hidden_id]["ruleType"] == "Hidden"
    assert listed[options_id]["ruleType"] == "FieldOptions"
    assert "description" not in listed[hidden_id]
    got = cases.batch_get_case_rule(domainId=domain_id, caseRules=[{"id": hidden_id}, {"id": options_id}])
    assert [r["rule"] for r in got["caseRules"]] == [hidden, options]


def test_operand_kinds_follow_the_field_type(cases: Any, domain_id: str, make_field: Any) -> None:
    amount = make_field("Amount", "Number")
    flag = make_field("Flag", "Boolean")
    due = make_field("Due", "DateTime")
    ok = [
        eq(amount, {"doubleValue": 10.5}),
        eq(flag, {"booleanValue": False}),
        eq("title", {"stringValue": "x"}),
        eq(due, {"doubleValue": 1700000000.0}),
        eq(amount, {"emptyValue": {}}),
    ]
    rule = {"required": {"defaultValue": False, "conditions": ok}}
    assert cases.create_case_rule(domainId=domain_id, name="ok", rule=rule)["caseRuleId"]
    for bad, expected in (
        (eq(amount, {"stringValue": "10"}), "type Number"),
        (eq(flag, {"doubleValue": 1.0}), "type Boolean"),
        (eq("title", {"booleanValue": True}), "type Text"),
    ):
        with raises("ValidationException", 400, match=expected):
            cases.create_case_rule(
                domainId=domain_id, name="bad", rule={"required": {"defaultValue": False, "conditions": [bad]}}
            )
    assert len(cases.list_case_rules(domainId=domain_id)["caseRules"]) == 1


def test_operands_must_name_live_fields(cases: Any, domain_id: str, make_field: Any) -> None:
    with raises("ValidationException", 400, match="does not exist"):
        cases.create_case_rule(domainId=domain_id, name="r", rule=required_rule("no-such-field"))
    gone = make_field("Gone")
    cases.delete_field(domainId=domain_id, fieldId=gone)
    with raises("ValidationException", 400, match="is deleted"):
        cases.create_case_rule(domainId=domain_id, name="r", rule=required_rule(gone))
    rule_id = cases.create_case_rule(domainId=domain_id, name="r", rule=required_rule("title"))["caseRuleId"]
    with raises("ValidationException", 400, match="does not exist"):
        cases.update_case_rule(domainId=domain_id, caseRuleId=rule_id, rule=required_rule("nope"))
    [rule] = cases.batch_get_case_rule(domainId=domain_id, caseRules=[{"id": rule_id}])["caseRules"]
    assert rule["rule"] == required_rule("title")


def test_at_most_five_conditions(cases: Any, domain_id: str) -> None:
    five = [eq("title", {"stringValue": str(i)}) for i in range(5)]
    nested_five = [eq("title", {"stringValue": "a"}), {"andAll": {"conditions": five[:4]}}]
    for conditions in (five, nested_five):
        rule = {"required": {"defaultValue": False, "conditions": conditions}}
        assert cases.create_case_rule(domainId=domain_id, name="five", rule=rule)["caseRuleId"]
    six_nested = [*five[:2], {"orAll": {"conditions": five[:4]}}]
    for conditions in ([*five, eq("summary", {"stringValue": "x"})], six_nested):
        with raises("ValidationException", 400, match="at most 5 conditions"):
            cases.create_case_rule(
                domainId=domain_id, name="six", rule={"hidden": {"defaultValue": False, "conditions": conditions}}
            )
    assert len(cases.list_case_rules(domainId=domain_id)["caseRules"]) == 2


def test_at_most_two_levels_of_nesting(cases: Any, domain_id: str) -> None:
    leaf = eq("title", {"stringValue": "x"})
    two = [{"andAll": {"conditions": [leaf, {"orAll": {"conditions": [leaf]}}]}}]
    three = [{"andAll": {"conditions": [{"orAll": {"conditions": [{"andAll": {"conditions": [leaf]}}]}}]}}]
    rule_id = cases.create_case_rule(
        domainId=domain_id, name="two", rule={"required": {"defaultValue": False, "conditions": two}}
    )["caseRuleId"]
    with raises("ValidationException", 400, match="nest at most 2 levels"):
        cases.create_case_rule(
            domainId=domain_id, name="three", rule={"required": {"defaultValue": False, "conditions": three}}
        )
    with raises("ValidationException", 400, match="nest at most 2 levels"):
        cases.update_case_rule(
            domainId=domain_id, caseRuleId=rule_id, rule={"required": {"defaultValue": False, "conditions": three}}
        )
    [rule] = cases.batch_get_case_rule(domainId=domain_id, caseRules=[{"id": rule_id}])["caseRules"]
    assert rule["rule"]["required"]["conditions"] == two


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda r, p, c: r.pop("parentFieldId"), "requires parentFieldId"),
        (lambda r, p, c: r.pop("childFieldId"), "requires childFieldId"),
        (lambda r, p, c: r.update(childFieldId=p), "must differ"),
        (lambda r, p, c: r.update(parentFieldId="title"), "type Text"),
        (lambda r, p, c: r.update(childFieldId="nope"), "does not exist"),
        (lambda r, p, c: r["parentChildFieldOptionsMappings"][0].update(parentFieldOptionValue="mx"), "'mx'"),
        (lambda r, p, c: r["parentChildFieldOptionsMappings"][0].update(childFieldOptionValues=["zz"]), "'zz'"),
        (
            lambda r, p, c: r["parentChildFieldOptionsMappings"].append(dict(r["parentChildFieldOptionsMappings"][0])),
            "more than once",
        ),
    ],
)
def test_field_options_rule_errors(cases: Any, domain_id: str, make_field: Any, mutate: Any, expected: str) -> None:
    parent = make_field("Country", "SingleSelect", options=["us", "ca"])
    child = make_field("State", "SingleSelect", options=["wa", "on"])
    body: dict[str, Any] = {
        "parentFieldId": parent,
        "childFieldId": child,
        "parentChildFieldOptionsMappings": [{"parentFieldOptionValue": "us", "childFieldOptionValues": ["wa"]}],
    }
    mutate(body, parent, child)
    with raises("ValidationException", 400, match=expected):
        cases.create_case_rule(domainId=domain_id, name="r", rule={"fieldOptions": body})
    assert cases.list_case_rules(domainId=domain_id)["caseRules"] == []


def test_field_options_rule_accepts_an_empty_parent_value(cases: Any, domain_id: str, make_field: Any) -> None:
    parent = make_field("Country", "SingleSelect", options=["us"])
    child = make_field("State", "SingleSelect", options=["wa"])
    rule = {
        "fieldOptions": {
            "parentFieldId": parent,
            "childFieldId": child,
            "parentChildFieldOptionsMappings": [{"parentFieldOptionValue": "", "childFieldOptionValues": []}],
        }
    }
    assert cases.create_case_rule(domainId=domain_id, name="r", rule=rule)["caseRuleId"]


def test_soft_delete_and_batch_get(cases: Any, domain_id: str) -> None:
    keep = cases.create_case_rule(domainId=domain_id, name="keep", rule=required_rule("title"))["caseRuleId"]
    drop = cases.create_case_rule(domainId=domain_id, name="drop", rule=required_rule("title"))["caseRuleId"]
    cases.delete_case_rule(domainId=domain_id, caseRuleId=drop)
    assert [r["caseRuleId"] for r in cases.list_case_rules(domainId=domain_id)["caseRules"]] == [keep]
    got = cases.batch_get_case_rule(domainId=domain_id, caseRules=[{"id": drop}, {"id": "unknown"}, {"id": keep}])
    assert [(r["caseRuleId"], r["deleted"]) for r in got["caseRules"]] == [(drop, True), (keep, False)]
    assert got["errors"] == [
        {"id": "unknown", "errorCode": "ResourceNotFoundException", "message": "Case rule unknown not found"}
    ]
    with raises("ValidationException", 400, match="deleted"):
        cases.update_case_rule(domainId=domain_id, caseRuleId=drop, name="x")
    with raises("ResourceNotFoundException", 404, match="already deleted"):
        cases.delete_case_rule(domainId=domain_id, caseRuleId=drop)


def test_unknown_rule(cases: Any, domain_id: str) -> None:
    for call in (
        lambda: cases.update_case_rule(domainId=domain_id, caseRuleId="nope", name="x"),
        lambda: cases.delete_case_rule(domainId=domain_id, caseRuleId="nope"),
    ):
        with raises("ResourceNotFoundException", 404) as info:
            call()
        assert info.value.response["resourceType"] == "CaseRule"
        assert info.value.response["resourceId"] == "nope"


def test_paginator_walks_every_rule_once(cases: Any, domain_id: str) -> None:
    ids = [
        cases.create_case_rule(domainId=domain_id, name=f"rule {i}", rule=required_rule("title"))["caseRuleId"]
        for i in range(11)
    ]
    cases.delete_case_rule(domainId=domain_id, caseRuleId=ids[5])
    pages = list(cases.get_paginator("list_case_rules").paginate(domainId=domain_id, PaginationConfig={"PageSize": 3}))
    assert [len(p["caseRules"]) for p in pages] == [3, 3, 3, 1]
    walked = [r["caseRuleId"] for p in pages for r in p["caseRules"]]
    assert walked == [i for i in ids if i != ids[5]]
    everything = cases.get_paginator("list_case_rules").paginate(domainId=domain_id).build_full_result()
    assert [r["caseRuleId"] for r in everything["caseRules"]] == walked


def test_case_rule_constraints(moto_connect: Any, domain_id: str) -> None:
    raw = moto_connect.client("connectcases", config=RAW)
    with raises("ValidationException", 400, match="regular expression pattern"):
        raw.create_case_rule(domainId=domain_id, name=" ", rule=required_rule("title"))
    with raises("ValidationException", 400, match="length less than or equal to 255"):
        raw.create_case_rule(domainId=domain_id, name="r", description="d" * 256, rule=required_rule("title"))
    with raises("ValidationException", 400, match="exactly one of its members"):
        raw.create_case_rule(
            domainId=domain_id,
            name="r",
            rule={**required_rule("title"), "hidden": {"defaultValue": True, "conditions": []}},
        )
    both = {"equalTo": required_rule("title")["required"]["conditions"][0]["equalTo"], "orAll": {"conditions": []}}
    with raises("ValidationException", 400, match="exactly one of its members"):
        raw.create_case_rule(
            domainId=domain_id, name="r", rule={"required": {"defaultValue": False, "conditions": [both]}}
        )
    with raises("ValidationException", 400, match="must not be null"):
        raw.create_case_rule(domainId=domain_id, name="r", rule={"required": {"conditions": []}})
    with raises("ValidationException", 400, match="length less than or equal to 50"):
        raw.batch_get_case_rule(domainId=domain_id, caseRules=[{"id": "x"}] * 51)
    with raises("ValidationException", 400, match="less than or equal to 100"):
        raw.list_case_rules(domainId=domain_id, maxResults=101)
    assert raw.list_case_rules(domainId=domain_id)["caseRules"] == []
