"""The window's look: the system's light, dark or high-contrast colours, and a small style sheet.

Light and dark systems get a calm scheme of ours (``LIGHT``, ``DARK``), chosen by the system's
colour scheme; a high-contrast system keeps its own palette and style, and our style sheet then
adds only what it must (a visible focus ring, font sizes), in the system's colours. Every
colour of the style sheet comes from the scheme, and ``CONTRAST_RULES`` says which pairs must
contrast how much (WCAG 2.1: text 4.5:1, parts of the interface and their states 3:1); a test
checks the table for both schemes. Font sizes are relative to the application font, so a
larger system font or a 200 % scale enlarges everything alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from composer.render import contrast_ratio, mix, relative_luminance

#: The accent of the light scheme (also the default accent of a newsletter).
ACCENT: Final = "#1f5c99"
#: How opaque the second line of a block row is (``block_list_view``); checked for contrast.
ROW_SECOND_LINE_ALPHA: Final = 170


@dataclass(frozen=True)
class Scheme:
    """The colours of the window, each named for its role."""

    window: str
    panel: str
    base: str
    text: str
    muted: str
    placeholder: str
    disabled_text: str
    disabled_base: str
    accent: str
    on_accent: str
    highlight: str
    highlighted_text: str
    selection: str
    border: str
    divider: str
    hover: str
    focus: str
    toggle_on: str
    toggle_border: str
    scrollbar: str
    scrollbar_hover: str
    problem: str
    problem_base: str
    note: str
    stage: str
    tooltip_base: str
    dark: bool


LIGHT: Final = Scheme(
    window="#f6f7f9",
    panel="#f3f5f7",
    base="#ffffff",
    text="#1f2933",
    muted="#5b6672",
    placeholder="#66707b",
    disabled_text="#6b7580",
    disabled_base="#f3f5f7",
    accent=ACCENT,
    on_accent="#ffffff",
    highlight="#174a7c",
    highlighted_text="#ffffff",
    selection="#bcd4ee",
    border="#7b8591",
    divider="#dde1e6",
    hover="#e6e9ee",
    focus=ACCENT,
    toggle_on="#dce7f3",
    # Grey, not the accent: a checked toggle must not look like one with the focus.
    toggle_border="#5b6672",
    scrollbar="#7b8591",
    scrollbar_hover="#5b6672",
    problem="#b3261e",
    problem_base="#fff6f5",
    note="#7a5a00",
    stage="#eef1f4",
    tooltip_base="#ffffff",
    dark=False,
)

DARK: Final = Scheme(
    window="#1e2227",
    panel="#23282e",
    base="#16191d",
    text="#e6e9ee",
    muted="#aab4bf",
    placeholder="#9aa5b1",
    disabled_text="#8d97a2",
    disabled_base="#23282e",
    accent="#8cbcf0",
    on_accent="#0d1b2a",
    highlight="#a8cdf4",
    highlighted_text="#0d1b2a",
    selection="#2f4f75",
    border="#7d8894",
    divider="#343b43",
    hover="#2c3239",
    focus="#8cbcf0",
    toggle_on="#24384f",
    toggle_border="#aab4bf",
    scrollbar="#7d8894",
    scrollbar_hover="#aab4bf",
    problem="#ff8a80",
    problem_base="#3a1f1e",
    note="#e8c35a",
    stage="#2a2f35",
    tooltip_base="#2c3239",
    dark=True,
)


@dataclass(frozen=True)
class ContrastRule:
    """Two colours of a scheme that must contrast: ``what`` says where they meet."""

    what: str
    foreground: str
    background: str
    minimum: float
    #: The foreground's opacity over the background (1 for solid colours).
    alpha: float = 1.0


TEXT: Final = 4.5
PART: Final = 3.0

#: Every pair the window shows, as named by the scheme's fields.
CONTRAST_RULES: Final = (
    ContrastRule("text in a field", "text", "base", TEXT),
    ContrastRule("text on the window", "text", "window", TEXT),
    ContrastRule("text on the side panel", "text", "panel", TEXT),
    ContrastRule("text on a hovered button", "text", "hover", TEXT),
    ContrastRule("hints and headings", "muted", "base", TEXT),
    ContrastRule("side headings", "muted", "panel", TEXT),
    ContrastRule("status bar", "muted", "window", TEXT),
    ContrastRule("placeholder text", "placeholder", "base", TEXT),
    ContrastRule("selected text in a field", "text", "selection", TEXT),
    ContrastRule("selected block, first line", "highlighted_text", "highlight", TEXT),
    ContrastRule(
        "selected block, second line",
        "highlighted_text",
        "highlight",
        TEXT,
        ROW_SECOND_LINE_ALPHA / 255,
    ),
    ContrastRule("block, second line", "text", "panel", TEXT, ROW_SECOND_LINE_ALPHA / 255),
    ContrastRule("accent text (Add block, links)", "accent", "panel", TEXT),
    ContrastRule("accent text on a field", "accent", "base", TEXT),
    ContrastRule("checked settings button", "on_accent", "accent", TEXT),
    ContrastRule("checked toggle text", "accent", "toggle_on", TEXT),
    ContrastRule("checked toggle's border", "toggle_border", "window", PART),
    ContrastRule("problem text", "problem", "base", TEXT),
    ContrastRule("problem text on its band", "problem", "problem_base", TEXT),
    ContrastRule("note text", "note", "base", TEXT),
    ContrastRule("tooltip", "text", "tooltip_base", TEXT),
    ContrastRule("field border", "border", "base", PART),
    ContrastRule("field border on the window", "border", "window", PART),
    ContrastRule("drop zone border", "border", "base", PART),
    ContrastRule("invalid field border", "problem", "problem_base", PART),
    ContrastRule("focus ring on a field", "focus", "base", PART),
    ContrastRule("focus ring on the window", "focus", "window", PART),
    ContrastRule("focus ring on the side panel", "focus", "panel", PART),
    ContrastRule("focus ring on a checked toggle", "focus", "toggle_on", PART),
    ContrastRule("scroll bar", "scrollbar", "base", PART),
    ContrastRule("scroll bar on the side panel", "scrollbar", "panel", PART),
    ContrastRule("hovered scroll bar", "scrollbar_hover", "base", PART),
    ContrastRule("selected block against the list", "highlight", "panel", PART),
)


def blend(foreground: str, alpha: float, background: str) -> str:
    """``foreground`` drawn at opacity ``alpha`` over ``background``, as ``#rrggbb``."""
    return mix(background, foreground, alpha)


