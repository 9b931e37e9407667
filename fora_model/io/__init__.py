"""Reading and writing models: one place decides a file's format.

:func:`read_model` opens anything fora-model can read and returns the model with the findings
met on the way; :func:`load_model` does the same and also validates, raising when the model has
errors. :func:`write_model` writes by the target's name. Formats register a reader and a writer
with :func:`register_format`; storage such as the workspace registers a ``NAME:`` scheme with
:func:`register_scheme` (``workspace:NAME`` once :mod:`fora_model.workspace` is imported).

Layer: above the core only; the formats never import the analyses, the changes or the workspace.

=============  ===========================================  =========================================
format         read from                                    written to
=============  ===========================================  =========================================
``json``       ``.json`` (native)                           ``.json``
``archi_csv``  ``…elements.csv`` or a folder of Archi CSV   a folder (or ``…elements.csv``)
``xml``        ``.xml`` (Open Group exchange format)        ``.xml``
``archimate``  ``.archimate`` (Archi, plain or zipped)      ``.archimate``
``coarchi``    a coArchi repository or its ``model/``       ``model/`` (or ``--format coarchi``)
``xlsx``       ``.xlsx`` (the fora-model workbook)          ``.xlsx``
=============  ===========================================  =========================================
"""

from __future__ import annotations

import inspect
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import Finding, ModelFileError, ModelInvalidError, Reason, Severity, has_errors
from ..model import Model
from ..validate import validate
from . import archi_csv, archimate, coarchi, excel, exchange_xml
from .base import ReadResult
from .extras import checked_extras
from .native import content_hash, dumps_model, loads_model, read_json, write_json

__all__ = [
    "READERS",
    "WRITERS",
    "ReadResult",
    "content_hash",
    "detect_format",
    "dumps_model",
    "load_model",
    "loads_model",
    "read_json",
    "read_model",
    "readable_suffixes",
    "register_format",
    "register_scheme",
    "writable_formats",
    "write_json",
    "write_model",
    "writer_format",
]

Reader = Callable[..., ReadResult]
Writer = Callable[..., "list[Finding] | None"]

READERS: dict[str, Reader] = {"json": read_json}
"""Readers by format name; each takes a path and keyword options and returns a ReadResult."""

WRITERS: dict[str, Writer] = {"json": write_json}
"""Writers by format name; each takes a model and a path and may return findings on what it left out."""

_SUFFIXES = {".json": "json"}
_FOLDERS: set[str] = set()

SchemeResolver = Callable[[str, dict[str, Any]], ReadResult]
SCHEMES: dict[str, SchemeResolver] = {}
"""Resolvers for ``scheme:NAME`` model references (``workspace:`` registers itself here)."""


def register_scheme(name: str, resolver: SchemeResolver) -> None:
    """Make ``name:REFERENCE`` readable by :func:`read_model`: ``resolver(REFERENCE, options)``
    returns the model. The formats know no storage: the workspace registers ``workspace:`` itself
    when it is imported (``import fora_model`` does).

    >>> register_scheme("x", lambda reference, options: None)
    Traceback (most recent call last):
    ValueError: a scheme name is a word of two or more letters, not 'x'
    """
    if len(name) < 2 or not name.isidentifier():
        raise ValueError(f"a scheme name is a word of two or more letters, not {name!r}")
    SCHEMES[name] = resolver


def detect_format(source: str | Path) -> str:
    """The format name of a model reference, by scheme, extension or folder content."""
    text = str(source)
    scheme, sep, _ = text.partition(":")
    if sep and scheme in SCHEMES and len(scheme) > 1:
        return scheme
    path = Path(text)
    suffix = path.suffix.lower()
    if suffix in _SUFFIXES and _SUFFIXES[suffix] in READERS:
        return _SUFFIXES[suffix]
    for name, sniff in _SNIFFERS:
        if sniff(path):
            return name
    known = ", ".join(sorted(_SUFFIXES))
    raise ModelFileError(
        text,
        "cannot tell the format of this model",
        f"use a file ending in {known}" + (", or workspace:NAME" if "workspace" in SCHEMES else ""),
        Reason.UNSUPPORTED_FORMAT,
    )


_SNIFFERS: list[tuple[str, Callable[[Path], bool]]] = []
"""Extra format detectors for paths without a telling extension (folders, ``…elements.csv``)."""


def register_format(
    name: str,
    *,
    reader: Reader | None = None,
    writer: Writer | None = None,
    suffixes: tuple[str, ...] = (),
    sniff: Callable[[Path], bool] | None = None,
    folder: bool = False,
) -> None:
    """Make a format known to :func:`read_model` and :func:`write_model`; ``folder`` says its
    writer writes a folder of files rather than one file."""
    if folder:
        _FOLDERS.add(name)
    if reader is not None:
        READERS[name] = reader
    if writer is not None:
        WRITERS[name] = writer
    for suffix in suffixes:
        _SUFFIXES[suffix.lower()] = name
    if sniff is not None:
        _SNIFFERS.append((name, sniff))


def readable_suffixes() -> tuple[str, ...]:
    """The file endings :func:`read_model` recognises by name, sorted.

    Folders (Archi CSV, coArchi) are recognised by their content and have no ending of their own.

    >>> readable_suffixes()
    ('.archimate', '.csv', '.json', '.xlsx', '.xml')
    """
    return tuple(sorted(s for s, f in _SUFFIXES.items() if f in READERS))


