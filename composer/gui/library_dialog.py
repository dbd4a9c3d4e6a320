"""The saved-blocks library in the window: Edit → Save Block to Library…, Insert → From
Library…, and the library dialog (insert, rename, delete, export, import).

The library itself is ``composer.block_library``; it lives in the user's data folder
(``QStandardPaths.AppDataLocation``). Inserting goes through the undo stack like any edit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final, Protocol

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from composer.block_library import BlockLibrary, LibraryEntry, LibraryFile, library_path
from composer.edits import Edit, EditGroup, InsertBlock
from composer.errors import ComposerError
from composer.gui import dialogs
from composer.gui.block_list_model import kind_name, summary
from composer.gui.block_list_view import BlockListView
from composer.gui.icons import block_icon
from composer.gui.open_document import OpenDocument
from composer.gui.preferences import Preferences
from composer.gui.spell_highlighter import user_data_folder
from composer.gui.window_menus import WindowMenus
from composer.model import BlockBase, ContactBlock, ImageStore
from composer.richtext import to_plain_text

#: The size of a saved block's picture in the library's list.
ICON_SIZE: Final = QSize(40, 40)
#: Where a list item keeps its saved block's id.
ENTRY_ROLE: Final = Qt.ItemDataRole.UserRole + 1
_PREVIEW_LENGTH: Final = 70


def user_library() -> LibraryFile:
    """The user's own library, in their data folder."""
    return LibraryFile(library_path(user_data_folder()))


def preview_text(block: BlockBase) -> str:
    """A few words of what the block holds, to tell saved blocks apart."""
    if isinstance(block, ContactBlock):
        parts = [block.role, block.email, block.phone]
    else:
        parts = [summary(block)]
        body = getattr(block, "body", "")
        if isinstance(body, str) and body:
            parts.append(to_plain_text(body))
        parts.extend(str(getattr(block, name, "")) for name in ("url", "link_url"))
    text = " · ".join(" ".join(part.split()) for part in parts if part and part.strip())
    if len(text) > _PREVIEW_LENGTH:
        text = text[: _PREVIEW_LENGTH - 1].rstrip() + "…"
    return text


def entry_icon(entry: LibraryEntry, images: ImageStore) -> QIcon:
    """The saved block's picture in small, or the icon of its kind when it has none."""
    for _slot, ref in entry.block.pictures():
        if ref in images:
            image = QImage.fromData(images.get(ref))
            if not image.isNull():
                return QIcon(
                    QPixmap.fromImage(
                        image.scaled(
                            ICON_SIZE,
                            Qt.AspectRatioMode.KeepAspectRatio,
                            Qt.TransformationMode.SmoothTransformation,
                        )
                    )
                )
    return block_icon(entry.kind)


def entry_item(entry: LibraryEntry, images: ImageStore) -> QListWidgetItem:
    """A list item for a saved block: its name, its kind and a few words of it."""
    details = " · ".join(
        part for part in (kind_name(entry.kind), preview_text(entry.block)) if part
    )
    item = QListWidgetItem(entry_icon(entry, images), f"{entry.name}\n{details}")
    item.setData(ENTRY_ROLE, entry.id)
    item.setToolTip(details)
    return item


class BlockNameDialog(QDialog):
    """Asks for the name a block is saved (or renamed) under."""

    def __init__(self, parent: QWidget | None, title: str, name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("&Name in the library:"), self)
        self.name = QLineEdit(name, self)
        self.name.setMinimumWidth(340)
        self.name.selectAll()
        label.setBuddy(self.name)
        layout.addWidget(label)
        layout.addWidget(self.name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check(name)

    def _check(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))


def ask_block_name(parent: QWidget | None, title: str, name: str) -> str | None:
    """Ask for a saved block's name; None when the user cancelled."""
    dialog = BlockNameDialog(parent, title, name)
    try:
        if dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        return dialog.name.text().strip() or None
    finally:
        dialog.deleteLater()


