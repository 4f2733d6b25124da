from .models import connect_backends

__all__ = ["connect_backends"]
