"""The dates layer: pipeline.dates (find, then resolve; zh / en / es)."""
from __future__ import annotations

import pytest

from pipeline.dates import Timex, parse_reference, resolve_partial_year
from pipeline.dates import find as find_timexes

REF = "2024-06-15"


def _pairs(text, lang, ref=REF, **kw):
    return [(t.text, t.date) for t in find_timexes(text, lang, ref, **kw)]


# ----------------------------------------------------------------------------- absolute dates

ABSOLUTE = [
    # zh
    ("zh", "2019年3月12日，新馆正式开馆。", [("2019年3月12日", "2019-03-12")]),
    ("zh", "该公司成立于2008年。", [("2008年", "2008")]),
    ("zh", "二〇一七年十一月，合作社挂牌。", [("二〇一七年十一月", "2017-11")]),
    ("zh", "一九九八年，他来到深圳。", [("一九九八年", "1998")]),
    ("zh", "２０２３年１０月８日发布", [("２０２３年１０月８日", "2023-10-08")]),
    ("zh", "2022年12月31日 午夜", [("2022年12月31日", "2022-12-31")]),
    ("zh", "2021年9月，产业园获评示范基地。", [("2021年9月", "2021-09")]),
    ("zh", "2016年初，县里启动了新项目。", [("2016年初", "2016-01")]),
    ("zh", "发布时间：2020-05-16 17:05:24", [("2020-05-16 17:05:24", "2020-05-16")]),
    ("zh", "日期 2020/5/16", [("2020/5/16", "2020-05-16")]),
    ("zh", "2014年至2023年，网络零售额增长7.6倍。", [("2014年至2023年", "2014/2023")]),
    ("zh", "2018—2020年间完成改造", [("2018—2020年", "2018/2020")]),
    ("zh", "2020年第一季度，销售额下降。", [("2020年第一季度", "2020-Q1")]),
    ("zh", "2023年上半年，游客大增。", [("2023年上半年", "2023-01/2023-06")]),
    # en
    ("en", "The plant opened on June 2, 2020, in Urumqi.", [("June 2, 2020", "2020-06-02")]),
    ("en", "He arrived in June 2018 with his family.", [("June 2018", "2018-06")]),
    ("en", "The county became a demonstration county early in 2016.", [("early in 2016", "2016")]),
    ("en", "Sales doubled in 2019.", [("2019", "2019")]),
    ("en", "The fair was held on 16 May 2021 in Kashgar.", [("16 May 2021", "2021-05-16")]),
    ("en", "Updated: 2020-06-02 09:12", [("2020-06-02 09:12", "2020-06-02")]),
    ("en", "Prices rose from 2014 to 2023.", [("from 2014 to 2023", "2014/2023")]),
    ("en", "Between 2010 and 2015 the town grew.", [("Between 2010 and 2015", "2010/2015")]),
    ("en", "Exports fell in the first quarter of 2020.", [("the first quarter of 2020", "2020-Q1")]),
    ("en", "By mid-2022 the line was complete.", [("mid-2022", "2022-06")]),
    ("en", "In late 2019, the company moved.", [("late 2019", "2019-12")]),
    ("en", "The law took effect on Jan. 1, 2021.", [("Jan. 1, 2021", "2021-01-01")]),
    # es
    ("es", "El parque se inauguró el 28 de mayo de 2024.", [("28 de mayo de 2024", "2024-05-28")]),
    ("es", "La cooperativa se fundó en 2015.", [("2015", "2015")]),
    ("es", "Llegó a Kashgar en marzo de 2019.", [("marzo de 2019", "2019-03")]),
    ("es", "Las ventas crecieron de 2014 a 2023.", [("de 2014 a 2023", "2014/2023")]),
    ("es", "A principios de 2016 el distrito cambió.", [("A principios de 2016", "2016-01")]),
    ("es", "entre 2010 y 2015 se construyeron carreteras", [("entre 2010 y 2015", "2010/2015")]),
    ("es", "el primer trimestre de 2020 fue difícil", [("el primer trimestre de 2020", "2020-Q1")]),
    ("es", "Publicado el 1 de junio de 2020", [("1 de junio de 2020", "2020-06-01")]),
]


@pytest.mark.parametrize("lang,text,expected", ABSOLUTE)
def test_timex_absolute(lang, text, expected):
    assert _pairs(text, lang) == expected


# ----------------------------------------------------------------------------- relative dates

RELATIVE = [
    # zh, reference 2024-06-15
    ("zh", "去年，新疆网上零售额达723亿元。", REF, [("去年", "2023")]),
    ("zh", "今年销售额有望破千万元。", REF, [("今年", "2024")]),
    ("zh", "明年将建成新园区。", REF, [("明年", "2025")]),
    ("zh", "去年11月，基地成立。", REF, [("去年11月", "2023-11")]),
    ("zh", "5月28日，园区开园。", REF, [("5月28日", "2024-05-28")]),
    ("zh", "6月初召开大会", REF, [("6月初", "2024-06")]),
    ("zh", "7月中旬确定名单", "2015-09", [("7月中旬", "2015-07")]),
    ("zh", "上月，该县出台政策。", REF, [("上月", "2024-05")]),
    ("zh", "本月起实施新规。", REF, [("本月", "2024-06")]),
    ("zh", "近日，联盟宣告成立。", REF, [("近日", "2024-06")]),
    ("zh", "今年前5个月，交易额88亿元。", REF, [("今年前5个月", "2024-01/2024-05")]),
    ("zh", "上半年，游客增长三成。", REF, [("上半年", "2024-01/2024-06")]),
    ("zh", "一季度，出口增长。", REF, [("一季度", "2024-Q1")]),
    ("zh", "第三季度数据显示", REF, [("第三季度", "2024-Q3")]),
    ("zh", "近十年来，浙江持续援疆。", REF, [("近十年来", "2014/2024")]),
    ("zh", "今年以来，订单翻番。", REF, [("今年以来", "2024-01/2024-06")]),
    ("zh", "1-5月，全区实现销售额。", REF, [("1-5月", "2024-01/2024-05")]),
    ("zh", "1至4月累计完成", REF, [("1至4月", "2024-01/2024-04")]),
    ("zh", "去年底，项目竣工。", REF, [("去年底", "2023-12")]),
    ("zh", "16日，记者从商务局获悉。", REF, [("16日", "2024-06-16")]),
    ("zh", "昨天，展会开幕。", REF, [("昨天", "2024-06-14")]),
    # zh across a year boundary: reference 2025-01-10
    ("zh", "去年12月，园区开园。", "2025-01-10", [("去年12月", "2024-12")]),
    ("zh", "12月，园区开园。", "2025-01-10", [("12月", "2024-12")]),
    ("zh", "12月28日举行年会", "2025-01-10", [("12月28日", "2024-12-28")]),
    ("zh", "3月将举办大会", "2025-01-10", [("3月", "2025-03")]),
    ("zh", "上月，展会闭幕。", "2025-01-10", [("上月", "2024-12")]),
    ("zh", "去年，销量大增。", "2025-01-10", [("去年", "2024")]),
    # en, reference 2020-05-16
    ("en", "URUMQI, May 16 (Xinhua) -- Zhang's shop is busy.", "2020-05-16", [("May 16", "2020-05-16")]),
    ("en", "In May, the ministry announced new jobs.", "2020-06-02", [("May", "2020-05")]),
    ("en", "Many firms started up last year.", "2020-06-02", [("last year", "2019")]),
    ("en", "The region will grow 10 percent this year.", "2020-06-02", [("this year", "2020")]),
    ("en", "A new airport opens next year.", "2020-06-02", [("next year", "2021")]),
    ("en", "Sales rose last month.", "2020-06-02", [("last month", "2020-05")]),
    ("en", "Consumption has grown since the beginning of this year.", "2020-05-16",
     [("since the beginning of this year", "2020-01/2020-05")]),
    ("en", "Retail sales rose in the first quarter.", "2020-05-16", [("the first quarter", "2020-Q1")]),
    ("en", "Output grew in the first half of this year.", "2020-09-01",
     [("the first half of this year", "2020-01/2020-06")]),
    ("en", "in the first five months of the year", "2024-06-15",
     [("the first five months of the year", "2024-01/2024-05")]),
    ("en", "The plant was built a year ago.", "2020-05-16", [("a year ago", "2019")]),
    ("en", "The fair opened on Monday.", "2020-05-16", [("on Monday", "2020-05-11")]),
    ("en", "Officials met yesterday.", "2020-05-16", [("yesterday", "2020-05-15")]),
    ("en", "In December, the park opened.", "2025-01-10", [("December", "2024-12")]),
    ("en", "Last December the park opened.", "2020-05-16", [("Last December", "2019-12")]),
    ("en", "Prices rose over the past ten years.", "2020-05-16", [("over the past ten years", "2010/2020")]),
    ("en", "Earlier this year, the county opened a center.", "2020-05-16", [("Earlier this year", "2020")]),
    # es
    ("es", "El año pasado las ventas crecieron.", REF, [("El año pasado", "2023")]),
    ("es", "Este año se abrirán tres centros.", REF, [("Este año", "2024")]),
    ("es", "El próximo año llegará el tren.", REF, [("El próximo año", "2025")]),
    ("es", "En junio se celebró la feria.", REF, [("junio", "2024-06")]),
    ("es", "El 28 de mayo se inauguró el parque.", REF, [("28 de mayo", "2024-05-28")]),
    ("es", "BEIJING, 3 jun (Xinhua) -- El comercio crece.", "2020-06-03", [("3 jun", "2020-06-03")]),
    ("es", "El mes pasado se firmó el acuerdo.", REF, [("El mes pasado", "2024-05")]),
    ("es", "en el primer trimestre las ventas subieron", REF, [("el primer trimestre", "2024-Q1")]),
    ("es", "en los primeros cinco meses del año", REF, [("los primeros cinco meses del año", "2024-01/2024-05")]),
    ("es", "en lo que va de año se vendieron más", REF, [("en lo que va de año", "2024-01/2024-06")]),
    ("es", "En diciembre se inauguró el centro.", "2025-01-10", [("diciembre", "2024-12")]),
    ("es", "el pasado mes de mayo", REF, [("el pasado mes de mayo", "2024-05")]),
    ("es", "Ayer se reunieron los alcaldes.", REF, [("Ayer", "2024-06-14")]),
    ("es", "hace dos años se fundó la empresa", REF, [("hace dos años", "2022")]),
]


