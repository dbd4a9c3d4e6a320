"""The window as a user drives it: insert and type, undo, reorder, save and reopen, quit."""

from __future__ import annotations

import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from drag_events import drag_enter, drag_move
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from start_page_answers import click_on_start_page

from composer.document import with_field
from composer.edits import ReplaceBlock
from composer.errors import ComposerError, ExportCancelled
from composer.export import Progress, export
from composer.gui import background, dialogs
from composer.gui.block_editors import ArticleEditor, ContactEditor, SettingsEditor
from composer.gui.block_list_model import KindNameRole
from composer.gui.fields import LineField
from composer.gui.main_window import MainWindow
from composer.gui.window_state import WindowState
from composer.images import ImageCache
from composer.storage import load

#: Text that marks the article and the contact in the exported newsletter.
ARTICLE, CONTACT = "Torsdagen den 25 oktober presenterades", "Mikael Janson"


def exported_order(window: MainWindow, folder: Path, cache: ImageCache) -> list[str]:
    """The article and the contact in the order a reader of the exported HTML meets them."""
    html = export(window.open_document.document.snapshot(), folder, "html", cache=cache)
    text = " ".join(lxml.html.fromstring(html.read_bytes()).text_content().split())
    return sorted((ARTICLE, CONTACT), key=text.index)


def append(type_text: Callable[[QWidget, str], None], field: LineField, text: str) -> None:
    """Click at the end of ``field`` and type ``text``."""
    field.line.setFocus()
    field.line.end(False)
    type_text(field.line, text)


def line(window: MainWindow, path: str) -> LineField:
    assert window.editor is not None
    field = window.editor.fields[path]
    assert isinstance(field, LineField)
    return field


# --- typing, undo, redo ----------------------------------------------------------------------


def test_insert_article_type_headline_preview_then_undo_and_redo(
    window: MainWindow,
    qtbot: QtBot,
    type_text: Callable[[QWidget, str], None],
    wait_for_preview: Callable[[MainWindow], None],
) -> None:
    window.select_block("planet")
    window.menus.insert_actions["article"].trigger()
    assert isinstance(window.editor, ArticleEditor)
    new_id = window.editor.block_id
    assert window.open_document.document.index_of(new_id) == 2  # after the selection
    headline = line(window, "headline").line
    assert headline.hasFocus() or QApplication.focusWidget() is headline
    type_text(headline, "Sommarmöte i Luleå")
    wait_for_preview(window)
    assert "Sommarmöte i Luleå" in window.preview.last_html
    with qtbot.waitCallback() as page_html:
        window.preview.page.toHtml(page_html)
    assert "Sommarmöte i Luleå" in page_html.args[0]
    assert window.isWindowModified()

    stack = window.open_document.undo_stack
    assert stack.count() == 2  # the insert, and all the typing as one step
    window.menus.undo_action.trigger()
    assert window.open_document.document.block(new_id).headline == ""  # type: ignore[attr-defined]
    assert line(window, "headline").value() == ""
    window.menus.undo_action.trigger()
    assert new_id not in window.open_document.document
    wait_for_preview(window)
    assert "Sommarmöte i Luleå" not in window.preview.last_html
    assert not window.isWindowModified()

    window.menus.redo_action.trigger()
    window.menus.redo_action.trigger()
    assert window.open_document.document.block(new_id).headline == "Sommarmöte i Luleå"  # type: ignore[attr-defined]
    wait_for_preview(window)
    assert "Sommarmöte i Luleå" in window.preview.last_html


def test_typing_in_another_field_is_another_undo_step(
    window: MainWindow, qtbot: QtBot, type_text: Callable[[QWidget, str], None]
) -> None:
    window.select_block("planet")
    before = window.open_document.document.block("planet")
    append(type_text, line(window, "headline"), " i Bryssel")
    line(window, "category").line.setFocus()
    qtbot.keyClicks(line(window, "category").line, "er")
    assert window.open_document.undo_stack.count() == 2
    window.menus.undo_action.trigger()
    window.menus.undo_action.trigger()
    assert window.open_document.document.block("planet") == before


