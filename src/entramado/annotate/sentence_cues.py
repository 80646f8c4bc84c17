"""What a whole sentence says about every pair in it: its cue words, negation, condition, reported speech.

Read once per sentence and shared by all of its candidate pairs (:mod:`entramado.annotate.features`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from entramado.annotate.lexicon import Lexicon
from entramado.annotate.syntax import base_lemma as lemma
from entramado.models import RelationType


def sentence_features(f: dict[str, float], sent: Span, between: list[Token], lex: Lexicon) -> None:
    """Cues and markers of the whole sentence: what kind of statement the pair stands in."""
    shared, cues = _sentence_cues(sent, lex)
    f.update(shared)
    for t in between:
        if t.i in cues:
            f[f"cue_between={cues[t.i]}"] = 1.0


def _sentence_cues(sent: Span, lex: Lexicon) -> tuple[dict[str, float], dict[int, RelationType]]:
    """The sentence's own features and the cue type of each cue token, read once per sentence.

    Every pair of the sentence shares them; they are kept with the doc (``user_data``), so they go
    with it.
    """
    key = f"entramado_sentence_cues:{sent.start}"
    known: tuple[dict[str, float], dict[int, RelationType]] | None = sent.doc.user_data.get(key)
    if known is not None:
        return known
    f: dict[str, float] = {}
    cues: dict[int, RelationType] = {}
    for t in sent:
        word = lemma(t)
        cue = (
            lex.verb_cue(word) if t.pos_ in ("VERB", "AUX") else lex.noun_cue(word) or lex.noun_cue(t.lower_)
        )
        if cue is not None:
            f[f"cue_in_sentence={cue}"] = 1.0
            cues[t.i] = cue
        if t.lower_ in lex.negations:
            f["negation_in_sentence"] = 1.0
        if t.lower_ in lex.conditional_marks and t.dep_ == "mark":
            f["condition_in_sentence"] = 1.0
        if word in lex.reporting_verbs:
            f["reporting_verb_in_sentence"] = 1.0
        if "Cnd" in t.morph.get("Mood", []):
            f["conditional_mood"] = 1.0
        if word in lex.hypothetical_verbs:
            f["hypothetical_verb"] = 1.0
    if sent.text.strip().startswith(("«", '"', "“")):
        f["quoted"] = 1.0
    sent.doc.user_data[key] = (f, cues)
    return f, cues
