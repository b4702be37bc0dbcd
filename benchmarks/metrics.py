"""Accuracy metrics shared by tests and benchmarks: character error rate and word F1."""

from __future__ import annotations

from collections import Counter

from rapidfuzz.distance import Levenshtein

from sandbox.text import is_cjk, normalise


def cer(truth: str, hypothesis: str) -> float:
    """Character error rate after normalisation (NFKC, whitespace folded, none beside CJK)."""
    ref = normalise(truth)
    hyp = normalise(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return Levenshtein.distance(ref, hyp) / len(ref)


def _tokens(text: str) -> list[str]:
    """Words for Latin text; single characters for CJK (which has no word spaces)."""
    out: list[str] = []
    for token in normalise(text).split():
        buf = ""
        for ch in token:
            if is_cjk(ch):
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(ch)
            else:
                buf += ch
        if buf:
            out.append(buf)
    return out


def word_f1(truth: str, hypothesis: str) -> float:
    """Order-independent word F1 (bag of words)."""
    ref, hyp = Counter(_tokens(truth)), Counter(_tokens(hypothesis))
    common = sum((ref & hyp).values())
    if not ref and not hyp:
        return 1.0
    if common == 0:
        return 0.0
    precision = common / sum(hyp.values())
    recall = common / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def match_headings(truth: list[str], found: list[str], tolerance: float = 0.2) -> tuple[int, int, int]:
    """(matched, found, true): each found heading matched to the closest unmatched true one
    within ``tolerance`` CER, for heading precision and recall."""
    left = list(truth)
    matched = 0
    for text in found:
        best = min(left, key=lambda t: cer(t, text), default=None)
        if best is not None and cer(best, text) <= tolerance:
            left.remove(best)
            matched += 1
    return matched, len(found), len(truth)
