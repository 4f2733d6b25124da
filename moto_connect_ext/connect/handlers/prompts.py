"""Prompts: made from a .wav file in moto's S3; GetPromptFile answers a pre-signed URL to it."""

from __future__ import annotations

from typing import Any

from ...core.errors import ResourceNotFoundException
from ...core.resources import operations, parent_of, resource_of
from ..exceptions import InvalidParameterException
from ..prompts import PROMPT, SOURCE, presigned_url, prompt_source
from .common import ROOT, searcher


def create(r: Any) -> dict[str, Any]:
    p = r.params
    try:
        parent = parent_of(PROMPT, r)
    except ResourceNotFoundException as error:
        # CreatePrompt models no ResourceNotFoundException: an unknown instance is a bad parameter
        raise InvalidParameterException(error.message) from None
    source = prompt_source(p["S3Uri"], r.caller)
    attrs = {k: p[k] for k in ("Name", "Description", "S3Uri") if k in p}
    attrs[SOURCE] = source
    prompt = r.backend.resources.create(PROMPT, parent, attrs, r.caller, p.get("Tags"))
    return {"PromptARN": prompt.arn, "PromptId": prompt.id}


def update(r: Any) -> dict[str, Any]:
    p = r.params
    prompt = resource_of(PROMPT, r)
    changes = {k: p[k] for k in ("Name", "Description") if k in p}
    if "S3Uri" in p:
        changes["S3Uri"] = p["S3Uri"]
        changes[SOURCE] = prompt_source(p["S3Uri"], r.caller)
    r.backend.resources.update(prompt, changes, r.caller)
    return {"PromptARN": prompt.arn, "PromptId": prompt.id}


def get_prompt_file(r: Any) -> dict[str, Any]:
    prompt = resource_of(PROMPT, r)
    return {
        "PromptPresignedUrl": presigned_url(prompt, r.caller.region),
        "LastModifiedTime": prompt.last_modified_time,
        "LastModifiedRegion": prompt.last_modified_region,
    }


HANDLERS = {
    **operations(
        PROMPT,
        ROOT,
        describe="DescribePrompt",
        list_="ListPrompts",
        search="SearchPrompts",
        delete="DeletePrompt",
        search_filter=searcher(),
    ),
    "create_prompt": create,
    "update_prompt": update,
    "get_prompt_file": get_prompt_file,
}
