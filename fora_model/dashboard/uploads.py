"""Reading uploaded model files for the Import page, as pure functions: the uploads read into a
model or into findings, a name for a new workspace model, and a throttle for progress bars.

Nothing here calls Streamlit and nothing raises on bad input: an upload that cannot be read, or
that reads into a model with errors, comes back as :class:`ImportRead` without a model and with
the findings (file, place, id, reason, hint). Reading goes through :func:`fora_model.io.read_model`
on a temporary folder, so the dashboard reads exactly what the CLI reads; a ``.zip`` is unpacked
there first (its sizes, names and member count checked before anything is unpacked), so a zipped
folder of Archi CSV files or a zipped coArchi repository reads too. What merging or replacing
would change is :mod:`fora_model.dashboard.import_plan`; the export downloads are
:mod:`fora_model.dashboard.downloads`.

Examples
--------
>>> from fora_model import Element, Model, dumps_model
>>> m = Model(id="m", name="School")
>>> _ = m.add_element(Element.new("activity", "Record grades", id="a1"))
>>> read = read_uploads([Upload("school.json", dumps_model(m).encode())])
>>> read.ok, read.model == m
(True, True)
>>> read_uploads([Upload("school.xml", b"<model")]).findings[["file", "reason"]].values.tolist()
[['school.xml', 'syntax-error']]
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd

from ..datasets import SAMPLE_FILE, data_dir
from ..errors import Finding, ForaModelError, ModelFileError, Reason, Severity
from ..formatting import number
from ..i18n import N_, _
from ..io import detect_format, read_model, readable_suffixes
from ..io.base import MAX_BYTES
from ..io.extras import MAX_DEPTH
from ..io.mapping import KindMapping, parse_mapping
from ..io.safety import check_zip, decode_text, read_zip_member
from ..model import Model
from ..validate import validate
from .writes import workspace_name

__all__ = [
    "ENCODINGS",
    "FINDING_COLUMNS",
    "SEVERITY_LABELS",
    "ImportRead",
    "Progress",
    "Upload",
    "findings_table",
    "import_suffixes",
    "open_sample",
    "read_mapping_upload",
    "read_source",
    "read_uploads",
    "shown_findings",
    "source_of",
    "suggested_name",
    "throttled",
]

Progress = Callable[[int, int], None]
"""A progress callback: ``progress(done, total)``."""

FINDING_COLUMNS: list[str] = ["severity", "file", "where", "id", "reason", "message", "hint"]
"""Columns of an import's or export's findings: ``file`` is the uploaded file (or ``archive: member``),
``where`` the row, line or cell in it, ``id`` the concept concerned."""

ENCODINGS: dict[str, str] = {
    "": N_("UTF-8 (with or without BOM)"),
    "cp1252": N_("Windows-1252 (Western Europe)"),
    "iso-8859-1": "Latin-1 (ISO-8859-1)",
    "utf-16": "UTF-16",
}
"""Text encodings the import offers (``""`` is the default, UTF-8); another is used only when chosen
(labels in English, marked for the catalogue)."""

_CSV_FILES = ("elements.csv", "relations.csv", "properties.csv")
_MAX_MEMBERS = 200_000
_MAX_NESTING = 4 * MAX_DEPTH
"""How many folders deep an archive's entry may lie: a model's folder tree (at most MAX_DEPTH deep),
with room for the folders around it; deeper, unpacking and cleaning up would recurse too far."""
_JUNK = ("__MACOSX", ".DS_Store", "Thumbs.db")


def import_suffixes() -> tuple[str, ...]:
    """The file endings the import accepts: every ending the io layer reads, and ``.zip``.

    >>> import_suffixes()
    ('.archimate', '.csv', '.json', '.xlsx', '.xml', '.zip')
    """
    return (*readable_suffixes(), ".zip")


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name the user gave it and its bytes."""

    name: str
    data: bytes


@dataclass
class ImportRead:
    """What reading an upload gave: the model (None when refused) and the findings (see
    :data:`FINDING_COLUMNS`); ``source`` names the upload in messages."""

    model: Model | None
    findings: pd.DataFrame
    source: str
    errors: int = 0
    warnings: int = 0

    @property
    def ok(self) -> bool:
        """True when the upload read into a model without errors."""
        return self.model is not None


SEVERITY_LABELS: dict[str, str] = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
"""How a finding's severity reads (English; :func:`shown_findings` translates it)."""


