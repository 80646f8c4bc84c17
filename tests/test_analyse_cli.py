"""The analysis commands through typer's CliRunner, on a real SQLite file of the two-bloc network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analysis_corpus import BROKER, fill
from builders import Doc
from entramado.cli import app
from entramado.models import RelationType
from entramado.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(Path(tmp_path_factory.mktemp("analysis")) / "blocs.db")
    with Store.open(path) as store:
        fill(store)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_rank_names_the_broker_first_in_json_and_in_a_table(db: str) -> None:
    code, out, _ = run("rank", "--db", db, "--json")
    assert code == 0
    result = json.loads(out)
    assert result["by"] == "broker" and result["actors"][0]["name"] == BROKER
    code, out, _ = run("rank", "--db", db, "--by", "degree", "-n", "2")
    assert code == 0 and "Boric" in out and "2 of 9 actors by degree" in out


def test_blocs_lists_two_blocs_and_filters_apply(db: str) -> None:
    code, out, _ = run("blocs", "--db", db, "--json")
    assert code == 0
    result = json.loads(out)
    assert len(result["blocs"]) == 2 and result["modularity"] > 0
    code, out, _ = run("blocs", "--db", db, "--members", "2")
    assert code == 0 and "2 blocs among 9 actors" in out and "and 3 more" in out
    # Meetings alone make two pairs around Meloni: one bloc of three.
    code, out, _ = run("blocs", "--db", db, "--type", "MEETS", "--json")
    assert [b["size"] for b in json.loads(out)["blocs"]] == [3]


def test_blocs_report_who_opposes_whom_across_blocs(tmp_path: Path) -> None:
    path = str(tmp_path / "rivals.db")
    with Store.open(path) as store:
        fill(store)
        rivalry = Doc("Kast criticó duramente a Boric.", "rivales").entity("Kast").entity("Boric")
        store.add(rivalry.relation("Kast", RelationType.OPPOSES, "Boric", 0.9).build())
    code, out, _ = run("blocs", "--db", path, "--json")
    result = json.loads(out)
    kast = next(b for b in result["blocs"] if "Kast" in {m["name"] for m in b["members"]})
    assert "Boric" not in {m["name"] for m in kast["members"]} and result["oppositions"] == 1
    assert [(p["member"], p["rival"]) for o in kast["opposes"] for p in o["pairs"]] == [("Kast", "Boric")]
    code, out, _ = run("blocs", "--db", path)
    assert code == 0 and "1 OPPOSES ties between blocs" in out and "Kast ✕ Boric" in out
    assert "actors have none" not in out  # Kast and Boric both have binding ties


def test_path_explains_the_connection_with_evidence(db: str) -> None:
    code, out, _ = run("path", "kast", "boric", "--db", db, "--paths", "1")
    assert code == 0
    assert "Kast — Meloni — Boric" in out
    assert "Meloni se reunió con Kast en Roma." in out and "Meloni recibió a Boric en el Quirinal." in out
    code, out, _ = run("path", "Kast", "Boric", "--db", db, "--until", "2024-02-28")
    assert code == 0 and "no path from Kast to Boric within 4 hops" in out
    code, out, _ = run("path", "Kast", "Boric", "--db", db, "--max-hops", "1", "--json")
    assert json.loads(out)["paths"] == []


def test_ego_hops_and_limit(db: str) -> None:
    code, out, _ = run("ego", BROKER, "--db", db, "--hops", "1", "--json")
    assert code == 0 and {n["name"] for n in json.loads(out)["neighbours"]} == {"Kast", "Boric"}
    code, out, _ = run("ego", BROKER, "--db", db, "--limit", "3")
    assert code == 0 and "showing the 3 nearest of 8 actors within 2 hops" in out


def test_timeline_marks_new_and_growing_ties(db: str) -> None:
    code, out, _ = run("timeline", "Kast", "--db", db, "--json")
    assert code == 0
    months = {m["month"]: m["ties"] for m in json.loads(out)["months"]}
    (april,) = months["2024-04"]
    assert april["other"] == "Abascal" and not april["new"] and april["total"] == 2
    code, out, _ = run("timeline", "Kast", "--db", db, "--outlet", "El Diario")
    assert code == 0 and "2024-01" not in out and "2024-02" in out


def test_an_unknown_actor_is_one_line_with_a_suggestion(db: str) -> None:
    code, _, err = run("path", "Kastt", "Boric", "--db", db)
    assert code != 0 and "no actor matches 'Kastt'" in err and "Traceback" not in err
