"""The languages fora-model speaks: Dutch and English, from gettext catalogues kept with Babel.

Source text is English. Every user-visible sentence goes through :func:`_` (or :func:`n_` when it
counts something), which looks it up in the catalogue of the current language
(``fora_model/locale/<lang>/LC_MESSAGES/fora_model.po``, compiled in memory on first use) and then
fills in its named placeholders. Text that must be marked where it is defined but translated
where it is shown (labels in a module-level table) is marked with :func:`N_`.

The current language is per context (a Streamlit session, a CLI run, a thread): set it with
:func:`set_language` or for a block with :func:`use_language`. Numbers, money, percentages and
dates follow the same language through :mod:`fora_model.formatting`.

>>> with use_language("nl"):
...     _("Annual cost"), n_("{n} application", "{n} applications", 2)
('Jaarlijkse kosten', '2 applicaties')
>>> _("Annual cost"), n_("{n} application", "{n} applications", 1)
('Annual cost', '1 application')
"""

from __future__ import annotations

import contextvars
import functools
import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LOCALES",
    "N_",
    "_",
    "catalogue_path",
    "current_language",
    "locale",
    "n_",
    "set_language",
    "translations",
    "use_language",
]

LANGUAGES: dict[str, str] = {"nl": "Nederlands", "en": "English"}
"""The languages of the interface, each named in itself."""

LOCALES: dict[str, str] = {"nl": "nl_NL", "en": "en_GB"}
"""The Babel locale of each language: Dutch number and date formats for ``nl``, British for ``en``."""

DEFAULT_LANGUAGE = "en"
"""The language when nothing chose one (the model's own language usually does)."""

DOMAIN = "fora_model"
_LOCALE_DIR = Path(__file__).with_name("locale")
_current: contextvars.ContextVar[str] = contextvars.ContextVar("fora_model_language", default=DEFAULT_LANGUAGE)


def catalogue_path(language: str) -> Path:
    """Where the catalogue of ``language`` lives (its ``.po`` file, kept in the package)."""
    return _LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _supported(language: str | None) -> str:
    """``language`` reduced to one fora-model speaks (``nl-NL`` → ``nl``; unknown → the default)."""
    code = (language or "").replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` (English: no translation), built once per process."""
    path = catalogue_path(language)
    if language == "en" or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=LOCALES[language], domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def current_language() -> str:
    """The language of this context: ``nl`` or ``en``."""
    return _current.get()


def locale() -> str:
    """The Babel locale of the current language (``nl_NL`` or ``en_GB``)."""
    return LOCALES[_current.get()]


def set_language(language: str | None) -> str:
    """Speak ``language`` from now on in this context (anything unknown falls back to English);
    returns the language set."""
    chosen = _supported(language)
    _current.set(chosen)
    return chosen


@contextmanager
def use_language(language: str | None) -> Iterator[str]:
    """Speak ``language`` inside the ``with`` block, then go back to what was spoken before."""
    token = _current.set(_supported(language))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def _(message: str, /, **values: object) -> str:
    """``message`` in the current language, with its ``{placeholders}`` filled from ``values``."""
    text = translations(_current.get()).gettext(message)
    return text.format(**values) if values else text


def n_(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The singular or plural form (by the current language's rules) for ``n``, filled in; ``{n}``
    is ``n`` written in the current language's digits."""
    text = translations(_current.get()).ngettext(singular, plural, n)
    return text.format(n=format_decimal(n, locale=locale()), **values)


def N_(message: str, /) -> str:
    """Mark ``message`` for the catalogue without translating it here; pass it to :func:`_` where
    it is shown."""
    return message
