"""Read a report file into a ``Report``: get its text, normalise it, and keep a map back to the original.

The original text (``Report.raw``) of a ``.txt``/``.md`` file is the decoded
file; of a ``.pdf``, ``.docx`` or ``.html`` file it is the plain text
``kg/read/formats.py`` extracts (paragraphs one per line, headings as ``#`` lines).
The analysed text differs from it in ways that help matching and never lose
provenance: markdown markers are dropped, full-width letters, digits and
punctuation become half-width, spaces next to Chinese characters go, a
paragraph broken by a PDF page break is joined again, and traditional
characters become simplified, one for one. ``Report.offsets`` maps every
analysed character back to its position in the original text.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Sequence

from kg.read import formats as readers
from kg.errors import DecodeError, InputError
from kg.model import Report

__all__ = ["READABLE_SUFFIXES", "TEXT_SUFFIXES", "HTML_SUFFIXES", "MAX_BYTES", "MAX_CHARS", "read_report",
           "read_text", "parse_report", "decode_bytes", "decode_html", "normalise", "to_halfwidth", "to_simplified"]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
READABLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".pdf", ".docx")
MAX_BYTES = 50 * 1024 * 1024  # any input file
MAX_CHARS = 1_000_000  # the text of one file: about 30 reports, under a minute to build

_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s*|>\s?|[-*+]\s+(?=\S))")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_MD_INLINE = re.compile(r"\*\*|__|</?[A-Za-z][^<>]{0,40}>|(?<![\w*])\*(?!\s)|`")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[部分章节、])")
_TERMINAL = set("。！？!?；;：:…”\"’)）】》」』")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# characters only traditional Chinese writes (never seen in the simplified corpus), common in any report
_TRADITIONAL = frozenset("這個們國會經發為與對區業實現時來過還從進開關動機電產體務義說當應車長門間問題處點種數劃環質優傳統"
                         "營達費際濟員報設農鎮縣億萬歲圍興勞衛網隊")


def to_halfwidth(ch: str) -> str:
    """Map one full-width character to its half-width form; others unchanged.

    >>> "".join(to_halfwidth(c) for c in "８２０亿元，增长７．６％")
    '820亿元,增长7.6%'
    >>> to_halfwidth("\\u3000")
    ' '
    """
    return ch.translate(_HALFWIDTH)


# full-width forms to half-width, and the wide or invisible spaces to a plain space (one character for one)
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | dict.fromkeys(
    (0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x200B, 0xFEFF), " ")


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
        raise DecodeError("this is a binary file, not text", path=path,
                          hint=f"give a report as {', '.join(READABLE_SUFFIXES)}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_text(text):
            return text, "utf-8"
    return _decode_chinese(data) or _decode_detected(data, path)


def _decode_chinese(data: bytes) -> tuple[str, str] | None:
    """GB18030 (a superset of GBK and GB2312) or Big5, whichever reads as Chinese; GB18030 on a tie.

    >>> _decode_chinese("地區生產總值增長".encode("big5"))
    ('地區生產總值增長', 'big5hkscs')
    """
    best, best_share = None, -1.0
    for enc in ("gb18030", "big5hkscs"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share = _han_share(text)
        if share > best_share and _looks_like_text(text):
            best, best_share = (text, enc), share
        if best_share > 0.9:
            break
    return best


def _han_share(text: str) -> float:
    """Share of CJK unified ideographs among the wide characters that are not punctuation: low for text
    decoded with the wrong Chinese charset (Big5 read as GB gives kana, Greek and private-use characters)."""
    sample = [c for c in text[:20000] if ord(c) > 0x2E7F and not 0x3000 <= ord(c) <= 0x303F
              and not 0xFF00 <= ord(c) <= 0xFFEF]
    return sum(1 for c in sample if 0x4E00 <= ord(c) <= 0x9FFF) / max(1, len(sample))


def decode_html(data: bytes, path: str = "") -> tuple[str, str]:
    """Decode a web page: the charset its ``<meta>`` declares when the bytes agree, else as any text.

    >>> decode_html('<meta charset="gb2312"><p>镕</p>'.encode("gb18030"))
    ('<meta charset="gb2312"><p>镕</p>', 'gb18030')
    """
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = m.group(1).decode("ascii").lower()
        enc = "gb18030" if declared in ("gb2312", "gbk", "x-gbk", "gb_2312-80") else declared
        try:
            text = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if text.strip() and _looks_like_text(text):
                return text, enc
    return decode_bytes(data, path)


def _decode_detected(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or not _looks_like_text(str(best)):
        raise DecodeError("cannot decode the file as text", path=path, hint="save it as UTF-8")
    return data.decode(best.encoding, errors="replace"), best.encoding


_CONTROL_OR_REPLACEMENT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")  # control characters but \t \n \f \r


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    bad = len(_CONTROL_OR_REPLACEMENT.findall(sample))
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
    previous: str | None = None
    previous_heading, previous_end = False, 0
    for line, line_offsets, heading in paragraphs:
        if previous is not None:
            if not (_continues(previous, line) and not previous_heading and not heading):
                chars.append("\n")
                offsets.append(previous_end + 1)
        chars.append(line)
        offsets.extend(line_offsets)
        previous, previous_heading, previous_end = line, heading, line_offsets[-1]
    offsets.append(len(raw))
    return "".join(chars), tuple(offsets)


def _line_spans(raw: str):
    start = 0
    for match in re.finditer(r"\r\n|\r|\n", raw):
        yield start, match.start()
        start = match.end()
    yield start, len(raw)


def _clean_line(raw: str, start: int, end: int) -> tuple[str, Sequence[int], bool]:
    """One line's analysed characters, their raw offsets (one per character), and whether it is a markdown heading."""
    line = raw[start:end]
    if _MD_RULE.match(line):
        return "", (), False
    heading = line.lstrip().startswith("#")
    prefix = _MD_PREFIX.match(line)
    cut = prefix.end() if prefix else 0
    wide = line.translate(_HALFWIDTH)  # one character for one
    marks = [m.span() for m in _MD_INLINE.finditer(line)]
    if marks:
        skip = {i for a, b in marks for i in range(a, b)}
        kept = [i for i in range(cut, len(wide)) if i not in skip]
        chars, offsets = "".join(wide[i] for i in kept), [start + i for i in kept]
    else:
        chars, offsets = wide[cut:], range(start + cut, end)
    if _SPACE.search(chars):
        chars, offsets = _squeeze_spaces(chars, offsets)
    return chars, offsets, heading


