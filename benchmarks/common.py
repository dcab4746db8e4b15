"""Shared helpers of the benchmarks: the evaluation data, Hunspell, child processes, results.

The evaluation data (ZAEBUC, pywikibot) is read by path from ``../shared/data`` (relative
to the repository root) or ``--data DIR``; nothing derived from it is ever written into
the repository except the figures in ``benchmarks/results/``.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
RESULTS = REPO / "benchmarks" / "results"
HUNSPELL = ("hunspell", "-d", "ar", "-i", "UTF-8")
# Hunspell reads and writes in the locale's encoding; pin it so pipes carry UTF-8.
HUNSPELL_ENV = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


class DataMissingError(SystemExit):
    """The evaluation data is not where the benchmark looks; exits with a clear message."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"evaluation data not found: {path}\n"
            "The benchmarks read ZAEBUC and pywikibot from ../shared/data relative to the "
            "repository root; pass --data DIR to point elsewhere."
        )


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Token:
    """One ZAEBUC token: the writer's form, the annotators' correction and ARETA tags."""

    raw: str
    corrected: str
    tags: tuple[str, ...]

    @property
    def is_word(self) -> bool:
        """True when the raw form holds at least one Arabic letter (numbers are not words)."""
        return any("\N{ARABIC LETTER HAMZA}" <= c <= "\N{ARABIC LETTER YEH}" for c in self.raw)

    @property
    def orthographic(self) -> bool:
        """The main rule: every ``+``-joined tag starts with ``O`` and the raw form is one word.

        ``OH``, ``OT``, ``OH+OM`` qualify; ``OH+XG`` (a grammar change too) does not, nor
        the bare ``O`` tag, which ZAEBUC gives to split tokens (``و ان`` → ``وأن``).
        """
        return all(tag.startswith("O") for tag in self.tags) and self.single

    @property
    def orthographic_loose(self) -> bool:
        """The looser rule: at least one tag starts with ``O`` and the raw form is one word."""
        return any(tag.startswith("O") for tag in self.tags) and self.single

    @property
    def single(self) -> bool:
        """True when the raw form has no space (an isolated-word checker sees one word)."""
        return " " not in self.raw

    @property
    def unchanged(self) -> bool:
        """An unchanged (``UC``) word: flagging it is a false positive."""
        return self.tags == ("UC",) and self.is_word

    @property
    def merged(self) -> bool:
        """Words glued together (``MG``): the correction holds a space, the raw form none."""
        return self.tags == ("MG",) and self.single and " " in self.corrected


def data_dir(path: Path | None) -> Path:
    """The data folder, checked; raises :class:`DataMissingError` when absent."""
    folder = path if path is not None else DEFAULT_DATA
    if not (folder / "zaebuc").is_dir():
        raise DataMissingError(folder / "zaebuc")
    return folder


def read_zaebuc(data: Path, split: str) -> list[list[Token]]:
    """The sentences of one ZAEBUC split (``train`` or ``dev``), each a list of tokens."""
    path = data / "zaebuc" / f"zaebuc_{split}.areta.tsv"
    if not path.is_file():
        raise DataMissingError(path)
    sentences: list[list[Token]] = []
    sentence: list[Token] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line.strip():
                if sentence:
                    sentences.append(sentence)
                sentence = []
                continue
            raw, corrected, tags = line.split("\t")
            sentence.append(Token(raw, corrected, tuple(tags.split("+"))))
    if sentence:
        sentences.append(sentence)
    return sentences


