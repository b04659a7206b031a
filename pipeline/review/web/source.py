"""A document's text for the review page, and the mention marks laid on it at their exact offsets.

The text is the one the offsets index: the extracted text that ingest saved under
``outputs/text/<doc_id>.txt`` for converted formats when it is there, else the corpus file decoded with
the pipeline's own decoder (``pipeline.ingest.decode``). ``start``/``end`` are Python ``str`` indices
(code points), so all slicing happens here, never in the browser (JavaScript counts UTF-16 units).
Every piece of text leaves this module escaped (``markupsafe``): articles are untrusted input.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from markupsafe import Markup, escape

from ...errors import FactmineError
from ...ingest.decode import decode_bytes

TEXT_DIR = "text"                    # outputs/text/<doc_id>.txt: text extracted from converted formats
STOPS = frozenset("\n。！？!?；;")     # a snippet ends at these (and at '. ' / '.\n')
SNIPPET_WIDTH = 160                  # at most this many characters each side of a mention


class DocumentUnavailable(Exception):
    """The document cannot be shown (unknown id, outside the corpus, unreadable); the message says why."""


@dataclass(frozen=True, slots=True)
class SourceText:
    doc_id: str
    text: str
    origin: str          # "corpus" (the decoded file) or "extracted" (outputs/text/<doc_id>.txt)
    path: Path


@dataclass(frozen=True, slots=True)
class Span:
    """A fact's place in the text: half-open [start, end), code points."""
    start: int
    end: int
    fact_id: str
    css: str = ""        # extra class names, e.g. the fact's kind and status


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def source_path(corpus: Path, out: Path, doc_id: str) -> tuple[Path, str]:
    """Where to read ``doc_id`` from and which kind of text it is.  The caller has already checked that
    ``doc_id`` is a document of the fact table; this refuses any path that leaves its folder anyway."""
    if not doc_id or "\x00" in doc_id or Path(doc_id).is_absolute() or ".." in Path(doc_id).parts:
        raise DocumentUnavailable(f"{doc_id!r}: not a document id")
    extracted = out / TEXT_DIR / f"{doc_id}.txt"
    if extracted.is_file() and _inside(extracted, out / TEXT_DIR):
        return extracted, "extracted"
    raw = corpus / doc_id
    if not _inside(raw, corpus):
        raise DocumentUnavailable(f"{doc_id}: outside the corpus folder")
    if not raw.is_file():
        raise DocumentUnavailable(f"{doc_id}: no such file in {corpus} (moved or deleted since the run?)")
    return raw, "corpus"


def load_source(corpus: Path, out: Path, doc_id: str) -> SourceText:
    path, origin = source_path(corpus, out, doc_id)
    try:
        stat = path.stat()
    except OSError as exc:
        raise DocumentUnavailable(f"{doc_id}: cannot read ({exc.strerror})") from exc
    return _decoded(path, stat.st_mtime_ns, stat.st_size, doc_id, origin)


@lru_cache(maxsize=256)
def _decoded(path: Path, _mtime_ns: int, _size: int, doc_id: str, origin: str) -> SourceText:
    """Decoded once per file version (the stat fields are part of the cache key)."""
    try:
        text, _encoding = decode_bytes(path.read_bytes(), doc_id)
    except OSError as exc:
        raise DocumentUnavailable(f"{doc_id}: cannot read ({exc.strerror})") from exc
    except FactmineError as exc:
        raise DocumentUnavailable(str(exc)) from exc
    return SourceText(doc_id, text, origin, path)


def misplaced(text: str, start: int, end: int, expected: str) -> bool:
    """True when the text no longer holds the fact's mention at its offsets (file edited since the run)."""
    return not (0 <= start <= end <= len(text)) or text[start:end] != expected


def _pieces(text: str, lo: int, hi: int, spans: Sequence[Span], href) -> Markup:
    """text[lo:hi] with every span overlapping it marked; where spans overlap, the shortest one links.
    One sweep over the span boundaries: a span covers a piece exactly when it is open at its start."""
    inside = [s for s in spans if s.start < hi and s.end > lo and s.end > s.start]
    opens: dict[int, list[Span]] = {}
    closes: dict[int, list[Span]] = {}
    for s in inside:
        opens.setdefault(max(lo, s.start), []).append(s)
        closes.setdefault(min(hi, s.end), []).append(s)
    points = sorted({lo, hi, *opens, *closes})
    active: dict[int, Span] = {}
    out = []
    for a, b in zip(points, points[1:]):
        for s in closes.get(a, ()):
            active.pop(id(s), None)
        for s in opens.get(a, ()):
            active[id(s)] = s
        chunk = escape(text[a:b])
        if not active:
            out.append(chunk)
            continue
        covering = sorted(active.values(), key=lambda s: (s.start, -s.end))
        top = min(covering, key=lambda s: (s.end - s.start, s.start))
        ids = " ".join(s.fact_id for s in covering)
        out.append(Markup('<a class="m {}" href="{}" data-facts="{}">{}</a>').format(
            top.css, href(top.fact_id), ids, chunk))
    return Markup("").join(out)


def mark_text(text: str, spans: Iterable[Span], href, current: Span | None = None) -> Markup:
    """The whole text as HTML: other facts as links, ``current`` wrapped in one ``<mark id="current">``
    whose text content is exactly ``text[current.start:current.end]``."""
    spans = [s for s in spans if current is None or s.fact_id != current.fact_id]
    if current is None:
        return _pieces(text, 0, len(text), spans, href)
    return (_pieces(text, 0, current.start, spans, href)
            + Markup('<mark id="current" class="current" data-fact="{}">{}</mark>').format(
                current.fact_id, _pieces(text, current.start, current.end, spans, href))
            + _pieces(text, current.end, len(text), spans, href))


def _left_edge(text: str, start: int, width: int) -> int:
    i = start
    while i > 0 and start - i < width:
        c = text[i - 1]
        if c in STOPS or (c == "." and i < len(text) and text[i].isspace() and i < start):
            break
        i -= 1
    return i


def _right_edge(text: str, end: int, width: int) -> int:
    i = end
    while i < len(text) and i - end < width:
        c = text[i]
        i += 1
        if c == "\n":
            return i - 1
        if c in STOPS or (c == "." and (i == len(text) or text[i].isspace())):
            break
    return i


def snippet(text: str, start: int, end: int, width: int = SNIPPET_WIDTH) -> Markup:
    """The mention's sentence (at most ``width`` characters each side), the mention in ``<mark>`` at its
    own offsets, not at the first place its text occurs."""
    lo, hi = _left_edge(text, start, width), _right_edge(text, end, width)
    lead = "… " if lo > 0 and text[lo - 1] not in STOPS else ""
    tail = " …" if hi < len(text) and text[hi - 1] not in STOPS and text[hi] not in STOPS else ""
    return Markup("{}{}<mark>{}</mark>{}{}").format(
        lead, text[lo:start].lstrip(), text[start:end], text[end:hi].rstrip(), tail)
