"""Project configuration: where it is found, what it may say, and the project word list."""

from __future__ import annotations

from pathlib import Path

import pytest

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
from lialia.errors import ConfigError


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
