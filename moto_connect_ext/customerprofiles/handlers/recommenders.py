"""Recommenders, recommender filters and schemas, recipes, and recommendations."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of, page_list
from ...core.resources import render
from .. import recommenders as rules
from ..profiles import PROFILE
from ..recommenders import RECOMMENDER, RECOMMENDER_FILTER, RECOMMENDER_SCHEMA


def _domain(r: Any) -> Any:
    return r.backend.resource_root(r.params)


def _recommender(r: Any, name: str | None = None) -> Any:
    return r.backend.resources.get(RECOMMENDER, _domain(r), name or r.params["RecommenderName"])


def _page(r: Any, rtype: Any, member: str, shape: str, read: Any = None) -> dict[str, Any]:
    p = r.params
    resources = r.backend.resources
    found, token = resources.page(rtype, _domain(r), p.get("NextToken"), limit_of(p.get("MaxResults"), 100))
    for resource in found:
        if read is not None:
            read(resource)
    items = [render(x, shape, resources.tags) for x in found]
    if rtype is RECOMMENDER:
        for resource in found:
            rules.advance(resource)
    return {member: items, "NextToken": token}


# -- recommenders ----------------------------------------------------------------------------
def create_recommender(r: Any) -> dict[str, Any]:
    p = r.params
    created = rules.create_recommender(r.backend.resources, _domain(r), p["RecommenderName"], p, r.caller)
    return render(created, "CreateRecommenderResponse", r.backend.resources.tags)


def get_recommender(r: Any) -> dict[str, Any]:
    recommender = _recommender(r)
    rules.settle(recommender)
    out = render(recommender, "GetRecommenderResponse", r.backend.resources.tags)
    metrics = rules.metrics_of(recommender, r.params.get("TrainingMetricsCount"))
    if metrics:
        out["TrainingMetrics"] = metrics
    rules.advance(recommender)
    return out


def update_recommender(r: Any) -> dict[str, Any]:
    recommender = _recommender(r)
    rules.update_recommender(r.backend.resources, _domain(r), recommender, r.params, r.caller)
    return {"RecommenderName": recommender.id}


def delete_recommender(r: Any) -> dict[str, Any]:
    r.backend.resources.delete(_recommender(r))
    return {}


def list_recommenders(r: Any) -> dict[str, Any]:
    return _page(r, RECOMMENDER, "Recommenders", "RecommenderSummary", rules.settle)


def start_recommender(r: Any) -> dict[str, Any]:
    rules.start_recommender(_recommender(r))
    return {}


def stop_recommender(r: Any) -> dict[str, Any]:
    rules.stop_recommender(_recommender(r))
    return {}


def list_recommender_recipes(r: Any) -> dict[str, Any]:
    p = r.params
    found, token = page_list(rules.recipes(), p.get("NextToken"), limit_of(p.get("MaxResults"), 100))
    return {"RecommenderRecipes": found, "NextToken": token}


# -- filters ---------------------------------------------------------------------------------
def create_recommender_filter(r: Any) -> dict[str, Any]:
    p = r.params
    created = rules.create_filter(r.backend.resources, _domain(r), p["RecommenderFilterName"], p, r.caller)
    return render(created, "CreateRecommenderFilterResponse", r.backend.resources.tags)


def get_recommender_filter(r: Any) -> dict[str, Any]:
    found = rules.read_filter(r.backend.resources, _domain(r), r.params["RecommenderFilterName"])
    return render(found, "GetRecommenderFilterResponse", r.backend.resources.tags)


def delete_recommender_filter(r: Any) -> dict[str, Any]:
    name = r.params["RecommenderFilterName"]
    r.backend.resources.delete(r.backend.resources.get(RECOMMENDER_FILTER, _domain(r), name))
    return {"Message": f"Recommender filter {name} was deleted."}


def list_recommender_filters(r: Any) -> dict[str, Any]:
    def read(found: Any) -> None:
        rules.read_filter(r.backend.resources, _domain(r), found.id)

    return _page(r, RECOMMENDER_FILTER, "RecommenderFilters", "RecommenderFilterSummary", read)


# -- schemas ---------------------------------------------------------------------------------
def create_recommender_schema(r: Any) -> dict[str, Any]:
    p = r.params
    created = rules.create_schema(
        r.backend.resources, _domain(r), p["RecommenderSchemaName"], p["Fields"], r.caller, p.get("Tags")
    )
    return render(created, "CreateRecommenderSchemaResponse", r.backend.resources.tags)


def get_recommender_schema(r: Any) -> dict[str, Any]:
    found = r.backend.resources.get(RECOMMENDER_SCHEMA, _domain(r), r.params["RecommenderSchemaName"])
    return render(found, "GetRecommenderSchemaResponse", r.backend.resources.tags)


def delete_recommender_schema(r: Any) -> dict[str, Any]:
    rules.delete_schema(r.backend.resources, _domain(r), r.params["RecommenderSchemaName"])
    return {}


def list_recommender_schemas(r: Any) -> dict[str, Any]:
    return _page(r, RECOMMENDER_SCHEMA, "RecommenderSchemas", "RecommenderSchemaSummary")


# -- recommendations -------------------------------------------------------------------------
#: where each operation's request holds what recommendations are made from (besides ``Context``
#: and ``CandidateIds``, which both name alike): the rules' key -> the members that lead to it
_REQUESTS = {
    "GetProfileRecommendations": {
        "Filters": ("RecommenderFilters",),
        "PromotionalFilters": ("RecommenderPromotionalFilters",),
        "Diversity": ("DiversityConfig",),
        "Columns": ("MetadataConfig", "MetadataColumns"),
    },
    "SearchRecommendations": {
        "Filters": ("Recommender", "Filters"),
        "PromotionalFilters": ("Recommender", "PromotionalFilters"),
        "Diversity": ("Diversity",),
        "Columns": ("Metadata", "Columns"),
    },
}


def _recommend(r: Any, operation: str, profile: Any, recommender: Any, size: int) -> list[dict[str, Any]]:
    """The recommendations one operation's request asks of the rules."""
    p = r.params
    request = {"Context": p.get("Context"), "CandidateIds": p.get("CandidateIds")}
    for key, path in _REQUESTS[operation].items():
        value = p
        for member in path:
            value = (value or {}).get(member)
        request[key] = value
    return rules.recommendations(r.backend.resources, _domain(r), profile, recommender, request, size)


