"""The saved-blocks library: kept across processes with its pictures, changed atomically, and
never trusting a file it reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer import block_library
from composer.block_library import (
    LIBRARY_ENTRY,
    BlockLibrary,
    LibraryError,
    LibraryFile,
    library_bytes,
    read_library,
    write_library,
)
from composer.cli import main
from composer.model import ContactBlock, ImageStore, TextBlock
from composer.storage import load, save


def contact_of(bundle_blocks: tuple[object, ...]) -> ContactBlock:
    return next(b for b in bundle_blocks if isinstance(b, ContactBlock))


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "composer", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_the_library_round_trips_across_two_processes_pictures_included(
    tmp_path: Path, sample: object
) -> None:
    november, december = tmp_path / "nov.newsletter", tmp_path / "dec.newsletter"
    library = tmp_path / "office.blocks"
    assert _run("sample", "-o", str(november)).returncode == 0
    # One process saves the contact person (with her photo) to the library…
    saved = _run("library", "--library", str(library), "add", str(november), "--block", "5")
    assert saved.returncode == 0, saved.stderr
    assert "Mikael Janson" in saved.stdout
    # …another starts December's issue without it, and inserts it from the library.
    assert _run("new", "--from", str(november), "-o", str(december)).returncode == 0
    bundle = load(december)
    without = [b for b in bundle.newsletter.blocks if not isinstance(b, ContactBlock)]
    newsletter = bundle.newsletter.model_copy(update={"blocks": tuple(without)})
    save(type(bundle)(newsletter, bundle.images), december)
    listed = _run("library", "--library", str(library), "list")
    assert listed.returncode == 0
    assert listed.stdout.split("\t")[2:4] == ["contact", "Mikael Janson\n"]
    inserted = _run("library", "--library", str(library), "insert", "1", "--into", str(december))
    assert inserted.returncode == 0, inserted.stderr

    original = load(november)
    old = contact_of(original.newsletter.blocks)
    new = contact_of(load(december).newsletter.blocks)
    assert new.id != old.id
    assert new.model_copy(update={"id": old.id}) == old
    assert new.photo is not None and old.photo is not None
    assert load(december).images.get(new.photo) == original.images.get(old.photo)


def test_save_list_rename_delete(tmp_path: Path, sample: object) -> None:
    from composer.sample import load_sample

    bundle = load_sample()
    library = LibraryFile(tmp_path / "data" / "saved.blocks")
    assert library.read().entries == ()
    contact = contact_of(bundle.newsletter.blocks)
    entry = library.save_block("  Kontakt\n Mikael  ", contact, bundle.images)
    assert entry.name == "Kontakt Mikael"
    text = TextBlock(heading="Kontoret", body="<p>Vi finns i Bryssel.</p>")
    second = library.save_block("Kontoret", text, ImageStore())
    assert [(e.name, e.kind) for e in library.read().entries] == [
        ("Kontakt Mikael", "contact"),
        ("Kontoret", "text"),
    ]
    library.rename(second.id, "Kontoret i Bryssel")
    assert library.read().entry(second.id).name == "Kontoret i Bryssel"
    library.delete(entry.id)
    after = library.read()
    assert [e.id for e in after.entries] == [second.id]
    # The deleted block's photo is not kept for nobody.
    assert after.images.data == {}
    with pytest.raises(LibraryError, match="no longer in the library"):
        library.rename(entry.id, "x")
    with pytest.raises(LibraryError, match="needs a name"):
        library.rename(second.id, "   ")


def test_insert_gives_a_fresh_copy_and_brings_the_pictures(tmp_path: Path) -> None:
    from composer.sample import load_sample

    source = load_sample()
    contact = contact_of(source.newsletter.blocks)
    library = LibraryFile(tmp_path / "saved.blocks")
    entry = library.save_block("Mikael", contact, source.images)
    target = ImageStore()
    first = library.copy_of(entry.id, target)
    second = library.copy_of(entry.id, target)
    assert len({first.id, second.id, contact.id}) == 3
    assert isinstance(first, ContactBlock) and first.photo is not None
    assert target.get(first.photo) == source.images.get(contact.photo)  # type: ignore[arg-type]


def test_saving_a_block_whose_picture_is_missing_is_refused(tmp_path: Path) -> None:
    from composer.sample import load_sample

    contact = contact_of(load_sample().newsletter.blocks)
    library = LibraryFile(tmp_path / "saved.blocks")
    with pytest.raises(LibraryError, match=r"picture .* is missing"):
        library.save_block("Mikael", contact, ImageStore())
    assert not library.path.exists()


def test_export_and_import_merge_without_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from composer.sample import load_sample

    bundle = load_sample()
    mine = LibraryFile(tmp_path / "mine.blocks")
    colleague = LibraryFile(tmp_path / "theirs.blocks")
    shared = mine.save_block("Mikael", contact_of(bundle.newsletter.blocks), bundle.images)
    mine.save_block("Knapp", TextBlock(heading="Läs mer"), ImageStore())
    colleague.save_block("Egen", TextBlock(heading="Egen"), ImageStore())
    assert mine.export_to(tmp_path / "office.blocks") == 2

    report = colleague.import_from(tmp_path / "office.blocks")
    assert report.added == ("Mikael", "Knapp")
    assert [e.name for e in colleague.read().entries] == ["Egen", "Mikael", "Knapp"]
    assert colleague.read().entry(shared.id).block == shared.block
    again = colleague.import_from(tmp_path / "office.blocks")
    assert again.added == ()
    assert again.sentence() == "Everything in the file was already in your library: Mikael, Knapp."
    assert len(colleague.read().entries) == 3

    # The command line says the same.
    assert main(["library", "--library", str(tmp_path / "third.blocks"), "import",
                 str(tmp_path / "office.blocks")]) == 0  # fmt: skip
    assert capsys.readouterr().out == "Added to your library: Mikael, Knapp.\n"


def test_the_default_library_is_in_the_data_folder(tmp_path: Path) -> None:
    # The tests' XDG_DATA_HOME (conftest) stands for the user's data folder.
    expected = (
        Path(os.environ["XDG_DATA_HOME"]) / "Newsletter Composer" / "newsletter-composer"
    ) / "saved-blocks.blocks"
    if sys.platform.startswith("linux"):
        assert block_library.library_path() == expected
    assert main(["library", "list"]) == 0


# --- versions ------------------------------------------------------------------------------


def _write_raw(path: Path, data: object, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(LIBRARY_ENTRY, json.dumps(data))
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return path


def test_a_library_from_a_newer_program_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = _write_raw(tmp_path / "new.blocks", {"library_version": 99, "entries": []})
    with pytest.raises(LibraryError, match=r"newer version of Newsletter Composer.*Update"):
        read_library(path)


def test_a_version_1_library_reads(tmp_path: Path) -> None:
    text = TextBlock(heading="Hej")
    data = {
        "library_version": 1,
        "entries": [{"id": "a1", "name": "Hej", "block": text.model_dump(mode="json")}],
    }
    library = read_library(_write_raw(tmp_path / "v1.blocks", data))
    assert library.entries[0].block == text
    assert json.loads(library_bytes(library))["library_version"] == block_library.LIBRARY_VERSION


# --- hostile and damaged files -------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"not a zip", "not a block library"),
        (None, "no library.json"),
        ({"library_version": "1"}, "no valid library_version"),
        ({"library_version": 1, "entries": {}}, "no valid list of entries"),
        ({"library_version": 1, "entries": [5]}, "saved block 1 is not valid"),
        (
            {"library_version": 1, "entries": [{"id": "../x", "name": "a", "block": {}}]},
            "saved block 1 is not valid",
        ),
        (
            {"library_version": 1, "entries": [{"id": "a", "name": "a", "block": {"type": "x"}}]},
            "saved block 1 is not valid",
        ),
        ({"library_version": 10**40}, "not valid JSON"),
        ([[[[]]]], "does not hold a library"),
    ],
)
def test_a_damaged_library_is_a_sentence(tmp_path: Path, content: object, problem: str) -> None:
    path = tmp_path / "bad.blocks"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("other.json", "{}")
    else:
        _write_raw(path, content)
    with pytest.raises(LibraryError, match=problem):
        read_library(path)


def test_a_picture_that_does_not_match_its_name_is_refused(tmp_path: Path) -> None:
    from composer.sample import load_sample

    bundle = load_sample()
    contact = contact_of(bundle.newsletter.blocks)
    LibraryFile(tmp_path / "ok.blocks").save_block("M", contact, bundle.images)
    assert contact.photo is not None
    with zipfile.ZipFile(tmp_path / "ok.blocks") as archive:
        data = json.loads(archive.read(LIBRARY_ENTRY))
    path = _write_raw(
        tmp_path / "bad.blocks", data, {"images/" + contact.photo.filename: b"other bytes"}
    )
    with pytest.raises(LibraryError, match="damaged"):
        read_library(path)
    path = _write_raw(tmp_path / "missing.blocks", data)
    with pytest.raises(LibraryError, match="is missing from the file"):
        read_library(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_or_a_folder_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.blocks")
    with pytest.raises(LibraryError, match="not an ordinary file"):
        read_library(tmp_path / "pipe.blocks")
    with pytest.raises(LibraryError, match="folder"):
        read_library(tmp_path)
    with pytest.raises(LibraryError, match="does not exist"):
        read_library(tmp_path / "gone.blocks")
    assert read_library(tmp_path / "gone.blocks", missing_ok=True) == BlockLibrary()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_library_or_a_sentence(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "any.blocks"
    path.write_bytes(content)
    try:
        message = f"read {len(read_library(path).entries)} entries"
    except LibraryError as exc:
        message = str(exc)
    assert message.startswith(("Cannot read the block library", "read "))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.recursive(
        st.none() | st.integers() | st.text(max_size=5),
        lambda c: st.lists(c) | st.dictionaries(st.text(max_size=5), c),
    )
)
def test_any_json_in_the_library_gives_a_library_or_a_sentence(
    tmp_path: Path, data: object
) -> None:
    path = _write_raw(tmp_path / "any.blocks", {"library_version": 1, "entries": [data]})
    try:
        message = f"read {len(read_library(path).entries)} entries"
    except LibraryError as exc:
        message = str(exc)
    # A number too long for any library (hypothesis found 10**30) is refused as damaged JSON.
    assert message == "read 1 entries" or message.startswith(
        (
            "Cannot read the block library “any.blocks”: saved block 1 is not valid",
            "Cannot read the block library “any.blocks”: library.json is not valid JSON",
        )
    )


# --- atomic writes ------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_library_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = LibraryFile(tmp_path / "saved.blocks")
    library.save_block("Först", TextBlock(heading="Först"), ImageStore())
    before = library.path.read_bytes()

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full_disk)
    with pytest.raises(LibraryError, match=r"No space left on device.*as it was"):
        library.save_block("Sedan", TextBlock(heading="Sedan"), ImageStore())
    assert library.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["saved.blocks"]


def test_a_write_replaces_the_file_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.blocks"
    write_library(BlockLibrary(), real)
    (tmp_path / "link.blocks").symlink_to(real)
    LibraryFile(tmp_path / "link.blocks").save_block("A", TextBlock(heading="A"), ImageStore())
    assert (tmp_path / "link.blocks").is_symlink()
    assert [e.name for e in read_library(real).entries] == ["A"]


def test_the_command_line_says_a_sentence_for_a_bad_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = _write_raw(tmp_path / "newer.blocks", {"library_version": 2, "entries": []})
    mine = str(tmp_path / "mine.blocks")
    assert main(["library", "--library", mine, "import", str(newer)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newsletter-composer: Cannot read the block library “newer.blocks”")
    assert "Update the program" in err and "Traceback" not in err
    assert main(["library", "--library", str(tmp_path), "list"]) == 2
    assert "it is a folder, not a block library." in capsys.readouterr().err
    assert main(["library", "--library", mine, "delete", "1"]) == 2
    assert "There is no single block “1”" in capsys.readouterr().err
    assert not Path(mine).exists()


def test_a_change_another_program_made_meanwhile_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "saved.blocks"
    window, command_line = LibraryFile(path), LibraryFile(path)
    window.save_block("Först", TextBlock(heading="Först"), ImageStore())
    original_read = block_library.read_library
    calls = 0

    def read_while_the_other_saves(where: Path, *, missing_ok: bool = False) -> BlockLibrary:
        nonlocal calls
        calls += 1
        library = original_read(where, missing_ok=missing_ok)
        if calls == 1:  # between this read and the write, the other program saves a block
            monkeypatch.setattr(block_library, "read_library", original_read)
            command_line.save_block("Deras", TextBlock(heading="Deras"), ImageStore())
            monkeypatch.setattr(block_library, "read_library", read_while_the_other_saves)
        return library

    monkeypatch.setattr(block_library, "read_library", read_while_the_other_saves)
    window.save_block("Mitt", TextBlock(heading="Mitt"), ImageStore())
    assert [e.name for e in original_read(path).entries] == ["Först", "Deras", "Mitt"]
