// The dashboard page: plain DOM and SVG, no framework, nothing fetched from elsewhere.
// Every value from an event is put on the page as text (textContent), never as markup.
"use strict";

const TOPICS = ["tls.certificates", "tls.handshakes", "tls.sessions", "tls.agents"];
const FILTERS = ["topic", "type", "handshake", "session", "serial", "version", "suite", "alert", "result", "from", "to"];
const VIEWS = ["tail", "ladder", "sessions", "certificates", "rates", "agents"];
const MAX_ROWS = 400;      // rows drawn in the live tail
const MAX_PENDING = 5000;  // events held while paused before the page falls back to catching up over REST
const SVGNS = "http://www.w3.org/2000/svg";

const state = {
  view: "tail", filter: {}, selectedHandshake: null, selectedSession: null,
  paused: false, pending: [], lastSeq: 0, source: null, dropped: 0, caughtUp: true,
  counts: {}, selectedArrow: null, ladder: null,
};

// ---- small DOM helpers ----
function el(tag, attrs, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") n.className = v; else if (k.startsWith("on")) n[k] = v; else if (v != null) n.setAttribute(k, v);
  }
  for (const c of children) if (c != null) n.append(c instanceof Node ? c : String(c));
  return n;
}
function svg(tag, attrs, text) {
  const n = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v != null) n.setAttribute(k, v);
  if (text != null) n.textContent = String(text);
  return n;
}
const $ = id => document.getElementById(id);
function clear(n) { while (n.firstChild) n.firstChild.remove(); return n; }
function time(t) { return t ? new Date(t).toLocaleTimeString([], { hour12: false }) + "." + String(new Date(t).getMilliseconds()).padStart(3, "0") : ""; }
function date(t) { return t ? new Date(t).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z") : ""; }
function micros(us) {
  if (us == null) return "";
  if (Math.abs(us) < 1000) return us + " µs";
  if (Math.abs(us) < 1e6) return (us / 1000).toFixed(2) + " ms";
  return (us / 1e6).toFixed(2) + " s";
}
function short(id) { return id && id.length > 14 ? id.slice(0, 8) + "…" + id.slice(-4) : (id || ""); }
function idLink(kind, id) {
  if (!id) return "";
  return el("a", { class: "id", title: id, onclick: ev => { ev.stopPropagation(); open(kind, id); } }, short(id));
}
function badge(s) { return el("span", { class: "badge " + s }, s); }

async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) {
    let detail = r.statusText;
    try { detail = (await r.json()).detail || detail; } catch (e) { /* not a problem document */ }
    throw new Error(detail);
  }
  return r.json();
}

// ---- URL: view, filters and selection, so a view can be shared ----
function readUrl() {
  const q = new URLSearchParams(location.search);
  state.view = VIEWS.includes(q.get("view")) ? q.get("view") : "tail";
  state.filter = {};
  for (const f of FILTERS) if (q.get(f)) state.filter[f] = q.get(f);
  state.selectedHandshake = q.get("open-handshake");
  state.selectedSession = q.get("open-session");
}
function writeUrl() {
  const q = new URLSearchParams();
  if (state.view !== "tail") q.set("view", state.view);
  for (const [k, v] of Object.entries(state.filter)) if (v) q.set(k, v);
  if (state.selectedHandshake) q.set("open-handshake", state.selectedHandshake);
  if (state.selectedSession) q.set("open-session", state.selectedSession);
  const s = q.toString();
  history.replaceState(null, "", s ? "?" + s : location.pathname);
}
function filterQuery(extra) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(state.filter)) if (v) q.set(k, v);
  for (const [k, v] of Object.entries(extra || {})) if (v != null) q.set(k, v);
  return q.toString();
}
function fillForm() {
  const form = $("filters");
  for (const f of FILTERS) form.elements[f].value = state.filter[f] || "";
  $("export-ndjson").href = "/api/v1/events/export?" + filterQuery({ format: "ndjson" });
  $("export-csv").href = "/api/v1/events/export?" + filterQuery({ format: "csv" });
}
function setFilter(f) {
  state.filter = Object.fromEntries(Object.entries(f).filter(([, v]) => v));
  fillForm(); writeUrl(); restartTail(); refreshView();
}

