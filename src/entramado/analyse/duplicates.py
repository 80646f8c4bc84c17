"""Suggested merges: pairs of actors that are likely one, best first, each with the evidence for it.

Resolution is conservative (a wrong merge poisons two actors' ties), so duplicates remain:
"Peña Nieto" and "Enrique Peña Nieto" when no article joined them, "AMLO" beside "Andrés Manuel
López Obrador", a misspelling of a single word. A pair is suggested when its two actors are of one
type and their names are close (rapidfuzz), or one is a short form of the other (its words a part
of the other's, or its initials); shared neighbours and shared articles add to the score, and are
shown as the reasons. Pairs the user declined (a not-same, or a split) never come back.

Blocking keeps it fast: only actors that share a rare word of a name, the first four letters of
one, or an acronym are compared, never all pairs (the 6,830 actors of the 778-article corpus make
8.2 million pairs of one type; 36,473 share such a key).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import combinations

from rapidfuzz import fuzz

from entramado.models import EntityType
from entramado.names import name_key
from entramado.resolve.actors import proper_name
from entramado.resolve.decisions import Decisions, Judgement, Kind
from entramado.store import Store
from entramado.store.reads.duplicates import ActorProfile

# A word in more actors' names than this ("partido", "nacional") says nothing about who is who.
COMMON_WORD = 40
# Words that are no names: connectors, and the first letters of names' initials.
_SKIP = frozenset({"de", "del", "la", "las", "los", "y", "e", "of", "the", "for", "and", "da", "di", "el"})
# Weights of the score's parts, and the least name closeness (0–1) a pair needs without a short form.
WEIGHTS = {"name": 0.5, "short_form": 0.25, "neighbours": 0.15, "articles": 0.1}
MIN_NAME = 0.85


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Two actors likely one: ``keep`` (the more mentioned) and ``other``, the score and its reasons."""

    keep_id: int
    keep: str
    other_id: int
    other: str
    type: EntityType
    score: float
    parts: dict[str, float]
    why: list[str]
    shared_articles: list[int]
    shared_neighbours: list[int]
    # Filled in by suggest_merges: what the shared ids are, for people to read.
    article_titles: list[str] = field(default_factory=list)
    neighbour_names: list[str] = field(default_factory=list)


def _words(key: str) -> list[str]:
    return [w for w in key.split() if w not in _SKIP]


def _initials(key: str) -> str:
    words = _words(key)
    return "".join(w[0] for w in words) if len(words) > 2 else ""


def _proper(actor: ActorProfile) -> dict[str, str]:
    """The names that identify the actor: its shown name, its proper names of several words, and
    its acronyms. A one-word alias ("Carmen", "Salinas") is shared by many actors, and a
    description ("el presidente") by more: two actors having one proves nothing."""
    found = {actor.key: actor.name} if _words(actor.key) else {}
    for key, name in actor.names.items():
        several = len(_words(key)) > 1 and proper_name(name)
        if several or (name.isupper() and len(name) > 1 and name.isalpha()):
            found.setdefault(key, name)
    return found


def candidates(actors: Iterable[ActorProfile]) -> set[tuple[int, int]]:
    """Pairs of actors of one type sharing a blocking key: a rare word, a word's first four letters,
    or an acronym (one actor's one-word name equal to another's initials)."""
    blocks: dict[tuple[EntityType, str], set[int]] = defaultdict(set)
    for actor in actors:
        for key in _proper(actor):
            words = _words(key)
            for word in words:
                blocks[(actor.type, "w:" + word)].add(actor.id)
                if len(word) >= 5:
                    blocks[(actor.type, "p:" + word[:4])].add(actor.id)
            if len(words) == 1:
                blocks[(actor.type, "a:" + words[0])].add(actor.id)
            elif initials := _initials(key):
                blocks[(actor.type, "a:" + initials)].add(actor.id)
    pairs: set[tuple[int, int]] = set()
    for ids in blocks.values():
        if 1 < len(ids) <= COMMON_WORD:
            pairs.update(combinations(sorted(ids), 2))
    return pairs


def _short_form(a: str, b: str) -> bool:
    """Whether name key ``a`` is a short form of ``b``: b's initials, b's last words (a surname:
    "peña nieto" of "enrique peña nieto"), or a run of b's words of more than one word."""
    wa, wb = _words(a), _words(b)
    if not wa or len(wa) >= len(wb):
        return False
    if len(wa) == 1:
        # One word: the initials, or the surname; a first name alone ("Javier") names too many.
        return wa[0] == _initials(b) or (len(wa[0]) >= 4 and wb[-1] == wa[0])
    return any(wb[i : i + len(wa)] == wa for i in range(len(wb) - len(wa) + 1))


