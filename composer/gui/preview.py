"""The live preview: what ``render`` produces for export, shown as a mail program would.

The HTML is rendered by the same ``composer.render.render`` as every export, off the GUI
thread, ~150 ms after the last keystroke. Images come from the document through a custom URL
scheme (``nc-image://img/<sha256>?w=<width>``), processed by the same image pipeline as for
export and kept in memory, so no temporary files are written. The page is sealed: JavaScript
is off, every request that is not for the document's own images is blocked (a remote image in
the preview would tell a tracker the newsletter is being written), and a click on a link opens
the system browser instead of navigating the preview.

Dark preview: the ``@media (prefers-color-scheme: dark)`` rules the templates carry are made
unconditional in the previewed copy, so the preview shows exactly the dark styles Apple Mail
and iOS Mail apply; Chromium's ForceDarkMode would instead invert colours by its own algorithm,
which no mail program does.
"""

from __future__ import annotations

import concurrent.futures
import json
import re
import threading
import time
from typing import Final

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QPointF,
    QSize,
    Qt,
    QTimer,
    QUrl,
    QUrlQuery,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase, QResizeEvent
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from composer.errors import ComposerError
from composer.gui.icons import icon
from composer.i18n import ui_number
from composer.images import ImageCache, process
from composer.model import ImageRef, ImageStore, Newsletter
from composer.render import RenderResult, StoreResolver, render

#: The URL scheme the preview's images are served under.
SCHEME: Final = b"nc-image"
#: The base URL of the previewed page; a URL of our scheme, so its images are same-origin.
BASE_URL: Final = QUrl("nc-image://preview/")
#: The width at which the desktop preview is laid out, in CSS pixels.
DESKTOP_WIDTH: Final = 700
#: The width of the phone preview, in CSS pixels (an iPhone's).
MOBILE_WIDTH: Final = 375
#: Debounce between the last edit and the render.
DEBOUNCE_MS: Final = 150
#: How long a page load may take before the preview stops waiting for it.
LOAD_TIMEOUT_MS: Final = 10_000
#: Requests the preview may make: its own page and images; nothing from the network.
ALLOWED_SCHEMES: Final = frozenset({SCHEME.decode(), "data", "about"})
#: Link schemes a click may hand to the system.
EXTERNAL_SCHEMES: Final = frozenset({"http", "https", "mailto", "tel"})

_DARK_QUERY: Final = re.compile(r"\(\s*prefers-color-scheme\s*:\s*dark\s*\)", re.I)
_BODY: Final = re.compile(r"^(.*?<body[^>]*>)(.*)(</body>.*)$", re.S | re.I)
_MIME: Final = {"JPEG": b"image/jpeg", "PNG": b"image/png", "GIF": b"image/gif"}


def register_scheme() -> None:
    """Declare the image scheme to Qt WebEngine; must run before the QApplication exists."""
    if QWebEngineUrlScheme.schemeByName(SCHEME).name() == QByteArray(SCHEME):
        return
    if QCoreApplication.instance() is not None:
        raise RuntimeError("register_scheme() must be called before the QApplication exists")
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.LocalAccessAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)


def image_src(ref: ImageRef, width: int) -> str:
    """The preview ``src`` of ``ref`` shown ``width`` pixels wide."""
    return f"{SCHEME.decode()}://img/{ref.sha256}?w={width}"


def force_dark(html: str) -> str:
    """``html`` with its dark-mode media rules applying unconditionally."""
    # "(min-width:0px)" is always true and valid wherever the condition stood.
    return _DARK_QUERY.sub("(min-width:0px)", html)


def _split_body(html: str) -> tuple[str, str, str] | None:
    """``html`` as (everything up to ``<body …>``, the body's content, the rest)."""
    match = _BODY.match(html)
    return (match.group(1), match.group(2), match.group(3)) if match else None


def open_external(url: QUrl) -> bool:
    """Open a link from the preview in the system's browser or mail program."""
    if url.scheme().lower() not in EXTERNAL_SCHEMES:
        return False
    return QDesktopServices.openUrl(url)


class ImageSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves ``nc-image://img/<sha256>?w=<width>`` from the document's image store.

    Each image is prepared once per width by the export's image pipeline (upright, sRGB,
    twice the display width), so the preview shows what recipients will get. Preparing a
    camera photo takes a few hundred milliseconds, so it happens on a thread of its own and
    the request is answered when it is done; the window never waits for it.

    Signals:
        prepared(object, object): an image is ready: its (sha256, width) and its
            (media type, bytes), or None when it cannot be shown.
    """

    prepared = Signal(object, object)

    def __init__(self, cache: ImageCache | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.images = ImageStore()
        self.cache = cache
        self._ready: dict[tuple[str, int], tuple[bytes, bytes] | None] = {}
        self._waiting: dict[tuple[str, int], list[QWebEngineUrlRequestJob]] = {}
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="preview-images"
        )
        self._closed = False
        self.prepared.connect(self._answer)

    def set_images(self, images: ImageStore) -> None:
        """Serve the images of another document."""
        self.images = images

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        """Override: answer with the prepared image, or fail for an unknown one."""
        url = job.requestUrl()
        sha = url.path().lstrip("/")
        data = self.images.data.get(sha) if url.host() == "img" else None
        if data is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        try:
            width = max(1, min(2400, int(QUrlQuery(url).queryItemValue("w") or "600")))
        except ValueError:
            width = 600
        key = (sha, width)
        if key in self._ready:
            _reply(job, self._ready[key])
            return
        waiting = self._waiting.setdefault(key, [])
        waiting.append(job)
        if len(waiting) == 1 and not self._closed:
            self._executor.submit(self._prepare, key, data)

    def _prepare(self, key: tuple[str, int], data: bytes) -> None:
        sha, width = key
        try:
            image = process(data, width * 2, sha[:12], cache=self.cache)
            result: tuple[bytes, bytes] | None = (
                _MIME.get(image.format, b"application/octet-stream"),
                image.data,
            )
        except ComposerError:
            result = None  # a damaged picture; the checks tell the user about it
        if not self._closed:
            self.prepared.emit(key, result)

    def _answer(self, key: tuple[str, int], result: tuple[bytes, bytes] | None) -> None:
        self._ready[key] = result
        for job in self._waiting.pop(key, []):
            # A job whose page went away meanwhile has been deleted by Qt WebEngine.
            if shiboken6.isValid(job):
                _reply(job, result)

    def close(self) -> None:
        """Stop preparing images (the pane is going away)."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)


def _reply(job: QWebEngineUrlRequestJob, prepared: tuple[bytes, bytes] | None) -> None:
    if prepared is None:
        job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
        return
    buffer = QBuffer(job)  # owned by the job, so it lives exactly as long as the reply
    buffer.setData(QByteArray(prepared[1]))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    job.reply(QByteArray(prepared[0]), buffer)


class RemoteRequestBlocker(QWebEngineUrlRequestInterceptor):
    """Blocks every request of the preview that is not for its own page or images.

    Signals:
        request_blocked(QUrl): a request was refused.
    """

    request_blocked = Signal(QUrl)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self.blocked: list[QUrl] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        """Override: refuse anything but our scheme, data: and about:."""
        url = info.requestUrl()
        if url.scheme().lower() in ALLOWED_SCHEMES:
            return
        info.block(True)
        with self._lock:
            self.blocked.append(QUrl(url))
        self.request_blocked.emit(QUrl(url))


