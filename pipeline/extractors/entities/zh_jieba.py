"""A jieba tokenizer that gives jieba's exact segmentation (accurate mode), faster.

jieba's ``Tokenizer.cut`` builds a DAG dict per block, then a route dict with ``max`` over a
generator of tuples, then walks it.  :class:`FastTokenizer` computes the route in one right-to-left
pass over the characters with the same floating-point expression (``log(freq) - log(total) +
route``) and the same tie rule (the longer word wins), and keeps the words of each block it has
cut (blocks repeat: clauses, headings, boilerplate) and of each HMM guess.  Any change to the
dictionary (``add_word``, ``del_word``, jieba's global force-split words) drops those caches.
Full mode (``cut_all``) and paddle go to jieba unchanged.  tests/test_zh_jieba.py compares it
with ``jieba.Tokenizer`` on the corpora and on generated text.
"""
from __future__ import annotations

from math import log

from .lexicon import import_jieba

jieba = import_jieba()          # without pkg_resources (lexicon.import_jieba)
from jieba import finalseg, re_eng, re_han_default, re_skip_default  # noqa: E402

CACHE_LIMIT = 20_000        # blocks (~0.5 kB each) and HMM guesses kept; all dropped when full


class FastTokenizer(jieba.Tokenizer):
    def __init__(self, dictionary=jieba.DEFAULT_DICT):
        super().__init__(dictionary)
        self._blocks: dict[tuple[str, bool], tuple[str, ...]] = {}
        self._guesses: dict[str, tuple[str, ...]] = {}
        self._force_split = 0

    def add_word(self, word, freq=None, tag=None):
        super().add_word(word, freq, tag)
        self._blocks.clear()
        self._guesses.clear()

    def cut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        if cut_all or use_paddle:
            yield from super().cut(sentence, cut_all, HMM, use_paddle)
        else:
            yield from self._words(jieba.strdecode(sentence), HMM)

    def lcut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        """``list(cut(...))``, built as a list (no generator step per word)."""
        if cut_all or use_paddle:
            return list(super().cut(sentence, cut_all, HMM, use_paddle))
        return self._words(jieba.strdecode(sentence), HMM)

    def _words(self, sentence: str, HMM: bool) -> list[str]:
        """jieba's ``cut`` in accurate mode: Han/alphanumeric blocks through the DAG (cached per
        block), whitespace runs whole, any other character alone."""
        self.check_initialized()
        if len(finalseg.Force_Split_Words) != self._force_split:
            self._force_split = len(finalseg.Force_Split_Words)
            self._blocks.clear()
            self._guesses.clear()
        blocks = self._blocks
        out: list[str] = []
        for blk in re_han_default.split(sentence):
            if not blk:
                continue
            if re_han_default.match(blk):
                words = blocks.get((blk, HMM))
                if words is None:
                    words = tuple(self._cut_hmm(blk) if HMM else self._cut_plain(blk))
                    if len(blocks) >= CACHE_LIMIT:
                        blocks.clear()
                    blocks[blk, HMM] = words
                out.extend(words)
            else:
                for x in re_skip_default.split(blk):
                    if re_skip_default.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _route(self, sentence: str) -> list[int]:
        """For each start, the end (exclusive) of the word the best path takes there: jieba's
        ``get_DAG`` + ``calc`` in one pass (same sums in the same order, ties to the longer word)."""
        freq = self.FREQ
        logtotal = log(self.total)
        n = len(sentence)
        score = [0.0] * (n + 1)
        end = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            best = None
            x = k
            frag = sentence[k]
            while x < n and frag in freq:
                f = freq[frag]
                if f:
                    s = log(f) - logtotal + score[x + 1]
                    if best is None or s >= best:
                        best, bx = s, x
                x += 1
                frag = sentence[k:x + 1]
            if best is None:
                best, bx = log(freq.get(sentence[k]) or 1) - logtotal + score[k + 1], k
            score[k] = best
            end[k] = bx + 1
        return end

    def _cut_plain(self, sentence: str):
        """jieba's ``__cut_DAG_NO_HMM``."""
        end = self._route(sentence)
        x, n, buf = 0, len(sentence), ""
        while x < n:
            y = end[x]
            word = sentence[x:y]
            if y - x == 1 and re_eng.match(word):
                buf += word
            else:
                if buf:
                    yield buf
                    buf = ""
                yield word
            x = y
        if buf:
            yield buf

    def _guess(self, buf: str) -> tuple[str, ...]:
        words = self._guesses.get(buf)
        if words is None:
            words = tuple(finalseg.cut(buf))
            if len(self._guesses) >= CACHE_LIMIT:
                self._guesses.clear()
            self._guesses[buf] = words
        return words

    def _cut_hmm(self, sentence: str):
        """jieba's ``__cut_DAG``: runs of single characters not in the dictionary go to the HMM."""
        end = self._route(sentence)
        freq = self.FREQ
        x, n, buf = 0, len(sentence), ""
        while x < n:
            y = end[x]
            if y - x == 1:
                buf += sentence[x]
            else:
                if buf:
                    yield from self._single_run(buf, freq)
                    buf = ""
                yield sentence[x:y]
            x = y
        if buf:
            yield from self._single_run(buf, freq)

    def _single_run(self, buf: str, freq: dict):
        """A run of single characters: one word, the HMM's guess (unknown), or each character."""
        if len(buf) == 1:
            return (buf,)
        return self._guess(buf) if not freq.get(buf) else buf
