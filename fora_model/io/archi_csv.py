'''Archi's CSV format (``File → Import/Export → CSV``): three files, an optional shared prefix.

``elements.csv`` (``ID, Type, Name, Documentation, Specialization``; an optional first data row
of type ``ArchimateModel`` is the model itself), ``relations.csv`` (``ID, Type, Name,
Documentation, Source, Target, Specialization``) and ``properties.csv`` (``ID, Key, Value``, keys
may repeat). The property keys ``Access_Type``, ``Directed``, ``Influence_Strength`` and
``Junction_Type`` are ArchiMate attributes, not user properties. Reading follows Archi's own
reader (Apache Commons CSV, default format): whitespace between a closing quote and the delimiter
is skipped, a plain field keeps its spaces and literal quotes, quoted text may span lines, and a
quote never closed or another character after a closing quote refuses the file with its line.
It also accepts ``,`` ``;`` or tab, UTF-8 with or without a byte-order mark (or a named
``encoding``), blank and ``#`` comment lines; an empty id gets a generated one. Files that hold no
row at all (empty, white space, only a header or only comments) are refused: that is a failed
export, not a model; Archi's own export of an empty model has its model row and reads as an
empty model. An access relation without
``Access_Type`` is a Write access, as in Archi. Writing quotes every field, doubles inner quotes,
ends rows with CRLF and writes no views or folders (the findings say so).

>>> from fora_model.model import Element, Model
>>> m = Model(id="m1", name="School")
>>> _ = m.add_element(Element.new("activity", 'Say "hi"', id="a1"))
>>> files, _ = generate_archi_csv(m)
>>> files["elements.csv"].splitlines()[2]
'"a1","BusinessProcess","Say ""hi""","",""'
>>> parse_archi_csv(files["elements.csv"]).model.element("a1").name
'Say "hi"'
'''

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from ..errors import Finding, ModelFileError, Reason, Severity
from ..model import Model, is_archi_id, new_id
from .base import ReadResult, read_limited
from .bridge import Progress, archimate_problems, model_to_raw, raw_to_model
from .concepts import ACCESS_WORDS, RawConcept, RawModel, access_from_word
from .extras import dropped_extras
from .mapping import KindMapping, resolve_mapping
from .safety import decode_text
from .writing import atomic_write_many

__all__ = ["generate_archi_csv", "is_archi_csv", "parse_archi_csv", "read_archi_csv", "write_archi_csv"]

ELEMENT_HEADER = ["ID", "Type", "Name", "Documentation", "Specialization"]
RELATION_HEADER = ["ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization"]
PROPERTY_HEADER = ["ID", "Key", "Value"]
MODEL_TYPE = "ArchimateModel"
_SPECIAL = {"Access_Type", "Directed", "Influence_Strength", "Junction_Type"}
_FILES = ("elements.csv", "relations.csv", "properties.csv")


def _locate(path: Path) -> tuple[Path, str]:
    """The folder and prefix of a CSV model named by its folder or one of its three files."""
    if path.is_dir():
        prefixes = sorted({p.name[: -len("elements.csv")] for p in path.iterdir()
                           if p.name.lower().endswith("elements.csv")})
        if not prefixes:
            raise ModelFileError(str(path), "the folder holds no elements.csv",
                                 "name a folder with Archi's elements.csv, relations.csv and properties.csv",
                                 Reason.UNSUPPORTED_FORMAT)
        if len(prefixes) > 1:
            raise ModelFileError(str(path), f"the folder holds {len(prefixes)} CSV models",
                                 "name the …elements.csv file of the one to read", Reason.UNSUPPORTED_FORMAT)
        return path, prefixes[0]
    lower = path.name.lower()
    for name in _FILES:
        if lower.endswith(name):
            return path.parent, path.name[: -len(name)]
    raise ModelFileError(str(path), "not an Archi CSV file", "name the …elements.csv file", Reason.UNSUPPORTED_FORMAT)


def is_archi_csv(path: Path) -> bool:
    """True for a folder holding one ``…elements.csv``, or a path ending in one of Archi's CSV names."""
    if path.is_dir():
        return any(p.name.lower().endswith("elements.csv") for p in path.iterdir())
    return path.name.lower().endswith(_FILES)


