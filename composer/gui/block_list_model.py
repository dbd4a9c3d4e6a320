"""The block list as Qt sees it: an adapter from the document's events to QAbstractListModel.

The model holds no copy of the blocks: every answer is read from the open document, and the
document's before/after events become Qt's begin/end notifications; when another document
is opened, the model resets itself to it. Rows are named as the core names blocks (the
block's ``display_name``, the kind's name in ``BLOCK_KIND_NAMES``), as the checks name them.
The latest errors and warnings of the checks mark their blocks (``FindingsRole``).
A row's picture comes with its framing in the email (``FramingRole``: the user's crop, or the
automatic crop of a tall picture in a full-width slot), so the thumbnail shows what the email
shows; a change of theme can change the framings, so it touches every row.
Reordering by drag and drop does not move anything itself; it asks (``move_requested``) and
the window turns the request into an undoable edit, whose document event then moves the row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Final

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from composer.checks import Finding, Severity
from composer.document import Change, ChangeKind, Document
from composer.gui.icons import block_icon
from composer.gui.open_document import DocumentHolder, OpenDocument
from composer.i18n import ui_message
from composer.images import WHOLE, Framing
from composer.model import (
    BLOCK_KIND_NAMES,
    ArticleBlock,
    BlockBase,
    ButtonBlock,
    DividerBlock,
    ImageRef,
    Settings,
    SideArticleBlock,
    SpacerBlock,
    TextBlock,
)
from composer.render import theme
from composer.richtext import to_plain_text

#: The block itself (a frozen model), for views and tests.
BlockRole: Final = Qt.ItemDataRole.UserRole
#: The block's id.
BlockIdRole: Final = Qt.ItemDataRole.UserRole + 1
#: The block type's name for people ("Article").
KindNameRole: Final = Qt.ItemDataRole.UserRole + 2
#: The ImageRef of the block's picture, or None.
ImageRole: Final = Qt.ItemDataRole.UserRole + 3
#: The block's errors and warnings (a tuple of findings, errors first; empty when none).
FindingsRole: Final = Qt.ItemDataRole.UserRole + 4
#: The Framing of the block's picture in the email (WHOLE when it has none).
FramingRole: Final = Qt.ItemDataRole.UserRole + 5
#: What the list drags: the ids of the dragged blocks, as JSON.
MIME_TYPE: Final = "application/x-newsletter-block-ids"

Index = QModelIndex | QPersistentModelIndex


def kind_name(kind: str) -> str:
    """The name of a block type as the user reads it; the checks call it the same."""
    name = BLOCK_KIND_NAMES.get(kind)
    return ui_message(name) if name is not None else kind


def _first_words(html: str, limit: int = 60) -> str:
    text = " ".join(to_plain_text(html).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _untitled(kind: str) -> str:
    """What the list says of a block that has nothing to be called by yet."""
    translate = QCoreApplication.translate
    names = {
        "masthead": translate("BlockList", "(no title)"),
        "article": translate("BlockList", "(no headline)"),
        "image": translate("BlockList", "(no picture)"),
        "text": translate("BlockList", "(empty)"),
        "contact": translate("BlockList", "(no name)"),
        "button": translate("BlockList", "(no label)"),
        "side": translate("BlockList", "(no headline)"),
        "columns": translate("BlockList", "(no headlines)"),
        "links": translate("BlockList", "(no links)"),
    }
    return names.get(kind, "")


def summary(block: BlockBase) -> str:
    """One line that tells blocks of a type apart: a headline, a name, a label.

    The block's own ``display_name`` when it has one; otherwise the first words of its text,
    a button's link, a divider's style, or a word saying what is missing.
    """
    if name := block.display_name():
        return name
    if isinstance(block, ArticleBlock | TextBlock | SideArticleBlock) and (
        words := _first_words(block.body)
    ):
        return words
    if isinstance(block, ButtonBlock) and block.url:
        return block.url
    if isinstance(block, DividerBlock):
        return (
            QCoreApplication.translate("BlockList", "Line")
            if block.style == "line"
            else QCoreApplication.translate("BlockList", "Space")
        )
    if isinstance(block, SpacerBlock):
        return {
            "small": QCoreApplication.translate("BlockList", "Small space"),
            "medium": QCoreApplication.translate("BlockList", "Medium space"),
            "large": QCoreApplication.translate("BlockList", "Large space"),
        }[block.size]
    return _untitled(block.kind) or block.id


def findings_text(findings: Sequence[Finding]) -> str:
    """How many errors and warnings a block has, in words: "1 error, 2 warnings"."""
    translate = QCoreApplication.translate
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    parts = []
    if errors:
        parts.append(
            translate("BlockList", "1 error")
            if errors == 1
            else translate("BlockList", "{count} errors").format(count=errors)
        )
    if warnings:
        parts.append(
            translate("BlockList", "1 warning")
            if warnings == 1
            else translate("BlockList", "{count} warnings").format(count=warnings)
        )
    return ", ".join(parts)


def block_image(block: BlockBase) -> ImageRef | None:
    """The (first) picture a block shows, if any."""
    return next((ref for _slot, ref in block.pictures()), None)


def block_framing(block: BlockBase, settings: Settings) -> Framing:
    """How the email frames the (first) picture of ``block``: as its slot in the theme does.

    The user's crop if there is one; else, in a slot as wide as the layout, the automatic
    crop of a tall picture (see ``composer.images.framing``). WHOLE when there is no picture
    or the theme is unknown (the checks report that).
    """
    for slot, ref in block.pictures():
        try:
            width = theme(settings.theme).slot_width(slot.kind)
        except KeyError:
            return Framing(crop=ref.crop)
        return Framing.of(ref, width)
    return WHOLE


class BlockListModel(QAbstractListModel):
    """One row per block of a document, in reading order.

    Signals:
        move_requested(str, int): the user dragged the block with this id so that it should
            end up at this position.
    """

    move_requested = Signal(str, int)

    def __init__(self, holder: DocumentHolder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = holder.current.document
        #: The errors and warnings of each block, from the latest run of the checks.
        self._findings: dict[str, tuple[Finding, ...]] = {}
        self._attached = False
        self._connect(self._document)
        holder.replaced.connect(self._document_replaced)

    # --- following the document ------------------------------------------------------------

    @property
    def document(self) -> Document:
        """The document shown."""
        return self._document

    def _document_replaced(self, document: OpenDocument) -> None:
        self.beginResetModel()
        self.detach()
        self._findings = {}
        self._document = document.document
        self._connect(self._document)
        self.endResetModel()

    def detach(self) -> None:
        """Stop following the document (before this model goes away)."""
        if self._attached:
            self._document.about_to_change.disconnect(self._on_about_to_change)
            self._document.changed.disconnect(self._on_changed)
            self._attached = False

    def _connect(self, document: Document) -> None:
        document.about_to_change.connect(self._on_about_to_change)
        document.changed.connect(self._on_changed)
        self._attached = True

    def show_findings(self, findings: Iterable[Finding]) -> None:
        """Mark the blocks that have errors or warnings (tips are suggestions: no mark)."""
        marked: dict[str, tuple[Finding, ...]] = {}
        for finding in findings:
            if finding.block_id and finding.severity is not Severity.TIP:
                marked[finding.block_id] = (*marked.get(finding.block_id, ()), finding)
        changed = {
            block_id
            for block_id in marked.keys() | self._findings.keys()
            if marked.get(block_id) != self._findings.get(block_id)
        }
        self._findings = marked
        for block_id in changed:
            index = self.row_of(block_id)
            if index.isValid():
                self.dataChanged.emit(index, index)

    def retranslate(self) -> None:
        """Every row anew: the language changed (the views ask for the texts again)."""
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def _on_about_to_change(self, change: Change) -> None:
        root = QModelIndex()
        if change.kind is ChangeKind.INSERT:
            self.beginInsertRows(root, change.index, change.index)
        elif change.kind is ChangeKind.REMOVE:
            self.beginRemoveRows(root, change.index, change.index)
        elif change.kind is ChangeKind.MOVE:
            # Qt counts the destination before the move: moving down means "before the row
            # after the destination".
            target = (
                change.destination + 1
                if change.destination > change.index
                else (change.destination)
            )
            self.beginMoveRows(root, change.index, change.index, root, target)

    def _on_changed(self, change: Change) -> None:
        if change.kind is ChangeKind.INSERT:
            self.endInsertRows()
        elif change.kind is ChangeKind.REMOVE:
            self.endRemoveRows()
        elif change.kind is ChangeKind.MOVE:
            self.endMoveRows()
        elif change.kind is ChangeKind.REPLACE:
            index = self.index(change.index, 0)
            self.dataChanged.emit(index, index)
        elif change.kind is ChangeKind.SETTINGS and self.rowCount():
            # Another theme can show the pictures at other widths, framed otherwise.
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    # --- reading (Qt overrides) ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Override of QAbstractItemModel::rowCount: one row per block, no children."""
        return 0 if parent.isValid() else len(self._document.blocks)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Override of QAbstractItemModel::data."""
        if not index.isValid() or not 0 <= index.row() < len(self._document.blocks):
            return None
        block = self._document.blocks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return summary(block)
        if role == Qt.ItemDataRole.DecorationRole:
            return block_icon(block.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{kind_name(block.kind)}: {summary(block)}"
            findings = self._findings.get(block.id, ())
            if findings:
                severities = {
                    Severity.ERROR: QCoreApplication.translate("BlockList", "Error"),
                    Severity.WARNING: QCoreApplication.translate("BlockList", "Warning"),
                }
                lines = [f"{severities[f.severity]}: {f.message}" for f in findings]
                tip = "\n\n".join([f"{tip} ({findings_text(findings)})", *lines])
            return tip
        if role == Qt.ItemDataRole.AccessibleTextRole:
            findings = self._findings.get(block.id, ())
            text = f"{kind_name(block.kind)}, {summary(block)}"
            return f"{text}, {findings_text(findings)}" if findings else text
        if role == FindingsRole:
            return self._findings.get(block.id, ())
        if role == BlockRole:
            return block
        if role == BlockIdRole:
            return block.id
        if role == KindNameRole:
            return kind_name(block.kind)
        if role == ImageRole:
            return block_image(block)
        if role == FramingRole:
            return block_framing(block, self._document.settings)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Override of QAbstractItemModel::flags: rows drag; drops land between rows."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def row_of(self, block_id: str) -> QModelIndex:
        """The index of the block ``block_id`` (invalid if there is none)."""
        try:
            return self.index(self._document.index_of(block_id), 0)
        except KeyError:
            return QModelIndex()

    # --- drag and drop (Qt overrides) -------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        """Override: blocks are only moved within the list."""
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        """Override: blocks are only moved within the list."""
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        """Override: the list drags block ids."""
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """Override: the ids of the dragged blocks."""
        mime = QMimeData()
        ids = [self._document.blocks[index.row()].id for index in indexes if index.isValid()]
        mime.setData(MIME_TYPE, QByteArray(json.dumps(ids).encode()))
        return mime

    def _dropped_ids(self, data: QMimeData) -> list[str]:
        if not data.hasFormat(MIME_TYPE):
            return []
        try:
            ids = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        except (ValueError, UnicodeDecodeError):
            return []
        return [i for i in ids if isinstance(i, str) and i in self._document]

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Override: only this list's own blocks can be dropped, between rows."""
        return action == Qt.DropAction.MoveAction and bool(self._dropped_ids(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Override: ask for the dropped block to move before ``row``."""
        ids = self._dropped_ids(data)
        if action == Qt.DropAction.IgnoreAction:
            return True
        if action != Qt.DropAction.MoveAction or len(ids) != 1:
            return False
        if row < 0:  # dropped onto a row, or below the last one
            row = parent.row() if parent.isValid() else self.rowCount()
        return self._request_move(ids[0], row)

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        """Override: QListView moves a dragged row with this; it becomes a request."""
        if source_parent.isValid() or destination_parent.isValid() or count != 1:
            return False
        if not 0 <= source_row < self.rowCount():
            return False
        return self._request_move(self._document.blocks[source_row].id, destination_child)

    def _request_move(self, block_id: str, before_row: int) -> bool:
        source = self._document.index_of(block_id)
        destination = before_row - 1 if before_row > source else before_row
        destination = max(0, min(destination, self.rowCount() - 1))
        if destination == source:
            return False
        self.move_requested.emit(block_id, destination)
        return True
