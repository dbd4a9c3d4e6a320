"""Autosave in the window: typing reaches the recovery journal, saving and closing clear it."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from composer.gui import dialogs, start_page
from composer.gui.autosave import Autosaver, attach_autosaver
from composer.gui.fields import LineField
from composer.gui.main_window import MainWindow
from composer.model import Newsletter
from composer.recovery import Journal, find_orphans
from composer.storage import save

#: Long enough never to fire during a test: the write a test waits for comes from the other.
NEVER = 3_600_000


@pytest.fixture
def recovery(tmp_path: Path) -> Path:
    """The recovery folder of the test, not the user's data folder."""
    return tmp_path / "recovery"


@pytest.fixture
def autosaved(window: MainWindow, recovery: Path) -> Autosaver:
    """The sample window with autosave on, writing as soon as the user stops typing."""
    autosaver = attach_autosaver(window, recovery)
    autosaver.set_intervals(0, NEVER)
    return autosaver


def after_a_crash(recovery: Path, scratch: Path) -> list[Newsletter]:
    """What a start after a crash would offer now: the documents of the journals on disk.

    The journals are copied, as a crash would leave them (no lock held), and restored from
    the copy: the window's own journals stay locked by the running window.
    """
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(recovery, scratch)
    found = []
    for orphan in find_orphans(scratch):
        found.append(orphan.restore().bundle.newsletter)
        orphan.release()
    return found


def subject_field(window: MainWindow) -> LineField:
    window.show_settings()
    assert window.editor is not None
    field = window.editor.fields["subject"]
    assert isinstance(field, LineField)
    return field


def type_in_subject(
    window: MainWindow, type_text: Callable[[QWidget, str], None], text: str
) -> None:
    field = subject_field(window)
    field.line.setFocus()
    field.line.end(False)
    type_text(field.line, text)


def test_typing_reaches_the_journal_soon_after_the_user_stops(
    window: MainWindow,
    autosaved: Autosaver,
    qtbot: QtBot,
    recovery: Path,
    tmp_path: Path,
    type_text: Callable[[QWidget, str], None],
) -> None:
    subject = window.open_document.document.settings.subject
    with qtbot.waitSignal(autosaved.written, timeout=10_000):
        type_in_subject(window, type_text, " – utkast åäö")
    [recovered] = after_a_crash(recovery, tmp_path / "crash")
    assert recovered.settings.subject == subject + " – utkast åäö"
    assert recovered == window.open_document.document.newsletter


def test_continuous_typing_is_written_before_the_user_stops(
    window: MainWindow,
    autosaved: Autosaver,
    qtbot: QtBot,
    recovery: Path,
    tmp_path: Path,
    type_text: Callable[[QWidget, str], None],
) -> None:
    # The quiet delay never passes; the longest wait writes all the same.
    autosaved.set_intervals(NEVER, 0)
    with qtbot.waitSignal(autosaved.written, timeout=10_000):
        type_in_subject(window, type_text, "!")
    assert after_a_crash(recovery, tmp_path / "crash") == [window.open_document.document.newsletter]


def test_the_journal_is_written_off_the_gui_thread(
    window: MainWindow,
    autosaved: Autosaver,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    type_text: Callable[[QWidget, str], None],
) -> None:
    threads: list[threading.Thread] = []
    write = Journal.write

    def watched_write(journal: Journal, *args: object, **kwargs: object) -> None:
        threads.append(threading.current_thread())
        write(journal, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Journal, "write", watched_write)
    with qtbot.waitSignal(autosaved.written, timeout=10_000):
        type_in_subject(window, type_text, "!")
    assert threads and threads[0] is not threading.main_thread()


def test_saving_clears_the_journal_and_the_next_change_writes_it_again(
    window: MainWindow,
    autosaved: Autosaver,
    qtbot: QtBot,
    recovery: Path,
    tmp_path: Path,
    type_text: Callable[[QWidget, str], None],
) -> None:
    file = tmp_path / "nov.newsletter"
    save(window.open_document.document.snapshot(), file)
    with qtbot.waitSignal(autosaved.cleared):
        window.files.open_path(file)
    with qtbot.waitSignal(autosaved.written, timeout=10_000):
        type_in_subject(window, type_text, " (utkast)")
    assert len(after_a_crash(recovery, tmp_path / "crash")) == 1
    with qtbot.waitSignal(autosaved.cleared, timeout=10_000):
        window.menus.save_action.trigger()
    assert after_a_crash(recovery, tmp_path / "crash") == []
    with qtbot.waitSignal(autosaved.written, timeout=10_000):
        type_in_subject(window, type_text, "!")
    assert [doc.settings.subject for doc in after_a_crash(recovery, tmp_path / "crash")] == [
        window.open_document.document.settings.subject
    ]


