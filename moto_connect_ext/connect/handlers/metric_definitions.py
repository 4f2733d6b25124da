"""Custom metric definitions: create (idempotent with a client token), describe (``$SAVED``,
``$LATEST``), publish or save content, rename, delete, list and search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.errors import ValidationError
from ...core.resources import Resource, operations
from .. import metric_definitions as md
from ..exceptions import InvalidRequestException
from ..metric_definitions import METRIC
from .common import ROOT, forget, once, reused, root, searcher


def _metric(r: Any) -> tuple[Resource, str | None]:
    return md.find(r.backend.resources, root(r), r.params["MetricId"])


def create_metric(r: Any) -> dict[str, Any]:
    p = r.params
    instance = root(r)
    attrs = {
        k: p[k]
        for k in ("Name", "Description", "MetricCalculation", "Unit", "Status", "PositiveTrendIndicator")
        if k in p
    }

    def new() -> Resource:
        return r.backend.resources.create(METRIC, instance, attrs, r.caller, p.get("Tags"))  # type: ignore[no-any-return]

    metric = once(
        r, "CreateMetric", new, mismatch=reused(r, InvalidRequestException, "to create a metric with other parameters")
    )
    return {"MetricArn": metric.arn, "MetricId": metric.id}


def describe_metric(r: Any) -> dict[str, Any]:
    metric, qualifier = _metric(r)
    return {"Metric": md.view(metric, qualifier, r.backend.tags)}


def update_metric_content(r: Any) -> None:
    metric, qualifier = _metric(r)
    changes = {k: r.params[k] for k in md.CONTENT if k in r.params}
    md.update_content(r.backend.resources, metric, qualifier, changes, r.caller)


def update_metric_metadata(r: Any) -> None:
    metric, _ = _metric(r)
    changes = {k: r.params[k] for k in ("Name", "Description") if k in r.params}
    r.backend.resources.update(metric, changes, r.caller)


def delete_metric(r: Any) -> None:
    metric, qualifier = _metric(r)
    if qualifier is not None:
        raise InvalidRequestException(f"DeleteMetric deletes a whole metric: name it without the {qualifier} qualifier")
    r.backend.resources.delete(metric)
    forget(r, metric)


def _of_type(r: Any) -> Callable[[Resource], bool] | None:
    # the plugin keeps custom metrics only: AWS_MANAGED lists none
    if r.params.get("Type") == md.AWS_MANAGED:
        return lambda m: False
    return None


def _boolean_condition(condition: dict[str, Any]) -> Callable[[Resource], bool]:
    fields: dict[str, Callable[[Resource], bool]] = {
        "supportscustomcalculation": lambda m: False,
        "supportspreaggregatecalculation": lambda m: False,
    }
    name, comparison = condition.get("FieldName"), condition.get("ComparisonType")
    if name is None or comparison is None:
        raise ValidationError("searchCriteria.booleanCondition: FieldName and ComparisonType are required")
    read = fields.get(name.lower())
    if read is None:
        raise ValidationError(
            f"searchCriteria.booleanCondition.fieldName: {name!r} is not supported; "
            "supported fields are supportsCustomCalculation and supportsPreaggregateCalculation"
        )
    wanted = comparison == "IS_TRUE"
    return lambda m: read(m) == wanted


HANDLERS = {
    **operations(
        METRIC,
        ROOT,
        list_="ListMetrics",
        search="SearchMetrics",
        list_filter=_of_type,
        search_filter=searcher(
            fields={
                "status": lambda m: m.attrs.get("Status"),
                "unit": lambda m: m.attrs.get("Unit"),
                "type": lambda m: md.CUSTOMER_MANAGED,
                "positiveTrendIndicator": lambda m: m.attrs.get("PositiveTrendIndicator"),
            },
            conditions={"BooleanCondition": _boolean_condition},
        ),
    ),
    "create_metric": create_metric,
    "describe_metric": describe_metric,
    "update_metric_content": update_metric_content,
    "update_metric_metadata": update_metric_metadata,
    "delete_metric": delete_metric,
}
