"""Work off the GUI thread: one job base (results, errors, cancel, by signal); the checks."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from composer.document import Document
from composer.gui.background import BackgroundJob, ChecksRunner
from composer.gui.open_document import DocumentHolder, OpenDocument
from composer.i18n import speaking, ui_language
from composer.model import Bundle
from composer.render import relative_resolver, render


class Counting(BackgroundJob):
    """Counts to three, saying so, and returns the thread it ran on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("counting", parent)

    def work(self) -> object:
        for step in range(1, 4):
            self.progressed.emit(step, 3, f"counted {step}")
        return threading.current_thread().name


class Broken(BackgroundJob):
    """Fails as a bug would."""

    def __init__(self) -> None:
        super().__init__("broken")

    def work(self) -> object:
        raise ValueError("a rule broke")


class Patient(BackgroundJob):
    """Waits until it is cancelled, as an export between two pictures does."""

    def __init__(self) -> None:
        super().__init__("patient")
        self.started = threading.Event()

    def work(self) -> object:
        self.started.set()
        while not self.is_cancelled():
            time.sleep(0.005)
        return "stopped early"


def test_the_work_runs_off_the_gui_thread_and_reports_on_it(qtbot: QtBot) -> None:
    job = Counting()
    seen: list[tuple[int, int, str, str]] = []
    job.progressed.connect(
        lambda step, total, text: seen.append((step, total, text, threading.current_thread().name))
    )
    with qtbot.waitSignal(job.finished, timeout=10_000) as finished:
        job.start()
    assert finished.args == ["counting"]  # the work ran on the job's own thread
    main = threading.main_thread().name
    assert seen == [(step, 3, f"counted {step}", main) for step in (1, 2, 3)]
    # The finished signal can arrive a moment before the thread marks the work done.
    qtbot.waitUntil(lambda: not job.is_running(), timeout=5_000)


def test_an_exception_comes_as_failed_and_never_as_a_result(qtbot: QtBot) -> None:
    job = Broken()
    with (
        qtbot.assertNotEmitted(job.finished),
        qtbot.waitSignal(job.failed, timeout=10_000) as failed,
    ):
        job.start()
    [error] = failed.args
    assert isinstance(error, ValueError)
    assert str(error) == "a rule broke"


def test_cancel_ends_the_work_early(qtbot: QtBot) -> None:
    job = Patient()
    job.start()
    assert job.started.wait(10)
    assert job.is_running()
    with qtbot.waitSignal(job.finished, timeout=10_000) as finished:
        job.cancel()
    assert job.is_cancelled()
    assert finished.args == ["stopped early"]


def test_a_job_runs_once(qtbot: QtBot) -> None:
    job = Counting()
    with qtbot.waitSignal(job.finished, timeout=10_000):
        job.start()
    with pytest.raises(RuntimeError, match="started already"):
        job.start()


def test_a_job_released_from_its_own_signal_goes_once_its_thread_is_done(qtbot: QtBot) -> None:
    job = Counting()
    job.finished.connect(lambda _result: job.release())
    with qtbot.waitSignal(job.destroyed, timeout=10_000):
        job.start()
    assert not shiboken6.isValid(job)


def test_frequent_work_runs_on_a_thread_its_owner_keeps(qtbot: QtBot) -> None:
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kept") as executor:
        for _ in range(2):
            job = Counting()
            with qtbot.waitSignal(job.finished, timeout=10_000) as finished:
                job.start(executor)
            assert finished.args[0].startswith("kept")


class Speaking(BackgroundJob):
    """Says which language the program speaks on the job's thread."""

    def __init__(self) -> None:
        super().__init__("speaking")

    def work(self) -> object:
        return ui_language()


def test_a_job_speaks_the_language_of_the_thread_that_started_it(qtbot: QtBot) -> None:
    job = Speaking()
    with qtbot.waitSignal(job.finished, timeout=10_000) as finished, speaking("sv"):
        job.start()
    assert finished.args == ["sv"]
    assert ui_language() == "en"  # the test thread's own, once the block is left


def test_the_checks_runner_speaks_the_language_of_the_thread_that_asked(
    qtbot: QtBot, sample: Bundle
) -> None:
    settings = sample.newsletter.settings.model_copy(update={"subject": ""})
    bundle = Bundle(sample.newsletter.model_copy(update={"settings": settings}), sample.images)
    rendered = render(bundle.newsletter, relative_resolver(bundle.images))
    runner = ChecksRunner(DocumentHolder(OpenDocument(Document(bundle))))
    try:
        with qtbot.waitSignal(runner.findings_ready, timeout=15_000) as ready, speaking("sv"):
            runner.run(bundle, rendered)
    finally:
        runner.close()
    assert ready.args is not None
    assert ready.args[0][0].message.startswith("Nyhetsbrevet har ingen ämnesrad.")
