"""Render the composer window offscreen on the sample newsletter and save it as a PNG.

    python tools/screenshot.py [-o docs/screenshot.png] [--size 1440x900] [--block planet]
                               [--mobile] [--dark] [--language sv]
                               [--font-size 16] [--scheme dark]

At 200 %: QT_SCALE_FACTOR=2 python tools/screenshot.py --size 960x600 (sizes are logical).

The window runs on Qt's offscreen platform with a settings file of its own, so the user's
preferences and window state are neither used nor changed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")

ROOT = Path(__file__).resolve().parent.parent
#: How long to wait for the preview before giving up.
TIMEOUT_MS = 30_000


def _wait_until(condition: Callable[[], bool], timeout_ms: int) -> bool:
    """Run the event loop until ``condition()`` holds; False on time-out."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            return False
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return True


def _settle(milliseconds: int) -> None:
    """Let Qt and Chromium finish painting."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def main(argv: list[str] | None = None) -> int:
    """Write the screenshot; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--size", default="1440x900", help="window size, WIDTHxHEIGHT")
    parser.add_argument(
        "--block", default="planet", help="id of the block to select, or 'settings'"
    )
    parser.add_argument("--mobile", action="store_true", help="phone-width preview")
    parser.add_argument("--dark", action="store_true", help="dark-mode preview")
    parser.add_argument(
        "--language", choices=("en", "sv"), default="en", help="language of the window"
    )
    parser.add_argument("--font-size", type=float, help="the application font, in points")
    parser.add_argument(
        "--scheme", choices=("light", "dark"), help="the window's colours (default: the system's)"
    )
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.lower().split("x"))

    from PySide6.QtCore import QSettings

    from composer.gui.app import create_application
    from composer.gui.main_window import MainWindow
    from composer.gui.open_document import OpenDocument
    from composer.gui.preferences import Preferences
    from composer.gui.window_state import WindowState

    app = create_application([sys.argv[0]], args.language)
    if args.scheme:
        from composer.gui.appearance import DARK, LIGHT, apply_appearance

        apply_appearance(app, DARK if args.scheme == "dark" else LIGHT)
    if args.font_size:
        font = app.font()
        font.setPointSizeF(args.font_size)
        app.setFont(font)

    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "state.ini"), QSettings.Format.IniFormat)
        window = MainWindow(
            Preferences(settings), WindowState(settings), None, OpenDocument.sample()
        )
        window.resize(width, height)
        window.preview.set_mode("mobile" if args.mobile else "desktop")
        window.preview.set_dark(args.dark)
        window.show()
        if args.block == "settings":
            window.show_settings()
        elif args.block:
            window.select_block(args.block)
        checked: list[bool] = []
        window.checks_panel.counts_changed.connect(lambda *_counts: checked.append(True))
        if not _wait_until(lambda: window.preview.is_idle() and bool(checked), TIMEOUT_MS):
            print("The preview or the checks did not finish.", file=sys.stderr)
            return 1
        _settle(800)
        output = Path(args.output)
        output.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(output)):
            print(f"Could not write {output}.", file=sys.stderr)
            return 1
        window.shut_down()
        window.deleteLater()
        _settle(50)
    del app
    print(f"Wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
