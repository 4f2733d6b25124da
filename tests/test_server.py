"""Server mode: moto's ThreadedMotoServer and the ``moto-connect-server`` script."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.server import ThreadedMotoServer

import moto_connect_ext  # noqa: F401  (registers the plugin)
from moto_connect_ext.connect.models import INSTANCE_MODEL


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _client(endpoint: str, service: str, region: str = "us-east-1", **kw: Any) -> Any:
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        **kw,
    )


def _post(endpoint: str, path: str, body: dict[str, Any] | None = None) -> None:
    data = json.dumps(body).encode() if body is not None else b""
    urllib.request.urlopen(urllib.request.Request(endpoint + path, data=data, method="POST"), timeout=10)


@pytest.fixture(scope="module")
def threaded_server() -> Iterator[str]:
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def endpoint(threaded_server: str) -> str:
    _post(threaded_server, "/moto-api/reset")
    return threaded_server


def _create(connect: Any, alias: str = "served") -> dict[str, Any]:
    return connect.create_instance(  # type: ignore[no-any-return]
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=alias,
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )


def test_threaded_server_serves_connect_beside_moto(endpoint: str) -> None:
    connect = _client(endpoint, "connect")
    created = _create(connect)
    connect.tag_resource(resourceArn=created["Arn"], tags={"env": "server"})
    assert connect.list_tags_for_resource(resourceArn=created["Arn"])["tags"] == {"env": "server"}
    association = connect.create_integration_association(
        InstanceId=created["Id"],
        IntegrationType="PINPOINT_APP",
        IntegrationArn="arn:aws:mobiletargeting:us-east-1:123456789012:apps/a",
    )["IntegrationAssociationId"]
    use_case = connect.create_use_case(
        InstanceId=created["Id"], IntegrationAssociationId=association, UseCaseType="CONNECT_CAMPAIGNS"
    )
    assert connect.list_tags_for_resource(resourceArn=use_case["UseCaseArn"])["tags"] == {}
    with pytest.raises(ClientError) as info:
        connect.create_use_case(
            InstanceId=created["Id"], IntegrationAssociationId=association, UseCaseType="CONNECT_CAMPAIGNS"
        )
    assert info.value.response["Error"]["Code"] == "DuplicateResourceException"
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    s3 = _client(endpoint, "s3")
    s3.create_bucket(Bucket="beside")
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["beside"]


def test_reset_clears_plugin_state(endpoint: str) -> None:
    connect = _client(endpoint, "connect")
    _create(connect)
    _post(endpoint, "/moto-api/reset")
    assert connect.list_instances()["InstanceSummaryList"] == []


def test_state_manager_drives_plugin_transitions(endpoint: str) -> None:
    _post(
        endpoint,
        "/moto-api/state-manager/set-transition",
        {"model_name": INSTANCE_MODEL, "transition": {"progression": "manual", "times": 1}},
    )
    try:
        connect = _client(endpoint, "connect")
        created = _create(connect)
        statuses = [connect.describe_instance(InstanceId=created["Id"])["Instance"]["InstanceStatus"] for _ in "ab"]
        assert statuses == ["CREATION_IN_PROGRESS", "ACTIVE"]
    finally:
        _post(endpoint, "/moto-api/state-manager/unset-transition", {"model_name": INSTANCE_MODEL})


def test_account_header_isolates_state(endpoint: str) -> None:
    connect = _client(endpoint, "connect")
    _create(connect)

    def other_account(request: Any, **_: Any) -> None:
        request.headers["x-moto-account-id"] = "111122223333"

    other = _client(endpoint, "connect")
    other.meta.events.register("before-send.connect.*", other_account)
    assert other.list_instances()["InstanceSummaryList"] == []
    created = _create(other, "other")
    assert ":111122223333:" in created["Arn"]


def test_malformed_body_is_a_modeled_400(endpoint: str) -> None:
    request = urllib.request.Request(
        endpoint + "/instance",
        data=b"{not json",
        method="PUT",
        headers={
            "Content-Type": "application/json",
            "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/connect/aws4_request, "
            "SignedHeaders=host, Signature=abc",
        },
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    assert info.value.code == 400
    assert info.value.headers["x-amzn-ErrorType"] == "InvalidRequestException"


def test_moto_connect_server_script() -> None:
    script = shutil.which("moto-connect-server") or os.path.join(os.path.dirname(sys.executable), "moto-connect-server")
    port = _free_port()
    process = subprocess.Popen(
        [script, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        connect = _client(endpoint, "connect")
        created = _create(connect)
        assert connect.describe_instance(InstanceId=created["Id"])["Instance"]["InstanceStatus"] == "ACTIVE"
        _post(endpoint, "/moto-api/reset")
        assert connect.list_instances()["InstanceSummaryList"] == []
    finally:
        process.terminate()
        process.wait(timeout=10)
