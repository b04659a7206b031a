"""Chinese rules: each rule is a regex plus a resolver (find, then resolve).

The words and pattern pieces of the language are one frozen lexicon (``ZhWords``, built once by
``zh_words()`` from ``resources/zh/timex.yaml``); every resolver is a module-level function taking
that lexicon explicitly, bound with ``functools.partial`` when the rule list is built.  The rule
list is built by small functions grouped by expression type; their order is the match order."""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache, partial as _bind
from typing import Callable, NamedTuple

import regex

from .. import rx
from ..resources import alternation, load
from .core import DAY, MONTH, PERIOD, QUARTER, YEAR  # noqa: F401
from .core import Resolver, SharedGate, gated, _Ctx, _day_of, _future_at, _g, _month_of, _months_period, _num, _valid_year, _week_of, _weekday_back, _year_of, _ym, _ymd, _ytd, resolve_partial_year  # noqa: F401
from .festivals import _festival  # noqa: F401

_HAN = rx.compile(r"\p{Han}")
_NUMBER_GOES_ON = rx.compile(r"[\d.%％万亿千百元余多个]")


# ----------------------------------------------------------------------------- Chinese lexicon

@dataclass(frozen=True, slots=True)
class ZhWords:
    """The Chinese words and pattern pieces the rules and resolvers read."""
    res: dict
    rel_years: dict[str, int]
    rel_months: dict[str, int]
    rel_days: dict[str, int]
    rel_weeks: dict[str, int]
    halves: dict[str, list[int]]
    ypart_month: dict[str, int]
    year_part_words: dict[str, int]
    anaphoric: dict[str, int]
    fests: dict[str, str]
    guarded: dict[str, list[str]]
    windows: dict[str, list[int]]
    RY: str
    Y: str
    NOT_NUM_BEFORE: str
    MON: str
    DAYN: str
    MPART: str
    YPART: str
    DUR_PRE: str
    DUR_SUF: str
    CONN: str
    N: str
    Q: str
    YEAR_HEAD: str
    SINCE: str


def _year_part_alternation(res: dict) -> str:
    # 中 only before punctuation (2023年中，…): 去年中国 / 今年中秋 are no year parts
    return ("(?:" + "|".join(regex.escape(p) + (r"(?=[\s,，。；;、:：)）]|$|将|前后|以来|时|期间|左右)" if p == "中" else "")
                             for p in sorted(res["year_parts"], key=len, reverse=True)) + ")")


@lru_cache(maxsize=None)
def zh_words() -> ZhWords:
    res = load("zh", "timex")
    RY = alternation(res["relative_years"])
    Y = r"(?P<y>\d{4}|[〇零○一二三四五六七八九]{4})"
    NOT_NUM_BEFORE = r"(?<![\d.〇零○一二三四五六七八九十两百千万])"
    DUR_PRE = alternation(res["duration_prefixes"])
    DUR_SUF = alternation(res["duration_suffixes"])
    return ZhWords(
        res=res, rel_years=res["relative_years"], rel_months=res["relative_months"],
        rel_days=res["relative_days"], rel_weeks=res.get("relative_weeks") or {},
        halves=res["halves"], ypart_month=res["year_part_months"],
        year_part_words=res["year_part_words"], anaphoric=res["anaphoric_years"],
        fests=res["festivals"], guarded=res["festival_guarded"], windows=res["festival_windows"],
        RY=RY, Y=Y, NOT_NUM_BEFORE=NOT_NUM_BEFORE,
        MON=r"(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])",
        DAYN=r"(?P<d>\d{1,2}|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])",
        MPART=alternation(p for p in res["month_parts"] if p != "中"),
        YPART=_year_part_alternation(res), DUR_PRE=DUR_PRE, DUR_SUF=DUR_SUF,
        CONN=alternation(c for c in res["range_connectors"] if c != "至今"),
        N=r"(?P<n>\d{1,2}|[一二三四五六七八九十两]{1,3})",
        Q=r"(?P<q>[一二三四1-4１-４])",
        YEAR_HEAD=rf"(?:{NOT_NUM_BEFORE}(?<!{DUR_PRE}){Y}\s*年(?!{DUR_SUF})|(?P<ry>{RY}))",
        SINCE=rf"(?:{alternation(res['since_suffixes'])}|至今)",
    )


