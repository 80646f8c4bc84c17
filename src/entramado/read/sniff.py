"""Telling inputs apart by their first bytes (JSONL, HTML, RSS/Atom or plain text) when names do not say."""

from __future__ import annotations

import json
import re
from typing import Literal

Kind = Literal["jsonl", "html", "feed", "text"]

# Enough to hold the first JSONL record of any ordinary corpus, and every HTML or feed prolog.
HEAD_BYTES = 65_536
_MARKUP_CHARS = 4096
# XML declaration, processing instructions, comments and doctypes that may precede the root element.
_PROLOG = r"(?:<\?[^>]*>|<!--.*?-->|<!doctype[^>]*>|\s)*"
_FEED_ROOT = re.compile(_PROLOG + r"<(?:rss|feed|rdf:rdf)\b", re.DOTALL)
_HTML_ROOT = re.compile(_PROLOG + r"<(?:html|head|body)\b", re.DOTALL)
_HTML_TAG = re.compile(r"<(?:html|head|body|article|main|div|p|h1|h2)\b[^>]*>")


def sniff(head: bytes, complete: bool) -> Kind:
    """The kind of input whose first bytes are ``head`` (``complete``: head is the whole input)."""
    if _starts_with_json_object(head, complete):
        return "jsonl"
    start = head[:_MARKUP_CHARS].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n").lower()
    if _FEED_ROOT.match(start):
        return "feed"
    if start.startswith("<!doctype html") or _HTML_ROOT.match(start):
        return "html"
    if start.startswith("<") and _HTML_TAG.search(start):
        return "html"
    return "text"


def kind_of_answer(content_type: str, body: bytes) -> Kind:
    """How to read an HTTP answer: a feed if its type or bytes say so, text if typed so, else HTML."""
    media = content_type.split(";")[0].strip().lower()
    sniffed = sniff(body[:HEAD_BYTES], complete=len(body) <= HEAD_BYTES)
    if sniffed == "feed" or ("html" not in media and any(word in media for word in ("xml", "rss", "atom"))):
        return "feed"
    if media == "text/plain" and sniffed == "text":
        return "text"
    return "html"


def _starts_with_json_object(head: bytes, complete: bool) -> bool:
    pieces = head.split(b"\n")
    for index, piece in enumerate(pieces):
        line = piece.strip().removeprefix(b"\xef\xbb\xbf").strip()
        if not line:
            continue
        if not line.startswith(b"{"):
            return False
        try:
            return isinstance(json.loads(line), dict)
        except ValueError:
            # A first record longer than the head cannot be parsed yet; its opening brace has to do.
            return index == len(pieces) - 1 and not complete
    return False
