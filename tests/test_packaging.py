"""The wheel carries the shipped data, and an installed fora-model finds it outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("fora_model-*.whl")
    return built


def test_wheel_contains_the_data_and_the_console_script(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for data_file in ("reference-model.json", "sample-school.json", "sample-school-expected.json",
                      "sample-board/board.json", "sample-board/po-schools.json",
                      "sample-board/het-waterland-college.json", "sample-board/products.csv",
                      "sample-board-expected.json"):
        assert f"fora_model/data/{data_file}" in names
    assert "fora_model/py.typed" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "fora-model = fora_model.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_package_finds_its_sample_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import fora_model, fora_model.datasets as d; "
        "print(fora_model.__file__); print(d.data_dir()); "
        "from fora_model.cli import main; raise SystemExit(main(['sample', '-o', 'school.json']))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=work, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    package_file, data_dir = done.stdout.split()
    assert Path(package_file).is_relative_to(target)
    assert Path(data_dir).is_relative_to(target)
    assert (work / "school.json").read_bytes() == (ROOT / "data" / "sample-school.json").read_bytes()
