"""The window with a keyboard, a screen reader, large text and high-contrast colours (issue 18)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from start_page_answers import click_on_start_page

from composer.block_library import LibraryFile
from composer.gui import appearance as appearance_module
from composer.gui import dialogs
from composer.gui.appearance import (
    CONTRAST_RULES,
    DARK,
    LIGHT,
    Appearance,
    Scheme,
    apply_appearance,
    blend,
    palette_for,
    rule_contrast,
    style_sheet,
)
from composer.gui.block_editors import EDITORS
from composer.gui.dialogs import ImportDialog, LinkDialog
from composer.gui.keyboard import (
    assign_mnemonics,
    missing_mnemonics,
    mnemonic,
    mnemonic_clashes,
    shortcut_clashes,
)
from composer.gui.library_dialog import BlockNameDialog, LibraryDialog
from composer.gui.main_window import MainWindow
from composer.gui.preferences import Preferences
from composer.gui.rich_text_editor import RichTextField
from composer.gui.send_dialog import SendDialog
from composer.gui.start_page import StartPage
from composer.model import Bundle
from composer.render import contrast_ratio
from composer.storage import save

# --- names -----------------------------------------------------------------------------------


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader reads for ``widget``."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def accessible_description(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Description) if interface is not None else ""


def spoken_label(widget: QWidget) -> str:
    """What a screen reader says ``widget`` is called: its name, or on Linux, where Qt names a
    drop-down list by its value, the label it is "labelled by"."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    if isinstance(widget, QComboBox) and sys.platform not in ("win32", "darwin"):
        labels = [
            other.text(QAccessible.Text.Name)
            for other, _relation in interface.relations(QAccessible.Relation.Label)
        ]
        return labels[0] if labels else ""
    return accessible_name(widget)


