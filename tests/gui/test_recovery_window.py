"""Recovery as the user meets it: kill -9 the program, start again, restore in the dialog.

Also where a start begins without a crash: the document open at the last close, the sample
only the very first time.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from composer.gui import dialogs, start_page
from composer.gui.app import install_translators
from composer.gui.fields import LineField
from composer.gui.main_window import MainWindow
from composer.gui.preferences import Preferences
from composer.gui.recovery_dialog import RecoveryDialog
from composer.gui.startup import open_start_windows
from composer.gui.window_state import WindowState
from composer.i18n import set_ui_language
from composer.images import ImageCache
from composer.model import ArticleBlock, Bundle, Newsletter, Settings
from composer.recovery import Journal, find_orphans
from composer.storage import load, save

HERE = Path(__file__).resolve().parent
CHANGED = dt.datetime(2012, 11, 14, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def recovery(tmp_path: Path) -> Path:
    """The recovery folder of the test, not the user's data folder."""
    return tmp_path / "recovery"


@pytest.fixture
def start(
    qtbot: QtBot, settings: QSettings, image_cache: ImageCache, recovery: Path
) -> Iterator[Callable[..., list[MainWindow]]]:
    """Starts the program's windows as ``newsletter-composer`` does; closes them afterwards."""
    started: list[MainWindow] = []

    def start_windows(
        file: str | None = None, settings: QSettings = settings, folder: Path = recovery
    ) -> list[MainWindow]:
        windows = open_start_windows(
            file, Preferences(settings), WindowState(settings), image_cache, folder
        )
        for window in windows:
            window.show()
        started.extend(windows)
        return windows

    yield start_windows
    for window in started:
        if window.isVisible():
            window.open_document.undo_stack.setClean()
            window.close()
        window.deleteLater()
    qtbot.wait(1)


def subject(window: MainWindow) -> LineField:
    """The subject field, shown as the user would open it."""
    window.show_settings()
    assert window.editor is not None
    field = window.editor.fields["subject"]
    assert isinstance(field, LineField)
    return field


def answer_recovery(
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    uncheck: tuple[int, ...] = (),
    later: bool = False,
) -> list[list[str]]:
    """Answer the recovery dialog as a user does; returns the rows it showed.

    Args:
        uncheck: rows to uncheck (with the keyboard: select, Space).
        later: click "Decide Later" instead of the main button.
    """
    shown: list[list[str]] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, RecoveryDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for row in range(dialog.list.topLevelItemCount()):
            item = dialog.list.topLevelItem(row)
            assert isinstance(item, QTreeWidgetItem)
            shown.append([item.text(column) for column in range(3)])
        for row in uncheck:
            dialog.list.setFocus()
            dialog.list.setCurrentItem(dialog.list.topLevelItem(row))
            qtbot.keyClick(dialog.list.viewport(), Qt.Key.Key_Space)
        shown.append([dialog.restore_button.text()])
        button = dialog.later_button if later else dialog.restore_button
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", run)
    return shown


# --- a real crash ------------------------------------------------------------------------------

TYPED = " kraschtest 42"


def type_and_kill(tmp_path: Path, qtbot: QtBot, file: Path | None) -> Path:
    """Start the real program in a process of its own, type into the subject, kill -9 it.

    Returns:
        The program's recovery folder (in the test's own data folder).
    """
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(tmp_path / name.lower())
    command = [sys.executable, str(HERE / "typing_program.py"), "--text", TYPED]
    if file is not None:
        command.append(str(file))
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    ) as program:
        assert program.stdout is not None
        first = program.stdout.readline()
        assert first.startswith("folder "), first
        folder = Path(first.removeprefix("folder ").strip())
        while (line := program.stdout.readline()) not in ("done\n", ""):
            pass
        assert line == "done\n", "the program ended before it had typed"

        def journaled() -> bool:
            return any(TYPED in path.read_text("utf-8") for path in folder.glob("*/journal.json"))

        # Autosave writes within seconds of the last key; the kill comes after that.
        qtbot.waitUntil(journaled, timeout=30_000)
        program.send_signal(signal.SIGKILL)
        program.wait()
        assert program.returncode == -signal.SIGKILL
    return folder