def rule_contrast(scheme: Scheme, rule: ContrastRule) -> float:
    """The contrast ``rule`` has in ``scheme``."""
    background = getattr(scheme, rule.background)
    foreground = blend(getattr(scheme, rule.foreground), rule.alpha, background)
    return contrast_ratio(foreground, background)


def palette_for(scheme: Scheme) -> QPalette:
    """The widgets' palette of ``scheme``."""
    roles = QPalette.ColorRole
    palette = QPalette()
    for role, colour in (
        (roles.Window, scheme.window),
        (roles.WindowText, scheme.text),
        (roles.Base, scheme.base),
        (roles.AlternateBase, scheme.panel),
        (roles.Text, scheme.text),
        (roles.Button, scheme.window),
        (roles.ButtonText, scheme.text),
        (roles.BrightText, scheme.problem),
        (roles.Highlight, scheme.highlight),
        (roles.HighlightedText, scheme.highlighted_text),
        (roles.PlaceholderText, scheme.placeholder),
        (roles.ToolTipBase, scheme.tooltip_base),
        (roles.ToolTipText, scheme.text),
        (roles.Link, scheme.accent),
        (roles.LinkVisited, scheme.accent),
        (roles.Mid, scheme.border),
        (roles.Dark, scheme.border),
        (roles.Midlight, scheme.divider),
        (roles.Light, scheme.base),
        (roles.Shadow, scheme.text),
    ):
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor(scheme.disabled_text))
    palette.setColor(disabled, roles.Base, QColor(scheme.disabled_base))
    return palette


