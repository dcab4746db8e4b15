#!/usr/bin/env python
"""Build lialia's word lists in ``dictionaries/`` from wordfreq, Ayaspell and quran-text.

Reproducible end to end: the same source versions give byte-identical files.

    python scripts/build_dictionaries.py                 # the real build (needs the
                                                         # `build` extra and hunspell-ar)
    python scripts/build_dictionaries.py --wordfreq-tsv W.tsv --quran-json Q.json \\
        --accepted-words A.txt --out /tmp/out            # injected sources (tests)

What goes where (see ``dictionaries/README.md`` for the measurements behind the numbers):

* ``msa.tsv``: a word is valid when Ayaspell accepts it, or when it is frequent
  (Zipf >= ``admit_zipf``) and no valid orthographic twin (same letters up to hamza
  seat, alef form, ة/ه, ى/ي; see :func:`lialia.normalize.skeleton`) is
  ``twin_ratio`` times more frequent (``tail_twin_ratio`` for ة/ه, ى/ي twins).
  That admits names and loanwords (تويتر، الناتو، إدلب) and keeps out الى and
  المدرسه.
* ``misspellings.tsv``: rejected forms that lose to a valid twin that way (الى → إلى,
  التى → التي), plus forms that differ from a far more frequent, very common valid
  word only by a long ا after the first letter, past any one-letter proclitic
  (هاذا → هذا, لاكن → لكن, ولاكنه → ولكنه), or from a far more frequent valid word by
  one long vowel left out (التكنلوجيا → التكنولوجيا, كانو → كانوا), and forms that run
  لا, ما or a vocative يا into the next word, corrected to the two words (لايمكن →
  لا يمكن, ياقوم → يا قوم; also the joined spellings of :data:`SEPARATED` that
  Ayaspell accepts: لابد → لا بد), and classic slips of a far more frequent word
  whatever their own frequency (:func:`slip_twin`: شيئ → شيء, ليسو → ليسوا,
  الدي → الذي, مسؤل → مسؤول; :data:`DOUBLED_RELATIVES`: اللذي → الذي).  Twins
  must align their hamzas (:func:`aligned_twins`: انهاء is إنهاء, not أنها).  A
  form the oracle rejects is a misspelling of an accepted twin that is at least about
  as frequent, however common the form (:func:`oracle_twin`: اهلا → أهلا), and a verb
  form in و it rejects one of its وا form (:func:`is_verb_plural`: يساعدو → يساعدوا).
* ``probable.tsv``: valid forms that are a far more frequent twin with its marks left
  out (:func:`is_bare_variant`): ``probable_ratio`` times more frequent for a hamza or
  alef form (اكثر → أكثر, انه → أنه), ``probable_tail_ratio`` times for ة/ه, ى/ي
  alone (الحياه → الحياة, علي → على); never a variant that has a mark its twin lacks
  (فئة, آمل are words) nor a pair that differs only in أ/إ (أنه, إنه).  Also the
  accepted forms that write the omitted long ā of :data:`SHORT_ALEF_WORDS`
  (ذالك → ذلك, ولاكن → ولكن).
* ``strict-hamza.tsv``, ``strict-final-ya.tsv``, ``strict-taa-marbuta.tsv``: the
  strictness lists, one per rule, in the format of ``probable.tsv``; the checker
  consults each only while its rule is on (:class:`lialia.lexicon.Strictness`).  Valid
  forms with a bare initial ا that takes no hamzat al-wasl (:func:`strict_hamza_twin`:
  انا → أنا, انهم → أنهم; اكتب, استخدام, اسمه stay words), and with a final ي, ى or ه
  that is the slip of its ى, ي or ة twin (:func:`strict_tail_twin`: مرتضي → مرتضى,
  مشكله → مشكلة; لدي, طريقه stay words).
* ``quran.tsv``: the imla'i spelling of every Quranic word, plus its Uthmani
  spelling after normalisation where that differs (العلمين beside العالمين).

Every list: UTF-8, a header line ``#lialia-wordlist v1 <name>``, then one entry a
line, tab-separated, sorted by key in Python string order; keys are
``lialia.normalize.normalize``-d.
"""

from __future__ import annotations

import argparse
import json
import math
import shlex
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from lialia.normalize import normalize, skeleton

FORMAT_HEADER = "#lialia-wordlist v1"
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "dictionaries"
DEFAULT_HUNSPELL = "hunspell -d ar"

