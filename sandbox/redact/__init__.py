"""Redaction: flag sensitive text, review it, burn it out of the pixels, prove nothing leaks.

policy.py     the TOML policy (rule packs, scope, terms, output options)
textmap.py    page text ↔ words, so a match of any length maps back to word boxes
detectors.py  rule packs: markings, pii-cn, pii-intl, terms, regex; allow-list
highlights.py marker-pen ink on scans: regions, and a grey image where the ink vanishes
burn.py       opaque boxes into page pixels; redacted pages (surviving words only)
review.py     the review file written by ``flag`` and applied by ``redact``
verify.py     independent checks of every output before anything is written
"""
