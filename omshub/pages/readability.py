"""Reading level of English page text: the Flesch-Kincaid grade, with and without medical terms.

Syllables are counted with the usual vowel-group rule (no dictionary download needed). The
"plain" grade counts a medical term (the glossary's and the search vocabulary's) as at most
two syllables, since those words cannot be avoided and are explained on first use.
"""

import re
from dataclasses import dataclass

SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    word = word.lower()
    count = len(VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    grade: float
    plain_grade: float


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
