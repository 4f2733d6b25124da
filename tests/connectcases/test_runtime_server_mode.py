"""Cases at runtime through moto's server: the rules setting read per request, merges held running."""

from __future__ import annotations

import pytest

from tests.connectcases.helpers import required_rule, text
from tests.helpers import raises
from tests.servers import moto_api, server_client


def test_runtime_in_server_mode(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = server_client(server, "connectcases", "eu-west-2")
    domain_id = cases.create_domain(name="served")["domainId"]
    reason = cases.create_field(domainId=domain_id, name="Reason", type="Text")["fieldId"]
    amount = cases.create_field(domainId=domain_id, name="Amount", type="Number")["fieldId"]
    rule = cases.create_case_rule(domainId=domain_id, name="r", rule=required_rule(reason))["caseRuleId"]
    template = cases.create_template(domainId=domain_id, name="T", rules=[{"caseRuleId": rule, "fieldId": amount}])
    fields = [{"id": "title", "value": text("t")}, {"id": reason, "value": text("refund")}]

    def create() -> str:
        return str(cases.create_case(domainId=domain_id, templateId=template["templateId"], fields=fields)["caseId"])

    first = create()
    monkeypatch.setenv("MOTO_CONNECT_CASE_RULES", "enforce")  # the server reads it on every request
    with raises("ValidationException", 400, "required by a case rule"):
        create()
    monkeypatch.delenv("MOTO_CONNECT_CASE_RULES")
    second = create()
    assert cases.search_cases(domainId=domain_id)["totalCount"] == 2
    # a merge held running through the server's state-manager API
    moto_api(
        server,
        "/moto-api/state-manager/set-transition",
        {"model_name": "connectcases::merge", "transition": {"progression": "manual", "times": 2}},
    )
    try:
        cases.start_merge_cases(domainId=domain_id, caseId=first, secondaryCaseIds=[second])
        assert cases.get_merge_cases_status(domainId=domain_id, caseId=second)["status"] == "IN_PROGRESS"
        with raises("ConflictException", 409):
            cases.update_case(domainId=domain_id, caseId=second, fields=[{"id": "title", "value": text("x")}])
        # the merge finishes once it was read twice
        assert cases.get_merge_cases_status(domainId=domain_id, caseId=first)["status"] == "IN_PROGRESS"
        assert cases.get_merge_cases_status(domainId=domain_id, caseId=second)["status"] == "COMPLETED"
    finally:
        moto_api(server, "/moto-api/state-manager/unset-transition", {"model_name": "connectcases::merge"})
    events = cases.get_case_audit_events(domainId=domain_id, caseId=first)["auditEvents"]
    assert [e["type"] for e in events] == ["Case.Created", "Case.Merged"]
