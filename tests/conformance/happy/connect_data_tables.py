"""Valid requests for data tables: an attribute to name, a record to move to fresh primary values."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conformance.seeds import World, happy


def _attribute(world: World, request: dict[str, Any], primary: bool = False) -> str:
    name = f"happy-{uuid.uuid4().hex[:12]}"
    world.client().create_data_table_attribute(
        InstanceId=request["InstanceId"],
        DataTableId=request["DataTableId"],
        Name=name,
        ValueType="TEXT",
        Primary=primary,
    )
    return name


@happy("connect", "DescribeDataTableAttribute", "DeleteDataTableAttribute")
def _named(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "AttributeName": _attribute(world, request)}


@happy("connect", "UpdateDataTableAttribute")
def _update(world: World, request: dict[str, Any]) -> dict[str, Any]:
    name = _attribute(world, request)
    return {**request, "AttributeName": name, "Name": f"{name}-renamed", "ValueType": "NUMBER"}


@happy("connect", "EvaluateDataTableValues")
def _evaluate(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Values": [{"AttributeNames": [_attribute(world, request)]}]}


@happy("connect", "UpdateDataTablePrimaryValues")
def _move(world: World, request: dict[str, Any]) -> dict[str, Any]:
    key = _attribute(world, request, primary=True)
    other = _attribute(world, request)
    old = [{"AttributeName": key, "Value": "old"}]
    world.client().batch_create_data_table_value(
        InstanceId=request["InstanceId"],
        DataTableId=request["DataTableId"],
        Values=[{"PrimaryValues": old, "AttributeName": other, "Value": "v"}],
    )
    return {
        **request,
        "PrimaryValues": old,
        "NewPrimaryValues": [{"AttributeName": key, "Value": "new"}],
        "LockVersion": {},
    }
