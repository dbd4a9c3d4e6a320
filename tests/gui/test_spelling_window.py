"""Spelling in the window: underlines in the editors, corrections as edits, the pre-flight tip."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTreeWidget, QWidget
from pytestqt.logging import QtLoggingPlugin
from pytestqt.qtbot import QtBot
from spelling_actions import (
    body_underlines,
    line_of,
    point_in_body,
    point_in_line,
    right_click_and_choose,
    underlined,
)

from composer.gui.main_window import MainWindow
from composer.gui.rich_text_editor import RichTextField
from composer.model import ArticleBlock
from composer.spelling import WORD_LIST_NAME


def panel_rows(window: MainWindow) -> list[str]:
    """The rows of the checks panel, as the user reads them."""
    view = window.checks_panel.findChild(QTreeWidget, "checks")
    assert view is not None
    rows = []
    for index in range(view.topLevelItemCount()):
        group = view.topLevelItem(index)
        assert group is not None
        rows += [group.child(row).text(0) for row in range(group.childCount())]
    return rows


def headline(window: MainWindow) -> str:
    block = window.open_document.document.block("planet")
    assert isinstance(block, ArticleBlock)
    return block.headline


def test_a_correction_from_the_menu_is_an_edit_of_its_own(
    window: MainWindow, qtbot: QtBot, qtlog: QtLoggingPlugin
) -> None:
    qtbot.waitUntil(lambda: window.spelling.ready, timeout=10_000)
    window.select_block("planet")
    assert window.editor is not None
    line = line_of(window.editor.fields["headline"])
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "Planet i Bryssell idag")
    assert underlined(line) == ["Bryssell"]
    right_click_and_choose(qtbot, qtlog, line, point_in_line(line, "Bryssell"), "Bryssel")
    assert headline(window) == "Planet i Bryssel idag"
    assert underlined(line) == []
    # Undo takes back the correction, not the typing before it.
    qtbot.keyClick(line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert headline(window) == "Planet i Bryssell idag"


def test_the_pre_flight_tip_lists_the_word_until_it_is_added_to_the_dictionary(
    window: MainWindow,
    qtbot: QtBot,
    qtlog: QtLoggingPlugin,
    type_text: Callable[[QWidget, str], None],
) -> None:
    qtbot.waitUntil(lambda: window.spelling.ready, timeout=10_000)
    window.select_block("planet")
    assert window.editor is not None
    body = window.editor.fields["body"]
    assert isinstance(body, RichTextField)
    body.editor.setFocus()
    body.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(body.editor, " Projektet Blixtrabongo fortsätter.")
    assert body_underlines(body) == ["Blixtrabongo"]

    def tip() -> str:
        """The spelling tip as the checks panel shows it: its place, then its message."""
        return "".join(row for row in panel_rows(window) if "spelling mistakes" in row)

    qtbot.waitUntil(lambda: "“Blixtrabongo”" in tip(), timeout=15_000)
    assert tip().startswith("Article “Planet”\nPossible spelling mistakes in the text:")
    at = point_in_body(body, "Blixtrabongo")
    # Scrolled to, as the user does before clicking on it.
    form = window.editor.scroll_area
    inside = body.editor.viewport().mapTo(form.widget(), at)
    form.ensureVisible(inside.x(), inside.y(), 50, 80)
    right_click_and_choose(qtbot, qtlog, body.editor.viewport(), at, "Add to Dictionary")
    assert body_underlines(body) == []
    qtbot.waitUntil(lambda: tip() == "", timeout=15_000)
    words = Path(os.environ["XDG_DATA_HOME"]).rglob(WORD_LIST_NAME)
    assert any("Blixtrabongo" in path.read_text(encoding="utf-8") for path in words)


def test_the_newsletters_language_setting_decides_the_dictionary(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.waitUntil(lambda: window.spelling.ready, timeout=10_000)
    window.show_settings()
    assert window.editor is not None
    subject = line_of(window.editor.fields["subject"])
    subject.setFocus()
    subject.selectAll()
    qtbot.keyClicks(subject, "News from the projektet today")
    qtbot.keyClick(subject, Qt.Key.Key_Home)
    # "News from": an English title in a Swedish newsletter; "today" on its own is a mistake.
    assert underlined(subject) == ["today"]
    language = window.editor.fields["language"]
    combo = language.focus_widget()
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Svenska → English
    assert window.open_document.document.settings.language == "en"
    qtbot.waitUntil(lambda: underlined(subject) == ["projektet"], timeout=10_000)
