"""The Swedish user interface: the window's Qt catalog and the core's messages in Swedish."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

import composer
from composer.checks import run_checks
from composer.errors import DocumentLoadError, ExportError
from composer.export import export
from composer.i18n import set_ui_language, translations, ui_language, ui_number
from composer.images import ImageError, probe
from composer.model import Bundle, Settings
from composer.render import relative_resolver, render
from composer.richtext import link_problem
from composer.storage import load

PACKAGE = Path(composer.__file__).resolve().parent
ROOT = PACKAGE.parent
TRANSLATIONS = ROOT / "resources" / "translations"
TS_FILE = TRANSLATIONS / "composer_sv.ts"
QM_FILE = TRANSLATIONS / "composer_sv.qm"
#: The core modules whose messages to the user go through ``_()`` (checks: tests/checks/).
#: Every core module and package (all of composer but the window), found, not listed: a new one
#: is scanned without editing this file.
CORE_MODULES = tuple(
    sorted(
        path.stem if path.is_file() else path.name
        for path in PACKAGE.iterdir()
        if path.name != "gui"
        and ((path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists())
    )
)
#: Core modules that speak to the user and so must mark messages for translation.
SPEAKING_MODULES = (
    "storage",
    "images",
    "export",
    "eml",
    "richtext",
    "model",
    "send",
    "recovery",
    "importers",
)
#: Placeholders of Python's str.format and of Qt's arg().
PLACEHOLDER = re.compile(r"\{\w*\}|%\d+")


@pytest.fixture
def swedish() -> Iterator[None]:
    """The program speaks Swedish, as after the user chose Svenska; English again afterwards."""
    set_ui_language("sv")
    yield
    set_ui_language(None)


def _qt_tool(name: str) -> str:
    """A PySide6 tool of this environment (beside its Python), else the one on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: it comes with PySide6 (pip install PySide6).")
    return found


def _ts_messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    """The live messages of a .ts file by (context, source); vanished and obsolete left out."""
    messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            messages[(name, message.findtext("source") or "")] = translation
    return messages


def _accelerator(text: str) -> int:
    """How many accelerator marks (``&`` not doubled) ``text`` has."""
    return len(re.findall(r"(?<!&)&(?!&)", text))


# --- the window's catalog ----------------------------------------------------------------------


def test_every_text_of_the_window_has_a_swedish_translation() -> None:
    messages = _ts_messages(TS_FILE)
    assert len(messages) > 200
    for (context, source), translation in messages.items():
        assert translation.get("type") != "unfinished", (context, source)
        assert (translation.text or "").strip(), (context, source)


def test_translations_keep_placeholders_and_accelerators() -> None:
    for (context, source), translation in _ts_messages(TS_FILE).items():
        text = translation.text or ""
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
            context,
            source,
        )
        assert _accelerator(text) == _accelerator(source), (context, source, text)


def test_menus_of_the_menu_bar_use_the_words_of_swedish_office_programs() -> None:
    messages = _ts_messages(TS_FILE)
    expected = {
        "&File": "&Arkiv",
        "&Edit": "&Redigera",
        "&Insert": "&Infoga",
        "&View": "&Visa",
        "&Help": "&Hjälp",
        "&Undo": "&Ångra",
        "&Redo": "&Gör om",
        "Open &Recent": "Öppna senas&te",
        "Newsletter &Settings": "Nyhetsbrevs&inställningar",
    }
    for source, swedish in expected.items():
        assert messages[("WindowMenus", source)].text == swedish


