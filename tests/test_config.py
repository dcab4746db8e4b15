"""Project configuration: where it is found, what it may say, and the project word list."""

from __future__ import annotations

import codecs
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from lialia import config
from lialia.config import (
    CONFIG_FILE,
    WORDS_FILE,
    Config,
    add_words,
    find_config,
    find_root,
    load,
    load_file,
)
from lialia.errors import ConfigError, FileChangedError

BOM = codecs.BOM_UTF8


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    cfg = load(tmp_path / "sub")
    assert cfg == Config(root=tmp_path.resolve())
    assert cfg.lexicons == ("msa",) and cfg.min_length == 2 and cfg.report_probable
    assert cfg.words_file == tmp_path.resolve() / WORDS_FILE


def test_found_upward_and_nearest_first(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.lialia]\nlexicons = ["msa", "quran"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == (tmp_path / "pyproject.toml").resolve()
    cfg = load(deep)
    assert cfg.lexicons == ("msa", "quran")
    assert cfg.root == tmp_path.resolve()
    write(tmp_path / "a" / CONFIG_FILE, "min-length = 3\n")
    assert load(deep).min_length == 3
    assert load(deep).root == (tmp_path / "a").resolve()


def test_a_pyproject_without_lialia_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / CONFIG_FILE, "report-probable = false\n")
    write(tmp_path / "pkg" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(tmp_path / "pkg") == (tmp_path / CONFIG_FILE).resolve()


def test_lialia_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.lialia]\nmin-length = 4\n")
    write(tmp_path / CONFIG_FILE, "min-length = 5\n")
    assert load(tmp_path).min_length == 5


def test_every_key(tmp_path: Path) -> None:
    write(tmp_path / "names.txt", "# أسماء\nلياليا\n\nسُهى\n")
    path = write(
        tmp_path / CONFIG_FILE,
        'lexicons = ["quran"]\nextra-words = ["names.txt"]\nexclude = ["vendor/**"]\n'
        'ignore-patterns = ["[A-Z]+-\\\\d+"]\nmin-length = 3\nreport-probable = false\n',
    )
    write(tmp_path / WORDS_FILE, "كلمة\n")
    cfg = load_file(path)
    assert cfg.lexicons == ("quran",)
    assert cfg.extra_word_files == (tmp_path / "names.txt",)
    assert cfg.exclude == ("vendor/**",)
    assert cfg.ignore_patterns == ("[A-Z]+-\\d+",)
    assert (cfg.min_length, cfg.report_probable) == (3, False)
    assert cfg.words() == ("لياليا", "سُهى", "كلمة")


@pytest.mark.parametrize(
    ("body", "key", "problem"),
    [
        ("min_length = 3\n", "min_length", "unknown key — did you mean 'min-length'?"),
        ("colour = true\n", "colour", "unknown key — known keys: lexicons, extra-words"),
        ('lexicons = "msa"\n', "lexicons", "must be a list of lexicon names, not 'msa'"),
        ("lexicons = []\n", "lexicons", "must name at least one lexicon"),
        ("exclude = [1]\n", "exclude", "must be a list of glob patterns"),
        ('ignore-patterns = ["(unclosed"]\n', "ignore-patterns", "is not a valid regex"),
        ("min-length = 0\n", "min-length", "must be a whole number of at least 1, not 0"),
        ("min-length = true\n", "min-length", "must be a whole number"),
        ('min-length = "2"\n', "min-length", "must be a whole number"),
        ('report-probable = "no"\n', "report-probable", "must be true or false, not 'no'"),
        ('extra-words = ["missing.txt"]\n', "extra-words", "cannot read word file"),
        ("max-file-size = 0\n", "max-file-size", "a whole number of megabytes, at least 1"),
        ("max-file-size = true\n", "max-file-size", "must be a whole number of megabytes"),
        ("max-file-size = 1.5\n", "max-file-size", "not 1.5"),
        ('max-file-size = "256"\n', "max-file-size", "not '256'"),
        ("max-file-size = -3\n", "max-file-size", "not -3"),
    ],
)
def test_bad_keys_and_values_name_the_key_and_the_file(
    tmp_path: Path, body: str, key: str, problem: str
) -> None:
    path = write(tmp_path / CONFIG_FILE, body)
    with pytest.raises(ConfigError) as caught:
        load_file(path).words()
    message = str(caught.value)
    assert message.startswith(f"{path}: key {key!r}: ")
    assert problem in message


