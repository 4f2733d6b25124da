"""Server mode: moto's ThreadedMotoServer and the ``moto-connect-server`` script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
from botocore.exceptions import ClientError

from moto_connect_ext.connect.models import INSTANCE_MODEL
from tests.helpers import new_instance
from tests.servers import free_port, moto_api, server_client


def test_threaded_server_serves_connect_beside_moto(server: str) -> None:
    connect = server_client(server, "connect")
    created = new_instance(connect)
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
    s3 = server_client(server, "s3")
    s3.create_bucket(Bucket="beside")
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["beside"]


def test_reset_clears_plugin_state(server: str) -> None:
    connect = server_client(server, "connect")
    new_instance(connect)
    moto_api(server, "/moto-api/reset")
    assert connect.list_instances()["InstanceSummaryList"] == []


def test_state_manager_drives_plugin_transitions(server: str) -> None:
    moto_api(
        server,
        "/moto-api/state-manager/set-transition",
        {"model_name": INSTANCE_MODEL, "transition": {"progression": "manual", "times": 2}},
    )
    try:
        connect = server_client(server, "connect")
        created = new_instance(connect)
        statuses = [connect.describe_instance(InstanceId=created["Id"])["Instance"]["InstanceStatus"] for _ in "ab"]
        assert statuses == ["CREATION_IN_PROGRESS", "ACTIVE"]
    finally:
        moto_api(server, "/moto-api/state-manager/unset-transition", {"model_name": INSTANCE_MODEL})


def test_account_header_isolates_state(server: str) -> None:
    connect = server_client(server, "connect")
    new_instance(connect)

    def other_account(request: Any, **_: Any) -> None:
        request.headers["x-moto-account-id"] = "111122223333"

    other = server_client(server, "connect")
    other.meta.events.register("before-send.connect.*", other_account)
    assert other.list_instances()["InstanceSummaryList"] == []
    created = new_instance(other, "other")
    assert ":111122223333:" in created["Arn"]


def test_malformed_body_is_a_modeled_400(server: str) -> None:
    request = urllib.request.Request(
        server + "/instance",
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
    port = free_port()
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
        connect = server_client(endpoint, "connect")
        created = new_instance(connect)
        assert connect.describe_instance(InstanceId=created["Id"])["Instance"]["InstanceStatus"] == "ACTIVE"
        moto_api(endpoint, "/moto-api/reset")
        assert connect.list_instances()["InstanceSummaryList"] == []
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_paths_with_a_colon_and_optional_trailing_slashes(server: str) -> None:
    cases = server_client(server, "connectcases")
    domain = cases.create_domain(name="paths")["domainId"]
    template = cases.create_template(domainId=domain, name="T", status="Active")["templateId"]
    case = cases.create_case(
        domainId=domain, templateId=template, fields=[{"id": "title", "value": {"stringValue": "t"}}]
    )["caseId"]
    created = cases.batch_create_related_item(  # POST /cases:batchCreateRelatedItem
        domainId=domain,
        cases=[{"caseIdentifier": {"caseId": case}}],
        content={"comment": {"body": "hi", "contentType": "Text/Plain"}},
    )
    assert len(created["successfulItems"]) == 1
    auth = "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/cases/aws4_request, SignedHeaders=host, Signature=0"
    for path in (f"/domains/{domain}/rules-list/", f"/domains/{domain}/rules-list"):
        request = urllib.request.Request(server + path, data=b"{}", method="POST", headers={"Authorization": auth})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200 and json.loads(response.read()) == {"caseRules": []}
