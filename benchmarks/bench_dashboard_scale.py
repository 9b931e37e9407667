"""The dashboard at board scale, server-side: a workspace holding a synthetic model of 100,000
elements and 300,000 relations (a school board's combined landscape), run under Streamlit's AppTest.

Times, in one process and one browser session:

* **open**: the first run of ``app.py`` in a new server process (the workspace opened, the model
  read from its snapshot, the Overview drawn);
* **each page's first render**: switching to every page in the navigation once;
* **edit → duplicates**: typical edits made as a page makes them (``app_pages.state.write`` with an
  :class:`~fora_model.dashboard.writes.Edit`: rename an application, change its cost, link it to an
  activity, unlink a support, delete an application), each followed by a rerun of the
  Rationalisation page: the time until the page has its duplicates table (its first table, sent to
  the browser as the script reaches it) and until the whole page (every tab) is done.

Target (issue 14): < 3 s for the opening and each page, < 0.5 s for edit → duplicates. The machine
is shared, so each figure is printed next to the CPU seconds of the same step (the steadier figure
under load) and never asserted.

Usage::

    python benchmarks/bench_dashboard_scale.py                         # 100,000 / 300,000
    python benchmarks/bench_dashboard_scale.py --elements 20000 --relations 60000 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

PAGES = [
    "app_pages/overview.py",
    "app_pages/landscape.py",
    "app_pages/graph_explorer.py",
    "app_pages/rationalisation.py",
    "app_pages/board_view.py",
    "app_pages/applications.py",
    "app_pages/scenarios.py",
    "app_pages/risks.py",
    "app_pages/edit_map.py",
    "app_pages/edit_elements.py",
    "app_pages/edit_links.py",
    "app_pages/history.py",
    "app_pages/import_export.py",
    "app_pages/model_page.py",
]
NAME = "board"


def _clock() -> tuple[float, float]:
    times = os.times()
    return time.perf_counter(), times.user + times.system


def timed(step: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, wall seconds, CPU seconds of this process) of ``step()``."""
    wall, cpu = _clock()
    result = step()
    wall2, cpu2 = _clock()
    return result, wall2 - wall, cpu2 - cpu


def build_workspace(folder: Path, elements: int, relations: int) -> tuple[Any, float, float]:
    """A workspace in ``folder`` holding only the synthetic model, as ``NAME``; (model, build s, import s)."""
    from synthetic import synthetic_model

    from fora_model.workspace.store import Store

    model, build, _ = timed(lambda: synthetic_model(elements, relations=relations))
    store = Store(folder, seed=False)
    _, imported, _ = timed(lambda: store.import_model(NAME, model))
    print(f"model: {len(model.elements):,} elements, {len(model.relations):,} relations; "
          f"built in {build:.1f} s, imported in {imported:.1f} s", flush=True)
    return model, build, imported


def library_edits(model: Any) -> dict[str, tuple[float, float]]:
    """Edit → duplicates without the dashboard, side by side: each edit applied (as the workspace
    applies it, :func:`fora_model.changes.apply_changes` on the open model) to a model whose tables,
    hierarchy and support are memoised (carried through the copy and the edit), and to the same
    concepts in a model with nothing memoised (every table built again, as before they were
    carried); seconds of ``apply_changes`` + :func:`fora_model.duplicated_activities` for each."""
    import fora_model as fm
    from fora_model.changes import apply_changes

    fm.duplicated_activities(model)  # warm: what an open dashboard model holds
    figures: dict[str, tuple[float, float]] = {}
    for label, make in edits(None):
        changes = make(model)

        def carried(changes: list[Any] = changes) -> None:
            fm.duplicated_activities(apply_changes(model, changes).model)

        bare = fm.Model.from_parts(model.elements.values(), model.relations.values(), id=model.id,
                                   name=model.name, extras=model.extras)

        def rebuilt(changes: list[Any] = changes, bare: Any = bare) -> None:
            fm.duplicated_activities(apply_changes(bare, changes).model)

        _, warm, _ = timed(carried)
        _, cold, _ = timed(rebuilt)
        del bare
        figures[label] = (warm, cold)
        print(f"{label:32s} carried {warm:6.2f} s  rebuilt {cold:6.2f} s  ({cold / warm:4.1f}x)", flush=True)
    return figures


def edits(model: Any) -> list[tuple[str, Callable[[Any], list[Any]]]]:
    """The edits to time, each a function of the shown model giving the changes a page would make."""
    from fora_model import Element, ElementKind, Relation, RelationKind
    from fora_model.changes import AddRelation, RemoveElement, RemoveRelation, UpdateElement

    def app(m: Any, n: int = 0) -> Element:
        return m.elements_of(ElementKind.APPLICATION)[n]

    def rename(m: Any) -> list[Any]:
        return [UpdateElement(app(m).replace(name=app(m).name + " (renamed)"))]

    def cost(m: Any) -> list[Any]:
        a = app(m, 1)
        return [UpdateElement(a.replace(attributes={**a.attributes, "annual_cost": 4321.0}))]

    def link(m: Any) -> list[Any]:
        activity = m.elements_of(ElementKind.ACTIVITY)[7]
        return [AddRelation(Relation.new(RelationKind.SUPPORTS, app(m, 2).id, activity.id))]

    def unlink(m: Any) -> list[Any]:
        support = next(r for r in m.relations_of(RelationKind.SUPPORTS) if m.element(r.source).kind == "application")
        return [RemoveRelation(support.id)]

    def delete(m: Any) -> list[Any]:
        return [RemoveElement(app(m, 3).id)]

    return [("rename an application", rename), ("change its cost", cost), ("link it to an activity", link),
            ("unlink a support", unlink), ("delete an application", delete)]


