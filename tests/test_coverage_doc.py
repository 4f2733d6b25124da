"""docs/coverage.md and the README's totals are generated; they must not be stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from moto_connect_ext.coverage import botocore_version, collect, main, recorded_botocore_version

ROOT = Path(__file__).resolve().parent.parent


def test_coverage_page_is_current() -> None:
    recorded = recorded_botocore_version((ROOT / "docs" / "coverage.md").read_text())
    if recorded != botocore_version():
        pytest.skip(f"the page was generated from botocore {recorded}, this is {botocore_version()}")
    assert main(["--check", "--root", str(ROOT)]) == 0, "run: python -m moto_connect_ext.coverage --write"


def test_every_service_is_counted() -> None:
    report = {c.service: c for c in collect()}
    assert set(report) == {"connect", "connectcases", "connectcampaigns", "connectcampaignsv2"}
    assert "CreateUseCase" in report["connect"].plugin
    assert "AssociateAnalyticsDataSet" in report["connect"].moto
    assert all(c.total == c.served + len(c.missing) for c in report.values())
