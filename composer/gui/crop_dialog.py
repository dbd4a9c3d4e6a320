"""The crop dialog: a frame dragged over the picture, shape presets, and a focal point."""

from __future__ import annotations

from fractions import Fraction
from typing import Final

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from composer.images import Framing
from composer.model import MIN_CROP, PIXEL_DENSITY, Crop, FocalPoint

# The picture is decoded no larger than this for the dialog: enough for any screen's canvas.
_PREVIEW_EDGE: Final = 1600
# How close, in screen pixels, the pointer must be to an edge or corner to grab it.
_GRAB: Final = 8
# How far, in screen pixels, the pointer may travel for a press and release to be a click.
_CLICK: Final = 4
# The shapes offered, as width over height; None is free.
SHAPES: Final[tuple[tuple[str, Fraction | None], ...]] = (
    ("free", None),
    ("3:2", Fraction(3, 2)),
    ("16:9", Fraction(16, 9)),
    ("1:1", Fraction(1, 1)),
)
_WHOLE: Final = QRectF(0, 0, 1, 1)
_WHOLE_CROP: Final = Crop(left=0, top=0, width=1, height=1)


def _clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return min(high, max(low, value))


def _crop_rect(crop: Crop) -> QRectF:
    return QRectF(crop.left, crop.top, crop.width, crop.height)


