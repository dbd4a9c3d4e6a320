"""The saved-blocks library in the window: saved from the block list's menu, inserted from the
Insert menu (and undone with Ctrl+Z), managed in its dialog, offered on the start page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
)
from pytestqt.logging import QtLoggingPlugin
from pytestqt.qtbot import QtBot

from composer import block_library
from composer.block_library import LibraryFile
from composer.gui import dialogs
from composer.gui.library_dialog import BlockNameDialog, LibraryDialog, user_library
from composer.gui.main_window import MainWindow
from composer.gui.start_page import StartPage
from composer.gui.stored_settings import APPLICATION, ORGANISATION
from composer.model import ContactBlock, ImageStore, TextBlock
from tests.gui.spelling_actions import right_click_and_choose


def answering(*answers: Callable[[QDialog], None]) -> Callable[[QDialog], int]:
    """A run_dialog that shows each dialog and answers it in turn, as the user would."""
    queue = list(answers)

    def run(dialog: QDialog) -> int:
        dialog.show()
        queue.pop(0)(dialog)
        return dialog.result()

    return run


def button(dialog: QDialog, text: str) -> QPushButton:
    buttons = dialog.findChildren(QPushButton)
    return next(b for b in buttons if b.text().replace("&", "") == text)


def click_row(qtbot: QtBot, view: QListWidget, row: int) -> None:
    rect = view.visualItemRect(view.item(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_block(qtbot: QtBot, window: MainWindow, kind: str) -> None:
    view = window.block_list
    blocks = window.open_document.document.blocks
    row = next(row for row, block in enumerate(blocks) if block.kind == kind)
    index = window.model.index(row, 0)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def type_name(qtbot: QtBot, name: str) -> Callable[[QDialog], None]:
    def answer(dialog: QDialog) -> None:
        assert isinstance(dialog, BlockNameDialog)
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, name)
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    return answer


def press_ctrl_z(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Z in the block list, the window in front (a closed menu or dialog may leave
    another window active, and shortcuts go to the active one)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.block_list.setFocus()
    qtbot.keyClick(window.block_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def library(window: MainWindow, tmp_path: Path) -> LibraryFile:
    """The window's library, in the test's folder."""
    window.block_library.library = LibraryFile(tmp_path / "saved.blocks")
    return window.block_library.library


def test_save_from_the_block_menu_insert_from_the_insert_menu_and_undo(
    window: MainWindow,
    library: LibraryFile,
    qtbot: QtBot,
    qtlog: QtLoggingPlugin,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = window.open_document.document
    contact = next(b for b in document.blocks if isinstance(b, ContactBlock))
    assert contact.photo is not None
    seen_default: list[str] = []

    def name_it(dialog: QDialog) -> None:
        assert isinstance(dialog, BlockNameDialog)
        seen_default.append(dialog.name.text())
        type_name(qtbot, "Kontakt: Mikael")(dialog)

    monkeypatch.setattr(dialogs, "run_dialog", answering(name_it))
    click_block(qtbot, window, "contact")
    view = window.block_list
    row = window.model.row_of(contact.id)
    entries = right_click_and_choose(
        qtbot, qtlog, view, view.visualRect(row).center(), "Save Block to &Library…"
    )
    qtbot.waitUntil(lambda: bool(library.read().entries))
    assert "Save Block to &Library…" in entries
    assert seen_default == ["Mikael Janson"]
    [entry] = library.read().entries
    assert (entry.name, entry.kind) == ("Kontakt: Mikael", "contact")
    assert library.read().images.get(contact.photo) == document.images.get(contact.photo)
    assert "Saved “Kontakt: Mikael” to the library" in window.statusBar().currentMessage()

    # Insert → From Library… (through the side panel's Add block button), after the masthead.
    def choose_in_library(dialog: QDialog) -> None:
        assert isinstance(dialog, LibraryDialog)
        assert dialog.entry_list.item(0).text() == (
            "Kontakt: Mikael\nContact · North Sweden European Office · mikael.janson@northsweden.eu"
        )
        click_row(qtbot, dialog.entry_list, 0)
        qtbot.mouseClick(button(dialog, "Insert"), Qt.MouseButton.LeftButton)

    monkeypatch.setattr(dialogs, "run_dialog", answering(choose_in_library))
    click_block(qtbot, window, "masthead")
    before = [b.id for b in document.blocks]

    def choose_from_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next(a for a in menu.actions() if a.text() == "&From Library…")
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    QTimer.singleShot(50, choose_from_menu)
    add = window.findChild(QToolButton, "addBlockButton")
    with qtlog.disabled():
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(document.blocks) == len(before) + 1)
    inserted = document.blocks[1]
    assert isinstance(inserted, ContactBlock)
    assert inserted.id not in before
    assert inserted.model_copy(update={"id": contact.id}) == contact
    assert window.selected_block_id() == inserted.id
    assert window.open_document.undo_stack.undoText() == "Insert “Kontakt: Mikael” from the Library"

    press_ctrl_z(qtbot, window)
    assert [b.id for b in document.blocks] == before


def test_save_is_offered_only_with_a_block_selected(window: MainWindow, qtbot: QtBot) -> None:
    window.show_settings()
    assert not window.block_library.save_action.isEnabled()
    click_block(qtbot, window, "text")
    assert window.block_library.save_action.isEnabled()
    edit_entries = [a.text() for a in window.menus.edit_menu.actions()]
    insert_entries = [a.text() for a in window.menus.insert_menu.actions()]
    assert "Save Block to &Library…" in edit_entries
    assert "&From Library…" in insert_entries


def test_the_dialog_renames_deletes_exports_and_imports(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = LibraryFile(tmp_path / "mine.blocks")
    library.save_block(
        "Kontoret", TextBlock(heading="Kontoret", body="<p>Vi finns.</p>"), ImageStore()
    )
    library.save_block("Knapp", TextBlock(heading="Läs mer"), ImageStore())
    colleague = LibraryFile(tmp_path / "colleague.blocks")
    colleague.save_block("Deras", TextBlock(heading="Deras"), ImageStore())
    dialog = LibraryDialog(library, str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.entry_list.item(0).text() == "Kontoret\nText · Kontoret · Vi finns."

    monkeypatch.setattr(dialogs, "run_dialog", answering(type_name(qtbot, "Kontoret i Bryssel")))
    click_row(qtbot, dialog.entry_list, 0)
    qtbot.mouseClick(button(dialog, "Rename…"), Qt.MouseButton.LeftButton)
    assert [e.name for e in library.read().entries] == ["Kontoret i Bryssel", "Knapp"]
    assert dialog.entry_list.item(0).text().startswith("Kontoret i Bryssel\n")

    def confirm(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        assert box.text() == "Delete “Knapp” from the library?"
        next(b for b in box.buttons() if b.text() == "Delete").click()

    monkeypatch.setattr(dialogs, "run_dialog", answering(confirm))
    click_row(qtbot, dialog.entry_list, 1)
    qtbot.mouseClick(button(dialog, "Delete"), Qt.MouseButton.LeftButton)
    assert [e.name for e in library.read().entries] == ["Kontoret i Bryssel"]
    assert dialog.entry_list.count() == 1

    target = tmp_path / "office.blocks"
    monkeypatch.setattr(dialogs, "library_file_name", lambda parent, folder, save: str(target))
    qtbot.mouseClick(button(dialog, "Export…"), Qt.MouseButton.LeftButton)
    assert [e.name for e in block_library.read_library(target).entries] == ["Kontoret i Bryssel"]
    assert dialog.message.text().startswith("Wrote the library (1 in all) to “office.blocks”")

    monkeypatch.setattr(
        dialogs, "library_file_name", lambda parent, folder, save: str(colleague.path)
    )
    qtbot.mouseClick(button(dialog, "Import…"), Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Added to your library: Deras."
    assert dialog.entry_list.count() == 2

    # Enter on a saved block inserts it.
    click_row(qtbot, dialog.entry_list, 1)
    qtbot.keyClick(dialog.entry_list, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen == library.read().entries[1].id


def test_a_damaged_library_is_said_in_the_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "bad.blocks").write_bytes(b"not a zip")
    dialog = LibraryDialog(LibraryFile(tmp_path / "bad.blocks"), str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.message.text().startswith("Cannot read the block library “bad.blocks”")
    assert not dialog.insert_button.isEnabled()


def test_the_window_and_the_command_line_share_the_library(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    names = (QCoreApplication.organizationName(), QCoreApplication.applicationName())
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    try:
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        assert Path(location) == block_library.data_folder()
        assert user_library().path == block_library.library_path()
    finally:
        QCoreApplication.setOrganizationName(names[0])
        QCoreApplication.setApplicationName(names[1])


def test_the_start_page_starts_a_blank_newsletter_with_ticked_saved_blocks(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    sample = window.open_document.document
    contact = next(b for b in sample.blocks if isinstance(b, ContactBlock))
    intro = next(b for b in sample.blocks if isinstance(b, TextBlock))
    library = user_library()
    library.save_block("Kontoret", intro, sample.images)
    library.save_block("Mikael", contact, sample.images)
    window.block_library.library = library

    def tick_mikael(page: QDialog) -> None:
        assert isinstance(page, StartPage)
        blank_with = button(page, "Blank with Ticked Blocks")
        assert not blank_with.isEnabled()
        assert page.saved_list.count() == 2
        click_row(qtbot, page.saved_list, 1)
        qtbot.keyClick(page.saved_list, Qt.Key.Key_Space)
        assert blank_with.isEnabled()
        qtbot.mouseClick(blank_with, Qt.MouseButton.LeftButton)

    monkeypatch.setattr(dialogs, "run_dialog", answering(tick_mikael))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    document = window.open_document.document
    assert window.open_document.display_name == "Untitled"
    assert [b.kind for b in document.blocks] == ["masthead", "contact"]
    new = document.blocks[1]
    assert isinstance(new, ContactBlock) and new.photo is not None
    assert document.images.get(new.photo) == sample.images.get(contact.photo)  # type: ignore[arg-type]
    assert window.isWindowModified()
    press_ctrl_z(qtbot, window)
    assert [b.kind for b in document.blocks] == ["masthead"]
