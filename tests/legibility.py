"""The text a page shows, as a browser lays it out: the legibility checks of the page's tests and of
``bench/page_scale.py`` (no two labels overlap, none under 12 px on screen).

``LABEL_BOXES`` is a script for Playwright's ``page.evaluate``: the boxes of each text node shown in the graph
(its labels and caption) and in the table of reports, clipped to what its box shows, with the font size on screen
(transforms counted) and the node it names.
"""

from __future__ import annotations

LABEL_BOXES = """() => {
  const boxes = [];
  for (const root of ["labels", "caption", "corpus"].map(id => document.getElementById(id))) {
    if (!root || !root.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const clip = root.getBoundingClientRect(), walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const e = t.parentElement;
      if (!t.textContent.trim() || !e.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
      let scale = 1;
      for (let x = e; x; x = x.parentElement) {
        const m = getComputedStyle(x).transform;
        if (m && m !== "none") { const d = new DOMMatrixReadOnly(m); scale *= Math.hypot(d.a, d.b); }
      }
      const range = document.createRange(), owner = e.closest("[data-node]"), style = getComputedStyle(e);
      const own = style.overflow !== "visible" ? e.getBoundingClientRect() : clip;
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) {
        const box = [Math.max(r.left, clip.left, own.left), Math.max(r.top, clip.top, own.top),
                     Math.min(r.right, clip.right, own.right), Math.min(r.bottom, clip.bottom, own.bottom)];
        if (box[2] - box[0] >= 1 && box[3] - box[1] >= 1)
          boxes.push({text: t.textContent, node: owner ? Number(owner.dataset.node) : -1,
                      size: parseFloat(style.fontSize) * scale, box: box});
      }
    }
  }
  return boxes;
}"""


def overlap(a: list[float], b: list[float]) -> bool:
    """Whether two boxes ``[left, top, right, bottom]`` share more than half a pixel each way (touching is not)."""
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    """The pairs of texts of ``boxes`` (as ``LABEL_BOXES`` gives them) whose boxes overlap."""
    return [(a["text"], b["text"]) for k, a in enumerate(boxes) for b in boxes[k + 1:] if overlap(a["box"], b["box"])]
