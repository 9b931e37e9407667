"""A small model that exercises everything the interchange formats must carry.

Views, a folder tree, junctions, a relation whose endpoint is a relation, names in two
languages, repeated property keys, every relation attribute ArchiMate has, concepts of types
fora-model does not analyse, text with quotes, commas, line breaks and a leading ``=``. Tests,
documentation and the benchmark use it; it is built in code so it is always the same.

>>> m = interop_example()
>>> len(m.elements), len(m.relations)
(15, 16)
"""

from __future__ import annotations

from ..model import Element, Model, Relation

__all__ = ["interop_example"]


def interop_example() -> Model:
    """The interchange test model (deterministic ids, see the module docstring)."""
    m = Model(
        id="id-model-1",
        name="Example school",
        documentation='Purpose, with "quotes"\nand a second line',
        properties=[("owner", "ICT"), ("owner", "board"), ("review", "2025")],
        translations=[("name", "nl", "Voorbeeldschool")],
    )
    e = Element.new
    elements = [
        e("goal", "Good teaching", id="id-g1").replace(translations=(("name", "nl", "Goed onderwijs"),)),
        e("process", "Education", id="id-p1", criticality="high"),
        e("activity", "Record grades", id="id-a1",
          documentation='Teachers record "grades", tests; marks\r\nand reports.\n# not a comment'),
        e("activity", "Form vision", id="id-a2", needs_support=False),
        e("information", "Grades", id="id-i1", personal_data=True, sensitivity="confidential"),
        e("information", "Grades record", id="id-i2", archimate_type="DataObject"),
        e("system_type", "Leerlingadministratiesysteem", id="id-st1",
          properties=[("FORA-type", "Referentiecomponent")]),
        e("application", "Magister", id="id-app1", vendor="Iddink", annual_cost=12000.5, lifecycle="active",
          functional_fit=3, technical_fit=4, contract_end="2026-07-31", processes_personal_data=True,
          properties=[("tag", "mis"), ("tag", "cloud"), ("url", "https://example.org/?a=1&b=2")]
          ).replace(translations=(("name", "nl", "Magister (NL)"), ("documentation", "nl", "Leerlingvolgsysteem"))),
        e("application", "=HYPERLINK(\"http://x\",\"y\")", id="id-app2", lifecycle="phase-out"),
        e("application_function", "Cijferregistratie", id="id-af1"),
        e("other", "Teacher", id="id-actor1", archimate_type="BusinessActor"),
        e("other", "Mentor", id="id-role1", archimate_type="BusinessRole"),
        e("other", "", id="id-j1", archimate_type="Junction", junction_type="or"),
        e("other", "Inspectorate", id="id-d1", archimate_type="Driver"),
        e("other", "Utrecht", id="id-loc1", archimate_type="Location"),
    ]
    r = Relation.new
    relations = [
        r("composed_of", "id-p1", "id-a1", id="id-r1"),
        r("composed_of", "id-p1", "id-a2", id="id-r2", archimate_type="AggregationRelationship"),
        r("contributes_to", "id-a1", "id-g1", id="id-r3", name="helps"),
        r("accesses", "id-a1", "id-i1", id="id-r4", access="write"),
        r("supports", "id-app1", "id-a1", id="id-r5", properties=[("since", "2019"), ("since", "2021")]),
        r("supports", "id-app2", "id-a1", id="id-r6", archimate_type="RealizationRelationship"),
        r("realizes", "id-app1", "id-st1", id="id-r7"),
        r("assigned_to", "id-st1", "id-af1", id="id-r8"),
        r("supports", "id-af1", "id-p1", id="id-r9"),
        r("flows_to", "id-app1", "id-app2", id="id-r10", carries=("id-i1",)),
        r("other", "id-actor1", "id-j1", id="id-r11", archimate_type="AssignmentRelationship"),
        r("other", "id-j1", "id-role1", id="id-r12", archimate_type="AssignmentRelationship"),
        r("other", "id-actor1", "id-r5", id="id-r13", archimate_type="AssociationRelationship", directed=True,
          documentation="a relation whose target is a relation"),
        r("other", "id-d1", "id-g1", id="id-r14", archimate_type="InfluenceRelationship", influence_strength="++"),
        r("other", "id-role1", "id-i1", id="id-r15", archimate_type="AccessRelationship", access="read"),
        r("other", "id-i2", "id-i1", id="id-r16", archimate_type="RealizationRelationship"),
    ]
    extras = {
        "views": [{
            "id": "id-v1", "name": "Education", "documentation": "Who supports grading",
            "properties": [["audience", "board"]],
            "nodes": [
                {"id": "id-n1", "element": "id-p1", "x": 10, "y": 10, "w": 400, "h": 200, "nodes": [
                    {"id": "id-n2", "element": "id-a1", "x": 40, "y": 60, "w": 120, "h": 55},
                ]},
                {"id": "id-n3", "element": "id-app1", "x": 40, "y": 300, "w": 120, "h": 55},
                {"id": "id-n4", "label": "Checked with the team", "x": 300, "y": 300, "w": 185, "h": 80},
            ],
            "connections": [{"id": "id-c1", "relationship": "id-r5", "source": "id-n3", "target": "id-n2"}],
        }],
        "folders": [
            {"name": "Business", "items": ["id-p1", "id-a1", "id-a2", "id-i1", "id-actor1", "id-role1"],
             "folders": [{"name": "Drafts", "id": "id-f2", "documentation": "work in progress"}]},
            {"name": "Views", "items": ["id-v1"]},
        ],
    }
    return Model.from_parts(elements, relations, id=m.id, name=m.name, documentation=m.documentation,
                            properties=m.properties, translations=m.translations, extras=extras)
