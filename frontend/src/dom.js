// DOM building for untrusted data: text goes in through textContent only, never as HTML.

/**
 * `el("a", {class: "x", href: url, onclick: fn}, "text", child)`: an element whose children are
 * nodes or strings (added as text nodes). Attributes are set one by one; `on*` keys add listeners.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Empty `node` and put `children` in it. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** The URL when it is an absolute http(s) URL, else null: a `javascript:` or `data:` URL is never a link. */
export function safeHttpUrl(url) {
  if (typeof url !== "string" || !url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An external link that opens in a new tab without giving the article's site a handle on this page. */
export function externalLink(url, text) {
  const href = safeHttpUrl(url);
  if (!href) return null;
  return el("a", { href, target: "_blank", rel: "noopener noreferrer" }, text);
}

/**
 * The sentence as text nodes with `<mark>` elements over the highlighted character ranges
 * (`[{start, end, cls}]`); overlapping or out-of-range ranges are dropped, never trusted.
 */
export function highlighted(sentence, ranges) {
  const text = String(sentence ?? "");
  const fragment = document.createDocumentFragment();
  const sorted = (ranges || [])
    .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.end > r.start)
    .sort((a, b) => a.start - b.start);
  let at = 0;
  for (const range of sorted) {
    if (range.start < at || range.end > text.length) continue;
    if (range.start > at) fragment.append(document.createTextNode(text.slice(at, range.start)));
    fragment.append(el("mark", { class: range.cls }, text.slice(range.start, range.end)));
    at = range.end;
  }
  if (at < text.length) fragment.append(document.createTextNode(text.slice(at)));
  return fragment;
}

/** `fn` called once `ms` after the last of a burst of calls. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