def shown_findings(frame: pd.DataFrame) -> pd.DataFrame:
    """A findings table (:func:`findings_table`, :func:`fora_model.validate.findings_frame`) as a
    page shows it: the severity in the current language; everything else, the reason codes
    included, as it is. The table given is not changed.

    >>> from fora_model.i18n import use_language
    >>> f = Finding(Severity.WARNING, Reason.EMPTY_NAME, "a", "no name", "give it one")
    >>> with use_language("nl"):
    ...     shown_findings(findings_table([f]))[["severity", "reason"]].values.tolist()
    [['waarschuwing', 'empty-name']]
    """
    shown = frame.copy()
    if "severity" in shown.columns:
        shown["severity"] = [_(SEVERITY_LABELS[s]) if s in SEVERITY_LABELS else s for s in shown["severity"]]
    return shown


def findings_table(findings: Sequence[Finding], place: Callable[[Finding], tuple[str, str]] | None = None
                   ) -> pd.DataFrame:
    """Findings as rows of :data:`FINDING_COLUMNS`; ``place(finding)`` gives its (file, where),
    by default ``("", location)``.

    >>> f = Finding(Severity.ERROR, Reason.DANGLING_ENDPOINT, "r1", "no target", "add it", "x.xml line 3")
    >>> findings_table([f], lambda f: ("x.xml", "line 3")).iloc[0].tolist()
    ['error', 'x.xml', 'line 3', 'r1', 'dangling-endpoint', 'no target', 'add it']
    """
    rows = []
    for f in findings:
        file, where = place(f) if place is not None else ("", f.location)
        rows.append({"severity": f.severity.value, "file": file, "where": where, "id": f.element,
                     "reason": f.reason.value, "message": f.message, "hint": f.hint})
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def _result(source: str, model: Model | None, findings: list[Finding],
            place: Callable[[Finding], tuple[str, str]]) -> ImportRead:
    errors = sum(1 for f in findings if f.is_error)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    kept = model if model is not None and not errors else None
    return ImportRead(kept, findings_table(findings, place), source, errors, warnings)


def read_mapping_upload(upload: Upload) -> KindMapping:
    """A kind-mapping file (JSON, or CSV with ``scope,key,kind``) from its upload; raises
    :class:`~fora_model.errors.ModelFileError` naming the file when it is not one."""
    text = decode_text(upload.data, upload.name)
    return parse_mapping(text, source=upload.name, csv_format=upload.name.lower().endswith(".csv") or None)


def _safe_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", PurePosixPath(name.replace("\\", "/")).name).strip("._") or "model"
    candidate, n = base, 2
    while candidate.lower() in taken:
        candidate, n = f"{n}_{base}", n + 1
    taken.add(candidate.lower())
    return candidate


