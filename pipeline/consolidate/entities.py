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


class EntityTally:
    """The entity table's inputs, gathered slice by slice (a streamed run's pass 2 feeds it the
    decided entity rows in doc_id order) and kept as one small aggregate per (canonical, label):
    its memory follows the number of entities, not of mentions.  ``table()`` gives exactly what
    the whole table would: surfaces and aliases in order of first appearance, keys moved to the
    Latin form of a transcribed name (known only once every row is seen), parents voted by adjacent
    places (the same pairs as sorting every place by document and start)."""

    COLUMNS = ("text", "canonical", "label", "lang", "doc_id", "start", "end")

    def __init__(self):
        self.seen = 0                                  # rows so far: the order of first appearance
        self.groups: dict[tuple[str, str], dict] = {}  # (fact canonical, label) -> aggregate
        self.latin: dict[str, str] = {}                # fact canonical -> Latin form (_latin_keys)
        self.adjacent: Counter = Counter()             # (place canonical before, place canonical) pairs
        self.previous_place: tuple | None = None       # (doc_id, end, canonical) of the last place seen

    def add(self, facts: pd.DataFrame) -> None:
        """Rows of a fact table (its entity rows are taken), given in doc_id order across calls."""
        ents = plain_records(facts[facts["kind"] == "entity"], self.COLUMNS)
        for e in ents:
            if e["canonical"] is None:
                e["canonical"] = e["text"]
        self._latin_keys(ents)
        for n, e in enumerate(ents, self.seen):
            if e["canonical"] is None or e["label"] is None:       # groupby leaves out missing keys
                continue
            g = self.groups.get((e["canonical"], e["label"]))
            if g is None:
                g = self.groups[(e["canonical"], e["label"])] = {
                    "first": n, "surfaces": {}, "langs": set(), "mentions": 0, "docs": set()}
            g["surfaces"].setdefault(e["text"], n)
            g["langs"].add(e["lang"])
            g["mentions"] += 1
            g["docs"].add(e["doc_id"])
        self.seen += len(ents)
        places = sorted((e for e in ents if e["label"] == "PLACE"), key=lambda e: (e["doc_id"], e["start"]))
        prev = self.previous_place
        for e in places:
            if prev is not None and prev[0] == e["doc_id"] and prev[1] == e["start"]:
                self.adjacent[(prev[2], e["canonical"])] += 1
            prev = (e["doc_id"], e["end"], e["canonical"])
        self.previous_place = prev

    def _latin_keys(self, ents: list[dict]) -> None:
        """Fact canonical -> Latin form, for transcribed Chinese names the table knows whole."""
        for e in ents:
            if e["label"] != "PERSON" or e["lang"] != "zh":
                continue
            text, canonical = e["text"], e["canonical"]
            if not isinstance(canonical, str) or canonical in self.latin:
                continue
            latin = latin_name(text)
            if latin and len(latin.split()) == len(canonical.split()):
                self.latin[canonical] = latin

    def _votes(self) -> dict[str, Counter]:
        """Votes for a place's parent from adjacent place mentions (a broader one right before it)."""
        votes: dict[str, Counter] = defaultdict(Counter)
        for (before, after), n in self.adjacent.items():
            before, after = self.latin.get(before, before), self.latin.get(after, after)
            a, b = _level(before), _level(after)
            if a is not None and b is not None and a < b:
                votes[after][before] += n
        return votes

    def table(self) -> pd.DataFrame:
        """One row per entity (canonical + label) with surfaces, languages, counts, parent, aliases."""
        if not self.seen:
            return pd.DataFrame(columns=COLUMNS)
        merged: dict[tuple, list[tuple[str, dict]]] = defaultdict(list)
        for (canonical, label), g in self.groups.items():
            merged[(self.latin.get(canonical, canonical), label)].append((canonical, g))
        votes = self._votes()
        gazetteer = lexicon().parents
        rows = []
        for (key, label) in sorted(merged):
            parts = sorted(merged[(key, label)], key=lambda part: part[1]["first"])
            first_seen: dict[str, int] = {}
            for _, g in parts:
                for surface, n in g["surfaces"].items():
                    if n < first_seen.get(surface, n + 1):
                        first_seen[surface] = n
            surfaces = sorted(first_seen, key=first_seen.get)
            aliases = list(dict.fromkeys([*surfaces, *(canonical for canonical, _ in parts)]))
            docs = set().union(*(g["docs"] for _, g in parts))
            rows.append({"canonical": key, "label": label, "surfaces": " | ".join(surfaces),
                         "langs": ",".join(sorted(set().union(*(g["langs"] for _, g in parts)))),
                         "mentions": sum(g["mentions"] for _, g in parts),
                         "documents": len(docs), "doc_ids": sorted(docs),
                         "parent": gazetteer.get(key) or (votes[key].most_common(1)[0][0] if votes.get(key) else None),
                         "aliases": [a for a in aliases if a != key]})
        _org_parents(rows)
        _related(rows)
        out = pd.DataFrame(rows, columns=COLUMNS)
        return out.sort_values(["mentions", "canonical"], ascending=[False, True]).reset_index(drop=True)


def build_entities(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per entity (canonical + label) with surfaces, languages, counts, parent, aliases, related."""
    tally = EntityTally()
    tally.add(facts)
    return tally.table()


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
