"""The window's icons: the packaged line drawings, tinted, and the coloured block-type tiles."""

from __future__ import annotations

import functools
from typing import Final

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from composer.package_data import read_resource_bytes

#: The colour of block tiles without a colour of their own; disabled icons are drawn lighter.
INK: Final = "#3b4652"
_DISABLED_INK: Final = "#aab2bb"
#: One colour per block type, so the list can be scanned by colour as well as by text.
BLOCK_COLOURS: Final = {
    "masthead": "#1f5c99",
    "article": "#2e7d5b",
    "image": "#b0562a",
    "text": "#6b5b95",
    "contact": "#a23b72",
    "button": "#a87400",
    "divider": "#66727f",
    "side": "#2f7a8a",
    "columns": "#4a6fa5",
    "spacer": "#7d8791",
    "links": "#8a5a2b",
}
_SIZES: Final = (16, 20, 24, 32, 48)


def _renderer(name: str, colour: str) -> QSvgRenderer:
    svg = read_resource_bytes(f"icons/{name}.svg").replace(b"currentColor", colour.encode())
    return QSvgRenderer(QByteArray(svg))


def _pixmap(renderer: QSvgRenderer, size: int, margin: float = 0.0) -> QPixmap:
    # Drawn at twice the size so that icons stay sharp on high-density screens.
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    pixmap.setDevicePixelRatio(2.0)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.end()
    return pixmap


def icon(name: str, colour: str = "") -> QIcon:
    """The packaged icon ``name`` (``icons/<name>.svg``) drawn in ``colour``.

    Without a colour, in the palette's button text, so that icons stay visible on a dark or
    high-contrast system theme.
    """
    if not colour:
        colour = QGuiApplication.palette().color(QPalette.ColorRole.ButtonText).name()
    return _tinted_icon(name, colour)


@functools.cache
def _tinted_icon(name: str, colour: str) -> QIcon:
    normal = _renderer(name, colour)
    disabled = _renderer(name, _DISABLED_INK)
    result = QIcon()
    for size in _SIZES:
        result.addPixmap(_pixmap(normal, size), QIcon.Mode.Normal)
        result.addPixmap(_pixmap(disabled, size), QIcon.Mode.Disabled)
    return result


@functools.cache
def block_icon(kind: str) -> QIcon:
    """A white drawing of the block type on a tile of the type's colour."""
    renderer = _renderer(kind, "#ffffff")
    result = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(size * 2, size * 2)
        pixmap.fill(Qt.GlobalColor.transparent)
        pixmap.setDevicePixelRatio(2.0)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(BLOCK_COLOURS.get(kind, INK)))
        painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.22, size * 0.22)
        margin = size * 0.2
        renderer.render(painter, QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
        painter.end()
        result.addPixmap(pixmap)
    return result
