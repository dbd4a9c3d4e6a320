"""The open document: the one owner that changes a newsletter, announcing every change.

Every change goes through one of a handful of primitives (insert, remove, move and replace a
block; set the settings; add an image), and each primitive announces a plain-Python event
before and after, carrying what changed and who initiated it. Views observe those events
(the window's block list, the preview); an editor that made a change recognises itself as the
initiator and does not reload, so the cursor never jumps while the user types.

User actions are reversible edits built on the primitives (``composer.edits``), so undo is
keeping the old value. Nothing here knows about Qt.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Generic, TypeVar

from pydantic import ValidationError

from composer.errors import ComposerError
from composer.images import ImageInfo, OutputSpec, convert, probe
from composer.model import BlockBase, Bundle, ImageRef, ImageStore, Newsletter, Settings, Value

__all__ = [
    "WORKING_COPY_SIZE",
    "WORKING_COPY_SPEC",
    "Change",
    "ChangeKind",
    "Document",
    "EventEmitter",
    "FieldError",
    "with_field",
    "working_copy",
]

T = TypeVar("T")
V = TypeVar("V", bound=Value)

#: The extension an image of each accepted format is stored under.
_EXTENSIONS: Final = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
#: The long edge of a working copy, in pixels, at most. No email needs more than 1200 (600
#: shown at PIXEL_DENSITY): twice that leaves room for a wider theme, and export looks the same.
WORKING_COPY_SIZE: Final = 2400
#: How working copies are made: the export pipeline, the long edge bounded, photos finer.
WORKING_COPY_SPEC: Final = OutputSpec(WORKING_COPY_SIZE, WORKING_COPY_SIZE, jpeg_quality=90)


def working_copy(data: bytes, name: str = "image") -> tuple[bytes, ImageInfo]:
    """The working copy of the picture file ``data``, and what its header says.

    Upright (EXIF orientation applied), sRGB, without any metadata (no GPS position, no
    camera details), its long edge at most ``WORKING_COPY_SIZE`` pixels; a photo as a JPEG at
    quality 90, a graphic or a transparent picture as PNG, an animated GIF as it was, less
    its comments.

    Raises:
        ImageError: the file is not a usable image; the message says why.
    """
    copy = convert(data, WORKING_COPY_SPEC, name).data
    return copy, probe(copy, name)


class EventEmitter(Generic[T]):
    """A list of callbacks called, in the order they connected, with each event."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[T], None]] = []

    def connect(self, callback: Callable[[T], None]) -> None:
        """Call ``callback`` with every later event."""
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable[[T], None]) -> None:
        """Stop calling ``callback``; ValueError if it was not connected."""
        self._callbacks.remove(callback)

    def emit(self, event: T) -> None:
        """Call every connected callback with ``event``."""
        # A copy: a callback may connect or disconnect while we iterate.
        for callback in list(self._callbacks):
            callback(event)


class ChangeKind(enum.Enum):
    """What a primitive did to the document."""

    INSERT = "insert"
    REMOVE = "remove"
    MOVE = "move"
    REPLACE = "replace"
    SETTINGS = "settings"


@dataclass(frozen=True)
class Change:
    """One change of the document, announced before and after it happens.

    Attributes:
        kind: which primitive made it.
        initiator: who asked for it (an editor widget, say), or None for undo, redo and code.
        index: the block's position: where it is inserted (INSERT), or where it was before
            the change (REMOVE, MOVE, REPLACE). -1 for SETTINGS.
        destination: MOVE only: the block's position after the move.
        block_id: the block concerned, None for SETTINGS.
        old: the block or settings before (None for INSERT).
        new: the block or settings after (None for REMOVE; the same block for MOVE).
    """

    kind: ChangeKind
    initiator: object | None = None
    index: int = -1
    destination: int = -1
    block_id: str | None = None
    old: BlockBase | Settings | None = None
    new: BlockBase | Settings | None = None


