"""The preview as an editing surface: a click on a block edits it, hovering names it.

How the page knows its blocks: the preview renders with ``mark_blocks``, which puts each
block's table rows between two HTML comments, in the order of the document's blocks; an
export never has them (``render`` leaves them out unless asked), and comments change nothing
a reader sees. A script in the application's own script world (``ApplicationWorld``) indexes
the rows under those comments, draws the hover outline and answers hit tests; the page's own
JavaScript stays off, so nothing in the email ever runs. No QWebChannel: the click is caught
in Qt, before Chromium sees it (so a click on a link edits its button instead of opening the
browser), and the page is asked what lies at that point.

Which field a click means is read from the element under the pointer, by the tags and the
classes the templates give (``FIELD_RULES``), and falls back to the block's first field.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

#: The name of the surface's script among the page's scripts.
SCRIPT_NAME: Final = "nc-surface"

#: What a click on an element means, per block type: (tag, class, field), first match from the
#: element under the pointer outwards. "" matches any tag or class. The logo in the masthead
#: belongs to the newsletter settings (block id "").
FIELD_RULES: Final[dict[str, tuple[tuple[str, str, str], ...]]] = {
    "masthead": (("img", "", "@logo"), ("p", "tag", "tagline"), ("h1", "", "title")),
    "article": (
        ("img", "", "image"),
        ("p", "cap", "image_caption"),
        ("p", "meta", "category"),
        ("h2", "", "headline"),
        ("td", "btn", "link_label"),
        ("td", "end", "link_label"),
        ("td", "tx", "body"),
    ),
    "image": (("p", "cap", "caption"), ("img", "", "image")),
    "text": (("h2", "", "heading"), ("td", "tx", "body")),
    "contact": (
        ("img", "", "photo"),
        ("p", "ch", "heading"),
        ("p", "cl", "label"),
        ("a", "mailto:", "email"),
        ("a", "tel:", "phone"),
        ("p", "cr", "role"),
    ),
    "button": (("", "", "label"),),
    "side": (
        ("img", "", "image"),
        ("p", "meta", "category"),
        ("h2", "", "headline"),
        ("td", "btn", "link_label"),
        ("div", "cx", "body"),
    ),
    # Of the column clicked: "{p}" is "first" or "second" (the second carries "gl").
    "columns": (
        ("img", "", "{p}_image"),
        ("h3", "", "{p}_headline"),
        ("p", "more", "{p}_link_label"),
        ("div", "cx", "{p}_body"),
        ("div", "col", "{p}_headline"),
    ),
}
#: The field a click on the rest of a block focuses.
DEFAULT_FIELDS: Final = {
    "masthead": "title",
    "article": "headline",
    "image": "image",
    "text": "body",
    "contact": "name",
    "button": "label",
    "divider": "style",
    "side": "headline",
    "columns": "first_headline",
    "spacer": "size",
    "links": "website",
}

#: Runs in the application's script world on every page the preview loads. ``ncSurface``:
#: ``update(labels)`` after each new render, ``hit(x, y)`` for a click, ``reveal(i, whole)``.
_SCRIPT: Final = r"""
(() => {
  if (window.ncSurface) return;
  const START = "nc:preview-block", END = "/nc:preview-block", BOX = "nc-surface-hover";
  let rows = new Map(), blocks = [], labels = [], hovered = -1, box = null;

  function index() {
    rows = new Map(); blocks = [];
    const walker = document.createTreeWalker(
      document.body || document.documentElement, NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_ELEMENT);
    let current = -1, container = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.COMMENT_NODE) {
        if (node.data === START) { current = blocks.length; blocks.push([]); }
        else if (node.data === END) current = -1;
      } else if (current >= 0 && node.tagName === "TR") {
        // The blocks' own rows share one parent; rows of tables inside a block do not.
        if (container === null) container = node.parentNode;
        if (node.parentNode === container) { rows.set(node, current); blocks[current].push(node); }
      }
    }
  }

  function blockOf(element) {
    for (let node = element; node; node = node.parentElement) {
      if (rows.has(node)) return [rows.get(node), node];
    }
    return [-1, null];
  }

  function bounds(i) {
    const list = blocks[i] || [];
    if (!list.length) return null;
    let top = Infinity, left = Infinity, bottom = -Infinity, right = -Infinity;
    for (const row of list) {
      const r = row.getBoundingClientRect();
      top = Math.min(top, r.top); left = Math.min(left, r.left);
      bottom = Math.max(bottom, r.bottom); right = Math.max(right, r.right);
    }
    return {top, left, bottom, right};
  }

  function outline() {
    // Outside <body>, so a body swapped in place leaves it; fixed, so the email's layout
    // and the page's scrollable size never change, and never in the way of the pointer.
    if (!box || !box.isConnected) {
      box = document.createElement("div");
      box.id = BOX;
      box.setAttribute("style", "position:fixed;z-index:2147483647;pointer-events:none;" +
        "box-sizing:border-box;border:2px solid #2f7de1;border-radius:2px;display:none;margin:0");
      const tag = document.createElement("span");
      tag.setAttribute("style", "position:absolute;left:-2px;top:-20px;height:18px;" +
        "padding:0 6px;background:#2f7de1;color:#fff;font:bold 11px/18px Arial,sans-serif;" +
        "border-radius:2px 2px 0 0;white-space:nowrap;letter-spacing:0;text-transform:none");
      box.appendChild(tag);
      document.documentElement.appendChild(box);
    }
    return box;
  }

  function show(i) {
    hovered = i;
    const r = i >= 0 ? bounds(i) : null;
    const shown = outline();
    if (!r) { shown.style.display = "none"; return; }
    shown.style.left = r.left + "px";
    shown.style.top = r.top + "px";
    shown.style.width = (r.right - r.left) + "px";
    shown.style.height = (r.bottom - r.top) + "px";
    const tag = shown.firstChild;
    tag.textContent = labels[i] || "";
    // Under the top edge when there is no room above it.
    tag.style.top = r.top < 20 ? "0px" : "-20px";
    shown.style.display = "block";
  }

  let pointer = null;
  document.addEventListener("mousemove", (event) => {
    pointer = [event.clientX, event.clientY];
    const i = blockOf(event.target)[0];
    if (i !== hovered) show(i);
  }, {capture: true, passive: true});
  // Scrolling moves the page under a pointer that stays put; a new width moves the blocks.
  const follow = () => {
    if (!pointer) return;
    show(blockOf(document.elementFromPoint(pointer[0], pointer[1]))[0]);
  };
  window.addEventListener("scroll", follow, {passive: true});
  window.addEventListener("resize", follow, {passive: true});
  document.documentElement.addEventListener("mouseleave", () => {
    pointer = null; show(-1);
  }, {passive: true});

  window.ncSurface = {
    update(newLabels) {
      labels = newLabels; index();
      if (hovered >= 0) show(hovered);
      return blocks.length;
    },
    hit(x, y) {
      const element = document.elementFromPoint(x, y);
      const [i, row] = blockOf(element);
      if (i < 0) return null;
      const path = [];
      for (let node = element; node && node !== row.parentNode; node = node.parentElement) {
        const href = node.getAttribute("href") || "";
        path.push([node.tagName.toLowerCase(), Array.from(node.classList), href.split(":")[0]]);
      }
      return {index: i, path: path};
    },
    reveal(i, whole) {
      const r = bounds(i);
      if (!r) return false;
      const height = window.innerHeight, margin = 24;
      const fits = r.bottom - r.top + 2 * margin <= height;
      if (r.bottom > 0 && r.top < height && (!whole || !fits || (r.top >= 0 && r.bottom <= height)))
        return false;  // in view (or, for a moved block, as much of it as fits)
      const delta = fits && r.top >= height ? r.bottom - height + margin : r.top - margin;
      window.scrollTo(window.scrollX, window.scrollY + delta);
      if (hovered >= 0) show(hovered);
      return true;
    },
    hover() { return hovered; },
    leave() { pointer = null; show(-1); },
  };
})();
"""


def field_for(kind: str, path: Sequence[Sequence[Any]]) -> str:
    """The field a click means in a block of ``kind``.

    Args:
        kind: the block's type.
        path: from the element clicked outwards to the block's row, each
            ``[tag, [classes], link scheme]``, as the page's hit test gives it.

    Returns:
        The field's name, or ``@name`` for a field of the newsletter settings.
    """
    rules = FIELD_RULES.get(kind, ())
    column = "second" if any("gl" in classes for _tag, classes, _scheme in path) else "first"
    for tag, classes, scheme in path:
        for rule_tag, rule_class, field in rules:
            if rule_tag and rule_tag != tag:
                continue
            if rule_class.endswith(":"):
                if scheme + ":" != rule_class:
                    continue
            elif rule_class and rule_class not in classes:
                continue
            return field.replace("{p}", column)
    return DEFAULT_FIELDS.get(kind, "")


def surface_script() -> QWebEngineScript:
    """The script that makes a loaded page an editing surface (in the application's world)."""
    script = QWebEngineScript()
    script.setName(SCRIPT_NAME)
    script.setWorldId(QWebEngineScript.ScriptWorldId.ApplicationWorld)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
    script.setRunsOnSubFrames(False)
    script.setSourceCode(_SCRIPT)
    return script


class PreviewSurface(QObject):
    """Turns clicks in the preview into "edit this block's field".

    A plain left click is the editor's: Qt hands it to the page no more, so a click on a
    link edits its button. Ctrl+click goes through and follows the link as before.

    Args:
        view: the preview's web view.
        page: its page; gets the surface's script.

    Signals:
        block_clicked(str, str): a block was clicked: its id and the field meant ("" for
            the block's first field). A settings field comes as ("", field).
    """

    block_clicked = Signal(str, str)

    def __init__(self, view: QWebEngineView, page: QWebEnginePage) -> None:
        super().__init__(view)
        self.view = view
        self.page = page
        self._blocks: tuple[tuple[str, str], ...] = ()
        self._watched: list[QWidget] = []
        self._pressed: QPointF | None = None
        page.scripts().insert(surface_script())
        view.installEventFilter(self)
        self._watch_children()

    def set_blocks(self, blocks: Sequence[tuple[str, str, str]]) -> None:
        """The blocks now shown, in order: (id, kind, label shown on hover)."""
        self._blocks = tuple((block_id, kind) for block_id, kind, _label in blocks)
        labels = json.dumps([label for _id, _kind, label in blocks])
        self._run(f"window.ncSurface && ncSurface.update({labels})")

    def reveal(self, block_id: str, whole: bool) -> None:
        """Scroll the preview so the block ``block_id`` is in view.

        Args:
            block_id: the block.
            whole: all of it, as far as it fits (a moved block); else any part of it is
                enough (a block being edited: the preview does not jump while typing).
        """
        position = self.position_of(block_id)
        if position >= 0:
            self._run(f"window.ncSurface && ncSurface.reveal({position}, {json.dumps(whole)})")

    def position_of(self, block_id: str) -> int:
        """Where the block is among those shown; -1 if it is not."""
        for position, (shown_id, _kind) in enumerate(self._blocks):
            if shown_id == block_id:
                return position
        return -1

    def _run(self, script: str) -> None:
        self.page.runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld)

    def _watch_children(self) -> None:
        # Chromium's input goes to the view's focus proxy, a child widget made when the page
        # first shows, and made anew should the page's renderer process be replaced.
        for child in self.view.findChildren(QWidget):
            if child not in self._watched:
                self._watched.append(child)
                child.installEventFilter(self)
        self._watched = [child for child in self._watched if shiboken6.isValid(child)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override: take plain left clicks from the page; watch for the focus proxy."""
        kind = event.type()
        if watched is self.view:
            if kind in (QEvent.Type.ChildAdded, QEvent.Type.ChildPolished):
                self._watch_children()
            return False
        if kind == QEvent.Type.Leave:
            # Chromium does not always tell the page the pointer left (a jump to another
            # window, a menu): the outline would stay on the last block.
            self._run("window.ncSurface && ncSurface.leave()")
            return False
        if kind not in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        ):
            return False
        assert isinstance(event, QMouseEvent)
        if event.button() != Qt.MouseButton.LeftButton or event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
        ):
            return False
        if kind == QEvent.Type.MouseButtonPress:
            self._pressed = event.position()
        elif kind == QEvent.Type.MouseButtonRelease and self._pressed is not None:
            pressed, self._pressed = self._pressed, None
            if (event.position() - pressed).manhattanLength() < 8:
                self._hit(event.position())
        return True

    def _hit(self, position: QPointF) -> None:
        zoom = self.view.zoomFactor() or 1.0
        point = QPoint(round(position.x() / zoom), round(position.y() / zoom))
        blocks = self._blocks
        self.page.runJavaScript(
            f"window.ncSurface ? JSON.stringify(ncSurface.hit({point.x()}, {point.y()})) : ''",
            QWebEngineScript.ScriptWorldId.ApplicationWorld,
            lambda answer: self._clicked(answer, blocks),
        )

    def _clicked(self, answer: object, blocks: tuple[tuple[str, str], ...]) -> None:
        if not isinstance(answer, str) or not answer or not shiboken6.isValid(self):
            return
        found = json.loads(answer)
        if not isinstance(found, dict) or not 0 <= found["index"] < len(blocks):
            return
        block_id, kind = blocks[found["index"]]
        field = field_for(kind, found["path"])
        if field.startswith("@"):
            self.block_clicked.emit("", field[1:])
        else:
            self.block_clicked.emit(block_id, field)
