"""Tokenizer: Arabic words with exact positions; what is not prose is skipped."""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lialia.normalize import HONORIFICS
from lialia.tokenize import (
    _INNER,
    _INVISIBLE,
    _LETTER,
    WORD_RE,
    _directive_res,
    _directive_spans,
    is_fragment,
    line_breaks,
    line_offsets,
    masked_spans,
    pieces,
    syntax_for,
    tokenize,
    windows,
)


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
def test_addresses_are_skipped_in_every_syntax(syntax: str, text: str, expected: list[str]) -> None:
    # the address patterns run only on texts that can hold an address: these can
    assert words(text, syntax) == expected


# -- the hot path: words as runs, and the text cut around them -----------------------

# WORD_RE as it was written before it matched runs: one character at a time
_ONE_AT_A_TIME = re.compile(
    f"[{re.escape(HONORIFICS)}]"
    f"|[{_LETTER}](?:[{_LETTER}{_INNER}]|[{_INVISIBLE}]+(?=[{_LETTER}{_INNER}]))*"
)
# what a word may hold, what ends one, and what may sit between words
_ALPHABET = (
    "كتبالمدرسةىأإآ"
    "\N{ARABIC FATHA}\N{ARABIC SHADDA}\N{ARABIC HAMZA ABOVE}\N{ARABIC MADDAH ABOVE}"
    "\N{ARABIC SMALL HIGH LIGATURE SAD WITH LAM WITH ALEF MAKSURA}\N{ARABIC TATWEEL}"
    "\N{ZERO WIDTH NON-JOINER}\N{RIGHT-TO-LEFT MARK}\N{SOFT HYPHEN}"
    "\N{ARABIC END OF AYAH}\N{ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM}"
    "\N{ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM}\N{ARABIC LETTER KEHEH}"
    " \n،a1٢"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_words_match_as_they_did_one_character_at_a_time(text: str) -> None:
    assert [m.span() for m in WORD_RE.finditer(text)] == [
        m.span() for m in _ONE_AT_A_TIME.finditer(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "في البيت",
        "الْمَدْرَسَةِ،\nكتاب ok 42 ﷺ",
        "می\N{ZERO WIDTH NON-JOINER}خواهم \N{ZERO WIDTH NON-JOINER}بيت\N{ZERO WIDTH NON-JOINER}",
        "ذٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ ۛ فِيهِ ۛ هُدًى ۝٢",
    ],
)
def test_pieces_put_the_words_at_odd_indices_and_give_the_text_back(text: str) -> None:
    cut = pieces(text)
    assert "".join(cut) == text
    assert cut[1::2] == WORD_RE.findall(text)


@pytest.mark.parametrize("size", [1, 2, 5, 7, 100])
@pytest.mark.parametrize(
    "text",
    [
        "",
        "كتاب",
        "في البيت\nكتاب الْمَدْرَسَةِ ok",
        "كتاب\N{ZERO WIDTH NON-JOINER}\N{ZERO WIDTH NON-JOINER}كتاب البيت",  # no cut inside
        "بلامسافةطويلةجدا ثم كلمة",
    ],
)
def test_windows_cover_the_text_and_cut_no_word(text: str, size: int) -> None:
    cuts = list(windows(text, size))
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in zip(cuts, cuts[1:], strict=False))
    assert [w for start, end in cuts for w in WORD_RE.findall(text[start:end])] == (
        WORD_RE.findall(text)
    )


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_every_line_ending_ends_a_line(end: str) -> None:
    """\n, \r\n and a lone \r (old Mac files) each end a line: for positions, for
    ``lialia: ignore`` (its own line only) and for ``lialia: disable``/``enable``."""
    text = end.join(["ذهبت الى البيت", "هاذا كتاب", ""])
    positions = [(t.line, t.column, t.text) for t in tokenize(text)]
    assert positions[3:] == [(2, 1, "هاذا"), (2, 6, "كتاب")]
    assert line_breaks(text) == 2 and len(line_offsets(text)) == 3
    ignored = end.join(["الى <!-- lialia: ignore -->", "هاذا", ""])
    assert [t.text for t in tokenize(ignored, "markdown")] == ["هاذا"]
    disabled = end.join(["lialia: disable", "الى", "lialia: enable", "هاذا", ""])
    assert [t.text for t in tokenize(disabled)] == ["هاذا"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "lialia:",
                " ignore",
                "ignore",
                " disable",
                "disable",
                " enable",
                "enable",
                "\n",
                "\n",
                "\r",
                "\r\n",
                " ",
                "x",
                "كتاب",
                "\t",
                "lialia",
            ]
        ),  # fmt: skip
        max_size=30,
    ).map("".join)
)
def test_directives_are_found_as_a_scan_of_every_line_finds_them(text: str) -> None:
    """Only the lines that mention ``lialia:`` are tried: the same spans as the
    patterns' own scan over the whole text."""
    scanned = [m.span() for pattern in _directive_res() for m in pattern.finditer(text)]
    assert _directive_spans(text) == scanned


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a > inside a quoted attribute value does not end the tag
        ('<img alt="صورة > مخفي" src="x.png">ظاهر', ["ظاهر"]),
        ("<a title='أ > مخفي' href=\"ب\">ظاهر</a>", ["ظاهر"]),
        # a comment ends at -->, not at its first >; an unclosed one runs to the end
        ("<!-- ملاحظة: a -> b ثم مخفي -->ظاهر", ["ظاهر"]),
        ("ظاهر <!-- غير مغلق\nمخفي", ["ظاهر"]),
        ("<![CDATA[ مخفي > مخفي ]]>ظاهر", ["ظاهر"]),
        # a < that opens no tag is text
        ("أ < ب و ج > د", ["أ", "ب", "و", "ج", "د"]),
        # a tag left unclosed by its quote still ends at its first >, as before
        ('<p title="مخفي>ظاهر', ["ظاهر"]),
    ],
)
def test_html_tags_comments_and_quoted_attributes(text: str, expected: list[str]) -> None:
    assert words(text, "html") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a directive's argument and options are paths, names or code ...
        (".. include:: مخفي.rst\n\nظاهر", ["ظاهر"]),
        (".. image:: صور/مخفي.png\n   :alt: ظاهر\n   :name: مخفي\n", ["ظاهر"]),
        # a path argument may go on over the lines before the options
        (".. include::\n   مخفي/\n   مخفي.rst\n   :start-line: 2\n\nظاهر", ["ظاهر"]),
        (".. figure::\n   صور/مخفي.png\n   :alt: ظاهر\n\n   ظاهر\n", ["ظاهر", "ظاهر"]),
        ("  .. figure:: مخفي.png\n     :width: مخفي\n     :caption: ظاهر\n", ["ظاهر"]),
        # ... unless it is prose: an admonition, a title, a replacement text
        (".. note:: ظاهر\n   ظاهر\n", ["ظاهر", "ظاهر"]),
        (".. topic:: ظاهر\n", ["ظاهر"]),
        (".. |مخفي| replace:: ظاهر\n", ["ظاهر"]),
        # the content of raw, math, code and toctree directives is not prose, at any depth
        (".. raw:: html\n\n   <b>مخفي</b>\n\nظاهر", ["ظاهر"]),
        ("- ظاهر\n\n  .. code:: python\n\n     مخفي\n\n  ظاهر\n", ["ظاهر", "ظاهر"]),
        (".. toctree::\n   :maxdepth: 2\n\n   مخفي\n   مخفي/ملف\nظاهر", ["ظاهر"]),
        # options only right after the directive line: a field list in the content is prose
        (".. note::\n\n   :مخفي: ظاهر\n", ["مخفي", "ظاهر"]),
        # targets, substitution references, footnote and citation labels
        (".. _مخفي-مخفي:\n.. __: مخفي\n__ مخفي\nظاهر", ["ظاهر"]),
        ("ظاهر |مخفي| و [مخفي]_ [#مخفي]_\n\n.. [مخفي] ظاهر\n", ["ظاهر", "و", "ظاهر"]),
        ("`ظاهر <https://مخفي>`_ `ظاهر <مخفي_>`_", ["ظاهر", "ظاهر"]),
        # a grid table's cells and a line block are prose
        ("+---+\n| ظاهر |\n+---+\n| ظاهر\n", ["ظاهر", "ظاهر"]),
    ],
)
def test_rst_directives_targets_and_labels(text: str, expected: list[str]) -> None:
    assert words(text, "rst") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\\input{مخفي} \\include{مخفي} \\includegraphics[width=1cm]{مخفي.png}", []),
        ("\\cite{مخفي} \\citep[مخفي]{مخفي} \\parencite{مخفي} \\nocite{مخفي}", []),
        ("\\label{sec:مخفي} \\ref{مخفي} \\eqref{مخفي} \\autoref{مخفي}", []),
        ("\\usepackage[مخفي]{مخفي} \\documentclass{مخفي} \\bibliography{مخفي}", []),
        ("\\url{مخفي} \\href{مخفي}{ظاهر}", ["ظاهر"]),
        ("\\hyperref[sec:مخفي]{ظاهر}", ["ظاهر"]),
        ("\\newcommand{\\مخفي}[1]{ظاهر} \\def\\مخفي{ظاهر} \\مخفي", ["ظاهر", "ظاهر"]),
        ("\\begin{مخفي}ظاهر\\end{مخفي}", ["ظاهر"]),
        # prose arguments, and the text after a line break \\ or a control symbol
        ("\\section{ظاهر} \\textbf{ظاهر} ظاهر\\\\ظاهر \\%ظاهر", ["ظاهر"] * 5),
    ],
)
def test_tex_keys_paths_labels_and_command_names(text: str, expected: list[str]) -> None:
    assert words(text, "tex") == expected