def test_the_cursor_stays_where_the_user_types(window: MainWindow, qtbot: QtBot) -> None:
    window.select_block("planet")
    field = line(window, "headline").line
    field.setFocus()
    field.setCursorPosition(0)
    qtbot.keyClicks(field, "Om ")
    # The model trims spaces, but the field the user types in is not reloaded from it.
    assert field.text() == "Om Planet"
    assert field.cursorPosition() == 3
    assert window.open_document.document.block("planet").headline == "Om Planet"  # type: ignore[attr-defined]


def test_undo_after_delete_restores_exactly(window: MainWindow, qtbot: QtBot) -> None:
    before = window.open_document.document.newsletter
    window.select_block("office")
    window.block_list.setFocus()
    qtbot.keyClick(window.block_list, Qt.Key.Key_Delete)
    assert "office" not in window.open_document.document
    assert window.selected_block_id() == "contact"  # the next block is selected
    window.menus.undo_action.trigger()
    assert window.open_document.document.newsletter == before
    assert window.selected_block_id() == "office"


def test_duplicate_puts_a_copy_with_a_new_id_after_the_block(window: MainWindow) -> None:
    window.select_block("planet")
    window.menus.duplicate_action.trigger()
    blocks = window.open_document.document.blocks
    copy = blocks[2]
    assert copy.id != "planet"
    assert copy.model_copy(update={"id": "planet"}) == blocks[1]
    assert window.selected_block_id() == copy.id


# --- reordering ------------------------------------------------------------------------------


def test_keyboard_reorder_changes_the_exported_order(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, image_cache: ImageCache
) -> None:
    assert exported_order(window, tmp_path / "before", image_cache) == [ARTICLE, CONTACT]
    window.select_block("contact")
    window.block_list.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.block_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [block.id for block in window.open_document.document.blocks] == [
        "masthead",
        "contact",
        "planet",
        "divider-1",
        "office",
    ]
    assert window.selected_block_id() == "contact"
    assert exported_order(window, tmp_path / "after", image_cache) == [CONTACT, ARTICLE]
    for _ in range(3):
        window.menus.undo_action.trigger()
    assert exported_order(window, tmp_path / "undone", image_cache) == [ARTICLE, CONTACT]


def _drag_and_drop(window: MainWindow, source_row: int, target_row: int) -> None:
    view = window.block_list
    model = window.model
    mime: QMimeData = model.mimeData([model.index(source_row, 0)])
    target = view.visualRect(model.index(target_row, 0))
    position = QPointF(target.center().x(), target.top() + 3)
    actions = Qt.DropAction.MoveAction
    buttons = Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    viewport = view.viewport()
    QApplication.sendEvent(viewport, drag_enter(position, actions, mime))
    QApplication.sendEvent(viewport, drag_move(position, actions, mime))
    QApplication.sendEvent(viewport, QDropEvent(position, actions, mime, buttons, none))


def test_drag_and_drop_reorders_and_undoes(
    window: MainWindow, tmp_path: Path, image_cache: ImageCache
) -> None:
    before = window.open_document.document.newsletter
    _drag_and_drop(window, source_row=4, target_row=1)  # the contact above the article
    assert [block.id for block in window.open_document.document.blocks] == [
        "masthead",
        "contact",
        "planet",
        "divider-1",
        "office",
    ]
    assert exported_order(window, tmp_path / "export", image_cache) == [CONTACT, ARTICLE]
    window.menus.undo_action.trigger()
    assert window.open_document.document.newsletter == before


# --- files -----------------------------------------------------------------------------------


def test_save_close_reopen_gives_the_identical_document(
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    type_text: Callable[[QWidget, str], None],
) -> None:
    window = make_window()
    window.select_block("planet")
    append(type_text, line(window, "headline"), " 2012")
    target = tmp_path / "november"
    monkeypatch.setattr(dialogs, "save_newsletter_name", lambda parent, suggestion: str(target))
    window.menus.save_action.trigger()
    saved = tmp_path / "november.newsletter"
    assert saved.is_file()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("november.newsletter")
    original = window.open_document.document.newsletter
    images = dict(window.open_document.document.images.data)
    assert window.close()

    again = make_window()
    assert again.files.open_path(saved)
    assert again.open_document.document.newsletter == original
    reopened = again.open_document.document.images.data
    assert {sha: reopened[sha] for sha in images if sha in reopened} == {
        ref.sha256: images[ref.sha256] for ref in original.image_refs()
    }
    assert again.preferences.recent_files[0] == str(saved.resolve())
    assert not again.isWindowModified()


