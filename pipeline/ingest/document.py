"""Assemble a Document: decode -> normalize -> lines -> blocks -> analysis text + offset map."""
from __future__ import annotations

import re
from array import array
from dataclasses import replace
from pathlib import Path

from ..errors import FactmineError, UnreadableFormat
from ..types import Block, Document, Sentence
from . import blocks as B
from .decode import decode
from .formats import CONVERTED, convert, format_of, markdown_markup, sniff
from .metadata import infer_meta
from .normalize import normalize


_NEWLINE = re.compile("\n")


class OffsetMapError(FactmineError):
    """The analysis text does not map back onto the raw source (a bug, never silenced)."""


def _check_map(doc: Document) -> None:
    """Every analysis character maps to a non-empty, in-bounds, non-decreasing raw span."""
    import numpy as np

    st = np.frombuffer(doc.raw_starts, dtype=np.int64)
    en = np.frombuffer(doc.raw_ends, dtype=np.int64)
    if len(st) != len(doc.text) or len(en) != len(doc.text):
        raise OffsetMapError(f"{doc.doc_id}: offset map has {len(st)} entries for {len(doc.text)} characters")
    if len(st) and (st.min() < 0 or en.max() > len(doc.raw) or (en <= st).any() or (np.diff(st) < 0).any()):
        raise OffsetMapError(f"{doc.doc_id}: offset map out of order or out of bounds")


def ingest_text(raw: str, doc_id: str = "-", *, lang: str | None = None, reference_date: str | None = None,
                encoding: str = "utf-8", catalog: dict | None = None, markdown: bool = False,
                warnings: tuple[str, ...] = ()) -> Document:
    """Build a Document from decoded text.

    ``lang`` forces the language of every zh/en/es-looking block (``factmine extract --lang``);
    ``reference_date`` overrides the inferred document date; ``markdown`` leaves the markup out of
    the analysis text (the raw text keeps it).
    """
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    norm = normalize(raw, markdown_markup(raw) if markdown else None)
    lines = B.split_lines(norm.text)
    B.assign_languages(lines, lang)
    if lang:
        for ln in lines:
            if ln.lang != "other" or B.script_language(ln.text) is None:
                ln.lang = lang
    for ln in lines:
        ln.kind, ln.reason = B.classify(ln)
    B.mark_glosses(lines)
    lines = B.join_broken(lines)
    pairs = B.pair_parallel(lines)

    # Analysis text: blocks separated by "\n"; a joined block's parts are glued with nothing (zh)
    # or one space (en/es) that maps to the raw line break between them.
    pieces: list[str] = []
    starts, ends = array("q"), array("q")
    ntext, nstarts, nends = norm.text, norm.starts, norm.ends
    block_list: list[Block] = []
    sentences: list[Sentence] = []
    seen_blocks: dict[str, int] = {}
    seen_sents: dict[str, int] = {}
    pos = 0

    def emit(text: str, a: int, b: int) -> None:
        """Append analysis text made from normalized span [a, b) (a 1-char separator maps to its gap)."""
        nonlocal pos
        pieces.append(text)
        starts.extend(nstarts[a:b])
        ends.extend(nends[a:b])
        pos += len(text)

    for bi, ln in enumerate(lines):
        if bi:
            gap = lines[bi - 1].end           # the "\n" right after the previous block
            emit("\n", gap, gap + 1)
        bstart = pos
        for pi, (a, b) in enumerate(ln.parts):
            if pi and ln.lang != "zh":
                gap = ln.parts[pi - 1][1]     # a broken line's line break becomes one space
                emit(" ", gap, gap + 1)
            emit(ntext[a:b], a, b)
        key = B.dedupe_key(ln.text)
        dup = seen_blocks.get(key) if len(key) >= 8 else None
        if dup is None and len(key) >= 8:
            seen_blocks[key] = bi
        block_list.append(Block(bi, bstart, pos, ln.lang, ln.kind, dup, pairs.get(bi), ln.reason))
        for s, e in B.split_sentences(ln.text, ln.lang):
            skey = B.dedupe_key(ln.text[s:e])
            sdup = seen_sents.get(skey) if len(skey) >= 12 else None
            if sdup is None and len(skey) >= 12:
                seen_sents[skey] = len(sentences)
            sentences.append(Sentence(bstart + s, bstart + e, bi, ln.lang, ln.kind, sdup))
    text = "".join(pieces)
    meta = infer_meta([(text[b.start:b.end], b.kind, b.start) for b in block_list], encoding, catalog)
    if warnings:
        meta = replace(meta, warnings=tuple(warnings))
    if reference_date:
        meta = replace(meta, date=reference_date, date_source="given", date_confidence=1.0, date_span=None)
    line_starts = array("q", [0])
    line_starts.extend(m.end() for m in _NEWLINE.finditer(raw))
    doc = Document(doc_id, raw, text, starts, ends, tuple(block_list), tuple(sentences), meta, line_starts)
    _check_map(doc)
    return doc


def ingest_bytes(data: bytes, doc_id: str, **kw) -> Document:
    decoded = decode(data, doc_id)
    return ingest_text(decoded.text, doc_id, encoding=decoded.encoding, warnings=decoded.warnings, **kw)


def ingest_source(data: bytes, name: str, doc_id: str, **kw) -> Document:
    """A file's bytes -> Document, by the format its name says (formats.py).

    For a converted format (html, docx, pdf, rtf; also a web page saved as .txt) ``Document.raw`` is
    the extracted text, ``Document.meta.encoding`` names the format, and the
    format's own metadata (title, date, author, URL) fills the catalog fields the catalog leaves empty.
    """
    fmt = sniff(data, format_of(name))
    if fmt is None:
        raise UnreadableFormat(f"{doc_id}: unsupported file type")
    if fmt in CONVERTED:
        conv = convert(data, fmt, doc_id)
        given = kw.pop("catalog", None) or {}
        meta = {k: v for k, v in conv.meta.items() if not (k == "date_source" and given.get("date"))}
        return ingest_text(conv.text, doc_id, encoding=fmt, catalog={**meta, **given}, **kw)
    decoded = decode(data, doc_id)
    return ingest_text(decoded.text, doc_id, encoding=decoded.encoding, warnings=decoded.warnings,
                       markdown=fmt == "markdown", **kw)


def ingest_file(path: str | Path, doc_id: str | None = None, **kw) -> Document:
    path = Path(path)
    return ingest_source(path.read_bytes(), path.name, doc_id or path.name, **kw)
