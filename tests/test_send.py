"""Sending a test mail: the .eml export's message reaches a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import concurrent.futures
import smtplib
import socket
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from smtp_server import Mailbox, free_port, smtp_server

from composer import export as export_module
from composer.cli import PASSWORD_VARIABLE, main
from composer.errors import SendError
from composer.export import eml_message, export
from composer.i18n import set_ui_language
from composer.images import ImageCache
from composer.model import Bundle
from composer.send import SmtpSettings, send_test
from composer.storage import save

pytestmark = pytest.mark.filterwarnings(
    # aiosmtpd's caution about the login test server, which listens on 127.0.0.1 only.
    "ignore:Requiring AUTH while not requiring TLS:UserWarning"
)
SUBJECT = "Norra Sverige i EU – nyhetsbrev november 2012"


@pytest.fixture(scope="module")
def threads() -> Iterator[concurrent.futures.Executor]:
    """Workers for the image work that start at once."""
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        yield pool


@pytest.fixture(scope="module")
def warm_cache(
    tmp_path_factory: pytest.TempPathFactory, threads: concurrent.futures.Executor
) -> ImageCache:
    """The sample's pictures processed once for the whole module."""
    from composer.sample import load_sample

    cache = ImageCache(tmp_path_factory.mktemp("cache"))
    eml_message(load_sample(), "me@example.org", cache=cache, executor=threads)
    return cache


@pytest.fixture(autouse=True)
def cache(monkeypatch: pytest.MonkeyPatch, warm_cache: ImageCache) -> ImageCache:
    """Every send (the command line's too) finds the pictures processed already."""
    monkeypatch.setattr(export_module, "shared_image_cache", lambda: warm_cache)
    return warm_cache


@pytest.fixture
def server() -> Iterator[tuple[Mailbox, int]]:
    """A server without login."""
    with smtp_server() as running:
        yield running


@pytest.fixture
def login_server() -> Iterator[tuple[Mailbox, int]]:
    """A server that requires the login ``me@example.org`` / ``rätt-lösen``."""
    with smtp_server({"me@example.org": "rätt-lösen"}) as running:
        yield running


def local(port: int, **options: object) -> SmtpSettings:
    return SmtpSettings("127.0.0.1", port, security="none", timeout=5, **options)  # type: ignore[arg-type]


def tree(part: EmailMessage) -> list[object]:
    """The MIME structure: each part's type, with its Content-ID and disposition."""
    if part.is_multipart():
        return [part.get_content_type(), [tree(child) for child in part.iter_parts()]]  # type: ignore[arg-type]
    return [part.get_content_type(), part["Content-ID"], part.get_content_disposition()]


def test_the_server_receives_the_eml_exports_message_marked_test(
    sample: Bundle, server: tuple[Mailbox, int], tmp_path: Path
) -> None:
    mailbox, port = server
    steps: list[tuple[int, int, str]] = []
    to = ["Anna Åberg <anna@example.org>", "bo@example.org"]
    send_test(sample, to, local(port), None, lambda *step: steps.append(step))

    assert len(mailbox.received) == 1
    received = mailbox.received[0]
    assert received.mail_from == "info@northsweden.eu"
    assert received.rcpt_tos == ["anna@example.org", "bo@example.org"]
    sent = received.message
    assert sent["Subject"] == f"[Test] {SUBJECT}"
    assert [(a.display_name, a.addr_spec) for a in sent["To"].addresses] == [
        ("Anna Åberg", "anna@example.org"),
        ("", "bo@example.org"),
    ]
    assert "X-Unsent" not in sent  # Outlook would open a sent test mail as a draft

    exported = tmp_path / "brev.eml"
    export(sample, exported, "eml", to=", ".join(to))
    from email import message_from_bytes, policy

    written = message_from_bytes(exported.read_bytes(), policy=policy.default)
    assert isinstance(written, EmailMessage)
    assert tree(sent) == tree(written)
    assert sent.get_content_type() == "multipart/alternative"
    related = sent.get_payload()[1]  # type: ignore[index]
    assert related.get_content_type() == "multipart/related"
    for ours, theirs in zip(sent.walk(), written.walk(), strict=True):
        if not ours.is_multipart():
            assert ours.get_content() == theirs.get_content()
    html = sent.get_body(("html",))
    assert html is not None
    for part in related.iter_parts():
        if part.get_content_maintype() == "image":
            assert f'src="cid:{part["Content-ID"].strip("<>")}"' in html.get_content()

    totals = {total for _done, total, _message in steps}
    assert len(totals) == 1
    assert [done for done, _total, _message in steps] == list(range(1, len(steps) + 1))
    assert steps[-1][0] == steps[-1][1]
    assert steps[-1][2] == "Sending the test mail…"


@pytest.mark.parametrize(
    ("user", "password"),
    [("me@example.org", "rätt-lösen"), ("ascii", "secret")],  # UTF-8 by us; ASCII by smtplib
)
def test_a_login_the_server_accepts_sends(sample: Bundle, user: str, password: str) -> None:
    with smtp_server({user: password}) as (mailbox, port):
        send_test(sample, ["me@example.org"], local(port, user=user), password)
    assert [received.login for received in mailbox.received] == [user]


