"""The Participant Service's backend.

It keeps no state of its own: a chat's participants, tokens and transcript belong to the
Connect contact (``connect/chat.py``), so a reset of moto clears them with the contact.  A
request's token is looked up in the Connect backends of the request's Region, in every
account moto has loaded (the token, not a signature, says who the caller is).
"""

from __future__ import annotations

from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend

from ..connect.models import connect_backends


class ConnectParticipantBackend(BaseBackend):
    """One per account and Region; it finds chats in Connect's backends."""

    def connect_backends_here(self) -> list[Any]:
        """The Connect backends of this Region, in the accounts moto has loaded (none is created)."""
        found = []
        for account in list(dict.values(connect_backends)):
            backend = dict.get(account, self.region_name)
            if backend is not None:
                found.append(backend)
        return found


connectparticipant_backends = BackendDict(ConnectParticipantBackend, "connectparticipant")
