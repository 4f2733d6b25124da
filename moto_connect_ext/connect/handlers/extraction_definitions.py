"""Extraction definitions: create (idempotent with a client token), describe, update, delete, list."""

from __future__ import annotations

from typing import Any

from ...core.resources import operations, resource_of
from .. import extraction_definitions as ed
from ..exceptions import InvalidRequestException
from .common import ROOT, create_once, delete_created, once, reused


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
    "create_extraction_definition": create_once(
        ed.EXTRACTION_DEFINITION,
        "CreateExtractionDefinition",
        ed.create,
        "an extraction definition",
        "ExtractionDefinitionArn",
        "ExtractionDefinitionId",
    ),
    "update_extraction_definition": update_extraction_definition,
    "delete_extraction_definition": delete_created(ed.EXTRACTION_DEFINITION),
}
