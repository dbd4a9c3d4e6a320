"""File → New from Earlier Issue, as a user does it: pick the file, answer, get next month."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from composer.gui import dialogs
from composer.gui.main_window import MainWindow
from composer.model import ArticleBlock, Bundle
from composer.storage import save


def answer_with(monkeypatch: pytest.MonkeyPatch, file: Path, button: str) -> list[str]:
    """Choose ``file`` in the file dialog and click ``button`` in the question; the questions."""
    asked: list[str] = []

    def click(dialog: QDialog) -> int:
        assert isinstance(dialog, QMessageBox)
        asked.append(dialog.text())
        for candidate in dialog.buttons():
            if candidate.text().replace("&", "") == button:
                candidate.click()
                return 0
        raise AssertionError(f"no button {button!r} in {dialog.text()!r}")

    monkeypatch.setattr(dialogs, "open_newsletter_name", lambda parent, folder: str(file))
    monkeypatch.setattr(dialogs, "run_dialog", click)
    return asked


def file_menu_action(window: MainWindow, text: str) -> None:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    action = next(a for a in menu.actions() if a.text() == text)
    action.trigger()


def test_new_from_earlier_issue_leaves_the_articles_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, window: MainWindow, sample: Bundle
) -> None:
    save(sample, tmp_path / "november.newsletter")
    asked = answer_with(monkeypatch, tmp_path / "november.newsletter", "Leave Articles Out")
    file_menu_action(window, "New from Ear&lier Issue…")
    assert asked == ["Keep the earlier issue's articles in the new one?"]
    document = window.open_document.document
    assert window.open_document.path is None and not window.open_document.is_modified()
    assert document.settings.issue_date == dt.date(2012, 12, 1)
    assert document.settings.subject.endswith("december 2012")
    assert [block.kind for block in document.blocks] == ["masthead", "divider", "text", "contact"]
    assert "december 2012" in window.windowTitle()


def test_new_from_earlier_issue_can_keep_the_articles(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, window: MainWindow, sample: Bundle
) -> None:
    save(sample, tmp_path / "november.newsletter")
    answer_with(monkeypatch, tmp_path / "november.newsletter", "Keep Articles")
    file_menu_action(window, "New from Ear&lier Issue…")
    planet = window.open_document.document.block("planet")
    assert isinstance(planet, ArticleBlock) and planet.date == dt.date(2012, 12, 1)


def test_cancel_keeps_the_document_shown(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, window: MainWindow, sample: Bundle
) -> None:
    save(sample, tmp_path / "november.newsletter")
    answer_with(monkeypatch, tmp_path / "november.newsletter", "Cancel")
    session = window.open_document
    file_menu_action(window, "New from Ear&lier Issue…")
    assert window.open_document is session


def test_a_file_that_is_no_newsletter_is_explained(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, window: MainWindow
) -> None:
    (tmp_path / "notes.newsletter").write_text("not a newsletter")
    asked = answer_with(monkeypatch, tmp_path / "notes.newsletter", "OK")
    session = window.open_document
    file_menu_action(window, "New from Ear&lier Issue…")
    assert window.open_document is session
    assert len(asked) == 1 and "notes.newsletter" in asked[0]