@pytest.mark.parametrize(
    "menu",
    [
        (
            "&New",
            "New from Sa&mple",
            "&Open…",
            "Open &Recent",
            "&Save",
            "Save &As…",
            "&Export",
            "Send &Test Mail…",
            "&Quit",
        ),
        (
            "&Undo",
            "&Redo",
            "Dupl&icate Block",
            "&Delete Block",
            "Move Block U&p",
            "Move Block Do&wn",
            "Newsletter &Settings",
        ),
        ("As an &HTML Folder…", "As a &Zip for an Email Service…", "As an &Email Message (.eml)…"),
        ("&File", "&Edit", "&Insert", "F&ormat", "&View", "&Help"),
        (
            "&Desktop Width",
            "&Mobile Width",
            "D&ark Mode Preview",
            "&Toolbar",
            "&Checks Panel",
            "Ne&xt Pane",
            "Pre&vious Pane",
            "Språk / &Language",
        ),
    ],
)
def test_no_two_entries_of_a_swedish_menu_share_an_access_key(menu: tuple[str, ...]) -> None:
    messages = _ts_messages(TS_FILE)
    keys = [
        re.findall(r"(?<!&)&(\w)", messages[("WindowMenus", source)].text or "")[0].lower()
        for source in menu
    ]
    assert len(set(keys)) == len(keys), dict(zip(menu, keys, strict=True))


