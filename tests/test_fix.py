"""Fixing: replacements only at the findings, byte-for-byte safe writes, refusals."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from lialia.errors import FileChangedError, InputError
from lialia.files import read_file
from lialia.findings import Finding, Severity, Suggestion
from lialia.fix import (
    Replacement,
    apply,
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
