"""The live preview: what ``render`` produces for export, shown as a mail program would.

The pane follows the open document: an edit is rendered at once when no render is running,
and edits made while one runs wait for it and are rendered together (the newest state; at
most one render waits). It renders a snapshot with the same ``composer.render.render`` as
every export, off the GUI thread, and shows it in a sealed web page (``preview_page``) whose
images come from the document. The page's copy carries comments around each block
(``mark_blocks``), by which ``preview_surface`` finds the block under the pointer; the
HTML source tab, the size and everything else get the email's HTML without them.

Pictures off: shows what readers see before they allow pictures, as Gmail, Outlook and most
company mail do by default: each picture's box keeps its size, with its alt text in it, on
the email's own background colours.

Dark preview: the ``@media (prefers-color-scheme: dark)`` rules the templates carry are made
unconditional in the previewed copy, so the preview shows exactly the dark styles Apple Mail
and iOS Mail apply; Chromium's ForceDarkMode would instead invert colours by its own algorithm,
which no mail program does.
"""

from __future__ import annotations

import dataclasses
import html as html_module
import re
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Final

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QResizeEvent
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from composer.document import Change, ChangeKind, Document
from composer.gui.announce import name_web_view
from composer.gui.background import BackgroundJob
from composer.gui.block_list_model import kind_name
from composer.gui.icons import icon
from composer.gui.open_document import DocumentHolder, OpenDocument
from composer.gui.preview_page import PreviewPage, image_src
from composer.gui.preview_surface import PreviewSurface
from composer.gui.wrapping_row import WrappingRow
from composer.i18n import ui_number
from composer.images import ImageCache
from composer.model import Bundle
from composer.render import RenderResult, StoreResolver, render, unmarked

#: The width at which the desktop preview is laid out, in CSS pixels.
DESKTOP_WIDTH: Final = 700
#: The width of the phone preview, in CSS pixels (an iPhone's).
MOBILE_WIDTH: Final = 375
#: The fixed wait between an edit and its render the preview once had (for measurements:
#: ``PreviewPane.delay_ms``).
OLD_DEBOUNCE_MS: Final = 150
#: How long the preview stays unchanged before it counts as settled (``settled``): longer
#: than the pause between two keys of someone typing.
SETTLE_MS: Final = 300

_DARK_QUERY: Final = re.compile(r"\(\s*prefers-color-scheme\s*:\s*dark\s*\)", re.I)
_IMG: Final = re.compile(r"<img\b[^>]*>", re.I)
_ALT: Final = re.compile(r"""\salt=("[^"]*"|'[^']*')""", re.I)
_SIZE: Final = re.compile(r"""\s(width|height)=["']?(\d+)""", re.I)
_CLASS: Final = re.compile(r"""\sclass=("[^"]*"|'[^']*')""", re.I)
_STYLE: Final = re.compile(r"""\sstyle=("[^"]*"|'[^']*')""", re.I)


def force_dark(html: str) -> str:
    """``html`` with its dark-mode media rules applying unconditionally."""
    # "(min-width:0px)" is always true and valid wherever the condition stood.
    return _DARK_QUERY.sub("(min-width:0px)", html)


