"""The Help menu's own entries: the user guide in the window's language and the shortcut list.

The guide is Markdown packaged with the program (``resources/guide/guide.<language>.md`` and
its pictures in ``resources/guide/images/``), shown in a window of its own. The list of
keyboard shortcuts is made from the window's actions when it is opened, so it names every
shortcut the window has, and only those.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from PySide6.QtCore import QObject, QSize, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QImage,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMenuBar,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from composer.i18n import UI_LANGUAGES, ui_language
from composer.package_data import read_resource_bytes

#: The packaged folder of the guide: ``guide.<language>.md`` and ``images/``.
GUIDE_FOLDER: Final = "guide"
#: The widest a picture of the guide is shown, in logical pixels; wider ones are scaled down.
MAX_PICTURE_WIDTH: Final = 760


def guide_resource(language: str) -> str:
    """The packaged name of the guide in ``language`` ("sv" or "en")."""
    if language not in UI_LANGUAGES:
        raise ValueError(f"not a user interface language: {language!r}")
    return f"{GUIDE_FOLDER}/guide.{language}.md"


def heading_anchor(text: str) -> str:
    """The anchor a heading gets, as GitHub makes it: "Pictures & alt text" -> "pictures--alt-text".

    The guide's table of contents links to these, and works alike on GitHub and in the window.
    """
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def strip_mnemonic(text: str) -> str:
    """A menu text as the user reads it: "&Save As…" -> "Save As…"."""
    return re.sub(r"&(.)", r"\1", text)


class GuideBrowser(QTextBrowser):
    """Shows the packaged guide: its pictures come from the package, its links work.

    Links within the guide scroll to their heading; links to the web open in the browser.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideText")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)

    def show_guide(self, language: str) -> None:
        """Show the guide in ``language``."""
        text = read_resource_bytes(guide_resource(language)).decode("utf-8")
        self.setMarkdown(text)
        self._name_headings()

    def _name_headings(self) -> None:
        # Qt's Markdown reader gives headings no anchors, which the table of contents needs,
        # and little room above them.
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                cursor = QTextCursor(block)
                spacing = block.blockFormat()
                spacing.setTopMargin(max(spacing.topMargin(), 22))
                spacing.setBottomMargin(max(spacing.bottomMargin(), 8))
                cursor.setBlockFormat(spacing)
                cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
                anchor = QTextCharFormat()
                anchor.setAnchor(True)
                anchor.setAnchorNames([heading_anchor(block.text())])
                cursor.mergeCharFormat(anchor)
            block = block.next()

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Override: the guide's pictures are read from the package, scaled to fit."""
        url = QUrl(name)
        if kind == QTextDocument.ResourceType.ImageResource.value and url.isRelative():
            try:
                data = read_resource_bytes(f"{GUIDE_FOLDER}/{url.path()}")
            except (OSError, ValueError):
                return super().loadResource(kind, name)
            image = QImage.fromData(data)
            if image.width() > MAX_PICTURE_WIDTH:
                # Scaled smoothly here, to the screen's pixels: the text view would not smooth.
                ratio = self.devicePixelRatioF()
                image = image.scaledToWidth(
                    round(MAX_PICTURE_WIDTH * ratio), Qt.TransformationMode.SmoothTransformation
                )
                image.setDevicePixelRatio(ratio)
            return image
        return super().loadResource(kind, name)

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())