// ---- the same filter, on the page, for events that arrive live ----
function matches(e) {
  const f = state.filter;
  if (f.topic && e.topic !== f.topic) return false;
  if (f.type && !e.type.startsWith(f.type)) return false;
  const d = e.data || {};
  if (f.handshake && d.handshakeId !== f.handshake && !(e.topic === "tls.handshakes" && e.subject === f.handshake)) return false;
  if (f.session && d.sessionId !== f.session && e.subject !== f.session) return false;
  if (f.serial && ![d.serial, d.serverCertificateSerial, d.certificateSerial].includes(f.serial)) return false;
  if (f.version && (d.version || d.legacyVersion) !== f.version) return false;
  if (f.suite && d.cipherSuite !== f.suite) return false;
  if (f.alert && d.alert !== f.alert) return false;
  return true;
}

// ---- views ----
function show(view) {
  state.view = view;
  for (const v of VIEWS) $("view-" + v).classList.toggle("active", v === view);
  for (const a of document.querySelectorAll("#tabs a[data-view]")) a.classList.toggle("active", a.dataset.view === view);
  writeUrl(); refreshView();
}
function open(kind, id) {
  if (kind === "handshake") { state.selectedHandshake = id; show("ladder"); }
  else if (kind === "session") { state.selectedSession = id; show("sessions"); }
  else if (kind === "serial") { setFilter({ serial: id }); show("certificates"); }
  else if (kind === "run") { show("agents"); }
}
let refreshTimer = null;
function refreshSoon(delay) {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; refreshView(); }, delay || 400);
}
function refreshView() {
  const v = state.view;
  const run = v === "ladder" ? loadLadderView : v === "sessions" ? loadSessions : v === "certificates" ? loadCertificates
    : v === "rates" ? loadRates : v === "agents" ? loadRuns : null;
  if (run) run().then(() => { $("filter-error").textContent = ""; }).catch(err => { $("filter-error").textContent = err.message; });
}

