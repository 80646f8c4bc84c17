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


def tap_actor(page: Any, name: str) -> None:
    """Tap the actor named ``name`` in the drawing, as a click would.

    The script returns a count, never the Cytoscape collection: Playwright serialises whatever an
    evaluation returns, and walking a collection's object graph (the instance, its renderer and their
    caches) ran the page's script out of memory ("Target crashed"), in most runs once the time window
    had redrawn the graph.
    """
    tapped = page.evaluate(
        """name => {
            const nodes = window.__cy.nodes().filter(n => n.data('name') === name);
            nodes.emit('tap');
            return nodes.length;
        }""",
        name,
    )
    assert tapped == 1, f"{tapped} actors named {name} in the drawing"
