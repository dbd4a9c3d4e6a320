"""File → Send Test Mail: the dialog sends the newsletter to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from smtp_server import smtp_server

from composer.errors import SendError
from composer.gui import dialogs
from composer.gui.main_window import MainWindow
from composer.gui.send_dialog import SendDialog

pytestmark = pytest.mark.filterwarnings(
    # aiosmtpd's caution about the login test server, which listens on 127.0.0.1 only.
    "ignore:Requiring AUTH while not requiring TLS:UserWarning"
)
SUBJECT = "[Test] Norra Sverige i EU – nyhetsbrev november 2012"

#: What the user does in the dialog; returns when they are done with it.
Fill = Callable[[SendDialog], None]


@pytest.fixture
def answer(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> Callable[[list[Fill]], list[SendDialog]]:
    """Answers the next send dialogs, each with its own actions, and returns the dialogs."""
    seen: list[SendDialog] = []

    def install(actions: list[Fill]) -> list[SendDialog]:
        pending = list(actions)

        def run(dialog: QDialog) -> int:
            assert isinstance(dialog, SendDialog), dialog
            seen.append(dialog)
            dialog.show()  # as exec() would, without its event loop
            pending.pop(0)(dialog)
            qtbot.waitUntil(lambda: not dialog.is_sending(), timeout=15_000)
            dialog.hide()
            return dialog.result()

        monkeypatch.setattr(dialogs, "run_dialog", run)
        return seen

    return install


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """The errors the window shows, through the dialogs module."""
    shown: list[BaseException] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: shown.append(exc))
    return shown


def fill(port: int, user: str = "", password: str = "", remember: bool = False) -> Fill:
    def act(dialog: SendDialog) -> None:
        dialog.recipients.setText("Anna Åberg <anna@example.org>, bo@example.org")
        dialog.host.setText("127.0.0.1")
        dialog.security.setCurrentIndex(dialog.security.findData("none"))
        dialog.port.setValue(port)
        dialog.user.setText(user)
        dialog.password.setText(password)
        dialog.remember.setChecked(remember)
        dialog.send_button.click()
        assert dialog.is_sending()
        assert not dialog.send_button.isEnabled()
        assert dialog.busy.isVisible()

    return act


def test_the_test_mail_arrives_and_the_status_bar_says_so(
    window: MainWindow,
    answer: Callable[[list[Fill]], list[SendDialog]],
    errors: list[BaseException],
) -> None:
    with smtp_server() as (mailbox, port):
        answer([fill(port)])
        window.menus.send_test_action.trigger()
    assert errors == []
    assert len(mailbox.received) == 1
    message = mailbox.received[0].message
    assert message["Subject"] == SUBJECT
    assert mailbox.received[0].rcpt_tos == ["anna@example.org", "bo@example.org"]
    assert message.get_content_type() == "multipart/alternative"
    assert window.statusBar().currentMessage() == (
        "Test mail sent to Anna Åberg <anna@example.org>, bo@example.org."
    )


def test_the_server_fields_are_remembered_but_not_the_password(
    window: MainWindow,
    answer: Callable[[list[Fill]], list[SendDialog]],
    errors: list[BaseException],
    settings: QSettings,
) -> None:
    def look(dialog: SendDialog) -> None:
        assert dialog.host.text() == "127.0.0.1"
        assert dialog.port.value() == port
        assert dialog.security.currentData() == "none"
        assert dialog.user.text() == "me@example.org"
        assert dialog.recipients.text() == "Anna Åberg <anna@example.org>, bo@example.org"
        assert dialog.password.text() == "rätt-lösen"
        assert dialog.password.echoMode() == dialog.password.EchoMode.Password
        dialog.reject()

    with smtp_server({"me@example.org": "rätt-lösen"}) as (mailbox, port):
        answer([fill(port, "me@example.org", "rätt-lösen", remember=True), look])
        window.menus.send_test_action.trigger()
        window.menus.send_test_action.trigger()
    assert errors == []
    assert [received.login for received in mailbox.received] == ["me@example.org"]
    settings.sync()
    stored = {key: settings.value(key) for key in settings.allKeys()}
    assert stored["send/host"] == "127.0.0.1"
    assert "rätt-lösen" not in [str(value) for value in stored.values()]
    assert "lösen" not in Path(settings.fileName()).read_text(encoding="utf-8")


def test_a_refused_login_is_shown_and_the_dialog_stays_to_correct_it(
    window: MainWindow,
    answer: Callable[[list[Fill]], list[SendDialog]],
    errors: list[BaseException],
    qtbot: QtBot,
) -> None:
    def wrong_then_right(dialog: SendDialog) -> None:
        fill(port, "me@example.org", "fel")(dialog)
        qtbot.waitUntil(lambda: not dialog.is_sending(), timeout=15_000)
        assert len(errors) == 1
        assert isinstance(errors[0], SendError)
        assert "Check the user name and password" in str(errors[0])
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.send_button.isEnabled() and dialog.password.isEnabled()
        assert mailbox.received == []
        dialog.password.setText("rätt-lösen")
        dialog.send_button.click()

    with smtp_server({"me@example.org": "rätt-lösen"}) as (mailbox, port):
        answer([wrong_then_right])
        window.menus.send_test_action.trigger()
    assert len(errors) == 1
    assert len(mailbox.received) == 1
    assert window.statusBar().currentMessage().startswith("Test mail sent to")


def test_a_first_test_mail_goes_to_the_sender_and_cancel_sends_nothing(
    window: MainWindow,
    answer: Callable[[list[Fill]], list[SendDialog]],
    errors: list[BaseException],
    qtbot: QtBot,
) -> None:
    def look_and_cancel(dialog: SendDialog) -> None:
        assert dialog.recipients.text() == "info@northsweden.eu"
        assert dialog.security.currentData() == "starttls"
        assert dialog.port.value() == 587
        dialog.security.setCurrentIndex(dialog.security.findData("ssl"))
        assert dialog.port.value() == 465  # follows the usual port of the security
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()

    answer([look_and_cancel])
    window.menus.send_test_action.trigger()
    assert errors == []
    assert window.statusBar().currentMessage() == ""


def test_the_busy_dialog_cannot_be_cancelled(
    window: MainWindow,
    answer: Callable[[list[Fill]], list[SendDialog]],
    errors: list[BaseException],
) -> None:
    def cancel_while_sending(dialog: SendDialog) -> None:
        fill(port)(dialog)
        cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert not cancel.isEnabled()
        dialog.reject()
        assert dialog.is_sending()

    with smtp_server() as (mailbox, port):
        answer([cancel_while_sending])
        window.menus.send_test_action.trigger()
    assert len(mailbox.received) == 1
