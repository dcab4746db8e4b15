"""Fix precision: how often the corrections ``lialia check --fix`` applies on its own are right.

    python benchmarks/fix_precision.py                 # the official run: ZAEBUC dev
    python benchmarks/fix_precision.py --wrong 50      # and print the first 50 wrong fixes

An auto-fix is what ``--fix`` applies without asking: the replacements that
:func:`lialia.fix.confident_replacements` keeps from the findings of
``SpellChecker.check``, so this benchmark follows the engine's own rule.  A fixed token is
right when, after :func:`lialia.fix.apply`, it equals the annotators' correction (both
sides through :func:`lialia.normalize.normalize`, as in ``accuracy.py``).

Two ways of reading the data, both on every token of the split:

- **isolated words**, as ``accuracy.py`` does: each token whose raw form has no space is
  checked on its own (``check(raw)``);
- **running sentences**: each sentence is checked as one text (its raw tokens joined by
  spaces), and each fix is given to the token it falls in.

Fix precision = right fixes / all fixes, over every token.  A second figure keeps only
the tokens whose correction is a change of spelling (all tags ``O*``, ``MG``, ``UC``):
on a token whose correction also changes its grammar (``OH+XG``: ``الأجتماعية`` ->
``الاجتماعي``) a spelling fix cannot equal the correction, and in a wrongly split word
(tag ``O``: ``و ايضا`` -> ``وأيضا``) the space ``--fix`` leaves is not held against it.
The issue's targets: precision ≥ 98% and no fix at all on an unchanged (``UC``) token.
Precision is not to be bought by fixing nothing, so a third figure is the **fix
coverage**: of the flagged tokens whose correction is a change of spelling
(``orthographic`` and ``merged MG``), the share ``--fix`` corrects on its own.
Hunspell has no auto-fix: lialia only.

``--split train`` reads the training split (the one thresholds are tuned on); only the
official dev run writes ``benchmarks/results/``.

The wrong fixes (raw -> fix, the annotators' correction) are printed, never written:
they are dev tokens, and only figures enter ``benchmarks/results/``.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import Token, commit, data_dir, machine, now, read_zaebuc, save_results

from lialia import SpellChecker
from lialia.fix import Replacement, apply, confident_replacements
from lialia.normalize import normalize

COMMAND = "python benchmarks/fix_precision.py"
#: the kinds of tokens, in report order
KINDS = ("orthographic", "O tag + grammar", "unchanged UC", "merged MG", "other")
#: the kinds whose correction is a change of spelling only (or none)
SPELLING = ("orthographic", "unchanged UC", "merged MG")
#: the kinds whose correction changes the spelling: the errors a fix should correct
ERRORS = ("orthographic", "merged MG")
#: ZAEBUC's tag for a word wrongly split (``و ان`` -> ``وأن``)
SPLIT = "O"


def kind_of(token: Token) -> str:
    """The set a token belongs to: the tags of ``accuracy.py``, raw forms with spaces too.

    ``orthographic``: every tag starts with ``O`` (the bare ``O`` of a split word
    included); ``O tag + grammar``: an ``O`` tag beside a grammar or morphology tag
    (``OH+XG``), so the correction changes more than the spelling.
    """
    tags = token.tags
    if all(tag.startswith("O") for tag in tags):
        return "orthographic"
    if any(tag.startswith("O") for tag in tags):
        return "O tag + grammar"
    if tags == ("UC",):
        return "unchanged UC"
    if tags == ("MG",):
        return "merged MG"
    return "other"


@dataclass(frozen=True, slots=True)
class Fix:
    """One token that ``--fix`` changes, what it makes of it and what the annotators wrote."""

    raw: str
    fixed: str
    corrected: str
    tags: str
    #: the checker still flags the fixed token (a fix that is not stable)
    flagged_again: bool = False

    @property
    def right(self) -> bool:
        """True when the fixed token is the annotators' correction."""
        return normalize(self.fixed) == normalize(self.corrected)

    @property
    def right_spelling(self) -> bool:
        """:attr:`right`, except that in a wrongly split word (``و ايضا``, tag ``O``) the
        space is not held against the fix: ``--fix`` corrects words and never joins them."""
        if self.tags != SPLIT:
            return self.right
        return normalize(self.fixed).replace(" ", "") == normalize(self.corrected).replace(" ", "")


