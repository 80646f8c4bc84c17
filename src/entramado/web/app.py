"""The explorer app: the JSON API under /api and the page that uses it, served by one FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from entramado import __version__
from entramado.errors import ActorNotFoundError, AmbiguousActorError, EntramadoError, StoreError
from entramado.store import Store
from entramado.web import api, edits
from entramado.web.explorer import Explorer

# Built from frontend/ by `make install` (npm), never committed: see frontend/README.md.
STATIC = Path(__file__).parent / "static"
NOT_BUILT = (
    "The explorer page is not built. Run `make install` (it runs `npm ci && npm run build` in frontend/), "
    "or use the API under /api (documented at /api/docs)."
)


def create_app(db: str | None = None, allow_edits: bool = False, store: Store | None = None) -> FastAPI:
    """The app over the database ``db`` (any URL or path, as ``--db``), or over an open ``store``.

    Read-only unless ``allow_edits``, which lets the page record merge and split decisions.
    """
    app = FastAPI(
        lifespan=_lifespan,
        title="entramado",
        version=__version__,
        description="Actors, ties and the evidence for each, from news articles.",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.explorer = Explorer(store or Store.open(db), allow_edits=allow_edits)
    app.include_router(api.router)
    app.include_router(edits.router)
    _errors(app)
    # StaticFiles serves paths inside its folder only ("/static/../x" is refused). Without a built
    # page there is nothing to mount, and /static/... is a plain 404.
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> Response:
        index = STATIC / "index.html"
        if not index.is_file():
            return PlainTextResponse(NOT_BUILT, status_code=503)
        return FileResponse(index, headers={"Content-Security-Policy": CSP})

    return app


# The page loads only its own script and style and talks only to its own server; even if some
# text slipped into the page as markup, no inline or remote script would run.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


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

    app.add_exception_handler(ActorNotFoundError, answer(404))
    app.add_exception_handler(AmbiguousActorError, answer(409))
    app.add_exception_handler(StoreError, answer(503))
    app.add_exception_handler(EntramadoError, answer(400))
