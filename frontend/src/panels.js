// The side panel: what the journalist reads. An actor (aliases, ties by type, rankings), a tie (its
// evidence sentences), the paths between two actors, or the welcome summary.
import { el, replace } from "./dom.js";
import { actorButton, evidenceItem, hopItem, sentences, swatchStyle } from "./evidence.js";
import { formatDate, formatMonth, formatNumber, relationLabel, t, typeLabel } from "./i18n.js";
import { relationStyle, typeColour } from "./graph.js";
import { decisionsPanel } from "./decisions.js";
import { actorJudgement, editable, suggestions, tieBadges, tieJudgement } from "./judge.js";
import { blocItem, growingList, hitItem, shownLine } from "./lists.js";

const TIES_PAGE = 20;
const TOP_PAGE = 10; // central actors listed on the welcome panel, then ten more at a time
const TEXT_PAGE = 10; // articles per page of a text search
const BLOCS_PAGE = 10;
const BLOC_MEMBERS = 6; // members named per bloc at first; "show more" asks for up to ALL_MEMBERS
const ALL_MEMBERS = 200;
const EVIDENCE_PAGE = 20;
const RANK_KEYS = ["pagerank", "degree", "weighted_degree", "betweenness", "broker"];

export class Panels {
  /**
   * `root`: the panel element; `source`: the data source; `actions`: `{centre(actor), openActor(id),
   * openTie(relationId), showPath(path), error(err), merged(actor), changed(), gone()}`: the last two
   * redraw the graph after a judgement, and leave an actor a block took away.
   */
  constructor(root, source, actions) {
    this.root = root;
    this.source = source;
    this.actions = actions;
    this.meta = null;
    this.rerender = null; // redraws the current panel (after a language switch)
    this.history = [];
    this.opened = 0; // counts open() calls: only the latest may fill the panel
  }

  /**
   * Run a panel's render into a detached box, remembering how to redraw it, and report its errors. The
   * box replaces the panel only if no later panel was opened meanwhile: answers may arrive out of order.
   */
  async open(render, remember = true) {
    if (remember && this.rerender) this.history.push(this.rerender);
    this.rerender = render;
    const ticket = ++this.opened;
    const box = document.createElement("div");
    try {
      await render(box);
    } catch (error) {
      if (ticket === this.opened) this.actions.error(error);
      return;
    }
    if (ticket !== this.opened) return;
    replace(this.root, [...box.childNodes]);
    this.root.scrollTop = 0;
  }

  back() {
    const previous = this.history.pop();
    if (previous) this.open(previous, false);
  }

  refresh() {
    if (this.rerender) this.open(this.rerender, false);
  }

  header(title, ...extra) {
    return el(
      "div",
      { class: "panel-head" },
      this.history.length ? el("button", { type: "button", class: "link back", onclick: () => this.back() }, "‹") : null,
      el("h2", {}, title),
      ...extra,
    );
  }

  welcome(meta, topNodes) {
    return this.open(async (root) => {
      const counts = meta.counts || {};
      const duplicates = el("div", { class: "duplicates" });
      if (editable(this)) suggestions(this, duplicates); // not awaited: the panel shows while it loads
      replace(
        root,
        el("h2", {}, meta.title || "entramado"),
        el("p", {}, t("panel.welcome")),
        el(
          "p",
          { class: "muted" },
          t("panel.counts", {
            articles: formatNumber(counts.articles ?? 0),
            actors: formatNumber(counts.actors ?? 0),
            ties: formatNumber(counts.ties ?? 0),
            evidence: formatNumber(counts.evidence ?? 0),
          }),
        ),
        meta.first_date
          ? el("p", { class: "muted" }, t("panel.dates", { first: formatDate(meta.first_date), last: formatDate(meta.last_date) }))
          : null,
        topNodes.length ? el("h3", {}, t("panel.top")) : null,
        growingList("ol", { class: "top-actors" }, topNodes, TOP_PAGE, (node) =>
          el(
            "li",
            {},
            el("button", { type: "button", class: "link", onclick: () => this.actions.openActor(node.id) }, node.name),
            " ",
            typeChip(node.type),
          ),
        ),
        duplicates,
      );
    }, false);
  }

