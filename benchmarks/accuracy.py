"""Accuracy of lialia beside Hunspell + Ayaspell on ZAEBUC and pywikibot, word by word.

    python benchmarks/accuracy.py                      # the official run: dev, both systems
    python benchmarks/accuracy.py --split train --no-hunspell --misses 20   # tuning loop
    python benchmarks/accuracy.py --context            # lialia reads running sentences

Each token is judged on its own (no context); with ``--context`` lialia checks each
sentence as one text (its raw tokens joined by spaces, as ``fix_precision.py`` does) and
a token's verdict is the finding inside it, so the neighbouring words may choose between
twins (:mod:`lialia.context`) and flag a correct word that is the wrong twin where it
stands.  Hunspell has no context: it is judged word by word either way.

A suggestion matches when it equals the annotators' correction after
:func:`lialia.normalize.normalize` on both sides (which only strips diacritics, tatweel
and invisibles; hamza, ة and ى are compared as given).  A
word counts as found (top-1, top-5) only when the system also flags it.

Only the official run (``--split dev``, both systems, no ``--limit``) writes
``benchmarks/results/latest.json`` and ``latest.md``; ``--json FILE`` saves any run.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import (
    Hunspell,
    Token,
    Verdict,
    commit,
    data_dir,
    distinct,
    machine,
    now,
    read_pywikibot,
    read_zaebuc,
    save_results,
)

from lialia.normalize import normalize

COMMAND = "python benchmarks/accuracy.py"
#: the systems, in report order
LIALIA = "lialia"
LIALIA_STRICT = "lialia (misspellings only)"
#: the strictness presets measured beside the default, each a column of its own
PRESET_COLUMNS = {"lenient": "lialia (lenient)", "strict": "lialia (strict)"}
HUNSPELL = "hunspell"


@dataclass
class Tally:
    """Counts over one set of tokens for one system."""

    n: int = 0
    flagged: int = 0
    top1: int = 0
    top5: int = 0

    def add(self, verdict: Verdict, correction: str | None) -> bool:
        """Count one token; true when the first suggestion is the correction."""
        self.n += 1
        if not verdict.flagged:
            return False
        self.flagged += 1
        if correction is None:
            return False
        wanted = normalize(correction)
        found = [normalize(s) for s in verdict.suggestions[:5]]
        if wanted in found:
            self.top5 += 1
            if found[0] == wanted:
                self.top1 += 1
                return True
        return False

    def figures(self, *, errors: bool = True) -> dict[str, float | int]:
        """Shares of ``n``: recall/top-1/top-5 for errors, the flagged share otherwise."""

        def share(count: int) -> float:
            return round(count / self.n, 4) if self.n else 0.0

        if not errors:
            return {"n": self.n, "flagged": self.flagged, "fp_rate": share(self.flagged)}
        return {
            "n": self.n,
            "recall": share(self.flagged),
            "top1": share(self.top1),
            "top5": share(self.top5),
        }


@dataclass
class Miss:
    """A token a system did not get right, for the tuning loop."""

    raw: str
    correction: str
    tags: str
    verdict: Verdict


@dataclass
class Evaluation:
    """All tallies of one system."""

    orthographic: Tally = field(default_factory=Tally)
    orthographic_loose: Tally = field(default_factory=Tally)
    unchanged: Tally = field(default_factory=Tally)
    merged: Tally = field(default_factory=Tally)
    pywikibot: Tally = field(default_factory=Tally)
    tags: dict[str, Tally] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    false_positives: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    words: int = 0

    def figures(self) -> dict[str, Any]:
        """The JSON record of this system."""
        by_count = sorted(self.tags.items(), key=lambda item: (-item[1].n, item[0]))
        return {
            "orthographic": self.orthographic.figures(),
            "orthographic_loose": self.orthographic_loose.figures(),
            "unchanged": self.unchanged.figures(errors=False),
            "merged": self.merged.figures(),
            "pywikibot": self.pywikibot.figures(),
            "tags": {tag: tally.figures() for tag, tally in by_count},
            "ms_per_distinct_word": round(1000 * self.seconds / self.words, 3)
            if self.words
            else None,
        }


Judge = Callable[[str], Verdict]


class Memo:
    """A system's verdicts, each distinct word judged once and timed."""

    def __init__(self, judge: Judge) -> None:
        self.judge = judge
        self.verdicts: dict[str, Verdict] = {}
        self.seconds = 0.0

    def __call__(self, word: str) -> Verdict:
        verdict = self.verdicts.get(word)
        if verdict is None:
            start = time.perf_counter()
            verdict = self.judge(word)
            self.seconds += time.perf_counter() - start
            self.verdicts[word] = verdict
        return verdict


