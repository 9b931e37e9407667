"""Every generated hostile input (:mod:`tests.hostile_cases`) through every command and the
dashboard's upload: a refused input ends in exit 1 or 2 with one line naming the file and what to
fix, a valid one (an empty model, a 10,000-deep chain) comes through; never a traceback, never
longer than the time bound, and a refused ``workspace import`` leaves the workspace as it was.

Cases that could hang or exhaust memory (a pipe, a device, two billion declared rows, thousands of
levels) run in child processes with a time and memory bound, started first so they run while the
rest run here in-process. The last test prints the counts.
"""

from __future__ import annotations

import io
import shutil
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

import fora_model as fm
from fora_model.cli import main
from fora_model.cli.main import INTERNAL_ERROR
from fora_model.dashboard.uploads import Upload, read_uploads
from fora_model.workspace.store import Store
from tests.hostile_cases import (
    CASES,
    COMMANDS,
    GENERATORS,
    SCENARIOS,
    TIME_BOUND,
    Case,
    Outcome,
    build,
    remove_tree,
    run_case,
    run_in_subprocess,
    uploads_of,
)
from tests.tiny import tiny_school

RESULTS: dict[str, list[Outcome]] = {}
UPLOADS: dict[str, bool] = {}
NUMBER = {case.id: n for n, case in enumerate(CASES)}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """One workspace for the whole suite, holding the tiny school before any case is imported."""
    folder = tmp_path_factory.mktemp("hostile-workspace") / "ws"
    Store(folder).import_model("school", tiny_school(), author="test")
    return folder


@pytest.fixture(scope="module")
def children(tmp_path_factory, workspace) -> dict[str, tuple[Path, Future[list[Outcome]]]]:
    """The slow cases, each started at once in its own bounded child process: (its folder, its outcomes)."""
    root = tmp_path_factory.mktemp("hostile-children")
    pool = ThreadPoolExecutor(max_workers=2)
    started = {}
    for case in CASES:
        if case.slow and case.cli:
            folder = root / f"case-{NUMBER[case.id]}"
            own = folder / "workspace"  # a copy: the children and this process import at the same time
            shutil.copytree(workspace, own)
            started[case.id] = (folder, pool.submit(run_in_subprocess, case, folder, own, NUMBER[case.id]))
    yield started
    pool.shutdown(wait=True)
    remove_tree(root)


def test_every_class_has_cases_for_several_readers(tmp_path):
    for name, generate in GENERATORS.items():
        cases = list(generate())
        assert len(cases) >= 4 and len({c.reader for c in cases}) >= 2, name
    assert {case.reader for case in CASES} == {"json", "csv", "xml", "archimate", "coarchi", "xlsx", "zip", "mapping"}
    assert len({case.id for case in CASES}) == len(CASES), "case names must be unique"
    # the generated damage is what it claims: every bomb declares a DOCTYPE, every refused case differs
    # from the readable file it was made from
    for case in CASES:
        if case.klass == "xml-bomb" and case.reader in ("xml", "archimate"):
            data = build(case, tmp_path / case.id.replace(":", "_").replace("/", "_"))[0].read_bytes()
            text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode(
                "utf-16-le" if data[1:2] == b"\x00" else "utf-8")
            assert "<!DOCTYPE" in text, case.id


def _assert_refused(case: Case, outcome: Outcome, folder: Path) -> None:
    where = f"{case.id} / {outcome.command}"
    assert outcome.code in (1, 2), f"{where}: exit {outcome.code}\n{outcome.stderr}"
    lines = [line for line in outcome.stderr.splitlines() if line.strip()]
    assert lines, f"{where}: nothing said"
    last = lines[-1]
    if outcome.command == "validate" and outcome.code == 1:
        # validate's findings are its output: one tab-separated row each, saying where and how to fix
        rows = [row.split("\t") for row in outcome.stdout.splitlines()]
        assert rows and all(len(row) == 6 for row in rows), f"{where}: {outcome.stdout[:500]}"
        assert any(row[0] == "error" and row[5] != "-" for row in rows), f"{where}: no error with a hint"
        return
    assert last.startswith("fora-model: "), f"{where}: {last}"
    assert str(folder) in last, f"{where}: the line does not name the file: {last}"
    assert " — " in last, f"{where}: the line says nothing to fix: {last}"
    assert case.mentions in last.lower(), f"{where}: expected {case.mentions!r} in: {last}"
    if outcome.code == 2:
        assert len(lines) == 1, f"{where}: more than one line:\n{outcome.stderr}"
    else:  # the model's error findings, one per line (a tab-separated row, or one sentence), then the line
        assert all(len(line.split("\t")) == 6 or line.startswith("error ") for line in lines[:-1]), \
            f"{where}:\n{outcome.stderr}"


