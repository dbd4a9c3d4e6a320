"""The window's .eml exports: a message to view by default, a draft when chosen (issue 15)."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from composer.gui import dialogs
from composer.gui.fields import LineField
from composer.gui.main_window import MainWindow


def exported(window: MainWindow, qtbot: QtBot, chosen: QAction, target: Path) -> EmailMessage:
    """Choose ``chosen`` in the Export menu, export into ``target`` and read the message back."""
    assert chosen in window.menus.export_menu.actions()
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000) as finished:
        chosen.trigger()
    path, error = finished.args
    assert error is None and path == target
    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_the_eml_is_a_message_and_the_draft_a_draft(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "nyhetsbrev.eml"
    monkeypatch.setattr(dialogs, "export_target_name", lambda *args: str(target))
    message = exported(window, qtbot, window.menus.export_actions["eml"], target)
    assert message["X-Unsent"] is None
    assert message["To"] is not None
    draft = exported(window, qtbot, window.menus.draft_action, target)
    assert draft["X-Unsent"] == "1"
    assert draft["To"] is None  # for the user to fill in, in the mail program


def test_an_unsubscribe_address_typed_in_the_settings_reaches_the_header(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show_settings()
    assert window.editor is not None
    field = window.editor.fields["unsubscribe_email"]
    assert isinstance(field, LineField)
    field.line.setFocus()
    qtbot.keyClicks(field.line, "avregistrera@northsweden.eu")
    settings = window.open_document.document.settings
    assert settings.unsubscribe_email == "avregistrera@northsweden.eu"
    target = tmp_path / "nyhetsbrev.eml"
    monkeypatch.setattr(dialogs, "export_target_name", lambda *args: str(target))
    eml_action = window.menus.export_actions["eml"]
    header = str(exported(window, qtbot, eml_action, target)["List-Unsubscribe"]).strip()
    assert header == (
        f"<{settings.unsubscribe_url}>, <mailto:avregistrera@northsweden.eu?subject=Avregistrera>"
    )
