"""The review page through Flask's test client: filters and counts, escaping, CSRF and origin checks,
decisions, 404s and path traversal."""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pandas as pd
import pytest

from tests.conftest import HOSTILE_ARTICLE, HOSTILE_NAME

ROW = re.compile(r'<tr class="fact-row[^"]*" data-fact-id="([^"]+)"')


def facts_of(review_run) -> pd.DataFrame:
    return pd.read_parquet(review_run[1] / "facts.parquet")


def token(client) -> str:
    html = client.get("/").get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([0-9a-f]+)">', html).group(1)


def listed(client, query: str = "") -> list[str]:
    """fact ids of every page of the list for this query string"""
    ids, page = [], 1
    while True:
        html = client.get(f"/?{query}&page={page}").get_data(as_text=True)
        found = ROW.findall(html)
        ids += found
        if 'rel="next"' not in html:
            return ids
        page += 1


class DocText(HTMLParser):
    """Text content of #doctext, and where (in code points) <mark id=current> starts and ends."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.text, self.mark, self.mark_depth = 0, [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += 1
            if tag == "mark" and attrs.get("id") == "current":
                self.mark, self.mark_depth = [len("".join(self.text)), None], self.depth
        elif attrs.get("id") == "doctext":
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            if self.mark_depth == self.depth and tag == "mark":
                self.mark[1], self.mark_depth = len("".join(self.text)), None
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def doc_text(html: str) -> DocText:
    parser = DocText()
    parser.feed(html)
    return parser


# -- filters and counts ---------------------------------------------------------------------------
@pytest.mark.parametrize("query, column, value", [
    ("kind=figure", "kind", "figure"),
    ("kind=entity", "kind", "entity"),
    ("lang=zh", "lang", "zh"),
    ("lang=es", "lang", "es"),
    (f"doc={HOSTILE_NAME}", "doc_id", HOSTILE_NAME),
    ("label=PLACE", "label", "PLACE"),
])
def test_review_web_filter_lists_exactly_the_matching_facts(review_client, review_run, query, column, value):
    client, _, _ = review_client
    facts = facts_of(review_run)
    expected = facts[facts[column] == value]
    assert len(expected) > 0
    assert sorted(listed(client, query)) == sorted(expected["fact_id"])
    html = client.get(f"/?{query}").get_data(as_text=True)
    assert f'<strong id="matching">{len(expected)}</strong> of {len(facts)} facts' in html


def test_review_web_filters_combine_and_search_is_case_insensitive(review_client, review_run):
    client, _, _ = review_client
    facts = facts_of(review_run)
    said = facts["text"].str.contains("Kashgar", case=False) | facts["context"].str.contains("kashgar", case=False)
    expected = facts[(facts["kind"] == "entity") & said & (facts["doc_id"] == HOSTILE_NAME)]
    assert (expected["text"].str.casefold() == "kashgar").sum() >= 4     # dateline and three in the text
    assert len(expected) > 4                                           # Beijing, Hotan: in the sentence
    assert sorted(listed(client, f"kind=entity&q=kASHgar&doc={HOSTILE_NAME}")) == sorted(expected["fact_id"])
    assert listed(client, "q=no-such-text-anywhere") == []


def test_review_web_facet_counts_follow_the_other_filters(review_client, review_run):
    client, _, _ = review_client
    facts = facts_of(review_run)
    html = client.get("/?lang=en").get_data(as_text=True)
    n_figures_en = int(((facts["lang"] == "en") & (facts["kind"] == "figure")).sum())
    assert f'<option value="figure" >figure ({n_figures_en})</option>' in html


def test_review_web_status_filter_and_counts_after_decisions(review_client, review_run):
    client, _, store = review_client
    facts = facts_of(review_run)
    a, b = facts["fact_id"].iloc[0], facts["fact_id"].iloc[1]
    store.record(a, "accepted")
    store.record(b, "rejected")
    assert listed(client, "status=accepted") == [a]
    assert listed(client, "status=rejected") == [b]
    assert len(listed(client, "status=pending")) == len(facts) - 2
    html = client.get("/").get_data(as_text=True)
    assert 'accepted <b>1</b>' in html and 'rejected <b>1</b>' in html


def test_review_web_flagged_filter_without_flags_column(review_client, review_run):
    client, _, _ = review_client
    facts = facts_of(review_run)
    if "flags" in facts.columns:            # issue 9 merged: the column is there, and the seed raises no flag
        assert facts["flags"].isna().all()
        assert listed(client, "flagged=yes") == []
        return
    assert listed(client, "flagged=yes") == []
    html = client.get("/").get_data(as_text=True)
    assert 'name="flagged" disabled' in html


@pytest.mark.parametrize("flagged, empty", [
    ("check_sum: parts exceed the total | disagreement: sources disagree", None),   # issue 9: a string
    (["check_sum: parts exceed the total", "disagreement: sources disagree"], []),   # or a list
])
def test_review_web_flagged_filter_with_flags_column(review_run, tmp_path, flagged, empty):
    from pipeline.review.store import DecisionStore
    from pipeline.review.web import create_app

    corpus, out = review_run
    facts = facts_of(review_run)
    flags = [flagged if i % 3 == 0 else empty for i in range(len(facts))]
    facts["flags"] = pd.Series(flags, dtype=object)
    own = tmp_path / "outputs"
    own.mkdir()
    facts.to_parquet(own / "facts.parquet")
    with DecisionStore(tmp_path / "r.sqlite") as store:
        client = create_app(corpus, own, store=store).test_client()
        chosen = facts["fact_id"][[i % 3 == 0 for i in range(len(facts))]]
        assert sorted(listed(client, "flagged=yes")) == sorted(chosen)
        assert len(listed(client, "flagged=no")) == len(facts) - len(chosen)
        html = client.get(f"/fact/{chosen.iloc[0]}").get_data(as_text=True)
        assert '<span class="flag">check_sum: parts exceed the total</span>' in html
        assert '<span class="flag">disagreement: sources disagree</span>' in html


def test_review_web_fact_page_shows_its_statement_with_disagreeing_sources(review_run, tmp_path):
    from pipeline.review.store import DecisionStore
    from pipeline.review.web import create_app

    corpus, out = review_run
    figures = facts_of(review_run).query("kind == 'figure'")
    a, b = figures.iloc[0], figures.iloc[-1]
    own = tmp_path / "outputs"
    shutil.copytree(out, own)
    pd.DataFrame({"statement_id": ["s1"], "subject": ["Xinjiang"], "metric_key": ["online_retail_sales"],
                  "period": ["2024"], "unit": ["CNY"], "direction": [None], "agree": [False],
                  "mentions": [2], "documents": [2], "fact_ids": [[a["fact_id"], b["fact_id"]]]}
                 ).to_parquet(own / "statements.parquet")
    with DecisionStore(tmp_path / "r.sqlite") as store:
        client = create_app(corpus, own, store=store).test_client()
        html = client.get(f"/fact/{a['fact_id']}").get_data(as_text=True)
        assert "sources disagree" in html and "online_retail_sales" in html
        statement = html.split('id="statement"', 1)[1].split("</ul>", 1)[0]
        assert f"/fact/{b['fact_id']}" in statement and f"/fact/{a['fact_id']}" not in statement
        other = figures.iloc[1]["fact_id"]
        assert 'id="statement"' not in client.get(f"/fact/{other}").get_data(as_text=True)


def test_review_web_table_is_reread_when_the_run_rewrites_it(review_run, tmp_path):
    from pipeline.review.store import DecisionStore
    from pipeline.review.web import create_app

    corpus, out = review_run
    facts = facts_of(review_run)
    own = tmp_path / "outputs"
    own.mkdir()
    facts.head(5).to_parquet(own / "facts.parquet")
    with DecisionStore(tmp_path / "r.sqlite") as store:
        client = create_app(corpus, own, store=store).test_client()
        assert len(listed(client)) == 5
        facts.head(7).to_parquet(own / "facts.parquet")
        assert len(listed(client)) == 7
        (own / "facts.parquet").unlink()
        response = client.get("/")
        assert response.status_code == 503 and "run `factmine run` first" in response.get_data(as_text=True)


# -- the fact in its document -----------------------------------------------------------------------
def test_review_web_marks_the_facts_own_occurrence_after_astral_characters(review_client, review_run):
    """The second 'Kashgar' of the sentence, after emoji (two UTF-16 units each): marked at its offsets."""
    client, _, _ = review_client
    facts = facts_of(review_run)
    hostile = facts[(facts["doc_id"] == HOSTILE_NAME) & (facts["text"] == "Kashgar")].sort_values("start")
    second = hostile.iloc[1]
    raw = (review_run[0] / HOSTILE_NAME).read_text(encoding="utf-8")
    assert raw.find("Kashgar") < second["start"]                     # an earlier occurrence exists
    assert any(ord(c) > 0xFFFF for c in raw[:second["start"]])      # and astral characters before it
    html = client.get(f"/fact/{second['fact_id']}").get_data(as_text=True)
    parsed = doc_text(html)
    text = "".join(parsed.text)
    assert text == raw
    assert parsed.mark == [second["start"], second["end"]]
    assert text[slice(*parsed.mark)] == "Kashgar"


def test_review_web_fact_page_shows_cluster_translation(review_client, review_run):
    client, _, _ = review_client
    facts = facts_of(review_run)
    doc = facts[facts["doc_id"] == "000_0c1849d751c1ada4.txt"]
    sizes = doc.groupby("cluster_id")["lang"].nunique()
    cid = sizes[sizes > 1].index[0]
    members = doc[doc["cluster_id"] == cid]
    en = members[members["lang"] == "en"].iloc[0]
    html = client.get(f"/fact/{en['fact_id']}").get_data(as_text=True)
    assert '<span class="rel">translation</span>' in html
    for fid in members["fact_id"]:
        if fid != en["fact_id"]:
            assert f"/fact/{fid}" in html


def test_review_web_fact_page_walks_the_filtered_list(review_client, review_run):
    client, _, _ = review_client
    order = listed(client, f"doc={HOSTILE_NAME}")
    html = client.get(f"/fact/{order[1]}?doc={HOSTILE_NAME}").get_data(as_text=True)
    assert f'id="next" href="/fact/{order[2]}?doc={HOSTILE_NAME}"' in html
    assert f'id="prev" href="/fact/{order[0]}?doc={HOSTILE_NAME}"' in html
    assert f"2 of {len(order)}" in html


def test_review_web_document_view_marks_every_fact(review_client, review_run):
    client, _, _ = review_client
    facts = facts_of(review_run)
    mine = facts[facts["doc_id"] == HOSTILE_NAME]
    html = client.get(f"/doc/{HOSTILE_NAME}").get_data(as_text=True)
    for fid in mine["fact_id"]:
        assert f"/fact/{fid}?doc={HOSTILE_NAME}" in html
    assert "".join(doc_text(html).text) == (review_run[0] / HOSTILE_NAME).read_text(encoding="utf-8")


# -- escaping -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", [f"/doc/{HOSTILE_NAME}", f"/?doc={HOSTILE_NAME}", "FACT"])
def test_review_web_hostile_article_is_escaped(review_client, review_run, path):
    client, _, _ = review_client
    facts = facts_of(review_run)
    if path == "FACT":
        mine = facts[(facts["doc_id"] == HOSTILE_NAME) & (facts["context"].str.contains("<script>", regex=False))]
        path = f"/fact/{mine['fact_id'].iloc[0]}"
    html = client.get(path).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<img" not in html
    assert "onerror=alert(1)" in html                               # there, as text


def test_review_web_fields_and_query_are_escaped(review_client, review_run):
    client, _, store = review_client
    fact = facts_of(review_run).query("kind == 'figure'").iloc[0]
    evil = '"><img src=x onerror=alert(2)><script>alert(3)</script>'
    store.record(fact["fact_id"], "corrected", corrections={"metric": evil, "unit": evil}, comment=evil)
    for path in (f"/fact/{fact['fact_id']}", f"/?q=%3Cscript%3Ealert(4)", f"/?doc={fact['doc_id']}"):
        html = client.get(path).get_data(as_text=True)
        assert "<img" not in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(3)" in client.get(f"/fact/{fact['fact_id']}").get_data(as_text=True)


def test_review_web_sends_a_strict_content_security_policy(review_client):
    client, _, _ = review_client
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# -- decisions, CSRF, origin ----------------------------------------------------------------------
def test_review_web_accept_and_correct_through_the_api(review_client, review_run):
    client, _, store = review_client
    facts = facts_of(review_run)
    figure = facts.query("kind == 'figure'").iloc[0]
    entity = facts.query("kind == 'entity'").iloc[0]
    headers = {"X-CSRF-Token": token(client)}
    r = client.post("/api/decisions", json={"fact_id": entity["fact_id"], "status": "accepted"}, headers=headers)
    assert r.status_code == 200 and r.json["status"] == "accepted"
    r = client.post("/api/decisions", headers=headers, json={
        "fact_id": figure["fact_id"], "status": "corrected",
        "corrections": {"value": "64.09e9", "unit": figure["unit"], "metric": ""}})
    assert r.status_code == 200 and r.json["corrections"] == {"value": 64.09e9}   # unchanged fields dropped
    latest = store.latest()
    assert latest[entity["fact_id"]].status == "accepted" and latest[entity["fact_id"]].reviewer == "tester"
    assert latest[figure["fact_id"]].fact["text"] == figure["text"]                 # snapshot kept
    html = client.get(f"/fact/{figure['fact_id']}").get_data(as_text=True)
    assert '<td class="corr" data-field="value">64,090,000,000</td>' in html
    assert 'name="corr_value" value="64090000000"' in html


@pytest.mark.parametrize("body, reason", [
    ({"status": "corrected", "corrections": {"value": "not a number"}}, "expected a number"),
    ({"status": "corrected", "corrections": {}}, "at least one corrected field"),
    ({"status": "bogus"}, "expected one of"),
    ({"status": "corrected", "corrections": {"nonsense": "1"}}, "cannot correct"),
])
def test_review_web_bad_decisions_are_refused_with_the_reason(review_client, review_run, body, reason):
    client, _, store = review_client
    fid = facts_of(review_run).query("kind == 'figure'")["fact_id"].iloc[0]
    r = client.post("/api/decisions", json={"fact_id": fid, **body}, headers={"X-CSRF-Token": token(client)})
    assert r.status_code == 400 and reason in r.json["error"]
    assert len(store) == 0


def test_review_web_form_decision_redirects_to_the_next_fact(review_client, review_run):
    client, _, store = review_client
    fid = facts_of(review_run)["fact_id"].iloc[0]
    r = client.post(f"/fact/{fid}/decide", data={"csrf_token": token(client), "status": "rejected",
                                                 "next": "/?kind=figure"})
    assert r.status_code == 303 and r.headers["Location"] == "/?kind=figure"
    assert store.latest()[fid].status == "rejected"
    r = client.post(f"/fact/{fid}/decide", data={"csrf_token": token(client), "status": "accepted",
                                                 "next": "//evil.example/"})
    assert r.headers["Location"] == f"/fact/{fid}"                    # no open redirect


def test_review_web_bulk_accepts_only_pending_facts_shown(review_client, review_run):
    client, _, store = review_client
    facts = facts_of(review_run)
    mine = facts[(facts["doc_id"] == HOSTILE_NAME) & (facts["kind"] == "figure")]
    store.record(mine["fact_id"].iloc[0], "rejected")
    r = client.post("/bulk", data={"csrf_token": token(client), "decision": "accepted",
                                       "doc": HOSTILE_NAME, "kind": "figure", "status": "pending"})
    assert r.status_code == 303
    latest = store.latest()
    assert latest[mine["fact_id"].iloc[0]].status == "rejected"       # a decision already made stays
    assert all(latest[f].status == "accepted" for f in mine["fact_id"].iloc[1:])
    assert len(latest) == len(mine)


@pytest.mark.parametrize("headers, status", [
    ({}, 403),                                                          # no token
    ({"X-CSRF-Token": "0" * 64}, 403),                                  # wrong token
    ({"X-CSRF-Token": "TOKEN", "Origin": "http://evil.example"}, 403),  # right token, other site
    ({"X-CSRF-Token": "TOKEN", "Sec-Fetch-Site": "cross-site"}, 403),
    ({"X-CSRF-Token": "TOKEN", "Origin": "http://localhost"}, 200),
    ({"X-CSRF-Token": "TOKEN", "Sec-Fetch-Site": "same-origin"}, 200),
])
def test_review_web_post_needs_token_and_same_origin(review_client, review_run, headers, status):
    client, _, store = review_client
    fid = facts_of(review_run)["fact_id"].iloc[0]
    headers = {k: (token(client) if v == "TOKEN" else v) for k, v in headers.items()}
    r = client.post("/api/decisions", json={"fact_id": fid, "status": "accepted"}, headers=headers)
    assert r.status_code == status
    assert len(store) == (1 if status == 200 else 0)


@pytest.mark.parametrize("path", ["/api/decisions", "/fact/FID/decide", "/bulk"])
def test_review_web_forms_without_token_are_refused(review_client, review_run, path):
    client, _, store = review_client
    fid = facts_of(review_run)["fact_id"].iloc[0]
    r = client.post(path.replace("FID", fid), data={"fact_id": fid, "status": "accepted"})
    assert r.status_code == 403 and len(store) == 0


def test_review_web_token_of_another_server_is_refused(review_client, review_run, tmp_path):
    from pipeline.review.store import DecisionStore
    from pipeline.review.web import create_app

    client, _, _ = review_client
    with DecisionStore(tmp_path / "other.sqlite") as store:
        other = create_app(*review_run, store=store).test_client()
        fid = facts_of(review_run)["fact_id"].iloc[0]
        r = other.post("/api/decisions", json={"fact_id": fid, "status": "accepted"},
                       headers={"X-CSRF-Token": token(client)})
        assert r.status_code == 403


def test_review_web_decisions_only_by_post(review_client, review_run):
    client, _, store = review_client
    fid = facts_of(review_run)["fact_id"].iloc[0]
    assert client.get(f"/fact/{fid}/decide?status=accepted").status_code == 405
    assert client.get("/api/decisions").status_code == 405
    assert len(store) == 0


def test_review_web_foreign_host_header_is_refused(review_client):
    """DNS rebinding: a page of another name resolving to 127.0.0.1 gets nothing."""
    client, _, _ = review_client
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/", headers={"Host": "[::1]:8765"}).status_code == 200


# -- 404 and path traversal ------------------------------------------------------------------------
@pytest.mark.parametrize("path", [
    "/fact/f0000000000000000", "/doc/no-such-doc.txt", "/doc/../../../etc/passwd",
    "/doc/%2e%2e/%2e%2e/etc/passwd", "/doc/..%2f..%2fetc%2fpasswd", "/doc//etc/passwd",
    "/doc/corpus/../zz_hostile.txt",
])
def test_review_web_unknown_fact_or_document_is_404(review_client, path):
    client, _, _ = review_client
    response = client.get(path, follow_redirects=True)       # '//' is merged by a redirect first
    assert response.status_code == 404
    assert "root:" not in response.get_data(as_text=True)


def test_review_web_decision_for_unknown_fact_is_404(review_client):
    client, _, store = review_client
    r = client.post("/api/decisions", json={"fact_id": "f0000000000000000", "status": "accepted"},
                    headers={"X-CSRF-Token": token(client)})
    assert r.status_code == 404 and len(store) == 0


def test_review_web_serve_cli_needs_a_fact_table(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    (tmp_path / "corpus").mkdir()
    result = CliRunner().invoke(app, ["serve", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no fact table yet" in result.output


def test_review_web_list_counts_orphaned_decisions(review_client):
    client, _, store = review_client
    store.record("f0000000000000000", "accepted", fact={"doc_id": "gone.txt", "kind": "entity", "text": "X"})
    html = client.get("/").get_data(as_text=True)
    assert "1 decision(s) whose fact is gone" in html


def test_review_web_serve_cli_port_in_use_is_one_line(review_run):
    import socket

    from typer.testing import CliRunner

    from pipeline.cli import app

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--corpus", str(review_run[0]), "--out", str(review_run[1]),
                                          "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"factmine: cannot listen on 127.0.0.1:{port} (Address already in use)"]


def test_review_web_serve_cli_serves_on_loopback(review_run):
    """`factmine serve --port 0` prints its address (127.0.0.1 by default) and answers there."""
    import subprocess
    import sys
    import urllib.request

    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--corpus", str(review_run[0]),
                             "--out", str(review_run[1]), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()
        url = re.fullmatch(r"review page at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)\n", line).group(1)
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status == 200 and b'name="csrf-token"' in response.read()
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_review_web_document_gone_since_the_run_says_so(review_run, tmp_path):
    from pipeline.review.store import DecisionStore
    from pipeline.review.web import create_app

    corpus, out = tmp_path / "corpus", review_run[1]
    shutil.copytree(review_run[0], corpus, ignore=shutil.ignore_patterns(".factmine"))
    (corpus / HOSTILE_NAME).write_text("Edited: nothing here any more.", encoding="utf-8")
    fid = facts_of(review_run).query(f"doc_id == '{HOSTILE_NAME}'")["fact_id"].iloc[0]
    with DecisionStore(tmp_path / "r.sqlite") as store:
        client = create_app(corpus, out, store=store).test_client()
        html = client.get(f"/fact/{fid}").get_data(as_text=True)
        assert "The file changed since the last run" in html and 'id="current"' not in html
        (corpus / HOSTILE_NAME).unlink()
        html = client.get(f"/fact/{fid}").get_data(as_text=True)
        assert "no such file" in html
        assert client.get("/").status_code == 200


def test_review_web_accept_an_entity_everywhere(review_client, review_run):
    """'This entity is right everywhere': one click on an entity's page accepts all its pending mentions."""
    client, _, store = review_client
    facts = facts_of(review_run)
    entities = facts[facts["kind"] == "entity"]
    canonical = entities["canonical"].value_counts().index[0]
    mine = entities[entities["canonical"] == canonical]
    assert len(mine) > 2 and mine["lang"].nunique() > 1            # the English and the Chinese forms
    store.record(mine["fact_id"].iloc[0], "rejected")
    html = client.get(f"/fact/{mine['fact_id'].iloc[1]}").get_data(as_text=True)
    assert f"accept all {len(mine) - 1} pending mentions of {canonical}" in html
    assert sorted(listed(client, f"kind=entity&canonical={canonical}")) == sorted(mine["fact_id"])
    r = client.post("/bulk", data={"csrf_token": token(client), "decision": "accepted", "kind": "entity",
                                   "canonical": canonical, "status": "pending"})
    assert r.status_code == 303
    latest = store.latest()
    assert [latest[f].status for f in mine["fact_id"]] == ["rejected"] + ["accepted"] * (len(mine) - 1)
    assert len(latest) == len(mine)