def _decode(data: bytes) -> QImage:
    """The picture upright (by its EXIF orientation, as the email shows it), at most 1600 px."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > _PREVIEW_EDGE:
        reader.setScaledSize(
            size.scaled(_PREVIEW_EDGE, _PREVIEW_EDGE, Qt.AspectRatioMode.KeepAspectRatio)
        )
    return reader.read()


class CropCanvas(QWidget):
    """The picture with the crop frame and the focal point, worked by mouse and keyboard.

    The frame and the focal point are kept in fractions (0 to 1) of the upright picture, as
    the document keeps them. Drag inside the frame to move it, drag an edge or a corner to
    resize it, drag outside it to draw a new one; click to set the focal point. Arrow keys
    move the frame (with Shift, ten times as far); + and - grow and shrink it.

    Args:
        image: the picture, upright.
        natural: the upright size of the original, in pixels (the image may be smaller).

    Signals:
        frame_changed(): the frame was moved, resized or reshaped.
        focus_changed(): the focal point was set or removed.
    """

    frame_changed = Signal()
    focus_changed = Signal()

    def __init__(
        self, image: QImage, natural: tuple[int, int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.image = image
        self.natural = natural
        self.frame = QRectF(_WHOLE)
        self.focus: QPointF | None = None
        self.shape: Fraction | None = None
        self._drag: str | None = None  # "move", "new" or the edges grabbed ("l", "tr", …)
        self._press = QPointF()
        self._start = QRectF()
        self._moved = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(360, 270))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        """Override: room for a landscape photo."""
        return QSize(720, 520)

    # --- geometry --------------------------------------------------------------------------

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn: fitted into the widget and centred, in widget pixels."""
        margin = 12.0
        room = QSize(
            max(1, self.width() - 2 * round(margin)), max(1, self.height() - 2 * round(margin))
        )
        width, height = self.natural
        shown = QSize(max(1, width), max(1, height)).scaled(
            room, Qt.AspectRatioMode.KeepAspectRatio
        )
        left = (self.width() - shown.width()) / 2
        top = (self.height() - shown.height()) / 2
        return QRectF(left, top, shown.width(), shown.height())

    def to_widget(self, rect: QRectF) -> QRectF:
        """``rect`` (fractions of the picture) in widget pixels."""
        shown = self.picture_rect()
        return QRectF(
            shown.left() + rect.left() * shown.width(),
            shown.top() + rect.top() * shown.height(),
            rect.width() * shown.width(),
            rect.height() * shown.height(),
        )

    def to_picture(self, point: QPointF) -> QPointF:
        """``point`` (widget pixels) in fractions of the picture, kept within it."""
        shown = self.picture_rect()
        return QPointF(
            _clamp((point.x() - shown.left()) / shown.width()),
            _clamp((point.y() - shown.top()) / shown.height()),
        )

    def _height_per_width(self) -> float | None:
        """The frame's height for a width of 1, in fractions, for the chosen shape."""
        if self.shape is None:
            return None
        width, height = self.natural
        return float(width / (self.shape * height))

    def _minimum(self) -> tuple[float, float]:
        # At least MIN_CROP of each side, and at least one pixel of the original.
        width, height = self.natural
        return max(MIN_CROP, 1 / max(1, width)), max(MIN_CROP, 1 / max(1, height))

    # --- changing the frame -----------------------------------------------------------------

    def set_frame(self, rect: QRectF) -> None:
        """Show ``rect`` as the frame, kept within the picture and at least the smallest crop."""
        least_width, least_height = self._minimum()
        width, height = rect.width(), rect.height()
        per_width = self._height_per_width()
        if per_width is not None:
            # The smallest frame of the shape, when there was no room for more (a frame
            # drawn from the picture's very edge outwards).
            smallest = max(least_width, least_height / per_width)
            if width < smallest or height < smallest * per_width:
                width, height = smallest, smallest * per_width
        width = _clamp(width, least_width)
        height = _clamp(height, least_height)
        left = _clamp(rect.left(), 0, 1 - width)
        top = _clamp(rect.top(), 0, 1 - height)
        self.frame = QRectF(left, top, width, height)
        self.update()
        self.frame_changed.emit()

    def set_shape(self, shape: Fraction | None) -> None:
        """Keep the frame in ``shape`` (width over height; None: free) from now on.

        The frame becomes the largest of that shape within the picture, centred where it was.
        """
        self.shape = shape
        per_width = self._height_per_width()
        if per_width is None:
            self.update()
            self.frame_changed.emit()
            return
        width, height = 1.0, per_width
        if height > 1:
            width, height = 1 / per_width, 1.0
        centre = self.frame.center()
        self.set_frame(QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height))

    def set_focus(self, point: QPointF | None) -> None:
        """Show the focal point at ``point`` (fractions of the picture), or none."""
        self.focus = None if point is None else QPointF(_clamp(point.x()), _clamp(point.y()))
        self.update()
        self.focus_changed.emit()

    def _resized(self, start: QRectF, edges: str, point: QPointF) -> QRectF:
        """``start`` with ``edges`` dragged to ``point``, in the shape chosen, in the picture."""
        least_width, least_height = self._minimum()
        left, top, right, bottom = start.left(), start.top(), start.right(), start.bottom()
        if "l" in edges:
            left = min(point.x(), right - least_width)
        if "r" in edges:
            right = max(point.x(), left + least_width)
        if "t" in edges:
            top = min(point.y(), bottom - least_height)
        if "b" in edges:
            bottom = max(point.y(), top + least_height)
        per_width = self._height_per_width()
        if per_width is None:
            return QRectF(QPointF(left, top), QPointF(right, bottom))
        # The edge or corner opposite the one dragged stays; an edge's middle stays put.
        anchor_x = right if "l" in edges else left if "r" in edges else (left + right) / 2
        anchor_y = bottom if "t" in edges else top if "b" in edges else (top + bottom) / 2
        width, height = right - left, bottom - top
        horizontal = "l" in edges or "r" in edges
        vertical = "t" in edges or "b" in edges
        # An edge sets one side and the shape the other; a corner, whichever is larger.
        if vertical and (not horizontal or height >= width * per_width):
            width = height / per_width
        else:
            height = width * per_width
        room_x = (
            anchor_x
            if "l" in edges
            else 1 - anchor_x
            if "r" in edges
            else 2 * min(anchor_x, 1 - anchor_x)
        )
        room_y = (
            anchor_y
            if "t" in edges
            else 1 - anchor_y
            if "b" in edges
            else 2 * min(anchor_y, 1 - anchor_y)
        )
        scale = min(1.0, room_x / width if width else 1.0, room_y / height if height else 1.0)
        width, height = width * scale, height * scale
        left = (
            anchor_x - width if "l" in edges else anchor_x if "r" in edges else anchor_x - width / 2
        )
        top = (
            anchor_y - height
            if "t" in edges
            else anchor_y
            if "b" in edges
            else anchor_y - height / 2
        )
        return QRectF(left, top, width, height)

    def _edges_at(self, point: QPointF) -> str | None:
        """The edges of the frame under ``point`` (widget pixels): "tl", "r", …; or None."""
        frame = self.to_widget(self.frame)
        grown = frame.adjusted(-_GRAB, -_GRAB, _GRAB, _GRAB)
        if not grown.contains(point):
            return None
        edges = ""
        if abs(point.y() - frame.top()) <= _GRAB:
            edges += "t"
        elif abs(point.y() - frame.bottom()) <= _GRAB:
            edges += "b"
        if abs(point.x() - frame.left()) <= _GRAB:
            edges += "l"
        elif abs(point.x() - frame.right()) <= _GRAB:
            edges += "r"
        return edges or None

    # --- mouse and keyboard (Qt overrides) ----------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Override: grab an edge, a corner or the frame, or start a new frame."""
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        point = event.position()
        self._press = point
        self._start = QRectF(self.frame)
        self._moved = False
        edges = self._edges_at(point)
        if edges is not None:
            self._drag = edges
        elif self.to_widget(self.frame).contains(point):
            self._drag = "move"
        else:
            self._drag = "new"
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Override: move, resize or draw the frame; show which, by the pointer's shape."""
        point = event.position()
        if self._drag is None:
            self.setCursor(self._cursor_at(point))
            return
        if not self._moved and (point - self._press).manhattanLength() < _CLICK:
            return
        self._moved = True
        here = self.to_picture(point)
        if self._drag == "move":
            shown = self.picture_rect()
            offset = point - self._press
            moved = self._start.translated(offset.x() / shown.width(), offset.y() / shown.height())
            self.set_frame(moved)
        elif self._drag == "new":
            origin = self.to_picture(self._press)
            edges = ("l" if here.x() < origin.x() else "r") + (
                "t" if here.y() < origin.y() else "b"
            )
            self.set_frame(self._resized(QRectF(origin, origin), edges, here))
        else:
            self.set_frame(self._resized(self._start, self._drag, here))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Override: a click without dragging sets the focal point."""
        if event.button() != Qt.MouseButton.LeftButton or self._drag is None:
            super().mouseReleaseEvent(event)
            return
        if not self._moved:
            self.set_focus(self.to_picture(event.position()))
        self._drag = None
        event.accept()

    def _cursor_at(self, point: QPointF) -> Qt.CursorShape:
        edges = self._edges_at(point)
        shapes = {
            "t": Qt.CursorShape.SizeVerCursor,
            "b": Qt.CursorShape.SizeVerCursor,
            "l": Qt.CursorShape.SizeHorCursor,
            "r": Qt.CursorShape.SizeHorCursor,
            "tl": Qt.CursorShape.SizeFDiagCursor,
            "br": Qt.CursorShape.SizeFDiagCursor,
            "tr": Qt.CursorShape.SizeBDiagCursor,
            "bl": Qt.CursorShape.SizeBDiagCursor,
        }
        if edges is not None:
            return shapes[edges]
        if self.to_widget(self.frame).contains(point):
            return Qt.CursorShape.SizeAllCursor
        return Qt.CursorShape.CrossCursor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Override: arrows move the frame (Shift: ten times as far); + and - resize it."""
        step = 0.1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 0.01
        moves = {
            Qt.Key.Key_Left: (-step, 0.0),
            Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step),
            Qt.Key.Key_Down: (0.0, step),
        }
        key = Qt.Key(event.key())
        if key in moves:
            dx, dy = moves[key]
            self.set_frame(self.frame.translated(dx, dy))
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Equal):
            factor = 0.95 if key == Qt.Key.Key_Minus else 1 / 0.95
            centre = self.frame.center()
            width, height = self.frame.width() * factor, self.frame.height() * factor
            if width > 1 or height > 1:  # as large as the picture allows, in the same shape
                largest = max(width, height)
                width, height = width / largest, height / largest
            self.set_frame(QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- drawing (Qt override) --------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """Override: the picture, dimmed outside the frame, the frame's handles, the focal point."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), QColor("#2b3036"))
        shown = self.picture_rect()
        painter.drawImage(shown, self.image)
        frame = self.to_widget(self.frame)
        outside = QPainterPath()
        outside.addRect(shown)
        inside = QPainterPath()
        inside.addRect(frame)
        painter.fillPath(outside.subtracted(inside), QColor(0, 0, 0, 150))
        # Thirds, as cameras show them, help to place the subject.
        painter.setPen(QPen(QColor(255, 255, 255, 90), 1))
        for third in (1, 2):
            x = frame.left() + frame.width() * third / 3
            y = frame.top() + frame.height() * third / 3
            painter.drawLine(QPointF(x, frame.top()), QPointF(x, frame.bottom()))
            painter.drawLine(QPointF(frame.left(), y), QPointF(frame.right(), y))
        painter.setPen(QPen(QColor(0, 0, 0, 160), 3))
        painter.drawRect(frame)
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        painter.drawRect(frame)
        handle = 8.0
        for x in (frame.left(), frame.center().x(), frame.right()):
            for y in (frame.top(), frame.center().y(), frame.bottom()):
                if x == frame.center().x() and y == frame.center().y():
                    continue
                painter.setPen(QPen(QColor("#1f2933"), 1))
                painter.setBrush(QColor("#ffffff"))
                painter.drawRect(QRectF(x - handle / 2, y - handle / 2, handle, handle))
        if self.focus is not None:
            centre = QPointF(
                shown.left() + self.focus.x() * shown.width(),
                shown.top() + self.focus.y() * shown.height(),
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(0, 0, 0, 170), 4))
            painter.drawEllipse(centre, 10, 10)
            painter.setPen(QPen(QColor("#ffd43b"), 2))
            painter.drawEllipse(centre, 10, 10)
            painter.drawLine(centre - QPointF(15, 0), centre - QPointF(5, 0))
            painter.drawLine(centre + QPointF(5, 0), centre + QPointF(15, 0))
            painter.drawLine(centre - QPointF(0, 15), centre - QPointF(0, 5))
            painter.drawLine(centre + QPointF(0, 5), centre + QPointF(0, 15))
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()


class CropDialog(QDialog):
    """Chooses the part of a picture the newsletter shows, and its focal point.

    Nothing is cut from the picture itself: the crop is kept beside it in the document and
    applied whenever the picture is made for the email or the preview.

    Args:
        data: the picture's file.
        natural: its upright size, in pixels.
        crop: the crop chosen before; None for none.
        focus: the focal point chosen before; None for none.
        display_width: the width of the picture's place, in CSS pixels; None when not known
            (then no automatic crop is proposed).
    """

    def __init__(
        self,
        data: bytes,
        natural: tuple[int, int],
        crop: Crop | None,
        focus: FocalPoint | None,
        display_width: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Crop Picture"))
        self.natural = natural
        self.display_width = display_width
        # Whether the user chose the frame (else it is the automatic proposal).
        self.chosen = crop is not None
        self.canvas = CropCanvas(_decode(data), natural, self)
        self.canvas.setAccessibleName(self.tr("Crop frame"))
        self.canvas.setToolTip(
            self.tr(
                "Drag the frame to move it, its edges or corners to resize it. Click to set "
                "the focal point. Arrow keys move the frame; + and - resize it."
            )
        )
        if focus is not None:
            self.canvas.focus = QPointF(focus.x, focus.y)

        self.shapes = QButtonGroup(self)
        shape_row = QHBoxLayout()
        shape_label = QLabel(self.tr("Shape:"), self)
        shape_row.addWidget(shape_label)
        names = {"free": self.tr("Free"), "3:2": "3:2", "16:9": "16:9", "1:1": "1:1"}
        self.shape_buttons: dict[str, QPushButton] = {}
        for key, shape in SHAPES:
            button = QPushButton(names[key], self)
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Shape {shape}").format(shape=names[key]))
            self.shapes.addButton(button)
            self.shape_buttons[key] = button
            shape_row.addWidget(button)
            button.clicked.connect(lambda _checked=False, shape=shape: self._shape_clicked(shape))
        self.shape_buttons["free"].setChecked(True)
        shape_row.addStretch(1)
        self.whole = QPushButton(self.tr("Whole Picture"), self)
        self.whole.setToolTip(self.tr("Show the picture uncut, however tall it is."))
        self.automatic = QPushButton(self.tr("Automatic"), self)
        self.automatic.setToolTip(
            self.tr(
                "Let the newsletter crop the picture to suit its place, around the focal point."
            )
        )
        self.centre_focus = QPushButton(self.tr("Focal Point in Frame Centre"), self)
        self.clear_focus = QPushButton(self.tr("Remove Focal Point"), self)
        shape_row.addWidget(self.whole)
        shape_row.addWidget(self.automatic)
        focus_row = QHBoxLayout()
        focus_row.addWidget(self.centre_focus)
        focus_row.addWidget(self.clear_focus)
        focus_row.addStretch(1)

        self.summary = QLabel(self)
        self.summary.setObjectName("fieldHint")
        self.summary.setWordWrap(True)
        self.summary.setMinimumHeight(2 * self.summary.fontMetrics().lineSpacing())
        self.warning = QLabel(self)
        self.warning.setObjectName("fieldNote")
        self.warning.setWordWrap(True)
        # Room for the warning even when there is none: the picture must not jump while the
        # frame is dragged across the width where the warning comes and goes.
        self.warning.setMinimumHeight(2 * self.warning.fontMetrics().lineSpacing())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(shape_row)
        layout.addLayout(focus_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        shape_label.setBuddy(self.shape_buttons["free"])

        self.whole.clicked.connect(self._show_whole)
        self.automatic.clicked.connect(self._automatic_clicked)
        self.centre_focus.clicked.connect(self._centre_focus)
        self.clear_focus.clicked.connect(lambda: self.canvas.set_focus(None))
        if crop is not None:
            self.canvas.frame = _crop_rect(crop)
        else:
            self.canvas.frame = self._proposal()
        self._following = False
        self.canvas.frame_changed.connect(self._canvas_changed)
        self.canvas.focus_changed.connect(self._focus_changed)
        self._update_text()
        self.canvas.setFocus()

    # --- the result --------------------------------------------------------------------------

    def crop(self) -> Crop | None:
        """The crop chosen; None to leave it to the automatic crop (or to show it whole)."""
        if not self.chosen:
            return None
        frame = self.canvas.frame
        left, top = round(frame.left(), 6), round(frame.top(), 6)
        width = min(round(frame.width(), 6), 1 - left)
        height = min(round(frame.height(), 6), 1 - top)
        crop = Crop(left=left, top=top, width=max(MIN_CROP, width), height=max(MIN_CROP, height))
        if crop == _WHOLE_CROP and self._proposal() == _WHOLE:
            return None  # the whole picture, where nothing is cropped anyway
        return crop

    def focus(self) -> FocalPoint | None:
        """The focal point chosen, if any."""
        point = self.canvas.focus
        if point is None:
            return None
        return FocalPoint(x=round(point.x(), 6), y=round(point.y(), 6))

    # --- reacting ----------------------------------------------------------------------------

    def _proposal(self) -> QRectF:
        """The automatic crop around the focal point, or the whole picture when there is none."""
        if self.display_width is None:
            return QRectF(_WHOLE)
        framing = Framing.chosen(None, self.focus(), self.display_width)
        crop = framing.crop_for(self.natural)
        return QRectF(_WHOLE) if crop is None else _crop_rect(crop)

    def _canvas_changed(self) -> None:
        if self._following:
            return
        self.chosen = True
        self._update_text()

    def _follow(self, rect: QRectF) -> None:
        """Show ``rect`` as the frame without counting it as the user's choice."""
        self._following = True
        try:
            self.canvas.set_frame(rect)
        finally:
            self._following = False

    def _shape_clicked(self, shape: Fraction | None) -> None:
        self.canvas.set_shape(shape)
        self.chosen = True
        self._update_text()

    def _show_whole(self) -> None:
        self.shape_buttons["free"].setChecked(True)
        self.canvas.shape = None
        self.canvas.set_frame(QRectF(_WHOLE))
        self.chosen = True
        self._update_text()

    def _automatic_clicked(self) -> None:
        self.shape_buttons["free"].setChecked(True)
        self.canvas.shape = None
        self._follow(self._proposal())
        self.chosen = False
        self._update_text()

    def _centre_focus(self) -> None:
        self.canvas.set_focus(self.canvas.frame.center())

    def _focus_changed(self) -> None:
        if not self.chosen:
            self._follow(self._proposal())  # the proposal follows the focal point
        self._update_text()

    def _update_text(self) -> None:
        width, height = self.natural
        crop = self.crop() if self.chosen else None
        framing = (
            Framing(crop=crop)
            if crop is not None
            else Framing.chosen(None, self.focus(), self.display_width or 0)
        )
        shown_width, shown_height = framing.shown_size(self.natural)
        if self.chosen:
            text = self.tr("Cropped to {width} × {height} pixels of {all_width} × {all_height}.")
        elif (shown_width, shown_height) != (width, height):
            text = self.tr(
                "Proposed: {width} × {height} pixels of {all_width} × {all_height}, cut to "
                "suit the picture's place. Drag the frame to choose another part."
            )
        else:
            text = self.tr("The whole picture is shown: {width} × {height} pixels.")
        self.summary.setText(
            text.format(width=shown_width, height=shown_height, all_width=width, all_height=height)
        )
        focus = self.canvas.focus
        self.canvas.setAccessibleDescription(
            self.summary.text()
            + " "
            + (
                self.tr("Focal point at {x} % across, {y} % down.").format(
                    x=round(focus.x() * 100), y=round(focus.y() * 100)
                )
                if focus is not None
                else self.tr("No focal point.")
            )
        )
        self.clear_focus.setEnabled(focus is not None)
        needed = (self.display_width or 0) * PIXEL_DENSITY
        if shown_width < needed and shown_width < width:  # the crop made it too narrow
            self.warning.setText(
                self.tr(
                    "The frame is {width} pixels wide, less than the {needed} its place needs "
                    "on sharp screens: the picture will look soft. Choose a larger frame."
                ).format(width=shown_width, needed=needed)
            )
        else:
            self.warning.clear()
