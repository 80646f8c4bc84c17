"""Debian's Chromium for the browser tests: where it is, and how it is started (see conftest's `browser`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
# This machine's closed network refuses Chromium's background connections; these flags stop it trying.
# The resolver rule makes a made-up name resolve to this machine, which DNS rebinding achieves without
# the wait (tests/test_web_browser_local.py); no other test uses that name.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP rebind.test 127.0.0.1",
]
if os.environ.get("ENTRAMADO_BROWSER_HEADED"):  # pragma: no cover - for a person watching locally
    CHROMIUM_ARGS.remove("--headless")


@contextmanager
def watched_page(browser: Any, width: int, height: int, timeout_ms: int) -> Iterator[Any]:
    """A fresh Spanish-speaking page of this size; on leaving, it fails if the page's script threw."""
    context = browser.new_context(locale="es-ES", viewport={"width": width, "height": height})
    context.set_default_timeout(timeout_ms)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, f"the page's script threw: {errors}"
