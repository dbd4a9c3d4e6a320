"""Send a test mail: the newsletter, as the ``.eml`` export builds it, to the officer's own inbox.

Before the newsletter goes to the email service, the officer sends it to themselves to see it
in their real mail program. The message is the one the ``eml`` export writes (the same
function builds it), with "[Test] " before the subject, sent over SMTP with ``smtplib``.
Every failure becomes a SendError whose message says what went wrong and what to check.
"""

from __future__ import annotations

import base64
import concurrent.futures
import ipaddress
import smtplib
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Final, Literal, get_args

from composer import eml
from composer.errors import ComposerError, SendError
from composer.export import Progress, eml_message
from composer.i18n import ui_message as _
from composer.images import ImageCache
from composer.links import ascii_host, character_name, unprintable_character
from composer.model import Bundle

Security = Literal["starttls", "ssl", "none"]
SECURITIES: Final[tuple[Security, ...]] = get_args(Security)
#: The usual port of each kind of connection: submission with STARTTLS, SMTPS, plain SMTP.
DEFAULT_PORTS: Final[dict[Security, int]] = {"starttls": 587, "ssl": 465, "none": 25}
#: Seconds to wait for the server at each step; a test mail is small.
DEFAULT_TIMEOUT: Final = 30.0
#: Steps after the pictures and the render: connecting, sending.
_SEND_STEPS: Final = 2


#: Before the subject of a test mail; the same word in Swedish, so not translated.
TEST_PREFIX: Final = "[Test] "


def test_subject(subject: str) -> str:
    """The subject of a test mail: "[Test] " before the newsletter's own."""
    return TEST_PREFIX + subject


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: the outgoing mail server of the user's account.

    Attributes:
        host: the server's name, e.g. ``smtp.office365.com``.
        port: its port; None for the usual one of ``security`` (587, 465 or 25).
        security: ``starttls`` (plain connection made secure), ``ssl`` (secure from the start)
            or ``none`` (unencrypted: for a server on this computer or network only).
        user: the login name; empty to send without logging in.
        timeout: seconds to wait for the server at each step.
    """

    host: str
    port: int | None = None
    security: Security = "starttls"
    user: str = ""
    timeout: float = DEFAULT_TIMEOUT

    @property
    def effective_port(self) -> int:
        """The port connected to: the one given, else the usual one of the security."""
        return self.port if self.port is not None else DEFAULT_PORTS[self.security]


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_server(server: SmtpSettings, password: str | None) -> None:
    """Refuse settings that cannot work, before any slow work."""
    host = server.host.strip()
    try:
        ascii_host(host)  # a name IDNA refuses would fail deep in socket or ssl
    except ValueError:
        host = ""
    if not host or any(char.isspace() for char in host) or unprintable_character(host):
        raise SendError(
            _(
                "The mail server “{host}” is not a server name. Give the outgoing (SMTP) server "
                "of your mail account, such as smtp.office365.com."
            ).format(host=server.host)
        )
    if server.security not in SECURITIES:
        raise SendError(
            _("“{security}” is not a kind of connection; choose one of {choices}.").format(
                security=server.security, choices=", ".join(SECURITIES)
            )
        )
    if not 0 < server.effective_port < 65536:
        raise SendError(
            _(
                "The port {port} is not a port number: usually it is 587 (STARTTLS), 465 (SSL) "
                "or 25."
            ).format(port=server.effective_port)
        )
    if char := unprintable_character(server.user):
        # smtplib writes the name into commands; a line break would start one of its own.
        raise SendError(
            _(
                "The user name holds a line break or another control character ({code}). Type "
                "the login name of the mail account again."
            ).format(code=character_name(char))
        )
    if server.user and password is None:
        raise SendError(
            _(
                "A user name is given but no password. Give the password of the mail account, "
                "or leave the user name empty if the server needs no login."
            )
        )
    if server.user and server.security == "none" and not _is_loopback(server.host):
        # The password would cross the network readable by anyone on the way.
        raise SendError(
            _(
                "The password would be sent unencrypted to “{host}”. Choose STARTTLS or SSL as "
                "the security; an unencrypted connection is for a server on this computer only."
            ).format(host=server.host)
        )


def _reply(exc: smtplib.SMTPResponseException) -> str:
    """The server's answer, readable: ``550 5.1.1 No such user``."""
    text = exc.smtp_error
    reply = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{exc.smtp_code} {' '.join(reply.split())}".strip()


