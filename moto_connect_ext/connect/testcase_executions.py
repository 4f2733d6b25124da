"""Test case executions: one run of a published test case, and its records.

An execution runs the published content as it was when the execution started.
Its status moves INITIATED -> IN_PROGRESS -> PASSED or FAILED through moto's
state manager (model ``connect::test-case-execution``); StopTestCaseExecution
ends a running one as STOPPED.  The execution's simulated contact (made by the
backend) is disconnected when the execution ends.  Every observation passes unless a test asked
for failures (``fail_test_case_observations`` of the backend).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any

from ..core.clock import now
from ..core.moto_compat import ManagedState, register_transition
from .testcase_domain import TestCase

EXECUTION_MODEL = "connect::test-case-execution"
register_transition(EXECUTION_MODEL, "immediate")

RUNNING = ("INITIATED", "IN_PROGRESS")
#: executions an instance holds queued or running (Administrator Guide, Execute test cases:
#: the queue takes at most 100, the running ones included; any more is refused)
MAX_QUEUED = 100
FINISHED = ("PASSED", "FAILED", "STOPPED")


class Execution(ManagedState):
    """One run of a published test case."""

    def __init__(
        self,
        instance_id: str,
        test_case: TestCase,
        observations: list[dict[str, Any]],
        failed: frozenset[str],
        tags: dict[str, str],
    ) -> None:
        self.outcomes = {o["Identifier"]: ("FAILED" if o["Identifier"] in failed else "PASSED") for o in observations}
        final = "FAILED" if "FAILED" in self.outcomes.values() else "PASSED"
        super().__init__(EXECUTION_MODEL, [("INITIATED", "IN_PROGRESS"), ("IN_PROGRESS", final)])
        self.id = str(uuid.uuid4())
        self.instance_id = instance_id
        self.test_case_id = test_case.id
        self.observations = observations
        self.tags = tags
        self.start_time = now()
        self.progress_time: dt.datetime | None = None
        self.end_time: dt.datetime | None = None
        self.stopped_from: str | None = None
        #: what ends the execution's contact once it has run (set by the backend that made it)
        self.on_finish: Callable[[], None] | None = None

    def current_status(self) -> str:
        """The status now, stamping when the execution got going and when it ended."""
        status = str(self.status)
        if status != "INITIATED" and self.progress_time is None and self.stopped_from != "INITIATED":
            self.progress_time = now()
        if status in FINISHED and self.end_time is None:
            self.end_time = now()
            self._finish()
        return status

    def _finish(self) -> None:
        finish, self.on_finish = self.on_finish, None
        if finish is not None:
            finish()

    def stop(self) -> None:
        self.stopped_from = self.current_status()
        self.status = "STOPPED"
        self.end_time = now()
        self._finish()

    def records(self) -> list[dict[str, Any]]:
        status = self.current_status()
        if status == "INITIATED" or self.stopped_from == "INITIATED":
            return []
        out = []
        for obs in self.observations:
            if status == "IN_PROGRESS":
                record_status, when = "IN_PROGRESS", self.progress_time
            elif status == "STOPPED":
                record_status, when = "STOPPED", self.end_time
            else:
                record_status, when = self.outcomes[obs["Identifier"]], self.end_time
            detail: dict[str, Any] = {
                "ObservationId": obs["Identifier"],
                "Status": record_status,
                "Event": {"Type": obs["EventType"]},
                "Actions": [
                    {"Identifier": a["Identifier"], "Type": a["Type"], "Status": _action_status(record_status)}
                    for a in obs["Actions"]
                ],
            }
            if record_status == "FAILED":
                detail["FailureReason"] = f"The expected {obs['EventType']} event was not observed"
            out.append(
                {
                    "ObservationId": obs["Identifier"],
                    "Status": record_status,
                    "Timestamp": when,
                    "Record": json.dumps(detail, separators=(",", ":")),
                }
            )
        return out

    def summary(self) -> dict[str, Any]:
        status = self.current_status()
        records = self.records()
        return {
            "StartTime": self.start_time,
            "EndTime": self.end_time,
            "Status": status,
            "ObservationSummary": {
                "TotalObservations": len(self.observations),
                "ObservationsPassed": sum(r["Status"] == "PASSED" for r in records),
                "ObservationsFailed": sum(r["Status"] == "FAILED" for r in records),
            },
        }

    def listing(self) -> dict[str, Any]:
        return {
            "StartTime": self.start_time,
            "EndTime": self.end_time,
            "TestCaseExecutionId": self.id,
            "TestCaseId": self.test_case_id,
            "TestCaseExecutionStatus": self.current_status(),
            "Tags": self.tags or None,
        }


def _action_status(observation_status: str) -> str:
    # actions run only once their observation's event was seen
    return {"FAILED": "NOT_RUN", "IN_PROGRESS": "PENDING"}.get(observation_status, observation_status)
