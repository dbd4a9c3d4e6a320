"""Image pipeline: camera photos in, small upright metadata-free email images out (pure Pillow)."""

from __future__ import annotations

# framing: Framing, the part of a picture shown (the user's crop, else an automatic one);
# spec: OutputSpec, what is asked of a picture; memory: what decoding costs and the process's
# MemoryBudget; probe: a header read, and the refusals; pipeline: one picture made for an
# OutputSpec (convert), or read as convert would (verify); cache: ImageCache; batch: email
# images through the cache, one or many (process, process_many). Other modules import from
# here, not from the submodules.
from composer.images.batch import BatchItem, ImageJob, process, process_many
from composer.images.cache import ImageCache, default_cache_folder
from composer.images.framing import FULL_WIDTH_FROM, TALLEST, WHOLE, Framing, automatic_crop
from composer.images.memory import BUDGET, MEMORY_BUDGET, MemoryBudget
from composer.images.pipeline import (
    ANIMATION_SIZE_LIMIT,
    PIPELINE_VERSION,
    ProcessedImage,
    convert,
    verify,
)
from composer.images.probe import MAX_PIXELS, MAX_TALL, ImageError, ImageInfo, probe
from composer.images.spec import EMAIL_MAX_WIDTH, JPEG_QUALITY, OutputSpec

__all__ = [
    "ANIMATION_SIZE_LIMIT",
    "BUDGET",
    "EMAIL_MAX_WIDTH",
    "FULL_WIDTH_FROM",
    "JPEG_QUALITY",
    "MAX_PIXELS",
    "MAX_TALL",
    "MEMORY_BUDGET",
    "PIPELINE_VERSION",
    "TALLEST",
    "WHOLE",
    "BatchItem",
    "Framing",
    "ImageCache",
    "ImageError",
    "ImageInfo",
    "ImageJob",
    "MemoryBudget",
    "OutputSpec",
    "ProcessedImage",
    "automatic_crop",
    "convert",
    "default_cache_folder",
    "probe",
    "process",
    "process_many",
    "verify",
]
