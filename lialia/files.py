"""Which files to check and how to read them: folders, .gitignore, excludes, encodings.

Nothing here prints.  Paths named on the command line are always checked; inside folders
only text formats (by extension, see :data:`EXTENSIONS`) are, minus what ``.gitignore``
files and exclude globs leave out.  ``.gitignore`` is matched by lialia's own reader of
the git pattern syntax (negation, ``dir/`` only, anchored patterns, ``*``, ``?``,
``[...]``, ``**``), so results do not depend on whether ``git`` is installed or the
folder is a repository at all.

Reading is bounded: only regular files are opened (a FIFO, a device or a socket named on
the command line is an error, not a hang), never more than ``max-file-size`` MB of one
(256 by default), and :class:`TextReader` hands a large file out in chunks of whole lines
(about a million code points each) so memory does not grow with the file.  A UTF-8,
UTF-32 or UTF-16 byte-order mark decides the encoding; without one it is strict UTF-8.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from .errors import (
    MB,
    DecodeError,
    FileTooLargeError,
    InputError,
    NotRegularFileError,
)
from .tokenize import SYNTAX_BY_SUFFIX, ends_in_quotation, line_breaks, masked_spans

#: plain-text formats checked in folders, besides the markup the tokenizer knows
#: (:data:`lialia.tokenize.SYNTAX_BY_SUFFIX`: Markdown, HTML, reStructuredText, TeX)
PLAIN_EXTENSIONS = (".txt", ".text", ".adoc", ".org", ".po", ".srt", ".vtt")

#: every extension (lower case) a folder walk checks
EXTENSIONS = frozenset(SYNTAX_BY_SUFFIX) | frozenset(PLAIN_EXTENSIONS)

#: version-control folders never walked into
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".jj"})

#: a NUL byte in this many leading bytes marks a file as binary (as git and grep do)
BINARY_SNIFF = 8192

#: byte-order marks recognised without --encoding, in the order they are tried
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    # UTF-32 first: its little-endian mark FF FE 00 00 starts with UTF-16's FF FE
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

STDIN = "-"


def is_text_name(path: str) -> bool:
    """True when a file found in a folder should be checked (its extension is listed)."""
    return os.path.splitext(path)[1].lower() in EXTENSIONS


# ---------------------------------------------------------------------------------------
# git-style patterns (.gitignore and --exclude)


@dataclass(frozen=True, slots=True)
class Pattern:
    """One compiled git-style pattern, matched against paths relative to ``base``."""

    base: str
    regex: re.Pattern[str]
    negated: bool
    dir_only: bool
    source: str


def _translate(body: str) -> str:
    """Regex source for a pattern body (no leading ``/`` or trailing ``/``)."""
    out: list[str] = []
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == "*":
            if body.startswith("**", i) and (i == 0 or body[i - 1] == "/"):
                j = i + 2
                if j == n:
                    out.append(".*")
                    i = j
                    continue
                if body[j] == "/":
                    out.append("(?:.*/)?")
                    i = j + 1
                    continue
            while i < n and body[i] == "*":
                i += 1
            out.append("[^/]*")
            continue
        if c == "?":
            out.append("[^/]")
        elif c == "[":
            close = body.find("]", i + 2 if body[i + 1 : i + 2] in ("!", "^", "]") else i + 1)
            if close == -1:
                out.append(re.escape(c))
            else:
                inner = body[i + 1 : close]
                negate = inner[:1] in ("!", "^")
                if negate:
                    inner = inner[1:]
                inner = inner.replace("\\", "\\\\").replace("[", "\\[")
                out.append(f"[{'^' if negate else ''}{inner}]")
                i = close
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(body[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def compile_pattern(line: str, base: str) -> Pattern | None:
    """Compile one ``.gitignore`` line (None for blanks and comments).

    >>> p = compile_pattern("*.log", "/repo")
    >>> bool(p.regex.fullmatch("a/b/x.log")), p.negated, p.dir_only
    (True, False, False)
    >>> bool(compile_pattern("/build/", "/repo").regex.fullmatch("src/build"))
    False
    """
    source = line
    line = line.rstrip("\n").rstrip("\r")
    # trailing spaces are ignored unless escaped
    while line.endswith(" ") and not line.endswith("\\ "):
        line = line[:-1]
    if not line or line.startswith("#"):
        return None
    negated = line.startswith("!")
    if negated:
        line = line[1:]
    elif line.startswith("\\!") or line.startswith("\\#"):
        line = line[1:]
    dir_only = line.endswith("/") and not line.endswith("\\/")
    if dir_only:
        line = line.rstrip("/")
    if not line:
        return None
    anchored = "/" in line
    line = line.lstrip("/")
    prefix = "" if anchored else "(?:.*/)?"
    regex = re.compile(prefix + _translate(line), re.DOTALL)
    return Pattern(base=base, regex=regex, negated=negated, dir_only=dir_only, source=source)


def compile_patterns(lines: Iterable[str], base: str) -> list[Pattern]:
    """Compile the lines of one pattern file (or a list of globs) relative to ``base``."""
    return [p for p in (compile_pattern(line, base) for line in lines) if p is not None]


def is_ignored(patterns: Sequence[Pattern], abspath: str, is_dir: bool) -> bool:
    """git's rule: the last pattern that matches decides; ``!`` re-includes."""
    ignored = False
    for pattern in patterns:
        if pattern.dir_only and not is_dir:
            continue
        rel = os.path.relpath(abspath, pattern.base)
        if rel == "." or rel.startswith(".." + os.sep) or rel == "..":
            continue
        if pattern.regex.fullmatch(rel.replace(os.sep, "/")):
            ignored = not pattern.negated
    return ignored


