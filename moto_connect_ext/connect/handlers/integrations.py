"""Integration associations and use cases: the resource layer's standard operations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.resources import Resource, operations
from ..integrations import INTEGRATION_ASSOCIATION, USE_CASE
from .common import ROOT


def _integration_filter(request: Any) -> Callable[[Resource], bool] | None:
    kind, arn = request.params.get("IntegrationType"), request.params.get("IntegrationArn")
    if kind is None and arn is None:
        return None
    return lambda a: (
        (kind is None or a.attrs["IntegrationType"] == kind) and (arn is None or a.attrs["IntegrationArn"] == arn)
    )


HANDLERS = {
    **operations(
        INTEGRATION_ASSOCIATION,
        ROOT,
        create="CreateIntegrationAssociation",
        list_="ListIntegrationAssociations",
        delete="DeleteIntegrationAssociation",
        list_filter=_integration_filter,
    ),
    **operations(USE_CASE, ROOT, create="CreateUseCase", list_="ListUseCases", delete="DeleteUseCase"),
}
