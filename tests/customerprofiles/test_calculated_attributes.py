"""Customer Profiles calculated attributes: the calculation as a pure function, and through boto3
definitions checked against the domain's object types and values computed from the objects
PutProfileObject stored, readiness through the state manager, and the family in server mode."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from decimal import Decimal
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.customerprofiles.calculated_attributes import (
    READINESS_MODEL,
    Observation,
    compute,
    evaluate,
    parse_expression,
    parse_time,
)
from moto_connect_ext.customerprofiles.exceptions import BadRequestException
from tests.helpers import raises
from tests.servers import server_client

NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.timezone.utc)


def _days_ago(days: float, at: dt.datetime = NOW) -> dt.datetime:
    return (at - dt.timedelta(days=days)).replace(microsecond=0)


def _definition(expression: str, statistic: str, **more: Any) -> dict[str, Any]:
    names = sorted(set(re.findall(r"\{[\w-]+\.([\w.-]+)\}", expression)))
    return {
        "AttributeDetails": {"Attributes": [{"Name": n} for n in names], "Expression": expression},
        "Statistic": statistic,
        **more,
    }


def _observations(*bodies: dict[str, Any]) -> list[Observation]:
    return [Observation(body, _days_ago(len(bodies) - i)) for i, body in enumerate(bodies)]


def test_the_calculation_is_a_pure_function_of_the_objects() -> None:
    orders = _observations(
        {"Total": "10", "Qty": 2, "Channel": "web", "at": _days_ago(40).isoformat()},
        {"Total": 20, "Qty": 0, "Channel": "store", "at": str(int(_days_ago(10).timestamp() * 1000))},
        {"Total": 15.5, "Qty": 3, "Channel": "web", "at": _days_ago(2).strftime("%Y-%m-%dT%H:%M:%S+0000")},
        {"Qty": 1, "Channel": "phone"},
    )

    def value(expression: str, statistic: str, **more: Any) -> str | None:
        return compute(_definition(expression, statistic, **more), orders, NOW).value

    assert value("{Order.Total}", "SUM") == "45.5"
    assert value("{Order.Total}", "COUNT") == "3"  # the object without Total is not counted
    assert value("{Order.Total}", "AVERAGE") == "15.16666666666666666666666667"
    assert value("({Order.Total} + 1) * {Order.Qty}", "MAXIMUM") == "49.5"
    assert value("{Order.Total} / {Order.Qty}", "MINIMUM") == "5"  # a division by zero skips the object
    assert value("{Order.Channel}", "FIRST_OCCURRENCE") == "web"
    assert value("{Order.Channel}", "LAST_OCCURRENCE") == "phone"
    assert value("{Order.Channel}", "MAX_OCCURRENCE") == "web"
    assert value("{Order.Channel}", "MAX_OCCURRENCE", Conditions={"ObjectCount": 2}) == "web"
    assert value("{Order.Channel}", "MAX_OCCURRENCE", Conditions={"ObjectCount": 3}) == "store"
    assert value("{Order.Channel}", "RECENT_OCCURRENCES", Conditions={"ObjectCount": 2}) == '["phone", "web"]'
    assert (
        value("{Order.Total}", "SUM", Conditions={"Threshold": {"Value": "45", "Operator": "GREATER_THAN"}}) == "true"
    )
    assert (
        value("{Order.Channel}", "LAST_OCCURRENCE", Conditions={"Threshold": {"Value": "web", "Operator": "EQUAL_TO"}})
        == "false"
    )
    web = {"Attributes": {"Order.Channel": {"DimensionType": "INCLUSIVE", "Values": ["web"]}}}
    not_web = {"Include": "NONE", "Groups": [{"Type": "ANY", "Dimensions": [web]}]}
    assert value("{Order.Total}", "MINIMUM", Filter=not_web) == "20"

    # the range reads the timestamp source (epoch millis or ISO 8601), else when an object was ingested
    timed = {"TimestampSource": "{Order.at}", "Unit": "DAYS"}
    last_30 = compute(_definition("{Order.Total}", "SUM", Conditions={"Range": {**timed, "Value": 30}}), orders, NOW)
    assert (last_30.value, last_30.last_object) == ("35.5", _days_ago(2))
    window = {"Range": {**timed, "ValueRange": {"Start": 45, "End": 5}}}
    assert compute(_definition("{Order.Total}", "SUM", Conditions=window), orders, NOW).value == "30"
    override = {"Start": 3, "Unit": "DAYS"}
    assert (
        compute(_definition("{Order.Total}", "SUM", Conditions=window), orders, NOW, override=override).value == "15.5"
    )
    ingested = {"Range": {"Value": 2, "Unit": "DAYS"}}  # ingested 4, 3, 2 and 1 days ago
    assert compute(_definition("{Order.Qty}", "SUM", Conditions=ingested), orders, NOW).value == "4"
    # objects ingested before a time are left out (a definition without historical data)
    assert compute(_definition("{Order.Qty}", "COUNT"), orders, NOW, ingested_since=_days_ago(2.5)).value == "2"
    empty = compute(_definition("{Order.Total}", "SUM"), [], NOW)
    assert (empty.value, empty.last_object) == (None, None)

    assert evaluate(parse_expression("{A.x} - {A.y} * 2 - 1"), {"x": 10, "y": "3"}) == Decimal(3)
    assert parse_time("1700000000", "EPOCHMILLI") == parse_time("1700000000000", "EPOCHMILLI")
    assert parse_time("2001-07-04T12:08:56.235-0700", "ISO_8601") == dt.datetime(
        2001, 7, 4, 19, 8, 56, 235000, tzinfo=dt.timezone.utc
    )
    assert parse_time("yesterday", "ISO_8601") is None
    for bad in ("{A.x} +", "{A.x} ** 2", "({A.x}", "{A.x} {A.y}", "Total", "{x}"):
        with pytest.raises(BadRequestException):
            parse_expression(bad)


ORDER_FIELDS = {
    "orderId": {"Source": "_source.orderId", "ContentType": "STRING"},
    "email": {"Source": "_source.email", "ContentType": "EMAIL_ADDRESS"},
}
ORDER_KEYS = {
    "orderId": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["orderId"]}],
    "_email": [{"StandardIdentifiers": ["PROFILE"], "FieldNames": ["email"]}],
}


def _object_type(profiles: Any, name: str, domain: str = "shop") -> None:
    profiles.put_profile_object_type(
        DomainName=domain,
        ObjectTypeName=name,
        Description=name,
        AllowProfileCreation=True,
        Fields=ORDER_FIELDS,
        Keys=ORDER_KEYS,
    )


class Store:
    """Puts objects through PutProfileObject: each customer's objects land on one profile."""

    def __init__(self, profiles: Any) -> None:
        self.profiles = profiles
        self.puts = 0

    def put(self, email: str, object_type: str, body: dict[str, Any]) -> None:
        self.puts += 1
        obj = {"orderId": f"o{self.puts}", "email": email, **body}
        self.profiles.put_profile_object(DomainName="shop", ObjectTypeName=object_type, Object=json.dumps(obj))

    def profile(self, email: str) -> str:
        found = self.profiles.search_profiles(DomainName="shop", KeyName="_email", Values=[email])["Items"]
        assert len(found) == 1
        return str(found[0]["ProfileId"])


