"""Running the pipeline through the cache: one image, or a batch on a thread pool."""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
from collections.abc import Callable, Generator, Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import NamedTuple, TypeAlias

from composer.errors import ExportCancelled
from composer.i18n import ui_message as _
from composer.images.cache import ImageCache
from composer.images.framing import WHOLE, Framing
from composer.images.pipeline import ProcessedImage, convert
from composer.images.probe import ImageError
from composer.images.spec import OutputSpec


class ImageJob(NamedTuple):
    """One picture of a batch: its data, the width it is made at, its name and framing."""

    data: bytes
    max_width: int
    name: str = "image"
    framing: Framing = WHOLE


#: An item of ``process_many``: an ImageJob, or (data, max_width, name) for the whole picture.
BatchItem: TypeAlias = tuple[bytes, int, str] | tuple[bytes, int, str, Framing]


def process(
    data: bytes,
    max_width: int,
    name: str = "image",
    cache: ImageCache | None = None,
    framing: Framing = WHOLE,
) -> ProcessedImage:
    """Make an image ready for email: upright, sRGB, at most ``max_width`` wide, no metadata.

    The email case of ``pipeline.convert`` (JPEG quality ``JPEG_QUALITY``), through the cache.

    Args:
        data: the original file's content.
        max_width: the widest the result may be: the display width times PIXEL_DENSITY.
        name: the file's name, used in messages.
        cache: where earlier results are kept; None to always process.
        framing: the part of the picture shown (``Framing.of(ref, display_width)``).

    Raises:
        ImageError: the image cannot be used; the message says why and what to do.
    """
    spec = OutputSpec(max_width, framing=framing)
    if cache is None:
        return convert(data, spec, name)
    key = ImageCache.key(data, max_width, framing)
    result = cache.lookup(key)
    if result is None:
        result = convert(data, spec, name)
        cache.store(key, result)
    return result


def process_many(
    items: Sequence[BatchItem],
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    cache: ImageCache | None = None,
    *,
    executor: concurrent.futures.Executor | None = None,
) -> list[ProcessedImage]:
    """Process several images, in parallel threads when more than one needs the work.

    Cached images are answered at once and never reach the pool; the same image asked for
    twice at one width is processed once. Workers start as soon as a second image is known
    to need them, while the rest of the batch is still being looked up. However many workers
    there are, only the pictures whose decoding fits the process's memory budget
    (``MEMORY_BUDGET``) are decoded at once; the others wait their turn.

    Args:
        items: an ImageJob, or (data, max_width, name), per image, as for ``process``.
        progress: called with (images done, images in all, message) after each image.
        cancelled: polled between images and while waiting; True stops the batch.
        cache: where earlier results are kept and new ones are stored; None for none.
        executor: runs the work instead of the thread pool this call would create, so that a
            long-lived program can keep its workers warm, or run them in processes; the
            caller shuts it down. Each process has a budget of its own: a pool of n
            processes may use n times the memory.

    Returns:
        One ProcessedImage per item, in the order of ``items``.

    Raises:
        ImageError: an image cannot be used (the first one found); the batch stops.
        ExportCancelled: ``cancelled()`` returned True; work not started is dropped.
    """
    jobs = [ImageJob(*item) for item in items]
    specs = [OutputSpec(job.max_width, framing=job.framing) for job in jobs]
    batch = _Batch(jobs, specs, progress, cancelled)
    batch.check_cancelled()
    todo: dict[str, list[int]] = {}  # one entry per distinct (data, width): the items it serves
    keys = _keys(jobs, cache is not None)
    try:
        with _Runner(batch, executor) as runner, contextlib.closing(keys):
            for index, key in enumerate(keys):
                hit = cache.lookup(key) if cache is not None else None
                if hit is not None:
                    batch.finish(index, hit)
                elif key in todo:
                    todo[key].append(index)
                else:
                    todo[key] = [index]
                    runner.add(todo[key])
                batch.check_cancelled()
            runner.finish()
    finally:
        # Also after a cancel or a refused image: the work done is not lost.
        if cache is not None:
            for key, indexes in todo.items():
                result = batch.peek(indexes[0])
                if result is not None:
                    cache.store(key, result)
    return [batch.result(index) for index in range(len(jobs))]