def _read_gitignore(folder: str) -> list[Pattern]:
    try:
        with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as f:
            return compile_patterns(f.read().splitlines(), folder)
    except OSError:
        return []


def _repo_root(folder: str) -> str | None:
    current = folder
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _inherited_gitignores(folder: str) -> list[Pattern]:
    """Patterns from the repository root's ``.git/info/exclude`` and every ``.gitignore``
    from the root down to (not including) ``folder``."""
    root = _repo_root(folder)
    if root is None:
        return []
    patterns: list[Pattern] = []
    try:
        with open(os.path.join(root, ".git", "info", "exclude"), encoding="utf-8") as f:
            patterns += compile_patterns(f.read().splitlines(), root)
    except (OSError, UnicodeDecodeError):
        pass
    chain: list[str] = []
    current = folder
    while current != root:
        current = os.path.dirname(current)
        chain.append(current)
    for ancestor in reversed(chain):
        patterns += _read_gitignore(ancestor)
    return patterns


# ---------------------------------------------------------------------------------------
# discovery


@dataclass(frozen=True, slots=True)
class Source:
    """Something to check: a file (``path``) or standard input (``path == "-"``)."""

    path: str

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


@dataclass(slots=True)
class Discovery:
    """What :func:`discover` found: sources in a stable order, and the paths it could not use."""

    sources: list[Source] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def _os_problem(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links) — fix or remove the link"
    if error.errno == errno.ENOENT:
        return "no such file or folder — check the path"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied — check its permissions"
    return f"{error.strerror or error} — check the path"


def _walk(
    top: str, excludes: Sequence[Pattern], use_gitignore: bool, errors: list[InputError]
) -> Iterator[str]:
    """Files under ``top`` in path order; symlinked folders are not followed (no loops),
    nor a symlinked file that leads out of ``top``: a checked folder is data, and
    ``--fix`` must not write to a file the folder only points at."""
    abstop = os.path.abspath(top)
    inherited = _inherited_gitignores(abstop) if use_gitignore else []
    inside = os.path.join(os.path.realpath(abstop), "")
    yield from _walk_folder(top, abstop, inherited, excludes, use_gitignore, errors, inside)


