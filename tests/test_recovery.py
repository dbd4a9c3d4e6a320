"""Crash recovery journals: written, found after a crash, restored or discarded, never stolen."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer import atomic
from composer.errors import RecoveryError
from composer.model import ArticleBlock, Bundle, ImageStore, Newsletter, Settings
from composer.recovery import (
    FORMAT_VERSION,
    IMAGES_FOLDER,
    JOURNAL_FILE,
    LOCK_FILE,
    Journal,
    find_orphans,
)
from composer.storage import save

CHANGED = dt.datetime(2012, 11, 14, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The recovery folder of the test (the window uses the user's data folder)."""
    return tmp_path / "recovery"


def crash_copy(journal: Journal) -> Path:
    """A journal as a crashed program leaves it: the same files, with nobody holding them.

    A copy of a live journal's folder is exactly that, since the lock belongs to the open
    file and not to its content. (One test below crashes a real process with kill -9.)
    """
    copy = journal.folder.with_name(uuid.uuid4().hex)
    shutil.copytree(journal.folder, copy)
    return copy


def write_crashed(folder: Path, bundle: Bundle, *, path: Path | None = None) -> Path:
    """Journal ``bundle`` and crash: the journal's folder, its owner gone."""
    journal = Journal.create(folder)
    journal.write(bundle, name=path.name if path else "Untitled", path=path, changed_at=CHANGED)
    copy = crash_copy(journal)
    journal.remove()
    return copy


def newsletter(subject: str = "Nyhetsbrev november", *headlines: str) -> Newsletter:
    return Newsletter(
        settings=Settings(subject=subject),
        blocks=tuple(ArticleBlock(headline=headline) for headline in headlines),
    )


# --- a real crash ------------------------------------------------------------------------------

OWNER = textwrap.dedent(
    """
    import datetime as dt, sys
    from pathlib import Path
    from composer.recovery import Journal
    from composer.storage import load
    journal = Journal.create(Path(sys.argv[1]))
    journal.write(load(sys.argv[2]), name="nov.newsletter", path=Path(sys.argv[2]),
                  changed_at=dt.datetime.now(dt.UTC))
    print(journal.folder, flush=True)
    sys.stdin.readline()  # runs until the test kills it
    """
)


