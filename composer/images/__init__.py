"""Image pipeline: camera photos in, small upright metadata-free email images out (pure Pillow).

``probe`` reads a header; ``pipeline.convert`` makes one picture for an ``OutputSpec``;
``process`` and ``process_many`` make email images through an ``ImageCache``.
"""

from __future__ import annotations

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
