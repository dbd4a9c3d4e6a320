"""The user guide: packaged in both languages, its pictures and links whole, its copies current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from composer.gui.help import GUIDE_FOLDER, guide_resource, heading_anchor
from composer.package_data import read_resource_bytes, resource

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "guide.py"
LANGUAGES = ("en", "sv")
PICTURE = re.compile(r"!\[([^\]]*)\]\(([^)]+)\)")


def guide_text(language: str) -> str:
    return read_resource_bytes(guide_resource(language)).decode("utf-8")


def pictures(language: str) -> list[str]:
    """The pictures the guide shows, in order, as its Markdown names them."""
    return [path for _alt, path in PICTURE.findall(guide_text(language))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_picture_of_the_guide_is_packaged_and_described(language: str) -> None:
    shown = PICTURE.findall(guide_text(language))
    assert len(shown) >= 12
    for alt, path in shown:
        assert alt.strip(), f"{path} has no alt text"
        assert path.startswith("images/") and path.endswith(f".{language}.png"), path
        assert resource(f"{GUIDE_FOLDER}/{path}").is_file(), f"{path} is missing"


def test_both_guides_show_the_same_pictures_in_the_same_places() -> None:
    english = [path.replace(".en.png", "") for path in pictures("en")]
    swedish = [path.replace(".sv.png", "") for path in pictures("sv")]
    assert english == swedish


def test_no_picture_is_packaged_that_no_guide_shows() -> None:
    shown = {path for language in LANGUAGES for path in pictures(language)}
    folder = resource(f"{GUIDE_FOLDER}/images")
    packaged = {f"images/{item.name}" for item in folder.iterdir()}
    assert packaged - shown == set(), "remove them, or show them in the guide"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_of_the_contents_leads_to_a_heading(language: str) -> None:
    text = guide_text(language)
    headings = {heading_anchor(line.lstrip("#")) for line in text.splitlines() if line[:1] == "#"}
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert len(links) >= 10
    assert set(links) - headings == set()
    # And every section is in the contents.
    sections = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert [heading_anchor(section) for section in sections] == links


def test_the_copies_in_docs_are_the_packaged_guide() -> None:
    checked = subprocess.run(
        [sys.executable, str(TOOL), "docs", "--check"], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    english = (ROOT / "docs" / "guide.en.md").read_text(encoding="utf-8")
    assert "](../resources/guide/images/window.en.png)" in english


@pytest.mark.slow
def test_the_guide_tool_draws_every_picture_the_guide_shows(tmp_path: Path) -> None:
    drawn = subprocess.run(
        [sys.executable, str(TOOL), "screenshots", "--language", "en", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert drawn.returncode == 0, drawn.stderr[-2000:]
    written = {f"images/{path.name}" for path in tmp_path.iterdir()}
    assert written == set(pictures("en"))
