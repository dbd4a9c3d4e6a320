"""Translations of the words the program itself writes into a newsletter or says to its user.

Catalogs are gettext ``.po`` files under ``templates/locale/<lang>/``; they are compiled in
memory with Babel on first use, so no binary ``.mo`` file needs to be kept in step by hand.

The core's ``_`` is ``ui_message``. The language it speaks is, first to last: the one of the
innermost ``speaking(language)`` block of the calling thread, the one the window chose with
``set_ui_language`` (for every thread), the one of the environment.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext
import io
import os
from collections.abc import Callable, Mapping

from composer.package_data import read_template_text

Translate = Callable[[str], str]


@functools.lru_cache(maxsize=8)
def translations(language: str) -> gettext.NullTranslations:
    """The gettext translations for ``language`` (English source strings when there are none)."""
    try:
        source = read_template_text(f"locale/{language}/messages.po")
    except FileNotFoundError:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.StringIO(source), locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def gettext_for(language: str) -> Translate:
    """The ``_()`` function of ``language``."""
    return translations(language).gettext


#: Environment variables that name the user's language, in gettext's order of precedence.
_LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
#: The languages the program can speak to its user.
UI_LANGUAGES = ("sv", "en")

#: The language the application chose for its user (the window's setting), if it chose one.
#: A plain global, not a context variable: messages are also built in worker threads, which
#: start with an empty context.
_chosen_language: str | None = None
#: The language of the innermost ``speaking`` block, in this thread (or this copied context).
_spoken_language: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "spoken_language", default=None
)


def _checked(language: str) -> str:
    if language not in UI_LANGUAGES:
        raise ValueError(f"not a user interface language: {language!r}")
    return language


def set_ui_language(language: str | None) -> None:
    """Speak ``language`` to the user from now on; None follows the environment again.

    The window calls this at start-up with the language of its own translations, so that the
    core's messages (checks, errors) and the window's texts are in the same language. It holds
    for every thread, the window's workers included.

    Raises:
        ValueError: ``language`` is not one of UI_LANGUAGES.
    """
    global _chosen_language
    _chosen_language = None if language is None else _checked(language)


def speaking(language: str) -> contextlib.AbstractContextManager[None]:
    """Speak ``language`` to the user inside the ``with`` block, in the calling thread only.

    For work done on behalf of one request in a language of its own (``run_checks(…,
    language="sv")``) while other threads go on in theirs; threads started inside the block
    do not inherit it (hand them the language, or run them in ``contextvars.copy_context()``).

    Raises:
        ValueError: ``language`` is not one of UI_LANGUAGES.
    """
    return _Speaking(_checked(language))


class _Speaking(contextlib.AbstractContextManager[None]):
    """The ``speaking`` block.

    A class rather than ``@contextmanager``: the window's checks enter one after every edit,
    and a generator-based context manager costs a few microseconds more each time.
    """

    __slots__ = ("_language", "_token")

    def __init__(self, language: str) -> None:
        self._language = language

    def __enter__(self) -> None:
        self._token = _spoken_language.set(self._language)

    def __exit__(self, *exc_info: object) -> None:
        _spoken_language.reset(self._token)


def ui_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the program speaks to its user: "sv" or "en".

    The language of the ``speaking`` block the caller is in, else the one set with
    ``set_ui_language``, else "sv" on a Swedish system and "en" on every other.

    Args:
        environ: the environment to read; when given, it alone decides (a chosen or spoken
            language is not consulted). With None, ``os.environ``: the first of LANGUAGE,
            LC_ALL, LC_MESSAGES and LANG that is set decides, as in gettext.
    """
    if environ is None:
        chosen = _spoken_language.get() or _chosen_language
        if chosen is not None:
            return chosen
        environ = os.environ
    for name in _LANGUAGE_VARIABLES:
        value = environ.get(name, "").strip()
        if value:
            # LANGUAGE may list several ("sv:en"); the first is the user's choice.
            first = value.split(":")[0].lower()
            return "sv" if first.startswith("sv") else "en"
    return "en"


def ui_gettext(language: str | None = None) -> Translate:
    """The ``_()`` for messages to the user (checks, errors): ``language`` or the system's."""
    return gettext_for(language or ui_language())


def ui_message(message: str) -> str:
    """``message`` in the user's language: the core's ``_()`` (``from … import ui_message as _``).

    Translated when called, so call it where the message is built (in the function that
    raises), never at import time: the language is chosen after the modules are imported.
    The language is ``ui_language()``: a ``speaking`` block's, the window's, the system's.
    """
    return ui_gettext()(message)


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined; ``_()`` translates it when used."""
    return message


def ui_number(value: float, decimals: int = 0) -> str:
    """A number as the user writes it: "1,048,576.5" in English, "1 048 576,5" in Swedish.

    Args:
        value: the number.
        decimals: how many decimals to show (rounded); none by default.
    """
    from babel.numbers import format_decimal

    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(value, pattern, locale=ui_language())
