"""What the other services ask Customer Profiles: does a profile (domain, segment) ARN name
one the plugin has?

A Cases case's ``customer_id`` and outbound campaigns v2's instance integration, segment
sources and profile outbound requests name Customer Profiles resources by ARN.  When the
ARN's domain is one of the plugin's (in the ARN's account and Region), what it names must
exist there; an ARN of a domain the plugin does not have is taken by its form alone, as
before Customer Profiles was served (a test that never created the domain keeps working).
Each function answers why an ARN names nothing (a message), or None.
"""

from __future__ import annotations

from typing import Any

from ..core.arns import parse_arn


def _domain(arn: str) -> tuple[Any, list[str]] | None:
    """(the domain, the rest of the ARN's path after it) when the ARN names a domain the plugin
    has; None otherwise."""
    from .models import DOMAIN, customerprofiles_backends

    parsed = parse_arn(arn)
    if parsed is None or parsed["service"] != "profile":
        return None
    parts = parsed["resource"].split("/")
    if len(parts) < 2 or parts[0] != "domains":
        return None
    try:
        backend = customerprofiles_backends[parsed["account"]][parsed["region"]]
    except KeyError:
        return None
    domain = backend.resources.find(DOMAIN, backend.account, parts[1])
    return None if domain is None else (domain, parts[2:])


def _missing(domain: Any, kind: str, noun: str, ident: str) -> str | None:
    """Why the domain has no resource of this kind and ID (None: it has one)."""
    if domain.children(kind).get(ident) is None:
        return f"{noun} {ident} does not exist in Customer Profiles domain {domain.id}"
    return None


def _child_problem(arn: str, collection: str, kind: str, noun: str) -> str | None:
    """Why an ARN (``domains/<domain>/<collection>/<id>``) names no resource of a domain the
    plugin has: not such an ARN at all, or nothing of that ID in the domain."""
    found = _domain(arn)
    if found is None:
        return None
    domain, rest = found
    if len(rest) != 2 or rest[0] != collection:
        return f"{arn} is not the ARN of a {noun.lower()}"
    return _missing(domain, kind, noun, rest[1])


def profile_problem(arn: str) -> str | None:
    """Why a profile ARN (``domains/<domain>/profiles/<id>``) names no profile of its domain."""
    from .profiles import PROFILE

    return _child_problem(arn, "profiles", PROFILE.kind, "Profile")


def has_profile(domain_arn: str, profile_id: str) -> bool | None:
    """Whether the domain an ARN names has the profile (None: the domain is not the plugin's)."""
    from .profiles import PROFILE

    found = _domain(domain_arn)
    if found is None:
        return None
    return found[0].children(PROFILE.kind).get(profile_id) is not None


def segment_problem(arn: str) -> str | None:
    """Why a segment ARN (``domains/<domain>/segment-definitions/<name>``) names no segment."""
    return _child_problem(arn, "segment-definitions", "segment-definition", "Segment definition")


def object_type_problem(domain_arn: str, name: str) -> str | None:
    """Why an object type name names no object type of the domain an ARN names."""
    found = _domain(domain_arn)
    if found is None:
        return None
    return _missing(found[0], "object-type", "Object type", name)
