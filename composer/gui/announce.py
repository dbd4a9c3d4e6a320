"""Status a screen reader hears: what the status bar shows, also sent as an accessibility event.

A message in the status bar is seen but not heard: screen readers read the widget with the
focus, not a label in a corner. ``announce`` sends the text as an accessibility announcement
(``QAccessibleAnnouncementEvent``, Qt 6.8 and later); ``StatusAnnouncer`` does so for each
status message, and also makes it the status bar's accessible name, where a screen reader's
"read the status bar" command finds it on every Qt version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtGui
from PySide6.QtCore import QChildEvent, QEvent, QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QStatusTipEvent
from PySide6.QtWidgets import QMainWindow, QWidget

if TYPE_CHECKING:  # the fields announce too, and must not import the checks panel
    from composer.gui.checks_panel import ChecksPanel


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text``, on behalf of ``widget``, without moving the focus.

    Qt 6.8 and later send it as a polite announcement; before that there is no such event
    and only the status bar's name (see ``StatusAnnouncer``) carries the news.
    """
    announcement = getattr(QtGui, "QAccessibleAnnouncementEvent", None)
    if announcement is not None:
        QAccessible.updateAccessibility(announcement(widget, text))


class StatusAnnouncer(QObject):
    """Announces what the window's status bar says, and a change in the checks' summary.

    Status tips (the line shown while the pointer rests on a menu item) are not announced:
    the screen reader reads the item itself.

    Args:
        window: the window whose status bar is followed.
        checks: the checks panel whose summary is announced when it changes.

    Signals:
        announced(str): a text was announced.
    """

    announced = Signal(str)

    def __init__(self, window: QMainWindow, checks: ChecksPanel) -> None:
        super().__init__(window)
        self._checks = checks
        self._tip = ""
        self._summary = ""
        #: Holds the latest announcement as its accessible name.
        self.status_bar = window.statusBar()
        window.installEventFilter(self)
        window.statusBar().messageChanged.connect(self._message_changed)
        checks.counts_changed.connect(self._counts_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override: remember a status tip, which the status bar shows next."""
        if event.type() == QEvent.Type.StatusTip and isinstance(event, QStatusTipEvent):
            self._tip = event.tip()
        return super().eventFilter(watched, event)

    def _message_changed(self, text: str) -> None:
        if text and text != self._tip:
            self.say(text)

    def _counts_changed(self, _errors: int, _warnings: int, _tips: int) -> None:
        summary = self._checks.summary.text()
        if summary and summary != self._summary:
            first = not self._summary
            self._summary = summary
            if not first:  # the first run's result is no change the user made
                self.say(summary)

    def say(self, text: str) -> None:
        """Announce ``text``."""
        # The name as well: a screen reader's "read the status bar" finds the latest news.
        self.status_bar.setAccessibleName(text)
        QAccessible.updateAccessibility(
            QAccessibleEvent(self.status_bar, QAccessible.Event.NameChanged)
        )
        announce(self.status_bar, text)
        self.announced.emit(text)


class _ChildNamer(QObject):
    """Gives each widget added to a parent the parent's accessible name."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        for child in parent.findChildren(QWidget):
            child.setAccessibleName(parent.accessibleName())
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override: name a new child widget."""
        if (
            watched is self._parent
            and event.type() == QEvent.Type.ChildAdded
            and isinstance(event, QChildEvent)
            and isinstance(event.child(), QWidget)
        ):
            child = event.child()
            assert isinstance(child, QWidget)
            child.setAccessibleName(self._parent.accessibleName())
        return super().eventFilter(watched, event)


def name_web_view(view: QWidget, name: str) -> None:
    """Name a QWebEngineView and the widget inside it that takes the focus.

    Qt WebEngine draws the page in a child widget it makes itself, which is what the Tab key
    and a screen reader reach; the view's own name does not pass on to it.
    """
    view.setAccessibleName(name)
    for child in view.findChildren(QWidget):
        child.setAccessibleName(name)
    if view.findChild(_ChildNamer) is None:  # called again when the language changes
        _ChildNamer(view)