  /** The articles whose title, text or evidence holds the words, a page at a time. */
  textSearch(q) {
    return this.open(async (root) => {
      const first = await this.source.searchText(q, { offset: 0, limit: TEXT_PAGE });
      const list = el("ol", { class: "hits" });
      const line = el("div", { class: "shown-box" });
      const add = (page) => {
        for (const hit of page.hits) list.append(hitItem(hit, this.actions));
        const shown = list.children.length;
        const more = async () => {
          try {
            add(await this.source.searchText(q, { offset: shown, limit: TEXT_PAGE }));
          } catch (error) {
            this.actions.error(error);
          }
        };
        replace(line, shownLine(shown, page.total, more));
      };
      replace(
        root,
        this.header(t("text.title", { q })),
        first.total
          ? el("p", { class: "muted text-count" }, first.total === 1 ? t("text.count1") : t("text.count", { total: formatNumber(first.total) }))
          : el("p", { class: "text-none" }, t("text.none", { q })),
        list,
        line,
      );
      add(first);
    });
  }

  /** The blocs of the filtered network, largest first: leader, size, members, and whom each opposes. */
  blocs() {
    return this.open(async (root) => {
      const filters = this.actions.filters();
      const answer = await this.source.blocs(filters, { minSize: 3, members: BLOC_MEMBERS });
      let full = null;
      const allMembers = async (number) => {
        try {
          full ??= await this.source.blocs(filters, { minSize: 3, members: ALL_MEMBERS });
          return full.blocs.find((b) => b.number === number)?.members || [];
        } catch (error) {
          this.actions.error(error);
          return [];
        }
      };
      const [list, line] = growingList("ol", { class: "blocs" }, answer.blocs, BLOCS_PAGE, (bloc) => blocItem(bloc, this.actions, allMembers));
      replace(
        root,
        this.header(t("blocs.title")),
        el("p", { class: "hint" }, t("blocs.intro")),
        el(
          "p",
          { class: "muted blocs-summary" },
          t("blocs.summary", {
            listed: formatNumber(answer.blocs.length),
            total: formatNumber(answer.total),
            actors: formatNumber(answer.actors),
            oppositions: formatNumber(answer.oppositions),
          }),
        ),
        el("button", { type: "button", class: "link", onclick: () => this.actions.colourByBloc() }, t("blocs.colour")),
        answer.blocs.length ? list : el("p", {}, t("blocs.none")),
        line,
      );
    });
  }

  /** Every decision recorded, newest first, each with its undo (--allow-edits only). */
  decisions(remember = true) {
    return this.open((root) => decisionsPanel(this, root, this.header(t("decisions.title"))), remember);
  }

  /** An actor: names, figures, and their ties by type, a page at a time. */
  actor(id, remember = true) {
    return this.open(async (root) => {
      const actor = await this.source.actor(id);
      const tiesBox = el("div", { class: "ties" });
      const timelineBox = el("div", { class: "timeline-box" });
      const byType = Object.entries(actor.ties_by_type || {}).sort((a, b) => b[1] - a[1]);
      const total = byType.reduce((sum, [, n]) => sum + n, 0);
      const tabs = el("div", { class: "tabs", role: "tablist" });
      const showTab = (type, button) => {
        for (const b of tabs.children) b.setAttribute("aria-selected", String(b === button));
        this.tiesPage(actor, type, 0, tiesBox);
      };
      const tab = (type, label, count) => {
        const button = el("button", { type: "button", role: "tab", "aria-selected": "false", class: "tab" }, label, el("span", { class: "count" }, String(count)));
        button.addEventListener("click", () => showTab(type, button));
        return button;
      };
      tabs.append(tab("", t("actor.allTypes"), total));
      for (const [type, count] of byType) tabs.append(tab(type, relationLabel(type), count));

      replace(
        root,
        this.header(actor.name, typeChip(actor.type)),
        actor.aliases?.length ? el("p", { class: "aliases" }, el("strong", {}, `${t("actor.aliases")}: `), actor.aliases.join(" · ")) : null,
        actor.mentions !== null && actor.mentions !== undefined
          ? el("p", { class: "muted" }, t("actor.mentions", { mentions: formatNumber(actor.mentions), articles: formatNumber(actor.articles ?? 0) }))
          : null,
        el(
          "div",
          { class: "actions" },
          el("button", { type: "button", class: "primary", id: "centre", onclick: () => this.actions.centre(actor) }, t("actor.centre")),
          actor.bloc !== null && actor.bloc !== undefined ? el("span", { class: "chip bloc" }, t("actor.bloc", { n: actor.bloc })) : null,
        ),
        actor.rank ? rankTable(actor.rank) : null,
        el("h3", {}, t("actor.ties")),
        tabs,
        tiesBox,
        timelineBox,
        editable(this) ? actorJudgement(this, actor) : null,
      );
      showTab("", tabs.firstChild);
      this.timeline(actor.id, timelineBox); // not awaited: the panel shows while it loads
    }, remember);
  }