// ---- live tail ----
function summary(e) {
  const d = e.data || {};
  switch (e.type) {
    case "tls.handshake.started": return `${d.transport} connection from ${d.peer}`;
    case "tls.handshake.client-hello-received":
      return `ClientHello: ${(d.supportedVersions && d.supportedVersions.length ? d.supportedVersions : [d.legacyVersion]).join(", ")}; ${(d.cipherSuites || []).length} suites${d.serverName ? "; SNI " + d.serverName : ""}`;
    case "tls.handshake.server-hello-sent": return `${d.helloRetryRequest ? "HelloRetryRequest" : "ServerHello"}: ${d.version}, ${d.cipherSuite}${d.resumption ? ", resumed" : ""}`;
    case "tls.handshake.certificate-sent": return `Certificate ${d.serial} (${d.subject})`;
    case "tls.handshake.key-exchange-done": return `key exchange ${d.method}${d.group ? " " + d.group : ""} (${d.version})`;
    case "tls.handshake.change-cipher-spec": return `ChangeCipherSpec ${d.direction}`;
    case "tls.handshake.finished-verified": return `Finished of the ${d.sender} verified (${d.transcriptHash})`;
    case "tls.handshake.completed": return `session ${d.sessionId}: ${d.version} ${d.cipherSuite} in ${micros(d.elapsedMicros)}`;
    case "tls.handshake.failed": return `alert ${d.alert || "none"} by ${d.sentBy}: ${d.reason}`;
    case "tls.session.created": return `session ${d.sessionId} from handshake ${d.handshakeId}, certificate ${d.serverCertificateSerial}`;
    case "tls.session.closed": return `session ${d.sessionId} closed by ${d.closedBy}`;
    case "tls.session.terminated": return `session ${d.sessionId} terminated: ${d.reason}`;
    case "tls.session.keys-destroyed": return `session ${d.sessionId}: ${d.keysDestroyed} keys, ${d.bytesZeroised} bytes zeroised (${d.cause})`;
    case "tls.certificate.issued": return `${d.profile} certificate ${d.serial} for ${d.subject}`;
    case "tls.certificate.revoked": return `certificate ${d.serial} revoked: ${d.reason}`;
    case "tls.agent.run-progressed": return `${d.completed}/${d.total} done, ${d.failed} failed, p95 ${micros(d.p95Micros)}`;
    default:
      return Object.entries(d).filter(([, v]) => v != null && typeof v !== "object" && String(v).length < 80)
        .slice(0, 5).map(([k, v]) => `${k}=${v}`).join(" ");
  }
}
function tailRow(e) {
  const d = e.data || {};
  const subj = e.topic === "tls.handshakes" ? idLink("handshake", e.subject)
    : e.topic === "tls.sessions" ? idLink("session", e.subject)
    : e.topic === "tls.certificates" ? idLink("serial", e.subject) : el("span", { title: e.subject }, short(e.subject));
  return el("tr", { class: e.type.endsWith(".failed") || d.valid === false ? "failed" : "" },
    el("td", { class: "muted" }, e.sequence), el("td", { class: "mono" }, time(e.time)),
    el("td", { class: "t-" + e.topic }, e.topic.replace("tls.", "")),
    el("td", { class: "type t-" + e.topic }, e.type.replace(/^tls\./, "")),
    el("td", { class: "subject" }, subj), el("td", {}, summary(e)));
}
function addToTail(events) {
  const body = $("tail");
  const frag = document.createDocumentFragment();
  for (let i = events.length - 1; i >= 0; i--) frag.append(tailRow(events[i]));
  body.prepend(frag);
  while (body.children.length > MAX_ROWS) body.lastChild.remove();
  $("tail-empty").style.display = body.children.length ? "none" : "";
}
function count(events) {
  for (const e of events) state.counts[e.topic] = (state.counts[e.topic] || 0) + 1;
}
function drawCounters() {
  const c = clear($("counters"));
  for (const t of TOPICS) c.append(el("div", { class: "counter" }, el("b", { class: "t-" + t }, state.counts[t] || 0), el("span", {}, t + " events")));
}
function setStatus(text, cls) { const s = $("status"); s.textContent = text; s.className = "status " + (cls || ""); }

async function loadHistory() {
  const events = await getJson("/api/v1/events?" + filterQuery({ limit: 300 }));
  clear($("tail"));
  addToTail(events);
  state.lastSeq = events.length ? events[events.length - 1].sequence : await lastSequence();
}
async function lastSequence() { return (await getJson("/api/v1/stats?window=1")).total; }
async function loadCounts() {
  const s = await getJson("/api/v1/stats?window=1");
  state.counts = Object.assign({}, s.byTopic);
  drawCounters();
}

