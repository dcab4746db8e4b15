"""Project configuration: ``[tool.lialia]`` in ``pyproject.toml`` or a ``.lialia.toml``.

The file is looked for upward from the current folder; the first ``.lialia.toml``, or
``pyproject.toml`` that has a ``[tool.lialia]`` table, wins.  Its folder is the project
root, where the project word list ``.lialia-words.txt`` lives.  Keys (all optional)::

    lexicons = ["msa"]                 # shipped lexicons: "msa", "quran"
    extra-words = ["docs/names.txt"]   # more word files, relative to the config file
    exclude = ["vendor/**", "*.min.html"]
    ignore-patterns = ["[A-Z]{2,}-\\d+"]
    min-length = 2
    report-probable = true
    max-file-size = 256                # MB (2**20 bytes); larger files are refused
    strictness = "default"             # "default", "strict" or "lenient" (chat-like text)
    strict-hamza = true                # each rule on its own, over the preset:
    strict-final-ya = true             #   see lialia.lexicon.Strictness
    strict-taa-marbuta = true

Unknown keys and bad values raise :class:`~lialia.errors.ConfigError` naming the key and
the file.  Nothing here prints.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from types import ModuleType
from typing import Any

from .errors import (
    MB,
    ConfigError,
    FileChangedError,
    InputError,
    LialiaError,
    NotRegularFileError,
)
from .files import DEFAULT_MAX_FILE_SIZE, Snapshot, read_regular
from .lexicon import PRESETS, Strictness


def _toml() -> ModuleType:
    """The TOML parser, imported when a file is to be parsed: most runs find none."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


CONFIG_FILE = ".lialia.toml"
PYPROJECT = "pyproject.toml"
WORDS_FILE = ".lialia-words.txt"
WORDS_HEADER = "# Words lialia accepts in this project, one a line (add with: lialia words add)"

#: every key lialia reads, with the type it must have
KEYS: dict[str, str] = {
    "lexicons": "a list of lexicon names",
    "extra-words": "a list of word-file paths",
    "exclude": "a list of glob patterns",
    "ignore-patterns": "a list of regular expressions",
    "min-length": "a whole number of at least 1",
    "report-probable": "true or false",
    "max-file-size": "a whole number of megabytes, at least 1",
    "strictness": '"default", "strict" or "lenient"',
    "strict-hamza": "true or false",
    "strict-final-ya": "true or false",
    "strict-taa-marbuta": "true or false",
}
#: the keys of single strictness rules -> the field of :class:`Strictness` they set
STRICT_KEYS = {
    "strict-hamza": "hamza",
    "strict-final-ya": "final_ya",
    "strict-taa-marbuta": "taa_marbuta",
}


@dataclasses.dataclass(frozen=True, slots=True)
class Config:
    """Settings for one run; the defaults apply when no configuration file is found."""

    root: Path
    path: Path | None = None
    lexicons: tuple[str, ...] = ("msa",)
    extra_word_files: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = ()
    ignore_patterns: tuple[str, ...] = ()
    min_length: int = 2
    report_probable: bool = True
    #: the largest file read, in MB (2**20 bytes)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    #: which strict orthography rules are on (``strictness`` and ``strict-*`` keys)
    strictness: Strictness = PRESETS["default"]

    @property
    def max_file_bytes(self) -> int:
        """``max_file_size`` in bytes, as :func:`lialia.files.read_file` takes it."""
        return self.max_file_size * MB

    @property
    def words_file(self) -> Path:
        """The project word list, ``.lialia-words.txt`` at the project root."""
        return self.root / WORDS_FILE

    def words(self) -> tuple[str, ...]:
        """Every word from ``extra-words`` files and the project word list."""
        words: list[str] = []
        for file in self.extra_word_files:
            words += read_word_file(file, key="extra-words", config=self.path)
        if self.words_file.is_file():
            words += read_word_file(self.words_file, key=None, config=None)
        return tuple(words)


def read_word_file(path: Path, *, key: str | None, config: Path | None) -> list[str]:
    """Words of a word file: one a line, blank lines and ``#`` comments skipped."""
    return _word_lines(_read_word_text(path, key=key, config=config)[0])


def _word_lines(text: str) -> list[str]:
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]


