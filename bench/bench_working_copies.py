"""Camera originals against working copies: the file's size, saving, opening, the email.

    python bench/bench_working_copies.py [--pictures 10] [--runs 3]

Ten generated 6000 × 4000 camera-like JPEGs (noise, so they do not compress to nothing; EXIF
with an orientation and a GPS position), one per article, added to a newsletter twice: as the
program did before (originals: ``add_image(keep_original=True)``) and as it does now (working
copies). For each:

- the ``.newsletter`` file's size (and its ``.bak`` after a second save);
- Save (median of ``--runs``), and an autosave round: the first journal write (pictures
  included) and a later one after an edit (the JSON only);
- opening the file in the window (Qt's offscreen platform) until every picture of the preview
  has loaded (``img.complete`` and ``naturalWidth`` in the page), with an empty picture cache
  (cold) and again with the cache filled (warm); and the process's peak RSS. Each kind runs
  in a fresh interpreter, so the peaks are its own.

Last, the ``html`` export of both: the ``width``/``height`` attributes of every ``<img>``
must be the same, or the script fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 6000, 4000


def camera_photo(seed: int) -> bytes:
    """A 6000 × 4000 JPEG as a camera writes it: grain over a gradient, EXIF, GPS, turned."""
    from PIL import ExifTags, Image, ImageChops

    small = Image.new("RGB", (6, 4))
    for x in range(6):
        for y in range(4):
            small.putpixel((x, y), ((seed * 40 + x * 35) % 256, (y * 60 + seed * 7) % 256, 140))
    base = small.resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR)
    grain = Image.effect_noise((WIDTH, HEIGHT), 18).convert("RGB")
    picture = ImageChops.add(base, grain, scale=1.0, offset=-128)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS 90D"
    exif[ExifTags.Base.Orientation] = 6 if seed % 2 else 1
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (63.0, 49.0, 30.0 + seed)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (20.0, 15.0, 45.0)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def build(photos: list[bytes], keep: bool) -> tuple[object, float]:
    """The newsletter with one article per photo; returns it and the seconds adding took."""
    from composer.document import Document
    from composer.edits import InsertBlock
    from composer.model import ArticleBlock, Bundle, Newsletter, Settings

    document = Document(Bundle(Newsletter()))
    document.set_settings(Settings(subject="Bench", logo_alt=""))
    start = time.perf_counter()
    refs = [
        document.add_image(photo, f"IMG_{n:04}.JPG", keep_original=keep)[0]
        for n, photo in enumerate(photos)
    ]
    added = time.perf_counter() - start
    for n, ref in enumerate(refs):
        block = ArticleBlock(
            id=f"a{n}",
            headline=f"Nyhet {n}",
            image=ref,
            image_alt=f"Bild {n}.",
            body="<p>Text.</p>",
        )
        InsertBlock(n, block).apply(document)
    return document, added


def save_and_autosave(document: object, folder: Path, runs: int) -> dict[str, float]:
    """File size, .bak size, Save median, autosave first and later write (seconds, bytes)."""
    from composer.document import Document
    from composer.edits import ChangeSettings
    from composer.recovery import Journal
    from composer.storage import save

    assert isinstance(document, Document)
    path = folder / "bench.newsletter"
    times = []
    for _ in range(max(2, runs)):  # from the second on, each save also writes the .bak
        start = time.perf_counter()
        save(document.snapshot(), path)
        times.append(time.perf_counter() - start)
    journal = Journal.create(folder / "recovery")
    start = time.perf_counter()
    journal.write(document.snapshot(), name="bench", path=path, changed_at=dt.datetime.now())
    first = time.perf_counter() - start
    settings = document.settings
    ChangeSettings(settings, settings.model_copy(update={"subject": "Bench 2"})).apply(document)
    start = time.perf_counter()
    journal.write(document.snapshot(), name="bench", path=path, changed_at=dt.datetime.now())
    later = time.perf_counter() - start
    journal.remove()
    return {
        "file": path.stat().st_size,
        "bak": (folder / "bench.newsletter.bak").stat().st_size,
        "save": statistics.median(times),
        "autosave_first": first,
        "autosave_later": later,
    }


# Run in a child interpreter: open a file in the window until every picture shows, twice.
_WINDOW = """
import json, os, sys, tempfile, time
from pathlib import Path
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
from PySide6.QtCore import QEventLoop, QSettings
from composer.gui.app import create_application
app = create_application([sys.argv[0]])
from PySide6.QtWidgets import QApplication
from composer.gui.main_window import MainWindow
from composer.gui.preferences import Preferences
from composer.gui.window_state import WindowState
from composer.images import ImageCache

