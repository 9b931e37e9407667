"""What a scenario is and what it does to a model: the :class:`Scenario` value, its checks, and
:func:`apply_scenario`, the model as it would be afterwards.

A :class:`Scenario` is a small value: a ``name``, the application ids to ``retire`` and a
``replace`` mapping ``{old id: new id}`` in which the new application takes over all of the old
one's support, system types, functions, information access and flows. A replacement in lifecycle
``plan`` goes live with the scenario. Evaluation is in :mod:`fora_model.analysis.scenarios`
(which re-exports everything here), files and storage in :mod:`fora_model.analysis.scenario_files`.

>>> Scenario("Retire Parro", retire=["parro"], replace={"esis": "parnassys"}).leaving
('parro', 'esis')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ForaModelError
from ..model import Model, Relation
from ..vocabulary import ElementKind, Lifecycle, RelationKind

__all__ = ["SCENARIO_FORMAT", "Scenario", "ScenarioError", "apply_scenario", "check_scenario", "goes_live",
           "require_fit"]


SCENARIO_FORMAT = "fora-model-scenario"
"""The ``format`` field of a scenario file."""


class ScenarioError(ForaModelError):
    """A scenario cannot be read or does not fit the model; the message says how to fix it."""


def _ids(value: Any, what: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ScenarioError(f"{what} must be a list of application ids")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item:
            raise ScenarioError(f"{what} must hold application ids (non-empty text), not {item!r}")
        if item not in out:
            out.append(item)
    return tuple(out)


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    if isinstance(items, str) or not isinstance(items, Iterable):
        raise ScenarioError("replace must map old application ids to new ones: {\"old\": \"new\"}")
    out: dict[str, str] = {}
    for pair in items:
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(p, str) and p for p in pair)):
            raise ScenarioError(f"replace must map old application ids to new ones, not {pair!r}")
        out[pair[0]] = pair[1]
    return tuple(out.items())


@dataclass(frozen=True)
class Scenario:
    """Retire some applications and replace others; hashable, so analyses can memoise on it.

    ``retire`` and ``replace`` accept any list or mapping and are kept as tuples (order kept,
    repeats dropped); :attr:`replacements` gives the mapping back.
    """

    name: str
    retire: tuple[str, ...] = ()
    replace: tuple[tuple[str, str], ...] = field(default=())
    description: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ScenarioError("a scenario needs a name")
        if not isinstance(self.description, str):
            raise ScenarioError("a scenario's description must be text")
        object.__setattr__(self, "retire", _ids(self.retire, "retire"))
        object.__setattr__(self, "replace", _pairs(self.replace))

    @property
    def replacements(self) -> dict[str, str]:
        """``{old id: new id}``."""
        return dict(self.replace)

    @property
    def leaving(self) -> tuple[str, ...]:
        """Every application that goes: the retired ones and the replaced ones."""
        return self.retire + tuple(old for old, _ in self.replace if old not in self.retire)

    def to_dict(self) -> dict[str, Any]:
        """The scenario as a JSON-ready dict (the file format, see :func:`dumps_scenario`)."""
        out: dict[str, Any] = {"format": SCENARIO_FORMAT, "format_version": 1, "name": self.name}
        if self.description:
            out["description"] = self.description
        out["retire"] = list(self.retire)
        out["replace"] = dict(self.replace)
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Scenario:
        """A scenario from :meth:`to_dict` output; :class:`ScenarioError` says what is wrong."""
        if not isinstance(data, Mapping):
            raise ScenarioError("a scenario must be a JSON object with a name, retire and replace")
        if data.get("format", SCENARIO_FORMAT) != SCENARIO_FORMAT:
            raise ScenarioError(f"not a scenario (format {data.get('format')!r}); expected {SCENARIO_FORMAT!r}")
        if data.get("format_version", 1) != 1:
            raise ScenarioError(f"scenario format_version {data.get('format_version')!r} is newer than this "
                                "fora-model reads; upgrade fora-model")
        unknown = set(data) - {"format", "format_version", "name", "description", "retire", "replace"}
        if unknown:
            raise ScenarioError(f"a scenario has no field {sorted(unknown)[0]!r}; use name, description, "
                                "retire and replace")
        return cls(name=data.get("name", ""), retire=data.get("retire", ()),
                   replace=data.get("replace", {}), description=data.get("description", ""))


def check_scenario(model: Model, scenario: Scenario) -> list[str]:
    """What makes the scenario unusable on this model, one sentence each (empty when fine)."""
    problems: list[str] = []

    def application(identifier: str, role: str) -> bool:
        element = model.elements.get(identifier)
        if element is None:
            problems.append(f"{role} {identifier!r} is not in the model; use an application id")
            return False
        if element.kind is not ElementKind.APPLICATION:
            problems.append(f"{role} {identifier!r} is a {element.kind.label}, not an application")
            return False
        return True

    for identifier in scenario.retire:
        application(identifier, "retired application")
    leaving = set(scenario.leaving)
    for old, new in scenario.replace:
        application(old, "replaced application")
        if application(new, "replacement"):
            if new == old:
                problems.append(f"{old!r} cannot replace itself")
            elif new in leaving:
                problems.append(f"replacement {new!r} is itself retired or replaced in this scenario")
        if old in scenario.retire:
            problems.append(f"{old!r} is both retired and replaced; choose one")
    return problems


def require_fit(model: Model, scenario: Scenario) -> None:
    """Raise :class:`ScenarioError` naming the first problem :func:`check_scenario` finds."""
    problems = check_scenario(model, scenario)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ScenarioError(f"scenario {scenario.name!r}: {problems[0]}{more}")


def goes_live(model: Model, scenario: Scenario) -> list[str]:
    """Replacements in lifecycle ``plan``: they become current with the scenario."""
    return sorted({new for _, new in scenario.replace
                   if model.elements[new].attributes.get("lifecycle") == Lifecycle.PLAN.value})


def apply_scenario(model: Model, scenario: Scenario) -> Model:
    """The model as it would be after the scenario (a new model; ``model`` is not changed).

    Retired and replaced applications are removed with every relation that touches them, except
    that a replaced application's ``supports``, ``realizes``, ``assigned_to``, ``accesses`` and
    ``flows_to`` relations move to its replacement (relation ids kept; one that would repeat a
    relation the replacement already has, or a flow to itself, is dropped). A replacement in
    lifecycle ``plan`` becomes ``active``.
    """
    require_fit(model, scenario)
    mapping = scenario.replacements
    leaving = set(scenario.leaving)
    live = set(goes_live(model, scenario))
    movable = {RelationKind.SUPPORTS, RelationKind.REALIZES, RelationKind.ASSIGNED_TO, RelationKind.ACCESSES,
               RelationKind.FLOWS_TO}
    elements = [e.with_attributes(lifecycle=Lifecycle.ACTIVE.value) if e.id in live else e
                for e in model.elements.values() if e.id not in leaving]
    def key(r: Relation) -> tuple[Any, ...]:
        return (r.kind, r.source, r.target, tuple(sorted(r.attributes.items())))

    untouched = {r.id: r for r in model.relations.values() if r.source not in leaving and r.target not in leaving}
    seen = {key(r) for r in untouched.values()}
    kept: dict[str, Relation] = {}
    dropped: set[str] = set()
    for relation in model.relations.values():
        if relation.id in untouched:
            kept[relation.id] = relation
            continue
        source, target = mapping.get(relation.source, relation.source), mapping.get(relation.target, relation.target)
        moved = relation.replace(source=source, target=target)
        if (relation.kind not in movable or source in leaving or target in leaving or key(moved) in seen
                or (relation.kind is RelationKind.FLOWS_TO and source == target)):
            dropped.add(relation.id)
            continue
        seen.add(key(moved))
        kept[relation.id] = moved
    while True:  # relations on dropped relations go too
        doomed = [r for r in kept.values() if r.source in dropped or r.target in dropped]
        if not doomed:
            break
        for r in doomed:
            dropped.add(r.id)
            del kept[r.id]
    return Model.from_parts(elements, kept.values(), id=model.id, name=model.name,
                            documentation=model.documentation, properties=model.properties,
                            translations=model.translations, extras=model.copy().extras)
