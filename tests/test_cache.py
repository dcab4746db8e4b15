"""The compiled-index cache: checked before it is mapped, repaired, private when it must be.

Damaged caches are run in a fresh process each: a trie mapped from a damaged file can
crash the interpreter, which would take pytest with it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import marisa_trie
import pytest

from lialia import index, lexicon
from lialia.checker import SpellChecker
from lialia.index import INDEX_VERSION, MANIFEST, CacheFallback, cache_fallback
from lialia.lexicon import CompiledLexicon, compiled, pairs
from lialia.normalize import skeleton

#: a line with three misspellings for both lexicons, and Quranic words around them
SENTENCE = "ذهبت الى المدرسه وقرأت هاذا الكتاب: بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ\n"
PROBABLE = lexicon.data_path("probable.tsv")
ROOT_ONLY = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a folder away needs root"
)


def _env(root: Path, tmp: Path) -> dict[str, str]:
    return {**os.environ, "LIALIA_CACHE_DIR": str(root), "TMPDIR": str(tmp)}


def _check(
    root: Path, tmp: Path, lexicon_name: str, *options: str
) -> subprocess.CompletedProcess[str]:
    """``lialia check`` of SENTENCE in a fresh process over the cache ``root``."""
    command = [sys.executable, "-m", "lialia", "check", "--lexicon", lexicon_name, *options]
    return subprocess.run(
        [*command, "--format", "json", "-"],
        input=SENTENCE,
        capture_output=True,
        text=True,
        env=_env(root, tmp),
        timeout=300,
        check=False,
    )


def _folder(root: Path, name: str) -> Path:
    (folder,) = root.glob(f"{name}-{INDEX_VERSION}-*")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _session_folder(name: str) -> Path:
    spec = index.IndexSpec(name, lexicon.data_path(f"{name}.tsv"), (), lambda folder: None)
    fallback = cache_fallback()
    return spec.folder_in(fallback.used if fallback and fallback.used else index.cache_root())


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache root holding quran, msa and the pair lists.

    msa takes seconds to compile: its folders are copied from the test session's cache
    (compiled there first if need be); quran is compiled by a fresh process."""
    root = tmp_path_factory.mktemp("pristine")
    SpellChecker().load()
    for name in ("msa", "misspellings", "probable"):
        shutil.copytree(_session_folder(name), root / _session_folder(name).name)
    run = _check(root, tmp_path_factory.mktemp("tmp"), "quran")
    assert run.returncode == 1, run.stderr
    assert sorted(p.name.split("-")[0] for p in root.iterdir()) == [
        "misspellings",
        "msa",
        "probable",
        "quran",
    ]
    return root


