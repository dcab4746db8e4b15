"""Reporters: one per format, pinned on findings built by hand (no engine involved)."""

from __future__ import annotations

import json
import os

import pytest

from lialia.findings import Finding, Severity, Suggestion
from lialia.report import (
    Located,
    github_line,
    json_line,
    sarif,
    sarif_log,
    suggest_json,
    suggest_text,
    summary,
    text_line,
    text_rich,
)


def finding(
    word: str, *suggestions: str, line: int = 1, column: int = 1, severity: str = "misspelling"
) -> Finding:
    return Finding(
        line,
        column,
        column - 1,
        word,
        Severity(severity),
        tuple(Suggestion(s, -float(i), "edit") for i, s in enumerate(suggestions)),
    )


@pytest.mark.parametrize(
    ("path", "found", "expected"),
    [
        ("a.md", finding("الى", "إلى", line=3, column=7), "a.md:3:7: الى -> إلى"),
        (
            "docs/b.txt",
            finding("المدرسه", "المدرسة", "المدرس", "المدارس", line=1, column=12),
            "docs/b.txt:1:12: المدرسه -> المدرسة (المدرس, المدارس)",
        ),
        ("-", finding("ززززز", line=2, column=1), "-:2:1: ززززز -> (no suggestion)"),
        # the surface form is kept, diacritics included
        ("a.md", finding("هَاذَا", "هذا", column=5), "a.md:1:5: هَاذَا -> هذا"),
    ],
)
def test_text_line(path: str, found: Finding, expected: str) -> None:
    assert text_line(Located(path, found)) == expected
    assert text_rich(Located(path, found)).plain == expected


def test_text_rich_colours_word_by_severity() -> None:
    wrong = text_rich(Located("a.md", finding("الى", "إلى")))
    rare = text_rich(Located("a.md", finding("اكثر", "أكثر", severity="probable")))
    styles = {str(span.style) for span in wrong.spans}
    assert "bold red" in styles
    assert "bold yellow" in {str(span.style) for span in rare.spans}


def test_json_line_has_the_documented_keys_and_real_arabic() -> None:
    line = json_line(Located("a.md", finding("الى", "إلى", "ألا", line=2, column=4)))
    assert "\\u" not in line and "\n" not in line
    assert json.loads(line) == {
        "path": "a.md",
        "line": 2,
        "column": 4,
        "word": "الى",
        "severity": "misspelling",
        "suggestions": ["إلى", "ألا"],
        "fix": None,  # not confident: --fix leaves it
    }


@pytest.mark.parametrize(
    ("path", "expected_file"),
    [
        ("a.md", "file=a.md"),
        ("dir,with:odd%name.md", "file=dir%2Cwith%3Aodd%25name.md"),
    ],
)
def test_github_line(path: str, expected_file: str) -> None:
    line = github_line(Located(path, finding("الى", "إلى", line=3, column=7)))
    assert line == (
        f"::warning {expected_file},line=3,col=7,endColumn=10,"
        "title=lialia%3A misspelling::الى -> إلى"
    )


def test_sarif_log_is_sarif_2_1_0() -> None:
    items = [
        Located("docs/مقال.md", finding("الى", "إلى", line=2, column=5)),
        Located("b.txt", finding("اكثر", "أكثر", severity="probable")),
        Located("c.txt", finding("ززززز")),
    ]
    log = json.loads(json.dumps(sarif_log(items)))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "lialia"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["misspelling", "probable"]
    assert run["columnKind"] == "unicodeCodePoints"
    first, second, third = run["results"]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/%D9%85%D9%82%D8%A7%D9%84.md"
    assert location["region"] == {"startLine": 2, "startColumn": 5, "endColumn": 8}
    assert first["ruleId"] == "misspelling" and first["level"] == "error"
    assert "إلى" in first["message"]["text"]
    fix = first["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"] == "إلى"
    assert second["ruleId"] == "probable" and second["level"] == "warning"
    assert second["ruleIndex"] == 1
    assert "fixes" not in third


def test_a_file_name_that_is_not_utf8_gives_valid_json_and_sarif() -> None:
    """A name's undecodable bytes (read as lone surrogates) are written as ``\\udcff`` in
    JSON, which gives the bytes back, and percent-encoded in SARIF's URI; the output is
    valid UTF-8 (SARIF crashed, JSON held a raw 0xFF byte)."""
    name = b"docs/bad\xff.md".decode("utf-8", "surrogateescape")
    item = Located(name, finding("الى", "إلى"))
    line = json_line(item)
    line.encode("utf-8")  # no lone surrogate left: valid UTF-8
    assert os.fsencode(json.loads(line)["path"]) == b"docs/bad\xff.md"
    assert "الى" in line  # the rest stays readable text
    log = sarif([item])
    log.encode("utf-8")
    location = json.loads(log)["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "docs/bad%FF.md"


def test_sarif_fix_carries_the_vowel_marks_of_the_written_word() -> None:
    log = sarif_log([Located("a.md", finding("الَى", "إلى"))])
    fix = log["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"] == "إلَى"


def test_sarif_log_without_findings_still_has_a_run() -> None:
    log = sarif_log([])
    assert log["runs"][0]["results"] == []


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((3, 812, 4, 0.214), "checked 3 files, 812 words, 4 findings in 0.21 s"),
        ((1, 1, 1, 1.0), "checked 1 file, 1 word, 1 finding in 1.00 s"),
        ((0, 0, 0, 0.0), "checked 0 files, 0 words, 0 findings in 0.00 s"),
    ],
)
def test_summary(counts: tuple[int, int, int, float], expected: str) -> None:
    assert summary(*counts) == expected


@pytest.mark.parametrize(
    ("word", "suggestions", "correct", "reason", "expected"),
    [
        ("كتاب", [], True, None, "كتاب: ok"),
        ("الى", ["إلى", "ألا"], False, "known misspelling", "الى -> إلى, ألا"),
        ("ززززز", [], False, "not in lexicon", "ززززز -> (no suggestion)"),
        ("hello", [], False, "not Arabic", "hello: not Arabic"),
        ("", [], False, "empty", ": empty"),
    ],
)
def test_suggest_text(
    word: str, suggestions: list[str], correct: bool, reason: str | None, expected: str
) -> None:
    assert suggest_text(word, suggestions, correct, reason) == expected


def test_suggest_json() -> None:
    assert json.loads(
        suggest_json("الى", ["إلى"], False, Severity.MISSPELLING, "الى", "known misspelling")
    ) == {
        "word": "الى",
        "normalized": "الى",
        "correct": False,
        "severity": "misspelling",
        "reason": "known misspelling",
        "suggestions": ["إلى"],
    }
    plain = json.loads(suggest_json("كِتَاب", [], True, None, "كتاب"))
    assert (plain["severity"], plain["reason"], plain["normalized"]) == (None, None, "كتاب")
