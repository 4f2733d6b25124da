"""Connect test-case executions through boto3: start, progress, stop, summaries, records, lists."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from moto.moto_api import state_manager

from moto_connect_ext.connect.exceptions import ResourceNotFoundException
from moto_connect_ext.connect.testcase_executions import EXECUTION_MODEL
from tests.connect.test_test_cases import CONTENT, VOICE, content, create
from tests.helpers import RAW, new_instance, raises
from tests.servers import moto_api, server_client

MISSING = "00000000-0000-0000-0000-000000000000"


@pytest.fixture
def manual() -> Iterator[None]:
    """Executions move one status per GetTestCaseExecutionSummary call."""
    state_manager.set_transition(EXECUTION_MODEL, {"progression": "manual", "times": 1})
    yield
    state_manager.unset_transition(EXECUTION_MODEL)


@pytest.fixture
def case(connect: Any, instance: dict[str, Any]) -> dict[str, str]:
    created = create(connect, instance, Content=content("greeting", "menu", "queue"), Tags={"suite": "smoke"})
    return {"InstanceId": instance["Id"], "TestCaseId": created["TestCaseId"]}


def start(connect: Any, case: dict[str, str], **kw: Any) -> str:
    started = connect.start_test_case_execution(**case, **kw)
    assert started["TestCaseId"] == case["TestCaseId"]
    return started["TestCaseExecutionId"]  # type: ignore[no-any-return]


def summary(connect: Any, case: dict[str, str], execution_id: str) -> dict[str, Any]:
    return connect.get_test_case_execution_summary(**case, TestCaseExecutionId=execution_id)  # type: ignore[no-any-return]


def records(connect: Any, case: dict[str, str], execution_id: str, **kw: Any) -> list[dict[str, Any]]:
    found = connect.list_test_case_execution_records(**case, TestCaseExecutionId=execution_id, **kw)
    return found["ExecutionRecords"]  # type: ignore[no-any-return]


def test_an_execution_runs_to_passed(connect: Any, case: dict[str, str]) -> None:
    started = connect.start_test_case_execution(**case)
    assert started["Status"] == "INITIATED"
    execution_id = started["TestCaseExecutionId"]
    result = summary(connect, case, execution_id)
    assert result["Status"] == "PASSED"
    assert result["ObservationSummary"] == {"TotalObservations": 3, "ObservationsPassed": 3, "ObservationsFailed": 0}
    assert result["StartTime"] <= result["EndTime"]
    assert abs((result["StartTime"] - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 5
    found = records(connect, case, execution_id)
    assert [(r["ObservationId"], r["Status"]) for r in found] == [
        ("greeting", "PASSED"),
        ("menu", "PASSED"),
        ("queue", "PASSED"),
    ]
    detail = json.loads(found[1]["Record"])
    assert detail["Event"] == {"Type": "MessageReceived"}
    assert detail["Actions"] == [{"Identifier": "menu-press", "Type": "SendInstruction", "Status": "PASSED"}]
    assert found[0]["Timestamp"] == result["EndTime"]


def test_status_progresses_through_the_state_manager(connect: Any, case: dict[str, str], manual: None) -> None:
    execution_id = start(connect, case)
    assert records(connect, case, execution_id) == []
    listed = connect.list_test_case_executions(InstanceId=case["InstanceId"])["TestCaseExecutions"]
    assert [e["TestCaseExecutionStatus"] for e in listed] == ["INITIATED"]
    assert "EndTime" not in listed[0]
    first = summary(connect, case, execution_id)
    assert first["Status"] == "IN_PROGRESS"
    assert "EndTime" not in first
    assert first["ObservationSummary"] == {"TotalObservations": 3, "ObservationsPassed": 0, "ObservationsFailed": 0}
    assert {r["Status"] for r in records(connect, case, execution_id)} == {"IN_PROGRESS"}
    listed = connect.list_test_case_executions(InstanceId=case["InstanceId"])["TestCaseExecutions"]
    assert [e["TestCaseExecutionStatus"] for e in listed] == ["IN_PROGRESS"]
    # the execution's simulated contact is live while it runs, disconnected by the flow when it ends
    from moto_connect_ext.connect import contacts
    from moto_connect_ext.connect.models import connect_backends

    backend = connect_backends["123456789012"]["us-east-1"]
    (contact,) = contacts.contacts_of(backend.resources, backend.instance(case["InstanceId"]))
    assert (contact.attrs["Channel"], contact.attrs["InitiationMethod"]) == ("VOICE", "INBOUND")
    assert not contacts.ended(contact)
    done = summary(connect, case, execution_id)
    assert done["Status"] == "PASSED" and "EndTime" in done
    assert contacts.ended(contact) and contact.attrs["DisconnectReason"] == "CONTACT_FLOW_DISCONNECT"
    again = summary(connect, case, execution_id)
    assert (again["Status"], again["EndTime"]) == ("PASSED", done["EndTime"])


def test_failures_can_be_scripted(moto_connect: Any, connect: Any, case: dict[str, str]) -> None:
    backend = moto_connect.backend("connect")
    backend.fail_test_case_observations(case["InstanceId"], case["TestCaseId"], ["menu"])
    failed = start(connect, case)
    result = summary(connect, case, failed)
    assert result["Status"] == "FAILED"
    assert result["ObservationSummary"] == {"TotalObservations": 3, "ObservationsPassed": 2, "ObservationsFailed": 1}
    only_failed = records(connect, case, failed, Status="FAILED")
    assert [r["ObservationId"] for r in only_failed] == ["menu"]
    assert (
        json.loads(only_failed[0]["Record"])["FailureReason"] == "The expected MessageReceived event was not observed"
    )
    assert [r["ObservationId"] for r in records(connect, case, failed, Status="PASSED")] == ["greeting", "queue"]
    backend.fail_test_case_observations(case["InstanceId"], case["TestCaseId"], [])
    assert summary(connect, case, start(connect, case))["Status"] == "PASSED"
    with pytest.raises(ResourceNotFoundException, match="Test case not found"):
        backend.fail_test_case_observations(case["InstanceId"], "missing", [])


def test_only_published_test_cases_run(connect: Any, instance: dict[str, Any]) -> None:
    draft = create(connect, instance, "draft", Content="wip", Status="SAVED")
    with raises("InvalidRequestException", 400, match="no PUBLISHED version"):
        connect.start_test_case_execution(InstanceId=instance["Id"], TestCaseId=draft["TestCaseId"])
    assert connect.list_test_case_executions(InstanceId=instance["Id"])["TestCaseExecutions"] == []
    with raises("ResourceNotFoundException", 404, match="Test case not found"):
        connect.start_test_case_execution(InstanceId=instance["Id"], TestCaseId="missing")
    with raises("ResourceNotFoundException", 404, match="Instance not found"):
        connect.start_test_case_execution(InstanceId=MISSING, TestCaseId=draft["TestCaseId"])


def test_an_instance_queues_at_most_100_executions(connect: Any, case: dict[str, str], manual: None) -> None:
    started = [start(connect, case) for _ in range(100)]
    with raises("ServiceQuotaExceededException", 402, match="100 test case executions"):
        connect.start_test_case_execution(**case)
    listed = connect.list_test_case_executions(InstanceId=case["InstanceId"])["TestCaseExecutions"]
    assert len(listed) == 100
    connect.stop_test_case_execution(**case, TestCaseExecutionId=started[0])
    start(connect, case)


def test_an_execution_runs_the_content_it_started_with(connect: Any, case: dict[str, str], manual: None) -> None:
    execution_id = start(connect, case)
    connect.update_test_case(**case, Content=CONTENT)  # one observation only from now on
    for _ in range(3):
        result = summary(connect, case, execution_id)
    assert result["ObservationSummary"]["TotalObservations"] == 3
    assert summary(connect, case, start(connect, case))["ObservationSummary"]["TotalObservations"] == 1


def test_start_is_idempotent_by_client_token(connect: Any, case: dict[str, str], instance: dict[str, Any]) -> None:
    first = connect.start_test_case_execution(**case, ClientToken="run-1")
    again = connect.start_test_case_execution(**case, ClientToken="run-1")
    assert again["TestCaseExecutionId"] == first["TestCaseExecutionId"]
    assert again["Status"] == "PASSED"  # the current status of the first run
    assert len(connect.list_test_case_executions(InstanceId=case["InstanceId"])["TestCaseExecutions"]) == 1
    other = create(connect, instance, "other")
    with raises("InvalidRequestException", 400, match="run-1"):
        connect.start_test_case_execution(
            InstanceId=instance["Id"], TestCaseId=other["TestCaseId"], ClientToken="run-1"
        )
    assert start(connect, case) != first["TestCaseExecutionId"]  # boto3 fills a fresh token


def test_stop(connect: Any, case: dict[str, str], manual: None) -> None:
    running = start(connect, case)
    assert summary(connect, case, running)["Status"] == "IN_PROGRESS"
    connect.stop_test_case_execution(**case, TestCaseExecutionId=running, ClientToken="stop-1")
    stopped = summary(connect, case, running)
    assert stopped["Status"] == "STOPPED" and "EndTime" in stopped
    assert summary(connect, case, running)["Status"] == "STOPPED"  # no further progress
    assert {r["Status"] for r in records(connect, case, running)} == {"STOPPED"}
    assert stopped["ObservationSummary"] == {"TotalObservations": 3, "ObservationsPassed": 0, "ObservationsFailed": 0}
    # a retry with the same token succeeds; a new stop is refused
    connect.stop_test_case_execution(**case, TestCaseExecutionId=running, ClientToken="stop-1")
    with raises("InvalidRequestException", 400, match="is STOPPED and cannot be stopped"):
        connect.stop_test_case_execution(**case, TestCaseExecutionId=running)
    initiated = start(connect, case)
    connect.stop_test_case_execution(**case, TestCaseExecutionId=initiated)
    assert summary(connect, case, initiated)["Status"] == "STOPPED"
    assert records(connect, case, initiated) == []
    with raises("InvalidRequestException", 400, match="stop-1"):
        connect.stop_test_case_execution(**case, TestCaseExecutionId=initiated, ClientToken="stop-1")


def test_finished_executions_cannot_be_stopped(connect: Any, case: dict[str, str]) -> None:
    execution_id = start(connect, case)
    with raises("InvalidRequestException", 400, match="is PASSED"):
        connect.stop_test_case_execution(**case, TestCaseExecutionId=execution_id)


def test_execution_lookups_fail_cleanly(
    moto_connect: Any, connect: Any, case: dict[str, str], instance: dict[str, Any]
) -> None:
    execution_id = start(connect, case)
    other = create(connect, instance, "other")["TestCaseId"]
    for call in (
        connect.get_test_case_execution_summary,
        connect.list_test_case_execution_records,
        connect.stop_test_case_execution,
    ):
        with raises("ResourceNotFoundException", 404, match="execution not found"):
            call(InstanceId=instance["Id"], TestCaseId=other, TestCaseExecutionId=execution_id)
        with raises("ResourceNotFoundException", 404, match="execution not found"):
            call(**case, TestCaseExecutionId=MISSING)
        with raises("ResourceNotFoundException", 404, match="Test case not found"):
            call(InstanceId=instance["Id"], TestCaseId="missing", TestCaseExecutionId=execution_id)
        with raises("ResourceNotFoundException", 404, match="Instance not found"):
            call(InstanceId=MISSING, TestCaseId=case["TestCaseId"], TestCaseExecutionId=execution_id)
    raw = moto_connect.client("connect", config=RAW)
    with raises("InvalidParameterException", 400, match="length less than or equal to 100"):
        raw.get_test_case_execution_summary(InstanceId="x" * 101, TestCaseId="t", TestCaseExecutionId="e")
    with raises("InvalidParameterException", 400, match="enum value set"):
        raw.list_test_case_execution_records(**case, TestCaseExecutionId=execution_id, Status="DONE")


def test_records_page(connect: Any, case: dict[str, str]) -> None:
    execution_id = start(connect, case)
    first = connect.list_test_case_execution_records(**case, TestCaseExecutionId=execution_id, MaxResults=2)
    assert [r["ObservationId"] for r in first["ExecutionRecords"]] == ["greeting", "menu"]
    second = connect.list_test_case_execution_records(
        **case, TestCaseExecutionId=execution_id, MaxResults=2, NextToken=first["NextToken"]
    )
    assert [r["ObservationId"] for r in second["ExecutionRecords"]] == ["queue"]
    assert "NextToken" not in second
    with raises("InvalidParameterException", 400, match="pagination token"):
        connect.list_test_case_execution_records(**case, TestCaseExecutionId=execution_id, NextToken="garbage")


def test_list_executions_filters(
    moto_connect: Any, connect: Any, case: dict[str, str], instance: dict[str, Any]
) -> None:
    passed = start(connect, case)
    moto_connect.backend("connect").fail_test_case_observations(case["InstanceId"], case["TestCaseId"], ["queue"])
    failed = start(connect, case)
    other_case = create(connect, instance, "other")["TestCaseId"]
    other = start(connect, {"InstanceId": instance["Id"], "TestCaseId": other_case})

    def ids(**kw: Any) -> list[str]:
        found = connect.list_test_case_executions(InstanceId=instance["Arn"], **kw)["TestCaseExecutions"]
        return [e["TestCaseExecutionId"] for e in found]

    assert ids() == [passed, failed, other]
    assert ids(TestCaseId=case["TestCaseId"]) == [passed, failed]
    assert ids(TestCaseName="other") == [other]
    assert ids(TestCaseName="nobody") == []
    assert ids(Status="FAILED") == [failed]
    assert ids(Status="PASSED", TestCaseId=other_case) == [other]
    now_ms = int(dt.datetime.now(dt.timezone.utc).timestamp() * 1000)
    assert ids(StartTime=now_ms - 60_000, EndTime=now_ms + 60_000) == [passed, failed, other]
    assert ids(StartTime=now_ms + 60_000) == []
    assert ids(EndTime=now_ms - 60_000) == []
    listed = connect.list_test_case_executions(InstanceId=instance["Id"], TestCaseId=case["TestCaseId"])[
        "TestCaseExecutions"
    ][0]
    assert listed["Tags"] == {"suite": "smoke"}  # the test case's tags when the execution started
    assert listed["TestCaseId"] == case["TestCaseId"]
    assert listed["StartTime"] <= listed["EndTime"]
    assert (
        "Tags"
        not in connect.list_test_case_executions(InstanceId=instance["Id"], TestCaseId=other_case)[
            "TestCaseExecutions"
        ][0]
    )
    # renaming the test case renames what the name filter finds
    connect.update_test_case(InstanceId=instance["Id"], TestCaseId=other_case, Name="renamed")
    assert ids(TestCaseName="renamed") == [other]


def test_list_executions_pages_and_errors(moto_connect: Any, connect: Any, case: dict[str, str]) -> None:
    started = [start(connect, case) for _ in range(3)]
    first = connect.list_test_case_executions(InstanceId=case["InstanceId"], MaxResults=2)
    second = connect.list_test_case_executions(
        InstanceId=case["InstanceId"], MaxResults=2, NextToken=first["NextToken"]
    )
    assert [e["TestCaseExecutionId"] for e in first["TestCaseExecutions"] + second["TestCaseExecutions"]] == started
    assert "NextToken" not in second
    with raises("InvalidParameterException", 400, match="must not be after EndTime"):
        connect.list_test_case_executions(InstanceId=case["InstanceId"], StartTime=2000, EndTime=1000)
    raw = moto_connect.client("connect", config=RAW)
    with raises("InvalidParameterException", 400, match="greater than or equal to 0"):
        raw.list_test_case_executions(InstanceId=case["InstanceId"], StartTime=-1)
    with raises("InvalidParameterException", 400, match="pagination token"):
        connect.list_test_case_executions(InstanceId=case["InstanceId"], NextToken="garbage")
    with raises("ResourceNotFoundException", 404):
        connect.list_test_case_executions(InstanceId=MISSING)


def test_deleting_a_test_case_removes_its_executions(
    connect: Any, case: dict[str, str], instance: dict[str, Any]
) -> None:
    start(connect, case, ClientToken="tok")
    keep = create(connect, instance, "kept")["TestCaseId"]
    kept = start(connect, {"InstanceId": instance["Id"], "TestCaseId": keep})
    connect.delete_test_case(**case)
    listed = connect.list_test_case_executions(InstanceId=instance["Id"])["TestCaseExecutions"]
    assert [e["TestCaseExecutionId"] for e in listed] == [kept]


def test_progress_through_moto_api_endpoint(connect: Any, case: dict[str, str]) -> None:
    """In-process, moto's /moto-api/state-manager is reachable as in its docs."""
    body = {"model_name": EXECUTION_MODEL, "transition": {"progression": "manual", "times": 2}}
    requests.post(
        "http://motoapi.amazonaws.com/moto-api/state-manager/set-transition", data=json.dumps(body), timeout=5
    )
    try:
        execution_id = start(connect, case)
        statuses = [summary(connect, case, execution_id)["Status"] for _ in range(5)]
        assert statuses == ["INITIATED", "IN_PROGRESS", "IN_PROGRESS", "PASSED", "PASSED"]
    finally:
        requests.post(
            "http://motoapi.amazonaws.com/moto-api/state-manager/unset-transition",
            data=json.dumps({"model_name": EXECUTION_MODEL}),
            timeout=5,
        )


# -- server mode -----------------------------------------------------------------
def test_server_mode_state_manager_drives_executions(server: str) -> None:
    connect = server_client(server, "connect")
    moto_api(
        server,
        "/moto-api/state-manager/set-transition",
        {"model_name": EXECUTION_MODEL, "transition": {"progression": "manual", "times": 1}},
    )
    try:
        created = new_instance(connect, "served-tests")
        test_case = connect.create_test_case(InstanceId=created["Id"], Name="served", Content=CONTENT, EntryPoint=VOICE)
        case = {"InstanceId": created["Id"], "TestCaseId": test_case["TestCaseId"]}
        execution_id = start(connect, case)
        statuses = [summary(connect, case, execution_id)["Status"] for _ in range(3)]
        assert statuses == ["IN_PROGRESS", "PASSED", "PASSED"]
        with raises("InvalidTestCaseException", 400) as info:
            connect.create_test_case(InstanceId=created["Id"], Name="bad", Content="[]", EntryPoint=VOICE)
        assert info.value.response["Problems"] == [{"message": "$: Content must be a JSON object, not an array"}]
    finally:
        moto_api(server, "/moto-api/state-manager/unset-transition", {"model_name": EXECUTION_MODEL})
        moto_api(server, "/moto-api/reset", {})
