"""The block actions as a user who clicks reaches them: Duplicate, Delete and Move follow the mouse.

A click makes a row current before it selects it, the keyboard selects before it makes current;
tests that set the current index in code took the keyboard's path only, and the actions stayed
disabled after a click (issue 12).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from composer.gui.main_window import MainWindow


def click_block(
    window: MainWindow,
    qtbot: QtBot,
    block_id: str,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Click the row of ``block_id`` in the block list, as a user does."""
    view = window.block_list
    index = window.model.row_of(block_id)
    assert index.isValid()
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, modifier, pos=view.visualRect(index).center()
    )


def enabled(window: MainWindow) -> dict[str, bool]:
    """Which of Duplicate, Delete, Move up and Move down the toolbar and menu offer."""
    menus = window.menus
    return {
        "duplicate": menus.duplicate_action.isEnabled(),
        "delete": menus.delete_action.isEnabled(),
        "up": menus.move_up_action.isEnabled(),
        "down": menus.move_down_action.isEnabled(),
    }


ALL = {"duplicate": True, "delete": True, "up": True, "down": True}
NONE = {"duplicate": False, "delete": False, "up": False, "down": False}


def ids(window: MainWindow) -> list[str]:
    return [block.id for block in window.open_document.document.blocks]


def press_ctrl_d(qtbot: QtBot) -> None:
    """Ctrl+D where the keyboard focus is, as the user presses it."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)


def test_a_clicked_block_can_be_duplicated_with_ctrl_d(window: MainWindow, qtbot: QtBot) -> None:
    assert ids(window)[:2] == ["masthead", "planet"]
    click_block(window, qtbot, "planet")
    assert window.selected_block_id() == "planet"
    assert enabled(window) == ALL
    assert QApplication.focusWidget() is window.block_list
    press_ctrl_d(qtbot)
    blocks = window.open_document.document.blocks
    assert len(blocks) == 6
    assert blocks[2].model_copy(update={"id": "planet"}) == blocks[1]
    assert window.selected_block_id() == blocks[2].id


def test_clicked_blocks_at_the_ends_offer_only_the_moves_they_can_make(
    window: MainWindow, qtbot: QtBot
) -> None:
    click_block(window, qtbot, "contact")
    assert ids(window)[-1] == "contact"
    assert enabled(window) == {**ALL, "down": False}
    click_block(window, qtbot, "masthead")
    assert enabled(window) == {**ALL, "up": False}
    click_block(window, qtbot, "office")
    qtbot.keyClick(window.block_list, Qt.Key.Key_Delete)
    assert "office" not in ids(window)


def test_a_click_below_the_blocks_keeps_the_selection_and_its_actions(
    window: MainWindow, qtbot: QtBot
) -> None:
    view = window.block_list
    click_block(window, qtbot, "planet")
    last = view.visualRect(window.model.row_of(ids(window)[-1]))
    below = QPoint(last.center().x(), last.bottom() + 40)
    assert below.y() < view.viewport().height()
    assert not view.indexAt(below).isValid()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=below)
    assert window.selected_block_id() == "planet"
    assert enabled(window) == ALL
    press_ctrl_d(qtbot)
    assert len(ids(window)) == 6


def test_ctrl_click_deselects_and_ctrl_d_then_does_nothing(
    window: MainWindow, qtbot: QtBot
) -> None:
    click_block(window, qtbot, "planet")
    click_block(window, qtbot, "planet", Qt.KeyboardModifier.ControlModifier)
    assert window.selected_block_id() is None
    assert enabled(window) == NONE
    press_ctrl_d(qtbot)
    assert len(ids(window)) == 5
    # Ctrl+click again selects the same row, which stays current throughout.
    click_block(window, qtbot, "planet", Qt.KeyboardModifier.ControlModifier)
    assert window.selected_block_id() == "planet"
    assert enabled(window) == ALL


def test_the_arrow_keys_after_a_click_move_the_actions_with_them(
    window: MainWindow, qtbot: QtBot
) -> None:
    click_block(window, qtbot, "office")
    qtbot.keyClick(window.block_list, Qt.Key.Key_Down)
    assert window.selected_block_id() == "contact"
    assert enabled(window) == {**ALL, "down": False}
    qtbot.keyClick(window.block_list, Qt.Key.Key_Home)
    assert window.selected_block_id() == "masthead"
    assert enabled(window) == {**ALL, "up": False}
    qtbot.keyClick(window.block_list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert ids(window)[1] == "masthead"
