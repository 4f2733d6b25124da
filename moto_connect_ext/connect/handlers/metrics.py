"""Metrics: real-time and historical metrics of an instance's contacts and agents (rules in connect/metrics.py)."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of, page_list
from .. import metrics

#: MaxResult100: what a page holds when MaxResults is not given
PAGE = 100


def _page(r: Any, items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    page, token = page_list(items, r.params.get("NextToken"), limit_of(r.params.get("MaxResults"), PAGE))
    return page, ({"NextToken": token} if token else {})


def get_current_metric_data(r: Any) -> dict[str, Any]:
    instance = r.backend.resource_root(r.params)
    found = metrics.current_metric_data(r.backend.resources, instance, r.params)
    page, more = _page(r, found["Results"])
    return {
        "MetricResults": page,
        "DataSnapshotTime": found["DataSnapshotTime"],
        "ApproximateTotalCount": len(found["Results"]),
        **more,
    }


def get_current_user_data(r: Any) -> dict[str, Any]:
    instance = r.backend.resource_root(r.params)
    found = metrics.current_user_data(r.backend.resources, instance, r.params["Filters"])
    page, more = _page(r, found)
    return {"UserDataList": page, "ApproximateTotalCount": len(found), **more}


def get_metric_data(r: Any) -> dict[str, Any]:
    instance = r.backend.resource_root(r.params)
    page, more = _page(r, metrics.metric_data(r.backend.resources, instance, r.params))
    return {"MetricResults": page, **more}


def get_metric_data_v2(r: Any) -> dict[str, Any]:
    page, more = _page(r, metrics.metric_data_v2(r.backend, r.params))
    return {"MetricResults": page, **more}


HANDLERS = {
    "get_current_metric_data": get_current_metric_data,
    "get_current_user_data": get_current_user_data,
    "get_metric_data": get_metric_data,
    "get_metric_data_v2": get_metric_data_v2,
}