def test_opening_a_corrupt_file_shows_the_error_and_keeps_the_document(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.newsletter"
    broken.write_bytes(b"this is not a zip archive at all")
    errors: list[BaseException] = []
    monkeypatch.setattr(dialogs, "open_newsletter_name", lambda parent, folder: str(broken))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: errors.append(exc))
    shown, newsletter = window.open_document, window.open_document.document.newsletter
    window.menus.open_action.trigger()
    assert len(errors) == 1
    assert isinstance(errors[0], ComposerError)
    assert "Cannot open “broken.newsletter”: it is not a newsletter file" in str(errors[0])
    assert window.open_document is shown
    assert window.open_document.document.newsletter == newsletter


def test_opening_a_file_with_a_bad_document_names_the_field(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.newsletter"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("document.json", '{"schema_version": 1, "settings": {"language": "fi"}}')
    errors: list[BaseException] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, exc: errors.append(exc))
    assert not window.files.open_path(bad)
    assert "settings.language" in str(errors[0])


@pytest.mark.parametrize("answer", [dialogs.UnsavedChoice.CANCEL, dialogs.UnsavedChoice.DISCARD])
def test_quitting_with_changes_asks_first(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    answer: dialogs.UnsavedChoice,
    type_text: Callable[[QWidget, str], None],
) -> None:
    window.select_block("planet")
    append(type_text, line(window, "headline"), "!")
    asked: list[str] = []

    def ask(parent: object, name: str) -> dialogs.UnsavedChoice:
        asked.append(name)
        return answer

    monkeypatch.setattr(dialogs, "ask_unsaved_changes", ask)
    window.menus.quit_action.trigger()
    assert asked == ["Sample newsletter"]
    assert window.isVisible() == (answer is dialogs.UnsavedChoice.CANCEL)


def test_quitting_and_saving_writes_the_file(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    type_text: Callable[[QWidget, str], None],
) -> None:
    window.select_block("planet")
    append(type_text, line(window, "headline"), "!")
    target = tmp_path / "saved.newsletter"
    monkeypatch.setattr(
        dialogs, "ask_unsaved_changes", lambda parent, name: dialogs.UnsavedChoice.SAVE
    )
    monkeypatch.setattr(dialogs, "save_newsletter_name", lambda parent, suggestion: str(target))
    window.menus.quit_action.trigger()
    assert not window.isVisible()
    assert load(target).newsletter.block("planet").headline == "Planet!"  # type: ignore[attr-defined]


def test_a_clean_document_closes_without_asking(window: MainWindow) -> None:
    assert window.close()  # no_dialogs would fail the test if it asked


def test_new_blank_asks_about_changes_and_starts_empty(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    type_text: Callable[[QWidget, str], None],
) -> None:
    window.select_block("planet")
    append(type_text, line(window, "headline"), "!")
    monkeypatch.setattr(
        dialogs, "ask_unsaved_changes", lambda parent, name: dialogs.UnsavedChoice.DISCARD
    )
    monkeypatch.setattr(dialogs, "run_dialog", click_on_start_page("Blank Newsletter"))
    window.menus.new_action.trigger()
    assert [block.kind for block in window.open_document.document.blocks] == ["masthead"]
    assert window.windowTitle().startswith("Untitled")
    assert not window.isWindowModified()
    assert window.open_document.undo_stack.count() == 0


