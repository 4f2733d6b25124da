"""Handlers of the test-case operations, mixed into ``ConnectResponse``.

Thin: each unpacks the request's members into the backend's named arguments
(``testcase_backend``) and shapes the answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.caller import Caller

if TYPE_CHECKING:
    from .testcase_backend import TestCaseBackendMixin


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
            description=p.get("Description"),
            entry_point=p.get("EntryPoint"),
            initialization_data=p.get("InitializationData"),
            status=p.get("Status"),
            test_case_id=p.get("TestCaseId"),
            tags=p.get("Tags"),
            last_modified_time=p.get("LastModifiedTime"),
            last_modified_region=p.get("LastModifiedRegion"),
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
            content=p.get("Content"),
            entry_point=p.get("EntryPoint"),
            initialization_data=p.get("InitializationData"),
            name=p.get("Name"),
            description=p.get("Description"),
            status=p.get("Status"),
            last_modified_time=p.get("LastModifiedTime"),
            last_modified_region=p.get("LastModifiedRegion"),
        )

    def delete_test_case(self) -> None:
        self._cases.delete_test_case(self.params["InstanceId"], self.params["TestCaseId"])

    def list_test_cases(self) -> dict[str, Any]:
        p = self.params
        page, token = self._cases.list_test_cases(p["InstanceId"], p.get("NextToken"), p.get("MaxResults"))
        return {"TestCaseSummaryList": page, "NextToken": token}

    def search_test_cases(self) -> dict[str, Any]:
        p = self.params
        page, token, total = self._cases.search_test_cases(
            p["InstanceId"], p.get("SearchCriteria"), p.get("SearchFilter"), p.get("NextToken"), p.get("MaxResults")
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
        page, token = self._cases.list_test_case_executions(
            p["InstanceId"],
            test_case_id=p.get("TestCaseId"),
            test_case_name=p.get("TestCaseName"),
            start_time=p.get("StartTime"),
            end_time=p.get("EndTime"),
            status=p.get("Status"),
            next_token=p.get("NextToken"),
            max_results=p.get("MaxResults"),
        )
        return {"TestCaseExecutions": page, "NextToken": token}

    def list_test_case_execution_records(self) -> dict[str, Any]:
        p = self.params
        page, token = self._cases.list_test_case_execution_records(
            p["InstanceId"],
            p["TestCaseId"],
            p["TestCaseExecutionId"],
            status=p.get("Status"),
            next_token=p.get("NextToken"),
            max_results=p.get("MaxResults"),
        )
        return {"ExecutionRecords": page, "NextToken": token}
