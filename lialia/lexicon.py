"""Stage 2: what is a word.  Shipped word lists, compiled once into memory-mapped tries.

A shipped lexicon (``msa``, ``quran``) is a sorted UTF-8 word list in
``dictionaries/``, compiled into marisa tries (words with their frequencies, the words alone,
skeleton -> words, and the one-letter deletions of every skeleton for candidate
search) when the package is built (:func:`build_shipped`, run by ``setup.py``), so
every process checks and maps them in a few milliseconds instead of parsing and
indexing the text.  A list without a valid shipped copy (an editable install, an
edited list) is compiled on first use into a cache folder (:mod:`lialia.index`).
Membership is aware of Arabic clitics: ``وبالمدرسة`` is accepted because ``مدرسة``
is a word, and ``مدرستهم`` because ة becomes ت before an enclitic.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum
from functools import cache, cached_property
from itertools import chain
from pathlib import Path
from typing import TypeVar

import marisa_trie

from .errors import DictionaryFormatError, UnknownLexiconError
from .index import INDEX_VERSION as INDEX_VERSION
from .index import IndexSpec, deferred_file, open_index, write_shipped
from .index import cache_root as cache_root
from .normalize import normalize, skeleton

HEADER = "#lialia-wordlist v1"
T = TypeVar("T")
LEXICONS = ("msa", "quran")
#: the strictness lists, one per rule of :class:`Strictness`: valid forms that a strict
#: orthography calls slips of a twin, judged PROBABLE while their rule is on
STRICT_LISTS = ("strict-hamza", "strict-final-ya", "strict-taa-marbuta")
#: the ``wrong -> right`` lists (:func:`pairs`)
#: the Quran's word forms that only its Uthmani spelling writes (built by
#: ``scripts/build_quran_uthmani.py``): msa's known misspellings among them (الي,
#: ءامنوا) stay misspellings in prose when the quran lexicon is loaded beside msa
UTHMANI_LIST = "quran-uthmani"
PAIR_LISTS = ("misspellings", "probable", *STRICT_LISTS, UTHMANI_LIST)
#: the lists of valid words that have a better twin: never offered as a correction
_TWIN_LISTS = ("probable", *STRICT_LISTS)
#: where the copies compiled when the package is built live, in ``lialia.dictionaries``
SHIPPED = "compiled"
#: the frequency (per billion words) given to a project's own words
EXTRA_WORD_FREQ = 1000
_FIELD_SEP = "\t"

# Clitics, written as they appear once attached (ل + ال is written لل).
CONJUNCTIONS = ("", "و", "ف")
PREPOSITIONS = ("", "ب", "ك", "ل", "س")
ENCLITICS = ("", "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ي", "ني", "نا")
MIN_STEM = 2
#: the prepositions written joined to the next word
PREPOSITION_LETTERS = frozenset("بكل")
#: how many times more common a word must be than itself behind one of
#: :data:`PREPOSITION_LETTERS` for that form to read as the preposition on the word
#: (لكتاب: ل + كتاب, 25 times rarer) rather than a word of its own (لسان, not ل + سان,
#: and بلدي are 3 times rarer than سان and لدي); 5 keeps every unchanged word of ZAEBUC
#: train valid
CLITIC_FORM_RATIO = 5
#: the letters an imperfect verb begins with (ا for a hamza left out): the future
#: particle س comes before nothing else
IMPERFECT_PREFIXES = frozenset("أاينت")
#: once a lexicon has asked the probable lists about this many words, it intersects a
#: batch with one set of their keys (:func:`wrong_forms`) rather than ask each trie
SET_AFTER = 4096


def _proclitics() -> tuple[tuple[str, bool], ...]:
    """Every proclitic string with whether it carries the article."""
    out: list[tuple[str, bool]] = []
    for conj in CONJUNCTIONS:
        for prep in PREPOSITIONS:
            out.append((conj + prep, False))
            if prep == "ل":
                out.append((conj + "لل", True))
            elif prep != "س":
                out.append((conj + prep + "ال", True))
    return tuple(sorted(set(out), key=lambda p: (len(p[0]), p[0])))


PROCLITICS = _proclitics()
_WITH_ARTICLE = tuple(prefix for prefix, article in PROCLITICS if article)
_LONGEST_PROCLITIC = max(len(prefix) for prefix, _ in PROCLITICS)
_LONGEST_ENCLITIC = max(map(len, ENCLITICS))
# The clitics a word may carry are the prefixes of the longest proclitic it begins with
# and the endings of the longest enclitic it ends with (two beginnings of one word: the
# shorter begins the longer): each longest one's clitics, in PROCLITICS and ENCLITICS
# order, so that a word tries only those instead of testing all of them.
_PROCLITICS_WITHIN = {
    longest: tuple(entry for entry in PROCLITICS if longest.startswith(entry[0]))
    for longest, _ in PROCLITICS
}
_ENCLITICS_WITHIN = {
    longest: tuple(suffix for suffix in ENCLITICS if longest.endswith(suffix))
    for longest in ENCLITICS
}


def longest_proclitic(word: str) -> str:
    """The longest proclitic string ``word`` begins with ("" when none).

    >>> longest_proclitic("وبالمدرسة"), longest_proclitic("مدرسة")
    ('وبال', '')
    """
    for length in range(min(len(word), _LONGEST_PROCLITIC), 0, -1):
        if word[:length] in _PROCLITICS_WITHIN:
            return word[:length]
    return ""


def _longest_enclitic(word: str) -> str:
    """The longest enclitic ``word`` ends with ("" when none)."""
    for length in range(min(len(word), _LONGEST_ENCLITIC), 0, -1):
        if word[-length:] in _ENCLITICS_WITHIN:
            return word[-length:]
    return ""


class Status(IntEnum):
    """A word's standing, best first (min() of several analyses is the best one)."""

    VALID = 0
    PROBABLE = 1  # a valid but rare twin of a far more frequent spelling
    KNOWN = 2  # a known misspelling
    UNKNOWN = 3


