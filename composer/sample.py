"""The bundled example newsletters: North Sweden's November 2012 issue, and a showcase of
every block type and option."""

from __future__ import annotations

import json
from typing import Final

from composer.i18n import N_
from composer.model import Bundle, ImageStore, Newsletter
from composer.package_data import resource

#: Each bundled example by its name on the command line: its folder and what it is.
EXAMPLES: Final = {
    "north-sweden": ("samples/north-sweden-2012-11", N_("North Sweden's November 2012 issue")),
    "showcase": ("samples/showcase", N_("Every block type and option, in one newsletter")),
}
#: The example ``sample`` writes and the window opens when none is named.
DEFAULT_EXAMPLE: Final = "north-sweden"
SAMPLE: Final = EXAMPLES[DEFAULT_EXAMPLE][0]


def load_sample(example: str = DEFAULT_EXAMPLE) -> Bundle:
    """A fresh copy of the bundled ``example`` (one of EXAMPLES) with its pictures.

    Raises:
        KeyError: there is no such example.
    """
    folder = resource(EXAMPLES[example][0])
    newsletter = Newsletter.model_validate(
        json.loads((folder / "document.json").read_text(encoding="utf-8"))
    )
    images = ImageStore()
    for ref in newsletter.image_refs():
        images.data[ref.sha256] = (folder / "images" / ref.filename).read_bytes()
    return Bundle(newsletter, images)
