// How evidence reads: each sentence with the two actors' names marked, then its outlet, date, speaker,
// cue and article; and the hops of a path with their ties and sentences.
import { el, externalLink, highlighted, safeHttpUrl } from "./dom.js";
import { formatDate, formatNumber, relationLabel, t } from "./i18n.js";
import { relationStyle } from "./graph.js";

export function swatchStyle(type) {
  const style = relationStyle(type);
  return `border-top: 3px ${style.line} ${style.colour}`;
}

export function sentences(n) {
  return n === 1 ? t("ties.evidence1") : t("ties.evidence", { n: formatNumber(n ?? 0) });
}

export function actorButton(actor, actions) {
  return el("button", { type: "button", class: "link actor", onclick: () => actions.openActor(actor.id) }, actor.name);
}

/** One evidence sentence: both actors' names marked, then outlet, date, speaker, cue and the article. */
export function evidenceItem(ev, tie) {
  const ranges = (ev.highlights || []).map((h) => ({
    start: h.start,
    end: h.end,
    cls: h.actor_id === tie.source.id ? "a" : "b",
  }));
  const article = ev.article || {};
  return el(
    "li",
    { class: "evidence" },
    el("blockquote", {}, highlighted(ev.sentence, ranges)),
    sourceLine({ ...ev, ...article }),
  );
}

/** Outlet · date · who said it · cue, and the article's title as a link when its URL is http(s). */
function sourceLine(ev) {
  const bits = [];
  if (ev.outlet) bits.push(el("span", { class: "outlet" }, ev.outlet));
  bits.push(el("span", { class: "date" }, formatDate(ev.date || ev.published)));
  if (ev.attributed_to) bits.push(el("span", { class: "said" }, t("ev.said", { who: ev.attributed_to })));
  if (ev.cue) bits.push(el("span", { class: "cue" }, t("ev.cue", { cue: ev.cue })));
  const title = ev.title || ev.doc_id || t("ev.article");
  const link = externalLink(ev.url, title);
  return el(
    "div",
    { class: "source" },
    el("p", { class: "muted" }, bits.flatMap((bit, i) => (i ? [" · ", bit] : [bit]))),
    el(
      "p",
      { class: "article" },
      link || el("span", { class: "article-title" }, title),
      ev.url && !safeHttpUrl(ev.url) ? el("span", { class: "unsafe" }, ` (${t("ev.unsafeUrl", { url: ev.url })})`) : null,
    ),
  );
}

export function hopItem(hop, actions) {
  return el(
    "li",
    { class: "hop" },
    el("p", { class: "hop-head" }, actorButton({ id: hop.source_id, name: hop.source }, actions), " → ", actorButton({ id: hop.target_id, name: hop.target }, actions)),
    el(
      "ul",
      { class: "hop-ties" },
      hop.ties.map((tie) => {
        const arrow = { forward: "→", backward: "←", both: "↔" }[tie.direction] || "";
        return el(
          "li",
          {},
          el(
            "button",
            { type: "button", class: "tie", onclick: () => actions.openTie(tie.relation_id) },
            el("span", { class: "swatch", style: swatchStyle(tie.type) }),
            el("span", { class: "tie-type" }, `${relationLabel(tie.type)} ${arrow}`),
            el("span", { class: "tie-figures" }, sentences(tie.evidence_count), " · ", formatNumber(tie.confidence, 2)),
          ),
          el(
            "ul",
            { class: "evidence-list compact" },
            (tie.evidence || []).map((ev) =>
              el("li", { class: "evidence" }, el("blockquote", {}, highlighted(ev.sentence, nameRanges(ev.sentence, [hop.source, hop.target]))), sourceLine(ev)),
            ),
          ),
        );
      }),
    ),
  );
}

/** Where the two actors' names (or, failing that, their last word) occur in a path's evidence sentence. */
function nameRanges(sentence, names) {
  const text = String(sentence ?? "");
  const lower = text.toLowerCase();
  const ranges = [];
  names.forEach((name, i) => {
    const candidates = [name, String(name).split(/\s+/).pop()];
    for (const candidate of candidates) {
      const at = candidate ? lower.indexOf(String(candidate).toLowerCase()) : -1;
      if (at >= 0) {
        ranges.push({ start: at, end: at + candidate.length, cls: i ? "b" : "a" });
        break;
      }
    }
  });
  return ranges;
}
