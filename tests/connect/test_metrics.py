"""Metrics through boto3: real-time and historical values counted from the contacts and agents in the store."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from moto_connect_ext.connect import contacts, metrics
from moto_connect_ext.connect.models import connect_backends
from moto_connect_ext.core.caller import Caller
from tests.helpers import new_instance, new_user, raises
from tests.servers import server_client

CALLER = Caller("123456789012", "us-east-1", "aws")


def _world(connect: Any, region: str = "us-east-1") -> dict[str, Any]:
    iid = new_instance(connect)["Id"]
    backend = connect_backends[CALLER.account_id][region]
    queue = connect.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"][0]
    profile = connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]
    statuses = {s["Name"]: s for s in connect.list_agent_statuses(InstanceId=iid)["AgentStatusSummaryList"]}
    user = new_user(connect, iid, RoutingProfileId=profile["Id"])
    return {
        "iid": iid,
        "backend": backend,
        "instance": backend.instance(iid),
        "queue": queue,
        "profile": profile,
        "statuses": statuses,
        "user": user["UserId"],
        "user_arn": user["UserArn"],
    }


def _current(connect: Any, w: dict[str, Any], names: list[str], **request: Any) -> list[dict[str, Any]]:
    request.setdefault("Filters", {"Queues": [w["queue"]["Id"]]})
    answer = connect.get_current_metric_data(
        InstanceId=w["iid"], CurrentMetrics=[{"Name": n, "Unit": metrics.CURRENT_UNITS[n]} for n in names], **request
    )
    return answer["MetricResults"]  # type: ignore[no-any-return]


def _values(result: dict[str, Any]) -> dict[str, Any]:
    return {c["Metric"].get("Name", c["Metric"].get("MetricId")): c.get("Value") for c in result["Collections"]}


def _back(contact: Any, moments: dict[str, int], base: dt.datetime) -> None:
    """Give a contact's life the moments (seconds after ``base``) each state was reached."""
    contacts.life(contact).reached.update({state: base + dt.timedelta(seconds=s) for state, s in moments.items()})


