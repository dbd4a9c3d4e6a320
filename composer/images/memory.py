"""How much memory preparing a picture takes, and the budget that bounds it for the process."""

from __future__ import annotations

import contextlib
import ctypes
import sys
import threading
from collections.abc import Iterator
from typing import Final

#: The memory all pictures being decoded at once may take together, and so also the most one
#: picture may take: pictures that would need more are refused before decoding. With the
#: program's own ~100 MB (~330 MB for the window and its preview) and a document of up to
#: 100 MB, this keeps a process under about 600 MB whatever the pictures and the cores.
MEMORY_BUDGET: Final = 250_000_000

# Bytes per pixel of the buffers Pillow keeps: one for 1, L and P, two for 16-bit grey, and
# four for every other mode (RGB too: Pillow pads it to four bytes).
_ONE_BYTE: Final = frozenset({"1", "L", "P"})
_TWO_BYTES: Final = frozenset({"I;16", "I;16L", "I;16B", "I;16N"})
# Pillow's WebP reader keeps two canvases in libwebp and one copy as bytes besides the image.
_WEBP_EXTRA: Final = 12
# After decoding, the result itself: turned upright, converted to sRGB and encoded. Measured
# on results of 1200 × 12000: 12 bytes a pixel for a photo encoded as JPEG; 14 to 19 for a
# PNG source, which is also quantized and compared when it has few colours, and otherwise
# encoded both as JPEG and as PNG to keep the smaller.
_RESULT_BYTES: Final = 13
_LOSSLESS_RESULT_BYTES: Final = 20
# The interpreter's own allocations while converting, beyond the pixels.
_OVERHEAD: Final = 4_000_000
# glibc's mallopt parameter, and the size from which every block is mapped on its own.
_M_MMAP_THRESHOLD: Final = -3
_MAPPED_FROM: Final = 1 << 20


def pixel_bytes(mode: str) -> int:
    """Bytes per pixel of a Pillow image of ``mode``."""
    if mode in _ONE_BYTE:
        return 1
    return 2 if mode in _TWO_BYTES else 4


def draft_scale(size: tuple[int, int], target: tuple[int, int]) -> int:
    """By how much libjpeg shrinks a JPEG of ``size`` while decoding it for ``target``.

    The same choice as Pillow's ``JpegImageFile.draft``: 8, 4, 2 or 1, the largest that leaves
    the picture at least as large as ``target``.
    """
    scale = min(size[0] // target[0], size[1] // target[1])
    return next((factor for factor in (8, 4, 2) if scale >= factor), 1)


def conversion_cost(
    fmt: str,
    size: tuple[int, int],
    mode: str,
    alpha: bool,
    target: tuple[int, int] | None,
) -> int:
    """The memory converting one picture takes at its peak, in bytes (``pipeline.convert``).

    A model of the pipeline's steps, not a measurement; the memory benchmark
    (``bench/bench_memory.py``) compares the two.

    Args:
        fmt: our name of the picture's format ("JPEG", "PNG", "GIF", "WEBP").
        size: its size as stored (before any EXIF turn).
        mode: the Pillow mode it decodes to.
        alpha: it has transparency (an alpha channel or a transparent colour): Pillow's
            ``has_transparency_data``.
        target: the size of the result as stored; None when the picture is only decoded,
            the smallest a JPEG can be (``verify``).
    """
    width, height = size
    if fmt == "JPEG":
        scale = draft_scale(size, target or (1, 1))
        width, height = -(-width // scale), -(-height // scale)
    decoded = width * height
    per_pixel = pixel_bytes(mode) + (_WEBP_EXTRA if fmt == "WEBP" else 0)
    if target is None:
        return decoded * per_pixel + _OVERHEAD
    # The copy pipeline._normalise_mode makes: none for the modes it keeps; 16-bit grey goes
    # through two 32-bit copies; 1 becomes L, or LA; palettes and the rest RGB or RGBA.
    if mode in ("RGB", "RGBA", "L", "LA", "CMYK") and (not alpha or mode in ("RGBA", "LA")):
        pass
    elif mode.startswith("I"):
        per_pixel += 8
    elif mode in ("1", "L", "LA", "La"):
        per_pixel += 4 if alpha else 1
    else:
        per_pixel += 4
    result = target[0] * target[1]
    resized = (width, height) != target
    if resized and alpha:
        per_pixel += 4  # Pillow resizes RGBA and LA premultiplied: one more full copy
    # Resizing goes through a picture as wide as the result and as tall as the original.
    resampling = target[0] * height * 4 if resized else 0
    decoding = decoded * per_pixel + resampling + result * 4
    lossless = fmt in ("PNG", "GIF") or alpha
    encoding = result * (_LOSSLESS_RESULT_BYTES if lossless else _RESULT_BYTES)
    return max(decoding, encoding) + _OVERHEAD


class MemoryBudget:
    """A semaphore counted in bytes: each decode waits until the memory it needs is free.

    Requests are admitted in the order they arrive, so a large picture is not kept waiting
    forever by a stream of small ones. A request for more than the whole budget waits until
    nothing else holds any, then runs alone.

    Args:
        limit: the bytes that may be held at once.
    """

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"limit must be positive, not {limit}")
        self.limit = limit
        self._condition = threading.Condition()
        self._held = 0
        self._peak = 0
        self._next_ticket = 0
        self._serving = 0

    @property
    def held(self) -> int:
        """The bytes held now."""
        with self._condition:
            return self._held

    @property
    def peak(self) -> int:
        """The most bytes ever held at once."""
        with self._condition:
            return self._peak

    @property
    def waiting(self) -> int:
        """How many requests are waiting to be admitted."""
        with self._condition:
            return self._next_ticket - self._serving

    @contextlib.contextmanager
    def reserved(self, cost: int) -> Iterator[None]:
        """Hold ``cost`` bytes of the budget for the ``with`` block, waiting for them first."""
        cost = max(0, min(cost, self.limit))
        with self._condition:
            ticket = self._next_ticket
            self._next_ticket += 1
            while ticket != self._serving or self._held + cost > self.limit:
                self._condition.wait()
            self._serving += 1
            self._held += cost
            self._peak = max(self._peak, self._held)
            self._condition.notify_all()  # the next in line may fit beside this one
        try:
            yield
        finally:
            with self._condition:
                self._held -= cost
                self._condition.notify_all()


# One budget for the process: the export's workers, the preview's and the checks' decodes all
# draw on it, so their sum is bounded however many threads ask at once.
BUDGET: Final = MemoryBudget(MEMORY_BUDGET)


def _give_freed_pixels_back() -> None:
    """Make glibc hand large freed blocks back to the system at once, whichever thread freed them.

    By default glibc raises its threshold for mapping a block on its own each time such a
    block is freed, up to 32 MB; Pillow's 16 MB blocks of pixels then come from the arenas of
    the threads that decode, which keep them once the picture is closed, so a process held
    the budget once per worker thread. Measured: three transparent 24-megapixel PNGs
    exported with 555 MB, 370 MB with the threshold fixed at 1 MB. Other C libraries return
    large blocks by themselves.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter runs on
    except (OSError, AttributeError):
        return
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt(_M_MMAP_THRESHOLD, _MAPPED_FROM)


_give_freed_pixels_back()