def _unzip(data: bytes, source: str, target: Path) -> None:
    """Unpack an uploaded zip into ``target`` after checking its sizes, names and member count."""
    archive = check_zip(data, source)
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) > _MAX_MEMBERS:
        raise ModelFileError(source, _("the archive holds more than {count} files", count=number(_MAX_MEMBERS)),
                             _("zip only the model's folder"), Reason.TOO_LARGE)
    for info in members:
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
            raise ModelFileError(source, _("an entry of the archive points outside its folder"),
                                 _("zip the model's folder again with an ordinary zip tool"), Reason.SYNTAX_ERROR)
        if len(parts) > _MAX_NESTING:
            raise ModelFileError(source, _("an entry of the archive lies {depth} folders deep, more than {limit}",
                                           depth=len(parts) - 1, limit=_MAX_NESTING),
                                 _("zip only the model's folder"), Reason.TOO_LARGE)
        if (info.external_attr >> 16) & 0o170000 == 0o120000:  # a symbolic link: never followed
            continue
        if not parts or parts[0] in _JUNK or parts[-1] in _JUNK or parts[-1].startswith("._"):
            continue
        destination = target.joinpath(*parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(read_zip_member(archive, info.filename, source))


def _model_in(folder: Path, source: str) -> Path:
    """What to read in an unpacked archive: a folder the io layer recognises (Archi CSV, coArchi),
    looking through single wrapping folders, else the one model file it holds."""
    root = folder
    while True:
        try:
            detect_format(root)
            return root
        except ModelFileError:
            pass
        entries = list(root.iterdir())
        if len(entries) != 1 or not entries[0].is_dir():
            break
        root = entries[0]
    suffixes = set(readable_suffixes()) - {".csv"}
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
    if len(files) == 1:
        return files[0]
    problem = (_("the archive holds no model fora-model can read") if not files
               else _("the archive holds {count} model files", count=len(files)))
    raise ModelFileError(source, problem,
                         _("zip one model: a folder with Archi's three CSV files, a coArchi repository, or one "
                           "{suffixes} file", suffixes=", ".join(sorted(suffixes))), Reason.UNSUPPORTED_FORMAT)


class _Places:
    """Turns the temporary paths in findings back into the names the user uploaded."""

    def __init__(self, root: Path, saved: dict[str, str], archive: str | None) -> None:
        self.prefixes = sorted({str(p) for p in (root / "upload", root / "unzipped", root)}, key=len, reverse=True)
        self.saved = saved
        self.archive = archive
        self.csv = {part: name for name in saved.values() for part in _CSV_FILES if name.lower().endswith(part)}
        self.relations: set[str] = set()

    def clean(self, text: str) -> str:
        for prefix in self.prefixes:
            text = text.replace(prefix + "/", "").replace(prefix, "")
        return text

    def default_file(self, finding: Finding) -> str:
        if self.archive is not None:
            return self.archive
        if self.csv:
            part = "relations.csv" if finding.element in self.relations else "elements.csv"
            return self.csv.get(part, next(iter(self.csv.values())))
        return ", ".join(self.saved.values())

    def __call__(self, finding: Finding) -> tuple[str, str]:
        location = self.clean(finding.location).strip()
        token, _, rest = location.partition(" ")
        if token in self.saved:
            return self.saved[token], rest.strip()
        if token in _CSV_FILES and token in self.csv:
            return self.csv[token], rest.strip()
        if token and ("/" in token or Path(token).suffix.lower() in import_suffixes()):
            return (f"{self.archive}: {token}" if self.archive else token), rest.strip()
        return self.default_file(finding), location

    def relocate(self, finding: Finding) -> Finding:
        return Finding(finding.severity, finding.reason, finding.element, self.clean(finding.message), finding.hint,
                       finding.location)


def read_uploads(files: Sequence[Upload], *, mapping: Upload | None = None, encoding: str | None = None,
                 progress: Progress | None = None) -> ImportRead:
    """Read uploaded files into a model, validated; never raises for bad input.

    Parameters
    ----------
    files
        One model file (any ending in :func:`import_suffixes`; a ``.zip`` holding a folder of
        Archi CSV files, a coArchi repository or one model file), or Archi's CSV files together.
    mapping
        An uploaded kind-mapping file (see :mod:`fora_model.io.mapping`), or None.
    encoding
        The text encoding of CSV files when they are not UTF-8 (None or ``""``: UTF-8).
    progress
        Called as ``progress(done, total)`` while reading.

    Returns
    -------
    ImportRead
        The model when it has no error findings (warnings are listed but do not refuse it), else
        None; the findings of reading and validating name the uploaded file and the row or line.
    """
    names = [f.name for f in files]
    source = names[0] if len(names) == 1 else ", ".join(names)
    with tempfile.TemporaryDirectory(prefix="fora-import-") as folder:
        root = Path(folder).resolve()
        places = _Places(root, {}, None)
        try:
            if not files:
                raise ModelFileError("", _("no file was uploaded"), _("choose a model file"))
            total = sum(len(f.data) for f in files)
            if total > MAX_BYTES:
                raise ModelFileError(source, _("the upload is {size} MB, more than the {limit} MB limit",
                                               size=number(total / 1e6), limit=number(MAX_BYTES / 1e6)),
                                     _("split the model"), Reason.TOO_LARGE)
            target = _store(files, root, places)
        except ForaModelError as exc:
            return _refused(source, exc, places)
        except Exception as exc:  # unpacking must not take the dashboard down either
            return _result(source, None, [_fault(exc)], places)
        return _read(target, source, places, mapping=mapping, encoding=encoding, progress=progress)


def _fault(exc: Exception) -> Finding:
    """A finding for a failure that is no fault of the file: what the one place for failures says
    when a reader or unpacking breaks (:func:`fora_model.cli.main.failure` says the same)."""
    if isinstance(exc, (RecursionError, MemoryError)):
        return Finding(Severity.ERROR, Reason.TOO_LARGE, "", _("the model is too large or nested too deeply to "
                       "process ({error})", error=type(exc).__name__), _("flatten deep nesting or split the model"),
                       "")
    if isinstance(exc, OSError):
        return Finding(Severity.ERROR, Reason.UNREADABLE_FILE, "", _("the upload could not be stored to be read "
                       "({error})", error=exc.strerror or type(exc).__name__),
                       _("check the free disk space and try again"), "")
    return Finding(Severity.ERROR, Reason.UNREADABLE_FILE, "", _("cannot read this file ({error})",
                   error=type(exc).__name__), _("this is a fault in fora-model, not in your file; please report it"),
                   "")


def _refused(source: str, exc: ForaModelError, places: _Places) -> ImportRead:
    finding = exc.finding if isinstance(exc, ModelFileError) else Finding(
        Severity.ERROR, Reason.UNREADABLE_FILE, "", str(exc), "", source)
    return _result(source, None, [places.relocate(finding)], places)


def _read(target: Path, source: str, places: _Places, *, mapping: Upload | None = None,
          encoding: str | None = None, progress: Progress | None = None) -> ImportRead:
    """Read ``target`` with the io layer and validate it: the one way a model file enters the
    dashboard, whether uploaded or named at start."""
    try:
        kinds = read_mapping_upload(mapping) if mapping is not None else None
        result = read_model(target, encoding=encoding or None, mapping=kinds, progress=progress)
        checked = validate(result.model)
    except ForaModelError as exc:
        return _refused(source, exc, places)
    except Exception as exc:  # a reader bug must not take the dashboard down
        return _result(source, None, [_fault(exc)], places)
    places.relations = set(result.model.relations)
    findings = [places.relocate(f) for f in result.findings] + checked
    return _result(source, result.model, findings, places)


def _store(files: Sequence[Upload], root: Path, places: _Places) -> Path:
    """Write the uploads into ``root`` and return what :func:`read_model` should read."""
    upload = root / "upload"
    upload.mkdir()
    taken: set[str] = set()
    paths = []
    for f in files:
        saved = _safe_name(f.name, taken)
        places.saved[saved] = f.name
        path = upload / saved
        path.write_bytes(f.data)
        paths.append(path)
    places.csv = {part: f.name for f in files for part in _CSV_FILES if f.name.lower().endswith(part)}
    if len(files) == 1 and paths[0].suffix.lower() == ".zip":
        places.archive = files[0].name
        unzipped = root / "unzipped"
        unzipped.mkdir()
        _unzip(files[0].data, files[0].name, unzipped)
        return _model_in(unzipped, files[0].name)
    if len(files) == 1:
        return paths[0]
    if all(p.suffix.lower() == ".csv" for p in paths):
        if not places.csv.get("elements.csv"):
            raise ModelFileError(source_of(files), _("Archi CSV needs its …elements.csv file"),
                                 _("upload elements.csv, relations.csv and properties.csv together"),
                                 Reason.UNSUPPORTED_FORMAT)
        return upload
    raise ModelFileError(source_of(files), _("several files are read together only when they are Archi's CSV "
                                             "files"),
                         _("upload one model file, Archi's three CSV files together, or a .zip of a model folder"),
                         Reason.UNSUPPORTED_FORMAT)




def source_of(files: Sequence[Upload]) -> str:
    """How messages name a set of uploaded files."""
    return ", ".join(f.name for f in files)


def suggested_name(files: Sequence[Upload], model: Model | None = None) -> str:
    """A workspace model name for an upload: from the file name (``School plan.xlsx`` → ``School
    plan``), the shared prefix of Archi CSV files, else the model's name.

    >>> suggested_name([Upload("school-elements.csv", b""), Upload("school-relations.csv", b"")])
    'school'
    >>> suggested_name([Upload("My school (v2).xml", b"")])
    'My school v2'
    """
    if not files:
        return workspace_name(model.name if model is not None and model.name else "imported model")
    first = files[0].name
    for part in _CSV_FILES:
        for f in files:
            if f.name.lower().endswith(part):
                prefix = f.name[: -len(part)].rstrip(" -_.")
                if prefix:
                    return workspace_name(prefix)
                return workspace_name(model.name if model is not None and model.name else _("Archi CSV import"))
    return workspace_name(first)


def throttled(progress: Progress, steps: int = 100) -> Progress:
    """A progress callback that passes on only when the share done moved by ``1/steps`` (a
    reader may call it for every concept; a page redraws only a hundred times).

    >>> seen = []
    >>> callback = throttled(lambda done, total: seen.append(done), steps=4)
    >>> for n in range(1, 101):
    ...     callback(n, 100)
    >>> seen
    [1, 25, 50, 75, 100]
    """
    last = [-1]

    def report(done: int, total: int) -> None:
        step = steps if total <= 0 else min(steps, steps * done // total)
        if step > last[0]:
            last[0] = step
            progress(done, total)

    return report


def read_source(path: str | Path, name: str | None = None, *, mapping: Upload | None = None,
                encoding: str | None = None) -> ImportRead:
    """Read a model named by path (the file or folder given at start) as :func:`read_uploads` reads
    an upload: validated, never raising for bad input, findings naming ``name`` (the file's own
    name by default) and never a temporary path.

    >>> read_source("no-such-model.json").findings[["file", "reason"]].values.tolist()
    [['no-such-model.json', 'unreadable-file']]
    """
    target = Path(path)
    shown = name or target.name
    places = _Places(target.parent.resolve(), {target.name: shown}, None)
    return _read(target, shown, places, mapping=mapping, encoding=encoding)


def open_sample() -> ImportRead:
    """The shipped sample school, read and validated like any other model file."""
    return read_source(data_dir() / SAMPLE_FILE, "sample school")

