"""Connect tags, and moto's own Connect operations on the plugin's instances."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from tests.helpers import RAW, raises


def test_tag_untag_list(connect: Any, instance: dict[str, Any]) -> None:
    arn = instance["Arn"]
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {}
    connect.tag_resource(resourceArn=arn, tags={"env": "test", "team": "a"})
    connect.tag_resource(resourceArn=arn, tags={"team": "b"})
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "test", "team": "b"}
    assert connect.describe_instance(InstanceId=instance["Id"])["Instance"]["Tags"] == {"env": "test", "team": "b"}
    connect.untag_resource(resourceArn=arn, tagKeys=["env", "absent"])
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "b"}


def test_tags_on_unknown_resources(connect: Any, instance: dict[str, Any]) -> None:
    missing = instance["Arn"].replace(instance["Id"], "00000000-0000-0000-0000-000000000000")
    with raises("ResourceNotFoundException", 404):
        connect.tag_resource(resourceArn=missing, tags={"a": "b"})
    with raises("ResourceNotFoundException", 404):
        connect.untag_resource(resourceArn=missing, tagKeys=["a"])
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=missing)


def test_tag_constraints(connect: Any, instance: dict[str, Any]) -> None:
    raw = boto3.client("connect", region_name="us-east-1", config=RAW)
    with raises("InvalidParameterException", 400, match="Map keys must satisfy constraint"):
        raw.tag_resource(resourceArn=instance["Arn"], tags={"aws:x": "y"})
    with raises("InvalidParameterException", 400, match="tagKeys"):
        raw.untag_resource(resourceArn=instance["Arn"], tagKeys=[])
    assert connect.list_tags_for_resource(resourceArn=instance["Arn"])["tags"] == {}


def test_analytics_associations_share_the_instance_store(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    associated = connect.associate_analytics_data_set(InstanceId=iid, DataSetId="contact_record")
    assert associated["DataSetId"] == "contact_record"
    results = connect.list_analytics_data_associations(InstanceId=iid)["Results"]
    assert [r["DataSetId"] for r in results] == ["contact_record"]
    connect.delete_instance(InstanceId=iid)
    with raises("ResourceNotFoundException", 404):
        connect.list_analytics_data_associations(InstanceId=iid)


def test_an_operation_nobody_serves_is_a_clear_error(
    connect: Any, instance: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every operation of the installed model is served; one a newer model adds (here: ListViews
    with its handler taken away) answers 501 NotImplemented, naming it."""
    from moto_connect_ext.connect.responses import ConnectResponse

    monkeypatch.delattr(ConnectResponse, "list_views")
    with raises("NotImplemented", 501, match="ListViews"):
        connect.list_views(InstanceId=instance["Id"])


def test_a_resource_takes_at_most_50_tags(connect: Any, instance: dict[str, Any]) -> None:
    arn = instance["Arn"]
    connect.tag_resource(resourceArn=arn, tags={f"k{i}": "v" for i in range(50)})
    with raises("InvalidParameterException", 400, match="at most 50 tags"):
        connect.tag_resource(resourceArn=arn, tags={"k0": "new", "k50": "v"})
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {f"k{i}": "v" for i in range(50)}
    # a key the resource has already is a new value, not one more tag
    connect.tag_resource(resourceArn=arn, tags={"k0": "new"})
    connect.untag_resource(resourceArn=arn, tagKeys=["k1"])
    connect.tag_resource(resourceArn=arn, tags={"k50": "v"})
    assert len(connect.list_tags_for_resource(resourceArn=arn)["tags"]) == 50
