"""Normalized lines -> blocks (paragraphs) with a language and a kind, and their sentences.

Everything here works on the normalized text from ``normalize.py`` and only decides *where*
blocks and sentences are; ``document.py`` assembles the analysis text from these decisions.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .. import resources, rx
from ..types import BODY, BYLINE, CAPTION, DEBRIS, FOREIGN, GLOSS, HEADLINE, TABLE

READ_LANGS = ("zh", "en", "es")
_HAN = rx.compile(r"\p{Han}")
_LATIN = rx.compile(r"\p{Latin}")
_OTHER_SCRIPTS = rx.compile(r"[\p{Hangul}\p{Hiragana}\p{Katakana}\p{Cyrillic}\p{Arabic}\p{Thai}\p{Devanagari}]")
_LETTER = rx.compile(r"\p{L}")
_IPA = rx.compile(r"[ɪʃʒθðŋəɑɒʊɜːˈˌæ]")
_FINAL_PUNCT = rx.compile(r"(?:[。！？!?;；…\.:：]|\.\.\.)[\"'”’」』)）\]]*\s*$|[)）\]]\s*$")
_ZH_SENT = rx.compile(r".*?(?:[。！？!?；;]+[\"'”’」』》)]*|……[\"'”’」』]*|$)", regex.S)
_LAST_TOKEN = rx.compile(r"(\S+)$")
# (?<![.!?]) and ++: a run of ten thousand dots is tried once, not from each of its dots (issue 8)
_LATIN_END = rx.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*(?=\s+[\"'“‘(¿¡\p{Lu}\d])", regex.VERSION1)


@dataclass(slots=True)
class Line:
    start: int            # normalized coordinates, stripped of surrounding spaces
    end: int
    text: str
    lang: str = "other"
    kind: str = BODY
    reason: str = ""
    blank_before: int = 0
    parts: list[tuple[int, int]] = field(default_factory=list)   # joined lines


@lru_cache(maxsize=1)
def _rules():
    data = resources.load("common", "blocks")
    flags = regex.IGNORECASE | regex.VERSION1
    compiled = {kind: [rx.compile(p, flags) for p in data[kind]]
                for kind in (DEBRIS, BYLINE, CAPTION, GLOSS, TABLE)}
    head = data["headline"]
    compiled[HEADLINE] = [rx.compile(p, flags) for p in head["patterns"]]
    return compiled, head["max_chars_zh"], head["max_words_latin"]


@lru_cache(maxsize=None)
def _abbrev(lang: str) -> frozenset[str]:
    return frozenset(resources.load(lang, "abbreviations")["abbreviations"])


# English and Spanish, and the languages whose lines they are most often confused with (a line
# the detector gives one of these with confidence is "other")
_DETECTED = ("ENGLISH", "SPANISH", "FRENCH", "GERMAN", "PORTUGUESE", "ITALIAN")


# The process that had lingua load its models in parallel (``warm_up_detector``), if one did.
# That loading starts lingua's thread pool (Rust, rayon), which a forked child inherits broken:
# a child that asked it for work again (a preloading build) would hang forever.  So a process
# preloads only if it is not the fork of one that did; its children build lazily when they must.
_preloaded_in: int | None = None
_preload_now = False             # set by warm_up_detector while it builds the detectors


def _detector(low_accuracy: bool = False):
    from lingua import Language, LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(*(getattr(Language, name) for name in _DETECTED))
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    if _preload_now:
        builder = builder.with_preloaded_language_models()
    return builder.build()


@lru_cache(maxsize=1)
def _lingua():
    return _detector()


@lru_cache(maxsize=1)
def _lingua_quick():
    """The same languages in lingua's low-accuracy mode: trigram models only, loaded in 0.05 s
    CPU instead of 0.8 s.  Trusted only when it is very sure (``_quick_min_confidence``)."""
    return _detector(low_accuracy=True)


@lru_cache(maxsize=1)
def _quick_min_confidence() -> float:
    return float(resources.load("common", "blocks")["language_detector"]["quick_min_confidence"])


_LINGUA_CODES = {"ENGLISH": "en", "SPANISH": "es"}
# lingua loads its n-gram models on the first text it sees (1-1.5 s CPU, ~160 MB): this text makes
# it load them all (every language, every n-gram order) at a moment of our choosing
_DETECTOR_WARM_UP = "Ce texte mélange des langues: the detector loads all its models, dann ist es bereit."


def warm_up_detector() -> None:
    """Load the language detector's models now (before forking workers, which then share them
    copy-on-write) rather than on the first Latin-script line that needs it, in every worker.

    lingua loads them on its own threads, all models at once (``with_preloaded_language_models``:
    0.6 s instead of 1.0-1.2 s on two cores, the same CPU; issue 13), unless this process is the
    fork of one whose thread pool that started (see ``_preloaded_in``)."""
    global _preload_now, _preloaded_in
    if _preloaded_in in (None, os.getpid()) and not (_lingua.cache_info().currsize
                                                      and _lingua_quick.cache_info().currsize):
        _preload_now, _preloaded_in = True, os.getpid()
        try:
            _lingua_quick(), _lingua()
        finally:
            _preload_now = False
    _lingua_quick().compute_language_confidence_values(_DETECTOR_WARM_UP)   # built lazily: loads now
    _lingua().compute_language_confidence_values(_DETECTOR_WARM_UP)


_WORD = rx.compile(r"\p{L}+")


@lru_cache(maxsize=1)
def _hints():
    data = resources.load("common", "blocks")["language_hints"]
    return data["min_hits"], data["ratio"], frozenset(data["en"]), frozenset(data["es"])


def hinted_language(text: str) -> str | None:
    """en or es when function words clearly say so, else None."""
    min_hits, ratio, en, es = _hints()
    words = [w.casefold() for w in _WORD.findall(text[:600])]
    n_en = sum(w in en for w in words)
    n_es = sum(w in es for w in words)
    if n_en >= min_hits and n_en >= ratio * n_es:
        return "en"
    if n_es >= min_hits and n_es >= ratio * n_en:
        return "es"
    return None


# runs, not single characters: findall builds one string per run instead of one per character
_HAN_RUN = rx.compile(r"\p{Han}+")
_LATIN_RUN = rx.compile(r"\p{Latin}+")
_OTHER_SCRIPTS_RUN = rx.compile(_OTHER_SCRIPTS.pattern[:-1] + "]+")


def _count(runs: regex.Pattern, text: str) -> int:
    return sum(map(len, runs.findall(text)))


_ASCII_LETTERS = rx.compile(r"[A-Za-z]")


def script_language(text: str) -> str | None:
    """zh / other from the script alone; None for Latin-script text (needs a detector)."""
    if text.isascii():               # no Han, no other script; Latin letters are A-Z, a-z (tests check)
        letters = _ASCII_LETTERS.search(text)
        return None if letters is not None and _ASCII_LETTERS.search(text, letters.end()) else "other"
    han = _count(_HAN_RUN, text)
    latin = _count(_LATIN_RUN, text)
    others = _count(_OTHER_SCRIPTS_RUN, text)
    if others > han and others >= latin / 3 and others:
        return "other"
    if han and han >= 0.25 * (han + latin):
        return "zh"
    if latin < 2:
        return "other"
    return None


def may_need_detector(text: str) -> bool:
    """Whether ``assign_languages`` may ask the detector about a line of this (plain) text: a
    Latin-script line of 4+ words that the hint words do not decide.  Lines as given, not
    normalized; a guess for warming up (a wrong "no" costs time, never changes a result)."""
    for line in text.split("\n"):
        line = line.strip()
        if len(line.split()) >= 4 and script_language(line) is None and hinted_language(line) is None:
            return True
    return False


def detect_language(text: str, default: str | None = None) -> str:
    """The language of one block: zh, en, es or other."""
    lang = script_language(text)
    if lang is not None:
        return lang
    words = text.split()
    if len(words) < 4 and default:
        return default
    hinted = hinted_language(text)
    if hinted:
        return hinted
    quick = _lingua_quick().compute_language_confidence_values(text[:400])
    if quick and quick[0].value >= _quick_min_confidence():
        lang = _LINGUA_CODES.get(quick[0].language.name)
        if lang:
            return lang
    values = _lingua().compute_language_confidence_values(text[:400])
    if not values:
        return default or "en"
    top = values[0]
    lang = _LINGUA_CODES.get(top.language.name, "other")
    if lang == "other" and top.value < 0.7:      # unsure: names and numbers fool detectors
        return default or "en"
    return lang


def classify(line: Line) -> tuple[str, str]:
    """The kind of one line, and why."""
    rules, max_zh, max_words = _rules()
    text = line.text
    if _IPA.search(text) and text.startswith("/"):
        return GLOSS, "pronunciation"
    for kind in (TABLE, DEBRIS, BYLINE, CAPTION, GLOSS):
        for pat in rules[kind]:
            if pat.search(text):
                return kind, f"matches {kind} pattern {pat.pattern!r}"
    if line.lang == "other":
        return FOREIGN, "not zh/en/es"
    for pat in rules[HEADLINE]:
        if pat.search(text):
            return HEADLINE, f"matches headline pattern {pat.pattern!r}"
    if not _FINAL_PUNCT.search(text):
        short = len(text) <= max_zh if line.lang == "zh" else len(text.split()) <= max_words
        # clause commas inside a longer line: a paragraph cut short, not a title
        clauses = "," in text and (len(text) > 15 if line.lang == "zh" else len(text.split()) > 8)
        if short and not clauses:
            return HEADLINE, "short, no final punctuation"
    return BODY, ""


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    blank = 0
    pos = 0
    for raw_line in text.split("\n"):
        stripped = raw_line.strip()
        if stripped:
            lead = len(raw_line) - len(raw_line.lstrip())
            s = pos + lead
            lines.append(Line(s, s + len(stripped), stripped, blank_before=blank, parts=[(s, s + len(stripped))]))
            blank = 0
        else:
            blank += 1
        pos += len(raw_line) + 1
    return lines


def assign_languages(lines: list[Line], forced: str | None = None) -> None:
    """Script first; Latin-script lines by lingua, short ones take the document's Latin majority.
    ``forced`` (``--lang``) stands in for the detector, which is then never loaded."""
    pending = []
    counts = {"en": 0, "es": 0}
    for ln in lines:
        lang = script_language(ln.text)
        if lang is None and len(ln.text.split()) >= 4:
            lang = forced or detect_language(ln.text)
            if lang in counts:
                counts[lang] += len(ln.text)
        if lang is None:
            pending.append(ln)
        else:
            ln.lang = lang
    majority = max(counts, key=counts.get) if any(counts.values()) else "en"
    for ln in pending:
        ln.lang = majority
    # Lines without letters (a year heading "2012", a figure alone) take their neighbours' language.
    for i, ln in enumerate(lines):
        if not _LETTER.search(ln.text):
            near = [lines[j].lang for j in (i + 1, i - 1) if 0 <= j < len(lines) and _LETTER.search(lines[j].text)]
            ln.lang = near[0] if near else "other"


def mark_glosses(lines: list[Line]) -> None:
    """A short term line directly followed by a gloss line is part of the gloss entry."""
    for i in range(len(lines) - 1):
        if lines[i + 1].kind == GLOSS and lines[i].kind in (HEADLINE, BODY) and len(lines[i].text) <= 60 \
                and lines[i + 1].blank_before == 0:
            lines[i].kind, lines[i].reason = GLOSS, "term line of a gloss entry"


def join_broken(lines: list[Line]) -> list[Line]:
    """Join a body line that stops mid-sentence with the body line that continues it.

    Linear in the number of lines: the joined text is assembled once at the end, and whether it
    ends a sentence is read from its tail only.
    """
    out: list[Line] = []
    texts: list[list[str]] = []            # out[i]'s pieces, joined once at the end
    for ln in lines:
        prev = out[-1] if out else None
        continues = prev is not None and ln.kind == BODY and prev.lang == ln.lang and (
            prev.kind == BODY
            # a short Latin-script line is a heading unless the next line goes on in lower case
            or (prev.kind == HEADLINE and ln.lang != "zh" and ln.text[:1].islower()))
        if continues and not _ends_sentence(texts[-1]):
            if prev.kind != BODY or "joined" not in prev.reason:
                prev.reason = (prev.reason + "; " if prev.reason else "") + "joined a line broken mid-sentence"
            prev.kind = BODY
            prev.parts.extend(ln.parts)
            prev.end = ln.end
            texts[-1].append("" if ln.lang == "zh" else " ")
            texts[-1].append(ln.text)
            continue
        out.append(ln)
        texts.append([ln.text])
    for ln, pieces in zip(out, texts):
        if len(pieces) > 1:
            ln.text = "".join(pieces)
    return out


_TAIL = 200     # characters enough to see a final punctuation mark and its closing quotes


def _ends_sentence(pieces: list[str]) -> bool:
    tail = ""
    for piece in reversed(pieces):
        tail = piece[-_TAIL:] + tail
        if len(tail) >= _TAIL:
            break
    return bool(_FINAL_PUNCT.search(tail[-_TAIL:]))


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans (relative to ``text``), stripped of surrounding spaces."""
    spans: list[tuple[int, int]] = []
    if lang == "zh":
        for m in _ZH_SENT.finditer(text):
            if m.group().strip():
                spans.append((m.start(), m.end()))
    else:
        abbrev = _abbrev(lang if lang in ("en", "es") else "en")
        start = 0
        for m in _LATIN_END.finditer(text):
            if m.group().startswith("."):
                word = _LAST_TOKEN.search(text, start, m.start())
                token = word.group(1).lstrip("(\"'“") if word else ""
                if token in abbrev or (len(token) == 1 and token.isupper()):
                    continue
            spans.append((start, m.end()))
            start = m.end()
        spans.append((start, len(text)))
    out = []
    for s, e in spans:
        seg = text[s:e]
        s2 = s + len(seg) - len(seg.lstrip())
        e2 = e - (len(seg) - len(seg.rstrip()))
        if e2 > s2:
            out.append((s2, e2))
    return out