@pytest.mark.parametrize("lang,text,ref,expected", RELATIVE)
def test_timex_relative(lang, text, ref, expected):
    assert _pairs(text, lang, ref) == expected


@pytest.mark.parametrize("lang,text", [
    ("zh", "去年，新疆网上零售额达723亿元。"),
    ("zh", "5月28日开园"),
    ("zh", "上月出台"),
    ("en", "Many firms started up last year."),
    ("en", "In May, the ministry announced new jobs."),
    ("es", "El año pasado las ventas crecieron."),
    ("es", "en junio"),
])
def test_timex_relative_without_reference_is_unresolved(lang, text):
    found = find_timexes(text, lang, None)
    assert len(found) == 1 and found[0].date == "" and found[0].relative


@pytest.mark.parametrize("lang,text,expected", [
    ("zh", "上月出台", ""),          # month-level word, year-level reference
    ("zh", "去年11月成立", "2023-11"),
    ("en", "last month", ""),
    ("en", "last year", "2023"),
])
def test_timex_coarse_reference(lang, text, expected):
    assert find_timexes(text, lang, "2024")[0].date == expected


# ----------------------------------------------------------------------------- granularity / relative flag

@pytest.mark.parametrize("lang,text,ref,granularity,relative", [
    ("zh", "2024年5月28日", REF, "day", False),
    ("zh", "5月28日", REF, "day", True),
    ("zh", "6月初", REF, "month", True),
    ("zh", "2015年", REF, "year", False),
    ("zh", "今年前5个月", REF, "period", True),
    ("zh", "一季度", REF, "quarter", True),
    ("zh", "近十年", REF, "period", True),
    ("en", "early in 2016", REF, "year", False),
    ("en", "May 16", REF, "day", True),
    ("en", "in the first quarter", REF, "quarter", True),
    ("en", "since the beginning of this year", REF, "period", True),
    ("es", "28 de mayo de 2024", REF, "day", False),
    ("es", "en junio", REF, "month", True),
    ("es", "de 2014 a 2023", REF, "period", False),
])
def test_timex_granularity_and_relative(lang, text, ref, granularity, relative):
    t = find_timexes(text, lang, ref)[0]
    assert (t.granularity, t.relative) == (granularity, relative)


# ----------------------------------------------------------------------------- default_year (timeline)

@pytest.mark.parametrize("lang,text,year,expected", [
    ("zh", "4月，阿克苏市首期电子商务培训班开班。", 2014, [("4月", "2014-04", False)]),
    ("zh", "7月中旬，被商务部确定为示范县。", 2015, [("7月中旬", "2015-07", False)]),
    ("zh", "5月28日，新园区正式开园。6月6日，大会举行。", 2024,
     [("5月28日", "2024-05-28", False), ("6月6日", "2024-06-06", False)]),
    ("zh", "12月，项目验收。", 2019, [("12月", "2019-12", False)]),
    ("zh", "去年，销量大增。", 2019, [("去年", "2023", True)]),   # relative words still use the reference
    ("en", "March 3: the park opened.", 2012, [("March 3", "2012-03-03", False)]),
    ("en", "In July, the county was named a pilot.", 2015, [("July", "2015-07", False)]),
    ("es", "En julio, el distrito fue designado.", 2015, [("julio", "2015-07", False)]),
])
def test_timex_default_year(lang, text, year, expected):
    got = [(t.text, t.date, t.relative) for t in find_timexes(text, lang, REF, default_year=year)]
    assert got == expected


# ----------------------------------------------------------------------------- not dates

NOT_DATES = [
    ("zh", "乐器制作技艺传承已逾300年。"),
    ("zh", "他曾在杭州经营干果店3年。"),
    ("zh", "为企业提供免3年房租。"),
    ("zh", "三十年来，村子变化很大。"),
    ("zh", "这位“90后”组建了团队。"),
    ("zh", "已建成5G基站2000多个。"),
    ("zh", "网络交易额12.5亿元，增长13.62%。"),
    ("zh", "带动就业2000余人。"),
    ("zh", "这座古城已有2000多年历史。"),
    ("zh", "近半个月的培训"),
    ("zh", "第一个月一单都没卖出去。"),
    ("zh", "3个月内完成"),
    ("zh", "30日内办结"),
    ("zh", "这些年，加依村变化很大。"),
    ("zh", "近年来，电商发展迅速。"),
    ("zh", "今日头条上的视频"),
    ("zh", "10栋1250平方米的厂房"),
    ("en", "May I ask you a question?"),
    ("en", "Farmers may sell more online."),
    ("en", "The 24-year-old man said."),
    ("en", "More than 2000 people attended."),
    ("en", "Sales rose 13.62 percent to 72.33 billion yuan."),
    ("en", "5G base stations reach the grassroots."),
    ("en", "In the past, companies bought from farmers."),
    ("en", "Her orders doubled over the past few months."),
    ("en", "Call 010-2007-0750 for details."),
    ("en", "The COVID-19 epidemic hit shops."),
    ("es", "Hay más de 2000 personas en la aldea."),
    ("es", "En la serie de hoy conoceremos su historia."),
    ("es", "El Centro ha establecido más de 200 estaciones."),
    ("es", "Yarkant tiene más de 1 millón de habitantes."),
    ("es", "después del brote de COVID-19"),
]


@pytest.mark.parametrize("lang,text", NOT_DATES)
def test_timex_not_dates(lang, text):
    assert find_timexes(text, lang, REF) == []