class _Batch:
    """Results of a batch as they arrive, with its progress and cancel callbacks."""

    def __init__(
        self,
        items: Sequence[ImageJob],
        specs: Sequence[OutputSpec],
        progress: Callable[[int, int, str], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.items = items
        self.specs = specs
        self._progress = progress
        self._cancelled = cancelled
        self._results: list[ProcessedImage | None] = [None] * len(items)
        self._done = 0

    def check_cancelled(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelled(_("Image processing was cancelled; no image was changed."))

    def finish(self, index: int, result: ProcessedImage) -> None:
        self._results[index] = result
        self._done += 1
        if self._progress is not None:
            name = self.items[index].name
            self._progress(self._done, len(self.items), _("Prepared {name}").format(name=name))

    def peek(self, index: int) -> ProcessedImage | None:
        return self._results[index]

    def result(self, index: int) -> ProcessedImage:
        result = self._results[index]
        assert result is not None, "every item is finished before results are read"
        return result


def _keys(items: Sequence[ImageJob], hashed: bool) -> Generator[str, None, None]:
    """Cache keys of ``items`` in order, or just their positions when there is no cache."""
    if not hashed:
        yield from (str(index) for index in range(len(items)))
        return
    # Hashed in threads, since hashlib lets go of the GIL: 20 camera photos are 240 MB.
    workers = min(len(items), os.cpu_count() or 1) or 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as threads:
        yield from threads.map(
            lambda item: ImageCache.key(item.data, item.max_width, item.framing), items
        )


class _Runner:
    """Processes a batch's distinct uncached images: one in the calling thread, more in a pool.

    The pool is a thread pool of its own, or the caller's ``executor`` (which may be a process
    pool: ``convert`` and its arguments can be pickled).

    Use as a context manager: leaving it early cancels what has not started.
    """

    def __init__(self, batch: _Batch, executor: concurrent.futures.Executor | None) -> None:
        self._batch = batch
        self._executor = executor
        self._parallel = executor is not None or (os.cpu_count() or 1) > 1
        self._own_pool: concurrent.futures.ThreadPoolExecutor | None = None
        self._queued: list[list[int]] = []  # images seen before a second one justified a pool
        self._futures: dict[concurrent.futures.Future[ProcessedImage], list[int]] = {}
        self._succeeded = False

    def __enter__(self) -> _Runner:
        return self

    def __exit__(self, *_exc: object) -> None:
        if not self._succeeded:
            for future in self._futures:
                future.cancel()
        if self._own_pool is not None:
            # Wait for the workers only after success (they are idle then); after a cancel
            # or an error, the one image each is busy with is not worth waiting for.
            self._own_pool.shutdown(wait=self._succeeded, cancel_futures=True)

    def add(self, indexes: list[int]) -> None:
        """Process the image of ``indexes`` (identical items) now or in ``finish()``."""
        self._queued.append(indexes)
        if self._parallel and len(self._queued) + len(self._futures) > 1:
            pool = self._pool()
            for queued in self._queued:
                data, _max_width, name, _framing = self._batch.items[queued[0]]
                spec = self._batch.specs[queued[0]]
                self._futures[pool.submit(convert, data, spec, name)] = queued
            self._queued.clear()

    def finish(self) -> None:
        """Wait for every image added, reporting each to the batch as it is done."""
        for indexes in self._queued:
            self._batch.check_cancelled()
            data, _max_width, name, _framing = self._batch.items[indexes[0]]
            result = convert(data, self._batch.specs[indexes[0]], name)
            for index in indexes:
                self._batch.finish(index, result)
        waiting = set(self._futures)
        while waiting:
            # The timeout lets a cancel be noticed while the workers are still busy.
            done, waiting = concurrent.futures.wait(
                waiting, timeout=0.1, return_when=concurrent.futures.FIRST_COMPLETED
            )
            for future in sorted(done, key=lambda f: self._futures[f][0]):
                indexes = self._futures[future]
                result = _future_result(future, self._batch.items[indexes[0]].name)
                for index in indexes:
                    self._batch.finish(index, result)
                self._batch.check_cancelled()
            self._batch.check_cancelled()
        self._succeeded = True

    def _pool(self) -> concurrent.futures.Executor:
        if self._executor is not None:
            return self._executor
        if self._own_pool is None:
            # Threads, not processes: Pillow releases the GIL while it decodes, resizes and
            # encodes, so threads use every core too. Measured on 20 camera photos (2 cores):
            # threads 3.4 s and 343 MB peak; a spawned process pool 4.2 s and 540 MB, since
            # each worker imports Python anew and 240 MB of photos must be pickled to them.
            self._own_pool = concurrent.futures.ThreadPoolExecutor(
                max_workers=os.cpu_count() or 1, thread_name_prefix="images"
            )
        return self._own_pool


def _future_result(future: concurrent.futures.Future[ProcessedImage], name: str) -> ProcessedImage:
    try:
        return future.result()
    except BrokenProcessPool as exc:  # only with a caller's process pool (``executor=``)
        raise ImageError(
            _(
                "The helper process preparing {name} stopped unexpectedly. Try again; if it "
                "happens again, remove that image or export it again as JPEG or PNG."
            ).format(name=name)
        ) from exc