def test_real_time_metrics_and_user_data_follow_contacts_and_statuses(connect: Any) -> None:
    w = _world(connect)
    backend, instance, queue = w["backend"], w["instance"], w["queue"]["Id"]
    started = [
        contacts.start(backend.resources, instance, CALLER, channel, "API", {"QueueId": queue})
        for channel in ("VOICE", "CHAT", "CHAT")
    ]
    contacts.start(backend.resources, instance, CALLER, "TASK", "API")  # not queued: counted nowhere
    names = ["CONTACTS_IN_QUEUE", "AGENTS_ONLINE", "AGENTS_AVAILABLE", "OLDEST_CONTACT_AGE", "ESTIMATED_WAIT_TIME"]
    [row] = _current(connect, w, names[:4], Groupings=["QUEUE"])
    assert row["Dimensions"]["Queue"] == {"Id": queue, "Arn": w["queue"]["Arn"]}
    values = _values(row)
    assert values["CONTACTS_IN_QUEUE"] == 3 and values["AGENTS_ONLINE"] == 0 and values["OLDEST_CONTACT_AGE"] >= 0
    # an agent logged in (a status set) is online; the queue is its routing profile's
    connect.put_user_status(InstanceId=w["iid"], UserId=w["user"], AgentStatusId=w["statuses"]["Available"]["Id"])
    metrics_of = ["AGENTS_ONLINE", "AGENTS_AVAILABLE", "AGENTS_ON_CONTACT", "AGENTS_STAFFED", "SLOTS_AVAILABLE"]
    [row] = _current(connect, w, ["CONTACTS_IN_QUEUE", *metrics_of])
    assert "Dimensions" not in row
    assert _values(row) == {
        "CONTACTS_IN_QUEUE": 3,
        "AGENTS_ONLINE": 1,
        "AGENTS_AVAILABLE": 1,
        "AGENTS_ON_CONTACT": 0,
        "AGENTS_STAFFED": 1,
        "SLOTS_AVAILABLE": 4,  # Basic Routing Profile: VOICE 1, CHAT 2, TASK 1
    }
    # a contact routed to the agent leaves the queue and takes the agent's slot
    contacts.route_to_agent(backend.resources, started[0], w["user"], CALLER)
    rows = _current(
        connect,
        w,
        ["CONTACTS_IN_QUEUE", "AGENTS_ON_CONTACT", "AGENTS_AVAILABLE", "SLOTS_ACTIVE", "SLOTS_AVAILABLE"],
        Filters={"Queues": [w["queue"]["Arn"]], "Channels": ["VOICE", "CHAT"]},
        Groupings=["CHANNEL"],
        SortCriteria=[{"SortByMetric": "CONTACTS_IN_QUEUE", "SortOrder": "DESCENDING"}],
    )
    by_channel = {r["Dimensions"]["Channel"]: _values(r) for r in rows}
    assert list(by_channel) == ["CHAT", "VOICE"]
    assert by_channel["VOICE"] == {
        "CONTACTS_IN_QUEUE": 0,
        "AGENTS_ON_CONTACT": 1,
        "AGENTS_AVAILABLE": 0,
        "SLOTS_ACTIVE": 1,
        "SLOTS_AVAILABLE": 0,
    }
    assert by_channel["CHAT"]["CONTACTS_IN_QUEUE"] == 2 and by_channel["CHAT"]["SLOTS_AVAILABLE"] == 0
    # OLDEST_CONTACT_AGE: seconds with groupings, milliseconds without (AWS's documented quirk)
    _back(started[1], {contacts.QUEUED: -30}, dt.datetime.now(dt.timezone.utc))
    [grouped] = _current(connect, w, ["OLDEST_CONTACT_AGE"], Groupings=["QUEUE"])
    [plain] = _current(connect, w, ["OLDEST_CONTACT_AGE"])
    assert 30 <= _values(grouped)["OLDEST_CONTACT_AGE"] < 40 and 30_000 <= _values(plain)["OLDEST_CONTACT_AGE"] < 40_000
    # by routing profile (a routing profile filter is required for the contact metrics)
    [row] = _current(
        connect,
        w,
        ["AGENTS_ONLINE", "CONTACTS_IN_QUEUE"],
        Filters={"RoutingProfiles": [w["profile"]["Id"]]},
        Groupings=["ROUTING_PROFILE"],
    )
    assert row["Dimensions"]["RoutingProfile"]["Id"] == w["profile"]["Id"]
    assert _values(row) == {"AGENTS_ONLINE": 1, "CONTACTS_IN_QUEUE": 2}
    # AGENT_STATUS grouping, behind QUEUE
    [row] = _current(connect, w, ["AGENTS_ONLINE"], Groupings=["QUEUE", "AGENT_STATUS"])
    assert row["Dimensions"]["AgentStatus"]["Id"] == w["statuses"]["Available"]["Id"]
    # a metric by its out-of-the-box ARN
    answer = connect.get_current_metric_data(
        InstanceId=w["iid"],
        Filters={"Queues": [queue]},
        CurrentMetrics=[{"MetricId": "arn:aws:connect:us-east-1:aws:metric/CONTACTS_IN_QUEUE"}],
    )
    assert answer["MetricResults"][0]["Collections"][0]["Value"] == 2 and answer["ApproximateTotalCount"] == 1

    # GetCurrentUserData: the status, slots, contacts of each logged-in user the filter names
    data = connect.get_current_user_data(InstanceId=w["iid"], Filters={"Agents": [w["user_arn"]]})
    [user] = data["UserDataList"]
    assert user["User"] == {"Id": w["user"], "Arn": w["user_arn"]}
    assert user["Status"]["StatusName"] == "Available" and user["RoutingProfile"]["Id"] == w["profile"]["Id"]
    assert user["MaxSlotsByChannel"] == {"VOICE": 1, "CHAT": 2, "TASK": 1}
    assert user["ActiveSlotsByChannel"] == {"VOICE": 1, "CHAT": 0, "TASK": 0}
    assert user["AvailableSlotsByChannel"] == {"VOICE": 0, "CHAT": 0, "TASK": 0}
    [contact] = user["Contacts"]
    assert contact["ContactId"] == started[0].id and contact["AgentContactState"] == "CONNECTED"
    assert contact["Queue"]["Id"] == queue and "ConnectedToAgentTimestamp" in contact
    by_queue = connect.get_current_user_data(
        InstanceId=w["iid"], Filters={"Queues": [queue], "ContactFilter": {"ContactStates": ["CONNECTED"]}}
    )
    assert [u["User"]["Id"] for u in by_queue["UserDataList"]] == [w["user"]]
    missed = connect.get_current_user_data(
        InstanceId=w["iid"],
        Filters={"RoutingProfiles": [w["profile"]["Id"]], "ContactFilter": {"ContactStates": ["MISSED"]}},
    )
    assert missed["UserDataList"] == [] and missed["ApproximateTotalCount"] == 0
    # offline and no contact: not in the real-time data
    contacts.end(backend.resources, started[0], CALLER, "CUSTOMER_DISCONNECT")
    connect.put_user_status(InstanceId=w["iid"], UserId=w["user"], AgentStatusId=w["statuses"]["Offline"]["Id"])
    [row] = _current(connect, w, ["AGENTS_ONLINE", "CONTACTS_IN_QUEUE"])
    assert _values(row) == {"AGENTS_ONLINE": 0, "CONTACTS_IN_QUEUE": 2}
    assert connect.get_current_user_data(InstanceId=w["iid"], Filters={"Agents": [w["user"]]})["UserDataList"][0][
        "AvailableSlotsByChannel"
    ] == {"VOICE": 0, "CHAT": 0, "TASK": 0}

    # the rules, each refused with nothing computed
    bad: list[tuple[dict[str, Any], str]] = [
        ({"Filters": {"Queues": [queue], "RoutingProfiles": [w["profile"]["Id"]]}}, "both queue and routing profile"),
        ({"Filters": {"Channels": ["VOICE"]}}, "Queues or RoutingProfiles"),
        ({"Filters": {"Queues": ["no-such-queue"]}}, "not found"),
        ({"Groupings": ["AGENT_STATUS"]}, "QUEUE must be the primary grouping"),
        ({"Groupings": ["QUEUE", "QUEUE"]}, "must not repeat"),
        ({"Groupings": ["ROUTING_PROFILE"]}, "requires a RoutingProfiles filter"),
        ({"Filters": {"RoutingProfiles": [w["profile"]["Id"]], "AgentStatuses": ["x"]}}, "Queues must be added"),
        ({"SortCriteria": [{"SortByMetric": "SLOTS_ACTIVE", "SortOrder": "ASCENDING"}]}, "not supported"),
    ]
    for request, message in bad:
        code = "ResourceNotFoundException" if message == "not found" else "InvalidParameterException"
        with raises(code, match=message):
            _current(connect, w, ["CONTACTS_IN_QUEUE"], **request)
    with raises("InvalidParameterException", match="only metric available is AGENTS_ONLINE"):
        _current(connect, w, ["AGENTS_ONLINE", "CONTACTS_IN_QUEUE"], Groupings=["QUEUE", "AGENT_STATUS"])
    with raises("InvalidParameterException", match="ESTIMATED_WAIT_TIME needs"):
        _current(connect, w, ["ESTIMATED_WAIT_TIME"])
    with raises("InvalidParameterException", match="The unit of CONTACTS_IN_QUEUE is COUNT"):
        connect.get_current_metric_data(
            InstanceId=w["iid"],
            Filters={"Queues": [queue]},
            CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "SECONDS"}],
        )
    with raises("InvalidParameterException", match="exactly one filter"):
        connect.get_current_user_data(InstanceId=w["iid"], Filters={"Queues": [queue], "Agents": [w["user"]]})
    with raises("ResourceNotFoundException"):
        connect.get_current_user_data(InstanceId=w["iid"], Filters={"UserHierarchyGroups": ["nope"]})


