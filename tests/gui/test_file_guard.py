"""The window guards its file: locks, changes made by other programs, read-only files."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from composer import file_lock
from composer.gui import dialogs, file_guard
from composer.gui.fields import LineField
from composer.gui.file_guard import DiskChoice, LockChoice
from composer.gui.main_window import MainWindow
from composer.model import Bundle, Newsletter, Settings, make_block
from composer.storage import backup_path, load, save


def letter(subject: str) -> Bundle:
    return Bundle(
        Newsletter(
            settings=Settings(subject=subject),
            blocks=(make_block("text", body=f"<p>{subject}</p>"),),
        )
    )


def subject(path: Path) -> str:
    return load(path).newsletter.settings.subject


def saved_by_another_program(path: Path, text: str) -> None:
    """What another program's save does: a new file renamed over the old one."""
    other = path.with_name("annat-program.tmp")
    save(letter(text), other)
    os.replace(other, path)


def bring_to_front(window: MainWindow) -> None:
    """What the window system tells a window the user switches back to."""
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def held_elsewhere(path: Path, pid: int = 1) -> file_lock.LockOwner:
    """The lock of ``path`` as another running program (pid 1 always runs) writes it."""
    owner = file_lock.LockOwner("anna", file_lock.this_host(), pid, None)
    file_lock.lock_path(path).write_bytes(owner.to_bytes())
    return owner


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "brev.newsletter"
    save(letter("Från disken"), path)
    return path


@pytest.fixture
def opened(window: MainWindow, document: Path) -> MainWindow:
    assert window.files.open_path(document)
    return window


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[object]]:
    """Answers the file guard's questions: ``answers(ask_changed_on_disk=DiskChoice.RELOAD)``."""

    def answer(**choices: object) -> list[object]:
        asked: list[object] = []
        for name, choice in choices.items():

            def ask(*args: object, _choice: object = choice, _name: str = name) -> object:
                asked.append((_name, *args[1:]))
                return _choice

            monkeypatch.setattr(file_guard, name, ask)
        return asked

    return answer


@pytest.fixture
def click(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], list[str]]:
    """Clicks the button with a given text in the next dialogs, as the user does."""

    def clicking(text: str) -> list[str]:
        shown: list[str] = []

        def run(dialog: QDialog) -> int:
            assert isinstance(dialog, QMessageBox)
            shown.append(dialog.text())
            (button,) = [b for b in dialog.findChildren(QPushButton) if b.text() == text]
            button.click()
            return 0

        monkeypatch.setattr(dialogs, "run_dialog", run)
        return shown

    return clicking


def edit_subject(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type a new subject into the newsletter's settings, as the user does."""
    window.menus.settings_action.trigger()
    assert window.editor is not None
    field = window.editor.fields["subject"]
    assert isinstance(field, LineField)
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, text)
    assert window.open_document.document.settings.subject == text


# --- locks -------------------------------------------------------------------------------------


def test_the_open_file_is_locked_and_closing_the_window_unlocks_it(
    opened: MainWindow, document: Path
) -> None:
    owner = file_lock.read_lock(document)
    assert owner is not None and owner.is_this_process()
    opened.close()
    assert file_lock.read_lock(document) is None


