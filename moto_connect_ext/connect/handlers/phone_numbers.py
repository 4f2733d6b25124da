"""Phone numbers: search the inventory, claim, import, describe, list, update, release, and their flows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.pagination import decode_token, encode_token, limit_of
from ...core.resources import Container, Resource, Resources, render
from .. import phone_numbers as pn
from ..exceptions import (
    InvalidParameterException,
    InvalidRequestException,
    ResourceNotFoundException,
)
from ..models import ConnectBackend, connect_backends
from ..phone_numbers import LEGACY_TYPES, PhoneNumbers
from .common import once

#: SearchAvailablePhoneNumbers' page size when MaxResults is not given (its most)
SEARCH_PAGE = 10
LIST_PAGE = 100


def _purged(backend: ConnectBackend) -> PhoneNumbers:
    """The backend's phone numbers, those of deleted instances released (with their client tokens)."""
    store: PhoneNumbers = backend.phone_numbers
    gone = store.purge()
    if gone:
        backend.client_tokens.forget_results(lambda result: any(result is n for n in gone))
    return store


def _account(r: Any) -> list[PhoneNumbers]:
    """The phone numbers of every Region of the caller's account."""
    return [_purged(backend) for backend in list(connect_backends[r.caller.account_id].values())]


def _store(r: Any) -> PhoneNumbers:
    return _purged(r.backend)


def _number(r: Any) -> Resource:
    return _store(r).get(r.params["PhoneNumberId"])


def _target(r: Any, both_regions: bool = False) -> Container:
    p = r.params
    return pn.target_instance(r.backend.instance, r.caller, p.get("TargetArn"), p.get("InstanceId"), both_regions)


def _backend_of(r: Any, region: str) -> ConnectBackend | None:
    """The caller's account's backend in a Region, if it has one."""
    found: ConnectBackend | None = connect_backends[r.caller.account_id].get(region)
    return found


def _home_backend(r: Any, number: Resource) -> ConnectBackend:
    """The backend holding a number (its Region's: the caller's, or a group's other Region)."""
    region = number.arn.split(":")[3]
    return r.backend if region == r.caller.region else (_backend_of(r, region) or r.backend)


def _visible_number(r: Any) -> Resource:
    """The number the request names: one of this Region, or one claimed to a traffic distribution
    group named by its full ARN from the group's other Region."""
    ident = r.params["PhoneNumberId"]
    try:
        return _store(r).get(ident)
    except ResourceNotFoundException:
        found = pn.group_number(lambda region: _stores_in(r, region), r.caller, ident)
        if found is None:
            raise
        return found


def _stores_in(r: Any, region: str) -> PhoneNumbers | None:
    backend = _backend_of(r, region)
    return _purged(backend) if backend is not None else None


def _ids(number: Resource) -> dict[str, Any]:
    return {"PhoneNumberId": number.id, "PhoneNumberArn": number.arn}


# -- the inventory ---------------------------------------------------------------------------
def search_available(r: Any) -> dict[str, Any]:
    p = r.params
    try:
        _target(r, both_regions=True)
    except ResourceNotFoundException as error:
        # SearchAvailablePhoneNumbers models no ResourceNotFoundException
        raise InvalidParameterException(error.message) from None
    stock = pn.available_numbers(
        _account(r), p["PhoneNumberCountryCode"], p["PhoneNumberType"], p.get("PhoneNumberPrefix")
    )
    start = decode_token(p["NextToken"], "avail") if p.get("NextToken") else 0
    rest = [(i, n) for i, n in stock if i >= start]
    page = rest[: limit_of(p.get("MaxResults"), SEARCH_PAGE)]
    more = len(rest) > len(page)
    return {
        "AvailableNumbersList": [
            {
                "PhoneNumber": n,
                "PhoneNumberCountryCode": p["PhoneNumberCountryCode"],
                "PhoneNumberType": p["PhoneNumberType"],
            }
            for _, n in page
        ],
        "NextToken": encode_token("avail", page[-1][0] + 1) if more else None,
    }


def _acquire(
    r: Any, operation: str, acquire: Callable[..., Resource], instance: Container, source: str
) -> dict[str, Any]:
    """Claiming and importing: ``acquire`` a number for the instance from the request's
    ``source`` member, once per client token (a retry repeats the instance, source, description and tags)."""
    p = r.params
    wanted, description, tags = p[source], p.get("PhoneNumberDescription"), p.get("Tags")
    number = once(
        r,
        operation,
        lambda: acquire(r.backend.resources, _account(r), _store(r), instance, wanted, description, tags, r.caller),
        (instance.id, wanted, description, tags),
    )
    return _ids(number)


def claim(r: Any) -> dict[str, Any]:
    return _acquire(r, "ClaimPhoneNumber", pn.claim, _target(r), "PhoneNumber")


def import_number(r: Any) -> dict[str, Any]:
    return _acquire(
        r, "ImportPhoneNumber", pn.import_number, r.backend.instance(r.params["InstanceId"]), "SourcePhoneNumberArn"
    )


