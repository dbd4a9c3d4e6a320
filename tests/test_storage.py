"""The .newsletter file: round trips, atomic saves, and every way a file can be bad."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer.cli import main
from composer.errors import DocumentLoadError
from composer.model import Bundle, ImageStore, Newsletter, Organisation, Settings, make_block

# Text as users type it: Swedish letters, emoji, control-free unicode, and empty strings.
from composer.storage import MAX_DOCUMENT_BYTES, document_bytes, load, save

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


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _document(**changes: object) -> bytes:
    data = json.loads(document_bytes(Newsletter(blocks=(make_block("text", body="<p>Hej</p>"),))))
    data.update(changes)
    return json.dumps(data).encode()


_PNG_HASH = hashlib.sha256(b"bild").hexdigest()
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
        "blocks.0",
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