def settings_of_the_program(tmp_path: Path) -> QSettings:
    """The settings file the killed program used."""
    path = tmp_path / "config" / "Newsletter Composer" / "newsletter-composer.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.mark.skipif(sys.platform != "linux", reason="the data folder is moved with XDG_DATA_HOME")
def test_typing_survives_kill_9_through_the_recovery_dialog(
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    start: Callable[..., list[MainWindow]],
) -> None:
    folder = type_and_kill(tmp_path, qtbot, None)
    shown = answer_recovery(monkeypatch, qtbot)
    [window] = start(settings=settings_of_the_program(tmp_path), folder=folder)
    [row, button] = shown
    assert row[0] == "Sample newsletter"
    assert TYPED.strip() in row[2]
    assert button == ["&Restore"]
    assert subject(window).value().endswith(TYPED)
    assert window.open_document.path is None
    assert window.windowTitle().startswith("Sample newsletter")
    assert window.isWindowModified()
    assert window.statusBar().currentMessage() == (
        "Restored “Sample newsletter”. Save it to keep the changes."
    )
    # The restored document's journal belongs to this program now: nobody else is offered it.
    assert find_orphans(folder) == []
    monkeypatch.setattr(
        dialogs, "ask_unsaved_changes", lambda parent, name: dialogs.UnsavedChoice.DISCARD
    )
    window.close()
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(sys.platform != "linux", reason="the data folder is moved with XDG_DATA_HOME")
def test_a_saved_file_is_restored_with_its_path_and_the_file_itself_untouched(
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    start: Callable[..., list[MainWindow]],
    sample: Bundle,
) -> None:
    file = tmp_path / "nov.newsletter"
    save(sample, file)
    folder = type_and_kill(tmp_path, qtbot, file)
    shown = answer_recovery(monkeypatch, qtbot)
    [window] = start(settings=settings_of_the_program(tmp_path), folder=folder)
    assert shown[0][0] == "nov.newsletter"
    assert window.open_document.path == file.resolve()
    assert window.windowTitle().startswith("nov.newsletter")
    assert window.isWindowModified()
    assert subject(window).value() == sample.newsletter.settings.subject + TYPED
    assert load(file).newsletter == sample.newsletter
    window.menus.save_action.trigger()
    assert load(file).newsletter.settings.subject.endswith(TYPED.strip())
    assert not window.isWindowModified()


# --- the dialog --------------------------------------------------------------------------------


def crashed(
    folder: Path, newsletter: Newsletter, name: str = "Untitled", minutes_ago: int = 0
) -> Path:
    """A journal of ``newsletter`` as a crashed program leaves it (nobody holds it)."""
    journal = Journal.create(folder)
    changed_at = CHANGED - dt.timedelta(minutes=minutes_ago)
    journal.write(Bundle(newsletter), name=name, path=None, changed_at=changed_at)
    copy = folder / uuid.uuid4().hex
    shutil.copytree(journal.folder, copy)
    journal.remove()
    return copy


def letter(subject: str, headline: str) -> Newsletter:
    return Newsletter(settings=Settings(subject=subject), blocks=(ArticleBlock(headline=headline),))


def test_each_document_is_restored_or_discarded_as_checked(
    recovery: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    start: Callable[..., list[MainWindow]],
) -> None:
    kept = crashed(recovery, letter("Behåll mig", "Planet"))
    dropped = crashed(recovery, letter("Släng mig", "Rymden"), "Untitled 2", minutes_ago=5)
    shown = answer_recovery(monkeypatch, qtbot, uncheck=(1,))
    windows = start()
    assert shown[0][0] == "Untitled"
    assert shown[0][2] == "“Behåll mig” · 1 block · Planet"
    assert shown[1][2] == "“Släng mig” · 1 block · Rymden"
    assert shown[2] == ["&Restore 1, Discard 1"]
    [window] = windows
    assert window.open_document.document.settings.subject == "Behåll mig"
    assert window.isWindowModified()
    assert kept.exists() and not dropped.exists()