path = Path(sys.argv[1])
folder = Path(tempfile.mkdtemp())
cache = ImageCache(folder / "cache")
SCRIPT = ("Array.from(document.images).length > 0 && Array.from(document.images)"
          ".every(i => i.complete && i.naturalWidth > 0)")

def shown(window):
    answer = []
    window.preview.page.runJavaScript(SCRIPT, 1, answer.append)  # 1: ApplicationWorld
    deadline = time.perf_counter() + 60
    while not answer:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() > deadline:
            raise TimeoutError("no answer from the page")
    return bool(answer[0])

def open_once(number):
    settings = QSettings(str(folder / f"s{number}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Preferences(settings), WindowState(settings), cache)
    window.resize(1280, 800)
    window.show()
    start = time.perf_counter()
    assert window.files.open_path(path)
    deadline = start + 120
    while not (window.preview.is_idle() and shown(window)):
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() > deadline:
            raise TimeoutError("the pictures did not show")
    elapsed = time.perf_counter() - start
    window.open_document.undo_stack.setClean()
    window.shut_down()
    return elapsed

cold = open_once(1)
warm = open_once(2)
# VmHWM, not ru_maxrss: that keeps the parent's peak across exec.
status = Path("/proc/self/status").read_text()
peak = next(int(row.split()[1]) * 1024 for row in status.splitlines() if row[:6] == "VmHWM:")
print(json.dumps({"cold": cold, "warm": warm, "peak_rss": peak}))
"""


def open_in_window(path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _WINDOW, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise SystemExit(f"the window process failed:\n{out.stderr[-3000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def email_sizes(document: object, folder: Path) -> list[tuple[str | None, str | None]]:
    from lxml import html as lxml_html

    from composer.document import Document
    from composer.export import export

    assert isinstance(document, Document)
    written = export(document.snapshot(), folder / "export", "html")
    html_file = written if written.is_file() else written / "newsletter.html"
    tree = lxml_html.fromstring(html_file.read_bytes())
    return [(img.get("width"), img.get("height")) for img in tree.iter("img")]


def mb(size: float) -> str:
    return f"{size / 1_000_000:7.1f} MB"


def main() -> int:
    """Run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    photos = [camera_photo(seed) for seed in range(args.pictures)]
    print(
        f"{args.pictures} camera photos {WIDTH} × {HEIGHT}, {mb(sum(map(len, photos)))} in all "
        f"(made in {time.perf_counter() - start:.1f} s)"
    )
    results: dict[str, dict[str, float]] = {}
    layouts = {}
    for label, keep in (("originals", True), ("working copies", False)):
        folder = Path(tempfile.mkdtemp(prefix="bench_wc_"))
        document, added = build(photos, keep)
        result = {"add": added, **save_and_autosave(document, folder, args.runs)}
        result.update(open_in_window(folder / "bench.newsletter"))
        layouts[label] = email_sizes(document, folder)
        results[label] = result
    print(f"{'':<32}{'originals':>14}{'working copies':>18}")
    rows = [
        ("adding the pictures", "add", "s"),
        ("file size", "file", "MB"),
        (".bak size", "bak", "MB"),
        ("Save (median)", "save", "s"),
        ("autosave, first write", "autosave_first", "s"),
        ("autosave, after an edit", "autosave_later", "s"),
        ("open until pictures shown, cold", "cold", "s"),
        ("open until pictures shown, warm", "warm", "s"),
        ("peak RSS of the window process", "peak_rss", "MB"),
    ]
    for name, key, unit in rows:
        values = [results[label][key] for label in ("originals", "working copies")]
        cells = [mb(v) if unit == "MB" else f"{v * 1000:8.0f} ms" for v in values]
        print(f"{name:<32}{cells[0]:>14}{cells[1]:>18}")
    same = layouts["originals"] == layouts["working copies"]
    print(
        f"exported email: {len(layouts['originals'])} <img>, width/height attributes "
        f"{'the same' if same else 'DIFFERENT'}: {layouts['working copies'][:3]}…"
    )
    return 0 if same else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
