"""Typed keys of a QSettings store, each declared once with its key and its default.

A class of settings (the user's preferences, the window's state) lists its keys as
``Setting`` attributes; reading one gives the stored value when it is valid and the default
otherwise, so a hand-edited or damaged file never breaks the window. The QSettings store is
passed in, so tests use a file of their own and never touch the user's configuration.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION: Final = "Newsletter Composer"
APPLICATION: Final = "newsletter-composer"

T = TypeVar("T")


def user_settings() -> QSettings:
    """The user's own settings file (an INI file in the platform's configuration folder)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


class StoredSettings:
    """Base of the classes of settings: typed access to their keys in ``settings``."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def sync(self) -> None:
        """Write what was set to the file now (Qt otherwise writes it a little later)."""
        self.settings.sync()


class Setting(Generic[T]):
    """One key of a QSettings store, with its default.

    Args:
        key: the key in the store (``group/name``).
        default: what reading gives when the key is missing or its value is not valid.
    """

    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default = default

    def convert(self, stored: object) -> T | None:
        """``stored`` as a valid value of this setting, or None when it is not one."""
        raise NotImplementedError

    @overload
    def __get__(self, instance: None, owner: type[object]) -> Setting[T]: ...

    @overload
    def __get__(self, instance: StoredSettings, owner: type[object]) -> T: ...

    def __get__(self, instance: StoredSettings | None, owner: type[object]) -> T | Setting[T]:
        if instance is None:
            return self
        value = self.convert(instance.settings.value(self.key, self.default))
        return self.default if value is None else value

    def __set__(self, instance: StoredSettings, value: T) -> None:
        instance.settings.setValue(self.key, value)


class TextSetting(Setting[str]):
    """A string, optionally one of a few ``choices``."""

    def __init__(self, key: str, default: str = "", choices: Collection[str] = ()) -> None:
        super().__init__(key, default)
        self.choices = frozenset(choices)

    def convert(self, stored: object) -> str | None:
        """The string, when it is one (of the choices, if there are any)."""
        if not isinstance(stored, str) or (self.choices and stored not in self.choices):
            return None
        return stored


class FlagSetting(Setting[bool]):
    """Yes or no."""

    def convert(self, stored: object) -> bool | None:
        """True or False; INI files give them back as "true" and "false"."""
        if stored in (True, "true", "1", 1):
            return True
        if stored in (False, "false", "0", 0):
            return False
        return None


class NumberSetting(Setting[int]):
    """A whole number from ``low`` to ``high`` (or the default, which may lie outside)."""

    def __init__(self, key: str, default: int, low: int, high: int) -> None:
        super().__init__(key, default)
        self.low = low
        self.high = high

    def convert(self, stored: object) -> int | None:
        """The number, when it is one in range; INI files give numbers back as strings."""
        if isinstance(stored, bool) or not isinstance(stored, int | str):
            return None
        try:
            number = int(stored)
        except ValueError:
            return None
        return number if self.low <= number <= self.high or number == self.default else None


class BytesSetting(Setting[QByteArray]):
    """Bytes Qt saved itself (a window's geometry, a splitter's sizes); empty by default."""

    def __init__(self, key: str) -> None:
        super().__init__(key, QByteArray())

    def convert(self, stored: object) -> QByteArray | None:
        """A copy of the bytes (never the shared default itself)."""
        return QByteArray(stored) if isinstance(stored, QByteArray) else QByteArray()


class TextListSetting(Setting[list[str]]):
    """A list of strings, at most ``limit`` long."""

    def __init__(self, key: str, limit: int) -> None:
        super().__init__(key, [])
        self.limit = limit

    def convert(self, stored: object) -> list[str] | None:
        """The strings of the list; QSettings gives a one-element list back as a string."""
        if isinstance(stored, str):
            stored = [stored]
        if not isinstance(stored, list):
            return []
        return [item for item in stored if isinstance(item, str)][: self.limit]
