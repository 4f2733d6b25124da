"""Helpers for tests: unvalidated clients and error assertions."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

RAW = Config(parameter_validation=False, retries={"max_attempts": 1})


@contextmanager
def raises(code: str, status: int | None = None, match: str | None = None) -> Any:
    """Expect a ClientError with this modeled code (and HTTP status)."""
    with pytest.raises(ClientError) as info:
        yield info
    error = info.value.response["Error"]
    assert error["Code"] == code, info.value.response
    if status is not None:
        assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    if match is not None:
        assert match in error["Message"], error["Message"]


def new_instance(connect: Any, alias: str = "centre", **overrides: Any) -> dict[str, Any]:
    """CreateInstance of a CONNECT_MANAGED instance with calls both ways; returns its answer."""
    request = {
        "IdentityManagementType": "CONNECT_MANAGED",
        "InstanceAlias": alias,
        "InboundCallsEnabled": True,
        "OutboundCallsEnabled": True,
        **overrides,
    }
    return dict(connect.create_instance(**request))


def new_user(connect: Any, iid: str, username: str = "agent1", **overrides: Any) -> dict[str, Any]:
    """CreateUser of a soft-phone agent with the instance's first security and routing profiles
    (the ones every instance comes with); returns its answer (``UserId``, ``UserArn``)."""
    request = {
        "InstanceId": iid,
        "Username": username,
        "Password": "Password123!",
        "IdentityInfo": {"FirstName": "A", "LastName": "B"},
        "PhoneConfig": {"PhoneType": "SOFT_PHONE"},
        "SecurityProfileIds": [connect.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"][0]["Id"]],
        "RoutingProfileId": connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]["Id"],
        **overrides,
    }
    return dict(connect.create_user(**request))


def raw_answer(client: Any, operation: str, request: dict[str, Any]) -> tuple[int | None, dict[str, str], bytes]:
    """(status, headers with lower-case names, body) of one call as it came off the wire, whatever
    botocore then made of it (a ClientError or a parsing failure is not raised)."""
    from botocore import xform_name

    captured: dict[str, Any] = {}

    def capture(response_dict: dict[str, Any], **_: Any) -> None:
        captured.update(response_dict)

    event = f"before-parse.{client.meta.service_model.service_name}.{operation}"
    client.meta.events.register(event, capture)
    try:
        getattr(client, xform_name(operation))(**request)
    except Exception:
        pass
    finally:
        client.meta.events.unregister(event, capture)
    headers = {k.lower(): v for k, v in captured.get("headers", {}).items()}
    return captured.get("status_code"), headers, captured.get("body") or b""


def lambda_function(client: Any, name: str) -> str:
    """A Lambda function in moto (``client(service)`` makes the clients: ``moto_connect.client``,
    a conformance world's ``client``); its ARN. The role it runs as is made once."""
    import io
    import zipfile

    iam = client("iam")
    try:
        role = iam.get_role(RoleName="connect-test-lambda")["Role"]["Arn"]
    except iam.exceptions.NoSuchEntityException:
        role = iam.create_role(RoleName="connect-test-lambda", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return event\n")
    created = client("lambda").create_function(
        FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler", Code={"ZipFile": code.getvalue()}
    )
    return str(created["FunctionArn"])
