"""What the window remembers between runs: geometry, splitters, preview mode, recent files.

Each key is declared once with its default. The QSettings store is passed in, so tests use a
file of their own and never touch the user's configuration.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION: Final = "Newsletter Composer"
APPLICATION: Final = "newsletter-composer"
MAX_RECENT: Final = 8

#: Every key, with its default.
GEOMETRY: Final = ("window/geometry", QByteArray())
WINDOW_STATE: Final = ("window/state", QByteArray())
SPLITTER: Final = ("window/splitter", QByteArray())
PREVIEW_MODE: Final = ("preview/mode", "desktop")
DARK_PREVIEW: Final = ("preview/dark", False)
RECENT_FILES: Final[tuple[str, list[str]]] = ("files/recent", [])
LAST_FOLDER: Final = ("files/last_folder", "")
IMAGE_FOLDER: Final = ("files/image_folder", "")
#: The file of the document open when the window last closed ("" for one without a file).
LAST_DOCUMENT: Final = ("files/last_document", "")
#: The test mail's server and recipients; never the password, which is not stored on disk.
SMTP_HOST: Final = ("send/host", "")
SMTP_PORT: Final = ("send/port", 0)
SMTP_SECURITY: Final = ("send/security", "starttls")
SMTP_USER: Final = ("send/user", "")
TEST_RECIPIENTS: Final = ("send/recipients", "")


def user_settings() -> QSettings:
    """The user's own settings file (an INI file in the platform's configuration folder)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


class WindowState:
    """Typed access to the remembered window state in ``settings``."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def _bytes(self, key: tuple[str, QByteArray]) -> QByteArray:
        value = self.settings.value(key[0], key[1])
        return value if isinstance(value, QByteArray) else QByteArray()

    def _text(self, key: tuple[str, str]) -> str:
        value = self.settings.value(key[0], key[1])
        return value if isinstance(value, str) else key[1]

    def _flag(self, key: tuple[str, bool]) -> bool:
        value = self.settings.value(key[0], key[1])
        # INI files give back "true"/"false" strings.
        return value in (True, "true", "1", 1)

    @property
    def geometry(self) -> QByteArray:
        """The main window's saved geometry (empty the first time)."""
        return self._bytes(GEOMETRY)

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.settings.setValue(GEOMETRY[0], value)

    @property
    def window_state(self) -> QByteArray:
        """The main window's toolbars and docks (empty the first time)."""
        return self._bytes(WINDOW_STATE)

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.settings.setValue(WINDOW_STATE[0], value)

    @property
    def splitter(self) -> QByteArray:
        """The sizes of the list, editor and preview panes (empty the first time)."""
        return self._bytes(SPLITTER)

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self.settings.setValue(SPLITTER[0], value)

    @property
    def preview_mode(self) -> str:
        """``desktop`` or ``mobile``."""
        mode = self._text(PREVIEW_MODE)
        return mode if mode in ("desktop", "mobile") else PREVIEW_MODE[1]

    @preview_mode.setter
    def preview_mode(self, value: str) -> None:
        self.settings.setValue(PREVIEW_MODE[0], value)

    @property
    def dark_preview(self) -> bool:
        """Whether the preview shows the newsletter as a dark-mode mail program would."""
        return self._flag(DARK_PREVIEW)

    @dark_preview.setter
    def dark_preview(self, value: bool) -> None:
        self.settings.setValue(DARK_PREVIEW[0], value)

    @property
    def last_folder(self) -> str:
        """Where the last newsletter was opened or saved."""
        return self._text(LAST_FOLDER)

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self.settings.setValue(LAST_FOLDER[0], value)

    @property
    def last_document(self) -> str | None:
        """The file to start on: the one open last, "" if it had none, None the first time."""
        if not self.settings.contains(LAST_DOCUMENT[0]):
            # Before this key existed, the most recent file was the one the user left.
            recent = self.recent_files
            return recent[0] if recent else None
        return self._text(LAST_DOCUMENT)

    @last_document.setter
    def last_document(self, value: str) -> None:
        self.settings.setValue(LAST_DOCUMENT[0], value)

    @property
    def image_folder(self) -> str:
        """Where the last picture was chosen."""
        return self._text(IMAGE_FOLDER)

    @image_folder.setter
    def image_folder(self, value: str) -> None:
        self.settings.setValue(IMAGE_FOLDER[0], value)

    @property
    def smtp_host(self) -> str:
        """The outgoing mail server of the last test mail."""
        return self._text(SMTP_HOST)

    @smtp_host.setter
    def smtp_host(self, value: str) -> None:
        self.settings.setValue(SMTP_HOST[0], value)

    @property
    def smtp_port(self) -> int:
        """Its port; 0 for the usual port of the security."""
        value = self.settings.value(SMTP_PORT[0], SMTP_PORT[1])
        if not isinstance(value, int | str):
            return SMTP_PORT[1]
        try:
            port = int(value)  # INI files give back a string
        except ValueError:
            return SMTP_PORT[1]
        return port if 0 < port < 65536 else SMTP_PORT[1]

    @smtp_port.setter
    def smtp_port(self, value: int) -> None:
        self.settings.setValue(SMTP_PORT[0], value)

    @property
    def smtp_security(self) -> str:
        """``starttls``, ``ssl`` or ``none``."""
        security = self._text(SMTP_SECURITY)
        return security if security in ("starttls", "ssl", "none") else SMTP_SECURITY[1]

    @smtp_security.setter
    def smtp_security(self, value: str) -> None:
        self.settings.setValue(SMTP_SECURITY[0], value)

    @property
    def smtp_user(self) -> str:
        """The login name of the last test mail; empty for none."""
        return self._text(SMTP_USER)

    @smtp_user.setter
    def smtp_user(self, value: str) -> None:
        self.settings.setValue(SMTP_USER[0], value)

    @property
    def test_recipients(self) -> str:
        """Whom the last test mail went to, as typed (addresses separated by commas)."""
        return self._text(TEST_RECIPIENTS)

    @test_recipients.setter
    def test_recipients(self, value: str) -> None:
        self.settings.setValue(TEST_RECIPIENTS[0], value)

    @property
    def recent_files(self) -> list[str]:
        """Recently opened or saved files, most recent first."""
        value = self.settings.value(RECENT_FILES[0], [])
        if isinstance(value, str):  # QSettings gives a one-element list back as a string
            value = [value]
        if not isinstance(value, list):
            return []
        return [item for item in value if isinstance(item, str)][:MAX_RECENT]

    def add_recent(self, path: str | Path) -> None:
        """Put ``path`` first in the recent files."""
        path = str(Path(path).resolve())
        files = [path, *(item for item in self.recent_files if item != path)]
        self.settings.setValue(RECENT_FILES[0], files[:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        """Forget ``path`` (it has gone)."""
        self.settings.setValue(
            RECENT_FILES[0], [item for item in self.recent_files if item != path]
        )

    def clear_recent(self) -> None:
        """Forget all recent files."""
        self.settings.setValue(RECENT_FILES[0], [])
