"""A row of two groups that puts the second above the first when the row is too narrow.

At 200 % or with a large font, a bar of tabs and buttons no longer fits a narrow pane; rather
than squeezing its texts to nothing, the row becomes two rows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QWidget


class WrappingRow(QWidget):
    """``first`` at the left and ``second`` at the right, or ``second`` over ``first``.

    Args:
        first: the group at the left (or the lower one when wrapped).
        second: the group at the right (or the upper one, aligned right, when wrapped).
    """

    def __init__(self, first: QWidget, second: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first = first
        self._second = second
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setSpacing(4)
        self.row.addWidget(first, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.row.addStretch(1)
        self.row.addWidget(second, 0, Qt.AlignmentFlag.AlignRight)

    def minimumSizeHint(self) -> QSize:
        """Override: as narrow as the wider group, the other then under it."""
        margins = self.row.contentsMargins()
        width = max(self._first.minimumSizeHint().width(), self._second.minimumSizeHint().width())
        height = super().minimumSizeHint().height()
        return QSize(width + margins.left() + margins.right(), height)

    def wrapped(self) -> bool:
        """Whether the groups are on two rows."""
        return self.row.direction() == QBoxLayout.Direction.BottomToTop

    def _needed(self) -> int:
        margins = self.row.contentsMargins()
        return (
            self._first.sizeHint().width()
            + self._second.sizeHint().width()
            + self.row.spacing()
            + margins.left()
            + margins.right()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Override: two rows when one is too narrow for both groups."""
        super().resizeEvent(event)
        direction = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= self._needed()
            else QBoxLayout.Direction.BottomToTop
        )
        if self.row.direction() != direction:
            self.row.setDirection(direction)
