// govkg page: draws the graph embedded as JSON with vis-network and lets one search, filter and read evidence.
// Every text from the data goes into the page through textContent (or the canvas), never as HTML.
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("govkg-data").textContent);
  var TYPES = DATA.types, EDGE_KINDS = DATA.edgeKinds, STYLE = DATA.style;
  var NODES = DATA.nodes, EDGES = DATA.edges, SENTENCES = DATA.sentences;
  var N = NODES.length;
  var REPORT = TYPES.indexOf("Report"), AREA = TYPES.indexOf("WorkArea"), INDICATOR = TYPES.indexOf("Indicator");
  var AGGREGATE = N > DATA.fullViewLimit;
  // aggregated view: the first view and one click show at most this many nodes (never more than a full view would)
  var INITIAL_BUDGET = Math.min(1200, DATA.fullViewLimit), EXPAND_BUDGET = Math.min(400, DATA.fullViewLimit);
  var FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
  var PART_NAMES = {review: "回顾", plan: "安排", other: "其他"};
  var STATUS_NAMES = {actual: "实际", target: "目标"};

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

  // ---- indexes over the data ----
  var adj = NODES.map(function () { return []; });          // node -> edge numbers
  EDGES.forEach(function (e, k) { adj[e[0]].push(k); adj[e[1]].push(k); });
  function other(k, i) { return EDGES[k][0] === i ? EDGES[k][1] : EDGES[k][0]; }
  function isBackbone(i) { return NODES[i].t === REPORT || NODES[i].t === AREA; }
  var children = NODES.map(function () { return []; });     // area or report -> child areas, in report order
  var members = NODES.map(function () { return []; });      // area -> entities and indicators linked to it
  var areasOf = NODES.map(function () { return []; });      // entity or indicator -> its work areas
  NODES.forEach(function (n, i) { if (n.t === AREA && n.up >= 0) children[n.up].push(i); });
  children.forEach(function (c) { c.sort(function (a, b) { return NODES[a].o - NODES[b].o; }); });
  EDGES.forEach(function (e) {
    var kind = EDGE_KINDS[e[2]];
    if (kind !== "workArea" && kind !== "observed") return;
    var area = NODES[e[0]].t === AREA ? e[0] : e[1], thing = area === e[0] ? e[1] : e[0];
    members[area].push(thing); areasOf[thing].push(area);
  });
  areasOf.forEach(function (a) { a.sort(function (x, y) { return NODES[x].rep - NODES[y].rep || NODES[x].o - NODES[y].o; }); });
  var bySentence = {};                                       // sentence -> nodes whose evidence it is
  function evidenceOf(i) {
    var n = NODES[i];
    if (n.m) return n.m;
    return (n.obs || []).filter(function (o) { return o[10]; }).map(function (o) { return o[10]; });
  }
  NODES.forEach(function (n, i) {
    evidenceOf(i).forEach(function (m) { (bySentence[m[0]] = bySentence[m[0]] || []).push(i); });
  });
  function subtree(a) {
    var out = [], stack = [a];
    while (stack.length) { var x = stack.pop(); out.push(x); Array.prototype.push.apply(stack, children[x]); }
    return out;
  }
  var heldCount = NODES.map(function (n, i) {              // distinct entities and indicators under each area
    if (!isBackbone(i)) return 0;
    var seen = new Set();
    subtree(i).forEach(function (a) { members[a].forEach(function (m) { seen.add(m); }); });
    return seen.size;
  });
  function ancestors(a) {                                    // the report, the part … down to a itself
    var out = [];
    while (a >= 0) { out.unshift(a); a = NODES[a].t === AREA ? NODES[a].up : -1; }
    return out;
  }
  function areaPath(a) { return ancestors(a).map(function (x) { return NODES[x].l; }).join(" › "); }
  function depth(i) { return ancestors(i).length - 1; }

  // ---- what the network shows ----
  var present = new Uint8Array(N), expanded = new Uint8Array(N);
  var typeOn = TYPES.map(function () { return true; });
  var areaScope = null, scopeAncestors = new Set();         // the area filter: null, or the areas it keeps
  var nodesDS = new vis.DataSet(), edgesDS = new vis.DataSet();

  function visible(i) {
    var n = NODES[i];
    if (!typeOn[n.t]) return false;
    if (!areaScope) return true;
    if (isBackbone(i)) return areaScope.has(i) || scopeAncestors.has(i);
    return areasOf[i].some(function (a) { return areaScope.has(a); });
  }

  function visNode(i) {
    var n = NODES[i], st = STYLE[TYPES[n.t]], o = {id: i, x: n.x, y: n.y, shape: st.shape, size: n.s, hidden: !visible(i)};
    o.color = {background: st.color, border: st.border, highlight: {background: st.color, border: "#000"},
               hover: {background: st.color, border: "#000"}};
    if (n.t === AREA) {
      var d = depth(i), bg = n.part === "plan" ? "#fff3e0" : n.part === "review" ? "#e3f2fd" : "#eceff1";
      o.color = {background: bg, border: st.color, highlight: {background: "#fff59d", border: "#000"},
                 hover: {background: bg, border: "#000"}};
      o.font = {size: d <= 1 ? 22 : d === 2 ? 17 : 15, face: FONT, color: "#263238"};
      o.borderWidth = d <= 1 ? 3 : 1.5;
      o.label = short(n.l, d <= 1 ? 16 : 12);
      var more = AGGREGATE && heldCount[i] > 0 && !isOpen(i);   // dashed: a click shows more
      if (more) o.label += " (" + heldCount[i] + ")";
      o.shapeProperties = {borderDashes: more ? [5, 3] : false};
    } else {
      o.label = short(n.l, 14);
      if (n.t === REPORT) {
        o.font = {size: 24 * reportBoost, face: FONT, color: "#263238"};
        if (reportBoost > 1 && n.meta) o.label = [n.meta.region, n.meta.year].filter(Boolean).join(" · ") || o.label;
      }
    }
    return o;
  }
  function visEdge(k) {
    var e = EDGES[k], kind = EDGE_KINDS[e[2]], st = DATA.edgeStyle[kind];
    var o = {id: k, from: e[0], to: e[1], color: {color: st.color, highlight: "#37474f", hover: "#37474f"}, width: st.width};
    if (st.dashes) o.dashes = true;
    return o;
  }
  function show(ids) {
    var add = ids.filter(function (i) { if (present[i]) return false; present[i] = 1; return true; });
    if (!add.length) return add;
    nodesDS.add(add.map(visNode));
    var edges = [];
    add.forEach(function (i) { adj[i].forEach(function (k) { if (present[other(k, i)] && !edgesDS.get(k)) edges.push(k); }); });
    edgesDS.add(Array.from(new Set(edges)).map(visEdge));
    return add;
  }
  function isOpen(a) { return subtree(a).every(function (x) { return expanded[x]; }); }
  function expand(a, deep) {   // show a's sub-areas and what it holds; deep: the same for every area below it
    var add = [], areas = deep ? subtree(a) : [a];
    areas.forEach(function (x) {
      expanded[x] = 1;
      add.push(x);
      Array.prototype.push.apply(add, children[x]);
      Array.prototype.push.apply(add, members[x]);
    });
    show(add);
    nodesDS.update(areas.concat(ancestors(a)).filter(function (x) { return present[x]; }).map(visNode));
  }
  function expandOnClick(a) {
    if (AGGREGATE && isBackbone(a) && !isOpen(a)) expand(a, heldCount[a] <= EXPAND_BUDGET);
  }
  function reveal(i) {                                       // make node i present, opening the areas above it
    if (present[i]) return;
    var home = isBackbone(i) ? (NODES[i].t === AREA ? NODES[i].up : -1) : (areasOf[i][0] === undefined ? -1 : areasOf[i][0]);
    if (home >= 0) ancestors(home).forEach(function (a) { if (!expanded[a]) expand(a, false); });
    show([i]);
  }
  var reportBoost = 1;   // zoomed far out on a large graph, reports are labelled larger, by region and year
  function boostReports() {
    var b = AGGREGATE ? Math.max(1, Math.min(40, 0.35 / network.getScale())) : 1;
    if (Math.abs(b - reportBoost) < 0.1 * reportBoost) return;
    reportBoost = b;
    nodesDS.update(nodesDS.getIds({filter: function (o) { return NODES[o.id].t === REPORT; }}).map(visNode));
  }
  function initialView() {
    if (!AGGREGATE) { show(NODES.map(function (n, i) { return i; })); return; }
    // reports, then their parts, then sections …, one level more while it fits: areas only, each with its count
    var frontier = NODES.map(function (n, i) { return i; }).filter(function (i) { return NODES[i].t === REPORT; });
    show(frontier);
    while (frontier.length) {
      frontier = [].concat.apply([], frontier.map(function (a) { return children[a]; }));
      if (!frontier.length || nodesDS.length + frontier.length > INITIAL_BUDGET) break;
      show(frontier);
    }
  }

  function applyFilters() {
    var changes = [];
    nodesDS.forEach(function (o) { var h = !visible(o.id); if (o.hidden !== h) changes.push({id: o.id, hidden: h}); });
    nodesDS.update(changes);
    updateStatus();
  }
  function setAreaFilter(value) {
    areaScope = null; scopeAncestors = new Set();
    if (value.indexOf("part:") === 0) {
      var part = value.slice(5);
      areaScope = new Set();
      NODES.forEach(function (n, i) { if (n.t === AREA && n.part === part) areaScope.add(i); });
    } else if (value !== "") {
      var a = Number(value);
      if (AGGREGATE) { reveal(a); expandOnClick(a); }
      areaScope = new Set(subtree(a));
    }
    if (areaScope) areaScope.forEach(function (a) {
      ancestors(a).forEach(function (x) { if (!areaScope.has(x)) scopeAncestors.add(x); });
    });
    applyFilters();
  }

  function updateStatus() {
    var shown = 0;
    nodesDS.forEach(function (o) { if (!o.hidden) shown += 1; });
    $("status").textContent = "显示 " + shown + " / " + N + " 个节点 · " + edgesDS.length + " 条边" + (AGGREGATE ? " · 聚合视图" : "");
  }

  function focusNode(i, openPanel) {
    if (!visible(i)) {                                       // a filter hides it: show its type and every area again
      typeOn[NODES[i].t] = true;
      var box = document.querySelector('#types input[data-type="' + NODES[i].t + '"]');
      if (box) box.checked = true;
      $("area-filter").value = ""; setAreaFilter("");
    }
    reveal(i);
    network.selectNodes([i]);
    if (openPanel !== false) showPanel(i);
    var panel = $("panel"), offset = panel.hidden ? 0 : -panel.offsetWidth / 2;   // the middle of what the panel leaves
    network.focus(i, {scale: Math.max(network.getScale(), 1.0), offset: {x: offset, y: 0}, animation: false});
    boostReports();
    updateStatus();
  }

  // ---- the network: made once the data sets hold the first view, so its first drawing shows it ----
  var network = null;
  function createNetwork() {
    network = new vis.Network($("graph"), {nodes: nodesDS, edges: edgesDS}, {
      physics: false,
      layout: {improvedLayout: false, randomSeed: 1},
      interaction: {hover: true, hideEdgesOnDrag: nodesDS.length > 3000, hideEdgesOnZoom: nodesDS.length > 3000, keyboard: false},
      nodes: {borderWidth: 1, font: {face: FONT, size: 13, color: "#263238", strokeWidth: 3, strokeColor: "#ffffff"},
              scaling: {label: {drawThreshold: 7, maxVisible: 22}}},
      edges: {smooth: false, selectionWidth: 1.5, hoverWidth: 0.5}
    });
    network.on("click", function (params) {
      if (!params.nodes.length) return;
      var i = params.nodes[0];
      expandOnClick(i);
      showPanel(i);
      updateStatus();
    });
    network.on("hoverNode", function (params) {
      var n = NODES[params.node];
      $("status").textContent = typeName(n.t) + " · " + n.l;
    });
    network.on("blurNode", updateStatus);
    network.on("afterDrawing", boostReports);   // also after a zoom by the wheel or by focus
  }

  // ---- side panel ----
  function nodeLink(i, text) {
    var b = el("button", {type: "button", "class": "link", text: text || NODES[i].l});
    b.addEventListener("click", function () { focusNode(i); });
    return el("span", {"class": "tag"}, [swatch(TYPES[NODES[i].t]), b]);
  }
  function where(sid, start, end) {
    var s = SENTENCES[sid], rep = s[3] >= 0 ? NODES[s[3]] : null;
    var bits = [];
    if (rep) bits.push(rep.meta && rep.meta.file ? rep.meta.file : rep.l);
    if (s[4] >= 0) bits.push(areaPath(s[4]));
    bits.push("句 " + s[1] + "–" + s[2]);
    if (start !== undefined) bits.push("词 " + start + "–" + end);
    return el("div", {"class": "where", text: bits.join(" · ")});
  }
  function sentenceBlock(sid, start, end, note) {   // the sentence, with the mentioned words marked
    var s = SENTENCES[sid], text = chars(s[0]);
    var a = Math.max(0, start - s[1]), b = Math.min(text.length, end - s[1]);
    var p = el("p");
    if (start === undefined || b <= a) p.textContent = s[0];
    else {
      p.appendChild(document.createTextNode(text.slice(0, a).join("")));
      p.appendChild(el("mark", {text: text.slice(a, b).join("")}));
      p.appendChild(document.createTextNode(text.slice(b).join("")));
    }
    return el("div", {"class": "evidence"}, [note ? el("div", {"class": "muted", text: note}) : null, p, where(sid, start, end)]);
  }
  function section(title, body) { return [el("h3", {text: title})].concat(body); }

  function showPanel(i) {
    var n = NODES[i], body = $("panel-body"), parts = [];
    body.textContent = "";
    parts.push(el("h2", {text: n.l}));
    parts.push(el("div", {"class": "tag"}, [swatch(TYPES[n.t]), typeName(n.t)]));
    parts.push(el("div", {"class": "iri", text: n.iri}));
    if (n.a && n.a.length) parts = parts.concat(section("别名 · aliases", [el("p", {text: n.a.join("、")})]));
    if (n.t === REPORT) parts = parts.concat(reportPanel(i));
    else if (n.t === AREA) parts = parts.concat(areaPanel(i));
    else parts = parts.concat(thingPanel(i));
    parts.forEach(function (p) { body.appendChild(p); });
    $("panel").hidden = false;
    $("panel").scrollTop = 0;
  }
  function reportPanel(i) {
    var meta = NODES[i].meta || {}, rows = [];
    [["region", "地区"], ["year", "年份"], ["date", "日期"], ["meeting", "会议"], ["speaker", "报告人"], ["file", "文件"]]
      .forEach(function (f) { if (meta[f[0]]) rows.push(el("div", {text: f[1] + ": " + meta[f[0]]})); });
    var parts = children[i].map(function (a) { return el("div", {}, [nodeLink(a)]); });
    return section("报告 · report", rows).concat(section("组成 · parts", parts));
  }
  function areaPanel(i) {
    var n = NODES[i], out = [];
    out.push(el("div", {"class": "path"}, ancestors(i).slice(0, -1).map(function (a) { return nodeLink(a); })));
    out.push(el("div", {"class": "muted", text: (PART_NAMES[n.part] || n.part) + " · " + n.kind + " · " + heldCount[i] + " 个实体和指标"}));
    if (children[i].length) out = out.concat(section("下级领域 · sub-areas", children[i].map(function (a) {
      return el("div", {}, [nodeLink(a), el("span", {"class": "muted", text: " (" + heldCount[a] + ")"})]);
    })));
    var held = new Map();
    subtree(i).forEach(function (a) { members[a].forEach(function (m) { held.set(m, true); }); });
    var scope = new Set(subtree(i));
    TYPES.forEach(function (type, t) {
      var list = Array.from(held.keys()).filter(function (m) { return NODES[m].t === t; })
        .sort(function (a, b) { return NODES[a].l < NODES[b].l ? -1 : NODES[a].l > NODES[b].l ? 1 : 0; });
      if (!list.length) return;
      out = out.concat(section(typeName(t) + " (" + list.length + ")", list.map(function (m) { return memberDetails(m, scope); })));
    });
    return out;
  }
  function memberDetails(m, scope) {   // a member of an area; opening it shows what was said about it there
    var d = el("details", {"class": "member"}), s = el("summary", {}, [nodeLink(m)]);
    d.appendChild(s);
    d.addEventListener("toggle", function () {
      if (!d.open || d.childNodes.length > 1) return;
      evidenceOf(m).filter(function (e) { return scope.has(SENTENCES[e[0]][4]); })
        .forEach(function (e) { d.appendChild(sentenceBlock(e[0], e[1], e[2])); });
    });
    return d;
  }
  function thingPanel(i) {
    var n = NODES[i], out = [];
    out = out.concat(section("工作领域 · work areas (" + areasOf[i].length + ")", areasOf[i].map(function (a) {
      return el("div", {}, [nodeLink(a, areaPath(a))]);
    })));
    var related = relatedTo(i);
    if (related.length) out = out.concat(section("相关 · related (" + related.length + ")", [el("div", {"class": "chips"}, related)]));
    if (n.t === INDICATOR) out = out.concat(section("数据 · observations (" + n.obs.length + ")", [observationTable(n)]));
    var ev = n.t === INDICATOR ? n.obs.filter(function (o) { return o[10]; }).map(observationEvidence)
      : n.m.map(function (m) { return sentenceBlock(m[0], m[1], m[2]); });
    return out.concat(section("证据 · evidence (" + ev.length + ")", ev));
  }
  function relatedTo(i) {
    var out = [], seen = new Set([i]);
    DATA.relations.forEach(function (r) {
      if (r[0] !== i && r[1] !== i) return;
      var j = r[0] === i ? r[1] : r[0];
      seen.add(j);
      out.push(el("span", {}, [el("span", {"class": "muted", text: (r[0] === i ? r[2] + " → " : r[2] + " ← ")}), nodeLink(j)]));
    });
    evidenceOf(i).forEach(function (m) {
      (bySentence[m[0]] || []).forEach(function (j) { if (!seen.has(j)) { seen.add(j); out.push(nodeLink(j)); } });
    });
    return out;
  }
  var BEFORE_UNIT = ["余", "多"], AFTER_UNIT = ["以上", "以内", "以下", "左右"];
  function valueText(o) {   // qualifier, value (or range) and unit as a report writes them: 超5亿元, 2~3家, 400余场, 3%以内
    var q = o[3], before = BEFORE_UNIT.indexOf(q) >= 0, after = AFTER_UNIT.indexOf(q) >= 0;
    return (before || after ? "" : q) + o[0] + (o[1] ? "~" + o[1] : "") + (before ? q : "") + o[2] + (after ? q : "");
  }
  function growthText(o) { return o[4] ? "增速 " + (o[4].charAt(0) === "-" ? "" : "+") + o[4] + "%" : ""; }
  function observationEvidence(o) {   // an observation's sentence, or what it says when it has none
    var note = o[5] + " " + STATUS_NAMES[o[6]] + " · " + o[7] + " " + valueText(o);
    return o[10] ? sentenceBlock(o[10][0], o[10][1], o[10][2], note) : el("p", {"class": "muted", text: note});
  }
  function observationTable(n) {   // one row per region and year: the actual and the target side by side
    var rows = new Map(), regions = new Set();
    n.obs.forEach(function (o) {
      var rep = NODES[o[8]], region = rep && rep.meta ? rep.meta.region || "" : "";
      regions.add(region);
      var key = region + "\u0000" + o[5];
      if (!rows.has(key)) rows.set(key, {region: region, year: o[5], actual: [], target: []});
      rows.get(key)[o[6]].push(o);
    });
    var table = el("table", {"class": "obs"});
    table.appendChild(el("tr", {}, [el("th", {text: "年份 year"}), el("th", {text: "实际 actual"}), el("th", {text: "目标 target"})]));
    function order(r) { return r.region + "\u0000" + r.year; }
    Array.from(rows.values()).sort(function (a, b) { return order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0; })
      .forEach(function (r) {
        var year = el("td", {text: (regions.size > 1 ? r.region + " " : "") + r.year});
        table.appendChild(el("tr", {}, [year, cell(r.actual, n), cell(r.target, n)]));
      });
    return table;
  }
  function cell(list, n) {
    var td = el("td");
    list.forEach(function (o) {
      var line = el("div", {}, [el("span", {text: valueText(o)})]);
      if (o[4]) line.appendChild(el("span", {"class": "growth", text: " " + growthText(o)}));
      var verdict = targetVerdict(n, o);   // what the region's next report says became of a target
      if (verdict) line.appendChild(el("span", {}, [" ", verdictBadge(verdict)]));
      if (o[7] && o[7] !== n.l) line.appendChild(el("div", {"class": "muted", text: o[7]}));
      td.appendChild(line);
    });
    if (!list.length) td.textContent = "—";
    return td;
  }

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
    if (AGGREGATE) {
      $("mode-note").hidden = false;
      $("mode-note").textContent = "图有 " + N + " 个节点,先显示报告与领域(括号内为所含实体数)。点击领域展开;搜索会自动展开。";
    }
  }
  function buildAreaFilter() {
    var select = $("area-filter"), filled = false;
    select.appendChild(el("option", {value: "", text: "全部 · all"}));
    select.appendChild(el("option", {value: "part:review", text: "回顾部分 · review"}));
    select.appendChild(el("option", {value: "part:plan", text: "安排部分 · plan"}));
    function fill() {   // every section and topic, added when the list is first used: thousands on a large graph
      if (filled) return;
      filled = true;
      NODES.forEach(function (n, r) {
        if (n.t !== REPORT) return;
        var group = el("optgroup", {label: n.l});
        var areas = subtree(r).filter(function (a) { return a !== r; });
        areas.sort(function (a, b) { return NODES[a].o - NODES[b].o; }).forEach(function (a) {
          var text = new Array(depth(a)).join("\u3000") + short(NODES[a].l, 24) + " (" + heldCount[a] + ")";
          group.appendChild(el("option", {value: String(a), text: text}));
        });
        select.appendChild(group);
      });
    }
    ["mousedown", "focus", "keydown"].forEach(function (type) { select.addEventListener(type, fill); });
    select.addEventListener("change", function () { setAreaFilter(select.value); });
  }

  // ---- promises: every target with a verdict beside what the region's next report says became of it ----
  var PROMISES = DATA.promises || [], PROMISE_STEP = 200;   // rows are added 200 at a time, as one scrolls
  var VERDICT_ORDER = ["met", "missed", "not reported"], VERDICT_SIGNS = {met: "✓", missed: "✗", "not reported": "?"};
  var VERDICT_WORDS = {met: "已兑现 met", missed: "未兑现 missed", "not reported": "未报告 not reported"};
  var promiseRows = [], promiseOrder = [], promiseShown = 0, promiseCurrent = -1;
  var promiseFilter = {region: "", verdict: ""}, promiseSort = {key: "", desc: false};
  var PROMISE_KEYS = {   // sortable columns: the value each row is ordered by
    region: function (p) { return p[0]; }, year: function (p) { return p[1]; },
    indicator: function (p) { return NODES[p[3][0]].l; }, verdict: function (p) { return VERDICT_ORDER.indexOf(p[2]); }
  };
  function promiseObs(ref) { return ref ? NODES[ref[0]].obs[ref[1]] : null; }
  var REASONS = {   // why a target is not reported (gk:verdictReason), in both languages
    "the next report states no actual of this quantity": "下一年报告没有给出该指标的实际值 · the next report states no actual of this quantity",
    "the next report has no review part": "下一年报告没有回顾部分 · the next report has no review part"};
  var VERDICT_OF = null;   // "indicator:observation" -> verdict, made when first asked
  function targetVerdict(n, o) {
    if (!VERDICT_OF) {
      VERDICT_OF = new Map();
      PROMISES.forEach(function (p) { VERDICT_OF.set(p[3][0] + ":" + p[3][1], p[2]); });
    }
    return VERDICT_OF.get(n.id + ":" + n.obs.indexOf(o)) || "";
  }
  function verdictText(v) { return VERDICT_SIGNS[v] + " " + VERDICT_WORDS[v]; }   // in words, not by colour alone
  function verdictBadge(v) { return el("span", {"class": "verdict v-" + v.replace(" ", "-"), text: verdictText(v)}); }
  function figureCell(o, withReport) {   // a value as stated, its growth and, for an actual, the report saying it
    var td = el("td");
    if (!o) { td.appendChild(el("span", {"class": "muted", text: "—"})); return td; }
    td.appendChild(el("span", {text: valueText(o)}));
    if (o[4]) td.appendChild(el("span", {"class": "growth", text: " " + growthText(o)}));
    var rep = withReport && o[8] >= 0 ? NODES[o[8]] : null;
    if (rep) td.appendChild(el("div", {"class": "muted", text: rep.meta && rep.meta.file ? rep.meta.file : rep.l}));
    return td;
  }
  function promiseRow(k) {   // made once, when first shown
    if (promiseRows[k]) return promiseRows[k];
    var p = PROMISES[k], target = promiseObs(p[3]), label = NODES[p[3][0]].l;
    var name = el("td", {}, [label, target[7] && target[7] !== label ? el("div", {"class": "muted", text: target[7]}) : null]);
    promiseRows[k] = el("tr", {tabindex: "0", "data-promise": String(k), "data-verdict": p[2]}, [
      el("td", {text: p[0]}), el("td", {text: p[1]}), name, figureCell(target, false),
      figureCell(promiseObs(p[4]), true), el("td", {}, [verdictBadge(p[2]), p[5] ? el("div", {"class": "muted", text: REASONS[p[5]] || p[5]}) : null])]);
    return promiseRows[k];
  }
  function renderPromises() {   // filter, sort, count, then show the first rows
    var counts = {met: 0, missed: 0, "not reported": 0}, f = promiseFilter;
    promiseOrder = [];
    PROMISES.forEach(function (p, k) {
      if (f.region && p[0] !== f.region) return;
      counts[p[2]] += 1;
      if (!f.verdict || p[2] === f.verdict) promiseOrder.push(k);
    });
    var key = PROMISE_KEYS[promiseSort.key], sign = promiseSort.desc ? -1 : 1;
    if (key) promiseOrder.sort(function (a, b) {
      var x = key(PROMISES[a]), y = key(PROMISES[b]);
      return (x < y ? -sign : x > y ? sign : 0) || a - b;
    });
    var summary = $("promise-counts");
    summary.textContent = "";
    VERDICT_ORDER.forEach(function (v, n) {
      var b = el("button", {type: "button", "class": "count v-" + v.replace(" ", "-"), "data-verdict": v,
                            title: "只看这一类 · show only these", text: counts[v] + " " + VERDICT_WORDS[v]});
      b.addEventListener("click", function () { $("promise-verdict").value = v; setPromiseFilter("verdict", v); });
      if (n) summary.appendChild(document.createTextNode(" · "));
      summary.appendChild(b);
    });
    $("promise-body").textContent = "";
    promiseShown = 0;
    morePromises();
  }
  function morePromises() {
    var body = $("promise-body"), end = Math.min(promiseOrder.length, promiseShown + PROMISE_STEP);
    if (promiseShown >= end && promiseShown > 0) return;
    var rows = document.createDocumentFragment();
    for (var n = promiseShown; n < end; n++) rows.appendChild(promiseRow(promiseOrder[n]));
    body.appendChild(rows);
    promiseShown = end;
    $("promise-shown").textContent = "显示 " + end + " / " + promiseOrder.length + " 条" +
      (end < promiseOrder.length ? " · 向下滚动显示更多" : "");
  }
  function setPromiseFilter(which, value) { promiseFilter[which] = value; renderPromises(); $("promise-scroll").scrollTop = 0; }
  function sortPromises(key) {
    promiseSort = {key: key, desc: promiseSort.key === key && !promiseSort.desc};
    document.querySelectorAll("#promise-table th[data-sort]").forEach(function (th) {
      var on = th.getAttribute("data-sort") === key;
      th.setAttribute("aria-sort", on ? (promiseSort.desc ? "descending" : "ascending") : "none");
    });
    renderPromises();
  }
  function openPromise(k) {   // the panel shows the target's and the outcome's sentences; the graph selects the indicator
    if (promiseCurrent >= 0 && promiseRows[promiseCurrent]) promiseRows[promiseCurrent].classList.remove("current");
    promiseCurrent = k;
    promiseRow(k).classList.add("current");
    showPromise(k);
    focusNode(PROMISES[k][3][0], false);
  }
  function showPromise(k) {
    var p = PROMISES[k], i = p[3][0], actual = promiseObs(p[4]), body = $("panel-body");
    body.textContent = "";
    [el("h2", {text: NODES[i].l}), el("div", {"class": "tag"}, [swatch(TYPES[NODES[i].t]), typeName(NODES[i].t)]),
     el("p", {}, [verdictBadge(p[2]), " " + p[0] + " · " + p[1] + " 年目标 target"])]
      .concat(section("目标 · target", [observationEvidence(promiseObs(p[3]))]))
      .concat(section("实际 · actual", [actual ? observationEvidence(actual) : el("p", {"class": "muted",
        text: REASONS[p[5]] || "该地区下一年的报告没有给出这一指标的实际值 · the region's next report states no actual for it"})]))
      .concat(section("指标 · indicator", [nodeLink(i)]))
      .forEach(function (part) { body.appendChild(part); });
    $("panel").hidden = false;
    $("panel").scrollTop = 0;
  }
  // ---- projects: each project a plan promised a stage of, beside what the next review says ----
  var PROJECTS = DATA.projects || [];
  var STAGE_WORDS = {planned: "谋划 planned", started: "开工 started", "under construction": "在建 under construction",
                     completed: "建成 completed", "in operation": "投用 in operation"};
  var PROJECT_VERDICTS = {done: "✓ 已完成 done", progressing: "… 推进中 progressing", "not reported": "? 未报告 not reported"};
  function showProjects() {   // the rows are made when the list is first opened
    var body = $("project-body");
    if (body.childElementCount) return;
    var rows = document.createDocumentFragment();
    PROJECTS.forEach(function (p, k) {
      rows.appendChild(el("tr", {tabindex: "0", "data-project": String(k), "data-verdict": p[5]}, [
        el("td", {text: p[0]}), el("td", {text: String(p[1])}), el("td", {text: NODES[p[2]].l}),
        el("td", {text: STAGE_WORDS[p[3]] || p[3]}), el("td", {text: p[4] ? (STAGE_WORDS[p[4]] || p[4]) : "—"}),
        el("td", {text: PROJECT_VERDICTS[p[5]] || p[5]})]));
    });
    body.appendChild(rows);
  }
  function buildProjects() {
    if (!PROJECTS.length) return;
    var counts = {};
    PROJECTS.forEach(function (p) { counts[p[5]] = (counts[p[5]] || 0) + 1; });
    $("project-counts").textContent = ["done", "progressing", "not reported"].map(function (v) {
      return (counts[v] || 0) + " " + PROJECT_VERDICTS[v]; }).join(" · ");
    var list = $("project-list"), body = $("project-body");
    list.addEventListener("toggle", function () { if (list.open) showProjects(); });
    function open(ev) {
      var tr = ev.target.closest("tr[data-project]");
      if (tr && (ev.type === "click" || ev.key === "Enter")) focusNode(PROJECTS[Number(tr.getAttribute("data-project"))][2], false);
    }
    body.addEventListener("click", open);
    body.addEventListener("keydown", open);
    list.hidden = false;
    if (!PROMISES.length) { $("promise-bar").hidden = true; $("promise-scroll").hidden = true; }
    $("promises").hidden = false;
  }
  function buildPromises() {
    buildProjects();
    if (!PROMISES.length) return;   // no target has a verdict: the section stays hidden
    var regions = [], region = $("promise-region"), verdict = $("promise-verdict");
    PROMISES.forEach(function (p) { if (regions[regions.length - 1] !== p[0]) regions.push(p[0]); });   // sorted by region
    region.appendChild(el("option", {value: "", text: "全部 · all (" + regions.length + ")"}));
    regions.forEach(function (r) { region.appendChild(el("option", {value: r, text: r})); });
    verdict.appendChild(el("option", {value: "", text: "全部 · all"}));
    VERDICT_ORDER.forEach(function (v) { verdict.appendChild(el("option", {value: v, text: verdictText(v)})); });
    region.addEventListener("change", function () { setPromiseFilter("region", region.value); });
    verdict.addEventListener("change", function () { setPromiseFilter("verdict", verdict.value); });
    document.querySelectorAll("#promise-table th[data-sort]").forEach(function (th) {
      th.querySelector("button").addEventListener("click", function () { sortPromises(th.getAttribute("data-sort")); });
    });
    var body = $("promise-body"), scroll = $("promise-scroll");
    function rowOf(ev) { var tr = ev.target.closest("tr[data-promise]"); return tr ? Number(tr.getAttribute("data-promise")) : -1; }
    body.addEventListener("click", function (ev) { var k = rowOf(ev); if (k >= 0) openPromise(k); });
    body.addEventListener("keydown", function (ev) { var k = rowOf(ev); if (k >= 0 && ev.key === "Enter") openPromise(k); });
    scroll.addEventListener("scroll", function () {
      if (scroll.scrollTop + scroll.clientHeight > scroll.scrollHeight - 300) morePromises();
    });
    $("promise-toggle").addEventListener("click", function () {
      var open = scroll.hidden;
      scroll.hidden = !open;
      this.setAttribute("aria-expanded", String(open));
      this.textContent = open ? "收起 · hide" : "展开 · show";
    });
    $("promises").hidden = false;
    renderPromises();
  }

  // ---- search ----
  var keys = NODES.map(function (n) { return [n.l].concat(n.a || []).map(function (k) { return k.toLowerCase(); }); });
  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    for (var i = 0; i < N; i++) {
      var best = 9, alias = "";
      for (var k = 0; k < keys[i].length; k++) {
        var key = keys[i][k], rank = key === q ? 0 : key.indexOf(q) === 0 ? 1 : key.indexOf(q) > 0 ? 2 : 9;
        if (rank < best) { best = rank; alias = k ? NODES[i].a[k - 1] : ""; }
      }
      if (best < 9) hits.push({i: i, rank: best, alias: alias});
    }
    hits.sort(function (a, b) {
      return a.rank - b.rank || NODES[a.i].l.length - NODES[b.i].l.length || a.i - b.i;
    });
    return hits.slice(0, 15);
  }
  var hits = [], active = 0;
  function renderSuggestions() {
    var ul = $("suggestions");
    ul.textContent = "";
    hits.forEach(function (h, k) {
      var n = NODES[h.i], li = el("li", {role: "option", "data-node": String(h.i), "class": k === active ? "active" : ""},
        [swatch(TYPES[n.t]), el("span", {text: n.l}), h.alias ? el("span", {"class": "muted", text: "别名 " + h.alias}) : null,
         el("span", {"class": "kind", text: n.t === AREA ? short(areaPath(n.up), 18) : STYLE[TYPES[n.t]].zh})]);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(h.i); });
      ul.appendChild(li);
    });
    if (!hits.length && $("search").value.trim()) ul.appendChild(el("li", {"class": "muted", text: "没有找到 · nothing found"}));
    ul.hidden = !$("search").value.trim();
  }
  function pick(i) { $("suggestions").hidden = true; $("search").blur(); focusNode(i); }
  $("search").addEventListener("input", function () { hits = search(this.value); active = 0; renderSuggestions(); });
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      active = Math.max(0, Math.min(hits.length - 1, active + (ev.key === "ArrowDown" ? 1 : -1)));
      renderSuggestions(); ev.preventDefault();
    } else if (ev.key === "Enter" && hits.length) pick(hits[active].i);
    else if (ev.key === "Escape") $("suggestions").hidden = true;
  });
  $("search").addEventListener("blur", function () { $("suggestions").hidden = true; });
  $("close").addEventListener("click", function () { $("panel").hidden = true; network.unselectAll(); });
  $("fit").addEventListener("click", function () { network.fit({animation: false}); boostReports(); });

  buildLegend();
  buildAreaFilter();
  buildPromises();
  initialView();
  createNetwork();
  network.fit({animation: false});
  boostReports();
  window.govkg = {network: network, nodes: nodesDS, edges: edgesDS, data: DATA, aggregate: AGGREGATE,
                  focus: focusNode, search: search, held: heldCount,
                  visibleIds: function () { return nodesDS.getIds({filter: function (o) { return !o.hidden; }}); }};
  network.once("afterDrawing", function () {   // the first drawing of the whole first view: the page is ready
    window.govkg.readyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
  });
  network.redraw();
  updateStatus();
})();
