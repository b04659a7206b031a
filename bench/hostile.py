"""Pathological input shapes (issue 8): seconds per stage at the sizes the issue names.

    python bench/hostile.py [SHAPE ...]

Prints one line per shape: characters, ingest seconds, and seconds per extractor.
"""
from __future__ import annotations

import sys
import time

from pipeline.extractors import extract_all
from pipeline.ingest import ingest_text

SHAPES = {
    "list_like_20000_lines": lambda: "\n".join(
        f"{2000 + i % 25}年{1 + i % 12}月 销量 {i % 999}.{i % 10} 亿元 增长 {i % 50}%" if i % 2
        else f"- {i % 28 + 1} March 2021: 3.{i} million units, up {i % 9}%" for i in range(20000)),
    "one_line_3mb_dense": lambda: "sales rose 5 percent to 3 million yuan in 2021 and " * 60000,
    "one_line_1mb_sparse": lambda: ("sales rose 5 percent to 3 million yuan in 2021 "
                                    + "and the county kept building roads and markets for the farmers " * 120) * 130,
    "yi_100000": lambda: "亿" * 100_000,
    "digits_100000": lambda: "1" * 100_000,
    "spaces_100000": lambda: "a" + " " * 100_000 + "b",
    "dots_100000": lambda: "5" + "." * 100_000 + " A",
    "brackets_10000": lambda: "(" * 10_000 + "x" + ")" * 10_000,
    "combining_50000": lambda: "e" + "\u0301" * 50_000 + " 5 percent",
    "zh_no_punctuation_950k": lambda: "新疆网上零售额达七百二十三亿元同比增长" * 50000,
}


def main(names: list[str]) -> None:
    extract_all(ingest_text("Sales rose 5% in 2021 in Aksu. 去年增长5%。", "warm-up"))
    for name in names or SHAPES:
        text = SHAPES[name]()
        t = time.perf_counter()
        doc = ingest_text(text, name)
        cols = [f"ingest {time.perf_counter() - t:6.2f}"]
        for kind in ("figure", "entity", "event"):
            t = time.perf_counter()
            n = len(extract_all(doc, [kind]))
            cols.append(f"{kind} {time.perf_counter() - t:6.2f} ({n})")
        print(f"{name:24} {len(text):>9,} chars  " + "  ".join(cols), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
