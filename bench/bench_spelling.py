"""What spelling costs: a keystroke in a 2,000-word article, with spelling on and off.

    python bench/bench_spelling.py [--keys 400]

Measured on Qt's offscreen platform:

- keystroke: a key typed into the middle of a 2,000-word Swedish article (the seed article's
  paragraphs, repeated, with a misspelt word in each copy), timed from the key press until
  the event loop is idle again (the highlighter, the body's conversion to the stored HTML,
  the repaint). In the body editor alone, and in the real window (where each keystroke also
  becomes an undoable edit of the document). Spelling off, on, and on without the per-word
  cache (every word asked of Hunspell again: the naive way).
- the whole article checked (what the pre-flight check does after an edit): cold, then warm.
- loading the dictionaries as the window does (on a thread of its own): how long until
  spelling works, and the longest the window cannot react meanwhile (Hunspell holds Python's
  lock while it reads a dictionary).
- the suggestions a right click shows: with Hunspell's n-gram suggestions turned off (as the
  program does) and on (Hunspell's default: the naive way).

Prints medians (p50) and 95th percentiles (p95) in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
# The word list of the benchmark's own, not the user's.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="bench-spelling-")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "tools" / "seed" / "north-sweden-planet-2012.txt"
WORDS = 2000
#: What is typed: Swedish words, one misspelt, with spaces and å, ä, ö.
TYPED = "Projektet fortsätter nästa år med fler kommuner och ett sammarbete i regionen. "


def article_paragraphs() -> list[str]:
    """The seed article's paragraphs, repeated until the article is 2,000 words long.

    Each copy misspells one word differently, so the article has misspellings to underline
    and words the cache has not seen.
    """
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    paragraphs = [line for line in lines if len(line.split()) >= 12]
    out: list[str] = []
    copy = 0
    while sum(len(p.split()) for p in out) < WORDS:
        for paragraph in paragraphs:
            words = paragraph.split()
            index = (copy * 7) % len(words)
            word = words[index]
            if len(word) > 4 and word.isalpha():
                words[index] = word[:2] + word[3] + word[2] + word[4:]  # two letters swapped
            out.append(" ".join(words))
        copy += 1
    return out


def percentiles(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def report(label: str, samples: list[float]) -> None:
    median, p95 = percentiles(samples)
    print(f"  {label:<46} p50 {median:7.2f} ms   p95 {p95:7.2f} ms   (n={len(samples)})")


#: Time spent underlining during the current key (the highlighter's own cost).
_SPELLING_TIME = [0.0]


def time_the_highlighter() -> None:
    """Make the highlighter add the time it takes to ``_SPELLING_TIME``.

    Done before any highlighter exists: Qt calls the method the class had then.
    """
    from composer.gui.spell_highlighter import TextSpelling

    original = TextSpelling.highlightBlock
    moved = TextSpelling._cursor_moved

    def timed(self: TextSpelling, text: str) -> None:
        start = time.perf_counter()
        original(self, text)
        _SPELLING_TIME[0] += time.perf_counter() - start

    def timed_moved(self: TextSpelling) -> None:
        start = time.perf_counter()
        moved(self)
        _SPELLING_TIME[0] += time.perf_counter() - start

    TextSpelling.highlightBlock = timed  # type: ignore[method-assign]
    TextSpelling._cursor_moved = timed_moved  # type: ignore[method-assign]


def type_keys(
    widget: object, text: str, settle: Callable[[], None]
) -> tuple[list[float], list[float]]:
    """Type ``text`` into ``widget`` key by key.

    Returns:
        The time of each key until Qt is idle, and the highlighter's share of it.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    times, spelling = [], []
    for char in text:
        key = Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown
        _SPELLING_TIME[0] = 0.0
        start = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)
        settle()
        times.append(time.perf_counter() - start)
        spelling.append(_SPELLING_TIME[0])
    return times, spelling


