"""Saving never loses the officer's work: the .bak, full disks, permissions, symlinks, read-only
files, changes made by another program, and the leftovers of killed saves."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from composer import file_lock
from composer.errors import DocumentSaveError, FileChangedOnDiskError, ReadOnlyFileError
from composer.model import Bundle, ImageStore, Newsletter, Settings, make_block
from composer.storage import (
    DiskState,
    backup_path,
    disk_state,
    load,
    load_with_stamp,
    save,
    sweep_orphans,
)

ROOT = Path(__file__).resolve().parent.parent


def newsletter(subject: str, picture_bytes: int = 0) -> Bundle:
    """A newsletter called ``subject``, with one incompressible picture of that many bytes."""
    images = ImageStore()
    blocks = [make_block("text", body=f"<p>{subject}</p>")]
    if picture_bytes:
        ref = images.add(os.urandom(picture_bytes), "jpg", "foto.jpg")
        blocks.append(make_block("image", image=ref, alt="Foto"))
    return Bundle(Newsletter(settings=Settings(subject=subject), blocks=tuple(blocks)), images)


def subject(path: Path) -> str:
    return load(path).newsletter.settings.subject


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def saved_twice(tmp_path: Path) -> Path:
    """brev.newsletter saved as "Två", with "Ett" in its .bak."""
    path = tmp_path / "brev.newsletter"
    save(newsletter("Ett"), path)
    save(newsletter("Två"), path)
    return path


# --- the .bak ------------------------------------------------------------------------------------


def test_the_backup_is_replaced_by_a_rename_never_overwritten_in_place(saved_twice: Path) -> None:
    backup = backup_path(saved_twice)
    # A program (or a reader of the old .bak) that has it open keeps seeing a whole file.
    with open(backup, "rb") as old_backup:
        before = old_backup.read()
        save(newsletter("Tre"), saved_twice)
        old_backup.seek(0)
        assert old_backup.read() == before
    assert subject(backup) == "Två"
    assert subject(saved_twice) == "Tre"
    assert names(saved_twice.parent) == ["brev.newsletter", "brev.newsletter.bak"]


def test_the_backup_is_written_only_once_the_new_file_is_complete(
    saved_twice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    copy = shutil.copy2

    def copy_backup(source: Path, destination: Path) -> object:
        (temporary,) = [
            p for p in saved_twice.parent.glob(".brev.newsletter.*.tmp") if ".bak." not in p.name
        ]
        seen.append(subject(temporary))  # the new file, whole, before the .bak is touched
        return copy(source, destination)

    monkeypatch.setattr("composer.storage.saving.shutil.copy2", copy_backup)
    save(newsletter("Tre"), saved_twice)
    assert seen == ["Tre"]


def test_the_backup_gets_the_files_permissions(saved_twice: Path) -> None:
    backup = backup_path(saved_twice)
    backup.chmod(0o644)
    saved_twice.chmod(0o600)  # made private since: the copy of it must stay private too
    save(newsletter("Tre"), saved_twice)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


# --- full disks and failed writes ---------------------------------------------------------------

_FILL_TO_LIMIT = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of a kill
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from composer.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="file size limits are POSIX")
def test_a_write_that_fails_part_way_leaves_the_file_and_its_backup(saved_twice: Path) -> None:
    before = saved_twice.read_bytes(), backup_path(saved_twice).read_bytes()
    limit = max(len(b) for b in before) + 4096
    assert len(sample_content()) > 2 * limit  # the sample cannot be written within the limit
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _FILL_TO_LIMIT,
            str(limit),
            "sample",
            "-o",
            str(saved_twice),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "the file would be larger than this disk or system allows" in result.stderr
    assert (
        "Nothing was changed: the file on disk and its backup “brev.newsletter.bak” are as they "
        "were." in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert (saved_twice.read_bytes(), backup_path(saved_twice).read_bytes()) == before
    assert names(saved_twice.parent) == ["brev.newsletter", "brev.newsletter.bak"]


def sample_content() -> bytes:
    from composer.sample import load_sample
    from composer.storage import document_bytes

    sample = load_sample()
    return document_bytes(sample.newsletter) + b"".join(sample.images.data.values())


def test_a_full_disk_while_the_backup_is_written_leaves_both(
    saved_twice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved_twice.read_bytes(), backup_path(saved_twice).read_bytes()

    def disk_fills(source: Path, destination: Path) -> None:
        Path(destination).write_bytes(Path(source).read_bytes()[:1000])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("composer.storage.saving.shutil.copy2", disk_fills)
    with pytest.raises(DocumentSaveError) as caught:
        save(newsletter("Tre"), saved_twice)
    assert str(caught.value) == (
        "Cannot save “brev.newsletter”: the disk is full. Nothing was changed: the file on disk "
        "and its backup “brev.newsletter.bak” are as they were. Free some space on the disk, or "
        "use Save As to save elsewhere."
    )
    assert (saved_twice.read_bytes(), backup_path(saved_twice).read_bytes()) == before
    assert names(saved_twice.parent) == ["brev.newsletter", "brev.newsletter.bak"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB file system (tmpfs), where the machine lets the tests mount one."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    if shutil.which("mount") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_on_a_really_full_disk_nothing_changes_and_the_message_says_so(small_disk: Path) -> None:
    path = small_disk / "brev.newsletter"
    save(newsletter("Ett", 300_000), path)
    save(newsletter("Två", 600_000), path)
    before = path.read_bytes(), backup_path(path).read_bytes()
    # 0.6 + 0.3 MB on the 2.1 MB disk: the new 1.4 MB file cannot be written beside them.
    with pytest.raises(DocumentSaveError, match="the disk is full") as caught:
        save(newsletter("Tre", 1_400_000), path)
    assert "the file on disk and its backup “brev.newsletter.bak” are as they were" in str(
        caught.value
    )
    assert (path.read_bytes(), backup_path(path).read_bytes()) == before
    assert names(small_disk) == ["brev.newsletter", "brev.newsletter.bak"]
    # 0.6 + 0.3 + 0.8 new fits, the copy of the 0.6 MB file for the .bak does not.
    with pytest.raises(DocumentSaveError, match="the disk is full"):
        save(newsletter("Fyra", 800_000), path)
    assert (path.read_bytes(), backup_path(path).read_bytes()) == before
    assert names(small_disk) == ["brev.newsletter", "brev.newsletter.bak"]
    assert subject(path) == "Två"
    assert subject(backup_path(path)) == "Ett"


# --- permissions, symlinks, read-only files ----------------------------------------------------


def test_saving_keeps_the_files_permissions(saved_twice: Path) -> None:
    saved_twice.chmod(0o640)
    save(newsletter("Tre"), saved_twice)
    assert stat.S_IMODE(saved_twice.stat().st_mode) == 0o640


def test_saving_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    real = tmp_path / "delad" / "brev.newsletter"
    real.parent.mkdir()
    save(newsletter("Ett"), real)
    link = tmp_path / "genväg.newsletter"
    link.symlink_to(real)
    stamp = load_with_stamp(link)[1]
    save(newsletter("Två"), link, expected=stamp)
    assert link.is_symlink()
    assert subject(real) == "Två"
    assert subject(real.with_name("brev.newsletter.bak")) == "Ett"
    assert names(tmp_path) == ["delad", "genväg.newsletter"]


def test_a_read_only_file_is_refused_and_save_as_is_offered(saved_twice: Path) -> None:
    saved_twice.chmod(0o444)
    before = saved_twice.read_bytes()
    with pytest.raises(ReadOnlyFileError) as caught:
        save(newsletter("Tre"), saved_twice)
    assert str(caught.value) == (
        "“brev.newsletter” is read-only, so it was not changed. Use Save As to save your "
        "newsletter under another name or in another folder."
    )
    assert saved_twice.read_bytes() == before


def test_a_folder_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "brev.newsletter").mkdir()
    with pytest.raises(DocumentSaveError, match="not an ordinary file"):
        save(newsletter("Ett"), tmp_path / "brev.newsletter")


# --- changes by another program ----------------------------------------------------------------


def test_a_change_by_another_program_is_noticed_and_not_overwritten(saved_twice: Path) -> None:
    _bundle, stamp = load_with_stamp(saved_twice)
    theirs = saved_twice.with_name("deras.newsletter")
    save(newsletter("Deras"), theirs)
    os.replace(theirs, saved_twice)  # as another program saves: a new file renamed over
    assert disk_state(saved_twice, stamp) is DiskState.CHANGED
    with pytest.raises(FileChangedOnDiskError, match="changed by another program"):
        save(newsletter("Mitt"), saved_twice, expected=stamp)
    assert subject(saved_twice) == "Deras"
    assert subject(backup_path(saved_twice)) == "Ett"


def test_a_change_in_place_with_the_same_size_and_time_is_noticed(saved_twice: Path) -> None:
    _bundle, stamp = load_with_stamp(saved_twice)
    content = bytearray(saved_twice.read_bytes())
    content[-30] ^= 1  # a byte of the zip's directory, written in place
    saved_twice.write_bytes(bytes(content))
    os.utime(saved_twice, ns=(stamp.mtime_ns, stamp.mtime_ns))
    assert disk_state(saved_twice, stamp) is DiskState.CHANGED


def test_a_file_merely_touched_or_copied_back_is_not_a_change(saved_twice: Path) -> None:
    _bundle, stamp = load_with_stamp(saved_twice)
    os.utime(saved_twice)
    assert disk_state(saved_twice, stamp) is DiskState.UNCHANGED
    copy = saved_twice.with_name("kopia")
    shutil.copyfile(saved_twice, copy)
    os.replace(copy, saved_twice)
    assert disk_state(saved_twice, stamp) is DiskState.UNCHANGED
    new_stamp = save(newsletter("Tre"), saved_twice, expected=stamp)
    assert disk_state(saved_twice, new_stamp) is DiskState.UNCHANGED
    save(newsletter("Fyra"), saved_twice, expected=new_stamp)
    assert subject(saved_twice) == "Fyra"


def test_a_deleted_file_is_written_again(saved_twice: Path) -> None:
    _bundle, stamp = load_with_stamp(saved_twice)
    saved_twice.unlink()
    assert disk_state(saved_twice, stamp) is DiskState.MISSING
    save(newsletter("Tre"), saved_twice, expected=stamp)
    assert subject(saved_twice) == "Tre"


# --- leftovers of killed saves -----------------------------------------------------------------


def _leftover(folder: Path, name: str, age: float = 0.0) -> Path:
    path = folder / name
    path.write_bytes(b"PK half a newsletter")
    if age:
        then = time.time() - age
        os.utime(path, (then, then))
    return path


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _lock_as(document: Path, pid: int, host: str | None = None) -> None:
    owner = file_lock.LockOwner("kollega", host or file_lock.this_host(), pid, None)
    file_lock.lock_path(document).write_bytes(owner.to_bytes())


def test_the_sweep_removes_only_our_old_leftovers(tmp_path: Path) -> None:
    old = _leftover(tmp_path, ".brev.newsletter.0a1b2c3d.tmp", age=120)
    old_backup = _leftover(tmp_path, ".brev.newsletter.bak.99aa88bb.tmp", age=120)
    young = _leftover(tmp_path, ".brev.newsletter.deadbeef.tmp")
    others = [
        _leftover(tmp_path, ".rapport.docx.0a1b2c3d.tmp", age=120),  # not a newsletter
        _leftover(tmp_path, ".brev.newsletter.tmp", age=120),  # not our name pattern
        _leftover(tmp_path, "brev.newsletter.0a1b2c3d.tmp", age=120),
    ]
    assert sorted(sweep_orphans(tmp_path)) == sorted([old, old_backup])
    assert young.exists()  # a save may be writing it right now
    assert all(path.exists() for path in others)


def test_a_killed_programs_leftovers_go_at_once_a_running_ones_stay(tmp_path: Path) -> None:
    killed = tmp_path / "brev.newsletter"
    _lock_as(killed, _dead_pid())
    fresh = _leftover(tmp_path, ".brev.newsletter.0a1b2c3d.tmp")
    running = tmp_path / "annat.newsletter"
    _lock_as(running, 1)  # pid 1 always runs
    kept = _leftover(tmp_path, ".annat.newsletter.0a1b2c3d.tmp", age=3600)
    elsewhere = tmp_path / "tredje.newsletter"
    _lock_as(elsewhere, _dead_pid(), host="en-annan-dator")
    far = _leftover(tmp_path, ".tredje.newsletter.0a1b2c3d.tmp", age=3600)
    assert sweep_orphans(tmp_path) == [fresh]
    assert kept.exists() and far.exists()