def scheme_of_palette(palette: QPalette) -> Scheme:
    """A scheme in the colours of a system palette (a high-contrast theme's, say).

    Only what the style sheet must draw is taken over; the rest is the palette's own.
    """
    roles = QPalette.ColorRole

    def colour(role: QPalette.ColorRole) -> str:
        return palette.color(role).name()

    text, base, window = colour(roles.Text), colour(roles.Base), colour(roles.Window)
    return Scheme(
        window=window,
        panel=window,
        base=base,
        text=text,
        muted=text,
        placeholder=colour(roles.PlaceholderText),
        disabled_text=palette.color(QPalette.ColorGroup.Disabled, roles.Text).name(),
        disabled_base=base,
        accent=colour(roles.Link),
        on_accent=colour(roles.HighlightedText),
        highlight=colour(roles.Highlight),
        highlighted_text=colour(roles.HighlightedText),
        selection=colour(roles.Highlight),
        border=text,
        divider=text,
        hover=window,
        focus=colour(roles.Highlight),
        toggle_on=colour(roles.Highlight),
        toggle_border=text,
        scrollbar=text,
        scrollbar_hover=text,
        problem=text,
        problem_base=base,
        note=text,
        stage=window,
        tooltip_base=colour(roles.ToolTipBase),
        dark=relative_luminance(window) < 0.2,
    )


