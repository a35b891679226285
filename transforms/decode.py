"""Bytes of a text input -> str, with the encoding that was detected and how sure we are.

Arabic news still arrives as UTF-8 (with or without BOM), UTF-16, Windows-1256 and
ISO-8859-6. A byte-order mark decides by itself; otherwise charset-normalizer measures the
bytes and proposes candidates. Its ranking can confuse the Arabic single-byte code pages
(cp1256 / ISO-8859-6 / DOS and Mac Arabic share most letters and differ in a few, such as
lam), so among its candidates we keep the one whose text reads most like Arabic: the most
occurrences of the article "ال", then the most Arabic letters; ties keep its own order, so
non-Arabic text is decoded exactly as it proposes. Binary data is refused here with a reason.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import CharsetMatch, from_bytes

from transforms.arabic import arabic_letters

# A BOM names the encoding outright (the UTF-8 one first: it is not a prefix of the others).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# NUL bytes are ordinary only in UTF-16/32 (the high byte of ASCII code points).
_NUL_TOLERANT = ("utf-16", "utf-32")
# The definite article: frequent in any Arabic text, mangled by a wrong Arabic code page.
_ARTICLE = "ال"


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept; `reason` is a quarantine code."""

    def __init__(self, reason: str, detail: str | None = None) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name: utf-8, utf-8-sig, utf-16-le, cp1256, iso8859-6, ...
    confidence: float | None  # 1 - charset-normalizer's chaos; 1.0 for a BOM; None when empty


def decode_bytes(data: bytes) -> Decoded:
    """Decode `data`, or raise DecodeError('binary' | 'undecodable', detail)."""
    if not data:
        return Decoded("", "utf-8", None)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding, 1.0)
            except UnicodeDecodeError as err:
                raise DecodeError("undecodable", f"{encoding} BOM but {err.reason}") from err
    has_nul = b"\x00" in data
    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError("binary" if has_nul else "undecodable", "no encoding fits these bytes")
    best = max(matches, key=_arabic_fit)
    encoding = codecs.lookup(best.encoding).name
    if has_nul and not encoding.startswith(_NUL_TOLERANT):
        raise DecodeError("binary", f"NUL bytes in {encoding} data")
    return Decoded(str(best), encoding, round(1.0 - best.chaos, 3))


def _arabic_fit(match: CharsetMatch) -> tuple[int, int]:
    """How much the decoded text reads like Arabic (0, 0 for any other language)."""
    text = str(match)
    return text.count(_ARTICLE), arabic_letters(text)
