"""The review page end to end, in headless Debian Chromium driven by Playwright: filter, open a fact,
see its mention marked at its own offsets, decide by keyboard, correct a value, reload, rerun the
pipeline from scratch, and check that hostile article text stays text and POSTs need the token."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from tests.conftest import HOSTILE_NAME

pytestmark = pytest.mark.browser

BEFORE_MARK = """() => {
  const doc = document.getElementById("doctext"), range = document.createRange();
  range.setStart(doc, 0);
  range.setEndBefore(document.getElementById("current"));
  return Array.from(range.toString()).length;       // code points, as Python counts them
}"""


def facts_of(out) -> pd.DataFrame:
    return pd.read_parquet(out / "facts.parquet")


def hostile(facts: pd.DataFrame, text: str) -> pd.DataFrame:
    return facts[(facts["doc_id"] == HOSTILE_NAME) & (facts["text"] == text)].sort_values("start")


def badge(page) -> str:
    return page.locator("#status .badge").inner_text()


def test_review_web_browser_filter_open_decide_correct_rerun(page, live_review):
    from typer.testing import CliRunner

    from pipeline.cli import app as cli

    url, facts = live_review.url, facts_of(live_review.out)
    page.goto(url + "/")
    page.select_option("select[name=kind]", "entity")
    page.select_option("select[name=doc]", HOSTILE_NAME)
    page.fill("input[name=q]", "kashgar")
    with page.expect_navigation():
        page.click("button:text('Filter')")
    said = facts["text"].str.contains("kashgar", case=False) | facts["context"].str.contains("kashgar", case=False)
    expected = facts[(facts["kind"] == "entity") & (facts["doc_id"] == HOSTILE_NAME) & said]
    assert sorted(page.locator("tr.fact-row").evaluate_all("rows => rows.map(r => r.dataset.factId)")) \
        == sorted(expected["fact_id"])

    second = hostile(facts, "Kashgar").iloc[1]          # 'Kashgar farmers …, and Kashgar sellers'
    with page.expect_navigation():
        page.click(f"tr[data-fact-id='{second['fact_id']}'] a.open")
    assert page.locator("#current").inner_text() == "Kashgar"
    assert page.evaluate(BEFORE_MARK) == second["start"]          # the second one, after the emoji
    assert page.locator("#current").is_visible()

    next_url = page.locator(".split").get_attribute("data-next")
    with page.expect_navigation():
        page.keyboard.press("a")                                   # accept, and on to the next fact
    assert page.url == url + next_url

    money = hostile(facts, "3.2 billion yuan").iloc[0]
    page.goto(f"{url}/fact/{money['fact_id']}")
    page.keyboard.press("c")                                       # focus the correction's first field
    page.keyboard.type("3.3e9")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.reload()
    assert badge(page) == "corrected"
    assert page.locator("td.corr[data-field=value]").inner_text() == "3,300,000,000"
    page.goto(f"{url}/fact/{second['fact_id']}")
    assert badge(page) == "accepted"
    assert page.locator("#saved").inner_text() == ""               # nothing failed on the way

    shutil.rmtree(live_review.out)                                 # rm -rf outputs
    page.reload()
    assert "factmine run" in page.locator(".error").inner_text()
    result = CliRunner().invoke(cli, ["run", "--corpus", str(live_review.corpus), "--out", str(live_review.out)])
    assert result.exit_code == 0, result.output
    rerun = facts_of(live_review.out).set_index("fact_id")                 # the table itself, too
    assert rerun.loc[second["fact_id"], "status"] == "accepted"
    assert rerun.loc[money["fact_id"], "status"] == "corrected"
    assert rerun.loc[money["fact_id"], "final_value"] == 3.3e9 and rerun.loc[money["fact_id"], "value"] == 3.2e9
    page.goto(f"{url}/fact/{second['fact_id']}")
    assert badge(page) == "accepted" and page.locator("#current").inner_text() == "Kashgar"
    page.goto(f"{url}/fact/{money['fact_id']}")
    assert badge(page) == "corrected"
    assert page.locator("td.corr[data-field=value]").inner_text() == "3,300,000,000"
    page.goto(f"{url}/?status=accepted")
    assert page.locator("tr.fact-row").evaluate_all("rows => rows.map(r => r.dataset.factId)") == [second["fact_id"]]
    assert page.errors == [] and page.dialogs == []


def test_review_web_browser_list_keys_decide_in_place(page, live_review):
    page.goto(live_review.url + f"/?doc={HOSTILE_NAME}&kind=figure")
    rows = page.locator("tr.fact-row")
    first, second = rows.nth(0).get_attribute("data-fact-id"), rows.nth(1).get_attribute("data-fact-id")
    page.keyboard.press("r")                                       # first row selected on load
    page.locator(f"tr[data-fact-id='{first}'] .badge.s-rejected").wait_for()
    page.keyboard.press("a")
    page.locator(f"tr[data-fact-id='{second}'] .badge.s-accepted").wait_for()
    assert page.locator(".count[data-status=accepted] b").inner_text() == "1"
    assert page.locator(".count[data-status=rejected] b").inner_text() == "1"
    page.reload()
    assert rows.nth(0).locator(".badge").inner_text() == "rejected"
    assert rows.nth(1).locator(".badge").inner_text() == "accepted"


def test_review_web_browser_hostile_article_renders_as_text(page, live_review):
    facts = facts_of(live_review.out)
    in_script_sentence = facts[(facts["doc_id"] == HOSTILE_NAME)
                               & facts["context"].str.contains("<script>", regex=False)]["fact_id"].iloc[0]
    for path in (f"/doc/{HOSTILE_NAME}", f"/fact/{in_script_sentence}", f"/?doc={HOSTILE_NAME}"):
        page.goto(live_review.url + path)
        page.wait_for_timeout(300)                                 # time for an onerror to fire, if any
        body = page.locator("main").inner_text()
        assert "<script>alert(1)</script>" in body
        assert '"><img src=x onerror=alert(1)>' in body
        assert page.locator("main img").count() == 0
        assert page.locator("main script").count() == 0
    assert page.dialogs == [] and page.errors == []


def test_review_web_browser_post_without_token_or_from_elsewhere_is_refused(page, live_review):
    fid = facts_of(live_review.out)["fact_id"].iloc[0]
    page.goto(live_review.url + "/")
    body = json.dumps({"fact_id": fid, "status": "accepted"})
    status = page.evaluate("""async (body) => (await fetch("/api/decisions", {method: "POST",
        headers: {"Content-Type": "application/json"}, body})).status""", body)
    assert status == 403
    token = page.locator("meta[name=csrf-token]").get_attribute("content")
    # another origin, even one that knows the token: a form on a blank page posting to the server
    page.goto("about:blank")
    page.set_content(f"""<form method=post action="{live_review.url}/fact/{fid}/decide">
        <input name=csrf_token value="{token}"><input name=status value=accepted></form>""")
    with page.expect_navigation() as navigation:
        page.evaluate("document.forms[0].submit()")
    assert navigation.value.status == 403 and "cross-site request" in page.content()
    page.goto(live_review.url + f"/fact/{fid}")
    assert badge(page) == "pending"


def test_review_web_browser_buttons_work_without_javascript(chromium, live_review):
    """The decision buttons are forms: with JavaScript off they post (with the token) and go on."""
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        fid = facts_of(live_review.out)["fact_id"].iloc[0]
        page.goto(f"{live_review.url}/fact/{fid}")
        next_href = page.locator("#next").get_attribute("href")
        with page.expect_navigation():
            page.click("#reject")
        assert page.url == live_review.url + next_href, page.inner_text("main")
        page.goto(f"{live_review.url}/fact/{fid}")
        assert badge(page) == "rejected"
    finally:
        context.close()
