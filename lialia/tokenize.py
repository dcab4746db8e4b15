"""Arabic words with their exact positions in the original text.

Only Arabic words are yielded: Latin words, digits (Arabic-Indic too), URLs and
e-mail addresses are skipped, and so are the parts of a document that are not prose
for its syntax (Markdown code, raw HTML, link destinations and front matter, found by a
CommonMark parser (:mod:`lialia.markdown`); HTML tags, attributes and comments;
reStructuredText literals, roles, directive arguments and options that are not prose,
raw and code directives, hyperlink targets, substitution, footnote and citation labels;
TeX verbatim, command names and the arguments that are paths, keys or labels), lines
marked ``lialia: ignore``, blocks between ``lialia: disable`` and ``lialia: enable``, and
matches of the caller's ignore patterns.  Some prose is checked but never fixed
(:class:`Regions`): a link's text that is also its target's label.

>>> [(t.text, t.line, t.column) for t in tokenize("مرحبا world\\nكتابٌ 42 `كود`", "markdown")]
[('مرحبا', 1, 1), ('كتابٌ', 2, 1)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple, Protocol

from .normalize import HONORIFICS, INVISIBLES, TATWEEL, WORD_MARKS, is_quranic

SYNTAX_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rst": "rst",
    ".tex": "tex",
}

# Arabic letters: the main block less tatweel and marks, the Arabic Supplement and
# Extended-A letters, and the presentation forms (normalised later by NFKC) less the
# phrase ligatures (ﷺ), which are words of their own.
_LETTER = (
    "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufbb1\ufbd3-\ufd3d\ufd50-\ufdc7\ufe70-\ufefc"
)
_INNER = re.escape(WORD_MARKS + TATWEEL)
_INVISIBLE = re.escape(INVISIBLES)
# A word starts with a letter; marks and tatweel may follow anywhere, invisible
# controls only between letters (a trailing ZWNJ is not part of the word).  The end of
# ayah and the other ornaments of the muṣḥaf end a word.  A phrase ligature is a word.
# Written as runs (a run of letters and marks, then runs of controls each followed by
# letters) rather than one character at a time: the same matches, three times faster.
_WORD = (
    f"[{_LETTER}][{_LETTER}{_INNER}]*(?:[{_INVISIBLE}]+[{_LETTER}{_INNER}]+)*"
    f"|[{re.escape(HONORIFICS)}]"
)
# One group around the whole: re.split keeps the words between the runs of text around
# them (see pieces), while findall, finditer and fullmatch give the words as they would
# without it; one pattern compiled, not two.
WORD_RE = re.compile(f"({_WORD})")
#: the characters a word never holds: a text is cut only at one of them
_CUTS = "\n "

_URL_RE = r"(?:https?|ftp|file)://[^\s<>\"'`)\]]+|www\.[^\s<>\"'`)\]]+"
_EMAIL_RE = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_ALWAYS = [_URL_RE, _EMAIL_RE]
# what a URL or an e-mail address cannot do without: a text with none of these is not
# scanned for them (the patterns above need one of them to match at all)
_ADDRESS_MARKS = ("://", "www.", "@")
# HTML markup, for .html files and the HTML blocks of Markdown (lialia.markdown): a
# comment as a whole (one never closed runs to the end, as in a browser), CDATA, and a
# tag with its attributes, whose quoted values may hold a > that does not end the tag;
# anything else tag-like (a declaration, a processing instruction, a tag whose quote is
# never closed) runs to its first >.  At most 64 attributes a tag: a text of many
# unclosed tags costs each one a bounded scan, not one to the end of the text.
_HTML_ATTRIBUTE = r"""\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
HTML_MARKUP = (
    r"(?s:<!--.*?(?:-->|\Z))"
    r"|(?s:<!\[CDATA\[.*?(?:\]\]>|\Z))"
    rf"|</?[A-Za-z][\w:.-]*(?:{_HTML_ATTRIBUTE}){{0,64}}\s*/?>"
    r"|<[A-Za-z/!?][^>]*>"
)
# TeX commands whose first braced argument is a path, a key, a label, a package or a name
_TEX_KEY_COMMANDS = (
    "input|include|includeonly|subfile|import|subimport|includegraphics|includesvg",
    "includepdf|lstinputlisting|verbatiminput|inputminted",
    "[A-Za-z]*cite[A-Za-z]*|nocite|bibliography|bibliographystyle|addbibresource",
    "label|ref|eqref|pageref|autoref|cref|Cref|vref|nameref|labelcref|hyperlink|hypertarget",
    "usepackage|RequirePackage|documentclass|LoadClass|url|href|path",
    "newcommand|renewcommand|providecommand|newenvironment|renewenvironment|newtheorem",
    "begin|end",
)
# a name in a reStructuredText reference: letters and digits (any script), with marks
_RST_NAME = rf"(?:[^\W_]|[{_INNER}])+"
# Markdown is masked by a CommonMark parser (lialia.markdown), not by patterns
_MASKS_BY_SYNTAX: dict[str, list[str]] = {
    "plain": [],
    "markdown": [],
    "html": [
        r"(?s:<(?:script|style|code|pre)\b.*?</(?:script|style|code|pre)\s*>)",
        HTML_MARKUP,
    ],
    "rst": [
        r"``.+?``",
        r":[\w:-]+:`[^`]*`",  # roles
        # at the start of a line (one pattern: one test of ^ a position):
        r"(?m:^[ \t]*(?:"
        # a directive's marker and a substitution definition's name (.. |name| image::),
        # matched first so that a directive's '::' never opens a literal block (its
        # argument, options and content are _rst_directive_spans' business),
        r"\.\. (?:\|[^|\n]+\|[ \t]+)?[\w.:+-]+::"
        # a hyperlink target (.. _name: url, .. __: url, __ url): a label and an address,
        r"|(?:\.\. _|__ )[^\n]*"
        # a footnote's or citation's label where it is defined
        r"|\.\. \[[^\]\n]+\]))",
        # literal blocks: a paragraph ending with '::' and the indented lines after it,
        # the last one also at the end of a text without a final line break; each line
        # read in one way only (a line split between [ \t]+ and [^\n]* in every way
        # made a block the text ends in take exponential time)
        r"(?m:::[ \t]*\n(?:[ \t]*\n)*(?:(?:[ \t][^\n]*)?\n)*?(?:[ \t][^\n]*\Z)?(?=\S|\Z))",
        # a footnote or citation reference
        r"\[[^\]\s]+\]_",
        # a substitution reference |name| (a grid table's | is followed by a space)
        r"\|(?<![^\s'\"(\[{<:/-]\|)[^\s|](?:[^|\n]*[^\s|])?\|(?:__?)?(?!\w)",
        # the embedded target of a reference: `text <https://...>`_, `text <name_>`_
        r"<[^<>`\n]+>(?=`__?)",
    ],
    "tex": [
        r"(?s:\\begin\{(?P<env>verbatim|lstlisting|minted)\}.*?\\end\{(?P=env)\})",
        r"\\verb(?P<delim>.).*?(?P=delim)",
        # the first braced argument (and the optional ones before it) of the commands
        # whose argument is a path, a key, a label, a package or an environment's name
        rf"\\(?:{'|'.join(_TEX_KEY_COMMANDS)})\*?(?:\s*\[[^\]]*\])*\s*\{{[^{{}}]*\}}",
        # \hyperref[label]{text}: the label is in brackets, the text is prose
        r"\\hyperref\s*\[[^\]]*\]",
        # a control word (\الى: a command's name is no prose) or a control symbol (\\)
        r"\\(?:[^\W\d_]+|.)",
    ],
}