def year_from(w: ZhWords, m: regex.Match, ctx: _Ctx) -> tuple[int, bool] | None | bool:
    """Explicit year of the match: (year, relative); None if unresolvable; False if invalid."""
    if _g(m, "y"):
        y = _num(m["y"])
        return (y, False) if _valid_year(y) else False
    if _g(m, "ry"):
        if ctx.ref is None:
            return None
        return ctx.ref.year + w.rel_years[m["ry"]], True
    return None


# ----------------------------------------------------------------------------- absolute dates

def _range_end(y: int, mo: int, iso: str, m: regex.Match, rel: bool):
    """10月1日至7日 / 5月28日至6月2日: the period from ``iso`` to the second day."""
    mo2 = _num(m["m2"]) if _g(m, "m2") else mo
    d2 = _num(m["d2"])
    iso2 = _ymd(y, mo2, d2) if mo2 and d2 else None
    if iso2 is None or iso2 <= iso:
        return None
    return (f"{iso}/{iso2}", PERIOD, rel)


def resolve_date(w: ZhWords, m, ctx):
    mo = _num(m["m"])
    if mo is None or not 1 <= mo <= 12:
        return None
    yr = year_from(w, m, ctx)
    if yr is False:
        return None
    if _g(m, "y") or _g(m, "ry"):
        if yr is None:
            return ("", DAY if _g(m, "d") else MONTH, True)
        y, rel = yr
    else:
        pr = resolve_partial_year(mo, ctx.ref, ctx.default_year,
                                  forward=_future_at(ctx, m.start(), m.end()))
        if pr is None:
            return ("", DAY if _g(m, "d") else MONTH, True)
        y, rel = pr
    if _g(m, "d"):
        d = _num(m["d"])
        iso = _ymd(y, mo, d) if d else None
        if iso and _g(m, "d2"):   # 10月1日至7日 / 5月28日至6月2日
            return _range_end(y, mo, iso, m, rel)
        return (iso, DAY, rel) if iso else None
    return (_ym(y, mo), MONTH, rel)


def resolve_year(w: ZhWords, m, ctx):
    y = _num(m["y"])
    if not _valid_year(y):
        return None
    if _g(m, "yp"):
        return (_ym(y, w.ypart_month[m["yp"]]), MONTH, False)
    return (f"{y:04d}", YEAR, False)


def _month_of_context_year(ctx, mo: int):
    if ctx.default_year is not None:
        return (_ym(ctx.default_year, mo), MONTH, False)
    return (_ym(ctx.ref.year, mo) if ctx.ref else "", MONTH, True)


def resolve_bare_year_part(w: ZhWords, m, ctx):
    return _month_of_context_year(ctx, w.ypart_month[m["yp"]])


def resolve_year_part_word(w: ZhWords, m, ctx):
    return _month_of_context_year(ctx, w.year_part_words[m.group(0)])


def resolve_rel_year(w: ZhWords, m, ctx):
    if _g(m, "yp"):   # 去年底 -> the month (2024-12 in a 2025 article)
        if ctx.ref is None:
            return ("", MONTH, True)
        return (_ym(ctx.ref.year + w.rel_years[m["ry"]], w.ypart_month[m["yp"]]), MONTH, True)
    return (_year_of(ctx, w.rel_years[m["ry"]]), YEAR, True)


