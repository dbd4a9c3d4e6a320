"""What the checks before export and the language switch cost the user, in the real window.

    python bench/bench_preflight.py [--runs 30]

Measured on Qt's offscreen platform, on the sample (5 blocks) and on a 30-block newsletter:

- pre-flight: Export (or Send Test Mail) checks the newsletter on the GUI thread before it
  asks anything: a snapshot, a render and every check, with the window's spell checker. The
  figure beside it is what the panel's background run of the same checks takes, for
  comparison (``run_checks`` on the render the preview already made).
- language switch: View → Språk / Language, from the menu action to the window retranslated
  (menus, toolbar, the editor rebuilt, panes, block list), Swedish and back.

Prints medians (p50) and 95th percentiles (p95) in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_preview import percentiles, thirty_blocks, wait  # noqa: E402


def report(name: str, samples: list[float]) -> None:
    p50, p95 = percentiles(samples)
    print(f"{name:<58} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   (n={len(samples)})")


def measure(bundle: object, name: str, runs: int) -> None:
    """Pre-flight and language switches in a window on ``bundle``."""
    import shiboken6
    from PySide6.QtCore import QSettings

    from composer.checks import run_checks
    from composer.document import Document
    from composer.gui.main_window import MainWindow
    from composer.gui.open_document import OpenDocument
    from composer.gui.preferences import Preferences
    from composer.gui.window_state import WindowState
    from composer.model import Bundle
    from composer.render import relative_resolver, render

    assert isinstance(bundle, Bundle)
    folder = tempfile.mkdtemp()
    settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Preferences(settings), WindowState(settings))
    window.resize(1280, 800)
    window.show()
    window.holder.replace(OpenDocument(Document(bundle), None, "bench"))
    wait(window.preview.is_idle)
    window.select_block(next(b.id for b in bundle.newsletter.blocks if b.type == "article"))

    spelling = window.checks_runner.spelling
    preflight, background = [], []
    for number in range(runs + 3):
        started = time.perf_counter()
        run_checks(window.open_document.snapshot(), spelling=spelling)
        ended = time.perf_counter()
        snapshot = window.open_document.snapshot()
        rendered = render(snapshot.newsletter, relative_resolver(snapshot.images))
        alone = time.perf_counter()
        run_checks(snapshot, rendered, spelling=spelling)
        if number >= 3:
            preflight.append((ended - started) * 1000)
            background.append((time.perf_counter() - alone) * 1000)
    report(f"pre-flight before export (render + checks), {name}", preflight)
    report(f"the panel's checks on the preview's render, {name}", background)

    switches = []
    menus = window.menus
    for number in range(runs // 2 + 1):
        for language, first_menu in (("sv", "&Arkiv"), ("en", "&File")):
            started = time.perf_counter()
            menus.language_actions[language].trigger()
            wait(lambda first=first_menu: window.menuBar().actions()[0].text() == first)
            # The LanguageChange events are posted: let every pane have its turn.
            wait(lambda: not window.editor or window.editor.isVisible())
            if number:
                switches.append((time.perf_counter() - started) * 1000)
    report(f"language switch -> window retranslated, {name}", switches)
    window.open_document.undo_stack.setClean()
    window.shut_down()
    shiboken6.delete(window)


def main() -> int:
    """Run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    from composer.gui.app import create_application
    from composer.sample import load_sample

    app = create_application([sys.argv[0]], "en")
    for name, bundle in (("sample (5 blocks)", load_sample()), ("30 blocks", thirty_blocks())):
        measure(bundle, name, args.runs)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
