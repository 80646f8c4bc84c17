"""Schemathesis against the API's own OpenAPI document: generated requests never get a 500."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

import analysis_corpus
from entramado.store import Store
from entramado.web.app import create_app
from entramado.web.schemas import Meta  # noqa: F401 - the app's models must import cleanly

# Each operation gets this many generated requests (valid and invalid ones); ~20 operations.
EXAMPLES = 40


@pytest.fixture(scope="module")
def web_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[schemathesis.BaseSchema]:
    """The schema of an app over the known two-bloc network (read-only, as served by default).

    Schemathesis's ASGI client addresses the app as ``testserver``: the app answers that name as if
    ``serve --host testserver`` had started it (any other name gets 400)."""
    store = analysis_corpus.fill(Store.open(str(Path(tmp_path_factory.mktemp("schema")) / "api.db")))
    yield schemathesis.openapi.from_asgi("/api/openapi.json", create_app(store=store, host="testserver"))
    store.close()


def test_every_route_is_documented(web_schema: schemathesis.BaseSchema) -> None:
    documented = {op.ok().label for op in web_schema.get_all_operations()}
    assert "GET /api/graph" in documented and "POST /api/decisions/merge" in documented
    assert "POST /api/decisions/reject" in documented and "GET /api/decisions" in documented
    assert "GET /api/search/text" in documented and "GET /api/suggest-merges" in documented
    assert len(documented) == 26


def test_no_generated_request_makes_the_api_fail(web_schema: schemathesis.BaseSchema) -> None:
    # All of schemathesis's checks on every operation: never a 5xx; documented statuses, content
    # types and bodies; valid input accepted and invalid input refused.
    failures = []
    for result in web_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate()

        try:
            check()
        except Exception as exc:  # collect every operation's failure, then report them together
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
