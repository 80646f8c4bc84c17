// The editor's judgements, shown only when the server runs with --allow-edits: on a tie (confirm, wrong
// tie, change type, a sentence that does not support it) and on an actor (rename, retype, block, merge
// with, possible duplicates). Each takes an optional note; after each, the panel and the graph are
// drawn again from the server, so what the judgement changed shows at once.
import { combobox } from "./combobox.js";
import { run } from "./decide.js";
import { addTieBox } from "./decisions.js";
import { el, replace } from "./dom.js";
import { formatNumber, relationLabel, t, typeLabel } from "./i18n.js";

const ACTOR_TYPES = ["PERSON", "ORGANIZATION", "PLACE", "EVENT"];
const SUGGESTIONS = 50; // suggestions read to find this actor's; the welcome panel lists fewer
const WELCOME_SUGGESTIONS = 10;

/** Whether the page may record decisions: a server started with --allow-edits (never a report). */
export function editable(panels) {
  return Boolean(panels.meta?.allow_edits && panels.source.mode === "server");
}

function noteInput(cls) {
  return el("input", { type: "text", class: `note ${cls}`, maxlength: 2000, placeholder: t("judge.notePlaceholder"), "aria-label": t("judge.note") });
}

const noteOf = (input) => input.value.trim() || null;

/** The tie's judgement box: a note, confirm, wrong tie, change type. `rejectSentence(ev)` is per sentence. */
export function tieJudgement(panels, tie) {
  const note = noteInput("tie-note");
  const ends = { a: tie.source.name, type: tie.type, b: tie.target.name };
  const types = (panels.meta.relation_types || []).map((r) => r.value).filter((v) => v !== "CO_MENTION" && v !== tie.type);
  const select = el("select", { class: "retype-tie", "aria-label": t("judge.newType") }, types.map((v) => el("option", { value: v }, relationLabel(v))));
  const reopen = (relationId) => panels.tie(relationId, false);
  const gone = async () => {
    await panels.actor(tie.source.id, false);
    return t("judge.tieGone", { a: tie.source.name, b: tie.target.name });
  };
  const confirm = el("button", { type: "button", class: "confirm-tie", onclick: () =>
    run(panels, confirm, () => panels.source.decide("confirm", { ...ends, note: noteOf(note) }), (after) => reopen(after.relation_id)) }, t("judge.confirm"));
  const wrong = el("button", { type: "button", class: "reject-tie danger", onclick: () =>
    run(panels, wrong, () => panels.source.decide("reject", { ...ends, note: noteOf(note) }), gone) }, t("judge.wrongTie"));
  const retype = el("button", { type: "button", class: "retype-tie-go", onclick: () =>
    run(panels, retype, () => panels.source.decide("retype-tie", { a: ends.a, old: tie.type, new: select.value, b: ends.b, note: noteOf(note) }),
      (after) => reopen(after.relation_id)) }, t("judge.retypeTie"));
  const box = el(
    "div",
    { class: "judge tie-judge" },
    el("h3", {}, t("judge.tieTitle")),
    el("label", {}, t("judge.note"), note),
    el("div", { class: "actions" }, confirm, wrong),
    el("div", { class: "actions" }, select, retype),
  );
  const rejectSentence = (ev) => {
    const button = el("button", { type: "button", class: "link reject-evidence", dataset: { evidenceId: ev.id }, onclick: () =>
      run(panels, button, () => panels.source.decide("reject", { ...ends, evidence: ev.id, note: noteOf(note) }),
        (answer) => (answer.tie ? reopen(answer.tie.relation_id) : gone())) }, t("judge.notSupported"));
    return button;
  };
  return { box, rejectSentence };
}

/** What judgements changed on a tie, for its panel's head: confirmed, sentences hidden, old type. */
export function tieBadges(tie) {
  return [
    tie.confirmed ? el("span", { class: "chip confirmed" }, t("judge.confirmed")) : null,
    tie.rejected
      ? el("span", { class: "chip rejected" }, tie.rejected === 1 ? t("judge.rejectedSentence1") : t("judge.rejectedSentences", { n: formatNumber(tie.rejected) }))
      : null,
    tie.retyped_from ? el("span", { class: "chip retyped" }, t("judge.retypedFrom", { type: relationLabel(tie.retyped_from) })) : null,
  ];
}

