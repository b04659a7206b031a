"""English canonical names: pinyin for Chinese names, suffix and glossary translation.

``person_zh('郝占军') == 'Hao Zhanjun'``; ``person_zh('迪丽妮格·依明') == 'Dilinige Yiming'``;
``proper_zh('加依') == 'Jiayi'``.  Pure functions over the rule data of ``zh/entities.yaml``.
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

from ...user_cache import cache_dir, read_cache, write_cache
from .lexicon import rules

INTERPUNCTS = "·•・‧∙"


@lru_cache(maxsize=65536)
def syllables(text: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    out = lazy_pinyin(text, style=Style.NORMAL, errors="ignore", v_to_u=True)
    if len(out) == len(text):
        # readings used in names and transcriptions (喀什 Kashi, 易卜拉欣 Yibulaxin)
        fixed = rules("zh").get("char_pinyin") or {}
        out = [fixed.get(c, s) for c, s in zip(text, out)]
    return tuple(s.replace("ü", "u") for s in out if s)


def proper_zh(text: str) -> str:
    """Pinyin of a Chinese proper name part, joined and capitalized: 红沙河 → Hongshahe."""
    return "".join(syllables(text)).capitalize()


def place_stem_zh(stem: str) -> str:
    """Pinyin of a township's, town's or village's stem.  A stem-final 堡 is the village word bǔ
    (堡子, "used in place names", Xiandai Hanyu Cidian: 罗堡村 → Luobu), except after a numeral,
    where it is a numbered post bǎo (二堡镇 → Erbao)."""
    if len(stem) >= 2 and stem.endswith("堡") and stem[-2] not in "一二三四五六七八九十百头":
        return proper_zh(stem[:-1]) + "bu"
    return proper_zh(stem)


@lru_cache(maxsize=1)
def _name_rules() -> tuple[frozenset, frozenset, object, dict]:
    """(surnames, transcription characters, transcription initials, surname readings), read once."""
    zh = rules("zh")
    return (frozenset(zh["surnames"]), frozenset("".join(zh.get("translit_chars") or [])),
            zh.get("translit_initials") or "", zh.get("surname_pinyin") or {})


def split_surname(name: str) -> tuple[str, str]:
    surnames = _name_rules()[0]
    if len(name) >= 3 and name[:2] in surnames:
        return name[:2], name[2:]
    return name[:1], name[1:]


def person_zh(name: str) -> str:
    """Chinese person name → pinyin, surname first; a·b transcribed names → 'A B'."""
    for dot in INTERPUNCTS:
        if dot in name:
            return " ".join(proper_zh(p) for p in name.split(dot) if p)
    if _transcribed(name):
        return proper_zh(name)          # 阿依达娜 → Ayidana, not "A Yidana"
    surname, given = split_surname(name)
    overrides = _name_rules()[3]
    sur = overrides.get(surname) or proper_zh(surname)
    return f"{sur} {proper_zh(given)}".strip() if given else sur


def _transcribed(name: str) -> bool:
    """A Uyghur/Kazakh name without interpunct: longer than a Chinese name can be (surname + three
    characters), or three transcription characters starting with a typical transcription syllable."""
    surnames, translit, initials, _ = _name_rules()
    if len(name) >= 4 and name[:2] not in surnames:
        return True
    return len(name) == 3 and name[0] in initials and all(c in translit for c in name)


@lru_cache(maxsize=65536)
def looks_pinyin(word: str) -> bool:
    """True if a Latin word splits into valid pinyin syllables (Shujun, Mingyao, Wen)."""
    w = word.lower()
    if not w.isalpha() or not w.isascii():
        return False
    syl = _pinyin_syllables()
    n = len(w)
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(n):
        if not ok[i]:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            if w[i:j] in syl:
                ok[j] = True
    return ok[n]


@lru_cache(maxsize=1)
def _pinyin_syllables() -> frozenset[str]:
    """The syllable table, kept in the cache directory per pypinyin dictionary file (size and
    modification time): building it costs ~0.15 s in every process that reads a Latin name."""
    # pypinyin itself still loads here, as when the table was built from it: engines.warm_up reads
    # a pinyin name (Li Wei), so forked workers inherit pypinyin instead of each loading it
    import pypinyin  # noqa: F401

    path = _syllables_cache_path()
    cached = read_cache(path) if path is not None else None
    if isinstance(cached, frozenset) and cached:
        return cached
    table = _build_pinyin_syllables()
    if path is not None:
        write_cache(path, table, family="pinyin-syllables-*.marshal")
    return table


def _syllables_cache_path() -> Path | None:
    """Named after the files the table is built from (pypinyin's version, dictionary and tone converter,
    their sizes and modification times, found without importing pypinyin), or None."""
    try:
        home = Path(importlib.util.find_spec("pypinyin").origin).parent
        stats = [os.stat(home / name) for name in ("__init__.py", "pinyin_dict.json", "contrib/tone_convert.py")]
    except Exception:
        return None
    key = "-".join(f"{st.st_size}.{st.st_mtime_ns}" for st in stats)
    return cache_dir() / f"pinyin-syllables-{key}.marshal"


def _build_pinyin_syllables() -> frozenset[str]:
    """The toneless first reading of every CJK unified ideograph in pypinyin's dictionary (the same
    set ``lazy_pinyin`` gives over the whole block, at 2/5 of the CPU: no phrase segmentation)."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    firsts = (pinyin_dict.get(c, "").split(",")[0] for c in range(0x4E00, 0x9FA6))
    return frozenset(s for s in (to_normal(r).replace("ü", "v") for r in firsts if r)
                     if s.isascii() and s.isalpha() and any(v in s for v in "aeiouv"))


def translate_zh_parts(parts: list[tuple[str, str]]) -> str:
    """Compose an English name from classified parts of a Chinese composite name.

    ``parts`` is a list of (kind, value): kind 'en' = already English (place canonical, glossary,
    suffix translation), 'proper' = Chinese text to romanize; consecutive proper parts join into one
    word (红 + 沙河 → Hongshahe).
    """
    words: list[str] = []
    pending = ""
    for kind, value in parts:
        if kind == "proper":
            pending += value
            continue
        if pending:
            words.append(proper_zh(pending))
            pending = ""
        if value:
            words.append(value)
    if pending:
        words.append(proper_zh(pending))
    out = " ".join(words)
    return out.replace("( ", "(").replace(" )", ")").replace(" ,", ",")
