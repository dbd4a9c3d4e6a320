"""The real program, started as ``newsletter-composer`` starts it, typing into the subject itself.

For the crash tests and ``bench/bench_crash_loss.py``, which kill it with SIGKILL: it starts
the windows as ``composer.gui.app.run`` does (recovery offered, the last document or the
sample opened, autosave on), then types ``--text`` into the newsletter's subject through key
events, one character every ``--interval`` milliseconds (all at once with 0). It prints
``folder <recovery folder>`` when started, ``typed <n>`` after each character and ``done``.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from composer.export import shared_image_cache
from composer.gui.app import create_application
from composer.gui.autosave import Autosaver, recovery_folder
from composer.gui.preferences import Preferences
from composer.gui.startup import open_start_windows
from composer.gui.stored_settings import user_settings
from composer.gui.window_state import WindowState


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?")
    parser.add_argument("--text", required=True)
    parser.add_argument("--interval", type=int, default=0, help="milliseconds per character")
    parser.add_argument("--longest", type=int, default=0, help="autosave's longest wait, ms")
    args = parser.parse_args()
    app = create_application(sys.argv[:1])
    folder = recovery_folder()
    settings = user_settings()
    windows = open_start_windows(
        args.file, Preferences(settings), WindowState(settings), shared_image_cache(), folder
    )
    for window in windows:
        window.show()
    window = windows[-1]
    autosaver = window.findChild(Autosaver)
    assert autosaver is not None
    if args.longest:
        autosaver.set_intervals(2000, args.longest)
    print(f"folder {folder}", flush=True)
    text = iter(args.text)
    typed = 0
    field = QWidget()
    timer = QTimer(app)
    timer.setInterval(args.interval)

    def type_one() -> None:
        nonlocal typed
        char = next(text, None)
        if char is None:
            timer.stop()
            print("done", flush=True)
            return
        QTest.keyClicks(field, char)
        typed += 1
        print(f"typed {typed}", flush=True)

    def start() -> None:
        nonlocal field
        window.activateWindow()
        window.show_settings()
        assert window.editor is not None
        window.editor.focus_field("subject")
        # Offscreen, no window is active, so the keys go to the field, not to "the focus".
        field = window.editor.fields["subject"].focus_widget()
        QTest.keyClick(field, Qt.Key.Key_End)
        timer.timeout.connect(type_one)
        timer.start()

    QTimer.singleShot(0, start)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
