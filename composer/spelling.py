"""Spelling: a Hunspell dictionary per newsletter language, the user's word list, words to skip.

The checker is Hunspell itself (``chunspell``: compiled, with wheels for Linux, macOS and
Windows, bringing ``libhunspell`` and the en_US dictionary); the Swedish dictionary comes from
the ``hunspell-sv`` package. The window underlines what ``SpellChecker.misspellings`` finds as
the user types, and the pre-flight check lists the same words, so both skip the same things:
links, email addresses, email services' merge tags, words in capitals (acronyms such as EU,
SERN) and words with digits or underscores (IMG_5383).

Checking a word costs Hunspell some tens of microseconds; every answer is kept, so text typed
again or checked again (the checks run after every edit) costs a dictionary lookup. Hunspell's
last way of finding suggestions, comparing the word with every word of the dictionary
("n-gram" suggestions), takes one to two seconds per word with the Swedish dictionary: it is
turned off, and the suggestions come from Hunspell's typing-mistake rules (swapped, missing,
doubled and mistyped letters, its replacement table), which take a few milliseconds.

The user's word list is a UTF-8 text file in the user's data folder (the caller names the
folder, so the core needs no knowledge of where a platform keeps it): a comment line, then one
word a line. It is read once and rewritten atomically, merged with what is on disk, whenever
the user adds a word.
"""

from __future__ import annotations

import functools
import importlib.metadata
import itertools
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from composer import atomic
from composer.errors import SpellingError
from composer.i18n import N_
from composer.i18n import ui_message as _
from composer.links import MERGE_TAG
from composer.regular_file import FileTooLarge, read_regular

#: The Hunspell dictionary of each newsletter language.
DICTIONARY_NAMES: Final = {"sv": "sv_SE", "en": "en_US"}
#: Each newsletter language by its name, for messages (translated where shown).
LANGUAGE_NAMES: Final = {"sv": N_("Swedish"), "en": N_("English")}
# Names in a newsletter in one language are looked up in the other's dictionary too.
_OTHER_LANGUAGE: Final = {"sv": "en", "en": "sv"}
#: The user's word list, in the folder the caller gives.
WORD_LIST_NAME: Final = "words.txt"
#: The first line of a word list this program writes: what the file is, and its version.
WORD_LIST_HEADER: Final = "# Newsletter Composer word list, version 1: one word a line"
#: A word list larger than this is not one this program wrote; it is not read.
WORD_LIST_MAX_BYTES: Final = 4 * 1024 * 1024
#: The longest word worth checking or adding; longer runs of letters are not words.
MAX_WORD_LENGTH: Final = 100
#: At most this many suggestions are offered for a word.
MAX_SUGGESTIONS: Final = 7
# Answers kept per dictionary before the cache starts afresh (a few MB at most).
_CACHE_LIMIT: Final = 200_000

#: Which fields of each block (and of the settings) hold words for readers, and are checked.
#: Links, addresses and phone numbers are not words; names of people, of the organisation and
#: its postal address are mostly words no dictionary has (the signature is a name too).
SPELLED_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "settings": ("subject", "preheader", "logo_alt"),
    "masthead": ("title", "tagline"),
    "article": (
        "category",
        "headline",
        "image_alt",
        "image_caption",
        "body",
        "link_label",
    ),
    "image": ("alt", "caption"),
    "text": ("heading", "body"),
    "contact": ("heading", "label", "role", "photo_alt"),
    "button": ("label",),
    "divider": (),
    "side": ("category", "headline", "image_alt", "body", "link_label"),
    "columns": tuple(
        f"{prefix}_{name}"
        for prefix in ("first", "second")
        for name in ("image_alt", "headline", "body", "link_label")
    ),
    "spacer": (),
    "links": (),
}
#: The text fields deliberately not checked (see ``SPELLED_FIELDS``), for the test that keeps
#: the two tables complete when a field is added to the model.
UNSPELLED_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "settings": (
        "issue_number",
        "sender_name",
        "sender_email",
        "organisation.name",
        "organisation.postal_address",
        "organisation.website",
        "unsubscribe_url",
        "unsubscribe_email",
        "web_version_url",
        "accent_color",
    ),
    "masthead": (),
    "article": ("signature", "link_url"),
    "image": ("link_url",),
    "text": (),
    "contact": ("name", "email", "phone"),
    "button": ("url", "colour"),
    "divider": (),
    "side": ("link_url",),
    "columns": ("first_link_url", "second_link_url"),
    "spacer": (),
    "links": ("website", "facebook", "linkedin", "x", "instagram", "youtube"),
}