def _absolute_rules(w: ZhWords) -> list[tuple[str, Callable]]:
    DAYN2 = w.DAYN.replace("?P<d>", "?P<d2>")
    MON2 = w.MON.replace("?P<m>", "?P<m2>")
    NNB, YPART = w.NOT_NUM_BEFORE, w.YPART
    return [
        # [Y年|去年] M月 [D日|初|中旬...]
        (rf"(?:{w.YEAR_HEAD}\s*)?(?<!每年|每个|每){NNB}{w.MON}\s*月"
         rf"(?:\s*{w.DAYN}\s*[日号](?:\s*{w.CONN}\s*(?:{MON2}\s*月\s*)?{DAYN2}\s*[日号])?|(?P<mp>{w.MPART})"
         rf"|(?!\s*{w.CONN}\s*(?:\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月))", resolve_date),
        # Y年 [初|底|末] / Y年年底
        (rf"{NNB}(?<!{w.DUR_PRE}){w.Y}\s*年(?!{w.DUR_SUF})(?:年?(?P<yp>{YPART}(?!步)))?", resolve_year),
        # bare 年初 / 年底 / 年末: of the reference year (年底前建成)
        (rf"(?<![\d〇零○一二三四五六七八九十年今去明前后每当同次翌本上])年(?P<yp>{YPART}(?!步))",
         resolve_bare_year_part),
        # 岁末 / 岁初: of the reference year
        (alternation(w.res["year_part_words"]), resolve_year_part_word),
        # 去年 / 今年 [初|底]
        (rf"(?P<ry>{w.RY})(?:年?(?P<yp>{YPART}(?!步))|内(?=[将要需拟计力完实建开新再全共累，,]))?",
         resolve_rel_year),
    ]


# ----------------------------------------------------------------------------- parts and ranges of years

def _part_year_value(w: ZhWords, m, y: int, rel: bool):
    if _g(m, "half"):
        a, b = w.halves[m["half"]]
        return (_months_period(y, a, b), PERIOD, rel)
    if _g(m, "q"):
        return (f"{y:04d}-Q{_num(m['q'])}", QUARTER, rel)
    if _g(m, "n"):
        n = _num(m["n"])
        if not n or n > 12:
            return None
        p = _months_period(y, 1, n)
        return (p, PERIOD if n > 1 else MONTH, rel) if p else None
    if _g(m, "nq"):
        n = _num(m["nq"])
        return (_months_period(y, 1, 3 * n), PERIOD, rel)
    p = _months_period(y, _num(m["m1"]) or 0, _num(m["m2"]) or 0)
    return (p, PERIOD, rel) if p else None


def resolve_part_year(w: ZhWords, m, ctx):
    yr = year_from(w, m, ctx)
    if yr is False:
        return None
    if yr is None:
        if ctx.default_year is not None and not _g(m, "ry"):
            yr = (ctx.default_year, False)
        elif ctx.ref is None:
            return ("", PERIOD, True)
        else:
            yr = (ctx.ref.year, True)
    y, rel = yr
    return _part_year_value(w, m, y, rel)


def resolve_since(w: ZhWords, m, ctx):
    if _g(m, "ry"):
        delta = w.rel_years[m["ry"]]
        if delta == 0:
            return _ytd(ctx)
        if ctx.ref is None:
            return ("", PERIOD, True, "since")
        return (f"{ctx.ref.year + delta:04d}/{ctx.ref.year:04d}", PERIOD, True, "since")
    y = _num(m["y"])
    if not _valid_year(y):
        return None
    if ctx.ref is None or ctx.ref.year <= y:
        return (f"{y:04d}", YEAR, False)
    return (f"{y:04d}/{ctx.ref.year:04d}", PERIOD, True, "since")


def resolve_ytd(w: ZhWords, m, ctx):
    return _ytd(ctx)


def resolve_year_range(w: ZhWords, m, ctx):
    y1, y2 = _num(m["y1"]), _num(m["y2"])
    if not (_valid_year(y1) and _valid_year(y2)) or y2 <= y1:
        return None
    return (f"{y1:04d}/{y2:04d}", PERIOD, False)


