"""Tests of processing batches of images."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from pathlib import Path

import pytest
from pictures import encode, noisy

from composer.errors import ExportCancelled
from composer.images import (
    ImageCache,
    ImageError,
    OutputSpec,
    ProcessedImage,
    batch,
    process,
    process_many,
)


def photo_batch(count: int) -> list[tuple[bytes, int, str]]:
    return [
        (encode(noisy(300 + 10 * n, 200, n), "JPEG"), 200 + n, f"photo{n}.jpg")
        for n in range(count)
    ]


def test_process_many_keeps_order_and_reports_progress() -> None:
    items = photo_batch(4)
    calls: list[tuple[int, int, str]] = []

    results = process_many(items, progress=lambda *call: calls.append(call))

    assert [result.width for result in results] == [200, 201, 202, 203]
    assert [(step, total) for step, total, _message in calls] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert {message for _step, _total, message in calls} == {
        f"Prepared photo{n}.jpg" for n in range(4)
    }


def test_process_many_stops_when_cancelled() -> None:
    calls: list[tuple[int, int, str]] = []

    with pytest.raises(ExportCancelled):
        process_many(
            photo_batch(5), progress=lambda *call: calls.append(call), cancelled=lambda: bool(calls)
        )

    assert len(calls) == 1


def test_process_many_cancelled_before_start_does_nothing(
    forbid_processing: Callable[[], None],
) -> None:
    forbid_processing()

    with pytest.raises(ExportCancelled):
        process_many(photo_batch(3), cancelled=lambda: True)


def test_process_many_reports_the_image_that_fails() -> None:
    items = [*photo_batch(2), (b"plain text", 100, "notes.jpg")]

    with pytest.raises(ImageError, match=r"notes\.jpg contains text"):
        process_many(items)


def test_cache_hits_never_reach_the_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forbid_processing: Callable[[], None]
) -> None:
    items = photo_batch(3)
    cache = ImageCache(tmp_path)
    for data, width, name in items:
        cache.put(data, width, process(data, width, name))
    forbid_processing()
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", None)

    results = process_many(items, cache=cache)

    assert [result.width for result in results] == [200, 201, 202]


def test_single_image_is_processed_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", None)

    (result,) = process_many(photo_batch(1))

    assert result.width == 200


def test_duplicates_are_processed_once_and_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    processed: list[str] = []
    real = batch.convert

    def counting(data: bytes, spec: OutputSpec, name: str) -> ProcessedImage:
        processed.append(name)
        return real(data, spec, name)

    monkeypatch.setattr(batch, "convert", counting)
    (first, second) = photo_batch(2)
    cache = ImageCache(tmp_path)
    with concurrent.futures.ThreadPoolExecutor(2) as threads:
        results = process_many([first, second, first], cache=cache, executor=threads)

    assert sorted(processed) == ["photo0.jpg", "photo1.jpg"]
    assert results[0] == results[2]
    assert cache.get(second[0], second[1]) == results[1]


def test_empty_batch_and_bad_width() -> None:
    assert process_many([]) == []
    with pytest.raises(ValueError, match="max_width"):
        process(encode(noisy(4, 4), "JPEG"), 0)
    with pytest.raises(ValueError, match="max_width"):
        process_many([(b"", -1, "x")])


class ImmediateExecutor(concurrent.futures.Executor):
    """Runs each call as it is submitted: a deterministic stand-in for a pool."""

    def submit(  # type: ignore[override]
        self, fn: Callable[..., ProcessedImage], /, *args: object
    ) -> concurrent.futures.Future[ProcessedImage]:
        future: concurrent.futures.Future[ProcessedImage] = concurrent.futures.Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future


def test_images_done_before_a_refusal_are_cached(tmp_path: Path) -> None:
    good, other = photo_batch(2)
    cache = ImageCache(tmp_path)

    with pytest.raises(ImageError, match="notes"):
        process_many(
            [good, other, (b"plain text", 100, "notes")], cache=cache, executor=ImmediateExecutor()
        )

    assert cache.get(good[0], good[1]) is not None
    assert cache.get(other[0], other[1]) is not None
