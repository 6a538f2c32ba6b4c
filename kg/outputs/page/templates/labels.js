// ---- labels: text laid over the canvas after each drawing, at a fixed size on screen (12 px at least), placed by
// priority so that no label covers another label or a node; a label too long for its room is shortened with "…",
// one with no room left is not shown. The hovered and the selected node come first, with their full labels. ----
var labelLayer = null, labelPool = [], labelOrder = null, hoverNode = -1, measureCtx = null, widthCache = new Map();
var LABEL_CELL = 64;                                         // the side of a cell of the index of what is placed
var LABEL_RANK = {Report: 0, Village: 4, Project: 4, Enterprise: 5, Institution: 5, Initiative: 6, Indicator: 7};

function labelSize(i) {                                      // px on screen: report, part, section, the rest
  var n = NODES[i];
  if (n.t === REPORT) return 16;
  if (n.t !== AREA) return 12;
  var d = depth(i);
  return d <= 1 ? 15 : d === 2 ? 13 : 12;
}
function labelRank(i) { return NODES[i].t === AREA ? Math.min(depth(i), 3) : LABEL_RANK[TYPES[NODES[i].t]]; }
function orderLabels() {                                     // the current view's nodes, the most important first
  var ids = drawn.ids.slice(), rank = new Map();
  ids.forEach(function (i) { rank.set(i, labelRank(i)); });
  return ids.sort(function (a, b) {
    return rank.get(a) - rank.get(b) || NODES[b].deg - NODES[a].deg || (NODES[a].o || 0) - (NODES[b].o || 0) || a - b;
  });
}
function textWidth(text, size) {                            // px of text, bold (as labels are) and with a margin
  var key = size + "|" + text, w = widthCache.get(key);
  if (w === undefined) {
    if (!measureCtx) measureCtx = document.createElement("canvas").getContext("2d");
    measureCtx.font = "600 " + size + "px " + FONT;
    w = Math.ceil(measureCtx.measureText(text).width) + 4;
    if (widthCache.size > 50000) widthCache.clear();
    widthCache.set(key, w);
  }
  return w;
}
function fitText(label, size, room, most) {                 // label, or its start and "…", within room px; or null
  var c = chars(label);
  if (c.length <= most && textWidth(label, size) <= room) return label;
  for (var n = Math.min(c.length, most, Math.floor(room / size) + 1); n >= 3; n--) {
    var text = c.slice(0, n - 1).join("") + "…";
    if (textWidth(text, size) <= room) return text;
  }
  return null;
}
function fitTwoLines(label, size, room) {                   // label on two lines within room px; or null
  var c = chars(label), n = c.length;
  while (n > 1 && textWidth(c.slice(0, n).join(""), size) > room) n--;
  if (n < 3 || n >= c.length) return null;
  var rest = fitText(c.slice(n).join(""), size, room, 40);
  return rest ? c.slice(0, n).join("") + "\n" + rest : null;
}
function markerRadius(i, scale) {
  var n = NODES[i];
  return n.t === AREA ? (depth(i) <= 1 ? 13 : depth(i) === 2 ? 10.4 : 7.8) * scale : n.s * scale;
}

function LabelIndex() { this.cells = new Map(); }          // boxes placed so far, by the cells they cover
LabelIndex.prototype.each = function (b, fn) {
  for (var cx = Math.floor(b.x0 / LABEL_CELL); cx <= Math.floor(b.x1 / LABEL_CELL); cx++)
    for (var cy = Math.floor(b.y0 / LABEL_CELL); cy <= Math.floor(b.y1 / LABEL_CELL); cy++) fn(cx * 65536 + cy);
};
LabelIndex.prototype.add = function (b) {
  var cells = this.cells;
  this.each(b, function (k) { var list = cells.get(k); if (list) list.push(b); else cells.set(k, [b]); });
};
LabelIndex.prototype.hits = function (b, owner, labelsOnly) {   // labelsOnly: nodes are not in the way
  var cells = this.cells, hit = false;
  this.each(b, function (k) {
    (cells.get(k) || []).forEach(function (o) {
      if (o.owner !== owner && (!labelsOnly || o.owner < 0) && o.x0 < b.x1 && b.x0 < o.x1 && o.y0 < b.y1 && b.y0 < o.y1) hit = true;
    });
  });
  return hit;
};

