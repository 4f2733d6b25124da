"""Connect test cases and their executions: the pieces ``ConnectBackend`` and ``ConnectResponse`` mix in.

* ``testcase_domain``: a test case and its versions (published, saved draft);
* ``testcase_content``: the Testing-language content and its checks on publishing;
* ``testcase_executions``: an execution (a moto managed state) and its records;
* ``search_criteria``: Connect's search criteria and tag filters, as predicates;
* ``testcase_backend``: the operations, ``TestCaseBackendMixin`` (named arguments);
* ``testcase_handlers``: the HTTP handlers, ``TestCaseHandlers`` (thin).
"""

from __future__ import annotations

from .testcase_backend import TestCaseBackendMixin
from .testcase_executions import EXECUTION_MODEL
from .testcase_handlers import TestCaseHandlers

__all__ = ["EXECUTION_MODEL", "TestCaseBackendMixin", "TestCaseHandlers"]