  /** The actor's evidence by month as bars; a bar lists that month's ties (new ones marked). */
  async timeline(id, box) {
    let answer;
    try {
      answer = await this.source.timeline(id, this.actions.filters());
    } catch (error) {
      this.actions.error(error);
      return;
    }
    const months = (answer?.months || []).filter((m) => m.month !== "undated");
    if (!months.length) return;
    const totals = months.map((m) => m.ties.reduce((sum, tie) => sum + tie.evidence, 0));
    const most = Math.max(...totals);
    const detail = el("div", { class: "month-detail" });
    const bars = el("div", { class: "timeline", role: "list" });
    const showMonth = (month, bar) => {
      for (const b of bars.children) b.setAttribute("aria-pressed", String(b === bar));
      replace(
        detail,
        el("p", { class: "muted" }, formatMonth(month.month)),
        el(
          "ul",
          { class: "tie-list" },
          month.ties.map((tie) =>
            el(
              "li",
              {},
              el(
                "button",
                { type: "button", class: "tie", onclick: () => this.actions.openTie(tie.relation_id) },
                el("span", { class: "swatch", style: swatchStyle(tie.type) }),
                el("span", { class: "tie-type" }, `${relationLabel(tie.type)} ${t(`dir.${tie.direction}`)}`),
                el("span", { class: "tie-other" }, tie.other),
                el("span", { class: "tie-figures" }, sentences(tie.evidence), tie.new ? ` · ${t("timeline.new")}` : ""),
              ),
            ),
          ),
        ),
      );
    };
    months.forEach((month, i) => {
      const label = `${formatMonth(month.month)}: ${sentences(totals[i])}`;
      const bar = el(
        "button",
        { type: "button", class: "bar", title: label, "aria-label": label, "aria-pressed": "false", role: "listitem" },
        el("span", { class: "fill", style: `height:${Math.max(8, (100 * totals[i]) / most)}%` }),
      );
      bar.addEventListener("click", () => showMonth(month, bar));
      bars.append(bar);
    });
    replace(
      box,
      el("h3", {}, t("actor.timeline")),
      bars,
      el("div", { class: "timeline-axis muted" }, el("span", {}, formatMonth(months[0].month)), el("span", {}, formatMonth(months.at(-1).month))),
      detail,
    );
  }

  async tiesPage(actor, type, offset, box) {
    try {
      const page = await this.source.ties(actor.id, { type, offset, limit: TIES_PAGE }, this.actions.filters());
      if (!page.items.length) {
        replace(box, el("p", { class: "muted" }, t("actor.noTies")));
        return;
      }
      replace(
        box,
        el(
          "ul",
          { class: "tie-list" },
          page.items.map((tie) =>
            el(
              "li",
              {},
              el(
                "button",
                { type: "button", class: "tie", dataset: { relationId: tie.relation_id }, onclick: () => this.actions.openTie(tie.relation_id) },
                el("span", { class: "swatch", style: swatchStyle(tie.type) }),
                el("span", { class: "tie-type" }, `${relationLabel(tie.type)} ${t(`dir.${tie.direction}`)}`),
                el("span", { class: "tie-other" }, tie.other.name),
                el("span", { class: "tie-figures" }, sentences(tie.evidence_count), " · ", formatNumber(tie.confidence, 2)),
              ),
            ),
          ),
        ),
        pager(page, (next) => this.tiesPage(actor, type, next, box)),
      );
    } catch (error) {
      this.actions.error(error);
    }
  }

