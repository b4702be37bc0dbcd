"""Format conversion done locally: the jobs people take to online converters.

targets.py   which conversions exist from which input, chosen by --to or the output's extension
images.py    image → image, images → PDF (lossless, img2pdf), PDF → images (poppler)
pages.py     PDF page operations: merge, split, extract a range, rotate (pikepdf)
office.py    DOCX/ODT/XLSX/PPTX/RTF → PDF through LibreOffice headless, when installed
run.py       orchestration over many inputs (sanitising too: every page rendered and rebuilt as
             a pixel-only PDF, the Dangerzone idea); outputs written atomically, without metadata
"""