@pytest.mark.parametrize(
    ("name", "body", "problem"),
    [
        (CONFIG_FILE, "min-length = \n", "invalid TOML"),
        ("pyproject.toml", "[tool.lialia]\nlexicon = ['msa']\n", "key 'lexicon': unknown key"),
        ("pyproject.toml", "[tool]\nlialia = 3\n", "key 'tool.lialia': must be a table"),
        ("pyproject.toml", "tool = 3\n# lialia\n", "key 'tool': must be a table, not 3"),
        ("pyproject.toml", 'tool = "lialia"\n', "key 'tool': must be a table, not 'lialia'"),
        ("pyproject.toml", "tool = [1]\n# lialia\n", "key 'tool': must be a table"),
        ("pyproject.toml", '[tool]\nlialia = "x"\n', "key 'tool.lialia': must be a table"),
        ("pyproject.toml", "[tool]\nlialia = [1]\n", "key 'tool.lialia': must be a table"),
    ],
)
def test_broken_files(tmp_path: Path, name: str, body: str, problem: str) -> None:
    path = write(tmp_path / name, body)
    with pytest.raises(ConfigError, match=problem) as caught:
        load_file(path)
    assert str(caught.value).startswith(str(path))


def test_an_explicit_file_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load(tmp_path, explicit=tmp_path / "nothing.toml")


def test_root_without_a_file_is_where_the_word_list_or_git_is(tmp_path: Path) -> None:
    write(tmp_path / WORDS_FILE, "")
    (tmp_path / "a").mkdir()
    assert find_root(tmp_path / "a") == tmp_path.resolve()


def test_add_words_keeps_the_list_sorted_unique_and_its_comments(tmp_path: Path) -> None:
    words = tmp_path / WORDS_FILE
    assert add_words(words, ["لياليا", "سهى"]) == ["لياليا", "سهى"]
    text = words.read_text(encoding="utf-8")
    assert text.startswith("# ") and text.endswith("سهى\nلياليا\n")
    write(words, "# my words\n# second comment\nكلمة\n")
    assert add_words(words, ["كلمة", "أخرى", "أخرى"]) == ["أخرى"]
    assert words.read_text(encoding="utf-8") == "# my words\n# second comment\nأخرى\nكلمة\n"
    with pytest.raises(ConfigError, match="is not a single word"):
        add_words(words, ["كلمتان اثنتان"])


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("tool = 3\n[project]\nname = 'lialia-docs'\n", "key 'tool': must be a table, not 3"),
        ("[tool]\nlialia = 3\n", "key 'tool.lialia': must be a table, not 3"),
        ('[tool]\nlialia = "x"\n', "key 'tool.lialia': must be a table, not 'x'"),
    ],
)
def test_a_pyproject_with_a_non_table_is_found_and_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, problem: str
) -> None:
    """Found by looking upward (not only with --config), and a ConfigError naming the
    file and the key, never an AttributeError."""
    write(tmp_path / "pyproject.toml", body)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as caught:
        load(tmp_path)
    assert str(caught.value) == f"pyproject.toml: {problem}"


@pytest.mark.parametrize(
    "body",
    [
        "[tool.lialia]\nmin-length = 3\n",
        "[tool]\nlialia = { min-length = 3 }\n",
        "tool.lialia.min-length = 3\n",
    ],
)
def test_every_spelling_of_the_lialia_table_is_found(tmp_path: Path, body: str) -> None:
    write(tmp_path / "pyproject.toml", body)
    assert load(tmp_path).min_length == 3


def test_a_pyproject_that_only_depends_on_lialia_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "sub" / "pyproject.toml", '[project]\ndependencies = ["lialia"]\n')
    assert find_config(tmp_path / "sub") is None


def test_max_file_size_is_read_in_megabytes(tmp_path: Path) -> None:
    assert load(tmp_path).max_file_size == 256
    config = load_file(write(tmp_path / CONFIG_FILE, "max-file-size = 10\n"))
    assert (config.max_file_size, config.max_file_bytes) == (10, 10 * 2**20)


def test_a_fifo_as_a_word_file_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "names.txt")
    path = write(tmp_path / CONFIG_FILE, 'extra-words = ["names.txt"]\n')
    with pytest.raises(ConfigError, match="not a regular file — a FIFO") as raised:
        load_file(path).words()
    # the advice is for a word list, not that of a text to check (pipe it to lialia)
    assert str(raised.value).endswith("a word list must be a file")


