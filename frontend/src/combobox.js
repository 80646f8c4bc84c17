// An actor input with suggestions: debounced search, arrow keys, Enter to choose, Escape to close.
import { debounce, el, replace } from "./dom.js";
import { t, typeLabel } from "./i18n.js";

/**
 * Wire `input` and its `list` (a `role=listbox` element) to `search(q) → {items}`; `onChoose(actor)`
 * is called with the chosen actor. `chosen()` gives the last chosen actor while the text still matches it.
 */
export function combobox(input, list, { search, onChoose, onError, delay = 150 }) {
  let items = [];
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
      );
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(items.length ? 0 : -1);
  };

  const lookUp = debounce(async (q) => {
    const ticket = ++asked;
    try {
      const answer = await search(q);
      if (ticket !== asked || input.value.trim() !== q) return; // a newer query is on its way
      items = answer.items || [];
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
