"""CLI commands of the export group, registered on the main app (parsing and rendering only)."""

from __future__ import annotations
