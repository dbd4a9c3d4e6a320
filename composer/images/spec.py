"""What the pipeline is asked to make: how large the result may be, and how finely encoded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from composer.images.framing import WHOLE, Framing
from composer.model import PIXEL_DENSITY

#: JPEG quality of email images: at PIXEL_DENSITY times the display width, 80 looks like 95.
JPEG_QUALITY: Final = 80
#: The widest an email image is made: a picture across the whole 600-pixel layout.
EMAIL_MAX_WIDTH: Final = 600 * PIXEL_DENSITY


@dataclass(frozen=True)
class OutputSpec:
    """How large the pipeline's result may be, and how finely a photo is compressed.

    An email image is bounded by its width only: ``OutputSpec(slot_width * PIXEL_DENSITY)``.
    Equal width and height bound the long edge, whichever way the picture is turned:
    ``OutputSpec(2400, 2400, jpeg_quality=90)``. The bounds apply to the part ``framing``
    shows, which is cut from the upright original before it is scaled.

    Attributes:
        max_width: the widest the result may be, in pixels.
        max_height: the tallest the result may be, in pixels; None for no limit.
        jpeg_quality: Pillow's quality (1 to 95) for results encoded as JPEG.
        framing: the part of the picture shown; the whole picture by default.

    Raises:
        ValueError: a bound or the quality is out of range (a caller's mistake).
    """

    max_width: int
    max_height: int | None = None
    jpeg_quality: int = JPEG_QUALITY
    framing: Framing = WHOLE

    def __post_init__(self) -> None:
        # A caller's mistake, not the user's: ValueError, not ImageError.
        if self.max_width < 1:
            raise ValueError(f"max_width must be positive, not {self.max_width}")
        if self.max_height is not None and self.max_height < 1:
            raise ValueError(f"max_height must be positive, not {self.max_height}")
        if not 1 <= self.jpeg_quality <= 95:
            # Pillow's own advice: above 95 the file grows and the picture does not improve.
            raise ValueError(f"jpeg_quality must be from 1 to 95, not {self.jpeg_quality}")

    def fit(self, size: tuple[int, int]) -> tuple[int, int]:
        """``size`` scaled down, keeping its proportions, to within the bounds; never up."""
        width, height = size
        if width <= self.max_width and (self.max_height is None or height <= self.max_height):
            return size
        if self.max_height is None or width * self.max_height >= height * self.max_width:
            return self.max_width, max(1, round(height * self.max_width / width))
        return max(1, round(width * self.max_height / height)), self.max_height
