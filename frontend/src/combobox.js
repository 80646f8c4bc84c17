// An actor input with suggestions: debounced search, arrow keys, Enter to choose, Escape to close.
import { debounce, el, replace } from "./dom.js";
import { formatNumber, t, typeLabel } from "./i18n.js";

const MORE_LIMIT = 50; // the API's largest page of suggestions

/**
 * Wire `input` and its `list` (a `role=listbox` element) to `search(q, limit) → {items, total}`;
 * `onChoose(actor)` is called with the chosen actor. `chosen()` gives the last chosen actor while the
 * text still matches it. When more actors match than are listed, the list's last line says how many,
 * and offers more (up to MORE_LIMIT), then to type more letters.
 */
export function combobox(input, list, { search, onChoose, onError, delay = 150 }) {
  let items = [];
  let total = 0;
  let active = -1;
  let chosen = null;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const highlight = (index) => {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
    if (index >= 0 && list.children[index]) {
      input.setAttribute("aria-activedescendant", list.children[index].id);
      list.children[index].scrollIntoView({ block: "nearest" });
    }
  };

  const choose = (actor) => {
    chosen = actor;
    input.value = actor.name;
    close();
    onChoose(actor);
  };

  const render = () => {
    if (!items.length) {
      replace(list, el("li", { class: "empty", role: "option", "aria-disabled": "true" }, t("search.none")));
    } else {
      replace(
        list,
        items.map((actor, i) =>
          el(
            "li",
            {
              id: `${list.id}-${i}`,
              role: "option",
              "aria-selected": "false",
              dataset: { actorId: actor.id },
              // mousedown, not click: the input's blur would close the list first
              onmousedown: (event) => {
                event.preventDefault();
                choose(actor);
              },
            },
            el("span", { class: "name" }, actor.name),
            el("span", { class: "meta" }, typeLabel(actor.type), actor.mentions ? ` · ${actor.mentions}` : ""),
          ),
        ),
        total > items.length
          ? el(
              "li",
              { class: "more", role: "presentation" },
              t("search.shown", { shown: formatNumber(items.length), total: formatNumber(total) }),
              items.length < MORE_LIMIT
                ? el("button", { type: "button", class: "link", onmousedown: (event) => {
                    event.preventDefault(); // keep the focus (and the list) in the input
                    lookUp(input.value.trim(), MORE_LIMIT);
                  } }, t("shown.more"))
                : el("span", {}, ` · ${t("search.refine")}`),
            )
          : null,
      );
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(items.length ? 0 : -1);
  };

  const lookUp = debounce(async (q, limit = undefined) => {
    const ticket = ++asked;
    try {
      const answer = await search(q, limit);
      if (ticket !== asked || input.value.trim() !== q) return; // a newer query is on its way
      items = answer.items || [];
      total = answer.total ?? items.length;
      render();
    } catch (error) {
      if (ticket === asked) onError?.(error);
    }
  }, delay);

  input.addEventListener("input", () => {
    chosen = null;
    const q = input.value.trim();
    if (!q) {
      items = [];
      total = 0;
      close();
      return;
    }
    lookUp(q);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (list.hidden) {
        if (items.length) render();
        event.preventDefault();
        return;
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      if (items.length) highlight((active + step + items.length) % items.length);
      event.preventDefault();
    } else if (event.key === "Enter") {
      if (!list.hidden && active >= 0 && items[active]) {
        event.preventDefault();
        choose(items[active]);
      }
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));

  return {
    chosen: () => (chosen && input.value === chosen.name ? chosen : null),
    set(actor) {
      chosen = actor;
      input.value = actor ? actor.name : "";
    },
    refresh() {
      if (!list.hidden) render();
    },
  };
}