def _range_rules(w: ZhWords) -> list[tuple[str, Callable]]:
    NNB, CONN = w.NOT_NUM_BEFORE, w.CONN
    return [
        # [Y年|今年] 上半年 / 一季度 / 前5个月 / 前三季度 / 1-5月 / 以来
        (rf"(?:{w.YEAR_HEAD}\s*)?(?:(?P<half>{alternation(w.halves)})|(?<!前)第?{w.Q}季度"
         rf"|前{w.N}个?月|前(?P<nq>[一二三1-3])(?:个)?季度"
         rf"|{NNB}(?P<m1>\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月?\s*{CONN}\s*"
         rf"(?P<m2>\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月(?:份)?)", resolve_part_year),
        # 今年以来 / 2019年以来 / 2014年至今
        (rf"(?:{w.YEAR_HEAD})\s*(?:年?(?P<ini>初))?\s*{w.SINCE}", resolve_since),
        # 年初以来 / 年初至今: the reference year so far
        (rf"(?<![\d〇零○一二三四五六七八九十年今去明前后每当同次翌本上])年初\s*{w.SINCE}", resolve_ytd),
        # 2014年至2023年 / 2014-2023年 / 2014年—2023年
        (rf"{NNB}(?P<y1>\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年?\s*{CONN}\s*"
         rf"(?P<y2>\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年(?!{w.DUR_SUF})", resolve_year_range),
    ]


# ----------------------------------------------------------------------------- anaphoric and relative

def resolve_anaphoric(w: ZhWords, m, ctx):
    if not _g(m, "m") and m["ana"] == "当年":
        return None   # bare 当年 is mostly "back then"
    mo = _num(m["m"]) if _g(m, "m") else None
    gran = DAY if _g(m, "d") else (MONTH if mo else YEAR)
    if ctx.default_year is None:
        return ("", gran, False)
    y = ctx.default_year + w.anaphoric[m["ana"]]
    if mo is None:
        return (f"{y:04d}", YEAR, False)
    if not 1 <= mo <= 12:
        return None
    if _g(m, "d"):
        iso = _ymd(y, mo, _num(m["d"]) or 0)
        return (iso, DAY, False) if iso else None
    return (_ym(y, mo), MONTH, False)


def resolve_rel_month(w: ZhWords, m, ctx):
    return (_month_of(ctx, w.rel_months[m.group(0)]), MONTH, True)


def resolve_recent(w: ZhWords, m, ctx):
    return (_month_of(ctx, 0), MONTH, True)


def resolve_rel_day(w: ZhWords, m, ctx):
    return (_day_of(ctx, w.rel_days[m.group(0)]), DAY, True)


_WEEKDAYS = "一二三四五六日天"


def resolve_weekday(w: ZhWords, m, ctx):
    wd = min(_WEEKDAYS.index(m["wd"]), 6)
    r = ctx.ref
    if not _g(m, "wk"):
        return (_weekday_back(ctx, wd), DAY, True)
    if r is None or r.month is None or r.day is None:
        return ("", DAY, True)
    try:
        ref = _dt.date(r.year, r.month, r.day)
    except ValueError:
        return ("", DAY, True)
    monday = ref - _dt.timedelta(days=ref.weekday())
    shift = {"上": -7, "下": 7}.get(m["wk"], 0)
    return ((monday + _dt.timedelta(days=shift + wd)).isoformat(), DAY, True)


def resolve_week(w: ZhWords, m, ctx):
    return (_week_of(ctx, w.rel_weeks[m.group(0)]), PERIOD, True)


def resolve_weeks_ago(w: ZhWords, m, ctx):
    n = _num(m["n"])
    if not n or n > 8:
        return None
    return (_week_of(ctx, -n), PERIOD, True, "ago")


