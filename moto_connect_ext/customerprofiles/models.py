"""Customer Profiles: the backend, and domains (what every other resource lives under).

A domain is a resource on the layer (``domains/<DomainName>``, named by its name, unique
per account and Region) under the backend's ``Account`` root; everything else (object
types, profiles, calculated attributes, segments, event streams, integrations, ...) is
declared with the domain as its root, so ``resource_root(params)`` is the request's domain.

A domain's settings are AWS's: ``DefaultExpirationDays`` (1 to 1,098), an optional KMS key
(``DefaultEncryptionKey``, a key moto's KMS has), an optional dead-letter queue (an SQS queue
moto's SQS has), ``Matching``, ``RuleBasedMatching`` (its ``Status`` moves through moto's
state manager: IN_PROGRESS -> ACTIVE for a new domain, PENDING -> IN_PROGRESS -> ACTIVE when
an existing domain turns it on) and ``DataStore``.  ``Stats`` are counted from the store.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.idempotency import ClientTokens
from ..core.moto_compat import StatefulModel, kms_key, register_transition
from ..core.resources import Container, Quota, Resource, Resources
from ..core.tagging import Tags
from .declarations import STAMPS, declare
from .exceptions import BadRequestException, ResourceNotFoundException

RULE_BASED_MATCHING_MODEL = "customer-profiles::rule-based-matching"
register_transition(RULE_BASED_MATCHING_MODEL, "immediate")

#: what ``GetDomain`` answers for settings the domain keeps (its output members)
SETTINGS = ("DefaultExpirationDays", "DefaultEncryptionKey", "DeadLetterQueueUrl", "Matching", "DataStore")
#: domains per account and Region (Customer Profiles quotas)
DOMAINS_PER_REGION = 100

_SQS_URL = re.compile(
    r"^https://(?:sqs\.)?(?P<region>[a-z0-9-]+)\.(?:queue\.)?amazonaws\.com(?:\.cn)?/(?P<account>\d{12})/(?P<name>[^/]+)$"
)


class Account(Container):
    """The root domains live under: one per backend (account and Region)."""

    def __init__(self, account_id: str) -> None:
        self.id = account_id

    @property
    def root_id(self) -> str:
        return self.id


class MatchingStatus(StatefulModel):
    """Where rule-based matching is: PENDING (an existing domain waits), IN_PROGRESS, ACTIVE."""

    def __init__(self, new_domain: bool) -> None:
        path = ["IN_PROGRESS", "ACTIVE"] if new_domain else ["PENDING", "IN_PROGRESS", "ACTIVE"]
        super().__init__(RULE_BASED_MATCHING_MODEL, list(itertools.pairwise(path)), initial=path[0])


def _rule_based_matching(domain: Resource) -> dict[str, Any] | None:
    config = domain.attrs.get("RuleBasedMatching")
    if config is None:
        return None
    status: MatchingStatus | None = domain.attrs.get("_MatchingStatus")
    if status is None:
        return dict(config)
    shown = str(status.status)
    status.advance()  # moto's state manager counts reads: the status moves after `times` of them
    return {**config, "Status": shown}


def _stats(domain: Resource) -> dict[str, int]:
    """What the domain holds, counted from the store (profiles, profile objects and their size)."""
    profiles = domain.children("profile")
    objects = [o for kind in ("profile-object",) for o in domain.children(kind).values()]
    size = sum(len(str(o.attrs.get("Object", ""))) for o in objects)
    return {
        "ProfileCount": len(profiles),
        "MeteringProfileCount": len(profiles),
        "ObjectCount": len(objects),
        "TotalSize": size,
    }


def _check_domain(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    days = attrs.get("DefaultExpirationDays")
    if days is not None and not 1 <= days <= 1098:
        raise BadRequestException("DefaultExpirationDays must be between 1 and 1098")


DOMAIN = declare(
    "domain",
    "Domain",
    "domains/{id}",
    "DomainName",
    root=True,
    computed={
        "Stats": _stats,
        "RuleBasedMatching": _rule_based_matching,
        **STAMPS,
    },
    tags_always=True,
    check=_check_domain,
    quota=Quota(
        lambda: DOMAINS_PER_REGION,
        "BadRequestException",
        "An account can have at most {limit} domains in a Region",
        first=True,
    ),
)


class CustomerProfilesBackend(BaseBackend):
    """Customer Profiles state of one account and Region."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.tags = Tags()
        self.resources = Resources(self.tags)
        self.client_tokens = ClientTokens()
        self.account = Account(account_id)

    # -- lookups -------------------------------------------------------------
    def domain(self, name: str) -> Resource:
        return self.resources.get(DOMAIN, self.account, name)

    def resource_root(self, params: dict[str, Any]) -> Resource:
        """What every resource but a domain lives under: the request's domain."""
        return self.domain(params["DomainName"])

    def tagged(self, arn: str) -> str:
        if not self.tags.knows(arn):
            raise ResourceNotFoundException(f"Resource {arn} does not exist")
        return arn

    # -- domains -------------------------------------------------------------
    def _check_settings(self, caller: Caller, settings: dict[str, Any]) -> None:
        key = settings.get("DefaultEncryptionKey")
        if key:
            parsed = parse_arn(key)
            key_id = parsed["resource"].split("/", 1)[-1] if parsed else key
            account, region = (parsed["account"], parsed["region"]) if parsed else (caller.account_id, caller.region)
            if kms_key(account, region, key_id) is None:
                raise BadRequestException(f"DefaultEncryptionKey {key} is not a KMS key that exists")
        queue = settings.get("DeadLetterQueueUrl")
        if queue:
            match = _SQS_URL.match(queue)
            if match is None:
                raise BadRequestException(f"DeadLetterQueueUrl {queue} is not an Amazon SQS queue URL")
            from moto.sqs.models import sqs_backends

            try:
                sqs_backends[match["account"]][match["region"]].get_queue(match["name"])
            except Exception:
                raise BadRequestException(f"DeadLetterQueueUrl {queue}: the queue does not exist") from None
        rules = settings.get("RuleBasedMatching") or {}
        if rules.get("Enabled") and not rules.get("MatchingRules") and "MatchingRules" in rules:
            raise BadRequestException("RuleBasedMatching.MatchingRules must name at least one rule when given")

    def create_domain(
        self, caller: Caller, name: str, settings: dict[str, Any], tags: dict[str, str] | None
    ) -> Resource:
        if self.resources.find(DOMAIN, self.account, name) is not None:
            raise BadRequestException(f"Domain {name} already exists")
        self._check_settings(caller, settings)
        attrs = {k: v for k, v in settings.items() if v is not None}
        if (attrs.get("RuleBasedMatching") or {}).get("Enabled"):
            attrs["_MatchingStatus"] = MatchingStatus(new_domain=True)
        return self.resources.create(DOMAIN, self.account, attrs, caller, tags, resource_id=name)

    def update_domain(
        self, caller: Caller, name: str, settings: dict[str, Any], tags: dict[str, str] | None
    ) -> Resource:
        domain = self.domain(name)
        self._check_settings(caller, settings)
        self.tags.check(domain.arn, tags)
        changes = {k: v for k, v in settings.items() if v is not None}
        # an empty string removes a key or a queue (UpdateDomain: "If you specify a null value...")
        for member in ("DefaultEncryptionKey", "DeadLetterQueueUrl"):
            if changes.get(member) == "":
                changes[member] = None
        rules = changes.get("RuleBasedMatching")
        if rules is not None:
            was_on = (domain.attrs.get("RuleBasedMatching") or {}).get("Enabled")
            if rules.get("Enabled") and not was_on:
                changes["_MatchingStatus"] = MatchingStatus(new_domain=False)
            elif not rules.get("Enabled"):
                changes["_MatchingStatus"] = None
        self.resources.update(domain, changes, caller)
        if tags:
            self.tags.add(domain.arn, tags)
        return domain

    def delete_domain(self, name: str) -> None:
        """The domain and everything in it."""
        domain = self.domain(name)
        self.resources.forget_tree(domain)
        self.resources.delete(domain)


customerprofiles_backends = BackendDict(CustomerProfilesBackend, "customer-profiles")