def _reading_problem(error: LialiaError, what: str) -> str:
    """Why a file of the configuration (``what``: a word list, a configuration) could not
    be read: the error's own problem, but for a FIFO or a device, whose advice is that of
    a text to check (pipe it to lialia check -)."""
    if isinstance(error, NotRegularFileError):
        return f"not a regular file — {error.kind}; {what} must be a file"
    return error.problem if isinstance(error, InputError) else str(error)


def _read_word_text(path: Path, *, key: str | None, config: Path | None) -> tuple[str, bool]:
    """A word file's text, and whether it starts with a UTF-8 byte-order mark.  Only a
    regular file is read (a FIFO named as a word file must not hang the run)."""
    return _decoded_words(path, _read_word_bytes(path, key=key, config=config)[0], key)


def _read_word_bytes(
    path: Path, *, key: str | None, config: Path | None
) -> tuple[bytes, os.stat_result]:
    try:
        return read_regular(os.fspath(path))
    except LialiaError as e:
        where = display_path(config) if config else display_path(path)
        problem = _reading_problem(e, "a word list")
        raise ConfigError(
            where, key, f"cannot read word file {display_path(path)!r}: {problem}"
        ) from None


def _decoded_words(path: Path, raw: bytes, key: str | None) -> tuple[str, bool]:
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as e:
        offset = e.start + (len(codecs.BOM_UTF8) if bom else 0)
        raise ConfigError(
            display_path(path), key, f"not valid UTF-8 at byte {offset} — save it as UTF-8"
        ) from None
    return text, bom


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _has_lialia_table(pyproject: Path) -> bool:
    """Whether ``pyproject.toml`` has a ``tool.lialia`` key, in any TOML spelling
    (``[tool.lialia]``, ``[tool]`` with ``lialia = ...``, dotted keys).  A file that does
    not parse counts when it mentions ``tool.lialia`` (a table or dotted keys), so that
    its error is reported."""
    try:
        raw, _ = read_regular(os.fspath(pyproject))
        text = raw.decode("utf-8")
    except (LialiaError, UnicodeDecodeError):
        return False
    if "lialia" not in text:  # most pyproject.toml files: no need to parse them
        return False
    toml = _toml()
    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError:
        return re.search(r"tool\s*\.\s*[\"']?lialia", text) is not None
    tool = data.get("tool")
    if tool is None:
        return False
    return not isinstance(tool, dict) or "lialia" in tool  # not a table: an error to report


def find_config(start: Path) -> Path | None:
    """The nearest ``.lialia.toml`` or ``pyproject.toml`` with ``[tool.lialia]``, upward."""
    current = start.resolve()
    while True:
        candidate = current / CONFIG_FILE
        if candidate.is_file() or os.path.lexists(candidate):
            # not a regular file (a folder, a FIFO, a dangling link): an error to report,
            # never a reason to fall back on another folder's configuration
            return candidate
        pyproject = current / PYPROJECT
        if pyproject.is_file() and _has_lialia_table(pyproject):
            return pyproject
        if current.parent == current:
            return None
        current = current.parent