@dataclass(frozen=True, slots=True)
class Strictness:
    """Which strict orthography rules judge msa's words, like a word processor's Arabic
    proofing options.  Each rule turns a valid but non-standard spelling into a probable
    misspelling of its twin; off, the spelling is a word (chat-like text).

    - ``hamza``: a bare initial ا (after و or ف, or none) is right only on a hamzat
      al-wasl: ``انت → أنت``, ``انهم → أنهم``; ``اكتب``, ``استخدام``, ``اسمه`` stay words.
    - ``final_ya``: a final ي for ى where the ي has no other reading
      (``دلوقتى → دلوقتي``, ``مرتضي → مرتضى``; ``علي``, ``الموسيقي`` stay words).
    - ``taa_marbuta``: a final ه for ة where ه + an enclitic reading is far rarer
      (``مشكله → مشكلة``, ``بسرعه → بسرعة``; ``طريقه``, ``كتابه`` stay words).

    The defaults are msa's: every rule on (:data:`PRESETS` has ``strict`` and
    ``lenient``).  Known misspellings (``الى``, ``المدرسه``) are flagged either way.

    >>> Strictness.preset("lenient")
    Strictness(hamza=False, final_ya=False, taa_marbuta=False)
    """

    hamza: bool = True
    final_ya: bool = True
    taa_marbuta: bool = True

    @classmethod
    def preset(cls, name: str) -> Strictness:
        """The named preset: ``default``, ``strict`` (every rule on) or ``lenient`` (off).

        A ValueError names the presets for any other name.
        """
        if name not in PRESETS:
            raise ValueError(
                f"strictness {name!r}: use one of {', '.join(repr(p) for p in PRESETS)}"
            )
        return PRESETS[name]

    @property
    def lists(self) -> tuple[str, ...]:
        """The strictness lists (:data:`STRICT_LISTS`) of the rules that are on."""
        on = (self.hamza, self.final_ya, self.taa_marbuta)
        return tuple(name for name, rule in zip(STRICT_LISTS, on, strict=True) if rule)


#: the named strictness presets
PRESETS = {
    "default": Strictness(),
    "strict": Strictness(hamza=True, final_ya=True, taa_marbuta=True),
    "lenient": Strictness(hamza=False, final_ya=False, taa_marbuta=False),
}


