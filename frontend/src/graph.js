// The network drawing: Cytoscape.js with the server's layout (preset positions), nodes coloured by
// actor type or bloc and sized by PageRank, edges styled by relation type.
import cytoscape from "cytoscape";

// Colour-blind-safe colours (Okabe–Ito) for actor types; an unknown type takes the next spare one.
const TYPE_COLOURS = {
  PERSON: "#0072B2",
  ORGANIZATION: "#E69F00",
  PLACE: "#009E73",
  EVENT: "#CC79A7",
};
const SPARE_COLOURS = ["#56B4E9", "#F0E442", "#999999", "#882255", "#44AA99"];
const BLOC_COLOURS = [
  "#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377",
  "#BBBBBB", "#EE8866", "#77AADD", "#99DDFF", "#44BB99", "#AAAA00",
];
const NO_BLOC = "#cfd4da";

// Relation types: colour and line style, so that the legend reads in black and white too.
const RELATION_STYLES = {
  ALLY: { colour: "#1b9e4b", line: "solid" },
  MEMBER_OF: { colour: "#3b6fb6", line: "solid" },
  POSITION: { colour: "#7b4fb0", line: "dashed" },
  MEETS: { colour: "#e08a00", line: "dotted" },
  OPPOSES: { colour: "#d1352b", line: "solid" },
  PARTICIPATES_IN: { colour: "#17879a", line: "dashed" },
  CANDIDATE_IN: { colour: "#8a5a2b", line: "dashed" },
  FAMILY: { colour: "#c2417f", line: "dotted" },
  CO_MENTION: { colour: "#a9afb6", line: "dotted" },
};
const SPARE_LINES = ["solid", "dashed", "dotted"];

const spare = new Map();
export function typeColour(type) {
  if (TYPE_COLOURS[type]) return TYPE_COLOURS[type];
  if (!spare.has(type)) spare.set(type, SPARE_COLOURS[spare.size % SPARE_COLOURS.length]);
  return spare.get(type);
}

export function blocColour(bloc) {
  return bloc === null || bloc === undefined ? NO_BLOC : BLOC_COLOURS[Math.abs(bloc) % BLOC_COLOURS.length];
}

const spareRelations = new Map();
export function relationStyle(type) {
  if (RELATION_STYLES[type]) return RELATION_STYLES[type];
  if (!spareRelations.has(type)) {
    const n = spareRelations.size;
    spareRelations.set(type, { colour: SPARE_COLOURS[n % SPARE_COLOURS.length], line: SPARE_LINES[n % 3] });
  }
  return spareRelations.get(type);
}

// Above this many edges, straight "haystack" edges (no arrows) keep panning and zooming smooth.
const HAYSTACK_ABOVE = 3000;
// Labels: the strongest actors in view (by PageRank) get one, at most LABELS_SHOWN at a time and none
// over another, so the overview names its main actors and zooming in names the smaller ones around;
// any actor's label shows while the pointer is on it, and the focus, selection and a path's actors
// always keep theirs. A label keeps LABEL_PX on screen whatever the zoom, so it stays readable.
const LABELS_SHOWN = 30;
const LABEL_PX = 12;
const LABEL_WIDTH_PX = 140;
const LABEL_FONT = `${LABEL_PX}px system-ui, sans-serif`; // as the node style below
const LINE_PX = LABEL_PX * 1.25; // Cytoscape's line height, and the 2 px outline on both sides