def test_historical_metrics_count_and_time_the_contacts_of_the_interval(connect: Any) -> None:
    w = _world(connect)
    backend, instance, queue = w["backend"], w["instance"], w["queue"]["Id"]
    base = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=30)
    # handled: queued 5 s after it began, answered 30 s later, ended after a minute with the agent
    handled = contacts.start(backend.resources, instance, CALLER, "VOICE", "INBOUND", {"QueueId": queue})
    contacts.route_to_agent(backend.resources, handled, w["user"], CALLER)
    contacts.end(backend.resources, handled, CALLER, "AGENT_DISCONNECT")
    life = {contacts.INITIATED: 0, contacts.CONNECTED_TO_SYSTEM: 1, contacts.QUEUED: 5}
    _back(handled, {**life, contacts.CONNECTED_TO_AGENT: 35, contacts.DISCONNECTED: 95}, base)
    # abandoned: the customer hung up after 20 s in the queue
    abandoned = contacts.start(backend.resources, instance, CALLER, "CHAT", "API", {"QueueId": queue})
    contacts.end(backend.resources, abandoned, CALLER, "CUSTOMER_DISCONNECT")
    _back(abandoned, {**life, contacts.DISCONNECTED: 25}, base)
    # still waiting
    waiting = contacts.start(backend.resources, instance, CALLER, "CHAT", "API", {"QueueId": queue})
    _back(waiting, life, base)

    five = 300
    end = dt.datetime.fromtimestamp((int(base.timestamp()) // five + 2) * five, dt.timezone.utc)
    start = end - dt.timedelta(hours=1)
    names = {
        "CONTACTS_QUEUED": ("COUNT", "SUM"),
        "CONTACTS_HANDLED": ("COUNT", "SUM"),
        "CONTACTS_ABANDONED": ("COUNT", "SUM"),
        "CONTACTS_AGENT_HUNG_UP_FIRST": ("COUNT", "SUM"),
        "CONTACTS_HANDLED_INCOMING": ("COUNT", "SUM"),
        "HANDLE_TIME": ("SECONDS", "AVG"),
        "QUEUE_ANSWER_TIME": ("SECONDS", "AVG"),
        "QUEUED_TIME": ("SECONDS", "MAX"),
        "ABANDON_TIME": ("SECONDS", "AVG"),
        "OCCUPANCY": ("PERCENT", "AVG"),
    }
    historical: list[dict[str, Any]] = [{"Name": n, "Unit": u, "Statistic": s} for n, (u, s) in names.items()]
    historical.append(
        {
            "Name": "SERVICE_LEVEL",
            "Unit": "PERCENT",
            "Statistic": "AVG",
            "Threshold": {"Comparison": "LT", "ThresholdValue": 25},
        }
    )
    answer = connect.get_metric_data(
        InstanceId=w["iid"], StartTime=start, EndTime=end, Filters={"Queues": [queue]}, HistoricalMetrics=historical
    )
    [row] = answer["MetricResults"]
    values = {c["Metric"]["Name"]: c.get("Value") for c in row["Collections"]}
    assert values == {
        "CONTACTS_QUEUED": 3,
        "CONTACTS_HANDLED": 1,
        "CONTACTS_ABANDONED": 1,
        "CONTACTS_AGENT_HUNG_UP_FIRST": 1,
        "CONTACTS_HANDLED_INCOMING": 1,
        "HANDLE_TIME": 60,
        "QUEUE_ANSWER_TIME": 30,
        "QUEUED_TIME": 30,
        "ABANDON_TIME": 20,
        "OCCUPANCY": None,  # no agent time in the store: no value
        "SERVICE_LEVEL": pytest.approx(100 / 3, abs=0.01),  # the abandon (20 s) left within 25 s; of 3 queued
    }
    grouped = connect.get_metric_data(
        InstanceId=w["iid"],
        StartTime=start,
        EndTime=end,
        Filters={"Queues": [queue], "Channels": ["VOICE", "CHAT"]},
        Groupings=["CHANNEL"],
        HistoricalMetrics=historical[:3],
    )["MetricResults"]
    counts = {r["Dimensions"]["Channel"]: [c["Value"] for c in r["Collections"]] for r in grouped}
    assert counts == {"CHAT": [2, 0, 1], "VOICE": [1, 1, 0]}
    earlier = connect.get_metric_data(
        InstanceId=w["iid"],
        StartTime=start - dt.timedelta(hours=2),
        EndTime=start - dt.timedelta(hours=1),
        Filters={"Queues": [queue]},
        HistoricalMetrics=historical[:1],
    )
    assert earlier["MetricResults"] == []
    v1_bad: list[tuple[dict[str, Any], str]] = [
        ({"StartTime": start + dt.timedelta(seconds=1)}, "multiple of 5 minutes"),
        ({"StartTime": end}, "later than StartTime"),
        ({"StartTime": end - dt.timedelta(hours=30)}, "24 hours"),
        ({"Filters": {"RoutingStepExpressions": ["x"], "Queues": [queue]}}, "not a valid filter"),
        ({"Groupings": ["AGENT_STATUS"]}, "not a valid grouping"),
        ({"HistoricalMetrics": [{"Name": "HANDLE_TIME", "Unit": "COUNT", "Statistic": "AVG"}]}, "Unit SECONDS"),
        (
            {"HistoricalMetrics": [{"Name": "SERVICE_LEVEL", "Unit": "PERCENT", "Statistic": "AVG"}]},
            "needs a Threshold",
        ),
    ]
    for request, message in v1_bad:
        full = {
            "StartTime": start,
            "EndTime": end,
            "Filters": {"Queues": [queue]},
            "HistoricalMetrics": historical,
            **request,
        }
        with raises("InvalidParameterException", match=message):
            connect.get_metric_data(InstanceId=w["iid"], **full)

    # GetMetricDataV2: the same contacts, by the instance's ARN, in intervals
    arn = connect.describe_instance(InstanceId=w["iid"])["Instance"]["Arn"]
    v2 = [
        {"Name": "CONTACTS_HANDLED"},
        {
            "Name": "CONTACTS_CREATED",
            "MetricFilters": [{"MetricFilterKey": "INITIATION_METHOD", "MetricFilterValues": ["API"]}],
        },
        {"Name": "AVG_HANDLE_TIME"},
        {"Name": "ABANDONMENT_RATE"},
        {"Name": "SERVICE_LEVEL", "Threshold": [{"Comparison": "LTE", "ThresholdValue": 30}]},
        {"Name": "AVG_TALK_TIME"},
    ]
    now = dt.datetime.now(dt.timezone.utc)
    rows = connect.get_metric_data_v2(
        ResourceArn=arn,
        StartTime=now - dt.timedelta(hours=2),
        EndTime=now,
        Interval={"IntervalPeriod": "TOTAL", "TimeZone": "Europe/Paris"},
        Filters=[{"FilterKey": "QUEUE", "FilterValues": [queue]}],
        Groupings=["QUEUE", "CHANNEL"],
        Metrics=v2,
    )["MetricResults"]
    by_channel = {
        r["Dimensions"]["CHANNEL"]: {c["Metric"]["Name"]: c.get("Value") for c in r["Collections"]} for r in rows
    }
    assert rows[0]["Dimensions"]["QUEUE"] == queue and rows[0]["Dimensions"]["QUEUE_ARN"] == w["queue"]["Arn"]
    assert rows[0]["MetricInterval"]["Interval"] == "TOTAL"
    assert by_channel["VOICE"] == {
        "CONTACTS_HANDLED": 1,
        "CONTACTS_CREATED": 0,
        "AVG_HANDLE_TIME": 60,
        "ABANDONMENT_RATE": 0,
        "SERVICE_LEVEL": 100,
        "AVG_TALK_TIME": None,
    }
    assert by_channel["CHAT"]["CONTACTS_CREATED"] == 2 and by_channel["CHAT"]["ABANDONMENT_RATE"] == 50
    hourly = connect.get_metric_data_v2(
        ResourceArn=arn,
        StartTime=now - dt.timedelta(hours=3),
        EndTime=now,
        Interval={"IntervalPeriod": "HOUR"},
        Filters=[{"FilterKey": "QUEUE", "FilterValues": [queue]}],
        Metrics=[{"Name": "CONTACTS_QUEUED"}],
        MaxResults=1,
    )
    [row] = hourly["MetricResults"]
    assert row["MetricInterval"]["Interval"] == "HOUR" and row["Collections"][0]["Value"] == 3
    assert "NextToken" not in hourly
    level = [{"Comparison": "LT", "ThresholdValue": 5}]
    sl = [{"Name": "SERVICE_LEVEL", "Threshold": level}]
    reason = [{"MetricFilterKey": "DISCONNECT_REASON", "MetricFilterValues": ["x"]}]
    v2_bad: list[tuple[dict[str, Any], str, str]] = [
        ({"Interval": {"IntervalPeriod": "HOUR"}, "StartTime": now - dt.timedelta(days=4)}, "less than 3 days", "P"),
        ({"StartTime": now - dt.timedelta(days=120)}, "3 months", "P"),
        ({"EndTime": now + dt.timedelta(hours=1)}, "current timestamp", "P"),
        ({"Filters": [{"FilterKey": "CHANNEL", "FilterValues": ["VOICE"]}]}, "requires at least one", "P"),
        ({"Filters": [{"FilterKey": "QUEUE", "FilterValues": [w["user"]]}]}, "agent queues", "P"),
        ({"Groupings": ["AGENT"], "Metrics": sl}, "valid grouping", "P"),
        ({"Metrics": [{"Name": "SERVICE_LEVEL", "Threshold": [{**level[0], "Comparison": "GT"}]}]}, "LT or LTE", "P"),
        ({"Metrics": [{"Name": "CONTACTS_QUEUED", "MetricFilters": reason}]}, "not a valid metric filter key", "P"),
        ({"Metrics": [{"Name": "NOT_A_METRIC"}]}, "not a metric", "P"),
        ({"Metrics": [{"MetricId": "12345678-1234-1234-1234-123456789012"}]}, "Metric not found", "N"),
        ({"ResourceArn": arn.replace(w["iid"], "0" * 36)}, "not found", "N"),
    ]  # fmt: skip
    for request, message, kind in v2_bad:
        full = {
            "ResourceArn": arn,
            "StartTime": now - dt.timedelta(hours=2),
            "EndTime": now,
            "Filters": [{"FilterKey": "QUEUE", "FilterValues": [queue]}],
            "Metrics": [{"Name": "CONTACTS_QUEUED"}],
            **request,
        }
        code = "InvalidParameterException" if kind == "P" else "ResourceNotFoundException"
        with raises(code, match=message):
            connect.get_metric_data_v2(**full)


def test_the_v2_catalogue_reads_aws_documentation() -> None:
    catalogue = metrics.v2_catalogue()
    assert catalogue["SERVICE_LEVEL"].comparisons == {"LT", "LTE"}
    assert catalogue["CAMPAIGN_CONTACTS_ABANDONED_AFTER_X"].comparisons == {"GT"}
    assert "AGENT" in catalogue["CONTACTS_HANDLED"].groupings and "AGENT" not in catalogue["SERVICE_LEVEL"].groupings
    assert catalogue["CONTACTS_HANDLED"].metric_filters == {"INITIATION_METHOD", "DISCONNECT_REASON"}
    assert "FEATURE" not in catalogue["AVG_HANDLE_TIME"].groupings
    assert catalogue["CASES_CREATED"].required_filter == "CASE_TEMPLATE_ARN"
    assert set(metrics.V2) <= set(catalogue)


# -- server mode -------------------------------------------------------------------------
def test_family_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    iid = new_instance(connect, "served")["Id"]
    queue = connect.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"][0]["Id"]
    profile = connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]["Id"]
    available = connect.list_agent_statuses(InstanceId=iid)["AgentStatusSummaryList"][0]["Id"]
    user = new_user(connect, iid, "served", RoutingProfileId=profile)["UserId"]
    connect.put_user_status(InstanceId=iid, UserId=user, AgentStatusId=available)
    answer = connect.get_current_metric_data(
        InstanceId=iid, Filters={"Queues": [queue]}, CurrentMetrics=[{"Name": "AGENTS_ONLINE", "Unit": "COUNT"}]
    )
    assert answer["MetricResults"][0]["Collections"][0]["Value"] == 1 and "DataSnapshotTime" in answer
    [data] = connect.get_current_user_data(InstanceId=iid, Filters={"RoutingProfiles": [profile]})["UserDataList"]
    assert data["User"]["Id"] == user and data["AvailableSlotsByChannel"]["CHAT"] == 2
    end = dt.datetime.fromtimestamp(int(dt.datetime.now(dt.timezone.utc).timestamp()) // 300 * 300, dt.timezone.utc)
    historical = connect.get_metric_data(
        InstanceId=iid,
        StartTime=end - dt.timedelta(hours=1),
        EndTime=end,
        Filters={"Queues": [queue]},
        HistoricalMetrics=[{"Name": "CONTACTS_HANDLED", "Unit": "COUNT", "Statistic": "SUM"}],
    )
    assert historical["MetricResults"] == []
    arn = connect.describe_instance(InstanceId=iid)["Instance"]["Arn"]
    v2 = connect.get_metric_data_v2(
        ResourceArn=arn,
        StartTime=end - dt.timedelta(hours=1),
        EndTime=end,
        Filters=[{"FilterKey": "QUEUE", "FilterValues": [queue]}],
        Metrics=[{"Name": "CONTACTS_HANDLED"}],
    )
    assert v2["MetricResults"] == []
    with raises("InvalidParameterException", 400, match="both queue and routing profile"):
        connect.get_current_metric_data(
            InstanceId=iid,
            Filters={"Queues": [queue], "RoutingProfiles": [profile]},
            CurrentMetrics=[{"Name": "AGENTS_ONLINE", "Unit": "COUNT"}],
        )
