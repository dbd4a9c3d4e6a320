"""Kill -9 torture of saving: a program saving a large newsletter is killed at random moments.

Run as ``.venv/bin/python bench/bench_save_torture.py [--rounds 100] [--pictures-mb 8]
[--strategy safe|naive] [--json]``. Each round starts a child that takes the document's lock
(as the window does when it opens a file) and saves the newsletter, with several megabytes of
pictures, over and over; the parent kills it with SIGKILL after a random time, then does what
the next start of the program does (sweep the folder's leftovers, take the stale lock over)
and checks that the file and its ``.bak`` both open and that no temporary file survives.

``--strategy naive`` saves as the program did before (``mkstemp``, ``shutil.copy2`` onto the
``.bak``, rename; no lock, no sweep), to compare. ``tests/test_save_torture.py`` runs 10 rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# The script runs from a checkout, where ``composer`` is not necessarily installed.
sys.path[:0] = [str(BENCH.parent)]

from composer import file_lock  # noqa: E402
from composer.errors import DocumentLoadError  # noqa: E402
from composer.model import Bundle, ImageStore, Newsletter, Settings, make_block  # noqa: E402
from composer.storage import (  # noqa: E402
    DOCUMENT_ENTRY,
    IMAGES_FOLDER,
    backup_path,
    document_bytes,
    load,
    save,
    sweep_orphans,
)

FILE_NAME = "torture.newsletter"
READY = "ready"


def big_newsletter(pictures_mb: float, seed: int = 5383) -> Bundle:
    """A newsletter with ``pictures_mb`` megabytes of incompressible pictures in 4 blocks."""
    generator = random.Random(seed)
    images = ImageStore()
    blocks = [make_block("masthead", title="Nyhetsbrev")]
    size = max(1, int(pictures_mb * 1024 * 1024 / 4))
    for number in range(4):
        ref = images.add(generator.randbytes(size), "jpg", f"IMG_{5383 + number}.jpg")
        blocks.append(make_block("image", image=ref, alt=f"Bild {number}", caption="Bryssel"))
    return Bundle(Newsletter(settings=Settings(subject="Runda 0"), blocks=tuple(blocks)), images)


def _naive_save(bundle: Bundle, path: Path) -> None:
    """The save of before: temporary file, fsync, copy2 onto the .bak, rename."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w+b") as stream:
            with zipfile.ZipFile(stream, "w") as archive:
                archive.writestr(DOCUMENT_ENTRY, document_bytes(bundle.newsletter))
                for ref in bundle.newsletter.image_refs():
                    archive.writestr(IMAGES_FOLDER + ref.filename, bundle.images.get(ref))
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        os.replace(name, path)
    except OSError:
        Path(name).unlink(missing_ok=True)
        raise


def child(folder: Path, strategy: str, pictures_mb: float) -> None:
    """Save the newsletter in a loop until killed (the subject changes every time)."""
    path = folder / FILE_NAME
    bundle = big_newsletter(pictures_mb)
    if strategy == "safe":
        lock = file_lock.acquire(path)
        assert isinstance(lock, file_lock.FileLock), lock
    print(READY, flush=True)
    number = 0
    while True:
        number += 1
        settings = bundle.newsletter.settings.model_copy(update={"subject": f"Runda {number}"})
        bundle = Bundle(bundle.newsletter.model_copy(update={"settings": settings}), bundle.images)
        if strategy == "safe":
            save(bundle, path)
        else:
            _naive_save(bundle, path)


@dataclass
class Results:
    """What the rounds found, counted."""

    strategy: str
    rounds: int = 0
    file_opened: int = 0
    file_existed: int = 0
    backup_existed: int = 0
    backup_opened: int = 0
    temporaries_left_by_kill: int = 0
    temporary_bytes_left_by_kill: int = 0
    temporaries_at_end: int = 0
    stale_locks_taken_over: int = 0
    failures: list[str] = field(default_factory=list)


def _temporaries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(".") and p.suffix == ".tmp")


