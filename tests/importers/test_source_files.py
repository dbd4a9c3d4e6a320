"""Files named for import are read only when they are ordinary files: a pipe, a device or a
folder is refused at once in a sentence, never waited on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from composer.errors import ImportSourceError
from composer.importers import import_source
from composer.importers.pictures import local_picture_loader
from composer.regular_file import FileTooLarge, NotOrdinaryFile, read_regular

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx"])
def test_a_pipe_named_like_an_article_is_refused_without_waiting(
    tmp_path: Path, suffix: str
) -> None:
    pipe = tmp_path / f"artikel{suffix}"
    os.mkfifo(pipe)
    with pytest.raises(ImportSourceError, match="not an ordinary file but a device, a pipe"):
        import_source(pipe)


def test_a_folder_named_like_an_article_is_called_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "artiklar.md"
    folder.mkdir()
    with pytest.raises(ImportSourceError, match="it is a folder, not a file"):
        import_source(folder)


def test_a_picture_beside_a_page_that_is_a_pipe_is_refused_without_waiting(
    tmp_path: Path,
) -> None:
    os.mkfifo(tmp_path / "foto.jpg")
    load = local_picture_loader(tmp_path, "sida.html")
    with pytest.raises(ImportSourceError, match="not an ordinary file"):
        load("foto.jpg")


def test_a_device_is_refused_and_a_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    with pytest.raises(NotOrdinaryFile):
        read_regular("/dev/zero", 10)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 11)
    with pytest.raises(FileTooLarge) as raised:
        read_regular(big, 10)
    assert raised.value.size == 11
    assert read_regular(big, 11) == b"x" * 11