def style_sheet(scheme: Scheme, point_size: float, high_contrast: bool = False) -> str:
    """The window's style sheet in ``scheme``, its fonts relative to ``point_size``.

    Args:
        scheme: the colours.
        point_size: the application font's size, in points.
        high_contrast: keep the system's own look: only focus rings, fonts and the marks
            of state (invalid, dropping) are added, in the system's colours.
    """
    s = scheme

    def pt(factor: float) -> str:
        return f"{point_size * factor:.1f}pt"

    # A focus ring everyone can see: 2 px in the focus colour (3:1 against every background
    # it is drawn on, see CONTRAST_RULES). Widgets keep a transparent 2 px border when not
    # focused, so that taking the focus does not move their contents.
    focus = f"""
QToolButton, QPushButton, QCheckBox, QRadioButton {{ border: 2px solid transparent; }}
QToolButton:focus, QPushButton:focus, QCheckBox:focus, QRadioButton:focus,
QListView:focus, QTreeView:focus, QTabBar:focus, QAbstractScrollArea#plainTextPreview:focus,
QAbstractScrollArea#sourcePreview:focus {{
    border: 2px solid {s.focus}; }}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox {{ border: 1px solid {s.border};
    border-radius: 4px; padding: 4px 6px; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus {{
    border: 2px solid {s.focus}; padding: 3px 5px; }}
QPushButton {{ border-radius: 4px; padding: 3px 10px; border: 1px solid {s.border};
    background: {s.window}; color: {s.text}; }}
QPushButton:hover {{ background: {s.hover}; }}
QPushButton:focus {{ border: 2px solid {s.focus}; padding: 2px 9px; }}
QPushButton:disabled {{ color: {s.disabled_text}; }}
QCheckBox, QRadioButton {{ border-radius: 4px; padding: 1px 2px; }}
*[invalid="true"], *[invalid="true"]:focus {{ border: 2px solid {s.problem};
    padding: 3px 5px; background: {s.problem_base}; }}
#fieldHint {{ font-size: {pt(0.92)}; }}
#editorTitle {{ font-size: {pt(1.45)}; font-weight: 600; }}
#sideHeading, #sectionTitle {{ font-size: {pt(0.9)}; font-weight: 700; }}
#emptyEditor {{ font-size: {pt(1.1)}; }}
#fieldLabel {{ font-weight: 600; }}
#imageDrop {{ border: 1px dashed {s.border}; border-radius: 6px; }}
#calendarButton {{ padding: 2px 8px; }}
#calendarButton::menu-indicator {{ image: none; width: 0; }}
#imageDrop[dropping="true"] {{ border: 2px dashed {s.focus}; }}
#imageDrop[invalid="true"] {{ border: 2px solid {s.problem}; }}
"""
    if high_contrast:
        return focus
    return (
        focus
        + f"""
QMainWindow, #editorBody, #editorScroll > QWidget > QWidget {{ background: {s.base}; }}
QToolBar#mainToolBar {{ background: {s.window}; border: none;
    border-bottom: 1px solid {s.divider}; spacing: 2px; padding: 3px 6px; }}
QToolBar#mainToolBar QToolButton {{ padding: 2px 4px; border-radius: 5px; }}
QToolBar#mainToolBar QToolButton:hover {{ background: {s.hover}; }}
QToolBar#mainToolBar QToolButton:focus {{ border: 2px solid {s.focus}; }}
QToolBar#mainToolBar QToolButton[popupMode="2"] {{ padding-right: 16px; }}
QToolBar#mainToolBar QToolButton::menu-indicator {{ subcontrol-origin: padding;
    subcontrol-position: right center; right: 4px; }}
QSplitter::handle {{ background: {s.divider}; }}
#sidePanel {{ background: {s.panel}; }}
#sidePanel QListView {{ background: {s.panel}; border: 2px solid transparent; outline: none; }}
#sidePanel QListView:focus {{ border: 2px solid {s.focus}; }}
#sideHeading {{ color: {s.muted}; letter-spacing: 1px; padding: 10px 14px 2px 14px; }}
#settingsButton, #addBlockButton {{ text-align: left; padding: 6px 8px;
    border: 2px solid transparent; border-radius: 6px; margin: 0 6px; color: {s.text}; }}
#settingsButton:hover, #addBlockButton:hover {{ background: {s.hover}; }}
#settingsButton:checked {{ background: {s.accent}; color: {s.on_accent}; }}
#settingsButton:focus, #addBlockButton:focus {{ border: 2px solid {s.focus}; }}
#settingsButton:checked:focus {{ border: 2px solid {s.text}; }}
#addBlockButton {{ color: {s.accent}; font-weight: 600; }}
#addBlockButton::menu-indicator {{ image: none; }}
#editorHeader {{ background: {s.base}; border-bottom: 1px solid {s.divider}; }}
#editorTitle {{ color: {s.text}; }}
#editorSubtitle, #fieldHint {{ color: {s.muted}; }}
#sectionTitle {{ color: {s.muted}; letter-spacing: 1px; padding-top: 8px;
    border-bottom: 1px solid {s.divider}; padding-bottom: 3px; }}
#fieldLabel {{ color: {s.text}; padding-top: 2px; }}
#fieldProblem {{ color: {s.problem}; }}
#fieldNote {{ color: {s.note}; }}
QLineEdit, QPlainTextEdit, QTextEdit, QDateEdit, QComboBox {{ background: {s.base};
    color: {s.text}; selection-background-color: {s.selection}; selection-color: {s.text}; }}
QLineEdit:disabled, QDateEdit:disabled {{ background: {s.disabled_base};
    color: {s.disabled_text}; }}
#imageDrop {{ background: {s.base}; }}
#imageDrop[dropping="true"] {{ background: {s.toggle_on}; }}
#imageDrop[invalid="true"] {{ background: {s.problem_base}; }}
#imageThumbnail {{ background: {s.stage}; border-radius: 4px; color: {s.muted}; }}
#imageName {{ font-weight: 600; }}
QToolBar#formatBar {{ border: none; background: transparent; spacing: 1px; padding: 0; }}
QToolBar#formatBar QToolButton {{ padding: 1px; border-radius: 4px; }}
QToolBar#formatBar QToolButton:checked {{ background: {s.toggle_on};
    border: 1px solid {s.toggle_border}; padding: 2px; }}
#previewBar {{ background: {s.window}; border-bottom: 1px solid {s.divider}; }}
#previewBar QToolButton {{ padding: 1px 5px; border-radius: 5px; color: {s.text}; }}
#previewBar QToolButton:hover {{ background: {s.hover}; }}
#previewBar QToolButton:checked {{ background: {s.toggle_on}; color: {s.accent};
    border: 1px solid {s.toggle_border}; padding: 2px 6px; }}
#previewBar QToolButton:focus, #previewBar QToolButton:checked:focus {{
    border: 2px solid {s.focus}; padding: 1px 5px; }}
#previewTabs::tab {{ padding: 6px 12px; border: none; color: {s.muted}; }}
#previewTabs::tab:selected {{ color: {s.text}; border-bottom: 2px solid {s.accent}; }}
#previewTabs {{ border: 2px solid transparent; border-radius: 4px; }}
#previewTabs:focus {{ border: 2px solid {s.focus}; }}
#previewSize {{ color: {s.muted}; padding-right: 8px; }}
#previewStage {{ background: {s.stage}; }}
#previewStage[mobile="true"] {{ background: {s.stage}; }}
#previewStage[dark="true"] {{ background: {DARK.stage}; }}
#phoneBezel {{ background: #1c2024; border-radius: 30px; border: 1px solid #0d0f11; }}
#editorScroll QScrollBar, #blockList QScrollBar {{ background: transparent; margin: 2px; }}
#editorScroll QScrollBar:vertical, #blockList QScrollBar:vertical {{ width: 10px; }}
#editorScroll QScrollBar:horizontal {{ height: 10px; }}
#editorScroll QScrollBar::handle, #blockList QScrollBar::handle {{
    background: {s.scrollbar}; border-radius: 3px; min-height: 30px; min-width: 30px; }}
#editorScroll QScrollBar::handle:hover, #blockList QScrollBar::handle:hover {{
    background: {s.scrollbar_hover}; }}
#editorScroll QScrollBar::add-line, #editorScroll QScrollBar::sub-line,
#blockList QScrollBar::add-line, #blockList QScrollBar::sub-line {{ height: 0; width: 0; }}
#editorScroll QScrollBar::add-page, #editorScroll QScrollBar::sub-page,
#blockList QScrollBar::add-page, #blockList QScrollBar::sub-page {{ background: none; }}
#previewProblem {{ background: {s.problem_base}; color: {s.problem}; padding: 6px 10px;
    border-top: 1px solid {s.problem}; }}
#emptyEditor {{ color: {s.muted}; }}
QStatusBar {{ background: {s.window}; color: {s.muted}; border-top: 1px solid {s.divider}; }}
QToolTip {{ background: {s.tooltip_base}; color: {s.text}; border: 1px solid {s.border}; }}
"""
    )