def _walk_folder(
    shown: str,
    absdir: str,
    patterns: list[Pattern],
    excludes: Sequence[Pattern],
    use_gitignore: bool,
    errors: list[InputError],
    inside: str,
) -> Iterator[str]:
    try:
        with os.scandir(absdir) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        errors.append(InputError(shown, "cannot read folder: " + _os_problem(e)))
        return
    if use_gitignore:
        patterns = patterns + _read_gitignore(absdir)
    for entry in entries:
        abspath = os.path.join(absdir, entry.name)
        shown_path = os.path.normpath(os.path.join(shown, entry.name))
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file()  # follows a link to a file; False for a broken one
        except OSError:
            continue
        if is_dir:
            if entry.name in SKIPPED_DIRS:
                continue
            if is_ignored(patterns, abspath, True) or is_ignored(excludes, abspath, True):
                continue
            yield from _walk_folder(
                shown_path, abspath, patterns, excludes, use_gitignore, errors, inside
            )
        elif is_file and is_text_name(entry.name):
            if is_ignored(patterns, abspath, False) or is_ignored(excludes, abspath, False):
                continue
            if entry.is_symlink() and not os.path.realpath(abspath).startswith(inside):
                continue  # a link out of the folder walked
            yield shown_path


def discover(
    paths: Sequence[str], excludes: Sequence[Pattern] = (), *, use_gitignore: bool = True
) -> Discovery:
    """Expand the command line's paths into sources, in order, each file once.

    A file named explicitly is always checked, whatever its extension, ``.gitignore``
    or the excludes say; ``-`` is standard input.
    """
    found = Discovery()
    seen: set[str] = set()

    def add(path: str) -> None:
        key = path if path == STDIN else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            found.sources.append(Source(path))

    for path in paths:
        if path == STDIN:
            add(path)
            continue
        try:
            mode = os.stat(path).st_mode
        except OSError as e:
            found.errors.append(InputError(path, _os_problem(e)))
            continue
        if stat.S_ISDIR(mode):
            for file in _walk(path, excludes, use_gitignore, found.errors):
                add(file)
        else:
            add(path)
    return found


# ---------------------------------------------------------------------------------------
# reading

#: ``max-file-size`` when the configuration does not set it: larger files are refused
DEFAULT_MAX_FILE_SIZE = 256  # MB

#: the same in bytes
DEFAULT_LIMIT = DEFAULT_MAX_FILE_SIZE * MB

#: code points of text :class:`TextReader` hands out at a time (whole lines, so a little more)
CHUNK_CHARS = 1 << 20

#: bytes read from a file at a time when streaming
_BLOCK = 1 << 20

#: opening a FIFO for reading waits for a writer unless non-blocking (0 where unknown)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class Skipped(Exception):
    """A file left out on purpose (binary); the CLI prints a note, not an error."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a file looked like when read; a fix is written only if it still looks so."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, st: os.stat_result, raw: bytes) -> Snapshot:
        """The snapshot of a file whose status is ``st`` and content ``raw``."""
        import hashlib  # it loads OpenSSL, in milliseconds: standard input never needs it

        return cls(st.st_mtime_ns, st.st_size, hashlib.sha256(raw).hexdigest())


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text with everything needed to write it back byte for byte."""

    path: str
    text: str
    encoding: str
    bom: bytes
    snapshot: Snapshot | None  # None for standard input

    def encode(self, text: str) -> bytes:
        """``text`` in the file's encoding, with its byte-order mark if it had one."""
        return self.bom + text.encode(self.encoding)


