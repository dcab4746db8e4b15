"""The parts of a Markdown text that are not prose, located by a CommonMark parser.

Regular expressions cannot see Markdown's structure: a fence inside a list item, a fence
closed by a longer fence, indented code. markdown-it-py (a CommonMark parser, with the GFM
table rule) finds the blocks; its block tokens carry line ranges, and its inline rules are
wrapped here so that each code span, inline HTML tag, autolink and link destination is
recorded with its exact position in the inline text, which is then mapped back to offsets
in the original text.

Not checked: code spans, fenced code (any depth, any fence length, unclosed fences run to
the end of their container), indented code, raw HTML (tags and attributes, comments,
``<script>``/``<pre>`` bodies; the text between tags of an HTML block is prose and is
checked), autolinks, link and image destinations and titles, the label of a full
reference link, link reference definitions and YAML (``---``) or TOML (``+++``) front
matter at the top of the file. Headings, lists, tables, emphasis, link text and image
descriptions are checked; the text of a shortcut ``[text]`` or collapsed ``[text][]``
reference link is its label too: reported, never fixed unasked (:func:`markdown_regions`).

markdown-it-py is imported on the first Markdown text only: plain-text runs do not pay
for it.

>>> text = "# عنوان\\n\\n- بند\\n\\n  ```\\n  كود\\n  ```\\n"
>>> [text[start:end] for start, end in markdown_masks(text)]
['  ```\\n  كود\\n  ```']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from .tokenize import HTML_MARKUP, Regions

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline

Span = tuple[int, int]

# markdown-it splits lines as CommonMark does: \r\n, \r or \n ends a line
_NEWLINE_RE = re.compile(r"\r\n?|\n")
# front matter: the very first line is --- (YAML) or +++ (TOML) and a matching line
# (--- or ... for YAML) closes it; without a closing line it is Markdown (a rule, a heading)
_FRONT_MATTER_RE = re.compile(
    r"\A\ufeff?(?:(?P<yaml>---)|\+\+\+)[ \t]*(?:\r\n?|\n)"
    r"(?:.*?(?:\r\n?|\n))??"
    r"(?(yaml)(?:---|\.\.\.)|\+\+\+)[ \t]*(?:\r\n?|\n|\Z)",
    re.DOTALL,
)
# HTML blocks of CommonMark types 1 to 5 (<script>, <pre>, <style>, <textarea>,
# comments, processing instructions, declarations, CDATA) hold no prose at all
_RAW_HTML_BLOCK_RE = re.compile(r"[ \t]*<(?:(?:script|pre|style|textarea)(?=[\s>]|$)|[!?])", re.I)
# elements whose content is code, not prose, in HTML blocks and inline alike
_CODE_ELEMENTS = "script|style|code|pre|textarea|kbd|samp"
# other HTML blocks (<div>, <p>, <details>...) hold prose between their tags
_HTML_MARKUP_RE = re.compile(
    rf"<(?P<raw>{_CODE_ELEMENTS})(?=[\s/>]).*?</(?P=raw)\s*>|{HTML_MARKUP}",
    re.DOTALL | re.IGNORECASE,
)
# an inline tag that opens or closes a code element (an autolink such as <code:x> does not)
_CODE_TAG_RE = re.compile(rf"<(?P<close>/?)(?P<name>{_CODE_ELEMENTS})(?=[\s/>])", re.IGNORECASE)
# an inline text without these characters holds no code span, tag, autolink or link
_INLINE_MARKERS = ("`", "<", "[")
# a text without these holds nothing to mask (indented code needs a tab or four spaces):
# prose-only files are not parsed at all
_MARKERS = (*_INLINE_MARKERS, "~", "    ", "\t")

# keys of the parser's env, where the wrapped rules leave what they found
_INLINE_KEY = "lialia_inline"  # inline token index -> spans in its text
_SPANS_KEY = "lialia_spans"  # the spans of the inline text being parsed
_LABELS_KEY = "lialia_labels"  # inline token index -> link texts that are labels too
_LABEL_SPANS_KEY = "lialia_label_spans"  # those of the inline text being parsed
_BLOCK_KEY = "lialia_block"  # line ranges of link reference definitions


def markdown_masks(text: str) -> list[Span]:
    """``(start, end)`` code-point spans of ``text`` that are not prose, in no set order.

    >>> text = "نص `رمز` و[رابط](https://مثال.com)"
    >>> [text[start:end] for start, end in sorted(markdown_masks(text))]
    ['`رمز`', '](https://مثال.com)']
    """
    return markdown_regions(text).masked


def markdown_regions(text: str) -> Regions:
    """The spans of ``text`` that are not prose (:func:`markdown_masks`), and those that
    are prose but also a label, never to be fixed unasked: the text of a shortcut
    ``[نص]`` or collapsed ``[نص][]`` reference link or image, which must stay equal to
    the label of its definition (that is masked); each list in no set order.

    >>> text = "[مرجع] و[رابط][]\\n\\n[مرجع]: /أ\\n[رابط]: /ب\\n"
    >>> [text[start:end] for start, end in sorted(markdown_regions(text).frozen)]
    ['مرجع', 'رابط']
    """
    front = _FRONT_MATTER_RE.match(text)
    body_start = front.end() if front else 0
    masks: list[Span] = [(0, body_start)] if front else []
    frozen: list[Span] = []
    if not any(marker in text for marker in _MARKERS):
        return Regions(masks, frozen)
    # the parser replaces NUL by U+FFFD: do the same so that lines compare equal
    source = text.replace("\0", "\ufffd") if "\0" in text else text
    starts = [0]
    ends = []
    for newline in _NEWLINE_RE.finditer(source):
        ends.append(newline.start())
        starts.append(newline.end())
    ends.append(len(source))
    first_line = bisect.bisect_left(starts, body_start)
    lines = _Lines(source, starts[first_line:], ends[first_line:])

    env: dict[str, Any] = {_INLINE_KEY: {}, _LABELS_KEY: {}, _BLOCK_KEY: []}
    tokens = _parser().parse(source[body_start:], env)
    masks.extend(lines.span(first, last) for first, last in env[_BLOCK_KEY])
    found: dict[int, list[Span]] = env[_INLINE_KEY]
    labels: dict[int, list[Span]] = env[_LABELS_KEY]
    row_line, row_cursor = -1, 0
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        first, last = token.map
        if token.type in ("fence", "code_block"):
            masks.append(lines.span(first, last))
        elif token.type == "html_block":
            block_start, block_end = lines.span(first, last)
            if _RAW_HTML_BLOCK_RE.match(token.content):
                masks.append((block_start, block_end))
            else:
                masks.extend(
                    m.span() for m in _HTML_MARKUP_RE.finditer(source, block_start, block_end)
                )
        elif token.type == "inline":
            opener = tokens[index - 1]
            if opener.type in ("th_open", "td_open"):
                if first != row_line:
                    row_line, row_cursor = first, 0
                where, row_cursor = lines.cell(first, token.content, row_cursor)
            elif index not in found:
                continue
            elif opener.type == "heading_open" and opener.markup.startswith("#"):
                where = lines.atx_heading(first, token.content)
            else:  # a paragraph or a setext heading (its map leaves the underline out)
                where = lines.paragraph(first, last, token.content)
            if where is not None and index in found:
                masks.extend((where(start), where(end - 1) + 1) for start, end in found[index])
                frozen.extend(
                    (where(start), where(end - 1) + 1) for start, end in labels.get(index, ())
                )
    return Regions(masks, frozen)


class _Lines:
    """The lines of the parsed text, and where an inline text lies in the original."""

    def __init__(self, source: str, starts: list[int], ends: list[int]) -> None:
        self.source = source
        self.starts = starts
        self.ends = ends
        self.trim: str | None = None  # what the parser trims off a paragraph
        try:  # markdown-it-py 4 names it; version 3 calls str.strip()
            from markdown_it.common.utils import MD_TRIM_CHARS

            self.trim = MD_TRIM_CHARS
        except ImportError:  # pragma: no cover - markdown-it-py 3
            pass

    def span(self, first: int, last: int) -> Span:
        """Lines ``first`` to ``last`` (excluded) of the parsed text."""
        return self.starts[first], self.ends[max(first, last - 1)]

    def line(self, number: int) -> str:
        return self.source[self.starts[number] : self.ends[number]]

    def paragraph(self, first: int, last: int, content: str) -> Callable[[int], int] | None:
        """Map a paragraph's inline text to the original: each of its lines is the end of
        a source line, less container markers and indentation, and the whole is trimmed."""
        content_lines = content.split("\n")
        if len(content_lines) != last - first:
            return None
        points: list[Span] = []  # (offset in content, offset in the original), line by line
        offset = 0
        for number, content_line in enumerate(content_lines, first):
            source_line = self.line(number)
            if number == last - 1:
                source_line = source_line.rstrip(self.trim)
            # a tab partly consumed by the container comes back as spaces: skip them
            padding = len(content_line) - len(content_line.lstrip(" "))
            for pad in (0, padding) if padding else (0,):
                if source_line.endswith(content_line[pad:]):
                    column = len(source_line) - len(content_line) + pad
                    points.append((offset + pad, self.starts[number] + column))
                    break
            else:
                return None
            offset += len(content_line) + 1
        return _mapping(points)

    def atx_heading(self, number: int, content: str) -> Callable[[int], int] | None:
        """Map an ATX heading's text: it follows the first run of ``#`` and its spaces."""
        source_line = self.line(number)
        column = source_line.find("#")
        while column < len(source_line) and source_line[column] == "#":
            column += 1
        column = source_line.find(content, column)
        if column < 0:
            return None
        return _mapping([(0, self.starts[number] + column)])

    def cell(
        self, number: int, content: str, cursor: int
    ) -> tuple[Callable[[int], int] | None, int]:
        """Map a table cell's text, searched from ``cursor`` in its row: the parser
        dropped the backslash of each escaped pipe (``\\|``)."""
        if not content:
            return None, cursor
        source_line = self.line(number)
        column = source_line.find(content.replace("|", "\\|"), cursor)
        if column < 0:
            return None, cursor
        points = [(0, self.starts[number] + column)]
        pipe = content.find("|")
        shift = 0
        while pipe >= 0:
            shift += 1
            points.append((pipe, self.starts[number] + column + pipe + shift))
            pipe = content.find("|", pipe + 1)
        return _mapping(points), column + len(content) + shift