@pytest.fixture
def profiles(moto_connect: Any) -> Any:
    client = moto_connect.client("customer-profiles")
    client.create_domain(DomainName="shop", DefaultExpirationDays=30)
    return client


def _request(name: str, expression: str, statistic: str, **more: Any) -> dict[str, Any]:
    return {"DomainName": "shop", "CalculatedAttributeName": name, **_definition(expression, statistic, **more)}


def test_definitions_are_checked_against_the_domain(profiles: Any) -> None:
    _object_type(profiles, "Order")
    created = profiles.create_calculated_attribute_definition(
        **_request(
            "spent",
            "{Order.Total}",
            "SUM",
            DisplayName="Spent",
            Description="What a customer spent",
            Conditions={"Range": {"Value": 30, "Unit": "DAYS"}, "ObjectCount": 10},
            Tags={"team": "crm"},
        )
    )
    assert (created["CalculatedAttributeName"], created["Status"], created["Readiness"]) == (
        "spent",
        "COMPLETED",
        {"ProgressPercentage": 100},
    )
    assert created["Tags"] == {"team": "crm"} and created["CreatedAt"] == created["LastUpdatedAt"]
    got = profiles.get_calculated_attribute_definition(DomainName="shop", CalculatedAttributeName="spent")
    assert got["AttributeDetails"] == {"Attributes": [{"Name": "Total"}], "Expression": "{Order.Total}"}
    assert got["Conditions"] == {"Range": {"Value": 30, "Unit": "DAYS"}, "ObjectCount": 10}

    updated = profiles.update_calculated_attribute_definition(
        DomainName="shop",
        CalculatedAttributeName="spent",
        DisplayName="Spent lately",
        Conditions={"Threshold": {"Value": "100", "Operator": "GREATER_THAN"}},
    )
    assert updated["Conditions"] == {"Threshold": {"Value": "100", "Operator": "GREATER_THAN"}}
    assert updated["DisplayName"] == "Spent lately" and updated["LastUpdatedAt"] > got["CreatedAt"]
    arn = "arn:aws:profile:us-east-1:123456789012:domains/shop/calculated-attributes/spent"
    assert profiles.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "crm"}

    filter_between = {
        "Include": "ALL",
        "Groups": [
            {
                "Type": "ALL",
                "Dimensions": [
                    {"Attributes": {"Order.at": {"DimensionType": "BETWEEN", "Values": ["2025-01-01T00:00:00Z"]}}}
                ],
            }
        ],
    }
    cases: list[tuple[dict[str, Any], str]] = [
        (_request("spent", "{Order.Total}", "SUM"), "already exists"),
        (_request("visits", "{Visit.Length}", "SUM"), "Object type Visit does not exist"),
        (_request("mixed", "{Order.Total} + {Visit.Length}", "SUM"), "one object type"),
        (_request("three", "{Order.a} + {Order.b} + {Order.c}", "SUM"), "at most 2 fields"),
        (_request("bad", "{Order.Total} +", "SUM"), "ends unexpectedly"),
        (
            {
                **_request("shape", "{Order.Total}", "SUM"),
                "AttributeDetails": {"Attributes": [{"Name": "Total"}], "Expression": "Order.Total"},
            },
            "Expression Order.Total is not a valid expression",
        ),
        (
            {
                **_request("unlisted", "{Order.Total}", "SUM"),
                "AttributeDetails": {"Attributes": [{"Name": "Qty"}], "Expression": "{Order.Total}"},
            },
            "Total, which AttributeDetails.Attributes lacks",
        ),
        (
            {
                **_request("unused", "{Order.Total}", "SUM"),
                "AttributeDetails": {"Attributes": [{"Name": "Total"}, {"Name": "Qty"}], "Expression": "{Order.Total}"},
            },
            "lists Qty, which Expression lacks",
        ),
        (
            _request(
                "window",
                "{Order.Total}",
                "SUM",
                Conditions={"Range": {"Unit": "DAYS", "ValueRange": {"Start": 1, "End": 10}}},
            ),
            "Start",
        ),
        (_request("nounit", "{Order.Total}", "SUM", Conditions={"Range": {"Value": 3}}), "Unit"),
        (
            _request(
                "fmt",
                "{Order.Total}",
                "SUM",
                Conditions={"Range": {"Value": 3, "Unit": "DAYS", "TimestampFormat": "ISO_8601"}},
            ),
            "needs a TimestampSource",
        ),
        (
            _request(
                "src",
                "{Order.Total}",
                "SUM",
                Conditions={"Range": {"Value": 3, "Unit": "DAYS", "TimestampSource": "{Visit.at}"}},
            ),
            "must name a field of Order",
        ),
        (_request("many", "{Order.Total}", "SUM", Conditions={"ObjectCount": 101}), "between 1 and 100"),
        (
            _request(
                "thr", "{Order.Total}", "SUM", Conditions={"Threshold": {"Value": "lots", "Operator": "EQUAL_TO"}}
            ),
            "must be a number",
        ),
        (_request("flt", "{Order.Total}", "SUM", Filter=filter_between), "BETWEEN needs two timestamps"),
    ]
    for request, message in cases:
        with raises("BadRequestException", 400, match=message):
            profiles.create_calculated_attribute_definition(**request)
    with raises("BadRequestException", 400, match="must be a number"):
        profiles.update_calculated_attribute_definition(
            DomainName="shop",
            CalculatedAttributeName="spent",
            Conditions={"Threshold": {"Value": "x", "Operator": "EQUAL_TO"}},
        )
    with raises("ResourceNotFoundException", 404):
        profiles.create_calculated_attribute_definition(
            **{**_request("x", "{Order.Total}", "SUM"), "DomainName": "gone"}
        )
    with raises("ResourceNotFoundException", 404):
        profiles.update_calculated_attribute_definition(
            DomainName="shop", CalculatedAttributeName="ghost", DisplayName="x"
        )
    listed = profiles.list_calculated_attribute_definitions(DomainName="shop")["Items"]
    assert [(i["CalculatedAttributeName"], i["DisplayName"]) for i in listed] == [("spent", "Spent lately")]

    # stable pages; the limit per domain
    for i in range(49):
        profiles.create_calculated_attribute_definition(**_request(f"c{i:02}", "{Order.Total}", "COUNT"))
    with raises("BadRequestException", 400, match="at most 50"):
        profiles.create_calculated_attribute_definition(**_request("one_more", "{Order.Total}", "COUNT"))
    first = profiles.list_calculated_attribute_definitions(DomainName="shop", MaxResults=20)
    profiles.delete_calculated_attribute_definition(DomainName="shop", CalculatedAttributeName="spent")
    rest = profiles.list_calculated_attribute_definitions(DomainName="shop", NextToken=first["NextToken"])
    assert len(first["Items"] + rest["Items"]) == 50 and "NextToken" not in rest
    for call in (
        lambda: profiles.get_calculated_attribute_definition(DomainName="shop", CalculatedAttributeName="spent"),
        lambda: profiles.delete_calculated_attribute_definition(DomainName="shop", CalculatedAttributeName="spent"),
        lambda: profiles.list_tags_for_resource(resourceArn=arn),
    ):
        with raises("ResourceNotFoundException", 404):
            call()


