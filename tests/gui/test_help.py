"""The Help menu: the user guide in the window's language, and every keyboard shortcut listed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QImage, QKeySequence, QTextDocument
from PySide6.QtWidgets import QApplication, QMenu, QTreeWidget
from pytestqt.qtbot import QtBot

from composer.gui.app import install_translators
from composer.gui.help import GuideWindow, ShortcutsWindow, guide_resource, strip_mnemonic
from composer.gui.main_window import MainWindow
from composer.i18n import set_ui_language
from composer.package_data import read_resource_bytes

#: A menu path as the guide writes it: **File → Export → As a Zip for an Email Service…**
MENU_PATH = re.compile(r"\*\*([^*]+?→[^*]+?)\*\*")


@pytest.fixture
def swedish(qapp: QApplication) -> Iterator[None]:
    """Swedish chosen at start-up; request it before ``make_window``."""
    translators = install_translators(qapp, "sv")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    set_ui_language(None)


def help_menu(window: MainWindow) -> QMenu:
    """The last menu of the menu bar, where every program keeps its help."""
    menu = window.menuBar().actions()[-1].menu()
    assert isinstance(menu, QMenu)
    return menu


def menu_entry(menu: QMenu, text: str) -> QAction:
    """The entry of ``menu`` that reads ``text``."""
    for action in menu.actions():
        if strip_mnemonic(action.text()) == text:
            return action
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def open_guide(window: MainWindow, entry: str) -> GuideWindow:
    menu_entry(help_menu(window), entry).trigger()
    guide = window.findChild(GuideWindow)
    assert guide is not None and guide.isVisible()
    return guide


def pictures_shown(guide: GuideWindow) -> dict[str, QImage]:
    """Every picture in the guide's text, as the text view loaded it."""
    document = guide.browser.document()
    pictures = {}
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isImageFormat():
                name = fragment.charFormat().toImageFormat().name()
                image = document.resource(QTextDocument.ResourceType.ImageResource.value, name)
                pictures[name] = image
            it += 1
        block = block.next()
    return pictures


def test_help_user_guide_shows_the_guide_with_its_pictures(window: MainWindow) -> None:
    guide = open_guide(window, "User Guide")
    assert guide.windowTitle() == "Newsletter Composer User Guide"
    text = guide.browser.toPlainText()
    assert "Newsletter Composer: user guide" in text
    assert "Click a finding" in text
    pictures = pictures_shown(guide)
    assert "images/checks.en.png" in pictures
    for name, image in pictures.items():
        assert isinstance(image, QImage) and not image.isNull(), name
        # Scaled to fit the window, never wider.
        assert image.width() / image.devicePixelRatio() <= 760, name


