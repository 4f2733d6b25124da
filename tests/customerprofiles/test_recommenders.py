"""Customer Profiles recommenders through boto3: schemas and filters checked, recommenders' status
through moto's state manager (training, stop, start, updates and versions), training metrics and
recommendations computed from the profile objects of the store, and the family in server mode."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.core.resources import Resource
from moto_connect_ext.customerprofiles.models import customerprofiles_backends
from moto_connect_ext.customerprofiles.profiles import PROFILE
from moto_connect_ext.customerprofiles.recommenders import (
    RECOMMENDER_FILTER_MODEL,
    RECOMMENDER_MODEL,
    RECOMMENDER_UPDATE_MODEL,
)
from tests.helpers import raises
from tests.servers import server_client

D = "shop"
EVENTS = {
    "EventsConfig": {"EventParametersList": [{"EventType": "purchase"}, {"EventType": "view", "EventWeight": 0.5}]}
}


@pytest.fixture
def cp(moto_connect: Any) -> Any:
    client = moto_connect.client("customer-profiles")
    client.create_domain(DomainName=D, DefaultExpirationDays=30)
    return client


def _put_object(object_type: str, profile_id: str | None, content: dict[str, Any]) -> None:
    """A profile object in the store as PutProfileObject keeps it (kind ``profile-object``)."""
    domain = customerprofiles_backends["123456789012"]["us-east-1"].domain(D)
    ident = uuid.uuid4().hex
    attrs = {"ObjectTypeName": object_type, "ProfileId": profile_id, "Object": json.dumps(content)}
    domain.children("profile-object").add(ident, Resource(PROFILE, ident, f"arn:object/{ident}", domain, attrs))


def _shop(cp: Any) -> dict[str, str]:
    """Four shoppers and a catalog: ann bought a and b, bob a and c, cat c (and viewed d), dan a."""
    people = {}
    for name in ("ann", "bob", "cat", "dan"):
        people[name] = cp.create_profile(DomainName=D, FirstName=name, EmailAddress=f"{name}@example.com")["ProfileId"]
    events = [
        ("ann", "a", "purchase"),
        ("ann", "b", "purchase"),
        ("bob", "a", "purchase"),
        ("bob", "c", "purchase"),
        ("cat", "c", "purchase"),
        ("cat", "d", "view"),
        ("dan", "a", "purchase"),
        ("dan", "e", "click"),
    ]
    for day, (name, item, event) in enumerate(events, start=1):
        stamp = f"2024-01-{day:02d}T00:00:00Z"
        _put_object("_webAnalytics", people[name], {"Item": {"Id": item}, "EventType": event, "EventTimestamp": stamp})
    for item, category, price in [("a", "shoes", 10), ("b", "hats", 20), ("c", "shoes", 30), ("d", "hats", 40)]:
        _put_object("_catalogItem", None, {"Id": item, "Name": f"item {item}", "Category": category, "Price": price})
    return people


def test_schemas_and_filters_are_checked(cp: Any) -> None:
    fields = {"_catalogItem": [{"TargetFieldName": "Attributes.Colour", "FeatureType": "CATEGORICAL"}]}
    created = cp.create_recommender_schema(DomainName=D, RecommenderSchemaName="s", Fields=fields, Tags={"t": "1"})
    assert created["RecommenderSchemaArn"].endswith(":domains/shop/recommender-schemas/s")
    assert (created["Status"], created["Tags"]) == ("ACTIVE", {"t": "1"})
    assert cp.get_recommender_schema(DomainName=D, RecommenderSchemaName="s")["Fields"] == fields
    bad_schemas = [
        ({"_orders": [{"TargetFieldName": "X"}]}, "dataset type"),
        ({"_catalogItem": [{"TargetFieldName": "a..b"}]}, "field name"),
        ({"_catalogItem": [{"TargetFieldName": "X"}, {"TargetFieldName": "X"}]}, "more than once"),
        ({"_catalogItem": [{"TargetFieldName": "X", "FeatureType": "TEXTUAL", "ContentType": "NUMBER"}]}, "TEXTUAL"),
    ]
    for bad, message in bad_schemas:
        with raises("BadRequestException", 400, match=message):
            cp.create_recommender_schema(DomainName=D, RecommenderSchemaName="t", Fields=bad)
    with raises("BadRequestException", 400, match="already exists"):
        cp.create_recommender_schema(DomainName=D, RecommenderSchemaName="s", Fields=fields)

    expression = (
        "EXCLUDE ItemID WHERE Items.Category IN ($CATS) | "
        'INCLUDE ItemID WHERE Items.Price < 100 OR Items.Attributes.Colour IN ("red")'
    )
    made = cp.create_recommender_filter(
        DomainName=D, RecommenderFilterName="f", RecommenderFilterExpression=expression, RecommenderSchemaName="s"
    )
    assert made["RecommenderFilterArn"].endswith(":domains/shop/recommender-filters/f") and made["Tags"] == {}
    got = cp.get_recommender_filter(DomainName=D, RecommenderFilterName="f")
    assert (got["Status"], got["RecommenderFilterExpression"], got["RecommenderSchemaName"]) == (
        "ACTIVE",
        expression,
        "s",
    )
    bad_expressions = [
        ("ItemID WHERE Items.X IN (1)", "INCLUDE or EXCLUDE"),
        ("INCLUDE UserID WHERE Items.X IN (1)", "ItemID"),
        ("INCLUDE ItemID Items.X IN (1)", "expected WHERE"),
        ("INCLUDE ItemID WHERE Orders.X IN (1)", "Dataset.field"),
        ("INCLUDE ItemID WHERE Interactions.ITEM IN (1)", "EVENT_TYPE"),
        ('INCLUDE ItemID WHERE Items.Price < "cheap"', "compares numbers"),
        ("INCLUDE ItemID WHERE Items.Price IN (1", "ends too early"),
        ("INCLUDE ItemID WHERE Items.Attributes.Size IN (1)", "column of the recommender schema"),
    ]
    for bad, message in bad_expressions:
        with raises("BadRequestException", 400, match=message):
            cp.create_recommender_filter(
                DomainName=D, RecommenderFilterName="g", RecommenderFilterExpression=bad, RecommenderSchemaName="s"
            )
    with raises("ResourceNotFoundException", 404, match="schema nope"):
        cp.create_recommender_filter(
            DomainName=D,
            RecommenderFilterName="g",
            RecommenderFilterExpression=expression,
            RecommenderSchemaName="nope",
        )
    for i in range(9):
        cp.create_recommender_filter(
            DomainName=D,
            RecommenderFilterName=f"f{i}",
            RecommenderFilterExpression="EXCLUDE ItemID WHERE Items.Id IN ($X)",
        )
    with raises("BadRequestException", 400, match="at most 10"):
        cp.create_recommender_filter(DomainName=D, RecommenderFilterName="x", RecommenderFilterExpression=expression)
    page = cp.list_recommender_filters(DomainName=D, MaxResults=4)
    rest = cp.list_recommender_filters(DomainName=D, NextToken=page["NextToken"])
    assert [f["RecommenderFilterName"] for f in page["RecommenderFilters"] + rest["RecommenderFilters"]] == [
        "f",
        *[f"f{i}" for i in range(9)],
    ]

    # a schema in use is kept; once free, it goes
    with raises("BadRequestException", 400, match="used by the recommender filter f"):
        cp.delete_recommender_schema(DomainName=D, RecommenderSchemaName="s")
    assert cp.delete_recommender_filter(DomainName=D, RecommenderFilterName="f")["Message"].endswith("was deleted.")
    cp.delete_recommender_schema(DomainName=D, RecommenderSchemaName="s")
    assert cp.list_recommender_schemas(DomainName=D)["RecommenderSchemas"] == []
    for call in (
        lambda: cp.get_recommender_filter(DomainName=D, RecommenderFilterName="f"),
        lambda: cp.get_recommender_schema(DomainName=D, RecommenderSchemaName="s"),
        lambda: cp.list_recommender_schemas(DomainName="nope"),
    ):
        with raises("ResourceNotFoundException", 404):
            call()

    recipes = cp.list_recommender_recipes()["RecommenderRecipes"]
    model = cp.meta.service_model.shape_for("RecommenderRecipeName").enum
    assert [r["name"] for r in recipes] == model and all(r["description"] for r in recipes)


def test_a_recommender_moves_through_the_state_manager(cp: Any) -> None:
    fields = {
        "_webAnalytics": [{"TargetFieldName": "Location.City"}],
        "_catalogItem": [{"TargetFieldName": "Category"}],
    }
    cp.create_recommender_schema(DomainName=D, RecommenderSchemaName="s", Fields=fields)
    for model in (RECOMMENDER_MODEL, RECOMMENDER_UPDATE_MODEL):
        state_manager.set_transition(model, {"progression": "manual", "times": 1})
    try:
        created = cp.create_recommender(
            DomainName=D,
            RecommenderName="r",
            RecommenderRecipeName="popular-items",
            RecommenderConfig={
                **EVENTS,
                "TrainingFrequency": 7,
                "IncludedColumns": {"_webAnalytics": ["Location.City"]},
            },
            RecommenderSchemaName="s",
            Description="best sellers",
            Tags={"team": "web"},
        )
        assert created["RecommenderArn"].endswith(":domains/shop/recommenders/r") and created["Tags"] == {"team": "web"}
        seen = [cp.get_recommender(DomainName=D, RecommenderName="r") for _ in range(3)]
        assert [g["Status"] for g in seen] == ["PENDING", "IN_PROGRESS", "ACTIVE"]
        active = seen[-1]
        assert active["RecommenderRecipeName"] == "popular-items" and active["Description"] == "best sellers"
        version = active["ActiveRecommenderVersionName"]
        assert version.startswith("r/") and "ActiveRecommenderVersionName" not in seen[0]
        assert active["TrainingMetrics"][0]["RecommenderVersionName"] == version
        assert active["TrainingMetrics"][0]["Metrics"] == {"coverage": 0.0}  # an empty store

        with raises("BadRequestException", 400, match="only an INACTIVE recommender can be started"):
            cp.start_recommender(DomainName=D, RecommenderName="r")
        cp.stop_recommender(DomainName=D, RecommenderName="r")
        assert [cp.get_recommender(DomainName=D, RecommenderName="r")["Status"] for _ in range(3)] == [
            "STOPPING",
            "INACTIVE",
            "INACTIVE",
        ]
        with raises("BadRequestException", 400, match="only an ACTIVE recommender is updated"):
            cp.update_recommender(DomainName=D, RecommenderName="r", RecommenderConfig=EVENTS)
        cp.start_recommender(DomainName=D, RecommenderName="r")
        assert [cp.get_recommender(DomainName=D, RecommenderName="r")["Status"] for _ in range(2)] == [
            "STARTING",
            "ACTIVE",
        ]

        # an update trains with its own status; the configuration changes once it is ACTIVE
        cp.update_recommender(DomainName=D, RecommenderName="r", RecommenderConfig=EVENTS, Description="new")
        got = cp.get_recommender(DomainName=D, RecommenderName="r")
        update = got["LatestRecommenderUpdate"]
        assert (got["Status"], update["Status"], got["Description"]) == ("ACTIVE", "PENDING", "new")
        assert update["RecommenderConfig"] == EVENTS and got["RecommenderConfig"]["TrainingFrequency"] == 7
        with raises("BadRequestException", 400, match="already has an update"):
            cp.update_recommender(DomainName=D, RecommenderName="r", RecommenderConfig=EVENTS)
        statuses = [
            cp.list_recommenders(DomainName=D)["Recommenders"][0]["LatestRecommenderUpdate"]["Status"] for _ in range(2)
        ]
        assert statuses == ["IN_PROGRESS", "ACTIVE"]
        got = cp.get_recommender(DomainName=D, RecommenderName="r", TrainingMetricsCount=5)
        assert (
            got["RecommenderConfig"] == EVENTS
            and got["ActiveRecommenderVersionName"] == update["RecommenderVersionName"]
        )
        assert [m["RecommenderVersionName"] for m in got["TrainingMetrics"]] == [
            update["RecommenderVersionName"],
            version,
        ]

        # back to the first version
        cp.update_recommender(DomainName=D, RecommenderName="r", RecommenderVersionName=version)
        for _ in range(3):
            got = cp.get_recommender(DomainName=D, RecommenderName="r")
        assert got["RecommenderConfig"]["IncludedColumns"] == {"_webAnalytics": ["Location.City"]}
    finally:
        for model in (RECOMMENDER_MODEL, RECOMMENDER_UPDATE_MODEL):
            state_manager.unset_transition(model)

    bad = [
        ({"RecommenderName": "r"}, "already exists"),
        (
            {
                "RecommenderConfig": {
                    "IncludedColumns": {"_catalogItem": ["Id"]},
                    "ExcludedColumns": {"_catalogItem": ["X"]},
                }
            },
            "both",
        ),
        ({"RecommenderConfig": {"ExcludedColumns": {"_webAnalytics": ["EventType"]}}}, "always used"),
        ({"RecommenderConfig": {"IncludedColumns": {"_orders": ["X"]}}}, "dataset type"),
        (
            {"RecommenderConfig": {"IncludedColumns": {"_catalogItem": ["Price2"]}}, "RecommenderSchemaName": "s"},
            "column of the recommender schema",
        ),
        (
            {"RecommenderConfig": {"EventsConfig": {"EventParametersList": [{"EventType": "x"}, {"EventType": "x"}]}}},
            "more than once",
        ),
        (
            {
                "RecommenderConfig": {
                    "DiversityConfig": {
                        "DiversityColumns": [{"Name": "Category", "CapType": "PERCENTAGE", "Target": "150"}]
                    }
                }
            },
            "between 1 and 100",
        ),
    ]
    for overrides, message in bad:
        request = {"DomainName": D, "RecommenderName": "q", "RecommenderRecipeName": "popular-items", **overrides}
        with raises("BadRequestException", 400, match=message):
            cp.create_recommender(**request)
    with raises("ResourceNotFoundException", 404, match="schema gone"):
        cp.create_recommender(
            DomainName=D, RecommenderName="q", RecommenderRecipeName="popular-items", RecommenderSchemaName="gone"
        )
    with raises("BadRequestException", 400, match="used by the recommender r"):
        cp.delete_recommender_schema(DomainName=D, RecommenderSchemaName="s")
    with raises("BadRequestException", 400, match="no version"):
        cp.update_recommender(DomainName=D, RecommenderName="r", RecommenderVersionName="r/2020-01-01T00-00-00Z")
    assert [r["RecommenderName"] for r in cp.list_recommenders(DomainName=D)["Recommenders"]] == ["r"]
    cp.delete_recommender(DomainName=D, RecommenderName="r")
    with raises("ResourceNotFoundException", 404):
        cp.get_recommender(DomainName=D, RecommenderName="r")


def _recommended(answer: dict[str, Any]) -> list[tuple[str, float]]:
    return [(r["CatalogItem"]["Id"], r["Score"]) for r in answer["Recommendations"]]


def test_recommendations_are_computed_from_the_store(cp: Any) -> None:
    people = _shop(cp)
    for name, recipe in [
        ("popular", "popular-items"),
        ("foryou", "recommended-for-you"),
        ("paired", "frequently-paired-items"),
        ("similar", "similar-items"),
        ("ranking", "personalized-ranking"),
    ]:
        cp.create_recommender(
            DomainName=D, RecommenderName=name, RecommenderRecipeName=recipe, RecommenderConfig=EVENTS
        )

    def get(name: str, who: str = "ann", **extra: Any) -> list[tuple[str, float]]:
        return _recommended(
            cp.get_profile_recommendations(DomainName=D, ProfileId=people[who], RecommenderName=name, **extra)
        )

    # popularity of others' kept events (purchase 1, view 0.5; clicks are not configured), ann's items left out
    assert get("popular") == [("c", 1.0), ("d", 0.25)]
    # bob shares a with ann (and dan, whose click does not count): c from bob
    assert get("foryou") == [("c", 1.0)]
    assert get("paired", "cat") == [("a", 1.0)]  # bob bought c and a
    assert get("paired", "cat", Context={"ItemId": "a"}) == [("b", 1.0)]  # c is her own
    assert get("similar", "ann") == [("c", 1.0), ("d", 0.1667)]  # c: 1 paired + 2 shoes; d: 0.5 hats
    ranked = get("ranking", CandidateIds=["d", "c", "zz"])
    assert ranked == [("c", 1.0), ("d", 0.0), ("zz", 0.0)]
    with raises("BadRequestException", 400, match="CandidateIds"):
        get("ranking")

    full = cp.get_profile_recommendations(
        DomainName=D, ProfileId=people["ann"], RecommenderName="popular", MaxResults=1
    )
    item = full["Recommendations"][0]["CatalogItem"]
    assert (item["Id"], item["Name"], item["Category"], item["Price"]) == ("c", "item c", "shoes", "30")
    slim = cp.get_profile_recommendations(
        DomainName=D, ProfileId=people["ann"], RecommenderName="popular", MetadataConfig={"MetadataColumns": ["Name"]}
    )
    assert slim["Recommendations"][0]["CatalogItem"] == {"Id": "c", "Name": "item c"}

    # filters, with their parameters; a promotion
    cp.create_recommender_filter(
        DomainName=D,
        RecommenderFilterName="no-cat",
        RecommenderFilterExpression="EXCLUDE ItemID WHERE Items.Category IN ($CAT)",
    )
    cp.create_recommender_filter(
        DomainName=D,
        RecommenderFilterName="cheap",
        RecommenderFilterExpression="INCLUDE ItemID WHERE Items.Price <= 30",
    )
    assert get("popular", RecommenderFilters=[{"Name": "no-cat", "Values": {"CAT": "shoes"}}]) == [("d", 1.0)]
    assert get("popular", RecommenderFilters=[{"Name": "cheap"}]) == [("c", 1.0)]
    with raises("BadRequestException", 400, match="$CAT has no value"):
        get("popular", RecommenderFilters=[{"Name": "no-cat"}])
    with raises("ResourceNotFoundException", 404, match="filter nope"):
        get("popular", RecommenderFilters=[{"Name": "nope"}])
    promoted = get(
        "popular",
        RecommenderFilters=[{"Name": "cheap"}],
        RecommenderPromotionalFilters=[
            {"Name": "no-cat", "Values": {"CAT": "shoes"}, "PromotionName": "p", "PercentPromotedItems": 10}
        ],
    )
    assert promoted == [("d", 0.25), ("c", 1.0)]

    # search by a key: exactly one profile
    found = cp.search_recommendations(
        DomainName=D,
        KeyName="_email",
        KeyValues=["ann@example.com"],
        Recommender={"Name": "popular"},
        MaxRecommendations=1,
    )
    assert (found["ProfileId"], _recommended(found)) == (people["ann"], [("c", 1.0)])
    with raises("BadRequestException", 400, match="matches 2 profiles"):
        cp.search_recommendations(
            DomainName=D,
            KeyName="_email",
            KeyValues=["ann@example.com", "bob@example.com"],
            Recommender={"Name": "popular"},
        )
    with raises("ResourceNotFoundException", 404):
        cp.search_recommendations(
            DomainName=D, KeyName="_email", KeyValues=["who@example.com"], Recommender={"Name": "popular"}
        )

    # a stopped recommender, an unknown profile
    cp.stop_recommender(DomainName=D, RecommenderName="popular")
    with raises("BadRequestException", 400, match="need an ACTIVE recommender"):
        get("popular")
    with raises("ResourceNotFoundException", 404, match="Profile"):
        cp.get_profile_recommendations(DomainName=D, ProfileId="0" * 32, RecommenderName="foryou")

    # training metrics: each profile's latest interaction held out (ann's b, bob's c, cat's d, dan's e);
    # only bob's c comes back, second after b (popular-items), none by co-occurrence; e is a click
    metrics = cp.get_recommender(DomainName=D, RecommenderName="popular")["TrainingMetrics"][0]["Metrics"]
    assert metrics == {
        "coverage": 0.8,
        "hit": 0.25,
        "recall": 0.25,
        "mean_reciprocal_rank_at_25": 0.125,
        "precision_at_5": 0.05,
        "precision_at_10": 0.025,
        "precision_at_25": 0.01,
    }
    assert cp.get_recommender(DomainName=D, RecommenderName="foryou")["TrainingMetrics"][0]["Metrics"]["hit"] == 0.0


def test_diversity_and_filter_status(cp: Any) -> None:
    people = _shop(cp)
    diversity = {"DiversityColumns": [{"Name": "Category", "CapType": "VALUE", "Target": "$per"}]}
    cp.create_recommender(
        DomainName=D,
        RecommenderName="d",
        RecommenderRecipeName="popular-items",
        RecommenderConfig={"DiversityConfig": diversity},
    )
    asked = {"DomainName": D, "ProfileId": people["dan"], "RecommenderName": "d"}
    # every event counts 1 without an events configuration; dan's own a and e are left out
    assert _recommended(cp.get_profile_recommendations(**asked)) == [("c", 1.0), ("b", 0.5), ("d", 0.5)]
    capped = cp.get_profile_recommendations(**asked, DiversityConfig={"Enabled": True, "Values": {"per": 1}})
    assert _recommended(capped) == [("c", 1.0), ("b", 0.5)]  # one per category: d is a second hat
    with raises("BadRequestException", 400, match="placeholder $per"):
        cp.get_profile_recommendations(**asked, DiversityConfig={"Enabled": True})

    state_manager.set_transition(RECOMMENDER_FILTER_MODEL, {"progression": "manual", "times": 1})
    try:
        cp.create_recommender_filter(
            DomainName=D, RecommenderFilterName="f", RecommenderFilterExpression="INCLUDE ItemID WHERE Items.Price > 0"
        )
        with raises("BadRequestException", 400, match="is PENDING"):
            cp.get_profile_recommendations(**asked, RecommenderFilters=[{"Name": "f"}])
        statuses = [cp.get_recommender_filter(DomainName=D, RecommenderFilterName="f")["Status"] for _ in range(3)]
        assert statuses == ["PENDING", "IN_PROGRESS", "ACTIVE"]
    finally:
        state_manager.unset_transition(RECOMMENDER_FILTER_MODEL)


def test_server_mode(server: str) -> None:
    cp = server_client(server, "customer-profiles", "eu-west-2")
    cp.create_domain(DomainName="served", DefaultExpirationDays=7)
    cp.create_recommender(DomainName="served", RecommenderName="r", RecommenderRecipeName="trending-now")
    assert cp.get_recommender(DomainName="served", RecommenderName="r")["Status"] == "ACTIVE"
    assert len(cp.list_recommender_recipes(MaxResults=10)["RecommenderRecipes"]) == 6
    with raises("BadRequestException", 400):
        cp.create_recommender(DomainName="served", RecommenderName="r", RecommenderRecipeName="trending-now")
