"""The compiled-index cache: where compiled word lists live, and when a process may trust them.

A shipped list (``msa.tsv``) is compiled once into marisa tries that later processes
memory-map.  A memory-mapped trie is executed, not parsed: marisa follows whatever
offsets the file holds, so a flipped byte can crash the process and a foreign file can
answer for the wrong list.  Nothing in the cache is therefore mapped before it is checked:

* each compiled list is a folder ``<name>-<INDEX_VERSION>-<key>`` (``key`` names the
  source file's path, so two installations never fight over one folder) holding its
  files and a ``manifest`` written last: the list's name, the index version, the
  source's path, SHA-256 and ``stat`` identity, and each file's size and CRC-32;
* on every load the manifest must name this list, this version and this source, and
  every file its size and CRC-32 (about 4 ms for msa's 20 MB, where SHA-256 takes 11;
  a file the spec defers, msa's 15 MB deletion trie, is checked when first used, so a
  run that searches no suggestion never reads it); the folder and its files must be
  ours, not symlinks, not writable by others;
* a file whose CRC-32 was found right is *stamped*: its size, mtime, ctime, inode and
  device are kept beside the folder (in ``.stamps/<folder>``), and a process that finds
  the file with the same stamp, the same promise in the manifest, takes it as checked
  without reading it.  Every write to a file (a flipped byte, a truncation, a copy or a
  rename over it) gives it a new ctime, which no process can set back, or a new inode;
  this is the promise Python itself relies on for its ``.pyc`` files, and git for its
  index.  A file changed in the last :data:`SETTLED_NS` is not stamped (a change within
  one tick of the file system's clock could keep its ctime), so it is read again;
* the source is hashed only when its ``stat`` identity (size, mtime, ctime, inode,
  device) differs from the manifest's: an edited list is recompiled, a touched one is
  not, and an ordinary start reads no word list at all;
* anything else (damaged, truncated, foreign, another list's files) is rebuilt under a
  lock and published with one rename, so no process maps a half-written folder.

A copy compiled when the package was built ships inside it (``dictionaries/compiled/
<name>/``, :func:`write_shipped`) with the same manifest, except that it names its
source by file name and size (the installer gives the installed list a new path and
``stat`` identity).  It is checked like a cache folder and never written to (the
package's folder may be read-only): the first process that meets it hashes the
installed list once, and records in the cache a *seal*, a folder holding only a
manifest that names the installed list's identity and the shipped folder, so that
later processes map the shipped files after the same size and CRC-32 checks, without
hashing the list.  A shipped copy that fails any check, or whose list has changed (an
editable install whose ``dictionaries/*.tsv`` was edited), is ignored: the list is
compiled into the cache as before.

A cache root that is not a folder, belongs to another user, is writable by others or
cannot be written when a build is needed is replaced by a private folder under the
temporary directory (``lialia-<uid>``, mode 0700), which later runs reuse; what happened
is kept as data (:func:`cache_fallback`) for a front end to report.  The core never
prints.
"""

from __future__ import annotations

import io
import os
import re
import stat
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

#: bump when the compiled layout changes, so stale caches are not read
INDEX_VERSION = "5"
MANIFEST = "manifest"
_MAGIC = "#lialia-index"
_END = "end"
#: staging folders of killed compiles are removed once this old (a compile takes seconds)
STALE_STAGING_SECONDS = 3600
# a staging or trash folder: "." + a name + "-" + tempfile.mkdtemp's eight characters
# (a list's name may hold hyphens: strict-hamza)
_STAGING = re.compile(r"\.[a-z]+(?:-[a-z]+)*-[a-z0-9_]{8}")
_CHUNK = 1 << 20
_MAX_MANIFEST = 1 << 16
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
#: the folder of the cache root where each cache folder's stamps are kept, one file each
STAMPS = ".stamps"
#: a file is stamped only when its last change is this much older than its check (ns)
SETTLED_NS = 2_000_000_000
T = TypeVar("T")


@dataclass(frozen=True)
class CacheFallback:
    """The cache folder could not be used: which one, why, and what was used instead."""

    #: the cache root lialia was asked to use (``$LIALIA_CACHE_DIR`` or the default)
    wanted: Path
    #: why not, e.g. ``"is not a folder"``, ``"belongs to another user (uid 12345)"``
    reason: str
    #: the folder used instead: the private one, or (when that cannot be used either)
    #: the package's shipped copy; None when the lists were compiled for this process
    #: alone (no folder could be used at all)
    used: Path | None

    def __str__(self) -> str:
        instead = f"using {self.used}" if self.used else "compiling in memory"
        return f"index cache {self.wanted} {self.reason}: {instead}"


