"""The Amazon Connect Participant Service: a chat's participants, their connections and transcript."""

from .models import connectparticipant_backends

__all__ = ["connectparticipant_backends"]
