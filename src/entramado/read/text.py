"""Reading plain text: decoding (UTF-8, else cp1252), refusing binaries, and spotting a headline."""

from __future__ import annotations

from entramado.models import Article, ReadFailure

# Only the start is inspected: binaries show themselves early, and long texts need not be scanned twice.
_BINARY_PROBE = 8192
# Text has tabs and line breaks among its control bytes and little else; a third of control bytes is
# far beyond any text file, however badly encoded.
_MAX_CONTROL_SHARE = 0.30
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x08\x1b")
_MAX_TITLE_CHARS = 200
_SENTENCE_ENDINGS = (".", ":", ";", ",")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_text(data: bytes, origin: str, doc_id: str) -> Article | ReadFailure:
    """An article from the bytes of a text file; ``metadata["encoding"]`` is set when it was not UTF-8."""
    if not data.strip():
        return ReadFailure(origin, "empty file")
    reason = binary_reason(data)
    if reason:
        return ReadFailure(origin, f"binary file, not text ({reason})")
    text, encoding = decode(data)
    if not text.strip():
        return ReadFailure(origin, "empty file")
    metadata = {} if encoding == "utf-8" else {"encoding": encoding}
    return Article(doc_id=doc_id, text=text, title=headline(text), origin=origin, metadata=metadata)


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding used: UTF-8 (BOM stripped), UTF-16 with a BOM, else cp1252."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8: almost always a Windows or Latin-1 file. cp1252 agrees with Latin-1 on every printable
    # character and adds the curly quotes and dashes that Latin-1 leaves as control codes.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 defines all 256, so this always succeeds.
        return data.decode("latin-1"), "latin-1"


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks like a binary file rather than text, or None if it looks like text."""
    if data.startswith(_UTF16_BOMS):
        return None  # UTF-16 text is full of NUL bytes by design
    probe = data[:_BINARY_PROBE]
    if b"\x00" in probe:
        return "it contains NUL bytes"
    controls = sum(1 for byte in probe if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if probe and controls / len(probe) > _MAX_CONTROL_SHARE:
        return f"{controls / len(probe):.0%} of its first bytes are control codes"
    return None


def headline(text: str) -> str | None:
    """The first non-blank line if it looks like a title: short, not ending like a sentence, text after it."""
    lines = (line.strip() for line in text.splitlines())
    non_blank = (line for line in lines if line)
    first = next(non_blank, None)
    if first is None or len(first) > _MAX_TITLE_CHARS or first.endswith(_SENTENCE_ENDINGS):
        return None
    return first if next(non_blank, None) is not None else None
