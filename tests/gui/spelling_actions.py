"""What a user does with spelling in the window's fields, for the tests: look, right-click."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QImage, QTextCharFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QWidget
from pytestqt.logging import QtLoggingPlugin
from pytestqt.qtbot import QtBot

from composer.gui.fields import Field, LineField
from composer.gui.rich_text_editor import RichTextField
from composer.gui.spell_highlighter import LineSpelling


def line_of(field: Field) -> QLineEdit:
    assert isinstance(field, LineField)
    return field.line


def underlined(line: QLineEdit) -> list[str]:
    """The words underlined in a one-line field."""
    helper = line.findChild(LineSpelling)
    return [] if helper is None else [m.word for m in helper.misspellings()]


def red_pixels(widget: QWidget) -> int:
    """How many pixels of the underline colour the widget shows."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    colours = (image.pixelColor(x, y) for y in range(image.height()) for x in range(image.width()))
    # Red, also where antialiasing mixed it with the white around it.
    return sum(1 for c in colours if c.red() > c.green() + 60 and c.red() > c.blue() + 60)


def body_underlines(field: Field) -> list[str]:
    """The words underlined in a body, read from the layout the highlighter formats."""
    assert isinstance(field, RichTextField)
    words = []
    block = field.editor.document().begin()
    while block.isValid():
        for rng in block.layout().formats():
            if rng.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                words.append(block.text()[rng.start : rng.start + rng.length])
        block = block.next()
    return words


def right_click_and_choose(
    qtbot: QtBot, qtlog: QtLoggingPlugin, widget: QWidget, at: QPoint, choice: str | None
) -> list[str]:
    """Right-click ``widget`` at ``at``, click ``choice`` in the menu (None: Escape).

    Returns the texts of the menu's entries.
    """
    seen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(action.text() for action in menu.actions())
        if choice is None:
            qtbot.keyClick(menu, Qt.Key.Key_Escape)
            return
        action = next(action for action in menu.actions() if action.text() == choice)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    QTimer.singleShot(50, choose)
    # Through the window, as the platform delivers a click: Qt turns the right button's press
    # into the context-menu event (a click sent to the widget itself would not).
    window = widget.window()
    # A menu raises itself and grabs the keyboard, which the offscreen platform cannot do
    # and says so in warnings that are no failure.
    with qtlog.disabled():
        QTest.mouseClick(
            window.windowHandle(),
            Qt.MouseButton.RightButton,
            Qt.KeyboardModifier.NoModifier,
            widget.mapTo(window, at),
        )
    qtbot.waitUntil(lambda: bool(seen))
    return seen


def point_in_line(line: QLineEdit, word: str) -> QPoint:
    """Where a user clicks to hit ``word`` in a one-line field."""
    helper = line.findChild(LineSpelling)
    assert helper is not None
    index = [m.word for m in helper.misspellings()].index(word)
    left, right = helper.underline_spans()[index]
    return QPoint((left + right) // 2, line.height() // 2)


def point_in_body(field: Field, word: str) -> QPoint:
    assert isinstance(field, RichTextField)
    cursor = field.editor.document().find(word)
    cursor.setPosition(cursor.selectionStart() + 2)
    return field.editor.cursorRect(cursor).center()