@pytest.mark.parametrize("lang,text,expected", [
    ("zh", "如今，库尔勒香梨已出口至20多个国家。", [("如今", "2024")]),
    ("zh", "从2014年的2000余人增加到现在的3万余人", [("2014年", "2014"), ("现在", "2024")]),
    ("en", "Today, Korla pears are exported.", [("Today", "2024")]),
    ("en", "Now I have nearly 1,000 students.", [("Now", "2024")]),
    ("es", "Hoy la aldea tiene internet.", [("Hoy", "2024")]),
])
def test_timex_present_anchors_only_on_request(lang, text, expected):
    assert _pairs(text, lang, include_present=True) == expected
    assert all(t[0] not in ("如今", "现在", "Today", "Now", "Hoy") for t in _pairs(text, lang))


# ----------------------------------------------------------------------------- API details

@pytest.mark.parametrize("lang,text", [
    ("zh", "新华社乌鲁木齐5月16日电（记者 张三）2024年5月28日，产业园开园，去年11月成立基地。"),
    ("en", "URUMQI, May 16 (Xinhua) -- In 2019 and last year, early in 2016, June 2, 2020."),
    ("es", "PEKÍN, 3 jun (Xinhua) -- El 28 de mayo de 2024 y en junio, el año pasado."),
])
def test_timex_offsets_exact_and_sorted(lang, text):
    found = find_timexes(text, lang, REF)
    assert found
    for t in found:
        assert isinstance(t, Timex)
        assert text[t.start:t.end] == t.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("ref,expected", [
    ("2024-06-15", (2024, 6, 15)), ("2024-06", (2024, 6, None)), ("2024", (2024, None, None)),
    (None, None), ("", None), ("unknown", None),
])
def test_timex_parse_reference(ref, expected):
    got = parse_reference(ref)
    assert (tuple(got) if got else None) == expected


@pytest.mark.parametrize("month,ref,default_year,expected", [
    (12, "2025-01-10", None, (2024, True)),   # far in the future -> previous year
    (7, "2025-01-10", None, (2025, True)),    # six months ahead: still this year
    (8, "2025-01-10", None, (2024, True)),
    (5, "2024-06", None, (2024, True)),
    (12, "2024", None, (2024, True)),         # year-only reference: its year
    (4, "2024-06", 2015, (2015, False)),      # context year wins, not relative
    (4, None, None, None),
])
def test_timex_partial_year_rule(month, ref, default_year, expected):
    assert resolve_partial_year(month, parse_reference(ref), default_year) == expected


@pytest.mark.parametrize("text,year,expected", [
    ("同年7月，产业园开园。", 2015, [("同年7月", "2015-07")]),
    ("次年3月竣工", 2018, [("次年3月", "2019-03")]),
    ("同年，基地挂牌。", 2020, [("同年", "2020")]),
    ("同年7月，产业园开园。", None, [("同年7月", "")]),
    ("当年的小山村", 2020, []),
])
def test_timex_anaphoric_zh(text, year, expected):
    assert _pairs(text, "zh", default_year=year) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("zh", "2023年10月1日至7日，游客大增。", [("2023年10月1日至7日", "2023-10-01/2023-10-07")]),
    ("zh", "5月28日至6月2日举办", [("5月28日至6月2日", "2024-05-28/2024-06-02")]),
    ("en", "The fair runs June 1-5, 2024.", [("June 1-5, 2024", "2024-06-01/2024-06-05")]),
    ("zh", "每年5月，杏子成熟。", []),
])
def test_timex_day_ranges(lang, text, expected):
    assert _pairs(text, lang) == expected


# ----------------------------------------------------------------------------- property: offsets and ISO shape

from hypothesis import given, settings, strategies as st  # noqa: E402
import re  # noqa: E402

_FRAGMENTS = {
    "zh": ["2024年", "5月", "28日", "去年", "今年前5个月", "近日", "，", "。", "开园", "300年", "一季度",
           "二〇一七年", "十一月", "至", "-", "1", "９", "亿元", "%", "同年", "上半年", "近十年来", " "],
    "en": ["May", " ", "16", ",", "2020", "in", "last year", "the first quarter", "early", "from", "to",
           "June", "-", "percent", "I", "since the beginning of this year", "on Monday", "."],
    "es": ["mayo", " ", "28", "de", "2024", "en", "el año pasado", "el primer trimestre", "a principios de",
           "junio", "jun", "(", "Xinhua", ")", "personas", "."],
}
# a value, a closed interval a/b, or (issue 11) an open one: /b (before, until) or a/ (after)
_ISO = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4])?)(?:/(?:\d{4}(?:-\d{2}(?:-\d{2})?)?)?)?$"
                  r"|^/\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@pytest.mark.parametrize("lang", ["zh", "en", "es"])
def test_timex_property_offsets_and_iso(lang):
    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(_FRAGMENTS[lang]), max_size=14),
           st.sampled_from([None, "2024", "2024-06", "2025-01-10"]))
    def check(parts, ref):
        text = "".join(p if lang == "zh" else p + " " for p in parts)
        found = find_timexes(text, lang, ref)
        for t in found:
            assert text[t.start:t.end] == t.text and t.text.strip() == t.text
            assert t.date == "" or _ISO.match(t.date), t.date
            assert t.granularity in ("day", "month", "quarter", "year", "period")
        assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    check()


@pytest.mark.parametrize("text,expected", [
    ("据该局周二介绍，游客增长。", [("周二", "2024-06-11")]),      # reference Saturday 2024-06-15
    ("星期六，展会开幕。", [("星期六", "2024-06-15")]),
    ("上周三，平台发布新规。", [("上周三", "2024-06-05")]),
    ("下周一将召开会议", [("下周一", "2024-06-17")]),
    ("每周一开展培训", []),
    ("周一至周五开放", []),
    ("一周一次", []),
])
def test_timex_weekdays_zh(text, expected):
    assert _pairs(text, "zh") == expected


@pytest.mark.parametrize("text,expected", [
    ("2020年年底，项目竣工。", [("2020年年底", "2020-12")]),
    ("年底前，新园区将建成。", [("年底", "2024-12")]),
    ("每年年底评比一次", []),
    ("今年年初，基地挂牌。", [("今年年初", "2024-01")]),
    ("2016年初步统计", [("2016年", "2016")]),
])
def test_timex_year_parts_zh(text, expected):
    assert _pairs(text, "zh") == expected


# ----------------------------------------------------------------------------- second pass (issue 5)
# 1. parts of a year name a month, never the bare year (reference 2025-03-10)