def _relative_rules(w: ZhWords) -> list[tuple[str, Callable]]:
    rules = [
        # 同年7月 / 次年3月 / 同年: anaphoric years, resolved only from the context year
        (rf"(?P<ana>{alternation(w.anaphoric)})(?:\s*{w.MON}\s*月(?:\s*{w.DAYN}\s*[日号]|(?P<mp>{w.MPART}))?)?",
         resolve_anaphoric),
        # 上月 / 本月 / 下个月
        (alternation(w.rel_months) + r"(?!份额)", resolve_rel_month),
        # 近日 / 日前 -> the reference month
        (rf"(?<![\d〇一二三四五六七八九十月]){alternation(w.res['recent_words'])}", resolve_recent),
        # 昨天 / 今日
        (alternation(w.rel_days) + r"(?!头条|说法)", resolve_rel_day),
        # 周二 / 星期五 / 上周三 -> a day of the reference week (bare: the latest one on or before it)
        (r"(?<!每|[至到\-—～~]\s*)(?P<wk>上|下|本|这)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])(?![一二三四五六七八九十]|次|遍|回|年|\s*(?:至|到|-|—|～|~))",
         resolve_weekday),
    ]
    # 上周 / 本周 / 下个星期 -> the ISO week (Monday/Sunday) of the reference day, shifted
    if w.rel_weeks:
        rules.append((rf"(?<!每){alternation(w.rel_weeks)}(?![一二三四五六七日天末期年岁边围转刊报])", resolve_week))
    # 两周前 / 一个星期前 -> the ISO week that many weeks back
    rules.append((rf"{w.NOT_NUM_BEFORE}(?<![第每近约逾共]){w.N}\s*个?(?:周|星期|礼拜)(?:前|以前|之前)(?![后天夕期])",
                  resolve_weeks_ago))
    return rules


def resolve_month_part(w: ZhWords, m, ctx):
    if m["mp"] == "份":
        return None
    delta = w.rel_months[m["rm"]] if _g(m, "rm") else 0
    if ctx.default_year is not None and not _g(m, "rm"):
        return None   # 月初 in a timeline entry: its month is unknown
    return (_month_of(ctx, delta), MONTH, True)


def resolve_last_n_years(w: ZhWords, m, ctx):
    n = _num(m["n"])
    if not n or n > 100:
        return None
    if ctx.ref is None:
        return ("", PERIOD, True, "last_n")
    return (f"{ctx.ref.year - n:04d}/{ctx.ref.year:04d}", PERIOD, True, "last_n")


def resolve_ago(w: ZhWords, m, ctx):
    n = _num(m["n"])
    if not n or n > 60:
        return None
    if _g(m, "yu"):
        return (_year_of(ctx, -n), YEAR, True, "ago")
    return (_month_of(ctx, -n), MONTH, True, "ago")


def _shift_rules(w: ZhWords) -> list[tuple[str, Callable]]:
    NNB = w.NOT_NUM_BEFORE
    return [
        # 月初 / 月底 / 本月底 / 上月中旬: a part of the reference month (or the shifted one)
        (rf"(?:(?P<rm>{alternation(w.rel_months)})|(?<![\d〇零○一二三四五六七八九十个每岁年本上下这])月)"
         rf"(?P<mp>{alternation(w.res['month_parts'])})(?<!月中)(?!份额)", resolve_month_part),
        # 近十年 / 过去5年 -> ref-N / ref
        (rf"(?:近|过去|最近)\s*{w.N}\s*(?:个)?年(?:来|间|中)?", resolve_last_n_years),
        # 十年前 / 3个月前 -> the reference year (month) minus N
        (rf"{NNB}(?<![第每近约逾共前]){w.N}\s*(?:(?P<yu>年)|个\s*(?P<mu>月))"
         rf"(?:{alternation(w.res['ago_suffixes'])})(?![后天夕期])", resolve_ago),
    ]


# ----------------------------------------------------------------------------- festivals and bare days

