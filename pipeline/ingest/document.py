"""TEMPORARY minimal ingest (replaced by the full one shortly; same API)."""
from __future__ import annotations

import re
from array import array

from ..types import BODY, Block, Document, DocumentMeta, Sentence

_SENT = re.compile(r".*?(?:[。！？；!?]+[”」』\"]?|\.(?=\s|$)|$)")


def _lang(s: str) -> str:
    han = sum(1 for c in s if "\u4e00" <= c <= "\u9fff")
    if han > 0.2 * max(1, len(s.strip())):
        return "zh"
    return "es" if re.search(r"[ñáéíóú¿¡]| de | la | el ", s) else "en"


def ingest_text(text: str, doc_id: str = "-", *, lang: str | None = None,
                reference_date: str | None = None) -> Document:
    blocks, sents = [], []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            b = len(blocks)
            lg = lang or _lang(line)
            blocks.append(Block(b, pos, pos + len(line), lg, BODY))
            for m in _SENT.finditer(line):
                if m.group().strip():
                    sents.append(Sentence(pos + m.start(), pos + m.end(), b, lg, BODY))
        pos += len(line) + 1
    idx = array("q", range(len(text)))
    return Document(doc_id, text, text, idx, array("q", range(1, len(text) + 1)),
                    tuple(blocks), tuple(sents), DocumentMeta(date=reference_date))


def ingest_file(path, doc_id: str, **kw) -> Document:
    raise NotImplementedError
