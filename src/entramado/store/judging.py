"""The user's judgements as store methods: each one recorded as data and the graph rebuilt from it.

``by`` is who decides (default: the OS user); the judgements on ties and actors are in
:mod:`entramado.store.correcting`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy.orm import Session

from entramado.models import EntityType
from entramado.store import decide, judge_io
from entramado.store.base import StoreBase
from entramado.store.decide import Decision
from entramado.store.judge_record import default_author, last_id, stamp
from entramado.store.reads.records import EntitySummary


class Judgements(StoreBase):
    """Merge, split, not-same: judgements are data, replayed on every rebuild and ingest."""

    def merge(
        self, a: str, b: str, type: EntityType | None = None, note: str | None = None, by: str | None = None
    ) -> EntitySummary:
        """Record that ``b`` is the actor ``a`` and rebuild; returns the merged actor.

        Every name ``b`` was introduced under, now and in later articles, resolves to ``a``'s actor.
        Names are looked up like :meth:`find_actor`, but a name of several actors is an error.
        """
        with self._writing(f"merge {a!r} and {b!r}") as session:
            before = last_id(session)
            merged = decide.merge(session, a, b, type=type, note=note)
            stamp(session, before, by)
            return merged

    def split(
        self,
        actor: str,
        alias: str,
        type: EntityType | None = None,
        note: str | None = None,
        by: str | None = None,
    ) -> tuple[EntitySummary, EntitySummary | None]:
        """Record that ``alias`` is not ``actor`` and rebuild; returns the actor and the alias's actor.

        Articles that introduce an actor under ``alias`` no longer resolve to ``actor``; they make an
        actor of their own unless a rule sends them elsewhere (None when no article names an actor
        by the alias alone), and the alias is no longer one of ``actor``'s names.
        """
        with self._writing(f"split {alias!r} from {actor!r}") as session:
            before = last_id(session)
            result = decide.split(session, actor, alias, type=type, note=note)
            stamp(session, before, by)
            return result

    def not_same(
        self, a: str, b: str, type: EntityType | None = None, note: str | None = None, by: str | None = None
    ) -> Decision:
        """Record that ``a`` and ``b`` are two actors, so no rule ever puts them in one; and rebuild."""
        with self._writing(f"record that {a!r} and {b!r} differ") as session:
            before = last_id(session)
            decision = decide.not_same(session, a, b, type=type, note=note)
            stamp(session, before, by)
            return dataclasses.replace(decision, author=by or default_author())

    def decisions(self) -> list[Decision]:
        """The recorded judgements, oldest first (the order they apply in)."""
        with Session(self._engine) as session:
            return decide.decisions(session)

    def import_decisions(self, items: list[dict[str, Any]]) -> int:
        """Add exported judgements (``decisions --json``) that are not recorded yet, and rebuild.

        Returns how many were added. Judgements name actors by name, so they apply to any database,
        a fresh one included: they take effect on the articles ingested afterwards.
        """
        with self._writing("import decisions") as session:
            return judge_io.import_rows(session, items)
