"""What installing lialia costs, and its first run after ``pip install``, beside Hunspell.

    python benchmarks/install.py              # the official run (writes results/install.*)
    python benchmarks/install.py --repeat 3   # a quick look, nothing written

1. The source tree a user clones (``pyproject.toml``, ``setup.py``, ``README.md``,
   ``lialia/``, ``dictionaries/``; no caches, no compiled tries) is copied to a temporary
   folder and built by ``pip wheel --no-deps .``, which compiles the word lists into the
   tries the wheel ships (``setup.py``): the build time and the wheel's size.
2. A clean virtual environment is made and the wheel installed into it by ``pip install
   --no-deps --no-index``: the install time (byte-compiling included, as pip does).  The
   dependencies are this Python's, reached through ``PYTHONPATH`` (nothing is
   downloaded, and no other package's start-up hook runs).
3. ``lialia check -`` (the console script) on one sentence with one misspelling, with an
   empty cache folder each time (``LIALIA_CACHE_DIR``, ``HOME``): the **first run**, wall
   time and peak memory (max RSS, by GNU ``time``); then the same with the cache the first
   run left (a later run); both paired with ``hunspell -d ar -a`` on the same sentence.
4. The fallback, for reference: the same run from the source tree (as an editable install
   runs it), which ships no tries and so compiles the word lists into its empty cache;
   its time and peak memory (the issue measured 14 s and 981 MB before the lists were
   streamed into the trie builder and shipped compiled).

Medians of ``--repeat`` rounds (at least 5 for the official run).  The build and the install
run once: they take seconds and are not what a user waits for twice.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import site
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from common import (
    HUNSPELL,
    HUNSPELL_ENV,
    REPO,
    Run,
    commit,
    footer,
    machine,
    now,
    ratio,
    run_child,
    save_page,
)

from lialia.lexicon import SHIPPED

COMMAND = "python benchmarks/install.py"
#: what a clone holds that the wheel is built from (as tests/test_wheel.py copies it)
SOURCES = ("pyproject.toml", "setup.py", "README.md", "lialia", "dictionaries")
SENTENCE = "ذهبت الى المدرسة صباحا\n"
MISSPELT = "الى"
#: the issue's targets for the first run after ``pip install .``
TARGET_SECONDS = 1.0
TARGET_MB = 100.0


def copy_source(folder: Path) -> Path:
    """The source tree as a clone holds it, without caches or compiled tries."""
    source = folder / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", SHIPPED)
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=ignore)
        else:
            shutil.copyfile(REPO / name, source / name)
    return source


def timed_run(command: Sequence[str], **kwargs: Any) -> float:
    """Seconds for a command that must succeed (its error output shown when it fails)."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds


#: what the ``lialia`` console script runs
MAIN = "import sys; from lialia.cli import main; sys.exit(main())"


def install(folder: Path) -> tuple[dict[str, Any], Path, dict[str, str]]:
    """Build the wheel and install it into a clean environment: the figures, the
    console script and the environment that runs it."""
    source = copy_source(folder)
    wheels = folder / "wheels"
    build_s = timed_run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), "."],
        cwd=source,
    )
    (wheel,) = wheels.glob("lialia-*.whl")
    venv = folder / "venv"
    timed_run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    quiet = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LIALIA_CACHE_DIR")}
    quiet.pop("PYTHONDONTWRITEBYTECODE", None)  # pip byte-compiles what it installs
    install_s = timed_run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        env=quiet,
    )
    environment = {
        **quiet,
        "PYTHONPATH": os.pathsep.join(site.getsitepackages()),
        "PYTHONDONTWRITEBYTECODE": "1",  # each run as the first left the installation
    }
    figures = {
        "build_s": round(build_s, 2),
        "wheel_mb": round(wheel.stat().st_size / 1e6, 2),
        "install_s": round(install_s, 2),
    }
    return figures, venv / "bin" / "lialia", environment


