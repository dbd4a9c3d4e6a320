"""The preview's web page: sealed from the network, fed the document's pictures.

The page is sealed: JavaScript is off, every request that is not for the page itself or the
document's own images is blocked (a remote image in the preview would tell a tracker the
newsletter is being written), and a click on a link opens the system browser instead of
navigating the preview. Images come from the document through a custom URL scheme
(``nc-image://img/<sha256>?w=<width>``), processed by the same image pipeline as for export
and kept in memory, so no temporary files are written.

Each new render is shown without a flash: when only a few blocks changed (typing), their
rows are replaced in place (found by the comments ``render(mark_blocks=True)`` puts around
each block); when only the body changed, the body is swapped; a page loaded anew is put back
at the scroll position of the one before.
"""

from __future__ import annotations

import concurrent.futures
import json
import re
import threading
from typing import Final

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QPointF,
    QTimer,
    QUrl,
    QUrlQuery,
    Signal,
)
from PySide6.QtGui import QDesktopServices
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

from composer.errors import ComposerError
from composer.images import Framing, ImageCache, process
from composer.model import PIXEL_DENSITY, Crop, FocalPoint, ImageRef, ImageStore
from composer.render import PREVIEW_BLOCK_END, PREVIEW_BLOCK_START

#: The URL scheme the preview's images are served under.
SCHEME: Final = b"nc-image"
#: The base URL of the previewed page; a URL of our scheme, so its images are same-origin.
BASE_URL: Final = QUrl("nc-image://preview/")
#: Requests the preview may make: its own page and images; nothing from the network.
ALLOWED_SCHEMES: Final = frozenset({SCHEME.decode(), "data", "about"})
#: Link schemes a click may hand to the system.
EXTERNAL_SCHEMES: Final = frozenset({"http", "https", "mailto", "tel"})
#: How long a page load may take before the page stops waiting for it.
LOAD_TIMEOUT_MS: Final = 10_000

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
    """The preview ``src`` of ``ref`` shown ``width`` pixels wide, with its crop and focus."""
    src = f"{SCHEME.decode()}://img/{ref.sha256}?w={width}"
    if ref.crop is not None:
        crop = ref.crop
        src += f"&c={crop.left!r},{crop.top!r},{crop.width!r},{crop.height!r}"
    if ref.focus is not None:
        src += f"&f={ref.focus.x!r},{ref.focus.y!r}"
    return src


def _framing(query: QUrlQuery, width: int) -> Framing:
    """The framing an image ``src`` of ``image_src`` asks for; what cannot be read is left out."""
    crop: Crop | None = None
    focus: FocalPoint | None = None
    try:
        if query.hasQueryItem("c"):
            left, top, crop_width, height = map(float, query.queryItemValue("c").split(","))
            crop = Crop(left=left, top=top, width=crop_width, height=height)
    except ValueError:  # pydantic's ValidationError is one too
        crop = None
    try:
        if query.hasQueryItem("f"):
            x, y = map(float, query.queryItemValue("f").split(","))
            focus = FocalPoint(x=x, y=y)
    except ValueError:
        focus = None
    return Framing.chosen(crop, focus, width)


def _split_body(html: str) -> tuple[str, str, str] | None:
    """``html`` as (everything up to ``<body …>``, the body's content, the rest)."""
    match = _BODY.match(html)
    return (match.group(1), match.group(2), match.group(3)) if match else None


#: Blocks changed at most, for the page to replace them alone rather than its whole body.
PATCH_LIMIT: Final = 3


def _split_blocks(html: str) -> tuple[list[str], list[str]] | None:
    """``html`` cut at the preview's block marks: (the frame's parts, the blocks' HTML)."""
    parts = html.split(PREVIEW_BLOCK_START)
    frame, blocks = [parts[0]], []
    for part in parts[1:]:
        block, end, rest = part.partition(PREVIEW_BLOCK_END)
        if not end:
            return None
        blocks.append(block)
        frame.append(rest)
    return frame, blocks


def changed_blocks(old: str, new: str) -> dict[int, str] | None:
    """The blocks of ``new`` that differ from ``old`` by position, when nothing else does.

    None when the pages differ outside their blocks, in the number of blocks, or in more
    than ``PATCH_LIMIT`` blocks (a move changes every block in between).
    """
    before, after = _split_blocks(old), _split_blocks(new)
    if before is None or after is None or before[0] != after[0] or not after[1]:
        return None
    if len(before[1]) != len(after[1]):
        return None
    changed = {
        index: block
        for index, (was, block) in enumerate(zip(before[1], after[1], strict=True))
        if was != block
    }
    return changed if len(changed) <= PATCH_LIMIT else None


