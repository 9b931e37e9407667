"""The view the graph explorer opens on: the problems when they fit, else the problems of the domain
with most of them that still fits, and always a sentence saying so."""

from __future__ import annotations

import fora_model as fm
from fora_model import ElementKind, RelationKind
from fora_model.dashboard.graph import MAX_NODES, opening_view
from tests.tiny import model_of, tiny_school

E, R = ElementKind, RelationKind


def two_domains(big: int, small: int):
    """Domain A with ``big`` duplicated activities, domain B with ``small``; two applications each."""
    elements: list[tuple] = [("d-a", E.PROCESS, "Domain A"), ("f-a", E.PROCESS, "Function A"),
                             ("d-b", E.PROCESS, "Domain B"), ("f-b", E.PROCESS, "Function B")]
    relations: list[tuple] = [("r-a", R.COMPOSED_OF, "d-a", "f-a"), ("r-b", R.COMPOSED_OF, "d-b", "f-b")]
    for domain, count in (("a", big), ("b", small)):
        for app in (1, 2):
            elements.append((f"app-{domain}{app}", E.APPLICATION, f"App {domain}{app}"))
        for i in range(count):
            elements.append((f"act-{domain}{i}", E.ACTIVITY, f"Activity {domain}{i}"))
            relations.append((f"c-{domain}{i}", R.COMPOSED_OF, f"f-{domain}", f"act-{domain}{i}"))
            for app in (1, 2):
                relations.append((f"s-{domain}{i}-{app}", R.SUPPORTS, f"app-{domain}{app}", f"act-{domain}{i}"))
    return model_of(elements, relations)


def test_small_models_open_on_all_their_problems():
    view = opening_view(tiny_school())
    assert view.problems_only and view.processes == () and view.note == ""
    sample = opening_view(fm.load_sample())
    assert sample.processes == () and sample.shown <= MAX_NODES


def test_when_the_problems_do_not_fit_it_opens_on_the_domain_with_most_of_them():
    view = opening_view(two_domains(120, 60))
    assert view.problems_only
    assert view.processes == ("d-a",)
    assert view.shown <= MAX_NODES
    assert "Domain A" in view.note and "Problems only" in view.note


def test_when_no_domain_fits_it_opens_on_the_smallest_and_says_so():
    view = opening_view(two_domains(200, 170))
    assert view.processes == ("d-b",) and view.shown > MAX_NODES
    assert "narrow the processes" in view.note
