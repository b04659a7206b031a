"""Temporal expressions: pipeline.extract.timex (find, then resolve; zh / en / es)."""
from __future__ import annotations

import pytest

from pipeline.extract.timex import Timex, find_timexes, parse_reference, resolve_partial_year

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
    ("zh", "2016年初，县里启动了新项目。", [("2016年初", "2016")]),
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
    ("en", "By mid-2022 the line was complete.", [("mid-2022", "2022")]),
    ("en", "In late 2019, the company moved.", [("late 2019", "2019")]),
    ("en", "The law took effect on Jan. 1, 2021.", [("Jan. 1, 2021", "2021-01-01")]),
    # es
    ("es", "El parque se inauguró el 28 de mayo de 2024.", [("28 de mayo de 2024", "2024-05-28")]),
    ("es", "La cooperativa se fundó en 2015.", [("2015", "2015")]),
    ("es", "Llegó a Kashgar en marzo de 2019.", [("marzo de 2019", "2019-03")]),
    ("es", "Las ventas crecieron de 2014 a 2023.", [("de 2014 a 2023", "2014/2023")]),
    ("es", "A principios de 2016 el distrito cambió.", [("A principios de 2016", "2016")]),
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
    ("zh", "去年底，项目竣工。", REF, [("去年底", "2023")]),
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
_ISO = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4])?)(?:/\d{4}(?:-\d{2}(?:-\d{2})?)?)?$")


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
    ("2020年年底，项目竣工。", [("2020年年底", "2020")]),
    ("年底前，新园区将建成。", [("年底", "2024")]),
    ("每年年底评比一次", []),
    ("今年年初，基地挂牌。", [("今年年初", "2024")]),
    ("2016年初步统计", [("2016年", "2016")]),
])
def test_timex_year_parts_zh(text, expected):
    assert _pairs(text, "zh") == expected
