"""Judgements on ties and actors as store methods: each recorded as data (with its author) and applied.

Like merges and splits (:mod:`entramado.store.judging`), each is replayed on every rebuild, ingest
and reindex, and exported by ``decisions --json``. ``by`` is who decides (default: the OS user).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from entramado.models import EntityType, RelationType
from entramado.store import judge_actors, judge_add, judge_record
from entramado.store.base import StoreBase
from entramado.store.decide import Decision
from entramado.store.reads.records import EntitySummary, TieSummary

if TYPE_CHECKING:  # the annotation format (and what it imports) only for exporting annotations
    from entramado.train.annotations import Annotation


class Corrections(StoreBase):
    """Reject, confirm, add or retype a tie; rename, retype, block or unblock an actor; undo any decision."""

    def reject(
        self,
        a: str,
        type: RelationType,
        b: str,
        evidence: int | None = None,
        note: str | None = None,
        by: str | None = None,
    ) -> tuple[Decision, TieSummary | None]:
        """Record that the tie A TYPE B is wrong, everywhere; or, with ``evidence`` (an evidence
        sentence's number, as ``show`` prints it), that this sentence does not support it: the tie stays
        if other evidence does, re-aggregated without it. Returns the decision and the tie after
        (None when it is gone)."""
        with self._writing(f"reject {a!r} {type} {b!r}") as session:
            return judge_record.reject(session, a, type, b, evidence=evidence, note=note, by=by)

    def confirm(
        self, a: str, type: RelationType, b: str, note: str | None = None, by: str | None = None
    ) -> TieSummary:
        """Record that a person checked the tie A TYPE B; every output marks it confirmed."""
        with self._writing(f"confirm {a!r} {type} {b!r}") as session:
            return judge_record.confirm(session, a, type, b, note=note, by=by)

    def add_tie(
        self,
        a: str,
        type: RelationType,
        b: str,
        article: str,
        sentence: str,
        note: str | None = None,
        by: str | None = None,
    ) -> TieSummary:
        """Record a tie the extractor missed, with ``sentence`` of the stored ``article`` (its doc id)
        as evidence; an EntramadoError naming the article when the sentence is not in its text."""
        with self._writing(f"add the tie {a!r} {type} {b!r}") as session:
            return judge_add.add_tie(session, a, type, b, article, sentence, note=note, by=by)

    def retype_tie(
        self,
        a: str,
        old: RelationType,
        new: RelationType,
        b: str,
        note: str | None = None,
        by: str | None = None,
    ) -> TieSummary:
        """Record that the tie A OLD B is of type NEW, with the same evidence."""
        with self._writing(f"retype the tie {a!r} {old} {b!r}") as session:
            return judge_record.retype_tie(session, a, old, new, b, note=note, by=by)

    def rename(
        self,
        name: str,
        new: str,
        type: EntityType | None = None,
        note: str | None = None,
        by: str | None = None,
    ) -> EntitySummary:
        """Record that the actor ``name`` is shown as ``new``; its old name stays one of its names."""
        with self._writing(f"rename {name!r}") as session:
            return judge_actors.rename(session, name, new, type=type, note=note, by=by)

    def retype(
        self,
        name: str,
        new: EntityType,
        type: EntityType | None = None,
        note: str | None = None,
        by: str | None = None,
    ) -> EntitySummary:
        """Record that the actor ``name`` is of type ``new``, in its articles and in later ones."""
        with self._writing(f"retype {name!r}") as session:
            return judge_actors.retype(session, name, new, type=type, note=note, by=by)

    def block(
        self, name: str, type: EntityType | None = None, note: str | None = None, by: str | None = None
    ) -> tuple[Decision, int]:
        """Record that ``name`` is never an actor: its mentions and ties go, now and in later ingests.
        Returns the decision and how many mentions no longer name an actor."""
        with self._writing(f"block {name!r}") as session:
            return judge_actors.block(session, name, type=type, note=note, by=by)

    def unblock(self, name: str, note: str | None = None, by: str | None = None) -> Decision:
        """Record that ``name`` may be an actor again (lifts its block)."""
        with self._writing(f"unblock {name!r}") as session:
            return judge_actors.unblock(session, name, note=note, by=by)

    def export_annotations(self) -> tuple[list[Annotation], int]:
        """The judged articles as annotation lines (``decisions --export-annotations``), every
        judgement applied: training data from a newsroom's corrections; and how many ties were left
        out because none of their sentences names both ends (the format's rule)."""
        with Session(self._engine) as session:
            from entramado.store import judge_annotations

            return judge_annotations.export(session)

    def undo(self, number: int) -> Decision:
        """Delete decision ``number`` (as ``decisions`` numbers them) and its effect; returns it."""
        with self._writing(f"undo decision {number}") as session:
            return judge_record.undo(session, number)
