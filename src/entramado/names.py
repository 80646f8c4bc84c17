"""Name keys: how two spellings of one name are recognised as the same string."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LEADING_ARTICLE = re.compile(r"^(el|la|los|las|lo|the)\s+")
_SPACES = re.compile(r"\s+")
# Same characters as the gold scorer strips, so a key here equals its key there.
_EDGE_PUNCT = " \t\n.,;:«»\"'“”‘’()"


# Resolution and coreference key the same names over and over; bounded, so memory stays flat.
@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Case-folded, accent-free, article-free form of a name ("El Vox" → "vox", "Abascal" → "abascal").

    Mirrors ``norm`` in ``../shared/eval/score.py`` so that what we merge is what the scorer equates.
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = _SPACES.sub(" ", folded).strip(_EDGE_PUNCT)
    return _LEADING_ARTICLE.sub("", folded)
