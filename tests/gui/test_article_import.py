"""File → Import… and pasting from Word, as a user does them in the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from importers.import_sources import (
    PHOTO_ALT,
    news_page,
    photo,
    word_clipboard_bullets,
    word_clipboard_mixed,
    word_document,
)
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QGuiApplication, QImage, QTextCursor
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from composer.gui import dialogs
from composer.gui.image_field import ImageField
from composer.gui.main_window import MainWindow
from composer.gui.rich_text_editor import RichTextField
from composer.model import ArticleBlock, ImageBlock


def _menu_action(window: MainWindow, menu_text: str, action_text: str) -> QAction:
    """The action of the window's menu bar, found as a user reads the menus."""
    for menu_action in window.menuBar().actions():
        if menu_action.text().replace("&", "") == menu_text:
            menu = menu_action.menu()
            assert menu is not None
            for action in menu.actions():
                if action.text().replace("&", "") == action_text:
                    return action
    raise AssertionError(f"no {menu_text} → {action_text} in the menus")


@pytest.fixture
def answer_import(
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[str, bool], list[str]]:
    """Answers the Import dialog with a source; returns the messages shown afterwards."""

    def answer(source: str, split: bool = False) -> list[str]:
        shown: list[str] = []

        def run(dialog: QDialog) -> int:
            if isinstance(dialog, dialogs.ImportDialog):
                assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
                dialog.source.setText(source)
                dialog.split.setChecked(split)
                return QDialog.DialogCode.Accepted
            assert isinstance(dialog, QMessageBox), type(dialog)
            shown.append(f"{dialog.text()}\n{dialog.informativeText()}")
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(dialogs, "run_dialog", run)
        return shown

    return answer


def _import_through_the_menu(window: MainWindow, qtbot: QtBot) -> list[str] | None:
    with qtbot.waitSignal(window.article_import.finished, timeout=30_000) as finished:
        _menu_action(window, "File", "Import…").trigger()
    result: list[str] | None = finished.args[0]  # type: ignore[index]
    return result


def test_file_import_puts_a_word_article_after_the_selected_block(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, answer_import: Callable[..., list[str]]
) -> None:
    shown = answer_import(str(word_document(tmp_path / "Nyheter.docx")), True)
    window.select_block("planet")
    before = [block.id for block in window.open_document.document.blocks]

    inserted = _import_through_the_menu(window, qtbot)

    assert shown == []
    assert inserted is not None and len(inserted) == 2
    blocks = window.open_document.document.blocks
    position = before.index("planet") + 1
    assert [block.id for block in blocks[position : position + 2]] == inserted
    first, second = (window.open_document.document.block(block_id) for block_id in inserted)
    assert isinstance(first, ArticleBlock) and isinstance(second, ArticleBlock)
    assert (first.headline, second.headline) == ("Planet", "Norra Sverige i EU")
    assert first.image is not None and first.image_alt == PHOTO_ALT
    assert first.image in window.open_document.document.images
    assert "<ul><li>Sverige</li>" in first.body
    # The first new article is selected, shown in its editor.
    assert window.selected_block_id() == inserted[0]
    assert window.editor is not None
    headline = window.editor.fields["headline"]
    assert headline.value() == "Planet"
    # One step of the history: one undo takes both articles away.
    assert window.menus.undo_action.text().replace("&", "") == "Undo Import Articles"
    window.menus.undo_action.trigger()
    assert [block.id for block in window.open_document.document.blocks] == before


def test_file_import_of_a_saved_news_page_with_its_picture(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, answer_import: Callable[..., list[str]]
) -> None:
    (tmp_path / "Planet_files").mkdir()
    (tmp_path / "Planet_files" / "IMG_5383.jpg").write_bytes(photo())
    page = tmp_path / "Planet.html"
    page.write_text(news_page(photo_src="Planet_files/IMG_5383.jpg"), encoding="utf-8")
    answer_import(str(page))
    window.select_block("masthead")

    inserted = _import_through_the_menu(window, qtbot)

    assert inserted is not None and len(inserted) == 1
    article = window.open_document.document.block(inserted[0])
    assert isinstance(article, ArticleBlock)
    assert (article.headline, article.category, article.signature) == (
        "Planet",
        "Norra Sverige i EU",
        "/Johan Leymann",
    )
    assert article.image is not None and article.image.original_name == "IMG_5383.jpg"
    assert window.open_document.document.index_of(inserted[0]) == 1
    image = window.editor.fields["image"] if window.editor else None
    assert isinstance(image, ImageField) and image.value() == article.image


def test_a_source_that_cannot_be_imported_is_explained_and_changes_nothing(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, answer_import: Callable[..., list[str]]
) -> None:
    missing = tmp_path / "Saknas.docx"
    shown = answer_import(str(missing))
    before = window.open_document.document.newsletter

    assert _import_through_the_menu(window, qtbot) is None

    assert shown == [f"Cannot import “{missing}”: there is no such file.\n"]
    assert window.open_document.document.newsletter == before
    assert window.open_document.undo_stack.count() == 0


