"""The clean stage: normalise an article's text once, so that every later offset refers to the same string."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache

from entramado.datafiles import read_yaml
from entramado.models import Article

# Line breaks other than "\n" (CR, vertical tab, form feed, NEL, Unicode line and paragraph separators):
# str.splitlines honours them all, so they become "\n" to keep one notion of a line in every later stage.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Invisible characters: control codes other than \n and \t, soft hyphens, zero-width spaces and joiners,
# bidi marks, BOMs, and lone surrogates (JSON can smuggle those in, and they cannot be encoded as UTF-8).
# They split a name ("Ka\u200bst") without showing, so no match would ever find it.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ud800-\udfff]"
)
# Any run of whitespace inside a line (tabs, no-break and other Unicode spaces) reads as one space.
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
_KEY_TRAILER = " .:;,!?…"
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")

# A repeated line this long is a page-assembly artefact (a subtitle pasted twice); shorter lines recur
# legitimately: list items ("Tos,"), figures ("*NUMBER*%"), interview prompts ("—¿Por qué?").
# A wire dateline opening a paragraph: "MADRID (apro).— ", "CIUDAD DE MÉXICO.- ". The ".-" is
# required, so an all-caps headline with a hyphen ("… WI-FI GRATUITO") is not mistaken for one.
_DATELINE = re.compile(r"^[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ ]{2,40}(?:\s*\([^)\n]{1,40}\))?\s*\.\s*[-–—]+\s*(?=\S)")
_MIN_REPEAT_WORDS = 5
# A trailing line that starts like boilerplate but runs longer than this is prose, not a widget.
_MAX_BOILERPLATE_WORDS = 20


def clean_article(article: Article) -> Article:
    """The article with its text cleaned: normalised Unicode and spaces, no repeats, no trailing furniture."""
    title = _normalise_line(article.title) if article.title is not None else None
    title_key = _key(title) if title else None
    lines = [_DATELINE.sub("", line.strip()) for line in _normalise(article.text).split("\n")]
    # Each removal can expose another (a repeat hiding boilerplate behind it), so repeat until stable:
    # that makes cleaning idempotent, which re-ingesting relies on (same text, same hash).
    while True:
        kept = _drop_repeated_headline(_drop_repeats(_drop_boilerplate(lines)), title_key)
        if kept == lines:
            break
        lines = kept
    text = _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
    return replace(article, text=text, title=title or None)


def word_count(text: str) -> int:
    """Number of words in ``text`` (hyphenated words and elisions count once)."""
    return len(_WORD.findall(text))


def _normalise(text: str) -> str:
    # Removing invisible characters can bring a letter next to its combining accent, so NFC comes after.
    text = _LINE_BREAKS.sub("\n", text)
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    return _SPACES.sub(" ", text)


def _normalise_line(text: str) -> str:
    return " ".join(_normalise(text).split())


def _key(line: str) -> str:
    """What two copies of a paragraph share, case and closing punctuation aside ("…tes" = "…tes.")."""
    return line.casefold().rstrip(_KEY_TRAILER)


def _drop_boilerplate(lines: list[str]) -> list[str]:
    trailing, alone = _boilerplate_patterns()
    end = len(lines)
    while end and (
        not lines[end - 1]
        or (trailing.match(lines[end - 1]) and len(lines[end - 1].split()) <= _MAX_BOILERPLATE_WORDS)
    ):
        end -= 1
    return [line for line in lines[:end] if not alone.fullmatch(line)]


def _drop_repeats(lines: list[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for line in lines:
        if len(line.split()) >= _MIN_REPEAT_WORDS:
            key = _key(line)
            if key in seen:
                continue
            seen.add(key)
        kept.append(line)
    return kept


def _drop_repeated_headline(lines: list[str], title_key: str | None) -> list[str]:
    """Keep the headline once when the first two paragraphs both repeat it (one step; the caller loops)."""
    if not title_key:
        return lines
    paragraphs = [i for i, line in enumerate(lines) if line]
    if len(paragraphs) >= 2 and _key(lines[paragraphs[0]]) == _key(lines[paragraphs[1]]) == title_key:
        return lines[: paragraphs[1]] + lines[paragraphs[1] + 1 :]
    return lines


@cache
def _boilerplate_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(line starts with a phrase, line is only a phrase) over every language of data/boilerplate.yaml."""
    per_language: dict[str, list[str]] = read_yaml("boilerplate.yaml")
    phrases = "|".join(f"(?:{phrase})" for phrases in per_language.values() for phrase in phrases)
    starts = re.compile(rf"(?:{phrases})(?!\w)", re.IGNORECASE)
    alone = re.compile(rf"(?:{phrases})[\W_]*", re.IGNORECASE)
    return starts, alone
