"""pipeline/review/web/source.py: the document text the offsets index, and marks at exact offsets."""
from __future__ import annotations

import re
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.review.web.source import (DocumentUnavailable, Span, load_source, mark_text, misplaced, snippet,
                                        source_path)


def href(fid: str) -> str:
    return f"/fact/{fid}"


@pytest.mark.parametrize("text, surface, nth", [
    ("Kashgar farmers sell dates, and Kashgar sellers ship them.", "Kashgar", 1),
    ("\U0001F600\U0001F347 Kashgar farmers sell dates, and Kashgar sellers ship them.", "Kashgar", 1),
    ("喀什农民卖红枣，喀什商家发货。😀", "喀什", 1),
    ("去年𠮷野家在喀什开店，喀什的销售额达723.3亿元。", "喀什", 1),
    ("En Kashgar, los agricultores de Kashgar venden dátiles.", "Kashgar", 1),
])
def test_review_web_source_marks_the_given_occurrence(text, surface, nth):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    end = start + len(surface)
    html = str(mark_text(text, [], href, Span(start, end, "f1")))
    before, rest = html.split('<mark id="current" class="current" data-fact="f1">', 1)
    inside, after = rest.split("</mark>", 1)
    assert before == text[:start] and inside == surface and after == text[end:]
    marked = str(snippet(text, start, end))
    assert f"<mark>{surface}</mark>" in marked
    assert marked.split("<mark>")[0].endswith(text[max(0, start - 10):start])


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&lt;already&gt; & 'quotes'",
])
def test_review_web_source_escapes_text_inside_and_outside_marks(hostile):
    text = f"A {hostile} B {hostile} C"
    start = text.index(hostile, 3)
    html = str(mark_text(text, [Span(0, 1, "f0", "entity")], href, Span(start, start + len(hostile), "f1")))
    assert "<script" not in html and "<img" not in html
    assert unescape(re.sub(r"<[^>]*>", "", html)) == text          # the text, exactly, as text
    assert "<script" not in str(snippet(text, start, start + len(hostile)))


def test_review_web_source_overlapping_facts_link_the_shortest():
    text = "Kashgar Prefecture sales rose."
    spans = [Span(0, 18, "long", "entity"), Span(0, 7, "short", "entity")]
    html = str(mark_text(text, spans, href))
    assert '<a class="m entity" href="/fact/short" data-facts="long short">Kashgar</a>' in html
    assert '<a class="m entity" href="/fact/long" data-facts="long"> Prefecture</a>' in html


def test_review_web_source_other_facts_inside_the_current_one_stay_inside_its_mark():
    text = "sales of Aksu apples rose"
    html = str(mark_text(text, [Span(9, 13, "aksu", "entity")], href, Span(9, 20, "cur")))
    assert '<mark id="current" class="current" data-fact="cur"><a class="m entity" href="/fact/aksu" ' \
           'data-facts="aksu">Aksu</a> apples</mark>' in html


@pytest.mark.parametrize("start, end, expected, result", [
    (4, 11, "Kashgar", False), (4, 11, "Kashgat", True), (4, 99, "Kashgar", True), (-1, 3, "abc", True),
])
def test_review_web_source_misplaced(start, end, expected, result):
    assert misplaced("The Kashgar bazaar", start, end, expected) is result


@pytest.mark.parametrize("doc_id", ["../secret.txt", "a/../../secret.txt", "/etc/passwd", "", "a\x00b"])
def test_review_web_source_refuses_paths_out_of_the_corpus(tmp_path, doc_id):
    corpus, out = tmp_path / "corpus", tmp_path / "outputs"
    corpus.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    with pytest.raises(DocumentUnavailable):
        source_path(corpus, out, doc_id)


def test_review_web_source_refuses_a_symlink_out_of_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (corpus / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(DocumentUnavailable, match="outside the corpus"):
        source_path(corpus, tmp_path / "outputs", "link.txt")


@pytest.mark.parametrize("data, expected", [
    ("Kashgar 😀".encode("utf-8"), "Kashgar 😀"),
    (b"\xef\xbb\xbfKashgar\r\n", "Kashgar\r\n"),                         # BOM removed, CRLF kept
    ("喀什的红枣销往全国各地。".encode("gb18030"), "喀什的红枣销往全国各地。"),
    ("\ufeffKashgar".encode("utf-16-le"), "Kashgar"),
])
def test_review_web_source_decodes_with_the_pipeline_decoder(tmp_path, data, expected):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(data)
    source = load_source(corpus, tmp_path / "outputs", "a.txt")
    assert source.text == expected and source.origin == "corpus"


def test_review_web_source_prefers_text_extracted_at_ingest(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "outputs"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.html").write_text("<p>Kashgar</p>", encoding="utf-8")
    assert load_source(corpus, out, "sub/a.html").text == "<p>Kashgar</p>"
    (out / "text" / "sub").mkdir(parents=True)
    (out / "text" / "sub" / "a.html.txt").write_text("Kashgar\n", encoding="utf-8")
    source = load_source(corpus, out, "sub/a.html")
    assert source.text == "Kashgar\n" and source.origin == "extracted"


def test_review_web_source_rereads_a_file_that_changed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("one", encoding="utf-8")
    assert load_source(corpus, tmp_path, "a.txt").text == "one"
    (corpus / "a.txt").write_text("two, longer", encoding="utf-8")
    assert load_source(corpus, tmp_path, "a.txt").text == "two, longer"


def test_review_web_source_missing_file_is_unavailable(tmp_path):
    (tmp_path / "corpus").mkdir()
    with pytest.raises(DocumentUnavailable, match="no such file"):
        load_source(tmp_path / "corpus", tmp_path / "outputs", "gone.txt")


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_review_web_source_marks_keep_the_text_and_the_offsets(data):
    """Any text (astral characters, markup), any spans: the page's text is the text, and the current
    mark holds exactly text[start:end]."""
    text = data.draw(st.text(alphabet=st.sampled_from(["a", " ", "<", ">", "&", '"', "'", "\n", "喀", "😀", "𠮷"]),
                             min_size=1, max_size=40))
    n = len(text)
    bounds = st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted)
    spans = [Span(a, b, f"f{i}", "entity") for i, (a, b) in enumerate(data.draw(st.lists(bounds, max_size=6)))]
    start, end = data.draw(bounds)
    html = str(mark_text(text, spans, href, Span(start, end, "cur")))
    assert unescape(re.sub(r"<[^>]*>", "", html)) == text
    inner = html.split('data-fact="cur">', 1)[1].rsplit("</mark>", 1)[0]
    assert unescape(re.sub(r"<[^>]*>", "", inner)) == text[start:end]
