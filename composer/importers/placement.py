"""Where imported blocks go: after a newsletter's blocks, into the open document, or a new one."""

from __future__ import annotations

import datetime as dt

from composer.document import Document
from composer.edits import Edit, EditGroup, InsertBlock
from composer.importers.article import Imported
from composer.model import Bundle, ImageStore, MastheadBlock, Newsletter, new_block_id

__all__ = ["append_to", "insertion", "newsletter_like"]


def append_to(bundle: Bundle, imported: Imported) -> Bundle:
    """``bundle`` with the imported blocks after its own, and their pictures."""
    images = ImageStore({**bundle.images.data, **imported.images.data})
    blocks = (*bundle.newsletter.blocks, *imported.blocks)
    # Validated blocks with fresh ids: nothing for the model's validators to add.
    return Bundle(bundle.newsletter.model_copy(update={"blocks": blocks}), images)


def insertion(document: Document, imported: Imported, index: int, label: str) -> Edit:
    """One undoable action that inserts the imported blocks at ``index`` of ``document``.

    The pictures are kept in the document at once, through ``Document.add_image``, the gate
    every picture passes; they show nowhere until the action is applied.
    """
    for block in imported.blocks:
        for _slot, ref in block.pictures():
            # Working copies already (the import's gate): kept as they are, under their ref.
            document.images.add(imported.images.get(ref), ref.extension, ref.original_name)
    return EditGroup(
        label,
        [InsertBlock(index + offset, block) for offset, block in enumerate(imported.blocks)],
    )


def newsletter_like(template: Bundle, today: dt.date | None = None) -> Bundle:
    """A new, empty issue with the settings of ``template`` (sender, organisation, logo, …).

    What belonged to the template's issue alone (subject, preheader, web version) is left
    empty and the issue is dated ``today``; the masthead is kept with its title only.
    """
    settings = template.newsletter.settings.model_copy(
        update={
            "subject": "",
            "preheader": "",
            "web_version_url": "",
            "issue_date": today or dt.date.today(),
        }
    )
    mastheads = [block for block in template.newsletter.blocks if isinstance(block, MastheadBlock)]
    masthead = (
        mastheads[0].model_copy(update={"id": new_block_id(), "tagline": ""})
        if mastheads
        else MastheadBlock()
    )
    images = ImageStore()
    if settings.logo is not None:
        images.data[settings.logo.sha256] = template.images.get(settings.logo)
    return Bundle(Newsletter(settings=settings, blocks=(masthead,)), images)
