"""``lialia serve`` under load: a real server on 127.0.0.1, twenty clients at once.

Issue 10 asks for "say 10,000 requests from 20 clients, all answered correctly";
``benchmarks/http.py`` sends those and times them.  Here the count is bounded (2,000
requests, a few seconds) and nothing is timed: every answer must carry the right status
and the very JSON that lialia gives in process for that query (``lialia suggest
--format json`` and :func:`lialia.quran.search`), whatever else the server is answering
on its other connections at the same time.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import serving
from conftest import CLI_ENV

from lialia.quran import search

REPO = Path(__file__).resolve().parents[1]
CLIENTS = 20
REQUESTS = 2000
SEED = 10
#: the muṣḥaf's spellings that lialia finds through a correction
CORRECTED = ["الرحمان", "مستقييم", "يومنون", "هاذا", "الى"]


@dataclass(frozen=True)
class Ask:
    """One GET and what must come back."""

    path: str
    status: int
    body: Any  # the whole JSON answer, or for a 4xx a piece of its "error"


def words(name: str, count: int, rng: random.Random) -> list[str]:
    """``count`` words of a shipped word list (``dictionaries/NAME.tsv``)."""
    lines = (REPO / "dictionaries" / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
    listed = [line.split("\t")[0] for line in lines if line and not line.startswith("#")]
    return rng.sample(listed, count)


def slip(word: str, rng: random.Random) -> str:
    """The word with one typing slip: a letter doubled, dropped or swapped with the next."""
    at = rng.randrange(len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[: at + 1] + word[at:]
    if kind == 1:
        return word[:at] + word[at + 1 :]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def keywords() -> list[str]:
    """About 300 distinct Arabic queries, one in five misspelt, from both word lists."""
    rng = random.Random(SEED)
    picked = [w for w in words("quran", 150, rng) + words("msa", 150, rng) if len(w) >= 3]
    mixed = [slip(w, rng) if i % 5 == 0 else w for i, w in enumerate(picked)]
    return list(dict.fromkeys(mixed + CORRECTED))


def path(route: str, **params: str) -> str:
    return f"{route}?{urllib.parse.urlencode(params)}"


@pytest.fixture(scope="module")
def asks(tmp_path_factory: pytest.TempPathFactory) -> list[Ask]:
    """Every distinct request of the load, with the answer lialia gives in process."""
    from typer.testing import CliRunner

    from lialia.cli import app

    queries = keywords()
    # lialia suggest where no configuration is found: the server's SpellChecker()
    here = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("load"))
    try:
        suggested = CliRunner(env=CLI_ENV).invoke(
            app, ["suggest", "--format", "json", "--limit", "3", *queries], catch_exceptions=False
        )
    finally:
        os.chdir(here)
    assert suggested.exit_code in (0, 1), suggested.stderr
    lines = suggested.stdout.splitlines()
    assert len(lines) == len(queries)
    found = search(queries, limit=3)
    out = [
        Ask(path("/suggest", q=q, limit="3"), 200, json.loads(line))
        for q, line in zip(queries, lines, strict=True)
    ]
    out += [
        Ask(path("/search", q=q, limit="3"), 200, r.as_dict())
        for q, r in zip(queries, found, strict=True)
    ]
    out += [
        Ask(path("/search", q="ك" * 201), 413, "at most 200 characters"),
        Ask(path("/suggest", q="كتاب", limit="x"), 400, "limit"),
        Ask(path("/search", q="كتاب", loose="maybe"), 400, "true or false"),
        Ask("/search", 400, "give q"),
        Ask(path("/nothing", q="كتاب"), 404, None),
    ]
    return out


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    """A real server: uvicorn in a thread, on a free port of 127.0.0.1."""
    with serving.in_thread() as bound:
        yield bound


def client(port: int, batch: list[Ask]) -> list[str]:
    """Send ``batch`` over one keep-alive connection; the requests whose answer was wrong."""
    wrong = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for ask in batch:
            connection.request("GET", ask.path)
            answer = connection.getresponse()
            raw = answer.read()
            if answer.status != ask.status:
                wrong.append(f"{ask.path}: {answer.status}, not {ask.status}")
            elif ask.status == 200:
                if json.loads(raw) != ask.body:
                    wrong.append(f"{ask.path}: {raw.decode()}")
            elif ask.body is not None and ask.body not in json.loads(raw)["error"]:
                wrong.append(f"{ask.path}: {raw.decode()}")
            if answer.will_close:  # kept alive unless the server says otherwise
                connection.close()
    finally:
        connection.close()
    return wrong


def test_the_load_is_varied(asks: list[Ask]) -> None:
    """Hundreds of distinct queries, misspelt ones among them, and both answers' kinds."""
    suggests = [a.body for a in asks if a.path.startswith("/suggest") and a.status == 200]
    searches = [a.body for a in asks if a.path.startswith("/search") and a.status == 200]
    assert len(suggests) == len(searches) >= 250
    assert sum(not s["correct"] for s in suggests) >= 50
    assert {r["reason"] for r in searches} >= {"found", "corrected"}
    found = {r["keyword"]: (r["correction"], r["count"]) for r in searches}
    assert found["مستقييم"] == ("مستقيم", 31)
    assert found["يومنون"][0] == "يؤمنون"
    assert found["الرحمان"] == ("الرحمن", 57)


def test_twenty_clients_all_answered_correctly(asks: list[Ask], port: int) -> None:
    """2,000 GETs (/suggest, /search, and bad ones) from 20 keep-alive clients at once."""
    rng = random.Random(SEED)
    load = [asks[rng.randrange(len(asks))] for _ in range(REQUESTS - len(asks))] + asks
    rng.shuffle(load)
    batches = [load[i::CLIENTS] for i in range(CLIENTS)]
    with ThreadPoolExecutor(CLIENTS) as pool:
        wrong = [w for found in pool.map(lambda b: client(port, b), batches) for w in found]
    assert wrong == []
    assert sum(map(len, batches)) == REQUESTS


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if fields[1] == str(pid):
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_serve_workers_share_the_port_and_stop_with_it(tmp_path: Path) -> None:
    """``lialia serve --workers 2``: two forked processes answer on one port, and a
    SIGTERM to the command stops them all."""
    workers: set[int] = set()
    with serving.command(tmp_path, "--workers", "2") as (process, free):
        workers = children(process.pid)
        assert len(workers) == 2
        expected = search("يومنون", limit=1)[0].as_dict()
        batch = [Ask(path("/search", q="يومنون", limit="1"), 200, expected)] * 5
        with ThreadPoolExecutor(CLIENTS) as pool:
            wrong = [
                w for found in pool.map(lambda b: client(free, b), [batch] * 20) for w in found
            ]
        assert wrong == []
    assert process.returncode == 0
    for pid in workers:  # each worker has ended (and was reaped: no zombie left)
        assert not Path(f"/proc/{pid}").exists()
