"""Blocking keys for fuzzy resolution: which stored names a new name is compared with at all.

A spelling variant (:func:`entramado.resolve.actors.spelling_variant`) has the same first word and
the same number of words as the name it varies, and differs in exactly one other word, whose two
spellings have lengths within 87/113 of each other (rapidfuzz's ratio is at most
``200·shorter/(sum of lengths)``, and it must reach 87). So a variant either

- keeps every word but the last, and the last one's length moves little: the *head* block, the
  name without its last word plus that word's length ("ana ruiz soto" → "ana ruiz 4"), looked up
  for each length the ratio allows ("ana ruiz 4", "ana ruiz 5"); or
- has three words or more and keeps the first and the last, the differing word being inside: the
  *end* block, first word, word count and last word ("ana 3 soto").

Each stored name holds one of each (``aliases.block`` and ``aliases.end_block``), and a new name is
compared only with the names sharing one of its blocks: every variant is among them, so the
result is the one comparing it with every name of its first word would give, while the names
compared stay few however many share a first name (the first word alone put every "Ana" of an
article in one block, which made storing an article of thousands of names quadratic).
"""

from __future__ import annotations

from dataclasses import dataclass

# fuzz.ratio(x, y) >= FUZZY_WORD (87) needs 200·min(len) >= 87·(len x + len y): see actors.FUZZY_WORD.
_RATIO_FLOOR = 87


@dataclass(frozen=True, slots=True)
class Blocks:
    """The blocks a name key is looked up under: stored names with a head in ``heads`` or this ``end``."""

    heads: tuple[str, ...]
    end: str | None


def stored_blocks(key: str) -> tuple[str, str | None]:
    """The head and end blocks stored with a name key (end None under three words)."""
    words = key.split()
    if len(words) < 2:
        return key, None  # one word is never a spelling variant: the block is only kept filled
    return _head(words, len(words[-1])), _end(words)


def lookup_blocks(key: str) -> Blocks:
    """The blocks whose names could be spelling variants of ``key`` (none under two words)."""
    words = key.split()
    if len(words) < 2:
        return Blocks((), None)
    return Blocks(tuple(_head(words, n) for n in variant_lengths(len(words[-1]))), _end(words))


def variant_lengths(length: int) -> range:
    """The lengths a word of ``length`` letters may have in a spelling variant (ratio ≥ 87 possible)."""
    shortest = -(-_RATIO_FLOOR * length // (200 - _RATIO_FLOOR))  # ceil(87·n/113)
    longest = (200 - _RATIO_FLOOR) * length // _RATIO_FLOOR  # floor(113·n/87)
    return range(max(shortest, 1), longest + 1)


def _head(words: list[str], last_length: int) -> str:
    return f"{' '.join(words[:-1])} {last_length}"


def _end(words: list[str]) -> str | None:
    return f"{words[0]} {len(words)} {words[-1]}" if len(words) >= 3 else None
