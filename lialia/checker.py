"""The public API: runs the pipeline stages and returns findings; never prints.

text -> tokens (tokenize) -> normalised words (normalize) -> verdicts (lexicon) ->
candidates (candidates) -> ranked suggestions (rank) -> :class:`Finding` objects.

>>> from lialia import SpellChecker
>>> checker = SpellChecker()
>>> checker.is_correct("المدرسة"), checker.is_correct("المدرسه")
(True, False)
>>> [s.word for s in checker.suggest("الى", limit=1)]
['إلى']
"""

from __future__ import annotations

import bisect
import heapq
import threading
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from itertools import compress, count, islice
from typing import Protocol

from . import context
from .errors import InvalidPatternError
from .findings import Finding, Severity, Suggestion
from .lexicon import (
    MIN_STEM,
    PROCLITICS,
    UTHMANI_LIST,
    Analysis,
    Lexicon,
    Segmentation,
    Status,
    Strictness,
    longest_proclitic,
    pairs,
)
from .normalize import (
    ALEF_MADDA,
    all_plain_but_madda,
    carry_marks,
    is_honorific,
    is_plain,
    is_quranic,
    is_vocalised,
    keys,
    normalize,
)
from .tokenize import (
    SYNTAXES,
    WORD_RE,
    SupportsFinditer,
    is_fragment,
    line_offsets,
    merged,
    overlaps,
    pieces,
    quoted_spans,
    regions,
    unmasked,
    windows,
)

# candidates and rank (and rapidfuzz under them) are imported by the methods that
# search and rank suggestions: a run that finds nothing, or only detects, never pays
# for them

__all__ = ["SYNTAXES", "SpellChecker"]

#: a stem this short inside clitics is not searched on its own: too many near words
MIN_STEM_SEARCH = 3
#: suggestions kept per word in the cache (``suggest(limit=...)`` cuts from these)
KEEP = 10
#: candidates scored with the full error model, out of all those within reach
SHORTLIST = 40
#: distinct written words whose verdicts are kept, and flagged words whose suggestions
#: are kept; past these the caches start again, so memory stays bounded however many
#: distinct words a long text holds (real prose repeats: a few thousand words make most
#: of any text)
MAX_VERDICTS = 200_000
MAX_RANKED = 20_000
def _has_presentation_form(word: str) -> bool:
    """True when ``word`` holds an Arabic presentation form (A or B; not U+FEFF, the
    byte order mark): a glyph shape that NFKC reads as letters.  Compared, not matched:
    only the few words a fix considers ask, and a run without one compiles nothing."""
    return any("\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufefc" for c in word)


#: characters of a text judged at a time (see :meth:`SpellChecker._flagged`): a few
#: thousand words, held at once whatever the text's length; smaller slices pay more
#: per-slice overhead, larger ones lose the processor's caches (1 MB of generated text:
#: fastest from 16 to 32 thousand characters)
WINDOW = 1 << 14
#: a flagged word: its offset, as written, its lexicon key and how wrong it is
_Flagged = tuple[int, str, tuple[str, Severity]]


@dataclass(frozen=True, slots=True)
class _Ranked:
    suggestions: tuple[Suggestion, ...]
    confident: bool


class CheckerOptions(Protocol):
    """What a :class:`SpellChecker` is built from, as the settings objects that keep
    them (the command line's, the dataframe adapters') hold them:
    :meth:`SpellChecker.from_options` takes any of them."""

    @property
    def lexicons(self) -> Sequence[str]: ...
    @property
    def extra_words(self) -> Iterable[str]: ...
    @property
    def report_probable(self) -> bool: ...
    @property
    def min_length(self) -> int: ...
    @property
    def ignore_patterns(self) -> Sequence[str]: ...
    @property
    def strictness(self) -> Strictness: ...