def test_add_words_refuses_a_symlink_that_leaves_the_project(tmp_path: Path) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    outside = write(elsewhere / "list.txt", "كلمة\nأخرى\n")
    (project / WORDS_FILE).parent.mkdir(parents=True)
    (project / WORDS_FILE).symlink_to(outside)
    with pytest.raises(ConfigError) as caught:
        add_words(project / WORDS_FILE, ["لياليا"])
    assert f"is a symlink to {outside.resolve()}, outside the project; nothing written" in str(
        caught.value
    )
    assert outside.read_text(encoding="utf-8") == "كلمة\nأخرى\n"  # not re-sorted either


def test_add_words_refuses_a_dangling_symlink_out_of_the_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / WORDS_FILE).symlink_to(tmp_path / "not-yet.txt")
    with pytest.raises(ConfigError, match="outside the project"):
        add_words(project / WORDS_FILE, ["لياليا"])
    assert not (tmp_path / "not-yet.txt").exists()


def test_add_words_writes_through_a_symlink_inside_the_project(tmp_path: Path) -> None:
    real = write(tmp_path / "docs" / "words.txt", "كلمة\n")
    (tmp_path / WORDS_FILE).symlink_to(Path("docs") / "words.txt")
    assert add_words(tmp_path / WORDS_FILE, ["أخرى"]) == ["أخرى"]
    assert (tmp_path / WORDS_FILE).is_symlink()
    assert real.read_text(encoding="utf-8") == "أخرى\nكلمة\n"


def _slowed_reads(monkeypatch: pytest.MonkeyPatch, pause: float) -> None:
    """Every read of a word list takes ``pause`` seconds longer: a writer that does not
    wait for the others is then sure to write over what they wrote meanwhile."""
    read = config.read_regular

    def slow(*args: Any, **kwargs: Any) -> tuple[bytes, os.stat_result]:
        found = read(*args, **kwargs)
        time.sleep(pause)
        return found

    monkeypatch.setattr(config, "read_regular", slow)


@pytest.mark.parametrize("through", ["file", "symlink"])
def test_add_words_from_many_threads_at_once_keeps_every_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, through: str
) -> None:
    """Writers are served one at a time, whichever name of the list they use (each
    thread locks on a descriptor of its own, as separate processes do)."""
    real = write(tmp_path / "docs" / "words.txt", BOM.decode() + "# ours\r\nكلمة\r\n")
    if through == "symlink":
        (tmp_path / WORDS_FILE).symlink_to(Path("docs") / "words.txt")
    _slowed_reads(monkeypatch, 0.02)
    words = ["لياليا", "سهى", "أخرى", "ثالثة", "رابعة", "خامسة", "سادسة", "سابعة"]
    names = [tmp_path / WORDS_FILE if through == "symlink" else real, real]
    with ThreadPoolExecutor(len(words)) as pool:
        added = list(pool.map(lambda i: add_words(names[i % 2], [words[i]]), range(len(words))))
    assert added == [[word] for word in words]
    body = "\r\n".join(["# ours", *sorted(["كلمة", *words])]) + "\r\n"
    assert real.read_bytes() == BOM + body.encode()
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["words.txt"]


