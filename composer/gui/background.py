"""Work off the GUI thread: one job base, and the export and pre-flight checks built on it.

Every slow piece of work of the window (export, the test mail, the checks, the preview's
render) is a ``BackgroundJob``: it runs on a thread of its own and reports by signal, so the
GUI thread never waits for it.
"""

from __future__ import annotations

import contextvars
import threading
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from composer.checks import Finding, run_checks
from composer.export import Format, export
from composer.gui.open_document import DocumentHolder, OpenDocument
from composer.model import Bundle
from composer.render import RenderResult
from composer.spelling import SpellChecker


class BackgroundJob(QObject):
    """One piece of work off the GUI thread, reporting back by signal.

    A subclass implements ``work``, which runs on the job's thread: it may report progress
    with ``progressed.emit`` and ask ``is_cancelled`` between steps. Its result comes with
    ``finished``, an exception it raises with ``failed``; either way exactly one of them. The
    signals are emitted on the job's thread, so slots of objects of the GUI thread run there,
    queued, and may touch widgets. The work runs in a copy of the context of the thread that
    started it, so it speaks that thread's language (``composer.i18n.speaking``).

    Args:
        name: the thread's name, for debuggers and logs.

    Signals:
        progressed(int, int, str): steps done, steps in all, what was just done.
        finished(object): the work's result.
        failed(object): the exception the work raised (ExportCancelled after a cancel, …).
    """

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._cancel = threading.Event()
        self._started = False
        self._done = threading.Event()
        self._context = contextvars.Context()

    def work(self) -> object:
        """Do the work (on the job's thread) and return its result."""
        raise NotImplementedError

    def start(self, executor: Executor | None = None) -> None:
        """Begin the work: on a thread of its own, or on one of ``executor``'s.

        Work that comes often (a render per pause in typing) runs on an executor the owner
        keeps: starting a thread makes the GUI thread wait until the system runs it, which on
        a busy machine takes longer than the work.
        """
        if self._started:
            raise RuntimeError(f"the job {self._name!r} was started already")
        self._started = True
        # Worker threads start with an empty context: hand the work the starter's.
        self._context = contextvars.copy_context()
        if executor is not None:
            executor.submit(self._run)
            return
        # A daemon: a job still running when the program ends must not keep it alive.
        threading.Thread(target=self._run, name=self._name, daemon=True).start()

    def cancel(self) -> None:
        """Ask the work to stop; work that looks at ``is_cancelled`` ends early."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """Whether ``cancel`` was called."""
        return self._cancel.is_set()

    def is_running(self) -> bool:
        """Whether the work was started and has not yet ended."""
        return self._started and not self._done.is_set()

    def wait(self, timeout: float | None = None) -> None:
        """Wait until the work has ended (its signals may still be on their way)."""
        if self._started:
            self._done.wait(timeout)

    def release(self) -> None:
        """Delete the job once its thread is done with it; for the slots of its signals.

        A signal can reach its slot while the job's thread is still inside ``emit``; deleting
        the job before the thread has left would pull the object out from under it (the
        program crashed so). Then the job looks again when the event loop next turns, rather
        than making the GUI thread wait for a thread that may be waiting for the interpreter.
        """
        if self._done.is_set() or not self._started:
            self.deleteLater()
        else:
            QTimer.singleShot(1, self.release)

    def _run(self) -> None:
        try:
            result = self._context.run(self.work)
        except Exception as exc:  # reported by signal, whatever it is; the owner shows it
            self.failed.emit(exc)
        else:
            self.finished.emit(result)
        finally:
            self._done.set()


class ExportJob(BackgroundJob):
    """One export, with progress and cancel; ``finished`` gives the file written (a Path).

    Signals:
        warned(str): something the user should know about the result (a huge GIF, say).
    """

    warned = Signal(str)

    def __init__(
        self,
        bundle: Bundle,
        target: Path,
        fmt: Format,
        parent: QObject | None = None,
        *,
        draft: bool = False,
    ) -> None:
        super().__init__("export", parent)
        self.bundle = bundle
        self.target = target
        self.format = fmt
        self.draft = draft

    def work(self) -> Path:
        """Export; a cancel ends it with ExportCancelled, and nothing is written."""
        return export(
            self.bundle,
            self.target,
            self.format,
            draft=self.draft,
            progress=self.progressed.emit,
            cancelled=self.is_cancelled,
            on_warning=self.warned.emit,
        )


class ChecksJob(BackgroundJob):
    """One run of the pre-flight checks; ``finished`` gives the list of findings."""

    def __init__(
        self,
        bundle: Bundle,
        rendered: RenderResult,
        parent: QObject | None = None,
        spelling: SpellChecker | None = None,
    ) -> None:
        super().__init__("checks", parent)
        self.bundle = bundle
        self.rendered = rendered
        self.spelling = spelling

    def work(self) -> list[Finding]:
        """Check the newsletter as it was rendered (spelling with the user's words)."""
        return run_checks(self.bundle, self.rendered, spelling=self.spelling)


class ChecksRunner(QObject):
    """Runs the checks one run at a time; only the latest newsletter given is reported.

    A run asked for while one is going waits for it, in place of any run that was waiting:
    two runs at once would compete with the preview for the processor, and the older one's
    findings would be out of date anyway. When another document is opened, what is under
    way for the previous one is dropped.

    Args:
        holder: the open document, followed to drop the runs of a document that was closed.

    Signals:
        findings_ready(object): the list of findings of the latest run.
        failed(object): the checks raised (a bug in a rule); the exception.
    """

    findings_ready = Signal(object)
    failed = Signal(object)

    def __init__(self, holder: DocumentHolder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="checks")
        self._job: ChecksJob | None = None
        self._waiting: tuple[Bundle, RenderResult] | None = None
        self._closed = False
        #: The window's spell checker (the user's words); None: the dictionaries alone.
        self.spelling: SpellChecker | None = None
        self._last: tuple[Bundle, RenderResult] | None = None
        holder.replaced.connect(self._document_replaced)

    def rerun(self) -> None:
        """Check the newsletter last checked again (the user's words changed)."""
        if self._last is not None:
            self.run(*self._last)

    def run(self, bundle: Bundle, rendered: RenderResult) -> None:
        """Check ``bundle`` (rendered as ``rendered``); findings follow by signal."""
        if self._closed:
            return
        self._last = (bundle, rendered)
        if self._job is not None:
            self._waiting = (bundle, rendered)
            return
        # One job at a time: whatever the job reports is about self._job.
        self._job = ChecksJob(bundle, rendered, self, self.spelling)
        self._job.finished.connect(self._checked)
        self._job.failed.connect(self._check_failed)
        self._job.start(self._executor)

    def _end_job(self) -> bool:
        """Let go of the job that ended; True when what it found is still wanted."""
        job, self._job = self._job, None
        if job is not None:
            job.release()
        waiting, self._waiting = self._waiting, None
        if self._closed:
            return False
        if waiting is not None:
            self.run(*waiting)  # a newer newsletter's findings replace these unseen
            return False
        return job is not None and not job.is_cancelled()

    def _checked(self, findings: list[Finding]) -> None:
        if self._end_job():
            self.findings_ready.emit(findings)

    def _check_failed(self, error: BaseException) -> None:
        if self._end_job():
            self.failed.emit(error)

    def _document_replaced(self, _document: OpenDocument) -> None:
        self._waiting = None
        self._last = None
        if self._job is not None:
            self._job.cancel()  # its findings are about the document that was closed

    def close(self) -> None:
        """Wait for a run in progress and stop."""
        self._closed = True
        self._waiting = None
        self._executor.shutdown(wait=True, cancel_futures=True)