@cache
def _mask_re(syntax: str, addresses: bool) -> re.Pattern[str] | None:
    """The patterns of ``syntax``, with the address patterns when the text may hold an
    address (one alternation, as such texts have always been scanned); compiled on first
    use, so that a run pays only for the syntaxes it meets."""
    patterns = _MASKS_BY_SYNTAX[syntax] + (_ALWAYS if addresses else [])
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


SYNTAXES = tuple(_MASKS_BY_SYNTAX)


# reStructuredText directives whose argument is prose: an admonition's first line, a
# title, a replacement text.  Every other directive's argument (include, image, figure,
# raw, class, code, toctree, literalinclude, the directives of Sphinx and its
# extensions...) is a path, a name, a class, a language or code, and is not checked: a
# directive lialia does not know is taken to be one of those.
_RST_PROSE_ARGUMENTS = frozenset(
    "admonition attention caution danger error hint important note tip warning seealso todo"
    " topic sidebar rubric title table csv-table list-table contents replace centered"
    " versionadded versionchanged versionremoved deprecated tab dropdown card".split()
)
# options whose value is prose; every other option (:file:, :name:, :target:, :class:,
# :start-after:...) holds a path, a name, a key or code
_RST_PROSE_OPTIONS = frozenset("alt caption header title".split())
# directives whose argument is a path, which may go on over the lines right after the
# directive line (before its options): ``.. include::`` then ``   فصول/الى.rst``
_RST_PATH_ARGUMENTS = frozenset("image figure include literalinclude".split())
# directives whose content is not prose: raw markup, math, code, a table of contents
# (document names)
_RST_RAW_CONTENT = frozenset(
    "raw math code code-block sourcecode highlight literalinclude toctree doctest testcode"
    " testoutput testsetup testcleanup ipython jupyter-execute graphviz digraph graph"
    " mermaid uml plantuml productionlist".split()
)


