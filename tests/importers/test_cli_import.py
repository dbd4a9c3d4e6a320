"""``newsletter-composer import SOURCE… --into FILE.newsletter [--split-headings]``."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from importers.import_sources import SEED, word_document
from importers.news_site import NewsSite

from composer.cli import main
from composer.model import ArticleBlock, MastheadBlock, TextBlock
from composer.sample import load_sample
from composer.storage import backup_path, load, save


def test_import_starts_a_new_newsletter_from_the_sample_settings(
    tmp_path: Path, news_site: NewsSite, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "december.newsletter"
    docx = word_document(tmp_path / "Nyheter.docx")

    status = main(
        [
            "import",
            str(docx),
            news_site.url("/nyheter/planet"),
            "--into",
            str(target),
            "--split-headings",
        ]
    )

    out, err = capsys.readouterr()
    assert status == 0, err
    assert err == ""
    assert "Started" in out and "settings of the sample newsletter" in out
    bundle = load(target)
    sample = load_sample().newsletter.settings
    settings = bundle.newsletter.settings
    assert settings.organisation == sample.organisation
    assert settings.sender_email == sample.sender_email and settings.logo == sample.logo
    assert settings.subject == "" and settings.issue_date == dt.date.today()
    masthead, *articles = bundle.newsletter.blocks
    assert isinstance(masthead, MastheadBlock) and masthead.title == "Norra Sverige i EU"
    assert [block.display_name() for block in articles] == [
        "Planet",
        "Norra Sverige i EU",
        "Planet",
    ]
    assert all(isinstance(block, ArticleBlock) for block in articles)
    # Every picture shown is in the file: logo, the Word photo, the downloaded photo.
    assert len(bundle.newsletter.image_refs()) == 3
    assert all(ref in bundle.images for ref in bundle.newsletter.image_refs())
    # And the result passes through the other commands.
    assert main(["check", str(target)]) in (0, 1)
    assert main(["render", str(target), "-o", str(tmp_path / "out.html")]) == 0


def test_import_appends_to_an_existing_newsletter_and_keeps_a_backup(
    tmp_path: Path, sample_bundle_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = load(sample_bundle_path).newsletter.blocks

    assert main(["import", str(SEED), "--into", str(sample_bundle_path)]) == 0

    out = capsys.readouterr().out
    assert "1 article(s), 2 block(s) in all" in out and "Added to the end of" in out
    after = load(sample_bundle_path).newsletter.blocks
    assert after[: len(before)] == before
    article, office = after[len(before) :]
    assert isinstance(article, ArticleBlock) and isinstance(office, TextBlock)
    assert article.signature == "/Johan Leymann"
    assert load(backup_path(sample_bundle_path)).newsletter.blocks == before


def test_a_source_that_fails_leaves_the_newsletter_untouched(
    tmp_path: Path, sample_bundle_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = sample_bundle_path.read_bytes()

    status = main(
        ["import", str(SEED), str(tmp_path / "saknas.docx"), "--into", str(sample_bundle_path)]
    )

    assert status == 2
    err = capsys.readouterr().err
    assert "Cannot import" in err and "saknas.docx" in err and "no such file" in err
    assert "Traceback" not in err
    assert sample_bundle_path.read_bytes() == original


def test_a_picture_left_out_is_a_warning_and_the_rest_is_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "Planet.html"
    page.write_text(
        "<html><body><article><h1>Planet</h1><img src='/bilder/planet.jpg' alt='Seminariet'>"
        "<p>Torsdagen den 25 oktober presenterades SERN-projektet Planet och riktlinjer för "
        "framgångsrika projekt på ett seminarium i Bryssel.</p></article></body></html>",
        encoding="utf-8",
    )
    target = tmp_path / "ny.newsletter"
    assert main(["import", str(page), "--into", str(target)]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"warning: {page}: The picture “/bilder/planet.jpg” was left out")
    assert [block.display_name() for block in load(target).newsletter.blocks][1:] == ["Planet"]


def test_a_new_file_must_be_named_as_a_newsletter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["import", str(SEED), "--into", str(tmp_path / "ny.html")])
    assert status == 2
    assert "ends in .newsletter" in capsys.readouterr().err
    assert not (tmp_path / "ny.html").exists()


def test_render_does_not_load_the_importers() -> None:
    # The import command's libraries (trafilatura, mammoth, markdown-it) cost hundreds of
    # milliseconds to load: the other commands must not pay for them.
    code = (
        "import sys\n"
        "from composer.cli import main\n"
        "main(['render', '--help'])\n"
        "loaded = [m for m in ('composer.importers', 'trafilatura', 'mammoth', 'markdown_it')"
        " if m in sys.modules]\n"
        "print(loaded, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.stderr.strip().splitlines()[-1] == "[]"


@pytest.fixture
def sample_bundle_path(tmp_path: Path) -> Path:
    path = tmp_path / "november.newsletter"
    save(load_sample(), path)
    return path
