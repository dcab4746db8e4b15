"""Applying corrections: only at the findings' offsets, shown as a diff or written safely.

A write never changes a byte outside the corrected words: the text is re-encoded with the
encoding and byte-order mark it was read with (line endings are never touched, because
only word spans are replaced), the result goes to a temporary file in the same folder
with the original permission bits, and it replaces the original by a rename only if the
file on disk is still exactly what was read.  Nothing here prints.

>>> text = "ذهبت الى المدرسه"
>>> apply(text, [Replacement(5, 8, "الى", "إلى"), Replacement(9, 16, "المدرسه", "المدرسة")])
'ذهبت إلى المدرسة'
"""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import FileChangedError, InputError
from .files import Decoded, Snapshot, current_snapshot
from .findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class Replacement:
    """Replace ``old`` at ``text[offset:end]`` by ``new``."""

    offset: int
    end: int
    old: str
    new: str


def _new_text(finding: Finding) -> str | None:
    """What ``--fix`` writes for a finding: the engine's ``replacement`` (the correction
    with the word's marks carried over); the bare best suggestion only for a finding
    built without one by hand and marked confident."""
    return finding.replacement if finding.replacement is not None else finding.best


def is_confident(finding: Finding) -> bool:
    """A correction ``--fix`` may apply without asking: a misspelling (not a probable
    one) whose best suggestion the engine marks as clearly ahead of the others, and
    which changes the text."""
    new = _new_text(finding)
    return (
        finding.severity is Severity.MISSPELLING
        and finding.confident
        and new is not None
        and new != finding.word
    )


def replacement(finding: Finding, new: str) -> Replacement:
    """The replacement of a finding's surface word by ``new``."""
    return Replacement(finding.offset, finding.end, finding.word, new)


def confident_replacements(findings: Iterable[Finding]) -> list[Replacement]:
    """Replacements for the findings ``--fix`` applies on its own."""
    return [replacement(f, new) for f in findings if is_confident(f) and (new := _new_text(f))]


def apply(text: str, replacements: Sequence[Replacement]) -> str:
    """``text`` with the replacements made; everything between them is kept as is.

    Raises ValueError when a replacement does not match the text or overlaps another,
    which means the findings do not belong to this text.
    """
    parts: list[str] = []
    position = 0
    for r in sorted(replacements, key=lambda r: r.offset):
        if r.offset < position:
            raise ValueError(f"overlapping replacement at offset {r.offset}")
        if text[r.offset : r.end] != r.old:
            raise ValueError(f"text at offset {r.offset} is not {r.old!r}")
        parts.append(text[position : r.offset])
        parts.append(r.new)
        position = r.end
    parts.append(text[position:])
    return "".join(parts)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff (``a/path``, ``b/path``) as git shows it, including the
    ``\\ No newline at end of file`` marker; empty when nothing changed."""
    if before == after:
        return ""
    lines: list[str] = []
    for line in difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    ):
        if line.endswith("\n"):
            lines.append(line)
        else:
            lines.append(line + "\n\\ No newline at end of file\n")
    return "".join(lines)


def _unchanged(path: str, expected: Snapshot) -> bool:
    try:
        return current_snapshot(path) == expected
    except OSError:  # deleted or made unreadable meanwhile: changed too
        return False


def write_atomic(path: str, data: bytes, *, expected: Snapshot | None) -> None:
    """Replace the file at ``path`` by ``data``, atomically and only if unchanged.

    ``expected`` is what the file looked like when read (None: it may be anything, or
    missing).  A symlink is followed, so the link stays a link.  Permission bits are
    copied; the temporary file lives in the same folder so the rename is atomic.
    """
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = None
    if expected is not None and not _unchanged(target, expected):
        raise FileChangedError(path)
    try:
        fd, temp = tempfile.mkstemp(prefix=".lialia-", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputError(
            path, f"cannot write next to it ({e.strerror or e}) — check the folder's permissions"
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        # the last moment before the rename: refuse if someone wrote the file meanwhile
        if expected is not None and not _unchanged(target, expected):
            raise FileChangedError(path)
        os.replace(temp, target)
    except BaseException as e:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        if isinstance(e, OSError):
            raise InputError(path, f"cannot write: {e.strerror or e}; nothing written") from None
        raise


def fixed_bytes(decoded: Decoded, replacements: Sequence[Replacement]) -> tuple[str, bytes]:
    """The corrected text and its bytes in the file's encoding (with its BOM).

    Refuses (InputError) when the file's bytes would not survive a decode/encode round
    trip, or a correction cannot be written in the file's encoding.
    """
    if decoded.snapshot is not None:
        original = hashlib.sha256(decoded.encode(decoded.text)).hexdigest()
        if original != decoded.snapshot.sha256:
            raise InputError(
                decoded.path,
                f"its bytes do not survive re-encoding as {decoded.encoding}; "
                "nothing written — fix it by hand",
            )
    text = apply(decoded.text, replacements)
    try:
        return text, decoded.encode(text)
    except UnicodeEncodeError as e:
        raise InputError(
            decoded.path,
            f"a correction cannot be written in {decoded.encoding} ({e.reason}); nothing written",
        ) from None


def fix_file(decoded: Decoded, replacements: Sequence[Replacement]) -> str:
    """Write the corrections into the file ``decoded`` was read from; returns the new text."""
    text, data = fixed_bytes(decoded, replacements)
    if text != decoded.text:
        write_atomic(decoded.path, data, expected=decoded.snapshot)
    return text
