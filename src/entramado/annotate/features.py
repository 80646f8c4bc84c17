"""Candidate ties and their features: every two entities of a sentence, described for a classifier.

A candidate is an unordered pair of an article's entities that share a sentence, placed at their
closest mentions there. Its features are what a reader looks at: the entity types, the words and
the dependency path between the two mentions, cue words of the lexicon on and around it, negation,
condition and reported-speech markers, distance and order, and what the hand-written rules say
about the pair (the rules are evidence for the classifier, no longer the decision). The same code
builds the training set (:mod:`entramado.train`) and scores new text (:mod:`entramado.annotate.ties`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from entramado.annotate.entities import EntityCluster, main_subjects, mentions_by_sentence, token_map
from entramado.annotate.lexicon import Lexicon
from entramado.annotate.mentions import MentionSpan
from entramado.annotate.relations import PAIR_WINDOW, SentenceRelation
from entramado.annotate.salience import salience_features
from entramado.annotate.sentence_cues import sentence_features
from entramado.annotate.syntax import base_lemma as lemma
from entramado.annotate.titles import bare_titles
from entramado.models import RelationType

# How many words between two mentions are read one by one; past this only the path and cues count.
WINDOW = 12
_DISTANCES = (1, 3, 6, 10, 20)


@dataclass
class Candidate:
    """Two entities of one sentence (``first`` is mentioned first), with the features of the pair."""

    first: EntityCluster
    second: EntityCluster
    sentence: Span
    features: dict[str, float] = field(default_factory=dict)
    # What the rules found for this pair in this sentence, with the rule's own direction.
    rules: list[SentenceRelation] = field(default_factory=list)
    # The word the dependency path between the two mentions meets at (the cue shown to readers),
    # and the token index of the later mention's head (where reported speech is looked for).
    joint: str = ""
    anchor: int = 0


def candidates(doc: Doc, lex: Lexicon) -> list[Candidate]:
    """Every pair of entities that share a sentence of ``doc``, with features (after the rules ran)."""
    clusters: list[EntityCluster] = doc._.entities or []
    by_token = token_map(clusters)
    rules: dict[tuple[int, int, int], list[SentenceRelation]] = {}
    for r in doc._.relations or []:
        if r.type != RelationType.CO_MENTION:
            rules.setdefault((r.sentence.start, *sorted((r.source, r.target))), []).append(r)
    out: list[Candidate] = []
    by_id = {c.id: c for c in clusters}
    previous: tuple[Span, dict[int, list[MentionSpan]]] | None = None
    for n, (sent, spans) in enumerate(mentions_by_sentence(doc, clusters)):
        ids = sorted(spans, key=lambda i: min(m.start for m in spans[i]))
        if previous is not None:
            out.extend(_across(doc, previous, (sent, spans), by_id, by_token, rules, lex))
        previous = (sent, spans)
        for i, a in enumerate(ids):
            for b in ids[i + 1 : i + 1 + PAIR_WINDOW]:
                ma, mb = min(
                    ((x, y) for x in spans[a] for y in spans[b]), key=lambda p: abs(p[0].start - p[1].start)
                )
                if ma.start > mb.start:
                    ma, mb = mb, ma
                first, second = (by_id[a], by_id[b]) if ma in spans[a] else (by_id[b], by_id[a])
                found = rules.get((sent.start, *sorted((a, b))), [])  # type: ignore[arg-type]
                ha, hb = doc[ma.start : ma.end].root, doc[mb.start : mb.end].root
                joint = _common(ha, hb)
                cand = Candidate(first, second, sent, rules=found, anchor=hb.i)
                cand.joint = joint.text if joint is not None and joint not in (ha, hb) else ""
                cand.features = pair_features(doc, sent, ma, mb, first, second, found, by_token, lex, n)
                out.append(cand)
    for pair in bare_titles(doc, clusters, lex):
        cand = Candidate(pair.person, pair.country, pair.sentence, pair.features, anchor=pair.title.i)
        cand.joint = pair.title.text
        out.append(cand)
    salience_features(out, clusters)
    return out


def uncovered(doc: Doc, found: list[Candidate]) -> list[SentenceRelation]:
    """The rules' ties that no candidate stands for: stated across sentences, so the model never sees them.

    "Le agradezco mucho al ex presidente Fox…" (the speaker named sentences before), "Kast participó
    en la CPAC… Allí se reunió con Meloni": the rules follow a quote's speaker or a dropped subject.
    """
    covered = {id(r) for c in found for r in c.rules}
    return [r for r in doc._.relations or [] if r.type != RelationType.CO_MENTION and id(r) not in covered]


def _across(
    doc: Doc,
    before: tuple[Span, dict[int, list[MentionSpan]]],
    after: tuple[Span, dict[int, list[MentionSpan]]],
    by_id: dict[int, EntityCluster],
    by_token: dict[int, EntityCluster],
    rules: dict[tuple[int, int, int], list[SentenceRelation]],
    lex: Lexicon,
) -> list[Candidate]:
    """Ties stated over two sentences: the previous sentence's subject and an entity of the next one.

    "Peña Nieto inauguró la obra. Su esposa, Angélica Rivera, …", "Kast ganó. Felicitó a Milei": the
    second sentence carries on with the first one's subject (a possessive, a dropped subject).
    """
    (prev, prev_spans), (sent, spans) = before, after
    subjects = {by_token[t.i].id: by_token[t.i] for t in main_subjects(prev) if t.i in by_token}
    out = []
    for a in subjects.values():
        if a.id in spans:
            continue  # named again in the next sentence: that sentence's own candidates cover it
        ma = min(prev_spans.get(a.id, []), key=lambda m: -m.start, default=None)
        if ma is None:
            continue
        for b in sorted(spans, key=lambda i: min(m.start for m in spans[i])):
            if b == a.id or b in prev_spans:
                continue
            mb = min(spans[b], key=lambda m: m.start)
            span = doc[prev.start : sent.end]
            # the rules follow a dropped subject into the second sentence: what they say is a feature
            found = rules.get((sent.start, *sorted((a.id, b))), [])  # type: ignore[arg-type]
            cand = Candidate(a, by_id[b], span, rules=found, anchor=doc[mb.start : mb.end].root.i)
            cand.features = _across_features(doc, sent, ma, mb, a, by_id[b], lex)
            _rule_features(cand.features, found, a.id)
            out.append(cand)
    return out


def _across_features(
    doc: Doc, sent: Span, ma: MentionSpan, mb: MentionSpan, a: EntityCluster, b: EntityCluster, lex: Lexicon
) -> dict[str, float]:
    """Features of a two-sentence candidate: types, how the second sentence picks up the first's subject."""
    f: dict[str, float] = {"bias": 1.0, "across": 1.0}
    f[f"across_types={a.type}>{b.type}"] = 1.0
    hb = doc[mb.start : mb.end].root
    root = sent.root
    f[f"across_root={lemma(root)}"] = 1.0
    f[f"across_dep_b={hb.dep_}"] = 1.0
    if not any(c.dep_ in ("nsubj", "nsubj:pass") for c in root.children):
        f["across_dropped_subject"] = 1.0
    if any("Yes" in t.morph.get("Poss", []) for t in sent):
        f["across_possessive"] = 1.0
    up = [hb, *hb.ancestors]
    for t in up[1:4]:
        f[f"across_path={lemma(t)}"] = 1.0
        cue = lex.verb_cue(lemma(t)) or lex.noun_cue(lemma(t))
        if cue is not None:
            f[f"across_cue={cue}"] = 1.0
    for t in doc[max(sent.start, mb.start - 3) : mb.start]:
        f[f"across_pre={lemma(t)}"] = 1.0
    sentence_features(f, sent, [], lex)
    return f