# A key is a run of Arabic letters: hamza (U+0621) .. ghain (U+063A), feh (U+0641) ..
# yeh (U+064A).  Tatweel (U+0640) lies between them and is excluded.
ARABIC_WORD_RE = regex.compile(r"[\u0621-\u063A\u0641-\u064A]+")
ALEF = "\N{ARABIC LETTER ALEF}"
HAMZA = "\N{ARABIC LETTER HAMZA}"
ALEF_HAMZA_ABOVE = "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
ARTICLE = ALEF + "\N{ARABIC LETTER LAM}"
WAW = "\N{ARABIC LETTER WAW}"
LONG_VOWELS = ALEF + WAW + "\N{ARABIC LETTER YEH}"
YEH = "\N{ARABIC LETTER YEH}"
YEH_HAMZA = "\N{ARABIC LETTER YEH WITH HAMZA ABOVE}"
WAW_HAMZA = "\N{ARABIC LETTER WAW WITH HAMZA ABOVE}"
DAL = "\N{ARABIC LETTER DAL}"
THAL = "\N{ARABIC LETTER THAL}"
# و ف ب ك ل: proclitics written as one letter joined to the next word.
SINGLE_LETTER_PROCLITICS = frozenset(
    "\N{ARABIC LETTER WAW}\N{ARABIC LETTER FEH}"
    "\N{ARABIC LETTER BEH}\N{ARABIC LETTER KAF}\N{ARABIC LETTER LAM}"
)
# Uthmani script writes a madd (lengthening) sign over a plain alef; NFKC would fuse
# the two into alef-madda (آ), a letter the imla'i spelling does not have there.
UTHMANI_MADDAH = "\N{ARABIC MADDAH ABOVE}"
# Folds only ة/ه and ى/ي: two twins equal under this fold differ in those letters
# alone, not in a hamza or alef form.
_TAIL_FOLD = str.maketrans(
    {
        "\N{ARABIC LETTER TEH MARBUTA}": "\N{ARABIC LETTER HEH}",
        "\N{ARABIC LETTER ALEF MAKSURA}": "\N{ARABIC LETTER YEH}",
    }
)
_SEATED_HAMZAS = frozenset(
    "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}\N{ARABIC LETTER ALEF WITH HAMZA BELOW}"
    "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}\N{ARABIC LETTER WAW WITH HAMZA ABOVE}"
    "\N{ARABIC LETTER YEH WITH HAMZA ABOVE}"
)
# Folds alef with hamza below onto alef with hamza above.
_HAMZA_VOWEL_FOLD = str.maketrans(
    {"\N{ARABIC LETTER ALEF WITH HAMZA BELOW}": "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"}
)
# Words whose long ā after the first letter standard spelling does not write (the
# "omitted alef" of Arabic orthography: هذا is said hādhā, ذلك dhālika, لكن lākin).
# Their forms with the ا written are misspellings even where Ayaspell accepts them
# through an unrelated reading (ذالك as ذال + ك, ولاكن).  lialia's own editorial list,
# from the orthography rule, with the suffixed forms of لكن and ذلك.
SHORT_ALEF_WORDS = frozenset(
    "هذا هذه هذي هذان هذين هؤلاء هكذا ذلك ذلكم ذلكما "
    "لكن لكنه لكنها لكنهم لكنهما لكنك لكنكم لكني لكنني لكنا لكننا".split()
)
# لا and ما are written apart from the word after them.  A form Ayaspell rejects that
# runs them into a valid word (لاتعرف, مايحدث) is a misspelling of the two words; see
# :func:`merged_negation`.  These joined forms Ayaspell accepts (through another reading,
# or as lexicalised spellings), and standard orthography still writes apart: lialia's
# own editorial list (the fixed expressions لا بد، لا سيما and the verbs زال and دام
# after their particle), applied also after و and ف.
SEPARATED = {
    "لابد": "لا بد",
    "لاسيما": "لا سيما",
    "ماهو": "ما هو",
    "ماهي": "ما هي",
    "مازال": "ما زال",
    "مازالت": "ما زالت",
    "مازالوا": "ما زالوا",
    "مازلت": "ما زلت",
    "مازلنا": "ما زلنا",
    "لازال": "لا زال",
    "لازالت": "لا زالت",
    "لازالوا": "لا زالوا",
    "لازلت": "لا زلت",
    "لازلنا": "لا زلنا",
    "مادام": "ما دام",
    "مادامت": "ما دامت",
    "مادمت": "ما دمت",
}
NEGATIONS = (
    "\N{ARABIC LETTER LAM}\N{ARABIC LETTER ALEF}",
    "\N{ARABIC LETTER MEEM}\N{ARABIC LETTER ALEF}",
)
# The vocative يا, written apart from the noun after it (يا قوم, not ياقوم).
VOCATIVE = "\N{ARABIC LETTER YEH}\N{ARABIC LETTER ALEF}"
# The particles a rejected form may run into the next word: لا, ما, يا.
PARTICLES = (*NEGATIONS, VOCATIVE)
# و and ف, written joined to a لا or ما after them (ولا سيما, فما زال)
CONJUNCTIONS = ("", "\N{ARABIC LETTER WAW}", "\N{ARABIC LETTER FEH}")
# (variant letter, preferred letter) pairs that make a variant "bare": the writer left
# out a mark (a hamza, the dots of ة) that the preferred twin has, the common slip of
# fast typing.  ى and ي are confused both ways.  A variant that has a mark its twin
# lacks (آمل beside أمل, فئة beside فيه) is a different word, not a slip.
_BARE_FOR_MARKED = frozenset(
    {
        ("\N{ARABIC LETTER ALEF}", "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"),
        ("\N{ARABIC LETTER ALEF}", "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}"),
        ("\N{ARABIC LETTER ALEF}", "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}"),
        ("\N{ARABIC LETTER HEH}", "\N{ARABIC LETTER TEH MARBUTA}"),
        ("\N{ARABIC LETTER WAW}", "\N{ARABIC LETTER WAW WITH HAMZA ABOVE}"),
        ("\N{ARABIC LETTER YEH}", "\N{ARABIC LETTER YEH WITH HAMZA ABOVE}"),
        ("\N{ARABIC LETTER YEH}", "\N{ARABIC LETTER ALEF MAKSURA}"),
        ("\N{ARABIC LETTER ALEF MAKSURA}", "\N{ARABIC LETTER YEH}"),
    }
)
PER_BILLION = 1e9
#: the strictness lists, one per rule, in the format of ``probable.tsv``
STRICT_LISTS = ("strict-hamza", "strict-final-ya", "strict-taa-marbuta")


@dataclass(frozen=True)
class Thresholds:
    """The knobs of the build; the defaults are the measured choices (see README)."""

    admit_zipf: float = 3.0
    """A word Ayaspell rejects is valid from this Zipf frequency up, if no twin beats it."""
    twin_ratio: float = 1.5
    """A rejected word loses to a valid twin differing in hamza/alef this many times as
    frequent: it is not admitted and becomes a known misspelling of the twin."""
    tail_twin_ratio: float = 3.0
    """The same for twins differing only in ة/ه or ى/ي, where both are more often words
    (ضيفة, ضيفه)."""
    long_alef_ratio: float = 50.0
    """A rejected form equal to a valid word plus an ا after its first letter (هاذا, هذا)
    is a misspelling of it at this ratio..."""
    long_alef_twin_zipf: float = 5.0
    """...when that word is this common: the error is made in function words (هذا, لكن)."""
    probable_ratio: float = 3.0
    """A valid form is a probable misspelling of a hamza/alef twin this many times as
    frequent."""
    probable_tail_ratio: float = 10.0
    """The same for a twin differing only in ة/ه or ى/ي (حياه beside حياة)."""
    missing_vowel_ratio: float = 10.0
    """A rejected form is a misspelling of a valid word this many times as frequent that
    it spells without one long vowel letter (التكنلوجيا → التكنولوجيا, كانو → كانوا)..."""
    missing_vowel_min_length: int = 7
    """...when it has this many letters, or when the letter left out is the ا written
    after a final plural و: shorter forms are as often names (الكوت, الثقفي, ماو)."""
    wasl_ratio: float = 20.0
    """A valid form that writes a hamza on the alef of a twin this many times as frequent
    that starts with a plain ا (the hamzat al-wasl of اسم, ابن, and of verbal nouns like
    استخدام) is a probable misspelling of it: أستخدام → استخدام, أسم → اسم."""
    hamza_form_ratio: float = 300.0
    """A valid form is a probable misspelling of a twin this many times as frequent that
    differs from it only in a marked alef form, أ, إ or آ (أذا → إذا, آما → أما): pairs of
    words otherwise (أن/إن, آن/أن are 2 and 100 times apart)."""
    slip_ratio: float = 10.0
    """A form is a misspelling of a valid word this many times as frequent that differs
    from it by a classic slip (:func:`slip_twins`: الدي for الذي, مسؤل for مسؤول, شيئ
    for شيء, ليسو for ليسوا), whatever its own frequency; Ayaspell must reject the form,
    but for a final يئ and the plural و, which it accepts through odd readings."""
    doubled_ratio: float = 50.0
    """The same for a rejected form with a letter doubled (اللتي for التي, ووالله):
    far rarer, as a doubled letter is often a word of its own (ممنهج, عيينة)."""
    strict_twin_ratio: float = 0.5
    """Strict hamza (:func:`strict_hamza_twin`, the list ``strict-hamza.tsv``): a bare
    initial ا that takes no hamzat al-wasl is a slip of its hamzated twin (انا → أنا,
    انهم → أنهم; اكتب, استخدام stay) when the twin is at least this fraction as frequent
    (a far rarer twin marks another word: اكس, not إكس), and twice as frequent after و
    or ف (واحد, not وأحد; واعد, as common as وأعد)."""
    imperative_support: float = 0.5
    """Strict hamza: a bare initial ا read as a form I imperative (اكتب, افتح) is taken
    for one when the verb's present (يكتب) is at least this fraction as frequent as the
    hamzated twin (أكتب); انهم is not the imperative of نهم (ينهم is 10,000 times rarer
    than أنهم)."""
    strict_tail_ratio: float = 1.0
    """Strict ta marbuta and final ya (:func:`strict_tail_twin`): a valid form ending in
    ه (ي, ى) is a slip of its ة (ى, ي) twin when the twin is at least this many times as
    frequent and the form has no other reading..."""
    strict_other_ratio: float = 10.0
    """...the ه (ي) read as an enclitic on a word X (مشكله = مشكل + ه) counts as another
    reading unless the twin is this many times as frequent as X (مشكلة beside مشكل;
    طريقه, كتابه, ضيفه stay words: طريق, كتاب, ضيف are as common as their ة twins)."""
    strict_sister_ratio: float = 100.0
    """Strict ta marbuta: where X is a word, the ه form is still a slip of its ة twin when
    the twin is this many times as frequent as X with the other third-person enclitics
    (ها, هم, هما, هن: عظيمه beside عظيمها, عظيمهم; طريقه stays, طريقها is common)..."""
    strict_sister_twin_ratio: float = 3.0
    """...and this many times as frequent as the ه form itself (شابه, a verb, is not a
    slip of شابة)."""
    strict_maqsura_min_length: int = 4
    """Strict final ya: a form ending in ى is a slip of its ي twin only from this length
    (يستغنى → يستغني); shorter ones are as often past verbs (بنى, وصى, رمى)."""
    admission_twin_ratio: float = 1.2
    """Admission rule: a form the oracle rejects, as frequent as it may be, is a known
    misspelling of an oracle-accepted twin (hamza seat, ى/ي, ة/ه left bare; a letter
    doubled) at least this many times as frequent (a twin about as frequent marks a
    name of its own: فايز, لاري, ياس beside فائز, لأرى, يأس)."""
    plural_waw_ratio: float = 1.0
    """A verb form ending in و that the oracle rejects (a present with its ون plural a
    word: يساعدو, or a past with its تم form a word: ذهبو) is a misspelling of its وا
    form when that is a word this many times as frequent, however common on the web."""
    merged_admitted_ratio: float = 10.0
    """A rejected form as frequent as ``admit_zipf`` that is لا or ما run into a valid
    word X is taken for the two words only when X is this many times as frequent and has
    three letters or more (لايمكن is لا يمكن; ماريو, ماجي, لامار stay names)."""


