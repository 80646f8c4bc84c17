"""`entramado report` and `entramado serve`: the standalone file and the server, from the command line."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

import analysis_corpus
from builders import Doc
from entramado.cli import app
from entramado.errors import ExportError
from entramado.models import RelationType
from entramado.store import Store
from entramado.web import report as report_module
from entramado.web.report import build_report
from web_server import free_port

HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
runner = CliRunner()

needs_page = pytest.mark.skipif(
    not (report_module.STATIC / "index.html").is_file(),
    reason="the explorer page is not built (make install builds it with npm)",
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "report.db")
    with Store.open(path) as store:
        analysis_corpus.fill(store)
        hostile = Doc(
            f"Lula se reunió con Petro. {HOSTILE}", "hostil", published=date(2024, 5, 1), title=HOSTILE
        )
        store.add(
            hostile.entity("Lula").entity("Petro").relation("Lula", RelationType.MEETS, "Petro", 0.7).build()
        )
    return path


def _data(html: str) -> dict[str, object]:
    blob = re.search(r'<script type="application/json" id="entramado-data">(.*?)</script>', html, re.S)
    assert blob, "no embedded data"
    data: dict[str, object] = json.loads(blob.group(1))
    return data


@needs_page
def test_report_is_self_contained_and_carries_the_network_with_evidence(db: str, tmp_path: Path) -> None:
    out = tmp_path / "red.html"
    with Store.open(db) as store:
        result = build_report(store, out, actor="Kast", hops=1)
    html = out.read_text(encoding="utf-8")
    assert result.actors == 5 and result.ties == 7 and result.evidence == 8
    # Nothing is fetched: no reference to the server's files or to any other address.
    assert "/static/" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    data = _data(html)
    names = {n["name"] for n in data["graph"]["nodes"]}  # type: ignore[index]
    assert names == {"Kast", "Abascal", "Milei", "Bukele", "Meloni"}
    ties = data["ties"]
    assert isinstance(ties, dict) and len(ties) == 7
    assert all(t["evidence"]["items"] for t in ties.values())
    assert data["meta"]["mode"] == "report"  # type: ignore[index]


@needs_page
def test_report_pins_its_only_script_by_hash_and_keeps_hostile_text_inert(db: str, tmp_path: Path) -> None:
    out = tmp_path / "red.html"
    with Store.open(db) as store:
        build_report(store, out, actor="Lula", hops=1)
    html = out.read_text(encoding="utf-8")
    # The hostile title is in the data, but never as markup: the JSON writes < and > as \\u escapes.
    assert "window.__pwned" in html
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html
    hostile_ties = [t for t in _data(html)["ties"].values() if t["type"] == "MEETS"]  # type: ignore[attr-defined]
    assert hostile_ties[0]["evidence"]["items"][0]["article"]["title"] == HOSTILE


def test_report_without_a_built_page_says_how_to_build_it(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_module, "STATIC", tmp_path / "nothing")
    with Store.open(db) as store, pytest.raises(ExportError, match="make install"):
        build_report(store, tmp_path / "red.html")


@needs_page
def test_report_command_prints_what_it_wrote_and_refuses_unknown_actors(db: str, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "red.html"
    ok = runner.invoke(app, ["report", "--out", str(out), "--actor", "Meloni", "--db", db])
    assert ok.exit_code == 0, ok.output
    assert f"wrote {out}" in ok.output and "actors" in ok.output and out.is_file()
    missing = runner.invoke(app, ["report", "--out", str(out), "--actor", "Nadie Conocido", "--db", db])
    assert missing.exit_code == 2 and "no actor matches" in missing.output


def test_serve_answers_on_loopback_and_stops(db: str) -> None:
    port = free_port()
    cmd = [str(Path(sys.executable).parent / "entramado"), "serve", "--db", db, "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                meta = httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=2).json()
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not answer in 30 s"
                time.sleep(0.2)
        assert meta["counts"]["articles"] == 6 and meta["allow_edits"] is False
        refused = httpx.post(f"http://127.0.0.1:{port}/api/decisions/merge", json={"a": "Kast", "b": "Lula"})
        assert refused.status_code == 403
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in output
