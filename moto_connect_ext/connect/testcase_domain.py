"""Test cases: a test case and its versions.

A test case belongs to an instance and has up to two versions: the *published*
one (content validated, see ``testcase_content``) and a *saved* draft (content
stored as is).  Name, description and tags belong to the test case itself.
DescribeTestCase without ``Status`` shows the published version when there is
one, else the draft; publishing discards the draft.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PUBLISHED = "PUBLISHED"
SAVED = "SAVED"


@dataclass(eq=False)
class TestCaseVersion:
    """The content side of a test case in one status."""

    __test__ = False  # not a pytest class

    status: str
    content: str
    entry_point: dict[str, Any] | None
    initialization_data: str | None
    modified_time: dt.datetime
    modified_region: str

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


# -- what SearchTestCases searches: one version of a test case -----------------------
SearchItem = tuple[TestCase, TestCaseVersion]

#: StringCondition field names of SearchTestCases, and how to read them
SEARCH_FIELDS: dict[str, Callable[[SearchItem], str | None]] = {
    "name": lambda item: item[0].name,
    "description": lambda item: item[0].description,
    "resourceID": lambda item: item[0].id,
}


def _status_condition(status: str) -> Callable[[SearchItem], bool]:
    return lambda item: item[1].status == status


#: SearchTestCases' own leaf conditions
SEARCH_CONDITIONS: dict[str, Callable[[Any], Callable[[SearchItem], bool]]] = {"StatusCondition": _status_condition}
