"""Connect test cases and their executions.

A test case belongs to an instance and has up to two versions: the *published*
one (content validated, see ``testcase_content``) and a *saved* draft (content
stored as is).  Name, description and tags belong to the test case itself.
DescribeTestCase without ``Status`` shows the published version when there is
one, else the draft; publishing discards the draft.

An execution runs the published content as it was when the execution started.
Its status moves INITIATED -> IN_PROGRESS -> PASSED or FAILED through moto's
state manager (model ``connect::test-case-execution``); StopTestCaseExecution
ends a running one as STOPPED.  Every observation passes unless a test asked
for failures with :meth:`TestCaseBackendMixin.fail_test_case_observations`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.arns import make_arn
from ..core.clock import now
from ..core.errors import ValidationError
from ..core.idempotency import ClientTokens
from ..core.moto_compat import ManagedState, register_transition
from ..core.pagination import Store, limit_of, page_list
from ..core.tagging import Tags
from . import testcase_content
from .exceptions import (
    DuplicateResourceException,
    InvalidRequestException,
    InvalidTestCaseException,
    ResourceNotFoundException,
)

if TYPE_CHECKING:
    from .models import Instance

EXECUTION_MODEL = "connect::test-case-execution"
register_transition(EXECUTION_MODEL, "immediate")

PUBLISHED = "PUBLISHED"
SAVED = "SAVED"
RUNNING = ("INITIATED", "IN_PROGRESS")
FINISHED = ("PASSED", "FAILED", "STOPPED")
#: StringCondition field names SearchTestCases understands (compared case-insensitively)
SEARCH_FIELDS = {"name": "Name", "description": "Description", "resourceid": "Id"}


class TestCaseVersion:
    """The content side of a test case in one status."""

    def __init__(
        self,
        status: str,
        content: str,
        entry_point: dict[str, Any] | None,
        initialization_data: str | None,
        modified_time: dt.datetime,
        modified_region: str,
    ) -> None:
        self.status = status
        self.content = content
        self.entry_point = entry_point
        self.initialization_data = initialization_data
        self.modified_time = modified_time
        self.modified_region = modified_region

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content.encode("utf-8")).hexdigest()


class TestCase:
    __test__ = False  # not a pytest class

    def __init__(self, instance_id: str, test_case_id: str, arn: str, name: str, description: str | None) -> None:
        self.instance_id = instance_id
        self.id = test_case_id
        self.arn = arn
        self.name = name
        self.description = description
        self.published: TestCaseVersion | None = None
        self.saved: TestCaseVersion | None = None

    def current(self) -> TestCaseVersion:
        """The version shown by default: published if there is one, else the draft."""
        found = self.published or self.saved
        assert found is not None
        return found

    def latest(self) -> TestCaseVersion:
        """The version an update starts from: the draft if there is one."""
        found = self.saved or self.published
        assert found is not None
        return found

    def versions(self) -> list[TestCaseVersion]:
        return [v for v in (self.published, self.saved) if v is not None]

    def put(self, version: TestCaseVersion) -> None:
        if version.status == PUBLISHED:
            self.published = version
            self.saved = None
        else:
            self.saved = version

    def view(self, version: TestCaseVersion, tags: dict[str, str]) -> dict[str, Any]:
        return {
            "Arn": self.arn,
            "Id": self.id,
            "Name": self.name,
            "Content": version.content,
            "EntryPoint": version.entry_point,
            "InitializationData": version.initialization_data,
            "Description": self.description,
            "Status": version.status,
            "LastModifiedTime": version.modified_time,
            "LastModifiedRegion": version.modified_region,
            "Tags": tags or None,
            "TestCaseSha256": version.sha256,
        }

    def summary(self) -> dict[str, Any]:
        version = self.current()
        return {
            "Id": self.id,
            "Arn": self.arn,
            "Name": self.name,
            "Status": version.status,
            "LastModifiedTime": version.modified_time,
            "LastModifiedRegion": version.modified_region,
        }


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

    def current_status(self) -> str:
        """The status now, stamping when the execution got going and when it ended."""
        status = str(self.status)
        if status != "INITIATED" and self.progress_time is None and self.stopped_from != "INITIATED":
            self.progress_time = now()
        if status in FINISHED and self.end_time is None:
            self.end_time = now()
        return status

    def stop(self) -> None:
        self.stopped_from = self.current_status()
        self.status = "STOPPED"
        self.end_time = now()

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


# -- search ----------------------------------------------------------------------
View = dict[str, Any]


def _criteria_matcher(criteria: dict[str, Any] | None, path: str = "searchCriteria") -> Callable[[View], bool]:
    """A predicate over a test-case view; bad criteria raise ValidationError."""
    if not criteria:
        return lambda view: True
    parts: list[Callable[[View], bool]] = []
    ors = [_criteria_matcher(c, f"{path}.orConditions") for c in criteria.get("OrConditions") or ()]
    if ors:
        parts.append(lambda view: any(m(view) for m in ors))
    ands = [_criteria_matcher(c, f"{path}.andConditions") for c in criteria.get("AndConditions") or ()]
    if ands:
        parts.append(lambda view: all(m(view) for m in ands))
    condition = criteria.get("StringCondition")
    if condition is not None:
        parts.append(_string_matcher(condition, f"{path}.stringCondition"))
    status = criteria.get("StatusCondition")
    if status is not None:
        parts.append(lambda view: view["Status"] == status)
    return lambda view: all(p(view) for p in parts)


def _string_matcher(condition: dict[str, Any], path: str) -> Callable[[dict[str, Any]], bool]:
    missing = [k for k in ("FieldName", "Value", "ComparisonType") if condition.get(k) is None]
    if missing:
        raise ValidationError(f"{path}: {', '.join(missing)} required in a StringCondition")
    field = SEARCH_FIELDS.get(condition["FieldName"].lower())
    if field is None:
        raise ValidationError(
            f"{path}.fieldName: {condition['FieldName']!r} is not supported;"
            " supported fields are name, description and resourceID"
        )
    value: str = condition["Value"]
    kind = condition["ComparisonType"]

    def match(view: dict[str, Any]) -> bool:
        actual = view.get(field) or ""
        if kind == "EXACT":
            return bool(actual == value)
        if kind == "STARTS_WITH":
            return bool(actual.lower().startswith(value.lower()))
        return value.lower() in actual.lower()

    return match


def _tag_matcher(tag_filter: dict[str, Any] | None) -> Callable[[dict[str, str]], bool]:
    if not tag_filter:
        return lambda tags: True

    def one(condition: dict[str, Any]) -> Callable[[dict[str, str]], bool]:
        key = condition.get("TagKey")
        if key is None:
            raise ValidationError("searchFilter.tagFilter: TagKey is required in a TagCondition")
        value = condition.get("TagValue")
        return lambda tags: key in tags and (value is None or tags[key] == value)

    parts: list[Callable[[dict[str, str]], bool]] = []
    ors = tag_filter.get("OrConditions")
    if ors is not None:
        groups = [[one(c) for c in group] for group in ors]
        parts.append(lambda tags: any(all(m(tags) for m in g) for g in groups))
    ands = tag_filter.get("AndConditions")
    if ands is not None:
        matchers = [one(c) for c in ands]
        parts.append(lambda tags: all(m(tags) for m in matchers))
    single = tag_filter.get("TagCondition")
    if single is not None:
        parts.append(one(single))
    return lambda tags: all(p(tags) for p in parts)


class TestCaseBackendMixin:
    """Test cases and executions for ``ConnectBackend`` (which provides the rest)."""

    __test__ = False

    if TYPE_CHECKING:
        region_name: str
        tags: Tags
        client_tokens: ClientTokens

        def instance(self, instance_id: str) -> Instance: ...

    def _init_test_cases(self) -> None:
        #: instance id -> its test cases, and its executions
        self.test_cases: dict[str, Store[TestCase]] = {}
        self.test_case_executions: dict[str, Store[Execution]] = {}
        #: (instance id, test case id) -> observations the next executions fail
        self.test_case_failures: dict[tuple[str, str], frozenset[str]] = {}

    def _drop_test_cases(self, instance_id: str) -> None:
        """The instance is gone: so are its test cases, executions and their tags."""
        for test_case in (self.test_cases.pop(instance_id, None) or Store()).values():
            self.tags.forget(test_case.arn)
        executions = self.test_case_executions.pop(instance_id, None) or Store()
        gone = {id(e) for e in executions.values()}
        self.client_tokens.forget_results(lambda r: id(r) in gone)
        self.test_case_failures = {k: v for k, v in self.test_case_failures.items() if k[0] != instance_id}

    # -- test cases --------------------------------------------------------------
    def _cases_of(self, instance_id: str) -> tuple[Instance, Store[TestCase]]:
        instance = self.instance(instance_id)
        return instance, self.test_cases.setdefault(instance.id, Store())

    def test_case(self, instance_id: str, test_case_id: str) -> TestCase:
        _, cases = self._cases_of(instance_id)
        found = cases.get(test_case_id)
        if found is None:
            raise ResourceNotFoundException(f"Test case not found: {test_case_id}")
        return found

    @staticmethod
    def _name_taken(cases: Store[TestCase], name: str, but: str | None = None) -> None:
        for other in cases.values():
            if other.name == name and other.id != but:
                raise DuplicateResourceException(f"A test case named {name!r} already exists: {other.id}")

    def _version(self, request: dict[str, Any], status: str, base: TestCaseVersion | None) -> TestCaseVersion:
        def pick(key: str, old: Any) -> Any:
            return request.get(key, old)

        version = TestCaseVersion(
            status,
            pick("Content", base.content if base else ""),
            pick("EntryPoint", base.entry_point if base else None),
            pick("InitializationData", base.initialization_data if base else None),
            request.get("LastModifiedTime") or now(),
            request.get("LastModifiedRegion") or self.region_name,
        )
        error = testcase_content.entry_point_error(version.entry_point)
        if error:
            raise ValidationError(error)
        return version

    @staticmethod
    def _publishable(version: TestCaseVersion) -> None:
        if version.status != PUBLISHED:
            return
        problems = testcase_content.publish_problems(version.content, version.entry_point, version.initialization_data)
        if problems:
            count = len(problems)
            raise InvalidTestCaseException(
                f"The test case cannot be published: {count} problem{'s' if count > 1 else ''} found",
                [{"message": p} for p in problems],
            )

    def create_test_case(self, caller: Any, request: dict[str, Any]) -> TestCase:
        instance, cases = self._cases_of(request["InstanceId"])
        version = self._version(request, request.get("Status") or PUBLISHED, None)
        test_case_id = request.get("TestCaseId")
        if test_case_id is not None:
            if instance.source_region is None and not instance.replications:
                raise InvalidRequestException(
                    "TestCaseId can only be given in an instance replicated with Amazon Connect Global Resiliency"
                )
            if test_case_id in cases:
                raise DuplicateResourceException(f"A test case with id {test_case_id} already exists")
        self._name_taken(cases, request["Name"])
        self._publishable(version)
        test_case_id = test_case_id or str(uuid.uuid4())
        arn = make_arn(caller, "connect", f"instance/{instance.id}/test-case/{test_case_id}")
        test_case = TestCase(instance.id, test_case_id, arn, request["Name"], request.get("Description"))
        test_case.put(version)
        cases.add(test_case_id, test_case)
        self.tags.track(arn, request.get("Tags"))
        return test_case

    def describe_test_case(self, instance_id: str, test_case_id: str, status: str | None) -> dict[str, Any]:
        test_case = self.test_case(instance_id, test_case_id)
        if status is None:
            version = test_case.current()
        else:
            found = test_case.published if status == PUBLISHED else test_case.saved
            if found is None:
                raise ResourceNotFoundException(f"Test case {test_case_id} has no {status} version")
            version = found
        return test_case.view(version, self.tags.get(test_case.arn))

    def update_test_case(self, request: dict[str, Any]) -> None:
        test_case = self.test_case(request["InstanceId"], request["TestCaseId"])
        base = test_case.latest()
        version = self._version(request, request.get("Status") or base.status, base)
        name = request.get("Name")
        if name is not None:
            self._name_taken(self.test_cases[test_case.instance_id], name, but=test_case.id)
        self._publishable(version)
        test_case.put(version)
        if name is not None:
            test_case.name = name
        if "Description" in request:
            test_case.description = request["Description"]

    def delete_test_case(self, instance_id: str, test_case_id: str) -> None:
        test_case = self.test_case(instance_id, test_case_id)
        self.test_cases[test_case.instance_id].pop(test_case.id)
        self.tags.forget(test_case.arn)
        executions = self.test_case_executions.get(test_case.instance_id) or Store()
        doomed = [e for e in executions.values() if e.test_case_id == test_case.id]
        for execution in doomed:
            executions.pop(execution.id)
        gone = {id(e) for e in doomed}
        self.client_tokens.forget_results(lambda r: id(r) in gone)
        self.test_case_failures.pop((test_case.instance_id, test_case.id), None)

    def list_test_cases(
        self, instance_id: str, next_token: str | None, max_results: int | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        _, cases = self._cases_of(instance_id)
        page, token = cases.page(next_token, limit_of(max_results, 100))
        return [c.summary() for c in page], token

    def search_test_cases(self, request: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None, int]:
        _, cases = self._cases_of(request["InstanceId"])
        matches = _criteria_matcher(request.get("SearchCriteria"))
        tags_match = _tag_matcher((request.get("SearchFilter") or {}).get("TagFilter"))
        hits: list[dict[str, Any]] = []
        for test_case in cases.values():
            tags = self.tags.get(test_case.arn)
            if not tags_match(tags):
                continue
            for version in test_case.versions():
                view = test_case.view(version, tags)
                if matches(view):
                    hits.append(view)
                    break
        page, token = page_list(hits, request.get("NextToken"), limit_of(request.get("MaxResults"), 100))
        return page, token, len(hits)

    # -- executions --------------------------------------------------------------
    def fail_test_case_observations(self, instance_id: str, test_case_id: str, observation_ids: list[str]) -> None:
        """Make the next executions of a test case fail these observations (``[]`` resets).

        Not an AWS operation: a hook for tests that need FAILED executions.
        """
        test_case = self.test_case(instance_id, test_case_id)
        self.test_case_failures[(test_case.instance_id, test_case.id)] = frozenset(observation_ids)

    def _executions_of(self, instance_id: str) -> tuple[Instance, Store[Execution]]:
        instance = self.instance(instance_id)
        return instance, self.test_case_executions.setdefault(instance.id, Store())

    def execution(self, instance_id: str, test_case_id: str, execution_id: str) -> Execution:
        test_case = self.test_case(instance_id, test_case_id)
        found = self.test_case_executions.get(test_case.instance_id, Store()).get(execution_id)
        if found is None or found.test_case_id != test_case.id:
            raise ResourceNotFoundException(f"Test case execution not found: {execution_id}")
        return found

    def start_test_case_execution(self, request: dict[str, Any]) -> tuple[Execution, str]:
        test_case = self.test_case(request["InstanceId"], request["TestCaseId"])
        token = request.get("ClientToken")
        execution, replayed = self.client_tokens.once(
            "StartTestCaseExecution",
            token,
            (test_case.instance_id, test_case.id),
            lambda: self._new_execution(test_case),
            lambda: InvalidRequestException(f"The client token {token} was already used with a different test case"),
        )
        return execution, execution.current_status() if replayed else "INITIATED"

    def _new_execution(self, test_case: TestCase) -> Execution:
        if test_case.published is None:
            raise InvalidRequestException(f"Test case {test_case.id} has no PUBLISHED version to execute")
        execution = Execution(
            test_case.instance_id,
            test_case,
            testcase_content.observations(test_case.published.content),
            self.test_case_failures.get((test_case.instance_id, test_case.id), frozenset()),
            self.tags.get(test_case.arn),
        )
        _, executions = self._executions_of(test_case.instance_id)
        executions.add(execution.id, execution)
        return execution

    def stop_test_case_execution(self, request: dict[str, Any]) -> None:
        execution = self.execution(request["InstanceId"], request["TestCaseId"], request["TestCaseExecutionId"])
        token = request.get("ClientToken")
        self.client_tokens.once(
            "StopTestCaseExecution",
            token,
            (execution.instance_id, execution.test_case_id, execution.id),
            lambda: self._stop(execution),
            lambda: InvalidRequestException(f"The client token {token} was already used with a different execution"),
        )

    @staticmethod
    def _stop(execution: Execution) -> Execution:
        status = execution.current_status()
        if status not in RUNNING:
            raise InvalidRequestException(f"Test case execution {execution.id} is {status} and cannot be stopped")
        execution.stop()
        return execution

    def test_case_execution_summary(self, instance_id: str, test_case_id: str, execution_id: str) -> dict[str, Any]:
        execution = self.execution(instance_id, test_case_id, execution_id)
        # moto's "manual" progression counts how often an execution was described;
        # counting first means this answer and every later read agree on the status
        execution.advance()
        return execution.summary()

    def list_test_case_executions(self, request: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
        instance, executions = self._executions_of(request["InstanceId"])
        start = request.get("StartTime")
        end = request.get("EndTime")
        if start is not None and end is not None and start > end:
            raise ValidationError(f"StartTime ({start}) must not be after EndTime ({end})")
        test_case_id = request.get("TestCaseId")
        name = request.get("TestCaseName")
        status = request.get("Status")
        cases = self.test_cases.get(instance.id) or Store()

        def keep(execution: Execution) -> bool:
            millis = int(execution.start_time.timestamp() * 1000)
            if test_case_id is not None and execution.test_case_id != test_case_id:
                return False
            if name is not None:
                test_case = cases.get(execution.test_case_id)
                if test_case is None or test_case.name != name:
                    return False
            if start is not None and millis < start:
                return False
            if end is not None and millis > end:
                return False
            return status is None or execution.current_status() == status

        page, token = executions.page(request.get("NextToken"), limit_of(request.get("MaxResults"), 100), keep)
        return [e.listing() for e in page], token

    def list_test_case_execution_records(self, request: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
        execution = self.execution(request["InstanceId"], request["TestCaseId"], request["TestCaseExecutionId"])
        records = execution.records()
        status = request.get("Status")
        if status is not None:
            records = [r for r in records if r["Status"] == status]
        return page_list(records, request.get("NextToken"), limit_of(request.get("MaxResults"), 100))


class TestCaseHandlers:
    """Handlers of the test-case operations, mixed into ``ConnectResponse``."""

    __test__ = False

    if TYPE_CHECKING:
        params: dict[str, Any]
        caller: Any

        @property
        def backend(self) -> Any: ...

    @property
    def _cases(self) -> TestCaseBackendMixin:
        return self.backend  # type: ignore[no-any-return]

    def create_test_case(self) -> dict[str, Any]:
        test_case = self._cases.create_test_case(self.caller, self.params)
        return {"TestCaseId": test_case.id, "TestCaseArn": test_case.arn}

    def describe_test_case(self) -> dict[str, Any]:
        p = self.params
        return {"TestCase": self._cases.describe_test_case(p["InstanceId"], p["TestCaseId"], p.get("Status"))}

    def update_test_case(self) -> None:
        self._cases.update_test_case(self.params)

    def delete_test_case(self) -> None:
        self._cases.delete_test_case(self.params["InstanceId"], self.params["TestCaseId"])

    def list_test_cases(self) -> dict[str, Any]:
        p = self.params
        page, token = self._cases.list_test_cases(p["InstanceId"], p.get("NextToken"), p.get("MaxResults"))
        return {"TestCaseSummaryList": page, "NextToken": token}

    def search_test_cases(self) -> dict[str, Any]:
        page, token, total = self._cases.search_test_cases(self.params)
        return {"TestCases": page, "NextToken": token, "ApproximateTotalCount": total}

    def start_test_case_execution(self) -> dict[str, Any]:
        execution, status = self._cases.start_test_case_execution(self.params)
        return {"TestCaseExecutionId": execution.id, "TestCaseId": execution.test_case_id, "Status": status}

    def stop_test_case_execution(self) -> None:
        self._cases.stop_test_case_execution(self.params)

    def get_test_case_execution_summary(self) -> dict[str, Any]:
        p = self.params
        return self._cases.test_case_execution_summary(p["InstanceId"], p["TestCaseId"], p["TestCaseExecutionId"])

    def list_test_case_executions(self) -> dict[str, Any]:
        page, token = self._cases.list_test_case_executions(self.params)
        return {"TestCaseExecutions": page, "NextToken": token}

    def list_test_case_execution_records(self) -> dict[str, Any]:
        page, token = self._cases.list_test_case_execution_records(self.params)
        return {"ExecutionRecords": page, "NextToken": token}