// Catch up over REST after a pause that outgrew the page's buffer, page by page, then go live again.
async function catchUp() {
  for (;;) {
    const r = await fetch("/api/v1/events?" + filterQuery({ limit: 1000, after: state.lastSeq }));
    if (!r.ok) break;
    const events = await r.json();
    if (events.length) { addToTail(events); count(events); state.lastSeq = events[events.length - 1].sequence; }
    if (r.headers.get("X-More") !== "true") break;
  }
}
function connect() {
  if (state.source) state.source.close();
  const src = new EventSource("/api/v1/events/stream?" + filterQuery({ after: state.lastSeq }));
  state.source = src;
  src.onopen = () => setStatus(state.paused ? "paused" : "live", state.paused ? "paused" : "live");
  src.onerror = () => setStatus("reconnecting…");
  src.addEventListener("dropped", m => {
    state.dropped += JSON.parse(m.data).dropped;
    $("dropped").textContent = `${state.dropped} events dropped by the server (this page read too slowly); the tables below are complete`;
  });
  src.onmessage = m => {
    const e = JSON.parse(m.data);
    if (e.sequence <= state.lastSeq) return;
    state.lastSeq = e.sequence;
    onEvent(e);
  };
}
let batch = [];
let flushQueued = false;
function onEvent(e) {
  if (state.paused) {
    state.pending.push(e);
    if (state.pending.length > MAX_PENDING) {
      // Too much to hold: stop listening and catch up from the server's kept events on resume.
      state.source.close(); state.source = null; state.caughtUp = false;
    }
    $("pending").textContent = `${state.pending.length}${state.caughtUp ? "" : "+"} new while paused`;
    return;
  }
  batch.push(e);
  if (!flushQueued) { flushQueued = true; requestAnimationFrame(flush); }
}
function flush() {
  flushQueued = false;
  const events = batch; batch = [];
  addToTail(events); count(events); drawCounters();
  liveUpdate(events);
}
function liveUpdate(events) {
  const v = state.view;
  if (v === "ladder" && events.some(e => e.topic === "tls.handshakes" || e.topic === "tls.sessions")) refreshSoon(300);
  else if (v === "sessions" && events.some(e => e.topic !== "tls.certificates")) refreshSoon(500);
  else if (v === "certificates" && events.some(e => e.topic !== "tls.agents")) refreshSoon(800);
  else if (v === "agents" && events.some(e => e.topic === "tls.agents")) refreshSoon(500);
}
async function togglePause() {
  state.paused = !state.paused;
  $("pause").textContent = state.paused ? "resume" : "pause";
  setStatus(state.paused ? "paused" : "live", state.paused ? "paused" : "live");
  if (state.paused) return;
  const held = state.pending; state.pending = [];
  $("pending").textContent = "";
  addToTail(held); count(held); drawCounters(); liveUpdate(held);
  if (!state.caughtUp) { await catchUp(); state.caughtUp = true; drawCounters(); connect(); }
}
async function restartTail() {
  if (state.source) state.source.close();
  state.pending = []; state.paused = false; state.caughtUp = true; $("pause").textContent = "pause"; $("pending").textContent = "";
  try { await loadHistory(); connect(); } catch (err) { $("filter-error").textContent = err.message; }
}

// ---- handshakes and their ladders ----
async function loadLadderView() {
  const hs = await getJson("/api/v1/handshakes?" + new URLSearchParams(Object.fromEntries(Object.entries({
    limit: 60, version: state.filter.version, serial: state.filter.serial, result: state.filter.result }).filter(([, v]) => v))));
  const body = clear($("handshakes"));
  for (const h of hs) {
    body.append(el("tr", { class: "clickable" + (h.id === state.selectedHandshake ? " selected" : ""), onclick: () => { state.selectedHandshake = h.id; writeUrl(); loadLadderView(); } },
      el("td", { class: "mono" }, time(h.startedAt)), el("td", { class: "mono", title: h.id }, short(h.id)),
      el("td", {}, h.version || ""), el("td", {}, badge(h.result)), el("td", { class: "bad" }, h.alert || "")));
  }
  const id = state.selectedHandshake || (hs[0] && hs[0].id);
  if (!id) return;
  let ladder;
  try { ladder = await getJson("/api/v1/handshakes/" + encodeURIComponent(id)); }
  catch (err) { $("ladder-title").textContent = "Handshake " + id + ": " + err.message; return; }
  drawLadder(ladder, $("ladder"), $("arrow-detail"));
  const h = ladder.handshake;
  $("ladder-title").textContent = `Handshake ${h.id}`;
  const s = clear($("ladder-summary"));
  s.append(`${h.version || "?"} · ${h.cipherSuite || "?"} · ${h.keyExchange || ""} ${h.group || ""} · ${h.transport || ""} from ${h.peer || "?"} · `,
    badge(h.result), h.durationMicros != null ? ` in ${micros(h.durationMicros)}` : "",
    h.sessionId ? el("span", {}, " · session ", idLink("session", h.sessionId)) : "",
    h.serverCertificateSerial ? el("span", {}, " · certificate ", idLink("serial", h.serverCertificateSerial)) : "");
}