def test_several_documents_are_restored_each_in_a_window(
    recovery: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    start: Callable[..., list[MainWindow]],
) -> None:
    crashed(recovery, letter("Ett", "A"))
    crashed(recovery, letter("Två", "B"))
    answer_recovery(monkeypatch, qtbot)
    windows = start()
    assert sorted(window.open_document.document.settings.subject for window in windows) == [
        "Ett",
        "Två",
    ]


def test_unchecking_everything_discards_everything(
    recovery: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    start: Callable[..., list[MainWindow]],
) -> None:
    crashed(recovery, letter("Bort", "A"))
    shown = answer_recovery(monkeypatch, qtbot, uncheck=(0,))
    [window] = start()
    assert shown[-1] == ["&Discard All"]
    assert window.open_document.display_name == "Sample newsletter"  # the very first start
    assert list(recovery.iterdir()) == []


def test_decide_later_keeps_every_journal_for_the_next_start(
    recovery: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    start: Callable[..., list[MainWindow]],
) -> None:
    journal = crashed(recovery, letter("Sen", "A"))
    answer_recovery(monkeypatch, qtbot, later=True)
    [window] = start()
    assert window.open_document.document.settings.subject != "Sen"
    assert (journal / "journal.json").exists()
    [orphan] = find_orphans(recovery)
    assert orphan.summary.subject == "Sen"
    orphan.release()


def test_the_dialog_speaks_swedish(qapp: QApplication, recovery: Path, qtbot: QtBot) -> None:
    translators = install_translators(qapp, "sv")
    crashed(recovery, letter("Hej", "A"))
    crashed(recovery, letter("", "B"), minutes_ago=5)
    orphans = find_orphans(recovery)
    try:
        dialog = RecoveryDialog([orphan.summary for orphan in orphans])
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Återställ osparat arbete"
        assert dialog.restore_button.text() == "&Återställ"
        assert dialog.later_button.text() == "Bestäm &senare"
        header = dialog.list.headerItem()
        assert [header.text(column) for column in range(3)] == [
            "Nyhetsbrev",
            "Senast ändrat",
            "Innehåll",
        ]
        first = dialog.list.topLevelItem(0)
        assert first is not None
        assert first.text(1) == CHANGED.astimezone().strftime("%Y-%m-%d %H:%M")
        texts = [dialog.list.topLevelItem(row).text(2) for row in range(2)]  # type: ignore[union-attr]
        assert texts == ["”Hej” · 1 block · A", "ingen ämnesrad · 1 block · B"]
    finally:
        for orphan in orphans:
            orphan.release()
        for translator in translators:
            qapp.removeTranslator(translator)
        set_ui_language(None)


# --- where a start begins ----------------------------------------------------------------------


def test_the_very_first_start_opens_the_sample(start: Callable[..., list[MainWindow]]) -> None:
    [window] = start()
    assert window.open_document.display_name == "Sample newsletter"
    assert not window.isWindowModified()


def test_a_start_reopens_the_document_open_at_the_last_close(
    start: Callable[..., list[MainWindow]], tmp_path: Path, sample: Bundle
) -> None:
    file = tmp_path / "nov.newsletter"
    save(sample, file)
    [first] = start()
    first.files.open_path(file)
    first.close()
    [second] = start()
    assert second.open_document.path == file.resolve()
    assert not second.isWindowModified()


