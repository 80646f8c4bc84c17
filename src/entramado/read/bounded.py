"""Reading any input within the byte limit, counting bytes as they come: pipes and devices have no size."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

# Read in pieces this size, so memory never holds much more than the limit however the input is made.
_CHUNK = 1 << 20


def too_large(limit: int) -> str:
    """The reason given for an input over the byte limit, saying how to raise it."""
    return (
        f"larger than {limit:,} bytes (max_input_bytes); split it or raise the limit with --max-input-bytes"
    )


def read_at_most(stream: BinaryIO, limit: int, head: bytes = b"") -> bytes | None:
    """``head`` and the rest of ``stream`` to its end, or None as soon as more than ``limit`` bytes came.

    Bytes are counted as they are read, never taken from the file's size: pipes, devices, /proc files
    and sockets say 0, and /dev/zero never ends.
    """
    data = bytearray(head)
    while len(data) <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - len(data)))
        if not chunk:
            return bytes(data)
        data += chunk
    return None


@dataclass(frozen=True, slots=True)
class Overlong:
    """A line longer than the limit, left unread; ``rest_read``: the lines after it are still read."""

    limit: int
    rest_read: bool

    def reason(self) -> str:
        """The one-line reason for the user."""
        why = (
            f"line longer than {self.limit:,} bytes (max_input_bytes); "
            "split the record or raise the limit with --max-input-bytes"
        )
        return why if self.rest_read else why + "; the rest of this stream was not read (it may have no end)"


def bounded_lines(stream: BinaryIO, limit: int, head: bytes = b"") -> Iterator[bytes | Overlong]:
    """The lines of ``head`` then of ``stream``, each at most ``limit`` bytes; a longer one is an Overlong.

    The rest of an over-long line is skipped in a regular file (it ends); in a pipe or device it may
    not, so reading that input stops there.
    """
    pieces = head.split(b"\n")
    partial = pieces.pop()
    for piece in pieces:
        yield piece + b"\n" if len(piece) <= limit else Overlong(limit, rest_read=True)
    finite = _is_regular(stream)
    while True:
        line = partial + stream.readline(limit + 1 - len(partial)) if len(partial) <= limit else partial
        partial = b""
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        yield Overlong(limit, rest_read=finite)
        if not finite:
            return
        while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
            pass


def _is_regular(stream: BinaryIO) -> bool:
    """Whether ``stream`` is a regular file (or in memory): one that ends, so skipping ahead is safe."""
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (AttributeError, OSError, io.UnsupportedOperation):
        return True
