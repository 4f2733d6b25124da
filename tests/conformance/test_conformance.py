"""Every served operation against its botocore model, with generated requests.

For each operation the plugin serves, one valid request built from the model and
existing resources (``seeds.World.request``) must get a 2xx whose raw JSON body
fits the output shape exactly: an operation that never succeeds fails the test,
so a handler that always raised a modeled error would not pass.  Then hypothesis
draws requests from the input shape (seeded with ids of resources that exist, so
happy paths are reached too) and sends them with client-side validation off.  A
valid request must get a 2xx whose raw JSON body fits the output shape exactly,
or one of the operation's modeled 4xx errors (or one AWS documents for it although the
model does not list it: ``DOCUMENTED_ERRORS``).  The same request broken on purpose (a
value past its max, outside its enum or pattern, a required member missing) must get the
operation's modeled validation error and change nothing.  Never a 5xx or a route miss.

``CONFORMANCE_EXAMPLES`` sets the number of examples per operation (default 4);
``CONFORMANCE_SHRINK=1`` shrinks a failing example to a minimal one (slow).  A run of at most
the default number of examples (CI's, and tox's lowest with one) draws the same examples every
time (a suite that passes keeps passing); a run with more examples, or ``CONFORMANCE_RANDOM=1``,
draws new ones to look further.
"""

from __future__ import annotations

import json
import os
from typing import Any

import boto3
import pytest
from botocore.config import Config
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from moto_connect_ext import mock_connect
from moto_connect_ext.core.model import service_model
from moto_connect_ext.core.responses import PluginResponse
from moto_connect_ext.coverage import SERVICES, collect, response_classes
from tests.conformance.seeds import HAPPY, HERE, MissingSeed, World
from tests.conformance.shapes import check_output, fingerprint
from tests.conformance.strategies import DELETE, breakages, value_strategy
from tests.helpers import raw_answer

EXAMPLES = int(os.environ.get("CONFORMANCE_EXAMPLES", "4"))
#: the default run (and a shorter one) is reproducible; asking for more examples (or randomness) explores
DERANDOMIZE = EXAMPLES <= 4 and os.environ.get("CONFORMANCE_RANDOM") != "1"
#: shrinking a failure replays the seeding many times (minutes); CONFORMANCE_SHRINK=1 asks for it
PHASES = tuple(Phase) if os.environ.get("CONFORMANCE_SHRINK") == "1" else tuple(p for p in Phase if p != Phase.shrink)
RAW = Config(parameter_validation=False, retries={"max_attempts": 1})
REGION = "us-east-1"


def _served() -> list[tuple[str, str]]:
    return [(cov.service, name) for cov in collect() for name in cov.plugin]


def _snapshot() -> Any:
    from moto.backends import get_backend

    pictures = []
    for service in SERVICES:
        try:
            backends = get_backend(service)  # type: ignore[call-overload]
        except Exception:
            continue
        for account, regional in sorted(backends.items()):
            for region, backend in sorted(regional.items()):
                pictures.append((service, account, region, fingerprint(backend.__dict__)))
    return pictures


def _call(client: Any, operation: str, request: dict[str, Any]) -> tuple[int, dict[str, Any], Any]:
    status, headers, body = raw_answer(client, operation, request)
    decoded = json.loads(body) if body.strip() else None
    assert status is not None, f"{operation}: no answer"
    return int(status), headers, decoded


def _top_level_strategy(op: Any, seeds: dict[str, list[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    shape = op.input_shape
    required, optional = {}, {}
    for name, member in shape.members.items():
        if member.serialization.get("location") == "header" and member.type_name == "timestamp":
            continue  # header timestamps travel fine but add nothing here
        strategy = value_strategy(member, seeds, name, depth=1)
        if member.serialization.get("location") == "uri" and member.type_name == "string":
            strategy = strategy.filter(lambda s: len(s.strip()) > 0 and s not in (".", ".."))
        (required if name in shape.required_members else optional)[name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


def test_every_happy_entry_names_an_operation() -> None:
    unknown = [key for key in HAPPY if key[1] not in service_model(key[0]).operation_names]
    assert not unknown, f"entries of HAPPY in {HERE} name operations the models do not have: {unknown}"


def test_every_service_has_served_operations() -> None:
    """The list below is not empty (the response classes load lazily: collect must import them)."""
    assert {service for service, _ in _served()} == set(SERVICES)


#: errors AWS documents for an operation although its model does not list them
DOCUMENTED_ERRORS: dict[tuple[str, str], set[str]] = {
    # UserSearchFilter: "combination of both is not supported and such request will throw
    # AccessDeniedException"
    ("connect", "SearchUsers"): {"AccessDeniedException"},
}


@pytest.mark.parametrize(("service", "operation"), _served())
def test_operation_conforms_to_its_model(service: str, operation: str) -> None:
    op = service_model(service).operation_model(operation)
    handler_class: type[PluginResponse] = response_classes()[service]
    plan = handler_class.protocol().plan(operation)
    modeled = {e.name for e in op.error_shapes} | DOCUMENTED_ERRORS.get((service, operation), set())
    breaks = breakages(op.input_shape) if op.input_shape is not None else []

    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION)
    made: dict[str, Any] = {}

    def clients(name: str) -> Any:
        # clients outlive the examples: creating one costs far more than a call
        if name not in made:
            made[name] = session.client(name, config=RAW)
        return made[name]

    client = clients(service)
    with mock_connect(), World(service, clients) as world:
        try:
            request = world.request(operation)
        except MissingSeed as error:
            missing = str(error)
        else:
            missing = ""
            status, headers, body = _call(client, operation, request)
    if missing:
        pytest.fail(f"{service} {operation} never got a 2xx: {missing}", pytrace=False)
    if status >= 300:
        pytest.fail(
            f"{service} {operation} never got a 2xx: the valid request built for it, {request!r}, got {status} "
            f"{headers.get('x-amzn-errortype', '')} {body!r}. If the request is wrong rather than the handler, "
            f"add an entry for ({service!r}, {operation!r}) to HAPPY in {HERE} (the state it needs, the values "
            f"that make it valid), or the resource it needs to SEEDS there.",
            pytrace=False,
        )
    problems = check_output(op.output_shape, body)
    assert problems == [], (request, problems)

    ids: dict[str, list[Any]] = {}  # the current example's, read by the strategy as it draws
    requests: list[st.SearchStrategy[dict[str, Any]]] = []

    @settings(
        max_examples=EXAMPLES,
        derandomize=DERANDOMIZE,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=PHASES,
    )
    @given(data=st.data())
    def check(data: Any) -> None:
        with mock_connect(), World(service, clients) as world:
            world.ensure(operation)  # worked for the valid request above
            ids.clear()
            ids.update(world.ids)
            if not requests:
                requests.append(_top_level_strategy(op, ids))
            request = data.draw(requests[0], label="request") if op.input_shape else {}
            status, headers, body = _call(client, operation, request)
            code = headers.get("x-amzn-errortype", "")
            assert status < 500, (status, body)
            if status < 300:
                problems = check_output(op.output_shape, body)
                assert problems == [], problems
            else:
                assert code in modeled, (status, code, body)
            if not breaks:
                return
            member, bad = data.draw(st.sampled_from(breaks), label="broken member")
            broken = dict(request)
            if bad is DELETE:
                broken.pop(member, None)
            else:
                broken[member] = bad
            before = _snapshot()
            status, headers, body = _call(client, operation, broken)
            assert (status, headers.get("x-amzn-errortype")) == (400, plan.validation_error), (member, bad, body)
            assert _snapshot() == before, f"{operation} changed state on a refused request"

    check()
