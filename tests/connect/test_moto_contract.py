"""moto's own ConnectBackend API keeps working, on the store the plugin serves.

People seed state through moto's backend methods; these tests call them directly
and read the result through boto3, and the other way round.
"""

from __future__ import annotations

import inspect
from typing import Any

from moto.connect.models import ConnectBackend as MotoConnectBackend

from moto_connect_ext.connect.models import ConnectBackend
from tests.helpers import new_instance


def test_every_public_method_of_motos_backend_keeps_its_signature() -> None:
    for name, method in inspect.getmembers(MotoConnectBackend, inspect.isfunction):
        if name.startswith("_"):
            continue
        ours = inspect.signature(getattr(ConnectBackend, name))
        theirs = inspect.signature(method)
        # same parameters in the same order with the same defaults; the plugin may add optional ones
        assert list(ours.parameters)[: len(theirs.parameters)] == list(theirs.parameters), name
        for param in list(ours.parameters.values())[len(theirs.parameters) :]:
            assert param.default is not inspect.Parameter.empty, (name, param)


def test_motos_methods_seed_what_boto3_reads(moto_connect: Any) -> None:
    backend = moto_connect.backend("connect")
    created = backend.create_instance(
        identity_management_type="CONNECT_MANAGED",
        inbound_calls_enabled=True,
        outbound_calls_enabled=False,
        instance_alias="seeded",
        tags={"team": "a"},
    )
    assert set(created) == {"Id", "Arn"}
    connect = moto_connect.client("connect")
    described = connect.describe_instance(InstanceId=created["Id"])["Instance"]
    assert described["Arn"] == created["Arn"]
    assert described["InstanceAlias"] == "seeded"
    assert described["OutboundCallsEnabled"] is False
    assert described["Tags"] == {"team": "a"}
    backend.associate_analytics_data_set(instance_id=created["Id"], data_set_id="contact_record")
    listed = connect.list_analytics_data_associations(InstanceId=created["Id"])["Results"]
    assert [r["DataSetId"] for r in listed] == ["contact_record"]
    backend.tag_resource(created["Arn"], {"env": "test"})
    assert connect.list_tags_for_resource(resourceArn=created["Arn"])["tags"] == {"team": "a", "env": "test"}
    backend.delete_instance(created["Id"])
    assert connect.list_instances()["InstanceSummaryList"] == []


def test_what_boto3_creates_motos_methods_read(moto_connect: Any) -> None:
    connect = moto_connect.client("connect")
    first = new_instance(connect, "first")
    second = new_instance(connect, "second")
    backend = moto_connect.backend("connect")
    described = backend.describe_instance(first["Id"])
    assert described["Id"] == first["Id"] and described["InstanceStatus"] == "ACTIVE"
    assert described["InstanceAlias"] == "first"
    page, token = backend.list_instances(max_results=1)
    assert [i["Id"] for i in page] == [first["Id"]]
    rest, token = backend.list_instances(max_results=1, next_token=token)
    assert [i["Id"] for i in rest] == [second["Id"]] and token is None
    assert backend.list_tags_for_resource(first["Arn"]) == {}
    connect.tag_resource(resourceArn=first["Arn"], tags={"k": "v"})
    assert backend.list_tags_for_resource(first["Arn"]) == {"k": "v"}
    backend.untag_resource(first["Arn"], ["k"])
    assert connect.list_tags_for_resource(resourceArn=first["Arn"])["tags"] == {}
