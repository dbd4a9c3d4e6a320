"""The document and its reversible edits, without Qt: apply, check, revert, check again."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image

from composer.document import Change, ChangeKind, Document, FieldError, with_field, working_copy
from composer.edits import (
    ChangeSettings,
    EditGroup,
    InsertBlock,
    MoveBlock,
    RemoveBlock,
    ReplaceBlock,
)
from composer.images import ImageError
from composer.model import ArticleBlock, Bundle, Newsletter, make_block


@pytest.fixture
def document(sample: Bundle) -> Document:
    return Document(sample)


@pytest.fixture
def events(document: Document) -> list[tuple[str, Change]]:
    """Every event the document announces, in order, as ("before" | "after", change)."""
    seen: list[tuple[str, Change]] = []
    document.about_to_change.connect(lambda change: seen.append(("before", change)))
    document.changed.connect(lambda change: seen.append(("after", change)))
    return seen


def ids(document: Document) -> list[str]:
    return [block.id for block in document.blocks]


def jpeg_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, "JPEG")
    return out.getvalue()


def test_the_core_document_never_imports_qt() -> None:
    # In a fresh interpreter: pytest-qt has already imported Qt into this one.
    code = (
        "import sys, composer.document; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'composer.gui'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- edits: apply, assert, revert, assert ----------------------------------------------------


def test_insert_block_edit(document: Document) -> None:
    before = document.newsletter
    article = make_block("article", headline="Nytt")
    edit = InsertBlock(2, article)
    edit.apply(document)
    assert ids(document) == ["masthead", "planet", article.id, "divider-1", "office", "contact"]
    edit.revert(document)
    assert document.newsletter == before
    edit.apply(document)  # redo after undo gives the same block at the same place
    assert document.block(article.id) == article
    assert document.index_of(article.id) == 2


def test_remove_block_edit(document: Document) -> None:
    before = document.newsletter
    edit = RemoveBlock("office")
    edit.apply(document)
    assert "office" not in document
    assert ids(document) == ["masthead", "planet", "divider-1", "contact"]
    edit.revert(document)
    assert document.newsletter == before
    assert document.index_of("office") == 3


def test_move_block_edit_down_and_up(document: Document) -> None:
    before = document.newsletter
    down = MoveBlock("planet", 3)
    down.apply(document)
    assert ids(document) == ["masthead", "divider-1", "office", "planet", "contact"]
    down.revert(document)
    assert document.newsletter == before
    up = MoveBlock("contact", 0)
    up.apply(document)
    assert ids(document) == ["contact", "masthead", "planet", "divider-1", "office"]
    up.revert(document)
    assert document.newsletter == before


def test_replace_block_edit(document: Document) -> None:
    before = document.newsletter
    old = document.block("planet")
    new = with_field(old, "headline", "Planet i Bryssel")
    edit = ReplaceBlock(old, new)
    edit.apply(document)
    assert isinstance(document.block("planet"), ArticleBlock)
    assert document.block("planet").headline == "Planet i Bryssel"  # type: ignore[attr-defined]
    edit.revert(document)
    assert document.newsletter == before


def test_image_change_is_undone_exactly(document: Document) -> None:
    before = document.newsletter
    ref, info = document.add_image(jpeg_bytes(), "ny-bild.jpg")
    assert (info.width, info.height) == (40, 30)
    old = document.block("planet")
    edit = ReplaceBlock(old, with_field(old, "image", ref))
    edit.apply(document)
    assert document.block("planet").image == ref  # type: ignore[attr-defined]
    edit.revert(document)
    assert document.newsletter == before


def test_change_settings_edit(document: Document) -> None:
    before = document.newsletter
    old = document.settings
    edit = ChangeSettings(old, with_field(old, "organisation.website", "https://example.eu"))
    edit.apply(document)
    assert document.settings.organisation.website == "https://example.eu"
    assert document.blocks == before.blocks
    edit.revert(document)
    assert document.newsletter == before


def test_edit_group_reverts_in_reverse_order(document: Document) -> None:
    before = document.newsletter
    copy = document.block("planet").model_copy(update={"id": "planet-2"})
    group = EditGroup("Duplicate and move", [InsertBlock(2, copy), MoveBlock("planet-2", 0)])
    group.apply(document)
    assert ids(document)[:3] == ["planet-2", "masthead", "planet"]
    group.revert(document)
    assert document.newsletter == before


def test_typing_in_one_field_merges_into_one_edit(document: Document) -> None:
    before = document.newsletter
    edits = []
    for text in ("P", "Pl", "Pla"):
        old = document.block("planet")
        edit = ReplaceBlock(
            old, with_field(old, "headline", text), field="headline", typing_stretch=1
        )
        edit.apply(document)
        edits.append(edit)
    assert edits[0].merge(edits[1])
    assert edits[0].merge(edits[2])
    assert document.block("planet").headline == "Pla"  # type: ignore[attr-defined]
    edits[0].revert(document)
    assert document.newsletter == before


def test_edits_of_other_fields_or_sessions_do_not_merge(document: Document) -> None:
    old = document.block("planet")
    first = ReplaceBlock(old, with_field(old, "headline", "A"), field="headline", typing_stretch=1)
    other_field = ReplaceBlock(
        first.new, with_field(first.new, "category", "B"), field="category", typing_stretch=1
    )
    other_session = ReplaceBlock(
        first.new, with_field(first.new, "headline", "AB"), field="headline", typing_stretch=2
    )
    untyped = ReplaceBlock(first.new, with_field(first.new, "headline", "AB"))
    assert not first.merge(other_field)
    assert not first.merge(other_session)
    assert not first.merge(untyped)
    settings = document.settings
    typed = ChangeSettings(
        settings, with_field(settings, "subject", "x"), field="subject", typing_stretch=1
    )
    assert not first.merge(typed)


def test_typing_then_erasing_leaves_an_empty_edit(document: Document) -> None:
    settings = document.settings
    added = with_field(settings, "subject", settings.subject + "!")
    first = ChangeSettings(settings, added, field="subject", typing_stretch=7)
    second = ChangeSettings(added, settings, field="subject", typing_stretch=7)
    assert first.merge(second)
    assert first.is_empty


# --- events ----------------------------------------------------------------------------------


def test_each_primitive_announces_before_and_after_with_its_initiator(
    document: Document, events: list[tuple[str, Change]]
) -> None:
    editor = object()
    snapshots: list[int] = []
    document.about_to_change.connect(lambda _change: snapshots.append(len(document.blocks)))
    block = make_block("divider")
    document.insert_block(1, block, initiator=editor)
    assert [when for when, _ in events] == ["before", "after"]
    change = events[0][1]
    assert change == events[1][1]
    assert change.kind is ChangeKind.INSERT
    assert (change.index, change.block_id, change.new, change.initiator) == (
        1,
        block.id,
        block,
        editor,
    )
    assert snapshots == [5]  # "before" sees the document unchanged


def test_move_event_says_from_where_to_where(
    document: Document, events: list[tuple[str, Change]]
) -> None:
    document.move_block(1, 3)
    change = events[-1][1]
    assert (change.kind, change.index, change.destination, change.block_id) == (
        ChangeKind.MOVE,
        1,
        3,
        "planet",
    )


def test_replace_and_settings_events_carry_old_and_new(
    document: Document, events: list[tuple[str, Change]]
) -> None:
    old = document.block("office")
    new = with_field(old, "heading", "Om oss")
    document.replace_block(new, initiator="editor")
    assert events[-1][1] == Change(ChangeKind.REPLACE, "editor", 3, 3, "office", old, new)
    old_settings = document.settings
    new_settings = with_field(old_settings, "subject", "Ny rubrik")
    document.set_settings(new_settings)
    assert events[-1][1] == Change(ChangeKind.SETTINGS, None, old=old_settings, new=new_settings)


def test_no_change_announces_nothing(document: Document, events: list[tuple[str, Change]]) -> None:
    document.replace_block(document.block("office"))
    document.set_settings(document.settings)
    document.move_block(2, 2)
    assert events == []


def test_undo_is_announced_without_an_initiator(
    document: Document, events: list[tuple[str, Change]]
) -> None:
    old = document.block("office")
    edit = ReplaceBlock(old, with_field(old, "heading", "Om oss"))
    edit.apply(document, initiator="editor")
    edit.revert(document)
    assert [change.initiator for when, change in events if when == "after"] == ["editor", None]


def test_a_disconnected_listener_hears_nothing_more(document: Document) -> None:
    heard: list[Change] = []
    document.changed.connect(heard.append)
    document.move_block(0, 1)
    document.changed.disconnect(heard.append)
    document.move_block(1, 0)
    assert len(heard) == 1


# --- the primitives refuse what would corrupt the document ------------------------------------


def test_primitives_refuse_bad_positions_and_duplicate_ids(document: Document) -> None:
    with pytest.raises(IndexError):
        document.insert_block(99, make_block("divider"))
    with pytest.raises(IndexError):
        document.remove_block(5)
    with pytest.raises(IndexError):
        document.move_block(0, 5)
    with pytest.raises(ValueError, match="already has a block"):
        document.insert_block(0, make_block("divider", id="office"))
    with pytest.raises(KeyError):
        document.replace_block(make_block("divider", id="nowhere"))
    with pytest.raises(ValueError, match="keeps the block's id"):
        ReplaceBlock(document.block("office"), make_block("text", id="other"))


def test_a_new_document_is_empty() -> None:
    document = Document()
    assert document.newsletter == Newsletter()
    assert document.blocks == ()


# --- fields ----------------------------------------------------------------------------------


def test_with_field_validates_like_loading(document: Document) -> None:
    article = document.block("planet")
    changed = with_field(
        article, "body", '<p onclick="x()">Hej <script>alert(1)</script><b>du</b></p>'
    )
    assert changed.body == "<p>Hej <strong>du</strong></p>"  # type: ignore[attr-defined]
    assert with_field(article, "headline", "Två\nrader").headline == "Två rader"  # type: ignore[attr-defined]
    assert article.headline == "Planet"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("link_url", "www.example.com", "has no scheme: write it as https://www.example.com."),
        ("link_url", "javascript:alert(1)", "is not a link"),
        ("date", "not a date", "Input should be a valid date"),
    ],
)
def test_with_field_refuses_bad_values_with_a_sentence(
    document: Document, path: str, value: str, message: str
) -> None:
    with pytest.raises(FieldError, match=message) as caught:
        with_field(document.block("planet"), path, value)
    assert caught.value.field == path
    assert not str(caught.value).startswith("Value error")


def test_with_field_refuses_a_bad_nested_link(document: Document) -> None:
    with pytest.raises(FieldError, match="not a complete web address"):
        with_field(document.settings, "organisation.website", "https://intranet")
    with pytest.raises(KeyError):
        with_field(document.settings, "organisation.nothing", "x")


# --- images ----------------------------------------------------------------------------------


def test_add_image_stores_it_once_under_its_hash(document: Document) -> None:
    data = jpeg_bytes()
    first, _ = document.add_image(data, "a.jpg")
    second, _ = document.add_image(data, "b.jpg")
    assert first.sha256 == second.sha256
    assert first.extension == "jpg"
    assert document.images.get(first) == working_copy(data)[0]  # the working copy is kept


def test_add_image_refuses_a_non_image_with_the_core_message(document: Document) -> None:
    with pytest.raises(ImageError, match="contains text, not a picture"):
        document.add_image(b"<html><body>not a picture</body></html>", "photo.jpg")
    with pytest.raises(ImageError, match="SVG"):
        document.add_image(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "logo.svg")