def test_values_are_computed_from_the_profile_objects(profiles: Any) -> None:
    _object_type(profiles, "Order")
    _object_type(profiles, "Visit")
    store = Store(profiles)
    now = dt.datetime.now(dt.timezone.utc)
    for days, total, qty, channel in ((40, "10", 2, "web"), (10, 20, 1, "store"), (2, 15.5, 3, "web")):
        placed = _days_ago(days, now).isoformat()
        store.put("ann@example.com", "Order", {"Total": total, "Qty": qty, "Channel": channel, "placed": placed})
    store.put("ann@example.com", "Visit", {"Total": 1000})
    store.put(
        "bob@example.com",
        "Order",
        {"Total": 100, "Qty": 1, "Channel": "phone", "placed": _days_ago(1, now).isoformat()},
    )
    ann, bob, nobody = store.profile("ann@example.com"), store.profile("bob@example.com"), uuid.uuid4().hex

    historical = {"UseHistoricalData": True}
    timed = {"Range": {"Value": 30, "Unit": "DAYS", "TimestampSource": "{Order.placed}", "TimestampFormat": "ISO_8601"}}
    for request in (
        _request("spent30", "{Order.Total}", "SUM", Conditions=timed, DisplayName="Spent", **historical),
        _request("biggest_line", "{Order.Total} * {Order.Qty}", "MAXIMUM", **historical),
        _request(
            "frequent",
            "{Order.Qty}",
            "COUNT",
            Conditions={"Threshold": {"Value": "2", "Operator": "GREATER_THAN"}},
            **historical,
        ),
        _request("favourite", "{Order.Channel}", "MAX_OCCURRENCE", Conditions={"ObjectCount": 2}, **historical),
        _request(
            "web_orders",
            "{Order.Total}",
            "COUNT",
            Filter={
                "Include": "ALL",
                "Groups": [
                    {
                        "Type": "ALL",
                        "Dimensions": [{"Attributes": {"Channel": {"DimensionType": "INCLUSIVE", "Values": ["web"]}}}],
                    }
                ],
            },
            **historical,
        ),
        _request("new_spend", "{Order.Total}", "SUM"),
    ):
        profiles.create_calculated_attribute_definition(**request)

    got = profiles.get_calculated_attribute_for_profile(
        DomainName="shop", ProfileId=ann, CalculatedAttributeName="spent30"
    )
    got.pop("ResponseMetadata")
    assert got == {
        "CalculatedAttributeName": "spent30",
        "DisplayName": "Spent",
        "IsDataPartial": "false",
        "Value": "35.5",
        "LastObjectTimestamp": _days_ago(2, now),
    }
    values = {
        i["CalculatedAttributeName"]: i.get("Value")
        for i in profiles.list_calculated_attributes_for_profile(DomainName="shop", ProfileId=ann)["Items"]
    }
    # without historical data only objects put after the definition count
    assert values == {
        "spent30": "35.5",
        "biggest_line": "46.5",
        "frequent": "true",
        "favourite": "store",
        "web_orders": "2",
        "new_spend": None,
    }
    store.put("ann@example.com", "Order", {"Total": 5, "Qty": 1, "Channel": "web", "placed": now.isoformat()})
    page = profiles.list_calculated_attributes_for_profile(DomainName="shop", ProfileId=ann, MaxResults=4)
    rest = profiles.list_calculated_attributes_for_profile(
        DomainName="shop", ProfileId=ann, NextToken=page["NextToken"]
    )
    values = {i["CalculatedAttributeName"]: i.get("Value") for i in page["Items"] + rest["Items"]}
    assert values["new_spend"] == "5" and values["spent30"] == "40.5" and values["favourite"] == "web"

    batch = profiles.batch_get_calculated_attribute_for_profile(
        DomainName="shop",
        CalculatedAttributeName="spent30",
        ProfileIds=[ann, bob, nobody],
        ConditionOverrides={"Range": {"Start": 5, "Unit": "DAYS"}},
    )
    assert [(v["ProfileId"], v["Value"]) for v in batch["CalculatedAttributeValues"]] == [(ann, "20.5"), (bob, "100")]
    assert batch["Errors"] == [
        {"Code": "ResourceNotFoundException", "Message": f"Profile {nobody} does not exist", "ProfileId": nobody}
    ]
    assert batch["ConditionOverrides"] == {"Range": {"Start": 5, "Unit": "DAYS"}}

    with raises("BadRequestException", 400, match="Start"):
        profiles.batch_get_calculated_attribute_for_profile(
            DomainName="shop",
            CalculatedAttributeName="spent30",
            ProfileIds=[ann],
            ConditionOverrides={"Range": {"Start": 1, "End": 5, "Unit": "DAYS"}},
        )
    for call in (
        lambda: profiles.get_calculated_attribute_for_profile(
            DomainName="shop", ProfileId=nobody, CalculatedAttributeName="spent30"
        ),
        lambda: profiles.get_calculated_attribute_for_profile(
            DomainName="shop", ProfileId=ann, CalculatedAttributeName="ghost"
        ),
        lambda: profiles.list_calculated_attributes_for_profile(DomainName="shop", ProfileId=nobody),
        lambda: profiles.batch_get_calculated_attribute_for_profile(
            DomainName="shop", CalculatedAttributeName="ghost", ProfileIds=[ann]
        ),
    ):
        with raises("ResourceNotFoundException", 404):
            call()


