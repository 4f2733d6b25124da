"""Valid requests for workspaces: pages showing an AWS managed view, media holding an image."""

from __future__ import annotations

import base64
import uuid
from typing import Any

from tests.conformance.seeds import World, happy

VIEW = "arn:aws:connect:us-east-1:aws:view/detail"
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16).decode()


def _page(world: World, request: dict[str, Any]) -> str:
    """A new custom page of the request's workspace."""
    page = f"happy-{uuid.uuid4().hex[:12]}"
    world.client().create_workspace_page(
        InstanceId=request["InstanceId"], WorkspaceId=request["WorkspaceId"], Page=page, ResourceArn=VIEW
    )
    return page


@happy("connect", "CreateWorkspacePage")
def _create_page(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Page": f"happy-{uuid.uuid4().hex[:12]}", "ResourceArn": VIEW}


@happy("connect", "UpdateWorkspacePage", "DeleteWorkspacePage")
def _existing_page(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in request.items() if k not in ("NewPage", "ResourceArn")} | {"Page": _page(world, request)}


@happy("connect", "ImportWorkspaceMedia")
def _import_media(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "MediaSource": PNG}


@happy("connect", "DeleteWorkspaceMedia")
def _delete_media(world: World, request: dict[str, Any]) -> dict[str, Any]:
    world.client().import_workspace_media(
        InstanceId=request["InstanceId"],
        WorkspaceId=request["WorkspaceId"],
        MediaType=request["MediaType"],
        MediaSource=PNG,
    )
    return request
