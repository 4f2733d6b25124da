"""Data tables through boto3: tables, attributes, typed values, locking, evaluation, server mode."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connect import data_tables
from tests.helpers import new_instance, raises
from tests.servers import server_client


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return str(instance["Id"])


def _table(connect: Any, iid: str, name: str = "Routing", lock: str = "NONE", **kw: Any) -> dict[str, Any]:
    return dict(
        connect.create_data_table(
            InstanceId=iid, Name=name, TimeZone="Europe/Paris", ValueLockLevel=lock, Status="PUBLISHED", **kw
        )
    )


def _attr(connect: Any, iid: str, tid: str, name: str, value_type: str = "TEXT", **kw: Any) -> dict[str, Any]:
    return dict(
        connect.create_data_table_attribute(InstanceId=iid, DataTableId=tid, Name=name, ValueType=value_type, **kw)
    )


def _pv(**values: str) -> list[dict[str, str]]:
    return [{"AttributeName": k, "Value": v} for k, v in values.items()]


def test_tables_round_trip(connect: Any, iid: str) -> None:
    created = _table(connect, iid, " Routing ", Description="Queues by state", Tags={"team": "ivr"})
    tid, arn = created["Id"], created["Arn"]
    assert arn == f"arn:aws:connect:us-east-1:123456789012:instance/{iid}/data-table/{tid}"
    assert created["LockVersion"] == {"DataTable": "1"}
    described = dict(connect.describe_data_table(InstanceId=iid, DataTableId=f"{arn}:$LATEST")["DataTable"])
    stamp = described.pop("LastModifiedTime")
    assert described.pop("CreatedTime") <= stamp
    assert described == {
        "Name": "Routing",
        "Id": tid,
        "Arn": arn,
        "TimeZone": "Europe/Paris",
        "Description": "Queues by state",
        "ValueLockLevel": "NONE",
        "LockVersion": {"DataTable": "1"},
        "Status": "PUBLISHED",
        "LastModifiedRegion": "us-east-1",
        "Tags": {"team": "ivr"},
    }
    other = _table(connect, iid, "Holidays")["Id"]
    # names are unique ignoring case; reserved prefixes; IANA time zones
    with raises("DuplicateResourceException", 409):
        _table(connect, iid, "ROUTING")
    with raises("InvalidParameterException", 400, match="connect:"):
        _table(connect, iid, "Connect:mine")
    with raises("InvalidParameterException", 400, match="IANA"):
        connect.create_data_table(
            InstanceId=iid, Name="Bad", TimeZone="Mars/Olympus", ValueLockLevel="NONE", Status="PUBLISHED"
        )
    # metadata is replaced whole and moves the lock version
    answer = connect.update_data_table_metadata(
        InstanceId=iid, DataTableId=tid, Name="Routing v2", ValueLockLevel="VALUE", TimeZone="UTC"
    )
    assert answer["LockVersion"] == {"DataTable": "2"}
    table = connect.describe_data_table(InstanceId=iid, DataTableId=tid)["DataTable"]
    assert (table["Name"], table["TimeZone"], table["ValueLockLevel"]) == ("Routing v2", "UTC", "VALUE")
    assert "Description" not in table and table["LastModifiedTime"] > stamp
    with raises("DuplicateResourceException", 409):
        connect.update_data_table_metadata(
            InstanceId=iid, DataTableId=tid, Name="holidays", ValueLockLevel="NONE", TimeZone="UTC"
        )
    with raises("InvalidParameterException", 400, match="$LATEST"):
        connect.update_data_table_metadata(
            InstanceId=iid, DataTableId=f"{tid}:$SAVED", Name="x", ValueLockLevel="NONE", TimeZone="UTC"
        )
    with raises("ResourceNotFoundException", 404, match="no version v3"):
        connect.describe_data_table(InstanceId=iid, DataTableId=f"{tid}:v3")
    # list and search, paged in creation order
    first = connect.list_data_tables(InstanceId=iid, MaxResults=1)
    rest = connect.list_data_tables(InstanceId=iid, NextToken=first["NextToken"])
    assert [t["Id"] for t in first["DataTableSummaryList"] + rest["DataTableSummaryList"]] == [tid, other]
    assert set(first["DataTableSummaryList"][0]) == {"Name", "Id", "Arn", "LastModifiedTime", "LastModifiedRegion"}
    found = connect.search_data_tables(
        InstanceId=iid,
        SearchCriteria={"StringCondition": {"FieldName": "name", "Value": "routing", "ComparisonType": "CONTAINS"}},
        SearchFilter={"AttributeFilter": {"TagCondition": {"TagKey": "team", "TagValue": "ivr"}}},
    )
    assert [t["Id"] for t in found["DataTables"]] == [tid] and found["ApproximateTotalCount"] == 1
    assert "LockVersion" not in found["DataTables"][0]
    connect.delete_data_table(InstanceId=iid, DataTableId=arn)
    with raises("ResourceNotFoundException", 404):
        connect.describe_data_table(InstanceId=iid, DataTableId=tid)
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=arn)


def test_table_quota(connect: Any, iid: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_tables, "TABLES_PER_INSTANCE", 1)
    monkeypatch.setattr(data_tables, "ATTRIBUTES_PER_TABLE", 1)
    tid = _table(connect, iid)["Id"]
    with raises("ServiceQuotaExceededException", 402):
        _table(connect, iid, "Second")
    _attr(connect, iid, tid, "State")
    with raises("ServiceQuotaExceededException", 402):
        _attr(connect, iid, tid, "Queue")


def test_attributes(connect: Any, iid: str) -> None:
    tid = _table(connect, iid)["Id"]
    made = _attr(
        connect, iid, tid, " State ", Primary=True, Validation={"MinLength": 2, "MaxLength": 2, "IgnoreCase": True}
    )
    assert made["Name"] == "State" and made["LockVersion"] == {"DataTable": "2", "Attribute": "1"}
    _attr(connect, iid, tid, "Weight", "NUMBER", Validation={"Minimum": 0, "ExclusiveMaximum": 10, "MultipleOf": 0.5})
    described = connect.describe_data_table_attribute(InstanceId=iid, DataTableId=tid, AttributeName="state")[
        "Attribute"
    ]
    assert described["AttributeId"] == made["AttributeId"] and described["Primary"] is True
    assert described["DataTableId"] == tid and described["DataTableArn"].endswith(f"/data-table/{tid}")
    assert described["Validation"] == {"MinLength": 2, "MaxLength": 2, "IgnoreCase": True}
    with raises("DuplicateResourceException", 409):
        _attr(connect, iid, tid, "STATE")
    bad_rules = [
        ("NUMBER", {"MinLength": 1}, "applies to text"),
        ("TEXT", {"MinLength": 5, "MaxLength": 2}, "less than or equal"),
        ("NUMBER", {"Minimum": 1, "ExclusiveMinimum": 0}, "Minimum cannot"),
        ("NUMBER", {"ExclusiveMinimum": 5, "Maximum": 5}, "less than Maximum"),
        ("TEXT", {"MinValues": 1}, "applies to list"),
        ("NUMBER_LIST", {"Enum": {"Strict": True, "Values": ["1", "two"]}}, "not a number"),
        ("TEXT", {"Enum": {"Values": list("abcdef")}}, "at most 5"),
    ]
    for value_type, rules, message in bad_rules:
        with raises("InvalidParameterException", 400, match=message):
            _attr(connect, iid, tid, "Bad", value_type, Validation=rules)
    # list filtered by IDs, then paged
    listed = connect.list_data_table_attributes(InstanceId=iid, DataTableId=tid)["Attributes"]
    assert [a["Name"] for a in listed] == ["State", "Weight"]
    only = connect.list_data_table_attributes(InstanceId=iid, DataTableId=tid, AttributeIds=[made["AttributeId"]])
    assert [a["Name"] for a in only["Attributes"]] == ["State"]
    # updates replace every property; names stay unique
    answer = connect.update_data_table_attribute(
        InstanceId=iid, DataTableId=tid, AttributeName="Weight", Name="Score", ValueType="NUMBER"
    )
    assert answer == {
        "Name": "Score",
        "LockVersion": {"DataTable": "4", "Attribute": "2"},
        **{"ResponseMetadata": answer["ResponseMetadata"]},
    }
    score = connect.describe_data_table_attribute(InstanceId=iid, DataTableId=tid, AttributeName="Score")["Attribute"]
    assert "Validation" not in score and score["Primary"] is False
    with raises("ConflictException", 409):
        connect.update_data_table_attribute(
            InstanceId=iid, DataTableId=tid, AttributeName="Score", Name="state", ValueType="NUMBER"
        )
    with raises("ResourceNotFoundException", 404):
        connect.describe_data_table_attribute(InstanceId=iid, DataTableId=tid, AttributeName="Weight")
    assert connect.delete_data_table_attribute(InstanceId=iid, DataTableId=tid, AttributeName="score")[
        "LockVersion"
    ] == {"DataTable": "5"}
    with raises("ResourceNotFoundException", 404):
        connect.delete_data_table_attribute(InstanceId=iid, DataTableId=tid, AttributeName="score")


def test_values_are_typed_and_keyed_by_primary_values(connect: Any, iid: str) -> None:
    tid = _table(connect, iid)["Id"]
    _attr(connect, iid, tid, "State", Primary=True, Validation={"IgnoreCase": True})
    _attr(connect, iid, tid, "Tier", "NUMBER", Primary=True)
    _attr(connect, iid, tid, "Queue", Validation={"Enum": {"Strict": True, "Values": ["Sales", "Support"]}})
    _attr(connect, iid, tid, "Open", "BOOLEAN")
    _attr(connect, iid, tid, "Scores", "NUMBER_LIST", Validation={"MaxValues": 2, "Maximum": 10})
    _attr(connect, iid, tid, "Tags", "TEXT_LIST")
    ny = _pv(State="NY", Tier="1")
    created = connect.batch_create_data_table_value(
        InstanceId=iid,
        DataTableId=tid,
        Values=[
            {"PrimaryValues": ny, "AttributeName": "Queue", "Value": "Sales"},
            {"PrimaryValues": ny, "AttributeName": "open", "Value": "TRUE"},
            {"PrimaryValues": ny, "AttributeName": "Scores", "Value": "[1, 2.50]"},
            {"PrimaryValues": _pv(State="ny", Tier="1.0"), "AttributeName": "Tags", "Value": '["a","b"]'},
            {"AttributeName": "Queue", "Value": "Support"},  # the default record
            # each item fails on its own
            {"PrimaryValues": _pv(State="CA", Tier="2"), "AttributeName": "Queue", "Value": "Billing"},
            {"PrimaryValues": _pv(State="CA", Tier="x"), "AttributeName": "Open", "Value": "true"},
            {"PrimaryValues": _pv(State="CA"), "AttributeName": "Open", "Value": "true"},
            {"PrimaryValues": _pv(State="CA", Tier="2"), "AttributeName": "Open", "Value": "yes"},
            {"PrimaryValues": _pv(State="CA", Tier="2"), "AttributeName": "Scores", "Value": "[1, 2, 3]"},
            {"PrimaryValues": _pv(State="CA", Tier="3"), "AttributeName": "Scores", "Value": "[11]"},
            {"PrimaryValues": _pv(State="CA", Tier="2"), "AttributeName": "Tags", "Value": "a,b"},
            {"PrimaryValues": _pv(State="CA", Tier="2"), "AttributeName": "Missing", "Value": "1"},
            {"PrimaryValues": _pv(State="CA", Tier="2"), "AttributeName": "State", "Value": "CA"},
            {"PrimaryValues": ny, "AttributeName": "Queue", "Value": "Support"},
        ],
    )
    assert len(created["Successful"]) == 5
    records = {s["RecordId"] for s in created["Successful"][:4]}
    assert len(records) == 1  # "ny"/"1.0" is the same record: case ignored, numbers by value
    messages = [f["Message"] for f in created["Failed"]]
    expected = [
        "not one of the enum values",
        "not a number",
        "missing: Tier",
        "not a BOOLEAN",
        "3 items",
        "at most 10",
        "not a JSON array",
        "no attribute named Missing",
        "is primary",
        "named by an earlier item",
    ]
    assert len(messages) == len(expected)
    for message, part in zip(messages, expected, strict=True):
        assert part in message, (part, message)
    assert created["Failed"][2]["PrimaryValues"] == _pv(State="CA")
    # described raw; listed with metadata; filtered by primary values
    described = connect.batch_describe_data_table_value(
        InstanceId=iid,
        DataTableId=tid,
        Values=[
            {"PrimaryValues": ny, "AttributeName": "Scores"},
            {"PrimaryValues": ny, "AttributeName": "Tier"},
            {"PrimaryValues": _pv(State="TX", Tier="1"), "AttributeName": "Queue"},
        ],
    )
    assert [s["Value"] for s in described["Successful"]] == ["[1, 2.50]", "1"]
    assert described["Successful"][0]["PrimaryValues"][0]["AttributeName"] == "State"
    assert described["Failed"][0]["Message"] == "No record of the data table has these primary values"
    values = connect.list_data_table_values(InstanceId=iid, DataTableId=tid)["Values"]
    assert [(v["AttributeName"], v["ValueType"]) for v in values] == [
        ("Queue", "TEXT"),
        ("Open", "BOOLEAN"),
        ("Scores", "NUMBER_LIST"),
        ("Tags", "TEXT_LIST"),
        ("Queue", "TEXT"),
    ]
    assert values[-1]["PrimaryValues"] == []
    filtered = connect.list_data_table_values(
        InstanceId=iid,
        DataTableId=tid,
        PrimaryAttributeValues=[{"AttributeName": "Tier", "Values": ["1.00"]}],
        MaxResults=3,
    )
    assert len(filtered["Values"]) == 3 and filtered["NextToken"]
    more = connect.list_data_table_values(
        InstanceId=iid,
        DataTableId=tid,
        PrimaryAttributeValues=[{"AttributeName": "Tier", "Values": ["1.00"]}],
        NextToken=filtered["NextToken"],
    )
    assert [v["AttributeName"] for v in more["Values"]] == ["Tags"] and "NextToken" not in more
    primary = connect.list_data_table_primary_values(InstanceId=iid, DataTableId=tid)["PrimaryValuesList"]
    assert [p["RecordId"] for p in primary] == list(records)
    assert [(p["AttributeName"], p["Value"]) for p in primary[0]["PrimaryValues"]] == [("State", "NY"), ("Tier", "1")]
    # evaluation: typed, the default record's value as a fallback, the empty value when none
    evaluated = connect.evaluate_data_table_values(
        InstanceId=iid,
        DataTableId=tid,
        Values=[
            {"PrimaryValues": _pv(State="Ny", Tier="1"), "AttributeNames": ["Open", "Scores", "Tags", "Tier", "Queue"]},
            {"PrimaryValues": _pv(State="TX", Tier="9"), "AttributeNames": ["Queue", "Open"]},
        ],
        TimeZone="America/New_York",
    )["Values"]
    assert [(v["EvaluatedValue"], v["Found"], v["Error"]) for v in evaluated] == [
        ("true", True, False),
        ("[1,2.5]", True, False),
        ('["a","b"]', True, False),
        ("1", True, False),
        ("Sales", True, False),
        ("Support", True, False),
        ("false", False, False),
    ]
    assert evaluated[0]["RecordId"] in records and evaluated[-1]["RecordId"] not in records
    page = connect.evaluate_data_table_values(
        InstanceId=iid, DataTableId=tid, Values=[{"AttributeNames": ["Queue", "Open"]}], MaxResults=1
    )
    assert [v["AttributeName"] for v in page["Values"]] == ["Queue"] and page["NextToken"]
    with raises("ResourceNotFoundException", 404, match="Nope"):
        connect.evaluate_data_table_values(InstanceId=iid, DataTableId=tid, Values=[{"AttributeNames": ["Nope"]}])
    with raises("InvalidParameterException", 400, match="missing"):
        connect.evaluate_data_table_values(
            InstanceId=iid, DataTableId=tid, Values=[{"PrimaryValues": _pv(State="NY"), "AttributeNames": ["Open"]}]
        )
    # a changed value type keeps the value, which then evaluates as an error
    connect.update_data_table_attribute(
        InstanceId=iid, DataTableId=tid, AttributeName="Open", Name="Open", ValueType="NUMBER"
    )
    again = connect.evaluate_data_table_values(
        InstanceId=iid, DataTableId=tid, Values=[{"PrimaryValues": ny, "AttributeNames": ["Open"]}]
    )["Values"][0]
    assert (again["EvaluatedValue"], again["Found"], again["Error"]) == ("0", True, True)


def test_locking_and_primary_value_moves(connect: Any, iid: str) -> None:
    tid = _table(connect, iid, lock="VALUE")["Id"]
    _attr(connect, iid, tid, "Code", Primary=True)
    _attr(connect, iid, tid, "Queue")
    a = _pv(Code="A")
    made = connect.batch_create_data_table_value(
        InstanceId=iid, DataTableId=tid, Values=[{"PrimaryValues": a, "AttributeName": "Queue", "Value": "q1"}]
    )["Successful"][0]
    lock = made["LockVersion"]
    assert lock["Value"] == "1"
    updates = connect.batch_update_data_table_value(
        InstanceId=iid,
        DataTableId=tid,
        Values=[{"PrimaryValues": a, "AttributeName": "Queue", "Value": "q2", "LockVersion": lock}],
    )
    assert updates["Successful"][0]["LockVersion"]["Value"] == "2" and updates["Failed"] == []
    stale = connect.batch_update_data_table_value(
        InstanceId=iid,
        DataTableId=tid,
        Values=[
            {"PrimaryValues": a, "AttributeName": "Queue", "Value": "q3", "LockVersion": lock},
            {"PrimaryValues": _pv(Code="B"), "AttributeName": "Queue", "Value": "q3", "LockVersion": lock},
        ],
    )
    assert stale["Successful"] == []
    assert "not the current version" in stale["Failed"][0]["Message"]
    assert "No value of attribute Queue" in stale["Failed"][1]["Message"]
    missing = connect.batch_delete_data_table_value(
        InstanceId=iid, DataTableId=tid, Values=[{"PrimaryValues": a, "AttributeName": "Queue", "LockVersion": {}}]
    )
    assert "LockVersion.Value is required" in missing["Failed"][0]["Message"]
    current = connect.batch_describe_data_table_value(
        InstanceId=iid, DataTableId=tid, Values=[{"PrimaryValues": a, "AttributeName": "Queue"}]
    )["Successful"][0]
    assert current["Value"] == "q2"
    # moving a record: unique, under the record's lock version
    connect.batch_create_data_table_value(
        InstanceId=iid,
        DataTableId=tid,
        Values=[{"PrimaryValues": _pv(Code="B"), "AttributeName": "Queue", "Value": "q9"}],
    )
    record_lock = {"PrimaryValues": current["LockVersion"]["PrimaryValues"]}
    with raises("ConflictException", 409, match="already has"):
        connect.update_data_table_primary_values(
            InstanceId=iid, DataTableId=tid, PrimaryValues=a, NewPrimaryValues=_pv(Code="B"), LockVersion=record_lock
        )
    with raises("ConflictException", 409, match="not the current version"):
        connect.update_data_table_primary_values(
            InstanceId=iid,
            DataTableId=tid,
            PrimaryValues=a,
            NewPrimaryValues=_pv(Code="C"),
            LockVersion={"PrimaryValues": "1"},
        )
    with raises("ResourceNotFoundException", 404):
        connect.update_data_table_primary_values(
            InstanceId=iid,
            DataTableId=tid,
            PrimaryValues=_pv(Code="Z"),
            NewPrimaryValues=_pv(Code="C"),
            LockVersion=record_lock,
        )
    moved = connect.update_data_table_primary_values(
        InstanceId=iid,
        DataTableId=f"{tid}:$SAVED",
        PrimaryValues=a,
        NewPrimaryValues=_pv(Code="C"),
        LockVersion=record_lock,
    )
    assert int(moved["LockVersion"]["PrimaryValues"]) == int(record_lock["PrimaryValues"]) + 1
    found = connect.evaluate_data_table_values(
        InstanceId=iid, DataTableId=tid, Values=[{"PrimaryValues": _pv(Code="C"), "AttributeNames": ["Queue"]}]
    )["Values"][0]
    assert (found["EvaluatedValue"], found["Found"]) == ("q2", True)
    # deleting the last value removes the record
    connect.batch_delete_data_table_value(
        InstanceId=iid,
        DataTableId=tid,
        Values=[{"PrimaryValues": _pv(Code="C"), "AttributeName": "Queue", "LockVersion": {"Value": "2"}}],
    )
    listed = connect.list_data_table_primary_values(InstanceId=iid, DataTableId=tid)["PrimaryValuesList"]
    assert [p["PrimaryValues"][0]["Value"] for p in listed] == ["B"]
    # turning Queue primary gives ("B", "q9") keys; turning Code off would then keep them unique
    connect.update_data_table_attribute(
        InstanceId=iid, DataTableId=tid, AttributeName="Queue", Name="Queue", ValueType="TEXT", Primary=True
    )
    connect.update_data_table_attribute(
        InstanceId=iid, DataTableId=tid, AttributeName="Code", Name="Code", ValueType="TEXT"
    )
    keyed = connect.list_data_table_primary_values(InstanceId=iid, DataTableId=tid)["PrimaryValuesList"][0]
    assert [(p["AttributeName"], p["Value"]) for p in keyed["PrimaryValues"]] == [("Queue", "q9")]
    with raises("InvalidRequestException", 400, match="last primary attribute"):
        connect.delete_data_table_attribute(InstanceId=iid, DataTableId=tid, AttributeName="Queue")


def test_table_level_lock_and_conflicting_primary(connect: Any, iid: str) -> None:
    tid = _table(connect, iid, lock="DATA_TABLE")["Id"]
    _attr(connect, iid, tid, "Code", Primary=True)
    _attr(connect, iid, tid, "Group")
    version = connect.describe_data_table(InstanceId=iid, DataTableId=tid)["DataTable"]["LockVersion"]
    created = connect.batch_create_data_table_value(
        InstanceId=iid,
        DataTableId=tid,
        Values=[
            {"PrimaryValues": _pv(Code="A"), "AttributeName": "Group", "Value": "g", "LockVersion": version},
            {"PrimaryValues": _pv(Code="B"), "AttributeName": "Group", "Value": "g", "LockVersion": version},
        ],
    )
    # the first write moved the table's version: the second item is stale
    assert len(created["Successful"]) == 1 and "not the current version" in created["Failed"][0]["Message"]
    connect.batch_create_data_table_value(
        InstanceId=iid,
        DataTableId=tid,
        Values=[{"PrimaryValues": _pv(Code="B"), "AttributeName": "Group", "Value": "g"}],
    )
    # dropping Code would leave two records with no primary values to tell apart; Group as the
    # only key would also collide
    connect.create_data_table_attribute(InstanceId=iid, DataTableId=tid, Name="Extra", ValueType="NUMBER", Primary=True)
    with raises("ConflictException", 409, match="same primary values"):
        connect.update_data_table_attribute(
            InstanceId=iid, DataTableId=tid, AttributeName="Code", Name="Code", ValueType="TEXT"
        )
    with raises("ConflictException", 409):
        connect.delete_data_table_attribute(InstanceId=iid, DataTableId=tid, AttributeName="Code")
    # the new primary attribute gave both records its empty value
    keys = connect.list_data_table_primary_values(InstanceId=iid, DataTableId=tid)["PrimaryValuesList"]
    assert [[p["Value"] for p in k["PrimaryValues"]] for k in keys] == [["A", "0"], ["B", "0"]]
    with raises("ResourceNotFoundException", 404):
        connect.batch_create_data_table_value(
            InstanceId=iid, DataTableId="missing", Values=[{"AttributeName": "Group", "Value": "g"}]
        )


# -- server mode -------------------------------------------------------------------------
def test_family_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    iid = new_instance(connect, "served")["Id"]
    table = connect.create_data_table(
        InstanceId=iid, Name="Served", TimeZone="Europe/London", ValueLockLevel="NONE", Status="PUBLISHED"
    )
    tid = table["Id"]
    connect.create_data_table_attribute(
        InstanceId=iid, DataTableId=table["Arn"], Name="Key", ValueType="TEXT", Primary=True
    )
    connect.create_data_table_attribute(InstanceId=iid, DataTableId=tid, Name="Limit", ValueType="NUMBER")
    answer = connect.batch_create_data_table_value(
        InstanceId=iid,
        DataTableId=tid,
        Values=[
            {"PrimaryValues": _pv(Key="k"), "AttributeName": "Limit", "Value": "4"},
            {"PrimaryValues": _pv(Key="k2"), "AttributeName": "Limit", "Value": "four"},
        ],
    )
    assert len(answer["Successful"]) == 1 and "not a number" in answer["Failed"][0]["Message"]
    evaluated = connect.evaluate_data_table_values(
        InstanceId=iid, DataTableId=tid, Values=[{"PrimaryValues": _pv(Key="k"), "AttributeNames": ["Limit"]}]
    )["Values"][0]
    assert (evaluated["EvaluatedValue"], evaluated["ValueType"], evaluated["Found"]) == ("4", "NUMBER", True)
    summary = connect.list_data_tables(InstanceId=iid)["DataTableSummaryList"][0]
    assert summary["LastModifiedRegion"] == "eu-west-2"
    with raises("ResourceNotFoundException", 404):
        connect.describe_data_table_attribute(InstanceId=iid, DataTableId=tid, AttributeName="Nope")
