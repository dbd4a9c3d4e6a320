"""The command line as users and scripts call it: outputs, exit codes, errors on stderr."""

from __future__ import annotations

import contextlib
import email
import email.policy
import io
import json
import re
import subprocess
import sys
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from composer.cli import main
from composer.i18n import set_ui_language
from composer.model import Bundle, Newsletter
from composer.sample import load_sample
from composer.storage import document_bytes, load, save


def test_sample_then_export_html_gives_a_complete_newsletter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "s.newsletter"
    assert main(["sample", "-o", str(document)]) == 0
    assert main(["export", str(document), "--format", "html", "-o", str(tmp_path / "out")]) == 0
    html = (tmp_path / "out" / "newsletter.html").read_text(encoding="utf-8")
    visible = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    for css in re.findall(r"<style[^>]*>(.*?)</style>", visible, re.S):
        if "light-dark(" in css:
            continue  # the colour pairs Thunderbird can use (tests/test_email_html.py)
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


# --- hostile input: a sentence and exit status 2, never an internal error -------------------


def write_newsletter(path: Path, sample: Bundle, **settings: str) -> Path:
    """``sample`` with changed settings, saved to ``path`` as the program saves."""
    changed = sample.newsletter.settings.model_copy(update=settings)
    sample.newsletter = Newsletter.model_validate(
        {**sample.newsletter.model_dump(), "settings": changed.model_dump()}
    )
    save(sample, path)
    return path


def test_a_swedish_unsubscribe_link_is_ready_to_send_and_exports_encoded(
    sample: Bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = "https://www.northsweden.eu/nyhetsbrev/avregistrera-å"
    document = write_newsletter(tmp_path / "å.newsletter", sample, unsubscribe_url=link)
    assert main(["check", str(document)]) == 0
    eml_file = tmp_path / "nyhetsbrev.eml"
    assert main(["export", str(document), "--format", "eml", "-o", str(eml_file)]) == 0
    message = email.message_from_bytes(eml_file.read_bytes(), policy=email.policy.strict)
    encoded = "https://www.northsweden.eu/nyhetsbrev/avregistrera-%C3%A5"
    assert message["List-Unsubscribe"] == f"<{encoded}>"
    html_part, text_part = message.get_body(("html",)), message.get_body(("plain",))
    assert isinstance(html_part, EmailMessage) and isinstance(text_part, EmailMessage)
    assert encoded in lxml_html.fromstring(html_part.get_content()).xpath("//a/@href")
    assert f"Avregistrera: {encoded}" in text_part.get_content()
    assert "internal error" not in capsys.readouterr().err
    # The document keeps what the user typed.
    assert load(document).newsletter.settings.unsubscribe_url == link


DEEP_BODIES = {
    "emphasis": "<p>" + "<em>" * 250 + "Djupt kursiv" + "</em>" * 250 + "</p>",
    "lists": "<ul><li>" * 130 + "Djupt i listan" + "</li></ul>" * 130,
}


@pytest.mark.parametrize("kind", DEEP_BODIES)
def test_deeply_nested_text_renders_checks_and_exports_in_every_format(
    kind: str, sample: Bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Written by hand, as a hostile file would be: the program's own save never nests so deep.
    data = json.loads(document_bytes(sample.newsletter))
    data["blocks"].append({"type": "text", "id": "deep", "body": DEEP_BODIES[kind]})
    document = tmp_path / "djup.newsletter"
    with zipfile.ZipFile(document, "w") as archive:
        archive.writestr("document.json", json.dumps(data))
        for ref in sample.newsletter.image_refs():
            archive.writestr(f"images/{ref.filename}", sample.images.get(ref))
    shown = "Djupt kursiv" if kind == "emphasis" else "Djupt i listan"
    html = tmp_path / "djup.html"
    text = tmp_path / "djup.txt"
    assert main(["render", str(document), "-o", str(html), "--text", str(text)]) == 0
    page = lxml_html.fromstring(html.read_text(encoding="utf-8"))
    assert shown in page.text_content()
    assert page.xpath("//*[text()='Mikael Janson']")  # what follows the deep block is there
    assert shown in text.read_text(encoding="utf-8")
    assert main(["check", str(document)]) == 0
    assert main(["check", str(document), "--json"]) == 0
    for fmt, name in (("html", "ut"), ("zip", "ut.zip"), ("eml", "ut.eml")):
        assert main(["export", str(document), "--format", fmt, "-o", str(tmp_path / name)]) == 0
    assert "internal error" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("source", "output"),
    [
        ("s.newsletter", "s.newsletter"),
        ("s.newsletter", "./s.newsletter"),
        ("s.newsletter", "../{folder}/s.newsletter"),
        ("s.newsletter", "s.newsletter.bak"),
        ("s.newsletter", "länk.newsletter"),  # a symbolic link to the newsletter
        ("länk.newsletter", "s.newsletter"),
        ("länk.newsletter", "s.newsletter.bak"),  # saving through the link keeps it there
    ],
)
@pytest.mark.parametrize("command", ["render", "html", "zip", "eml"])
def test_an_output_is_never_the_newsletter_or_its_backup(
    command: str,
    source: str,
    output: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["sample", "-o", "s.newsletter"]) == 0
    assert main(["sample", "-o", "s.newsletter"]) == 0  # the second save keeps a backup
    (tmp_path / "länk.newsletter").symlink_to("s.newsletter")
    before = {path: path.read_bytes() for path in tmp_path.iterdir()}
    target = output.format(folder=tmp_path.name)
    if command == "render":
        args = ["render", source, "-o", target]
    else:
        args = ["export", source, "--format", command, "-o", target]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "it is the newsletter" in err and "Traceback" not in err
    assert {path: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_render_refuses_the_same_file_for_html_and_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "s.newsletter"
    main(["sample", "-o", str(document)])
    out = tmp_path / "ut.html"
    assert main(["render", str(document), "-o", str(out), "--text", f"{tmp_path}/./ut.html"]) == 2
    assert "one would overwrite the other" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("to", "reason"),
    [
        ("me@example.org\r\nBcc: x@example.org", "line break"),
        ("me@example.org\nBcc: x@example.org", "line break"),
        ("me@example.org\x00", "control character (U+0000)"),
    ],
)
def test_a_recipient_with_a_line_break_is_refused(
    to: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "s.newsletter"
    main(["sample", "-o", str(document)])
    eml_file = tmp_path / "ut.eml"
    assert main(["export", str(document), "--format", "eml", "-o", str(eml_file), "--to", to]) == 2
    err = capsys.readouterr().err
    assert reason in err and "internal error" not in err
    assert not eml_file.exists()


#: Fields of the settings and of the blocks the hostile documents fill.
HOSTILE_FIELDS = {
    "settings": (
        "subject",
        "preheader",
        "sender_name",
        "sender_email",
        "unsubscribe_url",
        "web_version_url",
        "logo_alt",
    ),
    "article": ("headline", "body", "link_url", "link_label"),
    "text": ("heading", "body"),
    "button": ("label", "url"),
    "contact": ("name", "email", "phone"),
}


@st.composite
def hostile_documents(draw: st.DrawFn) -> tuple[dict[str, str], dict[str, str]]:
    """Hostile text for some of the settings, and a block of a random kind full of it."""
    text = st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=40),
        st.sampled_from(HOSTILE_TEXT),
        st.lists(st.sampled_from(HOSTILE_TEXT), max_size=4).map("".join),
    )
    names = draw(st.sets(st.sampled_from(HOSTILE_FIELDS["settings"])))
    settings = {name: draw(text) for name in names}
    kind = draw(st.sampled_from(["article", "text", "button", "contact"]))
    block = {"type": kind} | {name: draw(text) for name in HOSTILE_FIELDS[kind]}
    return settings, block


