"""The one family of exceptions lialia raises; the CLI turns each into a message and exit 2."""

from __future__ import annotations

#: one megabyte as ``max-file-size`` counts it (2**20 bytes)
MB = 1 << 20


class LialiaError(Exception):
    """Base class: anything lialia reports to a user as a one-line error."""


class UnknownLexiconError(LialiaError, ValueError):
    """A lexicon name that lialia does not ship."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        super().__init__(f"unknown lexicon {name!r}: choose one of {', '.join(known)}")


class DictionaryFormatError(LialiaError):
    """A word list whose header or lines are not in lialia's format."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        self.path = path
        self.line = line
        super().__init__(f"{path}:{line}: {problem}")


class ConfigError(LialiaError):
    """A configuration file that cannot be used: bad TOML, an unknown key or a bad value."""

    def __init__(self, path: str, key: str | None, problem: str) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        where = f"{path}: key {key!r}" if key else path
        super().__init__(f"{where}: {problem}")


class InputError(LialiaError):
    """A path that cannot be checked: missing, unreadable, a symlink loop, not decodable."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class DecodeError(InputError):
    """Bytes that are not valid in the file's encoding; ``offset`` is the first bad byte."""

    def __init__(self, path: str, encoding: str, offset: int) -> None:
        self.encoding = encoding
        self.offset = offset
        super().__init__(
            path,
            f"not valid {encoding} at byte {offset} — pass --encoding with the file's encoding",
        )


class FileChangedError(InputError):
    """A file that changed on disk between reading it and writing the fix back."""

    def __init__(self, path: str) -> None:
        super().__init__(path, "changed since it was read; nothing written — run lialia again")


class InvalidPatternError(LialiaError, ValueError):
    """An ignore pattern that is not a valid regular expression."""

    def __init__(self, pattern: str, problem: str) -> None:
        self.pattern = pattern
        super().__init__(f"invalid ignore pattern {pattern!r}: {problem}")


class NotRegularFileError(InputError):
    """A path named on the command line that is a FIFO, a device or a socket: reading it
    could block forever or never end, so lialia refuses it (``-`` reads standard input)."""

    def __init__(self, path: str, kind: str) -> None:
        self.kind = kind
        super().__init__(
            path,
            f"not a regular file — {kind}; to check what it carries, pipe it to lialia check -",
        )


class FileTooLargeError(InputError):
    """A file larger than the configured ``max-file-size`` (in MB)."""

    def __init__(self, path: str, limit: int, head: bytes = b"") -> None:
        self.limit = limit
        #: what was read of a stream before it passed the limit (the rest is unread)
        self.head = head
        mb = limit // MB
        super().__init__(
            path,
            f"larger than {mb} MB (max-file-size) — raise max-file-size in the configuration "
            "or leave the file out",
        )


class ReadOnlyFileError(InputError):
    """A file whose owner has no write permission: ``--fix`` leaves it alone, even as root."""

    def __init__(self, path: str, mode: int) -> None:
        self.mode = mode
        super().__init__(
            path,
            f"read-only (mode {mode:04o}); nothing written — make it writable (chmod u+w) "
            "to fix it",
        )
