"""Peak memory of a fresh process exporting or previewing hostile and ordinary pictures.

    python bench/bench_memory.py [--workers 16] [--naive-ref REF] [--timeout 120]

Each measurement is a fresh interpreter; its peak resident memory (VmHWM) is reported with
its wall time, and its outcome below the table. Measured:

- ``export --format html`` (the command line) of
  (a) the sample with one picture replaced by a 1 × 59,000,000-pixel PNG (1-bit palette,
      115 KB),
  (a') the same with a 59,000,000 × 1 PNG instead (2-bit palette with a transparent colour,
       15 KB),
  (b) the sample with three different 1 × 59,000,000 PNGs,
  (c) the sample itself,
  (d) ten 6000 × 4000 camera photos (about 12 MB each, as bench_images.py makes them),
  (e) three 6000 × 4000 palette PNGs with a transparent colour (24 MB each): accepted, and
      each near the most one picture may cost;
- the window opened on (a) and on (e), offscreen, until its preview and checks are done.

Each runs on the naive code (by default the commit before ``composer/images/memory.py``
was added: main before the memory budget) and on this checkout, with the machine's cores
and with ``--workers`` threads (``os.cpu_count`` made to say so). The naive code does not run
the strips with many threads: they would take gigabytes each. Every export starts with an
empty image cache; generated photos are kept in the temporary folder for later runs.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STRIP_LENGTH = 59_000_000
#: Where generated photos are kept between runs (bench_images.py keeps its own there too).
KEPT = Path(tempfile.gettempdir()) / "newsletter-composer-bench"

# Both child scripts report their peak resident memory (VmHWM, which unlike ru_maxrss does not
# keep the parent's from before exec) to the file named by BENCH_MEMORY_REPORT as they end.
_REPORT = """
import atexit, os
def report_peak():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["BENCH_MEMORY_REPORT"], "w") as report:
        report.write(peak)
atexit.register(report_peak)
"""

# The command line in a fresh interpreter, with os.cpu_count() saying argv[1] (0: the truth).
_COMMAND = (
    _REPORT
    + """
import os, sys
if int(sys.argv[1]):
    os.cpu_count = lambda: int(sys.argv[1])
from composer.main import main
sys.exit(main(sys.argv[2:]))
"""
)

# The window on argv[2], offscreen, until the preview shows it with its pictures and the
# checks have run; prints what it saw. Written for the window of the naive code and of this one.
_WINDOW = (
    _REPORT
    + """
import os, sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QSettings
from composer.gui.app import create_application
app = create_application([sys.argv[0]])
from composer.gui.main_window import MainWindow
from composer.gui.window_state import WindowState
from composer.images import ImageCache
folder = Path(tempfile.mkdtemp())
settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
cache = ImageCache(folder / "cache")
try:  # the window since the GUI was split (preferences apart, files opened by window.files)
    from composer.gui.preferences import Preferences
except ImportError:  # the window before
    window = MainWindow(WindowState(settings), cache)
    open_path = window.open_path
else:
    window = MainWindow(Preferences(settings), WindowState(settings), cache)
    open_path = window.files.open_path
window.resize(1280, 800)
window.show()
open_path(Path(sys.argv[2]))
found = []
window.checks_runner.findings_ready.connect(found.append)
def settled():
    handler = window.preview.handler
    return window.preview.is_idle() and not handler._waiting and bool(found)
