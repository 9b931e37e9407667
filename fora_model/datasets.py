"""The models shipped with fora-model: the FORA-style reference model and the sample school.

Both live in ``data/`` in the project's own format and are packaged into the wheel, so an
installed ``fora-model`` finds them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .io import load_model
from .model import Model

__all__ = [
    "BOARD_EXPECTED_FILE",
    "EXPECTED_FILE",
    "REFERENCE_FILE",
    "SAMPLE_FILE",
    "data_dir",
    "load_reference",
    "load_sample",
    "sample_board_expected",
    "sample_board_file",
    "sample_expected",
]

REFERENCE_FILE = "reference-model.json"
SAMPLE_FILE = "sample-school.json"
EXPECTED_FILE = "sample-school-expected.json"
BOARD_EXPECTED_FILE = "sample-board-expected.json"


def data_dir() -> Path:
    """The folder holding the shipped models (inside the package when installed from a wheel)."""
    packaged = Path(__file__).with_name("data")
    if (packaged / SAMPLE_FILE).exists():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def load_reference() -> Model:
    """The FORA-style reference model (system-type level; no applications)."""
    return load_model(data_dir() / REFERENCE_FILE)


def load_sample() -> Model:
    """The sample school: the reference model plus a school's goals and real products."""
    return load_model(data_dir() / SAMPLE_FILE)


def sample_expected() -> dict[str, Any]:
    """The hand-made list of the sample school's deliberate problems."""
    expected: dict[str, Any] = json.loads((data_dir() / EXPECTED_FILE).read_text(encoding="utf-8"))
    return expected


def sample_board_file() -> Path:
    """The sample board's board file (``sample-board/board.json``: four schools on the reference model)."""
    return data_dir() / "sample-board" / "board.json"


def sample_board_expected() -> dict[str, Any]:
    """The hand-made list of what the sample board's analyses should show."""
    expected: dict[str, Any] = json.loads((data_dir() / BOARD_EXPECTED_FILE).read_text(encoding="utf-8"))
    return expected
