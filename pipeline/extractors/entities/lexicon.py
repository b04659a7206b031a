"""The entity lexicons, built once per process from ``pipeline/resources``.

* ``common/entities_admin.yaml``  — administrative gazetteer; suffixed forms are generated here
* ``common/entities_names.yaml``  — places, organizations, platforms, products, event names, SKIP
* ``<lang>/entities.yaml``        — per-language rules (cues, heads, glossary, stop words)

``lexicon()`` returns one frozen :class:`Lexicon`; ``init_jieba()`` gives a jieba tokenizer with the
Chinese surfaces added (built once per process, from a cache file after the first run) and
``word_tag()`` / ``tag_table()`` jieba's dictionary POS tags (no ``jieba.posseg`` import).
"""
from __future__ import annotations

import hashlib
import sys
import threading
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ...resources import ResourceError, load
from ...user_cache import cache_dir, read_cache, write_cache

LABELS = ("PLACE", "ORG", "PERSON", "PRODUCT", "PLATFORM", "EVENT_NAME")
SKIP = "SKIP"


@dataclass(frozen=True, slots=True)
class Entry:
    """What a known surface means."""
    label: str                 # one of LABELS, or SKIP
    canonical: str             # English name shared by every language's form
    base: str = ""             # bare English name (for products: Korla → "Korla fragrant pear")
    level: str = ""            # admin level of a place: province, region, prefecture, county, ...
    modifier: str = ""         # reading at the front of an org name (浙江省 → "Zhejiang Provincial")


@dataclass(slots=True)
class Lexicon:
    zh: dict[str, Entry] = field(default_factory=dict)      # Chinese surface → entry
    latin: dict[str, Entry] = field(default_factory=dict)   # exact Latin surface → entry
    latin_fold: dict[str, Entry] = field(default_factory=dict)  # casefolded Latin surface → entry
    latin_max_words: int = 1
    latin_first: dict[str, int] = field(default_factory=dict)  # casefolded first word → most words
    parents: dict[str, str] = field(default_factory=dict)   # place canonical → its parent's canonical


def _add_zh(lex: Lexicon, surface: str, entry: Entry) -> None:
    if surface and surface not in lex.zh:
        lex.zh[surface] = entry


def _add_latin(lex: Lexicon, surface: str, entry: Entry) -> None:
    if not surface:
        return
    lex.latin.setdefault(surface, entry)
    lex.latin.setdefault(surface.upper(), entry)
    lex.latin_fold.setdefault(surface.casefold(), entry)
    words = surface.replace("-", " ").split()
    first = words[0].casefold()
    lex.latin_max_words = max(lex.latin_max_words, len(words))
    lex.latin_first[first] = max(lex.latin_first.get(first, 0), len(words))


def _is_han(s: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in s)


def _add(lex: Lexicon, surface: str, entry: Entry) -> None:
    (_add_zh if _is_han(surface) else _add_latin)(lex, surface, entry)


def _admin_rows(data: dict):
    for group in ("provinces", "cities", "xinjiang"):
        for row in data.get(group) or []:
            if isinstance(row, dict):
                opts = dict(row)
            else:
                if len(row) < 4:
                    raise ResourceError(f"entities_admin.yaml: bad row {row!r}")
                opts = {"zh": row[0], "en": row[1], "alt": row[2], "level": row[3]}
                if len(row) > 4 and isinstance(row[4], dict):
                    opts.update(row[4])
            yield opts


def _full_canonical(r: dict) -> str:
    """The official full name of a row, as a parent: Aksu Prefecture, Xinjiang Uygur Autonomous Region."""
    if r["level"] in ("region", "aprefecture") and r.get("full_en"):
        return r["full_en"]
    if r["level"] == "prefecture":
        return r.get("full_en") or f"{r['en']} Prefecture"
    if r["level"] == "province":
        return f"{r['en']} Province"
    return r["en"]


def _build_admin(lex: Lexicon, data: dict, default_parent: str = "") -> None:
    """Gazetteer rows → entries; a row's ``parent`` (Chinese name of a row above it, or the
    group's province in entities_admin_china.yaml) goes to ``lex.parents`` for every canonical the
    row produced."""
    full: dict[str, str] = {}
    for r in _admin_rows(data):
        n_zh, n_latin = len(lex.zh), len(lex.latin)
        _admin_row(lex, r)
        full.setdefault(r["zh"], _full_canonical(r))
        parent = full.get(r.get("parent") or "") or lex.parents.get(r.get("parent") or "") or default_parent
        if parent:
            made = {e.canonical for e in list(lex.zh.values())[n_zh:]} | \
                {e.canonical for e in list(lex.latin.values())[n_latin:]}
            for c in made - {parent}:
                lex.parents.setdefault(c, parent)
        lex.parents.setdefault("\x00" + r["zh"], _full_canonical(r))     # for later files' rows