def test_remarks_of_an_import_are_shown(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, answer_import: Callable[..., list[str]]
) -> None:
    page = tmp_path / "Planet.html"
    page.write_text(news_page(), encoding="utf-8")  # its photo only on the web site
    shown = answer_import(str(page))

    assert _import_through_the_menu(window, qtbot) is not None

    assert len(shown) == 1
    remark = shown[0]
    assert remark.startswith("The articles were imported, with these remarks:")
    assert "“/images/nyheter/IMG_5383.jpg” was left out" in remark


# --- paste -------------------------------------------------------------------------------------


def _body(window: MainWindow, block_id: str) -> RichTextField:
    window.select_block(block_id)
    assert window.editor is not None
    field = window.editor.fields["body"]
    assert isinstance(field, RichTextField)
    field.editor.setFocus()
    field.editor.moveCursor(QTextCursor.MoveOperation.End)
    return field


def _paste(qtbot: QtBot, field: RichTextField, mime: QMimeData, new_line: bool = True) -> None:
    """Paste ``mime`` as a user does: Enter for a new paragraph at the end, then Ctrl+V."""
    QGuiApplication.clipboard().setMimeData(mime)
    if new_line:
        qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    qtbot.keyClick(field.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_pasting_a_word_bulleted_list_makes_a_list(window: MainWindow, qtbot: QtBot) -> None:
    field = _body(window, "planet")
    mime = QMimeData()
    mime.setHtml(word_clipboard_bullets())
    mime.setText("Länder som deltar:\n·  Sverige\n·  Italien")
    _paste(qtbot, field, mime)

    body = window.open_document.document.block("planet").body  # type: ignore[attr-defined]
    tree = lxml.html.fragment_fromstring(body, create_parent="div")
    # Every Word list paragraph is a list item (the editor keeps lists one level deep).
    assert [item.text for item in tree.xpath(".//li")] == [
        "Sverige",
        "Italien",
        "Emilia-Romagna",
        "Finland",
        None,
    ]
    assert tree.xpath("(.//li)[5]/strong/text()") == ["Spanien"]
    assert tree.xpath("./p")[-1].text_content() == "Länder som deltar:"
    assert "·" not in body and "&nbsp;" not in body
    assert window.open_document.undo_stack.count() == 1  # the empty new line changes nothing


def test_pasting_a_word_table_keeps_its_cells_apart_and_drops_empty_paragraphs(
    window: MainWindow, qtbot: QtBot
) -> None:
    field = _body(window, "office")
    mime = QMimeData()
    mime.setHtml(word_clipboard_mixed())
    mime.setText("Så går det till:\n1. Planera\n2. Genomföra\nCell A\tCell B")
    _paste(qtbot, field, mime)

    body = window.open_document.document.block("office").body  # type: ignore[attr-defined]
    assert "<ol><li>Planera</li><li>Genomföra</li></ol>" in body
    assert "<p>Cell A · Cell B</p>" in body
    assert "Cell ACell B" not in body
    assert body.endswith('<a href="https://www.northsweden.eu/planet">northsweden.eu</a></p>')
    # Nothing after the last line: no empty paragraph in the editor either.
    last = field.editor.document().lastBlock()
    assert last.text().endswith("northsweden.eu")


def test_a_pasted_picture_becomes_the_articles_photo(window: MainWindow, qtbot: QtBot) -> None:
    field = _body(window, "planet")
    old = window.open_document.document.block("planet").image  # type: ignore[attr-defined]
    body = window.open_document.document.block("planet").body  # type: ignore[attr-defined]
    mime = QMimeData()
    screenshot = QImage(640, 400, QImage.Format.Format_RGB32)
    screenshot.fill(Qt.GlobalColor.darkCyan)
    mime.setImageData(screenshot)
    _paste(qtbot, field, mime, new_line=False)

    article = window.open_document.document.block("planet")
    assert isinstance(article, ArticleBlock)
    assert article.image is not None and article.image != old
    assert article.image.original_name == "pasted-picture.png"
    assert article.image in window.open_document.document.images
    assert article.body == body  # the text is untouched
    window.menus.undo_action.trigger()
    assert window.open_document.document.block("planet").image == old  # type: ignore[attr-defined]


def test_a_picture_pasted_into_text_without_a_picture_is_explained(
    window: MainWindow, qtbot: QtBot
) -> None:
    field = _body(window, "office")
    before = window.open_document.document.newsletter
    mime = QMimeData()
    screenshot = QImage(64, 64, QImage.Format.Format_RGB32)
    screenshot.fill(Qt.GlobalColor.red)
    mime.setImageData(screenshot)
    _paste(qtbot, field, mime, new_line=False)

    assert window.open_document.document.newsletter == before
    assert (field.problem() or "").startswith("Text cannot hold a picture.")
    assert field.problem_shown()
    assert not any(isinstance(block, ImageBlock) for block in window.open_document.document.blocks)
