"""Another newsletter in the window (New, Open): every view follows it, as a user sees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from start_page_answers import click_on_start_page

from composer.gui import dialogs
from composer.gui.block_editors import ImageEditor, MastheadEditor
from composer.gui.block_list_model import KindNameRole
from composer.gui.fields import LineField
from composer.gui.main_window import MainWindow
from composer.model import Bundle, Newsletter, make_block
from composer.storage import save

CTRL = Qt.KeyboardModifier.ControlModifier


def rows(window: MainWindow, role: int = Qt.ItemDataRole.DisplayRole) -> list[object]:
    """What the block list shows, row by row."""
    return [window.model.index(row).data(role) for row in range(window.model.rowCount())]


def field(window: MainWindow, path: str) -> LineField:
    assert window.editor is not None
    line = window.editor.fields[path]
    assert isinstance(line, LineField)
    return line


def type_at_end(type_text: Callable[[QWidget, str], None], line: LineField, text: str) -> None:
    line.line.setFocus()
    line.line.end(False)
    type_text(line.line, text)


@pytest.fixture
def december(tmp_path: Path) -> Path:
    """Another newsletter on disk: a masthead and an article, and no subject yet."""
    path = tmp_path / "december.newsletter"
    blocks = (
        make_block("masthead", id="head", title="Julnummer"),
        make_block("article", id="meeting", headline="Vårmöte i Umeå"),
    )
    save(Bundle(Newsletter(blocks=blocks)), path)
    return path


def test_a_file_opened_with_ctrl_o_replaces_the_document_in_every_view(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    december: Path,
    type_text: Callable[[QWidget, str], None],
    wait_for_preview: Callable[[MainWindow], None],
) -> None:
    window.select_block("planet")
    type_at_end(type_text, field(window, "headline"), "!")
    asked: list[str] = []

    def ask(parent: object, name: str) -> dialogs.UnsavedChoice:
        asked.append(name)
        return dialogs.UnsavedChoice.DISCARD

    monkeypatch.setattr(dialogs, "ask_unsaved_changes", ask)
    monkeypatch.setattr(dialogs, "open_newsletter_name", lambda parent, folder: str(december))
    qtbot.keyClick(window.block_list, Qt.Key.Key_O, CTRL)
    assert asked == ["Sample newsletter"]

    assert rows(window) == ["Julnummer", "Vårmöte i Umeå"]
    assert isinstance(window.editor, MastheadEditor)
    assert field(window, "title").value() == "Julnummer"
    assert window.windowTitle().startswith("december.newsletter")
    assert not window.isWindowModified()
    assert not window.menus.undo_action.isEnabled()  # the sample's typing is not undoable here
    wait_for_preview(window)
    assert "Vårmöte i Umeå" in window.preview.last_html
    assert "Planet" not in window.preview.last_html
    # The checks are of the new document: it has no subject.
    qtbot.waitUntil(lambda: window.checks_panel.counts()[0] > 0, timeout=15_000)
    window.go_to_finding("", "subject")
    assert window.editor is not None
    assert window.editor.fields["subject"].focus_widget().hasFocus()

    # Typing edits the new document, and Ctrl+Z undoes it there.
    window.select_block("meeting")
    type_at_end(type_text, field(window, "headline"), " 2013")
    assert window.open_document.document.block("meeting").headline == "Vårmöte i Umeå 2013"  # type: ignore[attr-defined]
    assert rows(window)[1] == "Vårmöte i Umeå 2013"
    wait_for_preview(window)
    assert "Vårmöte i Umeå 2013" in window.preview.last_html
    qtbot.keyClick(field(window, "headline").line, Qt.Key.Key_Z, CTRL)
    assert rows(window)[1] == "Vårmöte i Umeå"
    assert not window.isWindowModified()


def test_a_new_newsletter_names_its_blocks_as_the_user_fills_them(
    window: MainWindow,
    qtbot: QtBot,
    type_text: Callable[[QWidget, str], None],
    wait_for_preview: Callable[[MainWindow], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dialogs, "run_dialog", click_on_start_page("Blank Newsletter"))
    qtbot.keyClick(window.block_list, Qt.Key.Key_N, CTRL)  # nothing to save: no question
    assert window.windowTitle().startswith("Untitled")
    assert rows(window) == ["(no title)"]
    assert rows(window, KindNameRole) == ["Masthead"]
    assert isinstance(window.editor, MastheadEditor)
    type_at_end(type_text, field(window, "title"), "Nyhetsbrev december")
    assert rows(window) == ["Nyhetsbrev december"]
    wait_for_preview(window)
    assert "Nyhetsbrev december" in window.preview.last_html

    # A picture is called a picture, in the Insert menu and in the list alike.
    assert window.menus.insert_actions["image"].text().replace("&", "") == "Picture"
    window.menus.insert_actions["image"].trigger()
    assert isinstance(window.editor, ImageEditor)
    assert window.editor.title.text() == "Picture"
    assert rows(window) == ["Nyhetsbrev december", "(no picture)"]
    assert rows(window, KindNameRole) == ["Masthead", "Picture"]
    type_at_end(type_text, field(window, "caption"), "Luleå i snö")
    assert rows(window)[1] == "Luleå i snö"
