"""The model as a networkx graph and back: exact round trips, hand-made graphs, clear refusals."""

from __future__ import annotations

import networkx as nx
import pytest

import fora_model as fm
from fora_model.graph import from_graph, to_graph
from fora_model.io.examples import interop_example


@pytest.mark.parametrize("build", [fm.load_sample, interop_example], ids=["sample", "interop-example"])
def test_a_model_comes_back_equal(build):
    model = build()
    graph = to_graph(model)
    assert graph.number_of_nodes() == len(model.elements)
    on_relations = graph.graph["relations_on_relations"]
    assert graph.number_of_edges() + len(on_relations) == len(model.relations)
    back = from_graph(graph)
    assert back == model
    assert list(back.relations) == list(model.relations)  # relation order kept too


def test_the_interop_example_keeps_its_relation_on_a_relation_aside():
    model = interop_example()
    on_relations = [r for r in model.relations.values() if r.source in model.relations or r.target in model.relations]
    assert on_relations  # the example has one, or this test proves nothing
    assert to_graph(model).graph["relations_on_relations"] == on_relations


def test_networkx_algorithms_see_the_landscape(sample):
    graph = to_graph(sample)
    magister = sample.find("Magister", "application")
    supported = {t for _, t, kind in graph.out_edges(magister.id, data="kind") if kind == "supports"}
    expected = {r.target for r in sample.relations_of("supports") if r.source == magister.id}
    assert supported == expected
    assert graph.nodes[magister.id]["kind"] == "application"
    assert graph.nodes[magister.id]["annual_cost"] == magister.attributes["annual_cost"]


def test_a_graph_made_by_hand_becomes_a_checked_model():
    hand = nx.DiGraph(name="By hand")
    hand.add_node("p", kind="process", name="Education")
    hand.add_node("a", kind="activity", name="Record grades", criticality="high")
    hand.add_node("m", kind="application", name="Magister", lifecycle="Active", functional_fit=3)
    hand.add_edge("p", "a", kind="composed_of")
    hand.add_edge("m", "a", kind="supports")
    model = from_graph(hand)
    assert model.name == "By hand"
    assert model.element("m").attributes == {"lifecycle": "active", "functional_fit": 3}
    assert [(r.kind.value, r.source, r.target) for r in model.relations.values()] == [
        ("composed_of", "p", "a"), ("supports", "m", "a")]
    assert all(r.id.startswith("id-") for r in model.relations.values())  # generated ids
    assert not [f for f in fm.validate(model) if f.is_error]
    assert fm.duplicated_activities(model).empty and fm.unsupported_activities(model).empty


def test_an_unknown_kind_is_refused_naming_the_node():
    hand = nx.MultiDiGraph()
    hand.add_node("x", kind="teacher", name="Anna")
    with pytest.raises(fm.EditRejected) as caught:
        from_graph(hand)
    (finding,) = caught.value.findings
    assert finding.location == "node 'x'" and "'teacher'" in finding.message


def test_a_bad_attribute_is_refused_naming_the_element():
    hand = nx.MultiDiGraph()
    hand.add_node("m", kind="application", name="Magister", functional_fit=9)
    with pytest.raises(fm.EditRejected) as caught:
        from_graph(hand)
    assert [f.element for f in caught.value.findings] == ["m"]
    assert "functional_fit" in str(caught.value)
