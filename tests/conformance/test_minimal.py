"""The simple values valid requests are built from: every shape of the four models must have one.

Operations not served yet are covered too: they are the ones other people add next.
"""

from __future__ import annotations

import pytest

from moto_connect_ext.core.model import service_model
from moto_connect_ext.coverage import SERVICES
from tests.conformance.minimal import _fits, example, pattern_example, string_example


@pytest.mark.parametrize("service", SERVICES)
def test_every_constrained_string_has_a_value_that_fits(service: str) -> None:
    model = service_model(service)
    misfits = []
    for name in model.shape_names:
        shape = model.shape_for(name)
        if shape.type_name == "string" and (shape.metadata.get("pattern") or shape.metadata.get("enum")):
            value = string_example(shape, name)
            if not _fits(shape, value):
                misfits.append(f"{name}: {value!r} for {shape.metadata.get('pattern')!r}")
    assert not misfits, misfits


@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_has_a_simple_request(service: str) -> None:
    model = service_model(service)
    for operation in model.operation_names:
        shape = model.operation_model(operation).input_shape
        if shape is not None:
            example(shape, {}, "")  # raises NoExample, naming the shape, when it cannot


def test_patterns_give_short_readable_values() -> None:
    assert pattern_example("[a-f0-9]{32}") == "a" * 32
    assert pattern_example(r"^\d{4}-\d{2}-\d{2}$") == "1111-11-11"  # a real date
    assert pattern_example(r"(?!aws:)[a-zA-Z+-=._:/]+", 1, 128) == "a"
    assert pattern_example(r"^$|^[\p{L}\p{Z}\p{N}\-_.:=@'|]{3,}$", 0, 63) == "aaa"  # not empty when it can
    assert pattern_example("arn:.*", 20, 500) == "arn:" + "a" * 16
