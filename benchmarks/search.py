"""Speed of ``lialia search``: in-process time per keyword, and one whole process.

    python benchmarks/search.py            # about 1,000 keywords; prints the figures

Keywords: distinct imla'i words of the shipped Quran text (``dictionaries/quran-index.tsv``,
so no evaluation data is read), sampled with a fixed seed, plus misspellings made from
others of them (a hamza seat or alef form bared, a letter doubled), which the engine
must correct before it searches.  Each keyword is searched once, on a warm index (the
index and the lexicons mapped by one keyword outside the batch); the figures are the
median and 99th percentile of the per-keyword times, with ``limit=10`` (a page of
occurrences) and without a limit.  Then the median of five whole ``lialia search``
processes with a warm cache.

Beside Alfanous, in the same run, where it is installed (``pip install alfanous3``: a
benchmark's companion, never a lialia dependency; ``--no-alfanous`` leaves it out): the
seconds to import ``alfanous.api`` in a fresh interpreter, the p50 and p99 of one
``alfanous.api.search`` a keyword (its first page: ten ayahs) on the same keywords, and
what each finds for misspelt keywords that lialia corrects.  The two count differently:
lialia counts occurrences (words), Alfanous ayahs; both are printed, with lialia's
ayahs too, and Alfanous is asked plainly and with its ``fuzzy=True`` (edit distance 1).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lialia.normalize import normalize
from lialia.quran import quran_index

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "dictionaries" / "quran-index.tsv"
BARE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه"})


def keywords(count: int, seed: int) -> list[str]:
    """``count`` distinct keywords: four in five Quranic words, one in five misspelt."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()[1:]
    words = sorted({normalize(part) for line in lines for part in line.split("\t")[4].split()})
    rng = random.Random(seed)
    correct = rng.sample(words, count * 4 // 5)
    wrong: set[str] = set()
    for word in rng.sample(words, len(words)):
        if len(wrong) >= count - len(correct):
            break
        bared = word.translate(BARE)
        if bared != word:
            wrong.add(bared)
        elif len(word) >= 4:
            at = rng.randrange(1, len(word))
            wrong.add(word[:at] + word[at - 1] + word[at:])
    batch = list(dict.fromkeys([*correct, *sorted(wrong)]))
    rng.shuffle(batch)  # both halves of the run mix correct and misspelt keywords
    return batch


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def in_process(batch: list[str], limit: int | None) -> tuple[float, float]:
    """p50 and p99, in ms, of one search a keyword (a fresh keyword each time)."""
    index = quran_index()
    times = []
    for keyword in batch:
        started = time.perf_counter()
        index.search(keyword, limit=limit)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 0.99)


def whole_process(runs: int) -> float:
    """Median seconds of ``lialia search -n 10 الرحمن`` (warm cache)."""
    command = shutil.which("lialia", path=str(Path(sys.executable).parent)) or "lialia"
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([command, "search", "-n", "10", "الرحمن"], capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


#: keywords that lialia finds through a correction (``الرحمان`` as the muṣḥaf's ``الرحمن``)
CORRECTED = ("الرحمان", "مستقييم", "يومنون")


def alfanous_import() -> float | None:
    """Seconds to import ``alfanous.api`` in a fresh interpreter (None: not installed)."""
    code = (
        "import time; t = time.perf_counter(); import alfanous.api; print(time.perf_counter() - t)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return float(done.stdout) if done.returncode == 0 else None


def alfanous_ayahs(keyword: str, fuzzy: bool = False) -> int:
    """The ayahs Alfanous finds for ``keyword``."""
    import alfanous.api

    found = alfanous.api.search(keyword, view="minimal", fuzzy=fuzzy)
    return int(found["search"]["interval"]["total"])


def alfanous_times(batch: list[str]) -> tuple[float, float, int]:
    """p50 and p99, in ms, of one Alfanous search a keyword, and the keywords it refused."""
    import alfanous.api

    times = []
    failed = 0
    for keyword in batch:
        started = time.perf_counter()
        found = alfanous.api.search(keyword, view="minimal")
        times.append((time.perf_counter() - started) * 1000)
        failed += found.get("error", {}).get("code", 0) != 0
    return statistics.median(times), percentile(times, 0.99), failed


def compare_alfanous(batch: list[str]) -> None:
    """Alfanous beside lialia: import, per-keyword time, and the corrected keywords."""
    seconds = alfanous_import()
    if seconds is None:
        print("alfanous: not importable here (pip install alfanous3); left out")
        return
    print(f"alfanous: import alfanous.api {seconds:.2f} s (a fresh interpreter)")
    alfanous_ayahs("الرحمن")  # open its index outside the clock
    p50, p99, failed = alfanous_times(batch)
    print(
        f"alfanous: {len(batch)} keywords, p50 {p50:.3f} ms, p99 {p99:.3f} ms"
        f" (a page of ten ayahs; {failed} refused)"
    )
    for keyword in CORRECTED:
        found = quran_index().search(keyword, limit=None)[0]
        ayahs = len({(o.surah, o.ayah) for o in found.occurrences})
        print(
            f"{keyword}: lialia {found.count} occurrences in {ayahs} ayahs"
            f" (as {found.correction or keyword}); alfanous {alfanous_ayahs(keyword)} ayahs,"
            f" fuzzy {alfanous_ayahs(keyword, fuzzy=True)}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="keywords (default 1000)")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--no-alfanous", action="store_true", help="leave Alfanous out")
    args = parser.parse_args()
    batch = keywords(args.count, args.seed)
    quran_index().search("الرحمان")  # map the index and the lexicons outside the clock
    half = len(batch) // 2
    # two halves, so that no keyword is searched twice (the checker caches verdicts)
    p50, p99 = in_process(batch[:half], 10)
    print(f"in-process, limit 10: {half} keywords, p50 {p50:.3f} ms, p99 {p99:.3f} ms")
    p50, p99 = in_process(batch[half:], None)
    print(f"in-process, no limit: {len(batch) - half} keywords, p50 {p50:.3f} ms, p99 {p99:.3f} ms")
    whole_process(1)  # the cache is built before the clock starts
    print(f"one lialia search process: {whole_process(5):.3f} s (median of 5)")
    if not args.no_alfanous:
        compare_alfanous(batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
