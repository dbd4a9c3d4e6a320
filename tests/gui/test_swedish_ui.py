"""The window in Swedish, as a Swedish communications officer sees it, and the language menu."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTabBar,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

import composer
from composer.gui import dialogs
from composer.gui.app import install_translators
from composer.gui.block_editors import ArticleEditor
from composer.gui.block_list_model import KindNameRole
from composer.gui.fields import LineField
from composer.gui.main_window import MainWindow
from composer.gui.preferences import Preferences, system_language, window_language
from composer.gui.translators import switch_language
from composer.i18n import set_ui_language, ui_language

TS_FILE = Path(composer.__file__).resolve().parent.parent / "resources/translations/composer_sv.ts"


@pytest.fixture
def swedish(qapp: QApplication) -> Iterator[None]:
    """Swedish chosen at start-up: the translators are installed before any window is made.

    Request it before ``make_window``, so that the windows are closed before the translators
    go.
    """
    translators = install_translators(qapp, "sv")
    # Qt's own catalog (the buttons of standard dialogs) and the program's.
    assert len(translators) == 2
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    set_ui_language(None)


def english_sources() -> set[str]:
    """Every English text of the window that reads differently in Swedish."""
    sources = set()
    for message in ET.parse(TS_FILE).getroot().iter("message"):
        source = message.findtext("source") or ""
        if source != (message.findtext("translation") or ""):
            sources.add(source)
    return sources


def menu_texts(menu: QMenu) -> Iterator[str]:
    """The texts of a menu and its submenus, as the user reads them (tips included)."""
    for action in menu.actions():
        yield from (action.text(), action.toolTip(), action.statusTip())
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from menu_texts(submenu)


def widget_texts(root: QWidget) -> Iterator[str]:
    """The texts the user can read in ``root``'s visible widgets."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        yield widget.toolTip()
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget.text()
        if isinstance(widget, QComboBox):
            yield from (widget.itemText(index) for index in range(widget.count()))
        if isinstance(widget, QTabBar):
            yield from (widget.tabText(index) for index in range(widget.count()))
        if isinstance(widget, QTreeWidget) and widget.headerItem() is not None:
            yield widget.headerItem().text(0)
        for action in widget.actions():
            yield from (action.text(), action.toolTip())


def wait_until_ready_to_send(qtbot: QtBot, window: MainWindow) -> None:
    """Waits for the checks of the sample (which has no problem) to be shown."""
    qtbot.waitUntil(
        lambda: window.checks_panel.summary.text() == "✓ Klart att skicka", timeout=15_000
    )


# --- the window ------------------------------------------------------------------------------


def test_the_menus_read_as_in_a_swedish_office_program(
    swedish: None, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Arkiv", "&Redigera", "&Infoga", "&Format", "&Visa", "&Hjälp"]
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    assert [action.text() for action in file_menu.actions() if action.text()] == [
        "&Nytt",
        "Nytt från tidi&gare nummer…",
        "Nytt från e&xempel",
        "&Öppna…",
        "Öppna senas&te",
        "&Importera…",
        "&Spara",
        "Spara s&om…",
        "Mins&ka filstorleken…",
        "&Behåll originalbilder",
        "&Exportera",
        "Skicka test&mejl…",
        "&Avsluta",
    ]
    assert window.settings_button.text() == "Nyhetsbrevsinställningar"
    assert window.checks_dock.windowTitle() == "Kontroller"
    kinds = [window.model.index(row).data(KindNameRole) for row in range(3)]
    assert kinds == ["Sidhuvud", "Artikel", "Avdelare"]
    wait_until_ready_to_send(qtbot, window)

    assert window.menus.undo_action.text() == "&Ångra"
    assert window.menus.redo_action.text() == "&Gör om"
    window.select_block("planet")
    window.insert_block("text")
    assert window.menus.undo_action.text() == "&Ångra Infoga block (Text)"


def test_no_english_is_left_in_the_window_or_its_editors(
    swedish: None, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    wait_until_ready_to_send(qtbot, window)
    english = english_sources()
    seen: set[str] = set()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        seen.update(menu_texts(menu))
    seen.update(widget_texts(window))
    # Every editor: each block type of the sample, and the settings.
    for block in window.open_document.document.blocks:
        window.select_block(block.id)
        seen.update(widget_texts(window))
    window.show_settings()
    seen.update(widget_texts(window))
    assert "Nyhetsbrevsinställningar" in seen  # the walk did read the window
    assert "Förhandsvisning" in seen
    assert sorted(seen & english) == []


def test_a_refused_link_is_explained_under_its_field_in_swedish(
    swedish: None, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    window.select_block("planet")
    assert isinstance(window.editor, ArticleEditor)
    field = window.editor.fields["link_url"]
    assert isinstance(field, LineField)
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, "www.northsweden.eu")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.problem_shown()
    assert field.problem() == (
        "”www.northsweden.eu” saknar protokoll: skriv den som https://www.northsweden.eu."
    )
    # A screen reader reads it with the field, as an error, in Swedish.
    assert field.line.accessibleName() == "Länk"
    assert field.line.accessibleDescription() == f"Fel: {field.problem()}"


def test_the_checks_speak_swedish_in_the_panel(
    swedish: None, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    wait_until_ready_to_send(qtbot, window)
    window.show_settings()
    assert window.editor is not None
    field = window.editor.fields["subject"]
    assert isinstance(field, LineField)
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.checks_panel.counts()[0] == 1, timeout=15_000)
    tree = window.checks_panel.findChild(QTreeWidget, "checks")
    assert tree is not None
    group = tree.topLevelItem(0)
    assert group is not None
    assert group.text(0) == "Fel – rätta innan du skickar (1)"
    assert (
        group.child(0)
        .text(0)
        .startswith("inställningar (ämnesrad)\nNyhetsbrevet har ingen ämnesrad.")
    )
    assert window.checks_panel.summary.text() == "1 fel"


# --- dialogs ---------------------------------------------------------------------------------


def record_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, list[str]]]:
    """Answers every dialog at once, recording its title, text and buttons."""
    shown: list[tuple[str, str, list[str]]] = []

    def answer(dialog: QDialog) -> int:
        assert isinstance(dialog, QMessageBox)
        buttons = [button.text().replace("&", "") for button in dialog.buttons()]
        shown.append((dialog.windowTitle(), dialog.text(), buttons))
        return 0

    monkeypatch.setattr(dialogs, "run_dialog", answer)
    return shown