def _mapping(points: list[Span]) -> Callable[[int], int]:
    """Offsets in an inline text to offsets in the original, from the points at which
    the two run in step."""
    keys = [point[0] for point in points]

    def where(offset: int) -> int:
        key, value = points[max(bisect.bisect_right(keys, offset) - 1, 0)]
        return value + max(offset - key, 0)

    return where


@cache
def _parser() -> MarkdownIt:
    """A CommonMark parser with GFM tables whose rules record what is not prose."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import reference
    from markdown_it.rules_inline import autolink, backtick, html_inline, image, link

    parser = MarkdownIt("commonmark").enable("table")
    # emphasis and the joining of text tokens change no position: skip their work
    parser.disable(
        ["emphasis", "balance_pairs", "fragments_join", "text_join"], ignoreInvalid=True
    )
    parser.core.ruler.at("inline", _inline_where_needed)
    parser.block.ruler.at("reference", _recording_reference(reference))
    rules = {"backticks": backtick, "html_inline": html_inline, "autolink": autolink}
    for name, rule in {**rules, "link": link, "image": image}.items():
        parser.inline.ruler.at(name, _recording(name, rule))
    return parser


def _inline_where_needed(state: StateCore) -> None:
    """The parser's inline stage, run only on the inline texts that may hold something
    to mask, each with a fresh list for the wrapped rules to fill."""
    found: dict[int, list[Span]] = state.env[_INLINE_KEY]
    for index, token in enumerate(state.tokens):
        if token.type == "inline" and any(m in token.content for m in _INLINE_MARKERS):
            spans: list[Span] = []
            labels: list[Span] = []
            state.env[_SPANS_KEY] = spans
            state.env[_LABEL_SPANS_KEY] = labels
            state.md.inline.parse(token.content, state.md, state.env, [])
            if spans:
                found[index] = _with_code_elements(token.content, spans)
            if labels:
                state.env[_LABELS_KEY][index] = labels


def _with_code_elements(content: str, spans: list[Span]) -> list[Span]:
    """``spans`` and, from each inline tag that opens a code element (``<code>``,
    ``<kbd>``...) to the tag that closes it, the element: its content is not prose."""
    spans.sort()
    elements = []
    for index, (start, end) in enumerate(spans):
        tag = _CODE_TAG_RE.match(content, start, end)
        if tag is None or tag["close"] or content[end - 2] == "/":
            continue
        closing = "</" + tag["name"].lower()
        for later_start, later_end in spans[index + 1 :]:
            if content[later_start : later_start + len(closing)].lower() == closing:
                elements.append((start, later_end))
                break
    return spans + elements


def _recording(
    name: str, rule: Callable[[StateInline, bool], bool]
) -> Callable[[StateInline, bool], bool]:
    """``rule``, also recording the span of what it parsed that is not prose."""

    def recorded(state: StateInline, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens)
        if not rule(state, silent):
            return False
        if silent:
            return True
        if name == "backticks":
            # an unmatched run of backticks is text
            if len(state.tokens) == count or state.tokens[-1].type != "code_inline":
                return True
        elif name in ("link", "image"):
            # the description is prose: mask from its closing ] (destination, title or
            # reference label); the parser found that ] before, it finds it again
            label_start = start + 1 if name == "image" else start
            start = state.md.helpers.parseLinkLabel(state, label_start, name == "link")
            if start < 0:
                return True
            # a shortcut [text] or a collapsed [text][] reference: the text is the label
            if state.pos == start + 1 or state.src[start + 1 : state.pos] == "[]":
                if start > label_start + 1:
                    state.env[_LABEL_SPANS_KEY].append((label_start + 1, start))
        state.env[_SPANS_KEY].append((start, state.pos))
        return True

    return recorded


def _recording_reference(
    rule: Callable[[StateBlock, int, int, bool], bool],
) -> Callable[[StateBlock, int, int, bool], bool]:
    """The reference definition ``rule``, also recording the lines a definition takes."""

    def recorded(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if not rule(state, start_line, end_line, silent):
            return False
        if not silent:
            state.env[_BLOCK_KEY].append((start_line, state.line))
        return True

    return recorded
