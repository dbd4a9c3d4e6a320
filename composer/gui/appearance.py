"""The window's look: Fusion with a calm light palette and a small style sheet."""

from __future__ import annotations

from typing import Final

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ACCENT: Final = "#1f5c99"
_TEXT: Final = "#1f2933"
_MUTED: Final = "#5b6672"
_PROBLEM: Final = "#b3261e"

STYLE_SHEET: Final = f"""
QMainWindow, #editorBody, #editorScroll > QWidget > QWidget {{ background: #ffffff; }}
QToolBar#mainToolBar {{ background: #f6f7f9; border: none; border-bottom: 1px solid #dde1e6;
    spacing: 2px; padding: 3px 6px; }}
QToolBar#mainToolBar QToolButton {{ padding: 4px 6px; border-radius: 5px; }}
QToolBar#mainToolBar QToolButton:hover {{ background: #e6e9ee; }}
QToolBar#mainToolBar QToolButton[popupMode="2"] {{ padding-right: 16px; }}
QToolBar#mainToolBar QToolButton::menu-indicator {{ subcontrol-origin: padding;
    subcontrol-position: right center; right: 4px; }}
QSplitter::handle {{ background: #dde1e6; }}
#sidePanel {{ background: #f3f5f7; }}
#sidePanel QListView {{ background: #f3f5f7; border: none; outline: none; }}
#sideHeading {{ color: {_MUTED}; font-size: 8pt; font-weight: 600; letter-spacing: 1px;
    padding: 10px 14px 2px 14px; }}
#settingsButton, #addBlockButton {{ text-align: left; padding: 8px 10px; border: none;
    border-radius: 6px; margin: 0 6px; color: {_TEXT}; }}
#settingsButton:hover, #addBlockButton:hover {{ background: rgba(0, 0, 0, 0.05); }}
#settingsButton:checked {{ background: {ACCENT}; color: #ffffff; }}
#addBlockButton {{ color: {ACCENT}; font-weight: 600; }}
#addBlockButton::menu-indicator {{ image: none; }}
#editorHeader {{ background: #ffffff; border-bottom: 1px solid #e6e9ee; }}
#editorTitle {{ font-size: 14pt; font-weight: 600; color: {_TEXT}; }}
#editorSubtitle, #fieldHint {{ color: {_MUTED}; }}
#fieldHint {{ font-size: 8.5pt; }}
#sectionTitle {{ color: {_MUTED}; font-size: 8pt; font-weight: 700; letter-spacing: 1px;
    padding-top: 8px; border-bottom: 1px solid #eceff2; padding-bottom: 3px; }}
#fieldLabel {{ color: {_TEXT}; font-weight: 600; padding-top: 2px; }}
#fieldProblem {{ color: {_PROBLEM}; }}
#fieldNote {{ color: #7a5a00; }}
QLineEdit, QPlainTextEdit, QTextEdit, QDateEdit, QComboBox {{ border: 1px solid #c9d0d7;
    border-radius: 4px; padding: 4px 6px; background: #ffffff;
    selection-background-color: #bcd4ee; selection-color: {_TEXT}; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QDateEdit:focus, QComboBox:focus {{
    border: 1px solid {ACCENT}; }}
QLineEdit:disabled, QDateEdit:disabled {{ background: #f3f5f7; color: #9aa4ae; }}
*[invalid="true"], *[invalid="true"]:focus {{ border: 1px solid {_PROBLEM};
    background: #fff6f5; }}
#imageDrop {{ border: 1px dashed #c9d0d7; border-radius: 6px; background: #fafbfc; }}
#imageDrop[dropping="true"] {{ border: 2px dashed {ACCENT}; background: #eef4fb; }}
#imageDrop[invalid="true"] {{ border: 1px solid {_PROBLEM}; background: #fff6f5; }}
#imageThumbnail {{ background: #eef1f4; border-radius: 4px; color: {_MUTED}; }}
#imageName {{ font-weight: 600; }}
QToolBar#formatBar {{ border: none; background: transparent; spacing: 1px; padding: 0; }}
QToolBar#formatBar QToolButton {{ padding: 3px; border-radius: 4px; }}
QToolBar#formatBar QToolButton:checked {{ background: #dce7f3; }}
#previewBar {{ background: #f6f7f9; border-bottom: 1px solid #dde1e6; }}
#previewBar QToolButton {{ padding: 3px 7px; border-radius: 5px; }}
#previewBar QToolButton:checked {{ background: #dce7f3; color: {ACCENT}; }}
#previewTabs::tab {{ padding: 6px 12px; border: none; color: {_MUTED}; }}
#previewTabs::tab:selected {{ color: {_TEXT}; border-bottom: 2px solid {ACCENT}; }}
#previewSize {{ color: {_MUTED}; padding-right: 8px; }}
#previewStage {{ background: #eef1f4; }}
#previewStage[mobile="true"] {{ background: #e4e8ec; }}
#previewStage[dark="true"] {{ background: #2a2f35; }}
#phoneBezel {{ background: #1c2024; border-radius: 30px; border: 1px solid #0d0f11; }}
#editorScroll QScrollBar:vertical, #blockList QScrollBar:vertical {{ background: transparent;
    width: 10px; margin: 2px; }}
#editorScroll QScrollBar::handle:vertical, #blockList QScrollBar::handle:vertical {{
    background: #c9d0d7; border-radius: 3px; min-height: 30px; }}
#editorScroll QScrollBar::handle:vertical:hover, #blockList QScrollBar::handle:vertical:hover {{
    background: #aab2bb; }}
#editorScroll QScrollBar::add-line, #editorScroll QScrollBar::sub-line,
#blockList QScrollBar::add-line, #blockList QScrollBar::sub-line {{ height: 0; }}
#editorScroll QScrollBar::add-page, #editorScroll QScrollBar::sub-page,
#blockList QScrollBar::add-page, #blockList QScrollBar::sub-page {{ background: none; }}
#previewProblem {{ background: #fff6f5; color: {_PROBLEM}; padding: 6px 10px;
    border-top: 1px solid #f1c9c5; }}
#emptyEditor {{ color: {_MUTED}; font-size: 11pt; }}
QStatusBar {{ background: #f6f7f9; color: {_MUTED}; border-top: 1px solid #dde1e6; }}
"""


def apply_appearance(app: QApplication) -> None:
    """Give ``app`` the window's style, palette and style sheet."""
    app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f6f7f9"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(_TEXT))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f3f5f7"))
    palette.setColor(QPalette.ColorRole.Text, QColor(_TEXT))
    palette.setColor(QPalette.ColorRole.Button, QColor("#f6f7f9"))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(_TEXT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9aa4ae"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(_TEXT))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    # setColor(role, …) sets the disabled group too: grey it again, or a disabled button
    # (Crop… without a picture) reads as one that works.
    for role in (
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa4ae"))
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)
