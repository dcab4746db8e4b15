#!/usr/bin/env python
"""Build ``dictionaries/quran-index.tsv``, the text ``lialia search`` finds words in.

Reproducible: the same quran-text version gives a byte-identical file.

    python scripts/build_quran_index.py                     # from quran-text's hafs.json
    python scripts/build_quran_index.py --quran-json Q.json --out /tmp/out   # tests

The file holds every word of the Ḥafṣ muṣḥaf of quran-text 0.1.0, in muṣḥaf order, one
word a line: ``surah<TAB>ayah<TAB>position<TAB>uthmani<TAB>imlai`` under the header
``#lialia-wordlist v1 quran-index``.  ``position`` counts the words of the ayah from 1;
``uthmani`` is the package's own code points (no pause signs: quran-text keeps those
apart from the words); ``imlai`` is its imla'i spelling, empty where it has none, and
may hold two words (``أو لم``) where the muṣḥaf writes one.  lialia compiles the file
into its search index on first use (:mod:`lialia.quran`); run time does not need
quran-text.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

HEADER = "#lialia-wordlist v1 quran-index"
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "dictionaries"
FILENAME = "quran-index.tsv"


def hafs_json(path: Path | None) -> Path:
    """quran-text's bundled ``hafs.json``, or the file given."""
    if path is not None:
        return path
    import quran_text  # build-time only

    return Path(quran_text.__file__).with_name("quran_text_data") / "hafs.json"


def rows(data: dict[str, object]) -> Iterator[tuple[int, int, int, str, str]]:
    """``(surah, ayah, position, uthmani, imlai)`` for every word, in muṣḥaf order."""
    words = data["words"]
    imlai = data["rasm_imlai"]
    ayah_starts = data["ayah_starts"]
    surahs = data["surahs"]
    assert isinstance(words, list) and isinstance(imlai, list)
    assert isinstance(ayah_starts, list) and isinstance(surahs, list)
    if len(words) != len(imlai):
        raise ValueError(f"{len(words)} words but {len(imlai)} imla'i forms")
    # the global number of each surah's first ayah, to turn an ayah index into a number
    firsts = [int(surah["first_ayah"]) for surah in surahs]
    for index, (word, plain) in enumerate(zip(words, imlai, strict=True)):
        ayah_index = bisect.bisect_right(ayah_starts, index) - 1
        surah_index = bisect.bisect_right(firsts, ayah_index) - 1
        surah = surahs[surah_index]
        ayah = ayah_index - firsts[surah_index] + 1
        if not 1 <= ayah <= int(surah["ayah_count"]):
            raise ValueError(f"word {index}: ayah {ayah} outside surah {surah['number']}")
        position = index - ayah_starts[ayah_index] + 1
        for field in (word, plain or ""):
            if "\t" in field or "\n" in field:
                raise ValueError(f"word {index}: a tab or a line break in {field!r}")
        yield int(surah["number"]), ayah, position, word, plain or ""


def write_index(source: Path, out: Path) -> int:
    """Write ``out/quran-index.tsv`` from a hafs.json-format file; returns the word count."""
    data = json.loads(source.read_text(encoding="utf-8"))
    lines = [HEADER]
    for surah, ayah, position, word, plain in rows(data):
        lines.append(f"{surah}\t{ayah}\t{position}\t{word}\t{plain}")
    out.mkdir(parents=True, exist_ok=True)
    (out / FILENAME).write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return len(lines) - 1


def main(argv: Sequence[str] | None = None) -> int:
    """Build the file; print a summary; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--quran-json", type=Path, help="hafs.json-format file instead of quran-text's"
    )
    args = parser.parse_args(argv)
    source = hafs_json(args.quran_json)
    count = write_index(source, args.out)
    print(f"{FILENAME}: {count} words from {source.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