class SpellChecker:
    """Check Arabic text against one or more lexicons.

    ``lexicons`` names shipped lexicons (``"msa"``, ``"quran"``); ``extra_words`` are
    accepted as they are (a project's word list).  ``report_probable`` controls whether
    valid-but-rare variants (``اكثر``) are reported; ``min_length`` skips shorter words
    in :meth:`check`; ``ignore_patterns`` are regular expressions whose matches are never
    checked.  ``strictness`` is a :class:`~lialia.lexicon.Strictness` or the name of a
    preset (``"default"``, ``"strict"``, ``"lenient"``): which strict orthography rules
    (initial hamza, final ya, ta marbuta) report a valid but non-standard spelling such
    as ``انت`` as probable.  Verdicts are cached per distinct word; a checker is safe to
    share between threads.

    >>> SpellChecker(extra_words=["لياليا"]).is_correct("لياليا")
    True
    """

    def __init__(
        self,
        lexicons: Sequence[str] = ("msa",),
        extra_words: Iterable[str] = (),
        *,
        report_probable: bool = True,
        min_length: int = 2,
        ignore_patterns: Sequence[str] = (),
        strictness: Strictness | str = "default",
    ) -> None:
        # one name, word or pattern may be given alone, as one string (a string is
        # iterable: taken as a list, each of its letters was a word or a pattern)
        if isinstance(lexicons, str):
            lexicons = (lexicons,)
        if isinstance(extra_words, str):
            extra_words = (extra_words,)
        if isinstance(ignore_patterns, str):
            ignore_patterns = (ignore_patterns,)
        if not lexicons:
            raise ValueError("lexicons: name at least one lexicon, such as 'msa'")
        if isinstance(min_length, bool) or not isinstance(min_length, int):
            raise TypeError(f"min_length must be a whole number, not {min_length!r}")
        if min_length < 1:
            raise ValueError(f"min_length must be 1 or more, not {min_length}")
        if isinstance(strictness, str):
            strictness = Strictness.preset(strictness)
        if not isinstance(strictness, Strictness):
            raise TypeError(
                f"strictness must be a preset's name or a Strictness, not {strictness!r}"
            )
        self.lexicon = Lexicon(lexicons, extra_words, strictness)
        # the text may quote the muṣḥaf: its words are never fixed unasked, even bare
        self._quotes_quran = "quran" in self.lexicon.names
        self.report_probable = report_probable
        self.min_length = min_length
        self.ignore_patterns = [_compile(p) for p in ignore_patterns]
        # verdicts by surface form and by normalised word, suggestions by normalised word:
        # plain dicts, filled under a lock, read without one
        self._by_surface: dict[str, tuple[str, Severity] | None] = {}
        # the flagged ones among them: a text's flagged words are found by intersecting
        # its words with this small table rather than looking each up in the large one
        self._bad: dict[str, tuple[str, Severity]] = {}
        self._analyses: dict[str, Analysis] = {}
        self._ranked: dict[str, _Ranked] = {}
        # (surface, correction) -> what --fix writes in its place (None: nothing safe to
        # write); the correction is part of the key since the context may choose a twin
        self._replacements: dict[tuple[str, str], str | None] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_options(cls, options: CheckerOptions) -> SpellChecker:
        """A checker built from a settings object that holds its options by name."""
        return cls(
            options.lexicons,
            options.extra_words,
            report_probable=options.report_probable,
            min_length=options.min_length,
            ignore_patterns=options.ignore_patterns,
            strictness=options.strictness,
        )

    # -- the public API -------------------------------------------------------------

    def load(self) -> None:
        """Load the lexicons now (compiling them into the cache on a machine's first run)
        rather than on the first word: before starting worker processes, say, so that
        they map one compiled index instead of each compiling its own."""
        self.lexicon.parts  # noqa: B018 (the property loads)
        if "msa" in self.lexicon.names:
            pairs("misspellings")
            for name in self.lexicon.probable_lists:
                pairs(name)
            if self._quotes_quran:
                pairs(UTHMANI_LIST)
        self.lexicon.in_quran("")  # consulted before any fix, whichever lexicons are loaded

    def check(
        self, text: str, *, syntax: str = "plain", suggest: bool = True, before: str = ""
    ) -> list[Finding]:
        """Findings in ``text``, in text order.  ``syntax`` is one of :data:`SYNTAXES`.

        With ``suggest=False`` findings carry no suggestions (and are never
        ``confident``): detection alone, several times faster on a text with many
        unknown words.  When ``text`` is a part of a larger one (a chunk of a large
        file), ``before`` is the end of the text before it (a few hundred characters
        are plenty): the context rules read it, so that the part's first words are
        judged as they are in the whole text, not as the start of a document.

        >>> [(f.word, f.column, f.best) for f in SpellChecker().check("ذهبت الى المدرسه")]
        [('الى', 6, 'إلى'), ('المدرسه', 10, 'المدرسة')]
        """
        return self.check_counted(text, syntax=syntax, suggest=suggest, before=before)[0]

    def check_counted(
        self, text: str, *, syntax: str = "plain", suggest: bool = True, before: str = ""
    ) -> tuple[list[Finding], int]:
        """:meth:`check`, and how many words were checked (for a summary line).

        >>> SpellChecker().check_counted("ذهبت الى `الكود` البيت", syntax="markdown")[1]
        3
        """
        _must_be_text(text)
        _must_be_text(before)
        masks, frozen = regions(text, syntax, self.ignore_patterns)
        if masks:
            flagged, words = self._flagged_between(text, masks)
        else:
            flagged, words = self._flagged(text)
        # the context rules read ``seen``: the text with the end of what came before it
        # (one character more than they read back, so that a part never looks like
        # the start of a document); its positions are ``shift`` ahead of the text's
        tail = before[-(context.REACH_BEFORE + 1) :]
        seen, shift = tail + text, len(tail)
        # correct words that are the wrong twin where they stand (حيث أن): see context
        wrong = {}
        if self.report_probable and "quran" not in self.lexicon.names:  # rules of MSA prose
            wrong = self._wrong_twins(seen, shift, masks, suggest)
        if wrong:
            flagged = sorted([*flagged, *(entry for entry, _ in wrong.values())])
        # a part of a word that markup joins to the rest (ه**اذا** reads هاذا) is not the
        # word a reader sees: neither reported nor fixed
        flagged = [
            entry
            for entry in flagged
            if not is_fragment(text, entry[0], entry[0] + len(entry[1]), syntax, masks)
        ]
        findings = []
        line_starts: list[int] | None = None
        quoted: list[tuple[int, int]] | None = None
        for offset, surface, (word, severity) in flagged:
            if line_starts is None:
                line_starts = line_offsets(text)
            line = bisect.bisect_right(line_starts, offset)
            if offset in wrong:
                ranked = _Ranked(wrong[offset][1], False)
            elif not suggest:
                ranked = _Ranked((), False)
            else:
                ranked = self._rank(word)
                if context.is_twin(word):  # the neighbours choose between twins
                    near = context.neighbours(seen, shift + offset, shift + offset + len(surface))
                    if (choice := context.choose(word, near)) is not None:
                        ordered = context.reorder(ranked.suggestions, choice)
                        # fixed unasked only on a certain rule (حيث ان -> إن)
                        ranked = _Ranked(ordered, choice.certain and ordered[0].word == choice.word)
            replacement = None
            if ranked.confident and severity is Severity.MISSPELLING:
                if quoted is None:  # never fixed: a quotation of the Quran, a label
                    quoted = quoted_spans(text)
                    if frozen:
                        quoted = merged([*quoted, *frozen])
                end = offset + len(surface)
                if not overlaps(quoted, offset, end) and not _in_a_name(text, offset, end):
                    replacement = self._replacement(surface, ranked.suggestions[0].word)
            findings.append(
                Finding(
                    line,
                    offset - line_starts[line - 1] + 1,
                    offset,
                    surface,
                    severity,
                    ranked.suggestions,
                    replacement is not None,
                    replacement,
                )
            )
        return findings, words

    def _wrong_twins(
        self, seen: str, shift: int, masks: list[tuple[int, int]], suggest: bool
    ) -> dict[int, tuple[_Flagged, tuple[Suggestion, ...]]]:
        """Correct twins the grammar wants written with the other hamza
        (:func:`lialia.context.wrong_twins`), by offset in the text (``seen`` less its
        first ``shift`` characters, the end of the text before it): each as a flagged
        probable word and the twin to write instead (when ``suggest``).  Never in a
        quotation of the Quran, nor in a word shorter than :attr:`min_length`."""
        found = {}
        skip = [(0, shift), *((a + shift, b + shift) for a, b in masks), *quoted_spans(seen)]
        for at, (surface, choice) in context.wrong_twins(seen, skip).items():
            offset = at - shift
            word = normalize(surface)
            if len(word) >= self.min_length and not is_quranic(surface):
                twins: tuple[Suggestion, ...] = ()
                if suggest:
                    from . import rank  # rank imports rapidfuzz: only when it is needed

                    freq = self.lexicon.freq(choice.word)
                    twins = (rank.suggestion(word, choice.word, freq),)
                found[offset] = ((offset, surface, (word, Severity.PROBABLE)), twins)
        return found

    def suggest(self, word: str, limit: int = 5) -> list[Suggestion]:
        """Ranked corrections for one word or phrase (best first); empty when correct.

        In a phrase, each flagged word is replaced by its best correction.  At most
        ``limit`` suggestions, and never more than :data:`KEEP`.
        """
        _must_be_text(word)
        if limit < 1:
            raise ValueError(f"limit must be 1 or more, not {limit}")
        verdicts = [(m.group(), self._verdict(m.group())) for m in WORD_RE.finditer(word)]
        if not any(verdict for _, verdict in verdicts):
            return []
        if len(verdicts) == 1:
            verdict = verdicts[0][1]
            assert verdict is not None
            return list(self._rank(verdict[0]).suggestions[:limit])
        score = 0.0
        fixed = []
        for surface, verdict in verdicts:
            best = self._rank(verdict[0]).suggestions[:1] if verdict else ()
            fixed.append(best[0].word if best else _plain(surface))
            score += best[0].score if best else 0.0
        return [Suggestion(" ".join(fixed), round(score, 4), "phrase")]

    def severity(self, word: str) -> Severity | None:
        """None for a correct word (or phrase), else how wrong it is (the worst word)."""
        _must_be_text(word)
        found = [v[1] for m in WORD_RE.finditer(word) if (v := self._verdict(m.group()))]
        if not found:
            return None
        return Severity.MISSPELLING if Severity.MISSPELLING in found else Severity.PROBABLE

    def is_correct(self, word: str) -> bool:
        """True when the word is not flagged (clitics included).

        >>> SpellChecker().is_correct("وبمدرستهم")
        True
        """
        return self.severity(word) is None

    def rankings(self, since: int = 0) -> list[tuple[str, tuple[Suggestion, ...], bool]]:
        """The words ranked so far, from the ``since``-th on in the order they were
        ranked, with their suggestions and confidence: what another checker built from
        the same lexicons and words may :meth:`learn` rather than rank again (``--jobs``
        processes share them)."""
        with self._lock:
            ranked = list(islice(self._ranked.items(), since, None))
        return [(word, r.suggestions, r.confident) for word, r in ranked]

    def learn(self, rankings: Iterable[tuple[str, tuple[Suggestion, ...], bool]]) -> None:
        """Take rankings another checker over the same lexicons and words made (see
        :meth:`rankings`); a word ranked here already keeps its own."""
        with self._lock:
            for word, suggestions, confident in rankings:
                self._ranked.setdefault(word, _Ranked(suggestions, confident))

    # -- the stages ------------------------------------------------------------------

    def _bound_caches(self) -> None:
        """Start the caches again once they hold more than :data:`MAX_VERDICTS` words
        (or :data:`MAX_RANKED` ranked ones): a text of millions of distinct words (a
        word list, a generated corpus) must not grow memory without end.  Clearing
        costs only the recomputation of words seen again."""
        if len(self._by_surface) > MAX_VERDICTS or len(self._analyses) > MAX_VERDICTS:
            with self._lock:
                self._by_surface.clear()
                self._bad.clear()
                self._analyses.clear()
                self._replacements.clear()
        if len(self._ranked) > MAX_RANKED:
            with self._lock:
                self._ranked.clear()
                self._replacements.clear()

    def _flagged(self, text: str) -> tuple[list[_Flagged], int]:
        """The flagged words of a text with nothing masked, in text order, and how many
        words it holds.

        The hot path: each slice of the text (:func:`lialia.tokenize.windows`) is cut
        into its words by one regex pass (:func:`lialia.tokenize.pieces`), each distinct
        word not seen before is judged once, most of them in one batch
        (:meth:`_judge_all`), and only the flagged words' offsets are counted.
        """
        flagged: list[_Flagged] = []
        words = 0
        for start, end in windows(text, WINDOW):
            self._bound_caches()
            window = text[start:end]
            cut = pieces(window)
            surfaces = cut[1::2]
            words += len(surfaces)
            distinct = set(surfaces)
            # one snapshot of both caches (no clearing between the two look-ups)
            with self._lock:
                unseen = distinct.difference(self._by_surface)
                known_bad = distinct.intersection(self._bad)
                bad = {surface: self._bad[surface] for surface in known_bad}
            if unseen:
                bad.update(self._judge_all(unseen, all_plain_but_madda(window)))
            if not bad:
                continue
            offset = start
            done = 0  # the pieces counted into ``offset``
            for index in compress(count(), map(bad.__contains__, surfaces)):
                piece = 2 * index + 1
                offset += sum(map(len, cut[done:piece]))
                done = piece
                surface = surfaces[index]
                flagged.append((offset, surface, bad[surface]))
        return flagged, words

    def _flagged_between(
        self, text: str, masks: list[tuple[int, int]]
    ) -> tuple[list[_Flagged], int]:
        """:meth:`_flagged` for a text with masked spans: word by word."""
        self._bound_caches()
        flagged: list[_Flagged] = []
        words = 0
        by_surface = self._by_surface
        for match in unmasked(text, masks):
            words += 1
            surface = match.group()
            try:
                verdict = by_surface[surface]
            except KeyError:
                verdict = self._judge_surface(surface)
            if verdict is not None:
                flagged.append((match.start(), surface, verdict))
        return flagged, words

    def _judge_all(
        self, surfaces: AbstractSet[str], bare: bool = False
    ) -> dict[str, tuple[str, Severity]]:
        """Judge words not seen before, keep their verdicts and return the flagged ones.

        Bare words (most of them: :func:`lialia.normalize.is_plain`) that are too short
        or valid as written are settled in one batch; the others word by word
        (:meth:`_verdict`).  ``bare`` says that the text they come from holds nothing
        that normalisation changes (:func:`lialia.normalize.all_plain_but_madda`): then
        only the words with an آ need asking whether they are plain."""
        if not surfaces:
            return {}
        min_length = self.min_length
        if bare:
            plain = [s for s in surfaces if ALEF_MADDA not in s or is_plain(s)]
        else:
            plain = [s for s in surfaces if is_plain(s)]
        if min_length > 1:
            right = {s for s in plain if len(s) < min_length}
            right |= self.lexicon.valid_as_written([s for s in plain if len(s) >= min_length])
        else:
            right = self.lexicon.valid_as_written(plain)
        with self._lock:
            self._by_surface.update(dict.fromkeys(right))
        bad = {}
        for surface in surfaces - right:
            # plain again as above (asked again of these few rather than kept for all)
            plain_now = (bare and ALEF_MADDA not in surface) or is_plain(surface)
            if (verdict := self._judge_surface(surface, plain_now)) is not None:
                bad[surface] = verdict
        return bad

    def _verdict(self, surface: str, min_length: int = 1) -> tuple[str, Severity] | None:
        """The lexicon key a written word is judged by, and how wrong it is; None when it
        is right: a word of a loaded lexicon under any of its readings
        (:func:`lialia.normalize.keys`), a phrase ligature (ﷺ), or too short to judge."""
        if is_honorific(surface):
            return None
        word, *others = keys(surface)
        if len(word) < min_length:
            return None
        severity = self._severity_of(word)
        if severity is None or any(self._severity_of(other) is None for other in others):
            return None
        if (
            self._quotes_quran
            and is_vocalised(surface)
            and any(map(self.lexicon.in_quran, (word, *others)))
        ):
            # with the quran lexicon, a vocalised word of the muṣḥaf is a quotation
            # (ءَامَنُوا), even where its bare form is a slip in prose (ءامنوا)
            return None
        return word, severity

    def _judge_surface(self, surface: str, plain: bool = False) -> tuple[str, Severity] | None:
        """:meth:`_verdict`, kept; ``plain`` says that ``surface`` is plain
        (:func:`lialia.normalize.is_plain`): its own and only key, no ligature, so
        neither is asked again."""
        if not plain:
            verdict = self._verdict(surface, self.min_length)
        elif len(surface) < self.min_length:
            verdict = None
        else:
            severity = self._severity_of(surface)
            verdict = None if severity is None else (surface, severity)
        with self._lock:
            self._by_surface[surface] = verdict
            if verdict is not None:
                self._bad[surface] = verdict
        return verdict

    def _severity_of(self, word: str) -> Severity | None:
        """The verdict on a normalised word (None: correct, or an unreported probable)."""
        status = self._analysis(word).status
        if status is Status.VALID:
            return None
        if status is Status.PROBABLE:
            return Severity.PROBABLE if self.report_probable else None
        return Severity.MISSPELLING

    def _analysis(self, word: str) -> Analysis:
        """The lexicon's analysis of a normalised word, computed once: both the verdict
        and the ranking of a flagged word start from it."""
        try:
            return self._analyses[word]
        except KeyError:
            pass
        analysis = self.lexicon.analyze(word)
        with self._lock:
            self._analyses[word] = analysis
        return analysis

    def _rank(self, word: str) -> _Ranked:
        """Suggestions for a flagged normalised word, computed once."""
        try:
            return self._ranked[word]
        except KeyError:
            pass
        from . import candidates, rank

        analysis = self._analysis(word)
        if len(word) > candidates.MAX_SEARCH_LENGTH:
            ranked = _Ranked((), False)  # a run of letters, not a word: nothing is near it
        else:
            pool: dict[str, tuple[int, int, bool]] = {}
            self._gather_whole(word, pool)
            self._gather_stems(word, pool)
            found = self._score(word, pool)
            if analysis.preferred:
                support = self.lexicon.support(analysis.preferred)
                found[analysis.preferred] = rank.suggestion(
                    word,
                    analysis.preferred,
                    support[0] if support else 1,
                    known=analysis.status is Status.KNOWN and analysis.exact,
                )
            self._add_splits(word, found)
            ordered = rank.order(found.values())
            # confidence is judged on the full ranking (as fitted); what is shown leaves
            # out a better suggestion with a clitic the writer did not write
            confident = rank.is_confident(ordered[:KEEP], word)
            ranked = _Ranked(tuple(self._without_added_clitics(word, ordered)[:KEEP]), confident)
        with self._lock:
            self._ranked[word] = ranked
        return ranked

    def _without_added_clitics(
        self, word: str, ordered: Sequence[Suggestion]
    ) -> list[Suggestion]:
        """The first :data:`KEEP` of ``ordered`` less each suggestion that is a
        better-ranked one with proclitics the written word does not begin with:
        ``ابراهيم`` -> إبراهيم, not also وإبراهيم and لإبراهيم; ``المدرسه`` -> المدرسة,
        not also بالمدرسة and للمدرسة."""
        # the proclitics the writer did not write, found once for all the suggestions;
        # the scan stops at KEEP kept, since no more are shown
        added = _added_proclitics(word)
        kept: list[Suggestion] = []
        shown: set[str] = set()
        for suggestion in ordered:
            if not shown or not _adds_clitic(suggestion.word, added, shown):
                kept.append(suggestion)
                shown.add(suggestion.word)
                if len(kept) == KEEP:
                    break
        return kept

    def _replacement(self, surface: str, best: str) -> str | None:
        """What ``--fix`` writes in place of a confidently corrected ``surface``: ``best``
        with the marks of ``surface`` carried over; None when nothing may be written.

        Never for a word of the muṣḥaf (it carries a Quranic sign, or it is a Quranic
        word form with its vowel marks, whichever lexicons are loaded, or without them
        when the quran lexicon is loaded: الي may be a bare quotation); never for a word
        written with a presentation form (``ﻷ``, U+FEF7): its letters as read (NFKC) are
        what was checked and flagged, so a fix would write other letters than the glyph
        shows; never when a mark or a ZWNJ cannot be carried
        (:func:`lialia.normalize.carry_marks`); never when checking the result would
        flag it again (``لاداعى`` -> ``لا داعى``: داعى is itself flagged), so a fix is
        stable.
        """
        try:
            return self._replacements[surface, best]
        except KeyError:
            pass
        if (
            is_quranic(surface)
            or _has_presentation_form(surface)
            or (
                (is_vocalised(surface) or self._quotes_quran)
                and any(self.lexicon.in_quran(key) for key in keys(surface))
            )
        ):
            new = None
        else:
            new = carry_marks(surface, best)
        if new is not None and (new == surface or not self._stable(new)):
            new = None
        with self._lock:
            self._replacements[surface, best] = new
        return new

    def _stable(self, text: str) -> bool:
        """True when checking ``text`` (a correction put in place) flags nothing in it."""
        found = WORD_RE.findall(text)
        covered = sum(len(word) for word in found)
        letters = len(text) - text.count(" ")
        return covered == letters and not any(
            self._verdict(word, self.min_length) for word in found
        )

    def _gather_whole(self, word: str, pool: dict[str, tuple[int, int, bool]]) -> None:
        """Lexicon words near the whole word: ``pool[c] = (distance, freq, exact)``."""
        from . import candidates

        for candidate, (dist, freq) in candidates.candidates(self.lexicon.parts, word).items():
            pool[candidate] = (dist, freq, True)

    def _gather_stems(self, word: str, pool: dict[str, tuple[int, int, bool]]) -> None:
        """A misspelled stem between correct clitics: correct the stem (وبالمدرسه)."""
        from . import candidates

        for seg in self.lexicon.segmentations(word):
            if len(seg.stem) < MIN_STEM_SEARCH:
                continue
            # only the stem's own skeleton: hamza, ة and ى slips between good clitics
            near = candidates.candidates(self.lexicon.parts, seg.stem, distance=0)
            for stem, (dist, stem_freq) in near.items():
                full = seg.attach(stem)
                if full in pool or full == word:
                    continue
                freq = self.lexicon.freq(full)
                pool[full] = (dist, freq, True) if freq else (dist, stem_freq, False)

    def _score(self, word: str, pool: dict[str, tuple[int, int, bool]]) -> dict[str, Suggestion]:
        """Score the most promising candidates of the pool with the full error model.

        A cheap bound (prior and skeleton distance) picks :data:`SHORTLIST` of them
        first: the error model is the costly step, and far words never win.
        """
        from . import rank

        def bound(item: tuple[str, tuple[int, int, bool]]) -> float:
            dist, freq, exact = item[1]
            return rank.prior(freq) + rank.DISTANCE_BOUND * dist - (0 if exact else 1)

        # most pools are smaller than the shortlist: all of them is scored then, and the
        # order they are scored in changes nothing (rank.order sorts them in full)
        shortlist = (
            pool.items()
            if len(pool) <= SHORTLIST
            else heapq.nlargest(SHORTLIST, pool.items(), key=bound)
        )
        found: dict[str, Suggestion] = {}
        for candidate, (_dist, freq, exact) in shortlist:
            if not self.lexicon.is_suggestible(candidate):
                continue
            if not exact and self.lexicon.support(candidate) is None:
                continue  # the stem is a word but the clitics don't fit it
            found[candidate] = rank.suggestion(word, candidate, freq, exact=exact)
        return found

    def _add_splits(self, word: str, found: dict[str, Suggestion]) -> None:
        """Two words written without the space between them (لايخافون -> لا يخافون),
        above all after a letter that does not join the next (ماذاحدث -> ماذا حدث): the
        first word exactly as the lexicon has it, the second one perhaps behind clitics.

        Only flagged words come here: a valid word is never split (عبدالله, فيما)."""
        from . import rank

        listed = self._analysis(word).preferred is not None
        for cut in range(2, len(word) - 1):
            left, right = word[:cut], word[cut:]
            left_freq = self.lexicon.freq(left)
            floor = rank.split_min_left_freq(left, listed=listed)
            if left_freq < floor or not self.lexicon.is_suggestible(left):
                continue
            right_support = self.lexicon.support(right)
            if right_support is None:
                continue
            split = rank.split_suggestion(left, right, left_freq, *right_support)
            found.setdefault(split.word, split)


