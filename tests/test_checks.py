"""consolidate/checks.py: each check with a consistent and an inconsistent example."""
from __future__ import annotations

import csv
import json
import shutil

import pytest

from pipeline.consolidate import build_checks, build_table
from pipeline.consolidate.checks import fx_rates
from pipeline.extractors import extract_all
from pipeline.ingest import ingest_text
from pipeline.run import run
from pipeline.types import Mention

from .conftest import CORPUS


def _flags(*docs: tuple[str, str, str]) -> list[str]:
    mentions = []
    for doc_id, lang, text in docs:
        mentions += extract_all(ingest_text(text, doc_id, lang=lang, reference_date="2024-06-01"))
    df = build_table(mentions)
    return [f.split(":")[0] for cell in df["flags"].dropna() for f in cell.split(" | ")]


@pytest.mark.parametrize("docs,flagged", [
    ([("a.txt", "en", "In 2023, Xinjiang's online retail sales reached 64.09 billion yuan."),
      ("b.txt", "zh", "2023年，新疆网上零售额达640.9亿元。")], False),
    ([("a.txt", "en", "In 2023, Xinjiang's online retail sales reached 64.09 billion yuan."),
      ("b.txt", "en", "In 2023, Xinjiang's online retail sales reached 65.2 billion yuan.")], True),
])
def test_checks_disagreement(docs, flagged):
    assert ("disagreement" in _flags(*docs)) == flagged


@pytest.mark.parametrize("lang,text,flagged", [
    ("zh", "阿克苏市网络零售额从2014年的4亿元增加到2023年的34.24亿元，增长7.6倍。", False),
    ("zh", "阿克苏市网络零售额从2014年的4亿元增加到2023年的34.24亿元，增长12.6倍。", True),
    ("en", "Aksu's online sales grew from 2.0 billion yuan in 2020 to 3.0 billion yuan in 2023, up 50 percent.", False),
    ("en", "Aksu's online sales grew from 2.0 billion yuan in 2020 to 3.0 billion yuan in 2023, up 80 percent.", True),
])
def test_checks_growth_against_its_endpoints(lang, text, flagged):
    assert ("growth_mismatch" in _flags(("a.txt", lang, text))) == flagged


@pytest.mark.parametrize("lang,text,flagged", [
    ("zh", "2024年，新疆网上零售额达723.3亿元（约合101.7亿美元）。", False),
    ("zh", "2024年，新疆网上零售额达723.3亿元（约合51.7亿美元）。", True),
    ("en", "In 2024, Xinjiang's online retail sales hit 72.33 billion yuan ($10.17 billion).", False),
    ("en", "In 2024, Xinjiang's online retail sales hit 72.33 billion yuan ($14.17 billion).", True),
])
def test_checks_conversion_rate_for_its_year(lang, text, flagged):
    assert ("implausible_rate" in _flags(("a.txt", lang, text))) == flagged


@pytest.mark.parametrize("lang,text", [      # a zero or a loss in a conversion implies no rate (was ZeroDivisionError)
    ("en", "In 2024, the cooperative's losses were 0 yuan ($0) after the harvest."),
    ("en", "In 2024, the firm's profit was -5 million yuan (-$0.7 million)."),
    ("zh", "2024年，合作社亏损0元（约合0美元）。"),
])
def test_issue_9_conversion_of_zero_or_a_loss_is_not_checked_and_does_not_crash(lang, text):
    assert "implausible_rate" not in _flags(("a.txt", lang, text))


def test_checks_fx_table_is_the_ecb_yearly_average():
    rates = fx_rates()
    assert rates[(2023, "CNY")] / rates[(2023, "USD")] == pytest.approx(7.08, abs=0.02)


@pytest.mark.parametrize("lang,text,flagged", [
    ("zh", "2023年，吐鲁番葡萄干线上销售额占全市葡萄干销售总额的38.5%。", False),
    ("zh", "2023年，吐鲁番葡萄干线上销售额占全市葡萄干销售总额的138.5%。", True),
    ("en", "In 2023, online sales in Turpan accounted for 40 percent of total sales.", False),
    ("en", "In 2023, online sales in Turpan accounted for 140 percent of total sales.", True),
    ("en", "In 2023, Turpan's online sales rose 140 percent.", False),            # a growth, not a share
])
def test_checks_share_above_100(lang, text, flagged):
    assert ("share_over_100" in _flags(("a.txt", lang, text))) == flagged


