"""Hostile documents in the window: previewed and exported like any other, never an error."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from composer.gui import dialogs
from composer.gui.main_window import MainWindow
from composer.model import Bundle, TextBlock
from composer.storage import save

DEEP_BODIES = {
    "emphasis": "<p>" + "<em>" * 250 + "Djupt kursiv" + "</em>" * 250 + "</p>",
    "lists": "<ul><li>" * 130 + "Djupt i listan" + "</li></ul>" * 130,
}


@pytest.mark.parametrize("kind", DEEP_BODIES)
def test_deeply_nested_text_is_previewed_and_exported(
    kind: str,
    sample: Bundle,
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wait_for_preview: Callable[[MainWindow], None],
) -> None:
    body = DEEP_BODIES[kind]
    deep = TextBlock(id="deep", heading="Djupt", body=body)
    sample.newsletter = sample.newsletter.model_copy(
        update={"blocks": (*sample.newsletter.blocks, deep)}
    )
    document = tmp_path / "djup.newsletter"
    save(sample, document)
    assert window.files.open_path(document)
    wait_for_preview(window)
    shown = "Djupt kursiv" if kind == "emphasis" else "Djupt i listan"
    assert shown in window.preview.last_html
    assert "Mikael Janson" in window.preview.last_html  # what follows the deep block is there
    target = tmp_path / "djup.eml"
    monkeypatch.setattr(dialogs, "export_target_name", lambda *args: str(target))
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000) as finished:
        window.menus.export_actions["eml"].trigger()
    assert finished.args == [target, None]
    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    text = message.get_body(("plain",))
    assert text is not None
    assert shown in text.get_content()