def test_add_words_keeps_what_another_wrote_between_its_read_and_its_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor (which takes no lock) saves the list while lialia adds a word: the
    write is refused as changed since it was read, and the list is read again."""
    words = write(tmp_path / WORDS_FILE, "كلمة\n")
    read = config.read_regular
    calls = 0

    def edited(*args: Any, **kwargs: Any) -> tuple[bytes, os.stat_result]:
        nonlocal calls
        calls += 1
        found = read(*args, **kwargs)
        if calls == 1:
            words.write_text("كلمة\nأخرى\n", encoding="utf-8")
        return found

    monkeypatch.setattr(config, "read_regular", edited)
    assert add_words(words, ["لياليا"]) == ["لياليا"]
    assert words.read_text(encoding="utf-8") == "أخرى\nكلمة\nلياليا\n"
    assert calls == 2


def test_add_words_gives_up_on_a_list_that_keeps_changing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = write(tmp_path / WORDS_FILE, "كلمة\n")
    read = config.read_regular

    def edited(*args: Any, **kwargs: Any) -> tuple[bytes, os.stat_result]:
        found = read(*args, **kwargs)
        with words.open("a", encoding="utf-8") as f:
            f.write("أخرى\n")
        return found

    monkeypatch.setattr(config, "read_regular", edited)
    with pytest.raises(FileChangedError):
        add_words(words, ["لياليا"])
    assert "لياليا" not in words.read_text(encoding="utf-8")


def test_add_words_waits_for_the_lock_and_then_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fcntl = pytest.importorskip("fcntl")
    words = write(tmp_path / WORDS_FILE, "كلمة\n")
    monkeypatch.setattr(config, "LOCK_WAIT", 0.1)
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another process, writing the list
        with pytest.raises(ConfigError, match="another process has been writing it"):
            add_words(words, ["لياليا"])
    finally:
        os.close(fd)
    assert words.read_text(encoding="utf-8") == "كلمة\n"
    assert add_words(words, ["لياليا"]) == ["لياليا"]


def test_ctrl_c_while_words_add_waits_for_the_lock_stops_it(tmp_path: Path) -> None:
    """Ctrl-C was held through the wait for another writer's lock as well as the write:
    ignored for up to LOCK_WAIT seconds, then exit 2 (or the words written anyway).
    It is held around the write alone: the wait ends at once, exit 130, nothing written."""
    import signal
    import subprocess
    import time

    fcntl = pytest.importorskip("fcntl")
    (tmp_path / ".git").mkdir()
    words = write(tmp_path / WORDS_FILE, "كلمة\n")
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another process, writing the list
        process = subprocess.Popen(
            [sys.executable, "-m", "lialia", "words", "add", "لياليا"],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)  # started, and waiting
        process.send_signal(signal.SIGINT)
        started = time.monotonic()
        try:
            code = process.wait(timeout=20)
        finally:
            if process.poll() is None:
                process.kill()
            if process.stderr is not None:
                process.stderr.close()
    finally:
        os.close(fd)
    assert code == 130 and time.monotonic() - started < 10
    assert words.read_text(encoding="utf-8") == "كلمة\n"


def test_add_words_without_fcntl_as_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No ``fcntl`` to import: nothing is locked, and the words are still added."""
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl -> ImportError
    words = tmp_path / WORDS_FILE
    assert add_words(words, ["لياليا"]) == ["لياليا"]
    assert add_words(words, ["سهى", "لياليا"]) == ["سهى"]
    assert words.read_text(encoding="utf-8").splitlines()[1:] == ["سهى", "لياليا"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (BOM + "# list\r\nكلمة\r\n".encode(), BOM + "# list\r\nأخرى\r\nكلمة\r\n".encode()),
        ("# list\r\nكلمة".encode(), "# list\r\nأخرى\r\nكلمة\r\n".encode()),
        ("كلمة\n".encode(), "أخرى\nكلمة\n".encode()),
        (BOM + "كلمة\n".encode(), BOM + "أخرى\nكلمة\n".encode()),
    ],
)
def test_add_words_keeps_the_byte_order_mark_and_line_endings(
    tmp_path: Path, before: bytes, after: bytes
) -> None:
    words = tmp_path / WORDS_FILE
    words.write_bytes(before)
    add_words(words, ["أخرى"])
    assert words.read_bytes() == after


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling", "device"])
def test_a_configuration_that_is_not_a_file_is_an_error_not_skipped(
    tmp_path: Path, kind: str
) -> None:
    """A .lialia.toml that cannot be read is reported: skipping it ran with the parent
    folder's configuration (here min-length = 99: a misspelling passed, exit 0); a FIFO
    or /dev/zero must not hang the run nor fill memory."""
    write(tmp_path / CONFIG_FILE, "min-length = 99\n")
    here = tmp_path / "sub"
    here.mkdir()
    broken = here / CONFIG_FILE
    if kind == "folder":
        broken.mkdir()
    elif kind == "fifo":
        os.mkfifo(broken)
    elif kind == "dangling":
        broken.symlink_to(here / "nowhere.toml")
    else:
        broken.symlink_to("/dev/zero")
    with pytest.raises(ConfigError) as raised:
        load(here)
    assert str(raised.value).split(":")[0].endswith(CONFIG_FILE) or kind == "device"


def test_a_configuration_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / CONFIG_FILE
    path.write_bytes(codecs.BOM_UTF8 + b"min-length = 3\n")
    assert load(tmp_path).min_length == 3


def test_a_broken_pyproject_with_dotted_lialia_keys_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "tool.lialia.min-length = 99\n[broken\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load(tmp_path)
