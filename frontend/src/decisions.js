// The editor's record in the page (--allow-edits only): every decision, newest first, each with an undo
// asked once more before it runs; and, on an actor's panel, a tie the extractor missed added from a
// sentence of a stored article. Undoing a block is how the page unblocks a name.
import { combobox } from "./combobox.js";
import { el, replace } from "./dom.js";
import { formatDateTime, formatNumber, relationLabel, t } from "./i18n.js";
import { growingList } from "./lists.js";
import { run } from "./decide.js";

const PAGE = 20;
// The decisions about a tie carry its type in `detail.type` (retype_tie: the old one and `detail.new`).
const TIE_KINDS = new Set(["reject", "confirm", "add_tie", "retype_tie"]);

/** What a decision was about, in words: "A · aliado → se opone · B", "A · B", or "A". */
function about(d) {
  const detail = d.detail || {};
  const type = TIE_KINDS.has(d.kind) && detail.type
    ? relationLabel(detail.type) + (detail.new ? ` → ${relationLabel(detail.new)}` : "")
    : null;
  return [d.a_name, type, d.b_name].filter(Boolean).join(" · ");
}

/** Every decision into `root`, newest first, each undoable. */
export async function decisionsPanel(panels, root, header) {
  const answer = await panels.source.decisions();
  const items = [...answer.items].reverse();
  const item = (d) => {
    const li = el("li", { class: "decision", dataset: { number: d.id, kind: d.kind } });
    const box = el("span", { class: "actions" });
    const ask = () => replace(box, el("button", { type: "button", class: "undo", onclick: () => replace(
      box,
      el("span", { class: "warning" }, t("decisions.undoSure", { n: d.id, kind: t(`kind.${d.kind}`) })),
      el("button", { type: "button", class: "undo-yes danger", onclick: (event) =>
        run(panels, event.currentTarget, () => panels.source.decide("undo", { number: d.id }), async () => {
          await panels.decisions(false);
          return t("decisions.undone", { n: d.id, kind: t(`kind.${d.kind}`), about: about(d) });
        }) }, t("decisions.undoYes")),
      el("button", { type: "button", class: "undo-no", onclick: ask }, t("judge.cancel")),
    ) }, t("decisions.undo")));
    ask();
    return replace(
      li,
      el("span", { class: "decision-head" }, el("strong", {}, `#${d.id} ${t(`kind.${d.kind}`)}`), " ", el("span", { class: "pair" }, about(d))),
      el("span", { class: "muted" }, [d.author, formatDateTime(d.created_at)].filter(Boolean).join(" · ")),
      d.note ? el("span", { class: "note-text" }, `«${d.note}»`) : null,
      box,
    );
  };
  const [list, line] = growingList("ul", { class: "decision-list" }, items, PAGE, item);
  replace(
    root,
    header,
    el("p", { class: "hint" }, t("decisions.intro")),
    items.length
      ? [el("p", { class: "muted decisions-count" }, items.length === 1 ? t("decisions.count1") : t("decisions.count", { n: formatNumber(items.length) })), list, line]
      : el("p", { class: "decisions-none" }, t("decisions.none")),
  );
}

/**
 * "Add a tie" on `actor`'s panel: the other actor (a search box), which way, a type, the article's doc id
 * and the exact sentence; `note` is the panel's note field. The server's refusal (a sentence not in the
 * article, say) is shown in the box as well as in the notice.
 */
export function addTieBox(panels, actor, note) {
  const other = el("input", { type: "text", class: "add-tie-other", autocomplete: "off", role: "combobox", "aria-autocomplete": "list",
    "aria-expanded": "false", "aria-controls": "add-tie-list", "aria-label": t("addTie.other"), placeholder: t("addTie.other") });
  const list = el("ul", { id: "add-tie-list", class: "suggestions", role: "listbox", hidden: true });
  const picker = combobox(other, list, { search: (q, limit = 10) => panels.source.search(q, limit), onChoose: () => {}, onError: panels.actions.error });
  const direction = el("select", { class: "add-tie-direction", "aria-label": t("addTie.direction") },
    el("option", { value: "out" }, t("addTie.out", { name: actor.name })),
    el("option", { value: "in" }, t("addTie.in", { name: actor.name })));
  const types = (panels.meta.relation_types || []).map((r) => r.value).filter((v) => v !== "CO_MENTION");
  const type = el("select", { class: "add-tie-type", "aria-label": t("addTie.type") }, types.map((v) => el("option", { value: v }, relationLabel(v))));
  const article = el("input", { type: "text", class: "add-tie-article", maxlength: 300, placeholder: t("addTie.articleHint"), "aria-label": t("addTie.article") });
  const sentence = el("textarea", { class: "add-tie-sentence", rows: 3, maxlength: 5000, placeholder: t("addTie.sentenceHint"), "aria-label": t("addTie.sentence") });
  const problem = el("p", { class: "add-tie-error error", hidden: true });
  const go = el("button", { type: "button", class: "add-tie-go primary", onclick: () => {
    const chosen = picker.chosen();
    const b = chosen ? chosen.name : other.value.trim();
    const body = { type: type.value, article: article.value.trim(), sentence: sentence.value.trim(), note: note.value.trim() || null };
    problem.hidden = true;
    if (!b || !body.article || !body.sentence) {
      replace(problem, t("addTie.missing"));
      problem.hidden = false;
      return;
    }
    const [a, z] = direction.value === "out" ? [actor.name, b] : [b, actor.name];
    run(panels, go, () => panels.source.decide("add-tie", { a, b: z, ...body }), async (tie) => {
      await panels.tie(tie.relation_id);
      return t("addTie.done", { a: tie.source.name, type: relationLabel(tie.type), b: tie.target.name });
    }, (error) => {
      replace(problem, error.detail || String(error.message || error));
      problem.hidden = false;
    });
  } }, t("addTie.go"));
  return el(
    "details",
    { class: "add-tie" },
    el("summary", {}, t("addTie.title")),
    el(
      "div",
      { class: "add-tie-form" },
      el("p", { class: "hint" }, t("addTie.intro")),
      el("div", { class: "actions combobox" }, other, list),
      el("div", { class: "actions" }, direction, type),
      el("label", {}, t("addTie.article"), article),
      el("label", {}, t("addTie.sentence"), sentence),
      problem,
      el("div", { class: "actions" }, go),
    ),
  );
}