YEAR_PARTS = [
    ("zh", "去年底，园区二期建成投用。", [("去年底", "2024-12")]),
    ("zh", "去年年底，合作社注册成立。", [("去年年底", "2024-12")]),
    ("zh", "年底前，全县将建成30个服务站。", [("年底", "2025-12")]),
    ("zh", "年初，县里出台了扶持政策。", [("年初", "2025-01")]),
    ("zh", "今年年中，物流园将投入使用。", [("今年年中", "2025-06")]),
    ("zh", "2023年末，全市网店达1.2万家。", [("2023年末", "2023-12")]),
    ("zh", "2022年初，他辞职回乡。", [("2022年初", "2022-01")]),
    ("zh", "岁末，各地年货节陆续开幕。", [("岁末", "2025-12")]),
    ("zh", "明年初，新航线将开通。", [("明年初", "2026-01")]),
    ("zh", "前年底，基地挂牌。", [("前年底", "2023-12")]),
    ("zh", "下半年，平台将上线新功能。", [("下半年", "2025-07/2025-12")]),
    ("zh", "去年上半年，销售额有所下降。", [("去年上半年", "2024-01/2024-06")]),
    ("zh", "2023年中，公司完成融资。", [("2023年中", "2023-06")]),
    ("zh", "年初以来，订单持续增长。", [("年初以来", "2025-01/2025-03")]),
    ("zh", "去年中国电商交易额增长。", [("去年", "2024")]),
    ("zh", "这一年中，他学会了直播。", []),
    ("en", "The plant opened at the end of last year.", [("the end of last year", "2024-12")]),
    ("en", "Early this year, the county launched a livestreaming base.", [("Early this year", "2025-01")]),
    ("en", "He moved back to Hotan in late 2023.", [("late 2023", "2023-12")]),
    ("en", "The railway was completed by mid-2022.", [("mid-2022", "2022-06")]),
    ("en", "Construction began in early 2021.", [("early 2021", "2021-01")]),
    ("en", "The park will open by the end of the year.", [("the end of the year", "2025-12")]),
    ("en", "The store opened late last year.", [("late last year", "2024-12")]),
    ("en", "At the beginning of 2020, the firm had a dozen staff.", [("the beginning of 2020", "2020-01")]),
    ("en", "Prices peaked in the middle of 2019.", [("the middle of 2019", "2019-06")]),
    ("en", "The county became a pilot early in 2016.", [("early in 2016", "2016")]),
    ("es", "Se mudó a Aksu a finales de 2023.", [("a finales de 2023", "2023")]),
    ("es", "A principios de este año, la empresa abrió una tienda.", [("A principios de este año", "2025-01")]),
    ("es", "La línea se completó a mediados de 2022.", [("a mediados de 2022", "2022-06")]),
    ("es", "El parque abrió a finales del año pasado.", [("a finales del año pasado", "2024")]),
    ("es", "La fábrica funcionará a principios del próximo año.", [("a principios del próximo año", "2026-01")]),
    ("es", "Las obras terminarán a finales de año.", [("a finales de año", "2025")]),
    ("es", "Al final de 2021 la cooperativa tenía muchos socios.", [("Al final de 2021", "2021")]),
    ("es", "La tienda abrió a comienzos de 2019.", [("a comienzos de 2019", "2019-01")]),
]


@pytest.mark.parametrize("lang,text,expected", YEAR_PARTS)
def test_timex_year_parts_name_a_month(lang, text, expected):
    assert _pairs(text, lang, "2025-03-10") == expected


# 2. festivals and named days (reference 2025-03-10; Chinese New Year 2025-01-29, 2024-02-10, 2026-02-17)

FESTIVALS = [
    ("zh", "今年春节前后，园区举办了年货节。", [("今年春节前后", "2025-01/2025-02")]),
    ("zh", "春节期间，快递网点照常营业。", [("春节期间", "2025-01/2025-02")]),
    ("zh", "2024年春节，他回到家乡开网店。", [("2024年春节", "2024-02")]),
    ("zh", "国庆节期间，景区游客大增。", [("国庆节期间", "2024-10")]),
    ("zh", "去年国庆，景区迎来客流高峰。", [("去年国庆", "2024-10")]),
    ("zh", "王国庆是合作社的负责人。", []),
    ("zh", "双十一当天，订单量突破百万单。", [("双十一", "2024-11-11")]),
    ("zh", "今年双11，平台推出新玩法。", [("今年双11", "2025-11-11")]),
    ("zh", "元旦前夕，新线路开通。", [("元旦前夕", "2025-01-01")]),
    ("zh", "每年春节，他都会回家。", []),
    ("zh", "明年春节前，物流园将建成。", [("明年春节前", "2026-01/2026-02")]),
    ("zh", "去年除夕，全家在直播间度过。", [("去年除夕", "2024-02-09")]),
    ("zh", "大家一起观看春节联欢晚会。", []),
    ("en", "During the Spring Festival, online sales soared.", [("During the Spring Festival", "2025-01/2025-02")]),
    ("en", "Around the Chinese New Year, the market was packed.",
     [("Around the Chinese New Year", "2025-01/2025-02")]),
    ("en", "Orders on Singles' Day set a record.", [("Singles' Day", "2024-11-11")]),
    ("en", "The shop opened on Christmas Eve 2023.", [("Christmas Eve 2023", "2023-12-24")]),
    ("en", "Last Christmas, the village sold apples online.", [("Last Christmas", "2024-12-25")]),
    ("en", "Every Christmas the family travels.", []),
    ("en", "The Double 11 shopping festival drew many buyers.", [("Double 11", "2024-11-11")]),
    ("en", "The new line opened on New Year's Day.", [("New Year's Day", "2025-01-01")]),
    ("es", "Durante la Fiesta de la Primavera, las ventas crecieron.",
     [("Durante la Fiesta de la Primavera", "2025-01/2025-02")]),
    ("es", "En Navidad, la tienda vendió manzanas.", [("Navidad", "2024-12-25")]),
    ("es", "Las ventas del Día de los Solteros batieron récords.", [("Día de los Solteros", "2024-11-11")]),
    ("es", "La feria abrió en la Navidad de 2023.", [("Navidad de 2023", "2023-12-25")]),
    ("es", "Cada Navidad la familia viaja.", []),
]


@pytest.mark.parametrize("lang,text,expected", FESTIVALS)
def test_timex_festivals(lang, text, expected):
    assert _pairs(text, lang, "2025-03-10") == expected


def test_timex_festival_table_covers_2015_2030():
    """Chinese New Year now comes from lunardate (issue 11): every year 2015-2030 in Jan/Feb."""
    from pipeline.dates.calendars import chinese_new_year
    table = {y: chinese_new_year(y) for y in range(2015, 2031)}
    assert all(d is not None and str(d).startswith(f"{y}-0") for y, d in table.items())
    assert table[2020].isoformat() == "2020-01-25" and table[2024].isoformat() == "2024-02-10"


# 3. abbreviated months; 3b. planned dates resolve forward

ABBREVIATED = [
    ("en", "The fair opened on Nov. 11 in Urumqi.", "2024-12-20", [("Nov. 11", "2024-11-11")]),
    ("en", "Sept. 3 marked the start of the harvest.", "2024-12-20", [("Sept. 3", "2024-09-03")]),
    ("en", "It was signed on Dec 18, 2021.", "2024-12-20", [("Dec 18, 2021", "2021-12-18")]),
    ("en", "The park opened on Dec. 18.", "2024-12-20", [("Dec. 18", "2024-12-18")]),
    ("en", "Registration closed Oct. 1, 2023.", "2024-12-20", [("Oct. 1, 2023", "2023-10-01")]),
    ("en", "The law took effect Feb. 29, 2024.", "2024-12-20", [("Feb. 29, 2024", "2024-02-29")]),
    ("es", "BEIJING, 12 jun (Xinhua) -- El comercio creció.", "2024-12-20", [("12 jun", "2024-06-12")]),
    ("es", "El 3 sept. se firmó el acuerdo.", "2024-12-20", [("3 sept.", "2024-09-03")]),
    ("es", "El 5 de oct. abrió el mercado.", "2024-12-20", [("5 de oct.", "2024-10-05")]),
    ("es", "Se publicó el 15 ago. 2023.", "2024-12-20", [("15 ago. 2023", "2023-08-15")]),
]


@pytest.mark.parametrize("lang,text,ref,expected", ABBREVIATED)
def test_timex_abbreviated_months(lang, text, ref, expected):
    assert _pairs(text, lang, ref) == expected


PLANNED = [
    # reference 2024-10-20: a planned month before October is next year's, a reported one this year's
    ("es", "La feria está prevista para septiembre.", [("septiembre", "2025-09")]),
    ("es", "La feria se celebró en septiembre.", [("septiembre", "2024-09")]),
    ("es", "La feria se celebrará en marzo en Urumqi.", [("marzo", "2025-03")]),
    ("es", "El mercado abrió en marzo.", [("marzo", "2024-03")]),
    ("en", "The fair will be held in March.", [("March", "2025-03")]),
    ("en", "The fair was held in March.", [("March", "2024-03")]),
    ("en", "The expo is scheduled for next March.", [("next March", "2025-03")]),
    ("en", "The bridge is expected to open on May 1.", [("May 1", "2025-05-01")]),
    ("zh", "展会将于3月举办。", [("3月", "2025-03")]),
    ("zh", "展会于3月举办。", [("3月", "2024-03")]),
    ("zh", "3月将举办第三届论坛。", [("3月", "2025-03")]),
    ("zh", "第二届电商大会将于明年3月在喀什举办。", [("明年3月", "2025-03")]),
    ("zh", "新园区计划于5月1日开园。", [("5月1日", "2025-05-01")]),
    ("zh", "5月28日开园的园区，今年年底将扩建。", [("5月28日", "2024-05-28"), ("今年年底", "2024-12")]),
]


