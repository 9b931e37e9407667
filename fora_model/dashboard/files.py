"""The files behind the dashboard's buttons: opening an uploaded or named model file without ever
raising on bad input, the model's own download, and PNG export of a figure where kaleido finds a
Chrome. Nothing here calls Streamlit; :mod:`fora_model.dashboard.overview` re-exports these names.

>>> result = open_model_bytes("broken.json", b'{"format": "fora-model", "elem')
>>> result.ok, result.errors, result.findings["location"].tolist()
(False, 1, ['broken.json'])
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import Finding, ForaModelError, ModelFileError, ModelInvalidError, Reason, Severity, has_errors
from ..io import dumps_model, read_model
from ..model import Model
from ..validate import findings_frame, validate

__all__ = [
    "OpenResult",
    "PngExportUnavailable",
    "figure_png",
    "model_bytes",
    "model_file_name",
    "open_model_bytes",
    "open_model_file",
    "open_sample",
    "page_icon",
    "png_export_available",
]


# ----------------------------------------------------------------------------- model files
def model_bytes(model: Model) -> bytes:
    """The model as native JSON bytes, for the download button."""
    return dumps_model(model).encode("utf-8")


def model_file_name(model: Model, suffix: str = ".json") -> str:
    """A safe file name for the model's download, made from its name."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", model.name).strip("-._")[:60] or "model"
    return f"{stem}{suffix}"


@dataclass
class OpenResult:
    """The outcome of opening a model file: the model (None when it may not be opened) and the
    findings (reader's and validation's) as :func:`~fora_model.findings_frame` rows."""

    model: Model | None
    findings: pd.DataFrame
    name: str
    errors: int = 0
    warnings: int = 0
    problems: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the model was read and has no errors."""
        return self.model is not None


def _opened(name: str, model: Model | None, findings: list[Finding]) -> OpenResult:
    errors = sum(1 for f in findings if f.is_error)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    return OpenResult(model if not has_errors(findings) else None, findings_frame(findings), name,
                      errors, warnings, findings)


def open_sample() -> OpenResult:
    """The shipped sample school, opened as :func:`~fora_model.load_sample` opens it."""
    from ..datasets import load_sample

    name = "sample school"
    try:
        model = load_sample()
    except ModelInvalidError as exc:
        return _opened(name, None, exc.findings)
    except ForaModelError as exc:
        finding = exc.finding if isinstance(exc, ModelFileError) else Finding(
            Severity.ERROR, Reason.UNREADABLE_FILE, "", str(exc), "", name)
        return _opened(name, None, [finding])
    return _opened(name, model, validate(model))


def open_model_file(path: str | Path, name: str | None = None) -> OpenResult:
    """Read and validate a model file; a model with errors is not returned.

    Never raises for bad input: an unreadable file comes back as one error finding naming
    ``name`` (the file's own name by default).
    """
    shown = name or Path(path).name
    try:
        result = read_model(path)
    except ForaModelError as exc:
        finding = exc.finding if isinstance(exc, ModelFileError) else Finding(
            Severity.ERROR, Reason.UNREADABLE_FILE, "", str(exc), "", shown)
        return _opened(shown, None, [_relocate(finding, str(path), shown)])
    except Exception as exc:  # a reader bug must not take the dashboard down
        return _opened(shown, None, [Finding(Severity.ERROR, Reason.UNREADABLE_FILE, "",
                                             f"cannot read this file ({type(exc).__name__}: {exc})",
                                             "check that it is a model file fora-model can read", shown)])
    findings = [_relocate(f, str(path), shown) for f in result.findings]
    findings += validate(result.model)
    return _opened(shown, result.model, findings)


def open_model_bytes(name: str, data: bytes) -> OpenResult:
    """Open an uploaded model file (its name and content); see :func:`open_model_file`."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name) or "model.json"
    with tempfile.TemporaryDirectory(prefix="fora-upload-") as folder:
        path = Path(folder) / safe
        path.write_bytes(data)
        return open_model_file(path, Path(name).name)


def _relocate(finding: Finding, path: str, shown: str) -> Finding:
    """The finding with the temporary path replaced by the name the user knows."""
    location = finding.location.replace(path, shown)
    message = finding.message.replace(path, shown)
    if location == finding.location and message == finding.message:
        return finding
    return Finding(finding.severity, finding.reason, finding.element, message, finding.hint, location)


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
        raise PngExportUnavailable("PNG export needs Chrome or Chromium, and none was found")
    fig_height = height or int(figure.layout.height or 700)
    data: bytes = figure.to_image(format="png", width=width, height=fig_height, scale=scale)
    return data


def page_icon() -> Any:
    """The dashboard's small page icon, drawn locally (a named Material icon would make the browser
    fetch it from Google).

    >>> page_icon().size
    (64, 64)
    """
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((2, 2, 62, 62), radius=14, fill="#332288")
    draw.polygon([(32, 12), (52, 32), (32, 52), (12, 32)], fill="#44AA99")
    draw.ellipse((25, 25, 39, 39), fill="#E69F00")
    return image
