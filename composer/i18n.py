"""Translations of the words the program itself writes into a newsletter or says to its user.

Catalogs are gettext ``.po`` files under ``templates/locale/<lang>/``; they are compiled in
memory with Babel on first use, so no binary ``.mo`` file needs to be kept in step by hand.
"""

from __future__ import annotations

import functools
import gettext
import io
import os
from collections.abc import Callable, Mapping

from composer.resources import read_template_text

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


def ui_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the program speaks to its user: "sv" on a Swedish system, else "en".

    Args:
        environ: the environment to read (``os.environ`` when None); the first of LANGUAGE,
            LC_ALL, LC_MESSAGES and LANG that is set decides, as in gettext.
    """
    environ = os.environ if environ is None else environ
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
