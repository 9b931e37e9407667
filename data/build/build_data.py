"""Build the shipped models: the FORA-style reference model and the sample school.

Run from the repository root::

    .venv/bin/python -m data.build.build_data             # writes data/reference-model.json, data/sample-school.json
    .venv/bin/python -m data.build.build_data --out DIR   # writes both files to DIR instead

The models are built through the public API (``Element.new``, ``Relation.new``, ``Model.add_*``),
so every relation is checked against the metamodel, and written with
:func:`fora_model.io.native.write_json`. Every id is ``id-`` + ``uuid5(NAMESPACE, key).hex`` where
the key names the concept (``"activity:Record grades"``, ``"supports:application:Facet->activity:..."``),
so running the builder twice gives byte-identical files. ``data/sample-school-expected.json`` is
not built here: it is written by hand and checked by the tests.
"""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fora_model.io.native import write_json
from fora_model.model import Element, Model, Relation
from fora_model.vocabulary import ElementKind, RelationKind

from . import reference_tables as ref
from . import school_tables as school

__all__ = ["NAMESPACE", "build_reference", "build_sample", "element_id", "main", "stable_id", "write_all"]

NAMESPACE = uuid.UUID("c8362e8f-16df-520e-8f73-cf2518a56582")
"""The uuid5 namespace of every id in the shipped data; never change it (ids would all change)."""

DATA_DIR = Path(__file__).resolve().parent.parent
REFERENCE_NAME = "FORA-style reference model"
REFERENCE_DOCUMENTATION = (
    "A reference model for Dutch primary, secondary and special-needs schools in the style of FORA "
    "(Funderend Onderwijs Referentie Architectuur): the seven business domains, their main and business "
    "functions and activities, the information each activity uses, the core system types and their "
    "application functions. Labels follow the FORA vocabulary (the Dutch term is kept as the property "
    "fora_term); the structure and descriptions are our own."
)

K = ElementKind
R = RelationKind


def stable_id(key: str) -> str:
    """The id of the concept with this key: ``id-`` + 32 hex digits, the same on every run."""
    return f"id-{uuid.uuid5(NAMESPACE, key).hex}"


def element_id(kind: ElementKind | str, name: str) -> str:
    """The id of the element of ``kind`` named ``name`` (element names are unique per kind)."""
    return stable_id(f"{ElementKind(kind).value}:{name}")