const STYLE = [
  {
    selector: "node",
    style: {
      "background-color": "data(colour)",
      width: "data(size)",
      height: "data(size)",
      // label, sizes and margins in model units, set by relabel() for the zoom of the moment
      label: "data(label)",
      "font-size": "data(fs)",
      "font-family": "system-ui, sans-serif", // LABEL_FONT measures labels in this family
      color: "#1d2430",
      "text-valign": "bottom",
      "text-margin-y": "data(my)",
      "text-outline-color": "#ffffff",
      "text-outline-width": "data(ow)",
      "text-wrap": "wrap",
      "text-max-width": "data(tw)",
      "border-width": 1,
      "border-color": "#ffffff",
    },
  },
  {
    selector: "edge",
    style: {
      width: "data(width)",
      "line-color": "data(colour)",
      "line-style": "data(line)",
      "target-arrow-color": "data(colour)",
      "target-arrow-shape": "none",
      "curve-style": "bezier",
      opacity: 0.85,
    },
  },
  { selector: "edge[?directed]", style: { "target-arrow-shape": "triangle", "arrow-scale": 0.9 } },
  // dashes cost a fifth of the first draw at 10,000 edges: a big graph's ties are told apart by colour
  { selector: "edge.haystack", style: { "curve-style": "haystack", "haystack-radius": 0, "line-style": "solid", opacity: 0.6 } },
  { selector: "node.labelled", style: { "z-index": 5 } }, // a named actor's label above the nodes around it
  { selector: "node.hover", style: { "z-index": 20 } },
  { selector: "node.focus", style: { "border-width": 4, "border-color": "#1d2430" } },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#f2b705" } },
  { selector: "edge.confirmed", style: { "underlay-color": "#2e7d32", "underlay-opacity": 0.45, "underlay-padding": 3 } },
  { selector: "edge:selected", style: { width: 6, opacity: 1, "underlay-color": "#f2b705", "underlay-opacity": 0.5, "underlay-padding": 3 } },
  { selector: ".faded", style: { opacity: 0.12, "text-opacity": 0.2 } },
  { selector: "node.on-path", style: { "border-width": 4, "border-color": "#f2b705", "z-index": 10 } },
  { selector: "edge.on-path", style: { width: 6, opacity: 1, "z-index": 10 } },
];

