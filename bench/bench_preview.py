"""How quickly the live preview follows the user, and how quickly the window starts.

    python bench/bench_preview.py [--runs 40] [--startups 5] [--interval 80]

Measured on Qt's offscreen platform, in the real window, the old way (a fixed 150 ms wait
after each edit) and the way the preview works now (at once when no render runs) in the same
run, on the sample (5 blocks) and on a 30-block newsletter:

- key -> page updated: a keystroke in an article's headline field, to the page reporting it
  shows the render with that keystroke (a body swapped in place, or a page load finished).
- key -> painted: to the first paint of the web view's focus proxy (the widget Chromium's
  frames are drawn in) after that. What the user sees, short of the screen's own refresh.
- typing: keys every ``--interval`` ms instead of one at a time; each key is timed to the
  first paint that shows it (renders asked for while one runs are coalesced).
- render alone: ``composer.render.render`` of each newsletter, for comparison.

The window is the real one: the checks run when the preview has settled, as in use. The p95
figures follow the machine's load (the 2-core build machine, shared, ran at a load average of
4-9): there, ``nice -n -10`` (as root) keeps other people's work from deciding the tail.
- start-up: a fresh interpreter, from the first line of the script to the window painted with
  the sample, and to its preview loaded.

Prints medians (p50) and 95th percentiles (p95) in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Run in a child interpreter to time a cold start; prints two numbers of seconds.
_STARTUP = """
import time
start = time.perf_counter()
import os, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from composer.gui.app import create_application
app = create_application([sys.argv[0]])
from composer.gui.main_window import MainWindow
from composer.gui.open_document import OpenDocument
from composer.gui.preferences import Preferences
from composer.gui.window_state import WindowState
painted = []
class PaintWatch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not painted:
            QTimer.singleShot(0, lambda: painted.append(time.perf_counter()))
        return False
folder = tempfile.mkdtemp()
settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
window = MainWindow(Preferences(settings), WindowState(settings), None, OpenDocument.sample())
watch = PaintWatch()
window.installEventFilter(watch)
window.resize(1280, 800)
window.show()
while not painted or not window.preview.is_idle():
    app.processEvents()
