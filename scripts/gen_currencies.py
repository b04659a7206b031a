"""Write ``pipeline/resources/common/currencies.tsv`` from CLDR through babel (pinned in pyproject).

    python scripts/gen_currencies.py            # rewrite the file
    python scripts/gen_currencies.py --check    # exit 1 if the committed file differs

Rows ``code<TAB>lang<TAB>kind<TAB>surface``:
  * ``name`` / ``plural``: the CLDR display name and its plural forms in zh (Simplified and
    Traditional), en and es (Spain and Latin America), e.g. ``CHF es plural francos suizos``;
  * ``symbol``: every symbol any CLDR locale writes for the code (``₾``, ``R$``, ``NT$``), lang
    ``common``; a symbol several currencies share (``$``, ``¥``, ``kr``) is kept once, for the code
    most locales use it for (ties: alphabetical) — the curated ``currencies.yaml`` overrides it.
Only codes that are current ISO 4217 tender or have a display name in all three languages are
written (``list_currencies()``); ISO codes themselves are recognised by the loader, not listed.
The file is committed so that the pipeline needs no babel at run time and diffs show data changes;
``tests/test_numbers.py`` checks that regenerating gives the same bytes.
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from babel import Locale
from babel.localedata import locale_identifiers
from babel.numbers import list_currencies

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "resources" / "common" / "currencies.tsv"
LOCALES = {"zh": ["zh", "zh_Hant"], "en": ["en", "en_GB", "en_IN"], "es": ["es", "es_419", "es_MX", "es_AR"]}


def _names(codes) -> set[tuple[str, str, str, str]]:
    rows = set()
    for lang, ids in LOCALES.items():
        for ident in ids:
            data = Locale.parse(ident)._data
            names, plurals = data["currency_names"], data["currency_names_plural"]
            for code in codes:
                if code in names and names[code] != code:
                    rows.add((code, lang, "name", names[code]))
                for form in (dict(plurals[code]).values() if code in plurals else ()):
                    if form != code:
                        rows.add((code, lang, "plural", form))
    return rows


def _symbols(codes) -> set[tuple[str, str, str, str]]:
    uses: dict[str, Counter] = defaultdict(Counter)
    for ident in locale_identifiers():
        symbols = Locale.parse(ident)._data["currency_symbols"]
        for code in codes:
            sym = symbols.get(code)
            if sym and sym != code and not sym.isspace():
                uses[sym][code] += 1
    rows = set()
    for sym, counter in uses.items():
        code = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        rows.add((code, "common", "symbol", sym))
    return rows


def build() -> str:
    codes = sorted(list_currencies())
    rows = sorted(_names(codes) | _symbols(codes))
    head = ("# Currency names and symbols from CLDR via babel (scripts/gen_currencies.py; do not edit by hand).\n"
            "# code\tlang\tkind\tsurface   (kind: name | plural | symbol; lang: zh | en | es | common)\n")
    return head + "".join("\t".join(r) + "\n" for r in rows)


def main() -> int:
    text = build()
    if "--check" in sys.argv:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("currencies.tsv is up to date" if same else "currencies.tsv differs from babel: regenerate it")
        return 0 if same else 1
    tmp = OUT.with_suffix(".tsv.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {OUT} ({text.count(chr(10)) - 2} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
