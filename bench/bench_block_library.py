"""Benchmark of the saved-blocks library: what saving and inserting a block cost, and its size.

Run as ``.venv/bin/python bench/bench_block_library.py [--entries 60] [--photos 20] [--runs 9]``.
Each save and insert reads the whole library file and (for a save) writes it again, atomically
and durably, so that two windows never lose each other's blocks; this measures what that costs
on a library far larger than an office keeps: ``--entries`` saved blocks, ``--photos`` of them
contact blocks with a camera-sized photo (about 1 MB each). Beside the file's size it prints
the size of the same library as a JSON file with the pictures in base64, the naive format.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# The script runs from a checkout, where ``composer`` is not necessarily installed.
sys.path[:0] = [str(BENCH.parent)]

from PIL import Image  # noqa: E402

from composer.block_library import LibraryFile, library_bytes  # noqa: E402
from composer.model import ContactBlock, ImageStore, TextBlock  # noqa: E402


def median_ms(function: Callable[[], object], runs: int) -> float:
    """The median time of ``function`` over ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def photo(seed: int) -> bytes:
    """A noisy 1600 × 1200 JPEG of about 1 MB, different for each seed."""
    image = Image.effect_noise((1600, 1200), 40 + seed % 50).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def main() -> None:
    """Build the library, then time a save and an insert."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=60)
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        library = LibraryFile(Path(folder) / "saved.blocks")
        images = ImageStore()
        for number in range(args.entries):
            if number < args.photos:
                ref = images.add(photo(number), "jpg", f"person-{number}.jpg")
                block: ContactBlock | TextBlock = ContactBlock(name=f"Person {number}", photo=ref)
            else:
                block = TextBlock(heading=f"Text {number}", body="<p>Vi finns i Bryssel.</p>" * 20)
            library.save_block(f"Block {number}", block, images)
        size = library.path.stat().st_size
        saved = library.read()
        naive = len(library_bytes(saved)) + len(
            json.dumps(
                {key: base64.b64encode(value).decode() for key, value in images.data.items()}
            )
        )
        extra = TextBlock(heading="Kontoret")
        first = saved.entries[0].id

        def save_and_delete() -> None:
            entry = library.save_block("Extra", extra, ImageStore())
            library.delete(entry.id)

        save_ms = median_ms(save_and_delete, args.runs) / 2
        insert_ms = median_ms(lambda: library.copy_of(first, ImageStore()), args.runs)
        print(
            f"library of {args.entries} blocks, {args.photos} with photos: "
            f"{size / 1e6:.1f} MB (JSON with base64 pictures: {naive / 1e6:.1f} MB)"
        )
        print(f"save one block (read, change, write atomically): {save_ms:.0f} ms median")
        print(f"insert one block (read, copy):                   {insert_ms:.0f} ms median")


if __name__ == "__main__":
    main()