def test_lupdate_finds_no_text_of_the_window_missing_from_the_catalog(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh_sv.ts"
    sources = sorted(str(path) for path in (PACKAGE / "gui").glob("*.py"))
    subprocess.run(
        [_qt_tool("pyside6-lupdate"), "-silent", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    found = set(_ts_messages(fresh))
    assert len(found) > 200
    committed = set(_ts_messages(TS_FILE))
    assert found - committed == set(), "run pyside6-lupdate and translate the new texts"
    assert committed - found == set(), "texts no longer in the code: run pyside6-lupdate"


def test_the_shipped_qm_is_compiled_from_the_ts_and_qt_finds_it_valid(tmp_path: Path) -> None:
    compiled = tmp_path / "composer_sv.qm"
    # -fail-on-invalid: Qt's own checks of accelerators, whitespace, end punctuation, %1.
    subprocess.run(
        [
            _qt_tool("pyside6-lrelease"),
            "-silent",
            "-fail-on-invalid",
            "-fail-on-unfinished",
            str(TS_FILE),
            "-qm",
            str(compiled),
        ],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == QM_FILE.read_bytes(), "run pyside6-lrelease on the .ts"


# --- the core's messages -----------------------------------------------------------------------

#: Words Swedish writes as English does; the catalog must still list them (see below).
SAME_IN_SWEDISH = frozenset({"Text", "Tips ({count})", "{kind} (block {position})", "{size} MB"})


def test_words_written_alike_in_swedish_are_still_in_the_catalog() -> None:
    catalog = translations("sv")
    for message in SAME_IN_SWEDISH:
        assert message in catalog._catalog  # type: ignore[attr-defined]


def _core_trees(module: str) -> list[ast.Module]:
    """The parsed source of a core module, or of every module of a core package."""
    path = PACKAGE / f"{module}.py"
    paths = [path] if path.exists() else sorted((PACKAGE / module).glob("*.py"))
    return [ast.parse(source.read_text(encoding="utf-8")) for source in paths]


def _core_messages() -> dict[str, list[str]]:
    """Every message text marked with _() or N_() in the core modules, by module."""
    found: dict[str, list[str]] = {}
    for module in CORE_MODULES:
        found[module] = [
            node.args[0].value
            for tree in _core_trees(module)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "N_")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ]
    return found


def test_every_core_message_has_a_swedish_translation_with_the_same_placeholders() -> None:
    catalog = translations("sv")
    found = _core_messages()
    assert set(SPEAKING_MODULES) <= set(CORE_MODULES)
    for module in SPEAKING_MODULES:
        assert found[module], f"no message of {module}.py is marked for translation"
    for message in {message for messages in found.values() for message in messages}:
        translated = catalog.gettext(message)
        assert message in SAME_IN_SWEDISH or translated != message, f"no Swedish for: {message}"
        assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(message)), (
            message
        )


def test_core_errors_never_carry_an_untranslated_message() -> None:
    # A string literal or an f-string given straight to one of our errors escaped _().
    errors = {
        "DocumentLoadError",
        "DocumentSaveError",
        "ImageError",
        "ExportError",
        "ExportCancelled",
        "SendError",
        "RecoveryError",
        "ImportSourceError",
        "_error",  # storage's DocumentLoadError("Cannot open …: {problem}")
    }
    for module in CORE_MODULES:
        for node in (node for tree in _core_trees(module) for node in ast.walk(tree)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in errors:
                for argument in node.args:
                    literal = isinstance(argument, ast.JoinedStr) or (
                        isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                    )
                    assert not literal, f"{module}.py: {ast.unparse(node)}"


# --- the language the program speaks ---------------------------------------------------------


def test_tests_run_in_english() -> None:
    assert ui_language() == "en"


def test_a_chosen_language_wins_over_the_environment(
    monkeypatch: pytest.MonkeyPatch, swedish: None
) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    assert ui_language() == "sv"
    # An environment given explicitly is asked alone: the rule itself stays testable.
    assert ui_language({"LANG": "en_GB.UTF-8"}) == "en"
    set_ui_language(None)
    assert ui_language() == "en"


def test_only_languages_the_program_speaks_can_be_chosen() -> None:
    with pytest.raises(ValueError, match="de"):
        set_ui_language("de")
    assert ui_language() == "en"


def test_numbers_in_messages_follow_the_language(swedish: None) -> None:
    assert ui_number(1_073_741_824) == "1\xa0073\xa0741\xa0824"
    assert ui_number(11.44, 1) == "11,4"
    set_ui_language("en")
    assert ui_number(1_073_741_824) == "1,073,741,824"


def test_opening_a_file_that_is_not_a_newsletter_says_so_in_swedish(
    tmp_path: Path, swedish: None
) -> None:
    path = tmp_path / "brev.newsletter"
    path.write_text("Hej!", encoding="utf-8")
    with pytest.raises(DocumentLoadError) as caught:
        load(path)
    assert str(caught.value) == (
        "Det går inte att öppna ”brev.newsletter”: det är inte en nyhetsbrevsfil (den är inte "
        "ett zip-arkiv). Den kan vara skadad eller av ett annat slag."
    )


def test_the_same_file_in_english_for_an_english_user(tmp_path: Path) -> None:
    path = tmp_path / "letter.newsletter"
    path.write_text("Hello!", encoding="utf-8")
    with pytest.raises(DocumentLoadError, match="it is not a newsletter file"):
        load(path)


def test_a_swedish_user_is_told_in_swedish_why_a_link_is_refused(swedish: None) -> None:
    assert link_problem("www.norrasverige.eu") == (
        "”www.norrasverige.eu” saknar protokoll: skriv den som https://www.norrasverige.eu."
    )
    with pytest.raises(ValueError, match="är inte en e-postadress"):
        Settings(sender_email="info(at)norrasverige.eu")


def test_a_refused_picture_is_explained_in_swedish(swedish: None) -> None:
    with pytest.raises(ImageError) as caught:
        probe(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "logga.svg")
    assert str(caught.value).startswith("logga.svg är en SVG-teckning")


def test_an_export_problem_is_explained_in_swedish(
    tmp_path: Path, sample: Bundle, swedish: None
) -> None:
    (tmp_path / "brev.txt").write_text("annat", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export(sample, tmp_path / "brev.txt", "eml")
    assert "Det går inte att exportera till" in str(caught.value)
    assert "inte är en .eml-fil" in str(caught.value)


def test_checks_speak_the_chosen_language_whatever_the_environment(
    monkeypatch: pytest.MonkeyPatch, sample: Bundle, swedish: None
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    bundle = Bundle(
        sample.newsletter.model_copy(
            update={"settings": sample.newsletter.settings.model_copy(update={"subject": ""})}
        ),
        sample.images,
    )
    findings = run_checks(bundle, render(bundle.newsletter, relative_resolver(bundle.images)))
    assert findings[0].message.startswith("Nyhetsbrevet har ingen ämnesrad.")


def test_the_environment_decides_when_nothing_was_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    assert ui_language() == "sv"
    with pytest.raises(DocumentLoadError, match="Det går inte att öppna"):
        load("saknas.newsletter")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert ui_language() == "en"
