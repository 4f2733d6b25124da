"""Evaluation forms through boto3: versions, activation, content checks, validation, search, and
the family in server mode."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import new_instance, raises
from tests.servers import server_client


def select(ref: str, weight: float | None = None, fail: bool = False, **extra: Any) -> dict[str, Any]:
    """A Yes (10) / No (0) question."""
    no: dict[str, Any] = {"RefId": f"{ref}-no", "Text": "No", "Score": 0}
    if fail:
        no["AutomaticFail"] = True
    body: dict[str, Any] = {
        "Title": f"Question {ref}",
        "RefId": ref,
        "QuestionType": "SINGLESELECT",
        "QuestionTypeProperties": {
            "SingleSelect": {"Options": [{"RefId": f"{ref}-yes", "Text": "Yes", "Score": 10}, no]}
        },
        **extra,
    }
    if weight is not None:
        body["Weight"] = weight
    return {"Question": body}


def numeric(ref: str, weight: float | None = None, options: list[tuple[int, int, int]] | None = None) -> dict[str, Any]:
    spans = options if options is not None else [(0, 4, 0), (5, 10, 10)]
    body: dict[str, Any] = {
        "Title": f"Question {ref}",
        "RefId": ref,
        "QuestionType": "NUMERIC",
        "QuestionTypeProperties": {
            "Numeric": {
                "MinValue": 0,
                "MaxValue": 10,
                "Options": [{"MinValue": a, "MaxValue": b, "Score": s} for a, b, s in spans],
            }
        },
    }
    if weight is not None:
        body["Weight"] = weight
    return {"Question": body}


def text(ref: str) -> dict[str, Any]:
    return {"Question": {"Title": f"Question {ref}", "RefId": ref, "QuestionType": "TEXT"}}


def section(ref: str, *items: dict[str, Any], weight: float | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"Title": f"Section {ref}", "RefId": ref, "Items": list(items)}
    if weight is not None:
        body["Weight"] = weight
    return {"Section": body}


QUESTION_ONLY = {"Mode": "QUESTION_ONLY", "Status": "ENABLED"}
ITEMS = [section("s1", select("q1", 60, fail=True), numeric("q2", 40), text("q3"))]


@pytest.fixture
def iid(connect: Any) -> str:
    return str(new_instance(connect)["Id"])


def make_form(connect: Any, iid: str, items: list[dict[str, Any]] = ITEMS, **kw: Any) -> str:
    kw.setdefault("ScoringStrategy", QUESTION_ONLY)
    return str(connect.create_evaluation_form(InstanceId=iid, Title="Quality", Items=items, **kw)["EvaluationFormId"])


def test_versions_activation_and_deletion(connect: Any, iid: str) -> None:
    c = connect
    fid = make_form(c, iid, Description="Agents", Tags={"team": "qa"}, ClientToken="t-1")
    assert make_form(c, iid, Description="Agents", Tags={"team": "qa"}, ClientToken="t-1") == fid  # a retry
    with raises("ResourceConflictException", match="client token"):
        make_form(c, iid, Description="Other", ClientToken="t-1")
    form = c.describe_evaluation_form(InstanceId=iid, EvaluationFormId=fid)["EvaluationForm"]
    assert (form["EvaluationFormVersion"], form["Status"], form["Locked"]) == (1, "DRAFT", False)
    assert form["Items"] == ITEMS and form["Tags"] == {"team": "qa"} and form["CreatedBy"].startswith("arn:aws:")

    # a draft version is updated in place; activating locks it
    c.update_evaluation_form(
        InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1, Title="Quality 1", Items=ITEMS
    )
    c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1)
    with raises("ResourceConflictException", match="already active"):
        c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1)
    with raises("ResourceConflictException", match="locked"):
        c.update_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1, Title="x", Items=ITEMS)
    made = c.update_evaluation_form(
        InstanceId=iid,
        EvaluationFormId=fid,
        EvaluationFormVersion=1,
        CreateNewVersion=True,
        Title="Quality 2",
        Items=ITEMS,
    )
    assert made["EvaluationFormVersion"] == 2
    with raises("ResourceNotFoundException"):
        c.describe_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=9)

    summaries = c.list_evaluation_form_versions(InstanceId=iid, EvaluationFormId=fid, MaxResults=1)
    assert [
        (v["EvaluationFormVersion"], v["Status"], v["Locked"]) for v in summaries["EvaluationFormVersionSummaryList"]
    ] == [(1, "ACTIVE", True)]
    rest = c.list_evaluation_form_versions(InstanceId=iid, EvaluationFormId=fid, NextToken=summaries["NextToken"])
    assert [v["EvaluationFormVersion"] for v in rest["EvaluationFormVersionSummaryList"]] == [2]

    # one active version at a time
    c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=2)
    listed = c.list_evaluation_forms(InstanceId=iid)["EvaluationFormSummaryList"]
    assert [(f["Title"], f["LatestVersion"], f["ActiveVersion"]) for f in listed] == [("Quality 2", 2, 2)]
    assert "LastActivatedTime" in listed[0]
    first = c.describe_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1)["EvaluationForm"]
    assert (first["Status"], first["Locked"], first["Title"]) == ("DRAFT", True, "Quality 1")

    with raises("ResourceConflictException", match="not active"):
        c.deactivate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1)
    with raises("ResourceConflictException", match="deactivate"):
        c.delete_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=2)
    with raises("ResourceConflictException", match="deactivate"):
        c.delete_evaluation_form(InstanceId=iid, EvaluationFormId=fid)
    c.delete_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1)
    c.deactivate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=2)
    assert "ActiveVersion" not in c.list_evaluation_forms(InstanceId=iid)["EvaluationFormSummaryList"][0]
    c.delete_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=2)  # the last one: the form
    assert c.list_evaluation_forms(InstanceId=iid)["EvaluationFormSummaryList"] == []
    with raises("ResourceNotFoundException"):
        c.describe_evaluation_form(InstanceId=iid, EvaluationFormId=fid)


@pytest.mark.parametrize(
    ("items", "scoring", "message"),
    [
        ([select("q1")], None, "must be contained in a section"),
        ([section("s1", select("s1"))], None, "RefId s1 is used by more than one item"),
        ([section("s1", section("s2", section("s3", select("q1"))))], None, "nested too deeply"),
        ([section("s1")], None, "Section s1 has no items"),
        ([section("s1", *[select(f"q{i}") for i in range(101)])], None, "at most 100 questions"),
        (
            [section("s1", {"Question": {"Title": "t", "RefId": "q", "QuestionType": "NUMERIC"}})],
            None,
            "needs QuestionTypeProperties.Numeric",
        ),
        (
            [section("s1", {"Question": {**select("q")["Question"], "QuestionType": "TEXT"}})],
            None,
            "cannot have SingleSelect properties",
        ),
        ([section("s1", numeric("q", options=[(0, 6, 1), (5, 10, 2)]))], None, "overlap"),
        ([section("s1", numeric("q", options=[(0, 11, 1)]))], None, "not within 0-10"),
        ([section("s1", numeric("q", options=[(0, 4, 11)]))], None, "between 0 and 10"),
        ([section("s1", select("q1", 50), select("q2", 40))], QUESTION_ONLY, "must add up to 100 (they add up to 90)"),
        (
            [section("s1", select("q1"), weight=70), section("s2", select("q2"), weight=20)],
            {"Mode": "SECTION_ONLY", "Status": "ENABLED"},
            "sections must add up to 100",
        ),
        ([section("s1", numeric("q", 100, options=[(0, 4, 1)]))], QUESTION_ONLY, "must cover the whole range 0-10"),
        ([section("s1", select("q", 100))], {"Mode": "POINTS_BASED", "Status": "ENABLED"}, "uses points, not weights"),
    ],
)
def test_content_is_checked(connect: Any, iid: str, items: Any, scoring: Any, message: str) -> None:
    kw = {"ScoringStrategy": scoring} if scoring else {}
    with raises("InvalidParameterException", 400, match=message):
        connect.create_evaluation_form(InstanceId=iid, Title="Bad", Items=items, **kw)
    assert connect.list_evaluation_forms(InstanceId=iid)["EvaluationFormSummaryList"] == []


def test_drafts_validation_and_references(connect: Any, iid: str) -> None:
    c = connect
    # an incomplete form is kept as a draft, refused at activation, and its problems reported
    incomplete = [section("s1", select("q1", 50), select("q2", 20))]
    fid = make_form(c, iid, incomplete, AsDraft=True)
    with raises("InvalidParameterException", match="add up to 100"):
        c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1)
    with raises("ResourceNotFoundException", match="has not been validated"):
        c.get_evaluation_form_validation(InstanceId=iid, EvaluationFormId=fid)
    c.start_evaluation_form_validation(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1)
    result = c.get_evaluation_form_validation(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1)
    assert result["Status"] == "COMPLETED" and result["EvaluationFormVersion"] == 1
    assert [(f["IssueCode"], f["Severity"]) for f in result["Findings"]] == [("WEIGHTS_DO_NOT_ADD_UP", "ERROR")]
    described = c.describe_evaluation_form(InstanceId=iid, EvaluationFormId=fid)["EvaluationForm"]
    assert described["LatestValidationStatus"] == "COMPLETED" and "LastValidationTime" in described
    # structural problems are refused even in drafts
    with raises("InvalidParameterException", match="must be contained in a section"):
        c.update_evaluation_form(
            InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1, Title="t", Items=[select("q")], AsDraft=True
        )

    # references: enablement sources, automatic fail targets, automation options, recipients, AI versions
    conditional = select(
        "q2",
        50,
        Enablement={
            "Condition": {
                "Operands": [
                    {
                        "Expression": {
                            "Source": {"Type": "QUESTION_REF_ID", "RefId": "q1"},
                            "Values": [{"Type": "OPTION_REF_ID", "RefId": "q1-maybe"}],
                            "Comparator": "IN",
                        }
                    }
                ]
            },
            "Action": "ENABLE",
        },
    )
    with raises("InvalidParameterException", match="question q1 has no option q1-maybe"):
        make_form(c, iid, [section("s1", select("q1", 50), conditional)])
    failing = select("q1", 100)
    failing["Question"]["QuestionTypeProperties"]["SingleSelect"]["Options"][1]["AutomaticFailConfiguration"] = {
        "TargetSection": "s9"
    }
    with raises("InvalidParameterException", match="automatic fail target s9"):
        make_form(c, iid, [section("s1", failing)])
    with raises("InvalidParameterException", match="User not found: nobody"):
        make_form(
            c,
            iid,
            ReviewConfiguration={"ReviewNotificationRecipients": [{"Type": "USER_ID", "Value": {"UserId": "nobody"}}]},
        )
    versions = c.list_evaluation_form_ai_versions(InstanceId=iid, ContactInteractionType="AGENT")["AIVersionSummaries"]
    names = [v["AIVersionName"] for v in versions]
    assert make_form(c, iid, AIVersion=names[0])
    with raises("InvalidParameterException", match="AIVersion 9.9"):
        make_form(c, iid, AIVersion="9.9")
    with raises("InvalidParameterException", match="needs automation on every question"):
        make_form(c, iid, AutoEvaluationConfiguration={"Enabled": True})
    with raises("ResourceNotFoundException"):
        c.activate_evaluation_form(InstanceId=iid, EvaluationFormId="nope", EvaluationFormVersion=1)


def test_search(connect: Any, iid: str) -> None:
    c = connect
    a = make_form(c, iid, Tags={"team": "qa"})
    b = c.create_evaluation_form(InstanceId=iid, Title="Sales", Description="Upsell", Items=ITEMS)["EvaluationFormId"]
    c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=a, EvaluationFormVersion=1)

    def search(criteria: dict[str, Any] | None = None, **kw: Any) -> set[str]:
        out = c.search_evaluation_forms(InstanceId=iid, SearchCriteria=criteria or {}, **kw)
        assert out["ApproximateTotalCount"] == len(out["EvaluationFormSearchSummaryList"])
        return {f["EvaluationFormId"] for f in out["EvaluationFormSearchSummaryList"]}

    assert search() == {a, b}
    assert search({"StringCondition": {"FieldName": "status", "Value": "ACTIVE", "ComparisonType": "EXACT"}}) == {a}
    assert search({"StringCondition": {"FieldName": "title", "Value": "sal", "ComparisonType": "STARTS_WITH"}}) == {b}
    assert search({"NumberCondition": {"FieldName": "activeVersion", "MinValue": 1, "ComparisonType": "EQUAL"}}) == {a}
    assert search(
        {
            "DateTimeCondition": {
                "FieldName": "createdTime",
                "MinValue": "2000-01-01T00:00:00Z",
                "ComparisonType": "GREATER_THAN",
            }
        }
    ) == {a, b}
    assert search(SearchFilter={"AttributeFilter": {"TagCondition": {"TagKey": "team", "TagValue": "qa"}}}) == {a}
    with raises("InvalidParameterException", match="not supported"):
        search({"StringCondition": {"FieldName": "colour", "Value": "x", "ComparisonType": "EXACT"}})


def test_family_in_server_mode(server: str) -> None:
    c = server_client(server, "connect", "eu-west-2")
    iid = new_instance(c, "served-forms")["Id"]
    fid = make_form(c, iid)
    c.activate_evaluation_form(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1)
    assert c.describe_evaluation_form(InstanceId=iid, EvaluationFormId=fid)["EvaluationForm"]["Status"] == "ACTIVE"
    with raises("InvalidParameterException", 400, match="overlap"):
        make_form(c, iid, [section("s1", numeric("q", options=[(0, 6, 1), (5, 10, 2)]))])