_SPACE = re.compile(r"\s")


def _squeeze_spaces(chars: str, offsets: Sequence[int]) -> tuple[str, list[int]]:
    """Drop each run of spaces, or keep one space where it stands between two narrow characters (``AI 芯片``
    loses it, ``Model Y`` keeps it); ``offsets`` are the characters' and go with them.

    >>> _squeeze_spaces("AI 芯片 Model  Y ", range(10, 25))
    ('AI芯片Model Y', [10, 11, 13, 14, 16, 17, 18, 19, 20, 21, 23])
    """
    out: list[str] = []
    out_offsets: list[int] = []
    done, left = 0, ""
    for run in _SPACES.finditer(chars):
        if done < run.start():
            out.append(chars[done:run.start()])
            out_offsets.extend(offsets[done:run.start()])
            left = chars[run.start() - 1]
        right = chars[run.end():run.end() + 1]
        if left and right and not _is_wide(left) and not _is_wide(right):
            out.append(" ")
            out_offsets.append(offsets[run.start()])
            left = " "
        done = run.end()
    out.append(chars[done:])
    out_offsets.extend(offsets[done:])
    return "".join(out), out_offsets


_SPACES = re.compile(r"\s+")


def _continues(previous: str, line: str) -> bool:
    """True when ``line`` continues ``previous`` across a page break."""
    last = previous[-1]
    head = previous[:4]
    text = line[:12]
    if last in _TERMINAL or len(previous) < 15 or head.startswith("—"):
        return False
    if _NUMBERED.match(text) or _NUMBERED.match(previous[:8]):
        return False
    if len(line) < 12 and line[-1] not in _TERMINAL:
        return False
    return True