@pytest.mark.parametrize(
    ("syntax", "text", "word", "expected"),
    [
        ("plain", "ه**اذا** كتاب", "اذا", True),
        ("plain", "ه**اذا** كتاب", "ه", True),
        ("plain", "**الى** كتاب", "الى", False),  # markup between a word and a space
        ("plain", "الى**\nكتاب", "الى", False),
        ("plain", "هـ<i>اذا</i>", "اذا", True),
        ("plain", "هَ<b class='x'>اذا</b>", "اذا", True),  # a mark ends the first part
        ("plain", "ال*API*", "ال", False),  # Latin on the other side
        ("plain", "كتاب * قلم", "كتاب", False),
        ("plain", "اسم_الملف", "الملف", True),
        ("markdown", "[الى](/أ)البيت", "الى", True),
        ("markdown", "ه`رمز`اذا", "اذا", True),
        ("markdown", "الى `رمز` البيت", "الى", False),
        ("tex", "ه\\textbf{اذا}", "اذا", True),
        ("tex", "\\textbf{الى} البيت", "الى", False),
        ("tex", "الى~البيت", "الى", False),  # ~ is a space in TeX
        ("tex", "سطر\\\\الى", "الى", False),  # and so is \\
        ("tex", "{\\bf ه}اذا", "اذا", True),
        ("tex", "\\newcommand{\\الى}{الى}", "الى", False),  # a command's name is no word
        ("tex", "\\href{https://أ/ب}{الى}", "الى", False),
    ],
)
def test_a_word_joined_by_markup_to_more_letters_is_a_fragment(
    syntax: str, text: str, word: str, expected: bool
) -> None:
    start = text.rindex(word)  # its last occurrence
    masks = masked_spans(text, syntax)
    assert is_fragment(text, start, start + len(word), syntax, masks) is expected


