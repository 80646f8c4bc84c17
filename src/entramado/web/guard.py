"""What keeps a loopback server local: the Host it answers, the Origin it takes changes from, and the
headers every response carries (Content-Security-Policy, no framing, no type sniffing)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The names a browser on this machine uses for a loopback server: always answered.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")

# The pages load only their own scripts and styles and talk only to their own server: even if some
# article text slipped into a page as markup, no inline or remote script would run. Swagger UI sets
# inline styles, hence 'unsafe-inline' for styles only; its icons are data: images.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# On every response, the API's JSON and the static files included: a page that was served from
# /static/ runs the app as surely as one served at /. X-Frame-Options says frame-ancestors to
# browsers that predate it; Cross-Origin-Resource-Policy keeps other sites from loading any answer
# as an image or script of theirs.
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Referrer-Policy": "no-referrer",
}
# Requests that cannot change anything; any other method must come from the server's own page.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 with or without brackets) is this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """Whether ``host`` is "every address" (0.0.0.0 or ::), which names no address a request can use."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def _normal(host: str) -> str:
    """A host as it compares: lower case, IPv6 without brackets and in its shortest form."""
    bare = host.strip().strip("[]").lower()
    try:
        return str(ipaddress.ip_address(bare))
    except ValueError:
        return bare


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host


class LocalOnly:
    """ASGI middleware: refuse a request addressed to a name other than the server's own (DNS
    rebinding: a page on another name that resolves to 127.0.0.1 sends its own name as Host), refuse
    a change sent by a page on another origin (CSRF), and put ``HEADERS`` on every response."""

    def __init__(self, app: ASGIApp, host: str = "127.0.0.1") -> None:
        self.app = app
        names = dict.fromkeys(_normal(h) for h in (*LOOPBACK_NAMES, host))
        self.hosts = frozenset(names)
        shown = [_shown(h) for h in names]
        self.shown = ", ".join(shown[:-1]) + " or " + shown[-1]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:  # a route may set a stricter one of its own
                        headers[name] = value
            await send(message)

        refusal = self.refusal(scope)
        if refusal is None:
            await self.app(scope, receive, send_with_headers)
        else:
            await refusal(scope, receive, send_with_headers)

    def refusal(self, scope: Scope) -> JSONResponse | None:
        """The answer to a request this server must not serve, or None to serve it."""
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        name = _host_name(host)
        if name is None or _normal(name) not in self.hosts:
            return JSONResponse(
                {
                    "detail": f"this server answers only requests addressed to {self.shown}, "
                    f"not to {host[:100]!r}: open it by one of those names, or start it with "
                    "--host naming the address you use"
                },
                status_code=400,
            )
        if scope["method"] in SAFE_METHODS:
            return None
        own = f"{scope['scheme']}://{host}"
        origin = headers.get("origin")
        # Browsers send Origin with every POST; a client that is not a browser (curl, a script)
        # sends none and is no page of another site. Sec-Fetch-Site covers a browser that omits it.
        foreign = (
            _origin(origin) != _origin(own)
            if origin is not None
            else headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none")
        )
        if foreign:
            return JSONResponse(
                {
                    "detail": f"refused: a page on {(origin or 'another site')[:100]} cannot change "
                    f"this server's data; only its own page ({own}) can"
                },
                status_code=403,
            )
        return None


def _host_name(host: str) -> str | None:
    """The name in a Host header (``name``, ``name:port`` or ``[v6]:port``), or None if it is not one."""
    try:
        parts = urlsplit(f"//{host}")
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return None
    if not host or parts.hostname is None or parts.netloc != host or "@" in host:
        return None
    return parts.hostname


def _origin(url: str) -> tuple[str, str, int] | None:
    """An origin's scheme, host and port (the default port filled in), or None if it is not one."""
    try:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    except ValueError:
        return None
    if parts.hostname is None:
        return None
    return parts.scheme.lower(), _normal(parts.hostname), port