@dataclass(frozen=True, slots=True)
class Segmentation:
    """``word == prefix + surface_stem + suffix``; ``stem`` is the stem's dictionary form."""

    prefix: str
    stem: str
    suffix: str
    article: bool

    def attach(self, stem: str) -> str:
        """Put another stem between the same clitics, undoing ة -> ت and ى -> ا rules.

        >>> Segmentation("وبال", "مدرسه", "", True).attach("المدرسة")
        'وبالمدرسة'
        >>> Segmentation("", "مدرسه", "هم", False).attach("مدرسة")
        'مدرستهم'
        """
        if self.suffix:
            if stem.endswith("ة"):
                stem = stem[:-1] + "ت"
            elif stem.endswith("ى"):
                stem = stem[:-1] + "ا"
        if self.article:
            # the prefix already carries the article: بال + المدرسة -> بالمدرسة,
            # ل + الكتاب -> للكتاب, and ل + الليل -> لليل (two lams, not three)
            if self.prefix.endswith("لل") and stem.startswith("الل"):
                stem = stem[3:]
            elif stem.startswith("ال"):
                stem = stem[2:]
        return self.prefix + stem + self.suffix


@dataclass(frozen=True, slots=True)
class Analysis:
    """The verdict on one normalised word, and the correction that a list gives for it."""

    status: Status
    #: for PROBABLE and KNOWN: the preferred spelling, clitics re-attached
    preferred: str | None = None
    #: whether the lists judged the exact form (not only a stem inside clitics)
    exact: bool = True


def read_wordlist(path: Path, name: str, fields: int) -> Iterator[list[str]]:
    """The entries of a shipped word list, each split into ``fields`` columns."""
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n")
        if header != f"{HEADER} {name}":
            raise DictionaryFormatError(str(path), 1, f"expected header {HEADER} {name!r}")
        for number, line in enumerate(handle, start=2):
            parts = line.rstrip("\n").split(_FIELD_SEP)
            if len(parts) != fields:
                raise DictionaryFormatError(str(path), number, f"expected {fields} fields")
            yield parts


def data_path(filename: str) -> Path:
    """The path of a shipped data file (the word lists are plain files of the package
    ``lialia.dictionaries``; its ``__file__`` finds them without importlib.resources)."""
    package = importlib.import_module("lialia.dictionaries")
    assert package.__file__ is not None  # a regular package, never a namespace one
    return Path(package.__file__).with_name(filename)


def _deletes(skel: str) -> Iterator[str]:
    for i in range(len(skel)):
        yield skel[:i] + skel[i + 1 :]


def _skeleton_keys(
    pairs: Iterable[tuple[str, int]], top: dict[str, int]
) -> Iterator[tuple[str, tuple[int]]]:
    """The skeleton trie's records (``skeleton<TAB>word`` -> frequency), recording in
    ``top`` the frequency of each skeleton's most frequent word on the way."""
    for word, freq in pairs:
        skel = skeleton(word)
        if freq > top.get(skel, 0):
            top[skel] = freq
        yield skel + _FIELD_SEP + word, (freq,)


def _map_records(path: Path) -> marisa_trie.RecordTrie:
    trie = marisa_trie.RecordTrie("<I")
    trie.mmap(str(path))
    return trie


def _map_keys(path: Path) -> marisa_trie.Trie:
    trie = marisa_trie.Trie()
    trie.mmap(str(path))
    return trie


