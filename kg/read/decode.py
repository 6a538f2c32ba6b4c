"""Bytes to text: the charset of a report file, told by its BOM, its HTML meta tag, UTF-8, or the Chinese
encodings tried in turn (GB18030, Big5) and judged by how much of the result is Chinese."""

from __future__ import annotations

import codecs
import re

from kg.errors import DecodeError, InputError

__all__ = ["decode_bytes", "decode_html"]

_READABLE_HINT = "give a report as .txt, .md, .html, .pdf or .docx"

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)


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
                          hint=_READABLE_HINT)
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
