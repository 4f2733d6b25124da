"""Valid requests of the metrics operations: a filter naming the seeded instance's queue or routing
profile, documented metrics with their units, and an interval the operation accepts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.conformance.seeds import World, happy


def _queue(world: World, iid: str) -> str:
    queues = world.client().list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"]
    return str(queues[0]["Id"])


def _five_minutes_ago() -> dt.datetime:
    moment = int(dt.datetime.now(dt.timezone.utc).timestamp()) // 300 * 300
    return dt.datetime.fromtimestamp(moment, dt.timezone.utc)


@happy("connect", "GetCurrentMetricData")
def _current_metric_data(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {
        **request,
        "Filters": {"Queues": [_queue(world, request["InstanceId"])]},
        "CurrentMetrics": [{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
    }


@happy("connect", "GetCurrentUserData")
def _current_user_data(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Filters": {"Queues": [_queue(world, request["InstanceId"])]}}


@happy("connect", "GetMetricData")
def _metric_data(world: World, request: dict[str, Any]) -> dict[str, Any]:
    end = _five_minutes_ago()
    return {
        **request,
        "StartTime": end - dt.timedelta(hours=1),
        "EndTime": end,
        "Filters": {"Queues": [_queue(world, request["InstanceId"])]},
        "HistoricalMetrics": [{"Name": "CONTACTS_HANDLED", "Unit": "COUNT", "Statistic": "SUM"}],
    }


@happy("connect", "GetMetricDataV2")
def _metric_data_v2(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["ResourceArn"].rsplit("/", 1)[-1]
    end = _five_minutes_ago()
    return {
        **request,
        "StartTime": end - dt.timedelta(hours=1),
        "EndTime": end,
        "Filters": [{"FilterKey": "QUEUE", "FilterValues": [_queue(world, iid)]}],
        "Metrics": [{"Name": "CONTACTS_HANDLED"}],
    }
