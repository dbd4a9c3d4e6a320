"""The cache of processed email images (``ImageCache``) and the folder it keeps them in."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from pathlib import Path

from composer.atomic import write_bytes
from composer.images.framing import WHOLE, Framing
from composer.images.pipeline import PIPELINE_VERSION, ProcessedImage
from composer.package_data import user_cache_folder

_LOG = logging.getLogger(__name__)


def default_cache_folder() -> Path:
    """Where processed images are cached for this user, following the platform's custom."""
    return user_cache_folder("images")


class ImageCache:
    """Processed images by content, in memory and in a folder on disk.

    Keys are the SHA-256 of the original file, the width asked for, the framing (crop, focal
    point, tallest shape) and PIPELINE_VERSION, so a changed photo, width, crop or pipeline
    never meets a stale entry. The entries are email images, ``OutputSpec(max_width,
    framing=…)``: no other bound or quality is in the key. The
    cache is only a shortcut: an entry that cannot be written or read back intact is ignored.

    Args:
        folder: where entries are kept on disk; None for ``default_cache_folder()``.
        memory_limit: bytes of processed images kept in memory (least recently used go).
    """

    def __init__(self, folder: Path | str | None = None, memory_limit: int = 64_000_000) -> None:
        self.folder = Path(folder) if folder is not None else default_cache_folder()
        self._memory_limit = memory_limit
        self._memory: OrderedDict[str, ProcessedImage] = OrderedDict()
        self._memory_bytes = 0
        self._lock = threading.Lock()  # the GUI may look up from its worker thread

    @staticmethod
    def key(data: bytes, max_width: int, framing: Framing = WHOLE) -> str:
        """The key of ``data`` processed for ``max_width`` and ``framing``."""
        return ImageCache.key_of_hash(hashlib.sha256(data).hexdigest(), max_width, framing)

    @staticmethod
    def key_of_hash(sha256: str, max_width: int, framing: Framing = WHOLE) -> str:
        """``key()`` of data whose SHA-256 is known already (a document's pictures)."""
        key = f"{sha256}-w{max_width}-v{PIPELINE_VERSION}"
        if framing.key:
            # Hashed: the framing's own text has characters some file systems refuse.
            key += "-f" + hashlib.sha256(framing.key.encode()).hexdigest()[:16]
        return key

    def get(self, data: bytes, max_width: int, framing: Framing = WHOLE) -> ProcessedImage | None:
        """The cached result of processing ``data`` for ``max_width`` and ``framing``, if any."""
        return self.lookup(self.key(data, max_width, framing))

    def put(
        self, data: bytes, max_width: int, image: ProcessedImage, framing: Framing = WHOLE
    ) -> None:
        """Remember ``image`` as the result of processing ``data`` for ``max_width``."""
        self.store(self.key(data, max_width, framing), image)

    def lookup(self, key: str) -> ProcessedImage | None:
        """The entry under ``key`` (see ``key()``), from memory or else from disk."""
        with self._lock:
            image = self._memory.get(key)
            if image is not None:
                self._memory.move_to_end(key)
                return image
        image = self._read(key)
        if image is not None:
            self._remember(key, image)
        return image

    def store(self, key: str, image: ProcessedImage) -> None:
        """Keep ``image`` under ``key`` (see ``key()``), in memory and on disk."""
        self._remember(key, image)
        self._write(key, image)

    def _remember(self, key: str, image: ProcessedImage) -> None:
        with self._lock:
            previous = self._memory.pop(key, None)
            if previous is not None:
                self._memory_bytes -= len(previous.data)
            self._memory[key] = image
            self._memory_bytes += len(image.data)
            while self._memory_bytes > self._memory_limit and len(self._memory) > 1:
                _old_key, old = self._memory.popitem(last=False)
                self._memory_bytes -= len(old.data)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.img"

    def _write(self, key: str, image: ProcessedImage) -> None:
        header = {
            "format": image.format,
            "extension": image.extension,
            "width": image.width,
            "height": image.height,
            "warnings": list(image.warnings),
            "size": len(image.data),
            "sha256": hashlib.sha256(image.data).hexdigest(),
        }
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Atomic, so a reader never sees half an entry; not durable: a cache entry lost
            # in a crash is only made again, which is cheaper than an fsync per image.
            write_bytes(path, json.dumps(header).encode() + b"\n" + image.data, durable=False)
        except OSError as exc:
            _LOG.warning("could not write image cache entry %s: %s", path, exc)

    def _read(self, key: str) -> ProcessedImage | None:
        path = self._path(key)
        try:
            content = path.read_bytes()
        except OSError:
            return None
        try:
            line, data = content.split(b"\n", 1)
            header = json.loads(line)
            image = ProcessedImage(
                data,
                _string(header["format"]),
                _string(header["extension"]),
                _integer(header["width"]),
                _integer(header["height"]),
                _strings(header["warnings"]),
            )
            if len(data) != header["size"] or hashlib.sha256(data).hexdigest() != header["sha256"]:
                raise ValueError("content does not match its header")
        except (ValueError, KeyError, TypeError) as exc:
            _LOG.warning("ignoring damaged image cache entry %s: %s", path, exc)
            return None
        return image


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, found {value!r}")
    return value


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {value!r}")
    return tuple(_string(item) for item in value)


def _integer(value: object) -> int:
    if not isinstance(value, int):
        raise TypeError(f"expected an integer, found {value!r}")
    return value
