"""The checks in the window: a size to read them by, one click to the fix, a question before export.

Issue 12: the panel showed two findings, a double-click was needed, and export, the test mail
and Save as HTML went ahead past errors with only a line in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot

from composer.gui import dialogs
from composer.gui.block_list_model import FindingsRole
from composer.gui.fields import LineField
from composer.gui.main_window import MainWindow
from composer.gui.send_dialog import SendDialog


def clear_field(
    window: MainWindow, qtbot: QtBot, block_id: str, field: str, *, errors: bool = True
) -> None:
    """Empty a field as the user does (select all, Delete) and wait for the checks to see it.

    ``errors``: whether that makes an error (else a warning) the checks then count.
    """
    if block_id:
        window.select_block(block_id)
    else:
        window.show_settings()
    assert window.editor is not None
    line = window.editor.fields[field]
    assert isinstance(line, LineField)
    line.line.setFocus()
    line.line.selectAll()
    qtbot.keyClick(line.line, Qt.Key.Key_Delete)
    counts = window.checks_panel.counts
    qtbot.waitUntil(lambda: counts()[0 if errors else 1] > 0, timeout=15_000)


class Answers:
    """A ``dialogs.run_dialog`` that clicks the pre-flight summary's button, and remembers it."""

    def __init__(self, button: str) -> None:
        self.button = button
        self.boxes: list[tuple[str, str, str]] = []

    def __call__(self, dialog: QDialog) -> int:
        if isinstance(dialog, SendDialog):
            dialog.reject()
            return dialog.result()
        assert isinstance(dialog, QMessageBox), dialog
        default = dialog.defaultButton()
        assert default is not None
        self.boxes.append((dialog.text(), dialog.informativeText(), default.objectName()))
        button = dialog.findChild(QPushButton, self.button)
        assert button is not None
        button.click()
        return dialog.result()


@pytest.fixture
def exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """Where the export is asked to write; returns the targets it was asked for so far."""
    asked: list[str] = []

    def target(*_args: object) -> str | None:
        asked.append(str(tmp_path / "out"))
        return None  # the user cancels the file dialog: the question is what came before it

    monkeypatch.setattr(dialogs, "export_target_name", target)
    return lambda: asked


