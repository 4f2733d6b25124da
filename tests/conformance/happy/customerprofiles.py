"""Customer Profiles' base resources for conformance examples, and the requests that need more
than the model says (each family of the service adds its own entries here or in its own module)."""

from __future__ import annotations

from typing import Any

from tests.conformance.seeds import SEEDS, Clients, Ids, World, happy


def _seed_profiles(clients: Clients) -> Ids:
    profiles = clients("customer-profiles")
    profiles.create_domain(DomainName="seed", DefaultExpirationDays=365)
    arn = "arn:aws:profile:us-east-1:123456789012:domains/seed"
    return {"DomainName": ["seed"], "resourceArn": [arn]}


SEEDS["customer-profiles"] = _seed_profiles


@happy("customer-profiles", "CreateDomain")
def _create_domain(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "DomainName": "happy-domain", "DefaultExpirationDays": 30}
