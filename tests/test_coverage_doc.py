"""docs/coverage.md and the README's totals are generated; they must be current and true.

The page says, per operation, who serves it: the plugin, moto, or nobody.  The test sends one
request per operation of each model through the mock and watches where it lands: a handler of
the plugin's response classes, a handler of moto's own response class (Connect's), or neither
(the plugin's NotImplemented answer).  Every row of the page must match what happened.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from moto_connect_ext import mock_connect
from moto_connect_ext.core.model import service_model, snake_case
from moto_connect_ext.core.responses import PluginResponse
from moto_connect_ext.coverage import SERVICES, TITLES, botocore_version, main, recorded_botocore_version
from tests.conformance.minimal import NoExample, example
from tests.helpers import raw_answer

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "coverage.md"
RAW = Config(parameter_validation=False, retries={"max_attempts": 1})
REGENERATE = "run: python -m moto_connect_ext.coverage --write"
#: the modules of moto's own response classes, for services moto serves some operations of
MOTO_RESPONSES = {"connect": "moto.connect.responses"}


def _page() -> str:
    page = PAGE.read_text()
    recorded = recorded_botocore_version(page)
    if recorded != botocore_version():
        pytest.skip(f"the page was generated from botocore {recorded}, this is {botocore_version()}")
    return page


def test_coverage_page_is_current() -> None:
    _page()
    assert main(["--check", "--root", str(ROOT)]) == 0, REGENERATE


def page_rows(page: str, service: str) -> dict[str, str]:
    """operation -> plugin / moto / no, as the page's section of ``service`` says."""
    section = page.split(f"## {TITLES[service]}\n", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| (\w+) \| (plugin|moto|no) \|$", section, flags=re.M))


def page_totals(page: str, service: str) -> tuple[int, ...]:
    """(operations, plugin, moto, not served) from the page's summary table."""
    title = re.escape(TITLES[service])
    row = re.search(rf"^\| {title} \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", page, flags=re.M)
    assert row, f"no summary row for {service} in {PAGE}"
    return tuple(int(n) for n in row.groups())


def plugin_classes(service: str) -> list[type]:
    """The plugin's response class of ``service`` and its mixins (not the shared base)."""
    import moto_connect_ext  # noqa: F401  (imports every service)

    found: list[type] = []
    pending = list(PluginResponse.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__dict__.get("SERVICE") == service:
            found.extend(k for k in cls.__mro__ if k not in PluginResponse.__mro__ and k not in found)
    assert found, f"no response class of the plugin declares SERVICE = {service!r}"
    return found


def moto_class(service: str) -> type | None:
    from moto.core.responses import BaseResponse

    name = MOTO_RESPONSES.get(service)
    if name is None:
        return None
    module = importlib.import_module(name)
    [cls] = [
        c for c in vars(module).values() if inspect.isclass(c) and issubclass(c, BaseResponse) and c.__module__ == name
    ]
    return cls


def _public_functions(cls: type) -> list[str]:
    return [n for n, v in vars(cls).items() if not n.startswith("_") and inspect.isfunction(v)]


def _watch(
    monkeypatch: pytest.MonkeyPatch, cls: type, names: list[str], who: str, calls: list[tuple[str, str]]
) -> None:
    for name in names:
        original = vars(cls)[name]

        def spy(self: Any, *args: Any, __name: str = name, __original: Any = original, **kwargs: Any) -> Any:
            calls.append((who, __name))
            return __original(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, spy)


def _request(op: Any) -> dict[str, Any]:
    """Every required member, simply valid (a made-up id where one is needed)."""
    shape = op.input_shape
    request: dict[str, Any] = {}
    if shape is None:
        return request
    for name in shape.required_members:
        member = shape.members[name]
        try:
            request[name] = example(member, {}, name)
        except NoExample:
            request[name] = "x" if member.type_name == "string" else {}
    return request


def _answer_code(client: Any, operation: str, request: dict[str, Any]) -> str:
    status, headers, _ = raw_answer(client, operation, request)
    return f"{status} {headers.get('x-amzn-errortype', '')}".strip()


@pytest.mark.parametrize("service", SERVICES)
def test_the_page_says_who_serves_each_operation(service: str, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page()
    rows = page_rows(page, service)
    model = service_model(service)
    assert sorted(rows) == sorted(model.operation_names), f"{PAGE} lists other operations than the model; {REGENERATE}"
    counts = [sum(1 for how in rows.values() if how == kind) for kind in ("plugin", "moto", "no")]
    assert page_totals(page, service) == (len(rows), *counts), f"the summary disagrees with the rows; {REGENERATE}"

    operations = {snake_case(name): name for name in model.operation_names}
    calls: list[tuple[str, str]] = []
    for cls in plugin_classes(service):
        names = _public_functions(cls)
        strays = [n for n in names if n not in operations]
        assert not strays, (
            f"{cls.__qualname__} has public methods that match no {service} operation, so no request "
            f"reaches them: {strays} (a misspelt handler? make helpers private with a leading underscore)"
        )
        _watch(monkeypatch, cls, names, "plugin", calls)
    moto_responses = moto_class(service)
    if moto_responses is not None:
        handlers = [n for n in _public_functions(moto_responses) if n in operations]
        _watch(monkeypatch, moto_responses, handlers, "moto", calls)

    client = boto3.client(
        service, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing", config=RAW
    )
    wrong = []
    with mock_connect():
        for handler, operation in sorted(operations.items()):
            calls.clear()
            answer = _answer_code(client, operation, _request(model.operation_model(operation)))
            reached = {who for who, name in calls if name == handler}
            if reached == {"plugin"}:
                seen = "plugin"
            elif reached == {"moto"}:
                seen = "moto"
            elif not reached and answer.endswith(" NotImplemented"):
                seen = "no"
            else:
                seen = f"unclear (handlers {sorted(calls)}, answer {answer})"
            if seen != rows[operation]:
                wrong.append(f"{operation}: the page says {rows[operation]!r}, the request reached {seen}")
    assert not wrong, (
        f"{PAGE} is wrong about {len(wrong)} {service} operations: {REGENERATE}; if the page is current, "
        "moto_connect_ext/coverage.py misjudges them:\n" + "\n".join(wrong)
    )
