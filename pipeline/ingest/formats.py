"""The file formats users drop into ``corpus/``, dispatched by suffix.

* ``.txt``             — decoded as it is (``decode.py``).
* ``.md``/``.markdown`` — decoded as it is; the markup (``#`` headings, ``**``, links' ``](url)``,
  list bullets, fences, inline HTML) is left out of the *analysis* text only, through the offset
  map, so ``raw[start:end] == text`` still holds on the .md file itself.
* ``.html``/``.htm``   — main text by trafilatura (menus, scripts and boilerplate dropped); title,
  date, author and URL from its metadata fill the catalog fields (the catalog still wins).
* ``.docx``            — paragraphs and table cells through python-docx.
* ``.pdf``             — the text layer through pypdf; a PDF without one is reported, not mined.
* ``.rtf``             — striprtf.
For a converted format (html, docx, pdf, rtf) provenance holds against the extracted text, which
the run saves under ``<out>/text/<doc_id>.txt``; facts still name the original file.
Anything else is "unsupported" and listed in the run summary (``.odt``: no well-kept small
library; odfpy's last release is from 2020).
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .. import rx
from ..errors import UnreadableFormat

FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
           ".docx": "docx", ".pdf": "pdf", ".rtf": "rtf"}
CONVERTED = frozenset({"html", "docx", "pdf", "rtf"})
MIN_PDF_CHARS_PER_PAGE = 20      # fewer letters than this per page on average: no text layer


@dataclass(frozen=True)
class Converted:
    """Text taken out of a non-text format, and the metadata the format itself carries."""
    text: str
    fmt: str
    meta: dict = field(default_factory=dict)    # catalog-like keys: title, date, byline, url


def format_of(name: str) -> str | None:
    """The format of a file name (``None``: unsupported)."""
    dot = name.rfind(".")
    return FORMATS.get(name[dot:].lower()) if dot > 0 else None


def sniff(data: bytes, fmt: str | None) -> str | None:
    """A web page saved as ``.txt`` is read as HTML (its tags would leak into the text)."""
    if fmt == "text":
        head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
    return fmt


def convert(data: bytes, fmt: str, name: str) -> Converted:
    """Bytes of a converted format -> its text.  Raises UnreadableFormat with the reason."""
    for logger in ("pypdf", "trafilatura", "htmldate", "docx"):     # their warnings become our one line
        logging.getLogger(logger).setLevel(logging.ERROR)
    try:
        text, meta = _CONVERTERS[fmt](data, name)
    except UnreadableFormat:
        raise
    except Exception as exc:  # noqa: BLE001 — a library's parse error is a broken file, reported
        raise UnreadableFormat(f"{name}: cannot read this {fmt} file ({type(exc).__name__}: {exc})") from exc
    if not text.strip():
        raise UnreadableFormat(f"{name}: no text found in this {fmt} file")
    return Converted(text, fmt, {k: v for k, v in meta.items() if v})


def _html(data: bytes, name: str) -> tuple[str, dict]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True,
        date_extraction_params={"original_date": True, "extensive_search": False})
    if doc is None or not (doc.text or "").strip():
        raise UnreadableFormat(f"{name}: no main text found in this HTML page")
    date = doc.date if doc.date and regex.fullmatch(r"\d{4}(-\d\d){0,2}", doc.date) else None
    return doc.text, {"title": doc.title, "date": date, "byline": doc.author, "url": doc.url,
                      "date_source": "html metadata"}


def _docx(data: bytes, name: str) -> tuple[str, dict]:
    import docx

    d = docx.Document(io.BytesIO(data))
    lines = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            lines.append(" | ".join(dict.fromkeys(c.text.strip() for c in row.cells)))
    props = d.core_properties
    return "\n".join(lines), {"title": props.title, "byline": props.author}


def _pdf(data: bytes, name: str) -> tuple[str, dict]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise UnreadableFormat(f"{name}: encrypted PDF")
    pages = [page.extract_text() or "" for page in reader.pages]
    letters = sum(sum(c.isalnum() for c in p) for p in pages)
    if letters < MIN_PDF_CHARS_PER_PAGE * max(1, len(pages)):
        raise UnreadableFormat(f"{name}: scanned PDF without a text layer (not mined)")
    info = reader.metadata or {}
    return "\n\n".join(pages), {"title": info.get("/Title"), "byline": info.get("/Author")}


def _rtf(data: bytes, name: str) -> tuple[str, dict]:
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise UnreadableFormat(f"{name}: not an RTF file")
    return rtf_to_text(data.decode("cp1252", errors="replace"), errors="replace"), {}


_CONVERTERS = {"html": _html, "docx": _docx, "pdf": _pdf, "rtf": _rtf}


# --- Markdown: raw spans of markup, left out of the analysis text --------------------------------
# Each pattern's named group ``m`` (repeatable) is markup; the rest of the match is content.
# Every quantifier is bounded or anchored to one line so the scan stays linear.
_MD_PATTERNS = [
    r"(?m)^(?P<m>[ ]{0,3}(?:```|~~~)[^\n]*)$",                          # code fence line
    r"(?m)^(?P<m>[ ]{0,3}\[[^\]\n]{1,200}\]:[ \t]*\S[^\n]*)$",           # link reference definition
    r"(?m)^(?P<m>[ ]{0,3}(?:[-*_][ \t]*){3,})$",                         # horizontal rule
    r"(?m)^(?P<m>[ ]{0,3}(?:=+|-+)[ \t]*)$",                             # setext underline
    r"(?m)^(?P<m>[ ]{0,3}(?:>[ ]?)+)",                                   # blockquote markers
    r"(?m)^(?P<m>[ ]{0,3}#{1,6}[ \t]+)",                                 # ATX heading opener
    r"(?m)(?<=\S)(?P<m>[ \t]+#+)[ \t]*$",                                # ATX heading closer
    r"(?m)^(?P<m>[ \t]{0,12}[-*+][ \t]+)(?=\S)",                         # bullet
    r"(?m)^(?P<m>[ \t]{0,12}\d{1,3}[.)][ \t]+)(?=\S)",                   # numbered list item
    r"(?m)^(?P<m>[ ]{0,3}\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*)$",  # table rule
    r"(?P<m>!?\[)[^\]\n]{0,300}(?P<m>\]\([^)\s]{0,2000}(?:[ \t]+\"[^\"\n]{0,300}\")?\))",   # [text](url)
    r"(?P<m>!?\[)[^\]\n]{1,300}(?P<m>\]\[[^\]\n]{0,100}\])",             # [text][ref]
    r"(?P<m>\*\*|__)(?=\S)[^*_\n]{1,300}(?<=\S)(?P<m>\*\*|__)",          # strong
    r"(?<![\w*])(?P<m>\*)(?=[^\s*])[^*\n]{1,300}(?<=[^\s*])(?P<m>\*)(?![\w*])",   # emphasis *x*
    r"(?<![\w_])(?P<m>_)(?=[^\s_])[^_\n]{1,300}(?<=[^\s_])(?P<m>_)(?![\w_])",     # emphasis _x_
    r"(?<!`)(?P<m>`++)[^`\n]{1,300}(?P<m>`++)",                          # inline code (a run tried once)
    r"(?P<m></?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>\n]{0,300})?/?>)",     # inline HTML tag
    r"(?P<m>\\)[\\`*_{}\[\]()#+\-.!|>]",                                 # backslash escape
    r"(?P<m>\|)",                                                        # table cell separator
]


@lru_cache(maxsize=1)
def _md_patterns():
    return [rx.compile(p, regex.VERSION1) for p in _MD_PATTERNS]


def markdown_markup(raw: str) -> list[tuple[int, int]]:
    """Raw spans of Markdown markup (sorted, non-overlapping, never a line break)."""
    taken = bytearray(len(raw) + 1)
    spans: list[tuple[int, int]] = []
    for pat in _md_patterns():
        for m in pat.finditer(raw):
            for s, e in zip(m.starts("m"), m.ends("m")):
                if e > s and not any(taken[s:e]):
                    taken[s:e] = b"\x01" * (e - s)
                    spans.append((s, e))
    return sorted(spans)
