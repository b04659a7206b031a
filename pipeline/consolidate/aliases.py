"""The user's entity decisions: ``corpus/aliases.yaml`` (optional), applied after extraction.

The file is a YAML list; each item is one decision::

    # my corrections
    - merge: [Aksu, Aksu City, 阿克苏市]     # these names are one entity …
      canonical: Aksu City                  # … called this
      label: PLACE                          # optional: PLACE ORG PERSON PRODUCT PLATFORM EVENT_NAME
    - not_entity: 夏牧场                     # this is not an entity (surface or canonical)

A name matches an entity mention whose text or canonical is that name (exactly, after Unicode
NFKC).  The run applies the file to the fact table (``canonical``/``label`` rewritten, not-entities
dropped; ``fact_id`` kept, so review decisions stay attached) and the entity table groups by the
result.  Applied in consolidation, after the per-file cache: editing the file redoes no extraction.

``add_alias`` / ``add_not_entity`` append one item: the old text is kept byte for byte (comments
too), the result must parse, and it is written to a temporary file and renamed.
"""
from __future__ import annotations

import os
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd
import yaml

from ..errors import FactmineError
from ..extractors.entities.lexicon import LABELS

FILENAME = "aliases.yaml"
HEADER = ("# factmine entity aliases: one decision per item (see docs/entities.md)\n"
          "#   - merge: [NAME, NAME]   canonical: NAME   label: PLACE|ORG|PERSON|PRODUCT|PLATFORM|EVENT_NAME\n"
          "#   - not_entity: NAME\n")


class AliasFileError(FactmineError):
    """corpus/aliases.yaml is malformed (the message names the file, the item and the reason)."""


@dataclass
class UserAliases:
    merge: dict[str, tuple[str, str | None]] = field(default_factory=dict)   # name → (canonical, label)
    not_entity: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.merge or self.not_entity)


def _norm(name: str) -> str:
    return unicodedata.normalize("NFKC", str(name)).strip()


def _names(value, where: str) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(x, (str, int)) and str(x).strip()
                                                            for x in items):
        raise AliasFileError(f"{where}: expected a name or a list of names")
    return [_norm(x) for x in items]


def parse(text: str, path: Path) -> UserAliases:
    """Validate and read the file's text; raises AliasFileError with a one-line reason."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark is not None else ""
        raise AliasFileError(f"{path}: not valid YAML{at}") from None
    out = UserAliases()
    if data is None:
        return out
    if not isinstance(data, list):
        raise AliasFileError(f"{path}: expected a list of items (- merge: … / - not_entity: …)")
    for i, item in enumerate(data, 1):
        where = f"{path}: item {i}"
        if not isinstance(item, dict):
            raise AliasFileError(f"{where}: expected 'merge:' or 'not_entity:'")
        unknown = set(item) - {"merge", "canonical", "label", "not_entity"}
        if unknown:
            raise AliasFileError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        if "not_entity" in item:
            if set(item) != {"not_entity"}:
                raise AliasFileError(f"{where}: 'not_entity' stands alone")
            out.not_entity.update(_names(item["not_entity"], where))
            continue
        if "merge" not in item:
            raise AliasFileError(f"{where}: expected 'merge:' or 'not_entity:'")
        canonical = item.get("canonical")
        if not isinstance(canonical, str) or not canonical.strip():
            raise AliasFileError(f"{where}: merge needs 'canonical: NAME'")
        label = item.get("label")
        if label is not None and label not in LABELS:
            raise AliasFileError(f"{where}: label {label!r} is not one of {', '.join(LABELS)}")
        for name in _names(item["merge"], where) + [_norm(canonical)]:
            out.merge[name] = (_norm(canonical), label)
    return out


def load(corpus: Path) -> UserAliases:
    """The corpus's aliases file, or no aliases when there is none."""
    path = Path(corpus) / FILENAME
    if not path.is_file():
        return UserAliases()
    return parse(path.read_text(encoding="utf-8-sig"), path)


def apply(facts: pd.DataFrame, aliases: UserAliases) -> pd.DataFrame:
    """Entity rows renamed/relabelled by ``merge`` and dropped by ``not_entity``; other rows as they are."""
    if not aliases or facts.empty:
        return facts
    ent = facts["kind"] == "entity"
    text = facts["text"].astype(object).map(lambda v: _norm(v) if isinstance(v, str) else "")
    canon = facts["canonical"].astype(object).map(lambda v: _norm(v) if isinstance(v, str) else "")
    drop = ent & (text.isin(aliases.not_entity) | canon.isin(aliases.not_entity))
    facts = facts[~drop].copy()
    ent, text, canon = ent[~drop], text[~drop], canon[~drop]
    for i in facts.index[ent]:
        hit = aliases.merge.get(text[i]) or aliases.merge.get(canon[i])
        if hit is not None:
            facts.at[i, "canonical"] = hit[0]
            if hit[1]:
                facts.at[i, "label"] = hit[1]
    return facts.reset_index(drop=True)


def apply_file(facts: pd.DataFrame, corpus: Path) -> tuple[pd.DataFrame, str | None]:
    """``apply`` with the corpus's file; a malformed file is reported (one line) and ignored."""
    try:
        return apply(facts, load(corpus)), None
    except AliasFileError as exc:
        return facts, str(exc)


def _append(corpus: Path, item: str) -> Path:
    """Append one YAML item to the file atomically; the old text is kept as it is."""
    path = Path(corpus) / FILENAME
    old = path.read_text(encoding="utf-8-sig") if path.is_file() else HEADER
    parse(old, path)                    # never append to a file we cannot read back
    new = old + ("" if old.endswith("\n") or not old else "\n") + item
    parse(new, path)
    fd, tmp = tempfile.mkstemp(prefix=f".{FILENAME}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(new)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _quote(name: str) -> str:
    return yaml.safe_dump(str(name), allow_unicode=True, default_style='"', width=10 ** 6).strip()


def add_alias(corpus: Path, names: Iterable[str], canonical: str, label: str | None = None) -> Path:
    """Append "these names are one entity, canonical X (label L)" to corpus/aliases.yaml."""
    names = [n for n in (str(x).strip() for x in names) if n]
    if not names or not str(canonical).strip():
        raise AliasFileError("alias: give at least one name and a canonical name")
    if label is not None and label not in LABELS:
        raise AliasFileError(f"alias: label {label!r} is not one of {', '.join(LABELS)}")
    item = f"- merge: [{', '.join(_quote(n) for n in names)}]\n  canonical: {_quote(canonical)}\n"
    if label:
        item += f"  label: {label}\n"
    return _append(corpus, item)


def add_not_entity(corpus: Path, name: str) -> Path:
    """Append "NAME is not an entity" to corpus/aliases.yaml."""
    if not str(name).strip():
        raise AliasFileError("alias: give the name that is not an entity")
    return _append(corpus, f"- not_entity: {_quote(name)}\n")