@cache
def _rst_reference_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A reStructuredText phrase reference by name (`name`_, not the anonymous `text`__
    nor `text <url>`_), the _ that ends a one-word reference (name_, not name__), and
    the name before it, compiled for the first reStructuredText text."""
    return (
        re.compile(r"`(?<![`\w]`)[^`<\n]+(?:\n[^`<\n]+)?`_(?!_)"),
        re.compile(rf"(?<=[^\W_]|[{_INNER}])_(?![\w{_INNER}])"),
        re.compile(rf"{_RST_NAME}(?:[-.+:_]{_RST_NAME})*\Z"),
    )


def _rst_frozen_spans(text: str) -> list[tuple[int, int]]:
    """The references of ``text`` to a target by its name (`الى المدرسة`_, الى_): their
    text is the target's label (masked where it is defined), so it is never fixed.  A
    one-word reference is found from its _ back to the start of its name, on its line.

    >>> text = "انظر `الفصل الأول`_ و الملحق-ب_ و `نص`__ و اسم_ملف"
    >>> [text[a:b] for a, b in _rst_frozen_spans(text)]
    ['`الفصل الأول`_', 'الملحق-ب_']
    """
    phrase_re, underscore_re, name_re = _rst_reference_res()
    spans = [m.span() for m in phrase_re.finditer(text)]
    for underscore in underscore_re.finditer(text):
        at = underscore.start()
        # on its line, and no longer than any name is: a long line costs each _ a bounded search
        line_start = max(text.rfind("\n", 0, at) + 1, at - 256)
        if name := name_re.search(text, line_start, at):
            spans.append((name.start(), at + 1))
    return spans


@cache
def _rst_directive_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A reStructuredText directive line and an option line, compiled for the first
    reStructuredText text that holds a directive."""
    return (
        re.compile(
            r"(?m)^(?P<indent>[ \t]*)\.\. (?:\|[^|\n]+\|[ \t]+)?(?P<name>[\w.:+-]+)::"
            r"(?P<argument>[^\n]*)"
        ),
        re.compile(r"(?P<indent>[ \t]+):(?P<name>[^:\s][^:\n]*):(?P<value>[^\n]*)"),
    )


def _rst_directive_spans(text: str) -> list[tuple[int, int]]:
    """The parts of ``text``'s reStructuredText directives that are not prose: the
    argument unless the directive's is prose (:data:`_RST_PROSE_ARGUMENTS`), the value
    of each option (the field lines right after the directive line) unless it is prose
    (:data:`_RST_PROSE_OPTIONS`), and the whole content of a directive whose content is
    not prose (:data:`_RST_RAW_CONTENT`): the lines indented deeper than the directive.

    >>> text = ".. image:: صور/شعار.png\\n   :alt: شعار\\n   :name: شعار\\n"
    >>> [text[a:b].strip() for a, b in _rst_directive_spans(text)]
    ['صور/شعار.png', 'شعار']
    """
    directive_re, option_re = _rst_directive_res()
    spans = []
    for directive in directive_re.finditer(text):
        name = directive["name"].lower()
        indent = len(directive["indent"])
        if name not in _RST_PROSE_ARGUMENTS and directive["argument"].strip():
            spans.append(directive.span("argument"))
        at = directive.end() + 1
        if name in _RST_PATH_ARGUMENTS:  # the argument's lines after the directive line
            at = _argument_lines(text, at, indent, spans)
        while option := option_re.match(text, at):
            if len(option["indent"]) <= indent or "\n" in option["indent"]:
                break
            if option["name"].lower() not in _RST_PROSE_OPTIONS and option["value"].strip():
                spans.append(option.span("value"))
            at = option.end() + 1
        if name in _RST_RAW_CONTENT:
            spans.append((directive.end(), _indented_block_end(text, directive.end(), indent)))
    return spans


