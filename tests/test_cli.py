"""The command line as users and scripts call it: outputs, exit codes, errors on stderr."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from composer.cli import main


def test_sample_then_export_html_gives_a_complete_newsletter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "s.newsletter"
    assert main(["sample", "-o", str(document)]) == 0
    assert main(["export", str(document), "--format", "html", "-o", str(tmp_path / "out")]) == 0
    html = (tmp_path / "out" / "newsletter.html").read_text(encoding="utf-8")
    visible = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    for css in re.findall(r"<style[^>]*>(.*?)</style>", visible, re.S):
        outside_media = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css).strip()
        assert all("[data-og" in rule for rule in outside_media.split("}") if rule.strip())
    doc = lxml_html.fromstring(html)
    assert doc.xpath("//h2[text()='Planet']")
    assert doc.xpath("//*[text()='Mikael Janson']")
    for img in doc.xpath("//img"):
        assert (tmp_path / "out" / img.get("src")).is_file()
    assert "Exported" in capsys.readouterr().out


def test_render_writes_html_and_text(tmp_path: Path) -> None:
    document = tmp_path / "s.newsletter"
    main(["sample", "-o", str(document)])
    assert (
        main(
            [
                "render",
                str(document),
                "-o",
                str(tmp_path / "a.html"),
                "--text",
                str(tmp_path / "a.txt"),
            ]
        )
        == 0
    )
    assert "<h2" in (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "Planet" in (tmp_path / "a.txt").read_text(encoding="utf-8")


def test_usage_errors_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render"]) == 2
    assert main(["export", "x.newsletter", "--format", "pdf", "-o", "y"]) == 2
    assert main(["render", str(tmp_path / "saknas.newsletter"), "-o", "x.html"]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err
    assert "Traceback" not in err


def test_unwritable_output_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "s.newsletter"
    main(["sample", "-o", str(document)])
    assert main(["render", str(document), "-o", str(tmp_path / "no" / "such" / "x.html")]) == 2
    assert "Cannot write" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_program(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "composer", "sample", "-o", str(tmp_path / "m.newsletter")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "m.newsletter").is_file()
