"""Find: locate figure candidates in one sentence and name their parts (no values computed here).

``find(text, lang)`` returns ``Candidate`` objects with offsets into ``text``.  The span covers the
number with its unit/scale/noun head as written, without approximation words (those are recorded
in ``qual_before``/``qual_after``).  ``resolve.resolve`` turns a candidate into values.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

import regex

from ... import rx
from ...literals import fold, may_match
from .lexicon import COUNT, DURATION, MEASURE, MONEY, MULTIPLE, PERCENT, Lexicon, lexicon
from .numbers import parse_digits, parse_fraction, parse_words
from ...numbers.lexicon import numbers_lexicon, sign_before, vulgar_fractions


def lang_is_es(lex: Lexicon) -> bool:
    return lex.lang == "es"

_SPACED = rx.compile(r"\d[ \u00a0\u202f]\d")
_SPACED_AFTER = rx.compile(r"[ \u00a0\u202f]\d")
_SPACED_BEFORE = rx.compile(r"(?:\d[ \u00a0\u202f]|\+)$")
_NON_HAN = rx.compile(r"[^\p{Han}\s\d]")
_VULGAR = rx.compile("[" + "".join(vulgar_fractions()) + "]")
_ARTICLES = frozenset({"a", "an", "un", "una"})
_HEAD_TOKENS = 5    # a counted noun may follow up to 4 modifiers (186 village-level e-commerce service stations)
_LOOK = 80          # how far a unit/noun/qualifier after a number may reach (bounded: long lines stay linear)
_ASCII_LETTER = rx.compile(r"[A-Za-z]")
_LETTER = rx.compile(r"[^\W\d_]")
_FOLD = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_YEARLIKE = rx.compile(r"(?:1[89]|20|21)\d\d")
_ZH_MONTH_AFTER = rx.compile(r"\s?(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月")
_ZH_LINKS = rx.compile(r"(?:共计|累计|合计|总计|共|达到|达|为|有|超过|超|逾|近|约|只有|仅有|仅|已|规模|数量|总数|总量|人数)$")
_PAREN_TAIL = rx.compile(r"[(（][^()（）]{0,12}[)）]$")
_ZH_STOP_HEAD = frozenset("的了在和与及是为到从向对把被将就也都还又")
_ZH_UNIT_LABEL = rx.compile(r"(?:单位[:：]?|[(（:：/])\s*$")
_ZH_BOUNDARY = rx.compile(r"[,，。;；:：!！?？、)）\s]")
_HAN1 = rx.compile(r"[\u4e00-\u9fff]")
_DASH_NUMBERS = rx.compile(r"-\d+(?:-\d+)?")
_ARTICLE_END = rx.compile(r"(?:^|\W)(?:a|the|an)\s+$")
_GROUPED = rx.compile(r"\d[,.\s]\d{3}")
_CAP_WORD_END = rx.compile(r"[A-Z][\w-]*[ \t\u00a0]+$")
_AGE_APPOSITION = rx.compile(r"(?<![\w.])[A-Z][a-z]+(?:\s[A-Z][a-z]+)*,[ \t\u00a0]$")
_ES_AGE_APPOSITION = rx.compile(r"(?<![\w.])[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+,[ \t\u00a0]+de[ \t\u00a0]+$")
_HALF_BEFORE = rx.compile(r"(?<![\w])(?:half|medio|media)[ \t\u00a0]+$", regex.IGNORECASE)
_RATIO_BEFORE = rx.compile(
    r"(?:\d|(?<![\w])(?:one|two|three|four|five|six|seven|eight|nine|ten|un|una|uno|dos|tres|cuatro|cinco|seis|"
    r"siete|ocho|nueve|diez))[ \t\u00a0]+(?:in|out of|of every|de cada|en)[ \t\u00a0]+$", regex.IGNORECASE)
_NEXT_WORD = rx.compile(r"[ \t\u00a0]*(?P<w>[\w'-]+|[^\w\s]|$)")
_ES_DE = rx.compile(r"[ \t\u00a0]+de(?=[ \t\u00a0])")
_AND_PLURAL = rx.compile(r"[ \t\u00a0]+(?:and|y|or|o)[ \t\u00a0]+(?P<w>[^\W\d_][\w'’-]*)")
_NUMBER_OF = rx.compile(r"(?:number|total|número|cantidad)\s+(?:of|de)\s+(?:[\w'’-]+\s+){0,3}?(?P<n>[^\W\d_][\w-]*s)\b"
                           r"(?!.*\b(?:number|número)\s+(?:of|de)\b)", regex.IGNORECASE)
_YEAR_PREP = rx.compile(
    r"(?:^|(?<=\W))(?:in|since|by|of|from|to|until|till|the|and|early|late|mid|year|en|desde|de|del|"
    r"hasta|el|año|a|al|y|o|or)[ \t\u00a0-]*$", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int                 # span in the text given to find()
    end: int
    lang: str
    form: str                  # zh | digits | words | share | half | verb | doubling
    num: str                   # the numeral as written (lower end of a range)
    num_max: str = ""          # upper end of a range, as written
    scale: str = ""            # scale word after a numeral (en/es: billion, millones)
    scale_max: str = ""        # scale word after the upper end
    unit: str = ""             # unit/classifier surface (元, percent, 个, years ...)
    currency: str = ""         # currency prefix ($, US$, 人民币)
    head: str = ""             # counted noun as written (after the number, or just before it)
    hint: str = ""             # percent (百分之) | money (implied) | age (aged ...) | cents:NN | half | elided:<pos> (find-internal)
    qual_before: str = ""      # qualifier word before the span (约, more than ...)
    qual_after: str = ""       # qualifier word after the span (以上, or more ...)
    sign: float = 1.0          # -1.0 after a minus sign or word (-1.2 billion, minus five percent, 负12亿)


# --------------------------------------------------------------------------- helpers
class _Spans:
    """Non-overlapping spans kept sorted: overlap test in O(log n) (long sentences stay linear)."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(spans):
            self.add(s, e)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect_right(self.starts, a)
        if i > 0 and self.ends[i - 1] > a:
            return True
        return i < len(self.starts) and self.starts[i] < b

    def add(self, a: int, b: int) -> None:
        i = bisect_right(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


def _overlaps(a: int, b: int, spans: "_Spans") -> bool:
    return spans.overlaps(a, b)


def _qual_before(lex: Lexicon, text: str, start: int, *, scale_initial: bool = False) -> str:
    m = lex.re["qual_before"].search(text, max(0, start - 24), start)
    if not m:
        return ""
    q = m.group("q")
    if lex.lang == "zh" and q in lex.data["_scale_only_q"] and not scale_initial:
        return ""
    return q


def _qual_after(lex: Lexicon, text: str, end: int) -> str:
    m = lex.re["qual_after"].match(text, end, end + _LOOK)
    return m.group("q") if m else ""


# --------------------------------------------------------------------------- Chinese
_QUOTED = rx.compile(r"[“\"「『][^”\"」』]{1,10}[”\"」』]")
_NP_MAX = 10


def _zh_noun_after(lex: Lexicon, text: str, pos: int) -> int:
    """End of the counted noun phrase right after a classifier (7个[乐器农民专业合作社]), or pos.

    Scans at most 10 Han characters: a listed noun is taken whole, a breaker (verb, particle)
    stops the scan, other characters are modifiers; the phrase ends with the last listed noun."""
    start = pos
    q = _QUOTED.match(text, pos, pos + _LOOK)           # 三个“十百千”专项行动
    if q:
        pos = q.end()
    end, cur, limit = pos, pos, min(len(text), pos + _NP_MAX)
    nouns, breaker = lex.re["noun_prefix"], lex.re["np_breaker"]
    while cur < limit and _HAN1.match(text, cur, cur + _LOOK):
        m = nouns.match(text, cur, cur + _LOOK)
        if m:
            cur = end = m.end()
            continue
        if breaker.match(text, cur, cur + _LOOK):
            break
        cur += 1
    return end if end > pos else start


def _zh_noun_before(lex: Lexicon, text: str, start: int) -> str:
    left = text[max(0, start - 16):start]
    for _ in range(3):
        m = _ZH_LINKS.search(left) or _PAREN_TAIL.search(left)
        if not m:
            break
        left = left[:m.start()]
    m = lex.re["noun_suffix"].search(left)
    return m.group("n") if m else ""


def _find_zh(text: str) -> list[Candidate]:
    lex = lexicon("zh")
    out: list[Candidate] = []
    taken = _Spans()
    idioms = _Spans(m.span() for m in lex.re["idiom"].finditer(text))

    def add(c: Candidate) -> None:
        out.append(c)
        taken.add(c.start, c.end)

    for m in lex.re["doubling"].finditer(text):
        add(Candidate(m.start(), m.end(), "zh", "doubling", m.group("w"), unit="倍"))
    for m in lex.re["share"].finditer(text):
        if _overlaps(*m.span(), taken):
            continue
        qa = _qual_after(lex, text, m.end())
        add(Candidate(m.start(), m.end(), "zh", "share", m.group("w"), unit="%",
                      qual_before=_qual_before(lex, text, m.start()), qual_after=qa))
    for c in _zh_fractions(lex, text):
        if not _overlaps(c.start, c.end, taken):
            add(c)
    for m in lex.re["half"].finditer(text):
        um = lex.re["unit"].match(text, m.end(), m.end() + _LOOK)
        if not um or _overlaps(*m.span(), taken):
            continue
        add(Candidate(m.start(), um.end(), "zh", "half", "半", unit=um.group("u"),
                      qual_before=_qual_before(lex, text, m.start())))
    hs = lex.re.get("half_share")
    if hs is not None:                                    # 近半村民, 逾半: a share of 50 % after a qualifier
        for m in hs.finditer(text):
            if _overlaps(*m.span(), taken) or _overlaps(*m.span(), idioms):
                continue
            add(Candidate(m.end() - 1, m.end(), "zh", "share", "半", unit="%",
                          qual_before=m.group("q"), qual_after=_qual_after(lex, text, m.end())))

    for m in lex.re["num"].finditer(text):
        a, b = m.span()
        num = m.group()
        if _overlaps(a, b, taken) or _overlaps(a, b, idioms):
            continue
        c = _zh_candidate(lex, text, a, b, num)
        if c is not None and not _overlaps(c.start, c.end, taken):
            add(c)
    out.sort(key=lambda c: c.start)
    return _fill_elided(lex, out)


def _zh_one_duration(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """一个月/一年/一天 is a duration (a figure) only with a cue: 用了一个月, 一年时间, 一个月内, 只用了一天.

    Without one it is a rhetorical singular or a frequency (一年卖出200单, 一天天)."""
    if end < len(text) and text[end] == text[end - 1]:
        return False                                      # 一天天, 一年年: reduplication
    return bool(lex.re["one_dur_before"].search(text, max(0, start - 8), start)
                or lex.re["one_dur_after"].match(text, end, end + _LOOK))


def _zh_fractions(lex: Lexicon, text: str) -> list[Candidate]:
    """三分之一 -> 33.333 %, 四分之三 -> 75 % (百分之N is handled as a percent prefix)."""
    out = []
    for m in (lex.re["mixed"].finditer(text) if "分之" in text else ()):   # 3又四分之一公里: a mixed number with a unit
        um = lex.re["unit"].match(text, m.end(), m.end() + _LOOK)
        if um is not None:
            out.append(Candidate(m.start(), um.end(), "zh", "mixed", m.group("i"), unit=um.group("u"),
                                 hint=f"fraction:{m.group('d')}:{m.group('n')}",
                                 qual_before=_qual_before(lex, text, m.start()),
                                 qual_after=_qual_after(lex, text, um.end())))
    for m in lex.re["fraction"].finditer(text):
        if m.group("d") in lex.data["_fraction_skip"]:
            continue
        qb = _qual_before(lex, text, m.start())
        out.append(Candidate(m.start(), m.end(), "zh", "fraction", m.group("n"), num_max="", unit="%",
                             hint="fraction:" + m.group("d"), qual_before=qb,
                             qual_after=_qual_after(lex, text, m.end())))
    return out


def _zh_unit(lex: Lexicon, text: str, pos: int):
    """The unit after a numeral; a two-character classifier yields to a noun it starts (5个人才: 个 + 人才)."""
    um = lex.re["unit"].match(text, pos, pos + _LOOK)
    if um and len(um.group("u")) > 1 and lex.unit(um.group("u")).label == COUNT:
        nm = lex.re["noun_prefix"].match(text, um.start("u") + 1, um.start("u") + 1 + _LOOK) \
            or lex.re["classifier_split"].match(text, um.start("u") + 1, um.start("u") + 1 + _LOOK)
        if nm and nm.end() > um.end():
            short = lex.re["unit"].match(text, pos, um.start("u") + 1)
            if short:
                return short
    return um


def _code_at(lex: Lexicon, text: str, pos: int) -> bool:
    """An ISO currency code or symbol (case-sensitive money unit) starts at ``pos``."""
    um = lex.re["unit"].match(text, pos, pos + 8)
    return um is not None and um.group("u") in lex.cs_units


def _zh_candidate(lex: Lexicon, text: str, a: int, b: int, num: str) -> Candidate | None:
    n = len(text)
    before = text[max(0, a - 8):a]
    if lex.re["excl_before"].search(before):
        return None
    if a > 0 and (_ASCII_LETTER.match(text[a - 1]) or (text[a - 1] in "-‐" and a > 1 and _ASCII_LETTER.match(text[a - 2]))) \
            and not lex.re["cur_before_glued"].search(text, max(0, a - 8), a):
        return None                                       # COVID-19, A4 (RMB300 is money)
    if b < n and _ASCII_LETTER.match(text[b]) and not _code_at(lex, text, b):
        return None                                       # 5G, 3D (300USD, 48.5MGBP are money)
    folded = num.translate(_FOLD)
    if folded.isdigit() and len(folded) >= 9:
        return None                                       # IDs, phone numbers, digit garbage
    if b < n and text[b] in ":：" and b + 1 < n and text[b + 1].isdigit():
        return None                                       # 17:05
    if a > 0 and text[a - 1] in ":：" and a > 1 and text[a - 2].isdigit():
        return None
    if a > 0 and text[a - 1] in "-/." and a > 1 and text[a - 2].isdigit():
        return None                                       # 2020-05-16
    if b + 1 < n and text[b] in "-/" and text[b + 1].isdigit() and _YEARLIKE.fullmatch(folded):
        return None
    scale_initial = num[0] in lex.small_scales or num[0] in lex.big_scales
    # range: 5到10万 / 5-10万人 / 三至五年
    num_max, pos = "", b
    rc = lex.re["range_conn"].match(text, b, b + _LOOK)
    if rc:
        p2 = lex.re["pct_start"].match(text, rc.end(), rc.end() + _LOOK) \
            if lex.re["pct_prefix"].search(text, max(0, a - 4), a) else None
        m2 = lex.re["num"].match(text, p2.end() if p2 else rc.end(), rc.end() + _LOOK)   # 百分之五到百分之十
        if m2 and not lex.re["range_block"].search(text[max(0, a - 10):a]) \
                and not _YEARLIKE.fullmatch(folded) and not lex.re["unit"].match(text, b, b + _LOOK):
            num_max, pos = m2.group(), m2.end()
    um = _zh_unit(lex, text, pos)
    if um and not num_max:
        rc2 = lex.re["range_conn"].match(text, um.end(), um.end() + _LOOK)
        m3 = lex.re["num"].match(text, rc2.end(), rc2.end() + _LOOK) if rc2 else None
        if m3:
            um3 = lex.re["unit"].match(text, m3.end(), m3.end() + _LOOK)
            rch = lex.re.get("range_change")
            if um3 and um3.group("u") == um.group("u") and not _YEARLIKE.fullmatch(folded) \
                    and (not lex.re["range_block"].search(text[max(0, a - 10):a])
                         or (rch is not None and not rch.search(text, max(0, a - 12), min(n, um3.end() + 6)))):
                num_max, pos = m3.group(), m3.end()
                um = um3
    ex = lex.re["excl_after"].match(text, pos, pos + _LOOK)
    if ex and (not um or ex.end() >= um.end()):
        return None
    qb = ""
    start = a
    hint = ""
    currency = ""
    w0 = max(0, a - 8)                                   # codes and symbols only when the window has a non-Han mark
    cm = lex.re["cur_before"].search(text, w0, a) if _NON_HAN.search(text, w0, a) \
        else lex.re["cur_before_words"].search(text, max(0, a - 4), a)
    if cm:
        currency, start = cm.group("c"), cm.start()
    pm = lex.re["pct_prefix"].search(text, max(0, a - 4), a)
    if pm:
        hint, start = "percent", pm.start()
    if um:
        unit = um.group("u")
        info = lex.unit(unit)
        end = um.end()
        if info.label == "tenths":
            nxt = text[end:end + 1]
            if nxt and nxt in lex.data["_tenths_block"]:
                return None
        if info.label == DURATION and unit.startswith("年"):
            qualified = bool(_qual_before(lex, text, start)) or any(ch in lex.vague for ch in num) \
                or unit in lex.data["_over_units"]
            if (_YEARLIKE.fullmatch(folded) or (folded.isdigit() and len(folded) == 4)) and not qualified:
                return None                               # 2023年 is a date (逾2000年 is not)
            if all(ch in lex.digits for ch in num) and len(num) >= 3:
                return None                               # 二〇二三年
            if _ZH_MONTH_AFTER.match(text, end, end + _LOOK):
                return None                               # 21年3月
        if info.label == DURATION and lex.re["dur_block"].match(text, end, end + _LOOK):
            return None                                   # 两年前: a relative date
        if num == "一" and not (info.label in (MULTIPLE, "tenths") or unit in lex.data["_half_units"]
                               or (unit in lex.data["_over_units"] and not text.startswith(("后", "以后", "之后"), end))
                               or (info.label == DURATION and _zh_one_duration(lex, text, start, end))):
            return None                                   # 一部智能手机, 一夜, 一批: no quantity meaning
        if info.label != DURATION and any(p in num for p in lex.data["_pairs_duration_only"]):
            return None                                   # 一两个人: rhetorical (一两个月 is a duration)
        if num == "二" and info.label == COUNT:
            return None                                   # 二次, 二期: ordinal use (cardinal is 两)
        if info.label == MONEY and num[0] in lex.data["_scale_initial_q"] and _ZH_UNIT_LABEL.search(text, max(0, start - 4), start):
            return None                                   # 单位:万元 (a table's unit label)
        if num[0] in lex.data["_scale_initial_q"] and info.label != MONEY and not currency \
                and not any(ch in lex.vague for ch in num) and not _qual_before(lex, text, start, scale_initial=True):
            return None                                   # 万家灯火, 千年古城: no quantity stated
        head = ""
        if info.label == COUNT and not info.strong:
            nm = lex.re["noun_prefix"].match(text, um.start("u"), um.start("u") + _LOOK)
            if nm and nm.end() > end:                     # 万家庭, 1亿人口: the classifier starts a noun
                end = nm.end()
                head = nm.group("n")
        if info.label == COUNT:
            e2 = _zh_noun_after(lex, text, end)
            if e2 > end:
                head, end = head + text[end:e2], e2
            elif not head and not info.strong and (lo := _elided_cue(lex, text, start, end)) >= 0:
                hint = f"elided:{lo}"                     # 200名员工,其中35人: the antecedent's noun
            elif not head and unit not in lex.data["_person_cls"]:
                q0 = _qual_before(lex, text, start, scale_initial=scale_initial)
                k = text.rfind(q0, max(0, start - 30), start) if q0 else -1
                head = _zh_noun_before(lex, text, k if k >= 0 else start)   # 建成冷库上百座
            elif not head and unit in lex.data["_person_cls"]:
                nb = _zh_noun_before(lex, text, start)    # 培训学员2000余人: a people noun names them
                if nb and lex.nouns.get(nb) in lex.data["_person_units"]:
                    head = nb
        qb = _qual_before(lex, text, start, scale_initial=scale_initial)
        return Candidate(start, end, "zh", "zh", num, num_max, unit=unit, currency=currency, head=head,
                         hint=hint, qual_before=qb, qual_after=_qual_after(lex, text, end))
    # no unit after the numeral
    if num_max and hint != "percent":
        return None                                       # (百分之五到百分之十: a percent range)
    if num == "一" and hint != "percent":
        return None                                       # (百分之一 is 1 %)
    if hint == "percent" or currency:
        qb = _qual_before(lex, text, start, scale_initial=scale_initial)
        return Candidate(start, pos, "zh", "zh", num, num_max, currency=currency, hint=hint,
                         qual_before=qb, qual_after=_qual_after(lex, text, pos))
    if any(ch in lex.big_scales for ch in num) or (scale_initial and num[0] in "千百"):
        nm = lex.re["noun_prefix"].match(text, pos, pos + _LOOK)
        if nm and num[0] in lex.data["_scale_initial_q"] and not any(ch in lex.vague for ch in num) \
                and not _qual_before(lex, text, a, scale_initial=True):
            nm = None                                     # 亿万农民, 千万家庭: no quantity stated
        if nm:
            qb = _qual_before(lex, text, a, scale_initial=scale_initial)
            return Candidate(a, nm.end(), "zh", "zh", num, head=nm.group("n"), qual_before=qb,
                             qual_after=_qual_after(lex, text, nm.end()))
        qb = _qual_before(lex, text, a, scale_initial=scale_initial)
        left_end = a - len(qb) if qb and text[max(0, a - 30):a].rstrip().endswith(qb) else a
        left = text[max(0, left_end - 12):left_end].rstrip()
        if lex.re["money_cue"].search(left):
            return Candidate(a, pos, "zh", "zh", num, hint="money", qual_before=qb,
                             qual_after=_qual_after(lex, text, pos))
        if any(ch in lex.big_scales for ch in num) and (pos >= n or _ZH_BOUNDARY.match(text, pos, pos + _LOOK)
                                                        or _qual_after(lex, text, pos)):
            # 网民规模达10.79亿, : a scaled number standing alone is a count of what precedes it
            return Candidate(a, pos, "zh", "zh", num, head=_zh_noun_before(lex, text, a - len(qb)),
                             qual_before=qb, qual_after=_qual_after(lex, text, pos))
    return None


# --------------------------------------------------------------------------- English / Spanish
def _plural(lex: Lexicon, w: str) -> bool:
    lw = w.casefold()
    if lw in lex.data["_irregular"] or lw in lex.nouns:
        return True
    if lex.data["_irregular_suffixes"] and lw.endswith(lex.data["_irregular_suffixes"]) and lw.isalpha() \
            and lw not in lex.data["_not_plural"]:
        return True                        # grandchildren, craftsmen, businesswomen, townspeople
    if lex.lang == "es":
        return len(lw) > 3 and lw.endswith("s")
    return len(lw) > 3 and lw.endswith("s") and not lw.endswith(("ss", "us", "is", "ous", "'s", "’s"))


def _latin_head(lex: Lexicon, text: str, pos: int, *, after_scale: bool) -> tuple[str, int]:
    """Counted noun after the number: (head, end) or ('', pos)."""
    stop = lex.data["_stop"]
    cur = pos
    if lex.lang == "es" and after_scale:
        m = _ES_DE.match(text, pos, pos + _LOOK)
        if m:
            cur = m.end()
    cm = lex.re["compound_head"].match(text, cur, cur + _LOOK) if lex.re.get("compound_head") is not None else None
    if cm:
        return cm.group("w"), cm.end()                 # puntos de venta, estaciones de servicio
    best: tuple[str, int] = ("", pos)
    for k in range(_HEAD_TOKENS):
        m = lex.re["head_word"].match(text, cur, cur + _LOOK)
        if not m:
            break
        w = m.group("w")
        lw = w.casefold()
        if lw in lex.data["_head_joiners"] and k > 0 and not best[0]:
            cur = m.end()                  # 2,000 small and medium-sized enterprises
            continue
        if lw in stop:
            break
        if _plural(lex, w) and lw in lex.data["_head_modifiers"]:
            cur = m.end()                  # 15 nuevas tiendas: a plural adjective before the noun
            continue
        if _plural(lex, w):
            end = m.end()
            # 20 countries and regions
            m2 = _AND_PLURAL.match(text, end, end + _LOOK)
            if m2 and _plural(lex, m2.group("w")) and m2.group("w").casefold() not in stop:
                after = _NEXT_WORD.match(text, m2.end(), m2.end() + _LOOK)
                nw = after.group("w").casefold() if after else ""
                if not nw or nw in ".,;:!?)]”\"" or nw in lex.data["_stop"] and nw not in ("the", "a", "an"):
                    return text[m.start("w"):m2.end()], m2.end()   # 20 countries and regions.
            best = (w, end)
            if lang_is_es(lex):
                break                      # Spanish: the noun comes first (estaciones de servicio)
        elif best[0]:
            break                          # 10 new jobs classified ...: the noun run ended
        cur = m.end()
    return best


def _and_groups(lex: Lexicon, t: str) -> list[tuple[int, int]]:
    """Split a run of number words at each "and"/"y" that does not continue one numeral.

    "three hundred and twelve" and "treinta y dos" stay whole; "two and three", "tres y cuatro" and
    "veinte y treinta" are two numerals (offsets into ``t``)."""
    groups: list[tuple[int, int]] = []
    g0 = 0
    for m in lex.re["and_split"].finditer(t):
        prev_words = t[g0:m.start()].split()
        prev = prev_words[-1].casefold() if prev_words else ""
        nxt_words = t[m.end():].split()
        nxt = nxt_words[0].split("-")[0].casefold() if nxt_words else ""
        nv = lex.number_words.get(nxt)
        ok = (prev in lex.hundred_words and nxt not in lex.hundred_words and nxt not in lex.scale_words) or (
            lex.lang == "es" and prev in lex.number_words and 20 <= lex.number_words[prev] <= 90
            and lex.number_words[prev] % 10 == 0 and nv is not None and 1 <= nv <= 9)
        if not ok:
            groups.append((g0, m.start()))
            g0 = m.end()
    groups.append((g0, len(t)))
    return groups


def _latin_tokens(lex: Lexicon, text: str) -> list[tuple[int, int, str]]:
    toks = [(m.start(), m.end(), "digits") for m in lex.re["digits"].finditer(text)]
    spans = _Spans((s, e) for s, e, _ in toks)
    for m in lex.re["wordnum"].finditer(text):
        s, e = m.span()
        t = m.group()
        # "two and three": an "and" not after hundred (en) / tens (es) splits the numeral
        for gs, ge in _and_groups(lex, t):
            g_s, g_e = s + gs, s + ge
            words = t[gs:ge].split()
            if len(words) > 1 and words[0].casefold() in _ARTICLES and words[1].split("-")[0].casefold() in lex.number_words:
                gs = t.index(words[1], gs + len(words[0]))
                g_s, words = s + gs, words[1:]               # un diez por ciento: an article, then the numeral
            first = words[0].split("-")[0].casefold()
            last = words[-1].casefold()
            if (first in lex.scale_words or first in lex.hundred_words) and text[max(0, g_s - 3):g_s].rstrip()[-1:].isdigit():
                continue                                   # "500 million": the scale belongs to 500
            hb = _HALF_BEFORE.search(text, max(0, g_s - 8), g_s)
            if hb:
                # "half a million", "medio millón": 0.5 x a scale word; otherwise not parsed, not guessed
                if last in lex.scale_words and lex.scale_words[last] >= 1e6 and len(words) <= 2 \
                        and (len(words) == 1 or first in ("a", "an")) and not _overlaps(hb.start(), g_e, spans):
                    toks.append((hb.start(), g_e, "words"))
                continue
            if first in lex.scale_words and lex.scale_words[first] > 1000:
                continue                                   # "millones de personas": no number
            if not _overlaps(g_s, g_e, spans):
                toks.append((g_s, g_e, "words"))
    toks.sort()
    return toks


def _latin_presets(lex: Lexicon, text: str) -> list[Candidate]:
    """Figures whose value a word states by itself (form ``preset``, ``num`` = the value):

    shares ``two-thirds of`` / ``half of`` / ``la mitad de`` (percent), and singular durations with a
    duration cue (``took a month``, ``within one year``, ``durante un año``, ``half a year``)."""
    out: list[Candidate] = []
    folded = fold(text)                               # each scan skipped when the text lacks its words
    fr = lex.re.get("fraction")
    if fr is not None:
        fractions = lex.data["_fractions"]
        matches = [(m, False) for m in fr.finditer(text)] if may_match(fr, folded) else []
        fa = lex.re.get("fraction_avos")
        if fa is not None and lex.data["_avos"] in text:
            matches += [(m, False) for m in fa.finditer(text)]           # veinte veinticincoavos de
        fq = lex.re.get("fraction_q")
        if fq is not None and may_match(fq, folded):
            seen = _Spans(m.span("x") for m, _ in matches)
            matches += [(m, True) for m in fq.finditer(text) if not seen.overlaps(*m.span("x"))]
        for m, needs_qualifier in matches:
            a, b = m.span("x")
            qb = _qual_before(lex, text, a)
            if needs_qualifier and not qb and _elided_cue(lex, text, a, b) != 0:
                continue                                  # "half are women" alone: too vague (of whom half are: a share)
            if lex.re["fraction_block_before"].search(text, max(0, a - 16), a):
                continue                                  # the first half of 2024
            if lex.re["fraction_block_after"].match(text, b, b + _LOOK) and not qb:
                continue                                  # three quarters of the year (less than half the time: a share)
            n = m.group("n")
            k = 1.0 if not n else lex.data["_fraction_n"].get(n.casefold())
            f_key = " ".join(m.group("f").casefold().split())
            f = fractions.get(f_key)
            if n and n.casefold() in lex.data["_fraction_article"] and f_key not in lex.data["_fraction_article_ok"]:
                continue                                  # la tercera parte del proyecto: a part, not a share
            if k is None or f is None:
                continue
            value = round(k * f, 3)
            if value > 100:
                continue
            out.append(Candidate(a, b, lex.lang, "preset", repr(value), unit="%",
                                 qual_before=qb, qual_after=""))
    fd = lex.re.get("fraction_digits")
    if fd is not None and ("/" in text or _VULGAR.search(text)):
        for m in fd.finditer(text):
            v = parse_fraction(m.group("x"))
            if v is not None and not lex.re["fraction_block_after"].match(text, m.end(), m.end() + _LOOK) \
                    and not lex.re["month_after"].match(text, m.end(), m.end() + _LOOK):     # 3/4 of May: a date
                out.append(Candidate(m.start(), m.end(), lex.lang, "preset", repr(round(v * 100, 3)), unit="%",
                                     qual_before=_qual_before(lex, text, m.start()), qual_after=""))
    ra = lex.re.get("ratio")
    if ra is not None and may_match(ra, folded):
        for m in ra.finditer(text):
            vals = []
            for g in ("n", "d"):
                w = m.group(g)
                vals.append(parse_digits(w, lex) if w[0].isdigit() else parse_words(w, lex))
            n, d = vals
            if n is None or d is None or not 1 <= n < d or d > 1000:
                continue
            if lex.re["unit"].match(text, m.end(), m.end() + _LOOK) or lex.re["scale"].match(text, m.end(), m.end() + _LOOK):
                continue                                  # three in 10 years: a duration, not a share
            a, b = m.span()
            out.append(Candidate(a, b, lex.lang, "preset", repr(round(n / d * 100, 3)), unit="%",
                                 qual_before=_qual_before(lex, text, a), qual_after=""))
    od = lex.re.get("one_duration")
    if od is not None:
        for m in od.finditer(text):
            a, b = m.span()
            w = " ".join(m.group("n").casefold().split())
            half = w in lex.data["_half_words"]
            value = "0.5" if half else "1.0"
            ha = lex.re["half_after"].match(text, b, b + _LOOK) if lex.re.get("half_after") is not None else None
            if ha and not half:
                b, half, value = ha.end(), True, "1.5"      # un año y medio, a year and a half
            if lex.re["dur_block"].match(text, b, b + _LOOK) \
                    or lex.re["dur_block_before"].search(text, max(0, a - 12), a):
                continue                                  # a year ago, hace un año, the last one year
            qb = _qual_before(lex, text, a)
            if not half and not qb and not lex.re["one_dur_cue"].search(text, max(0, a - 24), a):
                continue                                  # once a year, one day he ...: no duration
            out.append(Candidate(a, b, lex.lang, "preset", value, unit=m.group("u"),
                                 qual_before=qb, qual_after=_qual_after(lex, text, b)))
    return out


def _find_latin(text: str, lang: str) -> list[Candidate]:
    lex = lexicon(lang)
    out: list[Candidate] = []
    taken = _Spans()
    toks = _latin_tokens(lex, text)
    for c in _latin_presets(lex, text):
        if not _overlaps(c.start, c.end, taken):
            out.append(c)
            taken.add(c.start, c.end)
    consumed_until = -1
    for i, (a, b, form) in enumerate(toks):
        if a < consumed_until or _overlaps(a, b, taken):
            continue
        c = _latin_candidate(lex, text, a, b, form, toks, i)
        if c is not None and not _overlaps(c.start, c.end, taken):
            out.append(c)
            taken.add(c.start, c.end)
            consumed_until = c.end
    # multiples stated by a verb: doubled, tripled; bare "double" when no noun follows
    for m in lex.re["mult_verb"].finditer(text):
        if not _overlaps(*m.span(), taken):
            out.append(Candidate(m.start(), m.end(), lang, "verb", m.group("w"), unit="times",
                                 qual_before=_qual_before(lex, text, m.start())))
    for m in lex.re["mult_bare"].finditer(text):
        if _overlaps(*m.span(), taken):
            continue
        w = m.group("w").casefold()
        if lang == "en":
            prev = text[max(0, m.start() - 5):m.start()].casefold()
            if _ARTICLE_END.search(prev):
                continue
            nxt = _NEXT_WORD.match(text, m.end(), m.end() + _LOOK)
            nw = nxt.group("w").casefold() if nxt else ""
            if nw and nw[0].isalnum() and nw not in lex.data["_stop"] and nw not in (
                    "again", "year-on-year", "annually", "yearly", "within", "during", "since"):
                continue
        out.append(Candidate(m.start(), m.end(), lang, "verb", w, unit="times",
                             qual_before=_qual_before(lex, text, m.start())))
    out.sort(key=lambda c: c.start)
    return _fill_elided(lex, _merge_unit_ranges(lex, text, out))


def _merge_unit_ranges(lex: Lexicon, text: str, out: list[Candidate]) -> list[Candidate]:
    """``from 5 yuan to 8 yuan`` / ``de 5 euros a 8 euros`` / ``between $5 and $8``: two figures with the
    same unit joined by a range link are one range, unless a change verb precedes (rose from 5 to 8)."""
    res: list[Candidate] = []
    for c in out:
        p = res[-1] if res else None
        if p is not None and p.form == c.form == "digits" and not p.num_max and not c.num_max \
                and not p.hint and not c.hint and not p.head and not c.head and (p.unit or p.currency) \
                and p.unit == c.unit and p.currency == c.currency and p.end < c.start \
                and not lex.re["change_verb"].search(text, max(0, p.start - 40), p.start):
            gap = (p.end, c.start)
            before = text[max(0, p.start - 16):p.start]
            ok = False
            m = lex.re["range_conn"].match(text, *gap)
            if m and m.end() == c.start:
                ok = True
            if not ok and lex.re["range_between"].search(before):
                m = lex.re["range_and"].match(text, *gap)
                ok = bool(m and m.end() == c.start)
            rf = lex.re.get("range_from")
            if not ok and rf is not None and rf.search(before):
                m = lex.re["range_to"].match(text, *gap)
                ok = bool(m and m.end() == c.start)
            if ok:
                res[-1] = replace(p, end=c.end, num_max=c.num, scale_max=c.scale, qual_after=c.qual_after)
                continue
        res.append(c)
    return res


def _latin_excluded(lex: Lexicon, text: str, a: int, b: int, form: str) -> bool:
    n = len(text)
    prev = text[a - 1] if a > 0 else ""
    if prev and (_LETTER.match(prev) or prev in "#№") and not (form == "digits" and lex.re["cur_before_glued"].search(text, max(0, a - 8), a)):
        return True                                        # 에피소드2, G20, #3 (Rs300, RMB300 are money)
    if prev in "-‐" and a > 1 and _LETTER.match(text[a - 2]):
        return True                                        # COVID-19
    if form == "digits":
        if b < n and text[b] in ":" and b + 1 < n and text[b + 1].isdigit():
            return True                                    # 17:05
        if prev == ":" and a > 1 and text[a - 2].isdigit():
            return True
        if b < n and text[b] == "/" and b + 1 < n and text[b + 1].isdigit():
            return True                                    # 5/16
        if prev == "/" and a > 1 and text[a - 2].isdigit():
            return True
        tok = text[a:b]
        if prev in "-" and a > 1 and text[a - 2].isdigit():
            # 2020-05-16 or 2014-2023: part of a date
            return True
        if b + 1 < n and text[b] == "-" and text[b + 1].isdigit():
            m = _DASH_NUMBERS.match(text, b, b + _LOOK)
            if m and (m.group().count("-") == 2 or _YEARLIKE.fullmatch(tok)):
                return True
        if tok.isdigit() and len(tok) >= 9:
            return True
        if _SPACED.search(tok) and (sum(ch.isdigit() for ch in tok) >= 9 or _SPACED_AFTER.match(text, b, b + 2)
                                    or _SPACED_BEFORE.search(text, max(0, a - 3), a)):
            return True                                    # 915 123 456, +1 202 555 0147: a phone number
        if tok.isdigit() and len(tok) > 1 and tok.startswith("0"):
            return True                                    # 010020..., 05
    if lex.re["month_before"].search(text, max(0, a - 12), a):
        return True                                        # May 16
    if form == "digits" and lex.re["month_after"].match(text, b, b + _LOOK):
        return True                                        # 16 May, 16 de mayo
    if lex.re["excl_before"].search(text, max(0, a - 14), a):
        return True
    if _RATIO_BEFORE.search(text, max(0, a - 12), a):
        return True                                        # 4 in 10 residents, dos de cada tres
    if lex.re["excl_after"].match(text, b, b + _LOOK):
        return True
    return False


def _latin_candidate(lex: Lexicon, text: str, a: int, b: int, form: str, toks, i: int) -> Candidate | None:
    n = len(text)
    lang = lex.lang
    if _latin_excluded(lex, text, a, b, form):
        return None
    num = text[a:b]
    # scale word: 72.33 billion, 1 millón, 6,49 mil millones
    scale, pos = "", b
    if form == "digits":
        sm = lex.re["scale"].match(text, b, b + _LOOK)
        if sm:
            scale, pos = sm.group("s"), sm.end()
    # currency before: $10.17 billion, US$5, €3
    currency, start = "", a
    cm = lex.re["cur_before"].search(text, max(0, a - 8), a)
    if cm and form == "digits":
        currency, start = cm.group("c"), cm.start()
    if form == "digits" and not scale:
        sa = lex.re["scale_abbrev"].match(text, b, b + _LOOK)
        # $5m, €3k; without a currency only the unambiguous ones (1.3bn people; 5m may be metres)
        if sa and (currency or len(sa.group("s")) >= 2):
            scale, pos = sa.group("s"), sa.end()
    hint = ""
    if lex.re.get("and_half") is not None:
        hm = lex.re["and_half"].match(text, pos, pos + _LOOK)
        if hm and not scale:
            words = num.split()
            sm = lex.re["scale"].match(text, hm.end(), hm.end() + _LOOK) \
                if form == "digits" or words[-1].casefold() not in lex.scale_words else None
            if sm:                                          # 1 and a half million: the scale follows
                scale, hm = sm.group("s"), sm
            elif form == "words" and len(words) > 1 and words[-1].casefold() in lex.scale_words:
                num, scale = " ".join(words[:-1]), words[-1]    # un millón y medio: 1 + 0.5 millón
        if hm and (scale or (lex.re["unit"].match(text, hm.end(), hm.end() + _LOOK) is not None
                             and lex.unit(lex.re["unit"].match(text, hm.end(), hm.end() + _LOOK).group("u")).label
                             in (DURATION, MEASURE))):
            hint, pos = "half", hm.end()                    # 1 millón y medio, two and a half years
    # glued letters after a digit numeral that are not a unit: 5G, 3D, 1990s
    if form == "digits" and pos == b and b < n and _LETTER.match(text[b]):
        um0 = lex.re["unit"].match(text, b, b + _LOOK)
        if not um0 or lex.unit(um0.group("u")).label not in (MEASURE, PERCENT, MONEY):
            return None
    # ranges: between 3 and 5 / entre 3 y 5 / 3-5 / 3 to 5
    num_max, scale_max = "", ""
    nxt = toks[i + 1] if i + 1 < len(toks) else None

    def meets(link) -> bool:
        """The link reaches the next numeral, possibly over a repeated currency ($5 to $8)."""
        if link is None:
            return False
        if link.end() == nxt[0]:
            return True
        return bool(currency) and text[link.end():nxt[0]].strip() == currency
    if nxt is not None:
        link = None
        if lex.re["range_between"].search(text, max(0, start - 16), start):
            link = lex.re["range_and"].match(text, pos, pos + _LOOK)
            if link is not None and link.end() != nxt[0] and i + 2 < len(toks) and toks[i + 2][0] == link.end() \
                    and nxt[2] == "words" and text[nxt[0]:nxt[1]].casefold() in lex.singular_words:
                nxt = toks[i + 2]                           # entre un 15 y un 20 por ciento
        if not meets(link):
            link = lex.re["range_conn"].match(text, pos, pos + _LOOK)
            if meets(link) and form == "words" and num.casefold() in lex.singular_words \
                    and link.group("c") in "-‐–−" and text[link.end() - 1] in "-‐–−":
                link = None                                 # un -1,5 %: an article and a signed number
            if meets(link):
                left = text[max(0, start - 40):start]
                is_to = link.group("c").casefold() in ("to", "a")
                if is_to and lex.re["change_verb"].search(left):
                    link = None
        if not meets(link):
            rf = lex.re.get("range_from")
            if rf is not None and rf.search(text, max(0, start - 12), start):
                link = lex.re["range_to"].match(text, pos, pos + _LOOK)
                if link is not None and lex.re["change_verb"].search(text, max(0, start - 40), start):
                    link = None                             # pasó de 3 a 5: a change, not a range
        if meets(link) and not _YEARLIKE.fullmatch(num) \
                and not _YEARLIKE.fullmatch(text[nxt[0]:nxt[1]]):
            num_max = text[nxt[0]:nxt[1]]
            pos = nxt[1]
            if nxt[2] == "digits":
                sm = lex.re["scale"].match(text, pos, pos + _LOOK)
                if sm:
                    scale_max, pos = sm.group("s"), sm.end()
    # unit (Spanish: "6,49 millones de euros", "mil millones de yuanes")
    ends_in_scale = bool(scale_max or scale) or (form == "words" and (
        num.split()[-1].casefold() in lex.scale_words or num.split()[-1].casefold() in lex.data["_collectives"]))
    um = lex.re["unit"].match(text, pos, pos + _LOOK)
    if um is None and lang == "es" and ends_in_scale:
        de = _ES_DE.match(text, pos, pos + _LOOK)
        if de:
            um = lex.re["unit"].match(text, de.end(), de.end() + _LOOK)
    unit = ""
    end = pos
    if um:
        u = um.group("u")
        info = lex.unit(u)
        glued_ok = u[:1] in "%-" or info.label in (MEASURE, MONEY, PERCENT)
        if um.group("sp") and u.casefold() in lex.data["_glued_only"]:
            um = None                                       # 5 p. 23: a page, not pence
        elif um.group("sp") or glued_ok:
            if info.label == DURATION and (lex.re["dur_block"].match(text, um.end(), um.end() + _LOOK)
                                           or lex.re["dur_block_before"].search(text, max(0, start - 12), start)):
                return None                                 # three years ago, the first five months
            if info.label == MULTIPLE and lex.re["freq_after"].match(text, um.end(), um.end() + _LOOK):
                return None                                 # three times a week
            if u[:1] == "-" and lex.re.get("hyphen_name") is not None \
                    and lex.re["hyphen_name"].match(text, um.end(), um.end() + _LOOK):
                return None                                 # the Five-Year Plan: a name
            unit, end = u, um.end()
            if info.label == MULTIPLE and " ".join(u.casefold().split()) in lex.data["_occurrence_units"] \
                    and not lex.re["mult_cue_after"].match(text, end, end + _LOOK) \
                    and not lex.re["mult_cue_before"].search(text, max(0, start - 40), start):
                hint = "occurrences"                        # visited five times: a count, not a ratio
    qb_start = start
    head = ""
    if not unit and currency:
        pass                                                # $ 125 millones de bonos: the money ends at the scale
    elif not unit:
        if form == "digits" and lang == "en" and len(num) <= 3 and (
                lex.re["age_before"].search(text, max(0, start - 24), start)
                or (_AGE_APPOSITION.search(text, max(0, a - 30), a) and text[b:b + 1] == ",")):
            hint = "age"                                    # aged 51 / Li Wei, 45, head of ...
        else:
            pm = lex.re["partitive"].match(text, pos, pos + _LOOK) \
                if form == "words" and not scale and lex.re.get("partitive") is not None else None
            head, end2 = _latin_head(lex, text, pm.end() if pm else pos, after_scale=ends_in_scale)
            if head and text[pos:end2 - len(head)].strip() and _elided_cue(lex, text, start, pos) >= 0:
                head = ""                                   # of whom 800 found jobs: "jobs" is not what is counted
            if head:
                end = end2
    elif lex.re["age_before"].search(text, max(0, start - 24), start) or (
            lang == "es" and _ES_AGE_APPOSITION.search(text, max(0, start - 40), start)):
        info = lex.unit(unit)
        if info.label == DURATION and info.unit == "year":
            hint = "age"                                    # tiene 24 años / Li Wei, de 45 años,
    if unit and not hint and lex.re.get("half_after") is not None and lex.unit(unit).label == DURATION:
        hm = lex.re["half_after"].match(text, end, end + _LOOK)
        if hm:
            hint, end = "half", hm.end()                    # dos años y medio, tres horas y media
            if lex.re["dur_block"].match(text, end, end + _LOOK):
                return None                                 # un año y medio después: a relative date
    if lang == "es" and unit and lex.unit(unit).label == MONEY and lex.re.get("cents") is not None:
        cm2 = lex.re["cents"].match(text, end, end + _LOOK)
        if cm2:
            hint, end = "cents:" + cm2.group("c"), cm2.end()
    is_single = form == "words" and num.casefold() in lex.singular_words
    if is_single and not scale and not num_max and hint != "half":
        return None                                         # one click, un gran éxito
    year_like = form == "digits" and _YEARLIKE.fullmatch(num) is not None and not scale and not currency
    if year_like:
        strong = unit and lex.unit(unit).label in (MONEY, PERCENT, "pp", MEASURE, MULTIPLE)
        if not strong:
            if not head or _YEAR_PREP.search(text, max(0, a - 10), a) or head[:1].isupper():
                return None
    if not unit and not head and not currency and hint != "age" and (lo := _elided_cue(lex, text, start, end)) >= 0:
        # 200 employees, of whom 35 ...: the noun is the antecedent's (filled in by _fill_elided)
        qb = _qual_before(lex, text, start)
        return Candidate(start, end, lang, form, num, "", scale=scale, unit="", hint=f"elided:{lo}",
                         qual_before=qb, qual_after=_qual_after(lex, text, end))
    if not unit and not head and not currency and hint != "age":
        # a bare number: only a formatted or qualified one states a quantity on its own
        if form != "digits" or num_max:
            return None
        qb = _qual_before(lex, text, start)
        formatted = bool(scale) or _GROUPED.search(num) is not None
        if not (formatted or (qb and parse_digits(num, lex) is not None and parse_digits(num, lex) >= 100)):
            return None                                     # "under 35": an age, a rank ... unknown
        if "." in num and lang == "en" and not scale:
            return None
        if _CAP_WORD_END.search(text, max(0, a - 20), a) and not qb:
            prev_words = text[max(0, a - 20):a].split()
            if prev_words and prev_words[-1][:1].isupper() and a - len(prev_words[-1]) - 1 > 0:
                return None                                 # Windows 10, Boeing 737
    if not unit and not head and not currency and hint != "age":
        nm = _NUMBER_OF.search(text, max(0, start - 80), start)
        if nm:
            head = nm.group("n")                            # the number of X ... 1,000 -> X
    if head and head.casefold() in lex.data["_non_count"]:
        return None                                         # cinco estrellas: a rating
    qb = _qual_before(lex, text, qb_start)
    q0 = text.rfind(qb, max(0, qb_start - 40), qb_start) if qb else -1
    if qb.casefold() in ("hasta", "up to") and q0 > 0 and lex.re["change_verb"].search(text, max(0, q0 - 40), q0):
        qb = ""                                             # aumentaron un 30 % hasta 8.900 millones: "to"
    qa = _qual_after(lex, text, end)
    return Candidate(start, end, lang, form, num, num_max, scale=scale, scale_max=scale_max, unit=unit,
                     currency=currency, head=head, hint=hint, qual_before=qb, qual_after=qa)


# --------------------------------------------------------------------------- elided nouns
def _elided_cue(lex: Lexicon, text: str, start: int, end: int) -> int:
    """``of whom 35`` / ``de los cuales 35`` / ``35 of them`` / ``Of the 500 households, 320``: the counted
    noun is left out.  Returns where its antecedent may start (0: anywhere before), or -1: no cue."""
    eb, ea, eg = lex.re.get("elided_before"), lex.re.get("elided_after"), lex.re.get("elided_group")
    if eb is None:
        return -1
    left_end = start
    qb = _qual_before(lex, text, start)
    if qb:
        q0 = text.rfind(qb, max(0, start - 40), start)
        if q0 >= 0:
            left_end = q0
    if eb.search(text, max(0, left_end - 40), left_end) or (ea is not None and ea.match(text, end, end + _LOOK)):
        return 0
    g = eg.search(text, max(0, left_end - 90), left_end) if eg is not None else None
    return g.start() if g else -1


def _antecedent_ok(lex: Lexicon, c: Candidate) -> bool:
    """Can ``c`` lend its noun to a later elided number?  Counts with a noun, money, measures."""
    if c.hint.startswith("elided") or c.form in ("share", "fraction", "preset", "verb", "doubling", "half"):
        return False
    info = lex.unit(c.unit) if c.unit else None
    if info is not None and info.label in (PERCENT, "pp", "tenths", MULTIPLE, DURATION, "age"):
        return False
    if c.hint in ("age", "percent", "occurrences"):
        return False
    return bool(c.head or c.currency or (info is not None and info.label in (MONEY, MEASURE, COUNT)))


def _fill_elided(lex: Lexicon, out: list[Candidate]) -> list[Candidate]:
    """Give each elided number the noun/unit of the nearest earlier figure of its sentence, or drop it."""
    if not any(c.hint.startswith("elided") for c in out):
        return out
    res: list[Candidate] = []
    for c in out:
        if not c.hint.startswith("elided"):
            res.append(c)
            continue
        lo = int(c.hint.split(":", 1)[1])
        ante = next((p for p in reversed(res) if p.end <= c.start and _antecedent_ok(lex, p)), None)
        if ante is not None and ante.start < lo:
            ante = None                                   # Of the villagers, 320 ...: the figure is elsewhere
        if lex.lang == "zh":
            if ante is None or (ante.unit != c.unit and not (ante.unit in lex.data["_person_cls"]
                                                           and c.unit in lex.data["_person_cls"])):
                res.append(replace(c, hint=""))           # 5000户 ... 其中35人: the classifier's own unit
            else:
                res.append(replace(c, head=ante.head, hint=""))
            continue
        if ante is None:
            if c.scale or _GROUPED.search(c.num):
                res.append(replace(c, hint=""))           # 2,000: a formatted number stands alone
            continue                                      # no antecedent: nothing to count
        info = lex.unit(ante.unit) if ante.unit else None
        unit = ante.unit if info is not None and info.label in (MONEY, MEASURE) else ""
        if not unit and not ante.currency and not ante.head:
            continue
        res.append(replace(c, head=ante.head if not unit and not ante.currency else "", unit=unit,
                           currency=ante.currency if not unit else "", hint=""))
    return res


# --------------------------------------------------------------------------- entry point
_SIGNED_FORMS = frozenset({"zh", "digits", "words"})


def _signed(lang: str, text: str, out: list[Candidate]) -> list[Candidate]:
    """Take a minus/plus sign or minus word right before a figure into its span and value."""
    nlex = numbers_lexicon(lang)
    res: list[Candidate] = []
    for c in out:
        sb = sign_before(nlex, text, c.start) if c.form in _SIGNED_FORMS and not c.num_max else None
        if sb is not None and (not res or res[-1].end <= sb[0]):
            c = replace(c, start=sb[0], sign=sb[1])
        res.append(c)
    return res


def find(text: str, lang: str) -> list[Candidate]:
    """Figure candidates in ``text`` (one sentence) of language ``lang`` (zh/en/es), left to right."""
    if lang == "zh":
        return _signed(lang, text, _find_zh(text))
    if lang in ("en", "es"):
        return _signed(lang, text, _find_latin(text, lang))
    return []
