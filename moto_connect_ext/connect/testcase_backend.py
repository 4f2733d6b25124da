"""The test-case operations of the Connect backend: test cases, their search and executions.

``TestCaseBackendMixin`` is mixed into ``ConnectBackend`` (``connect/models.py``),
which provides the instances, tags and client tokens.  Its methods take the
request's members as named arguments; the handlers (``testcase_handlers``)
unpack the request into them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..core.arns import make_arn
from ..core.caller import Caller
from ..core.clock import now
from ..core.errors import ValidationError
from ..core.idempotency import ClientTokens
from ..core.pagination import Store, limit_of, page_list
from ..core.tagging import Tags
from . import testcase_content
from .exceptions import (
    DuplicateResourceException,
    InvalidRequestException,
    InvalidTestCaseException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
)
from .search_criteria import criteria_matcher, tag_matcher
from .testcase_domain import PUBLISHED, SEARCH_CONDITIONS, SEARCH_FIELDS, TestCase, TestCaseVersion
from .testcase_executions import MAX_QUEUED, RUNNING, Execution

if TYPE_CHECKING:
    from .models import Instance

#: default page size of the test-case lists and searches (the model's upper bound of MaxResults)
PAGE = 100


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
        self._forget_tokens(executions.values())
        self.test_case_failures = {k: v for k, v in self.test_case_failures.items() if k[0] != instance_id}

    def _forget_tokens(self, executions: Iterable[Execution]) -> None:
        """Executions that are gone: a client token that started or stopped one can be used again."""
        gone = {id(e) for e in executions}
        self.client_tokens.forget_results(lambda r: id(r) in gone)

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

    def _version(
        self,
        status: str,
        base: TestCaseVersion | None,
        content: str | None,
        entry_point: dict[str, Any] | None,
        initialization_data: str | None,
        modified_time: dt.datetime | None,
        modified_region: str | None,
    ) -> TestCaseVersion:
        """A new version: the members given, the others from ``base`` (the version updated)."""
        version = TestCaseVersion(
            status,
            content if content is not None else (base.content if base else ""),
            entry_point if entry_point is not None else (base.entry_point if base else None),
            initialization_data if initialization_data is not None else (base.initialization_data if base else None),
            modified_time or now(),
            modified_region or self.region_name,
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

    def create_test_case(
        self,
        caller: Caller,
        instance_id: str,
        name: str,
        content: str,
        *,
        description: str | None = None,
        entry_point: dict[str, Any] | None = None,
        initialization_data: str | None = None,
        status: str | None = None,
        test_case_id: str | None = None,
        tags: dict[str, str] | None = None,
        last_modified_time: dt.datetime | None = None,
        last_modified_region: str | None = None,
    ) -> TestCase:
        """CreateTestCase; ``status`` defaults to PUBLISHED (the content is checked)."""
        instance, cases = self._cases_of(instance_id)
        version = self._version(
            status or PUBLISHED,
            None,
            content,
            entry_point,
            initialization_data,
            last_modified_time,
            last_modified_region,
        )
        if test_case_id is not None:
            if instance.source_region is None and not instance.replications:
                raise InvalidRequestException(
                    "TestCaseId can only be given in an instance replicated with Amazon Connect Global Resiliency"
                )
            if test_case_id in cases:
                raise DuplicateResourceException(f"A test case with id {test_case_id} already exists")
        self._name_taken(cases, name)
        self._publishable(version)
        test_case_id = test_case_id or str(uuid.uuid4())
        arn = make_arn(caller, "connect", f"instance/{instance.id}/test-case/{test_case_id}")
        test_case = TestCase(instance.id, test_case_id, arn, name, description)
        test_case.put(version)
        cases.add(test_case_id, test_case)
        self.tags.track(arn, tags)
        return test_case

    def describe_test_case(self, instance_id: str, test_case_id: str, status: str | None = None) -> dict[str, Any]:
        test_case = self.test_case(instance_id, test_case_id)
        if status is None:
            version = test_case.current()
        else:
            found = test_case.published if status == PUBLISHED else test_case.saved
            if found is None:
                raise ResourceNotFoundException(f"Test case {test_case_id} has no {status} version")
            version = found
        return test_case.view(version, self.tags.get(test_case.arn))

    def update_test_case(
        self,
        instance_id: str,
        test_case_id: str,
        *,
        content: str | None = None,
        entry_point: dict[str, Any] | None = None,
        initialization_data: str | None = None,
        name: str | None = None,
        description: str | None = None,
        status: str | None = None,
        last_modified_time: dt.datetime | None = None,
        last_modified_region: str | None = None,
    ) -> None:
        """UpdateTestCase: the members given (not None) replace those of the latest version."""
        test_case = self.test_case(instance_id, test_case_id)
        base = test_case.latest()
        version = self._version(
            status or base.status,
            base,
            content,
            entry_point,
            initialization_data,
            last_modified_time,
            last_modified_region,
        )
        if name is not None:
            self._name_taken(self.test_cases[test_case.instance_id], name, but=test_case.id)
        self._publishable(version)
        test_case.put(version)
        if name is not None:
            test_case.name = name
        if description is not None:
            test_case.description = description

    def delete_test_case(self, instance_id: str, test_case_id: str) -> None:
        test_case = self.test_case(instance_id, test_case_id)
        self.test_cases[test_case.instance_id].pop(test_case.id)
        self.tags.forget(test_case.arn)
        executions = self.test_case_executions.get(test_case.instance_id) or Store()
        doomed = [e for e in executions.values() if e.test_case_id == test_case.id]
        for execution in doomed:
            executions.pop(execution.id)
        self._forget_tokens(doomed)
        self.test_case_failures.pop((test_case.instance_id, test_case.id), None)

    def list_test_cases(
        self, instance_id: str, next_token: str | None = None, max_results: int | None = None
    ) -> tuple[list[dict[str, Any]], str | None]:
        _, cases = self._cases_of(instance_id)
        page, token = cases.page(next_token, limit_of(max_results, PAGE))
        return [c.summary() for c in page], token

    def search_test_cases(
        self,
        instance_id: str,
        search_criteria: dict[str, Any] | None = None,
        search_filter: dict[str, Any] | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> tuple[list[dict[str, Any]], str | None, int]:
        """(page of full test cases, next token, number of matches).

        A test case matches when one of its versions does (the published one
        first) and is shown as that version.
        """
        _, cases = self._cases_of(instance_id)
        matches = criteria_matcher(search_criteria, SEARCH_FIELDS, SEARCH_CONDITIONS)
        tags_match = tag_matcher((search_filter or {}).get("TagFilter"))

        def shown(test_case: TestCase) -> TestCaseVersion | None:
            if not tags_match(self.tags.get(test_case.arn)):
                return None
            return next((v for v in test_case.versions() if matches((test_case, v))), None)

        # creation order with a sequence token: a walk is stable while test cases come and go
        page, token = cases.page(next_token, limit_of(max_results, PAGE), lambda tc: shown(tc) is not None)
        views = []
        for test_case in page:
            version = shown(test_case)
            assert version is not None
            views.append(test_case.view(version, self.tags.get(test_case.arn)))
        return views, token, sum(1 for tc in cases.values() if shown(tc) is not None)

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

    def start_test_case_execution(
        self, instance_id: str, test_case_id: str, client_token: str | None = None
    ) -> tuple[Execution, str]:
        """(the execution, the status to answer): a retry with the same token gets the same execution."""
        test_case = self.test_case(instance_id, test_case_id)
        execution, replayed = self.client_tokens.once(
            "StartTestCaseExecution",
            client_token,
            (test_case.instance_id, test_case.id),
            lambda: self._new_execution(test_case),
            lambda: InvalidRequestException(
                f"The client token {client_token} was already used with a different test case"
            ),
        )
        return execution, execution.current_status() if replayed else "INITIATED"

    def _new_execution(self, test_case: TestCase) -> Execution:
        if test_case.published is None:
            raise InvalidRequestException(f"Test case {test_case.id} has no PUBLISHED version to execute")
        _, executions = self._executions_of(test_case.instance_id)
        if sum(e.current_status() in RUNNING for e in executions.values()) >= MAX_QUEUED:
            raise ServiceQuotaExceededException(
                f"The instance already has {MAX_QUEUED} test case executions queued or running"
            )
        execution = Execution(
            test_case.instance_id,
            test_case,
            testcase_content.observations(test_case.published.content),
            self.test_case_failures.get((test_case.instance_id, test_case.id), frozenset()),
            self.tags.get(test_case.arn),
        )
        executions.add(execution.id, execution)
        self._execution_contact(execution, test_case)
        return execution

    def _execution_contact(self, execution: Execution, test_case: TestCase) -> None:
        """The contact an execution simulates: an inbound call to the entry point's flow or
        number (VOICE_CALL), or a chat started on its flow (CHAT), disconnected by the flow
        when the execution ends."""
        from . import contacts
        from .flows import CONTACT_FLOW
        from .models import ConnectBackend

        backend: ConnectBackend = self  # type: ignore[assignment]
        entry = (test_case.published.entry_point if test_case.published else None) or {}
        voice = entry.get("Type") != "CHAT"
        parameters = entry.get("VoiceCallEntryPointParameters" if voice else "ChatEntryPointParameters") or {}
        attrs: dict[str, Any] = {"ContactFlowId": parameters.get("FlowId"), "Name": test_case.name[:512]}
        if parameters.get("SourcePhoneNumber"):
            attrs["CustomerEndpoint"] = {"Type": "TELEPHONE_NUMBER", "Address": parameters["SourcePhoneNumber"]}
        if parameters.get("DestinationPhoneNumber"):
            attrs["SystemEndpoint"] = {"Type": "TELEPHONE_NUMBER", "Address": parameters["DestinationPhoneNumber"]}
        caller = backend._own_caller()
        instance = backend.instance(test_case.instance_id)
        flow = attrs.pop("ContactFlowId")
        if flow is not None and backend.resources.find(CONTACT_FLOW, instance, flow) is not None:
            attrs["ContactFlowId"] = flow  # (a flow the instance does not have is simulated, not referenced)
        contact = contacts.start(
            backend.resources, instance, caller, "VOICE" if voice else "CHAT", "INBOUND" if voice else "API", attrs
        )
        execution.on_finish = lambda: contacts.end(backend.resources, contact, caller, "CONTACT_FLOW_DISCONNECT")

    def stop_test_case_execution(
        self, instance_id: str, test_case_id: str, execution_id: str, client_token: str | None = None
    ) -> None:
        execution = self.execution(instance_id, test_case_id, execution_id)
        self.client_tokens.once(
            "StopTestCaseExecution",
            client_token,
            (execution.instance_id, execution.test_case_id, execution.id),
            lambda: self._stop(execution),
            lambda: InvalidRequestException(
                f"The client token {client_token} was already used with a different execution"
            ),
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

    def list_test_case_executions(
        self,
        instance_id: str,
        *,
        test_case_id: str | None = None,
        test_case_name: str | None = None,
        start_time: int | None = None,
        end_time: int | None = None,
        status: str | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Executions in start order; ``start_time``/``end_time`` are epoch milliseconds."""
        instance, executions = self._executions_of(instance_id)
        if start_time is not None and end_time is not None and start_time > end_time:
            raise ValidationError(f"StartTime ({start_time}) must not be after EndTime ({end_time})")
        cases = self.test_cases.get(instance.id) or Store()

        def keep(execution: Execution) -> bool:
            millis = int(execution.start_time.timestamp() * 1000)
            if test_case_id is not None and execution.test_case_id != test_case_id:
                return False
            if test_case_name is not None:
                test_case = cases.get(execution.test_case_id)
                if test_case is None or test_case.name != test_case_name:
                    return False
            if start_time is not None and millis < start_time:
                return False
            if end_time is not None and millis > end_time:
                return False
            return status is None or execution.current_status() == status

        page, token = executions.page(next_token, limit_of(max_results, PAGE), keep)
        return [e.listing() for e in page], token

    def list_test_case_execution_records(
        self,
        instance_id: str,
        test_case_id: str,
        execution_id: str,
        *,
        status: str | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        execution = self.execution(instance_id, test_case_id, execution_id)
        records = execution.records()
        if status is not None:
            records = [r for r in records if r["Status"] == status]
        return page_list(records, next_token, limit_of(max_results, PAGE))