def read_pywikibot(data: Path) -> list[tuple[str, str]]:
    """The (wrong, right) pairs of pywikibot's Arabic rules (header line skipped)."""
    path = data / "pywikibot" / "correct-ar.tsv"
    if not path.is_file():
        raise DataMissingError(path)
    pairs = []
    with path.open(encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            if line.strip():
                wrong, right = line.rstrip("\n").split("\t")[:2]
                pairs.append((wrong, right))
    return pairs


def distinct(words: Iterable[str]) -> list[str]:
    """The words in first-seen order, each once."""
    return list(dict.fromkeys(words))


# --------------------------------------------------------------------------- hunspell


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a checker says about one word: flagged or not, and its suggestions."""

    flagged: bool
    suggestions: tuple[str, ...] = ()


class Hunspell:
    """One long-running ``hunspell -d ar -a`` process spoken to over the ispell pipe protocol.

    Each word goes as one ``^word`` line (``^`` keeps a word from being read as a
    command); Hunspell answers one line per token it sees, then a blank line.
    ``*``/``+``/``-`` mean correct, ``& word n offset: s1, s2`` a misspelling with
    suggestions, ``# word offset`` one without.
    """

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [*HUNSPELL, "-a"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
            env=HUNSPELL_ENV,
        )
        self._stdin: IO[str] = self.process.stdin  # type: ignore[assignment]
        self._stdout: IO[str] = self.process.stdout  # type: ignore[assignment]
        self._stdout.readline()  # the "@(#) International Ispell ..." banner
        self.check("في")  # returns once the dictionary is loaded

    def check(self, word: str) -> Verdict:
        """Hunspell's verdict on one word (no spaces or newlines in it)."""
        if any(c.isspace() for c in word):
            raise ValueError(f"one word at a time, got {word!r}")
        self._stdin.write(f"^{word}\n")
        self._stdin.flush()
        flagged = False
        suggestions: tuple[str, ...] = ()
        while line := self._stdout.readline().rstrip("\n"):
            if line[0] == "&":
                suggestions = suggestions or tuple(line.split(": ", 1)[1].split(", "))
                flagged = True
            elif line[0] == "#":
                flagged = True
        return Verdict(flagged, suggestions)

    def close(self) -> None:
        """End the process."""
        self._stdin.close()
        self.process.wait()

    def __enter__(self) -> Hunspell:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def hunspell_version() -> str:
    """``Hunspell 1.7.1`` or the like, and the Debian ``hunspell-ar`` version when known."""
    banner = subprocess.run(
        [*HUNSPELL, "-v"], capture_output=True, text=True, env=HUNSPELL_ENV, check=True
    ).stdout.splitlines()[0]
    version = banner.split("but really ")[-1].rstrip(")")
    try:
        ayaspell = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", "hunspell-ar"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return version
    return f"{version}, hunspell-ar {ayaspell}"


# --------------------------------------------------------------------------- processes


@dataclass(frozen=True, slots=True)
class Run:
    """One child process: wall time, peak resident memory, exit code and output, and the
    processor time it used (user + system), which a shared machine disturbs less."""

    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0


#: GNU time, which reports the peak RSS of the program it runs and nothing of ours
GNU_TIME = "/usr/bin/time"


def run_child(
    command: Sequence[str],
    stdin: Path | str,
    env: dict[str, str] | None = None,
    *,
    memory: bool = False,
) -> Run:
    """Run a command to completion and measure its wall time and, with ``memory``, its peak RSS.

    ``stdin`` is a file to feed or a string.  The peak RSS comes from GNU ``time -f %M``
    when installed: the ``ru_maxrss`` that ``wait4`` reports for a child forked from this
    (large) Python process counts this process's memory at the fork.  Without GNU time,
    that upper bound is what is reported.  GNU time's own start adds a little to the wall
    time, so the benchmarks time other runs than those they take the memory from.
    """
    wrap = memory and os.access(GNU_TIME, os.X_OK)
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r") as peak,
    ):
        if wrap:
            command = [GNU_TIME, "-f", "%M", "-o", peak.name, *command]
        if isinstance(stdin, Path):
            source: IO[bytes] = stdin.open("rb")
        else:
            source = tempfile.TemporaryFile()
            source.write(stdin.encode())
            source.seek(0)
        with source:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdin=source, stdout=out, stderr=err, env=env)
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        kib = int(peak.read().split()[-1]) if wrap else usage.ru_maxrss  # KiB on Linux
        out.seek(0)
        err.seek(0)
        return Run(
            seconds,
            kib / 1024,
            process.returncode,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
            usage.ru_utime + usage.ru_stime,
        )


# --------------------------------------------------------------------------- results


def machine() -> dict[str, str]:
    """Where the figures were measured."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "hunspell": hunspell_version(),
    }


def commit() -> str:
    """The lialia commit measured (``+`` when the working tree has uncommitted changes)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            [
                "git",
                "-C",
                str(REPO),
                "status",
                "--porcelain",
                "--untracked-files=no",
                "lialia",
                "dictionaries",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+" if dirty else "")


def now() -> str:
    """The current UTC time, to the minute."""
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())


def load_results() -> dict[str, Any]:
    """The figures of the latest official run, or an empty record."""
    path = RESULTS / "latest.json"
    if path.is_file():
        result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return result
    return {}


def save_results(key: str, figures: dict[str, Any]) -> None:
    """Store one benchmark's figures under ``key`` and re-render ``latest.md``."""
    results = load_results()
    results[key] = figures
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (RESULTS / "latest.md").write_text(render(results), encoding="utf-8")
    (RESULTS / "summary.md").write_text(render(results, summary=True), encoding="utf-8")


