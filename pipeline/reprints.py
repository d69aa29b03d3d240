"""Reprints: a document that copies an earlier one (the same wire story under another
headline or publisher, boilerplate and light edits aside) and states no figure of its own.

The test, in order:

1. `signature`: the text's words (case and punctuation aside), its publisher's
   boilerplate left out (`story`, cues in data/boilerplate.toml), as overlapping runs of
   SHINGLE words, each hashed (CRC-32), and the MinHash of that set under PERMUTATIONS
   hash functions: the share of equal positions of two signatures estimates the Jaccard
   similarity of the two sets.
2. `bands`: the signature cut into BANDS bands; two documents sharing a band's bucket are
   candidates (a pair with Jaccard 0.5 shares one with chance 0.87, at 0.7 above 0.999),
   found by an index instead of comparing every pair.
3. `contained`: how much of the shorter text the longer one holds, estimated from the
   Jaccard estimate and the two sizes, so that what a copy trims or adds does not hide
   it. At least CONTAINED (set on data/reprints/pairs, see benchmarks/reprint_accuracy.py).
4. `is_reprint`: that, and every figure (category and value) of the later document is
   one of the earlier one's: a text that revises a figure ("17 killed", where it said 12)
   is an update, not a copy, and keeps counting.

Pure: text and figures in, answers out; pipeline/reprint_links.py keeps signatures and
links in the store.
"""

from __future__ import annotations

import tomllib
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import regex

SHINGLE = 5  # words
PERMUTATIONS = 128
BANDS = 32  # of PERMUTATIONS // BANDS positions each
CHUNK = 4096  # shingles hashed at a time (128 x 4096 x 8 bytes: 4 MB)
CONTAINED = 0.75  # between unrelated briefs sharing boilerplate (up to 0.62) and reprints (0.82 up)
_PRIME = (1 << 31) - 1  # a Mersenne prime above every CRC-32 value's residue
_RNG = np.random.default_rng(20261205)  # fixed: stored signatures must stay comparable
_A = _RNG.integers(1, _PRIME, PERMUTATIONS, dtype=np.int64)
_B = _RNG.integers(0, _PRIME, PERMUTATIONS, dtype=np.int64)
_WORD = regex.compile(r"[\p{L}\p{N}]+")


@dataclass(frozen=True, slots=True, eq=False)
class Signature:
    """A document's MinHash signature (PERMUTATIONS unsigned 32-bit values) and the number
    of distinct shingles it summarises."""

    minhash: np.ndarray
    size: int

    def to_bytes(self) -> bytes:
        """The signature as stored."""
        return self.minhash.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> Signature:
        """A stored signature."""
        return cls(np.frombuffer(data, dtype="<u4"), size)


@cache
def _boilerplate() -> tuple[int, tuple[str, ...]]:
    with open(Path(__file__).parent / "data" / "boilerplate.toml", "rb") as f:
        table = tomllib.load(f)
    return table["longest"], tuple(table["cues"])


def _has_cue(text: str, cues: tuple[str, ...]) -> bool:
    """Whether a text holds one of the cues, case and blank space aside (plain substring
    searches: quicker than one pattern of them all on every document)."""
    plain = " ".join(text.casefold().split())
    return any(cue in plain for cue in cues)


def story(text: str) -> str:
    """The text without its publisher's boilerplate: paragraphs (or lines) of at most
    `longest` words holding a cue of data/boilerplate.toml ("Subscribe to...",
    "(Reporting by ...)", "Copyright ..."); all of it when nothing else is left."""
    longest, cues = _boilerplate()
    if not _has_cue(text, cues):
        return text
    kept = [p for p in regex.split(r"\n\s*\n|\n", text)
            if len(p.split()) > longest or not _has_cue(p, cues)]
    return "\n\n".join(kept) if any(p.strip() for p in kept) else text


def shingles(text: str) -> set[int]:
    """The hashes of the story's runs of SHINGLE words (all of it when shorter)."""
    words = _WORD.findall(story(text).casefold())
    runs = range(max(1, len(words) - SHINGLE + 1))
    return {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) for i in runs} if words else set()


def signature(text: str) -> Signature:
    """The MinHash signature of a text (a title may be left out: a reprint changes it)."""
    found = shingles(text)
    if not found:
        return Signature(np.zeros(PERMUTATIONS, dtype="<u4"), 0)
    values = np.fromiter(found, dtype=np.int64, count=len(found))
    lowest = np.full(PERMUTATIONS, _PRIME, dtype=np.int64)
    for start in range(0, len(values), CHUNK):  # memory bounded however long the text
        part = values[start:start + CHUNK]
        lowest = np.minimum(lowest, ((np.outer(_A, part) + _B[:, None]) % _PRIME).min(axis=1))
    return Signature(lowest.astype("<u4"), len(found))


def bands(sig: Signature) -> list[int]:
    """One bucket per band, the band's number in the high bits (so one indexed column holds
    them all): documents sharing a bucket are candidates."""
    rows = PERMUTATIONS // BANDS
    data = sig.minhash.astype("<u4").tobytes()
    return [(b << 32) | zlib.crc32(data[b * rows * 4:(b + 1) * rows * 4]) for b in range(BANDS)]


def jaccard(a: Signature, b: Signature) -> float:
    """The estimated Jaccard similarity of two documents' shingle sets."""
    if not a.size or not b.size:
        return 0.0
    return int(np.count_nonzero(a.minhash == b.minhash)) / PERMUTATIONS


def contained(a: Signature, b: Signature) -> float:
    """The estimated share of the smaller document's shingles that the other holds:
    |A and B| = J (|A| + |B|) / (1 + J)."""
    j = jaccard(a, b)
    if not j:
        return 0.0
    return min(1.0, j * (a.size + b.size) / (1 + j) / min(a.size, b.size))


def is_reprint(later: Signature, later_figures: Iterable[tuple[str, int]],
               earlier: Signature, earlier_figures: Iterable[tuple[str, int]]) -> bool:
    """Whether the later document copies the earlier one: CONTAINED or more of the text
    shared, and figures (category, value), none of them its own. (A document that states
    no figure reprints nothing that counts, and is no reprint.)"""
    later_figures = list(later_figures)
    if not later_figures or contained(later, earlier) < CONTAINED:
        return False
    return not Counter(later_figures) - Counter(earlier_figures)