#: the proclitics with the article after a preposition (بال, وكال), by their spelling
#: with the article's alef left out, as it is heard (بل, وكل); فل and ول are ف and و
#: before the preposition ل
_WITHOUT_WASL = {
    prefix.replace("ال", "ل"): prefix
    for prefix, article in PROCLITICS
    if article and prefix.endswith(("بال", "كال"))
}
_LONGEST_WITHOUT_WASL = max(map(len, _WITHOUT_WASL))


def _added_proclitics(word: str) -> dict[str, tuple[tuple[str, bool], ...]]:
    """The proclitics (with whether each carries the article) that ``word`` does not
    begin with, by their first letter: a candidate is then tried only against those
    its own first letter can begin.  Shared between words (never to be changed): the
    proclitics a word begins with are those its longest one begins with."""
    longest = longest_proclitic(word)
    # بلمدرسة: the writer wrote بال, its alef left out, so بالمدرسة adds no clitic
    for length in range(min(len(word), _LONGEST_WITHOUT_WASL), 1, -1):
        if (unheard := _WITHOUT_WASL.get(word[:length])) is not None:
            return _added_after(longest, unheard)
    return _added_after(longest)


@cache  # one entry per proclitic (or two), and one for none
def _added_after(longest: str, unheard: str = "") -> dict[str, tuple[tuple[str, bool], ...]]:
    added: dict[str, list[tuple[str, bool]]] = {}
    for prefix, article in PROCLITICS:
        if prefix and not longest.startswith(prefix) and not unheard.startswith(prefix):
            added.setdefault(prefix[0], []).append((prefix, article))
    return {letter: tuple(clitics) for letter, clitics in added.items()}


