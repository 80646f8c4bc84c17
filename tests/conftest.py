"""Shared fixtures: a fresh database per test (SQLite, and PostgreSQL for the store tests); the shared data
folder; a loopback HTTP server for readers."""

from __future__ import annotations

import importlib.util
import itertools
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

import pg_server
from chromium import CHROMIUM, CHROMIUM_ARGS
from entramado.config import Settings
from entramado.jobs.ingest import ingest
from entramado.store import Store
from ingest_runs import Snapshot, snapshot

# The store-level tests run against both backends; the rest (analysis, export) use SQLite only.
BOTH_BACKENDS = {
    "test_store",
    "test_decisions",
    "test_incremental",
    "test_ids",
    "test_rebuild",
    "test_migrations",
    "test_reindex",
    "test_web_api",
    "test_ingest_parallel",
    "test_search",
    "test_wire",
    "test_judgements",
    "test_web_judge",
}
TEMPLATE = "entramado_template"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test of a store-level module that uses ``backend`` on SQLite and on PostgreSQL."""
    if "backend" in metafunc.fixturenames and metafunc.module.__name__ in BOTH_BACKENDS:
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: the database ``fresh_url`` and ``fresh_store`` give."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[pg_server.PgServer | pg_server.ExternalServer | str]:
    """One PostgreSQL server for the session, with a migrated template database; the reason as a
    string when none can be started here. A throwaway server on loopback, unless ``ENTRAMADO_TEST_PG``
    names one to use instead (a URL whose user may create databases; its database is not touched)."""
    server: pg_server.PgServer | pg_server.ExternalServer
    if importlib.util.find_spec("psycopg") is None:
        yield "the driver is not installed (pip install -e '.[dev,postgres]')"
        return
    if os.environ.get("ENTRAMADO_TEST_PG"):
        server = pg_server.ExternalServer(os.environ["ENTRAMADO_TEST_PG"])
    else:
        try:
            server = pg_server.start()
        except pg_server.Unavailable as exc:
            yield str(exc)
            return
    try:
        _admin(server, f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")  # left by a killed run
        _admin(server, f"CREATE DATABASE {TEMPLATE}")
        Store.open(server.url(TEMPLATE)).close()
        yield server
    finally:
        if isinstance(server, pg_server.ExternalServer):
            _admin(server, f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
        server.stop()


_database_numbers = itertools.count()


@pytest.fixture
def fresh_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of an empty database for this test: a SQLite file, or a new PostgreSQL database
    (dropped afterwards); a PostgreSQL test is skipped, saying why, when no server can be started."""
    yield from _fresh_database(backend, tmp_path, request, template="template0")


