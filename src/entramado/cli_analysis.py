"""CLI commands of the analysis group, registered on the main app (parsing and rendering only)."""

from __future__ import annotations
