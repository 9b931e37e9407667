"""Text that XML and spreadsheets cannot hold, written so that the export never fails.

XML 1.0 (exchange XML, ``.archimate``, coArchi, the cells of an ``.xlsx``) has no way to write NUL
and the other C0 control characters except tab, line feed and carriage return, nor lone
surrogates or U+FFFE/U+FFFF, not even as character references. A model may still hold them (the
native JSON does, and so does what a careless import typed). The XML-based writers call
:func:`xml_safe` first: every such character is written as U+FFFD (the replacement character),
and one warning per concept names the element or relation, so nothing changes silently and the
export never stops half-way.

>>> from fora_model import Element, Model
>>> m = Model(name="Tiny")
>>> _ = m.add_element(Element.new("activity", "Bad\\x00name", id="a"))
>>> safe, findings = xml_safe(m)
>>> safe.element("a").name, m.element("a").name == "Bad\\x00name", findings[0].element
('Bad\\ufffdname', True, 'a')
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from enum import Enum
from typing import Any

from ..errors import Finding, Reason, Severity
from ..model import Model

__all__ = ["XML_UNSAFE", "xml_safe", "xml_text"]

XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""The characters XML 1.0 cannot hold."""


def xml_text(text: str) -> str:
    """``text`` with every character XML cannot hold replaced by U+FFFD."""
    return XML_UNSAFE.sub("\ufffd", text) if XML_UNSAFE.search(text) else text


def _clean(value: Any) -> Any:
    """``value`` with its text made XML-safe; the very same object when nothing needed changing."""
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, Mapping):
        items = [(_clean(k), _clean(v)) for k, v in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(items, value.items(), strict=True)):
            return value
        return dict(items)
    if isinstance(value, (list, tuple)):
        cleaned = [_clean(v) for v in value]
        if all(a is b for a, b in zip(cleaned, value, strict=True)):
            return value
        if isinstance(value, list) or type(value) is tuple:
            return type(value)(cleaned)
        return type(value)(*cleaned)  # a named tuple
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _clean(old)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def xml_safe(model: Model, *, format_name: str = "XML") -> tuple[Model, list[Finding]]:
    """``model`` itself when all its text fits XML, else a copy with the characters XML cannot hold
    written as U+FFFD, and one warning per element or relation (and for the model's header) changed."""
    findings: list[Finding] = []
    elements: dict[str, Any] = {}
    relations: dict[str, Any] = {}
    for element in model.elements.values():
        cleaned = _clean(element)
        if cleaned is not element:
            elements[element.id] = cleaned
    for relation in model.relations.values():
        cleaned = _clean(relation)
        if cleaned is not relation:
            relations[relation.id] = cleaned
    header = {key: getattr(model, key) for key in ("name", "documentation", "properties", "translations", "extras")}
    cleaned_header = {key: _clean(value) for key, value in header.items()}
    header_changed = [key for key in header if cleaned_header[key] is not header[key]]
    if not elements and not relations and not header_changed:
        return model, findings
    hint = "remove the control characters from the text (they are usually pasted in by accident)"
    for identifier in [*elements, *relations]:
        findings.append(Finding(Severity.WARNING, Reason.BAD_VALUE, identifier,
                                f"text with control characters {format_name} cannot hold: written with "
                                "\ufffd in their place", hint))
    if header_changed:
        verb = "contains" if len(header_changed) == 1 else "contain"
        findings.append(Finding(Severity.WARNING, Reason.BAD_VALUE, "",
                                f"the model's {', '.join(header_changed)} {verb} control characters "
                                f"{format_name} cannot hold: written with \ufffd in their place", hint))
    safe = Model.from_parts(
        (elements.get(e.id, e) for e in model.elements.values()),
        (relations.get(r.id, r) for r in model.relations.values()),
        id=model.id, **cleaned_header,
    )
    return safe, findings