def first_and_later(
    script: Path, environment: dict[str, str], folder: Path, repeat: int
) -> dict[str, Any]:
    """The first run with an empty cache and a later one, paired with Hunspell, and the
    first run of the source tree (which compiles the lists)."""
    names = ("first", "later", "compile", "hunspell")
    times: dict[str, list[float]] = {name: [] for name in names}
    memory: dict[str, list[float]] = {name: [] for name in names}
    installed = [str(script), "check", "-"]
    # the source tree's package, its word lists where an editable install maps them
    # (lialia/dictionaries), first on the path: no shipped tries, so a compile
    editable = folder / "editable" / "lialia"
    shutil.copytree(folder / "source" / "lialia", editable)
    shutil.copytree(folder / "source" / "dictionaries", editable / "dictionaries")
    from_source = os.pathsep.join([str(editable.parent), environment["PYTHONPATH"]])
    python = str(script.with_name("python"))
    for round_ in range(repeat):
        home = folder / f"home{round_}"
        home.mkdir()
        env = {**environment, "HOME": str(home), "LIALIA_CACHE_DIR": str(home / "cache")}
        for name in ("first", "later", "compile"):
            command = installed
            if name == "compile":
                command = [python, "-c", MAIN, "check", "-"]
                env = {**env, "PYTHONPATH": from_source}
            # the time from a plain run, the memory from one under GNU time: each on
            # an empty cache but for "later" (the cache is emptied between)
            if name != "later":
                shutil.rmtree(home / "cache", ignore_errors=True)
            run = _checked(run_child(command, SENTENCE, env), name)
            if name != "later":
                shutil.rmtree(home / "cache", ignore_errors=True)
            peak = _checked(run_child(command, SENTENCE, env, memory=True), name)
            times[name].append(run.seconds)
            memory[name].append(peak.max_rss_mb)
        hunspell = [*HUNSPELL, "-a"]
        times["hunspell"].append(run_child(hunspell, SENTENCE, HUNSPELL_ENV).seconds)
        memory["hunspell"].append(
            run_child(hunspell, SENTENCE, HUNSPELL_ENV, memory=True).max_rss_mb
        )
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {
        "first_ms": round(1000 * medians["first"], 1),
        "later_ms": round(1000 * medians["later"], 1),
        "hunspell_ms": round(1000 * medians["hunspell"], 1),
        "first_ratio": round(ratio(medians["first"], medians["hunspell"]), 3),
        "later_ratio": round(ratio(medians["later"], medians["hunspell"]), 3),
        "first_mb": round(statistics.median(memory["first"]), 1),
        "later_mb": round(statistics.median(memory["later"]), 1),
        "hunspell_mb": round(statistics.median(memory["hunspell"]), 1),
        "compile_ms": round(1000 * medians["compile"], 1),
        "compile_mb": round(statistics.median(memory["compile"]), 1),
    }


def _checked(run: Run, what: str) -> Run:
    if run.returncode != 1 or MISSPELT not in run.stdout:
        raise SystemExit(f"lialia check - ({what}) did not report {MISSPELT}:\n{run.stderr}")
    return run


def render(results: dict[str, Any]) -> str:
    """The Markdown page of one run."""
    f = results["figures"]
    first_ok = f["first_ms"] <= 1000 * TARGET_SECONDS and f["first_mb"] <= TARGET_MB
    lines = [
        f"### Install and first run ({results['date']}, lialia {results['commit']}; "
        f"medians of {results['repeat']} runs)",
        "",
        "| measure | lialia | Hunspell | ratio | target | |",
        "|---|---:|---:|---:|---|---|",
        f"| `pip wheel --no-deps .` (compiles the word lists into the wheel), s | "
        f"{f['build_s']:.1f} | | | | |",
        f"| wheel size, MB | {f['wheel_mb']:.1f} | | | | |",
        f"| `pip install --no-deps` of the wheel into a clean venv, s | {f['install_s']:.1f} "
        "| | | | |",
        f"| first run after the install (empty cache), `check -` of one sentence, ms | "
        f"{f['first_ms']:.0f} | {f['hunspell_ms']:.0f} | {f['first_ratio']:.2f}× the time | "
        f"≤ {1000 * TARGET_SECONDS:.0f} ms | {'met' if f['first_ms'] <= 1000 else '**missed**'} |",
        f"| its peak memory (max RSS), MB | {f['first_mb']:.0f} | {f['hunspell_mb']:.0f} | | "
        f"≤ {TARGET_MB:.0f} MB | {'met' if f['first_mb'] <= TARGET_MB else '**missed**'} |",
        f"| a later run (the cache the first left), ms | {f['later_ms']:.0f} | "
        f"{f['hunspell_ms']:.0f} | {f['later_ratio']:.2f}× the time | | |",
        f"| its peak memory, MB | {f['later_mb']:.0f} | {f['hunspell_mb']:.0f} | | | |",
        f"| fallback: first run of the source tree (compiles the lists into its cache), ms "
        f"| {f['compile_ms']:.0f} | | | | |",
        f"| its peak memory, MB | {f['compile_mb']:.0f} | | | | |",
        "",
        f"First run within the targets: {'yes' if first_ok else 'no'}. The build and the "
        "install ran once each; the runs are paired with `hunspell -d ar -a` on the same "
        "sentence, each lialia run with a cache folder of its own.",
        "",
        *footer(results["machine"], COMMAND),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the official run writes ``results/install.json`` and ``.md``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="rounds of runs (median; ≥ 5)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lialia-bench-install-") as tmp:
        folder = Path(tmp)
        os.chdir(folder)  # python -c and -m would put a checkout first on sys.path
        figures, script, environment = install(folder)
        print(f"built and installed: {json.dumps(figures)}", flush=True)
        figures |= first_and_later(script, environment, folder, args.repeat)
    results = {
        "date": now(),
        "commit": commit(),
        "repeat": args.repeat,
        "machine": machine(),
        "figures": figures,
    }
    page = render(results)
    print(page)
    if args.repeat >= 5:
        save_page("install", results, page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
