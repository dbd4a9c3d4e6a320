"""The newsletter leaving the window: export to a folder, zip or .eml, and the test mail.

Each runs the pre-flight checks first and, when they find errors or new warnings, lists them
and asks whether to go on or fix first. Then each asks where (or to whom), and works off the
GUI thread: the export with a progress dialog that can cancel it, the test mail in its own
dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from composer.checks import Finding, Severity
from composer.errors import ExportCancelled
from composer.export import Format, slug
from composer.gui import dialogs
from composer.gui.background import ExportJob
from composer.gui.open_document import DocumentHolder, OpenDocument
from composer.gui.preferences import Preferences
from composer.gui.send_dialog import SendDialog
from composer.model import Bundle

#: What identifies a warning the user already chose to export past.
_Key = tuple[str, str | None, str | None]


def _key(finding: Finding) -> _Key:
    return (finding.code, finding.block_id, finding.field)


class Exporter(QObject):
    """Exports the open document and sends it as a test mail.

    Args:
        window: asks the questions and shows what happened in its status bar.
        holder: the open document.
        preferences: the last folder, and the test mail's server and recipients.
        check: runs the pre-flight checks on a snapshot (with the window's spell checker).

    Signals:
        finished(object, object): an export ended: the file written or None, and the error
            or None (ExportCancelled when the user cancelled).
        fix_requested(object): the user chose "Fix First"; the first finding listed.
    """

    finished = Signal(object, object)
    fix_requested = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        holder: DocumentHolder,
        preferences: Preferences,
        check: Callable[[Bundle], list[Finding]],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._holder = holder
        self._preferences = preferences
        self._check = check
        # Warnings the user has gone past once are not asked about again for this document:
        # exporting to look at the result is frequent, and the panel still lists them.
        self._accepted: set[_Key] = set()
        holder.replaced.connect(self._document_replaced)
        self._job: ExportJob | None = None
        self._warnings: list[str] = []
        #: The progress dialog of the export under way.
        self.progress: QProgressDialog | None = None
        # The SMTP password, if the user asked to remember it for this session; never on disk.
        self._smtp_password: str | None = None

    def is_exporting(self) -> bool:
        """Whether an export is under way."""
        return self._job is not None

    def export(self, fmt: Format, *, draft: bool = False) -> None:
        """Ask where to export, then export off the GUI thread with a progress dialog.

        Args:
            fmt: the format.
            draft: eml only: a draft to send from the user's mail program (X-Unsent).
        """
        if self._job is not None:
            return
        if not self._cleared(self.tr("Export &Anyway"), self.tr("&Export")):
            return
        document = self._holder.current
        stem = slug(document.document.settings.subject) or "newsletter"
        folder = Path(self._preferences.last_folder or Path.home())
        captions = {
            "html": (self.tr("Export as HTML Folder"), self.tr("Folder (*)"), ""),
            "zip": (self.tr("Export as Zip"), self.tr("Zip archives (*.zip)"), "zip"),
            "eml": (self.tr("Export as Email Message"), self.tr("Email messages (*.eml)"), "eml"),
        }
        caption, file_filter, suffix = captions[fmt]
        if draft:
            caption = self.tr("Export as a Draft to Send")
        suggestion = folder / (f"{stem}.{suffix}" if suffix else stem)
        name = dialogs.export_target_name(
            self._window, caption, str(suggestion), file_filter, suffix
        )
        if not name:
            return
        job = ExportJob(document.snapshot(), Path(name), fmt, self, draft=draft)
        self._job = job
        self._warnings = []
        self.progress = dialogs.progress_dialog(
            self._window, caption, self.tr("Preparing pictures…")
        )
        self.progress.canceled.connect(job.cancel)
        job.progressed.connect(self._progressed)
        job.warned.connect(self._warnings.append)
        job.finished.connect(self._exported)
        job.failed.connect(self._failed)
        job.start()

    def _cleared(self, past_errors: str, past_warnings: str) -> bool:
        """Check the newsletter; with errors or new warnings, ask whether to go on.

        Args:
            past_errors: the button that goes on past errors ("Export &Anyway").
            past_warnings: the button that goes on past warnings only ("&Export").

        Returns:
            True to go on; False when the user chose to fix first (``fix_requested`` is
            emitted with the first finding listed).
        """
        findings = self._check(self._holder.current.snapshot())
        errors = [f for f in findings if f.severity is Severity.ERROR]
        warnings = [
            f for f in findings if f.severity is Severity.WARNING and _key(f) not in self._accepted
        ]
        if not errors and not warnings:
            return True
        proceed = past_errors if errors else past_warnings
        if dialogs.ask_past_findings(self._window, errors, warnings, proceed):
            self._accepted.update(_key(f) for f in warnings)
            return True
        self.fix_requested.emit((errors or warnings)[0])
        return False

    def _document_replaced(self, _document: OpenDocument) -> None:
        self._accepted.clear()

    def _progressed(self, step: int, total: int, message: str) -> None:
        progress = self.progress
        if progress is None or progress.wasCanceled():
            return
        progress.setLabelText(message)
        progress.setMaximum(max(total, 1))
        # Last: a window-modal progress dialog processes events in setValue, and the export
        # may finish (and the dialog go) right there.
        progress.setValue(min(step, max(total, 1)))

    def _end(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        job, self._job = self._job, None
        if job is not None:
            job.release()

    def _exported(self, path: Path) -> None:
        self._end()
        status = self._window.statusBar()
        status.showMessage(self.tr("Exported to {path}").format(path=path), 8000)
        if self._warnings:
            dialogs.show_information(
                self._window,
                self.tr("The newsletter was exported to {path}, with these remarks:").format(
                    path=path
                ),
                "\n\n".join(self._warnings),
            )
        self.finished.emit(path, None)

    def _failed(self, error: BaseException) -> None:
        self._end()
        if isinstance(error, ExportCancelled):
            self._window.statusBar().showMessage(
                self.tr("Export cancelled; nothing was written."), 5000
            )
        else:
            dialogs.show_error(self._window, error)
        self.finished.emit(None, error)

    # --- the test mail ---------------------------------------------------------------------

    def send_test_mail(self) -> None:
        """Ask for the recipients and the mail server, then send a test mail off the GUI thread.

        With errors or new warnings, the checks' summary comes first.
        """
        if not self._cleared(self.tr("Send &Anyway"), self.tr("&Send")):
            return
        dialog = SendDialog(
            self._window, self._holder.current.snapshot(), self._preferences, self._smtp_password
        )
        dialog.sent.connect(self._test_mail_sent)
        try:
            dialogs.run_dialog(dialog)
            self._smtp_password = dialog.remembered_password
        finally:
            dialog.deleteLater()

    def _test_mail_sent(self, recipients: str) -> None:
        self._window.statusBar().showMessage(
            self.tr("Test mail sent to {recipients}.").format(recipients=recipients), 8000
        )