def test_export_runs_in_the_background_and_writes_the_folder(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out"
    monkeypatch.setattr(dialogs, "export_target_name", lambda *args: str(target))
    with qtbot.waitSignal(window.exporter.finished, timeout=60_000) as finished:
        window.menus.export_actions["html"].trigger()
    path, error = finished.args
    assert error is None
    assert path == target / "newsletter.html"
    assert {p.name for p in target.iterdir()} == {"newsletter.html", "newsletter.txt", "images"}
    assert "Exported to" in window.statusBar().currentMessage()


def test_cancel_in_the_progress_dialog_stops_the_export(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()

    def slow_export(
        bundle: object,
        target: Path,
        fmt: str,
        *,
        progress: Progress,
        cancelled: Callable[[], bool],
        **_options: object,
    ) -> Path:
        progress(1, 4, "Prepared IMG_5383.JPG")
        started.set()
        deadline = time.monotonic() + 30
        while not cancelled():
            if time.monotonic() > deadline:
                raise AssertionError("the export was never cancelled")
            time.sleep(0.01)
        raise ExportCancelled("The export was cancelled; nothing was written.")

    monkeypatch.setattr(background, "export", slow_export)
    monkeypatch.setattr(dialogs, "export_target_name", lambda *args: str(tmp_path / "x.zip"))
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000) as finished:
        window.menus.export_actions["zip"].trigger()
        progress = window.exporter.progress
        assert progress is not None
        qtbot.waitUntil(lambda: progress.value() == 1)
        assert started.is_set()
        assert progress.labelText() == "Prepared IMG_5383.JPG"
        cancel = progress.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        cancel.click()
    assert isinstance(finished.args[1], ExportCancelled)
    assert "cancelled" in window.statusBar().currentMessage()


def test_window_state_is_remembered(
    make_window: Callable[..., MainWindow], state: WindowState
) -> None:
    window = make_window(None)
    screen = window.screen().availableGeometry()
    window.resize(screen.width() - 60, screen.height() - 60)
    third = window.splitter.width() // 3
    window.splitter.setSizes([third - 40, third, third + 40])
    sizes = window.splitter.sizes()
    window.preview.set_mode("mobile")
    assert window.close()
    again = make_window(None)
    assert again.size() == window.size()
    assert again.splitter.sizes() == sizes
    assert again.preview.mode == "mobile"
    assert state.preview_mode == "mobile"


def test_recent_files_menu_opens_a_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from composer.sample import load_sample
    from composer.storage import save

    path = tmp_path / "recent.newsletter"
    save(load_sample(), path)
    window.preferences.add_recent(path)
    window.files.fill_recent_menu(window.menus.recent_menu)
    entries = [
        action
        for action in window.menus.recent_menu.actions()
        if "recent.newsletter" in action.text()
    ]
    entries[0].trigger()
    assert window.open_document.path == path.resolve()


# --- fields ----------------------------------------------------------------------------------


def test_a_bad_link_is_marked_at_the_field_and_the_document_keeps_the_last_valid_one(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.select_block("planet")
    assert isinstance(window.editor, ArticleEditor)
    field = line(window, "link_url")
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, "www.northsweden.eu")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.problem_shown()
    assert field.problem() == (
        "“www.northsweden.eu” has no scheme: write it as https://www.northsweden.eu."
    )
    assert field.line.property("invalid") is True
    kept = window.open_document.document.block("planet").link_url  # type: ignore[attr-defined]
    assert kept == "https://www.northsweden.eu/nyheter/planet"
    field.line.setCursorPosition(0)
    qtbot.keyClicks(field.line, "https://")
    assert not field.problem_shown()
    assert window.open_document.document.block("planet").link_url == (  # type: ignore[attr-defined]
        "https://www.northsweden.eu"
    )


def test_an_email_address_is_checked_like_the_model_checks_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.select_block("contact")
    assert isinstance(window.editor, ContactEditor)
    field = line(window, "email")
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, "mikael(at)northsweden")
    field.reveal_problem()
    assert field.problem() == "“mikael(at)northsweden” is not an email address."
    assert window.open_document.document.block("contact").email == (  # type: ignore[attr-defined]
        "mikael.janson@northsweden.eu"
    )


def test_undo_reloads_the_field_and_clears_its_mark(
    window: MainWindow, qtbot: QtBot, type_text: Callable[[QWidget, str], None]
) -> None:
    window.select_block("planet")
    field = line(window, "headline")
    type_text(field.line, " – nu")
    window.menus.undo_action.trigger()
    assert field.value() == "Planet"