// The ladder as SVG: four lanes, one row per arrow, time and delta on the left.
function drawLadder(ladder, host, detailHost) {
  state.ladder = ladder;
  const lanes = ladder.lanes, arrows = ladder.arrows;
  const left = 130, width = 980, laneGap = (width - left - 130) / (lanes.length - 1), top = 46, row = 40;
  const x = name => left + 30 + lanes.indexOf(name) * laneGap;
  const height = top + arrows.length * row + 20;
  const s = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "ladder diagram" });
  const defs = svg("defs");
  // Marker ids are per drawing: a url(#id) pointing into a hidden view's SVG would draw nothing.
  const mk = (host.id || "ladder") + "-";
  for (const [id, color] of [["head", "#4ca3e0"], ["head-bad", "#e05c5c"], ["head-sess", "#5ec27a"], ["head-ctx", "#7d8a97"]]) {
    const m = svg("marker", { id: mk + id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    m.append(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: color, stroke: "none" }));
    defs.append(m);
  }
  s.append(defs);
  for (const l of lanes) {
    s.append(svg("text", { class: "lane-label", x: x(l), y: 20 }, l));
    s.append(svg("line", { class: "lane", x1: x(l), y1: 28, x2: x(l), y2: height - 8 }));
  }
  let reselect = null;
  arrows.forEach((a, i) => {
    const y = top + i * row + 22;
    const session = a.eventType.startsWith("tls.session.") || a.eventType.startsWith("tls.agent.");
    const g = svg("g", { class: "arrow" + (a.alert ? " alert" : "") + (a.context ? " context" : "") + (session && !a.alert ? " session" : ""), "data-i": i });
    g.append(svg("rect", { class: "hit", x: 0, y: y - 26, width, height: row }));
    g.append(svg("text", { class: "time", x: 4, y: y - 6 }, a.context ? "before" : time(a.time)));
    g.append(svg("text", { class: "time", x: 4, y: y + 8 }, a.deltaMicros != null ? "+" + micros(a.deltaMicros) : (a.elapsedMicros != null ? micros(a.elapsedMicros) : "")));
    const x1 = x(a.from), x2 = x(a.to);
    const marker = `url(#${mk}${a.alert ? "head-bad" : a.context ? "head-ctx" : session ? "head-sess" : "head"})`;
    let mid;
    if (x1 === x2) {
      g.append(svg("path", { d: `M${x1},${y - 8} h28 v14 h-26`, "marker-end": marker }));
      mid = x1 + 36;
      g.append(svg("text", { class: "msg", x: mid, y: y - 2 }, a.message));
      if (a.note) g.append(svg("text", { class: "note", x: mid, y: y + 11 }, a.note));
    } else {
      g.append(svg("line", { x1, y1: y, x2: x2 + (x2 > x1 ? -2 : 2), y2: y, "marker-end": marker }));
      mid = (x1 + x2) / 2;
      g.append(svg("text", { class: "msg", x: mid, y: y - 5, "text-anchor": "middle" }, a.message));
      if (a.note) g.append(svg("text", { class: "note", x: mid, y: y + 13, "text-anchor": "middle" }, a.note.length > 90 ? a.note.slice(0, 88) + "…" : a.note));
    }
    const select = () => {
      s.querySelectorAll(".arrow.selected").forEach(n => n.classList.remove("selected"));
      g.classList.add("selected");
      host.dataset.selected = a.sequence;
      showArrow(a, detailHost);
    };
    g.addEventListener("click", select);
    s.append(g);
    if (String(a.sequence) === host.dataset.selected) reselect = select;
  });
  clear(host).append(s);
  // A live redraw keeps the message the reader opened.
  if (reselect) reselect();
  else clear(detailHost).append(el("p", { class: "muted" }, "Click a message for its decoded fields and raw bytes."));
}
function hexDump(hex) {
  const lines = [];
  for (let i = 0; i < hex.length; i += 32) {
    const chunk = hex.slice(i, i + 32);
    const bytes = chunk.match(/../g) || [];
    const ascii = bytes.map(b => { const c = parseInt(b, 16); return c >= 32 && c < 127 ? String.fromCharCode(c) : "."; }).join("");
    lines.push((i / 2).toString(16).padStart(4, "0") + "  " + bytes.join(" ").padEnd(48) + "  " + ascii);
  }
  return lines.join("\n");
}
function showArrow(a, host) {
  clear(host);
  host.append(el("h2", {}, `${a.message} — ${a.from} → ${a.to}`),
    el("p", { class: "muted" }, `${a.eventType} · ${date(a.time)}${a.elapsedMicros != null ? " · " + micros(a.elapsedMicros) + " after the start" : ""}`));
  const fields = Object.assign({}, a.fields); delete fields.rawHex;
  host.append(el("h2", {}, "decoded fields"), el("pre", {}, JSON.stringify(fields, null, 2)));
  if (a.rawHex) host.append(el("h2", {}, `raw bytes (${a.rawHex.length / 2}) as on the wire`), el("pre", { class: "hex" }, hexDump(a.rawHex)));
}