@pytest.mark.parametrize("lang,text,expected", PLANNED)
def test_timex_planned_dates_resolve_forward(lang, text, expected):
    assert _pairs(text, lang, "2024-10-20") == expected


# 4. since / past N years / N years ago (reference 2023-06-01)

SINCE_AGO = [
    ("en", "Sales have doubled since 2020.", [("since 2020", "2020/2023")]),
    ("en", "Ever since 2019 the road has been open.", [("Ever since 2019", "2019/2023")]),
    ("en", "The firm has grown since May 2021.", [("since May 2021", "2021-05/2023-06")]),
    ("en", "In the past five years, output rose.", [("In the past five years", "2018/2023")]),
    ("en", "Over the last three years the village changed.", [("Over the last three years", "2020/2023")]),
    ("en", "Ten years ago, the village had no road.", [("Ten years ago", "2013")]),
    ("en", "A decade ago, few people shopped online.", [("A decade ago", "2013")]),
    ("en", "Two months ago, the shop moved.", [("Two months ago", "2023-04")]),
    ("es", "Desde 2021, la ciudad ha crecido.", [("Desde 2021", "2021/2023")]),
    ("es", "desde el año 2019 la empresa exporta", [("desde el año 2019", "2019/2023")]),
    ("es", "En los últimos cinco años, la producción aumentó.", [("En los últimos cinco años", "2018/2023")]),
    ("es", "Hace diez años, el pueblo no tenía carretera.", [("Hace diez años", "2013")]),
    ("es", "Hace una década, pocos compraban en línea.", [("Hace una década", "2013")]),
    ("es", "Las ventas crecieron de 2014 a 2023.", [("de 2014 a 2023", "2014/2023")]),
    ("zh", "2018年以来，全县电商快速发展。", [("2018年以来", "2018/2023")]),
    ("zh", "近五年，全县电商快速发展。", [("近五年", "2018/2023")]),
    ("zh", "过去三年，农民收入持续增长。", [("过去三年", "2020/2023")]),
    ("zh", "十年前，这里还是一片戈壁。", [("十年前", "2013")]),
    ("zh", "两年前，他开始直播带货。", [("两年前", "2021")]),
    ("zh", "3个月前，合作社搬到了新址。", [("3个月前", "2023-03")]),
    ("zh", "这项技术已有2000年前的雏形。", [("2000年", "2000")]),
]


@pytest.mark.parametrize("lang,text,expected", SINCE_AGO)
def test_timex_since_past_and_ago(lang, text, expected):
    assert _pairs(text, lang, "2023-06-01") == expected


@pytest.mark.parametrize("lang,text,kind", [
    ("en", "since 2020", "since"), ("es", "desde 2020", "since"), ("zh", "2020年以来", "since"),
    ("en", "in the past five years", "last_n"), ("zh", "近五年", "last_n"), ("es", "hace diez años", "ago"),
    ("zh", "十年前", "ago"), ("zh", "春节期间", "festival"), ("en", "May 16", ""),
])
def test_timex_kind_marks_vague_and_festival_expressions(lang, text, kind):
    (t,) = find_timexes(text, lang, "2023-06-01")
    assert t.kind == kind


def test_timex_since_a_later_year_is_just_the_year():
    assert _pairs("The plan runs since 2025.", "en", "2023-06-01") == [("since 2025", "2025")]


@pytest.mark.parametrize("lang,text,expected", [
    ("zh", "国庆，景区迎来客流高峰。", [("国庆", "2024-10")]),
    ("zh", "在国庆，游客大增。", [("国庆", "2024-10")]),
    ("zh", "王国庆，男，今年42岁。", [("今年", "2024")]),
    ("zh", "刘国庆带领村民种植红枣。", []),
    ("en", "The county exports Christmas trees to Europe.", []),
    ("es", "El pueblo vende árboles y adornos de Navidad.", []),
    ("en", "Sales have grown since last year.", [("since last year", "2023/2024")]),
    ("es", "Desde el año pasado, el pueblo creció.", [("Desde el año pasado", "2023/2024")]),
    ("zh", "去年以来，订单持续增长。", [("去年以来", "2023/2024")]),
])
def test_timex_festival_guards_and_since_last_year(lang, text, expected):
    assert _pairs(text, lang, "2024-10-20") == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("es", "Fecha: 12/06/2024 10:30", [("12/06/2024 10:30", "2024-06-12")]),
    ("es", "El 3.5.2024 se abrió el mercado.", [("3.5.2024", "2024-05-03")]),
    ("en", "Posted 06/12/2024", [("06/12/2024", "2024-06-12")]),
    ("en", "Posted 25/12/2024", [("25/12/2024", "2024-12-25")]),
    ("en", "The ratio was 1.5.", []),
    ("es", "Versión 2.10.2024b", []),
])
def test_timex_numeric_day_month_year(lang, text, expected):
    assert _pairs(text, lang) == expected


_NEW_FRAGMENTS = {
    "zh": ["去年", "底", "年初", "年中", "，", "春节", "前后", "国庆", "期间", "双十一", "将于", "3月", "十年前",
           "以来", "2018年", "岁末", "每年", "王", "。", "近五年"],
    "en": ["the end of", "last year", "late", "2023", "mid-", "Christmas", "Spring Festival", "since", "Nov.",
           "11", "will", "in", "March", "ten years ago", "every", ",", "during", "the"],
    "es": ["a finales de", "2023", "del año pasado", "Navidad", "desde", "hace diez años", "prevista para",
           "septiembre", "3", "sept.", "12", "jun", ",", "cada", "durante la", "Fiesta de la Primavera"],
}


