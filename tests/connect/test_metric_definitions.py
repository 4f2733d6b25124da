"""Custom metric definitions through boto3: the calculation's rules, publishing and saving,
search, tags, the lookup the metrics engine uses, and the family in server mode."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connect import metric_definitions as md
from moto_connect_ext.connect.models import connect_backends
from tests.helpers import new_instance, raises
from tests.servers import server_client


def _calc(expression: str = "100 * SUM(M1) / SUM(M2)", *components: dict[str, Any]) -> dict[str, Any]:
    return {
        "Calculation": expression,
        "CalculationComponents": list(components)
        or [
            {"Alias": "M1", "MetricName": "CONTACTS_HANDLED"},
            {
                "Alias": "M2",
                "MetricName": "CONTACTS_QUEUED",
                "MetricFilters": [
                    {
                        "MetricFilterKey": "CHANNEL",
                        "StringCondition": {"Comparison": "MATCHES_ANY", "Values": ["VOICE"]},
                    }
                ],
            },
        ],
    }


def _create(connect: Any, iid: str, name: str, **kw: Any) -> dict[str, Any]:
    request = {"InstanceId": iid, "Name": name, "MetricCalculation": _calc(), "Unit": "PERCENT", **kw}
    return dict(connect.create_metric(**request))


def _describe(connect: Any, iid: str, mid: str) -> dict[str, Any]:
    return dict(connect.describe_metric(InstanceId=iid, MetricId=mid)["Metric"])


def test_metric_life(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    created = _create(
        connect, iid, "Handled rate", Description="handled / queued", Tags={"team": "ops"}, ClientToken="t1"
    )
    mid, arn = created["MetricId"], created["MetricArn"]
    assert arn == f"{instance['Arn']}/metric/{mid}"
    # a retry with the same token is the same metric; another request with it is refused
    assert (
        _create(connect, iid, "Handled rate", Description="handled / queued", Tags={"team": "ops"}, ClientToken="t1")[
            "MetricId"
        ]
        == mid
    )
    with raises("InvalidRequestException", 400, match="client token"):
        _create(connect, iid, "Other", ClientToken="t1")
    with raises("DuplicateResourceException", 409, match="Handled rate"):
        _create(connect, iid, "Handled rate")

    described = _describe(connect, iid, arn)
    assert described["Id"] == mid and described["Arn"] == arn and described["Tags"] == {"team": "ops"}
    assert described["MetricCalculation"] == _calc()
    assert (described["Status"], described["Type"], described["PositiveTrendIndicator"]) == (
        "PUBLISHED",
        "CUSTOMER_MANAGED",
        "NEUTRAL",
    )
    assert "QUEUE" in described["Groupings"] and {"Id": "CHANNEL", "Type": "RESOURCE_LEVEL"} in described["Filters"]
    assert described["SupportsCustomCalculation"] is False and described["LastModifiedRegion"] == "us-east-1"

    # saved without publishing: the published definition stays, the draft is apart
    saved_calc = _calc("SUM(M1)", {"Alias": "M1", "MetricName": "AVG_HANDLE_TIME"})
    connect.update_metric_content(
        InstanceId=iid, MetricId=f"{mid}:$SAVED", MetricCalculation=saved_calc, Unit="SECONDS"
    )
    assert _describe(connect, iid, mid)["MetricCalculation"] == _calc()
    draft = _describe(connect, iid, f"{arn}:$SAVED")
    assert (draft["Status"], draft["Unit"], draft["Arn"]) == ("SAVED", "SECONDS", f"{arn}:$SAVED")
    assert draft["MetricCalculation"] == saved_calc
    # publishing replaces the published definition and drops the draft
    connect.update_metric_content(InstanceId=iid, MetricId=f"{mid}:$LATEST", PositiveTrendIndicator="POSITIVE")
    latest = _describe(connect, iid, f"{mid}:$SAVED")
    assert (
        latest["Status"] == "PUBLISHED"
        and latest["Unit"] == "PERCENT"
        and latest["PositiveTrendIndicator"] == "POSITIVE"
    )

    # a draft metric: SAVED until published; it has no $LATEST until then
    draft_id = _create(connect, iid, "Draft", Status="SAVED", Tags={"team": "qa"})["MetricId"]
    assert _describe(connect, iid, draft_id)["Status"] == "SAVED"
    with raises("ResourceNotFoundException", 404, match="not been published"):
        _describe(connect, iid, f"{draft_id}:$LATEST")
    connect.update_metric_content(InstanceId=iid, MetricId=f"{draft_id}:$SAVED", Unit="DOUBLE")
    assert _describe(connect, iid, draft_id)["Status"] == "SAVED"
    connect.update_metric_content(InstanceId=iid, MetricId=draft_id)
    assert _describe(connect, iid, f"{draft_id}:$LATEST")["Unit"] == "DOUBLE"

    # metadata: renamed, names stay unique
    connect.update_metric_metadata(InstanceId=iid, MetricId=draft_id, Name="Published", Description="now live")
    with raises("DuplicateResourceException", 409):
        connect.update_metric_metadata(InstanceId=iid, MetricId=draft_id, Name="Handled rate")
    assert _describe(connect, iid, draft_id)["Name"] == "Published"

    # list, search and tags
    summaries = connect.list_metrics(InstanceId=iid)["MetricSummaryList"]
    assert [(s["Name"], s["Status"], s["Type"]) for s in summaries] == [
        ("Handled rate", "PUBLISHED", "CUSTOMER_MANAGED"),
        ("Published", "PUBLISHED", "CUSTOMER_MANAGED"),
    ]
    assert connect.list_metrics(InstanceId=iid, Type="AWS_MANAGED")["MetricSummaryList"] == []
    page = connect.list_metrics(InstanceId=iid, Type="CUSTOMER_MANAGED", MaxResults=1)
    assert len(page["MetricSummaryList"]) == 1 and page["NextToken"]
    found = connect.search_metrics(
        InstanceId=iid,
        SearchCriteria={
            "OrConditions": [
                {"StringCondition": {"FieldName": "name", "Value": "handled", "ComparisonType": "CONTAINS"}},
                {"StringCondition": {"FieldName": "unit", "Value": "DOUBLE", "ComparisonType": "EXACT"}},
            ],
            "BooleanCondition": {"FieldName": "supportsCustomCalculation", "ComparisonType": "IS_FALSE"},
        },
        SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "team", "TagValue": "qa"}}},
    )
    assert [m["Id"] for m in found["Metrics"]] == [draft_id] and found["ApproximateTotalCount"] == 1
    with raises("InvalidParameterException", 400, match="colour"):
        connect.search_metrics(
            InstanceId=iid,
            SearchCriteria={"StringCondition": {"FieldName": "colour", "Value": "x", "ComparisonType": "EXACT"}},
        )
    with raises("InvalidParameterException", 400, match="supported fields"):
        connect.search_metrics(
            InstanceId=iid, SearchCriteria={"BooleanCondition": {"FieldName": "enabled", "ComparisonType": "IS_TRUE"}}
        )
    connect.tag_resource(resourceArn=arn, tags={"tier": "1"})
    tags = connect.search_resource_tags(InstanceId=iid, ResourceTypes=["metric"])["Tags"]
    assert {(t["key"], t["value"]) for t in tags} == {("team", "ops"), ("tier", "1"), ("team", "qa")}

    # the lookup the metrics engine uses: by ID, ARN or name
    backend = connect_backends["123456789012"]["us-east-1"]
    assert md.metric_definition(backend, iid, mid)["Name"] == "Handled rate"  # type: ignore[index]
    assert md.metric_definition(backend, iid, "Published")["Id"] == draft_id  # type: ignore[index]
    assert md.metric_definition(backend, backend.instance(iid), arn)["Unit"] == "PERCENT"  # type: ignore[index]
    assert md.metric_definition(backend, iid, "nothing") is None
    assert md.metric_definition(backend, "no-such-instance", mid) is None

    # delete: gone, its name and client token free again
    with raises("InvalidRequestException", 400, match="qualifier"):
        connect.delete_metric(InstanceId=iid, MetricId=f"{mid}:$SAVED")
    connect.delete_metric(InstanceId=iid, MetricId=mid)
    for call in (
        lambda: connect.delete_metric(InstanceId=iid, MetricId=mid),
        lambda: _describe(connect, iid, mid),
        lambda: connect.update_metric_metadata(InstanceId=iid, MetricId=mid, Name="x"),
        lambda: connect.update_metric_content(InstanceId=iid, MetricId=f"{mid}:7", Unit="INTEGER"),
    ):
        with raises("ResourceNotFoundException", 404):
            call()
    assert _create(connect, iid, "Handled rate", ClientToken="t1")["MetricId"] != mid
    with raises("ResourceNotFoundException", 404, match="Instance"):
        _create(connect, "0" * 36, "Elsewhere")


@pytest.mark.parametrize(
    ("calculation", "message"),
    [
        (_calc("SUM(M1) + M3"), "M3 is not the alias"),
        (_calc("SUM(M1"), "not closed"),
        (_calc("MEDIAN(M1)"), "MEDIAN is not a statistic"),
        (_calc("M1 M2"), "'M2' is not expected"),
        (_calc("M1 * "), "ends where a value"),
        (_calc("M1 % 2"), "'%' is not expected"),
        (_calc("M1", {"Alias": "1x", "MetricName": "CONTACTS_HANDLED"}), "must match"),
        (
            _calc(
                "M1",
                {"Alias": "M1", "MetricName": "CONTACTS_HANDLED"},
                {"Alias": "M1", "MetricName": "CONTACTS_QUEUED"},
            ),
            "more than once",
        ),
        (_calc("M1", {"Alias": "M1"}), "exactly one of MetricName and MetricId"),
        (_calc("M1", {"Alias": "M1", "MetricName": "CONTACTS_HANDLED", "MetricId": "x"}), "mutually exclusive"),
        (_calc("M1", {"Alias": "M1", "MetricName": "NOT_A_METRIC"}), "not an AWS-managed metric"),
        (
            _calc(
                "M1",
                {"Alias": "M1", "MetricName": "CONTACTS_HANDLED", "MetricFilters": [{"MetricFilterKey": "CHANNEL"}]},
            ),
            "exactly one of NumberCondition",
        ),
    ],
)
def test_bad_calculations(connect: Any, instance: dict[str, Any], calculation: dict[str, Any], message: str) -> None:
    iid = instance["Id"]
    with raises("InvalidParameterException", 400, match=message):
        _create(connect, iid, "Bad", MetricCalculation=calculation)
    mid = _create(connect, iid, "Good")["MetricId"]
    with raises("InvalidParameterException", 400, match=message):
        connect.update_metric_content(InstanceId=iid, MetricId=f"{mid}:$SAVED", MetricCalculation=calculation)
    assert _describe(connect, iid, f"{mid}:$SAVED")["MetricCalculation"] == _calc()
    assert [m["Name"] for m in connect.list_metrics(InstanceId=iid)["MetricSummaryList"]] == ["Good"]


def test_components_by_arn_and_limit(connect: Any, instance: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    iid = instance["Id"]
    managed = {"Alias": "A", "MetricId": f"{instance['Arn']}/metric/CONTACTS_HANDLED"}
    mid = _create(connect, iid, "By ARN", MetricCalculation=_calc("-(A) + 2.5 * (A - .5)", managed))["MetricId"]
    custom = {"Alias": "A", "MetricId": f"{instance['Arn']}/metric/{mid}"}
    with raises("InvalidParameterException", 400, match="is a custom metric"):
        _create(connect, iid, "Of a custom", MetricCalculation=_calc("A", custom))
    assert md.calculation_tree("-(A) + 2 * SUM(B)") == (
        "+",
        ("neg", ("alias", "A")),
        ("*", ("num", 2.0), ("stat", "SUM", ("alias", "B"))),
    )
    monkeypatch.setattr(md, "METRICS_PER_INSTANCE", 2)
    _create(connect, iid, "Second")
    with raises("LimitExceededException", 429, match="2 custom metrics"):
        _create(connect, iid, "Third")
    # another instance has its own count
    other = new_instance(connect, "other")["Id"]
    _create(connect, other, "Third")


# -- server mode -------------------------------------------------------------------------
def test_family_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    iid = new_instance(connect, "metrics")["Id"]
    mid = _create(connect, iid, "Served", Tags={"k": "v"})["MetricId"]
    connect.update_metric_content(InstanceId=iid, MetricId=f"{mid}:$SAVED", Unit="DOUBLE")
    assert connect.describe_metric(InstanceId=iid, MetricId=f"{mid}:$SAVED")["Metric"]["Unit"] == "DOUBLE"
    assert connect.search_metrics(InstanceId=iid)["Metrics"][0]["LastModifiedRegion"] == "eu-west-2"
    with raises("InvalidParameterException", 400, match="not an AWS-managed"):
        _create(connect, iid, "Bad", MetricCalculation=_calc("X", {"Alias": "X", "MetricName": "NOPE"}))
    connect.delete_metric(InstanceId=iid, MetricId=mid)
    assert connect.list_metrics(InstanceId=iid)["MetricSummaryList"] == []