def _argument_lines(text: str, at: int, indent: int, spans: list[tuple[int, int]]) -> int:
    """Add to ``spans`` the lines from ``at`` that go on with a directive's argument
    (indented deeper than ``indent``, neither blank nor an option) and return where
    they end.

    >>> spans = []
    >>> text = ".. include::\\n   فصول/\\n   الى.rst\\n   :start-line: 2\\n"
    >>> _argument_lines(text, 13, 0, spans), [text[a:b] for a, b in spans]
    (33, ['   فصول/', '   الى.rst'])
    """
    while at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[at:end]
        stripped = line.lstrip(" \t")
        if not stripped.strip() or stripped.startswith(":") or len(line) - len(stripped) <= indent:
            break
        spans.append((at, end))
        at = end + 1
    return at


def _indented_block_end(text: str, start: int, indent: int) -> int:
    """Where the lines after ``start`` indented deeper than ``indent`` (and the blank
    lines among them) end: the end of the last such line that is not blank.

    >>> _indented_block_end(".. x::\\n\\n   a\\n   b\\n\\nc\\n", 6, 0)
    17
    """
    end = start
    at = text.find("\n", start) + 1
    while 0 < at < len(text):
        line_end = text.find("\n", at)
        if line_end < 0:
            line_end = len(text)
        line = text[at:line_end]
        if line.strip():
            if len(line) - len(line.lstrip(" \t")) <= indent:
                break
            end = line_end
        at = line_end + 1
    return end


@cache
def _directive_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The inline directives (``lialia: ignore`` on a line, ``lialia: disable`` to
    ``lialia: enable``), compiled for the first text that mentions them."""
    # a line ends at \n, \r\n or a lone \r (as line_offsets counts lines); the
    # patterns are tried only at the start of a line (see _directive_spans)
    space = r"[^\S\r\n]*"
    enable = rf"(?:\A|(?<=[\r\n]))[^\r\n]*lialia:{space}enable\b[^\r\n]*(?=[\r\n]|\Z)"
    return (
        re.compile(rf"[^\r\n]*lialia:{space}ignore\b[^\r\n]*"),
        re.compile(rf"(?s:[^\r\n]*lialia:{space}disable\b.*?(?:{enable}|\Z))"),
    )


def _directive_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the inline directives in ``text``: what each pattern's ``finditer``
    finds, found by trying it only where a match can start.  Both open with ``^``
    and reach ``lialia:`` without leaving the line, so a match starts only at the start
    of a line that mentions ``lialia:``; trying those in order, each after the end of
    the pattern's previous match, gives the scan's matches without the cost of trying
    every line of a long text."""
    starts: list[int] = []
    at = text.find("lialia:")
    while at >= 0:
        start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
        if not starts or starts[-1] != start:
            starts.append(start)
        at = text.find("lialia:", at + 1)
    spans = []
    for pattern in _directive_res():
        end = 0
        for start in starts:
            if start >= end and (match := pattern.match(text, start)):
                spans.append(match.span())
                end = match.end()
    return spans


class SupportsFinditer(Protocol):
    """A compiled pattern of the standard ``re`` module or of ``regex``."""

    def finditer(self, string: str) -> Iterator[Any]: ...


@dataclass(frozen=True, slots=True)
class Token:
    """An Arabic word as written: ``text`` keeps its diacritics and tatweel.

    ``line`` and ``column`` are 1-based, ``column`` and ``offset`` in code points.
    """

    text: str
    offset: int
    line: int
    column: int