@dataclass
class Tally:
    """Fixes over one way of reading the data."""

    checker: SpellChecker
    tokens: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    fixes: list[Fix] = field(default_factory=list)

    def add(
        self,
        token: Token,
        replacements: Sequence[Replacement],
        start: int = 0,
        *,
        flagged: bool = False,
    ) -> None:
        """Count one token; ``replacements`` are those inside it, ``start`` its offset,
        ``flagged`` true when the checker reports a word of it."""
        self.tokens += 1
        self.by_kind[kind_of(token)] += 1
        if flagged:
            self.flagged[kind_of(token)] += 1
        if not replacements:
            return
        shifted = [Replacement(r.offset - start, r.end - start, r.old, r.new) for r in replacements]
        fixed = apply(token.raw, shifted)
        again = bool(self.checker.check(fixed))
        self.fixes.append(Fix(token.raw, fixed, token.corrected, "+".join(token.tags), again))

    def figures(self) -> dict[str, Any]:
        """Counts and precision, overall and by kind of token."""
        right = sum(fix.right for fix in self.fixes)
        kinds: dict[str, dict[str, int]] = {}
        for kind in KINDS:
            fixes = [fix for fix in self.fixes if kind_of_tags(fix.tags) == kind]
            kinds[kind] = {
                "tokens": self.by_kind[kind],
                "fixes": len(fixes),
                "right": sum(fix.right_spelling for fix in fixes),
            }
        errors_flagged = sum(self.flagged[kind] for kind in ERRORS)
        errors_fixed = sum(kinds[kind]["fixes"] for kind in ERRORS)
        spelling = [fix for fix in self.fixes if kind_of_tags(fix.tags) in SPELLING]
        spelling_right = sum(fix.right_spelling for fix in spelling)
        return {
            "tokens": self.tokens,
            "fixes": len(self.fixes),
            "right": right,
            "wrong": len(self.fixes) - right,
            "precision": _ratio(right, len(self.fixes)),
            "spelling": {
                "tokens": sum(self.by_kind[kind] for kind in SPELLING),
                "fixes": len(spelling),
                "right": spelling_right,
                "precision": _ratio(spelling_right, len(spelling)),
            },
            "coverage": {
                "flagged": errors_flagged,
                "fixed": errors_fixed,
                "share": _ratio(errors_fixed, errors_flagged),
            },
            "fixes_on_uc": kinds["unchanged UC"]["fixes"],
            "flagged_again": sum(fix.flagged_again for fix in self.fixes),
            "kinds": kinds,
        }


def _ratio(count: int, total: int) -> float | None:
    return round(count / total, 4) if total else None


def kind_of_tags(tags: str) -> str:
    """:func:`kind_of` for a ``+``-joined tag string."""
    return kind_of(Token("", "", tuple(tags.split("+"))))


def isolated(checker: SpellChecker, sentences: Iterable[Sequence[Token]]) -> Tally:
    """Every token without a space, checked on its own."""
    tally = Tally(checker)
    for sentence in sentences:
        for token in sentence:
            if token.single:
                findings = checker.check(token.raw)
                tally.add(token, confident_replacements(findings), flagged=bool(findings))
    return tally


