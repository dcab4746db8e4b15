#!/usr/bin/env python
"""How well the lexicon tells words from misspellings, beside Hunspell + Ayaspell.

    python benchmarks/lexicon_coverage.py                 # ZAEBUC dev, the shipped lists
    python benchmarks/lexicon_coverage.py --split train --sweep   # threshold tuning

Counts exact forms (``lialia.normalize.normalize``-d raw tokens; clitics are the
engine's business): the share of unchanged (``UC``) tokens found in ``msa.tsv``, and
the share of orthographic-error tokens (every tag one of OH OT OA OW OR OD OM OC OG)
*not* found, with the same two figures for ``hunspell -d ar`` in the same run.
Tokens whose raw form is not a run of Arabic letters (numbers, a space from a split
word) are skipped and counted.

ZAEBUC is read by path from ``../shared/data/zaebuc`` (override with
``--zaebuc DIR``) and only measured: nothing derived from it is written anywhere.
The sweep rebuilds the lists in memory for a grid of thresholds; it needs the
``build`` extra (wordfreq) and hunspell.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import math
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from lialia.normalize import normalize

REPO = Path(__file__).resolve().parent.parent
DICTIONARIES = REPO / "dictionaries"
DEFAULT_ZAEBUC = REPO.parent / "shared" / "data" / "zaebuc"
ORTHOGRAPHIC = frozenset({"OH", "OT", "OA", "OW", "OR", "OD", "OM", "OC", "OG"})


def load_build_script() -> ModuleType:
    """``scripts/build_dictionaries.py`` as a module (scripts/ is not a package)."""
    path = REPO / "scripts" / "build_dictionaries.py"
    spec = importlib.util.spec_from_file_location("build_dictionaries", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Token:
    raw: str
    corrected: str
    tags: str


@dataclass
class Split:
    """The tokens a measurement uses, and how many were skipped."""

    correct: list[str]  # normalised raw forms of UC tokens
    errors: list[tuple[str, str]]  # (normalised raw, normalised correction), orthographic
    skipped_correct: int
    skipped_errors: int


def read_zaebuc(path: Path) -> list[Token]:
    tokens = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            tokens.append(Token(parts[0], parts[1], parts[2]))
    return tokens


def select(tokens: Iterable[Token], is_word: Callable[[str], object]) -> Split:
    split = Split([], [], 0, 0)
    for token in tokens:
        key = normalize(token.raw)
        ok = bool(is_word(key))
        if token.tags == "UC":
            if ok:
                split.correct.append(key)
            else:
                split.skipped_correct += 1
        elif all(tag in ORTHOGRAPHIC for tag in token.tags.split("+")):
            if ok:
                split.errors.append((key, normalize(token.corrected)))
            else:
                split.skipped_errors += 1
    return split


def read_list(path: Path) -> dict[str, list[str]]:
    """A lialia word list: key -> remaining columns."""
    with path.open(encoding="utf-8") as handle:
        next(handle)  # the format header
        return {key: rest for key, *rest in (line.rstrip("\n").split("\t") for line in handle)}


@dataclass(frozen=True)
class Scores:
    correct_found: float
    errors_rejected: float
    correct_probable: float = 0.0
    errors_probable: float = 0.0
    errors_listed_right: float = 0.0


def score(
    split: Split,
    lexicon: Mapping[str, object] | set[str],
    probable: Mapping[str, Sequence[str]] | None = None,
    misspellings: Mapping[str, Sequence[str]] | None = None,
) -> Scores:
    """Shares over the split's tokens (exact forms)."""
    probable = probable or {}
    misspellings = misspellings or {}
    n_ok, n_err = len(split.correct), len(split.errors)
    return Scores(
        correct_found=sum(w in lexicon for w in split.correct) / n_ok,
        errors_rejected=sum(w not in lexicon for w, _ in split.errors) / n_err,
        correct_probable=sum(w in probable for w in split.correct) / n_ok,
        errors_probable=sum(w in lexicon and w in probable for w, _ in split.errors) / n_err,
        errors_listed_right=sum(
            (misspellings.get(w) or probable.get(w) or [""])[0] == right
            for w, right in split.errors
        )
        / n_err,
    )


