"""Benchmark of the image pipeline on camera-sized photos: naive Pillow vs process_many.

Run as ``python bench/bench_images.py [--photos 20] [--runs 3]``. The photos (6000 × 4000
noisy JPEGs of about 12 MB, with EXIF orientation and GPS) are generated once into a
temporary folder and kept there for later runs. Each method runs in a fresh interpreter so
that its peak memory is its own.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import io
import json
import multiprocessing
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PIL import ExifTags, Image, ImageChops, ImageDraw, ImageOps

# The script runs from a checkout, where ``composer`` is not necessarily installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from composer.images import Framing, ImageCache, process, process_many
from composer.model import PIXEL_DENSITY, Crop

WIDTH, HEIGHT = 6000, 4000
MAX_WIDTH = 600 * PIXEL_DENSITY  # a 600-pixel slot, for sharp screens
NOISE = 17  # ± amplitude of the sensor-like noise; gives files of about 12 MB at quality 95
DEFAULT_FOLDER = Path(tempfile.gettempdir()) / "newsletter-composer-bench" / "photos-v1"
Items = list[tuple[bytes, int, str]]
#: The crop of the "cropped" methods: the middle half of each side, a quarter of the picture.
CROP = Crop(left=0.25, top=0.25, width=0.5, height=0.5)

METHODS: dict[str, str] = {
    "naive": "naive: full decode + thumbnail, 1 process",
    "serial": "process(), one after another, 1 process",
    "naive-cropped": "naive, cropped: full decode, turn, crop, shrink",
    "serial-cropped": "process(), cropped (a quarter), 1 process",
    "cold": "process_many, cold cache (default: threads)",
    "cold-processes": "process_many, cold cache, spawned process pool",
    "cold-kept-pool": "process_many, cold cache, process pool kept warm",
    "warm-memory": "process_many, warm cache (memory)",
    "warm-disk": "process_many, warm cache (disk: new ImageCache)",
}


# --- photos --------------------------------------------------------------------------------


def make_photo(path: Path, seed: int) -> None:
    """Write one camera-like photo: shapes and gradients, noise, EXIF with GPS."""
    rng = random.Random(seed)
    small = Image.merge(
        "RGB",
        [
            Image.linear_gradient("L").rotate(rng.randrange(360)),
            Image.radial_gradient("L"),
            Image.linear_gradient("L").rotate(rng.randrange(360)),
        ],
    ).resize((WIDTH // 4, HEIGHT // 4))
    draw = ImageDraw.Draw(small)
    for _ in range(40):
        x, y, size = rng.randrange(WIDTH // 4), rng.randrange(HEIGHT // 4), rng.randrange(20, 300)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x, y, x + size, y + size * 0.7), fill=colour)
    scene = small.resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC)
    noise = Image.frombytes("RGB", (WIDTH, HEIGHT), rng.randbytes(WIDTH * HEIGHT * 3))
    noise = noise.point(lambda value: 128 + (value - 128) * NOISE // 128)
    photo = ImageChops.add(scene, noise, 1.0, -128)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS 90D"
    exif[ExifTags.Base.Orientation] = 6 if seed % 4 == 3 else 1  # every fourth one portrait
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (63.0, 49.0, float(seed))
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (20.0, 15.0, 45.0)
    partial = path.with_suffix(".part")
    photo.save(partial, "JPEG", quality=95, exif=exif)
    partial.replace(path)


def ensure_photos(folder: Path, count: int) -> list[Path]:
    """The ``count`` photos in ``folder``, generating those not there yet."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"photo-{number:02d}.jpg" for number in range(count)]
    missing = [(path, number) for number, path in enumerate(paths) if not path.exists()]
    if missing:
        print(f"generating {len(missing)} photos in {folder} …", file=sys.stderr)
        with concurrent.futures.ProcessPoolExecutor() as pool:
            list(pool.map(make_photo, *zip(*missing, strict=True)))
    return paths


# --- methods -------------------------------------------------------------------------------


