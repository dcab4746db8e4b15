"""Markdown masked by a CommonMark parser: what is checked, what is not, at exact offsets.

The cases follow examples of the CommonMark spec (https://spec.commonmark.org/0.31.2/),
with Arabic put where the spec has Latin placeholders; "example N" is the spec's number,
"after section X" a case built from that section's rules. Tables follow the GFM spec.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lialia.cli import ExitCode
from lialia.markdown import markdown_masks, markdown_regions
from lialia.tokenize import masked_spans, tokenize


def checked(text: str) -> list[str]:
    """The words of a Markdown ``text`` that are checked, each at its exact offset."""
    tokens = list(tokenize(text, "markdown"))
    for token in tokens:
        assert text[token.offset : token.offset + len(token.text)] == token.text
    return [token.text for token in tokens]


CASES = [
    # fenced code (examples 119, 120: ``` and ~~~ fences)
    ("قبل\n```\nكود مخفي\n```\nبعد\n", ["قبل", "بعد"]),
    ("قبل\n~~~\nكود مخفي\n~~~\nبعد\n", ["قبل", "بعد"]),
    ("قبل\n~~~ بايثون\nكود\n~~~\nبعد\n", ["قبل", "بعد"]),  # the info string is code too
    # example 124: a fence is closed by a longer fence; the shorter one inside is code
    ("````\nكود\n```\nمخفي\n``````\nظاهر\n", ["ظاهر"]),
    # example 125: the same with tildes
    ("~~~~\nكود\n~~~\nمخفي\n~~~~~\nظاهر\n", ["ظاهر"]),
    # example 122: a fence is not closed by the other kind of fence
    ("```\nكود\n~~~\nمخفي\n```\nظاهر\n", ["ظاهر"]),
    # examples 126, 127: an unclosed fence runs to the end of the document
    ("نص\n`````\n\n```\nكود بلا نهاية\n", ["نص"]),
    # example 128: ... or to the end of its container (here a block quote)
    ("> ```\n> كود\n\nظاهر بعد الاقتباس\n", ["ظاهر", "بعد", "الاقتباس"]),
    # fenced code inside list items (after section 5.2, list items), at any depth
    ("- بند\n\n  ```\n  كود في البند\n  ```\n- بند ثان\n", ["بند", "بند", "ثان"]),
    ("1. بند\n   - فرعي\n     ```\n     كود عميق\n     ```\n   - آخر\n", ["بند", "فرعي", "آخر"]),
    ("> - اقتباس\n>   ~~~\n>   كود\n>   ~~~\n", ["اقتباس"]),
    # example 107: indented code
    ("نص\n\n    كود مفهرس\n      سطر ثان\n\nنص\n", ["نص", "نص"]),
    # example 254: indented code inside a list item
    ("1.  فقرة\n    بسطرين.\n\n        كود مفهرس\n\n    > اقتباس.\n", ["فقرة", "بسطرين", "اقتباس"]),
    # indented code in a block quote, and after a list marker and five spaces (section 5.2)
    (">     كود مقتبس\n\nنص\n", ["نص"]),
    ("-     كود في بند\n\nنص\n", ["نص"]),
    # a tab as the indentation of code
    ("نص\n\n\tكود بجدولة\n", ["نص"]),
    # code spans (section 6.1), backslash-escaped backticks do not open one
    ("نص `رمز` و``رمز ` آخر``نص\n", ["نص", "و", "نص"]),
    ("نص \\`ليس رمزا` هنا\n", ["نص", "ليس", "رمزا", "هنا"]),
    ("سطر `رمز\nيمتد` ظاهر\n", ["سطر", "ظاهر"]),
    ("غير `مغلق هنا\n", ["غير", "مغلق", "هنا"]),  # an unmatched backtick is text
    # HTML blocks (section 4.6): types 1 to 5 hold no prose at all ...
    ("<pre>\nكود\n</pre>\n\nنص\n", ["نص"]),
    ("<!-- تعليق\nطويل -->\n\nنص\n", ["نص"]),
    ("<script>\nvar s = 'نص';\n</script>\nظاهر\n", ["ظاهر"]),
    # ... the other blocks keep their text between tags, not their attributes
    ('<div title="عنوان">\nنص داخل\n</div>\n\nبعد\n', ["نص", "داخل", "بعد"]),
    ('<p align="center" alt="بديل">مرحبا <b>بكم</b></p>\n', ["مرحبا", "بكم"]),
    # ... a > inside a quoted attribute or a comment does not end the tag or the comment
    ('<div title="أ > مخفي">\nنص\n</div>\n', ["نص"]),
    ("<div>\n<!-- أ -> مخفي -->\nنص\n</div>\n", ["نص"]),
    # raw (inline) HTML with Arabic attributes (section 6.6)
    ('نص <span title="عنوان عربي" data-x=\'قيمة\'>داخل</span> بعد\n', ["نص", "داخل", "بعد"]),
    ("نص <!-- تعليق --> بعد\n", ["نص", "بعد"]),
    ('نص <img alt="أ > مخفي"> و<!-- a -> مخفي --> بعد\n', ["نص", "و", "بعد"]),
    # the content of inline code elements is code, in paragraphs and in HTML blocks
    ("اضغط <kbd>مفتاح</kbd> ثم <code>رمز `داخل`</code> نص\n", ["اضغط", "ثم", "نص"]),
    ("<div>\nنص <code>رمز</code> بعد\n</div>\n", ["نص", "بعد"]),
    ("نص <code/> ظاهر <code:مثال> هنا\n", ["نص", "ظاهر", "هنا"]),
    # example 593 and section 6.5: autolinks
    ("انظر <https://مثال.com/صفحة> هنا\n", ["انظر", "هنا"]),
    ("راسل <بريد@مثال.com> اليوم\n", ["راسل", "اليوم"]),
    # link reference definitions (section 4.7), also over several lines
    ('[مرجع]: /رابط "عنوان"\n\nنص [مرجع]\n', ["نص", "مرجع"]),
    ("[مرجع]:\n  /رابط\n  'عنوان الرابط'\n\nنص\n", ["نص"]),
    # links (section 6.3): the text is checked, destination and title are not
    ('[نص الرابط](docs/ملف.md "عنوان")\n', ["نص", "الرابط"]),
    ("[نص](<وجهة بمسافة> 'عنوان')\n", ["نص"]),
    ("[نص `رمز`](/وجهة)\n", ["نص"]),
    ("[نص][مرجع]\n\n[مرجع]: /وجهة\n", ["نص"]),
    ("[غير رابط] (ليس وجهة)\n", ["غير", "رابط", "ليس", "وجهة"]),
    # images (section 6.4): the description (alt text) is checked
    ('![وصف الصورة](صورة.png "عنوان")\n', ["وصف", "الصورة"]),
    ("[![شعار](شعار.svg)](https://مثال.com)\n", ["شعار"]),
    # headings, emphasis, lists
    ("# عنوان `كود` #\n\n## *مائل* و**عريض**\n", ["عنوان", "مائل", "و", "عريض"]),
    ("عنوان `كود`\n=====\n", ["عنوان"]),
    ("- أول\n- `ثان`\n  * ثالث\n", ["أول", "ثالث"]),
    # tables (GFM): cells are prose, code in cells is not, escaped pipes are handled
    (
        "| اسم | رمز |\n|---|---|\n| قلم | `قلم` |\n| خلية \\| `رمز\\|رمز` | نص |\n",
        ["اسم", "رمز", "قلم", "خلية", "نص"],
    ),
    ("| أ | أ |\n|---|---|\n| ب | `ب` |\n", ["أ", "أ", "ب"]),
    # front matter, YAML and TOML, only at the very top, only when closed
    ("---\ntitle: عنوان\ntags: [وسم]\n---\n\n# نص\n", ["نص"]),
    ("---\ntitle: عنوان\n...\nنص\n", ["نص"]),
    ("+++\ntitle = 'عنوان'\n+++\nنص\n", ["نص"]),
    ("نص\n\n---\nعنوان: ظاهر\n---\n", ["نص", "عنوان", "ظاهر"]),  # not at the top
    ("---\nبلا إغلاق\n", ["بلا", "إغلاق"]),  # unclosed: a rule, then a paragraph
    # line endings: CRLF and a lone CR end lines for the parser and for the offsets
    ("قبل\r\n```\r\nكود\r\n```\r\nبعد `رمز` نص\r\n", ["قبل", "بعد", "نص"]),
    ("قبل\r```\rكود\r```\rبعد\r", ["قبل", "بعد"]),
    # diacritics survive and keep their offsets
    ("الْكِتَابُ `مُخْفًى` جَمِيلٌ\n", ["الْكِتَابُ", "جَمِيلٌ"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_what_is_checked(text: str, expected: list[str]) -> None:
    assert checked(text) == expected


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("نص `رمز` و[رابط](https://مثال.com)", ["`رمز`", "](https://مثال.com)"]),
        ("> نص `رمز`\n> يتبع `آخر`", ["`رمز`", "`آخر`"]),
        ("- بند\n\tيتبع `رمز` هنا", ["`رمز`"]),  # a tab the list item partly consumes
        ("| `أ` | `أ` |\n|---|---|\n", ["`أ`", "`أ`"]),
        ("---\nعنوان: نص\n---\nنص", ["---\nعنوان: نص\n---\n"]),
    ],
)
def test_masks_are_exact(text: str, masked: list[str]) -> None:
    assert [text[start:end] for start, end in sorted(markdown_masks(text))] == masked


@pytest.mark.parametrize(
    ("text", "frozen"),
    [
        # a shortcut (example 568) or collapsed (example 557) reference link's text is
        # also its label: checked and reported, never fixed (the definition's label is
        # masked, so a fix would break the link)
        ("[هاذا] و [الى][]\n\n[هاذا]: http://y\n[الى]: http://z\n", ["هاذا", "الى"]),
        ("![صوره] و ![شعار][]\n\n[صوره]: /أ.png\n[شعار]: /ب.png\n", ["صوره", "شعار"]),
        ("- بند [*مرجع* هنا]\n\n[*مرجع* هنا]: /أ\n", ["*مرجع* هنا"]),
        # a full reference link's text is not its label, an inline link has none
        ("[نص][مرجع] و [نص](/أ)\n\n[مرجع]: /ب\n", []),
        # without a definition [x] is text
        ("[نص] و [آخر][]\n", []),
        # a shortcut reference followed by text in parentheses (example 569 and after)
        ("[مرجع] (نص)\n\n[مرجع]: /أ\n", ["مرجع"]),
    ],
)
def test_the_text_of_a_shortcut_or_collapsed_reference_is_frozen(
    text: str, frozen: list[str]
) -> None:
    regions = markdown_regions(text)
    assert [text[start:end] for start, end in sorted(regions.frozen)] == frozen
    assert regions.masked == markdown_masks(text)


def test_directives_addresses_and_ignore_patterns_still_apply() -> None:
    import regex

    text = (
        "سطر lialia: ignore\n"
        "<!-- lialia: disable -->\nمخفي\n<!-- lialia: enable -->\n"
        "انظر https://مثال.com/صفحة وراسل user@example.com و#وسم\n"
    )
    tokens = list(tokenize(text, "markdown", [regex.compile(r"#\w+")]))
    assert [t.text for t in tokens] == ["انظر", "وراسل", "و"]


def test_masks_are_sorted_and_merged() -> None:
    text = "نص `أ` `ب`\n\n```\nكود\n```\n"
    spans = masked_spans(text, "markdown")
    assert spans == sorted(spans)
    assert all(end < start for (_, end), (start, _) in zip(spans, spans[1:], strict=False))


def test_docstring_examples() -> None:
    import doctest

    import lialia.markdown

    result = doctest.testmod(lialia.markdown)
    assert (result.attempted > 0, result.failed) == (True, 0)


def test_plain_text_does_not_import_the_parser() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from lialia.tokenize import tokenize; "
        "list(tokenize('نص `رمز`', 'plain')); print('markdown_it' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_a_large_document_keeps_every_offset() -> None:
    block = "## عنوان `كود`\n\n- بند [رابط](/وجهة)\n\n  ```\n  مخفي\n  ```\n\nفقرة أخيرة\n\n"
    text = block * 500
    assert checked(text) == ["عنوان", "بند", "رابط", "فقرة", "أخيرة"] * 500


def test_check_diff_leaves_code_in_a_list_item(run_cli: Any, isolated: Path) -> None:
    text = (
        "# دليل\n\n"
        "- ذهبت الى البيت.\n\n"
        "  ```\n  هاذا الى كود\n  ```\n\n"
        "      الى كود مفهرس\n\n"
        "````\nهاذا\n```\nالى\n`````\n"
        "هاذا كتاب.\n"
    )
    (isolated / "a.md").write_text(text, encoding="utf-8")
    result = run_cli(["check", "--diff", "a.md"])
    assert result.code == ExitCode.FOUND
    removed = [line[1:] for line in result.stdout.splitlines() if line.startswith("-")][1:]
    added = [line[1:] for line in result.stdout.splitlines() if line.startswith("+")][1:]
    assert removed == ["- ذهبت الى البيت.", "هاذا كتاب."]
    assert added == ["- ذهبت إلى البيت.", "هذا كتاب."]
    assert (isolated / "a.md").read_text(encoding="utf-8") == text