@pytest.mark.parametrize("lang", ["zh", "en", "es"])
def test_timex_property_new_forms(lang):
    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(_NEW_FRAGMENTS[lang]), max_size=12),
           st.sampled_from([None, "2024", "2024-06", "2025-01-10", "2031-05-01"]))
    def check(parts, ref):
        text = "".join(p if lang == "zh" else p + " " for p in parts)
        found = find_timexes(text, lang, ref)
        for t in found:
            assert text[t.start:t.end] == t.text and t.text.strip() == t.text
            assert t.date == "" or _ISO.match(t.date), t.date
            assert t.granularity in ("day", "month", "quarter", "year", "period")
        assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    check()


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The plant opened in March last year.", [("March last year", "2023-03")]),
    ("en", "Exports began in May this year.", [("May this year", "2024-05")]),
    ("en", "The expo returns in August next year.", [("August next year", "2025-08")]),
    ("es", "La segunda edición está prevista para agosto del próximo año.", [("agosto del próximo año", "2025-08")]),
    ("es", "La planta abrió en marzo del año pasado.", [("marzo del año pasado", "2023-03")]),
    ("es", "Las exportaciones comenzaron en mayo de este año.", [("mayo de este año", "2024-05")]),
])
def test_timex_month_with_relative_year(lang, text, expected):
    assert _pairs(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("zh", "今年618大促期间，销售额增长。", [("今年618", "2024-06-18")]),
    ("zh", "618购物节当天，直播间火爆。", [("618", "2024-06-18")]),
    ("zh", "销售额达618万元。", []),
    ("zh", "去年618万元的订单", [("去年", "2023")]),
    ("zh", "元宵节当天，灯会开幕。", [("元宵节", "2024-02-24")]),
    ("en", "During the 618 shopping festival, sales rose.", [("During the 618 shopping festival", "2024-06-18")]),
    ("en", "The Lantern Festival fell on a Saturday.", [("Lantern Festival", "2024-02-24")]),
])
def test_timex_shopping_festivals_and_lantern(lang, text, expected):
    assert _pairs(text, lang, "2024-10-20") == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Orders doubled on Jan. 5.", [("Jan. 5", "2024-01-05")]),
    ("en", "The line opened Aug. 21, 2023, in Kashgar.", [("Aug. 21, 2023", "2023-08-21")]),
    ("en", "Voting ends on Sept. 30.", [("Sept. 30", "2024-09-30")]),
    ("en", "The store opened Apr 2.", [("Apr 2", "2024-04-02")]),
    ("en", "Applications close by Oct. 31.", [("Oct. 31", "2024-10-31")]),
    ("en", "The deal was signed Nov 11-12.", [("Nov 11-12", "2024-11-11/2024-11-12")]),
    ("es", "El 5 ene. llegó el primer envío.", [("5 ene.", "2024-01-05")]),
    ("es", "URUMQI, 21 ago (Xinhua) -- Las ventas crecieron.", [("21 ago", "2024-08-21")]),
    ("es", "La inscripción cierra el 30 sept.", [("30 sept.", "2024-09-30")]),
    ("es", "Abrió el 2 abr. 2023 en Kashgar.", [("2 abr. 2023", "2023-04-02")]),
    ("es", "El 1 dic comenzó la campaña.", [("1 dic", "2024-12-01")]),
    ("es", "Las ventas crecieron en septiembre.", [("septiembre", "2024-09")]),
    ("es", "El plan rige desde marzo hasta junio.", [("desde marzo hasta junio", "2024-03/2024-06")]),
])
def test_timex_abbreviated_months_more(lang, text, expected):
    assert _pairs(text, lang, "2024-11-20") == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("zh", "古尔邦节期间，巴扎人气旺。", [("古尔邦节期间", "2024-06")]),
    ("zh", "肉孜节前后，干果销量大增。", [("肉孜节前后", "2024-04")]),
    ("zh", "今年中秋节，月饼热销。", [("今年中秋节", "2024-09-17")]),
    ("zh", "去年端午，龙舟赛在湖上举行。", [("去年端午", "2023-06-22")]),
    ("zh", "2023年中秋，他回到家乡。", [("2023年中秋", "2023-09-29")]),
    ("en", "During the Corban Festival, markets were busy.", [("During the Corban Festival", "2024-06")]),
    ("en", "The Mid-Autumn Festival 2023 saw record sales.", [("Mid-Autumn Festival 2023", "2023-09-29")]),
    ("en", "Before Eid al-Fitr, dried fruit sold well.", [("Before Eid al-Fitr", "2024-04")]),
    ("es", "Durante la Fiesta del Cordero, los mercados se llenaron.",
     [("Durante la Fiesta del Cordero", "2024-06")]),
    ("es", "El Festival del Medio Otoño de 2022 batió récords.", [("Festival del Medio Otoño de 2022", "2022-09-10")]),
])
def test_timex_lunar_festivals(lang, text, expected):
    assert _pairs(text, lang, "2024-10-20") == expected


def test_timex_lunar_tables_well_formed():
    """Every festival spec of the three timex.yaml resolves to a date in every year 2015-2030."""
    from pipeline.dates.festivals import _festival_date
    from pipeline.resources import load
    fests = [v for lang in ("zh", "en", "es") for v in load(lang, "timex")["festivals"].values()]
    for spec in fests:
        for y in range(2015, 2031):
            r = _festival_date(str(spec), y, None)
            assert r is not None and r[0][:4] == str(y), (spec, y)


# ----------------------------------------------------------------------------- third pass (issue 5)
# reference Wednesday 2023-05-17: Monday 15, previous week 05-08/05-14, next week 05-22/05-28
WED = "2023-05-17"

DATE_FORMATS_3 = [
    ("en", "Updated 14:32, 18-Apr-2023", [("18-Apr-2023", "2023-04-18")]),
    ("en", "Posted 3-Jan-2022 by the desk", [("3-Jan-2022", "2022-01-03")]),
    ("en", "Last modified: 05/Sep/2021", [("05/Sep/2021", "2021-09-05")]),
    ("en", "Updated 09:10, 28-Feb-24", [("28-Feb-24", "2024-02-28")]),
    ("en", "Release 30-Feb-2023 is not a day.", []),
    ("en", "The cooperative opened its store on April 12, 2023.", [("April 12, 2023", "2023-04-12")]),
    ("en", "The platform went live in April 2023.", [("April 2023", "2023-04")]),
    ("en", "Apr. 12, 2023: the store opened.", [("Apr. 12, 2023", "2023-04-12")]),
    ("es", "Actualizado 18-abr-2023 10:15", [("18-abr-2023", "2023-04-18")]),
    ("es", "Publicado el 2-dic-2022", [("2-dic-2022", "2022-12-02")]),
    ("es", "Kasgar (China), 23 oct (EFE).- Una cooperativa vende granadas.", [("23 oct", "2023-10-23")]),
    ("es", "KUNMING, 15 may (Xinhua) -- La provincia abrió un centro.", [("15 may", "2023-05-15")]),
]


@pytest.mark.parametrize("lang,text,expected", DATE_FORMATS_3)
def test_timex_day_month_abbreviation_year(lang, text, expected):
    assert _pairs(text, lang, WED) == expected


WEEKDAYS_3 = [
    ("en", "The minister said Monday that exports rose.", [("Monday", "2023-05-15")]),
    ("en", "Officials announced on Tuesday a new plan.", [("on Tuesday", "2023-05-16")]),
    ("en", "The company said Wednesday it opened a store.", [("Wednesday", "2023-05-17")]),
    ("en", "The train left Urumqi last Friday.", [("last Friday", "2023-05-12")]),
    ("en", "The fair will open on Friday.", [("on Friday", "2023-05-19")]),
    ("en", "Talks resume next Monday in Kashgar.", [("next Monday", "2023-05-22")]),
    ("en", "Sunday's vote drew crowds.", [("Sunday", "2023-05-14")]),
    ("en", "The meeting ended Monday 15:30 with a deal.", [("Monday", "2023-05-15")]),
    ("en", "On Monday, May 15, the app launched.", [("May 15", "2023-05-15")]),
    ("en", "He was born on a Monday.", []),
    ("en", "The shops close on Mondays.", []),
    ("en", "Black Friday sales rose sharply.", []),
    ("en", "Every Sunday the bazaar opens.", []),
    ("en", "Farmers may sell more this season.", []),
    ("es", "El ministro dijo el lunes que las ventas crecieron.", [("el lunes", "2023-05-15")]),
    ("es", "La feria abrió el pasado martes.", [("el pasado martes", "2023-05-16")]),
    ("es", "El tren partió el jueves pasado hacia Almaty.", [("el jueves pasado", "2023-05-11")]),
    ("es", "La tienda abrirá el viernes.", [("el viernes", "2023-05-19")]),
    ("es", "La reunión será el próximo lunes.", [("el próximo lunes", "2023-05-22")]),
    ("es", "Este miércoles, el gobierno anunció un plan.", [("Este miércoles", "2023-05-17")]),
    ("es", "El mercado abre todos los lunes.", []),
    ("es", "Nació un lunes de invierno.", []),
    ("es", "El lunes 15 de mayo se firmó el acuerdo.", [("15 de mayo", "2023-05-15")]),
    ("zh", "公司周二宣布开通新航线。", [("周二", "2023-05-16")]),
    ("zh", "星期三，展会开幕。", [("星期三", "2023-05-17")]),
]


@pytest.mark.parametrize("lang,text,expected", WEEKDAYS_3)
def test_timex_weekdays_relative_to_document_day(lang, text, expected):
    assert _pairs(text, lang, WED) == expected


