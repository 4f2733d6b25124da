"""Valid requests for views: published content in the documented template structure, a fresh
name, and a customer view of its own for the operations that name one (the first view a list
shows is an AWS-managed one, which is named by ARN and never changed)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from tests.conformance.seeds import World, happy

_TEMPLATE = {"Head": {"Title": "Happy"}, "Body": [{"_id": "go", "Type": "Button", "Props": {"Action": "Go"}}]}


def _content() -> dict[str, Any]:
    return {"Template": json.dumps(_TEMPLATE), "Actions": ["Go"]}


def _new_view(world: World, instance_id: str) -> str:
    created = world.client().create_view(
        InstanceId=instance_id, Name=f"happy-{uuid.uuid4().hex[:12]}", Status="PUBLISHED", Content=_content()
    )
    return str(created["View"]["Id"])


@happy("connect", "CreateView")
def _create_view(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Name": f"happy-{uuid.uuid4().hex[:12]}", "Status": "PUBLISHED", "Content": _content()}


@happy("connect", "DescribeView", "DeleteView", "CreateViewVersion", "ListViewVersions")
def _customer_view(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ViewId": _new_view(world, request["InstanceId"])}


@happy("connect", "UpdateViewMetadata")
def _update_view_metadata(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ViewId": _new_view(world, request["InstanceId"]), "Description": "renamed"}


@happy("connect", "UpdateViewContent")
def _update_view_content(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ViewId": _new_view(world, request["InstanceId"]), "Status": "PUBLISHED", "Content": _content()}


@happy("connect", "DeleteViewVersion")
def _delete_view_version(world: World, request: dict[str, Any]) -> dict[str, Any]:
    view = _new_view(world, request["InstanceId"])
    version = world.client().create_view_version(InstanceId=request["InstanceId"], ViewId=view)["View"]["Version"]
    return {**request, "ViewId": view, "ViewVersion": version}