_fallback: CacheFallback | None = None


def cache_fallback() -> CacheFallback | None:
    """What this process used instead of the cache folder, or None when it used it.

    A front end may show it once (``str()`` gives a one-line note)."""
    return _fallback


def cache_root() -> Path:
    """Where compiled indexes live: ``$LIALIA_CACHE_DIR``, else the user's cache folder."""
    if env := os.environ.get("LIALIA_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lialia"


def private_root() -> Path:
    """The per-user fallback folder under the temporary directory: ``lialia-<uid>``."""
    import tempfile

    return Path(tempfile.gettempdir()) / f"lialia-{_uid() if _uid() is not None else 'user'}"


def _uid() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def _trusted(owner: int) -> bool:
    """Files of ours or root's may be mapped; another user's never."""
    uid = _uid()
    return uid is None or owner in (uid, 0)


def _root_problem(root: Path, *, private: bool = False, tighten: bool = False) -> str | None:
    """Why ``root`` cannot hold the cache, or None when it can (it is created if missing).

    The root may be a symlink (``~/.cache`` often is) as long as the link and its target
    are ours.  The private fallback must be a real folder of ours, mode 0700.  With
    ``tighten`` (lialia's own default folder, never a folder the user named) a folder of
    ours that others may write to is made private instead of refused."""
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:
        return "is not a folder"
    except OSError as error:
        return f"cannot be created ({error.strerror or error})"
    try:
        link = os.lstat(root)
        target = os.stat(root)
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if not stat.S_ISDIR(target.st_mode):
        return "is not a folder"
    for found in (link, target):
        if not _trusted(found.st_uid):
            return f"belongs to another user (uid {found.st_uid})"
    if private and (stat.S_ISLNK(link.st_mode) or link.st_uid != _uid()):
        return "is not a private folder"
    loose = 0o077 if private else 0o022
    if target.st_mode & loose:
        if target.st_uid == _uid() and (private or tighten) and not stat.S_ISLNK(link.st_mode):
            # a folder of ours that an older lialia (or a umask of 002) left group-writable:
            # tighten it rather than fall back on every run; what others may have put in
            # it is checked entry by entry anyway
            try:
                os.chmod(root, stat.S_IMODE(target.st_mode) & ~loose)
                return None
            except OSError:
                pass
        return "is writable by other users"
    return None


# -- the manifest -------------------------------------------------------------------------


#: called with a list's name just before it is compiled (see :func:`on_compile`)
_compile_hook: Callable[[str], None] | None = None


def on_compile(hook: Callable[[str], None] | None) -> None:
    """Have ``hook(name)`` called just before a list is compiled, which takes seconds
    (msa's), so that a front end can say why it waits; None removes the hook.

    The core never prints: only the compile itself knows it is about to happen."""
    global _compile_hook
    _compile_hook = hook


def _compiling(name: str) -> None:
    if _compile_hook is not None:
        _compile_hook(name)


@dataclass(frozen=True)
class _Manifest:
    name: str
    #: the source's absolute path; a shipped copy's manifest gives its file name only
    source: str
    sha256: str
    #: the source's ``stat`` identity; a shipped copy's gives its size only
    identity: tuple[int, ...]
    files: dict[str, tuple[int, int]]  # file name -> (size, crc32)
    #: a seal's: the absolute path of the shipped folder that holds the files
    shipped: str | None = None


def _identity(found: os.stat_result) -> tuple[int, ...]:
    """What changes when a file is rewritten: size, mtime, ctime, inode, device."""
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)


def _format_manifest(manifest: _Manifest) -> str:
    lines = [
        f"{_MAGIC} v{INDEX_VERSION} {manifest.name}",
        # the path as hex bytes: any path survives, tabs and newlines included
        f"source\t{os.fsencode(manifest.source).hex()}",
        f"sha256\t{manifest.sha256}",
        "identity\t" + "\t".join(map(str, manifest.identity)),
    ]
    if manifest.shipped is not None:
        lines.append(f"shipped\t{os.fsencode(manifest.shipped).hex()}")
    for filename, (size, crc) in sorted(manifest.files.items()):
        lines.append(f"file\t{filename}\t{size}\t{crc}")
    text = "\n".join(lines) + "\n"
    # the manifest checks itself too: a flipped digit in it is not a different promise
    return f"{text}{_END}\t{zlib.crc32(text.encode('utf-8'))}\n"


