"""Benchmark of the importers: what an officer waits for after File → Import… or a paste.

Run as ``.venv/bin/python bench/bench_import.py [--runs 20]``. Prints medians, in milliseconds,
of: importing the test suite's Word document (python-docx, with a 1600 × 1067 photo), the seed's
news page saved with its photo, the seed text, and Markdown; cleaning Word's clipboard for a
bulleted list (``clean_paste``) beside the sanitizer alone, which it adds to; and, in fresh
programs, how long the first import of each kind takes to load its library.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# The script runs from a checkout, where ``composer`` is not necessarily installed; the
# sources are the test suite's own, built as the tests build them.
sys.path[:0] = [str(BENCH.parent), str(BENCH.parent / "tests")]

from importers.import_sources import (  # noqa: E402
    SEED,
    news_page,
    photo,
    word_clipboard_bullets,
    word_document,
)

from composer.importers import clean_paste, import_source  # noqa: E402
from composer.richtext import sanitize  # noqa: E402


def median_ms(function: Callable[[], object], runs: int) -> float:
    """The median time of ``function`` over ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def first_import_ms(source: Path) -> float:
    """The time of one import in a fresh program, its library loaded on the way."""
    code = (
        "import sys, time\n"
        f"sys.path[:0] = [{str(BENCH.parent)!r}]\n"
        "from composer.importers import import_source\n"
        "start = time.perf_counter()\n"
        f"import_source({str(source)!r})\n"
        "print((time.perf_counter() - start) * 1000)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return float(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        docx = word_document(tmp / "Nyheter.docx")
        (tmp / "Planet_files").mkdir()
        (tmp / "Planet_files" / "IMG_5383.jpg").write_bytes(photo())
        page = tmp / "Planet.html"
        page.write_text(news_page(photo_src="Planet_files/IMG_5383.jpg"), encoding="utf-8")
        markdown = tmp / "Planet.md"
        markdown.write_text(
            "# Planet\n\n" + SEED.read_text(encoding="utf-8").split("\n", 2)[2], encoding="utf-8"
        )
        clipboard = word_clipboard_bullets()
        print(f"median of {runs} runs, ms")
        for name, source in (
            ("Word document (.docx)", docx),
            ("saved news page (.html)", page),
            ("seed text (.txt)", SEED),
            ("Markdown (.md)", markdown),
        ):
            # One import first: the libraries are loaded once per program.
            import_source(source)
            print(f"  import {name:<26} {median_ms(lambda s=source: import_source(s), runs):8.1f}")
        paste = median_ms(lambda: clean_paste(clipboard), runs * 10)
        naive = median_ms(lambda: sanitize(clipboard), runs * 10)
        print(f"  paste of Word's list, clean_paste  {paste:8.2f}   (sanitize alone {naive:.2f})")
        print("first import in a fresh program, ms (library loaded)")
        for name, source in (("docx", docx), ("html", page), ("md", markdown)):
            print(f"  {name:<5} {first_import_ms(source):8.1f}")


if __name__ == "__main__":
    main()
