"""Access to the botocore models, compiled once per service and operation.

Everything the plugin knows about an operation (its route, its input and output
shapes, its modeled errors) comes from the botocore model installed with boto3.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from botocore.model import OperationModel, ServiceModel

_session_lock = threading.Lock()
_session: Any = None


def _botocore_session() -> Any:
    global _session
    with _session_lock:
        if _session is None:
            import botocore.session

            _session = botocore.session.get_session()
        return _session


@functools.cache
def service_model(service_name: str) -> ServiceModel:
    """The botocore service model of a boto3 service name (cached)."""
    return _botocore_session().get_service_model(service_name)


def snake_case(name: str) -> str:
    """``CreateUseCase`` -> ``create_use_case`` (botocore's own conversion)."""
    from botocore import xform_name

    return str(xform_name(name))


_LABEL = re.compile(r"\{([^}]+)\}")


@dataclass
class Route:
    """One operation's HTTP binding, compiled into a path regex."""

    operation: OperationModel
    method: str
    regex: re.Pattern[str]
    # literal characters of the template: more literal text = more specific route
    specificity: int
    labels: dict[str, str] = field(default_factory=dict)  # regex group -> member


def compile_route(op: OperationModel) -> Route:
    uri = op.http["requestUri"].split("?", 1)[0]
    labels: dict[str, str] = {}
    parts: list[str] = []
    pos = 0
    for index, match in enumerate(_LABEL.finditer(uri)):
        parts.append(re.escape(uri[pos : match.start()]))
        label = match.group(1)
        greedy = label.endswith("+")
        member = label.rstrip("+")
        group = f"g{index}"
        labels[group] = member
        parts.append(f"(?P<{group}>.+)" if greedy else f"(?P<{group}>[^/]+)")
        pos = match.end()
    # a trailing slash is optional on the wire (SDKs other than botocore drop it)
    parts.append(re.escape(uri[pos:].rstrip("/")) + "/?")
    regex = re.compile("^" + "".join(parts) + "$")
    specificity = len(_LABEL.sub("", uri))
    return Route(op, op.http["method"].upper(), regex, specificity, labels)
