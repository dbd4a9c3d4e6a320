"""Spelling: what is found and what is skipped, in both languages; suggestions; the word list."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from composer.errors import SpellingError
from composer.model import BLOCK_CLASSES, Organisation, Settings
from composer.spelling import (
    SPELLED_FIELDS,
    UNSPELLED_FIELDS,
    WORD_LIST_HEADER,
    WORD_LIST_NAME,
    SpellChecker,
    dictionaries_loaded,
    dictionary_files,
    load_dictionaries,
)

#: A misspelt word in each language, in a sentence, and the word meant.
MISSPELT = {
    "sv": ("Det var ett sammarbetsprojekt i Bryssel.", "sammarbetsprojekt", "samarbetsprojekt"),
    "en": ("The office will recieve the report in Brussels.", "recieve", "receive"),
}
#: Text no dictionary holds that must never be called misspelt, in either language.
NEVER_MISSPELT = [
    "Norrbotten",
    "https://www.northsweden.eu/nyhetsbrev/planet-projektet",
    "www.northsweden.eu/planet",
    "northsweden.eu",
    "mailto:mikael.janson@northsweden.eu",
    "mikael.janson@northsweden.eu",
    "*|FNAME|*",
    "*|UNSUB|*",
    "{{ first_name }}",
    "%%Förnamn%%",
    "SERN",
    "EFC:s",
    "IMG_5383",
    "2012",
]


def words_found(text: str, language: str, checker: SpellChecker | None = None) -> list[str]:
    checker = checker or SpellChecker()
    found = checker.misspellings(text, language)
    # Every misspelling points at its word in the text.
    assert all(text[m.start : m.end] == m.word for m in found)
    return [m.word for m in found]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_misspelt_word_is_found(language: str) -> None:
    sentence, wrong, _meant = MISSPELT[language]
    assert words_found(sentence, language) == [wrong]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("text", NEVER_MISSPELT)
def test_names_links_addresses_merge_tags_acronyms_and_numbers_are_not(
    language: str, text: str
) -> None:
    sentence, wrong, _meant = MISSPELT[language]
    # Beside a misspelt word, which is still found: the checker did look at the sentence.
    assert words_found(f"{sentence} {text} {wrong}", language) == [wrong, wrong]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_suggestions_offer_the_word_meant(language: str) -> None:
    _sentence, wrong, meant = MISSPELT[language]
    assert meant in SpellChecker().suggestions(wrong, language)


def test_swedish_text_the_way_it_is_written() -> None:
    text = (
        "SERN-projektet och EU-kommissionen, t.ex. projekt- och programplanering i "
        "Piteå, Kalix och Älvsbyn; e-plattformen. Läs mer om MaNTT:s riktlinjer."
    )
    assert words_found(text, "sv") == []


def test_english_titles_in_swedish_text_are_not_misspellings() -> None:
    text = (
        'Projektet Managing Networks of Twinned Towns och publikationen "The Citizens '
        'Effect" från Sweden-Emilia-Romagna Network.'
    )
    assert words_found(text, "sv") == []
    # One English word on its own is not a title.
    assert words_found("Projektet är managing.", "sv") == ["managing"]


def test_swedish_names_in_english_text_are_not_misspellings() -> None:
    text = "Norrbotten, Luleå’s university and the Jokkmokk market are in North Sweden."
    assert words_found(text, "en") == []
    # Swedish words that are not names are still not English.
    assert words_found("The seminarium was held.", "en") == ["seminarium"]


def test_a_word_being_the_end_of_a_sentence_or_a_line_is_still_a_word() -> None:
    assert words_found("Slutet.\nFramgångsrrika,", "sv") == ["Framgångsrrika"]


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300), language=st.sampled_from(["sv", "en"]))
def test_any_text_is_checked_without_error(text: str, language: str) -> None:
    words_found(text, language)


def test_the_dictionaries_are_installed_with_the_program() -> None:
    load_dictionaries("sv")
    assert dictionaries_loaded("sv") and dictionaries_loaded("en")
    for language in ("sv", "en"):
        aff, dic = dictionary_files(language)
        assert aff.suffix == ".aff" and dic.stat().st_size > 100_000


def test_a_missing_dictionary_is_named_with_the_package_that_brings_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(name: str) -> importlib.metadata.Distribution:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", missing)
    with pytest.raises(SpellingError, match=r"Swedish spelling dictionary .* hunspell-sv"):
        dictionary_files("sv")


# --- the user's words ----------------------------------------------------------------------


def test_an_added_word_is_spelt_right_from_then_on_and_in_the_next_session(
    tmp_path: Path,
) -> None:
    checker = SpellChecker(tmp_path / "data")
    assert words_found("Leymann skrev.", "sv", checker) == ["Leymann"]
    checker.add("Leymann")
    assert words_found("Leymann skrev.", "sv", checker) == []
    # Written at once, atomically (nothing else left in the folder), read by the next start.
    assert [p.name for p in (tmp_path / "data").iterdir()] == [WORD_LIST_NAME]
    lines = (tmp_path / "data" / WORD_LIST_NAME).read_text(encoding="utf-8").splitlines()
    assert lines == [WORD_LIST_HEADER, "Leymann"]
    assert words_found("Leymann skrev.", "sv", SpellChecker(tmp_path / "data")) == []
    # In either language.
    assert words_found("Leymann wrote.", "en", SpellChecker(tmp_path / "data")) == []


def test_a_word_added_in_lower_case_is_right_with_a_capital_too(tmp_path: Path) -> None:
    checker = SpellChecker(tmp_path)
    checker.add("nyhetsbrevsmall")
    assert words_found("Nyhetsbrevsmall och nyhetsbrevsmall.", "sv", checker) == []
    checker.add("Leymann")
    assert words_found("leymann", "sv", checker) == ["leymann"]


def test_adding_keeps_the_words_another_window_added_meanwhile(tmp_path: Path) -> None:
    first, second = SpellChecker(tmp_path), SpellChecker(tmp_path)
    first.add("Leymann")
    second.add("Janson")
    assert words_found("Leymann och Janson", "sv", SpellChecker(tmp_path)) == []


def test_an_ignored_word_is_right_until_the_program_ends(tmp_path: Path) -> None:
    checker = SpellChecker(tmp_path)
    checker.ignore("Romagnolo")
    assert words_found("Romagnolo", "sv", checker) == []
    assert not (tmp_path / WORD_LIST_NAME).exists()
    assert words_found("Romagnolo", "sv", SpellChecker(tmp_path)) == ["Romagnolo"]


def test_what_is_not_one_word_is_not_added(tmp_path: Path) -> None:
    checker = SpellChecker(tmp_path)
    for text in ("", "två ord", "x" * 101):
        with pytest.raises(SpellingError, match="not one word"):
            checker.add(text)
    assert not (tmp_path / WORD_LIST_NAME).exists()


def test_a_damaged_word_list_is_left_alone_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / WORD_LIST_NAME
    path.write_bytes(b"Leymann\n\xff\xfe trasig\n")
    checker = SpellChecker(tmp_path)
    assert checker.word_list_problem is not None
    assert str(path) in checker.word_list_problem and "UTF-8" in checker.word_list_problem
    with pytest.raises(SpellingError, match="UTF-8"):
        checker.add("Janson")
    # Accepted for the session all the same, but the user's file is not overwritten.
    assert words_found("Janson", "sv", checker) == []
    assert path.read_bytes() == b"Leymann\n\xff\xfe trasig\n"


def test_a_word_list_written_by_hand_is_read(tmp_path: Path) -> None:
    (tmp_path / WORD_LIST_NAME).write_text(
        "\ufeff# mina ord\n  Leymann  \n\nJanson\nmed mellanslag\n", encoding="utf-8"
    )
    checker = SpellChecker(tmp_path)
    assert checker.added_words == {"Leymann", "Janson"}


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_word_list_that_cannot_be_written_says_so_and_keeps_the_word() -> None:
    # Nobody, root included, can make a folder in /proc.
    checker = SpellChecker(Path("/proc/self/newsletter-composer"))
    with pytest.raises(SpellingError, match=r"could not be added .* folder can be written"):
        checker.add("Leymann")
    assert words_found("Leymann", "sv", checker) == []


def test_a_word_list_folder_that_is_a_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("en fil", encoding="utf-8")
    checker = SpellChecker(tmp_path / "data")
    assert checker.word_list_problem is not None
    with pytest.raises(SpellingError, match="could not be read"):
        checker.add("Leymann")
    assert words_found("Leymann", "sv", checker) == []
    assert (tmp_path / "data").read_text(encoding="utf-8") == "en fil"


# --- which fields are checked --------------------------------------------------------------


def _text_fields(model: type[Settings] | type[Organisation], prefix: str = "") -> set[str]:
    names: set[str] = set()
    for name, info in model.model_fields.items():
        if info.annotation is Organisation:
            names |= _text_fields(Organisation, f"{name}.")
        elif info.annotation is str:
            names.add(prefix + name)
    return names


def test_every_text_field_is_either_checked_or_deliberately_not() -> None:
    tables = {"settings": Settings, **BLOCK_CLASSES}
    assert set(SPELLED_FIELDS) == set(UNSPELLED_FIELDS) == set(tables)
    for kind, model in tables.items():
        fields = {name for name in _text_fields(model) if name not in ("id", "type", "style")}
        assert set(SPELLED_FIELDS[kind]) | set(UNSPELLED_FIELDS[kind]) == fields, kind
        assert not set(SPELLED_FIELDS[kind]) & set(UNSPELLED_FIELDS[kind]), kind