// ---- sessions, followed across their life ----
async function loadSessions() {
  const list = await getJson("/api/v1/sessions?" + new URLSearchParams(Object.fromEntries(Object.entries({ limit: 300, serial: state.filter.serial }).filter(([, v]) => v))));
  const c = clear($("session-states"));
  for (const [k, v] of Object.entries(list.states)) c.append(el("div", { class: "counter" }, el("b", {}, v), el("span", {}, k)));
  const body = clear($("sessions"));
  for (const s of list.sessions) {
    body.append(el("tr", { class: "clickable" + (s.id === state.selectedSession ? " selected" : ""), "data-session": s.id, onclick: () => { state.selectedSession = s.id; writeUrl(); loadSessions(); } },
      el("td", { class: "mono", title: s.id }, s.id), el("td", { class: "state" }, badge(s.state)),
      el("td", { class: "keys" }, s.keysDestroyed ? "yes" : "no"), el("td", {}, s.version || ""), el("td", { class: "mono" }, s.cipherSuite || ""),
      el("td", {}, idLink("serial", s.serverCertificateSerial)), el("td", { class: "mono" }, time(s.createdAt)), el("td", { class: "mono" }, time(s.endedAt)),
      el("td", {}, s.endReason || ""), el("td", {}, `${s.messagesSent}↑ ${s.messagesReceived}↓`), el("td", {}, idLink("session", s.resumedFrom))));
  }
  if (state.selectedSession) await follow(state.selectedSession);
}
async function follow(id) {
  const host = clear($("follow"));
  let life;
  try { life = await getJson("/api/v1/sessions/" + encodeURIComponent(id)); }
  catch (err) { host.append(el("p", { class: "bad" }, err.message)); return; }
  const s = life.session;
  host.append(el("h2", {}, "Session ", el("span", { class: "mono" }, s.id), " ", badge(s.state)));
  const types = new Set((life.ladder ? life.ladder.arrows : []).map(a => a.eventType));
  const steps = [
    ["handshake", !!s.handshakeId, s.handshakeId ? short(s.handshakeId) : ""],
    ["data", s.messagesSent + s.messagesReceived > 0, `${s.bytesSent + s.bytesReceived} bytes`],
    ["resumption", !!s.resumedFrom || s.resumedInto.length > 0, s.resumedFrom ? "from " + short(s.resumedFrom) : s.resumedInto.length ? s.resumedInto.length + " resumed" : ""],
    [s.state === "live" ? "close / expiry / revocation" : s.state, s.state !== "live", s.endReason || ""],
    ["keys destroyed", s.keysDestroyed, s.keysDestroyed ? s.bytesZeroised + " bytes zeroised" : "not yet"],
  ];
  const bar = el("div", { class: "steps" });
  for (const [name, done, note] of steps) {
    bar.append(el("div", { class: "step" + (done ? (name === "terminated" ? " bad" : " done") : "") }, name, el("small", {}, note)));
  }
  host.append(bar);
  if (types.has("tls.certificate.revoked")) host.append(el("p", { class: "bad" }, "Its certificate was revoked: the store terminated the session and destroyed its keys."));
  if (life.ladder) {
    const lad = el("div", { class: "ladder", id: "session-ladder" });
    const det = el("div", { class: "detail" });
    host.append(lad, det);
    drawLadder(life.ladder, lad, det);
  }
}