def find_root(start: Path) -> Path:
    """Project root without a configuration file: the nearest folder upward holding a
    ``.lialia-words.txt`` or ``.git``, else ``start`` itself."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / WORDS_FILE).exists() or (folder / ".git").exists():
            return folder
    return start


def _string_list(path: Path, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(display_path(path), key, f"must be {KEYS[key]}, not {value!r}")
    return tuple(value)


def _whole_number(path: Path, key: str, value: object) -> int:
    # bool is an int in Python: `min-length = true` must not read as 1
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(display_path(path), key, f"must be {KEYS[key]}, not {value!r}")
    return value


def parse(table: Mapping[str, Any], path: Path) -> Config:
    """Validate a ``[tool.lialia]`` table (or a ``.lialia.toml``) read from ``path``."""
    for key in table:
        if key not in KEYS:
            import difflib  # only for a mistyped key

            close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(KEYS)}"
            raise ConfigError(display_path(path), key, f"unknown key — {hint}")
    base = path.parent
    settings: dict[str, Any] = {}
    if "lexicons" in table:
        lexicons = _string_list(path, "lexicons", table["lexicons"])
        if not lexicons:
            raise ConfigError(display_path(path), "lexicons", "must name at least one lexicon")
        settings["lexicons"] = lexicons
    if "extra-words" in table:
        files = _string_list(path, "extra-words", table["extra-words"])
        settings["extra_word_files"] = tuple(base / f for f in files)
    if "exclude" in table:
        settings["exclude"] = _string_list(path, "exclude", table["exclude"])
    if "ignore-patterns" in table:
        patterns = _string_list(path, "ignore-patterns", table["ignore-patterns"])
        # imported here: a configuration without patterns never loads the regex engine
        import regex

        for pattern in patterns:
            try:
                regex.compile(pattern)
            except regex.error as e:
                raise ConfigError(
                    display_path(path), "ignore-patterns", f"{pattern!r} is not a valid regex: {e}"
                ) from None
        settings["ignore_patterns"] = patterns
    if "min-length" in table:
        settings["min_length"] = _whole_number(path, "min-length", table["min-length"])
    if "max-file-size" in table:
        settings["max_file_size"] = _whole_number(path, "max-file-size", table["max-file-size"])
    if "report-probable" in table:
        value = table["report-probable"]
        if not isinstance(value, bool):
            raise ConfigError(
                display_path(path),
                "report-probable",
                f"must be {KEYS['report-probable']}, not {value!r}",
            )
        settings["report_probable"] = value
    if "strictness" in table or any(key in table for key in STRICT_KEYS):
        settings["strictness"] = _strictness(path, table)
    return Config(root=base, path=path, **settings)


def _strictness(path: Path, table: Mapping[str, Any]) -> Strictness:
    """The preset of ``strictness`` (default: ``"default"``) with the ``strict-*`` keys
    of the table over it."""
    name = table.get("strictness", "default")
    if not isinstance(name, str) or name not in PRESETS:
        raise ConfigError(
            display_path(path), "strictness", f"must be {KEYS['strictness']}, not {name!r}"
        )
    rules: dict[str, bool] = {}
    for key, field_name in STRICT_KEYS.items():
        if key in table:
            value = table[key]
            if not isinstance(value, bool):
                raise ConfigError(display_path(path), key, f"must be {KEYS[key]}, not {value!r}")
            rules[field_name] = value
    return dataclasses.replace(PRESETS[name], **rules)


def load_file(path: Path) -> Config:
    """Read and validate one configuration file."""
    toml = _toml()
    try:
        # a regular file only: a FIFO would hang the run, /dev/zero fill memory
        raw, _ = read_regular(os.fspath(path))
        # an editor's byte-order mark is no part of the TOML
        data = toml.loads(raw.removeprefix(codecs.BOM_UTF8).decode("utf-8"))
    except LialiaError as e:
        problem = _reading_problem(e, "a configuration")
        raise ConfigError(display_path(path), None, f"cannot read: {problem}") from None
    except toml.TOMLDecodeError as e:
        raise ConfigError(display_path(path), None, f"invalid TOML: {e}") from None
    except UnicodeDecodeError as e:
        offset = e.start + (3 if raw.startswith(codecs.BOM_UTF8) else 0)
        raise ConfigError(display_path(path), None, f"not valid UTF-8 at byte {offset}") from None
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(display_path(path), "tool", f"must be a table, not {tool!r}")
        table = tool.get("lialia", {})
        if not isinstance(table, dict):
            raise ConfigError(display_path(path), "tool.lialia", f"must be a table, not {table!r}")
    else:
        table = data
    return parse(table, path)


def load(start: Path | None = None, explicit: Path | None = None) -> Config:
    """The configuration for a run started in ``start`` (default: the current folder)."""
    start = Path.cwd() if start is None else start
    path = explicit if explicit is not None else find_config(start)
    if path is None:
        return Config(root=find_root(start))
    if explicit is not None and not os.path.lexists(explicit):
        raise ConfigError(display_path(explicit), None, "no such configuration file")
    if path.is_symlink() and not path.exists():
        shown = os.path.relpath(path)  # the link itself: display_path would follow it
        missing = os.readlink(path)
        raise ConfigError(shown, None, f"a symlink to {missing}, which does not exist")
    return load_file(path.resolve() if explicit is None else path)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _newline(text: str) -> str:
    """The line ending a file uses (that of its first line), ``\n`` if it has none."""
    end = text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


#: how long ``add_words`` waits for another process writing the same word list (seconds)
LOCK_WAIT = 30.0
#: how often ``add_words`` reads, merges and writes a word list that someone else (an
#: editor, a process that takes no lock) keeps changing between its read and its write
WRITE_ATTEMPTS = 5


@contextlib.contextmanager
def _writers_lock(words_file: Path) -> Iterator[None]:
    """Held by whoever reads and rewrites the word list, so that two ``lialia words add``
    (or an editor's *Add to word list* and a terminal's) never both write what they read
    before the other's write: an advisory lock (``flock``) on the folder that holds the
    list's file, the target of a symlink.  The folder, not the list: the list may not
    exist yet, a write replaces its inode (a lock on it would be lost with the old
    inode), it may be read-only, and a lock file beside it would be clutter in the
    project.  Where there is no ``flock`` (Windows) or the file system refuses it (some
    network ones), nothing is locked: a write is still refused when the list changed
    since it was read, and ``add_words`` then reads it again."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(os.path.dirname(os.path.realpath(words_file)), os.O_RDONLY)
    except OSError:  # no such folder: the write says what is wrong
        yield
        return
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                # never blocking: Ctrl-C is held while the list is written (and would not
                # end the wait), so a list kept locked by a stuck process ends in an error
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ConfigError(
                        display_path(words_file),
                        None,
                        f"another process has been writing it for {LOCK_WAIT:.0f} s; "
                        "nothing written — try again",
                    ) from None
                time.sleep(0.005)
            except OSError:  # no locks on this file system: the snapshot check remains
                break
        yield
    finally:
        os.close(fd)  # which releases the lock


