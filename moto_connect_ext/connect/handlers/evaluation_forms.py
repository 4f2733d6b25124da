"""Evaluation forms: versions, activation, validation and search (the rules are in
``connect/evaluation_forms.py``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.resources import Resource, operations, parent_of, resource_of
from .. import evaluation_forms as forms
from ..evaluation_forms import EVALUATION_FORM
from ..exceptions import ResourceConflictException
from ..federation import access_key_of, caller_identity
from .common import ROOT, list_page, once, reused, searcher, with_next


def _identity(r: Any) -> str:
    return caller_identity(r.caller, access_key_of(r.headers))[1]


def _once(r: Any, operation: str, act: Callable[[], Any]) -> Any:
    return once(r, operation, act, mismatch=reused(r, ResourceConflictException, "with other parameters"))


def _answer(form: Resource, number: int) -> dict[str, Any]:
    return {"EvaluationFormId": form.id, "EvaluationFormArn": form.arn, "EvaluationFormVersion": number}


def create_evaluation_form(r: Any) -> dict[str, Any]:
    instance = parent_of(EVALUATION_FORM, r)
    identity = _identity(r)
    form: Resource = _once(
        r,
        "CreateEvaluationForm",
        lambda: forms.create(r.backend.resources, instance, r.params, r.caller, identity),
    )
    return {"EvaluationFormId": form.id, "EvaluationFormArn": form.arn}


def update_evaluation_form(r: Any) -> dict[str, Any]:
    form = resource_of(EVALUATION_FORM, r)
    identity = _identity(r)
    made: forms.Version = _once(
        r,
        "UpdateEvaluationForm",
        lambda: forms.update(r.backend.resources, form, r.params, r.caller, identity),
    )
    return _answer(form, made.number)


def describe_evaluation_form(r: Any) -> dict[str, Any]:
    form = resource_of(EVALUATION_FORM, r)
    chosen = forms.version(form, r.params.get("EvaluationFormVersion"))
    tags = r.backend.resources.tags.get(form.arn)
    return {"EvaluationForm": forms.render_version(form, chosen, tags, full=True)}


def delete_evaluation_form(r: Any) -> None:
    forms.delete(r.backend.resources, resource_of(EVALUATION_FORM, r), r.params.get("EvaluationFormVersion"))


def activate_evaluation_form(r: Any) -> dict[str, Any]:
    form = resource_of(EVALUATION_FORM, r)
    chosen = forms.activate(r.backend.resources, form, r.params["EvaluationFormVersion"], r.caller, _identity(r))
    return _answer(form, chosen.number)


def deactivate_evaluation_form(r: Any) -> dict[str, Any]:
    form = resource_of(EVALUATION_FORM, r)
    chosen = forms.deactivate(r.backend.resources, form, r.params["EvaluationFormVersion"], r.caller, _identity(r))
    return _answer(form, chosen.number)


def list_evaluation_form_versions(r: Any) -> dict[str, Any]:
    form = resource_of(EVALUATION_FORM, r)
    ordered = [forms.versions(form)[n] for n in sorted(forms.versions(form))]
    page, token = list_page(r, ordered, 100)
    return with_next(
        token, EvaluationFormVersionSummaryList=[forms.render_version(form, v, None, full=False) for v in page]
    )


def list_evaluation_form_ai_versions(r: Any) -> dict[str, Any]:
    parent_of(EVALUATION_FORM, r)  # the instance exists
    page, token = list_page(r, forms.ai_versions(r.params["ContactInteractionType"]), 100)
    return with_next(token, AIVersionSummaries=page)


def start_evaluation_form_validation(r: Any) -> dict[str, Any]:
    form = resource_of(EVALUATION_FORM, r)
    chosen = forms.start_validation(r.backend.resources, form, r.params["EvaluationFormVersion"])
    return _answer(form, chosen.number)


def get_evaluation_form_validation(r: Any) -> dict[str, Any]:
    return forms.validation_result(resource_of(EVALUATION_FORM, r), r.params.get("EvaluationFormVersion"))


_SEARCH = searcher(
    fields={
        "title": lambda f: forms.latest(f).content.get("Title"),
        "description": lambda f: forms.latest(f).content.get("Description"),
        "status": forms._search_status,
        "resourceID": lambda f: f.id,
        "contactInteractionType": lambda f: EVALUATION_FORM.computed["ContactInteractionType"](f),
        "evaluationFormLanguage": lambda f: EVALUATION_FORM.computed["EvaluationFormLanguage"](f),
        "createdBy": lambda f: f.attrs.get("CreatedBy"),
    },
    conditions=forms.conditions(
        numbers={
            "latestVersion": lambda f: max(forms.versions(f)),
            "activeVersion": lambda f: v.number if (v := forms.active(f)) else None,
        },
        booleans={"autoEvaluationEnabled": EVALUATION_FORM.computed["AutoEvaluationEnabled"]},
        datetimes={
            "createdTime": lambda f: f.created_time,
            "lastModifiedTime": EVALUATION_FORM.computed["LastModifiedTime"],
            "lastActivatedTime": lambda f: f.attrs.get("LastActivatedTime"),
        },
    ),
    common_fields=False,
)


HANDLERS = {
    **operations(
        EVALUATION_FORM,
        ROOT,
        list_="ListEvaluationForms",
        search="SearchEvaluationForms",
        search_filter=_SEARCH,
    ),
    "create_evaluation_form": create_evaluation_form,
    "update_evaluation_form": update_evaluation_form,
    "describe_evaluation_form": describe_evaluation_form,
    "delete_evaluation_form": delete_evaluation_form,
    "activate_evaluation_form": activate_evaluation_form,
    "deactivate_evaluation_form": deactivate_evaluation_form,
    "list_evaluation_form_versions": list_evaluation_form_versions,
    "list_evaluation_form_ai_versions": list_evaluation_form_ai_versions,
    "start_evaluation_form_validation": start_evaluation_form_validation,
    "get_evaluation_form_validation": get_evaluation_form_validation,
}
