"""Spelling in the fields, used as a user does: type, see the red line, right-click, choose."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QVBoxLayout, QWidget
from pytestqt.logging import QtLoggingPlugin
from pytestqt.qtbot import QtBot
from spelling_actions import (
    body_underlines,
    line_of,
    point_in_body,
    point_in_line,
    red_pixels,
    right_click_and_choose,
    underlined,
)

from composer.gui.app import install_translators
from composer.gui.fields import LineField
from composer.gui.rich_text_editor import RichTextField
from composer.gui.spell_highlighter import (
    LineSpelling,
    SpellingService,
    spell_check_fields,
)
from composer.i18n import set_ui_language
from composer.spelling import WORD_LIST_NAME


@pytest.fixture
def service(qtbot: QtBot, tmp_path: Path) -> Iterator[SpellingService]:
    """The window's spelling, with a word list in the test's folder, checking Swedish."""
    spelling = SpellingService(tmp_path / "data")
    spelling.set_language("sv")
    spelling.wait()
    qtbot.waitUntil(lambda: spelling.ready)
    yield spelling
    spelling.close()


@pytest.fixture
def form(qtbot: QtBot, service: SpellingService) -> Iterator[dict[str, LineField | RichTextField]]:
    """An article's headline, signature and body, spell-checked as the article editor does."""
    fields: dict[str, LineField | RichTextField] = {
        "headline": LineField(),
        "signature": LineField(),
        "body": RichTextField(),
    }
    page = QWidget()
    layout = QVBoxLayout(page)
    for field in fields.values():
        layout.addWidget(field)
    spell_check_fields(fields, "article", service)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(700, 500)
    page.show()
    qtbot.waitExposed(page)
    yield fields
    page.close()


# --- one-line fields -----------------------------------------------------------------------


def test_a_misspelt_word_is_underlined_in_red_once_typed(
    qtbot: QtBot,
    form: dict[str, LineField | RichTextField],
    type_text: Callable[[QWidget, str], None],
) -> None:
    line = line_of(form["headline"])
    line.setFocus()
    type_text(line, "Planet i Bryssell")
    # Still being typed: not called wrong yet.
    assert underlined(line) == []
    assert red_pixels(line) == 0
    type_text(line, " idag")
    assert underlined(line) == ["Bryssell"]
    assert red_pixels(line) > 10


def test_names_merge_tags_and_links_are_not_underlined(
    qtbot: QtBot, form: dict[str, LineField | RichTextField]
) -> None:
    line = line_of(form["headline"])
    qtbot.keyClicks(line, "Hej *|FNAME|*, se www.northsweden.eu och SERN i Norrbotten ")
    assert underlined(line) == []
    assert red_pixels(line) == 0


def test_names_fields_are_not_checked(
    qtbot: QtBot, form: dict[str, LineField | RichTextField]
) -> None:
    line = line_of(form["signature"])
    qtbot.keyClicks(line, "Johan Leymannn ")
    assert line.findChild(LineSpelling) is None
    assert red_pixels(line) == 0


def test_right_click_offers_suggestions_and_replaces_the_word(
    qtbot: QtBot, qtlog: QtLoggingPlugin, form: dict[str, LineField | RichTextField]
) -> None:
    field = form["headline"]
    line = line_of(field)
    qtbot.keyClicks(line, "Planet i Bryssell idag")
    edits: list[object] = []
    field.edited.connect(lambda value, _typing: edits.append(value))
    entries = right_click_and_choose(qtbot, qtlog, line, point_in_line(line, "Bryssell"), "Bryssel")
    assert entries[:2] == ["Bryssel", "Bryssels"]
    assert {"Add to Dictionary", "Ignore"} <= set(entries)
    # Above the line's own entries.
    assert entries.index("Ignore") < next(i for i, e in enumerate(entries) if "Copy" in e)
    assert line.text() == "Planet i Bryssel idag"
    # The field tells its editor, as for any edit the user makes.
    assert edits == ["Planet i Bryssel idag"]
    assert underlined(line) == []


def test_add_to_dictionary_keeps_the_word_in_the_users_word_list(
    qtbot: QtBot,
    qtlog: QtLoggingPlugin,
    form: dict[str, LineField | RichTextField],
    service: SpellingService,
    tmp_path: Path,
) -> None:
    line = line_of(form["headline"])
    qtbot.keyClicks(line, "Leymanns rapport")
    right_click_and_choose(qtbot, qtlog, line, point_in_line(line, "Leymanns"), "Add to Dictionary")
    assert underlined(line) == []
    words = (tmp_path / "data" / WORD_LIST_NAME).read_text(encoding="utf-8").splitlines()
    assert words[1:] == ["Leymanns"]
    # The body sees the word as right too.
    qtbot.keyClicks(line_of(form["headline"]), " ")
    assert service.checker.is_correct("Leymanns", "sv")


def test_ignore_accepts_the_word_without_writing_it_down(
    qtbot: QtBot, qtlog: QtLoggingPlugin, form: dict[str, LineField | RichTextField], tmp_path: Path
) -> None:
    line = line_of(form["headline"])
    qtbot.keyClicks(line, "Romagnolo idag")
    right_click_and_choose(qtbot, qtlog, line, point_in_line(line, "Romagnolo"), "Ignore")
    assert underlined(line) == []
    assert not (tmp_path / "data" / WORD_LIST_NAME).exists()


