// govkg page, its core: the data and its indexes, and one report's tree drawn with vis-network.
// The page's script is this file and the others render.py's SCRIPTS lists, in that order, in one function.
// Every text from the data goes into the page through textContent, never as HTML.

var DATA, TYPES, EDGE_KINDS, STYLE, NODES, EDGES, SENTENCES, N, REPORT, AREA, INDICATOR;
var FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
var PART_NAMES = {review: "回顾", plan: "安排", other: "其他"};
var PART_FILL = {review: "#bbdefb", plan: "#ffe0b2"};
var STATUS_NAMES = {actual: "实际", target: "目标"};
var LINKS = {workArea: true, observed: true};   // drawn only for the selected node, so the tree stays readable

// ---- small DOM helpers: elements are made with createElement and filled with textContent only ----
function el(tag, attrs, children) {
  var e = document.createElement(tag);
  if (attrs) Object.keys(attrs).forEach(function (k) {
    if (k === "text") e.textContent = attrs[k];
    else if (k === "class") e.className = attrs[k];
    else e.setAttribute(k, attrs[k]);
  });
  (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
  return e;
}
function $(id) { return document.getElementById(id); }
function chars(s) { return Array.from(s); }
function short(s, n) { var c = chars(s); return c.length > n ? c.slice(0, n - 1).join("") + "…" : s; }

var SVGNS = "http://www.w3.org/2000/svg";
var SHAPE_PATHS = {
  dot: "M8 2a6 6 0 1 0 0.01 0z", diamond: "M8 1 15 8 8 15 1 8z", square: "M2 2h12v12H2z",
  triangle: "M8 1 15 14H1z", triangleDown: "M1 2h14L8 15z", hexagon: "M4 1.5h8L15.5 8 12 14.5H4L0.5 8z",
  star: "M8 .8l2.1 4.6 5 .5-3.8 3.4 1.1 4.9L8 11.7l-4.4 2.5 1.1-4.9L.9 5.9l5-.5z", box: "M1 4h14v8H1z"
};
function swatch(type) {
  var st = STYLE[type], svg = document.createElementNS(SVGNS, "svg"), path = document.createElementNS(SVGNS, "path");
  svg.setAttribute("width", "14"); svg.setAttribute("height", "14"); svg.setAttribute("viewBox", "0 0 16 16");
  path.setAttribute("d", SHAPE_PATHS[st.shape] || SHAPE_PATHS.dot); path.setAttribute("fill", st.color);
  svg.appendChild(path);
  return svg;
}
function typeName(t) { return STYLE[TYPES[t]].zh + " " + TYPES[t]; }

// ---- the data: JSON, gzip-compressed and base64-encoded in the page (render.py), read with the browser's own gunzip ----
function loadData() {
  var block = $("govkg-data"), text = block.textContent.trim();
  if (block.getAttribute("data-encoding") !== "gzip+base64") return Promise.resolve(JSON.parse(text));
  var bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(text) : null;
  if (!bytes) {
    var binary = atob(text);
    bytes = new Uint8Array(binary.length);
    for (var k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
  }
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer().then(function (buffer) {
    var data = JSON.parse(new TextDecoder().decode(buffer));
    data.nodes = unpackNodes(data.nodes);
    return data;
  });
}
function unpackNodes(p) {   // the nodes packed as columns (kg/outputs/page/pack.py) as objects again
  var nodes = new Array(p.count), before = "", k = {area: 0, meta: 0, obs: 0, m: 0};
  for (var i = 0; i < p.count; i++) {
    var iri = before.slice(0, p.iri[2 * i]) + p.iri[2 * i + 1], n = {id: i, iri: iri, t: p.t[i], l: p.l[i], deg: p.deg[i], s: p.s[i]};
    if (p.a[i]) n.a = p.a[i];
    if (n.t === 1) {
      var area = p.area[k.area++];
      n.part = area[0]; n.kind = area[1]; n.o = area[2]; n.up = area[3]; n.rep = area[4];
    } else if (n.t === 0) n.meta = p.meta[k.meta++];
    else if (n.t === 7) n.obs = p.obs[k.obs++];
    else n.m = p.m[k.m++];
    nodes[i] = n;
    before = iri;
  }
  return nodes;
}

// ---- indexes over the data ----
var adj, children, members, areasOf, bySentence, reportIds, viewOf, viewsOf, heldMemo;
function other(k, i) { return EDGES[k][0] === i ? EDGES[k][1] : EDGES[k][0]; }
function isBackbone(i) { return NODES[i].t === REPORT || NODES[i].t === AREA; }
function evidenceOf(i) {
  var n = NODES[i];
  if (n.m) return n.m;
  return (n.obs || []).filter(function (o) { return o[10]; }).map(function (o) { return o[10]; });
}
function buildIndexes(data) {
  DATA = data; TYPES = data.types; EDGE_KINDS = data.edgeKinds; STYLE = data.style;
  NODES = data.nodes; EDGES = data.edges; SENTENCES = data.sentences; N = NODES.length;
  REPORT = TYPES.indexOf("Report"); AREA = TYPES.indexOf("WorkArea"); INDICATOR = TYPES.indexOf("Indicator");
  function lists() { var out = new Array(N); for (var i = 0; i < N; i++) out[i] = []; return out; }
  adj = lists(); children = lists(); members = lists(); areasOf = lists(); viewsOf = lists();
  EDGES.forEach(function (e, k) { adj[e[0]].push(k); adj[e[1]].push(k); });
  NODES.forEach(function (n, i) { if (n.t === AREA && n.up >= 0) children[n.up].push(i); });
  children.forEach(function (c) { if (c.length > 1) c.sort(function (a, b) { return NODES[a].o - NODES[b].o; }); });
  EDGES.forEach(function (e) {
    if (!LINKS[EDGE_KINDS[e[2]]]) return;
    var area = NODES[e[0]].t === AREA ? e[0] : e[1], thing = area === e[0] ? e[1] : e[0];
    members[area].push(thing); areasOf[thing].push(area);
  });
  areasOf.forEach(function (a) { if (a.length > 1) a.sort(function (x, y) { return NODES[x].rep - NODES[y].rep || NODES[x].o - NODES[y].o; }); });
  bySentence = {};                                           // sentence -> nodes whose evidence it is
  NODES.forEach(function (n, i) {
    evidenceOf(i).forEach(function (m) { (bySentence[m[0]] = bySentence[m[0]] || []).push(i); });
  });
  reportIds = [];
  NODES.forEach(function (n, i) { if (n.t === REPORT) reportIds.push(i); });
  viewOf = {};                                               // report -> the nodes its view draws, with their places
  function unflat(p) {
    var view = {ids: [], x: [], y: [], room: []};
    for (var k = 0; k < p.length; k += 4) {
      view.ids.push(p[k]); view.x.push(p[k + 1]); view.y.push(p[k + 2]); view.room.push(p[k + 3]);
    }
    return view;
  }
  DATA.views.forEach(function (v) {
    viewOf[v.r] = {whole: unflat(v.p), outline: unflat(v.o || [])};
    viewOf[v.r].whole.ids.forEach(function (i) { viewsOf[i].push(v.r); });
  });
  heldMemo = new Map();
}
function subtree(a) {
  var out = [], stack = [a];
  while (stack.length) { var x = stack.pop(); out.push(x); Array.prototype.push.apply(stack, children[x]); }
  return out;
}
function held(i) {                                           // distinct entities and indicators under an area
  if (!heldMemo.has(i)) {
    var seen = new Set();
    subtree(i).forEach(function (a) { members[a].forEach(function (m) { seen.add(m); }); });
    heldMemo.set(i, seen.size);
  }
  return heldMemo.get(i);
}
function ancestors(a) {                                      // the report, the part … down to a itself
  var out = [];
  while (a >= 0) { out.unshift(a); a = NODES[a].t === AREA ? NODES[a].up : -1; }
  return out;
}
function areaPath(a) { return ancestors(a).map(function (x) { return NODES[x].l; }).join(" › "); }
function depth(i) { return NODES[i].t === AREA ? ancestors(i).length - 1 : 0; }
function reportName(r) {
  var meta = NODES[r].meta || {};
  return meta.region && meta.year ? meta.region + " · " + meta.year : NODES[r].l;
}
function homeReport(i) {                                     // the report whose view shows i first
  var n = NODES[i];
  if (n.t === REPORT) return i;
  if (n.t === AREA) return n.rep;
  if (areasOf[i].length) return NODES[areasOf[i][0]].rep;
  return viewsOf[i].length ? viewsOf[i][0] : -1;
}

// ---- what the network shows: one report's view, its whole tree or its outline, filtered ----
var current = -1;                                            // the report drawn, or -1: none (the overview)
var mode = "whole", drawn = null;                            // "whole" or "outline", and the places drawn
var OUTLINE_BELOW = 0.6;   // a report whose whole tree fits only below this zoom opens on its outline
var present, shown, posX, posY, roomOf, selectedNode = -1;
var typeOn, areaScope = null, scopeAncestors = new Set();  // the area filter: null, or the areas it keeps
var nodesDS, edgesDS, network = null;

function visible(i) {
  var n = NODES[i];
  if (!typeOn[n.t]) return false;
  if (!areaScope) return true;
  if (isBackbone(i)) return areaScope.has(i) || scopeAncestors.has(i);
  return areasOf[i].some(function (a) { return areaScope.has(a); });
}
function areaShape(a) {                                      // a work area: a small rounded bar in its part's colour
  var ctx = a.ctx, w = a.style.size * 2.6, h = a.style.size * 1.5, r = h / 2, x = a.x - w / 2, y = a.y - h / 2;
  return {
    drawNode: function () {
      ctx.beginPath();
      ctx.moveTo(x + r, y); ctx.arcTo(x + w, y, x + w, y + h, r); ctx.arcTo(x + w, y + h, x, y + h, r);
      ctx.arcTo(x, y + h, x, y, r); ctx.arcTo(x, y, x + w, y, r); ctx.closePath();
      ctx.fillStyle = a.state.selected ? "#fff59d" : a.style.color;
      ctx.fill();
      ctx.lineWidth = a.state.selected || a.state.hover ? 2.5 : 1.5;
      ctx.strokeStyle = a.state.selected || a.state.hover ? "#000" : "#546e7a";
      ctx.stroke();
    },
    nodeDimensions: {width: w, height: h}
  };
}
function visNode(i) {
  var n = NODES[i], st = STYLE[TYPES[n.t]], o = {id: i, x: posX[i], y: posY[i], size: n.s, hidden: !shown[i]};
  if (n.t === AREA) {
    var d = depth(i);
    o.shape = "custom"; o.ctxRenderer = areaShape; o.size = d <= 1 ? 10 : d === 2 ? 8 : 6;
    o.color = {background: PART_FILL[n.part] || "#eceff1", border: "#546e7a"};
  } else {
    o.shape = st.shape;
    o.color = {background: st.color, border: st.border, highlight: {background: st.color, border: "#000"},
               hover: {background: st.color, border: "#000"}};
  }
  return o;
}
function visEdge(k) {
  var e = EDGES[k], kind = EDGE_KINDS[e[2]], st = DATA.edgeStyle[kind];
  var o = {id: k, from: e[0], to: e[1], color: {color: st.color, highlight: "#37474f", hover: "#37474f"}, width: st.width};
  if (st.dashes) o.dashes = true;
  if (LINKS[kind]) o.hidden = e[0] !== selectedNode && e[1] !== selectedNode;
  return o;
}
function bounds(view, only) {   // [left, top, right, bottom] of a view's nodes and their labels' room (only: a filter)
  var b = [Infinity, Infinity, -Infinity, -Infinity];
  view.ids.forEach(function (i, k) {
    if (only && !only[i]) return;
    var x = view.x[k], y = view.y[k], room = NODES[i].t === AREA ? view.room[k] + 14 : NODES[i].t === REPORT ? 0 : 80;
    b[0] = Math.min(b[0], x < 0 ? x - room : x - 14); b[2] = Math.max(b[2], x > 0 ? x + room : x + 14);
    b[1] = Math.min(b[1], y - 12); b[3] = Math.max(b[3], y + 12);
  });
  return b;
}
function fitScale(b) {                                       // the zoom at which bounds b fit the graph's box
  var box = $("graph");
  return Math.min(1.5, (box.clientWidth - 8) / (b[2] - b[0]), (box.clientHeight - 8) / (b[3] - b[1]));
}
function wantsOutline(r) {   // the whole tree would be too small to read at the zoom where it fits
  var v = viewOf[r];
  return v.outline.ids.length > 1 && v.outline.ids.length < v.whole.ids.length && fitScale(bounds(v.whole)) < OUTLINE_BELOW;
}
function drawView(r, how) {                                  // draw report r, in place of what was drawn
  how = how || (wantsOutline(r) ? "outline" : "whole");
  var view = viewOf[r][how];
  current = r; mode = how; drawn = view;
  present.fill(0);
  view.ids.forEach(function (i, k) {
    present[i] = 1; shown[i] = visible(i) ? 1 : 0; posX[i] = view.x[k]; posY[i] = view.y[k]; roomOf[i] = view.room[k];
  });
  selectedNode = -1;
  if (network) network.unselectAll();
  nodesDS.clear(); edgesDS.clear();
  nodesDS.add(view.ids.map(visNode));
  var edges = [];
  view.ids.forEach(function (i) {
    adj[i].forEach(function (k) { var j = other(k, i); if (present[j] && i < j) edges.push(visEdge(k)); });
  });
  edgesDS.add(edges);
  labelOrder = null;
  var caption = $("caption"), name = (reportIds.length > 1 ? reportName(r) + " · " : "") + NODES[r].l;
  caption.textContent = "";
  caption.appendChild(el("span", {"class": "name", text: name}));
  if (how === "outline") caption.appendChild(el("span", {"class": "hint",
    text: "提纲 outline · 点击章节,显示其主题与实体 · click a section for its topics"}));
  $("mode").hidden = viewOf[r].outline.ids.length >= view.ids.length && how === "whole";
  $("mode").textContent = how === "outline" ? "完整结构 · whole tree" : "提纲 · outline";
  showOverview(false);
  fitView();
  updateStatus();
}
function select(i) {                                         // i selected (-1: none): its links to work areas drawn
  var before = selectedNode, changes = [];
  selectedNode = i;
  [before, i].forEach(function (x) {
    if (x < 0 || !present[x]) return;
    adj[x].forEach(function (k) {
      if (LINKS[EDGE_KINDS[EDGES[k][2]]] && present[other(k, x)]) changes.push({id: k, hidden: !(EDGES[k][0] === i || EDGES[k][1] === i)});
    });
  });
  edgesDS.update(changes);
  if (i >= 0) network.selectNodes([i]); else network.unselectAll();
}
function fitView() {                                         // the whole view, with room for its labels
  var b = bounds(drawn, shown);
  if (b[0] > b[2]) return;
  network.moveTo({position: {x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2}, scale: fitScale(b), animation: false});
}

function applyFilters() {
  var changes = [];
  if (current >= 0) drawn.ids.forEach(function (i) {
    var s = visible(i) ? 1 : 0;
    if (s !== shown[i]) { shown[i] = s; changes.push({id: i, hidden: !s}); }
  });
  nodesDS.update(changes);
  updateStatus();
}
function setAreaFilter(value) {
  areaScope = null; scopeAncestors = new Set();
  if (value.indexOf("part:") === 0) {
    var part = value.slice(5);
    areaScope = new Set();
    NODES.forEach(function (n, i) { if (n.t === AREA && n.part === part) areaScope.add(i); });
  } else if (value !== "") areaScope = new Set(subtree(Number(value)));
  if (areaScope) areaScope.forEach(function (a) {
    ancestors(a).forEach(function (x) { if (!areaScope.has(x)) scopeAncestors.add(x); });
  });
  var a = value !== "" && value.indexOf("part:") < 0 ? Number(value) : -1;
  if (a >= 0 && (NODES[a].rep !== current || !present[a])) drawView(NODES[a].rep, "whole");
  else if (value.indexOf("part:") === 0 && current < 0 && reportIds.length) drawView(reportIds[0]);
  applyFilters();
}

function updateStatus() {
  var count = 0, edges = 0;
  if (current < 0) {
    $("status").textContent = reportIds.length + " 份报告 · " + N + " 个节点 · 点击报告 click a report";
    return;
  }
  drawn.ids.forEach(function (i) { count += shown[i]; });
  edgesDS.forEach(function (e) { if (!e.hidden) edges += 1; });
  $("status").textContent = "显示 " + count + " / " + drawn.ids.length + " 个节点 · " + edges + " 条边" +
    (reportIds.length > 1 ? " · 共 " + reportIds.length + " 份报告" : "");
}

function focusNode(i, openPanel, inReport) {   // select node i, in report inReport's view if it is there
  if (!visible(i)) {                                         // a filter hides it: show its type and every area again
    typeOn[NODES[i].t] = true;
    var box = document.querySelector('#types input[data-type="' + NODES[i].t + '"]');
    if (box) box.checked = true;
    $("area-filter").value = ""; setAreaFilter("");
  }
  var r = inReport !== undefined && viewsOf[i].indexOf(inReport) >= 0 ? inReport
    : present[i] && current >= 0 ? current : homeReport(i);
  if (r !== current || !present[i]) drawView(r, present[i] && r === current ? mode : "whole");
  select(i);
  if (openPanel !== false) showPanel(i);
  var panel = $("panel"), offset = panel.hidden ? 0 : -panel.offsetWidth / 2;   // the middle of what the panel leaves
  network.focus(i, {scale: Math.max(network.getScale(), 1.0), offset: {x: offset, y: 0}, animation: false});
  updateStatus();
}

function createNetwork() {
  network = new vis.Network($("graph"), {nodes: nodesDS, edges: edgesDS}, {
    physics: false,
    layout: {improvedLayout: false, randomSeed: 1},
    interaction: {hover: true, keyboard: false, tooltipDelay: 3600000},
    nodes: {borderWidth: 1},
    edges: {smooth: false, selectionWidth: 1.5, hoverWidth: 0.5}
  });
  network.on("click", function (params) {
    if (!params.nodes.length) { select(-1); return; }
    var i = params.nodes[0];
    if (mode === "outline" && NODES[i].t === AREA) { drawView(current, "whole"); focusNode(i); return; }   // unfold
    select(i);
    showPanel(i);
    updateStatus();
  });
  network.on("hoverNode", function (params) {
    var n = NODES[params.node];
    hoverNode = params.node;
    $("status").textContent = typeName(n.t) + " · " + n.l;
    network.redraw();
  });
  network.on("blurNode", function () { hoverNode = -1; updateStatus(); network.redraw(); });
  network.on("afterDrawing", placeLabels);
}