class GuideWindow(QWidget):
    """The user guide, in a window beside the composer."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("guideWindow")
        self.setWindowTitle(self.tr("Newsletter Composer User Guide"))
        self.language = language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = GuideBrowser(self)
        self.browser.document().setDocumentMargin(18)
        layout.addWidget(self.browser)
        self.browser.show_guide(language)
        close = QAction(self)
        close.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Esc")])
        close.triggered.connect(self.close)
        self.addAction(close)

    def sizeHint(self) -> QSize:
        """Override: wide enough for the pictures, as tall as a laptop screen allows."""
        return QSize(MAX_PICTURE_WIDTH + 80, 760)


class ShortcutsWindow(QWidget):
    """Every keyboard shortcut of a composer window, by menu, read from its actions."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.setObjectName("shortcutsWindow")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutList")
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys"), self.tr("Works in")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        close = QAction(self)
        close.setShortcut(QKeySequence("Esc"))
        close.triggered.connect(self.close)
        self.addAction(close)
        self.fill(window)

    def sizeHint(self) -> QSize:
        """Override: room for the longest command and its keys."""
        return QSize(620, 680)

    def fill(self, window: QMainWindow) -> None:
        """List the shortcuts ``window`` has now."""
        self.tree.clear()
        for title, actions in self.groups(window):
            group = QTreeWidgetItem(self.tree, [title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for action in actions:
                QTreeWidgetItem(
                    self.tree, [command_name(action), shortcut_text(action), self._where(action)]
                )
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def groups(self, window: QMainWindow) -> Iterator[tuple[str, list[QAction]]]:
        """The window's actions that have a shortcut, grouped by the menu they are in.

        Actions in no menu come after the menus, and the formatting actions of a body's text
        (whether or not such a field is on screen now) last.
        """
        from composer.gui.rich_text_editor import RichTextField

        seen: set[int] = set()
        for top in window.menuBar().actions():
            menu = top.menu()
            if not isinstance(menu, QMenu):
                continue
            actions = [action for action in _menu_actions(menu) if shortcut_text(action)]
            seen.update(id(action) for action in actions)
            if actions:
                yield strip_mnemonic(menu.title()), actions
        others = [
            action
            for action in window.findChildren(QAction)
            if id(action) not in seen
            and shortcut_text(action)
            # A body's field is listed below; Esc closes the help windows themselves.
            and not isinstance(action.parent(), RichTextField | GuideWindow | ShortcutsWindow)
        ]
        if others:
            yield self.tr("Other"), others
        # A field of its own, not the one on screen: the same actions are in every body.
        field = RichTextField()
        try:
            yield (
                self.tr("Text formatting"),
                [action for action in field.actions() if shortcut_text(action)],
            )
        finally:
            field.deleteLater()

    def _where(self, action: QAction) -> str:
        if action.shortcutContext() != Qt.ShortcutContext.WidgetWithChildrenShortcut:
            return self.tr("Anywhere")
        for owner in action.associatedObjects():
            if isinstance(owner, QWidget) and not isinstance(
                owner, QMenu | QMenuBar | QToolBar | QToolButton
            ):
                name = owner.accessibleName()
                if name:
                    return name
        # Formatting actions belong to a body's text field, which names no panel of its own.
        return self.tr("Text with formatting")


def command_name(action: QAction) -> str:
    """What an action does, as its menu says it, without what Undo and Redo would undo now."""
    text = strip_mnemonic(action.text())
    owner = action.parent()
    for group in owner.findChildren(QUndoGroup) if owner is not None else ():
        for now in (group.undoText(), group.redoText()):
            if now and text.endswith(f" {now}"):
                return text.removesuffix(f" {now}")
    return text


def shortcut_text(action: QAction) -> str:
    """An action's shortcuts as the user presses them: "Ctrl+Shift+Z, Ctrl+Y"."""
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(keys.toString(native) for keys in action.shortcuts() if not keys.isEmpty())


def _menu_actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from _menu_actions(submenu)
        elif not action.isSeparator():
            yield action


class HelpMenu(QObject):
    """The user guide and shortcut entries of a window's Help menu, and their windows."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.setObjectName("helpMenu")
        self._window = window
        self.guide_window: GuideWindow | None = None
        self.shortcuts_window: ShortcutsWindow | None = None
        self.guide_action = QAction(self.tr("User &Guide"), window)
        self.guide_action.setObjectName("userGuideAction")
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.setStatusTip(self.tr("How to make a newsletter, step by step"))
        self.guide_action.triggered.connect(self.show_guide)
        self.shortcuts_action = QAction(self.tr("&Keyboard Shortcuts"), window)
        self.shortcuts_action.setObjectName("shortcutsAction")
        self.shortcuts_action.setStatusTip(self.tr("Every keyboard shortcut of the window"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        # First in the menu, above whatever the window put there (About).
        existing = menu.actions()
        if existing:
            menu.insertActions(existing[0], [self.guide_action, self.shortcuts_action])
            menu.insertSeparator(existing[0])
        else:
            menu.addActions([self.guide_action, self.shortcuts_action])
            menu.addSeparator()

    def show_guide(self) -> GuideWindow:
        """Open the guide in the window's language (or bring it to the front)."""
        language = ui_language()
        if self.guide_window is None or self.guide_window.language != language:
            if self.guide_window is not None:
                self.guide_window.deleteLater()
            self.guide_window = GuideWindow(language, self._window)
            self.guide_window.resize(self.guide_window.sizeHint())
        _bring_up(self.guide_window)
        return self.guide_window

    def show_shortcuts(self) -> ShortcutsWindow:
        """Open the list of keyboard shortcuts (or bring it to the front, brought up to date)."""
        if self.shortcuts_window is None:
            self.shortcuts_window = ShortcutsWindow(self._window)
            self.shortcuts_window.resize(self.shortcuts_window.sizeHint())
        else:
            self.shortcuts_window.fill(self._window)
        _bring_up(self.shortcuts_window)
        return self.shortcuts_window


def _bring_up(widget: QWidget) -> None:
    widget.show()
    widget.raise_()
    widget.activateWindow()


def add_help_entries(window: QMainWindow, menu: QMenu) -> HelpMenu:
    """Put "User Guide" (F1) and "Keyboard Shortcuts" at the top of ``window``'s Help menu."""
    return HelpMenu(window, menu)
