"""The entity table: one row per entity, with its parent, aliases and related entities (issue 12).

* Key: (canonical, label) of the fact table, except that a Uyghur/Kazakh name in Chinese
  transcription whose parts the name table knows takes its conventional Latin form
  (买买提·艾力 "Maimaiti Aili" → "Memet Eli"), so it meets the same person written in English or
  Spanish; the pinyin stays in ``aliases``.
* ``parent``: the gazetteer's parent (温宿县 → Aksu Prefecture); else what the text chains say most
  often (策勒县|达玛沟乡|托帕艾日克村: the village's parent is the township); else, for an
  organization, the place its canonical starts with (Hotan Prefecture Commerce Bureau → Hotan
  Prefecture).
* ``doc_ids``: list of documents (list column, as ``aliases`` and ``related``).
* ``aliases``: every surface form, the fact canonicals merged into the row, user aliases.
* ``related``: other places with the same base name (Aksu, Aksu City, Aksu Prefecture): distinct
  entities, linked, never merged.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from ..extractors.entities.lexicon import lexicon
from ..extractors.entities.names import latin_name
from .statements import plain_records

COLUMNS = ["canonical", "label", "surfaces", "langs", "mentions", "documents", "doc_ids", "parent", "aliases",
           "related"]
# place levels by the last word(s) of a canonical, broadest first: a text chain goes down only
LEVELS = (("Autonomous Region", 0), ("Province", 0), ("Prefecture", 1), ("League", 1), ("District", 2),
          ("County", 2), ("City", 2), ("Township", 3), ("Town", 3), ("Subdistrict", 3), ("Regiment", 3),
          ("Village", 4), ("Community", 4))
BASE_TAILS = ("Autonomous Prefecture", "Autonomous County", "Autonomous Region", "Prefecture", "County", "City",
              "District", "Province", "Township", "Town", "Village")


def _level(canonical: str) -> int | None:
    for tail, rank in LEVELS:
        if canonical.endswith(" " + tail):
            return rank
    return None


def _base(canonical: str) -> str:
    """Aksu City / Aksu Prefecture / Aksu → "Aksu"; Bayingolin Mongol Autonomous Prefecture → Bayingolin."""
    for tail in BASE_TAILS:
        if canonical.endswith(" " + tail):
            words = canonical[:-len(tail)].split()
            # an autonomous unit's ethnic word (Mongol, Kazak, Hui …) is part of the tail
            return words[0] if tail.startswith("Autonomous") and words else " ".join(words)
    return canonical


def _latin_keys(ents: list[dict]) -> dict[str, str]:
    """Fact canonical → Latin form, for transcribed Chinese names the table knows whole."""
    out: dict[str, str] = {}
    for e in ents:
        if e["label"] != "PERSON" or e["lang"] != "zh":
            continue
        text, canonical = e["text"], e["canonical"]
        if not isinstance(canonical, str) or canonical in out:
            continue
        latin = latin_name(text)
        if latin and len(latin.split()) == len(canonical.split()):
            out[canonical] = latin
    return out


def _text_parents(ents: list[dict]) -> dict[str, Counter]:
    """Votes for a place's parent from adjacent place mentions (a broader one right before it)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    places = sorted((e for e in ents if e["label"] == "PLACE"), key=lambda e: (e["doc_id"], e["start"]))
    prev = None
    for row in places:
        if prev is not None and prev["doc_id"] == row["doc_id"] and prev["end"] == row["start"]:
            a, b = _level(prev["key"]), _level(row["key"])
            if a is not None and b is not None and a < b:
                votes[row["key"]][prev["key"]] += 1
        prev = row
    return votes


def build_entities(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per entity (canonical + label) with surfaces, languages, counts, parent, aliases, related.

    From plain records grouped in a dict (a pandas groupby per entity cost most of this table)."""
    ents = plain_records(facts[facts["kind"] == "entity"], ("text", "canonical", "label", "lang", "doc_id", "start", "end"))
    if not ents:
        return pd.DataFrame(columns=COLUMNS)
    for e in ents:
        if e["canonical"] is None:
            e["canonical"] = e["text"]
    latin = _latin_keys(ents)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for e in ents:
        e["key"] = latin.get(e["canonical"], e["canonical"])
        if e["key"] is not None and e["label"] is not None:      # groupby leaves out missing keys
            groups[(e["key"], e["label"])].append(e)
    votes = _text_parents(ents)
    gazetteer = lexicon().parents
    rows = []
    for (key, label) in sorted(groups):
        g = groups[(key, label)]
        surfaces = list(dict.fromkeys(e["text"] for e in g))
        aliases = list(dict.fromkeys([*surfaces, *(e["canonical"] for e in g)]))
        docs = {e["doc_id"] for e in g}
        rows.append({"canonical": key, "label": label, "surfaces": " | ".join(surfaces),
                     "langs": ",".join(sorted({e["lang"] for e in g})), "mentions": len(g),
                     "documents": len(docs), "doc_ids": sorted(docs),
                     "parent": gazetteer.get(key) or (votes[key].most_common(1)[0][0] if votes.get(key) else None),
                     "aliases": [a for a in aliases if a != key]})
    _org_parents(rows)
    _related(rows)
    out = pd.DataFrame(rows, columns=COLUMNS)
    return out.sort_values(["mentions", "canonical"], ascending=[False, True]).reset_index(drop=True)


def _org_parents(rows: list[dict]) -> None:
    """An organization named after a place in the table belongs to it (longest place name first)."""
    places = sorted({r["canonical"] for r in rows if r["label"] == "PLACE"}, key=len, reverse=True)
    for r in rows:
        if r["label"] == "ORG" and not r["parent"]:
            r["parent"] = next((p for p in places if r["canonical"].startswith(p + " ")), None)


def _related(rows: list[dict]) -> None:
    """Places sharing a base name (Aksu / Aksu City / Aksu Prefecture) list each other."""
    by_base: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["label"] == "PLACE":
            by_base[_base(r["canonical"])].append(r["canonical"])
    for r in rows:
        same = by_base.get(_base(r["canonical"]), []) if r["label"] == "PLACE" else []
        r["related"] = sorted(c for c in set(same) if c != r["canonical"])
