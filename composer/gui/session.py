"""An open document with its undo history and its file: what the window edits."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from composer.document import Document
from composer.edits import Edit

#: The id of commands that may merge; whether they do is the edits' own decision.
_MERGEABLE: Final = 1
_typing_sessions = itertools.count(1)


class EditCommand(QUndoCommand):
    """A core Edit on the undo stack: the one kind of command the window pushes.

    The first ``redo`` (when the command is pushed) passes the initiator on, so the editor
    that made the change does not reload itself; later redos come from the Redo action and
    must update every view, so they pass none.
    """

    def __init__(
        self, document: Document, edit: Edit, initiator: object | None = None, text: str = ""
    ) -> None:
        super().__init__(text or edit.label)
        self.document = document
        self.edit = edit
        self._initiator = initiator

    def redo(self) -> None:
        """Apply the edit (override of QUndoCommand::redo)."""
        initiator, self._initiator = self._initiator, None
        self.edit.apply(self.document, initiator)

    def undo(self) -> None:
        """Revert the edit (override of QUndoCommand::undo)."""
        self.edit.revert(self.document)

    def id(self) -> int:
        """Override of QUndoCommand::id: typing commands may merge, others never."""
        return _MERGEABLE if self.edit.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Override of QUndoCommand::mergeWith: consecutive typing in one field is one step."""
        if not isinstance(other, EditCommand) or not self.edit.merge(other.edit):
            return False
        # Typing something and erasing it again leaves nothing to undo.
        self.setObsolete(self.edit.is_empty)
        return True


class EditSession(QObject):
    """A document being edited: the Document, its QUndoStack and the file it came from.

    Args:
        document: the document.
        path: the ``.newsletter`` file, or None for a document never saved.
        name: what to call a document without a file ("Untitled", "Sample newsletter").
    """

    def __init__(
        self,
        document: Document,
        path: Path | None = None,
        name: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.path = path
        self._name = name
        self.undo_stack = QUndoStack(self)

    @property
    def display_name(self) -> str:
        """The file's name, or the name given for a document without a file."""
        if self.path is not None:
            return self.path.name
        return self._name or self.tr("Untitled")

    def push(self, edit: Edit, initiator: object | None = None, text: str = "") -> None:
        """Apply ``edit`` as one undoable step (typing in one field merges into one)."""
        self.undo_stack.push(EditCommand(self.document, edit, initiator, text))

    def is_modified(self) -> bool:
        """True when the document has changes not saved to its file."""
        return not self.undo_stack.isClean()

    @staticmethod
    def new_typing_session() -> int:
        """A fresh token for a stretch of typing: edits with different tokens never merge."""
        return next(_typing_sessions)
