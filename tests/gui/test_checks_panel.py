"""The checks panel: lists the findings by severity and takes the user to the field to fix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from composer.checks import Finding, Severity
from composer.gui.checks_panel import ChecksPanel

# Qt's offscreen platform says this whenever a top-level widget is shown; it is no problem of ours.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

FINDINGS = [
    Finding(
        Severity.ERROR,
        "subject-missing",
        "The newsletter has no subject.",
        None,
        "subject",
        "settings (subject)",
    ),
    Finding(
        Severity.ERROR,
        "alt-missing",
        "The picture “IMG_5383.JPG” has no description (alt text).",
        "planet",
        "image_alt",
        "article “Planet”",
    ),
    Finding(
        Severity.WARNING,
        "link-vague",
        "The link text “här” says nothing about where the link leads.",
        "planet",
        "body",
        "article “Planet”",
    ),
    Finding(
        Severity.TIP,
        "html-near-clip",
        "The newsletter is 90 KB of HTML.",
        None,
        None,
        "the whole newsletter",
    ),
]


@pytest.fixture
def panel(qtbot: QtBot) -> ChecksPanel:
    widget = ChecksPanel()
    qtbot.addWidget(widget)
    widget.resize(420, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tree(panel: ChecksPanel) -> QTreeWidget:
    found = panel.findChild(QTreeWidget, "checks")
    assert found is not None
    return found


def rows(panel: ChecksPanel) -> list[tuple[str, list[str]]]:
    """The panel as the user reads it: each group heading with its rows' text."""
    view = tree(panel)
    groups = []
    for index in range(view.topLevelItemCount()):
        group = view.topLevelItem(index)
        assert group is not None
        texts = [finding_item(panel, index, row).text(0) for row in range(group.childCount())]
        groups.append((group.text(0), texts))
    return groups


def finding_item(panel: ChecksPanel, group: int, row: int) -> QTreeWidgetItem:
    top = tree(panel).topLevelItem(group)
    assert top is not None
    item = top.child(row)
    assert item is not None
    return item


def click(qtbot: QtBot, panel: ChecksPanel, item: QTreeWidgetItem) -> None:
    view = tree(panel)
    view.scrollToItem(item)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualItemRect(item).center()
    )


def double_click(qtbot: QtBot, panel: ChecksPanel, item: QTreeWidgetItem) -> None:
    view = tree(panel)
    view.scrollToItem(item)
    centre = view.visualItemRect(item).center()
    # A real double-click starts with a press: item views ignore a lone double-click event.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_the_panel_lists_the_findings_grouped_by_severity(panel: ChecksPanel) -> None:
    panel.show_findings(FINDINGS)
    assert rows(panel) == [
        (
            "Errors – fix before sending (2)",
            [
                "settings (subject)\nThe newsletter has no subject.",
                "article “Planet”\nThe picture “IMG_5383.JPG” has no description (alt text).",
            ],
        ),
        (
            "Warnings (1)",
            ["article “Planet”\nThe link text “här” says nothing about where the link leads."],
        ),
        ("Tips (1)", ["the whole newsletter\nThe newsletter is 90 KB of HTML."]),
    ]
    # Each finding shows its severity's icon.
    assert not finding_item(panel, 0, 0).icon(0).isNull()
    assert (
        finding_item(panel, 0, 0).icon(0).cacheKey() != finding_item(panel, 1, 0).icon(0).cacheKey()
    )


def test_one_click_on_a_finding_asks_for_its_block_and_field(
    qtbot: QtBot, panel: ChecksPanel
) -> None:
    panel.show_findings(FINDINGS)
    with qtbot.waitSignal(panel.finding_activated) as blocker:
        click(qtbot, panel, finding_item(panel, 0, 1))
    assert blocker.args == [
        "planet",
        "image_alt",
        "Error: The picture “IMG_5383.JPG” has no description (alt text).",
    ]


def test_a_double_click_still_goes_to_the_field(qtbot: QtBot, panel: ChecksPanel) -> None:
    panel.show_findings(FINDINGS)
    with qtbot.waitSignals([panel.finding_activated] * 2):
        double_click(qtbot, panel, finding_item(panel, 0, 1))


def test_a_settings_finding_asks_for_the_settings_field(qtbot: QtBot, panel: ChecksPanel) -> None:
    panel.show_findings(FINDINGS)
    with qtbot.waitSignal(panel.finding_activated) as blocker:
        click(qtbot, panel, finding_item(panel, 0, 0))
    assert blocker.args[:2] == ["", "subject"]


