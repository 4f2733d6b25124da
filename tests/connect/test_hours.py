"""Hours of operation, their overrides, child hours and effective hours through boto3."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import new_instance, raises
from tests.servers import server_client

WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")


def at(hours: int, minutes: int = 0) -> dict[str, int]:
    return {"Hours": hours, "Minutes": minutes}


def nine_to_five(*days: str) -> list[dict[str, Any]]:
    return [{"Day": day, "StartTime": at(9), "EndTime": at(17)} for day in days or WEEKDAYS]


def new_hours(connect: Any, iid: str, name: str, **kw: Any) -> str:
    request = {"TimeZone": "America/New_York", "Config": nine_to_five(), **kw}
    return connect.create_hours_of_operation(InstanceId=iid, Name=name, **request)["HoursOfOperationId"]  # type: ignore[no-any-return]


def describe(connect: Any, iid: str, hid: str) -> dict[str, Any]:
    return connect.describe_hours_of_operation(InstanceId=iid, HoursOfOperationId=hid)["HoursOfOperation"]  # type: ignore[no-any-return]


def new_override(connect: Any, iid: str, hid: str, name: str = "holiday", **kw: Any) -> str:
    request = {"Config": [], "EffectiveFrom": "2025-12-25", "EffectiveTill": "2025-12-25", **kw}
    return connect.create_hours_of_operation_override(  # type: ignore[no-any-return]
        InstanceId=iid, HoursOfOperationId=hid, Name=name, **request
    )["HoursOfOperationOverrideId"]


def overrides_of(connect: Any, iid: str, hid: str) -> list[dict[str, Any]]:
    return connect.list_hours_of_operation_overrides(InstanceId=iid, HoursOfOperationId=hid)[  # type: ignore[no-any-return]
        "HoursOfOperationOverrideList"
    ]


def names(connect: Any, iid: str) -> list[str]:
    return [h["Name"] for h in connect.list_hours_of_operations(InstanceId=iid)["HoursOfOperationSummaryList"]]


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return instance["Id"]  # type: ignore[no-any-return]


@pytest.fixture
def hid(connect: Any, iid: str) -> str:
    return new_hours(connect, iid, "Office")


# -- hours of operation --------------------------------------------------------------------
def test_create_describe_list_and_update(connect: Any, instance: dict[str, Any], iid: str) -> None:
    before = names(connect, iid)
    created = connect.create_hours_of_operation(
        InstanceId=iid,
        Name="Office",
        Description="Weekdays",
        TimeZone="Europe/London",
        Config=nine_to_five(),
        Tags={"team": "a"},
    )
    hid = created["HoursOfOperationId"]
    arn = f"arn:aws:connect:us-east-1:123456789012:instance/{iid}/operating-hours/{hid}"
    assert created["HoursOfOperationArn"] == arn
    described = describe(connect, iid, hid)
    assert described == {
        "HoursOfOperationId": hid,
        "HoursOfOperationArn": arn,
        "Name": "Office",
        "Description": "Weekdays",
        "TimeZone": "Europe/London",
        "Config": nine_to_five(),
        "Tags": {"team": "a"},
        "LastModifiedTime": described["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    }
    assert described["LastModifiedTime"].tzinfo is not None
    assert describe(connect, instance["Arn"], arn) == described  # ARNs name them too
    listed = connect.list_hours_of_operations(InstanceId=iid)["HoursOfOperationSummaryList"]
    assert [h["Name"] for h in listed] == [*before, "Office"]
    assert listed[-1] == {
        "Id": hid,
        "Arn": arn,
        "Name": "Office",
        "LastModifiedTime": described["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    }
    overnight = [{"Day": "FRIDAY", "StartTime": at(22), "EndTime": at(6)}]
    connect.update_hours_of_operation(
        InstanceId=iid, HoursOfOperationId=hid, Name="Night", TimeZone="Asia/Tokyo", Config=overnight
    )
    updated = describe(connect, iid, hid)
    assert (updated["Name"], updated["Description"], updated["TimeZone"], updated["Config"]) == (
        "Night",
        "Weekdays",
        "Asia/Tokyo",
        overnight,
    )
    assert updated["LastModifiedTime"] >= described["LastModifiedTime"]
    connect.update_hours_of_operation(InstanceId=iid, HoursOfOperationId=hid, Description="")
    assert "Description" not in describe(connect, iid, hid)


def test_names_are_unique_per_instance(connect: Any, iid: str, hid: str) -> None:
    with raises("DuplicateResourceException", 409, match="Office"):
        new_hours(connect, iid, "Office")
    other = new_hours(connect, iid, "Other")
    with raises("DuplicateResourceException", 409):
        connect.update_hours_of_operation(InstanceId=iid, HoursOfOperationId=other, Name="Office")
    assert names(connect, iid).count("Office") == 1 and describe(connect, iid, other)["Name"] == "Other"


#: (change, what the InvalidParameterException says)
BAD_HOURS: list[tuple[dict[str, Any], str]] = [
    ({"TimeZone": "Mars/Olympus"}, "not a valid time zone"),
    ({"TimeZone": "america/new_york"}, "not a valid time zone"),
    ({"Config": [*nine_to_five("MONDAY"), {"Day": "MONDAY", "StartTime": at(12), "EndTime": at(13)}]}, "overlap"),
    ({"Config": nine_to_five("MONDAY") * 2}, "overlap"),
    ({"Config": [{"Day": "SUNDAY", "StartTime": at(20), "EndTime": at(10)}, *nine_to_five("MONDAY")]}, "overlap"),
]


def test_bad_time_zones_and_overlapping_entries_are_refused(connect: Any, iid: str, hid: str) -> None:
    before = names(connect, iid)
    for change, match in BAD_HOURS:
        with raises("InvalidParameterException", 400, match=match):
            new_hours(connect, iid, "New", **change)
        with raises("InvalidParameterException", 400, match=match):
            connect.update_hours_of_operation(InstanceId=iid, HoursOfOperationId=hid, Name="Renamed", **change)
    assert names(connect, iid) == before
    assert describe(connect, iid, hid)["Name"] == "Office"


def test_unknown_hours_and_instances_are_not_found(connect: Any, iid: str, hid: str) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    calls = [
        lambda: connect.describe_hours_of_operation(InstanceId=iid, HoursOfOperationId=missing),
        lambda: connect.update_hours_of_operation(InstanceId=iid, HoursOfOperationId=missing, Name="x"),
        lambda: connect.delete_hours_of_operation(InstanceId=iid, HoursOfOperationId=missing),
        lambda: connect.list_hours_of_operation_overrides(InstanceId=iid, HoursOfOperationId=missing),
        lambda: new_override(connect, iid, missing),
        lambda: connect.get_effective_hours_of_operations(
            InstanceId=iid, HoursOfOperationId=missing, FromDate="2025-01-01", ToDate="2025-01-02"
        ),
        lambda: connect.list_child_hours_of_operations(InstanceId=iid, HoursOfOperationId=missing),
        lambda: connect.describe_hours_of_operation(InstanceId=missing, HoursOfOperationId=hid),
        lambda: connect.list_hours_of_operations(InstanceId=missing),
        lambda: connect.search_hours_of_operation_overrides(InstanceId=missing),
    ]
    for call in calls:
        with raises("ResourceNotFoundException", 404):
            call()


def test_delete_takes_the_overrides_and_tags_along(connect: Any, iid: str, hid: str) -> None:
    arn = describe(connect, iid, hid)["HoursOfOperationArn"]
    oid = new_override(connect, iid, hid)
    connect.tag_resource(resourceArn=arn, tags={"k": "v"})
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"k": "v"}
    connect.untag_resource(resourceArn=arn, tagKeys=["k"])
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {}
    connect.delete_hours_of_operation(InstanceId=iid, HoursOfOperationId=hid)
    assert "Office" not in names(connect, iid)
    with raises("ResourceNotFoundException", 404):
        connect.describe_hours_of_operation_override(
            InstanceId=iid, HoursOfOperationId=hid, HoursOfOperationOverrideId=oid
        )
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=arn)
    assert new_hours(connect, iid, "Office") != hid  # the name is free again


def test_list_pages_stay_right_while_hours_come_and_go(connect: Any, iid: str) -> None:
    before = names(connect, iid)
    ids = [new_hours(connect, iid, f"h{i}") for i in range(4)]
    seen: list[str] = []
    token = None
    while True:
        page = connect.list_hours_of_operations(InstanceId=iid, MaxResults=1, **({"NextToken": token} if token else {}))
        seen += [h["Name"] for h in page["HoursOfOperationSummaryList"]]
        if seen == [*before, "h0"]:
            connect.delete_hours_of_operation(InstanceId=iid, HoursOfOperationId=ids[2])
            new_hours(connect, iid, "h4")
        token = page.get("NextToken")
        if not token:
            break
    assert seen == [*before, "h0", "h1", "h3", "h4"]


# -- search --------------------------------------------------------------------------------
@pytest.fixture
def searchable(connect: Any, iid: str) -> dict[str, str]:
    return {
        "london": new_hours(connect, iid, "London support", Description="UK desk", TimeZone="Europe/London"),
        "paris": new_hours(connect, iid, "Paris support", TimeZone="Europe/Paris", Tags={"region": "eu"}),
        "tokyo": new_hours(connect, iid, "Tokyo sales", TimeZone="Asia/Tokyo", Tags={"region": "apac"}),
    }


def _string(field: str, value: str, kind: str = "EXACT") -> dict[str, Any]:
    return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": kind}}


#: (SearchCriteria, TagFilter, the hours found)
SEARCHES: list[tuple[dict[str, Any] | None, dict[str, Any] | None, list[str]]] = [
    (_string("name", "Paris support"), None, ["paris"]),
    (_string("name", "paris support"), None, []),
    (_string("name", "SUPPORT", "CONTAINS"), None, ["london", "paris"]),
    (_string("Name", "tok", "STARTS_WITH"), None, ["tokyo"]),
    (_string("description", "uk", "CONTAINS"), None, ["london"]),
    (_string("timezone", "Europe/", "STARTS_WITH"), None, ["london", "paris"]),
    (
        {"OrConditions": [_string("timezone", "Asia/Tokyo"), _string("name", "London support")]},
        None,
        ["london", "tokyo"],
    ),
    (
        {"AndConditions": [_string("name", "support", "CONTAINS"), _string("timezone", "Europe/Paris")]},
        None,
        ["paris"],
    ),
    (_string("name", "support", "CONTAINS"), {"TagCondition": {"TagKey": "region", "TagValue": "eu"}}, ["paris"]),
    (None, {"TagCondition": {"TagKey": "region"}}, ["paris", "tokyo"]),
    (
        None,
        {"OrConditions": [[{"TagKey": "region", "TagValue": "apac"}], [{"TagKey": "region", "TagValue": "eu"}]]},
        ["paris", "tokyo"],
    ),
]


def test_search_hours(connect: Any, iid: str, searchable: dict[str, str]) -> None:
    ours = {v: k for k, v in searchable.items()}
    for criteria, tag_filter, expected in SEARCHES:
        request: dict[str, Any] = {"InstanceId": iid}
        if criteria:
            request["SearchCriteria"] = criteria
        if tag_filter:
            request["SearchFilter"] = {"TagFilter": tag_filter}
        found = connect.search_hours_of_operations(**request)
        hits = [ours[h["HoursOfOperationId"]] for h in found["HoursOfOperations"] if h["HoursOfOperationId"] in ours]
        assert hits == expected, (criteria, tag_filter)
        if criteria or tag_filter:
            assert found["ApproximateTotalCount"] == len(expected), (criteria, tag_filter)


def test_search_hours_by_id_pages_and_refuses_unknown_fields(
    connect: Any, iid: str, searchable: dict[str, str]
) -> None:
    found = connect.search_hours_of_operations(
        InstanceId=iid, SearchCriteria=_string("resourceID", searchable["tokyo"])
    )
    assert [h["Name"] for h in found["HoursOfOperations"]] == ["Tokyo sales"]
    assert found["HoursOfOperations"][0]["Tags"] == {"region": "apac"}
    criteria = _string("name", "support", "CONTAINS")
    first = connect.search_hours_of_operations(InstanceId=iid, SearchCriteria=criteria, MaxResults=1)
    second = connect.search_hours_of_operations(
        InstanceId=iid, SearchCriteria=criteria, MaxResults=1, NextToken=first["NextToken"]
    )
    assert [h["Name"] for h in first["HoursOfOperations"] + second["HoursOfOperations"]] == [
        "London support",
        "Paris support",
    ]
    assert "NextToken" not in second and first["ApproximateTotalCount"] == 2
    with raises("InvalidParameterException", 400, match="timezone"):
        connect.search_hours_of_operations(InstanceId=iid, SearchCriteria=_string("queue", "x"))


# -- overrides ---------------------------------------------------------------------------------
def test_override_round_trip(connect: Any, iid: str, hid: str) -> None:
    config = [{"Day": "WEDNESDAY", "StartTime": at(9), "EndTime": at(12)}]
    oid = new_override(
        connect,
        iid,
        hid,
        "Christmas Eve",
        Description="Half day",
        Config=config,
        EffectiveFrom="2025-12-24",
        EffectiveTill="2025-12-24",
    )
    hours = describe(connect, iid, hid)
    expected = {
        "HoursOfOperationOverrideId": oid,
        "HoursOfOperationId": hid,
        "HoursOfOperationArn": hours["HoursOfOperationArn"],
        "Name": "Christmas Eve",
        "Description": "Half day",
        "Config": config,
        "EffectiveFrom": "2025-12-24",
        "EffectiveTill": "2025-12-24",
        "OverrideType": "STANDARD",
    }
    described = connect.describe_hours_of_operation_override(
        InstanceId=iid, HoursOfOperationId=hid, HoursOfOperationOverrideId=oid
    )["HoursOfOperationOverride"]
    assert described == expected
    listed = connect.list_hours_of_operation_overrides(InstanceId=iid, HoursOfOperationId=hid)
    assert listed["HoursOfOperationOverrideList"] == [expected]
    assert listed["LastModifiedTime"] == hours["LastModifiedTime"] and listed["LastModifiedRegion"] == "us-east-1"
    pattern = {"RecurrencePattern": {"Frequency": "YEARLY", "Interval": 1, "ByMonth": [12], "ByMonthDay": [24]}}
    connect.update_hours_of_operation_override(
        InstanceId=iid,
        HoursOfOperationId=hid,
        HoursOfOperationOverrideId=oid,
        Name="Every Christmas Eve",
        EffectiveTill="2030-12-31",
        OverrideType="CLOSED",
        RecurrenceConfig=pattern,
        Config=[{"StartTime": at(12), "EndTime": at(0)}],
    )
    updated = overrides_of(connect, iid, hid)[0]
    assert {k: updated[k] for k in ("Name", "Description", "EffectiveFrom", "EffectiveTill", "OverrideType")} == {
        "Name": "Every Christmas Eve",
        "Description": "Half day",
        "EffectiveFrom": "2025-12-24",
        "EffectiveTill": "2030-12-31",
        "OverrideType": "CLOSED",
    }
    assert updated["RecurrenceConfig"] == pattern and updated["Config"] == [{"StartTime": at(12), "EndTime": at(0)}]
    # temporary hours do not recur: back to STANDARD, the pattern goes
    connect.update_hours_of_operation_override(
        InstanceId=iid, HoursOfOperationId=hid, HoursOfOperationOverrideId=oid, OverrideType="STANDARD"
    )
    assert "RecurrenceConfig" not in overrides_of(connect, iid, hid)[0]
    connect.delete_hours_of_operation_override(InstanceId=iid, HoursOfOperationId=hid, HoursOfOperationOverrideId=oid)
    assert overrides_of(connect, iid, hid) == []
    with raises("ResourceNotFoundException", 404):
        connect.delete_hours_of_operation_override(
            InstanceId=iid, HoursOfOperationId=hid, HoursOfOperationOverrideId=oid
        )


def test_override_names_are_unique_per_hours(connect: Any, iid: str, hid: str) -> None:
    new_override(connect, iid, hid, "holiday")
    other = new_override(connect, iid, hid, "other", EffectiveFrom="2026-01-01", EffectiveTill="2026-01-01")
    with raises("DuplicateResourceException", 409, match="holiday"):
        new_override(connect, iid, hid, "holiday", EffectiveFrom="2027-01-01", EffectiveTill="2027-01-01")
    with raises("DuplicateResourceException", 409):
        connect.update_hours_of_operation_override(
            InstanceId=iid, HoursOfOperationId=hid, HoursOfOperationOverrideId=other, Name="holiday"
        )
    # another hours of operation may use the name
    new_override(connect, iid, new_hours(connect, iid, "Other"), "holiday")
    assert [o["Name"] for o in overrides_of(connect, iid, hid)] == ["holiday", "other"]


#: (request members, the modeled error, what it says)
BAD_OVERRIDES: list[tuple[dict[str, Any], str, str]] = [
    ({"EffectiveFrom": "2025-12-26", "EffectiveTill": "2025-12-25"}, "InvalidParameterException", "before"),
    ({"EffectiveFrom": "2025-02-30"}, "InvalidParameterException", "not a date"),
    ({"Config": [{"Day": "MONDAY", "StartTime": at(9)}]}, "InvalidParameterException", "go together"),
    (
        {"Config": [{"Day": "MONDAY"}, {"Day": "MONDAY", "StartTime": at(9), "EndTime": at(10)}]},
        "InvalidParameterException",
        "overlap",
    ),
    (
        {"RecurrenceConfig": {"RecurrencePattern": {"Frequency": "WEEKLY", "Interval": 1}}},
        "InvalidParameterException",
        "not STANDARD",
    ),
    (
        {
            "OverrideType": "CLOSED",
            "RecurrenceConfig": {"RecurrencePattern": {"Frequency": "WEEKLY", "Interval": 1, "ByMonth": [1]}},
        },
        "InvalidParameterException",
        "YEARLY",
    ),
    # the dates of temporary hours cannot overlap those of others
    ({"EffectiveFrom": "2025-12-20", "EffectiveTill": "2025-12-31"}, "InvalidRequestException", "overlap"),
]


def test_bad_overrides_are_refused(connect: Any, iid: str, hid: str) -> None:
    existing = new_override(connect, iid, hid, "existing")
    mine = new_override(connect, iid, hid, "mine", EffectiveFrom="2026-06-01", EffectiveTill="2026-06-01")
    before = overrides_of(connect, iid, hid)
    for request, code, match in BAD_OVERRIDES:
        with raises(code, 400, match=match):
            new_override(connect, iid, hid, "new", **request)
        with raises(code, 400, match=match):
            connect.update_hours_of_operation_override(
                InstanceId=iid, HoursOfOperationId=hid, HoursOfOperationOverrideId=mine, Name="changed", **request
            )
    assert overrides_of(connect, iid, hid) == before
    assert [o["HoursOfOperationOverrideId"] for o in before] == [existing, mine]


def test_recurring_events_may_overlap_anything(connect: Any, iid: str, hid: str) -> None:
    new_override(connect, iid, hid, "temporary", EffectiveFrom="2025-12-01", EffectiveTill="2025-12-31")
    for name, kind in (("closed", "CLOSED"), ("open", "OPEN"), ("closed again", "CLOSED")):
        new_override(connect, iid, hid, name, OverrideType=kind, EffectiveFrom="2025-01-01", EffectiveTill="2026-12-31")
    assert len(overrides_of(connect, iid, hid)) == 4


def test_at_most_50_overrides_per_hours(connect: Any, iid: str, hid: str) -> None:
    for day in range(50):
        new_override(connect, iid, hid, f"o{day}", OverrideType="CLOSED")
    with raises("LimitExceededException", 429, match="50"):
        new_override(connect, iid, hid, "one too many", OverrideType="CLOSED")
    page = connect.list_hours_of_operation_overrides(InstanceId=iid, HoursOfOperationId=hid, MaxResults=20)
    assert len(page["HoursOfOperationOverrideList"]) == 20 and page["NextToken"]
    # a parent's overrides do not count towards the child's 50
    child = new_hours(connect, iid, "Child", ParentHoursOfOperationConfigs=[{"HoursOfOperationId": hid}])
    new_override(connect, iid, child, "own")


def test_override_list_pages(connect: Any, iid: str, hid: str) -> None:
    ids = [new_override(connect, iid, hid, f"o{i}", OverrideType="OPEN") for i in range(3)]
    seen: list[str] = []
    token = None
    while True:
        page = connect.list_hours_of_operation_overrides(
            InstanceId=iid, HoursOfOperationId=hid, MaxResults=1, **({"NextToken": token} if token else {})
        )
        seen += [o["Name"] for o in page["HoursOfOperationOverrideList"]]
        if seen == ["o0"]:
            connect.delete_hours_of_operation_override(
                InstanceId=iid, HoursOfOperationId=hid, HoursOfOperationOverrideId=ids[1]
            )
            new_override(connect, iid, hid, "o3", OverrideType="OPEN")
        token = page.get("NextToken")
        if not token:
            break
    assert seen == ["o0", "o2", "o3"]


def test_search_overrides_across_hours(connect: Any, iid: str) -> None:
    office = new_hours(connect, iid, "Office", Tags={"site": "hq"})
    shop = new_hours(connect, iid, "Shop")
    new_override(connect, iid, office, "New Year", EffectiveFrom="2026-01-01", EffectiveTill="2026-01-01")
    new_override(
        connect, iid, shop, "Christmas", Description="closed", EffectiveFrom="2025-12-25", EffectiveTill="2025-12-26"
    )
    new_override(connect, iid, office, "Christmas", OverrideType="CLOSED")

    def search(criteria: dict[str, Any] | None = None, **kw: Any) -> tuple[list[tuple[str, str]], int]:
        found = connect.search_hours_of_operation_overrides(
            InstanceId=iid, **({"SearchCriteria": criteria} if criteria else {}), **kw
        )
        hours_names = {office: "Office", shop: "Shop"}
        pairs = [(hours_names[o["HoursOfOperationId"]], o["Name"]) for o in found["HoursOfOperationOverrides"]]
        return pairs, found["ApproximateTotalCount"]

    def on(field: str, kind: str, value: str) -> dict[str, Any]:
        return {"DateCondition": {"FieldName": field, "Value": value, "ComparisonType": kind}}

    everything = [("Office", "New Year"), ("Office", "Christmas"), ("Shop", "Christmas")]
    assert search() == (everything, 3)
    assert search(_string("name", "Christmas")) == ([("Office", "Christmas"), ("Shop", "Christmas")], 2)
    assert search(_string("description", "CLOSED", "CONTAINS")) == ([("Shop", "Christmas")], 1)
    assert search(on("effectiveFrom", "GREATER_THAN", "2025-12-25")) == ([("Office", "New Year")], 1)
    assert search(on("effectiveTill", "GREATER_THAN_OR_EQUAL_TO", "2025-12-26"))[1] == 2
    assert search(on("EffectiveFrom", "EQUAL_TO", "2025-12-25"))[1] == 2
    assert search(on("effectiveTill", "LESS_THAN", "2025-12-26")) == ([("Office", "Christmas")], 1)
    assert search(on("effectiveFrom", "LESS_THAN_OR_EQUAL_TO", "2025-12-25"))[1] == 2
    assert search({"AndConditions": [_string("name", "Christmas"), on("effectiveTill", "EQUAL_TO", "2025-12-26")]})[
        0
    ] == [("Shop", "Christmas")]
    # the tag filter reads the tags of the overrides' hours of operation
    assert search(SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "site", "TagValue": "hq"}}})[1] == 2
    with raises("InvalidParameterException", 400, match="effectiveFrom and effectiveTill"):
        search(on("createdTime", "EQUAL_TO", "2025-12-25"))
    with raises("InvalidParameterException", 400, match="not a date"):
        search(on("effectiveFrom", "EQUAL_TO", "2025-13-01"))
    # pages stay right while overrides come and go
    pairs: list[tuple[str, str]] = []
    token = None
    while True:
        found = connect.search_hours_of_operation_overrides(
            InstanceId=iid, MaxResults=1, **({"NextToken": token} if token else {})
        )
        pairs += [(o["HoursOfOperationId"], o["Name"]) for o in found["HoursOfOperationOverrides"]]
        if len(pairs) == 1:
            new_override(connect, iid, shop, "Easter", EffectiveFrom="2026-04-05", EffectiveTill="2026-04-05")
        token = found.get("NextToken")
        if not token:
            break
    assert [name for _, name in pairs] == ["New Year", "Christmas", "Christmas", "Easter"]


# -- child hours -------------------------------------------------------------------------------
def test_child_hours(connect: Any, iid: str) -> None:
    holidays = new_hours(connect, iid, "Holidays")
    regional = new_hours(connect, iid, "Regional")
    child = new_hours(connect, iid, "Child", ParentHoursOfOperationConfigs=[{"HoursOfOperationId": holidays}])
    identifiers = {
        hid: {
            "Name": describe(connect, iid, hid)["Name"],
            "Id": hid,
            "Arn": describe(connect, iid, hid)["HoursOfOperationArn"],
        }
        for hid in (holidays, regional, child)
    }
    assert describe(connect, iid, child)["ParentHoursOfOperations"] == [identifiers[holidays]]
    stamp = describe(connect, iid, child)["LastModifiedTime"]
    # linking again is harmless; the regional list joins
    connect.associate_hours_of_operations(
        InstanceId=iid,
        HoursOfOperationId=child,
        ParentHoursOfOperationConfigs=[{"HoursOfOperationId": regional}, {"HoursOfOperationId": holidays}],
    )
    assert describe(connect, iid, child)["ParentHoursOfOperations"] == [identifiers[holidays], identifiers[regional]]
    assert describe(connect, iid, child)["LastModifiedTime"] >= stamp
    second = new_hours(connect, iid, "Second child")
    connect.associate_hours_of_operations(
        InstanceId=iid, HoursOfOperationId=second, ParentHoursOfOperationConfigs=[{"HoursOfOperationId": holidays}]
    )
    listed = connect.list_child_hours_of_operations(InstanceId=iid, HoursOfOperationId=holidays)
    assert listed["ChildHoursOfOperationsSummaryList"] == [
        identifiers[child],
        {"Name": "Second child", "Id": second, "Arn": describe(connect, iid, second)["HoursOfOperationArn"]},
    ]
    assert listed["LastModifiedTime"] == describe(connect, iid, holidays)["LastModifiedTime"]
    page = connect.list_child_hours_of_operations(InstanceId=iid, HoursOfOperationId=holidays, MaxResults=1)
    rest = connect.list_child_hours_of_operations(
        InstanceId=iid, HoursOfOperationId=holidays, MaxResults=1, NextToken=page["NextToken"]
    )
    assert [c["Id"] for c in page["ChildHoursOfOperationsSummaryList"] + rest["ChildHoursOfOperationsSummaryList"]] == [
        child,
        second,
    ]
    # a parent that children link to cannot be deleted
    with raises("InvalidRequestException", 400, match="in use"):
        connect.delete_hours_of_operation(InstanceId=iid, HoursOfOperationId=holidays)
    connect.disassociate_hours_of_operations(
        InstanceId=iid, HoursOfOperationId=child, ParentHoursOfOperationIds=[holidays]
    )
    assert describe(connect, iid, child)["ParentHoursOfOperations"] == [identifiers[regional]]
    connect.disassociate_hours_of_operations(
        InstanceId=iid, HoursOfOperationId=child, ParentHoursOfOperationIds=[identifiers[regional]["Arn"]]
    )
    assert "ParentHoursOfOperations" not in describe(connect, iid, child)
    assert (
        connect.list_child_hours_of_operations(InstanceId=iid, HoursOfOperationId=regional)[
            "ChildHoursOfOperationsSummaryList"
        ]
        == []
    )
    connect.delete_hours_of_operation(InstanceId=iid, HoursOfOperationId=second)
    connect.delete_hours_of_operation(InstanceId=iid, HoursOfOperationId=holidays)


def test_child_hours_rules(connect: Any, iid: str) -> None:
    parents = [new_hours(connect, iid, f"p{i}") for i in range(4)]
    child = new_hours(
        connect, iid, "child", ParentHoursOfOperationConfigs=[{"HoursOfOperationId": p} for p in parents[:3]]
    )
    other = new_hours(connect, iid, "other")

    def link(hid: str, *parent_ids: str) -> None:
        connect.associate_hours_of_operations(
            InstanceId=iid,
            HoursOfOperationId=hid,
            ParentHoursOfOperationConfigs=[{"HoursOfOperationId": p} for p in parent_ids],
        )

    with raises("ServiceQuotaExceededException", 402, match="at most 3"):
        link(child, parents[3])
    with raises("InvalidRequestException", 400, match="its own parent"):
        link(other, other)
    with raises("InvalidRequestException", 400, match="a child cannot be a parent"):
        link(other, child)
    with raises("InvalidRequestException", 400, match="a parent cannot have a parent"):
        link(parents[0], other)
    with raises("InvalidRequestException", 400, match="a child cannot be a parent"):
        new_hours(connect, iid, "grandchild", ParentHoursOfOperationConfigs=[{"HoursOfOperationId": child}])
    with raises("InvalidParameterException", 400, match="twice"):
        new_hours(connect, iid, "twice", ParentHoursOfOperationConfigs=[{"HoursOfOperationId": other}] * 2)
    with raises("ResourceNotFoundException", 404):
        link(other, "00000000-0000-4000-8000-000000000000")
    with raises("ResourceNotFoundException", 404):
        new_hours(connect, iid, "orphan", ParentHoursOfOperationConfigs=[{"HoursOfOperationId": "nope"}])
    with raises("ResourceNotFoundException", 404, match="not a parent"):
        connect.disassociate_hours_of_operations(
            InstanceId=iid, HoursOfOperationId=child, ParentHoursOfOperationIds=[other]
        )
    assert [p["Id"] for p in describe(connect, iid, child)["ParentHoursOfOperations"]] == parents[:3]
    assert "ParentHoursOfOperations" not in describe(connect, iid, other)
    assert not {"grandchild", "twice", "orphan"} & set(names(connect, iid))


# -- effective hours ---------------------------------------------------------------------------
def test_effective_hours(connect: Any, iid: str) -> None:
    holidays = new_hours(connect, iid, "Holidays", Config=[])
    new_override(
        connect,
        iid,
        holidays,
        "Christmas",
        OverrideType="CLOSED",
        EffectiveFrom="2025-01-01",
        EffectiveTill="2030-12-31",
        RecurrenceConfig={
            "RecurrencePattern": {"Frequency": "YEARLY", "Interval": 1, "ByMonth": [12], "ByMonthDay": [25]}
        },
    )
    hid = new_hours(
        connect,
        iid,
        "Office",
        TimeZone="Europe/Paris",
        ParentHoursOfOperationConfigs=[{"HoursOfOperationId": holidays}],
    )
    new_override(
        connect,
        iid,
        hid,
        "Christmas Eve",
        Config=[{"Day": "WEDNESDAY", "StartTime": at(9), "EndTime": at(12)}],
        EffectiveFrom="2025-12-24",
        EffectiveTill="2025-12-24",
    )
    new_override(
        connect,
        iid,
        hid,
        "Late Friday",
        OverrideType="OPEN",
        Config=[{"Day": "FRIDAY", "StartTime": at(17), "EndTime": at(20)}],
        EffectiveFrom="2025-12-01",
        EffectiveTill="2025-12-31",
        RecurrenceConfig={"RecurrencePattern": {"Frequency": "MONTHLY", "Interval": 1, "ByWeekdayOccurrence": [-1]}},
    )
    answer = connect.get_effective_hours_of_operations(
        InstanceId=iid, HoursOfOperationId=hid, FromDate="2025-12-23", ToDate="2025-12-27"
    )
    assert answer["TimeZone"] == "Europe/Paris"
    assert answer["EffectiveHoursOfOperationList"] == [
        {"Date": "2025-12-23", "OperationalHours": [{"Start": at(9), "End": at(17)}]},
        {"Date": "2025-12-24", "OperationalHours": [{"Start": at(9), "End": at(12)}]},
        {"Date": "2025-12-25", "OperationalHours": []},
        {"Date": "2025-12-26", "OperationalHours": [{"Start": at(9), "End": at(20)}]},
        {"Date": "2025-12-27", "OperationalHours": []},
    ]
    assert answer["EffectiveOverrideHoursList"] == [
        {
            "Date": "2025-12-24",
            "OverrideHours": [
                {"Start": at(9), "End": at(12), "OverrideName": "Christmas Eve", "OperationalStatus": "OPEN"}
            ],
        },
        {
            "Date": "2025-12-25",
            "OverrideHours": [
                {"Start": at(0), "End": at(0), "OverrideName": "Christmas", "OperationalStatus": "CLOSED"}
            ],
        },
        {
            "Date": "2025-12-26",
            "OverrideHours": [
                {"Start": at(17), "End": at(20), "OverrideName": "Late Friday", "OperationalStatus": "OPEN"}
            ],
        },
    ]


def test_effective_hours_need_a_sensible_range(connect: Any, iid: str, hid: str) -> None:
    for first, last, match in [
        ("2025-12-24", "2025-12-23", "before"),
        ("2025-02-29", "2025-03-01", "not a date"),
        ("2025-01-01", "2026-01-02", "at most 366"),
    ]:
        with raises("InvalidParameterException", 400, match=match):
            connect.get_effective_hours_of_operations(
                InstanceId=iid, HoursOfOperationId=hid, FromDate=first, ToDate=last
            )
    year = connect.get_effective_hours_of_operations(
        InstanceId=iid, HoursOfOperationId=hid, FromDate="2024-01-01", ToDate="2024-12-31"
    )
    assert len(year["EffectiveHoursOfOperationList"]) == 366


def test_hours_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect")
    iid = new_instance(connect, "served")["Id"]
    hid = new_hours(connect, iid, "Served", Config=nine_to_five("MONDAY"))
    new_override(
        connect, iid, hid, "closed", OverrideType="CLOSED", EffectiveFrom="2025-06-02", EffectiveTill="2025-06-02"
    )
    answer = connect.get_effective_hours_of_operations(
        InstanceId=iid, HoursOfOperationId=hid, FromDate="2025-06-02", ToDate="2025-06-09"
    )
    assert [len(d["OperationalHours"]) for d in answer["EffectiveHoursOfOperationList"]] == [0, 0, 0, 0, 0, 0, 0, 1]
    with raises("InvalidParameterException", 400, match="time zone"):
        connect.update_hours_of_operation(InstanceId=iid, HoursOfOperationId=hid, TimeZone="Nowhere")
