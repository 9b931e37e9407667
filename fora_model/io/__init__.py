"""Reading and writing models: one place decides a file's format.

:func:`read_model` opens anything fora-model can read and returns the model with the findings
met on the way; :func:`load_model` does the same and also validates, raising when the model has
errors. :func:`write_model` writes by the target's extension. New formats register a reader and
a writer in :data:`READERS` and :data:`WRITERS`; the ``workspace:NAME`` scheme is resolved here too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ModelFileError, ModelInvalidError, Reason, has_errors
from ..model import Model
from .base import ReadResult
from .native import dumps_model, loads_model, read_json, write_json

__all__ = [
    "READERS",
    "WRITERS",
    "ReadResult",
    "detect_format",
    "dumps_model",
    "load_model",
    "loads_model",
    "read_json",
    "read_model",
    "write_json",
    "write_model",
]

Reader = Callable[..., ReadResult]
Writer = Callable[..., None]

READERS: dict[str, Reader] = {"json": read_json}
"""Readers by format name; each takes a path and keyword options and returns a ReadResult."""

WRITERS: dict[str, Writer] = {"json": write_json}
"""Writers by format name; each takes a model and a path."""

_SUFFIXES = {".json": "json"}

SchemeResolver = Callable[[str, dict[str, Any]], ReadResult]
SCHEMES: dict[str, SchemeResolver] = {}
"""Resolvers for ``scheme:NAME`` model references (``workspace:`` registers itself here)."""


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
) -> None:
    """Make a format known to :func:`read_model` and :func:`write_model`."""
    if reader is not None:
        READERS[name] = reader
    if writer is not None:
        WRITERS[name] = writer
    for suffix in suffixes:
        _SUFFIXES[suffix.lower()] = name
    if sniff is not None:
        _SNIFFERS.append((name, sniff))


def read_model(source: str | Path, **options: Any) -> ReadResult:
    """Read a model from a path (or ``workspace:NAME``), whatever its format.

    Raises :class:`~fora_model.errors.ModelFileError` when it cannot be read at all; otherwise
    returns the model and the reader's findings (not yet validated).
    """
    fmt = detect_format(source)
    if fmt in SCHEMES:
        return SCHEMES[fmt](str(source).partition(":")[2], options)
    return READERS[fmt](source, **options)


def load_model(source: str | Path, **options: Any) -> Model:
    """Read and validate a model; :class:`ModelInvalidError` lists the findings when it has errors."""
    from ..validate import validate

    result = read_model(source, **options)
    findings = result.findings + validate(result.model)
    if has_errors(findings):
        raise ModelInvalidError(findings, str(source))
    return result.model


def write_model(model: Model, target: str | Path, **options: Any) -> None:
    """Write a model in the format its target's extension names."""
    suffix = Path(target).suffix.lower()
    fmt = _SUFFIXES.get(suffix)
    if fmt is None or fmt not in WRITERS:
        writable = ", ".join(sorted(s for s, f in _SUFFIXES.items() if f in WRITERS))
        raise ModelFileError(str(target), "cannot write this format", f"use one of {writable}",
                             Reason.UNSUPPORTED_FORMAT)
    WRITERS[fmt](model, target, **options)