def test_a_refused_login_says_to_check_the_user_name_and_password(
    sample: Bundle, login_server: tuple[Mailbox, int]
) -> None:
    mailbox, port = login_server
    with pytest.raises(
        SendError, match=r"refused the login \(535 .*Check the user name and password"
    ):
        send_test(sample, ["me@example.org"], local(port, user="me@example.org"), "fel")
    assert mailbox.received == []


def test_sending_without_login_to_a_server_that_requires_one_is_explained(
    sample: Bundle, login_server: tuple[Mailbox, int]
) -> None:
    _mailbox, port = login_server
    with pytest.raises(SendError, match=r"refused the sender address info@northsweden\.eu"):
        send_test(sample, ["me@example.org"], local(port), None)


def test_a_closed_port_says_the_server_refused_the_connection(sample: Bundle) -> None:
    port = free_port()
    with pytest.raises(SendError) as caught:
        send_test(sample, ["me@example.org"], local(port), None)
    assert str(caught.value) == (
        f"The mail server 127.0.0.1 refused the connection on port {port}. Check the server name "
        "and the port (usually 587 with STARTTLS, 465 with SSL)."
    )


@pytest.mark.parametrize(
    ("to", "problem"),
    [
        (["info(at)northsweden.eu"], "The recipient “info(at)northsweden.eu” is not an email"),
        ([], "The recipient address is empty."),
        (["  "], "The recipient address is empty."),
        # A line break would let the rest pass for a header: a second, hidden recipient.
        (["me@example.org\r\nBcc: x@example.org"], "holds a line break"),
        (["you@example.org", "me@example.org\nBcc: x@example.org"], "holds a line break"),
        (["me@example.org\x00"], "control character \\(U\\+0000\\)"),
    ],
)
def test_a_bad_recipient_is_refused_before_connecting(
    sample: Bundle, monkeypatch: pytest.MonkeyPatch, to: list[str], problem: str
) -> None:
    def no_connection(*args: object, **kwargs: object) -> None:
        raise AssertionError("connected although the address is bad")

    monkeypatch.setattr(smtplib.SMTP, "connect", no_connection)
    pattern = problem if "\\" in problem else problem.replace("(", r"\(").replace(")", r"\)")
    with pytest.raises(SendError, match=pattern):
        send_test(sample, to, local(25), None)


@pytest.mark.parametrize(
    ("server", "problem"),
    [
        (SmtpSettings("127.0.0.1", 25, "none", user="me\r\nRSET"), "The user name holds a line"),
        (SmtpSettings("smtp.example.org\x00"), "is not a server name"),
        (SmtpSettings("smtp.ä_b.se"), "is not a server name"),
    ],
)
def test_bad_server_settings_are_refused_before_connecting(
    sample: Bundle, monkeypatch: pytest.MonkeyPatch, server: SmtpSettings, problem: str
) -> None:
    def no_connection(*args: object, **kwargs: object) -> None:
        raise AssertionError("connected although the settings are bad")

    monkeypatch.setattr(smtplib.SMTP, "connect", no_connection)
    with pytest.raises(SendError, match=problem):
        send_test(sample, ["me@example.org"], server, "lösen")


def test_a_swedish_unsubscribe_link_arrives_in_ascii(
    sample: Bundle, server: tuple[Mailbox, int]
) -> None:
    mailbox, port = server
    settings = sample.newsletter.settings.model_copy(
        update={"unsubscribe_url": "https://www.northsweden.eu/nyhetsbrev/avregistrera-å"}
    )
    sample.newsletter = sample.newsletter.model_copy(update={"settings": settings})
    send_test(sample, ["me@exämple.org"], local(port), None)
    (received,) = mailbox.received
    assert received.rcpt_tos == ["me@xn--exmple-cua.org"]
    assert received.message["List-Unsubscribe"] == (
        "<https://www.northsweden.eu/nyhetsbrev/avregistrera-%C3%A5>"
    )


def test_a_recipient_the_server_refuses_is_named(
    sample: Bundle, server: tuple[Mailbox, int]
) -> None:
    mailbox, port = server
    mailbox.refused_recipients.add("okand@example.org")
    with pytest.raises(SendError, match=r"refused the recipients: okand@example.org \(550 "):
        send_test(sample, ["okand@example.org"], local(port), None)
    with pytest.raises(SendError, match=r"did not accept these recipients: okand@example.org"):
        send_test(sample, ["okand@example.org", "me@example.org"], local(port), None)
    assert [received.rcpt_tos for received in mailbox.received] == [["me@example.org"]]


def test_starttls_to_a_server_without_it_is_refused_rather_than_sent_in_clear(
    sample: Bundle, server: tuple[Mailbox, int]
) -> None:
    mailbox, port = server
    settings = SmtpSettings("127.0.0.1", port, security="starttls", timeout=5)
    with pytest.raises(SendError, match="does not offer STARTTLS on port"):
        send_test(sample, ["me@example.org"], settings, None)
    assert mailbox.received == []


