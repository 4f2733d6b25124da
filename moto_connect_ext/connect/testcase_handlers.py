"""Handlers of the test-case operations, mixed into ``ConnectResponse``.

Thin: each unpacks the request's members into the backend's named arguments
(``testcase_backend``) and shapes the answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.arguments import keywords
from ..core.caller import Caller

if TYPE_CHECKING:
    from .testcase_backend import TestCaseBackendMixin

#: the optional members CreateTestCase and UpdateTestCase share (the backend's keywords in snake case)
SHARED_MEMBERS = (
    "Description",
    "EntryPoint",
    "InitializationData",
    "Status",
    "LastModifiedTime",
    "LastModifiedRegion",
)
PAGE_MEMBERS = ("NextToken", "MaxResults")


def _listed(key: str, result: tuple[list[dict[str, Any]], str | None]) -> dict[str, Any]:
    """The answer of a list operation: a page under ``key``, and the token of the next one."""
    page, token = result
    return {key: page, "NextToken": token}


class TestCaseHandlers:
    """Handlers of the test-case operations, mixed into ``ConnectResponse``."""

    __test__ = False

    if TYPE_CHECKING:
        params: dict[str, Any]
        caller: Caller

        @property
        def backend(self) -> Any: ...

    @property
    def _cases(self) -> TestCaseBackendMixin:
        return self.backend  # type: ignore[no-any-return]

    def create_test_case(self) -> dict[str, Any]:
        p = self.params
        test_case = self._cases.create_test_case(
            self.caller,
            p["InstanceId"],
            p["Name"],
            p["Content"],
            **keywords(p, "TestCaseId", "Tags", *SHARED_MEMBERS),
        )
        return {"TestCaseId": test_case.id, "TestCaseArn": test_case.arn}

    def describe_test_case(self) -> dict[str, Any]:
        p = self.params
        return {"TestCase": self._cases.describe_test_case(p["InstanceId"], p["TestCaseId"], p.get("Status"))}

    def update_test_case(self) -> None:
        p = self.params
        self._cases.update_test_case(
            p["InstanceId"],
            p["TestCaseId"],
            **keywords(p, "Content", "Name", *SHARED_MEMBERS),
        )

    def delete_test_case(self) -> None:
        self._cases.delete_test_case(self.params["InstanceId"], self.params["TestCaseId"])

    def list_test_cases(self) -> dict[str, Any]:
        result = self._cases.list_test_cases(self.params["InstanceId"], **keywords(self.params, *PAGE_MEMBERS))
        return _listed("TestCaseSummaryList", result)

    def search_test_cases(self) -> dict[str, Any]:
        p = self.params
        page, token, total = self._cases.search_test_cases(
            p["InstanceId"], p.get("SearchCriteria"), p.get("SearchFilter"), **keywords(p, *PAGE_MEMBERS)
        )
        return {"TestCases": page, "NextToken": token, "ApproximateTotalCount": total}

    def start_test_case_execution(self) -> dict[str, Any]:
        p = self.params
        execution, status = self._cases.start_test_case_execution(
            p["InstanceId"], p["TestCaseId"], p.get("ClientToken")
        )
        return {"TestCaseExecutionId": execution.id, "TestCaseId": execution.test_case_id, "Status": status}

    def stop_test_case_execution(self) -> None:
        p = self.params
        self._cases.stop_test_case_execution(
            p["InstanceId"], p["TestCaseId"], p["TestCaseExecutionId"], p.get("ClientToken")
        )

    def get_test_case_execution_summary(self) -> dict[str, Any]:
        p = self.params
        return self._cases.test_case_execution_summary(p["InstanceId"], p["TestCaseId"], p["TestCaseExecutionId"])

    def list_test_case_executions(self) -> dict[str, Any]:
        p = self.params
        result = self._cases.list_test_case_executions(
            p["InstanceId"],
            **keywords(p, "TestCaseId", "TestCaseName", "StartTime", "EndTime", "Status", *PAGE_MEMBERS),
        )
        return _listed("TestCaseExecutions", result)

    def list_test_case_execution_records(self) -> dict[str, Any]:
        p = self.params
        result = self._cases.list_test_case_execution_records(
            p["InstanceId"],
            p["TestCaseId"],
            p["TestCaseExecutionId"],
            **keywords(p, "Status", *PAGE_MEMBERS),
        )
        return _listed("ExecutionRecords", result)