def to_simplified(text: str) -> str:
    """``text`` with traditional characters made simplified, one character for one, so offsets still hold.

    Text with no more than a trace of traditional characters is returned as it is
    (OpenCC is not even loaded): converting a simplified report could only harm
    it (a place name written ``昇`` would become ``升``).

    >>> to_simplified("各位代表：現在，我代表市人民政府向大會報告工作，請予審議。")
    '各位代表：现在，我代表市人民政府向大会报告工作，请予审议。'
    >>> to_simplified("地区生产总值增长")
    '地区生产总值增长'
    """
    hints = sum(1 for c in text if c in _TRADITIONAL)
    if hints < 3 or hints * 500 < len(text):
        return text
    import opencc

    convert = opencc.OpenCC("t2s").convert
    lines = text.split("\n")
    return "\n".join(_convert_keeping_length(convert, line) for line in lines)


def _convert_keeping_length(convert, line: str) -> str:
    out = convert(line)
    if len(out) == len(line):
        return out
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, convert(ch)) for ch in line))


def parse_report(raw: str, path: str = "<text>", name: str | None = None, encoding: str = "utf-8") -> Report:
    """Build a ``Report`` from already decoded text (no file needed)."""
    text, offsets = normalise(raw)
    if not text.strip():
        raise InputError("the file has no text, only blank space or markup", path=path, hint="is it a report?")
    return Report(path=path, name=name or Path(path).name, raw=raw, text=to_simplified(text), offsets=offsets,
                  encoding=encoding)


def read_report(path: str | Path) -> Report:
    """Read and normalise one report file: text (``.txt``, ``.md``), ``.pdf``, ``.docx`` or ``.html``."""
    p = Path(path)
    raw, source = read_text(p)
    return parse_report(raw, str(p), p.name, source)


def read_text(path: str | Path) -> tuple[str, str]:
    """The original text of a report file, and where it came from: the charset of a text file, or
    ``pdf``, ``docx``, ``html:<charset>``. Refuses what is missing, empty, too large or unreadable."""
    p = Path(path)
    size = _check_file(p)
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        raw, source = readers.read_pdf_text(p, MAX_CHARS), "pdf"
    elif suffix == ".docx":
        raw, source = readers.read_docx_text(p), "docx"
    elif suffix == ".doc":
        raise InputError("old binary Word .doc files cannot be read", path=str(p), hint="save it as .docx or .pdf")
    elif suffix in HTML_SUFFIXES:
        html, charset = decode_html(p.read_bytes(), str(p))
        raw, source = readers.html_to_text(html), f"html:{charset}"
    else:
        if size > 4 * MAX_CHARS:  # no encoding takes more than 4 bytes a character
            raise _too_long(p)
        raw, source = decode_bytes(p.read_bytes(), str(p))
    if len(raw) > MAX_CHARS:
        raise _too_long(p)
    return raw, source


def _check_file(p: Path) -> int:
    if not p.exists():
        raise InputError("no such file", path=str(p), hint="check the path")
    if p.is_dir():
        raise InputError("is a folder, not a report file", path=str(p))
    size = p.stat().st_size
    if size == 0:
        raise InputError("the file is empty", path=str(p), hint="give a report with text in it")
    if size > MAX_BYTES:
        raise InputError(f"the file is {size / 1_048_576:.0f} MB, above the limit of {MAX_BYTES // 1_048_576} MB",
                         path=str(p), hint="split it into reports")
    return size


def _too_long(p: Path) -> InputError:
    return InputError(f"the text is longer than the limit of {MAX_CHARS:,} characters (about 30 reports)",
                      path=str(p), hint="split it into one file per report")
