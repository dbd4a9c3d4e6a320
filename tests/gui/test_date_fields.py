"""Dates in the window: written in the newsletter's language, typed over whole, issue-dated."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from composer.edits import ChangeSettings
from composer.gui.fields import DateField
from composer.gui.main_window import MainWindow
from composer.model import ArticleBlock


def date_field(window: MainWindow, path: str = "date") -> DateField:
    assert window.editor is not None
    field = window.editor.fields[path]
    assert isinstance(field, DateField)
    return field


def article(window: MainWindow, block_id: str) -> ArticleBlock:
    block = window.open_document.document.block(block_id)
    assert isinstance(block, ArticleBlock)
    return block


def test_a_date_shows_in_the_newsletter_language(window: MainWindow) -> None:
    window.select_block("planet")
    assert date_field(window).date.text() == "1 november 2012"


def test_typing_over_the_selected_date_replaces_all_of_it(qtbot: QtBot, window: MainWindow) -> None:
    window.select_block("planet")
    line = date_field(window).date
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "2012-12-01")
    assert article(window, "planet").date == dt.date(2012, 12, 1)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "15 december 2012")
    assert article(window, "planet").date == dt.date(2012, 12, 15)
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert line.text() == "15 december 2012"
    window.menus.undo_action.trigger()
    assert article(window, "planet").date == dt.date(2012, 11, 1)


def test_an_english_newsletter_reads_english_dates(qtbot: QtBot, window: MainWindow) -> None:
    settings = window.open_document.document.settings
    window.open_document.push(
        ChangeSettings(settings, settings.model_copy(update={"language": "en"}), "English")
    )
    window.select_block("planet")
    line = date_field(window).date
    assert line.text() == "1 November 2012"
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "3 December 2012")
    assert article(window, "planet").date == dt.date(2012, 12, 3)


def test_what_is_no_date_is_said_and_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    window.select_block("planet")
    field = date_field(window)
    field.date.setFocus()
    qtbot.keyClick(field.date, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.date, "30 smarch 2012")
    qtbot.keyClick(field.date, Qt.Key.Key_Tab)
    assert field.problem_shown()
    assert "1 december 2012" in (field.problem() or "")
    assert article(window, "planet").date == dt.date(2012, 11, 1)


def test_a_new_article_is_dated_on_the_issue_date(window: MainWindow) -> None:
    window.select_block("planet")
    window.menus.insert_actions["article"].trigger()
    new = window.selected_block_id()
    assert new is not None and new != "planet"
    assert article(window, new).date == dt.date(2012, 11, 1)
    assert date_field(window).date.text() == "1 november 2012"


def test_ticking_a_date_starts_on_the_issue_date(qtbot: QtBot, window: MainWindow) -> None:
    window.select_block("planet")
    field = date_field(window)
    qtbot.mouseClick(field.enabled, Qt.MouseButton.LeftButton)
    assert article(window, "planet").date is None
    field.date.clear()
    qtbot.mouseClick(field.enabled, Qt.MouseButton.LeftButton)
    assert article(window, "planet").date == dt.date(2012, 11, 1)
