"""The held-out articles stay held out: no file of the repository names one of them.

The project's owners score entramado on the articles listed in ``../shared/corpus/fakenews-es/heldout.txt``
with annotations nobody else sees; a gold line, an annotation, a lexicon entry, a comment or a test
naming one of them would leak it into development. The list is read at test time, so the ids never
need to be written here.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).parents[1]
# Built or installed things, not the project's own files.
SKIP = {".git", ".venv", "node_modules", "static", "__pycache__", ".mypy_cache", ".ruff_cache",
        ".pytest_cache", "test-artifacts", "build"}  # fmt: skip


def held_out_ids(shared: Path) -> set[str]:
    """The ids listed in heldout.txt (comment lines start with #)."""
    lines = (shared / "corpus" / "fakenews-es" / "heldout.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def project_files() -> list[Path]:
    """Every file of the repository but what is built or installed."""
    return [
        p
        for p in REPO.rglob("*")
        if p.is_file() and not SKIP & set(p.relative_to(REPO).parts) and not p.name.endswith(".egg-info")
        and ".egg-info" not in str(p)
    ]  # fmt: skip


def test_the_list_is_read(shared_dir: Path) -> None:
    ids = held_out_ids(shared_dir)
    assert len(ids) == 22
    assert all(i.startswith("fakenews-es-") for i in ids)


def leak_pattern(ids: set[str]) -> re.Pattern[str]:
    """A held-out id, whole or without its "fakenews-es-" prefix (as a table may shorten it).

    An id that merely begins with a held-out id (the held-out id and one more digit) counts too: a
    search for held-out ids as plain substrings would read it as one, so no such id is kept either.
    """
    names = sorted({*ids, *(i.removeprefix("fakenews-es-") for i in ids)}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:fakenews-es-)?(?:" + "|".join(map(re.escape, names)) + ")")


def test_no_file_names_a_held_out_article(shared_dir: Path) -> None:
    pattern = leak_pattern(held_out_ids(shared_dir))
    leaks = {
        str(path.relative_to(REPO)): found.group(0)
        for path in project_files()
        if (found := pattern.search(path.read_bytes().decode("utf-8", errors="ignore")))
    }
    assert leaks == {}


def test_the_check_finds_a_leak(shared_dir: Path) -> None:
    one = sorted(held_out_ids(shared_dir))[0]
    pattern = leak_pattern({one})
    assert pattern.search(f'{{"doc_id": "{one}"}}')
    assert pattern.search("| " + one.removeprefix("fakenews-es-") + " | El País |")
    assert pattern.search(f'{{"doc_id": "{one}9"}}')  # begins with a held-out id
    assert not pattern.search(f'{{"doc_id": "x{one}"}}')
