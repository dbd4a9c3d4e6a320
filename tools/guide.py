"""The user guide's pictures, drawn from the real window, and its copies in docs/.

    python tools/guide.py screenshots --language en|sv   the pictures of one language's guide
    python tools/guide.py docs [--check]                  docs/guide.*.md from the packaged guide

The guide itself is written by hand in ``resources/guide/guide.<language>.md`` (packaged with
the program, which shows it under Help → User Guide); its pictures are made here, in
``resources/guide/images/<name>.<language>.png``, by driving the window offscreen on the
sample newsletter as a user would, so that they show the window as it is. ``docs/guide.*.md``
are copies for reading on the web, with the picture paths pointing into ``resources/``;
``make test`` fails when they differ from the packaged guide. ``make guide-screenshots`` does
it all.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "resources" / "guide"
DOCS = ROOT / "docs"
LANGUAGES = ("en", "sv")
#: How long to wait for the preview or the checks before giving up.
TIMEOUT_MS = 30_000
#: The size of the window in the pictures: a laptop's screen.
WINDOW_SIZE = (1360, 860)
#: The widths of the block list, the editor and the preview in that window.
SPLIT = (240, 460, 660)


# --- docs/ copies --------------------------------------------------------------------------


def docs_copy(language: str) -> str:
    """The text of ``docs/guide.<language>.md``: the packaged guide, pictures found from docs/."""
    text = (GUIDE / f"guide.{language}.md").read_text(encoding="utf-8")
    header = (
        f"<!-- A copy of resources/guide/guide.{language}.md, made by `make guide-screenshots`: "
        "edit that file, not this one. -->\n\n"
    )
    return header + re.sub(r"\]\(images/", "](../resources/guide/images/", text)


def write_docs(check: bool) -> int:
    """Write docs/guide.*.md, or with ``check`` say whether they are up to date."""
    stale = []
    for language in LANGUAGES:
        path = DOCS / f"guide.{language}.md"
        text = docs_copy(language)
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"Wrote {path.relative_to(ROOT)}")
    for path in stale:
        print(
            f"{path.relative_to(ROOT)} is not a copy of the packaged guide: "
            "run `make guide-screenshots`.",
            file=sys.stderr,
        )
    return 1 if stale else 0


# --- pictures ------------------------------------------------------------------------------


def _wait_until(condition: Callable[[], bool], what: str) -> None:
    """Run the event loop until ``condition()`` holds."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = QDeadlineTimer(TIMEOUT_MS)
    while not condition():
        if deadline.hasExpired():
            raise SystemExit(f"{what} did not finish in {TIMEOUT_MS // 1000} s.")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _settle(milliseconds: int = 300) -> None:
    """Let Qt and Chromium finish painting."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


class Photographer:
    """Drives one window through a month's newsletter and saves what it shows."""

    def __init__(self, language: str, folder: Path, settings_folder: Path) -> None:
        from PySide6.QtCore import QSettings

        from composer.gui.main_window import MainWindow
        from composer.gui.open_document import OpenDocument
        from composer.gui.preferences import Preferences
        from composer.gui.window_state import WindowState

        self.language = language
        self.folder = folder
        settings = QSettings(str(settings_folder / "state.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(
            Preferences(settings), WindowState(settings), None, OpenDocument.sample()
        )
        self.window.resize(*WINDOW_SIZE)
        # Room for the editor's widest row (the picture's buttons) beside a readable preview.
        self.window.splitter.setSizes(list(SPLIT))
        self.window.show()
        self.written: list[Path] = []

    def wait_for_preview(self) -> None:
        """Until the preview shows the newsletter as it is now, and the checks have run."""
        _wait_until(self.window.preview.is_idle, "The preview")
        _settle(600)

    def save(self, name: str, pixmap: object) -> None:
        """Write ``pixmap`` as ``<name>.<language>.png``, in 256 colours.

        A window has few colours, and the sample's pictures are drawings: 256 colours look the
        same and take a third of the room, in the repository and in the installed program.
        """
        from PIL import Image
        from PySide6.QtCore import QBuffer, QIODevice
        from PySide6.QtGui import QPixmap

        assert isinstance(pixmap, QPixmap)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap.save(buffer, "PNG")
        with Image.open(io.BytesIO(bytes(buffer.data().data()))) as image:
            few = image.convert("RGB").quantize(
                256, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
            )
        path = self.folder / f"{name}.{self.language}.png"
        few.save(path, optimize=True)
        self.written.append(path)
        print(f"Wrote {path} ({pixmap.width()}×{pixmap.height()})")

    def region(self, *widgets: object, margin: int = 0) -> object:
        """The rectangle of the window that holds ``widgets``, in window coordinates."""
        from PySide6.QtCore import QPoint, QRect
        from PySide6.QtWidgets import QWidget

        rect = QRect()
        for widget in widgets:
            assert isinstance(widget, QWidget)
            top_left = widget.mapTo(self.window, QPoint(0, 0))
            rect = rect.united(QRect(top_left, widget.size()))
        return rect.adjusted(-margin, -margin, margin, margin).intersected(self.window.rect())

    def with_menu(self, menu: object, at: object) -> object:
        """The window with ``menu`` open at ``at`` (window coordinates), as the user sees it."""
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QPainter
        from PySide6.QtWidgets import QMenu

        assert isinstance(menu, QMenu) and isinstance(at, QPoint)
        menu.popup(self.window.mapToGlobal(at))
        _settle(200)
        shot = self.window.grab()
        painter = QPainter(shot)
        painter.drawPixmap(self.window.mapFromGlobal(menu.pos()), menu.grab())
        painter.end()
        menu.hide()
        return shot

    # --- the pictures, in the order of the guide ------------------------------------------

    def child(self, kind: type[T], name: str) -> T:
        """The window's widget of ``kind`` named ``name`` (its object name)."""
        found = self.window.findChild(kind, name)
        if found is None:
            raise SystemExit(f"The window has no {kind.__name__} named {name!r}.")
        return found

    def take_all(self) -> None:
        """Every picture of the guide."""
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QAction
        from PySide6.QtWidgets import QMenu, QToolButton, QWidget

        window = self.window
        window.select_block("planet")
        self.wait_for_preview()
        self.save("window", window.grab())

        bar = window.menuBar()
        file_menu = bar.actions()[0].menu()
        assert isinstance(file_menu, QMenu)
        at = bar.mapTo(window, bar.actionGeometry(bar.actions()[0]).bottomLeft())
        self.save("file-menu", self.with_menu(file_menu, at).copy(0, 0, 560, 420))

        editors = self.child(QWidget, "editorStack")
        window.show_settings()
        _settle()
        self.save("settings", window.grab(self.region(editors)))

        window.select_block("planet")
        add_button = self.child(QToolButton, "addBlockButton")
        insert_menu = add_button.menu()
        # The menu opens upwards from the button, as it does at the foot of a screen.
        above = add_button.rect().topLeft() - QPoint(0, insert_menu.sizeHint().height())
        shot = self.with_menu(insert_menu, add_button.mapTo(window, above))
        side = self.region(self.child(QWidget, "sidePanel"))
        self.save("blocks", shot.copy(side.adjusted(0, 0, 220, 0)))

        _settle()
        self.save("article", window.grab(self.region(editors)))
        editor = window.editor
        assert editor is not None
        picture_fields = [editor.fields[name] for name in ("image", "image_alt", "image_caption")]
        editor.scroll_area.ensureWidgetVisible(picture_fields[-1], 0, 8)  # the caption too
        _settle()
        self.save("picture", window.grab(self.region(*picture_fields, margin=8)))

        preview = window.preview
        preview.set_mode("mobile")
        self.wait_for_preview()
        self.save("preview-mobile", window.grab(self.region(preview)))
        preview.set_mode("desktop")
        preview.set_dark(True)
        self.wait_for_preview()
        self.save("preview-dark", window.grab(self.region(preview)))
        preview.set_dark(False)
        self.wait_for_preview()
        preview.tabs.setCurrentIndex(1)
        _settle()
        self.save("preview-text", window.grab(self.region(preview)))
        preview.tabs.setCurrentIndex(2)
        _settle()
        self.save("preview-html", window.grab(self.region(preview)))
        preview.tabs.setCurrentIndex(0)

        self.checks()
        self.send_dialog()

        export_button = self.child(QToolButton, "exportButton")
        at = export_button.mapTo(window, export_button.rect().bottomLeft())
        shot = self.with_menu(export_button.menu(), at)
        self.save("export-menu", shot.copy(max(0, at.x() - 200), 0, 640, 260))

        self.child(QAction, "shortcutsAction").trigger()  # Help → Keyboard Shortcuts
        shortcuts = self.child(QWidget, "shortcutsWindow")
        _settle()
        self.save("shortcuts", shortcuts.grab())
        shortcuts.close()

    def checks(self) -> None:
        """The checks panel with findings, one of them double-clicked to reach its field."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QDockWidget, QTreeWidget

        from composer.document import with_field
        from composer.edits import ReplaceBlock

        window = self.window
        document = window.open_document
        old = document.document.block("planet")
        new = with_field(with_field(old, "image_alt", ""), "link_label", "Klicka här")
        document.push(ReplaceBlock(old, new))
        window.select_block("office")
        counted: list[bool] = []
        window.checks_panel.counts_changed.connect(lambda *_counts: counted.append(True))
        self.wait_for_preview()
        _wait_until(lambda: bool(counted) and window.checks_panel.counts() != (0, 0, 0), "Checks")
        dock = self.child(QDockWidget, "checksDock")
        window.resizeDocks([dock], [230], Qt.Orientation.Vertical)
        # Double-click the first finding, as the user would to reach its field.
        tree = self.child(QTreeWidget, "checks")
        item = tree.topLevelItem(0).child(0)
        rect = tree.visualItemRect(item)
        # A real double-click starts with a press: item views ignore a lone double-click event.
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        _settle(500)
        self.save("checks", window.grab())
        document.undo_stack.undo()
        window.resizeDocks([dock], [110], Qt.Orientation.Vertical)
        self.wait_for_preview()

    def send_dialog(self) -> None:
        """The test mail dialog, filled in as an officer would."""
        from composer.gui.send_dialog import SendDialog

        window = self.window
        dialog = SendDialog(window, window.open_document.snapshot(), window.preferences, None)
        dialog.recipients.setText("me@northsweden.eu")
        dialog.host.setText("smtp.office365.com")
        dialog.user.setText("me@northsweden.eu")
        dialog.show()
        _settle()
        self.save("send-dialog", dialog.grab())
        dialog.reject()
        dialog.deleteLater()

    def close(self) -> None:
        """Close the window, discarding the changes made for the pictures."""
        self.window.open_document.undo_stack.setClean()
        self.window.shut_down()
        self.window.deleteLater()
        _settle(50)


def take_screenshots(language: str, folder: Path) -> int:
    """Draw every picture of the guide in ``language`` into ``folder``."""
    from composer.gui.app import create_application

    app = create_application([sys.argv[0]], language)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as settings_folder:
        photographer = Photographer(language, folder, Path(settings_folder))
        try:
            photographer.take_all()
        finally:
            photographer.close()
    del app
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    pictures = commands.add_parser("screenshots", help="draw the guide's pictures")
    pictures.add_argument("--language", choices=LANGUAGES, required=True)
    pictures.add_argument(
        "-o", "--output", type=Path, default=GUIDE / "images", help="the folder to write to"
    )
    docs = commands.add_parser("docs", help="copy the packaged guide to docs/")
    docs.add_argument("--check", action="store_true", help="only say whether they are copies")
    args = parser.parse_args(argv)
    if args.command == "screenshots":
        return take_screenshots(args.language, args.output)
    return write_docs(args.check)


if __name__ == "__main__":
    sys.exit(main())
