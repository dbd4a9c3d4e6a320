"""Benchmark of a recovery journal write, for the sample and for 10 camera photos, beside naive.

Run as ``.venv/bin/python bench/bench_recovery.py [--runs 40]``. The photos (6000 × 4000 JPEGs
of about 12 MB) come from ``bench_images.py``'s generator. What is timed, on the worker
thread the window writes from:

- first: the first write of a journal (its folder, every picture, the JSON);
- journal: a write after one more typed character (the JSON only: pictures are on disk);
- naive: saving the whole ``.newsletter`` file after each change instead (``storage.save``);
- snapshot: what the GUI thread itself pays per write (``Document.snapshot()``).

Every write is durable (fsync), as in the window.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

from bench_export import photo_newsletter  # noqa: E402
from bench_images import DEFAULT_FOLDER, ensure_photos  # noqa: E402

from composer.document import Document  # noqa: E402
from composer.model import Bundle  # noqa: E402
from composer.recovery import Journal  # noqa: E402
from composer.sample import load_sample  # noqa: E402
from composer.storage import save  # noqa: E402


def typed(bundle: Bundle, count: int) -> Bundle:
    """``bundle`` with ``count`` more characters typed into its subject."""
    settings = bundle.newsletter.settings
    subject = settings.subject + "x" * count
    newsletter = bundle.newsletter.model_copy(
        update={"settings": settings.model_copy(update={"subject": subject})}
    )
    return Bundle(newsletter, bundle.images)


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Seconds each of ``runs`` calls of ``action`` took."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def describe(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(times) * 1000:9.2f} ms   p95 {p95 * 1000:9.2f} ms"


def measure(label: str, bundle: Bundle, folder: Path, runs: int) -> None:
    now = dt.datetime.now(dt.UTC)
    size = sum(len(bundle.images.get(ref)) for ref in bundle.newsletter.image_refs())
    print(f"\n{label}: {len(bundle.newsletter.blocks)} blocks, pictures {size / 1e6:.1f} MB")
    firsts = []
    for _ in range(3):
        journal = Journal.create(folder)
        start = time.perf_counter()
        journal.write(bundle, name="Untitled", path=None, changed_at=now)
        firsts.append(time.perf_counter() - start)
        journal.remove()
    print(f"  first write (all pictures)  {describe(firsts)}")
    journal = Journal.create(folder)
    journal.write(bundle, name="Untitled", path=None, changed_at=now)
    counter = iter(range(1, 10**6))
    steady = timed(
        lambda: journal.write(
            typed(bundle, next(counter)), name="Untitled", path=None, changed_at=now
        ),
        runs,
    )
    print(f"  journal write (steady)      {describe(steady)}")
    journal.remove()
    target = folder / "naive.newsletter"
    naive_runs = max(3, runs // 4)
    naive = timed(lambda: save(typed(bundle, next(counter)), target), naive_runs)
    print(f"  naive: save the whole file  {describe(naive)}")
    document = Document(bundle)
    snapshots = timed(document.snapshot, runs)
    print(f"  GUI thread: snapshot()      {describe(snapshots)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--photos", type=int, default=10)
    args = parser.parse_args()
    photos = ensure_photos(DEFAULT_FOLDER, args.photos)
    with tempfile.TemporaryDirectory(prefix="bench-recovery-", dir=Path.home()) as name:
        folder = Path(name)
        print(f"writing in {folder} (the home folder's file system, as the user's data folder)")
        measure("sample", load_sample(), folder, args.runs)
        measure(f"{args.photos} camera photos", photo_newsletter(photos), folder, args.runs)


if __name__ == "__main__":
    main()
