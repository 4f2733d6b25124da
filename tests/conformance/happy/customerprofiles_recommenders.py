"""Valid requests for recommenders: a filter expression in Amazon Personalize's structure, schema
fields under a dataset type, resources of their own for the operations that name one (a stopped
recommender to start), and a profile to recommend for."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conformance.seeds import World, happy

_EXPRESSION = "EXCLUDE ItemID WHERE Items.Category IN ($CATEGORY)"
_FIELDS = {"_catalogItem": [{"TargetFieldName": "Category"}]}


def _name() -> str:
    return f"happy-{uuid.uuid4().hex[:12]}"


def _recommender(world: World, domain: str) -> str:
    name = _name()
    world.client().create_recommender(DomainName=domain, RecommenderName=name, RecommenderRecipeName="popular-items")
    return name


@happy("customer-profiles", "CreateRecommenderFilter")
def _create_filter(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "RecommenderFilterName": _name(), "RecommenderFilterExpression": _EXPRESSION}


@happy("customer-profiles", "GetRecommenderFilter", "DeleteRecommenderFilter")
def _filter(world: World, request: dict[str, Any]) -> dict[str, Any]:
    name = _name()
    world.client().create_recommender_filter(
        DomainName=request["DomainName"], RecommenderFilterName=name, RecommenderFilterExpression=_EXPRESSION
    )
    return {**request, "RecommenderFilterName": name}


@happy("customer-profiles", "CreateRecommenderSchema")
def _create_schema(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "RecommenderSchemaName": _name(), "Fields": _FIELDS}


@happy("customer-profiles", "GetRecommenderSchema", "DeleteRecommenderSchema")
def _schema(world: World, request: dict[str, Any]) -> dict[str, Any]:
    name = _name()
    world.client().create_recommender_schema(
        DomainName=request["DomainName"], RecommenderSchemaName=name, Fields=_FIELDS
    )
    return {**request, "RecommenderSchemaName": name}


@happy("customer-profiles", "CreateRecommender")
def _create_recommender(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "RecommenderName": _name(), "RecommenderRecipeName": "popular-items"}


@happy("customer-profiles", "GetRecommender", "DeleteRecommender", "StopRecommender")
def _existing(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "RecommenderName": _recommender(world, request["DomainName"])}


@happy("customer-profiles", "UpdateRecommender")
def _update(world: World, request: dict[str, Any]) -> dict[str, Any]:
    name = _recommender(world, request["DomainName"])
    return {"DomainName": request["DomainName"], "RecommenderName": name, "Description": "updated"}


@happy("customer-profiles", "StartRecommender")
def _stopped(world: World, request: dict[str, Any]) -> dict[str, Any]:
    name = _recommender(world, request["DomainName"])
    world.client().stop_recommender(DomainName=request["DomainName"], RecommenderName=name)
    return {**request, "RecommenderName": name}


@happy("customer-profiles", "GetProfileRecommendations")
def _profile_recommendations(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = request["DomainName"]
    profile = world.client().create_profile(DomainName=domain, FirstName="Happy")["ProfileId"]
    return {"DomainName": domain, "ProfileId": profile, "RecommenderName": _recommender(world, domain)}


@happy("customer-profiles", "SearchRecommendations")
def _search_recommendations(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = request["DomainName"]
    profile = world.client().create_profile(DomainName=domain, FirstName="Happy")["ProfileId"]
    return {
        "DomainName": domain,
        "KeyName": "_profileId",
        "KeyValues": [profile],
        "Recommender": {"Name": _recommender(world, domain)},
    }