def report(name: str, scores: Scores, extra: bool = True) -> str:
    row = f"| {name} | {scores.correct_found:.2%} | {scores.errors_rejected:.1%} |"
    if extra:
        row += (
            f" {scores.correct_probable:.2%} | {scores.errors_probable:.1%} |"
            f" {scores.errors_listed_right:.1%} |"
        )
    else:
        row += " | | |"
    return row


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--zaebuc", type=Path, default=DEFAULT_ZAEBUC)
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--dictionaries", type=Path, default=DICTIONARIES)
    parser.add_argument("--hunspell-cmd", default="hunspell -d ar")
    parser.add_argument("--sweep", action="store_true", help="rebuild for a grid of thresholds")
    args = parser.parse_args(argv)

    data = args.zaebuc / f"zaebuc_{args.split}.areta.tsv"
    if not data.exists():
        print(f"skipped: {data} not found (ZAEBUC is measurement data outside the repo)")
        return 0
    if shutil.which(args.hunspell_cmd.split()[0]) is None:
        print(f"skipped: {args.hunspell_cmd.split()[0]} not installed")
        return 0
    build = load_build_script()
    is_word = build.ARABIC_WORD_RE.fullmatch
    split = select(read_zaebuc(data), is_word)
    print(
        f"ZAEBUC {args.split}: {len(split.correct)} UC tokens, {len(split.errors)} orthographic"
        f"-error tokens; skipped (raw not a run of Arabic letters: a number, or a space"
        f" from a split word): {split.skipped_correct} UC, {split.skipped_errors} errors"
    )

    header = (
        "| lexicon | UC found | ortho errors not found | UC probable "
        "| errors probable (found) | errors listed with right correction |\n"
        "|---|---|---|---|---|---|"
    )
    if args.sweep:
        return sweep(build, split, args.hunspell_cmd)

    started = time.perf_counter()
    msa = read_list(args.dictionaries / "msa.tsv")
    load_seconds = time.perf_counter() - started
    probable = read_list(args.dictionaries / "probable.tsv")
    misspellings = read_list(args.dictionaries / "misspellings.tsv")
    words = sorted({w for w in split.correct} | {w for w, _ in split.errors})
    hunspell = build.hunspell_accepted(words, args.hunspell_cmd)
    print(header)
    print(
        report(
            "lialia msa.tsv (+ probable.tsv, misspellings.tsv)",
            score(split, msa, probable, misspellings),
        )
    )
    print(
        report(f"Hunspell + Ayaspell (`{args.hunspell_cmd}`)", score(split, hunspell), extra=False)
    )
    print(f"(msa.tsv: {len(msa)} entries read into a dict in {load_seconds:.2f} s)")
    pywikibot(
        args.zaebuc.parent / "pywikibot" / "correct-ar.tsv",
        msa,
        probable,
        misspellings,
        lambda words: build.hunspell_accepted(words, args.hunspell_cmd),
    )
    return 0


def pywikibot(
    path: Path,
    msa: Mapping[str, object],
    probable: Mapping[str, Sequence[str]],
    misspellings: Mapping[str, Sequence[str]],
    hunspell_accepted: Callable[[list[str]], set[str]],
) -> None:
    """Pywikibot's Arabic Wikipedia misspelling rules (MIT): how the lists judge them."""
    if not path.exists():
        print(f"skipped: {path} not found")
        return
    pairs = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    pairs = [[normalize(wrong), normalize(right)] for wrong, right, *_ in pairs]
    rejected = sum(wrong not in msa for wrong, _ in pairs)
    flagged = sum(wrong in msa and wrong in probable for wrong, _ in pairs)
    listed = sum(
        (misspellings.get(wrong) or probable.get(wrong) or [""])[0] == right
        for wrong, right in pairs
    )
    accepted = hunspell_accepted(sorted({wrong for wrong, _ in pairs}))
    print(
        f"pywikibot ({len(pairs)} wrong -> right pairs): lialia rejects {rejected}, flags"
        f" {flagged} probable, accepts {len(pairs) - rejected - flagged}, lists {listed} with"
        f" the right correction; Hunspell rejects"
        f" {sum(wrong not in accepted for wrong, _ in pairs)}"
    )


def sweep(build: ModuleType, split: Split, hunspell_cmd: str) -> int:
    """Rebuild the lists in memory over a grid of thresholds and score each."""
    pairs, source = build.wordfreq_pairs(None)
    freqs = build.collapse(pairs)
    accepted = build.hunspell_accepted(sorted(freqs), hunspell_cmd)
    print(f"sources: {source}; {len(freqs)} keys, {len(accepted)} accepted by Ayaspell")
    print(
        "| thresholds | UC found | ortho errors not found | UC probable "
        "| errors probable (found) | errors listed with right correction | msa size |"
    )
    print("|---|---|---|---|---|---|---|")
    words = sorted({w for w in split.correct} | {w for w, _ in split.errors})
    hunspell = build.hunspell_accepted(words, hunspell_cmd)
    print(report("Hunspell + Ayaspell", score(split, hunspell), extra=False) + " |")
    print(report("all wordfreq keys", score(split, set(freqs)), extra=False) + f" {len(freqs)} |")
    print(
        report("Ayaspell ∩ wordfreq", score(split, accepted), extra=False) + f" {len(accepted)} |"
    )
    for zipf_min in (2.0, 2.5, 3.0, 3.5, 4.0):
        kept = {w for w, f in freqs.items() if build.zipf(f) >= zipf_min}
        print(
            report(f"wordfreq keys, Zipf ≥ {zipf_min}", score(split, kept), extra=False)
            + f" {len(kept)} |"
        )
    defaults = build.Thresholds()
    # One knob at a time around the chosen defaults (the row marked *).
    grid = {
        "admit_zipf": (2.0, 2.5, 3.0, 3.5, 4.0),
        "twin_ratio": (1.0, 1.5, 2.0, 3.0, 5.0, 10.0),
        "tail_twin_ratio": (1.5, 3.0, 5.0, 10.0),
        "probable_ratio": (1.5, 2.0, 3.0, 5.0, 10.0),
        "probable_tail_ratio": (3.0, 5.0, 10.0, 20.0, 50.0, math.inf),
        "long_alef_ratio": (10.0, 50.0, 1000.0),
        "missing_vowel_ratio": (5.0, 10.0, 20.0, math.inf),
        "missing_vowel_min_length": (5, 6, 7, 8),
        "merged_admitted_ratio": (5.0, 10.0, 20.0, math.inf),
    }
    for knob, values in grid.items():
        for value in values:
            thresholds = dataclasses.replace(defaults, **{knob: value})
            lists = build.build_lexicons(freqs, accepted, thresholds)
            probable = {w: [r] for w, (r, _) in lists.probable.items()}
            wrong = {w: [r] for w, (r, _) in lists.misspellings.items()}
            mark = " *" if value == getattr(defaults, knob) else ""
            print(
                report(f"{knob} = {value}{mark}", score(split, lists.msa, probable, wrong))
                + f" {len(lists.msa)} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
