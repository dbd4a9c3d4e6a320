"""The window's actions and where they appear: the menu bar, the toolbar, the block list.

Each action says what it is (text, shortcut, icon, tip); the window connects it to what it
does. The menu bar is built one method per menu in the order it shows them, so a new entry is
an action here, a line in its menu's method, and a connection in the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QMenuBar,
    QToolBar,
    QToolButton,
)

from composer.export import Format
from composer.gui.block_list_model import kind_name
from composer.gui.icons import block_icon, icon
from composer.gui.keyboard import assign_mnemonics_everywhere
from composer.gui.preferences import LANGUAGE_NAMES
from composer.model import BLOCK_TYPES


def with_mnemonics(names: list[str]) -> list[str]:
    """``names`` each with a mnemonic (``&``) on a letter no earlier name has taken.

    The names are translated, so the letters are chosen in the language shown: the first
    letter of a word if free, else any free letter; a name with none free gets none.
    """
    taken: set[str] = set()
    marked = []
    for name in names:
        starts = [i for i, ch in enumerate(name) if ch.isalpha() and (i == 0 or name[i - 1] == " ")]
        others = [i for i, ch in enumerate(name) if ch.isalpha() and i not in starts]
        index = next((i for i in starts + others if name[i].lower() not in taken), None)
        if index is None:
            marked.append(name)
            continue
        taken.add(name[index].lower())
        marked.append(f"{name[:index]}&{name[index:]}")
    return marked


class WindowMenus(QObject):
    """Creates the window's actions, its menu bar and its toolbar.

    Args:
        window: the window the actions, menus and toolbar belong to.
        undo_group: gives the Undo and Redo actions, which follow the open document.
        checks_dock: the dock of the checks, shown and hidden from the View menu.
        language: the language the window speaks now, checked in the Language menu.
    """

    #: Undo and Redo; made anew when the language changes (``retranslate``).
    undo_action: QAction
    redo_action: QAction

    def __init__(
        self,
        window: QMainWindow,
        undo_group: QUndoGroup,
        checks_dock: QDockWidget,
        language: str,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._undo_group = undo_group
        self._language = language
        self._create_file_actions()
        self._create_edit_actions(undo_group)
        self._create_view_actions(checks_dock)
        self.about_action = self._action(self.tr("&About Newsletter Composer"))

        bar = window.menuBar()
        self._build_file_menu(bar)
        self._build_edit_menu(bar)
        self._build_insert_menu(bar)
        #: Filled by ``rich_text_editor.install_format_menu``: it acts on the body edited.
        self.format_menu = bar.addMenu(self.tr("F&ormat"))
        self.toolbar = self._build_toolbar()
        window.addToolBar(self.toolbar)
        self._build_view_menu(bar, language)
        self._build_help_menu(bar)
        assign_mnemonics_everywhere(bar)

    def retranslate(self) -> None:
        """Take every text anew, in the language installed now (on a LanguageChange).

        The actions stay, with their connections, shortcuts and places (the block list's
        context menu, the toolbar, entries others added to the menus): a twin is built from
        the same code on a window of its own, and each action, menu and toolbar button here
        takes its twin's texts. Undo and Redo are made anew: their prefix is fixed when made.
        """
        scratch = QMainWindow()
        try:
            twin = WindowMenus(scratch, QUndoGroup(scratch), QDockWidget(scratch), self._language)
            copy_texts(twin, self, skip={"undo_action", "redo_action"})
            self.toolbar.setWindowTitle(twin.toolbar.windowTitle())
            for button in twin.toolbar.findChildren(QToolButton):
                mine = self.toolbar.findChild(QToolButton, button.objectName())
                if button.objectName() and mine is not None:
                    mine.setText(button.text())
                    mine.setToolTip(button.toolTip())
        finally:
            scratch.deleteLater()
        self.undo_action = _replace_action(
            self.undo_action, self._undo_group.createUndoAction(self._window, self.tr("&Undo"))
        )
        self.redo_action = _replace_action(
            self.redo_action, self._undo_group.createRedoAction(self._window, self.tr("&Redo"))
        )

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | None = None,
        icon_name: str = "",
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self._window)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        return action

    # --- the actions -----------------------------------------------------------------------

    def _create_file_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action(
            self.tr("&New"),
            QKeySequence(keys.New),
            "new",
            self.tr("Start a newsletter: the next issue, a blank one, the sample or a recent one"),
        )
        self.new_next_issue_action = self._action(
            self.tr("New from Ear&lier Issue…"),
            tip=self.tr("Start next month's issue from an earlier one: same settings and blocks"),
        )
        self.new_sample_action = self._action(
            self.tr("New from Sa&mple"), tip=self.tr("Start from the sample newsletter")
        )
        self.open_action = self._action(
            self.tr("&Open…"), QKeySequence(keys.Open), "open", self.tr("Open a newsletter file")
        )
        self.import_action = self._action(
            self.tr("&Import…"),
            QKeySequence("Ctrl+Shift+I"),
            tip=self.tr("Make articles of a Word document, a web page, Markdown or text"),
        )
        self.save_action = self._action(
            self.tr("&Save"), QKeySequence(keys.Save), "save", self.tr("Save the newsletter")
        )
        self.save_as_action = self._action(self.tr("Save &As…"), QKeySequence(keys.SaveAs))
        self.export_actions: dict[Format, QAction] = {
            "html": self._action(
                self.tr("As an &HTML Folder…"),
                QKeySequence("Ctrl+E"),
                "export",
                self.tr("Export newsletter.html with its pictures"),
            ),
            "zip": self._action(self.tr("As a &Zip for an Email Service…")),
            "eml": self._action(
                self.tr("As an &Email Message (.eml)…"),
                tip=self.tr("A message to look at, forward or archive in any mail program"),
            ),
        }
        self.draft_action = self._action(
            self.tr("As a &Draft to Send from Your Mail Program (.eml)…"),
            tip=self.tr(
                "An .eml that Outlook opens as a new message ready to send, and Thunderbird "
                "in its editor, from your own address"
            ),
        )
        self.send_test_action = self._action(
            self.tr("Send &Test Mail…"),
            QKeySequence("Ctrl+Shift+T"),
            tip=self.tr("Send the newsletter to yourself, to see it in your own mail program"),
        )
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence(keys.Quit))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    def _create_edit_actions(self, undo_group: QUndoGroup) -> None:
        keys = QKeySequence.StandardKey
        self.undo_action = undo_group.createUndoAction(self._window, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence(keys.Undo))
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = undo_group.createRedoAction(self._window, self.tr("&Redo"))
        redo_keys = [QKeySequence(keys.Redo), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
        self.redo_action.setShortcuts(list(dict.fromkeys(redo_keys)))
        self.redo_action.setIcon(icon("redo"))
        self.duplicate_action = self._action(
            self.tr("Dupl&icate Block"),
            QKeySequence("Ctrl+D"),
            "duplicate",
            self.tr("Duplicate the selected block"),
        )
        self.delete_action = self._action(
            self.tr("&Delete Block"),
            QKeySequence(keys.Delete),
            "delete",
            self.tr("Delete the selected block"),
        )
        self.move_up_action = self._action(
            self.tr("Move Block U&p"),
            QKeySequence("Alt+Up"),
            "up",
            self.tr("Move the selected block up"),
        )
        self.move_down_action = self._action(
            self.tr("Move Block Do&wn"),
            QKeySequence("Alt+Down"),
            "down",
            self.tr("Move the selected block down"),
        )
        #: What the block list offers on its own (its context menu and keys).
        self.block_actions = (
            self.duplicate_action,
            self.delete_action,
            self.move_up_action,
            self.move_down_action,
        )
        self.settings_action = self._action(
            self.tr("Newsletter &Settings"), QKeySequence("Ctrl+,"), "settings"
        )
        self.insert_actions: dict[str, QAction] = {}
        names = with_mnemonics([kind_name(kind) for kind in BLOCK_TYPES])
        for number, (kind, name) in enumerate(zip(BLOCK_TYPES, names, strict=True), 1):
            # Ctrl+Shift+1 to 9 insert the first nine kinds (the rich text's lists are on
            # Ctrl+Shift+L and N); the spacer and the links row are in the menu only.
            shortcut: QKeySequence | None = (
                QKeySequence(f"Ctrl+Shift+{number}") if number <= 9 else None
            )
            action = self._action(name, shortcut)
            action.setIcon(block_icon(kind))
            action.setStatusTip(
                self.tr("Insert a new {kind} block after the selected one").format(
                    kind=kind_name(kind).lower()
                )
            )
            self.insert_actions[kind] = action

    def _create_view_actions(self, checks_dock: QDockWidget) -> None:
        self.desktop_action = self._action(
            self.tr("&Desktop Width"), QKeySequence("Ctrl+1"), "desktop"
        )
        self.mobile_action = self._action(
            self.tr("&Mobile Width"), QKeySequence("Ctrl+2"), "mobile"
        )
        widths = QActionGroup(self)
        for action in (self.desktop_action, self.mobile_action):
            action.setCheckable(True)
            widths.addAction(action)
        self.desktop_action.setChecked(True)
        self.dark_action = self._action(
            self.tr("D&ark Mode Preview"), QKeySequence("Ctrl+3"), "dark"
        )
        self.dark_action.setCheckable(True)
        self.pictures_off_action = self._action(
            self.tr("Preview Without &Pictures"), QKeySequence("Ctrl+4"), "image"
        )
        self.pictures_off_action.setCheckable(True)
        self.checks_action = checks_dock.toggleViewAction()
        self.checks_action.setText(self.tr("&Checks Panel"))
        self.checks_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.next_pane_action = self._action(self.tr("Ne&xt Pane"), QKeySequence("F6"))
        self.previous_pane_action = self._action(
            self.tr("Pre&vious Pane"), QKeySequence("Shift+F6")
        )

    # --- the menu bar ----------------------------------------------------------------------

    def _build_file_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(self.tr("&File"))
        menu.addAction(self.new_action)
        menu.addAction(self.new_next_issue_action)
        menu.addAction(self.new_sample_action)
        menu.addAction(self.open_action)
        #: Filled by the window each time it opens.
        self.recent_menu = menu.addMenu(self.tr("Open &Recent"))
        menu.addAction(self.import_action)
        menu.addSeparator()
        menu.addAction(self.save_action)
        menu.addAction(self.save_as_action)
        menu.addSeparator()
        self.export_menu = menu.addMenu(icon("export"), self.tr("&Export"))
        for action in self.export_actions.values():
            self.export_menu.addAction(action)
        self.export_menu.addAction(self.draft_action)
        menu.addAction(self.send_test_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        self.file_menu = menu

    def _build_edit_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(self.tr("&Edit"))
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        for action in self.block_actions:
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.settings_action)
        self.edit_menu = menu

    def _build_insert_menu(self, bar: QMenuBar) -> None:
        self.insert_menu = bar.addMenu(self.tr("&Insert"))
        for action in self.insert_actions.values():
            self.insert_menu.addAction(action)

    def _build_view_menu(self, bar: QMenuBar, language: str) -> None:
        menu = bar.addMenu(self.tr("&View"))
        menu.addAction(self.desktop_action)
        menu.addAction(self.mobile_action)
        menu.addAction(self.dark_action)
        menu.addAction(self.pictures_off_action)
        menu.addSeparator()
        toolbar_action = self.toolbar.toggleViewAction()
        toolbar_action.setText(self.tr("&Toolbar"))
        menu.addAction(toolbar_action)
        menu.addAction(self.checks_action)
        menu.addSeparator()
        menu.addAction(self.next_pane_action)
        menu.addAction(self.previous_pane_action)
        menu.addSeparator()
        # Both words in either language: a user who cannot read the window now finds it.
        self.language_menu = menu.addMenu(self.tr("Språk / &Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES.items():
            # Each language in its own words, untranslated: the user must recognise theirs
            # whatever the window speaks now.
            action = self.language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == language)
            group.addAction(action)
            self.language_actions[code] = action
        self.view_menu = menu

    def _build_help_menu(self, bar: QMenuBar) -> None:
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)

    # --- the toolbar -----------------------------------------------------------------------

    def _menu_button(
        self, parent: QToolBar, name: str, icon_name: str, text: str, tip: str, menu: QMenu
    ) -> None:
        button = QToolButton(parent)
        button.setObjectName(f"{name}Button")
        button.setText(text)
        button.setIcon(icon(icon_name))
        button.setToolTip(tip)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        parent.addWidget(button)

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar(self.tr("Main toolbar"), self._window)
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(18, 18))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for action in (self.new_action, self.open_action, self.save_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        toolbar.addSeparator()
        self._menu_button(
            toolbar,
            "insert",
            "add",
            self.tr("Insert"),
            self.tr("Insert a block after the selected one"),
            self.insert_menu,
        )
        for action in self.block_actions:
            toolbar.addAction(action)
        toolbar.addSeparator()
        self._menu_button(
            toolbar,
            "export",
            "export",
            self.tr("Export"),
            self.tr("Export the newsletter for sending"),
            self.export_menu,
        )
        return toolbar


def copy_texts(
    source: object, target: object, skip: set[str] | frozenset[str] = frozenset()
) -> None:
    """Give ``target``'s actions and menus the texts of ``source``'s, attribute by attribute.

    ``source`` is a twin of ``target`` (an object of the same class, built in another
    language); actions and menus in dicts are matched by key. Attributes named in ``skip``
    are left alone.
    """
    for name, theirs in vars(source).items():
        if name in skip:
            continue
        mine = getattr(target, name, None)
        pairs = (
            [(theirs[key], mine[key]) for key in theirs if key in mine]
            if isinstance(theirs, dict) and isinstance(mine, dict)
            else [(theirs, mine)]
        )
        for their_item, my_item in pairs:
            if isinstance(their_item, QAction) and isinstance(my_item, QAction):
                my_item.setText(their_item.text())
                my_item.setToolTip(their_item.toolTip())
                my_item.setStatusTip(their_item.statusTip())
            elif isinstance(their_item, QMenu) and isinstance(my_item, QMenu):
                my_item.setTitle(their_item.title())


def _replace_action(old: QAction, new: QAction) -> QAction:
    """Put ``new`` where ``old`` is (menus, toolbar), with its shortcuts and icon; drop ``old``."""
    new.setShortcuts(old.shortcuts())
    new.setShortcutContext(old.shortcutContext())
    new.setIcon(old.icon())
    for widget in old.associatedObjects():
        # Menus and toolbars; a toolbar's button for the action goes with it.
        if isinstance(widget, QMenu | QToolBar):
            widget.insertAction(old, new)
            widget.removeAction(old)
    old.deleteLater()
    return new
