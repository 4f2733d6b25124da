from .models import connectcampaigns_backends

__all__ = ["connectcampaigns_backends"]
