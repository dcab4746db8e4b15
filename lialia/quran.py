"""Keyword search in the Quran: correct a keyword, then find where the muṣḥaf has it.

The text is ``dictionaries/quran-index.tsv`` (every word of the Ḥafṣ muṣḥaf of
quran-text 0.1.0, Uthmani and imla'i, built by ``scripts/build_quran_index.py``).  On
first use it is compiled, like the lexicons, into marisa tries in a checked cache folder
(:mod:`lialia.index`) that later processes map instead of parsing:

* ``occurrences.marisa``: each normalised word form (of the Uthmani and of the imla'i
  word) -> ``(surah, ayah, position)`` records;
* ``stems.marisa``: ``stem<TAB>form`` for every form and every stem a clitic reading
  finds in it (``كتاب`` -> ``الكتاب``, ``بكتاب``, ``وكتابه``), as :mod:`lialia.lexicon`
  segments words;
* ``loose.marisa``: the same keyed by the stem's skeleton (hamza and alef forms, ة/ه,
  ى/ي folded: :func:`lialia.normalize.skeleton`);
* ``ayahs.marisa``: ``surah:ayah`` -> the ayah's words, Uthmani and imla'i.

A keyword is judged with the quran and msa lexicons (valid in either: correct).  One
that the Quran does not have as written is searched as its best correction that the
Quran does have: ``يومنون`` as ``يؤمنون``, ``مستقييم`` as ``مستقيم``; a correct word the
muṣḥaf spells otherwise (``الرحمان``) as that spelling, when the two differ by one
letter of spelling (a long vowel, a hamza seat, ة/ه, ى/ي), never a different word.

>>> from lialia.quran import search
>>> found = search("الرحمان", limit=1)[0]
>>> found.correct, found.correction, found.reason.value, found.count
(True, 'الرحمن', 'corrected', 57)
>>> occurrence = found.occurrences[0]
>>> occurrence.surah, occurrence.ayah, occurrence.position, occurrence.imlai
(1, 1, 3, 'الرحمن')

The core never prints; ``lialia search`` is its command line.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache, cached_property
from pathlib import Path

import marisa_trie
from rapidfuzz.distance import Levenshtein

from .checker import SpellChecker
from .index import IndexSpec
from .lexicon import UTHMANI_LIST, Lexicon, _cached, data_path, pairs, read_wordlist
from .normalize import MADDAH, normalize, skeleton
from .tokenize import WORD_RE, trim_punctuation

__all__ = ["Ayah", "Occurrence", "QuranIndex", "Reason", "SearchResult", "quran_index", "search"]

NAME = "quran-index"
SOURCE = "quran-index.tsv"
_SEP = "\t"
#: the quotation marks that make a phrase ordered: its words adjacent, in that order
_GUILLEMET_LEFT = "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}"
_GUILLEMET_RIGHT = "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}"
QUOTES = {
    '"': '"',
    _GUILLEMET_LEFT: _GUILLEMET_RIGHT,
    _GUILLEMET_RIGHT: _GUILLEMET_LEFT,
    "\N{LEFT DOUBLE QUOTATION MARK}": "\N{RIGHT DOUBLE QUOTATION MARK}",
    "\N{ORNATE RIGHT PARENTHESIS}": "\N{ORNATE LEFT PARENTHESIS}",
}
#: suggestions looked at for a correction that the Quran has
CORRECTION_POOL = 10
#: the kinds of edit (:mod:`lialia.rank`'s reasons) by which a correct word may be
#: searched as the muṣḥaf's spelling of it: spelling, never another word
SPELLING_EDITS = frozenset(
    {
        "known",
        "hamza",
        "vowel",
        "extra-vowel",
        "wasl",
        "ta-marbuta",
        "alef-maqsura",
        "waw-alef",
        "doubled",
    }
)


class Reason(str, Enum):
    """What a search found for a keyword."""

    #: the keyword occurs as written (its clitic forms included)
    FOUND = "found"
    #: the keyword does not occur as written; its correction (``correction``) does
    CORRECTED = "corrected"
    #: neither the keyword nor a correction of it occurs in the Quran
    NOT_FOUND = "not found"
    #: the keyword holds something other than Arabic words (Latin, digits, punctuation)
    NOT_ARABIC = "not Arabic"
    #: the keyword is blank
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Ayah:
    """One ayah: its words as the muṣḥaf writes them and in imla'i spelling."""

    surah: int
    ayah: int
    #: the Uthmani words (quran-text's code points; the pause signs are not in them)
    uthmani_words: tuple[str, ...]
    #: the imla'i words, aligned with the Uthmani ones ("" where quran-text has none;
    #: one may hold two words, ``أو لم``)
    imlai_words: tuple[str, ...]

    @property
    def uthmani(self) -> str:
        """The ayah's Uthmani text, its words separated by spaces."""
        return " ".join(self.uthmani_words)

    @property
    def imlai(self) -> str:
        """The ayah's imla'i text, its words separated by spaces."""
        return " ".join(word for word in self.imlai_words if word)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a keyword occurs: surah, ayah and word position (from 1), and the words.

    For a phrase, ``position`` is the first matched word's and ``uthmani``/``imlai``
    hold the matched words, separated by spaces."""

    surah: int
    ayah: int
    position: int
    uthmani: str
    imlai: str
    #: the ayah's text, when asked for (``ayah_text=True``)
    ayah_uthmani: str | None = None
    ayah_imlai: str | None = None

    @property
    def reference(self) -> str:
        """``surah:ayah:position``, e.g. ``2:255:3``."""
        return f"{self.surah}:{self.ayah}:{self.position}"


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer for one keyword (a word or a phrase)."""

    #: the keyword as given
    keyword: str
    #: as looked up: normalised (no diacritics, tatweel or Quranic marks), quotes removed
    normalized: str
    #: whether the quran or msa lexicon accepts every word of the keyword
    correct: bool
    #: what was searched instead when the keyword does not occur as written, else None
    correction: str | None
    reason: Reason
    #: occurrences in all (``occurrences`` may be cut by ``limit``)
    count: int
    #: in muṣḥaf order
    occurrences: tuple[Occurrence, ...]

    @property
    def found(self) -> bool:
        """True when the keyword, or its correction, occurs."""
        return self.count > 0

    @property
    def searched(self) -> str:
        """What was searched: the correction, or the keyword itself."""
        return self.correction if self.correction is not None else self.normalized

    def as_dict(self) -> dict[str, object]:
        """The result as JSON-ready data (``lialia search --format json`` prints it):
        each occurrence's ayah text only when it was asked for."""
        occurrences: list[dict[str, object]] = []
        for found in self.occurrences:
            item: dict[str, object] = {
                "surah": found.surah,
                "ayah": found.ayah,
                "position": found.position,
                "uthmani": found.uthmani,
                "imlai": found.imlai,
            }
            if found.ayah_uthmani is not None:
                item["ayah_uthmani"] = found.ayah_uthmani
                item["ayah_imlai"] = found.ayah_imlai
            occurrences.append(item)
        return {
            "keyword": self.keyword,
            "normalized": self.normalized,
            "correct": self.correct,
            "correction": self.correction,
            "reason": self.reason.value,
            "count": self.count,
            "occurrences": occurrences,
        }


