"""CSS inlining: one reused premailer, its parsed rules kept on disk, each block's result cached."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import json
import logging
import re
import sys
import threading
import types
from collections import OrderedDict
from pathlib import Path
from typing import Any, Final

from composer.atomic import write_bytes
from composer.errors import RenderError
from composer.i18n import ui_message as _
from composer.package_data import user_cache_folder


class _LogCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


_CSS_LOG = _LogCollector()
# Premailer copies these CSS properties into HTML attributes, overwriting the template's own
# width="600" with width="100%"; the templates set them by attribute themselves.
_NO_ATTRIBUTES: Final = ["width", "height", "align", "bgcolor", "valign", "background"]


class _DeferredRequests(types.ModuleType):
    """Stands in for ``requests`` until something really uses it.

    premailer imports requests at the top for fetching remote stylesheets, which we never let
    it do, and loading requests costs about a tenth of a second of every cold start. (The
    standard library's LazyLoader does not help: ``import`` itself touches ``__spec__``.)
    """

    def __getattr__(self, name: str) -> Any:
        real = self.__dict__.get("_real")
        if real is None:
            sys.modules.pop("requests", None)
            real = importlib.import_module("requests")
            self.__dict__["_real"] = real
        return getattr(real, name)


def _import_requests_lazily() -> None:
    if "requests" not in sys.modules:
        sys.modules["requests"] = _DeferredRequests("requests")


@functools.lru_cache(maxsize=1)
def _premailer() -> Any:
    _import_requests_lazily()
    from premailer import Premailer

    class CachingPremailer(Premailer):
        """Premailer that turns each stylesheet into rules once, not on every render.

        Profiling showed two thirds of a render spent re-serializing the same parsed CSS;
        the rules depend only on the stylesheet text and its position.
        """

        @functools.lru_cache(maxsize=64)  # noqa: B019 - one instance lives for the process
        def _parse_style_rules(self, css_body: str, ruleset_index: int) -> Any:
            stored = _stored_rules(css_body, ruleset_index)
            if stored is not None:
                return stored
            rules, leftover = super()._parse_style_rules(css_body, ruleset_index)
            _store_rules(css_body, ruleset_index, rules, leftover)
            return tuple(rules), tuple(leftover)

    return CachingPremailer(
        allow_network=False,
        allow_loading_external_files=False,
        strip_important=False,
        keep_style_tags=False,
        remove_classes=False,
        exclude_pseudoclasses=True,
        disable_basic_attributes=_NO_ATTRIBUTES,
        disable_validation=True,
        align_floating_images=False,
        cssutils_logging_handler=_CSS_LOG,
        cssutils_logging_level=logging.WARNING,
    )


def _rules_file(css_body: str, ruleset_index: int) -> Path:
    import premailer

    key = hashlib.sha256(f"{premailer.__version__}|{ruleset_index}|{css_body}".encode())
    return user_cache_folder("stylesheets") / f"{key.hexdigest()}.json"


def _stored_rules(css_body: str, ruleset_index: int) -> tuple[tuple[Any, ...], ...] | None:
    """Rules parsed by an earlier run: cssutils takes a cold start's biggest share."""
    try:
        data = json.loads(_rules_file(css_body, ruleset_index).read_text(encoding="utf-8"))
        rules = tuple((tuple(spec), str(sel), str(bulk)) for spec, sel, bulk in data["rules"])
        leftover = tuple((str(sel), str(bulk)) for sel, bulk in data["leftover"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return rules, leftover


def _store_rules(css_body: str, ruleset_index: int, rules: Any, leftover: Any) -> None:
    # Only plain (selector, declarations) pairs can be stored; @-rules stay in memory.
    if not all(isinstance(item, tuple) for item in leftover):
        return
    path = _rules_file(css_body, ruleset_index)
    data = json.dumps({"rules": rules, "leftover": leftover}).encode("utf-8")
    with contextlib.suppress(OSError):  # a cache that cannot be written is no cache
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, data, durable=False)


_STYLE_BLOCK: Final = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)
_CLASS_ATTR: Final = re.compile(r' class="([^"]*)"')
_CLASS_SELECTOR: Final = re.compile(r"\.([A-Za-z_][\w-]*)")


def _drop_unused_classes(html: str, wanted: frozenset[str]) -> str:
    """Remove class names no kept ``<style>`` rule uses: they only cost bytes after inlining."""

    def keep(match: re.Match[str]) -> str:
        names = [name for name in match.group(1).split() if name in wanted]
        return f' class="{" ".join(names)}"' if names else ""

    return _CLASS_ATTR.sub(keep, html)


def _postprocess(html: str, wanted_classes: frozenset[str]) -> str:
    html = html.replace('<style data-premailer="ignore">', "<style>")
    html = _STYLE_ATTR.sub(_compact_style, html)
    return _drop_unused_classes(html, wanted_classes)


def _kept_classes(html: str) -> frozenset[str]:
    """Class names the ``<style>`` blocks that stay in the email refer to."""
    wanted: set[str] = set()
    for match in _STYLE_BLOCK.finditer(html):
        if "data-premailer" in match.group(0)[:40]:
            wanted.update(_CLASS_SELECTOR.findall(re.sub(r"url\([^)]*\)", "", match.group(1))))
    return frozenset(wanted)


def _transform(html: str) -> tuple[str, tuple[str, ...]]:
    _CSS_LOG.lines.clear()
    try:
        out: str = _premailer().transform(html, pretty_print=False)
    except Exception as exc:  # premailer/lxml/cssutils raise many unrelated types
        raise RenderError(
            _("The email’s CSS could not be inlined: {error}").format(error=exc)
        ) from exc
    return out, tuple(dict.fromkeys(_CSS_LOG.lines))


def inline_css(html: str) -> tuple[str, tuple[str, ...]]:
    """Inline the CSS of a whole page the email way, keeping the ``@media`` rules.

    Returns:
        The inlined HTML and the CSS problems premailer's parser reported.
    """
    with _INLINE_LOCK:
        out, issues = _transform(html)
    return _postprocess(out, _kept_classes(html)), issues


_BLOCK_START: Final = "<!--nc:block-->"
_BLOCK_END: Final = "<!--/nc:block-->"
#: Around each block in a render for the preview only (``mark_blocks``), so the preview can
#: tell which block is under the pointer. An export never carries them.
PREVIEW_BLOCK_START: Final = "<!--nc:preview-block-->"
PREVIEW_BLOCK_END: Final = "<!--/nc:preview-block-->"


class _InlineCache:
    """Inlined HTML of each block, keyed by the stylesheets and the block's raw HTML.

    Inlining a block depends only on the CSS and the block itself (the stylesheets use no
    sibling selectors), so a block whose raw HTML did not change keeps its inlined form; the
    live preview then re-inlines only the block being edited. Bounded, least recently used out.
    """

    def __init__(self, limit: int = 2000) -> None:
        self.limit = limit
        self.entries: OrderedDict[tuple[str, str], str] = OrderedDict()
        self.issues: dict[str, tuple[str, ...]] = {}

    def get(self, key: tuple[str, str]) -> str | None:
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
        return found

    def put(self, key: tuple[str, str], value: str) -> None:
        self.entries[key] = value
        self.entries.move_to_end(key)
        while len(self.entries) > self.limit:
            self.entries.popitem(last=False)

    def clear(self) -> None:
        self.entries.clear()
        self.issues.clear()


_INLINED = _InlineCache()
#: premailer's CSS log and the block cache are shared by the process; the preview, the checks
#: and an export may render at the same time on different threads.
_INLINE_LOCK = threading.RLock()


def clear_inlined_blocks() -> None:
    """Forget the inlined form of every block (the parsed stylesheets stay)."""
    with _INLINE_LOCK:
        _INLINED.clear()


def _split_blocks(page: str) -> tuple[str, list[str], str]:
    """Cut a page at the block markers into what precedes, the blocks, and what follows."""
    head, *rest = page.split(_BLOCK_START)
    blocks = []
    for part in rest:
        block, after = part.split(_BLOCK_END, 1)
        blocks.append(block)
    return head, blocks, after if rest else ""


def inline_page(raw: str, mark_blocks: bool = False) -> tuple[str, tuple[str, ...]]:
    """Inline a page made by the layout, reusing the cached form of unchanged blocks.

    The layout marks each block with ``<!--nc:block-->`` … ``<!--/nc:block-->``.

    Args:
        raw: the page as the layout made it.
        mark_blocks: keep each block between ``PREVIEW_BLOCK_START`` and
            ``PREVIEW_BLOCK_END`` (the preview's copy); without them the HTML is the same.

    Returns:
        The inlined HTML and the CSS problems premailer's parser reported.
    """
    with _INLINE_LOCK:
        return _inline_page(raw, mark_blocks)


def _inline_page(raw: str, mark_blocks: bool) -> tuple[str, tuple[str, ...]]:
    head, blocks, tail = _split_blocks(raw)
    css_key = "".join(_STYLE_BLOCK.findall(head))
    frame_key = (css_key, head + _BLOCK_START + tail)
    missing = [block for block in dict.fromkeys(blocks) if _INLINED.get((css_key, block)) is None]
    if missing or _INLINED.get(frame_key) is None:
        # One premailer run over the frame and the blocks not seen before; an empty block
        # pair keeps the frame's two halves apart when every block is cached.
        page = head + "".join(_BLOCK_START + block + _BLOCK_END for block in ["", *missing])
        out, issues = _transform(page + tail)
        wanted = _kept_classes(head)
        out_head, out_blocks, out_tail = _split_blocks(out)
        for block, inlined_block in zip(missing, out_blocks[1:], strict=True):
            _INLINED.put((css_key, block), _postprocess(inlined_block, wanted))
        new_frame = _postprocess(out_head, wanted) + _BLOCK_START + _postprocess(out_tail, wanted)
        _INLINED.put(frame_key, new_frame)
        known = _INLINED.issues.get(css_key, ())
        _INLINED.issues[css_key] = tuple(dict.fromkeys(known + issues))
    frame = _INLINED.get(frame_key)
    inlined = [_INLINED.get((css_key, block)) for block in blocks]
    pieces = [piece for piece in inlined if piece is not None]
    if frame is None or len(pieces) < len(blocks):  # more blocks than the cache holds
        whole, whole_issues = _transform(raw.replace(_BLOCK_START, "").replace(_BLOCK_END, ""))
        return _postprocess(whole, _kept_classes(head)), whole_issues
    frame_head, frame_tail = frame.split(_BLOCK_START, 1)
    if mark_blocks:
        pieces = [PREVIEW_BLOCK_START + piece + PREVIEW_BLOCK_END for piece in pieces]
    return frame_head + "".join(pieces) + frame_tail, _INLINED.issues.get(css_key, ())


_STYLE_ATTR: Final = re.compile(r""" style=("[^"]*"|'[^']*')""")


def _compact_style(match: re.Match[str]) -> str:
    # premailer writes "a:b; c:d" and "Arial, Helvetica"; the spaces cost bytes in every
    # element of the email.
    return f" style={match.group(1).replace('; ', ';').replace(', ', ',')}"
