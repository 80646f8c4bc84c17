// Lists the panel shows beyond an actor or a tie: full-text search hits and the blocs with whom they
// oppose; and the line every list that stops before its end carries ("Showing 10 of 28", more).
import { el, externalLink, highlighted, replace } from "./dom.js";
import { formatDate, formatNumber, relationLabel, t } from "./i18n.js";
import { blocColour } from "./graph.js";

const RIVALS_SHOWN = 3; // rival blocs listed per bloc before "show more"

/**
 * "Showing `shown` of `total`", with a "Show more" button calling `more()` while some are left (and
 * `more` is given); nothing when the list is whole.
 */
export function shownLine(shown, total, more) {
  if (shown >= total) return null;
  const button = more ? el("button", { type: "button", class: "show-more", onclick: () => more() }, t("shown.more")) : null;
  return el("p", { class: "shown" }, el("span", { class: "shown-count" }, t("shown.of", { shown: formatNumber(shown), total: formatNumber(total) })), button);
}

/** A list that shows `page` items at a time out of `items`, `render(item)` each, with its shown line. */
export function growingList(tag, attrs, items, page, render) {
  const list = el(tag, attrs);
  const line = el("div", { class: "shown-box" });
  let shown = 0;
  const more = () => {
    for (const item of items.slice(shown, shown + page)) list.append(render(item));
    shown = Math.min(items.length, shown + page);
    replace(line, shownLine(shown, items.length, more));
  };
  more();
  return [list, line];
}

function marks(snippet) {
  return (snippet?.marks || []).map(([start, end]) => ({ start, end, cls: "a" }));
}

/** One article of a text search: title, outlet and date, the matching passage, actors named, evidence. */
export function hitItem(hit, actions) {
  const title = hit.title || hit.doc_id;
  const where = [hit.outlet, hit.published ? formatDate(hit.published) : null].filter(Boolean).join(" · ");
  const hidden = (hit.actor_count || 0) - hit.actors.length;
  return el(
    "li",
    { class: "hit", dataset: { articleId: hit.article_id } },
    el("p", { class: "hit-title" }, externalLink(hit.url, title) || title),
    where ? el("p", { class: "muted" }, where) : null,
    el("p", { class: "snippet" }, highlighted(hit.snippet?.text, marks(hit.snippet))),
    hit.actors.length
      ? el(
          "p",
          { class: "named" },
          el("span", { class: "muted" }, `${t("text.names")} `),
          hit.actors.map((actor) =>
            el("button", { type: "button", class: "link actor", dataset: { actorId: actor.id }, onclick: () => actions.centre(actor) }, actor.name),
          ),
          hidden > 0 ? el("span", { class: "muted" }, t("text.moreActors", { n: formatNumber(hidden) })) : null,
        )
      : null,
    hit.evidence.length
      ? el(
          "ul",
          { class: "hit-evidence" },
          hit.evidence.map((ev) =>
            el(
              "li",
              {},
              ev.relation_id
                ? el("button", { type: "button", class: "link", onclick: () => actions.openTie(ev.relation_id) }, `${ev.source} → ${relationLabel(ev.type)} → ${ev.target}`)
                : el("strong", {}, `${ev.source} → ${relationLabel(ev.type)} → ${ev.target}`),
              ": ",
              highlighted(ev.sentence?.text, marks(ev.sentence)),
            ),
          ),
        )
      : null,
  );
}

/**
 * One bloc: its number and colour, size, leader (a button that centres the graph on them), other
 * members, and the blocs it opposes with the number of OPPOSES ties, strongest pairs on hover.
 * `allMembers(number)` fetches the bloc's longer member list when asked.
 */
export function blocItem(bloc, actions, allMembers) {
  const leader = bloc.members[0];
  const memberButton = (m) => el("button", { type: "button", class: "link actor", onclick: () => actions.centre(m) }, m.name);
  const members = el("p", { class: "bloc-members" });
  const showMembers = (listed) => {
    const others = listed.slice(1);
    replace(
      members,
      others.flatMap((m, i) => (i ? [", ", memberButton(m)] : [memberButton(m)])),
      shownLine(listed.length, bloc.size, listed.length < bloc.size && listed.length === bloc.members.length ? async () => showMembers(await allMembers(bloc.number)) : null),
    );
  };
  showMembers(bloc.members);
  const rivalItem = (o) =>
    el(
      "li",
      { title: o.pairs.map((p) => `${p.member} ✕ ${p.rival}`).join("\n") },
      t("blocs.rival", { n: o.bloc, leader: o.leader }),
      " · ",
      el("span", { class: "count" }, o.ties === 1 ? t("blocs.ties1") : t("blocs.ties", { n: formatNumber(o.ties) })),
      o.pairs.length ? el("span", { class: "muted" }, ` (${o.pairs.slice(0, 2).map((p) => `${p.member} ✕ ${p.rival}`).join("; ")})`) : null,
    );
  const [list, line] = growingList("ul", { class: "opposes" }, bloc.opposes, RIVALS_SHOWN, rivalItem);
  return el(
    "li",
    { class: "bloc-item", dataset: { bloc: bloc.number } },
    el(
      "p",
      { class: "bloc-head" },
      el("span", { class: "dot", style: `background:${blocColour(bloc.number)}` }),
      el("strong", {}, t("actor.bloc", { n: bloc.number })),
      el("span", { class: "muted" }, t("blocs.size", { n: formatNumber(bloc.size) })),
      leader ? el("button", { type: "button", class: "link actor leader", onclick: () => actions.centre(leader) }, leader.name) : null,
    ),
    members,
    bloc.opposes.length ? [el("p", { class: "opposes-title muted" }, `${t("blocs.opposes")}:`), list, line] : el("p", { class: "muted" }, t("blocs.noOpposition")),
    bloc.internal_oppositions ? el("p", { class: "muted" }, t("blocs.internal", { n: formatNumber(bloc.internal_oppositions) })) : null,
  );
}