def _admin_row(lex: Lexicon, r: dict) -> None:
    zh, en, level = r["zh"], r["en"], r["level"]
    alts = [a for a in (r.get("alt") or []) if a]
    bare_ok = r.get("zh_bare", True)
    names = [en] + alts

    def place(canonical: str, modifier: str = "") -> Entry:
        return Entry("PLACE", canonical, base=en.replace(" City", "").replace(" County", ""),
                     level=level, modifier=modifier or canonical)

    if level in ("province",):
        e_bare, e_full = place(en), place(f"{en} Province", f"{en} Provincial")
        _add_zh(lex, zh, e_bare)
        _add_zh(lex, zh + "省", e_full)
        for n in names:
            _add_latin(lex, n, e_bare)
            for form in (f"{n} Province", f"{n} province"):
                _add_latin(lex, form, e_full)
    elif level in ("municipality", "city", "pcity"):
        e = place(en)
        e_city = place(f"{en} City", en)        # 哈密市 / Hami City → "Hami City", as 阿克苏市 → "Aksu City"
        if level == "municipality":
            e = e_city = Entry("PLACE", en, base=en, level=level, modifier=en)
        _add_zh(lex, zh, e)
        _add_zh(lex, zh + "市", e_city)
        for n in names:
            _add_latin(lex, n, e)
            for form in (f"{n} City", f"{n} city"):
                _add_latin(lex, form, e_city)
    elif level == "region":
        e_bare = place(en)
        e_full = Entry("PLACE", r.get("full_en") or en, base=en, level=level,
                       modifier=r.get("full_en") or en)
        _add_zh(lex, zh, e_bare)
        for n in names:
            _add_latin(lex, n, e_bare)
        for f in r.get("full_zh") or []:
            _add_zh(lex, f, e_full)
        for f in r.get("full_alt") or []:
            _add_latin(lex, f, e_full)
    elif level in ("prefecture", "aprefecture"):
        e_bare = place(en)
        full = r.get("full_en") or f"{en} Prefecture"
        e_full = Entry("PLACE", full, base=en, level="prefecture", modifier=full)
        if bare_ok:
            _add_zh(lex, zh, e_bare)
        _add_zh(lex, zh + ("地区" if level == "prefecture" else "州"), e_full)
        for f in r.get("full_zh") or []:
            _add_zh(lex, f, e_full)
        for n in names:
            _add_latin(lex, n, e_bare)
            for form in (f"{n} Prefecture", f"{n} prefecture"):
                _add_latin(lex, form, e_full)
        if r.get("full_en"):
            _add_latin(lex, r["full_en"], e_full)
            tail = r["full_en"][len(en):] if r["full_en"].startswith(en) else ""
            for n in alts:      # Kezilesu Kirgiz autonomous prefecture
                if tail:
                    _add_latin(lex, n + tail, e_full)
    elif level in ("ccity", "ccity_only"):
        city = en if level == "ccity_only" else f"{en} City"
        base = en.replace(" City", "")
        e_city = Entry("PLACE", city, base=base, level="ccity", modifier=city)
        _add_zh(lex, zh + "市", e_city)
        if level == "ccity":
            e_bare = Entry("PLACE", en, base=en, level="ccity", modifier=en)
            if bare_ok:
                _add_zh(lex, zh, e_bare)
            for n in names:
                _add_latin(lex, n, e_bare)
                for form in (f"{n} City", f"{n} city"):
                    _add_latin(lex, form, e_city)
        else:
            for n in names:
                _add_latin(lex, n, e_city)
    elif level in ("county", "acounty", "county_full", "district"):
        if level == "county_full":
            e = Entry("PLACE", en, base=en.replace(" County", ""), level="county", modifier=en)
            _add_zh(lex, zh, e)
            for n in names:
                _add_latin(lex, n, e)
            return
        if level == "district":
            e_full = Entry("PLACE", f"{en} District", base=en, level="district")
            e_bare = Entry("PLACE", en, base=en, level="district")
            _add_zh(lex, zh + "区", e_full)
            if bare_ok:
                _add_zh(lex, zh, e_bare)
            for n in names:
                _add_latin(lex, n, e_bare)
                _add_latin(lex, f"{n} District", e_full)
            return
        en = en.removesuffix(" County")        # a row may give "Yiwu County" or "Yiwu"
        names = [n.removesuffix(" County") for n in names]
        county = f"{en} County"
        e = Entry("PLACE", county, base=en, level="county", modifier=county)
        _add_zh(lex, zh + "县", e)
        if bare_ok:
            _add_zh(lex, zh, e)
        for n in names:
            for form in (n, f"{n} County", f"{n} county"):
                _add_latin(lex, form, e)
        if level == "acounty" and r.get("full_en"):
            e_full = Entry("PLACE", r["full_en"], base=en, level="county", modifier=r["full_en"])
            for f in r.get("full_zh") or []:
                _add_zh(lex, f, e_full)
            _add_latin(lex, r["full_en"], e_full)
    else:
        raise ResourceError(f"entities_admin.yaml: unknown level {level!r} for {zh}")


