"""Running the dashboard under Streamlit's AppTest, in a workspace of the test's own.

Use the ``workspace_app`` fixture (tests/conftest.py) in a test module with ``autouse``, or ask
for it: each test then starts on the sample school in a new workspace with empty caches.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

import fora_model as fm
from fora_model.workspace.store import Store

APP = Path(__file__).resolve().parents[1] / "app.py"


def run_app(page: str | None = None, timeout: float = 30) -> AppTest:
    """The app run once (on the overview), then on ``page`` (``app_pages/x.py``) when given; no exception."""
    at = AppTest.from_file(str(APP), default_timeout=timeout).run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def workspace() -> Store:
    """The test's workspace (the one the app under test uses: $FORA_MODEL_DATABASE_URL when a test sets
    it, else $FORA_MODEL_WORKSPACE)."""
    return Store(seed=False)


def shown(at: AppTest) -> fm.Model:
    """The model the session shows: its workspace model at the revision it is on."""
    return workspace().open(at.session_state["fm_name"], at.session_state["fm_revision"])
