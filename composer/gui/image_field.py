"""The picture field: a thumbnail, a file dialog, and drag and drop from the file manager."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragLeaveEvent, QDropEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from composer.errors import ComposerError
from composer.gui import dialogs
from composer.gui.crop_dialog import CropDialog
from composer.gui.fields import Field, refresh_style
from composer.gui.icons import icon
from composer.gui.thumbnails import ThumbnailCache
from composer.images import Framing, ImageInfo, probe
from composer.importers.files import cannot_read
from composer.model import LOGO_SLOT, BlockBase, Crop, ImageRef, PictureSlot, Settings, Value
from composer.regular_file import FileTooLarge, read_regular
from composer.render import theme
from composer.storage import MAX_IMAGE_BYTES

AddImage = Callable[[bytes, str], tuple[ImageRef, ImageInfo]]
_THUMB = QSize(132, 88)
# A cropped thumbnail is cut from a picture decoded this many times larger, to stay sharp.
_CROP_DETAIL = 3


def slot_display_width(value: Value, field: str, settings: Settings) -> int | None:
    """The width, in CSS pixels, the picture in ``field`` of ``value`` is shown at.

    Args:
        value: a block, or the settings (for the logo).
        field: the picture's field (``image``, ``photo``, ``logo``).
        settings: the newsletter's settings, whose theme gives the width.

    Returns:
        None when ``field`` is not a picture slot the theme knows.
    """
    slots: tuple[PictureSlot, ...] = (LOGO_SLOT,) if isinstance(value, Settings) else ()
    if isinstance(value, BlockBase):
        slots = type(value).picture_slots
    kind = next((slot.kind for slot in slots if slot.image_field == field), None)
    if kind is None:
        return None
    try:
        return theme(settings.theme).slot_width(kind)
    except KeyError:
        return None


def _on_checkerboard(picture: QPixmap) -> QPixmap:
    """``picture`` centred on a checkerboard, so a white logo on transparency shows."""
    ratio = picture.devicePixelRatio()
    canvas = QPixmap(round(_THUMB.width() * ratio), round(_THUMB.height() * ratio))
    canvas.setDevicePixelRatio(ratio)
    canvas.fill(QColor("#eef1f4"))
    painter = QPainter(canvas)
    if picture.hasAlphaChannel():
        square = 8
        for row in range(0, _THUMB.height(), square):
            for column in range(0, _THUMB.width(), square):
                if (row // square + column // square) % 2:
                    painter.fillRect(column, row, square, square, QColor("#aeb7c0"))
                else:
                    painter.fillRect(column, row, square, square, QColor("#c8cfd6"))
    width = picture.width() / ratio
    height = picture.height() / ratio
    painter.drawPixmap(
        QPointF((_THUMB.width() - width) / 2, (_THUMB.height() - height) / 2), picture
    )
    painter.end()
    return canvas


def _local_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    for url in event.mimeData().urls():
        if url.isLocalFile():
            return Path(url.toLocalFile())
    return None


class ImageField(Field):
    """Chooses the picture of a block or the logo.

    The file is read, checked by the core's image probe (which refuses SVG, HEIC, damaged
    files and decompression bombs with a sentence saying what to do) and kept in the
    document's image store; the field then announces the new ImageRef.

    The Crop button opens the crop dialog; the crop and focal point chosen there are kept in
    the ImageRef, so the field announces a changed ImageRef and the change is one undoable
    edit like any other.

    Args:
        add_image: keeps a file in the document (``Document.add_image``).
        thumbnails: draws the thumbnail.
        folder: where the file dialog starts; updated to the folder of each chosen file.
        display_width: the width the picture's place shows it at, in CSS pixels (for the crop
            dialog's proposal); None, or a function returning None, for none.
    """

    def __init__(
        self,
        add_image: AddImage,
        thumbnails: ThumbnailCache,
        folder: Callable[[], str] | None = None,
        remember_folder: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
        display_width: Callable[[], int | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._display_width = display_width or (lambda: None)
        self.crop_dialog: CropDialog | None = None
        self._add_image = add_image
        self._thumbnails = thumbnails
        self._folder = folder or (lambda: "")
        self._remember_folder = remember_folder or (lambda _folder: None)
        self._ref: ImageRef | None = None
        self.setAcceptDrops(True)

        self.frame = QFrame(self)
        self.frame.setObjectName("imageDrop")
        layout = QGridLayout(self.frame)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setHorizontalSpacing(12)
        self.thumbnail = QLabel(self.frame)
        self.thumbnail.setObjectName("imageThumbnail")
        self.thumbnail.setFixedSize(_THUMB)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = QLabel(self.frame)
        self.name.setObjectName("imageName")
        self.name.setWordWrap(True)
        self.details = QLabel(self.frame)
        self.details.setObjectName("fieldHint")
        self.details.setWordWrap(True)
        self.choose = QPushButton(icon("image"), self.tr("Choose picture…"), self.frame)
        self.crop = QPushButton(self.tr("Crop…"), self.frame)
        self.crop.setToolTip(
            self.tr("Choose the part of the picture the newsletter shows, and its focal point.")
        )
        self.remove = QPushButton(icon("remove"), self.tr("Remove"), self.frame)
        self.note = QLabel(self)
        self.note.setObjectName("fieldNote")
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.thumbnail, 0, 0, 2, 1)
        layout.addWidget(self.name, 0, 1)
        layout.addWidget(self.details, 1, 1, Qt.AlignmentFlag.AlignTop)
        # The buttons get a row of their own under the thumbnail: three do not fit beside it
        # in an editor as narrow as the window gives.
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.crop)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout.addLayout(buttons, 2, 0, 1, 2)
        layout.setColumnStretch(1, 1)
        self._add_editor(self.frame)
        self._add_editor(self.note)
        self._watch(self.choose)
        self._watch(self.crop)
        self.choose.clicked.connect(self.choose_file)
        self.crop.clicked.connect(self.crop_picture)
        self.remove.clicked.connect(self._remove)
        self.set_value(None)

    def focus_widget(self) -> QWidget:
        """The Choose button (the frame is what is marked)."""
        return self.choose

    def _mark(self, invalid: bool) -> None:
        if self.frame.property("invalid") != invalid:
            self.frame.setProperty("invalid", invalid)
            refresh_style(self.frame)

    # --- value -----------------------------------------------------------------------------

    def set_value(self, value: object) -> None:
        """Show the picture ``value`` (an ImageRef or None)."""
        ref = value if isinstance(value, ImageRef) else None
        self._ref = ref
        self.remove.setEnabled(ref is not None)
        self.crop.setEnabled(ref is not None)
        if ref is None:
            self.thumbnail.setPixmap(icon("image", "#9aa4ae").pixmap(36, 36))
            self.name.setText(self.tr("No picture"))
            self.details.setText(self.tr("Choose a JPEG, PNG or GIF, or drop one here."))
            return
        self.name.setText(ref.original_name or ref.filename)
        try:
            info = probe(self._thumbnails.images.get(ref), ref.original_name or ref.filename)
        except (KeyError, ComposerError):
            info = None
            self.details.setText(self.tr("The picture's data is missing; choose it again."))
        shown = ref.crop
        if info is not None:
            natural = (info.width, info.height)
            text = self.tr("{width} × {height} pixels").format(width=natural[0], height=natural[1])
            display_width = self._display_width()
            # An animated GIF is kept whole, whatever its place (see ``convert``).
            if display_width is not None and not (info.animated and info.format == "GIF"):
                shown = Framing.of(ref, display_width).crop_for(natural)
            width, height = Framing(crop=shown).shown_size(natural)
            if ref.crop is not None and (width, height) == natural:
                text += self.tr(", shown whole")  # chosen so, against an automatic crop
            elif ref.crop is not None:
                text += self.tr(", cropped to {width} × {height}").format(
                    width=width, height=height
                )
            elif shown is not None:
                text += self.tr(", shown as {width} × {height} to suit its place").format(
                    width=width, height=height
                )
            self.details.setText(text)
        # The thumbnail shows what the newsletter shows: the crop, chosen or automatic.
        pixmap = self._thumbnail(ref, shown)
        if pixmap.isNull():
            self.thumbnail.setText(self.tr("(missing)"))
        else:
            self.thumbnail.setPixmap(_on_checkerboard(pixmap))

    def _thumbnail(self, ref: ImageRef, crop: Crop | None) -> QPixmap:
        """The thumbnail of ``ref``, of the part ``crop`` shows (None: of all of it)."""
        if crop is None:
            return self._thumbnails.pixmap(ref, _THUMB)
        whole = self._thumbnails.pixmap(ref, _THUMB * _CROP_DETAIL)
        if whole.isNull():
            return whole
        left, top, right, bottom = crop.box((whole.width(), whole.height()))
        part = whole.copy(QRect(left, top, right - left, bottom - top))
        ratio = whole.devicePixelRatio()
        part = part.scaled(
            _THUMB * ratio,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        part.setDevicePixelRatio(ratio)
        return part

    def value(self) -> ImageRef | None:
        """The picture shown."""
        return self._ref

    # --- choosing --------------------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for a picture file and use it."""
        name = dialogs.image_file_name(self, self._folder())
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> bool:
        """Use the picture in ``path``; a file that cannot be used is explained at the field.

        Returns:
            True when the picture was taken.
        """
        self.note.hide()
        try:
            data = read_regular(path, MAX_IMAGE_BYTES)
        except FileTooLarge as exc:
            self.set_problem(
                self.tr(
                    "“{name}” is {size} MB; a newsletter can hold pictures "
                    "of up to {limit} MB. Reduce it in an image editor "
                    "first."
                ).format(
                    name=path.name, size=round(exc.size / 1e6), limit=MAX_IMAGE_BYTES // 1_000_000
                ),
                immediately=True,
            )
            return False
        except OSError as exc:
            self.set_problem(
                self.tr("Cannot read “{name}”: {reason}.").format(
                    name=path.name, reason=cannot_read(path, exc)
                ),
                immediately=True,
            )
            return False
        if not self.load_data(data, path.name):
            return False
        self._remember_folder(str(path.parent))
        return True

    def load_data(self, data: bytes, name: str) -> bool:
        """Use the picture ``data`` (a file's, or a pasted one's) by the same gate as a file.

        Returns:
            True when the picture was taken; else the field says why not.
        """
        self.note.hide()
        try:
            ref, info = self._add_image(data, name)
        except ComposerError as exc:
            self.set_problem(str(exc), immediately=True)
            return False
        self.set_problem(None)
        self.set_value(ref)
        if info.has_gps:
            self.note.setText(
                self.tr(
                    "This photo records where it was taken. That is "
                    "removed when the newsletter is exported."
                )
            )
            self.note.show()
        self.edited.emit(ref, False)
        return True

    # --- cropping --------------------------------------------------------------------------

    def crop_picture(self) -> None:
        """Open the crop dialog; what is chosen there becomes the picture's crop (undoably)."""
        ref = self._ref
        if ref is None:
            return
        name = ref.original_name or ref.filename
        try:
            data = self._thumbnails.images.get(ref)
            info = probe(data, name)
        except KeyError:
            self.set_problem(self.tr("The picture's data is missing; choose it again."), True)
            return
        except ComposerError as exc:
            self.set_problem(str(exc), immediately=True)
            return
        dialog = CropDialog(
            data, (info.width, info.height), ref.crop, ref.focus, self._display_width(), self
        )
        self.crop_dialog = dialog
        try:
            if dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted:
                return
            changed = ref.model_copy(update={"crop": dialog.crop(), "focus": dialog.focus()})
        finally:
            self.crop_dialog = None
            dialog.deleteLater()
        if changed != ref:
            self.set_value(changed)
            self.edited.emit(changed, False)

    def _remove(self) -> None:
        self.note.hide()
        self.set_problem(None)
        self.set_value(None)
        self.edited.emit(None, False)

    # --- drag and drop (Qt overrides) -------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Override: accept a file dragged from the file manager."""
        if _local_file(event) is not None:
            event.acceptProposedAction()
            self.frame.setProperty("dropping", True)
            refresh_style(self.frame)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        """Override: stop highlighting."""
        self.frame.setProperty("dropping", False)
        refresh_style(self.frame)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Override: use the dropped file."""
        self.frame.setProperty("dropping", False)
        refresh_style(self.frame)
        path = _local_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.load_file(path)
