"""The editors: the body's formatting and paste, the picture field, fields marking problems."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from drag_events import drag_enter
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from composer.document import working_copy
from composer.gui import dialogs
from composer.gui.block_editors import ArticleEditor, ImageEditor
from composer.gui.image_field import ImageField
from composer.gui.main_window import MainWindow
from composer.gui.rich_text_editor import RichTextField, document_to_html
from composer.richtext import ALLOWED_TAGS


def body_field(window: MainWindow, block_id: str = "planet") -> RichTextField:
    window.select_block(block_id)
    assert window.editor is not None
    field = window.editor.fields["body"]
    assert isinstance(field, RichTextField)
    return field


def picture(path: Path, size: tuple[int, int] = (320, 200), gps: bool = False) -> Path:
    image = Image.new("RGB", size, (30, 90, 160))
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (65.0, 35.0, 0.0)}
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


# --- rich text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<p>Hej <strong>du</strong> och <em>ni</em>.</p>",
        '<p>Läs <a href="https://www.northsweden.eu">mer här</a> &amp; nu</p>',
        "<p>rad ett<br>rad två</p><p>Nästa</p>",
        "<ul><li>ett</li><li>två</li></ul><ol><li>tre</li></ol><p>slut</p>",
        '<p><a href="mailto:info@northsweden.eu"><strong>skriv</strong> till oss</a></p>',
    ],
)
def test_the_body_survives_the_editor_unchanged(qtbot: QtBot, html: str) -> None:
    document = QTextDocument()
    document.setHtml(html)
    assert document_to_html(document) == html


def test_empty_paragraphs_are_left_out(qtbot: QtBot) -> None:
    document = QTextDocument()
    document.setHtml("<p>a</p><p></p><p>b</p>")
    assert document_to_html(document) == "<p>a</p><p>b</p>"


def test_paste_from_a_web_page_keeps_only_the_allowed_markup(
    window: MainWindow, qtbot: QtBot
) -> None:
    field = body_field(window)
    field.editor.setFocus()
    field.editor.moveCursor(QTextCursor.MoveOperation.End)
    mime = QMimeData()
    mime.setHtml(
        '<html><head><style>p{color:red}</style><script>alert("x")</script></head><body>'
        '<p style="font-family:Comic Sans MS;color:#f00" class="MsoNormal">Inklistrad '
        '<span style="font-weight:bold"><b>fet</b></span> text med '
        '<a href="javascript:alert(1)" onclick="steal()">farlig länk</a> och '
        '<a href="https://ec.europa.eu" target="_blank" style="color:red">EU</a>.</p>'
        '<script>document.cookie</script><img src="https://example.com/t.png">'
        "<table><tr><td>cell</td></tr></table></body></html>"
    )
    mime.setText("Inklistrad fet text")
    QGuiApplication.clipboard().setMimeData(mime)
    qtbot.keyClick(field.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    body = window.open_document.document.block("planet").body  # type: ignore[attr-defined]
    assert "Inklistrad" in body
    tree = lxml.html.fragment_fromstring(body, create_parent="div")
    tags = {element.tag for element in tree.iter() if element is not tree}
    assert tags <= ALLOWED_TAGS
    for bad in (
        "alert",
        "cookie",
        "script",
        "style",
        "Comic",
        "MsoNormal",
        "javascript",
        "onclick",
        "target",
        "example.com",
        "color",
    ):
        assert bad not in body
    assert "<strong>fet</strong>" in body
    assert '<a href="https://ec.europa.eu">EU</a>' in body
    assert "farlig länk" in body  # the text of the bad link stays, without the link
    assert window.open_document.undo_stack.count() == 1
    window.menus.undo_action.trigger()
    assert "Inklistrad" not in window.open_document.document.block("planet").body  # type: ignore[attr-defined]


def test_bold_button_and_typing_make_strong_text(
    window: MainWindow, qtbot: QtBot, type_text: Callable[[QWidget, str], None]
) -> None:
    field = body_field(window, "office")
    field.editor.setFocus()
    field.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    qtbot.keyClick(field.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(field.editor, "Viktigt")
    body = window.open_document.document.block("office").body  # type: ignore[attr-defined]
    assert body.endswith("<p><strong>Viktigt</strong></p>")


def test_link_button_links_the_selection(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    field = body_field(window, "office")
    cursor = field.editor.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    field.editor.setTextCursor(cursor)
    monkeypatch.setattr(dialogs, "ask_link", lambda parent, current: "https://northsweden.eu")
    field.link_action.trigger()
    body = window.open_document.document.block("office").body  # type: ignore[attr-defined]
    assert body.startswith('<p><a href="https://northsweden.eu">North</a> Sweden')
    assert window.open_document.undo_stack.count() == 1


def test_the_link_dialog_refuses_a_bad_address_inline(qtbot: QtBot) -> None:
    dialog = dialogs.LinkDialog(None, "")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.address, "javascript:alert(1)")
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    assert "is not a link" in dialog.problem.text()
    dialog.address.setText("https://northsweden.eu")
    assert ok.isEnabled()


def test_list_button_makes_a_bulleted_list(
    window: MainWindow, qtbot: QtBot, type_text: Callable[[QWidget, str], None]
) -> None:
    field = body_field(window, "office")
    field.editor.setFocus()
    field.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    field.bullets_action.trigger()
    type_text(field.editor, "Ett")
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    type_text(field.editor, "Två")
    body = window.open_document.document.block("office").body  # type: ignore[attr-defined]
    assert body.endswith("<ul><li>Ett</li><li>Två</li></ul>")


# --- pictures --------------------------------------------------------------------------------


def test_choosing_a_picture_puts_it_in_the_document(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.select_block("planet")
    assert isinstance(window.editor, ArticleEditor)
    field = window.editor.fields["image"]
    assert isinstance(field, ImageField)
    before = window.open_document.document.newsletter
    path = picture(tmp_path / "DSC_0042.JPG", gps=True)
    monkeypatch.setattr(dialogs, "image_file_name", lambda parent, folder: str(path))
    field.choose.click()
    ref = window.open_document.document.block("planet").image  # type: ignore[attr-defined]
    assert ref.original_name == "DSC_0042.JPG"
    # The document keeps a working copy, without the GPS position: nothing to warn about.
    assert window.open_document.document.images.get(ref) == working_copy(path.read_bytes())[0]
    assert field.name.text() == "DSC_0042.JPG"
    assert field.details.text() == "320 × 200 pixels"
    assert not field.thumbnail.pixmap().isNull()
    assert field.note.isHidden()
    assert window.preferences.image_folder == str(tmp_path)
    window.menus.undo_action.trigger()
    assert window.open_document.document.newsletter == before
    assert field.name.text() == "IMG_5383.JPG"


def test_a_picture_dropped_from_the_file_manager_is_used(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window.insert_block("image")
    assert isinstance(window.editor, ImageEditor)
    field = window.editor.fields["image"]
    assert isinstance(field, ImageField)
    block_id = window.editor.block_id
    path = picture(tmp_path / "utsikt.jpg")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    button, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = drag_enter(QPointF(10, 10), Qt.DropAction.CopyAction, mime)
    assert QApplication.sendEvent(field, enter)
    assert field.frame.property("dropping") is True  # the field shows it takes the drop
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, button, keys)
    assert QApplication.sendEvent(field, drop)
    assert field.frame.property("dropping") is False
    ref = window.open_document.document.block(block_id).image  # type: ignore[attr-defined]
    assert ref is not None and ref.original_name == "utsikt.jpg"
    assert window.model.row_of(block_id).data() == "utsikt.jpg"


def test_a_file_that_is_no_picture_is_refused_at_the_field(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.select_block("planet")
    assert window.editor is not None
    field = window.editor.fields["image"]
    assert isinstance(field, ImageField)
    before = window.open_document.document.newsletter
    fake = tmp_path / "photo.jpg"
    fake.write_text("<html><body>Not a picture</body></html>")
    monkeypatch.setattr(dialogs, "image_file_name", lambda parent, folder: str(fake))
    field.choose.click()
    assert field.problem_shown()
    assert "contains text, not a picture" in (field.problem() or "")
    assert field.frame.property("invalid") is True
    assert window.open_document.document.newsletter == before
    assert window.open_document.undo_stack.count() == 0


def test_an_svg_logo_is_refused_with_the_core_message(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show_settings()
    assert window.editor is not None
    field = window.editor.fields["logo"]
    assert isinstance(field, ImageField)
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    assert not field.load_file(svg)
    assert "SVG" in (field.problem() or "")


def test_removing_a_picture_is_undoable(window: MainWindow) -> None:
    window.select_block("contact")
    assert window.editor is not None
    field = window.editor.fields["photo"]
    assert isinstance(field, ImageField)
    before = window.open_document.document.newsletter
    field.remove.click()
    assert window.open_document.document.block("contact").photo is None  # type: ignore[attr-defined]
    assert field.name.text() == "No picture"
    window.menus.undo_action.trigger()
    assert window.open_document.document.newsletter == before
