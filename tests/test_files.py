"""Finding files (folders, .gitignore, excludes, symlinks) and reading them."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from lialia import files
from lialia.errors import DecodeError, FileTooLargeError, InputError, NotRegularFileError
from lialia.files import (
    Skipped,
    TextReader,
    compile_pattern,
    compile_patterns,
    decode,
    discover,
    is_ignored,
    read_file,
    read_regular,
    read_stream,
)


def write(path: Path, text: str | bytes = "نص\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize(
    ("pattern", "path", "is_dir", "ignored"),
    [
        ("*.log", "x.log", False, True),
        ("*.log", "a/b/x.log", False, True),
        ("*.log", "x.md", False, False),
        ("build/", "build", True, True),
        ("build/", "build", False, False),  # a file named build is not the folder
        ("build/", "src/build", True, True),
        ("/build", "src/build", True, False),  # anchored to the .gitignore's folder
        ("/build", "build", True, True),
        ("doc/*.md", "doc/a.md", False, True),
        ("doc/*.md", "doc/sub/a.md", False, False),  # * does not cross /
        ("doc/**/*.md", "doc/sub/deep/a.md", False, True),
        ("**/drafts", "a/b/drafts", True, True),
        ("drafts/**", "drafts/x/y.md", False, True),
        ("mes?age.md", "message.md", False, True),
        ("[ab].md", "b.md", False, True),
        ("[!ab].md", "b.md", False, False),
        ("\\#notes.md", "#notes.md", False, True),
        ("# a comment", "# a comment", False, False),
        ("مسودات/", "مسودات", True, True),
    ],
)
def test_gitignore_pattern(pattern: str, path: str, is_dir: bool, ignored: bool) -> None:
    patterns = compile_patterns([pattern], "/repo")
    assert is_ignored(patterns, "/repo/" + path, is_dir) is ignored


def test_negation_re_includes_and_last_match_wins() -> None:
    patterns = compile_patterns(["*.md", "!keep.md"], "/repo")
    assert is_ignored(patterns, "/repo/drop.md", False)
    assert not is_ignored(patterns, "/repo/keep.md", False)
    patterns = compile_patterns(["!keep.md", "*.md"], "/repo")
    assert is_ignored(patterns, "/repo/keep.md", False)


def test_patterns_only_apply_under_their_folder() -> None:
    patterns = compile_patterns(["*.md"], "/repo/docs")
    assert not is_ignored(patterns, "/repo/a.md", False)
    assert compile_pattern("   ", "/repo") is None


def shown(paths: list[str], **kwargs: object) -> list[str]:
    found = discover(paths, **kwargs)  # type: ignore[arg-type]
    assert not found.errors, found.errors
    return [s.path for s in found.sources]


def test_folders_give_text_files_in_sorted_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ["b.md", "a.txt", "sub/c.rst", "sub/d.html", "e.tex", "code.py", "img.png"]:
        write(tmp_path / name)
    write(tmp_path / ".git" / "x.md")
    write(tmp_path / "node" / ".hg" / "y.md")
    assert shown(["."]) == ["a.txt", "b.md", "e.tex", "sub/c.rst", "sub/d.html"]


def test_explicit_files_are_always_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "code.py")
    write(tmp_path / "ignored.md")
    write(tmp_path / ".gitignore", "ignored.md\n")
    (tmp_path / ".git").mkdir()
    excludes = compile_patterns(["*.md"], str(tmp_path))
    assert shown(["code.py", "ignored.md"], excludes=excludes) == ["code.py", "ignored.md"]
    assert shown(["."], excludes=excludes) == []


def test_gitignore_files_nested_and_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    write(tmp_path / ".git" / "info" / "exclude", "secret.md\n")
    write(tmp_path / ".gitignore", "build/\n*.tmp.md\n")
    write(tmp_path / "docs" / ".gitignore", "drafts/\n!keep.tmp.md\n")
    for name in [
        "docs/a.md",
        "docs/keep.tmp.md",
        "docs/x.tmp.md",
        "docs/drafts/d.md",
        "docs/build/b.md",
        "docs/secret.md",
        "top.tmp.md",
    ]:
        write(tmp_path / name)
    monkeypatch.chdir(tmp_path / "docs")
    # the root .gitignore applies although the walk starts in docs/
    assert shown(["."]) == ["a.md", "keep.tmp.md"]
    monkeypatch.chdir(tmp_path)
    assert shown(["."]) == ["docs/a.md", "docs/keep.tmp.md"]
    assert shown(["."], use_gitignore=False) == [
        "docs/a.md",
        "docs/build/b.md",
        "docs/drafts/d.md",
        "docs/keep.tmp.md",
        "docs/secret.md",
        "docs/x.tmp.md",
        "top.tmp.md",
    ]


def test_excludes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ["a.md", "vendor/v.md", "docs/old/o.md", "docs/n.md", "docs/n.txt"]:
        write(tmp_path / name)
    excludes = compile_patterns(["vendor", "docs/old/**", "*.txt"], str(tmp_path))
    assert shown(["."], excludes=excludes) == ["a.md", "docs/n.md"]


def test_each_file_once_in_the_order_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md")
    write(tmp_path / "b.md")
    assert shown(["b.md", ".", "a.md", "-"]) == ["b.md", "a.md", "-"]


def test_missing_paths_are_errors_and_the_rest_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md")
    found = discover(["nothing.md", "a.md"])
    assert [s.path for s in found.sources] == ["a.md"]
    assert [str(e) for e in found.errors] == ["nothing.md: no such file or folder — check the path"]


def test_symlink_loops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "docs" / "a.md")
    (tmp_path / "docs" / "loop").symlink_to(tmp_path / "docs")  # a folder loop
    (tmp_path / "docs" / "self.md").symlink_to(tmp_path / "docs" / "self.md")  # a file loop
    (tmp_path / "docs" / "link.md").symlink_to(tmp_path / "docs" / "a.md")
    # folders reached through links are not walked; a looping link is no file
    assert shown(["docs"]) == ["docs/a.md"]
    found = discover(["docs/self.md"])
    assert found.sources == []
    assert "symlink loop" in str(found.errors[0])
    assert str(found.errors[0]).startswith("docs/self.md: ")


def test_a_symlinked_file_out_of_the_folder_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder is walked as data: a link to a file outside it is not followed (so
    ``--fix`` never writes there), a link within it is (its target is the same file)."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "outside" / "s.md")
    write(tmp_path / "docs" / "sub" / "in.md")
    (tmp_path / "docs" / "out.md").symlink_to(tmp_path / "outside" / "s.md")
    (tmp_path / "docs" / "relative.md").symlink_to(Path("..") / "outside" / "s.md")
    (tmp_path / "docs" / "within.md").symlink_to(Path("sub") / "in.md")
    assert shown(["docs"]) == ["docs/sub/in.md"]  # within.md is the same file, met later
    assert [s.path for s in discover(["docs/out.md"]).sources] == ["docs/out.md"]  # named


def test_an_unreadable_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md")
    locked = tmp_path / "locked"
    write(locked / "b.md")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # root reads any folder: make this one fail the way a 000 folder does for others
        real_scandir = os.scandir

        def scandir(path: str) -> object:
            if os.path.basename(path) == "locked":
                raise PermissionError(13, "Permission denied", path)
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        found = discover(["."])
    finally:
        locked.chmod(0o755)
    assert [s.path for s in found.sources] == ["a.md"]
    assert [str(e) for e in found.errors] == [
        "locked: cannot read folder: permission denied — check its permissions"
    ]


@pytest.mark.parametrize(
    ("raw", "encoding", "text", "used", "bom"),
    [
        ("نص".encode(), None, "نص", "utf-8", b""),
        (codecs.BOM_UTF8 + "نص\r\n".encode(), None, "نص\r\n", "utf-8", codecs.BOM_UTF8),
        ("نص".encode("utf-16"), None, "نص", "utf-16-le", codecs.BOM_UTF16_LE),
        (
            codecs.BOM_UTF16_BE + "نص".encode("utf-16-be"),
            None,
            "نص",
            "utf-16-be",
            codecs.BOM_UTF16_BE,
        ),
        ("نص".encode("cp1256"), "cp1256", "نص", "cp1256", b""),
        ("نص".encode("cp1256"), "windows-1256", "نص", "cp1256", b""),
        (codecs.BOM_UTF8 + "نص".encode(), "utf-8", "نص", "utf-8", codecs.BOM_UTF8),
        # a byte-order mark wins over --encoding (meant for the files without one): it
        # read UTF-8 as cp1256 mojibake and found nothing
        (codecs.BOM_UTF8 + "نص".encode(), "cp1256", "نص", "utf-8", codecs.BOM_UTF8),
        ("نص".encode("utf-16"), "cp1256", "نص", "utf-16-le", codecs.BOM_UTF16_LE),
        (b"", None, "", "utf-8", b""),
    ],
)
def test_decode(raw: bytes, encoding: str | None, text: str, used: str, bom: bytes) -> None:
    assert decode(raw, "f", encoding) == (text, used, bom)


@pytest.mark.parametrize(
    ("raw", "offset"),
    [
        (b"\xff", 0),
        ("نص".encode() + b" \xd9", 5),  # a cut-off letter at the end
        (codecs.BOM_UTF8 + b"ab\xc3\x28", 5),  # the offset counts the BOM
        ("نص".encode("cp1256"), 0),
    ],
)
def test_invalid_utf8_names_the_byte_offset(raw: bytes, offset: int) -> None:
    with pytest.raises(DecodeError) as caught:
        decode(raw, "doc.md")
    assert caught.value.offset == offset
    assert str(caught.value) == (
        f"doc.md: not valid utf-8 at byte {offset} — pass --encoding with the file's encoding"
    )


def test_binary_is_skipped() -> None:
    with pytest.raises(Skipped, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "img.md")


def test_read_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_file(str(tmp_path / "nothing.md"))
    with pytest.raises(InputError, match="is a folder"):
        read_file(str(tmp_path))


def test_read_file_remembers_what_it_read(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", codecs.BOM_UTF8 + "نص\r\n".encode())
    decoded = read_file(str(path))
    assert decoded.text == "نص\r\n"
    assert decoded.encode(decoded.text) == path.read_bytes()
    assert decoded.snapshot is not None and decoded.snapshot.size == len(path.read_bytes())


# ---------------------------------------------------------------------------------------
# UTF-32, paths that are not regular files, the size limit, streaming


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-32-le", codecs.BOM_UTF32_LE),  # FF FE 00 00: starts with UTF-16-LE's FF FE
        ("utf-32-be", codecs.BOM_UTF32_BE),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
@pytest.mark.parametrize("text", ["ذهبتُ الى البيت\r\n", "كتاب lialia 3\n", "\N{ARABIC TATWEEL}"])
def test_utf32_and_utf16_marks_are_told_apart(encoding: str, bom: bytes, text: str) -> None:
    assert decode(bom + text.encode(encoding), "f") == (text, encoding, bom)


def test_utf32_is_not_taken_for_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", codecs.BOM_UTF32_LE + "هاذا\n".encode("utf-32-le"))
    decoded = read_file(str(path))
    assert (decoded.text, decoded.encoding) == ("هاذا\n", "utf-32-le")
    assert decoded.encode(decoded.text) == path.read_bytes()


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for read in (read_file, lambda p: list(TextReader(p)), read_regular):
        with pytest.raises(NotRegularFileError) as caught:
            read(str(fifo))
        assert str(caught.value) == (
            f"{fifo}: not a regular file — a FIFO (named pipe); "
            "to check what it carries, pipe it to lialia check -"
        )


@pytest.mark.parametrize(
    ("path", "kind"), [("/dev/zero", "a character device"), ("/dev/null", "a character device")]
)
def test_devices_are_refused(path: str, kind: str) -> None:
    if not os.path.exists(path):
        pytest.skip(f"no {path} here")
    with pytest.raises(NotRegularFileError, match=kind):
        read_file(path)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = str(tmp_path / "s.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(path)
        with pytest.raises(NotRegularFileError, match="a socket"):
            read_file(path)


def test_a_fifo_swapped_in_after_the_check_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stat said "regular file", then the path became a FIFO: the open must not block
    (O_NONBLOCK) and the check after opening refuses it."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    real_stat = os.stat
    regular = real_stat(write(tmp_path / "plain.md"))

    def stale_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        return regular if os.fspath(path) == str(fifo) else real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stale_stat)
    with pytest.raises(NotRegularFileError, match="FIFO"):
        read_file(str(fifo))


@pytest.mark.parametrize(("size", "limit", "too_large"), [(10, 10, False), (11, 10, True)])
def test_files_past_the_limit_are_refused(
    tmp_path: Path, size: int, limit: int, too_large: bool
) -> None:
    path = write(tmp_path / "a.txt", b"a" * size)
    readers = (
        lambda: read_file(str(path), limit=limit),
        lambda: list(TextReader(str(path), limit=limit)),
    )
    for read in readers:
        if too_large:
            with pytest.raises(FileTooLargeError, match="larger than 0 MB"):
                read()
        else:
            read()


def test_a_file_that_grows_while_read_is_read_no_further_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose size stat understates (as /proc files do, or one being appended to)
    is read in blocks of at most the limit plus one byte, never all of it."""
    path = write(tmp_path / "a.txt", b"a" * 5000)
    real_fstat = os.fstat

    def small(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        fields = list(st)
        fields[stat.ST_SIZE] = 0
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", small)
    with pytest.raises(FileTooLargeError):
        read_file(str(path), limit=1000)


ENCODED = {
    "utf-8": "سطر أوّل فيه الى\r\nوسطر ثانٍ هاذا\n\nسطر lialia 3 أخير",
    "utf-8-bom": "ذهبتُ الى البيت\nهاذا\r\n",
    "utf-16-le": "ذهبتُ الى البيت\nهاذا\r\n",
    "utf-16-be": "ذهبتُ الى البيت\nهاذا\r\n",
    "utf-32-le": "ذهبتُ الى البيت\nهاذا\r\n",
    "utf-32-be": "ذهبتُ الى البيت\nهاذا\r\n",
    "cp1256": "ذهبت الى البيت\nهاذا كتاب\n",
}
MARKS = {
    "utf-8-bom": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


@pytest.mark.parametrize("name", sorted(ENCODED))
@pytest.mark.parametrize("block", [1, 3, 7, 1 << 20])
@pytest.mark.parametrize("chunk_chars", [1, 5, 1 << 20])
def test_text_reader_gives_the_whole_text_in_whole_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, block: int, chunk_chars: int
) -> None:
    monkeypatch.setattr(files, "_BLOCK", block)  # characters cut between reads
    text = ENCODED[name] * 3
    encoding = "utf-8" if name == "utf-8-bom" else name
    path = write(tmp_path / "a.txt", MARKS.get(name, b"") + text.encode(encoding))
    requested = "cp1256" if name == "cp1256" else None
    reader = TextReader(str(path), requested, chunk_chars=chunk_chars)
    chunks = list(reader)
    assert "".join(c.text for c in chunks) == text
    whole = read_file(str(path), requested)
    assert (reader.encoding, reader.bom, reader.snapshot) == (
        whole.encoding,
        whole.bom,
        whole.snapshot,
    )
    for before, chunk in zip([None, *chunks[:-1]], chunks, strict=True):
        offset = 0 if before is None else before.offset + len(before.text)
        assert chunk.offset == offset
        assert chunk.line == text[:offset].count("\n")
        assert before is None or before.text.endswith("\n")


@pytest.mark.parametrize(
    ("raw", "offset"),
    [
        ("نص\n".encode() * 5 + b"\xff", 25),
        (codecs.BOM_UTF8 + "نص\n".encode() * 5 + b"\xd9", 28),  # cut off at the end
        ("نص".encode() + b"\xd9\x28" + "نص".encode(), 4),
    ],
)
@pytest.mark.parametrize("block", [1, 2, 3, 1 << 20])
def test_text_reader_names_the_absolute_byte_offset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raw: bytes, offset: int, block: int
) -> None:
    monkeypatch.setattr(files, "_BLOCK", block)
    path = write(tmp_path / "a.txt", raw)
    with pytest.raises(DecodeError) as whole:
        read_file(str(path))
    with pytest.raises(DecodeError) as streamed:
        list(TextReader(str(path), chunk_chars=2))
    assert whole.value.offset == streamed.value.offset == offset


