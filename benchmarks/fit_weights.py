"""Fit the error model's weights (lialia/rank.py WEIGHTS) on ZAEBUC *train* only.

    python benchmarks/fit_weights.py [--data ../shared/data] [--rounds 3]

For every flagged orthographic or merged-word token of the train split, the candidate
pool is gathered once; then a coordinate search moves one weight at a time over a grid
and keeps a move when top-1 (plus a tenth of top-5) improves.  It prints the weights to
paste into rank.py; it writes nothing.  Dev is never read here: it stays for measuring.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from lialia import SpellChecker, rank
from lialia.lexicon import Status
from lialia.normalize import normalize

GRID = (
    -4.0,
    -3.5,
    -3.0,
    -2.5,
    -2.2,
    -2.0,
    -1.8,
    -1.6,
    -1.4,
    -1.2,
    -1.0,
    -0.8,
    -0.6,
    -0.4,
    -0.3,
    -0.2,
    -0.1,
)


@dataclass
class Option:
    word: str
    base: float  # the part of the score that does not depend on WEIGHTS
    kinds: tuple[str, ...]
    known: bool


@dataclass
class Case:
    answer: str
    options: list[Option]


def gather(checker: SpellChecker, word: str) -> list[Option]:
    """The candidates lialia would rank for ``word``, with weight-free score parts."""
    lexicon = checker.lexicon
    analysis = lexicon.analyze(word)
    if analysis.status is Status.VALID:
        return []
    pool: dict[str, tuple[int, int, bool]] = {}
    checker._gather_whole(word, pool)
    checker._gather_stems(word, pool)
    options = []
    for candidate, (_d, freq, exact) in pool.items():
        if not lexicon.is_suggestible(candidate):
            continue
        if not exact and lexicon.support(candidate) is None:
            continue
        kinds = tuple(rank.edit_kinds(word, candidate)) + (() if exact else ("clitic",))
        options.append(Option(candidate, rank.prior(freq), kinds, False))
    if analysis.preferred:
        support = lexicon.support(analysis.preferred)
        known = analysis.status is Status.KNOWN and analysis.exact
        kinds = tuple(rank.edit_kinds(word, analysis.preferred))
        options = [o for o in options if o.word != analysis.preferred]
        options.append(
            Option(analysis.preferred, rank.prior(support[0] if support else 1), kinds, known)
        )
    found: dict[str, object] = {}
    checker._add_splits(word, found)  # type: ignore[arg-type]
    for spaced in found:
        left, right = spaced.split(" ")
        r = lexicon.support(right)
        assert r is not None
        base = rank.split_base(lexicon.freq(left), r[0])
        kinds = (rank.split_kind(left),) + (() if r[1] else ("clitic",))
        options.append(Option(spaced, base, kinds, False))
    return options


def evaluate(cases: list[Case], weights: dict[str, float]) -> tuple[float, float]:
    top1 = top5 = 0
    for case in cases:
        scored = sorted(
            case.options,
            key=lambda o: (not o.known, -(o.base + sum(weights[k] for k in o.kinds)), o.word),
        )
        words = [o.word for o in scored[:5]]
        top1 += bool(words) and words[0] == case.answer
        top5 += case.answer in words
    return top1 / len(cases), top5 / len(cases)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).parents[1] / "../shared/data")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    path = args.data / "zaebuc" / "zaebuc_train.areta.tsv"
    if not path.exists():
        print(f"fit_weights: no training data at {path}; pass --data DIR", file=sys.stderr)
        return 2
    checker = SpellChecker()
    cases: list[Case] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or " " in parts[0]:
            continue
        raw, corrected, tags = parts
        if not (tags == "MG" or all(t.startswith("O") for t in tags.split("+"))):
            continue
        options = gather(checker, normalize(raw))
        if options:
            cases.append(Case(normalize(corrected), options))
    weights = dict(rank.WEIGHTS)
    best = evaluate(cases, weights)
    print(f"{len(cases)} flagged cases; start top1 {best[0]:.4f} top5 {best[1]:.4f}")
    for _ in range(args.rounds):
        for kind in weights:
            for value in GRID:
                trial = {**weights, kind: value}
                got = evaluate(cases, trial)
                if got[0] + got[1] / 10 > best[0] + best[1] / 10 + 1e-9:
                    weights, best = trial, got
        print(f"round: top1 {best[0]:.4f} top5 {best[1]:.4f}")
    for kind, value in weights.items():
        print(f'    "{kind}": {value},')
    return 0


if __name__ == "__main__":
    sys.exit(main())
