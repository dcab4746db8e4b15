"""``lialia serve``: suggest and search over HTTP, for apps (the ``serve`` extra).

An adapter, not an engine: each request becomes :class:`SpellChecker` and
:class:`lialia.quran.QuranIndex` calls, and the answers are the JSON objects that
``lialia suggest --format json`` and ``lialia search --format json`` print.

* ``GET /health``: ``{"status": "ok", "version": ...}``;
* ``GET /suggest?q=WORD[&limit=N]``: one suggest object;
* ``GET /search?q=KEYWORD[&limit=N&loose=1&exact=1&ayah_text=1]``: one search object;
* ``POST /suggest`` and ``POST /search`` with ``{"q": ["...", ...]}`` (and the same
  options as JSON values): ``{"results": [...]}``, one result a query, in order.

Inputs are bounded (:data:`MAX_QUERY` characters a query, :data:`MAX_BATCH` queries
a batch, :data:`MAX_BODY` bytes a body, :data:`MAX_LIMIT` for ``limit``), and so are
answers (:data:`MAX_OCCURRENCES` occurrences, all the keywords of a request); anything
else is a 4xx answer ``{"error": "..."}``, never a crash.  Starlette and uvicorn are
imported here alone, so the rest of lialia never needs them.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
from collections.abc import Callable, Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .. import __version__, report
from ..checker import SpellChecker
from ..keywords import is_text, judge  # the same verdicts as lialia suggest
from ..quran import QuranIndex, quran_index

__all__ = [
    "MAX_BATCH",
    "MAX_BODY",
    "MAX_LIMIT",
    "MAX_OCCURRENCES",
    "MAX_QUERY",
    "BadRequest",
    "create_app",
]

#: characters in one query (a word, or a phrase to search)
MAX_QUERY = 200
#: queries in one POST
MAX_BATCH = 1000
#: bytes of one POST body
MAX_BODY = 1 << 20
#: the largest ``limit`` (suggestions, or occurrences a keyword)
MAX_LIMIT = 10000
#: occurrences in one answer, all its keywords together: a small request must not make
#: a huge answer (1,000 common words with every occurrence and its ayah: a gigabyte)
MAX_OCCURRENCES = 20000
_FLAGS = ("loose", "exact", "ayah_text")


class BadRequest(Exception):
    """A request lialia will not answer: the status to send and why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _query(value: object) -> str:
    if not isinstance(value, str):
        raise BadRequest(400, "each query must be a string")
    if len(value) > MAX_QUERY:
        raise BadRequest(413, f"a query holds at most {MAX_QUERY} characters")
    if not is_text(value):
        raise BadRequest(400, "a query holds half a surrogate pair, not text")
    return value


def _limit(value: object, default: int | None) -> int | None:
    """A limit from a query string (text) or a JSON body (a number); 0 means none."""
    if value is None:
        return default
    if isinstance(value, str):
        # ASCII digits only: isdigit() takes ² and ① too, which int() refuses
        if not (value.isascii() and value.isdigit()):
            raise BadRequest(400, "limit must be a whole number, 0 or more")
        if len(value) > len(str(MAX_LIMIT)):
            raise BadRequest(400, f"limit is at most {MAX_LIMIT}")
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadRequest(400, "limit must be a whole number, 0 or more")
    if value > MAX_LIMIT:
        raise BadRequest(400, f"limit is at most {MAX_LIMIT}")
    return value or None


