"""Small pictures of the document's images for the block list and the image fields."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap

from composer.gui.open_document import DocumentHolder
from composer.model import ImageRef, ImageStore


class ThumbnailCache:
    """Decodes each image once per size, scaled while decoding (JPEGs are never read in full).

    Images are named by their content's hash, so a thumbnail stays right whichever document
    is open; the cache reads the pictures of the one open now.

    Args:
        holder: the open document.
    """

    def __init__(self, holder: DocumentHolder) -> None:
        self._holder = holder
        self._pixmaps: dict[tuple[str, int, int, bool], QPixmap] = {}

    @property
    def images(self) -> ImageStore:
        """The pictures of the open document."""
        return self._holder.current.document.images

    def pixmap(
        self, ref: ImageRef, size: QSize, crop: bool = False, device_pixel_ratio: float = 2.0
    ) -> QPixmap:
        """``ref`` fitted into ``size`` (or filling it, cropped); a null pixmap if unreadable."""
        key = (ref.sha256, size.width(), size.height(), crop)
        cached = self._pixmaps.get(key)
        if cached is not None:
            return cached
        pixmap = self._decode(ref, size, crop, device_pixel_ratio)
        self._pixmaps[key] = pixmap
        return pixmap

    def _decode(self, ref: ImageRef, size: QSize, crop: bool, ratio: float) -> QPixmap:
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
        if natural.isValid() and not natural.isEmpty():
            mode = (
                Qt.AspectRatioMode.KeepAspectRatioByExpanding
                if crop
                else Qt.AspectRatioMode.KeepAspectRatio
            )
            scaled = natural.scaled(target, mode)
            if scaled.width() < natural.width():
                reader.setScaledSize(scaled)
        image: QImage = reader.read()
        if image.isNull():
            return QPixmap()
        if image.width() > target.width() or image.height() > target.height():
            mode = (
                Qt.AspectRatioMode.KeepAspectRatioByExpanding
                if crop
                else Qt.AspectRatioMode.KeepAspectRatio
            )
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