def _build_names(lex: Lexicon, data: dict) -> None:
    for label, group in data.items():
        if label == SKIP:
            for row in group:
                for s in row:
                    _add(lex, str(s), Entry(SKIP, ""))
            continue
        if label not in LABELS:
            raise ResourceError(f"entities_names.yaml: unknown label {label!r}")
        for canonical, surfaces in group.items():
            entry = Entry(label, str(canonical), base=str(canonical))
            for s in surfaces:
                _add(lex, str(s), entry)


@lru_cache(maxsize=None)
def lexicon() -> Lexicon:
    lex = Lexicon()
    # names first: an explicit entry (天山 → Tianshan Mountains) wins over a generated admin form;
    # within each kind, earlier files win (entities_world / entities_admin_china only add)
    for topic in ("entities_names", "entities_world"):
        _build_names(lex, load("common", topic))
    _build_admin(lex, {"cities": [r for g in load("common", "entities_admin").values() if isinstance(g, list)
                                  for r in g]})
    # entities_admin_china groups its rows by province (group key = the province's English name,
    # lower case, "_" for spaces): every row's parent is that province
    provinces = {v.base.lower().replace(" ", "_"): v for v in lex.zh.values() if v.level == "province"}
    for key, group in load("common", "entities_admin_china").items():
        if isinstance(group, list):
            prov = provinces.get(key)
            _build_admin(lex, {"cities": group},
                         default_parent=f"{prov.base} Province" if prov is not None else "")
    for k in [k for k in lex.parents if k.startswith("\x00")]:
        del lex.parents[k]
    return lex


@lru_cache(maxsize=None)
def rules(lang: str) -> dict:
    """Per-language rule data (``<lang>/entities.yaml``) with a few derived sets."""
    data = dict(load(lang, "entities"))
    for key in ("surnames", "translit_chars", "romanized_surnames"):
        if isinstance(data.get(key), str):
            data[key] = data[key].split()
    return data


_JIEBA_LOCK = threading.Lock()


def import_jieba():
    """``import jieba``, without the ``pkg_resources`` it imports only to open its own data files
    (0.12-0.19 s, most of jieba's import and of every start-up that segments Chinese; setuptools
    also warns that the module is deprecated).  jieba 0.42.1's ``_compat`` opens the same files by
    path when that import fails, so it is made to fail while jieba loads, and only then: a
    ``pkg_resources`` imported before (or after) is left alone."""
    loaded = sys.modules.get("jieba")
    if loaded is not None:
        return loaded
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None          # what ``import pkg_resources`` then raises on
    try:
        import jieba
    finally:
        if blocked and "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
            del sys.modules["pkg_resources"]
    return jieba
_TOKENIZER = None
_TAGS: dict[str, str] = {}      # jieba's dictionary: word → POS tag (what jieba.posseg reads from dict.txt)
_ADDED: dict[str, str] = {}     # words we added to jieba → our tag ('nlex': a lexicon/rule word)
_STATE_FORMAT = 3               # bump when the layout of the cached state changes


def _user_words() -> list[str]:
    """The words we add to jieba's dictionary, in the order they are added."""
    zh = rules("zh")
    words = set(lexicon().zh)
    words.update(zh.get("suffixes") or {})
    words.update(w for w in (zh.get("glossary") or {}) if len(w) > 1)
    words.update(w for w in (zh.get("person_titles") or []) if len(w) > 1)
    words.update(w for w in (zh.get("product_nouns") or {}) if len(w) > 1)
    return sorted(words)


