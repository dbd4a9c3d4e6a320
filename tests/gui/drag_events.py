"""Drag events as a drag from another window delivers them, on every PySide6 the project allows.

PySide6 6.12 added the QPointF forms of QDragEnterEvent and QDragMoveEvent and deprecated the
QPoint ones (an error under the tests' ``filterwarnings``); the PySide6 below 6.12 that Python
3.11 is held to has the QPoint forms only. QDropEvent takes a QPointF in both.
"""

from __future__ import annotations

import PySide6
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent

#: Whether this PySide6 has the QPointF forms (and deprecates the QPoint ones).
HAS_POINTF_FORMS = tuple(PySide6.__version_info__[:2]) >= (6, 12)

LEFT = Qt.MouseButton.LeftButton
NO_KEYS = Qt.KeyboardModifier.NoModifier


def drag_enter(position: QPointF, actions: Qt.DropAction, mime: QMimeData) -> QDragEnterEvent:
    """A drag entering a widget at ``position``, with the left button held."""
    if HAS_POINTF_FORMS:
        return QDragEnterEvent(position, actions, mime, LEFT, NO_KEYS)
    return QDragEnterEvent(position.toPoint(), actions, mime, LEFT, NO_KEYS)


def drag_move(position: QPointF, actions: Qt.DropAction, mime: QMimeData) -> QDragMoveEvent:
    """A drag moving over a widget at ``position``, with the left button held."""
    if HAS_POINTF_FORMS:
        return QDragMoveEvent(position, actions, mime, LEFT, NO_KEYS)
    return QDragMoveEvent(position.toPoint(), actions, mime, LEFT, NO_KEYS)
