"""A real SMTP server on 127.0.0.1 for the test-mail tests (aiosmtpd in a thread of its own)."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (closed again at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Received:
    """One message as the server got it: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    login: str | None

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Mailbox:
    """What the server received, and whom it refuses."""

    received: list[Received] = field(default_factory=list)
    refused_recipients: set[str] = field(default_factory=set)
    refused_senders: set[str] = field(default_factory=set)
    logins: dict[str, str] = field(default_factory=dict)

    async def handle_MAIL(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        mail_options: list[str],
    ) -> str:
        if address in self.refused_senders:
            return "553 5.7.1 Sender not owned by the authenticated user"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address in self.refused_recipients:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        login = session.auth_data.login.decode() if session.authenticated else None
        self.received.append(
            Received(
                str(envelope.mail_from),
                list(envelope.rcpt_tos),
                bytes(envelope.content or b""),
                login,
            )
        )
        return "250 Message accepted for delivery"

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user, password = auth_data.login.decode(), auth_data.password.decode()
        # handled=False: aiosmtpd itself answers 235 or 535.
        ok = self.logins.get(user) == password
        return AuthResult(success=ok, handled=False, auth_data=auth_data)


@contextmanager
def smtp_server(logins: dict[str, str] | None = None) -> Iterator[tuple[Mailbox, int]]:
    """A server on 127.0.0.1; with ``logins`` it offers AUTH (over plain SMTP) and requires it."""
    mailbox = Mailbox(logins=dict(logins or {}))
    port = free_port()
    options: dict[str, Any] = {}
    if logins is not None:
        options = {
            "authenticator": mailbox.authenticate,
            "auth_require_tls": False,
            "auth_required": True,
        }
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()