def canonical_encoding(name: str) -> str:
    """Python's name for a text encoding; raises LookupError for an unknown one, or one
    that is no text encoding (``hex``, ``base64``, ``rot13``: codecs of bytes to bytes).

    >>> canonical_encoding("UTF8"), canonical_encoding("windows-1256")
    ('utf-8', 'cp1256')
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise LookupError(f"unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise LookupError(f"{name!r} is not a text encoding")
    return info.name


#: encodings that read their byte order (or their mark) from a byte-order mark; without
#: one, the file is in the variant that has none
_MARKED = {"utf-8-sig": "utf-8", "utf-16": None, "utf-32": None}


def _sniff(head: bytes, path: str, encoding: str | None) -> tuple[str, bytes]:
    """``(encoding, bom)`` from a file's first bytes (at least :data:`BINARY_SNIFF` of them,
    or all); raises :class:`Skipped` for a binary file."""
    bom = b""
    enc = "utf-8" if encoding is None else canonical_encoding(encoding)
    # a byte-order mark decides, even over --encoding: that is meant for the files of a
    # run that carry none (a folder of cp1256 files with one saved as UTF-8 with a mark)
    for mark, name in _BOMS:
        if head.startswith(mark):
            bom, enc = mark, name
            break
    else:
        if enc in _MARKED:  # asked for, but the file has no mark
            unmarked = _MARKED[enc]
            if unmarked is None and not head:  # nothing to read: no order to know
                unmarked = f"{enc}-le"  # (and nothing to write: no mark added)
            if unmarked is None:  # which byte order is not for lialia to guess
                raise InputError(
                    path,
                    f"no byte-order mark says which {enc} this is — pass --encoding "
                    f"{enc}-le or {enc}-be",
                )
            enc = unmarked  # read and written back without a mark, as it is
    if not enc.startswith(("utf-16", "utf-32")) and b"\0" in head[:BINARY_SNIFF]:
        raise Skipped(path, "binary file, skipped")
    return enc, bom


def decode(raw: bytes, path: str, encoding: str | None = None) -> tuple[str, str, bytes]:
    """``(text, encoding, bom)`` for a file's bytes.

    Without ``encoding``: a UTF-8, UTF-32 or UTF-16 byte-order mark decides, else strict
    UTF-8.  A NUL byte in the first bytes of a file without a UTF-16 or UTF-32 mark means
    binary (:class:`Skipped`).  Invalid bytes raise :class:`DecodeError` with the byte
    offset.

    >>> decode(codecs.BOM_UTF32_LE + "نص".encode("utf-32-le"), "f")[1:]
    ('utf-32-le', b'\\xff\\xfe\\x00\\x00')
    """
    enc, bom = _sniff(raw, path, encoding)
    try:
        text = raw[len(bom) :].decode(enc)
    except UnicodeDecodeError as e:
        raise DecodeError(path, enc, len(bom) + e.start) from None
    return text, enc, bom


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _check_regular(path: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(path, "is a folder")
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(path, _kind(mode))


def open_regular(path: str) -> tuple[int, os.stat_result]:
    """A descriptor open for reading on the regular file ``path``, and its status.

    FIFOs, devices and sockets raise :class:`NotRegularFileError`: reading them could
    wait for a writer forever (a FIFO) or never end (``/dev/zero``).  The file is opened
    with ``O_NONBLOCK`` and checked again after opening, so a FIFO swapped in between the
    check and the open cannot hang the run either.
    """
    try:
        _check_regular(path, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    except IsADirectoryError:
        raise InputError(path, "is a folder") from None
    except OSError as e:
        raise InputError(path, _os_problem(e)) from None
    try:
        st = os.fstat(fd)
        _check_regular(path, st.st_mode)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def _too_large(path: str, st: os.stat_result, limit: int) -> None:
    if st.st_size > limit:
        raise FileTooLargeError(path, limit)


def read_regular(path: str, limit: int = DEFAULT_LIMIT) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most ``limit`` bytes, and its status.

    At most ``limit + 1`` bytes are ever read, so a file that grows while it is read, or
    reports a wrong size (``/proc``), cannot exhaust memory: past the limit it is a
    :class:`FileTooLargeError`.
    """
    fd, st = open_regular(path)
    with os.fdopen(fd, "rb", buffering=0) as f:
        try:
            _too_large(path, st, limit)
            # the usual case: the whole file in one read of the size stat gave
            return read_stream(f, limit, path, first=st.st_size + 1), st
        except OSError as e:
            raise InputError(path, _os_problem(e)) from None


