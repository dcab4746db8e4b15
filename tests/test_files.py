"""Finding files (folders, .gitignore, excludes, symlinks) and reading them."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from lialia.errors import DecodeError, InputError
from lialia.files import (
    Skipped,
    compile_pattern,
    compile_patterns,
    decode,
    discover,
    is_ignored,
    read_file,
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
        "locked: cannot read folder: permission denied — check the file's permissions"
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
