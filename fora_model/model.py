"""The typed model: elements, relations and the :class:`Model` that holds them.

Elements and relations are frozen values; a :class:`Model` is the mutable container. Every
change made through the editing methods (:meth:`Model.add_element`, :meth:`Model.add_relation`,
:meth:`Model.update_element`, ...) is checked against the metamodel first and refused with
:class:`~fora_model.errors.EditRejected` when it would break it, leaving the model unchanged.
Readers build models with :meth:`Model.from_parts`, which checks nothing, and report problems
through :func:`fora_model.validate.validate`.

Examples
--------
>>> m = Model(name="Tiny school")
>>> grades = m.add_element(Element.new(ElementKind.ACTIVITY, "Record grades"))
>>> magister = m.add_element(Element.new(ElementKind.APPLICATION, "Magister", annual_cost=12000))
>>> _ = m.add_relation(Relation.new(RelationKind.SUPPORTS, magister.id, grades.id))
>>> len(m.elements), len(m.relations)
(2, 1)
>>> m.element(magister.id).attributes["annual_cost"]
12000.0
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .elements import (
    Element,
    Property,
    Relation,
    Translation,
    _typed_attributes,
    check_attributes,
    is_archi_id,
    new_id,
)
from .errors import EditRejected, Finding, Reason, Severity
from .model_index import CARRY_ORDER, Carried, EndpointIndex, ReadOnly, deep_copy_json
from .rules import check_relation
from .vocabulary import (
    ElementKind,
    RelationKind,
)

__all__ = [
    "Element",
    "Model",
    "ModelEdit",
    "Property",
    "Relation",
    "Translation",
    "check_attributes",
    "is_archi_id",
    "new_id",
    "prune_views",
]


EditAction = Literal["add_element", "update_element", "add_relation", "update_relation", "remove", "header"]


@dataclass(frozen=True)
class ModelEdit:
    """One change an editing method of :class:`~fora_model.model.Model` just made, as the results
    memoised on the model see it (see :class:`~fora_model.model_index.Carried`).

    ``before``/``after`` are the concept before and after (``None`` where there is none);
    for ``remove``, ``before`` is the concept removed, ``removed`` every id that went (the
    concept first) and ``trimmed`` the flows whose ``carries`` lost it. ``model`` is the model
    after the change.
    """

    action: EditAction
    model: Model
    before: Element | Relation | None = None
    after: Element | Relation | None = None
    removed: tuple[str, ...] = ()
    trimmed: tuple[Relation, ...] = ()


class Model:
    """A school's (or a reference architecture's) model: elements and relations by id, in order.

    Besides the concepts, a model carries what other tools keep and fora-model does not analyse
    (views, folders, property definitions...) in ``extras``, so an import followed by an export
    loses nothing. ``version`` increases on every change; analyses memoise on it.
    """

    def __init__(
        self,
        *,
        id: str | None = None,
        name: str = "",
        documentation: str = "",
        properties: Iterable[Property] = (),
        translations: Iterable[Translation] = (),
        extras: Mapping[str, Any] | None = None,
    ) -> None:
        self.id: str = id or new_id()
        self.name: str = name
        self.documentation: str = documentation
        self.properties: tuple[Property, ...] = tuple(properties)
        self.translations: tuple[Translation, ...] = tuple(translations)
        self.extras: dict[str, Any] = dict(extras or {})
        self._elements: dict[str, Element] = {}
        self._relations: dict[str, Relation] = {}
        self._version = 0
        self._memo: dict[Any, Any] = {}
        self._index: EndpointIndex | None = None

    # ----------------------------------------------------------------- construction
    @classmethod
    def from_parts(
        cls,
        elements: Iterable[Element],
        relations: Iterable[Relation],
        **header: Any,
    ) -> Model:
        """Build a model without checking it (readers use this, then :func:`validate`).

        A later concept with an id already used replaces nothing: readers detect duplicate ids
        themselves and report them as findings.
        """
        model = cls(**header)
        for element in elements:
            model._elements.setdefault(element.id, element)
        for relation in relations:
            if relation.id not in model._elements:
                model._relations.setdefault(relation.id, relation)
        return model

    def copy(self) -> Model:
        """An independent copy (elements and relations are immutable, so this is cheap).

        What is memoised on this model (the integer tables, the hierarchy, support resolution,
        reports) is handed on to the copy, which holds the same content: the copy's first report
        costs no rebuild, and its editing methods keep what can follow them current.
        """
        other = Model(
            id=self.id,
            name=self.name,
            documentation=self.documentation,
            properties=self.properties,
            translations=self.translations,
            extras=deep_copy_json(self.extras),
        )
        other._elements = dict(self._elements)
        other._relations = dict(self._relations)
        other._memo = {(key, 0): value for (key, version), value in self._memo.items() if version == self._version}
        other._index = None if self._index is None else self._index.copy()
        return other

    # ----------------------------------------------------------------- reading
    @property
    def language(self) -> str:
        """The language of the model's main names and documentation (``"nl"``), ``""`` when none is stated.

        Kept in ``extras["language"]`` when it is not ``en``, as readers set it from what the file
        said: ``xml:lang`` in exchange XML, the model property ``fora:language`` in Archi CSV,
        ``.archimate`` and coArchi, the workbook's Model sheet, the native format's extras (see
        ``docs/languages.md``). Texts in other languages are ``translations``. Change it with
        ``set_header(language="nl")``.

        >>> m = Model(name="School")
        >>> m.language
        'en'
        >>> m.set_header(language="nl")
        >>> m.language, m.extras
        ('nl', {'language': 'nl'})
        """
        return str(self.extras.get("language", "en"))

    @property
    def version(self) -> int:
        """A counter that changes whenever the model changes."""
        return self._version

    @property
    def elements(self) -> Mapping[str, Element]:
        """Elements by id, in insertion order (read-only view)."""
        return ReadOnly(self._elements)

    @property
    def relations(self) -> Mapping[str, Relation]:
        """Relations by id, in insertion order (read-only view)."""
        return ReadOnly(self._relations)

    def element(self, identifier: str) -> Element:
        """The element with this id; ``KeyError`` names the id when there is none."""
        try:
            return self._elements[identifier]
        except KeyError:
            raise KeyError(f"no element with id {identifier!r}") from None

    def relation(self, identifier: str) -> Relation:
        """The relation with this id."""
        try:
            return self._relations[identifier]
        except KeyError:
            raise KeyError(f"no relation with id {identifier!r}") from None

    def __contains__(self, identifier: object) -> bool:
        return identifier in self._elements or identifier in self._relations

    def elements_of(self, *kinds: ElementKind | str) -> list[Element]:
        """Elements of the given kinds, in model order."""
        wanted = {ElementKind(k) for k in kinds}
        return [e for e in self._elements.values() if e.kind in wanted]

    def relations_of(self, *kinds: RelationKind | str) -> list[Relation]:
        """Relations of the given kinds, in model order."""
        wanted = {RelationKind(k) for k in kinds}
        return [r for r in self._relations.values() if r.kind in wanted]

    def _endpoints(self) -> EndpointIndex:
        """Relation ids by endpoint and by carried information, built on first use and kept up to
        date by the editing methods, so deletes do not scan every relation."""
        if self._index is None:
            self._index = EndpointIndex(self._relations.values())
        return self._index

    def carriers(self, identifier: str) -> list[Relation]:
        """The flows whose ``carries`` names ``identifier``."""
        return [self._relations[r] for r in sorted(self._endpoints().carried.get(identifier, ()), key=self._order)]

    def _order(self, relation_id: str) -> int:
        return self._endpoints().position.get(relation_id, 0)

    def relations_touching(self, identifier: str) -> list[Relation]:
        """Every relation that has ``identifier`` as an endpoint, and (transitively) every relation
        that ends on one of those, plus every flow that carries only ``identifier``: what has to
        go when the concept is deleted (a flow left carrying nothing would carry everything).
        In model order."""
        index = self._endpoints()
        doomed = {r.id for r in self.carriers(identifier) if tuple(r.attributes["carries"]) == (identifier,)}
        frontier = {identifier, *doomed}
        while frontier:
            found = {r for end in frontier for r in index.by_endpoint.get(end, ())} - doomed
            doomed |= found
            frontier = found
        return [self._relations[r] for r in sorted(doomed, key=self._order)]

    def find(self, name: str, kind: ElementKind | str | None = None) -> Element:
        """The one element with exactly this name (and kind); ``KeyError`` if none or several."""
        wanted = ElementKind(kind) if kind is not None else None
        hits = [e for e in self._elements.values() if e.name == name and (wanted is None or e.kind == wanted)]
        if len(hits) != 1:
            raise KeyError(f"{len(hits)} elements named {name!r}")
        return hits[0]

    def memo(self, key: Any, compute: Any) -> Any:
        """Memoise ``compute()`` under ``key`` until the model next changes (used by analyses)."""
        full = (key, self._version)
        if full not in self._memo:
            self._memo[full] = compute()
        return self._memo[full]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        return (
            self.id == other.id
            and self.name == other.name
            and self.documentation == other.documentation
            and self.properties == other.properties
            and self.translations == other.translations
            and self.extras == other.extras
            and list(self._elements.items()) == list(other._elements.items())
            and list(self._relations.items()) == list(other._relations.items())
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Model {self.name!r}: {len(self._elements)} elements, {len(self._relations)} relations>"

    # ----------------------------------------------------------------- editing
    def _changed(self, edit: ModelEdit | None = None) -> None:
        """Count a change; memoised results that can follow ``edit`` (:class:`Carried`) are kept
        current, every other one is dropped."""
        kept = {key: value for (key, version), value in self._memo.items()
                if version == self._version and isinstance(value, Carried)}
        self._version += 1
        self._memo.clear()
        if edit is None or not kept:
            return
        carried: dict[Any, Any] = {}
        ranked = sorted(kept, key=lambda k: CARRY_ORDER.index(k) if k in CARRY_ORDER else len(CARRY_ORDER))
        for key in ranked:
            value = kept[key].after_edit(edit, carried)
            if value is not None:
                carried[key] = value
        self._memo.update({(key, self._version): value for key, value in carried.items()})

    def add_element(self, element: Element) -> Element:
        """Add an element; refused when its id is taken or an attribute does not fit its kind."""
        if element.id in self:
            raise EditRejected(
                [Finding(Severity.ERROR, Reason.DUPLICATE_ID, element.id,
                         f"the id {element.id!r} is already used", "give the element another id")]
            )
        _typed_attributes(element.kind, element.attributes, element.id)
        self._elements[element.id] = element
        self._changed(ModelEdit("add_element", self, after=element))
        return element

    def update_element(self, element: Element) -> Element:
        """Replace the element with the same id; refused when an attribute does not fit its kind
        or a new kind breaks its relations (including flows that carry it as information)."""
        old = self.element(element.id)
        _, problems = check_attributes(element.kind, element.attributes, element.id)
        if old.kind != element.kind:
            view = self._with_element(element)
            affected = self.relations_touching(element.id) + self.carriers(element.id)
            problems += [f for r in affected for f in check_relation(view, r)]
        if problems:
            raise EditRejected(problems)
        self._elements[element.id] = element
        self._changed(ModelEdit("update_element", self, before=old, after=element))
        return element

    def _with_element(self, element: Element) -> Model:
        view = Model.__new__(Model)
        view.__dict__.update(self.__dict__)
        view._elements = {**self._elements, element.id: element}
        return view

    def add_relation(self, relation: Relation) -> Relation:
        """Add a relation after checking its endpoints and (source, relation, target) triple."""
        if relation.id in self:
            raise EditRejected(
                [Finding(Severity.ERROR, Reason.DUPLICATE_ID, relation.id,
                         f"the id {relation.id!r} is already used", "give the relation another id")]
            )
        _typed_attributes(relation.kind, relation.attributes, relation.id)
        problems = check_relation(self, relation)
        if problems:
            raise EditRejected(problems)
        self._relations[relation.id] = relation
        if self._index is not None:
            self._index.add(relation, self._index.next_rank)
        self._changed(ModelEdit("add_relation", self, after=relation))
        return relation

    def update_relation(self, relation: Relation) -> Relation:
        """Replace the relation with the same id after checking it."""
        self.relation(relation.id)
        _typed_attributes(relation.kind, relation.attributes, relation.id)
        problems = check_relation(self, relation)
        if problems:
            raise EditRejected(problems)
        old = self._relations[relation.id]
        self._relations[relation.id] = relation
        if self._index is not None:
            position = self._index.position.get(relation.id, 0)
            self._index.discard(old)
            self._index.add(relation, position)
        self._changed(ModelEdit("update_relation", self, before=old, after=relation))
        return relation

    def remove(self, identifier: str) -> list[str]:
        """Remove an element or relation and every relation that depends on it.

        Returns the ids removed, the concept first. Information ids listed in a flow's
        ``carries`` are dropped from it when that information goes.
        """
        if identifier not in self:
            raise KeyError(f"no element or relation with id {identifier!r}")
        removed = [identifier]
        concept: Element | Relation = self._elements.get(identifier) or self._relations[identifier]
        trimmed: list[Relation] = []
        doomed = self.relations_touching(identifier)
        index = self._endpoints()
        for r in doomed:
            del self._relations[r.id]
            index.discard(r)
            removed.append(r.id)
        if identifier in self._elements:
            del self._elements[identifier]
            for r in self.carriers(identifier):
                kept = tuple(c for c in r.attributes["carries"] if c != identifier)
                attrs = {k: v for k, v in r.attributes.items() if k != "carries"}
                if kept:
                    attrs["carries"] = kept
                cut = dataclasses.replace(r, attributes=attrs)
                position = index.position[r.id]
                index.discard(r)
                index.add(cut, position)
                self._relations[r.id] = cut
                trimmed.append(cut)
        else:
            index.discard(self._relations.pop(identifier))
        if self.extras.get("views"):
            self.extras["views"] = prune_views(self.extras["views"], set(removed))
        self._changed(ModelEdit("remove", self, before=concept, removed=tuple(removed), trimmed=tuple(trimmed)))
        return removed

    def set_header(self, **changes: Any) -> None:
        """Change the model's name, documentation, properties, translations, extras or language.

        ``language`` relabels the main texts only (a model whose names were typed in Dutch but
        labelled ``en`` gets ``nl``); it translates nothing. ``en``, the default, is not stored.
        """
        if "language" in changes:
            language = changes.pop("language")
            if not isinstance(language, str):
                raise TypeError(f"a language is a code such as 'nl', not {language!r}")
            extras = dict(changes.pop("extras", self.extras))
            extras.pop("language", None)
            if language.strip() != "en":
                extras["language"] = language.strip()
            changes["extras"] = extras
        for key, value in changes.items():
            if key not in ("name", "documentation", "properties", "translations", "extras"):
                raise AttributeError(f"a model has no header field {key!r}")
            setattr(self, key, tuple(value) if key in ("properties", "translations") else value)
        self._changed(ModelEdit("header", self))


def prune_views(views: Iterable[Mapping[str, Any]], gone: set[str]) -> list[dict[str, Any]]:
    """``views`` (as in ``Model.extras``) without the diagram objects of the concepts in ``gone``.

    A node showing a removed element goes with its nested nodes, as Archi deletes a diagram
    object's children with it; a connection showing a removed relation goes, and so does every
    connection whose source or target is a removed node or connection.

    >>> views = [{"id": "v", "nodes": [{"id": "n1", "element": "a", "nodes": [{"id": "n2", "label": "x"}]},
    ...                                {"id": "n3", "element": "b"}],
    ...           "connections": [{"id": "c1", "relationship": "r", "source": "n3", "target": "n2"},
    ...                           {"id": "c2", "label": "", "source": "n3", "target": "c1"}]}]
    >>> kept = prune_views(views, {"a"})[0]
    >>> [n["id"] for n in kept["nodes"]], kept["connections"]
    (['n3'], [])
    """
    pruned: list[dict[str, Any]] = []
    for view in views:
        dropped: set[str] = set()
        nodes = _prune_nodes(view.get("nodes", ()), gone, dropped)
        connections = [dict(c) for c in view.get("connections", ())]
        while True:
            doomed = [c for c in connections
                      if c.get("relationship") in gone or c.get("source") in dropped or c.get("target") in dropped]
            if not doomed:
                break
            dropped.update(c["id"] for c in doomed if c.get("id"))
            connections = [c for c in connections if not any(c is d for d in doomed)]
        copy = dict(view)
        if "nodes" in view:
            copy["nodes"] = nodes
        if "connections" in view:
            copy["connections"] = connections
        pruned.append(copy)
    return pruned


def _prune_nodes(nodes: Iterable[Mapping[str, Any]], gone: set[str], dropped: set[str]) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    for node in nodes:
        if node.get("element") in gone:
            _drop_tree(node, dropped)
            continue
        copy = dict(node)
        if "nodes" in node:
            copy["nodes"] = _prune_nodes(node["nodes"], gone, dropped)
        kept.append(copy)
    return kept


def _drop_tree(node: Mapping[str, Any], dropped: set[str]) -> None:
    dropped.add(node.get("id", ""))
    for child in node.get("nodes", ()):
        _drop_tree(child, dropped)