def test_after_closing_a_document_never_saved_a_start_opens_a_new_one(
    start: Callable[..., list[MainWindow]], monkeypatch: pytest.MonkeyPatch
) -> None:
    [first] = start()
    monkeypatch.setattr(
        dialogs, "ask_unsaved_changes", lambda parent, name: dialogs.UnsavedChoice.DISCARD
    )
    blank = start_page.Start(start_page.StartChoice.BLANK)  # File → New: Blank Newsletter
    monkeypatch.setattr(start_page, "choose_start", lambda parent, recent: blank)
    first.menus.new_action.trigger()
    first.close()
    [second] = start()
    assert second.open_document.display_name == "Untitled"
    assert [block.kind for block in second.open_document.document.blocks] == ["masthead"]


def cancel_start_page(notes: list[str]) -> Callable[[QDialog], int]:
    """A run_dialog that notes what the start page says and cancels it, as a user may."""

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, start_page.StartPage)
        notes.append(dialog.note.text())
        dialog.reject()
        return dialog.result()

    return run


def test_a_last_document_that_has_gone_is_said_in_the_status_bar_and_the_start_page(
    start: Callable[..., list[MainWindow]],
    tmp_path: Path,
    sample: Bundle,
    preferences: Preferences,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    file = tmp_path / "moved.newsletter"
    save(sample, file)
    [first] = start()
    first.files.open_path(file)
    first.close()
    file.unlink()
    notes: list[str] = []
    monkeypatch.setattr(dialogs, "run_dialog", cancel_start_page(notes))
    [second] = start()
    assert second.open_document.display_name == "Untitled"
    assert second.statusBar().currentMessage() == (
        f"The newsletter you had open last, “moved.newsletter”, is no longer in {tmp_path}. "
        "A new newsletter was started; open the file from where it is now with File → Open."
    )
    assert str(file.resolve()) not in preferences.recent_files
    # The start page asks what to start from instead, and says why.
    qtbot.waitUntil(lambda: bool(notes))
    assert notes == [
        f"The newsletter you had open last, “moved.newsletter”, is no longer in {tmp_path}. "
        "If it was moved, choose Open… and open it from where it is now."
    ]
    assert second.open_document.display_name == "Untitled"


def test_a_damaged_last_document_is_explained_and_the_start_page_shown(
    start: Callable[..., list[MainWindow]],
    tmp_path: Path,
    preferences: Preferences,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    file = tmp_path / "broken.newsletter"
    file.write_text("not a zip")
    preferences.last_document = str(file)
    errors: list[BaseException] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: errors.append(exc))
    notes: list[str] = []
    monkeypatch.setattr(dialogs, "run_dialog", cancel_start_page(notes))
    [window] = start()
    assert window.open_document.display_name == "Untitled"
    [error] = errors
    assert str(error).startswith("Cannot open “broken.newsletter”")
    qtbot.waitUntil(lambda: bool(notes))
    assert notes == ["The newsletter you had open last, “broken.newsletter”, could not be opened."]


def test_a_file_named_on_the_command_line_wins_over_the_last_document(
    start: Callable[..., list[MainWindow]], tmp_path: Path, sample: Bundle, preferences: Preferences
) -> None:
    file = tmp_path / "named.newsletter"
    save(sample, file)
    preferences.last_document = ""
    [window] = start(str(file))
    assert window.open_document.path == file.resolve()


def test_save_as_makes_the_new_file_the_one_to_start_on(
    start: Callable[..., list[MainWindow]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    preferences: Preferences,
) -> None:
    [window] = start()
    target = tmp_path / "kopia.newsletter"
    monkeypatch.setattr(dialogs, "save_newsletter_name", lambda parent, suggestion: str(target))
    subject(window).line.setFocus()
    window.menus.save_as_action.trigger()
    assert preferences.last_document == str(target.resolve())


def test_before_this_version_the_most_recent_file_was_the_last_document(
    start: Callable[..., list[MainWindow]], tmp_path: Path, sample: Bundle, preferences: Preferences
) -> None:
    file = tmp_path / "recent.newsletter"
    save(sample, file)
    preferences.add_recent(file)
    [window] = start()
    assert window.open_document.path == file.resolve()