# What is never checked: links (with a scheme, or starting with www.), bare domain names with
# a common top-level domain, email addresses, and merge tags (``*|FNAME|*``, ``{{ name }}``).
_TOP_LEVEL_DOMAINS: Final = (
    "se|eu|com|org|net|nu|fi|no|dk|de|be|fr|it|es|nl|uk|io|info|gov|edu|int|biz"
)
_SKIPPED: Final = re.compile(
    r"(?:\b[A-Za-z][A-Za-z0-9+.-]*://|\b[Ww][Ww][Ww]\.|\b(?:mailto|tel):)\S*"
    r"|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|\b(?:[\w-]+\.)+(?:{_TOP_LEVEL_DOMAINS})\b(?:/\S*)?"
    r"|" + MERGE_TAG.pattern.removeprefix("^").removesuffix("$")
)
# A word: letters (and, to be skipped, digits or underscores) joined by apostrophes, hyphens,
# colons (EU:s) or full stops (t.ex.). A hyphen at the end ("projekt- och programplanering")
# is left out, so the word is checked without it.
_WORD: Final = re.compile(r"\w+(?:['’:.-]\w+)*")
_POSSESSIVE: Final = re.compile(r"['’]s$")
_DIGIT_OR_UNDERSCORE: Final = re.compile(r"[\d_]")
_SUFFIX_MARK: Final = re.compile(r"[:'’]")
_APOSTROPHES: Final = str.maketrans({"’": "'", "ʼ": "'"})


@dataclass(frozen=True)
class Misspelling:
    """A word the dictionary does not know, where it stands in the text checked.

    Attributes:
        start: the index of its first character.
        end: the index just after its last character.
        word: the word as written.
    """

    start: int
    end: int
    word: str


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """The words of ``text`` worth checking, as (start, end, word), in order.

    Links, email addresses, merge tags, words in capitals and words with digits or
    underscores are left out.
    """
    skipped = [match.span() for match in _SKIPPED.finditer(text)]
    position = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        while position < len(skipped) and skipped[position][1] <= start:
            position += 1
        if position < len(skipped) and skipped[position][0] < end:
            continue
        word = match.group()
        if "." in word and text[end : end + 1] == ".":
            word, end = word + ".", end + 1  # an abbreviation such as "t.ex." keeps its dot
        if _worth_checking(word):
            yield start, end, word


@functools.lru_cache(maxsize=65536)
def _worth_checking(word: str) -> bool:
    if len(word) > MAX_WORD_LENGTH or _DIGIT_OR_UNDERSCORE.search(word):
        return False
    # EU, SERN, and their forms EU:s and EU's: acronyms, which no dictionary holds; MaNTT,
    # LinkedIn, PowerPoint (a capital after the first letter): acronyms and brand names.
    head = _SUFFIX_MARK.split(word, maxsplit=1)[0]
    return all((part[1:] if len(part) > 1 else part).islower() for part in head.split("-"))


def _known_to(word: str, known: frozenset[str]) -> bool:
    """Whether ``known`` holds ``word``, or its lower-case form when only capitalised."""
    return word in known or (word == word.capitalize() and word.lower() in known)