def bench_body_editor(keys: int) -> None:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from composer.gui.rich_text_editor import RichTextField
    from composer.gui.spell_highlighter import SpellingService, spell_check_fields
    from composer.spelling import SpellChecker, _Dictionary

    app = QApplication.instance()
    assert app is not None
    service = SpellingService(None)
    service.set_language("sv")
    service.wait()
    app.processEvents()
    body = "".join(f"<p>{p}</p>" for p in article_paragraphs())
    text = (TYPED * (keys // len(TYPED) + 1))[:keys]
    print(f"Keystroke in the body editor ({WORDS:,}-word article, {keys} keys):")
    for label, spelled, cached in (
        ("spelling off", False, True),
        ("spelling on", True, True),
        ("spelling on, no per-word cache (naive)", True, False),
    ):
        field = RichTextField()
        field.resize(700, 600)
        field.show()
        if spelled:
            spell_check_fields({"body": field}, "article", service)
        field.set_value(body)
        app.processEvents()
        field.editor.setFocus()
        cursor = field.editor.textCursor()
        middle = field.editor.document().findBlockByNumber(
            field.editor.document().blockCount() // 2
        )
        cursor.setPosition(middle.position())
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        field.editor.setTextCursor(cursor)
        knows, spelt_right = _Dictionary.knows, SpellChecker._spelt_right
        if not cached:
            _Dictionary.knows = lambda self, word: self._ask(word)  # type: ignore[method-assign]
            SpellChecker._spelt_right = SpellChecker._judge  # type: ignore[method-assign]
        try:
            times, spelling = type_keys(field.editor, text, app.processEvents)
        finally:
            _Dictionary.knows = knows  # type: ignore[method-assign]
            SpellChecker._spelt_right = spelt_right  # type: ignore[method-assign]
        report(label, times)
        if spelled:
            report("  of which underlining (the highlighter)", spelling)
        field.close()
        field.deleteLater()
        app.processEvents()
    service.close()


def bench_window(keys: int) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    import composer.gui.editor_pane as editor_pane
    from composer.document import Document
    from composer.gui.main_window import MainWindow
    from composer.gui.open_document import OpenDocument
    from composer.gui.preferences import Preferences
    from composer.gui.rich_text_editor import RichTextField
    from composer.gui.window_state import WindowState
    from composer.model import Bundle, make_block
    from composer.sample import load_sample

    app = QApplication.instance()
    assert app is not None
    body = "".join(f"<p>{p}</p>" for p in article_paragraphs())
    text = (TYPED * (keys // len(TYPED) + 1))[:keys]
    print(f"Keystroke in the window's article body ({WORDS:,}-word article, {keys} keys):")
    attach = editor_pane.spell_check_fields
    for label, spelled in (("spelling off", False), ("spelling on", True)):
        sample = load_sample()
        long = make_block("article", id="lang", headline="Planet", body=body)
        newsletter = sample.newsletter.model_copy(update={"blocks": (long,)})
        settings = QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat)
        document = OpenDocument(Document(Bundle(newsletter, sample.images)), None, "Bench")
        if not spelled:
            editor_pane.spell_check_fields = lambda *args: None  # type: ignore[assignment]
        try:
            window = MainWindow(Preferences(settings), WindowState(settings), document=document)
            window.resize(1280, 800)
            window.show()
            window.spelling.wait()
            deadline = time.perf_counter() + 30
            while not (window.preview.is_idle() and window.spelling.ready):
                app.processEvents()
                if time.perf_counter() > deadline:
                    break
            window.select_block("lang")
            field = window.editor.fields["body"] if window.editor else None
            assert isinstance(field, RichTextField)
            field.editor.setFocus()
            cursor = field.editor.textCursor()
            middle = field.editor.document().findBlockByNumber(
                field.editor.document().blockCount() // 2
            )
            cursor.setPosition(middle.position())
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            field.editor.setTextCursor(cursor)
            app.processEvents()
            times, spelling = type_keys(field.editor, text, app.processEvents)
            report(label, times)
            if spelled:
                report("  of which underlining (the highlighter)", spelling)
        finally:
            editor_pane.spell_check_fields = attach
        document.undo_stack.setClean()
        window.close()
        window.deleteLater()
        app.processEvents()


def bench_load_in_window() -> None:
    """How long the GUI thread stalls while the window's service loads the dictionaries."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from composer.gui.spell_highlighter import SpellingService

    app = QApplication.instance()
    assert app is not None
    service = SpellingService(None)
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    ticker.start()
    start = time.perf_counter()
    service.set_language("sv")
    while not service.ready:
        app.processEvents()
    took = time.perf_counter() - start
    ticker.stop()
    service.close()
    print("Loading the dictionaries on the window's loading thread (sv, then en for names):")
    print(f"  until spelling is ready                           {took * 1000:7.0f} ms")
    print(f"  longest the window could not react (timer gap)    {max(gaps, default=0):7d} ms")


def bench_core() -> None:
    import hunspell

    from composer.spelling import _DICTIONARIES, SpellChecker, dictionary_files, load_dictionaries

    load_dictionaries("sv")
    text = "\n".join(article_paragraphs())
    checker = SpellChecker()
    _DICTIONARIES["sv"]._answers.clear()
    start = time.perf_counter()
    found = checker.misspellings(text, "sv")
    cold = time.perf_counter() - start
    warm = []
    for _ in range(20):
        start = time.perf_counter()
        checker.misspellings(text, "sv")
        warm.append(time.perf_counter() - start)
    print(f"The whole {WORDS:,}-word article checked ({len(found)} misspellings):")
    print(f"  cold (every word asked of Hunspell)              {cold * 1000:7.1f} ms")
    report("warm (the pre-flight check after an edit)", warm)

    wrong = [
        "sammarbetsprojekt",
        "framgångsrrika",
        "seminaruim",
        "kommuer",
        "regeringn",
        "landstingett",
        "tjänstmän",
        "Bryssell",
    ]
    print(f"Suggestions for a right click (Swedish, {len(wrong)} misspelt words):")
    times = []
    for word in wrong:
        _DICTIONARIES["sv"]._suggestions.pop(word, None)
        start = time.perf_counter()
        checker.suggestions(word, "sv")
        times.append(time.perf_counter() - start)
    report("n-gram suggestions off (the program)", times)
    aff, _dic = dictionary_files("sv")
    naive = hunspell.Hunspell("sv_SE", hunspell_data_dir=str(aff.parent))
    times = []
    for word in wrong:
        start = time.perf_counter()
        naive.suggest(word)
        times.append(time.perf_counter() - start)
    report("Hunspell's default, n-gram on (naive)", times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=400, help="keys typed per measurement")
    args = parser.parse_args()

    from composer.gui.app import create_application

    create_application([sys.argv[0]], language="en")
    time_the_highlighter()
    bench_load_in_window()
    bench_core()
    bench_body_editor(args.keys)
    bench_window(args.keys)


if __name__ == "__main__":
    main()
