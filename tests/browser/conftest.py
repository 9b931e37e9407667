"""Fixtures for the real-browser tests: Debian Chromium through playwright, one page per test.

Without /usr/bin/chromium (or the playwright package) the tests skip and say why, unless the
environment variable ``CI`` is ``true``: then they fail, because CI must run them.
Every test's page records its requests and dialogs; after the test, a request that left the
app's own 127.0.0.1 origin or any dialog fails it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.helpers import AppServer, Recorder


@pytest.fixture
def browser_page(chromium, server: AppServer) -> Iterator[tuple[Any, Recorder]]:
    """A fresh page (own session) with a request and dialog recorder; checks both afterwards."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(120_000)
    recorder = Recorder()
    recorder.attach(page)
    yield page, recorder
    context.close()
    assert recorder.external(server.url) == [], "a request left the app's own origin"
    assert recorder.dialogs == [], "the page opened a dialog"
