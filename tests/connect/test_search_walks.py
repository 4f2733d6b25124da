"""Walks of Connect's List*/Search* on the resource layer while resources come and go, checked by hypothesis.

The rule (as for every list and search of the plugin): a walk visits each resource that
exists throughout it exactly once, whatever happens between its pages (creates, deletes,
renames, other walks); resources created or deleted during the walk may or may not appear,
never twice.  Queues stand for every type on the layer (they all page the same way, in
creation order with a sequence token); SearchTestCases has its own cleanup-walk test.
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moto_connect_ext import mock_connect
from tests.helpers import new_instance

#: (operation, list member, request beyond the instance and paging)
WALKS = [
    ("list_queues", "QueueSummaryList", {"QueueTypes": ["STANDARD"]}),
    ("search_queues", "Queues", {}),
    (
        "search_queues",
        "Queues",
        {"SearchCriteria": {"StringCondition": {"FieldName": "name", "Value": "q", "ComparisonType": "STARTS_WITH"}}},
    ),
]
STEPS = st.lists(
    st.sampled_from(["page", "page", "page", "create", "delete", "rename", "other"]), min_size=4, max_size=40
)
_names = itertools.count()


def _walk_queues(connect: Any, iid: str, hours: str, steps: list[str], walk: tuple[str, str, dict[str, Any]]) -> None:
    operation, member, extra = walk
    live: dict[str, str] = {}  # queue id -> name
    for _ in range(4):
        name = f"q{next(_names)}"
        live[connect.create_queue(InstanceId=iid, Name=name, HoursOfOperationId=hours)["QueueId"]] = name

    def page(token: str | None) -> tuple[list[str], str | None]:
        kw = {"NextToken": token} if token else {}
        answer = getattr(connect, operation)(InstanceId=iid, MaxResults=2, **extra, **kw)
        ids = [q.get("Id") or q["QueueId"] for q in answer[member]]
        return ids, answer.get("NextToken")

    def matches(queue_id: str) -> bool:
        # BasicQueue and agent queues are not the walk's business: it names the queues it made
        return queue_id in created

    created = set(live)
    seen, token = page(None)
    population = set(live)
    gone: set[str] = set()
    for step in steps:
        if step == "page":
            if token is None:
                break
            ids, token = page(token)
            seen.extend(ids)
        elif step == "create":
            name = f"q{next(_names)}"
            queue_id = connect.create_queue(InstanceId=iid, Name=name, HoursOfOperationId=hours)["QueueId"]
            live[queue_id] = name
            created.add(queue_id)
        elif step == "delete" and live:
            queue_id = sorted(live)[0]
            connect.delete_queue(InstanceId=iid, QueueId=queue_id)
            del live[queue_id]
            gone.add(queue_id)
        elif step == "rename" and live:
            queue_id = sorted(live)[-1]
            live[queue_id] = f"q{next(_names)}"
            connect.update_queue_name(InstanceId=iid, QueueId=queue_id, Name=live[queue_id])
        elif step == "other":
            page(None)  # another walk of the same query, abandoned after its first page
    while token is not None:
        ids, token = page(token)
        seen.extend(ids)
    mine = [q for q in seen if matches(q)]
    assert len(mine) == len(set(mine)), f"a queue was listed twice: {mine}"
    throughout = population - gone
    assert throughout <= set(mine), f"queues that existed throughout were skipped: {throughout - set(mine)}"


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS, walk=st.sampled_from(WALKS))
def test_a_walk_visits_every_queue_that_exists_throughout_it_once(steps: list[str], walk: Any) -> None:
    with mock_connect():
        import boto3

        connect = boto3.client(
            "connect", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
        )
        iid = new_instance(connect, "walks")["Id"]
        hours = connect.list_hours_of_operations(InstanceId=iid)["HoursOfOperationSummaryList"][0]["Id"]
        _walk_queues(connect, iid, hours, steps, walk)
