// ---- the overview of a corpus: its reports in a table, a row per region and a column per year, each report a
// button with its counts (entities, targets, and the targets met and missed); a click draws that report's tree.
// It is drawn from its own small block of data (kg/outputs/page/overview.py), before the rest is read. ----
var pendingReport = -1;                                      // a report clicked before the data was read

function openReport(r) {
  if (DATA) drawView(r);
  else { pendingReport = r; $("status").textContent = "载入中 · loading…"; }
}
function reportButton(row) {   // row: [report, region, year, label, entities, indicators, targets, met, missed, not reported]
  var r = row[0], b = el("button", {type: "button", "class": "report", "data-report": String(r)});
  b.setAttribute("title", [row[1] + " " + row[2], row[3], row[4] + " 个实体 entities", row[5] + " 个指标 indicators",
    row[6] + " 个目标 targets: " + row[7] + " 已兑现 met, " + row[8] + " 未兑现 missed, " + row[9] + " 未报告 not reported"]
    .join(" · "));
  b.appendChild(el("span", {"class": "count-line", text: row[4] + " 实体"}));
  b.appendChild(el("span", {"class": "count-line", text: row[6] + " 目标"}));
  var verdicts = el("span", {"class": "count-line"});
  if (row[7] || row[8]) {
    verdicts.appendChild(el("span", {"class": "met", text: "✓" + row[7]}));
    verdicts.appendChild(el("span", {"class": "missed", text: " ✗" + row[8]}));
  } else verdicts.appendChild(el("span", {"class": "muted", text: "—"}));
  b.appendChild(verdicts);
  b.addEventListener("click", function () { openReport(r); });
  return b;
}
function buildOverview(table) {
  var rows = new Map(), years = new Set();
  table.reports.forEach(function (row) {
    var region = row[1] || "—", year = row[2] || "—";
    if (!rows.has(region)) rows.set(region, new Map());
    var cells = rows.get(region);
    if (!cells.has(year)) cells.set(year, []);
    cells.get(year).push(row);
    years.add(year);
  });
  var regions = Array.from(rows.keys()).sort(function (a, b) { return a.localeCompare(b, "zh-CN"); });
  var columns = Array.from(years).sort();
  var head = el("tr", {}, [el("th", {"class": "corner", text: "地区 \\ 年份"})]);
  columns.forEach(function (y) { head.appendChild(el("th", {scope: "col", text: y})); });
  var body = el("tbody");
  regions.forEach(function (region) {
    var cells = rows.get(region), n = 0;
    cells.forEach(function (list) { n += list.length; });
    var tr = el("tr", {}, [el("th", {scope: "row"}, [el("span", {text: region}), el("span", {"class": "muted", text: " " + n})])]);
    columns.forEach(function (y) {
      var td = el("td");
      (cells.get(y) || []).forEach(function (row) { td.appendChild(reportButton(row)); });
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
  var span = columns.length ? columns[0] + "–" + columns[columns.length - 1] : "";
  $("corpus-summary").textContent = table.reports.length + " 份报告 reports · " + regions.length + " 个地区 regions · " +
    span + " · 每格:实体数、目标数、已兑现 ✓ / 未兑现 ✗ · 点击一份报告,显示它的结构 · click a report to open its tree";
  $("corpus-table").appendChild(el("thead", {}, [head]));
  $("corpus-table").appendChild(body);
}
function showOverview(on) {                                  // the overview in place of the graph, or the graph back
  $("corpus").hidden = !on;
  $("overview").hidden = on || OVERVIEW.reports.length < 2;
  $("fit").hidden = on;
  if (on) $("mode").hidden = true;
  if (!on || !DATA) return;
  current = -1;
  selectedNode = -1;
  nodesDS.clear(); edgesDS.clear();
  $("caption").textContent = "";
  placeLabels();
  updateStatus();
}
