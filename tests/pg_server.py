"""A throwaway PostgreSQL server on loopback for the store tests: initdb, pg_ctl start, stop, remove."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

# Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<major>/bin.
DEBIAN_BIN = Path("/usr/lib/postgresql")
# The server runs as this user: PostgreSQL refuses to run as root.
SERVER_USER = "postgres"
DATABASE = "entramado_test"


class Unavailable(Exception):
    """No PostgreSQL server could be started here; the message says why."""


@dataclass
class PgServer:
    """A running throwaway cluster: its folder, port and the admin URL of its one database."""

    root: Path
    port: int
    bin_dir: Path

    def url(self, database: str = DATABASE) -> str:
        """A psycopg URL of ``database`` on this server."""
        return f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its folder."""
        _as_server_user(
            [str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "-w", "stop"],
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class ExternalServer:
    """A server someone else runs (``ENTRAMADO_TEST_PG``): a URL whose user may create databases."""

    admin_url: str

    def url(self, database: str = DATABASE) -> str:
        """The URL of ``database`` on that server."""
        return make_url(self.admin_url).set(database=database).render_as_string(hide_password=False)

    def stop(self) -> None:
        """Nothing to stop: the server is not ours."""


def find_bin_dir() -> Path:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's newest version folder."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    versions = sorted(DEBIAN_BIN.glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not versions:
        raise Unavailable("initdb not found (install it with `make pg-server-deps`, as root)")
    return versions[-1].parent


def start() -> PgServer:
    """initdb a cluster in a temp folder, start it on 127.0.0.1 on a free port, create the database."""
    bin_dir = find_bin_dir()
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam(SERVER_USER)
        except KeyError as exc:
            raise Unavailable(f"no '{SERVER_USER}' user to run the server as") from exc
    root = Path(tempfile.mkdtemp(prefix="entramado-pg-"))
    root.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(root, SERVER_USER)
    data, log = root / "data", root / "server.log"
    try:
        # Trust: only loopback and the socket in our own folder reach this throwaway cluster.
        init = [str(bin_dir / "initdb"), "-D", str(data), "-U", SERVER_USER, "--auth=trust"]
        _as_server_user([*init, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        port = _free_port()
        # fsync off: a test cluster that dies is thrown away anyway, and syncing costs seconds.
        options = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c full_page_writes=off"
        _as_server_user(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                "30",
                "start",
            ]
        )
        server = PgServer(root, port, bin_dir)
        _as_server_user([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), DATABASE])
    except (subprocess.CalledProcessError, OSError) as exc:
        detail = getattr(exc, "stderr", "") or ""
        if log.exists():
            detail += log.read_text(errors="replace")[-500:]
        PgServer(root, 0, bin_dir).stop()
        raise Unavailable(f"{exc} {detail.strip()}") from exc
    return server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _as_server_user(argv: list[str], check: bool = True) -> None:
    if os.geteuid() == 0:
        argv = ["runuser", "-u", SERVER_USER, "--", *argv]
    subprocess.run(argv, check=check, capture_output=True, text=True, timeout=60, cwd="/")
