"""Every download the dashboard offers, as pure functions: the open model in every format the io
layer writes, the empty workbook template, and a figure as PNG where kaleido finds a Chrome.

Each format comes from :func:`fora_model.io.writable_formats`, so a newly registered writer shows
up on the page by itself. A format the io layer writes as a folder (Archi CSV, coArchi) comes as
a zip of that folder, which the Import page reads back. Nothing raises on the model's content:
when a format refuses the model, the download has no bytes and the findings say why.

Examples
--------
>>> from fora_model import Element, Model
>>> m = Model(id="m", name="School")
>>> _ = m.add_element(Element.new("activity", "Record grades", id="a1"))
>>> exported = export_file(m, "archi_csv")
>>> exported.file_name, exported.mime, exported.ok
('School-archi-csv.zip', 'application/zip', True)
>>> sorted(zipfile.ZipFile(io.BytesIO(exported.data or b"")).namelist())
['elements.csv', 'properties.csv', 'relations.csv']
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import Finding, ForaModelError, ModelFileError, Reason, Severity, has_errors
from ..i18n import N_, _
from ..io import WRITERS, dumps_model, writable_formats
from ..io.excel import generate_template
from ..model import Model
from .uploads import findings_table

__all__ = [
    "FORMAT_LABELS",
    "ExportFile",
    "PngExportUnavailable",
    "export_file",
    "export_formats",
    "figure_png",
    "model_bytes",
    "model_file_name",
    "png_export_available",
    "template_file",
]

FORMAT_LABELS: dict[str, str] = {
    "json": N_("fora-model JSON"),
    "xlsx": N_("Excel workbook"),
    "xml": N_("Open Group exchange XML"),
    "archimate": N_("Archi model (.archimate)"),
    "archi_csv": N_("Archi CSV (zip of the three files)"),
    "coarchi": N_("coArchi repository (zip)"),
}
"""How the page names each format the io layer writes (a format missing here shows its own name), in
English: show a label through :func:`fora_model.i18n._`."""

_MIME = {".json": "application/json", ".xml": "application/xml", ".archimate": "application/xml",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "": "application/zip"}
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ExportFile:
    """One download: its bytes (None when the format refused the model), file name, MIME type,
    and findings (:data:`~fora_model.dashboard.uploads.FINDING_COLUMNS`) on what the format could not
    hold or why it refused."""

    format: str
    label: str
    file_name: str
    mime: str
    data: bytes | None
    findings: pd.DataFrame = field(default_factory=lambda: findings_table([]))

    @property
    def ok(self) -> bool:
        """True when the file was written."""
        return self.data is not None


def export_formats() -> dict[str, str]:
    """Every format the io layer writes, with the label the page shows, the native JSON first.

    >>> list(export_formats())
    ['json', 'xlsx', 'xml', 'archimate', 'archi_csv', 'coarchi']
    """
    formats = list(writable_formats())
    order = [f for f in FORMAT_LABELS if f in formats] + [f for f in formats if f not in FORMAT_LABELS]
    return {f: FORMAT_LABELS.get(f, f) for f in order}


def _zip_folder(folder: Path) -> bytes:
    """The files under ``folder`` as a zip (names relative to it, a fixed date: same model, same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def export_file(model: Model, fmt: str, *, views: bool = False) -> ExportFile:
    """The model written in format ``fmt`` (a key of :func:`export_formats`), as download bytes.

    Parameters
    ----------
    model
        The model to write.
    fmt
        A format name the io layer writes.
    views
        Exchange XML only: add a default diagram per process with parts
        (:mod:`fora_model.io.exchange_default_views`); another format is refused with it.

    Returns
    -------
    ExportFile
        The bytes (a zip for a folder format) and the writer's findings on what the format left
        out; no bytes, and the reason as a finding, when the format refuses the model.
    """
    suffix = writable_formats()[fmt]
    label = FORMAT_LABELS.get(fmt, fmt)
    file_name = model_file_name(model, suffix or f"-{fmt.replace('_', '-')}.zip")
    mime = _MIME.get(suffix, "application/octet-stream")

    def place(finding: Finding) -> tuple[str, str]:
        return file_name, finding.location

    def refused(finding: Finding) -> ExportFile:
        return ExportFile(fmt, label, file_name, mime, None, findings_table([finding], place))

    if views and fmt != "xml":
        return refused(Finding(Severity.ERROR, Reason.UNSUPPORTED_FORMAT, "",
                               _("{format} cannot take added diagrams", format=_(label)),
                               _("add diagrams to the Open Group exchange XML only")))
    options = {"views": "process"} if views else {}
    with tempfile.TemporaryDirectory(prefix="fora-export-") as folder:
        target = Path(folder) / (f"model{suffix}" if suffix else "export")  # a folder named model is coArchi's own
        try:
            findings = list(WRITERS[fmt](model, target, **options) or [])
            data = target.read_bytes() if suffix else _zip_folder(target)
        except ModelFileError as exc:
            return refused(Finding(Severity.ERROR, exc.reason, "", exc.message, exc.hint))
        except ForaModelError as exc:
            return refused(Finding(Severity.ERROR, Reason.BAD_VALUE, "", str(exc), _("fix the model, then export")))
        except Exception as exc:  # a writer bug must not take the dashboard down
            return refused(Finding(Severity.ERROR, Reason.BAD_VALUE, "", _("could not write this format ({error})",
                                   error=type(exc).__name__), _("export another format")))
    if has_errors(findings):
        return ExportFile(fmt, label, file_name, mime, None, findings_table(findings, place))
    return ExportFile(fmt, label, file_name, mime, data, findings_table(findings, place))


def template_file() -> ExportFile:
    """The empty fora-model workbook to fill in (what ``fora-model template`` writes)."""
    return ExportFile("xlsx", _("Excel workbook template"), "fora-model-template.xlsx", _MIME[".xlsx"],
                      generate_template())


# ----------------------------------------------------------------------------- model files
def model_bytes(model: Model) -> bytes:
    """The model as native JSON bytes, for the download button."""
    return dumps_model(model).encode("utf-8")



def model_file_name(model: Model, suffix: str = ".json") -> str:
    """A safe file name for the model's download, made from its name."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", model.name).strip("-._")[:60] or "model"
    return f"{stem}{suffix}"



# ----------------------------------------------------------------------------- PNG export
class PngExportUnavailable(RuntimeError):
    """No Chrome or Chromium for kaleido to render with; PNG export is optional."""



def png_export_available() -> bool:
    """True when kaleido is installed and finds a Chrome or Chromium on this machine (no download)."""
    try:
        import kaleido  # noqa: F401
        from choreographer.browsers.chromium import Chromium
    except ImportError:
        return False
    try:
        return Chromium.find_browser(skip_local=False) is not None
    except Exception:
        return False



def figure_png(figure: Any, *, width: int = 1400, height: int | None = None, scale: float = 2.0) -> bytes:
    """Render a plotly figure as PNG bytes (kaleido; about two seconds a call). Call it only when the
    user asks; raises :class:`PngExportUnavailable` when no Chrome is found."""
    if not png_export_available():
        raise PngExportUnavailable(_("PNG export needs Chrome or Chromium, and none was found"))
    fig_height = height or int(figure.layout.height or 700)
    data: bytes = figure.to_image(format="png", width=width, height=fig_height, scale=scale)
    return data
