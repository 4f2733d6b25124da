"""Connect Cases through moto's ThreadedMotoServer: routing by host, errors, reset."""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

import moto_connect_ext  # noqa: F401  (registers the plugin)
from tests.helpers import raises


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def _client(endpoint: str, region: str) -> Any:
    return boto3.client(
        "connectcases",
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def test_cases_in_server_mode(endpoint: str) -> None:
    cases = _client(endpoint, "eu-west-2")
    domain = cases.create_domain(name="served")
    assert domain["domainArn"].startswith("arn:aws:cases:eu-west-2:")
    template_arn = cases.create_template(domainId=domain["domainId"], name="T")["templateArn"]
    cases.tag_resource(arn=template_arn, tags={"k": "v"})
    assert cases.list_tags_for_resource(arn=template_arn)["tags"] == {"k": "v"}
    assert len(cases.list_fields(domainId=domain["domainId"])["fields"]) == 15
    with raises("ResourceNotFoundException", 404) as info:
        cases.get_template(domainId=domain["domainId"], templateId="nope")
    assert info.value.response["resourceType"] == "Template"
    # the domain lives in the Region the request was signed for
    assert _client(endpoint, "us-east-1").list_domains()["domains"] == []
    urllib.request.urlopen(urllib.request.Request(endpoint + "/moto-api/reset", data=b"", method="POST"), timeout=10)
    assert cases.list_domains()["domains"] == []
