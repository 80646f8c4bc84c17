// The explorer page: wires the data source, the graph, the filters, the search boxes and the panel.
import { DataError, openSource } from "./data.js";
import { el, replace } from "./dom.js";
import { Filters } from "./filters.js";
import { GraphView, blocColour, relationStyle, typeColour } from "./graph.js";
import { combobox } from "./combobox.js";
import { initialLanguage, language, relationLabel, setLanguage, t, translateStatic, typeLabel } from "./i18n.js";
import { editable } from "./judge.js";
import { Panels } from "./panels.js";

const EXPORT_FORMATS = ["graphml", "gexf", "cytoscape", "ftm", "csv", "neo4j"];
const LEGEND_BLOCS = 12; // as many as the bloc palette has colours before it repeats
const $ = (id) => document.getElementById(id);

const state = {
  source: null,
  meta: null,
  focus: null, // the actor whose ego network is drawn, or null for the whole (filtered) network
  centre: null, // a report's central actor, outlined in its whole network
  graph: null,
  filters: null,
  view: null,
  panels: null,
  drawing: 0,
};

/** Show an error (or any message) above the graph until the next one or a click on it. */
function notify(message, kind = "info") {
  const box = $("notice");
  replace(box, el("span", {}, message), el("button", { type: "button", class: "link close", "aria-label": t("panel.close"), onclick: () => (box.hidden = true) }, "×"));
  box.className = `notice ${kind}`;
  box.hidden = false;
}

function clearNotice() {
  $("notice").hidden = true;
}

function showError(error) {
  if (error instanceof DataError) {
    if (error.status === 0) notify(t("error.network", { detail: error.detail }), "error");
    else notify(t("error.generic", { status: error.status, detail: error.detail || t("error.notFound") }), "error");
  } else {
    notify(String(error?.message || error), "error");
    console.error(error);
  }
}

/** Fetch and draw the graph for the current focus, hops and filters. */
async function draw() {
  const ticket = ++state.drawing;
  if (state.filters.empty()) {
    state.view.show({ nodes: [], edges: [] });
    legend();
    state.view.fit();
    notify(t("graph.noTypes"));
    return;
  }
  $("loading").hidden = false;
  try {
    const graph = await state.source.graph(
      { actor: state.focus, hops: Number($("hops").value), maxNodes: state.meta.limits?.max_nodes ?? 300 },
      state.filters.value(),
    );
    if (ticket !== state.drawing) return; // a newer request superseded this one
    state.graph = graph;
    state.view.show(graph, state.focus ?? state.centre);
    legend();
    state.view.fit();
    exportLinks();
    if (graph.notice) notify(graph.notice, graph.truncated ? "warning" : "info");
    else if (!graph.edges.length) notify(t("graph.empty"));
    else clearNotice();
    summary();
  } catch (error) {
    if (ticket === state.drawing) showError(error);
  } finally {
    if (ticket === state.drawing) $("loading").hidden = true;
  }
}

function summary() {
  const { nodes, edges } = state.view.counts();
  const total = state.graph?.total_nodes ?? nodes;
  $("graph").setAttribute(
    "aria-label",
    total > nodes ? t("graph.summaryOf", { nodes, total, edges }) : t("graph.summary", { nodes, edges }),
  );
}

/** The legend: the node colours in use (types or blocs) and the tie styles in the drawing. */
function legend() {
  const present = state.view.present();
  const byBloc = state.view.colourBy === "bloc";
  const nodes = byBloc
    ? present.blocs.slice(0, LEGEND_BLOCS).map((bloc) => item(el("span", { class: "dot", style: `background:${blocColour(bloc)}` }), t("actor.bloc", { n: bloc })))
    : present.types.map((type) => item(el("span", { class: "dot", style: `background:${typeColour(type)}` }), typeLabel(type)));
  const edges = present.relations.map((type) => {
    const style = relationStyle(type);
    return item(el("span", { class: "swatch", style: `border-top: 3px ${style.line} ${style.colour}` }), relationLabel(type));
  });
  replace(
    $("legend"),
    nodes.length
      ? el(
          "div",
          {},
          el("h3", {}, byBloc ? t("legend.blocs") : t("legend.nodes")),
          el("ul", {}, nodes),
          byBloc && present.blocs.length > LEGEND_BLOCS
            ? el(
                "span",
                { class: "shown" },
                t("legend.blocsShown", { shown: LEGEND_BLOCS, total: present.blocs.length }),
                el("button", { type: "button", class: "link", onclick: () => openBlocs() }, t("shown.more")),
              )
            : null,
        )
      : null,
    edges.length ? el("div", {}, el("h3", {}, t("legend.edges")), el("ul", {}, edges), el("p", { class: "muted" }, t("legend.directed"))) : null,
  );
  function item(mark, label) {
    return el("li", {}, mark, label);
  }
}

function exportLinks() {
  if (state.source.mode !== "server") {
    $("exports").hidden = true;
    return;
  }
  const filters = state.filters.value();
  replace(
    $("export-links"),
    EXPORT_FORMATS.map((format) => el("a", { class: "button", href: state.source.exportUrl(format, filters), download: "" }, format)),
  );
}

/** Draw `id`'s ego network and open their panel. */
async function centre(actor) {
  state.focus = actor.id;
  search.set(actor);
  writeHash();
  await draw();
  state.view.select("node", actor.id);
  state.panels.actor(actor.id);
}

