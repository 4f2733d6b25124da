"""Extraction definitions: create (idempotent with a client token), describe, update, delete, list."""

from __future__ import annotations

from typing import Any

from ...core.resources import operations, parent_of, resource_of
from .. import extraction_definitions as ed
from ..exceptions import InvalidRequestException
from .common import ROOT, delete_created, once, reused


def create_extraction_definition(r: Any) -> dict[str, Any]:
    p = r.params
    instance = parent_of(ed.EXTRACTION_DEFINITION, r)
    definition = once(
        r,
        "CreateExtractionDefinition",
        lambda: ed.create(r.backend.resources, instance, p, r.caller, p.get("Tags")),
        mismatch=reused(r, InvalidRequestException, "to create an extraction definition with other parameters"),
    )
    return {"ExtractionDefinitionArn": definition.arn, "ExtractionDefinitionId": definition.id}


def update_extraction_definition(r: Any) -> None:
    definition = resource_of(ed.EXTRACTION_DEFINITION, r)
    once(
        r,
        "UpdateExtractionDefinition",
        lambda: ed.update(r.backend.resources, definition, r.params, r.caller),
        mismatch=reused(r, InvalidRequestException, "to update an extraction definition with other parameters"),
    )


HANDLERS = {
    **operations(
        ed.EXTRACTION_DEFINITION,
        ROOT,
        describe="DescribeExtractionDefinition",
        list_="ListExtractionDefinitions",
    ),
    "create_extraction_definition": create_extraction_definition,
    "update_extraction_definition": update_extraction_definition,
    "delete_extraction_definition": delete_created(ed.EXTRACTION_DEFINITION),
}