def test_historical_data_is_prepared_through_the_state_manager(profiles: Any) -> None:
    _object_type(profiles, "Order")
    store = Store(profiles)
    store.put("ann@example.com", "Order", {"Total": 7})
    ann = store.profile("ann@example.com")
    state_manager.set_transition(READINESS_MODEL, {"progression": "manual", "times": 1})
    try:
        created = profiles.create_calculated_attribute_definition(
            **_request("spent", "{Order.Total}", "SUM", UseHistoricalData=True)
        )
        assert (created["Status"], created["Readiness"]["ProgressPercentage"]) == ("PREPARING", 0)
        store.put("ann@example.com", "Order", {"Total": 3})

        def value() -> tuple[str, str]:
            got = profiles.get_calculated_attribute_for_profile(
                DomainName="shop", ProfileId=ann, CalculatedAttributeName="spent"
            )
            return got["IsDataPartial"], got["Value"]

        assert value() == ("true", "3")  # the new object only, while the old ones are prepared
        seen = []
        for _ in range(3):
            got = profiles.get_calculated_attribute_definition(DomainName="shop", CalculatedAttributeName="spent")
            seen.append((got["Status"], got["Readiness"]["ProgressPercentage"]))
        assert seen == [("IN_PROGRESS", 50), ("COMPLETED", 100), ("COMPLETED", 100)]
        listed = profiles.list_calculated_attribute_definitions(DomainName="shop")["Items"]
        assert listed[0]["Status"] == "COMPLETED" and listed[0]["UseHistoricalData"] is True
        assert value() == ("false", "10")
    finally:
        state_manager.unset_transition(READINESS_MODEL)


def test_server_mode(server: str) -> None:
    profiles = server_client(server, "customer-profiles", "eu-west-2")
    profiles.create_domain(DomainName="served", DefaultExpirationDays=7)
    with raises("BadRequestException", 400, match="Object type Order does not exist"):
        profiles.create_calculated_attribute_definition(
            **{**_request("spent", "{Order.Total}", "SUM"), "DomainName": "served"}
        )
    assert profiles.list_calculated_attribute_definitions(DomainName="served")["Items"] == []
