"""Valid requests for custom metric definitions: a formula over AWS-managed metrics, a fresh name."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conformance.seeds import World, happy


@happy("connect", "CreateMetric")
def _create_metric(world: World, request: dict[str, Any]) -> dict[str, Any]:
    calculation = {
        "Calculation": "100 * SUM(M1) / SUM(M2)",
        "CalculationComponents": [
            {"Alias": "M1", "MetricName": "CONTACTS_HANDLED"},
            {"Alias": "M2", "MetricName": "CONTACTS_QUEUED"},
        ],
    }
    return {**request, "Name": f"happy-{uuid.uuid4().hex[:12]}", "MetricCalculation": calculation}
