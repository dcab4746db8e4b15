"""Throughput and latency of ``lialia serve``: many clients at once on this machine.

    python benchmarks/serve.py                 # 10,000 GETs from 20 clients; prints the figures
    python benchmarks/serve.py --workers 2     # the same against ``lialia serve --workers 2``

The script starts ``lialia serve`` (this interpreter's) on a free port of 127.0.0.1, warms
it up (the lexicons and the Quran index mapped by a few requests outside the clock), then
sends ``--requests`` GETs from ``--clients`` threads, each over one keep-alive
``http.client`` connection: half ``/suggest?q=...``, half ``/search?q=...&limit=10``, over
``--keywords`` distinct keywords (words of ``dictionaries/quran.tsv`` and ``msa.tsv``
sampled with a fixed seed, one in five misspelt by one slip: a letter doubled, dropped or
swapped), so no evaluation data is read and no answer is one query repeated.  Every
answer must be 200 and JSON, or the run fails.

It prints requests per second over the whole load, the p50 and p99 latency of one
request as the client sees it, and the CPU seconds the server and the client spent: the
clients are Python threads on the same cores as the server, so a slow client lowers the
figure; its own CPU share says by how much.  Last, with the server stopped, the CPU
seconds this process takes to compute the same answers in process ("engine cpu s"): the
rest of the server's CPU is HTTP, ASGI and the thread hand-off.  The issue's target is
2,000 requests/s on 2 cores.

(Not ``benchmarks/http.py``: a script's folder comes first on ``sys.path``, and a file
named ``http.py`` there would hide the standard library's ``http`` package from every
script beside it.)
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")


def words(name: str, count: int, rng: random.Random) -> list[str]:
    """``count`` words of three letters or more from ``dictionaries/NAME.tsv``."""
    lines = (REPO / "dictionaries" / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
    listed = [line.split("\t")[0] for line in lines[1:] if line]
    return rng.sample([w for w in listed if len(w) >= 3], count)


def slip(word: str, rng: random.Random) -> str:
    """The word with one typing slip: a letter doubled, dropped or swapped with the next."""
    at = rng.randrange(len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[: at + 1] + word[at:]
    if kind == 1:
        return word[:at] + word[at + 1 :]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def keywords(count: int, seed: int) -> list[str]:
    """``count`` distinct keywords, half Quranic and half MSA, one in five misspelt."""
    rng = random.Random(seed)
    picked = words("quran", count, rng) + words("msa", count, rng)
    rng.shuffle(picked)
    mixed = [slip(w, rng) if i % 5 == 0 else w for i, w in enumerate(picked)]
    return list(dict.fromkeys(mixed))[:count]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and of its children (the forked workers)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that ended meanwhile
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # itself, or its child
            total += (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    return total


def start(port: int, workers: int, cwd: str) -> subprocess.Popen[bytes]:
    command = shutil.which("lialia", path=str(Path(sys.executable).parent)) or "lialia"
    args = [command, "serve", "--port", str(port)]
    if workers > 1:
        args += ["--workers", str(workers)]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    deadline = time.monotonic() + 120
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                connection.close()
                return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stderr = process.stderr.read().decode() if process.stderr else ""
                raise SystemExit(f"lialia serve did not start: {stderr}") from None
            time.sleep(0.2)


def paths(batch: list[str]) -> list[str]:
    """One /suggest and one /search GET a keyword."""
    out = []
    for keyword in batch:
        out.append("/suggest?" + urllib.parse.urlencode({"q": keyword}))
        out.append("/search?" + urllib.parse.urlencode({"q": keyword, "limit": "10"}))
    return out


def client(port: int, load: list[str], times: list[float], errors: list[str]) -> None:
    """Send ``load`` over one keep-alive connection, appending each request's seconds."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for path in load:
            started = time.perf_counter()
            connection.request("GET", path)
            answer = connection.getresponse()
            body = answer.read()
            times.append(time.perf_counter() - started)
            if answer.status != 200 or not body.startswith(b"{"):
                errors.append(f"{path}: {answer.status} {body[:80]!r}")
            if answer.will_close:
                connection.close()
    finally:
        connection.close()


def run_load(port: int, load: list[str], clients: int) -> tuple[float, list[float], list[str]]:
    """Seconds for the whole load, each request's seconds, and the wrong answers."""
    times: list[float] = []
    errors: list[str] = []
    threads = [
        threading.Thread(target=client, args=(port, load[i::clients], times, errors))
        for i in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, times, errors


def engine_seconds(load: list[str]) -> float:
    """CPU seconds this process takes to compute the same answers without HTTP: what
    each /suggest and /search request asks of the engine, plus the JSON text."""
    from lialia import SpellChecker, report
    from lialia.cli import judge
    from lialia.quran import quran_index

    checker, index = SpellChecker(), quran_index()
    checker.load()
    index.search("الرحمان")  # mapped outside the clock, as the warm-up does for the server
    started = time.process_time()
    for path in load:
        route, _, query = path.partition("?")
        keyword = urllib.parse.parse_qs(query)["q"][0]
        if route == "/suggest":
            normalized, severity, reason = judge(checker, keyword)
            words = [s.word for s in checker.suggest(keyword)] if severity is not None else []
            report.suggest_json(keyword, words, reason is None, severity, normalized, reason)
        else:
            json.dumps(index.search(keyword, limit=10)[0].as_dict(), ensure_ascii=False)
    return time.process_time() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10000, help="GETs (default 10000)")
    parser.add_argument("--clients", type=int, default=20, help="threads (default 20)")
    parser.add_argument("--keywords", type=int, default=1000, help="distinct (default 1000)")
    parser.add_argument("--workers", type=int, default=1, help="lialia serve --workers")
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    batch = keywords(args.keywords + 50, args.seed)
    warm, measured = batch[:50], batch[50:]
    everything = paths(measured)
    random.Random(args.seed).shuffle(everything)
    load = (everything * (args.requests // len(everything) + 1))[: args.requests]
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:  # no configuration file is found there
        process = start(port, args.workers, folder)
        try:
            # warm-up: other keywords than the measured ones, outside the clock
            run_load(port, paths(warm), min(args.clients, len(warm)))
            server_cpu, client_cpu = cpu_seconds(process.pid), time.process_time()
            seconds, times, errors = run_load(port, load, args.clients)
            server_cpu = cpu_seconds(process.pid) - server_cpu
            client_cpu = time.process_time() - client_cpu
        finally:
            process.terminate()
            process.wait(timeout=60)
            if process.stderr:
                process.stderr.close()
    if errors:
        print(f"{len(errors)} wrong answers, the first: {errors[0]}", file=sys.stderr)
        return 1
    engine = engine_seconds(load)  # after the load: it competes with nothing
    figures = {
        "requests": len(times),
        "clients": args.clients,
        "distinct keywords": len(measured),
        "workers": args.workers,
        "cores": os.cpu_count(),
        "requests/s": round(len(times) / seconds),
        "p50 ms": round(statistics.median(times) * 1000, 2),
        "p99 ms": round(percentile(times, 0.99) * 1000, 2),
        "seconds": round(seconds, 2),
        "server cpu s": round(server_cpu, 2),
        "client cpu s": round(client_cpu, 2),
        "engine cpu s": round(engine, 2),
    }
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
