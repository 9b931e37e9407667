"""What every page shares: plain-text labels of elements, Markdown escaping of model text, counted
nouns and the page icon.

Model text is data: whatever a page puts where Streamlit renders Markdown goes through
:func:`md_escape`; pickers show :func:`element_label`, which Streamlit shows as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

import pandas as pd

from ..i18n import DEFAULT_LANGUAGE, N_, _, current_language, use_language
from ..model import Element, Model
from ..vocabulary import ElementKind

__all__ = [
    "KIND_COLUMNS",
    "KIND_NAMES",
    "STATUS_NAMES",
    "VALUE_NAMES",
    "WORD_JOINER",
    "counted",
    "element_label",
    "element_options",
    "fora_term",
    "kind_label",
    "md_escape",
    "model_language",
    "page_icon",
    "shown_values",
    "spoken",
    "status_label",
    "table_number_format",
]

P = ParamSpec("P")
R = TypeVar("R")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^\"'@])")



_AUTOLINK = re.compile(r"(?i)(:\\?)(//)|(www)(\\?\.)|(\\?@)")



WORD_JOINER = "\u2060"
"""An invisible character :func:`md_escape` puts into ``://``, ``www.`` and ``@``."""



def md_escape(text: str) -> str:
    """``text`` made safe for places that render Markdown (``st.markdown``, captions, labels).

    Markdown and HTML special characters are backslash-escaped, so a name such as
    ``![](http://x.invalid/i.png)`` or ``<script>`` is shown as typed and never becomes an image,
    a link, a directive or markup. GitHub-flavoured Markdown also turns ``http://…``, ``www.…``
    and e-mail addresses into links however they are escaped, so an invisible word joiner
    (U+2060) goes into every ``://``, ``www.`` and ``@``. Line breaks become spaces.

    >>> md_escape("![x](http://x.invalid)").replace(WORD_JOINER, "+")
    '\\\\!\\\\[x\\\\]\\\\(http\\\\:+//x\\\\.invalid\\\\)'
    """
    flat = " ".join(str(text).split())
    return _AUTOLINK.sub(_join, _MARKDOWN_SPECIAL.sub(r"\\\1", flat))



def _join(match: re.Match[str]) -> str:
    if match.group(5):
        return WORD_JOINER + match.group(5)
    return WORD_JOINER.join(part for part in match.groups() if part)