def test_a_finding_about_the_whole_newsletter_asks_for_nothing(
    qtbot: QtBot, panel: ChecksPanel
) -> None:
    panel.show_findings(FINDINGS)
    with qtbot.assertNotEmitted(panel.finding_activated):
        click(qtbot, panel, finding_item(panel, 2, 0))
    assert tree(panel).currentItem() is finding_item(panel, 2, 0)


def test_findings_are_read_with_their_severity(panel: ChecksPanel) -> None:
    panel.show_findings(FINDINGS)
    accessible = Qt.ItemDataRole.AccessibleTextRole
    assert finding_item(panel, 0, 0).data(0, accessible) == (
        "Error: The newsletter has no subject. (settings (subject))"
    )
    assert finding_item(panel, 1, 0).data(0, accessible).startswith("Warning: The link text")
    assert finding_item(panel, 2, 0).data(0, accessible).startswith("Tip: The newsletter is")
    # The tooltip says what a click does, where a click goes anywhere.
    assert finding_item(panel, 0, 0).toolTip(0).endswith("Click to go to it.")
    assert finding_item(panel, 2, 0).toolTip(0) == "Tip: The newsletter is 90 KB of HTML."


def test_arrow_keys_move_through_the_findings_without_leaving(
    qtbot: QtBot, panel: ChecksPanel
) -> None:
    panel.show_findings(FINDINGS)
    view = tree(panel)
    view.setFocus()
    view.setCurrentItem(finding_item(panel, 0, 0))
    with qtbot.assertNotEmitted(panel.finding_activated):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentItem() is finding_item(panel, 0, 1)


def test_enter_on_the_current_finding_activates_it(qtbot: QtBot, panel: ChecksPanel) -> None:
    panel.show_findings(FINDINGS)
    view = tree(panel)
    view.setFocus()
    view.setCurrentItem(finding_item(panel, 1, 0))
    with qtbot.waitSignal(panel.finding_activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args[:2] == ["planet", "body"]


def test_double_clicking_a_group_heading_does_nothing(qtbot: QtBot, panel: ChecksPanel) -> None:
    panel.show_findings(FINDINGS)
    heading = tree(panel).topLevelItem(0)
    assert heading is not None
    with qtbot.assertNotEmitted(panel.finding_activated):
        double_click(qtbot, panel, heading)
    assert heading.isExpanded()


def test_counts_are_announced_for_the_status_bar(qtbot: QtBot, panel: ChecksPanel) -> None:
    with qtbot.waitSignal(panel.counts_changed) as blocker:
        panel.show_findings(FINDINGS)
    assert blocker.args == [2, 1, 1]
    assert panel.counts() == (2, 1, 1)
    with qtbot.waitSignal(panel.counts_changed) as blocker:
        panel.show_findings([])
    assert blocker.args == [0, 0, 0]


def test_no_findings_says_the_newsletter_is_ready(panel: ChecksPanel) -> None:
    message = panel.findChild(QLabel, "checks-empty")
    assert message is not None
    assert message.isVisible()  # before the first run: "not run yet"
    panel.show_findings([])
    assert message.isVisible()
    assert message.text() == "No problems found: the newsletter is ready to send."
    assert not tree(panel).isVisible()
    panel.show_findings(FINDINGS)
    assert tree(panel).isVisible()
    assert not message.isVisible()


def test_a_rerun_keeps_the_selected_finding_selected(panel: ChecksPanel) -> None:
    # The window re-runs the checks after every edit; the user's place must not jump.
    panel.show_findings(FINDINGS)
    tree(panel).setCurrentItem(finding_item(panel, 1, 0))
    panel.show_findings(FINDINGS[1:])  # the subject was fixed meanwhile
    current = tree(panel).currentItem()
    assert current is not None
    assert current.text(0).endswith("says nothing about where the link leads.")


def test_long_messages_wrap_to_the_panels_width(qtbot: QtBot, panel: ChecksPanel) -> None:
    message = " ".join(["Beskriv med några ord vad bilden visar."] * 8)
    panel.show_findings([Finding(Severity.ERROR, "alt-missing", message, "p", "image_alt", "x")])
    item = finding_item(panel, 0, 0)
    line = tree(panel).fontMetrics().lineSpacing()
    panel.resize(300, 600)
    qtbot.waitUntil(lambda: tree(panel).visualItemRect(item).height() > 6 * line)
    narrow = tree(panel).visualItemRect(item).height()
    # Wider, the same text needs fewer lines: heights follow the dock's width.
    panel.resize(900, 600)
    qtbot.waitUntil(lambda: tree(panel).visualItemRect(item).height() < narrow)
