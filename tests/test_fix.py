"""Fixing: replacements only at the findings, byte-for-byte safe writes, refusals."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from lialia.errors import FileChangedError, InputError, ReadOnlyFileError
from lialia.files import read_file
from lialia.findings import Finding, Severity, Suggestion
from lialia.fix import (
    Replacement,
    apply,
    clean_stale_temporaries,
    confident_replacements,
    fix_file,
    is_confident,
    unified_diff,
    write_atomic,
)

BOM = b"\xef\xbb\xbf"


def at(text: str, word: str, new: str, nth: int = 0) -> Replacement:
    """The replacement of the ``nth`` occurrence of ``word`` in ``text``."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(word, offset + 1)
    return Replacement(offset, offset + len(word), word, new)


def finding(
    word: str, best: str | None, *, confident: bool = True, severity: str = "misspelling"
) -> Finding:
    suggestions = (Suggestion(best, -1.0, "known"),) if best else ()
    return Finding(1, 1, 0, word, Severity(severity), suggestions, confident)


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (finding("الى", "إلى"), True),
        (finding("الى", "إلى", confident=False), False),  # best not clearly ahead
        (finding("اكثر", "أكثر", severity="probable"), False),  # valid, only rare
        (finding("ززززز", None), False),  # nothing to put in
        (finding("إلى", "إلى"), False),  # would change nothing
    ],
)
def test_is_confident(found: Finding, expected: bool) -> None:
    assert is_confident(found) is expected
    assert len(confident_replacements([found])) == int(expected)


@pytest.mark.parametrize(
    ("text", "replacements", "expected"),
    [
        ("ذهبت الى المدرسه", [("الى", "إلى"), ("المدرسه", "المدرسة")], "ذهبت إلى المدرسة"),
        # diacritics on the untouched words stay; the corrected word is the suggestion
        ("قَرَأَ الطالبُ هاذا الكتابَ", [("هاذا", "هذا")], "قَرَأَ الطالبُ هذا الكتابَ"),
        ("الى\r\nالى\r\n", [("الى", "إلى")], "إلى\r\nالى\r\n"),
        ("لا شيء", [], "لا شيء"),
    ],
)
def test_apply(text: str, replacements: list[tuple[str, str]], expected: str) -> None:
    assert apply(text, [at(text, old, new) for old, new in replacements]) == expected


def test_apply_refuses_findings_of_another_text() -> None:
    with pytest.raises(ValueError, match="is not"):
        apply("ذهبت الى", [Replacement(0, 3, "الى", "إلى")])
    with pytest.raises(ValueError, match="overlapping"):
        apply("الىالى", [Replacement(0, 3, "الى", "إلى"), Replacement(2, 5, "ىال", "x")])


def test_unified_diff() -> None:
    before = "سطر أول\nذهبت الى المدرسه\nسطر أخير"
    after = "سطر أول\nذهبت إلى المدرسة\nسطر أخير"
    assert unified_diff("a.md", before, after) == (
        "--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,3 @@\n سطر أول\n"
        "-ذهبت الى المدرسه\n+ذهبت إلى المدرسة\n سطر أخير\n\\ No newline at end of file\n"
    )
    assert unified_diff("a.md", before, before) == ""


def test_unified_diff_counts_lines_as_patch_does() -> None:
    """Only \\n ends a line of a diff: a form feed or U+2028 inside a line made two
    (and a "No newline" marker in the middle), so that git apply refused the diff.  A
    line break in the file's name is quoted as git quotes it, which git apply reads."""
    before = "ذهبت الى\x0cالبيت\u2028ذهبت الى\r\nنص\n"
    after = before.replace("الى", "إلى")
    assert unified_diff("a\nb.md", before, after) == (
        '--- "a/a\\nb.md"\n+++ "b/a\\nb.md"\n@@ -1,2 +1,2 @@\n'
        "-ذهبت الى\x0cالبيت\u2028ذهبت الى\r\n+ذهبت إلى\x0cالبيت\u2028ذهبت إلى\r\n نص\n"
    )