def unnamed(root: QWidget) -> list[str]:
    """The visible widgets under ``root`` that Tab reaches and a screen reader cannot name."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if (
            widget.isVisible()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
            and not accessible_name(widget)
        ):
            found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def show_every_editor(window: MainWindow) -> Iterator[str]:
    """Shows the settings and an editor of each block type in turn, saying which."""
    window.show_settings()
    yield "settings"
    for kind in EDITORS:
        window.insert_block(kind)
        yield kind


def test_no_visible_interactive_widget_of_the_window_is_unnamed(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.menus.checks_action.setChecked(True)
    for shown in show_every_editor(window):
        for index in range(3):  # the preview's pages: email, plain text, HTML source
            window.preview.tabs.setCurrentIndex(index)
            assert unnamed(window) == [], shown


def test_fields_are_named_by_their_label_and_described_by_their_hint(window: MainWindow) -> None:
    window.show_settings()
    editor = window.editor
    assert editor is not None
    subject = editor.fields["subject"].focus_widget()
    assert accessible_name(subject) == "Subject"
    assert "60 characters" in accessible_description(subject)
    language = editor.fields["language"].focus_widget()
    theme = editor.fields["theme"].focus_widget()
    assert isinstance(language, QComboBox) and isinstance(theme, QComboBox)
    # Named by what they choose, not by what is chosen ("Svenska", "Classic").
    assert (spoken_label(language), spoken_label(theme)) == ("Language", "Theme")
    assert language.accessibleName() == "Language"  # read so on Windows and macOS
    window.select_block("planet")
    assert window.editor is not None
    body = window.editor.fields["body"]
    assert isinstance(body, RichTextField)
    # The article's text has no label of its own; its section names it.
    assert accessible_name(body.editor) == "Text"


def test_a_fields_problem_is_read_with_the_field(window: MainWindow, qtbot: QtBot) -> None:
    window.select_block("planet")
    assert window.editor is not None
    field = window.editor.fields["link_url"]
    line = field.focus_widget()
    assert isinstance(line, QLineEdit)
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "javascript:alert(1)")
    field.reveal_problem()
    assert field.problem_shown()
    assert accessible_description(line).startswith("Error: ")
    assert accessible_name(line) == "Link"
    line.selectAll()
    qtbot.keyClicks(line, "https://example.eu")
    assert not field.problem_shown()
    assert "Error" not in accessible_description(line)


def test_the_dialogs_have_no_unnamed_widget(
    window: MainWindow, qtbot: QtBot, preferences: Preferences, tmp_path: Path, sample: Bundle
) -> None:
    save(sample, tmp_path / "november.newsletter")
    dialogs: list[QWidget] = [
        SendDialog(window, window.open_document.document.snapshot(), preferences, None),
        StartPage([str(tmp_path / "november.newsletter")]),
        LinkDialog(window, "https://example.eu"),
        ImportDialog(window, str(tmp_path)),
        LibraryDialog(LibraryFile(tmp_path / "saved.blocks"), str(tmp_path), window),
        BlockNameDialog(window, "Save Block", "Contact"),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed(dialog) == [], type(dialog).__name__
        dialog.hide()


def test_status_messages_and_new_check_results_are_announced(
    window: MainWindow, qtbot: QtBot
) -> None:
    announced: list[str] = []
    window.announcer.announced.connect(announced.append)
    window.statusBar().showMessage("Saved to november.newsletter", 1000)
    assert announced == ["Saved to november.newsletter"]
    assert accessible_name(window.statusBar()) == "Saved to november.newsletter"
    # A status tip (the pointer resting on a menu entry) is no news.
    window.menus.save_action.hover()
    window.menus.save_action.showStatusText(window)
    assert announced == ["Saved to november.newsletter"]
    qtbot.waitUntil(lambda: window.checks_panel.summary.text() != "", timeout=15_000)
    window.show_settings()
    assert window.editor is not None
    subject = window.editor.fields["subject"].focus_widget()
    assert isinstance(subject, QLineEdit)
    subject.setFocus()
    subject.selectAll()
    qtbot.keyClick(subject, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(announced) > 1, timeout=15_000)
    assert announced[-1] == window.checks_panel.summary.text()
    assert "error" in announced[-1] or "warning" in announced[-1]


# --- the keyboard ----------------------------------------------------------------------------


def window_actions(window: MainWindow) -> list[QAction]:
    return window.findChildren(QAction)


def test_no_two_enabled_actions_share_a_shortcut(window: MainWindow) -> None:
    for shown in show_every_editor(window):
        assert shortcut_clashes(window_actions(window)) == [], shown


def test_the_shortcut_clash_finder_finds_a_clash(window: MainWindow) -> None:
    extra = QAction("Numbered list again", window)
    extra.setShortcut("Ctrl+Shift+3")
    window.addAction(extra)
    clashes = shortcut_clashes(window_actions(window))
    assert [(clash.keys, clash.second) for clash in clashes] == [
        ("Ctrl+Shift+3", "Numbered list again")
    ]


def test_every_menu_entry_has_a_mnemonic_of_its_own(window: MainWindow) -> None:
    bar = window.menuBar()
    assert mnemonic_clashes(bar) == []
    assert missing_mnemonics(bar) == []
    insert = [
        mnemonic(action.text())
        for action in window.menus.insert_menu.actions()
        if not action.isSeparator()
    ]
    assert all(insert) and len(set(insert)) == len(insert)


def test_mnemonics_are_given_to_entries_added_later(window: MainWindow) -> None:
    menu = window.menus.insert_menu
    menu.addAction("Divider")  # a type whose first letter is taken
    assign_mnemonics(menu)
    assert mnemonic_clashes(window.menuBar()) == []
    assert mnemonic(menu.actions()[-1].text()) not in ("", "d")


def focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    window.activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def test_tab_from_the_block_list_reaches_the_first_field(window: MainWindow, qtbot: QtBot) -> None:
    for block in ("masthead", "planet"):
        window.select_block(block)
        focus(qtbot, window, window.block_list)
        qtbot.keyClick(window.block_list, Qt.Key.Key_Tab)
        assert window.editor is not None
        first = next(iter(window.editor.fields.values())).focus_widget()
        assert QApplication.focusWidget() is first, block


def test_every_field_of_every_editor_is_reached_with_tab(window: MainWindow, qtbot: QtBot) -> None:
    for shown in show_every_editor(window):
        editor = window.editor
        assert editor is not None
        focus(qtbot, window, window.block_list)
        reached: list[QWidget] = []
        for _press in range(80):
            current = QApplication.focusWidget()
            assert current is not None
            qtbot.keyClick(current, Qt.Key.Key_Tab)
            now = QApplication.focusWidget()
            assert now is not None
            if not editor.isAncestorOf(now):
                break
            reached.append(now)
        # After the editor comes the preview.
        assert window.preview.isAncestorOf(QApplication.focusWidget()), shown
        expected = [
            field.focus_widget()
            for field in editor.fields.values()
            if field.focus_widget().isEnabled()
        ]
        assert [widget for widget in reached if widget in expected] == expected, shown


def test_f6_and_shift_f6_go_round_the_panes(window: MainWindow, qtbot: QtBot) -> None:
    window.menus.checks_action.setChecked(True)
    qtbot.waitUntil(lambda: window.checks_panel.summary.text() != "", timeout=15_000)
    window.show_settings()
    assert window.editor is not None
    subject = window.editor.fields["subject"].focus_widget()
    assert isinstance(subject, QLineEdit)
    subject.setFocus()
    subject.selectAll()
    qtbot.keyClick(subject, Qt.Key.Key_Delete)  # a finding, so the checks list shows
    qtbot.waitUntil(lambda: sum(window.checks_panel.counts()) > 0, timeout=15_000)
    window.select_block("planet")
    focus(qtbot, window, window.block_list)
    visited = []
    for _press in range(4):
        current = QApplication.focusWidget()
        assert current is not None
        qtbot.keyClick(current, Qt.Key.Key_F6)
        visited.append(QApplication.focusWidget())
    assert window.editor is not None
    assert visited[0] is window.editor.fields["headline"].focus_widget()
    assert visited[1] is window.preview.tabs
    assert window.checks_dock.isAncestorOf(visited[2])
    assert visited[3] is window.block_list
    current = QApplication.focusWidget()
    assert current is not None
    qtbot.keyClick(current, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.checks_dock.isAncestorOf(QApplication.focusWidget())


def test_tab_stops_at_each_preview_button_and_one_width_stays_chosen(
    window: MainWindow, qtbot: QtBot
) -> None:
    preview = window.preview
    focus(qtbot, window, preview.desktop_button)
    qtbot.keyClick(preview.desktop_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is preview.mobile_button
    qtbot.keyClick(preview.mobile_button, Qt.Key.Key_Space)
    assert (preview.mode, preview.desktop_button.isChecked()) == ("mobile", False)
    qtbot.keyClick(preview.mobile_button, Qt.Key.Key_Space)  # the chosen one again
    assert (preview.mode, preview.mobile_button.isChecked()) == ("mobile", True)
    qtbot.mouseClick(preview.desktop_button, Qt.MouseButton.LeftButton)
    assert (preview.mode, preview.desktop_button.isChecked()) == ("desktop", True)
    assert not preview.mobile_button.isChecked()


def test_enter_on_a_block_and_ctrl_comma_put_the_focus_in_the_first_field(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.select_block("planet")
    focus(qtbot, window, window.block_list)
    qtbot.keyClick(window.block_list, Qt.Key.Key_Return)
    assert window.editor is not None
    assert QApplication.focusWidget() is window.editor.fields["headline"].focus_widget()
    focus(qtbot, window, window.block_list)
    qtbot.keyClick(window.block_list, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert window.editor is not None
    assert QApplication.focusWidget() is window.editor.fields["subject"].focus_widget()


def test_numbered_list_has_its_own_key_and_every_format_command_a_menu_entry(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.select_block("planet")
    assert window.editor is not None
    body = window.editor.fields["body"]
    assert isinstance(body, RichTextField)
    focus(qtbot, window, body.editor)
    qtbot.keyClick(
        body.editor,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert "<ol>" in window.open_document.document.block("planet").body  # type: ignore[attr-defined]
    menu = window.menus.format_menu
    entries = {action.text().split("\t")[0]: action for action in menu.actions() if action.text()}
    for command in (body.bold_action, body.italic_action, body.link_action):
        keys = command.shortcut().toString()
        assert any(text.endswith(keys) for text in (a.text() for a in entries.values())), keys
    # Every command of the body's toolbar is in the menu.
    assert len(entries) == len([a for a in body.toolbar.actions() if not a.isSeparator()])
    focus(qtbot, window, window.block_list)
    assert all(action.isEnabled() for action in entries.values())
    entries["&Bold"].trigger()  # from the menu, wherever the focus was
    assert QApplication.focusWidget() is body.editor
    assert body.bold_action.isChecked()


# --- colours and sizes -----------------------------------------------------------------------


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
def test_every_pair_of_colours_contrasts_enough(scheme: Scheme) -> None:
    failing = [
        (rule.what, round(rule_contrast(scheme, rule), 2), rule.minimum)
        for rule in CONTRAST_RULES
        if rule_contrast(scheme, rule) < rule.minimum
    ]
    assert failing == []


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_palette_contrasts_enough(scheme: Scheme) -> None:
    palette = palette_for(scheme)
    roles = QPalette.ColorRole

    def colour(role: QPalette.ColorRole) -> str:
        return palette.color(role).name()

    for text, background, minimum in (
        (roles.Text, roles.Base, 4.5),
        (roles.WindowText, roles.Window, 4.5),
        (roles.ButtonText, roles.Button, 4.5),
        (roles.PlaceholderText, roles.Base, 4.5),
        (roles.HighlightedText, roles.Highlight, 4.5),
        (roles.Link, roles.Base, 4.5),
        (roles.ToolTipText, roles.ToolTipBase, 4.5),
        (roles.Mid, roles.Base, 3.0),
    ):
        assert contrast_ratio(colour(text), colour(background)) >= minimum, (text, background)
    # The second line of a selected block row is drawn translucent (block_list_view).
    second = blend(colour(roles.HighlightedText), 170 / 255, colour(roles.Highlight))
    assert contrast_ratio(second, colour(roles.Highlight)) >= 4.5


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_style_sheet_uses_only_colours_the_table_checks(scheme: Scheme) -> None:
    sheet = style_sheet(scheme, 10.0)
    used = {colour.lower() for colour in re.findall(r"#[0-9a-fA-F]{6}\b", sheet)}
    known = {value for value in vars(scheme).values() if isinstance(value, str)}
    phone = {"#1c2024", "#0d0f11"}  # the phone's bezel around the mobile preview
    assert used - known - phone - {DARK.stage} == set()
    assert "rgba" not in sheet
    assert not re.search(r"font-size:\s*8(\.5)?pt", sheet)


def test_the_style_sheet_follows_the_application_font() -> None:
    small = style_sheet(LIGHT, 10.0)
    large = style_sheet(LIGHT, 16.0)
    assert "font-size: 14.5pt" in small  # the editor's title, 1.45 times the font
    assert "font-size: 23.2pt" in large


@pytest.fixture
def appearance(qapp: QApplication) -> Iterator[Callable[[Scheme | None], Appearance]]:
    """Applies the window's look (undone after the test: other tests use Qt's default)."""
    style = qapp.style().name()
    palette = QPalette(qapp.palette())

    made: list[Appearance] = []

    def apply(scheme: Scheme | None) -> Appearance:
        made.append(apply_appearance(qapp, scheme))
        return made[-1]

    yield apply
    for look in made:  # it follows the font and the system's scheme: not in other tests
        shiboken6.delete(look)
    qapp.setStyleSheet("")
    if qapp.style().name() != style:
        qapp.setStyle(style)
    qapp.setPalette(palette)


def focus_ring_pixels(widget: QWidget, colour: str) -> int:
    image = widget.grab().toImage()
    target = QColor(colour)
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - target.red())
                + abs(pixel.green() - target.green())
                + abs(pixel.blue() - target.blue())
                < 30
            ):
                count += 1
    return count


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
def test_keyboard_focus_is_visible_on_every_main_window_stop(
    scheme: Scheme,
    appearance: Callable[[Scheme | None], Appearance],
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
) -> None:
    appearance(scheme)
    window = make_window()
    toolbar = window.menus.toolbar
    stops: list[QWidget] = [
        toolbar.findChild(QWidget, "insertButton"),
        toolbar.findChild(QWidget, "exportButton"),
        window.settings_button,
        window.block_list,
        window.add_button,
        window.preview.desktop_button,
        window.preview.mobile_button,
        window.preview.dark_button,
        window.preview.tabs,
    ]
    window.select_block("planet")
    assert window.editor is not None
    stops.append(window.editor.fields["headline"].focus_widget())
    for stop in stops:
        assert stop is not None
        focus(qtbot, window, window.editor.fields["category"].focus_widget())
        before = focus_ring_pixels(stop, scheme.focus)
        focus(qtbot, window, stop)
        after = focus_ring_pixels(stop, scheme.focus)
        # A ring of 2 px all round: at least the widget's perimeter in the focus colour.
        perimeter = stop.width() + stop.height()
        assert after - before >= perimeter, stop.objectName() or type(stop).__name__


def test_a_high_contrast_system_keeps_its_palette(
    appearance: Callable[[Scheme | None], Appearance],
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    black = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#000000"),
        (QPalette.ColorRole.Base, "#000000"),
        (QPalette.ColorRole.Text, "#ffffff"),
        (QPalette.ColorRole.WindowText, "#ffffff"),
        (QPalette.ColorRole.Highlight, "#1aebff"),
    ):
        black.setColor(role, QColor(colour))
    qapp.setPalette(black)
    monkeypatch.setattr(appearance_module, "_high_contrast", lambda app: True)
    look = appearance(None)
    assert look.high_contrast
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert qapp.palette().color(QPalette.ColorRole.Text).name() == "#ffffff"
    sheet = qapp.styleSheet()
    # None of our own colours; the focus ring in the system's highlight.
    assert not {LIGHT.accent, LIGHT.text, LIGHT.window, DARK.base, DARK.text} & set(
        re.findall(r"#[0-9a-f]{6}", sheet)
    )
    assert "2px solid #1aebff" in sheet


def test_the_dark_scheme_is_chosen_on_a_dark_system(
    appearance: Callable[[Scheme | None], Appearance], qapp: QApplication
) -> None:
    look = appearance(DARK)
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == DARK.window
    assert look.scheme is DARK


def test_rows_and_bars_fit_a_16_pt_font(
    make_window: Callable[..., MainWindow], qapp: QApplication, qtbot: QtBot
) -> None:
    font = qapp.font()
    large = QFont(font)
    large.setPointSizeF(16)
    qapp.setFont(large)
    try:
        window = make_window()
        metrics = window.block_list.fontMetrics()
        row = window.block_list.visualRect(window.model.index(0))
        assert row.height() >= 2 * metrics.height() + 10
        tabs = window.preview.tabs
        for index in range(tabs.count()):
            text = tabs.tabText(index)
            assert tabs.tabRect(index).width() >= tabs.fontMetrics().horizontalAdvance(text)
            assert tabs.tabRect(index).right() < tabs.width()  # whole, not scrolled away
        for button in (
            window.preview.desktop_button,
            window.preview.mobile_button,
            window.preview.dark_button,
            window.preview.size_label,
        ):
            assert button.width() >= button.sizeHint().width(), button.objectName()
            # Named whether its text shows or, in a narrow pane, only its icon.
            assert accessible_name(button), button.objectName()
            inside = button.mapTo(window.preview, button.rect().topRight())
            assert window.preview.rect().contains(inside), button.objectName()
        window.select_block("planet")
        assert window.editor is not None
        area = window.editor.scroll_area
        body = area.widget()
        # What does not fit scrolls: the body is never narrower than it needs to be.
        assert body.width() >= body.minimumSizeHint().width()
        assert area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    finally:
        qapp.setFont(font)


@pytest.mark.parametrize("choice", ["The Sample", "Showcase", "Blank Newsletter"])
def test_a_newsletter_started_anew_has_the_focus_in_the_block_list(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, choice: str
) -> None:
    window.preview.tabs.setFocus()
    qtbot.waitUntil(window.preview.tabs.hasFocus)
    monkeypatch.setattr(dialogs, "run_dialog", click_on_start_page(choice))
    window.files.show_start_page()
    qtbot.waitUntil(window.block_list.hasFocus)