  /** A tie: who, how, how sure, and every sentence that says so. */
  tie(relationId, remember = true) {
    return this.open(async (root) => {
      const tie = await this.source.tie(relationId, { offset: 0, limit: EVIDENCE_PAGE }, this.actions.filters());
      const judge = editable(this) ? tieJudgement(this, tie) : null;
      const arrow = tie.directed ? "→" : "↔";
      const list = el("ol", { class: "evidence-list" });
      const more = el("div", { class: "more" });
      const addPage = (page) => {
        for (const ev of page.items) {
          const item = evidenceItem(ev, tie);
          if (judge && ev.id) item.append(judge.rejectSentence(ev));
          list.append(item);
        }
        const next = page.offset + page.items.length;
        replace(
          more,
          next < page.total
            ? el("button", { type: "button", onclick: async () => {
                try {
                  addPage((await this.source.tie(relationId, { offset: next, limit: EVIDENCE_PAGE }, this.actions.filters())).evidence);
                } catch (error) {
                  this.actions.error(error);
                }
              } }, t("tie.more"), ` (${next}/${page.total})`)
            : null,
        );
      };
      replace(
        root,
        this.header(t("tie.title")),
        el(
          "p",
          { class: "tie-head" },
          actorButton(tie.source, this.actions),
          el("span", { class: "relation", style: `color:${relationStyle(tie.type).colour}` }, ` ${arrow} ${relationLabel(tie.type)} ${arrow} `),
          actorButton(tie.target, this.actions),
        ),
        el(
          "p",
          { class: "muted" },
          sentences(tie.evidence_count), " · ", articles(tie.article_count), " · ",
          t("ties.confidence", { c: formatNumber(tie.confidence, 2) }),
          tie.first_seen ? ` · ${t("ties.seen", { first: formatDate(tie.first_seen), last: formatDate(tie.last_seen) })}` : "",
        ),
        el("p", { class: "badges" }, tieBadges(tie)),
        list,
        more,
        judge?.box,
      );
      if (!tie.evidence.items.length) list.append(el("li", { class: "muted" }, t("tie.noEvidence")));
      addPage(tie.evidence);
    }, remember);
  }

  /** The paths between two actors, each hop with its ties and a few evidence sentences. */
  paths(answer) {
    return this.open(async (root) => {
      const list = el("ol", { class: "paths" });
      answer.paths.forEach((path) => {
        list.append(
          el(
            "li",
            { class: "path" },
            el("p", { class: "path-actors" }, path.actors.join(" — ")),
            el(
              "p",
              { class: "muted" },
              path.length === 1 ? t("path.hop1") : t("path.hops", { n: path.length }), " ",
              el("button", { type: "button", class: "link show-path", onclick: () => this.actions.showPath(path) }, t("path.show")),
            ),
            el("ol", { class: "hops" }, path.hops.map((hop) => hopItem(hop, this.actions))),
          ),
        );
      });
      replace(
        root,
        this.header(t("path.results", { a: answer.source, b: answer.target })),
        answer.paths.length ? list : el("p", {}, t("path.none", { hops: answer.max_hops, a: answer.source, b: answer.target })),
      );
      if (answer.paths.length) this.actions.showPath(answer.paths[0]);
    });
  }
}

function typeChip(type) {
  return el("span", { class: "chip", style: `--chip:${typeColour(type)}` }, typeLabel(type));
}

function articles(n) {
  return n === 1 ? t("ties.articles1") : t("ties.articles", { n: formatNumber(n ?? 0) });
}

function rankTable(rank) {
  return el(
    "dl",
    { class: "figures" },
    RANK_KEYS.filter((key) => rank[key] !== undefined && rank[key] !== null).map((key) => [
      el("dt", {}, t(`rank.${key}`)),
      el("dd", {}, Number.isInteger(rank[key]) ? formatNumber(rank[key]) : formatNumber(rank[key], 3)),
    ]),
  );
}

function pager(page, go) {
  if (page.total <= page.limit) return null;
  const last = Math.min(page.offset + page.items.length, page.total);
  return el(
    "div",
    { class: "pager" },
    el("button", { type: "button", disabled: page.offset === 0, onclick: () => go(Math.max(0, page.offset - page.limit)) }, t("page.prev")),
    el("span", {}, t("page.range", { from: page.offset + 1, to: last, total: page.total })),
    el("button", { type: "button", disabled: last >= page.total, onclick: () => go(page.offset + page.limit) }, t("page.next")),
  );
}