def save_page(name: str, figures: dict[str, Any], page: str) -> None:
    """Write one benchmark's own results page: ``results/NAME.json`` (every figure) and
    ``results/NAME.md`` (its rendered page), and say so."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(
        json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (RESULTS / f"{name}.md").write_text(page, encoding="utf-8")
    print(f"wrote benchmarks/results/{name}.json and {name}.md")


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, or infinity when the denominator is zero."""
    return numerator / denominator if denominator else float("inf")


# --------------------------------------------------------------------------- report

#: the issue's targets for lialia
TARGETS = {
    "recall": 0.93,
    "top1": 0.88,  # issue 9 (it was 0.80)
    "top5": 0.93,  # issue 9 (it was 0.92)
    "merged_top1": 0.6,
    # issue 9: two frequent words glued after a non-joining letter (benchmarks/glued.py)
    "glued_top1": 0.9,
    "suggest_speedup": 30.0,
    # issue 12: detection >= 10x hunspell -l (whole processes) and >= 60% of the ceiling
    "throughput_ratio": 10.0,
    "ceiling_share": 0.6,
    # issue 12: cold start <= 0.6x Hunspell's with .pyc, <= 0.7x without
    "cold_ratio": 0.6,
    "cold_ratio_nopyc": 0.7,
    "memory_mb": 400.0,
    # issue 8: peak memory bounded as input grows, with or without suggestions
    "large_file_memory_mb": 150.0,
    "fix_precision": 0.98,
    "fixes_on_uc": 0,
}


def _met(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**missed**")


def _num(value: Any, digits: int = 3) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def render_accuracy(accuracy: dict[str, Any], *, summary: bool = False) -> list[str]:
    """The accuracy tables in Markdown; ``summary`` leaves out the per-tag table."""
    systems: dict[str, Any] = accuracy["systems"]
    names = list(systems)
    lialia = systems.get("lialia")
    hunspell = systems.get("hunspell")
    first = systems[names[0]]
    lines = [
        f"### Accuracy — ZAEBUC {accuracy['split']}, isolated words "
        f"({accuracy['date']}, lialia {accuracy.get('commit', '?')})",
        "",
        "| metric | " + " | ".join(names) + " | target | |",
        "|---|" + "---:|" * len(names) + "---|---|",
    ]

    def row(label: str, section: str, key: str, target: str, ok: bool | None) -> None:
        cells = [_num(systems[name][section][key]) for name in names]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} | {_met(ok)} |")

    ortho = first["orthographic"]["n"]
    loose = first["orthographic_loose"]["n"]
    for key, label in (("recall", "recall"), ("top1", "top-1"), ("top5", "top-5")):
        ok = lialia["orthographic"][key] >= TARGETS[key] if lialia else None
        row(f"orthographic ({ortho}): {label}", "orthographic", key, f"≥ {TARGETS[key]}", ok)
    for key, label in (("recall", "recall"), ("top1", "top-1"), ("top5", "top-5")):
        row(f"any O tag ({loose}): {label}", "orthographic_loose", key, "", None)
    fp_ok = (
        lialia["unchanged"]["fp_rate"] <= hunspell["unchanged"]["fp_rate"]
        if lialia and hunspell
        else None
    )
    cells = [
        f"{systems[name]['unchanged']['fp_rate']:.2%} ({systems[name]['unchanged']['flagged']})"
        for name in names
    ]
    lines.append(
        f"| unchanged UC ({first['unchanged']['n']}): flagged | "
        + " | ".join(cells)
        + f" | ≤ Hunspell | {_met(fp_ok)} |"
    )
    mg_ok = lialia["merged"]["top1"] >= TARGETS["merged_top1"] if lialia else None
    row(f"merged MG ({first['merged']['n']}): top-1", "merged", "top1", "≥ 0.6", mg_ok)
    row(f"merged MG ({first['merged']['n']}): top-5", "merged", "top5", "", None)
    if lialia and "synthetic_glued" in lialia:
        glued = lialia["synthetic_glued"]
        cells = [_num(systems[name].get("synthetic_glued", {}).get("top1")) for name in names]
        lines.append(
            f"| synthetic glued ({glued['n']}): top-1 | "
            + " | ".join(cells)
            + f" | ≥ {TARGETS['glued_top1']} | {_met(glued['top1'] >= TARGETS['glued_top1'])} |"
        )
    for key, label in (("recall", "recall"), ("top1", "top-1"), ("top5", "top-5")):
        row(f"pywikibot ({first['pywikibot']['n']}): {label}", "pywikibot", key, "", None)
    cells = [_num(systems[name]["ms_per_distinct_word"], 2) for name in names]
    lines.append("| ms per distinct word (indicative) | " + " | ".join(cells) + " | | |")
    if summary:
        return lines
    lines += [
        "",
        "Per ARETA tag (all tokens with an O tag and no space in the raw form): "
        "recall / top-1 / top-5.",
        "",
        "| tag | n | " + " | ".join(names) + " |",
        "|---|---:|" + "---|" * len(names),
    ]
    for tag, figures in first["tags"].items():
        cells = []
        for name in names:
            f = systems[name]["tags"][tag]
            cells.append(f"{f['recall']:.2f} / {f['top1']:.2f} / {f['top5']:.2f}")
        lines.append(f"| {tag} | {figures['n']} | " + " | ".join(cells) + " |")
    return lines


