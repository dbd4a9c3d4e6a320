"""Benchmark of the pre-flight checks, which the window re-runs after every (debounced) edit.

Run as ``.venv/bin/python bench/bench_checks.py [--runs 200]``. Prints medians, in
milliseconds, of: rendering the sample; ``run_checks`` on that rendering (what the window pays
beyond the preview's own render); the same on the sample with 20 more articles and 20 camera-
sized photos; and the first run in a fresh program (image probes not cached).
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# The script runs from a checkout, where ``composer`` is not necessarily installed.
sys.path[:0] = [str(BENCH.parent)]

from PIL import Image  # noqa: E402

from composer.checks import run_checks  # noqa: E402
from composer.model import ArticleBlock, Bundle  # noqa: E402
from composer.render import relative_resolver, render  # noqa: E402
from composer.sample import load_sample  # noqa: E402


def median_ms(function: Callable[[], object], runs: int) -> float:
    """The median time of ``function`` over ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def big_project() -> Bundle:
    """The sample with 20 more copies of its article, each with its own 4000 x 3000 photo."""
    bundle = load_sample()
    planet = bundle.newsletter.block("planet")
    assert isinstance(planet, ArticleBlock)
    copies = []
    for number in range(20):
        out = io.BytesIO()
        Image.new("RGB", (4000, 3000), (number * 10, 90, 120)).save(out, "JPEG", quality=60)
        ref = bundle.images.add(out.getvalue(), "jpg", f"IMG_{number:04d}.JPG")
        copies.append(planet.model_copy(update={"id": f"copy-{number}", "image": ref}))
    newsletter = bundle.newsletter.model_copy(
        update={"blocks": (*bundle.newsletter.blocks, *copies)}
    )
    return Bundle(newsletter, bundle.images)


FIRST_RUN = """
import time
from composer.render import relative_resolver, render
from composer.sample import load_sample
bundle = load_sample()
rendered = render(bundle.newsletter, relative_resolver(bundle.images))
from composer.checks import run_checks
start = time.perf_counter()
run_checks(bundle, rendered, language="sv")
print((time.perf_counter() - start) * 1000)
"""


def main() -> None:
    """Measure and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    sample = load_sample()
    resolver = relative_resolver(sample.images)
    rendered = render(sample.newsletter, resolver)
    run_checks(sample, rendered, language="sv")  # warm: templates, catalogs, image probes

    def show(label: str, function: Callable[[], object]) -> None:
        print(f"{label:<32}{median_ms(function, args.runs):8.3f} ms")

    show("render sample", lambda: render(sample.newsletter, resolver))
    show("run_checks sample", lambda: run_checks(sample, rendered, language="sv"))
    big = big_project()
    big_rendered = render(big.newsletter, relative_resolver(big.images))
    run_checks(big, big_rendered, language="sv")
    show("run_checks 21 articles", lambda: run_checks(big, big_rendered, language="sv"))

    firsts = [
        float(
            subprocess.run(
                [sys.executable, "-c", FIRST_RUN],
                capture_output=True,
                text=True,
                check=True,
                cwd=BENCH.parent,
            ).stdout
        )
        for _ in range(5)
    ]
    print(f"{'run_checks, first in a program':<32}{statistics.median(firsts):8.3f} ms (of 5)")


if __name__ == "__main__":
    main()
