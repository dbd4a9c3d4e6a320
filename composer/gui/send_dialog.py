"""File → Send Test Mail: the newsletter to the officer's own inbox, over their mail server.

The server fields are remembered in the user's preferences; the password only for this session,
and only if the user asks (it is never written to disk). Sending runs on a thread of its own,
so the window stays responsive while the pictures are prepared and the server answers.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from composer.gui import dialogs
from composer.gui.background import BackgroundJob
from composer.gui.preferences import Preferences
from composer.model import Bundle
from composer.send import DEFAULT_PORTS, SECURITIES, Security, SmtpSettings, send_test

_SECURITY_LABELS: Final = {
    "starttls": "STARTTLS",
    "ssl": "SSL/TLS",
    "none": "",  # translated in the dialog: it needs a warning
}


class SendJob(BackgroundJob):
    """One test mail; ``finished`` (with None) once the server has taken it."""

    def __init__(
        self,
        bundle: Bundle,
        to: list[str],
        server: SmtpSettings,
        password: str | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__("send-test", parent)
        self.bundle = bundle
        self.to = to
        self.server = server
        self.password = password

    def work(self) -> None:
        """Build the message and hand it to the server."""
        send_test(self.bundle, self.to, self.server, self.password, progress=self.progressed.emit)


class SendDialog(QDialog):
    """Asks whom to send the test mail to and through which server, then sends it.

    The dialog closes (accepted) once the server has taken the mail; an error is shown and
    the dialog stays open for the user to correct the settings.

    Args:
        parent: the window.
        bundle: the newsletter to send (a snapshot: it does not change while sending).
        preferences: where the server fields are remembered.
        password: a password remembered for this session, or None.

    Signals:
        sent(str): the mail was sent; the recipients as typed.
    """

    sent = Signal(str)

    def __init__(
        self,
        parent: QWidget | None,
        bundle: Bundle,
        preferences: Preferences,
        password: str | None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sendDialog")
        self.setWindowTitle(self.tr("Send Test Mail"))
        self.bundle = bundle
        self.preferences = preferences
        self.job: SendJob | None = None
        self.remembered_password: str | None = password

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The newsletter is sent as it will look, with “[Test]” before the subject, "
                "so you can see it in your own mail program."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)

        settings = bundle.newsletter.settings
        self.recipients = QLineEdit(preferences.test_recipients or settings.sender_email)
        self.recipients.setPlaceholderText(self.tr("name@example.org, another@example.org"))
        self.recipients.setMinimumWidth(340)
        form.addRow(self.tr("&To:"), self.recipients)
        self.host = QLineEdit(preferences.smtp_host)
        self.host.setPlaceholderText(self.tr("e.g. smtp.office365.com"))
        form.addRow(self.tr("Mail ser&ver:"), self.host)
        self.security = QComboBox()
        labels = dict(_SECURITY_LABELS)
        labels["none"] = self.tr("None (only for a server on this computer)")
        for security in SECURITIES:
            self.security.addItem(labels[security], security)
        self.security.setCurrentIndex(max(0, self.security.findData(preferences.smtp_security)))
        form.addRow(self.tr("S&ecurity:"), self.security)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(preferences.smtp_port or DEFAULT_PORTS[self._security()])
        form.addRow(self.tr("&Port:"), self.port)
        self.user = QLineEdit(preferences.smtp_user)
        self.user.setPlaceholderText(self.tr("empty if the server needs no login"))
        form.addRow(self.tr("&User name:"), self.user)
        self.password = QLineEdit(password or "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Pass&word:"), self.password)
        self.remember = QCheckBox(self.tr("&Remember the password until the program closes"))
        self.remember.setChecked(password is not None)
        form.addRow("", self.remember)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.status = QLabel()
        self.status.setObjectName("sendStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = QPushButton(self.tr("&Send"))
        self.send_button.setDefault(True)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.send_button.clicked.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.security.currentIndexChanged.connect(self._security_changed)
        self._previous_security = self._security()

    def _security(self) -> Security:
        value = self.security.currentData()
        return value if value in SECURITIES else "starttls"

    def _security_changed(self) -> None:
        # Follow the usual port of the new kind of connection unless the user chose another.
        if self.port.value() == DEFAULT_PORTS[self._previous_security]:
            self.port.setValue(DEFAULT_PORTS[self._security()])
        self._previous_security = self._security()

    def server(self) -> SmtpSettings:
        """The server as filled in."""
        return SmtpSettings(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=self._security(),
            user=self.user.text().strip(),
        )

    def is_sending(self) -> bool:
        """Whether a mail is on its way."""
        return self.job is not None

    def send(self) -> None:
        """Remember the fields and send the test mail off the GUI thread."""
        if self.job is not None:
            return
        server = self.server()
        self.preferences.smtp_host = server.host
        self.preferences.smtp_port = server.effective_port
        self.preferences.smtp_security = server.security
        self.preferences.smtp_user = server.user
        self.preferences.test_recipients = self.recipients.text().strip()
        password = self.password.text() if server.user else None
        job = SendJob(self.bundle, [self.recipients.text()], server, password, self)
        self.job = job
        job.progressed.connect(self._progressed)
        job.finished.connect(self._delivered)
        job.failed.connect(self._finished)
        self._set_busy(True, self.tr("Preparing pictures…"))
        job.start()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        for widget in (
            self.recipients,
            self.host,
            self.security,
            self.port,
            self.user,
            self.password,
            self.remember,
            self.send_button,
        ):
            widget.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy)
        self.busy.setVisible(busy)
        self.status.setText(text)
        self.status.setVisible(busy)

    def _progressed(self, step: int, total: int, message: str) -> None:
        if self.job is None:
            return
        self.busy.setRange(0, max(total, 1))
        self.busy.setValue(min(step, max(total, 1)))
        self.status.setText(message)

    def _delivered(self, _result: object) -> None:
        self._finished(None)

    def _finished(self, error: BaseException | None) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.release()
        self._set_busy(False)
        if error is not None:
            dialogs.show_error(self, error)
            return
        remember = self.remember.isChecked() and bool(self.user.text().strip())
        self.remembered_password = self.password.text() if remember else None
        self.sent.emit(self.recipients.text().strip())
        self.accept()

    def reject(self) -> None:
        """Override: the dialog stays while the mail is on its way (the server has it)."""
        if self.job is None:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Override: not while sending; the server answers within its timeout."""
        if self.job is not None:
            event.ignore()
            return
        super().closeEvent(event)
