// Every label of the page, in Spanish and English. `t(key, vars)` looks one up in the current language.

const STRINGS = {
  es: {
    "lang.switch": "English",
    "search.label": "Buscar un actor",
    "search.placeholder": "Buscar un actor (p. ej. Kast)…",
    "search.none": "Ningún actor coincide",
    "text.label": "Buscar en los artículos",
    "text.placeholder": "Buscar en los artículos…",
    "text.title": "Artículos con «{q}»",
    "text.count": "{total} artículos coinciden",
    "text.count1": "1 artículo coincide",
    "text.none": "Ningún artículo contiene «{q}» (han de aparecer todas las palabras: prueba con menos).",
    "text.names": "Nombra:",
    "text.moreActors": "y {n} más",
    "text.evidence": "Frases de evidencia que coinciden",
    "shown.of": "Mostrando {shown} de {total}",
    "shown.more": "Mostrar más",
    "search.shown": "{shown} de {total} actores",
    "search.refine": "escribe más letras para afinar",
    "blocs.open": "Bloques",
    "blocs.title": "Bloques y oposiciones",
    "blocs.intro": "Comunidades de los lazos que unen (alianza, militancia, cargo, reunión, candidatura, familia). Oponerse nunca une: las oposiciones se cuentan entre bloques.",
    "blocs.summary": "{listed} bloques de 3 o más actores ({total} en total, entre {actors} actores) · {oppositions} lazos de oposición entre bloques",
    "blocs.size": "{n} actores",
    "blocs.opposes": "Se opone a",
    "blocs.rival": "bloque {n} ({leader})",
    "blocs.ties": "{n} lazos",
    "blocs.ties1": "1 lazo",
    "blocs.noOpposition": "No se opone a ningún otro bloque.",
    "blocs.internal": "{n} oposiciones dentro del bloque",
    "blocs.colour": "Colorear el grafo por bloque",
    "blocs.none": "No hay bloques con estos filtros.",
    "legend.blocsShown": "{shown} de {total} bloques",
    "tools.open": "Herramientas",
    "graph.hops": "Saltos",
    "graph.colour": "Color",
    "graph.colour.type": "por tipo",
    "graph.colour.bloc": "por bloque",
    "graph.overview": "Red completa",
    "graph.empty": "No hay lazos con estos filtros.",
    "graph.noTypes": "Los filtros no dejan nada que mostrar: marca al menos una casilla de cada grupo.",
    "graph.summary": "{nodes} actores, {edges} lazos",
    "graph.summaryOf": "{nodes} de {total} actores, {edges} lazos",
    "loading": "Cargando…",
    "report.badge": "Informe",
    "filters.title": "Filtros",
    "filters.time": "Periodo",
    "filters.allDates": "todas las fechas",
    "filters.since": "Desde",
    "filters.until": "Hasta",
    "filters.types": "Tipos de relación",
    "filters.coMentions": "incluir co-menciones (no son afirmaciones)",
    "filters.actorTypes": "Tipos de actor",
    "filters.outlets": "Medios",
    "filters.strength": "Solidez",
    "filters.minConfidence": "Confianza mínima",
    "filters.minEvidence": "Frases mínimas",
    "path.title": "¿Cómo se conectan?",
    "path.from": "Desde",
    "path.to": "Hasta",
    "path.maxHops": "Saltos máx.",
    "path.find": "Buscar caminos",
    "path.pick": "Elige los dos actores de las sugerencias.",
    "path.none": "No hay camino de {hops} saltos o menos entre {a} y {b} con estos filtros.",
    "path.results": "Caminos entre {a} y {b}",
    "path.hops": "{n} saltos",
    "path.hop1": "1 salto",
    "path.show": "Resaltar en el grafo",
    "path.unavailable": "La búsqueda de caminos no está disponible en este informe.",
    "export.title": "Exportar",
    "export.hint": "La red con los filtros actuales.",
    "panel.welcome": "Busca un actor para ver su red, o pulsa un nodo o un lazo del grafo.",
    "panel.counts": "{articles} artículos · {actors} actores · {ties} lazos · {evidence} frases",
    "panel.dates": "Del {first} al {last}",
    "panel.top": "Actores más centrales",
    "panel.close": "Cerrar",
    "actor.aliases": "También llamado",
    "actor.mentions": "{mentions} menciones en {articles} artículos",
    "actor.centre": "Centrar aquí",
    "actor.ties": "Lazos",
    "actor.allTypes": "todos",
    "actor.noTies": "Sin lazos.",
    "actor.rank": "Centralidad",
    "actor.bloc": "Bloque {n}",
    "actor.timeline": "Evidencia por mes",
    "timeline.new": "nuevo",
    "rank.degree": "Grado",
    "rank.weighted_degree": "Grado ponderado",
    "rank.betweenness": "Intermediación",
    "rank.pagerank": "PageRank",
    "rank.broker": "Intermediario",
    "ties.evidence": "{n} frases",
    "ties.evidence1": "1 frase",
    "ties.articles": "{n} artículos",
    "ties.articles1": "1 artículo",
    "ties.confidence": "confianza {c}",
    "ties.seen": "{first} – {last}",
    "page.prev": "‹ Anteriores",
    "page.next": "Siguientes ›",
    "page.range": "{from}–{to} de {total}",
    "tie.title": "Evidencia",
    "tie.noEvidence": "Ninguna frase con estos filtros.",
    "tie.more": "Más frases",
    "ev.said": "según {who}",
    "ev.cue": "indicio: «{cue}»",
    "ev.article": "Artículo",
    "ev.unsafeUrl": "enlace no seguro, no se abre: {url}",
    "ev.undated": "sin fecha",
    "dir.out": "→",
    "dir.in": "←",
    "dir.both": "↔",
    "error.generic": "Error {status}: {detail}",
    "error.network": "No se pudo contactar con el servidor: {detail}",
    "error.notFound": "No encontrado.",
    "edits.title": "Fusionar",
    "edits.hint": "Otro nombre de este mismo actor:",
    "edits.merge": "Fusionar",
    "edits.done": "Fusión registrada: {b} es {a}.",
    "legend.nodes": "Actores",
    "legend.edges": "Lazos",
    "legend.directed": "con flecha: dirigido",
    "legend.blocs": "Color por bloque (Leiden)",
    "type.PERSON": "Persona",
    "type.ORGANIZATION": "Organización",
    "type.PLACE": "Lugar",
    "type.EVENT": "Evento",
    "rel.ALLY": "aliado",
    "rel.MEMBER_OF": "miembro de",
    "rel.POSITION": "cargo",
    "rel.MEETS": "reunión",
    "rel.OPPOSES": "se opone",
    "rel.PARTICIPATES_IN": "participa en",
    "rel.CANDIDATE_IN": "candidato en",
    "rel.FAMILY": "familia",
    "rel.CO_MENTION": "co-mención",
  },
  en: {
    "lang.switch": "Español",
    "search.label": "Search for an actor",
    "search.placeholder": "Search for an actor (e.g. Kast)…",
    "search.none": "No actor matches",
    "text.label": "Search the articles",
    "text.placeholder": "Search the articles…",
    "text.title": "Articles with “{q}”",
    "text.count": "{total} articles match",
    "text.count1": "1 article matches",
    "text.none": "No article holds “{q}” (every word must occur: try fewer).",
    "text.names": "Names:",
    "text.moreActors": "and {n} more",
    "text.evidence": "Matching evidence sentences",
    "shown.of": "Showing {shown} of {total}",
    "shown.more": "Show more",
    "search.shown": "{shown} of {total} actors",
    "search.refine": "type more letters to narrow it down",
    "blocs.open": "Blocs",
    "blocs.title": "Blocs and oppositions",
    "blocs.intro": "Communities of the ties that bind (ally, member, position, meeting, candidacy, family). Opposing never binds: oppositions are counted between blocs.",
    "blocs.summary": "{listed} blocs of 3 or more actors ({total} in all, among {actors} actors) · {oppositions} opposition ties between blocs",
    "blocs.size": "{n} actors",
    "blocs.opposes": "Opposes",
    "blocs.rival": "bloc {n} ({leader})",
    "blocs.ties": "{n} ties",
    "blocs.ties1": "1 tie",
    "blocs.noOpposition": "Opposes no other bloc.",
    "blocs.internal": "{n} oppositions inside the bloc",
    "blocs.colour": "Colour the graph by bloc",
    "blocs.none": "No blocs with these filters.",
    "legend.blocsShown": "{shown} of {total} blocs",
    "tools.open": "Tools",
    "graph.hops": "Hops",
    "graph.colour": "Colour",
    "graph.colour.type": "by type",
    "graph.colour.bloc": "by bloc",
    "graph.overview": "Whole network",
    "graph.empty": "No ties with these filters.",
    "graph.noTypes": "The filters leave nothing to show: tick at least one box in each group.",
    "graph.summary": "{nodes} actors, {edges} ties",
    "graph.summaryOf": "{nodes} of {total} actors, {edges} ties",
    "loading": "Loading…",
    "report.badge": "Report",
    "filters.title": "Filters",
    "filters.time": "Time window",
    "filters.allDates": "all dates",
    "filters.since": "From",
    "filters.until": "To",
    "filters.types": "Relation types",
    "filters.coMentions": "include co-mentions (not claims)",
    "filters.actorTypes": "Actor types",
    "filters.outlets": "Outlets",
    "filters.strength": "Strength",
    "filters.minConfidence": "Minimum confidence",
    "filters.minEvidence": "Minimum sentences",
    "path.title": "How are they connected?",
    "path.from": "From",
    "path.to": "To",
    "path.maxHops": "Max hops",
    "path.find": "Find paths",
    "path.pick": "Pick both actors from the suggestions.",
    "path.none": "No path of {hops} hops or fewer between {a} and {b} with these filters.",
    "path.results": "Paths between {a} and {b}",
    "path.hops": "{n} hops",
    "path.hop1": "1 hop",
    "path.show": "Highlight in the graph",
    "path.unavailable": "Path finding is not available in this report.",
    "export.title": "Export",
    "export.hint": "The network with the current filters.",
    "panel.welcome": "Search for an actor to see their network, or click a node or a tie in the graph.",
    "panel.counts": "{articles} articles · {actors} actors · {ties} ties · {evidence} sentences",
    "panel.dates": "From {first} to {last}",
    "panel.top": "Most central actors",
    "panel.close": "Close",
    "actor.aliases": "Also known as",
    "actor.mentions": "{mentions} mentions in {articles} articles",
    "actor.centre": "Centre here",
    "actor.ties": "Ties",
    "actor.allTypes": "all",
    "actor.noTies": "No ties.",
    "actor.rank": "Centrality",
    "actor.bloc": "Bloc {n}",
    "actor.timeline": "Evidence by month",
    "timeline.new": "new",
    "rank.degree": "Degree",
    "rank.weighted_degree": "Weighted degree",
    "rank.betweenness": "Betweenness",
    "rank.pagerank": "PageRank",
    "rank.broker": "Broker",
    "ties.evidence": "{n} sentences",
    "ties.evidence1": "1 sentence",
    "ties.articles": "{n} articles",
    "ties.articles1": "1 article",
    "ties.confidence": "confidence {c}",
    "ties.seen": "{first} – {last}",
    "page.prev": "‹ Previous",
    "page.next": "Next ›",
    "page.range": "{from}–{to} of {total}",
    "tie.title": "Evidence",
    "tie.noEvidence": "No sentence with these filters.",
    "tie.more": "More sentences",
    "ev.said": "according to {who}",
    "ev.cue": "cue: “{cue}”",
    "ev.article": "Article",
    "ev.unsafeUrl": "unsafe link, not opened: {url}",
    "ev.undated": "undated",
    "dir.out": "→",
    "dir.in": "←",
    "dir.both": "↔",
    "error.generic": "Error {status}: {detail}",
    "error.network": "Could not reach the server: {detail}",
    "error.notFound": "Not found.",
    "edits.title": "Merge",
    "edits.hint": "Another name of this same actor:",
    "edits.merge": "Merge",
    "edits.done": "Merge recorded: {b} is {a}.",
    "legend.nodes": "Actors",
    "legend.edges": "Ties",
    "legend.directed": "arrow: directed",
    "legend.blocs": "Colour by bloc (Leiden)",
    "type.PERSON": "Person",
    "type.ORGANIZATION": "Organisation",
    "type.PLACE": "Place",
    "type.EVENT": "Event",
    "rel.ALLY": "ally",
    "rel.MEMBER_OF": "member of",
    "rel.POSITION": "position",
    "rel.MEETS": "meets",
    "rel.OPPOSES": "opposes",
    "rel.PARTICIPATES_IN": "participates in",
    "rel.CANDIDATE_IN": "candidate in",
    "rel.FAMILY": "family",
    "rel.CO_MENTION": "co-mention",
  },
};