function labelBoxes(i, x, y, r, w, h, full) {                // where i's label may go, in order of preference
  var right = {x0: x + r + 2, y0: y - h / 2}, left = {x0: x - r - 2 - w, y0: y - h / 2};
  var above = {x0: x - w / 2, y0: y - r - 1 - h}, below = {x0: x - w / 2, y0: y + r + 1};
  var n = NODES[i], outer = posX[i] < 0 ? left : right;
  if (full) return [outer, above, below, outer === left ? right : left];
  if (n.t === REPORT) return [0, 10, 20, 30].reduce(function (list, d) {
    return list.concat([{x0: above.x0, y0: above.y0 - d}, {x0: below.x0, y0: below.y0 + d}]);
  }, []);
  if (n.t === AREA) return [outer];
  return [outer, above, below];
}
function placeLabels() {
  if (!labelLayer) return;
  var placed = [];
  if (current >= 0) placed = chooseLabels();
  placed.forEach(function (p, k) {
    var e = labelPool[k];
    if (!e) { e = el("div", {"class": "label"}); labelLayer.appendChild(e); labelPool.push(e); }
    if (e.textContent !== p.text) e.textContent = p.text;
    e.className = p.cls;
    e.setAttribute("data-node", String(p.owner));
    e.style.cssText = "transform:translate(" + p.x0 + "px," + p.y0 + "px);width:" + (p.x1 - p.x0) + "px;height:" +
      (p.y1 - p.y0) + "px;line-height:" + p.lh + "px;font-size:" + p.size + "px";
    e.hidden = false;
  });
  for (var k = placed.length; k < labelPool.length; k++) labelPool[k].hidden = true;
}
function chooseLabels() {
  var scale = network.getScale(), origin = network.canvasToDOM({x: 0, y: 0}), panel = $("panel");
  var W = labelLayer.clientWidth - (panel.hidden ? 0 : panel.offsetWidth), H = labelLayer.clientHeight;
  var index = new LabelIndex(), placed = [], onScreen = [], caption = $("caption");
  if (caption.textContent) index.add({x0: 0, y0: 0, x1: caption.offsetLeft + caption.offsetWidth + 4,
                                      y1: caption.offsetTop + caption.offsetHeight + 4, owner: -1});
  if (!labelOrder) labelOrder = orderLabels();
  labelOrder.forEach(function (i) {                          // every node drawn is in the way of the labels
    if (!shown[i]) return;
    var x = origin.x + posX[i] * scale, y = origin.y + posY[i] * scale, r = markerRadius(i, scale);
    if (x + r < 0 || x - r > W || y + r < 0 || y - r > H) return;
    index.add({x0: x - r, y0: y - r, x1: x + r, y1: y + r, owner: i});
    onScreen.push(i);
  });
  var first = [selectedNode, hoverNode].filter(function (i) { return i >= 0 && present[i] && shown[i]; });
  first.concat(onScreen.filter(function (i) { return first.indexOf(i) < 0; })).forEach(function (i) {
    var full = first.indexOf(i) >= 0, size = labelSize(i), h = Math.round(size * 1.3);
    var x = origin.x + posX[i] * scale, y = origin.y + posY[i] * scale, r = markerRadius(i, scale);
    var room = full ? W : NODES[i].t === AREA ? roomOf[i] * scale - r - 2 : W;
    var most = full ? 60 : NODES[i].t === AREA ? 40 : NODES[i].t === REPORT ? 24 : 10;
    var one = fitText(NODES[i].l, size, room, most), texts = one ? [one] : [];
    if (!full && NODES[i].t === AREA && depth(i) <= (mode === "whole" ? 2 : 1) && one !== NODES[i].l) {   // 2 lines
      var two = fitTwoLines(NODES[i].l, size, room);
      if (two) texts.unshift(two);
    }
    for (var t = 0; t < texts.length; t++) {
      var lines = texts[t].split("\n"), lh = h * lines.length;
      var w = Math.max.apply(null, lines.map(function (l) { return textWidth(l, size); }));
      var boxes = labelBoxes(i, x, y, r, w, lh, full);
      for (var k = 0; k < boxes.length; k++) {
        var b = {x0: Math.round(boxes[k].x0), y0: Math.round(boxes[k].y0), owner: i, text: texts[t], size: size, lh: h};
        b.x1 = b.x0 + w; b.y1 = b.y0 + lh;
        if (b.x0 < 0 || b.y0 < 0 || b.x1 > W || b.y1 > H || index.hits(b, i, full)) continue;
        b.cls = "label" + (NODES[i].t === AREA || NODES[i].t === REPORT ? " area" : "") + (full ? " full" : "") +
          (b.x1 <= x ? " end" : "");
        index.add({x0: b.x0 - 1, y0: b.y0, x1: b.x1 + 1, y1: b.y1, owner: -1});
        placed.push(b);
        return;
      }
    }
  });
  return placed;
}
