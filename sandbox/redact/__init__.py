"""Redaction: flag sensitive text, review it, burn it out of the pixels, prove nothing leaks.

policy.py     the TOML policy (rule packs, scope, terms, output options)
textmap.py    page text ↔ words, so a match of any length maps back to word boxes
detectors.py  rule packs: markings, pii-cn, pii-intl, terms, regex, names; allow-list
markings.py   classification markings, only where they stand in marking form
numbers.py    phone, identity and card numbers in any grouping; e-mail obfuscations
fuzzy.py      terms as OCR misreads them: confusion-aware edit distance by term length
names.py      a listed person's name as people write it (initials, "Surname, Given", titles)
people.py     the ``names`` pack: person names without a list, proposed for review
charboxes.py  per-character boxes for CJK words of a text layer (a hit burns the hit)
highlights.py marker-pen ink on scans: regions, and a grey image where the ink vanishes
burn.py       opaque boxes into page pixels; redacted pages (surviving words only)
review.py     the review file written by ``flag`` and applied by ``redact``
types.py      the data: marks, the work of one page, what a page yields, verify's results
views.py      independent readings of ink the plain reading left unread
inkmap.py     ink in colour: what differs from its local background (ΔE in Lab), dot screens, bars
formmarks.py  form marks that carry no letters (checkboxes, rules, blobs, specks), kept by kind
tints.py      a 1-bit page's dithered grey highlights: their dots are paper
codes.py      barcodes and QR codes: payloads checked like text, flagged or unreadable ones burned
work.py       the work on one page in a worker: find, burn, read again
checks.py     independent checks of every output before anything is written
flag.py       ``flag``: findings of every document → the review file
apply.py      ``redact``: burn, rebuild the outputs, check them, write all or none
verify.py     ``verify``: check files made by anyone
report.py     the run's summary and the per-document report (counts and boxes, no text)
"""