HOSTILE_TEXT = (
    "https://exämple.se/å",
    "mailto:åsa@exämple.se",
    "https://x.se/\x00",
    "\r\nBcc: x@y.se",
    "*|UNSUB|*",
    "{{ x }}",
    "{%",
    "{0}",
    "</style>",
    "<!--",
    "]]>",
    "\u202e",
    "\ud800",
    "\ufffe",
    "<em>" * 300,
    "<ul><li>" * 140,
    "<div>" * 300,
    "<a href='https://ä.se/ö'>x</a>",
    "ß",
    "😀",
    "https://i❤.ws/",
    "https://[x.se",
    "%",
    "%%x%%",
    "\\",
    "a@b.se",
    "tel:+46 70",
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(change=hostile_documents())
def test_hostile_documents_get_a_sentence_never_an_internal_error(
    change: tuple[dict[str, str], dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    sample = load_sample()
    data = json.loads(document_bytes(sample.newsletter))
    settings, block = change
    data["settings"].update(settings)
    data["blocks"].append(block)
    document = folder / "fientlig.newsletter"
    with zipfile.ZipFile(document, "w") as archive:
        archive.writestr("document.json", json.dumps(data).encode("utf-8", "surrogatepass"))
        for ref in sample.newsletter.image_refs():
            archive.writestr(f"images/{ref.filename}", sample.images.get(ref))
    runs = [
        ["render", str(document), "-o", str(folder / "ut.html"), "--text", str(folder / "ut.txt")],
        ["check", str(document), "--json"],
        ["export", str(document), "--format", "eml", "-o", str(folder / "ut.eml")],
    ]
    for args in runs:
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
            status = main(args)
        event(f"{args[0]} exit status {status}")
        assert status in (0, 1, 2)
        assert "internal error" not in errors.getvalue(), errors.getvalue()


def test_a_swedish_user_is_told_in_swedish_why_the_output_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "s.newsletter"
    main(["sample", "-o", str(document)])
    set_ui_language("sv")
    try:
        assert main(["render", str(document), "-o", str(document)]) == 2
    finally:
        set_ui_language(None)
    assert "det är nyhetsbrevet" in capsys.readouterr().err


def test_an_image_base_url_with_swedish_letters_gives_ascii_image_addresses(
    tmp_path: Path,
) -> None:
    document = tmp_path / "s.newsletter"
    main(["sample", "-o", str(document)])
    out = tmp_path / "ut"
    base = "https://www.exämple.se/nyhetsbrev/höst/"
    assert (
        main(
            ["export", str(document), "--format", "html", "-o", str(out), "--image-base-url", base]
        )
        == 0
    )
    sources = lxml_html.fromstring((out / "newsletter.html").read_bytes()).xpath("//img/@src")
    assert sources
    assert all(
        src.startswith("https://www.xn--exmple-cua.se/nyhetsbrev/h%C3%B6st/") for src in sources
    )
