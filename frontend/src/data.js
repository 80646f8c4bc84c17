// Where the page's data comes from: the JSON API of `entramado serve`, or the data embedded in a
// standalone report (`entramado report`). Both answer the same questions with the same shapes.

/** An error the page shows: an HTTP status (0 when the server could not be reached) and its detail. */
export class DataError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
    this.detail = detail;
  }
}

/** The filter state as the API's query parameters (only what differs from the defaults). */
export function filterParams(filters, params = new URLSearchParams()) {
  if (filters.since) params.set("since", filters.since);
  if (filters.until) params.set("until", filters.until);
  for (const type of filters.types || []) params.append("types", type);
  if (filters.coMentions) params.set("co_mentions", "true");
  if (filters.minConfidence > 0) params.set("min_confidence", String(filters.minConfidence));
  if (filters.minEvidence > 1) params.set("min_evidence", String(filters.minEvidence));
  for (const type of filters.actorTypes || []) params.append("actor_types", type);
  for (const outlet of filters.outlets || []) params.append("outlets", outlet);
  return params;
}

/** The JSON API of `entramado serve`, on the page's own origin. */
export class ApiSource {
  constructor(base = "/api") {
    this.base = base;
    this.mode = "server";
  }

  async get(path, params) {
    const query = params && [...params].length ? `?${params}` : "";
    return this.request(`${this.base}${path}${query}`, { headers: { Accept: "application/json" } });
  }