def naive(items: Items) -> list[bytes]:
    """What one would write first: decode everything in full, then shrink."""
    outputs = []
    for data, max_width, _name in items:
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # decoded in full: thumbnail() can no longer use draft mode
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((max_width, max_width))
            buffer = io.BytesIO()
            upright.save(buffer, "JPEG", quality=80, optimize=True, progressive=True)
            outputs.append(buffer.getvalue())
    return outputs


def naive_cropped(items: Items) -> list[bytes]:
    """The naive way with a crop: decode in full, turn upright, cut, then shrink."""
    outputs = []
    for data, max_width, _name in items:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            width, height = upright.size
            part = upright.crop(CROP.box((width, height)))
            part.thumbnail((max_width, max_width))
            buffer = io.BytesIO()
            part.save(buffer, "JPEG", quality=80, optimize=True, progressive=True)
            outputs.append(buffer.getvalue())
    return outputs


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(method: str, items: Items, runs: int) -> list[float]:
    """Seconds per run of ``method`` on ``items``."""
    if method == "naive":
        return [timed(lambda: naive(items)) for _ in range(runs)]
    if method == "serial":
        return [timed(lambda: [process(*item) for item in items]) for _ in range(runs)]
    if method == "naive-cropped":
        return [timed(lambda: naive_cropped(items)) for _ in range(runs)]
    if method == "serial-cropped":
        framing = Framing(crop=CROP)
        return [
            timed(lambda: [process(*item, framing=framing) for item in items]) for _ in range(runs)
        ]
    with tempfile.TemporaryDirectory() as scratch:
        if method.startswith("cold"):
            return cold(method, items, Path(scratch), runs)
        cache = ImageCache(Path(scratch))
        process_many(items, cache=cache)  # fills the cache; not timed
        if method == "warm-memory":
            return [timed(lambda: process_many(items, cache=cache)) for _ in range(runs)]
        return [
            timed(lambda: process_many(items, cache=ImageCache(Path(scratch)))) for _ in range(runs)
        ]


def cold(method: str, items: Items, scratch: Path, runs: int) -> list[float]:
    """Seconds of each of ``runs`` batches, each into an empty cache."""
    caches = [ImageCache(scratch / f"run{run}") for run in range(runs)]
    if method == "cold":
        return [timed(partial(process_many, items, cache=cache)) for cache in caches]
    executor = concurrent.futures.ProcessPoolExecutor(
        os.cpu_count(), mp_context=multiprocessing.get_context("spawn")
    )
    if method == "cold-kept-pool":
        process_many(items[:2], executor=executor)  # starts the workers; not timed
    with executor:
        return [timed(partial(process_many, items, cache=c, executor=executor)) for c in caches]


def peak_rss_mb(who: int) -> float:
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    unit = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(who).ru_maxrss * unit / 1e6


class MemorySampler(threading.Thread):
    """Peak resident memory of this process and its worker processes together (Linux).

    getrusage's figure for children is no use here: Linux counts, for a child started by
    fork + exec, the parent's memory it shared before the exec, so every worker would seem
    to hold all the photos. /proc tells what each process really has resident.
    """

    def __init__(self, interval: float = 0.01) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.peak_total_kb = 0
        self.peak_worker_kb = 0
        self._finished = threading.Event()

    def run(self) -> None:
        # A child between its fork and its exec still shows the parent's memory as its own;
        # it is recognised by still having the parent's command line.
        own_command = Path("/proc/self/cmdline").read_bytes()
        while not self._finished.is_set():
            workers = [
                pid for pid in _descendants(os.getpid()) if _command(pid) not in (own_command, b"")
            ]
            own = _status_kb(os.getpid(), "VmRSS")
            self.peak_total_kb = max(
                self.peak_total_kb, own + sum(_status_kb(pid, "VmRSS") for pid in workers)
            )
            for pid in workers:
                self.peak_worker_kb = max(self.peak_worker_kb, _status_kb(pid, "VmHWM"))
            self._finished.wait(self.interval)

    def stop(self) -> None:
        self._finished.set()
        self.join()


