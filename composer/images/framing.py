"""Which part of a picture is shown: the user's crop, else an automatic one for tall photos."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Final

from composer.model import MIN_CROP, Crop, FocalPoint, ImageRef

#: Pictures shown at least this wide, in CSS pixels, fill the layout's width: the themes'
#: article and picture slots (512 and 600). Logos (at most 300) and contact photos (at most
#: 200, as the themes bound them) are narrower and never cropped automatically.
FULL_WIDTH_FROM: Final = 400
#: The tallest a full-width picture is shown, as height over width, unless the user crops it
#: otherwise: 4:5, as social media show portrait photos. A 3:4 camera portrait 600 pixels wide
#: would be 800 tall, more than a phone's screen; 4:5 keeps it at 750.
TALLEST: Final = Fraction(5, 4)


def automatic_crop(
    size: tuple[int, int], focus: FocalPoint | None, tallest: Fraction
) -> Crop | None:
    """The crop of an upright picture ``size`` big to at most ``tallest`` times its width.

    The crop keeps the whole width and is centred on ``focus`` (None: the centre) as far as
    the picture allows.

    Returns:
        None when the picture is not taller than that.
    """
    width, height = size
    if height * tallest.denominator <= width * tallest.numerator:
        return None
    # Never less than the smallest crop; only pictures the pipeline refuses as too tall
    # (MAX_TALL) would need less.
    share = max(MIN_CROP, float(width * tallest / height))
    middle = focus.y if focus is not None else 0.5
    top = min(max(0.0, middle - share / 2), 1.0 - share)
    return Crop(left=0.0, top=top, width=1.0, height=share)


@dataclass(frozen=True)
class Framing:
    """How a picture is framed in one slot: what the pipeline and the layout both follow.

    Attributes:
        crop: the user's crop; None for none.
        focus: the focal point of an automatic crop; None for the centre.
        tallest: the tallest the picture is shown (height over width) when the user has not
            cropped it; None for no limit.
    """

    crop: Crop | None = None
    focus: FocalPoint | None = None
    tallest: Fraction | None = None

    @classmethod
    def of(cls, ref: ImageRef, display_width: int) -> Framing:
        """The framing of ``ref`` shown ``display_width`` CSS pixels wide."""
        return cls.chosen(ref.crop, ref.focus, display_width)

    @classmethod
    def chosen(cls, crop: Crop | None, focus: FocalPoint | None, display_width: int) -> Framing:
        """The framing of a picture cropped and focused so, shown ``display_width`` wide."""
        if crop is not None:
            return cls(crop=crop)
        tallest = TALLEST if display_width >= FULL_WIDTH_FROM else None
        return cls(focus=focus if tallest is not None else None, tallest=tallest)

    def crop_for(self, size: tuple[int, int]) -> Crop | None:
        """The crop of an upright picture ``size`` big; None to show it whole."""
        if self.crop is not None:
            return self.crop
        if self.tallest is None:
            return None
        return automatic_crop(size, self.focus, self.tallest)

    def shown_size(self, size: tuple[int, int]) -> tuple[int, int]:
        """The size, in pixels, of the part shown of an upright picture ``size`` big."""
        crop = self.crop_for(size)
        if crop is None:
            return size
        left, top, right, bottom = crop.box(size)
        return right - left, bottom - top

    @property
    def key(self) -> str:
        """A short text that tells framings apart in cache keys and URLs; "" for none."""
        parts = []
        if self.crop is not None:
            crop = self.crop
            parts.append(f"c{crop.left:.9g},{crop.top:.9g},{crop.width:.9g},{crop.height:.9g}")
        if self.focus is not None:
            parts.append(f"f{self.focus.x:.9g},{self.focus.y:.9g}")
        if self.tallest is not None:
            parts.append(f"t{self.tallest.numerator}:{self.tallest.denominator}")
        return "-".join(parts)


#: The whole picture, as it is: no crop, no limit.
WHOLE: Final = Framing()
