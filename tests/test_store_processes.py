"""The workspace across processes: racing editors, and processes killed in the middle of a write,
on SQLite and PostgreSQL (the ``workspaces`` fixture).

Each test starts real Python processes on the same database; synchronisation is through
marker files, never through timing, so a pass means the guarantee held, not that the timing
happened to be kind.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import fora_model.workspace.log as store_log
from fora_model import dumps_model
from fora_model.changes import UpdateElement
from fora_model.workspace.store import SEED_NAME, Store
from tests.tiny import model_of, tiny_school

ROOT = Path(__file__).resolve().parents[1]
NAME = SEED_NAME

RACER = """
import sys, time
from pathlib import Path
from fora_model.changes import UpdateElement
from fora_model.workspace.store import ConflictError, Store
path, me, folder, rounds = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
store = Store(path, seed=False)

def wait(file):
    while not file.exists():
        time.sleep(0.001)

for k in range(rounds):
    wait(folder / f"base-{k}")
    base = int((folder / f"base-{k}").read_text())
    model = store.open("sample-school", base)          # the editor loaded this revision
    change = UpdateElement(model.element("app-mag").replace(name=f"Magister by {me} in round {k}"))
    (folder / f"ready-{k}-{me}").touch()
    wait(folder / f"go-{k}")
    try:
        outcome = f"won {store.edit('sample-school', change, base=base, author=me).revision}"
    except ConflictError as exc:
        outcome = f"conflict {exc.head}"
    (folder / f"result-{k}-{me}.tmp").write_text(outcome)
    (folder / f"result-{k}-{me}.tmp").rename(folder / f"result-{k}-{me}")
"""

SLOW_IMPORT = """
import sys, time
from pathlib import Path
import fora_model.workspace.log as store_log
from fora_model.workspace.store import Store
from tests.tiny import model_of
path, marker = sys.argv[1], Path(sys.argv[2])
big = model_of([(f"a{i}", "activity", f"Activity {i}") for i in range(3000)]
               + [(f"p{i}", "process", f"Process {i}") for i in range(300)],
               [(f"r{i}", "composed_of", f"p{i % 300}", f"a{i}") for i in range(3000)], name="Big")
import fora_model.workspace.backend as backend
connect = backend.sqlite_connect

def small_cache(path):
    db = connect(path)
    db.execute("PRAGMA cache_size = 4")  # spill the transaction's pages into the WAL file early
    return db

backend.sqlite_connect = small_cache
original = store_log._insert_snapshot

def stall(db, *args):
    original(db, *args)                         # the new revision and its snapshot are written...
    marker.write_text(str(db.in_transaction))   # ...but not committed: hang here until killed
    time.sleep(120)

store_log._insert_snapshot = stall
Store(path, seed=False).import_model("sample-school", big, replace=True, author="slow")
"""

IMPORT_LOOP = """
import sys
from fora_model.workspace.store import Store
from tests.tiny import model_of
path = sys.argv[1]
models = [model_of([(f"a{i}", "activity", f"{tag} {i}") for i in range(1500)], [], name=tag) for tag in "AB"]
store = Store(path, seed=False)
n = 0
while True:
    store.import_model("loop", models[n % 2], replace=True)
    n += 1
"""


MANY_WRITES = """
import json, sys, time
from pathlib import Path
from fora_model import Element
from fora_model.changes import AddElement
import fora_model.workspace.log as store_log
from fora_model.workspace.store import ConflictError, Store
location, me, folder, writes = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
store = Store(location, seed=False)
insert = store_log.RevisionLog.insert

def slow_insert(self, *args, **kwargs):
    time.sleep(0.01)  # widen the window between the head check and the insert: the other editor must wait
    return insert(self, *args, **kwargs)

store_log.RevisionLog.insert = slow_insert
(folder / f"ready-{me}").touch()
while not (folder / "go").exists():
    time.sleep(0.001)
won, refused = [], []
while len(won) < writes:
    head = store.checkout("sample-school")
    element = Element.new("application", f"{me} {len(won)}", id=f"app-{me}-{len(won)}")
    try:
        won.append(store.edit("sample-school", AddElement(element), base=head.revision, author=me).revision)
    except ConflictError as exc:
        assert exc.head > head.revision, (exc.head, head.revision)
        refused.append([head.revision, exc.head])
