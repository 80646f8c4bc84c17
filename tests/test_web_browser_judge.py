"""An editor's judgements in the explorer (`serve --allow-edits`), in a real headless Chromium: on a tie's
evidence confirm, "not supported", change type and "wrong tie"; on an actor rename, retype, block, merge
with (search) and the possible duplicates; the decisions panel (undo) and "add a tie". Each action is
driven in the page and its effect checked through the API afterwards. Screenshots go to test-artifacts/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from builders import Doc
from chromium import watched_page
from entramado.jobs.ingest import ingest
from entramado.models import EntityType, RelationType
from entramado.store import Store
from entramado.web.app import STATIC, create_app
from web_server import serving

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data"
ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory, founding_article: Path) -> Path:
    """The founding Kast article and Milei's of 2024 through the real pipeline, and one built article
    that names two actors again under other names ("Jeanette Jara", "Red Política por los Valores")."""
    if not (STATIC / "index.html").is_file():
        pytest.fail("the page is not built: run `make install` (npm ci and npm run build in frontend/)")
    path = tmp_path_factory.mktemp("judge") / "judge.db"
    with Store.open(str(path)) as store:
        summary = ingest([str(founding_article), str(DATA / "dated-2024.jsonl")], store)
        assert not summary.failed, summary.failed
        network = "Red Política por los Valores"
        doc = Doc(f"Jeanette Jara criticó a la {network} en Chile.", "otra-grafia").entity("Jeanette Jara")
        doc.entity(network, EntityType.ORGANIZATION).entity("Chile", EntityType.PLACE)
        store.add(doc.relation("Jeanette Jara", RelationType.OPPOSES, network).build())
    return path


@pytest.fixture
def server(base_db: Path, tmp_path: Path) -> Iterator[str]:
    """The explorer with --allow-edits over a fresh copy of the database (each test judges its own)."""
    db = tmp_path / "judged.db"
    shutil.copyfile(base_db, db)
    with serving(create_app(f"sqlite:///{db}", allow_edits=True)) as base_url:
        yield base_url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    with watched_page(browser, 1400, 900, TIMEOUT_MS) as tab:
        yield tab


def api(server: str, path: str, **params: Any) -> Any:
    r = httpx.get(f"{server}/api{path}", params=params, trust_env=False, follow_redirects=True)
    assert r.status_code == 200, r.text
    return r.json()


def actor(server: str, name: str) -> dict[str, Any]:
    items = api(server, "/search", q=name)["items"]
    assert items, f"no actor named {name}"
    return dict(items[0])


def tie(server: str, a: str, type: str, b: str) -> dict[str, Any] | None:
    """The tie of ``type`` between ``a`` and the actor named ``b``, from ``a``'s list, or None."""
    ties = api(server, f"/actors/{actor(server, a)['id']}/ties", limit=200)["items"]
    found = [t for t in ties if t["type"] == type and t["other"]["name"] == b]
    return found[0] if found else None


def open_actor(page: Any, server: str, name: str) -> None:
    page.goto("about:blank")  # a new hash alone would not load the page again
    page.goto(f"{server}/#actor={actor(server, name)['id']}")
    page.wait_for_selector("body[data-ready=true]", state="attached")
    page.locator("#panel h2", has_text=name).wait_for()


def open_tie(page: Any, server: str, a: str, type: str, b: str) -> None:
    found = tie(server, a, type, b)
    assert found is not None, (a, type, b)
    open_actor(page, server, a)
    page.click(f"#panel .tie[data-relation-id='{found['relation_id']}']")
    page.locator("#panel .tie-judge").wait_for()


def decisions(server: str) -> list[dict[str, Any]]:
    return list(api(server, "/decisions")["items"])


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"judge-{name}.png"))