def evaluate(
    judge: Memo,
    tokens: Sequence[Token],
    pairs: Sequence[tuple[str, str]],
    in_context: dict[int, Verdict] | None = None,
) -> Evaluation:
    """Judge every token of interest and every pywikibot pair with one system; a token
    with a verdict in ``in_context`` (by ``id``) takes it instead of its own."""
    result = Evaluation()

    def judge_token(token: Token) -> Verdict:
        if in_context is not None:
            return in_context[id(token)]
        return judge(token.raw)

    for token in tokens:
        if token.orthographic_loose:
            verdict = judge_token(token)
            tag = "+".join(token.tags)
            result.tags.setdefault(tag, Tally()).add(verdict, token.corrected)
            result.orthographic_loose.add(verdict, token.corrected)
            if token.orthographic and not result.orthographic.add(verdict, token.corrected):
                result.misses.append(Miss(token.raw, token.corrected, tag, verdict))
        elif token.unchanged:
            verdict = judge_token(token)
            result.unchanged.add(verdict, None)
            if verdict.flagged:
                result.false_positives[token.raw] += 1
        elif token.merged:
            verdict = judge_token(token)
            if not result.merged.add(verdict, token.corrected):
                result.misses.append(Miss(token.raw, token.corrected, "MG", verdict))
    for wrong, right in pairs:
        if " " not in wrong:
            result.pywikibot.add(judge(wrong), right)
    result.seconds = judge.seconds
    result.words = len(judge.verdicts)
    return result


def lialia_judges(lexicons: Sequence[str], strictness: str = "default") -> tuple[Judge, Judge]:
    """Two views of one SpellChecker: probable variants flagged, and misspellings only."""
    from lialia import Severity, SpellChecker

    checker = SpellChecker(lexicons=tuple(lexicons), strictness=strictness)
    verdicts: dict[str, tuple[Severity | None, tuple[str, ...]]] = {}

    def look(word: str) -> tuple[Severity | None, tuple[str, ...]]:
        if word not in verdicts:
            severity = checker.severity(word)
            suggestions: tuple[str, ...] = ()
            if severity is not None:
                suggestions = tuple(s.word for s in checker.suggest(word, limit=5))
            verdicts[word] = (severity, suggestions)
        return verdicts[word]

    def flagged_any(word: str) -> Verdict:
        severity, suggestions = look(word)
        return Verdict(severity is not None, suggestions)

    def misspelling_only(word: str) -> Verdict:
        severity, suggestions = look(word)
        return Verdict(severity is Severity.MISSPELLING, suggestions)

    return flagged_any, misspelling_only


def in_context(
    lexicons: Sequence[str],
    sentences: Sequence[Sequence[Token]],
    strict: bool,
    strictness: str = "default",
) -> dict[int, Verdict]:
    """Each token's verdict when its sentence is checked as one text: flagged when a
    finding falls inside it (only misspellings when ``strict``), with the suggestions of
    its first finding; by ``id`` of the token."""
    from lialia import Severity, SpellChecker

    checker = SpellChecker(lexicons=tuple(lexicons), strictness=strictness)
    verdicts: dict[int, Verdict] = {}
    for sentence in sentences:
        findings = checker.check(" ".join(token.raw for token in sentence))
        start = 0
        for token in sentence:
            end = start + len(token.raw)
            inside = [f for f in findings if start <= f.offset and f.end <= end]
            if strict:
                inside = [f for f in inside if f.severity is Severity.MISSPELLING]
            if len(inside) > 1:  # a split word: each part's best, as suggest() does
                best = " ".join(f.best or f.word for f in inside)
                verdicts[id(token)] = Verdict(True, (best,))
            elif inside:
                shown = tuple(s.word for s in inside[0].suggestions[:5])
                verdicts[id(token)] = Verdict(True, shown)
            else:
                verdicts[id(token)] = Verdict(False)
            start = end + 1
    return verdicts