def read_file(path: str, encoding: str | None = None, *, limit: int = DEFAULT_LIMIT) -> Decoded:
    """Read and decode one file, remembering a :class:`Snapshot` for safe writes.

    Only regular files of at most ``limit`` bytes are read (see :func:`read_regular`).
    """
    raw, st = read_regular(path, limit)
    text, enc, bom = decode(raw, path, encoding)
    return Decoded(path, text, enc, bom, Snapshot.of(st, raw))


def read_stream(
    stream: BinaryIO, limit: int = DEFAULT_LIMIT, path: str = STDIN, *, first: int = _BLOCK
) -> bytes:
    """At most ``limit`` bytes of a stream (standard input, or an open file whose size
    is known: ``first`` bytes are asked for at once), read in blocks; more is a
    :class:`FileTooLargeError`, so ``yes | lialia check -`` ends instead of filling memory.
    """
    parts: list[bytes] = []
    total = 0
    size = first
    while total <= limit:
        block = stream.read(min(size, limit + 1 - total))
        if not block:
            break
        parts.append(block)
        total += len(block)
        size = _BLOCK
    if total > limit:
        raise FileTooLargeError(path, limit, b"".join(parts))
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_bytes(raw: bytes, encoding: str | None = None) -> Decoded:
    """Decode standard input (shown as ``-``)."""
    text, enc, bom = decode(raw, STDIN, encoding)
    return Decoded(STDIN, text, enc, bom, None)


