"""The dashboard's shared state: which model is open, the analysis settings, and every analysis
of the model, cached per model version.

This is the one place that knows where the current model comes from (today: the sample school,
a file named on the command line or in ``FORA_MODEL_FILE``, or an upload; later a workspace).
Analyses, figures and the graph page are cached with ``st.cache_data`` under the model's
content hash and the options, so they are computed once per model version and options, not on
every rerun; the model object itself is passed unhashed.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import pandas as pd
import streamlit as st

import fora_model as fm
from fora_model import dashboard as db

MODEL_ENV = "FORA_MODEL_FILE"
"""Environment variable naming a model file to open instead of the sample school."""

PAGE_WIDGETS = ("gx_", "rz_", "bv_")
"""Key prefixes of page widgets whose choices refer to elements of the model (reset on a new model)."""

_MODEL = "fm_model"
_LABEL = "fm_label"
_STARTUP = "fm_startup"


def startup_source() -> str | None:
    """The model file to open at start: ``--model PATH`` after ``streamlit run app.py --``, else
    ``$FORA_MODEL_FILE``, else None (the sample school)."""
    args = sys.argv[1:]
    for n, arg in enumerate(args):
        if arg == "--model" and n + 1 < len(args):
            return args[n + 1]
        if arg.startswith("--model="):
            return arg.split("=", 1)[1]
    return os.environ.get(MODEL_ENV) or None


@st.cache_resource(show_spinner="Opening the model…")
def _open_startup(source: str | None) -> db.OpenResult:
    """The model the app starts on, read once per server (shared, never changed in place)."""
    return db.open_model_file(source) if source else db.open_sample()


@st.cache_resource(show_spinner="Opening the sample school…")
def _sample() -> db.OpenResult:
    return db.open_sample()


def _ensure() -> None:
    if _MODEL in st.session_state:
        return
    source = startup_source()
    result = _open_startup(source)
    st.session_state[_STARTUP] = result
    st.session_state[_MODEL] = result.model
    st.session_state[_LABEL] = (f"file {result.name}" if source else "sample school") if result.ok else ""


def current_model() -> fm.Model | None:
    """The open model, or None when none could be opened."""
    _ensure()
    model: fm.Model | None = st.session_state[_MODEL]
    return model


def source_label() -> str:
    """Where the open model came from, as plain text (``sample school``, ``file x.json``, ``upload x.json``)."""
    _ensure()
    return str(st.session_state[_LABEL])


def startup_result() -> db.OpenResult:
    """How opening the start model went (its findings are shown on the Model page)."""
    _ensure()
    result: db.OpenResult = st.session_state[_STARTUP]
    return result


def set_model(model: fm.Model, label: str) -> None:
    """Make ``model`` the open model of this session and forget page choices about the old one."""
    _ensure()
    st.session_state[_MODEL] = model
    st.session_state[_LABEL] = label
    for key in list(st.session_state):
        if str(key).startswith(PAGE_WIDGETS):
            del st.session_state[key]


def restore_sample() -> db.OpenResult:
    """Open the sample school again; on failure the open model stays."""
    result = _sample()
    if result.model is not None:
        set_model(result.model, "sample school")
    return result


def open_upload(name: str, data: bytes) -> db.OpenResult:
    """Open an uploaded file; only a model without errors replaces the open one."""
    result = db.open_model_bytes(name, data)
    if result.model is not None:
        set_model(result.model, f"upload {result.name}")
    return result


def require_model() -> fm.Model:
    """The open model; without one, say so, point to the Model page and stop the page."""
    model = current_model()
    if model is None:
        st.info("No model is open. Open one on the Model page.")
        st.page_link("app_pages/model_page.py", label="Go to the Model page", icon=":material/database:")
        st.stop()
    return model


def settings() -> tuple[str | None, tuple[str, ...] | None]:
    """The analysis level and support paths chosen in the sidebar (None means the default)."""
    level = st.session_state.get("fm_level", "auto")
    chosen = st.session_state.get("fm_paths") or list(fm.ALL_PATHS)
    paths = None if set(chosen) == set(fm.ALL_PATHS) else tuple(sorted(chosen))
    return (None if level == "auto" else level), paths


# ----------------------------------------------------------------------------- cached computations
def _function(path: str) -> Any:
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


@st.cache_data(show_spinner="Analysing…", max_entries=256)
def _cached(_model: fm.Model, model_hash: str, function: str, args: tuple[Any, ...],
            kwargs: tuple[tuple[str, Any], ...]) -> Any:
    """``function(model, *args, **kwargs)``, cached under the model's content hash and the options."""
    return _function(function)(_model, *args, **dict(kwargs))


def compute(function: str, *args: Any, **kwargs: Any) -> Any:
    """Run a ``fora_model`` function (dotted path) on the open model, once per model version and options."""
    model = require_model()
    return _cached(model, model.content_hash(), function, args, tuple(sorted(kwargs.items())))


def kpis() -> dict[str, Any]:
    """Headline figures (:func:`fora_model.dashboard.kpis`) at the sidebar's settings."""
    result: dict[str, Any] = compute("fora_model.dashboard.kpis", *settings())
    return result


def table(name: str, *args: Any, **kwargs: Any) -> pd.DataFrame:
    """A report table from :mod:`fora_model.dashboard` or :mod:`fora_model` at the sidebar's settings."""
    module = "fora_model.dashboard" if hasattr(db, name) else "fora_model"
    frame: pd.DataFrame = compute(f"{module}.{name}", *settings(), *args, **kwargs)
    return frame


def figure(name: str, **kwargs: Any) -> Any:
    """A plotly figure from :mod:`fora_model.viz.figures` at the sidebar's settings."""
    return compute(f"fora_model.viz.figures.{name}", *settings(), **kwargs)


def graph(**options: Any) -> Any:
    """The graph page (:func:`fora_model.viz.network.network_page`) for these graph options."""
    level, paths = settings()
    return compute("fora_model.viz.network.network_page", level=level, paths=paths, **options)


def element_ids(*kinds: str) -> list[str]:
    """Element ids of these kinds (all kinds when none), sorted by name, for pickers."""
    model = require_model()
    ids: list[str] = _cached(model, model.content_hash(), "fora_model.dashboard.element_options",
                             (list(kinds) or None,), ())
    return ids


def label(element_id: str) -> str:
    """The plain-text picker label of an element (pickers show options as text, not Markdown)."""
    model = require_model()
    element = model.elements.get(element_id)
    return db.element_label(element) if element is not None else element_id


@st.cache_resource(show_spinner=False)
def png_available() -> bool:
    """Whether kaleido finds a Chrome here (looked up once per server)."""
    return db.png_export_available()


@st.cache_resource(show_spinner=False)
def favicon() -> Any:
    """A small local page icon (a named Material icon would make the browser fetch it from Google)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((2, 2, 62, 62), radius=14, fill="#332288")
    draw.polygon([(32, 12), (52, 32), (32, 52), (12, 32)], fill="#44AA99")
    draw.ellipse((25, 25, 39, 39), fill="#E69F00")
    return image
