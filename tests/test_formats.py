"""File formats (pipeline/ingest/formats.py): each built in the test from a seed article, run
through `factmine run`, provenance checked against the file the facts point into."""
from __future__ import annotations

import html
import io
from pathlib import Path

import pandas as pd
import pytest

from pipeline.ingest import ingest_file, ingest_text
from pipeline.ingest.formats import format_of, markdown_markup
from pipeline.run import run

from .conftest import CORPUS, read_raw

EN_SEED = CORPUS / "002_811667954f068af1.txt"      # English, chinadaily
ZH_SEED = CORPUS / "004_f7175b00e1a29747.txt"      # Chinese, with a byline


def _paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in read_raw(path).split("\n") if p.strip()]


def _check_provenance(facts: pd.DataFrame, source_text: str) -> None:
    assert len(facts) > 0
    for row in facts.itertuples():
        assert source_text[row.start:row.end] == row.text


def _run_one(tmp_path: Path, name: str, data: bytes) -> tuple[pd.DataFrame, Path]:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / name).write_bytes(data)
    report = run(corpus, out)
    assert not report.skipped, report.skipped
    return report.facts, out


def test_formats_html_main_text_metadata_and_no_script(tmp_path):
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in _paragraphs(EN_SEED)[4:])
    page = f"""<!doctype html><html><head><title>Xinjiang looks to expand digital economy</title>
<meta name="author" content="Mao Weihua"><meta property="article:published_time" content="2020-06-02">
<link rel="canonical" href="https://example.org/xinjiang-digital"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | Sales up 99 percent in ads</nav>
<article><h1>Xinjiang looks to expand digital economy</h1>{body}
<script>var tracking = "revenue rose 77 percent to 88 billion yuan";</script></article>
<footer>Copyright 1995-2020. All rights reserved.</footer></body></html>"""
    facts, out = _run_one(tmp_path, "story.html", page.encode("utf-8"))
    saved = (out / "text" / "story.html.txt").read_text(encoding="utf-8")
    _check_provenance(facts, saved)
    assert set(facts["doc_id"]) == {"story.html"}
    assert "tracking" not in saved and "88 billion" not in saved and "<p>" not in saved
    assert "10 percent" in set(facts["text"])
    assert set(facts["doc_date"]) == {"2020-06-02"} and set(facts["doc_date_source"]) == {"html metadata"}
    doc = ingest_file(tmp_path / "corpus" / "story.html")
    assert doc.meta.title == "Xinjiang looks to expand digital economy"
    assert doc.meta.byline == "Mao Weihua" and doc.meta.url == "https://example.org/xinjiang-digital"


def test_formats_html_catalog_date_wins(tmp_path):
    body = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(EN_SEED)[4:])
    page = (f'<html><head><meta property="article:published_time" content="2020-06-02"></head>'
            f"<body><article>{body}</article></body></html>")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.htm").write_text(page, encoding="utf-8")
    (corpus / "catalog.csv").write_text("file,date\na.htm,2021-01-01\n", encoding="utf-8")
    facts = run(corpus, None).facts
    assert set(facts["doc_date"]) == {"2021-01-01"} and set(facts["doc_date_source"]) == {"catalog"}


