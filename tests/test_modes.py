"""The public ways in: decorator, context manager, start/stop, plain mock_aws, fixture."""

from __future__ import annotations

import socket
import threading
import unittest
from typing import Any

import boto3
import moto
import pytest
from botocore.exceptions import ClientError

import moto_connect_ext
from moto_connect_ext import mock_connect
from moto_connect_ext.core import registry
from tests.helpers import new_instance


def _create_instance(alias: str = "modes") -> str:
    connect = boto3.client("connect", region_name="us-east-1")
    return str(new_instance(connect, alias)["Id"])


def _instance_count() -> int:
    return len(boto3.client("connect", region_name="us-east-1").list_instances()["InstanceSummaryList"])


@mock_connect
def test_decorator_on_a_function() -> None:
    _create_instance()
    assert _instance_count() == 1


@mock_connect
def test_decorator_state_is_fresh_each_time() -> None:
    assert _instance_count() == 0


@mock_connect
class TestDecoratedClass:
    def test_first(self) -> None:
        _create_instance()
        assert _instance_count() == 1

    def test_second(self) -> None:
        _create_instance()
        assert _instance_count() == 1


@mock_connect
class TestUnittestCase(unittest.TestCase):
    def setUp(self) -> None:
        self.instance_id = _create_instance("setup")

    def test_one(self) -> None:
        assert _instance_count() == 1

    def test_two(self) -> None:
        _create_instance("another")
        assert _instance_count() == 2


def test_context_manager() -> None:
    with mock_connect():
        _create_instance()
        assert _instance_count() == 1
    with mock_connect():
        assert _instance_count() == 0


def test_start_and_stop() -> None:
    mock = mock_connect()
    mock.start()
    try:
        _create_instance()
        assert _instance_count() == 1
    finally:
        mock.stop()


def test_plain_mock_aws_serves_the_plugin() -> None:
    with moto.mock_aws():
        instance_id = _create_instance()
        connect = boto3.client("connect", region_name="us-east-1")
        association = connect.create_integration_association(
            InstanceId=instance_id,
            IntegrationType="PINPOINT_APP",
            IntegrationArn="arn:aws:mobiletargeting:us-east-1:123456789012:apps/a",
        )["IntegrationAssociationId"]
        use_case = connect.create_use_case(
            InstanceId=instance_id, IntegrationAssociationId=association, UseCaseType="CONNECT_CAMPAIGNS"
        )
        assert use_case["UseCaseId"]


def test_mock_connect_mocks_every_other_service_too() -> None:
    with mock_connect():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="recordings")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["recordings"]
        sts = boto3.client("sts", region_name="us-east-1")
        assert sts.get_caller_identity()["Account"] == "123456789012"


def test_fixture_handle(moto_connect: Any) -> None:
    client = moto_connect.client("connect", region_name="eu-west-2")
    created = client.create_instance(
        IdentityManagementType="SAML", InstanceAlias="fixture", InboundCallsEnabled=True, OutboundCallsEnabled=False
    )
    backend = moto_connect.backend("connect", region_name="eu-west-2")
    assert created["Id"] in backend.instances
    assert moto_connect.backend("connect").instances.get(created["Id"]) is None


def test_fixture_state_is_fresh(moto_connect: Any) -> None:
    assert moto_connect.client("connect").list_instances()["InstanceSummaryList"] == []


def test_register_is_idempotent_and_thread_safe() -> None:
    import moto.backend_index as backend_index

    before = [name for name, _ in backend_index.backend_url_patterns]
    threads = [threading.Thread(target=moto_connect_ext.register) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [name for name, _ in backend_index.backend_url_patterns] == before
    assert registry.registered()
    import moto.connect

    assert moto.connect.connect_backends is moto_connect_ext.connect.connect_backends


def test_nothing_leaves_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError(f"network access attempted: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    with mock_connect():
        instance_id = _create_instance()
        connect = boto3.client("connect", region_name="us-east-1")
        connect.describe_instance(InstanceId=instance_id)
        connect.list_instance_attributes(InstanceId=instance_id)
    assert attempts == []


def test_moto_own_stubber_path_serves_the_plugin_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """A client that misses the plugin's direct path (made before the plugin was imported)
    is answered through moto's stubber, with the same results."""
    from botocore.handlers import BUILTIN_HANDLERS
    from moto.core.models import botocore_stubber

    from moto_connect_ext.core.fastpath import FastSend

    fast = next(entry[1] for entry in BUILTIN_HANDLERS if isinstance(entry[1], FastSend))
    direct: list[str] = []
    monkeypatch.setattr(FastSend, "__call__", lambda self, *a, **k: direct.append("called"))
    with mock_connect():
        connect = boto3.client("connect", region_name="us-east-1")
        connect.meta.events.unregister("before-send", fast)
        connect.meta.events.register("before-send", botocore_stubber)
        created = connect.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias="via-moto",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
            Tags={"path": "moto"},
        )
        assert connect.list_tags_for_resource(resourceArn=created["Arn"])["tags"] == {"path": "moto"}
        page = connect.list_instance_attributes(InstanceId=created["Id"], MaxResults=2)
        assert len(page["Attributes"]) == 2
        with pytest.raises(ClientError) as info:
            connect.describe_instance(InstanceId="missing")
        assert info.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert direct == []  # every answer came through moto's stubber
