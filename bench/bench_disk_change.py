"""How long the window takes to notice that another program changed its file.

Run as ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_disk_change.py [--runs 20]
[--pictures-mb 8]``. The window opens a newsletter with that many megabytes of pictures;
another "program" then saves the file (a new file renamed over it, as programs save), and the
time until the window asks Reload / Overwrite / Save As is measured, two ways:

- watcher: the window is in front; the QFileSystemWatcher notices the change (after the
  settling time, ``file_guard.SETTLE_MS``);
- focus: the window is behind when the change happens; the time from the window coming to the
  front (its activation event) to the question.

A last line times the check itself when the file was only touched (same size, new time: the
content must be hashed to tell).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")

from bench_save_torture import big_newsletter  # noqa: E402


def main() -> None:
    """Open a window, change its file from outside again and again, print the delays."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pictures-mb", type=float, default=8.0)
    args = parser.parse_args()

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from composer.gui import file_guard
    from composer.gui.app import create_application
    from composer.gui.file_guard import DiskChoice
    from composer.gui.main_window import MainWindow
    from composer.gui.preferences import Preferences
    from composer.gui.window_state import WindowState
    from composer.model import Bundle
    from composer.storage import disk_stamp, recheck, save

    app = create_application(sys.argv[:1], language="en")
    asked: list[float] = []

    def answer(*_args: object) -> DiskChoice:
        asked.append(time.perf_counter())
        return DiskChoice.CANCEL

    file_guard.ask_changed_on_disk = answer  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="disk-change-") as scratch:
        folder = Path(scratch)
        from PySide6.QtCore import QSettings

        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        document = folder / "brev.newsletter"
        bundle = big_newsletter(args.pictures_mb)
        save(bundle, document)
        window = MainWindow(Preferences(settings), WindowState(settings))
        window.show()
        window.activateWindow()
        assert window.files.open_path(document)

        def wait_until(condition: object, limit: float = 10.0) -> None:
            end = time.perf_counter() + limit
            while not condition() and time.perf_counter() < end:  # type: ignore[operator]
                app.processEvents()
                time.sleep(0.001)

        wait_until(window.isActiveWindow)

        def change(number: int) -> float:
            """Save the file as another program; returns the moment of its rename."""
            subject = f"Ändrad {number}"
            settings = bundle.newsletter.settings.model_copy(update={"subject": subject})
            changed = bundle.newsletter.model_copy(update={"settings": settings})
            other = folder / "annat.tmp"
            save(Bundle(changed, bundle.images), other)
            os.replace(other, document)
            return time.perf_counter()

        watcher: list[float] = []
        for number in range(args.runs):
            asked.clear()
            renamed = change(number)
            wait_until(lambda: bool(asked))
            watcher.append((asked[0] - renamed) * 1000)
            wait_until(lambda: False, 0.3)  # let the watcher settle before the next one
        focus: list[float] = []
        window.files.guard.watcher.blockSignals(True)  # the window is "behind": no watcher
        for number in range(args.runs):
            change(args.runs + number)
            asked.clear()
            started = time.perf_counter()
            QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
            wait_until(lambda: bool(asked))
            focus.append((asked[0] - started) * 1000)
        stamp = disk_stamp(document)
        assert stamp is not None
        touched: list[float] = []
        for _number in range(args.runs):
            os.utime(document)
            started = time.perf_counter()
            recheck(document, stamp)
            touched.append((time.perf_counter() - started) * 1000)
        size = document.stat().st_size / 1e6
        window.files.guard.release()
        window.close()

    def summary(values: list[float]) -> str:
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return f"median {statistics.median(values):6.1f} ms, p95 {p95:6.1f} ms"

    print(f"file of {size:.1f} MB, {args.runs} runs each")
    print(f"  watcher, window in front (from the rename): {summary(watcher)}")
    print(f"  focus, from the window's activation:       {summary(focus)}")
    print(f"  check of a file only touched (hash):        {summary(touched)}")


if __name__ == "__main__":
    main()
