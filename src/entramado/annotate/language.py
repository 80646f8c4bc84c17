"""Language identification of article texts, as ISO 639-1 codes, with py3langid."""

from __future__ import annotations

import py3langid

# An article's opening settles its language; classifying more text only costs time.
_SAMPLE_CHARS = 2000


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language ``text`` is most likely in (still a best guess when it is short).

    The model also knows a few codes outside ISO 639-1, notably "zxx" for text without words (only figures).
    """
    language, _score = py3langid.classify(text[:_SAMPLE_CHARS])
    return str(language)
