"""The ``.newsletter`` file: a zip of ``document.json`` and content-addressed ``images/``.

Loading trusts nothing in the file (``loading``); saving never loses the officer's work
(``saving``); a stamp of the file on disk notices other programs' changes (``disk``); the
leftovers of saves that never finished are swept (``leftovers``).
"""

from __future__ import annotations

from composer.storage.disk import (
    DiskStamp,
    DiskState,
    disk_stamp,
    disk_state,
    recheck,
)
from composer.storage.file_format import (
    BACKUP_SUFFIX,
    DOCUMENT_ENTRY,
    FILE_SUFFIX,
    IMAGES_FOLDER,
    MAX_DOCUMENT_BYTES,
    MAX_ENTRIES,
    MAX_FILE_BYTES,
    MAX_IMAGE_BYTES,
    MAX_IMAGES,
    MAX_JSON_VALUES,
    MAX_NUMBER_DIGITS,
    MAX_TOTAL_BYTES,
    ORPHAN_AGE,
)
from composer.storage.leftovers import (
    sweep_orphans,
)
from composer.storage.loading import (
    load,
    load_with_stamp,
)
from composer.storage.saving import (
    backup_path,
    document_bytes,
    is_read_only,
    save,
)

__all__ = [
    "BACKUP_SUFFIX",
    "DOCUMENT_ENTRY",
    "FILE_SUFFIX",
    "IMAGES_FOLDER",
    "MAX_DOCUMENT_BYTES",
    "MAX_ENTRIES",
    "MAX_FILE_BYTES",
    "MAX_IMAGES",
    "MAX_IMAGE_BYTES",
    "MAX_JSON_VALUES",
    "MAX_NUMBER_DIGITS",
    "MAX_TOTAL_BYTES",
    "ORPHAN_AGE",
    "DiskStamp",
    "DiskState",
    "backup_path",
    "disk_stamp",
    "disk_state",
    "document_bytes",
    "is_read_only",
    "load",
    "load_with_stamp",
    "recheck",
    "save",
    "sweep_orphans",
]
