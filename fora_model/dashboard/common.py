"""What every page shares: plain-text labels of elements, Markdown escaping of model text, counted
nouns and the page icon.

Model text is data: whatever a page puts where Streamlit renders Markdown goes through
:func:`md_escape`; pickers show :func:`element_label`, which Streamlit shows as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..model import Element, Model
from ..vocabulary import ElementKind

__all__ = ["WORD_JOINER", "counted", "element_label", "element_options", "md_escape", "page_icon"]

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



def element_label(element: Element) -> str:
    """A plain-text label for pickers: ``name (kind)``; the id stands in for an empty name."""
    return f"{element.label} ({element.kind.label})"



def element_options(model: Model, kinds: Iterable[ElementKind | str] | None = None) -> list[str]:
    """Element ids of the given kinds (all FORA kinds by default), sorted by name, for pickers."""
    wanted = {ElementKind(k) for k in kinds} if kinds is not None else set(ElementKind) - {ElementKind.OTHER}
    chosen = [e for e in model.elements.values() if e.kind in wanted]
    chosen.sort(key=lambda e: (e.label.casefold(), e.kind.value, e.id))
    return [e.id for e in chosen]


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
