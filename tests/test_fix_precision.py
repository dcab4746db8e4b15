"""When ``--fix`` corrects a word on its own, and when it only reports it (issue 7).

A fix is applied unasked only when it is nearly always right: these tables pin the
cases where the best suggestion is likely but not sure (an أن/إن twin, two words run
together, a word written in presentation forms), beside the slips that are still fixed.
"""

from __future__ import annotations

import pytest

from lialia import SpellChecker
from lialia.findings import Severity
from lialia.fix import apply, confident_replacements


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return SpellChecker()


def fixed(checker: SpellChecker, text: str) -> str:
    """``text`` as ``lialia check --fix`` writes it."""
    return apply(text, confident_replacements(checker.check(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # slips with one clear correction are still fixed
        ("ذهبت الى المدرسه", "ذهبت إلى المدرسة"),
        ("ذهبتُ الَى البيتِ", "ذهبتُ إلَى البيتِ"),  # the marks are carried over
        ("هاذا الكتاب", "هذا الكتاب"),
        ("لاكن الطقس جميل", "لكن الطقس جميل"),
        ("يسنخدم الحاسوب", "يستخدم الحاسوب"),  # a keyboard slip
        ("الاجتمعاي", "الاجتماعي"),  # two letters swapped
        ("وساىل النقل", "وسائل النقل"),  # ى written for the seat of a hamza
        ("فيالبيت", "في البيت"),  # two words run together, each a word
        ("لايخافون", "لا يخافون"),  # a split from the known list
        ("Python و الى 2024", "Python و إلى 2024"),
        # an أن/إن twin: only the sentence can tell which was meant
        ("قال ان الطقس جميل", "قال ان الطقس جميل"),
        ("ان شاء الله", "ان شاء الله"),
        ("انها جميلة", "انها جميلة"),
        ("اما هذا او ذاك", "اما هذا أو ذاك"),
        # a final-only letter inside a word: two words run together, not one misspelt
        ("عملت فىالبيت", "عملت فىالبيت"),
        ("حتىالان", "حتىالان"),
        # لا glued to a word that starts with an alef
        ("لااريد", "لااريد"),
        # presentation forms are reported, never rewritten
        ("\N{ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE ISOLATED FORM}", "\ufef7"),
        ("ﺍﻟﻰ البيت", "ﺍﻟﻰ البيت"),
        ("**الى** البيت", "**إلى** البيت"),
    ],
)
def test_what_fix_writes(checker: SpellChecker, text: str, expected: str) -> None:
    assert fixed(checker, text) == expected


@pytest.mark.parametrize(
    "word",
    [
        "ان",  # أن or إن
        "انها",  # أنها or إنها
        "اما",  # أما or إما
        "فىالبيت",  # في البيت, not فالبيت
        "حتىالان",  # حتى الآن, not تزالان
        "لااريد",  # لا أريد, not لأريد
        "\N{ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE ISOLATED FORM}",
        "ﺍﻟﻰ",  # الى in presentation forms
    ],
)
def test_flagged_but_not_confident(checker: SpellChecker, word: str) -> None:
    (finding,) = checker.check(word)
    assert finding.severity is Severity.MISSPELLING
    assert finding.suggestions  # still reported with suggestions to choose from
    assert finding.replacement is None and not finding.confident


@pytest.mark.parametrize(
    ("word", "twins"),
    [("ان", {"أن", "إن"}), ("انها", {"أنها", "إنها"}), ("اما", {"أما", "إما"})],
)
def test_both_twins_are_offered(checker: SpellChecker, word: str, twins: set[str]) -> None:
    (finding,) = checker.check(word)
    assert twins <= {s.word for s in finding.suggestions[:3]}


def test_a_presentation_form_word_keeps_its_suggestions(checker: SpellChecker) -> None:
    (finding,) = checker.check("ﺍﻟﻰ")
    assert finding.best == "إلى" and finding.replacement is None


def fixed_as(checker: SpellChecker, text: str, syntax: str) -> str:
    """``text`` as ``lialia check --fix`` writes it in a file of ``syntax``."""
    return apply(text, confident_replacements(checker.check(text, syntax=syntax)))


# What --fix may never rewrite: markup, paths, labels, keys and code.  Each row holds a
# slip in prose (الى, fixed to إلى) beside the same letters where they are not prose.
NEVER_FIXED = [
    # HTML: a > inside a quoted attribute value or a comment does not end the tag
    ("html", '<img alt="أ > الى" src="x.png"> الى\n', '<img alt="أ > الى" src="x.png"> إلى\n'),
    ("html", "<!-- ملاحظة: a -> b ثم الى --> الى\n", "<!-- ملاحظة: a -> b ثم الى --> إلى\n"),
    ("html", "<p title='أ > الى'>الى</p>\n", "<p title='أ > الى'>إلى</p>\n"),
    ("html", "<!-- غير مغلق\nالى\n", "<!-- غير مغلق\nالى\n"),  # runs to the end
    ("markdown", '<div title="أ > الى">\nالى\n</div>\n', '<div title="أ > الى">\nإلى\n</div>\n'),
    ("markdown", "<div>\n<!-- أ -> الى -->\nالى\n</div>", "<div>\n<!-- أ -> الى -->\nإلى\n</div>"),
    ("markdown", 'نص <img alt="أ > الى"> الى\n', 'نص <img alt="أ > الى"> إلى\n'),
    # Markdown: the text of a shortcut or collapsed reference link is its label too
    ("markdown", "[الى] و [الى][] الى\n\n[الى]: /أ\n", "[الى] و [الى][] إلى\n\n[الى]: /أ\n"),
    ("markdown", "![الى] الى\n\n[الى]: /أ.png\n", "![الى] إلى\n\n[الى]: /أ.png\n"),
    # ... a full reference link's text is not: only its [label] is kept
    ("markdown", "[الى][الى]\n\n[الى]: /أ\n", "[إلى][الى]\n\n[الى]: /أ\n"),
    # reStructuredText: directive arguments and options that are paths, names or code
    ("rst", ".. include:: الى.rst\n\nالى\n", ".. include:: الى.rst\n\nإلى\n"),
    ("rst", ".. include::\n   الى\n\nالى\n", ".. include::\n   الى\n\nإلى\n"),
    # a literal block's code in a Windows (CRLF) file
    ("rst", "نص ::\r\n\r\n   الى = 1\r\n\r\nالى\r\n", "نص ::\r\n\r\n   الى = 1\r\n\r\nإلى\r\n"),
    (
        "rst",
        ".. figure:: صور/الى.png\n   :alt: الى\n   :target: الى.html\n   :name: الى-ب\n\n   الى\n",
        ".. figure:: صور/الى.png\n   :alt: إلى\n   :target: الى.html\n   :name: الى-ب\n\n   إلى\n",
    ),
    ("rst", "- بند\n\n  .. image:: الى.png\n\n  الى\n", "- بند\n\n  .. image:: الى.png\n\n  إلى\n"),
    ("rst", ".. csv-table:: الى\n   :file: الى.csv\n", ".. csv-table:: إلى\n   :file: الى.csv\n"),
    ("rst", ".. note:: الى البيت\n", ".. note:: إلى البيت\n"),  # an admonition's text
    ("rst", ".. raw:: html\n\n   <b>الى</b>\n\nالى\n", ".. raw:: html\n\n   <b>الى</b>\n\nإلى\n"),
    ("rst", ".. toctree::\n\n   الى\n   هاذا\n\nالى\n", ".. toctree::\n\n   الى\n   هاذا\n\nإلى\n"),
    # ... hyperlink targets, substitutions, footnote and citation labels
    ("rst", ".. _الى-المدرسه:\n\nالى\n", ".. _الى-المدرسه:\n\nإلى\n"),
    ("rst", "نص :ref:`الى-المدرسه` الى\n", "نص :ref:`الى-المدرسه` إلى\n"),
    ("rst", ".. |الى| replace:: الى\n", ".. |الى| replace:: إلى\n"),
    ("rst", "نص |الى| و [الى]_ الى\n", "نص |الى| و [الى]_ إلى\n"),
    ("rst", ".. [الى] الى\n", ".. [الى] إلى\n"),
    # ... a reference's text that is its target's name is reported, never fixed
    ("rst", "`الى`_ و الى_ و الى\n", "`الى`_ و الى_ و إلى\n"),
    # ... but an embedded target is separate: the text is prose
    ("rst", "`الى <https://أ/الى>`_ `الى <الى_>`_\n", "`إلى <https://أ/الى>`_ `إلى <الى_>`_\n"),
    ("rst", "`الى`__\n\n__ https://أ\n", "`إلى`__\n\n__ https://أ\n"),  # anonymous
    # TeX: the arguments that are paths, keys or labels, and command names
    ("tex", "\\input{الى} الى\n", "\\input{الى} إلى\n"),
    ("tex", "\\includegraphics[width=1cm]{الى.png}", "\\includegraphics[width=1cm]{الى.png}"),
    ("tex", "\\cite{هاذا} \\citep[ص]{هاذا}", "\\cite{هاذا} \\citep[ص]{هاذا}"),
    ("tex", "\\label{sec:الى} \\bibliography{الى}", "\\label{sec:الى} \\bibliography{الى}"),
    ("tex", "\\ref{الى} \\eqref{الى} \\pageref{الى}\n", "\\ref{الى} \\eqref{الى} \\pageref{الى}\n"),
    ("tex", "\\newcommand{\\الى}{الى} \\الى\n", "\\newcommand{\\الى}{إلى} \\الى\n"),
    ("tex", "\\def\\الى{ب} \\usepackage{الى}\n", "\\def\\الى{ب} \\usepackage{الى}\n"),
    ("tex", "\\begin{الى}\nالى\n\\end{الى}\n", "\\begin{الى}\nإلى\n\\end{الى}\n"),
    ("tex", "\\href{https://أ/الى}{الى} \\url{الى}\n", "\\href{https://أ/الى}{إلى} \\url{الى}\n"),
    ("tex", "\\textbf{الى} سطر\\\\الى\n", "\\textbf{إلى} سطر\\\\إلى\n"),
    # a part of a name: a path, a hashtag, a mention (reported, never fixed unasked)
    (
        "plain",
        "docs/الى.md و #الى و @الى و الى/هاذا و الى.\n",
        "docs/الى.md و #الى و @الى و الى/هاذا و إلى.\n",
    ),
    ("markdown", "انظر الى.txt و الى.", "انظر الى.txt و إلى."),
    # a part of a word, joined to the rest of it by markup: the word is هاذا, not اذا
    ("plain", "ه**اذا** و هـ<i>اذا</i> و **الى**\n", "ه**اذا** و هـ<i>اذا</i> و **إلى**\n"),
    ("markdown", "ه**اذا** و ه_اذا_ و هـ<i>اذا</i> الى", "ه**اذا** و ه_اذا_ و هـ<i>اذا</i> إلى"),
    ("markdown", "**ه**اذا و [الى](/أ)البيت و الى\n", "**ه**اذا و [الى](/أ)البيت و إلى\n"),
    ("html", "هـ<i>اذا</i> و <b>الى</b>\n", "هـ<i>اذا</i> و <b>إلى</b>\n"),
    ("rst", "ه\\ **اذا** و **الى**\n", "ه\\ **اذا** و **إلى**\n"),
    ("tex", "ه\\textbf{اذا} و \\textbf{الى}\n", "ه\\textbf{اذا} و \\textbf{إلى}\n"),
]


@pytest.mark.parametrize(("syntax", "text", "expected"), NEVER_FIXED)
def test_markup_is_never_fixed(
    checker: SpellChecker, syntax: str, text: str, expected: str
) -> None:
    assert fixed_as(checker, text, syntax) == expected


@pytest.mark.parametrize(
    ("syntax", "text"),
    [
        ("markdown", "[هاذا] و [الى][]\n\n[هاذا]: http://y\n[الى]: http://z\n"),
        ("rst", "`هاذا`_ و الى_\n\n.. _هاذا: http://y\n.. _الى: http://z\n"),
        ("rst", "`هاذا\nو الى`_\n\n.. _هاذا و الى: http://y\n"),  # over two lines
    ],
)
def test_a_label_that_is_also_text_is_reported_but_never_fixed(
    checker: SpellChecker, syntax: str, text: str
) -> None:
    findings = checker.check(text, syntax=syntax)
    assert [(f.word, f.best, f.replacement) for f in findings] == [
        ("هاذا", "هذا", None),
        ("الى", "إلى", None),
    ]


@pytest.mark.parametrize(
    ("syntax", "text"),
    [
        ("plain", "ه**اذا** كتاب"),
        ("markdown", "ه**اذا** كتاب"),
        ("markdown", "هـ<i>اذا</i> كتاب"),
        ("html", "هـ<i>اذا</i> كتاب"),
    ],
)
def test_a_part_of_a_word_is_not_reported(checker: SpellChecker, syntax: str, text: str) -> None:
    # the word as read is هاذا: a finding for اذا would offer إذا, a wrong correction
    assert checker.check(text, syntax=syntax) == []
