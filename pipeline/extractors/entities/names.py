"""Latin forms of Uyghur and Kazakh names written in Chinese transcription (issue 12).

``latin_name('买买提·艾力') == 'Memet Eli'``; ``latin_name('买买提江') == 'Memetjan'``;
``latin_name('王磊') is None`` (not a transcription, or a part not in the table: the caller keeps
the pinyin canonical).  Data: ``resources/common/names_turkic.yaml`` (sources cited there).
Traditional characters are read through OpenCC's t2s first (麥麥提 → 买买提).
"""
from __future__ import annotations

from functools import lru_cache

from ...resources import load
from .canonical import INTERPUNCTS


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    data = load("common", "names_turkic")
    parts = {str(k): str(v) for k, v in (data.get("parts") or {}).items()}
    return parts, {str(k): str(v) for k, v in (data.get("suffixes") or {}).items()}, \
        {str(k): str(v) for k, v in (data.get("prefixes") or {}).items()}


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _part(zh: str) -> str | None:
    parts, suffixes, prefixes = _table()
    if zh in parts:
        return parts[zh]
    for suf, latin in suffixes.items():
        if zh.endswith(suf) and zh[:-len(suf)] in parts:
            return parts[zh[:-len(suf)]] + latin
    for pre, latin in prefixes.items():
        if zh.startswith(pre) and zh[len(pre):] in parts:
            return latin + parts[zh[len(pre):]].lower()
    return None


@lru_cache(maxsize=4096)
def latin_name(name: str) -> str | None:
    """The conventional Latin form of a transcribed name when every part is known, else None."""
    simplified = _t2s().convert(name)
    for dot in INTERPUNCTS:
        simplified = simplified.replace(dot, "·")
    pieces = [p for p in simplified.split("·") if p]
    if not pieces:
        return None
    out = [_part(p) for p in pieces]
    return " ".join(out) if all(out) else None
