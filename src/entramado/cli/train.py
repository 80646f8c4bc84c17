"""CLI commands ``entramado train`` and ``entramado eval`` (with ``--cv``, cross-validated training)."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from entramado.cli.app import app, err, errors, fail, out, print_json, progress_bar
from entramado.cli.options import JsonOption, ModelOption, QuietOption, TieThresholdOption
from entramado.defaults import DEFAULT_CORPUS, DEFAULT_HELD_OUT, DEFAULT_SCORER

if TYPE_CHECKING:  # spaCy and scikit-learn load when training or evaluating runs
    from entramado.train.crossval import CrossValidation

DEFAULT_DEV = Path("../shared/gold/dev.jsonl")
ArticlesOption = Annotated[
    list[str] | None, typer.Option("--articles", help="The annotated articles (JSONL, files…); repeatable.")
]
ExcludeOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--exclude",
        help="A gold or id list whose articles never enter training [default: dev gold, held-out list].",
    ),
]
EpochsOption = Annotated[
    int,
    typer.Option(
        "--epochs", min=0, help="Passes of the recogniser over the annotated mentions (0: keep the base one)."
    ),
]


def excluded_ids(paths: list[Path] | None) -> frozenset[str]:
    """Ids of the articles that must not be trained on: those of gold files (doc_id) or id lists."""
    from entramado.train.corpus import held_out

    ids: set[str] = set()
    for path in paths if paths is not None else [DEFAULT_DEV, DEFAULT_HELD_OUT]:
        if not path.is_file():
            continue
        if path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            ids.update(json.loads(line)["doc_id"] for line in lines if line.strip())
        else:
            ids.update(held_out(path))
    return frozenset(ids)


@app.command()
def train(
    annotations: Annotated[list[Path], typer.Argument(help="Annotation files (JSONL).", exists=True)],
    out_dir: Annotated[Path, typer.Option("--out", help="Model folder to write (replaced whole).")] = Path(
        "entramado-model"
    ),
    articles: ArticlesOption = None,
    exclude: ExcludeOption = None,
    epochs: EpochsOption = 6,
    seed: Annotated[int, typer.Option("--seed", help="Seed of every random choice.")] = 0,
    quiet: QuietOption = False,
) -> None:
    """Train the Spanish extractor (entity recogniser and tie model) from annotation files, offline."""
    from entramado.jobs.train import train as train_model

    command = "entramado train " + " ".join(shlex.quote(a) for a in sys.argv[2:])
    with errors(), progress_bar("training", None, quiet) as hook:
        meta = train_model(
            annotations,
            articles or [str(DEFAULT_CORPUS)],
            out_dir,
            excluded_ids(exclude),
            command,
            epochs=epochs,
            seed=seed,
            progress=lambda label: hook("ok", label),
        )
    err.print(
        f"[bold]trained[/] on {meta['articles']} articles ({sum(meta['relations'].values())} ties), "
        f"rehearsing {meta['rehearsal_articles']}; model written to {out_dir} "
        "(use it with --model or $ENTRAMADO_MODEL)"
    )


@app.command("calibrate-rules")
def calibrate_rules(
    annotations: Annotated[list[Path], typer.Argument(help="Annotation files (JSONL).", exists=True)],
    out_file: Annotated[
        Path, typer.Option("--out", help="The table to write (the shipped one: src/entramado/data/).")
    ] = Path("rule_confidence.es.yaml"),
    articles: ArticlesOption = None,
    exclude: ExcludeOption = None,
    quiet: QuietOption = False,
) -> None:
    """Measure how often each rule's ties are right on annotated articles: their confidence, by type."""
    from entramado.jobs.train import calibrate_rules as calibrate
    from entramado.train.rule_confidence import confidence

    command = "entramado calibrate-rules " + " ".join(shlex.quote(a) for a in sys.argv[2:])
    with errors(), progress_bar("measuring the rules", None, quiet) as hook:
        counts = calibrate(
            annotations, articles or [str(DEFAULT_CORPUS)], out_file, excluded_ids(exclude), command,
            progress=lambda label: hook("ok", label),
        )  # fmt: skip
    table = Table("rule", "type", "right", "ties", "confidence")
    for shape, types in counts.items():
        for kind, (right, n) in types.items():
            table.add_row(shape, str(kind), str(right), str(n), f"{confidence(right, n):.2f}")
    out.print(table)
    err.print(f"[bold]written[/] {out_file}")


def cv_command(
    gold: list[Path],
    articles: list[str],
    scorer: Path,
    folds: int,
    epochs: int,
    exclude: list[Path] | None,
    card: Path | None,
    as_json: bool,
    quiet: bool,
    threshold: float | None = None,
) -> None:
    """``entramado eval --cv``: cross-validate, print the tables, and add them to a model card if asked."""
    from entramado.jobs.crossval import cross_validate
    from entramado.train.card import write_card

    with errors(), progress_bar("cross-validating", None, quiet) as hook:
        result = cross_validate(
            gold, articles, excluded_ids(exclude), scorer, k=folds, epochs=epochs, threshold=threshold,
            progress=lambda label: hook("ok", label),
        )  # fmt: skip
    data = as_data(result, "entramado eval " + " ".join(shlex.quote(a) for a in sys.argv[2:]))
    if card is not None:
        meta_path = card / "meta.json"
        with errors():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            meta["cross_validation"] = data
            meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            write_card(card, meta)
    if as_json:
        print_json(data)
    else:
        render(result)


