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
    """UTF-16 without a BOM shows as NUL bytes in every other position for ASCII-heavy text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    enc = "utf-16-le" if odd > 0.3 * half and even < 0.05 * half else (
        "utf-16-be" if even > 0.3 * half and odd < 0.05 * half else None)
    if enc is None:
        return None
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


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


def _cjk_share(text: str) -> float:
    good = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or c.isascii() or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return good / max(1, len(text))


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    """Not UTF-8: ask charset-normalizer, then prefer the CJK codec whose text reads best."""
    candidates: list[tuple[float, str, str]] = []
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            candidates.append((_cjk_share(str(best)) + 0.001, str(best), best.encoding))
    except Exception:  # noqa: BLE001 — detection is a hint, never a reason to fail
        pass
    for enc in _CJK_FALLBACKS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_cjk_share(text), text, enc))
    if not candidates:
        raise UndecodableSource(f"{name}: not valid UTF-8, UTF-16, GB18030 or Big5 text")
    score, text, enc = max(candidates, key=lambda c: c[0])
    if score < 0.85:
        raise UndecodableSource(f"{name}: undecodable text (best guess {enc} reads as garbage)")
    return text, enc