def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` with the words that go with it (``many`` defaults to ``one`` + "s").

    >>> counted(1, "application is", "applications are"), counted(1200, "row"), counted(0, "relation")
    ('1 application is', '1,200 rows', '0 relations')
    """
    return f"{n:,} {one if n == 1 else many if many is not None else one + 's'}"



KIND_NAMES: dict[ElementKind, tuple[str, str]] = {
    ElementKind.GOAL: (N_("goal"), N_("goals")),
    ElementKind.PROCESS: (N_("process"), N_("processes")),
    ElementKind.ACTIVITY: (N_("activity"), N_("activities")),
    ElementKind.INFORMATION: (N_("information"), N_("information needs")),
    ElementKind.SYSTEM_TYPE: (N_("system type"), N_("system types")),
    ElementKind.APPLICATION: (N_("application"), N_("applications")),
    ElementKind.APPLICATION_FUNCTION: (N_("application function"), N_("application functions")),
    ElementKind.OTHER: (N_("other concept"), N_("other concepts")),
}
"""Each element kind's word and plural (FORA's terms in Dutch: proces, activiteit,
informatiebehoefte, applicatiesoort, applicatie ...), marked for the catalogue."""

STATUS_NAMES: dict[str, str] = {
    "duplicated": N_("duplicated"),
    "supported": N_("supported"),
    "inherited": N_("inherited"),
    "unsupported": N_("unsupported"),
    "expected gap": N_("expected gap"),
    "": "",
}
"""The support states of :func:`~fora_model.analysis.status.element_status` as readers call them."""


VALUE_NAMES: dict[str, dict[str, str]] = {
    "lifecycle": {"plan": N_("plan"), "phase-in": N_("phase-in"), "active": N_("active"),
                  "phase-out": N_("phase-out"), "end-of-life": N_("end-of-life")},
    "criticality": {"low": N_("low"), "medium": N_("medium"), "high": N_("high")},
    "sensitivity": {"public": N_("public"), "internal": N_("internal"), "confidential": N_("confidential"),
                    "special": N_("special")},
    "data_location": {"outside EU": N_("outside EU")},
    "window": {"12 months": N_("12 months"), "24 months": N_("24 months")},
    "status": {state: name for state, name in STATUS_NAMES.items() if name},
}
"""The words of the model's choices, by the table column that holds them (marked for the catalogue;
:func:`shown_values` translates them)."""

KIND_COLUMNS = ("element_kind", "subject_kind", "supporter_kind")
"""Table columns that hold an element kind (``activity``, ``system_type`` ...)."""


def shown_values(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as a page shows it in the current language: element kinds and the model's choices
    (lifecycle, criticality, sensitivity, support state ...) in its words. In English the frame
    itself is returned; a value not in the tables stays as it is. Downloads keep the frame as the
    analysis made it.

    >>> from fora_model.i18n import use_language
    >>> frame = pd.DataFrame({"element_kind": ["activity", "process"], "lifecycle": ["active", "?"]})
    >>> shown_values(frame) is frame
    True
    >>> with use_language("nl"):
    ...     shown_values(frame).values.tolist()
    [['activiteit', 'in gebruik'], ['proces', '?']]
    """
    if current_language() == "en":
        return frame
    shown = frame.copy()
    for column in shown.columns:
        if column in KIND_COLUMNS:
            kinds = {k.value: kind_label(k) for k in ElementKind}
            shown[column] = shown[column].map(lambda v, table=kinds: table.get(v, v) if isinstance(v, str) else v)
        elif column in VALUE_NAMES:
            words = {value: _(name) for value, name in VALUE_NAMES[column].items()}
            shown[column] = shown[column].map(lambda v, table=words: table.get(v, v) if isinstance(v, str) else v)
    return shown


def kind_label(kind: ElementKind | str, *, plural: bool = False) -> str:
    """The word for an element kind in the current language.

    >>> from fora_model.i18n import use_language
    >>> kind_label("system_type"), kind_label("process", plural=True)
    ('system type', 'processes')
    >>> with use_language("nl"):
    ...     kind_label("system_type"), kind_label("information")
    ('applicatiesoort', 'informatiebehoefte')
    """
    singular, many = KIND_NAMES[ElementKind(kind)]
    return _(many if plural else singular)


def status_label(status: str) -> str:
    """A support state (``duplicated``, ``expected gap`` ...) as readers of the current language call it;
    an unknown state as it is."""
    name = STATUS_NAMES.get(status)
    return status if name is None else (_(name) if name else "")


def fora_term(element: Element) -> str:
    """The element's FORA term (its ``fora_term`` property, FORA's Dutch name), or ``""``."""
    values = element.property_values("fora_term")
    return str(values[0]).strip() if values else ""


def element_label(element: Element) -> str:
    """A plain-text label for pickers: ``name (kind)``; the id stands in for an empty name. In
    Dutch the kind is FORA's Dutch word and an element's FORA term (when the model records one and
    it differs from the name) follows the name, so a picker finds it by either.

    >>> from fora_model.i18n import use_language
    >>> e = Element.new("process", "Strategic policy", properties=[("fora_term", "Strategisch beleid")])
    >>> element_label(e)
    'Strategic policy (process)'
    >>> with use_language("nl"):
    ...     element_label(e)
    'Strategic policy · Strategisch beleid (proces)'
    """
    kind = kind_label(element.kind)
    if current_language() == "nl":
        term = fora_term(element)
        if term and term.casefold() != element.label.casefold():
            return f"{element.label} · {term} ({kind})"
    return f"{element.label} ({kind})"



def element_options(model: Model, kinds: Iterable[ElementKind | str] | None = None) -> list[str]:
    """Element ids of the given kinds (all FORA kinds by default), sorted by name, for pickers."""
    wanted = {ElementKind(k) for k in kinds} if kinds is not None else set(ElementKind) - {ElementKind.OTHER}
    chosen = [e for e in model.elements.values() if e.kind in wanted]
    chosen.sort(key=lambda e: (e.label.casefold(), e.kind.value, e.id))
    return [e.id for e in chosen]


def spoken(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` bound to the language spoken now: a picker's ``format_func`` gives the labels of
    this run's language wherever and whenever it is called (a widget may call it from another thread).

    >>> from fora_model.i18n import use_language
    >>> with use_language("nl"):
    ...     label = spoken(kind_label)
    >>> label("goal"), kind_label("goal")
    ('doel', 'goal')
    """
    language = current_language()

    def in_language(*args: P.args, **kwargs: P.kwargs) -> R:
        with use_language(language):
            return function(*args, **kwargs)

    return in_language


def table_number_format(decimals: int = 0, *, euro: bool = False, sign: bool = False) -> str:
    """The ``format`` of a number column in a page's table, in the current language. English uses
    printf with thousands commas (``€ %,.0f``); Dutch lets the browser write the number the way its
    Dutch locale does (``localized``: ``46.650``, ``3,5``), since printf knows no decimal comma; the
    column's header then says the unit.

    >>> from fora_model.i18n import use_language
    >>> table_number_format(euro=True), table_number_format(1), table_number_format(1, sign=True)
    ('€ %,.0f', '%,.1f', '%+,.1f')
    >>> with use_language("nl"):
    ...     table_number_format(euro=True)
    'localized'
    """
    if current_language() == "nl":
        return "localized"
    return ("€ " if euro else "") + ("%+" if sign else "%") + f",.{decimals}f"


def model_language(model: Model | None) -> str:
    """The interface language a model asks for: Dutch for a Dutch model (``nl``, ``nl-NL``), else English.

    >>> model_language(Model(extras={"language": "nl-NL"})), model_language(Model()), model_language(None)
    ('nl', 'en', 'en')
    """
    code = (model.language if model is not None else "").replace("-", "_").split("_")[0].lower()
    return "nl" if code == "nl" else DEFAULT_LANGUAGE


def page_icon() -> Any:
    """The dashboard's small page icon, drawn locally (a named Material icon would make the browser
    fetch it from Google).

    >>> page_icon().size
    (64, 64)
    """
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((2, 2, 62, 62), radius=14, fill="#332288")
    draw.polygon([(32, 12), (52, 32), (32, 52), (12, 32)], fill="#44AA99")
    draw.ellipse((25, 25, 39, 39), fill="#E69F00")
    return image