class _Builder:
    """Adds elements and relations with stable ids, looking elements up by kind and name."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.keys: dict[str, str] = {}

    def element(self, kind: ElementKind, name: str, *, term: str = "", documentation: str = "",
                archimate_type: str = "", properties: Iterable[tuple[str, str]] = (), **attributes: Any) -> str:
        key = f"{kind.value}:{name}"
        if key in self.keys:
            raise ValueError(f"two elements with the key {key!r}")
        props = ([("fora_term", term)] if term else []) + list(properties)
        element = Element.new(kind, name, id=stable_id(key), documentation=documentation,
                              archimate_type=archimate_type, properties=props,
                              **{k: v for k, v in attributes.items() if v is not None})
        self.model.add_element(element)
        self.keys[key] = element.id
        return element.id

    def key(self, kinds: tuple[ElementKind, ...], name: str) -> str:
        hits = [f"{k.value}:{name}" for k in kinds if f"{k.value}:{name}" in self.keys]
        if len(hits) != 1:
            raise KeyError(f"{len(hits)} elements named {name!r} among {[k.value for k in kinds]}")
        return hits[0]

    def relation(self, kind: RelationKind, source: str, target: str, *, name: str = "", **attributes: Any) -> None:
        relation = Relation.new(kind, self.keys[source], self.keys[target], name=name,
                                id=stable_id(f"{kind.value}:{source}->{target}"), **attributes)
        self.model.add_relation(relation)


_BEHAVIOUR = (K.PROCESS, K.ACTIVITY)


def _add_reference(b: _Builder) -> None:
    for domain in ref.DOMAINS:
        b.element(K.PROCESS, domain.name, term=domain.term, documentation=domain.documentation,
                  archimate_type="Grouping")
        for main in domain.mains:
            b.element(K.PROCESS, main.name, term=main.term)
            for function in main.functions:
                b.element(K.PROCESS, function.name, term=function.term, documentation=function.documentation,
                          needs_support=function.needs_support)
                for activity in function.activities:
                    b.element(K.ACTIVITY, activity.name, term=activity.term,
                              needs_support=activity.needs_support, criticality=activity.criticality)
    for info in ref.INFORMATION:
        b.element(K.INFORMATION, info.name, term=info.term, documentation=info.documentation,
                  personal_data=info.personal_data, sensitivity=info.sensitivity)
    for system_type in ref.SYSTEM_TYPES:
        props = [("FORA-type", "Referentiecomponent")]
        if system_type.abbreviation:
            props.append(("abbreviation", system_type.abbreviation))
        b.element(K.SYSTEM_TYPE, system_type.name, term=system_type.term,
                  documentation=system_type.documentation, properties=props)
    for app_function in ref.FUNCTIONS:
        b.element(K.APPLICATION_FUNCTION, app_function.name, term=app_function.term,
                  documentation=app_function.documentation)

    for domain in ref.DOMAINS:
        for main in domain.mains:
            b.relation(R.COMPOSED_OF, f"process:{domain.name}", f"process:{main.name}")
            for function in main.functions:
                b.relation(R.COMPOSED_OF, f"process:{main.name}", f"process:{function.name}")
                for activity in function.activities:
                    b.relation(R.COMPOSED_OF, f"process:{function.name}", f"activity:{activity.name}")
    for domain in ref.DOMAINS:
        for main in domain.mains:
            for function in main.functions:
                for activity in function.activities:
                    for information, access in activity.accesses:
                        b.relation(R.ACCESSES, f"activity:{activity.name}", f"information:{information}",
                                   access=access)
    type_keys = {t.code: f"system_type:{t.name}" for t in ref.SYSTEM_TYPES}
    for app_function in ref.FUNCTIONS:
        for code in app_function.types:
            b.relation(R.ASSIGNED_TO, type_keys[code], f"application_function:{app_function.name}")
    for app_function in ref.FUNCTIONS:
        for target in app_function.supports:
            b.relation(R.SUPPORTS, f"application_function:{app_function.name}", b.key(_BEHAVIOUR, target))
    for code, target in ref.TYPE_SUPPORTS:
        b.relation(R.SUPPORTS, type_keys[code], b.key(_BEHAVIOUR, target))


def build_reference() -> Model:
    """The FORA-style reference model (system-type level: no applications)."""
    model = Model(id=stable_id("model:reference"), name=REFERENCE_NAME, documentation=REFERENCE_DOCUMENTATION,
                  properties=[("language", "en"), ("source_vocabulary", "FORA (Kennisnet)")])
    _add_reference(_Builder(model))
    return model


def build_sample() -> Model:
    """The sample school: the reference model (same ids) plus goals, applications and flows."""
    model = Model(id=stable_id("model:sample-school"), name=school.SCHOOL_NAME,
                  documentation=school.SCHOOL_DOCUMENTATION,
                  properties=[("language", "en"), ("reference_model", stable_id("model:reference")), ("pupils", "1100"),
                              ("staff", "110")])
    b = _Builder(model)
    _add_reference(b)
    type_keys = {t.code: f"system_type:{t.name}" for t in ref.SYSTEM_TYPES}

    for goal in school.GOALS:
        b.element(K.GOAL, goal.name, documentation=goal.documentation)
    for app in school.APPLICATIONS:
        b.element(K.APPLICATION, app.name, documentation=app.documentation, **app.attributes)

    for goal in school.GOALS:
        for contributor in goal.contributors:
            b.relation(R.CONTRIBUTES_TO, b.key(_BEHAVIOUR, contributor), f"goal:{goal.name}")
    for app in school.APPLICATIONS:
        source = f"application:{app.name}"
        for code in app.realizes:
            b.relation(R.REALIZES, source, type_keys[code])
        for target in app.supports:
            b.relation(R.SUPPORTS, source, b.key(_BEHAVIOUR, target))
        for function in app.functions:
            b.relation(R.ASSIGNED_TO, source, f"application_function:{function}")
    for app in school.APPLICATIONS:
        for information, access in app.accesses:
            b.relation(R.ACCESSES, f"application:{app.name}", f"information:{information}", access=access)
    for flow in school.FLOWS:
        carries: dict[str, Any] = {}
        if flow.carries:
            carries["carries"] = tuple(b.keys[f"information:{info}"] for info in flow.carries)
        b.relation(R.FLOWS_TO, f"application:{flow.source}", f"application:{flow.target}", name=flow.name,
                   **carries)
    return model


def write_all(out: Path) -> list[Path]:
    """Build both models and write them to ``out``; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in (("reference-model.json", build_reference()), ("sample-school.json", build_sample())):
        path = out / name
        write_json(model, path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line entry point: build the shipped models."""
    parser = argparse.ArgumentParser(description="Build the reference model and the sample school.")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="folder to write to (default: data/)")
    args = parser.parse_args(argv)
    for path in write_all(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
