"""A fingerprint of lialia's suggestions, to prove that a speed-up changed nothing.

    python benchmarks/suggest_identity.py --out before.tsv          # dump
    python benchmarks/suggest_identity.py --compare before.tsv      # dump again and compare

For a fixed list of misspelled words (made here from the shipped word lists with seeded
edits, so the list is the same on every machine and derives from no evaluation data),
each word's ranked suggestions (word, score, reason) and whether the first is confident
are written one word a line, under three configurations of the checker: msa alone, msa
and quran, and msa with a project's own words.  ``--zaebuc`` adds the distinct raw
tokens of ZAEBUC train read at run time from ``../shared/data`` (never written into the
repository: the dump goes where ``--out`` says, outside it).  Not part of the test run.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from common import REPO, data_dir, distinct, read_zaebuc

#: words made per configuration
WORDS = 3000
SEED = 20261122
#: letters that stand in for each other in real slips, and any letter at all
CONFUSABLE = ("اأإآ", "هة", "يى", "ضظد", "سصث", "تط", "قك", "ذزد", "ءؤئ")
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
#: a project's own words, for the third configuration
EXTRA = ("لياليا", "بايثون", "جافاسكربت", "كوبرنيتس")


def read_list(name: str) -> list[tuple[str, int]]:
    """(word, frequency) of a shipped lexicon list (``msa``), header skipped."""
    path = REPO / "dictionaries" / f"{name}.tsv"
    with path.open(encoding="utf-8") as handle:
        next(handle)
        return [(w, int(f)) for w, f in (line.rstrip("\n").split("\t")[:2] for line in handle)]


def slip(word: str, rng: random.Random) -> str:
    """``word`` with one or two seeded edits of the kinds writers make."""
    for _ in range(1 if rng.random() < 0.7 else 2):
        if len(word) < 2:
            break
        pos = rng.randrange(len(word))
        kind = rng.random()
        if kind < 0.35:  # a confusable letter
            group = next((g for g in CONFUSABLE if word[pos] in g), LETTERS)
            word = word[:pos] + rng.choice(group) + word[pos + 1 :]
        elif kind < 0.55:  # a letter left out
            word = word[:pos] + word[pos + 1 :]
        elif kind < 0.7:  # a letter added
            word = word[:pos] + rng.choice(LETTERS) + word[pos:]
        elif kind < 0.8 and pos + 1 < len(word):  # two letters swapped
            word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
        elif kind < 0.9:  # a clitic written before it
            word = rng.choice(("و", "ب", "ل", "وال", "بال", "فال", "لل", "ك")) + word
        else:  # a letter replaced by any other
            word = word[:pos] + rng.choice(LETTERS) + word[pos + 1 :]
    return word


def made_words(count: int) -> list[str]:
    """``count`` seeded misspellings of msa words, common words more often than rare."""
    rng = random.Random(SEED)
    entries = read_list("msa")
    top = sorted(entries, key=lambda e: -e[1])[:40_000]
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < count:
        base = rng.choice(top)[0] if rng.random() < 0.7 else rng.choice(entries)[0]
        made = slip(base, rng)
        if made not in seen:
            seen.add(made)
            words.append(made)
    # and a few glued pairs (لايخافون), too long runs and short words
    for _ in range(count // 20):
        words.append(rng.choice(("لا", "في", "من", "ما", "ان")) + rng.choice(top)[0])
    words += ["كتاب" * 6, "اب", "ال", "فى", "الى", "مسؤليه"]
    return distinct(words)


def fingerprint(words: Sequence[str], lexicons: tuple[str, ...], extra: Iterable[str]) -> list[str]:
    """One line a word: ``word<TAB>key<TAB>confident<TAB>word:score:reason|...``."""
    from lialia import SpellChecker

    checker = SpellChecker(lexicons=lexicons, extra_words=extra)
    lines = []
    for word in words:
        verdict = checker._verdict(word)  # noqa: SLF001 (the engine's own ranking, unshown)
        if verdict is None:
            lines.append(f"{word}\t-")
            continue
        ranked = checker._rank(verdict[0])  # noqa: SLF001
        shown = "|".join(f"{s.word}:{s.score!r}:{s.reason}" for s in ranked.suggestions)
        lines.append(f"{word}\t{verdict[0]}\t{verdict[1].name}\t{int(ranked.confident)}\t{shown}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Dump the fingerprint; with ``--compare``, exit 1 on the first difference."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="write the dump here")
    parser.add_argument("--compare", type=Path, help="compare with an earlier dump")
    parser.add_argument("--words", type=int, default=WORDS)
    parser.add_argument("--zaebuc", action="store_true", help="add ZAEBUC train's raw tokens")
    parser.add_argument("--data", type=Path, help="the shared data folder (../shared/data)")
    args = parser.parse_args(argv)
    words = made_words(args.words)
    if args.zaebuc:
        train = read_zaebuc(data_dir(args.data), "train")
        words = distinct([*words, *(t.raw for s in train for t in s if t.single)])
    start = time.perf_counter()
    lines = ["# msa", *fingerprint(words, ("msa",), ())]
    few = words[: len(words) // 3]
    lines += ["# msa+quran", *fingerprint(few, ("msa", "quran"), ())]
    lines += ["# msa+extra", *fingerprint(few, ("msa",), EXTRA)]
    seconds = time.perf_counter() - start
    text = "\n".join(lines) + "\n"
    digest = hashlib.sha256(text.encode()).hexdigest()
    print(f"{len(lines)} lines in {seconds:.1f} s, sha256 {digest}", file=sys.stderr)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    if args.compare:
        before = args.compare.read_text(encoding="utf-8").split("\n")
        for number, (old, new) in enumerate(zip(before, text.split("\n"), strict=False), 1):
            if old != new:
                print(f"line {number} differs:\n- {old}\n+ {new}", file=sys.stderr)
                return 1
        if len(before) != len(text.split("\n")):
            print("the dumps differ in length", file=sys.stderr)
            return 1
        print("identical", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