def _cache_path(words: list[str]) -> Path:
    """One file per (jieba version, user word list): an edited lexicon gets a new file."""
    jieba = import_jieba()

    digest = hashlib.sha256("\n".join(words).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / f"jieba-{jieba.__version__}-{_STATE_FORMAT}-{digest}.marshal"


def _build_state(words: list[str]) -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's state after adding ``words``, built the slow way (parse dict.txt, add_word each)."""
    jieba = import_jieba()

    tk = jieba.Tokenizer()
    tk.initialize()
    for w in words:
        tk.add_word(w)
    tags = {}
    with tk.get_dict_file() as f:       # what jieba.posseg.POSTokenizer.load_word_tag reads
        for line in f:
            line = line.strip().decode("utf-8")
            if line:
                word, _, tag = line.split(" ")
                tags[word] = tag
    return tk.FREQ, tk.total, tags


def _dump_state(path: Path, freq: dict[str, int], total: int, tags: dict[str, str]) -> None:
    """Write the state as one string of words, arrays of counts and tag positions (loads ~5x
    faster than marshalled dicts; the tag table reuses the prefix dict's strings, hashes included)."""
    try:
        position = {w: i for i, w in enumerate(freq)}
        tag_names = sorted(set(tags.values()))
        index = {t: i for i, t in enumerate(tag_names)}
        state = (_STATE_FORMAT, "\n".join(freq), array("q", freq.values()).tobytes(), total,
                 array("i", (position[w] for w in tags)).tobytes(), bytes(index[t] for t in tags.values()),
                 "\n".join(tag_names))
    except Exception:
        return          # a tag word outside the prefix dict (not in jieba 0.42): no cache, still right
    write_cache(path, state, family="jieba-*.marshal")


def _load_state(path: Path) -> tuple[dict[str, int], int, dict[str, str]] | None:
    """The cached state, or None if it is missing, unreadable or malformed (then it is rebuilt)."""
    try:
        fmt, words, counts, total, tag_positions, tag_index, tag_names = read_cache(path)
        if fmt != _STATE_FORMAT:
            return None
        words, names = words.split("\n"), tag_names.split("\n")
        freqs, positions = array("q"), array("i")
        freqs.frombytes(counts)
        positions.frombytes(tag_positions)
        if len(words) != len(freqs) or len(positions) != len(tag_index) or not isinstance(total, int):
            return None
        freq = dict(zip(words, freqs))
        tags = dict(zip([words[i] for i in positions], [names[i] for i in tag_index]))
        return freq, total, tags
    except Exception:
        return None


def _jieba_state(words: list[str]) -> tuple[dict[str, int], int, dict[str, str]]:
    path = _cache_path(words)
    state = _load_state(path)
    if state is None:
        state = _build_state(words)
        _dump_state(path, *state)
    return state


def init_jieba():
    """A private jieba tokenizer with the lexicon surfaces, suffixes and glossary words added.

    Private (a ``jieba.Tokenizer``), so other users of the global ``jieba`` segmenter are not
    affected; built once per process, on first use.  Its state (prefix dictionary with our words
    added, and jieba's word → POS table) is cached in one file under ``$XDG_CACHE_HOME/factmine``
    (``~/.cache/factmine``): loading it costs ~0.3 s where parsing dict.txt twice (jieba's
    dictionary, then ``import jieba.posseg`` for the tags) cost ~1.1 s.
    """
    global _TOKENIZER
    if _TOKENIZER is not None:
        return _TOKENIZER
    with _JIEBA_LOCK:
        if _TOKENIZER is not None:
            return _TOKENIZER
        jieba = import_jieba()

        from .zh_jieba import FastTokenizer

        jieba.setLogLevel(60)
        words = _user_words()
        freq, total, tags = _jieba_state(words)
        tk = FastTokenizer()
        tk.FREQ, tk.total, tk.initialized = freq, total, True
        _TAGS.update(tags)
        for w in words:
            if w not in tags:
                _ADDED[w] = "nlex"
        _TOKENIZER = tk
    return _TOKENIZER


def word_tag(word: str) -> str:
    """jieba's dictionary POS tag of a word, 'nlex' for a word we added, 'unk' for one jieba guessed."""
    if _TOKENIZER is None:
        init_jieba()
    return _ADDED.get(word) or _TAGS.get(word, "unk")


def tag_table() -> dict[str, str]:
    """jieba's word → POS table (``jieba.posseg.dt.word_tag_tab``, without importing jieba.posseg,
    which parses dict.txt again at import)."""
    init_jieba()
    return _TAGS
