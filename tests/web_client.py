"""A synchronous client for the explorer app in-process (httpx over ASGI), addressed as a browser would."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from fastapi import FastAPI

# The address `serve` listens on by default, as a browser on this machine sends it in Host and Origin.
OWN = "http://127.0.0.1:8000"


class Client:
    """Each request runs on a fresh event loop in a thread of its own: the main thread may already run
    one (Playwright's sync API keeps its loop there for the session's browser)."""

    def __init__(self, app: FastAPI, base_url: str = OWN) -> None:
        self.app = app
        self.base_url = base_url

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url=self.base_url) as client:
                return await client.request(method, url, **kwargs)

        with ThreadPoolExecutor(max_workers=1) as thread:
            return thread.submit(asyncio.run, send()).result()

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def edit_headers(self) -> dict[str, str]:
        """The header a decision needs: the session token, read from /api/meta as the page reads it."""
        return {"X-Entramado-Token": self.get("/api/meta").json()["edit_token"] or ""}