def pair_features(
    doc: Doc,
    sent: Span,
    ma: MentionSpan,
    mb: MentionSpan,
    first: EntityCluster,
    second: EntityCluster,
    found: list[SentenceRelation],
    by_token: dict[int, EntityCluster],
    lex: Lexicon,
    index: int,
) -> dict[str, float]:
    """The features of one pair of mentions in one sentence (``ma`` before ``mb``)."""
    f: dict[str, float] = {"bias": 1.0}
    ta, tb = str(first.type), str(second.type)
    f[f"types={ta}>{tb}"] = 1.0
    f[f"typeset={'|'.join(sorted((ta, tb)))}"] = 1.0
    gap = max(0, mb.start - ma.end)
    f[f"dist<={next((d for d in _DISTANCES if gap <= d), 99)}"] = 1.0
    f[f"kind_a={ma.kind}"] = 1.0
    f[f"kind_b={mb.kind}"] = 1.0
    if index == 0:
        f["first_sentence"] = 1.0
    between = doc[ma.end : mb.start]
    words = [t for t in between if not t.is_space]
    others = {by_token[t.i].id for t in words if t.i in by_token} - {first.id, second.id}
    if others:
        f["entity_between"] = 1.0
        f[f"entities_between<={min(len(others), 3)}"] = 1.0
    pair = f"{ta}>{tb}"
    for t in words[:WINDOW]:
        if t.i in by_token:
            continue
        f[f"bw={lemma(t)}"] = 1.0
        f[f"bw_pos={t.pos_}"] = 1.0
        # the same word means different ties between different kinds of ends ("de": an office of a
        # body, a member of a party, a participant of an event)
        f[f"bw={lemma(t)}|{pair}"] = 1.0
    if words and len(words) <= 4:
        f["bw_seq=" + " ".join(lemma(t) if t.i not in by_token else "ENT" for t in words)] = 1.0
    if not words:
        f["adjacent"] = 1.0
    for side, toks in (
        ("pre", doc[max(sent.start, ma.start - 2) : ma.start]),
        ("post", doc[mb.end : min(sent.end, mb.end + 2)]),
    ):
        for t in toks:
            f[f"{side}={lemma(t)}"] = 1.0
    if any(t.text == "(" for t in words):
        f["paren_between"] = 1.0
    if words and all(t.is_punct for t in words):
        f["punct_only_between"] = 1.0
    _path_features(f, doc[ma.start : ma.end].root, doc[mb.start : mb.end].root, lex)
    for key in [k for k in f if k.startswith(("path=", "lca=", "cue_on_path=", "cue_between="))]:
        f[f"{key}|{pair}"] = 1.0
    sentence_features(f, sent, words, lex)
    _rule_features(f, found, first.id)
    return f


