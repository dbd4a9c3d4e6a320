"""The composer window: block list, editor and live preview, with files, undo and export.

The window puts the parts together and keeps the selection: what each action does to the
blocks, which block the editor shows after a change, the checks' summary. Its actions and
menus are in ``window_menus``, opening and saving in ``document_files``, export and the test
mail in ``exporter``; the views follow the open document by themselves.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette, QShortcut, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from composer.checks import Finding, run_checks
from composer.document import Change, ChangeKind, Document
from composer.edits import InsertBlock, MoveBlock, RemoveBlock
from composer.gui import dialogs, library_dialog, working_copies
from composer.gui.announce import StatusAnnouncer
from composer.gui.article_import import ArticleImport
from composer.gui.background import ChecksRunner
from composer.gui.block_editors import SettingsEditor
from composer.gui.block_list_model import BlockIdRole, BlockListModel, kind_name
from composer.gui.block_list_view import BlockListView
from composer.gui.checks_panel import ChecksPanel, spoken_finding
from composer.gui.document_files import DocumentFiles
from composer.gui.editor_pane import EditorPane
from composer.gui.exporter import Exporter
from composer.gui.help import add_help_entries
from composer.gui.icons import icon
from composer.gui.keyboard import PaneCycler, tab_chain
from composer.gui.open_document import DocumentHolder, OpenDocument
from composer.gui.preferences import Preferences
from composer.gui.preview import PreviewPane
from composer.gui.rich_text_editor import FormatMenu
from composer.gui.spell_highlighter import SpellingService, user_data_folder
from composer.gui.thumbnails import ThumbnailCache
from composer.gui.translators import switch_language
from composer.gui.value_editor import ValueEditor
from composer.gui.window_menus import WindowMenus, copy_texts
from composer.gui.window_state import WindowState
from composer.i18n import ui_language
from composer.images import ImageCache
from composer.model import Bundle, new_block, new_block_id
from composer.render import RenderResult

APP_NAME: Final = "Newsletter Composer"
#: First-run sizes of the block list, the editor and the preview.
DEFAULT_SPLIT: Final = (250, 470, 720)


def _on_triggered(action: QAction, slot: Callable[[], object]) -> None:
    action.triggered.connect(lambda _checked=False: slot())


class MainWindow(QMainWindow):
    """The application's main window.

    Args:
        preferences: the user's preferences (a QSettings file of the caller's choice).
        state: how the window was left last time, kept in the same or another file.
        image_cache: where the preview keeps prepared images between runs.
        document: the document to show first; a blank one if None.

    Signals:
        document_replaced(object): the window shows another document (its OpenDocument),
            every view rebound to it.
        closed(): the window closed with nothing left unsaved (saved, or "Don't Save").
    """

    document_replaced = Signal(object)
    closed = Signal()

    def __init__(
        self,
        preferences: Preferences,
        state: WindowState,
        image_cache: ImageCache | None = None,
        document: OpenDocument | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.preferences = preferences
        self.state = state
        self.undo_group = QUndoGroup(self)
        # The views are made before the window follows the holder: on a replacement each
        # rebinds itself first, then the window selects in the new document.
        self.holder = DocumentHolder(document or OpenDocument.blank(), self)
        self.thumbnails = ThumbnailCache(self.holder)
        self.model = BlockListModel(self.holder, self)
        self.preview = PreviewPane(self.holder, image_cache)
        self.spelling = SpellingService(user_data_folder(), self)
        self.editors = EditorPane(self.holder, self.thumbnails, preferences, spelling=self.spelling)
        self.checks_runner = ChecksRunner(self.holder, self)
        self.checks_runner.spelling = self.spelling.checker
        self._followed: Document | None = None
        self._to_check: tuple[Bundle, RenderResult] | None = None

        self._build_checks_dock()
        language = preferences.chosen_language() or ui_language()
        self.menus = WindowMenus(self, self.undo_group, self.checks_dock, language)
        self.help = add_help_entries(self, self.menus.help_menu)
        self.files = DocumentFiles(self, self.holder, preferences, self.menus.save_action)
        self.exporter = Exporter(
            self,
            self.holder,
            preferences,
            lambda bundle: run_checks(bundle, spelling=self.checks_runner.spelling),
        )
        self.exporter.fix_requested.connect(self.show_finding)
        self.article_import = ArticleImport(
            self,
            lambda: self.open_document.document,
            lambda edit, text: self.open_document.push(edit, text=text),
            self._insert_position,
            self.select_block,
            lambda: self.preferences.last_folder or str(Path.home()),
        )
        self._build_central()
        self._connect_menus()
        self.working_copies = working_copies.install(self, self)
        self.block_library = library_dialog.install(self, self)
        self.files.saved_blocks_wanted.connect(self.block_library.insert_entries)
        self.statusBar().addPermanentWidget(self.checks_panel.summary)
        self.announcer = StatusAnnouncer(self, self.checks_panel)
        self.format_menu = FormatMenu(self.menus.format_menu, lambda: self.editor)
        self.editors.editor_shown.connect(self.format_menu.update_actions)
        self._install_keyboard_path()
        self.undo_group.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))
        self.model.move_requested.connect(self._push_move)
        self.preview.rendered.connect(self._rendered)
        # The checks wait for a pause in typing: run after every keystroke's preview, they
        # competed with the next one (30 blocks: key -> painted p95 205 -> 76 ms).
        self.preview.settled.connect(self._check_rendered)
        self.preview.mode_changed.connect(self._preview_mode_changed)
        self.preview.block_clicked.connect(self.go_to_finding)
        self.checks_runner.findings_ready.connect(self.checks_panel.show_findings)
        self.checks_runner.findings_ready.connect(self.model.show_findings)
        self.checks_runner.failed.connect(lambda exc: dialogs.show_error(self, exc))
        self.spelling.changed.connect(self.checks_runner.rerun)
        self.spelling.failed.connect(lambda message: self.statusBar().showMessage(message, 15000))
        self.files.saved.connect(lambda _path: self._update_title())
        self.holder.replaced.connect(self._follow)
        self._follow(self.holder.current)
        self._restore_state()

    @property
    def open_document(self) -> OpenDocument:
        """The document shown."""
        return self.holder.current

    @property
    def editor(self) -> ValueEditor | None:
        """The editor shown, if any."""
        return self.editors.editor

    # --- building --------------------------------------------------------------------------

    def _connect_menus(self) -> None:
        menus = self.menus
        _on_triggered(menus.new_action, self.files.show_start_page)
        _on_triggered(menus.new_next_issue_action, self.files.new_from_earlier_issue)
        _on_triggered(menus.new_sample_action, self.files.new_from_sample)
        _on_triggered(menus.open_action, self.files.open_dialog)
        _on_triggered(menus.import_action, self.article_import.run)
        menus.recent_menu.aboutToShow.connect(
            lambda: self.files.fill_recent_menu(menus.recent_menu)
        )
        _on_triggered(menus.save_action, self.files.save)
        _on_triggered(menus.save_as_action, self.files.save_as)
        for fmt, action in menus.export_actions.items():
            _on_triggered(action, functools.partial(self.exporter.export, fmt))
        _on_triggered(
            menus.draft_action, functools.partial(self.exporter.export, "eml", draft=True)
        )
        _on_triggered(menus.send_test_action, self.exporter.send_test_mail)
        _on_triggered(menus.quit_action, self.close)

        _on_triggered(menus.duplicate_action, self.duplicate_block)
        _on_triggered(menus.delete_action, self.delete_block)
        _on_triggered(menus.move_up_action, lambda: self.move_block(-1))
        _on_triggered(menus.move_down_action, lambda: self.move_block(1))
        _on_triggered(menus.settings_action, self.open_settings)
        for kind, action in menus.insert_actions.items():
            _on_triggered(action, functools.partial(self.insert_block, kind))

        _on_triggered(menus.desktop_action, lambda: self.preview.set_mode("desktop"))
        _on_triggered(menus.mobile_action, lambda: self.preview.set_mode("mobile"))
        menus.dark_action.toggled.connect(self.preview.set_dark)
        menus.pictures_off_action.toggled.connect(self.preview.set_pictures_off)
        self.preview.pictures_off_changed.connect(menus.pictures_off_action.setChecked)
        for language, action in menus.language_actions.items():
            _on_triggered(action, functools.partial(self.set_language, language))
        _on_triggered(menus.about_action, self._about)

    def _build_central(self) -> None:
        self.side_panel = side = QWidget(self)
        side.setObjectName("sidePanel")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 8, 0, 8)
        side_layout.setSpacing(2)
        self.settings_button = QToolButton(side)
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setIcon(icon("settings"))
        self.settings_button.setIconSize(QSize(18, 18))
        self.settings_button.setCheckable(True)
        self.settings_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.settings_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.settings_button.clicked.connect(self.open_settings)
        side_layout.addWidget(self.settings_button)
        self.side_heading = QLabel(side)
        self.side_heading.setObjectName("sideHeading")
        side_layout.addWidget(self.side_heading)
        self.block_list = BlockListView(self.thumbnails, side)
        self.block_list.setModel(self.model)
        # Keyboard actions on blocks act only while the list has the focus, so that Delete and
        # Alt+Up keep their usual meaning in the editor's fields.
        self.block_list.addAction(self.menus.duplicate_action)
        for action in self.menus.block_actions[1:]:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.block_list.addAction(action)
        self.block_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        selection = self.block_list.selectionModel()
        selection.currentChanged.connect(self._current_changed)
        # The actions follow the selection as well as the current row: a mouse click makes the
        # row current first and selects it afterwards (the keyboard does it the other way).
        selection.selectionChanged.connect(lambda _selected, _deselected: self._update_actions())
        side_layout.addWidget(self.block_list, 1)
        self.add_button = add_button = QToolButton(side)
        add_button.setObjectName("addBlockButton")
        add_button.setIcon(icon("add", add_button.palette().color(QPalette.ColorRole.Link).name()))
        add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        add_button.setMenu(self.menus.insert_menu)
        add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        add_button.setSizePolicy(self.settings_button.sizePolicy())
        side_layout.addWidget(add_button)
        self._retranslate_side()

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.editors)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 2)
        # Wide enough for the settings button's text, whatever the font's size.
        side.setMinimumWidth(max(180, self.settings_button.sizeHint().width() + 12))
        self.setCentralWidget(self.splitter)

    def _install_keyboard_path(self) -> None:
        """F6 between the panes; Tab from the list into the editor; Enter opens a block."""
        self.panes = PaneCycler(
            [
                (lambda: self.block_list, self.side_panel.isAncestorOf),
                (self._first_editor_stop, self.editors.isAncestorOf),
                (lambda: self.preview.tabs, self.preview.isAncestorOf),
                (
                    lambda: next(iter(tab_chain([self.checks_panel])), None),
                    self.checks_dock.isAncestorOf,
                ),
            ],
            self,
        )
        _on_triggered(self.menus.next_pane_action, lambda: self.panes.cycle(1))
        _on_triggered(self.menus.previous_pane_action, lambda: self.panes.cycle(-1))
        self.editors.editor_shown.connect(self._chain_tab_order)
        # Enter opens the block: the focus goes to its first field. Only the key: a click
        # (which some desktops make an activation) leaves the focus where the user put it.
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            opening = QShortcut(QKeySequence(key), self.block_list)
            opening.setContext(Qt.ShortcutContext.WidgetShortcut)
            opening.activated.connect(self.focus_editor)
        self._chain_tab_order()
        self.block_list.setFocus(Qt.FocusReason.OtherFocusReason)  # where the window opens

    def _first_editor_stop(self) -> QWidget | None:
        stops = tab_chain([self.editor]) if self.editor is not None else []
        return stops[0] if stops else None

    def _chain_tab_order(self) -> None:
        """Tab goes toolbar → block list → editor → preview → checks, as the panes are seen."""
        editor = [self.editor] if self.editor is not None else []
        chain = [
            *tab_chain([self.menus.toolbar]),
            self.settings_button,
            self.add_button,
            self.block_list,
            *tab_chain(editor),
            *tab_chain([self.preview, self.checks_panel]),
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def focus_editor(self) -> None:
        """Put the keyboard focus in the first field of the editor shown."""
        stop = self._first_editor_stop()
        if stop is not None:
            stop.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_settings(self) -> None:
        """Show the newsletter settings with the keyboard focus in their first field."""
        self.show_settings()
        self.focus_editor()

    def _build_checks_dock(self) -> None:
        self.checks_panel = ChecksPanel(self)
        self.checks_panel.finding_activated.connect(self.go_to_finding)
        self.checks_dock = QDockWidget(self.tr("Checks"), self)
        self.checks_dock.setObjectName("checksDock")
        self.checks_dock.setWidget(self.checks_panel)
        self.checks_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.checks_dock)

    def set_language(self, language: str) -> None:
        """Speak ``language`` ("sv" or "en") at once, and from the next start on.

        Qt tells every widget (``LanguageChange``) as the translators change; the window
        then takes its texts anew (``retranslate``), and each pane its own.
        """
        self.preferences.choose_language(language)
        self.menus.language_actions[language].setChecked(True)
        app = QCoreApplication.instance()
        if app is not None:
            switch_language(app, language)

    def changeEvent(self, event: QEvent) -> None:
        """Override: the language changed (see ``set_language``)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Take the window's own texts anew: menus, toolbar, side panel, dock, title, checks.

        The panes (editor, preview, block list, checks panel) follow the same event by
        themselves; the checks run again, for their messages in the new language.
        """
        self.menus.retranslate()
        self.format_menu.retranslate()
        # Another window may have made the choice: its language is checked here too.
        self.menus.language_actions[ui_language()].setChecked(True)
        scratch = QMainWindow()
        copy_texts(add_help_entries(scratch, QMenu(scratch)), self.help)
        scratch.deleteLater()
        self.working_copies.retranslate()
        self._retranslate_side()
        self.checks_dock.setWindowTitle(self.tr("Checks"))
        self._update_title()
        self.checks_runner.rerun()

    def _retranslate_side(self) -> None:
        self.settings_button.setText(self.tr("Newsletter settings"))
        self.side_heading.setText(self.tr("BLOCKS"))
        self.add_button.setText(self.tr("Add block"))

    # --- state -----------------------------------------------------------------------------

    def _restore_state(self) -> None:
        if not self.restoreGeometry(self.state.geometry):
            screen = self.screen().availableGeometry()
            self.resize(
                min(1440, int(screen.width() * 0.92)), min(900, int(screen.height() * 0.92))
            )
        if not self.restoreState(self.state.window_state):
            # Docks take their size only once the window is laid out.
            QTimer.singleShot(0, self._size_checks_dock)
        if not self.splitter.restoreState(self.state.splitter):
            self.splitter.setSizes(list(DEFAULT_SPLIT))
        self.preview.set_mode(self.state.preview_mode)
        self.menus.dark_action.setChecked(self.state.dark_preview)

    def _size_checks_dock(self) -> None:
        """Give the checks room for about six findings, or a third of the window if less."""
        height = min(self.checks_panel.sizeHint().height(), self.height() // 3)
        self.resizeDocks([self.checks_dock], [height], Qt.Orientation.Vertical)

    def save_window_state(self) -> None:
        """Remember geometry, docks, splitter sizes and preview mode."""
        self.state.geometry = self.saveGeometry()
        self.state.window_state = self.saveState()
        self.state.splitter = self.splitter.saveState()
        self.state.preview_mode = self.preview.mode
        self.state.dark_preview = self.preview.dark
        self.state.sync()

    def _preview_mode_changed(self, mode: str, dark: bool) -> None:
        menus = self.menus
        (menus.mobile_action if mode == "mobile" else menus.desktop_action).setChecked(True)
        if menus.dark_action.isChecked() != dark:
            menus.dark_action.setChecked(dark)

    # --- the open document -----------------------------------------------------------------

    def _follow(self, document: OpenDocument) -> None:
        """Show ``document``: its undo history, its title, its first block selected."""
        if self._followed is not None:
            self._followed.changed.disconnect(self._on_document_changed)
        for stack in self.undo_group.stacks():
            self.undo_group.removeStack(stack)
        self._followed = document.document
        self._followed.changed.connect(self._on_document_changed)
        self.spelling.set_language(document.document.settings.language)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        self._to_check = None
        self.setWindowModified(document.is_modified())
        self._update_title()
        blocks = document.document.blocks
        if blocks:
            self.select_block(blocks[0].id)
        else:
            self.show_settings()
        self._update_actions()
        self.document_replaced.emit(document)
        # A newsletter opened anew starts where the window opens: in the block list, not on
        # whatever button or tab had the focus before (keyboard users start from there).
        self.block_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_title(self) -> None:
        self.setWindowTitle(
            self.tr("{name}[*] — {app}").format(name=self.open_document.display_name, app=APP_NAME)
        )

    # --- blocks ----------------------------------------------------------------------------

    def selected_block_id(self) -> str | None:
        """The id of the block selected in the list, if any."""
        index = self.block_list.currentIndex()
        if not index.isValid() or not self.block_list.selectionModel().isSelected(index):
            return None
        value = index.data(BlockIdRole)
        return value if isinstance(value, str) else None

    def select_block(self, block_id: str) -> None:
        """Select the block ``block_id`` in the list and show its editor."""
        index = self.model.row_of(block_id)
        if index.isValid():
            self.block_list.setCurrentIndex(index)
            self.block_list.scrollTo(index)
            self._show_block(block_id)

    def _current_changed(
        self,
        current: QModelIndex | QPersistentModelIndex,
        _previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if current.isValid():
            block_id = current.data(BlockIdRole)
            if isinstance(block_id, str):
                self._show_block(block_id)
        self._update_actions()

    def _show_block(self, block_id: str) -> None:
        self.settings_button.setChecked(False)
        self.editors.show_block(block_id)
        self.preview.reveal_block(block_id)

    def show_settings(self) -> None:
        """Show the newsletter settings in the editor."""
        self.settings_button.setChecked(True)
        self.block_list.selectionModel().clearSelection()
        self.block_list.setCurrentIndex(QModelIndex())
        self.editors.show_settings()
        self._update_actions()

    def _insert_position(self) -> int:
        selected = self.selected_block_id()
        document = self.open_document.document
        return len(document.blocks) if selected is None else document.index_of(selected) + 1

    def insert_block(self, kind: str) -> None:
        """Insert a new block of type ``kind`` after the selected one and start editing it."""
        self.open_document.push(
            InsertBlock(
                self._insert_position(), new_block(kind, self.open_document.document.settings)
            ),
            initiator=self,
            text=self.tr("Insert {kind}").format(kind=kind_name(kind)),
        )
        if self.editor is not None and self.editor.fields:
            self.editor.focus_field(next(iter(self.editor.fields)))

    def duplicate_block(self) -> None:
        """Insert a copy of the selected block after it."""
        block_id = self.selected_block_id()
        if block_id is None:
            return
        document = self.open_document.document
        copy = document.block(block_id).model_copy(update={"id": new_block_id()})
        self.open_document.push(
            InsertBlock(document.index_of(block_id) + 1, copy),
            text=self.tr("Duplicate {kind}").format(kind=kind_name(copy.kind)),
        )

    def delete_block(self) -> None:
        """Delete the selected block (undoable)."""
        block_id = self.selected_block_id()
        if block_id is None:
            return
        kind = self.open_document.document.block(block_id).kind
        self.open_document.push(
            RemoveBlock(block_id), text=self.tr("Delete {kind}").format(kind=kind_name(kind))
        )

    def move_block(self, delta: int) -> None:
        """Move the selected block ``delta`` places (-1 up, 1 down)."""
        block_id = self.selected_block_id()
        if block_id is None:
            return
        document = self.open_document.document
        destination = document.index_of(block_id) + delta
        if 0 <= destination < len(document.blocks):
            self._push_move(block_id, destination)

    def _push_move(self, block_id: str, destination: int) -> None:
        kind = self.open_document.document.block(block_id).kind
        self.open_document.push(
            MoveBlock(block_id, destination),
            text=self.tr("Move {kind}").format(kind=kind_name(kind)),
        )

    def _on_document_changed(self, change: Change) -> None:
        document = self.open_document.document
        self.spelling.set_language(document.settings.language)
        if change.kind is ChangeKind.INSERT and change.block_id is not None:
            self.select_block(change.block_id)
        elif change.kind is ChangeKind.REMOVE:
            if (
                document.blocks
                and self.selected_block_id() is None
                and not isinstance(self.editor, SettingsEditor)
            ):
                self.select_block(document.blocks[min(change.index, len(document.blocks) - 1)].id)
            elif not document.blocks:
                self.editors.clear()
        elif change.kind is ChangeKind.MOVE and change.block_id is not None:
            if self.selected_block_id() == change.block_id or change.initiator is None:
                self.select_block(change.block_id)
        elif (
            change.kind is ChangeKind.REPLACE
            and change.initiator is None
            and (change.block_id is not None)
        ):
            # Undo or redo: show the user what changed.
            self.select_block(change.block_id)
        elif change.kind is ChangeKind.SETTINGS and change.initiator is None:
            self.show_settings()
        self._update_actions()

    def _update_actions(self) -> None:
        block_id = self.selected_block_id()
        document = self.open_document.document
        position = document.index_of(block_id) if block_id is not None else -1
        self.menus.duplicate_action.setEnabled(block_id is not None)
        self.menus.delete_action.setEnabled(block_id is not None)
        self.menus.move_up_action.setEnabled(position > 0)
        self.menus.move_down_action.setEnabled(0 <= position < len(document.blocks) - 1)

    # --- checks ----------------------------------------------------------------------------

    def _rendered(self, bundle: Bundle, result: RenderResult) -> None:
        # The checks wait until the preview has loaded: run beside it, they would compete
        # with the page for the interpreter and slow down what the user is watching.
        self._to_check = (bundle, result)
        if self.preview.is_idle():
            self._check_rendered()

    def _check_rendered(self) -> None:
        if self._to_check is not None:
            bundle, result = self._to_check
            self._to_check = None
            self.checks_runner.run(bundle, result)

    def go_to_finding(self, block_id: str, field: str, spoken: str = "") -> None:
        """Show the block (or the settings) a finding is about, with its field focused.

        ``spoken``, the finding as the checks panel reads it, becomes part of the field's
        accessible description, so that a screen reader tells what to fix there.
        """
        if block_id and block_id in self.open_document.document:
            self.select_block(block_id)
        elif not block_id:
            self.show_settings()
        else:
            return
        if field and self.editor is not None and self.editor.focus_field(field) and spoken:
            widget = self.editor.fields[field].focus_widget()
            self.checks_panel.tie(widget, block_id, field, spoken)

    def show_finding(self, finding: Finding) -> None:
        """Show ``finding`` in the checks and go to its field (the user chose "Fix First")."""
        self.checks_dock.show()
        self.checks_panel.select(finding)
        if finding.block_id or finding.field:
            self.go_to_finding(finding.block_id or "", finding.field or "", spoken_finding(finding))

    # --- window ----------------------------------------------------------------------------

    def _about(self) -> None:
        from composer import __version__

        dialogs.show_information(
            self,
            self.tr("Newsletter Composer {version}").format(version=__version__),
            self.tr(
                "Compose, check and export an email newsletter that "
                "looks right in Gmail, Outlook and Apple Mail."
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Override: ask about unsaved changes, remember the window, stop background work."""
        if self.exporter.is_exporting() or not self.files.maybe_save():
            event.ignore()
            return
        self.save_window_state()
        self.shut_down()
        event.accept()
        self.closed.emit()

    def shut_down(self) -> None:
        """Stop the background work and let go of the document (the window is closing)."""
        self.files.release()
        self.preview.shut_down()
        self.checks_runner.close()
        self.spelling.close()
        self.editors.clear()
        self.model.detach()
        if self._followed is not None:
            self._followed.changed.disconnect(self._on_document_changed)
            self._followed = None