def _connect(server: SmtpSettings) -> smtplib.SMTP:
    host, port = ascii_host(server.host.strip()), server.effective_port
    if server.security == "ssl":
        return smtplib.SMTP_SSL(
            host, port, timeout=server.timeout, context=ssl.create_default_context()
        )
    return smtplib.SMTP(host, port, timeout=server.timeout)


def _login(smtp: smtplib.SMTP, host: str, user: str, password: str) -> None:
    """Log in; a user name or password with å, ä or ö goes as UTF-8 (RFC 4616)."""
    if (user + password).isascii():
        smtp.login(user, password)
        return
    # smtplib encodes credentials as ASCII and fails on "lösenord"; PLAIN and LOGIN carry the
    # UTF-8 bytes, which is what servers compare with.
    smtp.ehlo_or_helo_if_needed()
    if not smtp.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("AUTH not offered")
    offered = smtp.esmtp_features["auth"].upper().split()
    encoded_user = base64.b64encode(user.encode("utf-8")).decode("ascii")
    encoded_password = base64.b64encode(password.encode("utf-8")).decode("ascii")
    if "PLAIN" in offered:
        token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
        code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
    elif "LOGIN" in offered:
        code, reply = smtp.docmd("AUTH", f"LOGIN {encoded_user}")
        if code == 334:
            code, reply = smtp.docmd(encoded_password)
    else:
        raise SendError(
            _(
                "The mail server {host} cannot take a user name or password with letters "
                "outside A–Z ({methods}). Use an app password made of A–Z and digits."
            ).format(host=host, methods=" ".join(offered))
        )
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _deliver(
    message: EmailMessage,
    data: bytes,
    to: Sequence[str],
    server: SmtpSettings,
    password: str | None,
    step: Callable[[str], None],
) -> None:
    """Connect, secure, log in and send ``data``; smtplib's exceptions pass through."""
    sender = message["From"].addresses[0].addr_spec
    host = server.host.strip()
    step(_("Connecting to {host}…").format(host=host))
    with _connect(server) as smtp:
        if server.security == "starttls":
            smtp.ehlo()
            if not smtp.has_extn("starttls"):
                raise SendError(
                    _(
                        "The mail server {host} does not offer STARTTLS on port {port}, so the "
                        "connection cannot be made secure. Check the port, or choose SSL "
                        "(usually port 465)."
                    ).format(host=host, port=server.effective_port)
                )
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if server.user:
            _login(smtp, host, server.user, password or "")
        step(_("Sending the test mail…"))
        refused = smtp.sendmail(sender, list(to), data)
        if refused:
            # Some were accepted, some not: the user must know which did not get it.
            raise SendError(
                _(
                    "The mail server did not accept these recipients: {refused}. The others "
                    "were sent the test mail. Check the addresses."
                ).format(
                    refused="; ".join(
                        f"{address} ({code} {reply.decode('utf-8', 'replace')})"
                        for address, (code, reply) in refused.items()
                    )
                )
            )