def current_snapshot(path: str | Path) -> Snapshot:
    """The file's snapshot now (status plus content hash), read in blocks."""
    import hashlib

    fd, st = open_regular(os.fspath(path))
    digest = hashlib.sha256()
    with os.fdopen(fd, "rb", buffering=0) as f:
        while block := f.read(_BLOCK):
            digest.update(block)
    return Snapshot(st.st_mtime_ns, st.st_size, digest.hexdigest())


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of a file's text made of whole lines (the last one may lack its ``\\n``).

    ``offset`` counts the code points of the text before it and ``line`` the lines
    before it, so a position found in ``text`` is moved to the file's by adding them.
    ``before`` is the end of the text before it (empty at the start of the file): what
    the context rules read before its first word (see :meth:`SpellChecker.check`).
    """

    text: str
    offset: int
    line: int
    before: str = ""


class TextReader:
    """A file's text in chunks of whole lines, read and decoded as it goes.

    Memory stays bounded by the chunk size whatever the file's size (up to ``limit``
    bytes; a single line longer than a chunk is kept whole).  Lines are split after
    ``\\n``, so ``\\r\\n`` stays together, and the bytes are decoded incrementally, so a
    character cut between two reads, in UTF-8, UTF-16 or UTF-32, is decoded whole.  A
    decode error names the absolute byte offset, as :func:`decode` does.  After the
    chunks, ``encoding``, ``bom`` and ``snapshot`` (over the whole file) are set.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as f:
    ...     _ = f.write("سطر أول\\r\\nسطر ثان\\n".encode())
    >>> [(c.text, c.offset, c.line) for c in TextReader(f.name, chunk_chars=4)]
    [('سطر أول\\r\\nسطر ثان\\n', 0, 0)]

    (one chunk: the file is read in blocks of a megabyte, and a chunk ends at the last
    line break of what has been read once it holds ``chunk_chars``)
    >>> os.unlink(f.name)
    """

    def __init__(
        self,
        path: str,
        encoding: str | None = None,
        *,
        limit: int = DEFAULT_LIMIT,
        chunk_chars: int | None = None,
    ) -> None:
        self.path = path
        self.requested = encoding
        self.limit = limit
        self.chunk_chars = CHUNK_CHARS if chunk_chars is None else chunk_chars
        self.encoding: str | None = None
        self.bom = b""
        self.snapshot: Snapshot | None = None

    def __iter__(self) -> Iterator[Chunk]:
        path, limit = self.path, self.limit
        fd, st = open_regular(path)
        with os.fdopen(fd, "rb", buffering=0) as f:
            _too_large(path, st, limit)
            import hashlib

            digest = hashlib.sha256()
            total = 0

            def read() -> bytes:
                nonlocal total
                try:
                    block = f.read(min(_BLOCK, limit + 1 - total))
                except OSError as e:
                    raise InputError(path, _os_problem(e)) from None
                total += len(block)
                if total > limit:
                    raise FileTooLargeError(path, limit)
                digest.update(block)
                return block

            head = read()
            while len(head) < BINARY_SNIFF and (more := read()):
                head += more
            enc, bom = _sniff(head, path, self.requested)
            self.encoding, self.bom = enc, bom
            decoder = codecs.getincrementaldecoder(enc)("strict")
            fed = len(bom)  # bytes given to the decoder so far, counted from the file's start
            pending = ""
            offset = line = 0
            block = head[len(bom) :]
            while True:
                final = not block
                buffered = len(decoder.getstate()[0])
                try:
                    pending += decoder.decode(block, final)
                except UnicodeDecodeError as e:
                    raise DecodeError(path, enc, fed - buffered + e.start) from None
                fed += len(block)
                if final or len(pending) >= self.chunk_chars:
                    # after the last line end: a \n, or a lone \r (one whose next
                    # character is known, so that a \r\n is never cut in two)
                    last = len(pending) - 1
                    cut = (
                        len(pending)
                        if final
                        else max(pending.rfind("\n"), pending.rfind("\r", 0, last)) + 1
                    )
                    if cut:
                        text, pending = pending[:cut], pending[cut:]
                        yield Chunk(text, offset, line)
                        offset += len(text)
                        line += line_breaks(text)
                if final:
                    break
                block = read()
        self.snapshot = Snapshot(st.st_mtime_ns, st.st_size, digest.hexdigest())


#: characters of the text before a chunk that go with it (:attr:`Chunk.before`): more
#: than the context rules read back from a word (:data:`lialia.context.REACH_BEFORE`)
BEFORE_CHARS = 200


#: a chunk ending inside a quotation is joined to the next up to this many characters: an
#: ornate parenthesis that nothing closes does not make a whole large file one chunk
MAX_HELD_CHARS = 1 << 24


def checked_chunks(chunks: Iterable[Chunk], syntax: str = "plain") -> Iterator[Chunk]:
    """A file's chunks as they are checked, so that each gives what the whole text
    would: a chunk ending inside a ``lialia: disable`` block (its mask runs to the end)
    or inside a quotation of the Quran between ornate parentheses (it may close on a
    later line: :func:`lialia.tokenize.ends_in_quotation`; up to :data:`MAX_HELD_CHARS`)
    is joined to the next, and each carries the end of the text before it in
    :attr:`Chunk.before`, for the context rules of its first words.

    >>> [(c.text, c.before) for c in checked_chunks([Chunk("أ ب\\n", 0, 0), Chunk("ج\\n", 4, 1)])]
    [('أ ب\\n', ''), ('ج\\n', 'أ ب\\n')]
    """
    held: Chunk | None = None
    before = ""
    for chunk in chunks:
        if held is not None:
            chunk = Chunk(held.text + chunk.text, held.offset, held.line)
            held = None
        if "lialia" in chunk.text:
            masks = masked_spans(chunk.text, syntax)
            if masks and masks[-1][1] == len(chunk.text):
                held = chunk
                continue
        if len(chunk.text) < MAX_HELD_CHARS and ends_in_quotation(chunk.text):
            held = chunk  # a quotation of the Quran may close in the next chunk
            continue
        yield replace(chunk, before=before)
        before = (before + chunk.text[-BEFORE_CHARS:])[-BEFORE_CHARS:]
    if held is not None:  # the file ended inside a disabled block
        yield replace(held, before=before)