def as_data(result: CrossValidation, command: str) -> dict[str, Any]:
    """The cross-validation as JSON-ready data (for --json and the model card)."""
    return {
        "command": command,
        "k": result.k,
        "articles": result.articles,
        "scores": result.scores,
        "by_type": result.by_type,
        "learning_curve": result.curve,
        "calibration": [
            {"low": lo, "high": hi, "ties": n, "predicted": round(p, 4), "observed": round(o, 4)}
            for lo, hi, n, p, o in result.calibration
        ],
        "ece": round(result.ece, 4),
        "ece_shown": round(result.ece_shown, 4),
        "descriptions": result.descriptions,
        "reach": {"ties": result.reach.ties, **result.reach.counts, "by_type": result.reach.by_type},
        "intervals": result.intervals,
    }


def render(result: CrossValidation) -> None:
    """The cross-validation's tables on the terminal."""

    def prf(x: dict[str, float]) -> str:
        return f"{x['precision']:.3f}  {x['recall']:.3f}  {x['f1']:.3f}"

    table = Table(
        "metric",
        "rules  P  R  F1",
        "learned  P  R  F1",
        "ceiling  P  R  F1",
        title=f"{result.k}-fold CV, {result.articles} articles (ceiling: every labelled candidate reported)",
    )
    for metric in result.scores["learned"]:
        table.add_row(metric, *(prf(result.scores[who][metric]) for who in ("rules", "learned", "ceiling")))
    out.print(table)
    spread = Table(
        "metric", "learned F1", "gain over the rules", title="95% intervals, resampling the articles"
    )
    learned, gain = result.intervals["learned"], result.intervals["learned - rules"]
    for metric, (lo, hi) in learned.items():
        spread.add_row(metric, f"{lo:.3f} – {hi:.3f}", f"{gain[metric][0]:+.3f} – {gain[metric][1]:+.3f}")
    out.print(spread)
    types = Table("tie type", "rules  P  R  F1", "learned  P  R  F1", title="typed relations by type")
    for kind, v in result.by_type.items():
        types.add_row(kind, prf(v["rules"]), prf(v["learned"]))
    out.print(types)
    reach = Table("tie type", *result.reach.counts, title="annotated ties: which a candidate carries")
    for kind, row in result.reach.by_type.items():
        reach.add_row(kind, *(str(n) for n in row.values()))
    reach.add_row("all", *(str(n) for n in result.reach.counts.values()))
    out.print(reach)
    curve = Table("training share", *result.curve[next(iter(result.curve))], title="learning curve (F1)")
    for share, scores in result.curve.items():
        curve.add_row(share, *(f"{v['f1']:.3f}" for v in scores.values()))
    out.print(curve)
    calib = Table("confidence", "ties", "predicted", "observed", title="calibration (out-of-fold ties)")
    for lo, hi, n, p, o in result.calibration:
        calib.add_row(f"{lo:.1f}–{hi:.1f}", str(n), f"{p:.3f}", f"{o:.3f}")
    out.print(calib)
    out.print(f"expected calibration error: {result.ece:.3f} (all ties), {result.ece_shown:.3f} (ties shown)")
    for who, d in result.descriptions.items():
        out.print(
            f"descriptions listed as aliases, {who}: {d['attached']} attached, {d['right']} right "
            f"(precision {d['precision']:.3f}, recall {d['recall']:.3f} of {d['answerable']})"
        )


@app.command("eval")
def eval_(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="GOLD ARTICLES...: a gold file (../shared/gold/GUIDELINES.md) and the articles it "
            "annotates; with --cv, annotation files."
        ),
    ],
    scorer: Annotated[Path, typer.Option("--scorer", help="Path to score.py.")] = DEFAULT_SCORER,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List misses and extras per article.")
    ] = False,
    model: ModelOption = None,
    tie_threshold: TieThresholdOption = None,
    cv: Annotated[
        int | None,
        typer.Option(
            "--cv", min=2, help="Cross-validate training on the annotation files, with this many folds."
        ),
    ] = None,
    articles: ArticlesOption = None,
    epochs: EpochsOption = 6,
    exclude: ExcludeOption = None,
    card: Annotated[
        Path | None, typer.Option("--card", help="With --cv: add the scores to this model folder's card.")
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Also extract with this model folder (or 'rules') and give the gain over it, article by "
            "article, with its 95% interval.",
        ),
    ] = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Extract the gold's articles and print the scorer's table (or, with --cv, cross-validate training)."""
    if cv is not None:
        if card is not None and tie_threshold is not None:
            raise fail("--card describes the model at its own threshold: run it without --tie-threshold")
        files = [Path(p) for p in paths]
        if missing := [p for p in files if not p.is_file()]:
            raise fail(f"annotation file not found: {missing[0]}")
        cv_command(
            files, articles or [str(DEFAULT_CORPUS)], scorer, cv, epochs, exclude, card, as_json, quiet,
            tie_threshold,
        )  # fmt: skip
        return
    if len(paths) < 2:
        raise fail("give the gold file and the articles it annotates (or --cv with annotation files)")
    from entramado.cli.render_eval import render_gain, render_intervals
    from entramado.config import Settings
    from entramado.jobs.evaluate import evaluate

    with errors():
        against = Settings(model=baseline) if baseline is not None else None
        chosen = Settings(model=model, tie_threshold=tie_threshold)
        result = evaluate(Path(paths[0]), paths[1:], scorer, verbose, chosen, against)
    for line in result.failures:
        err.print(f"[red]failed[/] {line}", soft_wrap=True)
    if as_json:
        extra = {"baseline": result.baseline, "gain": result.gain} if result.gain is not None else {}
        print_json({**result.scores, "intervals": result.intervals, **extra})
        return
    sys.stdout.write(result.report)
    sys.stdout.write(render_intervals(result.intervals, result.scores.get("articles")))
    if result.baseline is not None and result.gain is not None:
        sys.stdout.write(render_gain(result.scores, result.baseline, result.gain, baseline))
