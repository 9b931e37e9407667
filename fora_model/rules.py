"""Which relations the metamodel allows, as data, and the check every change goes through.

:data:`ALLOWED` lists the ``(source kind, relation kind, target kind)`` triples a FORA relation
may have. Carried relations (kind ``other``) may join any two concepts, a relation included:
the ArchiMate rules for those are checked by the interchange readers, not here.

>>> (ElementKind.APPLICATION, RelationKind.SUPPORTS, ElementKind.ACTIVITY) in ALLOWED
True
>>> (ElementKind.GOAL, RelationKind.SUPPORTS, ElementKind.ACTIVITY) in ALLOWED
False
>>> allowed_targets(ElementKind.APPLICATION, RelationKind.REALIZES)
('system_type',)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from .elements import Element, Relation
from .errors import Finding, Reason, Severity
from .i18n import _
from .vocabulary import ElementKind, RelationKind, a_term

__all__ = ["ALLOWED", "Concepts", "allowed_sources", "allowed_targets", "check_relation", "is_allowed"]


class Concepts(Protocol):
    """What :func:`check_relation` needs of a model: its elements and relations by id.

    :class:`~fora_model.model.Model` is one; so is any read-only view a caller builds for a check
    (the model imports this module, never the other way round).
    """

    @property
    def elements(self) -> Mapping[str, Element]: ...

    @property
    def relations(self) -> Mapping[str, Relation]: ...

K = ElementKind
R = RelationKind

_SPEC: dict[RelationKind, tuple[tuple[ElementKind, ...], tuple[ElementKind, ...]]] = {
    R.CONTRIBUTES_TO: ((K.PROCESS, K.ACTIVITY), (K.GOAL,)),
    R.COMPOSED_OF: ((K.PROCESS,), (K.PROCESS, K.ACTIVITY)),
    R.ACCESSES: ((K.ACTIVITY, K.PROCESS, K.APPLICATION, K.SYSTEM_TYPE, K.APPLICATION_FUNCTION), (K.INFORMATION,)),
    R.SUPPORTS: ((K.APPLICATION, K.SYSTEM_TYPE, K.APPLICATION_FUNCTION), (K.PROCESS, K.ACTIVITY)),
    R.REALIZES: ((K.APPLICATION,), (K.SYSTEM_TYPE,)),
    R.ASSIGNED_TO: ((K.APPLICATION, K.SYSTEM_TYPE), (K.APPLICATION_FUNCTION,)),
    R.FLOWS_TO: ((K.APPLICATION,), (K.APPLICATION,)),
}

ALLOWED: frozenset[tuple[ElementKind, RelationKind, ElementKind]] = frozenset(
    (source, relation, target)
    for relation, (sources, targets) in _SPEC.items()
    for source in sources
    for target in targets
)
"""Every allowed (source kind, relation kind, target kind) for the FORA relation kinds."""


def is_allowed(source: ElementKind, relation: RelationKind, target: ElementKind) -> bool:
    """True when the metamodel allows this triple (always true for carried relations)."""
    if relation is RelationKind.OTHER:
        return True
    return (source, relation, target) in ALLOWED


def allowed_sources(relation: RelationKind) -> tuple[str, ...]:
    """The element kinds a relation of this kind may start from, as values."""
    return tuple(k.value for k in _SPEC.get(relation, ((), ()))[0])


def allowed_targets(source: ElementKind, relation: RelationKind) -> tuple[str, ...]:
    """The element kinds a relation of this kind from ``source`` may end on, as values."""
    sources, targets = _SPEC.get(relation, ((), ()))
    return tuple(k.value for k in targets) if source in sources else ()


def check_relation(model: Concepts, relation: Relation) -> list[Finding]:
    """Error findings that stop ``relation`` from belonging in ``model`` (empty when it fits).

    Checks that both endpoints exist (a carried relation may end on a relation), that a FORA
    relation joins elements, and that its triple is allowed.
    """
    problems: list[Finding] = []
    ends: dict[str, ElementKind | None] = {}
    for role, endpoint in (("source", relation.source), ("target", relation.target)):
        if endpoint in model.elements:
            ends[role] = model.elements[endpoint].kind
        elif endpoint in model.relations and relation.kind is RelationKind.OTHER:
            ends[role] = None
        elif endpoint in model.relations:
            problems.append(
                Finding(
                    Severity.ERROR,
                    Reason.DISALLOWED_RELATION,
                    relation.id,
                    (_("{a_relation} relation cannot have the relation {endpoint} as its source",
                       a_relation=a_term(relation.kind.term), endpoint=repr(endpoint)) if role == "source" else
                     _("{a_relation} relation cannot have the relation {endpoint} as its target",
                       a_relation=a_term(relation.kind.term), endpoint=repr(endpoint))),
                    _("join two elements"),
                )
            )
        else:
            problems.append(
                Finding(
                    Severity.ERROR,
                    Reason.DANGLING_ENDPOINT,
                    relation.id,
                    (_("its source {endpoint} does not exist", endpoint=repr(endpoint)) if role == "source" else
                     _("its target {endpoint} does not exist", endpoint=repr(endpoint))),
                    _("add the element {endpoint} or remove the relation", endpoint=repr(endpoint)),
                )
            )
    for info in relation.attributes.get("carries") or ():
        carried = model.elements.get(info)
        if carried is None or carried.kind is not ElementKind.INFORMATION:
            problems.append(Finding(
                Severity.ERROR, Reason.DANGLING_ENDPOINT, relation.id,
                _("the flow carries {info}, which is not information of this model", info=repr(info)),
                _("name an information element, or leave carries empty for 'everything'"),
            ))
    if problems or relation.kind is RelationKind.OTHER:
        return problems
    source, target = ends["source"], ends["target"]
    assert source is not None and target is not None
    if (source, relation.kind, target) not in ALLOWED:
        label = relation.kind.term
        targets = allowed_targets(source, relation.kind)
        if targets:
            hint = _("from {a_source}, '{relation}' may go to: {kinds}", a_source=source.a_term, relation=label,
                     kinds=_words(targets))
        else:
            hint = _("'{relation}' starts from: {kinds}", relation=label, kinds=_words(allowed_sources(relation.kind)))
        problems.append(
            Finding(
                Severity.ERROR,
                Reason.DISALLOWED_RELATION,
                relation.id,
                _("'{relation}' cannot go from {a_source} to {a_target}", relation=label, a_source=source.a_term,
                  a_target=target.a_term),
                hint,
            )
        )
    return problems


def _words(kinds: tuple[str, ...]) -> str:
    return ", ".join(ElementKind(k).term for k in kinds)
