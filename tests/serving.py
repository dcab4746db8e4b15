"""Starting lialia's HTTP service for a test: in a thread of this process (uvicorn on a
free port of 127.0.0.1), or as the real ``lialia serve`` command in its own process."""

from __future__ import annotations

import contextlib
import http.client
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

#: how long a server may take to answer its first request (a cold index cache compiles)
START_SECONDS = 60


def free_port() -> int:
    """A TCP port of 127.0.0.1 free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def in_thread() -> Iterator[int]:
    """The HTTP app of a default checker served by uvicorn in a thread; yields its port.
    Skips the test without the ``serve`` extra."""
    uvicorn = pytest.importorskip("uvicorn")
    pytest.importorskip("starlette")
    from lialia import SpellChecker
    from lialia.integrations.http import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(SpellChecker()), log_level="warning"))
    # proto named, so that asyncio sets TCP_NODELAY on each connection (no 40 ms waits)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]})
    thread.start()
    try:
        deadline = time.monotonic() + START_SECONDS
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            thread.join(timeout=0.1)
        assert server.started
        yield listener.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(timeout=60)
        listener.close()


@contextlib.contextmanager
def command(cwd: Path, *options: str) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """``lialia serve --port P *options`` started in ``cwd``, once it answers
    ``/health``; yields the process and its port, and stops it (SIGTERM) after: its
    exit status is then ``process.returncode``.  Skips without the ``serve`` extra."""
    pytest.importorskip("uvicorn")
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("lialia")), "serve", "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/health")
                status = connection.getresponse().status
                connection.close()
                assert status == 200
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=60)