class CompiledLexicon:
    """One word list as tries: word -> frequency, skeleton -> words, deletion -> skeleton,
    and the words alone (``keys``), which answer "is it a word?" faster than ``words``."""

    def __init__(
        self,
        words: marisa_trie.RecordTrie,
        skeletons: marisa_trie.RecordTrie,
        deletes: marisa_trie.RecordTrie | Callable[[], marisa_trie.RecordTrie],
        keys: marisa_trie.Trie,
    ) -> None:
        """``deletes`` may be a function that maps the trie: it is called on first use."""
        self.words = words
        # membership in a plain trie is one exact look-up, where the record trie searches
        # for the key's first record (0.7 against 1.0 µs): detection asks it of every
        # distinct word of a text
        self.keys = keys
        self.skeletons = skeletons
        self._deletes = deletes
        self._deletes_lock = threading.Lock()

    @property
    def deletes(self) -> marisa_trie.RecordTrie:
        """deletion<TAB>skeleton -> frequency; mapped on first use when loaded lazily."""
        if isinstance(self._deletes, marisa_trie.RecordTrie):
            return self._deletes
        with self._deletes_lock:
            if not isinstance(self._deletes, marisa_trie.RecordTrie):
                self._deletes = self._deletes()
            return self._deletes

    #: the files :meth:`save` writes and :meth:`load` maps
    FILES = ("words.marisa", "skeletons.marisa", "deletes.marisa", "keys.marisa")

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, int]]) -> CompiledLexicon:
        """Compile (word, frequency) pairs.

        Keys are streamed into marisa's builder, which copies each into its own compact
        key set: msa's 2.8 million deletion keys never exist as Python strings at once.
        """
        pairs = list(entries)
        words = marisa_trie.RecordTrie("<I", ((w, (f,)) for w, f in pairs))
        keys = marisa_trie.Trie(w for w, _ in pairs)
        top: dict[str, int] = {}  # skeleton -> the frequency of its most frequent word
        skeletons = marisa_trie.RecordTrie("<I", _skeleton_keys(pairs, top))
        pairs.clear()  # the words are in two tries now: free them before the largest build
        deletes = marisa_trie.RecordTrie(
            "<I", ((d + _FIELD_SEP + s, (f,)) for s, f in top.items() for d in _deletes(s))
        )
        return cls(words, skeletons, deletes, keys)

    def save(self, folder: Path) -> None:
        """Write the four tries into ``folder`` (which must exist)."""
        self.words.save(str(folder / "words.marisa"))
        self.keys.save(str(folder / "keys.marisa"))
        self.skeletons.save(str(folder / "skeletons.marisa"))
        self.deletes.save(str(folder / "deletes.marisa"))

    @classmethod
    def load(
        cls, folder: Path, *, deletes: Callable[[], marisa_trie.RecordTrie] | None = None
    ) -> CompiledLexicon:
        """Memory-map tries written by :meth:`save`; the deletion trie on first use
        through ``deletes()`` when it is given.

        marisa trusts what it maps (a damaged file can crash the process): map only
        files checked first, as the cache (:mod:`lialia.index`) does."""
        return cls(
            _map_records(folder / "words.marisa"),
            _map_records(folder / "skeletons.marisa"),
            deletes or _map_records(folder / "deletes.marisa"),
            _map_keys(folder / "keys.marisa"),
        )

    def freq(self, word: str) -> int:
        """Occurrences per billion words; 0 when the word is not in the list."""
        found = self.words.get(word)
        return int(found[0][0]) if found else 0

    def words_with_skeleton(self, skel: str) -> list[tuple[str, int]]:
        """The words whose skeleton is ``skel``, with their frequencies."""
        cut = len(skel) + 1
        return [(key[cut:], value[0]) for key, value in self.skeletons.items(skel + _FIELD_SEP)]

    def skeletons_with_delete(self, deleted: str) -> list[tuple[str, int]]:
        """The skeletons that become ``deleted`` when one letter is removed, each with the
        frequency of its most frequent word."""
        cut = len(deleted) + 1
        return [(key[cut:], value[0]) for key, value in self.deletes.items(deleted + _FIELD_SEP)]

    def __len__(self) -> int:
        return len(self.words)


_compile_lock = threading.Lock()


def _cached(spec: IndexSpec, load: Callable[[Path, bool], T]) -> T:
    """Load the compiled form of a shipped list from the cache, compiling it first when
    the cache has no valid copy of the list's current content.

    ``load(folder, lazy)`` maps the spec's files, and is called only once the cache has
    checked them (see :mod:`lialia.index`); with ``lazy`` the deferred ones may wait.
    """
    with _compile_lock:
        return open_index(spec, load)


def _lexicon_spec(name: str, source: Path, shipped: Path | None) -> IndexSpec:
    """The compiled form of word list ``name`` read from ``source``."""

    def compile_into(folder: Path) -> None:
        entries = read_wordlist(source, name, 2)
        CompiledLexicon.from_entries((word, int(freq)) for word, freq in entries).save(folder)

    # the deletion trie (15 of msa's 20 MB) serves only suggestions: it is checked and
    # mapped when a first suggestion is searched, so a clean text never reads it
    return IndexSpec(
        name, source, CompiledLexicon.FILES, compile_into, ("deletes.marisa",), shipped
    )


