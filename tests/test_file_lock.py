"""Lock files: another running program learns who has a newsletter open; stale ones go quietly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from composer import file_lock
from composer.file_lock import FileLock, LockOwner, acquire, lock_path, read_lock, take_over

ROOT = Path(__file__).resolve().parent.parent

#: Another program takes the lock, says so, and runs until its input closes.
_HOLDER = """
import sys
from pathlib import Path
from composer.file_lock import acquire
lock = acquire(Path(sys.argv[1]))
print(type(lock).__name__, flush=True)
sys.stdin.read()
"""


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "brev.newsletter"
    path.write_bytes(b"PK")
    return path


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_lock_file_says_who_has_the_file_open(document: Path) -> None:
    lock = acquire(document)
    assert isinstance(lock, FileLock)
    path = document.with_name(".~lock.brev.newsletter#")
    assert lock_path(document) == path
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["host"] == file_lock.this_host()
    assert data["pid"] == os.getpid()
    assert set(data) == {"program", "user", "host", "pid", "since"}
    lock.release()
    assert not path.exists()


def test_another_running_program_sees_the_owner_and_gets_no_lock(document: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(document)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "FileLock"
        owner = acquire(document)
        assert isinstance(owner, LockOwner)
        assert owner.pid == holder.pid
        assert owner.host == file_lock.this_host()
        assert owner.since is not None
        assert not owner.is_stale()
    finally:
        holder.communicate("")
    # Its program closed without releasing (as a crash would): the lock is stale now.
    assert read_lock(document) is not None
    lock = acquire(document)
    assert isinstance(lock, FileLock)
    assert read_lock(document) == lock.owner


def test_a_stale_lock_of_this_computer_is_taken_over_silently(document: Path) -> None:
    gone = LockOwner("kollega", file_lock.this_host(), _dead_pid(), None)
    lock_path(document).write_bytes(gone.to_bytes())
    assert gone.is_stale()
    lock = acquire(document)
    assert isinstance(lock, FileLock)
    assert read_lock(document) == lock.owner


def test_a_lock_from_another_computer_is_shown_not_taken(document: Path) -> None:
    elsewhere = LockOwner("kollega", "en-annan-dator", _dead_pid(), None)
    lock_path(document).write_bytes(elsewhere.to_bytes())
    assert acquire(document) == elsewhere
    # "Open anyway": this program's lock replaces it; the other's release leaves ours alone.
    mine = take_over(document)
    FileLock(document, elsewhere).release()
    assert read_lock(document) == mine.owner


def test_an_unreadable_lock_is_shown_as_held_by_someone_unknown(document: Path) -> None:
    lock_path(document).write_bytes(b"\x00garbage")
    owner = acquire(document)
    assert isinstance(owner, LockOwner)
    assert not owner.known
    assert lock_path(document).read_bytes() == b"\x00garbage"


def test_the_same_program_opening_its_file_again_keeps_its_lock(document: Path) -> None:
    first = acquire(document)
    again = acquire(document)
    assert isinstance(first, FileLock) and isinstance(again, FileLock)
    assert again.owner == first.owner


def test_a_symlinked_file_is_locked_beside_its_target(tmp_path: Path, document: Path) -> None:
    link = tmp_path / "genväg.newsletter"
    link.symlink_to(document)
    assert lock_path(link) == lock_path(document)