def test_formats_docx_from_chinese_seed(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for p in _paragraphs(ZH_SEED):
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    facts, out = _run_one(tmp_path, "a.docx", buf.getvalue())
    _check_provenance(facts, (out / "text" / "a.docx.txt").read_text(encoding="utf-8"))
    assert {"zh"} <= set(facts["lang"]) and (facts["kind"] == "figure").sum() >= 10


def test_formats_pdf_text_layer_from_english_seed(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for p in _paragraphs(EN_SEED)[4:]:
        text = p.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').replace("\u2014", "-")
        pdf.multi_cell(0, 6, text.encode("latin-1", "replace").decode("latin-1"))
        pdf.ln(3)
    facts, out = _run_one(tmp_path, "a.pdf", bytes(pdf.output()))
    _check_provenance(facts, (out / "text" / "a.pdf.txt").read_text(encoding="utf-8"))
    assert "10 percent" in set(facts["text"])


def test_formats_scanned_pdf_is_reported_not_mined(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 150, style="F")          # a page that is only a picture
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "scan.pdf").write_bytes(bytes(pdf.output()))
    (corpus / "a.txt").write_text("Sales in Aksu rose 13 percent to 5 billion yuan last year.\n", encoding="utf-8")
    report = run(corpus, None)
    assert any("scan.pdf: scanned PDF without a text layer" in r for _, r in report.skipped)
    assert set(report.facts["doc_id"]) == {"a.txt"}


def test_formats_rtf(tmp_path):
    paras = [p.replace("\\", "").replace("{", "(").replace("}", ")") for p in _paragraphs(EN_SEED)[5:9]]
    body = "".join("".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in p) + "\\par\n" for p in paras)
    facts, out = _run_one(tmp_path, "a.rtf", ("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\n" + body + "}").encode())
    _check_provenance(facts, (out / "text" / "a.rtf.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang,seed", [("en", EN_SEED), ("zh", ZH_SEED)])
def test_formats_markdown_markup_out_of_analysis_text_raw_provenance_kept(tmp_path, lang, seed):
    paras = _paragraphs(seed)
    md = (f"# {paras[0]}\n\n> **Note:** see [the source](https://example.org/a_b?x=1 \"title\").\n\n"
          + "\n\n".join(f"- *{p}*" if i % 3 == 0 else f"**{p[:k]}**{p[k:]}"
                          for i, p in enumerate(paras[1:]) for k in [p.find(" ") if " " in p[1:12] else 4])
          + "\n\n---\n\n```\ncode 12345\n```\n")
    facts, _ = _run_one(tmp_path, "a.md", md.encode("utf-8"))
    _check_provenance(facts, md)
    doc = ingest_text(md, "a.md", markdown=True)
    for junk in ("**", "](", "https://example.org", "# ", "```"):
        assert junk not in doc.text
    for col in ("metric", "canonical", "description"):   # text is raw: markup inside a span stays
        assert not facts[col].dropna().str.contains(r"\*|\]\(|^#", regex=True).any()


def test_formats_markdown_spans_never_cross_a_line():
    raw = "**bold\nnot closed** and `code\nline` [x](y\nz)"
    for s, e in markdown_markup(raw):
        assert "\n" not in raw[s:e]


@pytest.mark.parametrize("name,fmt", [("a.TXT", "text"), ("b.md", "markdown"), ("c.HTM", "html"),
                                      ("d.docx", "docx"), ("e.pdf", "pdf"), ("f.rtf", "rtf"),
                                      ("g.xlsx", None), ("h.odt", None), ("README", None)])
def test_formats_dispatch_by_suffix(name, fmt):
    assert format_of(name) == fmt


def test_issue_8_web_page_saved_as_txt_is_read_as_html(tmp_path):
    body = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(EN_SEED)[4:])
    page = f"<!DOCTYPE html><html><body><article>{body}</article><script>x = '66 percent'</script></body></html>"
    facts, out = _run_one(tmp_path, "saved.txt", page.encode("utf-8"))
    saved = (out / "text" / "saved.txt.txt").read_text(encoding="utf-8")
    _check_provenance(facts, saved)
    assert "<p>" not in saved and not facts["context"].str.contains("<p>|66 percent", regex=True).any()


@pytest.mark.parametrize("text", [
    "x " + "`" * 20000, "*" * 20000, "[" * 20000, "**a " * 5000, "_" * 20000, "<a " * 5000,
    "\\" * 20000, "|" * 20000, "[a](b " * 5000, "#" * 20000, "*a" * 10000, "> " * 10000,
])
def test_issue_8_markdown_markup_scan_stays_linear_on_hostile_input(text):
    doc = ingest_text(text + "\nSales rose 13 percent last year.", "x.md", markdown=True)
    assert doc.raw.endswith("Sales rose 13 percent last year.")