@dataclass
class Lists:
    """The four built lists, as key -> value mappings."""

    msa: dict[str, int] = field(default_factory=dict)
    misspellings: dict[str, tuple[str, int]] = field(default_factory=dict)
    probable: dict[str, tuple[str, int]] = field(default_factory=dict)
    quran: dict[str, int] = field(default_factory=dict)
    #: the strictness lists (:data:`STRICT_LISTS`): valid forms that a strict
    #: orthography rule calls slips, each list dropped at run time when its rule is off
    strict: dict[str, dict[str, tuple[str, int]]] = field(
        default_factory=lambda: {name: {} for name in STRICT_LISTS}
    )


def zipf(freq: float) -> float:
    """Zipf frequency (log10 of occurrences per billion words) of a proportion."""
    return math.log10(freq * PER_BILLION)


def per_billion(freq: float) -> int:
    """A proportion as an integer count per billion tokens, at least 1."""
    return max(1, round(freq * PER_BILLION))


def lexicon_key(word: str) -> str | None:
    """The normalised key of ``word``, or None when it is not purely Arabic letters."""
    key = normalize(word)
    return key if ARABIC_WORD_RE.fullmatch(key) else None


# --- sources ---------------------------------------------------------------------


def collapse(pairs: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Normalise and filter (word, frequency) pairs, summing forms that collapse."""
    freqs: dict[str, float] = defaultdict(float)
    for word, freq in pairs:
        key = lexicon_key(word)
        if key is not None:
            freqs[key] += freq
    return dict(freqs)


def wordfreq_pairs(tsv: Path | None) -> tuple[list[tuple[str, float]], str]:
    """(word, frequency) pairs from wordfreq's Arabic ``large`` list or a TSV file.

    The TSV holds ``word<TAB>frequency`` with frequency a proportion (as
    ``wordfreq.word_frequency`` gives it).  Returns the pairs and a source description.
    """
    if tsv is not None:
        pairs = []
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                word, freq = line.split("\t")
                pairs.append((word, float(freq)))
        return pairs, f"file {tsv.name}"
    from importlib.metadata import version

    import wordfreq  # build-time only

    table = wordfreq.get_frequency_dict("ar", wordlist="large")
    return list(table.items()), f"wordfreq {version('wordfreq')} ar large"


def quran_tokens(json_path: Path | None) -> tuple[list[tuple[str, str | None]], str]:
    """(Uthmani, imla'i) spellings of every word of the Quran, in order.

    Reads quran-text's ``hafs.json`` (or a file in the same format: ``words`` and
    ``rasm_imlai`` lists of equal length).  The imla'i spelling is None where the
    package has none.
    """
    if json_path is None:
        import quran_text  # build-time only

        json_path = Path(quran_text.__file__).with_name("quran_text_data") / "hafs.json"
    data = json.loads(json_path.read_text(encoding="utf-8"))
    words: list[str] = data["words"]
    imlai: list[str | None] = data["rasm_imlai"]
    if len(words) != len(imlai):
        raise ValueError(f"{json_path}: {len(words)} words but {len(imlai)} imla'i forms")
    return list(zip(words, imlai, strict=True)), f"file {json_path.name}"


def hunspell_accepted(words: Sequence[str], command: str) -> set[str]:
    """The words Hunspell accepts, asked in one process (``-l`` prints the rejected).

    Words are written one a line to a temporary file; as each key is a run of Arabic
    letters Hunspell cannot split it, so anything it prints is a rejected input word.
    """
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as handle:
        handle.write("\n".join(words) + "\n")
        handle.flush()
        result = subprocess.run(
            [*shlex.split(command), "-l", "-i", "utf-8", handle.name],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
    rejected = set(result.stdout.split())
    stray = rejected.difference(words)
    if stray:
        raise RuntimeError(f"hunspell printed words it was not given: {sorted(stray)[:5]}")
    return set(words).difference(rejected)


def file_accepted(words: Sequence[str], path: Path) -> set[str]:
    """The words listed (normalised, one a line) in ``path``: a stand-in oracle for tests."""
    listed = {normalize(line.strip()) for line in path.read_text(encoding="utf-8").splitlines()}
    return set(words).intersection(listed)


# --- the rules ---------------------------------------------------------------------


def without_long_alef(skel: str) -> str | None:
    """The skeleton with its second letter removed when that letter is ا, else None.

    Old or careless spellings write a long vowel after the first letter of a few very
    common words that the standard spelling leaves out: هاذا, ذالك, لاكن, هاؤلاء,
    هاكذا.  ``without_long_alef("هاذا") == "هذا"``.
    """
    return skel[0] + skel[2:] if len(skel) > 2 and skel[1] == ALEF else None


def long_alef_shorts(skel: str) -> list[tuple[int, str]]:
    """The skeletons ``skel`` may be a long-ا spelling of, each with its proclitic length.

    The long ا may follow the first letter (هاذا → هذا) or, after a one-letter
    proclitic و ف ب ك ل, the first letter of the word it is attached to (ولاكن → ولكن,
    لذالك → لذلك).  ``long_alef_shorts("ولاكن") == [(1, "ولكن")]``.
    """
    shorts: list[tuple[int, str]] = []
    short = without_long_alef(skel)
    if short is not None:
        shorts.append((0, short))
    if skel[:1] in SINGLE_LETTER_PROCLITICS:
        short = without_long_alef(skel[1:])
        if short is not None:
            shorts.append((1, skel[0] + short))
    return shorts


def overmarks_wasl(variant: str, preferred: str) -> bool:
    """True when ``variant`` is ``preferred`` with a hamza written on its initial ا.

    That ا is a hamzat al-wasl (اسم, ابن, استخدام, انتظار), written without a hamza;
    the article ال is left out, as أل... is as often a word of its own (ألسنة, ألغاز).
    The rest must be ``preferred``'s or bare: ``overmarks_wasl("أستخدام", "استخدام")``
    holds, ``overmarks_wasl("ألسنة", "السنة")`` and ``overmarks_wasl("إنا", "انا")``
    (إ: a word, إنّا) do not.
    """
    return (
        variant[:1] == ALEF_HAMZA_ABOVE
        and preferred[:1] == ALEF
        and not preferred.startswith(ARTICLE)
        and is_bare_variant(variant[1:], preferred[1:])
    )


def written_long_alef_twin(word: str, valid: set[str]) -> str | None:
    """The word of :data:`SHORT_ALEF_WORDS` that ``word`` spells with a written ا, if any.

    ``word`` must be the valid twin with one plain ا added after its first letter, past
    one or two one-letter proclitics: ``written_long_alef_twin("لذالك", {"لذلك"})`` and
    ``written_long_alef_twin("وكذالك", {"وكذلك"})`` give the twin.
    """
    for clitic in (0, 1, 2):
        if clitic and word[clitic - 1 : clitic] not in SINGLE_LETTER_PROCLITICS:
            break
        if len(word) > clitic + 2 and word[clitic + 1] == ALEF:
            twin = word[: clitic + 1] + word[clitic + 2 :]
            if twin in valid and twin[clitic:] in SHORT_ALEF_WORDS:
                return twin
    return None


def merged_negation(word: str) -> tuple[str, str] | None:
    """``word`` split after a leading لا or ما (past و or ف): (particle, rest), or None.

    ``merged_negation("ولايمكن") == ("ولا", "يمكن")``; the rest has two letters or more.
    """
    for conjunction in CONJUNCTIONS[1:] + CONJUNCTIONS[:1]:
        for negation in PARTICLES:
            head = conjunction + negation
            if word.startswith(head) and len(word) >= len(head) + 2:
                return head, word[len(head) :]
    return None


def separated_forms(words: Iterable[str]) -> dict[str, str]:
    """:data:`SEPARATED` with its forms after و and ف, for those among ``words``."""
    present = set(words)
    return {
        conjunction + joined: conjunction + apart
        for joined, apart in SEPARATED.items()
        for conjunction in CONJUNCTIONS
        if conjunction + joined in present
    }


def differs_in_hamza_or_alef(variant: str, preferred: str) -> bool:
    """True when the twins differ in more than ة/ه and ى/ي (a hamza seat or alef form)."""
    return variant.translate(_TAIL_FOLD) != preferred.translate(_TAIL_FOLD)


def differs_only_in_hamza_vowel(variant: str, preferred: str) -> bool:
    """True when the twins differ only in أ against إ: two words, not one word misspelt.

    أن/إن, أنه/إنه, أنما/إنما are each a pair of valid words; neither is a misspelling
    of the other however frequent one of them is.
    """
    return variant.translate(_HAMZA_VOWEL_FOLD) == preferred.translate(_HAMZA_VOWEL_FOLD)


_HAMZA_FORMS = frozenset(
    "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}\N{ARABIC LETTER ALEF WITH HAMZA BELOW}"
    "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}"
)
# إنّ and its forms with an enclitic: after a preposition the particle is أنّ (لأن,
# بأنه, كأنها); لإن, بإنه are slips, whatever their frequency beside لأن.
_INNA_FORMS = frozenset(
    "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}\N{ARABIC LETTER NOON}" + e
    for e in ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ي", "ني", "نا", "ما")
)
_VERBAL_NOUN_BESIDE_PLURAL = (
    "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}",
    "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}",
)
_INNA_PREPOSITIONS = ("ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


def swaps_hamza_form(variant: str, preferred: str) -> bool:
    """True when the twins differ only in their alef-hamza forms, each marked: أ, إ, آ
    (``أذا`` for ``إذا``, ``آما`` for ``أما``, ``بدآ`` for ``بدأ``).

    Two words as often as not (أن/إن, آن/أن), so paired only at ``hamza_form_ratio``;
    never an إ for أ: the verbal noun of form IV beside a plural is two words however
    far apart (إحداث/أحداث, إعمال/أعمال, إفراد/أفراد).
    """
    return len(variant) == len(preferred) and all(
        v == p
        or (v in _HAMZA_FORMS and p in _HAMZA_FORMS and (v, p) != _VERBAL_NOUN_BESIDE_PLURAL)
        for v, p in zip(variant, preferred, strict=True)
    )


def inna_after_preposition(variant: str, preferred: str) -> bool:
    """True when ``variant`` writes إنّ after a preposition, where it is أنّ:
    ``inna_after_preposition("لإنه", "لأنه")``."""
    return any(
        variant.startswith(p)
        and variant[len(p) :] in _INNA_FORMS
        and preferred == p + ALEF_HAMZA_ABOVE + variant[len(p) + 1 :]
        for p in _INNA_PREPOSITIONS
    )


def is_bare_variant(variant: str, preferred: str) -> bool:
    """True when ``variant`` is ``preferred`` with marks left out, letter for letter.

    Both have the same length and wherever they differ the variant has the bare letter
    (ا for أ/إ/آ, ه for ة, و for ؤ, ي for ئ) or ى/ي against ي/ى:
    ``is_bare_variant("اكثر", "أكثر")``, ``is_bare_variant("الحياه", "الحياة")`` and
    ``is_bare_variant("علي", "على")`` hold; ``is_bare_variant("آمل", "أمل")`` and
    ``is_bare_variant("فئة", "فيه")`` do not.  Two more slips count as bare: a hamza on
    the line left out (شي for شيء, قضا for قضاء) and a final ئ for يء (شئ for شيء).
    """
    if variant.endswith(YEH_HAMZA) and preferred.endswith(YEH + HAMZA):
        # after a long ي a final hamza sits on the line, not on a ي seat: شئ for شيء
        variant, preferred = variant[:-1], preferred[:-2]
    if len(variant) != len(preferred) and HAMZA not in variant:
        # a hamza on the line left out altogether: شي for شيء, قضا for قضاء
        preferred = preferred.replace(HAMZA, "")
    return len(variant) == len(preferred) and all(
        v == p or (v, p) in _BARE_FOR_MARKED for v, p in zip(variant, preferred, strict=True)
    )


def _hamza_spots(word: str) -> list[set[int]]:
    """Where ``word``'s hamzas sit, as positions in its skeleton: a seated hamza at its
    seat's, a hamza on the line (which the skeleton drops) next to either neighbour."""
    spots: list[set[int]] = []
    index = -1
    for letter in word:
        if letter == HAMZA:
            spots.append({index, index + 1})
            continue
        index += 1
        if letter in _SEATED_HAMZAS:
            spots.append({index})
    return spots


def _opens_with_two_hamzas(word: str) -> bool:
    return len(word) > 1 and all(c == HAMZA or c in _SEATED_HAMZAS for c in word[:2])


def aligned_twins(variant: str, twin: str) -> bool:
    """True when the twins differ letter for letter, or the variant adds no hamza.

    Twins share a skeleton, which drops a hamza on the line, so their lengths may
    differ.  Then every hamza of the variant must sit where the twin has one (a hamza on
    the line beside the twin's seat counts): شى for شيء, بشئ for بشيء, جاؤا for
    جاءوا and الشاطىء for الشاطئ are the same word; ``aligned_twins("أئذا", "إيذاء")``
    (the Quranic a-idhā, not harm), ``aligned_twins("انهاء", "أنها")`` and
    ``aligned_twins("هادىء", "هادي")`` are false.  Twins of one length may swap seats
    (ريئس for رئيس), so they are aligned, unless the variant opens with two hamzas
    and the twin does not: the interrogative أ before a hamzated word (أئنا is a-innā,
    not إينا).
    """
    if _opens_with_two_hamzas(variant) and not _opens_with_two_hamzas(twin):
        return False
    if len(variant) == len(twin):
        return True
    seats = set().union(*_hamza_spots(twin))
    return all(spot & seats for spot in _hamza_spots(variant))


# The singular relative pronouns written with the doubled ل of their duals (اللذين,
# اللتين): a slip Ayaspell accepts (اللذي as ال + لذ + ي).  lialia's own editorial
# list, with the forms after و, ف, ب and ك.
DOUBLED_RELATIVES = {"اللذي": "الذي", "اللتي": "التي", "اللذى": "الذي", "اللتى": "التي"}
# The article and one-letter proclitics, longest first.
_DOUBLING_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال", *SINGLE_LETTER_PROCLITICS)
RELATIVE_PROCLITICS = ("", "و", "ف", "ب", "ك", "وب", "فب")


def doubled_relatives(words: Iterable[str]) -> dict[str, str]:
    """:data:`DOUBLED_RELATIVES` with its proclitic forms, for those among ``words``."""
    present = set(words)
    return {
        clitic + wrong: clitic + right
        for wrong, right in DOUBLED_RELATIVES.items()
        for clitic in RELATIVE_PROCLITICS
        if clitic + wrong in present
    }


def slip_twins(word: str, accepted: bool) -> Iterator[tuple[str, bool]]:
    """Words ``word`` may be a classic slip of, each with whether the slip is a doubled
    letter (judged by ``doubled_ratio``).

    A final يئ for يء (شيئ, يسيئ) and a plural و without its ا (ليسو, قالو), for any
    form; for a form the oracle rejects also ذ written د (الدي, دهب), ؤو written ؤ
    (مسؤل) and a letter doubled (اللتي, ووالله).
    """
    if word.endswith(YEH + YEH_HAMZA):
        yield word[:-1] + HAMZA, False
    if word.endswith(WAW) and len(word) > 2:
        yield word + ALEF, False
    if accepted:
        return
    # a letter doubled across a proclitic or at a stem's start is often two letters of
    # their own (ببنغازي, الممثلية, تترى): only a doubling inside the stem counts
    stem = next((len(p) for p in _DOUBLING_PREFIXES if word.startswith(p)), 0) + 1
    for i, letter in enumerate(word):
        if letter == DAL:
            yield word[:i] + THAL + word[i + 1 :], False
        elif letter == WAW_HAMZA and word[i + 1 : i + 2] != WAW:
            yield word[: i + 1] + WAW + word[i + 1 :], False
        if i > stem and letter == word[i - 1]:
            yield word[:i] + word[i + 1 :], True


def slip_twin(
    word: str, freqs: Mapping[str, float], valid: set[str], accepted: bool, thresholds: Thresholds
) -> str | None:
    """The most frequent valid word ``word`` is a slip of (:func:`slip_twins`), if any
    is ``slip_ratio`` (``doubled_ratio``) times as frequent.

    ``slip_twin("الدي", ...) == "الذي"``, ``slip_twin("ليسو", ...) == "ليسوا"``.
    """
    best: str | None = None
    for twin, doubled in slip_twins(word, accepted):
        ratio = thresholds.doubled_ratio if doubled else thresholds.slip_ratio
        if twin == word + ALEF and not accepted and is_verb_plural(word, valid):
            # the oracle knows the verbs whose و is their own (يعدو, يفشو, يدعو)
            ratio = thresholds.plural_waw_ratio
        if (
            twin in valid
            and freqs[twin] >= ratio * freqs[word]
            and (best is None or freqs[twin] > freqs[best])
        ):
            best = twin
    return best


def is_verb_plural(word: str, valid: set[str]) -> bool:
    """True when ``word``, ending in و, reads as a verb's plural without the ا written
    after it (الألف الفارقة): a present whose ون form is a word (يساعدو, يساعدون), or a
    past whose تم form is one (ذهبو, ذهبتم).

    ``is_verb_plural("يساعدو", {"يساعدون"})`` holds; nouns (عضو, نحو) have neither.
    """
    stem = word[:-1]
    if len(stem) < 2:
        return False
    present = stem.lstrip("وفلس")[:1] in ("ي", "ت", "ن")
    return (present and stem + "ون" in valid) or stem + "تم" in valid


def oracle_twin(
    word: str,
    freqs: Mapping[str, float],
    accepted: set[str],
    accepted_twins: Mapping[str, list[str]],
    thresholds: Thresholds,
) -> str | None:
    """The admission rule: the most frequent oracle-accepted twin of a rejected ``word``
    (``word`` is it with marks left out, :func:`is_bare_variant`; or it with a letter
    doubled) at least ``admission_twin_ratio`` as frequent.  A long vowel left out is
    not asked here: as a rule it is a name's or a loanword's other spelling (السيسي
    beside السياسي, الطفيلة beside الطفيلية), left to :func:`missing_vowel_twin`.  A
    form the oracle rejects beside a word it knows is a slip of that word, however
    common on the web: ``oracle_twin("اهلا", ...) == "أهلا"``.
    """
    if len(word) < 3:
        return None  # ال, اه, سا: particles and fragments
    floor = thresholds.admission_twin_ratio * freqs[word]
    # a twin only where the rejected form leaves out its marks (اهلا for أهلا): one that
    # adds a mark is the oracle's gap (ضيفة beside ضيفه, إكس beside اكس), not a slip
    found = [
        twin
        for twin in accepted_twins.get(skeleton(word), ())
        if twin != word
        and freqs[twin] >= floor
        and is_bare_variant(word, twin)
        and aligned_twins(word, twin)
    ]
    found += [
        twin
        for twin, doubled in slip_twins(word, accepted=False)
        if doubled and twin in accepted and freqs[twin] >= floor
    ]
    return max(found, key=lambda t: (freqs[t], t)) if found else None


# Strict hamza.  A bare initial ا (past any proclitic) is right only on a hamzat al-wasl.
# The proclitics a word may carry before it:
# (ب, ل and ك before ا are as often a stem's own letters: بابي, لازمة, لامين.)
STRICT_PROCLITICS = ("", "\N{ARABIC LETTER WAW}", "\N{ARABIC LETTER FEH}")
# The nouns with a hamzat al-wasl, with the endings (case, dual, feminine, pronoun) they
# keep it under; أسماء, أبناء (plurals) take a hamzat al-qat'.
_PRONOUN_ENDINGS = ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ي", "نا")
WASL_NOUNS = {
    "سم": ("", "ا", "ان", "ين", "ية", "يه", "يا", *_PRONOUN_ENDINGS[1:]),
    "بن": ("", "ا", "ان", "ين", "ة", "ت", *_PRONOUN_ENDINGS[1:], "ته", "تها", "تهما", "تهم")
    + ("تي", "تك", "تان", "تين"),
    "مرأ": ("", "ة", "ت", "تان", "تين", "ته", "تي", "تك"),
    "مرؤ": ("",),
    "مرئ": ("",),
    "ثن": ("ان", "ين", "ا", "ي", "تان", "تين", "تا", "تي"),
    "ست": ("",),
    "يمن": ("",),
    "بنم": ("",),
}
# Endings a form I imperative may carry (اكتبي, اكتبوا, اكتبه).
_IMPERATIVE_ENDINGS = ("", "ي", "ا", "وا", "ن", "ه", "ها", "هم", "هما", "ني", "نا", "وه")
# The letters of the assimilated ت of form VIII (اتّصل, اطّلع, ادّعى).
_ASSIMILATED_T = frozenset("\N{ARABIC LETTER TEH}\N{ARABIC LETTER TAH}\N{ARABIC LETTER DAL}")
# The ت of form VIII after its first radical, or its assimilated ط, د (اصطدم, ازدحم).
_FORM_VIII_T = _ASSIMILATED_T


def takes_wasl(
    rest: str, twin_freq: float, freqs: Mapping[str, float], thresholds: Thresholds
) -> bool:
    """True when ا + ``rest`` (a word's letters after its initial ا and proclitics) is a
    form whose ا is a hamzat al-wasl, so that it is rightly written bare.

    The past, imperative and verbal noun of forms VII (انكسر, انتشار), VIII (اجتمع,
    اجتماع, اتصل, اصطدم) and X (استخدم, استخدام); a form I imperative (اكتب, افتحوا,
    ادع) when its verb's present is common (``imperative_support``: يكتب beside
    أكتب, ``twin_freq``); and the nouns of :data:`WASL_NOUNS` (اسمه, ابنة, امرأة,
    اثنين).  The article is not asked about (ال is never judged here).
    """
    for stem, endings in WASL_NOUNS.items():
        if rest.startswith(stem) and rest[len(stem) :] in endings:
            return True
    if len(rest) >= 4 and (rest.startswith("ست") or rest[0] == "ن" or rest[1] in _FORM_VIII_T):
        return True  # forms X, VII, VIII
    if len(rest) >= 3 and rest[0] in _ASSIMILATED_T:
        return True  # form VIII with its ت assimilated: اتصل, اطلع, ادعى
    support = thresholds.imperative_support * twin_freq
    for ending in _IMPERATIVE_ENDINGS:
        core = rest[: len(rest) - len(ending)] if ending else rest
        if not rest.endswith(ending) or len(core) not in (2, 3):
            continue
        if len(core) == 3 and core[1] not in LONG_VOWELS + "ى":
            presents = ["ي" + core]
        elif len(core) == 2 and not ending:
            presents = ["ي" + core + "ي", "ي" + core + "و"]  # ارم, ادع: يرمي, يدعو
        else:
            continue
        if any(freqs.get(present, 0.0) >= support for present in presents):
            return True
    return False


def strict_hamza_twin(
    word: str, freqs: Mapping[str, float], valid: set[str], thresholds: Thresholds
) -> str | None:
    """The hamzated twin of a word written with a bare initial ا that takes no wasl.

    ``strict_hamza_twin("انهم", ...) == "أنهم"``; ``"اكتب"`` (an imperative),
    ``"استخدام"`` (form X) and ``"ابنه"`` give None.
    """
    for clitic in STRICT_PROCLITICS:
        head = clitic + ALEF
        rest = word[len(head) :]
        if not word.startswith(head) or len(rest) < (1 if clitic else 2):
            continue  # ان alone is a known misspelling already; وان is و + أن
        if rest.startswith("\N{ARABIC LETTER LAM}") and rest[1:] in valid:
            return None  # the article: السنة, not ألسنة
        twins = [
            clitic + hamzated + rest
            for hamzated in "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"
            "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}\N{ARABIC LETTER ALEF WITH MADDA ABOVE}"
            if clitic + hamzated + rest in valid
        ]
        if not twins:
            continue
        twin = max(twins, key=lambda t: (freqs[t], t))
        ratio = thresholds.strict_twin_ratio * (4 if clitic else 1)
        if freqs[twin] < ratio * freqs[word]:
            continue  # واحد is و + احد only if وأحد is as common
        if takes_wasl(rest, freqs[twin], freqs, thresholds):
            return None
        return twin
    return None


# The proclitics (the article among them) a form may carry before the word X of its
# enclitic reading (بسرعه = ب + سرع + ه).
_TAIL_PROCLITICS = (
    "", "و", "ف", "ب", "ك", "ل", "وب", "فب", "وك", "ول", "فل",
    "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "فبال",
)  # fmt: skip
_ARTICLES = ("ال", "وال", "فال", "بال", "كال", "لل")
# The prepositions in ى, which write it ي before the enclitic ي (عليّ, إليّ, لديّ).
_PREPOSITIONS_IN_ALEF_MAQSURA = frozenset(("على", "إلى", "لدى", "حتى"))
# The letters that open a verb's present (يلقي, تعني, نرمي, أمشي).
_PRESENT_PREFIXES = frozenset("يتنأ")
# The third-person enclitics beside ه: a word X read as X + ه is used with them too.
_SISTER_ENCLITICS = ("ها", "هم", "هما", "هن")
# the last letter of a strict tail slip -> the twin's
_TAIL_TWIN = {
    "\N{ARABIC LETTER HEH}": "\N{ARABIC LETTER TEH MARBUTA}",
    "\N{ARABIC LETTER YEH}": "\N{ARABIC LETTER ALEF MAKSURA}",
    "\N{ARABIC LETTER ALEF MAKSURA}": "\N{ARABIC LETTER YEH}",
}


def _enclitic_base_freq(base: str, freqs: Mapping[str, float], valid: set[str]) -> float:
    """The frequency of the best word ``base`` is, past any proclitic (0 if none)."""
    return max(
        (
            freqs[base[len(p) :]]
            for p in _TAIL_PROCLITICS
            if base.startswith(p) and len(base) - len(p) >= 2 and base[len(p) :] in valid
        ),
        default=0.0,
    )


def strict_tail_twin(
    word: str,
    freqs: Mapping[str, float],
    valid: set[str],
    accepted: set[str],
    thresholds: Thresholds,
) -> tuple[str, str] | None:
    """Strict ta marbuta and final ya: (list name, twin) when the valid ``word`` is a slip
    of the twin that differs from it in its last letter only, and has no other reading.

    A final ه for ة where ``word`` cannot be read as a word X + the enclitic ه unless the
    twin is ``strict_other_ratio`` times as frequent as X (``مشكله → مشكلة``,
    ``بسرعه → بسرعة``; ``طريقه`` stays: طريق is as common as طريقة); after the article
    the ه may be the stem's own (``الكره`` is الكُره, a word the oracle accepts without
    its article).  A final ي for ى where the form minus ي is no word at all
    (``مستشفي → مستشفى``; ``لدي`` stays); a final ى for ي from
    ``strict_maqsura_min_length`` letters (``يستغنى → يستغني``; ``بنى`` stays).
    """
    last = word[-1:]
    if last not in _TAIL_TWIN or len(word) < 2:
        return None
    twin = word[:-1] + _TAIL_TWIN[last]
    if twin not in valid:
        return None
    if freqs[twin] < thresholds.strict_tail_ratio * freqs[word]:
        return None
    if last == "ه":
        other = _enclitic_base_freq(word[:-1], freqs, valid)
        article = word.startswith(_ARTICLES)
        for prefix in _ARTICLES:
            stem = word[len(prefix) :]
            if word.startswith(prefix) and stem in accepted:
                other = max(other, freqs[stem])
        if freqs[twin] >= thresholds.strict_other_ratio * other:
            return "strict-taa-marbuta", twin
        # X is a word, but X + ه is not how it is used: X + ها, هم, هما, هن are rare
        # beside the twin (عظيمه: عظيمها, عظيمهم; not طريقه: طريقها, طريقهم)
        # (asked past every proclitic too: لكتابه is ل + كتابه, whose كتابها is common)
        def unused(form: str, form_twin: str) -> bool:
            sisters = sum(freqs.get(form[:-1] + e, 0.0) for e in _SISTER_ENCLITICS)
            return (
                freqs[form_twin] >= thresholds.strict_sister_twin_ratio * freqs[form]
                and freqs[form_twin] >= thresholds.strict_sister_ratio * sisters
            )

        splits = [
            (word[len(p) :], twin[len(p) :])
            for p in _TAIL_PROCLITICS
            if word.startswith(p) and word[len(p) :] in valid and twin[len(p) :] in valid
        ]
        if not article and all(unused(form, form_twin) for form, form_twin in splits):
            return "strict-taa-marbuta", twin
        return None
    if last == "ى":
        # a form with its own final ى is a word (بنى, تولى, يلقى): only one the oracle
        # does not know is a slip of the ي twin
        if word in accepted or len(word) < thresholds.strict_maqsura_min_length:
            return None
        return "strict-final-ya", twin
    bare = word.lstrip("وفسل")
    if (
        _enclitic_base_freq(word[:-1], freqs, valid)  # مشكلتي: X + the enclitic ي
        or word + "\N{ARABIC LETTER TEH MARBUTA}" in valid  # a nisba adjective: الموسيقي
        or twin.lstrip("وفب") in _PREPOSITIONS_IN_ALEF_MAQSURA  # عليّ, لديّ: على + ي
        or (bare[:1] in _PRESENT_PREFIXES and len(bare) >= 4)  # يلقي beside يلقى: two verbs
    ):
        return None
    return "strict-final-ya", twin


def missing_vowel_twin(
    word: str, freqs: Mapping[str, float], valid: set[str], thresholds: Thresholds
) -> str | None:
    """The far more frequent valid word ``word`` spells without one long vowel, if any.

    ``missing_vowel_twin("التكنلوجيا", ...) == "التكنولوجيا"``; ``"كانو"`` gives
    ``"كانوا"`` (the ا written after the plural و), whatever its length.
    """
    best: str | None = None
    for i in range(1, len(word) + 1):
        for letter in LONG_VOWELS:
            fuller = word[:i] + letter + word[i:]
            final_alef = i == len(word) and letter == ALEF and word.endswith(WAW)
            if (
                fuller in valid
                and (len(word) >= thresholds.missing_vowel_min_length or final_alef)
                and freqs[fuller] >= thresholds.missing_vowel_ratio * freqs[word]
                and (best is None or freqs[fuller] > freqs[best])
            ):
                best = fuller
    return best


def merged_correction(
    word: str, freqs: Mapping[str, float], valid: set[str], thresholds: Thresholds
) -> str | None:
    """``word`` as لا or ما and the word after it, when it is that pair run together.

    For a rejected ``word`` only.  The rest must be a valid word more frequent than
    ``word`` (``"لاتعرف"`` gives ``"لا تعرف"``); a form frequent enough to be admitted
    as a word must lose by ``merged_admitted_ratio`` to a rest of three letters or more,
    which keeps names (ماريو, مايا) that look like the pattern.
    """
    split = merged_negation(word)
    if split is None:
        return None
    head, rest = split
    if rest not in valid or freqs[rest] <= freqs[word]:
        return None
    # A vocative joined to a name is as often a name itself (ياسمينة, يانيس, فياجرا):
    # يا must stand alone before a word of three letters or more, far more frequent.
    strict = head == VOCATIVE or zipf(freqs[word]) >= thresholds.admit_zipf
    if head.endswith(VOCATIVE) and head != VOCATIVE:
        return None
    if strict and (len(rest) < 3 or freqs[rest] < thresholds.merged_admitted_ratio * freqs[word]):
        return None
    return f"{head} {rest}"


def build_lexicons(freqs: Mapping[str, float], accepted: set[str], thresholds: Thresholds) -> Lists:
    """Decide validity, known and probable misspellings from frequencies and the oracle.

    Words are judged in order of decreasing frequency so that when a word is judged,
    every more frequent twin has already been judged valid or not.
    """
    by_skeleton: dict[str, list[str]] = defaultdict(list)
    order = sorted(freqs, key=lambda w: (-freqs[w], w))
    lists = Lists()
    valid: set[str] = set()

    def best_twin(word: str, candidates: list[str], same_skeleton: bool = True) -> str | None:
        # candidates are in decreasing frequency order, all judged already
        for other in candidates:
            if (
                other != word
                and other in valid
                and (not same_skeleton or aligned_twins(word, other))
            ):
                return other
        return None

    # every part of a separation is a word Ayaspell knows, so valid whatever its frequency
    separated = {
        joined: apart
        for joined, apart in separated_forms(freqs).items()
        if all(part in accepted for part in apart.split())
    }

    relatives = {
        wrong: right for wrong, right in doubled_relatives(freqs).items() if right in accepted
    }
    accepted_twins: dict[str, list[str]] = defaultdict(list)
    for word in accepted.difference(separated, relatives):
        accepted_twins[skeleton(word)].append(word)
    admitted_slips: set[str] = set()

    for word in order:
        freq = freqs[word]
        skel = skeleton(word)
        if word in separated or word in relatives:
            right = separated.get(word) or relatives[word]
            lists.misspellings[word] = (right, per_billion(freq))
            by_skeleton[skel].append(word)
            continue
        # A word of hamzas alone has an empty skeleton: no letters to find twins by.
        twin = best_twin(word, by_skeleton[skel]) if skel else None
        twin_ratio = freqs[twin] / freq if twin else 0.0
        beaten = twin is not None and twin_ratio >= (
            thresholds.twin_ratio
            if differs_in_hamza_or_alef(word, twin)
            else thresholds.tail_twin_ratio
        )
        long_twin = None
        for clitic, short in long_alef_shorts(skel) if twin is None else ():
            candidate = best_twin(word, by_skeleton[short], same_skeleton=False)
            if (
                candidate is not None
                # ياقوم is يا قوم run together, not a long vowel in يقوم
                and word[clitic : clitic + 2] != VOCATIVE
                and zipf(freqs[candidate]) >= thresholds.long_alef_twin_zipf
                # ماقال is ما قال run together, not a long vowel in مقال: the word after
                # the first two letters (past any proclitic) is more common than the twin.
                and freqs.get(word[clitic + 2 :], 0.0) < freqs.get(candidate[clitic:], 0.0)
            ):
                long_twin = candidate
                break
        long_ratio = freqs[long_twin] / freq if long_twin else 0.0
        merged = fuller = slip = None
        if word not in accepted and not beaten and long_ratio < thresholds.long_alef_ratio:
            merged = merged_correction(word, freqs, valid, thresholds)
            if merged is None:
                fuller = missing_vowel_twin(word, freqs, valid, thresholds)
        if not beaten and long_ratio < thresholds.long_alef_ratio and not merged and not fuller:
            slip = slip_twin(word, freqs, valid, word in accepted, thresholds)
            if slip is None and word not in accepted and zipf(freq) >= thresholds.admit_zipf:
                slip = oracle_twin(word, freqs, accepted, accepted_twins, thresholds)
                if slip is not None:
                    admitted_slips.add(word)

        if slip is not None:
            is_valid = False
        elif word in accepted:
            is_valid = True
        else:
            is_valid = (
                zipf(freq) >= thresholds.admit_zipf
                and not beaten
                and long_ratio < thresholds.long_alef_ratio
                and merged is None
                and fuller is None
            )
        if is_valid:
            valid.add(word)
            lists.msa[word] = per_billion(freq)
            if (
                twin is not None
                and twin_ratio
                >= (
                    thresholds.probable_ratio
                    if differs_in_hamza_or_alef(word, twin)
                    else thresholds.probable_tail_ratio
                )
                and not differs_only_in_hamza_vowel(word, twin)
                and is_bare_variant(word, twin)
            ):
                lists.probable[word] = (twin, per_billion(freq))
            elif (
                twin is not None
                and twin_ratio >= thresholds.wasl_ratio
                and overmarks_wasl(word, twin)
            ):
                lists.probable[word] = (twin, per_billion(freq))
            elif twin is not None and (
                (twin_ratio >= thresholds.hamza_form_ratio and swaps_hamza_form(word, twin))
                or (twin_ratio >= thresholds.probable_ratio and inna_after_preposition(word, twin))
            ):
                lists.probable[word] = (twin, per_billion(freq))
            else:
                # Ayaspell accepts ذالك (ذال + ك) and ولاكن through a rare reading
                spelt_long = written_long_alef_twin(word, valid)
                if spelt_long is not None and freqs[spelt_long] >= thresholds.probable_ratio * freq:
                    lists.probable[word] = (spelt_long, per_billion(freq))
        elif twin is not None and beaten:
            lists.misspellings[word] = (twin, per_billion(freq))
        elif long_twin is not None and long_ratio >= thresholds.long_alef_ratio:
            lists.misspellings[word] = (long_twin, per_billion(freq))
        elif merged is not None:
            lists.misspellings[word] = (merged, per_billion(freq))
        elif fuller is not None:
            lists.misspellings[word] = (fuller, per_billion(freq))
        elif slip is not None:
            lists.misspellings[word] = (slip, per_billion(freq))
        by_skeleton[skel].append(word)
    # an oracle twin less frequent than its slip is judged after it, and a rule may yet
    # have made it a misspelling (شيئ): then the slip is admitted as a word after all
    for word in sorted(admitted_slips):
        if lists.misspellings[word][0] not in valid:
            del lists.misspellings[word]
            valid.add(word)
            lists.msa[word] = per_billion(freqs[word])
    for word in order:
        if word not in lists.msa or word in lists.probable:
            continue
        twin = strict_hamza_twin(word, freqs, valid, thresholds)
        if twin is not None and twin not in lists.probable:
            lists.strict["strict-hamza"][word] = (twin, per_billion(freqs[word]))
            continue
        tail = strict_tail_twin(word, freqs, valid, accepted, thresholds)
        if tail is not None and tail[1] not in lists.probable:
            lists.strict[tail[0]][word] = (tail[1], per_billion(freqs[word]))
    return lists


def build_quran(tokens: Sequence[tuple[str, str | None]]) -> dict[str, int]:
    """Quranic word forms -> occurrences per billion Quranic tokens.

    Each token counts once for its imla'i form and once for its Uthmani form when the
    normalised Uthmani form differs (ٱلۡعَٰلَمِينَ gives العالمين and العلمين).
    """
    counts: Counter[str] = Counter()
    for uthmani, imlai in tokens:
        forms: set[str] = set()
        for spelling in (uthmani.replace(UTHMANI_MADDAH, ""), imlai or ""):
            for part in spelling.split():
                key = lexicon_key(part)
                if key is not None:
                    forms.add(key)
        counts.update(forms)
    total = len(tokens)
    return {form: max(1, round(n * PER_BILLION / total)) for form, n in counts.items()}


# --- output ------------------------------------------------------------------------


def write_list(path: Path, name: str, rows: Iterable[tuple[str, ...]]) -> int:
    """Write ``rows`` sorted by key under a format header; returns the entry count."""
    lines = sorted("\t".join(row) for row in rows)
    keys = [line.split("\t", 1)[0] for line in lines]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{name}: duplicate keys")
    text = "\n".join([f"{FORMAT_HEADER} {name}", *lines]) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")
    return len(lines)


def write_lists(lists: Lists, out: Path) -> dict[str, int]:
    """Write the four lists into ``out``; returns entry counts by list name."""
    out.mkdir(parents=True, exist_ok=True)
    return {
        "msa": write_list(out / "msa.tsv", "msa", ((w, str(f)) for w, f in lists.msa.items())),
        "misspellings": write_list(
            out / "misspellings.tsv",
            "misspellings",
            ((w, r, str(f)) for w, (r, f) in lists.misspellings.items()),
        ),
        "probable": write_list(
            out / "probable.tsv",
            "probable",
            ((w, r, str(f)) for w, (r, f) in lists.probable.items()),
        ),
        "quran": write_list(
            out / "quran.tsv", "quran", ((w, str(f)) for w, f in lists.quran.items())
        ),
        **{
            name: write_list(
                out / f"{name}.tsv", name, ((w, r, str(f)) for w, (r, f) in entries.items())
            )
            for name, entries in lists.strict.items()
        },
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--wordfreq-tsv",
        type=Path,
        help="word<TAB>frequency file instead of wordfreq's Arabic 'large' list",
    )
    parser.add_argument(
        "--quran-json", type=Path, help="hafs.json-format file instead of quran-text's"
    )
    oracle = parser.add_mutually_exclusive_group()
    oracle.add_argument(
        "--hunspell-cmd",
        default=DEFAULT_HUNSPELL,
        help=f"hunspell command line used as the validity oracle (default: {DEFAULT_HUNSPELL!r})",
    )
    oracle.add_argument(
        "--accepted-words", type=Path, help="file of accepted words, instead of hunspell"
    )
    defaults = Thresholds()
    for name in defaults.__dataclass_fields__:
        default = getattr(defaults, name)
        if isinstance(default, bool):
            parser.add_argument(
                "--" + name.replace("_", "-"),
                action=argparse.BooleanOptionalAction,
                default=default,
            )
        else:
            parser.add_argument("--" + name.replace("_", "-"), type=type(default), default=default)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the lists; print a summary; return 0."""
    args = parse_args(argv)
    thresholds = Thresholds(
        **{name: getattr(args, name) for name in Thresholds.__dataclass_fields__}
    )
    pairs, wf_source = wordfreq_pairs(args.wordfreq_tsv)
    freqs = collapse(pairs)
    words = sorted(freqs)
    if args.accepted_words is not None:
        accepted = file_accepted(words, args.accepted_words)
    else:
        accepted = hunspell_accepted(words, args.hunspell_cmd)
    lists = build_lexicons(freqs, accepted, thresholds)
    tokens, q_source = quran_tokens(args.quran_json)
    lists.quran = build_quran(tokens)
    counts = write_lists(lists, args.out)
    print(f"frequencies: {wf_source}: {len(pairs)} entries, {len(freqs)} Arabic keys")
    print(f"oracle accepted {len(accepted)} of {len(words)}")
    print(f"quran: {q_source}: {len(tokens)} tokens")
    for name, count in counts.items():
        print(f"{name}: {count} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