function writeHash() {
  const params = new URLSearchParams();
  if (state.focus !== null) params.set("actor", String(state.focus));
  if ($("hops").value !== "1") params.set("hops", $("hops").value);
  const hash = params.toString();
  history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const actor = Number(params.get("actor"));
  if (params.get("hops") === "2") $("hops").value = "2";
  return Number.isInteger(actor) && actor > 0 ? actor : null;
}

/** The drawn actors, strongest first (the welcome panel lists ten, then more on demand). */
function topNodes() {
  return [...(state.graph?.nodes || [])].sort((a, b) => (b.pagerank || 0) - (a.pagerank || 0));
}

/** On a narrow screen the tools are a drawer over the graph: open or close it. */
function toggleTools(open) {
  document.body.classList.toggle("tools-open", open);
  $("tools-toggle").setAttribute("aria-expanded", String(open));
}

/** The whole (filtered) network and the welcome panel. */
async function overview() {
  state.focus = null;
  search.set(null);
  writeHash();
  await draw();
  state.panels.history = [];
  state.panels.welcome(state.meta, topNodes());
}

function openBlocs() {
  toggleTools(false);
  state.panels.blocs();
}

function openDecisions() {
  toggleTools(false);
  state.panels.decisions();
}

function colourByBloc() {
  $("colour-by").value = "bloc";
  state.view.setColourBy("bloc");
  legend();
}

function translate() {
  translateStatic();
  $("lang").textContent = t("lang.switch");
  state.filters?.translate();
  if (state.view) legend();
  state.panels?.refresh();
  search.refresh();
}

let search;

async function start() {
  setLanguage(initialLanguage());
  translateStatic();
  $("lang").textContent = t("lang.switch");
  state.source = openSource();
  const report = state.source.mode === "report";
  $("mode-badge").hidden = !report;
  document.body.classList.toggle("report", report);
  const actions = {
    centre,
    openActor: (id) => {
      state.view.select("node", id);
      state.panels.actor(id);
    },
    openTie: (id) => {
      state.view.select("edge", id);
      state.panels.tie(id);
    },
    showPath: (path) => state.view.showPath(path),
    error: showError,
    filters: () => state.filters.value(),
    notify: (message) => notify(message),
    merged: (actor) => centre(actor),
    changed: () => draw(), // a judgement changed the graph: draw it again from the server
    gone: () => overview(), // a block took the actor away
    colourByBloc,
  };
  state.view = new GraphView($("graph"), { onNode: actions.openActor, onEdge: actions.openTie });
  const suggest = (q, limit = 10) => state.source.search(q, limit);
  search = combobox($("search"), $("search-list"), { search: suggest, onChoose: centre, onError: showError });
  const from = combobox($("path-from"), $("path-from-list"), { search: suggest, onChoose: () => {}, onError: showError });
  const to = combobox($("path-to"), $("path-to-list"), { search: suggest, onChoose: () => {}, onError: showError });

  try {
    state.meta = await state.source.meta();
  } catch (error) {
    showError(error);
    return;
  }
  if (state.meta.title) document.title = `${state.meta.title} · entramado`;
  state.panels = new Panels($("panel"), state.source, actions);
  state.panels.meta = state.meta;
  state.filters = new Filters(
    state.meta,
    () => {
      writeHash();
      draw();
    },
    { outlets: !report },
  );

  $("hops").addEventListener("change", () => {
    writeHash();
    draw();
  });
  $("colour-by").addEventListener("change", () => {
    state.view.setColourBy($("colour-by").value);
    legend();
  });
  $("overview").addEventListener("click", overview);
  $("blocs-open").addEventListener("click", openBlocs);
  $("decisions-open").hidden = !editable(state.panels); // an editor's record, with its undo
  $("decisions-open").addEventListener("click", openDecisions);
  $("text-search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = $("text-search").value.trim();
    if (q) state.panels.textSearch(q);
  });
  $("tools-toggle").addEventListener("click", () => toggleTools(!document.body.classList.contains("tools-open")));
  $("tools-close").addEventListener("click", () => toggleTools(false));
  $("lang").addEventListener("click", () => {
    setLanguage(language() === "es" ? "en" : "es");
    translate();
  });
  $("path-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const a = from.chosen();
    const b = to.chosen();
    if (!a || !b) {
      notify(t("path.pick"));
      return;
    }
    try {
      const answer = await state.source.path({ source: a.id, target: b.id, maxHops: Number($("path-hops").value) }, state.filters.value());
      toggleTools(false); // on a narrow screen, back to the graph and the panel that lists the paths
      clearNotice();
      state.panels.paths(answer);
    } catch (error) {
      showError(error);
    }
  });

  state.focus = readHash();
  state.centre = report ? state.meta.centre ?? null : null;
  let focused = null;
  if (state.focus !== null) {
    try {
      // A saved link may hold an id that a merge took away: the server redirects (308) to the
      // actor it went into, fetch follows, and the page adopts that id, in the address too.
      focused = await state.source.actor(state.focus);
      if (focused.id !== state.focus) {
        state.focus = focused.id;
        writeHash();
      }
    } catch (error) {
      showError(error);
    }
  }
  await draw();
  if (focused) {
    search.set(focused);
    state.view.select("node", focused.id);
    state.panels.actor(focused.id);
  } else if (state.focus === null) {
    await state.panels.welcome(state.meta, topNodes());
    if (state.centre !== null) await state.panels.actor(state.centre);
  }
  // Ready once the first graph is on screen: Cytoscape paints in its own animation frame.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  document.body.dataset.ready = "true";
}

start();