def _descendants(pid: int) -> list[int]:
    found = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    for task in tasks:
        try:
            children = [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *_descendants(child)]
    return found


def _command(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def run_one(method: str, paths: list[Path], runs: int) -> None:
    """Measure ``method`` in this interpreter and print the figures as one JSON line."""
    items = [(path.read_bytes(), MAX_WIDTH, path.name) for path in paths]
    sampler = MemorySampler()
    sampler.start()
    machine_before, own_before, start = _machine_busy(), _own_cpu(), time.perf_counter()
    times = measure(method, items, runs)
    elapsed = time.perf_counter() - start
    others = (_machine_busy() - machine_before) - (_own_cpu() - own_before)
    sampler.stop()
    figures = {
        "times": times,
        "rss_self": peak_rss_mb(resource.RUSAGE_SELF),
        "rss_total": sampler.peak_total_kb * 1024 / 1e6,
        "rss_worker": sampler.peak_worker_kb * 1024 / 1e6,
        "others": max(0.0, others) / (elapsed * (os.cpu_count() or 1)),
    }
    print(json.dumps(figures))


def _machine_busy() -> float:
    """CPU seconds all processes have used since boot (Linux; 0 elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    ticks = [int(field) for field in fields]
    idle = ticks[3] + ticks[4]  # idle and iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    """CPU seconds this process and its finished workers have used."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20, help="number of photos (20)")
    parser.add_argument("--runs", type=int, default=3, help="runs of the cold batch (3)")
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER, help="where photos live")
    parser.add_argument("--only", choices=sorted(METHODS), action="append", help="methods to run")
    parser.add_argument("--measure", choices=sorted(METHODS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    paths = ensure_photos(args.folder, args.photos)
    if args.measure:
        run_one(args.measure, paths, args.runs)
        return

    total_mb = sum(path.stat().st_size for path in paths) / 1e6
    print(
        f"{len(paths)} photos of {WIDTH} × {HEIGHT}, {total_mb / len(paths):.1f} MB each "
        f"({total_mb:.0f} MB in all), to {MAX_WIDTH} px; {os.cpu_count()} CPUs; "
        f"Python {sys.version.split()[0]}"
    )
    print(
        f"{'method':<48} {'runs':>4} {'median s':>9} {'min s':>7} {'RSS MB':>7} "
        f"{'total MB':>8} {'worker MB':>9} {'others':>6}"
    )
    for method in args.only or list(METHODS):
        runs = {
            "naive": min(2, args.runs),
            "serial": min(2, args.runs),
            "naive-cropped": min(2, args.runs),
            "serial-cropped": min(2, args.runs),
        }.get(method, args.runs)
        if method.startswith("warm"):
            runs = max(5, args.runs)
        command = [sys.executable, __file__, "--measure", method, "--runs", str(runs)]
        command += ["--photos", str(args.photos), "--folder", str(args.folder)]
        finished = subprocess.run(command, check=False, capture_output=True, text=True)
        if finished.returncode != 0:
            sys.exit(f"{method} failed:\n{finished.stderr}")
        figures = json.loads(finished.stdout.strip().splitlines()[-1])
        times = figures["times"]
        print(
            f"{METHODS[method]:<48} {len(times):>4} {statistics.median(times):>9.3f} "
            f"{min(times):>7.3f} {figures['rss_self']:>7.0f} {figures['rss_total']:>8.0f} "
            f"{figures['rss_worker']:>9.0f} {figures['others']:>6.0%}"
        )
    print(
        "RSS MB: getrusage peak of the measuring process, which holds every photo in memory; "
        "total MB: peak of it and its workers together, sampled from /proc every 10 ms; "
        "worker MB: peak of the largest worker (VmHWM); others: share of the machine's CPU "
        "used by other programs meanwhile (timings are only meaningful near 0 %)."
    )


if __name__ == "__main__":
    main()