def _parse_manifest(text: str, name: str) -> _Manifest | None:
    """The manifest in ``text`` if it is complete and for this version of list ``name``."""
    body, _, last = text[:-1].rpartition("\n")
    body += "\n"
    if last != f"{_END}\t{zlib.crc32(body.encode('utf-8'))}" or not text.endswith("\n"):
        return None
    lines = body.split("\n")
    if lines[0] != f"{_MAGIC} v{INDEX_VERSION} {name}":
        return None
    fields: dict[str, list[str]] = {}
    files: dict[str, tuple[int, int]] = {}
    try:
        for line in lines[1:-1]:
            key, *values = line.split("\t")
            if key == "file":
                filename, size, crc = values
                files[filename] = (int(size), int(crc))
            else:
                fields[key] = values
        return _Manifest(
            name,
            os.fsdecode(bytes.fromhex(fields["source"][0])),
            fields["sha256"][0],
            tuple(int(v) for v in fields["identity"]),
            files,
            os.fsdecode(bytes.fromhex(fields["shipped"][0])) if "shipped" in fields else None,
        )
    except (KeyError, ValueError, IndexError):
        return None


def _open_checked(path: Path) -> int | None:
    """A read-only descriptor of ``path`` if it is a regular file of ours, not a symlink."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    found = os.fstat(fd)
    if stat.S_ISREG(found.st_mode) and _trusted(found.st_uid):
        return fd
    os.close(fd)
    return None


def _crc32(fd: int) -> int:
    """CRC-32 of a file's bytes, read in 1 MiB pieces (no copy of the whole file)."""
    buffer = bytearray(_CHUNK)
    view = memoryview(buffer)
    crc = 0
    with io.FileIO(fd, closefd=False) as handle:
        while count := handle.readinto(buffer):
            crc = zlib.crc32(view[:count], crc)
    return crc


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _file_summary(path: Path) -> tuple[int, int]:
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    try:
        return os.fstat(fd).st_size, _crc32(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class IndexSpec:
    """One shipped list's compiled form: its name, source and files, and how to build them."""

    name: str
    source: Path
    files: tuple[str, ...]
    #: writes ``files`` into an existing empty folder
    compile_into: Callable[[Path], None]
    #: files checked on first use rather than on every load (large ones a run may never
    #: read: msa's deletion trie is 15 of its 20 MB and serves only suggestions)
    deferred: tuple[str, ...] = ()
    #: the folder of the copy compiled when the package was built, if it ships one
    shipped: Path | None = None

    def folder_in(self, root: Path) -> Path:
        """The list's folder under a cache root."""
        # a short name for the source's path (CRC-32: hashlib's import alone costs a few
        # ms); two paths that collide share a folder and are told apart by the manifest
        key = zlib.crc32(os.fsencode(os.path.abspath(self.source)))
        return root / f"{self.name}-{INDEX_VERSION}-{key:08x}"


def _verify(
    spec: IndexSpec, folder: Path, source: os.stat_result, *, check_all: bool = False
) -> _Manifest | None:
    """The folder's manifest if every check passes; None for a folder to rebuild.

    The spec's deferred files are left to :func:`deferred_file` unless ``check_all``.
    The returned manifest's identity may differ from the source's: the list was touched
    but its content is the same (the caller then records the new identity)."""
    try:
        return _checked_manifest(spec, folder, source, check_all)
    except OSError:  # an unreadable file is as good as a damaged one
        return None


def _folder_ok(folder: Path, *, own_group: bool = False) -> bool:
    """True for a real folder (not a symlink) of ours or root's that others cannot write.

    With ``own_group`` (a shipped copy, installed with the installer's umask: 002 on
    systems that give each user a group of their own) a folder of ours that only our
    own group may write to is accepted too."""
    try:
        found = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(found.st_mode) or not _trusted(found.st_uid) or found.st_mode & 0o002:
        return False
    if found.st_mode & 0o020:
        return own_group and found.st_uid == _uid() and found.st_gid == os.getgid()
    return True


def _checked_manifest(
    spec: IndexSpec, folder: Path, source: os.stat_result, check_all: bool
) -> _Manifest | None:
    if not _folder_ok(folder):
        return None
    manifest = _read_manifest(folder, spec.name)
    if (
        manifest is None
        or manifest.source != os.path.abspath(spec.source)
        or set(manifest.files) != set(spec.files)
    ):
        return None
    files_at = folder
    if manifest.shipped is not None:
        # a seal: the files are those of this installation's shipped copy
        if spec.shipped is None or manifest.shipped != os.path.abspath(spec.shipped):
            return None
        files_at = spec.shipped
        if not _folder_ok(files_at, own_group=True):
            return None
    if manifest.identity != _identity(source) and manifest.sha256 != _sha256(spec.source):
        return None  # the list changed since it was compiled
    stamps = _Stamps(_stamps_path(folder))
    _stamped[Path(os.path.abspath(files_at))] = stamps.path
    return manifest if _files_match(spec, files_at, manifest, check_all, stamps) else None


def _files_match(
    spec: IndexSpec,
    folder: Path,
    manifest: _Manifest,
    check_all: bool,
    stamps: _Stamps | None = None,
) -> bool:
    """True when each file of ``folder`` (the deferred ones only with ``check_all``) has
    the size and CRC-32 that ``manifest`` gives it (or the stamp of a file found so)."""
    matched = all(
        _matches(folder, filename, summary, stamps)
        for filename, summary in manifest.files.items()
        if check_all or filename not in spec.deferred
    )
    if matched and stamps is not None:
        stamps.save()
    return matched


def _shipped_manifest(
    spec: IndexSpec, source: os.stat_result, check_all: bool
) -> _Manifest | None:
    """The manifest of the copy shipped with the package, if it is this list's, compiled
    from the installed list's content (hashed here: a seal spares later processes
    that), and intact; None when there is no such copy or it fails any check."""
    try:
        if spec.shipped is None or not _folder_ok(spec.shipped, own_group=True):
            return None
        manifest = _read_manifest(spec.shipped, spec.name)
        if (
            manifest is None
            or manifest.shipped is not None
            or manifest.source != spec.source.name
            or manifest.identity != (source.st_size,)
            or set(manifest.files) != set(spec.files)
            or manifest.sha256 != _sha256(spec.source)
        ):
            return None
        return manifest if _files_match(spec, spec.shipped, manifest, check_all) else None
    except OSError:
        return None


def _read_manifest(folder: Path, name: str) -> _Manifest | None:
    """The folder's manifest for list ``name``, if it is a file of ours and intact."""
    fd = _open_checked(folder / MANIFEST)
    if fd is None:
        return None
    try:
        raw = os.read(fd, _MAX_MANIFEST)
    finally:
        os.close(fd)
    try:
        return _parse_manifest(raw.decode("utf-8"), name)
    except UnicodeDecodeError:
        return None


def _matches(
    folder: Path, filename: str, summary: tuple[int, int], stamps: _Stamps | None = None
) -> bool:
    """True when the file is a regular file of ours with the manifest's size and CRC-32:
    read and summed, unless ``stamps`` holds the stamp it has now (see :class:`_Stamps`)."""
    fd = _open_checked(folder / filename)
    if fd is None:
        return False
    try:
        found = os.fstat(fd)
        if found.st_size != summary[0]:
            return False
        stamp = (*summary, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)
        if stamps is not None and stamps.vouch(filename, stamp):
            return True
        if _crc32(fd) != summary[1]:
            return False
        if stamps is not None:
            stamps.record(filename, stamp, found)
        return True
    finally:
        os.close(fd)


def _stamps_path(folder: Path) -> Path:
    """Where a cache folder's stamps are kept: outside it, so that the folder stays
    exactly what was compiled (or sealed)."""
    return folder.parent / STAMPS / folder.name


#: the stamps file of each folder of mapped files (a shipped copy's is its seal's), for
#: the deferred files checked after the load
_stamped: dict[Path, Path] = {}


class _Stamps:
    """The files of one folder found intact, each with the stamp it had then: the
    manifest's size and CRC-32 for it, and its mtime, ctime, inode and device.

    Kept in one small file of the cache root, itself checked (a CRC-32 line last, as the
    manifest); anything wrong with it only means that the files are read again."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known = _read_stamps(path)
        self.fresh: dict[str, tuple[int, ...]] = {}

    def vouch(self, filename: str, stamp: tuple[int, ...]) -> bool:
        """True when the file was found intact with this very stamp."""
        return self.known.get(filename) == stamp

    def record(self, filename: str, stamp: tuple[int, ...], found: os.stat_result) -> None:
        """Remember a file just found intact, once it has not changed for a while."""
        if time.time_ns() - max(found.st_mtime_ns, found.st_ctime_ns) >= SETTLED_NS:
            self.fresh[filename] = stamp

    def save(self) -> None:
        """Write the stamps, the new ones added, in one rename (if the root allows)."""
        if not self.fresh:
            return
        stamps = {**self.known, **self.fresh}
        lines = [f"{_MAGIC} v{INDEX_VERSION} stamps"]
        lines += ["\t".join(["file", name, *map(str, stamp)]) for name, stamp in stamps.items()]
        text = "\n".join(lines) + "\n"
        temporary = self.path.with_name(f".{self.path.name}-{os.getpid()}")
        try:
            self.path.parent.mkdir(mode=0o700, exist_ok=True)
            if not _folder_ok(self.path.parent):
                return
            temporary.write_text(f"{text}{_END}\t{zlib.crc32(text.encode())}\n", "utf-8")
            os.replace(temporary, self.path)
        except OSError:
            _remove(temporary)
        self.known, self.fresh = stamps, {}


def _read_stamps(path: Path) -> dict[str, tuple[int, ...]]:
    """The stamps kept in ``path``; none when it is missing, not ours or damaged."""
    fd = _open_checked(path) if _folder_ok(path.parent) else None
    if fd is None:
        return {}
    try:
        text = os.read(fd, _MAX_MANIFEST).decode("utf-8")
        body, _, last = text[:-1].rpartition("\n")
        body += "\n"
        lines = body.split("\n")[:-1]
        if last != f"{_END}\t{zlib.crc32(body.encode())}" or lines[0] != (
            f"{_MAGIC} v{INDEX_VERSION} stamps"
        ):
            return {}
        stamps = {}
        for line in lines[1:]:
            key, name, *values = line.split("\t")
            if key == "file" and len(values) == 6:
                stamps[name] = tuple(int(value) for value in values)
        return stamps
    except (OSError, UnicodeDecodeError, ValueError, IndexError):
        return {}
    finally:
        os.close(fd)


def deferred_file(
    spec: IndexSpec, folder: Path, filename: str, open_file: Callable[[Path], T]
) -> T:
    """``open_file(path)`` of a deferred file of a folder that :func:`open_index` loaded,
    once the file is checked against the folder's manifest.  A file that fails is
    rebuilt with its whole list (the rest was checked at load and stays mapped; the
    build is deterministic, so old and new files agree).  Callers hold a lock."""
    try:
        manifest = _read_manifest(folder, spec.name)
        path = _stamped.get(Path(os.path.abspath(folder)))
        stamps = _Stamps(path) if path is not None else None
        if manifest and _matches(
            folder, filename, manifest.files.get(filename, (-1, -1)), stamps
        ):
            if stamps is not None:
                stamps.save()
            return open_file(folder / filename)
    except OSError:
        pass  # unreadable: rebuild
    return open_index(spec, lambda rebuilt, lazy: open_file(rebuilt / filename), check_all=True)


def _write_manifest(folder: Path, manifest: _Manifest) -> None:
    """Write (or replace) the manifest in one rename."""
    temporary = folder / f".{MANIFEST}-{os.getpid()}"
    temporary.write_text(_format_manifest(manifest), encoding="utf-8")
    os.replace(temporary, folder / MANIFEST)


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the cache root (where ``fcntl`` exists), so racing
    processes build a list once and never replace a folder another has just built.
    The folder itself is locked, so no lock file is left behind."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the rename alone decides races
        yield
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _remove(path: Path) -> None:
    import shutil

    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except OSError:
            pass


def _clean(root: Path, spec: IndexSpec, keep: Path | None) -> None:
    """Remove from ``root`` staging folders of killed compiles (older than an hour) and,
    when ``keep`` is given, the list's folders that it replaces: older layouts and those
    compiled from a list that no longer exists."""
    now = time.time()
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for entry in entries:
        try:
            found = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(found.st_mode) or not _trusted(found.st_uid):
            continue
        path = Path(entry.path)
        if _STAGING.fullmatch(entry.name):
            if now - found.st_mtime > STALE_STAGING_SECONDS:
                _remove(path)
        elif keep is not None and entry.name.startswith(f"{spec.name}-") and path != keep:
            if _superseded(path, os.path.abspath(spec.source)):
                _remove(path)
                _remove(_stamps_path(path))


def _superseded(folder: Path, source: str) -> bool:
    """True for a folder of an older layout, or built from ``source`` (which the caller
    has just rebuilt), or from a list that is gone."""
    try:
        head = (folder / MANIFEST).read_bytes()[:_MAX_MANIFEST].decode("utf-8", "replace")
    except OSError:
        return True  # no manifest: an older layout (or a build that never finished)
    lines = head.split("\n")
    if not lines[0].startswith(_MAGIC + " "):
        return True
    for line in lines:
        if line.startswith("source\t"):
            try:
                built_from = os.fsdecode(bytes.fromhex(line[len("source\t") :]))
            except ValueError:
                return True
            return built_from == source or not os.path.exists(built_from)
    return True


def _compile(spec: IndexSpec, folder: Path) -> dict[str, tuple[int, int]]:
    """Compile the list into ``folder``; each file's size and CRC-32."""
    _compiling(spec.name)
    spec.compile_into(folder)
    return {filename: _file_summary(folder / filename) for filename in spec.files}


def _build(spec: IndexSpec, root: Path, folder: Path, source: os.stat_result) -> _Manifest:
    """Compile into a staging folder in ``root`` and publish it as ``folder``."""

    def fill(staging: Path) -> _Manifest:
        files = _compile(spec, staging)
        manifest = _Manifest(
            spec.name, os.path.abspath(spec.source), _sha256(spec.source), _identity(source), files
        )
        _write_manifest(staging, manifest)
        return manifest

    return _publish(spec, root, folder, fill)


def _seal_of(spec: IndexSpec, source: os.stat_result, shipped: _Manifest) -> _Manifest:
    """A seal: the manifest of a cache folder that holds no files, saying that the
    shipped copy's (``shipped`` was checked) are the installed list's compiled form."""
    assert spec.shipped is not None
    return _Manifest(
        spec.name,
        os.path.abspath(spec.source),
        shipped.sha256,
        _identity(source),
        shipped.files,
        os.path.abspath(spec.shipped),
    )


def _seal(
    spec: IndexSpec, root: Path, folder: Path, source: os.stat_result, shipped: _Manifest
) -> _Manifest:
    """Publish the seal of the shipped copy as ``folder``."""
    seal = _seal_of(spec, source, shipped)

    def fill(staging: Path) -> _Manifest:
        _write_manifest(staging, seal)
        return seal

    return _publish(spec, root, folder, fill)


def _publish(
    spec: IndexSpec, root: Path, folder: Path, fill: Callable[[Path], _Manifest]
) -> _Manifest:
    """``fill`` a staging folder in ``root``, then make it ``folder`` in one rename."""
    import tempfile

    staging = Path(tempfile.mkdtemp(prefix=f".{spec.name}-", dir=root))
    try:
        manifest = fill(staging)
        _remove(_stamps_path(folder))  # a new folder's files are checked anew
        if os.path.lexists(folder):
            # a damaged or foreign folder: a folder cannot be renamed over a non-empty one,
            # so move it aside in one step, then delete it
            trash = Path(tempfile.mkdtemp(prefix=".trash-", dir=root))
            os.replace(folder, trash / "old")
            _remove(trash)
        os.replace(staging, folder)
        return manifest
    finally:
        if staging.exists():
            _remove(staging)


def _open_in(
    spec: IndexSpec,
    root: Path,
    source: os.stat_result,
    load: Callable[[Path, bool], T],
    check_all: bool,
) -> T | None:
    """The list loaded from ``root``, else from the shipped copy (sealed in ``root``),
    else compiled into ``root``; None when none of these can be done."""
    folder = spec.folder_in(root)
    _clean(root, spec, keep=None)
    writable = os.access(root, os.W_OK | os.X_OK)
    for attempt in range(2):
        manifest = _verify(spec, folder, source, check_all=check_all)
        if manifest is None and not attempt:
            manifest = _take_shipped(spec, root, folder, source, check_all, writable)
        if manifest is None:
            if not writable:
                return None
            try:
                with _locked(root):
                    # another process may have built it while this one waited
                    manifest = _verify(spec, folder, source, check_all=check_all)
                    if manifest is None:
                        manifest = _build(spec, root, folder, source)
                        _clean(root, spec, keep=folder)
            except OSError:
                return None
        elif manifest.identity != _identity(source):
            # same content, new identity (reinstalled, touched): record it, so the next
            # start does not hash the list again
            try:
                _write_manifest(folder, _replace_identity(manifest, source))
            except OSError:
                pass
        try:
            return load(Path(manifest.shipped) if manifest.shipped else folder, True)
        except (OSError, RuntimeError, ValueError):
            if attempt:
                raise
            _remove(folder)  # checked yet unreadable: build it once more (never the shipped)
            _remove(_stamps_path(folder))
    raise AssertionError("unreachable")  # pragma: no cover


def _take_shipped(
    spec: IndexSpec,
    root: Path,
    folder: Path,
    source: os.stat_result,
    check_all: bool,
    writable: bool,
) -> _Manifest | None:
    """The seal of the shipped copy when that copy passes its checks, published in
    ``root`` when it can be (else the next process checks the copy again); None when
    the list must be compiled."""
    shipped = _shipped_manifest(spec, source, check_all)
    if shipped is None:
        return None
    if writable:
        try:
            with _locked(root):
                sealed = _verify(spec, folder, source, check_all=check_all)
                if sealed is None:
                    sealed = _seal(spec, root, folder, source, shipped)
                    _clean(root, spec, keep=folder)
                return sealed
        except OSError:
            pass
    return _seal_of(spec, source, shipped)


def _replace_identity(manifest: _Manifest, source: os.stat_result) -> _Manifest:
    return _Manifest(
        manifest.name, manifest.source, manifest.sha256, _identity(source), manifest.files
    )


def open_index(spec: IndexSpec, load: Callable[[Path, bool], T], *, check_all: bool = False) -> T:
    """Load the compiled form of ``spec`` with ``load(folder, lazy)``, compiling it first
    if the cache holds no valid copy.  Not thread-safe: callers hold a lock.

    With ``lazy`` the folder stays: the spec's deferred files may be opened later with
    :func:`deferred_file`.  Without it (compiled for this process alone, the folder is
    deleted once ``load`` returns) ``load`` must map every file at once."""
    global _fallback
    source = os.stat(spec.source)
    wanted = cache_root()
    reason = _root_problem(wanted, tighten=not os.environ.get("LIALIA_CACHE_DIR"))
    if reason is None:
        loaded = _open_in(spec, wanted, source, load, check_all)
        if loaded is not None:
            _fallback = None
            return loaded
        reason = "cannot be written"
    private = private_root()
    if private != wanted and _root_problem(private, private=True) is None:
        loaded = _open_in(spec, private, source, load, check_all)
        if loaded is not None:
            _fallback = CacheFallback(wanted, reason, private)
            return loaded
    shipped = _shipped_manifest(spec, source, check_all)
    if shipped is not None and spec.shipped is not None:
        try:
            loaded = load(spec.shipped, True)
            _fallback = CacheFallback(wanted, reason, spec.shipped)
            return loaded
        except (OSError, RuntimeError, ValueError):
            pass
    _fallback = CacheFallback(wanted, reason, None)
    return _in_memory(spec, load)


def _in_memory(spec: IndexSpec, load: Callable[[Path, bool], T]) -> T:
    """Compile for this process alone: map the files and delete them at once (the
    mapping outlives the names), so nothing piles up in the temporary directory."""
    import tempfile

    staging = Path(tempfile.mkdtemp(prefix=f"lialia-{spec.name}-"))
    try:
        _compiling(spec.name)
        spec.compile_into(staging)
        return load(staging, False)
    finally:
        _remove(staging)


def write_shipped(spec: IndexSpec, folder: Path) -> bool:
    """Compile ``spec`` into ``folder`` (created if missing) as the copy shipped with the
    package; False when ``folder`` already holds an intact copy of the list's content.

    Its manifest names the source by file name and size, since the installed list will
    have another path and ``stat`` identity: :func:`open_index` finds the copy through
    ``spec.shipped`` and hashes the installed list once to trust it."""
    folder.mkdir(parents=True, exist_ok=True)
    source = os.stat(spec.source)
    current = IndexSpec(spec.name, spec.source, spec.files, spec.compile_into, (), folder)
    if _shipped_manifest(current, source, check_all=True) is not None:
        return False
    for entry in folder.iterdir():
        _remove(entry)
    files = _compile(spec, folder)
    digest = _sha256(spec.source)
    manifest = _Manifest(spec.name, spec.source.name, digest, (source.st_size,), files)
    _write_manifest(folder, manifest)
    return True
