"""Done-means measurement for issue 10 (python bench/bench_review_edits.py corpus):
decide every fact of a corpus copy, rm -rf outputs and rerun, then insert a paragraph repeating
names and figures at the top of every article and rerun; then edit one sentence per article."""
import shutil
import sys
import tempfile
from pathlib import Path

from pipeline.run import run
from pipeline.review import DecisionStore


src = Path(sys.argv[1])
tmp = Path(tempfile.mkdtemp())
corpus, out = tmp / "corpus", tmp / "outputs"
shutil.copytree(src, corpus, ignore=shutil.ignore_patterns(".factmine"))
facts = run(corpus, out).facts
store = DecisionStore.for_corpus(corpus)
items, corr = [], 0
for i, row in enumerate(facts.to_dict("records")):
    if i % 5 == 4 and row["kind"] == "figure":
        store.record(row["fact_id"], "corrected", corrections={"value": 1.0 + i}, fact=row); corr += 1
    else:
        items.append((row["fact_id"], ("accepted", "rejected")[i % 2]))
store.record_many(items, facts={r["fact_id"]: r for r in facts.to_dict("records")})
decided = store.latest()
print(f"decided {len(decided)} facts ({corr} corrected)")
shutil.rmtree(out)
again = run(corpus, out).facts.set_index("fact_id")
ok = sum(again.loc[f, "status"] == d.status for f, d in decided.items() if f in again.index)
print(f"after rm -rf outputs && run: {ok}/{len(decided)} decisions applied to their fact")
spans = {(r["doc_id"], r["start"], r["end"], r["kind"]): r["fact_id"] for r in facts.to_dict("records")}
shift = {}
for path in sorted(corpus.glob("*.txt")):
    raw = path.read_text(encoding="utf-8-sig")
    first = facts[facts["doc_id"] == path.name].sort_values("start").head(8)
    recap = "Recap: " + ", ".join(first["text"]) + ".\n"
    path.write_text(recap + raw, encoding="utf-8")
    shift[path.name] = len(recap)
rep = run(corpus, out)
after = rep.facts
by_span = {(r["doc_id"], r["start"] - shift[r["doc_id"]], r["end"] - shift[r["doc_id"]], r["kind"]): r for r in after.to_dict("records")}
same = sum(by_span[k]["status"] == decided[f].status for k, f in spans.items() if k in by_span)
new = after[after["start"] < after["doc_id"].map(shift)]
print(f"after a repeating top paragraph in all {len(shift)} articles: {same}/{len(spans)} decisions on their fact, "
      f"{(new['status'] != 'pending').sum()} of {len(new)} new facts got a decision, review={ {k: (len(v) if not isinstance(v, int) else v) for k, v in rep.review.items()} }")

# one sentence edited per article (not the inserted recap): its facts' decisions re-attached (never moved elsewhere) or orphaned
for path in sorted(corpus.glob("*.txt")):
    lines = path.read_text(encoding="utf-8").split("\n")
    best = max(range(1, len(lines)), key=lambda i: ((after["doc_id"] == path.name) & (after["line"] == i + 1)).sum())
    zh = sum("\u4e00" <= c <= "\u9fff" for c in lines[best]) > 5
    lines[best] = ("据悉，" if zh else "Indeed, ") + lines[best]
    path.write_text("\n".join(lines), encoding="utf-8")
rep = run(corpus, out)
moved = rep.facts[rep.facts["reattached_from"].notna()]
kept = sum(decided[r["reattached_from"]].status == r["status"] for r in moved.to_dict("records"))
print(f"after one sentence edited per article: re-attached {len(moved)} (status kept {kept}), "
      f"orphaned {len(rep.review['orphaned'])}, applied {rep.review['applied']}/{len(decided)}")
