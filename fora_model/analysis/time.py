"""TIME recommendations per application: Tolerate, Invest, Migrate, Eliminate (or Unassessed).

The **quadrant** comes from the two fit scores (1–4; *high* is 3 or 4), as Gartner's TIME model
is usually derived from them:

============  ==============  ===============
quadrant      functional fit  technical fit
============  ==============  ===============
Invest        high            high
Tolerate      low             high
Migrate       high            low
Eliminate     low             low
Unassessed    either score missing
============  ==============  ===============

The **recommendation** adjusts the quadrant by what the anchors lack, in this order:

1. ``plan`` applications are not current support: they keep their quadrant (rule ``planned``).
2. **Redundancy.** An application is *redundant* when every element it supports is also
   supported by another current application that is not itself in ``phase-out`` or
   ``end-of-life`` (one that supports nothing is redundant too): work is never left resting on
   applications that are on their way out.
   Redundant applications are taken worst first — lifecycle ``phase-out``/``end-of-life`` before
   the others, then the lower sum of the two fits (no scores counts as lowest), then the higher
   annual cost, then name — and each is proposed for retirement (``retire``) when all its
   elements still have such a lasting supporter that is not itself proposed for retirement. So of two applications
   that cover each other the better fit is kept, on equal fit the cheaper; an application whose
   work is all done by others is an Eliminate candidate even when its own fit is the best.
   Retiring every ``retire`` application together leaves no element without support.
   Recommendation Eliminate, rule ``redundant``.
3. **Lifecycle.** A ``phase-out`` or ``end-of-life`` application that is not retired here still
   supports something alone: Migrate, its work must move first (rule ``lifecycle``).
4. **Sole-support guard.** An application whose quadrant is Eliminate but which is (once the
   ``retire`` applications are gone) the only current support of a critical element (effective
   criticality ``high``: the element's own, else the highest of the processes above it) becomes
   Migrate unless a ``plan`` application would support each such element (rule ``sole-critical``).
5. Otherwise the quadrant stands (rule ``kept`` for a redundant application kept because the
   others covering it retire, else ``fit``).

Each row carries a one-sentence ``rationale``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..arrays import isin
from ..formatting import money
from ..i18n import N_, _, current_language, n_
from ..model import Model
from ..tables import model_tables
from ..vocabulary import Lifecycle
from .context import JOIN, lifecycle_word
from .portfolio import HIGH, application_facts, current_pairs, element_criticality, planned_pairs
from .support import parse_paths, require_application_level

__all__ = ["QUADRANTS", "RECOMMENDATION_ORDER", "TIME_COLUMNS", "fit_quadrant", "time_recommendations"]

QUADRANTS: tuple[str, ...] = ("Tolerate", "Invest", "Migrate", "Eliminate", "Unassessed")
"""Every quadrant and recommendation value."""

RECOMMENDATION_ORDER: tuple[str, ...] = ("Eliminate", "Migrate", "Tolerate", "Invest", "Unassessed")
"""The order rows are reported in (most actionable first)."""

TIME_COLUMNS: list[str] = [
    "application_id",
    "application",
    "vendor",
    "lifecycle",
    "functional_fit",
    "technical_fit",
    "annual_cost",
    "exit_cost",
    "quadrant",
    "recommendation",
    "rule",
    "retire",
    "elements",
    "redundant",
    "covered_by",
    "sole_support",
    "critical_sole_support",
    "replacement",
    "rationale",
]
"""The columns of :func:`time_recommendations`.

``application_id``, ``application``, ``vendor``, ``lifecycle`` (``active`` when not set)
    the application.
``functional_fit``, ``technical_fit``
    its scores (1–4, ``<NA>`` when missing).
``annual_cost``, ``exit_cost``
    EUR a year and one-off EUR to retire it (NaN when not recorded).
``quadrant``
    TIME from the fit scores alone.
``recommendation``, ``rule``
    the adjusted recommendation and the rule that decided it: ``fit``, ``redundant``, ``kept``,
    ``lifecycle``, ``sole-critical`` or ``planned`` (see the module docstring).
``retire``
    proposed for retirement now; retiring all of them together leaves no element unsupported.
``elements``
    how many supportable elements it supports (now, or once live for a planned one).
``redundant``
    every element it supports has another current supporter not in phase-out or end-of-life.
``covered_by``
    the other current applications that support its elements.
``sole_support``
    how many elements rest on it alone once every ``retire`` application is gone.