def _adds_clitic(
    candidate: str, added: Mapping[str, Sequence[tuple[str, bool]]], shown: set[str]
) -> bool:
    """True when ``candidate`` is a word of ``shown`` behind one of the ``added``
    proclitics (:func:`_added_proclitics`) with no enclitic: the readings of
    :meth:`Lexicon.segmentations` that :meth:`SpellChecker._without_added_clitics`
    asks about, and only those."""
    for prefix, article in added.get(candidate[:1], ()):
        if not candidate.startswith(prefix):
            continue
        stem = candidate[len(prefix) :]
        if len(stem) >= MIN_STEM and any(
            form in shown for form in Lexicon.stem_forms(Segmentation(prefix, stem, "", article))
        ):
            return True
    return False


#: characters that make a word written against them part of a name, not prose: a path
#: (docs/الى.md), a hashtag (#الى) or a mention (@الى); not a backslash, which ends
#: a TeX line (سطر\\الى) where control words are masked already
_NAME_BEFORE = frozenset("#@/")
_NAME_AFTER = frozenset("/")


def _in_a_name(text: str, start: int, end: int) -> bool:
    """True when the word at ``start:end`` is written against a ``/``, a ``#`` or an ``@``
    before it, or a ``/`` or a file extension (``.md``) after it: a part of a path, a
    hashtag or a mention, which something else refers to; reported, never fixed unasked
    (``و/أو`` too: a fix there is left to the writer).

    >>> texts = ("docs/الى.md", "انظر #الى", "@الى", "انظر الى.", "الى البيت")
    >>> [_in_a_name(t, t.index("الى"), t.index("الى") + 3) for t in texts]
    [True, True, True, False, False]
    """
    before = text[start - 1] if start else ""
    after = text[end : end + 2]
    return (
        before in _NAME_BEFORE
        or after[:1] in _NAME_AFTER
        or (after[:1] == "." and after[1:2].isascii() and after[1:2].isalnum())
    )


def _must_be_text(value: object) -> None:
    """A clear TypeError for what is not a str (bytes: decode them first); the regular
    expressions said it the wrong way round ("a bytes-like object is required")."""
    if not isinstance(value, str):
        raise TypeError(f"expected text (a str; decode bytes first), not {type(value).__name__}")


def _plain(surface: str) -> str:
    """A correct word as a phrase suggestion shows it: its lexicon key, or as written
    when it has none of its own (a phrase ligature)."""
    return surface if is_honorific(surface) else keys(surface)[0]


def _compile(pattern: str) -> SupportsFinditer:
    # ``regex`` (not ``re``) so that users may write \p{Arabic}; imported only when used
    import regex

    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise InvalidPatternError(pattern, str(exc)) from None