#: Replaces blocks by their position: what lies between their marks is cut out (a range,
#: since the first block's opening mark sits in the <table> and its rows in the <tbody> the
#: parser makes), and the new rows, parsed in a <template> as table rows, go before the
#: closing mark. Returns false, changing nothing, if the page has other marks than expected.
_PATCH: Final = """
((count, changes) => {
  const starts = [], ends = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.data === START) starts.push(node);
    else if (node.data === END) ends.push(node);
  }
  if (starts.length !== count || ends.length !== count) return false;
  for (const [index, html] of changes) {
    const range = document.createRange();
    range.setStartAfter(starts[index]);
    range.setEndBefore(ends[index]);
    range.deleteContents();
    const template = document.createElement("template");
    template.innerHTML = html;
    ends[index].before(template.content);
  }
  return true;
})
""".replace("START", json.dumps(PREVIEW_BLOCK_START[4:-3])).replace(
    "END", json.dumps(PREVIEW_BLOCK_END[4:-3])
)


def open_external(url: QUrl) -> bool:
    """Open a link from the preview in the system's browser or mail program."""
    if url.scheme().lower() not in EXTERNAL_SCHEMES:
        return False
    return QDesktopServices.openUrl(url)


class ImageSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves ``nc-image://img/<sha256>?w=<width>[&c=<crop>][&f=<focus>]`` from the document.

    Each image is prepared once per width by the export's image pipeline (upright, sRGB,
    twice the display width), so the preview shows what recipients will get. Preparing a
    camera photo takes a few hundred milliseconds, so it happens on a thread of its own and
    the request is answered when it is done; the window never waits for it.

    Signals:
        prepared(object, object): an image is ready: its (sha256, width, framing) and its
            (media type, bytes), or None when it cannot be shown.
    """

    prepared = Signal(object, object)

    def __init__(self, cache: ImageCache | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.images = ImageStore()
        self.cache = cache
        self._ready: dict[tuple[str, int, Framing], tuple[bytes, bytes] | None] = {}
        self._waiting: dict[tuple[str, int, Framing], list[QWebEngineUrlRequestJob]] = {}
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
        data = self.images.find(sha) if url.host() == "img" else None
        if data is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        query = QUrlQuery(url)
        try:
            width = max(1, min(2400, int(query.queryItemValue("w") or "600")))
        except ValueError:
            width = 600
        key = (sha, width, _framing(query, width))
        if key in self._ready:
            _reply(job, self._ready[key])
            return
        waiting = self._waiting.setdefault(key, [])
        waiting.append(job)
        if len(waiting) == 1 and not self._closed:
            self._executor.submit(self._prepare, key, data)

    def _prepare(self, key: tuple[str, int, Framing], data: bytes) -> None:
        sha, width, framing = key
        try:
            image = process(
                data, width * PIXEL_DENSITY, sha[:12], cache=self.cache, framing=framing
            )
            result: tuple[bytes, bytes] | None = (
                _MIME.get(image.format, b"application/octet-stream"),
                image.data,
            )
        except ComposerError:
            result = None  # a damaged picture; the checks tell the user about it
        if not self._closed:
            self.prepared.emit(key, result)

    def _answer(self, key: tuple[str, int, Framing], result: tuple[bytes, bytes] | None) -> None:
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
    """A sealed page that never navigates away: clicked links go to the system browser.

    The page has a profile of its own, kept in memory only, that serves the document's
    images and blocks every other request. It shows one HTML after the other (``show_html``)
    without flashing and at the same scroll position.

    Args:
        image_cache: where prepared images are kept between runs (the export's cache);
            None keeps them in memory only.
        parent: the view showing the page.

    Attributes:
        handler: serves the document's images.
        blocker: refuses every other request.
        last_html: the HTML the page was last given.

    Signals:
        shown(): the page shows the latest HTML it was given.
    """

    shown = Signal()

    def __init__(self, image_cache: ImageCache | None, parent: QObject | None = None) -> None:
        profile = QWebEngineProfile()
        super().__init__(profile, parent)
        # Children of the page in this order: Qt destroys the page, then the profile, then
        # the handler the profile used.
        profile.setParent(self)
        self.handler = ImageSchemeHandler(image_cache, self)
        self.blocker = RemoteRequestBlocker(self)
        profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        profile.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
        )
        profile.setSpellCheckEnabled(False)
        profile.installUrlSchemeHandler(QByteArray(SCHEME), self.handler)
        profile.setUrlRequestInterceptor(self.blocker)
        _seal(self.settings())
        self.last_html = ""
        self._loading = False
        self._full_load = False
        self._queued_html: str | None = None
        self._scroll = QPointF()
        self._scroll_script = _scroll_keeper()
        self.scripts().insert(self._scroll_script)
        self.loadFinished.connect(self._load_finished)
        # Should Chromium never report a load as finished, the next update must still come.
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.setInterval(LOAD_TIMEOUT_MS)
        self._watchdog.timeout.connect(self._loaded)

    def is_loading(self) -> bool:
        """Whether the page is still loading the HTML it was given (or has more waiting)."""
        return self._loading

    def show_html(self, html: str) -> None:
        """Show ``html``, keeping the scroll position; ``shown`` follows."""
        if self._loading:
            # One update at a time: a page replaced while loading may never report back, and
            # its scroll position is not yet restored; the newest HTML waits its turn.
            self._queued_html = html
            return
        self._loading = True
        self._watchdog.start()
        old, new = _split_body(self.last_html), _split_body(html)
        changes = changed_blocks(self.last_html, html)
        self.last_html = html
        if changes is not None:
            # Typing changes one block: only its rows are replaced. The rest of the page, its
            # pictures above all, stays as it is; Chromium lays out and paints less.
            count = html.count(PREVIEW_BLOCK_START)
            self.runJavaScript(
                f"{_PATCH}({count}, {json.dumps(list(changes.items()))})",
                QWebEngineScript.ScriptWorldId.ApplicationWorld,
                lambda patched: self._loaded() if patched else self._swap_body(html),
            )
            return
        if old is not None and new is not None and (old[0], old[2]) == (new[0], new[2]):
            # Only the body changed (typing does that): swap it in place. Chromium keeps the
            # decoded images and the scroll position, and nothing flashes; a full load costs
            # a new document, its style and layout from scratch. The page's own JavaScript
            # stays off: this runs in the application's isolated script world.
            self._swap_body(html)
            return
        # scrollPosition is in the view's pixels; scrollTo takes CSS pixels.
        zoom = self.zoomFactor() or 1.0
        self._scroll = self.scrollPosition() / zoom if old is not None else QPointF()
        scripts = self.scripts()
        for script in scripts.find("keep-scroll"):
            scripts.remove(script)
        self._scroll_script.setSourceCode(
            f"window.scrollTo({self._scroll.x():.0f}, {self._scroll.y():.0f});"
        )
        scripts.insert(self._scroll_script)
        self._full_load = True
        self.setHtml(html, BASE_URL)

    def _swap_body(self, html: str) -> None:
        """Replace the page's body with the body of ``html`` (its head being the same)."""
        if not self._loading:
            return  # the watchdog gave up on the update meanwhile
        parts = _split_body(html)
        if parts is None:
            self._loaded()
            return
        # Whitespace after </body> belongs to the body too when the parser reads a page.
        trailing = parts[2][len("</body>") :]
        content = parts[1] + trailing[: len(trailing) - len(trailing.lstrip())]
        self.runJavaScript(
            f"document.body.innerHTML = {json.dumps(content)}; true;",
            QWebEngineScript.ScriptWorldId.ApplicationWorld,
            self._loaded,
        )

    def _loaded(self, _result: object = None) -> None:
        self._watchdog.stop()
        self._loading = False
        full_load, self._full_load = self._full_load, False
        if self._queued_html is not None:
            html, self._queued_html = self._queued_html, None
            self.show_html(html)
            return
        if full_load and self._scroll.y() > 0:
            # Again once images are in, in case the page was shorter at DocumentReady.
            self.runJavaScript(
                f"window.scrollTo({self._scroll.x():.0f}, {self._scroll.y():.0f});",
                QWebEngineScript.ScriptWorldId.ApplicationWorld,
            )
        self.shown.emit()

    def _load_finished(self, _ok: bool) -> None:
        if self._full_load:
            self._loaded()

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


def _scroll_keeper() -> QWebEngineScript:
    """The script that puts a page loaded anew at the scroll position of the one before."""
    # Runs in the application's own script world, which works with the page's JavaScript
    # off; DocumentReady comes before the first paint, so the page does not jump.
    script = QWebEngineScript()
    script.setName("keep-scroll")
    script.setWorldId(QWebEngineScript.ScriptWorldId.ApplicationWorld)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
    script.setRunsOnSubFrames(False)
    script.setSourceCode("")
    return script


def _seal(settings: QWebEngineSettings) -> None:
    """No script, no plug-ins, no remote or local files, no prefetching: only the email."""
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