def _blocked_picture(match: re.Match[str]) -> str:
    tag = match.group()
    alt = _ALT.search(tag)
    own = _STYLE.search(tag)
    classes = _CLASS.search(tag)
    sizes = {name.lower(): value for name, value in _SIZE.findall(tag)}
    # Nothing is fetched. The box keeps the size the email gives the picture (shrinking with
    # it on a phone), as a mail program keeps the space of a picture it has not loaded, with
    # the alt text inside in the email's own font and colour; a thin line stands for the frame.
    style = "box-sizing:border-box;overflow:hidden;word-break:break-word;"
    style += "padding:4px;font-size:13px;line-height:18px;"
    style += "outline:1px solid rgba(128,128,128,.5);outline-offset:-1px;"
    if "width" in sizes:
        style += f"width:{sizes['width']}px;max-width:100%;"
    if "width" in sizes and "height" in sizes:
        style += f"aspect-ratio:{sizes['width']}/{sizes['height']};"
    # The picture's own inline style next: its margins and widths are the email's. The text
    # in the middle, where a round photo's corners do not cut it.
    own_style = html_module.unescape(own.group(1)[1:-1]) if own else ""
    style += own_style + ";"
    if not re.search(r"display\s*:\s*none", own_style):  # a dark-mode twin stays hidden
        style += "display:flex;align-items:center;justify-content:center;text-align:center;"
    text = html_module.unescape(alt.group(1)[1:-1]) if alt else ""
    # Its classes stay: the email's dark-mode and phone rules find it as they find the picture.
    kept = f" class={classes.group(1)}" if classes else ""
    return (
        f'<span data-nc-picture-off=""{kept} style="{html_module.escape(style)}">'
        f"{html_module.escape(text)}</span>"
    )


def pictures_off(html: str) -> str:
    """``html`` as a mail program shows it before the reader allows pictures.

    Every ``<img>`` becomes a box of its width and height holding its alt text; nothing is
    fetched. The email's background colours and layout stay as they are.
    """
    return _IMG.sub(_blocked_picture, html)


class RenderJob(BackgroundJob):
    """One render of a snapshot for the preview; ``finished`` gives its RenderResult.

    Args:
        bundle: the snapshot rendered.
        resolver: the ``src`` of each picture (the preview's URL scheme).
    """

    def __init__(
        self, bundle: Bundle, resolver: StoreResolver, parent: QObject | None = None
    ) -> None:
        super().__init__("preview-render", parent)
        self.bundle = bundle
        self.resolver = resolver

    def work(self) -> tuple[RenderResult, str]:
        """Render the newsletter: the email's result, and the page's copy with block marks."""
        result = render(self.bundle.newsletter, self.resolver, mark_blocks=True)
        return dataclasses.replace(result, html=unmarked(result.html)), result.html


