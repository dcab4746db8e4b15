"""``lialia lsp``: a real client session over stdio, as an editor holds one.

Each test starts the server as a subprocess (``python -m lialia lsp``) and speaks
JSON-RPC to it with Content-Length framing (tests/lsp_client.py): initialize, open,
diagnostics, code actions, edits applied by the test as an editor applies them, changes,
shutdown and exit.
"""

from __future__ import annotations

import doctest
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import RunCli
from lsp_client import Client

import lialia.integrations
from lialia.cli import main

# the language server is an extra; the test extra installs it (pyproject.toml)
lsp_server = pytest.importorskip("lialia.integrations.lsp_server")
types = pytest.importorskip("lsprotocol.types")

ROOT = Path(__file__).resolve().parents[1]
EDITORS = ROOT / "examples" / "editors"

WARNING, INFORMATION, ERROR = 2, 3, 1

# an emoji and a letter of the supplementary planes (two UTF-16 units, four UTF-8 bytes
# each) and a vowelled word before the misspelled, vowelled الَى
EMOJI_LINE = "\N{GRINNING FACE} كَتَبَ \N{MATHEMATICAL BOLD CAPITAL A} الَى البيت"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder of its own (a ``.git`` marker stops the search for a
    configuration or word list there)."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / ".git").mkdir()
    return folder