def test_undoing_every_change_clears_the_journal(
    window: MainWindow,
    autosaved: Autosaver,
    qtbot: QtBot,
    recovery: Path,
    tmp_path: Path,
    type_text: Callable[[QWidget, str], None],
) -> None:
    with qtbot.waitSignal(autosaved.written, timeout=10_000):
        type_in_subject(window, type_text, "!")
    with qtbot.waitSignal(autosaved.cleared, timeout=10_000):
        window.menus.undo_action.trigger()
    assert after_a_crash(recovery, tmp_path / "crash") == []


@pytest.mark.parametrize(
    ("answer", "kept"),
    [(dialogs.UnsavedChoice.DISCARD, False), (dialogs.UnsavedChoice.CANCEL, True)],
)
def test_closing_without_saving_removes_the_journal_and_cancel_keeps_it(
    window: MainWindow,
    autosaved: Autosaver,
    qtbot: QtBot,
    recovery: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    type_text: Callable[[QWidget, str], None],
    answer: dialogs.UnsavedChoice,
    kept: bool,
) -> None:
    with qtbot.waitSignal(autosaved.written, timeout=10_000):
        type_in_subject(window, type_text, "!")
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda parent, name: answer)
    window.menus.quit_action.trigger()
    assert window.isVisible() == kept
    assert len(after_a_crash(recovery, tmp_path / "crash")) == int(kept)
    if not kept:
        assert list(recovery.iterdir()) == []


def test_a_new_document_after_dont_save_leaves_no_journal(
    window: MainWindow,
    autosaved: Autosaver,
    qtbot: QtBot,
    recovery: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    type_text: Callable[[QWidget, str], None],
) -> None:
    with qtbot.waitSignal(autosaved.written, timeout=10_000):
        type_in_subject(window, type_text, "!")
    monkeypatch.setattr(
        dialogs, "ask_unsaved_changes", lambda parent, name: dialogs.UnsavedChoice.DISCARD
    )
    blank = start_page.Start(start_page.StartChoice.BLANK)  # File → New: Blank Newsletter
    monkeypatch.setattr(start_page, "choose_start", lambda parent, recent: blank)
    with qtbot.waitSignal(autosaved.cleared, timeout=10_000):
        window.menus.new_action.trigger()
    assert after_a_crash(recovery, tmp_path / "crash") == []
    # The untitled document is journaled as soon as it is changed.
    with qtbot.waitSignal(autosaved.written, timeout=10_000):
        type_in_subject(window, type_text, "Nytt brev")
    [recovered] = after_a_crash(recovery, tmp_path / "crash")
    assert recovered.settings.subject == "Nytt brev"


def test_two_windows_keep_journals_of_their_own_and_take_neither(
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    recovery: Path,
    tmp_path: Path,
    type_text: Callable[[QWidget, str], None],
) -> None:
    first, second = make_window(), make_window()
    for window, text in ((first, " ett"), (second, " två")):
        autosaver = attach_autosaver(window, recovery)
        autosaver.set_intervals(0, NEVER)
        with qtbot.waitSignal(autosaver.written, timeout=10_000):
            type_in_subject(window, type_text, text)
    # Both are running: a start now would offer neither…
    assert find_orphans(recovery) == []
    # …and a crash would leave both.
    subjects = sorted(doc.settings.subject for doc in after_a_crash(recovery, tmp_path / "c"))
    assert [subject[-4:] for subject in subjects] == [" ett", " två"]


def test_a_journal_that_cannot_be_written_is_said_in_the_status_bar(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    type_text: Callable[[QWidget, str], None],
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    autosaver = attach_autosaver(window, blocker / "recovery")
    autosaver.set_intervals(0, NEVER)
    with qtbot.waitSignal(autosaver.failed, timeout=10_000):
        type_in_subject(window, type_text, "!")
    message = window.statusBar().currentMessage()
    assert message.startswith("Cannot write the recovery copy in")
    assert message.endswith("save your work to a file.")
