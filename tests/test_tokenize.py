"""Tokenizer: Arabic words with exact positions; what is not prose is skipped."""

from __future__ import annotations

import pytest
import regex

from lialia.tokenize import syntax_for, tokenize


def words(text: str, syntax: str = "plain") -> list[str]:
    return [t.text for t in tokenize(text, syntax)]


def test_positions_are_code_points_and_one_based() -> None:
    text = "سطر أول\r\nفي الْمَدْرَسَةِ كتاب"
    tokens = list(tokenize(text))
    assert [(t.text, t.line, t.column) for t in tokens] == [
        ("سطر", 1, 1),
        ("أول", 1, 5),
        ("في", 2, 1),
        ("الْمَدْرَسَةِ", 2, 4),
        ("كتاب", 2, 18),
    ]
    for token in tokens:
        assert text[token.offset : token.offset + len(token.text)] == token.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("مرحبا world 2024 ٢٠٢٤", ["مرحبا"]),
        ("انظر https://ar.wikipedia.org/wiki/مصر الآن", ["انظر", "الآن"]),
        ("راسلنا على user@example.com اليوم", ["راسلنا", "على", "اليوم"]),
        ("كلمة،كلمة؟ «اقتباس»", ["كلمة", "كلمة", "اقتباس"]),
        ("كتـــاب", ["كتـــاب"]),
        ("عام 2020م", ["عام", "م"]),
    ],
)
def test_plain_text(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نص `رمز` نص", ["نص", "نص"]),
        ("قبل\n```\nكود داخل\n```\nبعد", ["قبل", "بعد"]),
        ("قبل\n~~~python\nكود\n~~~\nبعد", ["قبل", "بعد"]),
        ('<a title="عنوان">رابط</a>', ["رابط"]),
        ("[نص الرابط](docs/ملف.md)", ["نص", "الرابط"]),
        ("سطر lialia: ignore\nسطر آخر", ["سطر", "آخر"]),
        ("أ\n<!-- lialia: disable -->\nمخفي\n<!-- lialia: enable -->\nظاهر", ["أ", "ظاهر"]),
    ],
)
def test_markdown(text: str, expected: list[str]) -> None:
    assert words(text, "markdown") == expected


def test_html_script_and_attributes() -> None:
    text = '<p class="نص">فقرة</p><script>var x = "كود";</script>'
    assert words(text, "html") == ["فقرة"]


def test_rst_literals() -> None:
    assert words("نص ``حرفي`` نص", "rst") == ["نص", "نص"]


def test_tex_verbatim() -> None:
    text = "نص \\verb|رمز| و\n\\begin{verbatim}\nكود\n\\end{verbatim}\nآخر"
    assert words(text, "tex") == ["نص", "و", "آخر"]


def test_ignore_patterns() -> None:
    pattern = regex.compile(r"#\w+")
    assert [t.text for t in tokenize("وسم #خاطئه هنا", "plain", [pattern])] == ["وسم", "هنا"]


def test_unknown_syntax_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown syntax"):
        list(tokenize("نص", "docx"))


@pytest.mark.parametrize(
    ("name", "syntax"),
    [
        ("a.md", "markdown"),
        ("docs/مقدمة.MARKDOWN", "markdown"),
        ("a.mdx", "markdown"),
        ("b.HTML", "html"),
        ("b.htm", "html"),
        ("c.rst", "rst"),
        ("d.tex", "tex"),
        ("notes.txt", "plain"),
        ("a.py", "plain"),
        ("Makefile", "plain"),
    ],
)
def test_syntax_for(name: str, syntax: str) -> None:
    assert syntax_for(name) == syntax


def test_a_huge_line_is_tokenized() -> None:
    text = "كلمة " * 200_000
    assert sum(1 for _ in tokenize(text)) == 200_000


@pytest.mark.parametrize("syntax", ["plain", "markdown", "html", "rst", "tex"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("زر www.مثال.com/صفحة اليوم", ["زر", "اليوم"]),
        ("نزّل ftp://خادم/ملف الآن", ["نزّل", "الآن"]),
        ("راسل اسم@مثال.com غدا", ["راسل", "غدا"]),
        ("نص بلا عنوان", ["نص", "بلا", "عنوان"]),
    ],
)
def test_addresses_are_skipped_in_every_syntax(
    syntax: str, text: str, expected: list[str]
) -> None:
    # the address patterns run only on texts that can hold an address: these can
    assert words(text, syntax) == expected