_NOT_CONTENT = rx.compile(r"[\s\p{P}]+")


def dedupe_key(text: str) -> str:
    """What two paragraphs or sentences must share to count as a repeat."""
    if text.isascii():               # the same characters dropped, by bytes.translate (tests check)
        return text.encode("ascii").translate(None, _ASCII_NOT_CONTENT).decode("ascii").casefold()
    return _NOT_CONTENT.sub("", text).casefold()


# the ASCII characters _NOT_CONTENT matches, read off the pattern itself
_ASCII_NOT_CONTENT = bytes(c for c in range(128) if _NOT_CONTENT.fullmatch(chr(c)))


def pair_parallel(lines: list[Line]) -> dict[int, int]:
    """In a parallel text (alternating languages line by line) pair each line with its translation."""
    readable = [i for i, ln in enumerate(lines) if ln.lang in READ_LANGS and ln.kind in (BODY, HEADLINE)]
    pairs: dict[int, int] = {}
    k = 0
    j = 0
    while j < len(readable) - 1:
        a, b = readable[j], readable[j + 1]
        if lines[a].lang != lines[b].lang and b == a + 1:
            pairs[a] = pairs[b] = k
            k += 1
            j += 2
        else:
            j += 1
    # Only a real parallel text: most readable lines take part in a pair.
    return pairs if len(pairs) >= max(4, 0.6 * len(readable)) else {}
