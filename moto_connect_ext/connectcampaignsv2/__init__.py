"""Outbound campaigns v2: served on v1's host, with v1's backend (one state per instance)."""

from ..connectcampaigns.models import connectcampaigns_backends

#: the same BackendDict as v1's: moto's ``get_backend("connectcampaignsv2")`` finds it here
connectcampaignsv2_backends = connectcampaigns_backends

__all__ = ["connectcampaignsv2_backends"]