  async request(url, init) {
    let response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      throw new DataError(0, String(error.message || error));
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      // an answer that is not JSON (a proxy's error page): its status is all we have
    }
    if (!response.ok) {
      const detail = body && body.detail !== undefined ? body.detail : response.statusText;
      throw new DataError(response.status, typeof detail === "string" ? detail : describeDetail(detail));
    }
    return body;
  }

  async meta() {
    const meta = await this.get("/meta");
    this.token = meta.edit_token || null; // kept here, never in the page's markup or address
    return meta;
  }

  search(q, limit = 10) {
    return this.get("/search", new URLSearchParams({ q, limit: String(limit) }));
  }

  /** Articles whose title, text or evidence holds every word of `q`: `{query, total, offset, hits}`. */
  searchText(q, { offset = 0, limit = 10 } = {}) {
    return this.get("/search/text", new URLSearchParams({ q, offset: String(offset), limit: String(limit) }));
  }

  /** The blocs of the filtered network, largest first, each with whom it opposes. */
  blocs(filters = {}, { minSize = 3, members = 6 } = {}) {
    const params = new URLSearchParams({ min_size: String(minSize), members: String(members) });
    return this.get("/blocs", filterParams(filters, params));
  }

  actor(id) {
    return this.get(`/actors/${encodeURIComponent(id)}`);
  }

  // The side panel lists what the graph shows: the same filters, so a time window re-counts the
  // ties and keeps only the sentences inside it.
  ties(id, { type = "", offset = 0, limit = 50 } = {}, filters = {}) {
    const params = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    if (type) params.set("type", type);
    return this.get(`/actors/${encodeURIComponent(id)}/ties`, filterParams(filters, params));
  }

  tie(relationId, { offset = 0, limit = 20 } = {}, filters = {}) {
    const params = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    return this.get(`/ties/${encodeURIComponent(relationId)}`, filterParams(filters, params));
  }

  timeline(id, filters = {}) {
    return this.get(`/actors/${encodeURIComponent(id)}/timeline`, filterParams(filters));
  }

  graph({ actor = null, hops = 1, maxNodes = 300 } = {}, filters = {}) {
    const params = new URLSearchParams();
    if (actor !== null) params.set("actor", String(actor));
    params.set("hops", String(hops));
    params.set("max_nodes", String(maxNodes));
    return this.get("/graph", filterParams(filters, params));
  }

  path({ source, target, maxHops = 4, paths = 3, evidence = 2 }, filters = {}) {
    const params = new URLSearchParams({
      source: String(source),
      target: String(target),
      max_hops: String(maxHops),
      paths: String(paths),
      evidence: String(evidence),
    });
    return this.get("/path", filterParams(filters, params));
  }

  exportUrl(format, filters = {}) {
    const query = filterParams(filters).toString();
    return `${this.base}/export/${encodeURIComponent(format)}${query ? `?${query}` : ""}`;
  }

  /** Pairs of actors likely one, best first: `[{keep_id, keep, other_id, other, type, score, why}]`. */
  suggestMerges({ limit = 20, type = "" } = {}) {
    const params = new URLSearchParams({ limit: String(limit) });
    if (type) params.set("type", type);
    return this.get("/suggest-merges", params);
  }

  /**
   * Record a decision (`kind`: merge, not-same, reject, confirm, retype-tie, rename, retype, block,
   * unblock, undo) with the session token /api/meta gave this page: the server refuses a decision
   * without it, and no page of another origin can read it.
   */
  decide(kind, body) {
    return this.request(`${this.base}/decisions/${encodeURIComponent(kind)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-Entramado-Token": this.token || "" },
      body: JSON.stringify(body),
    });
  }

  merge(a, b, note = null) {
    return this.decide("merge", { a, b, note });
  }

  /** Every recorded decision, oldest first: `{items: [{id, kind, a_name, b_name, detail, author, created_at, note}]}`. */
  decisions() {
    return this.get("/decisions");
  }
}

/** FastAPI's 422 detail is a list of problems; one line per problem is readable enough. */
function describeDetail(detail) {
  if (Array.isArray(detail)) {
    return detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ");
  }
  return JSON.stringify(detail);
}

/** Lower case without accents, so that "Jose" finds "José". */
export function fold(text) {
  return String(text ?? "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/**
 * The data a standalone report embeds: `{meta, graph, actors, ties}`. It answers the API's questions
 * from that data alone (no network), filtering the embedded graph in the browser.
 */
export class EmbeddedSource {
  constructor(data) {
    this.mode = "report";
    this.data = data;
    this.actors = data.actors || {};
    this.tieDetails = data.ties || {};
    this.nodes = new Map((data.graph?.nodes || []).map((n) => [n.id, n]));
    this.edges = data.graph?.edges || [];
  }

  async meta() {
    return this.data.meta;
  }

  async search(q, limit = 10) {
    const words = fold(q).split(/\s+/).filter(Boolean);
    if (!words.length) return { items: [], total: 0 };
    const candidates = Object.values(this.actors);
    for (const node of this.nodes.values()) {
      if (!this.actors[node.id]) candidates.push({ ...node, aliases: [], mentions: 0, articles: 0 });
    }
    const items = candidates.filter((actor) => {
      const names = [actor.name, ...(actor.aliases || [])].map(fold);
      // every word of the query is the start of a word of one of the actor's names
      return names.some((name) => {
        const nameWords = name.split(/[\s\-.,]+/);
        return words.every((w) => nameWords.some((nw) => nw.startsWith(w)));
      });
    });
    items.sort((a, b) => (b.mentions || 0) - (a.mentions || 0) || a.name.localeCompare(b.name));
    return { items: items.slice(0, limit), total: items.length };
  }

  async actor(id) {
    const node = this.nodes.get(Number(id));
    const actor = this.actors[id] || (node && { ...node, aliases: [], mentions: null, articles: null, rank: null });
    if (!actor) throw new DataError(404, `no actor ${id} in this report`);
    // the ties this report holds, so that the counts match the lists the panel shows
    const byType = {};
    for (const edge of this.edges) {
      if (edge.source === Number(id) || edge.target === Number(id)) byType[edge.type] = (byType[edge.type] || 0) + 1;
    }
    return { ...actor, ties_by_type: byType };
  }

  async ties(id, { type = "", offset = 0, limit = 50 } = {}) {
    const actorId = Number(id);
    const items = [];
    for (const edge of this.edges) {
      if (edge.source !== actorId && edge.target !== actorId) continue;
      if (type && edge.type !== type) continue;
      const otherId = edge.source === actorId ? edge.target : edge.source;
      const other = this.nodes.get(otherId) || { id: otherId, name: String(otherId), type: "" };
      const direction = !edge.directed ? "both" : edge.source === actorId ? "out" : "in";
      items.push({
        relation_id: edge.id,
        type: edge.type,
        direction,
        other: { id: other.id, name: other.name, type: other.type },
        evidence_count: edge.evidence_count,
        article_count: edge.article_count,
        confidence: edge.confidence,
        first_seen: edge.first_seen,
        last_seen: edge.last_seen,
      });
    }
    items.sort((a, b) => b.evidence_count - a.evidence_count || a.other.name.localeCompare(b.other.name));
    return { total: items.length, offset, limit, items: items.slice(offset, offset + limit) };
  }

  async tie(relationId, { offset = 0, limit = 20 } = {}) {
    const tie = this.tieDetails[relationId];
    if (!tie) throw new DataError(404, `no tie ${relationId} in this report`);
    const all = tie.evidence?.items || [];
    return { ...tie, evidence: { total: all.length, offset, limit, items: all.slice(offset, offset + limit) } };
  }

  /** A report embeds no timelines: the panel leaves that section out. */
  async timeline() {
    return null;
  }

  /** The edges that pass the filters, as the server would choose them (its counts are not re-made). */
  filteredEdges(filters) {
    const types = filters.types && filters.types.length ? new Set(filters.types) : null;
    const actorTypes = filters.actorTypes && filters.actorTypes.length ? new Set(filters.actorTypes) : null;
    return this.edges.filter((edge) => {
      if (edge.type === "CO_MENTION" ? !filters.coMentions : types && !types.has(edge.type)) return false;
      if ((edge.confidence ?? 1) < (filters.minConfidence || 0)) return false;
      if ((edge.evidence_count ?? 1) < (filters.minEvidence || 1)) return false;
      // a tie seen within [first_seen, last_seen] may have evidence in the window: keep it
      if (filters.since && edge.last_seen && edge.last_seen.slice(0, 10) < filters.since) return false;
      if (filters.until && edge.first_seen && edge.first_seen.slice(0, 10) > filters.until) return false;
      if (actorTypes) {
        const a = this.nodes.get(edge.source);
        const b = this.nodes.get(edge.target);
        if (!a || !b || !actorTypes.has(a.type) || !actorTypes.has(b.type)) return false;
      }
      return this.nodes.has(edge.source) && this.nodes.has(edge.target);
    });
  }

  async graph({ actor = null, hops = 1 } = {}, filters = {}) {
    const edges = this.filteredEdges(filters);
    let keep;
    if (actor !== null) {
      const start = Number(actor);
      if (!this.nodes.has(start)) throw new DataError(404, `no actor ${actor} in this report`);
      keep = new Set([start]);
      let frontier = [start];
      const adjacency = adjacencyOf(edges);
      for (let depth = 0; depth < hops; depth++) {
        const next = [];
        for (const id of frontier) {
          for (const { other } of adjacency.get(id) || []) {
            if (!keep.has(other)) {
              keep.add(other);
              next.push(other);
            }
          }
        }
        frontier = next;
      }
    } else {
      keep = new Set(edges.flatMap((e) => [e.source, e.target]));
      if (!edges.length && !filtersActive(filters)) keep = new Set(this.nodes.keys());
    }
    const nodes = [...keep].map((id) => this.nodes.get(id)).filter(Boolean);
    const chosen = edges.filter((e) => keep.has(e.source) && keep.has(e.target));
    return { nodes, edges: chosen, truncated: false, notice: null, total_nodes: nodes.length };
  }

  /** The shortest paths (fewest hops, up to `paths` of them) by breadth-first search over the embedded ties. */
  async path({ source, target, maxHops = 4, paths = 3, evidence = 2 }, filters = {}) {
    const a = Number(source);
    const b = Number(target);
    const name = (id) => this.nodes.get(id)?.name ?? this.actors[id]?.name ?? String(id);
    const answer = { source: name(a), target: name(b), max_hops: maxHops, paths: [] };
    const edges = this.filteredEdges(filters);
    const adjacency = adjacencyOf(edges);
    const depth = new Map([[a, 0]]);
    const parents = new Map([[a, []]]);
    let frontier = [a];
    while (frontier.length && !depth.has(b)) {
      const next = [];
      for (const id of frontier) {
        const d = depth.get(id);
        if (d >= maxHops) continue;
        for (const { other } of adjacency.get(id) || []) {
          if (!depth.has(other)) {
            depth.set(other, d + 1);
            parents.set(other, [id]);
            next.push(other);
          } else if (depth.get(other) === d + 1 && !parents.get(other).includes(id)) {
            parents.get(other).push(id);
          }
        }
      }
      frontier = next;
    }
    if (!depth.has(b) || a === b) return answer;
    const found = [];
    const walk = (id, suffix) => {
      if (found.length >= paths) return;
      if (id === a) {
        found.push([a, ...suffix]);
        return;
      }
      for (const parent of parents.get(id)) walk(parent, [id, ...suffix]);
    };
    walk(b, []);
    answer.paths = found.map((ids) => {
      const hops = [];
      let distance = 0;
      for (let i = 0; i + 1 < ids.length; i++) {
        const [u, v] = [ids[i], ids[i + 1]];
        const ties = (adjacency.get(u) || [])
          .filter((x) => x.other === v)
          .map(({ edge }) => {
            const direction = !edge.directed ? "both" : edge.source === u ? "forward" : "backward";
            const items = (this.tieDetails[edge.id]?.evidence?.items || []).slice(0, evidence);
            return {
              relation_id: edge.id,
              type: edge.type,
              direction,
              confidence: edge.confidence,
              evidence_count: edge.evidence_count,
              article_count: edge.article_count,
              evidence: items.map((ev) => ({
                sentence: ev.sentence,
                highlights: ev.highlights,
                cue: ev.cue,
                attributed_to: ev.attributed_to,
                date: ev.date,
                ...(ev.article || {}),
              })),
            };
          });
        const weight = ties.reduce((sum, tie) => sum + (tie.confidence || 0), 0);
        distance += weight > 0 ? 1 / weight : 1;
        hops.push({ source_id: u, source: name(u), target_id: v, target: name(v), ties });
      }
      return { actors: ids.map(name), length: ids.length - 1, distance, hops };
    });
    return answer;
  }

  exportUrl() {
    return null;
  }

  /** A report holds no article texts and no blocs: the page hides both controls. */
  async searchText() {
    throw new DataError(501, "a report cannot search the articles");
  }

  async blocs() {
    throw new DataError(501, "a report holds no blocs");
  }

  async merge() {
    throw new DataError(403, "a report cannot be edited");
  }

  async decide() {
    throw new DataError(403, "a report cannot be edited");
  }

  async decisions() {
    return { items: [] };
  }

  async suggestMerges() {
    return [];
  }
}

function adjacencyOf(edges) {
  const adjacency = new Map();
  const link = (from, other, edge) => {
    if (!adjacency.has(from)) adjacency.set(from, []);
    adjacency.get(from).push({ other, edge });
  };
  for (const edge of edges) {
    link(edge.source, edge.target, edge);
    link(edge.target, edge.source, edge);
  }
  return adjacency;
}

function filtersActive(filters) {
  return Boolean(
    filters.since ||
      filters.until ||
      (filters.types && filters.types.length) ||
      filters.minConfidence > 0 ||
      filters.minEvidence > 1 ||
      (filters.actorTypes && filters.actorTypes.length),
  );
}

/** The report's embedded data when the page is a standalone report, else the server's API. */
export function openSource() {
  const embedded = document.getElementById("entramado-data");
  if (embedded) {
    // JSON.parse of the script's text: the data is never evaluated as code or markup.
    return new EmbeddedSource(JSON.parse(embedded.textContent));
  }
  return new ApiSource();
}
