"""Importing exported judgements (``entramado decisions --json``) of every kind, in their order."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from entramado.errors import EntramadoError
from entramado.models import EntityType, RelationType
from entramado.names import name_key
from entramado.resolve.decisions import IDENTITY, Kind
from entramado.store import decide
from entramado.store.schema import Decision as DecisionRow
from entramado.store.schema import utc_now

# What each kind's ``detail`` must hold, beyond the names (store/judge_record.py writes them).
_DETAIL: dict[Kind, tuple[str, ...]] = {
    Kind.REJECT: ("type",),
    Kind.CONFIRM: ("type",),
    Kind.ADD_TIE: ("type", "article", "start", "end", "sentence"),
    Kind.RETYPE_TIE: ("type", "to"),
    Kind.RENAME: ("to",),
    Kind.RETYPE: ("from", "to"),
}


def _row(item: dict[str, Any]) -> DecisionRow:
    """One exported decision as a row to store, or KeyError/TypeError/ValueError saying what is wrong."""
    kind, type = Kind(item["kind"]), EntityType(item["type"])
    a_keys = sorted(name_key(str(k)) for k in item["a_keys"])
    b_keys = sorted(name_key(str(k)) for k in item.get("b_keys") or ())
    detail = dict(item.get("detail") or {})
    for key in _DETAIL.get(kind, ()):
        if key not in detail:
            raise KeyError(f"detail.{key}")
    for key in ("type", "to") if kind in (Kind.REJECT, Kind.CONFIRM, Kind.ADD_TIE, Kind.RETYPE_TIE) else ():
        if key in detail:
            RelationType(detail[key])
    if kind == Kind.RETYPE:
        EntityType(detail["from"]), EntityType(detail["to"])
    if not a_keys or (kind in IDENTITY and not b_keys):
        raise ValueError("no names")
    a_name, b_name = str(item["a_name"]), str(item.get("b_name") or "")
    return DecisionRow(
        kind=str(kind),
        type=str(type),
        a_key=name_key(str(item.get("a_key") or a_name)),
        a_name=a_name,
        a_keys=a_keys,
        b_key=name_key(str(item.get("b_key") or b_name)),
        b_name=b_name,
        b_keys=b_keys,
        created_at=datetime.fromisoformat(item["created_at"]) if item.get("created_at") else utc_now(),
        note=item.get("note"),
        author=item.get("author"),
        detail=detail or None,
    )


def _same(row: DecisionRow) -> tuple[Any, ...]:
    detail = sorted((k, str(v)) for k, v in (row.detail or {}).items())
    return (row.kind, row.type, tuple(row.a_keys), tuple(row.b_keys), tuple(detail))


def import_rows(session: Session, items: list[dict[str, Any]]) -> int:
    """Store exported judgements not recorded yet, in the order given, and rebuild; how many were new.

    All or nothing: a line that is not an exported decision refuses the whole file.
    """
    rows: list[DecisionRow] = []
    for n, item in enumerate(items, 1):
        try:
            rows.append(_row(item))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise EntramadoError(
                f"decision {n} is not an exported decision ({exc!r}); export with "
                "`entramado decisions --json`."
            ) from exc
    known = {_same(r) for r in session.scalars(select(DecisionRow))}
    added = 0
    for row in rows:
        if _same(row) in known:
            continue
        known.add(_same(row))
        session.add(row)
        added += 1
    session.flush()
    if added:
        decide.apply(session)
    return added
