"""Lock files that tell another running program a newsletter is open here.

Beside ``brev.newsletter`` the program that has it open keeps ``.~lock.brev.newsletter#`` (the
name LibreOffice uses for the same purpose), saying who has it open: user, computer, process
and since when. Another program reads it to warn its user before two people edit the same
file. A lock whose process is gone (a crash, a killed program) on this computer is stale and
is taken over without a word; a lock from another computer cannot be checked and is shown.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from composer import atomic

LOCK_PREFIX: Final = ".~lock."
LOCK_SUFFIX: Final = "#"
#: Lock files are a few hundred bytes; anything larger is not one of ours and is not read.
_MAX_LOCK_BYTES: Final = 4096


def lock_path(document: Path) -> Path:
    """The lock file of ``document``: beside the real file when ``document`` is a symlink."""
    target = atomic.real_target(Path(os.path.abspath(document)))
    return target.with_name(f"{LOCK_PREFIX}{target.name}{LOCK_SUFFIX}")


def this_host() -> str:
    """The name of this computer, as lock files record it."""
    return socket.gethostname()


def _this_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        # No login name (a container without a passwd entry): the lock still works.
        return ""


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this computer (a zombie counts as running)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    # os.kill(pid, 0) on Windows terminates the process; ask the kernel instead.
    query_limited_information = 0x1000
    still_active = 259
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return bool(code.value == still_active)
    finally:
        kernel32.CloseHandle(handle)


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock file, as the file says (empty fields when it could not be read)."""

    user: str
    host: str
    pid: int
    since: dt.datetime | None

    @classmethod
    def of_this_process(cls) -> LockOwner:
        """This program, now."""
        return cls(_this_user(), this_host(), os.getpid(), dt.datetime.now(dt.UTC))

    @property
    def known(self) -> bool:
        """Whether the lock file said who holds it (False: unreadable or not ours)."""
        return bool(self.host) and self.pid > 0

    def is_this_process(self) -> bool:
        """Whether this running program wrote the lock."""
        return self.host == this_host() and self.pid == os.getpid()

    def is_stale(self) -> bool:
        """Whether the lock was left behind: its process, on this computer, is gone."""
        return self.known and self.host == this_host() and not pid_alive(self.pid)

    def to_bytes(self) -> bytes:
        """The lock file's content."""
        data = {
            "program": "Newsletter Composer",
            "user": self.user,
            "host": self.host,
            "pid": self.pid,
            "since": self.since.isoformat() if self.since else "",
        }
        return json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n"

    @classmethod
    def from_bytes(cls, content: bytes) -> LockOwner:
        """Read a lock file's content; what cannot be read gives an unknown owner."""
        unknown = cls("", "", 0, None)
        try:
            data = json.loads(content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return unknown
        if not isinstance(data, dict):
            return unknown
        user, host, pid, since = (data.get(key) for key in ("user", "host", "pid", "since"))
        if not isinstance(host, str) or not isinstance(pid, int) or isinstance(pid, bool):
            return unknown
        when: dt.datetime | None = None
        if isinstance(since, str):
            with contextlib.suppress(ValueError):
                when = dt.datetime.fromisoformat(since)
        return cls(user if isinstance(user, str) else "", host, pid, when)


def read_lock(document: Path) -> LockOwner | None:
    """Who holds ``document``'s lock, or None when there is no lock file."""
    path = lock_path(document)
    try:
        with open(path, "rb") as stream:
            content = stream.read(_MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError:
        return LockOwner("", "", 0, None)
    if len(content) > _MAX_LOCK_BYTES:
        return LockOwner("", "", 0, None)
    return LockOwner.from_bytes(content)


@dataclass(frozen=True)
class FileLock:
    """A lock this program holds on a document (``written`` False: the folder allows none)."""

    document: Path
    owner: LockOwner
    written: bool = True

    def release(self) -> None:
        """Remove the lock file, if it is still ours (another program may have taken it)."""
        if not self.written:
            return
        current = read_lock(self.document)
        if current is not None and (current.host, current.pid) == (
            self.owner.host,
            self.owner.pid,
        ):
            with contextlib.suppress(OSError):
                lock_path(self.document).unlink()


def acquire(document: Path) -> FileLock | LockOwner:
    """Take the lock of ``document``, unless another running program holds it.

    A stale lock (its process gone, on this computer) is taken over. A folder where no lock
    can be written (read-only, a CD) gives a lock that is not written: there the file cannot
    be saved either, so there is nothing to protect.

    Returns:
        The lock, or the owner of the lock that another program holds.
    """
    path = lock_path(document)
    owner = LockOwner.of_this_process()
    for _attempt in range(3):
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = read_lock(document)
            if holder is None:
                continue  # released between our two looks: try again
            if holder.is_this_process():
                return FileLock(document, holder)
            if holder.is_stale():
                return take_over(document)
            return holder
        except OSError:
            return FileLock(document, owner, written=False)
        try:
            # One write of a few hundred bytes: a reader never sees half of it in practice,
            # and one that did would show an unknown owner, not break.
            os.write(descriptor, owner.to_bytes())
        finally:
            os.close(descriptor)
        return FileLock(document, owner)
    return FileLock(document, owner, written=False)


def take_over(document: Path) -> FileLock:
    """Write this program's lock over any other (a stale one, or "open anyway")."""
    owner = LockOwner.of_this_process()
    try:
        atomic.write_bytes(lock_path(document), owner.to_bytes(), durable=False)
    except OSError:
        return FileLock(document, owner, written=False)
    return FileLock(document, owner)
