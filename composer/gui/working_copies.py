"""The window's side of working copies: the file's size, Reduce File Size, Keep original pictures.

``install(window)`` adds to the File menu "Reduce File Size…" (every picture replaced by its
working copy, in one undo step, after the user has seen the sizes before and after) and the
preference "Keep original pictures" (off by default; remembered in the user's settings), and
puts the size of the file the document saves to in the status bar. Nothing else in the window
needs to know.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QStatusBar, QWidget

from composer.checks import file_size
from composer.checks.file_size import MAIL_LIMIT
from composer.compact import compact_edit
from composer.document import Change, Document
from composer.gui import dialogs
from composer.gui.open_document import DocumentHolder, OpenDocument
from composer.gui.preferences import Preferences
from composer.gui.window_menus import WindowMenus
from composer.i18n import ui_number


class MainWindow(Protocol):
    """What this module uses of the main window (not imported: it imports this module)."""

    preferences: Preferences
    holder: DocumentHolder
    menus: WindowMenus

    def statusBar(self) -> QStatusBar: ...


class WorkingCopies(QObject):
    """The actions and the status bar label of one window; made by ``install``.

    Attributes:
        reduce_action: File → Reduce File Size….
        keep_originals_action: File → Keep Original Pictures (checkable preference).
        size_label: the file's size, in the status bar.
    """

    def __init__(self, window: MainWindow, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("workingCopies")
        self.window = window
        self.parent_widget = parent
        self.reduce_action = QAction(parent)
        self.reduce_action.setObjectName("reduceFileSizeAction")
        self.reduce_action.triggered.connect(self.reduce_file_size)
        self.keep_originals_action = QAction(parent)
        self.keep_originals_action.setObjectName("keepOriginalPicturesAction")
        self.keep_originals_action.setCheckable(True)
        self.keep_originals_action.setChecked(window.preferences.keep_original_pictures)
        self.keep_originals_action.toggled.connect(self._preference_toggled)
        self._retranslate_actions()
        self.size_label = QLabel(parent)
        self.size_label.setObjectName("fileSizeLabel")
        window.statusBar().addPermanentWidget(self.size_label)
        self._followed: Document | None = None
        window.holder.replaced.connect(self._follow)
        self._follow(window.holder.current)

    def _retranslate_actions(self) -> None:
        self.reduce_action.setText(self.tr("Reduce File Si&ze…"))
        self.reduce_action.setStatusTip(
            self.tr("Replace the pictures by smaller working copies without GPS positions")
        )
        self.keep_originals_action.setText(self.tr("&Keep Original Pictures"))
        self.keep_originals_action.setStatusTip(
            self.tr(
                "Keep pictures as they are, with their metadata, instead of working copies "
                "(the newsletter file grows)"
            )
        )

    def retranslate(self) -> None:
        """Take the texts anew, in the language installed now."""
        self._retranslate_actions()
        self.update_size()

    def megabytes(self, size: int) -> str:
        """``size`` bytes as people read it in the window: "12.3 MB" (in its number format)."""
        return self.tr("{size} MB").format(size=ui_number(size / 1_000_000, 1))

    # --- the preference ----------------------------------------------------------------------

    def _preference_toggled(self, keep: bool) -> None:
        self.window.preferences.keep_original_pictures = keep
        self.window.preferences.sync()
        self.window.holder.current.document.keep_originals = keep

    # --- the document ------------------------------------------------------------------------

    def _follow(self, document: OpenDocument) -> None:
        if self._followed is not None:
            self._followed.changed.disconnect(self._changed)
        self._followed = document.document
        self._followed.keep_originals = self.keep_originals_action.isChecked()
        self._followed.changed.connect(self._changed)
        self.update_size()

    def _changed(self, _change: Change) -> None:
        self.update_size()

    def update_size(self) -> None:
        """Show the size of the file the document saves to."""
        size = file_size(self.window.holder.current.document.snapshot())
        self.size_label.setText(self.tr("File: {size}").format(size=self.megabytes(size)))
        self.size_label.setToolTip(
            self.tr("Too large to mail to a colleague: File → Reduce File Size makes it smaller.")
            if size > MAIL_LIMIT
            else self.tr("The size of the newsletter file when saved.")
        )

    def reduce_file_size(self) -> None:
        """Show the sizes before and after; on Reduce, replace the pictures (one undo step)."""
        document = self.window.holder.current.document
        before = file_size(document.snapshot())
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            made = compact_edit(document, self.tr("Reduce File Size"))
        finally:
            QGuiApplication.restoreOverrideCursor()
        if made is None:
            dialogs.show_information(
                self.parent_widget,
                self.tr(
                    "The pictures are already working copies: the file is {size} and cannot "
                    "be made smaller this way."
                ).format(size=self.megabytes(before)),
            )
            return
        edit, result = made
        after = before - result.size_before + result.size_after
        box = QMessageBox(self.parent_widget)
        box.setObjectName("reduceFileSizeBox")
        box.setWindowTitle(self.tr("Reduce File Size"))
        box.setIcon(QMessageBox.Icon.Question)
        box.setText(
            self.tr("Reduce the newsletter file from {before} to {after}?").format(
                before=self.megabytes(before), after=self.megabytes(after)
            )
        )
        box.setInformativeText(
            self.tr(
                "{count} pictures are replaced by working copies: upright, without GPS "
                "positions or other metadata, at most 2400 pixels wide. The email looks the "
                "same. You can undo this until you close the newsletter."
            ).format(count=len(result.replaced))
        )
        reduce_button = box.addButton(self.tr("Reduce"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(reduce_button)
        dialogs.run_dialog(box)
        if box.clickedButton() is not reduce_button:
            return
        self.window.holder.current.push(edit)
        self.window.statusBar().showMessage(
            self.tr("The file is now {size}; save to write it.").format(size=self.megabytes(after)),
            8000,
        )


def install(window: MainWindow, widget: QWidget) -> WorkingCopies:
    """Add Reduce File Size and Keep Original Pictures to the File menu, the size to the bar.

    Args:
        window: the main window.
        widget: the same window as a widget (parent of the actions and the label).
    """
    working = WorkingCopies(window, widget)
    menu, before = window.menus.file_menu, window.menus.export_menu.menuAction()
    menu.insertAction(before, working.reduce_action)
    menu.insertAction(before, working.keep_originals_action)
    menu.insertSeparator(before)
    return working
