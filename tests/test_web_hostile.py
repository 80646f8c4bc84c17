"""The served explorer against what a hostile or careless client does (issue 14): path-traversal request
lines, sent raw to a real server, find nothing outside the page; and a burst of requests while an
ingest writes the same database gets no error, and the ingest stores what a clean run stores."""

from __future__ import annotations

import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from conftest import SLICE
from entramado.store import Store
from entramado.web.app import create_app
from ingest_runs import Snapshot, snapshot, start_ingest, wait_for_articles
from web_server import serving

TRAVERSALS = [
    "/static/../pyproject.toml",
    "/static/../../../../etc/passwd",
    "/static/..%2fpyproject.toml",
    "/static/%2e%2e/pyproject.toml",
    "/static/%2e%2e%2fpyproject.toml",
    "/static/.%2e/pyproject.toml",
    "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/..%5c..%5cpyproject.toml",
    "/static/..\\..\\pyproject.toml",
    "/static/%252e%252e/pyproject.toml",
    "/static/....//....//pyproject.toml",
    "/static/%c0%ae%c0%ae/pyproject.toml",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/index.html/../../pyproject.toml",
    "/static/docs/../../../pyproject.toml",
    "/api/export/..%2F..%2Fetc%2Fpasswd",
    "//etc/passwd",
    "/static/..%00/pyproject.toml",
]


def raw_get(base_url: str, target: str) -> tuple[int, bytes]:
    """GET ``target`` exactly as written (no client normalises its dots): the status and the body."""
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_path_traversal_request_lines_find_nothing_outside_the_page(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "empty.db")) as store, serving(create_app(store=store)) as base_url:
        status, body = raw_get(base_url, "/static/index.html")
        assert status == 200  # the raw client does reach the page
        for target in TRAVERSALS:
            status, body = raw_get(base_url, target)
            assert status == 404, (target, status, body[:200])
            assert b"[project]" not in body and b"root:" not in body, target


def test_a_burst_of_requests_while_an_ingest_writes_gets_no_error(
    corpus_slice: Path, clean_slice: Snapshot, tmp_path: Path
) -> None:
    db = tmp_path / "busy.db"
    Store.open(str(db)).close()  # the schema first, so the server and the ingest share one database
    routes = ["/", "/static/index.html", "/api/meta", "/api/graph", "/api/search?q=a", "/api/rank"]
    with Store.open(str(db)) as store, serving(create_app(store=store)) as base_url:
        run = start_ingest(corpus_slice, db)
        answers: list[int | str] = []
        with httpx.Client(base_url=base_url, trust_env=False, timeout=30) as client:

            def get(n: int) -> int | str:
                try:
                    return client.get(routes[n % len(routes)]).status_code
                except httpx.HTTPError as exc:
                    return repr(exc)

            wait_for_articles(db, 1, run, timeout=300)
            with ThreadPoolExecutor(max_workers=8) as pool:
                while run.poll() is None:  # bursts of 200 until the ingest ends
                    answers += pool.map(get, range(200))
        _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert f"stored {SLICE}" in err
    assert len(answers) >= 200
    assert set(answers) == {200}, {a for a in answers if a != 200}
    with Store.open(str(db)) as store:
        assert snapshot(store) == clean_slice
