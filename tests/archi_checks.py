"""What Archi would refuse or report in an ``.archimate`` text, checked the way Archi's model loader and
its model checker (com.archimatetool.editor.model.ModelChecker) do."""

from __future__ import annotations

from typing import Any

from lxml import etree

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"

# Archi's diagram classes (archimate.ecore, with their ExtendedMetaData names) and which of them have
# documentation and properties; a file using another class, or a feature its class lacks, Archi cannot load.
DIAGRAM_CLASSES = {"ArchimateDiagramModel", "SketchModel", "DiagramObject", "Group", "Note", "DiagramModelReference",
                   "DiagramModelImage", "SketchModelSticky", "SketchModelActor", "Connection",
                   "DiagramModelConnection"}
DOCUMENTED = {"ArchimateDiagramModel", "SketchModel", "Group", "SketchModelActor", "Connection",
              "DiagramModelConnection", "DiagramModelImage"}
WITH_PROPERTIES = DOCUMENTED | {"Note", "SketchModelSticky"}
FOLDER_TYPES = ["strategy", "business", "application", "technology", "motivation", "implementation_migration",
                "other", "relations", "diagrams"]
CANVAS_CLASSES = {"CanvasModel", "CanvasModelBlock", "CanvasModelSticky", "CanvasModelImage", "CanvasModelConnection"}


def archi_problems(text: str) -> list[str]:
    """What Archi would refuse or report in an .archimate text: unknown diagram classes, features a class
    does not have, duplicate ids, references to ids not in the file, targetConnections that disagree."""
    root = etree.fromstring(text.encode())
    problems = []
    tops = sorted(f.get("type") or "" for f in root if f.tag == "folder")
    if tops != sorted(FOLDER_TYPES):
        problems.append(f"the top folders have the types {tops}, not one of each of Archi's")
    problems += [f"sub-folder {f.get('id')} has a type" for f in root.iterfind("folder//folder") if f.get("type")]
    ids: dict[str, Any] = {}
    for node in root.iter():
        if node.get("id"):
            if node.get("id") in ids:
                problems.append(f"duplicate id {node.get('id')}")
            ids[node.get("id")] = node
    for node in root.iter():
        prefix, _, kind = (node.get(XSI_TYPE) or "").partition(":")
        if prefix == "canvas" and kind in CANVAS_CLASSES:
            continue
        if node.tag in ("child", "sourceConnection") or kind.endswith("Model"):
            if kind not in DIAGRAM_CLASSES:
                problems.append(f"{node.get('id')}: no Archi class {kind}")
            tags = {c.tag for c in node}
            if "documentation" in tags and kind not in DOCUMENTED:
                problems.append(f"{node.get('id')}: an Archi {kind} has no documentation")
            if "property" in tags and kind not in WITH_PROPERTIES:
                problems.append(f"{node.get('id')}: an Archi {kind} has no properties")
        for attribute in ("archimateElement", "archimateRelationship", "source", "target", "model"):
            if node.get(attribute) and node.get(attribute) not in ids:
                problems.append(f"{node.get('id')} {attribute}={node.get(attribute)} is not in the file")
        for connection in (node.get("targetConnections") or "").split():
            if connection not in ids or ids[connection].get("target") != node.get("id"):
                problems.append(f"{node.get('id')} lists {connection} as a connection ending on it, which it is not")
        if node.tag == "sourceConnection" and node.get("source") != node.getparent().get("id"):
            problems.append(f"{node.get('id')} is not nested in its source")
        relation = ids.get(node.get("archimateRelationship") or "")
        if node.tag == "sourceConnection" and relation is not None:
            shown = [ids[node.get(end)].get("archimateElement") or ids[node.get(end)].get("archimateRelationship")
                     for end in ("source", "target") if node.get(end) in ids]
            if shown != [relation.get("source"), relation.get("target")]:
                problems.append(f"{node.get('id')}: relationship ends != connection ends")
    return problems
