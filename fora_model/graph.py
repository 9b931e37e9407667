"""The model as a networkx graph, and back.

:func:`to_graph` gives a :class:`networkx.MultiDiGraph` with one node per element and one edge
per relation between two elements (keyed by the relation's id), for anyone who wants networkx's
algorithms on a school's landscape: paths from a goal to the applications, centrality, components.
Node and edge attributes are flat and in the user's words (``kind``, ``name``, ``lifecycle``,
``annual_cost``…); the exact element or relation rides along as ``concept`` so that
:func:`from_graph` gives back an equal model. ArchiMate lets a relation end on another relation
(an association to a flow, say); such relations are not edges of a graph of elements, so they
are kept in ``graph.graph["relations_on_relations"]``; ``graph.graph["relation_order"]`` keeps
the model's relation order (a graph lists edges by node).

:func:`from_graph` also builds a model from a graph made by hand: a node needs ``kind`` (and
usually ``name``), an edge needs ``kind``; every other attribute is checked as the model checks
it, and a wrong one raises :class:`~fora_model.errors.EditRejected` naming the node or edge.

Examples
--------
>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> for e in (Element.new("activity", "Record grades", id="a"),
...           Element.new("application", "Magister", id="m", annual_cost=1200)):
...     _ = m.add_element(e)
>>> _ = m.add_relation(Relation.new("supports", "m", "a", id="r1"))
>>> g = to_graph(m)
>>> g.nodes["m"]["kind"], g.nodes["m"]["annual_cost"], list(g.edges(keys=True, data="kind"))
('application', 1200.0, [('m', 'a', 'r1', 'supports')])
>>> from_graph(g) == m
True
>>> import networkx as nx
>>> hand = nx.MultiDiGraph(name="By hand")
>>> hand.add_node("g", kind="goal", name="Good teaching")
>>> hand.add_node("a", kind="activity", name="Plan lessons", needs_support=False)
>>> hand.add_edge("a", "g", kind="contributes_to")
0
>>> built = from_graph(hand)
>>> built.name, built.element("a").attributes, [r.kind.value for r in built.relations.values()]
('By hand', {'needs_support': False}, ['contributes_to'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import EditRejected, Finding, Reason, Severity
from .model import Element, Model, Relation

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["from_graph", "to_graph"]

_HEADER = ("id", "name", "documentation", "properties", "translations", "extras")
_FLAT = ("kind", "name", "concept")


def to_graph(model: Model) -> nx.MultiDiGraph:
    """The model as a directed multigraph: nodes are element ids, edges relation ids (as keys).

    Node attributes: ``kind``, ``name``, ``archimate_type``, every typed attribute of the element
    and ``concept`` (the :class:`~fora_model.model.Element`). Edge attributes: ``kind``, ``name``,
    ``archimate_type``, the typed attributes (``access``, ``carries``…) and ``concept``. The graph
    attributes hold the model header and the relations that end on relations.
    """
    import networkx as nx  # only here: the command line and the dashboard start without it

    graph = nx.MultiDiGraph(**{field: getattr(model, field) for field in _HEADER})
    for element in model.elements.values():
        graph.add_node(element.id, **dict(element.attributes), kind=element.kind.value, name=element.name,
                       archimate_type=element.archimate_type, concept=element)
    on_relations: list[Relation] = []
    for relation in model.relations.values():
        if relation.source in model.elements and relation.target in model.elements:
            graph.add_edge(relation.source, relation.target, key=relation.id, **dict(relation.attributes),
                           kind=relation.kind.value, name=relation.name, archimate_type=relation.archimate_type,
                           concept=relation)
        else:
            on_relations.append(relation)
    graph.graph["relations_on_relations"] = on_relations
    graph.graph["relation_order"] = list(model.relations)
    return graph


def from_graph(graph: nx.MultiDiGraph | nx.DiGraph) -> Model:
    """The model a graph describes (see the module docstring); inverse of :func:`to_graph`.

    Raises
    ------
    EditRejected
        A node or edge without a usable ``kind``, or with an attribute its kind does not have
        or a value that does not fit; the finding names the node or edge.
    """
    header = {field: graph.graph[field] for field in _HEADER if field in graph.graph}
    elements = [_element(node, data) for node, data in graph.nodes(data=True)]
    if graph.is_multigraph():
        edges = graph.edges(keys=True, data=True)
    else:
        edges = ((source, target, None, data) for source, target, data in graph.edges(data=True))
    relations = [_relation(source, target, key, data) for source, target, key, data in edges]
    relations.extend(graph.graph.get("relations_on_relations", ()))
    order = {identifier: n for n, identifier in enumerate(graph.graph.get("relation_order", ()))}
    relations.sort(key=lambda r: order.get(r.id, len(order)))  # stable: new edges keep their order, last
    return Model.from_parts(elements, relations, **header)


def _element(node: Any, data: dict[str, Any]) -> Element:
    concept = data.get("concept")
    if isinstance(concept, Element) and concept.id == node:
        return concept
    extra = {k: v for k, v in data.items() if k not in (*_FLAT, "archimate_type")}
    try:
        return Element.new(data.get("kind", ""), str(data.get("name", "")), id=str(node),
                           archimate_type=str(data.get("archimate_type", "")), **extra)
    except ValueError:
        raise EditRejected([_problem(f"node {node!r}", data.get("kind"))]) from None


def _relation(source: Any, target: Any, key: Any, data: dict[str, Any]) -> Relation:
    concept = data.get("concept")
    if isinstance(concept, Relation) and (concept.source, concept.target) == (source, target):
        return concept
    extra = {k: v for k, v in data.items() if k not in (*_FLAT, "archimate_type")}
    identifier = str(key) if isinstance(key, str) else None  # networkx's own integer keys are not ids
    try:
        return Relation.new(data.get("kind", ""), str(source), str(target), id=identifier,
                            name=str(data.get("name", "")), archimate_type=str(data.get("archimate_type", "")),
                            **extra)
    except ValueError:
        raise EditRejected([_problem(f"edge {source!r} → {target!r}", data.get("kind"))]) from None


def _problem(where: str, kind: Any) -> Finding:
    return Finding(Severity.ERROR, Reason.UNKNOWN_KIND, "",
                   f"{where} has kind {kind!r}, which fora-model does not know",
                   "give it a kind such as 'activity', 'application' or, for an edge, 'supports'", where)
