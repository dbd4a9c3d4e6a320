"""The list of blocks on the left: type tile, summary, type name and a thumbnail per row.

A block with errors or warnings carries the severity's icon on the corner of its tile. The
thumbnail shows the picture as the email frames it, whole: the user's crop, or the automatic
crop of a tall picture in a full-width slot, fitted into the thumbnail's box.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from composer.checks import Severity
from composer.gui.block_list_model import (
    BlockListModel,
    FindingsRole,
    FramingRole,
    ImageRole,
    KindNameRole,
)
from composer.gui.thumbnails import ThumbnailCache
from composer.images import WHOLE

ROW_HEIGHT: Final = 56
_TILE: Final = 28
_THUMB: Final = QSize(48, 40)
#: The side of the findings mark on the corner of the type tile.
_MARK: Final = 16
_MARK_ICONS: Final = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
}


class BlockItemDelegate(QStyledItemDelegate):
    """Paints a block row: a coloured type tile, the summary over the type name, a thumbnail."""

    def __init__(self, thumbnails: ThumbnailCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thumbnails = thumbnails

    def thumbnail(self, index: QModelIndex | QPersistentModelIndex) -> QPixmap:
        """The row's picture as the email frames it, fitted into the thumbnail's box.

        A null pixmap when the block has no picture or its data cannot be read.
        """
        ref = index.data(ImageRole)
        if ref is None:
            return QPixmap()
        framing = index.data(FramingRole)
        return self.thumbnails.pixmap(ref, _THUMB, framing=framing or WHOLE)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Override: rows are tall enough for two lines of text and a thumbnail.

        The text's height follows the font (a 16 pt system font, say), so no line is cut.
        """
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        small_font = QFont(option.font)
        small_font.setPointSizeF(max(7.0, small_font.pointSizeF() * 0.86))
        # The card's margins (3 + 3), the text's top and bottom padding (7 + 7), the gap (3).
        text = QFontMetrics(title_font).height() + QFontMetrics(small_font).height() + 23
        return QSize(200, max(ROW_HEIGHT, text))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Override of QStyledItemDelegate::paint."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRect(option.rect)
        state = option.state
        palette: QPalette = option.palette
        selected = bool(state & QStyle.StateFlag.State_Selected)
        card = rect.adjusted(6, 3, -6, -3)
        path = QPainterPath()
        path.addRoundedRect(card, 6, 6)
        if selected:
            painter.fillPath(path, palette.color(QPalette.ColorRole.Highlight))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.fillPath(path, QColor(0, 0, 0, 14))
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text_colour)
        muted.setAlpha(170)

        icon = index.data(Qt.ItemDataRole.DecorationRole)
        tile = QRect(card.left() + 8, card.center().y() - _TILE // 2 + 1, _TILE, _TILE)
        if icon is not None:
            icon.paint(painter, tile)
        findings = index.data(FindingsRole)
        if findings:
            # The worst first: the checks list errors before warnings.
            style = option.widget.style() if option.widget is not None else QApplication.style()
            mark = QRect(tile.right() - _MARK + 6, tile.top() - 6, _MARK, _MARK)
            style.standardIcon(_MARK_ICONS[findings[0].severity]).paint(painter, mark)

        left = tile.right() + 10
        right = card.right() - 8
        thumb = self.thumbnail(index)
        if not thumb.isNull():
            box = QRect(
                right - _THUMB.width(),
                card.center().y() - _THUMB.height() // 2 + 1,
                _THUMB.width(),
                _THUMB.height(),
            )
            shown = QSize(
                round(thumb.deviceIndependentSize().width()),
                round(thumb.deviceIndependentSize().height()),
            )
            picture = QRect(QPoint(0, 0), shown)
            picture.moveCenter(box.center())
            clip = QPainterPath()
            clip.addRoundedRect(picture, 4, 4)
            painter.setClipPath(clip)
            painter.drawPixmap(picture, thumb)
            painter.setClipping(False)
            right = box.left() - 8
        width = max(10, right - left)
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        small_font = QFont(option.font)
        small_font.setPointSizeF(max(7.0, small_font.pointSizeF() * 0.86))
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        kind = str(index.data(KindNameRole) or "")
        painter.setFont(title_font)
        painter.setPen(text_colour)
        metrics = painter.fontMetrics()
        title_rect = QRect(left, card.top() + 7, width, metrics.height())
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(small_font)
        painter.setPen(muted)
        small_metrics = painter.fontMetrics()
        kind_rect = QRect(left, title_rect.bottom() + 3, width, small_metrics.height())
        painter.drawText(
            kind_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, kind
        )
        if state & QStyle.StateFlag.State_HasFocus and not selected:
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card, 6, 6)
        painter.restore()


class BlockListView(QListView):
    """The block list: one selection, reordered by drag and drop within itself."""

    def __init__(self, thumbnails: ThumbnailCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blockList")
        self.setItemDelegate(BlockItemDelegate(thumbnails, self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # DragDrop rather than InternalMove: the model accepts only its own blocks anyway
        # (canDropMimeData), and drops then also reach it through dropMimeData.
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDragDropOverwriteMode(False)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setUniformItemSizes(True)
        self.setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSpacing(0)
        self.setAccessibleName(self.tr("Blocks"))

    def changeEvent(self, event: QEvent) -> None:
        """Override: the language changed; the rows say their kinds and marks anew."""
        if event.type() == QEvent.Type.LanguageChange:
            self.setAccessibleName(self.tr("Blocks"))
            model = self.model()
            if isinstance(model, BlockListModel):
                model.retranslate()
        super().changeEvent(event)