def _check(case: Case, outcomes: list[Outcome], folder: Path) -> None:
    assert len(outcomes) == len(COMMANDS), f"{case.id}: {outcomes[0].command}: {outcomes[0].stderr}"
    for outcome in outcomes:
        where = f"{case.id} / {outcome.command}"
        printed = outcome.stdout + outcome.stderr
        assert "Traceback" not in printed, f"{where}:\n{printed[-3000:]}"
        assert outcome.code != INTERNAL_ERROR, f"{where}: {outcome.stderr}"
        assert outcome.code != -1 and outcome.seconds < TIME_BOUND, f"{where}: still running after {TIME_BOUND} s"
        if outcome.command == "workspace import":
            assert outcome.workspace_kept, f"{where}: the workspace changed ({outcome.code}: {outcome.stderr})"
        if case.accepted:
            assert outcome.code == 0, f"{where}: exit {outcome.code}: {outcome.stderr[-1000:]}"
        else:
            _assert_refused(case, outcome, folder)


def _check_upload(case: Case, model: Path, mapping: Path | None) -> None:
    files = uploads_of(model)
    kinds = Upload(mapping.name, mapping.read_bytes()) if mapping is not None else None
    result = read_uploads(files, encoding=case.encoding, mapping=kinds)  # never raises
    names = {f.name for f in files} | ({kinds.name} if kinds is not None else set())
    table = result.findings
    if case.accepted:
        assert result.ok, f"{case.id}: upload refused: {table.to_dict('records')}"
    else:
        assert not result.ok and result.errors >= 1, f"{case.id}: upload read"
        errors = table[table["severity"] == "error"]
        assert (errors["message"].str.len() > 0).all() and (errors["hint"].str.len() > 0).all(), table
        assert all(any(name in str(file) for name in names) for file in errors["file"]), errors["file"].tolist()
        assert "Traceback" not in " ".join(table["message"].astype(str))
    UPLOADS[case.id] = result.ok


@pytest.mark.parametrize("case", [c for c in CASES if not c.slow], ids=lambda c: c.id)
def test_a_hostile_input_is_refused_in_one_line_or_read(case, tmp_path, workspace, children):
    model, mapping = build(case, tmp_path / "in")
    try:
        if case.cli:
            outcomes = run_case(case, model, tmp_path / "out", workspace, NUMBER[case.id], mapping)
            RESULTS[case.id] = outcomes
            _check(case, outcomes, tmp_path / "in")
        if case.upload:
            _check_upload(case, model, mapping)
    finally:
        remove_tree(tmp_path / "in")


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if c.slow], ids=lambda c: c.id)
def test_an_input_that_could_hang_ends_within_the_bound(case, tmp_path, children):
    folder, running = children[case.id]
    outcomes = running.result()
    RESULTS[case.id] = outcomes
    _check(case, outcomes, folder / "in")
    if case.upload:
        model, mapping = build(case, tmp_path / "in")
        _check_upload(case, model, mapping)
        remove_tree(tmp_path / "in")


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_hostile_scenario_file_is_refused_in_one_line(name, tmp_path):
    model = tmp_path / "school.json"
    fm.write_json(tiny_school(), model)
    scenario = SCENARIOS[name](tmp_path)
    out, err = io.StringIO(), io.StringIO()
    code = main(["board-report", str(model), "--scenario", str(scenario), "-o", str(tmp_path / "b.html")], out, err)
    lines = err.getvalue().strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in err.getvalue(), err.getvalue()
    named = "what-if.json" in lines[0] or "scenario 'x'" in lines[0]  # by its file, or by its name once read
    assert lines[0].startswith("fora-model: error: ") and named, lines[0]
    assert not (tmp_path / "b.html").exists()


def test_the_counts(capsys):
    ran = [o for outcomes in RESULTS.values() for o in outcomes]
    if not ran:
        pytest.skip("no case ran (selected out)")
    tracebacks = sum("Traceback" in o.stdout + o.stderr for o in ran)
    hangs = sum(o.code == -1 or o.seconds >= TIME_BOUND for o in ran)
    classes = len({c.klass for c in CASES if c.id in RESULTS or c.id in UPLOADS})
    line = (f"hostile inputs: {len(set(RESULTS) | set(UPLOADS))} cases in {classes} classes; {len(RESULTS)} cases x "
            f"{len(COMMANDS)} commands = {len(ran)} runs and {len(UPLOADS)} uploads; {tracebacks} tracebacks, "
            f"{hangs} hangs; slowest run {max(o.seconds for o in ran):.1f} s; "
            f"exit codes {dict(sorted(Counter(o.code for o in ran).items()))}")
    with capsys.disabled():
        print("\n" + line)
    assert tracebacks == 0 and hangs == 0