# a place in the muṣḥaf: (surah, ayah, position)
Place = tuple[int, int, int]


def _forms_of(uthmani: str, imlai: str) -> set[str]:
    """The normalised forms a word is found under: its Uthmani spelling (with and
    without the madd sign read as a letter) and each word of its imla'i spelling."""
    forms = {normalize(uthmani), normalize(uthmani.replace(MADDAH, ""))}
    forms.update(normalize(part) for part in imlai.split())
    return {form for form in forms if form}


def _stems(lexicon: Lexicon, form: str) -> set[str]:
    """The form itself and every stem a clitic reading finds in it (ال + stem as well
    as the bare stem for the article: بالكتاب -> الكتاب, كتاب)."""
    found = {form}
    for seg in lexicon.segmentations(form):
        found.update(lexicon.stem_forms(seg))
    return found


def compile_into(folder: Path, source: Path | None = None) -> None:
    """Compile the shipped text (or ``source``) into the four tries in ``folder``."""
    path = source or data_path(SOURCE)
    places: dict[str, set[Place]] = {}
    ayahs: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    for surah, ayah, position, uthmani, imlai in read_wordlist(path, NAME, 5):
        place = (int(surah), int(ayah), int(position))
        for form in _forms_of(uthmani, imlai):
            places.setdefault(form, set()).add(place)
        words = ayahs.setdefault(place[:2], ([], []))
        words[0].append(uthmani)
        words[1].append(imlai)
    marisa_trie.RecordTrie(
        "<HHH", ((form, place) for form, found in places.items() for place in sorted(found))
    ).save(str(folder / "occurrences.marisa"))
    lexicon = Lexicon(("quran",))  # its clitic machinery only: no list is loaded
    stems = {(stem, form) for form in places for stem in _stems(lexicon, form)}
    marisa_trie.Trie(stem + _SEP + form for stem, form in stems).save(str(folder / "stems.marisa"))
    marisa_trie.Trie(skeleton(stem) + _SEP + form for stem, form in stems).save(
        str(folder / "loose.marisa")
    )
    marisa_trie.BytesTrie(
        (
            f"{surah}:{ayah}",
            (_SEP.join(uthmani) + "\n" + _SEP.join(imlai)).encode("utf-8"),
        )
        for (surah, ayah), (uthmani, imlai) in ayahs.items()
    ).save(str(folder / "ayahs.marisa"))


