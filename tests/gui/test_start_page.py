"""The start page of File → New: what a user can start from, recent newsletters with pictures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from composer.gui import dialogs
from composer.gui.main_window import MainWindow
from composer.gui.start_page import PICTURE_SIZE, StartChoice, StartPage
from composer.model import Bundle, MastheadBlock
from composer.next_issue import next_issue
from composer.storage import save


def answering(*answers: Callable[[QDialog], None]) -> Callable[[QDialog], int]:
    """A run_dialog that answers the dialogs in turn, as the user would."""
    queue = list(answers)

    def run(dialog: QDialog) -> int:
        queue.pop(0)(dialog)
        return dialog.result()

    return run


def click(text: str) -> Callable[[QDialog], None]:
    def press(dialog: QDialog) -> None:
        buttons = dialog.findChildren(QPushButton)
        next(b for b in buttons if b.text().replace("&", "") == text).click()

    return press


def test_recent_newsletters_show_subject_month_and_picture(
    qtbot: QtBot, tmp_path: Path, sample: Bundle
) -> None:
    save(sample, tmp_path / "november.newsletter")
    save(next_issue(sample), tmp_path / "december.newsletter")
    recent = [str(tmp_path / "december.newsletter"), str(tmp_path / "gone.newsletter")]
    page = StartPage([*recent, str(tmp_path / "november.newsletter")])
    qtbot.addWidget(page)
    texts = [page.recent_list.item(row).text() for row in range(page.recent_list.count())]
    assert texts == [
        "Norra Sverige i EU",
        "Norra Sverige i EU – nyhetsbrev december 2012\ndecember 2012 · december.newsletter",
        "Norra Sverige i EU – nyhetsbrev november 2012\nnovember 2012 · november.newsletter",
    ]
    picture = page.recent_list.item(1).icon().pixmap(PICTURE_SIZE).toImage()
    assert picture.pixelColor(PICTURE_SIZE.width() - 2, PICTURE_SIZE.height() - 2).name() == (
        sample.newsletter.settings.accent_color
    )


def test_a_recent_newsletter_is_chosen_by_click_and_enter(
    qtbot: QtBot, tmp_path: Path, sample: Bundle
) -> None:
    save(sample, tmp_path / "november.newsletter")
    page = StartPage([str(tmp_path / "november.newsletter")])
    qtbot.addWidget(page)
    page.show()
    item = page.recent_list.item(1)
    rect = page.recent_list.visualItemRect(item)
    qtbot.mouseClick(page.recent_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(page.recent_list, Qt.Key.Key_Return)
    assert page.result() == QDialog.DialogCode.Accepted
    assert page.start is not None and page.start.choice is StartChoice.RECENT
    assert page.start.path == tmp_path / "november.newsletter"


def test_file_new_then_next_issue_gives_the_next_month(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, window: MainWindow, sample: Bundle
) -> None:
    save(sample, tmp_path / "november.newsletter")
    monkeypatch.setattr(
        dialogs,
        "open_newsletter_name",
        lambda parent, folder: str(tmp_path / "november.newsletter"),
    )
    monkeypatch.setattr(
        dialogs,
        "run_dialog",
        answering(click("Next Issue from an Earlier One…"), click("Leave Articles Out")),
    )
    window.menus.new_action.trigger()
    assert window.open_document.document.settings.issue_date == dt.date(2012, 12, 1)
    assert window.open_document.path is None


def test_file_new_then_the_sample(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    window.select_block("planet")
    window.menus.delete_action.trigger()
    monkeypatch.setattr(
        dialogs, "ask_unsaved_changes", lambda parent, name: dialogs.UnsavedChoice.DISCARD
    )
    monkeypatch.setattr(dialogs, "run_dialog", answering(click("The Sample")))
    window.menus.new_action.trigger()
    assert "planet" in window.open_document.document


def test_cancelling_the_start_page_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    session = window.open_document
    monkeypatch.setattr(dialogs, "run_dialog", answering(lambda dialog: dialog.reject()))
    window.menus.new_action.trigger()
    assert window.open_document is session


def test_recent_newsletters_are_grouped_by_series_newest_issue_first(
    qtbot: QtBot, tmp_path: Path, sample: Bundle
) -> None:
    december = next_issue(sample)
    other = next_issue(sample)
    masthead = next(b for b in other.newsletter.blocks if isinstance(b, MastheadBlock))
    other.newsletter = other.newsletter.model_copy(
        update={
            "blocks": tuple(
                b.model_copy(update={"title": "Kontorets veckobrev"}) if b is masthead else b
                for b in other.newsletter.blocks
            )
        }
    )
    save(sample, tmp_path / "november.newsletter")
    save(december, tmp_path / "december.newsletter")
    save(other, tmp_path / "weekly.newsletter")
    # Opened last: November, then the weekly letter, then December.
    recent = [tmp_path / "november.newsletter", tmp_path / "weekly.newsletter"]
    page = StartPage([*map(str, recent), str(tmp_path / "december.newsletter")])
    qtbot.addWidget(page)
    rows = [page.recent_list.item(row) for row in range(page.recent_list.count())]
    assert [item.text().split("\n")[-1] for item in rows] == [
        "Norra Sverige i EU",
        "december 2012 · december.newsletter",
        "november 2012 · november.newsletter",
        "Kontorets veckobrev",
        "december 2012 · weekly.newsletter",
    ]
    # A series' header is no choice: it cannot be selected or activated.
    assert rows[0].flags() == Qt.ItemFlag.NoItemFlags
    assert rows[0].font().bold()
