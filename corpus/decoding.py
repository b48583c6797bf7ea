"""Turn a transcript file's bytes into text, or say why not.

UTF-8 (with or without BOM) first; UTF-16 when a BOM or the byte pattern says so;
GB18030 last, and only when the result reads as Chinese text, because GB18030
accepts many byte sequences that are not text at all.
"""

from __future__ import annotations

import codecs
import re

from .errors import DecodeError

# Control characters (Unicode category Cc) other than tab, newline, carriage return, form feed, vertical tab.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); raise DecodeError with a reason otherwise."""
    if not data.strip():
        raise DecodeError("the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[len(codecs.BOM_UTF8):], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data, "utf-16"), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data, utf16), utf16
    try:
        return _checked(data, "utf-8"), "utf-8"
    except DecodeError:
        pass
    if b"\x00" in data:
        raise DecodeError("it looks like a binary file, not text")
    unknown = "it is neither UTF-8, UTF-16 nor GB18030 text; save it as UTF-8"
    try:
        text = _checked(data, "gb18030")
    except DecodeError:
        raise DecodeError(unknown) from None
    if not _reads_as_chinese(text):
        raise DecodeError(unknown)
    return text, "gb18030"


def _checked(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"it is not valid {encoding} ({exc.reason} at byte {exc.start})") from None
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 1000):
        raise DecodeError(f"it decodes as {encoding} but holds {controls} control characters; is it binary?")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    # ASCII-range text in UTF-16 has a NUL in every other byte.
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _reads_as_chinese(text: str) -> bool:
    non_ascii = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    if not non_ascii:
        return True
    cjk = sum(1 for ch in non_ascii if _is_cjk_or_punct(ch))
    return cjk / len(non_ascii) >= 0.8


def _is_cjk_or_punct(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF  # unified ideographs
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2000 <= code <= 0x206F  # general punctuation (quotes, dashes)
    )