def run(folder: Path, timeout: float, root: Path, pages: list[str], edit: bool = True) -> dict[str, Any]:
    os.environ["FORA_MODEL_WORKSPACE"] = str(folder)
    from streamlit.testing.v1 import AppTest

    from fora_model.dashboard import writes as dw
    from fora_model.workspace.store import Store

    figures: dict[str, Any] = {"pages": {}, "edits": {}}
    at = AppTest.from_file(str(root / "app.py"), default_timeout=timeout)
    _, wall, cpu = timed(at.run)
    _check(at, "open")
    figures["open"] = (wall, cpu)
    print(f"{'open (Overview)':32s} {wall:7.2f} s  cpu {cpu:6.2f} s", flush=True)
    for page in pages:
        _, wall, cpu = timed(lambda page=page: at.switch_page(page).run())
        _check(at, page)
        figures["pages"][page] = (wall, cpu)
        print(f"{Path(page).stem:32s} {wall:7.2f} s  cpu {cpu:6.2f} s", flush=True)
    if not edit:
        return figures
    store = Store(folder, seed=False)
    at.switch_page("app_pages/rationalisation.py").run()
    drawn = _watch_duplicates()
    for label, make in edits(None):
        def edit_then_duplicates(make: Callable[[Any], list[Any]] = make) -> None:
            revision = at.session_state["fm_revision"]
            shown = store.open(NAME, revision)
            outcome = dw.perform(store, NAME, revision, "bench", dw.Edit(make(shown)))
            assert outcome.ok, outcome.message
            at.session_state["fm_revision"] = outcome.revision  # what app_pages.state.write does
            at.run()

        drawn.clear()
        start = time.perf_counter()
        _, wall, cpu = timed(edit_then_duplicates)
        _check(at, label)
        table = drawn[0] - start if drawn else float("nan")
        figures["edits"][label] = (table, wall, cpu)
        print(f"{label:32s} {table:7.2f} s to the duplicates table, {wall:7.2f} s the whole page  "
              f"cpu {cpu:6.2f} s", flush=True)
    store.flush()
    return figures


def _watch_duplicates() -> list[float]:
    """When the Rationalisation page has its duplicates table (the first table of the page: Streamlit
    sends each element to the browser as the script reaches it, so that is when the table is updated
    on screen; the other tabs follow)."""
    from app_pages import state
    from fora_model.dashboard.rationalisation import duplicates_table

    seen: list[float] = []
    compute = state.compute

    def watched(function: Any, *args: Any, **kwargs: Any) -> Any:
        result = compute(function, *args, **kwargs)
        if function is duplicates_table:
            seen.append(time.perf_counter())
        return result

    state.compute = watched  # type: ignore[assignment]
    return seen


def _check(at: Any, step: str) -> None:
    if at.exception:
        raise SystemExit(f"{step}: the page raised {[e.value for e in at.exception]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--elements", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=300_000)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds one AppTest run may take")
    parser.add_argument("--no-library", action="store_true", help="skip edit → duplicates without the dashboard")
    parser.add_argument("--no-edits", action="store_true", help="skip edit → duplicates in the dashboard")
    parser.add_argument("--pages", help="comma-separated page names to time (default: every page), e.g. overview")
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the checkout whose app and package to run (another gives the figures before a change)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    sys.path.insert(0, str(root))
    os.chdir(root)
    with tempfile.TemporaryDirectory(prefix="fora-dashboard-scale-") as tmp:
        folder = Path(tmp) / "workspace"
        model, build, imported = build_workspace(folder, args.elements, args.relations)
        library = library_edits(model) if not args.no_library else {}
        del model
        import fora_model.workspace.log as store_log

        store_log.forget()  # as a new server process: the model is read from its snapshot
        pages = PAGES if not args.pages else [f"app_pages/{p.strip()}.py" for p in args.pages.split(",")]
        figures = run(folder, args.timeout, root, pages, not args.no_edits)
    figures.update(build=build, imported=imported, elements=args.elements, relations=args.relations,
                   library=library)
    slow = [p for p, (wall, _) in figures["pages"].items() if wall >= 3]
    late = [e for e, (table, _, _) in figures["edits"].items() if not table < 0.5]
    print(f"\nopen {'met' if figures['open'][0] < 3 else 'missed'} (< 3 s); pages at 3 s or more: "
          f"{', '.join(Path(p).stem for p in slow) or 'none'}; edits → duplicates at 0.5 s or more: "
          f"{', '.join(late) or 'none'}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