def test_an_editor_judges_ties_on_their_evidence(page: Any, server: str) -> None:
    # Confirm, with a note: the badge shows at once, the API says confirmed.
    open_tie(page, server, "José Antonio Kast", "ALLY", "Santiago Abascal")
    assert page.locator("#panel .reject-evidence").count() == 3
    page.fill("#panel .tie-note", "leído en el artículo")
    page.click("#panel .confirm-tie")
    page.locator("#panel .chip.confirmed").wait_for()
    assert (tie(server, "José Antonio Kast", "ALLY", "Santiago Abascal") or {}).get("confirmed") is True
    last = decisions(server)[-1]
    assert (last["kind"], last["note"]) == ("confirm", "leído en el artículo")

    # One sentence does not support it: it is hidden, the tie stays on the other two.
    first = page.locator("#panel .evidence blockquote").first.inner_text()
    page.locator("#panel .reject-evidence").first.click()
    page.locator("#panel .chip.rejected").wait_for()
    assert page.locator("#panel .evidence").count() == 2
    assert first not in page.locator("#panel .evidence-list").inner_text()
    after = tie(server, "José Antonio Kast", "ALLY", "Santiago Abascal")
    assert after is not None and (after["evidence_count"], after["confirmed"]) == (2, True)
    shot(page, "tie-confirmed-sentence-rejected")

    # Change type: Kast ALLY Milei is OPPOSES now, its old type said.
    open_tie(page, server, "José Antonio Kast", "ALLY", "Javier Milei")
    page.select_option("#panel select.retype-tie", "OPPOSES")
    page.click("#panel .retype-tie-go")
    page.locator("#panel .chip.retyped").wait_for()
    retyped = tie(server, "José Antonio Kast", "OPPOSES", "Javier Milei")
    assert retyped is not None and api(server, f"/ties/{retyped['relation_id']}")["retyped_from"] == "ALLY"
    assert tie(server, "José Antonio Kast", "ALLY", "Javier Milei") is None

    # Wrong tie: gone from the API and from the graph the page draws.
    wrong = tie(server, "José Antonio Kast", "ALLY", "Trump")
    assert wrong is not None
    open_tie(page, server, "José Antonio Kast", "ALLY", "Trump")
    page.click("#panel .reject-tie")
    page.locator("#notice", has_text="Lazo rechazado").wait_for()
    assert tie(server, "José Antonio Kast", "ALLY", "Trump") is None
    gone = "id => window.__cy && window.__cy.edges().every(e => e.data('relationId') !== id)"
    page.wait_for_function(gone, arg=wrong["relation_id"])
    assert [d["kind"] for d in decisions(server)] == ["confirm", "reject", "retype_tie", "reject"]
    shot(page, "tie-rejected")


def test_an_editor_corrects_actors_and_reviews_duplicates(page: Any, server: str) -> None:
    # A suggested duplicate, accepted from the actor's own list: one actor, the other name an alias.
    open_actor(page, server, "Jeannette Jara")
    page.locator("#panel .duplicate", has_text="Jeanette Jara").wait_for()
    shot(page, "actor-duplicates")
    page.locator("#panel .duplicate", has_text="Jeanette Jara").locator(".accept-merge").click()
    page.locator("#notice", has_text="Fusión registrada").wait_for()
    jara = actor(server, "Jeanette")
    assert jara["name"] == "Jeannette Jara"
    assert "Jeanette Jara" in api(server, f"/actors/{jara['id']}")["aliases"]

    # Rename, with a note.
    open_actor(page, server, "Bukele")
    page.fill("#panel .actor-note", "nombre completo")
    page.fill("#panel .rename-input", "Nayib Bukele")
    page.click("#panel .rename-go")
    page.locator("#panel h2", has_text="Nayib Bukele").wait_for()
    renamed = actor(server, "Bukele")
    assert renamed["name"] == "Nayib Bukele"
    assert api(server, f"/actors/{renamed['id']}")["renamed_from"] == "Bukele"

    # Retype.
    open_actor(page, server, "La Moneda")
    page.select_option("#panel select.retype-actor", "ORGANIZATION")
    page.click("#panel .retype-go")
    page.locator("#panel .chip", has_text="Organización").wait_for()
    assert actor(server, "La Moneda")["type"] == "ORGANIZATION"

    # Merge with another actor found by the search box (the same network, in Spanish).
    open_actor(page, server, "Political Network for Values")
    page.locator("#panel .merge-input").press_sequentially("Red Pol")
    page.locator("#merge-list li", has_text="Red Política por los Valores").click()
    page.click("#panel .merge-go")
    page.locator("#notice", has_text="Fusión registrada").wait_for()
    network = actor(server, "Red Política")
    assert network["name"] == "Political Network for Values"
    assert "Red Política por los Valores" in api(server, f"/actors/{network['id']}")["aliases"]

    # Block, after a second click that says what it does; the actor is gone.
    open_actor(page, server, "Madrid")
    page.click("#panel .block")
    assert "Madrid" in page.locator("#panel .block-box .warning").inner_text()
    shot(page, "actor-block-confirm")
    assert api(server, "/search", q="Madrid")["items"]  # nothing happened before the confirmation
    page.click("#panel .block-yes")
    page.locator("#notice", has_text="bloqueado").wait_for()
    assert api(server, "/search", q="Madrid")["items"] == []
    page.wait_for_function("() => window.__cy.nodes().every(n => n.data('name') !== 'Madrid')")

    kinds = [(d["kind"], d["note"]) for d in decisions(server)]
    assert kinds == [
        ("merge", None), ("rename", "nombre completo"), ("retype", None), ("merge", None), ("block", None)
    ]  # fmt: skip