def _pairs_spec(name: str, source: Path, shipped: Path | None) -> IndexSpec:
    """The compiled form of ``wrong -> right`` list ``name`` read from ``source``."""

    def compile_into(folder: Path) -> None:
        rows = read_wordlist(source, name, 3)
        trie = marisa_trie.BytesTrie((wrong, right.encode("utf-8")) for wrong, right, _ in rows)
        trie.save(str(folder / "pairs.marisa"))

    return IndexSpec(name, source, ("pairs.marisa",), compile_into, shipped=shipped)


def _spec(name: str, source: Path, shipped: Path | None) -> IndexSpec:
    make = _lexicon_spec if name in LEXICONS else _pairs_spec
    return make(name, source, shipped)


def _installed_spec(name: str) -> IndexSpec:
    """The spec of a list of this installation, with its shipped copy's folder."""
    return _spec(name, data_path(f"{name}.tsv"), data_path(SHIPPED) / name)


def build_shipped(sources: Path, target: Path) -> list[str]:
    """Compile every list of ``sources`` (a ``dictionaries/`` folder) into ``target``
    (the package's ``dictionaries/compiled``), one folder each; the names of those
    compiled, a list whose folder already holds an intact copy being left as it is.

    Run when the package is built (``setup.py``), so an installation maps its lists
    from the first run on."""
    built = []
    for name in (*LEXICONS, *PAIR_LISTS):
        if write_shipped(_spec(name, sources / f"{name}.tsv", None), target / name):
            built.append(name)
    return built


@cache
def compiled(name: str) -> CompiledLexicon:
    """The shipped lexicon ``name``: its shipped copy mapped, or compiled on first use
    into the cache and then mapped from there."""
    if name not in LEXICONS:
        raise UnknownLexiconError(name, LEXICONS)
    spec = _installed_spec(name)

    def load(folder: Path, lazy: bool) -> CompiledLexicon:
        if not lazy:
            return CompiledLexicon.load(folder)

        def deletes() -> marisa_trie.RecordTrie:
            with _compile_lock:
                return deferred_file(spec, folder, "deletes.marisa", _map_records)

        return CompiledLexicon.load(folder, deletes=deletes)

    return _cached(spec, load)


class PairList:
    """A shipped ``wrong -> right`` list (``misspellings``, ``probable``) as a mapped trie."""

    def __init__(self, trie: marisa_trie.BytesTrie) -> None:
        self.trie = trie

    def get(self, wrong: str) -> str | None:
        """The preferred spelling of ``wrong``, or None when the list has no entry."""
        found = self.trie.get(wrong)
        return found[0].decode("utf-8") if found else None

    def __contains__(self, word: str) -> bool:
        return word in self.trie


@cache
def pairs(name: str) -> PairList:
    """A shipped ``wrong -> right`` list: ``misspellings`` or ``probable``."""

    def load(folder: Path, lazy: bool) -> PairList:
        trie = marisa_trie.BytesTrie()
        trie.mmap(str(folder / "pairs.marisa"))
        return PairList(trie)

    return _cached(_installed_spec(name), load)


@cache
def wrong_forms(names: tuple[str, ...]) -> frozenset[str]:
    """Every ``wrong`` of the named pair lists as one set, made on first use (a few
    milliseconds): a large batch of words is matched against it by one intersection,
    where the tries answer one word and one list at a time."""
    return frozenset(chain.from_iterable(pairs(name).trie.keys() for name in names))