quiet_since = None
while quiet_since is None or time.monotonic() - quiet_since < 1.0:
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    quiet_since = (quiet_since or time.monotonic()) if settled() else None
errors = [f.message for f in found[-1] if f.severity.name == "ERROR" and f.code.startswith("image")]
print(errors[0] if errors else "preview shown, no picture refused", flush=True)
report_peak()
os._exit(0)
"""
)


@dataclass(frozen=True)
class Measurement:
    """One fresh process: its peak memory and how it ended."""

    peak_mb: float
    seconds: float
    outcome: str

    def cell(self) -> str:
        return f"{self.peak_mb:5.0f} MB {self.seconds:5.1f} s"


# --- inputs --------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data)
    return len(data).to_bytes(4, "big") + kind + data + crc.to_bytes(4, "big")


def _png(width: int, height: int, depth: int, colour: int, rows: bytes, extra: bytes) -> bytes:
    """A PNG whose raw rows (filter byte included) are ``rows`` repeated ``height`` times."""
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([depth, colour, 0, 0, 0])
    compressor = zlib.compressobj(9)
    pieces, left = [], height
    block = rows * max(1, (1 << 21) // len(rows))  # about 2 MB of rows at a time
    per_block = len(block) // len(rows)
    while left:
        count = min(left, per_block)
        pieces.append(compressor.compress(block[: count * len(rows)]))
        left -= count
    pieces.append(compressor.flush())
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + extra
        + _chunk(b"IDAT", b"".join(pieces))
        + _chunk(b"IEND", b"")
    )


def tall_strip(seed: int) -> bytes:
    """1 × 59,000,000 pixels, 1-bit palette: about 115 KB. ``seed`` makes each one different."""
    palette = bytes([255, 255, 255, seed * 40 % 256, 64, 128])
    return _png(1, STRIP_LENGTH, 1, 3, b"\x00\x80", _chunk(b"PLTE", palette))


def wide_strip() -> bytes:
    """59,000,000 × 1 pixels, 2-bit palette with a transparent colour: about 15 KB."""
    row = b"\x00" + b"\x1b" * ((STRIP_LENGTH * 2 + 7) // 8)
    palette = bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])
    return _png(STRIP_LENGTH, 1, 2, 3, row, _chunk(b"PLTE", palette) + _chunk(b"tRNS", b"\x00"))


def newsletter_with(pictures: list[tuple[str, bytes]], path: Path) -> None:
    """The sample with its first pictures replaced by ``pictures``; more become image blocks."""
    from composer import storage
    from composer.model import ArticleBlock, Bundle, ImageBlock, new_block_id
    from composer.sample import load_sample

    bundle = load_sample()
    blocks = list(bundle.newsletter.blocks)
    queue = list(pictures)
    for index, block in enumerate(blocks):
        if queue and isinstance(block, ArticleBlock | ImageBlock) and block.image is not None:
            name, data = queue.pop(0)
            ref = bundle.images.add(
                data, name.rsplit(".", 1)[1].lower().replace("jpeg", "jpg"), name
            )
            blocks[index] = block.model_copy(update={"image": ref})
    for name, data in queue:
        ref = bundle.images.add(data, name.rsplit(".", 1)[1].lower().replace("jpeg", "jpg"), name)
        blocks.insert(-1, ImageBlock(id=new_block_id(), image=ref, alt=name))
    newsletter = bundle.newsletter.model_copy(update={"blocks": tuple(blocks)})
    used = {ref.sha256 for ref in newsletter.image_refs()}
    bundle.images.data = {sha: data for sha, data in bundle.images.data.items() if sha in used}
    storage.save(Bundle(newsletter, bundle.images), path)


def make_inputs(folder: Path) -> dict[str, Path]:
    """The newsletters measured, by case name."""
    from bench_images import ensure_photos

    from composer.sample import load_sample

    documents = {
        "a": [("strip.png", tall_strip(0))],
        "a'": [("wide-strip.png", wide_strip())],
        "b": [(f"strip-{n}.png", tall_strip(n)) for n in range(3)],
    }
    paths = {}
    for case, pictures in documents.items():
        paths[case] = folder / f"{case.replace(chr(39), 'prime')}.newsletter"
        newsletter_with(pictures, paths[case])
    from composer import storage

    paths["c"] = folder / "sample.newsletter"
    storage.save(load_sample(), paths["c"])
    photos = ensure_photos(KEPT / "photos-v1", 10)
    paths["d"] = folder / "photos.newsletter"
    newsletter_with(
        [(f"IMG_{n:04d}.jpg", path.read_bytes()) for n, path in enumerate(photos)], paths["d"]
    )
    paths["e"] = folder / "transparent.newsletter"
    newsletter_with(
        [(path.name, path.read_bytes()) for path in transparent_pictures(KEPT / "palette-v1", 3)],
        paths["e"],
    )
    return paths


def transparent_pictures(folder: Path, count: int) -> list[Path]:
    """``count`` 6000 × 4000 noisy palette PNGs with a transparent colour, made once."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"drawing-{number}.png" for number in range(count)]
    for number, path in enumerate(paths):
        if not path.exists():
            print(f"generating {path} …", file=sys.stderr)
            noise = random.Random(number).randbytes(6000 * 4000)
            picture = Image.frombytes("L", (6000, 4000), noise).convert("P")
            picture.save(path.with_suffix(".part"), "PNG", transparency=0)
            path.with_suffix(".part").replace(path)
    return paths


# --- trees and processes -------------------------------------------------------------------


def naive_ref() -> str:
    """The commit before the memory budget came in, or main when it has not come in yet."""
    added = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "-1", "--", "composer/images/memory.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return f"{added}^" if added else "main"


def checkout(ref: str, folder: Path) -> Path:
    """The files of ``ref`` in ``folder``, templates/ and resources/ mapped into the package."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref], cwd=ROOT, capture_output=True, check=True
    ).stdout
    folder.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    for name in ("templates", "resources"):
        (folder / "composer" / name).symlink_to(Path("..") / name)
    return folder


def _peak_kb(pid: int) -> int:
    """The resident high-water mark of a running process, in kB; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0