class LibraryDialog(QDialog):
    """The saved blocks: insert one, rename or delete them, export or import the library.

    Args:
        library: the library file shown and changed.
        folder: where the Export and Import file dialogs start.
        parent: the window.

    Attributes:
        chosen: the id of the saved block to insert, once the dialog is accepted.
    """

    def __init__(self, library: LibraryFile, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Saved Blocks"))
        self.library = library
        self.folder = folder
        self.chosen: str | None = None
        self._shown = BlockLibrary()
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.entry_list = QListWidget(self)
        self.entry_list.setObjectName("libraryList")
        self.entry_list.setAccessibleName(self.tr("Saved blocks"))
        self.entry_list.setIconSize(ICON_SIZE)
        self.entry_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entry_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.entry_list.setSpacing(2)
        self.entry_list.itemActivated.connect(lambda _item: self._insert())
        self.entry_list.currentItemChanged.connect(lambda _now, _before: self._update_buttons())
        layout.addWidget(self.entry_list, 1)
        self.message = QLabel(self)
        self.message.setObjectName("libraryMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.insert_button = self._button(self.tr("&Insert"), self._insert)
        self.rename_button = self._button(self.tr("&Rename…"), self._rename)
        self.delete_button = self._button(self.tr("&Delete"), self._delete)
        self.export_button = self._button(self.tr("&Export…"), self._export)
        self.import_button = self._button(self.tr("I&mport…"), self._import)
        close = self._button(self.tr("Close"), self.reject)
        for button in (self.insert_button, self.rename_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.export_button, self.import_button, close):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.insert_button.setDefault(True)
        self.resize(560, 420)
        self.reload()

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def reload(self, select: str | None = None) -> None:
        """Show the library as it is on disk, ``select`` (an entry id) current."""
        current = select or self.current_id()
        try:
            self._shown = self.library.read()
        except ComposerError as exc:
            self._shown = BlockLibrary()
            self.message.setText(str(exc))
        self.entry_list.clear()
        for entry in self._shown.entries:
            self.entry_list.addItem(entry_item(entry, self._shown.images))
        ids = [entry.id for entry in self._shown.entries]
        if ids:
            self.entry_list.setCurrentRow(ids.index(current) if current in ids else 0)
            self.heading.setText(self.tr("Choose a saved block to insert after the selected one."))
        else:
            self.heading.setText(
                self.tr(
                    "No saved blocks yet. Select a block in a newsletter and choose Edit → "
                    "Save Block to Library…, or import a colleague's saved blocks."
                )
            )
        self._update_buttons()

    def current_id(self) -> str | None:
        """The id of the saved block selected in the list, if any."""
        item = self.entry_list.currentItem()
        value = item.data(ENTRY_ROLE) if item is not None else None
        return value if isinstance(value, str) else None

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        for button in (self.insert_button, self.rename_button, self.delete_button):
            button.setEnabled(chosen)
        self.export_button.setEnabled(bool(self._shown.entries))

    def _insert(self) -> None:
        self.chosen = self.current_id()
        if self.chosen is not None:
            self.accept()

    def _rename(self) -> None:
        entry_id = self.current_id()
        if entry_id is None:
            return
        old = self._shown.entry(entry_id).name
        name = ask_block_name(self, self.tr("Rename Saved Block"), old)
        if name is None:
            return
        try:
            self.library.rename(entry_id, name)
        except ComposerError as exc:
            dialogs.show_error(self, exc)
        self.reload(entry_id)

    def _delete(self) -> None:
        entry_id = self.current_id()
        if entry_id is None:
            return
        if not dialogs.ask_delete_saved_block(self, self._shown.entry(entry_id).name):
            return
        row = self.entry_list.currentRow()
        try:
            self.library.delete(entry_id)
        except ComposerError as exc:
            dialogs.show_error(self, exc)
        self.reload()
        self.entry_list.setCurrentRow(min(row, self.entry_list.count() - 1))

    def _export(self) -> None:
        suggestion = str(Path(self.folder) / self.tr("saved-blocks.blocks"))
        name = dialogs.library_file_name(self, suggestion, save=True)
        if not name:
            return
        try:
            count = self.library.export_to(Path(name))
        except ComposerError as exc:
            dialogs.show_error(self, exc)
            return
        self.message.setText(
            self.tr(
                "Wrote the library ({count} in all) to “{name}”. Give the file to a colleague."
            ).format(count=count, name=Path(name).name)
        )

    def _import(self) -> None:
        name = dialogs.library_file_name(self, self.folder, save=False)
        if not name:
            return
        try:
            report = self.library.import_from(Path(name))
        except ComposerError as exc:
            dialogs.show_error(self, exc)
            return
        self.reload()
        self.message.setText(report.sentence())


class _Window(Protocol):
    """What the library needs of the main window."""

    menus: WindowMenus
    block_list: BlockListView
    preferences: Preferences

    @property
    def open_document(self) -> OpenDocument: ...

    def selected_block_id(self) -> str | None: ...

    def statusBar(self) -> QStatusBar: ...


class BlockLibraryActions(QObject):
    """Edit → Save Block to Library… and Insert → From Library…, for one window.

    Args:
        window: the main window.
        widget: the same window as a widget (parent of the actions).

    Attributes:
        library: the library the actions use (the user's own unless a test says otherwise).
    """

    def __init__(self, window: _Window, widget: QMainWindow) -> None:
        super().__init__(widget)
        self._window = window
        self._widget = widget
        self.library = user_library()
        self.save_action = QAction(self.tr("Save Block to &Library…"), widget)
        self.save_action.setStatusTip(
            self.tr("Keep the selected block to insert it into any newsletter later")
        )
        self.save_action.triggered.connect(lambda _checked=False: self.save_selected())
        self.insert_action = QAction(self.tr("&From Library…"), widget)
        self.insert_action.setStatusTip(
            self.tr("Insert a block you saved: a contact person, an introduction, a button")
        )
        self.insert_action.triggered.connect(lambda _checked=False: self.insert_from_library())

    def _status(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 6000)

    def update_enabled(self) -> None:
        """Saving needs a selected block."""
        self.save_action.setEnabled(self._window.selected_block_id() is not None)

    def save_selected(self) -> None:
        """Ask for a name and save the selected block, with its pictures, to the library."""
        block_id = self._window.selected_block_id()
        if block_id is None:
            return
        document = self._window.open_document.document
        block = document.block(block_id)
        name = ask_block_name(
            self._widget,
            self.tr("Save Block to Library"),
            block.display_name() or kind_name(block.kind),
        )
        if name is None:
            return
        try:
            entry = self.library.save_block(name, block, document.images)
        except ComposerError as exc:
            dialogs.show_error(self._widget, exc)
            return
        self._status(
            self.tr(
                "Saved “{name}” to the library: Insert → From Library… puts it into any newsletter."
            ).format(name=entry.name)
        )

    def insert_from_library(self) -> None:
        """Show the library; insert the saved block the user chooses after the selected one."""
        folder = self._window.preferences.last_folder or str(Path.home())
        dialog = LibraryDialog(self.library, folder, self._widget)
        try:
            accepted = dialogs.run_dialog(dialog) == QDialog.DialogCode.Accepted
            chosen = dialog.chosen
        finally:
            dialog.deleteLater()
        if accepted and chosen is not None:
            self.insert_entries([chosen])

    def insert_entries(self, entry_ids: Sequence[str], position: int | None = None) -> None:
        """Insert fresh copies of saved blocks (one undo step), after the selection by default.

        A saved block that is gone (deleted in another window) is said in the status bar.
        """
        document = self._window.open_document.document
        if position is None:
            selected = self._window.selected_block_id()
            position = len(document.blocks) if selected is None else document.index_of(selected) + 1
        try:
            library = self.library.read()
            entries = [library.entry(entry_id) for entry_id in entry_ids]
            copies = [library.copy_of(entry.id, document.images) for entry in entries]
        except ComposerError as exc:
            dialogs.show_error(self._widget, exc)
            return
        if not copies:
            return
        edits: list[Edit] = [
            InsertBlock(position + offset, copy) for offset, copy in enumerate(copies)
        ]
        if len(entries) == 1:
            text = self.tr("Insert “{name}” from the Library").format(name=entries[0].name)
        else:
            text = self.tr("Insert {count} Saved Blocks").format(count=len(entries))
        edit = edits[0] if len(edits) == 1 else EditGroup(text, edits)
        self._window.open_document.push(edit, text=text)


def install(window: _Window, widget: QMainWindow) -> BlockLibraryActions:
    """Add the library to the Edit menu, the block list's context menu and the Insert menu.

    Args:
        window: the main window.
        widget: the same window as a widget (parent of the actions).
    """
    actions = BlockLibraryActions(window, widget)
    menus = window.menus
    menus.edit_menu.insertAction(menus.settings_action, actions.save_action)
    menus.edit_menu.insertSeparator(menus.settings_action)
    window.block_list.addAction(actions.save_action)
    menus.insert_menu.addSeparator()
    menus.insert_menu.addAction(actions.insert_action)
    selection = window.block_list.selectionModel()
    selection.selectionChanged.connect(lambda _selected, _deselected: actions.update_enabled())
    selection.currentChanged.connect(lambda _current, _previous: actions.update_enabled())
    actions.update_enabled()
    return actions
