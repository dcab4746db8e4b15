#!/usr/bin/env python
"""Build ``dictionaries/twin-context.tsv``: which twin the Quran writes after a word.

Reproducible: the same ``quran-index.tsv`` gives a byte-identical file.

    python scripts/build_twin_context.py                         # from dictionaries/
    python scripts/build_twin_context.py --quran-index Q.tsv --out /tmp/out   # tests

The twins are the words a writer who leaves out the hamza cannot tell apart: ``أن`` and
``إن`` (with their pronouns: ``أنه``/``إنه``, ``أنها``/``إنها``, ...), ``إلا`` and
``ألا``, ``أما`` and ``إما``.  For each twin met in the imla'i spelling of the muṣḥaf
(``quran-index.tsv``, itself built from quran-text), the word before it in the same
ayah is counted; a row is kept when that word came before the family's twins at least
:data:`MIN_COUNT` times and one twin took at least :data:`MIN_SHARE` of them (after
``قالوا`` always ``إن``; after ``لو`` always ``أن``).  The first word of an ayah is not
counted: :mod:`lialia.context` has its own rule for the start of a sentence.

Each row is ``family<TAB>previous<TAB>twin<TAB>count`` under the header
``#lialia-wordlist v1 twin-context``, sorted by family then previous word: ``family``
is the twins' shared spelling without hamza (``ان``, ``الا``, ``اما``), ``previous``
the previous word's imla'i spelling with its alef forms folded to a bare alef
(:func:`lialia.context.fold_alef`), ``twin`` the twin's first letter as the Quran
writes it (``أ`` or ``إ``), ``count`` how many times the family followed that word.
The table holds counts of word pairs, not the text.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quran_index_tables import build, index_rows  # noqa: E402

HEADER = "#lialia-wordlist v1 twin-context"
FILENAME = "twin-context.tsv"
#: the fewest times a word must come before a family's twins to make a row
MIN_COUNT = 5
#: the share of those times one twin must take
MIN_SHARE = 0.9
#: the alef forms folded to a bare alef in the previous word (hamza slips do not count)
_FOLD = str.maketrans("أإآٱ", "اااا")
#: the pronouns ``أن``/``إن`` take, as the imla'i text attaches them
_PRONOUNS = ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ي", "ني", "نا", "ا")


def family_of(word: str) -> tuple[str, str] | None:
    """``(family, first letter)`` of a twin as written in the muṣḥaf, else None.

    >>> family_of("إنهم"), family_of("ألا"), family_of("قال")
    (('ان', 'إ'), ('الا', 'أ'), None)
    """
    if len(word) < 2 or word[0] not in "أإ":
        return None
    rest = word[1:]
    if rest in ("لا", "ما"):
        return "ا" + rest, word[0]
    if rest.startswith("ن") and rest[1:] in _PRONOUNS:
        return "ان", word[0]
    return None


def ayahs(index: Path) -> Iterator[list[str]]:
    """The imla'i words of each ayah of ``quran-index.tsv``, in muṣḥaf order."""
    current: tuple[str, str] | None = None
    words: list[str] = []
    for surah, ayah, _position, uthmani, imlai in index_rows(index):
        if (surah, ayah) != current:
            if words:
                yield words
            current, words = (surah, ayah), []
        words.extend((imlai or uthmani).split(" "))
    if words:
        yield words


def count(index: Path) -> dict[tuple[str, str], Counter[str]]:
    """For each ``(family, previous word)``: how often each twin followed it."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for words in ayahs(index):
        for previous, word in zip(words, words[1:], strict=False):
            found = family_of(word)
            if found is not None:
                family, letter = found
                counts[family, previous.translate(_FOLD)][letter] += 1
    return counts


def table(counts: dict[tuple[str, str], Counter[str]]) -> list[str]:
    """The rows kept (:data:`MIN_COUNT`, :data:`MIN_SHARE`), sorted."""
    rows = []
    for (family, previous), letters in sorted(counts.items()):
        total = sum(letters.values())
        letter, times = min(letters.items(), key=lambda item: (-item[1], item[0]))
        if total >= MIN_COUNT and times >= MIN_SHARE * total:
            rows.append(f"{family}\t{previous}\t{letter}\t{total}")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Build the file; print a summary; return 0."""
    description = __doc__.split("\n\n")[0]
    return build(argv, description, FILENAME, HEADER, lambda index: table(count(index)))


if __name__ == "__main__":
    sys.exit(main())
