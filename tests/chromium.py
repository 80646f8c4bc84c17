"""Debian's Chromium for the browser tests: where it is, and how it is started (see conftest's `browser`)."""

from __future__ import annotations

import os
from pathlib import Path

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
