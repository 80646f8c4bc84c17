"""The show stage in a browser: a FastAPI app (JSON API under /api plus the explorer page) and reports."""
