"""The span an entity finder proposes, before overlap resolution and document-level aliasing."""
from __future__ import annotations

from dataclasses import dataclass

# Priorities when two candidates cover the same span length: a listed name beats a rule.
LEXICON, RULE, CUE, ALIAS = 3, 2, 1, 0


@dataclass(slots=True)
class Candidate:
    start: int                  # analysis offsets into doc.text (absolute)
    end: int
    label: str                  # PLACE ORG PERSON PRODUCT PLATFORM EVENT_NAME, or SKIP (blocks, never emitted)
    canonical: str = ""
    source: str = ""            # lexicon | suffix | title | after | interpunct | pinyin | head | alias ...
    priority: int = RULE
    anaphor: str = ""           # English "the region's X": level whose document place prefixes the canonical
    text: str = ""              # the analysis text of the span (filled by the finders)
    level: str = ""             # admin level of a listed place (region, prefecture, county, ...)
    base: str = ""              # bare English name of a listed place (Xinjiang)

    @property
    def length(self) -> int:
        return self.end - self.start