class PreviewPage(QWebEnginePage):
    """A page that never navigates away: clicked links go to the system browser."""

    def acceptNavigationRequest(
        self, url: QUrl | str, navigation_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        """Override: our own content loads; a clicked link opens outside; nothing else."""
        url = QUrl(url)
        if navigation_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            open_external(url)
            return False
        return url.scheme().lower() in ALLOWED_SCHEMES

    def createWindow(self, _kind: QWebEnginePage.WebWindowType) -> QWebEnginePage:
        """Override: a link meant for a new window opens in the system browser too."""
        return _LinkCatcher(self.profile(), self)

    def javaScriptConsoleMessage(self, *args: object) -> None:
        """Override: the page runs no script; nothing to report."""


class _LinkCatcher(QWebEnginePage):
    """A page that exists only to hand its first navigation to the system browser."""

    def acceptNavigationRequest(
        self, url: QUrl | str, navigation_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        """Override: open outside, then go away."""
        open_external(QUrl(url))
        self.deleteLater()
        return False


def _seal(settings: QWebEngineSettings) -> None:
    attribute = QWebEngineSettings.WebAttribute
    for name, on in (
        (attribute.JavascriptEnabled, False),
        (attribute.JavascriptCanOpenWindows, False),
        (attribute.LocalContentCanAccessRemoteUrls, False),
        (attribute.LocalContentCanAccessFileUrls, False),
        (attribute.PluginsEnabled, False),
        (attribute.NavigateOnDropEnabled, False),
        (attribute.AutoLoadImages, True),
        (attribute.ErrorPageEnabled, False),
        (attribute.DnsPrefetchEnabled, False),
        (attribute.HyperlinkAuditingEnabled, False),
        (attribute.FocusOnNavigationEnabled, False),
        (attribute.ScrollAnimatorEnabled, False),
    ):
        settings.setAttribute(name, on)


class RenderWorker(QObject):
    """Renders on a thread of its own, one render at a time.

    Signals:
        finished(int, object, object, object): generation, the newsletter rendered, its
            RenderResult (None on failure) and the error (None on success).
    """

    finished = Signal(int, object, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="preview-render"
        )
        self._closed = False

    def submit(self, generation: int, newsletter: Newsletter, resolver: StoreResolver) -> None:
        """Render ``newsletter``; ``finished`` follows on the GUI thread."""
        if self._closed:
            return
        self._executor.submit(self._run, generation, newsletter, resolver)

    def _run(self, generation: int, newsletter: Newsletter, resolver: StoreResolver) -> None:
        try:
            result: RenderResult | None = render(newsletter, resolver)
            error: Exception | None = None
        except Exception as exc:  # shown in the pane; a bug must not kill the preview
            result, error = None, exc
        if not self._closed:
            self.finished.emit(generation, newsletter, result, error)

    def close(self) -> None:
        """Wait for a render in progress and stop (before the pane goes away)."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)


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
        image_cache: where prepared images are kept between runs (the export's cache);
            None keeps them in memory only.

    Signals:
        render_started(): the debounce ended and a render began (for measurements).
        rendered(object, object): a newsletter and its RenderResult, as the pane shows it.
        preview_loaded(): the page finished loading the latest render it was given.
        mode_changed(str, bool): the width ("desktop" or "mobile") or dark mode changed.
    """

    render_started = Signal()
    rendered = Signal(object, object)
    preview_loaded = Signal()
    mode_changed = Signal(str, bool)

    def __init__(
        self, image_cache: ImageCache | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("previewPane")
        self._newsletter: Newsletter | None = None
        self._resolver: StoreResolver | None = None
        self._generation = 0
        self._busy = False
        self._dirty = False
        self._dark = False
        self._result: RenderResult | None = None
        self._stale_tabs: set[int] = set()
        self._loading = False
        self._full_load = False
        self._queued_html: str | None = None
        self._scroll = QPointF()
        #: The HTML the page was last given (after the dark-mode rewrite, if on).
        self.last_html = ""
        #: When the debounce last ended (time.perf_counter), for measurements.
        self.render_started_at = 0.0

        self.handler = ImageSchemeHandler(image_cache, self)
        self.blocker = RemoteRequestBlocker(self)
        self.view = QWebEngineView()
        self.view.setAcceptDrops(False)
        # The profile is a child of the page, so the page is destroyed first, as Qt wants.
        profile = QWebEngineProfile()
        self.page = PreviewPage(profile, self.view)
        profile.setParent(self.page)
        profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        profile.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
        )
        profile.setSpellCheckEnabled(False)
        profile.installUrlSchemeHandler(QByteArray(SCHEME), self.handler)
        profile.setUrlRequestInterceptor(self.blocker)
        _seal(self.page.settings())
        self.view.setPage(self.page)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.page.loadFinished.connect(self._page_load_finished)
        self._install_scroll_keeper()

        self.worker = RenderWorker(self)
        self.worker.finished.connect(self._on_rendered)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.render_now)
        # Should Chromium never report a load as finished, the next update must still come.
        self._load_watchdog = QTimer(self)
        self._load_watchdog.setSingleShot(True)
        self._load_watchdog.setInterval(LOAD_TIMEOUT_MS)
        self._load_watchdog.timeout.connect(self._loaded)

        self._build()

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        bar = QWidget(self)
        bar.setObjectName("previewBar")
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(8, 4, 8, 0)
        self.tabs = QTabBar(bar)
        self.tabs.setObjectName("previewTabs")
        self.tabs.setDrawBase(False)
        self.tabs.addTab(self.tr("Preview"))
        self.tabs.addTab(self.tr("Plain text"))
        self.tabs.addTab(self.tr("HTML source"))
        bar_layout.addWidget(self.tabs, 0, Qt.AlignmentFlag.AlignBottom)
        bar_layout.addStretch(1)
        self.size_label = QLabel(bar)
        self.size_label.setObjectName("previewSize")
        bar_layout.addWidget(self.size_label)
        self.desktop_button = self._mode_button(
            bar, "desktop", self.tr("Desktop"), self.tr("Desktop width (700 px)")
        )
        self.mobile_button = self._mode_button(
            bar, "mobile", self.tr("Mobile"), self.tr("Phone width (375 px)")
        )
        self.dark_button = self._mode_button(
            bar, "dark", self.tr("Dark"), self.tr("As a mail program in dark mode shows it")
        )
        self.modes = QButtonGroup(self)
        self.modes.setExclusive(True)
        self.modes.addButton(self.desktop_button)
        self.modes.addButton(self.mobile_button)
        self.desktop_button.setChecked(True)
        for button in (self.desktop_button, self.mobile_button, self.dark_button):
            bar_layout.addWidget(button)
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

        self.tabs.currentChanged.connect(self._tab_changed)
        self.desktop_button.toggled.connect(self._desktop_toggled)
        self.mobile_button.toggled.connect(self._mobile_toggled)
        self.dark_button.toggled.connect(self.set_dark)

    def _desktop_toggled(self, on: bool) -> None:
        if on:
            self.set_mode("desktop")

    def _mobile_toggled(self, on: bool) -> None:
        if on:
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
        """Override: the pane can shrink; the page is scaled to fit."""
        return QSize(240, 200)

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
        (self.mobile_button if mode == "mobile" else self.desktop_button).setChecked(True)
        if mode != self.stage.mode:
            self.stage.set_mode(mode)
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
            self._show_html(self._result.html)
        self.mode_changed.emit(self.stage.mode, dark)

    def _tab_changed(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self._fill_tab(index)

    # --- rendering -------------------------------------------------------------------------

    def set_images(self, images: ImageStore) -> None:
        """Use the images of the document shown (a file was opened)."""
        self.handler.set_images(images)
        self._resolver = StoreResolver(images, image_src)

    def show_newsletter(self, newsletter: Newsletter, immediately: bool = False) -> None:
        """Render ``newsletter`` after the debounce (or now), then show it."""
        self._newsletter = newsletter
        if immediately:
            self._debounce.stop()
            self.render_now()
        else:
            self._debounce.start()

    def render_now(self) -> None:
        """Render the latest newsletter, unless a render is running (then right after it)."""
        self._debounce.stop()
        if self._newsletter is None or self._resolver is None:
            return
        self.render_started_at = time.perf_counter()
        self.render_started.emit()
        if self._busy:
            self._dirty = True
            return
        self._busy = True
        self._generation += 1
        self.worker.submit(self._generation, self._newsletter, self._resolver)

    def _on_rendered(
        self,
        generation: int,
        newsletter: Newsletter,
        result: RenderResult | None,
        error: Exception | None,
    ) -> None:
        self._busy = False
        if self._dirty:
            self._dirty = False
            self.render_now()
        if error is not None or result is None:
            self.problem.setText(
                self.tr("The preview could not be updated: {error}").format(error=error)
            )
            self.problem.show()
            return
        self.problem.hide()
        self._result = result
        size = len(result.html.encode("utf-8"))
        self.size_label.setText(self.tr("{size} KB").format(size=ui_number(size / 1024, 1)))

        self.size_label.setToolTip(
            self.tr("Size of the email's HTML; Gmail cuts off messages larger than 102 KB.")
        )
        self._stale_tabs = {1, 2}
        self._fill_tab(self.tabs.currentIndex())
        self._show_html(result.html)
        self.rendered.emit(newsletter, result)

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
        """True when the page shows the latest newsletter given: nothing waits or loads."""
        return (
            not self._busy
            and not self._dirty
            and not self._debounce.isActive()
            and not self._loading
        )

    @property
    def result(self) -> RenderResult | None:
        """The render shown."""
        return self._result

    # --- the page --------------------------------------------------------------------------

    def _install_scroll_keeper(self) -> None:
        # Runs in the application's own script world, which works with the page's JavaScript
        # off; DocumentReady comes before the first paint, so the page does not jump.
        script = QWebEngineScript()
        script.setName("keep-scroll")
        script.setWorldId(QWebEngineScript.ScriptWorldId.ApplicationWorld)
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
        script.setRunsOnSubFrames(False)
        script.setSourceCode("")
        self.page.scripts().insert(script)
        self._scroll_script = script

    def _show_html(self, html: str) -> None:
        html = force_dark(html) if self._dark else html
        if self._loading:
            # One update at a time: a page replaced while loading may never report back, and
            # its scroll position is not yet restored; the newest HTML waits its turn.
            self._queued_html = html
            return
        self._loading = True
        self._load_watchdog.start()
        old, new = _split_body(self.last_html), _split_body(html)
        self.last_html = html
        if old is not None and new is not None and (old[0], old[2]) == (new[0], new[2]):
            # Only the body changed (typing does that): swap it in place. Chromium keeps the
            # decoded images and the scroll position, and nothing flashes; a full load costs
            # a new document, its style and layout from scratch. The page's own JavaScript
            # stays off: this runs in the application's isolated script world.
            # Whitespace after </body> belongs to the body too when the parser reads a page.
            trailing = new[2][len("</body>") :]
            content = new[1] + trailing[: len(trailing) - len(trailing.lstrip())]
            self.page.runJavaScript(
                f"document.body.innerHTML = {json.dumps(content)}; true;",
                QWebEngineScript.ScriptWorldId.ApplicationWorld,
                self._loaded,
            )
            return
        # scrollPosition is in the view's pixels; scrollTo takes CSS pixels.
        zoom = self.view.zoomFactor() or 1.0
        self._scroll = self.page.scrollPosition() / zoom if old is not None else QPointF()
        scripts = self.page.scripts()
        for script in scripts.find("keep-scroll"):
            scripts.remove(script)
        self._scroll_script.setSourceCode(
            f"window.scrollTo({self._scroll.x():.0f}, {self._scroll.y():.0f});"
        )
        scripts.insert(self._scroll_script)
        self._full_load = True
        self.page.setHtml(html, BASE_URL)

    def _loaded(self, _result: object = None) -> None:
        self._load_watchdog.stop()
        self._loading = False
        full_load, self._full_load = self._full_load, False
        if self._queued_html is not None:
            html, self._queued_html = self._queued_html, None
            self._show_html(html)
            return
        if full_load and self._scroll.y() > 0:
            # Again once images are in, in case the page was shorter at DocumentReady.
            self.page.runJavaScript(
                f"window.scrollTo({self._scroll.x():.0f}, {self._scroll.y():.0f});",
                QWebEngineScript.ScriptWorldId.ApplicationWorld,
            )
        self.preview_loaded.emit()

    def _page_load_finished(self, _ok: bool) -> None:
        if self._full_load:
            self._loaded()

    def close_worker(self) -> None:
        """Stop rendering and preparing images (the window is closing)."""
        self._debounce.stop()
        self.worker.close()
        self.handler.close()