def _cpu(figures: dict[str, Any], key: str, *, percent: bool = False) -> str:
    """`` (CPU 6.10×)``: the same ratio in processor time, when the run measured it."""
    value = figures.get(key)
    if value is None:
        return ""
    return f" (CPU {value:.0%})" if percent else f" (CPU {value:.2f}×)"


def render_speed(speed: dict[str, Any]) -> list[str]:
    """The speed and memory table in Markdown."""
    lines = [
        f"### Speed and memory ({speed['date']}, lialia {speed.get('commit', '?')}; "
        f"medians of {speed['repetitions']} runs)",
        "",
        "| measure | lialia | Hunspell | ratio | target | |",
        "|---|---:|---:|---:|---|---|",
    ]
    s = speed["suggest"]
    lines.append(
        f"| suggestions, ms per distinct misspelled word ({s['n']} words) | "
        f"{s['lialia_ms']:.3f} | {s['hunspell_ms']:.2f} | {s['speedup']:.0f}× faster | ≥ 30× | "
        f"{_met(s['speedup'] >= TARGETS['suggest_speedup'])} |"
    )
    if m := speed.get("suggest_merged"):
        lines.append(
            f"| suggestions, ms per merged word ({m['n']} words) | {m['lialia_ms']:.3f} | "
            f"{m['hunspell_ms']:.2f} | {m['speedup']:.0f}× faster | | |"
        )
    if c := speed.get("suggest_cli"):
        lines.append(
            f"| whole process, `lialia suggest -` vs `hunspell -a` over the {c['n']} words, s | "
            f"{c['lialia_s']:.2f} | {c['hunspell_s']:.2f} | {c['speedup']:.1f}× faster | | |"
        )
    t = speed["throughput"]
    mb = t["bytes"] / 1e6
    if "ratio_detect" in t:
        lines.append(
            f"| checking throughput, `lialia check --no-suggestions FILE` vs `hunspell -l` "
            f"({mb:.2f} MB), MB/s | {t['lialia_detect_mb_s']:.2f} | {t['hunspell_mb_s']:.2f} | "
            f"{t['ratio_detect']:.1f}×{_cpu(t, 'ratio_detect_cpu')} | "
            f"≥ {TARGETS['throughput_ratio']:.0f}× | "
            f"{_met(t['ratio_detect'] >= TARGETS['throughput_ratio'])} |"
        )
    lines.append(
        f"| checking with ranked suggestions, `lialia check FILE` ({mb:.2f} MB), MB/s | "
        f"{t['lialia_cli_mb_s']:.2f} | {t['hunspell_mb_s']:.2f} | {t['ratio_cli']:.1f}× | | |"
    )
    if "ratio_api_detect" in t:
        lines.append(
            f"| in-process, `SpellChecker.check(text, suggest=False)`, MB/s | "
            f"{t['lialia_api_detect_mb_s']:.2f} | {t['hunspell_mb_s']:.2f} | "
            f"{t['ratio_api_detect']:.1f}×{_cpu(t, 'ratio_api_detect_cpu')} | | |"
        )
    if "ceiling_share" in t:
        share = TARGETS["ceiling_share"]
        lines.append(
            f"| reference: pure-Python ceiling (one regex scan, one `set` look-up a word; "
            f"no clitics, no positions), MB/s; ratio = lialia in-process / ceiling | "
            f"{t['ceiling_mb_s']:.2f} | {t['hunspell_mb_s']:.2f} | "
            f"{t['ceiling_share']:.0%}{_cpu(t, 'ceiling_share_cpu', percent=True)} | "
            f"≥ {share:.0%} | "
            f"{_met(t['ceiling_share'] >= share)} |"
        )
    if t.get("typos_mb_s"):
        lines.append(
            f"| reference: `typos FILE` (compiled, checks English: speed only), MB/s | "
            f"{t['typos_mb_s']:.2f} | {t['hunspell_mb_s']:.2f} | "
            f"{ratio(t['hunspell_s'], t['typos_s']):.1f}×{_cpu(t, 'ratio_typos_cpu')} | | |"
        )
    lines.append(
        f"| in-process, `SpellChecker.check(text)` with suggestions, MB/s | "
        f"{t['lialia_api_mb_s']:.2f} | {t['hunspell_mb_s']:.2f} | {t['ratio_api']:.1f}× | | |"
    )
    cs = speed["cold_start"]
    cold = TARGETS["cold_ratio"]
    lines.append(
        f"| cold start, one sentence in a fresh process, lialia's modules byte-compiled, "
        f"clean virtual environment, ms | "
        f"{cs['lialia_ms']:.0f} | {cs['hunspell_ms']:.0f} | "
        f"{cs['ratio']:.2f}× the time{_cpu(cs, 'ratio_cpu')} | "
        f"≤ {cold}× | {_met(cs['ratio'] <= cold)} |"
    )
    if "ratio_nopyc" in cs:
        cold = TARGETS["cold_ratio_nopyc"]
        lines.append(
            f"| cold start without `.pyc` (each start compiles lialia's modules), ms | "
            f"{cs['lialia_nopyc_ms']:.0f} | {cs['hunspell_ms']:.0f} | "
            f"{cs['ratio_nopyc']:.2f}× the time{_cpu(cs, 'ratio_nopyc_cpu')} | ≤ {cold}× | "
            f"{_met(cs['ratio_nopyc'] <= cold)} |"
        )
    if "ratio_here" in cs:
        lines.append(
            f"| cold start, byte-compiled, in the benchmark's own Python (its other packages' "
            f"`.pth` start-up hooks run too), ms | {cs['lialia_here_ms']:.0f} | "
            f"{cs['hunspell_ms']:.0f} | {cs['ratio_here']:.2f}× the time"
            f"{_cpu(cs, 'ratio_here_cpu')} | | |"
        )
    lines.append(
        f"| first-ever run (builds the index cache), ms | {cs['first_build_ms']:.0f} | | | | |"
    )
    mem = speed["memory"]
    lines.append(
        f"| peak memory (max RSS) while checking the text, MB | {mem['lialia_mb']:.0f} | "
        f"{mem['hunspell_mb']:.0f} | | ≤ 400 MB | "
        f"{_met(mem['lialia_mb'] <= TARGETS['memory_mb'])} |"
    )
    if notes := speed.get("notes"):
        lines += ["", *(f"- {note}" for note in notes)]
    return lines