def syntax_for(filename: str) -> str:
    """The markup syntax lialia assumes for a file name, from its suffix.

    >>> syntax_for("docs/دليل.md"), syntax_for("notes.txt")
    ('markdown', 'plain')
    """
    dot = filename.rfind(".")
    return SYNTAX_BY_SUFFIX.get(filename[dot:].lower(), "plain") if dot >= 0 else "plain"


class Regions(NamedTuple):
    """What a text's syntax makes of its spans, each list sorted and merged."""

    #: not checked at all: code, markup, paths, labels, keys
    masked: list[tuple[int, int]]
    #: checked and reported, never fixed unasked: prose that is also a label, whose
    #: definition is masked, so that a fix would break the link: the text of a Markdown
    #: shortcut reference link ``[نص]``, a reStructuredText reference `نص`_ or نص_
    frozen: list[tuple[int, int]]


def regions(
    text: str, syntax: str = "plain", ignore_patterns: Sequence[SupportsFinditer] = ()
) -> Regions:
    """The :class:`Regions` of ``text`` in ``syntax``.

    >>> text = "[هاذا] و `رمز`\\n\\n[هاذا]: /أ\\n"
    >>> [[text[a:b] for a, b in spans] for spans in regions(text, "markdown")]
    [[']', '`رمز`', '[هاذا]: /أ'], ['هاذا']]
    """
    if syntax not in _MASKS_BY_SYNTAX:
        raise ValueError(f"unknown syntax {syntax!r}: choose one of {', '.join(SYNTAXES)}")
    mask_re = _mask_re(syntax, any(mark in text for mark in _ADDRESS_MARKS))
    # the reStructuredText rules read lines that end at \n: a CRLF or CR text is read
    # through a view of it with the same offsets (a literal block's code was checked,
    # and fixed, in a Windows file)
    scanned = _lf_view(text) if syntax == "rst" else text
    spans = [
        m.span() for m in (mask_re.finditer(scanned) if mask_re else ()) if m.end() > m.start()
    ]
    spans += [m.span() for p in ignore_patterns for m in p.finditer(text) if m.end() > m.start()]
    frozen: list[tuple[int, int]] = []
    if "lialia:" in text:  # the inline directives: don't scan a large text for them in vain
        spans.extend(_directive_spans(text))
    if syntax == "markdown":
        # imported here: the parser behind it is loaded by Markdown texts only
        from .markdown import markdown_regions

        found = markdown_regions(text)
        spans.extend(span for span in found.masked if span[1] > span[0])
        frozen = merged(found.frozen)
    elif syntax == "rst":
        if ".. " in text:
            spans.extend(_rst_directive_spans(scanned))
        if "_" in text:
            frozen = merged(_rst_frozen_spans(scanned))
    return Regions(merged(spans), frozen)


def _lf_view(text: str) -> str:
    """``text`` with every line end written ``\\n`` and every offset kept: a ``\\r\\n``
    as `` \\n`` (a trailing space, which no rule minds), a lone ``\\r`` as ``\\n``.

    >>> _lf_view("أ ::\\r\\n\\r\\n   ب\\rج")
    'أ :: \\n \\n   ب\\nج'
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


def masked_spans(
    text: str, syntax: str = "plain", ignore_patterns: Sequence[SupportsFinditer] = ()
) -> list[tuple[int, int]]:
    """Sorted, merged ``(start, end)`` spans of ``text`` that are not checked."""
    return regions(text, syntax, ignore_patterns).masked


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, the overlapping or touching ones joined.

    >>> merged([(5, 8), (0, 2), (1, 3), (3, 4)])
    [(0, 4), (5, 8)]
    """
    spans = sorted(span for span in spans if span[1] > span[0])
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start <= joined[-1][1]:
            if end > joined[-1][1]:
                joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


