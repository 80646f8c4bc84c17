"""Fetching URLs: one GET with a size limit, failures as one-line reasons, and doc ids from addresses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import httpx

from entramado import __version__
from entramado.config import Settings
from entramado.models import ReadFailure
from entramado.read.bounded import too_large

USER_AGENT = f"entramado/{__version__}"
_ERRNO = re.compile(r"^\[Errno [^]]*\]\s*")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful answer: the final URL (after redirects), its content type, and its body."""

    url: str
    content_type: str
    body: bytes


def new_client(settings: Settings) -> httpx.Client:
    """An HTTP client with entramado's timeout, redirect policy and User-Agent."""
    return httpx.Client(
        timeout=settings.fetch_timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
    )


def fetch(url: str, client: httpx.Client, settings: Settings) -> Fetched | ReadFailure:
    """GET ``url``; an error status, no answer or an oversized body becomes a ReadFailure naming the URL."""
    try:
        with client.stream("GET", url, timeout=settings.fetch_timeout, follow_redirects=True) as response:
            if response.status_code >= 400:
                return ReadFailure(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
            body = bytearray()
            # Stream so a huge or endless answer is cut off at the limit instead of filling memory.
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > settings.max_input_bytes:
                    return ReadFailure(url, too_large(settings.max_input_bytes))
            return Fetched(str(response.url), response.headers.get("content-type", ""), bytes(body))
    except httpx.TimeoutException:
        return ReadFailure(url, f"no answer: timed out after {settings.fetch_timeout:g} s")
    except httpx.TransportError as exc:
        return ReadFailure(url, f"no answer: {_short(exc)}")
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return ReadFailure(url, f"could not fetch: {_short(exc)}")


def url_doc_id(url: str) -> str:
    """The last non-empty path segment without extension ("…/kast.html" → "kast"), else the host."""
    parts = urlsplit(url)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if segments:
        return PurePosixPath(segments[-1]).stem or segments[-1]
    return parts.hostname or url


def _short(exc: Exception) -> str:
    """One line of an exception's message ("[Errno 111] Connection refused" → "Connection refused")."""
    lines = str(exc).strip().splitlines()
    return _ERRNO.sub("", lines[0]) if lines else type(exc).__name__