@pytest.mark.parametrize("value,flagged", [(25000.0, False), (2.5, True)])
def test_checks_fractional_count(value, flagged):
    m = Mention(doc_id="a.txt", kind="figure", start=0, end=3, text="2.5万人", lang="zh", label="count",
                value=value, unit="people", context="2.5万人")
    df = build_table([m])
    assert (df["flags"].notna().any() and "fractional_count" in df["flags"].iloc[0]) == flagged


def test_issue_9_changed_copy_raises_a_disagreement_naming_both(tmp_path):
    """A copy of the parallel article with one figure changed by 7 % is flagged, naming both fact_ids."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = next(CORPUS.glob("000_*.txt"))
    shutil.copy(source, corpus / source.name)
    text = source.read_text(encoding="utf-8")
    assert "72.33 billion yuan" in text
    changed = text.replace("72.33 billion yuan", f"{72.33 * 1.07:.2f} billion yuan", 1)     # 77.39
    (corpus / "copy.txt").write_text(changed, encoding="utf-8")
    out = tmp_path / "out"
    report = run(corpus, out, use_cache=False)
    facts = report.facts
    original = facts[(facts["doc_id"] == source.name) & (facts["text"] == "72.33 billion yuan")]["fact_id"].iloc[0]
    edited = facts[(facts["doc_id"] == "copy.txt") & (facts["text"] == "77.39 billion yuan")]["fact_id"].iloc[0]
    with (out / "checks.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["check"] == "disagreement"]
    assert len(rows) == 1
    ids = json.loads(rows[0]["fact_ids"])
    assert original in ids and edited in ids
    assert "77.39 billion yuan" in rows[0]["reason"] and "72.33 billion yuan" in rows[0]["reason"]
    assert (out / "statements.parquet").is_file() and (out / "statements.csv").is_file()


def test_issue_9_seed_corpus_raises_no_flag(seed_run):
    report, out = seed_run
    assert report.facts["flags"].isna().all()
    assert build_checks(report.facts).empty
    with (out / "checks.csv").open(encoding="utf-8") as fh:
        assert list(csv.DictReader(fh)) == []


def test_issue_9_parallel_article_statements_span_both_languages(seed_run):
    _, out = seed_run
    import pandas as pd
    st = pd.read_parquet(out / "statements.parquet")
    both = st[st["doc_ids"].map(lambda d: list(d) == [next(CORPUS.glob("000_*.txt")).name])
              & st["langs"].map(lambda l: sorted(l) == ["en", "zh"])]
    assert {"online_retail_sales", "rural_online_sales", "agricultural_sales"} <= set(both["metric_key"])
    assert both["agree"].all()


def test_issue_9_provenance_reaches_every_row(seed_corpus, tmp_path):
    (seed_corpus / "catalog.csv").write_text(
        "file,title,publisher,url,date\n000_0c1849d751c1ada4.txt,Digital wings,China Daily,https://example.org/a,2025-09-28\n",
        encoding="utf-8")
    report = run(seed_corpus, None, kinds=["figure"])
    rows = report.facts[report.facts["doc_id"] == "000_0c1849d751c1ada4.txt"]
    assert (rows["source_title"] == "Digital wings").all() and (rows["publisher"] == "China Daily").all()
    assert (rows["source_url"] == "https://example.org/a").all()
    others = report.facts[report.facts["doc_id"] == "001_30bdd61343b5a7ce.txt"]
    assert others["source_title"].notna().all()            # from the article's header


def test_checks_growth_of_another_metric_is_not_compared():
    text = "近5年来，全县电商企业从30家发展到120家，小白杏线上销量翻了一番。"
    assert "growth_mismatch" not in _flags(("a.txt", "zh", text))
