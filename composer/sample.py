"""The bundled sample newsletter: North Sweden's November 2012 issue."""

from __future__ import annotations

import json
from typing import Final

from composer.model import Bundle, ImageStore, Newsletter
from composer.package_data import resource

SAMPLE: Final = "samples/north-sweden-2012-11"


def load_sample() -> Bundle:
    """A fresh copy of the sample newsletter with its pictures."""
    folder = resource(SAMPLE)
    newsletter = Newsletter.model_validate(
        json.loads((folder / "document.json").read_text(encoding="utf-8"))
    )
    images = ImageStore()
    for ref in newsletter.image_refs():
        images.data[ref.sha256] = (folder / "images" / ref.filename).read_bytes()
    return Bundle(newsletter, images)