export const LANGUAGES = Object.keys(STRINGS);
let current = "es";

/** The language to start in: a stored choice, else the browser's, else Spanish. */
export function initialLanguage() {
  let stored = null;
  try {
    stored = window.localStorage.getItem("entramado.lang");
  } catch {
    // file:// pages in some browsers refuse storage; the browser's language is enough.
  }
  if (stored && STRINGS[stored]) return stored;
  const browser = (navigator.language || "es").slice(0, 2).toLowerCase();
  return STRINGS[browser] ? browser : "es";
}

export function setLanguage(lang) {
  current = STRINGS[lang] ? lang : "es";
  document.documentElement.lang = current;
  try {
    window.localStorage.setItem("entramado.lang", current);
  } catch {
    // see initialLanguage
  }
}

export function language() {
  return current;
}

/** The label `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const text = STRINGS[current][key] ?? STRINGS.es[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** A type or relation label: a known one translated, an unknown one shown as it is stored. */
export function typeLabel(type) {
  const key = `type.${type}`;
  return STRINGS[current][key] ? t(key) : String(type);
}

export function relationLabel(type) {
  const key = `rel.${type}`;
  return STRINGS[current][key] ? t(key) : String(type).toLowerCase().replace(/_/g, " ");
}

/** Fill every `data-i18n` element's text and `data-i18n-placeholder` input's placeholder. */
export function translateStatic(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll("[data-i18n-placeholder]")) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
}

/** A number or date in the current language's format. */
export function formatNumber(value, digits = 0) {
  return Number(value).toLocaleString(current, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatDate(iso) {
  if (!iso) return t("ev.undated");
  const date = new Date(`${String(iso).slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleDateString(current, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}

/** A `YYYY-MM` month as "mar 2025" / "Mar 2025". */
export function formatMonth(month) {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return String(month);
  return date.toLocaleDateString(current, { year: "numeric", month: "short", timeZone: "UTC" });
}
