"""Participant Service handlers: a token opens a participant of a chat contact (or of a web
call, for its meeting connection); the rules are Connect's (``connect/chat.py``).

"The Amazon Connect Participant Service APIs do not use Signature Version 4 authentication":
requests are authorised by their participant or connection token, so moto's IAM access
control does not apply to them."""

from __future__ import annotations

from typing import Any

from ..connect import chat
from ..core.errors import AccessDeniedException, ResourceNotFoundException
from ..core.responses import PluginResponse
from .models import ConnectParticipantBackend, connectparticipant_backends


class ConnectParticipantResponse(PluginResponse):
    SERVICE = "connectparticipant"
    BACKENDS = connectparticipant_backends
    ARN_SERVICE = "connect"
    backend: ConnectParticipantBackend

    @classmethod
    def authorize(cls, *args: Any, **kwargs: Any) -> None:
        """Tokens, not SigV4, authorise the Participant Service's requests (see the module)."""

    # -- tokens ----------------------------------------------------------------------------
    def _grant(self, member: str, connection: bool) -> tuple[Any, chat.Chat, chat.Participant]:
        token = self.params[member]
        for backend in self.backend.connect_backends_here():
            found = chat.granted(backend, token, connection)
            if found is not None:
                return backend, found[0], found[1]
        raise AccessDeniedException("You do not have sufficient access to perform this action.")

    def _connection(self) -> tuple[Any, chat.Chat, chat.Participant]:
        return self._grant("ConnectionToken", True)

    def _retried(self, who: chat.Participant, operation: str, make: Any) -> Any:
        request = {k: v for k, v in self.params.items() if k not in ("ClientToken", "ConnectionToken")}
        return chat.retried(who, operation, self.params.get("ClientToken"), request, make)

    # -- connections -----------------------------------------------------------------------
    def create_participant_connection(self) -> dict[str, Any]:
        p = self.params
        kinds = p.get("Type") or []
        backends, token = self.backend.connect_backends_here(), p["ParticipantToken"]
        if not any(token in chat.tokens(found) for found in backends):
            # not a chat's token: a web call's participant asks for its meeting connection
            for found in backends:
                call = chat.call_granted(found, token)
                if call is not None:
                    return chat.connect_call(call[0], call[1], self.caller.region, kinds)
        backend, session, who = self._grant("ParticipantToken", False)
        if not kinds and not p.get("ConnectParticipant"):
            raise chat.ValidationError("Type must name at least one of WEBSOCKET and CONNECTION_CREDENTIALS")
        return chat.connect(backend, session, who, self.caller.region, kinds, bool(p.get("ConnectParticipant")))

    def disconnect_participant(self) -> None:
        backend, session, who = self._connection()
        self._retried(
            who, "DisconnectParticipant", lambda: chat.disconnect(backend.resources, session, who, self.caller)
        )

    # -- messages and events -------------------------------------------------------------
    def send_message(self) -> dict[str, Any]:
        p = self.params
        _, session, who = self._connection()

        def make() -> dict[str, Any]:
            item = chat.send_message(session, who, p["ContentType"], p["Content"])
            return {"Id": item.id, "AbsoluteTime": chat.iso(item.time)}

        return dict(self._retried(who, "SendMessage", make))

    def send_event(self) -> dict[str, Any]:
        p = self.params
        _, session, who = self._connection()

        def make() -> dict[str, Any]:
            item = chat.send_event(session, who, p["ContentType"], p.get("Content"))
            return {"Id": item.id, "AbsoluteTime": chat.iso(item.time)}

        return dict(self._retried(who, "SendEvent", make))

    def get_transcript(self) -> dict[str, Any]:
        p = self.params
        _, session, _who = self._connection()
        target, items = chat.transcript_items(session, p.get("ContactId"))
        page, token = chat.page_transcript(
            [item for item, _ in items],
            target.id,
            max_results=p.get("MaxResults") or 10,
            next_token=p.get("NextToken"),
            scan=p.get("ScanDirection"),
            sort=p.get("SortOrder"),
            start=p.get("StartPosition"),
        )
        return {
            "InitialContactId": target.attrs.get("InitialContactId", target.id),
            "Transcript": page,
            "NextToken": token,
        }

    # -- attachments -----------------------------------------------------------------------
    def start_attachment_upload(self) -> dict[str, Any]:
        p = self.params
        _, session, who = self._connection()

        def make() -> dict[str, Any]:
            return dict(
                chat.start_attachment(
                    session, who, p["AttachmentName"], p["ContentType"], p["AttachmentSizeInBytes"], self.caller
                )
            )

        return dict(self._retried(who, "StartAttachmentUpload", make))

    def complete_attachment_upload(self) -> None:
        p = self.params
        _, session, who = self._connection()
        self._retried(
            who,
            "CompleteAttachmentUpload",
            lambda: chat.complete_attachment(session, who, p["AttachmentIds"][0], self.caller),
        )

    def get_attachment(self) -> dict[str, Any]:
        p = self.params
        _, session, who = self._connection()
        return chat.attachment_url(
            session, who, p["AttachmentId"], p.get("UrlExpiryInSeconds"), p.get("UrlContentDisposition")
        )

    # -- views and authentication ------------------------------------------------------------
    def describe_view(self) -> dict[str, Any]:
        _, session, _who = self._connection()
        view = session.views.get(self.params["ViewToken"])
        if view is None:
            raise ResourceNotFoundException(
                "View not found for this view token", ResourceId=self.params["ViewToken"][:256]
            )
        return {"View": view}

    def get_authentication_url(self) -> dict[str, Any]:
        p = self.params
        _, session, _who = self._connection()
        url = chat.authentication_url(session, p["SessionId"], p["RedirectUri"], self.caller.region)
        return {"AuthenticationUrl": url}

    def cancel_participant_authentication(self) -> None:
        _, session, _who = self._connection()
        chat.cancel_authentication(session, self.params["SessionId"])
