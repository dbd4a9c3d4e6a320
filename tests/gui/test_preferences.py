"""What the window remembers: the user's preferences apart from the window's state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from composer.gui.preferences import MAX_RECENT, Preferences
from composer.gui.window_state import WindowState


def test_a_hand_edited_file_gives_the_defaults_not_an_error(tmp_path: Path) -> None:
    ini = tmp_path / "composer.ini"
    ini.write_text(
        "[ui]\nlanguage=klingon\n"
        "[send]\nport=smtp\nsecurity=carrier-pigeon\nhost=smtp.example.org\n"
        "[files]\nrecent=/home/anna/november.newsletter\n"
        "[preview]\nmode=tablet\ndark=perhaps\n"
        "[window]\ngeometry=not bytes\n",
        encoding="utf-8",
    )
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    preferences, state = Preferences(settings), WindowState(settings)
    assert preferences.chosen_language() is None
    assert preferences.smtp_port == 0  # the usual port of the security
    assert preferences.smtp_security == "starttls"
    assert preferences.smtp_host == "smtp.example.org"
    assert preferences.recent_files == ["/home/anna/november.newsletter"]
    assert state.preview_mode == "desktop"
    assert state.dark_preview is False
    assert state.geometry == QByteArray()


def test_preferences_and_window_state_keep_their_values_apart(settings: QSettings) -> None:
    preferences, state = Preferences(settings), WindowState(settings)
    preferences.smtp_port = 587
    preferences.test_recipients = "anna@example.org"
    state.preview_mode = "mobile"
    state.dark_preview = True
    state.splitter = QByteArray(b"\x00\x01sizes")
    settings.sync()
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert Preferences(again).smtp_port == 587
    assert Preferences(again).test_recipients == "anna@example.org"
    assert WindowState(again).preview_mode == "mobile"
    assert WindowState(again).dark_preview is True
    assert WindowState(again).splitter == QByteArray(b"\x00\x01sizes")
    groups = set(again.childGroups())
    assert groups == {"send", "preview", "window"}


def test_recent_files_most_recent_first_without_repeats(
    settings: QSettings, tmp_path: Path
) -> None:
    preferences = Preferences(settings)
    paths = [tmp_path / f"issue-{number}.newsletter" for number in range(MAX_RECENT + 2)]
    for path in paths:
        preferences.add_recent(path)
    preferences.add_recent(paths[-3])
    recent = preferences.recent_files
    assert len(recent) == MAX_RECENT
    assert recent[:2] == [str(paths[-3].resolve()), str(paths[-1].resolve())]
    assert str(paths[0].resolve()) not in recent
    preferences.remove_recent(recent[0])
    assert preferences.recent_files[0] == str(paths[-1].resolve())
    preferences.clear_recent()
    assert preferences.recent_files == []