@pytest.fixture
def fresh_store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty, migrated store (SQLite in the test's folder, or a PostgreSQL database), closed afterwards."""
    # PostgreSQL copies the migrated template: faster than running the migrations per test.
    for url in _fresh_database(backend, tmp_path, request, template=TEMPLATE):
        with Store.open(url) as store:
            yield store


def _fresh_database(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, template: str
) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    server = request.getfixturevalue("postgres")
    if isinstance(server, str):
        pytest.skip(f"PostgreSQL not available: {server}")
    name = f"entramado_test_{next(_database_numbers)}"
    _admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # left by a killed run
    _admin(server, f"CREATE DATABASE {name} TEMPLATE {template}")
    try:
        yield server.url(name)
    finally:
        _admin(server, f"DROP DATABASE {name} WITH (FORCE)")


def _admin(server: pg_server.PgServer | pg_server.ExternalServer, statement: str) -> None:
    engine = create_engine(server.url("postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


# --- reading: shared data, example articles, and a loopback web instead of the internet ---

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ``../shared`` folder (corpus, gold, eval) beside the repository, locally and on CI."""
    return (Path(__file__).parents[1] / ".." / "shared").resolve()


def training_inputs(shared: Path) -> list[str]:
    """The arguments `make models` gives `train` and `eval --cv` after the annotation file: the corpus,
    and the articles that never enter training (dev, held-out, our own Spanish test gold and the
    annotated evaluation set)."""
    return [
        "--articles", str(shared / "corpus" / "fakenews-es" / "articles.jsonl"),
        "--exclude", str(shared / "gold" / "dev.jsonl"),
        "--exclude", str(shared / "corpus" / "fakenews-es" / "heldout.txt"),
        "--exclude", str(REPO_ROOT / "tests" / "gold" / "extra-es.jsonl"),
        "--exclude", str(REPO_ROOT / "data" / "annotations" / "fakenews-es-eval.jsonl"),
    ]  # fmt: skip


# Articles of the real corpus for whole-run tests (faults, workers): three batches of the default 32,
# the last one short, so a run can be stopped or killed between its commits.
SLICE = 72


@pytest.fixture(scope="session")
def corpus_slice(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first ``SLICE`` records of the fakenews-es corpus, as a JSONL file."""
    out = tmp_path_factory.mktemp("slice") / "slice.jsonl"
    with (shared_dir / "corpus" / "fakenews-es" / "articles.jsonl").open() as src:
        out.write_text("".join(itertools.islice(src, SLICE)))
    return out


@pytest.fixture(scope="session")
def slice_db(corpus_slice: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding one uninterrupted in-process ingest of ``corpus_slice``; read it, never write."""
    path = tmp_path_factory.mktemp("clean") / "clean.db"
    with Store.open(str(path)) as store:
        summary = ingest([str(corpus_slice)], store, Settings())
        assert summary.ok and summary.stored == SLICE, summary
    return path


@pytest.fixture(scope="session")
def clean_slice(slice_db: Path) -> Snapshot:
    """What one uninterrupted in-process ingest of ``corpus_slice`` into SQLite stores: the reference
    every interrupted, resumed or parallel run of the slice must equal."""
    with Store.open(str(slice_db)) as store:
        return snapshot(store)


@pytest.fixture(scope="session")
def founding_article() -> Path:
    """The founding example article (examples/kast-segunda-vuelta.txt)."""
    return REPO_ROOT / "examples" / "kast-segunda-vuelta.txt"


ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8">
<title>Kast avanza hacia la segunda vuelta | El Diario de Prueba</title>
<meta property="og:title" content="Kast avanza hacia la segunda vuelta">
<meta property="og:site_name" content="El Diario de Prueba">
<meta name="author" content="Ana Pérez">
<meta property="article:published_time" content="2025-11-17T10:00:00Z">
</head><body>
<nav><a href="/">Inicio</a> <a href="/politica">Política</a> <a href="/deportes">Deportes</a></nav>
<article>
<p>José Antonio Kast se convirtió este domingo en el candidato más votado de la derecha y disputará
la segunda vuelta presidencial el 14 de diciembre en Chile.</p>
<p>Kast, de 59 años, se enfrentará a la candidata comunista Jeannette Jara en su tercer intento por
llegar a La Moneda.</p>
</article>
<footer>© 2025 El Diario de Prueba</footer>
</body></html>
"""


@pytest.fixture(scope="session")
def article_page() -> bytes:
    """An HTML news page with a headline, author, date, outlet and two paragraphs of article text."""
    return ARTICLE_PAGE.encode("utf-8")


@dataclass
class LoopbackServer:
    """A web server on 127.0.0.1: ``routes`` maps a path to (content type, body); other paths are 404."""

    base_url: str
    routes: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def url(self, path: str) -> str:
        """The full URL of ``path`` on this server."""
        return self.base_url + path


@pytest.fixture
def loopback_server() -> Iterator[LoopbackServer]:
    """A threaded HTTP server on a free loopback port, serving whatever the test puts in its routes."""
    routes: dict[str, tuple[str, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path not in routes:
                self.send_error(404, "Not Found")
                return
            content_type, body = routes[self.path]
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield LoopbackServer(f"http://127.0.0.1:{server.server_address[1]}", routes)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL on a port that was free a moment ago and that nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/politica/kast.html"


@pytest.fixture
def http_client() -> Iterator[httpx.Client]:
    """An HTTP client that ignores proxy settings, so requests to the loopback server stay local."""
    with httpx.Client(timeout=5.0, follow_redirects=True, trust_env=False) as client:
        yield client


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium, one for the session: Playwright's sync API runs one event loop per
    thread, so every browser test module shares it. Skipped, saying why, where it is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: `make browser-deps` installs Debian's chromium (as root)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
    )
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
