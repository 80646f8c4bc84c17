"""spaCy component ``entramado_paragraphs``: a line break always ends a sentence.

News text puts the headline, the subtitle and each paragraph on lines of their own, often without
a final full stop; the parser would run the headline into the first sentence and evidence would
span two paragraphs. Placed before the parser, which keeps boundaries that are already set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("entramado_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence at the first token after any whitespace token holding a newline."""
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws and (tok.is_space or tok.whitespace_ == "\n"):
            doc[tok.i + 1].is_sent_start = True
    return doc
