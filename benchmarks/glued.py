"""A synthetic benchmark of glued words: two frequent words written without the space.

    python benchmarks/glued.py                  # the official run: writes results/glued.*
    python benchmarks/glued.py --misses 30      # and print the first 30 misses

Arabic writers drop the space after a letter that does not join the next one
(ا أ إ آ د ذ ر ز و ؤ ة ى), because the gap is already visible: ``ماذاحدث`` for
``ماذا حدث``, ``كثيرمن`` for ``كثير من``.  ZAEBUC holds too few such words to measure
(dev: 10 merged words, most of them لا or ما before a verb), so this benchmark makes its
own, from lialia's shipped word list only (``dictionaries/msa.tsv``, no evaluation data):

- both words are among the :data:`TOP` most frequent valid words of two letters or more
  (frequencies from about 4,700 per billion words up), the first one ending in a
  non-joining letter (:data:`lialia.rank.NON_JOINING`);
- both drawn uniformly by a seeded RNG (``--seed``), glued, and kept only when the glued
  form is not itself valid (``أو`` + ``لها`` makes ``أولها``, a word: not a glue);
  pairs are drawn until :data:`CASES` distinct glued forms are kept.

Figures, as in ``accuracy.py``: **recall** (the glued form is flagged), **top-1** and
**top-5** (flagged, and the spaced pair is the first suggestion or among the first five).
The fixes ``lialia check --fix`` would apply unasked are counted too (right / fixes).
``accuracy.py`` reports the same top-1 beside ZAEBUC's merged words.  Only the default
run (seed, sizes) writes ``benchmarks/results/glued.json`` and ``glued.md``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import REPO, Verdict, commit, machine, now, save_page

from lialia import SpellChecker
from lialia.rank import NON_JOINING

COMMAND = "python benchmarks/glued.py"
#: how many of the most frequent words the two are drawn from
TOP = 20_000
#: how many glued forms are measured
CASES = 1000
SEED = 2026
WORDLIST = REPO / "dictionaries" / "msa.tsv"

Judge = Callable[[str], Verdict]


@dataclass
class GluedTally:
    """Counts over the glued forms, and the misses for the tuning loop."""

    n: int = 0
    flagged: int = 0
    top1: int = 0
    top5: int = 0
    misses: list[tuple[str, str, Verdict]] = field(default_factory=list)

    def add(self, glued: str, spaced: str, verdict: Verdict) -> None:
        """Count one glued form."""
        self.n += 1
        self.flagged += verdict.flagged
        found = verdict.suggestions[:5] if verdict.flagged else ()
        self.top1 += bool(found) and found[0] == spaced
        self.top5 += spaced in found
        if not found or found[0] != spaced:
            self.misses.append((glued, spaced, verdict))

    def figures(self) -> dict[str, float | int]:
        """The shares of ``n``: recall, top-1, top-5."""

        def share(count: int) -> float:
            return round(count / self.n, 4) if self.n else 0.0

        return {
            "n": self.n,
            "recall": share(self.flagged),
            "top1": share(self.top1),
            "top5": share(self.top5),
        }


def frequent_words(checker: SpellChecker, path: Path = WORDLIST) -> list[str]:
    """The valid words of two letters or more of the shipped list, most frequent first."""
    entries: list[tuple[int, str]] = []
    with path.open(encoding="utf-8") as lines:
        next(lines)  # the "#lialia-wordlist" header
        for line in lines:
            word, freq = line.rstrip("\n").split("\t")
            if len(word) >= 2:
                entries.append((-int(freq), word))
    entries.sort()
    valid = checker.lexicon.valid_as_written([word for _, word in entries])
    return [word for _, word in entries if word in valid and checker.is_correct(word)]


def make_cases(
    checker: SpellChecker,
    *,
    seed: int = SEED,
    cases: int = CASES,
    top: int = TOP,
) -> list[tuple[str, str]]:
    """(glued, spaced) pairs: a frequent word ending in a non-joining letter, glued to a
    frequent word, the glued form not itself a valid word; seeded, so reproducible."""
    tails = frequent_words(checker)[:top]
    heads = [word for word in tails if word[-1] in NON_JOINING]
    rng = random.Random(seed)
    found: dict[str, str] = {}
    for _ in range(cases * 50):  # a bound, never reached with the default sizes
        if len(found) == cases:
            break
        head, tail = rng.choice(heads), rng.choice(tails)
        glued = head + tail
        if glued not in found and checker.lexicon.support(glued) is None:
            found[glued] = f"{head} {tail}"
    return list(found.items())


def measure(judge: Judge, cases: Sequence[tuple[str, str]]) -> GluedTally:
    """Judge each glued form with one system."""
    tally = GluedTally()
    for glued, spaced in cases:
        tally.add(glued, spaced, judge(glued))
    return tally


def auto_fixes(checker: SpellChecker, cases: Sequence[tuple[str, str]]) -> dict[str, int]:
    """What ``lialia check --fix`` would write unasked: how many glued forms it fixes,
    and how many of those fixes are the spaced pair."""
    fixed = right = 0
    for glued, spaced in cases:
        found = checker.check(glued)
        if found and found[0].replacement is not None:
            fixed += 1
            right += found[0].replacement == spaced
    return {"fixed": fixed, "right": right}


def lialia_judge(checker: SpellChecker) -> Judge:
    """lialia's verdict on one word, as ``accuracy.py`` asks it (probable counts)."""

    def judge(word: str) -> Verdict:
        if checker.severity(word) is None:
            return Verdict(False)
        return Verdict(True, tuple(s.word for s in checker.suggest(word, limit=5)))

    return judge