class QuranIndex:
    """The compiled search index: word forms -> places, and the ayahs' words.

    Load it with :func:`quran_index` (mapped from the cache) or
    :meth:`from_folder`; it is read-only and safe to share between threads."""

    FILES = ("occurrences.marisa", "stems.marisa", "loose.marisa", "ayahs.marisa")

    def __init__(
        self,
        occurrences: marisa_trie.RecordTrie,
        stems: marisa_trie.Trie,
        loose: marisa_trie.Trie,
        ayahs: marisa_trie.BytesTrie,
    ) -> None:
        self._occurrences = occurrences
        self._stems = stems
        self._loose = loose
        self._ayahs = ayahs
        self._checkers_lock = threading.Lock()
        self._checkers: tuple[SpellChecker, SpellChecker] | None = None

    @classmethod
    def from_folder(cls, folder: Path) -> QuranIndex:
        """Map the tries :func:`compile_into` wrote (checked first: see :mod:`lialia.index`)."""
        occurrences = marisa_trie.RecordTrie("<HHH")
        occurrences.mmap(str(folder / "occurrences.marisa"))
        stems = marisa_trie.Trie()
        stems.mmap(str(folder / "stems.marisa"))
        loose = marisa_trie.Trie()
        loose.mmap(str(folder / "loose.marisa"))
        ayahs = marisa_trie.BytesTrie()
        ayahs.mmap(str(folder / "ayahs.marisa"))
        return cls(occurrences, stems, loose, ayahs)

    # -- the text ---------------------------------------------------------------------

    def ayah(self, surah: int, ayah: int) -> Ayah | None:
        """The ayah ``surah:ayah``, or None when the muṣḥaf has no such ayah.

        >>> quran_index().ayah(1, 2).imlai
        'الحمد لله رب العالمين'
        """
        found = self._ayahs.get(f"{surah}:{ayah}")
        if not found:
            return None
        uthmani, imlai = found[0].decode("utf-8").split("\n")
        return Ayah(surah, ayah, tuple(uthmani.split(_SEP)), tuple(imlai.split(_SEP)))

    @cached_property
    def longest_ayah(self) -> int:
        """The most words an ayah holds, in either spelling (2:282), read once."""
        return max(
            max(len(spelling.split(_SEP)) for spelling in value.decode("utf-8").split("\n"))
            for _, value in self._ayahs.items()
        )

    # -- finding words ----------------------------------------------------------------

    def forms(self, word: str, *, exact: bool = False, loose: bool = False) -> list[str]:
        """The word forms of the Quran a normalised ``word`` finds: the word itself and
        its clitic forms; with ``exact`` the word alone; with ``loose`` hamza and alef
        forms, ة/ه and ى/ي count as the same letter.

        >>> sorted(quran_index().forms("صراط"))
        ['الصراط', 'صراط', 'صراطك', 'صراطي']
        >>> quran_index().forms("صراط", exact=True)
        ['صراط']
        """
        if not word:
            return []
        if not loose:
            if exact:
                return [word] if word in self._occurrences else []
            cut = len(word) + 1
            return [key[cut:] for key in self._stems.keys(word + _SEP)]
        key = skeleton(word)
        cut = len(key) + 1
        found = [entry[cut:] for entry in self._loose.keys(key + _SEP)]
        if exact:
            return [form for form in found if skeleton(form) == key]
        return found

    def places(self, word: str, *, exact: bool = False, loose: bool = False) -> list[Place]:
        """Every ``(surah, ayah, position)`` where ``word`` occurs, in muṣḥaf order."""
        forms = self.forms(word, exact=exact, loose=loose)
        if len(forms) == 1:  # a form's records are unique, in no particular order
            return sorted(self._occurrences.get(forms[0], ()))
        found: set[Place] = set()
        for form in forms:
            found.update(self._occurrences.get(form, ()))
        return sorted(found)

    def occurs(self, word: str, *, exact: bool = False, loose: bool = False) -> bool:
        """True when ``word`` occurs at all (cheaper than :meth:`places`)."""
        return any(form in self._occurrences for form in self.forms(word, exact=exact, loose=loose))

    # -- judging and correcting keywords ----------------------------------------------

    def _spellers(self) -> tuple[SpellChecker, SpellChecker]:
        """A checker with the quran and msa lexicons (is the keyword a word?) and one
        with quran alone (what Quranic word is it nearest?), built on first use."""
        with self._checkers_lock:
            if self._checkers is None:
                self._checkers = (SpellChecker(("quran", "msa")), SpellChecker(("quran",)))
            return self._checkers

    def is_correct(self, word: str) -> bool:
        """True when the quran or the msa lexicon accepts the normalised ``word``."""
        return self._spellers()[0].severity(word) is None

    def usual_reading(self, word: str, *, exact: bool = False, loose: bool = False) -> str | None:
        """The word a keyword found in the Quran usually stands for, when that is another
        word: a form only the Uthmani spelling writes (``quran-uthmani.tsv``) that msa's
        list knows as a misspelling, and whose correction the Quran has more often than
        the keyword itself.  An Uthmani spelling without its marks may coincide with a
        common misspelling of another word: ``الي`` is ٱلَّٰٓـِٔي (اللائي, 4 times) in the
        muṣḥaf, and the usual misspelling of إلى (434 times); ``الأن`` is الآن once in
        its Uthmani spelling, of 6.  So is the Uthmani spelling of the same word where
        the muṣḥaf varies it: ءامنوا finds 270 of the 276 places of آمنوا.  Where both
        find as much, the keyword stays (القرءان, القرآن: 50 each); an imla'i spelling
        of the muṣḥaf always stays, whatever msa calls it (آلله is not الله, وادكر is
        not واذكر).

        >>> [quran_index().usual_reading(w) for w in ("الي", "الأن", "القرءان", "آلله")]
        ['إلى', 'الآن', None, None]
        """
        if word not in pairs(UTHMANI_LIST):
            return None
        known = pairs("misspellings").get(word)  # msa's list: what msa alone calls KNOWN
        if known is None:
            return None
        meant = normalize(known)
        if " " in meant or meant == word:
            return None
        mine = len(self.places(word, exact=exact, loose=loose))
        if len(self.places(meant, exact=exact, loose=loose)) > mine:
            return meant
        return None

    def correction(
        self, word: str, *, correct: bool, exact: bool = False, loose: bool = False
    ) -> str | None:
        """The best correction of ``word`` that the Quran has, or None.

        A misspelt word takes its first suggestion (quran and msa lexicons, then quran
        alone) that occurs; a correct word only a Quranic spelling of itself: one edit
        of spelling away (``الرحمان`` -> ``الرحمن``), never a different word
        (``حاسوب`` is not ``حساب``)."""
        both, quran_only = self._spellers()
        pools = [quran_only.suggest(word, limit=CORRECTION_POOL)]
        if not correct:
            pools.insert(0, both.suggest(word, limit=CORRECTION_POOL))
        for pool in pools:
            for suggestion in pool:
                candidate = normalize(suggestion.word)
                if " " in candidate or candidate == word:
                    continue
                if correct and (
                    suggestion.reason not in SPELLING_EDITS
                    or Levenshtein.distance(skeleton(word), skeleton(candidate)) > 1
                ):
                    continue
                if self.occurs(candidate, exact=exact, loose=loose):
                    return candidate
        return None

    def search(
        self,
        keywords: str | Iterable[str],
        *,
        loose: bool = False,
        exact: bool = False,
        limit: int | None = None,
        ayah_text: bool = False,
    ) -> list[SearchResult]:
        """One :class:`SearchResult` for each keyword (a ``str`` is one keyword).

        A keyword is a word or a phrase: the words of a phrase must all occur in one
        ayah; between quotation marks (``"…"``, ``«…»``, ``﴿…﴾``) side by side, in
        that order.  Diacritics and Quranic marks are ignored, clitics found
        (``كتاب`` finds ``الكتاب``, ``بكتاب``, ``وكتابه``); ``exact`` finds the exact
        form only, ``loose`` takes hamza and alef forms, ة/ه and ى/ي as one letter.
        ``limit`` keeps the first occurrences (``count`` still counts all);
        ``ayah_text`` adds each occurrence's ayah.

        >>> found = quran_index().search(["العالمين رب", "«العالمين رب»", "«رب العالمين»", "x"])
        >>> [(result.reason.value, result.count) for result in found]
        [('found', 43), ('not found', 0), ('found', 42), ('not Arabic', 0)]
        """
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be 0 or more, not {limit}")
        if isinstance(keywords, (bytes, bytearray)):
            raise TypeError("keywords are text (a str, or a list of them): decode bytes first")
        items = [keywords] if isinstance(keywords, str) else list(keywords)
        for item in items:
            if not isinstance(item, str):
                raise TypeError(f"each keyword is a str, not {type(item).__name__}")
        return [self._search_one(keyword, loose, exact, limit, ayah_text) for keyword in items]

    def _search_one(
        self, keyword: str, loose: bool, exact: bool, limit: int | None, ayah_text: bool
    ) -> SearchResult:
        # the punctuation a keyword is typed with (الرحمن؟) is not part of it
        text = trim_punctuation(keyword)
        ordered = len(text) >= 2 and QUOTES.get(text[0]) == text[-1]
        if ordered:
            text = trim_punctuation(text[1:-1])
        normalized = normalize(text)
        words = normalized.split()
        normalized = " ".join(words)
        if not words:
            # nothing at all, or an empty pair of quotes, is empty; punctuation alone is not
            bare = keyword.strip()
            nothing = not bare or (QUOTES.get(bare[0]) == bare[-1] and not bare[1:-1].strip())
            empty = Reason.EMPTY if nothing else Reason.NOT_ARABIC
            return SearchResult(keyword, normalized, False, None, empty, 0, ())
        if not all(WORD_RE.fullmatch(word) for word in words):
            return SearchResult(keyword, normalized, False, None, Reason.NOT_ARABIC, 0, ())
        correct = all(self.is_correct(word) for word in words)
        if len(words) > self.longest_ayah:  # no ayah holds the phrase: nothing to correct
            return SearchResult(keyword, normalized, correct, None, Reason.NOT_FOUND, 0, ())
        words = self._joined(words, exact, loose)
        searched: list[str] = []
        for word in words:
            if self.occurs(word, exact=exact, loose=loose):
                usual = self.usual_reading(word, exact=exact, loose=loose)
                searched.append(usual or word)
            else:
                fixed = self.correction(
                    word, correct=self.is_correct(word), exact=exact, loose=loose
                )
                searched.append(fixed or word)
        places = self._phrase(searched, ordered, exact, loose)
        occurrences = self._occurrences_at(places[:limit], len(searched), ayah_text)
        correction = " ".join(searched) if searched != words else None
        if not places:
            reason = Reason.NOT_FOUND
        else:
            reason = Reason.CORRECTED if correction is not None else Reason.FOUND
        return SearchResult(
            keyword,
            normalized,
            correct,
            correction,
            reason,
            len(places),
            occurrences,
        )

    def _joined(self, words: list[str], exact: bool, loose: bool) -> list[str]:
        """The words with each pair the muṣḥaf writes as one word joined: ``يا أيها``
        is searched as ``ياأيها`` (يا never stands alone there), ``يا قوم`` as ``ياقوم``.
        A word the muṣḥaf has as a word of its own is left alone."""
        out: list[str] = []
        for word in words:
            if (
                out
                and not self.occurs(out[-1], exact=True, loose=loose)
                and self.occurs(out[-1] + word, exact=exact, loose=loose)
            ):
                out[-1] += word
            else:
                out.append(word)
        return out

    def _phrase(
        self, words: Sequence[str], ordered: bool, exact: bool, loose: bool
    ) -> list[tuple[int, int, tuple[int, ...]]]:
        """``(surah, ayah, positions)`` of each match: one position for each word.

        A phrase of more words than the longest ayah holds matches nothing, and is not
        looked for: a line of thousands of words (في في في ...) made a table a word and
        matches of thousands of positions (gigabytes).  Each distinct word is looked up
        once."""
        if len(words) > self.longest_ayah:
            return []
        looked = {word: self.places(word, exact=exact, loose=loose) for word in set(words)}
        found = [looked[word] for word in words]
        if len(words) == 1:
            return [(s, a, (p,)) for s, a, p in found[0]]
        by_ayah: list[dict[tuple[int, int], list[int]]] = []
        for places in found:
            table: dict[tuple[int, int], list[int]] = {}
            for surah, ayah, position in places:
                table.setdefault((surah, ayah), []).append(position)
            by_ayah.append(table)
        shared = set(by_ayah[0]).intersection(*by_ayah[1:])
        matches: list[tuple[int, int, tuple[int, ...]]] = []
        for place in sorted(shared):
            if not ordered:
                matches.append((*place, tuple(table[place][0] for table in by_ayah)))
                continue
            later = [set(table[place]) for table in by_ayah[1:]]
            joined = self._joined_positions(*place)
            for start in sorted(by_ayah[0][place]):
                span = [start]
                for positions in later:
                    # the next word, or the second word of an imla'i pair (أو لم) that
                    # the muṣḥaf writes as one (أولم): both have the same position
                    here = span[-1]
                    if here + 1 in positions:
                        span.append(here + 1)
                    elif here in joined and here in positions and span.count(here) == 1:
                        span.append(here)
                    else:
                        break
                else:
                    matches.append((*place, tuple(dict.fromkeys(span))))
        return matches

    def _joined_positions(self, surah: int, ayah: int) -> set[int]:
        """The positions of an ayah whose imla'i spelling holds two words."""
        found = self.ayah(surah, ayah)
        if found is None:
            return set()
        return {n for n, word in enumerate(found.imlai_words, 1) if " " in word}

    def _occurrences_at(
        self,
        matches: Sequence[tuple[int, int, tuple[int, ...]]],
        words: int,
        ayah_text: bool,
    ) -> tuple[Occurrence, ...]:
        out: list[Occurrence] = []
        last: Ayah | None = None
        for surah, ayah, positions in matches:
            if last is None or (last.surah, last.ayah) != (surah, ayah):
                last = self.ayah(surah, ayah)
                assert last is not None  # every place is in an ayah of the index
            occurrence = Occurrence(
                surah,
                ayah,
                positions[0],
                " ".join(last.uthmani_words[p - 1] for p in positions),
                " ".join(last.imlai_words[p - 1] for p in positions),
            )
            if ayah_text:
                occurrence = replace(occurrence, ayah_uthmani=last.uthmani, ayah_imlai=last.imlai)
            out.append(occurrence)
        return tuple(out)


def _spec() -> IndexSpec:
    return IndexSpec(NAME, data_path(SOURCE), QuranIndex.FILES, compile_into)


@cache
def quran_index() -> QuranIndex:
    """The shipped Quran index, compiled on first use and then mapped from the cache."""
    return _cached(_spec(), lambda folder, lazy: QuranIndex.from_folder(folder))


def search(
    keywords: str | Iterable[str],
    *,
    loose: bool = False,
    exact: bool = False,
    limit: int | None = None,
    ayah_text: bool = False,
) -> list[SearchResult]:
    """Search the shipped index: :meth:`QuranIndex.search`."""
    return quran_index().search(
        keywords, loose=loose, exact=exact, limit=limit, ayah_text=ayah_text
    )