def _festival_guard_fails(w: ZhWords, f: str, m, ctx) -> bool:
    """国庆 alone is also a given name (王国庆): a date only before punctuation and not right
    after another Han character (在国庆，… / 国庆，… at a clause start)."""
    if f in w.guarded and not (_g(m, "y") or _g(m, "ry")) and not any(
            ctx.text.startswith(g, m.end("f")) for g in w.guarded[f]):
        prev = ctx.text[m.start() - 1] if m.start() > 0 else ""
        nxt = ctx.text[m.end("f"):m.end("f") + 1]
        if not (nxt in ("", "，", ",", "。", "、", "；", ";", " ")
                and (not _HAN.match(prev) or prev in "在于逢到至过迎")):
            return True
    return False


def resolve_festival(w: ZhWords, m, ctx):
    f = m["f"]
    if f[-1].isdigit() and _NUMBER_GOES_ON.match(ctx.text, m.end("f"), m.end("f") + 1):
        return None   # 618万元, 双11.5: a number, not the shopping festival
    if _festival_guard_fails(w, f, m, ctx):
        return None
    yr = year_from(w, m, ctx)
    win = w.windows.get(_g(m, "w") or "")
    return _festival(w.fests[f], m, ctx, yr, tuple(win) if win else None)


def resolve_bare_day(w: ZhWords, m, ctx):
    d = int(m["d"])
    if not 1 <= d <= 31:
        return None
    if ctx.ref is None or ctx.ref.month is None:
        return ("", DAY, True)
    iso = _ymd(ctx.ref.year, ctx.ref.month, d)
    return (iso, DAY, True) if iso else None


def _festival_rules(w: ZhWords) -> list[tuple[str, Callable]]:
    WIN = alternation(x for x in w.windows if x)
    return [
        # 春节 / 今年春节前后 / 2024年国庆 / 双十一: festivals and named days
        (rf"(?<!{alternation(w.res['festival_not_after'])})(?:{w.YEAR_HEAD}\s*)?(?P<f>{alternation(w.fests)})"
         rf"(?!联欢|晚会)(?P<w>{WIN})?", resolve_festival),
        # bare 16日 (day of the reference month)
        (rf"(?<![\d.月/\-第每近前共约逾]){w.NOT_NUM_BEFORE}(?P<d>\d{{1,2}})\s*日"
         rf"(?!{alternation(w.res['day_not_followed_by'])})", resolve_bare_day),
    ]


# ----------------------------------------------------------------------------- the rule list

@lru_cache(maxsize=None)
def _compiled_zh_rules() -> tuple[tuple[regex.Pattern, Resolver], ...]:
    w = zh_words()
    specs = _absolute_rules(w) + _range_rules(w) + _relative_rules(w) + _shift_rules(w) + _festival_rules(w)
    gates = _gates(w)
    return tuple((gated(rx.compile(pat), gates.get(fn)), _bind(fn, w)) for pat, fn in specs)


def _gates(w: ZhWords) -> dict[Callable, SharedGate]:
    """resolver -> a shared gate its rule's every match holds (tests/test_dates_gates.py): a
    festival name; 以来/至今; 季 or 月 or a half-year word (上半年 / 一季度 / 前5个月 / 1-5月).
    The costliest Chinese rules; the others are cheap or already gated by a digit."""
    return {resolve_festival: SharedGate(rx.compile(alternation(w.fests))),
            resolve_since: SharedGate(rx.compile(w.SINCE)),
            resolve_part_year: SharedGate(rx.compile(rf"[季月]|{alternation(w.halves)}"))}


def _zh_rules() -> list[tuple[regex.Pattern, Resolver]]:
    return list(_compiled_zh_rules())


def _zh_present() -> list[tuple[regex.Pattern, Resolver]]:
    res = load("zh", "timex")
    return [(rx.compile(alternation(res["present_words"])),
             lambda m, ctx: (_year_of(ctx, 0), YEAR, True, "present"))]


