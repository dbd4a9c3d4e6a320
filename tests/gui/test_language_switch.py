"""View → Språk / Language changes the window's language at once, without a restart (issue 12)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QTabBar, QTreeWidget
from pytestqt.qtbot import QtBot

from composer.gui.block_list_model import KindNameRole
from composer.gui.main_window import MainWindow
from composer.gui.translators import switch_language
from composer.i18n import set_ui_language, ui_language


@pytest.fixture
def english_after(qapp: QApplication) -> Iterator[None]:
    """Whatever a test switches to, the next test starts in English again.

    Request it before ``window``, so that the window is closed before the switch back.
    """
    yield
    switch_language(qapp, "en")
    set_ui_language(None)


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def label_texts(window: MainWindow) -> set[str]:
    assert window.editor is not None
    return {label.text() for label in window.editor.findChildren(QLabel) if label.isVisible()}


def choose(window: MainWindow, qtbot: QtBot, language: str, file_menu: str) -> None:
    """Pick a language in View → Språk / Language, and wait for the window to take it."""
    window.menus.view_menu.aboutToShow.emit()
    window.menus.language_actions[language].trigger()
    qtbot.waitUntil(lambda: menu_titles(window)[0] == file_menu)


def test_the_window_speaks_swedish_at_once_and_english_again(
    english_after: None, window: MainWindow, qtbot: QtBot
) -> None:
    assert menu_titles(window)[:5] == ["&File", "&Edit", "&Insert", "F&ormat", "&View"]
    window.select_block("planet")
    assert "Headline" in label_texts(window)
    focus_before = window.editor.fields["headline"] if window.editor else None
    assert focus_before is not None
    focus_before.focus_widget().setFocus()

    choose(window, qtbot, "sv", "&Arkiv")
    assert ui_language() == "sv"
    assert menu_titles(window)[:5] == ["&Arkiv", "&Redigera", "&Infoga", "&Format", "&Visa"]
    format_entries = [action.text() for action in window.menus.format_menu.actions()]
    assert format_entries[0].startswith("&Fetstil\t")
    # The editor of the same block, in Swedish, with the focus where it was.
    assert "Rubrik" in label_texts(window)
    assert window.editor is not None
    assert window.editor.fields["headline"].focus_widget().hasFocus()
    # Menus made by others, the toolbar, the preview, the list and the checks follow too.
    assert window.help.guide_action.text() == "&Användarhandbok"
    assert window.menus.export_actions["html"].text() == "Som &HTML-mapp…"
    assert window.checks_dock.windowTitle() == "Kontroller"
    tabs = window.preview.findChild(QTabBar, "previewTabs")
    assert tabs is not None and tabs.tabText(0) == "Förhandsvisning"
    assert window.model.row_of("planet").data(KindNameRole) == "Artikel"
    assert window.settings_button.text() == "Nyhetsbrevsinställningar"
    # Undo still undoes, under its Swedish name.
    assert window.menus.undo_action in window.menus.edit_menu.actions()
    assert window.menus.undo_action.text().startswith("&Ångra")

    choose(window, qtbot, "en", "&File")
    assert ui_language() == "en"
    assert "Headline" in label_texts(window)
    assert window.menus.undo_action.text().startswith("&Undo")
    assert window.preferences.chosen_language() == "en"


def test_the_language_menu_reads_in_both_languages(
    english_after: None, window: MainWindow, qtbot: QtBot
) -> None:
    assert window.menus.language_menu.title() == "Språk / &Language"
    choose(window, qtbot, "sv", "&Arkiv")
    assert window.menus.language_menu.title() == "&Språk / Language"
    assert isinstance(window.menus.language_menu, QMenu)


def test_the_checks_speak_the_new_language(
    english_after: None, window: MainWindow, qtbot: QtBot
) -> None:
    window.show_settings()
    assert window.editor is not None
    window.editor.fields["subject"].focus_widget().setFocus()
    subject = window.editor.fields["subject"].focus_widget()
    subject.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(subject, "\b")
    tree = window.checks_panel.findChild(QTreeWidget, "checks")
    assert tree is not None
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0, timeout=15_000)
    choose(window, qtbot, "sv", "&Arkiv")
    qtbot.waitUntil(
        lambda: (
            (item := tree.topLevelItem(0)) is not None
            and item.child(0) is not None
            and "Nyhetsbrevet har ingen ämnesrad" in item.child(0).text(0)
        ),
        timeout=15_000,
    )
    header = tree.topLevelItem(0)
    assert header is not None and header.text(0).startswith("Fel")


def test_every_open_window_follows(
    english_after: None, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    first, second = make_window(), make_window()
    choose(first, qtbot, "sv", "&Arkiv")
    qtbot.waitUntil(lambda: menu_titles(second)[0] == "&Arkiv")
    assert second.menus.language_actions["sv"].isChecked()


def test_the_title_and_the_preview_size_follow_the_switch(
    english_after: None, window: MainWindow, qtbot: QtBot
) -> None:
    """The sample's name in the title and the email's size are read anew in the new language.

    Found in the user trial: after View → Språk / Language → Svenska the title still said
    "Sample newsletter" and the preview bar "13.7 KB" (with a point) until the next edit.
    """
    size = window.preview.size_label
    assert window.windowTitle().startswith("Sample newsletter")
    english_size = size.text()
    assert english_size.endswith(" KB") and "." in english_size

    choose(window, qtbot, "sv", "&Arkiv")
    assert window.windowTitle().startswith("Exempelnyhetsbrev")
    assert size.text() == english_size.replace(".", ",").replace(" KB", " kB")

    choose(window, qtbot, "en", "&File")
    assert window.windowTitle().startswith("Sample newsletter")
    assert size.text() == english_size
