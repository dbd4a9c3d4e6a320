"""Small pictures of the document's images for the block list and the image fields.

A thumbnail can show a picture as the email frames it (``composer.images.Framing``: the
user's crop, or the automatic crop of a tall picture in a wide slot); the framing is part of
the cache's key, so a new crop is a new thumbnail, and undoing it finds the old one again.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader, QPixmap

from composer.gui.open_document import DocumentHolder
from composer.images import WHOLE, Framing
from composer.model import Crop, ImageRef, ImageStore


class ThumbnailCache:
    """Decodes each image once per size, scaled while decoding (JPEGs are never read in full).

    Images are named by their content's hash, so a thumbnail stays right whichever document
    is open; the cache reads the pictures of the one open now.

    Args:
        holder: the open document.
    """

    def __init__(self, holder: DocumentHolder) -> None:
        self._holder = holder
        self._pixmaps: dict[tuple[str, int, int, bool, str], QPixmap] = {}

    @property
    def images(self) -> ImageStore:
        """The pictures of the open document."""
        return self._holder.current.document.images

    def pixmap(
        self,
        ref: ImageRef,
        size: QSize,
        crop: bool = False,
        device_pixel_ratio: float = 2.0,
        framing: Framing = WHOLE,
    ) -> QPixmap:
        """``ref`` fitted into ``size`` (or filling it, cropped); a null pixmap if unreadable.

        Args:
            ref: the picture.
            size: the box, in device-independent pixels.
            crop: fill the box, cutting what overflows in the middle (else fit into it).
            device_pixel_ratio: the screen's pixels per device-independent pixel.
            framing: the part of the picture shown (WHOLE: all of it). An animated GIF is
                shown whole whatever its framing, as the email keeps it whole.
        """
        key = (ref.sha256, size.width(), size.height(), crop, framing.key)
        cached = self._pixmaps.get(key)
        if cached is not None:
            return cached
        pixmap = self._decode(ref, size, crop, device_pixel_ratio, framing)
        self._pixmaps[key] = pixmap
        return pixmap

    def _decode(
        self, ref: ImageRef, size: QSize, crop: bool, ratio: float, framing: Framing
    ) -> QPixmap:
        try:
            data = self.images.get(ref)
        except KeyError:
            return QPixmap()
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        reader.setAutoTransform(True)  # upright by EXIF, as the email will show it
        natural = reader.size()
        target = QSize(round(size.width() * ratio), round(size.height() * ratio))
        mode = (
            Qt.AspectRatioMode.KeepAspectRatioByExpanding
            if crop
            else Qt.AspectRatioMode.KeepAspectRatio
        )
        part: Crop | None = None
        if natural.isValid() and not natural.isEmpty():
            upright = (natural.width(), natural.height())
            if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
                upright = upright[::-1]
            animated = reader.format().data() == b"gif" and reader.imageCount() > 1
            part = None if animated else framing.crop_for(upright)
            # Decoded just large enough that the part shown still fills the target.
            shown = QSize(*Framing(crop=part).shown_size(upright))
            factor = shown.scaled(target, mode).width() / shown.width()
            if factor < 1:
                reader.setScaledSize(
                    QSize(
                        max(1, math.ceil(natural.width() * factor)),
                        max(1, math.ceil(natural.height() * factor)),
                    )
                )
        image: QImage = reader.read()
        if image.isNull():
            return QPixmap()
        if part is not None:
            left, top, right, bottom = part.box((image.width(), image.height()))
            image = image.copy(QRect(left, top, right - left, bottom - top))
        if image.width() > target.width() or image.height() > target.height():
            image = image.scaled(target, mode, Qt.TransformationMode.SmoothTransformation)
        if crop:
            x = max(0, (image.width() - target.width()) // 2)
            y = max(0, (image.height() - target.height()) // 2)
            image = image.copy(
                QRect(
                    x, y, min(target.width(), image.width()), min(target.height(), image.height())
                )
            )
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        return pixmap