def render_fix_precision(fixes: dict[str, Any]) -> list[str]:
    """The auto-fix precision table in Markdown (lialia only: Hunspell has no auto-fix)."""
    readings: dict[str, Any] = fixes["readings"]
    names = list(readings)
    lines = [
        f"### Auto-fix precision — ZAEBUC {fixes['split']}, what `lialia check --fix` applies "
        f"({fixes['date']}, lialia {fixes.get('commit', '?')})",
        "",
        "| measure | " + " | ".join(names) + " | target | |",
        "|---|" + "---:|" * len(names) + "---|---|",
    ]

    def share(value: float | None) -> str:
        return "—" if value is None else f"{value:.1%}"

    def cells(pick: Any) -> str:
        return " | ".join(pick(readings[name]) for name in names)

    target = TARGETS["fix_precision"]
    precisions = [readings[name]["precision"] for name in names]
    ok = all(p is not None and p >= target for p in precisions)
    lines.append(
        "| fix precision, every token: right / auto-fixes | "
        + cells(lambda r: f"{share(r['precision'])} ({r['right']}/{r['fixes']})")
        + f" | ≥ {target:.0%} | {_met(ok)} |"
    )
    spelling = [readings[name]["spelling"]["precision"] for name in names]
    ok = all(p is not None and p >= target for p in spelling)
    lines.append(
        "| fix precision, spelling-only tokens (all tags O*, MG, UC) | "
        + cells(
            lambda r: (
                f"{share(r['spelling']['precision'])} "
                f"({r['spelling']['right']}/{r['spelling']['fixes']})"
            )
        )
        + f" | ≥ {target:.0%} | {_met(ok)} |"
    )
    if all("coverage" in readings[name] for name in names):
        lines.append(
            "| fix coverage: flagged spelling errors (O*, MG) fixed unasked | "
            + cells(
                lambda r: (
                    f"{share(r['coverage']['share'])} "
                    f"({r['coverage']['fixed']}/{r['coverage']['flagged']})"
                )
            )
            + " | as high as precision allows | |"
        )
    ok = all(readings[name]["fixes_on_uc"] == 0 for name in names)
    uc = readings[names[0]]["kinds"]["unchanged UC"]["tokens"]
    lines.append(
        f"| auto-fixes on unchanged UC tokens ({uc}) | "
        + cells(lambda r: str(r["fixes_on_uc"]))
        + f" | 0 | {_met(ok)} |"
    )
    lines.append(
        "| fixed tokens the checker flags again (an unstable fix) | "
        + cells(lambda r: str(r.get("flagged_again", "—")))
        + " | 0 | |"
    )
    for kind in readings[names[0]]["kinds"]:
        lines.append(
            f"| {kind} tokens: right / fixes / tokens | "
            + cells(lambda r, kind=kind: "{right} / {fixes} / {tokens}".format(**r["kinds"][kind]))
            + " | | |"
        )
    return lines


