"""What a small hostile ``.newsletter`` can make loading cost: peak memory and time.

Run as ``.venv/bin/python bench/bench_load_limits.py``. Each file is loaded in a fresh
interpreter (so that its peak memory is its own) and the result is printed beside the
interpreter's own peak with nothing loaded. The files, built in a temporary folder:

- issue: the tester's file: pictures of 59 MB of zeros each, packed small, as many as the
  old 1 GiB total allowed (17): refused now before a picture is read;
- largest: the most a file may make the program hold: pictures of 59 MB with correct hashes
  up to the 400 MiB total (loads: this is the bound);
- objects: a document.json of 4 MB of empty objects where blocks belong (refused by the model).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent)]

from composer.storage import MAX_DOCUMENT_BYTES, MAX_TOTAL_BYTES  # noqa: E402

PICTURE = 59 * 1024 * 1024

_MEASURE = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from composer.errors import DocumentLoadError
from composer.storage import load
start = time.perf_counter()
outcome = "loaded"
if sys.argv[1] != "-":
    try:
        load(sys.argv[1])
    except DocumentLoadError as exc:
        outcome = "refused: " + str(exc)[:90]
elapsed = time.perf_counter() - start
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "seconds": elapsed, "outcome": outcome}))
"""


def _document(refs: list[dict[str, object]]) -> bytes:
    data = {"schema_version": 1, "blocks": refs}
    return json.dumps(data).encode()


def _pictures_file(path: Path, count: int, honest_hashes: bool) -> None:
    refs: list[dict[str, object]] = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for number in range(count):
            content = bytearray(PICTURE)
            content[:8] = number.to_bytes(8, "big")
            digest = hashlib.sha256(content if honest_hashes else str(number).encode()).hexdigest()
            refs.append({"type": "image", "image": {"sha256": digest, "extension": "png"}})
            archive.writestr(f"images/{digest}.png", bytes(content))
        archive.writestr("document.json", _document(refs))


def _objects_file(path: Path) -> None:
    count = (MAX_DOCUMENT_BYTES - 100) // 3
    raw = b'{"schema_version": 1, "blocks": [' + b"{}," * (count - 1) + b"{}]}"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("document.json", raw)


def _measure(path: Path | None) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path) if path else "-", str(BENCH.parent)],
        capture_output=True,
        text=True,
        check=True,
    )
    measured: dict[str, object] = json.loads(result.stdout)
    return measured


def main() -> None:
    """Build the files, load each in a fresh interpreter, print peak memory and outcome."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as scratch:
        folder = Path(scratch)
        files = {
            "issue": folder / "issue.newsletter",
            "largest": folder / "largest.newsletter",
            "objects": folder / "objects.newsletter",
        }
        _pictures_file(files["issue"], 17, honest_hashes=False)
        _pictures_file(files["largest"], MAX_TOTAL_BYTES // PICTURE, honest_hashes=True)
        _objects_file(files["objects"])
        baseline = _measure(None)
        print(f"interpreter with the loader imported: {baseline['peak_mb']:.0f} MB peak")
        for name, path in files.items():
            size = path.stat().st_size / 1e6
            measured = _measure(path)
            print(
                f"{name:8} {size:6.1f} MB file: {measured['peak_mb']:5.0f} MB peak, "
                f"{measured['seconds']:5.2f} s, {measured['outcome']}"
            )


if __name__ == "__main__":
    main()
