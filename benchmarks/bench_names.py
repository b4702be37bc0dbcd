"""Precision and recall of the ``names`` pack on the labelled set of ``benchmarks/names_set.py``.

    .venv/bin/python -m benchmarks.bench_names

A proposal counts as right when its text is exactly a labelled name of its sentence (extra
characters, or half a name, count as wrong and as missed).  Prints counts only.
"""

from __future__ import annotations

from benchmarks.names_set import CN, EN
from sandbox.redact.people import people


def score(rows: list[tuple[str, list[str]]]) -> tuple[int, int, int]:
    """(true positives, proposals, labelled names)."""
    tp = proposed = labelled = 0
    for sentence, names in rows:
        found = [sentence[s:e] for _, s, e in people(sentence)]
        proposed += len(found)
        labelled += len(names)
        tp += sum(1 for f in found if f in names)
    return tp, proposed, labelled


def main() -> int:
    for label, rows in (("English", EN), ("Chinese", CN)):
        tp, proposed, labelled = score(rows)
        precision = tp / proposed if proposed else 1.0
        recall = tp / labelled if labelled else 1.0
        print(f"{label}: {len(rows)} sentences, {labelled} names, {proposed} proposed, "
              f"precision {precision:.2f}, recall {recall:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
