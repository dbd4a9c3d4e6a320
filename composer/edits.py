"""Reversible edits: one user action on the open document, applied and reverted.

Each edit is built on the document's primitives (``composer.document``), so undo is keeping
the old value. Nothing here knows about Qt; the window wraps each edit in one undo command
and lets consecutive typing in one field merge into one step.
"""

from __future__ import annotations

import abc
from collections.abc import Hashable, Sequence
from typing import Generic, TypeVar

from composer.document import Document
from composer.model import BlockBase, Settings, Value

__all__ = [
    "ChangeSettings",
    "Edit",
    "EditGroup",
    "InsertBlock",
    "MoveBlock",
    "RemoveBlock",
    "ReplaceBlock",
]

V = TypeVar("V", bound=Value)


class Edit(abc.ABC):
    """One user action on a document that can be applied and reverted, any number of times.

    Attributes:
        label: what the action did, for the Undo and Redo menu entries.
    """

    label: str = ""

    @abc.abstractmethod
    def apply(self, document: Document, initiator: object | None = None) -> None:
        """Do the action; ``initiator`` is passed on to the document's events."""

    @abc.abstractmethod
    def revert(self, document: Document) -> None:
        """Undo the action: the document is exactly as before ``apply``."""

    @property
    def merge_key(self) -> Hashable | None:
        """Edits with the same key (not None) may merge: typing in one field is one action."""
        return None

    def merge(self, later: Edit) -> bool:
        """Take ``later`` (already applied after this one) into this edit.

        Returns:
            True when merged: reverting this edit now reverts both.
        """
        return False

    @property
    def is_empty(self) -> bool:
        """True when applying the edit changes nothing (typing and erasing it again)."""
        return False


class InsertBlock(Edit):
    """Insert a block at a position."""

    def __init__(self, index: int, block: BlockBase, label: str = "") -> None:
        self.index = index
        self.block = block
        self.label = label or f"Insert {block.kind}"

    def apply(self, document: Document, initiator: object | None = None) -> None:
        """Insert the block."""
        document.insert_block(self.index, self.block, initiator)

    def revert(self, document: Document) -> None:
        """Remove the inserted block."""
        document.remove_block(document.index_of(self.block.id))


class RemoveBlock(Edit):
    """Remove a block, remembering where it was."""

    def __init__(self, block_id: str, label: str = "") -> None:
        self.block_id = block_id
        self.label = label or "Delete block"
        self._index = -1
        self._block: BlockBase | None = None

    def apply(self, document: Document, initiator: object | None = None) -> None:
        """Remove the block."""
        self._index = document.index_of(self.block_id)
        self._block = document.remove_block(self._index, initiator)

    def revert(self, document: Document) -> None:
        """Put the block back where it was."""
        assert self._block is not None, "revert() follows apply()"
        document.insert_block(self._index, self._block)


class MoveBlock(Edit):
    """Move a block to another position."""

    def __init__(self, block_id: str, destination: int, label: str = "") -> None:
        self.block_id = block_id
        self.destination = destination
        self.label = label or "Move block"
        self._source = -1

    def apply(self, document: Document, initiator: object | None = None) -> None:
        """Move the block so that it ends up at ``destination``."""
        self._source = document.index_of(self.block_id)
        document.move_block(self._source, self.destination, initiator)

    def revert(self, document: Document) -> None:
        """Move the block back."""
        document.move_block(document.index_of(self.block_id), self._source)


class _ValueEdit(Edit, Generic[V]):
    """An edit that swaps one immutable value for a changed copy; typing in a field merges.

    Args:
        old: the value as it is in the document.
        new: the changed copy.
        label: what the action did, for the Undo and Redo menu entries.
        field: the field the user changed, when the edit comes from typing in one field.
        typing_stretch: tells one stretch of typing in ``field`` from the next (a focus
            change starts a new one), so that only consecutive typing merges.
    """

    #: What the edits of a subclass change; part of the merge key.
    scope: tuple[str, ...] = ()

    def __init__(
        self,
        old: V,
        new: V,
        label: str,
        field: str | None = None,
        typing_stretch: Hashable = None,
    ) -> None:
        self.old = old
        self.new = new
        self.label = label
        self.field = field
        self.typing_stretch = typing_stretch

    @property
    def merge_key(self) -> Hashable | None:
        """What is edited, the field and the typing stretch, when the edit comes from typing."""
        if self.field is None:
            return None
        return (*self.scope, self.field, self.typing_stretch)

    def merge(self, later: Edit) -> bool:
        """Take a later edit of the same field in the same stretch of typing."""
        if (
            isinstance(later, type(self))
            and self.merge_key is not None
            and later.merge_key == self.merge_key
            and later.old == self.new
        ):
            self.new = later.new
            return True
        return False

    @property
    def is_empty(self) -> bool:
        """True when the value ends as it began."""
        return bool(self.old == self.new)


class ReplaceBlock(_ValueEdit[BlockBase]):
    """Replace a block with a changed copy (same id), such as one with another headline."""

    def __init__(
        self,
        old: BlockBase,
        new: BlockBase,
        label: str = "",
        field: str | None = None,
        typing_stretch: Hashable = None,
    ) -> None:
        if old.id != new.id:
            raise ValueError(f"a replacement keeps the block's id ({old.id!r}, not {new.id!r})")
        super().__init__(old, new, label or f"Edit {old.kind}", field, typing_stretch)
        self.scope = ("block", old.id)

    def apply(self, document: Document, initiator: object | None = None) -> None:
        """Put the changed block in place."""
        document.replace_block(self.new, initiator)

    def revert(self, document: Document) -> None:
        """Put the original block back."""
        document.replace_block(self.old)


class ChangeSettings(_ValueEdit[Settings]):
    """Replace the newsletter-wide settings with a changed copy."""

    scope = ("settings",)

    def __init__(
        self,
        old: Settings,
        new: Settings,
        label: str = "",
        field: str | None = None,
        typing_stretch: Hashable = None,
    ) -> None:
        super().__init__(old, new, label or "Change settings", field, typing_stretch)

    def apply(self, document: Document, initiator: object | None = None) -> None:
        """Put the changed settings in place."""
        document.set_settings(self.new, initiator)

    def revert(self, document: Document) -> None:
        """Put the original settings back."""
        document.set_settings(self.old)


class EditGroup(Edit):
    """Several edits done and undone as one action (reverted in reverse order)."""

    def __init__(self, label: str, edits: Sequence[Edit]) -> None:
        self.label = label
        self.edits = tuple(edits)

    def apply(self, document: Document, initiator: object | None = None) -> None:
        """Apply each edit in order."""
        for edit in self.edits:
            edit.apply(document, initiator)

    def revert(self, document: Document) -> None:
        """Revert each edit, last first."""
        for edit in reversed(self.edits):
            edit.revert(document)