CASES = {
    # name: original bytes; every case misspells الى once and هاذا once
    "lf": "ذهبت الى البيت.\nهاذا كتاب.\n".encode(),
    "crlf": "ذهبت الى البيت.\r\nهاذا كتاب.\r\n".encode(),
    "bom-crlf": BOM + "ذهبت الى البيت.\r\nهاذا كتاب.\r\n".encode(),
    "no-final-newline": "ذهبت الى البيت.\nهاذا كتاب.".encode(),
    "diacritics": "ذَهَبْتُ الى البَيْتِ.\nهاذا كِتَابٌ جَمِيلٌ.\n".encode(),
    "mixed-endings": "ذهبت الى البيت.\r\nهاذا كتاب.\nسطر\r".encode(),
    "cp1256": "ذهبت الى البيت.\nهاذا كتاب.\n".encode("cp1256"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fix_file_changes_only_the_corrected_words(tmp_path: Path, name: str) -> None:
    original = CASES[name]
    path = tmp_path / "doc.md"
    path.write_bytes(original)
    os.chmod(path, 0o640)
    encoding = "cp1256" if name == "cp1256" else None
    decoded = read_file(str(path), encoding)
    text = decoded.text
    fix_file(decoded, [at(text, "الى", "إلى"), at(text, "هاذا", "هذا")])
    enc = encoding or "utf-8"
    expected = original.replace("الى".encode(enc), "إلى".encode(enc), 1).replace(
        "هاذا".encode(enc), "هذا".encode(enc), 1
    )
    assert path.read_bytes() == expected
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]  # no temporary file left


def test_fix_file_keeps_utf16_with_its_bom(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes("ذهبت الى البيت\r\n".encode("utf-16"))
    decoded = read_file(str(path))
    fix_file(decoded, [at(decoded.text, "الى", "إلى")])
    assert path.read_bytes() == "ذهبت إلى البيت\r\n".encode("utf-16")


def test_fix_file_refuses_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("ذهبت الى البيت\n", encoding="utf-8")
    decoded = read_file(str(path))
    path.write_text("ذهبت الى السوق\n", encoding="utf-8")  # someone else edits it
    with pytest.raises(FileChangedError, match="changed since it was read"):
        fix_file(decoded, [at(decoded.text, "الى", "إلى")])
    assert path.read_text(encoding="utf-8") == "ذهبت الى السوق\n"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]


def test_write_atomic_follows_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("الى\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    decoded = read_file(str(link))
    fix_file(decoded, [at(decoded.text, "الى", "إلى")])
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "إلى\n"


def test_write_atomic_creates_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    write_atomic(str(path), "كلمة\n".encode(), expected=None)
    assert path.read_text(encoding="utf-8") == "كلمة\n"


def test_a_correction_the_encoding_cannot_hold_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    original = "ذهبت الى البيت\n".encode("cp1256")
    path.write_bytes(original)
    decoded = read_file(str(path), "cp1256")
    with pytest.raises(InputError, match="cannot be written in cp1256"):
        fix_file(decoded, [at(decoded.text, "الى", "\N{ARABIC LETTER ALEF WASLA}لى")])
    assert path.read_bytes() == original


def test_a_folder_that_cannot_be_written_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    path = tmp_path / "doc.md"
    path.write_text("الى\n", encoding="utf-8")
    decoded = read_file(str(path))

    def refuse(**kwargs: object) -> tuple[int, str]:  # what a read-only folder does
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(InputError, match="cannot write next to it"):
        fix_file(decoded, [at(decoded.text, "الى", "إلى")])
    assert path.read_text(encoding="utf-8") == "الى\n"


def test_a_file_deleted_since_it_was_read_is_not_recreated(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("الى\n", encoding="utf-8")
    decoded = read_file(str(path))
    path.unlink()
    with pytest.raises(FileChangedError):
        fix_file(decoded, [at(decoded.text, "الى", "إلى")])
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------
# the file's identity: hard links, owner, extended attributes, read-only files, leftovers


def fix_one(path: Path, word: str = "الى", new: str = "إلى") -> None:
    decoded = read_file(str(path))
    fix_file(decoded, [at(decoded.text, word, new)])


def test_a_hard_link_keeps_sharing_the_fixed_content(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("ذهبت الى البيت\n", encoding="utf-8")
    other = tmp_path / "other-name.md"
    os.link(path, other)
    inode = path.stat().st_ino
    fix_one(path)
    assert path.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == (
        "ذهبت إلى البيت\n"
    )
    assert path.stat().st_ino == other.stat().st_ino == inode
    assert path.stat().st_nlink == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.md", "other-name.md"]


def test_a_hard_linked_file_changed_since_it_was_read_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("ذهبت الى البيت\n", encoding="utf-8")
    os.link(path, tmp_path / "other.md")
    decoded = read_file(str(path))
    path.write_text("ذهبت الى السوق\n", encoding="utf-8")
    with pytest.raises(FileChangedError):
        fix_file(decoded, [at(decoded.text, "الى", "إلى")])
    assert (tmp_path / "other.md").read_text(encoding="utf-8") == "ذهبت الى السوق\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.md", "other.md"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
@pytest.mark.parametrize("links", [1, 2])
def test_the_owner_and_group_are_kept(tmp_path: Path, links: int) -> None:
    path = tmp_path / "doc.md"
    path.write_text("هاذا الى\n", encoding="utf-8")
    os.chown(path, 12345, 23456)
    os.chmod(path, 0o640)
    if links == 2:
        os.link(path, tmp_path / "link.md")
    fix_one(path)
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (12345, 23456, 0o640)
    assert path.read_text(encoding="utf-8") == "هاذا إلى\n"


@pytest.mark.parametrize("links", [1, 2])
def test_extended_attributes_are_kept(tmp_path: Path, links: int) -> None:
    path = tmp_path / "doc.md"
    path.write_text("ذهبت الى البيت\n", encoding="utf-8")
    try:
        os.setxattr(path, "user.lialia.note", "مراجعة".encode())
    except OSError as e:
        pytest.skip(f"no user extended attributes here: {e}")
    if links == 2:
        os.link(path, tmp_path / "link.md")
    fix_one(path)
    assert os.getxattr(path, "user.lialia.note") == "مراجعة".encode()
    assert path.read_text(encoding="utf-8") == "ذهبت إلى البيت\n"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_when_the_identity_cannot_be_copied_the_write_goes_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user may write a file of another owner (through the group's write bit) without
    being allowed to give a new file that owner: then the file is written in place,
    never replaced by one of theirs."""
    path = tmp_path / "doc.md"
    path.write_text("ذهبت الى البيت\n", encoding="utf-8")
    os.chown(path, 12345, 12345)
    inode = path.stat().st_ino

    def refuse(fd: int, uid: int, gid: int) -> None:  # what chown does for a plain user
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", refuse)
    fix_one(path)
    assert path.read_text(encoding="utf-8") == "ذهبت إلى البيت\n"
    st = path.stat()
    assert (st.st_ino, st.st_uid, st.st_gid) == (inode, 12345, 12345)
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o464, 0o000])
def test_a_read_only_file_is_refused_even_as_root(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "doc.md"
    path.write_text("ذهبت الى البيت\n", encoding="utf-8")
    decoded = read_file(str(path))
    os.chmod(path, mode)
    with pytest.raises(ReadOnlyFileError) as caught:
        fix_file(decoded, [at(decoded.text, "الى", "إلى")])
    assert str(caught.value) == (
        f"{path}: read-only (mode {mode:04o}); nothing written — "
        "make it writable (chmod u+w) to fix it"
    )
    os.chmod(path, 0o644)
    assert path.read_text(encoding="utf-8") == "ذهبت الى البيت\n"


def test_a_group_read_only_file_of_a_writable_owner_is_fixed(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("ذهبت الى البيت\n", encoding="utf-8")
    os.chmod(path, 0o644)
    fix_one(path)
    assert path.read_text(encoding="utf-8") == "ذهبت إلى البيت\n"


def test_stale_temporary_files_of_killed_runs_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("ذهبت الى البيت\n", encoding="utf-8")
    hours_ago = time.time() - 2 * 3600
    for name in (".lialia-old1.tmp", ".lialia-fresh.tmp", ".lialia-old.bak", "notes.tmp"):
        (tmp_path / name).write_bytes(b"x" * 100)
    for name in (".lialia-old1.tmp", ".lialia-old.bak", "notes.tmp"):
        os.utime(tmp_path / name, (hours_ago, hours_ago))
    (tmp_path / ".lialia-dir.tmp").mkdir()
    os.utime(tmp_path / ".lialia-dir.tmp", (hours_ago, hours_ago))
    fix_one(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".lialia-dir.tmp",  # not a file: not ours
        ".lialia-fresh.tmp",  # maybe another run's, still writing
        ".lialia-old.bak",  # the only copy of an interrupted in-place write
        "doc.md",
        "notes.tmp",
    ]


def test_clean_stale_temporaries_reports_what_it_removed(tmp_path: Path) -> None:
    (tmp_path / ".lialia-a.tmp").write_bytes(b"")
    assert clean_stale_temporaries(str(tmp_path)) == []
    assert clean_stale_temporaries(str(tmp_path), now=time.time() + 7200) == [".lialia-a.tmp"]


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_fix_file_round_trips_utf32_with_its_bom(tmp_path: Path, encoding: str) -> None:
    import codecs

    bom = {"utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}.get(encoding, b"")
    path = tmp_path / "doc.txt"
    path.write_bytes(bom + "ذهبتُ الى البيت\r\n".encode(encoding))
    fix_one(path)
    assert path.read_bytes() == bom + "ذهبتُ إلى البيت\r\n".encode(encoding)


def test_a_fifo_is_never_written(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        write_atomic(str(fifo), b"x", expected=None)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_an_in_place_write_that_fails_puts_the_original_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "doc.md"
    path.write_text("ذهبت الى البيت\n", encoding="utf-8")
    os.link(path, tmp_path / "link.md")
    decoded = read_file(str(path))
    real_fsync = os.fsync
    calls: list[int] = []

    def full_disk(fd: int) -> None:  # the backup is synced; the file's own sync fails
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(InputError) as caught:
        fix_file(decoded, [at(decoded.text, "الى", "إلى")])
    assert str(caught.value) == f"{path}: cannot write: No space left on device; nothing written"
    assert (tmp_path / "link.md").read_text(encoding="utf-8") == "ذهبت الى البيت\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.md", "link.md"]


# The audit's reproductions, through `lialia check --fix`: files whose only slips are in
# markup, paths, labels or keys come back unchanged.
UNTOUCHED = {
    "a.rst": ".. include:: الى.rst\n\n.. image:: صور/الى.png\n\n.. _الى-المدرسه:\n\n"
    "نص :ref:`الى-المدرسه`\n",
    "a.tex": "\\input{الى}\n\\includegraphics{صور/الى.png}\n\\cite{هاذا}\n"
    "\\label{sec:الى}\n\\ref{sec:الى}\n\\newcommand{\\الى}{}\n",
    "ref.md": "[هاذا] و [الى][]\n\n[هاذا]: http://y\n[الى]: http://z\n",
    "e.md": "ه**اذا** كتاب\nهـ<i>اذا</i>\n",
    "e.txt": "ه**اذا** كتاب\nهـ<i>اذا</i>\n",
    "gt.html": '<img alt="صورة > الى" src="x.png">\n<!-- ملاحظة: a -> b ثم الى -->\n',
}


@pytest.mark.parametrize("name", sorted(UNTOUCHED))
def test_fix_leaves_markup_paths_and_labels_alone(
    run_cli: Any, isolated: Path, name: str
) -> None:
    path = isolated / name
    path.write_text(UNTOUCHED[name], encoding="utf-8")
    run_cli(["check", "--quiet", "--fix", name])
    assert path.read_text(encoding="utf-8") == UNTOUCHED[name]