def test_settings_accent_colour_from_the_colour_dialog_is_undoable(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    wait_for_preview: Callable[[MainWindow], None],
) -> None:
    window.settings_button.click()
    assert isinstance(window.editor, SettingsEditor)
    before = window.open_document.document.settings
    monkeypatch.setattr(dialogs, "choose_colour", lambda parent, colour: "#AA3300")
    colour = window.editor.fields["accent_color"]
    qtbot.mouseClick(colour.choose, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert window.open_document.document.settings.accent_color == "#aa3300"
    wait_for_preview(window)
    assert "#aa3300" in window.preview.last_html
    window.menus.undo_action.trigger()
    assert window.open_document.document.settings == before
    assert colour.code.text() == before.accent_color  # type: ignore[attr-defined]


def test_settings_fields_edit_nested_values(window: MainWindow, qtbot: QtBot) -> None:
    window.show_settings()
    assert window.editor is not None
    website = window.editor.fields["organisation.website"]
    assert isinstance(website, LineField)
    website.line.setFocus()
    website.line.selectAll()
    qtbot.keyClicks(website.line, "https://northsweden.se")
    assert window.open_document.document.settings.organisation.website == "https://northsweden.se"
    assert window.open_document.undo_stack.count() == 1


def test_undo_of_a_settings_change_shows_the_settings(window: MainWindow) -> None:
    window.select_block("planet")
    old = window.open_document.document.settings
    window.open_document.push(
        ReplaceBlock(
            window.open_document.document.block("office"),
            with_field(window.open_document.document.block("office"), "heading", "Om oss"),
        )
    )
    assert window.selected_block_id() == "office"
    from composer.edits import ChangeSettings

    window.open_document.push(ChangeSettings(old, with_field(old, "subject", "Ny")))
    window.menus.undo_action.trigger()
    assert isinstance(window.editor, SettingsEditor)
    assert window.editor.fields["subject"].line.text() == old.subject  # type: ignore[attr-defined]


# --- the checks ------------------------------------------------------------------------------


def test_checks_rerun_after_an_edit_and_lead_to_the_field(window: MainWindow, qtbot: QtBot) -> None:
    window.show_settings()
    assert window.editor is not None
    subject = window.editor.fields["subject"]
    assert isinstance(subject, LineField)
    subject.line.setFocus()
    subject.line.selectAll()
    with qtbot.waitSignal(
        window.checks_panel.counts_changed,
        timeout=15_000,
        check_params_cb=lambda errors, *_: errors > 0,
    ):
        qtbot.keyClick(subject.line, Qt.Key.Key_Delete)
    assert "error" in window.checks_panel.summary.text()
    window.select_block("planet")
    window.go_to_finding("", "subject")
    assert isinstance(window.editor, SettingsEditor)
    assert window.editor.fields["subject"].focus_widget().hasFocus()


@pytest.mark.parametrize(
    "kind", ["masthead", "article", "image", "text", "contact", "button", "divider"]
)
def test_every_block_type_can_be_inserted_and_previewed(
    window: MainWindow, kind: str, wait_for_preview: Callable[[MainWindow], None]
) -> None:
    window.select_block("office")
    window.menus.insert_actions[kind].trigger()
    assert window.editor is not None
    block = window.open_document.document.blocks[4]
    assert block.kind == kind
    assert window.selected_block_id() == block.id
    assert window.editor.title.text() == window.model.row_of(block.id).data(KindNameRole)
    wait_for_preview(window)
    assert window.preview.problem.isHidden()


def test_ctrl_z_in_a_field_undoes_the_whole_typing_step(
    window: MainWindow, qtbot: QtBot, type_text: Callable[[QWidget, str], None]
) -> None:
    window.select_block("planet")
    field = line(window, "headline")
    append(type_text, field, " i Bryssel")
    assert window.open_document.undo_stack.index() == 1
    qtbot.keyClick(field.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.open_document.undo_stack.index() == 0
    assert field.value() == "Planet"
    qtbot.keyClick(
        field.line,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert field.value() == "Planet i Bryssel"
