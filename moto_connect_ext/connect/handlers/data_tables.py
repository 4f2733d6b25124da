"""Data tables, their attributes and values: the rules are in ``connect/data_tables.py``."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of, page_list
from ...core.resources import Resource, render
from .. import data_tables as dt
from ..data_tables import DATA_TABLE, DATA_TABLE_ATTRIBUTE, LATEST, SAVED
from .common import searcher

_search = searcher()


def _table(r: Any, aliases: tuple[str, ...] = (LATEST, SAVED)) -> Resource:
    return dt.find_table(r.backend.resources, r.backend.resource_root(r.params), r.params["DataTableId"], aliases)


# -- tables ----------------------------------------------------------------------------
def create_data_table(r: Any) -> dict[str, Any]:
    table = dt.create_table(r.backend.resources, r.backend.resource_root(r.params), r.params, r.caller)
    return {"Id": table.id, "Arn": table.arn, "LockVersion": dt.table_lock(table)}


def describe_data_table(r: Any) -> dict[str, Any]:
    return {"DataTable": render(_table(r), "DataTable", r.backend.resources.tags)}


def delete_data_table(r: Any) -> dict[str, Any]:
    r.backend.resources.delete(_table(r, (LATEST,)))
    return {}


def update_data_table_metadata(r: Any) -> dict[str, Any]:
    table = _table(r, (LATEST,))
    dt.update_metadata(r.backend.resources, table, r.params, r.caller)
    return {"LockVersion": dt.table_lock(table)}


def list_data_tables(r: Any) -> dict[str, Any]:
    resources = r.backend.resources
    page, token = resources.page(
        DATA_TABLE,
        r.backend.resource_root(r.params),
        r.params.get("NextToken"),
        limit_of(r.params.get("MaxResults"), 100),
    )
    return {"DataTableSummaryList": [render(t, "DataTableSummary", resources.tags) for t in page], "NextToken": token}


def search_data_tables(r: Any) -> dict[str, Any]:
    resources = r.backend.resources
    instance = r.backend.resource_root(r.params)
    keep = _search(r)
    page, token, total = resources.search_page(
        DATA_TABLE, instance, r.params.get("NextToken"), limit_of(r.params.get("MaxResults"), 100), keep
    )
    tables = []
    for table in page:
        # "the same structure as DescribeTable except Version, VersionDescription, and LockVersion"
        rendered = render(table, "DataTable", resources.tags)
        rendered.pop("LockVersion", None)
        tables.append(rendered)
    return {
        "DataTables": tables,
        "NextToken": token,
        "ApproximateTotalCount": total,
    }


# -- attributes ------------------------------------------------------------------------
def create_data_table_attribute(r: Any) -> dict[str, Any]:
    attribute = dt.create_attribute(r.backend.resources, _table(r), r.params, r.caller)
    return {"Name": attribute.name, "AttributeId": attribute.id, "LockVersion": dt.attribute_lock(attribute)}


def describe_data_table_attribute(r: Any) -> dict[str, Any]:
    attribute = dt.get_attribute(_table(r), r.params["AttributeName"])
    return {"Attribute": render(attribute, "DataTableAttribute", r.backend.resources.tags)}


def update_data_table_attribute(r: Any) -> dict[str, Any]:
    table = _table(r)
    attribute = dt.get_attribute(table, r.params["AttributeName"])
    dt.update_attribute(r.backend.resources, table, attribute, r.params, r.caller)
    return {"Name": attribute.name, "LockVersion": dt.attribute_lock(attribute)}


def delete_data_table_attribute(r: Any) -> dict[str, Any]:
    table = _table(r)
    attribute = dt.get_attribute(table, r.params["AttributeName"])
    dt.delete_attribute(r.backend.resources, table, attribute, r.caller)
    return {"LockVersion": dt.table_lock(table)}


def list_data_table_attributes(r: Any) -> dict[str, Any]:
    resources = r.backend.resources
    table = _table(r)
    token_in = r.params.get("NextToken")
    # "If NextToken is provided, this parameter is ignored"
    wanted = None if token_in else r.params.get("AttributeIds")
    ids = frozenset(wanted or ())
    keep = (lambda a: a.id in ids) if ids else None
    page, token = resources.page(DATA_TABLE_ATTRIBUTE, table, token_in, limit_of(r.params.get("MaxResults"), 100), keep)
    return {"Attributes": [render(a, "DataTableAttribute", resources.tags) for a in page], "NextToken": token}


# -- values ----------------------------------------------------------------------------
def batch_create_data_table_value(r: Any) -> dict[str, Any]:
    return dt.batch_create(_table(r), r.params["Values"], r.caller)


def batch_describe_data_table_value(r: Any) -> dict[str, Any]:
    return dt.batch_describe(_table(r), r.params["Values"])


def batch_update_data_table_value(r: Any) -> dict[str, Any]:
    return dt.batch_update(_table(r), r.params["Values"], r.caller)


def batch_delete_data_table_value(r: Any) -> dict[str, Any]:
    return dt.batch_delete(_table(r), r.params["Values"], r.caller)


def list_data_table_values(r: Any) -> dict[str, Any]:
    table = _table(r)
    p = r.params
    keep_record = dt.record_filter(table, p.get("RecordIds"), p.get("PrimaryAttributeValues"))
    page, token = dt.data_of(table).values.page(
        p.get("NextToken"), limit_of(p.get("MaxResults"), 100), lambda v: keep_record(v.record)
    )
    return {"Values": [dt.value_summary(table, v) for v in page], "NextToken": token}


def list_data_table_primary_values(r: Any) -> dict[str, Any]:
    table = _table(r)
    p = r.params
    # "If NextToken is provided, this parameter is ignored" (RecordIds)
    record_ids = None if p.get("NextToken") else p.get("RecordIds")
    keep = dt.record_filter(table, record_ids, p.get("PrimaryAttributeValues"))
    page, token = dt.data_of(table).records.page(p.get("NextToken"), limit_of(p.get("MaxResults"), 100), keep)
    return {"PrimaryValuesList": [dt.record_summary(table, rec) for rec in page], "NextToken": token}


def update_data_table_primary_values(r: Any) -> dict[str, Any]:
    return {"LockVersion": dt.update_primary_values(_table(r), r.params, r.caller)}


def evaluate_data_table_values(r: Any) -> dict[str, Any]:
    table = _table(r)
    p = r.params
    evaluated = dt.evaluate(table, p["Values"], p.get("TimeZone"))
    page, token = page_list(evaluated, p.get("NextToken"), limit_of(p.get("MaxResults"), 100))
    return {"Values": page, "NextToken": token}


HANDLERS = {
    "create_data_table": create_data_table,
    "describe_data_table": describe_data_table,
    "delete_data_table": delete_data_table,
    "update_data_table_metadata": update_data_table_metadata,
    "list_data_tables": list_data_tables,
    "search_data_tables": search_data_tables,
    "create_data_table_attribute": create_data_table_attribute,
    "describe_data_table_attribute": describe_data_table_attribute,
    "update_data_table_attribute": update_data_table_attribute,
    "delete_data_table_attribute": delete_data_table_attribute,
    "list_data_table_attributes": list_data_table_attributes,
    "batch_create_data_table_value": batch_create_data_table_value,
    "batch_describe_data_table_value": batch_describe_data_table_value,
    "batch_update_data_table_value": batch_update_data_table_value,
    "batch_delete_data_table_value": batch_delete_data_table_value,
    "list_data_table_values": list_data_table_values,
    "list_data_table_primary_values": list_data_table_primary_values,
    "update_data_table_primary_values": update_data_table_primary_values,
    "evaluate_data_table_values": evaluate_data_table_values,
}