def _flag(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if value in ("1", "true", "yes"):
        return True
    if value in ("", "0", "false", "no"):
        return False
    raise BadRequest(400, "a flag is true or false (1 or 0)")


async def _body(request: Request) -> dict[str, Any]:
    """A POST body: a JSON object of at most :data:`MAX_BODY` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isascii() and declared.isdigit() and (
        len(declared) > len(str(MAX_BODY)) or int(declared) > MAX_BODY
    ):
        raise BadRequest(413, f"a body holds at most {MAX_BODY} bytes")
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY:
            raise BadRequest(413, f"a body holds at most {MAX_BODY} bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(400, "the body must be a JSON object in UTF-8") from None
    if not isinstance(data, dict):
        raise BadRequest(400, "the body must be a JSON object")
    return data


def _queries(data: Mapping[str, Any]) -> list[str]:
    value = data.get("q")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise BadRequest(400, 'give "q": a string or a list of strings')
    if len(value) > MAX_BATCH:
        raise BadRequest(413, f"a batch holds at most {MAX_BATCH} queries")
    return [_query(item) for item in value]


def create_app(checker: SpellChecker, index: QuranIndex | None = None) -> Starlette:
    """The ASGI application: ``checker`` answers /suggest, ``index`` (the shipped
    Quran index by default, loaded on first search) answers /search."""

    def suggest_one(word: str, limit: int | None) -> dict[str, Any]:
        normalized, severity, reason = judge(checker, word)
        suggestions = (
            [s.word for s in checker.suggest(word, limit=limit or 5)]
            if severity is not None
            else []
        )
        line = report.suggest_json(word, suggestions, reason is None, severity, normalized, reason)
        found: dict[str, Any] = json.loads(line)
        return found

    def search_many(queries: list[str], options: Mapping[str, Any]) -> list[dict[str, object]]:
        searcher = index or quran_index()
        flags = {
            "loose": _flag(options.get("loose")),
            "exact": _flag(options.get("exact")),
            "ayah_text": _flag(options.get("ayah_text")),
        }
        limit = _limit(options.get("limit"), 10)
        if (limit or MAX_OCCURRENCES + 1) * len(queries) > MAX_OCCURRENCES:
            # count first (a search that keeps one occurrence a keyword is cheap)
            counted = searcher.search(queries, limit=1, loose=flags["loose"], exact=flags["exact"])
            total = sum(min(r.count, limit or r.count) for r in counted)
            if total > MAX_OCCURRENCES:
                raise BadRequest(
                    413,
                    f"the answer would hold {total} occurrences, more than {MAX_OCCURRENCES}: "
                    "set a smaller limit or send fewer keywords",
                )
        results = searcher.search(queries, limit=limit, **flags)
        return [result.as_dict() for result in results]

    def guarded(
        handler: Callable[[Request], Any],
    ) -> Callable[[Request], Any]:
        async def run(request: Request) -> JSONResponse:
            try:
                return JSONResponse(await handler(request))
            except BadRequest as e:
                return JSONResponse({"error": e.message}, status_code=e.status)

        return run

    async def health(request: Request) -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    async def get_suggest(request: Request) -> dict[str, Any]:
        params = request.query_params
        if "q" not in params:
            raise BadRequest(400, "give q: the word to look up")
        word, limit = _query(params["q"]), _limit(params.get("limit"), 5)
        return await run_in_threadpool(suggest_one, word, limit)

    async def post_suggest(request: Request) -> dict[str, Any]:
        data = await _body(request)
        limit, words = _limit(data.get("limit"), 5), _queries(data)

        def answer() -> list[dict[str, Any]]:  # in a thread: the event loop stays free
            return [suggest_one(word, limit) for word in words]

        return {"results": await run_in_threadpool(answer)}

    async def get_search(request: Request) -> dict[str, object]:
        params = request.query_params
        if "q" not in params:
            raise BadRequest(400, "give q: the keyword to search")
        found = await run_in_threadpool(search_many, [_query(params["q"])], params)
        return found[0]

    async def post_search(request: Request) -> dict[str, Any]:
        data = await _body(request)
        return {"results": await run_in_threadpool(search_many, _queries(data), data)}

    routes = [
        Route("/health", guarded(health), methods=["GET"]),
        Route("/suggest", guarded(get_suggest), methods=["GET"]),
        Route("/suggest", guarded(post_suggest), methods=["POST"]),
        Route("/search", guarded(get_search), methods=["GET"]),
        Route("/search", guarded(post_search), methods=["POST"]),
    ]
    async def http_error(request: Request, error: Exception) -> JSONResponse:
        """Starlette's own refusals (an unknown route, a method a route has not) in the
        same JSON form as every other error, not plain text."""
        status = getattr(error, "status_code", 500)
        detail = getattr(error, "detail", "") or "error"
        headers = getattr(error, "headers", None)
        return JSONResponse({"error": str(detail)}, status_code=status, headers=headers)

    return Starlette(routes=routes, exception_handlers={HTTPException: http_error})


def listen(host: str, port: int) -> socket.socket:
    """The listening socket for ``host:port``, bound here, before anything is served: a
    port in use or a host that does not resolve is an :class:`OSError` for the caller
    to report (it was uvicorn's exit 3, or an internal error with workers).

    Made by hand, with its protocol named: asyncio turns Nagle's algorithm off
    (TCP_NODELAY) only on sockets whose proto is IPPROTO_TCP, and an answer written in
    two pieces would otherwise wait ~40 ms for the client's delayed ACK."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )[0]
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(2048)
    except OSError:
        listener.close()
        raise
    return listener


class WorkerDied(Exception):
    """A worker of ``lialia serve --workers`` that ended on its own (killed, crashed)."""


def run(app: Starlette, listener: socket.socket, workers: int = 1) -> None:
    """Serve ``app`` on ``listener`` (:func:`listen`) with uvicorn until interrupted, in
    ``workers`` processes.

    Several workers are forked from this process once the lexicons are mapped (uvicorn's
    own ``workers`` would start fresh interpreters that import the app by name, which
    cannot carry the checker built from the command line's options): they share the one
    listening socket, and the kernel hands each connection to one of them.  A stopped
    parent (SIGINT or SIGTERM) stops its workers and waits for them; Ctrl-C goes on as a
    KeyboardInterrupt, as with one worker.  Once every worker has ended, if one ended on
    its own (killed, out of memory), :class:`WorkerDied` says so.
    """
    import uvicorn

    config = uvicorn.Config(app, log_level="warning")
    if workers <= 1:
        try:
            uvicorn.Server(config).run(sockets=[listener])
        finally:
            listener.close()
        return
    children: list[int] = []
    died: list[str] = []

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(0)

    def reap(pid: int, status: int) -> None:
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) not in (signal.SIGTERM, signal.SIGINT):
            died.append(f"worker {pid} killed by signal {os.WTERMSIG(status)}")
        elif os.WIFEXITED(status) and os.WEXITSTATUS(status):
            died.append(f"worker {pid} stopped with exit code {os.WEXITSTATUS(status)}")

    try:
        for _ in range(workers):
            pid = os.fork()
            if pid == 0:  # a worker: serve until its own SIGINT or SIGTERM
                code = 0
                try:
                    uvicorn.Server(config).run(sockets=[listener])
                except BaseException:
                    code = 1
                os._exit(code)
            children.append(pid)
        signal.signal(signal.SIGTERM, stop)
        for pid in list(children):
            _, status = os.waitpid(pid, 0)
            children.remove(pid)
            reap(pid, status)
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        listener.close()
    if died:
        raise WorkerDied("; ".join(died))
