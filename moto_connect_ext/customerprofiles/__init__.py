"""Amazon Connect Customer Profiles: domains and everything under them."""

from .models import customerprofiles_backends

__all__ = ["customerprofiles_backends"]
