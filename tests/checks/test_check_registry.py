"""The whole run: every check at once, in order, placed and worded for people."""

from __future__ import annotations

import ast
import concurrent.futures
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest
from check_documents import (
    clean_project,
    with_block,
    with_blocks,
    with_settings,
)
from hypothesis import strategies as st

import composer.checks
import composer.checks.registry
from composer.checks import CHECKS, CheckContext, Finding, run_checks
from composer.i18n import translations
from composer.model import Bundle, make_block
from composer.render import RenderResult


def test_the_clean_document_has_no_findings() -> None:
    # Every "quiet" test below changes this document in one way; it must start out clean.
    assert run_checks(clean_project(), language="en") == []


def test_the_sample_newsletter_has_exactly_the_intended_findings(sample: Bundle) -> None:
    # None. The sample is what we show new users as "done right": a subject of 45
    # characters, a preheader that adds to it, unsubscribe and web-version links, described
    # pictures sized for their slots (1600 px photo for a 1200 px need, 400 px logo for 320,
    # 240 px portrait for 192), descriptive link texts ("Läs mer om MaNTT:s riktlinjer",
    # "Läs mer om Planet-projektet"), the default accent, and a 12 KB email.
    assert [f.code for f in run_checks(sample, language="en")] == []


def test_findings_come_errors_first_then_in_reading_order() -> None:
    bundle = with_settings(clean_project(), preheader="", web_version_url="", subject="")
    bundle = with_block(bundle, "planet", image_alt="", headline="PLANET")
    bundle = with_block(bundle, "masthead", title="")
    findings = run_checks(bundle, language="en")
    assert [(f.severity.value, f.code) for f in findings] == [
        ("error", "subject-missing"),
        ("error", "alt-missing"),
        ("warning", "preheader-missing"),
        ("warning", "block-empty"),  # the masthead comes before the article
        ("warning", "headline-all-caps"),
        ("tip", "web-version-missing"),
    ]


def test_findings_name_their_place_for_people() -> None:
    bundle = with_settings(clean_project(), subject="")
    bundle = with_block(bundle, "planet", image_alt="")
    bundle = with_blocks(bundle, make_block("divider", id="linje"), make_block("text", id="t"))
    locations = {f.code: f.location for f in run_checks(bundle, language="en")}
    assert locations["subject-missing"] == "settings (subject)"
    # The block kinds are named as in the window (composer.model.BLOCK_KIND_NAMES).
    assert locations["alt-missing"] == "Article “Planet”"
    assert locations["block-empty"] == "Text (block 4)"
    swedish = {f.code: f.location for f in run_checks(bundle, language="sv")}
    assert swedish["subject-missing"] == "inställningar (ämnesrad)"
    assert swedish["alt-missing"] == "Artikel ”Planet”"


def test_messages_are_swedish_for_a_swedish_user() -> None:
    bundle = with_settings(clean_project(), subject="", accent_color="#ffcc00")
    messages = {f.code: f.message for f in run_checks(bundle, language="sv")}
    assert messages["subject-missing"].startswith("Nyhetsbrevet har ingen ämnesrad.")
    # Numbers are written the Swedish way too.
    assert re.search(r"är bara 1,\d:1", messages["contrast-low"])


def test_two_runs_at_once_each_speak_their_own_language(monkeypatch: pytest.MonkeyPatch) -> None:
    # As when the window checks in the background while the check command runs in English:
    # a rule that waits until both runs are under way makes them overlap.
    both_running = threading.Barrier(2)

    def meeting(context: CheckContext) -> Iterator[Finding]:
        both_running.wait(timeout=10)
        yield from ()

    monkeypatch.setattr(composer.checks.registry, "CHECKS", [meeting, *CHECKS])
    bundle = with_settings(clean_project(), subject="")
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = {
            language: pool.submit(run_checks, bundle, language=language)
            for language in ("sv", "en")
        }
        messages = {language: run.result()[0].message for language, run in runs.items()}
    assert messages["sv"].startswith("Nyhetsbrevet har ingen ämnesrad.")
    assert messages["en"].startswith("The newsletter has no subject.")


#: Every module of the checks package.
CHECK_MODULES = sorted(Path(composer.checks.__file__).parent.glob("*.py"))


def _check_messages(module: Path) -> list[str]:
    """Every message text wrapped in _() or N_() in ``module``."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("_", "N_")
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def test_every_check_message_has_a_swedish_translation_with_the_same_placeholders() -> None:
    catalog = translations("sv")
    messages = [message for module in CHECK_MODULES for message in _check_messages(module)]
    messages.append("Read more about {topic}")
    assert len(messages) > 40
    for message in messages:
        translated = catalog.gettext(message)
        if message not in ("{size} MB", "{kind} (block {position})"):  # same in Swedish
            assert translated != message, f"no Swedish for: {message}"
        assert sorted(re.findall(r"\{\w+\}", translated)) == sorted(
            re.findall(r"\{\w+\}", message)
        ), message


@pytest.mark.parametrize("module", CHECK_MODULES, ids=lambda path: path.name)
def test_the_checks_speak_through_the_cores_one_translation_function(module: Path) -> None:
    # One _ for the whole core: ui_message, in the language run_checks is speaking.
    tree = ast.parse(module.read_text(encoding="utf-8"))
    defined = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    assert "_" not in defined
    if _check_messages(module):
        imports = [
            (node.module, alias.name)
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
            if alias.asname == "_"
        ]
        assert imports == [("composer.i18n", "ui_message")]


@hypothesis.settings(max_examples=60, deadline=None)
@hypothesis.given(
    body=st.text(alphabet=st.sampled_from('<>/"= apbrhef:#.här\u00e5Xi'), max_size=80),
    headline=st.text(max_size=30),
    label=st.text(max_size=20),
)
def test_checks_report_findings_and_never_raise_whatever_the_user_typed(
    body: str, headline: str, label: str
) -> None:
    # Checks are rules that return findings: odd markup or text must never stop them. (The
    # rendering is given, small: this is about the checks, not the renderer.)
    bundle = with_block(clean_project(), "planet", body=body, headline=headline, link_label=label)
    rendered = RenderResult(html="<html></html>", text="")
    for finding in run_checks(bundle, rendered, language="sv"):
        assert finding.message.endswith((".", ")")), finding
        assert finding.location
