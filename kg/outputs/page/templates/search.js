// govkg page: the legend and the filters, the search, and the start (the files render.py's SCRIPTS lists, last).
// ---- legend, type filters and area filter ----
function buildLegend() {
  var counts = TYPES.map(function () { return 0; });
  NODES.forEach(function (n) { counts[n.t] += 1; });
  TYPES.forEach(function (type, t) {
    var box = el("input", {type: "checkbox", "data-type": String(t)});
    box.checked = true;
    box.addEventListener("change", function () { typeOn[t] = box.checked; applyFilters(); });
    $("types").appendChild(el("label", {}, [box, swatch(type), STYLE[type].zh + " " + type, el("span", {"class": "count", text: String(counts[t])})]));
  });
  Object.keys(DATA.edgeStyle).forEach(function (kind) {
    var st = DATA.edgeStyle[kind], svg = document.createElementNS(SVGNS, "svg"), line = document.createElementNS(SVGNS, "line");
    svg.setAttribute("width", "24"); svg.setAttribute("height", "8");
    line.setAttribute("x1", "0"); line.setAttribute("y1", "4"); line.setAttribute("x2", "24"); line.setAttribute("y2", "4");
    line.setAttribute("stroke", st.color); line.setAttribute("stroke-width", String(Math.max(1.5, st.width)));
    if (st.dashes) line.setAttribute("stroke-dasharray", "4 3");
    svg.appendChild(line);
    $("edge-legend").appendChild(el("div", {}, [svg, st.zh + " " + kind]));
  });
}
function buildAreaFilter() {
  var list = $("area-filter"), filled = false;
  list.appendChild(el("option", {value: "", text: "全部 · all"}));
  list.appendChild(el("option", {value: "part:review", text: "回顾部分 · review"}));
  list.appendChild(el("option", {value: "part:plan", text: "安排部分 · plan"}));
  function fill() {   // every section and topic, added when the list is first used: thousands on a large graph
    if (filled) return;
    filled = true;
    reportIds.forEach(function (r) {
      var group = el("optgroup", {label: reportIds.length > 1 ? reportName(r) + " · " + NODES[r].l : NODES[r].l});
      var areas = subtree(r).filter(function (a) { return a !== r; });
      areas.sort(function (a, b) { return NODES[a].o - NODES[b].o; }).forEach(function (a) {
        var text = new Array(depth(a)).join("\u3000") + short(NODES[a].l, 24) + " (" + held(a) + ")";
        group.appendChild(el("option", {value: String(a), text: text}));
      });
      list.appendChild(group);
    });
  }
  ["mousedown", "focus", "keydown"].forEach(function (type) { list.addEventListener(type, fill); });
  list.addEventListener("change", function () { setAreaFilter(list.value); });
}

