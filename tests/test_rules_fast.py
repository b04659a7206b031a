"""Issue 13: fast paths of the rule-based extractors give what the plain versions gave."""
from __future__ import annotations

import random


def test_person_title_suffix_check_matches_endswith_per_title():
    """entities/latin.py: the title check by length (set look-ups) == endswith over every title."""
    from pipeline.extractors.entities import latin

    rng = random.Random(7)
    for lang in ("en", "es"):
        d = latin._data(lang)
        titles = list(d["titles"])
        pieces = titles + ["", " ", ",", "x", "mr", "a", "said", "1", "de la", "-"]
        for _ in range(4000):
            before = "".join(rng.choice(pieces) + rng.choice(["", " ", ""]) for _ in range(rng.randint(0, 4)))[-24:]
            slow = any(before.endswith(t) and (len(before) == len(t) or not before[-len(t) - 1].isalnum())
                       for t in titles)
            assert latin._ends_with_title(before, d) == slow, before
