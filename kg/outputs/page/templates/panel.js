// ---- the side panel: what one node is, where the report says it, and its evidence ----
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
  out.push(el("div", {"class": "muted", text: (PART_NAMES[n.part] || n.part) + " · " + n.kind + " · " + held(i) + " 个实体和指标"}));
  if (children[i].length) out = out.concat(section("下级领域 · sub-areas", children[i].map(function (a) {
    return el("div", {}, [nodeLink(a), el("span", {"class": "muted", text: " (" + held(a) + ")"})]);
  })));
  var inside = new Map();
  subtree(i).forEach(function (a) { members[a].forEach(function (m) { inside.set(m, true); }); });
  var scope = new Set(subtree(i));
  TYPES.forEach(function (type, t) {
    var list = Array.from(inside.keys()).filter(function (m) { return NODES[m].t === t; })
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