def _opens(path: Path) -> bool:
    try:
        load(path)
    except DocumentLoadError:
        return False
    return True


def torture(
    folder: Path, rounds: int, strategy: str, pictures_mb: float, max_delay: float, seed: int
) -> Results:
    """Run ``rounds`` kill -9 rounds in ``folder``; see the module's docstring."""
    generator = random.Random(seed)
    results = Results(strategy)
    path = folder / FILE_NAME
    save(big_newsletter(pictures_mb), path)
    for round_number in range(1, rounds + 1):
        before = set(_temporaries(folder))
        process = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--child",
                str(folder),
                "--strategy",
                strategy,
                "--pictures-mb",
                str(pictures_mb),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        if process.stdout.readline().strip() != READY:
            process.kill()
            raise RuntimeError("the saving child did not start")
        time.sleep(generator.uniform(0.0, max_delay))
        if process.poll() is not None:
            # It stopped by itself: a save raised. That is a failure, not a kill.
            raise RuntimeError(f"the saving child failed with status {process.returncode}")
        process.send_signal(signal.SIGKILL)
        process.wait()  # reaped: its pid is gone, as after a crash
        process.stdout.close()
        results.rounds += 1
        left = [p for p in _temporaries(folder) if p not in before]
        results.temporaries_left_by_kill += len(left)
        results.temporary_bytes_left_by_kill += sum(p.stat().st_size for p in left)
        # The next start: opening the file sweeps its folder and takes the stale lock over.
        if strategy == "safe":
            sweep_orphans(folder)
            holder = file_lock.read_lock(path)
            lock = file_lock.acquire(path)
            if not isinstance(lock, file_lock.FileLock):
                results.failures.append(f"round {round_number}: lock still held by {lock}")
            else:
                results.stale_locks_taken_over += holder is not None and holder.is_stale()
                lock.release()
        remaining = _temporaries(folder)
        if path.exists():
            results.file_existed += 1
        if _opens(path):
            results.file_opened += 1
        else:
            results.failures.append(f"round {round_number}: {FILE_NAME} does not open")
        backup = backup_path(path)
        if backup.exists():
            results.backup_existed += 1
            if _opens(backup):
                results.backup_opened += 1
            else:
                results.failures.append(f"round {round_number}: the .bak does not open")
        if strategy == "safe" and remaining:
            results.failures.append(f"round {round_number}: left {[p.name for p in remaining]}")
    results.temporaries_at_end = len(_temporaries(folder))
    return results


def _report(results: Results) -> str:
    mb = results.temporary_bytes_left_by_kill / 1e6
    return "\n".join(
        [
            f"strategy {results.strategy}: {results.rounds} kill -9 rounds",
            f"  file opened after the kill:  {results.file_opened}/{results.rounds}",
            f"  .bak opened (when present):  {results.backup_opened}/{results.backup_existed}",
            f"  temporary files the kills left: {results.temporaries_left_by_kill} ({mb:.0f} MB)",
            f"  temporary files at the end:  {results.temporaries_at_end}",
            f"  stale locks taken over:      {results.stale_locks_taken_over}",
            f"  failures: {len(results.failures)}",
            *(f"    {failure}" for failure in results.failures[:10]),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Run the torture and print the counts; exit status 1 when a round failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--strategy", choices=("safe", "naive"), default="safe")
    parser.add_argument("--pictures-mb", type=float, default=8.0)
    parser.add_argument(
        "--max-delay", type=float, default=1.5, help="longest wait before the kill (s)"
    )
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--folder", help="where to work (a fresh temporary folder by default)")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child), args.strategy, args.pictures_mb)
        return 0
    with tempfile.TemporaryDirectory(prefix="torture-") as scratch:
        folder = Path(args.folder) if args.folder else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        results = torture(
            folder, args.rounds, args.strategy, args.pictures_mb, args.max_delay, args.seed
        )
        elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps(asdict(results)))
    else:
        print(_report(results))
        print(f"  ({elapsed:.0f} s)")
    return 1 if results.failures else 0


if __name__ == "__main__":
    sys.exit(main())