def test_opening_a_file_that_is_not_a_newsletter_is_explained_in_swedish(
    swedish: None,
    make_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = make_window()
    path = tmp_path / "brev.newsletter"
    path.write_text("Hej!", encoding="utf-8")
    shown = record_dialogs(monkeypatch)
    assert not window.files.open_path(path)
    assert shown == [
        (
            "Newsletter Composer",
            "Det går inte att öppna ”brev.newsletter”: det är inte en nyhetsbrevsfil (den är "
            "inte ett zip-arkiv). Den kan vara skadad eller av ett annat slag.",
            ["Ok"],  # Qt's own Swedish for its OK button
        )
    ]
    assert window.open_document.display_name == "Exempelnyhetsbrev"


def test_qts_own_buttons_speak_swedish_too(
    swedish: None, make_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    shown = record_dialogs(monkeypatch)
    assert dialogs.ask_unsaved_changes(window, "Nyhetsbrev november") is (
        dialogs.UnsavedChoice.CANCEL
    )
    [(_title, text, buttons)] = shown
    assert text == "Vill du spara ändringarna i ”Nyhetsbrev november”?"
    assert "Spara" in buttons
    assert "Avbryt" in buttons
    assert not {"Save", "Cancel", "Discard"} & set(buttons)


# --- choosing the language -------------------------------------------------------------------


def test_the_language_menu_keeps_the_choice_for_the_next_start(
    qapp: QApplication,
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    settings: QSettings,
) -> None:
    window = make_window()
    assert window.menus.language_menu.title() == "Språk / &Language"
    assert window.menus.language_actions["en"].isChecked()
    try:
        window.menus.language_actions["sv"].trigger()
        assert window.menus.language_actions["sv"].isChecked()
        assert not window.menus.language_actions["en"].isChecked()
        # At once (tests/gui/test_language_switch.py has the details), and at the next start.
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&Arkiv")
        again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
        assert again.value(Preferences.language.key) == "sv"
        assert window_language(Preferences(again), QLocale(QLocale.Language.English)) == "sv"
    finally:
        window.close()
        switch_language(qapp, "en")
        set_ui_language(None)


def test_a_swedish_window_speaks_english_when_english_is_chosen(
    swedish: None, qtbot: QtBot, make_window: Callable[..., MainWindow], settings: QSettings
) -> None:
    window = make_window()
    assert window.menus.language_menu.title() == "&Språk / Language"
    # Each language in its own name, whatever the window speaks.
    # (With an access key each, the first letter: Alt+V, S for Svenska.)
    assert [action.text() for action in window.menus.language_menu.actions()] == [
        "&Svenska",
        "&English",
    ]
    assert window.menus.language_actions["sv"].isChecked()
    window.menus.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&File")
    assert window.menus.language_menu.title() == "Språk / &Language"
    assert window_language(Preferences(settings)) == "en"


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        (QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden), "sv"),
        (QLocale(QLocale.Language.Swedish, QLocale.Country.Finland), "sv"),
        (QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom), "en"),
        (QLocale(QLocale.Language.German, QLocale.Country.Germany), "en"),
        (QLocale.c(), "en"),
    ],
)
def test_without_a_choice_the_window_follows_the_system(
    settings: QSettings, locale: QLocale, language: str
) -> None:
    assert system_language(locale) == language
    assert window_language(Preferences(settings), locale) == language


def test_a_choice_wins_over_the_system_and_nonsense_is_ignored(settings: QSettings) -> None:
    sweden = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
    preferences = Preferences(settings)
    preferences.choose_language("en")
    assert window_language(preferences, sweden) == "en"
    settings.setValue(Preferences.language.key, "klingon")
    assert window_language(preferences, sweden) == "sv"
    with pytest.raises(ValueError, match="de"):
        preferences.choose_language("de")


def test_english_needs_no_catalog_and_the_core_follows(qapp: QApplication) -> None:
    assert install_translators(qapp, "en") == []
    try:
        assert ui_language() == "en"
        assert QApplication.translate("WindowMenus", "&File") == "&File"
    finally:
        set_ui_language(None)


def test_the_core_follows_the_language_of_the_window(qapp: QApplication) -> None:
    translators = install_translators(qapp, "sv")
    try:
        assert ui_language() == "sv"
        assert QApplication.translate("WindowMenus", "&File") == "&Arkiv"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        set_ui_language(None)
    assert QApplication.translate("WindowMenus", "&File") == "&File"


def test_every_action_of_the_window_has_swedish_text(
    swedish: None, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    english = english_sources()
    texts = [action.text() for action in window.findChildren(QAction) if action.text()]
    assert len(texts) > 30
    assert [text for text in texts if text in english] == []


def test_every_swedish_menu_entry_has_an_access_key_of_its_own(
    swedish: None, make_window: Callable[..., MainWindow]
) -> None:
    from composer.gui.keyboard import missing_mnemonics, mnemonic_clashes

    window = make_window()
    assert mnemonic_clashes(window.menuBar()) == []
    assert missing_mnemonics(window.menuBar()) == []