def render_memory(memory: dict[str, Any]) -> list[str]:
    """The peak-memory table in Markdown: one row per file size, beside Hunspell."""
    sizes: dict[str, Any] = memory["sizes"]
    single = [size for size, f in sizes.items() if f["runs"] == 1]
    runs = max(f["runs"] for f in sizes.values())
    how = f"medians of {runs} runs" + (
        f"; {', '.join(single)} MB run once" if single and runs > 1 else ""
    )
    lines = [
        f"### Peak memory on large files ({memory['date']}, lialia {memory.get('commit', '?')}; "
        f"{how})",
        "",
        "Max RSS in MB of each whole process over generated, non-repeating Arabic text "
        "(words of `dictionaries/msa.tsv`, 2% misspelt, punctuation, Latin, numbers); "
        "wall time in seconds in brackets.",
        "",
        "| file | `lialia check --no-suggestions FILE` | `lialia check FILE` | "
        "`hunspell -l < FILE` | target | |",
        "|---|---:|---:|---:|---|---|",
    ]
    limit = TARGETS["large_file_memory_mb"]
    for size, f in sizes.items():
        worst = max(f["lialia_detect_mb"], f["lialia_mb"])
        lines.append(
            f"| {size} MB ({f['bytes'] / 1e6:.2f} MB) | {f['lialia_detect_mb']:.0f} "
            f"({f['lialia_detect_s']:.1f} s) | {f['lialia_mb']:.0f} ({f['lialia_s']:.1f} s) | "
            f"{f['hunspell_mb']:.0f} ({f['hunspell_s']:.1f} s) | ≤ {limit:.0f} MB | "
            f"{_met(worst <= limit)} |"
        )
    return lines


def render(results: dict[str, Any], *, summary: bool = False) -> str:
    """``latest.md``: every table, the machine, the dates and the commands.

    ``summary`` is the README's copy: no title, no per-tag table.
    """
    lines = [] if summary else ["# lialia benchmarks: latest results", ""]
    commands = []
    if accuracy := results.get("accuracy"):
        lines += [*render_accuracy(accuracy, summary=summary), ""]
        commands.append(accuracy["command"])
    if fixes := results.get("fix_precision"):
        lines += [*render_fix_precision(fixes), ""]
        commands.append(fixes["command"])
    if speed := results.get("speed"):
        lines += [*render_speed(speed), ""]
        commands.append(speed["command"])
    if memory := results.get("memory"):
        lines += [*render_memory(memory), ""]
        commands.append(memory["command"])
    info = (speed or accuracy or {}).get("machine", {})
    if info or commands:
        lines += footer(info, " && ".join(commands))
    return "\n".join(lines)


def footer(info: dict[str, str], command: str) -> list[str]:
    """The closing lines of a results page: the machine (:func:`machine`) and the
    command that produced the figures, each a paragraph when given."""
    lines = []
    if info:
        lines += ["Machine: " + "; ".join(f"{k} {v}" for k, v in info.items()) + ".", ""]
    if command:
        lines += [f"Produced by `{command}`.", ""]
    return lines