class _Dictionary:
    """One language's Hunspell dictionary, with the answers it has given.

    Hunspell holds Python's global lock while it works: loading the Swedish dictionary
    (about a second) stops every thread of the program, which is why the window loads it
    once, before the user types.
    """

    def __init__(self, language: str, aff: Path, dic: Path) -> None:
        import hunspell

        name = DICTIONARY_NAMES[language]
        with tempfile.TemporaryDirectory(prefix="composer-spelling-") as folder:
            # Hunspell reads both files whole while it starts, and finds them by one name in
            # one folder: a copy of the affix file without the slow n-gram suggestions, and a
            # copy of the word file beside it (deleted again once read).
            settings = aff.read_bytes().splitlines()
            kept = [line for line in settings if not line.startswith(b"MAXNGRAMSUGS")]
            (Path(folder) / f"{name}.aff").write_bytes(b"\n".join([*kept, b"MAXNGRAMSUGS 0", b""]))
            shutil.copyfile(dic, Path(folder) / f"{name}.dic")
            self._hunspell = hunspell.Hunspell(name, hunspell_data_dir=folder)
        self.language = language
        self._lock = threading.Lock()
        self._answers: dict[str, bool] = {}
        self._names: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}

    def knows(self, word: str) -> bool:
        answer = self._answers.get(word)
        if answer is None:
            with self._lock:
                answer = self._ask(word)
                if len(self._answers) >= _CACHE_LIMIT:
                    self._answers.clear()
                self._answers[word] = answer
        return answer

    def _ask(self, word: str) -> bool:
        word = word.translate(_APOSTROPHES)
        try:
            return bool(self._hunspell.spell(word))
        except UnicodeError:
            # A letter the dictionary's character set lacks (en_US is ISO 8859-1): it cannot
            # hold the word either.
            return False

    def is_name(self, word: str) -> bool:
        """Whether ``word`` is a form of a name: a word the dictionary holds with a capital."""
        answer = self._names.get(word)
        if answer is None:
            with self._lock:
                try:
                    stems = self._hunspell.stem(word.translate(_APOSTROPHES))
                except UnicodeError:
                    stems = ()
                answer = any(stem[:1].isupper() for stem in stems)
                if len(self._names) >= _CACHE_LIMIT:
                    self._names.clear()
                self._names[word] = answer
        return answer

    def suggest(self, word: str) -> tuple[str, ...]:
        found = self._suggestions.get(word)
        if found is None:
            with self._lock:
                try:
                    found = tuple(self._hunspell.suggest(word.translate(_APOSTROPHES)))
                except UnicodeError:
                    found = ()
                if len(self._suggestions) >= _CACHE_LIMIT // 100:
                    self._suggestions.clear()
                self._suggestions[word] = found
        return found


_LOADING: Final = threading.Lock()
_DICTIONARIES: dict[str, _Dictionary] = {}


def dictionary_files(language: str) -> tuple[Path, Path]:
    """The Hunspell affix and word files of ``language`` (``sv`` or ``en``), as installed.

    Raises:
        SpellingError: the package that brings them is not installed, or lacks them.
    """
    name = DICTIONARY_NAMES[language]
    try:
        if language == "sv":
            # hunspell-sv installs its files into the environment's share/hunspell folder.
            distribution = importlib.metadata.distribution("hunspell-sv")
            files = {
                entry.name: Path(str(distribution.locate_file(entry)))
                for entry in distribution.files or ()
                if entry.name in (f"{name}.aff", f"{name}.dic")
            }
            aff, dic = files[f"{name}.aff"], files[f"{name}.dic"]
            package = "hunspell-sv"
        else:
            import hunspell

            folder = Path(hunspell.__file__).parent / "dictionaries"
            aff, dic = folder / f"{name}.aff", folder / f"{name}.dic"
            package = "chunspell"
    except (ImportError, importlib.metadata.PackageNotFoundError, KeyError):
        aff = dic = Path(name)
        package = "hunspell-sv" if language == "sv" else "chunspell"
    if not (aff.is_file() and dic.is_file()):
        raise SpellingError(
            _(
                "The {language} spelling dictionary is not installed (it comes with the Python "
                "package {package}), so spelling is not checked. Install Newsletter Composer "
                "again to get it."
            ).format(language=_(LANGUAGE_NAMES[language]), package=package)
        )
    return aff, dic


def dictionaries_used(language: str) -> tuple[str, ...]:
    """The dictionaries checking ``language`` reads: its own, and the other's for names."""
    return (language, _OTHER_LANGUAGE[language])


def load_dictionaries(language: str) -> None:
    """Load the dictionaries checking ``language`` needs, if not loaded yet (about a second).

    Raises:
        SpellingError: a dictionary is not installed, or cannot be read.
    """
    for name in dictionaries_used(language):
        _dictionary(name)


