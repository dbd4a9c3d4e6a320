"""The open document: a Document with its undo history and its file, and what holds it.

The window shows one open document at a time. New, Open and the sample put another in its
place through the ``DocumentHolder``, whose ``replaced`` signal every view follows to rebind
itself; nothing else hands documents to the views.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from composer.document import Document
from composer.edits import Edit
from composer.model import Bundle, MastheadBlock, Newsletter, Settings
from composer.sample import DEFAULT_EXAMPLE, load_sample

#: The id of commands that may merge; whether they do is the edits' own decision.
_MERGEABLE: Final = 1
# The names of documents without a file, kept in English and read in the window's language
# each time (see ``_given_name``), so that the title follows a switch of language.
_UNTITLED: Final = "Untitled"
_SAMPLE: Final = "Sample newsletter"
_SHOWCASE: Final = "Showcase"


def _given_name(name: str) -> str:
    """``name`` in the window's language if it is one of the program's own names, else as is."""
    own = {
        _UNTITLED: QCoreApplication.translate("OpenDocument", "Untitled"),
        _SAMPLE: QCoreApplication.translate("OpenDocument", "Sample newsletter"),
        _SHOWCASE: QCoreApplication.translate("OpenDocument", "Showcase"),
    }
    return own.get(name, name)


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


class OpenDocument(QObject):
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

    @classmethod
    def blank(cls) -> OpenDocument:
        """A new, empty newsletter: dated today, with a masthead to start from."""
        newsletter = Newsletter(
            settings=Settings(issue_date=dt.date.today()), blocks=(MastheadBlock(),)
        )
        return cls(Document(Bundle(newsletter)), None, _UNTITLED)

    @classmethod
    def sample(cls, example: str = DEFAULT_EXAMPLE) -> OpenDocument:
        """A fresh copy of a bundled example (the sample newsletter), ready to edit."""
        name = _SHOWCASE if example == "showcase" else _SAMPLE
        return cls(Document(load_sample(example)), None, name)

    @property
    def display_name(self) -> str:
        """The file's name, or the name given for a document without a file."""
        if self.path is not None:
            return self.path.name
        return _given_name(self._name or _UNTITLED)

    def snapshot(self) -> Bundle:
        """The newsletter and its images as they are now, for saving, export, checks, send."""
        return self.document.snapshot()

    def push(self, edit: Edit, initiator: object | None = None, text: str = "") -> None:
        """Apply ``edit`` as one undoable step (typing in one field merges into one)."""
        self.undo_stack.push(EditCommand(self.document, edit, initiator, text))

    def is_modified(self) -> bool:
        """True when the document has changes not saved to its file."""
        return not self.undo_stack.isClean()


class DocumentHolder(QObject):
    """Holds the open document; announces when another takes its place (New, Open, sample).

    Views take the holder, bind to ``current`` and rebind themselves on ``replaced``.

    Signals:
        replaced(object): another OpenDocument is now ``current``; the previous one is
            deleted once control returns to the event loop.
    """

    replaced = Signal(object)

    def __init__(self, current: OpenDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current = current
        current.setParent(self)

    @property
    def current(self) -> OpenDocument:
        """The open document."""
        return self._current

    def replace(self, document: OpenDocument) -> None:
        """Make ``document`` the open one (the previous one is closed without asking)."""
        old, self._current = self._current, document
        document.setParent(self)
        self.replaced.emit(document)
        old.deleteLater()
