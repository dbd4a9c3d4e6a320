"""The keyboard's way through the window: mnemonics, shortcut clashes, panes and the Tab order.

Mnemonics are assigned where a menu entry has none (a block type added to Insert, a language's
name), so every entry can be reached with Alt and a letter; ``shortcut_clashes`` and
``mnemonic_clashes`` find what two entries share, for the test that keeps it so. ``PaneCycler``
is F6 / Shift+F6, which moves between the window's panes as in many desktop programs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QWidget


def mnemonic(text: str) -> str:
    """The mnemonic letter of a menu text ("Save &As…" → "a"), or "" when it has none."""
    position = 0
    while True:
        position = text.find("&", position)
        if position < 0 or position + 1 >= len(text):
            return ""
        if text[position + 1] != "&":
            return text[position + 1].lower()
        position += 2  # "&&" is a literal ampersand


def _menu_entries(menu: QMenu | QMenuBar) -> list[QAction]:
    return [action for action in menu.actions() if not action.isSeparator() and action.isVisible()]


def assign_mnemonics(menu: QMenu | QMenuBar) -> None:
    """Give each entry of ``menu`` without a mnemonic the first letter of its text still free.

    Entries that have one keep it; the others take a letter (then a digit) no other entry of
    the menu uses. The text of the action changes, not its meaning.
    """
    entries = _menu_entries(menu)
    used = {mnemonic(action.text()) for action in entries} - {""}
    for action in entries:
        text = action.text()
        if not text or mnemonic(text):
            continue
        label, tab, keys = text.partition("\t")
        for index, char in enumerate(label):
            if char.isalnum() and char.lower() not in used:
                used.add(char.lower())
                action.setText(label[:index] + "&" + label[index:] + tab + keys)
                break


def assign_mnemonics_everywhere(bar: QMenuBar) -> None:
    """``assign_mnemonics`` on the bar and every menu under it, now and each time one opens.

    Each time, so that entries added later (a new block type, a recent file) get one too.
    """
    assign_mnemonics(bar)
    for menu in bar.findChildren(QMenu):
        assign_mnemonics(menu)
        menu.aboutToShow.connect(lambda menu=menu: assign_mnemonics(menu))


@dataclass(frozen=True)
class Clash:
    """Two things the keyboard cannot tell apart: ``keys`` reaches both ``first`` and ``second``."""

    keys: str
    first: str
    second: str
    where: str = ""


def _contexts_meet(first: QAction, second: QAction) -> bool:
    """Whether both actions can be live for the same focus widget."""
    window_wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    if first.shortcutContext() in window_wide or second.shortcutContext() in window_wide:
        return True
    owners = [set(first.associatedObjects()), set(second.associatedObjects())]
    for one, other in ((owners[0], owners[1]), (owners[1], owners[0])):
        for widget in one:
            if not isinstance(widget, QWidget) or isinstance(widget, QMenu):
                continue
            for candidate in other:
                if isinstance(candidate, QWidget) and (
                    candidate is widget or candidate.isAncestorOf(widget)
                ):
                    return True
    return False


def shortcut_clashes(actions: Iterable[QAction]) -> list[Clash]:
    """Pairs of enabled actions that one key sequence would reach at the same time."""
    seen: dict[str, list[QAction]] = {}
    clashes: list[Clash] = []
    for action in dict.fromkeys(actions):
        if not action.isEnabled():
            continue
        for keys in action.shortcuts():
            if keys.isEmpty():
                continue
            name = keys.toString(QKeySequence.SequenceFormat.PortableText)
            for other in seen.get(name, []):
                if _contexts_meet(action, other):
                    clashes.append(Clash(name, other.text(), action.text()))
            seen.setdefault(name, []).append(action)
    return clashes


def mnemonic_clashes(bar: QMenuBar) -> list[Clash]:
    """Entries of one menu (or of the bar) that share a mnemonic."""
    clashes: list[Clash] = []
    menus: list[QMenu | QMenuBar] = [bar, *bar.findChildren(QMenu)]
    for menu in menus:
        owner: dict[str, QAction] = {}
        where = menu.title() if isinstance(menu, QMenu) else "menu bar"
        for action in _menu_entries(menu):
            letter = mnemonic(action.text())
            if not letter:
                continue
            if letter in owner:
                clashes.append(Clash(letter, owner[letter].text(), action.text(), where))
            else:
                owner[letter] = action
    return clashes


def missing_mnemonics(bar: QMenuBar) -> list[str]:
    """Entries of the bar and its menus that cannot be chosen with a letter."""
    missing: list[str] = []
    menus: list[QMenu | QMenuBar] = [bar, *bar.findChildren(QMenu)]
    for menu in menus:
        missing.extend(
            action.text()
            for action in _menu_entries(menu)
            if action.isEnabled() and action.text() and not mnemonic(action.text())
        )
    return missing


class PaneCycler(QObject):
    """Moves the focus from pane to pane (F6 forward, Shift+F6 back).

    Args:
        panes: for each pane in order, a function giving the widget that takes the focus
            when the pane is entered (None when the pane is hidden or empty).
        contains: for each pane, whether a widget is inside it (to know where the focus is).
    """

    def __init__(
        self,
        panes: Sequence[tuple[Callable[[], QWidget | None], Callable[[QWidget], bool]]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._panes = list(panes)

    def _current(self) -> int:
        focused = QApplication.focusWidget()
        if focused is not None:
            for index, (_target, contains) in enumerate(self._panes):
                if contains(focused):
                    return index
        return -1

    def cycle(self, step: int) -> None:
        """Put the focus in the next (``step`` 1) or previous (-1) pane that can take it."""
        current = self._current()
        count = len(self._panes)
        start = current if current >= 0 else (-1 if step > 0 else 0)
        for offset in range(1, count + 1):
            target = self._panes[(start + step * offset) % count][0]()
            if target is not None and target.isVisible() and target.isEnabled():
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return


def tab_chain(widgets: Iterable[QWidget]) -> list[QWidget]:
    """Of ``widgets`` and their children, those the Tab key stops at, in order."""
    chain: list[QWidget] = []
    for widget in widgets:
        for candidate in [widget, *widget.findChildren(QWidget)]:
            if (
                candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
                and candidate.focusProxy() is None
                # Not what a popup holds (a date field's calendar): it is a window of its own.
                and candidate.window() is widget.window()
                and candidate not in chain
            ):
                chain.append(candidate)
    return chain