/** The drawing in `container`; `onNode(id)` and `onEdge(relationId)` are called on taps. */
export class GraphView {
  constructor(container, { onNode, onEdge }) {
    this.colourBy = "type";
    this.cy = cytoscape({
      container,
      style: STYLE,
      layout: { name: "preset" },
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
    });
    this.cy.on("tap", "node", (event) => onNode(Number(event.target.data("actorId"))));
    this.cy.on("tap", "edge", (event) => onEdge(Number(event.target.data("relationId"))));
    this.cy.on("tap", (event) => {
      if (event.target === this.cy) this.clearPath();
    });
    this.strongest = []; // the nodes, strongest first
    this.labelled = new Set();
    this.hovered = null;
    let pending = false;
    const relabelSoon = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        this.relabel();
      });
    };
    this.cy.on("viewport", relabelSoon);
    this.cy.on("select unselect", "node", relabelSoon);
    this.cy.on("mouseover", "node", (event) => {
      this.hovered = event.target;
      event.target.addClass("hover");
      this.relabel();
    });
    this.cy.on("mouseout", "node", (event) => {
      this.hovered = null;
      event.target.removeClass("hover");
      this.relabel();
    });
    window.__cy = this.cy; // for the browser tests and for curious users in the console
  }

  /** Draw a graph answer of the API (`{nodes, edges}` with server positions); `focus` is outlined. */
  show(graph, focus = null) {
    const cy = this.cy;
    const ranks = graph.nodes.map((n) => n.pagerank || 0);
    const low = Math.min(...ranks, 0);
    const high = Math.max(...ranks, 0);
    const size = (rank) => 14 + (high > low ? ((rank - low) / (high - low)) ** 0.5 : 0.5) * 34;
    const haystack = graph.edges.length > HAYSTACK_ABOVE;
    const spread = spreadOf(graph.nodes);
    const elements = [];
    for (const node of graph.nodes) {
      elements.push({
        group: "nodes",
        data: {
          id: `n${node.id}`,
          actorId: node.id,
          name: node.name,
          type: node.type,
          bloc: node.bloc ?? null,
          pagerank: node.pagerank || 0,
          size: size(node.pagerank || 0),
          colour: this.colourOf(node),
          ...NO_LABEL,
        },
        position: { x: (node.x ?? 0) * spread, y: (node.y ?? 0) * spread },
        classes: node.id === focus ? "focus" : "",
      });
    }
    for (const edge of graph.edges) {
      const style = relationStyle(edge.type);
      elements.push({
        group: "edges",
        data: {
          id: `e${edge.id}`,
          relationId: edge.id,
          source: `n${edge.source}`,
          target: `n${edge.target}`,
          type: edge.type,
          directed: Boolean(edge.directed) && !haystack,
          colour: style.colour,
          line: style.line,
          width: 1.5 + Math.min(4, Math.log2(1 + (edge.evidence_count || 1))),
        },
        // a tie a person confirmed is drawn with a green halo, so the judgement shows in the graph
        classes: [haystack ? "haystack" : "", edge.confirmed ? "confirmed" : ""].join(" ").trim(),
      });
    }
    cy.batch(() => {
      cy.elements().remove();
      cy.add(elements);
    });
    this.strongest = cy.nodes().sort((a, b) => b.data("pagerank") - a.data("pagerank")).toArray();
    this.labelled = new Set();
    this.hovered = null;
    // the first frame of this graph, as a mark that benchmarks read (navigation to a drawn graph)
    cy.one("render", () => performance.mark("entramado:drawn"));
    // Big graphs: while panning or zooming, move a bitmap and leave the edges out (the renderer reads
    // these two init options from its own fields, so they can follow the graph's size).
    const renderer = cy.renderer();
    renderer.textureOnViewport = haystack;
    renderer.hideEdgesOnViewport = haystack;
    document.getElementById("graph").dataset.drawn = String(Date.now());
  }

  /** Fit the drawing to its container (call it once the legend below has its final size). */
  fit() {
    const cy = this.cy;
    cy.resize();
    // The box of the node positions, not cy.fit(): that measures every label first (1 s at 2,000 nodes).
    const nodes = cy.nodes();
    if (!nodes.length) return;
    let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
    nodes.forEach((node) => {
      const { x, y } = node.position();
      const r = node.data("size") / 2;
      [x1, y1, x2, y2] = [Math.min(x1, x - r), Math.min(y1, y - r), Math.max(x2, x + r), Math.max(y2, y + r + 16)];
    });
    const padding = 40;
    const zoom = Math.min(
      1.5, // a handful of nodes: do not blow them up to fill the screen
      (cy.width() - 2 * padding) / Math.max(1, x2 - x1),
      (cy.height() - 2 * padding) / Math.max(1, y2 - y1),
    );
    cy.viewport({ zoom, pan: { x: (cy.width() - zoom * (x1 + x2)) / 2, y: (cy.height() - zoom * (y1 + y2)) / 2 } });
    this.relabel();
  }

  /**
   * Label the actors that must be named (hovered, focus, selected, on a path), then the strongest in
   * view whose label would not cover another, up to LABELS_SHOWN; clear the labels of the rest.
   */
  relabel() {
    const cy = this.cy;
    const zoom = cy.zoom();
    const view = cy.extent();
    const placed = [];
    const chosen = new Set();
    const must = cy.nodes(".focus, :selected, .on-path").toArray();
    if (this.hovered && this.hovered.inside()) must.unshift(this.hovered);
    for (const node of must) {
      chosen.add(node);
      placed.push(labelBox(node, zoom));
    }
    for (const node of this.strongest) {
      if (chosen.size >= LABELS_SHOWN + must.length) break;
      if (chosen.has(node) || node.removed()) continue;
      const { x, y } = node.position();
      if (x < view.x1 || x > view.x2 || y < view.y1 || y > view.y2) continue;
      const box = labelBox(node, zoom);
      if (placed.some((other) => overlap(box, other))) continue;
      placed.push(box);
      chosen.add(node);
    }
    const style = { fs: LABEL_PX / zoom, tw: LABEL_WIDTH_PX / zoom, ow: 2 / zoom, my: 3 / zoom };
    cy.batch(() => {
      for (const node of this.labelled) {
        if (!chosen.has(node) && !node.removed()) node.data(NO_LABEL).removeClass("labelled");
      }
      for (const node of chosen) node.data({ label: node.data("name") || "", ...style }).addClass("labelled");
    });
    this.labelled = chosen;
  }

  colourOf(node) {
    return this.colourBy === "bloc" ? blocColour(node.bloc) : typeColour(node.type);
  }

  setColourBy(mode) {
    this.colourBy = mode;
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        n.data("colour", this.colourOf({ type: n.data("type"), bloc: n.data("bloc") }));
      });
    });
  }

  /** The node types and blocs present, for the legend. */
  present() {
    const types = new Set();
    const blocs = new Set();
    const relations = new Set();
    this.cy.nodes().forEach((n) => {
      types.add(n.data("type"));
      if (n.data("bloc") !== null) blocs.add(n.data("bloc"));
    });
    this.cy.edges().forEach((e) => relations.add(e.data("type")));
    return { types: [...types].sort(), blocs: [...blocs].sort((a, b) => a - b), relations: [...relations].sort() };
  }

  select(kind, id) {
    this.cy.elements().unselect();
    const element = this.cy.$id(`${kind === "node" ? "n" : "e"}${id}`);
    if (element.nonempty()) element.select();
  }

  /**
   * Highlight a path (`hops` of the API's path answer), adding the actors and ties the drawing lacks
   * beside their neighbours on the path.
   */
  showPath(path) {
    const cy = this.cy;
    this.clearPath();
    const step = 80;
    let last = null;
    cy.batch(() => {
      const ids = [path.hops[0]?.source_id, ...path.hops.map((h) => h.target_id)].filter((x) => x !== undefined);
      const names = new Map(path.hops.flatMap((h) => [[h.source_id, h.source], [h.target_id, h.target]]));
      ids.forEach((id, i) => {
        let node = cy.$id(`n${id}`);
        if (node.empty()) {
          const from = last ? last.position() : { x: 0, y: 0 };
          node = cy.add({
            group: "nodes",
            data: { id: `n${id}`, actorId: id, name: names.get(id), type: "", bloc: null, pagerank: 0, size: 22, colour: NO_BLOC, ...NO_LABEL },
            position: { x: from.x + step, y: from.y + (i % 2 ? step / 2 : -step / 2) },
          });
        }
        node.addClass("on-path");
        last = node;
      });
      for (const hop of path.hops) {
        for (const tie of hop.ties) {
          let edge = cy.$id(`e${tie.relation_id}`);
          if (edge.empty()) {
            const style = relationStyle(tie.type);
            const forward = tie.direction !== "backward";
            edge = cy.add({
              group: "edges",
              data: {
                id: `e${tie.relation_id}`,
                relationId: tie.relation_id,
                source: `n${forward ? hop.source_id : hop.target_id}`,
                target: `n${forward ? hop.target_id : hop.source_id}`,
                type: tie.type,
                directed: tie.direction !== "both",
                colour: style.colour,
                line: style.line,
                width: 2,
              },
            });
          }
          edge.addClass("on-path");
        }
      }
      cy.elements().not(".on-path").addClass("faded");
    });
    cy.animate({ fit: { eles: cy.elements(".on-path"), padding: 60 }, duration: 300 });
  }

  clearPath() {
    this.cy.elements().removeClass("on-path faded");
    this.relabel();
  }

  counts() {
    return { nodes: this.cy.nodes().length, edges: this.cy.edges().length };
  }
}