def test_a_word_spelt_right_gets_the_usual_menu(
    qtbot: QtBot, qtlog: QtLoggingPlugin, form: dict[str, LineField | RichTextField]
) -> None:
    line = line_of(form["headline"])
    qtbot.keyClicks(line, "Planet")
    entries = right_click_and_choose(qtbot, qtlog, line, QPoint(8, line.height() // 2), None)
    assert any("Copy" in entry for entry in entries) and "Add to Dictionary" not in entries


def test_the_newsletters_language_decides(
    qtbot: QtBot, form: dict[str, LineField | RichTextField], service: SpellingService
) -> None:
    line = line_of(form["headline"])
    qtbot.keyClicks(line, "The projektet begins ")
    assert underlined(line) == ["begins"]
    service.set_language("en")
    service.wait()
    qtbot.waitUntil(lambda: underlined(line) == ["projektet"])


# --- the body ------------------------------------------------------------------------------


def test_the_body_underlines_misspelt_words_but_saves_none_of_it(
    qtbot: QtBot, form: dict[str, LineField | RichTextField]
) -> None:
    field = form["body"]
    assert isinstance(field, RichTextField)
    field.editor.setFocus()
    qtbot.keyClicks(field.editor, "Ett sammarbetsprojekt i Norrbotten")
    # The last word is being typed; the first misspelt one is marked.
    assert body_underlines(field) == ["sammarbetsprojekt"]
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(field.editor, "framgangsrika projekt.")
    assert body_underlines(field) == ["sammarbetsprojekt", "framgangsrika"]
    assert red_pixels(field.editor.viewport()) > 20
    assert field.value() == "<p>Ett sammarbetsprojekt i Norrbotten</p><p>framgangsrika projekt.</p>"


def test_the_word_being_typed_is_marked_when_the_cursor_leaves_it(
    qtbot: QtBot, form: dict[str, LineField | RichTextField]
) -> None:
    field = form["body"]
    assert isinstance(field, RichTextField)
    field.editor.setFocus()
    qtbot.keyClicks(field.editor, "Seminaruim")
    assert body_underlines(field) == []
    qtbot.keyClick(field.editor, Qt.Key.Key_Home)
    assert body_underlines(field) == ["Seminaruim"]


def test_right_click_in_the_body_corrects_the_word_as_an_edit(
    qtbot: QtBot, qtlog: QtLoggingPlugin, form: dict[str, LineField | RichTextField]
) -> None:
    field = form["body"]
    assert isinstance(field, RichTextField)
    field.set_value("<p>Ett <strong>sammarbetsprojekt</strong> i Bryssel.</p>")
    edits: list[object] = []
    field.edited.connect(lambda value, _typing: edits.append(value))
    at = point_in_body(field, "sammarbetsprojekt")
    right_click_and_choose(qtbot, qtlog, field.editor.viewport(), at, "samarbetsprojekt")
    # Corrected, and still bold.
    assert field.value() == "<p>Ett <strong>samarbetsprojekt</strong> i Bryssel.</p>"
    assert edits[-1] == field.value()
    assert body_underlines(field) == []


def test_underlining_anew_is_not_an_edit(
    qtbot: QtBot, form: dict[str, LineField | RichTextField], service: SpellingService
) -> None:
    field = form["body"]
    assert isinstance(field, RichTextField)
    field.set_value("<p>Ett sammarbetsprojekt.</p>")
    edits: list[object] = []
    field.edited.connect(lambda value, _typing: edits.append(value))
    service.ignore("sammarbetsprojekt")
    assert body_underlines(field) == []
    service.set_language("en")
    service.wait()
    qtbot.waitUntil(lambda: body_underlines(field) == ["Ett"])
    service.add("Ett")
    assert body_underlines(field) == []
    assert edits == []


def test_the_body_menu_keyboard_key_works_on_the_word_at_the_cursor(
    qtbot: QtBot, qtlog: QtLoggingPlugin, form: dict[str, LineField | RichTextField]
) -> None:
    field = form["body"]
    assert isinstance(field, RichTextField)
    field.set_value("<p>Seminaruim idag.</p>")
    field.editor.setFocus()
    cursor = field.editor.textCursor()
    cursor.setPosition(3)
    field.editor.setTextCursor(cursor)
    seen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(action.text() for action in menu.actions())
        action = next(action for action in menu.actions() if action.text() == "Seminarium")
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    QTimer.singleShot(50, choose)
    # What the menu key (or Shift+F10) sends to the widget with the focus.
    at = field.editor.cursorRect().center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, at, field.editor.viewport().mapToGlobal(at)
    )
    with qtlog.disabled():
        QApplication.sendEvent(field.editor, event)
    qtbot.waitUntil(lambda: bool(seen))
    assert field.editor.toPlainText() == "Seminarium idag."


def test_the_menu_speaks_swedish_in_a_swedish_window(
    qtbot: QtBot,
    qtlog: QtLoggingPlugin,
    qapp: QApplication,
    form: dict[str, LineField | RichTextField],
) -> None:
    translators = install_translators(qapp, "sv")
    try:
        line = line_of(form["headline"])
        qtbot.keyClicks(line, "Planet i Bryssell idag")
        entries = right_click_and_choose(qtbot, qtlog, line, point_in_line(line, "Bryssell"), None)
        assert {"Lägg till i ordlistan", "Ignorera"} <= set(entries)
        qtbot.keyClicks(line, " Xqzvw ")
        entries = right_click_and_choose(qtbot, qtlog, line, point_in_line(line, "Xqzvw"), None)
        assert entries[0] == "Inga förslag"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        set_ui_language(None)
