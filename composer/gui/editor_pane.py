"""The middle of the window: the editor of the selected block, or of the newsletter settings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QWidget

from composer.gui.block_editors import SettingsEditor, editor_for
from composer.gui.open_document import DocumentHolder, OpenDocument
from composer.gui.preferences import Preferences
from composer.gui.spell_highlighter import SpellingService, spell_check_fields
from composer.gui.thumbnails import ThumbnailCache
from composer.gui.value_editor import BlockEditor, ValueEditor


class EditorPane(QStackedWidget):
    """Shows one editor at a time, or a word on what to do when there is nothing to edit.

    Args:
        holder: the open document; the editor shown goes when another document replaces it.
        thumbnails: draws the pictures of image fields.
        preferences: remember where pictures were last chosen.
        spelling: underlines misspelt words in the editors' fields (None: no spelling).

    Signals:
        editor_shown(): another editor (or none) is shown.
    """

    editor_shown = Signal()

    def __init__(
        self,
        holder: DocumentHolder,
        thumbnails: ThumbnailCache,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
        spelling: SpellingService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editorStack")
        self._holder = holder
        self._thumbnails = thumbnails
        self._preferences = preferences
        self._spelling = spelling
        self._editor: ValueEditor | None = None
        self.empty = QLabel()
        self.empty.setObjectName("emptyEditor")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.addWidget(self.empty)
        self._retranslate()
        holder.replaced.connect(self._document_replaced)

    def minimumSizeHint(self) -> QSize:
        """Override: at least 320 px, and as wide as the editor shown asks (a large font)."""
        return super().minimumSizeHint().expandedTo(QSize(320, 0))

    @property
    def editor(self) -> ValueEditor | None:
        """The editor shown, if any."""
        return self._editor

    def show_block(self, block_id: str) -> None:
        """Edit the block ``block_id`` (keeping the editor if it already edits that block)."""
        if isinstance(self._editor, BlockEditor) and self._editor.block_id == block_id:
            return
        document = self._holder.current
        block = document.document.block(block_id)
        self._show(editor_for(document, block, self._thumbnails, self._preferences))

    def show_settings(self) -> None:
        """Edit the newsletter settings."""
        if not isinstance(self._editor, SettingsEditor):
            self._show(SettingsEditor(self._holder.current, self._thumbnails, self._preferences))

    def clear(self) -> None:
        """Show no editor."""
        self._show(None)

    def _show(self, editor: ValueEditor | None) -> None:
        old, self._editor = self._editor, editor
        if old is not None:
            old.detach()
            self.removeWidget(old)
            old.deleteLater()
        if editor is None:
            self.setCurrentWidget(self.empty)
        else:
            if self._spelling is not None:
                kind = editor.kind if isinstance(editor, BlockEditor) else "settings"
                spell_check_fields(editor.fields, kind, self._spelling)
            self.addWidget(editor)
            self.setCurrentWidget(editor)
        self.editor_shown.emit()

    def changeEvent(self, event: QEvent) -> None:
        """Override: the language changed; the editor shown is made anew in it.

        Its labels, hints and choices are set as it is built; a new one for the same block
        (or the settings) keeps what matters: the values are the document's, and the field
        that had the focus gets it back.
        """
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.empty.setText(
            self.tr(
                "The newsletter has no blocks yet.\nAdd one with "
                "Insert, or open the newsletter settings."
            )
        )
        editor = self._editor
        if editor is None:
            return
        focus = QApplication.focusWidget()
        focused = next(
            (path for path, field in editor.fields.items() if field.focus_widget() is focus),
            None,
        )
        if isinstance(editor, BlockEditor):
            document = self._holder.current
            block = document.document.block(editor.block_id)
            self._show(editor_for(document, block, self._thumbnails, self._preferences))
        else:
            self._show(SettingsEditor(self._holder.current, self._thumbnails, self._preferences))
        if focused is not None and self._editor is not None:
            self._editor.focus_field(focused)

    def _document_replaced(self, _document: OpenDocument) -> None:
        # Its editor edits a document that is closing; the window shows the new one's.
        self.clear()
