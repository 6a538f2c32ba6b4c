"""The plain-text form every reader gives: one paragraph per line, a blank line between paragraphs, headings as
markdown ``#`` lines (``## 一、…``), table rows as cells joined by `` | ``. Its text is the report's original text
(``Report.raw``) for PDF, Word and HTML reports, and what ``gk:start``/``gk:end`` count in."""

from __future__ import annotations

__all__ = ["paragraphs_to_text"]


def paragraphs_to_text(blocks: list[tuple[int, str]]) -> str:
    """Join ``(heading level, text)`` blocks into govkg's plain-text form (level 0: a paragraph).

    >>> print(paragraphs_to_text([(1, "2019年工作回顾"), (0, "经济平稳。"), (2, "一、抓项目")]))
    # 2019年工作回顾
    <BLANKLINE>
    经济平稳。
    <BLANKLINE>
    ## 一、抓项目
    """
    lines = []
    for level, text in blocks:
        text = " ".join(text.split())
        if text:
            lines.append(f"{'#' * min(level, 6)} {text}" if level else text)
    return "\n\n".join(lines)