def measure(tree: Path, script: str, args: list[str], workers: int, timeout: float) -> Measurement:
    """Run ``script`` with ``args`` on the code in ``tree``, in a fresh interpreter."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "XDG_CACHE_HOME": str(scratch / "cache"),  # every run starts with no cached image
        "XDG_DATA_HOME": str(scratch / "data"),  # nor recovery journals, nor settings
        "XDG_CONFIG_HOME": str(scratch / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu",
        "BENCH_MEMORY_REPORT": str(scratch / "peak"),
    }
    if os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    peak_kb, timed_out = 0, False
    with open(scratch / "out", "wb") as out, open(scratch / "err", "wb") as err:
        start = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-c", script, str(workers), *args],
            cwd=tree,
            env=env,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        # Sampled while it runs, for a process stopped at the timeout; else it reports itself.
        while process.poll() is None:
            peak_kb = max(peak_kb, _peak_kb(process.pid))
            if time.monotonic() - start > timeout:
                timed_out = True
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
    if (scratch / "peak").exists():
        peak_kb = max(peak_kb, int((scratch / "peak").read_text()))
    lines = [
        line.strip()
        for name in ("err", "out")
        for line in (scratch / name).read_text(errors="replace").splitlines()
        if line.strip() and "propagateSizeHints" not in line
    ]
    if timed_out:
        outcome = f"still working after {timeout:.0f} s, stopped"
    else:
        last = lines[-1] if lines else ""
        outcome = f"exit {process.returncode}: {last}" if last else f"exit {process.returncode}"
    shutil.rmtree(scratch, ignore_errors=True)
    return Measurement(peak_kb / 1024, seconds, outcome)


# --- main ----------------------------------------------------------------------------------


CASES = {
    "a": "(a)  1 × 59,000,000 PNG",
    "a'": "(a') 59,000,000 × 1 PNG",
    "b": "(b)  three 1 × 59,000,000 PNGs",
    "c": "(c)  the sample",
    "d": "(d)  ten 6000 × 4000 photos",
    "e": "(e)  three 6000 × 4000 PNGs, transparent",
}
#: Cases the naive code runs with many workers too; the strips would take gigabytes each.
MANY_WORKERS_NAIVE = ("c", "d", "e")
#: Cases the window opens.
WINDOW_CASES = ("a", "e")


def main() -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=16, help="threads to simulate cores")
    parser.add_argument("--naive-ref", default=None, help="the code before (default: see top)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before giving up")
    args = parser.parse_args()

    ref = args.naive_ref or naive_ref()
    work = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    try:
        print(f"inputs in {work} …", file=sys.stderr)
        inputs = make_inputs(work)
        trees = {"naive": checkout(ref, work / "naive"), "yours": ROOT}
        cores = os.cpu_count() or 1
        columns = [("naive", 0), ("yours", 0), ("naive", args.workers), ("yours", args.workers)]
        print(f"naive: {ref}")
        print("peak resident memory of a fresh process (its own, not Qt WebEngine's helpers)")
        print(
            f"and its wall time; ({cores}) the machine's cores, ({args.workers}) as many threads\n"
        )
        header = "".join(f"{f'{name} ({workers or cores})':>23}" for name, workers in columns)
        print(f"{'export --format html':42}{header}")
        outcomes: list[str] = []
        for case, label in CASES.items():
            cells = []
            for tree_name, workers in columns:
                if tree_name == "naive" and workers and case not in MANY_WORKERS_NAIVE:
                    cells.append(f"{'(not run)':>23}")
                    continue
                out = work / f"out-{len(outcomes)}"
                result = measure(
                    trees[tree_name],
                    _COMMAND,
                    ["export", str(inputs[case]), "--format", "html", "-o", str(out)],
                    workers,
                    args.timeout,
                )
                cells.append(f"{result.cell():>23}")
                outcomes.append(f"{label} / {tree_name} ({workers or cores}): {result.outcome}")
            print(f"{label:42}" + "".join(cells), flush=True)
        print(f"\n{'the window: preview and checks':42}")
        for case in WINDOW_CASES:
            cells = []
            for tree_name, _workers in columns[:2]:
                result = measure(trees[tree_name], _WINDOW, [str(inputs[case])], 0, args.timeout)
                cells.append(f"{result.cell():>23}")
                outcomes.append(f"window {CASES[case]} / {tree_name}: {result.outcome}")
            print(f"{CASES[case]:42}" + "".join(cells), flush=True)
        print("\noutcomes:")
        for outcome in outcomes:
            print(f"  {outcome[:160]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
