"""Event rules compiled from ``resources/<lang>/events.yaml``: cues, baselines, edition names,
figures.  Pure helpers on a sentence string; compiled once per language."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ... import rx
from ...resources import alternation, load

_SPACES = rx.compile(r"\s+")

LABELS = ("publication", "opening", "founding", "designation", "conference", "announcement",
          "training", "policy", "other")


@dataclass(frozen=True)
class EventRules:
    lang: str
    cue: regex.Pattern            # any cue; group name = label
    cue_label: dict[str, str]     # lowercased cue -> label
    baseline: regex.Pattern       # matches at the END of the text before a date
    edition: regex.Pattern        # matches right AFTER a year: a short name ending in an event noun
    figure: regex.Pattern
    delimiters: str
    weak: frozenset = frozenset()  # lowercased cues that only mark a plan (将于, will): a stronger
                                   # cue of the same clause gives the label
    event_noun: regex.Pattern | None = None   # conference/fair/forum nouns: a planned one is a conference
    festival_before: regex.Pattern | None = None  # a festival used as a time: words right before it
    festival_after: regex.Pattern | None = None   # ... or right after it
    festival_lead: regex.Pattern | None = None    # ... or opening the expression itself
    plan: regex.Pattern | None = None   # plan_patterns: a word form that marks a plan (Spanish
                                        # future tense: abrirá, estarán); a weak 'policy' cue


@lru_cache(maxsize=None)
def rules(lang: str) -> EventRules:
    res = load(lang, "events")
    cue_label: dict[str, str] = {}
    for label, words in res["cues"].items():
        if label not in LABELS:
            raise ValueError(f"{lang}/events.yaml: unknown event label {label!r}")
        for w in words:
            cue_label.setdefault(str(w).lower(), label)
    plans = [str(p) for p in res.get("plan_patterns") or []]
    plan = None
    if plans:
        plan = rx.compile("(?:" + "|".join(f"(?:{p})" for p in plans) + ")", regex.I)
    if lang == "zh":
        cue = rx.compile(alternation(cue_label) + ("|" + plan.pattern if plan is not None else ""))
        baseline = rx.compile(alternation(res["baseline_before"]) + r"\s*$")
        edition = rx.compile(r"^[^\s，,。；;、：:！？!?（）()“”\"的]{0,16}?" + alternation(res["edition_nouns"]))
    else:
        words = [r"\s+".join(regex.escape(part) for part in w.split()) for w in cue_label]
        alt = alternation(words, escape=False)
        if plan is not None:      # after the listed cues: "abrirá sus puertas" before "abrirá"
            alt = f"(?:{alt}|{plan.pattern})"
        cue = rx.compile(r"(?<![\w])" + alt + r"(?![\w])", regex.I)
        baseline = rx.compile(r"(?<![\w])" + alternation(res["baseline_before"]) + r"\s*$", regex.I)
        edition = rx.compile(r"^\s+(?:[\p{Lu}][\w'’.-]*\s+){0,5}" + alternation(res["edition_nouns"])
                                + r"(?![\w])")
    figure = rx.compile("|".join(f"(?:{p})" for p in res["figure_patterns"]), regex.I)
    weak = frozenset(_SPACES.sub(" ", str(w).lower()) for w in res.get("weak_cues") or [])
    unknown = weak - set(cue_label)
    if unknown:
        raise ValueError(f"{lang}/events.yaml: weak_cues not among the cues: {sorted(unknown)}")
    nouns = list(res["edition_nouns"]) + list(res.get("event_nouns") or [])
    if lang == "zh":   # single characters (节) are too common inside other words (环节, 节约)
        event_noun = rx.compile(alternation(n for n in nouns if len(n) > 1))
    else:
        event_noun = rx.compile(r"(?<![\w])" + alternation(nouns) + r"s?(?![\w])", regex.I)
    before = [r"\s+".join(regex.escape(p) for p in str(w).split()) for w in res["festival_time_before"]]
    festival_before = rx.compile((r"(?<![\w])" if lang != "zh" else "") + alternation(before, escape=False)
                                    + r"\s*(?:(?:this|last|next|the|el|la|este|esta)\s+(?:year's\s+)?)?$",
                                    regex.I)
    after = res["festival_time_after"]
    festival_after = rx.compile(r"^\s*" + alternation(after)) if after else None
    festival_lead = rx.compile(r"\s*" + alternation(before, escape=False) + (r"(?![\w])" if lang != "zh" else ""),
                                  regex.I)
    return EventRules(lang, cue, cue_label, baseline, edition, figure, str(res["clause_delimiters"]),
                      weak, event_noun, festival_before, festival_after, festival_lead, plan)


def festival_as_time(r: EventRules, text: str, start: int, end: int) -> bool:
    """A festival expression at text[start:end] is used as a time (not as a name)."""
    if r.festival_before is not None and r.festival_before.search(text[max(0, start - 30):start]):
        return True
    if r.festival_lead is not None and r.festival_lead.match(text, start, end):   # "During Double 11"
        return True
    return r.festival_after is not None and bool(r.festival_after.match(text[end:end + 6]))


def _is_plan_form(r: EventRules, key: str) -> bool:
    return key not in r.cue_label and r.plan is not None and r.plan.fullmatch(key) is not None


def label_of(r: EventRules, cue_text: str) -> str:
    key = _SPACES.sub(" ", cue_text.lower())
    return "policy" if _is_plan_form(r, key) else r.cue_label.get(key, "other")


def is_weak(r: EventRules, cue_text: str) -> bool:
    key = _SPACES.sub(" ", cue_text.lower())
    return key in r.weak or _is_plan_form(r, key)


def best_cue(r: EventRules, text: str) -> regex.Match | None:
    """The cue that labels a clause: the first one that is not a mere plan marker (将于明年3月举办
    -> 举办), else the first one."""
    first = None
    for m in r.cue.finditer(text):
        if not is_weak(r, m.group(0)):
            return m
        first = first or m
    return first
