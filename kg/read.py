"""Read a report file into a ``Report``: decode it and normalise its text, keeping a map back to the original.

The analysed text differs from the file in ways that help matching and never
lose provenance: markdown markers are dropped, full-width letters, digits and
punctuation become half-width, spaces next to Chinese characters go, and a
paragraph broken by a PDF page break is joined again. ``Report.offsets``
maps every analysed character back to its position in the decoded file.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import DecodeError, InputError
from .model import Report

__all__ = ["READABLE_SUFFIXES", "MAX_BYTES", "read_report", "parse_report", "decode_bytes", "normalise", "to_halfwidth"]

READABLE_SUFFIXES = (".txt", ".md", ".markdown", ".text")
MAX_BYTES = 50 * 1024 * 1024

_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s*|>\s?|[-*+]\s+(?=\S))")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_MD_INLINE = re.compile(r"\*\*|__|</?[A-Za-z][^<>]{0,40}>|(?<![\w*])\*(?!\s)|`")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[部分章节、])")
_TERMINAL = set("。！？!?；;：:…”\"’)）】》」』")


def to_halfwidth(ch: str) -> str:
    """Map one full-width character to its half-width form; others unchanged.

    >>> "".join(to_halfwidth(c) for c in "８２０亿元，增长７．６％")
    '820亿元,增长7.6%'
    >>> to_halfwidth("\\u3000")
    ' '
    """
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if code in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x200B, 0xFEFF):
        return " "
    return ch


def _is_wide(ch: str) -> bool:
    return ord(ch) > 0x2E7F


def decode_bytes(data: bytes, path: str = "") -> tuple[str, str]:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, else a detected charset.

    >>> decode_bytes("报告".encode("gbk"))
    ('报告', 'gb18030')
    >>> decode_bytes(codecs.BOM_UTF8 + "报告".encode())
    ('报告', 'utf-8-sig')
    """
    if not data.strip():
        raise InputError("the file is empty", path=path, hint="give a report with text in it")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc), enc
    if b"\x00" in data[:4096]:
        raise DecodeError("this is a binary file, not text", path=path, hint="give a .txt or .md report")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, enc
    return _decode_detected(data, path)


def _decode_detected(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or not _looks_like_text(str(best)):
        raise DecodeError("cannot decode the file as text", path=path, hint="save it as UTF-8")
    return data.decode(best.encoding, errors="replace"), best.encoding


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\r\n\t\f") or c == "\ufffd")
    return bad <= max(2, len(sample) // 200)


def normalise(raw: str) -> tuple[str, tuple[int, ...]]:
    """Normalise ``raw`` for analysis; return the text and, per character, its offset in ``raw``.

    >>> text, offsets = normalise("## 2019 年工作回顾\\n\\n顺利完成目标任务。全年预计完成地\\n\\n区生产总值 ８２０ 亿元，增长 7.6%。")
    >>> text
    '2019年工作回顾\\n顺利完成目标任务。全年预计完成地区生产总值820亿元,增长7.6%。'
    >>> offsets[text.index("区")]
    33
    """
    paragraphs = [p for p in (_clean_line(raw, a, b) for a, b in _line_spans(raw)) if p[0]]
    chars: list[str] = []
    offsets: list[int] = []
    previous: list[tuple[str, int]] | None = None
    previous_heading = False
    for line, heading in paragraphs:
        if previous is not None:
            if not (_continues(previous, line) and not previous_heading and not heading):
                chars.append("\n")
                offsets.append(previous[-1][1] + 1)
        for ch, at in line:
            chars.append(ch)
            offsets.append(at)
        previous, previous_heading = line, heading
    offsets.append(len(raw))
    return "".join(chars), tuple(offsets)


def _line_spans(raw: str):
    start = 0
    for match in re.finditer(r"\r\n|\r|\n", raw):
        yield start, match.start()
        start = match.end()
    yield start, len(raw)


def _clean_line(raw: str, start: int, end: int) -> tuple[list[tuple[str, int]], bool]:
    """One line's analysed characters with their raw offsets, and whether it is a markdown heading."""
    line = raw[start:end]
    if _MD_RULE.match(line):
        return [], False
    heading = line.lstrip().startswith("#")
    prefix = _MD_PREFIX.match(line)
    skip = set()
    for m in _MD_INLINE.finditer(line):
        skip.update(range(m.start(), m.end()))
    kept = [(to_halfwidth(ch), start + i) for i, ch in enumerate(line)
            if i not in skip and not (prefix and i < prefix.end())]
    return _squeeze_spaces(kept), heading


def _squeeze_spaces(kept: list[tuple[str, int]]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    n = len(kept)
    i = 0
    while i < n:
        ch, at = kept[i]
        if ch.isspace():
            j = i
            while j < n and kept[j][0].isspace():
                j += 1
            left = out[-1][0] if out else ""
            right = kept[j][0] if j < n else ""
            if left and right and not _is_wide(left) and not _is_wide(right):
                out.append((" ", at))
            i = j
            continue
        out.append((ch, at))
        i += 1
    return out


def _continues(previous: list[tuple[str, int]], line: list[tuple[str, int]]) -> bool:
    """True when ``line`` continues ``previous`` across a page break."""
    last = previous[-1][0]
    head = "".join(c for c, _ in previous[:4])
    text = "".join(c for c, _ in line[:12])
    if last in _TERMINAL or len(previous) < 15 or head.startswith("—"):
        return False
    if _NUMBERED.match(text) or _NUMBERED.match("".join(c for c, _ in previous[:8])):
        return False
    if len(line) < 12 and line[-1][0] not in _TERMINAL:
        return False
    return True


def parse_report(raw: str, path: str = "<text>", name: str | None = None, encoding: str = "utf-8") -> Report:
    """Build a ``Report`` from already decoded text (no file needed)."""
    text, offsets = normalise(raw)
    if not text.strip():
        raise InputError("the file has no text after normalisation", path=path, hint="is it a report?")
    return Report(path=path, name=name or Path(path).name, raw=raw, text=text, offsets=offsets, encoding=encoding)


def read_report(path: str | Path) -> Report:
    """Read and normalise one report file (``.txt`` or ``.md``)."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=str(p), hint="check the path")
    if p.is_dir():
        raise InputError("is a folder, not a report file", path=str(p))
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"file is {size // 1_048_576} MB, above the {MAX_BYTES // 1_048_576} MB limit",
                         path=str(p), hint="split it into reports")
    raw, encoding = decode_bytes(p.read_bytes(), str(p))
    return parse_report(raw, str(p), p.name, encoding)