RST_SAMPLES = [
    "نص الى ::\n\n   هاذا كود\n\nبعد هاذا\n",
    ".. code-block:: python\n\n   مخفي = 1\n\nظاهر\n",
    ".. include::\n   مخفي.rst\n\nظاهر\n",
    ".. _مخفي:\n\nظاهر `مخفي`_ و مخفي_\n",
    ".. note:: ظاهر\n   ظاهر\n\n.. raw:: html\n\n   <b>مخفي</b>\n\nظاهر\n",
    ".. toctree::\n   :maxdepth: 2\n\n   مخفي\n\nظاهر ``مخفي``\n",
]


@pytest.mark.parametrize("text", RST_SAMPLES)
@pytest.mark.parametrize("end", ["\r\n", "\r"])
def test_rst_reads_every_line_end_alike(text: str, end: str) -> None:
    """The reStructuredText rules were written for \\n: in a CRLF file (Windows) a
    literal block's code was checked, and fixed; in a CR file a directive masked the
    rest of the file.  Every line end now gives the words, and places, of \\n."""
    other = text.replace("\n", end)
    lf = [(t.text, t.line, t.column) for t in tokenize(text, "rst")]
    assert [(t.text, t.line, t.column) for t in tokenize(other, "rst")] == lf


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_literal_block_the_text_ends_in_is_masked_at_once(end: str) -> None:
    """A literal block whose last line has no line break after it matched nothing, and
    the pattern tried every way to split each indented line: exponential time (a
    2 KB reStructuredText file never finished).  Run in a child with a deadline."""
    import subprocess
    import sys

    text = ("مثال::\n\n" + "        مخفي = 1\n" * 40 + "        مخفي = 2").replace("\n", end)
    code = (
        "import sys; from lialia.tokenize import tokenize;"
        "print([t.text for t in tokenize(sys.stdin.read(), 'rst')])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.stdout.strip() == "['مثال']", done.stderr