def kind_of(token: Token) -> str | None:
    """Which set a token is evaluated in, if any."""
    if token.orthographic_loose:
        return "orthographic"
    if token.unchanged:
        return "unchanged"
    if token.merged:
        return "merged"
    return None


def limited(tokens: Iterable[Token], limit: int | None) -> list[Token]:
    """At most ``limit`` tokens of each kind (orthographic, unchanged, merged), in order."""
    if limit is None:
        return list(tokens)
    kept: list[Token] = []
    seen: Counter[str] = Counter()
    for token in tokens:
        kind = kind_of(token)
        if kind is not None and seen[kind] < limit:
            seen[kind] += 1
            kept.append(token)
    return kept


def show(results: dict[str, Evaluation]) -> None:
    """Print the comparison table to stdout."""
    names = list(results)
    width = max(28, *(len(name) + 2 for name in names))
    print(f"{'':34}" + "".join(f"{name:>{width}}" for name in names))

    def row(label: str, values: Iterable[str]) -> None:
        print(f"{label:34}" + "".join(f"{value:>{width}}" for value in values))

    def block(label: str, pick: Callable[[Evaluation], Tally], keys: Sequence[str]) -> None:
        tallies = [pick(result) for result in results.values()]
        row(f"{label} (n={tallies[0].n})", [""] * len(tallies))
        for key in keys:
            row(f"  {key}", [f"{tally.figures()[key]:.3f}" for tally in tallies])

    block("orthographic, all tags O*", lambda r: r.orthographic, ("recall", "top1", "top5"))
    block("orthographic, any O tag", lambda r: r.orthographic_loose, ("recall", "top1", "top5"))
    tallies = [result.unchanged for result in results.values()]
    row(f"unchanged UC (n={tallies[0].n})", [""] * len(tallies))
    row("  false-positive rate", [f"{t.figures(errors=False)['fp_rate']:.4f}" for t in tallies])
    block("merged MG", lambda r: r.merged, ("top1", "top5"))
    block("pywikibot", lambda r: r.pywikibot, ("recall", "top1", "top5"))
    row(
        "ms per distinct word", [str(r.figures()["ms_per_distinct_word"]) for r in results.values()]
    )
    print()
    first = next(iter(results.values()))
    tags = sorted(first.tags, key=lambda tag: -first.tags[tag].n)
    print(f"{'per tag: recall/top1/top5':34}" + "".join(f"{name:>{width}}" for name in names))
    for tag in tags:
        cells = []
        for result in results.values():
            figures = result.tags[tag].figures()
            cells.append(f"{figures['recall']:.2f}/{figures['top1']:.2f}/{figures['top5']:.2f}")
        row(f"  {tag} (n={first.tags[tag].n})", cells)


def show_misses(name: str, result: Evaluation, count: int) -> None:
    """Print up to ``count`` misses and false positives of one system."""
    print(f"\n{name}: misses (raw -> correction [tags]: flagged? suggestions)")
    for miss in result.misses[:count]:
        shown = ", ".join(miss.verdict.suggestions) or "-"
        flag = "flagged" if miss.verdict.flagged else "ACCEPTED"
        print(f"  {miss.raw} -> {miss.correction} [{miss.tags}]: {flag}: {shown}")
    print(f"{name}: most frequent false positives on UC words")
    for word, times in result.false_positives.most_common(count):
        print(f"  {word} x{times}")


