"""Work off the GUI thread: the checks runner reports in the language of whoever asked."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from composer.document import Document
from composer.gui.background import ChecksRunner
from composer.gui.open_document import DocumentHolder, OpenDocument
from composer.i18n import speaking
from composer.model import Bundle
from composer.render import relative_resolver, render


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