def _rule_features(f: dict[str, float], found: list[SentenceRelation], first: int) -> None:
    """What the rules say about the pair: the type, its direction, the cue word, whether reported."""
    for r in found:
        shape = "fwd" if r.source == first else "bwd"
        f[f"rule={r.type}"] = 1.0
        f[f"rule={r.type}|{shape}"] = 1.0
        f[f"rule_cue={r.cue.lower()}"] = 1.0
        if r.attributed_to:
            f["rule_reported"] = 1.0


def _common(ha: Token, hb: Token) -> Token | None:
    """The lowest token both heads descend from (None across sentences)."""
    up_b = {hb.i, *(t.i for t in hb.ancestors)}
    return next((t for t in [ha, *ha.ancestors] if t.i in up_b), None)


def _path_features(f: dict[str, float], ha: Token, hb: Token, lex: Lexicon) -> None:
    """The dependency path between the two mentions' heads: its labels, its words, its cues."""
    up_a = [ha, *ha.ancestors]
    up_b = [hb, *hb.ancestors]
    common = _common(ha, hb)
    if common is None:
        f["path=none"] = 1.0
        return
    left = up_a[: up_a.index(common)]
    right = up_b[: up_b.index(common)]
    labels = (
        [f"{t.dep_}^" for t in left]
        + [lemma(common) if common not in (ha, hb) else "="]
        + [f"v{t.dep_}" for t in reversed(right)]
    )
    f[f"path_len<={min(len(left) + len(right), 6)}"] = 1.0
    if len(labels) <= 7:
        f["path=" + " ".join(labels)] = 1.0
        f["path_deps=" + " ".join(x for x in labels if x.endswith("^") or x.startswith("v"))] = 1.0
    f[f"lca={lemma(common)}"] = 1.0
    f[f"lca_pos={common.pos_}"] = 1.0
    for t in [*left[1:], common, *right[1:]]:
        if t in (ha, hb):
            continue
        word = lemma(t)
        f[f"on_path={word}"] = 1.0
        cue = lex.verb_cue(word) or lex.noun_cue(word) or lex.noun_cue(t.lower_)
        if cue is not None:
            f[f"cue_on_path={cue}"] = 1.0
        if lex.is_role(t.lower_, word):
            f["role_on_path"] = 1.0
        if any(c.dep_ in ("advmod", "neg") and c.lower_ in lex.negations for c in t.children):
            f["negated_on_path"] = 1.0
    if (ha.dep_ == "appos" and ha.head == hb) or (hb.dep_ == "appos" and hb.head == ha):
        f["appos"] = 1.0
    for name, head in (("a", ha), ("b", hb)):
        f[f"dep_{name}={head.dep_}"] = 1.0