``critical_sole_support``
    those of them that are critical (effective criticality ``high``).
``replacement``
    planned applications that would support every element resting on it alone: a successor.
``rationale``
    one sentence saying why.

Rows are sorted by recommendation (:data:`RECOMMENDATION_ORDER`), then application name.
"""


def fit_quadrant(functional_fit: float | None, technical_fit: float | None) -> str:
    """The TIME quadrant of two fit scores (1–4; high is 3 or 4); ``Unassessed`` when one is missing.

    >>> fit_quadrant(4, 3), fit_quadrant(2, 4), fit_quadrant(3, 1), fit_quadrant(1, 2), fit_quadrant(None, 4)
    ('Invest', 'Tolerate', 'Migrate', 'Eliminate', 'Unassessed')
    """
    if functional_fit is None or technical_fit is None or pd.isna(functional_fit) or pd.isna(technical_fit):
        return "Unassessed"
    functional, technical = functional_fit >= 3, technical_fit >= 3
    if functional and technical:
        return "Invest"
    if technical:
        return "Tolerate"
    if functional:
        return "Migrate"
    return "Eliminate"


def time_recommendations(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """TIME recommendation, adjusted for redundancy, lifecycle and sole support, per application.

    Parameters
    ----------
    model
        The model to analyse.
    paths
        The support paths to follow (``direct``, ``function``, ``type``, ``parent``); all by default.
    level
        Accepted for symmetry with the other reports; TIME is about applications, so anything
        but ``None`` or ``"application"`` raises ``ValueError``.

    Returns
    -------
    pandas.DataFrame
        One row per application with the columns :data:`TIME_COLUMNS`.

    Examples
    --------
    >>> from fora_model import Element, Model, Relation
    >>> m = Model()
    >>> _ = m.add_element(Element.new("activity", "Record grades", id="grades"))
    >>> _ = m.add_element(Element.new("application", "Magister", id="mag", functional_fit=4, technical_fit=3))
    >>> _ = m.add_relation(Relation.new("supports", "mag", "grades"))
    >>> time_recommendations(m)[["application", "recommendation", "rule"]].to_dict("records")
    [{'application': 'Magister', 'recommendation': 'Invest', 'rule': 'fit'}]
    """
    require_application_level(level, "TIME recommendations are")
    chosen = parse_paths(paths)
    # the rationale is written in the current language, so each language keeps its own result
    result: pd.DataFrame = model.memo(("rationalisation:time", chosen, current_language()),
                                      lambda: _time(model, chosen))
    return result.copy()


def _time(model: Model, paths: frozenset[str]) -> pd.DataFrame:
    t = model_tables(model)
    facts = application_facts(model)
    pairs = current_pairs(model, paths=paths)
    planned = planned_pairs(model, paths=paths)
    critical = element_criticality(model) >= HIGH
    element, supporter = pairs["element"].to_numpy(), pairs["supporter"].to_numpy()
    counts = np.bincount(element, minlength=t.size)

    codes = facts["code"].to_numpy()
    current = facts["current"].to_numpy()
    lifecycle = facts["lifecycle"].to_numpy(dtype=object)
    retiring = isin(lifecycle, [Lifecycle.PHASE_OUT.value, Lifecycle.END_OF_LIFE.value])
    fits = (facts["functional_fit"].astype("float64") + facts["technical_fit"].astype("float64")).to_numpy()
    cost = np.nan_to_num(facts["annual_cost"].to_numpy(dtype=float))

    by_app = _group(supporter, element)
    planned_by_app = _group(planned["supporter"].to_numpy(), planned["element"].to_numpy())
    empty = np.zeros(0, dtype=np.int64)
    own = [by_app.get(c, empty) if cur else planned_by_app.get(c, empty) for c, cur in zip(codes, current, strict=True)]
    # lasting support: current applications that are not themselves being retired
    lasting_app = np.zeros(t.size, dtype=bool)
    lasting_app[codes[current & ~retiring]] = True
    lasting = np.bincount(element[lasting_app[supporter]], minlength=t.size)
    mine = (current & ~retiring).astype(np.int64)  # 1 where the application is lasting support itself
    redundant = np.array([bool(cur) and bool((lasting[els] - own_share >= 1).all())
                          for els, cur, own_share in zip(own, current, mine, strict=True)])

    # greedy, worst first: retiring lifecycle, lower fit sum (none lowest), dearer, then name
    order = sorted(
        np.flatnonzero(redundant).tolist(),
        key=lambda i: (not retiring[i], -1.0 if np.isnan(fits[i]) else fits[i], -cost[i],
                       facts["application"].iat[i], facts["application_id"].iat[i]),
    )
    remaining = counts.copy()
    remaining_lasting = lasting.copy()
    retire = np.zeros(len(codes), dtype=bool)
    for i in order:
        if (remaining_lasting[own[i]] - mine[i] >= 1).all():
            retire[i] = True
            remaining[own[i]] -= 1
            remaining_lasting[own[i]] -= mine[i]

    partners = _partners(element, supporter)
    planned_elements = set(planned["element"].tolist())
    planned_sets = {int(c): set(e.tolist()) for c, e in planned_by_app.items()}
    planned_by_element = _group(planned["element"].to_numpy(), planned["supporter"].to_numpy())
    retired = set(codes[retire].tolist())
    rows = []
    for i, code in enumerate(codes.tolist()):
        els = own[i]
        # what rests on it alone once the proposed retirements are done
        sole = els[remaining[els] == 1] if current[i] and not retire[i] else empty
        crit = sole[critical[sole]]
        others = partners.get(code, empty)
        quadrant = fit_quadrant(_score(facts["functional_fit"].iat[i]), _score(facts["technical_fit"].iat[i]))
        decision = _decide(
            quadrant=quadrant, current=bool(current[i]), retire=bool(retire[i]), retiring=bool(retiring[i]),
            redundant=bool(redundant[i]), critical_sole=len(crit) > 0,
            replaced=all(e in planned_elements for e in crit.tolist()),
        )
        rows.append({
            "code": code,
            "quadrant": quadrant,
            "recommendation": decision[0],
            "rule": decision[1],
            "retire": bool(retire[i]),
            "elements": len(els),
            "redundant": bool(redundant[i]),
            "covered_by": _names(t.labels, others),
            "retiring_partners": _names(t.labels, np.array([o for o in others.tolist() if o in retired],
                                                           dtype=np.int64)),
            "sole_support": len(sole),
            "critical_sole_support": _names(t.labels, crit),
            "replacement": _successors(sole, planned_sets, t.labels),
            "critical_cover": _names(t.labels, np.concatenate(
                [empty, *(planned_by_element.get(e, empty) for e in crit.tolist())])),
        })
    columns = ["code", "quadrant", "recommendation", "rule", "retire", "elements", "redundant", "covered_by",
               "retiring_partners", "sole_support", "critical_sole_support", "replacement", "critical_cover"]
    frame = facts.merge(pd.DataFrame(rows, columns=columns), on="code", how="left")
    frame["rationale"] = [_rationale({str(k): v for k, v in r.items()}) for r in frame.to_dict("records")]
    frame["retire"] = frame["retire"].astype(bool)
    frame["redundant"] = frame["redundant"].astype(bool)
    frame["elements"] = frame["elements"].astype("int64")
    frame["sole_support"] = frame["sole_support"].astype("int64")
    rank = {r: i for i, r in enumerate(RECOMMENDATION_ORDER)}
    frame["_rank"] = frame["recommendation"].map(rank)
    frame = frame.sort_values(["_rank", "application", "application_id"], kind="stable")
    return frame[TIME_COLUMNS].reset_index(drop=True)


def _score(value: Any) -> float | None:
    return None if pd.isna(value) else float(value)


def _group(keys: np.ndarray, values: np.ndarray) -> dict[int, np.ndarray]:
    """``values`` grouped by ``keys`` (both integer arrays)."""
    if len(keys) == 0:
        return {}
    order = np.argsort(keys, kind="stable")
    keys, values = keys[order], values[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    return {int(keys[s]): values[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)}


def _partners(element: np.ndarray, supporter: np.ndarray) -> dict[int, np.ndarray]:
    """Per supporter, the other supporters of the elements it supports (distinct codes)."""
    pairs = pd.DataFrame({"element": element, "supporter": supporter})
    joined = pairs.merge(pairs, on="element", suffixes=("", "_other"))
    joined = joined[joined["supporter"] != joined["supporter_other"]]
    joined = joined[["supporter", "supporter_other"]].drop_duplicates()
    return _group(joined["supporter"].to_numpy(), joined["supporter_other"].to_numpy())


def _names(labels: np.ndarray, codes: np.ndarray) -> str:
    return JOIN.join(sorted(set(labels[codes].tolist())))


def _successors(sole: np.ndarray, planned_sets: dict[int, set[int]], labels: np.ndarray) -> str:
    """Planned applications that would support every element in ``sole`` (none when it is empty)."""
    if len(sole) == 0:
        return ""
    needed = set(sole.tolist())
    hits = [code for code, covered in planned_sets.items() if needed <= covered]
    return _names(labels, np.asarray(hits, dtype=np.int64))


def _decide(*, quadrant: str, current: bool, retire: bool, retiring: bool, redundant: bool,
            critical_sole: bool, replaced: bool) -> tuple[str, str]:
    if not current:
        return quadrant, "planned"
    if retire:
        return "Eliminate", "redundant"
    if retiring:
        return "Migrate", "lifecycle"
    if quadrant == "Eliminate" and critical_sole and not replaced:
        return "Migrate", "sole-critical"
    return quadrant, "kept" if redundant else "fit"




_FIT_CLAUSES = {
    "Invest": (N_("its functional ({f}) and technical ({t}) fit are both good"), N_("keep investing in it")),
    "Tolerate": (N_("it is technically sound ({t}) but a weak functional fit ({f})"),
                 N_("tolerate it and improve its use")),
    "Migrate": (N_("it fits the work ({f}) but rests on a weak technical base ({t})"),
                N_("move it to a sounder platform")),
    "Eliminate": (N_("its functional ({f}) and technical ({t}) fit are both weak"), N_("replace and retire it")),
    "Unassessed": (N_("it has no fit scores yet"), N_("assess its functional and technical fit")),
}
"""Per quadrant, what its fit says and the advice that follows, marked for the catalogue and put
into the current language when a rationale is written."""


def _rationale(row: dict[str, Any]) -> str:
    """Why the row's recommendation, as one sentence in the current language."""
    f, t = row["functional_fit"], row["technical_fit"]
    what_text, advice_text = _FIT_CLAUSES[str(row["quadrant"])]
    what = _(what_text, f="-" if pd.isna(f) else f, t="-" if pd.isna(t) else t)
    advice = _(advice_text)
    what_ = what[0].upper() + what[1:]
    rule, n = row["rule"], int(row["elements"])
    if rule == "planned":
        return _("Planned, not yet current support; {what}.", what=what)
    if rule == "redundant":
        cost = money(row["annual_cost"], missing=_("an unrecorded amount"))
        if n == 0:
            return _("It supports nothing in the model, so retiring it saves {cost} a year.", cost=cost)
        others = str(row["covered_by"]).replace(JOIN, ", ")
        if row["quadrant"] == "Invest":
            return n_("Everything it supports ({n} element) is also supported by {others}, "
                      "so retire it despite its good fit and save {cost} a year.",
                      "Everything it supports ({n} elements) is also supported by {others}, "
                      "so retire it despite its good fit and save {cost} a year.", n, others=others, cost=cost)
        return n_("Everything it supports ({n} element) is also supported by {others}, "
                  "so retire it and save {cost} a year.",
                  "Everything it supports ({n} elements) is also supported by {others}, "
                  "so retire it and save {cost} a year.", n, others=others, cost=cost)
    if rule == "lifecycle":
        sole = int(row["sole_support"])
        return n_("It is in {lifecycle} but {n} element would rest on it alone, "
                  "so migrate that work before retiring it.",
                  "It is in {lifecycle} but {n} elements would rest on it alone, "
                  "so migrate that work before retiring it.", sole, lifecycle=lifecycle_word(row["lifecycle"]))
    if rule == "sole-critical":
        critical = str(row["critical_sole_support"]).replace(JOIN, ", ")
        return _("{what}, but it alone supports critical {critical}, so find a replacement before retiring it.",
                 what=what_, critical=critical)
    if rule == "kept":
        partners = str(row["retiring_partners"]).replace(JOIN, ", ")
        return _("Its work is also done by {partners}, which retire instead as the weaker fit or "
                 "dearer; {what}, so {advice}.", partners=partners, what=what, advice=advice)
    if row["replacement"] and row["quadrant"] in ("Eliminate", "Migrate"):
        return _("{what}, so {advice}: {replacement} (planned) would take over all its work.",
                 what=what_, advice=advice, replacement=row["replacement"])
    if row["quadrant"] == "Eliminate" and row["critical_sole_support"]:
        return _("{what}, so retire it once {cover} takes over its critical work.",
                 what=what_, cover=row["critical_cover"])
    return _("{what}, so {advice}.", what=what_, advice=advice)
