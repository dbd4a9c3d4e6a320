"""The composer window: block list, editor and live preview, with files, undo and export."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from composer.checks import Finding
from composer.document import Change, ChangeKind, Document
from composer.edits import InsertBlock, MoveBlock, RemoveBlock
from composer.errors import ExportCancelled
from composer.export import Format, slug
from composer.gui import dialogs
from composer.gui.app import LANGUAGE_NAMES, choose_language, chosen_language
from composer.gui.background import ChecksRunner, ExportJob
from composer.gui.block_editors import BlockEditor, SettingsEditor, ValueEditor, editor_for
from composer.gui.block_list_model import BlockIdRole, BlockListModel, kind_name
from composer.gui.block_list_view import BlockListView
from composer.gui.checks_panel import ChecksPanel
from composer.gui.file_guard import FileGuard, SaveOutcome
from composer.gui.help import add_help_entries
from composer.gui.icons import block_icon, icon
from composer.gui.preview import PreviewPane
from composer.gui.send_dialog import SendDialog
from composer.gui.session import EditSession
from composer.gui.thumbnails import ThumbnailCache
from composer.gui.window_state import WindowState
from composer.i18n import ui_language
from composer.images import ImageCache
from composer.model import (
    BLOCK_TYPES,
    Bundle,
    MastheadBlock,
    Newsletter,
    Settings,
    make_block,
    new_block_id,
)
from composer.render import RenderResult
from composer.sample import load_sample
from composer.storage import FILE_SUFFIX

APP_NAME: Final = "Newsletter Composer"
#: First-run sizes of the block list, the editor and the preview.
DEFAULT_SPLIT: Final = (250, 470, 720)


def blank_newsletter() -> Newsletter:
    """A new, empty newsletter: dated today, with a masthead to start from."""
    return Newsletter(settings=Settings(issue_date=dt.date.today()), blocks=(MastheadBlock(),))


def sample_session() -> EditSession:
    """A fresh copy of the sample newsletter, ready to edit."""
    name = QCoreApplication.translate("MainWindow", "Sample newsletter")
    return EditSession(Document(load_sample()), None, name)


class MainWindow(QMainWindow):
    """The application's main window.

    Args:
        state: the remembered window state (a QSettings file of the caller's choice).
        image_cache: where the preview keeps prepared images between runs.
        session: the document to show first; a blank one if None.

    Signals:
        export_finished(object, object): an export ended: the file written or None, and the
            error or None (ExportCancelled when the user cancelled).
        document_replaced(object): the window shows another document (its EditSession).
        closed(): the window closed with nothing left unsaved (saved, or "Don't Save").
    """

    export_finished = Signal(object, object)
    document_replaced = Signal(object)
    closed = Signal()

    def __init__(
        self,
        state: WindowState,
        image_cache: ImageCache | None = None,
        session: EditSession | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.state = state
        self.undo_group = QUndoGroup(self)
        self.session = session or EditSession(
            Document(Bundle(blank_newsletter())), None, self.tr("Untitled")
        )
        self.session.setParent(self)
        self.thumbnails = ThumbnailCache(self.session.document.images)
        self.model = BlockListModel(self.session.document, self)
        self.preview = PreviewPane(image_cache)
        self.checks_runner = ChecksRunner(self)
        self.editor: ValueEditor | None = None
        self._export_job: ExportJob | None = None
        self._progress: QProgressDialog | None = None
        self._export_warnings: list[str] = []
        # The SMTP password, if the user asked to remember it for this session; never on disk.
        self._smtp_password: str | None = None
        self._to_check: tuple[Newsletter, RenderResult] | None = None

        self._build_actions()
        self.file_guard = FileGuard(self, self.open_path, self.save, self.save_as, self.save_action)
        self._build_menus()
        self._build_toolbar()
        self._build_central()
        self._build_checks_dock()
        self._build_language_menu()
        self.statusBar().addPermanentWidget(self.checks_summary)
        self.undo_group.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))
        self.model.move_requested.connect(self._move_requested)
        self.preview.rendered.connect(self._rendered)
        self.preview.preview_loaded.connect(self._check_rendered)
        self.preview.mode_changed.connect(self._preview_mode_changed)
        self.checks_runner.findings_ready.connect(self._show_findings)
        self.checks_runner.failed.connect(lambda exc: dialogs.show_error(self, exc))
        self._attach(self.session)
        self._restore_state()

    # --- building --------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | None = None,
        icon_name: str = "",
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action(
            self.tr("&New"),
            self.new_blank,
            QKeySequence(keys.New),
            "new",
            self.tr("Start a new, empty newsletter"),
        )
        self.new_sample_action = self._action(
            self.tr("New from &Sample"),
            self.new_from_sample,
            None,
            "",
            self.tr("Start from the sample newsletter"),
        )
        self.open_action = self._action(
            self.tr("&Open…"),
            self.open_dialog,
            QKeySequence(keys.Open),
            "open",
            self.tr("Open a newsletter file"),
        )
        self.save_action = self._action(
            self.tr("&Save"),
            self.save,
            QKeySequence(keys.Save),
            "save",
            self.tr("Save the newsletter"),
        )
        self.save_as_action = self._action(
            self.tr("Save &As…"), self.save_as, QKeySequence(keys.SaveAs)
        )
        self.export_actions: dict[str, QAction] = {
            "html": self._action(
                self.tr("As an &HTML Folder…"),
                lambda: self.export("html"),
                QKeySequence("Ctrl+E"),
                "export",
                self.tr("Export newsletter.html with its pictures"),
            ),
            "zip": self._action(
                self.tr("As a &Zip for an Email Service…"), lambda: self.export("zip")
            ),
            "eml": self._action(
                self.tr("As an &Email Message (.eml)…"), lambda: self.export("eml")
            ),
        }
        self.send_test_action = self._action(
            self.tr("Send &Test Mail…"),
            self.send_test_mail,
            QKeySequence("Ctrl+Shift+T"),
            "",
            self.tr("Send the newsletter to yourself, to see it in your own mail program"),
        )
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence(keys.Quit))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence(keys.Undo))
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        redo_keys = [QKeySequence(keys.Redo), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
        self.redo_action.setShortcuts(list(dict.fromkeys(redo_keys)))
        self.redo_action.setIcon(icon("redo"))
        self.duplicate_action = self._action(
            self.tr("D&uplicate Block"),
            self.duplicate_block,
            QKeySequence("Ctrl+D"),
            "duplicate",
            self.tr("Duplicate the selected block"),
        )
        self.delete_action = self._action(
            self.tr("&Delete Block"),
            self.delete_block,
            QKeySequence(keys.Delete),
            "delete",
            self.tr("Delete the selected block"),
        )
        self.move_up_action = self._action(
            self.tr("Move Block &Up"),
            lambda: self.move_block(-1),
            QKeySequence("Alt+Up"),
            "up",
            self.tr("Move the selected block up"),
        )
        self.move_down_action = self._action(
            self.tr("Move Block Do&wn"),
            lambda: self.move_block(1),
            QKeySequence("Alt+Down"),
            "down",
            self.tr("Move the selected block down"),
        )
        self.settings_action = self._action(
            self.tr("Newsletter &Settings"), self.show_settings, QKeySequence("Ctrl+,"), "settings"
        )
        self.insert_actions: dict[str, QAction] = {}
        for number, kind in enumerate(BLOCK_TYPES, 1):
            action = self._action(
                kind_name(kind),
                functools.partial(self.insert_block, kind),
                QKeySequence(f"Ctrl+Shift+{number}"),
            )
            action.setIcon(block_icon(kind))
            action.setStatusTip(
                self.tr("Insert a new {kind} block after the selected one").format(
                    kind=kind_name(kind).lower()
                )
            )
            self.insert_actions[kind] = action

        self.desktop_action = self._action(
            self.tr("&Desktop Width"),
            lambda: self.preview.set_mode("desktop"),
            QKeySequence("Ctrl+1"),
            "desktop",
        )
        self.mobile_action = self._action(
            self.tr("&Mobile Width"),
            lambda: self.preview.set_mode("mobile"),
            QKeySequence("Ctrl+2"),
            "mobile",
        )
        self.dark_action = QAction(icon("dark"), self.tr("D&ark Mode Preview"), self)
        self.dark_action.setShortcut(QKeySequence("Ctrl+3"))
        self.dark_action.setCheckable(True)
        self.dark_action.toggled.connect(self.preview.set_dark)
        widths = QActionGroup(self)
        for action in (self.desktop_action, self.mobile_action):
            action.setCheckable(True)
            widths.addAction(action)
        self.desktop_action.setChecked(True)
        self.about_action = self._action(self.tr("&About Newsletter Composer"), self._about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.new_sample_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu(icon("export"), self.tr("&Export"))
        for action in self.export_actions.values():
            self.export_menu.addAction(action)
        file_menu.addAction(self.send_test_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for action in (
            self.duplicate_action,
            self.delete_action,
            self.move_up_action,
            self.move_down_action,
        ):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)

        self.insert_menu = bar.addMenu(self.tr("&Insert"))
        for action in self.insert_actions.values():
            self.insert_menu.addAction(action)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.desktop_action)
        view_menu.addAction(self.mobile_action)
        view_menu.addAction(self.dark_action)
        self.view_menu = view_menu

        help_menu = bar.addMenu(self.tr("&Help"))
        self.help = add_help_entries(self, help_menu)
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"), self)
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
        insert_button = QToolButton(toolbar)
        insert_button.setObjectName("insertButton")
        insert_button.setText(self.tr("Insert"))
        insert_button.setIcon(icon("add"))
        insert_button.setToolTip(self.tr("Insert a block after the selected one"))
        insert_button.setMenu(self.insert_menu)
        insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        insert_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addWidget(insert_button)
        for action in (
            self.duplicate_action,
            self.delete_action,
            self.move_up_action,
            self.move_down_action,
        ):
            toolbar.addAction(action)
        toolbar.addSeparator()
        export_button = QToolButton(toolbar)
        export_button.setObjectName("exportButton")
        export_button.setIcon(icon("export"))
        export_button.setText(self.tr("Export"))
        export_button.setToolTip(self.tr("Export the newsletter for sending"))
        export_button.setMenu(self.export_menu)
        export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addWidget(export_button)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        self.view_menu.addSeparator()
        self.view_menu.addAction(toolbar.toggleViewAction())

    def _build_central(self) -> None:
        side = QWidget(self)
        side.setObjectName("sidePanel")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 8, 0, 8)
        side_layout.setSpacing(2)
        self.settings_button = QToolButton(side)
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setText(self.tr("Newsletter settings"))
        self.settings_button.setIcon(icon("settings"))
        self.settings_button.setIconSize(QSize(18, 18))
        self.settings_button.setCheckable(True)
        self.settings_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.settings_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.settings_button.clicked.connect(self.show_settings)
        side_layout.addWidget(self.settings_button)
        heading = QLabel(self.tr("BLOCKS"), side)
        heading.setObjectName("sideHeading")
        side_layout.addWidget(heading)
        self.block_list = BlockListView(self.thumbnails, side)
        self.block_list.setModel(self.model)
        # Keyboard actions on blocks act only while the list has the focus, so that Delete and
        # Alt+Up keep their usual meaning in the editor's fields.
        self.block_list.addAction(self.duplicate_action)
        for action in (self.delete_action, self.move_up_action, self.move_down_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.block_list.addAction(action)
        self.block_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.block_list.selectionModel().currentChanged.connect(self._current_changed)
        side_layout.addWidget(self.block_list, 1)
        add_button = QToolButton(side)
        add_button.setObjectName("addBlockButton")
        add_button.setText(self.tr("Add block"))
        add_button.setIcon(icon("add", "#1f5c99"))
        add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        add_button.setMenu(self.insert_menu)
        add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        add_button.setSizePolicy(self.settings_button.sizePolicy())
        side_layout.addWidget(add_button)

        self.editor_stack = QStackedWidget(self)
        self.editor_stack.setObjectName("editorStack")
        self.empty_editor = QLabel(
            self.tr(
                "The newsletter has no blocks yet.\nAdd one with "
                "Insert, or open the newsletter settings."
            )
        )
        self.empty_editor.setObjectName("emptyEditor")
        self.empty_editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_editor.setWordWrap(True)
        self.editor_stack.addWidget(self.empty_editor)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.editor_stack)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 2)
        side.setMinimumWidth(180)
        self.editor_stack.setMinimumWidth(320)
        self.setCentralWidget(self.splitter)

    def _build_checks_dock(self) -> None:
        self.checks_panel = ChecksPanel(self)
        self.checks_panel.finding_activated.connect(self.go_to_finding)
        self.checks_panel.counts_changed.connect(self._show_counts)
        self.checks_dock = QDockWidget(self.tr("Checks"), self)
        self.checks_dock.setObjectName("checksDock")
        self.checks_dock.setWidget(self.checks_panel)
        self.checks_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.checks_dock)
        toggle = self.checks_dock.toggleViewAction()
        toggle.setText(self.tr("&Checks Panel"))
        toggle.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.view_menu.addAction(toggle)
        self.checks_summary = QLabel(self)
        self.checks_summary.setObjectName("checksSummary")

    def _build_language_menu(self) -> None:
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        current = chosen_language(self.state.settings) or ui_language()
        self.language_actions: dict[str, QAction] = {}
        for language, name in LANGUAGE_NAMES.items():
            # Each language in its own words, untranslated: the user must recognise theirs
            # whatever the window speaks now.
            action = self.language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(language == current)
            action.triggered.connect(
                lambda _checked=False, language=language: self.set_language(language)
            )
            group.addAction(action)
            self.language_actions[language] = action

    def set_language(self, language: str) -> None:
        """Speak ``language`` ("sv" or "en") from the next start on.

        Not at once: every widget takes its texts when it is built, and rebuilding the window
        would lose the editor's state for a choice made once.
        """
        choose_language(self.state.settings, language)
        self.language_actions[language].setChecked(True)
        self.statusBar().showMessage(
            self.tr("The language will be {language} the next time you start {app}.").format(
                language=LANGUAGE_NAMES[language], app=APP_NAME
            ),
            10_000,
        )

    # --- state -----------------------------------------------------------------------------

    def _restore_state(self) -> None:
        if not self.restoreGeometry(self.state.geometry):
            screen = self.screen().availableGeometry()
            self.resize(
                min(1440, int(screen.width() * 0.92)), min(900, int(screen.height() * 0.92))
            )
        if not self.restoreState(self.state.window_state):
            # Docks take their size only once the window is laid out.
            QTimer.singleShot(
                0, lambda: self.resizeDocks([self.checks_dock], [96], Qt.Orientation.Vertical)
            )
        if not self.splitter.restoreState(self.state.splitter):
            self.splitter.setSizes(list(DEFAULT_SPLIT))
        self.preview.set_mode(self.state.preview_mode)
        self.dark_action.setChecked(self.state.dark_preview)

    def save_window_state(self) -> None:
        """Remember geometry, docks, splitter sizes and preview mode."""
        self.state.geometry = self.saveGeometry()
        self.state.window_state = self.saveState()
        self.state.splitter = self.splitter.saveState()
        self.state.preview_mode = self.preview.mode
        self.state.dark_preview = self.preview.dark
        self.state.settings.sync()

    def _preview_mode_changed(self, mode: str, dark: bool) -> None:
        (self.mobile_action if mode == "mobile" else self.desktop_action).setChecked(True)
        if self.dark_action.isChecked() != dark:
            self.dark_action.setChecked(dark)

    # --- sessions --------------------------------------------------------------------------

    def _attach(self, session: EditSession) -> None:
        self.session = session
        session.setParent(self)
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.thumbnails = ThumbnailCache(session.document.images)
        delegate = self.block_list.itemDelegate()
        delegate.thumbnails = self.thumbnails  # type: ignore[attr-defined]
        self.model.set_document(session.document)
        session.document.changed.connect(self._on_document_changed)
        self.preview.set_images(session.document.images)
        self.preview.show_newsletter(session.document.newsletter, immediately=True)
        self.setWindowModified(session.is_modified())
        self.file_guard.follow(session.path)
        self._update_title()
        blocks = session.document.blocks
        if blocks:
            self.select_block(blocks[0].id)
        else:
            self.show_settings()
        self._update_actions()
        self.document_replaced.emit(session)

    def set_session(self, session: EditSession) -> None:
        """Show another document (the previous one is closed without asking)."""
        old = self.session
        self._set_editor(None)
        old.document.changed.disconnect(self._on_document_changed)
        self.undo_group.removeStack(old.undo_stack)
        self._attach(session)
        old.deleteLater()

    def _update_title(self) -> None:
        self.setWindowTitle(
            self.tr("{name}[*] — {app}").format(name=self.session.display_name, app=APP_NAME)
        )

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; False when the user cancels (or saving failed)."""
        if not self.session.is_modified():
            return True
        choice = dialogs.ask_unsaved_changes(self, self.session.display_name)
        if choice is dialogs.UnsavedChoice.SAVE:
            return self.save()
        return choice is dialogs.UnsavedChoice.DISCARD

    # --- files -----------------------------------------------------------------------------

    def new_blank(self) -> None:
        """Start a new, empty newsletter."""
        if self.maybe_save():
            self.set_session(
                EditSession(Document(Bundle(blank_newsletter())), None, self.tr("Untitled"))
            )

    def new_from_sample(self) -> None:
        """Start from a copy of the sample newsletter."""
        if self.maybe_save():
            self.open_sample()

    def open_sample(self) -> None:
        """Show a fresh copy of the sample newsletter (not asking about unsaved changes)."""
        self.set_session(EditSession(Document(load_sample()), None, self.tr("Sample newsletter")))

    def open_dialog(self) -> None:
        """Ask for a newsletter file and open it."""
        if not self.maybe_save():
            return
        name = dialogs.open_newsletter_name(self, self.state.last_folder or str(Path.home()))
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        """Open ``path`` (not asking about unsaved changes).

        A file that cannot be read is reported with the core's message, and the document
        shown stays as it was.

        Returns:
            True when the file was opened.
        """
        bundle = self.file_guard.open(path)
        if bundle is None:
            return False
        self.set_session(EditSession(Document(bundle), path.resolve()))
        self.state.add_recent(path)
        self.state.last_folder = str(path.resolve().parent)
        self.statusBar().showMessage(self.tr("Opened “{name}”").format(name=path.name), 4000)
        return True

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.state.recent_files
        for number, name in enumerate(files, 1):
            path = Path(name)
            action = self.recent_menu.addAction(f"&{number} {path.name} — {path.parent}")
            action.triggered.connect(lambda _checked=False, path=path: self._open_recent(path))
        if files:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("&Clear List"), self.state.clear_recent)
        else:
            empty = self.recent_menu.addAction(self.tr("No recent files"))
            empty.setEnabled(False)

    def _open_recent(self, path: Path) -> None:
        if not self.maybe_save():
            return
        if not path.exists():
            self.state.remove_recent(str(path))
        self.open_path(path)

    def save(self) -> bool:
        """Save to the document's file (asking for one if it has none); True when saved."""
        if self.session.path is None:
            return self.save_as()
        return self._write(self.session.path)

    def save_as(self) -> bool:
        """Ask for a file name and save there; True when saved."""
        folder = Path(self.state.last_folder or Path.home())
        stem = slug(self.session.document.settings.subject) or "newsletter"
        name = dialogs.save_newsletter_name(self, str(folder / f"{stem}{FILE_SUFFIX}"))
        if not name:
            return False
        path = Path(name)
        if path.suffix != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        return self._write(path)

    def _write(self, path: Path) -> bool:
        outcome = self.file_guard.save(self.session.document.snapshot(), path)
        if outcome is not SaveOutcome.SAVED:
            return outcome is SaveOutcome.SAVED_ELSEWHERE
        self.session.path = path.resolve()
        self.session.undo_stack.setClean()
        self.state.add_recent(path)
        self.state.last_folder = str(path.resolve().parent)
        self._update_title()
        self.statusBar().showMessage(self.tr("Saved “{name}”").format(name=path.name), 4000)
        return True

    def export(self, fmt: Format) -> None:
        """Ask where to export, then export off the GUI thread with a progress dialog."""
        if self._export_job is not None:
            return
        stem = slug(self.session.document.settings.subject) or "newsletter"
        folder = Path(self.state.last_folder or Path.home())
        captions = {
            "html": (self.tr("Export as HTML Folder"), self.tr("Folder (*)"), ""),
            "zip": (self.tr("Export as Zip"), self.tr("Zip archives (*.zip)"), "zip"),
            "eml": (self.tr("Export as Email Message"), self.tr("Email messages (*.eml)"), "eml"),
        }
        caption, file_filter, suffix = captions[fmt]
        suggestion = folder / (f"{stem}.{suffix}" if suffix else stem)
        name = dialogs.export_target_name(self, caption, str(suggestion), file_filter, suffix)
        if not name:
            return
        job = ExportJob(self.session.document.snapshot(), Path(name), fmt, self)
        self._export_job = job
        self._export_warnings = []
        progress = dialogs.progress_dialog(self, caption, self.tr("Preparing pictures…"))
        self._progress = progress
        progress.canceled.connect(job.cancel)
        job.progressed.connect(self._export_progressed)
        job.warned.connect(self._export_warnings.append)
        job.finished.connect(self._export_done)
        job.start()

    def _export_progressed(self, step: int, total: int, message: str) -> None:
        progress = self._progress
        if progress is None or progress.wasCanceled():
            return
        progress.setLabelText(message)
        progress.setMaximum(max(total, 1))
        # Last: a window-modal progress dialog processes events in setValue, and the export
        # may finish (and the dialog go) right there.
        progress.setValue(min(step, max(total, 1)))

    def _export_done(self, path: Path | None, error: BaseException | None) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        job, self._export_job = self._export_job, None
        if job is not None:
            job.deleteLater()
        if isinstance(error, ExportCancelled):
            self.statusBar().showMessage(self.tr("Export cancelled; nothing was written."), 5000)
        elif error is not None:
            dialogs.show_error(self, error)
        elif path is not None:
            self.statusBar().showMessage(self.tr("Exported to {path}").format(path=path), 8000)
            if self._export_warnings:
                dialogs.show_information(
                    self,
                    self.tr("The newsletter was exported to {path}, with these remarks:").format(
                        path=path
                    ),
                    "\n\n".join(self._export_warnings),
                )
        self.export_finished.emit(path, error)

    def send_test_mail(self) -> None:
        """Ask for the recipients and the mail server, then send a test mail off the GUI thread."""
        dialog = SendDialog(self, self.session.document.snapshot(), self.state, self._smtp_password)
        dialog.sent.connect(self._test_mail_sent)
        try:
            dialogs.run_dialog(dialog)
            self._smtp_password = dialog.remembered_password
        finally:
            dialog.deleteLater()

    def _test_mail_sent(self, recipients: str) -> None:
        self.statusBar().showMessage(
            self.tr("Test mail sent to {recipients}.").format(recipients=recipients), 8000
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
        if isinstance(self.editor, BlockEditor) and self.editor.block_id == block_id:
            return
        block = self.session.document.block(block_id)
        self._set_editor(editor_for(self.session, block, self.thumbnails, self.state))

    def show_settings(self) -> None:
        """Show the newsletter settings in the editor."""
        self.settings_button.setChecked(True)
        self.block_list.selectionModel().clearSelection()
        self.block_list.setCurrentIndex(QModelIndex())
        if not isinstance(self.editor, SettingsEditor):
            self._set_editor(SettingsEditor(self.session, self.thumbnails, self.state))
        self._update_actions()

    def _set_editor(self, editor: ValueEditor | None) -> None:
        old, self.editor = self.editor, editor
        if old is not None:
            old.detach()
            self.editor_stack.removeWidget(old)
            old.deleteLater()
        if editor is None:
            self.editor_stack.setCurrentWidget(self.empty_editor)
        else:
            self.editor_stack.addWidget(editor)
            self.editor_stack.setCurrentWidget(editor)

    def _insert_position(self) -> int:
        selected = self.selected_block_id()
        if selected is None:
            return len(self.session.document.blocks)
        return self.session.document.index_of(selected) + 1

    def insert_block(self, kind: str) -> None:
        """Insert a new block of type ``kind`` after the selected one and start editing it."""
        block = make_block(kind)
        self.session.push(
            InsertBlock(self._insert_position(), block),
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
        document = self.session.document
        copy = document.block(block_id).model_copy(update={"id": new_block_id()})
        self.session.push(
            InsertBlock(document.index_of(block_id) + 1, copy),
            text=self.tr("Duplicate {kind}").format(kind=kind_name(copy.kind)),
        )

    def delete_block(self) -> None:
        """Delete the selected block (undoable)."""
        block_id = self.selected_block_id()
        if block_id is None:
            return
        kind = self.session.document.block(block_id).kind
        self.session.push(
            RemoveBlock(block_id), text=self.tr("Delete {kind}").format(kind=kind_name(kind))
        )

    def move_block(self, delta: int) -> None:
        """Move the selected block ``delta`` places (-1 up, 1 down)."""
        block_id = self.selected_block_id()
        if block_id is None:
            return
        document = self.session.document
        destination = document.index_of(block_id) + delta
        if 0 <= destination < len(document.blocks):
            self._push_move(block_id, destination)

    def _move_requested(self, block_id: str, destination: int) -> None:
        self._push_move(block_id, destination)

    def _push_move(self, block_id: str, destination: int) -> None:
        kind = self.session.document.block(block_id).kind
        self.session.push(
            MoveBlock(block_id, destination),
            text=self.tr("Move {kind}").format(kind=kind_name(kind)),
        )

    def _on_document_changed(self, change: Change) -> None:
        document = self.session.document
        self.preview.show_newsletter(document.newsletter)
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
                self._set_editor(None)
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
        document = self.session.document
        position = document.index_of(block_id) if block_id is not None else -1
        self.duplicate_action.setEnabled(block_id is not None)
        self.delete_action.setEnabled(block_id is not None)
        self.move_up_action.setEnabled(position > 0)
        self.move_down_action.setEnabled(0 <= position < len(document.blocks) - 1)

    # --- checks ----------------------------------------------------------------------------

    def _rendered(self, newsletter: Newsletter, result: RenderResult) -> None:
        # The checks wait until the preview has loaded: run beside it, they would compete
        # with the page for the interpreter and slow down what the user is watching.
        self._to_check = (newsletter, result)
        if self.preview.is_idle():
            self._check_rendered()

    def _check_rendered(self) -> None:
        if self._to_check is not None:
            newsletter, result = self._to_check
            self._to_check = None
            # Checked as rendered: the document may have changed since, the pictures only grow.
            images = self.session.document.snapshot().images
            self.checks_runner.run(Bundle(newsletter, images), result)

    def _show_findings(self, findings: list[Finding]) -> None:
        self.checks_panel.show_findings(findings)

    def _show_counts(self, errors: int, warnings: int, tips: int) -> None:
        if not errors and not warnings:
            self.checks_summary.setText(self.tr("✓ Ready to send"))
            return
        parts = []
        if errors:
            parts.append(
                self.tr("1 error")
                if errors == 1
                else self.tr("{count} errors").format(count=errors)
            )
        if warnings:
            parts.append(
                self.tr("1 warning")
                if warnings == 1
                else self.tr("{count} warnings").format(count=warnings)
            )
        self.checks_summary.setText(" · ".join(parts))

    def go_to_finding(self, block_id: str, field: str) -> None:
        """Show the block (or the settings) a finding is about, with its field focused."""
        if block_id and block_id in self.session.document:
            self.select_block(block_id)
        elif not block_id:
            self.show_settings()
        else:
            return
        if field and self.editor is not None:
            self.editor.focus_field(field)

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
        if self._export_job is not None or not self.maybe_save():
            event.ignore()
            return
        self.save_window_state()
        self.shut_down()
        event.accept()
        self.closed.emit()

    def shut_down(self) -> None:
        """Stop the background work and let go of the document (the window is closing)."""
        self.file_guard.release()
        self.preview.close_worker()
        self.checks_runner.close()
        self._set_editor(None)
        self.model.detach()
