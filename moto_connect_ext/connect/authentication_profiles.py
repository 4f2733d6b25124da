"""Authentication profiles, declared on the resource layer, and the rules that are their own.

An authentication profile holds the IP address restrictions and session timeouts of
an instance's users (Administrator Guide, "Set IP address restrictions and session
timeouts").  "Your instance includes a default authentication profile", which
applies to all users; the API describes, lists and updates profiles but creates
none.  The default one is the guide's example::

    Name "Default Authentication Profile", Description "A basic default Authentication
    Profile", AllowedIps [], BlockedIps [], IsDefault true, PeriodicSessionDuration 60,
    MaxSessionDuration 720, SessionInactivityDuration 60,
    SessionInactivityHandlingEnabled false

Rules:

* UpdateAuthenticationProfile changes only what it is given ("Only the settings you
  define in the API call are changed");
* ``AllowedIps``/``BlockedIps`` entries are IPv4 or IPv6 addresses or ranges in CIDR
  notation ("IP addresses can be in both IPV4 and IPV6 formats. You can define both
  individual IP addresses and IP address ranges in CIDR notation"); a range with
  host bits set, or an entry given twice in one list, is ``InvalidParameterException``;
* the maximum session duration "defaults to 12 hours and isn't configurable";
  the model's ranges bound the others (periodic 10 to 60 minutes, inactivity 15 to
  720 minutes).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from ..core.caller import Caller
from ..core.resources import Container, Resource, Resources, ResourceType
from .exceptions import InvalidParameterException

DEFAULT_PROFILE: dict[str, Any] = {
    "Name": "Default Authentication Profile",
    "Description": "A basic default Authentication Profile",
    "AllowedIps": [],
    "BlockedIps": [],
    "IsDefault": True,
    "PeriodicSessionDuration": 60,
    "MaxSessionDuration": 720,
    "SessionInactivityDuration": 60,
    "SessionInactivityHandlingEnabled": False,
}
IP_LISTS = ("AllowedIps", "BlockedIps")


def check_ip(member: str, value: str) -> None:
    """An address or a CIDR range (IPv4 or IPv6), or ``InvalidParameterException``."""
    try:
        ipaddress.ip_network(value, strict=True)
    except ValueError as error:
        raise InvalidParameterException(
            f"{member}: {value} is not an IPv4 or IPv6 address or CIDR range ({error})"
        ) from None


def _check(resources: Resources, current: Resource | None, instance: Any, attrs: dict[str, Any]) -> None:
    for member in IP_LISTS:
        seen: set[Any] = set()
        for value in attrs.get(member) or ():
            check_ip(member, value)
            network = ipaddress.ip_network(value)
            if network in seen:
                raise InvalidParameterException(f"{member}: {value} is given more than once")
            seen.add(network)


AUTHENTICATION_PROFILE = ResourceType(
    kind="authentication-profile",
    check=_check,
)


def seed_defaults(resources: Resources, instance: Container, caller: Caller) -> None:
    resources.create(AUTHENTICATION_PROFILE, instance, {k: _copy(v) for k, v in DEFAULT_PROFILE.items()}, caller)


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value