@pytest.fixture
def start(project: Path) -> Iterator[Any]:
    """``start(encodings=None)``: a server running in the project, initialized."""
    clients: list[Client] = []

    def run(encodings: list[str] | None = None) -> Client:
        client = Client([sys.executable, "-m", "lialia", "lsp"], project, dict(os.environ))
        clients.append(client)
        client.capabilities = client.initialize(project, encodings)
        return client

    yield run
    for client in clients:
        client.kill()


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` ``text`` takes (the test's own count)."""
    width = {"utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]
    codec = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}[encoding]
    return len(text.encode(codec)) // width


def apply(text: str, edits: list[dict[str, Any]], encoding: str = "utf-16") -> str:
    """Apply LSP text edits to a text whose lines end with ``\\n``, as an editor does."""
    lines = text.split("\n")

    def offset(position: dict[str, int]) -> int:
        line = lines[position["line"]]
        character = 0
        while units(line[:character], encoding) < position["character"]:
            character += 1
        return sum(len(before) + 1 for before in lines[: position["line"]]) + character

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def actions_for(client: Client, uri: str, diagnostic: dict[str, Any]) -> list[dict[str, Any]]:
    result = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        },
    )
    return list(result)


def cli_lines(run_cli: RunCli, project: Path, name: str, text: str) -> list[str]:
    """``lialia check``'s lines for ``text`` checked as the file ``name``."""
    result = run_cli(["check", "--quiet", "--stdin-filename", name, "-"], input=text, cwd=project)
    return result.stdout.splitlines()


# ---------------------------------------------------------------------------------------
# positions


@pytest.mark.parametrize("encoding", [None, "utf-16", "utf-8", "utf-32"])
def test_positions_in_the_negotiated_code_units(
    start: Any, project: Path, run_cli: RunCli, encoding: str | None
) -> None:
    client = start([encoding] if encoding else None)
    used = encoding or "utf-16"
    assert client.capabilities["positionEncoding"] == used
    text = f"# عنوان\n\n{EMOJI_LINE}\n"
    uri = (project / "a.md").as_uri()
    client.open(uri, text)
    (found,) = client.diagnostics(uri)
    before = EMOJI_LINE[: EMOJI_LINE.index("الَى")]
    assert found["range"] == {
        "start": {"line": 2, "character": units(before, used)},
        "end": {"line": 2, "character": units(before + "الَى", used)},
    }
    # the same finding, message and column (in code points) as `lialia check`
    (line,) = cli_lines(run_cli, project, "a.md", text)
    assert line == f"a.md:3:{len(before) + 1}: {found['message']}"
    assert found["message"].startswith("الَى -> إلى (")
    assert (found["severity"], found["source"], found["code"]) == (WARNING, "lialia", "misspelling")


@pytest.mark.parametrize("sample", ["sample.md"])
def test_the_same_findings_as_lialia_check(
    start: Any, project: Path, run_cli: RunCli, sample: str
) -> None:
    text = (ROOT / "examples" / sample).read_text(encoding="utf-8")
    client = start(["utf-32"])  # characters are code points, as lialia check counts
    uri = (project / sample).as_uri()
    client.open(uri, text)
    shown = [
        f"{sample}:{d['range']['start']['line'] + 1}:{d['range']['start']['character'] + 1}: "
        f"{d['message']}"
        for d in client.diagnostics(uri)
    ]
    expected = cli_lines(run_cli, project, sample, text)
    assert len(expected) == 5
    assert shown == expected


def test_the_engine_does_not_know_the_server() -> None:
    for module in (ROOT / "lialia").glob("*.py"):  # the front end, lialia/cli/, may
        source = module.read_text(encoding="utf-8")
        assert "integrations" not in source and "pygls" not in source, module.name
    # nor does importing lialia load pygls
    code = "import sys, lialia, lialia.checker; print('pygls' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("ذهبت الى\r\nهاذا", "utf-16"),
        ("\N{GRINNING FACE}\rهاذا \N{GRINNING FACE}الى", "utf-16"),
        ("\N{GRINNING FACE}\rهاذا \N{GRINNING FACE}الى", "utf-8"),
        ("كَتَبَ\u2028الى\n\nهاذا", "utf-32"),  # U+2028 is no line break for LSP
        ("", "utf-16"),
    ],
)
def test_line_index_round_trip(text: str, encoding: str) -> None:
    index = lsp_server.LineIndex(text, encoding)
    lines = re.split(r"\r\n|\r|\n", text)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # inside a line break: no position of its own
        position = index.position(offset)
        assert index.offset(position) == offset
        ended = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)", text)  # the lines with their breaks
        line_start = sum(len(line) for line in ended[: position.line])
        assert position.character == units(text[line_start:offset], encoding)
    assert index.position(len(text)).line == len(lines) - 1


def test_docstring_examples() -> None:
    result = doctest.testmod(lsp_server)
    assert result.attempted > 0
    assert result.failed == 0


# ---------------------------------------------------------------------------------------
# a whole session


def test_session_fix_by_code_action_then_diagnostics_clear(start: Any, project: Path) -> None:
    client = start()
    text = f"{EMOJI_LINE}\n\n`الى` في الكود\n"
    uri = (project / "notes.md").as_uri()
    client.open(uri, text)
    (found,) = client.diagnostics(uri, version=1)  # the code span is not checked
    actions = actions_for(client, uri, found)
    replace = [a for a in actions if a["title"].startswith("Replace with ")]
    assert [a["title"] for a in replace][:2] == ["Replace with إلَى", "Replace with علَى"]
    assert replace[0]["isPreferred"] is True  # the engine is sure: what --fix writes
    assert not any(a.get("isPreferred") for a in replace[1:])
    assert all(a["kind"] == "quickfix" for a in actions)
    edits = replace[0]["edit"]["changes"][uri]
    assert [e["newText"] for e in edits] == ["إلَى"]  # the fatha is carried over
    fixed = apply(text, edits)
    assert fixed.splitlines()[0] == EMOJI_LINE.replace("الَى", "إلَى")
    client.change(uri, fixed, version=2)
    assert client.diagnostics(uri, version=2) == []
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []
    assert client.close() == 0


def test_code_actions_before_a_change_is_checked(start: Any, project: Path) -> None:
    client = start()
    uri = (project / "a.md").as_uri()
    client.open(uri, "ذهبت الى البيت\n")
    (found,) = client.diagnostics(uri, version=1)
    client.change(uri, "ذهبت الى البيت\nسطر جديد\n", version=2)
    # asked before the change is checked: offered from what the diagnostic carries
    titles = [a["title"] for a in actions_for(client, uri, found)]
    assert titles[0] == "Replace with إلى"
    assert "Add الى to .lialia-words.txt" in titles
    assert client.diagnostics(uri, version=2) == [found]


def test_exit_without_shutdown_is_exit_code_1(start: Any) -> None:
    client = start()
    client.notify("exit", None)
    assert client.process.wait(timeout=60) == 1


def test_save_checks_again(start: Any, project: Path) -> None:
    client = start()
    uri = (project / "a.txt").as_uri()
    client.open(uri, "ذهبت الى البيت\n", "plaintext")
    assert len(client.diagnostics(uri)) == 1
    (project / ".lialia-words.txt").write_text("الى\n", encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []


# ---------------------------------------------------------------------------------------
# the other code actions


def test_add_to_the_word_list(start: Any, project: Path) -> None:
    client = start()
    first, second = (project / "a.txt").as_uri(), (project / "b.md").as_uri()
    client.open(first, "نشرنا كوبرنيتس\n", "plaintext")
    (found,) = client.diagnostics(first)
    client.open(second, "كوبرنيتس مرة أخرى\n")
    assert len(client.diagnostics(second)) == 1
    actions = actions_for(client, first, found)
    (add,) = [a for a in actions if "command" in a]
    assert add["title"] == "Add كوبرنيتس to .lialia-words.txt"
    # plain text has no hidden inline comment: no "ignore this line" there
    assert not any(a["title"].startswith("Ignore") for a in actions)
    command = add["command"]
    client.request(
        "workspace/executeCommand",
        {"command": command["command"], "arguments": command["arguments"]},
    )
    words = (project / ".lialia-words.txt").read_text(encoding="utf-8").splitlines()
    assert words[-1] == "كوبرنيتس"
    # every open document is checked again
    assert client.diagnostics(first) == []
    assert client.diagnostics(second) == []


def test_a_word_list_that_cannot_be_written_is_an_error_message(
    start: Any, project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("", encoding="utf-8")
    (project / ".lialia-words.txt").symlink_to(outside)
    client = start()
    uri = (project / "a.txt").as_uri()
    client.request(
        "workspace/executeCommand", {"command": "lialia.addWord", "arguments": [uri, "كوبرنيتس"]}
    )
    shown = client.wait_for("window/showMessage")
    assert shown["type"] == ERROR
    assert shown["message"].startswith("lialia: error: ")
    assert "outside the project" in shown["message"]
    assert outside.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize(
    ("name", "language", "comment"),
    [
        ("a.md", "markdown", "<!-- lialia: ignore -->"),
        ("a.html", "html", "<!-- lialia: ignore -->"),
        ("a.tex", "latex", "% lialia: ignore"),
        ("a.rst", "restructuredtext", None),
        ("a.txt", "plaintext", None),
    ],
)
def test_ignore_this_line(
    start: Any, project: Path, name: str, language: str, comment: str | None
) -> None:
    client = start()
    text = "مقدمة\nذهبت الى \N{GRINNING FACE} البيت\r\nنهاية\n"
    uri = (project / name).as_uri()
    client.open(uri, text, language)
    (found,) = client.diagnostics(uri)
    ignore = [a for a in actions_for(client, uri, found) if a["title"].startswith("Ignore")]
    if comment is None:
        assert ignore == []
        return
    (action,) = ignore
    fixed = apply(text, action["edit"]["changes"][uri])
    # appended before the line break, which stays as it was
    assert fixed == f"مقدمة\nذهبت الى \N{GRINNING FACE} البيت {comment}\r\nنهاية\n"
    client.change(uri, fixed, version=2)
    assert client.diagnostics(uri, version=2) == []


# Markdown lines whose end Markdown reads (a table row's closing pipe, a hard break, a
# heading's closing #s), and lines around them: each with the line the comment goes on
MARKDOWN_ENDS = [
    ("| الى | كتاب |\n| --- | --- |\n| نص | نص |\n", 0),  # the header row
    ("| نص | نص |\n| --- | --- |\n| الى | كتاب |\n", 2),  # a body row
    ("| الى | كتاب |  \n|---|---|\n", 0),  # spaces after the closing pipe
    ("الى | كتاب\n--- | ---\n", 0),  # no outer pipes: the row's end is in its last cell
    ("| كتاب | الى \\|\n| --- | --- |\n", 0),  # an escaped pipe is the cell's text
    ("| الى | |\n| --- | --- |\n", 0),  # an empty last cell
    ("> | الى | كتاب |\n> | --- | --- |\n", 0),  # a table in a quotation
    ("الى  \nكتب\n", 0),  # a hard break: two spaces
    ("- الى   \n  كتب\n", 0),  # ... in a list item
    ("الى\\\nكتب\n", 0),  # a hard break: a backslash
    ("الى\\\n", 0),  # a backslash that breaks nothing (the paragraph's last line)
    ("الى \\\\\nكتب\n", 0),  # an escaped backslash, then a soft break
    ("# الى #\n", 0),  # a heading's closing sequence
    ("## الى ##  \n", 0),
    ("ذهبت الى #\n", 0),  # a # after text: no heading, nothing to keep before
    ("ذهبت الى البيت\n", 0),
]
_COMMENT_RE = re.compile(r"\s*<!-- lialia: ignore -->")


@pytest.mark.parametrize(("text", "line"), MARKDOWN_ENDS)
def test_ignore_this_line_renders_the_markdown_as_before(text: str, line: int) -> None:
    """The comment that ignores a line is placed where Markdown renders the line as it
    did: appended after a table row's closing pipe it made one more cell (the header no
    longer matched the delimiter row: no table), after a hard break's spaces or
    backslash it lost the break.  The rendered HTML, less the comment, is unchanged,
    and the line is ignored."""
    from markdown_it import MarkdownIt

    from lialia.checker import SpellChecker

    lines = text.split("\n")
    column, comment = lsp_server.ignore_edit(lines[line], "markdown")
    lines[line] = lines[line][:column] + comment + lines[line][column:]
    edited = "\n".join(lines)
    md = MarkdownIt("commonmark").enable("table")
    assert _COMMENT_RE.sub("", md.render(edited)) == md.render(text)
    assert "lialia: ignore" in md.render(edited)  # written, as an HTML comment
    checker = SpellChecker()
    assert any(f.line == line + 1 for f in checker.check(text, syntax="markdown"))
    assert not any(f.line == line + 1 for f in checker.check(edited, syntax="markdown"))


@pytest.mark.parametrize(
    ("name", "line", "edited"),
    [
        ("a.md", "| الى | كتاب |", "| الى | كتاب <!-- lialia: ignore --> |"),
        ("a.md", "ذهبت الى  ", "ذهبت الى <!-- lialia: ignore -->  "),
        ("a.md", "ذهبت الى\\", "ذهبت الى<!-- lialia: ignore -->\\"),
        ("a.md", "## الى ##", "## الى <!-- lialia: ignore --> ##"),
        # MDX is Markdown with JSX, where an HTML comment does not compile
        ("a.mdx", "| الى | كتاب |", "| الى | كتاب {/* lialia: ignore */} |"),
        ("a.html", "<td>الى</td>  ", "<td>الى</td> <!-- lialia: ignore -->  "),
        # TeX as it was: a trailing \\ (or \) stays a break before the comment
        ("a.tex", "ذهبت الى \\\\", "ذهبت الى \\\\ % lialia: ignore"),
    ],
)
def test_ignore_this_line_keeps_the_line_end(
    start: Any, project: Path, name: str, line: str, edited: str
) -> None:
    """The server's edit for the lines whose end the syntax reads (see
    :func:`test_ignore_this_line_renders_the_markdown_as_before`), on a line after one
    with an emoji (positions in UTF-16 units)."""
    client = start()
    text = f"\N{GRINNING FACE} مقدمة\n\n{line}\r\n|---|---|\n"
    uri = (project / name).as_uri()
    client.open(uri, text)
    (found,) = client.diagnostics(uri)
    (action,) = [a for a in actions_for(client, uri, found) if a["title"].startswith("Ignore")]
    fixed = apply(text, action["edit"]["changes"][uri])
    assert fixed == f"\N{GRINNING FACE} مقدمة\n\n{edited}\r\n|---|---|\n"
    client.change(uri, fixed, version=2)
    assert client.diagnostics(uri, version=2) == []


def test_quranic_words_are_offered_no_replacement(start: Any, project: Path) -> None:
    """A word of the muṣḥaf, by its signs (ٱ, the small high signs) or inside ﴿…﴾, is
    offered neither a replacement nor the word list (its bare spelling would become
    right everywhere: الى); only its line may be ignored.  The same word outside the
    quotation is offered both."""
    client = start()
    word = "ٱلۡحَمۡدُه"
    text = f"{word} ﴿الى﴾ الى\n"
    uri = (project / "q.md").as_uri()
    client.open(uri, text, "markdown")
    found = client.diagnostics(uri)
    assert len(found) == 3
    signed, quoted, plain = ([a["title"] for a in actions_for(client, uri, d)] for d in found)
    for titles in (signed, quoted):
        assert not any(title.startswith(("Replace", "Add ")) for title in titles), titles
        assert any(title.startswith("Ignore this line") for title in titles)
    assert plain[0] == "Replace with إلى" and any(t.startswith("Add ") for t in plain)


def test_a_link_label_is_offered_no_replacement(start: Any, project: Path) -> None:
    """The text of a Markdown shortcut reference link is also its label: a replacement
    would break the link.  It may still be listed or its line ignored."""
    client = start()
    uri = (project / "l.md").as_uri()
    client.open(uri, "[الى] الى\n\n[الى]: /أ\n", "markdown")
    label, plain = (
        [a["title"] for a in actions_for(client, uri, d)] for d in client.diagnostics(uri)
    )
    assert not any(title.startswith("Replace") for title in label), label
    assert any(title.startswith("Add ") for title in label)
    assert plain[0] == "Replace with إلى"


# ---------------------------------------------------------------------------------------
# what is checked and how


@pytest.mark.parametrize(
    ("name", "language", "flagged"),
    [
        ("a.md", "plaintext", ["هاذا"]),  # the suffix decides: the code span is skipped
        ("a.txt", "plaintext", ["الى", "هاذا"]),
        ("a.html", "html", ["الى", "هاذا"]),  # backticks are text in HTML
        ("untitled:Untitled-1", "markdown", ["هاذا"]),  # no file name: the language decides
        ("untitled:Untitled-2", "plaintext", ["الى", "هاذا"]),
    ],
)
def test_syntax_from_suffix_or_language(
    start: Any, project: Path, name: str, language: str, flagged: list[str]
) -> None:
    client = start()
    uri = name if name.startswith("untitled:") else (project / name).as_uri()
    client.open(uri, "`الى` هاذا\n", language)
    words = [d["data"]["word"] for d in client.diagnostics(uri)]
    assert words == flagged


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("", [("الى", WARNING), ("اكثر", INFORMATION)]),
        ("report-probable = false\n", [("الى", WARNING)]),
        ("min-length = 4\n", [("اكثر", INFORMATION)]),
        ('ignore-patterns = ["الى"]\n', [("اكثر", INFORMATION)]),
    ],
)
def test_project_configuration(
    start: Any, project: Path, config: str, expected: list[tuple[str, int]]
) -> None:
    docs = project / "docs"
    docs.mkdir()
    (project / ".lialia.toml").write_text(config, encoding="utf-8")
    client = start()
    uri = (docs / "a.md").as_uri()  # the configuration is found upward from its folder
    client.open(uri, "ذهبت الى البيت اكثر من مرة\n")
    found = client.diagnostics(uri)
    assert [(d["data"]["word"], d["severity"]) for d in found] == expected


def test_inline_ignores_are_honoured(start: Any, project: Path) -> None:
    client = start()
    text = (
        "الى هنا <!-- lialia: ignore -->\n<!-- lialia: disable -->\nهاذا\n"
        "<!-- lialia: enable -->\nهاذا\n"
    )
    uri = (project / "note.md").as_uri()
    client.open(uri, text)
    (found,) = client.diagnostics(uri)
    assert found["range"]["start"] == {"line": 4, "character": 0}


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ("min_length = 3\n", ["unknown key", "min-length"]),
        ('lexicons = ["klingon"]\n', [".lialia.toml: key 'lexicons'", "unknown lexicon 'klingon'"]),
        ("report-probable = 1\n", ["report-probable", "true or false"]),
    ],
)
def test_a_configuration_error_is_one_error_not_a_finding(
    start: Any, project: Path, config: str, said: list[str]
) -> None:
    (project / ".lialia.toml").write_text(config, encoding="utf-8")
    client = start()
    uri = (project / "a.md").as_uri()
    client.open(uri, "ذهبت الى البيت\n")
    (problem,) = client.diagnostics(uri)
    assert problem["severity"] == ERROR
    assert problem["message"].startswith("lialia: error: ")
    assert all(part in problem["message"] for part in said)
    assert problem["range"]["start"] == {"line": 0, "character": 0}


# ---------------------------------------------------------------------------------------
# a large document


def test_a_large_document_does_not_block_other_requests(start: Any, project: Path) -> None:
    client = start()
    small = (project / "small.md").as_uri()
    client.open(small, "هاذا\n")
    (found,) = client.diagnostics(small)
    paragraph = f"{EMOJI_LINE} ذهبت الى المدرسه صباحا وكتبتُ درسا جديدا {{}}\n"
    text = "".join(paragraph.format(n) for n in range(12_000))
    assert len(text.encode("utf-8")) > 1_000_000
    big = (project / "big.txt").as_uri()
    client.open(big, text, "plaintext")
    actions = actions_for(client, small, found)
    assert actions
    answered = len(client.log)
    quick = client.diagnostics(big)
    full = client.diagnostics(big)
    published = [
        i
        for i, m in enumerate(client.log)
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == big
    ]
    # the request was answered before the large document's first diagnostics came
    assert answered <= published[0]
    # first the words alone, then with their suggestions, as `lialia check` shows them
    assert len(quick) == len(full) == 3 * 12_000
    assert quick[0]["message"] == "الَى"
    assert full[0]["message"].startswith("الَى -> إلى (")
    assert full[-1]["range"]["start"]["line"] == 11_999
    assert client.close() == 0


# ---------------------------------------------------------------------------------------
# the command and the editor configurations


def test_without_the_extra_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [*sys.modules, "pygls", "lsprotocol"]:  # as if they were not installed
        if name.partition(".")[0] in ("pygls", "lsprotocol"):
            monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "lialia.integrations.lsp_server")
    monkeypatch.delattr(lialia.integrations, "lsp_server")  # imported by this module
    assert main(["lsp"]) == 2
    assert capsys.readouterr().err == (
        "lialia: error: lialia lsp needs the lsp extra: pip install 'lialia[lsp]'\n"
    )


def test_help(run_cli: RunCli) -> None:
    result = run_cli(["lsp", "--help"])
    assert result.code == 0
    assert "--stdio" in result.stdout


def test_editor_examples_start_this_server() -> None:
    from lialia.config import _toml

    tomllib = _toml()

    helix = tomllib.loads((EDITORS / "helix-languages.toml").read_text(encoding="utf-8"))
    server = helix["language-server"]["lialia"]
    assert [server["command"], *server["args"]] == ["lialia", "lsp"]
    assert all("lialia" in language["language-servers"] for language in helix["language"])
    vscode = json.loads((EDITORS / "vscode-settings.json").read_text(encoding="utf-8"))
    assert [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]] == [
        "lialia",
        "lsp",
    ]
    assert "markdown" in vscode["glspc.server.languageId"]
    neovim = (EDITORS / "neovim.lua").read_text(encoding="utf-8")
    assert 'cmd = { "lialia", "lsp" }' in neovim
    # the README shows the same configurations
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In your editor", 1)[1].split("\n## ", 1)[0]
    blocks = dict(re.findall(r"```(json|lua|toml)\n(.*?)```", section, flags=re.S))
    assert json.loads(blocks["json"]) == vscode

    def code(lua: str) -> list[str]:
        return [line for line in lua.splitlines() if not line.lstrip().startswith("--")]

    assert code(blocks["lua"]) == code(neovim)
    shown = tomllib.loads(blocks["toml"])
    assert shown["language-server"] == helix["language-server"]
    assert shown["language"][0] == helix["language"][0]
    # the command they start is this one, installed as a console script
    scripts = {entry.name: entry.value for entry in _console_scripts()}
    assert scripts["lialia"] == "lialia.cli:main"


def _console_scripts() -> list[Any]:
    from importlib.metadata import entry_points

    return list(entry_points(group="console_scripts", name="lialia"))