def test_review_web_converted_document_is_shown_from_its_extracted_text(tmp_path):
    """An .html article: its facts index the text ingest extracted (outputs/text/<doc_id>.txt), and the
    page shows that text with the mention marked there, never the page's own markup."""
    from pipeline.review.store import DecisionStore
    from pipeline.review.web import create_app
    from pipeline.run import run

    corpus, out = tmp_path / "corpus", tmp_path / "outputs"
    (corpus / "news").mkdir(parents=True)
    body = " ".join(HOSTILE_ARTICLE.replace("<", "&lt;").split("\n\n")[1:3])
    (corpus / "news" / "story.html").write_text(
        "<!doctype html><html><head><title>Kashgar dates</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Kashgar dates</h1><p>{body}</p><p>{body}</p></article></body></html>", encoding="utf-8")
    run(corpus, out, use_cache=False)
    facts = facts_of((corpus, out))
    story = facts[(facts["doc_id"] == "news/story.html") & (facts["text"] == "Kashgar")]
    assert len(story) >= 2
    extracted = (out / "text" / "news" / "story.html.txt").read_text(encoding="utf-8")
    fact = story.sort_values("start").iloc[1]
    with DecisionStore(tmp_path / "r.sqlite") as store:
        html = create_app(corpus, out, store=store).test_client().get(f"/fact/{fact['fact_id']}").get_data(as_text=True)
    parsed = doc_text(html)
    assert "".join(parsed.text) == extracted and "<nav" not in extracted
    assert parsed.mark == [fact["start"], fact["end"]]
    assert "(text extracted at ingest)" in html
