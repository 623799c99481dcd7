"""'Did you mean …?': the known name closest to a misspelt one, without comparing it with all.

difflib.get_close_matches compares a word with every known name, which for
a thousand misspelt ids of a plan of ten thousand is ten million comparisons
(52 s). Known names are indexed by their trigrams (three characters in a
row, the word's ends marked); a word is compared, by difflib as before,
only with the names that share the most of its rarer trigrams. A few
hundred names or fewer are compared with all, as difflib does.
"""

from __future__ import annotations

import difflib
import heapq
from collections import Counter
from collections.abc import Iterable
from itertools import chain

#: Up to this many names, a word is compared with every one (difflib itself).
_DIRECT = 300
#: How many names, sharing the most trigrams with the word, difflib compares it with.
_SHORTLIST = 20
#: A trigram in more names than this (and than a twentieth of them) says little about a
#: word: 'ind' in ten thousand ids. The word's three rarest are used even so.
_COMMON = 200


def _trigrams(word: str) -> set[str]:
    marked = f"\x02{word}\x03"
    return {marked[i : i + 3] for i in range(len(marked) - 2)}


class Suggestions:
    """Known names, indexed by their trigrams to find the one closest to a misspelt name.

    The index is built when a first name is looked up: most plans have no
    misspelt name, and build none.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.names = list(dict.fromkeys(names))
        self.index: dict[str, list[int]] = {}
        self.sizes: list[int] = []
        self.common = max(_COMMON, len(self.names) // 20)

    def closest(self, word: str, cutoff: float = 0.6) -> str | None:
        """The known name most like word (difflib's ratio, at least cutoff), or None."""
        candidates = self.names if len(self.names) <= _DIRECT else self._shortlist(word)
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)
        return close[0] if close else None

    def _shortlist(self, word: str) -> list[str]:
        if not self.sizes:
            for number, name in enumerate(self.names):
                grams = _trigrams(name)
                self.sizes.append(len(grams))
                for gram in grams:
                    self.index.setdefault(gram, []).append(number)
        postings = sorted(
            (self.index[gram] for gram in _trigrams(word) if gram in self.index), key=len
        )
        rare = [p for i, p in enumerate(postings) if i < 3 or len(p) <= self.common]
        shared = Counter(chain.from_iterable(rare))
        # the names sharing the largest part of their trigrams with the word (Dice's measure)
        best = heapq.nlargest(
            _SHORTLIST, shared, key=lambda number: shared[number] / self.sizes[number]
        )
        return [self.names[number] for number in best]
