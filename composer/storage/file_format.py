"""What a ``.newsletter`` file holds, and the limits that keep a hostile one harmless."""

from __future__ import annotations

from typing import Final

DOCUMENT_ENTRY: Final = "document.json"
IMAGES_FOLDER: Final = "images/"
FILE_SUFFIX: Final = ".newsletter"
BACKUP_SUFFIX: Final = ".bak"
#: Limits that keep a hostile file from filling memory: no real newsletter comes near them.
#: A month's newsletter holds some tens of pictures (working copies of about 1 MB, or camera
#: originals of 5-15 MB) and a document.json of some tens of kilobytes. Loading holds every
#: picture in memory, so the total bounds what a file can make the program take: about
#: MAX_TOTAL_BYTES + MAX_IMAGE_BYTES (one entry being read) + MAX_DOCUMENT_BYTES parsed, well
#: under 600 MB however small and cunning the file (bench/bench_storage.py measures it).
MAX_DOCUMENT_BYTES: Final = 4 * 1024 * 1024
MAX_IMAGE_BYTES: Final = 60 * 1024 * 1024
MAX_TOTAL_BYTES: Final = 400 * 1024 * 1024
MAX_IMAGES: Final = 500
MAX_ENTRIES: Final = 2000
#: The file on disk: its entries plus their headers; a larger file is refused before reading.
MAX_FILE_BYTES: Final = MAX_TOTAL_BYTES + 16 * 1024 * 1024
#: No number in a newsletter (a schema version, a size) needs more digits than this; Python
#: itself refuses integers of more than 4,300 digits with an error that is no sentence.
MAX_NUMBER_DIGITS: Final = 30
#: Values (objects, lists, strings, numbers) in document.json: a long newsletter has a few
#: thousand. Validating a million empty objects took the model 2.4 GB and 90 seconds.
MAX_JSON_VALUES: Final = 100_000
#: Leftover temporary files of a save are removed once they are this old (seconds) and no
#: running program holds the document's lock; a killed program's ones at once.
ORPHAN_AGE: Final = 60.0
READ_CHUNK: Final = 1024 * 1024
