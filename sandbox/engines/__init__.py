"""OCR engines.  ``tesseract`` is the only one, and the only module importing pytesseract."""