def get_profile_recommendations(r: Any) -> dict[str, Any]:
    p = r.params
    profile = r.backend.resources.get(PROFILE, _domain(r), p["ProfileId"])
    recommender = _recommender(r)
    found = _recommend(r, "GetProfileRecommendations", profile, recommender, p.get("MaxResults") or 10)
    return {"Recommendations": found}


def search_recommendations(r: Any) -> dict[str, Any]:
    p = r.params
    recommender = _recommender(r, p["Recommender"]["Name"])
    profile = rules.profile_by_key(_domain(r), p["KeyName"], p["KeyValues"])
    found = _recommend(r, "SearchRecommendations", profile, recommender, p.get("MaxRecommendations") or 5)
    return {"ProfileId": profile.id, "Recommendations": found}


HANDLERS = {
    "create_recommender": create_recommender,
    "get_recommender": get_recommender,
    "update_recommender": update_recommender,
    "delete_recommender": delete_recommender,
    "list_recommenders": list_recommenders,
    "start_recommender": start_recommender,
    "stop_recommender": stop_recommender,
    "list_recommender_recipes": list_recommender_recipes,
    "create_recommender_filter": create_recommender_filter,
    "get_recommender_filter": get_recommender_filter,
    "delete_recommender_filter": delete_recommender_filter,
    "list_recommender_filters": list_recommender_filters,
    "create_recommender_schema": create_recommender_schema,
    "get_recommender_schema": get_recommender_schema,
    "delete_recommender_schema": delete_recommender_schema,
    "list_recommender_schemas": list_recommender_schemas,
    "get_profile_recommendations": get_profile_recommendations,
    "search_recommendations": search_recommendations,
}
