"""A picture export refuses is refused the same way everywhere: export, check, in Swedish too."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pictures import encode, jpeg_with_size, noisy, png_with_size

from composer import storage
from composer.cli import main
from composer.i18n import set_ui_language
from composer.model import ArticleBlock, Bundle
from composer.sample import load_sample


def truncated_jpeg() -> bytes:
    return encode(noisy(300, 300), "JPEG", quality=95)[:20_000]


def damaged_png() -> bytes:
    data = bytearray(encode(noisy(64, 64), "PNG"))
    start = data.index(b"IDAT") + 40
    data[start : start + 20] = bytes(20)
    return bytes(data)


#: Each refusal: the picture, and the words its sentence says (in English, in Swedish).
REFUSED: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "truncated": (truncated_jpeg, "is incomplete: the file ends before", "är ofullständig"),
    "damaged": (damaged_png, "could not be read because the file is damaged", "är skadad"),
    "strip": (
        lambda: png_with_size(1, 59_000_000),
        "59,000,000 times as tall as it is wide",
        "59\xa0000\xa0000 gånger så hög som den är bred",
    ),
    "costly": (
        lambda: png_with_size(10000, 10000),
        "preparing a PNG picture this large would take about",
        "att förbereda en så stor PNG-bild skulle kräva omkring",
    ),
    "costly jpeg": (
        lambda: jpeg_with_size(2000, 40000),
        "preparing it would take about",
        "att förbereda den skulle kräva omkring",
    ),
    "too many pixels": (
        lambda: jpeg_with_size(12000, 10000),
        "more than the 110 megapixels this program accepts",
        "mer än de 110 megapixlar som programmet tar emot",
    ),
}


@pytest.fixture
def swedish() -> Iterator[None]:
    set_ui_language("sv")
    yield
    set_ui_language(None)


def newsletter_with(tmp_path: Path, picture: bytes, name: str) -> Path:
    """The sample saved with ``picture`` as the first article's photo."""
    bundle = load_sample()
    blocks = list(bundle.newsletter.blocks)
    index = next(i for i, block in enumerate(blocks) if isinstance(block, ArticleBlock))
    ref = bundle.images.add(picture, name.rsplit(".", 1)[1], name)
    blocks[index] = blocks[index].model_copy(update={"image": ref})
    path = tmp_path / "hostile.newsletter"
    storage.save(
        Bundle(bundle.newsletter.model_copy(update={"blocks": tuple(blocks)}), bundle.images), path
    )
    return path


def export_refusal(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What ``export`` says on stderr; it must exit 2 and write nothing."""
    assert main(["export", str(path), "--format", "html", "-o", str(out)]) == 2
    assert not out.exists()
    return capsys.readouterr().err


def check_errors(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The error messages of ``check --json``; it must exit 1."""
    assert main(["check", str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    return [f["message"] for f in report["findings"] if f["severity"] == "error"]


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_export_exits_2_with_the_sentence_and_check_reports_it_as_an_error(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, words, _swedish_words = REFUSED[case]
    path = newsletter_with(tmp_path, make(), "IMG_5383.jpg")

    said = export_refusal(path, tmp_path / "out", capsys)
    errors = check_errors(path, capsys)

    assert words in said
    assert "Traceback" not in said
    assert "internal error" not in said
    sentence = said.removeprefix("newsletter-composer: ").strip()
    assert sentence.startswith("IMG_5383.jpg ")
    assert sentence in errors  # check says what export will say, word for word


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_swedish_user_is_told_in_swedish(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], swedish: None
) -> None:
    make, _words, swedish_words = REFUSED[case]
    path = newsletter_with(tmp_path, make(), "IMG_5383.jpg")

    said = export_refusal(path, tmp_path / "out", capsys)
    errors = check_errors(path, capsys)

    assert swedish_words in said
    assert any(swedish_words in error for error in errors)


def test_check_says_ready_only_when_export_takes_every_picture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = newsletter_with(tmp_path, encode(noisy(1200, 800), "JPEG"), "IMG_5383.jpg")

    assert main(["check", str(path), "--json"]) in (0, 1)
    report = json.loads(capsys.readouterr().out)
    assert not [f for f in report["findings"] if f["code"] == "image-unreadable"]
    assert main(["export", str(path), "--format", "html", "-o", str(tmp_path / "out")]) == 0
