"""Connect Cases: domains, fields, layouts, case rules, templates, tags."""

from .models import connectcases_backends

__all__ = ["connectcases_backends"]