def running(checker: SpellChecker, sentences: Iterable[Sequence[Token]]) -> Tally:
    """Every sentence checked as one text; each fix counted at the token it falls in."""
    tally = Tally(checker)
    for sentence in sentences:
        starts = []
        position = 0
        for token in sentence:
            starts.append(position)
            position += len(token.raw) + 1
        text = " ".join(token.raw for token in sentence)
        findings = checker.check(text)
        replacements = confident_replacements(findings)
        for token, start in zip(sentence, starts, strict=True):
            end = start + len(token.raw)
            inside = [r for r in replacements if start <= r.offset and r.end <= end]
            flagged = any(start <= f.offset and f.end <= end for f in findings)
            tally.add(token, inside, start, flagged=flagged)
    return tally


def show(tallies: dict[str, Tally]) -> None:
    """Print the figures of each way of reading side by side."""
    names = list(tallies)
    figures = {name: tally.figures() for name, tally in tallies.items()}
    print(f"{'':30}" + "".join(f"{name:>22}" for name in names))

    def row(label: str, cells: Iterable[str]) -> None:
        print(f"{label:30}" + "".join(f"{cell:>22}" for cell in cells))

    row("tokens", (str(f["tokens"]) for f in figures.values()))
    row("auto-fixes", (str(f["fixes"]) for f in figures.values()))
    row("right", (str(f["right"]) for f in figures.values()))
    row(
        "fix precision (target ≥ 0.98)",
        (_share(f["precision"]) for f in figures.values()),
    )
    row(
        "  on spelling-only tokens",
        (_share(f["spelling"]["precision"]) for f in figures.values()),
    )
    row(
        "fix coverage of flagged errors",
        (
            f"{f['coverage']['fixed']}/{f['coverage']['flagged']} "
            f"{_share(f['coverage']['share'])}"
            for f in figures.values()
        ),
    )
    row("fixes on UC tokens (target 0)", (str(f["fixes_on_uc"]) for f in figures.values()))
    row("fixed tokens flagged again", (str(f["flagged_again"]) for f in figures.values()))
    for kind in KINDS:
        row(
            f"  {kind}: right/fixes/tokens",
            (
                f"{k['right']}/{k['fixes']}/{k['tokens']}"
                for k in (f["kinds"][kind] for f in figures.values())
            ),
        )


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.2%}"


def show_wrong(name: str, tally: Tally, count: int) -> None:
    """Print the wrong fixes of one way of reading (dev tokens: console only)."""
    wrong = Counter(
        (fix.raw, fix.fixed, fix.corrected, fix.tags) for fix in tally.fixes if not fix.right
    )
    print(f"\n{name}: wrong fixes (raw -> fix, annotators' correction [tags]) x count")
    for (raw, fixed, corrected, tags), times in wrong.most_common(count):
        print(f"  {raw} -> {fixed}, {corrected} [{tags}] x{times}")
    again = Counter((fix.raw, fix.fixed) for fix in tally.fixes if fix.flagged_again)
    if again:
        print(f"{name}: fixed tokens the checker flags again (raw -> fix) x count")
        for (raw, fixed), times in again.most_common(count):
            print(f"  {raw} -> {fixed} x{times}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the fix-precision benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--wrong", type=int, default=100, help="print up to N wrong fixes")
    args = parser.parse_args(argv)

    sentences = read_zaebuc(data_dir(args.data), args.split)
    checker = SpellChecker()
    start = time.perf_counter()
    checker.load()
    print(f"lialia: lexicon loaded in {time.perf_counter() - start:.2f} s")
    tallies = {
        "isolated words": isolated(checker, sentences),
        "running sentences": running(checker, sentences),
    }
    print(f"ZAEBUC {args.split}: auto-fixes (what `lialia check --fix` applies)")
    show(tallies)
    for name, tally in tallies.items():
        if args.wrong:
            show_wrong(name, tally, args.wrong)

    if args.split == "dev":
        save_results(
            "fix_precision",
            {
                "date": now(),
                "commit": commit(),
                "command": COMMAND,
                "split": args.split,
                "readings": {name: tally.figures() for name, tally in tallies.items()},
                "machine": machine(),
            },
        )
        print("\nwrote benchmarks/results/latest.json and latest.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
