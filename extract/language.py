"""The language of a document, told cheaply and offline: the script of its letters, then
the share of very common function words of each language among its words (the lists are
data, in data/languages.toml).

The extractor reads English; this tells a user why a French or Arabic document gives no
figures. Text in Latin letters with too few function words to tell (a title, a list of
labels and numbers) is taken for English, the language the extractor assumes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache

import regex

from .lexicon import data_table

PREFIX = 20_000  # characters read: enough to tell, and a bound on the cost of any text
MIN_EVIDENCE = 3.0  # function words (weighted) another language needs before it is told
MIN_SHARE = 0.08  # ... and their share of the words
ENGLISH_CLOSE = 0.5  # English this close to the best (a bilingual text) stays English
KANA_SHARE = 0.1  # Japanese mixes Han with kana; this share of kana makes it Japanese

_WORD = regex.compile(r"\p{L}+")
_LATIN = regex.compile(r"\p{Latin}")
_OTHER_LETTER = regex.compile(r"(?=\p{L})\P{Latin}")


@cache
def _data() -> tuple[dict[str, str], dict[str, list[str]], dict[str, dict[str, float]]]:
    """(names, scripts, {word: {language: weight}}) from languages.toml."""
    data = data_table("languages.toml")
    holders: dict[str, list[str]] = defaultdict(list)
    for language, found in data["function_words"].items():
        for word in dict.fromkeys(found):
            holders[word].append(language)
    weights = {word: {language: 1 / len(langs) for language in langs}
               for word, langs in holders.items()}
    return data["names"], data["scripts"], weights


@cache
def _script_pattern(script: str) -> regex.Pattern:
    return regex.compile(rf"\p{{Script={script}}}")


def language_name(code: str) -> str:
    """The English name of a language code ("fr": "French"); the code when unknown."""
    return _data()[0].get(code, code)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language a text is written in ("en", "fr", "ar", ...),
    "und" when it has no letters or is in a script the table does not know."""
    sample = text[:PREFIX]
    other = len(_OTHER_LETTER.findall(sample))  # (none, in most English text: one quick scan)
    latin = len(_LATIN.findall(sample)) if other else _LATIN.search(sample) is not None
    if not latin and not other:
        return "und"
    if latin >= other:
        return _by_words(sample, None) or "en"
    return _by_script(sample)


def _by_script(sample: str) -> str:
    """The language of a text mostly in letters other than Latin."""
    _, scripts, _ = _data()
    counts = {script: len(_script_pattern(script).findall(sample)) for script in scripts}
    kana = counts.get("Hiragana", 0) + counts.get("Katakana", 0)
    if kana and kana >= KANA_SHARE * (kana + counts.get("Han", 0)):
        return "ja"
    script, count = max(counts.items(), key=lambda item: item[1])
    if not count:
        return "und"
    candidates = scripts[script]
    if len(candidates) == 1:
        return candidates[0]
    return _by_words(sample, set(candidates), need=1.0) or candidates[0]


def _by_words(sample: str, among: set[str] | None, need: float = MIN_EVIDENCE) -> str | None:
    """The language whose function words stand out (among some, or any), or None when
    none does."""
    _, _, weights = _data()
    words = _WORD.findall(sample.casefold())
    scores: Counter[str] = Counter()
    for word in words:
        for language, weight in weights.get(word, {}).items():
            if among is None or language in among:
                scores[language] += weight
    if not scores:
        return None
    best, score = scores.most_common(1)[0]
    if among is not None:
        return best if score >= need else None
    if best == "en" or score < need or score < MIN_SHARE * len(words):
        return None
    if scores["en"] >= ENGLISH_CLOSE * score:  # a bilingual text: its English is read
        return None
    return best


def is_english(code: str) -> bool:
    """True for English, and for a text whose language is unknown or undetermined (the
    extractor reads it as English and nothing is said)."""
    return code in ("en", "und", "")


def not_english(name: str, code: str, found: int) -> str | None:
    """What to tell a user about a document `name` in language `code` from which `found`
    figures were read: why there are none (or few), when it is not in English; None when
    it is."""
    if is_english(code):
        return None
    said = f"{name} is in {language_name(code)} ({code})"
    if not found:
        return f"{said}: no figures, since the extractor reads English only"
    return f"{said}: the extractor reads English only, so check the {found} figure(s) it found"