def test_a_file_open_elsewhere_can_be_opened_read_only_and_saved_as(
    window: MainWindow,
    document: Path,
    tmp_path: Path,
    answers: Callable[..., list[object]],
    click: Callable[[str], list[str]],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    anna = held_elsewhere(document)
    asked = answers(ask_locked=LockChoice.READ_ONLY)
    assert window.files.open_path(document)
    assert asked == [("ask_locked", "brev.newsletter", anna)]
    assert not window.menus.save_action.isEnabled()
    assert window.files.guard.read_only_label.isVisible()
    edit_subject(qtbot, window, "Min kopia")
    qtbot.keySequence(window, QKeySequence.StandardKey.Save)  # disabled: nothing happens
    assert subject(document) == "Från disken"
    # Closing asks to save; saving offers Save As, which writes a copy of one's own.
    copy = tmp_path / "kopia.newsletter"
    monkeypatch.setattr(dialogs, "save_newsletter_name", lambda parent, suggestion: str(copy))
    shown = click("Save &As…")
    assert window.files.save()
    assert "is open read-only, because it is open in Newsletter Composer: anna on" in shown[0]
    assert subject(copy) == "Min kopia"
    assert subject(document) == "Från disken"
    assert window.menus.save_action.isEnabled()
    assert not window.files.guard.read_only_label.isVisible()
    mine = file_lock.read_lock(copy)
    assert mine is not None and mine.is_this_process()
    assert file_lock.read_lock(document) == anna


def test_open_anyway_takes_the_lock(
    window: MainWindow, document: Path, answers: Callable[..., list[object]]
) -> None:
    held_elsewhere(document)
    answers(ask_locked=LockChoice.ANYWAY)
    assert window.files.open_path(document)
    owner = file_lock.read_lock(document)
    assert owner is not None and owner.is_this_process()
    assert window.menus.save_action.isEnabled()


def test_cancel_keeps_the_document_shown(
    window: MainWindow, document: Path, answers: Callable[..., list[object]]
) -> None:
    anna = held_elsewhere(document)
    answers(ask_locked=LockChoice.CANCEL)
    assert not window.files.open_path(document)
    assert window.open_document.path is None
    assert file_lock.read_lock(document) == anna


def test_a_crashed_programs_lock_and_leftovers_go_without_a_word(
    window: MainWindow, document: Path
) -> None:
    held_elsewhere(document, pid=dead_pid())
    leftover = document.with_name(".brev.newsletter.0a1b2c3d.tmp")
    leftover.write_bytes(b"PK half")
    assert window.files.open_path(document)  # no question: the no_dialogs fixture would fail
    assert not leftover.exists()
    owner = file_lock.read_lock(document)
    assert owner is not None and owner.is_this_process()


# --- changes by another program ----------------------------------------------------------------


def test_a_change_on_disk_is_noticed_when_the_window_comes_to_the_front_and_reloaded(
    opened: MainWindow, document: Path, answers: Callable[..., list[object]], qtbot: QtBot
) -> None:
    edit_subject(qtbot, opened, "Mitt")
    saved_by_another_program(document, "Deras")
    asked = answers(ask_changed_on_disk=DiskChoice.RELOAD)
    bring_to_front(opened)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == [("ask_changed_on_disk", "brev.newsletter", False)]
    qtbot.waitUntil(lambda: opened.open_document.document.settings.subject == "Deras")
    assert not opened.open_document.is_modified()


def test_overwrite_writes_ours_and_the_bak_keeps_theirs(
    opened: MainWindow, document: Path, answers: Callable[..., list[object]], qtbot: QtBot
) -> None:
    edit_subject(qtbot, opened, "Mitt")
    saved_by_another_program(document, "Deras")
    asked = answers(ask_changed_on_disk=DiskChoice.OVERWRITE)
    bring_to_front(opened)
    qtbot.waitUntil(lambda: subject(document) == "Mitt")
    assert len(asked) == 1
    assert subject(backup_path(document)) == "Deras"


def test_a_change_put_off_is_not_asked_again_but_saving_asks(
    opened: MainWindow, document: Path, answers: Callable[..., list[object]], qtbot: QtBot
) -> None:
    edit_subject(qtbot, opened, "Mitt")
    saved_by_another_program(document, "Deras")
    asked = answers(ask_changed_on_disk=DiskChoice.CANCEL)
    bring_to_front(opened)
    qtbot.waitUntil(lambda: len(asked) == 1)
    bring_to_front(opened)
    qtbot.wait(50)
    assert len(asked) == 1
    assert not opened.files.save()
    assert asked[-1] == ("ask_changed_on_disk", "brev.newsletter", True)
    assert subject(document) == "Deras"
    assert opened.open_document.is_modified()


def test_save_as_instead_keeps_both(
    opened: MainWindow,
    document: Path,
    tmp_path: Path,
    answers: Callable[..., list[object]],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    edit_subject(qtbot, opened, "Mitt")
    saved_by_another_program(document, "Deras")
    answers(ask_changed_on_disk=DiskChoice.SAVE_AS)
    mine = tmp_path / "mitt.newsletter"
    monkeypatch.setattr(dialogs, "save_newsletter_name", lambda parent, suggestion: str(mine))
    assert opened.files.save()
    assert subject(document) == "Deras"
    assert subject(mine) == "Mitt"
    assert opened.open_document.path == mine.resolve()
    assert not opened.open_document.is_modified()


def test_a_file_only_touched_is_no_change(opened: MainWindow, document: Path, qtbot: QtBot) -> None:
    os.utime(document)
    bring_to_front(opened)
    qtbot.wait(50)  # no question (the no_dialogs fixture fails the test on one)
    edit_subject(qtbot, opened, "Mitt")
    assert opened.files.save()
    assert subject(document) == "Mitt"


def test_the_watcher_notices_a_change_while_the_window_is_in_front(
    opened: MainWindow, document: Path, answers: Callable[..., list[object]], qtbot: QtBot
) -> None:
    opened.activateWindow()
    qtbot.waitUntil(opened.isActiveWindow)
    asked = answers(ask_changed_on_disk=DiskChoice.CANCEL)
    saved_by_another_program(document, "Deras")
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)


# --- read-only files ---------------------------------------------------------------------------


def test_a_read_only_file_is_refused_and_save_as_offered(
    opened: MainWindow,
    document: Path,
    tmp_path: Path,
    click: Callable[[str], list[str]],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    document.chmod(0o444)
    edit_subject(qtbot, opened, "Mitt")
    shown = click("Cancel")
    assert not opened.files.save()
    assert shown == [
        "“brev.newsletter” is read-only, so it was not changed. Use Save As to save your "
        "newsletter under another name or in another folder."
    ]
    assert subject(document) == "Från disken"
    copy = tmp_path / "skrivbar.newsletter"
    monkeypatch.setattr(dialogs, "save_newsletter_name", lambda parent, suggestion: str(copy))
    click("Save &As…")
    assert opened.files.save()
    assert subject(copy) == "Mitt"
    assert opened.windowTitle().startswith("skrivbar.newsletter")
