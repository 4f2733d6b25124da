"""Connect Cases through moto's ThreadedMotoServer: routing by host, errors, reset."""

from __future__ import annotations

import urllib.request
from typing import Any

from tests.helpers import raises
from tests.servers import server_client


def _client(endpoint: str, region: str) -> Any:
    return server_client(endpoint, "connectcases", region)


def test_cases_in_server_mode(server: str) -> None:
    endpoint = server
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
