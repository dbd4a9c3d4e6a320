"""The one hierarchy of errors the program reports to its user."""

from __future__ import annotations


class ComposerError(Exception):
    """Base of every error the program reports to the user.

    Its message is a full sentence: what failed, on which file or block, and what to do.
    """


class DocumentLoadError(ComposerError):
    """A .newsletter file could not be read; the file itself is left untouched."""


class DocumentSaveError(ComposerError):
    """A .newsletter file could not be written; the previous file is left untouched."""


class ReadOnlyFileError(DocumentSaveError):
    """The file (or its folder) may not be written; saving under another name still can be."""


class FileChangedOnDiskError(DocumentSaveError):
    """Another program changed the file since it was opened or last saved; nothing was written."""


class RenderError(ComposerError):
    """The newsletter could not be turned into HTML or text."""


class ExportError(ComposerError):
    """An export could not be written; nothing half-written is left behind."""


class ExportCancelled(ComposerError):
    """The user cancelled a long export or image batch."""


class ImportSourceError(ComposerError):
    """A file or web page could not be imported; the newsletter is left as it was."""


class SendError(ComposerError):
    """A test mail could not be sent; the message says why and what to check."""


class RecoveryError(ComposerError):
    """The recovery copy of an open document could not be written; the document is unchanged."""


class SpellingError(ComposerError):
    """A spelling dictionary or the user's word list could not be read or written."""