def test_a_duplicate_declined_from_the_welcome_panel_never_comes_back(page: Any, server: str) -> None:
    page.goto(f"{server}/")
    page.wait_for_selector("body[data-ready=true]", state="attached")
    pair = page.locator("#panel .duplicate", has_text="Jeanette Jara")
    pair.wait_for()
    pair.locator(".decline-merge").click()
    page.locator("#notice", has_text="actores distintos").wait_for()
    assert pair.count() == 0
    assert [(d["kind"], d["a_name"], d["b_name"]) for d in decisions(server)] == [
        ("not_same", "Jeannette Jara", "Jeanette Jara")
    ]
    pairs = [{s["keep"], s["other"]} for s in api(server, "/suggest-merges")]
    assert {"Jeannette Jara", "Jeanette Jara"} not in pairs
    page.reload()
    page.wait_for_selector("body[data-ready=true]", state="attached")
    page.locator("#panel h2").first.wait_for()
    assert page.locator("#panel .duplicate", has_text="Jeanette Jara").count() == 0


def test_an_editor_undoes_a_block_and_adds_a_tie_from_an_article(page: Any, server: str) -> None:
    # Block Madrid, then undo it from the decisions panel: the actor is back.
    open_actor(page, server, "Madrid")
    page.click("#panel .block")
    page.click("#panel .block-yes")
    page.locator("#notice", has_text="bloqueado").wait_for()
    assert api(server, "/search", q="Madrid")["items"] == []
    page.click("#decisions-open")
    blocked = page.locator("#panel .decision[data-kind=block]", has_text="Madrid")
    blocked.wait_for()
    assert "bloqueo" in blocked.inner_text()
    page.locator("#panel .decision .undo").click()
    assert api(server, "/search", q="Madrid")["items"] == []  # nothing before the confirmation
    shot(page, "decisions-undo-confirm")
    page.click("#panel .decision .undo-yes")
    page.locator("#notice", has_text="Deshecha").wait_for()
    page.locator("#panel .decisions-none").wait_for()
    assert [a["name"] for a in api(server, "/search", q="Madrid")["items"]] == ["Madrid"]
    assert decisions(server) == []

    # Add a tie the extractor missed: a wrong sentence is refused with the server's words, then the
    # exact one records Kast MEETS Bukele with the sentence as 'added' evidence.
    assert tie(server, "José Antonio Kast", "MEETS", "Bukele") is None
    open_actor(page, server, "José Antonio Kast")
    page.click("#panel .add-tie summary")
    page.locator("#panel .add-tie-other").press_sequentially("Buke")
    page.locator("#add-tie-list li", has_text="Bukele").click()
    page.select_option("#panel select.add-tie-type", "MEETS")
    page.fill("#panel .add-tie-article", "kast-segunda-vuelta")
    page.fill("#panel .add-tie-sentence", "Kast cenó con Bukele.")
    page.fill("#panel .actor-note", "contacto directo")
    page.click("#panel .add-tie-go")
    refused = "not in the text of article kast-segunda-vuelta"
    page.locator("#panel .add-tie-error", has_text=refused).wait_for()
    assert decisions(server) == []
    sentence = (
        "Ambos forman parte del entramado global de derechas, donde destacan Trump, Meloni, Abascal y "
        "Bukele, figuras con las que Kast mantiene contacto directo."
    )
    page.fill("#panel .add-tie-sentence", sentence)
    page.click("#panel .add-tie-go")
    page.locator("#notice", has_text="Lazo añadido").wait_for()
    page.locator("#panel .tie-judge").wait_for()
    added = tie(server, "José Antonio Kast", "MEETS", "Bukele")
    assert added is not None
    evidence = api(server, f"/ties/{added['relation_id']}")["evidence"]["items"]
    assert [(ev["sentence"], ev["added"]) for ev in evidence] == [(sentence, True)]
    shot(page, "tie-added")
    page.click("#decisions-open")
    page.locator("#panel .decision[data-kind=add_tie]", has_text="contacto directo").wait_for()
    assert [(d["kind"], d["note"]) for d in decisions(server)] == [("add_tie", "contacto directo")]
