// The filter column: time window, relation types, co-mentions, actor types, confidence and evidence.
import { el, replace } from "./dom.js";
import { formatDate, formatNumber, relationLabel, t, typeLabel } from "./i18n.js";
import { relationStyle, typeColour } from "./graph.js";

const DAY = 86400000;

function dayNumber(iso) {
  return Math.floor(Date.parse(`${String(iso).slice(0, 10)}T00:00:00Z`) / DAY);
}

function isoDay(n) {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

/** Build the filter controls from the API's meta, and call `onChange()` whenever one changes. */
export class Filters {
  /** `outlets`: whether to offer the outlet filter (a report's data cannot be filtered by outlet). */
  constructor(meta, onChange, { outlets = true } = {}) {
    this.meta = meta;
    this.onChange = onChange;
    this.relationTypes = (meta.relation_types || []).map((r) => r.value).filter((v) => v !== "CO_MENTION");
    this.entityTypes = meta.entity_types || [];
    // one outlet is no choice at all
    this.outlets = outlets && (meta.outlets || []).length > 1 ? meta.outlets : [];
    this.$ = (id) => document.getElementById(id);
    this.buildTime();
    this.buildChecks();
    const confidence = this.$("min-confidence");
    confidence.addEventListener("input", () => this.showConfidence());
    confidence.addEventListener("change", () => onChange());
    this.$("min-evidence").addEventListener("change", () => onChange());
    this.$("co-mentions").addEventListener("change", () => onChange());
    this.showConfidence();
  }

  buildTime() {
    const since = this.$("since");
    const until = this.$("until");
    const all = this.$("all-dates");
    const { first_date: first, last_date: last } = this.meta;
    if (!first || !last) {
      this.$("time-filter").hidden = true;
      return;
    }
    for (const input of [since, until]) {
      input.min = String(dayNumber(first));
      input.max = String(dayNumber(last));
    }
    since.value = since.min;
    until.value = until.max;
    const sync = (moved) => {
      // the two handles never cross: the one being moved pushes the other
      if (Number(since.value) > Number(until.value)) {
        if (moved === since) until.value = since.value;
        else since.value = until.value;
      }
      this.showDates();
    };
    since.addEventListener("input", () => sync(since));
    until.addEventListener("input", () => sync(until));
    for (const input of [since, until]) input.addEventListener("change", () => this.onChange());
    all.addEventListener("change", () => {
      since.disabled = until.disabled = all.checked;
      this.showDates();
      this.onChange();
    });
    this.showDates();
  }

  showDates() {
    const all = this.$("all-dates").checked;
    this.$("since-out").textContent = all ? "—" : formatDate(isoDay(Number(this.$("since").value)));
    this.$("until-out").textContent = all ? "—" : formatDate(isoDay(Number(this.$("until").value)));
  }

  showConfidence() {
    this.$("confidence-out").textContent = formatNumber(Number(this.$("min-confidence").value), 2);
  }

  buildChecks() {
    const box = (name, value, label, swatch) =>
      el(
        "label",
        { class: "check" },
        el("input", { type: "checkbox", name, value, checked: true, onchange: () => this.onChange() }),
        swatch,
        label,
      );
    replace(
      this.$("type-boxes"),
      this.relationTypes.map((type) => {
        const style = relationStyle(type);
        return box("types", type, relationLabel(type), el("span", { class: "swatch", style: `border-top: 3px ${style.line} ${style.colour}` }));
      }),
    );
    this.$("outlet-filter").hidden = !this.outlets.length;
    replace(
      this.$("outlet-boxes"),
      this.outlets.map((outlet) => box("outlets", outlet, outlet, null)),
    );
    replace(
      this.$("actor-type-boxes"),
      this.entityTypes.map((type) => box("actor_types", type, typeLabel(type), el("span", { class: "dot", style: `background:${typeColour(type)}` }))),
    );
  }

  /** Relabel after a language switch, keeping what is ticked. */
  translate() {
    const ticked = (name) => new Set([...document.querySelectorAll(`input[name=${name}]:checked`)].map((i) => i.value));
    const kept = ["types", "actor_types", "outlets"].map((name) => [name, ticked(name)]);
    this.buildChecks();
    for (const [name, values] of kept) {
      for (const input of document.querySelectorAll(`input[name=${name}]`)) input.checked = values.has(input.value);
    }
    this.showDates();
    this.showConfidence();
  }

  /** The filters as the data sources take them; a full set of boxes is no filter at all. */
  value() {
    const ticked = (name) => [...document.querySelectorAll(`input[name=${name}]:checked`)].map((i) => i.value);
    const types = ticked("types");
    const actorTypes = ticked("actor_types");
    const outlets = ticked("outlets");
    const all = this.$("all-dates").checked || this.$("time-filter").hidden;
    return {
      since: all ? null : isoDay(Number(this.$("since").value)),
      until: all ? null : isoDay(Number(this.$("until").value)),
      types: types.length === this.relationTypes.length ? null : types,
      coMentions: this.$("co-mentions").checked,
      minConfidence: Number(this.$("min-confidence").value),
      minEvidence: Math.max(1, Math.floor(Number(this.$("min-evidence").value) || 1)),
      actorTypes: actorTypes.length === this.entityTypes.length ? null : actorTypes,
      outlets: outlets.length === this.outlets.length ? null : outlets,
    };
  }

  /** Whether the filters leave nothing to draw: no tie type (co-mentions off too), actor type or outlet. */
  empty() {
    const filters = this.value();
    const noTies = filters.types !== null && filters.types.length === 0 && !filters.coMentions;
    const none = (list) => list !== null && list.length === 0;
    return noTies || none(filters.actorTypes) || none(filters.outlets);
  }
}
