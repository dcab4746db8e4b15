"""The wheel, for real: built by pip from a copy of this source tree (``setup.py``
compiles the word lists into it), unpacked, and run with an empty cache.

The build runs in pip's isolated build environment, so the test needs access to the
package index that ``[build-system] requires`` comes from, like tests/test_precommit.py.
Damaged copies are run in a fresh process each: a trie mapped from a damaged file can
crash the interpreter.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lialia.index import INDEX_VERSION, MANIFEST
from lialia.lexicon import LEXICONS, PAIR_LISTS, SHIPPED, CompiledLexicon

REPO = Path(__file__).resolve().parents[1]
#: what the sdist and a source checkout hold that the wheel is built from
SOURCES = ("pyproject.toml", "setup.py", "README.md", "lialia", "dictionaries")
SENTENCE = "ذهبت الى المدرسه وقرأت هاذا الكتاب: بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ\n"


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from this tree, unpacked (what an install puts on sys.path)."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (REPO / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc", SHIPPED)
            shutil.copytree(REPO / name, source / name, ignore=ignore)
        else:
            shutil.copyfile(REPO / name, source / name)
    wheels = tmp_path_factory.mktemp("wheels")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), "."],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("lialia-*.whl")
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def _run(
    site: Path, cache: Path, tmp: Path, *options: str, text: str = SENTENCE
) -> subprocess.CompletedProcess[str]:
    """``lialia check`` of ``text`` with the unpacked wheel first on the path."""
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "LIALIA_CACHE_DIR": str(cache),
        "TMPDIR": str(tmp),
        "PYTHONDONTWRITEBYTECODE": "1",  # the wheel's folder is left as installed
    }
    code = "import sys, lialia; assert lialia.__file__.startswith(sys.argv[1]); "
    # lialia.cli too: an editable install's finder would otherwise supply what the wheel lacks
    code += "import lialia.cli; assert lialia.cli.__file__.startswith(sys.argv[1]); "
    code += "from lialia.cli import main; sys.argv[1:] = sys.argv[2:]; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, str(site), "check", *options, "--format", "json", "-"],
        input=text,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp,  # not this tree, which ``-c`` would put first on the path
        timeout=300,
        check=False,
    )


def _expected(tmp_path: Path, *options: str) -> str:
    """What this tree's lialia answers (its lists compiled into the session's cache)."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    command = [sys.executable, "-m", "lialia", "check", *options, "--format", "json", "-"]
    run = subprocess.run(
        command, input=SENTENCE, capture_output=True, text=True, env=env, timeout=300
    )
    assert run.returncode == 1, run.stderr
    return run.stdout


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _tries(cache: Path) -> list[str]:
    return sorted(str(p.relative_to(cache)) for p in cache.rglob("*.marisa"))


@pytest.mark.slow
def test_the_wheel_ships_every_list_compiled(unpacked: Path) -> None:
    shipped = unpacked / "lialia" / "dictionaries" / SHIPPED
    assert sorted(p.name for p in shipped.iterdir()) == sorted((*LEXICONS, *PAIR_LISTS))
    for name in LEXICONS:
        assert sorted(p.name for p in (shipped / name).iterdir()) == sorted(
            (MANIFEST, *CompiledLexicon.FILES)
        )
        head = (shipped / name / MANIFEST).read_text(encoding="utf-8").split("\n")[0]
        assert head == f"#lialia-index v{INDEX_VERSION} {name}"


@pytest.mark.slow
@pytest.mark.parametrize("lexicon", ["msa", "quran"])
def test_the_first_run_of_an_installed_wheel_compiles_nothing(
    lexicon: str, unpacked: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    intact = _tree(unpacked)
    for _ in range(2):  # the first run seals the shipped copies, the second trusts the seals
        run = _run(unpacked, cache, tmp_path, "--lexicon", lexicon)
        expected = _expected(tmp_path, "--lexicon", lexicon)
        assert (run.returncode, run.stdout) == (1, expected), run.stderr
        assert _tries(cache) == []  # nothing compiled: only the seals' manifests
    assert _tree(unpacked) == intact


@pytest.mark.slow
@pytest.mark.parametrize(
    ("filename", "offset"),
    [("words.marisa", 0.5), ("skeletons.marisa", 0.25), ("deletes.marisa", 0.5), (MANIFEST, 0.5)],
)
def test_a_damaged_shipped_copy_is_not_trusted(
    filename: str, offset: float, unpacked: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(unpacked, site)
    damaged = site / "lialia" / "dictionaries" / SHIPPED / "quran" / filename
    data = bytearray(damaged.read_bytes())
    data[int(len(data) * offset)] ^= 0xFF
    damaged.write_bytes(bytes(data))
    cache = tmp_path / "cache"
    run = _run(site, cache, tmp_path, "--lexicon", "quran")
    expected = _expected(tmp_path, "--lexicon", "quran")
    assert (run.returncode, run.stdout) == (1, expected), run.stderr
    (folder,) = cache.glob(f"quran-{INDEX_VERSION}-*")
    assert sorted(p.name for p in folder.iterdir()) == sorted((MANIFEST, *CompiledLexicon.FILES))
    assert damaged.read_bytes() == data  # never repaired in place: the package is read-only
