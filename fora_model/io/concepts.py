"""What every ArchiMate file format holds, before it becomes a :class:`~fora_model.model.Model`.

Readers of Archi CSV, exchange XML, ``.archimate`` and coArchi folders parse into a
:class:`RawModel` of :class:`RawConcept` s (types are Archi class names: ``BusinessProcess``,
``ServingRelationship``, ``Junction``); :mod:`fora_model.io.bridge` turns it into a model and back.

What ArchiMate has no slot for is written as properties with reserved keys starting ``fora:``:
``fora:kind`` (only where the kind cannot be inferred from the ArchiMate types), one per typed
attribute (``fora:annual_cost``), ``fora:carries`` on flows, and ``fora:name@nl`` /
``fora:documentation@nl`` for names in other languages in formats with one language per text;
those formats (Archi CSV, ``.archimate``, coArchi) also state the language of the main texts as
the model property ``fora:language`` when it is not ``en``.

>>> encode_value(12000.0), encode_value(("i1", "i2")), encode_value(True)
('12000', 'i1 | i2', 'true')
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ACCESS_WORDS",
    "KIND_KEY",
    "LANGUAGE_KEY",
    "PREFIX",
    "RawConcept",
    "RawModel",
    "access_from_word",
    "encode_value",
    "is_reserved",
    "translation_key",
]

PREFIX = "fora:"
"""Start of the property keys fora-model reserves for what ArchiMate has no slot for."""

KIND_KEY = "fora:kind"
"""The property that states a concept's fora-model kind when the ArchiMate types do not tell it."""

LANGUAGE_KEY = "fora:language"
"""The model property that states the main language in formats with one language per text."""

ACCESS_WORDS = {"read": "Read", "write": "Write", "readwrite": "ReadWrite", "access": "Access"}
"""Access type values of fora-model → the words Archi CSV and exchange XML use."""


def access_from_word(word: str) -> str | None:
    """The fora-model access value of an ArchiMate access word (any case), or None."""
    return {v.lower(): k for k, v in ACCESS_WORDS.items()}.get(word.strip().lower())


@dataclass(slots=True)
class RawConcept:
    """One element or relationship as a file states it.

    ``access`` (read/write/readwrite/access), ``directed``, ``strength`` and ``junction``
    (and/or) are the ArchiMate attributes; ``location`` says where in the file it was read.
    """

    id: str
    type: str
    name: str = ""
    documentation: str = ""
    specialization: str = ""
    properties: list[tuple[str, str]] = field(default_factory=list)
    translations: list[tuple[str, str, str]] = field(default_factory=list)
    source: str = ""
    target: str = ""
    access: str | None = None
    directed: bool | None = None
    strength: str | None = None
    junction: str | None = None
    location: str = ""

    @property
    def is_relation(self) -> bool:
        """True for relationships (their Archi class name ends in ``Relationship``)."""
        return self.type.endswith("Relationship")


@dataclass(slots=True)
class RawModel:
    """A whole ArchiMate model as a file states it; ``extras`` holds views, folders and the like."""

    id: str = ""
    name: str = ""
    documentation: str = ""
    properties: list[tuple[str, str]] = field(default_factory=list)
    translations: list[tuple[str, str, str]] = field(default_factory=list)
    elements: list[RawConcept] = field(default_factory=list)
    relations: list[RawConcept] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    source: str = ""


def is_reserved(key: str) -> bool:
    """True for property keys fora-model reserves (``fora:...``)."""
    return key.startswith(PREFIX)


def translation_key(field_name: str, language: str) -> str:
    """The reserved property key of a name or documentation in another language."""
    return f"{PREFIX}{field_name}@{language}"


def encode_value(value: Any) -> str:
    """A typed attribute value as property text that reads back to the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return " | ".join(str(v) for v in value)
    return str(value)