const NO_LABEL = { label: "", fs: LABEL_PX, tw: LABEL_WIDTH_PX, ow: 2, my: 3 };

const textWidths = new Map();
let measure = null;

/** The width of `text` in the labels' font, in pixels (measured once per name). */
function textWidth(text) {
  if (!textWidths.has(text)) {
    measure ??= document.createElement("canvas").getContext("2d");
    measure.font = LABEL_FONT;
    textWidths.set(text, measure.measureText(text).width);
  }
  return textWidths.get(text);
}

/** Where a node's label would sit on screen (pixels): below the node, as wide as its text, wrapped,
 * with its outline and a pixel of room around it. */
function labelBox(node, zoom) {
  const { x, y } = node.renderedPosition();
  const text = textWidth(node.data("name") || "");
  const width = Math.min(LABEL_WIDTH_PX, text) + 6;
  const lines = Math.max(1, Math.ceil(text / LABEL_WIDTH_PX));
  const top = y + (node.data("size") * zoom) / 2 + 1;
  return [x - width / 2, top, x + width / 2, top + lines * LINE_PX + 6];
}

function overlap(a, b) {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** A scale for the server's coordinates: whatever their unit, room for the nodes and their labels. */
function spreadOf(nodes) {
  if (nodes.length < 2) return 1;
  const xs = nodes.map((n) => n.x ?? 0);
  const ys = nodes.map((n) => n.y ?? 0);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  const extent = Math.max(width, height);
  if (!(extent > 0)) return 1;
  return Math.max(500, 130 * Math.sqrt(nodes.length)) / extent;
}
