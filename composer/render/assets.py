"""Image sources: the resolver each target gives the render, and the size a picture is shown at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from composer.model import ImageRef, ImageStore


@dataclass(frozen=True)
class ResolvedImage:
    """Where an image is found and the size it is shown at, in CSS pixels."""

    src: str
    width: int
    height: int


class AssetResolver(Protocol):
    """Decides the ``src`` of each image for one target: preview, export folder or .eml."""

    def __call__(self, ref: ImageRef, display_width: int) -> ResolvedImage:
        """Resolve ``ref`` shown in a slot ``display_width`` pixels wide."""
        ...


def display_size(natural: tuple[int, int], slot_width: int) -> tuple[int, int]:
    """The width and height attributes of an image ``natural`` pixels big in ``slot_width``.

    Images are never enlarged beyond their own width; the height keeps the proportions.
    """
    width, height = natural
    shown = max(1, min(slot_width, width))
    return shown, max(1, round(height * shown / max(1, width)))


@dataclass
class StoreResolver:
    """Resolves images of an ImageStore with a caller-given ``src`` scheme.

    Args:
        images: the document's images.
        src_for: builds the ``src`` for an image and its display width.
    """

    images: ImageStore
    src_for: Callable[[ImageRef, int], str]
    _sizes: dict[str, tuple[tuple[int, int], bool]] = field(default_factory=dict)

    def __call__(self, ref: ImageRef, display_width: int) -> ResolvedImage:
        """Resolve ``ref``, cropped as it is made; missing or unreadable images are 4:3."""
        from composer.images import WHOLE, Framing

        known = self._sizes.get(ref.sha256)
        if known is None:
            known = _natural_size(self.images, ref)
            self._sizes[ref.sha256] = known
        natural, kept_whole = known
        framing = WHOLE if kept_whole else Framing.of(ref, display_width)
        width, height = display_size(framing.shown_size(natural), display_width)
        return ResolvedImage(self.src_for(ref, display_width), width, height)


def _natural_size(images: ImageStore, ref: ImageRef) -> tuple[tuple[int, int], bool]:
    """The upright size of ``ref``, and whether it is kept whole (an animated GIF)."""
    from composer.errors import ComposerError
    from composer.images import probe

    try:
        info = probe(images.get(ref), ref.original_name or ref.filename)
    except (KeyError, ComposerError):
        return (1200, 900), False
    return (info.width, info.height), info.animated and info.format == "GIF"


def relative_resolver(images: ImageStore, folder: str = "images") -> StoreResolver:
    """Image ``src`` values relative to the HTML file, for a quick render without export."""
    return StoreResolver(images, lambda ref, _width: f"{folder}/{ref.filename}")