@pytest.fixture(scope="module")
def expected(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What an intact cache answers, per lexicon."""
    tmp = tmp_path_factory.mktemp("tmp")
    return {name: _check(pristine, tmp, name).stdout for name in ("msa", "quran")}


def _flip(offsets: Callable[[int], list[int]]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        for offset in offsets(len(data)):
            data[offset] ^= 0xFF
        path.write_bytes(bytes(data))

    return damage


def _truncate(keep: Callable[[int], int]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        path.write_bytes(path.read_bytes()[: keep(path.stat().st_size)])

    return damage


def _garbage(path: Path) -> None:
    # the same size, so only the content can tell
    path.write_bytes(bytes((i * 131 + 7) % 256 for i in range(path.stat().st_size)))


@pytest.mark.parametrize(
    ("damage", "filename"),
    [
        pytest.param(_flip(lambda n: [n // 2]), "words.marisa", id="one-byte-in-the-middle"),
        pytest.param(
            _flip(lambda n: [20, n // 3, n // 2, n - 9]), "words.marisa", id="several-bytes"
        ),
        pytest.param(_flip(lambda n: [n // 2 + 1]), "deletes.marisa", id="deletes-middle"),
        pytest.param(_truncate(lambda n: n // 2), "words.marisa", id="truncated"),
        pytest.param(_truncate(lambda n: 0), "skeletons.marisa", id="empty"),
        pytest.param(_garbage, "words.marisa", id="garbage-same-size"),
        pytest.param(_flip(lambda n: [n // 2]), MANIFEST, id="manifest-flipped"),
        pytest.param(_truncate(lambda n: n - 5), MANIFEST, id="manifest-truncated"),
        pytest.param(lambda path: path.unlink(), MANIFEST, id="manifest-missing"),
        pytest.param(lambda path: path.unlink(), "words.marisa", id="file-missing"),
    ],
)
def test_a_damaged_cache_is_rebuilt_not_run(
    damage: Callable[[Path], None],
    filename: str,
    pristine: Path,
    expected: dict[str, str],
    tmp_path: Path,
) -> None:
    root = tmp_path / "cache"
    shutil.copytree(pristine, root)
    folder = _folder(root, "quran")
    intact = _snapshot(folder)
    damage(folder / filename)
    run = _check(root, tmp_path, "quran")
    assert (run.returncode, run.stdout) == (1, expected["quran"]), run.stderr
    assert run.stderr.startswith("checked 1 file, 10 words, 3 findings")
    assert _snapshot(_folder(root, "quran")) == intact  # repaired, byte for byte
    assert not (tmp_path / f"lialia-{os.getuid()}").exists()  # in place, no fallback


def test_the_deletion_trie_is_checked_when_suggestions_need_it(
    pristine: Path, expected: dict[str, str], tmp_path: Path
) -> None:
    """Detection alone never reads the deletion trie (15 of msa's 20 MB), so it is not
    checked then; the first suggestion search checks it, and repairs it."""
    root = tmp_path / "cache"
    shutil.copytree(pristine, root)
    folder = _folder(root, "quran")
    intact = _snapshot(folder)
    _flip(lambda n: [n // 2, n // 2 + 1])(folder / "deletes.marisa")
    damaged = (folder / "deletes.marisa").read_bytes()
    run = _check(root, tmp_path, "quran", "--no-suggestions")
    assert (run.returncode, run.stdout.count('"suggestions": []')) == (1, 3), run.stderr
    assert (folder / "deletes.marisa").read_bytes() == damaged  # never mapped, never run
    run = _check(root, tmp_path, "quran")
    assert (run.returncode, run.stdout) == (1, expected["quran"])
    assert _snapshot(_folder(root, "quran")) == intact


@pytest.mark.parametrize("with_manifest", [True, False], ids=["whole-folder", "tries-only"])
def test_another_lists_files_are_not_taken_for_this_one(
    with_manifest: bool, pristine: Path, expected: dict[str, str], tmp_path: Path
) -> None:
    root = tmp_path / "cache"
    shutil.copytree(pristine, root)
    target, donor = _folder(root, "quran"), _folder(root, "msa")
    intact = _snapshot(target)
    for path in donor.iterdir():
        if path.name in intact and (with_manifest or path.name != MANIFEST):
            shutil.copyfile(path, target / path.name)
    run = _check(root, tmp_path, "quran")
    assert (run.returncode, run.stdout) == (1, expected["quran"])
    assert _snapshot(_folder(root, "quran")) == intact


def test_quran_tries_copied_over_msa_are_rebuilt(
    pristine: Path, expected: dict[str, str], tmp_path: Path
) -> None:
    """The case users saw: 12,813 findings instead of 717 from quran's tries under msa."""
    root = tmp_path / "cache"
    shutil.copytree(pristine, root)
    target, donor = _folder(root, "msa"), _folder(root, "quran")
    intact = _snapshot(target)
    for path in donor.iterdir():
        shutil.copyfile(path, target / path.name)
    run = _check(root, tmp_path, "msa")
    assert (run.returncode, run.stdout) == (1, expected["msa"])
    assert _snapshot(_folder(root, "msa")) == intact


@pytest.mark.parametrize(
    "replace",
    [
        pytest.param(lambda folder: folder.write_bytes(b"\x00" * 64), id="a-file"),
        pytest.param(lambda folder: folder.symlink_to(folder.parent), id="a-symlink"),
        pytest.param(lambda folder: folder.mkdir(), id="an-empty-folder"),
    ],
)
def test_whatever_stands_where_the_folder_should_be_is_replaced(
    replace: Callable[[Path], None], pristine: Path, expected: dict[str, str], tmp_path: Path
) -> None:
    root = tmp_path / "cache"
    shutil.copytree(pristine, root)
    folder = _folder(root, "quran")
    intact = _snapshot(folder)
    shutil.rmtree(folder)
    replace(folder)
    run = _check(root, tmp_path, "quran")
    assert (run.returncode, run.stdout) == (1, expected["quran"])
    assert folder.is_dir() and not folder.is_symlink() and _snapshot(folder) == intact


# -- in-process: where the cache goes --------------------------------------------------------


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """An empty temporary directory, memoised lexicons forgotten, and the folders the
    cache builds recorded in the list yielded."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    builds: list[Path] = []
    real_build = index._build

    def counting_build(
        spec: index.IndexSpec, root: Path, folder: Path, source: os.stat_result
    ) -> index._Manifest:
        builds.append(folder)
        return real_build(spec, root, folder, source)

    monkeypatch.setattr(index, "_build", counting_build)
    compiled.cache_clear()
    pairs.cache_clear()
    yield builds
    compiled.cache_clear()
    pairs.cache_clear()


def _quran_freq() -> int:
    compiled.cache_clear()
    return compiled("quran").freq("الرحمن")


def _private() -> Path:
    return Path(tempfile.gettempdir()) / f"lialia-{os.getuid()}"


def _unusable_file(root: Path) -> str:
    root.write_text("a file where the cache folder should be", encoding="utf-8")
    return "is not a folder"


def _unusable_parent(root: Path) -> str:
    root.parent.write_text("a file where a folder above the cache should be", encoding="utf-8")
    return "cannot be created"


def _unusable_world_writable(root: Path) -> str:
    root.mkdir()
    root.chmod(0o777)
    return "is writable by other users"


def _unusable_foreign(root: Path) -> str:
    root.mkdir()
    os.chown(root, 12345, 12345)
    return "belongs to another user (uid 12345)"


@pytest.mark.parametrize(
    ("make_unusable", "subpath"),
    [
        pytest.param(_unusable_file, "cache", id="a-file"),
        pytest.param(_unusable_parent, "blocker/cache", id="under-a-file"),
        pytest.param(_unusable_world_writable, "cache", id="world-writable"),
        pytest.param(_unusable_foreign, "cache", id="another-users", marks=ROOT_ONLY),
    ],
)
def test_an_unusable_cache_falls_back_to_a_private_one_once(
    make_unusable: Callable[[Path], str],
    subpath: str,
    fresh: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / subpath
    reason = make_unusable(root)
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(root))
    first = _quran_freq()
    private = _private()
    fallback = cache_fallback()
    assert fallback is not None and fallback.used == private
    assert (fallback.wanted, fallback.reason.startswith(reason)) == (root, True)
    assert str(fallback).startswith(f"index cache {root} {reason}")
    assert private.stat().st_mode & 0o777 == 0o700 and len(fresh) == 1
    # the next run reuses the private copy: no second compile
    assert _quran_freq() == first > 0 and len(fresh) == 1
    assert fallback == cache_fallback()


def test_a_cache_that_cannot_be_written_falls_back_only_when_it_must(
    fresh: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only cache with a valid copy is used (a prebuilt image); one without a copy
    sends the build to the private folder."""
    root = tmp_path / "cache"
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(root))
    assert _quran_freq() > 0 and cache_fallback() is None and len(fresh) == 1
    real_access = os.access

    def read_only(path: str | os.PathLike[str], mode: int, **kwargs: object) -> bool:
        if Path(path) == root and mode & os.W_OK:
            return False  # root ignores modes, so say what a read-only mount would
        return real_access(path, mode)

    monkeypatch.setattr(index.os, "access", read_only)
    assert _quran_freq() > 0 and cache_fallback() is None and len(fresh) == 1
    shutil.rmtree(_folder(root, "quran"))
    assert _quran_freq() > 0 and len(fresh) == 2
    assert cache_fallback() == CacheFallback(root, "cannot be written", _private())
    assert not list(root.glob("quran-*"))


@ROOT_ONLY
def test_a_private_folder_taken_by_someone_else_means_compiling_in_memory(
    fresh: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    _unusable_file(root)
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(root))
    squatted = _private()
    squatted.mkdir(mode=0o700)
    os.chown(squatted, 12345, 12345)
    assert _quran_freq() > 0
    assert ("الرحمن", compiled("quran").freq("الرحمن")) in compiled("quran").skeletons_with_delete(
        "الرحن"
    )  # the deletion trie was mapped before its file went
    assert cache_fallback() == CacheFallback(root, "is not a folder", None)
    assert sorted(p.name for p in squatted.parent.iterdir()) == [squatted.name]
    assert not list(squatted.iterdir())


@ROOT_ONLY
def test_a_foreign_compiled_folder_in_our_cache_is_replaced(
    fresh: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(root))
    first = _quran_freq()
    folder = _folder(root, "quran")
    for path in (folder, *folder.iterdir()):
        os.chown(path, 12345, 12345)
    assert _quran_freq() == first and len(fresh) == 2 and cache_fallback() is None
    assert folder.stat().st_uid == os.getuid()


def test_a_group_writable_default_cache_is_tightened_not_abandoned(
    fresh: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older lialia created ``~/.cache/lialia`` with the umask's mode (0775 under 002)."""
    monkeypatch.delenv("LIALIA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = tmp_path / "xdg" / "lialia"
    root.mkdir(parents=True)
    root.chmod(0o775)
    assert _quran_freq() > 0 and cache_fallback() is None
    assert root.stat().st_mode & 0o777 == 0o755 and _folder(root, "quran").is_dir()


def test_stale_staging_folders_are_cleaned(
    fresh: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(root))
    assert _quran_freq() > 0
    hour_ago = time.time() - index.STALE_STAGING_SECONDS - 60
    for name in (".msa-k3j_x9q2", ".trash-a1b2c3d4", ".quran-zz00zz00"):
        (root / name).mkdir()
        (root / name / "words.marisa").write_bytes(b"half a trie")
        if name != ".quran-zz00zz00":  # a compile still running
            os.utime(root / name, (hour_ago, hour_ago))
    (root / ".notes-12345678").write_text("a file, not ours to judge", encoding="utf-8")
    assert _quran_freq() > 0
    assert sorted(p.name for p in root.glob(".*-*")) == [".notes-12345678", ".quran-zz00zz00"]


def test_an_older_layout_is_removed_when_the_list_is_rebuilt(
    fresh: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    root.mkdir()
    old = root / "quran-3-0123456789abcdef"  # the version 3 layout: no manifest
    old.mkdir()
    (old / "words.marisa").write_bytes(b"old")
    other = root / "msa-3-0123456789abcdef"  # another list's: not this build's business
    other.mkdir()
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(root))
    assert _quran_freq() > 0
    assert sorted(p.name.split("-")[0] for p in root.iterdir() if p.is_dir()) == ["msa", "quran"]
    assert not old.exists()


@pytest.fixture
def own_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """quran.tsv copied to a folder of the test's, and lialia pointed at it."""
    folder = tmp_path / "lists"
    folder.mkdir()
    shutil.copyfile(lexicon.data_path("quran.tsv"), folder / "quran.tsv")
    monkeypatch.setattr(lexicon, "data_path", lambda filename: folder / filename)
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(tmp_path / "cache"))
    return folder / "quran.tsv"


def test_a_touched_list_is_not_recompiled_and_not_hashed_again(
    fresh: list[Path], own_list: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _quran_freq()
    later = time.time() + 100
    os.utime(own_list, (later, later))
    hashed: list[Path] = []
    real_sha256 = index._sha256

    def counting_sha256(path: Path) -> str:
        hashed.append(path)
        return real_sha256(path)

    monkeypatch.setattr(index, "_sha256", counting_sha256)
    assert _quran_freq() == first and len(fresh) == 1 and hashed == [own_list]
    assert _quran_freq() == first and len(fresh) == 1 and hashed == [own_list]


@pytest.mark.parametrize("same_size", [True, False])
def test_an_edited_list_is_recompiled(same_size: bool, fresh: list[Path], own_list: Path) -> None:
    first = _quran_freq()
    text = own_list.read_text(encoding="utf-8")
    word_line = next(line for line in text.split("\n") if line.startswith("الرحمن\t"))
    freq = int(word_line.split("\t")[1])
    new_freq = (freq + 1 if freq % 10 != 9 else freq - 1) if same_size else freq * 10
    stat = own_list.stat()
    own_list.write_text(text.replace(word_line, f"الرحمن\t{new_freq}"), encoding="utf-8")
    if same_size:  # the same size and mtime: the ctime and the content still tell
        os.utime(own_list, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _quran_freq() == new_freq != first and len(fresh) == 2


def test_spellchecker_load_compiles_each_list_once(
    fresh: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(tmp_path / "cache"))
    SpellChecker(lexicons=("quran",)).load()
    SpellChecker(lexicons=("quran",)).check(SENTENCE)
    compiled.cache_clear()
    SpellChecker(lexicons=("quran",)).load()
    assert [folder.name.split("-")[0] for folder in fresh] == ["quran"]


def test_a_compiled_lexicon_lists_the_files_it_saves(tmp_path: Path) -> None:
    CompiledLexicon.from_entries(iter([("كتاب", 5), ("كتب", 2)])).save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(CompiledLexicon.FILES)


def test_racing_processes_build_one_folder(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    command = [sys.executable, "-c", "from lialia.lexicon import compiled; compiled('quran')"]
    runs = [
        subprocess.Popen(command, env=_env(root, tmp_path), stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outcomes = [(run.communicate(timeout=300)[1], run.returncode) for run in runs]
    assert outcomes == [("", 0)] * 3
    assert [p.name.split("-")[0] for p in root.iterdir()] == ["quran"]
    assert not (tmp_path / f"lialia-{os.getuid()}").exists()


def test_the_streamed_compile_builds_the_same_tries() -> None:
    """from_entries streams its keys; the tries are byte for byte those of the plain
    definition (every key listed first), on the Quran list."""
    entries = [
        (w, int(f)) for w, f in lexicon.read_wordlist(lexicon.data_path("quran.tsv"), "quran", 2)
    ]
    top: dict[str, int] = {}
    for word, freq in entries:
        top[skeleton(word)] = max(top.get(skeleton(word), 0), freq)
    plain = [
        [(w, (f,)) for w, f in entries],
        [(skeleton(w) + "\t" + w, (f,)) for w, f in entries],
        [(s[:i] + s[i + 1 :] + "\t" + s, (f,)) for s, f in top.items() for i in range(len(s))],
    ]
    built = CompiledLexicon.from_entries(iter(entries))
    for trie, records in zip((built.words, built.skeletons, built.deletes), plain, strict=True):
        assert trie.tobytes() == marisa_trie.RecordTrie("<I", records).tobytes()


def test_threads_share_one_lazily_mapped_deletion_trie(
    fresh: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(tmp_path / "cache"))
    lexicon_ = compiled("quran")
    with ThreadPoolExecutor(max_workers=8) as pool:
        tries = list(pool.map(lambda _: lexicon_.deletes, range(32)))
    assert all(trie is tries[0] for trie in tries) and len(fresh) == 1
    assert lexicon_.skeletons_with_delete("الرحن")


# -- the copy shipped with the package ----------------------------------------------------


@pytest.fixture(scope="module")
def shipped_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """quran.tsv and its shipped copy (``compiled/quran``), as the package build writes
    them (msa takes seconds to compile: the wheel's test ships it)."""
    lists = tmp_path_factory.mktemp("package") / "dictionaries"
    lists.mkdir()
    shutil.copyfile(lexicon.data_path("quran.tsv"), lists / "quran.tsv")
    spec = lexicon._lexicon_spec("quran", lists / "quran.tsv", None)
    assert index.write_shipped(spec, lists / lexicon.SHIPPED / "quran")
    assert not index.write_shipped(spec, lists / lexicon.SHIPPED / "quran")  # up to date
    return lists


@pytest.fixture
def shipped(
    shipped_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A package folder of the test's with quran.tsv and its shipped copy, lialia pointed
    at it, an empty cache, and a hook recording the lists compiled."""
    lists = tmp_path / "dictionaries"
    shutil.copytree(shipped_template, lists)
    monkeypatch.setattr(lexicon, "data_path", lambda filename: lists / filename)
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(tmp_path / "cache"))
    yield lists
    index.on_compile(None)


def _quran_tsv_freq(lists: Path, word: str = "الرحمن") -> int:
    for line in (lists / "quran.tsv").read_text(encoding="utf-8").split("\n"):
        if line.startswith(word + "\t"):
            return int(line.split("\t")[1])
    raise AssertionError(word)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _counting_sha256(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    hashed: list[Path] = []
    real_sha256 = index._sha256

    def counting(path: Path) -> str:
        hashed.append(path)
        return real_sha256(path)

    monkeypatch.setattr(index, "_sha256", counting)
    return hashed


def test_a_shipped_copy_is_mapped_without_compiling(
    fresh: list[Path], shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first run hashes the installed list once and seals the shipped copy in the
    cache (a manifest, no trie); later runs map the copy without hashing anything."""
    compiles: list[str] = []
    index.on_compile(compiles.append)
    hashed = _counting_sha256(monkeypatch)
    intact = _tree(shipped)
    assert _quran_freq() == _quran_tsv_freq(shipped) > 0
    assert compiled("quran").skeletons_with_delete("الرحن")  # the deferred trie, checked
    assert (fresh, compiles, hashed) == ([], [], [shipped / "quran.tsv"])
    root = tmp_path / "cache"
    (seal,) = root.iterdir()
    assert [p.name for p in seal.iterdir()] == [MANIFEST]
    assert cache_fallback() is None
    hashed.clear()
    assert _quran_freq() == _quran_tsv_freq(shipped) and (fresh, compiles, hashed) == ([], [], [])
    assert _tree(shipped) == intact and list(root.iterdir()) == [seal]


def _edit_list(lists: Path, same_size: bool) -> None:
    path = lists / "quran.tsv"
    freq = _quran_tsv_freq(lists)
    new = (freq + 1 if freq % 10 != 9 else freq - 1) if same_size else freq * 10
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"الرحمن\t{freq}\n", f"الرحمن\t{new}\n"), encoding="utf-8")


def _other_lists_manifest(lists: Path) -> None:
    """probable's shipped manifest where quran's should be."""
    spec = lexicon._pairs_spec("probable", PROBABLE, None)
    other = lists.parent / "other"
    index.write_shipped(spec, other)
    shutil.copyfile(other / MANIFEST, lists / lexicon.SHIPPED / "quran" / MANIFEST)


def _in_shipped(damage: Callable[[Path], None], filename: str) -> Callable[[Path], None]:
    return lambda lists: damage(lists / lexicon.SHIPPED / "quran" / filename)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(_in_shipped(_flip(lambda n: [n // 2]), "words.marisa"), id="byte-flipped"),
        pytest.param(_in_shipped(_truncate(lambda n: n // 2), "skeletons.marisa"), id="truncated"),
        pytest.param(_in_shipped(_garbage, "words.marisa"), id="garbage-same-size"),
        pytest.param(_in_shipped(_flip(lambda n: [n // 2]), MANIFEST), id="manifest-flipped"),
        pytest.param(_in_shipped(lambda p: p.unlink(), MANIFEST), id="manifest-missing"),
        pytest.param(_in_shipped(lambda p: p.unlink(), "words.marisa"), id="file-missing"),
        pytest.param(_other_lists_manifest, id="another-lists-manifest"),
        pytest.param(lambda lists: _edit_list(lists, same_size=True), id="list-edited-same-size"),
        pytest.param(lambda lists: _edit_list(lists, same_size=False), id="list-edited"),
        pytest.param(
            lambda lists: (lists / lexicon.SHIPPED / "quran").chmod(0o777), id="world-writable"
        ),
    ],
)
def test_a_damaged_or_stale_shipped_copy_is_not_trusted(
    damage: Callable[[Path], None],
    fresh: list[Path],
    shipped: Path,
    tmp_path: Path,
) -> None:
    damage(shipped)
    left = _tree(shipped)
    compiles: list[str] = []
    index.on_compile(compiles.append)
    assert _quran_freq() == _quran_tsv_freq(shipped) > 0
    assert compiled("quran").skeletons_with_delete("الرحن")
    assert (len(fresh), compiles) == (1, ["quran"])  # compiled into the cache instead
    assert sorted(p.name for p in _folder(tmp_path / "cache", "quran").iterdir()) == sorted(
        [MANIFEST, *CompiledLexicon.FILES]
    )
    assert _tree(shipped) == left  # the package's folder is never written
    assert _quran_freq() == _quran_tsv_freq(shipped) and len(fresh) == 1


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_in_shipped(_flip(lambda n: [n // 2]), "skeletons.marisa"), id="tries"),
        pytest.param(lambda lists: _edit_list(lists, same_size=True), id="list-same-size"),
        pytest.param(lambda lists: _edit_list(lists, same_size=False), id="list"),
    ],
)
def test_a_sealed_shipped_copy_is_not_trusted_once_it_or_its_list_changes(
    change: Callable[[Path], None], fresh: list[Path], shipped: Path, tmp_path: Path
) -> None:
    assert _quran_freq() == _quran_tsv_freq(shipped) and fresh == []
    change(shipped)
    assert _quran_freq() == _quran_tsv_freq(shipped) and len(fresh) == 1
    assert (_folder(tmp_path / "cache", "quran") / "skeletons.marisa").is_file()


def test_a_shipped_deletion_trie_is_checked_when_suggestions_need_it(
    fresh: list[Path], shipped: Path
) -> None:
    """The deferred trie of the shipped copy is checked on first use like the cache's;
    a damaged one sends the list to the cache, its other tries staying mapped."""
    _flip(lambda n: [n // 2, n // 2 + 1])(shipped / lexicon.SHIPPED / "quran" / "deletes.marisa")
    assert _quran_freq() == _quran_tsv_freq(shipped) and fresh == []
    found = compiled("quran").skeletons_with_delete("الرحن")
    assert ("الرحمن", _quran_tsv_freq(shipped)) in found and len(fresh) == 1


@pytest.mark.parametrize(("mode", "trusted"), [(0o755, True), (0o775, True), (0o757, False)])
def test_a_shipped_folder_that_only_our_group_may_write_is_trusted(
    mode: int, trusted: bool, fresh: list[Path], shipped: Path
) -> None:
    """Installed under a umask of 002 (a group of the user's own), the package's folders
    are group-writable; writable by everyone, they are not trusted."""
    (shipped / lexicon.SHIPPED / "quran").chmod(mode)
    assert _quran_freq() == _quran_tsv_freq(shipped) and len(fresh) == (0 if trusted else 1)


def test_a_shipped_copy_is_used_when_the_cache_cannot_be_written(
    fresh: list[Path], shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only cache gets no seal: each run checks the shipped copy again (hashing
    the list), and nothing is compiled, nor written anywhere."""
    root = tmp_path / "cache"
    root.mkdir()
    real_access = os.access

    def read_only(path: str | os.PathLike[str], mode: int, **kwargs: object) -> bool:
        if Path(path) == root and mode & os.W_OK:
            return False
        return real_access(path, mode)

    monkeypatch.setattr(index.os, "access", read_only)
    hashed = _counting_sha256(monkeypatch)
    for run in (1, 2):
        assert _quran_freq() == _quran_tsv_freq(shipped) and fresh == []
        assert cache_fallback() is None and not list(root.iterdir())
        assert hashed == [shipped / "quran.tsv"] * run
    assert not _private().exists()


def test_a_shipped_copy_is_used_when_no_cache_folder_can_be(
    fresh: list[Path], shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    _unusable_file(root)
    _unusable_file(_private())
    assert _quran_freq() == _quran_tsv_freq(shipped) and fresh == []
    used = shipped / lexicon.SHIPPED / "quran"
    assert cache_fallback() == CacheFallback(root, "is not a folder", used)


@pytest.mark.parametrize(
    ("terminal", "options", "said"),
    [
        pytest.param("1", (), True, id="terminal"),
        pytest.param("1", ("--quiet",), False, id="terminal-quiet"),
        pytest.param("0", (), False, id="pipe"),
    ],
)
def test_the_cli_says_on_a_terminal_that_a_list_is_being_compiled(
    terminal: str, options: tuple[str, ...], said: bool, tmp_path: Path
) -> None:
    """Only a compile is announced (this tree ships no compiled copy), once, and only to a
    person waiting at a terminal: piped output stays as it was."""
    root = tmp_path / "cache"
    notice = "lialia: compiling the quran word list (once: later runs reuse it)\n"
    for first in (True, False):
        env = {**_env(root, tmp_path), "TTY_COMPATIBLE": terminal, "NO_COLOR": "1"}
        run = subprocess.run(
            [sys.executable, "-m", "lialia", "check", "--lexicon", "quran", *options, "-"],
            input=SENTENCE,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert run.returncode == 1, run.stderr
        assert run.stderr.startswith(notice) == (said and first), run.stderr


# -- stamps: a file found intact is not read again until it changes ------------------------


def _another_lists_file(path: Path) -> None:
    """The same file of another (tiny) list written over ``path``."""
    other = path.parent.parent / "other"
    other.mkdir()
    CompiledLexicon.from_entries(iter([("كتاب", 5), ("كتب", 2)])).save(other)
    shutil.copyfile(other / path.name, path)
    shutil.rmtree(other)


@pytest.fixture
def stamped(
    fresh: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[index.IndexSpec, Path, list[int]]:
    """quran compiled into a temporary cache, found intact once (so stamped: files are
    stamped at once here, not 2 s after their last change), and every CRC-32 counted."""
    monkeypatch.setenv("LIALIA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(index, "SETTLED_NS", 0)
    summed: list[int] = []
    real_crc32 = index._crc32

    def counting_crc32(fd: int) -> int:
        summed.append(fd)
        return real_crc32(fd)

    monkeypatch.setattr(index, "_crc32", counting_crc32)
    spec = lexicon._installed_spec("quran")
    # the folders' paths only: nothing here maps a file (a damaged trie could crash pytest)
    folder = index.open_index(spec, lambda folder, lazy: folder, check_all=True)
    index.open_index(spec, lambda folder, lazy: folder, check_all=True)
    assert index._stamps_path(folder).is_file() and len(fresh) == 1
    summed.clear()
    return spec, folder, summed


def test_a_stamped_file_is_taken_as_checked_without_reading_it(
    stamped: tuple[index.IndexSpec, Path, list[int]], fresh: list[Path]
) -> None:
    spec, folder, summed = stamped
    assert index.open_index(spec, lambda folder, lazy: folder, check_all=True) == folder
    assert summed == [] and len(fresh) == 1


@pytest.mark.parametrize(
    ("damage", "filename"),
    [
        pytest.param(_flip(lambda n: [n // 2]), "words.marisa", id="one-byte"),
        pytest.param(_flip(lambda n: [n // 2 + 1]), "deletes.marisa", id="deletes-byte"),
        pytest.param(_truncate(lambda n: n // 2), "skeletons.marisa", id="truncated"),
        pytest.param(_garbage, "words.marisa", id="garbage-same-size"),
        pytest.param(_another_lists_file, "words.marisa", id="another-lists-file"),
    ],
)
def test_a_stamped_file_that_changes_is_checked_again_and_rebuilt(
    damage: Callable[[Path], None],
    filename: str,
    stamped: tuple[index.IndexSpec, Path, list[int]],
    fresh: list[Path],
) -> None:
    """A write gives the file a new ctime (or inode): its stamp no longer matches, its
    CRC-32 is read, and the damage found as it was without stamps."""
    spec, folder, summed = stamped
    intact = _snapshot(folder)
    mtime = (folder / filename).stat().st_mtime_ns
    damage(folder / filename)
    os.utime(folder / filename, ns=(mtime, mtime))  # the mtime put back: the ctime tells
    assert index.open_index(spec, lambda folder, lazy: folder, check_all=True) == folder
    assert summed and len(fresh) == 2 and _snapshot(folder) == intact


@pytest.mark.parametrize(
    "stamps",
    [b"", b"#lialia-index v4 stamps\nfile\twords.marisa\t1\t2\n", b"\xff\xfe garbage"],
    ids=["empty", "no-end-line", "not-utf8"],
)
def test_a_damaged_stamps_file_only_means_reading_again(
    stamps: bytes, stamped: tuple[index.IndexSpec, Path, list[int]], fresh: list[Path]
) -> None:
    spec, folder, summed = stamped
    index._stamps_path(folder).write_bytes(stamps)
    assert index.open_index(spec, lambda folder, lazy: folder, check_all=True) == folder
    assert len(summed) == len(spec.files) and len(fresh) == 1