def glued_figures(judge: Judge, checker: SpellChecker | None = None) -> dict[str, float | int]:
    """The default benchmark's figures for ``judge`` (``accuracy.py``'s row)."""
    cases = make_cases(checker or SpellChecker())
    return measure(judge, cases).figures()


def render(figures: dict[str, Any]) -> str:
    """``glued.md``: the figures in Markdown."""
    f = figures["lialia"]
    return "\n".join(
        [
            f"### Synthetic glued words ({figures['date']}, lialia {figures['commit']})",
            "",
            f"{f['n']} glued forms of two words among the {figures['top']} most frequent of "
            "`dictionaries/msa.tsv`, the first ending in a non-joining letter; "
            f"seed {figures['seed']}.",
            "",
            "| metric | lialia | target | |",
            "|---|---:|---|---|",
            f"| recall | {f['recall']:.3f} | | |",
            f"| top-1 | {f['top1']:.3f} | ≥ 0.9 | {'met' if f['top1'] >= 0.9 else '**missed**'} |",
            f"| top-5 | {f['top5']:.3f} | | |",
            f"| fixed unasked (`--fix`): right / fixes | {f['right']} / {f['fixed']} | | |",
            "",
            f"Produced by `{COMMAND}`.",
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the glued-word benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--top", type=int, default=TOP, help="most frequent words drawn from")
    parser.add_argument("--misses", type=int, default=0, help="print N misses")
    args = parser.parse_args(argv)

    checker = SpellChecker()
    cases = make_cases(checker, seed=args.seed, cases=args.cases, top=args.top)
    tally = measure(lialia_judge(checker), cases)
    f = {**tally.figures(), **auto_fixes(checker, cases)}
    print(
        f"synthetic glued words ({f['n']}): recall {f['recall']:.3f}, "
        f"top-1 {f['top1']:.3f}, top-5 {f['top5']:.3f}; "
        f"auto-fixed {f['fixed']}, {f['right']} of them right"
    )
    for glued, spaced, verdict in tally.misses[: args.misses]:
        shown = ", ".join(verdict.suggestions) or "-"
        print(f"  {glued} -> {spaced}: {'flagged' if verdict.flagged else 'ACCEPTED'}: {shown}")
    official = (args.seed, args.cases, args.top) == (SEED, CASES, TOP)
    if official:
        figures = {
            "date": now(),
            "commit": commit(),
            "command": COMMAND,
            "seed": args.seed,
            "top": args.top,
            "lialia": f,
            "machine": machine(),
        }
        save_page("glued", figures, render(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
