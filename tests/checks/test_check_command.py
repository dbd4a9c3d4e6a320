"""The check command: findings grouped for people, JSON for machines, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_documents import (
    with_block,
    with_blocks,
    with_settings,
)

from composer.cli import main
from composer.model import Bundle, make_block
from composer.storage import save


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command speaks English, whatever the machine running the tests is set to."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.setenv("COLUMNS", "100")


def bad_project(sample: Bundle) -> Bundle:
    """The sample with the mistakes a hurried sender makes."""
    bundle = with_settings(sample, subject="", preheader="", accent_color="#ffcc00")
    body = (
        '<p>Programmet finns <a href="https://example.se/p">här</a>, och '
        '<a href="javascript:void(0)">anmälan</a> också.</p>'
    )
    bundle = with_block(bundle, "planet", image_alt="", body=body)
    return with_blocks(bundle, make_block("button", id="knapp", label="Anmäl dig"))


def test_check_on_the_sample_exits_0_and_says_it_is_ready(
    tmp_path: Path, sample: Bundle, english: None, capsys: pytest.CaptureFixture[str]
) -> None:
    save(sample, tmp_path / "sample.newsletter")
    assert main(["check", str(tmp_path / "sample.newsletter")]) == 0
    assert capsys.readouterr().out == "No problems found: the newsletter is ready to send.\n"


def test_check_on_a_bad_document_exits_1_with_grouped_actionable_findings(
    tmp_path: Path, sample: Bundle, english: None, capsys: pytest.CaptureFixture[str]
) -> None:
    save(bad_project(sample), tmp_path / "bad.newsletter")
    assert main(["check", str(tmp_path / "bad.newsletter")]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Errors – fix these before sending (4)"
    assert lines.index("Errors – fix these before sending (4)") < lines.index(
        "Warnings – worth fixing (3)"
    )
    assert lines[-1] == "Errors: 4 · Warnings: 3 · Tips: 0"
    # Each finding: its place on one line, then the message, indented and wrapped.
    places = [line[4:] for line in lines if line.startswith("  • ")]
    assert places == [
        "settings (subject)",
        "Article “Planet”",
        "Article “Planet”",
        "Button “Anmäl dig”",
        "settings (preview text)",
        "settings (accent colour)",
        "Article “Planet”",
    ]
    assert all(len(line) <= 100 for line in lines)
    text = " ".join(line.strip() for line in lines)
    assert "The newsletter has no subject. Write one in the settings" in text
    assert "The link on the words “anmälan” was removed" in text
    assert "The link text “här” says nothing about where the link leads" in text


def test_check_json_is_for_machines(
    tmp_path: Path, sample: Bundle, english: None, capsys: pytest.CaptureFixture[str]
) -> None:
    save(bad_project(sample), tmp_path / "bad.newsletter")
    assert main(["check", str(tmp_path / "bad.newsletter"), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["counts"] == {"error": 4, "warning": 3, "tip": 0}
    first = report["findings"][0]
    assert first == {
        "severity": "error",
        "code": "subject-missing",
        "message": first["message"],
        "block_id": None,
        "field": "subject",
        "location": "settings (subject)",
    }
    assert {"code": "alt-missing", "block_id": "planet", "field": "image_alt"}.items() <= (
        report["findings"][1].items()
    )


def test_check_exits_0_when_there_are_only_warnings(
    tmp_path: Path, sample: Bundle, english: None, capsys: pytest.CaptureFixture[str]
) -> None:
    save(with_settings(sample, preheader=""), tmp_path / "w.newsletter")
    assert main(["check", str(tmp_path / "w.newsletter")]) == 0
    assert "Warnings – worth fixing (1)" in capsys.readouterr().out


def test_check_exits_2_for_a_file_that_is_not_a_newsletter(
    tmp_path: Path, english: None, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "brev.newsletter").write_text("hej", encoding="utf-8")
    assert main(["check", str(tmp_path / "brev.newsletter")]) == 2
    assert main(["check", str(tmp_path / "saknas.newsletter")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "brev.newsletter" in captured.err
    assert "Traceback" not in captured.err


def test_check_speaks_swedish_to_a_swedish_user(
    tmp_path: Path,
    sample: Bundle,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    save(bad_project(sample), tmp_path / "bad.newsletter")
    assert main(["check", str(tmp_path / "bad.newsletter")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Fel – rätta dessa innan du skickar (4)\n  • inställningar (ämnesrad)\n")
    assert "Länktexten ”här” säger inget om vart länken leder" in " ".join(out.split())