@pytest.fixture
def owner(folder: Path, tmp_path: Path, sample: Bundle) -> Iterator[subprocess.Popen[str]]:
    """Another program with a journal of the sample, running until the test kills it."""
    file = tmp_path / "nov.newsletter"
    save(sample, file)
    with subprocess.Popen(
        [sys.executable, "-c", OWNER, str(folder), str(file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        process.stdout.readline()  # the journal is written
        yield process
        process.kill()


def test_the_journal_of_a_running_program_is_not_offered(
    folder: Path, owner: subprocess.Popen[str]
) -> None:
    assert find_orphans(folder) == []
    assert len(list(folder.iterdir())) == 1


def test_after_kill_9_the_journal_is_offered_and_restores_the_document(
    folder: Path, owner: subprocess.Popen[str], sample: Bundle, tmp_path: Path
) -> None:
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    [orphan] = find_orphans(folder)
    assert orphan.summary.name == "nov.newsletter"
    assert orphan.summary.path == tmp_path / "nov.newsletter"
    assert orphan.summary.subject == sample.newsletter.settings.subject
    assert orphan.summary.block_count == len(sample.newsletter.blocks)
    recovered = orphan.restore()
    assert recovered.bundle.newsletter == sample.newsletter
    assert recovered.bundle.images.data == {
        ref.sha256: sample.images.get(ref) for ref in sample.newsletter.image_refs()
    }
    assert recovered.missing_images == ()


# --- in one process ----------------------------------------------------------------------------


def test_a_journal_of_this_very_program_is_not_offered_either(folder: Path, sample: Bundle) -> None:
    # A second window of the same program must not take the first one's journal.
    journal = Journal.create(folder)
    journal.write(sample, name="Untitled", path=None, changed_at=CHANGED)
    assert find_orphans(folder) == []
    journal.remove()


def test_the_summary_names_what_the_document_holds(folder: Path) -> None:
    write_crashed(folder, Bundle(newsletter("Nyheter från Bryssel", "", "Planet", "Rymden")))
    [orphan] = find_orphans(folder)
    summary = orphan.summary
    assert (summary.name, summary.path) == ("Untitled", None)
    assert summary.changed_at == CHANGED
    assert (summary.subject, summary.block_count) == ("Nyheter från Bryssel", 3)
    assert summary.first_headline == "Planet"
    orphan.release()


def test_orphans_are_listed_most_recently_changed_first(folder: Path) -> None:
    for hours, subject in ((1, "old"), (3, "newest"), (2, "middle")):
        journal = Journal.create(folder)
        journal.write(
            Bundle(newsletter(subject)),
            name=subject,
            path=None,
            changed_at=CHANGED + dt.timedelta(hours=hours),
        )
        crash_copy(journal)
        journal.remove()
    orphans = find_orphans(folder)
    assert [orphan.summary.subject for orphan in orphans] == ["newest", "middle", "old"]
    for orphan in orphans:
        orphan.release()


def test_an_orphan_being_offered_by_one_program_is_not_offered_by_another(folder: Path) -> None:
    write_crashed(folder, Bundle(newsletter()))
    [orphan] = find_orphans(folder)
    assert find_orphans(folder) == []
    orphan.release()
    assert len(find_orphans(folder)) == 1


def test_discarding_removes_the_journal_for_good(folder: Path) -> None:
    copy = write_crashed(folder, Bundle(newsletter()))
    [orphan] = find_orphans(folder)
    orphan.discard()
    assert not copy.exists()
    assert find_orphans(folder) == []


def test_decide_later_keeps_the_journal_for_the_next_start(folder: Path) -> None:
    copy = write_crashed(folder, Bundle(newsletter("Behåll")))
    [orphan] = find_orphans(folder)
    orphan.release()
    assert (copy / JOURNAL_FILE).exists()
    [again] = find_orphans(folder)
    assert again.summary.subject == "Behåll"
    again.release()


def test_a_restored_document_goes_on_in_its_journal_without_writing_pictures_again(
    folder: Path, sample: Bundle
) -> None:
    copy = write_crashed(folder, sample)
    [orphan] = find_orphans(folder)
    pictures = {entry.name: entry.stat().st_ino for entry in (copy / IMAGES_FOLDER).iterdir()}
    (copy / f".{JOURNAL_FILE}.1234abcd{atomic.TEMPORARY_SUFFIX}").write_text("half a write")
    recovered = orphan.restore()
    journal = orphan.adopt()
    assert journal.folder == copy
    assert not list(copy.glob("*.tmp")), "the write the crash cut short is swept away"
    journal.write(recovered.bundle, name="Untitled", path=None, changed_at=CHANGED)
    after = {entry.name: entry.stat().st_ino for entry in (copy / IMAGES_FOLDER).iterdir()}
    assert after == pictures
    # Adopted, it belongs to this program now: not offered while it runs.
    assert find_orphans(folder) == []
    journal.remove()
    assert not copy.exists()


def test_each_picture_is_written_once_whatever_the_number_of_writes(
    folder: Path, sample: Bundle
) -> None:
    journal = Journal.create(folder)
    journal.write(sample, name="Untitled", path=None, changed_at=CHANGED)
    pictures = {entry.name: entry.stat().st_ino for entry in (journal.folder / "images").iterdir()}
    assert len(pictures) == len(sample.newsletter.image_refs())
    edited = sample.newsletter.model_copy(
        update={"settings": sample.newsletter.settings.model_copy(update={"subject": "Nytt"})}
    )
    journal.write(Bundle(edited, sample.images), name="Untitled", path=None, changed_at=CHANGED)
    again = {entry.name: entry.stat().st_ino for entry in (journal.folder / "images").iterdir()}
    assert again == pictures
    written = json.loads((journal.folder / JOURNAL_FILE).read_text(encoding="utf-8"))
    assert written["document"]["settings"]["subject"] == "Nytt"
    assert written["version"] == FORMAT_VERSION
    assert written["pid"] == os.getpid()
    journal.remove()


def test_a_document_saved_before_the_crash_is_not_offered_and_its_folder_goes(
    folder: Path,
) -> None:
    journal = Journal.create(folder)
    journal.write(Bundle(newsletter()), name="Untitled", path=None, changed_at=CHANGED)
    journal.clear()
    copy = crash_copy(journal)
    assert find_orphans(folder) == []
    assert not copy.exists()
    journal.remove()


def test_a_clean_close_leaves_nothing(folder: Path, sample: Bundle) -> None:
    journal = Journal.create(folder)
    journal.write(sample, name="Untitled", path=None, changed_at=CHANGED)
    journal.remove()
    assert list(folder.iterdir()) == []
    journal.remove()  # twice is harmless


def test_without_a_recovery_folder_there_is_nothing_to_offer(tmp_path: Path) -> None:
    assert find_orphans(tmp_path / "never-created") == []


# --- atomicity ---------------------------------------------------------------------------------


def test_a_failed_write_leaves_the_previous_journal_whole(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal.create(folder)
    journal.write(Bundle(newsletter("Före")), name="Untitled", path=None, changed_at=CHANGED)

    def full_disk(_source: object, _target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    with pytest.raises(RecoveryError, match="No space left on device") as caught:
        journal.write(Bundle(newsletter("Efter")), name="Untitled", path=None, changed_at=CHANGED)
    assert "save your work to a file" in str(caught.value)
    monkeypatch.undo()
    # No temporary file is left behind, and the journal is the one before.
    assert {entry.name for entry in journal.folder.iterdir()} == {LOCK_FILE, JOURNAL_FILE}
    crash_copy(journal)
    journal.remove()
    [orphan] = find_orphans(folder)
    assert orphan.summary.subject == "Före"
    orphan.discard()


def test_an_unwritable_recovery_folder_is_an_error_with_advice(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(RecoveryError, match="Cannot write the recovery copy"):
        Journal.create(blocker / "recovery")


# --- damaged journals --------------------------------------------------------------------------


def _damage(folder: Path, content: bytes) -> Path:
    copy = write_crashed(folder, Bundle(newsletter("Skadad")))
    (copy / JOURNAL_FILE).write_bytes(content)
    return copy


def _journal_with(**changes: object) -> bytes:
    record = {
        "format": "newsletter-composer-recovery",
        "version": FORMAT_VERSION,
        "pid": 1,
        "host": "h",
        "changed_at": CHANGED.isoformat(),
        "written_at": CHANGED.isoformat(),
        "path": None,
        "name": "Untitled",
        "document": Newsletter().model_dump(mode="json"),
    }
    record.update(changes)
    return json.dumps(record).encode()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not valid JSON"),
        (b'{"format": "newsletter-compo', "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[]", "not a recovery journal"),
        (_journal_with(format="something else"), "not a recovery journal"),
        (_journal_with(version=FORMAT_VERSION + 1), "newer version"),
        (_journal_with(version="1"), "no valid version"),
        (_journal_with(document={"schema_version": 99}), "newer version"),
        (_journal_with(document={"blocks": "many"}), "does not describe a document"),
        (_journal_with(changed_at="yesterday"), "does not describe a document"),
        (b"[" * 100_000 + b"]" * 100_000, "not"),
    ],
)
def test_a_damaged_journal_is_skipped_with_a_log_line_and_left_on_disk(
    folder: Path, caplog: pytest.LogCaptureFixture, content: bytes, reason: str
) -> None:
    damaged = _damage(folder, content)
    write_crashed(folder, Bundle(newsletter("Hel")))
    with caplog.at_level(logging.WARNING, logger="composer.recovery"):
        orphans = find_orphans(folder)
    assert [orphan.summary.subject for orphan in orphans] == ["Hel"]
    [record] = [record for record in caplog.records if "skipping" in record.getMessage()]
    assert str(damaged) in record.getMessage() and reason in record.getMessage()
    assert (damaged / JOURNAL_FILE).read_bytes() == content
    orphans[0].release()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_no_journal_content_makes_the_search_fail(folder: Path, content: bytes) -> None:
    damaged = _damage(folder, content)
    for orphan in find_orphans(folder):
        orphan.release()
    shutil.rmtree(damaged)


def test_a_lost_or_damaged_picture_leaves_the_text_restorable(
    folder: Path, sample: Bundle, caplog: pytest.LogCaptureFixture
) -> None:
    copy = write_crashed(folder, sample)
    refs = sample.newsletter.image_refs()
    (copy / IMAGES_FOLDER / refs[0].sha256).unlink()
    (copy / IMAGES_FOLDER / refs[1].sha256).write_bytes(b"not the picture")
    [orphan] = find_orphans(folder)
    with caplog.at_level(logging.WARNING, logger="composer.recovery"):
        recovered = orphan.restore()
    assert recovered.bundle.newsletter == sample.newsletter
    assert recovered.missing_images == (refs[0].original_name, refs[1].original_name)
    assert set(recovered.bundle.images.data) == {ref.sha256 for ref in refs[2:]}
    assert len(caplog.records) == 2
    orphan.discard()


def test_stray_files_in_the_recovery_folder_are_ignored(folder: Path) -> None:
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    (folder / ".half-made.tmp").mkdir()
    (folder / "no-lock-yet").mkdir()  # a journal being created right now
    assert find_orphans(folder) == []
    assert {entry.name for entry in folder.iterdir()} == {
        "notes.txt",
        ".half-made.tmp",
        "no-lock-yet",
    }


def test_an_image_store_without_a_picture_the_document_shows_still_journals_the_text(
    folder: Path, sample: Bundle
) -> None:
    journal = Journal.create(folder)
    journal.write(
        Bundle(sample.newsletter, ImageStore()), name="Untitled", path=None, changed_at=CHANGED
    )
    copy = crash_copy(journal)
    journal.remove()
    [orphan] = find_orphans(folder)
    assert orphan.restore().bundle.newsletter == sample.newsletter
    assert orphan.folder == copy
    orphan.discard()