/** The actor's judgement box: rename, retype, merge with (search), block (asked twice), duplicates. */
export function actorJudgement(panels, actor) {
  const note = noteInput("actor-note");
  const name = el("input", { type: "text", class: "rename-input", value: actor.name, maxlength: 300, "aria-label": t("judge.newName") });
  const rename = el("button", { type: "button", class: "rename-go", onclick: () => {
    const value = name.value.trim();
    if (!value || value === actor.name) return;
    run(panels, rename, () => panels.source.decide("rename", { name: actor.name, new: value, type: actor.type, note: noteOf(note) }),
      (after) => panels.actor(after.id, false));
  } }, t("judge.rename"));
  const type = el("select", { class: "retype-actor", "aria-label": t("judge.newType") },
    ACTOR_TYPES.filter((v) => v !== actor.type).map((v) => el("option", { value: v }, typeLabel(v))));
  const retype = el("button", { type: "button", class: "retype-go", onclick: () =>
    run(panels, retype, () => panels.source.decide("retype", { name: actor.name, new: type.value, type: actor.type, note: noteOf(note) }),
      (after) => panels.actor(after.id, false)) }, t("judge.retype"));

  const other = el("input", { type: "text", class: "merge-input", autocomplete: "off", role: "combobox", "aria-autocomplete": "list",
    "aria-expanded": "false", "aria-controls": "merge-list", "aria-label": t("edits.hint"), placeholder: t("judge.mergeWith") });
  const list = el("ul", { id: "merge-list", class: "suggestions", role: "listbox", hidden: true });
  const search = (q, limit = 10) => panels.source.search(q, limit);
  const picker = combobox(other, list, { search, onChoose: () => {}, onError: panels.actions.error });
  const merge = el("button", { type: "button", class: "merge-go", onclick: () => {
    const chosen = picker.chosen();
    const b = chosen ? chosen.name : other.value.trim();
    if (!b) return;
    run(panels, merge, () => panels.source.merge(actor.name, b, noteOf(note)), async (merged) => {
      await panels.actions.merged(merged);
      return t("edits.done", { a: actor.name, b });
    });
  } }, t("edits.merge"));

  const blockBox = el("div", { class: "actions block-box" });
  const askBlock = () =>
    replace(blockBox, el("button", { type: "button", class: "block danger", onclick: () => replace(
      blockBox,
      el("span", { class: "warning" }, t("judge.blockSure", { name: actor.name })),
      el("button", { type: "button", class: "block-yes danger", onclick: (event) =>
        run(panels, event.currentTarget, () => panels.source.decide("block", { name: actor.name, type: actor.type, note: noteOf(note) }),
          async (answer) => {
            await panels.actions.gone();
            return t("judge.blocked", { name: actor.name, n: formatNumber(answer.unlinked_mentions) });
          }) }, t("judge.blockYes")),
      el("button", { type: "button", class: "block-no", onclick: askBlock }, t("judge.cancel")),
    ) }, t("judge.block")));
  askBlock();

  const duplicates = el("div", { class: "duplicates" });
  suggestions(panels, duplicates, { type: actor.type, of: actor.id, note });
  return el(
    "div",
    { class: "judge actor-judge" },
    el("h3", {}, t("judge.actorTitle")),
    duplicates,
    actor.renamed_from ? el("p", { class: "muted" }, t("judge.renamedFrom", { name: actor.renamed_from })) : null,
    actor.retyped_from ? el("p", { class: "muted" }, t("judge.retypedActor", { type: typeLabel(actor.retyped_from) })) : null,
    el("label", {}, t("judge.note"), note),
    el("div", { class: "actions" }, name, rename),
    el("div", { class: "actions" }, type, retype),
    el("div", { class: "actions combobox" }, other, list, merge),
    blockBox,
    addTieBox(panels, actor, note),
  );
}

/**
 * Possible duplicates into `box`: this actor's (`of`, its type) or the best overall; each accepted
 * (merge: the more mentioned actor is kept) or declined (not the same: it never comes back).
 */
export async function suggestions(panels, box, { type = "", of = null, note = null } = {}) {
  let pairs;
  try {
    pairs = await panels.source.suggestMerges({ limit: of === null ? WELCOME_SUGGESTIONS : SUGGESTIONS, type });
  } catch (error) {
    panels.actions.error(error);
    return;
  }
  if (of !== null) pairs = pairs.filter((p) => p.keep_id === of || p.other_id === of);
  if (!pairs.length) return;
  const item = (pair) => {
    const body = { a: pair.keep, b: pair.other };
    const li = el("li", { class: "duplicate", dataset: { keep: pair.keep_id, other: pair.other_id } });
    const accept = el("button", { type: "button", class: "accept-merge", onclick: () =>
      run(panels, accept, () => panels.source.decide("merge", { ...body, note: note ? noteOf(note) : null }), async (merged) => {
        await panels.actions.merged(merged);
        return t("edits.done", { a: pair.keep, b: pair.other });
      }) }, t("judge.same"));
    const decline = el("button", { type: "button", class: "decline-merge", onclick: () =>
      run(panels, decline, () => panels.source.decide("not-same", { ...body, note: note ? noteOf(note) : null }), () => {
        li.remove();
        return t("judge.declined", { a: pair.keep, b: pair.other });
      }) }, t("judge.notSame"));
    return replace(
      li,
      el("span", { class: "pair" }, `${pair.keep} · ${pair.other}`),
      " ",
      el("span", { class: "muted" }, `${typeLabel(pair.type)} · ${formatNumber(pair.score, 2)}${pair.why?.length ? ` · ${pair.why.join("; ")}` : ""}`),
      el("span", { class: "actions" }, accept, decline),
    );
  };
  replace(box, el("h4", {}, t("judge.duplicates")), el("ul", { class: "duplicate-list" }, pairs.map(item)));
}
