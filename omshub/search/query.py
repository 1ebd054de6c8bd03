"""Turns what a visitor typed into the words to look for: synonyms added, misspellings fixed."""

import difflib
import re
from dataclasses import dataclass, field

from omshub.search.text import fold
from omshub.search.vocabulary import SYNONYMS, TERMS, WORRIED

WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
STOPWORDS = {
    "en": {
        "a",
        "an",
        "and",
        "are",
        "can",
        "do",
        "does",
        "for",
        "how",
        "i",
        "in",
        "is",
        "it",
        "my",
        "of",
        "on",
        "or",
        "the",
        "to",
        "what",
        "when",
        "why",
        "with",
        "will",
        "child",
        "son",
        "daughter",
    },
    "es": {
        "a",
        "al",
        "como",
        "con",
        "de",
        "del",
        "el",
        "en",
        "es",
        "la",
        "las",
        "los",
        "mi",
        "por",
        "que",
        "se",
        "su",
        "un",
        "una",
        "y",
        "hijo",
        "hija",
    },
}


@dataclass(frozen=True)
class ParsedQuery:
    typed: str
    words: list[str]  # the visitor's own words, folded, without stop words
    terms: list[str] = field(default_factory=list)  # everything to look for
    corrections: dict[str, str] = field(default_factory=dict)  # misspelled -> corrected
    # The language's vocabulary knows something typed (a synonym, a term, a fixed misspelling):
    # a hint that the visitor wrote in this language.
    understood: bool = False

    @property
    def empty(self) -> bool:
        return not self.terms


def parse(typed: str, language: str) -> ParsedQuery:
    folded = fold(typed)[:200]
    words = [w for w in WORD.findall(folded) if w not in STOPWORDS.get(language, set()) and len(w) > 1]
    terms: list[str] = list(words)
    synonyms = SYNONYMS.get(language, {})
    understood = False
    for phrase, expansions in synonyms.items():
        if re.search(rf"\b{re.escape(phrase)}\b", folded):
            terms += expansions
            understood = True
    corrections = {}
    vocabulary = TERMS.get(language, [])
    for word in words:
        understood = understood or word in vocabulary
        if len(word) >= 5 and word not in vocabulary:
            close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.8)
            if close:
                corrections[word] = close[0]
                terms.append(close[0])
                terms += synonyms.get(close[0], [])
    unique = list(dict.fromkeys(terms))
    understood = understood or bool(corrections)
    return ParsedQuery(typed=typed, words=words, terms=unique, corrections=corrections, understood=understood)


def worried(typed: str) -> bool:
    """Does the query sound like a frightened parent or an emergency, in any language?"""
    folded = fold(typed)
    return any(re.search(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", folded) for phrase in WORRIED)
