// ---- promises: every target with a verdict beside what the region's next report says became of it ----
var PROMISES = [], PROMISE_STEP = 200;   // rows are added 200 at a time, as one scrolls
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
  focusNode(PROMISES[k][3][0], false, promiseObs(PROMISES[k][3])[8]);   // in the view of the report that set it
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
var PROJECTS = [];
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
  PROMISES = DATA.promises || []; PROJECTS = DATA.projects || [];
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
  $("promise-size").addEventListener("click", function () {   // compact at first: a few rows under the graph
    var tall = $("promises").classList.toggle("tall");
    this.setAttribute("aria-pressed", String(tall));
    this.textContent = tall ? "缩小 · fewer rows" : "放大 · more rows";
  });
  $("promises").hidden = false;
  renderPromises();
}