def score(a: ActorProfile, b: ActorProfile) -> tuple[float, dict[str, float], list[str]] | None:
    """The pair's score (0–1), its parts and the reasons in words, or None when it is no suggestion."""
    names_a, names_b = _proper(a), _proper(b)
    best, shown = 0.0, ("", "")
    short = ""
    for ka in names_a:
        for kb in names_b:
            # Two one-word names a letter or two apart are mostly two people or things
            # ("Alejandro"/"Alejandra", "Oliver"/"Olivier", "Ciencia"/"Ciencias"): only equal ones count.
            single = len(_words(ka)) == 1 and len(_words(kb)) == 1
            ratio = float(ka == kb) if single else fuzz.token_sort_ratio(ka, kb) / 100
            if ratio > best:
                best, shown = ratio, (names_a[ka], names_b[kb])
            if not short and (_short_form(ka, kb) or _short_form(kb, ka)):
                short = f"'{names_a[ka]}' and '{names_b[kb]}': one is a short form of the other"
    if best < MIN_NAME and not short:
        return None
    shared_n = a.neighbours & b.neighbours
    shared_a = a.articles & b.articles
    parts = {
        "name": round(best, 3),
        "short_form": 1.0 if short else 0.0,
        "neighbours": round(min(1.0, len(shared_n) / 3), 3),
        "articles": round(len(shared_a) / max(1, min(len(a.articles), len(b.articles))), 3),
    }
    if short and best < MIN_NAME and not shared_n and not shared_a:
        return None  # a short form alone, with nothing in common: "Juan" in "Juan Pérez"
    why = []
    if best == 1.0:
        why.append(f"both are called '{shown[0]}'")
    elif best >= MIN_NAME:
        why.append(f"names '{shown[0]}' and '{shown[1]}' are {round(best * 100)}% alike")
    if short:
        why.append(short)
    if shared_n:
        why.append(f"{len(shared_n)} shared neighbour" + ("s" if len(shared_n) > 1 else ""))
    if shared_a:
        why.append(f"{len(shared_a)} shared article" + ("s" if len(shared_a) > 1 else ""))
    total = sum(WEIGHTS[k] * v for k, v in parts.items())
    return round(total, 3), parts, why


def declined(a: ActorProfile, b: ActorProfile, decisions: Decisions) -> bool:
    """Whether a judgement keeps the two apart (a not-same, or a split of one from the other)."""
    ka, kb = set(a.names), set(b.names)
    return any((p.a & ka and p.b & kb) or (p.b & ka and p.a & kb) for p in decisions.apart.get(a.type, []))


def suggest(
    actors: dict[int, ActorProfile], decisions: Decisions, limit: int | None = 20
) -> list[Suggestion]:
    """Likely duplicates among ``actors``, best first (ties: more mentions first), none the user declined."""
    found: list[Suggestion] = []
    for i, j in candidates(actors.values()):
        a, b = actors[i], actors[j]
        if a.type != b.type or declined(a, b, decisions):
            continue
        scored = score(a, b)
        if scored is None:
            continue
        total, parts, why = scored
        # A shown name that is the other's short form goes ("Pierdant" into "Ricardo Pierdant"),
        # else the more mentioned actor is kept.
        if _short_form(a.key, b.key) or _short_form(b.key, a.key):
            keep, other = (b, a) if _short_form(a.key, b.key) else (a, b)
        else:
            keep, other = (a, b) if (a.mentions, -a.id) >= (b.mentions, -b.id) else (b, a)
        found.append(
            Suggestion(
                keep.id,
                keep.name,
                other.id,
                other.name,
                keep.type,
                total,
                parts,
                why,
                sorted(a.articles & b.articles)[:5],
                sorted(a.neighbours & b.neighbours)[:5],
            )
        )
    found.sort(key=lambda s: (-s.score, -actors[s.keep_id].mentions - actors[s.other_id].mentions, s.keep_id))
    return found if limit is None else found[:limit]


def suggest_merges(store: Store, limit: int | None = 20, type: EntityType | None = None) -> list[Suggestion]:
    """The store's likely duplicates (of ``type``, if given), best first, with the shared articles'
    titles and the shared neighbours' names filled in; pairs the user declined left out."""
    judged = [d for d in store.decisions() if d.kind in (Kind.MERGE, Kind.NOT_SAME, Kind.SPLIT)]
    decisions = Decisions.compile(
        Judgement(d.kind, d.type, frozenset(d.a_keys), frozenset(d.b_keys), root=name_key(d.a_name))
        for d in judged
    )
    found = suggest(store.duplicate_profiles(type), decisions, limit)
    titles = store.article_titles(sorted({i for s in found for i in s.shared_articles}))
    names = store.actor_names(sorted({i for s in found for i in s.shared_neighbours}))
    return [
        replace(
            s,
            article_titles=[titles[i] for i in s.shared_articles if i in titles],
            neighbour_names=[names[i] for i in s.shared_neighbours if i in names],
        )
        for s in found
    ]