WEEKS_3 = [
    ("en", "The company signed the deal last week.", [("last week", "2023-05-08/2023-05-14")]),
    ("en", "The expo opens this week in Urumqi.", [("this week", "2023-05-15/2023-05-21")]),
    ("en", "The new line starts next week.", [("next week", "2023-05-22/2023-05-28")]),
    ("en", "Earlier this week, the county held a fair.", [("Earlier this week", "2023-05-15/2023-05-21")]),
    ("en", "The market is busy this weekend.", []),
    ("en", "Parcels leave every week.", []),
    ("es", "La empresa firmó el acuerdo la semana pasada.", [("la semana pasada", "2023-05-08/2023-05-14")]),
    ("es", "La feria se celebra esta semana en Kasgar.", [("esta semana", "2023-05-15/2023-05-21")]),
    ("es", "La línea abrirá la próxima semana.", [("la próxima semana", "2023-05-22/2023-05-28")]),
    ("es", "El tren llegará la semana que viene.", [("la semana que viene", "2023-05-22/2023-05-28")]),
    ("es", "Los camiones salen cada semana.", []),
    ("es", "El mercado abre el fin de semana.", []),
    ("zh", "上周，当地开通了首条货运专线。", [("上周", "2023-05-08/2023-05-14")]),
    ("zh", "本周，喀什举办了电商节。", [("本周", "2023-05-15/2023-05-21")]),
    ("zh", "这周村里开了三家网店。", [("这周", "2023-05-15/2023-05-21")]),
    ("zh", "下周，首趟班列将从喀什开行。", [("下周", "2023-05-22/2023-05-28")]),
    ("zh", "上个星期，合作社签约了新订单。", [("上个星期", "2023-05-08/2023-05-14")]),
    ("zh", "上周三，平台发布新规。", [("上周三", "2023-05-10")]),
    ("zh", "本周期内销售额增长。", []),
    ("zh", "这周边的村民都开了网店。", []),
    ("zh", "每周开展一次培训。", []),
]


@pytest.mark.parametrize("lang,text,expected", WEEKS_3)
def test_timex_weeks_are_iso_week_periods(lang, text, expected):
    assert _pairs(text, lang, WED) == expected


def test_timex_weeks_need_a_day_reference():
    (t,) = find_timexes("The company signed the deal last week.", "en", "2023-05")
    assert (t.text, t.date, t.granularity, t.relative) == ("last week", "", "period", True)
    assert find_timexes("The minister said Monday it opened.", "en", "2023")[0].date == ""


END_OF_YEAR_ES = [
    ("es", "La empresa prevé abrir una tienda a finales de 2025.", [("a finales de 2025", "2025")]),
    ("es", "Quiere exportar para finales de 2025.", [("finales de 2025", "2025")]),
    ("es", "La planta estará terminada a fin de año.", [("a fin de año", "2023")]),
    ("es", "El mercado abrirá antes de fin de año.", [("fin de año", "2023")]),
    ("es", "El puerto se amplió a fines de 2019.", [("a fines de 2019", "2019")]),
    ("es", "El parque cerró a finales del año pasado.", [("a finales del año pasado", "2022")]),
    ("es", "Se reunieron a fin de mejorar las ventas.", []),
    ("es", "A principios de 2016 el distrito cambió.", [("A principios de 2016", "2016-01")]),
    ("en", "He moved back to Hotan in late 2023.", [("late 2023", "2023-12")]),
]


@pytest.mark.parametrize("lang,text,expected", END_OF_YEAR_ES)
def test_timex_spanish_end_of_year_is_the_year(lang, text, expected):
    assert _pairs(text, lang, WED) == expected


@pytest.mark.parametrize("text,expected", [
    ("今年内将建成5个直播基地。", [("今年内", "2023")]),
    ("今年内，全县将新增10个服务站。", [("今年内", "2023")]),
    ("今年内容更丰富。", [("今年", "2023")]),
    ("今年开通了3条冷链专线。", [("今年", "2023")]),
    ("该公司去年成立。", [("去年", "2022")]),
])
def test_timex_this_year_within_zh(text, expected):
    assert _pairs(text, "zh", WED) == expected


MORE_RELATIVE_3 = [
    ("es", "La tienda abrió el pasado 15 de mayo.", [("15 de mayo", "2023-05-15")]),
    ("es", "Abrió el 15 de mayo pasado.", [("15 de mayo pasado", "2023-05-15")]),
    ("es", "Abrió el 20 de mayo pasado.", [("20 de mayo pasado", "2022-05-20")]),
    ("es", "Abrirá el 10 de mayo próximo.", [("10 de mayo próximo", "2024-05-10")]),
    ("es", "La tienda abrió el 3 de mayo.", [("3 de mayo", "2023-05-03")]),
    ("es", "El pasado día 15 se firmó el acuerdo.", [("El pasado día 15", "2023-05-15")]),
    ("es", "El día 20 abrió la feria.", [("El día 20", "2023-04-20")]),
    ("es", "El día 5 de mayo abrió la feria.", [("5 de mayo", "2023-05-05")]),
    ("es", "El miércoles 17 abrió la feria.", [("El miércoles 17", "2023-05-17")]),
    ("es", "El lunes 15, la tienda abrió.", [("El lunes 15", "2023-05-15")]),
    ("es", "El tren salió hace dos semanas.", [("hace dos semanas", "2023-05-01/2023-05-07")]),
    ("es", "Abrió hace una semana.", [("hace una semana", "2023-05-08/2023-05-14")]),
    ("es", "El lunes, mayor número de ventas.", [("El lunes", "2023-05-15")]),
    ("en", "On Monday the 15th, it opened.", [("On Monday the 15th", "2023-05-15")]),
    ("en", "The train left two weeks ago.", [("two weeks ago", "2023-05-01/2023-05-07")]),
    ("en", "It opened a week ago.", [("a week ago", "2023-05-08/2023-05-14")]),
    ("en", "The deal was struck Monday 15:30 local time.", [("Monday", "2023-05-15")]),
    ("zh", "两周前，平台上线。", [("两周前", "2023-05-01/2023-05-07")]),
    ("zh", "一个星期前，仓库投运。", [("一个星期前", "2023-05-08/2023-05-14")]),
    ("zh", "月初，平台上线。", [("月初", "2023-05")]),
    ("zh", "本月底，新园区将建成。", [("本月底", "2023-05")]),
    ("zh", "上月中旬，专线开通。", [("上月中旬", "2023-04")]),
    ("zh", "上个月底，合作社成立。", [("上个月底", "2023-04")]),
    ("zh", "每月初统一发货。", []),
    ("zh", "前不久，平台上线了新功能。", [("前不久", "2023-05")]),
    ("zh", "本月份销售平稳。", [("本月", "2023-05")]),
]


@pytest.mark.parametrize("lang,text,expected", MORE_RELATIVE_3)
def test_timex_more_relative_days_and_weeks(lang, text, expected):
    assert _pairs(text, lang, WED) == expected


# ----------------------------------------------------------------------------- issue 11: breadth
# reference Monday 2020-06-15 (the case tables in tests/specs/dates use the same)
R11 = "2020-06-15"