// ---- certificates ----
async function loadCertificates() {
  const list = await getJson("/api/v1/certificates");
  const body = clear($("certificates"));
  for (const c of list) {
    if (state.filter.serial && c.serial !== state.filter.serial.toLowerCase()) continue;
    body.append(el("tr", {},
      el("td", { class: "mono", title: c.serial }, short(c.serial)), el("td", {}, c.subject || ""), el("td", {}, c.profile || ""),
      el("td", {}, c.keyAlgorithm || ""), el("td", { class: "mono" }, date(c.notAfter)), el("td", {}, badge(c.state)),
      el("td", {}, c.handshakes),
      el("td", {}, c.sessionCount ? el("a", { class: "id", onclick: () => { setFilter({ serial: c.serial }); show("sessions"); } }, `${c.sessionCount} sessions`) : "0")));
  }
}

// ---- rates, lag and anomalies ----
function lineChart(host, series, colors, opts) {
  const w = 560, h = 140, padL = 44, padB = 16;
  const n = series.length ? series[0].length : 0;
  let max = 1;
  for (const s of series) for (const v of s) if (v != null && v > max) max = v;
  const sx = i => padL + (n <= 1 ? 0 : i * (w - padL - 6) / (n - 1));
  const sy = v => (h - padB) - v / max * (h - padB - 8);
  const g = clear(host);
  host.setAttribute("viewBox", `0 0 ${w} ${h}`);
  g.append(svg("line", { class: "axis", x1: padL, y1: h - padB, x2: w, y2: h - padB }));
  g.append(svg("text", { class: "tick", x: 2, y: 12 }, opts && opts.fmt ? opts.fmt(max) : Math.round(max)));
  g.append(svg("text", { class: "tick", x: 2, y: h - padB }, "0"));
  g.append(svg("text", { class: "tick", x: padL, y: h - 2 }, `-${n}s`));
  g.append(svg("text", { class: "tick", x: w - 30, y: h - 2 }, "now"));
  series.forEach((s, k) => {
    let d = "", pen = false;
    s.forEach((v, i) => { if (v == null || v < 0) { pen = false; return; } d += (pen ? "L" : "M") + sx(i).toFixed(1) + "," + sy(v).toFixed(1); pen = true; });
    g.append(svg("path", { d, stroke: colors[k], "stroke-width": 1.6, fill: "none" }));
  });
}
async function loadRates() {
  const [stats, anomalies] = await Promise.all([getJson("/api/v1/stats?window=120"), getJson("/api/v1/anomalies?limit=100")]);
  const r = stats.rates;
  const c = clear($("rate-counters"));
  const counter = (v, label, cls) => c.append(el("div", { class: "counter" }, el("b", { class: cls || "" }, v), el("span", {}, label)));
  counter(r.handshakesPerSecond.toFixed(2), "handshakes / s (2 min)");
  counter(r.failuresPerSecond.toFixed(2), "failures / s", r.failuresPerSecond > 0 ? "bad" : "");
  counter(micros(r.p50Micros) || "–", "p50 handshake");
  counter(micros(r.p95Micros) || "–", "p95 handshake");
  counter(stats.total, "events taken");
  counter(Object.values(stats.lag).reduce((a, b) => a + b, 0), "consumer lag");
  lineChart($("chart-hs"), [r.handshakesCompleted, r.handshakesFailed], ["#5ec27a", "#e05c5c"]);
  lineChart($("chart-lat"), [r.handshakeP50Micros, r.handshakeP95Micros], ["#4ca3e0", "#e0b44c"], { fmt: micros });
  const colors = ["#e0b44c", "#4ca3e0", "#5ec27a", "#b07ce0"];
  lineChart($("chart-topics"), TOPICS.map(t => r.eventsPerSecond[t]), colors);
  lineChart($("chart-lag"), TOPICS.map(t => r.lag[t]), colors);
  const legend = clear($("legend-topics"));
  TOPICS.forEach((t, i) => legend.append(el("span", { style: "color:" + colors[i] }, `${t} ${r.eventRatePerTopic[t].toFixed(1)}/s`)));
  const alerts = clear($("by-alert"));
  for (const [a, n] of Object.entries(r.failuresByAlert)) alerts.append(el("tr", { class: "clickable", onclick: () => { setFilter({ alert: a === "none" ? "" : a, type: "tls.handshake.failed" }); show("tail"); } }, el("td", { class: "bad" }, a), el("td", {}, n)));
  if (!alerts.children.length) alerts.append(el("tr", {}, el("td", { class: "muted" }, "no failed handshake in the window")));
  const lag = clear($("lag"));
  for (const [p, n] of Object.entries(stats.lag)) lag.append(el("tr", {}, el("td", { class: "mono" }, p), el("td", {}, n)));
  const chips = clear($("anomaly-counts"));
  for (const [k, n] of Object.entries(anomalies.counts)) chips.append(el("span", { class: "bad" }, `${k}: ${n}`));
  const body = clear($("anomalies"));
  for (const a of anomalies.anomalies) {
    const f = a.handshakeId ? { handshake: a.handshakeId } : a.sessionId ? { session: a.sessionId } : a.serial ? { serial: a.serial } : a.alert ? { alert: a.alert } : {};
    body.append(el("tr", { class: "clickable", title: "filter every view to this", onclick: () => { setFilter(f); show("tail"); } },
      el("td", { class: "mono" }, time(a.time)), el("td", { class: "bad" }, a.kind), el("td", {}, a.detail || ""),
      el("td", { class: "mono" }, short(a.handshakeId || a.sessionId || a.serial || ""))));
  }
}

