"""Structure findings: where the process tree is untidy before any support is counted.

Three kinds of finding, each a row of :func:`structure_findings`:

``orphan``
    A behaviour with no parent in the process tree (no ``composed_of`` ends on it): every
    activity without a process above it; a process that stands alone (nothing above it, nothing
    below it); and, in a model whose top level is ArchiMate Groupings (FORA's business domains), a
    process without a parent that is not itself a Grouping — it belongs below the top.
``placeholder``
    An element whose name says it is not named yet: empty, only punctuation (``...``, ``?``, ``-``),
    one of :data:`PLACEHOLDER_NAMES` (a number after it allowed: ``Nieuw 2``), starting with a
    to-do marker of :data:`PLACEHOLDER_MARKERS` (``TODO: rooster``), or the name Archi gives a new
    element of its type (``Business Process`` for a BusinessProcess). Junctions are nameless by
    nature and never reported.
``governance``
    A process or activity whose name contains one of the governance patterns (any case; the
    default :data:`GOVERNANCE_PATTERNS`, or the caller's own) and that still needs support.
    FORA's governance functions need no system, so such an element is likely an expected gap the
    model does not say is one yet.

Examples
--------
>>> from fora_model.model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> for e in (Element.new("process", "Besturen", id="p"), Element.new("activity", "Vergaderen", id="a"),
...           Element.new("activity", "TBD", id="t")):
...     _ = m.add_element(e)
>>> _ = m.add_relation(Relation.new("composed_of", "p", "a", id="r"))
>>> structure_findings(m)[["element_id", "finding"]].values.tolist()
[['t', 'orphan'], ['t', 'placeholder'], ['p', 'governance']]
>>> structure_findings(m, governance=["vergader"])[["element_id", "finding"]].values.tolist()
[['t', 'orphan'], ['t', 'placeholder'], ['a', 'governance']]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from ..hierarchy import hierarchy
from ..i18n import N_, _
from ..model import Element, Model
from ..tables import model_tables
from ..vocabulary import ElementKind

__all__ = [
    "FINDING_KINDS",
    "GOVERNANCE_PATTERNS",
    "PLACEHOLDER_MARKERS",
    "PLACEHOLDER_NAMES",
    "STRUCTURE_COLUMNS",
    "governance_patterns",
    "is_placeholder",
    "structure_findings",
]

STRUCTURE_COLUMNS = ["element_id", "name", "kind", "archimate_type", "finding", "message", "suggested_fix"]
"""The columns of :func:`structure_findings`: the element (id, name, fora-model kind, ArchiMate
type), the finding kind (one of :data:`FINDING_KINDS`), what is wrong and how to fix it."""

FINDING_KINDS = ("orphan", "placeholder", "governance")
"""The finding kinds, in the order the rows come."""

PLACEHOLDER_NAMES: tuple[str, ...] = (
    "tbd", "tbc", "todo", "to do", "nieuw", "nieuwe", "new", "naamloos", "zonder naam", "unnamed", "untitled",
    "nnb", "n.n.b.", "onbekend", "unknown", "xxx", "element", "naam", "name",
)
"""Whole names (any case, a number after them allowed) that stand in for a real name."""

PLACEHOLDER_MARKERS: tuple[str, ...] = ("tbd", "tbc", "todo", "xxx", "fixme")
"""Words that, at the start of a name and followed by a non-letter (``TODO: rooster``), mark it unfinished."""

GOVERNANCE_PATTERNS: tuple[str, ...] = (
    "besturen", "bestuur", "governance", "beleid", "strategie", "verantwoording", "toezicht",
    "policy", "strategic", "strategy", "supervis", "accountability",
)
"""The default governance name patterns: parts of a name (any case) that suggest governance work,
Dutch (FORA's own words) and English."""

_BEHAVIOURS = (ElementKind.PROCESS, ElementKind.ACTIVITY)
_JUNCTIONS = ("AndJunction", "OrJunction", "Junction")
_PLACEHOLDER_SET = frozenset(PLACEHOLDER_NAMES)
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_MARKER = re.compile(r"^(" + "|".join(PLACEHOLDER_MARKERS) + r")(?![^\W\d_])", re.IGNORECASE)
_FIXES = {
    "orphan": N_("Place it under its process: pick its parent on the Map page (or add a composition from the "
                 "process in Archi), or delete it if it is left over."),
    "placeholder": N_("Give it its real name on the Elements page, or delete it if it is left over."),
    "governance": N_("If it needs no system, mark it (and what lies below it) as needing no support; if it does, "
                     "leave it, or narrow the governance patterns."),
}


def governance_patterns(patterns: Iterable[str] | str | None = None) -> tuple[str, ...]:
    """The governance patterns to use: the defaults when ``patterns`` is None, else the given ones
    lower-cased and stripped, blanks and repeats left out. A string is split at commas and new lines.

    >>> governance_patterns(None) == GOVERNANCE_PATTERNS
    True
    >>> governance_patterns(" Beleid, ,toezicht\\nBELEID")
    ('beleid', 'toezicht')
    >>> governance_patterns([])
    ()
    """
    if patterns is None:
        return GOVERNANCE_PATTERNS
    items = re.split(r"[,\n]", patterns) if isinstance(patterns, str) else list(patterns)
    return tuple(dict.fromkeys(p.strip().casefold() for p in items if p.strip()))


@lru_cache(maxsize=256)
def _default_name(archimate_type: str) -> str:
    """The name Archi gives a new element of this type: its class name in words (``Business Process``)."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", archimate_type).casefold()


def is_placeholder(element: Element) -> bool:
    """Whether ``element``'s name stands in for a real one (see the module docstring).

    >>> from fora_model.model import Element
    >>> [is_placeholder(Element.new("activity", n)) for n in ("", "...", "Nieuw 2", "TODO: rooster", "Todos")]
    [True, True, True, True, False]
    >>> is_placeholder(Element.new("activity", "Business Process")), is_placeholder(Element.new("activity", "Toetsen"))
    (True, False)
    """
    if element.archimate_type in _JUNCTIONS:
        return False
    if not _LETTER_OR_DIGIT.search(element.name):
        return True
    name = " ".join(element.name.casefold().split())
    unnumbered = name.rstrip("0123456789")
    plain = (unnumbered.rstrip(" ._-") if unnumbered != name else name) or name
    return plain in _PLACEHOLDER_SET or plain == _default_name(element.archimate_type) or bool(_MARKER.match(name))


def _row(element: Element, finding: str, message: str) -> list[str]:
    return [element.id, element.name, element.kind.value, element.archimate_type, finding, message, _(_FIXES[finding])]


def _orphans(model: Model) -> list[list[str]]:
    tables = model_tables(model)
    tree = hierarchy(model)
    has_parent = tree.has_parent()
    has_parent[tree.loop_child] = True  # a loop is a finding of its own (validate), not an orphan
    has_child = np.zeros(tree.size, dtype=bool)
    has_child[tree.parent] = True
    has_child[tree.loop_parent] = True
    behaviours = [e for kind in _BEHAVIOURS for e in model.elements_of(kind)]
    grouped_top = any(e.archimate_type == "Grouping" for e in model.elements_of(ElementKind.PROCESS))
    codes = tables.code_of([e.id for e in behaviours])
    found: dict[str, list[str]] = {}
    for element, code in zip(behaviours, codes.tolist(), strict=True):
        if has_parent[code]:
            continue
        if element.kind is ElementKind.ACTIVITY:
            message = _("This activity sits under no process, so it is missing from the map and inherits nothing.")
        elif not has_child[code]:
            message = _("This process stands alone: nothing above it and nothing below it.")
        elif grouped_top and element.archimate_type != "Grouping":
            message = _("This {type} has no parent, while the model's top level is its domains (Groupings); it "
                        "belongs below one of them.", type=element.archimate_type or _("process"))
        else:
            continue
        found[element.id] = _row(element, "orphan", message)
    return [found[e.id] for e in model.elements.values() if e.id in found]


def _placeholders(model: Model) -> list[list[str]]:
    rows = []
    for element in model.elements.values():
        if is_placeholder(element):
            if element.name.strip():
                message = _("This {kind} is named {name}, a placeholder.", kind=element.kind.term,
                            name=repr(element.name.strip()))
            else:
                message = _("This {kind} has no name.", kind=element.kind.term)
            rows.append(_row(element, "placeholder", message))
    return rows


def _governance(model: Model, patterns: tuple[str, ...]) -> list[list[str]]:
    if not patterns:
        return []
    behaviours = [e for e in model.elements.values() if e.kind in _BEHAVIOURS]
    needs = hierarchy(model).needs_support[model_tables(model).code_of([e.id for e in behaviours])]
    rows = []
    for element, needed in zip(behaviours, needs.tolist(), strict=True):
        name = element.name.casefold()
        hit = next((p for p in patterns if p in name), None)
        if hit is None or not needed:
            continue
        rows.append(_row(element, "governance", _("The name contains {pattern}, which suggests governance work, yet "
                                                  "this {kind} is counted as needing support.", pattern=repr(hit),
                                                  kind=element.kind.term)))
    return rows


def structure_findings(model: Model, *, governance: Iterable[str] | str | None = None,
                       level: str | None = None, paths: Iterable[str] | str | None = None) -> pd.DataFrame:
    """Orphan behaviours, placeholder names and governance-looking processes, as rows.

    Parameters
    ----------
    model
        The model to look at (left unchanged).
    governance
        Name patterns that suggest governance (parts of a name, any case); None for
        :data:`GOVERNANCE_PATTERNS`, an empty list for no governance findings. A string is split at
        commas and new lines (:func:`governance_patterns`).
    level, paths
        Taken like every report's, and ignored: structure does not depend on support.

    Returns
    -------
    pandas.DataFrame
        :data:`STRUCTURE_COLUMNS`, one row per finding (an element may have several): the orphans,
        then the placeholders, then the governance rows, each in model order. ``governance`` rows
        are left out for elements that already need no support (their own setting or inherited).
    """
    del level, paths
    rows = _orphans(model) + _placeholders(model) + _governance(model, governance_patterns(governance))
    frame = pd.DataFrame(rows, columns=STRUCTURE_COLUMNS)
    return frame.astype(dict.fromkeys(STRUCTURE_COLUMNS, "str"))
