"""Bytes -> text: detect the encoding, remove a byte-order mark, keep newlines as they are."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

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
_WESTERN = ("cp1252", "latin-1")


# control characters other than \t \n \v \f \r, and the U+FFF0-U+FFFF specials: counted in C (issue 13)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\ufff0-\uffff]")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    return "\x00" in text or len(_CONTROLS.findall(text)) > 0.02 * len(text)


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


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()       # e.g. "3 undecodable bytes replaced by U+FFFD"


def decode_bytes(data: bytes, name: str = "-") -> tuple[str, str]:
    """Return ``(text, encoding)``.  Raises UndecodableSource / EmptySource with the reason."""
    d = decode(data, name)
    return d.text, d.encoding


def decode(data: bytes, name: str = "-") -> Decoded:
    """Bytes -> Decoded: BOM, UTF-16, UTF-8, then GB18030/Big5, then cp1252/latin-1.

    A file that is UTF-8 but for a few broken bytes is read as UTF-8 with U+FFFD in their place,
    and the count is reported in ``warnings``.
    """
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
            return Decoded(text, enc.replace("-sig", "") + ("-sig" if enc == "utf-8-sig" else ""))
    text = _utf16_without_bom(data)
    if text is not None and not _looks_binary(text):
        return Decoded(text, "utf-16")
    if b"\x00" in data:
        raise UndecodableSource(f"{name}: binary file (contains NUL bytes)")
    warnings: tuple[str, ...] = ()
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding, replaced = _mostly_utf8(data)
        if replaced:
            warnings = (f"{name}: {replaced} undecodable byte sequence(s) replaced by U+FFFD",)
        else:
            text, encoding = _decode_legacy(data, name)
    if _looks_binary(text):
        raise UndecodableSource(f"{name}: binary file (control characters in the text)")
    return Decoded(text, encoding, warnings)


def _mostly_utf8(data: bytes) -> tuple[str, str, int]:
    """UTF-8 with a few broken sequences: (text with U+FFFD, 'utf-8', count), else count 0."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = len(text) - len(text.encode("ascii", "ignore")) - replaced     # non-ASCII, counted in C
    if replaced and valid >= 4 * replaced:
        return text, "utf-8", replaced
    return "", "", 0


# Characters a legacy decoding plausibly produced: tab/newline/CR, printable Latin up to U+024F
# (not the C1 controls), general punctuation, CJK punctuation and ideographs, full-width forms,
# Hangul, the euro sign.  Counted by runs in C, not per character in Python (issue 13).
_PLAUSIBLE_RUN = re.compile("[\t\n\r\x20-\x7e\xa0-\u024f\u2000-\u206f\u20ac\u3000-\u303f"
                            "\u4e00-\u9fff\uff00-\uffef\uac00-\ud7af]+")
_HAN_RUN = re.compile("[\u4e00-\u9fff]+")


def _plausible_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(map(len, _PLAUSIBLE_RUN.findall(text))) / len(text)


def _han_in_runs(text: str) -> float:
    """Share of Han characters next to another Han character (CJK text: most; a double-byte
    misreading of Western bytes: few, each one eating the ASCII letter after an accent)."""
    runs = [len(r) for r in _HAN_RUN.findall(text)]
    total = sum(runs)
    if not total:
        return 1.0
    return sum(n for n in runs if n > 1) / total


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    """Not UTF-8: GB18030 or Big5 for CJK, else cp1252 / latin-1 (Spanish letters stay valid).

    A double-byte reading whose Han characters stand alone between Latin letters is a misreading
    and is dropped.  Ranking: share of plausible characters, then fewer characters (a double-byte
    reading beats a single-byte misreading of the same bytes), then charset-normalizer's verdict
    for a double-byte encoding, then our order (cp1252 before latin-1 before the detector's
    single-byte guess, which is often cp1250 and turns ``año`` into ``ańo``).
    """
    guess = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None:
            guess = best.encoding
    except Exception:  # noqa: BLE001 — detection is a hint, never a reason to fail
        pass
    order = list(dict.fromkeys([*_CJK_FALLBACKS, *_WESTERN, *([guess] if guess else [])]))
    candidates = []
    for rank, enc in enumerate(order):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        double_byte = len(text) < len(data)
        if double_byte and _han_in_runs(text) < 0.5:
            continue
        is_guess = double_byte and guess is not None and codecs.lookup(enc).name == codecs.lookup(guess).name
        candidates.append((round(_plausible_share(text), 2), -len(text), is_guess, -rank, text, enc))
    if not candidates:
        raise UndecodableSource(f"{name}: not valid UTF-8, UTF-16, GB18030, Big5 or cp1252 text")
    share, *_, text, enc = max(candidates, key=lambda c: c[:4])
    if share < 0.85:
        raise UndecodableSource(f"{name}: undecodable text (best guess {enc} reads as garbage)")
    return text, enc
