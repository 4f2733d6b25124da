"""Extraction definitions: create (idempotent with a client token), describe, update, delete, list."""

from __future__ import annotations

from typing import Any

from ...core.idempotency import without
from ...core.resources import operations, parent_of, resource_of
from .. import extraction_definitions as ed
from ..exceptions import InvalidRequestException
from .common import ROOT


def _mismatch(token: str | None, what: str) -> InvalidRequestException:
    return InvalidRequestException(f"The client token {token} was already used to {what} with other parameters")


def create_extraction_definition(r: Any) -> dict[str, Any]:
    p = r.params
    backend = r.backend
    instance = parent_of(ed.EXTRACTION_DEFINITION, r)
    definition, _ = backend.client_tokens.once(
        "CreateExtractionDefinition",
        p.get("ClientToken"),
        (instance.id, without(p, "ClientToken")),
        lambda: ed.create(backend.resources, instance, p, r.caller, p.get("Tags")),
        lambda: _mismatch(p.get("ClientToken"), "create an extraction definition"),
    )
    return {"ExtractionDefinitionArn": definition.arn, "ExtractionDefinitionId": definition.id}


def update_extraction_definition(r: Any) -> None:
    p = r.params
    definition = resource_of(ed.EXTRACTION_DEFINITION, r)
    r.backend.client_tokens.once(
        "UpdateExtractionDefinition",
        p.get("ClientToken"),
        (definition.arn, without(p, "ClientToken")),
        lambda: ed.update(r.backend.resources, definition, p, r.caller),
        lambda: _mismatch(p.get("ClientToken"), "update an extraction definition"),
    )


def delete_extraction_definition(r: Any) -> None:
    definition = resource_of(ed.EXTRACTION_DEFINITION, r)
    r.backend.resources.delete(definition)
    r.backend.client_tokens.forget_results(lambda result: result is definition)


HANDLERS = {
    **operations(
        ed.EXTRACTION_DEFINITION,
        ROOT,
        describe="DescribeExtractionDefinition",
        list_="ListExtractionDefinitions",
    ),
    "create_extraction_definition": create_extraction_definition,
    "update_extraction_definition": update_extraction_definition,
    "delete_extraction_definition": delete_extraction_definition,
}