class Lexicon:
    """Several lexicons at once, plus a project's own words, with clitic-aware lookup.

    >>> lex = Lexicon(("msa",), extra_words=["لياليا"])
    >>> lex.analyze("وبالمدرسة").status.name, lex.analyze("ولياليا").status.name
    ('VALID', 'VALID')
    """

    def __init__(
        self,
        names: Iterable[str] = ("msa",),
        extra_words: Iterable[str] = (),
        strictness: Strictness = PRESETS["default"],
    ) -> None:
        names = tuple(dict.fromkeys(names))
        for name in names:
            if name not in LEXICONS:
                raise UnknownLexiconError(name, LEXICONS)
        self.names = names
        self.extra = {normalize(w) for w in extra_words if w.strip()}
        self.extra_index = CompiledLexicon.from_entries((w, EXTRA_WORD_FREQ) for w in self.extra)
        self.strictness = strictness
        #: the lists whose entries are probable misspellings: probable, and the
        #: strictness lists of the rules that are on
        self.probable_lists = ("probable", *strictness.lists)
        # words asked about in the probable lists by valid_as_written (see SET_AFTER)
        self._probable_asked = 0
        # words asked about by is_suggestible (see SET_AFTER)
        self._suggestible_asked = 0
        # msa's lists read the quran lexicon's Uthmani-only forms (_uthmani_slip)
        self._uthmani_too = "msa" in names and "quran" in names

    @cached_property
    def parts(self) -> tuple[CompiledLexicon, ...]:
        """The compiled lexicons consulted, the project's words last (loaded on first use)."""
        return (*(compiled(name) for name in self.names), self.extra_index)

    def freq(self, word: str) -> int:
        """The highest frequency any loaded lexicon gives the exact word (0 if none)."""
        parts = self.parts
        if len(parts) == 2 and not self.extra:
            return parts[0].freq(word)
        return max(part.freq(word) for part in parts)

    @cached_property
    def _key_tries(self) -> tuple[marisa_trie.Trie, ...]:
        """The word tries of the loaded lexicons, the project's words last."""
        return tuple(part.keys for part in self.parts)

    def has(self, word: str) -> bool:
        """True when a loaded lexicon or the project has the exact word: its frequency is
        above zero.  A membership test a list, several times cheaper than a frequency
        where most words asked are not there (the stem forms of a word's clitic readings)."""
        tries = self._key_tries
        if len(tries) == 2 and not self.extra:
            return word in tries[0]
        return any(word in trie for trie in tries)

    def _accepted_beside_msa(self, word: str) -> bool:
        """True when a loaded lexicon other than msa, or the project, has the word."""
        return word in self.extra or any(
            part.freq(word)
            for name, part in zip(self.names, self.parts[: len(self.names)], strict=True)
            if name != "msa"
        )

    def _uthmani_slip(self, word: str) -> bool:
        """True when ``word`` is a form only the Quran's Uthmani spelling writes and msa's
        misspelling list knows as a slip (الي for إلى, ءامنوا for آمنوا), with msa and
        quran both loaded and the project not accepting it: the quran lexicon has it
        only as a bare trace of a vocalised muṣḥaf word, so it is still a misspelling in
        prose.  The Quran's imla'i spellings (آلله, يحى) are never such slips."""
        return (
            self._uthmani_too
            and word not in self.extra
            and word in pairs(UTHMANI_LIST)
            and word in pairs("misspellings")
        )

    def _probable_twin(self, word: str) -> str | None:
        """The twin a probable list of this strictness prefers to ``word``, if any."""
        for name in self.probable_lists:
            if (twin := pairs(name).get(word)) is not None:
                return twin
        return None

    def _standing(self, word: str) -> tuple[Status, str | None]:
        """Exact-form status: a word of any loaded lexicon is valid, then the lists judge.

        The lists are msa's: its known misspellings are never words of msa, and a
        probable twin is rare only as msa counts it, so neither verdict overrides a word
        that another loaded lexicon (quran's ياقوم, العلمين) or the project accepts, but
        for the quran lexicon's Uthmani-only forms that msa knows as slips
        (:meth:`_uthmani_slip`: الي, ءامنوا).
        """
        if word in self.extra:
            return Status.VALID, None
        known = self.has(word)
        if "msa" in self.names:
            if not known or self._uthmani_slip(word):
                if (right := pairs("misspellings").get(word)) is not None:
                    return Status.KNOWN, right
            elif (twin := self._probable_twin(word)) is not None:
                if len(self.names) == 1 or not self._accepted_beside_msa(word):
                    return Status.PROBABLE, twin
        return (Status.VALID, None) if known else (Status.UNKNOWN, None)

    def valid_as_written(self, words: Iterable[str]) -> set[str]:
        """The normalised ``words`` whose exact form is valid: those :meth:`analyze`
        calls VALID without looking behind clitics (``وبمدرستهم`` is valid only behind
        them), found in one batch.

        The common case (msa alone, no project words) is one membership test in msa's
        trie and, for the words it holds, one in the probable list: a word of a shipped
        list always has a frequency above zero, so membership is a frequency.

        >>> sorted(Lexicon().valid_as_written(["المدرسة", "المدرسه", "اكثر", "وبمدرستهم"]))
        ['المدرسة']
        """
        names = self.names
        parts = self.parts
        if len(parts) == 2 and not self.extra:
            known = parts[0].keys
            found = {word for word in words if word in known}
        else:
            tries = [part.keys for part in parts]
            found = {word for word in words if any(word in trie for trie in tries)}
        if "msa" in names:
            self._probable_asked += len(found)  # a race only makes the switch early or late
            if self._probable_asked >= SET_AFTER:
                twins = found & wrong_forms(self.probable_lists)
            else:
                tries = [pairs(name).trie for name in self.probable_lists]
                twins = {word for word in found if any(word in trie for trie in tries)}
            if twins:
                found -= {
                    word
                    for word in twins
                    if word not in self.extra
                    and (len(names) == 1 or not self._accepted_beside_msa(word))
                }
            if self._uthmani_too:
                found -= {word for word in found if self._uthmani_slip(word)}
        return found

    def segmentations(self, word: str) -> Iterator[Segmentation]:
        """Every split into proclitic + stem + enclitic with a stem of two letters or more."""
        suffixes = _ENCLITICS_WITHIN[_longest_enclitic(word)]
        for prefix, article in _PROCLITICS_WITHIN[longest_proclitic(word)]:
            for suffix in suffixes:
                if article and suffix:
                    continue
                if not prefix and not suffix:
                    continue
                stem = word[len(prefix) : len(word) - len(suffix)]
                if suffix and stem.endswith(("ة", "ى")):
                    continue  # written ت and ا before an enclitic: مدرستهم, هداه
                if len(stem) >= MIN_STEM:
                    yield Segmentation(prefix, stem, suffix, article)

    @staticmethod
    def in_quran(word: str) -> bool:
        """True when the word is a Quranic word form, whichever lexicons are loaded: a
        vocalised one is a quotation of the muṣḥaf (``ءَامَنُواْ``), never to be fixed."""
        return compiled("quran").freq(word) > 0

    @staticmethod
    def stem_forms(seg: Segmentation) -> Iterator[str]:
        """The dictionary forms a surface stem may stand for."""
        stem = seg.stem
        if seg.article:
            yield "ال" + stem
            if seg.prefix.endswith("لل"):
                yield "الل" + stem  # ل + الليل -> لليل: one lam is written for two
            yield stem
            return
        yield stem
        if seg.suffix:
            if stem.endswith("ت"):
                yield stem[:-1] + "ة"  # مدرستهم <- مدرسة + هم
            elif stem.endswith("ا"):
                yield stem[:-1] + "ى"  # هداه <- هدى + ه
            elif stem.endswith(("ئ", "ؤ")):
                yield stem[:-1] + "ء"  # شيئه <- شيء + ه

    def _has_enclitic(self, stem: str) -> bool:
        """True when ``stem`` reads as a shorter word plus an enclitic (مدرسه = مدرس + ه)."""
        for suffix in ENCLITICS[1:]:
            base = stem[: -len(suffix)]
            if stem.endswith(suffix) and len(base) >= MIN_STEM and self.has(base):
                return True
        return False

    def _preposition_form(self, form: str) -> bool:
        """True when ``form`` is a preposition on a word (:data:`CLITIC_FORM_RATIO`):
        ``للبيت`` (ل + the article), ``لكتاب``, ``بمدرسة``; not ``لسان``."""
        if len(form) <= 3 or form[0] not in PREPOSITION_LETTERS:
            return False
        return form.startswith("لل") or (
            self.freq(form[1:]) >= CLITIC_FORM_RATIO * self.freq(form)
        )

    def _stacked(self, seg: Segmentation, form: str) -> bool:
        """True when reading ``form`` behind ``seg``'s proclitics puts a clitic where
        Arabic grammar allows none: the article twice (ال + الكتاب), a preposition after
        the article or after another preposition (ال + لمدرسة, ب + لمدرسة, ب +
        للبيت), or the future س before anything but an imperfect verb (س + كتاب).
        A list of word forms holds the forms with clitics, so these readings exist only
        because the stem already carries one.

        >>> lex = Lexicon()
        >>> lex._stacked(Segmentation("ب", "لمدرسة", "", False), "لمدرسة")
        True
        >>> lex._stacked(Segmentation("ب", "لسان", "ه", False), "لسان")
        False
        """
        if seg.article:
            # only the bare stem: ال + مدرسة is read as المدرسة, its own form
            return form == seg.stem and (form.startswith("ال") or self._preposition_form(form))
        last = seg.prefix[-1:]
        if last in PREPOSITION_LETTERS:
            return self._preposition_form(form)
        return last == "س" and form[:1] not in IMPERFECT_PREFIXES

    def readings(self, word: str) -> Iterator[tuple[Segmentation, str, Status, str | None]]:
        """Each clitic reading: segmentation, stem form, the form's standing, its fix.

        A stem and enclitic are not read apart behind a proclitic when the lists judged
        the two as written (``فببساطه``: ``ببساطه`` is a probable slip of ``ببساطة``, so
        not ``فببساط`` + ه), as the lists weighed that reading already.
        """
        judged: dict[str, bool] = {}
        for seg in self.segmentations(word):
            if seg.suffix and seg.prefix:
                whole = word[len(seg.prefix) :]
                if whole not in judged:
                    judged[whole] = self._standing(whole)[0] in (Status.PROBABLE, Status.KNOWN)
                if judged[whole]:
                    continue
            for form in self.stem_forms(seg):
                if seg.suffix and form.startswith(_WITH_ARTICLE):
                    continue  # the article and an enclitic never meet: بالمدرس + ه
                if self._stacked(seg, form):
                    continue
                status, preferred = self._standing(form)
                if seg.article and status <= Status.PROBABLE and self._has_enclitic(form):
                    # ال + مدرسه: the stem already carries an enclitic, so the article
                    # leaves only the misspelled reading (المدرسة) if the lists know one
                    if status is Status.VALID:
                        continue
                    status = Status.KNOWN
                yield seg, form, status, preferred

    def analyze(self, word: str) -> Analysis:
        """The standing of a normalised word, clitics included.

        The lists' verdict on the exact form wins (``المدرسه`` is a known misspelling even
        though ``مدرسه`` is a word); otherwise the best clitic reading decides.
        """
        status, preferred = self._standing(word)
        if status is not Status.UNKNOWN:
            return Analysis(status, preferred)
        best = Analysis(Status.UNKNOWN)
        for seg, _form, form_status, form_preferred in self.readings(word):
            if form_status < best.status:
                fixed = seg.attach(form_preferred) if form_preferred else None
                best = Analysis(form_status, fixed, exact=False)
                if form_status is Status.VALID:
                    break
        return best

    def support(self, word: str) -> tuple[int, bool] | None:
        """For a valid word: the best frequency behind it, and whether it is the exact form.

        None when the word is not valid.  A word valid only through its clitics gets
        the frequency of its stem (``وبمدرستهم`` -> that of ``مدرسة``).
        """
        status, _ = self._standing(word)
        if status is Status.VALID:
            return max(self.freq(word), 1), True
        if status is not Status.UNKNOWN:
            return None
        best = 0
        for _seg, form, form_status, _ in self.readings(word):
            if form_status is Status.VALID:
                best = max(best, self.freq(form), 1)
        return (best, False) if best else None

    def is_suggestible(self, word: str) -> bool:
        """False for words msa's lists call wrong, a rare twin or a non-standard spelling
        (the strictness lists, whichever rules are on), unless another loaded lexicon or
        the project accepts them: never offer those.  Nor, beside msa, a form only the
        Quran's Uthmani spelling writes (وءامنوا, العلمين where msa lacks it): accepted
        as written, never offered to a writer of prose."""
        if "msa" not in self.names:
            return True
        if (
            self._uthmani_too
            and word in pairs(UTHMANI_LIST)
            and word not in self.extra
            and not self.parts[self.names.index("msa")].freq(word)
        ):
            return False
        # the strictness lists count whatever the strictness: a lenient checker accepts
        # انت, but never offers it for a misspelling (أنت is there to offer)
        self._suggestible_asked += 1  # a race only makes the switch early or late
        if self._suggestible_asked >= SET_AFTER:
            twin = word in wrong_forms(_TWIN_LISTS)
        else:
            twin = any(word in pairs(name) for name in _TWIN_LISTS)
        if not twin and word not in pairs("misspellings"):
            return True
        # (an Uthmani slip, الي, is msa's misspelling, so no msa word: refused above)
        return self._accepted_beside_msa(word)
