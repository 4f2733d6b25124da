"""Valid requests for evaluation forms and contact evaluations: a sound form (one section, a
weighted single-select question), made fresh for the operations that change its versions."""

from __future__ import annotations

from typing import Any

from tests.conformance.seeds import World, happy

ITEMS = [
    {
        "Section": {
            "Title": "Greeting",
            "RefId": "s1",
            "Items": [
                {
                    "Question": {
                        "Title": "Did the agent greet the customer?",
                        "RefId": "q1",
                        "QuestionType": "SINGLESELECT",
                        "Weight": 100,
                        "QuestionTypeProperties": {
                            "SingleSelect": {
                                "Options": [
                                    {"RefId": "yes", "Text": "Yes", "Score": 10},
                                    {"RefId": "no", "Text": "No", "Score": 0},
                                ]
                            }
                        },
                    }
                }
            ],
        }
    }
]
SCORING = {"Mode": "QUESTION_ONLY", "Status": "ENABLED"}


def new_form(world: World, iid: str, activate: bool = False) -> str:
    connect = world.client()
    form = connect.create_evaluation_form(InstanceId=iid, Title="Happy", Items=ITEMS, ScoringStrategy=SCORING)
    if activate:
        connect.activate_evaluation_form(
            InstanceId=iid, EvaluationFormId=form["EvaluationFormId"], EvaluationFormVersion=1
        )
    return str(form["EvaluationFormId"])


@happy("connect", "CreateEvaluationForm")
def _create(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Items": ITEMS, "ScoringStrategy": SCORING}


@happy("connect", "UpdateEvaluationForm")
def _update(world: World, request: dict[str, Any]) -> dict[str, Any]:
    fid = new_form(world, request["InstanceId"])
    return {**request, "EvaluationFormId": fid, "EvaluationFormVersion": 1, "Items": ITEMS}


@happy(
    "connect",
    "ActivateEvaluationForm",
    "StartEvaluationFormValidation",
    "DeleteEvaluationForm",
    "DescribeEvaluationForm",
    "ListEvaluationFormVersions",
)
def _on_a_draft(world: World, request: dict[str, Any]) -> dict[str, Any]:
    fid = new_form(world, request["InstanceId"])
    out = {**request, "EvaluationFormId": fid}
    if "EvaluationFormVersion" in request:
        out["EvaluationFormVersion"] = 1
    return out


@happy("connect", "DeactivateEvaluationForm")
def _on_an_active_form(world: World, request: dict[str, Any]) -> dict[str, Any]:
    fid = new_form(world, request["InstanceId"], activate=True)
    return {**request, "EvaluationFormId": fid, "EvaluationFormVersion": 1}


@happy("connect", "GetEvaluationFormValidation")
def _validated(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    fid = new_form(world, iid)
    world.client().start_evaluation_form_validation(InstanceId=iid, EvaluationFormId=fid, EvaluationFormVersion=1)
    return {**request, "EvaluationFormId": fid}


# -- contact evaluations ---------------------------------------------------------------------
ACCOUNT = "123456789012"


def _contact(world: World, iid: str) -> str:
    from moto_connect_ext.connect import contacts
    from moto_connect_ext.connect.models import connect_backends
    from moto_connect_ext.core.caller import Caller

    region = world.client().meta.region_name
    backend = connect_backends[ACCOUNT][region]
    contact = contacts.start(backend.resources, backend.instance(iid), Caller(ACCOUNT, region, "aws"), "TASK", "API")
    return str(contact.id)


@happy("connect", "StartContactEvaluation", "ListContactEvaluations")
def _on_a_contact(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    out = {**request, "ContactId": _contact(world, iid)}
    if "EvaluationFormId" in request:
        out["EvaluationFormId"] = new_form(world, iid, activate=True)
    return out


@happy(
    "connect",
    "DescribeContactEvaluation",
    "DeleteContactEvaluation",
)
def _on_a_draft_evaluation(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    started = world.client().start_contact_evaluation(
        InstanceId=iid, ContactId=_contact(world, iid), EvaluationFormId=new_form(world, iid, activate=True)
    )
    return {**request, "EvaluationId": started["EvaluationId"]}


@happy("connect", "SubmitContactEvaluation", "UpdateContactEvaluation")
def _answering(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**_on_a_draft_evaluation(world, request), "Answers": {"q1": {"Value": {"StringValue": "yes"}}}}