def read_archi_csv(
    path: str | Path,
    *,
    encoding: str | None = None,
    mapping: KindMapping | str | Path | None = None,
    max_bytes: int | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read an Archi CSV model from its folder or its ``…elements.csv`` path.

    Parameters
    ----------
    path
        The folder holding the three files, or the path of one of them.
    encoding
        The text encoding when the files are not UTF-8 (with or without BOM).
    mapping
        Overrides of the kind inference: a :class:`~fora_model.io.mapping.KindMapping`, a path
        to a JSON or CSV mapping file, or a dict in the JSON form.
    max_bytes
        The largest file accepted (default :data:`~fora_model.io.base.MAX_BYTES`).
    progress
        Called as ``progress(done, total)`` while reading.

    Returns
    -------
    ReadResult
        The model and the reader's findings (file, place, id, reason, hint); not yet validated.

    Raises
    ------
    ModelFileError
        When the file cannot be read as a model at all (missing, too large, malformed, hostile).
    """
    folder, prefix = _locate(Path(path))
    texts: dict[str, str] = {}
    for name in _FILES:
        file = folder / f"{prefix}{name}"
        if file.exists():
            texts[name] = decode_text(read_limited(file, max_bytes=max_bytes), str(file), encoding)
        elif name == "elements.csv":
            raise ModelFileError(str(file), "no such file", "export the model from Archi again")
    source = str(folder / prefix) if prefix else f"{folder}{os.sep}"
    if not any(_has_rows(text, f"{source}{name}") for name, text in texts.items()):
        raise ModelFileError(f"{source}elements.csv", "holds no rows: it is empty, or has only a header, blank "
                             "lines or comments", "export the model from Archi again (even an empty model is "
                             "exported with its model row)", Reason.MISSING_FIELD)
    return parse_archi_csv(texts.get("elements.csv", ""), texts.get("relations.csv", ""),
                           texts.get("properties.csv", ""), source=source, mapping=mapping, progress=progress)


def _has_rows(text: str, where: str) -> bool:
    """True when ``text`` holds a record after its header."""
    records = _records(text.removeprefix("\ufeff"), where)
    return next(records, None) is not None and next(records, None) is not None


_EOL = re.compile(r"\r\n|\r|\n")
_BLANK = re.compile(r"[ \t\f\v]*(?:#[^\r\n]*)?(?:\r\n|\r|\n|\Z)")


def _lexer(delimiter: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The quoted and plain field patterns of Apache Commons CSV's default format.

    A quoted field may be followed by whitespace before the delimiter or the line end (Java's
    ``Character.isWhitespace``: space, tab, form feed, vertical tab, U+001C–U+001F); a plain
    field runs to the delimiter or the line end with its spaces kept and its quotes literal.
    """
    space = "".join(c for c in " \t\f\v\x1c\x1d\x1e\x1f" if c != delimiter)
    quoted = re.compile('"([^"]*(?:""[^"]*)*)"[' + re.escape(space) + "]*")
    plain = re.compile("[^" + re.escape(delimiter) + "\r\n]*")
    return quoted, plain


def _records(text: str, where: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each record, read as Archi reads it (Apache Commons CSV).

    Blank lines and ``#`` comment lines between records are skipped; the delimiter is the one
    of ``,`` ``;`` tab the first record holds most. A quote left open at the end of the file, or
    a character other than whitespace between a closing quote and the delimiter, is refused
    with its line, as Archi refuses it.
    """
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    delimiter = max(",;\t", key=first.count) if first else ","
    quoted, plain = _lexer(delimiter)
    pos, line, size = 0, 1, len(text)
    while pos < size:
        blank = _BLANK.match(text, pos)
        if blank:
            pos, line = blank.end(), line + 1
            continue
        start, fields = line, []
        while True:
            if text.startswith('"', pos):
                field = quoted.match(text, pos)
                if field is None:
                    raise ModelFileError(where, f"malformed CSV at line {start}: a quote opened on line "
                                         f"{line} is never closed", "close the quote on that row",
                                         Reason.SYNTAX_ERROR)
                value = field.group(1)
                line += len(_EOL.findall(value))
                fields.append(value.replace('""', '"'))
                pos = field.end()
                if pos < size and text[pos] not in (delimiter, "\r", "\n"):
                    raise ModelFileError(where, f"malformed CSV at line {line}: {text[pos]!r} between a "
                                         "closing quote and the delimiter",
                                         "put the whole field inside the quotes", Reason.SYNTAX_ERROR)
            else:
                field = plain.match(text, pos)
                assert field is not None  # the pattern matches the empty string
                fields.append(field.group(0))
                pos = field.end()
            if pos < size and text[pos] == delimiter:
                pos += 1
                continue
            end = _EOL.match(text, pos)
            if end:
                pos, line = end.end(), line + 1
            break
        yield start, fields


def _canonical_records(text: str) -> Iterator[tuple[int, Sequence[str]]] | None:
    """The records of ``text`` read in Arrow, when it is in the form Archi and fora-model write: every
    field quoted (inner quotes doubled, line breaks kept), ``,`` between fields, the same line end
    after every record, no blank or comment lines. None for any other text, which :func:`_records`
    then reads.

    Arrow's reader and Apache Commons CSV read such text alike; to be sure the text has that form,
    the fields Arrow read are written back in it and compared with the text byte for byte.
    """
    end = text.find("\n")
    if end <= 0 or not text.startswith('"'):
        return None
    eol = "\r\n" if text[end - 1] == "\r" else "\n"
    header = text[:end - len(eol) + 1]
    if max(",;\t", key=header.count) != ",":  # the delimiter :func:`_records` would choose
        return None
    try:
        data = text.encode("utf-8")
        width = len(next(_records(header, ""))[1])
        if width < 2:
            return None
        names = [f"f{i}" for i in range(width)]
        table = pa_csv.read_csv(
            io.BytesIO(data),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(delimiter=",", quote_char='"', double_quote=True, escape_char=False,
                                              newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string())),
        )
        columns = [table.column(name) for name in names]
        escaped = [pc.replace_substring(c, '"', '""') if pc.any(pc.match_substring(c, '"')).as_py() else c
                   for c in columns]
        lines = pc.binary_join_element_wise('"', pc.binary_join_element_wise(*escaped, '","'), '"' + eol, "")
        written = _concatenated(lines)
    except (pa.ArrowException, UnicodeError, ModelFileError, StopIteration, ValueError):
        return None
    if written != data and written != data + eol.encode():
        return None
    # a record starts on the line after the previous one's line breaks (in its quoted text and its end)
    if text.count("\r") == text.count("\r\n"):  # no lone CR: every line break holds one LF
        counted = pc.count_substring(lines, "\n")
    else:
        counted = pc.count_substring_regex(lines, r"\r\n|\r|\n")
    breaks = np.asarray(counted.to_numpy(), dtype=np.int64)
    starts = (np.concatenate([[0], np.cumsum(breaks)[:-1]]) + 1).tolist()
    values = [c.to_pylist() for c in columns]
    return zip(starts, zip(*values, strict=True), strict=True)


def _concatenated(lines: pa.ChunkedArray) -> bytes:
    """The texts of a string array one after the other, as UTF-8 bytes (read from its buffers)."""
    parts = []
    for chunk in lines.chunks:
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)[chunk.offset:chunk.offset + len(chunk) + 1]
        if len(offsets):
            parts.append(chunk.buffers()[2].slice(int(offsets[0]), int(offsets[-1] - offsets[0])).to_pybytes())
    return b"".join(parts)


class _Table:
    """The rows of one CSV file as dicts keyed by its header, with their line numbers, read as they
    are asked for (so a large file's rows are never all held at once); ``findings`` says what was
    wrong with its header or its rows, once they have been read."""

    def __init__(self, text: str, name: str, required: list[str], source: str) -> None:
        self.name = name
        self.findings: list[Finding] = []
        self._records: Iterator[tuple[int, Sequence[str]]] = iter(())
        self._header: list[str] = []
        if not text.strip():
            return
        where = f"{source}{name}"
        body = text.removeprefix("\ufeff")
        records: Iterator[tuple[int, Sequence[str]]] = _canonical_records(body) or _records(body, where)
        first = next(records, None)
        if first is None:
            return
        header = [h.strip() for h in first[1]]
        keys = {h.lower(): i for i, h in enumerate(header)}
        missing = [c for c in required if c.lower() not in keys]
        if missing:
            self.findings.append(Finding(Severity.ERROR, Reason.MISSING_FIELD, "",
                                         f"the header lacks the column(s) {', '.join(missing)}",
                                         f"the header must be {', '.join(required)}", f"{name} line {first[0]}"))
            return
        self._header, self._records = header, records

    @property
    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line, row) of each row with the header's number of fields; once."""
        width = len(self._header)
        lower = [h.lower() for h in self._header]  # a repeated column name: the last one counts
        for line, fields in self._records:
            if len(fields) != width:
                self.findings.append(Finding(Severity.ERROR, Reason.SYNTAX_ERROR, fields[0] if fields else "",
                                             f"the row has {len(fields)} fields, the header {width}",
                                             "every row needs the header's number of fields",
                                             f"{self.name} line {line}"))
                continue
            yield line, dict(zip(lower, fields, strict=True))


def parse_archi_csv(
    elements: str,
    relations: str = "",
    properties: str = "",
    *,
    source: str = "",
    mapping: KindMapping | str | Path | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Parse the texts of Archi's three CSV files into a model and findings."""
    findings: list[Finding] = []
    raw = RawModel(source=source)
    concepts: dict[str, RawConcept] = {}
    tables: list[_Table] = []
    for text, name, required in ((elements, "elements.csv", ["ID", "Type", "Name"]),
                                 (relations, "relations.csv", ["ID", "Type", "Source", "Target"])):
        table = _Table(text, name, required, source)
        tables.append(table)
        for line, row in table.rows:
            where = f"{table.name} line {line}"
            identifier = row["id"].strip()
            if not identifier:
                identifier = new_id()
                findings.append(Finding(Severity.INFO, Reason.GENERATED_ID, identifier, "the row had no id; one was "
                                        "generated", "give it an id to update it by a later import", where))
            elif not is_archi_id(identifier):
                findings.append(Finding(Severity.WARNING, Reason.INVALID_ID, identifier,
                                        "Archi's CSV import does not accept this id",
                                        "use letters, digits, '.', '_' and '-' only", where))
            kind = row["type"].strip()
            if kind == MODEL_TYPE and name == "elements.csv":
                if raw.id:
                    findings.append(Finding(Severity.ERROR, Reason.DUPLICATE_ID, identifier,
                                            "a second model row", "keep one ArchimateModel row", where))
                raw.id, raw.name, raw.documentation = identifier, row.get("name", ""), row.get("documentation", "")
                continue
            concept = RawConcept(id=identifier, type=kind, name=row.get("name", ""),
                                 documentation=row.get("documentation", ""),
                                 specialization=row.get("specialization", ""), location=where)
            if name == "relations.csv":
                concept.source, concept.target = row["source"].strip(), row["target"].strip()
                if not concept.is_relation:
                    concept.type = kind + "Relationship" if kind and not kind.endswith("Relationship") else kind
                if concept.type == "AccessRelationship":
                    concept.access = "write"
                raw.relations.append(concept)
            elif concept.is_relation:
                findings.append(Finding(Severity.ERROR, Reason.UNKNOWN_KIND, identifier,
                                        f"a {kind} belongs in relations.csv", "move the row", where))
                continue
            else:
                raw.elements.append(concept)
            concepts.setdefault(identifier, concept)
    property_table = _Table(properties, "properties.csv", ["ID", "Key", "Value"], source)
    tables.append(property_table)
    for line, row in property_table.rows:
        _property(raw, concepts, row, f"properties.csv line {line}", findings)
    result = raw_to_model(raw, resolve_mapping(mapping), progress)
    result.findings[:0] = [f for table in tables for f in table.findings] + findings
    return result


_SPECIAL_OWNER = {
    "Access_Type": "AccessRelationship", "Directed": "AssociationRelationship",
    "Influence_Strength": "InfluenceRelationship", "Junction_Type": "Junction",
}
"""The concept type each of Archi's special property keys is an attribute of."""


def _property(raw: RawModel, concepts: dict[str, RawConcept], row: dict[str, str], where: str,
              findings: list[Finding]) -> None:
    identifier, key, value = row["id"].strip(), row["key"], row["value"]
    if identifier and identifier == raw.id:
        raw.properties.append((key, value))
        return
    concept = concepts.get(identifier)
    if concept is None:
        findings.append(Finding(Severity.ERROR, Reason.DANGLING_ENDPOINT, identifier,
                                f"a property ({key!r}) for an id that is in neither elements.csv nor relations.csv",
                                "add the concept or remove the property row", where))
        return
    if _SPECIAL_OWNER.get(key) != concept.type:
        concept.properties.append((key, value))
    elif key == "Access_Type":
        access = access_from_word(value)
        if access is None:
            findings.append(Finding(Severity.ERROR, Reason.BAD_VALUE, identifier, f"Access_Type {value!r} is unknown",
                                    "use Write, Read, Access or ReadWrite", where))
        concept.access = access or concept.access
    elif key == "Directed":
        concept.directed = value.strip().lower() == "true"
    elif key == "Influence_Strength":
        concept.strength = value
    elif value.strip().lower() in ("and", "or"):
        concept.junction = value.strip().lower()
    else:
        findings.append(Finding(Severity.ERROR, Reason.BAD_VALUE, identifier, f"Junction_Type {value!r} is unknown",
                                "use And or Or", where))


def _line(fields: list[str]) -> str:
    return ",".join('"' + f.replace('"', '""') + '"' for f in fields) + "\r\n"


def generate_archi_csv(model: Model) -> tuple[dict[str, str], list[Finding]]:
    """The three files' texts (keyed ``elements.csv``...) and findings on what they cannot hold.

    Raises :class:`~fora_model.errors.ModelFileError` when Archi would refuse the files: an id
    it does not accept, a type it does not know or a relation ArchiMate forbids.
    """
    raw = model_to_raw(model, translations_as_properties=True)
    problems = archimate_problems(raw)
    problems += [Finding(Severity.ERROR, Reason.INVALID_ID, i, "Archi's CSV import does not accept this id",
                         "use letters, digits, '.', '_' and '-' only")
                 for i in [raw.id, *(c.id for c in raw.elements), *(c.id for c in raw.relations)] if not is_archi_id(i)]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ModelFileError("Archi CSV", f"Archi would refuse this model: {problems[0]}{more}",
                             "fix these with fora-model validate first", problems[0].reason)
    elements = [_line(ELEMENT_HEADER), _line([raw.id, MODEL_TYPE, raw.name, raw.documentation, ""])]
    relations = [_line(RELATION_HEADER)]
    properties = [_line(PROPERTY_HEADER)]
    properties += [_line([raw.id, k, v]) for k, v in raw.properties]
    for c in raw.elements:
        elements.append(_line([c.id, c.type, c.name, c.documentation, c.specialization]))
        properties += [_line([c.id, k, v]) for k, v in c.properties]
        if c.junction:
            properties.append(_line([c.id, "Junction_Type", c.junction.capitalize()]))
    for c in raw.relations:
        relations.append(_line([c.id, c.type, c.name, c.documentation, c.source, c.target, c.specialization]))
        properties += [_line([c.id, k, v]) for k, v in c.properties]
        if c.type == "AccessRelationship":
            properties.append(_line([c.id, "Access_Type", ACCESS_WORDS[c.access or "access"]]))
        if c.directed is not None:
            properties.append(_line([c.id, "Directed", "true" if c.directed else "false"]))
        if c.strength is not None:
            properties.append(_line([c.id, "Influence_Strength", c.strength]))
    texts = {"elements.csv": "".join(elements), "relations.csv": "".join(relations),
             "properties.csv": "".join(properties)}
    return texts, dropped_extras(model.extras, "Archi CSV", keeps=())


def write_archi_csv(model: Model, target: str | Path) -> list[Finding]:
    """Write the model as Archi CSV: all three files, or none.

    Parameters
    ----------
    model
        The model to write.
    target
        A folder (created if needed), or ``…elements.csv`` to give the files a prefix.

    Returns
    -------
    list of Finding
        What the format could not hold and left out (never silently).

    Raises
    ------
    ModelFileError
        When Archi would refuse the files (an id it does not accept, a relation ArchiMate
        forbids); nothing is written then.
    """
    path = Path(target)
    if path.name.lower().endswith("elements.csv"):
        folder, prefix = path.parent, path.name[: -len("elements.csv")]
    else:
        folder, prefix = path, ""
    texts, findings = generate_archi_csv(model)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_many({folder / f"{prefix}{name}": text.encode("utf-8") for name, text in texts.items()})
    return findings