def synthetic_glued(judge: Judge) -> dict[str, float | int]:
    """``judge``'s figures on the synthetic glued words of ``glued.py`` (made from
    lialia's own word list, not from ZAEBUC): shown beside the merged words."""
    from glued import glued_figures

    figures = glued_figures(judge)
    print(f"synthetic glued ({figures['n']}): top-1 {figures['top1']:.3f}")
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Run the accuracy benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--no-hunspell", action="store_true", help="lialia only (fast)")
    parser.add_argument("--no-lialia", action="store_true", help="hunspell only")
    parser.add_argument("--lexicon", action="append", help="lialia lexicon (repeatable; msa)")
    parser.add_argument(
        "--strictness",
        action="append",
        choices=sorted(PRESET_COLUMNS),
        help="also measure lialia with this strictness preset (repeatable; default: both)",
    )
    parser.add_argument("--limit", type=int, help="at most N tokens of each kind")
    parser.add_argument("--misses", type=int, default=0, help="print N misses per system")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--context", action="store_true", help="lialia checks running sentences, not words"
    )
    args = parser.parse_args(argv)

    data = data_dir(args.data)
    sentences = read_zaebuc(data, args.split)
    tokens = limited((t for s in sentences for t in s), args.limit)
    pairs = read_pywikibot(data)
    lexicons = args.lexicon or ["msa"]

    results: dict[str, Evaluation] = {}
    if not args.no_lialia:
        flagged_any, misspelling_only = lialia_judges(lexicons)
        start = time.perf_counter()
        flagged_any("في")  # loads the lexicon index (timed apart from the words)
        print(
            f"lialia: lexicons {', '.join(lexicons)} loaded in {time.perf_counter() - start:.2f} s"
        )
        memo = Memo(flagged_any)
        context = in_context(lexicons, sentences, False) if args.context else None
        results[LIALIA] = evaluate(memo, tokens, pairs, context)
        # The strict view reads the same cached answers; give it the same time.
        context = in_context(lexicons, sentences, True) if args.context else None
        strict = evaluate(Memo(misspelling_only), tokens, pairs, context)
        strict.seconds, strict.words = memo.seconds, len(memo.verdicts)
        results[LIALIA_STRICT] = strict
        for preset in args.strictness or sorted(PRESET_COLUMNS):
            judge = Memo(lialia_judges(lexicons, preset)[0])
            context = in_context(lexicons, sentences, False, preset) if args.context else None
            results[PRESET_COLUMNS[preset]] = evaluate(judge, tokens, pairs, context)
    if not args.no_hunspell:
        with Hunspell() as hunspell:
            results[HUNSPELL] = evaluate(Memo(hunspell.check), tokens, pairs)
    if not results:
        parser.error("nothing to run: both --no-lialia and --no-hunspell")

    reading = "running sentences (lialia)" if args.context else "isolated words"
    print(f"ZAEBUC {args.split}, {reading}" + (f", limit {args.limit}" if args.limit else ""))
    show(results)
    glued = synthetic_glued(flagged_any) if LIALIA in results else None
    for name, result in results.items():
        if args.misses and name != LIALIA_STRICT and name not in PRESET_COLUMNS.values():
            show_misses(name, result, args.misses)

    figures = {
        "date": now(),
        "commit": commit(),
        "command": COMMAND,
        "split": args.split,
        "lexicons": lexicons,
        "context": args.context,
        "distinct_words": len(distinct(t.raw for t in tokens)),
        "systems": {name: result.figures() for name, result in results.items()},
        "machine": machine(),
    }
    if glued is not None:
        figures["systems"][LIALIA]["synthetic_glued"] = glued
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
    official = (
        args.split == "dev"
        and args.limit is None
        and len(results) == 3 + len(PRESET_COLUMNS)
        and args.strictness is None
        and not args.context
    )
    if official and lexicons == ["msa"]:
        save_results("accuracy", figures)
        print("\nwrote benchmarks/results/latest.json and latest.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
