"""Bytes -> text: detect the encoding, remove a byte-order mark, keep newlines as they are."""
from __future__ import annotations

import codecs

from ..errors import EmptySource, UndecodableSource

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried in order when there is no BOM and the bytes are not UTF-8.  GB18030 is a superset of
# GBK/GB2312 and decodes nearly any byte string, so Big5 is preferred when charset-normalizer
# says so and the text reads better that way.
_CJK_FALLBACKS = ("gb18030", "big5")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f\v") or 0xFFF0 <= ord(c) <= 0xFFFF)
    return "\x00" in text or controls > 0.02 * len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes in every other position for ASCII, plausible text throughout."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share = _plausible_share(text)
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, text)
    return best[1] if best else None


def decode_bytes(data: bytes, name: str = "-") -> tuple[str, str]:
    """Return ``(text, encoding)``.  Raises UndecodableSource / EmptySource with the reason."""
    if not data.strip():
        raise EmptySource(f"{name}: empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise UndecodableSource(f"{name}: has a {enc} byte-order mark but does not decode ({exc.reason})") from exc
            if text.startswith("\ufeff"):
                text = text[1:]
            return text, enc.replace("-sig", "") + ("-sig" if enc == "utf-8-sig" else "")
    text = _utf16_without_bom(data)
    if text is not None and not _looks_binary(text):
        return text, "utf-16"
    if b"\x00" in data:
        raise UndecodableSource(f"{name}: binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data, name)
    if _looks_binary(text):
        raise UndecodableSource(f"{name}: binary file (control characters in the text)")
    return text, encoding


def _plausible(c: str) -> bool:
    o = ord(c)
    return (o < 0x250 or 0x2000 <= o <= 0x206F or 0x3000 <= o <= 0x303F or 0x4E00 <= o <= 0x9FFF
            or 0xFF00 <= o <= 0xFFEF or 0xAC00 <= o <= 0xD7AF)


def _plausible_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for c in text if _plausible(c) and (c >= " " or c in "\t\n\r")) / len(text)


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    """Not UTF-8: GB18030 or Big5 (or what charset-normalizer says), whichever reads best.

    Ranking: share of plausible characters, then fewer characters (a double-byte reading beats a
    single-byte misreading of the same bytes), then charset-normalizer's verdict.
    """
    guess = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            guess = best.encoding
    except Exception:  # noqa: BLE001 — detection is a hint, never a reason to fail
        pass
    candidates = []
    for enc in dict.fromkeys([*_CJK_FALLBACKS, *([guess] if guess else [])]):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        share = round(_plausible_share(text), 2)
        candidates.append((share, -len(text), codecs.lookup(enc).name == codecs.lookup(guess or enc).name, text, enc))
    if not candidates:
        raise UndecodableSource(f"{name}: not valid UTF-8, UTF-16, GB18030 or Big5 text")
    share, _, _, text, enc = max(candidates, key=lambda c: c[:3])
    if share < 0.85:
        raise UndecodableSource(f"{name}: undecodable text (best guess {enc} reads as garbage)")
    return text, enc