def test_text_reader_skips_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(Skipped):
        list(TextReader(str(path)))


@pytest.mark.parametrize(
    ("size", "limit", "too_large"), [(0, 4, False), (4, 4, False), (5, 4, True)]
)
def test_standard_input_is_read_up_to_the_limit(size: int, limit: int, too_large: bool) -> None:
    import io

    stream = io.BytesIO("ن".encode() * size)
    if too_large:
        with pytest.raises(FileTooLargeError, match="^-: larger than"):
            read_stream(stream, limit * 2)
    else:
        assert read_stream(stream, limit * 2) == "ن".encode() * size


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_a_large_file_is_read_in_chunks_whatever_its_line_ends(tmp_path: Path, end: str) -> None:
    """A file of lone CRs (old Mac files) was read as one chunk, however large: the
    memory bound held only for \\n.  A CR is a place to cut too, a CRLF never cut in two;
    the chunks put back together are the text, each with its first line's number."""
    import re

    text = end.join(f"سطر رقم {i} فيه كلام" for i in range(120_000)) + end
    path = write(tmp_path / "big.txt", text.encode())
    chunks = list(files.TextReader(str(path), chunk_chars=1 << 16))
    assert len(chunks) > 1
    assert "".join(chunk.text for chunk in chunks) == text
    for chunk in chunks:
        assert chunk.line == len(re.findall(r"\r\n|\r|\n", text[: chunk.offset]))
        assert chunk.text.endswith(end)