def _explain(exc: BaseException, server: SmtpSettings) -> SendError:
    """The SendError a user understands for what ``smtplib``, ``ssl`` or the network raised."""
    host, port = server.host.strip(), server.effective_port
    if isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(
        exc.__context__, TimeoutError | ssl.SSLError
    ):
        # smtplib reports a read that timed out or failed in TLS as "disconnected".
        return _explain(exc.__context__, server)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SendError(
            _(
                "The mail server refused the login ({reply}). Check the user name and "
                "password; many services (Gmail, Microsoft 365) want an app password here "
                "rather than your usual one."
            ).format(reply=_reply(exc))
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return SendError(
            _(
                "The mail server {host} does not accept a login on this connection. Check the "
                "security setting (STARTTLS or SSL), or leave the user name empty if it needs "
                "no login."
            ).format(host=host)
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return SendError(
            _(
                "The mail server refused the sender address {sender} ({reply}). Many servers "
                "only send from the address of the account you log in with: make it the "
                "sender address in the newsletter’s settings, or log in."
            ).format(sender=exc.sender, reply=_reply(exc))
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(
            f"{address} ({code} {reply.decode('utf-8', 'replace')})"
            for address, (code, reply) in exc.recipients.items()
        )
        return SendError(
            _(
                "The mail server refused the recipients: {refused}. Check the addresses; a "
                "server that needs a login refuses recipients when you send without one."
            ).format(refused=refused)
        )
    if isinstance(exc, smtplib.SMTPDataError):
        return SendError(
            _(
                "The mail server refused the message ({reply}). It may be too large or look "
                "like spam to the server; ask whoever runs the mail server."
            ).format(reply=_reply(exc))
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return SendError(
            _(
                "The mail server {host} closed the connection unexpectedly. Check the port and "
                "the security setting (587 goes with STARTTLS, 465 with SSL) and try again."
            ).format(host=host)
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return SendError(
            _("The mail server {host} answered with an error ({reply}).").format(
                host=host, reply=_reply(exc)
            )
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return SendError(
            _(
                "The mail server {host} could not prove it is who it says ({reason}). Check "
                "the server name: it must be the name its certificate is made for."
            ).format(host=host, reason=exc.verify_message or exc.reason)
        )
    if isinstance(exc, ssl.SSLError):
        return SendError(
            _(
                "The secure connection to {host} on port {port} failed ({reason}). Check the "
                "security setting: 465 usually goes with SSL, 587 with STARTTLS."
            ).format(host=host, port=port, reason=exc.reason or exc)
        )
    if isinstance(exc, TimeoutError | socket.timeout):
        return SendError(
            _(
                "The mail server {host} did not answer on port {port} within {seconds} seconds. "
                "Check the server name, the port and the security setting (465 with SSL, 587 "
                "with STARTTLS), and that the computer is online."
            ).format(host=host, port=port, seconds=f"{server.timeout:g}")
        )
    if isinstance(exc, socket.gaierror):
        return SendError(
            _(
                "The mail server “{host}” was not found. Check its name, and that the computer "
                "is online."
            ).format(host=host)
        )
    if isinstance(exc, ConnectionRefusedError):
        return SendError(
            _(
                "The mail server {host} refused the connection on port {port}. Check the server "
                "name and the port (usually 587 with STARTTLS, 465 with SSL)."
            ).format(host=host, port=port)
        )
    if isinstance(exc, OSError):
        return SendError(
            _(
                "Cannot connect to the mail server {host} on port {port} ({error}). Check the "
                "server name and the port, and that the computer is online."
            ).format(host=host, port=port, error=exc.strerror or exc)
        )
    return SendError(
        _("The test mail could not be sent: {error}.").format(error=f"{type(exc).__name__}: {exc}")
    )


def send_test(
    bundle: Bundle,
    to: list[str],
    server: SmtpSettings,
    password: str | None,
    progress: Progress | None = None,
    *,
    cache: ImageCache | None = None,
    executor: concurrent.futures.Executor | None = None,
) -> None:
    """Send the newsletter as a test mail, subject "[Test] …", to ``to`` over SMTP.

    The message is the one the ``eml`` export writes; nothing is saved on disk.

    Args:
        bundle: the document.
        to: the recipients: each ``name@example.org`` or ``Name <name@example.org>``.
        server: the outgoing mail server.
        password: the account's password; used only when ``server.user`` is given.
        progress: called with (step, total, message): the pictures, the render, connecting
            and sending.
        cache: where processed images are kept; None for the shared cache.
        executor: runs the image work; None for a thread pool of its own.

    Raises:
        SendError: bad addresses or settings (before anything is sent), a picture that cannot
            be used, or the server's refusal or silence.
    """
    _check_server(server, password)
    entries = [entry.strip() for entry in to if entry.strip()]
    settings = bundle.newsletter.settings
    if not settings.sender_email:
        raise SendError(
            _(
                "The newsletter has no sender email address, which a mail needs for its From "
                "line. Fill in the sender’s name and email address in the newsletter’s settings."
            )
        )
    total = 0

    def prepared(done: int, steps: int, message: str) -> None:
        nonlocal total
        total = steps + _SEND_STEPS
        if progress is not None:
            progress(done, total, message)

    try:
        # The addresses are checked before the pictures are prepared, and long before sending.
        message, _rendition = eml_message(
            bundle, ", ".join(entries), progress=prepared, cache=cache, executor=executor
        )
        # Only the Subject says "test": the body is exactly what the export writes.
        del message["Subject"]
        message["Subject"] = test_subject(settings.subject).strip()
        data = eml.message_bytes(message)
    except SendError:
        raise
    except ComposerError as exc:
        raise SendError(str(exc)) from None
    done = total - _SEND_STEPS

    def step(text: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total, text)

    addresses = [address.addr_spec for address in message["To"].addresses]
    try:
        _deliver(message, data, addresses, server, password, step)
    except SendError:
        raise
    except (smtplib.SMTPException, OSError) as exc:
        raise _explain(exc, server) from None