def writable_formats() -> dict[str, str]:
    """Every format with a writer, mapped to the file ending it writes (``""``: it writes a folder).

    >>> writable_formats()
    {'json': '.json', 'archi_csv': '', 'xml': '.xml', 'archimate': '.archimate', 'coarchi': '', 'xlsx': '.xlsx'}
    """
    endings: dict[str, str] = {}
    for suffix, fmt in _SUFFIXES.items():
        endings.setdefault(fmt, suffix)
    return {fmt: "" if fmt in _FOLDERS else endings.get(fmt, "") for fmt in WRITERS}


def read_model(source: str | Path, **options: Any) -> ReadResult:
    """Read a model from a path (or ``workspace:NAME``), whatever its format.

    Options are passed to the format's reader: ``encoding`` (text formats; UTF-8 by default),
    ``mapping`` (ArchiMate formats: a mapping file or :class:`~fora_model.io.mapping.KindMapping`),
    ``progress`` (a ``progress(done, total)`` callback) and ``max_bytes``. An option that is
    ``None``, or that the format has no use for, is ignored.

    This is the one place every format passes through, so what any reader returns is checked
    here the same way: an empty (0-byte) file is refused before its reader sees it, a model too
    deeply nested to walk is refused naming the file, and the views, folders and other
    ``extras`` of every format get the shape check of
    :func:`~fora_model.io.extras.checked_extras` (a view nested more than
    :data:`~fora_model.io.extras.MAX_DEPTH` deep is left out with a warning naming it).

    Raises :class:`~fora_model.errors.ModelFileError` when it cannot be read at all; otherwise
    returns the model and the reader's findings (not yet validated).
    """
    fmt = detect_format(source)
    given = {k: v for k, v in options.items() if v is not None}
    if fmt in SCHEMES:
        return SCHEMES[fmt](str(source).partition(":")[2], given)
    _refuse_empty_file(Path(source))
    reader = READERS[fmt]
    accepted = inspect.signature(reader).parameters
    if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in accepted.values()):
        given = {k: v for k, v in given.items() if k in accepted}
    try:
        result = reader(source, **given)
    except RecursionError:
        raise ModelFileError(str(source), "the model is nested too deeply to read (folders, views or elements "
                             "hundreds of levels deep)", "no model needs this; flatten the nesting in the tool "
                             "that made the file and export again", Reason.TOO_LARGE) from None
    return _checked(result, str(source))


def _refuse_empty_file(path: Path) -> None:
    try:
        status = path.stat()
    except OSError:
        return  # the reader says what is wrong with a missing or unreadable path
    if stat.S_ISREG(status.st_mode) and status.st_size == 0:
        raise ModelFileError(str(path), "the file is empty (0 bytes)", "save or export the model again; an empty "
                             "model is still written with its header", Reason.SYNTAX_ERROR)


def _checked(result: ReadResult, source: str) -> ReadResult:
    """``result`` with its extras shape-checked (see :func:`read_model`)."""
    extras = result.model.extras
    if not extras:
        return result
    if not isinstance(extras, dict):
        kept, findings = {}, [Finding(Severity.WARNING, Reason.BAD_VALUE, "", "the views, folders and other "
                                      "extras were left out: they must be an object", "export the model again from "
                                      "the tool that made it", source)]
    else:
        kept, findings = checked_extras(extras, source)
    if findings:
        result.model.set_header(extras=kept)
        result.findings.extend(findings)
    return result


def load_model(source: str | Path, **options: Any) -> Model:
    """Read and validate a model; :class:`ModelInvalidError` lists the findings when it has errors."""
    result = read_model(source, **options)
    findings = result.findings + validate(result.model)
    if has_errors(findings):
        raise ModelInvalidError(findings, str(source))
    return result.model


def writer_format(target: str | Path) -> str:
    """The format :func:`write_model` writes ``target`` in: by extension; a folder named ``model`` is
    a coArchi repository's model folder; another folder (or a path without extension) is Archi CSV."""
    path = Path(target)
    suffix = path.suffix.lower()
    fmt = _SUFFIXES.get(suffix)
    if fmt is None and path.name == "model" and "coarchi" in WRITERS:
        fmt = "coarchi"
    if fmt is None and (suffix == "" or path.is_dir()) and "archi_csv" in WRITERS:
        fmt = "archi_csv"
    if fmt is None or fmt not in WRITERS:
        writable = ", ".join(sorted(s for s, f in _SUFFIXES.items() if f in WRITERS))
        raise ModelFileError(str(target), "cannot write this format", f"use one of {writable}, or a folder for "
                             "Archi CSV", Reason.UNSUPPORTED_FORMAT)
    return fmt


def write_model(model: Model, target: str | Path, **options: Any) -> list[Finding]:
    """Write a model in the format its target names (see :func:`writer_format`).

    Returns findings on what the format could not hold (views in Archi CSV...), never silently
    dropping anything.
    """
    return list(WRITERS[writer_format(target)](model, target, **options) or [])


def _register_builtin() -> None:
    register_format("archi_csv", reader=archi_csv.read_archi_csv, writer=archi_csv.write_archi_csv,
                    suffixes=(".csv",), sniff=archi_csv.is_archi_csv, folder=True)
    register_format("xml", reader=exchange_xml.read_exchange_xml, writer=exchange_xml.write_exchange_xml,
                    suffixes=(".xml",))
    register_format("archimate", reader=archimate.read_archimate, writer=archimate.write_archimate,
                    suffixes=(".archimate",))
    register_format("coarchi", reader=coarchi.read_coarchi, writer=coarchi.write_coarchi, sniff=coarchi.is_coarchi,
                    folder=True)
    register_format("xlsx", reader=excel.read_excel, writer=excel.write_excel, suffixes=(".xlsx",))


_register_builtin()
