"""A pipe, a device or a socket given as a model (or as one file of a model folder) is refused at
once with its name, never read until it ends (which a FIFO never does)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import fora_model as fm
from tests.tiny import tiny_school

CLI = str(Path(sys.executable).with_name("fora-model"))


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, "validate", str(path)], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name", ["m.json", "m.xml", "m.archimate", "m.xlsx", "school-elements.csv"])
def test_a_fifo_as_the_model_is_refused(tmp_path, name):
    path = tmp_path / name
    os.mkfifo(path)
    run = validate(path)  # a hang would end in TimeoutExpired
    assert run.returncode == 2 and "not an ordinary file" in run.stderr and name in run.stderr
    assert "Traceback" not in run.stderr


def test_a_fifo_among_the_csv_files_is_refused(tmp_path):
    folder = tmp_path / "csv"
    fm.write_model(tiny_school(), folder)
    (relations,) = [p for p in folder.iterdir() if p.name.endswith("relations.csv")]
    relations.unlink()
    os.mkfifo(relations)
    run = validate(folder)
    assert run.returncode == 2 and "not an ordinary file" in run.stderr and relations.name in run.stderr


def test_a_device_is_refused(tmp_path):
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    run = validate(link)
    assert run.returncode == 2 and "not an ordinary file" in run.stderr
