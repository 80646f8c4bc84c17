"""The export stage: the filtered network written in the formats other tools read.

One module per format, each with ``write(source, out) -> list[Path]``; :func:`export` picks one,
checks the destination, and reports what was written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from entramado.errors import ExportError
from entramado.export import csv, cytoscape, ftm, gexf, graphml, neo4j
from entramado.export.source import ExportSource
from entramado.store import Store
from entramado.store.reads.graph import GraphFilter

Writer = Callable[[ExportSource, Path], list[Path]]

# Format name → (writer, whether ``out`` is a folder of several files). Every format but FtM (whose
# schemata have no place for them) carries the blocs: see export/blocs.py.
FORMATS: dict[str, tuple[Writer, bool]] = {
    "graphml": (graphml.write, False),
    "gexf": (gexf.write, False),
    "cytoscape": (cytoscape.write, False),
    "neo4j": (neo4j.write, True),
    "ftm": (ftm.write, False),
    "csv": (csv.write, True),
}


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the format, the files, how many actors and ties they hold, and (for the
    formats that carry blocs) how many blocs and OPPOSES ties between two blocs."""

    format: str
    files: list[Path]
    nodes: int
    edges: int
    blocs: int | None = None
    oppositions: int | None = None


def export(
    store: Store, fmt: str, out: Path, flt: GraphFilter | None = None, force: bool = False
) -> ExportResult:
    """Write the network of the ties that pass ``flt`` to ``out`` in format ``fmt``.

    ``out`` is a file for single-file formats and a folder for ``neo4j`` and ``csv``; parent
    folders are created. An existing file, or a non-empty folder, is only overwritten with ``force``.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format '{fmt}' (use one of: {', '.join(FORMATS)})")
    writer, folder = FORMATS[fmt]
    _check_destination(out, folder, force)
    if folder:
        out.mkdir(parents=True, exist_ok=True)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
    source = ExportSource.load(store, flt or GraphFilter())
    try:
        files = writer(source, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    result = ExportResult(fmt, files, len(source.rows.nodes), len(source.rows.edges))
    if fmt == "ftm":
        return result
    t = source.blocs
    return replace(result, blocs=len(t.blocs), oppositions=sum(o.ties for o in t.oppositions))


def _check_destination(out: Path, folder: bool, force: bool) -> None:
    if folder:
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out} is a file; this format writes a folder of files: choose a folder")
        if out.is_dir() and any(out.iterdir()) and not force:
            raise ExportError(f"{out} is not empty; choose an empty folder or add --force to overwrite")
    else:
        if out.is_dir():
            raise ExportError(f"{out} is a folder; this format writes one file: give a file name")
        if out.exists() and not force:
            raise ExportError(f"{out} exists; choose another file or add --force to overwrite it")


__all__ = ["FORMATS", "ExportResult", "ExportSource", "export"]
