"""Tests of the cache of processed images."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pictures import encode, noisy

from composer import images
from composer.images import ImageCache, default_cache_folder, process


def test_cache_answers_without_pillow_and_survives_a_restart(
    tmp_path: Path, forbid_processing: Callable[[], None]
) -> None:
    data = encode(noisy(400, 300), "JPEG")
    cache = ImageCache(tmp_path / "cache")
    first = process(data, 200, cache=cache)
    forbid_processing()

    again = process(data, 200, cache=cache)
    after_restart = process(data, 200, cache=ImageCache(tmp_path / "cache"))

    assert again == first
    assert after_restart == first
    assert after_restart.data == first.data


def test_cache_keys_depend_on_width_content_and_pipeline() -> None:
    key = ImageCache.key(b"abc", 1200)

    assert key != ImageCache.key(b"abc", 600)
    assert key != ImageCache.key(b"abd", 1200)
    assert key.endswith(f"-v{images.PIPELINE_VERSION}")


def test_cache_folder_holds_only_its_entries(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    for seed in range(3):
        process(encode(noisy(40, 30, seed), "JPEG"), 100, cache=cache)

    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert len(files) == 3
    assert all(path.suffix == ".img" and not path.name.startswith(".") for path in files)


def test_damaged_cache_entry_is_ignored(tmp_path: Path) -> None:
    data = encode(noisy(40, 30), "JPEG")
    processed = process(data, 1200, cache=ImageCache(tmp_path))
    (entry,) = tmp_path.rglob("*.img")
    entry.write_bytes(entry.read_bytes()[:-10])

    fresh = ImageCache(tmp_path)
    assert fresh.get(data, 1200) is None
    assert process(data, 1200, cache=fresh) == processed


def test_memory_limit_falls_back_to_disk(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, memory_limit=1)
    first, second = (encode(noisy(40, 30, seed), "JPEG") for seed in (1, 2))
    cache.put(first, 100, process(first, 100))
    cache.put(second, 100, process(second, 100))

    assert cache.get(first, 100) == process(first, 100)


def test_unwritable_cache_folder_is_only_a_missed_shortcut(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    data = encode(noisy(40, 30), "JPEG")

    result = process(data, 100, cache=ImageCache(blocker / "cache"))

    assert result.format == "JPEG"


def test_default_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_folder() == tmp_path / "newsletter-composer" / "images"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")
    assert default_cache_folder() == Path.home() / ".cache" / "newsletter-composer" / "images"
