"""The user's preferences: the window's language, the test mail's server, files and folders.

How the window was left (its size, panes and preview mode) is not a preference: that is
``window_state``. Both are kept in the same settings file, under keys of their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import QLocale

from composer.gui.stored_settings import (
    FlagSetting,
    NumberSetting,
    StoredSettings,
    TextListSetting,
    TextSetting,
)
from composer.i18n import UI_LANGUAGES
from composer.send import SECURITIES

#: How many recent files the File menu lists.
MAX_RECENT: Final = 8
#: Each language by its own name, as the language menu shows it.
LANGUAGE_NAMES: Final = {"sv": "Svenska", "en": "English"}


class Preferences(StoredSettings):
    """What the user chose, and what they would otherwise have to choose again."""

    #: The window's language ("sv" or "en"); "" follows the system's.
    language = TextSetting("ui/language", "", ("", *UI_LANGUAGES))
    #: Recently opened or saved files, most recent first.
    recent_files = TextListSetting("files/recent", MAX_RECENT)
    #: The file of the document open when the window last closed ("" for one without one).
    _last_document = TextSetting("files/last_document")
    #: Where the last newsletter was opened or saved.
    last_folder = TextSetting("files/last_folder")
    #: Where the last picture was chosen.
    image_folder = TextSetting("files/image_folder")
    #: Pictures are added as they are (with their metadata), not as working copies.
    keep_original_pictures = FlagSetting("pictures/keep_originals", False)
    #: The outgoing mail server of the last test mail; never the password, kept off disk.
    smtp_host = TextSetting("send/host")
    #: Its port; 0 for the usual port of the security.
    smtp_port = NumberSetting("send/port", 0, 1, 65535)
    #: ``starttls``, ``ssl`` or ``none``.
    smtp_security = TextSetting("send/security", "starttls", SECURITIES)
    #: The login name of the last test mail; empty for none.
    smtp_user = TextSetting("send/user")
    #: Whom the last test mail went to, as typed (addresses separated by commas).
    test_recipients = TextSetting("send/recipients")

    # --- the language ------------------------------------------------------------------------

    def chosen_language(self) -> str | None:
        """The language the user chose in the Language menu, or None to follow the system."""
        return self.language or None

    def choose_language(self, language: str) -> None:
        """Remember ``language`` ("sv" or "en") for the window; it applies at the next start."""
        if language not in UI_LANGUAGES:
            raise ValueError(f"not a user interface language: {language!r}")
        self.language = language
        self.sync()

    # --- files -------------------------------------------------------------------------------

    @property
    def last_document(self) -> str | None:
        """The file to start on: the one open last, "" if it had none, None the first time."""
        if not self.settings.contains(Preferences._last_document.key):
            # Before this key existed, the most recent file was the one the user left.
            recent = self.recent_files
            return recent[0] if recent else None
        return self._last_document

    @last_document.setter
    def last_document(self, value: str) -> None:
        self._last_document = value

    def add_recent(self, path: str | Path) -> None:
        """Put ``path`` first in the recent files."""
        path = str(Path(path).resolve())
        files = [path, *(item for item in self.recent_files if item != path)]
        self.recent_files = files[:MAX_RECENT]

    def remove_recent(self, path: str) -> None:
        """Forget ``path`` (it has gone)."""
        self.recent_files = [item for item in self.recent_files if item != path]

    def clear_recent(self) -> None:
        """Forget all recent files."""
        self.recent_files = []


def system_language(locale: QLocale | None = None) -> str:
    """The window's language by the system's locale: "sv" when it is Swedish, else "en"."""
    locale = QLocale.system() if locale is None else locale
    return "sv" if locale.language() == QLocale.Language.Swedish else "en"


def window_language(preferences: Preferences, locale: QLocale | None = None) -> str:
    """The language the window speaks: the user's choice if any, else the system's."""
    return preferences.chosen_language() or system_language(locale)