ISSUE_11 = [
    # numeric dates, every separator; day/month order by language
    ("en", "The contract was signed on 05/05/89 in Boston.", [("05/05/89", "1989-05-05")]),
    ("en", "Police said the attack happened on 13.5.2015.", [("13.5.2015", "2015-05-13")]),
    ("en", "Results were published on 12/25/2019.", [("12/25/2019", "2019-12-25")]),
    ("es", "La medida entra en vigor el 1/2/2020.", [("1/2/2020", "2020-02-01")]),
    ("es", "El sismo ocurrió el 3-9-19 por la mañana.", [("3-9-19", "2019-09-03")]),
    ("es", "Las ventas crecieron en 12-2015.", [("12-2015", "2015-12")]),
    ("zh", "截至2021.06，项目已完工。", [("2021.06", "2021-06")]),
    ("zh", "该文件落款为2010/01/29。", [("2010/01/29", "2010-01-29")]),
    # two-digit years
    ("zh", "08年，北京举办了奥运会。", [("08年", "2008")]),
    ("zh", "15年3月，该厂正式投产。", [("15年3月", "2015-03")]),
    ("en", "The class of '89 met again.", [("'89", "1989")]),
    ("es", "Llegó a Madrid en marzo del '99.", [("marzo del '99", "1999-03")]),
    # relative days, Traditional forms too
    ("zh", "後天將舉行開幕式。", [("後天", "2020-06-17")]),
    ("zh", "大后天公布结果。", [("大后天", "2020-06-18")]),
    ("zh", "三天前，大桥发生坍塌。", [("三天前", "2020-06-12")]),
    ("en", "The vote will take place the day after tomorrow.", [("the day after tomorrow", "2020-06-17")]),
    ("es", "El ministro dimitió anteayer.", [("anteayer", "2020-06-13")]),
    ("es", "La votación será pasado mañana.", [("pasado mañana", "2020-06-17")]),
    ("es", "Hace dos días se derrumbó el puente.", [("Hace dos días", "2020-06-13")]),
    # before / after / until / between: open or closed ISO intervals
    ("en", "Prices were stable before 2010.", [("before 2010", "/2009-12-31")]),
    ("en", "Output rose after Feb 2018.", [("after Feb 2018", "2018-03-01/")]),
    ("es", "La oferta es válida hasta marzo de 2021.", [("hasta marzo de 2021", "/2021-03-31")]),
    ("es", "Las importaciones se duplicaron entre 2010 y 2015.", [("entre 2010 y 2015", "2010/2015")]),
    ("zh", "2010年以前，价格一直稳定。", [("2010年以前", "/2009-12-31")]),
    ("zh", "自2016年起，该政策全面实施。", [("自2016年起", "2016/2020")]),
    # offsets from an anchor
    ("en", "The suspect fled 2 weeks before May 13 1999.", [("2 weeks before May 13 1999", "1999-04-29")]),
    ("en", "Growth slowed in the year before 2015.", [("the year before 2015", "2014")]),
    ("es", "Dos años después de 2008, la economía se recuperó.", [("Dos años después de 2008", "2010")]),
    ("zh", "1999年5月13日前两周，嫌犯逃离。", [("1999年5月13日前两周", "1999-04-29")]),
    # holidays: Easter computed (dateutil), lunar festivals (lunardate)
    ("en", "Stores will reopen next Easter.", [("next Easter", "2021-04-04")]),
    ("en", "Good Friday 2020 fell in lockdown.", [("Good Friday 2020", "2020-04-10")]),
    ("es", "El Viernes Santo de 2019 llovió.", [("Viernes Santo de 2019", "2019-04-19")]),
    ("es", "La Semana Santa de 2020 se vivió sin procesiones.", [("Semana Santa de 2020", "2020-04-05/2020-04-12")]),
    ("zh", "2019年中秋节，全家团聚。", [("2019年中秋节", "2019-09-13")]),
    ("zh", "2022年重阳节，老人登高。", [("2022年重阳节", "2022-10-04")]),
    # spelled-out years and days (text2num)
    ("en", "The company was founded on January first 2000.", [("January first 2000", "2000-01-01")]),
    ("en", "The target year is two thousand and thirty two.", [("two thousand and thirty two", "2032")]),
    ("en", "By nineteen ninety-eight the firm had grown.", [("nineteen ninety-eight", "1998")]),
    ("es", "El quince de agosto de dos mil diez se inauguró.", [("quince de agosto de dos mil diez", "2010-08-15")]),
    # month ranges and parts of the month
    ("es", "En el período enero-agosto las ventas crecieron.", [("enero-agosto", "2020-01/2020-08")]),
    ("es", "Entre abril y junio del año pasado subió el paro.", [("Entre abril y junio del año pasado", "2019-04/2019-06")]),
    ("en", "Exports rose in January-May.", [("January-May", "2020-01/2020-05")]),
    ("zh", "1-5月，全市工业增加值增长5%。", [("1-5月", "2020-01/2020-05")]),
    ("es", "Los pagos se hacen a inicio de mes.", [("inicio de mes", "2020-06")]),
    ("en", "At the beginning of the month, prices rose.", [("the beginning of the month", "2020-06")]),
]


@pytest.mark.parametrize("lang,text,expected", ISSUE_11)
def test_issue_11_date_forms(lang, text, expected):
    assert [(t.text, t.value) for t in find_timexes(text, lang, R11)] == expected


@pytest.mark.parametrize("lang,text", [
    ("en", "The meeting starts at 10:30 and ends at 12:15."),
    ("en", "Update to version 2.1.3 before installing."),
    ("en", "Call 555-1234 or 800-555-0199 for details."),
    ("en", "The ratio was 3/4 of the total, 1.2.10 was the release."),
    ("es", "El marcador final fue 21-19 y el Barcelona ganó 2-0."),
    ("es", "Llame al 91 555 12 34 para más información."),
    ("zh", "咨询电话：010-12345678。"),
    ("zh", "他在这里工作了12年，该县有300年历史。"),
    ("zh", "5G基站数量达到2000个，比分为21-19。"),
])
def test_issue_11_not_dates(lang, text):
    assert find_timexes(text, lang, R11) == []


def test_issue_11_ambiguous_numeric_date_keeps_the_other_reading():
    """01/02/2020 in English: month first by convention, the day-first reading kept."""
    (t,) = find_timexes("It was filed on 01/02/2020.", "en", R11)
    assert (t.value, t.alternatives) == ("2020-01-02", ("2020-02-01",))
    (t,) = find_timexes("It was filed on 01/02/2020.", "en", R11, day_first=True)
    assert (t.value, t.alternatives) == ("2020-02-01", ())
    (t,) = find_timexes("Se presentó el 01/02/2020.", "es", R11)
    assert t.value == "2020-02-01"


def test_issue_11_document_order_of_numeric_dates():
    from pipeline.dates.numeric import day_first_in
    assert day_first_in("Filed 25/12/2019, amended 01/02/2020.") is True
    assert day_first_in("Filed 12/25/2019, amended 01/02/2020.") is False
    assert day_first_in("Filed 12/25/2019 and 25/12/2019.") is None


def test_issue_11_public_api_parse_and_frozen_results():
    import dataclasses

    from pipeline import dates
    t = dates.parse("pasado mañana", "es", reference_date=R11)
    assert (t.start, t.end, t.value, t.granularity, t.relative) == (0, 13, "2020-06-17", "day", True)
    assert dates.parse("no date here", "en") is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.value = "x"


def test_issue_11_anchors_give_back_the_written_date():
    from pipeline import dates
    found = dates.find("Prices were stable before 2010 and after May 2012.", "en", R11)
    assert [t.value for t in found] == ["/2009-12-31", "2012-06-01/"]
    assert [(t.text, t.value) for t in dates.anchors(found)] == [("2010", "2010"), ("May 2012", "2012-05")]


@pytest.mark.parametrize("year,name,day", [
    (2020, "cny", "2020-01-25"), (2021, "cny", "2021-02-12"), (2021, "dragon_boat", "2021-06-14"),
    (2020, "mid_autumn", "2020-10-01"), (2019, "lantern", "2019-02-19")])
def test_issue_11_lunar_calendar_from_lunardate(year, name, day):
    from pipeline.dates.calendars import lunar
    assert lunar(year, name).isoformat() == day


def test_issue_11_easter_and_islamic_feasts_from_libraries():
    from pipeline.dates.calendars import easter, islamic, public_holiday
    assert easter(2021).isoformat() == "2021-04-04" and easter(2020, -2).isoformat() == "2020-04-10"
    assert islamic(2020, "eid_adha").isoformat() == "2020-07-31"
    assert public_holiday("US", "Thanksgiving Day", 2019).isoformat() == "2019-11-28"


def test_issue_11_shadow_keeps_raw_offsets():
    text = "En el '89 y el quince de agosto de dos mil diez; 08年"
    for lang in ("es", "zh"):
        for t in find_timexes(text, lang, R11):
            assert text[t.start:t.end] == t.text