def _dictionary(language: str) -> _Dictionary:
    found = _DICTIONARIES.get(language)
    if found is not None:
        return found
    with _LOADING:
        found = _DICTIONARIES.get(language)
        if found is None:
            aff, dic = dictionary_files(language)
            try:
                found = _Dictionary(language, aff, dic)
            except (OSError, RuntimeError, UnicodeError) as exc:
                raise SpellingError(
                    _(
                        "The {language} spelling dictionary {path} could not be read ({reason}), "
                        "so spelling is not checked. Install Newsletter Composer again."
                    ).format(language=_(LANGUAGE_NAMES[language]), path=dic, reason=exc)
                ) from exc
            _DICTIONARIES[language] = found
    return found


def dictionaries_loaded(language: str) -> bool:
    """Whether checking ``language`` is quick now: its dictionaries are loaded."""
    return all(name in _DICTIONARIES for name in dictionaries_used(language))


class SpellChecker:
    """Checks text in the newsletter's languages against a dictionary and the user's words.

    Args:
        folder: the user's data folder, which holds the word list (``WORD_LIST_NAME``); None
            for no word list (the command line; tests). The folder is made when the first
            word is added.

    Attributes:
        word_list_problem: why the word list could not be read, or None. The list is then
            left as it is: words added are accepted for this session but not written.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.path = None if folder is None else folder / WORD_LIST_NAME
        self.word_list_problem: str | None = None
        # Replaced, never changed in place: the checks read them on another thread.
        self._added: frozenset[str] = frozenset()
        self._ignored: frozenset[str] = frozenset()
        # The verdict on each word checked, by language; begun afresh when a word is added.
        self._verdicts: dict[str, dict[str, bool]] = {}
        if self.path is not None:
            try:
                self._added = self._read_word_list(self.path)
            except SpellingError as exc:
                self.word_list_problem = str(exc)

    @property
    def added_words(self) -> frozenset[str]:
        """The words the user added to their word list."""
        return self._added

    # --- checking ---------------------------------------------------------------------------

    def misspellings(self, text: str, language: str) -> list[Misspelling]:
        """The words of ``text`` that are misspelt in ``language``, in order.

        Raises:
            SpellingError: the dictionary of ``language`` is not installed.
        """
        dictionary = _dictionary(language)
        found: list[Misspelling] = []
        run: list[Misspelling] = []  # unknown words in a row, which may be a foreign phrase
        for start, end, word in words(text):
            if self._spelt_right(word, dictionary):
                found.extend(self._not_foreign(run, dictionary))
                run = []
            else:
                run.append(Misspelling(start, end, word))
        found.extend(self._not_foreign(run, dictionary))
        return found

    @staticmethod
    def _not_foreign(run: list[Misspelling], dictionary: _Dictionary) -> list[Misspelling]:
        """The words of ``run`` (unknown words in a row) that are not in a foreign phrase.

        Swedish newsletters quote English titles ("The Citizens Effect", "Managing Networks
        of Twinned Towns"): two or more words in a row that the other language's dictionary
        knows are taken as such a phrase.
        """
        if len(run) < 2:
            return run
        other = _dictionary(_OTHER_LANGUAGE[dictionary.language])
        kept: list[Misspelling] = []
        for foreign, group in itertools.groupby(run, key=lambda m: other.knows(m.word)):
            phrase = list(group)
            if not foreign or len(phrase) < 2:
                kept.extend(phrase)
        return kept

    def is_correct(self, word: str, language: str) -> bool:
        """Whether ``word`` is spelt right in ``language`` (or added, or ignored)."""
        return self._spelt_right(word, _dictionary(language))

    def _spelt_right(self, word: str, dictionary: _Dictionary) -> bool:
        verdicts = self._verdicts.get(dictionary.language)
        if verdicts is None or len(verdicts) >= _CACHE_LIMIT:
            verdicts = self._verdicts[dictionary.language] = {}
        verdict = verdicts.get(word)
        if verdict is None:
            verdict = verdicts[word] = self._judge(word, dictionary)
        return verdict

    def _judge(self, word: str, dictionary: _Dictionary) -> bool:
        if self._known(word, dictionary):
            return True
        parts = word.split("-")
        if len(parts) < 2:
            return False
        known = [not _worth_checking(part) or self._known(part, dictionary) for part in parts]
        # SERN-projektet, Norrbotten-based: each part on its own, acronyms skipped. A name
        # made of names, Sweden-Emilia-Romagna: all parts capitalised, one of them a name.
        return all(known) or (
            all(part[:1].isupper() for part in parts)
            and any(self._is_name(part, dictionary) for part in parts)
        )

    def _is_name(self, word: str, dictionary: _Dictionary) -> bool:
        word = _POSSESSIVE.sub("", word)
        return any(
            _dictionary(language).is_name(word)
            for language in (dictionary.language, _OTHER_LANGUAGE[dictionary.language])
        )

    def _known(self, word: str, dictionary: _Dictionary) -> bool:
        if self._accepted(word) or dictionary.knows(word):
            return True
        if not word[:1].isupper():
            return False
        # A Swedish office's English newsletter names Swedish places and people (Norrbotten,
        # Luleå), its Swedish one English names (North Sweden European Office): a word the
        # other language's dictionary holds as a name is spelt right.
        return _dictionary(_OTHER_LANGUAGE[dictionary.language]).is_name(_POSSESSIVE.sub("", word))

    def suggestions(self, word: str, language: str) -> list[str]:
        """Words ``word`` may have been meant as, best first (a few milliseconds)."""
        return list(_dictionary(language).suggest(word)[:MAX_SUGGESTIONS])

    def _accepted(self, word: str) -> bool:
        return _known_to(word, self._added) or _known_to(word, self._ignored)

    # --- the user's words -------------------------------------------------------------------

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the program ends, without adding it to the word list."""
        self._ignored = self._ignored | {word}
        self._verdicts = {}

    def add(self, word: str) -> None:
        """Add ``word`` to the user's word list, on disk at once.

        The word is accepted from now on, even when it could not be written.

        Raises:
            SpellingError: ``word`` is not a word, or the word list could not be written.
        """
        word = word.strip()
        if not word or len(word) > MAX_WORD_LENGTH or any(char.isspace() for char in word):
            raise SpellingError(
                _("“{word}” cannot be added to the word list: it is not one word.").format(
                    word=word
                )
            )
        self._added = self._added | {word}
        self._verdicts = {}
        if self.path is None:
            return
        if self.word_list_problem is not None:
            raise SpellingError(self.word_list_problem)
        try:
            on_disk = self._read_word_list(self.path)
        except SpellingError as exc:
            self.word_list_problem = str(exc)
            raise
        self._added = self._added | on_disk
        self._verdicts = {}
        lines = [WORD_LIST_HEADER, *sorted(self._added, key=str.casefold)]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_bytes(self.path, "\n".join([*lines, ""]).encode("utf-8"))
        except OSError as exc:
            raise SpellingError(
                _(
                    "“{word}” could not be added to your word list {path}: {reason}. It is "
                    "accepted until you quit; check that the folder can be written to."
                ).format(word=word, path=self.path, reason=exc.strerror or exc)
            ) from exc

    @staticmethod
    def _read_word_list(path: Path) -> frozenset[str]:
        try:
            text = read_regular(path, WORD_LIST_MAX_BYTES).decode("utf-8-sig")
        except FileTooLarge:
            raise SpellingError(
                _(
                    "Your word list {path} is too large to be one this program wrote, so it "
                    "is not used. Move it away to start a new one."
                ).format(path=path)
            ) from None
        except FileNotFoundError:
            return frozenset()
        except UnicodeDecodeError as exc:
            raise SpellingError(
                _(
                    "Your word list {path} is not UTF-8 text, so it is not used (and not "
                    "changed). Fix it in a text editor, or move it away to start a new one."
                ).format(path=path)
            ) from exc
        except OSError as exc:
            raise SpellingError(
                _(
                    "Your word list {path} could not be read: {reason}. It is not used (and not "
                    "changed) until it can be read."
                ).format(path=path, reason=exc.strerror or exc)
            ) from exc
        return frozenset(
            word
            for line in text.splitlines()
            if (word := line.strip())
            and not word.startswith("#")
            and len(word) <= MAX_WORD_LENGTH
            and not any(char.isspace() for char in word)
        )


@functools.lru_cache(maxsize=1)
def _no_word_list() -> SpellChecker:
    return SpellChecker()


def plain_checker() -> SpellChecker:
    """A checker with the dictionaries only: no word list, nothing ignored."""
    return _no_word_list()
