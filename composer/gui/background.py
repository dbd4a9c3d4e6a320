"""Work that runs off the GUI thread: exports and pre-flight checks, reporting by signal."""

from __future__ import annotations

import concurrent.futures
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from composer.checks import Finding, run_checks
from composer.export import Format, export
from composer.i18n import ui_language
from composer.model import Bundle
from composer.render import RenderResult


class ExportJob(QObject):
    """One export on a thread of its own, with progress and cancel.

    Signals:
        progressed(int, int, str): steps done, steps in all, what was just done.
        warned(str): something the user should know about the result (a huge GIF, say).
        finished(object, object): the file written (a Path) or None, and the error or None.
    """

    progressed = Signal(int, int, str)
    warned = Signal(str)
    finished = Signal(object, object)

    def __init__(
        self, bundle: Bundle, target: Path, fmt: Format, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.bundle = bundle
        self.target = target
        self.format = fmt
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Begin the export."""
        self._thread = threading.Thread(target=self._run, name="export", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        """Ask the export to stop; it ends with ExportCancelled and writes nothing."""
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> None:
        """Wait until the export thread has ended."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            path = export(
                self.bundle,
                self.target,
                self.format,
                progress=self.progressed.emit,
                cancelled=self._cancel.is_set,
                on_warning=self.warned.emit,
            )
        except Exception as exc:  # reported to the user by the window, whatever it is
            self.finished.emit(None, exc)
        else:
            self.finished.emit(path, None)


class ChecksRunner(QObject):
    """Runs the pre-flight checks on a thread of its own; only the latest run is reported.

    Signals:
        findings_ready(object): the list of findings of the latest run.
        failed(object): the checks raised (a bug in a rule); the exception.
    """

    findings_ready = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="checks"
        )
        self._generation = 0
        self._closed = False

    def run(self, bundle: Bundle, rendered: RenderResult) -> None:
        """Check ``bundle`` (rendered as ``rendered``); findings follow by signal."""
        if self._closed:
            return
        self._generation += 1
        # The worker thread does not share the caller's context: hand it the language.
        self._executor.submit(self._run, self._generation, bundle, rendered, ui_language())

    def _run(self, generation: int, bundle: Bundle, rendered: RenderResult, language: str) -> None:
        if generation != self._generation or self._closed:
            return  # a newer run is queued behind this one
        try:
            findings: list[Finding] = run_checks(bundle, rendered, language=language)
        except Exception as exc:  # one broken rule must not stop the window
            if not self._closed:
                self.failed.emit(exc)
            return
        if generation == self._generation and not self._closed:
            self.findings_ready.emit(findings)

    def close(self) -> None:
        """Wait for a run in progress and stop."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)
