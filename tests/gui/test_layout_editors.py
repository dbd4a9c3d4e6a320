"""The new block types in the window: Insert menu entries, their editors, the button's options
and the showcase on the start page (issue 13)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from start_page_answers import click_on_start_page
from test_preview import run_js

from composer.gui import dialogs
from composer.gui.block_editors import (
    EDITORS,
    ButtonEditor,
    ColumnsEditor,
    LinksEditor,
    SideArticleEditor,
    SpacerEditor,
)
from composer.gui.block_list_model import KindNameRole
from composer.gui.fields import ChoiceField, ColourField, LineField
from composer.gui.main_window import MainWindow
from composer.gui.window_menus import with_mnemonics
from composer.i18n import gettext_for
from composer.model import BLOCK_KIND_NAMES, BLOCK_TYPES, ButtonBlock, ColumnsBlock

NEW_EDITORS = {
    "side": SideArticleEditor,
    "columns": ColumnsEditor,
    "spacer": SpacerEditor,
    "links": LinksEditor,
}


def mnemonic(text: str) -> str:
    index = text.index("&")
    return text[index + 1].lower()


def test_every_block_type_has_an_editor() -> None:
    assert set(EDITORS) == set(BLOCK_TYPES)


def test_insert_menu_entries_have_unique_mnemonics_in_both_languages(
    window: MainWindow,
) -> None:
    actions = [action for action in window.menus.insert_menu.actions() if not action.isSeparator()]
    assert {kind: window.menus.insert_actions[kind] in actions for kind in BLOCK_TYPES} == {
        kind: True for kind in BLOCK_TYPES
    }
    texts = [action.text() for action in actions]
    assert all(text.count("&") == 1 for text in texts)
    assert len({mnemonic(text) for text in texts}) == len(texts)
    swedish = gettext_for("sv")
    marked = with_mnemonics([swedish(BLOCK_KIND_NAMES[kind]) for kind in BLOCK_TYPES])
    assert len({mnemonic(text) for text in marked}) == len(marked)


@pytest.mark.parametrize("kind", list(NEW_EDITORS))
def test_insert_adds_the_block_with_its_editor_and_undo_takes_it_away(
    window: MainWindow, kind: str
) -> None:
    before = len(window.open_document.document.blocks)
    window.menus.insert_actions[kind].trigger()
    assert len(window.open_document.document.blocks) == before + 1
    assert isinstance(window.editor, NEW_EDITORS[kind])
    index = window.block_list.currentIndex()
    assert index.data(KindNameRole) == window.menus.insert_actions[kind].text().replace("&", "")
    window.menus.undo_action.trigger()
    assert len(window.open_document.document.blocks) == before


def current_button(window: MainWindow) -> ButtonBlock:
    assert window.editor is not None
    block = window.open_document.document.newsletter.block(window.editor.block_id)
    assert isinstance(block, ButtonBlock)
    return block


def choose(qtbot: QtBot, field: object, steps: int) -> None:
    """Pick an entry of a drop-down as a user does with the keyboard: focus, arrow down."""
    assert isinstance(field, ChoiceField)
    field.combo.setFocus()
    for _ in range(steps):
        qtbot.keyClick(field.combo, Qt.Key.Key_Down)


def test_the_button_editor_sets_each_option_and_undo_restores_it(
    qtbot: QtBot,
    window: MainWindow,
    type_text: Callable[[QWidget, str], None],
    wait_for_preview: Callable[[MainWindow], None],
) -> None:
    window.menus.insert_actions["button"].trigger()
    editor = window.editor
    assert isinstance(editor, ButtonEditor)
    label = editor.fields["label"]
    assert isinstance(label, LineField)
    label.line.setFocus()
    type_text(label.line, "Anmäl dig")
    url = editor.fields["url"]
    assert isinstance(url, LineField)
    url.line.setFocus()
    type_text(url.line, "https://example.eu/anmalan")
    choose(qtbot, editor.fields["style"], 2)
    choose(qtbot, editor.fields["align"], 1)
    choose(qtbot, editor.fields["width"], 1)
    colour = editor.fields["colour"]
    assert isinstance(colour, ColourField)
    colour.code.setFocus()
    type_text(colour.code, "#2e9e5b")
    button = current_button(window)
    assert (button.style, button.align, button.width, button.colour) == (
        "outline",
        "center",
        "full",
        "#2e9e5b",
    )
    wait_for_preview(window)
    assert "ko2e9e5b" in window.preview.last_html
    # One undo per choice: the colour goes first, then the width.
    window.menus.undo_action.trigger()
    assert current_button(window).colour == ""
    window.menus.undo_action.trigger()
    assert current_button(window).width == "fitted"
    assert current_button(window).align == "center"


def test_the_columns_editor_edits_both_columns(
    window: MainWindow,
    type_text: Callable[[QWidget, str], None],
    wait_for_preview: Callable[[MainWindow], None],
) -> None:
    window.menus.insert_actions["columns"].trigger()
    editor = window.editor
    assert isinstance(editor, ColumnsEditor)
    for path, text in (("first_headline", "Vänster"), ("second_headline", "Höger")):
        field = editor.fields[path]
        assert isinstance(field, LineField)
        field.line.setFocus()
        type_text(field.line, text)
    block = window.open_document.document.newsletter.block(editor.block_id)
    assert isinstance(block, ColumnsBlock)
    assert (block.first_headline, block.second_headline) == ("Vänster", "Höger")
    assert window.block_list.currentIndex().data() == "Vänster · Höger"
    wait_for_preview(window)
    assert window.preview.last_html.index("Vänster") < window.preview.last_html.index("Höger")


def test_the_start_page_offers_the_showcase(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    wait_for_preview: Callable[[MainWindow], None],
) -> None:
    monkeypatch.setattr(dialogs, "run_dialog", click_on_start_page("Showcase"))
    window.files.show_start_page()
    assert window.windowTitle().startswith("Showcase")
    kinds = {block.kind for block in window.open_document.document.blocks}
    assert kinds == set(BLOCK_TYPES)
    wait_for_preview(window)
    assert 'class="row"' in window.preview.last_html
    # Every picture shows in the preview, the links row's icons (the program's own) included.
    pane = window.preview
    loaded = "Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length"
    icons = "document.querySelectorAll('td.lr img').length"
    assert run_js(qtbot, pane, icons) == 12
    qtbot.waitUntil(
        lambda: run_js(qtbot, pane, loaded) == run_js(qtbot, pane, "document.images.length"),
        timeout=15_000,
    )


@pytest.mark.parametrize(("key", "kind"), [(Qt.Key.Key_8, "side"), (Qt.Key.Key_9, "columns")])
def test_ctrl_shift_8_and_9_insert_a_side_article_and_two_columns(
    window: MainWindow, qtbot: QtBot, key: Qt.Key, kind: str
) -> None:
    window.block_list.setFocus()
    before = len(window.open_document.document.blocks)
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.block_list, key, modifiers)
    blocks = window.open_document.document.blocks
    assert len(blocks) == before + 1
    assert isinstance(window.editor, NEW_EDITORS[kind])