# What may join two parts of a word without showing: emphasis markers, and in
# reStructuredText the escaped space that lets inline markup start inside a word; in TeX
# the braces of a group and a command's name (~ is a space there, * and _ are no
# markup, \\ and the other control symbols are spacing).  An HTML tag (in any syntax)
# and, but in TeX, a masked span (a tag, a code span, a link's destination) join them too.
_GLUE_BY_SYNTAX = {"tex": ("{", "}"), "rst": ("*", "_", "~", "\\ ")}
_GLUE = ("*", "_", "~")
# the characters glue (or a tag) ends with, before a word, and starts with, after one
_GLUE_EDGES = {
    glue: (
        frozenset({mark[-1] for mark in glue} | {">"}),
        frozenset({mark[0] for mark in glue} | {"<"}),
    )
    for glue in (_GLUE, *_GLUE_BY_SYNTAX.values())
}
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_TEX_WORD_RE = re.compile(r"\\[A-Za-z]+")


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``start:end`` overlaps one of the sorted, disjoint ``spans``.

    >>> overlaps([(2, 4), (8, 9)], 3, 6), overlaps([(2, 4), (8, 9)], 0, 3)
    (True, True)
    >>> overlaps([(2, 4), (8, 9)], 4, 8)
    False
    """
    index = bisect.bisect_left(spans, end, key=lambda span: span[0]) - 1
    return index >= 0 and start < spans[index][1]


@cache
def _tag_re() -> re.Pattern[str]:
    """An HTML tag on one line, compiled for the first word next to a < or a >."""
    return re.compile(r"<[A-Za-z/!?][^<>\n]*>")


@cache
def _edge_re() -> re.Pattern[str]:
    """A character a word may hold at its edge: a letter, a mark, a tatweel."""
    return re.compile(f"[{_LETTER}{_INNER}]")


def is_fragment(
    text: str,
    start: int,
    end: int,
    syntax: str = "plain",
    masks: Sequence[tuple[int, int]] = (),
) -> bool:
    """True when the word ``text[start:end]`` is a part of a longer word: joined, with no
    space, through markup (emphasis, a tag, a masked span) to an Arabic letter on either
    side.  The word as a reader sees it is the whole (ه**اذا** reads هاذا), so the part
    is neither judged nor fixed alone.  ``masks`` are ``text``'s sorted masked spans.

    >>> is_fragment("ه**اذا** كتاب", 3, 6), is_fragment("**الى** كتاب", 2, 5)
    (True, False)
    """
    glue = _GLUE_BY_SYNTAX.get(syntax, _GLUE)
    tex = syntax == "tex"
    if not masks and not tex:  # the common case, cheaply: no markup on either side
        before, after = _GLUE_EDGES[glue]
        if text[start - 1 : start] not in before and text[end : end + 1] not in after:
            return False
    return _joined(text, start, -1, glue, masks, tex) or _joined(text, end, 1, glue, masks, tex)


def _joined(
    text: str,
    at: int,
    step: int,
    glue: tuple[str, ...],
    masks: Sequence[tuple[int, int]],
    tex: bool,
) -> bool:
    """True when markup runs from ``at`` (a word's start when ``step`` is -1, its end
    when 1) up to a letter of another word, without a space.  In TeX a masked span is
    no glue, and a letter in one (a label, a path, a command's name) is no word: the
    arguments of \\newcommand{\\الى}{الى} are apart."""
    moved = False
    while 0 < at if step < 0 else at < len(text):
        if masks and not tex:  # a masked span that ends (or starts) right here
            if step < 0:
                index = bisect.bisect_left(masks, at, key=lambda span: span[1])
                if index < len(masks) and masks[index][1] == at and masks[index][0] < at:
                    at, moved = masks[index][0], True
                    continue
            else:
                index = bisect.bisect_left(masks, at, key=lambda span: span[0])
                if index < len(masks) and masks[index][0] == at and masks[index][1] > at:
                    at, moved = masks[index][1], True
                    continue
        for mark in glue:
            if text.startswith(mark, at - len(mark) if step < 0 else at):
                at += step * len(mark)
                moved = True
                break
        else:
            if step < 0 and text[at - 1] == ">":
                opening = text.rfind("<", max(0, at - 512), at)
                if opening >= 0 and _tag_re().fullmatch(text, opening, at):
                    at, moved = opening, True
                    continue
            elif step > 0 and text[at] == "<":
                if tag := _tag_re().match(text, at):
                    at, moved = tag.end(), True
                    continue
            elif tex and step < 0 and text[at - 1].isascii() and text[at - 1].isalpha():
                window = text[max(0, at - 64) : at]
                name = at - len(window) + len(window.rstrip(_ASCII_LETTERS))
                if name > 0 and text[name - 1] == "\\":
                    at, moved = name - 1, True
                    continue
            elif tex and step > 0 and text[at] == "\\":
                if command := _TEX_WORD_RE.match(text, at):
                    at, moved = command.end(), True
                    continue
            break
    if not moved or not (0 < at if step < 0 else at < len(text)):
        return False
    letter = at - 1 if step < 0 else at
    if _edge_re().match(text, letter) is None:
        return False
    if tex and masks:
        index = bisect.bisect_right(masks, letter, key=lambda span: span[0]) - 1
        return index < 0 or masks[index][1] <= letter
    return True


def line_offsets(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts: ``\n``, ``\r\n`` and a lone
    ``\r`` (old Mac files) each end a line, as editors and the language server count.

    >>> line_offsets("a\\nb\\r\\nc\\rd")
    [0, 2, 5, 7]
    """
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\r\n?|\n" if "\r" in text else "\n", text))
    return starts


def line_breaks(text: str) -> int:
    """How many lines end in ``text`` (:func:`line_offsets` less one).

    >>> line_breaks("a\\nb\\r\\nc\\rd")
    3
    """
    breaks = text.count("\n")
    return breaks + text.count("\r") - text.count("\r\n") if "\r" in text else breaks


def spans(
    text: str, syntax: str = "plain", ignore_patterns: Sequence[SupportsFinditer] = ()
) -> Iterator[re.Match[str]]:
    """The words to check, as matches (``.group()``, ``.start()``): :func:`tokenize`
    without the line arithmetic, for callers that need positions of a few words only."""
    masks = masked_spans(text, syntax, ignore_patterns)
    if not masks:
        return WORD_RE.finditer(text)  # no Python frame per word on the common path
    return unmasked(text, masks)


def unmasked(text: str, masks: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The words of ``text`` (as matches) that overlap none of the sorted, merged
    ``masks`` (:func:`masked_spans`)."""
    matches = WORD_RE.finditer(text)
    mask_index = 0
    for match in matches:
        start, end = match.span()
        while mask_index < len(masks) and masks[mask_index][1] <= start:
            mask_index += 1
        if mask_index < len(masks) and masks[mask_index][0] < end:
            continue
        yield match


def tokenize(
    text: str, syntax: str = "plain", ignore_patterns: Sequence[SupportsFinditer] = ()
) -> Iterator[Token]:
    """Yield the Arabic words of ``text`` that are to be checked, in order."""
    line_starts = line_offsets(text)
    for match in spans(text, syntax, ignore_patterns):
        start = match.start()
        line = bisect.bisect_right(line_starts, start)
        yield Token(match.group(), start, line, start - line_starts[line - 1] + 1)


def pieces(text: str) -> list[str]:
    """``text`` cut around its words: ``[gap, word, gap, word, ..., gap]``, the words
    (:data:`WORD_RE`) at the odd indices, and the pieces joined give ``text`` back.

    One pass of the regex engine and no Python frame per word: a word's offset is the
    length of the pieces before it, counted only for the few words a caller needs.

    >>> pieces("في البيتِ، ok")
    ['', 'في', ' ', 'البيتِ', '، ok']
    """
    return WORD_RE.split(text)


#: what a typed keyword may start or end with that is not part of it: the punctuation
#: that ends a sentence or a clause, Arabic and Latin (``كتاب؟``, ``الرحمن،``)
SENTENCE_PUNCTUATION = (
    ".,;:!?"
    "\N{ARABIC COMMA}\N{ARABIC SEMICOLON}\N{ARABIC QUESTION MARK}\N{ARABIC FULL STOP}"
    "\N{HORIZONTAL ELLIPSIS}\N{INVERTED QUESTION MARK}\N{INVERTED EXCLAMATION MARK}"
)


def trim_punctuation(keyword: str) -> str:
    """``keyword`` without spaces and :data:`SENTENCE_PUNCTUATION` at either end: a word
    typed in a search box or copied from a sentence, as the word it is.

    >>> trim_punctuation(" كتاب؟ "), trim_punctuation("الرحمن ، "), trim_punctuation("؟")
    ('كتاب', 'الرحمن', '')
    """
    return keyword.strip().strip(SENTENCE_PUNCTUATION + " \t\n\r\f\v").strip()


def windows(text: str, size: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` slices covering ``text``, each about ``size`` characters and cut
    only at a line break or a space (which no word holds): the words of the slices are
    the words of the text, and a caller holds one slice's words at a time.

    >>> list(windows("ab cd\\nef", 3))
    [(0, 2), (2, 5), (5, 8)]
    """
    start = 0
    length = len(text)
    while length - start > size:
        end = max(text.rfind(cut, start + 1, start + size + 1) for cut in _CUTS)
        if end <= start:  # no cut within reach: the next one, however far
            found = [i for i in (text.find(cut, start + size) for cut in _CUTS) if i >= 0]
            if not found:
                break
            end = min(found)
        yield start, end
        start = end
    yield start, length


# A quotation of the Quran, between ornate parentheses (﴿ opens it in the logical order
# of right-to-left text; the other order is accepted too): reported, never fixed.  An
# opening parenthesis left unclosed protects the rest of its line.
ORNATE_OPEN = "\N{ORNATE RIGHT PARENTHESIS}"
ORNATE_CLOSE = "\N{ORNATE LEFT PARENTHESIS}"
ORNATE = (ORNATE_OPEN, ORNATE_CLOSE)


@cache
def _quoted_re() -> re.Pattern[str]:
    """The quotation pattern, compiled for the first text that has ornate parentheses."""
    return re.compile(
        f"{ORNATE_OPEN}(?:[^{ORNATE_OPEN}{ORNATE_CLOSE}]*{ORNATE_CLOSE}|[^{ORNATE_OPEN}{ORNATE_CLOSE}\n]*)"
        f"|{ORNATE_CLOSE}(?:[^{ORNATE_OPEN}{ORNATE_CLOSE}]*{ORNATE_OPEN}|[^{ORNATE_OPEN}{ORNATE_CLOSE}\n]*)"
    )


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` quoting the Quran between ornate parentheses."""
    if ORNATE_OPEN not in text and ORNATE_CLOSE not in text:
        return []
    return [m.span() for m in _quoted_re().finditer(text)]


#: why a word is never altered, even when a user asks (:func:`never_altered`)
QURAN_WORD = "a word of the Quran"
LINK_LABEL = "the label of a link"


class Untouchable(NamedTuple):
    """The spans of a text in which no word is ever replaced, even on request: the
    quotations of the Quran (``﴿…﴾``) and the text of a link that is also its label
    (:attr:`Regions.frozen`: its definition would no longer match).  What
    ``--interactive`` and the language server ask :func:`never_altered` about."""

    quoted: list[tuple[int, int]]
    frozen: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str, syntax: str) -> Untouchable:
        return cls(quoted_spans(text), regions(text, syntax).frozen)


def never_altered(spans: Untouchable, word: str, start: int, end: int) -> str | None:
    """Why the word ``word`` at ``start:end`` is never replaced (:data:`QURAN_WORD`: it
    carries a sign of the muṣḥaf or stands in a quotation of it; :data:`LINK_LABEL`), or
    None.

    >>> text = "[الى] ﴿الى﴾ الى\\n\\n[الى]: /أ\\n"
    >>> spans = Untouchable.of(text, "markdown")
    >>> [never_altered(spans, "الى", at, at + 3) for at in (1, 6, 11)]
    ['the label of a link', 'a word of the Quran', None]
    """
    if is_quranic(word) or overlaps(spans.quoted, start, end):
        return QURAN_WORD
    if overlaps(spans.frozen, start, end):
        return LINK_LABEL
    return None


def ends_in_quotation(text: str) -> bool:
    """True when ``text``'s last ornate parenthesis opens a quotation that nothing in
    ``text`` closes: the text after it may close it, across lines, so a part of a file
    ending so is checked together with what follows (:func:`lialia.files.checked_chunks`).

    >>> ends_in_quotation("قال تعالى \\N{ORNATE RIGHT PARENTHESIS}إنا أنزلناه\\n")
    True
    >>> ends_in_quotation("\\N{ORNATE RIGHT PARENTHESIS}إنا أنزلناه\\N{ORNATE LEFT PARENTHESIS}\\n")
    False
    """
    last = max(text.rfind(ORNATE_OPEN), text.rfind(ORNATE_CLOSE))
    return last >= 0 and quoted_spans(text)[-1][0] == last
