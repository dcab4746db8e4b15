#!/usr/bin/env python
"""Build ``dictionaries/quran-uthmani.tsv``: the Quran's word forms that only its
Uthmani spelling writes.

Reproducible: the same ``quran-index.tsv`` gives a byte-identical file.

    python scripts/build_quran_uthmani.py                         # from dictionaries/
    python scripts/build_quran_uthmani.py --quran-index Q.tsv --out /tmp/out   # tests

``quran.tsv`` (the quran lexicon, :mod:`scripts.build_dictionaries`) holds every word of
the muṣḥaf twice: in its imla'i (modern) spelling and, where that differs once
normalised, in its Uthmani spelling (ٱلۡعَٰلَمِينَ gives العالمين and العلمين).  Some
Uthmani forms, stripped of their marks, are exactly what modern prose calls a
misspelling (ٱلَّٰٓـِٔي gives الي, the commonest slip for إلى; ءَامَنُوٓاْ gives ءامنوا),
so a checker with both lexicons would accept them in prose.  This list names those
forms, so that :mod:`lialia.lexicon` can tell them from the imla'i ones (آلله, يحى,
وادكر are imla'i spellings of the muṣḥaf and stay words).

Each row is ``form<TAB>imla'i<TAB>count`` under the header
``#lialia-wordlist v1 quran-uthmani``, sorted by form: ``form`` a normalised Uthmani
word form (as ``quran.tsv`` keys it) that is no word's normalised imla'i form,
``imla'i`` the imla'i spelling the muṣḥaf gives it most often (words joined by a space
where the imla'i text writes it as two), ``count`` how many times the form occurs.
It holds word forms and counts, not the text.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_dictionaries import UTHMANI_MADDAH, lexicon_key  # noqa: E402
from quran_index_tables import build, index_rows  # noqa: E402

HEADER = "#lialia-wordlist v1 quran-uthmani"
FILENAME = "quran-uthmani.tsv"


def words(index: Path) -> Iterator[tuple[str, str]]:
    """``(uthmani, imla'i)`` of every word of ``quran-index.tsv``, in muṣḥaf order (the
    imla'i empty where the muṣḥaf gives none)."""
    for _surah, _ayah, _position, uthmani, imlai in index_rows(index):
        yield uthmani, imlai


def keys_of(spelling: str) -> list[str]:
    """The lexicon keys of a spelling's words, as ``quran.tsv`` keys them."""
    found = []
    for part in spelling.replace(UTHMANI_MADDAH, "").split():
        key = lexicon_key(part)
        if key is not None:
            found.append(key)
    return found


def table(pairs: Iterator[tuple[str, str]]) -> list[str]:
    """The rows: Uthmani-only forms, their usual imla'i spelling and count, sorted."""
    imlai_forms: set[str] = set()
    readings: dict[str, Counter[str]] = defaultdict(Counter)
    for uthmani, imlai in pairs:
        plain = keys_of(imlai)
        imlai_forms.update(plain)
        for form in keys_of(uthmani):
            readings[form][" ".join(plain)] += 1
    rows = []
    for form in sorted(readings.keys() - imlai_forms):
        spelled = readings[form]
        usual, _ = min(spelled.items(), key=lambda item: (-item[1], item[0]))
        if usual:  # a form with no imla'i spelling at all (none here) has nothing to name
            rows.append(f"{form}\t{usual}\t{sum(spelled.values())}")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Build the file; print a summary; return 0."""
    description = __doc__.split("\n\n")[0]
    return build(argv, description, FILENAME, HEADER, lambda index: table(words(index)))


if __name__ == "__main__":
    sys.exit(main())
