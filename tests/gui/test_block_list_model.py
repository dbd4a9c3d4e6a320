"""The block list model: an honest Qt model that follows the document and asks to move rows."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from composer.checks import Finding, Severity
from composer.document import Document, with_field
from composer.edits import InsertBlock, MoveBlock, RemoveBlock, ReplaceBlock
from composer.gui.block_list_model import (
    MIME_TYPE,
    BlockIdRole,
    BlockListModel,
    BlockRole,
    FindingsRole,
    ImageRole,
    KindNameRole,
)
from composer.gui.open_document import DocumentHolder, OpenDocument
from composer.model import Bundle, make_block


@pytest.fixture
def document(sample: Bundle) -> Document:
    return Document(sample)


@pytest.fixture
def holder(document: Document, qtbot: QtBot) -> DocumentHolder:
    return DocumentHolder(OpenDocument(document))


@pytest.fixture
def model(holder: DocumentHolder) -> BlockListModel:
    return BlockListModel(holder)


def rows(model: BlockListModel) -> list[str]:
    return [model.index(row, 0).data(BlockIdRole) for row in range(model.rowCount())]


def test_the_model_passes_qt_model_tests(model: BlockListModel, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(model, force_py=True)


def test_the_model_stays_consistent_through_every_kind_of_edit(
    model: BlockListModel, document: Document, qtmodeltester: ModelTester
) -> None:
    # The Python model tester watches every signal from here on and checks each change.
    qtmodeltester.check(model, force_py=True)
    edits = [
        InsertBlock(1, make_block("button", label="Anmäl dig")),
        MoveBlock("contact", 0),
        MoveBlock("contact", 4),
        RemoveBlock("office"),
        ReplaceBlock(
            document.block("planet"), with_field(document.block("planet"), "headline", "Ny rubrik")
        ),
    ]
    for edit in edits:
        edit.apply(document)
        assert rows(model) == [block.id for block in document.blocks]
    for edit in reversed(edits):
        edit.revert(document)
        assert rows(model) == [block.id for block in document.blocks]


def test_rows_show_summary_type_and_picture(model: BlockListModel, document: Document) -> None:
    planet = model.index(1, 0)
    assert planet.data(Qt.ItemDataRole.DisplayRole) == "Planet"
    assert planet.data(KindNameRole) == "Article"
    assert planet.data(BlockRole) == document.block("planet")
    assert planet.data(ImageRole) == document.block("planet").image  # type: ignore[attr-defined]
    assert not planet.data(Qt.ItemDataRole.DecorationRole).isNull()
    contact = model.index(4, 0)
    assert contact.data(Qt.ItemDataRole.DisplayRole) == "Mikael Janson"
    assert model.index(2, 0).data(ImageRole) is None


def test_document_events_become_row_signals(
    model: BlockListModel, document: Document, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        document.insert_block(2, make_block("divider"))
    assert inserted.args[1:] == [2, 2]
    with qtbot.waitSignal(model.rowsMoved) as moved:
        document.move_block(4, 1)  # "office" up to position 1
    assert moved.args[1:3] == [4, 4] and moved.args[4] == 1
    with qtbot.waitSignal(model.rowsMoved) as moved:
        document.move_block(1, 3)  # and down again: Qt counts the destination before the move
    assert moved.args[4] == 4
    with qtbot.waitSignal(model.dataChanged) as changed:
        old = document.block("office")
        document.replace_block(with_field(old, "heading", "Om oss"))
    assert changed.args[0].row() == document.index_of("office")
    assert model.index(document.index_of("office"), 0).data() == "Om oss"
    with qtbot.waitSignal(model.rowsRemoved) as removed:
        document.remove_block(0)
    assert removed.args[1:] == [0, 0]


def test_a_drop_asks_for_a_move_and_changes_nothing_itself(
    model: BlockListModel, document: Document, qtbot: QtBot
) -> None:
    before = document.newsletter
    data = model.mimeData([model.index(4, 0)])
    assert json.loads(bytes(data.data(MIME_TYPE).data())) == ["contact"]
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    with qtbot.waitSignal(model.move_requested) as requested:
        assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert requested.args == ["contact", 1]
    assert document.newsletter == before
    # Dropping "planet" below "office" (before row 4) puts it at position 3.
    with qtbot.waitSignal(model.move_requested) as requested:
        model.dropMimeData(
            model.mimeData([model.index(1, 0)]), Qt.DropAction.MoveAction, 4, 0, QModelIndex()
        )
    assert requested.args == ["planet", 3]


def test_a_drop_onto_itself_or_of_foreign_data_is_refused(
    model: BlockListModel, qtbot: QtBot
) -> None:
    with qtbot.assertNotEmitted(model.move_requested):
        own = model.mimeData([model.index(1, 0)])
        assert not model.dropMimeData(own, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
        foreign = QMimeData()
        foreign.setData(MIME_TYPE, QByteArray(b'["nowhere"]'))
        assert not model.canDropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
        text = QMimeData()
        text.setText("planet")
        assert not model.canDropMimeData(text, Qt.DropAction.MoveAction, 0, 0, QModelIndex())


def test_move_rows_from_the_list_view_becomes_a_request(
    model: BlockListModel, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(model.move_requested) as requested:
        assert model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    assert requested.args == ["masthead", 2]


def test_another_document_resets_the_model(
    model: BlockListModel, holder: DocumentHolder, qtbot: QtBot
) -> None:
    other = Document()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        holder.replace(OpenDocument(other))
    assert model.rowCount() == 0
    other.insert_block(0, make_block("text", heading="Hej"))
    assert rows(model) == [other.blocks[0].id]


def finding(severity: Severity, block_id: str | None, message: str = "Något saknas.") -> Finding:
    return Finding(severity, "code", message, block_id, "headline")


def test_blocks_with_errors_or_warnings_are_marked_and_say_so(
    model: BlockListModel, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(model, force_py=True)
    planet = model.row_of("planet")
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.show_findings(
            [
                finding(Severity.ERROR, "planet", "The picture has no description."),
                finding(Severity.WARNING, "planet"),
                finding(Severity.WARNING, "planet"),
                finding(Severity.TIP, "office"),  # a suggestion: no mark
                finding(Severity.ERROR, None),  # the settings: no block to mark
            ]
        )
    assert changed.args[0] == planet
    marks = {row: model.index(row, 0).data(FindingsRole) for row in range(model.rowCount())}
    assert [len(found) for found in marks.values()] == [0, 3, 0, 0, 0]
    assert planet.data(FindingsRole)[0].severity is Severity.ERROR
    assert planet.data(Qt.ItemDataRole.AccessibleTextRole).endswith(", 1 error, 2 warnings")
    tip = planet.data(Qt.ItemDataRole.ToolTipRole)
    assert "(1 error, 2 warnings)" in tip
    assert "Error: The picture has no description." in tip
    # Fixed: the mark goes.
    with qtbot.waitSignal(model.dataChanged):
        model.show_findings([])
    assert planet.data(FindingsRole) == ()
    assert planet.data(Qt.ItemDataRole.AccessibleTextRole) == "Article, Planet"