def add_words(
    words_file: Path,
    words: Iterable[str],
    *,
    writing: Callable[[], AbstractContextManager[None]] = contextlib.nullcontext,
) -> list[str]:
    """Add words to a project word list (created if missing), kept sorted and unique.

    Comment lines stay at the top in their order; the file's byte-order mark and line
    endings are kept.  Returns the words that were new.

    A word list that is a symlink is written through (the link stays a link) only when it
    points inside the project root (the word list's folder); a link that leaves the project
    is refused with a :class:`ConfigError` saying where it points, so that ``words add``
    never rewrites a file outside the project.

    Processes adding at once are served one after the other (see :func:`_writers_lock`),
    and each reads the list again before writing it: no word added is lost, nor any
    line someone else wrote meanwhile.  ``writing`` is entered around each write alone
    (the command line holds Ctrl-C there), not while another writer is waited for.
    """
    if words_file.is_symlink():
        root = words_file.parent.resolve()
        target = words_file.resolve()
        if not _inside(target, root):
            raise ConfigError(
                display_path(words_file),
                None,
                f"is a symlink to {target}, outside the project; nothing written — "
                "replace the link by a file, or add the words to the file it points to",
            )
    words = [word.strip() for word in words]
    for word in words:
        if not word or any(ch.isspace() for ch in word):
            raise ConfigError(display_path(words_file), None, f"{word!r} is not a single word")
    with _writers_lock(words_file):
        attempt = 1
        while True:
            try:
                return _merge_words(words_file, words, writing)
            except FileChangedError:  # written by someone who takes no lock: read it again
                if attempt == WRITE_ATTEMPTS:
                    raise
                attempt += 1


def _merge_words(
    words_file: Path,
    words: Sequence[str],
    writing: Callable[[], AbstractContextManager[None]] = contextlib.nullcontext,
) -> list[str]:
    """One read of the word list, and its write with ``words`` added, refused (a
    :class:`~lialia.errors.FileChangedError`) if the list changed in between."""
    from .fix import write_atomic  # write_atomic needs files, which needs nothing here

    comments: list[str] = []
    existing: list[str] = []
    newline, bom = "\n", False
    snapshot: Snapshot | None = None
    exists = words_file.exists()
    if exists:
        raw, st = _read_word_bytes(words_file, key=None, config=None)
        snapshot = Snapshot.of(st, raw)
        text, bom = _decoded_words(words_file, raw, None)
        newline = _newline(text)
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                comments.append(line)
            elif stripped:
                existing.append(stripped)
    else:
        comments.append(WORDS_HEADER)
    known = set(existing)
    added: list[str] = []
    for word in words:
        if word not in known:
            known.add(word)
            added.append(word)
    if added or not exists:
        text = newline.join([*comments, *sorted(known)]) + newline
        data = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
        # named in messages as the other errors name it: relative to the current folder
        shown = display_path(words_file)
        if not exists and os.path.lexists(os.path.realpath(words_file)):
            raise FileChangedError(shown)  # created meanwhile: not overwritten
        with writing():
            write_atomic(shown, data, expected=snapshot)
    return added
