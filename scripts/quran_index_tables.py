"""What the scripts that build a table from ``dictionaries/quran-index.tsv`` share:
reading its rows, and the command line that writes the table
(``build_twin_context.py``, ``build_quran_uthmani.py``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INDEX = REPO / "dictionaries" / "quran-index.tsv"
DEFAULT_OUT = REPO / "dictionaries"
INDEX_HEADER = "#lialia-wordlist v1 quran-index"


def index_rows(index: Path) -> Iterator[tuple[str, str, str, str, str]]:
    """``(surah, ayah, position, uthmani, imla'i)`` of every word of ``quran-index.tsv``,
    in muṣḥaf order (the imla'i empty where the muṣḥaf gives none)."""
    with index.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n")
        if header != INDEX_HEADER:
            raise ValueError(f"{index}: not a quran-index.tsv (header {header!r})")
        for line in handle:
            surah, ayah, position, uthmani, imlai = line.rstrip("\n").split("\t")
            yield surah, ayah, position, uthmani, imlai


def build(
    argv: Sequence[str] | None,
    description: str,
    filename: str,
    header: str,
    rows_of: Callable[[Path], list[str]],
) -> int:
    """The command line of such a script: ``--quran-index`` (the shipped one by default)
    and ``--out`` (``dictionaries/``); writes ``header`` and the rows ``rows_of`` makes of
    the index into ``filename``, prints a summary and returns 0."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quran-index", type=Path, default=DEFAULT_INDEX)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    rows = rows_of(args.quran_index)
    args.out.mkdir(parents=True, exist_ok=True)
    text = "\n".join([header, *rows]) + "\n"
    (args.out / filename).write_text(text, encoding="utf-8", newline="\n")
    print(f"{filename}: {len(rows)} rows from {args.quran_index.name}")
    return 0