def test_export_with_an_error_asks_first_and_fix_first_goes_to_the_field(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    exported: Callable[[], list[str]],
) -> None:
    clear_field(window, qtbot, "", "subject")
    assert window.checks_panel.counts()[0] == 1
    window.select_block("planet")
    answers = Answers("fixFirstButton")
    monkeypatch.setattr(dialogs, "run_dialog", answers)
    qtbot.keyClick(window.block_list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert exported() == []
    [(text, listed, default)] = answers.boxes
    assert text == "The checks found an error that readers would notice."
    assert listed == "• Error – settings (subject): The newsletter has no subject."
    assert default == "fixFirstButton"
    # Fix First: the subject field has the focus, and says what is wrong with it.
    subject = window.editor.fields["subject"].focus_widget() if window.editor else None
    assert subject is not None and subject.hasFocus()
    assert subject.accessibleDescription().startswith("Error: The newsletter has no subject.")
    tree = window.checks_panel.findChild(QTreeWidget, "checks")
    assert tree is not None and tree.currentItem() is not None
    assert tree.currentItem().text(0).startswith("settings (subject)")


def test_export_anyway_goes_on_past_the_error(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    exported: Callable[[], list[str]],
) -> None:
    clear_field(window, qtbot, "", "subject")
    answers = Answers("proceedButton")
    monkeypatch.setattr(dialogs, "run_dialog", answers)
    window.menus.export_actions["zip"].trigger()
    assert len(exported()) == 1
    # An error is asked about every time.
    window.menus.export_actions["eml"].trigger()
    assert len(answers.boxes) == 2
    assert len(exported()) == 2


def test_warnings_are_listed_once_with_export_as_the_default(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    exported: Callable[[], list[str]],
) -> None:
    clear_field(window, qtbot, "masthead", "title", errors=False)
    counts = window.checks_panel.counts()
    assert counts[0] == 0 and counts[1] >= 1
    answers = Answers("proceedButton")
    monkeypatch.setattr(dialogs, "run_dialog", answers)
    window.menus.export_actions["html"].trigger()
    [(text, listed, default)] = answers.boxes
    assert text == "The checks have warnings; have a look before it leaves."
    assert "• Warning – Masthead (block 1): The masthead has no title;" in listed
    assert default == "proceedButton"
    assert len(exported()) == 1
    # The same warnings again: the user has seen them and chose to go on; no second question.
    window.menus.export_actions["html"].trigger()
    assert len(answers.boxes) == 1
    assert len(exported()) == 2


def test_a_warning_gone_past_is_not_listed_again_beside_a_new_error(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    exported: Callable[[], list[str]],
) -> None:
    clear_field(window, qtbot, "masthead", "title", errors=False)
    answers = Answers("proceedButton")
    monkeypatch.setattr(dialogs, "run_dialog", answers)
    window.menus.export_actions["html"].trigger()
    assert "The masthead has no title" in answers.boxes[0][1]
    clear_field(window, qtbot, "", "subject")
    window.menus.export_actions["html"].trigger()
    text, listed, _default = answers.boxes[1]
    assert text == "The checks found an error that readers would notice."
    assert "The newsletter has no subject." in listed
    assert "The masthead has no title" not in listed


def test_send_test_mail_asks_first_too(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    clear_field(window, qtbot, "", "unsubscribe_url")
    answers = Answers("fixFirstButton")
    monkeypatch.setattr(dialogs, "run_dialog", answers)
    window.menus.send_test_action.trigger()
    assert len(answers.boxes) == 1
    focused = QApplication.focusWidget()
    assert window.editor is not None
    assert focused is window.editor.fields["unsubscribe_url"].focus_widget()
    # Going on opens the send dialog itself (which the answers cancel).
    answers.button = "proceedButton"
    window.menus.send_test_action.trigger()
    assert len(answers.boxes) == 2


def test_the_sample_exports_without_a_question(
    window: MainWindow, exported: Callable[[], list[str]]
) -> None:
    window.menus.export_actions["html"].trigger()  # no_dialogs fails the test on any question
    assert len(exported()) == 1


def test_one_click_on_a_finding_goes_to_its_field(window: MainWindow, qtbot: QtBot) -> None:
    clear_field(window, qtbot, "", "subject")
    window.select_block("planet")
    tree = window.checks_panel.findChild(QTreeWidget, "checks")
    assert tree is not None
    header = tree.topLevelItem(0)
    assert header is not None and header.child(0) is not None
    item = header.child(0)
    tree.scrollToItem(item)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center()
    )
    assert window.editor is not None
    field = window.editor.fields["subject"].focus_widget()
    assert field.hasFocus()
    assert field.accessibleDescription().startswith("Error: The newsletter has no subject.")
    # Fixed: the field no longer carries the finding.
    qtbot.keyClicks(field, "Nyheter")
    qtbot.waitUntil(lambda: window.checks_panel.counts()[0] == 0, timeout=15_000)
    assert "no subject" not in field.accessibleDescription()


def test_the_checks_dock_shows_several_findings_and_keeps_its_height(
    make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    line = window.checks_panel.fontMetrics().lineSpacing()
    # About six findings of two lines each; the old dock had room for two.
    qtbot.waitUntil(lambda: window.checks_dock.height() >= 12 * line)
    assert window.checks_dock.height() <= window.height() // 3 + line
    window.resizeDocks([window.checks_dock], [20 * line], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: abs(window.checks_dock.height() - 20 * line) <= 2)
    chosen = window.checks_dock.height()
    window.close()
    # The next start: the window state remembers the height the user gave it.
    again = make_window()
    qtbot.waitUntil(lambda: abs(again.checks_dock.height() - chosen) <= 2)


def test_the_block_list_marks_the_block_the_checks_warn_about(
    window: MainWindow, qtbot: QtBot
) -> None:
    masthead = window.model.row_of("masthead")
    assert masthead.data(FindingsRole) == ()
    clear_field(window, qtbot, "masthead", "title", errors=False)
    qtbot.waitUntil(lambda: bool(masthead.data(FindingsRole)))
    assert masthead.data(Qt.ItemDataRole.AccessibleTextRole).endswith(", 1 warning")
    # The mark is painted: the row's tile corner differs from an unmarked row's.
    view = window.block_list
    marked = view.grab(view.visualRect(masthead)).toImage()
    window.model.show_findings([])
    plain = view.grab(view.visualRect(masthead)).toImage()
    assert marked != plain


def test_an_empty_side_article_is_warned_about_until_it_gets_a_headline(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Found in the user trial: Insert → Side article left the panel at "No problems found"."""
    counts = window.checks_panel.counts
    assert counts()[:2] == (0, 0)
    window.menus.insert_menu.aboutToShow.emit()
    window.menus.insert_actions["side"].trigger()
    qtbot.waitUntil(lambda: counts()[1] == 1, timeout=15_000)
    row = window.block_list.currentIndex()
    assert row.data(Qt.ItemDataRole.AccessibleTextRole).endswith(", 1 warning")
    assert window.editor is not None
    headline = window.editor.fields["headline"]
    assert isinstance(headline, LineField)
    assert headline.line.hasFocus()
    qtbot.keyClicks(headline.line, "Vinterkonferens i Luleå")
    qtbot.waitUntil(lambda: counts()[1] == 0, timeout=15_000)