// ---- search: every node of every report, by name or alias ----
var keys = null;
function search(q) {
  q = q.trim().toLowerCase();
  if (!q) return [];
  if (!keys) keys = NODES.map(function (n) { return [n.l].concat(n.a || []).map(function (k) { return k.toLowerCase(); }); });
  var found = [];
  for (var i = 0; i < N; i++) {
    var best = 9, alias = "";
    for (var k = 0; k < keys[i].length; k++) {
      var key = keys[i][k], rank = key === q ? 0 : key.indexOf(q) === 0 ? 1 : key.indexOf(q) > 0 ? 2 : 9;
      if (rank < best) { best = rank; alias = k ? NODES[i].a[k - 1] : ""; }
    }
    if (best < 9) found.push({i: i, rank: best, alias: alias});
  }
  found.sort(function (a, b) {
    return a.rank - b.rank || NODES[a.i].l.length - NODES[b.i].l.length || a.i - b.i;
  });
  return found.slice(0, 15);
}
var hits = [], active = 0;
function suggestionPlace(i) {   // what a suggestion is and, in a corpus, which report draws it
  var n = NODES[i], report = reportIds.length > 1 && n.t !== REPORT ? reportName(homeReport(i)) : "";
  if (n.t === AREA) return short((report ? report + " › " : "") + NODES[n.up].l, 22);
  return STYLE[TYPES[n.t]].zh + (report ? " · " + report : "");
}
function renderSuggestions() {
  var ul = $("suggestions");
  ul.textContent = "";
  hits.forEach(function (h, k) {
    var n = NODES[h.i], li = el("li", {role: "option", "data-node": String(h.i), "class": k === active ? "active" : ""},
      [swatch(TYPES[n.t]), el("span", {text: n.l}), h.alias ? el("span", {"class": "muted", text: "别名 " + h.alias}) : null,
       el("span", {"class": "kind", text: suggestionPlace(h.i)})]);
    li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(h.i); });
    ul.appendChild(li);
  });
  if (!hits.length && $("search").value.trim()) ul.appendChild(el("li", {"class": "muted", text: "没有找到 · nothing found"}));
  ul.hidden = !$("search").value.trim();
}
function pick(i) { $("suggestions").hidden = true; $("search").blur(); focusNode(i); }
function bindControls() {
  $("search").addEventListener("input", function () { hits = search(this.value); active = 0; renderSuggestions(); });
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      active = Math.max(0, Math.min(hits.length - 1, active + (ev.key === "ArrowDown" ? 1 : -1)));
      renderSuggestions(); ev.preventDefault();
    } else if (ev.key === "Enter" && hits.length) pick(hits[active].i);
    else if (ev.key === "Escape") $("suggestions").hidden = true;
  });
  $("search").addEventListener("blur", function () { $("suggestions").hidden = true; });
  $("close").addEventListener("click", function () { $("panel").hidden = true; select(-1); });
  $("fit").addEventListener("click", function () { if (current >= 0) fitView(); });
  $("overview").addEventListener("click", function () { showOverview(true); });
  $("mode").addEventListener("click", function () { drawView(current, mode === "outline" ? "whole" : "outline"); });
}

// ---- the start: a corpus's table of reports drawn at once, from OVERVIEW (set before these files, by render.py);
// then the data read (the block after this script) and the first view made ready: that table, or the report's tree ----
window.govkg = {};
function firstDrawing() { if (!window.govkg.readyAt) window.govkg.readyAt = performance.now(); }
function afterPaint(fn) { requestAnimationFrame(function () { setTimeout(fn, 0); }); }
function start(data) {
  buildIndexes(data);
  present = new Uint8Array(N); shown = new Uint8Array(N);
  posX = new Float64Array(N); posY = new Float64Array(N); roomOf = new Float64Array(N);
  typeOn = TYPES.map(function () { return true; });
  nodesDS = new vis.DataSet(); edgesDS = new vis.DataSet();
  buildLegend();
  buildAreaFilter();
  buildPromises();
  bindControls();
  createNetwork();
  labelLayer = el("div", {id: "labels", "aria-hidden": "true"});   // after the network: it empties its box
  $("graph").appendChild(el("h2", {id: "caption"}));
  $("graph").appendChild(labelLayer);
  Object.assign(window.govkg, {network: network, nodes: nodesDS, edges: edgesDS, data: DATA, focus: focusNode,
    search: search, held: held, open: drawView, overview: function () { showOverview(true); },
    show: function (i) { if (!present[i] || current < 0) drawView(homeReport(i), "whole"); },
    view: function () { return current; }, mode: function () { return mode; },
    visibleIds: function () { return nodesDS.getIds({filter: function (o) { return !o.hidden; }}); }});
  $("search").disabled = false;
  function ready() {   // the data read and the first view drawn: the page answers
    firstDrawing();
    window.govkg.loadedAt = performance.now();
    document.body.setAttribute("data-ready", "true");
  }
  if (reportIds.length === 1) {
    drawView(reportIds[0]);
    network.once("afterDrawing", ready);
    network.redraw();
  } else {
    showOverview(true);
    if (pendingReport >= 0) drawView(pendingReport);
    afterPaint(ready);
  }
}
$("search").disabled = true;
if (OVERVIEW.reports.length > 1) {
  buildOverview(OVERVIEW);
  showOverview(true);
  $("status").textContent = OVERVIEW.reports.length + " 份报告 · " + OVERVIEW.nodes + " 个节点 · 载入中 loading…";
  afterPaint(firstDrawing);
}
function whenParsed(fn) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
  else fn();
}
whenParsed(function () { loadData().then(start); });
