"""Contact evaluations through boto3: of contacts the contact core makes, against active form
versions; answers checked, scores computed on submit, conditional items, search, server mode."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connect import contacts
from moto_connect_ext.connect.models import connect_backends
from moto_connect_ext.core.caller import Caller
from tests.connect.test_evaluation_forms import numeric, section, select, text
from tests.connect.test_rules import REFUND, function
from tests.helpers import new_instance, new_user, raises
from tests.servers import server_client

ACCOUNT = "123456789012"


class World:
    def __init__(self, connect: Any) -> None:
        self.c = connect
        self.iid = new_instance(connect)["Id"]
        self.backend = connect_backends[ACCOUNT][connect.meta.region_name]

    def contact(self, channel: str = "TASK") -> str:
        instance = self.backend.instance(self.iid)
        caller = Caller(ACCOUNT, self.c.meta.region_name, "aws")
        return str(contacts.start(self.backend.resources, instance, caller, channel, "API", {}).id)

    def form(self, items: list[dict[str, Any]], mode: str = "QUESTION_ONLY", activate: bool = True, **kw: Any) -> str:
        fid = self.c.create_evaluation_form(
            InstanceId=self.iid, Title="Quality", Items=items, ScoringStrategy={"Mode": mode, "Status": "ENABLED"}, **kw
        )["EvaluationFormId"]
        if activate:
            self.c.activate_evaluation_form(InstanceId=self.iid, EvaluationFormId=fid, EvaluationFormVersion=1)
        return str(fid)

    def start(self, contact: str, form: str, **kw: Any) -> str:
        return str(
            self.c.start_contact_evaluation(InstanceId=self.iid, ContactId=contact, EvaluationFormId=form, **kw)[
                "EvaluationId"
            ]
        )

    def describe(self, eid: str) -> dict[str, Any]:
        return dict(self.c.describe_contact_evaluation(InstanceId=self.iid, EvaluationId=eid))


@pytest.fixture
def world(connect: Any) -> World:
    return World(connect)


def pick(option: str) -> dict[str, Any]:
    return {"Value": {"StringValue": option}}


def test_life_answers_and_weighted_scores(world: World) -> None:
    w, c = world, world.c
    items = [
        section("s1", select("q1", 50, NotApplicableEnabled=True), numeric("q2", 30)),
        section("s2", select("q3", 20), text("t")),
    ]
    fid = w.form(items)
    contact = w.contact()
    with raises("ResourceNotFoundException", match="Contact not found"):
        w.start("no-such-contact", fid)
    draft_form = w.form(items, activate=False)
    with raises("ResourceConflictException", match="no active version"):
        w.start(contact, draft_form)

    eid = w.start(contact, fid, Tags={"team": "qa"}, ClientToken="e-1")
    assert w.start(contact, fid, Tags={"team": "qa"}, ClientToken="e-1") == eid
    described = w.describe(eid)
    evaluation = described["Evaluation"]
    assert (evaluation["Status"], evaluation["Answers"], evaluation["Notes"]) == ("DRAFT", {}, {})
    assert evaluation["Metadata"]["ContactId"] == contact and evaluation["Tags"] == {"team": "qa"}
    assert described["EvaluationForm"]["Items"] == items and described["EvaluationForm"]["EvaluationFormVersion"] == 1

    def update(answers: dict[str, Any], **kw: Any) -> None:
        c.update_contact_evaluation(InstanceId=w.iid, EvaluationId=eid, Answers=answers, **kw)

    for answers, message in [
        ({"nope": pick("x")}, "nope is not a question"),
        ({"q2": {"Value": {"NumericValue": 11}}}, "outside the question's range 0-10"),
        ({"q1": pick("q1-maybe")}, "has no option q1-maybe"),
        ({"q1": {"Value": {"NumericValue": 1}}}, "SINGLESELECT question, answered with StringValue"),
        ({"q3": {"Value": {"NotApplicable": True}}}, "does not accept a not-applicable answer"),
    ]:
        with raises("InvalidParameterException", 400, match=message):
            update(answers)
    with raises("InvalidParameterException", match="is not a section or question"):
        update({}, Notes={"zz": {"Value": "hm"}})
    with raises("InvalidParameterException", match="at most 4096"):
        update({}, Notes={"s1": {"Value": "x" * 3000}, "q1": {"Value": "y" * 1500}})

    update(
        {"q1": pick("q1-yes"), "q2": {"Value": {"NumericValue": 7}}, "t": pick("Friendly")},
        Notes={"s1": {"Value": "ok"}},
    )
    update({"t": {}})  # an empty object removes an answer
    assert set(w.describe(eid)["Evaluation"]["Answers"]) == {"q1", "q2"}
    with raises("InvalidParameterException", match="questions q3 have no answer"):
        c.submit_contact_evaluation(InstanceId=w.iid, EvaluationId=eid)

    c.submit_contact_evaluation(InstanceId=w.iid, EvaluationId=eid, Answers={"q3": pick("q3-no")})
    evaluation = w.describe(eid)["Evaluation"]
    scores = evaluation["Scores"]
    assert evaluation["Status"] == "SUBMITTED" and evaluation["Notes"] == {"s1": {"Value": "ok"}}
    assert (scores["q1"]["Percentage"], scores["q2"]["Percentage"], scores["q3"]["Percentage"]) == (100, 100, 0)
    assert (scores["s1"]["Percentage"], scores["s2"]["Percentage"]) == (100, 0)
    assert evaluation["Metadata"]["Score"]["Percentage"] == 80 and "t" not in scores
    with raises("ResourceConflictException", match="only drafts are updated"):
        update({"q3": pick("q3-yes")})

    # a resubmission: a not-applicable answer gives its weight to the others
    c.submit_contact_evaluation(InstanceId=w.iid, EvaluationId=eid, Answers={"q1": {"Value": {"NotApplicable": True}}})
    evaluation = w.describe(eid)["Evaluation"]
    scores = evaluation["Scores"]
    assert scores["q1"] == {"NotApplicable": True}
    assert (scores["q2"]["AppliedWeight"], scores["q3"]["AppliedWeight"]) == (60, 40)
    assert evaluation["Metadata"]["Score"]["Percentage"] == 60

    summaries = c.list_contact_evaluations(InstanceId=w.iid, ContactId=contact)["EvaluationSummaryList"]
    assert [(s["EvaluationId"], s["Status"], s["Score"]["Percentage"]) for s in summaries] == [(eid, "SUBMITTED", 60)]
    assert (
        c.describe_contact(InstanceId=w.iid, ContactId=contact)["Contact"]["ContactEvaluations"][eid]["Status"]
        == "COMPLETE"
    )
    with raises("ResourceNotFoundException"):
        c.list_contact_evaluations(InstanceId=w.iid, ContactId="no-such-contact")

    c.delete_contact_evaluation(InstanceId=w.iid, EvaluationId=eid)
    entry = c.describe_contact(InstanceId=w.iid, ContactId=contact)["Contact"]["ContactEvaluations"][eid]
    assert entry["Status"] == "DELETED" and "DeleteTimestamp" in entry
    with raises("ResourceNotFoundException"):
        w.describe(eid)
    assert c.list_contact_evaluations(InstanceId=w.iid, ContactId=contact)["EvaluationSummaryList"] == []


def test_automatic_fail_sections_points_and_conditions(world: World) -> None:
    w, c = world, world.c
    failing = select("q1", fail=True)
    failing["Question"]["QuestionTypeProperties"]["SingleSelect"]["Options"][1]["AutomaticFailConfiguration"] = {
        "TargetSection": "s1"
    }
    conditional = select(
        "q3",
        Enablement={
            "Condition": {
                "Operands": [
                    {
                        "Expression": {
                            "Source": {"Type": "QUESTION_REF_ID", "RefId": "q2"},
                            "Values": [{"Type": "OPTION_REF_ID", "RefId": "q2-yes"}],
                            "Comparator": "IN",
                        }
                    }
                ]
            },
            "Action": "ENABLE",
        },
    )
    items = [section("s1", failing, select("q2"), weight=70), section("s2", conditional, select("q4"), weight=30)]
    fid = w.form(items, mode="SECTION_ONLY")
    eid = w.start(w.contact(), fid)
    answers = {"q1": pick("q1-no"), "q2": pick("q2-no"), "q4": pick("q4-yes")}
    c.update_contact_evaluation(InstanceId=w.iid, EvaluationId=eid, Answers=answers)
    assert w.describe(eid)["Evaluation"]["ItemEnablementStatus"] == {"q3": "DISABLED"}
    c.submit_contact_evaluation(InstanceId=w.iid, EvaluationId=eid)  # q3 is disabled: it needs no answer
    evaluation = w.describe(eid)["Evaluation"]
    scores, overall = evaluation["Scores"], evaluation["Metadata"]["Score"]
    assert scores["s1"] == {"Percentage": 0, "AutomaticFail": True, "AppliedWeight": 70}
    assert scores["s2"]["Percentage"] == 100 and "q3" not in scores
    assert overall == {"Percentage": 30, "AutomaticFail": True}

    # the condition holds: q3 is enabled, and needed
    eid = w.start(w.contact(), fid)
    c.update_contact_evaluation(InstanceId=w.iid, EvaluationId=eid, Answers={**answers, "q2": pick("q2-yes")})
    assert w.describe(eid)["Evaluation"]["ItemEnablementStatus"] == {"q3": "ENABLED"}
    with raises("InvalidParameterException", match="q3 have no answer"):
        c.submit_contact_evaluation(InstanceId=w.iid, EvaluationId=eid)

    # points: earned over the maximum base points, bonus points earned only
    def pointed(ref: str, yes: int, bonus: int | None = None) -> dict[str, Any]:
        question = select(ref)
        options = question["Question"]["QuestionTypeProperties"]["SingleSelect"]["Options"]
        options[0]["PointsConfiguration"] = {"PointValue": yes}
        options[1]["PointsConfiguration"] = {"PointValue": bonus or 0, "IsBonus": bonus is not None}
        return question

    fid = w.form([section("s1", pointed("p1", 10), pointed("p2", 5, bonus=3))], mode="POINTS_BASED")
    eid = w.start(w.contact(), fid)
    c.submit_contact_evaluation(InstanceId=w.iid, EvaluationId=eid, Answers={"p1": pick("p1-no"), "p2": pick("p2-no")})
    overall = w.describe(eid)["Evaluation"]["Metadata"]["Score"]
    assert (overall["EarnedPoints"], overall["MaxBasePoint"], overall["Percentage"]) == (3, 15, 20)


def test_search_automation_and_users(world: World) -> None:
    w, c = world, world.c
    fid = w.form([section("s1", select("q1", 100))])
    first, second = w.contact(), w.contact("VOICE")
    a = w.start(first, fid, Tags={"team": "qa"})
    b = w.start(second, fid)
    c.submit_contact_evaluation(InstanceId=w.iid, EvaluationId=a, Answers={"q1": pick("q1-yes")})
    with raises("InvalidParameterException", match="Automated evaluation is not enabled"):
        w.start(second, fid, AutoEvaluationConfiguration={"Enabled": True})
    with raises("InvalidParameterException", match="is not a user of this instance"):
        c.submit_contact_evaluation(
            InstanceId=w.iid,
            EvaluationId=b,
            Answers={"q1": pick("q1-no")},
            SubmittedBy={"ConnectUserArn": f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{w.iid}/agent/nobody"},
        )

    def search(criteria: dict[str, Any] | None = None, **kw: Any) -> set[str]:
        out = c.search_contact_evaluations(InstanceId=w.iid, SearchCriteria=criteria or {}, **kw)
        assert out["ApproximateTotalCount"] == len(out["EvaluationSearchSummaryList"])
        return {e["EvaluationId"] for e in out["EvaluationSearchSummaryList"]}

    assert search() == {a, b}
    assert search({"StringCondition": {"FieldName": "status", "Value": "SUBMITTED", "ComparisonType": "EXACT"}}) == {a}
    assert search({"StringCondition": {"FieldName": "contactId", "Value": second, "ComparisonType": "EXACT"}}) == {b}
    assert search(
        {"DecimalCondition": {"FieldName": "evaluationScore", "MinValue": 90, "ComparisonType": "GREATER_OR_EQUAL"}}
    ) == {a}
    assert search(SearchFilter={"AttributeFilter": {"TagCondition": {"TagKey": "team", "TagValue": "qa"}}}) == {a}
    hit = c.search_contact_evaluations(
        InstanceId=w.iid,
        SearchCriteria={"StringCondition": {"FieldName": "evaluationId", "Value": a, "ComparisonType": "EXACT"}},
    )["EvaluationSearchSummaryList"][0]
    assert hit["Metadata"]["ScorePercentage"] == 100 and hit["EvaluationFormVersion"] == 1
    with raises("InvalidParameterException", match="not supported"):
        search({"StringCondition": {"FieldName": "colour", "Value": "x", "ComparisonType": "EXACT"}})

    # the evaluated agent (the agent the contact was routed to), alone and with a tag
    user = new_user(c, w.iid, "evaluated")["UserId"]
    resources = w.backend.resources
    contact = contacts.find(resources, w.backend.instance(w.iid), first)
    contacts.route_to_agent(resources, contact, user, Caller(ACCOUNT, c.meta.region_name, "aws"))
    agent_eval = w.start(first, fid)

    def agent(user_id: str) -> dict[str, Any]:
        return {"AttributeKey": "ContactAgentId", "ComparisonType": "EXACT", "AttributeValue": {"StringValue": user_id}}

    def by_agent(own: dict[str, Any]) -> set[str]:
        return search(SearchFilter={"ContactEvaluationAttributeFilter": own})

    assert by_agent({"ContactEvaluationAttributeCondition": agent(user)}) == {agent_eval}
    assert by_agent({"ContactEvaluationAttributeCondition": agent("someone-else")}) == set()
    assert (
        by_agent({"AndCondition": {"AttributeConditions": [agent(user)], "TagConditions": [{"TagKey": "team"}]}})
        == set()
    )
    either = {"OrConditions": [{"AttributeConditions": [agent(user)]}, {"TagConditions": [{"TagKey": "team"}]}]}
    assert by_agent(either) == {a, agent_eval}
    for condition in (
        {"AttributeKey": "ContactAgentId", "AttributeValue": {}},
        {"AttributeValue": {"StringValue": user}},
    ):
        with raises("InvalidParameterException", match="are required in a ContactEvaluationAttributeCondition"):
            by_agent({"ContactEvaluationAttributeCondition": condition})

    # automated evaluation: a form that enables it, a voice contact
    automated = select("q1", 100)
    automated["Question"]["QuestionTypeProperties"]["SingleSelect"]["Automation"] = {
        "Options": [{"RuleCategory": {"Category": "greeting", "Condition": "PRESENT", "OptionRefId": "q1-yes"}}],
        "DefaultOptionRefId": "q1-no",
    }
    auto_form = w.form([section("s1", automated)], AutoEvaluationConfiguration={"Enabled": True})
    with raises("InvalidParameterException", match="voice and chat"):
        w.start(first, auto_form, AutoEvaluationConfiguration={"Enabled": True})

    # a rule's SUBMIT_AUTO_EVALUATION action names a form whose active version automates evaluation
    def rule(form_id: str) -> Any:
        return c.create_rule(
            InstanceId=w.iid,
            Name=f"auto-{form_id[:8]}",
            TriggerEventSource={"EventSourceName": "OnPostCallAnalysisAvailable"},
            Function=function(REFUND),
            Actions=[
                {"ActionType": "SUBMIT_AUTO_EVALUATION", "SubmitAutoEvaluationAction": {"EvaluationFormId": form_id}}
            ],
            PublishStatus="DRAFT",
        )

    with raises("ResourceNotFoundException", match="Evaluation form not found: nope"):
        rule("nope")
    with raises("InvalidRequestException", match="no active version with automated evaluation"):
        rule(fid)
    assert rule(auto_form)["RuleId"]
    eid = w.start(second, auto_form, AutoEvaluationConfiguration={"Enabled": True})
    assert w.describe(eid)["Evaluation"]["Metadata"]["AutoEvaluation"] == {
        "AutoEvaluationEnabled": True,
        "AutoEvaluationStatus": "SUCCEEDED",
    }


def test_family_in_server_mode(server: str) -> None:
    c = server_client(server, "connect", "eu-west-2")
    iid = new_instance(c, "served-evaluations")["Id"]
    fid = c.create_evaluation_form(
        InstanceId=iid,
        Title="Served",
        Items=[section("s1", select("q1", 100))],
        ScoringStrategy={"Mode": "QUESTION_ONLY", "Status": "ENABLED"},
    )["EvaluationFormId"]
    c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1)
    with raises("ResourceNotFoundException", 404, match="Contact not found"):
        c.start_contact_evaluation(InstanceId=iid, ContactId="missing", EvaluationFormId=fid)
    flows = c.list_contact_flows(InstanceId=iid, ContactFlowTypes=["CONTACT_FLOW"])["ContactFlowSummaryList"]
    contact = c.start_task_contact(InstanceId=iid, ContactFlowId=flows[0]["Id"], Name="Check")["ContactId"]
    eid = c.start_contact_evaluation(InstanceId=iid, ContactId=contact, EvaluationFormId=fid)["EvaluationId"]
    c.submit_contact_evaluation(InstanceId=iid, EvaluationId=eid, Answers={"q1": pick("q1-yes")})
    evaluation = c.describe_contact_evaluation(InstanceId=iid, EvaluationId=eid)["Evaluation"]
    assert evaluation["Metadata"]["Score"]["Percentage"] == 100