def test_ssl_to_a_plain_server_is_a_tls_failure(
    sample: Bundle, server: tuple[Mailbox, int]
) -> None:
    _mailbox, port = server
    settings = SmtpSettings("127.0.0.1", port, security="ssl", timeout=5)
    with pytest.raises(SendError, match=f"secure connection to 127.0.0.1 on port {port} failed"):
        send_test(sample, ["me@example.org"], settings, None)


def test_a_server_that_never_answers_times_out(sample: Bundle) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        settings = SmtpSettings("127.0.0.1", port, security="none", timeout=0.3)
        with pytest.raises(SendError, match=r"did not answer on port \d+ within 0\.3 seconds"):
            send_test(sample, ["me@example.org"], settings, None)


def test_a_server_that_hangs_up_is_explained(sample: Bundle) -> None:
    with socket.socket() as rude:
        rude.bind(("127.0.0.1", 0))
        rude.listen()
        port = rude.getsockname()[1]

        def hang_up() -> None:
            connection, _address = rude.accept()
            connection.close()

        thread = threading.Thread(target=hang_up)
        thread.start()
        with pytest.raises(SendError, match="closed the connection unexpectedly"):
            send_test(sample, ["me@example.org"], local(port), None)
        thread.join()


def test_an_unknown_server_name_is_explained(
    sample: Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_found(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "create_connection", not_found)
    settings = SmtpSettings("smtp.nowhere.invalid", user="me", timeout=1)
    with pytest.raises(SendError, match=r"“smtp\.nowhere\.invalid” was not found"):
        send_test(sample, ["me@example.org"], settings, "lösen")


def test_a_password_is_never_sent_unencrypted_to_another_computer(sample: Bundle) -> None:
    settings = SmtpSettings("smtp.example.org", security="none", user="me")
    with pytest.raises(SendError, match="would be sent unencrypted"):
        send_test(sample, ["me@example.org"], settings, "lösen")


def test_a_user_without_password_and_a_newsletter_without_sender_are_refused(
    sample: Bundle,
) -> None:
    with pytest.raises(SendError, match="no password"):
        send_test(sample, ["me@example.org"], local(25, user="me"), None)
    settings = sample.newsletter.settings.model_copy(update={"sender_email": ""})
    anonymous = Bundle(sample.newsletter.model_copy(update={"settings": settings}), sample.images)
    with pytest.raises(SendError, match="no sender email address"):
        send_test(anonymous, ["me@example.org"], local(25), None)


def test_a_swedish_user_is_told_in_swedish(sample: Bundle) -> None:
    set_ui_language("sv")
    try:
        with pytest.raises(SendError, match="vägrade ansluta på port"):
            send_test(sample, ["me@example.org"], local(free_port()), None)
    finally:
        set_ui_language(None)


# --- the command line ---------------------------------------------------------------------


@pytest.fixture
def document(sample: Bundle, tmp_path: Path) -> Path:
    path = tmp_path / "brev.newsletter"
    save(sample, path)
    return path


def send_args(document: Path, port: int, *extra: str) -> list[str]:
    return [
        "send",
        str(document),
        "--to",
        "me@example.org",
        "--to",
        "Bo <bo@example.org>",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--security",
        "none",
        *extra,
    ]


def test_cli_send_takes_the_password_from_the_environment(
    document: Path,
    login_server: tuple[Mailbox, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mailbox, port = login_server
    monkeypatch.setenv(PASSWORD_VARIABLE, "rätt-lösen")
    assert main(send_args(document, port, "--user", "me@example.org")) == 0
    assert "Sent a test mail to me@example.org, Bo <bo@example.org>" in capsys.readouterr().out
    assert len(mailbox.received) == 1
    assert mailbox.received[0].rcpt_tos == ["me@example.org", "bo@example.org"]
    assert mailbox.received[0].message["Subject"] == f"[Test] {SUBJECT}"


def test_cli_send_failures_exit_2_with_the_reason(
    document: Path,
    login_server: tuple[Mailbox, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mailbox, port = login_server
    monkeypatch.setenv(PASSWORD_VARIABLE, "fel")
    assert main(send_args(document, port, "--user", "me@example.org")) == 2
    error = capsys.readouterr().err
    assert error.startswith("newsletter-composer: The mail server refused the login")
    assert "Traceback" not in error

    monkeypatch.delenv(PASSWORD_VARIABLE)  # and stdin is no terminal: nobody to ask
    assert main(send_args(document, port, "--user", "me@example.org")) == 2
    assert PASSWORD_VARIABLE in capsys.readouterr().err

    assert main(send_args(document, port, "--security", "tls")) == 2
    assert "invalid choice: 'tls'" in capsys.readouterr().err
    assert main(["send", str(document), "--smtp-host", "127.0.0.1"]) == 2
    assert "--to" in capsys.readouterr().err
    assert mailbox.received == []
