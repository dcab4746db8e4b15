"""A small Language Server Protocol client for the tests: JSON-RPC over a subprocess's
standard input and output, with Content-Length framing, as an editor speaks it."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: seconds to wait for a message (a first run may compile the lexicons first)
WAIT = 120.0


class Client:
    """Start a server command and talk to it: requests wait for their response while
    notifications are queued; the server's own requests are answered with null."""

    def __init__(self, command: Sequence[str], cwd: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.next_id = 0
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        #: notifications received and not yet taken, in order
        self.notifications: list[dict[str, Any]] = []
        #: responses, by request id
        self.responses: dict[int, dict[str, Any]] = {}
        #: every message in arrival order (to test orderings)
        self.log: list[dict[str, Any]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    # -- the wire ----------------------------------------------------------------------

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body.decode("utf-8")))

    def send(self, message: dict[str, Any]) -> None:
        """Write one message, framed."""
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _pump(self) -> None:
        """Take one message off the wire (or fail after :data:`WAIT` seconds)."""
        message = self.messages.get(timeout=WAIT)
        if message is None:
            raise ConnectionError(f"the server exited: {self.stderr()}")
        self.log.append(message)
        if "method" in message and "id" in message:  # a request from the server
            self.send({"id": message["id"], "result": None})
        elif "method" in message:
            self.notifications.append(message)
        else:
            self.responses[message["id"]] = message

    def stderr(self) -> str:
        """What the server wrote on stderr (once it has exited)."""
        if self.process.poll() is None or self.process.stderr is None:
            return ""
        return self.process.stderr.read().decode("utf-8", "replace")

    # -- the protocol -------------------------------------------------------------------

    def request(self, method: str, params: Any) -> Any:
        """Send a request and return its result (an error response fails the test)."""
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        while ident not in self.responses:
            self._pump()
        response = self.responses.pop(ident)
        assert "error" not in response, response
        return response.get("result")

    def notify(self, method: str, params: Any) -> None:
        """Send a notification."""
        self.send({"method": method, "params": params})

    def wait_for(
        self, method: str, where: Callable[[dict[str, Any]], bool] = lambda params: True
    ) -> dict[str, Any]:
        """The params of the first notification ``method`` matching ``where`` (earlier
        ones are dropped, others kept)."""
        while True:
            for index, note in enumerate(self.notifications):
                if note["method"] == method and where(note["params"]):
                    del self.notifications[: index + 1]
                    return dict(note["params"])
            self._pump()

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri`` (for ``version`` when given)."""
        params = self.wait_for(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == uri and (version is None or p.get("version") == version),
        )
        return list(params["diagnostics"])

    def initialize(self, root: Path, encodings: Sequence[str] | None = None) -> Any:
        """``initialize`` and ``initialized``; returns the server's capabilities."""
        capabilities: dict[str, Any] = {
            "textDocument": {
                "publishDiagnostics": {"dataSupport": True, "versionSupport": True},
                "codeAction": {
                    "codeActionLiteralSupport": {
                        "codeActionKind": {"valueSet": ["quickfix"]}
                    },
                    "isPreferredSupport": True,
                    "dataSupport": True,
                },
            },
            "workspace": {"applyEdit": True, "workspaceEdit": {"documentChanges": False}},
        }
        if encodings is not None:
            capabilities["general"] = {"positionEncodings": list(encodings)}
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": capabilities,
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            },
        )
        self.notify("initialized", {})
        return result["capabilities"]

    def open(self, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
        """``textDocument/didOpen``."""
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": language,
                    "version": version,
                    "text": text,
                }
            },
        )

    def change(self, uri: str, text: str, version: int) -> None:
        """``textDocument/didChange`` with the whole new text."""
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def close(self) -> int:
        """``shutdown`` and ``exit``; the server's exit code."""
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.process.wait(timeout=WAIT)

    def kill(self) -> None:
        """Stop the server if it still runs."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