loaded = time.perf_counter()
print(painted[0] - start, loaded - start)
window.open_document.undo_stack.setClean()
window.shut_down()
"""


def percentiles(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def thirty_blocks() -> object:
    """The sample grown to 30 blocks: 24 articles with pictures between its own blocks."""
    from composer.model import BlockBase, Bundle, new_block_id
    from composer.sample import load_sample

    bundle = load_sample()
    newsletter = bundle.newsletter
    blocks: list[BlockBase] = list(newsletter.blocks)
    article = newsletter.block("planet")
    for number in range(24):
        blocks.insert(
            2 + number,
            article.model_copy(
                update={"id": new_block_id(), "headline": f"Nyhet nummer {number + 2}"}
            ),
        )
    blocks.insert(-1, newsletter.block("divider-1").model_copy(update={"id": new_block_id()}))
    assert len(blocks) == 30
    return Bundle(newsletter.model_copy(update={"blocks": tuple(blocks)}), bundle.images)


class _Watch:
    """Follows keystrokes in a headline to the preview painting them.

    Keystroke k makes the headline ``base`` + k + 1 characters long. When the pane reports a
    render, the page shows it once ``shown`` comes (the page always shows the latest HTML it
    was given); the next paint of the view's focus proxy (the widget Chromium's frames are
    drawn in) after that is when the keystrokes in that render are painted.
    """

    def __init__(self, window: Any, base: int) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.window = window
        self.base = base
        self.pressed: list[float] = []
        self.shown: dict[int, float] = {}
        self.painted: dict[int, float] = {}
        self._rendered = 0  # keystrokes in the latest render given to the page
        self._awaiting_paint = 0
        self.on_change: Callable[[], None] = lambda: None
        watch = self

        class PaintFilter(QObject):
            def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and watch._awaiting_paint:
                    watch._mark(watch.painted, watch._awaiting_paint)
                    watch._awaiting_paint = 0
                    watch.on_change()
                return False

        self._filter = PaintFilter()
        window.preview.view.focusProxy().installEventFilter(self._filter)
        window.preview.rendered.connect(self._on_rendered)
        window.preview.page.shown.connect(self._on_shown)

    def _on_rendered(self, bundle: Any, _result: Any) -> None:
        article = next(block for block in bundle.newsletter.blocks if block.type == "article")
        self._rendered = len(article.headline) - self.base

    def _on_shown(self) -> None:
        self._mark(self.shown, self._rendered)
        self._awaiting_paint = self._rendered
        self.on_change()

    def _mark(self, marks: dict[int, float], count: int) -> None:
        now = time.perf_counter()
        for key in range(min(count, len(self.pressed))):
            marks.setdefault(key, now)

    def close(self) -> None:
        self.window.preview.view.focusProxy().removeEventFilter(self._filter)
        self.window.preview.rendered.disconnect(self._on_rendered)
        self.window.preview.page.shown.disconnect(self._on_shown)


def measure_editing(
    bundle: object, runs: int, delay_ms: int, interval_ms: int = 0
) -> tuple[list[float], list[float]]:
    """Keystrokes in the first article's headline, to the preview showing and painting them.

    Args:
        bundle: the newsletter.
        runs: keystrokes timed (after three to warm up).
        delay_ms: the pane's wait before it renders: 150 as the preview once had, 0 now.
        interval_ms: 0: each keystroke after the last one is painted and the pane is idle;
            else one every ``interval_ms`` (typing), each timed to the first paint showing it.

    Returns:
        (keystroke -> page shows it, keystroke -> painted) in milliseconds.
    """
    import shiboken6
    from PySide6.QtCore import QEvent, QEventLoop, QSettings, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from composer.document import Document
    from composer.gui.main_window import MainWindow
    from composer.gui.open_document import OpenDocument
    from composer.gui.preferences import Preferences
    from composer.gui.window_state import WindowState
    from composer.model import Bundle

    assert isinstance(bundle, Bundle)
    folder = tempfile.mkdtemp()
    settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Preferences(settings), WindowState(settings))
    window.resize(1280, 800)
    window.show()
    window.holder.replace(OpenDocument(Document(bundle), None, "bench"))
    wait(window.preview.is_idle)
    window.preview.delay_ms = delay_ms
    article = next(block for block in bundle.newsletter.blocks if block.type == "article")
    window.select_block(article.id)
    assert window.editor is not None
    line = window.editor.fields["headline"].line  # type: ignore[attr-defined]
    line.setFocus()
    line.end(False)
    watch = _Watch(window, len(article.headline))
    loop = QEventLoop()
    total = runs + 3  # the first renders warm caches up

    def press() -> None:
        char = "abcdefghij"[len(watch.pressed) % 10]
        watch.pressed.append(time.perf_counter())
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(line, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))

    def settled() -> bool:
        return len(watch.painted) == len(watch.pressed) and window.preview.is_idle()

    # The event loop waits as the application's does (in Qt, the interpreter's lock let
    # go), so the render thread is not held up by a waiting loop of the benchmark's own.
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(loop.quit)
    if interval_ms:
        typing = QTimer()
        typing.setInterval(interval_ms)

        def tick() -> None:
            press()
            if len(watch.pressed) == total:
                typing.stop()

        typing.timeout.connect(tick)
        watch.on_change = lambda: loop.quit() if len(watch.pressed) == total and settled() else None
        typing.start()
        safety.start(60_000)
        loop.exec()
    else:
        for _ in range(total):
            watch.on_change = lambda: loop.quit() if settled() else None
            press()
            safety.start(10_000)
            if not settled():
                loop.exec()
            pause(0.03)  # the checks run after the preview has loaded; let them
    if len(watch.painted) < total:
        raise TimeoutError("the preview did not paint every keystroke")
    shown = [(watch.shown[key] - watch.pressed[key]) * 1000 for key in range(3, total)]
    painted = [(watch.painted[key] - watch.pressed[key]) * 1000 for key in range(3, total)]
    watch.close()
    window.open_document.undo_stack.setClean()
    window.shut_down()
    shiboken6.delete(window)  # now, while the QApplication lives: pages before profiles
    return shown, painted


def pause(seconds: float) -> None:
    """Let the event loop run for ``seconds``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def measure_render(bundle: object, runs: int) -> list[float]:
    """``render`` alone, in milliseconds."""
    from composer.gui.preview_page import image_src
    from composer.model import Bundle
    from composer.render import StoreResolver, render

    assert isinstance(bundle, Bundle)
    resolver = StoreResolver(bundle.images, image_src)
    render(bundle.newsletter, resolver)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        render(bundle.newsletter, resolver)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def wait(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Process events until ``condition()`` holds."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the preview did not settle")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def measure_startup(count: int) -> tuple[list[float], list[float]]:
    """Cold starts in fresh interpreters: (to painted, to preview loaded) in milliseconds."""
    painted, loaded = [], []
    for _ in range(count):
        out = subprocess.run(
            [sys.executable, "-c", _STARTUP], capture_output=True, text=True, check=True, cwd=ROOT
        )
        first, second = (float(value) for value in out.stdout.split()[-2:])
        painted.append(first * 1000)
        loaded.append(second * 1000)
    return painted, loaded


def report(name: str, samples: list[float]) -> None:
    p50, p95 = percentiles(samples)
    print(f"{name:<60} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   (n={len(samples)})")


def main() -> int:
    """Run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--startups", type=int, default=5)
    parser.add_argument(
        "--interval", type=int, default=80, help="ms between keys when typing (0: skip)"
    )
    args = parser.parse_args()

    from composer.gui.app import create_application
    from composer.gui.preview import OLD_DEBOUNCE_MS
    from composer.sample import load_sample

    app = create_application([sys.argv[0]])
    # The first window of a process pays Qt WebEngine's own warm-up (its renderer process,
    # V8, fonts) for tens of loads: measured first, the sample's p95 was 65 ms, measured
    # second 6 ms. That is start-up cost, measured below; edits are timed after a warm-up.
    measure_editing(load_sample(), args.runs, 0)
    for name, bundle in (("sample (5 blocks)", load_sample()), ("30 blocks", thirty_blocks())):
        report(f"render() alone, {name}", measure_render(bundle, args.runs))
        for way, delay in (("old: 150 ms debounce", OLD_DEBOUNCE_MS), ("now: at once", 0)):
            shown, painted = measure_editing(bundle, args.runs, delay)
            report(f"{name}, {way}: key -> page updated", shown)
            report(f"{name}, {way}: key -> painted", painted)
            if args.interval:
                _shown, painted = measure_editing(bundle, args.runs, delay, args.interval)
                report(f"{name}, {way}: typing, key -> painted", painted)
    del app
    if args.startups:
        painted, loaded = measure_startup(args.startups)
        report("start-up -> window painted (sample)", painted)
        report("start-up -> preview loaded (sample)", loaded)
    return 0


if __name__ == "__main__":
    sys.exit(main())