class FieldError(ComposerError):
    """A value typed into a field is not valid; the document keeps the last valid one.

    Attributes:
        field: the dotted path of the field (``link_url``, ``organisation.website``).
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _first_message(exc: ValidationError) -> str:
    error = exc.errors()[0]
    context = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in context:
        # Our validators' own sentences, without pydantic's "Value error, " prefix.
        message = str(context["error"])
    else:
        message = error["msg"]
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else message + "."


def with_field(value: V, path: str, new: Any) -> V:
    """A validated copy of ``value`` with the field at ``path`` set to ``new``.

    The copy goes through the model's validators, so a body is sanitized, a line loses its
    line breaks and a bad link is refused, exactly as when the document is loaded.

    Args:
        value: a block or the settings.
        path: the field's name, dotted for nested values (``organisation.website``).
        new: the value as the user gave it.

    Raises:
        FieldError: the value is not acceptable; its message says why, for the user.
        KeyError: ``path`` names no field of ``value``.
    """
    data = value.model_dump()
    parts = path.split(".")
    target = data
    for part in parts[:-1]:
        target = target[part]
    if parts[-1] not in target:
        raise KeyError(path)
    target[parts[-1]] = new
    try:
        return type(value).model_validate(data)
    except ValidationError as exc:
        raise FieldError(path, _first_message(exc)) from None


class Document:
    """A newsletter being edited, with its images; the only thing that changes it.

    Attributes:
        about_to_change: announces each Change before it happens (the document is unchanged).
        changed: announces each Change after it happened.
    """

    def __init__(self, bundle: Bundle | None = None) -> None:
        bundle = bundle if bundle is not None else Bundle(Newsletter())
        self._newsletter = bundle.newsletter
        self._images = bundle.images
        self.about_to_change: EventEmitter[Change] = EventEmitter()
        self.changed: EventEmitter[Change] = EventEmitter()
        #: What ``add_image`` does when not told: keep originals (the user's preference, set
        #: by the window; not part of the newsletter) or working copies.
        self.keep_originals = False

    # --- reading ---------------------------------------------------------------------------

    def snapshot(self) -> Bundle:
        """The newsletter and its images as they are now, for saving, export, checks, send.

        Later edits do not show in the snapshot, so it can be handed to another thread. The
        images are shared, not copied: image files are immutable values keyed by their hash.
        """
        return Bundle(self._newsletter, ImageStore(dict(self._images.data)))

    @property
    def newsletter(self) -> Newsletter:
        """The newsletter as it is now (an immutable value)."""
        return self._newsletter

    @property
    def images(self) -> ImageStore:
        """The document's image files."""
        return self._images

    @property
    def blocks(self) -> tuple[BlockBase, ...]:
        """The blocks in reading order."""
        blocks: tuple[BlockBase, ...] = self._newsletter.blocks
        return blocks

    @property
    def settings(self) -> Settings:
        """The newsletter-wide settings."""
        return self._newsletter.settings

    def index_of(self, block_id: str) -> int:
        """The position of the block ``block_id``; KeyError if there is none."""
        for index, block in enumerate(self.blocks):
            if block.id == block_id:
                return index
        raise KeyError(block_id)

    def block(self, block_id: str) -> BlockBase:
        """The block ``block_id`` as it is now; KeyError if there is none."""
        return self.blocks[self.index_of(block_id)]

    def __contains__(self, block_id: object) -> bool:
        return any(block.id == block_id for block in self.blocks)

    # --- the primitives --------------------------------------------------------------------

    def _commit(
        self,
        change: Change,
        blocks: Sequence[BlockBase] | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.about_to_change.emit(change)
        update: dict[str, Any] = {}
        if blocks is not None:
            update["blocks"] = tuple(blocks)
        if settings is not None:
            update["settings"] = settings
        # model_copy skips validation; every primitive checks what validation would.
        self._newsletter = self._newsletter.model_copy(update=update)
        self.changed.emit(change)

    def insert_block(self, index: int, block: BlockBase, initiator: object | None = None) -> None:
        """Insert ``block`` so that it ends up at ``index`` (0 to the number of blocks).

        Raises:
            IndexError: ``index`` is out of range.
            ValueError: the document already has a block with that id.
        """
        blocks = list(self.blocks)
        if not 0 <= index <= len(blocks):
            raise IndexError(f"cannot insert at {index}: there are {len(blocks)} blocks")
        if block.id in self:
            raise ValueError(f"the document already has a block with the id {block.id!r}")
        blocks.insert(index, block)
        self._commit(
            Change(ChangeKind.INSERT, initiator, index, index, block.id, None, block), blocks
        )

    def remove_block(self, index: int, initiator: object | None = None) -> BlockBase:
        """Remove the block at ``index`` and return it; IndexError if there is none."""
        blocks = list(self.blocks)
        if not 0 <= index < len(blocks):
            raise IndexError(f"no block at {index}: there are {len(blocks)} blocks")
        block = blocks.pop(index)
        self._commit(Change(ChangeKind.REMOVE, initiator, index, -1, block.id, block, None), blocks)
        return block

    def move_block(self, index: int, destination: int, initiator: object | None = None) -> None:
        """Move the block at ``index`` so that it ends up at ``destination``.

        Raises:
            IndexError: either position is out of range.
        """
        blocks = list(self.blocks)
        for position in (index, destination):
            if not 0 <= position < len(blocks):
                raise IndexError(f"no block at {position}: there are {len(blocks)} blocks")
        if index == destination:
            return
        block = blocks.pop(index)
        blocks.insert(destination, block)
        self._commit(
            Change(ChangeKind.MOVE, initiator, index, destination, block.id, block, block), blocks
        )

    def replace_block(self, block: BlockBase, initiator: object | None = None) -> BlockBase:
        """Put ``block`` in place of the block with the same id; returns the block replaced.

        Raises:
            KeyError: the document has no block with that id.
        """
        index = self.index_of(block.id)
        blocks = list(self.blocks)
        old = blocks[index]
        if old == block:
            return old
        blocks[index] = block
        self._commit(
            Change(ChangeKind.REPLACE, initiator, index, index, block.id, old, block), blocks
        )
        return old

    def set_settings(self, settings: Settings, initiator: object | None = None) -> Settings:
        """Replace the newsletter-wide settings; returns the previous ones."""
        old = self.settings
        if old != settings:
            self._commit(
                Change(ChangeKind.SETTINGS, initiator, old=old, new=settings), settings=settings
            )
        return old

    def add_image(
        self, data: bytes, name: str, *, keep_original: bool | None = None
    ) -> tuple[ImageRef, ImageInfo]:
        """Keep an image file in the document, refusing anything the email could not show.

        The document keeps a working copy, not the original: upright, sRGB, without any
        metadata (no GPS position, no camera details), its long edge at most
        ``WORKING_COPY_SIZE`` pixels; a photo as a fine JPEG, a graphic as PNG; an animated
        GIF as it is, less its comments. That is all an email ever needs, and the file stays
        small enough to mail to a colleague. With ``keep_original`` the file is kept as it
        is, and the settings say so (``keep_original_pictures``, announced as a settings
        change, so the preference is visible in the file).

        Adding an image changes nothing the reader sees until a block or the logo refers to
        it; the file is kept once however often it is added.

        Args:
            data: the file's content.
            name: the file's name, kept for messages and export file names.
            keep_original: keep the file as it is (the user's "Keep original pictures");
                None: as ``keep_originals`` says.

        Returns:
            The reference a block holds, and what the header of the file kept says.

        Raises:
            ImageError: the file is not a usable image; the message says why.
        """
        if keep_original is None:
            keep_original = self.keep_originals
        if keep_original:
            info = probe(data, name)
            if not self.settings.keep_original_pictures:
                self.set_settings(self.settings.model_copy(update={"keep_original_pictures": True}))
            return self.images.add(data, _EXTENSIONS[info.format], name), info
        data, info = working_copy(data, name)
        return self.images.add(data, _EXTENSIONS[info.format], name), info
