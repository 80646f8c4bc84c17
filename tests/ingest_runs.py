"""Test helpers for whole ingest runs: a name-based snapshot of everything stored, and the CLI as a
real process whose database can be watched while it runs."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import aliased

from entramado.store import Store
from entramado.store.schema import Alias, Article, Entity, Evidence, Mention, Relation

ENTRAMADO = str(Path(sys.executable).parent / "entramado")


@dataclass(frozen=True)
class Snapshot:
    """What a database holds, by names and offsets rather than row ids, as sorted lists: two runs that
    stored the same articles the same way compare equal, and an article stored twice shows up."""

    articles: list[tuple[str, str]]
    entities: list[tuple[str, str, tuple[str, ...]]]
    ties: list[tuple[str, str, str, int, int, str, str, float]]
    mentions: list[tuple[str, int, int, str, str]]
    evidence: list[tuple[str, int, int, str, str, str, str]]


def snapshot(store: Store) -> Snapshot:
    """The store's articles, actors with alias keys, ties with aggregates, mentions and evidence."""
    source, target = aliased(Entity), aliased(Entity)
    with store.session() as s:
        doc = dict(s.execute(select(Article.id, Article.doc_id)).tuples().all())
        names = {e.id: (e.name, e.type) for e in s.scalars(select(Entity))}
        keys: dict[int, list[str]] = {}
        for entity_id, key in s.execute(select(Alias.entity_id, Alias.key)).tuples():
            keys.setdefault(entity_id, []).append(key)
        ties = s.execute(
            select(Relation, source.name, target.name)
            .join(source, Relation.source_id == source.id)
            .join(target, Relation.target_id == target.id)
        ).all()
        tie_names = {r.id: f"{a}|{r.type}|{b}" for r, a, b in ties}
        return Snapshot(
            articles=sorted(s.execute(select(Article.doc_id, Article.content_hash)).tuples().all()),
            entities=sorted((n, t, tuple(sorted(keys.get(i, [])))) for i, (n, t) in names.items()),
            ties=sorted(
                (
                    a,
                    b,
                    r.type,
                    r.evidence_count,
                    r.article_count,
                    str(r.first_seen),
                    str(r.last_seen),
                    round(r.confidence, 9),
                )
                for r, a, b in ties
            ),
            mentions=sorted(
                (
                    doc[m.article_id],
                    m.start,
                    m.end,
                    m.local_name,
                    names[m.entity_id][0] if m.entity_id else "",
                )
                for m in s.scalars(select(Mention))
            ),
            evidence=sorted(
                (
                    doc[e.article_id],
                    e.start,
                    e.end,
                    e.type,
                    e.source_local,
                    e.target_local,
                    tie_names.get(e.relation_id or 0, ""),
                )
                for e in s.scalars(select(Evidence))
            ),
        )


def start_ingest(corpus: Path, db: Path, *options: str) -> subprocess.Popen[str]:
    """``entramado ingest CORPUS --db DB -q`` as a process of its own (and its own process group, like
    a job started from a terminal), its output captured."""
    return subprocess.Popen(
        [ENTRAMADO, "ingest", str(corpus), "--db", str(db), "--quiet", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "COLUMNS": "200"},  # the summary on one line per fact, for the assertions
    )


def stored_articles(db: Path) -> int:
    """How many articles the SQLite file at ``db`` holds now (0 before its tables exist)."""
    if not db.exists():
        return 0
    with sqlite3.connect(db, timeout=30) as connection:
        try:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
        except sqlite3.OperationalError:  # the migrations have not created the table yet
            return 0


def wait_for_articles(db: Path, at_least: int, process: subprocess.Popen[str], timeout: float = 120) -> int:
    """Poll the database until it holds ``at_least`` articles; how many it holds then."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        count = stored_articles(db)
        if count >= at_least:
            return count
        if process.poll() is not None:
            raise AssertionError(f"the ingest ended first ({process.returncode}): {process.stderr.read()}")
        time.sleep(0.05)
    raise AssertionError(f"no {at_least} articles stored within {timeout} s")


def assert_rerun_completes(corpus: Path, db: Path, committed: int, total: int, clean: Snapshot) -> None:
    """Running the same ingest again stores the rest, skips the committed ones, and ends as a clean run."""
    again = start_ingest(corpus, db)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"stored {total - committed}" in err and f"duplicates {committed}" in err
    with Store.open(str(db)) as store:
        assert snapshot(store) == clean


def assert_group_ended(group: int, timeout: float = 30) -> None:
    """Every process of the process group ``group`` (an ingest and its workers) ends within ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError(f"processes of the ingest's group {group} outlived it")
