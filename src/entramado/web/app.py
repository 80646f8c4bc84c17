"""The explorer app: the JSON API under /api and the page that uses it, served by one FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from entramado import __version__
from entramado.errors import ActorNotFoundError, AmbiguousActorError, EntramadoError, StoreError
from entramado.store import Store
from entramado.web import api, edits, judge_edits, moved, suggest
from entramado.web.explorer import Explorer
from entramado.web.guard import LocalOnly

# Built from frontend/ by `make install` (npm), never committed: see frontend/README.md.
STATIC = Path(__file__).parent / "static"
NOT_BUILT = (
    "The explorer page is not built. Run `make install` (it runs `npm ci && npm run build` in frontend/), "
    "or use the API under /api (documented at /api/docs)."
)
DOCS_NOT_BUILT = (
    "The API docs page is not built. Run `make install` (it runs `npm ci && npm run build` in frontend/), "
    "or read the API's OpenAPI description at /api/openapi.json."
)


def create_app(
    db: str | None = None, allow_edits: bool = False, store: Store | None = None, host: str = "127.0.0.1"
) -> FastAPI:
    """The app over the database ``db`` (any URL or path, as ``--db``), or over an open ``store``.

    Read-only unless ``allow_edits``, which lets the page record decisions (with its session token). It
    answers requests addressed to ``host`` (the address it listens on) or to a loopback name, nothing else.
    """
    app = FastAPI(
        lifespan=_lifespan,
        title="entramado",
        version=__version__,
        description="Actors, ties and the evidence for each, from news articles.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # served below from the built page's own copy of Swagger UI, never a CDN
        redoc_url=None,
    )
    app.state.explorer = Explorer(store or Store.open(db), allow_edits=allow_edits)
    app.include_router(api.router)
    app.include_router(edits.router)
    app.include_router(judge_edits.router)
    app.include_router(suggest.router)
    _errors(app)
    app.add_middleware(LocalOnly, host=host)
    # StaticFiles serves paths inside its folder only ("/static/../x" is refused). Without a built
    # page there is nothing to mount, and /static/... is a plain 404.
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> Response:
        index = STATIC / "index.html"
        if not index.is_file():
            return PlainTextResponse(NOT_BUILT, status_code=503)
        return FileResponse(index)

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> Response:
        page = STATIC / "docs.html"
        if not page.is_file():
            return PlainTextResponse(DOCS_NOT_BUILT, status_code=503)
        return FileResponse(page)

    return app


# Routes are plain functions run in a thread pool. Their work is Python holding the GIL, so
# anyio's default 40 threads only contend for it: under 50 requests in flight a few threads gave
# the same throughput with a shorter tail (benchmarks/web.py).
THREADS = 4


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    to_thread.current_default_thread_limiter().total_tokens = THREADS
    yield


def _errors(app: FastAPI) -> None:
    """Library errors as JSON answers with the status a client can act on, never a 500."""

    def answer(status: int) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
        async def handler(request: Request, exc: Exception) -> JSONResponse:
            return JSONResponse({"detail": str(exc)}, status_code=status)

        return handler

    async def unreadable_body(request: Request, exc: Exception) -> Response:
        # FastAPI answers any body it cannot decode with "There was an error parsing the body";
        # a body that is not UTF-8 is the one a client can fix, so it is told what is wrong.
        cause = exc.__cause__
        if (
            isinstance(exc, HTTPException)
            and exc.status_code == 400
            and isinstance(cause, UnicodeDecodeError)
        ):
            detail = f"the request body is not UTF-8 (byte {cause.start}: {cause.reason}); send JSON in UTF-8"
            return JSONResponse({"detail": detail}, status_code=400)
        assert isinstance(exc, HTTPException)
        return await http_exception_handler(request, exc)

    app.add_exception_handler(HTTPException, unreadable_body)
    app.add_exception_handler(moved.ActorMoved, moved.redirect)
    app.add_exception_handler(ActorNotFoundError, answer(404))
    app.add_exception_handler(AmbiguousActorError, answer(409))
    app.add_exception_handler(StoreError, answer(503))
    app.add_exception_handler(EntramadoError, answer(400))
