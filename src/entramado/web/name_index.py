"""Search-as-you-type over actor names: prefix match on any word of any name, accents and case aside."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from entramado.names import name_key
from entramado.store.reads.explore import NameRow


class NameIndex:
    """An in-memory index of every word-suffix of every name key, sorted, for prefix look-ups.

    "kast" finds "José Antonio Kast" and "jose a" finds it too, because each word of a name starts
    one entry ("jose antonio kast", "antonio kast", "kast"). A look-up is two binary searches plus
    the matching entries, so it stays in microseconds with a million names, where a SQL
    ``LIKE '% kast%'`` scans every alias on each keystroke.
    """

    def __init__(self, rows: Iterable[NameRow]) -> None:
        entries: set[tuple[str, int]] = set()
        self._articles: dict[int, int] = {}
        for row in rows:
            self._articles[row.entity_id] = max(row.article_count, self._articles.get(row.entity_id, 0))
            words = row.key.split()
            for i in range(len(words)):
                entries.add((" ".join(words[i:]), row.entity_id))
        self._keys: list[str] = []
        self._ids: list[int] = []
        for key, entity_id in sorted(entries):
            self._keys.append(key)
            self._ids.append(entity_id)

    def search(self, query: str, limit: int = 10) -> list[int]:
        """Ids of the actors one of whose names has a word starting with ``query``, most present first.

        An exact name comes before a longer one ("Vox" before "Voxpopuli"); then more articles first.
        """
        return self.matches(query, limit)[0]

    def matches(self, query: str, limit: int = 10) -> tuple[list[int], int]:
        """:meth:`search`'s first ``limit`` ids, and how many actors match in all."""
        key = name_key(query)
        if not key or limit <= 0:
            return [], 0
        lo = bisect_left(self._keys, key)
        # Every entry that starts with ``key`` sorts before key + the highest code point.
        hi = bisect_left(self._keys, key + "\U0010ffff", lo)
        best: dict[int, tuple[int, int]] = {}
        for i in range(lo, hi):
            entity_id = self._ids[i]
            exact = 0 if self._keys[i] == key else 1
            rank = (exact, -self._articles.get(entity_id, 0))
            if entity_id not in best or rank < best[entity_id]:
                best[entity_id] = rank
        return sorted(best, key=lambda e: (best[e], e))[:limit], len(best)