class _Stage(QWidget):
    """Holds the web view at the width of the chosen device, scaled down if need be."""

    def __init__(self, view: QWebEngineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewStage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # A phone's bezel around the page in the mobile preview, drawn by the style sheet.
        self.bezel = QFrame(self)
        self.bezel.setObjectName("phoneBezel")
        self.bezel.hide()
        self.view = view
        view.setParent(self)
        self.mode = "desktop"
        self.setMinimumWidth(200)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.setProperty("mobile", mode == "mobile")
        self.style().unpolish(self)
        self.style().polish(self)
        self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        width, height = self.width(), self.height()
        if self.mode == "mobile":
            side, top = 12, 40  # the bezel's width at the sides, and above and below
            shown = max(100, min(MOBILE_WIDTH, width - 2 * side - 24))
            left = (width - shown) // 2
            self.view.setGeometry(left, top + 12, shown, max(100, height - 2 * top - 24))
            self.bezel.setGeometry(left - side, 12, shown + 2 * side, max(100, height - 24))
            self.bezel.show()
            zoom = shown / MOBILE_WIDTH
        else:
            self.bezel.hide()
            self.view.setGeometry(0, 0, width, height)
            # Narrower than the desktop width, the page is scaled rather than re-flowed, so
            # the desktop layout stays the desktop layout (the phone layout has its button).
            zoom = min(1.0, width / DESKTOP_WIDTH)
        if abs(self.view.zoomFactor() - zoom) > 0.001:
            self.view.setZoomFactor(max(0.25, zoom))


class PreviewPane(QWidget):
    """The preview on the right: the email, its plain text and its HTML source.

    Args:
        holder: the open document, which the pane follows (and rebinds to when replaced).
        image_cache: where prepared images are kept between runs (the export's cache);
            None keeps them in memory only.

    Attributes:
        delay_ms: how long an edit waits before it is rendered; 0 (at once when no render
            runs) but for measurements of the fixed wait the preview once had.

    Signals:
        render_started(): a render began (for measurements).
        rendered(object, object): the snapshot rendered (a Bundle) and its RenderResult,
            as the pane shows it.
        preview_loaded(): the page finished loading the latest render it was given.
        settled(): the page has shown the document as it is for SETTLE_MS: the user paused.
            Work that can wait for a pause (the checks) waits for this rather than competing
            with the preview of every keystroke for the processor.
        mode_changed(str, bool): the width ("desktop" or "mobile") or dark mode changed.
        pictures_off_changed(bool): the pictures were turned off or on.
        block_clicked(str, str): a block was clicked in the preview: its id and the field
            under the pointer; ("", field) for a field of the newsletter settings.
    """

    render_started = Signal()
    rendered = Signal(object, object)
    preview_loaded = Signal()
    settled = Signal()
    mode_changed = Signal(str, bool)
    block_clicked = Signal(str, str)
    pictures_off_changed = Signal(bool)

    def __init__(
        self,
        holder: DocumentHolder,
        image_cache: ImageCache | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("previewPane")
        self._document: Document | None = None
        self._resolver: StoreResolver | None = None
        self._renders = ThreadPoolExecutor(max_workers=1, thread_name_prefix="preview-render")
        self._job: RenderJob | None = None
        self._dirty = False
        self._dark = False
        self._pictures_off = False
        self._result: RenderResult | None = None
        self._marked_html = ""
        #: The blocks of the render given to the page, and of the one it shows.
        self._given_blocks: tuple[tuple[str, str, str], ...] = ()
        #: The block to bring into view once the page shows it, and whether all of it.
        self._to_reveal: tuple[str, bool] | None = None
        self._stale_tabs: set[int] = set()
        self._closed = False
        #: When the last render began (time.perf_counter), for measurements.
        self.render_started_at = 0.0
        self.delay_ms = 0

        self.view = QWebEngineView()
        self.view.setAcceptDrops(False)
        self.page = PreviewPage(image_cache, self.view)
        self.handler = self.page.handler
        self.blocker = self.page.blocker
        self.view.setPage(self.page)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.surface = PreviewSurface(self.view, self.page)
        self.surface.block_clicked.connect(self._block_clicked)
        self.page.shown.connect(self._page_shown)

        # Only for measuring the old fixed wait (delay_ms); never started otherwise.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self.render_now)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)

        self._build()
        self._follow(holder.current)
        holder.replaced.connect(self._follow)

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.tabs = QTabBar()
        self.tabs.setObjectName("previewTabs")
        self.tabs.setDrawBase(False)
        # Whole tabs, never scroll arrows or cut texts: the bar wraps instead (WrappingRow).
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        for _tab in range(3):  # Preview, Plain text, HTML source: named in _retranslate
            self.tabs.addTab("")
        tools = QWidget()
        tools_layout = QHBoxLayout(tools)
        tools_layout.setContentsMargins(0, 0, 0, 0)
        self.size_label = QLabel(tools)
        self.size_label.setObjectName("previewSize")
        self.size_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        tools_layout.addWidget(self.size_label)
        self.desktop_button = self._mode_button(tools, "desktop", "", "")
        self.mobile_button = self._mode_button(tools, "mobile", "", "")
        self.dark_button = self._mode_button(tools, "dark", "", "")
        self.pictures_off_button = self._mode_button(tools, "image", "", "")
        # No QButtonGroup: buttons in a group are one Tab stop (arrows move inside it, as in
        # radio buttons), which nothing tells a keyboard or screen-reader user. The pane
        # keeps one of the two checked itself (set_mode, _desktop_toggled, _mobile_toggled).
        self.desktop_button.setChecked(True)
        # Its name in the tooltip only: the bar has room for the tabs and three names.
        self.pictures_off_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for button in (
            self.desktop_button,
            self.mobile_button,
            self.dark_button,
            self.pictures_off_button,
        ):
            tools_layout.addWidget(button)
        # The tools go above the tabs when even their icons leave no room for the tabs'
        # names (200 %, a large font); before that, the width buttons give up their names.
        bar = WrappingRow(self.tabs, tools, self)
        bar.setObjectName("previewBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        bar.row.setContentsMargins(8, 4, 8, 0)
        self.bar = bar
        self.bar_layout = bar.row
        layout.addWidget(bar)

        self.pages = QStackedWidget(self)
        self.stage = _Stage(self.view)
        self.pages.addWidget(self.stage)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.text_view = QPlainTextEdit(self)
        self.text_view.setObjectName("plainTextPreview")
        self.text_view.setReadOnly(True)
        self.text_view.setFont(mono)
        self.source_view = QPlainTextEdit(self)
        self.source_view.setObjectName("sourcePreview")
        self.source_view.setReadOnly(True)
        source_font = QFont(mono)
        source_font.setPointSizeF(max(7.0, mono.pointSizeF() * 0.9))
        self.source_view.setFont(source_font)
        self.source_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.pages.addWidget(self.text_view)
        self.pages.addWidget(self.source_view)
        layout.addWidget(self.pages, 1)
        self.problem = QLabel(self)
        self.problem.setObjectName("previewProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self._retranslate()

        self.tabs.currentChanged.connect(self._tab_changed)
        self.desktop_button.toggled.connect(self._desktop_toggled)
        self.mobile_button.toggled.connect(self._mobile_toggled)
        self.dark_button.toggled.connect(self.set_dark)
        self.pictures_off_button.toggled.connect(self.set_pictures_off)

    def _desktop_toggled(self, on: bool) -> None:
        if on or self.mode == "desktop":
            self.set_mode("desktop")

    def _mobile_toggled(self, on: bool) -> None:
        if on or self.mode == "mobile":
            self.set_mode("mobile")

    def _mode_button(self, parent: QWidget, name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton(parent)
        button.setObjectName(f"preview_{name}")
        button.setIcon(icon(name))
        button.setIconSize(QSize(16, 16))
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        return button

    def minimumSizeHint(self) -> QSize:
        """Override: the pane can shrink; the page is scaled to fit, but the tabs keep their
        names (the width buttons give up theirs and the tools wrap above the tabs first)."""
        margins = self.bar_layout.contentsMargins()
        tabs = self.tabs.minimumSizeHint().width() + margins.left() + margins.right()
        return QSize(max(240, tabs), 200)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Override: the width buttons lose their names before the tabs lose theirs."""
        super().resizeEvent(event)
        self._fit_bar()

    def _fit_bar(self) -> None:
        buttons = (self.desktop_button, self.mobile_button, self.dark_button)
        layout = self.bar_layout
        margins = layout.contentsMargins()
        parts = (self.tabs, self.size_label, *buttons, self.pictures_off_button)
        needed = margins.left() + margins.right() + layout.spacing() * len(parts)
        needed += sum(part.sizeHint().width() for part in parts)
        for button in buttons:
            if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
                needed += button.fontMetrics().horizontalAdvance(button.text()) + 6
        style = (
            Qt.ToolButtonStyle.ToolButtonIconOnly
            if self.width() < needed
            else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        )
        for button in buttons:
            button.setToolButtonStyle(style)

    # --- modes -----------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """``desktop`` or ``mobile``."""
        return self.stage.mode

    @property
    def dark(self) -> bool:
        """Whether the dark-mode styles are shown."""
        return self._dark

    def set_mode(self, mode: str) -> None:
        """Show the desktop (700 px) or the phone (375 px) width."""
        if mode not in ("desktop", "mobile"):
            raise ValueError(f"unknown preview mode {mode!r}")
        changed = mode != self.stage.mode
        if changed:
            self.stage.set_mode(mode)
        # After the stage: unchecking the other button then finds the mode already changed.
        self.desktop_button.setChecked(mode == "desktop")
        self.mobile_button.setChecked(mode == "mobile")
        if changed:
            self.mode_changed.emit(mode, self._dark)

    def set_dark(self, dark: bool) -> None:
        """Show the newsletter as a mail program in dark mode does, or not."""
        self.dark_button.setChecked(dark)
        if dark == self._dark:
            return
        self._dark = dark
        self.stage.setProperty("dark", dark)
        self.stage.style().unpolish(self.stage)
        self.stage.style().polish(self.stage)
        if self._result is not None:
            self._show_html(self._marked_html)
        self.mode_changed.emit(self.stage.mode, dark)

    @property
    def pictures_off(self) -> bool:
        """Whether the preview shows the email as it is before pictures are allowed."""
        return self._pictures_off

    def set_pictures_off(self, off: bool) -> None:
        """Show the email as readers see it before they allow pictures, or with pictures."""
        self.pictures_off_button.setChecked(off)
        if off == self._pictures_off:
            return
        self._pictures_off = off
        if self._result is not None:
            self._show_html(self._marked_html)
        self.pictures_off_changed.emit(off)

    def _tab_changed(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self._fill_tab(index)

    # --- rendering -------------------------------------------------------------------------

    def _follow(self, document: OpenDocument) -> None:
        """Show ``document`` from now on, rendered at once."""
        if self._document is not None:
            self._document.changed.disconnect(self._document_changed)
        self._document = document.document
        self._document.changed.connect(self._document_changed)
        images = self._document.images
        self.handler.set_images(images)
        # One resolver per document: it remembers each picture's size between renders.
        self._resolver = StoreResolver(images, image_src)
        self.render_now()

    def _document_changed(self, change: Change) -> None:
        if change.block_id is not None and change.kind in (
            ChangeKind.REPLACE,
            ChangeKind.MOVE,
            ChangeKind.INSERT,
        ):
            # Kept in view as it changes; a moved or new block is shown whole if it fits.
            self._to_reveal = (change.block_id, change.kind is not ChangeKind.REPLACE)
        if self.delay_ms > 0:
            self._debounce.start(self.delay_ms)
        else:
            # At once (a zero timer, to start after the keystroke's own work, measured no
            # faster: the render thread starts on a snapshot and overlaps the rest).
            self.render_now()

    def render_now(self) -> None:
        """Render the document as it is now, unless a render is running (then right after it).

        Edits made while a render runs are not rendered one by one: one render follows, of
        the document as it is when the running one ends.
        """
        self._debounce.stop()
        if self._document is None or self._resolver is None or self._closed:
            return
        self.render_started_at = time.perf_counter()
        self.render_started.emit()
        if self._job is not None:
            self._dirty = True
            return
        # One render at a time: what the job reports is about self._job.
        self._job = RenderJob(self._document.snapshot(), self._resolver, self)
        self._job.finished.connect(self._rendered)
        self._job.failed.connect(self._render_failed)
        self._job.start(self._renders)

    def _end_render(self) -> RenderJob | None:
        """Let go of the render that ended; the job, when its result is still wanted."""
        job, self._job = self._job, None
        if job is None:
            return None
        job.release()
        if self._dirty:
            self._dirty = False
            self.render_now()
        if self._closed or job.resolver is not self._resolver:
            return None  # the window is closing, or the render is of a document since closed
        return job

    def _render_failed(self, error: BaseException) -> None:
        if self._end_render() is None:
            return
        self.problem.setText(
            self.tr("The preview could not be updated: {error}").format(error=error)
        )
        self.problem.show()

    def changeEvent(self, event: QEvent) -> None:
        """Override: the language changed; the tabs and buttons take their texts anew."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for index, text in enumerate(
            (self.tr("Preview"), self.tr("Plain text"), self.tr("HTML source"))
        ):
            self.tabs.setTabText(index, text)
        for button, text, tip in (
            (self.desktop_button, self.tr("Desktop"), self.tr("Desktop width (700 px)")),
            (self.mobile_button, self.tr("Mobile"), self.tr("Phone width (375 px)")),
            (self.dark_button, self.tr("Dark"), self.tr("As a mail program in dark mode shows it")),
            (
                self.pictures_off_button,
                self.tr("No pictures"),
                self.tr(
                    "As readers see it before they allow pictures (the default in Gmail, "
                    "Outlook and most company mail): alt text in place of each picture"
                ),
            ),
        ):
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(text)  # also when only its icon shows
        self.tabs.setAccessibleName(self.tr("Preview views"))
        self._show_size()
        name_web_view(self.view, self.tr("Email preview"))
        self.text_view.setAccessibleName(self.tr("Plain-text part"))
        self.source_view.setAccessibleName(self.tr("HTML source"))

    def _rendered(self, results: tuple[RenderResult, str]) -> None:
        job = self._end_render()
        if job is None:
            return
        result, self._marked_html = results
        self.problem.hide()
        self._result = result
        self._given_blocks = tuple(
            (block.id, block.kind, kind_name(block.kind)) for block in job.bundle.newsletter.blocks
        )
        self._show_size()
        self._stale_tabs = {1, 2}
        self._fill_tab(self.tabs.currentIndex())
        self._show_html(self._marked_html)
        self.rendered.emit(job.bundle, result)

    def _show_size(self) -> None:
        """The size of the email's HTML, in the window's language (decimal comma in Swedish)."""
        if self._result is None:
            return
        size = len(self._result.html.encode("utf-8"))
        self.size_label.setText(self.tr("{size} KB").format(size=ui_number(size / 1024, 1)))
        self.size_label.setToolTip(
            self.tr("Size of the email's HTML; Gmail cuts off messages larger than 102 KB.")
        )
        self._fit_bar()

    def _fill_tab(self, index: int) -> None:
        if self._result is None or index not in self._stale_tabs:
            return
        self._stale_tabs.discard(index)
        view = self.text_view if index == 1 else self.source_view
        bar = view.verticalScrollBar()
        position = bar.value()
        view.setPlainText(self._result.text if index == 1 else self._result.html)
        bar.setValue(position)

    def is_idle(self) -> bool:
        """True when the page shows the document as it is: nothing waits, renders or loads."""
        return (
            self._job is None
            and not self._dirty
            and not self._debounce.isActive()
            and not self.page.is_loading()
        )

    @property
    def result(self) -> RenderResult | None:
        """The render shown."""
        return self._result

    @property
    def last_html(self) -> str:
        """The HTML the page was last given (after the dark-mode rewrite, if on)."""
        return self.page.last_html

    def _show_html(self, html: str) -> None:
        if self._dark:
            html = force_dark(html)
        if self._pictures_off:
            html = pictures_off(html)
        self.page.show_html(html)

    def _page_shown(self) -> None:
        # The page shows the latest HTML it was given: the blocks of the latest render.
        self.surface.set_blocks(self._given_blocks)
        if self._to_reveal is not None and self._job is None and not self._dirty:
            block_id, whole = self._to_reveal
            self._to_reveal = None
            self.surface.reveal(block_id, whole)
        self._settle.start()
        self.preview_loaded.emit()

    def _settled(self) -> None:
        if self.is_idle():
            self.settled.emit()

    def _block_clicked(self, block_id: str, field: str) -> None:
        self.block_clicked.emit(block_id, field)
        # The field was focused for the click: the cursor goes after its text, where one
        # types on, rather than before it.
        focused = QApplication.focusWidget()
        if isinstance(focused, QLineEdit) and not focused.isReadOnly():
            focused.end(False)

    def reveal_block(self, block_id: str) -> None:
        """Scroll the preview so that the block ``block_id`` shows (if it is not in view)."""
        self.surface.reveal(block_id, whole=False)

    def shut_down(self) -> None:
        """Stop rendering and preparing images (the window is closing)."""
        self._closed = True
        self._debounce.stop()
        self._renders.shutdown(wait=True, cancel_futures=True)
        self.handler.close()
        if self._document is not None:
            self._document.changed.disconnect(self._document_changed)
            self._document = None