def test_f1_opens_the_guide_and_a_second_time_brings_the_same_one_up(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClick(window.block_list, Qt.Key.Key_F1)
    first = window.findChild(GuideWindow)
    assert first is not None and first.isVisible()
    qtbot.keyClick(window.block_list, Qt.Key.Key_F1)
    assert window.findChildren(GuideWindow) == [first]
    qtbot.waitUntil(first.isActiveWindow)  # in front, where the keys go
    qtbot.keyClick(first.browser, Qt.Key.Key_Escape)
    assert not first.isVisible()


def test_a_link_of_the_contents_scrolls_to_its_section(window: MainWindow, qtbot: QtBot) -> None:
    guide = open_guide(window, "User Guide")
    guide.resize(800, 600)
    qtbot.waitExposed(guide)
    browser = guide.browser
    assert browser.verticalScrollBar().value() == 0
    document = browser.document()
    block = document.begin()
    while block.text() != "The checks" or block.blockFormat().headingLevel() != 2:
        block = block.next()
        assert block.isValid(), "no heading 'The checks'"
    top = document.documentLayout().blockBoundingRect(block).top()
    browser.anchorClicked.emit(QUrl("#the-checks"))  # a click on the contents' link
    # The section's heading is now at the top of the view.
    assert abs(browser.verticalScrollBar().value() - top) < 40


def test_a_swedish_window_shows_the_swedish_guide(
    swedish: None, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    guide = open_guide(window, "Användarhandbok")
    assert guide.windowTitle() == "Användarhandbok för Newsletter Composer"
    text = guide.browser.toPlainText()
    assert "Newsletter Composer: användarhandbok" in text
    assert "Klicka på en anmärkning" in text
    pictures = pictures_shown(guide)
    assert pictures and all(name.endswith(".sv.png") for name in pictures)
    assert all(not image.isNull() for image in pictures.values())


def test_the_help_menu_entries_have_access_keys_of_their_own(
    swedish: None, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    texts = [action.text() for action in help_menu(window).actions() if action.text()]
    assert texts[:2] == ["&Användarhandbok", "&Kortkommandon"]
    keys = [re.findall(r"&(\w)", text)[0].lower() for text in texts]
    assert len(set(keys)) == len(keys), texts


def menu_paths(menu: QMenu, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for action in menu.actions():
        path = (*prefix, strip_mnemonic(action.text()))
        yield path
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from menu_paths(submenu, path)


def window_menu_paths(window: MainWindow) -> set[tuple[str, ...]]:
    paths = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        paths.add((strip_mnemonic(menu.title()),))
        paths.update(menu_paths(menu, (strip_mnemonic(menu.title()),)))
    return paths


def guide_menu_paths(language: str) -> set[tuple[str, ...]]:
    text = read_resource_bytes(guide_resource(language)).decode()
    return {tuple(part.strip() for part in found.split("→")) for found in MENU_PATH.findall(text)}


def test_every_menu_the_english_guide_names_is_in_the_window(window: MainWindow) -> None:
    named = guide_menu_paths("en")
    assert ("File", "Export", "As a Zip for an Email Service…") in named
    assert named - window_menu_paths(window) == set()


def test_every_menu_the_swedish_guide_names_is_in_the_swedish_window(
    swedish: None, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    named = guide_menu_paths("sv")
    assert ("Arkiv", "Exportera", "Som zip-fil för en e-posttjänst…") in named
    assert named - window_menu_paths(window) == set()


def shortcut_rows(shortcuts: ShortcutsWindow) -> list[tuple[str, str, str]]:
    tree = shortcuts.findChild(QTreeWidget, "shortcutList")
    assert tree is not None
    rows = []
    for index in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(index)
        rows.append((item.text(0), item.text(1), item.text(2)))
    return rows


def all_menu_actions(window: MainWindow) -> Iterator[QAction]:
    def walk(menu: QMenu) -> Iterator[QAction]:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                yield from walk(submenu)
            else:
                yield action

    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        yield from walk(menu)


def open_shortcuts(window: MainWindow) -> ShortcutsWindow:
    menu_entry(help_menu(window), "Keyboard Shortcuts").trigger()
    shortcuts = window.findChild(ShortcutsWindow)
    assert shortcuts is not None and shortcuts.isVisible()
    return shortcuts


def test_keyboard_shortcuts_lists_every_shortcut_of_the_menus(window: MainWindow) -> None:
    rows = shortcut_rows(open_shortcuts(window))
    keys_listed = {keys for _name, keys, _where in rows}
    native = QKeySequence.SequenceFormat.NativeText
    in_menus = [action for action in all_menu_actions(window) if action.shortcuts()]
    assert len(in_menus) > 20
    for action in in_menus:
        for keys in action.shortcuts():
            assert any(keys.toString(native) in listed.split(", ") for listed in keys_listed), (
                action.text()
            )
    # Named as the menus name them; Undo without what it would undo now.
    assert ("Save As…", "Ctrl+Shift+S", "Anywhere") in rows
    assert ("Undo", "Ctrl+Z", "Anywhere") in rows
    assert ("User Guide", "F1", "Anywhere") in rows
    # Keys that act only in the block list say so; the text's formatting keys are there too.
    assert ("Delete Block", "Del", "Blocks") in rows
    assert ("Bold", "Ctrl+B", "Text with formatting") in rows
    # Grouped under the menus' names.
    assert [name for name, keys, _where in rows if not keys][:5] == [
        "File",
        "Edit",
        "Insert",
        "View",
        "Help",
    ]


def test_the_shortcut_list_is_made_from_the_window_not_kept_by_hand(
    window: MainWindow,
) -> None:
    shortcuts = open_shortcuts(window)
    assert not any(name == "Zoom In" for name, _keys, _where in shortcut_rows(shortcuts))
    zoom = QAction("Zoom &In", window)
    zoom.setShortcut(QKeySequence("Ctrl+Alt+I"))
    window.menuBar().actions()[3].menu().addAction(zoom)  # type: ignore[union-attr]
    reopened = open_shortcuts(window)
    assert reopened is shortcuts
    assert ("Zoom In", "Ctrl+Alt+I", "Anywhere") in shortcut_rows(reopened)
