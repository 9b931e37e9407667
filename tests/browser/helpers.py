"""Running the dashboard for real: a ``streamlit run`` server on a free loopback port and a headless
Debian Chromium driven by playwright (never ``playwright install``: it downloads a browser).

Used by the browser tests and by ``benchmarks/bench_dashboard.py``.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
CHROMIUM = Path(os.environ.get("FORA_CHROMIUM", "/usr/bin/chromium"))
"""The browser: Debian's Chromium unless ``FORA_CHROMIUM`` names another Chromium or Chrome binary."""
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SCREENSHOTS = ROOT / "screenshots"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class AppServer:
    """A running ``streamlit run app.py``: its base URL, process and log file."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path
    env: dict[str, str] = field(default_factory=dict)

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def seeded_workspace(tmp_path_factory: Any, label: str) -> Path:
    """A new workspace folder seeded with the sample school, for a server a test also reads and edits."""
    from fora_model.workspace.store import Store

    path = Path(tmp_path_factory.mktemp(label)) / "workspace"
    Store(path)
    return path


@contextlib.contextmanager
def app_server(log: Path, model_file: Path | None = None, timeout: float = 90,
               workspace: Path | None = None) -> Iterator[AppServer]:
    """Start the dashboard on 127.0.0.1 and a free port (on ``model_file``, else the sample school),
    wait until ``/_stcore/health`` answers, and stop exactly that process afterwards.

    The workspace is ``workspace`` (default: a new folder next to ``log``), never the repository's."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "FORA_MODEL_FILE"}
    env["FORA_MODEL_WORKSPACE"] = str(workspace or log.parent / f"workspace-{port}")
    if model_file is not None:
        env["FORA_MODEL_FILE"] = str(model_file)
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", "127.0.0.1",
               "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    server = AppServer(f"http://127.0.0.1:{port}", process, log, env)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log_tail()}")
            try:
                with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not answer within {timeout} s:\n{server.log_tail()}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless, with the flags that keep it quiet and offline."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@dataclass
class Recorder:
    """Every request a page makes and every dialog it opens (dialogs are dismissed)."""

    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def external(self, base: str) -> list[str]:
        """Requests that would leave the app's own origin (data: and blob: stay in the browser)."""
        return [u for u in self.requests
                if not (u.startswith(base + "/") or u == base or u.startswith(("data:", "blob:", "about:")))]


def wait_idle(page: Any, timeout: float = 120_000) -> None:
    """Wait until the app script has finished running."""
    page.wait_for_selector(IDLE, timeout=timeout)


def wait_rerun(page: Any, timeout: float = 120_000) -> None:
    """After an interaction: wait for the rerun it causes to start (if it has not already come and
    gone) and then to finish, so the page shows the interaction's result."""
    with contextlib.suppress(Exception):  # a fast rerun may have finished before we looked
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]', timeout=3_000)
    wait_idle(page, timeout)


def open_page(page: Any, server: AppServer, path: str = "", known: str | None = None) -> None:
    """Go to a page of the app and wait for it to run and show ``known`` text."""
    page.goto(f"{server.url}/{path}")
    page.wait_for_selector('[data-testid="stApp"]')
    if known is not None:
        page.get_by_text(known, exact=True).first.wait_for(timeout=120_000)
    wait_idle(page)


def wait_for_charts(page: Any, count: int, timeout: float = 120_000) -> None:
    """Wait until ``count`` plotly charts are on the page and every one has drawn its SVG."""
    page.wait_for_function(
        "n => { const charts = Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]'));"
        " return charts.length >= n && charts.every(c => c.querySelector('.main-svg text')); }",
        arg=count, timeout=timeout)


def graph_frame(page: Any, timeout: float = 120_000) -> Any:
    """The graph iframe's frame, once vis-network has drawn it."""
    handle = page.wait_for_selector('[data-testid="stIFrame"]', timeout=timeout)
    frame = handle.content_frame()
    frame.wait_for_function("() => document.body && document.body.getAttribute('data-drawn') === '1'",
                            timeout=timeout)
    return frame


def chart_texts(page: Any) -> list[str]:
    """The text of every SVG text element of every plotly chart on the page."""
    texts: list[str] = page.eval_on_selector_all(
        "[data-testid=stPlotlyChart] svg text", "nodes => nodes.map(n => n.textContent)")
    return texts


def grid_cells(page: Any, index: int = 0) -> list[str]:
    """The cells a dataframe grid has rendered (its accessible table holds the visible rows)."""
    grid = page.locator('[data-testid="stDataFrame"]').nth(index)
    grid.locator("td").first.wait_for(state="attached", timeout=120_000)
    cells: list[str] = grid.locator("td").all_text_contents()
    return cells


def screenshot(page: Any, name: str) -> Path:
    """Save a screenshot of the whole page to ``screenshots/`` (git-ignored) and return its path.

    Streamlit scrolls inside its main block, so the window is made as tall as that block first.
    """
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]'); return m ? m.scrollHeight : 0; }")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height) + 40, 5000))})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path
