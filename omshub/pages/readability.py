"""Reading level of page text in English and in Spanish, with and without medical terms.

English: the Flesch-Kincaid grade, syllables counted with the usual vowel-group rule.
Spanish: the Fernández-Huerta ease score (0-100, higher is easier) and the Szigriszt-Pazos
perspicuity score that the INFLESZ scale reads, with syllables counted by the rules of
Spanish spelling (hiatus and diphthongs). Both counters are rules, so nothing is downloaded.

The "plain" figure counts a medical term (the glossary's and the search vocabulary's) as at
most two syllables, since those words cannot be avoided and are explained on first use.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass

SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
VOWEL_GROUPS = re.compile(r"[aeiouy]+")

# Spanish: a word is a run of letters, accented ones included.
SPANISH_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
STRONG_VOWELS = set("aeoáéó")
# A weak vowel with a written accent is stressed, so it stands in its own syllable (pa-ís).
STRESSED_WEAK = set("íú")
SPANISH_VOWELS = STRONG_VOWELS | STRESSED_WEAK | set("iuü")
# The u of que, qui, gue, gui is silent; gü (pingüino) keeps it, so ü stays a vowel.
SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")


def syllables(word: str) -> int:
    word = word.lower()
    count = len(VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def _nucleus_count(vowels: str) -> int:
    """Syllables in a run of adjacent vowels: each hiatus splits it, a diphthong does not."""
    count = 1
    for first, second in itertools.pairwise(vowels):
        both_strong = first in STRONG_VOWELS and second in STRONG_VOWELS
        if both_strong or first in STRESSED_WEAK or second in STRESSED_WEAK:
            count += 1
    return count


def spanish_syllables(word: str) -> int:
    """Syllables of a Spanish word: ca-sa 2, pa-ís 2, ciu-dad 2, po-e-ta 3, que-so 2."""
    word = SILENT_U.sub("", word.lower())
    # y counts as a consonant: before a vowel it is one (ayuda), and after a vowel (hoy, muy,
    # Uruguay) it only closes a diphthong. The word "y" alone still gets its one syllable below.
    runs: list[str] = []
    current = ""
    for letter in word:
        if letter in SPANISH_VOWELS:
            current += letter
        else:
            if current:
                runs.append(current)
            current = ""
    if current:
        runs.append(current)
    return max(sum(_nucleus_count(run) for run in runs), 1)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    grade: float
    plain_grade: float


@dataclass(frozen=True)
class SpanishReadability:
    """Fernández-Huerta ease (60 or more reads at about US grade 8 or below) and INFLESZ."""

    words: int
    sentences: int
    fernandez_huerta: float
    plain_fernandez_huerta: float
    inflesz: float


def measure(text: str, medical_terms: set[str]) -> Readability:
    words = WORD.findall(text)
    sentences = max(len(SENTENCE_END.findall(text)), 1)
    if not words:
        return Readability(0, sentences, 0.0, 0.0)
    all_syllables = sum(syllables(w) for w in words)
    plain_syllables = sum(min(syllables(w), 2) if w.lower() in medical_terms else syllables(w) for w in words)

    def grade(total: int) -> float:
        return round(0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59, 1)

    return Readability(len(words), sentences, grade(all_syllables), grade(plain_syllables))


def fold(word: str) -> str:
    """Lower case without accents, the form the medical-term sets are kept in."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def measure_spanish(text: str, medical_terms: set[str]) -> SpanishReadability:
    """Fernández-Huerta (1959) and Szigriszt-Pazos (1993) scores of Spanish text.

    Fernández-Huerta: 206.84 - 60 x syllables per word - 1.02 x words per sentence.
    Szigriszt-Pazos (INFLESZ): 206.835 - 62.3 x syllables per word - words per sentence.
    """
    words = SPANISH_WORD.findall(text)
    sentences = max(len(SENTENCE_END.findall(text)), 1)
    if not words:
        return SpanishReadability(0, sentences, 0.0, 0.0, 0.0)
    counts = [spanish_syllables(w) for w in words]
    plain = [min(n, 2) if fold(w) in medical_terms else n for w, n in zip(words, counts, strict=True)]
    per_sentence = len(words) / sentences

    def fernandez_huerta(total: int) -> float:
        return round(206.84 - 60 * total / len(words) - 1.02 * per_sentence, 1)

    inflesz = round(206.835 - 62.3 * sum(counts) / len(words) - per_sentence, 1)
    return SpanishReadability(
        len(words), sentences, fernandez_huerta(sum(counts)), fernandez_huerta(sum(plain)), inflesz
    )
