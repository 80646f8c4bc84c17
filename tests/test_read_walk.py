"""Folders walked whole: an entry that cannot be read is one line naming it, and the walk goes on."""

from __future__ import annotations

import errno
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from entramado.cli import app
from entramado.models import Article, ReadFailure
from entramado.read import read_inputs
from entramado.store import Store
from ingest_runs import snapshot

TEXT = "José Antonio Kast disputará la segunda vuelta presidencial en Chile frente a Jeannette Jara.\n"
NOT_IN_FOLDER = "not a file; not read in a folder (name it alone to read it)"
ROOT_READS_ANYTHING = (
    "run as root, which reads files and folders whatever their mode (checked simulated below; the real "
    "thing runs under setpriv --inh-caps=-dac_override,-dac_read_search "
    "--bounding-set=-dac_override,-dac_read_search)"
)


def modes_are_obeyed(tmp_path: Path) -> bool:
    """Whether a mode-000 folder really cannot be read here (as root, with CAP_DAC_OVERRIDE, it can)."""
    probe = tmp_path / "probe"
    probe.mkdir(mode=0)
    try:
        os.listdir(probe)
    except PermissionError:
        return True
    finally:
        probe.chmod(0o755)
    return False


def outcomes(folder: Path) -> list[tuple[str, str]]:
    """Each item read from ``folder``: (doc id or "failed", and for a failure its path and reason)."""
    return [
        ("article", item.doc_id) if isinstance(item, Article) else ("failed", f"{item.origin}: {item.reason}")
        for item in read_inputs([str(folder)])
    ]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """``noticias/`` holding ``a-locked/`` (one file), then ``b.txt`` and ``c.txt``."""
    folder = tmp_path / "noticias"
    (folder / "a-locked").mkdir(parents=True)
    (folder / "a-locked" / "oculta.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text("Primera\n" + TEXT, encoding="utf-8")
    (folder / "c.txt").write_text("Segunda\n" + TEXT, encoding="utf-8")
    return folder


def refuse(target: Path, real: Callable[..., Any]) -> Callable[..., Any]:
    """``real``, raising PermissionError for ``target`` as the kernel does for a mode-000 entry."""

    def refusing(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(os.fsdecode(path)) == target:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real(path, *args, **kwargs)

    return refusing


def expected_locked(tree: Path) -> list[tuple[str, str]]:
    locked = tree / "a-locked"
    return [
        ("failed", f"{locked}: cannot read this folder: Permission denied; its files were not read"),
        ("article", "b"),
        ("article", "c"),
    ]


def test_a_locked_subfolder_is_named_and_the_walk_goes_on(tree: Path, tmp_path: Path) -> None:
    if not modes_are_obeyed(tmp_path):
        pytest.skip(ROOT_READS_ANYTHING)
    (tree / "a-locked").chmod(0)
    try:
        assert outcomes(tree) == expected_locked(tree)
    finally:
        (tree / "a-locked").chmod(0o755)


def test_a_locked_subfolder_simulated_is_named_and_the_rest_stored(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = tmp_path / "clean.db"
    runner = CliRunner()
    assert (
        runner.invoke(app, ["ingest", str(tree / "b.txt"), str(tree / "c.txt"), "--db", str(clean)]).exit_code
        == 0
    )
    monkeypatch.setattr(os, "scandir", refuse(tree / "a-locked", os.scandir))
    assert outcomes(tree) == expected_locked(tree)

    db = tmp_path / "walk.db"
    result = runner.invoke(app, ["ingest", str(tree), "--db", str(db), "--quiet"])
    assert result.exit_code == 1
    assert f"failed {tree / 'a-locked'}: cannot read this folder: Permission denied" in result.stderr
    with Store.open(str(db)) as walked, Store.open(str(clean)) as expected:
        assert snapshot(walked) == snapshot(expected)


def test_a_locked_file_is_named_and_the_walk_goes_on(tree: Path, tmp_path: Path) -> None:
    if not modes_are_obeyed(tmp_path):
        pytest.skip(ROOT_READS_ANYTHING)
    (tree / "b.txt").chmod(0)
    try:
        assert outcomes(tree)[1:] == [
            ("failed", f"{tree / 'b.txt'}: cannot read: Permission denied"),
            ("article", "c"),
        ]
    finally:
        (tree / "b.txt").chmod(0o644)


def test_a_locked_file_simulated_is_named_and_the_walk_goes_on(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Path, "open", refuse(tree / "b.txt", Path.open))
    assert outcomes(tree)[1:] == [
        ("failed", f"{tree / 'b.txt'}: cannot read: Permission denied"),
        ("article", "c"),
    ]


def test_links_pipes_and_loops_in_a_folder_each_say_what_they_are(tree: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "archivo"
    elsewhere.mkdir()
    (elsewhere / "vieja.txt").write_text("Vieja\n" + TEXT, encoding="utf-8")
    (tree / "a-locked" / "oculta.txt").unlink()
    (tree / "a-locked").rmdir()
    (tree / "d-rota.txt").symlink_to(tree / "no-existe.txt")
    os.mkfifo(tree / "e-tuberia")
    (tree / "f-bucle").symlink_to(tree / "g-bucle")
    (tree / "g-bucle").symlink_to(tree / "f-bucle")
    (tree / "h-arriba").symlink_to(tree)
    (tree / "i-archivo").symlink_to(elsewhere)
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(tree / "j.sock"))
        got = outcomes(tree)
    assert got == [
        ("article", "b"),
        ("article", "c"),
        (
            "failed",
            f"{tree / 'd-rota.txt'}: a broken symbolic link: it points to {tree / 'no-existe.txt'}, "
            "which does not exist",
        ),
        (
            "failed",
            f"{tree / 'e-tuberia'}: a named pipe (FIFO), {NOT_IN_FOLDER}",
        ),
        ("failed", f"{tree / 'f-bucle'}: a symbolic link loop: following it never reaches a file or folder"),
        ("failed", f"{tree / 'g-bucle'}: a symbolic link loop: following it never reaches a file or folder"),
        ("failed", f"{tree / 'h-arriba'}: a symbolic link back to {tree}, a folder it is in; not followed"),
        ("article", "vieja"),  # a linked folder elsewhere is walked like any other
        (
            "failed",
            f"{tree / 'j.sock'}: a socket, {NOT_IN_FOLDER}",
        ),
    ]


def test_a_symlink_loop_named_alone_is_not_called_missing(tmp_path: Path) -> None:
    (tmp_path / "bucle").symlink_to(tmp_path / "bucle")
    assert list(read_inputs([str(tmp_path / "bucle")])) == [
        ReadFailure(
            str(tmp_path / "bucle"), "a symbolic link loop: following it never reaches a file or folder"
        )
    ]
