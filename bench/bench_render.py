"""How fast rendering is: in-process renders of the sample and of a 50-article newsletter,
and the cold command-line render of the sample as a whole process.

Run: ``.venv/bin/python bench/bench_render.py`` (prints medians of several runs).
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from composer.model import Newsletter, make_block
from composer.render import relative_resolver, render
from composer.sample import load_sample
from composer.storage import Project, save

PARAGRAPH = (
    "<p>Regionens styrkor och potential ska vara väl synliggjorda för EU:s "
    'beslutsfattare i de frågor som påverkar regionen, och <a href="https://www.'
    'northsweden.eu">North Sweden</a> arbetar för att norra Sverige ska få bästa '
    "förutsättningar.</p>"
)


def fifty_articles(project: Project) -> Project:
    """The sample with 50 full articles (headline, photo, caption, three paragraphs, button)."""
    photo = project.newsletter.blocks[1].image  # type: ignore[union-attr]
    articles = tuple(
        make_block(
            "article",
            category="Projekt",
            date=dt.date(2012, 11, 1),
            headline=f"Nyhet nummer {i}",
            image=photo,
            image_alt="Seminariet",
            image_caption="Seminariet i Bryssel.",
            body=PARAGRAPH * 3,
            link_label="Läs mer",
            link_url=f"https://www.northsweden.eu/nyheter/{i}",
        )
        for i in range(50)
    )
    blocks = project.newsletter.blocks
    newsletter = Newsletter(
        settings=project.newsletter.settings, blocks=(blocks[0], *articles, *blocks[2:])
    )
    return Project(newsletter, project.images)


def median_ms(function: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    sample = load_sample()
    big = fifty_articles(sample)
    for project in (sample, big):  # warm up: templates compiled, CSS parsed, images probed
        render(project.newsletter, relative_resolver(project.images))
    sample_resolver = relative_resolver(sample.images)
    big_resolver = relative_resolver(big.images)
    sample_ms = median_ms(lambda: render(sample.newsletter, sample_resolver), 30)
    big_ms = median_ms(lambda: render(big.newsletter, big_resolver), 10)
    size = len(render(big.newsletter, big_resolver).html.encode())

    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder) / "s.newsletter"
        save(sample, document)
        command = [
            sys.executable,
            "-m",
            "composer",
            "render",
            str(document),
            "-o",
            str(Path(folder) / "s.html"),
        ]
        subprocess.run(command, check=True)
        cold_ms = median_ms(lambda: subprocess.run(command, check=True), 7)
        bare_ms = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 7)

    print(f"{'measure':<44}{'median':>10}{'aim':>10}")
    print(f"{'render sample, in-process':<44}{sample_ms:>8.1f}ms{'< 10ms':>10}")
    print(f"{'render 50 articles, in-process':<44}{big_ms:>8.1f}ms{'< 40ms':>10}")
    print(f"{'  ratio 50 articles / sample':<44}{big_ms / sample_ms:>9.1f}x")
    print(f"{'  50-article HTML size':<44}{size / 1024:>8.1f}KB")
    print(f"{'cold `render` of the sample, whole process':<44}{cold_ms:>8.0f}ms{'< 300ms':>10}")
    print(f"{'  of which bare python start-up':<44}{bare_ms:>8.0f}ms")


if __name__ == "__main__":
    main()
