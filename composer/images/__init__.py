"""Image pipeline: camera photos in, small upright metadata-free email images out (pure Pillow)."""

from __future__ import annotations

# probe: a header read, and the refusals; pipeline: one picture made for an OutputSpec
# (convert); cache: ImageCache; batch: email images through the cache, one or many (process,
# process_many). Other modules import from here, not from the submodules.
from composer.images.batch import process, process_many
from composer.images.cache import ImageCache, default_cache_folder
from composer.images.pipeline import (
    ANIMATION_SIZE_LIMIT,
    JPEG_QUALITY,
    PIPELINE_VERSION,
    OutputSpec,
    ProcessedImage,
    convert,
)
from composer.images.probe import MAX_PIXELS, ImageError, ImageInfo, probe

__all__ = [
    "ANIMATION_SIZE_LIMIT",
    "JPEG_QUALITY",
    "MAX_PIXELS",
    "PIPELINE_VERSION",
    "ImageCache",
    "ImageError",
    "ImageInfo",
    "OutputSpec",
    "ProcessedImage",
    "convert",
    "default_cache_folder",
    "probe",
    "process",
    "process_many",
]