// ---- client-agent runs ----
async function loadRuns() {
  const runs = await getJson("/api/v1/agents/runs");
  const body = clear($("runs"));
  $("runs-empty").style.display = runs.length ? "none" : "";
  for (const r of runs) {
    const total = Math.max(1, r.total);
    const bar = el("span", { class: "bar" }, el("i", { style: `width:${100 * r.completed / total}%` }),
      el("i", { class: "f", style: `left:${100 * r.completed / total}%;width:${100 * r.failed / total}%` }));
    body.append(el("tr", {},
      el("td", { class: "mono", title: r.id }, short(r.id)), el("td", {}, r.scenario || ""), el("td", {}, badge(r.outcome)),
      el("td", {}, bar, ` ${r.completed}/${r.total}`, r.failed ? el("span", { class: "bad" }, ` (${r.failed} failed)`) : ""),
      el("td", {}, r.handshakesPerSecond != null ? r.handshakesPerSecond.toFixed(1) + " /s" : ""),
      el("td", { class: "mono" }, `${micros(r.p50Micros)} / ${micros(r.p95Micros)} / ${micros(r.p99Micros)}`),
      el("td", {}, Object.entries(r.failuresByCause).map(([k, n]) => `${k}: ${n}`).join("; ")),
      el("td", { class: "mono" }, time(r.startedAt))));
  }
}

// ---- start ----
function init() {
  readUrl(); fillForm();
  for (const a of document.querySelectorAll("#tabs a[data-view]")) a.onclick = ev => { ev.preventDefault(); show(a.dataset.view); };
  $("filters").onsubmit = ev => {
    ev.preventDefault();
    const f = {};
    for (const name of FILTERS) f[name] = $("filters").elements[name].value.trim();
    setFilter(f);
  };
  $("clear").onclick = () => setFilter({});
  $("pause").onclick = togglePause;
  drawCounters();
  loadCounts().catch(() => {});
  show(state.view);
  restartTail();
}
init();
