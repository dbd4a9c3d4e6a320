"""The plain-text alternative: wrapped lines, links whole, the HTML's order (issue 15)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from composer.model import Bundle, ImageStore, Newsletter, Settings, make_block
from composer.render import relative_resolver, render
from composer.render.renderer import TEXT_WIDTH, wrap_text

WORDS = st.lists(
    st.one_of(
        st.from_regex(r"[a-zåäöA-ZÅÄÖ]{1,14}[.,]?", fullmatch=True),
        st.from_regex(r"<https://www\.[a-z]{3,20}\.se(/[a-z0-9-]{1,30}){1,4}>", fullmatch=True),
    ),
    min_size=1,
    max_size=80,
)


@given(paragraphs=st.lists(WORDS, min_size=1, max_size=4), item=st.booleans())
def test_wrapped_lines_fit_and_keep_every_word(paragraphs: list[list[str]], item: bool) -> None:
    marker = "- " if item else ""
    text = "\n".join(marker + " ".join(words) for words in paragraphs)
    wrapped = wrap_text(text)
    for line in wrapped.split("\n"):
        # Only a word longer than a line (a link), after its list marker, may make it longer.
        word = line.strip().removeprefix("- ")
        assert len(line) <= TEXT_WIDTH or " " not in word, line
        if item and not line.startswith("- "):
            assert line.startswith("  ") and not line.startswith("   ")  # under the text
    assert wrapped.split() == text.split()


def test_a_line_that_fits_is_left_as_it_is() -> None:
    assert wrap_text("Kontaktperson: Mikael Janson\n\n1. Planet") == (
        "Kontaktperson: Mikael Janson\n\n1. Planet"
    )


def test_a_headline_longer_than_a_line_is_underlined_as_far_as_it_reaches() -> None:
    headline = (
        "Riktlinjer för framgångsrika projekt presenterades i Bryssel, där Norrbotten "
        "var med som exempel"
    )
    newsletter = Newsletter(
        settings=Settings(),
        blocks=(make_block("article", headline=headline, body="<p>Text.</p>"),),
    )
    lines = render(newsletter, relative_resolver(ImageStore())).text.splitlines()
    start = lines.index("Riktlinjer för framgångsrika projekt presenterades i Bryssel, där")
    assert lines[start + 1] == "Norrbotten var med som exempel"
    assert lines[start + 2] == "-" * len(lines[start])  # no stray dashes on a line of their own
    assert not lines[start + 3]


def test_picture_described_where_the_html_shows_it(sample: Bundle) -> None:
    text = render(sample.newsletter, relative_resolver(sample.images)).text
    headline, picture, body = (
        text.index("Planet\n------"),
        text.index("[Bild: Seminariet om Planet"),
        text.index("Torsdagen den 25 oktober"),
    )
    assert headline < picture < body


def test_a_picture_without_caption_is_described_by_its_alt_text() -> None:
    images = ImageStore()
    newsletter = Newsletter(
        settings=Settings(language="en"),
        blocks=(
            make_block("image", image=images.add(b"x", "jpg", "a.jpg"), alt="A map of Europe"),
            make_block(
                "image",
                image=images.add(b"y", "jpg", "b.jpg"),
                alt="Ornament",
                decorative=True,
            ),
        ),
    )
    text = render(newsletter, relative_resolver(images)).text
    assert "[Picture: A map of Europe]" in text
    assert "Ornament" not in text
    assert not re.search(r"\[Picture: \]", text)


def test_a_list_marker_stays_with_a_link_longer_than_a_line() -> None:
    link = "<https://www.aaa.se/" + "0" * 80 + ">"
    assert wrap_text("- " + link) == "- " + link
    assert wrap_text("2. " + link + " mer") == "2. " + link + "\n   mer"
