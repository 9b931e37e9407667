"""What a model carries besides its concepts (``Model.extras``), and what each format keeps of it.

Keys used by the interchange formats:

``views``
    diagrams, as ``[{"id", "name", "documentation", "viewpoint", "properties", "nodes",
    "connections"}]``; a node is ``{"id", "element" | "label", "x", "y", "w", "h", "nodes"}``, a
    connection ``{"id", "relationship" | "label", "source", "target", "bendpoints"}``.
``folders``
    the model tree: ``[{"name", "id", "type", "documentation", "items", "folders"}]`` where
    ``items`` are ids of concepts and views.
``property_types``
    property key → exchange-format data type, for keys that are not ``string``.
``language``
    the language of the model's main names when it is not ``en`` (``""``: none stated).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import Finding, Reason, Severity

__all__ = ["count_nodes", "dropped_extras"]


def count_nodes(nodes: Iterable[Mapping[str, Any]]) -> int:
    """Number of nodes in a view's node tree."""
    return sum(1 + count_nodes(n.get("nodes", ())) for n in nodes)


def dropped_extras(extras: Mapping[str, Any], fmt: str, keeps: Iterable[str]) -> list[Finding]:
    """A warning for each part of ``extras`` that ``fmt`` cannot hold (it is left out of the file)."""
    kept = set(keeps)
    findings: list[Finding] = []
    for key, value in extras.items():
        if key in kept or not value:
            continue
        if key == "views":
            what = f"{len(value)} view(s)"
        elif key == "folders":
            what = "the folder tree"
        elif key == "property_types":
            what = f"the data types of {len(value)} property key(s)"
        elif key == "language":
            what = f"the main language {value!r}"
        else:
            what = f"the model's {key!r}"
        findings.append(Finding(Severity.WARNING, Reason.DROPPED, "", f"{fmt} cannot hold {what}; not written",
                                "export to exchange XML, .archimate, .xlsx or .json to keep it"))
    return findings
