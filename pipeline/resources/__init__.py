"""The one loader for rules and lexicons kept as data under ``pipeline/resources/``.

Layout: ``resources/<lang>/<topic>.yaml`` (lang = zh | en | es | common); the same topic name
in every language that has one.  Files are read once and cached.  ``alternation`` turns a word
list into a regex alternation, longest first, and refuses an empty list (an empty alternation
would match everywhere).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import regex
import yaml

from .. import rx

ROOT = Path(__file__).resolve().parent


# libyaml's C parser when PyYAML was built with it (the wheels are): 5-10x faster than the pure-Python
# one, which cost 7-8 % of a run.  Same constructor and resolvers, so the same data.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):
    """YAML 1.2 booleans: only true/false.  YAML 1.1 also reads yes/no/on/off as booleans, which
    silently turned the words "on" and "No" in our word lists into True and False."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", rx.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


class ResourceError(ValueError):
    """A resource file is missing or malformed."""


def path(lang: str, topic: str, suffix: str = ".yaml") -> Path:
    return ROOT / lang / f"{topic}{suffix}"


@lru_cache(maxsize=None)
def load(lang: str, topic: str) -> Any:
    """Parsed YAML of ``resources/<lang>/<topic>.yaml`` (cached)."""
    p = path(lang, topic)
    if not p.is_file():
        raise ResourceError(f"resource file missing: {p.relative_to(ROOT.parent)}")
    try:
        data = yaml.load(p.read_bytes(), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ResourceError(f"{p.name}: not valid YAML: {exc}") from exc
    if data is None:
        raise ResourceError(f"{p.relative_to(ROOT.parent)} is empty")
    return data


def alternation(words: Iterable[str], *, escape: bool = True) -> str:
    """``(?:longest|long|l)`` from words; raises on an empty list or an empty word."""
    items = sorted({w for w in words}, key=lambda w: (-len(w), w))
    if not items or any(not w for w in items):
        raise ResourceError("empty alternation: a word list in resources is empty or has an empty entry")
    return "(?:" + "|".join(regex.escape(w) if escape else w for w in items) + ")"
