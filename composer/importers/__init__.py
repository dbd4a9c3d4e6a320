"""Importers: Word documents, web pages, Markdown and plain text become article blocks."""

from __future__ import annotations

# structure: pasted or converted markup read into pieces (paragraphs, headings, real lists,
# tables by row), and the paste cleaner; article: pieces to article blocks, pictures through
# Document.add_image; word, web_page, text: one source each (mammoth, trafilatura,
# markdown-it-py), their libraries imported only when used; fetch and pictures: downloads on
# request; sources: one entry for all; placement: where the blocks go.
from composer.importers.article import Imported
from composer.importers.placement import append_to, insertion, newsletter_like
from composer.importers.sources import SOURCE_SUFFIXES, import_source
from composer.importers.structure import clean_paste

__all__ = [
    "SOURCE_SUFFIXES",
    "Imported",
    "append_to",
    "clean_paste",
    "import_source",
    "insertion",
    "newsletter_like",
]