def _high_contrast(app: QGuiApplication) -> bool:
    """Whether the system asks for high contrast (Qt 6.10 and later can tell)."""
    hints = app.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    preference = getattr(Qt, "ContrastPreference", None)
    if preference is None:
        return False
    return bool(accessibility().contrastPreference() == preference.HighContrast)


def _system_is_dark(app: QGuiApplication, palette: QPalette) -> bool:
    scheme = app.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    return relative_luminance(palette.color(QPalette.ColorRole.Window).name()) < 0.2


class Appearance(QObject):
    """Keeps the application's look in step with the system and the application font.

    Args:
        app: the application.
        scheme: a scheme to use whatever the system says (tests, screenshots); None
            follows the system.
    """

    def __init__(self, app: QApplication, scheme: Scheme | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._fixed = scheme
        self._system_palette = QPalette(app.palette())
        self._system_style = app.style().name()
        self.scheme: Scheme = LIGHT
        self.high_contrast = False
        self._applying = False
        self.apply()
        # A signal, not an event filter on the application: a Python filter there sees every
        # event of the program, some of objects half destroyed.
        app.fontChanged.connect(self._font_changed)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: self.apply())

    def apply(self) -> None:
        """Choose the scheme and set style, palette and style sheet."""
        app = self._app
        self._applying = True
        try:
            self.high_contrast = self._fixed is None and _high_contrast(app)
            if self.high_contrast:
                # The system's own style and palette: its high-contrast colours are the
                # user's, and our calm ones would undo them.
                if app.style().name().lower() != self._system_style.lower():
                    app.setStyle(self._system_style)
                app.setPalette(self._system_palette)
                self.scheme = scheme_of_palette(self._system_palette)
            else:
                if self._fixed is not None:
                    self.scheme = self._fixed
                else:
                    dark = _system_is_dark(app, self._system_palette)
                    self.scheme = DARK if dark else LIGHT
                if app.style().name().lower() != "fusion":
                    # (Only when it changes: a new style deletes the old one under live widgets.)
                    app.setStyle("Fusion")
                app.setPalette(palette_for(self.scheme))
            self._set_style_sheet()
        finally:
            self._applying = False

    def _set_style_sheet(self) -> None:
        font = self._app.font()
        size = font.pointSizeF()
        if size <= 0:  # a font sized in pixels
            size = font.pixelSize() * 72 / 96
        self._app.setStyleSheet(style_sheet(self.scheme, size, self.high_contrast))

    def _font_changed(self, _font: QFont) -> None:
        """A new application font resizes the style sheet's fonts."""
        if not self._applying:
            self._set_style_sheet()


def apply_appearance(app: QApplication, scheme: Scheme | None = None) -> Appearance:
    """Give ``app`` the window's style, palette and style sheet, following the system.

    Args:
        app: the application.
        scheme: force ``LIGHT`` or ``DARK`` (tests, screenshots); None follows the system.
    """
    return Appearance(app, scheme)