# -- one number ------------------------------------------------------------------------------
def describe(r: Any) -> dict[str, Any]:
    number = _visible_number(r)
    # moto's "manual" progression counts the describes, each one before it reads the status
    pn.workflow(number).advance()
    tags = _home_backend(r, number).tags
    return {"ClaimedPhoneNumberSummary": render(number, "ClaimedPhoneNumberSummary", tags)}


def update(r: Any) -> dict[str, Any]:
    number = _number(r)
    target = _target(r)
    resources: Resources = r.backend.resources
    once(r, "UpdatePhoneNumber", lambda: pn.move(resources, number, target, r.caller), (number.id, target.id))
    return _ids(number)


def update_metadata(r: Any) -> None:
    p = r.params
    number = _number(r)
    if "PhoneNumberDescription" not in p:
        raise InvalidRequestException("PhoneNumberDescription is required: it is the metadata this operation updates")
    description = p["PhoneNumberDescription"]
    resources: Resources = r.backend.resources
    once(
        r,
        "UpdatePhoneNumberMetadata",
        lambda: pn.update_metadata(resources, number, description, r.caller),
        (number.id, description),
    )


def release(r: Any) -> None:
    p = r.params
    store = _store(r)
    token = p.get("ClientToken")
    # a retry of a release that went through answers as the release did
    number_id = p["PhoneNumberId"].rsplit("/", 1)[-1]
    if token:
        once(r, "ReleasePhoneNumber", lambda: _release(r, store), number_id)
    else:
        _release(r, store)


def _release(r: Any, store: PhoneNumbers) -> None:
    number = store.get(r.params["PhoneNumberId"])
    pn.release(r.backend.resources, store, number)
    r.backend.client_tokens.forget_results(lambda result: result is number)


def _in_instance(r: Any) -> Resource:
    """The number, claimed to the request's instance or to one of its traffic distribution groups
    (AssociatePhoneNumberContactFlow: in the group's Region, "you can use either a full phone number
    ARN or UUID value")."""
    instance = r.backend.instance(r.params["InstanceId"])
    number = _number(r)
    if pn.claimed_instance(number) is not instance:
        raise ResourceNotFoundException(f"Phone number {number.id} is not claimed to instance {instance.id}")
    return number


def associate_flow(r: Any) -> None:
    pn.associate_flow(r.backend.resources, _in_instance(r), r.params["ContactFlowId"], r.caller)


def disassociate_flow(r: Any) -> None:
    number = _in_instance(r)
    if not pn.drop_flow(r.backend.resources, number):
        raise ResourceNotFoundException(f"No flow is associated with phone number {number.id}")


# -- lists -----------------------------------------------------------------------------------
def _filter(r: Any, target: Container | None) -> Callable[[Resource], bool]:
    p = r.params
    types = frozenset(p.get("PhoneNumberTypes") or ())
    countries = frozenset(p.get("PhoneNumberCountryCodes") or ())
    prefix = "+" + pn.prefix_digits(p["PhoneNumberPrefix"]) if p.get("PhoneNumberPrefix") else None

    def keep(number: Resource) -> bool:
        attrs = number.attrs
        return (
            (target is None or number.parent is target)
            and (not types or attrs["PhoneNumberType"] in types)
            and (not countries or attrs["PhoneNumberCountryCode"] in countries)
            and (prefix is None or attrs["PhoneNumber"].startswith(prefix))
        )

    return keep


def _page(
    r: Any, keep: Callable[[Resource], bool], store: PhoneNumbers | None = None
) -> tuple[list[Resource], str | None]:
    p = r.params
    numbers = (store or _store(r)).numbers
    return numbers.page(p.get("NextToken"), limit_of(p.get("MaxResults"), LIST_PAGE), keep)


def list_v1(r: Any) -> dict[str, Any]:
    instance = r.backend.instance(r.params["InstanceId"])
    page, token = _page(r, _filter(r, instance))
    summaries = []
    for number in page:
        out = render(number, "PhoneNumberSummary", r.backend.tags)
        out["PhoneNumberType"] = LEGACY_TYPES.get(out["PhoneNumberType"], out["PhoneNumberType"])
        summaries.append(out)
    return {"PhoneNumberSummaryList": summaries, "NextToken": token}


def list_v2(r: Any) -> dict[str, Any]:
    p = r.params
    target = _target(r, both_regions=True) if "TargetArn" in p or "InstanceId" in p else None
    # a traffic distribution group's numbers are kept in the group's Region, whichever Region asks
    home = r.backend
    if isinstance(target, Resource):
        home = _backend_of(r, target.arn.split(":")[3]) or r.backend
    page, token = _page(r, _filter(r, target), _purged(home))
    return {
        "ListPhoneNumbersSummaryList": [render(n, "ListPhoneNumbersSummary", home.tags) for n in page],
        "NextToken": token,
    }


HANDLERS = {
    "search_available_phone_numbers": search_available,
    "claim_phone_number": claim,
    "import_phone_number": import_number,
    "describe_phone_number": describe,
    "list_phone_numbers": list_v1,
    "list_phone_numbers_v2": list_v2,
    "update_phone_number": update,
    "update_phone_number_metadata": update_metadata,
    "release_phone_number": release,
    "associate_phone_number_contact_flow": associate_flow,
    "disassociate_phone_number_contact_flow": disassociate_flow,
}
