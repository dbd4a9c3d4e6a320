"""How fast rendering is: in-process renders of the sample and of a 50-article newsletter,
and the cold command-line render of the sample as a whole process.

"cold" clears every cache first (what the command line and an export pay); "one edit" renders
the document after one more letter was typed into a headline (what the live preview pays: the
other blocks' inlined HTML is reused); "unchanged" renders the same document again.

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

from composer.model import Bundle, Newsletter, make_block
from composer.render import clear_caches, relative_resolver, render
from composer.sample import load_sample
from composer.storage import save

PARAGRAPH = (
    "<p>Regionens styrkor och potential ska vara väl synliggjorda för EU:s "
    'beslutsfattare i de frågor som påverkar regionen, och <a href="https://www.'
    'northsweden.eu">North Sweden</a> arbetar för att norra Sverige ska få bästa '
    "förutsättningar.</p>"
)


def fifty_articles(bundle: Bundle) -> Bundle:
    """The sample with 50 full articles (headline, photo, caption, three paragraphs, button)."""
    photo = bundle.newsletter.blocks[1].image  # type: ignore[union-attr]
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
    blocks = bundle.newsletter.blocks
    newsletter = Newsletter(
        settings=bundle.newsletter.settings, blocks=(blocks[0], *articles, *blocks[2:])
    )
    return Bundle(newsletter, bundle.images)


def median_ms(function: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def one_edit(bundle: Bundle, counter: list[int]) -> Newsletter:
    """The document after typing one more letter into its first article's headline."""
    counter[0] += 1
    blocks = list(bundle.newsletter.blocks)
    article = blocks[1]
    blocks[1] = article.model_copy(update={"headline": f"Planet {counter[0]}"})
    return bundle.newsletter.model_copy(update={"blocks": tuple(blocks)})


def main() -> None:
    sample = load_sample()
    big = fifty_articles(sample)
    resolvers = {id(p): relative_resolver(p.images) for p in (sample, big)}
    for bundle in (sample, big):  # templates compiled, Babel data and images probed once
        render(bundle.newsletter, resolvers[id(bundle)])

    def cold(bundle: Bundle) -> None:
        clear_caches()  # nothing inlined before: what the command line and export pay
        render(bundle.newsletter, resolvers[id(bundle)])

    def edited(bundle: Bundle, counter: list[int] = [0]) -> None:  # noqa: B006
        render(one_edit(bundle, counter), resolvers[id(bundle)])

    rows = []
    for name, bundle, runs in (("sample", sample, 30), ("50 articles", big, 10)):
        cold_ms = median_ms(lambda p=bundle: cold(p), runs)
        render(bundle.newsletter, resolvers[id(bundle)])
        edit_ms = median_ms(lambda p=bundle: edited(p), runs)
        same_ms = median_ms(lambda p=bundle: render(p.newsletter, resolvers[id(p)]), runs)
        rows.append((name, cold_ms, edit_ms, same_ms))
    size = len(render(big.newsletter, resolvers[id(big)]).html.encode())

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
        cli_ms = median_ms(lambda: subprocess.run(command, check=True), 7)
        bare_ms = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 7)

    print("In-process render (Jinja2 + premailer + text), median ms; aims: sample < 10, 50 < 40")
    print(f"{'document':<14}{'cold':>10}{'one edit':>12}{'unchanged':>12}")
    for name, cold_ms, edit_ms, same_ms in rows:
        print(f"{name:<14}{cold_ms:>10.1f}{edit_ms:>12.1f}{same_ms:>12.1f}")
    print(
        f"ratio 50 articles / sample, cold: {rows[1][1] / rows[0][1]:.1f}x; "
        f"one edit: {rows[1][2] / rows[0][2]:.1f}x"
    )
    print(f"50-article HTML: {size / 1024:.1f} KB")
    print(
        f"cold `newsletter-composer render` of the sample, whole process: {cli_ms:.0f} ms "
        f"(aim < 300; bare python start-up {bare_ms:.0f} ms)"
    )


if __name__ == "__main__":
    main()