(folder / f"result-{me}.tmp").write_text(json.dumps({"won": won, "refused": refused}))
(folder / f"result-{me}.tmp").rename(folder / f"result-{me}")
"""


def child(script: str, *args: object, **kwargs: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)  # type: ignore[call-overload]


def wait_for(condition, what: str, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


@pytest.mark.slow
def test_two_processes_editing_the_same_revision_one_wins_the_other_gets_a_conflict(workspaces, tmp_path):
    store = workspaces.store("ws", seed=tiny_school)
    rounds, editors = 5, ("tab1", "tab2")
    racers = [child(RACER, workspaces("ws"), me, tmp_path, rounds) for me in editors]
    try:
        for k in range(rounds):
            base = store.head(NAME)
            (tmp_path / f"base-{k}.tmp").write_text(str(base))
            (tmp_path / f"base-{k}.tmp").rename(tmp_path / f"base-{k}")  # appears whole, never half-written
            wait_for(lambda k=k: all((tmp_path / f"ready-{k}-{me}").exists() for me in editors), "both editors")
            (tmp_path / f"go-{k}").touch()
            wait_for(lambda k=k: all((tmp_path / f"result-{k}-{me}").exists() for me in editors), "both results")
            outcomes = {me: (tmp_path / f"result-{k}-{me}").read_text().split() for me in editors}
            assert sorted(o[0] for o in outcomes.values()) == ["conflict", "won"]
            assert {int(o[1]) for o in outcomes.values()} == {base + 1}  # the loser is told the head it lost to
            winner = next(me for me, o in outcomes.items() if o[0] == "won")
            assert store.head(NAME) == base + 1
            assert store.open(NAME).element("app-mag").name == f"Magister by {winner} in round {k}"
            assert store.revision(NAME).author == winner
    except BaseException:
        for racer in racers:
            racer.kill()
            print(racer.communicate(timeout=60))
        raise
    for racer in racers:
        _, err = racer.communicate(timeout=60)
        assert racer.returncode == 0, err
    assert store.integrity_check() == "ok"


@pytest.mark.slow
def test_two_editor_processes_writing_many_times_keep_every_revision(workspaces, tmp_path):
    """Two processes add elements to one model as fast as they can, each retrying on a conflict:
    every revision number is written once, by the editor that says it won it, and no edit is lost.
    Each write waits a moment between its head check and its insert, so a write that did not hold
    the model while checking would fail here (a duplicate revision) instead of being refused."""
    import json

    store = workspaces.store("ws", seed=tiny_school)
    editors, writes = ("anna", "bram"), 40
    racers = [child(MANY_WRITES, workspaces("ws"), me, tmp_path, writes) for me in editors]
    try:
        wait_for(lambda: all((tmp_path / f"ready-{me}").exists() for me in editors), "both editors")
        (tmp_path / "go").touch()
        wait_for(lambda: all((tmp_path / f"result-{me}").exists() for me in editors), "both editors to finish")
    except BaseException:
        for racer in racers:
            racer.kill()
            print(racer.communicate(timeout=60))
        raise
    for racer in racers:
        _, err = racer.communicate(timeout=60)
        assert racer.returncode == 0, err
    results = {me: json.loads((tmp_path / f"result-{me}").read_text()) for me in editors}
    store_log.forget()
    history = store.history(NAME)
    assert [r.revision for r in history] == list(range(2 * writes + 1, 0, -1))  # contiguous, none twice
    claimed = {rev: me for me in editors for rev in results[me]["won"]}
    assert sorted(claimed) == list(range(2, 2 * writes + 2))  # each revision won by exactly one editor
    assert all(r.author == claimed[r.revision] for r in history if r.revision > 1)
    model = store.open(NAME)
    for me in editors:  # nothing lost: every edit either editor was told it saved is in the model
        assert results[me]["won"] == sorted(results[me]["won"])
        assert all(f"app-{me}-{n}" in model.elements for n in range(writes))
        assert all(base < head for base, head in results[me]["refused"])
    assert len(model.elements) == len(tiny_school().elements) + 2 * writes
    assert store.integrity_check() == "ok"


@pytest.mark.slow
def test_a_process_killed_during_a_long_import_leaves_the_last_revision_intact(tmp_path):
    store = Store(tmp_path / "ws", seed=tiny_school)
    head = store.checkout(NAME)
    store.edit(NAME, UpdateElement(head.model.element("app-mag").replace(name="Magister 6")), base=head.revision)
    committed = dumps_model(store.open(NAME))
    marker = tmp_path / "inside-the-transaction"
    importer = child(SLOW_IMPORT, store.path, marker)
    try:
        # the child creates the marker and then writes it: wait for the text, not only the file
        wait_for(lambda: marker.exists() and marker.read_text() != "",
                 "the import to reach the middle of its transaction", timeout=120)
        assert marker.read_text() == "True"
        assert store.path.with_name(store.path.name + "-wal").stat().st_size > 50_000  # uncommitted pages on disk
    finally:
        importer.send_signal(signal.SIGKILL)
        importer.communicate(timeout=60)
    assert importer.returncode == -signal.SIGKILL
    store_log.forget()
    after = Store(tmp_path / "ws")
    assert after.integrity_check() == "ok"
    assert after.head(NAME) == 2
    assert dumps_model(after.open(NAME)) == committed
    other = model_of([("g", "goal", "Good teaching")], [])
    assert after.import_model(NAME, other, replace=True).revision == 3  # no lock was left behind


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(2))
def test_killing_an_importer_at_any_moment_keeps_the_workspace_sound(workspaces, seed):
    store = workspaces.store("ws", seed=False)
    looper = child(IMPORT_LOOP, workspaces("ws"))
    try:
        wait_for(lambda: store.exists("loop") and store.head("loop") >= 3, "a few imports")
        time.sleep(random.Random(seed).uniform(0.0, 0.4))
    finally:
        looper.send_signal(signal.SIGKILL)
        looper.communicate(timeout=60)
    store_log.forget()
    after = workspaces.store("ws")
    assert after.integrity_check() == "ok"
    head = after.head("loop")
    assert [r.revision for r in after.history("loop")] == list(range(head, 0, -1))
    name = after.open("loop").name
    assert name == ("A" if head % 2 == 1 else "B")
    assert len(after.open("loop").elements) == 1500
