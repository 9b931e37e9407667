"""Scenario files and scenarios saved with a model.

A scenario travels as a small JSON file::

    {"format": "fora-model-scenario", "format_version": 1, "name": "Retire Parro",
     "description": "...", "retire": ["parro"], "replace": {"old id": "new id"}}

and is kept with the model in ``model.extras["scenarios"]`` (a list of such objects), so a saved
model or workspace keeps its scenarios.

>>> s = Scenario("Retire Parro", retire=["parro"])
>>> loads_scenario(dumps_scenario(s)) == s
True
"""

from __future__ import annotations

import json
from pathlib import Path

from ..model import Model
from .scenario_model import Scenario, ScenarioError

__all__ = [
    "dumps_scenario",
    "find_scenario",
    "loads_scenario",
    "model_scenarios",
    "read_scenario",
    "remove_scenario",
    "store_scenario",
    "write_scenario",
]

_MAX_BYTES = 1_000_000


def dumps_scenario(scenario: Scenario) -> str:
    """The scenario as a small JSON document::

        {"format": "fora-model-scenario", "format_version": 1, "name": "...",
         "description": "...", "retire": ["id", ...], "replace": {"old id": "new id"}}
    """
    return json.dumps(scenario.to_dict(), ensure_ascii=False, indent=2) + "\n"


def loads_scenario(text: str, source: str = "") -> Scenario:
    """Parse :func:`dumps_scenario` output; errors name ``source`` and say what to fix."""
    prefix = f"{source}: " if source else ""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(f"{prefix}not valid JSON (line {exc.lineno}): {exc.msg} — the file is damaged or "
                            "truncated; export the scenario again") from None
    except RecursionError:
        raise ScenarioError(f"{prefix}the JSON is nested too deeply to be a scenario — export the scenario "
                            "again") from None
    try:
        return Scenario.from_dict(data)
    except ScenarioError as exc:
        raise ScenarioError(f"{prefix}{exc}") from None


def write_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write the scenario as a JSON file (atomically)."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(dumps_scenario(scenario), encoding="utf-8")
    tmp.replace(target)


def read_scenario(path: str | Path) -> Scenario:
    """Read a scenario file written by :func:`write_scenario` (at most 1 MB)."""
    source = Path(path)
    try:
        if source.stat().st_size > _MAX_BYTES:
            raise ScenarioError(f"{source}: too large for a scenario file (over 1 MB)")
        text = source.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ScenarioError(f"{source}: cannot read it ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ScenarioError(f"{source}: not UTF-8 text; save the scenario as UTF-8 JSON") from None
    return loads_scenario(text, str(source))


def model_scenarios(model: Model) -> list[Scenario]:
    """The scenarios saved with the model (``model.extras["scenarios"]``), in order."""
    stored = model.extras.get("scenarios", [])
    if not isinstance(stored, list):
        raise ScenarioError("the model's extras.scenarios must be a list of scenarios")
    out = []
    for index, item in enumerate(stored):
        try:
            out.append(Scenario.from_dict(item))
        except ScenarioError as exc:
            raise ScenarioError(f"saved scenario {index + 1}: {exc}") from None
    return out


def store_scenario(model: Model, scenario: Scenario) -> None:
    """Save ``scenario`` with the model, replacing a saved one of the same name (an edit: the
    model's version changes, so it is saved with the model and its workspace)."""
    kept = [s.to_dict() for s in model_scenarios(model) if s.name != scenario.name]
    names = [s.name for s in model_scenarios(model)]
    position = names.index(scenario.name) if scenario.name in names else len(kept)
    kept.insert(position, scenario.to_dict())
    model.set_header(extras={**model.extras, "scenarios": kept})


def remove_scenario(model: Model, name: str) -> None:
    """Remove the saved scenario called ``name``; ``ScenarioError`` when there is none."""
    scenarios = model_scenarios(model)
    if name not in [s.name for s in scenarios]:
        raise ScenarioError(f"the model has no saved scenario {name!r}")
    kept = [s.to_dict() for s in scenarios if s.name != name]
    extras = {k: v for k, v in model.extras.items() if k != "scenarios"}
    if kept:
        extras["scenarios"] = kept
    model.set_header(extras=extras)


def find_scenario(model: Model, name_or_file: str) -> Scenario:
    """A scenario saved with the model under this name, else one read from this file."""
    for scenario in model_scenarios(model):
        if scenario.name == name_or_file:
            return scenario
    path = Path(name_or_file)
    if path.is_file():
        return read_scenario(path)
    if path.exists() and not path.is_dir():
        raise ScenarioError(f"{path}: is not an ordinary file (it is a pipe, a device or a socket) — save the "
                            "scenario to a file and give that file")
    names = ", ".join(repr(s.name) for s in model_scenarios(model)) or "none"
    raise ScenarioError(f"no saved scenario and no file called {name_or_file!r} (saved scenarios: {names})")
