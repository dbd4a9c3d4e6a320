"""Benchmark of the whole html export of a newsletter with 20 camera photos, beside the naive way.

Run as ``.venv/bin/python bench/bench_export.py [--photos 20] [--runs 5]``. The photos (6000 ×
4000 noisy JPEGs of about 12 MB with EXIF and GPS) come from ``bench_images.py``'s generator
and are kept in a temporary folder for later runs. Each method runs in a fresh interpreter
so that its peak memory is its own. Methods:

- naive: full decode + thumbnail + progressive encode of every photo, one process (no export);
- cold: ``export(…, "html")`` with an empty image cache (its thread pool started each time);
- warm: the same export again in the same program, the cache filled (as in the window);
- warm-disk: a new program exporting again: the cache folder filled, its memory empty.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

BENCH = Path(__file__).resolve().parent
# The script runs from a checkout, where ``composer`` is not necessarily installed.
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

from bench_images import (  # noqa: E402
    DEFAULT_FOLDER,
    MAX_WIDTH,
    MemorySampler,
    ensure_photos,
    naive,
    peak_rss_mb,
)

if TYPE_CHECKING:
    from composer.images import ImageCache
    from composer.model import Bundle

# composer.export and the rest are imported inside the functions: the parent, which only runs
# each method in an interpreter of its own and prints the table, never loads them.

METHODS = {
    "naive": "naive: full decode + thumbnail + encode, 1 process",
    "cold": "export html, cold cache",
    "warm": "export html, warm cache (same program)",
    "warm-disk": "export html, warm disk cache (new program)",
}
AIMS = {"cold": 1.5, "warm": 0.2}
BODY = (
    "<p>Torsdagen den 25 oktober presenterades projektet på ett seminarium i Bryssel där "
    "Norrbotten är med som projektexempel.</p><p>Riktlinjerna finns tillgängliga för alla.</p>"
)


def photo_newsletter(paths: list[Path]) -> Bundle:
    """A newsletter of one article per photo, the photos stored as a document holds them."""
    from composer.model import Bundle, ImageStore, Newsletter, Settings, make_block

    store = ImageStore()
    blocks = [make_block("masthead", title="Norra Sverige i EU")]
    for number, path in enumerate(paths, 1):
        ref = store.add(path.read_bytes(), "jpg", f"IMG_{5000 + number}.JPG")
        blocks.append(
            make_block(
                "article",
                headline=f"Nyhet nummer {number}",
                image=ref,
                image_alt=f"Bild {number}",
                body=BODY,
            )
        )
    settings = Settings(subject="Nyhetsbrev", sender_email="info@northsweden.eu")
    return Bundle(Newsletter(settings=settings, blocks=tuple(blocks)), store)


def timed_export(bundle: Bundle, target: Path, cache: ImageCache) -> float:
    from composer.export import export

    start = time.perf_counter()
    export(bundle, target, "html", cache=cache)
    return time.perf_counter() - start


def measure(method: str, paths: list[Path], runs: int, scratch: Path) -> list[float]:
    """Seconds per run of ``method``."""
    if method == "naive":
        items = [(path.read_bytes(), MAX_WIDTH, path.name) for path in paths]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            naive(items)
            times.append(time.perf_counter() - start)
        return times
    from composer.export import export
    from composer.images import ImageCache

    bundle = photo_newsletter(paths)
    if method == "cold":
        return [
            timed_export(bundle, scratch / f"out{run}", ImageCache(scratch / f"cache{run}"))
            for run in range(runs)
        ]
    cache = ImageCache(scratch / "cache")
    export(bundle, scratch / "first", "html", cache=cache)  # fills the cache; not timed
    if method == "warm":
        return [timed_export(bundle, scratch / f"out{run}", cache) for run in range(runs)]
    return [
        timed_export(bundle, scratch / f"out{run}", ImageCache(scratch / "cache"))
        for run in range(runs)
    ]


def run_one(method: str, paths: list[Path], runs: int) -> None:
    """Measure ``method`` in this interpreter and print the figures as one JSON line."""
    sampler = MemorySampler()
    sampler.start()
    with tempfile.TemporaryDirectory() as scratch:
        times = measure(method, paths, runs, Path(scratch))
    sampler.stop()
    figures = {
        "times": times,
        "rss_self": peak_rss_mb(resource.RUSAGE_SELF),
        "rss_total": sampler.peak_total_kb * 1024 / 1e6,
        "rss_worker": sampler.peak_worker_kb * 1024 / 1e6,
    }
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20, help="number of photos (20)")
    parser.add_argument("--runs", type=int, default=5, help="runs per method (5)")
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER, help="where photos live")
    parser.add_argument("--only", choices=sorted(METHODS), action="append", help="methods to run")
    parser.add_argument("--measure", choices=sorted(METHODS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    paths = ensure_photos(args.folder, args.photos)
    if args.measure:
        run_one(args.measure, paths, args.runs)
        return
    size = sum(path.stat().st_size for path in paths) / len(paths) / 1e6
    print(f"{len(paths)} photos of 6000 × 4000, {size:.1f} MB each on average; {args.runs} runs")
    print(
        f"{'method':<50} {'median':>8} {'min':>7} {'max':>7}  {'peak RSS (MB): main':>20}"
        f" {'all':>6} {'worker':>7}"
    )
    for method in args.only or list(METHODS):
        runs = max(1, args.runs // 2) if method == "naive" else args.runs
        command = [sys.executable, __file__, "--measure", method, "--runs", str(runs)]
        command += ["--photos", str(args.photos), "--folder", str(args.folder)]
        out = subprocess.run(command, capture_output=True, text=True, check=True)
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        times = figures["times"]
        median = statistics.median(times)
        aim = AIMS.get(method)
        verdict = "" if aim is None else f"  (aim < {aim} s: {'met' if median < aim else 'MISSED'})"
        print(
            f"{METHODS[method]:<50} {median:7.3f}s {min(times):6.3f}s {max(times):6.3f}s"
            f"  {figures['rss_self']:20.0f} {figures['rss_total']:6.0f}"
            f" {figures['rss_worker']:7.0f}{verdict}"
        )


if __name__ == "__main__":
    main()
