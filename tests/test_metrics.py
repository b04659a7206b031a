"""consolidate/metrics.py and the metric trimming in extractors/figures/context.py."""
from __future__ import annotations

import pytest

from pipeline import extract
from pipeline.consolidate.metrics import metric_key
from pipeline.extractors.figures.context import trim_metric


def _figure(text: str, lang: str, figure: str) -> dict:
    rows = extract(text, lang=lang, reference_date="2024-06-01", kinds=["figure", "entity"])
    hit = [r for r in rows if r["kind"] == "figure" and r["text"] == figure]
    assert hit, f"{figure!r} not extracted from {text!r}"
    return hit[0]


@pytest.mark.parametrize("lang,metric,label,unit,key", [
    ("zh", "新疆网上零售额", "money", "CNY", "online_retail_sales"),
    ("en", "Xinjiang's online retail sales", "money", "CNY", "online_retail_sales"),
    ("es", "Las ventas en línea de Hami", "money", "CNY", "online_retail_sales"),
    ("zh", "全市农产品网络零售额", "money", "CNY", "agricultural_online_sales"),
    ("en", "online sales of agricultural products", "money", "CNY", "agricultural_online_sales"),
    ("es", "ventas en línea de productos agrícolas", "money", "CNY", "agricultural_online_sales"),
    ("zh", "农产品销售额增长", "percent", "%", "agricultural_sales"),
    ("en", "growth of farm products' sales", "percent", "%", "agricultural_sales"),
    ("zh", "游客", "count", "person-times", "visitors"),
    ("zh", "直播零售额", "money", "CNY", "livestream_sales"),
    ("zh", "电商活跃用户", "count", "users", None),            # 用户 is not 户 (households)
    ("zh", "种植面积", "other", "mu", "area"),
    ("en", "", "other", "hectares", "area"),                   # by unit alone
    ("en", "age", "age", "year", "age"),
    ("en", "types", "count", "types", None),                   # nothing applies: empty
    ("es", "exportaciones", "money", "EUR", "exports"),
])
def test_metrics_key(lang, metric, label, unit, key):
    assert metric_key(metric, label, unit, lang) == key


@pytest.mark.parametrize("lang,text,figure,direction", [
    ("zh", "2024年，新疆网上零售额达723.3亿元，同比增长13.62%。", "13.62%", "up"),
    ("zh", "2024年，新疆网上零售额达723.3亿元，同比增长13.62%。", "723.3亿元", None),
    ("zh", "2023年，网络零售额下降5.2%。", "5.2%", "down"),
    ("zh", "网络零售额从2014年的4亿元增加到2023年的34.24亿元，增长7.6倍。", "34.24亿元", None),
    ("zh", "网络零售额从2014年的4亿元增加到2023年的34.24亿元，增长7.6倍。", "7.6倍", "up"),
    ("zh", "2023年，吐鲁番葡萄干线上销售额占全市葡萄干销售总额的38.5%。", "38.5%", None),
    ("en", "Last year, Xinjiang's online retail sales hit 72.33 billion yuan, up 13.62 percent.",
     "13.62 percent", "up"),
    ("en", "In 2023, Kashgar's online retail sales fell 3.2 percent.", "3.2 percent", "down"),
    ("en", "In 2023, exports rose to 3 billion yuan.", "3 billion yuan", None),
    ("en", "In 2023 the county had 1,200 farmers, 83 percent of whom sell online.", "83 percent", None),
    ("es", "Las ventas en línea de Hami alcanzaron 1.250 millones de yuanes en 2023, un aumento "
           "interanual del 6,5 por ciento.", "6,5 por ciento", "up"),
    ("es", "En 2023, las exportaciones de Gansu cayeron un 4 por ciento.", "4 por ciento", "down"),
])
def test_metrics_direction(lang, text, figure, direction):
    assert _figure(text, lang, figure)["direction"] == direction


def test_metrics_growth_inherits_the_key_of_its_level():
    f = _figure("Las ventas en línea de Hami alcanzaron 1.250 millones de yuanes en 2023, un aumento "
                "interanual del 6,5 por ciento.", "es", "6,5 por ciento")
    assert f["metric_key"] == "online_retail_sales"


@pytest.mark.parametrize("lang,phrase,trimmed", [
    ("zh", "直接带动就业人数", "就业人数"),
    ("zh", "年销售额从原来", "年销售额"),
    ("zh", "全地区拥有电商活跃用户", "电商活跃用户"),
    ("en", "has seen her online orders", "online orders"),
    ("en", "brand Hulun Pasture said its livestream revenue", "livestream revenue"),
    ("en", "Cold-chain costs on remote pastures are still", "Cold-chain costs on remote pastures"),
    ("es", "sus ventas en línea superaron", "ventas en línea"),
    ("es", "minoristas en línea de la prefectura crecieron", "minoristas en línea de la prefectura"),
])
def test_metrics_trim_to_the_measured_noun_phrase(lang, phrase, trimmed):
    assert trim_metric(phrase, lang) == trimmed
