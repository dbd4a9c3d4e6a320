"""The .newsletter file: round trips, atomic saves, and every way a file can be bad."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer.cli import main
from composer.errors import DocumentLoadError
from composer.i18n import set_ui_language
from composer.model import Bundle, ImageStore, Newsletter, Organisation, Settings, make_block
from composer.storage import (
    MAX_DOCUMENT_BYTES,
    MAX_FILE_BYTES,
    MAX_IMAGE_BYTES,
    MAX_IMAGES,
    MAX_TOTAL_BYTES,
    document_bytes,
    load,
    save,
)

ROOT = Path(__file__).resolve().parent.parent

# Text as users type it: Swedish letters, emoji, control-free unicode, and empty strings.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40
) | st.sampled_from(["", "åäö ÅÄÖ", "Möte i Bryssel 🇪🇺", "{{ 7*7 }}", "<b>fet</b>"])
lines = text.map(lambda s: " ".join(s.split()))
dates = st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1))
bodies = st.lists(text, max_size=3).map(
    lambda parts: "".join(f"<p>{p.replace('<', '').replace('&', '')}</p>" for p in parts if p)
)


@st.composite
def newsletters(draw: st.DrawFn) -> Newsletter:
    blocks = []
    for kind in draw(
        st.lists(
            st.sampled_from(
                ["masthead", "article", "text", "contact", "button", "divider", "image"]
            ),
            max_size=6,
        )
    ):
        fields: dict[str, object] = {}
        if kind == "masthead":
            fields = {"title": draw(lines), "tagline": draw(lines)}
        elif kind == "article":
            fields = {
                "headline": draw(lines),
                "category": draw(lines),
                "date": draw(dates),
                "body": draw(bodies),
                "signature": draw(lines),
            }
        elif kind == "text":
            fields = {"heading": draw(lines), "body": draw(bodies)}
        elif kind == "contact":
            fields = {"name": draw(lines), "heading": draw(lines), "phone": draw(lines)}
        elif kind == "button":
            fields = {
                "label": draw(lines),
                "url": draw(
                    st.sampled_from(["", "https://example.org/ä", "mailto:info@example.org"])
                ),
            }
        elif kind == "image":
            fields = {"caption": draw(lines), "alt": draw(lines), "decorative": draw(st.booleans())}
        blocks.append(make_block(kind, **fields))
    return Newsletter(
        settings=Settings(
            subject=draw(lines),
            preheader=draw(lines),
            issue_date=draw(dates),
            language=draw(st.sampled_from(["sv", "en"])),
            organisation=Organisation(name=draw(lines), postal_address=draw(text)),
            unsubscribe_url=draw(
                st.sampled_from(["", "*|UNSUB|*", "{{ UnsubscribeURL }}", "https://x.se/avreg"])
            ),
        ),
        blocks=tuple(blocks),
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(newsletter=newsletters(), picture=st.binary(min_size=1, max_size=64))
def test_save_then_load_gives_the_same_document(
    tmp_path: Path, newsletter: Newsletter, picture: bytes
) -> None:
    images = ImageStore()
    ref = images.add(picture, "png", "bild.png")
    newsletter = newsletter.model_copy(
        update={"blocks": (*newsletter.blocks, make_block("image", image=ref, alt="Bild"))}
    )
    path = tmp_path / "runda.newsletter"
    save(Bundle(newsletter, images), path)
    loaded = load(path)
    assert loaded.newsletter == newsletter
    assert loaded.images.get(ref) == picture


def test_sample_round_trips_with_its_pictures(sample: Bundle, tmp_path: Path) -> None:
    path = tmp_path / "prov.newsletter"
    save(sample, path)
    loaded = load(path)
    assert loaded.newsletter == sample.newsletter
    assert loaded.images.data == sample.images.data


def test_one_picture_added_under_two_names_is_saved_once(sample: Bundle, tmp_path: Path) -> None:
    # The same photo chosen again from another folder (or imported twice): two names, one file.
    photo = next(ref for ref in sample.newsletter.image_refs() if ref.extension == "jpg")
    again = sample.images.add(sample.images.get(photo), photo.extension, "kopia.jpg")
    blocks = (*sample.newsletter.blocks, make_block("image", image=again, alt="Kopia"))
    bundle = Bundle(sample.newsletter.model_copy(update={"blocks": blocks}), sample.images)
    path = tmp_path / "twice.newsletter"
    save(bundle, path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert len(names) == len(set(names))
    assert load(path).newsletter == bundle.newsletter


def test_save_keeps_one_backup_and_leaves_no_temporary_files(
    sample: Bundle, tmp_path: Path
) -> None:
    path = tmp_path / "brev.newsletter"
    save(sample, path)
    first = path.read_bytes()
    changed = sample.newsletter.model_copy(
        update={"settings": sample.newsletter.settings.model_copy(update={"subject": "Ny"})}
    )
    save(Bundle(changed, sample.images), path)
    assert (tmp_path / "brev.newsletter.bak").read_bytes() == first
    assert load(path).newsletter.settings.subject == "Ny"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brev.newsletter", "brev.newsletter.bak"]


def test_failed_save_leaves_the_old_file_intact(sample: Bundle, tmp_path: Path) -> None:
    path = tmp_path / "brev.newsletter"
    save(sample, path)
    before = path.read_bytes()
    broken = Bundle(sample.newsletter, ImageStore())  # images referenced but not held
    with pytest.raises(Exception, match="missing"):
        save(broken, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brev.newsletter"]


def _zip(entries: dict[str, bytes] | list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    items = entries.items() if isinstance(entries, dict) else entries
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: that is the point
        for name, content in items:
            archive.writestr(name, content)
    return buffer.getvalue()


def _document(**changes: object) -> bytes:
    data = json.loads(document_bytes(Newsletter(blocks=(make_block("text", body="<p>Hej</p>"),))))
    data.update(changes)
    return json.dumps(data).encode()


_PNG_HASH = hashlib.sha256(b"bild").hexdigest()


def _many_pictures(count: int) -> bytes:
    blocks = [
        {"type": "image", "image": {"sha256": f"{number:064x}", "extension": "png"}}
        for number in range(count)
    ]
    return _document(blocks=blocks)


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "not a zip": (b"just some text, not a newsletter", "not a zip archive"),
    "no document.json": (_zip({"readme.txt": b"hej"}), "no document.json"),
    "invalid JSON": (_zip({"document.json": b'{"schema_version": 1, '}), "not valid JSON"),
    "not UTF-8": (_zip({"document.json": b"\xff\xfe{}"}), "not UTF-8"),
    "schema error": (
        _zip({"document.json": _document(blocks=[{"type": "article", "headline": 5}])}),
        "blocks.0.article.headline",
    ),
    "unknown block type": (
        _zip({"document.json": _document(blocks=[{"type": "video"}])}),
        "block 1 is of a kind this version of Newsletter Composer does not know",
    ),
    "newer schema": (_zip({"document.json": _document(schema_version=99)}), "newer version"),
    "no schema version": (_zip({"document.json": b"{}"}), "no valid schema_version"),
    "unsafe entry": (
        _zip({"document.json": _document(), "../../etc/evil": b"x"}),
        "unsafe entry name",
    ),
    "absolute entry": (_zip({"document.json": _document(), "/tmp/evil": b"x"}), "unsafe entry"),
    "image missing": (
        _zip(
            {
                "document.json": _document(
                    blocks=[
                        {
                            "type": "image",
                            "image": {
                                "sha256": _PNG_HASH,
                                "extension": "png",
                                "original_name": "karta.png",
                            },
                        }
                    ]
                )
            }
        ),
        "“karta.png” is used but images/",
    ),
    "image damaged": (
        _zip(
            {
                "document.json": _document(
                    blocks=[{"type": "image", "image": {"sha256": _PNG_HASH, "extension": "png"}}]
                ),
                f"images/{_PNG_HASH}.png": b"not the same bytes",
            }
        ),
        "damaged",
    ),
    # What the program reads and what unzip shows must be the same document.
    "duplicate document.json": (
        _zip(
            [
                ("document.json", _document(settings={"subject": "Det unzip visar"})),
                ("document.json", _document(settings={"subject": "Det som skickas"})),
            ]
        ),
        "holds the entry “document.json” twice",
    ),
    # json.loads itself fails past 4,300 digits with a ValueError that is no sentence.
    "a number of 5,000 digits": (
        _zip({"document.json": b'{"schema_version": ' + b"9" * 5000 + b"}"}),
        "holds a number of 5,000 digits",
    ),
    # A million empty objects where blocks belong: the model took 2.4 GB to refuse them.
    "a million values": (
        _zip({"document.json": b'{"schema_version": 1, "blocks": [' + b"{}," * 10**6 + b"{}]}"}),
        "holds more than 100,000 values",
    ),
    "too many pictures": (
        _zip({"document.json": _many_pictures(MAX_IMAGES + 1)}),
        f"uses {MAX_IMAGES + 1} pictures, more than the {MAX_IMAGES}",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_each_bad_file_has_its_own_message_and_is_left_untouched(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, expected = BAD_FILES[case]
    path = tmp_path / "trasig.newsletter"
    path.write_bytes(content)
    with pytest.raises(DocumentLoadError, match=expected.replace(".", r"\.")) as caught:
        load(path)
    assert "trasig.newsletter" in str(caught.value)
    assert main(["render", str(path), "-o", str(tmp_path / "ut.html")]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err
    assert path.read_bytes() == content
    assert not (tmp_path / "ut.html").exists()


def test_messages_differ_between_cases() -> None:
    assert len({expected for _content, expected in BAD_FILES.values()}) == len(BAD_FILES)


def test_oversized_document_entry_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "stor.newsletter"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        # A zip bomb in miniature: compresses to almost nothing, unpacks past the limit.
        archive.writestr("document.json", b" " * (MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(DocumentLoadError, match="more than the"):
        load(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentLoadError, match="does not exist"):
        load(tmp_path / "finns-inte.newsletter")
    with pytest.raises(DocumentLoadError, match="folder"):
        load(tmp_path)


@settings(max_examples=150, deadline=None)
@given(content=st.binary(max_size=512))
def test_arbitrary_bytes_never_crash_the_loader(content: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.newsletter"
        path.write_bytes(content)
        with pytest.raises(DocumentLoadError):
            load(path)


def test_a_duplicate_entry_is_refused_in_swedish_too(tmp_path: Path) -> None:
    path = tmp_path / "dubbel.newsletter"
    path.write_bytes(BAD_FILES["duplicate document.json"][0])
    set_ui_language("sv")
    try:
        with pytest.raises(DocumentLoadError) as caught:
            load(path)
    finally:
        set_ui_language(None)
    assert str(caught.value) == (
        "Det går inte att öppna ”dubbel.newsletter”: den innehåller posten ”document.json” två "
        "gånger. Program är oense om vilken av dem som gäller, så filen öppnades inte; den är "
        "skadad eller har manipulerats."
    )


def _render(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The command line on ``path``, in a process of its own: a hang must not hang the tests."""
    return subprocess.run(
        [sys.executable, "-m", "composer", "render", str(path), "-o", str(tmp_path / "ut.html")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "rör.newsletter"
    os.mkfifo(pipe)
    result = _render(pipe, tmp_path)
    assert result.returncode == 2
    assert "it is not an ordinary file but a device, a pipe or a socket" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    result = _render(Path("/dev/zero"), tmp_path)
    assert result.returncode == 2
    assert "Cannot open “zero”: it is not an ordinary file" in result.stderr


def test_a_file_too_large_to_be_a_newsletter_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "jätte.newsletter"
    with open(path, "wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: takes no room on the disk
    assert main(["render", str(path), "-o", str(tmp_path / "ut.html")]) == 2
    assert "more than the" in capsys.readouterr().err
    assert "bytes a newsletter file can be" in str(_load_error(path))


def _load_error(path: Path) -> DocumentLoadError:
    with pytest.raises(DocumentLoadError) as caught:
        load(path)
    return caught.value


def test_a_small_file_declaring_huge_pictures_is_refused_before_any_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The issue's file: entries of 59 MB of zeros, under the per-picture limit each, packed
    # small; loading them all took 1.1 GB.
    count = MAX_TOTAL_BYTES // (59 * 1024 * 1024) + 1
    refs = []
    path = tmp_path / "bomb.newsletter"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for number in range(count):
            content_hash = hashlib.sha256(str(number).encode()).hexdigest()
            refs.append({"type": "image", "image": {"sha256": content_hash, "extension": "png"}})
            with archive.open(f"images/{content_hash}.png", "w", force_zip64=True) as entry:
                zeros = bytes(1024 * 1024)
                for _megabyte in range(59):
                    entry.write(zeros)
        archive.writestr("document.json", _document(blocks=refs))
    assert path.stat().st_size < 5_000_000
    assert MAX_IMAGE_BYTES > 59 * 1024 * 1024

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("an entry was read")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    assert main(["render", str(path), "-o", str(tmp_path / "ut.html")]) == 2
    assert "its contents unpack to" in capsys.readouterr().err


def test_a_file_of_the_first_format_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "old.newsletter"
    path.write_bytes(_zip({"document.json": b'{"schema_version": 1, "blocks": []}'}))
    assert load(path).newsletter.blocks == ()
